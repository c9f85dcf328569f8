//! Dumps that stream: from the pipeline without a store, or from a kept store a graph at a time.
//!
//! Paths enter; RDF leaves in one of the export formats, and what became of each file goes to
//! an [`Outcomes`] (a [`crate::tally::Tally`] keeps a dump's memory flat). (Or a store
//! enters, and its graphs leave in IRI order, each sorted: [`write_store`].) Documents come
//! in source-path order (read, parsed and mapped on every core, a batch at a time), each
//! document's quads sorted, then the reference graph and the linksets. Memory holds a batch,
//! not the corpus (but see below for merged formats). The output is the same
//! for the same input, on any number of threads.
//!
//! Statements about resources documents share (people, parties, offices, ministries, papers
//! referred to) stand in the shared graph and are written once, whichever documents state them:
//! they are remembered as 128-bit hashes, which stay few since there are only so many members
//! and offices. So TriG and N-Quads, which keep the graphs, run in flat memory.
//!
//! Formats that merge the graphs (Turtle, N-Triples, RDF/XML, which promise each triple once)
//! remember the hash of every triple written: a set's facts are restated by its answer and its
//! notices, and one document may come as both PDF and DOCX text. That costs 16 bytes and a
//! little per triple, so their memory grows with the corpus.

use crate::error::Error;
use crate::export::{serializer, sorted_quads, ExportFormat};
use crate::iri::IriMinter;
use crate::map::{hash128, reference_quads, LinkCounter};
use crate::pipeline::{for_each_document, LoadOptions, Outcomes};
use crate::store::GraphStore;
use oxigraph::io::WriterQuadSerializer;
use oxigraph::model::{GraphName, Quad, QuadRef, TripleRef};
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

/// Writes the graph of the documents under `roots` to `writer`, without a store, telling
/// `outcomes` what became of each file.
pub fn write_stream<W: Write>(
    roots: &[PathBuf],
    options: &LoadOptions,
    format: ExportFormat,
    writer: W,
    outcomes: &mut impl Outcomes,
) -> Result<W, Error> {
    let mut out = StreamWriter::new(format, &options.minter, writer);
    for_each_document(roots, options, outcomes, |quads| {
        out.write_all(quads.sorted())
    })?;
    let reference = reference_quads(&options.minter, &options.reference);
    out.write_all(reference.sorted())?;
    let linksets = out.links.as_ref().expect("counted").quads(&options.minter);
    out.write_all(linksets.sorted())?;
    out.finish()
}

/// Writes the graphs of `store`, in IRI order, each sorted, without holding more than one
/// graph in memory.
pub fn write_store<W: Write>(
    store: &GraphStore,
    minter: &IriMinter,
    format: ExportFormat,
    writer: W,
) -> Result<W, Error> {
    let mut out = StreamWriter::new(format, minter, writer);
    out.links = None;
    for graph in store.graph_names()? {
        let quads = sorted_quads(store.graph_quads(&graph)?);
        out.write_all(quads.iter().map(Quad::as_ref))?;
    }
    out.finish()
}

struct StreamWriter<W: Write> {
    serializer: WriterQuadSerializer<W>,
    keeps_graphs: bool,
    /// The graph of statements about shared resources, written once each.
    shared_graph: GraphName,
    /// Hashes of the statements written once so far.
    written: HashSet<u128>,
    /// Counts the links written, for the linksets; `None` when they are written already (a
    /// store holds its own).
    links: Option<LinkCounter>,
}

impl<W: Write> StreamWriter<W> {
    fn new(format: ExportFormat, minter: &IriMinter, writer: W) -> Self {
        Self {
            serializer: serializer(format).for_writer(writer),
            keeps_graphs: format.keeps_graphs(),
            shared_graph: minter.shared_graph().into(),
            written: HashSet::new(),
            links: Some(LinkCounter::default()),
        }
    }

    /// Writes one document's (or one graph's) quads, given sorted; a statement of the shared
    /// graph only the first time any document states it.
    fn write_all<'q>(
        &mut self,
        sorted: impl IntoIterator<Item = QuadRef<'q>>,
    ) -> Result<(), Error> {
        for quad in sorted {
            if self.written_once(quad) && !self.first_time(quad) {
                continue;
            }
            if let Some(links) = &mut self.links {
                links.add(quad);
            }
            if self.keeps_graphs {
                self.serializer.serialize_quad(quad)?;
            } else {
                self.serializer.serialize_triple(TripleRef::from(quad))?;
            }
        }
        Ok(())
    }

    /// The shared graph's statements are written once. A merged format writes every
    /// statement once: a set's facts are restated by its answer and notices, and the same
    /// document may come as both PDF and DOCX text.
    fn written_once(&self, quad: QuadRef<'_>) -> bool {
        !self.keeps_graphs || quad.graph_name == self.shared_graph.as_ref()
    }

    /// The graph is left out of the key: in a merged format a triple is the same in any graph.
    fn first_time(&mut self, quad: QuadRef<'_>) -> bool {
        let triple = (quad.subject, quad.predicate, quad.object);
        self.written.insert(hash128(&triple))
    }

    fn finish(self) -> Result<W, Error> {
        Ok(self.serializer.finish()?)
    }
}
