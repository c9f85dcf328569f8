//! Text → typed document.
//!
//! A source text enters as a string; it leaves as a [`Document`] with the warnings raised while
//! reading it, or as a [`SyntaxError`] that says where and what was expected. Reading goes in
//! four steps: [`normalize`] cleans extraction artefacts (page furniture, split accents,
//! hyphenation), [`lines`] takes markup out of each line and finds footnote markers, [`sections`]
//! splits the lines into the parts the documents name in their own words, and
//! [`DocumentReader`] reads each part.

mod date;
mod followup;
mod footnotes;
mod header;
mod holders;
mod lines;
mod normalize;
mod offices;
mod references;
mod sections;
mod submitters;

use crate::diagnostic::{Position, Warning};
use crate::error::SyntaxError;
use crate::model::{Answer, Document, DocumentKind, Footnote, Question, ZaakNumber};
use header::Header;
use holders::HolderLine;
use normalize::Furniture;
use sections::{Section, SectionKind};
use std::collections::BTreeSet;

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
/// # Ok::<_, kamervragen::error::SyntaxError>(())
/// ```
pub fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(SyntaxError::new(
            Position::line_start(1),
            "the file is empty: expected a Kamervragen document",
        ));
    }
    let cleaned = normalize::clean(text);
    let lines = lines::read_lines(&cleaned.lines);
    let sections = sections::split(&lines);
    DocumentReader::new(cleaned.furniture).read(&sections)
}

/// Gathers the parts of a document as the sections come.
#[derive(Default)]
struct DocumentReader {
    furniture: Furniture,
    zaak: Option<ZaakNumber>,
    header: Option<Header>,
    header_error: Option<SyntaxError>,
    holder_line: Option<(DocumentKind, HolderLine)>,
    notice_seen: bool,
    questions: Vec<(usize, Question)>,
    question_numbers: BTreeSet<u32>,
    answers: Vec<(usize, Answer)>,
    footnotes: Vec<(usize, Footnote)>,
    footnote_numbers: BTreeSet<u32>,
    explanation: Option<String>,
    /// Text outside any recognised part, in order (the DOCX layout's date stands there).
    preamble: String,
    /// Unnumbered paragraphs after the header, for layouts that print no question numbers.
    loose_paragraphs: Vec<(usize, String, Vec<u32>)>,
    notice_text: String,
    /// All text read, for finding references.
    all_text: String,
    warnings: Vec<Warning>,
}

impl DocumentReader {
    fn new(furniture: Furniture) -> Self {
        Self {
            furniture,
            ..Self::default()
        }
    }

    fn read(mut self, sections: &[Section]) -> Result<Parsed, SyntaxError> {
        for section in sections {
            self.read_section(section);
        }
        self.check_ending(sections);
        self.finish()
    }

    fn read_section(&mut self, section: &Section) {
        let at = Position::line_start(section.line);
        let text = section.body.text();
        self.all_text.push_str(&text);
        self.all_text.push(' ');
        match &section.kind {
            SectionKind::Preamble => self.read_preamble(section, text),
            SectionKind::Zaak(zaak) => self.read_zaak(zaak, at),
            SectionKind::Header => match header::parse_header(&text, at) {
                Ok(header) => self.header = Some(header),
                Err(error) => self.header_error = Some(error),
            },
            SectionKind::AnswerHeader => self.read_holder_line(DocumentKind::Answer, &text),
            SectionKind::NoticeHeader => {
                self.notice_seen = true;
                self.read_holder_line(DocumentKind::Notice, &text);
            }
            SectionKind::NoticeBody => {
                self.notice_seen = true;
                self.notice_text.push_str(&text);
                self.notice_text.push(' ');
            }
            SectionKind::Question(numbers) => self.read_question(numbers, section),
            SectionKind::Answer(numbers) => self.read_answer(numbers, section),
            SectionKind::Footnote(number) => self.read_footnote(*number, section),
            SectionKind::Explanation => self.explanation = Some(text),
        }
    }

