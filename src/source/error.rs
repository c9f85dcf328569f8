//! What can go wrong finding and reading the input files: which file, where in it when the
//! problem is at a place, and what was expected.

use crate::source::diagnostic::Position;
use std::io;
use std::path::PathBuf;

/// Reading the input files failed.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{}: cannot read", path.display())]
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
    #[error("{}: {kind}: expected a file (Markdown or plain text, Word or PDF)", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{}: a link to a folder that is read already (a loop): not followed", path.display())]
    LinkLoop { path: PathBuf },
    #[error("{}: UTF-16 text without a byte-order mark: expected UTF-8 (or UTF-16 with its mark); save it as UTF-8", path.display())]
    Utf16WithoutMark { path: PathBuf },
    #[error("cannot keep the list of input files in a temporary file (TMPDIR names the folder)")]
    List { source: io::Error },
    #[error("{}: cannot read the Word document", path.display())]
    Docx {
        path: PathBuf,
        source: super::docx::DocxError,
    },
    #[error("{}: cannot read the PDF", path.display())]
    Pdf {
        path: PathBuf,
        source: super::pdf::PdfError,
    },
    #[error("{}: same source path `{relative}` as {}; pass folders with different names", path.display(), first.display())]
    DuplicatePath {
        path: PathBuf,
        first: PathBuf,
        relative: String,
    },
}

/// An RDF file that cannot be read: where, and what the parser expected.
#[derive(Debug, thiserror::Error)]
pub enum RdfFileError {
    #[error("{}: cannot read", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: u64,
        column: u64,
        message: String,
    },
}
