//! `kamervragen serve`: the SPARQL 1.1 Protocol over HTTP, checked with a plain HTTP client on
//! a free port: the ways to ask, content negotiation, refusals, the time limit, and that every
//! file in `queries/` gives over HTTP the rows `kamervragen query` gives.

use super::http::{self, on_a_free_port, Reply};
use super::{independent_tool, parse_triples, query_path, Workspace};
use oxigraph::io::RdfFormat;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running server, stopped when dropped.
pub(super) struct Server {
    child: Child,
    pub(super) port: u16,
}

impl Server {
    /// The server's process: the executable itself, started without a shell.
    pub(super) fn pid(&self) -> u32 {
        self.child.id()
    }

    pub(super) fn start(workspace: &Workspace, extra: &[&str]) -> Self {
        on_a_free_port(|port| Self::start_on(workspace, extra, port))
    }

    /// The server on `port`, `None` if the port was taken.
    fn start_on(workspace: &Workspace, extra: &[&str], port: u16) -> Option<Self> {
        let bind = format!("127.0.0.1:{port}");
        let mut args = vec!["serve", "seeds", "--quiet", "--bind", &bind];
        args.extend_from_slice(extra);
        // A file rather than a pipe: nothing reads the server's errors while it runs.
        let errors = workspace.path().join(format!("serve-{port}.stderr"));
        let mut child = workspace
            .command(&args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&errors).unwrap())
            .spawn()
            .expect("the server starts");
        let mut first_line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut first_line)
            .unwrap();
        if first_line.is_empty() {
            let status = child.wait().unwrap();
            let errors = std::fs::read_to_string(&errors).unwrap();
            if errors.contains("Address already in use") {
                return None;
            }
            panic!("serve stopped before serving ({status}): {errors}");
        }
        assert_eq!(
            first_line,
            format!("serving SPARQL at http://{bind}/sparql (Ctrl-C stops)\n")
        );
        Some(Self { child, port })
    }

    /// Sends one request; the status, the headers (lower-case names) and the body.
    pub(super) fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        http::request(
            &format!("127.0.0.1:{}", self.port),
            method,
            target,
            headers,
            body,
        )
    }

    pub(super) fn get(&self, query: &str, accept: &str) -> Reply {
        let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
        self.request(
            "GET",
            &format!("/sparql?query={encoded}"),
            &[("Accept", accept)],
            b"",
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What `kamervragen query -f csv` prints for a file of `queries/` (or any path).
fn cli_csv(workspace: &Workspace, query_file: &str) -> String {
    let path = query_path(query_file);
    let path = path.to_string_lossy();
    workspace
        .run(&["query", "seeds", "--quiet", "-f", "csv", "-q", &path])
        .success()
}

pub(super) const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?q a schema:Question }";

#[test]
fn the_three_ways_to_ask_give_the_same_answer() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let expected = workspace
        .run(&["query", "seeds", "--quiet", "-f", "csv", "-e", COUNT])
        .success();
    let by_get = server.get(COUNT, "text/csv");
    assert_eq!(by_get.status, 200);
    assert_eq!(by_get.header("content-type"), Some("text/csv"));
    assert_eq!(by_get.body, expected);
    let form: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", COUNT)
        .finish();
    let by_form = server.request(
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/csv"),
        ],
        form.as_bytes(),
    );
    assert_eq!(by_form.body, expected);
    let direct = server.request(
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "text/csv"),
        ],
        COUNT.as_bytes(),
    );
    assert_eq!(direct.body, expected);
}

#[test]
fn every_query_file_gives_the_rows_of_the_query_command() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let queries = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<_> = std::fs::read_dir(&queries)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 11);
    for file in files {
        let path = file.to_string_lossy().into_owned();
        let expected = cli_csv(&workspace, &path);
        let sparql = std::fs::read_to_string(&file).unwrap();
        let reply = server.get(&sparql, "text/csv");
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert_eq!(reply.body, expected, "{path}");
        assert!(expected.lines().count() > 1, "{path} returns rows");
    }
}

#[test]
fn results_come_in_the_format_asked_for() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let json = server.get(COUNT, "application/sparql-results+json");
    assert_eq!(
        json.header("content-type"),
        Some("application/sparql-results+json")
    );
    let parsed: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    let expected = serde_json::json!({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {
        "type": "literal",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
        "value": "10"
    }}]}});
    assert_eq!(parsed, expected);
    let xml = server.get(COUNT, "application/sparql-results+xml");
    assert!(
        xml.body.contains(
            "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">10</literal>"
        ),
        "{}",
        xml.body
    );
    let tsv = server.get(COUNT, "text/tab-separated-values");
    assert_eq!(tsv.body, "?n\n10\n");
    let default = server.get(COUNT, "*/*");
    assert_eq!(
        default.header("content-type"),
        Some("application/sparql-results+json")
    );
    let ask = server.get(
        "ASK { ?q a schema:Question }",
        "application/sparql-results+json",
    );
    let parsed: serde_json::Value = serde_json::from_str(&ask.body).unwrap();
    assert_eq!(parsed, serde_json::json!({"head": {}, "boolean": true}));

    let construct = "CONSTRUCT { ?q schema:position ?n } WHERE { ?q schema:position ?n ; a schema:Question } ORDER BY ?n LIMIT 1";
    let turtle = server.get(construct, "text/turtle");
    assert_eq!(turtle.header("content-type"), Some("text/turtle"));
    assert!(
        turtle.body.contains("schema:position 1 ."),
        "{}",
        turtle.body
    );
    let ntriples = server.get(construct, "application/n-triples");
    assert_eq!(
        ntriples.body,
        "<https://w3id.org/kamervragen/zaak/2019Z15244/vraag/1> <http://schema.org/position> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    );
    let jsonld = server.get(construct, "application/ld+json");
    assert!(
        jsonld
            .body
            .contains("\"@id\": \"https://w3id.org/kamervragen/zaak/2019Z15244/vraag/1\"")
            || jsonld
                .body
                .contains("\"@id\":\"https://w3id.org/kamervragen/zaak/2019Z15244/vraag/1\""),
        "{}",
        jsonld.body
    );
    let rdfxml = server.get(construct, "application/rdf+xml");
    assert_eq!(rdfxml.header("content-type"), Some("application/rdf+xml"));
    assert_eq!(
        parse_triples(rdfxml.body.as_bytes(), RdfFormat::RdfXml),
        parse_triples(ntriples.body.as_bytes(), RdfFormat::NTriples)
    );
    let refused = server.get(COUNT, "image/png");
    assert_eq!(refused.status, 406);
}

/// A GET of `query` with these parameters after it and `accept`.
fn get_with(server: &Server, query: &str, parameters: &str, accept: &str) -> Reply {
    let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
    server.request(
        "GET",
        &format!("/sparql?query={encoded}&{parameters}"),
        &[("Accept", accept)],
        b"",
    )
}

