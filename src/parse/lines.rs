//! Source lines with their markup taken out.
//!
//! Cleaned lines enter (see [`super::normalize`]); [`Line`]s leave with their words, white
//! space folded, and their footnote markers kept apart, each with the place in the words
//! where it stood, so that the text can be read without them while the citations are not
//! lost. Markers come from Markdown (`<sup>1</sup>`) or, in plain-text layouts, from
//! [`super::footnotes`], which also tells where footnote bodies start.

use super::bytes::any_pair;
use super::footnotes::{self, Marker};
use super::normalize::CleanLine;
use crate::model::NoteRef;
use std::collections::{BTreeMap, BTreeSet};

/// A run of text or a footnote marker, in line order: what markup and markers split a line
/// into, before its words are folded into one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Marker(NoteRef),
}

/// One line of the source, 1-based `number`, its markup removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    /// The words without footnote markers, white space folded, trimmed.
    text: String,
    /// Each footnote marker, in line order, with the byte in `text` it stood before.
    markers: Vec<(usize, NoteRef)>,
    /// The place of a page's header or footer: no text, but the end of a footnote.
    pub page_break: bool,
}

impl Line {
    /// Reads one printed line of a Markdown text.
    #[cfg(test)]
    pub fn read(number: usize, printed: &str) -> Self {
        Self::from_pieces(number, strip_markup(strip_heading(printed), 0))
    }

    /// A line of plain words, without markers.
    pub fn plain(number: usize, words: &str) -> Self {
        Self {
            number,
            text: fold_spaces(words),
            markers: Vec::new(),
            page_break: false,
        }
    }

    fn from_pieces(number: usize, pieces: Vec<Piece>) -> Self {
        let mut folder = SpaceFolder::with_capacity(64);
        let mut markers = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Text(text) => folder.push(&text),
                // Where the words so far end: a space the next word brings comes after it.
                Piece::Marker(number) => markers.push((folder.folded.len(), number)),
            }
        }
        Self {
            number,
            text: folder.folded,
            markers,
            page_break: false,
        }
    }

    fn page_break(number: usize) -> Self {
        Self {
            number,
            text: String::new(),
            markers: Vec::new(),
            page_break: true,
        }
    }

    /// The line's words without footnote markers, spaces folded, trimmed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The numbers of the footnote markers on the line, in order.
    pub(crate) fn marker_numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.markers.iter().map(|&(_, note)| note.number)
    }

    /// The notes the line's markers cite, in order.
    pub(crate) fn marker_notes(&self) -> impl Iterator<Item = NoteRef> + '_ {
        self.markers.iter().map(|&(_, note)| note)
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.text.is_empty() && self.markers.is_empty()
    }

    /// The footnote number the line opens with, as footnote bodies do (`<sup>1</sup> <https://…>`).
    pub(crate) fn leading_marker(&self) -> Option<NoteRef> {
        self.markers
            .first()
            .filter(|&&(at, _)| at == 0)
            .map(|&(_, number)| number)
    }

    /// The line without the words it opens with (`Vraag 3` in `Vraag 3 Klopt het …`), when
    /// they stand before its first marker.
    pub(crate) fn without_opening(&self, opening: &str) -> Line {
        let before_marker = self.markers.first().map_or(self.text.len(), |&(at, _)| at);
        let opening = opening.trim_end();
        if self.text[..before_marker].starts_with(opening) {
            self.rest_from(opening.len())
        } else {
            self.rest_from(0)
        }
    }

    /// What follows the line's first footnote marker: the body of a footnote.
    pub(crate) fn after_leading_marker(&self) -> Line {
        match self.markers.first() {
            Some(&(at, _)) => {
                let mut rest = self.rest_from(at);
                rest.markers.remove(0);
                rest
            }
            None => self.rest_from(0),
        }
    }

    /// Takes the number at `start..end` of the words out as the marker of `number`.
    fn take_marker(&mut self, start: usize, end: usize, number: u32) {
        let before = self.text[..start].trim_end();
        let after = self.text[end..].trim_start();
        let at = before.len();
        let removed = self.text.len() - before.len() - after.len();
        let joined = if after.is_empty() {
            before.to_owned()
        } else {
            format!("{before} {after}")
        };
        let removed = removed - (joined.len() - before.len() - after.len());
        for marker in &mut self.markers {
            if marker.0 >= end {
                marker.0 -= removed;
            }
        }
        self.markers.push((at, NoteRef::first(number)));
        self.markers.sort_by_key(|&(at, _)| at);
        self.text = joined;
    }

    /// The line from byte `start` of its words on, the markers there kept.
    fn rest_from(&self, start: usize) -> Line {
        let text = self.text[start..].trim_start();
        let cut = self.text.len() - text.len();
        let markers = self
            .markers
            .iter()
            .filter(|&&(at, _)| at >= start)
            .map(|&(at, number)| (at.saturating_sub(cut), number))
            .collect();
        Line {
            number: self.number,
            text: text.to_owned(),
            markers,
            page_break: false,
        }
    }
}

