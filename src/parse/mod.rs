//! Text → typed document.
//!
//! A source text enters as a string; it leaves as a [`Document`] with the warnings raised while
//! reading it, or as a [`SyntaxError`] that says where and what was expected. Reading goes in
//! four steps: [`normalize`] cleans extraction artefacts (page furniture, split accents,
//! hyphenation), [`lines`] takes markup out of each line and finds footnote markers, [`sections`]
//! splits the lines into the parts the documents name in their own words, and
//! [`reader`] reads each part into the document.

pub use error::{ParseError, SyntaxError};
mod bytes;
mod date;
mod error;
mod followup;
mod footnotes;
mod header;
mod holders;
mod lines;
mod normalize;
mod offices;
mod publications;
mod reader;
mod sections;
#[cfg(test)]
mod seed_tests;
mod submitters;
mod text;

use crate::model::Document;
use crate::source::diagnostic::{Position, Warning};
use reader::DocumentReader;

/// A document and what the parser had to work around to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub document: Document,
    pub warnings: Vec<Warning>,
}

/// Reads one document.
///
/// ```
/// let text = "## 2024Z00001\n\nVragen van het lid Jansen (SP) aan de Minister van Financiën \
///             over de belasting (ingezonden 1 mei 2024).\n\nVraag 1\n\nKlopt het?\n";
/// let parsed = kamervragen::parse::parse(text)?;
/// assert_eq!(parsed.document.zaak.unwrap().as_str(), "2024Z00001");
/// assert_eq!(parsed.document.addressees[0].label(), "Minister van Financiën");
/// assert_eq!(parsed.document.questions[0].text, "Klopt het?");
/// # Ok::<_, kamervragen::parse::SyntaxError>(())
/// ```
pub fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(SyntaxError::new(
            Position::line_start(1),
            "the file is empty: expected a Kamervragen document",
        ));
    }
    let (text, controls) = without_control_characters(text);
    let cleaned = normalize::clean(&text);
    let lines = lines::read_lines(&cleaned.lines);
    let sections = sections::split(&lines);
    let mut parsed = DocumentReader::new(cleaned.furniture).read(&sections)?;
    if let Some(warning) = controls {
        parsed.warnings.insert(0, warning);
    }
    Ok(parsed)
}

/// The text with the control characters that XML 1.0 (and so RDF/XML) cannot hold made
/// plain: a form feed or vertical tab (a page or line break in extracted text) a line end,
/// the others a space; with a warning at the first, counting them all. A text without any is
/// borrowed as it is.
fn without_control_characters(text: &str) -> (std::borrow::Cow<'_, str>, Option<Warning>) {
    let is_control = |c: char| matches!(c, '\u{1}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    let Some(first) = text.find(is_control) else {
        return (std::borrow::Cow::Borrowed(text), None);
    };
    let count = text.chars().filter(|c| is_control(*c)).count();
    let before = &text[..first];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |at| at + 1)..]
        .chars()
        .count()
        + 1;
    let code = text[first..].chars().next().map_or(0, u32::from);
    let warning = Warning {
        position: Position::new(line, column),
        message: format!(
            "control character U+{code:04X} is not text ({count} in the file): read as a line end (form feed, vertical tab) or a space"
        ),
    };
    let plain = text
        .chars()
        .map(|c| match c {
            '\u{b}' | '\u{c}' => '\n',
            c if is_control(c) => ' ',
            c => c,
        })
        .collect();
    (std::borrow::Cow::Owned(plain), Some(warning))
}