#[test]
fn format_and_output_name_a_format_for_each_kind_of_answer() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let construct = "CONSTRUCT { ?q schema:position ?n } WHERE { ?q schema:position ?n ; a schema:Question } ORDER BY ?n LIMIT 3";
    let expected = parse_triples(
        server
            .get(construct, "application/n-triples")
            .body
            .as_bytes(),
        RdfFormat::NTriples,
    );
    // The value, then what it gives a SELECT and what it gives a CONSTRUCT (None: 406).
    for (value, results, graph) in [
        (
            "json",
            Some("application/sparql-results+json"),
            Some(RdfFormat::JsonLd {
                profile: Default::default(),
            }),
        ),
        (
            "xml",
            Some("application/sparql-results+xml"),
            Some(RdfFormat::RdfXml),
        ),
        ("csv", Some("text/csv"), None),
        ("tsv", Some("text/tab-separated-values"), None),
        ("turtle", None, Some(RdfFormat::Turtle)),
        ("n3", None, Some(RdfFormat::Turtle)),
        ("nt", None, Some(RdfFormat::NTriples)),
        (
            "json-ld",
            None,
            Some(RdfFormat::JsonLd {
                profile: Default::default(),
            }),
        ),
        (
            "jsonld",
            None,
            Some(RdfFormat::JsonLd {
                profile: Default::default(),
            }),
        ),
        ("rdf%2Bxml", None, Some(RdfFormat::RdfXml)),
        ("rdf", None, Some(RdfFormat::RdfXml)),
        (
            "application%2Fsparql-results%2Bjson",
            Some("application/sparql-results+json"),
            None,
        ),
        ("text%2Fturtle", None, Some(RdfFormat::Turtle)),
        ("application%2Frdf%2Bxml", None, Some(RdfFormat::RdfXml)),
    ] {
        // Whatever the client accepts besides: the parameter wins.
        for parameter in ["format", "output"] {
            let select = get_with(&server, COUNT, &format!("{parameter}={value}"), "text/html");
            match results {
                Some(media_type) => {
                    assert_eq!(select.status, 200, "{value}: {}", select.body);
                    assert_eq!(select.header("content-type"), Some(media_type), "{value}");
                }
                None => {
                    assert_eq!(select.status, 406, "{value}");
                    assert!(
                        select.body.contains("names none of the formats of SELECT and ASK results: ask for json, xml, csv or tsv"),
                        "{}",
                        select.body
                    );
                }
            }
            let graph_reply = get_with(
                &server,
                construct,
                &format!("{parameter}={value}"),
                "text/csv",
            );
            match graph {
                Some(format) => {
                    assert_eq!(graph_reply.status, 200, "{value}: {}", graph_reply.body);
                    assert_eq!(
                        graph_reply.header("content-type"),
                        Some(format.media_type()),
                        "{value}"
                    );
                    assert_eq!(
                        parse_triples(graph_reply.body.as_bytes(), format),
                        expected,
                        "{value}"
                    );
                }
                None => {
                    assert_eq!(graph_reply.status, 406, "{value}");
                    assert!(
                        graph_reply.body.contains("CONSTRUCT and DESCRIBE graphs"),
                        "{}",
                        graph_reply.body
                    );
                }
            }
        }
    }
    // As SPARQLWrapper sends TSV and RDF/XML: the short name, then the media type, under
    // `format`, `output` and `results`. The first that names a format of the answer wins.
    let tsv = get_with(&server, COUNT, "format=tsv&format=text%2Ftab-separated-values&output=tsv&output=text%2Ftab-separated-values&results=tsv", "text/tab-separated-values");
    assert_eq!(tsv.body, "?n\n10\n");
    let rdf = get_with(
        &server,
        construct,
        "format=rdf%2Bxml&format=application%2Frdf%2Bxml",
        "application/rdf+xml",
    );
    assert_eq!(rdf.header("content-type"), Some("application/rdf+xml"));
    let second = get_with(&server, construct, "format=csv&output=turtle", "*/*");
    assert_eq!(second.header("content-type"), Some("text/turtle"));
    // In a form too.
    let form: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", COUNT)
        .append_pair("output", "csv")
        .finish();
    let posted = server.request(
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/sparql-results+json"),
        ],
        form.as_bytes(),
    );
    assert_eq!(posted.body, "n\r\n10\r\n");
    // Triples RDF/XML cannot hold: refused as such, with the formats that can.
    let reserved = get_with(
        &server,
        "CONSTRUCT { ?q rdf:about ?n } WHERE { ?q schema:position ?n } LIMIT 1",
        "format=xml",
        "*/*",
    );
    assert_eq!(reserved.status, 406);
    assert!(
        reserved
            .body
            .starts_with("the triples cannot be written as application/rdf+xml (")
            && reserved.body.ends_with(
                "): ask for another of text/turtle, application/n-triples, application/ld+json\n"
            ),
        "{}",
        reserved.body
    );
    let unknown = get_with(&server, COUNT, "format=yaml", "*/*");
    assert_eq!(unknown.status, 406);
    assert_eq!(
        unknown.body,
        "format `yaml` names none of the formats of SELECT and ASK results: ask for json, xml, csv or tsv (or their media types)\n"
    );
}

#[test]
fn the_dataset_can_be_narrowed_to_one_graph() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let graph = "https://w3id.org/kamervragen/graph/seeds/2019Z15244.md";
    let encoded_query: String = form_urlencoded::byte_serialize(COUNT.as_bytes()).collect();
    let encoded_graph: String = form_urlencoded::byte_serialize(graph.as_bytes()).collect();
    let narrowed = server.request(
        "GET",
        &format!("/sparql?query={encoded_query}&default-graph-uri={encoded_graph}"),
        &[("Accept", "text/csv")],
        b"",
    );
    assert_eq!(narrowed.body, "n\r\n10\r\n");
    let all = server.get(COUNT, "text/csv");
    assert_ne!(all.body, narrowed.body);
}

#[test]
fn a_body_too_large_gets_its_answer_not_a_reset() {
    // The server answers 413 from the head alone. Closing with the body unread would make the
    // system reset the connection, and the client, still sending, would lose the answer.
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &["--max-request", "1000"]);
    let body = format!("ASK {{}} #{}", "x".repeat(64 * 1024));
    for _ in 0..10 {
        let large = server.request(
            "POST",
            "/sparql",
            &[("Content-Type", "application/sparql-query")],
            body.as_bytes(),
        );
        assert_eq!(large.status, 413, "{}", large.body);
    }
}

#[test]
fn updates_bad_queries_and_large_requests_are_refused() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &["--max-request", "1000", "--max-rows", "5"]);
    let update = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        b"CLEAR ALL",
    );
    assert_eq!(update.status, 403);
    assert_eq!(
        update.body,
        "this endpoint is read-only: SPARQL updates are not accepted\n"
    );
    let form = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"update=CLEAR+ALL",
    );
    assert_eq!(form.status, 403);
    let broken = server.get("SELECT WHERE {", "text/csv");
    assert_eq!(broken.status, 400);
    assert!(
        broken
            .body
            .starts_with("the query does not parse: the parser stopped at line 1, column 15"),
        "{}",
        broken.body
    );
    // Where the mistake is, and what would mend it.
    let misspelled = server.get("SELEC * WHERE {}", "text/csv");
    assert_eq!(misspelled.status, 400);
    assert_eq!(
        misspelled.body,
        "the query does not parse at line 1, column 1: expected SELECT, CONSTRUCT, ASK or DESCRIBE, not `SELEC`\n"
    );
    let undeclared = server.get("SELECT * WHERE {\n  ?s ex:knows ?o }", "text/csv");
    assert_eq!(
        undeclared.body,
        "the query does not parse at line 2, column 6: the prefix ex: is not declared; declare it (PREFIX ex: <…>) or write the IRI in full\n"
    );
    let large = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        format!("ASK {{}} #{}", "x".repeat(2000)).as_bytes(),
    );
    assert_eq!(large.status, 413);
    let many = server.get("SELECT ?q WHERE { ?q a schema:Question }", "text/csv");
    assert_eq!(many.status, 400);
    assert!(
        many.body.starts_with("the results have more than 5 rows"),
        "{}",
        many.body
    );
    // Still answering after all that.
    assert_eq!(server.get(COUNT, "text/csv").body, "n\r\n10\r\n");
    assert_eq!(server.request("GET", "/elsewhere", &[], b"").status, 404);
}

#[test]
fn an_expensive_query_is_stopped_at_the_time_limit() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &["--timeout", "1"]);
    let started = Instant::now();
    let reply = server.get(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "text/csv",
    );
    let waited = started.elapsed();
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(
        reply.body,
        "the query was stopped after 1 s, the time limit of this endpoint\n"
    );
    // The answer comes at the limit, not when the product of 7,000³ rows would be counted.
    assert!(
        waited < Duration::from_secs(15),
        "answered after {waited:?}"
    );
    assert_eq!(server.get(COUNT, "text/csv").status, 200);
}

#[test]
fn describes_itself_and_answers_other_origins_when_asked() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &["--cors"]);
    // A client's `Host` is not echoed: the endpoint is named by the configured base.
    let description = server.request(
        "GET",
        "/sparql",
        &[
            ("Accept", "application/n-triples"),
            ("Host", "attacker.example"),
        ],
        b"",
    );
    assert_eq!(description.status, 200);
    assert!(
        !description.body.contains("attacker"),
        "{}",
        description.body
    );
    let endpoint = "<https://w3id.org/kamervragen/sparql>";
    assert!(
        description.body.contains(&format!(
            "{endpoint} <http://www.w3.org/ns/sparql-service-description#endpoint> {endpoint} ."
        )),
        "{}",
        description.body
    );
    assert!(description
        .body
        .contains("<http://www.w3.org/ns/formats/SPARQL_Results_JSON>"));
    let preflight = server.request(
        "OPTIONS",
        "/sparql",
        &[("Origin", "https://yasgui.example")],
        b"",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        server
            .get(COUNT, "text/csv")
            .header("access-control-allow-origin"),
        Some("*")
    );
    let plain = Server::start(&workspace, &[]);
    assert_eq!(
        plain
            .get(COUNT, "text/csv")
            .header("access-control-allow-origin"),
        None
    );
}

