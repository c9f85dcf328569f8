//! The oxigraph store: the only module that touches `oxigraph::store`.
//!
//! Quads enter from the mapping: all at once for a fresh store ([`GraphStore::loader`]: one
//! transaction in memory, oxigraph's bulk loader on disk), or a batch of documents at a time
//! for a store that is kept and updated ([`edit`]): new documents through the bulk loader,
//! changed ones in a transaction. They leave as the full set of quads (for export, which
//! sorts them) or as SPARQL results evaluated over the merge of all graphs, with the dumps'
//! prefixes pre-declared. With the `persistent` feature the store can live on disk
//! ([`GraphStore::open`]).
//!
//! Every document graph restates what it says about its set of questions (the question, the
//! answer and each notice name the same submitters), and oxigraph's union default graph keeps
//! one copy per graph: a join over four such patterns then multiplies rows by the number of
//! documents to the fourth power, and `COUNT(*)` counts restatements. So the store keeps the
//! RDF merge itself: each triple is also written once into the default graph, and queries run
//! over that. Document graphs stay as they are for `GRAPH ?g` and for export.
//!
//! A store loaded in memory in one go (every `query`, `serve` and `validate` over files) also
//! keeps an `index` of its quads, sorted six ways with every term numbered, and queries read
//! that instead of the store: oxigraph's own evaluator runs them, on a dataset that finds a
//! pattern's quads by binary search. While it does, the merge is in the index alone; any later
//! write first puts the merge in the store, then drops the index (see `slot`). A store on disk
//! has none: its RocksDB indexes are sorted already.

mod edit;
mod index;
mod shape;
mod slot;
mod syntax;
mod watch;
mod writer;

pub use edit::DocumentGraphs;
pub(crate) use edit::StoredDocument;
pub use shape::{check_query_shape, QueryShapeError, MAX_DEPTH, MAX_OPERATORS, QUERY_STACK};

pub(crate) use index::term_bytes;
pub use index::MADE_UP_BYTES;
use index::{IndexBuilder, IndexedDataset};
use slot::IndexSlot;
use watch::Watch;
pub use watch::{catching_stops, EvaluationStop};
use writer::BackgroundTransaction;

use crate::rdf::vocab;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, QuadRef};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use spargebra::SparqlParser;

