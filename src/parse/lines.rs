//! Source lines with their markup taken out.
//!
//! Cleaned lines enter (see [`super::normalize`]); [`Line`]s leave as [`Piece`]s: running text,
//! and footnote markers kept apart so that the text can be read without them while the
//! citations are not lost. Markers come from Markdown (`<sup>1</sup>`) or, in plain-text
//! layouts, from [`super::footnotes`], which also tells where footnote bodies start.

use super::footnotes::{self, Marker};
use super::normalize::CleanLine;
use std::collections::BTreeSet;

/// A run of text or a footnote marker, in line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Marker(u32),
}

/// One line of the source, 1-based `number`, its markup removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub pieces: Vec<Piece>,
    /// The place of a page's header or footer: no text, but the end of a footnote.
    pub page_break: bool,
}

impl Line {
    /// Reads one printed line of a Markdown text.
    pub fn read(number: usize, printed: &str) -> Self {
        Self {
            number,
            pieces: strip_markup(strip_heading(printed)),
            page_break: false,
        }
    }

    fn page_break(number: usize) -> Self {
        Self {
            number,
            pieces: Vec::new(),
            page_break: true,
        }
    }

    /// The line's words without footnote markers, spaces folded, trimmed.
    pub fn text(&self) -> String {
        let mut folder = SpaceFolder::with_capacity(64);
        for piece in &self.pieces {
            if let Piece::Text(text) = piece {
                folder.push(text);
            }
        }
        folder.folded
    }

    pub fn is_blank(&self) -> bool {
        self.pieces.iter().all(|piece| match piece {
            Piece::Text(text) => text.trim().is_empty(),
            Piece::Marker(_) => false,
        })
    }

    /// The footnote number the line opens with, as footnote bodies do (`<sup>1</sup> <https://…>`).
    pub fn leading_marker(&self) -> Option<u32> {
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) if text.trim().is_empty() => continue,
                Piece::Marker(number) => return Some(*number),
                Piece::Text(_) => return None,
            }
        }
        None
    }

    /// The line without the words it opens with (`Vraag 3` in `Vraag 3 Klopt het …`).
    pub fn without_opening(&self, opening: &str) -> Line {
        let mut pieces = self.pieces.clone();
        if let Some(Piece::Text(first)) = pieces.first_mut() {
            let folded = fold_spaces(first);
            if let Some(rest) = folded.strip_prefix(opening.trim_end()) {
                *first = rest.to_owned();
            }
        }
        Line {
            number: self.number,
            pieces,
            page_break: false,
        }
    }

    /// What follows the line's first footnote marker: the body of a footnote.
    pub fn after_leading_marker(&self) -> Line {
        let skip = self
            .pieces
            .iter()
            .position(|p| matches!(p, Piece::Marker(_)))
            .map_or(0, |i| i + 1);
        Line {
            number: self.number,
            pieces: self.pieces[skip..].to_vec(),
            page_break: false,
        }
    }
}

/// Reads cleaned lines: markup out, footnote bodies and markers recognised.
pub fn read_lines(cleaned: &[CleanLine]) -> Vec<Line> {
    let texts: Vec<Option<&str>> = cleaned
        .iter()
        .map(|line| match line {
            CleanLine::Text { text, .. } => Some(text.as_str()),
            CleanLine::PageBreak { .. } => None,
        })
        .collect();
    // Markers are looked for once per line: finding footnote bodies and taking markers out
    // of the text both need them.
    let markers: Vec<Vec<Marker>> = texts
        .iter()
        .map(|text| text.map(footnotes::markers).unwrap_or_default())
        .collect();
    let starts = footnotes::find_body_starts_with(&texts, &markers);
    let known: BTreeSet<u32> = starts.values().map(|(number, _)| *number).collect();
    cleaned
        .iter()
        .zip(&markers)
        .enumerate()
        .map(|(index, (line, markers))| match line {
            CleanLine::PageBreak { number } => Line::page_break(*number),
            CleanLine::Text { number, text } => {
                read_plain(*number, text, markers, starts.get(&index), &known)
            }
        })
        .collect()
}

