//! Reading the sections of one document into a [`Document`], with the warnings raised on the
//! way. Sections enter in document order; the document leaves once all are read, or a
//! [`SyntaxError`] when the text is no Kamervragen document at all.

use super::header::{self, Header};
use super::holders::{self, HolderLine};
use super::normalize::Furniture;
use super::sections::{Section, SectionKind, ANSWERS_OPENING, ORAL_OPENING};
use super::text::{find_url, is_valid_iri, see_answers, split_inline_note};
use super::{bytes, date, followup, publications, Parsed};
use crate::model::{Answer, Document, DocumentKind, Footnote, NoteRef, Question, ZaakNumber};
use crate::parse::SyntaxError;
use crate::source::diagnostic::{Position, Warning};
use std::collections::BTreeSet;

/// Gathers the parts of a document as the sections come.
#[derive(Default)]
pub(super) struct DocumentReader {
    furniture: Furniture,
    zaak: Option<ZaakNumber>,
    header: Option<Header>,
    header_error: Option<SyntaxError>,
    /// The header opened `Mondelinge vragen van`.
    oral: bool,
    /// The text of a header the grammar could not read, for what can be salvaged of it.
    header_text: String,
    holder_line: Option<(DocumentKind, HolderLine)>,
    /// An answer letter's annex heading: the offices answering, before `op … vragen van`.
    answering_offices: Option<String>,
    notice_seen: bool,
    questions: Vec<(usize, Question)>,
    question_numbers: BTreeSet<u32>,
    answers: Vec<(usize, Answer)>,
    /// Where the second paragraph of each question of several starts.
    second_paragraphs: Vec<(u32, usize)>,
    footnotes: Vec<(usize, Footnote)>,
    footnote_numbers: BTreeSet<NoteRef>,
    explanation: Option<String>,
    /// Text outside any recognised part, in order (the DOCX layout's date stands there).
    preamble: String,
    /// Unnumbered paragraphs after the header, for layouts that print no question numbers.
    loose_paragraphs: Vec<(usize, String, Vec<NoteRef>)>,
    notice_text: String,
    /// All text read, for finding references.
    all_text: String,
    warnings: Vec<Warning>,
}

impl DocumentReader {
    pub(super) fn new(furniture: Furniture) -> Self {
        Self {
            furniture,
            ..Self::default()
        }
    }