    fn read_preamble(&mut self, section: &Section, text: String) {
        if self.header.is_some() {
            for paragraph in text.split("\n\n") {
                self.loose_paragraphs.push((
                    section.line,
                    paragraph.to_owned(),
                    section.body.cites.clone(),
                ));
            }
        }
        self.preamble.push_str(&text);
        self.preamble.push(' ');
    }

    fn read_zaak(&mut self, zaak: &ZaakNumber, at: Position) {
        match &self.zaak {
            None => self.zaak = Some(zaak.clone()),
            Some(first) if first == zaak => {}
            Some(first) => self.warn(
                at,
                format!("second Zaak number {zaak} ignored; the document is {first}"),
            ),
        }
    }

    fn read_holder_line(&mut self, kind: DocumentKind, text: &str) {
        let opening = if kind == DocumentKind::Answer {
            "Antwoord van "
        } else {
            "Mededeling van "
        };
        let line = holders::parse_holder_line(text.strip_prefix(opening).unwrap_or(text));
        if self.holder_line.is_none() {
            self.holder_line = Some((kind, line));
        }
    }

    fn read_question(&mut self, numbers: &[u32], section: &Section) {
        let at = Position::line_start(section.line);
        let text = section.body.text();
        for &number in numbers {
            if !self.question_numbers.insert(number) {
                self.warn(
                    at,
                    format!("question {number} appears twice; both texts are kept"),
                );
            }
            if text.is_empty() && numbers.len() == 1 {
                self.warn(
                    at,
                    format!("expected the text of question {number} after `Vraag {number}`"),
                );
            }
            let question = Question {
                number,
                text: text.clone(),
                cites: section.body.cites.clone(),
            };
            self.questions.push((section.line, question));
        }
    }

    fn read_answer(&mut self, numbers: &[u32], section: &Section) {
        let text = section.body.text();
        let see_answers = see_answers(&text);
        for &number in numbers {
            let answer = Answer {
                number,
                text: text.clone(),
                cites: section.body.cites.clone(),
                see_answers: see_answers.clone(),
            };
            self.answers.push((section.line, answer));
        }
    }

    fn read_footnote(&mut self, number: u32, section: &Section) {
        self.read_footnote_text(section.line, number, section.body.text());
    }

    fn read_footnote_text(&mut self, line: usize, number: u32, text: String) {
        let at = Position::line_start(line);
        if !self.footnote_numbers.insert(number) {
            self.warn(
                at,
                format!("footnote {number} appears twice; the first is kept"),
            );
            return;
        }
        let url = match find_url(&text) {
            Some(url) if is_valid_iri(&url) => Some(url),
            Some(url) => {
                self.warn(
                    at,
                    format!(
                        "footnote {number}: `{url}` is not a valid IRI; kept as footnote text only"
                    ),
                );
                None
            }
            None => None,
        };
        self.footnotes.push((line, Footnote { number, text, url }));
    }

    fn finish(mut self) -> Result<Parsed, SyntaxError> {
        let kind = self.kind()?;
        let header = self.settle_header(kind)?;
        let mut document = Document::new(kind);
        document.zaak = self.own_zaak(kind);
        document.aanhangsel = self.own_aanhangsel();
        if let Some(header) = header {
            document.submitters = header.submitters;
            document.addressees = header.addressees;
            document.subject = Some(header.subject);
            document.submitted = header.submitted;
        }
        if document.submitted.is_none() && self.preamble.contains("(ingezonden") {
            document.submitted =
                date::find_date(&self.preamble[self.preamble.find("(ingezonden").unwrap_or(0)..]);
        }
        if let Some((_, line)) = self.holder_line.take() {
            document.answerers = line.holders;
            document.on_behalf_of = line.on_behalf_of;
            document.received = line.received;
            if kind == DocumentKind::Answer {
                // The reference may wrap past the answer line, so the whole text is searched.
                document.earlier_notice = line.see_also.or_else(|| self.see_also());
            }
        }
        self.number_loose_questions(kind);
        self.check_citations();
        document.follow_ups = self.follow_ups(document.zaak.as_ref());
        document.references =
            references::find_references(&self.all_text, document.aanhangsel.as_deref());
        let mut footnotes: Vec<Footnote> = self.footnotes.into_iter().map(|(_, f)| f).collect();
        footnotes.sort_by_key(|f| f.number);
        document.footnotes = footnotes;
        document.questions = self.questions.into_iter().map(|(_, q)| q).collect();
        document.answers = self.answers.into_iter().map(|(_, a)| a).collect();
        document.explanation = self.explanation;
        Ok(Parsed {
            document,
            warnings: self.warnings,
        })
    }