/// A line of a text that may be plain (PDF, DOCX) or Markdown.
fn read_plain(
    number: usize,
    text: &str,
    markers: &[Marker],
    body_start: Option<&(u32, usize)>,
    known: &BTreeSet<u32>,
) -> Line {
    let mut line = Line::read(number, text);
    if let Some((footnote, offset)) = body_start {
        let mut pieces = vec![Piece::Marker(*footnote)];
        pieces.extend(strip_markup(&text[*offset..]));
        line.pieces = pieces;
    } else if let Some(numbers) =
        footnotes::marker_line(text).filter(|n| n.iter().all(|n| known.contains(n)))
    {
        line.pieces = numbers.into_iter().map(Piece::Marker).collect();
    } else if !known.is_empty() {
        line.pieces = line
            .pieces
            .into_iter()
            .flat_map(|piece| match piece {
                // A piece that is the whole line (plain text has no markup) has its markers.
                Piece::Text(piece) if piece == text => split_plain_markers(piece, markers, known),
                Piece::Text(piece) => {
                    let markers = footnotes::markers(&piece);
                    split_plain_markers(piece, &markers, known)
                }
                marker => vec![marker],
            })
            .collect();
    }
    line
}

/// Takes the markers of known footnotes out of a run of plain text.
fn split_plain_markers(text: String, markers: &[Marker], known: &BTreeSet<u32>) -> Vec<Piece> {
    if text.is_empty() {
        return Vec::new();
    }
    if !markers.iter().any(|marker| known.contains(&marker.number)) {
        return vec![Piece::Text(text)];
    }
    let mut pieces = Vec::new();
    let mut at = 0;
    for marker in markers {
        if !known.contains(&marker.number) || marker.start < at {
            continue;
        }
        if marker.start > at {
            pieces.push(Piece::Text(text[at..marker.start].to_owned()));
        }
        pieces.push(Piece::Marker(marker.number));
        at = marker.end;
    }
    if at < text.len() {
        pieces.push(Piece::Text(text[at..].to_owned()));
    }
    pieces
}

/// The same, for tests and callers that hold a whole Markdown text.
#[cfg(test)]
pub fn read_text(text: &str) -> Vec<Line> {
    read_lines(&super::normalize::clean(text).lines)
}

/// Collapses every run of white space into one space and trims the ends.
///
/// Every line of every document passes through here, often more than once, so this walks
/// bytes and decodes a character only where a non-ASCII white space could start.
pub fn fold_spaces(text: &str) -> String {
    let mut folder = SpaceFolder::with_capacity(text.len());
    folder.push(text);
    folder.folded
}

/// Folds white space across pieces of text pushed one after the other, as if they were one.
struct SpaceFolder {
    folded: String,
    /// White space was seen since the last word.
    gap: bool,
}

impl SpaceFolder {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            folded: String::with_capacity(capacity),
            gap: false,
        }
    }

    fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let space = whitespace_len(text, at);
            if space > 0 {
                self.gap = true;
                at += space;
                continue;
            }
            let start = at;
            at = end_of_folded_run(text, at + 1);
            if self.gap && !self.folded.is_empty() {
                self.folded.push(' ');
            }
            self.gap = false;
            self.folded.push_str(&text[start..at]);
        }
    }
}

/// Where the run of text from `at` that needs no folding ends: words and the single plain
/// spaces between them, copied in one piece, up to other white space or a space before
/// white space.
#[inline]
fn end_of_folded_run(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        let byte = bytes[at];
        if !MAY_START_SPACE[usize::from(byte)] {
            at += 1;
        } else if byte == b' '
            && bytes
                .get(at + 1)
                .is_some_and(|&next| !MAY_START_SPACE[usize::from(next)])
        {
            at += 2;
        } else if whitespace_len(text, at) == 0 {
            at += 1;
        } else {
            break;
        }
    }
    at
}

/// The bytes a white-space character can start with in UTF-8: ASCII white space, and the lead
/// bytes of U+0085 … U+3000.
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte, 0x09..=0x0d | 0x20 | 0xc2 | 0xe1 | 0xe2 | 0xe3);
        byte += 1;
    }
    table
};

/// The length in bytes of the white-space character at byte `at` of `text`, or 0. `at` is a
/// character boundary or a continuation byte (then 0).
#[inline]
fn whitespace_len(text: &str, at: usize) -> usize {
    let byte = text.as_bytes()[at];
    if !MAY_START_SPACE[usize::from(byte)] {
        0
    } else if byte.is_ascii() {
        1
    } else {
        text[at..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8)
    }
}

/// Markdown headings (`## 2019Z15244`, `### Vraag 1`) carry words the reader needs; only the
/// hashes go.
fn strip_heading(line: &str) -> &str {
    let trimmed = line.trim_start();
    let without_hashes = trimmed.trim_start_matches('#');
    if without_hashes.len() < trimmed.len()
        && (without_hashes.is_empty() || without_hashes.starts_with(' '))
    {
        without_hashes
    } else {
        line
    }
}

