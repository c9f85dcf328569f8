//! Sorted RDF dumps.
//!
//! Quads enter in any order; bytes leave in one of oxigraph's RDF formats, sorted so that the
//! same input always gives byte-identical output. Formats that keep graphs (TriG, N-Quads,
//! JSON-LD) write every named graph; the others merge all graphs into one, each triple once.
//!
//! Query results leave through [`results`]; dumps that stream, without a store or a graph at a
//! time from one, through [`stream`].

pub mod results;
pub mod stream;

use crate::rdf::vocab;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, LiteralRef, Quad, TermRef, Triple, TripleRef};
use std::fmt::Write as _;
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
pub(crate) fn write_sorted<W: Write>(
    quads: Vec<Quad>,
    format: ExportFormat,
    writer: W,
) -> io::Result<W> {
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
            let mut key = String::with_capacity(256);
            push_graph_name(&mut key, quad.graph_name.as_ref());
            key.push('\t');
            push_triple(&mut key, quad.as_ref().into());
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
            let mut key = String::with_capacity(192);
            push_triple(&mut key, triple.as_ref());
            (key, triple)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, triple)| triple).collect()
}

// Sort keys are the terms as N-Triples writes them, tab-separated. They are built by hand
// rather than with `format!`: formatting through `Display` was most of the cost of a dump.

fn push_triple(key: &mut String, triple: TripleRef<'_>) {
    push_term(key, triple.subject.into());
    key.push('\t');
    push_term(key, triple.predicate.into());
    key.push('\t');
    push_term(key, triple.object);
}

fn push_graph_name(key: &mut String, graph: GraphNameRef<'_>) {
    match graph {
        GraphNameRef::NamedNode(node) => push_term(key, node.into()),
        GraphNameRef::BlankNode(node) => push_term(key, node.into()),
        GraphNameRef::DefaultGraph => key.push_str("DEFAULT"),
    }
}

fn push_term(key: &mut String, term: TermRef<'_>) {
    match term {
        TermRef::NamedNode(node) => {
            key.push('<');
            key.push_str(node.as_str());
            key.push('>');
        }
        TermRef::BlankNode(node) => {
            key.push_str("_:");
            key.push_str(node.as_str());
        }
        TermRef::Literal(literal) => push_literal(key, literal),
    }
}

/// A literal as the dump order sees it: as N-Triples writes it.
pub(crate) fn literal_key(literal: LiteralRef<'_>) -> String {
    let mut key = String::with_capacity(literal.value().len() + 2);
    push_literal(&mut key, literal);
    key
}

fn push_literal(key: &mut String, literal: LiteralRef<'_>) {
    let value = literal.value();
    if value.chars().any(needs_escape) {
        // Rare: let oxigraph write the escapes.
        write!(key, "{literal}").expect("writing to a String");
        return;
    }
    key.push('"');
    key.push_str(value);
    key.push('"');
    if let Some(language) = literal.language() {
        key.push('@');
        key.push_str(language);
    } else if literal.datatype() != xsd::STRING {
        key.push_str("^^<");
        key.push_str(literal.datatype().as_str());
        key.push('>');
    }
}

/// The characters N-Triples escapes in a literal.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{1F}' | '"' | '\\' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}'
    )
}

#[cfg(test)]
mod key_tests {
    use super::*;
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode};

    /// The hand-built key must be the N-Quads text, or dumps would change order.
    #[test]
    fn sort_keys_are_the_terms_as_n_triples_writes_them() {
        let iri = |s: &str| NamedNode::new_unchecked(format!("https://example.org/{s}"));
        let objects: Vec<oxigraph::model::Term> = vec![
            iri("o").into(),
            BlankNode::new_unchecked("b1").into(),
            Literal::new_simple_literal("plain").into(),
            Literal::new_simple_literal("quote \" back \\ tab \t nl \n bell \u{7} del \u{7F} é")
                .into(),
            Literal::new_language_tagged_literal_unchecked("Vragen", "nl").into(),
            Literal::new_language_tagged_literal_unchecked("a \"b\"", "en").into(),
            Literal::new_typed_literal("2019-08-30", xsd::DATE).into(),
            Literal::new_typed_literal("x", xsd::STRING).into(),
        ];
        let graphs = [
            GraphName::DefaultGraph,
            iri("g").into(),
            BlankNode::new_unchecked("g0").into(),
        ];
        for graph in &graphs {
            for object in &objects {
                let quad = Quad::new(iri("s"), iri("p"), object.clone(), graph.clone());
                let formatted = format!(
                    "{}\t{}\t{}\t{}",
                    quad.graph_name, quad.subject, quad.predicate, quad.object
                );
                let mut key = String::new();
                push_graph_name(&mut key, quad.graph_name.as_ref());
                key.push('\t');
                push_triple(&mut key, quad.as_ref().into());
                assert_eq!(key, formatted);
            }
        }
    }
}
