//! JSON-LD compacted with the vocabulary's prefixes, for web developers.
//!
//! Quads enter ([`JsonLdWriter::serialize_quad`]), sorted by graph, then subject (the order of
//! [`crate::rdf::order`]); JSON-LD leaves, a node a line: one inline `@context` of the
//! vocabulary's prefixes ([`vocab::prefixes`], the same one [`context_document`] publishes),
//! each graph as `{"@id": graph, "@graph": [...]}`, each subject once in it when the input is
//! sorted so. oxigraph's serializer (`oxjsonld`) writes the JSON-LD, expanded but for its
//! `@context`; its output is read back here as JSON events (`json-event-parser`) and rewritten
//! as it comes, in memory that holds one property's values at most:
//!
//! - property keys as compact IRIs (`"schema:name"`), `rdf:type` as `"@type"`;
//! - `@id` values and the `@type` of value objects as compact IRIs where a prefix matches
//!   (JSON-LD 1.1 expands both, so the quads are the same);
//! - a plain string's value object `{"@value": "x"}` as the string `"x"`.

use crate::rdf::vocab;
use json_event_parser::{JsonEvent, LowLevelJsonParser, LowLevelJsonSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::QuadRef;
use oxjsonld::{JsonLdSerializer, WriterJsonLdSerializer};
use std::borrow::Cow;
use std::io::{self, Write};

/// The media type of JSON-LD, of the dumps and of the published context.
pub const MEDIA_TYPE: &str = "application/ld+json";

/// The file name (and the endpoint's path, under `/`) of the published context.
pub const CONTEXT_FILE: &str = "context.jsonld";

/// The published JSON-LD context: `{"@context": {prefix: namespace, ...}}`, an entry a line,
/// the prefixes every compacted dump declares inline.
pub fn context_document() -> Vec<u8> {
    let mut out = JsonOut::new(Vec::new());
    let mut write = || -> io::Result<()> {
        out.event(JsonEvent::StartObject)?;
        out.event(JsonEvent::ObjectKey("@context".into()))?;
        out.event(JsonEvent::StartObject)?;
        for (prefix, namespace) in vocab::prefixes() {
            out.event_on_new_line(JsonEvent::ObjectKey(prefix.into()))?;
            out.event(JsonEvent::String(namespace.into()))?;
        }
        out.event(JsonEvent::EndObject)?;
        out.event(JsonEvent::EndObject)?;
        out.write.write_all(b"\n")
    };
    write().expect("writing to memory does not fail");
    out.write
}

/// Writes quads as compacted JSON-LD to `W`.
pub struct JsonLdWriter<W: Write> {
    serializer: WriterJsonLdSerializer<Compacting<W>>,
}

impl<W: Write> JsonLdWriter<W> {
    pub fn new(writer: W) -> Self {
        let mut serializer = JsonLdSerializer::new();
        for (prefix, namespace) in vocab::prefixes() {
            serializer = serializer
                .with_prefix(prefix, namespace)
                .expect("vocabulary namespaces are valid IRIs");
        }
        Self {
            serializer: serializer.for_writer(Compacting::new(writer)),
        }
    }

    /// Writes one quad; a subject's quads together, and a graph's, make one node.
    pub fn serialize_quad<'a>(&mut self, quad: impl Into<QuadRef<'a>>) -> io::Result<()> {
        self.serializer.serialize_quad(quad)
    }

    /// Ends the document (a line break after it) and gives back the writer.
    pub fn finish(self) -> io::Result<W> {
        self.serializer.finish()?.finish()
    }
}

/// Writes `quads`, sorted by graph then subject, as compacted JSON-LD.
pub fn write_quads<'a, W: Write>(
    quads: impl IntoIterator<Item = QuadRef<'a>>,
    writer: W,
) -> io::Result<W> {
    let mut out = JsonLdWriter::new(writer);
    for quad in quads {
        out.serialize_quad(quad)?;
    }
    out.finish()
}

/// The serializer's expanded JSON, read back as events and written compacted.
struct Compacting<W: Write> {
    /// Bytes written by the serializer and not yet read back.
    input: Vec<u8>,
    parser: LowLevelJsonParser,
    rewrite: Rewrite<W>,
}

