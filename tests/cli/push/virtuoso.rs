//! `push` into a real Virtuoso (Debian's `virtuoso-opensource`), which `.ci/run` starts on
//! loopback and names in `KAMERVRAGEN_VIRTUOSO` (its HTTP address) and
//! `KAMERVRAGEN_VIRTUOSO_PASSWORD` (the `dba` password). Every file in `queries/` must give the
//! same rows on Virtuoso's SPARQL endpoint as `kamervragen query`, and a second push after one
//! document changed must change that document's graph only (and its file's checksum).

use super::super::{http, Workspace};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Virtuoso's HTTP address and the `dba` password, when a Virtuoso runs for the tests.
fn virtuoso() -> Option<(String, String)> {
    let address = std::env::var("KAMERVRAGEN_VIRTUOSO").ok();
    let password = std::env::var("KAMERVRAGEN_VIRTUOSO_PASSWORD").ok();
    match (address, password) {
        (Some(address), Some(password)) => Some((address, password)),
        _ if std::env::var_os("CI").is_none() => {
            eprintln!(
                "no Virtuoso (KAMERVRAGEN_VIRTUOSO is not set; .ci/run starts one); not checked"
            );
            None
        }
        _ => panic!("CI needs a Virtuoso in KAMERVRAGEN_VIRTUOSO (.ci/run starts one)"),
    }
}

/// The base the test mints under, so that its graphs are its own on a shared Virtuoso.
const BASE: &str = "https://w3id.org/kamervragen/";
const GRAPHS: &str = "https://w3id.org/kamervragen/graph/";

/// Runs a query on Virtuoso's SPARQL endpoint, over the merge of `graphs` (or, with none,
/// over all Virtuoso holds); the SPARQL JSON results.
fn virtuoso_select(address: &str, query: &str, graphs: &[&String]) -> Value {
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("query", query);
    for graph in graphs {
        form.append_pair("default-graph-uri", graph);
    }
    let form = form.finish();
    let reply = http::request(
        address.trim_start_matches("http://"),
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/sparql-results+json"),
        ],
        form.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("SPARQL JSON results")
}

/// A term of SPARQL JSON results, written so that the same term from two engines reads the
/// same: numbers by value, whatever their numeric type; booleans as 1 and 0 (Virtuoso has no
/// boolean values and answers `?days > 21` with an integer); strings with their datatype only
/// when it is not `xsd:string`; language tags in lower case (Virtuoso stores them so).
fn canonical(term: &Value) -> String {
    let value = term["value"].as_str().unwrap_or_default();
    match term["type"].as_str() {
        Some("uri") => format!("<{value}>"),
        Some("bnode") => "_:blank".to_owned(),
        _ => {
            if let Some(language) = term["xml:lang"].as_str() {
                return format!("{value:?}@{}", language.to_ascii_lowercase());
            }
            let datatype = term["datatype"].as_str().unwrap_or_default();
            let local = datatype.rsplit('#').next().unwrap_or_default();
            match local {
                "" | "string" => format!("{value:?}"),
                "int" | "integer" | "long" | "short" | "nonNegativeInteger" | "decimal"
                | "double" | "float" => {
                    let number: f64 = value.parse().expect("a number");
                    format!("number {number}")
                }
                "boolean" => format!("number {}", u8::from(value == "true" || value == "1")),
                _ => format!("{value:?}^^{local}"),
            }
        }
    }
}

