//! The formats answers are written in, and the names clients give them.
//!
//! A value of `format=` or `output=` enters (`json`, `n3`, `rdf+xml`, a media type …) with what
//! the query answers: results (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE); the media type to
//! send leaves, or `None` when the value names no format of that answer. One name can mean a
//! format of each: SPARQLWrapper sends `xml` for SPARQL XML results and for RDF/XML alike, and
//! `json` for SPARQL JSON results and for a graph it reads as JSON-LD.

/// What a query answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// Solutions or a boolean: SELECT and ASK.
    Results,
    /// Triples: CONSTRUCT and DESCRIBE (and the service description).
    Graph,
}

const SPARQL_JSON: &str = "application/sparql-results+json";
const SPARQL_XML: &str = "application/sparql-results+xml";
const CSV: &str = "text/csv";
const TSV: &str = "text/tab-separated-values";
const TURTLE: &str = "text/turtle";
const N_TRIPLES: &str = "application/n-triples";
const RDF_XML: &str = "application/rdf+xml";
const JSON_LD: &str = "application/ld+json";

/// Result formats for solutions and booleans, the default first. `application/json` and
/// `application/xml` are the SPARQL formats under the names older clients ask for.
pub(crate) const RESULT_TYPES: &[&str] = &[
    SPARQL_JSON,
    SPARQL_XML,
    CSV,
    TSV,
    "application/json",
    "application/xml",
];

/// Formats for graphs, the default first.
pub(crate) const GRAPH_TYPES: &[&str] = &[TURTLE, N_TRIPLES, RDF_XML, JSON_LD];

/// Each name a client may give, with the media type it names for results and for a graph.
/// Names are matched without regard to case; a media type's parameters (`;charset=utf-8`) are
/// left out before.
const NAMES: &[(&str, Option<&str>, Option<&str>)] = &[
    // SPARQLWrapper's return formats (`XML`, `JSON`, `CSV`, `TSV`, `TURTLE`, `N3`, `RDF`,
    // `RDFXML`, `JSONLD`), rdflib's plugin names, and the short names of download links.
    ("json", Some(SPARQL_JSON), Some(JSON_LD)),
    ("xml", Some(SPARQL_XML), Some(RDF_XML)),
    ("csv", Some(CSV), None),
    ("tsv", Some(TSV), None),
    ("turtle", None, Some(TURTLE)),
    ("ttl", None, Some(TURTLE)),
    // Turtle is N3 too: every Turtle document is an N3 document.
    ("n3", None, Some(TURTLE)),
    ("nt", None, Some(N_TRIPLES)),
    ("ntriples", None, Some(N_TRIPLES)),
    ("n-triples", None, Some(N_TRIPLES)),
    ("json-ld", None, Some(JSON_LD)),
    ("jsonld", None, Some(JSON_LD)),
    ("rdf+xml", None, Some(RDF_XML)),
    ("rdfxml", None, Some(RDF_XML)),
    ("rdf", None, Some(RDF_XML)),
    // Media types, as Virtuoso's clients send them, and the aliases SPARQLWrapper accepts.
    (SPARQL_JSON, Some(SPARQL_JSON), None),
    ("application/json", Some("application/json"), Some(JSON_LD)),
    (SPARQL_XML, Some(SPARQL_XML), None),
    ("application/xml", Some("application/xml"), Some(RDF_XML)),
    (CSV, Some(CSV), None),
    (TSV, Some(TSV), None),
    (TURTLE, None, Some(TURTLE)),
    ("application/turtle", None, Some(TURTLE)),
    ("application/x-turtle", None, Some(TURTLE)),
    ("text/n3", None, Some(TURTLE)),
    ("text/rdf+n3", None, Some(TURTLE)),
    (N_TRIPLES, None, Some(N_TRIPLES)),
    (RDF_XML, None, Some(RDF_XML)),
    (JSON_LD, None, Some(JSON_LD)),
    ("application/x-json+ld", None, Some(JSON_LD)),
];