/// What can go wrong in the store or in a query.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store")]
    Storage(#[from] StorageError),
    /// What is wrong and where, told so that the query can be mended (see `syntax`).
    #[error("{0}")]
    Syntax(String),
    #[error("query refused")]
    Shape(#[from] QueryShapeError),
    #[error("query evaluation")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("{}: cannot open the store", path.display())]
    Open {
        path: std::path::PathBuf,
        source: StorageError,
    },
    #[error("{}: cannot lock the store", path.display())]
    Lock {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {}", path.display(), if *writing { "another process has the store open; a load needs it to itself" } else { "a load is writing to the store; try again when it is done" })]
    Busy {
        path: std::path::PathBuf,
        writing: bool,
    },
    #[error("{}: cannot read or write what the store was mapped with", path.display())]
    Mapping {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{}: an on-disk store needs the `persistent` feature; build with `cargo build --release --features persistent`", path.display())]
    NotPersistent { path: std::path::PathBuf },
    #[error("store: the writer of a load stopped before the load ended")]
    WriterStopped,
}

/// Loads many documents into a store at once: all of them, or none if it is not committed.
pub struct StoreLoader<'a> {
    writer: LoaderWriter<'a>,
    /// For a load into an empty in-memory store: the index queries will read, and where it
    /// goes once the load is committed. The merge then goes into the index alone (see
    /// [`slot`]).
    index: Option<(IndexBuilder, &'a IndexSlot)>,
}

/// RocksDB's bulk loader writes sorted files that the database takes in whole, many times
/// faster than a transaction. In memory the bulk loader is a transaction too, but one that
/// wants owned quads, each four new strings, only to insert them by reference; a transaction
/// on its own thread takes them by reference, while the loader goes on.
enum LoaderWriter<'a> {
    Bulk(oxigraph::store::BulkLoader<'a>),
    Background(BackgroundTransaction),
}

/// Quads handed over whole to a loader ([`StoreLoader::add_batch`]), for a writer on another
/// thread to read while the caller goes on.
pub trait QuadBatch: Send + Sync + 'static {
    fn quads(&self) -> Box<dyn Iterator<Item = QuadRef<'_>> + '_>;
}

impl QuadBatch for Vec<Quad> {
    fn quads(&self) -> Box<dyn Iterator<Item = QuadRef<'_>> + '_> {
        Box::new(self.iter().map(Quad::as_ref))
    }
}

impl StoreLoader<'_> {
    /// Adds `quads` to their graphs, and to the merge. An in-memory store's writer gets a copy
    /// of them: [`Self::add_batch`] spares that.
    pub fn add<'q, I>(&mut self, quads: I) -> Result<(), StoreError>
    where
        I: IntoIterator<Item = QuadRef<'q>>,
        I::IntoIter: Clone,
    {
        match &mut self.writer {
            LoaderWriter::Bulk(loader) => {
                let quads = quads.into_iter();
                loader.load_quads(quads.clone())?;
                Ok(loader.load_quads(quads.map(in_the_merge))?)
            }
            LoaderWriter::Background(_) => {
                self.add_batch(quads.into_iter().map(Quad::from).collect::<Vec<_>>())
            }
        }
    }

    /// Adds the quads of `batch` to their graphs, and to the merge.
    pub fn add_batch(&mut self, batch: impl QuadBatch) -> Result<(), StoreError> {
        match &mut self.writer {
            LoaderWriter::Bulk(loader) => {
                loader.load_quads(batch.quads())?;
                loader.load_quads(batch.quads().map(in_the_merge))?;
            }
            LoaderWriter::Background(writer) => {
                let batch: std::sync::Arc<dyn QuadBatch> = std::sync::Arc::new(batch);
                writer.send(std::sync::Arc::clone(&batch))?;
                if let Some((builder, _)) = &mut self.index {
                    batch.quads().for_each(|quad| builder.add(quad));
                }
            }
        }
        Ok(())
    }

    pub fn commit(self) -> Result<(), StoreError> {
        // The index is sorted while the writer takes in the last batches.
        let index = self.index.map(|(builder, slot)| (builder.finish(), slot));
        match self.writer {
            LoaderWriter::Bulk(loader) => loader.commit()?,
            LoaderWriter::Background(writer) => writer.commit()?,
        }
        if let Some((index, slot)) = index {
            slot.put_holding_merge(index);
        }
        Ok(())
    }
}

/// The graph of every document loaded so far.
#[derive(Clone)]
pub struct GraphStore {
    store: Store,
    /// Held as long as an on-disk store is open.
    _lock: Option<std::sync::Arc<std::fs::File>>,
    /// What the documents were mapped with: a file beside an on-disk store, else in memory.
    mapping: MappingRecord,
    /// The index queries read instead of the store: made by a load into an empty in-memory
    /// store, dropped by any other write.
    index: IndexSlot,
}

/// Where a store keeps the stamp of what its documents were mapped with (see
/// [`GraphStore::mapping`]).
#[derive(Clone)]
enum MappingRecord {
    #[cfg_attr(not(feature = "persistent"), allow(dead_code))]
    File(std::path::PathBuf),
    Memory(std::sync::Arc<std::sync::Mutex<Option<String>>>),
}

/// How a process holds an on-disk store. RocksDB lets one process write and others open the
/// same files read-only, but reading while another process writes is undefined behaviour; so
/// a lock file in the store's folder lets many readers or one writer in, and tells the others
/// why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StoreLock {
    Exclusive,
    Shared,
}

impl StoreLock {
    #[cfg(feature = "persistent")]
    fn take(self, dir: &std::path::Path) -> Result<std::fs::File, StoreError> {
        let io_error = |source| StoreError::Lock {
            path: dir.to_owned(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io_error)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("kamervragen.lock"))
            .map_err(io_error)?;
        let taken = match self {
            Self::Exclusive => file.try_lock(),
            Self::Shared => file.try_lock_shared(),
        };
        match taken {
            Ok(()) => Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Busy {
                path: dir.to_owned(),
                writing: self == Self::Exclusive,
            }),
            Err(std::fs::TryLockError::Error(source)) => Err(io_error(source)),
        }
    }
}

impl GraphStore {
    /// An empty in-memory store.
    pub fn new() -> Result<Self, StoreError> {
        Ok(Self {
            store: Store::new()?,
            _lock: None,
            mapping: MappingRecord::Memory(Default::default()),
            index: IndexSlot::default(),
        })
    }

    /// The store kept in `dir`, created when there is none, for reading and writing. Only one
    /// process at a time may hold a store so (see [`StoreLock`]). Without the `persistent`
    /// feature there is no on-disk store, and this says how to build one.
    pub fn open(dir: &std::path::Path) -> Result<Self, StoreError> {
        Self::open_with(dir, StoreLock::Exclusive)
    }

    /// The store kept in `dir`, for reading only: many readers may share it, but not with a
    /// process writing to it.
    pub fn open_read_only(dir: &std::path::Path) -> Result<Self, StoreError> {
        Self::open_with(dir, StoreLock::Shared)
    }