/// The rows of SPARQL JSON results, each as `variable=term` pairs, counted (a multiset).
fn rows(results: &Value) -> BTreeMap<Vec<String>, usize> {
    let variables: Vec<&str> = results["head"]["vars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut rows = BTreeMap::new();
    for binding in results["results"]["bindings"].as_array().unwrap() {
        let row = variables
            .iter()
            .map(|variable| match binding.get(*variable) {
                Some(term) => format!("{variable}={}", canonical(term)),
                None => format!("{variable} unbound"),
            })
            .collect();
        *rows.entry(row).or_insert(0) += 1;
    }
    rows
}

/// Every statement Virtuoso holds in our graphs, by graph.
fn graphs_on_virtuoso(address: &str) -> BTreeMap<String, Vec<String>> {
    let results = virtuoso_select(
        address,
        &format!("SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), \"{GRAPHS}\")) }}"),
        &[],
    );
    let mut graphs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for binding in results["results"]["bindings"].as_array().unwrap() {
        let statement = ["s", "p", "o"].map(|v| canonical(&binding[v])).join(" ");
        let graph = binding["g"]["value"].as_str().unwrap().to_owned();
        graphs.entry(graph).or_default().push(statement);
    }
    for statements in graphs.values_mut() {
        statements.sort();
    }
    graphs
}

fn push(workspace: &Workspace, address: &str, password: &str, extra: &[&str]) -> String {
    let endpoint = format!("{address}/sparql-graph-crud-auth");
    let mut args = vec![
        "push",
        "seeds",
        "--quiet",
        "--base",
        BASE,
        "--endpoint",
        &endpoint,
        "--user",
        "dba",
    ];
    args.extend_from_slice(extra);
    super::super::Run(
        workspace
            .command(&args)
            .env("KAMERVRAGEN_PASSWORD", password)
            .output()
            .unwrap(),
    )
    .success()
}

#[test]
fn virtuoso_answers_every_query_as_the_store_does_and_a_push_changes_one_graph() {
    let Some((address, password)) = virtuoso() else {
        return;
    };
    // `seeds/` holds the seed and `seeds/corpus/`, the shipped copy of `../shared/corpus`:
    // pushing it pushes both (checked where `../shared` is beside the checkout).
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if shared.is_dir() {
        for entry in std::fs::read_dir(&shared).unwrap() {
            let path = entry.unwrap().path();
            let shipped = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("seeds/corpus")
                .join(path.file_name().unwrap());
            assert_eq!(
                std::fs::read(&path).ok(),
                std::fs::read(&shipped).ok(),
                "{}",
                path.display()
            );
        }
    }
    let workspace = Workspace::with_all_seeds();
    let pushed = push(&workspace, &address, &password, &[]);
    assert!(pushed.starts_with("pushed "), "{pushed}");
    // Virtuoso holds our graphs and no others under our base (a PUT replaced what an earlier
    // run left), each with the statements export writes in it.
    let exported = super::exported_graphs(&workspace);
    let on_virtuoso = graphs_on_virtuoso(&address);
    assert_eq!(
        on_virtuoso.keys().collect::<Vec<_>>(),
        exported.keys().collect::<Vec<_>>()
    );
    for (graph, statements) in &exported {
        assert_eq!(on_virtuoso[graph].len(), statements.len(), "{graph}");
    }

    let queries = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<_> = std::fs::read_dir(&queries)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    for file in &files {
        let query = std::fs::read_to_string(file).unwrap();
        let ours = workspace
            .run(&[
                "query",
                "seeds",
                "--quiet",
                "-f",
                "json",
                "-q",
                file.to_str().unwrap(),
            ])
            .success();
        let ours = rows(&serde_json::from_str(&ours).unwrap());
        // Over our graphs only: Virtuoso's default graph also holds its own system
        // statements, and whatever else was put in it.
        let graphs: Vec<&String> = exported.keys().collect();
        let theirs = rows(&virtuoso_select(&address, &query, &graphs));
        assert!(!ours.is_empty(), "{} gives rows", file.display());
        assert_eq!(
            theirs,
            ours,
            "{}: Virtuoso and the store differ",
            file.display()
        );
    }

    // One question's text changes in one document; a second push changes that document's
    // graph and its file's record in the provenance graph, and nothing else.
    let before = graphs_on_virtuoso(&address);
    let seed = workspace.path().join("seeds/2019Z15244.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    let edited = text.replacen("Klopt het dat", "Is het waar dat", 1);
    assert_ne!(edited, text);
    std::fs::write(&seed, edited).unwrap();
    push(&workspace, &address, &password, &[]);
    let after = graphs_on_virtuoso(&address);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let changed: Vec<&String> = before
        .keys()
        .filter(|graph| before[*graph] != after[*graph])
        .collect();
    assert_eq!(
        changed,
        [
            &format!("{GRAPHS}provenance"),
            &format!("{GRAPHS}seeds/2019Z15244.md"),
        ],
    );
    let document = &after[&format!("{GRAPHS}seeds/2019Z15244.md")];
    assert!(document.iter().any(|s| s.contains("Is het waar dat")));
}