#[test]
fn stops_cleanly_on_sigterm() {
    let workspace = Workspace::with_seed();
    let mut server = Server::start(&workspace, &[]);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = server.child.wait().unwrap();
    assert_eq!(exit.code(), Some(0));
}

#[test]
fn every_minted_iri_dereferences_to_its_description() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let question = server.request(
        "GET",
        "/zaak/2019Z15244/vraag/1",
        &[("Accept", "application/n-triples")],
        b"",
    );
    assert_eq!(question.status, 200, "{}", question.body);
    assert_eq!(question.header("vary"), Some("Accept"));
    assert_eq!(
        question.header("content-location"),
        Some("/zaak/2019Z15244/vraag/1?format=nt")
    );
    // The representation's own address gives it, whatever the client accepts.
    let located = server.request(
        "GET",
        "/zaak/2019Z15244/vraag/1?format=nt",
        &[("Accept", "text/html")],
        b"",
    );
    assert_eq!(
        located.header("content-type"),
        Some("application/n-triples")
    );
    assert_eq!(located.body, question.body);
    let subject = "<https://w3id.org/kamervragen/zaak/2019Z15244/vraag/1> ";
    assert!(
        question.body.lines().all(|line| line.starts_with(subject)),
        "{}",
        question.body
    );
    assert!(question.body.contains(&format!(
        "{subject}<http://schema.org/position> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> ."
    )));
    // The same description as a CONSTRUCT over the endpoint.
    let construct = "CONSTRUCT { <https://w3id.org/kamervragen/zaak/2019Z15244/vraag/1> ?p ?o } WHERE { <https://w3id.org/kamervragen/zaak/2019Z15244/vraag/1> ?p ?o }";
    assert_eq!(
        server.get(construct, "application/n-triples").body,
        question.body
    );
    // RDF/XML too, by `Accept` or by its address.
    let rdfxml = server.request(
        "GET",
        "/zaak/2019Z15244/vraag/1",
        &[("Accept", "application/rdf+xml")],
        b"",
    );
    assert_eq!(rdfxml.header("content-type"), Some("application/rdf+xml"));
    assert_eq!(
        rdfxml.header("content-location"),
        Some("/zaak/2019Z15244/vraag/1?format=rdf")
    );
    assert_eq!(
        parse_triples(rdfxml.body.as_bytes(), RdfFormat::RdfXml),
        parse_triples(question.body.as_bytes(), RdfFormat::NTriples)
    );
    let located = server.request("GET", "/zaak/2019Z15244/vraag/1?format=rdf", &[], b"");
    assert_eq!(located.body, rdfxml.body);
    let turtle = server.request("GET", "/zaak/2019Z15244", &[("Accept", "text/turtle")], b"");
    assert_eq!(turtle.header("content-type"), Some("text/turtle"));
    assert_eq!(
        turtle.header("content-location"),
        Some("/zaak/2019Z15244?format=ttl")
    );
    let page = server.request("GET", "/zaak/2019Z15244?format=html", &[], b"");
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        page.header("content-location"),
        Some("/zaak/2019Z15244?format=html")
    );
    assert!(
        turtle.body.contains("dct:identifier \"2019Z15244\""),
        "{}",
        turtle.body
    );
    // A name with letters outside ASCII, as a client sends it: percent-encoded.
    // (The fractie `GrKÖ` of the parties table.)
    let party = server.request(
        "GET",
        "/partij/grk%C3%B6",
        &[("Accept", "application/n-triples")],
        b"",
    );
    assert_eq!(party.status, 200, "{}", party.body);
    assert!(
        party
            .body
            .contains("<http://www.w3.org/2004/02/skos/core#prefLabel> \"GrK\u{d6}\""),
        "{}",
        party.body
    );
    let missing = server.request("GET", "/zaak/1999Z00000", &[], b"");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.body,
        "not found: nothing is said about <https://w3id.org/kamervragen/zaak/1999Z00000>\n"
    );
}

#[test]
fn rdflib_queries_it_as_a_sparql_store() {
    let Some(mut python) =
        independent_tool("python3", &["-c", "import rdflib"], "pip install rdflib")
    else {
        return;
    };
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let script = r#"
import sys
from rdflib.plugins.stores.sparqlstore import SPARQLStore
store = SPARQLStore(sys.argv[1], returnFormat="json")
query = "SELECT ?z WHERE { ?s <http://purl.org/dc/terms/identifier> ?z } ORDER BY ?z LIMIT 3"
for row in store.query(query):
    print(row[0])
ask = store.query("ASK { ?q a <http://schema.org/Question> }")
print(ask.askAnswer)
"#;
    let output = python
        .args([
            "-c",
            script,
            &format!("http://127.0.0.1:{}/sparql", server.port),
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = workspace
        .run(&[
            "query",
            "seeds",
            "--quiet",
            "-f",
            "tsv",
            "-e",
            "SELECT ?z WHERE { ?s dct:identifier ?z } ORDER BY ?z LIMIT 3",
        ])
        .success();
    let identifiers: Vec<String> = expected
        .lines()
        .skip(1)
        .map(|line| line.trim_matches('"').to_owned())
        .collect();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{}\nTrue\n", identifiers.join("\n"))
    );
}

pub(super) fn html(server: &Server, path: &str) -> Reply {
    let reply = server.request(
        "GET",
        path,
        &[("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")],
        b"",
    );
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    reply
}

/// The number in the landing page's cell with this id.
fn count_cell(page: &str, id: &str) -> String {
    let start = page
        .find(&format!("id=\"{id}\">"))
        .expect("the count is shown")
        + id.len()
        + 6;
    page[start..].split('<').next().unwrap().to_owned()
}

fn cli_count(workspace: &Workspace, pattern: &str) -> String {
    let query = format!("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}");
    let csv = workspace
        .run(&["query", "seeds", "--quiet", "-f", "csv", "-e", &query])
        .success();
    csv.lines().nth(1).unwrap().to_owned()
}

#[test]
fn the_landing_page_counts_and_draws() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let page = html(&server, "/").body;
    assert_eq!(
        count_cell(&page, "sets-of-questions"),
        cli_count(&workspace, "?x a kv:QuestionSet")
    );
    assert_eq!(
        count_cell(&page, "questions"),
        cli_count(&workspace, "?x a schema:Question")
    );
    assert_eq!(
        count_cell(&page, "cited-sources"),
        cli_count(&workspace, "?q cito:cites ?x")
    );
    assert_eq!(page.matches("<svg").count(), 2);
    assert!(page.contains(">21 days: the term for an answer</text>"));
    // Every answer with both dates is in one bar of the histogram.
    let answered = workspace
        .run(&["query", "seeds", "--quiet", "-f", "csv", "-e",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a eli-dl:answers_to ?s ; dct:dateAccepted ?d . ?s dct:dateSubmitted ?t }"])
        .success();
    let in_bars: u64 = page
        .split(" days: ")
        .skip(1)
        // The bars' titles (`14–20 days: 4`), not the marker's label.
        .filter_map(|rest| rest.split('<').next().unwrap().parse::<u64>().ok())
        .sum();
    assert_eq!(in_bars.to_string(), answered.lines().nth(1).unwrap());
    assert!(in_bars > 10);
}

/// The statements of an RDF document, each as N-Quads, sorted.
fn statements(text: &str, format: oxigraph::io::RdfFormat) -> Vec<String> {
    let mut statements: Vec<String> = oxigraph::io::RdfParser::from_format(format)
        .for_reader(text.as_bytes())
        .map(|quad| quad.expect("the dump parses").to_string())
        .collect();
    statements.sort();
    statements
}

#[test]
fn the_landing_page_links_dumps_of_the_whole_graph() {
    use oxigraph::io::RdfFormat;
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let page = html(&server, "/").body;
    for (extension, name, format) in [
        ("nq", "nquads", RdfFormat::NQuads),
        ("trig", "trig", RdfFormat::TriG),
        ("ttl", "turtle", RdfFormat::Turtle),
        ("nt", "ntriples", RdfFormat::NTriples),
    ] {
        let path = format!("/dump/kamervragen.{extension}");
        assert!(page.contains(&format!("<a href=\"{path}\">")), "{page}");
        let dump = server.request("GET", &path, &[], b"");
        assert_eq!(dump.status, 200);
        assert_eq!(dump.header("content-type"), Some(format.media_type()));
        // The statements `export` writes, no more and no fewer; the store's graphs come in
        // the order of their IRIs, so the lines may be in another order. A dump that merges
        // the graphs is sorted: the same bytes.
        let export = workspace
            .run(&["export", "seeds", "--quiet", "-f", name])
            .success();
        let exported = statements(&export, format);
        assert!(exported.len() > 7000, "{}", exported.len());
        assert_eq!(statements(&dump.body, format), exported, "{path}");
        if !format.supports_datasets() {
            assert!(dump.body == export, "{path}: not the bytes `export` writes");
        }
        assert!(!dump.body.contains("_:"), "no blank nodes");
        // And the same bytes every time.
        assert_eq!(server.request("GET", &path, &[], b"").body, dump.body);
    }
    let unknown = server.request("GET", "/dump/kamervragen.rdf", &[], b"");
    assert_eq!(unknown.status, 404);
    assert!(
        unknown.body.contains("kamervragen.nq, kamervragen.trig"),
        "{}",
        unknown.body
    );
}

#[test]
fn the_query_page_runs_the_shipped_queries() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let expected = cli_csv(&workspace, "answer-times.rq");
    let rows = expected.lines().count() - 1;
    let page = html(&server, "/query?file=answer-times.rq").body;
    assert!(
        page.contains(&format!("<p id=\"row-count\">{rows} rows</p>")),
        "{page}"
    );
    assert_eq!(page.matches("<tr><td>").count(), rows);
    assert!(page.contains("href=\"/sparql?query="), "a download link");
    for (name, _) in kamervragen::serve::QUERIES {
        assert!(
            page.contains(&format!("href=\"/query?file={name}\"")),
            "{name} offered"
        );
    }
}

