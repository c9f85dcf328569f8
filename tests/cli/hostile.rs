//! Hostile and careless input: queries built to exhaust the endpoint, files built to exhaust
//! the reader. Each case is sent as an attacker would, then the test checks that the process
//! is still there and answers a cheap query at once.

use super::serve::{Server, COUNT};
use super::Workspace;
use std::time::{Duration, Instant};

/// Queries of about 2 KB to 20 KB whose nesting or chains of operators overflowed the stack.
fn nested_queries() -> Vec<(&'static str, String)> {
    let n = 1_000;
    vec![
        (
            "parentheses",
            format!("ASK {{ FILTER({}true{}) }}", "(".repeat(n), ")".repeat(n)),
        ),
        ("groups", format!("ASK {}{}", "{".repeat(n), "}".repeat(n))),
        (
            "OPTIONAL",
            format!(
                "ASK {{ ?s ?p ?o {}{} }}",
                "OPTIONAL { ?s ?p ?o ".repeat(n),
                "}".repeat(n)
            ),
        ),
        (
            "UNION",
            format!(
                "ASK {{ {}{{ ?s ?p ?o }} }}",
                "{ ?s ?p ?o } UNION ".repeat(n)
            ),
        ),
        (
            "negations",
            format!(
                "ASK {{ FILTER({}true{}) }}",
                "!(".repeat(10 * n),
                ")".repeat(10 * n)
            ),
        ),
        (
            "path",
            format!("ASK {{ ?s {}<p> ?o }}", "<p>/".repeat(10 * n)),
        ),
        (
            "sum",
            format!("ASK {{ FILTER({}1 > 0) }}", "1+".repeat(10 * n)),
        ),
    ]
}

/// The cheap query is answered, and at once.
fn answers_at_once(server: &Server) {
    let started = Instant::now();
    let reply = server.get(COUNT, "text/csv");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn deeply_nested_queries_are_refused_and_the_endpoint_lives() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &["--timeout", "5"]);
    for (name, query) in nested_queries() {
        let reply = server.request(
            "POST",
            "/sparql",
            &[
                ("Content-Type", "application/sparql-query"),
                ("Accept", "text/csv"),
            ],
            query.as_bytes(),
        );
        assert_eq!(reply.status, 400, "{name}: {}", reply.body);
        assert!(
            reply
                .body
                .starts_with("the query is nested deeper than 64 brackets")
                || reply
                    .body
                    .starts_with("the query has more than 256 operators"),
            "{name}: {}",
            reply.body
        );
        // The page that runs queries for a browser shows the refusal (it takes the query in
        // its address, which holds the shorter ones).
        let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
        if encoded.len() < 8_000 {
            let page = server.request("GET", &format!("/query?query={encoded}"), &[], b"");
            assert_eq!(page.status, 200, "{name}: the page");
            assert!(
                page.body
                    .contains("the query is nested deeper than 64 brackets")
                    || page.body.contains("the query has more than 256 operators"),
                "{name}: the page"
            );
        }
        answers_at_once(&server);
    }
}

#[test]
fn deeply_nested_queries_are_refused_on_the_command_line() {
    let workspace = Workspace::with_seed();
    for (name, query) in nested_queries() {
        let run = workspace.run(&["query", "seeds", "--quiet", "-e", &query]);
        assert_eq!(run.code(), Some(2), "{name}: {}", run.stderr());
        assert!(
            run.stderr()
                .starts_with("kamervragen: error: query refused: the query "),
            "{name}: {}",
            run.stderr()
        );
    }
}