/// Read back once this many bytes wait: the serializer writes a few bytes at a time.
const READ_BACK_AT: usize = 64 << 10;

impl<W: Write> Compacting<W> {
    fn new(writer: W) -> Self {
        Self {
            input: Vec::with_capacity(READ_BACK_AT * 2),
            parser: LowLevelJsonParser::new(),
            rewrite: Rewrite {
                out: JsonOut::new(writer),
                frames: Vec::new(),
                next: Next::Any,
                prefixes: Prefixes::new(),
            },
        }
    }

    /// Reads back the events whole in the input (all of them at the end).
    fn read_back(&mut self, ending: bool) -> io::Result<()> {
        let mut consumed = 0;
        loop {
            let result = self.parser.parse_next(&self.input[consumed..], ending);
            consumed += result.consumed_bytes;
            match result.event {
                None | Some(Ok(JsonEvent::Eof)) => break,
                Some(Ok(event)) => self.rewrite.event(event)?,
                Some(Err(error)) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("the JSON-LD serializer wrote invalid JSON: {error}"),
                    ))
                }
            }
        }
        self.input.drain(..consumed);
        Ok(())
    }

    fn finish(mut self) -> io::Result<W> {
        self.read_back(true)?;
        let mut writer = self.rewrite.out.write;
        writer.write_all(b"\n")?;
        Ok(writer)
    }
}

impl<W: Write> Write for Compacting<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.input.extend_from_slice(bytes);
        if self.input.len() >= READ_BACK_AT {
            self.read_back(false)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Where in the document the next event stands.
#[derive(Debug)]
enum Frame {
    /// An object with `@id` and properties or `@graph`: the document, a graph, a node.
    Node,
    /// The `@context` object, copied as it is, an entry a line.
    Context,
    /// An array of nodes or graphs (`@graph`); `top` for the document's.
    Nodes { top: bool },
    /// A property's values, each a value object held until it ends; `types` for `rdf:type`,
    /// whose values are held until the array ends.
    Values {
        types: bool,
        held: Vec<ValueObject>,
        object: Option<ValueObject>,
        key: Option<String>,
    },
}

/// A value object's entries (`@id`, `@value`, `@type`, `@language`), all strings.
type ValueObject = Vec<(String, String)>;

/// What the next event is, where the key before it decides.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    Any,
    /// The value of `@id`: an IRI to compact.
    Id,
    /// The array opened by `@graph`.
    Nodes,
    /// The object opened by `@context`.
    Context,
    /// The array opened by a property, already written or (`rdf:type`) held.
    Values {
        types: bool,
    },
}

struct Rewrite<W: Write> {
    out: JsonOut<W>,
    frames: Vec<Frame>,
    next: Next,
    prefixes: Prefixes,
}

impl<W: Write> Rewrite<W> {
    fn event(&mut self, event: JsonEvent<'_>) -> io::Result<()> {
        match std::mem::replace(&mut self.next, Next::Any) {
            Next::Id => {
                let JsonEvent::String(iri) = event else {
                    return Err(unexpected(&event));
                };
                return self
                    .out
                    .event(JsonEvent::String(self.prefixes.compact(&iri)));
            }
            Next::Nodes => {
                let top = self.frames.len() == 1;
                self.frames.push(Frame::Nodes { top });
                return self.out.event(event);
            }
            Next::Context => {
                self.frames.push(Frame::Context);
                return self.out.event(event);
            }
            Next::Values { types } => {
                self.frames.push(Frame::Values {
                    types,
                    held: Vec::new(),
                    object: None,
                    key: None,
                });
                return if types { Ok(()) } else { self.out.event(event) };
            }
            Next::Any => {}
        }
        match self.frames.last_mut() {
            None => {
                self.frames.push(Frame::Node);
                self.out.event(event)
            }
            Some(Frame::Node) => self.in_node(event),
            Some(Frame::Context) => self.in_context(event),
            Some(Frame::Nodes { top }) => {
                let top = *top;
                self.in_nodes(event, top)
            }
            Some(Frame::Values { .. }) => self.in_values(event),
        }
    }