/// The download links of a query page: each label with its target.
fn download_links(page: &str) -> Vec<(String, String)> {
    let start = page.find("<p id=\"downloads\">").expect("download links");
    let paragraph = &page[start..start + page[start..].find("</p>").unwrap()];
    paragraph
        .split("<a href=\"")
        .skip(1)
        .map(|link| {
            let (target, rest) = link.split_once("\">").unwrap();
            let label = rest.split('<').next().unwrap();
            (label.to_owned(), target.replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn the_query_page_offers_downloads_in_the_formats_of_the_answer() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let page_of = |query: &str| {
        let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
        html(&server, &format!("/query?query={encoded}")).body
    };
    // SELECT and ASK: the result formats, each the rows of `kamervragen query`.
    for query in [COUNT, "ASK { ?q a schema:Question }"] {
        let links = download_links(&page_of(query));
        let labels: Vec<&str> = links.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(labels, ["CSV", "TSV", "JSON", "XML"], "{query}");
        for ((label, target), (format, media_type)) in links.iter().zip([
            ("csv", "text/csv"),
            ("tsv", "text/tab-separated-values"),
            ("json", "application/sparql-results+json"),
            ("xml", "application/sparql-results+xml"),
        ]) {
            let reply = server.request("GET", target, &[], b"");
            assert_eq!(reply.status, 200, "{label}: {}", reply.body);
            assert_eq!(reply.header("content-type"), Some(media_type), "{label}");
            let expected = workspace
                .run(&["query", "seeds", "--quiet", "-f", format, "-e", query])
                .success();
            assert_eq!(reply.body, expected, "{label} of {query}");
        }
    }
    // CONSTRUCT and DESCRIBE: the graph formats, each the triples of `kamervragen query`.
    for query in [
        "CONSTRUCT { ?q schema:position ?n } WHERE { ?q schema:position ?n ; a schema:Question }",
        "DESCRIBE <https://w3id.org/kamervragen/zaak/2019Z15244>",
    ] {
        let expected = parse_triples(
            workspace
                .run(&["query", "seeds", "--quiet", "-e", query])
                .success()
                .as_bytes(),
            RdfFormat::Turtle,
        );
        assert!(expected.len() >= 10, "{query}");
        let links = download_links(&page_of(query));
        let labels: Vec<&str> = links.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(
            labels,
            ["Turtle", "N-Triples", "RDF/XML", "JSON-LD"],
            "{query}"
        );
        for ((label, target), format) in links.iter().zip([
            RdfFormat::Turtle,
            RdfFormat::NTriples,
            RdfFormat::RdfXml,
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ]) {
            let reply = server.request("GET", target, &[], b"");
            assert_eq!(reply.status, 200, "{label}: {}", reply.body);
            assert_eq!(
                reply.header("content-type"),
                Some(format.media_type()),
                "{label}"
            );
            assert_eq!(
                parse_triples(reply.body.as_bytes(), format),
                expected,
                "{label} of {query}"
            );
        }
    }
    // A query that does not parse offers nothing to download, and says why.
    let broken = page_of("SELEC * WHERE {}");
    assert!(!broken.contains("id=\"downloads\""), "{broken}");
    assert!(broken.contains("<p id=\"error\">the query does not parse at line 1, column 1: expected SELECT, CONSTRUCT, ASK or DESCRIBE, not `SELEC`</p>"), "{broken}");
}

#[test]
fn the_query_page_offers_every_file_in_queries() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    let shipped: Vec<(String, String)> = kamervragen::serve::QUERIES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    assert_eq!(shipped, files);
}

#[test]
fn a_set_has_a_page_with_its_questions_sources_and_follow_ups() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let page = html(&server, "/zaak/2019Z15244").body;
    assert!(page.contains("<h1>het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse software die emoties leest»</h1>"), "{page}");
    assert!(page.contains("Bent u bekend met het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse software die emoties leest»?"));
    assert!(page.contains("<a href=\"https://www.hrw.org/news/2017/11/19/china-police-big-data-systems-violate-privacy-target-dissent\">"));
    assert!(page.contains("<a href=\"/persoon/bf030048-0434-42f1-bbed-8b0c04014db4\" "));
    assert!(page.contains("<a href=\"/zaak/2019Z15131\" "), "follows up");
    let earlier = html(&server, "/zaak/2019Z15131").body;
    let followed = earlier
        .split("id=\"followed-up-by\"")
        .nth(1)
        .expect("a followed-up-by section");
    assert!(followed.contains("<a href=\"/zaak/2019Z15244\" "));
    let member = html(&server, "/persoon/bf030048-0434-42f1-bbed-8b0c04014db4").body;
    assert!(member.contains("<h1>Sjoerd Sjoerdsma</h1>"), "{member}");
    assert!(
        member.contains("<a href=\"/zaak/2019Z15244\" "),
        "the member's page lists the set"
    );
    let answered = html(&server, "/zaak/2024Z14419").body;
    let section = answered
        .split("id=\"questions-and-answers\"")
        .nth(1)
        .expect("questions and answers");
    assert!(
        section.contains("</td><td>Ja, hier ben ik mee bekend.</td></tr>"),
        "the answer stands in its question's row: {section}"
    );
    let party = html(&server, "/partij/d66").body;
    let sets = party
        .split("id=\"sets\"")
        .nth(1)
        .expect("a party's page lists its sets");
    assert!(sets.contains("<a href=\"/zaak/2019Z15244\" "), "{sets}");
    let office = html(
        &server,
        "/ambt/minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking",
    )
    .body;
    assert!(
        office.contains("<a href=\"/zaak/2019Z15244\" "),
        "the office's page lists the set"
    );
}

/// Headless Chromium (Debian: chromium), set to print the page as rendered.
fn chromium() -> Option<std::process::Command> {
    let mut command = independent_tool("chromium", &["--version"], "Debian: chromium")?;
    command.args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"]);
    Some(command)
}

#[test]
fn a_browser_runs_a_query_and_reads_a_set() {
    let Some(mut browser) = chromium() else {
        return;
    };
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let expected = cli_csv(&workspace, "follow-ups.rq");
    let output = browser
        .arg(format!(
            "http://127.0.0.1:{}/query?file=follow-ups.rq",
            server.port
        ))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    let rows = expected.lines().count() - 1;
    assert!(dom.contains(&format!("{rows} rows")), "{dom}");
    assert_eq!(dom.matches("<tr><td>").count(), rows, "{dom}");
    let Some(mut browser) = chromium() else {
        return;
    };
    let output = browser
        .arg(format!("http://127.0.0.1:{}/zaak/2019Z15244", server.port))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(
        dom.contains("Klopt het dat twee Nederlandse technologiebedrijven"),
        "{dom}"
    );
    assert!(dom.contains("href=\"https://www.nytimes.com/2019/04/14/technology/china-surveillance-artificial-intelligence-racial-profiling.html\""), "{dom}");
}

/// YASGUI's build (`yasgui.min.js` and `yasgui.min.css`), from the folder the environment
/// variable `KAMERVRAGEN_YASGUI` names: `.ci/run` unpacks it there from the npm registry.
pub(super) fn yasgui_build() -> Option<std::path::PathBuf> {
    let folder = std::env::var_os("KAMERVRAGEN_YASGUI").map(std::path::PathBuf::from);
    match folder {
        Some(folder) if folder.join("yasgui.min.js").is_file() => Some(folder),
        _ if std::env::var_os("CI").is_none() => {
            eprintln!(
                "KAMERVRAGEN_YASGUI names no YASGUI build (npm: @triply/yasgui); not checked"
            );
            None
        }
        _ => panic!("CI needs YASGUI in KAMERVRAGEN_YASGUI (.ci/run unpacks it)"),
    }
}

/// A page on its own origin (a file) with YASGUI pointed at the endpoint, running `query` as
/// soon as it opens.
fn yasgui_page(workspace: &Workspace, build: &Path, port: u16, query: &str) -> String {
    for file in ["yasgui.min.js", "yasgui.min.css"] {
        std::fs::copy(build.join(file), workspace.path().join(file)).unwrap();
    }
    let page = format!(
        r#"<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="yasgui.min.css">
<script src="yasgui.min.js"></script></head>
<body><div id="yasgui"></div>
<script>
const yasgui = new Yasgui(document.getElementById("yasgui"), {{
  requestConfig: {{ endpoint: "http://127.0.0.1:{port}/sparql", method: "POST" }},
  copyEndpointOnNewTab: false,
  persistenceId: null,
}});
const tab = yasgui.getTab();
tab.setQuery({query});
tab.query();
</script></body></html>"#,
        query = serde_json::to_string(query).unwrap(),
    );
    let path = workspace.path().join("yasgui.html");
    std::fs::write(&path, page).unwrap();
    format!("file://{}", path.display())
}

#[test]
fn yasgui_on_another_origin_queries_it_when_cors_is_on() {
    let Some(build) = yasgui_build() else {
        return;
    };
    let Some(_) = chromium() else {
        return;
    };
    let workspace = Workspace::with_all_seeds();
    let query = std::fs::read_to_string(query_path("follow-ups.rq")).unwrap();
    let expected = cli_csv(&workspace, "follow-ups.rq");
    let open = |server: &Server| {
        let page = yasgui_page(&workspace, &build, server.port, &query);
        let output = chromium()
            .unwrap()
            // Time for the script to run and the answer to come (virtual time waits for the
            // network).
            .arg("--virtual-time-budget=20000")
            .arg("--allow-file-access-from-files")
            .arg(page)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };

    let dom = open(&Server::start(&workspace, &["--cors"]));
    // Every row of `kamervragen query` is a row of YASGUI's results table: the Zaak numbers,
    // and the dates of both sets as typed literals (`"2019-07-18"^^<…#date>`). (The last two
    // columns, the sets' IRIs, YASGUI shows as links; the first four are compared.)
    let rows: Vec<&str> = expected.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(
        dom.contains(&format!("Showing 1 to {0} of {0} entries", rows.len())),
        "{dom}"
    );
    let table = &dom[dom.find("<tbody>").expect("a results table")..];
    let rendered: Vec<&str> = table.split("<tr").skip(1).collect();
    for (row, shown) in rows.iter().zip(&rendered) {
        for value in row.trim_end().split(',').take(4).filter(|v| !v.is_empty()) {
            let cell = |text: String| shown.contains(&format!("<span class=\"nonIri\">{text}"));
            assert!(
                cell(format!("{value}<")) || cell(format!("\"{value}\"<sup>")),
                "{value} is not in the row {shown}"
            );
        }
    }

    // Without --cors the browser keeps the answer from the page, and YASGUI says so.
    let dom = open(&Server::start(&workspace, &[]));
    assert!(
        dom.contains("Unable to get response from endpoint"),
        "{dom}"
    );
    assert!(!dom.contains("<tbody>"), "{dom}");
}

/// The triples of a file of `ontology/`, as written there.
fn ontology_file(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("ontology")
            .join(name),
    )
    .unwrap()
}