/// Reads cleaned lines: markup out, footnote bodies and markers recognised.
pub(crate) fn read_lines(cleaned: &[CleanLine]) -> Vec<Line> {
    let split;
    let cleaned = if cleaned.iter().any(runs_into_the_next_note) {
        split = split_run_on_notes(cleaned);
        &split[..]
    } else {
        cleaned
    };
    let texts: Vec<Option<&str>> = cleaned
        .iter()
        .map(|line| match line {
            CleanLine::Text { text, .. } => Some(text.as_ref()),
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
    let markup_series = markup_series(&texts, &known);
    let mut lines: Vec<Line> = cleaned
        .iter()
        .zip(&markers)
        .enumerate()
        .map(|(index, (line, markers))| match line {
            CleanLine::PageBreak { number } => Line::page_break(*number),
            CleanLine::Text { number, text } => {
                let start = starts.get(&index);
                read_plain(*number, text, markers, start, &known, markup_series)
            }
        })
        .collect();
    move_markers_pushed_to_line_starts(&mut lines, &known, &starts);
    find_spaced_markers_in_order(&mut lines, &known, &starts);
    lines
}

/// Where a note typed `[n] …` runs on into the next one's `[n+1] …` on the same line (their
/// paragraph break lost: `…politie[3] https://…`): the byte where the next note opens.
fn next_note_at(text: &str) -> Option<usize> {
    let inside = text.strip_prefix('[')?;
    let (digits, _) = inside.split_once(']')?;
    if !(1..=2).contains(&digits.len()) {
        return None;
    }
    let number: u32 = digits.parse().ok()?;
    let next = format!("[{}] ", number + 1);
    let at = text.find(&next)?;
    let before = text[..at].trim_end();
    let opened = before.len() > digits.len() + 2 && !text[at + next.len()..].trim().is_empty();
    opened.then_some(at)
}

fn runs_into_the_next_note(line: &CleanLine) -> bool {
    matches!(line, CleanLine::Text { text, .. } if next_note_at(text).is_some())
}

/// The lines with each note that runs on into the next split into two lines (of the same
/// number), as they were printed.
fn split_run_on_notes<'t>(cleaned: &[CleanLine<'t>]) -> Vec<CleanLine<'t>> {
    let mut lines = Vec::with_capacity(cleaned.len() + 1);
    for line in cleaned {
        let CleanLine::Text { number, text } = line else {
            lines.push(line.clone());
            continue;
        };
        let mut rest: &str = text;
        while let Some(at) = next_note_at(rest) {
            let (note, next) = rest.split_at(at);
            lines.push(CleanLine::Text {
                number: *number,
                text: note.trim_end().to_owned().into(),
            });
            rest = next;
        }
        lines.push(CleanLine::Text {
            number: *number,
            text: rest.to_owned().into(),
        });
    }
    lines
}

/// The series of notes that `<sup>n</sup>` markers cite: the first (0), unless notes typed as
/// plain text (`1)`, `[1]`, a numbered list) and notes marked up (`<sup>1</sup> …`, as the Word
/// reader writes a letter's real footnotes) both have a body of the same number: then the
/// document prints two series, each from 1, and the marked-up one is the second (1).
fn markup_series(texts: &[Option<&str>], typed: &BTreeSet<u32>) -> u32 {
    if typed.is_empty() {
        return 0;
    }
    let marked_up_body = |text: &str| {
        sup_marker(text.trim_start())
            .is_some_and(|(number, body)| typed.contains(&number) && !body.trim().is_empty())
    };
    u32::from(texts.iter().flatten().any(|text| marked_up_body(text)))
}