    pub(super) fn read(mut self, sections: &[Section]) -> Result<Parsed, SyntaxError> {
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
                _ if self.header.is_some() => {}
                Ok(header) => {
                    self.oral = text.starts_with(ORAL_OPENING);
                    self.header = Some(header);
                }
                Err(error) => {
                    self.oral = text.starts_with(ORAL_OPENING);
                    self.header_error = Some(error);
                    self.header_text.clone_from(&text);
                }
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
            SectionKind::Question(numbers) => self.read_question(numbers, section, text),
            SectionKind::Answer(numbers) => self.read_answer(numbers, section, text),
            SectionKind::Footnote(number) => self.read_footnote_text(section.line, *number, text),
            SectionKind::Explanation => self.explanation = Some(text),
        }
    }

    fn read_preamble(&mut self, section: &Section, text: String) {
        if self.header.is_some() || self.header_error.is_some() {
            for (paragraph, cites) in section.body.paragraphs() {
                // The answer line's `Zie ook Aanhangsel …` on its own: read from the whole text.
                if paragraph.starts_with("Zie ook ") {
                    continue;
                }
                self.loose_paragraphs.push((section.line, paragraph, cites));
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
        if let Some(rest) = text.strip_prefix(ANSWERS_OPENING) {
            return self.read_answers_heading(rest);
        }
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

    /// `Antwoorden van <offices> op de vragen van <members> over <subject>`: an answer whose
    /// holders are named by the letter's signature (see [`Self::finish`]).
    fn read_answers_heading(&mut self, text: &str) {
        if self.holder_line.is_some() {
            return;
        }
        let answering = match header::answered_questions(text) {
            Some((answering, mut header)) => {
                // The annex heading often leaves out the offices the questions were put to;
                // the cover letter's sentence (`de vragen van … aan … over …`) names them.
                if header.addressees.is_empty() {
                    header.addressees = header::addressees_named(&self.preamble);
                }
                self.header.get_or_insert(header);
                answering
            }
            None => text.split(" op ").next().unwrap_or(text).to_owned(),
        };
        self.answering_offices = Some(answering);
        self.holder_line = Some((DocumentKind::Answer, HolderLine::default()));
    }

    fn read_question(&mut self, numbers: &[u32], section: &Section, text: String) {
        let at = Position::line_start(section.line);
        if let Some(&second) = section.body.paragraph_lines().get(1) {
            let paragraphs = numbers.iter().map(|&number| (number, second));
            self.second_paragraphs.extend(paragraphs);
        }
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

    fn read_answer(&mut self, numbers: &[u32], section: &Section, text: String) {
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

    fn read_footnote_text(&mut self, line: usize, note: NoteRef, text: String) {
        let at = Position::line_start(line);
        let number = note.number;
        if !self.footnote_numbers.insert(note) {
            self.warn(
                at,
                format!("footnote {number} appears twice; the first is kept"),
            );
            return;
        }
        let url = match find_url(&text) {
            Some(url) if is_valid_iri(&url) && !url.contains("://") => {
                self.warn(
                    at,
                    format!(
                        "footnote {number}: an address without a scheme, cited as https://{url}"
                    ),
                );
                Some(url)
            }
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
        let series = note.series;
        self.footnotes.push((
            line,
            Footnote {
                number,
                series,
                text,
                url,
            },
        ));
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
            document.subject = Some(header.subject).filter(|s| !s.is_empty());
            document.submitted = header.submitted;
        }
        if document.submitted.is_none() {
            if let Some(at) = header::find_submitted(&self.preamble) {
                document.submitted = date::find_date(&self.preamble[at..]);
            }
        }
        if let Some(answering) = self.answering_offices.take() {
            let paragraphs: Vec<&str> = self.preamble.split("\n\n").collect();
            let signatures = holders::signatures(&paragraphs);
            self.holder_line = Some((
                DocumentKind::Answer,
                holders::answering_offices(&answering, &signatures),
            ));
        }
        if let Some((_, line)) = self.holder_line.take() {
            document.answerers = line.holders;
            document.on_behalf_of = line.on_behalf_of;
            document.received = line.received;
            // `AH 613` (DOCX text) prints no year: the date received gives it.
            if document.aanhangsel.is_none() {
                document.aanhangsel = self.furniture.aanhangsel_number.zip(document.received).map(
                    |(number, received)| format!("ah-tk-{}-{number}", date::vergaderjaar(received)),
                );
            }
            if kind == DocumentKind::Answer {
                // The reference may wrap past the answer line, so the whole text is searched.
                document.earlier_notice = line.see_also.or_else(|| self.see_also());
            }
        }
        self.number_loose_questions(kind);
        self.warn_of_unread_paragraphs();
        self.check_citations();
        self.check_unanswered();
        document.follow_ups = self.follow_ups(document.zaak.as_ref());
        document.publications =
            publications::find_publications(&self.all_text, document.aanhangsel.as_deref());
        document.footnotes = self.footnotes_in_order();
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
            (None, false) if self.oral => Ok(DocumentKind::Oral),
            (None, false) if self.header.is_some() => Ok(DocumentKind::Questions),
            // A header the grammar could not read, or none (as in text extracted from KOOP's
            // XML), is no reason to lose the questions.
            (None, false) if self.holds_questions() => Ok(DocumentKind::Questions),
            (None, false) if self.header_error.is_some() => {
                Err(self.header_error.clone().expect("checked"))
            }
            (None, false) => Err(SyntaxError::new(
                Position::line_start(1),
                "expected a header opening with `Vragen van`, an answer (`Antwoord van …`) or a notice (`Mededeling van …`)",
            )),
        }
    }

    /// Whether any question was read, numbered or not (a paragraph that asks something): a
    /// text with questions is read, with a warning, whatever its header.
    fn holds_questions(&self) -> bool {
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
            self.warn(
                error.position,
                format!(
                    "the questions' header could not be read whole: {}; what it says is left unknown",
                    error.message
                ),
            );
            if matches!(kind, DocumentKind::Questions | DocumentKind::Oral) {
                return Ok(header::salvage(&self.header_text));
            }
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
            .or_else(|| {
                (kind == DocumentKind::Answer)
                    .then(|| holders::letter_zaak(&self.preamble))
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
                let note = NoteRef::first(note_number);
                cites.push(note);
                self.read_footnote_text(line, note, note_text);
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

    /// Paragraphs after the header that no question, answer or note took: nothing is left out
    /// without a word.
    fn warn_of_unread_paragraphs(&mut self) {
        let Some(&(line, _, _)) = self.loose_paragraphs.first() else {
            return;
        };
        let count = self.loose_paragraphs.len();
        self.warn(
            Position::line_start(line),
            format!(
                "{count} paragraph(s) from here are part of no question, answer or note, and left out (expected `Vraag n`, `Antwoord n` or a number before a question or answer)"
            ),
        );
    }

    /// The Aanhangsel document after `Zie ook`: in an answer, its earlier notice.
    fn see_also(&self) -> Option<String> {
        let at = bytes::find(&self.all_text, "Zie ook Aanhangsel")?;
        publications::find_publications(&self.all_text[at..], None)
            .into_iter()
            .next()
            .map(|reference| reference.id().to_owned())
    }

    /// The notes by number; where there are two series, in the order their markers first
    /// stand in the questions and answers (as a reader meets them), uncited notes after them.
    fn footnotes_in_order(&self) -> Vec<Footnote> {
        let mut notes: Vec<Footnote> = self.footnotes.iter().map(|(_, f)| f.clone()).collect();
        if notes.iter().all(|note| note.series == 0) {
            notes.sort_by_key(|note| note.number);
            return notes;
        }
        let mut passages: Vec<(usize, &[NoteRef])> = self
            .questions
            .iter()
            .map(|(line, q)| (*line, q.cites.as_slice()))
            .chain(
                self.answers
                    .iter()
                    .map(|(line, a)| (*line, a.cites.as_slice())),
            )
            .collect();
        passages.sort_by_key(|(line, _)| *line);
        let cited: Vec<NoteRef> = passages.into_iter().flat_map(|(_, c)| c).copied().collect();
        notes.sort_by_key(|note| {
            let first_cited = cited.iter().position(|c| *c == note.key());
            (first_cited.unwrap_or(usize::MAX), note.series, note.number)
        });
        notes
    }

    /// Every marker should have a footnote body and every body a marker.
    fn check_citations(&mut self) {
        let footnotes: BTreeSet<NoteRef> = self.footnotes.iter().map(|(_, f)| f.key()).collect();
        let cited: BTreeSet<NoteRef> = self
            .questions
            .iter()
            .flat_map(|(_, q)| q.cites.iter())
            .chain(self.answers.iter().flat_map(|(_, a)| a.cites.iter()))
            .copied()
            .collect();
        let mut problems = Vec::new();
        for (line, question) in &self.questions {
            for note in question.cites.iter().filter(|n| !footnotes.contains(n)) {
                let message = format!(
                    "question {} cites footnote {}, which has no text",
                    question.number, note.number
                );
                problems.push((*line, message));
            }
        }
        for (line, footnote) in self
            .footnotes
            .iter()
            .filter(|(_, f)| !cited.contains(&f.key()))
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

    /// In an answer, a question of several paragraphs that no answer follows may hold its
    /// answer, printed under it without a heading and not told apart from it (see
    /// `sections::split_off_unheaded_answers`): said, so that a reader can look.
    fn check_unanswered(&mut self) {
        if self.answers.is_empty() {
            return;
        }
        let answered: BTreeSet<u32> = self.answers.iter().map(|(_, a)| a.number).collect();
        let suspects: Vec<(u32, usize)> = self
            .second_paragraphs
            .iter()
            .filter(|(number, _)| !answered.contains(number))
            .copied()
            .collect();
        for (number, line) in suspects {
            let message = format!(
                "question {number}: no answer follows it, and its text goes on in a second paragraph here: an answer printed without a heading may be read as part of the question"
            );
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

#[cfg(test)]
mod tests {
    use crate::model::NoteRef;
    use crate::parse::parse;
    use crate::source::diagnostic::Position;

    /// Each answer's number and text, in order.
    fn numbered_answers(document: &crate::model::Document) -> Vec<(u32, &str)> {
        document
            .answers
            .iter()
            .map(|a| (a.number, a.text.as_str()))
            .collect()
    }

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

    /// The annex of a ministry's Word letter, as `source::docx` writes it: the questions' own
    /// notes typed by hand (`1)`, `[2]`) and listed after the last answer by Word's numbering
    /// (`1.`), the letter's own Word footnote (`<sup>1</sup>`) numbered from 1 again, and an
    /// answer printed without a heading.
    const WORD_ANNEX: &str = "Antwoorden van de Minister van Justitie en Veiligheid op de vragen van het lid Jansen (SP) over honden.

Vraag 1

Kent u het bericht “Honden (nos.nl)”1)?

Antwoord op vraag 1

Ja.<sup>1</sup>

Vraag 2

Klopt het dat honden bijten? [2]

Dat klopt niet.

Vraag 3

Wat vindt u ervan?

Zo? Dat weet ik niet.

1. NOS, 6 maart 2024, www.nos.nl/artikel/1

2. nos.nl/artikel/2

<sup>1</sup> Kamerstuk 33047, nr. 25.
";

    #[test]
    fn a_word_letter_prints_two_series_of_notes_each_from_one() {
        let document = parse(WORD_ANNEX).unwrap().document;
        let notes: Vec<(u32, u32, &str)> = document
            .footnotes
            .iter()
            .map(|f| (f.series, f.number, f.text.as_str()))
            .collect();
        // In the order their markers first stand: question 1, answer 1, question 2.
        assert_eq!(
            notes,
            [
                (0, 1, "NOS, 6 maart 2024, www.nos.nl/artikel/1"),
                (1, 1, "Kamerstuk 33047, nr. 25."),
                (0, 2, "nos.nl/artikel/2"),
            ]
        );
        let typed = |number| NoteRef { series: 0, number };
        let question = &document.questions[0];
        assert_eq!(question.text, "Kent u het bericht “Honden (nos.nl)”?");
        assert_eq!(question.cites, [typed(1)]);
        assert_eq!(document.questions[1].cites, [typed(2)]);
        let word_note = NoteRef {
            series: 1,
            number: 1,
        };
        assert_eq!(document.answers[0].cites, [word_note]);
        // The second series is named after the first: its note 1 is the document's third.
        assert_eq!(document.footnote_place(word_note), 3);
        assert_eq!(document.footnote_place(typed(2)), 2);
    }

    #[test]
    fn an_answer_without_a_heading_is_read_where_it_asks_nothing_and_warned_about_where_it_may() {
        let parsed = parse(WORD_ANNEX).unwrap();
        let answers = numbered_answers(&parsed.document);
        assert_eq!(answers, [(1, "Ja."), (2, "Dat klopt niet.")]);
        // Question 3's second paragraph asks something too: it stays the question's, said.
        assert_eq!(
            parsed.document.questions[2].text,
            "Wat vindt u ervan?\n\nZo? Dat weet ik niet."
        );
        let warning = parsed
            .warnings
            .iter()
            .find(|w| w.message.starts_with("question 3: no answer follows it"))
            .expect("a warning about question 3");
        assert_eq!(warning.position, Position::line_start(21));
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
    fn a_web_page_text_with_its_title_and_flattened_masthead() {
        let text = "Antwoord schriftelijke vragen : Antwoord op vragen van het lid Bouwmeester over ziekenhuisrekeningen\n\
            Tweede Kamer der Staten-Generaal2014-20151365\n\
            Vragen van het lid Bouwmeester (PvdA) aan de Minister van Volksgezondheid, Welzijn en Sport over onterechte ziekenhuisrekeningen (Ingezonden 3 oktober 2014).\n\
            Antwoord van Minister Schippers (Volksgezondheid, Welzijn en Sport) (ontvangen 26 november 2014)\n\
            Vraag 1\n\
            Kent u het bericht?\n\
            Antwoord 1\n\
            Ja.\n";
        let document = parse(text).unwrap().document;
        assert_eq!(document.kind.as_str(), "answer");
        assert_eq!(document.aanhangsel.as_deref(), Some("ah-tk-20142015-1365"));
        assert_eq!(
            document.submitted.map(|d| d.to_string()).as_deref(),
            Some("2014-10-03")
        );
        assert_eq!(
            document.received.map(|d| d.to_string()).as_deref(),
            Some("2014-11-26")
        );
        assert_eq!(
            document.subject.as_deref(),
            Some("onterechte ziekenhuisrekeningen")
        );
        let numbers = numbered_answers(&document);
        assert_eq!(numbers, [(1, "Ja.")]);
    }

    #[test]
    fn questions_numbered_alone_then_a_bare_answer_line_and_answers_numbered_again() {
        // The questions, each number alone on its line, a note typed `1)`; then `Antwoord` with
        // its date on the next line and the answers numbered again.
        let text = "Vragen van het lid Van der Laan (D66) aan de ministers van Justitie en van \
            Binnenlandse Zaken en Koninkrijksrelaties over de opsporing van kinderporno. \
            (Ingezonden 14 maart 2003)\n\n\
            1\nHeeft u kennisgenomen van het bericht «Politie kan kinderporno niet aan»? 1)\n\n\
            2\nIs het waar dat er te weinig rechercheurs zijn?\n\n\
            1) de Volkskrant, 12 maart 2003.\n\n\
            Antwoord\n(Ontvangen 7 april 2003)\n\n1\nJa.\n\n2\nNee, dat is niet waar.\n";
        let read = parse(text).unwrap();
        assert_eq!(read.warnings, []);
        let document = read.document;
        assert_eq!(document.kind.as_str(), "answer");
        assert_eq!(
            document.received.map(|d| d.to_string()).as_deref(),
            Some("2003-04-07")
        );
        let questions: Vec<(u32, &str, Vec<u32>)> = document
            .questions
            .iter()
            .map(|q| {
                let cites = q.cites.iter().map(|n| n.number).collect();
                (q.number, q.text.as_str(), cites)
            })
            .collect();
        assert_eq!(
            questions,
            [
                (
                    1,
                    "Heeft u kennisgenomen van het bericht «Politie kan kinderporno niet aan»?",
                    vec![1]
                ),
                (2, "Is het waar dat er te weinig rechercheurs zijn?", vec![]),
            ]
        );
        let answers = numbered_answers(&document);
        assert_eq!(answers, [(1, "Ja."), (2, "Nee, dat is niet waar.")]);
        let notes: Vec<(u32, &str)> = document
            .footnotes
            .iter()
            .map(|f| (f.number, f.text.as_str()))
            .collect();
        assert_eq!(notes, [(1, "de Volkskrant, 12 maart 2003.")]);
    }

    #[test]
    fn paragraphs_no_part_takes_are_warned_about_but_not_the_answer_lines_reference() {
        let text = "Vragen van het lid Dijk (SP) aan de Minister van Financiën over de toeslagen \
            (ingezonden 3 april 2024).\n\n\
            Antwoord van Minister Van Rij (Financiën) (ontvangen 2 mei 2024). Zie ook Aanhangsel \
            Handelingen, vergaderjaar\n2023–2024, nr. 594.\n\n\
            Vraag 1\nKlopt het?\n\nAntwoord 1\nJa.\n";
        let read = parse(text).unwrap();
        assert_eq!(read.warnings, []);
        assert_eq!(
            read.document.earlier_notice.as_deref(),
            Some("ah-tk-20232024-594")
        );
        // Below the answer line, text that no heading or number opens is no answer.
        let loose = "Vragen van het lid Dijk (SP) aan de Minister van Financiën over de toeslagen \
            (ingezonden 3 april 2024).\n\nVraag 1\nKlopt het?\n\n\
            Antwoord van Minister Van Rij (Financiën) (ontvangen 2 mei 2024).\n\n\
            Dat klopt.\n\nHet kabinet zet in op herstel.\n";
        let read = parse(loose).unwrap();
        let warnings: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            ["8:1: warning: 2 paragraph(s) from here are part of no question, answer or note, and left out (expected `Vraag n`, `Antwoord n` or a number before a question or answer)"]
        );
    }

    #[test]
    fn oral_questions_and_a_header_the_grammar_cannot_read() {
        let oral = parse("Mondelinge vragen van het lid Krul (CDA) aan de Minister van Onderwijs, Cultuur en Wetenschap (bij afwezigheid van de Staatssecretaris van Onderwijs, Cultuur en Wetenschap) over leraren (ingezonden 19 november 2024).\n").unwrap();
        assert_eq!(oral.document.kind.as_str(), "oral");
        let offices: Vec<String> = oral.document.addressees.iter().map(|o| o.label()).collect();
        assert_eq!(offices, ["Minister van Onderwijs, Cultuur en Wetenschap"]);
        // No `aan … over` to be found: the members and the date are kept, the questions read.
        let odd = parse("Vragen van het lid Jansen (SP) inzake de belasting (ingezonden 1 mei 2024).\n\nVraag 1\n\nKlopt het?\n").unwrap();
        assert_eq!(odd.document.kind.as_str(), "questions");
        assert_eq!(odd.document.submitters[0].name, "Jansen");
        assert_eq!(odd.document.subject, None);
        assert_eq!(odd.document.questions.len(), 1);
        assert!(odd
            .warnings
            .iter()
            .any(|w| w.message.contains("header could not be read")));
        // A text with such a header and nothing else holds no Kamervraag: refused.
        assert!(parse("Vragen van het lid Jansen (SP) inzake de belasting.\n").is_err());
    }

    #[test]
    fn a_text_without_header_is_an_error_at_line_one() {
        let error = parse("Zomaar wat tekst.\n").unwrap_err();
        assert_eq!(error.position, Position::line_start(1));
        assert!(error.message.contains("Vragen van"));
    }
}