    fn kind(&self) -> Result<DocumentKind, SyntaxError> {
        match (&self.holder_line, self.notice_seen) {
            (Some((DocumentKind::Answer, _)), _) => Ok(DocumentKind::Answer),
            (Some(_), _) | (None, true) => Ok(DocumentKind::Notice),
            (None, false) if self.header.is_some() || self.header_error.is_some() => {
                Ok(DocumentKind::Questions)
            }
            (None, false) if self.has_questions_without_header() => Ok(DocumentKind::Questions),
            (None, false) => Err(SyntaxError::new(
                Position::line_start(1),
                "expected a header opening with `Vragen van`, an answer (`Antwoord van …`) or a notice (`Mededeling van …`)",
            )),
        }
    }

    /// Text with questions but no header, as extracted from KOOP's XML: read, with a warning.
    fn has_questions_without_header(&self) -> bool {
        !self.questions.is_empty()
            || self
                .preamble
                .split("\n\n")
                .any(|p| p.trim_end().ends_with('?') || p.contains("? "))
    }

    /// The questions' header: required for a set of questions, optional for an answer or notice
    /// (a notice's prose may describe the questions instead).
    fn settle_header(&mut self, kind: DocumentKind) -> Result<Option<Header>, SyntaxError> {
        if let Some(header) = self.header.take() {
            return Ok(Some(header));
        }
        if let Some(error) = self.header_error.take() {
            if kind == DocumentKind::Questions {
                return Err(error);
            }
            self.warn(
                error.position,
                format!("the questions' header could not be read: {}", error.message),
            );
        }
        if kind == DocumentKind::Notice {
            return Ok(header::header_in_notice(&self.notice_text));
        }
        if kind == DocumentKind::Questions {
            // Only a header-less text with questions gets here (see `kind`).
            self.warn(
                Position::line_start(1),
                "no header (`Vragen van …`): members, offices, subject and date are unknown"
                    .to_owned(),
            );
            for paragraph in self.preamble.clone().split("\n\n") {
                self.loose_paragraphs
                    .push((1, paragraph.to_owned(), Vec::new()));
            }
        }
        Ok(None)
    }

    /// The Zaak number on a line of its own, in a `kv-tk-…` footer, or in a notice's prose.
    fn own_zaak(&self, kind: DocumentKind) -> Option<ZaakNumber> {
        self.zaak
            .clone()
            .or_else(|| {
                self.furniture
                    .kv_zaak
                    .as_deref()
                    .and_then(ZaakNumber::parse)
            })
            .or_else(|| {
                (kind == DocumentKind::Notice)
                    .then(|| ZaakNumber::find_all(&self.notice_text).into_iter().next())
                    .flatten()
            })
    }

    /// From the footer (`ah-tk-20232024-2129`), or the header's year and number.
    fn own_aanhangsel(&self) -> Option<String> {
        self.furniture.aanhangsel_id.clone().or_else(|| {
            let year = self.furniture.vergaderjaar.as_ref()?;
            let number = self.furniture.aanhangsel_number?;
            Some(format!("ah-tk-{year}-{number}"))
        })
    }