/// Markers that extraction printed as a number standing between words (`in 2023 1 heb ik`,
/// `een burstpercentage 5 van`): a number alone can be anything, so one counts only as the
/// marker of the next footnote in order. Markers cite footnotes in ascending order; where
/// footnote N has a body but no marker, and the markers before and after it are found, the
/// first lone `N` between them in the running text is its marker.
fn find_spaced_markers_in_order(
    lines: &mut [Line],
    known: &BTreeSet<u32>,
    starts: &footnotes::FootnoteStarts,
) {
    let body_lines: BTreeSet<usize> = starts.keys().copied().collect();
    let running = |index: &usize| !body_lines.contains(index);
    let cited: BTreeSet<u32> = (0..lines.len())
        .filter(running)
        .flat_map(|index| lines[index].marker_numbers().collect::<Vec<_>>())
        .collect();
    let mut missing: Vec<u32> = known.difference(&cited).copied().collect();
    if missing.is_empty() {
        return;
    }
    missing.reverse();
    // Read once: the loop below changes the lines.
    let notes: BTreeMap<u32, String> = missing
        .iter()
        .map(|&number| (number, note_text(lines, starts, number)))
        .collect();
    let mut last_seen = 0;
    for index in (0..lines.len()).filter(running) {
        let Some(&want) = missing.last() else { return };
        // The markers of this line before the lone number decide whether it comes in order.
        let previous_word = index
            .checked_sub(1)
            .map(|before| &lines[before])
            .filter(|before| !before.page_break && running(&(index - 1)))
            .and_then(|before| before.text.rsplit(' ').next())
            .unwrap_or("");
        let line = &lines[index];
        let lone = footnotes::lone_number_at(&line.text, want, previous_word)
            .or_else(|| footnotes::glued_to_a_word_its_note_names(&line.text, want, &notes[&want]))
            .filter(|&(start, _)| {
                let before = line
                    .markers
                    .iter()
                    .filter(|(at, _)| *at <= start)
                    .map(|(_, n)| n.number)
                    .max()
                    .unwrap_or(last_seen);
                before.max(last_seen) < want
                    && line
                        .markers
                        .iter()
                        .filter(|(at, _)| *at > start)
                        .all(|(_, n)| n.number > want)
            });
        if let Some((start, end)) = lone {
            if start == 0 {
                // A marker at a line's start would open a footnote body: it goes back to the end
                // of the line before, where it stood before extraction moved it.
                let rest = lines[index].rest_from(end);
                lines[index].text = rest.text;
                lines[index].markers = rest.markers;
                let before = &mut lines[index - 1];
                before
                    .markers
                    .push((before.text.len(), NoteRef::first(want)));
            } else {
                lines[index].take_marker(start, end, want);
            }
            missing.pop();
        }
        last_seen = last_seen.max(lines[index].marker_numbers().max().unwrap_or(0));
        while missing.last().is_some_and(|&n| n < last_seen) {
            missing.pop();
        }
    }
}

/// How many lines of a footnote's body are read for the words it names.
const NOTE_LINES_READ: usize = 3;

/// The first lines of footnote `number`'s body (not past the next note's), or nothing where it
/// has none.
fn note_text(lines: &[Line], starts: &footnotes::FootnoteStarts, number: u32) -> String {
    let Some(&first) = starts
        .iter()
        .find(|(_, (n, _))| *n == number)
        .map(|(index, _)| index)
    else {
        return String::new();
    };
    let mut text = String::new();
    for index in (first..lines.len()).take(NOTE_LINES_READ) {
        if index > first && starts.contains_key(&index) {
            break;
        }
        text.push_str(&lines[index].text);
        text.push(' ');
    }
    text
}

