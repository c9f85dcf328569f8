//! Positions in a source text and the warnings the parser raises there.
//!
//! The parser reports a hard failure as a [`crate::parse::SyntaxError`]; anything it could read
//! but had to work around (a URL that is not a valid IRI, say) becomes a [`Warning`] that travels
//! with the parsed document up to the command that prints it.

use std::fmt;

/// A place in a source text: 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Self { line, column }
    }

    /// The start of a line.
    pub(crate) fn line_start(line: usize) -> Self {
        Self { line, column: 1 }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Something the parser read but could not take as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub position: Position,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.position, self.message)
    }
}
