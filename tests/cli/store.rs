//! `load --store DIR`, and `export` and `query` reading that store.

use super::Workspace;
#[cfg(feature = "persistent")]
use {super::parse_quads, oxigraph::io::RdfFormat};

#[cfg(not(feature = "persistent"))]
#[test]
fn without_the_feature_a_store_is_refused_with_the_build_command() {
    let workspace = Workspace::with_seed();
    let run = workspace.run(&["load", "seeds", "--store", "db"]);
    assert_eq!(run.code(), Some(2));
    assert!(
        run.stderr()
            .contains("db: an on-disk store needs the `persistent` feature; build with `cargo build --release --features persistent`"),
        "{}",
        run.stderr()
    );
    assert!(!workspace.path().join("db").exists());
}

#[test]
fn paths_and_a_store_together_are_refused() {
    let workspace = Workspace::with_seed();
    std::fs::create_dir(workspace.path().join("db")).unwrap();
    let run = workspace.run(&["query", "seeds", "--store", "db", "-e", "ASK {}"]);
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr().contains("give PATHs or --store, not both"));
    let run = workspace.run(&["export", "--store", "nothing-here"]);
    assert_eq!(run.code(), Some(2));
    assert!(run
        .stderr()
        .contains("--store nothing-here: no store there; make one with `kamervragen load PATH… --store nothing-here`"));
}

#[cfg(feature = "persistent")]
fn nquads(workspace: &Workspace, args: &[&str]) -> std::collections::BTreeSet<String> {
    let mut args = args.to_vec();
    args.extend(["--format", "nquads"]);
    parse_quads(workspace.run(&args).success().as_bytes(), RdfFormat::NQuads)
}

#[cfg(feature = "persistent")]
#[test]
fn a_loaded_store_answers_as_the_documents_do() {
    let workspace = Workspace::with_all_seeds();
    let documents = 47;
    let out = workspace.run(&["load", "seeds", "--store", "db"]).success();
    assert_eq!(
        out,
        format!("db: {documents} added, 0 replaced, 0 unchanged, 0 removed\n")
    );
    let from_store = nquads(&workspace, &["export", "--store", "db"]);
    assert!(from_store.len() > 7000, "{}", from_store.len());
    assert_eq!(from_store, nquads(&workspace, &["export", "seeds"]));
    let again = workspace.run(&["export", "--store", "db"]).success();
    assert_eq!(again, workspace.run(&["export", "--store", "db"]).success());

    for query in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/queries")).unwrap() {
        let query = query.unwrap().path();
        let query = query.to_str().unwrap();
        let rows = |source: &[&str]| {
            let mut args = vec!["query", "-q", query, "--format", "csv"];
            args.extend(source);
            let out = workspace.run(&args).success();
            let mut rows: Vec<String> = out.lines().map(str::to_owned).collect();
            rows.sort();
            rows
        };
        let from_store = rows(&["--store", "db"]);
        assert!(from_store.len() > 1, "{query}: no rows");
        assert_eq!(from_store, rows(&["seeds"]), "{query}");
    }

    let out = workspace.run(&["load", "seeds", "--store", "db"]).success();
    assert_eq!(
        out,
        format!("db: 0 added, 0 replaced, {documents} unchanged, 0 removed\n")
    );
}

#[cfg(feature = "persistent")]
#[test]
fn a_changed_and_a_removed_file_with_prune_end_as_a_fresh_load() {
    let workspace = Workspace::with_all_seeds();
    workspace.run(&["load", "seeds", "--store", "db"]).success();
    let seed = workspace.path().join("seeds/2019Z15244.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(
        &seed,
        text.replace("Vragen van het lid", "Vragen van de leden"),
    )
    .unwrap();
    std::fs::remove_file(
        workspace
            .path()
            .join("seeds/corpus/ah-tk-20232024-1178.txt"),
    )
    .unwrap();

    let out = workspace
        .run(&["load", "seeds", "--store", "db", "--prune"])
        .success();
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("db: 0 added, 1 replaced, 45 unchanged, 1 removed")
    );
    assert!(lines
        .next()
        .unwrap()
        .ends_with("statements about shared resources that no file makes any more were removed"));
    assert_eq!(
        nquads(&workspace, &["export", "--store", "db"]),
        nquads(&workspace, &["export", "seeds"])
    );
}