/// PDF extraction puts a marker that stood after a sentence's end at the start of the next
/// line (`… voor een handeling.` / `2 Dit is in 2022 …`). Where a line that is no footnote body
/// opens with the number of a footnote no other marker cites, followed by a word, and the
/// line before it ends a sentence, the number is that footnote's marker, and goes back to the
/// end of the line before.
fn move_markers_pushed_to_line_starts(
    lines: &mut [Line],
    known: &BTreeSet<u32>,
    starts: &footnotes::FootnoteStarts,
) {
    if known.is_empty() {
        return;
    }
    let body_lines: BTreeSet<usize> = starts.keys().copied().collect();
    let mut cited: BTreeSet<u32> = lines
        .iter()
        .enumerate()
        .filter(|(index, _)| !body_lines.contains(index))
        .flat_map(|(_, line)| line.marker_numbers())
        .collect();
    for index in 1..lines.len() {
        if body_lines.contains(&index) || body_lines.contains(&(index - 1)) {
            continue;
        }
        let Some((number, rest)) = pushed_marker(&lines[index].text) else {
            continue;
        };
        let before = &lines[index - 1];
        let ends_sentence = before.text.ends_with(['.', '?', '!', '»', '”', '"', ')']);
        if !known.contains(&number) || cited.contains(&number) || !ends_sentence {
            continue;
        }
        cited.insert(number);
        let cut = lines[index].text.len() - rest.len();
        let moved = lines[index].rest_from(cut);
        lines[index] = Line {
            markers: moved.markers,
            text: moved.text,
            ..lines[index].clone()
        };
        let before = &mut lines[index - 1];
        before
            .markers
            .push((before.text.len(), NoteRef::first(number)));
    }
}

/// `2 Dit is …` → 2 and `Dit is …`; `2 waarin …` likewise.
fn pushed_marker(text: &str) -> Option<(u32, &str)> {
    let (digits, rest) = text.split_once(' ')?;
    if digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.starts_with(char::is_alphabetic)
        .then(|| Some((digits.parse().ok()?, rest)))
        .flatten()
}

/// A line of a text that may be plain (PDF, DOCX) or Markdown.
fn read_plain(
    number: usize,
    text: &str,
    markers: &[Marker],
    body_start: Option<&(u32, usize)>,
    known: &BTreeSet<u32>,
    markup_series: u32,
) -> Line {
    if let Some((footnote, offset)) = body_start {
        let mut pieces = vec![Piece::Marker(NoteRef::first(*footnote))];
        pieces.extend(strip_markup(&text[*offset..], markup_series));
        return Line::from_pieces(number, pieces);
    }
    // A line of markers alone cites known footnotes; without them there is none to look for.
    let marker_line = (!known.is_empty())
        .then(|| footnotes::marker_line(text))
        .flatten();
    if let Some(numbers) = marker_line.filter(|n| n.iter().all(|n| known.contains(n))) {
        let pieces = numbers
            .into_iter()
            .map(|n| Piece::Marker(NoteRef::first(n)))
            .collect();
        return Line::from_pieces(number, pieces);
    }
    let text = without_unprinted_marker(text, known);
    let printed = strip_heading(text);
    if !has_markup(printed) {
        return read_unmarked(number, text, printed, markers, known);
    }
    let mut pieces = strip_markup(printed, markup_series);
    if !known.is_empty() {
        pieces = pieces
            .into_iter()
            .flat_map(|piece| match piece {
                // A piece that is the whole line has its markers.
                Piece::Text(piece) if piece == text => split_plain_markers(piece, markers, known),
                Piece::Text(piece) => {
                    let markers = footnotes::markers(&piece);
                    split_plain_markers(piece, &markers, known)
                }
                marker => vec![marker],
            })
            .collect();
    }
    Line::from_pieces(number, pieces)
}

/// A line's text without a marker that cites a footnote the text does not print (DOCX text
/// from tweedekamer.nl ends questions with `? 1)` and leaves the notes out): the marker is no
/// word of the question. Only the `N)` form after a sentence's end is taken, at the line's
/// end: there a number in parentheses can be nothing else.
fn without_unprinted_marker<'a>(text: &'a str, known: &BTreeSet<u32>) -> &'a str {
    let Some(inside) = text.trim_end().strip_suffix(')') else {
        return text;
    };
    let sentence = inside.trim_end_matches(|c: char| c.is_ascii_digit());
    let number = &inside[sentence.len()..];
    // At most one space between the sentence's end and the marker.
    let sentence = sentence.strip_suffix(' ').unwrap_or(sentence);
    // The character before the sentence's end, which may take several bytes (`»`).
    let last = sentence.chars().next_back();
    let before_last = &sentence[..sentence.len() - last.map_or(0, char::len_utf8)];
    let ends_sentence = last.is_some_and(|c| ['?', '.', '!', '»', '”', '’', '"'].contains(&c))
        && !before_last.ends_with(|c: char| c.is_ascii_digit());
    // `(zie vraag 2.1)`: the parenthesis closes one the line opened.
    let closes_one = sentence.matches('(').count() > sentence.matches(')').count();
    let cites_printed = number.parse().is_ok_and(|n: u32| known.contains(&n));
    if (1..=2).contains(&number.len()) && ends_sentence && !closes_one && !cites_printed {
        sentence
    } else {
        text
    }
}