/// A graph with its blank nodes named canonically, so that two graphs that are the same
/// compare equal.
fn canonical(text: &str, format: RdfFormat) -> oxigraph::model::Graph {
    let mut graph = oxigraph::model::Graph::new();
    for quad in oxigraph::io::RdfParser::from_format(format).for_slice(text.as_bytes()) {
        graph.insert(&oxigraph::model::Triple::from(quad.expect("valid RDF")));
    }
    graph.canonicalize(oxigraph::model::dataset::CanonicalizationAlgorithm::Unstable);
    graph
}

#[test]
fn the_vocabulary_is_served_in_each_format_with_a_page_for_browsers() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let expected = parse_triples(
        ontology_file("kamervragen.ttl").as_bytes(),
        RdfFormat::Turtle,
    );
    assert!(expected.len() > 100, "{}", expected.len());
    // Turtle for a client that names no type, and for one that asks for it.
    for accept in [None, Some("text/turtle"), Some("*/*")] {
        let headers: Vec<(&str, &str)> = accept.map(|a| ("Accept", a)).into_iter().collect();
        let reply = server.request("GET", "/def", &headers, b"");
        assert_eq!(reply.status, 200, "{accept:?}: {}", reply.body);
        assert_eq!(reply.header("content-type"), Some("text/turtle"));
        assert_eq!(
            parse_triples(reply.body.as_bytes(), RdfFormat::Turtle),
            expected
        );
    }
    for (parameter, accept, format) in [
        (
            "?format=jsonld",
            "text/turtle",
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
        ("?format=nt", "text/turtle", RdfFormat::NTriples),
        ("?format=rdf", "text/turtle", RdfFormat::RdfXml),
        ("?format=ttl", "text/html", RdfFormat::Turtle),
        (
            "",
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
        ("", "application/n-triples", RdfFormat::NTriples),
        ("", "application/rdf+xml", RdfFormat::RdfXml),
    ] {
        let path = format!("/def{parameter}");
        let reply = server.request("GET", &path, &[("Accept", accept)], b"");
        assert_eq!(reply.status, 200, "{path} {accept}: {}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            Some(format.media_type()),
            "{path} {accept}"
        );
        assert_eq!(
            parse_triples(reply.body.as_bytes(), format),
            expected,
            "{path} {accept}"
        );
    }
    // HEAD as GET, without the body.
    let head = server.request("HEAD", "/def", &[("Accept", "text/turtle")], b"");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("text/turtle"));
    // A page for browsers: each term under its local name, so `/def#QuestionSet` lands on it,
    // with its labels as ontology/kamervragen.ttl writes them.
    for path in ["/def", "/def?format=html"] {
        let page = html(&server, path);
        assert!(page.header("content-security-policy").is_some());
        assert!(!page.body.contains("<script"), "{}", page.body);
        let start = page
            .body
            .find("id=\"QuestionSet\"")
            .unwrap_or_else(|| panic!("{path}: no element for kv:QuestionSet: {}", page.body));
        let section = &page.body[start..];
        let section = &section[..section.find("</section>").expect("the term's end")];
        for text in [
            "set schriftelijke vragen",
            "set of written questions",
            "eli:Work",
            "tk:Zaak",
        ] {
            assert!(section.contains(text), "{path}: {text} in {section}");
        }
        for local in ["OralQuestionSet", "followsUp"] {
            assert!(page.body.contains(&format!("id=\"{local}\"")), "{local}");
        }
        assert!(page
            .body
            .contains("<link rel=\"alternate\" type=\"text/turtle\" href=\"/def?format=ttl\""));
    }
    let refused = server.request("PUT", "/def", &[], b"");
    assert_eq!(refused.status, 405);
    assert_eq!(refused.header("allow"), Some("GET, HEAD"));
}