/// The media type `value` names for `answer`.
pub(crate) fn named_type(value: &str, answer: Answer) -> Option<&'static str> {
    let name = value.split(';').next().unwrap_or("").trim();
    NAMES
        .iter()
        .find(|(known, _, _)| known.eq_ignore_ascii_case(name))
        .and_then(|&(_, results, graph)| match answer {
            Answer::Results => results,
            Answer::Graph => graph,
        })
}

/// The short name `format=` takes for a media type this endpoint writes: what download links
/// and `Content-Location` use.
pub(crate) fn short_name(media_type: &str) -> &'static str {
    match media_type {
        SPARQL_XML | "application/xml" => "xml",
        CSV => "csv",
        TSV => "tsv",
        N_TRIPLES => "nt",
        RDF_XML => "rdf",
        JSON_LD => "jsonld",
        TURTLE => "ttl",
        _ => "json",
    }
}

/// The formats of `answer` as a reader names them, with the short name `format=` takes.
pub(crate) fn offered(answer: Answer) -> &'static [(&'static str, &'static str)] {
    match answer {
        Answer::Results => &[
            ("CSV", "csv"),
            ("TSV", "tsv"),
            ("JSON", "json"),
            ("XML", "xml"),
        ],
        Answer::Graph => &[
            ("Turtle", "ttl"),
            ("N-Triples", "nt"),
            ("RDF/XML", "rdf"),
            ("JSON-LD", "jsonld"),
        ],
    }
}

/// What to say when `format=` names nothing `answer` can be: the names it takes.
pub(crate) fn unnamed(value: &str, answer: Answer) -> String {
    let (what, names) = match answer {
        Answer::Results => ("SELECT and ASK results", "json, xml, csv or tsv"),
        Answer::Graph => (
            "CONSTRUCT and DESCRIBE graphs",
            "turtle, nt, rdf+xml or json-ld",
        ),
    };
    format!("format `{value}` names none of the formats of {what}: ask for {names} (or their media types)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_means_a_format_of_each_answer() {
        for (value, results, graph) in [
            ("json", Some(SPARQL_JSON), Some(JSON_LD)),
            ("XML", Some(SPARQL_XML), Some(RDF_XML)),
            ("csv", Some(CSV), None),
            ("tsv", Some(TSV), None),
            ("turtle", None, Some(TURTLE)),
            ("n3", None, Some(TURTLE)),
            ("nt", None, Some(N_TRIPLES)),
            ("json-ld", None, Some(JSON_LD)),
            ("jsonld", None, Some(JSON_LD)),
            ("rdf+xml", None, Some(RDF_XML)),
            ("rdf", None, Some(RDF_XML)),
            ("application/sparql-results+json", Some(SPARQL_JSON), None),
            ("text/tab-separated-values", Some(TSV), None),
            ("text/turtle; charset=utf-8", None, Some(TURTLE)),
            ("application/rdf+xml", None, Some(RDF_XML)),
            ("application/ld+json", None, Some(JSON_LD)),
            ("html", None, None),
            ("", None, None),
        ] {
            assert_eq!(named_type(value, Answer::Results), results, "{value}");
            assert_eq!(named_type(value, Answer::Graph), graph, "{value}");
        }
    }

    #[test]
    fn every_type_offered_has_a_name_that_gives_it_back() {
        for (answer, types) in [
            (Answer::Results, RESULT_TYPES),
            (Answer::Graph, GRAPH_TYPES),
        ] {
            for media_type in types {
                assert!(named_type(media_type, answer).is_some(), "{media_type}");
            }
            for (_, name) in offered(answer) {
                let media_type = named_type(name, answer).expect("a name of the answer");
                assert!(types.contains(&media_type));
                assert_eq!(short_name(media_type), *name);
            }
        }
    }
}
