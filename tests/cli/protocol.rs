//! The W3C SPARQL 1.1 Protocol test suite (`data-sparql11/protocol`), its 21 query tests and
//! 14 update tests, sent to `kamervragen serve` as the suite sends them. The suite's datasets
//! are files on its own server; here the graphs are the seed's (its document graph and the
//! provenance graph), and each test asks what those graphs hold. The endpoint is read-only,
//! so every update test must be refused and change nothing.

use super::http::Reply;
use super::serve::Server;
use super::Workspace;

const DOCUMENT: &str = "https://w3id.org/kamervragen/graph/seeds/2019Z15244.md";
const PROVENANCE: &str = "https://w3id.org/kamervragen/graph/provenance";
const PREFIXES: &str = "PREFIX kv: <https://w3id.org/kamervragen/def#> \
                        PREFIX prov: <http://www.w3.org/ns/prov#> ";
/// In the document graph only.
const SET_IS_A_SET: &str = "<https://w3id.org/kamervragen/zaak/2019Z15244> a kv:QuestionSet";
/// In the provenance graph only.
const GRAPH_IS_AN_ENTITY: &str =
    "<https://w3id.org/kamervragen/graph/seeds/2019Z15244.md> a prov:Entity";

fn encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// `name=value&…`, each encoded.
fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encoded(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn get(server: &Server, pairs: &[(&str, &str)], accept: &str) -> Reply {
    server.request(
        "GET",
        &format!("/sparql?{}", form(pairs)),
        &[("Accept", accept)],
        b"",
    )
}

fn post_form(server: &Server, pairs: &[(&str, &str)], accept: &str) -> Reply {
    server.request(
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", accept),
        ],
        form(pairs).as_bytes(),
    )
}

const JSON: &str = "application/sparql-results+json";
const TRUE: &str = "{\"head\":{},\"boolean\":true}";
const FALSE: &str = "{\"head\":{},\"boolean\":false}";

fn ok(reply: &Reply, content_type: &str, body: &str) {
    assert_eq!(
        (
            reply.status,
            reply.header("content-type"),
            reply.body.as_str()
        ),
        (200, Some(content_type), body)
    );
}

#[test]
fn the_query_tests_pass() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let ask_set = format!("{PREFIXES} ASK {{ {SET_IS_A_SET} }}");

    // query_post_form, query_get, query_post_direct
    ok(
        &post_form(&server, &[("query", "ASK {}")], JSON),
        JSON,
        TRUE,
    );
    ok(&get(&server, &[("query", "ASK {}")], JSON), JSON, TRUE);
    let direct = server.request(
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", JSON),
        ],
        b"ASK {}",
    );
    ok(&direct, JSON, TRUE);

    // query_dataset_default_graph: the protocol's default graph is the one asked over.
    let over = |graph: &str| {
        post_form(
            &server,
            &[("query", &ask_set), ("default-graph-uri", graph)],
            JSON,
        )
    };
    ok(&over(DOCUMENT), JSON, TRUE);
    ok(&over(PROVENANCE), JSON, FALSE);

    // query_dataset_default_graphs_get and _post: the merge of two.
    let both = format!("{PREFIXES} ASK {{ {SET_IS_A_SET} . {GRAPH_IS_AN_ENTITY} }}");
    let two_defaults = [
        ("query", both.as_str()),
        ("default-graph-uri", DOCUMENT),
        ("default-graph-uri", PROVENANCE),
    ];
    ok(&get(&server, &two_defaults, JSON), JSON, TRUE);
    ok(&post_form(&server, &two_defaults, JSON), JSON, TRUE);
    ok(&get(&server, &two_defaults[..2], JSON), JSON, FALSE);

    // query_dataset_named_graphs_post and _get: GRAPH ?g reaches the two named, no other.
    let graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g";
    let two_named = [
        ("query", graphs),
        ("named-graph-uri", DOCUMENT),
        ("named-graph-uri", PROVENANCE),
    ];
    let named = format!("g\r\n{PROVENANCE}\r\n{DOCUMENT}\r\n");
    let csv = "text/csv";
    ok(&post_form(&server, &two_named, "text/csv"), csv, &named);
    ok(&get(&server, &two_named, "text/csv"), csv, &named);

    // query_dataset_full: a default graph and a named graph at once.
    let full = format!(
        "{PREFIXES} SELECT ?g WHERE {{ {GRAPH_IS_AN_ENTITY} GRAPH ?g {{ {SET_IS_A_SET} }} }}"
    );
    let reply = get(
        &server,
        &[
            ("query", &full),
            ("default-graph-uri", PROVENANCE),
            ("named-graph-uri", DOCUMENT),
        ],
        "text/csv",
    );
    ok(&reply, csv, &format!("g\r\n{DOCUMENT}\r\n"));

    // query_multiple_dataset: the protocol's dataset wins over the query's FROM.
    let from = format!("{PREFIXES} ASK FROM <{PROVENANCE}> {{ {SET_IS_A_SET} }}");
    ok(&get(&server, &[("query", &from)], JSON), JSON, FALSE);
    let overridden = [("query", from.as_str()), ("default-graph-uri", DOCUMENT)];
    ok(&get(&server, &overridden, JSON), JSON, TRUE);

    // query_content_type_select, _ask, _describe, _construct: each form in a type of its kind.
    let select = get(
        &server,
        &[("query", "SELECT (1 AS ?one) {}")],
        "application/sparql-results+xml",
    );
    assert_eq!(
        (select.status, select.header("content-type")),
        (200, Some("application/sparql-results+xml"))
    );
    ok(&get(&server, &[("query", "ASK {}")], JSON), JSON, TRUE);
    let describe = get(
        &server,
        &[(
            "query",
            "DESCRIBE <https://w3id.org/kamervragen/zaak/2019Z15244>",
        )],
        "application/n-triples",
    );
    assert_eq!(
        (describe.status, describe.header("content-type")),
        (200, Some("application/n-triples"))
    );
    assert!(describe.body.contains(
        "<https://w3id.org/kamervragen/zaak/2019Z15244> \
         <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \
         <https://w3id.org/kamervragen/def#QuestionSet> ."
    ));
    let construct = get(
        &server,
        &[(
            "query",
            &format!("{PREFIXES} CONSTRUCT {{ {SET_IS_A_SET} }} WHERE {{ {SET_IS_A_SET} }}"),
        )],
        "text/turtle",
    );
    assert_eq!(
        (construct.status, construct.header("content-type")),
        (200, Some("text/turtle"))
    );
    assert!(construct
        .body
        .ends_with("<https://w3id.org/kamervragen/zaak/2019Z15244> a kv:QuestionSet .\n"));
}