    #[cfg(feature = "persistent")]
    fn open_with(dir: &std::path::Path, lock: StoreLock) -> Result<Self, StoreError> {
        let open_error = |source| StoreError::Open {
            path: dir.to_owned(),
            source,
        };
        let guard = lock.take(dir)?;
        let store = match lock {
            StoreLock::Exclusive => Store::open(dir),
            StoreLock::Shared => Store::open_read_only(dir),
        }
        .map_err(open_error)?;
        Ok(Self {
            store,
            _lock: Some(std::sync::Arc::new(guard)),
            mapping: MappingRecord::File(dir.join("kamervragen.mapping")),
            index: IndexSlot::default(),
        })
    }

    #[cfg(not(feature = "persistent"))]
    fn open_with(dir: &std::path::Path, _: StoreLock) -> Result<Self, StoreError> {
        Err(StoreError::NotPersistent {
            path: dir.to_owned(),
        })
    }

    /// The stamp of what the documents in the store were mapped with, as last set by
    /// [`Self::set_mapping`]; `None` for a store never loaded to the end.
    pub fn mapping(&self) -> Result<Option<String>, StoreError> {
        match &self.mapping {
            MappingRecord::Memory(stamp) => Ok(stamp.lock().expect("not poisoned").clone()),
            MappingRecord::File(path) => match std::fs::read_to_string(path) {
                Ok(stamp) => Ok(Some(stamp.trim().to_owned())),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(source) => Err(StoreError::Mapping {
                    path: path.clone(),
                    source,
                }),
            },
        }
    }

    /// Records what the documents were mapped with, once a load has finished.
    pub fn set_mapping(&self, stamp: &str) -> Result<(), StoreError> {
        match &self.mapping {
            MappingRecord::Memory(record) => {
                *record.lock().expect("not poisoned") = Some(stamp.to_owned());
                Ok(())
            }
            MappingRecord::File(path) => {
                std::fs::write(path, format!("{stamp}\n")).map_err(|source| StoreError::Mapping {
                    path: path.clone(),
                    source,
                })
            }
        }
    }

    /// Writes what is still in memory to disk (a no-op for an in-memory store).
    pub fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "persistent")]
        self.store.flush()?;
        Ok(())
    }

    /// A loader for many documents at once: faster than a transaction each. What it was given
    /// is in the store once [`StoreLoader::commit`] returns.
    ///
    /// A load into an empty in-memory store also builds the index that queries then read; any
    /// other load drops the index, since it would no longer hold all the store does.
    pub fn loader(&self) -> Result<StoreLoader<'_>, StoreError> {
        let fresh = self.store.is_empty()?;
        let (writer, index) = match self.mapping {
            // A store on disk never has an index (see the module's doc).
            MappingRecord::File(_) => (LoaderWriter::Bulk(self.store.bulk_loader()), None),
            MappingRecord::Memory(_) => {
                self.drop_index_for_write()?;
                let index = fresh.then(|| (IndexBuilder::default(), &self.index));
                // With an index, the merge is the index's alone (see `slot`).
                let with_merge = index.is_none();
                let writer = BackgroundTransaction::start(self.store.clone(), with_merge)?;
                (LoaderWriter::Background(writer), index)
            }
        };
        Ok(StoreLoader { writer, index })
    }

    /// A transaction for a write.
    fn write_transaction(&self) -> Result<oxigraph::store::Transaction<'_>, StoreError> {
        self.drop_index_for_write()?;
        Ok(self.store.start_transaction()?)
    }

    /// What every write does first, so that no write leaves the index holding what the store
    /// no longer does: the index is dropped, once the store holds the merge.
    fn drop_index_for_write(&self) -> Result<(), StoreError> {
        Ok(self.index.clear(&self.store)?)
    }

    /// The named graphs, sorted by IRI.
    pub fn graph_names(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut names = Vec::new();
        for name in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(name) = name? {
                names.push(name);
            }
        }
        names.sort_unstable();
        Ok(names)
    }

    /// Every quad of one named graph, in the store's own (unsorted) order.
    pub fn graph_quads(&self, graph: &NamedNode) -> Result<Vec<Quad>, StoreError> {
        self.store
            .quads_for_pattern(None, None, None, Some(graph.into()))
            .map(|quad| Ok(quad?))
            .collect()
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
        self.query_with(sparql, base, QueryControl::default())
    }

    /// Like [`Self::query`], with a way to stop the evaluation and, as the SPARQL protocol's
    /// `default-graph-uri` and `named-graph-uri` ask, another dataset.
    pub fn query_with(
        &self,
        sparql: &str,
        base: &str,
        control: QueryControl,
    ) -> Result<QueryResults<'static>, StoreError> {
        check_query_shape(sparql)?;
        let mut parser = SparqlParser::new()
            .with_base_iri(base)
            .expect("the base was validated when the minter was made");
        for (prefix, iri) in vocab::prefixes() {
            parser = parser
                .with_prefix(prefix, iri)
                .expect("vocabulary namespaces are valid IRIs");
        }
        let query = parser
            .parse_query(sparql)
            .map_err(|error| StoreError::Syntax(syntax::explain(sparql, &error.to_string())))?;
        let watch = Watch::new(control.cancellation.clone(), control.memory_budget);
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = control.cancellation.clone() {
            evaluator = evaluator.with_cancellation_token(token);
        }
        let mut query = if watch.is_set() {
            let function = NamedNode::new_unchecked(watch::WATCH_FUNCTION);
            evaluator
                .with_custom_function(function, watch.clone().function())
                .for_query(watch::watched(query))
        } else {
            evaluator.for_query(query)
        };
        if !control.default_graphs.is_empty() {
            let graphs = control
                .default_graphs
                .into_iter()
                .map(GraphName::from)
                .collect();
            query.dataset_mut().set_default_graph(graphs);
        }
        if !control.named_graphs.is_empty() {
            let graphs = control
                .named_graphs
                .into_iter()
                .map(NamedOrBlankNode::from)
                .collect();
            query.dataset_mut().set_available_named_graphs(graphs);
        }
        Ok(match self.index.get() {
            Some(index) => query
                .on_queryable_dataset(IndexedDataset::new(index, watch))
                .execute()?,
            None => query.on_store(&self.store).execute()?,
        })
    }
}

