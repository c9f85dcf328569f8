//! Sorted RDF dumps.
//!
//! Quads enter in any order; bytes leave in one of oxigraph's RDF formats, sorted so that the
//! same input always gives byte-identical output. Formats that keep graphs (TriG, N-Quads,
//! JSON-LD) write every named graph; the others merge all graphs into one, each triple once.
//! JSON-LD leaves compacted with the vocabulary's prefixes ([`jsonld`]).
//!
//! Query results leave through [`results`]; dumps that stream, without a store or a graph at a
//! time from one, through [`stream`].

pub mod jsonld;
pub mod results;
pub mod stream;

use crate::rdf::order::{merged_triples, sorted_quads};
use crate::rdf::vocab;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Quad;
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

    /// The file ending a dump in this format is written with.
    pub fn extension(self) -> &'static str {
        self.extensions()[0]
    }

    /// The IANA media type, as an IRI (as DCAT's `dcat:mediaType` wants it).
    pub(crate) fn media_type_iri(self) -> String {
        format!(
            "http://www.iana.org/assignments/media-types/{}",
            self.rdf_format().media_type()
        )
    }

    /// The format in the EU file-type vocabulary (for `dct:format`), where it has one.
    pub(crate) fn eu_file_type(self) -> &'static str {
        match self {
            Self::Turtle => "http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE",
            Self::TriG => "http://publications.europa.eu/resource/authority/file-type/RDF_TRIG",
            Self::NTriples => {
                "http://publications.europa.eu/resource/authority/file-type/RDF_N_TRIPLES"
            }
            Self::NQuads => {
                "http://publications.europa.eu/resource/authority/file-type/RDF_N_QUADS"
            }
            Self::RdfXml => "http://publications.europa.eu/resource/authority/file-type/RDF_XML",
            Self::JsonLd => "http://publications.europa.eu/resource/authority/file-type/JSON_LD",
        }
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

/// A serializer for `format` with the vocabulary's prefixes declared (JSON-LD, which it would
/// write expanded, goes through [`jsonld`] instead).
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
pub(crate) fn write_sorted<W: Write>(
    quads: Vec<Quad>,
    format: ExportFormat,
    writer: W,
) -> io::Result<W> {
    if format == ExportFormat::JsonLd {
        return jsonld::write_quads(sorted_quads(quads).iter().map(Quad::as_ref), writer);
    }
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