/// A line without markup (plain text, or Markdown prose, most lines of every layout): one run
/// of words, split only where it carries the marker of a known footnote.
fn read_unmarked(
    number: usize,
    text: &str,
    printed: &str,
    markers: &[Marker],
    known: &BTreeSet<u32>,
) -> Line {
    if known.is_empty() {
        return Line::plain(number, printed);
    }
    let heading_markers;
    let markers = if printed.len() == text.len() {
        markers
    } else {
        heading_markers = footnotes::markers(printed);
        &heading_markers
    };
    if !markers.iter().any(|marker| known.contains(&marker.number)) {
        return Line::plain(number, printed);
    }
    Line::from_pieces(
        number,
        split_plain_markers(printed.to_owned(), markers, known),
    )
}

/// Whether a line holds a character that can start markup (see [`strip_markup`]).
fn has_markup(line: &str) -> bool {
    // Every byte looked at, without stopping early: the compiler makes it a vector loop.
    line.bytes()
        .fold(false, |found, byte| found | starts_markup(byte))
}

/// The bytes markup starts with: all ASCII, so where one stands is a character boundary.
fn starts_markup(byte: u8) -> bool {
    matches!(byte, b'<' | b'\\' | b'*' | b'_')
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
        pieces.push(Piece::Marker(NoteRef::first(marker.number)));
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
    if is_folded(text) {
        return text.to_owned();
    }
    let mut folder = SpaceFolder::with_capacity(text.len());
    folder.push(text);
    folder.folded
}

/// Whether `text` is folded already, as nine lines in ten are: no white space at its ends, no
/// two spaces in a row, no white space but the plain space. The test may say no to a text that
/// is folded (one with a byte that a non-ASCII space could start with); the folder then
/// decides.
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    !MAY_START_SPACE[usize::from(first)]
        && !MAY_START_SPACE[usize::from(last)]
        && !any_pair(bytes, needs_folding)
}

