//! Changing a store in place: documents replaced or removed, graphs made to hold exactly a
//! given set of statements, each change one transaction.
//!
//! A document is its named graph plus what the provenance graph says about that graph, its
//! source file and the file's checksum; the caller names those resources in a
//! [`DocumentGraphs`]. Every change keeps the store's merge (its default graph, see the module
//! above) exact: a triple leaves the merge when the last named graph stating it lets it go.

use super::{in_default_graph, GraphStore, StoreError};
use crate::rdf::vocab::{foaf, kv, prov, spdx};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::store::Transaction;
use std::collections::{BTreeMap, HashSet};

/// The resources one document occupies in the store.
#[derive(Debug, Clone)]
pub struct DocumentGraphs {
    /// The document's own named graph.
    pub graph: NamedNode,
    /// The source file and its checksum, described in the provenance graph.
    pub source: NamedNode,
    pub checksum: NamedNode,
    pub provenance_graph: NamedNode,
}

/// A document the store holds, as its provenance records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredDocument {
    pub source_path: String,
    pub sha256: String,
    /// The set of questions the document was taken to describe (`foaf:topic` of its graph).
    pub set: Option<String>,
}

impl GraphStore {
    /// Every document recorded in `provenance_graph`, by source path.
    pub(crate) fn stored_documents(
        &self,
        provenance_graph: &NamedNode,
    ) -> Result<BTreeMap<String, StoredDocument>, StoreError> {
        let graph = GraphNameRef::from(provenance_graph);
        let mut documents = BTreeMap::new();
        for quad in self
            .store
            .quads_for_pattern(None, Some(kv::SOURCE_PATH), None, Some(graph))
        {
            let quad = quad?;
            let Term::Literal(path) = &quad.object else {
                continue;
            };
            let sha256 = self
                .object_of(quad.subject.as_ref(), spdx::CHECKSUM_PROPERTY, graph)?
                .and_then(|checksum| match checksum {
                    Term::NamedNode(checksum) => Some(checksum),
                    _ => None,
                })
                .map(|checksum| {
                    self.object_of(checksum.as_ref().into(), spdx::CHECKSUM_VALUE, graph)
                })
                .transpose()?
                .flatten();
            if let Some(Term::Literal(sha256)) = sha256 {
                let set = self.set_of_source(quad.subject.as_ref(), graph)?;
                let source_path = path.value().to_owned();
                documents.insert(
                    source_path.clone(),
                    StoredDocument {
                        source_path,
                        sha256: sha256.value().to_owned(),
                        set,
                    },
                );
            }
        }
        Ok(documents)
    }

    /// The set recorded for the document graph derived from `source`.
    fn set_of_source(
        &self,
        source: oxigraph::model::NamedOrBlankNodeRef<'_>,
        graph: GraphNameRef<'_>,
    ) -> Result<Option<String>, StoreError> {
        let derived = self
            .store
            .quads_for_pattern(
                None,
                Some(prov::WAS_DERIVED_FROM),
                Some(source.into()),
                Some(graph),
            )
            .next()
            .transpose()?;
        let Some(derived) = derived else {
            return Ok(None);
        };
        Ok(
            match self.object_of(derived.subject.as_ref(), foaf::TOPIC, graph)? {
                Some(Term::NamedNode(set)) => Some(set.into_string()),
                _ => None,
            },
        )
    }

    fn object_of(
        &self,
        subject: oxigraph::model::NamedOrBlankNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
        graph: GraphNameRef<'_>,
    ) -> Result<Option<Term>, StoreError> {
        let mut quads =
            self.store
                .quads_for_pattern(Some(subject), Some(predicate), None, Some(graph));
        Ok(quads.next().transpose()?.map(|quad| quad.object))
    }

    /// Adds documents the store does not hold yet, at once: killed half-way, the store has all
    /// of them or none. The bulk loader writes sorted files that RocksDB takes in together,
    /// many times faster than a transaction of the same quads.
    pub(crate) fn add_documents(&self, quads: Vec<Quad>) -> Result<(), StoreError> {
        let mut loader = self.loader()?;
        loader.add(quads.iter().map(Quad::as_ref))?;
        loader.commit()
    }