    fn in_node(&mut self, event: JsonEvent<'_>) -> io::Result<()> {
        match event {
            JsonEvent::ObjectKey(key) => {
                let (key, next) = match key.as_ref() {
                    "@id" => (key, Next::Id),
                    "@graph" => (key, Next::Nodes),
                    "@context" => (key, Next::Context),
                    iri if iri == rdf::TYPE.as_str() => {
                        // Written when its values are known to be IRIs (`@type`) or not.
                        self.next = Next::Values { types: true };
                        return Ok(());
                    }
                    iri => (self.prefixes.compact(iri), Next::Values { types: false }),
                };
                self.next = next;
                // The document's `@graph` on a line of its own, after the context.
                if key == "@graph" && self.frames.len() == 1 {
                    self.out.event_on_new_line(JsonEvent::ObjectKey(key))
                } else {
                    self.out.event(JsonEvent::ObjectKey(key))
                }
            }
            JsonEvent::EndObject => {
                self.frames.pop();
                self.out.event(event)
            }
            other => Err(unexpected(&other)),
        }
    }

    fn in_context(&mut self, event: JsonEvent<'_>) -> io::Result<()> {
        match event {
            JsonEvent::ObjectKey(_) => self.out.event_on_new_line(event),
            JsonEvent::EndObject => {
                self.frames.pop();
                self.out.event(event)
            }
            JsonEvent::String(_) => self.out.event(event),
            other => Err(unexpected(&other)),
        }
    }

    fn in_nodes(&mut self, event: JsonEvent<'_>, top: bool) -> io::Result<()> {
        match event {
            JsonEvent::StartObject => {
                self.frames.push(Frame::Node);
                self.out.event_on_new_line(event)
            }
            JsonEvent::EndArray => {
                self.frames.pop();
                if top {
                    self.out.event_on_new_line(event)
                } else {
                    self.out.event(event)
                }
            }
            other => Err(unexpected(&other)),
        }
    }

    fn in_values(&mut self, event: JsonEvent<'_>) -> io::Result<()> {
        let Some(Frame::Values {
            types,
            held,
            object,
            key,
        }) = self.frames.last_mut()
        else {
            unreachable!("called in a property's values");
        };
        match event {
            JsonEvent::StartObject if object.is_none() => *object = Some(Vec::new()),
            JsonEvent::ObjectKey(name) if object.is_some() => *key = Some(name.into_owned()),
            JsonEvent::String(value) if object.is_some() => {
                let name = key.take().ok_or_else(|| unexpected(&JsonEvent::Null))?;
                object
                    .as_mut()
                    .expect("checked")
                    .push((name, value.into_owned()));
            }
            JsonEvent::EndObject => {
                let value = object.take().ok_or_else(|| unexpected(&JsonEvent::Null))?;
                if *types {
                    held.push(value);
                } else {
                    self.write_value(&value)?;
                }
            }
            JsonEvent::EndArray => {
                let types = *types;
                let held = std::mem::take(held);
                self.frames.pop();
                if types {
                    self.write_types(&held)?;
                } else {
                    self.out.event(event)?;
                }
            }
            other => return Err(unexpected(&other)),
        }
        Ok(())
    }

    /// A value object compacted: a plain string as itself, IRIs as compact IRIs.
    fn write_value(&mut self, value: &[(String, String)]) -> io::Result<()> {
        if let [(name, text)] = value {
            if name == "@value" {
                return self.out.event(JsonEvent::String(text.into()));
            }
        }
        self.out.event(JsonEvent::StartObject)?;
        for (name, text) in value {
            self.out.event(JsonEvent::ObjectKey(name.into()))?;
            let text = match name.as_str() {
                "@id" | "@type" => self.prefixes.compact(text),
                _ => text.into(),
            };
            self.out.event(JsonEvent::String(text))?;
        }
        self.out.event(JsonEvent::EndObject)
    }