#[cfg(feature = "persistent")]
#[test]
fn a_store_open_for_writing_is_not_opened_twice() {
    let workspace = Workspace::with_seed();
    workspace.run(&["load", "seeds", "--store", "db"]).success();
    let held = kamervragen::store::GraphStore::open(&workspace.path().join("db")).unwrap();
    let run = workspace.run(&["query", "--store", "db", "-e", "ASK {}"]);
    assert_eq!(run.code(), Some(2));
    assert!(
        run.stderr()
            .contains("db: a load is writing to the store; try again when it is done"),
        "{}",
        run.stderr()
    );
    drop(held);
    let reader = kamervragen::store::GraphStore::open_read_only(&workspace.path().join("db"));
    let reader = reader.unwrap();
    let run = workspace.run(&["load", "seeds", "--store", "db"]);
    assert_eq!(run.code(), Some(2));
    assert!(run
        .stderr()
        .contains("db: another process has the store open; a load needs it to itself"));
    // Readers share it.
    workspace
        .run(&["query", "--store", "db", "-e", "ASK {}"])
        .success();
    drop(reader);
}

/// The store in `db`: every quad as an N-Quads line, and the documents under `big/` by source
/// path, each with the quads of its graph and what the provenance graph says about it.
#[cfg(feature = "persistent")]
struct Dumped {
    quads: std::collections::BTreeSet<String>,
    documents: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
}

#[cfg(feature = "persistent")]
fn dump(workspace: &Workspace, db: &str) -> Dumped {
    use oxigraph::model::{GraphName, NamedOrBlankNode};
    let base = "https://w3id.org/kamervragen/";
    let provenance = format!("{base}graph/provenance");
    let out = workspace
        .run(&["export", "--store", db, "--format", "nquads"])
        .success();
    let mut dumped = Dumped {
        quads: std::collections::BTreeSet::new(),
        documents: std::collections::BTreeMap::new(),
    };
    for quad in oxigraph::io::RdfParser::from_format(RdfFormat::NQuads).for_slice(out.as_bytes()) {
        let quad = quad.unwrap();
        let line = quad.to_string();
        dumped.quads.insert(line.clone());
        let GraphName::NamedNode(graph) = &quad.graph_name else {
            continue;
        };
        let about = match &quad.subject {
            NamedOrBlankNode::NamedNode(subject) if graph.as_str() == provenance => {
                subject.as_str()
            }
            _ => graph.as_str(),
        };
        let path = about
            .strip_prefix(&format!("{base}graph/"))
            .or_else(|| about.strip_prefix(&format!("{base}source/")))
            .map(|path| path.trim_end_matches("#sha256"));
        if let Some(path) = path.filter(|path| path.starts_with("big/")) {
            dumped
                .documents
                .entry(path.to_owned())
                .or_default()
                .insert(line);
        }
    }
    dumped
}

#[cfg(feature = "persistent")]
#[test]
fn a_killed_load_leaves_every_document_whole_or_absent() {
    use std::time::Instant;
    let workspace = Workspace::with_all_seeds();
    // Copies of the corpus under different folders are different documents: enough of them
    // that a load takes several batches.
    let copies = 40;
    for entry in std::fs::read_dir(workspace.path().join("seeds/corpus")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let bytes = std::fs::read(&path).unwrap();
        for copy in 0..copies {
            workspace.write_bytes(&format!("big/{copy:02}/{name}"), &bytes);
        }
    }
    let started = Instant::now();
    workspace
        .run(&["load", "big", "--store", "complete"])
        .success();
    let full_load = started.elapsed();
    let complete = dump(&workspace, "complete");
    assert_eq!(complete.documents.len(), 46 * copies);

    let mut half_way = 0;
    for (attempt, fraction) in [0.3, 0.5, 0.7].into_iter().enumerate() {
        let db = format!("killed-{attempt}");
        let mut load = workspace
            .command(&["load", "big", "--store", &db])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full_load.mul_f64(fraction));
        load.kill().unwrap();
        load.wait().unwrap();
        if !workspace.path().join(&db).join("CURRENT").exists() {
            continue;
        }
        let killed = dump(&workspace, &db).documents;
        for (path, quads) in &killed {
            assert_eq!(
                Some(quads),
                complete.documents.get(path),
                "{db}: {path} is not whole"
            );
        }
        if !killed.is_empty() && killed.len() < complete.documents.len() {
            half_way += 1;
        }
        // Loading again finishes the job.
        workspace.run(&["load", "big", "--store", &db]).success();
        assert!(
            dump(&workspace, &db).quads == complete.quads,
            "{db}: not finished"
        );
    }
    assert!(
        half_way > 0,
        "no kill landed half-way through a load of {full_load:?}"
    );
}