    /// Writes a batch of documents in one transaction: each takes the place of what the store
    /// held for it, if anything. Killed half-way, the store has the whole batch or none of it.
    pub(crate) fn replace_documents(
        &self,
        batch: Vec<(DocumentGraphs, Vec<Quad>)>,
    ) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction()?;
        for (document, quads) in batch {
            remove_document(&mut transaction, &document)?;
            for quad in &quads {
                transaction.insert(quad);
                transaction.insert(&in_default_graph(quad));
            }
        }
        Ok(transaction.commit()?)
    }

    /// Removes documents, with their provenance, in one transaction.
    pub(crate) fn remove_documents(&self, documents: &[DocumentGraphs]) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction()?;
        for document in documents {
            remove_document(&mut transaction, document)?;
        }
        Ok(transaction.commit()?)
    }

    /// Makes `graph` hold exactly `quads` (which must all be in `graph`), in one transaction.
    pub(crate) fn replace_graph(
        &self,
        graph: &NamedNode,
        quads: Vec<Quad>,
    ) -> Result<(), StoreError> {
        let wanted: HashSet<Quad> = quads.into_iter().collect();
        let mut transaction = self.write_transaction()?;
        let held = quads_of_graph(&transaction, graph)?;
        let stale: Vec<Quad> = held
            .iter()
            .filter(|q| !wanted.contains(*q))
            .cloned()
            .collect();
        remove_quads(&mut transaction, &stale)?;
        let held: HashSet<Quad> = held.into_iter().collect();
        for quad in wanted.difference(&held) {
            transaction.insert(quad);
            transaction.insert(&in_default_graph(quad));
        }
        Ok(transaction.commit()?)
    }

    /// Removes from `graph`, in one transaction, every statement `keep` does not want.
    /// Returns how many went.
    pub(crate) fn retain_in_graph(
        &self,
        graph: &NamedNode,
        keep: impl Fn(&Quad) -> bool,
    ) -> Result<usize, StoreError> {
        let mut transaction = self.write_transaction()?;
        let stale: Vec<Quad> = quads_of_graph(&transaction, graph)?
            .into_iter()
            .filter(|quad| !keep(quad))
            .collect();
        remove_quads(&mut transaction, &stale)?;
        transaction.commit()?;
        Ok(stale.len())
    }

    /// The statements of the merge with `predicate`, each once.
    pub(crate) fn merged_statements_with(
        &self,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<Quad>, StoreError> {
        self.index.write_merge_into(&self.store)?;
        self.store
            .quads_for_pattern(
                None,
                Some(predicate),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .map(|quad| Ok(quad?))
            .collect()
    }
}

fn quads_of_graph(
    transaction: &Transaction<'_>,
    graph: &NamedNode,
) -> Result<Vec<Quad>, StoreError> {
    transaction
        .quads_for_pattern(None, None, None, Some(graph.into()))
        .map(|quad| Ok(quad?))
        .collect()
}

/// Removes a document's graph and its provenance, if the store has them.
fn remove_document(
    transaction: &mut Transaction<'_>,
    document: &DocumentGraphs,
) -> Result<(), StoreError> {
    let mut removed = quads_of_graph(transaction, &document.graph)?;
    let provenance = GraphNameRef::from(&document.provenance_graph);
    for subject in [&document.graph, &document.source, &document.checksum] {
        for quad in
            transaction.quads_for_pattern(Some(subject.into()), None, None, Some(provenance))
        {
            removed.push(quad?);
        }
    }
    if removed.is_empty() {
        return Ok(());
    }
    remove_quads(transaction, &removed)?;
    Ok(transaction.remove_named_graph(&document.graph)?)
}

/// Removes quads from their named graphs, and from the merge each triple no other named graph
/// still states.
fn remove_quads(transaction: &mut Transaction<'_>, quads: &[Quad]) -> Result<(), StoreError> {
    for quad in quads {
        transaction.remove(quad);
    }
    for quad in quads {
        if !stated_in_a_named_graph(transaction, quad)? {
            transaction.remove(&in_default_graph(quad));
        }
    }
    Ok(())
}

fn stated_in_a_named_graph(transaction: &Transaction<'_>, quad: &Quad) -> Result<bool, StoreError> {
    for stated in transaction.quads_for_pattern(
        Some(quad.subject.as_ref()),
        Some(quad.predicate.as_ref()),
        Some(quad.object.as_ref()),
        None,
    ) {
        if !stated?.graph_name.is_default_graph() {
            return Ok(true);
        }
    }
    Ok(false)
}