/// How a query is to be run, beyond its text.
///
/// With a cancellation token or a memory budget, the evaluation stops by unwinding out of the
/// evaluator (see `watch`), so its results must be read inside [`catching_stops`], which turns
/// the stop into an error, and on the thread that called [`GraphStore::query_with`], whose
/// allocations the budget counts.
#[derive(Clone, Default)]
pub struct QueryControl {
    /// Cancelled, it stops the evaluation at its next step.
    pub cancellation: Option<CancellationToken>,
    /// The most bytes the evaluation may hold, counted by [`crate::allocator::Counting`]
    /// (without it, nothing is counted and the budget is never spent).
    pub memory_budget: Option<usize>,
    /// The graphs whose merge is the default graph, instead of all graphs.
    pub default_graphs: Vec<NamedNode>,
    /// The graphs `GRAPH` may reach, instead of all.
    pub named_graphs: Vec<NamedNode>,
}

/// A quad's statement in the merge.
fn in_the_merge(quad: QuadRef<'_>) -> QuadRef<'_> {
    QuadRef::new(
        quad.subject,
        quad.predicate,
        quad.object,
        GraphNameRef::DefaultGraph,
    )
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

    /// A loader that was given the statement of `stated_in(graph)`, as one batch.
    fn loader_with<'a>(store: &'a GraphStore, graph: &str) -> StoreLoader<'a> {
        let mut loader = store.loader().unwrap();
        loader.add_batch(vec![stated_in(graph)]).unwrap();
        loader
    }

    #[test]
    fn a_load_not_committed_leaves_nothing_in_the_store() {
        let store = GraphStore::new().unwrap();
        drop(loader_with(&store, "https://example.org/graph/a"));
        assert!(store.quads().unwrap().is_empty());
        assert!(store.index.get().is_none());
        // The writer let go of the store: another load goes in.
        loader_with(&store, "https://example.org/graph/b")
            .commit()
            .unwrap();
        assert_eq!(store.quads().unwrap().len(), 1);
    }

    #[test]
    fn a_second_load_finds_the_merge_of_the_first_in_the_store() {
        let store = GraphStore::new().unwrap();
        loader_with(&store, "https://example.org/graph/a")
            .commit()
            .unwrap();
        let mut loader = store.loader().unwrap();
        let other = Quad::new(
            NamedNode::new_unchecked("https://example.org/other"),
            NamedNode::new_unchecked("http://purl.org/dc/terms/identifier"),
            Literal::new_simple_literal("2019Z15245"),
            NamedNode::new_unchecked("https://example.org/graph/b"),
        );
        loader.add([other.as_ref()]).unwrap();
        loader.commit().unwrap();
        // No index now: the store answers, from a merge with both loads in it.
        assert!(store.index.get().is_none());
        assert_eq!(
            count(&store, "SELECT (COUNT(*) AS ?n) { ?s dct:identifier ?z }"),
            "2"
        );
    }

    #[test]
    fn a_triple_two_documents_state_is_counted_once_but_kept_in_both_graphs() {
        let store = GraphStore::new().unwrap();
        let mut loader = store.loader().unwrap();
        for graph in ["https://example.org/graph/a", "https://example.org/graph/b"] {
            loader.add([stated_in(graph).as_ref()]).unwrap();
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