#[test]
fn the_shapes_are_served_as_linked_data() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let expected = canonical(&ontology_file("shapes.ttl"), RdfFormat::Turtle);
    assert!(expected.len() > 100, "{}", expected.len());
    for (accept, format) in [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/rdf+xml", RdfFormat::RdfXml),
    ] {
        let reply = server.request("GET", "/def/shapes", &[("Accept", accept)], b"");
        assert_eq!(reply.status, 200, "{accept}: {}", reply.body);
        assert_eq!(reply.header("content-type"), Some(accept));
        assert_eq!(canonical(&reply.body, format), expected, "{accept}");
    }
    let jsonld = server.request("GET", "/def/shapes?format=jsonld", &[], b"");
    assert_eq!(jsonld.header("content-type"), Some("application/ld+json"));
    let format = RdfFormat::JsonLd {
        profile: oxigraph::io::JsonLdProfileSet::empty(),
    };
    assert_eq!(canonical(&jsonld.body, format), expected);
}

#[test]
fn graphs_are_read_by_the_graph_store_protocol() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    // The seed's graph, as `export -f nquads` names it and writes it.
    let graph = "https://w3id.org/kamervragen/graph/seeds/2019Z15244.md";
    let nquads = workspace
        .run(&["export", "seeds", "--quiet", "-f", "nquads"])
        .success();
    let in_graph: std::collections::BTreeSet<String> =
        oxigraph::io::RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(nquads.as_bytes())
            .map(|quad| quad.expect("valid N-Quads"))
            .filter(|quad| quad.graph_name.to_string() == format!("<{graph}>"))
            .map(|quad| oxigraph::model::Triple::from(quad).to_string())
            .collect();
    assert!(in_graph.len() > 50, "{}", in_graph.len());
    let encoded: String = form_urlencoded::byte_serialize(graph.as_bytes()).collect();
    for (target, accept, format) in [
        ("/graph/seeds/2019Z15244.md", None, RdfFormat::Turtle),
        (
            "/graph/seeds/2019Z15244.md",
            Some("application/n-triples"),
            RdfFormat::NTriples,
        ),
        (
            "/graph/seeds/2019Z15244.md?format=rdf",
            None,
            RdfFormat::RdfXml,
        ),
        (&format!("/sparql?graph={encoded}"), None, RdfFormat::Turtle),
        (
            &format!("/sparql?graph={encoded}&format=nt"),
            None,
            RdfFormat::NTriples,
        ),
        (
            &format!("/sparql?graph={encoded}"),
            Some("application/ld+json"),
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
    ] {
        let headers: Vec<(&str, &str)> = accept.map(|a| ("Accept", a)).into_iter().collect();
        let reply = server.request("GET", target, &headers, b"");
        assert_eq!(reply.status, 200, "{target}: {}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            Some(format.media_type()),
            "{target}"
        );
        assert_eq!(
            parse_triples(reply.body.as_bytes(), format),
            in_graph,
            "{target}"
        );
    }
    // The default graph is the merge: what `export -f ntriples` writes.
    let merged = workspace
        .run(&["export", "seeds", "--quiet", "-f", "ntriples"])
        .success();
    let default = server.request("GET", "/sparql?default", &[("Accept", "text/turtle")], b"");
    assert_eq!(default.status, 200, "{}", default.body);
    assert_eq!(default.header("content-type"), Some("text/turtle"));
    assert_eq!(
        parse_triples(default.body.as_bytes(), RdfFormat::Turtle),
        parse_triples(merged.as_bytes(), RdfFormat::NTriples)
    );
    // A graph the store does not hold.
    let missing: String = form_urlencoded::byte_serialize(
        "https://w3id.org/kamervragen/graph/seeds/nothing.md".as_bytes(),
    )
    .collect();
    for target in [
        "/graph/seeds/nothing.md".to_owned(),
        format!("/sparql?graph={missing}"),
    ] {
        assert_eq!(
            server.request("GET", &target, &[], b"").status,
            404,
            "{target}"
        );
    }
    // Read-only: no method that writes.
    for (method, target) in [
        ("PUT", "/graph/x".to_owned()),
        ("DELETE", "/graph/seeds/2019Z15244.md".to_owned()),
        ("POST", "/graph/seeds/2019Z15244.md".to_owned()),
        ("PUT", format!("/sparql?graph={encoded}")),
        ("DELETE", "/sparql?default".to_owned()),
        ("POST", format!("/sparql?graph={encoded}")),
    ] {
        let reply = server.request(
            method,
            &target,
            &[("Content-Type", "text/turtle")],
            b"<urn:a> <urn:b> <urn:c> .",
        );
        assert_eq!(reply.status, 405, "{method} {target}: {}", reply.body);
        assert_eq!(
            reply.header("allow"),
            Some("GET, HEAD"),
            "{method} {target}"
        );
    }
    // The graph is still there.
    let after = server.request("GET", "/graph/seeds/2019Z15244.md", &[], b"");
    assert_eq!(
        parse_triples(after.body.as_bytes(), RdfFormat::Turtle),
        in_graph
    );
}

#[test]
fn under_another_base_def_is_not_the_vocabulary_but_graphs_are_its_own() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &["--base", "http://example.org/kv/"]);
    // The vocabulary's namespace is https://w3id.org/kamervragen/def#, not under this base:
    // `/def` names http://example.org/kv/def, about which nothing is said.
    let def = server.request("GET", "/def", &[("Accept", "text/turtle")], b"");
    assert_eq!(def.status, 404, "{}", def.body);
    let graph = server.request(
        "GET",
        "/graph/seeds/2019Z15244.md",
        &[("Accept", "application/n-triples")],
        b"",
    );
    assert_eq!(graph.status, 200, "{}", graph.body);
    let encoded: String =
        form_urlencoded::byte_serialize(b"http://example.org/kv/graph/seeds/2019Z15244.md")
            .collect();
    let indirect = server.request(
        "GET",
        &format!("/sparql?graph={encoded}&format=nt"),
        &[],
        b"",
    );
    assert_eq!(indirect.status, 200, "{}", indirect.body);
    assert_eq!(
        parse_triples(indirect.body.as_bytes(), RdfFormat::NTriples),
        parse_triples(graph.body.as_bytes(), RdfFormat::NTriples)
    );
}

const DCAT: &str = "http://www.w3.org/ns/dcat#";

/// A GET whose body is kept as bytes (a `.gz` dump is no text): the status, the content type
/// and the body.
fn get_bytes(server: &Server, path: &str) -> (u16, Option<String>, Vec<u8>) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let head = format!("GET {path} HTTP/1.1\r\nConnection: close\r\nHost: 127.0.0.1\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let header = |name: &str| {
        head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    };
    let status = head[9..12].parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(end) = rest.windows(2).position(|pair| pair == b"\r\n") {
            let size = usize::from_str_radix(std::str::from_utf8(&rest[..end]).unwrap().trim(), 16)
                .unwrap();
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[end + 2..end + 2 + size]);
            rest = &rest[end + 2 + size + 2..];
        }
        body = out;
    }
    (status, header("content-type"), body)
}

/// The triples of a Turtle text, parsed with oxigraph.
fn turtle_triples(text: &[u8]) -> Vec<oxigraph::model::Triple> {
    oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(text)
        .map(|quad| oxigraph::model::Triple::from(quad.expect("valid Turtle")))
        .collect()
}

/// The IRIs (or lexical forms) of the objects of `predicate`, with their subjects.
fn with_predicate(triples: &[oxigraph::model::Triple], predicate: &str) -> Vec<(String, String)> {
    use oxigraph::model::Term;
    triples
        .iter()
        .filter(|t| t.predicate.as_str() == predicate)
        .map(|t| {
            let object = match &t.object {
                Term::NamedNode(node) => node.as_str().to_owned(),
                Term::Literal(literal) => literal.value().to_owned(),
                other => other.to_string(),
            };
            (t.subject.to_string(), object)
        })
        .collect()
}

