//! A graph's statements made ready, on the core that mapped them, for the one thread that
//! writes the dump.
//!
//! Sorted quads enter ([`PreparedGraph::new`]). They leave in the same order, each with what the
//! writer decides on: the hash that says whether the dump has it already, and the link it
//! counts for a linkset. As N-Quads, and as N-Triples for the formats that merge the graphs
//! (which sort them, see [`super::sorted`]), they are written out here already, by oxigraph's
//! serializer, so that the writing thread only looks up hashes and copies bytes while every
//! core does the rest. For JSON-LD, which sorts them too (by graph, then subject, so that each
//! graph and each subject in it is one node), a line is the graph name, then the N-Triples
//! line ([`LineFormat::GraphThenTriple`]).

use crate::export::ExportFormat;
use crate::run::links::{hash128, LinkCounter, LinkKey};
use oxigraph::io::{RdfFormat, RdfSerializer, WriterQuadSerializer};
use oxigraph::model::{GraphNameRef, NamedNodeRef, Quad, QuadRef, TripleRef};
use std::io::{self, Write};

/// The lines, one a statement, that a dump's statements are prepared as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineFormat {
    /// N-Quads, written as they come.
    NQuads,
    /// N-Triples, sorted (the formats that merge the graphs).
    NTriples,
    /// The graph name (nothing for the default graph), a space, then the N-Triples line:
    /// sorted, a graph's statements stand together, and a subject's among them.
    GraphThenTriple,
}

impl LineFormat {
    /// Whether the dump sorts the lines, dropping repeats as it does.
    pub(crate) fn is_sorted(self) -> bool {
        self != Self::NQuads
    }
}

/// Where a graph's lines are written.
enum LineWriter {
    /// Boxed: a serializer is some hundreds of bytes.
    Serializer(Box<WriterQuadSerializer<Vec<u8>>>),
    GraphThenTriple(Vec<u8>),
}

/// One graph's statements, sorted, with what the writer needs to decide on each.
#[derive(Debug)]
pub struct PreparedGraph {
    pub(super) statements: Vec<PreparedStatement>,
    pub(super) body: Body,
}

/// What the writer decides on for one statement.
#[derive(Debug, Clone, Copy)]
pub(super) struct PreparedStatement {
    /// The statement's hash, where the dump writes it only once (see [`super`]).
    pub once: Option<u128>,
    /// The link it makes, if it is one.
    pub link: Option<LinkKey>,
    /// With [`Body::Lines`]: where its line ends.
    pub end: usize,
}

#[derive(Debug)]
pub(super) enum Body {
    /// Each statement's line, one after another.
    Lines(Vec<u8>),
    /// The statements, for a serializer that writes each in the light of those before it
    /// (prefixes, grouping by subject).
    Quads(Vec<Quad>),
}

impl PreparedGraph {
    /// Prepares `sorted` for a dump in `format`; `shared_graph` holds the statements a dump
    /// writes once whichever graphs state them.
    pub fn new<'q>(
        format: ExportFormat,
        shared_graph: NamedNodeRef<'_>,
        sorted: impl IntoIterator<Item = QuadRef<'q>>,
    ) -> io::Result<Self> {
        let keeps_graphs = format.keeps_graphs();
        let sorted = sorted.into_iter();
        let mut statements = Vec::with_capacity(sorted.size_hint().0);
        let mut quads = Vec::new();
        let line_format = Self::line_format(format);
        let sorted_later = line_format.is_some_and(LineFormat::is_sorted);
        let mut lines = line_format.map(|lines| match lines {
            LineFormat::NQuads => LineWriter::Serializer(Box::new(
                RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new()),
            )),
            LineFormat::NTriples => LineWriter::Serializer(Box::new(
                RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new()),
            )),
            LineFormat::GraphThenTriple => LineWriter::GraphThenTriple(Vec::new()),
        });
        for quad in sorted {
            // A sorted dump drops repeats as it sorts; one written as it comes remembers
            // what it wrote of the shared graph.
            let written_once =
                !sorted_later && keeps_graphs && quad.graph_name == shared_graph.into();
            statements.push(PreparedStatement {
                once: written_once.then(|| hash128(&(quad.subject, quad.predicate, quad.object))),
                link: LinkCounter::key(quad),
                end: 0,
            });
            match &mut lines {
                None => quads.push(quad.into_owned()),
                Some(LineWriter::GraphThenTriple(text)) => write_graph_then_triple(text, quad)?,
                Some(LineWriter::Serializer(lines)) if keeps_graphs => {
                    lines.serialize_quad(quad)?
                }
                Some(LineWriter::Serializer(lines)) => {
                    lines.serialize_triple(TripleRef::from(quad))?
                }
            }
        }
        let body = match lines {
            Some(lines) => {
                let text = match lines {
                    LineWriter::Serializer(lines) => lines.finish()?,
                    LineWriter::GraphThenTriple(text) => text,
                };
                mark_line_ends(&text, &mut statements)?;
                Body::Lines(text)
            }
            None => Body::Quads(quads),
        };
        Ok(Self { statements, body })
    }

    /// The format of one statement a line, each the same wherever it stands, that a dump in
    /// `format` is prepared in: N-Quads as itself, the merged formats as N-Triples to sort,
    /// JSON-LD as graph and triple to sort.
    pub(crate) fn line_format(format: ExportFormat) -> Option<LineFormat> {
        match format {
            ExportFormat::NQuads => Some(LineFormat::NQuads),
            ExportFormat::NTriples | ExportFormat::Turtle | ExportFormat::RdfXml => {
                Some(LineFormat::NTriples)
            }
            ExportFormat::JsonLd => Some(LineFormat::GraphThenTriple),
            ExportFormat::TriG => None,
        }
    }
}

