//! `kamervragen push`: the Graph Store Protocol client, against a small Graph Store written here
//! (it keeps each PUT's graph, asks for Basic credentials, and fails on request), and, in
//! `virtuoso`, against a real Virtuoso.

mod virtuoso;

use super::http::on_a_free_port;
use super::{parse_quads, Workspace};
use oxhttp::model::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use oxhttp::model::{Body, Response, StatusCode};
use oxigraph::io::RdfFormat;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::sync::{Arc, Mutex};

/// What the Graph Store holds and how it behaves.
#[derive(Default)]
struct State {
    /// Each graph's body, as last PUT.
    graphs: BTreeMap<String, String>,
    /// How many more PUTs of a graph fail with 503.
    failing: BTreeMap<String, usize>,
    /// Every request: method and graph.
    log: Vec<(String, String)>,
}

/// A Graph Store on a free port that wants Basic credentials `dba:secret`.
struct GraphStore {
    state: Arc<Mutex<State>>,
    endpoint: String,
    _server: oxhttp::ListeningServer,
}

impl GraphStore {
    fn start() -> Self {
        let state = Arc::new(Mutex::new(State::default()));
        on_a_free_port(|port| Self::start_on(port, &state))
    }

    /// The store on `port`, `None` if the port is taken.
    fn start_on(port: u16, state: &Arc<Mutex<State>>) -> Option<Self> {
        let shared = Arc::clone(state);
        let server = oxhttp::Server::new(move |request| {
            let query = request.uri().query().unwrap_or("").to_owned();
            let graph = form_urlencoded::parse(query.as_bytes())
                .find(|(name, _)| name == "graph")
                .map(|(_, value)| value.into_owned())
                .unwrap_or_default();
            let authorized = request
                .headers()
                .get(AUTHORIZATION)
                .is_some_and(|value| value == "Basic ZGJhOnNlY3JldA==");
            let mut body = String::new();
            request.body_mut().read_to_string(&mut body).unwrap();
            let mut state = shared.lock().unwrap();
            state
                .log
                .push((request.method().to_string(), graph.clone()));
            if !authorized {
                let mut response = Response::new(Body::from("who are you?"));
                *response.status_mut() = StatusCode::UNAUTHORIZED;
                response
                    .headers_mut()
                    .insert(WWW_AUTHENTICATE, "Basic realm=\"test\"".parse().unwrap());
                return response;
            }
            if request.method() != oxhttp::model::Method::PUT {
                let mut response = Response::new(Body::empty());
                *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
                return response;
            }
            if let Some(left) = state.failing.get_mut(&graph).filter(|left| **left > 0) {
                *left -= 1;
                let mut response = Response::new(Body::from("busy, try later"));
                *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
                return response;
            }
            let created = state.graphs.insert(graph, body).is_none();
            let mut response = Response::new(Body::empty());
            *response.status_mut() = if created {
                StatusCode::CREATED
            } else {
                StatusCode::NO_CONTENT
            };
            response
        })
        .bind(([127, 0, 0, 1], port))
        .spawn();
        let server = match server {
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => return None,
            server => server.unwrap(),
        };
        Some(Self {
            state: Arc::clone(state),
            endpoint: format!("http://127.0.0.1:{port}/gsp"),
            _server: server,
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }
}

fn push(workspace: &Workspace, store: &GraphStore, extra: &[&str]) -> super::Run {
    push_with_password(workspace, store, Some("secret"), extra)
}

/// `push` as `dba`, with `password` in KAMERVRAGEN_PASSWORD (or none there).
fn push_with_password(
    workspace: &Workspace,
    store: &GraphStore,
    password: Option<&str>,
    extra: &[&str],
) -> super::Run {
    let mut args = vec![
        "push",
        "seeds",
        "--quiet",
        "--endpoint",
        &store.endpoint,
        "--user",
        "dba",
    ];
    args.extend_from_slice(extra);
    let mut command = workspace.command(&args);
    match password {
        Some(password) => command.env("KAMERVRAGEN_PASSWORD", password),
        None => command.env_remove("KAMERVRAGEN_PASSWORD"),
    };
    super::Run(command.output().unwrap())
}

/// The statements of `export -f nquads`, by graph.
fn exported_graphs(workspace: &Workspace) -> BTreeMap<String, BTreeSet<String>> {
    let nquads = workspace
        .run(&["export", "seeds", "--quiet", "-f", "nquads"])
        .success();
    let mut graphs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for quad in oxigraph::io::RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads.as_bytes())
    {
        let quad = quad.unwrap();
        let graph = match &quad.graph_name {
            oxigraph::model::GraphName::NamedNode(node) => node.as_str().to_owned(),
            other => panic!("a statement outside the named graphs: {other}"),
        };
        let triple = oxigraph::model::Triple::from(quad).to_string();
        graphs.entry(graph).or_default().insert(triple);
    }
    graphs
}

#[test]
fn every_graph_arrives_whole_and_a_second_push_replaces_it() {
    let workspace = Workspace::with_all_seeds();
    let store = GraphStore::start();
    let first = push(&workspace, &store, &[]).success();
    let expected = exported_graphs(&workspace);
    assert!(expected.len() > 40, "{}", expected.len());
    {
        let state = store.state();
        let pushed: BTreeMap<String, BTreeSet<String>> = state
            .graphs
            .iter()
            .map(|(graph, body)| {
                let triples = parse_quads(body.as_bytes(), RdfFormat::NTriples);
                (graph.clone(), triples)
            })
            .collect();
        assert_eq!(
            pushed, expected,
            "each graph holds what export writes in it"
        );
        // The client asked for the challenge once, with a HEAD, and answered it on every PUT.
        let methods: Vec<&str> = state.log.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            methods.iter().filter(|m| **m == "HEAD").count(),
            1,
            "{methods:?}"
        );
        assert_eq!(
            methods.iter().filter(|m| **m == "PUT").count(),
            expected.len()
        );
    }
    assert!(
        first.starts_with(&format!(
            "pushed {} graphs, {} triples, ",
            expected.len(),
            expected.values().map(BTreeSet::len).sum::<usize>()
        )),
        "{first}"
    );
    assert!(
        first.contains(&format!("{} × 201", expected.len())),
        "{first}"
    );