fn strip_markup(line: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::with_capacity(line.len());
    let mut rest = line;
    // Only these characters can start markup; the text between them is copied as it stands.
    // A byte search: these are ASCII, so where one stands is a character boundary.
    while let Some(special) = rest
        .bytes()
        .position(|b| matches!(b, b'<' | b'\\' | b'*' | b'_'))
    {
        text.push_str(&rest[..special]);
        rest = &rest[special..];
        let c = char::from(rest.as_bytes()[0]);
        if let Some((number, after)) = sup_marker(rest) {
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            pieces.push(Piece::Marker(number));
            rest = after;
        } else if let Some((url, after)) = autolink(rest) {
            text.push_str(url);
            rest = after;
        } else if c == '\\' && rest[1..].starts_with(|n: char| n.is_ascii_punctuation()) {
            // A Markdown escape: keep the escaped character, drop the backslash.
            let escaped = rest[1..].chars().next().unwrap_or('\\');
            text.push(escaped);
            rest = &rest[1 + escaped.len_utf8()..];
        } else if c == '*' {
            // Emphasis markers; a literal asterisk in a question is escaped in Markdown.
            rest = &rest[1..];
        } else if c == '_' && is_emphasis_underscore(&text, &rest[1..]) {
            // `_…_` italics of a PDF-to-Markdown conversion; `_` inside a word or URL stays.
            rest = &rest[1..];
        } else {
            text.push(c);
            rest = &rest[1..];
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

fn is_emphasis_underscore(before: &str, after: &str) -> bool {
    let word_before = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if word_before.contains(['/', '.']) {
        return false;
    }
    let at_word_start = before.is_empty() || before.ends_with(char::is_whitespace);
    let at_word_end = after.is_empty() || after.starts_with(char::is_whitespace);
    at_word_start || at_word_end
}

/// `<sup>12</sup>` at the start of `text`: the number and what follows.
fn sup_marker(text: &str) -> Option<(u32, &str)> {
    let inner = text.strip_prefix("<sup>")?;
    let end = inner.find("</sup>")?;
    let number = inner[..end].trim().parse().ok()?;
    Some((number, &inner[end + "</sup>".len()..]))
}

/// `<https://…>` at the start of `text`: the URL and what follows.
fn autolink(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('<')?;
    if !(inner.starts_with("http://") || inner.starts_with("https://")) {
        return None;
    }
    let end = inner.find('>')?;
    let url = &inner[..end];
    (!url.contains(char::is_whitespace)).then(|| (url, &inner[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_markers_apart_from_the_words() {
        let line = Line::read(7, "organisaties<sup>2</sup> die waarschuwen?<sup>3</sup>");
        assert_eq!(
            line.pieces,
            vec![
                Piece::Text("organisaties".into()),
                Piece::Marker(2),
                Piece::Text(" die waarschuwen?".into()),
                Piece::Marker(3),
            ]
        );
        assert_eq!(line.text(), "organisaties die waarschuwen?");
    }

    #[test]
    fn removes_headings_emphasis_and_autolinks() {
        assert_eq!(Line::read(1, "### Vraag 1").text(), "Vraag 1");
        assert_eq!(
            Line::read(1, "het lid **Sjoerdsma** (D66)").text(),
            "het lid Sjoerdsma (D66)"
        );
        assert_eq!(
            Line::read(1, "over *het bericht*").text(),
            "over het bericht"
        );
        let body = Line::read(3, "<sup>1</sup> <https://example.org/a_b>");
        assert_eq!(body.leading_marker(), Some(1));
        assert_eq!(
            body.after_leading_marker().text(),
            "https://example.org/a_b"
        );
    }

    #[test]
    fn folds_every_kind_of_white_space() {
        let text = " \u{a0}Kostić\u{2009}en\t’s-Gravenhage\u{3000}\u{2028}\r\n «x» \u{85}";
        let expected: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(fold_spaces(text), expected.join(" "));
        assert_eq!(fold_spaces(text), "Kostić en ’s-Gravenhage «x»");
        assert_eq!(fold_spaces("   "), "");
    }

    #[test]
    fn a_hash_inside_a_word_is_not_a_heading() {
        assert_eq!(Line::read(1, "#hashtag").text(), "#hashtag");
    }
}