#[test]
fn the_bad_query_tests_are_refused() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let status = |reply: Reply| reply.status;
    // bad_query_method
    assert_eq!(
        status(server.request("PUT", "/sparql?query=ASK%20%7B%7D", &[], b"")),
        405
    );
    // bad_multiple_queries
    assert_eq!(
        status(get(
            &server,
            &[("query", "ASK {}"), ("query", "SELECT * {}")],
            JSON
        )),
        400
    );
    // bad_query_wrong_media_type
    let typed = |content_type: &str, body: &[u8]| {
        let headers: Vec<(&str, &str)> = if content_type.is_empty() {
            Vec::new()
        } else {
            vec![("Content-Type", content_type)]
        };
        status(server.request("POST", "/sparql", &headers, body))
    };
    assert_eq!(typed("text/plain", b"ASK {}"), 415);
    // bad_query_missing_form_type, bad_query_missing_direct_type
    assert_eq!(typed("", b"query=ASK%20%7B%7D"), 415);
    assert_eq!(typed("", b"ASK {}"), 415);
    // bad_query_non_utf8: the query in UTF-16.
    let utf16: Vec<u8> = "ASK {}".encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(typed("application/sparql-query", &utf16), 400);
    // bad_query_syntax
    assert_eq!(status(get(&server, &[("query", "ASK {XXX")], JSON)), 400);
}

#[test]
fn the_update_tests_are_refused_and_change_nothing() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let before = get(&server, &[("query", count)], "text/csv").body;
    let insert = format!("INSERT DATA {{ GRAPH <{DOCUMENT}> {{ <urn:a> <urn:b> <urn:c> }} }}");
    let form_update = |pairs: &[(&str, &str)]| post_form(&server, pairs, JSON).status;
    let direct = |content_type: &str, body: &[u8]| {
        server
            .request("POST", "/sparql", &[("Content-Type", content_type)], body)
            .status
    };
    let refused = [
        // update_dataset_default_graph, _default_graphs, _named_graphs, _full
        form_update(&[("update", &insert), ("using-graph-uri", DOCUMENT)]),
        form_update(&[
            ("update", &insert),
            ("using-graph-uri", DOCUMENT),
            ("using-graph-uri", PROVENANCE),
        ]),
        form_update(&[("update", &insert), ("using-named-graph-uri", DOCUMENT)]),
        form_update(&[
            ("update", &insert),
            ("using-graph-uri", DOCUMENT),
            ("using-named-graph-uri", PROVENANCE),
        ]),
        // update_post_form, update_post_direct, update_base_uri
        form_update(&[("update", "CLEAR ALL")]),
        direct("application/sparql-update", b"CLEAR ALL"),
        direct(
            "application/sparql-update",
            b"BASE <https://w3id.org/kamervragen/> INSERT DATA { <a> <b> <c> }",
        ),
    ];
    assert_eq!(refused, [403; 7]);
    let bad = [
        // bad_update_get
        get(&server, &[("update", "CLEAR ALL")], JSON).status,
        // bad_multiple_updates
        form_update(&[("update", "CLEAR NAMED"), ("update", "CLEAR DEFAULT")]),
        // bad_update_wrong_media_type, bad_update_missing_form_type
        direct("text/plain", b"CLEAR NAMED"),
        server
            .request("POST", "/sparql", &[], b"update=CLEAR%20NAMED")
            .status,
        // bad_update_non_utf8
        direct(
            "application/sparql-update",
            &"CLEAR NAMED"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ),
        // bad_update_syntax, bad_update_dataset_conflict
        form_update(&[("update", "CLEAR XYZ")]),
        form_update(&[
            (
                "update",
                &format!("DELETE {{ ?s ?p ?o }} USING <{DOCUMENT}> WHERE {{ ?s ?p ?o }}"),
            ),
            ("using-graph-uri", PROVENANCE),
        ]),
    ];
    assert_eq!(bad, [403, 403, 415, 415, 403, 403, 403]);
    assert_eq!(get(&server, &[("query", count)], "text/csv").body, before);
}