    /// `rdf:type`'s values: as `"@type": [IRI, ...]` when all are IRIs (or blank nodes), as
    /// they are under `rdf:type` otherwise (a literal cannot be a `@type`).
    fn write_types(&mut self, values: &[ValueObject]) -> io::Result<()> {
        let ids: Option<Vec<&str>> = values
            .iter()
            .map(|value| match value.as_slice() {
                [(name, id)] if name == "@id" => Some(id.as_str()),
                _ => None,
            })
            .collect();
        match ids {
            Some(ids) => {
                self.out.event(JsonEvent::ObjectKey("@type".into()))?;
                self.out.event(JsonEvent::StartArray)?;
                for id in ids {
                    let id = self.prefixes.compact(id);
                    self.out.event(JsonEvent::String(id))?;
                }
            }
            None => {
                let key = self.prefixes.compact(rdf::TYPE.as_str());
                self.out.event(JsonEvent::ObjectKey(key))?;
                self.out.event(JsonEvent::StartArray)?;
                for value in values {
                    self.write_value(value)?;
                }
            }
        }
        self.out.event(JsonEvent::EndArray)
    }
}

fn unexpected(event: &JsonEvent<'_>) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("the JSON-LD serializer wrote an unexpected {event:?}"),
    )
}

/// The vocabulary's prefixes, to compact IRIs with.
struct Prefixes {
    /// Longest namespace first, so that a namespace inside another wins.
    by_length: Vec<(&'static str, &'static str)>,
}

impl Prefixes {
    fn new() -> Self {
        let mut by_length = vocab::prefixes();
        by_length.sort_by_key(|(prefix, namespace)| (std::cmp::Reverse(namespace.len()), *prefix));
        Self { by_length }
    }

    /// `iri` as `prefix:local` where a namespace holds it, else as it is. The local part is
    /// never empty nor starts with `//`, which JSON-LD would read as an absolute IRI.
    fn compact<'a>(&self, iri: &'a str) -> Cow<'a, str> {
        for (prefix, namespace) in &self.by_length {
            if let Some(local) = iri.strip_prefix(namespace) {
                if !local.is_empty() && !local.starts_with("//") {
                    return format!("{prefix}:{local}").into();
                }
            }
        }
        iri.into()
    }
}

/// JSON written a event at a time, with line breaks where the document is read by people.
struct JsonOut<W: Write> {
    write: W,
    serializer: LowLevelJsonSerializer,
}

impl<W: Write> JsonOut<W> {
    fn new(write: W) -> Self {
        Self {
            write,
            serializer: LowLevelJsonSerializer::new(),
        }
    }

    fn event(&mut self, event: JsonEvent<'_>) -> io::Result<()> {
        self.serializer.serialize_event(event, &mut self.write)
    }

    /// `event` at the start of a line: after the comma that separates it from the one
    /// before, if there is one.
    fn event_on_new_line(&mut self, event: JsonEvent<'_>) -> io::Result<()> {
        let write = LineBreakBefore {
            write: &mut self.write,
            pending: true,
        };
        self.serializer.serialize_event(event, write)
    }
}

/// A writer that starts a line before the first bytes other than a separating comma.
struct LineBreakBefore<'w, W: Write> {
    write: &'w mut W,
    pending: bool,
}