#[test]
fn a_browser_at_the_dataset_gets_its_description_as_a_page() {
    let workspace = Workspace::with_seed();
    let base = "http://example.org/kv/";
    let server = Server::start(&workspace, &["--base", base]);
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let page = server.request("GET", "/dataset", &[("Accept", browser)], b"");
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.body.contains("<title>The dataset</title>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("href=\"/dataset?format=ttl\""),
        "{}",
        page.body
    );
    // Each statement of the description once, as the data gives them.
    let data = server.request(
        "GET",
        "/dataset",
        &[("Accept", "application/n-triples")],
        b"",
    );
    let statements: std::collections::BTreeSet<&str> = data.body.lines().collect();
    assert!(statements.len() > 100, "{}", data.body);
    let count = format!("<p>{} statements.</p>", statements.len());
    assert!(page.body.contains(&count), "{count} in {}", page.body);
    // A client that takes anything still gets the data.
    let any = server.request("GET", "/dataset", &[("Accept", "*/*")], b"");
    assert_eq!(any.header("content-type"), Some("text/turtle"));
}

#[test]
fn every_download_url_of_the_description_answers_on_the_same_server() {
    use std::io::Read;
    let workspace = Workspace::with_seed();
    let base = "http://example.org/kv/";
    let server = Server::start(&workspace, &["--base", base]);
    let dataset = server.request("GET", "/dataset", &[("Accept", "text/turtle")], b"");
    assert_eq!(dataset.status, 200, "{}", dataset.body);
    assert_eq!(dataset.header("content-type"), Some("text/turtle"));
    let triples = turtle_triples(dataset.body.as_bytes());
    let urls = with_predicate(&triples, &format!("{DCAT}downloadURL"));
    let sizes = with_predicate(&triples, &format!("{DCAT}byteSize"));
    let checksums = with_predicate(&triples, "http://spdx.org/rdf/terms#checksum");
    let values = with_predicate(&triples, "http://spdx.org/rdf/terms#checksumValue");
    // Every dump, plain and gzipped.
    assert_eq!(urls.len(), 8, "{urls:?}");
    let mut plain = std::collections::BTreeMap::new();
    let mut gzipped = std::collections::BTreeMap::new();
    for (distribution, url) in &urls {
        let path = url
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{url} is not under {base}"));
        assert!(path.starts_with("dump/"), "{url}");
        let (status, content_type, body) = get_bytes(&server, &format!("/{path}"));
        assert_eq!(status, 200, "{url}");
        // The size the description gives is the size sent.
        let size: Vec<&String> = sizes
            .iter()
            .filter(|(subject, _)| subject == distribution)
            .map(|(_, size)| size)
            .collect();
        assert_eq!(size, [&body.len().to_string()], "{url}");
        // And its SHA-256 that of the bytes sent.
        let checksum: Vec<String> = checksums
            .iter()
            .filter(|(subject, _)| subject == distribution)
            .flat_map(|(_, node)| {
                values
                    .iter()
                    .filter(move |(s, _)| *s == format!("<{node}>"))
            })
            .map(|(_, value)| value.clone())
            .collect();
        use sha2::Digest;
        let sha256 = format!("{:x}", sha2::Sha256::digest(&body));
        assert_eq!(checksum, [sha256], "{url}");
        match path.strip_suffix(".gz") {
            Some(name) => {
                assert_eq!(content_type.as_deref(), Some("application/gzip"), "{url}");
                let mut unzipped = Vec::new();
                flate2::read::GzDecoder::new(&body[..])
                    .read_to_end(&mut unzipped)
                    .unwrap();
                gzipped.insert(name.to_owned(), unzipped);
            }
            None => {
                let format = RdfFormat::from_extension(path.rsplit('.').next().unwrap()).unwrap();
                assert_eq!(content_type.as_deref(), Some(format.media_type()), "{url}");
                assert!(!body.is_empty(), "{url}");
                plain.insert(path.to_owned(), body);
            }
        }
    }
    assert_eq!(plain.len(), 4);
    assert_eq!(gzipped, plain, "a .gz dump gunzips to the plain dump");
    // The description itself, and the shapes it conforms to, beside the dumps.
    let (status, content_type, body) = get_bytes(&server, "/dump/dataset.ttl");
    assert_eq!(
        (status, content_type.as_deref()),
        (200, Some("text/turtle"))
    );
    assert_eq!(body, dataset.body.as_bytes());
    let shapes = with_predicate(&triples, "http://purl.org/dc/terms/conformsTo");
    assert_eq!(shapes.len(), 1);
    let shapes = shapes[0].1.strip_prefix(base).unwrap();
    let (status, content_type, _) = get_bytes(&server, &format!("/{shapes}"));
    assert_eq!(
        (status, content_type.as_deref()),
        (200, Some("text/turtle"))
    );
}

