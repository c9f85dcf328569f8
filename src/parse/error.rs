//! The parser's errors: where in the text, and what was expected there.

use crate::source::diagnostic::Position;
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

/// A document that could be read but not parsed.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}:{}", path.display(), syntax)]
pub struct ParseError {
    pub path: PathBuf,
    pub syntax: SyntaxError,
}
