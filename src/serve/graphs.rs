//! Whole graphs, read-only: the SPARQL 1.1 Graph Store HTTP Protocol's GET, and the project's
//! vocabulary and shapes as Linked Data.
//!
//! A request enters: a named graph by its own address (`/graph/…`, direct identification: the
//! path under the server is the path under the base), by `/sparql?graph=IRI` or the default
//! graph by `/sparql?default` (indirect identification: the Graph Store shares the SPARQL
//! endpoint's address, as the protocol allows, since `query`, `graph` and `default` never meet
//! in one request); or `/def` and `/def/shapes`. The triples leave in the format negotiated
//! (Turtle by default, N-Triples, RDF/XML, JSON-LD; HTML for the vocabulary and for a named
//! graph at its own address, `resources::graph_page`). A graph is read
//! through a CONSTRUCT under the endpoint's time and row limits; nothing is ever written, so
//! PUT, POST and DELETE get 405 with `Allow: GET, HEAD`.

use super::html::{escape, page_with_alternates, Language, Linker};
use super::media::{named_type, short_name, unnamed, Answer, GRAPH_TYPES};
use super::protocol::{parse_form, FORMAT_PARAMETERS};
use super::{acceptable, graph_response, Endpoint, Evaluated, Refusal, Reply};
use crate::rdf::vocab::{dct, kv, ONTOLOGY_TURTLE};
use oxhttp::model::header::ACCEPT;
use oxhttp::model::{Body, Method, Request};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The methods a read-only graph answers.
pub(super) const GRAPH_METHODS: &str = "GET, HEAD";

/// The prefix of the named graphs' paths, under the server as under the base.
pub(super) const GRAPH_PREFIX: &str = "/graph/";

/// A graph the Graph Store Protocol names.
enum Target {
    Named(NamedNode),
    Default,
}

impl Endpoint {
    /// `/sparql` with `graph=` or `default` and no `query`: the Graph Store Protocol's indirect
    /// identification. `None` when the request is a SPARQL query (or service description).
    pub(super) fn indirect_graph(&self, request: &Request<Body>) -> Option<Result<Reply, Refusal>> {
        if !names_graph(request) {
            return None;
        }
        let parameters = parse_form(request.uri().query().unwrap_or("").as_bytes());
        Some(self.indirect(request, &parameters))
    }

    fn indirect(
        &self,
        request: &Request<Body>,
        parameters: &[(String, String)],
    ) -> Result<Reply, Refusal> {
        read_only(request)?;
        let graphs: Vec<&str> = parameters
            .iter()
            .filter(|(key, _)| key == "graph")
            .map(|(_, value)| value.as_str())
            .collect();
        let default = parameters.iter().any(|(key, _)| key == "default");
        let target = match (graphs.as_slice(), default) {
            ([], true) => Target::Default,
            ([iri], false) => Target::Named(NamedNode::new(*iri).map_err(|error| {
                Refusal::new(400, format!("graph `{iri}` is not an IRI: {error}"))
            })?),
            _ => {
                return Err(Refusal::new(
                    400,
                    "name one graph: either graph=IRI once, or default",
                ))
            }
        };
        let media_type = graph_media_type(request, &parameters_format(parameters), false)?;
        let query = request.uri().query().unwrap_or("");
        let location = format!("/sparql?{}", with_format(query, short_name(media_type)));
        Ok(graph_response(media_type, self.read_graph(&target)?)?.negotiated(location))
    }

    /// `/graph/…`: the named graph `{base}graph/…` (direct identification).
    pub(super) fn direct_graph(
        &self,
        request: &Request<Body>,
        path: &str,
    ) -> Result<Reply, Refusal> {
        read_only(request)?;
        let iri = NamedNode::new(format!("{}{path}", self.options.minter.base()))
            .map_err(|_| Refusal::new(404, "not found: this path names no graph"))?;
        let parameters = parse_form(request.uri().query().unwrap_or("").as_bytes());
        let media_type = graph_media_type(request, &parameters_format(&parameters), true)?;
        if media_type == "text/html" {
            let location = format!("{}?format=html", request.uri().path());
            let page = self.graph_page(&iri, Language::of(request))?;
            return Ok(Reply::html(page).negotiated(location));
        }
        let location = format!("{}?format={}", request.uri().path(), short_name(media_type));
        Ok(graph_response(media_type, self.read_graph(&Target::Named(iri))?)?.negotiated(location))
    }