    /// Where a set's questions carry no numbers at all (DOCX text, KOOP's XML), each paragraph
    /// with a question mark after the header is a question, numbered in order.
    fn number_loose_questions(&mut self, kind: DocumentKind) {
        if kind != DocumentKind::Questions || !self.questions.is_empty() {
            return;
        }
        let loose = std::mem::take(&mut self.loose_paragraphs);
        let mut number = 0;
        for (line, text, mut cites) in loose {
            if !text.contains('?') {
                continue;
            }
            let (text, note) = split_inline_note(&text);
            if let Some((note_number, note_text)) = note {
                cites.push(note_number);
                self.read_footnote_text(line, note_number, note_text);
            }
            number += 1;
            self.questions.push((
                line,
                Question {
                    number,
                    text,
                    cites,
                },
            ));
        }
    }

    /// The Aanhangsel document after `Zie ook`: in an answer, its earlier notice.
    fn see_also(&self) -> Option<String> {
        let at = self.all_text.find("Zie ook Aanhangsel")?;
        references::find_references(&self.all_text[at..], None)
            .into_iter()
            .next()
            .map(|reference| reference.id().to_owned())
    }

    /// Every marker should have a footnote body and every body a marker.
    fn check_citations(&mut self) {
        let footnotes: BTreeSet<u32> = self.footnotes.iter().map(|(_, f)| f.number).collect();
        let cited: BTreeSet<u32> = self
            .questions
            .iter()
            .flat_map(|(_, q)| q.cites.iter())
            .chain(self.answers.iter().flat_map(|(_, a)| a.cites.iter()))
            .copied()
            .collect();
        let mut problems = Vec::new();
        for (line, question) in &self.questions {
            for number in question.cites.iter().filter(|n| !footnotes.contains(n)) {
                let message = format!(
                    "question {} cites footnote {number}, which has no text",
                    question.number
                );
                problems.push((*line, message));
            }
        }
        for (line, footnote) in self
            .footnotes
            .iter()
            .filter(|(_, f)| !cited.contains(&f.number))
        {
            let message = format!(
                "footnote {}: no marker citing it was found in the questions or answers",
                footnote.number
            );
            problems.push((*line, message));
        }
        for (line, message) in problems {
            self.warn(Position::line_start(line), message);
        }
    }

    /// A text that stops in the middle of a sentence was probably cut off.
    fn check_ending(&mut self, sections: &[Section]) {
        let last = sections
            .iter()
            .rev()
            .find(|s| matches!(s.kind, SectionKind::Question(_) | SectionKind::Answer(_)));
        if let Some(section) = last {
            let text = section.body.text();
            let ends_a_sentence = text
                .trim_end()
                .ends_with(['.', '?', '!', '»', '”', '"', ')', ':', ';']);
            if !text.is_empty() && !ends_a_sentence {
                let message = "the last question or answer stops in the middle of a sentence: the document may be cut off".to_owned();
                self.warn(Position::line_start(section.last_line), message);
            }
        }
    }

    fn follow_ups(&self, own: Option<&ZaakNumber>) -> Vec<crate::model::FollowUp> {
        let note = self.explanation.as_deref().unwrap_or_default();
        followup::find_follow_ups(note, own)
    }

    fn warn(&mut self, position: Position, message: String) {
        self.warnings.push(Warning { position, message });
    }
}

/// KOOP's XML keeps a question's footnote in its text: `… regulier? 1 Zie https://…`. The
/// question's text and the note, where the paragraph ends in one.
fn split_inline_note(text: &str) -> (String, Option<(u32, String)>) {
    static INLINE_NOTE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"([?.!»”])\s+(\d{1,2})\s+((?:Zie |Aanhangsel |Kamerstuk|https?://|www\.)\S.*)$",
        )
        .expect("valid pattern")
    });
    match INLINE_NOTE.captures(text) {
        Some(captures) => {
            let cut = captures.get(1).map_or(text.len(), |m| m.end());
            let number = captures[2].parse().unwrap_or(0);
            (
                text[..cut].to_owned(),
                Some((number, captures[3].to_owned())),
            )
        }
        None => (text.to_owned(), None),
    }
}