impl<W: Write> Write for LineBreakBefore<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.pending && bytes != b"," && !bytes.is_empty() {
            self.pending = false;
            self.write.write_all(b"\n")?;
        }
        self.write.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
    use oxigraph::model::{GraphNameRef, LiteralRef, NamedNodeRef, Quad};

    const GRAPH: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://example.org/graph/a");
    const SET: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/kamervragen/zaak/2019Z15244");

    fn quads() -> Vec<QuadRef<'static>> {
        let graph = GraphNameRef::NamedNode(GRAPH);
        let name = NamedNodeRef::new_unchecked("http://schema.org/name");
        let date = NamedNodeRef::new_unchecked("http://purl.org/dc/terms/date");
        let question = NamedNodeRef::new_unchecked("http://schema.org/Question");
        let xsd_date = NamedNodeRef::new_unchecked("http://www.w3.org/2001/XMLSchema#date");
        vec![
            QuadRef::new(
                SET,
                date,
                LiteralRef::new_typed_literal("2019-07-01", xsd_date),
                graph,
            ),
            QuadRef::new(SET, rdf::TYPE, question, graph),
            QuadRef::new(
                SET,
                name,
                LiteralRef::new_simple_literal("a \"name\"\n"),
                graph,
            ),
            QuadRef::new(
                SET,
                name,
                LiteralRef::new_language_tagged_literal_unchecked("naam", "nl"),
                graph,
            ),
            QuadRef::new(SET, name, SET, GraphNameRef::DefaultGraph),
        ]
    }

    fn written() -> String {
        String::from_utf8(write_quads(quads(), Vec::new()).unwrap()).unwrap()
    }

    #[test]
    fn keys_ids_and_types_are_compact_and_strings_plain() {
        let text = written();
        assert!(
            text.starts_with("{\"@context\":{\n\"bibo\":\"http://purl.org/ontology/bibo/\",\n"),
            "{text}"
        );
        assert!(
            text.contains("\n\"schema\":\"http://schema.org/\",\n"),
            "{text}"
        );
        assert!(
            text.contains("\n\"xsd\":\"http://www.w3.org/2001/XMLSchema#\"},\n\"@graph\":[\n"),
            "{text}"
        );
        assert!(
            text.contains(concat!(
                "\n{\"@id\":\"https://example.org/graph/a\",\"@graph\":[\n",
                "{\"@id\":\"https://w3id.org/kamervragen/zaak/2019Z15244\",",
                "\"dct:date\":[{\"@type\":\"xsd:date\",\"@value\":\"2019-07-01\"}],",
                "\"@type\":[\"schema:Question\"],",
                "\"schema:name\":[\"a \\\"name\\\"\\n\",{\"@language\":\"nl\",\"@value\":\"naam\"}]}]},\n",
            )),
            "{text}"
        );
        assert!(text.ends_with("\"}]}\n]}\n"), "{text}");
    }

    /// Expanded again by oxigraph's JSON-LD parser, the compacted document gives the quads.
    #[test]
    fn the_compacted_document_expands_to_the_same_quads() {
        let parser = RdfParser::from_format(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        });
        let mut read: Vec<Quad> = parser
            .for_slice(written().as_bytes())
            .map(Result::unwrap)
            .collect();
        let mut expected: Vec<Quad> = quads().into_iter().map(QuadRef::into_owned).collect();
        read.sort_by_key(ToString::to_string);
        expected.sort_by_key(ToString::to_string);
        assert_eq!(read, expected);
    }

    /// An IRI no prefix holds, or whose local part JSON-LD would misread, stays whole.
    #[test]
    fn only_what_a_prefix_holds_is_compacted() {
        let prefixes = Prefixes::new();
        assert_eq!(prefixes.compact("http://schema.org/name"), "schema:name");
        assert_eq!(prefixes.compact("http://schema.org/"), "http://schema.org/");
        assert_eq!(
            prefixes.compact("http://schema.org///x"),
            "http://schema.org///x"
        );
        assert_eq!(
            prefixes.compact("https://example.org/x"),
            "https://example.org/x"
        );
        assert_eq!(prefixes.compact("_:b1"), "_:b1");
    }

    /// JSON-LD 1.1 uses a plain term as a prefix only if its IRI ends with a URI gen-delim.
    #[test]
    fn every_namespace_can_be_a_json_ld_prefix() {
        for (prefix, namespace) in vocab::prefixes() {
            assert!(namespace.ends_with(['/', '#']), "{prefix}: {namespace}");
        }
    }

    #[test]
    fn the_published_context_holds_every_prefix_a_line() {
        let text = String::from_utf8(context_document()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), vocab::prefixes().len() + 1);
        assert_eq!(lines[0], "{\"@context\":{");
        assert!(lines.contains(&"\"schema\":\"http://schema.org/\","));
        assert_eq!(
            lines.last(),
            Some(&"\"xsd\":\"http://www.w3.org/2001/XMLSchema#\"}}")
        );
    }
}