    /// Every triple of the graph, read under the endpoint's limits; 404 for a graph with none
    /// (the store holds no empty graphs).
    fn read_graph(&self, target: &Target) -> Result<Vec<Quad>, Refusal> {
        let (query, what) = match target {
            Target::Named(iri) => (
                format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}"),
                format!("graph {iri}"),
            ),
            Target::Default => (
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }".to_owned(),
                "the default graph".to_owned(),
            ),
        };
        match self.evaluate(query)? {
            Evaluated::Graph(quads) if !quads.is_empty() => Ok(quads),
            _ => Err(Refusal::new(
                404,
                format!("not found: this store has no {what}"),
            )),
        }
    }

    /// Whether `/def` is the vocabulary's address here: only when the vocabulary's namespace
    /// lies under this server's base (`{base}def#`), as it does under the default base.
    pub(super) fn serves_vocabulary(&self) -> bool {
        kv::NAMESPACE == format!("{}def#", self.options.minter.base())
    }

    /// `/def` (the ontology, with a page for browsers) and `/def/shapes` (the SHACL shapes).
    pub(super) fn vocabulary(
        &self,
        request: &Request<Body>,
        shapes: bool,
    ) -> Result<Reply, Refusal> {
        read_only(request)?;
        let turtle = if shapes {
            crate::publish::SHAPES_TURTLE
        } else {
            ONTOLOGY_TURTLE
        };
        let parameters = parse_form(request.uri().query().unwrap_or("").as_bytes());
        let media_type = graph_media_type(request, &parameters_format(&parameters), !shapes)?;
        let format = match media_type {
            "text/html" => "html",
            other => short_name(other),
        };
        let location = format!("{}?format={format}", request.uri().path());
        let (quads, prefixes) = parse_with_prefixes(turtle)?;
        if media_type == "text/html" {
            let page = vocabulary_page(&quads, &prefixes, self.options.minter.base());
            return Ok(Reply::html(page).negotiated(location));
        }
        Ok(graph_response(media_type, quads)?.negotiated(location))
    }
}

