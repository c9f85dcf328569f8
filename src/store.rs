//! The in-memory oxigraph store: the only module that touches `oxigraph::store`.
//!
//! Quads enter from the mapping, one document at a time; they leave as the full set of quads
//! (for export, which sorts them) or as SPARQL results evaluated over the union of all graphs,
//! with the dumps' prefixes pre-declared.

use crate::vocab;
use oxigraph::model::Quad;
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
        Ok(self.loader.load_quads(quads)?)
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

    /// Adds one document's quads in one transaction, so a document is in whole or not at all.
    pub fn insert(&self, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction()?;
        transaction.extend(quads);
        transaction.commit()?;
        Ok(())
    }

    /// A loader for many documents at once: faster than a transaction each. What it was given
    /// is in the store once [`StoreLoader::commit`] returns.
    pub fn loader(&self) -> StoreLoader<'_> {
        StoreLoader {
            loader: self.store.bulk_loader(),
        }
    }

    /// How many quads the store holds.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// Every quad, in the store's own (unsorted) order.
    pub fn quads(&self) -> Result<Vec<Quad>, StoreError> {
        Ok(self.store.iter().collect::<Result<_, _>>()?)
    }

    /// Evaluates a SPARQL query over the union of all graphs. Relative IRIs in the query
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
        let mut query = evaluator.parse_query(sparql)?;
        query.dataset_mut().set_default_graph_as_union();
        Ok(query.on_store(&self.store).execute()?)
    }
}
