//! Sorted RDF dumps.
//!
//! Quads enter in any order; bytes leave in one of oxigraph's RDF formats, sorted so that the
//! same input always gives byte-identical output. Formats that keep graphs (TriG, N-Quads,
//! JSON-LD) write every named graph; the others merge all graphs into one, each triple once.

use crate::vocab;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Quad, Triple};
use std::io::{self, Write};
use std::path::Path;

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Turtle,
    TriG,
    NTriples,
    NQuads,
    RdfXml,
    JsonLd,
}

impl ExportFormat {
    pub const ALL: [Self; 6] = [
        Self::Turtle,
        Self::TriG,
        Self::NTriples,
        Self::NQuads,
        Self::RdfXml,
        Self::JsonLd,
    ];

    /// The format a file name asks for, by its ending.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|format| format.extensions().contains(&extension.as_str()))
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Turtle => &["ttl"],
            Self::TriG => &["trig"],
            Self::NTriples => &["nt"],
            Self::NQuads => &["nq"],
            Self::RdfXml => &["rdf", "xml", "owl"],
            Self::JsonLd => &["jsonld", "json"],
        }
    }

    /// Whether the format keeps named graphs apart.
    pub fn keeps_graphs(self) -> bool {
        matches!(self, Self::TriG | Self::NQuads | Self::JsonLd)
    }

    /// oxigraph's name for the format, for parsing and serialising.
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::TriG => RdfFormat::TriG,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::RdfXml => RdfFormat::RdfXml,
            Self::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

/// A serializer for `format` with the vocabulary's prefixes declared.
pub fn serializer(format: ExportFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    for (prefix, iri) in vocab::prefixes() {
        serializer = serializer
            .with_prefix(prefix, iri)
            .expect("vocabulary namespaces are valid IRIs");
    }
    serializer
}

/// Writes `quads` in `format`, sorted, each statement once.
pub fn write_sorted<W: Write>(quads: Vec<Quad>, format: ExportFormat, writer: W) -> io::Result<W> {
    let mut serializer = serializer(format).for_writer(writer);
    if format.keeps_graphs() {
        for quad in sorted_quads(quads) {
            serializer.serialize_quad(&quad)?;
        }
    } else {
        for triple in merged_triples(quads) {
            serializer.serialize_triple(&triple)?;
        }
    }
    serializer.finish()
}

/// Quads ordered by graph, subject, predicate, object, duplicates removed.
pub fn sorted_quads(quads: Vec<Quad>) -> Vec<Quad> {
    let mut keyed: Vec<(String, Quad)> = quads
        .into_iter()
        .map(|quad| {
            let key = format!(
                "{}\t{}\t{}\t{}",
                quad.graph_name, quad.subject, quad.predicate, quad.object
            );
            (key, quad)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, quad)| quad).collect()
}

/// The triples of all graphs together, ordered by subject, predicate, object, each once.
pub fn merged_triples(quads: Vec<Quad>) -> Vec<Triple> {
    let mut keyed: Vec<(String, Triple)> = quads
        .into_iter()
        .map(|quad| {
            let triple = Triple::from(quad);
            let key = format!(
                "{}\t{}\t{}",
                triple.subject, triple.predicate, triple.object
            );
            (key, triple)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, triple)| triple).collect()
}