/// Whether a byte, with the one after it, may need folding: a control character, a space
/// before a space, or a byte that a non-ASCII white space starts with.
#[inline(always)]
fn needs_folding(byte: u8, next: u8) -> bool {
    (byte < 0x20)
        | ((byte == b' ') & (next == b' '))
        | (byte == 0xc2)
        | (byte.wrapping_sub(0xe1) < 3)
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

/// Takes markup out of `line`; its `<sup>n</sup>` markers cite notes of `series`.
fn strip_markup(line: &str, series: u32) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::with_capacity(line.len());
    let mut rest = line;
    // Only these characters can start markup; the text between them is copied as it stands.
    // A byte search: these are ASCII, so where one stands is a character boundary.
    while let Some(special) = rest.bytes().position(starts_markup) {
        text.push_str(&rest[..special]);
        rest = &rest[special..];
        let c = char::from(rest.as_bytes()[0]);
        if let Some((number, after)) = sup_marker(rest) {
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            pieces.push(Piece::Marker(NoteRef { series, number }));
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

    fn first(number: u32) -> NoteRef {
        NoteRef::first(number)
    }

    /// Each line's words and marker numbers, for a plain text with footnote bodies at its foot.
    fn read_with_markers(text: &str) -> Vec<(String, Vec<u32>)> {
        read_text(text)
            .into_iter()
            .filter(|line| !line.is_blank())
            .map(|line| (line.text.clone(), line.marker_numbers().collect()))
            .collect()
    }

    #[test]
    fn a_marker_of_a_footnote_not_printed_is_no_word_of_the_text() {
        // tkweb-AH613-2024Z14814.docx.txt prints "(Kassa, 28 september 2024)? 1)" and no notes.
        let none = BTreeSet::new();
        assert_eq!(
            without_unprinted_marker("(Kassa, 28 september 2024)? 1)", &none),
            "(Kassa, 28 september 2024)?"
        );
        assert_eq!(without_unprinted_marker("toeneemt?2)", &none), "toeneemt?");
        // A sentence that ends in a character of several bytes (found by fuzzing: it cut `»`).
        assert_eq!(
            without_unprinted_marker("het bericht «Zorg»1)", &none),
            "het bericht «Zorg»"
        );
        assert_eq!(without_unprinted_marker("»1)", &none), "»");
        for kept in [
            "(zie het antwoord op vraag 2.1)",
            "Dat staat in (onderdeel b. 3)",
            "de antwoorden op vraag 1 en 2)",
            "op 12 mei 2024)",
        ] {
            assert_eq!(without_unprinted_marker(kept, &none), kept);
        }
        let printed = BTreeSet::from([1]);
        assert_eq!(
            without_unprinted_marker("Klopt dat? 1)", &printed),
            "Klopt dat? 1)"
        );
    }

    #[test]
    fn markers_no_pattern_reads_are_found_in_the_order_of_the_notes() {
        let text = "Vraag 1\n\
            Hoe kijkt u naar de verwachting van MIND1 dat het CO2 gehalte stijgt?\n\
            Vraag 2\n\
            Wat is er gebeurd met het verzoek van de Consumentenbond\n\
            2 die de NZa oproept? Het ging om 3.354 mensen.\n\
            Vraag 3\n\
            In mijn brief van 7 november 2023 3 heb ik het gemeld, zie vraag 3 hierboven.\n\
            1 MIND, 13 november 2024\n\
            2 Consumentenbond, 4 april 2024\n\
            3 Kamerstuk 36 410, nr. 1\n";
        let lines = read_with_markers(text);
        let texts: Vec<(&str, &[u32])> = lines
            .iter()
            .map(|(text, markers)| (text.as_str(), markers.as_slice()))
            .collect();
        assert_eq!(
            texts[..6],
            [
                ("Vraag 1", &[][..]),
                (
                    "Hoe kijkt u naar de verwachting van MIND dat het CO2 gehalte stijgt?",
                    &[1][..]
                ),
                ("Vraag 2", &[][..]),
                (
                    "Wat is er gebeurd met het verzoek van de Consumentenbond",
                    &[2][..]
                ),
                ("die de NZa oproept? Het ging om 3.354 mensen.", &[][..]),
                ("Vraag 3", &[][..]),
            ]
        );
        assert_eq!(
            texts[6],
            (
                "In mijn brief van 7 november 2023 heb ik het gemeld, zie vraag 3 hierboven.",
                &[3][..]
            )
        );
    }

    #[test]
    fn a_typed_note_that_runs_on_into_the_next_is_two_notes() {
        // minjenv-beantwoording-2023Z14759.docx: notes 2 and 3 in one paragraph.
        let text = "Vraag 1\n\nIs een eigenaar omgekomen [2], en een baby overleden [3]?\n\n\
            [1] https://a.nl/x\n\n[2] https://b.nl/y#tekst[3] https://c.nl/z\n";
        let lines = read_with_markers(text);
        assert_eq!(
            lines[1],
            (
                "Is een eigenaar omgekomen, en een baby overleden?".to_owned(),
                vec![2, 3]
            )
        );
        let notes: Vec<&(String, Vec<u32>)> = lines[2..].iter().collect();
        assert_eq!(
            notes,
            [
                &("https://a.nl/x".to_owned(), vec![1]),
                &("https://b.nl/y#tekst".to_owned(), vec![2]),
                &("https://c.nl/z".to_owned(), vec![3]),
            ]
        );
    }

    #[test]
    fn marked_up_notes_are_a_second_series_where_typed_notes_have_their_numbers() {
        let typed_and_word = "Klopt het? 1)\n\nJa.<sup>1</sup>\n\n1) NOS, https://nos.nl/a\n\n<sup>1</sup> Kamerstuk 1, nr. 2.\n";
        let notes: Vec<Vec<NoteRef>> = read_text(typed_and_word)
            .iter()
            .filter(|line| !line.is_blank())
            .map(|line| line.marker_notes().collect())
            .collect();
        let word = NoteRef {
            series: 1,
            number: 1,
        };
        assert_eq!(
            notes,
            [vec![first(1)], vec![word], vec![first(1)], vec![word]]
        );
        // Marked-up notes alone are the only series.
        let only_word = "Ja.<sup>1</sup>\n\n<sup>1</sup> Kamerstuk 1, nr. 2.\n";
        let line = &read_text(only_word)[0];
        assert_eq!(line.marker_notes().collect::<Vec<_>>(), [first(1)]);
    }

    #[test]
    fn keeps_markers_apart_from_the_words() {
        let line = Line::read(7, "organisaties<sup>2</sup> die waarschuwen?<sup>3</sup>");
        assert_eq!(line.text(), "organisaties die waarschuwen?");
        assert_eq!(line.markers, [(12, first(2)), (29, first(3))]);
    }

    #[test]
    fn a_line_cut_keeps_its_markers_where_they_stood() {
        let line = Line::read(4, "Vraag 2 Kent u het bericht<sup>1</sup> en<sup>2</sup>?");
        let question = line.without_opening("Vraag 2 ");
        assert_eq!(question.text(), "Kent u het bericht en?");
        assert_eq!(question.markers, [(18, first(1)), (21, first(2))]);
        // Words after a marker are not an opening: the line stays whole.
        let glued = Line::read(4, "Vraag<sup>1</sup> 2 Kent u");
        assert_eq!(glued.without_opening("Vraag 2").text(), "Vraag 2 Kent u");
        let body = Line::read(9, "  <sup>3</sup>  Zie <sup>4</sup>nu");
        assert_eq!(body.leading_marker(), Some(first(3)));
        let rest = body.after_leading_marker();
        assert_eq!(rest.text(), "Zie nu");
        assert_eq!(rest.markers, [(3, first(4))]);
        assert_eq!(
            Line::read(1, " <sup>5</sup> ").leading_marker(),
            Some(first(5))
        );
        assert!(Line::read(1, "   ").is_blank());
        assert!(!Line::read(1, "<sup>5</sup>").is_blank());
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
        assert_eq!(body.leading_marker(), Some(first(1)));
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

    proptest::proptest! {
        /// The quick test for folded text and the folder agree with the standard library's
        /// idea of white space, on texts dense with spaces and with the bytes that look like
        /// their start (`’` and `«` share lead bytes with Unicode spaces).
        #[test]
        fn folds_as_split_whitespace_does(
            text in "[a-z ’«é\u{a0}\u{2009}\u{2028}\u{3000}\u{1680}\t\r\n\u{1}.]{0,80}"
        ) {
            let expected: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(fold_spaces(&text), expected.join(" "));
        }
    }

    #[test]
    fn a_long_folded_line_is_copied_and_a_long_unfolded_one_folded() {
        let folded = "Kent u het bericht over de Haagse pilot (zie bijlage)? ".repeat(5);
        let folded = folded.trim_end();
        assert!(is_folded(folded));
        assert_eq!(fold_spaces(folded), folded);
        // A quote shares its lead byte with Unicode spaces: the folder decides, and keeps it.
        let quoted = format!("{folded} ’s-Gravenhage «pilot»");
        assert!(!is_folded(&quoted));
        assert_eq!(fold_spaces(&quoted), quoted);
        // Two spaces where one 32-byte block of the scan ends, and a space at the very end.
        let across = format!("{}  {}", "a".repeat(31), "b".repeat(40));
        assert!(!is_folded(&across));
        assert_eq!(
            fold_spaces(&across),
            format!("{} {}", "a".repeat(31), "b".repeat(40))
        );
        let at_end = format!("{}\u{a0}b", "a".repeat(64));
        assert!(!is_folded(&at_end));
        assert_eq!(fold_spaces(&at_end), format!("{} b", "a".repeat(64)));
    }

    #[test]
    fn a_hash_inside_a_word_is_not_a_heading() {
        assert_eq!(Line::read(1, "#hashtag").text(), "#hashtag");
    }
}
