//! Integration tests: the real `kamervragen` executable, run on files in a temporary folder.
//!
//! One test binary (this one), one module per capability. [`Workspace`] lays out a folder with
//! a copy of the shipped seed and runs the executable in it.

mod answers;
mod check;
mod clients;
mod corpus;
mod corpus_queries;
mod documents;
mod errors;
mod export;
mod hostile;
mod http;
mod identity;
mod layout;
mod metamorphic;
mod ontology;
mod pages;
mod protocol;
mod publish;
mod push;
mod queries;
mod robustness;
mod serve;
mod sets;
mod store;
mod tk_import;
mod validate;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Triple};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The shipped seed document.
pub fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/2019Z15244.md")
}

/// A file of the shipped `queries/`.
pub fn query_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("queries")
        .join(name)
}

/// A temporary folder with `seeds/2019Z15244.md` in it, where the executable runs.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub fn with_seed() -> Self {
        let workspace = Self::empty();
        workspace.write(
            "seeds/2019Z15244.md",
            &fs::read_to_string(seed_path()).unwrap(),
        );
        workspace
    }

    /// A copy of everything shipped in `seeds/`: the seed and the real corpus.
    pub fn with_all_seeds() -> Self {
        let workspace = Self::empty();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut folders = vec![seeds.clone()];
        while let Some(folder) = folders.pop() {
            for entry in fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    let relative = path.strip_prefix(seeds.parent().unwrap()).unwrap();
                    workspace.write_bytes(relative.to_str().unwrap(), &fs::read(&path).unwrap());
                }
            }
        }
        workspace
    }

    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        self.write_bytes(relative, contents.as_bytes())
    }

    pub fn write_bytes(&self, relative: &str, contents: &[u8]) -> PathBuf {
        let path = self.dir.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kamervragen"));
        command.args(args).current_dir(self.dir.path());
        command
    }

    /// Runs the executable and returns what it printed.
    pub fn run(&self, args: &[&str]) -> Run {
        Run(self.command(args).output().expect("the executable runs"))
    }
}

/// A finished run of the executable.
pub struct Run(pub Output);

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8(self.0.stdout.clone()).expect("UTF-8 output")
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn code(&self) -> Option<i32> {
        self.0.status.code()
    }

    /// Asserts exit status 0 and returns stdout.
    pub fn success(&self) -> String {
        assert_eq!(self.code(), Some(0), "stderr: {}", self.stderr());
        self.stdout()
    }
}

/// Parses RDF text with oxigraph's parser; every quad, as a set of N-Quads lines.
pub fn parse_quads(text: &[u8], format: RdfFormat) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(text)
        .map(|quad| quad.expect("valid RDF").to_string())
        .collect()
}

/// Parses RDF text and drops graph names: the set of triples as N-Triples lines.
pub fn parse_triples(text: &[u8], format: RdfFormat) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(text)
        .map(|quad: Result<Quad, _>| Triple::from(quad.expect("valid RDF")).to_string())
        .collect()
}

/// `<iri>` as N-Triples writes it.
pub fn iri(text: &str) -> String {
    format!("<{text}>")
}

/// The IRI of a resource under the default base.
pub fn kv_data(path: &str) -> String {
    iri(&format!("https://w3id.org/kamervragen/{path}"))
}

/// An independent tool the tests check our output with, when `probe` (its arguments) runs it
/// successfully; outside CI, when it is missing, the test says so and checks the rest; in CI
/// (`CI` set) a missing tool fails the test, since `.ci/run` installs them all.
pub fn independent_tool(program: &str, probe: &[&str], install: &str) -> Option<Command> {
    let found = Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|output| output.status.success());
    if found {
        return Some(Command::new(program));
    }
    if std::env::var_os("CI").is_none() {
        eprintln!("{program} is not here ({install}); not checked");
        return None;
    }
    panic!("CI needs {program} ({install}; .ci/run installs it)");
}
