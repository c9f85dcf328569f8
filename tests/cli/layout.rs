//! The code's layout holds to the pipeline that docs/architecture.md draws: each stage of the
//! library uses only the stages before it, and only the store touches `oxigraph::store`.
//!
//! Reads the sources (not the executable): a stage that reaches forward, say `map` naming
//! `crate::run`, fails here with the file and line, before it tangles the layers.

use std::fs;
use std::path::{Path, PathBuf};

/// The library's folders in the order data flows through them.
const STAGES: [&str; 13] = [
    "source", "model", "parse", "rdf", "identity", "map", "store", "run", "export", "publish",
    "validate", "serve", "push",
];

/// Every `.rs` file under `folder`, sorted.
fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The lines of a file that build the library: its unit tests (from `#[cfg(test)] mod tests`
/// on) and comments left out, with their 1-based numbers.
fn library_lines(path: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(path).unwrap();
    let code = text.split("#[cfg(test)]\nmod ").next().unwrap();
    code.lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.split("//").next().unwrap().to_owned()))
        .collect()
}

/// The stages a line names as `crate::stage`.
fn stages_named(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .filter_map(|(at, prefix)| {
            let rest = &line[at + prefix.len()..];
            let name = rest
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()?;
            STAGES.iter().copied().find(|stage| *stage == name)
        })
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn each_stage_uses_only_the_stages_before_it() {
    let mut forward = Vec::new();
    for (place, stage) in STAGES.iter().enumerate() {
        for file in rust_files(&src().join(stage)) {
            if file
                .file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with("_tests.rs")
            {
                continue;
            }
            for (number, line) in library_lines(&file) {
                for named in stages_named(&line) {
                    let named_place = STAGES.iter().position(|s| *s == named).unwrap();
                    if named_place > place {
                        forward.push(format!("{}:{number}: {stage} uses {named}", file.display()));
                    }
                }
            }
        }
    }
    assert!(
        forward.is_empty(),
        "stages that reach forward:\n{}",
        forward.join("\n")
    );
}

#[test]
fn only_the_store_touches_oxigraphs_store() {
    let mut outside = Vec::new();
    for file in rust_files(&src()) {
        if file.starts_with(src().join("store")) {
            continue;
        }
        for (number, line) in library_lines(&file) {
            if line.contains("oxigraph::store") {
                outside.push(format!("{}:{number}", file.display()));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "oxigraph::store outside src/store/:\n{}",
        outside.join("\n")
    );
}

#[test]
fn the_root_of_src_holds_only_the_crate_roots_and_the_allocator() {
    let mut root: Vec<String> = fs::read_dir(src())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    root.sort();
    assert_eq!(root, ["allocator.rs", "lib.rs", "main.rs"]);
}

#[test]
fn the_check_sees_a_forward_reference() {
    assert_eq!(stages_named("use crate::run::spill::Spill;"), ["run"]);
    assert_eq!(
        stages_named("x: crate::model::Publication, y: crate::store::GraphStore"),
        ["model", "store"]
    );
    assert!(stages_named("use crate::allocator;").is_empty());
}