/// The vocabulary's page: its title and description, then each term of the `kv:` namespace,
/// classes, properties and other terms, under an element whose `id` is its local name, with
/// its labels and comments by language and its other statements (type, alignments, domain,
/// range).
fn vocabulary_page(quads: &[Quad], prefixes: &[(String, String)], base: &str) -> String {
    let linker = Linker { base };
    // Each subject's statements, by predicate.
    let mut terms: BTreeMap<String, Vec<(String, Term)>> = BTreeMap::new();
    for quad in quads {
        terms
            .entry(quad.subject.to_string())
            .or_default()
            .push((quad.predicate.as_str().to_owned(), quad.object.clone()));
    }
    let ontology = kv::NAMESPACE.trim_end_matches('#');
    let text_of = |statements: &[(String, Term)], predicate: NamedNodeRef<'_>, language: &str| {
        statements
            .iter()
            .filter_map(|(p, o)| match o {
                Term::Literal(literal)
                    if p == predicate.as_str() && literal.language() == Some(language) =>
                {
                    Some(literal.value().to_owned())
                }
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut body = String::new();
    let header = terms.get(&format!("<{ontology}>"));
    let title = header
        .map(|s| text_of(s, dct::TITLE, "en"))
        .filter(|title| !title.is_empty())
        .unwrap_or_else(|| "kamervragen vocabulary".to_owned());
    let _ = write!(body, "<h1>{}</h1>", escape(&title));
    if let Some(statements) = header {
        for language in ["nl", "en"] {
            let description = text_of(statements, dct::DESCRIPTION, language);
            if !description.is_empty() {
                let _ = write!(body, "<p lang=\"{language}\">{}</p>", escape(&description));
            }
        }
    }
    let _ = write!(
        body,
        "<p>Namespace <code>{}</code> (prefix <code>kv:</code>). The same in \
         <a href=\"/def?format=ttl\">Turtle</a>, <a href=\"/def?format=nt\">N-Triples</a>, \
         <a href=\"/def?format=rdf\">RDF/XML</a>, <a href=\"/def?format=jsonld\">JSON-LD</a>; \
         the SHACL shapes at <a href=\"/def/shapes\">/def/shapes</a>.</p>",
        escape(kv::NAMESPACE)
    );
    let mut sections: [(&str, Vec<String>); 3] = [
        ("Classes", Vec::new()),
        ("Properties", Vec::new()),
        ("Other terms", Vec::new()),
    ];
    for (subject, statements) in &terms {
        let Some(local) = subject
            .strip_prefix('<')
            .and_then(|s| s.strip_suffix('>'))
            .and_then(|iri| iri.strip_prefix(kv::NAMESPACE))
        else {
            continue;
        };
        let types: Vec<&str> = statements
            .iter()
            .filter(|(p, _)| p == rdf::TYPE.as_str())
            .filter_map(|(_, o)| match o {
                Term::NamedNode(node) => Some(node.as_str()),
                _ => None,
            })
            .collect();
        let section = if types.contains(&rdfs::CLASS.as_str()) {
            0
        } else if types.contains(&rdf::PROPERTY.as_str()) {
            1
        } else {
            2
        };
        let mut html = format!(
            "<section id=\"{}\"><h3><a href=\"#{}\">kv:{}</a></h3><table class=\"facts\">",
            escape(local),
            escape(local),
            escape(local)
        );
        for (name, predicate) in [("label", rdfs::LABEL), ("comment", rdfs::COMMENT)] {
            for language in ["nl", "en"] {
                let text = text_of(statements, predicate, language);
                if !text.is_empty() {
                    let _ = write!(
                        html,
                        "<tr><td>{name} ({language})</td><td lang=\"{language}\">{}</td></tr>",
                        escape(&text)
                    );
                }
            }
        }
        for (predicate, object) in statements {
            if [rdfs::LABEL, rdfs::COMMENT, rdfs::IS_DEFINED_BY]
                .iter()
                .any(|known| known.as_str() == predicate)
            {
                continue;
            }
            let value = match object {
                Term::NamedNode(node) => match node.as_str().strip_prefix(kv::NAMESPACE) {
                    Some(local) => {
                        format!("<a href=\"#{}\">kv:{}</a>", escape(local), escape(local))
                    }
                    None => linker.link(node.as_str(), &compact(node.as_str(), prefixes)),
                },
                Term::Literal(literal) => match literal.language() {
                    Some(language) => format!(
                        "{} <small>@{}</small>",
                        escape(literal.value()),
                        escape(language)
                    ),
                    None => escape(literal.value()),
                },
                other => escape(&other.to_string()),
            };
            let _ = write!(
                html,
                "<tr><td>{}</td><td>{value}</td></tr>",
                escape(&compact(predicate, prefixes))
            );
        }
        html.push_str("</table></section>\n");
        sections[section].1.push(html);
    }
    for (heading, entries) in &sections {
        if entries.is_empty() {
            continue;
        }
        let _ = writeln!(body, "<h2>{heading}</h2>");
        for entry in entries {
            body.push_str(entry);
        }
    }
    page_with_alternates(&title, &super::resources::alternates("/def"), &body)
}

/// An IRI as `prefix:local` when its namespace is one the file declares (or one of the
/// vocabularies the dumps declare), else as it is.
fn compact(iri: &str, prefixes: &[(String, String)]) -> String {
    super::html::compact_with(iri, prefixes).unwrap_or_else(|| iri.to_owned())
}

/// The prefixes a Turtle file declares, with their namespaces.
type Prefixes = Vec<(String, String)>;

/// The triples of an embedded Turtle file, and the prefixes it declares.
fn parse_with_prefixes(turtle: &str) -> Result<(Vec<Quad>, Prefixes), Refusal> {
    let mut parser = RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes());
    let mut quads = Vec::new();
    for quad in &mut parser {
        let quad = quad.map_err(|error| {
            Refusal::new(500, format!("the embedded Turtle is invalid: {error}"))
        })?;
        quads.push(Quad::new(
            quad.subject,
            quad.predicate,
            quad.object,
            GraphName::DefaultGraph,
        ));
    }
    let prefixes = parser
        .prefixes()
        .map(|(prefix, iri)| (prefix.to_owned(), iri.to_owned()))
        .collect();
    Ok((quads, prefixes))
}

/// Whether a request to `/sparql` names a graph (`graph=` or `default`) rather than asking a
/// query or an update.
pub(super) fn names_graph(request: &Request<Body>) -> bool {
    let parameters = parse_form(request.uri().query().unwrap_or("").as_bytes());
    let named = |name: &str| parameters.iter().any(|(key, _)| key == name);
    !(named("query") || named("update")) && (named("graph") || named("default"))
}

/// Nothing is written here: PUT, POST, DELETE (and the rest) get 405.
pub(super) fn read_only(request: &Request<Body>) -> Result<(), Refusal> {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        Ok(())
    } else {
        Err(Refusal::new(
            405,
            format!(
                "{} is not allowed: this graph is read-only ({GRAPH_METHODS})",
                request.method()
            ),
        ))
    }
}

