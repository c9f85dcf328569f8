//! The library's error types. Each says which file, where in it, and what was expected.

use crate::diagnostic::Position;
use std::io;
use std::path::PathBuf;

/// A source text that does not have the shape of a Kamervragen document.
///
/// Shaped like oxigraph's syntax errors: a position and a message that says what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{position}: {message}")]
pub struct SyntaxError {
    pub position: Position,
    pub message: String,
}

impl SyntaxError {
    pub fn new(position: Position, message: impl Into<String>) -> Self {
        Self {
            position,
            message: message.into(),
        }
    }
}

/// Reading the input files failed.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{}: cannot read: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}:{position}: not UTF-8 text: expected a text file (Markdown or plain text)", path.display())]
    NotUtf8 { path: PathBuf, position: Position },
    #[error("{}:{position}: binary data (a NUL byte): expected a text file (Markdown or plain text)", path.display())]
    Binary { path: PathBuf, position: Position },
    #[error("{}: the file has {size} bytes; a Kamervragen document has at most {limit} (the largest known is under 100 kB)", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: no such file or folder", path.display())]
    Missing { path: PathBuf },
    #[error("{}: {kind}: expected a text file (Markdown or plain text)", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{}: a link to a folder that is read already (a loop): not followed", path.display())]
    LinkLoop { path: PathBuf },
    #[error("{}: UTF-16 text without a byte-order mark: expected UTF-8 (or UTF-16 with its mark); save it as UTF-8", path.display())]
    Utf16WithoutMark { path: PathBuf },
    // Not a `source`: the message has it already, and a chain would print it twice.
    #[error("cannot keep the list of input files in a temporary file (TMPDIR names the folder): {error}")]
    List { error: io::Error },
    #[error("{}: same source path `{relative}` as {}; pass folders with different names", path.display(), first.display())]
    DuplicatePath {
        path: PathBuf,
        first: PathBuf,
        relative: String,
    },
}

/// A document that could be read but not parsed.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}:{}", path.display(), syntax)]
pub struct ParseError {
    pub path: PathBuf,
    pub syntax: SyntaxError,
}

/// The errors that stop a whole load (a single document's failure is reported instead, in
/// [`crate::pipeline::LoadReport`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
    #[error("invalid base IRI `{iri}`: {message}")]
    Base { iri: String, message: String },
    #[error(transparent)]
    Spill(#[from] SpillError),
}

/// A temporary file that holds what a run remembers until its end could not be made, written
/// or read back (see [`crate::spill`]).
#[derive(Debug, thiserror::Error)]
#[error("cannot keep the run's records in a temporary file (TMPDIR names the folder): {0}")]
pub struct SpillError(pub io::Error);

/// Publishing settings that do not read or are incomplete: the file, the line when the
/// problem is at one, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SettingsError {
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{}:{line}: {}", file.display(), self.message),
            (Some(file), None) => write!(f, "{}: {}", file.display(), self.message),
            (None, Some(line)) => write!(f, "line {line}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// An RDF file that cannot be read: where, and what the parser expected.
#[derive(Debug, thiserror::Error)]
pub enum RdfFileError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: u64,
        column: u64,
        message: String,
    },
}
