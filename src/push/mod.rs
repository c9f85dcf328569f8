//! The graph into another triple store, over the SPARQL 1.1 Graph Store HTTP Protocol.
//!
//! A loaded [`GraphStore`] enters; each of its named graphs (one per document, the shared
//! reference graph, the linksets) leaves as one `PUT ENDPOINT?graph=IRI` of sorted N-Triples.
//! A PUT replaces the graph, so pushing again rewrites rather than duplicates, and a graph
//! whose statements did not change is left as it was. Graphs go up in the order of their IRIs,
//! several at a time; the first graph that fails after its retries stops the push, and the error
//! names it, its status and how many graphs were written before. Running the same push again
//! finishes the job.

mod auth;
mod client;

pub use auth::{AuthScheme, Credentials};
pub(crate) use client::GraphStoreClient;
pub use client::{graph_url, RetryPolicy};

use crate::export::{self, ExportFormat};
use crate::store::{GraphStore, StoreError};
use oxigraph::model::NamedNode;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Where to push and how.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The Graph Store Protocol endpoint (Virtuoso: `http://HOST:8890/sparql-graph-crud-auth`).
    pub endpoint: String,
    pub credentials: Option<Credentials>,
    pub retry: RetryPolicy,
    /// How long one request may take.
    pub timeout: Duration,
    /// How many graphs are sent at once.
    pub jobs: usize,
}

/// Why a push stopped.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("graph <{graph}>: {message}{}", tries_note(*tries))]
    Refused {
        graph: String,
        /// The HTTP status, when the server answered.
        status: Option<u16>,
        message: String,
        tries: u32,
    },
    #[error("graph <{graph}>: cannot write it as N-Triples")]
    Serialize {
        graph: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}\n{written} of {total} graphs were written before it stopped; run the same push again to finish (each PUT replaces its graph, so nothing is written twice)", crate::run::with_causes(first.as_ref()))]
    Incomplete {
        first: Box<PushError>,
        written: usize,
        total: usize,
    },
}

fn tries_note(tries: u32) -> String {
    if tries > 1 {
        format!(" (tried {tries} times)")
    } else {
        String::new()
    }
}

/// One graph, as it will be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphUpload {
    pub graph: NamedNode,
    pub triples: usize,
    pub ntriples: Vec<u8>,
}

/// What a push did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PushReport {
    pub graphs: usize,
    pub triples: usize,
    pub bytes: usize,
    /// How many graphs the server answered with each status (201 created, 200 or 204 replaced).
    pub statuses: BTreeMap<u16, usize>,
}

/// The graphs of `store`, in the order of their IRIs.
pub fn graph_names(store: &GraphStore) -> Result<Vec<NamedNode>, PushError> {
    Ok(store.graph_names()?)
}

/// `graph` of `store` as the body of its PUT: its triples as sorted N-Triples.
pub fn upload(store: &GraphStore, graph: &NamedNode) -> Result<GraphUpload, PushError> {
    let quads = store.graph_quads(graph)?;
    let triples = quads.len();
    let ntriples =
        export::write_sorted(quads, ExportFormat::NTriples, Vec::new()).map_err(|source| {
            PushError::Serialize {
                graph: graph.as_str().to_owned(),
                source,
            }
        })?;
    Ok(GraphUpload {
        graph: graph.clone(),
        triples,
        ntriples,
    })
}

/// Pushes every graph of `store`; `on_graph` is told, after each graph written, how many are
/// written of how many.
pub fn push(
    store: &GraphStore,
    options: &PushOptions,
    on_graph: &(dyn Fn(usize, usize) + Sync),
) -> Result<PushReport, PushError> {
    let graphs = graph_names(store)?;
    let client = GraphStoreClient::new(
        options.endpoint.clone(),
        options.credentials.clone(),
        options.retry,
        options.timeout,
    );
    // Workers take the graphs in order, so a push that stops has written a prefix of them (but
    // for those in flight).
    let next = AtomicUsize::new(0);
    let stopped = AtomicBool::new(false);
    let written = AtomicUsize::new(0);
    let report = Mutex::new(PushReport::default());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.min(graphs.len()).max(1) {
            scope.spawn(|| {
                while !stopped.load(Ordering::SeqCst) {
                    let Some(graph) = graphs.get(next.fetch_add(1, Ordering::SeqCst)) else {
                        break;
                    };
                    match send(store, &client, graph) {
                        Ok((upload, status)) => {
                            let done = written.fetch_add(1, Ordering::SeqCst) + 1;
                            let mut report = report.lock().unwrap_or_else(|p| p.into_inner());
                            report.graphs += 1;
                            report.triples += upload.triples;
                            report.bytes += upload.ntriples.len();
                            *report.statuses.entry(status).or_default() += 1;
                            drop(report);
                            on_graph(done, graphs.len());
                        }
                        Err(error) => {
                            stopped.store(true, Ordering::SeqCst);
                            let mut failures = failures.lock().unwrap_or_else(|p| p.into_inner());
                            failures.push((graph.clone(), error));
                        }
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    // Several threads may fail at once: the first graph in order is the one reported.
    failures.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some((_, first)) = failures.into_iter().next() {
        return Err(PushError::Incomplete {
            first: Box::new(first),
            written: written.into_inner(),
            total: graphs.len(),
        });
    }
    Ok(report.into_inner().unwrap_or_else(|p| p.into_inner()))
}

fn send(
    store: &GraphStore,
    client: &GraphStoreClient,
    graph: &NamedNode,
) -> Result<(GraphUpload, u16), PushError> {
    let upload = upload(store, graph)?;
    let status = client.put(graph.as_str(), &upload.ntriples)?;
    Ok((upload, status.as_u16()))
}
