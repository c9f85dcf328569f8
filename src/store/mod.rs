//! The in-memory oxigraph store: the only module that touches `oxigraph::store`.
//!
//! Quads enter from the mapping, one document at a time; they leave as the full set of quads
//! (for export, which sorts them) or as SPARQL results evaluated over the merge of all graphs,
//! with the dumps' prefixes pre-declared.
//!
//! Every document graph restates what it says about its set of questions (the question, the
//! answer and each notice name the same submitters), and oxigraph's union default graph keeps
//! one copy per graph: a join over four such patterns then multiplies rows by the number of
//! documents to the fourth power, and `COUNT(*)` counts restatements. So the store keeps the
//! RDF merge itself: each triple is also written once into the default graph, and queries run
//! over that. Document graphs stay as they are for `GRAPH ?g` and for export.

use crate::vocab;
use oxigraph::model::{GraphName, Quad};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};

/// What can go wrong in the store or in a query.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store: {0}")]
    Storage(#[from] StorageError),
    #[error("query syntax: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("query evaluation: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
}

/// Loads many documents into a store in bulk.
pub struct StoreLoader<'a> {
    loader: oxigraph::store::BulkLoader<'a>,
}

impl StoreLoader<'_> {
    pub fn add(&mut self, quads: Vec<Quad>) -> Result<(), StoreError> {
        let merged: Vec<Quad> = quads.iter().map(in_default_graph).collect();
        self.loader.load_quads(quads)?;
        Ok(self.loader.load_quads(merged)?)
    }

    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.loader.commit()?)
    }
}

/// The graph of every document loaded so far.
#[derive(Clone)]
pub struct GraphStore {
    store: Store,
}

impl GraphStore {
    /// An empty in-memory store.
    pub fn new() -> Result<Self, StoreError> {
        Ok(Self {
            store: Store::new()?,
        })
    }

    /// A loader for many documents at once: faster than a transaction each. What it was given
    /// is in the store once [`StoreLoader::commit`] returns.
    pub fn loader(&self) -> StoreLoader<'_> {
        StoreLoader {
            loader: self.store.bulk_loader(),
        }
    }

    /// Every quad of the document graphs, in the store's own (unsorted) order.
    pub fn quads(&self) -> Result<Vec<Quad>, StoreError> {
        let mut quads = Vec::new();
        for quad in self.store.iter() {
            let quad = quad?;
            if !quad.graph_name.is_default_graph() {
                quads.push(quad);
            }
        }
        Ok(quads)
    }

    /// Evaluates a SPARQL query over the merge of all graphs. Relative IRIs in the query
    /// resolve against `base`, and every prefix of [`vocab::prefixes`] is declared.
    pub fn query(&self, sparql: &str, base: &str) -> Result<QueryResults<'static>, StoreError> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in vocab::prefixes() {
            evaluator = evaluator
                .with_prefix(prefix, iri)
                .expect("vocabulary namespaces are valid IRIs");
        }
        let evaluator = evaluator
            .with_base_iri(base)
            .expect("the base was validated when the minter was made");
        let query = evaluator.parse_query(sparql)?;
        Ok(query.on_store(&self.store).execute()?)
    }
}

fn in_default_graph(quad: &Quad) -> Quad {
    Quad::new(
        quad.subject.clone(),
        quad.predicate.clone(),
        quad.object.clone(),
        GraphName::DefaultGraph,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};
    use oxigraph::sparql::QuerySolutionIter;

    fn stated_in(graph: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked("https://example.org/set"),
            NamedNode::new_unchecked("http://purl.org/dc/terms/identifier"),
            Literal::new_simple_literal("2019Z15244"),
            NamedNode::new_unchecked(graph),
        )
    }

    fn count(store: &GraphStore, sparql: &str) -> String {
        let QueryResults::Solutions(solutions) =
            store.query(sparql, "https://example.org/").unwrap()
        else {
            panic!("not a SELECT");
        };
        let solutions: QuerySolutionIter = solutions;
        let row = solutions.into_iter().next().unwrap().unwrap();
        match row.get("n").unwrap() {
            oxigraph::model::Term::Literal(n) => n.value().to_owned(),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn a_triple_two_documents_state_is_counted_once_but_kept_in_both_graphs() {
        let store = GraphStore::new().unwrap();
        let mut loader = store.loader();
        for graph in ["https://example.org/graph/a", "https://example.org/graph/b"] {
            loader.add(vec![stated_in(graph)]).unwrap();
        }
        loader.commit().unwrap();

        assert_eq!(
            count(&store, "SELECT (COUNT(*) AS ?n) { ?s dct:identifier ?z }"),
            "1"
        );
        assert_eq!(
            count(
                &store,
                "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s dct:identifier ?z } }"
            ),
            "2"
        );
        let mut graphs: Vec<String> = store
            .quads()
            .unwrap()
            .iter()
            .map(|quad| quad.graph_name.to_string())
            .collect();
        graphs.sort();
        assert_eq!(
            graphs,
            [
                "<https://example.org/graph/a>",
                "<https://example.org/graph/b>"
            ]
        );
    }
}