    // Again: every graph replaced, none added.
    let second = push(&workspace, &store, &["--auth", "basic"]).success();
    assert!(
        second.contains(&format!("{} × 204", expected.len())),
        "{second}"
    );
    assert_eq!(store.state().graphs.len(), expected.len());
}

#[test]
fn the_dry_run_lists_what_a_push_writes_and_sends_nothing() {
    let workspace = Workspace::with_all_seeds();
    let store = GraphStore::start();
    let listing = push(&workspace, &store, &["--dry-run"]).success();
    assert!(store.state().log.is_empty(), "nothing sent");
    let expected = exported_graphs(&workspace);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), expected.len() + 1, "{listing}");
    for ((graph, triples), line) in expected.iter().zip(&lines) {
        let encoded: String = form_urlencoded::byte_serialize(graph.as_bytes()).collect();
        let start = format!(
            "PUT {}?graph={encoded} ({} triples, ",
            store.endpoint,
            triples.len()
        );
        assert!(line.starts_with(&start), "{line} / {start}");
    }
    assert!(
        lines.last().unwrap().starts_with(&format!(
            "dry run: {} graphs, {} triples, ",
            expected.len(),
            expected.values().map(BTreeSet::len).sum::<usize>()
        )),
        "{listing}"
    );
}

#[test]
fn a_graph_that_fails_for_a_while_is_tried_again() {
    let workspace = Workspace::with_all_seeds();
    let store = GraphStore::start();
    let reference = "https://w3id.org/kamervragen/graph/reference".to_owned();
    store.state().failing.insert(reference.clone(), 2);
    push(&workspace, &store, &["--retries", "2", "--jobs", "1"]).success();
    let state = store.state();
    let tries = state
        .log
        .iter()
        .filter(|(method, graph)| *graph == reference && method == "PUT")
        .count();
    assert_eq!(tries, 3, "{:?}", state.log);
    assert!(state.graphs.contains_key(&reference));
}

#[test]
fn a_failure_names_the_graph_and_the_status_and_a_rerun_finishes() {
    let workspace = Workspace::with_all_seeds();
    let store = GraphStore::start();
    let reference = "https://w3id.org/kamervragen/graph/reference";
    store.state().failing.insert(reference.to_owned(), 3);
    let run = push(&workspace, &store, &["--retries", "1", "--jobs", "1"]);
    assert_eq!(run.code(), Some(2));
    let total = exported_graphs(&workspace).len();
    let written = store.state().graphs.len();
    assert!(written < total);
    assert!(
        run.stderr().contains(&format!(
            "kamervragen: error: graph <{reference}>: 503 Service Unavailable: busy, try later (tried 2 times)\n{written} of {total} graphs were written before it stopped; run the same push again to finish"
        )),
        "{}",
        run.stderr()
    );
    // The third try of the rerun goes through, and the rerun writes every graph.
    push(&workspace, &store, &["--retries", "1"]).success();
    assert_eq!(store.state().graphs.len(), total);
}

#[test]
fn wrong_or_missing_credentials_are_refused_with_a_reason() {
    let workspace = Workspace::with_all_seeds();
    let store = GraphStore::start();
    let run = push_with_password(&workspace, &store, Some("wrong"), &[]);
    assert_eq!(run.code(), Some(2));
    assert!(
        run.stderr()
            .contains("401 Unauthorized: who are you? (the user name or password is wrong)"),
        "{}",
        run.stderr()
    );
    let run = workspace.run(&["push", "seeds", "--quiet", "--endpoint", &store.endpoint]);
    assert!(
        run.stderr()
            .contains("(the server asks for credentials: give --user"),
        "{}",
        run.stderr()
    );
    let run = push_with_password(&workspace, &store, None, &[]);
    assert!(
        run.stderr()
            .contains("--user needs a password: set KAMERVRAGEN_PASSWORD"),
        "{}",
        run.stderr()
    );
    assert!(store.state().graphs.is_empty());
}

#[cfg(feature = "persistent")]
#[test]
fn a_store_on_disk_pushes_the_graphs_its_documents_push() {
    let workspace = Workspace::with_all_seeds();
    workspace
        .run(&["load", "seeds", "--quiet", "--store", "db"])
        .success();
    let from_store = GraphStore::start();
    let run = super::Run(
        workspace
            .command(&[
                "push",
                "--store",
                "db",
                "--endpoint",
                &from_store.endpoint,
                "--user",
                "dba",
            ])
            .env("KAMERVRAGEN_PASSWORD", "secret")
            .output()
            .unwrap(),
    );
    run.success();
    let from_files = GraphStore::start();
    push(&workspace, &from_files, &[]).success();
    let (a, b) = (from_store.state(), from_files.state());
    assert!(a.graphs.len() > 40);
    assert_eq!(a.graphs, b.graphs, "the same bytes in every graph");
}