/// `quad` as a [`LineFormat::GraphThenTriple`] line: oxigraph writes its terms as N-Triples
/// does, line breaks in literals escaped.
fn write_graph_then_triple(text: &mut Vec<u8>, quad: QuadRef<'_>) -> io::Result<()> {
    match quad.graph_name {
        GraphNameRef::DefaultGraph => {}
        graph => write!(text, "{graph}")?,
    }
    writeln!(text, " {} .", TripleRef::from(quad))
}

/// A line format's serializer ends each statement with a line break, and writes none inside
/// one (N-Triples escapes them).
fn mark_line_ends(text: &[u8], statements: &mut [PreparedStatement]) -> io::Result<()> {
    let mut ends = text
        .iter()
        .enumerate()
        .filter(|(_, byte)| **byte == b'\n')
        .map(|(at, _)| at + 1);
    for statement in statements.iter_mut() {
        statement.end = ends.next().ok_or_else(|| line_count_error(text))?;
    }
    match ends.next() {
        Some(_) => Err(line_count_error(text)),
        None => Ok(()),
    }
}

fn line_count_error(text: &[u8]) -> io::Error {
    io::Error::other(format!(
        "the serializer wrote {} lines, not one a statement",
        text.iter().filter(|byte| **byte == b'\n').count()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphNameRef, LiteralRef};

    const SHARED: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://example.org/shared");
    const OWN: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://example.org/own");
    const SUBJECT: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://example.org/s");
    const LABEL: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://example.org/label");
    const PAGE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://xmlns.com/foaf/0.1/page");
    const OPENKAMER: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://www.openkamer.org/kamervraag/2019Z15244/");

    fn quads() -> Vec<QuadRef<'static>> {
        let text = LiteralRef::new_simple_literal("two\nlines \"quoted\"");
        vec![
            QuadRef::new(SUBJECT, LABEL, text, GraphNameRef::NamedNode(OWN)),
            QuadRef::new(SUBJECT, PAGE, OPENKAMER, GraphNameRef::NamedNode(OWN)),
            QuadRef::new(SUBJECT, LABEL, text, GraphNameRef::NamedNode(SHARED)),
        ]
    }

    /// Each statement's line is the one the serializer writes for it alone.
    #[test]
    fn lines_are_the_serializers_own_one_a_statement() {
        for format in [ExportFormat::NQuads, ExportFormat::NTriples] {
            let prepared = PreparedGraph::new(format, SHARED, quads()).unwrap();
            let Body::Lines(text) = &prepared.body else {
                panic!("{format:?} is a line format");
            };
            let mut start = 0;
            for (statement, quad) in prepared.statements.iter().zip(quads()) {
                let mut alone =
                    RdfSerializer::from_format(format.rdf_format()).for_writer(Vec::new());
                if format.keeps_graphs() {
                    alone.serialize_quad(quad).unwrap();
                } else {
                    alone.serialize_triple(TripleRef::from(quad)).unwrap();
                }
                assert_eq!(text[start..statement.end], alone.finish().unwrap());
                start = statement.end;
            }
            assert_eq!(start, text.len());
        }
    }

    /// Keeping graphs apart, only the shared graph's statements are written once; merging
    /// them, none is hashed (the sort drops repeats), and each is a line of N-Triples.
    #[test]
    fn marks_what_is_written_once_and_the_links() {
        let nquads = PreparedGraph::new(ExportFormat::NQuads, SHARED, quads()).unwrap();
        let once: Vec<bool> = nquads.statements.iter().map(|s| s.once.is_some()).collect();
        assert_eq!(once, [false, false, true]);
        let links: Vec<bool> = nquads.statements.iter().map(|s| s.link.is_some()).collect();
        assert_eq!(links, [false, true, false]);

        let turtle = PreparedGraph::new(ExportFormat::Turtle, SHARED, quads()).unwrap();
        assert!(turtle.statements.iter().all(|s| s.once.is_none()));
        let links: Vec<bool> = turtle.statements.iter().map(|s| s.link.is_some()).collect();
        assert_eq!(links, [false, true, false]);
        let Body::Lines(text) = &turtle.body else {
            panic!("a merged format is prepared as lines to sort");
        };
        let ntriples = PreparedGraph::new(ExportFormat::NTriples, SHARED, quads()).unwrap();
        let Body::Lines(expected) = &ntriples.body else {
            panic!("N-Triples is a line format");
        };
        assert_eq!(text, expected);
        let text = String::from_utf8(text.clone()).unwrap();
        assert_eq!(
            text.lines().next().unwrap(),
            "<https://example.org/s> <https://example.org/label> \"two\\nlines \\\"quoted\\\"\" ."
        );
        assert_eq!(text.lines().count(), 3);
    }
}