/// `Zie antwoord vraag 2`, `Zie het antwoord op vraag 7`, `Zie de antwoorden op de vragen 2, 6
/// en 8`: the questions whose answers this answer points to.
fn see_answers(text: &str) -> Vec<u32> {
    static SEE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\bzie (?:het |de )?antwoord(?:en)? (?:op |bij )?(?:de )?vra(?:ag|gen) (\d{1,3}(?:(?:, ?| en | t/m )\d{1,3})*)")
            .expect("valid pattern")
    });
    SEE.captures_iter(text)
        .filter_map(|captures| sections::number_list(&captures[1]))
        .flatten()
        .collect()
}

/// The first URL in a footnote (`https://…`, `http://…` or `www.…`), joined again where the
/// extraction broke it over lines, without surrounding punctuation.
fn find_url(text: &str) -> Option<String> {
    static BARE_DOMAIN_PATH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:nl|com|org|net|eu|be|de|int|gov|info|io)/",
        )
        .expect("valid pattern")
    });
    let start = ["https://", "http://", "www."]
        .iter()
        .filter_map(|prefix| text.find(prefix))
        .min()
        .or_else(|| BARE_DOMAIN_PATH.find(text).map(|m| m.start()))?;
    let rest = &text[start..];
    let mut url = String::new();
    let mut parts = rest.split(' ').peekable();
    while let Some(part) = parts.next() {
        url.push_str(part);
        let continues = parts.peek().is_some_and(|next| url_continues(&url, next));
        if !continues {
            break;
        }
    }
    let url = url.trim_end_matches(['.', ',', ';', ')', '>', '»', ']']);
    let url = url.trim_start_matches(['<', '(']);
    (url.len() > "www.".len()).then(|| url.to_owned())
}

/// Whether a URL broken at a line end goes on with `next`: it ended on a character a URL
/// cannot end with, or `next` looks like the rest of a path.
fn url_continues(url: &str, next: &str) -> bool {
    if next.is_empty() || next.starts_with(|c: char| c.is_uppercase()) || next.starts_with('(') {
        return false;
    }
    if next.starts_with('%') {
        return true;
    }
    let open_end = url.ends_with(['-', '/', '_', '=', '?', '&', '#', '%', '.']);
    let looks_like_path = next.contains(['/', '-', '_', '=', '.'])
        && !next.ends_with(':')
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    !url.ends_with(')') && (open_end || url.contains("://") && looks_like_path)
}