#[test]
fn the_description_names_the_endpoint_and_the_publisher_of_the_settings() {
    let workspace = Workspace::with_seed();
    let base = "http://example.org/kv/";
    let settings = workspace.write(
        "settings.toml",
        "download_url = \"https://files.example.org/kv/\"\n\
         [publisher]\niri = \"https://example.org/publisher\"\nname = \"Publisher\"\n\
         [contact]\nname = \"Desk\"\nemail = \"desk@example.org\"\n",
    );
    let settings = settings.to_str().unwrap();
    let dataset_iri = format!("<{base}dataset>");
    let publisher = "http://purl.org/dc/terms/publisher";
    {
        let server = Server::start(&workspace, &["--base", base, "--config", settings]);
        let turtle = server.request("GET", "/dataset", &[("Accept", "text/turtle")], b"");
        assert_eq!(turtle.status, 200, "{}", turtle.body);
        let triples = turtle_triples(turtle.body.as_bytes());
        let services: Vec<String> = with_predicate(&triples, &format!("{DCAT}servesDataset"))
            .into_iter()
            .filter(|(_, dataset)| format!("<{dataset}>") == dataset_iri)
            .map(|(service, _)| service)
            .collect();
        assert_eq!(services.len(), 1, "{}", turtle.body);
        let service = &services[0];
        let typed = with_predicate(&triples, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
        assert!(typed.contains(&(service.clone(), format!("{DCAT}DataService"))));
        let endpoints = with_predicate(&triples, &format!("{DCAT}endpointURL"));
        assert_eq!(endpoints, [(service.clone(), format!("{base}sparql"))]);
        // The dataset's publisher, and the service's: the one the settings name.
        let mut publishers = with_predicate(&triples, publisher);
        publishers.sort();
        assert_eq!(
            publishers,
            [
                (service.clone(), "https://example.org/publisher".to_owned()),
                (
                    dataset_iri.clone(),
                    "https://example.org/publisher".to_owned()
                ),
            ]
        );
        // The files are this server's, whatever the settings say of a portal's copies.
        for (_, url) in with_predicate(&triples, &format!("{DCAT}downloadURL")) {
            assert!(url.starts_with(&format!("{base}dump/")), "{url}");
        }
        // The same description at /.well-known/void, in each format offered.
        let ntriples = parse_triples(turtle.body.as_bytes(), RdfFormat::Turtle);
        for (accept, format) in [
            ("application/n-triples", RdfFormat::NTriples),
            ("application/rdf+xml", RdfFormat::RdfXml),
            (
                "application/ld+json",
                RdfFormat::JsonLd {
                    profile: Default::default(),
                },
            ),
        ] {
            let void = server.request("GET", "/.well-known/void", &[("Accept", accept)], b"");
            assert_eq!(void.status, 200, "{accept}: {}", void.body);
            assert_eq!(void.header("content-type"), Some(accept));
            assert_eq!(
                parse_triples(void.body.as_bytes(), format),
                ntriples,
                "{accept}"
            );
        }
    }
    // Without settings: the same but for the publisher, creator and contact point.
    let server = Server::start(&workspace, &["--base", base]);
    let turtle = server.request("GET", "/dataset", &[("Accept", "text/turtle")], b"");
    assert_eq!(turtle.status, 200, "{}", turtle.body);
    let triples = turtle_triples(turtle.body.as_bytes());
    assert!(with_predicate(&triples, publisher).is_empty());
    assert!(with_predicate(&triples, &format!("{DCAT}contactPoint")).is_empty());
    assert_eq!(
        with_predicate(&triples, &format!("{DCAT}endpointURL")).len(),
        1
    );
    let counted = with_predicate(&triples, "http://rdfs.org/ns/void#triples");
    assert_eq!(
        counted
            .iter()
            .filter(|(subject, _)| *subject == dataset_iri)
            .count(),
        1
    );
    // A settings file that does not read stops the server before it serves.
    workspace.write(
        "broken.toml",
        "[publisher]\niri = \"not an iri\"\nname = \"P\"\n",
    );
    let output = workspace
        .command(&["serve", "seeds", "--quiet", "--config", "broken.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("broken.toml"), "{errors}");
}

#[test]
fn the_served_description_conforms_to_dcat_ap_with_settings() {
    let workspace = Workspace::with_seed();
    workspace.write(
        "publish.toml",
        "[publisher]\niri = \"https://example.org/publisher\"\nname = \"Publisher\"\n\
         [contact]\nname = \"Desk\"\nemail = \"desk@example.org\"\n",
    );
    // publish.toml in the current folder is read, as `publish` reads it.
    let server = Server::start(&workspace, &[]);
    let (status, _, body) = get_bytes(&server, "/dump/dataset.ttl");
    assert_eq!(status, 200);
    let described = String::from_utf8(body).unwrap();
    assert!(
        described.contains("<https://example.org/publisher>"),
        "{described}"
    );
    workspace.write("served.ttl", &described);
    let standards = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/standards");
    if !standards.is_dir() {
        eprintln!("{} is not here: not checked", standards.display());
        return;
    }
    for shapes in [
        "dcat-ap3-shacl.ttl",
        "dcat-ap-nl30-shacl.ttl",
        "dcat-ap-nl30-codelijsten.ttl",
    ] {
        let Some(mut pyshacl) = independent_tool("pyshacl", &["--help"], "pip install pyshacl")
        else {
            return;
        };
        let output = pyshacl
            .args(["-df", "turtle", "-sf", "turtle", "-s"])
            .arg(standards.join(shapes))
            .arg("served.ttl")
            .current_dir(workspace.path())
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(
            report.contains("Conforms: True"),
            "the served description breaks {shapes}: {report}"
        );
    }
}

#[test]
fn the_service_description_names_the_default_dataset_and_every_named_graph() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let description = server.request(
        "GET",
        "/sparql",
        &[("Accept", "application/n-triples")],
        b"",
    );
    assert_eq!(description.status, 200);
    let sd = "http://www.w3.org/ns/sparql-service-description#";
    let mut lines: Vec<&str> = description
        .body
        .lines()
        .filter(|line| !line.contains("#resultFormat>"))
        .collect();
    lines.sort_unstable();
    let mut names: Vec<&str> = lines
        .iter()
        .filter_map(|line| {
            line.split_once(&format!("<{sd}name> "))?
                .1
                .strip_suffix(" .")
        })
        .collect();
    names.sort_unstable();
    // The seed's own graph, and the four the load adds (docs/graph.md).
    assert_eq!(
        names,
        [
            "<https://w3id.org/kamervragen/graph/linksets>",
            "<https://w3id.org/kamervragen/graph/provenance>",
            "<https://w3id.org/kamervragen/graph/reference>",
            "<https://w3id.org/kamervragen/graph/seeds/2019Z15244.md>",
            "<https://w3id.org/kamervragen/graph/shared>",
        ]
    );
    let rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    for expected in [
        format!("<https://w3id.org/kamervragen/sparql> <{sd}defaultDataset> _:dataset ."),
        format!("_:dataset {rdf_type} <{sd}Dataset> ."),
        format!("_:dataset <{sd}defaultGraph> _:default-graph ."),
        format!("_:default-graph {rdf_type} <{sd}Graph> ."),
        format!("_:graph-0 {rdf_type} <{sd}NamedGraph> ."),
        format!("_:dataset <{sd}namedGraph> _:graph-4 ."),
    ] {
        assert!(lines.contains(&expected.as_str()), "{expected}\n{lines:#?}");
    }
}

#[test]
fn requests_that_are_not_utf_8_or_ask_no_query_are_refused() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    // `"\xFF"` in a query string: decoded with a replacement character, it would run another
    // query than the one sent.
    let invalid = server.request(
        "GET",
        "/sparql?query=ASK%7B%3Fs%20%3Fp%20%22%FF%22%7D",
        &[],
        b"",
    );
    assert_eq!(invalid.status, 400);
    assert_eq!(
        invalid.body,
        "the request's parameters are not UTF-8 once decoded (at byte 11)\n"
    );
    let latin = server.request(
        "POST",
        "/sparql",
        &[(
            "Content-Type",
            "application/sparql-query; charset=ISO-8859-1",
        )],
        b"ASK {}",
    );
    assert_eq!(latin.status, 415);
    assert_eq!(
        latin.body,
        "the request is declared `charset=ISO-8859-1`: only UTF-8 is read\n"
    );
    let utf8 = server.request(
        "POST",
        "/sparql",
        &[
            (
                "Content-Type",
                "application/sparql-query; charset=\"utf-8\"",
            ),
            ("Accept", "text/csv"),
        ],
        b"ASK {}",
    );
    assert_eq!((utf8.status, utf8.body.as_str()), (200, "true"));
    let form_without_query = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"default-graph-uri=https%3A%2F%2Fw3id.org%2Fkamervragen%2Fgraph%2Fshared",
    );
    assert_eq!(form_without_query.status, 400);
    assert_eq!(form_without_query.body, "the request has no `query`\n");
    let get_without_query = server.request(
        "GET",
        "/sparql?named-graph-uri=https%3A%2F%2Fw3id.org%2Fkamervragen%2Fgraph%2Fshared",
        &[],
        b"",
    );
    assert_eq!(get_without_query.status, 400);
    // Nothing but a format: the service description, in that format.
    let described = server.request("GET", "/sparql?format=nt", &[], b"");
    assert_eq!(described.status, 200);
    assert_eq!(
        described.header("content-type"),
        Some("application/n-triples")
    );
}

/// `/context.jsonld` is the published context (`publish` writes the same file); JSON-LD from
/// CONSTRUCT, a resource and a graph declares it inline, is compacted with it, each subject a
/// node once, and reads back as the triples the N-Triples answer gives.
#[test]
fn json_ld_answers_are_compacted_with_the_published_context() {
    let json_ld = RdfFormat::JsonLd {
        profile: oxigraph::io::JsonLdProfileSet::empty(),
    };
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let (status, media_type, context) = get_bytes(&server, "/context.jsonld");
    assert_eq!(
        (status, media_type.as_deref()),
        (200, Some("application/ld+json"))
    );
    let context = String::from_utf8(context).unwrap();
    assert!(context.starts_with("{\"@context\":{\n\"bibo\":\"http://purl.org/ontology/bibo/\",\n"));
    assert!(context
        .lines()
        .any(|line| line == "\"schema\":\"http://schema.org/\","));
    assert!(context.ends_with("\n\"xsd\":\"http://www.w3.org/2001/XMLSchema#\"}}\n"));
    // What `publish` writes too (tests/cli/publish.rs).
    assert_eq!(
        context.as_bytes(),
        kamervragen::export::jsonld::context_document()
    );
    // The inline context is the published one's entries.
    let inline = &context[..context.len() - "}\n".len()];

    let all = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }";
    let ntriples = server.get(all, "application/n-triples");
    let jsonld = server.get(all, "application/ld+json");
    assert_eq!(jsonld.header("content-type"), Some("application/ld+json"));
    assert!(jsonld.body.starts_with(inline), "{}", &jsonld.body[..400]);
    assert!(jsonld.body.contains("\"@type\":[\"schema:Question\"]"));
    let expected = parse_triples(ntriples.body.as_bytes(), RdfFormat::NTriples);
    assert!(expected.len() > 5000, "{} triples", expected.len());
    assert_eq!(parse_triples(jsonld.body.as_bytes(), json_ld), expected);
    let document: serde_json::Value = serde_json::from_str(&jsonld.body).unwrap();
    let nodes = document["@graph"].as_array().unwrap();
    let subjects: std::collections::BTreeSet<&str> = nodes
        .iter()
        .map(|node| node["@id"].as_str().unwrap())
        .collect();
    assert_eq!(subjects.len(), nodes.len(), "a subject in two nodes");

    for path in ["/zaak/2019Z15244", "/graph/provenance"] {
        let read = |accept| server.request("GET", path, &[("Accept", accept)], b"");
        let jsonld = read("application/ld+json");
        assert_eq!(jsonld.status, 200, "{path}");
        assert!(jsonld.body.starts_with(inline), "{path}: {}", jsonld.body);
        let ntriples = read("application/n-triples");
        assert_eq!(
            parse_triples(jsonld.body.as_bytes(), json_ld),
            parse_triples(ntriples.body.as_bytes(), RdfFormat::NTriples),
            "{path}"
        );
    }
}