/// The first `format=` or `output=` value.
pub(super) fn parameters_format(parameters: &[(String, String)]) -> Option<String> {
    parameters
        .iter()
        .find(|(name, _)| FORMAT_PARAMETERS.contains(&name.as_str()))
        .map(|(_, value)| value.clone())
}

/// The media type to answer with: `format=` wins over `Accept`; `text/html` only when `html`.
pub(super) fn graph_media_type(
    request: &Request<Body>,
    format: &Option<String>,
    html: bool,
) -> Result<&'static str, Refusal> {
    let accept = match format.as_deref() {
        Some(name) if html && name.eq_ignore_ascii_case("html") => Some("text/html"),
        Some(name) => Some(named_type(name, Answer::Graph).ok_or_else(|| {
            Refusal::new(
                406,
                unnamed(name, Answer::Graph) + if html { ", or html" } else { "" },
            )
        })?),
        None => request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()),
    };
    let mut offered = GRAPH_TYPES.to_vec();
    if html {
        offered.push("text/html");
    }
    acceptable(accept, &offered)
}

/// A query string with its `format=` and `output=` replaced by `format={name}`.
fn with_format(query: &str, name: &str) -> String {
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            !pair.is_empty() && !FORMAT_PARAMETERS.contains(&key)
        })
        .collect();
    let format = format!("format={name}");
    kept.push(&format);
    kept.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_local_term_has_its_place_on_the_vocabulary_page() {
        let (quads, prefixes) = parse_with_prefixes(ONTOLOGY_TURTLE).expect("the ontology parses");
        let page = vocabulary_page(&quads, &prefixes, "https://w3id.org/kamervragen/");
        for term in kv::TERMS {
            let local = &term.as_str()[kv::NAMESPACE.len()..];
            assert!(
                page.contains(&format!("<section id=\"{local}\">")),
                "kv:{local}"
            );
        }
        assert!(!page.contains("<script"));
    }

    #[test]
    fn a_location_names_the_format_sent() {
        assert_eq!(with_format("default", "ttl"), "default&format=ttl");
        assert_eq!(
            with_format("graph=g&output=json&format=xml", "nt"),
            "graph=g&format=nt"
        );
        assert_eq!(
            compact("http://www.w3.org/2000/01/rdf-schema#label", &[]),
            "rdfs:label"
        );
        let declared = [("tk".to_owned(), "https://example.org/tk/".to_owned())];
        assert_eq!(compact("https://example.org/tk/Zaak", &declared), "tk:Zaak");
        assert_eq!(compact("urn:x", &declared), "urn:x");
    }
}