/// Checked as the IRI that will be written: `www.…` gets `https://` first.
fn is_valid_iri(url: &str) -> bool {
    let iri = if url.contains("://") {
        url.to_owned()
    } else {
        format!("https://{url}")
    };
    oxigraph::model::NamedNode::new(iri).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_url_stays_text_with_a_warning() {
        let text = "## 2020Z00001\n\nVragen van het lid A (B) aan de Minister van C over D (ingezonden 1 mei 2020).\n\nVraag 1\n\nE?<sup>1</sup>\n\n<sup>1</sup> https://example.org/{bad}\n";
        let parsed = parse(text).unwrap();
        let footnote = &parsed.document.footnotes[0];
        assert_eq!(footnote.url, None);
        assert_eq!(footnote.text, "https://example.org/{bad}");
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].position, Position::line_start(9));
    }

    #[test]
    fn an_empty_text_says_so() {
        let error = parse(" \n\n").unwrap_err();
        assert!(error.message.contains("empty"), "{error}");
    }

    #[test]
    fn a_text_cut_off_mid_sentence_is_warned_about() {
        let text = "2020Z00001\n\nVragen van het lid A (B) aan de Minister van C over D (ingezonden 1 mei 2020).\n\nVraag 1\n\nKlopt het dat de\n";
        let parsed = parse(text).unwrap();
        assert!(
            parsed
                .warnings
                .iter()
                .any(|w| w.message.contains("cut off")),
            "{:?}",
            parsed.warnings
        );
    }

    #[test]
    fn a_very_long_repetitive_text_is_read_in_linear_time() {
        let seed = include_str!("../../seeds/2019Z15244.md");
        let text = seed.repeat(2000);
        // Checks of repeated numbers were quadratic and took minutes on this text.
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.document.questions.len(), 20_000);
    }

    #[test]
    fn a_text_without_header_is_an_error_at_line_one() {
        let error = parse("Zomaar wat tekst.\n").unwrap_err();
        assert_eq!(error.position, Position::line_start(1));
        assert!(error.message.contains("Vragen van"));
    }

    #[test]
    fn urls_broken_over_lines_are_joined() {
        assert_eq!(
            find_url("Relief Web, «Joint» (https://reliefweb.int/report/yemen/joint-statement-190- yemen-humanitarian-enar)").as_deref(),
            Some("https://reliefweb.int/report/yemen/joint-statement-190-yemen-humanitarian-enar")
        );
        assert_eq!(
            find_url("Zie https://www.example.org/a/b. Verder").as_deref(),
            Some("https://www.example.org/a/b")
        );
        assert_eq!(
            find_url("Zie www.internetconsultatie.nl/huisvesting_ evacuees/b1").as_deref(),
            Some("www.internetconsultatie.nl/huisvesting_evacuees/b1")
        );
    }

    #[test]
    fn see_answer_pointers() {
        assert_eq!(see_answers("Zie het antwoord op vraag 7."), [7]);
        assert_eq!(
            see_answers("Zie de antwoorden op de vragen 2, 6 en 8."),
            [2, 6, 8]
        );
        assert_eq!(see_answers("Zie antwoord vraag 2"), [2]);
    }
}

/// The seed document, read field by field. The expected values were written from the document
/// itself, not from the parser's output.
#[cfg(test)]
mod seed_tests {
    use super::*;
    use crate::model::{Preposition, Submitter};
    use chrono::NaiveDate;

    const SEED: &str = include_str!("../../seeds/2019Z15244.md");

    fn seed() -> Parsed {
        parse(SEED).expect("the seed parses")
    }

    fn member(name: &str, party: &str) -> Submitter {
        Submitter {
            name: name.into(),
            party: Some(party.into()),
        }
    }

    #[test]
    fn header_facts() {
        let document = seed().document;
        assert_eq!(document.kind, DocumentKind::Questions);
        assert_eq!(
            document.zaak.as_ref().map(ZaakNumber::as_str),
            Some("2019Z15244")
        );
        assert_eq!(document.submitters, vec![member("Sjoerdsma", "D66")]);
        assert_eq!(document.addressees.len(), 1);
        let office = &document.addressees[0];
        assert_eq!(office.title, "Minister");
        assert_eq!(office.preposition, Some(Preposition::Voor));
        assert_eq!(
            office.label(),
            "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"
        );
        assert_eq!(
            document.subject.as_deref(),
            Some("het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse software die emoties leest»")
        );
        assert_eq!(document.submitted, NaiveDate::from_ymd_opt(2019, 7, 18));
    }

