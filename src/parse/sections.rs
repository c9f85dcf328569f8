//! Splits a document's lines into the parts the documents name themselves: the Zaak number,
//! the header (`Vragen van …`), each `Vraag n`, each footnote body, the `Toelichting`.
//!
//! Lines enter cleaned of markup ([`Line`]); sections leave with their text gathered into
//! paragraphs and the footnote markers they contain. Which part a line opens is decided by the
//! words on it, never by Markdown syntax, so that text extracted from PDF and DOCX files can be
//! split the same way.

use super::header::OPENING;
use super::lines::{fold_spaces, Line, Piece};
use crate::model::ZaakNumber;

/// What a section is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionKind {
    /// Lines before any recognised part.
    Preamble,
    Zaak(ZaakNumber),
    Header,
    Question(u32),
    Footnote(u32),
    Explanation,
}

/// A part of the document and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    /// The line that opens the section.
    pub line: usize,
    pub body: Body,
}

/// Text gathered line by line: paragraphs (lines folded into one) and footnote citations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    paragraphs: Vec<String>,
    open: String,
    /// Footnote numbers cited in the text, in order, each once.
    pub cites: Vec<u32>,
}

impl Body {
    fn push_line(&mut self, line: &Line) {
        for piece in &line.pieces {
            match piece {
                Piece::Text(text) => self.open.push_str(text),
                Piece::Marker(number) if !self.cites.contains(number) => self.cites.push(*number),
                Piece::Marker(_) => {}
            }
        }
        self.open.push(' ');
    }

    fn end_paragraph(&mut self) {
        let paragraph = fold_spaces(&self.open);
        self.open.clear();
        if !paragraph.is_empty() {
            self.paragraphs.push(paragraph);
        }
    }

    /// The text: paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        let mut paragraphs = self.paragraphs.clone();
        let open = fold_spaces(&self.open);
        if !open.is_empty() {
            paragraphs.push(open);
        }
        paragraphs.join("\n\n")
    }
}

/// Splits `lines` into sections, in document order.
pub fn split(lines: &[Line]) -> Vec<Section> {
    let mut splitter = Splitter::default();
    for line in lines {
        splitter.read(line);
    }
    splitter.finish()
}

#[derive(Default)]
struct Splitter {
    done: Vec<Section>,
    current: Option<Section>,
    header_seen: bool,
}

impl Splitter {
    fn read(&mut self, line: &Line) {
        let text = line.text();
        if line.is_blank() {
            self.blank_line();
        } else if is_rule(&text) {
            self.close();
        } else if let Some(zaak) = ZaakNumber::parse(&text) {
            self.open(SectionKind::Zaak(zaak), line.number);
        } else if !self.header_seen && text.starts_with(OPENING) {
            self.header_seen = true;
            self.open(SectionKind::Header, line.number);
            self.push(line);
        } else if let Some((number, rest)) = question_heading(&text) {
            self.open(SectionKind::Question(number), line.number);
            self.push(&line.without_opening(&text[..text.len() - rest.len()]));
        } else if let Some(number) = line.leading_marker() {
            self.open(SectionKind::Footnote(number), line.number);
            self.push(&line.after_leading_marker());
        } else if let Some(rest) = explanation_heading(&text) {
            self.open(SectionKind::Explanation, line.number);
            self.push_text(line.number, rest);
        } else {
            if self.current.is_none() {
                self.open(SectionKind::Preamble, line.number);
            }
            self.push(line);
        }
    }

    /// A blank line ends a paragraph; it ends a header or a footnote body altogether, since
    /// neither runs on past one.
    fn blank_line(&mut self) {
        let ends_section = matches!(
            self.current.as_ref().map(|s| &s.kind),
            Some(SectionKind::Header | SectionKind::Footnote(_) | SectionKind::Zaak(_))
        );
        if ends_section {
            self.close();
        } else if let Some(section) = &mut self.current {
            section.body.end_paragraph();
        }
    }

    fn open(&mut self, kind: SectionKind, line: usize) {
        self.close();
        self.current = Some(Section {
            kind,
            line,
            body: Body::default(),
        });
    }

    fn close(&mut self) {
        if let Some(mut section) = self.current.take() {
            section.body.end_paragraph();
            self.done.push(section);
        }
    }

    fn push(&mut self, line: &Line) {
        if let Some(section) = &mut self.current {
            section.body.push_line(line);
        }
    }

    fn push_text(&mut self, number: usize, text: &str) {
        let line = Line {
            number,
            pieces: vec![Piece::Text(text.to_owned())],
        };
        self.push(&line);
    }

    fn finish(mut self) -> Vec<Section> {
        self.close();
        self.done
    }
}

fn is_rule(text: &str) -> bool {
    text.len() >= 3 && text.chars().all(|c| c == '-' || c == '_')
}

/// `Vraag 5`, `Vraag 5:`, `Vraag 5.` and what follows on the line.
fn question_heading(text: &str) -> Option<(u32, &str)> {
    let rest = text.strip_prefix("Vraag ")?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let number = rest[..digits].parse().ok()?;
    let after = rest[digits..].trim_start_matches([':', '.']);
    if !after.is_empty() && !after.starts_with(' ') {
        return None;
    }
    Some((number, after.trim_start()))
}

/// `Toelichting:` and what follows on the line.
fn explanation_heading(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("Toelichting")?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim_start())
}

#[cfg(test)]
mod tests {
    use super::super::lines::read_lines;
    use super::*;

    fn kinds(text: &str) -> Vec<SectionKind> {
        split(&read_lines(text))
            .into_iter()
            .map(|s| s.kind)
            .collect()
    }

    #[test]
    fn headings_and_plain_lines_open_questions_alike() {
        let text = "### Vraag 1\n\nEen?\n\nVraag 2\n\nTwee?\n";
        assert_eq!(
            kinds(text),
            vec![SectionKind::Question(1), SectionKind::Question(2)]
        );
    }

    #[test]
    fn a_question_on_the_same_line_as_its_number() {
        let sections = split(&read_lines("Vraag 3 Klopt het?\nEn verder?\n"));
        assert_eq!(sections[0].kind, SectionKind::Question(3));
        assert_eq!(sections[0].body.text(), "Klopt het? En verder?");
    }

    #[test]
    fn footnote_bodies_end_the_question_before_them() {
        let text = "Vraag 4\n\nVier?<sup>1</sup>\n\n<sup>1</sup> <https://example.org/>\n\nVraag 5\n\nVijf?\n";
        let sections = split(&read_lines(text));
        assert_eq!(sections[0].body.text(), "Vier?");
        assert_eq!(sections[0].body.cites, vec![1]);
        assert_eq!(sections[1].kind, SectionKind::Footnote(1));
        assert_eq!(sections[1].body.text(), "https://example.org/");
        assert_eq!(sections[2].kind, SectionKind::Question(5));
    }

    #[test]
    fn words_that_only_look_like_headings_are_text() {
        assert_eq!(question_heading("Vraagt u zich af"), None);
        assert_eq!(question_heading("Vraag 12a"), None);
        assert_eq!(explanation_heading("Toelichtingen"), None);
    }
}
