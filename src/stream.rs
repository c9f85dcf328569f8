//! A dump without a store: documents stream from the pipeline to the writer.
//!
//! Paths enter; RDF leaves in one of the export formats, and a [`LoadReport`]. Documents come
//! in source-path order (read, parsed and mapped on every core, a batch at a time), each
//! document's quads sorted, then the reference graph and the linksets. Memory holds a batch,
//! not the corpus, so it stays flat however many documents there are. The output is the same
//! for the same input, on any number of threads.
//!
//! Formats that keep graphs (N-Quads, TriG, JSON-LD) need nothing more: each statement stands
//! in its own graph. Formats that merge graphs (Turtle, N-Triples, RDF/XML) write resources
//! shared between documents (people, parties, offices, ministries, papers referred to) once:
//! their statements are remembered as 128-bit hashes, which stay few since there are only so
//! many members and offices. Statements about a set of questions, its questions and answers
//! are written by each document that states them, so a set read from both its questions and
//! its answer may repeat a statement; the graph is the same (RDF graphs are sets).

use crate::error::Error;
use crate::export::{sorted_quads, ExportFormat};
use crate::map::{hash128, reference_quads, LinkCounter};
use crate::pipeline::{for_each_document, DocumentOutcome, LoadOptions, LoadReport};
use crate::vocab;
use oxigraph::io::{RdfSerializer, WriterQuadSerializer};
use oxigraph::model::{NamedOrBlankNode, Quad, Triple};
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

/// Writes the graph of the documents under `roots` to `writer`, without a store.
pub fn write_stream<W: Write>(
    roots: &[PathBuf],
    options: &LoadOptions,
    format: ExportFormat,
    writer: W,
) -> Result<(LoadReport, W), Error> {
    let mut out = StreamWriter::new(format, options.minter.base(), writer);
    let mut report = LoadReport::default();
    for_each_document(roots, options, |entry, mapped| {
        let result = match mapped {
            Ok(mapped) => {
                out.write_all(mapped.quads)?;
                Ok(mapped.summary)
            }
            Err(error) => Err(error),
        };
        report.documents.push(DocumentOutcome { entry, result });
        Ok(())
    })?;
    out.write_all(reference_quads(&options.minter, &options.reference))?;
    let linksets = out.links.quads(&options.minter);
    out.write_all(linksets)?;
    Ok((report, out.finish()?))
}

struct StreamWriter<W: Write> {
    serializer: WriterQuadSerializer<W>,
    keeps_graphs: bool,
    /// Subjects under these are stated document by document (sets, answers, graphs, files).
    own_prefixes: [String; 4],
    shared_written: HashSet<u128>,
    links: LinkCounter,
}

impl<W: Write> StreamWriter<W> {
    fn new(format: ExportFormat, base: &str, writer: W) -> Self {
        let mut serializer = RdfSerializer::from_format(format.rdf_format());
        for (prefix, iri) in vocab::prefixes() {
            serializer = serializer
                .with_prefix(prefix, iri)
                .expect("vocabulary namespaces are valid IRIs");
        }
        Self {
            serializer: serializer.for_writer(writer),
            keeps_graphs: format.keeps_graphs(),
            own_prefixes: ["zaak/", "aanhangsel/", "graph/", "source/"]
                .map(|p| format!("{base}{p}")),
            shared_written: HashSet::new(),
            links: LinkCounter::default(),
        }
    }

    /// Writes one document's (or one graph's) quads, sorted.
    fn write_all(&mut self, quads: Vec<Quad>) -> Result<(), Error> {
        for quad in sorted_quads(quads) {
            self.links.add(&quad);
            if self.keeps_graphs {
                self.serializer.serialize_quad(&quad)?;
            } else if self.first_time(&quad) {
                self.serializer.serialize_triple(&Triple::from(quad))?;
            }
        }
        Ok(())
    }

    /// Whether a merged format should write this statement: always for a document's own
    /// resources, once for shared ones.
    fn first_time(&mut self, quad: &Quad) -> bool {
        let own = match &quad.subject {
            NamedOrBlankNode::NamedNode(node) => self
                .own_prefixes
                .iter()
                .any(|p| node.as_str().starts_with(p)),
            NamedOrBlankNode::BlankNode(_) => true,
        };
        own || self.shared_written.insert(hash128(&(
            quad.subject.to_string(),
            quad.predicate.as_str(),
            quad.object.to_string(),
        )))
    }

    fn finish(self) -> Result<W, Error> {
        Ok(self.serializer.finish()?)
    }
}