    #[test]
    fn ten_questions_with_their_full_text() {
        let document = seed().document;
        let numbers: Vec<u32> = document.questions.iter().map(|q| q.number).collect();
        assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
        let text = |n: usize| document.questions[n - 1].text.as_str();
        assert_eq!(
            text(1),
            "Bent u bekend met het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse software die emoties leest»?"
        );
        assert_eq!(
            text(2),
            "Klopt het dat twee Nederlandse technologiebedrijven emotieherkenningssoftware hebben geleverd aan de Chinese staat? Klopt het dat deze bedrijven deze software hebben geleverd aan het Chinese Ministerie van Openbare Veiligheid en aan de Chinese politieacademie? Kunt u toelichten vanaf wanneer deze bedrijven aan de Chinese staat emotieherkenningssoftware leveren?"
        );
        assert_eq!(
            text(4),
            "Bent u bekend met de plannen van de Chinese staat om in 2020 alle naar schatting 200 miljoen openbare beveiligingscamera's te integreren tot één groot videosurveillancesysteem, dat gekoppeld wordt aan gezichtsherkenningsoftware en een database met persoonlijke gegevens over alle 1,4 miljard Chinezen? Wat is uw mening over deze plannen?"
        );
        assert_eq!(
            text(5),
            "Bent u op de hoogte van de berichtgeving van mensenrechtenorganisaties die waarschuwen dat China surveillance-technologie inzet tegen iedereen die uit de pas loopt, zoals activisten, dissidenten en minderheden (één miljoen Oeigoeren)?"
        );
        assert_eq!(
            text(6),
            "Bent u het eens dat het onwenselijk is wanneer door Nederlandse bedrijven ontwikkelde en verkochte software wordt ingezet om bevolkingsgroepen te onderdrukken en mensenrechten te schenden?"
        );
        assert_eq!(
            text(10),
            "Bent u het eens dat Nederlandse cybersurveillance technologie aan exportcontrole zou moeten worden onderworpen, en dat een mensenrechtentoets hier onderdeel van uit zou moeten maken? Bent u het eens dat dergelijke exportcontrole op Europees niveau zou moeten gelden?"
        );
        for question in &document.questions {
            assert!(
                !question.text.contains("sup>"),
                "marker left in {}",
                question.number
            );
            assert!(
                !question.text.contains('#'),
                "heading left in {}",
                question.number
            );
            assert!(!question.text.starts_with("Vraag"), "{}", question.number);
        }
    }

    #[test]
    fn three_footnotes_cited_by_questions_one_and_five() {
        let document = seed().document;
        let footnotes: Vec<(u32, Option<&str>)> = document
            .footnotes
            .iter()
            .map(|f| (f.number, f.url.as_deref()))
            .collect();
        assert_eq!(
            footnotes,
            vec![
                (1, Some("https://decorrespondent.nl/10307/berucht-chinees-veiligheidsministerie-gebruikt-nederlandse-software-die-emoties-leest/317002092-cae75d58")),
                (2, Some("https://www.hrw.org/news/2017/11/19/china-police-big-data-systems-violate-privacy-target-dissent")),
                (3, Some("https://www.nytimes.com/2019/04/14/technology/china-surveillance-artificial-intelligence-racial-profiling.html")),
            ]
        );
        let cites: Vec<(u32, Vec<u32>)> = document
            .questions
            .iter()
            .filter(|q| !q.cites.is_empty())
            .map(|q| (q.number, q.cites.clone()))
            .collect();
        assert_eq!(cites, vec![(1, vec![1]), (5, vec![2, 3])]);
    }

    #[test]
    fn the_follow_up_and_its_earlier_set() {
        let document = seed().document;
        assert_eq!(document.follow_ups.len(), 1);
        let earlier = &document.follow_ups[0];
        assert_eq!(earlier.zaak.as_str(), "2019Z15131");
        assert_eq!(
            earlier.submitters,
            vec![
                member("Van Ojik", "GroenLinks"),
                member("Diks", "GroenLinks")
            ]
        );
        assert_eq!(earlier.submitted, NaiveDate::from_ymd_opt(2019, 7, 18));
        assert!(document
            .explanation
            .as_deref()
            .is_some_and(|note| note.starts_with("Deze vragen dienen ter aanvulling")));
    }

    #[test]
    fn the_seed_raises_no_warnings() {
        assert_eq!(seed().warnings, vec![]);
    }
}
