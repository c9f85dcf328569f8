//! Splits a document's lines into the parts the documents name themselves: the Zaak number,
//! the questions' header (`Vragen van …`), the answer or notice line (`Antwoord van …`,
//! `Mededeling van …`), each `Vraag n` and `Antwoord n`, each footnote body, the `Toelichting`.
//!
//! Lines enter cleaned of markup ([`Line`]); sections leave with their text gathered into
//! paragraphs and the footnote markers they contain. Which part a line opens is decided by the
//! words on it, never by Markdown syntax, so Markdown, PDF and DOCX text split the same way.

use super::lines::Line;
use crate::model::{NoteRef, ZaakNumber};
use regex::Regex;
use std::sync::LazyLock;

/// The ways a questions' header opens, longest first.
pub(crate) const HEADER_OPENINGS: &[&str] = &[
    ORAL_OPENING,
    "Aanvullende vragen van ",
    "Vragen van ",
    "Vraag van ",
];

/// How the annex of a ministry's answer letter opens: `Antwoorden van de minister van X op de
/// vragen van het lid Y (P) over Z`, the answer line and the questions' header in one.
pub(crate) const ANSWERS_OPENING: &str = "Antwoorden van ";

/// How a set of oral questions (asked in the question hour) opens its header.
pub(crate) const ORAL_OPENING: &str = "Mondelinge vragen van ";

/// What a section is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SectionKind {
    /// Lines before any recognised part.
    Preamble,
    Zaak(ZaakNumber),
    /// `Vragen van … (ingezonden …).`
    Header,
    /// `Antwoord van Minister … (ontvangen …).`
    AnswerHeader,
    /// `Mededeling van Minister … (ontvangen …).`
    NoticeHeader,
    /// The prose of a notice.
    NoticeBody,
    /// A question block and the numbers it is printed for.
    Question(Vec<u32>),
    /// An answer block and the question numbers it answers.
    Answer(Vec<u32>),
    Footnote(NoteRef),
    Explanation,
}

impl SectionKind {
    /// The numbers a question block is printed for.
    fn question_numbers(&self) -> Option<&[u32]> {
        match self {
            SectionKind::Question(numbers) => Some(numbers),
            _ => None,
        }
    }

    /// The numbers of the questions an answer block answers.
    fn answer_numbers(&self) -> Option<&[u32]> {
        match self {
            SectionKind::Answer(numbers) => Some(numbers),
            _ => None,
        }
    }
}

/// Every number the blocks that `numbers` picks out are printed for.
fn printed_for(sections: &[Section], numbers: fn(&SectionKind) -> Option<&[u32]>) -> Vec<u32> {
    sections
        .iter()
        .filter_map(|section| numbers(&section.kind))
        .flatten()
        .copied()
        .collect()
}

/// A part of the document and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub kind: SectionKind,
    /// The line that opens the section.
    pub line: usize,
    /// The last line that added text to it.
    pub last_line: usize,
    pub body: Body,
}

/// Text gathered line by line: paragraphs (lines folded into one) and footnote citations.
///
/// Lines come in with their text already folded (see [`Line::text`]), so a paragraph is built
/// by joining them and no text is folded twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    paragraphs: Vec<String>,
    /// The paragraph being read, folded.
    open: String,
    /// Footnote numbers cited in the text, in order, each once.
    pub cites: Vec<NoteRef>,
    /// The footnote numbers cited in each paragraph, closed ones first, then the open one's:
    /// where paragraphs are questions of their own, each cites only what it carries.
    paragraph_cites: Vec<Vec<NoteRef>>,
    open_cites: Vec<NoteRef>,
    /// The line each closed paragraph starts on, and the open one's.
    paragraph_lines: Vec<usize>,
    open_line: usize,
}

impl Body {
    /// Adds a line whose folded text is `text`.
    fn push_line(&mut self, line: &Line, text: &str) {
        for number in line.marker_notes() {
            if !self.cites.contains(&number) {
                self.cites.push(number);
            }
            if !self.open_cites.contains(&number) {
                self.open_cites.push(number);
            }
        }
        if !text.is_empty() {
            if self.open.is_empty() {
                self.open_line = line.number;
            } else {
                self.open.push(' ');
            }
            self.open.push_str(text);
        }
    }

    /// The closed paragraphs from `at` on, taken out into a body of their own (the open one
    /// stays); each body then cites what its own paragraphs cite.
    fn split_off(&mut self, at: usize) -> Body {
        let mut rest = Body {
            paragraphs: self.paragraphs.split_off(at),
            paragraph_cites: self.paragraph_cites.split_off(at),
            paragraph_lines: self.paragraph_lines.split_off(at),
            ..Body::default()
        };
        self.cites = each_once(self.paragraph_cites.iter().flatten());
        rest.cites = each_once(rest.paragraph_cites.iter().flatten());
        rest
    }

    fn end_paragraph(&mut self) {
        if !self.open.is_empty() {
            self.paragraphs.push(std::mem::take(&mut self.open));
            self.paragraph_lines.push(self.open_line);
            self.paragraph_cites
                .push(std::mem::take(&mut self.open_cites));
        } else if let Some(last) = self.paragraph_cites.last_mut() {
            // Markers alone on a line after a paragraph cite from that paragraph.
            last.append(&mut self.open_cites);
        }
    }

    /// Each paragraph with the footnotes its own text cites.
    pub fn paragraphs(&self) -> Vec<(String, Vec<NoteRef>)> {
        let mut paragraphs: Vec<(String, Vec<NoteRef>)> = self
            .paragraphs
            .iter()
            .cloned()
            .zip(self.paragraph_cites.iter().cloned())
            .collect();
        if !self.open.is_empty() {
            paragraphs.push((self.open.clone(), self.open_cites.clone()));
        } else if let Some(last) = paragraphs.last_mut() {
            last.1.extend(self.open_cites.iter().copied());
        }
        paragraphs
    }

    /// The line each closed paragraph starts on.
    pub fn paragraph_lines(&self) -> &[usize] {
        &self.paragraph_lines
    }

    /// The text so far, on one line.
    fn flat(&self) -> String {
        let mut flat = self.paragraphs.join(" ");
        if !self.open.is_empty() {
            if !flat.is_empty() {
                flat.push(' ');
            }
            flat.push_str(&self.open);
        }
        flat
    }

    /// The text: paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        let mut text = self.paragraphs.join("\n\n");
        if !self.open.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&self.open);
        }
        text
    }
}

/// The notes in order, each once.
fn each_once<'n>(notes: impl IntoIterator<Item = &'n NoteRef>) -> Vec<NoteRef> {
    let mut once = Vec::new();
    for note in notes {
        if !once.contains(note) {
            once.push(*note);
        }
    }
    once
}

/// The heading up to the white space after it: the words that follow are not matched, which
/// keeps the search short on a line that goes on with a whole question.
static BLOCK_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Vraag|Vragen|Antwoord|Antwoorden)(?: op)?(?: (?:vraag|vragen))? (\d{1,3}(?:(?:, ?|,? en | t/m | tot en met |[-–])\d{1,3})*)(?:[.:])?(?:\s|$)")
        .expect("valid pattern")
});
/// `Vraag 7, 8, 9 10 en 11`: a list that lost a comma.
static LOOSE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(Vraag|Vragen|Antwoord|Antwoorden) (\d{1,3}(?:(?:, ?| )\d{1,3})* en \d{1,3})[.:]?$",
    )
    .expect("valid pattern")
});
/// `3. Klopt het?`, or a number alone on its line (`3`, `3.`) with the question below it.
static NUMBERED_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})(?:[.)]\s+(\S.*)|[.)]?)$").expect("valid pattern"));

/// Splits `lines` into sections, in document order.
pub fn split(lines: &[Line]) -> Vec<Section> {
    // Whether any line is a question heading decides how the others are read, so each line's
    // heading is looked for once, before the lines are read.
    let headings: Vec<Option<(SectionKind, &str)>> = lines
        .iter()
        .map(|line| block_heading(line.text()))
        .collect();
    let bare_replies = bare_answer_lines(lines);
    let answer_line = |index: usize| {
        let text = lines[index].text();
        text.starts_with("Antwoord van ")
            || text.starts_with(ANSWERS_OPENING)
            || bare_replies.contains(&index)
    };
    let an_answer_letter = (0..lines.len()).any(answer_line);
    let headed_answers = (0..lines.len()).any(|index| {
        matches!(headings[index], Some((SectionKind::Answer(_), _)))
            || lines[index].text().starts_with("Antwoord") && !answer_line(index)
    });
    let mut splitter = Splitter {
        bare_replies: bare_replies
            .iter()
            .map(|&index| lines[index].number)
            .collect(),
        numbered_questions: !headings
            .iter()
            .any(|heading| matches!(heading, Some((SectionKind::Question(_), _)))),
        unheaded_answers: an_answer_letter && !headed_answers,
        ..Splitter::default()
    };
    for (line, heading) in lines.iter().zip(headings) {
        splitter.read(line, line.text(), heading);
    }
    let mut sections = splitter.finish();
    if headed_answers {
        split_off_unheaded_answers(&mut sections);
        split_off_headless_questions(&mut sections);
    }
    sections
}

/// The lines that are an answer line without the answerer's name: `Antwoord` (or `Antwoord:`)
/// with the date received after it, on the same line or the next (`Antwoord` / `(Ontvangen 7
/// april 2003)`).
fn bare_answer_lines(lines: &[Line]) -> Vec<usize> {
    let received = super::holders::opens_with_received;
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(rest) = line.text().strip_prefix("Antwoord") else {
            continue;
        };
        let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
        let dated_below = rest.is_empty()
            && lines[index + 1..]
                .iter()
                .find(|next| !next.is_blank() && !next.page_break)
                .is_some_and(|next| received(next.text()));
        if received(rest) || dated_below {
            found.push(index);
        }
    }
    found
}

/// A page break that lost a question's heading and its first lines (ah-tk-20232024-302,
/// `Vraag 2`) leaves the question's tail at the head of the next page, where it reads as the end
/// of the answer before. Answers do not end by asking: the paragraphs that end an answer in a
/// question mark, right before an `Antwoord m` whose question no heading opens, are question m's.
fn split_off_headless_questions(sections: &mut Vec<Section>) {
    let asked = printed_for(sections, SectionKind::question_numbers);
    let blocks: Vec<usize> = (0..sections.len())
        .filter(|&index| {
            matches!(
                sections[index].kind,
                SectionKind::Question(_) | SectionKind::Answer(_)
            )
        })
        .collect();
    for pair in blocks.windows(2).rev() {
        let (answer, next) = (pair[0], pair[1]);
        let (SectionKind::Answer(_), SectionKind::Answer(unasked)) =
            (&sections[answer].kind, &sections[next].kind)
        else {
            continue;
        };
        if unasked.is_empty() || unasked.iter().any(|number| asked.contains(number)) {
            continue;
        }
        let unasked = unasked.clone();
        let paragraphs = &sections[answer].body.paragraphs;
        let asking = paragraphs
            .iter()
            .rev()
            .take_while(|paragraph| paragraph.trim_end().ends_with('?'))
            .count();
        let at = paragraphs.len() - asking;
        if asking == 0 || at == 0 {
            continue;
        }
        split_section_at(sections, answer, at, SectionKind::Question(unasked));
    }
}

/// Takes the paragraphs of `sections[index]` from `at` on into a section of their own, of
/// `kind`, right after it.
fn split_section_at(sections: &mut Vec<Section>, index: usize, at: usize, kind: SectionKind) {
    let section = &mut sections[index];
    let body = section.body.split_off(at);
    let part = Section {
        kind,
        line: body.paragraph_lines[0],
        last_line: section.last_line,
        body,
    };
    section.last_line = part.line;
    sections.insert(index + 1, part);
}

/// In a letter whose answers have headings, a question no heading answers may have its answer
/// printed right under it, without one (minjenv-beantwoording-2023Z16994.docx, questions 5
/// and 6): the answer opens with the first paragraph that asks nothing after a paragraph that
/// ends in a question mark.
fn split_off_unheaded_answers(sections: &mut Vec<Section>) {
    let answered = printed_for(sections, SectionKind::answer_numbers);
    let mut index = 0;
    while index < sections.len() {
        let section = &sections[index];
        index += 1;
        let SectionKind::Question(numbers) = &section.kind else {
            continue;
        };
        if numbers.iter().any(|n| answered.contains(n)) {
            continue;
        }
        let Some(at) = unheaded_answer_start(&section.body.paragraphs) else {
            continue;
        };
        let numbers = numbers.clone();
        split_section_at(sections, index - 1, at, SectionKind::Answer(numbers));
        index += 1;
    }
}

/// The first paragraph that asks nothing after one that ends in a question mark.
fn unheaded_answer_start(paragraphs: &[String]) -> Option<usize> {
    (1..paragraphs.len())
        .find(|&at| paragraphs[at - 1].trim_end().ends_with('?') && !paragraphs[at].contains('?'))
}

#[derive(Default)]
struct Splitter {
    done: Vec<Section>,
    current: Option<Section>,
    /// The running text that footnote bodies at the foot of a page interrupted; it goes on
    /// after them, on the next page.
    interrupted: Option<Section>,
    header_seen: bool,
    /// An answer or notice line was read: DOCX answers print no questions' header.
    reply_seen: bool,
    notice_seen: bool,
    /// No `Vraag n` headings anywhere: questions are numbered `1.` … (DOCX layout).
    numbered_questions: bool,
    next_numbered: u32,
    /// The numbers of the lines that are an answer line without a name (`Antwoord` /
    /// `(Ontvangen …)`), found before reading.
    bare_replies: Vec<usize>,
    /// Questions numbered before the answer line: below it the numbering starts again, for the
    /// answers (all the questions, then `Antwoord van …`, then `1` / `Ja.`); 0 where it does
    /// not.
    asked_before_reply: u32,
    next_numbered_answer: u32,
    /// An answer whose answers have no heading at all: each follows its question, and opens
    /// with the first sentence after the question's last question mark.
    unheaded_answers: bool,
    /// The numbers of the last question opened: an answer headed `Antwoord` alone answers it.
    last_question: Option<Vec<u32>>,
    /// A footnote body ended at the last blank line, and no text has come since.
    footnote_just_ended: bool,
}

impl Splitter {
    /// Reads `line`, whose folded text is `text` and whose `Vraag n` / `Antwoord n` heading,
    /// if it opens with one, is `heading`.
    fn read(&mut self, line: &Line, text: &str, heading: Option<(SectionKind, &str)>) {
        if line.page_break {
            return self.page_break();
        }
        if line.is_blank() {
            return self.blank_line();
        }
        let note_goes_on = std::mem::take(&mut self.footnote_just_ended);
        if note_goes_on && continues_a_note(text) {
            self.reopen_footnote();
            self.push(line, text);
        } else if let Some(zaak) = ZaakNumber::parse(text) {
            self.open(SectionKind::Zaak(zaak), line.number);
        } else if let Some(number) = line.leading_marker().filter(|_| !text.is_empty()) {
            self.open_footnote(number, line.number);
            self.push_derived(&line.after_leading_marker());
        } else if let Some(kind) = self.opening_line(line.number, text) {
            self.open(kind, line.number);
            self.push(line, text);
            self.close_if_complete();
        } else if let Some((kind, rest)) = heading
            .or_else(|| self.numbered_opening(text))
            .or_else(|| self.unnumbered_answer(text))
        {
            if let SectionKind::Question(numbers) = &kind {
                self.last_question = Some(numbers.clone());
            }
            self.open(kind, line.number);
            self.push_derived(&line.without_opening(&text[..text.len() - rest.len()]));
        } else if let Some(kind) = self.numbering_read_as_a_marker(line, text) {
            self.open(kind, line.number);
        } else if let Some(rest) = explanation_heading(text) {
            self.open(SectionKind::Explanation, line.number);
            self.push_text(line.number, rest);
        } else if text == "Mededeling" {
            self.notice_seen = true;
            self.open(SectionKind::NoticeBody, line.number);
        } else {
            self.continue_with(line, text);
        }
    }

    /// A header, answer or notice line that opens here.
    fn opening_line(&mut self, number: usize, text: &str) -> Option<SectionKind> {
        if !self.header_seen && HEADER_OPENINGS.iter().any(|o| text.starts_with(o)) {
            self.header_seen = true;
            return Some(SectionKind::Header);
        }
        if text.starts_with("Antwoord van ")
            || text.starts_with(ANSWERS_OPENING)
            || self.bare_replies.contains(&number)
        {
            if !self.reply_seen && self.numbered_questions {
                self.asked_before_reply = self.next_numbered;
            }
            self.reply_seen = true;
            return Some(SectionKind::AnswerHeader);
        }
        if text.starts_with("Mededeling van ") {
            self.notice_seen = true;
            self.reply_seen = true;
            return Some(SectionKind::NoticeHeader);
        }
        None
    }

    /// A DOCX question numbered `n.`, where no line is a `Vraag n` heading; below an answer
    /// line that follows the questions, the answer numbered so.
    fn numbered_opening<'t>(&mut self, text: &'t str) -> Option<(SectionKind, &'t str)> {
        if self.numbered_questions && (self.header_seen || self.reply_seen) {
            let captures = NUMBERED_LINE.captures(text)?;
            let number: u32 = captures[1].parse().ok()?;
            let rest = || captures.get(2).map_or("", |m| m.as_str());
            if self.asked_before_reply > 0 {
                if number == self.next_numbered_answer + 1 && number <= self.asked_before_reply {
                    self.next_numbered_answer = number;
                    return Some((SectionKind::Answer(vec![number]), rest()));
                }
                return None;
            }
            if number == self.next_numbered + 1 {
                self.next_numbered = number;
                return Some((SectionKind::Question(vec![number]), rest()));
            }
        }
        None
    }

    /// A number alone on its line that was read as a footnote's marker (`1`, with a note 1
    /// further on), where it goes on with the numbering of the questions or of the answers
    /// below the answer line: that numbering, and no citation.
    fn numbering_read_as_a_marker(&mut self, line: &Line, text: &str) -> Option<SectionKind> {
        let mut numbers = line.marker_numbers();
        let (Some(number), None) = (numbers.next(), numbers.next()) else {
            return None;
        };
        if !text.is_empty() {
            return None;
        }
        let (kind, _) = self.numbered_opening(&number.to_string())?;
        if let SectionKind::Question(numbers) = &kind {
            self.last_question = Some(numbers.clone());
        }
        Some(kind)
    }

    /// `Antwoord`, `Antwoord:` or `Antwoord: Ja.` right after a question: its answer.
    fn unnumbered_answer<'t>(&mut self, text: &'t str) -> Option<(SectionKind, &'t str)> {
        let rest = text.strip_prefix("Antwoord")?;
        let rest = match rest.strip_prefix(':') {
            Some(after) => after.trim_start(),
            None if rest.is_empty() => rest,
            None => return None,
        };
        let numbers = self.last_question.take()?;
        let in_question = matches!(
            self.current.as_ref().map(|s| &s.kind),
            Some(SectionKind::Question(_))
        ) || self.interrupted.is_some();
        in_question.then_some((SectionKind::Answer(numbers), rest))
    }

    /// A line that opens nothing continues the current section, or starts the body of a
    /// notice or a preamble.
    fn continue_with(&mut self, line: &Line, text: &str) {
        let closed_header = matches!(
            self.current.as_ref().map(|s| &s.kind),
            None | Some(SectionKind::Zaak(_))
        );
        if closed_header {
            let kind = if self.notice_seen {
                SectionKind::NoticeBody
            } else {
                SectionKind::Preamble
            };
            if self.current.as_ref().map(|s| &s.kind) != Some(&kind) {
                self.open(kind, line.number);
            }
        } else if let Some(numbers) = self.unheaded_answer_opens(text) {
            self.open(SectionKind::Answer(numbers), line.number);
        }
        self.push(line, text);
    }

    /// Where answers have no heading: the numbers of the question that `text` answers, when the
    /// question so far ends with a question mark and `text` opens a sentence that asks nothing
    /// (`Ja, ik ken het bericht.`, `Dat is niet bekend.`).
    fn unheaded_answer_opens(&self, text: &str) -> Option<Vec<u32>> {
        // Answers come below the answer line: a question above it that goes on without asking
        // is still the question.
        if !self.unheaded_answers || !self.reply_seen || self.interrupted.is_some() {
            return None;
        }
        let section = self.current.as_ref()?;
        let SectionKind::Question(numbers) = &section.kind else {
            return None;
        };
        let asked = section.body.flat().trim_end().ends_with('?');
        let first_sentence_end = text.find(['.', '?', '!', ':']).map(|at| &text[at..at + 1]);
        let opens_a_sentence = text.starts_with(|c: char| c.is_uppercase() || c.is_numeric());
        (asked && opens_a_sentence && first_sentence_end != Some("?")).then(|| numbers.clone())
    }

    /// A blank line ends a paragraph; it ends a header or a footnote body altogether (but an
    /// annex's `Antwoorden van … op Kamervragen` goes on to the paragraph that says `over`).
    fn blank_line(&mut self) {
        match self.current.as_ref().map(|s| &s.kind) {
            Some(SectionKind::Footnote(_)) => self.end_footnote(),
            Some(SectionKind::AnswerHeader) if self.answers_heading_goes_on() => {}
            Some(
                SectionKind::Header
                | SectionKind::AnswerHeader
                | SectionKind::NoticeHeader
                | SectionKind::Zaak(_),
            ) => self.close(),
            _ => {
                if let Some(section) = &mut self.current {
                    section.body.end_paragraph();
                }
            }
        }
    }

    /// Whether the answer line goes on past a blank line: an annex's `Antwoorden van … op
    /// Kamervragen` to the paragraph that says `over`, a bare `Antwoord` to its date.
    fn answers_heading_goes_on(&self) -> bool {
        self.current.as_ref().is_some_and(|section| {
            let text = section.body.flat();
            text.starts_with(ANSWERS_OPENING) && !text.contains(" over ")
                || matches!(text.as_str(), "Antwoord" | "Antwoord:")
        })
    }

    /// A page's end closes a footnote; running text goes on to the next page.
    fn page_break(&mut self) {
        if matches!(
            self.current.as_ref().map(|s| &s.kind),
            Some(SectionKind::Footnote(_))
        ) {
            self.end_footnote();
        }
    }

    /// A footnote body sets the running text aside rather than ending it.
    fn open_footnote(&mut self, number: NoteRef, line: usize) {
        let running_text = matches!(
            self.current.as_ref().map(|s| &s.kind),
            Some(
                SectionKind::Question(_)
                    | SectionKind::Answer(_)
                    | SectionKind::NoticeBody
                    | SectionKind::Explanation
                    | SectionKind::Preamble
            )
        );
        if running_text && self.interrupted.is_none() {
            self.interrupted = self.current.take();
        } else {
            self.close();
        }
        self.current = Some(Section {
            kind: SectionKind::Footnote(number),
            line,
            last_line: line,
            body: Body::default(),
        });
    }

    /// Takes up again the footnote body that ended last, setting the running text aside.
    fn reopen_footnote(&mut self) {
        let footnote = self
            .done
            .pop_if(|section| matches!(section.kind, SectionKind::Footnote(_)));
        if let Some(footnote) = footnote {
            self.interrupted = self.current.take();
            self.current = Some(footnote);
        }
    }

    fn end_footnote(&mut self) {
        self.footnote_just_ended = true;
        self.close();
        self.current = self.interrupted.take();
    }

    /// Header lines end where their date's parenthesis closes; PDF text has no blank line
    /// after them.
    fn close_if_complete(&mut self) {
        let complete = self.current.as_ref().is_some_and(|section| {
            let text = section.body.flat();
            let date = match section.kind {
                SectionKind::Header => super::header::find_submitted(&text),
                SectionKind::AnswerHeader | SectionKind::NoticeHeader => {
                    super::holders::find_received(&text)
                }
                _ => return false,
            };
            date.is_some_and(|at| {
                let after_date = &text[at..];
                after_date.contains(')') && !see_also_goes_on(after_date)
            })
        });
        if complete {
            self.close();
        }
    }

    fn open(&mut self, kind: SectionKind, line: usize) {
        self.close();
        if let Some(mut interrupted) = self.interrupted.take() {
            interrupted.body.end_paragraph();
            self.done.push(interrupted);
        }
        self.current = Some(Section {
            kind,
            line,
            last_line: line,
            body: Body::default(),
        });
    }

    fn close(&mut self) {
        if let Some(mut section) = self.current.take() {
            section.body.end_paragraph();
            self.done.push(section);
        }
    }

    /// Adds `line`, whose folded text is `text`, to the current section.
    fn push(&mut self, line: &Line, text: &str) {
        if let Some(section) = &mut self.current {
            section.body.push_line(line, text);
            section.last_line = line.number;
        }
        self.close_if_complete();
    }

    /// Adds a line made from part of a source line.
    fn push_derived(&mut self, line: &Line) {
        self.push(line, line.text());
    }

    fn push_text(&mut self, number: usize, text: &str) {
        self.push_derived(&Line::plain(number, text));
    }

    fn finish(mut self) -> Vec<Section> {
        self.close();
        if let Some(mut interrupted) = self.interrupted.take() {
            interrupted.body.end_paragraph();
            self.done.push(interrupted);
        }
        self.done
    }
}

/// Whether the answer line's `Zie ook Aanhangsel Handelingen, vergaderjaar …, nr. N` has begun
/// and does not yet read as a reference: the line after goes on with it.
fn see_also_goes_on(after_date: &str) -> bool {
    after_date.find("Zie ook").is_some_and(|at| {
        super::publications::find_publications(&after_date[at..], None).is_empty()
    })
}

/// A paragraph that cannot open one of its own (`) https://…`, a bracket closing one the note
/// opened): a note typed as paragraphs of its own, split over two (minjenv-beantwoording-
/// 2024Z11889.docx, note 2).
fn continues_a_note(text: &str) -> bool {
    text.starts_with([')', ']'])
}

/// `Vraag 5`, `Vraag 4 en 5`, `Antwoord vraag 1:`, `Antwoord 2 t/m 6` and what follows.
fn block_heading(text: &str) -> Option<(SectionKind, &str)> {
    // Most lines are prose: a cheap look at the first word before any pattern.
    if !(text.starts_with("Vra") || text.starts_with("Antwoord")) {
        return None;
    }
    let loose = may_be_loose_list(text).then(|| LOOSE_LIST.captures(text));
    let (word, list, rest) = if let Some(captures) = loose.flatten() {
        (captures.get(1)?.as_str(), captures.get(2)?.as_str(), "")
    } else {
        // The match alone, without its groups (a faster engine): the heading's word is how it
        // opens, and its list runs from its first digit to its last, as no other part of
        // the pattern holds a digit.
        let heading = BLOCK_HEADING.find(text)?;
        let words = heading.as_str();
        let first = words.find(char::is_numeric)?;
        let (last, digit) = words.char_indices().rfind(|(_, c)| c.is_numeric())?;
        let rest = text[heading.end()..].trim_start();
        (words, &words[first..last + digit.len_utf8()], rest)
    };
    let numbers = number_list(list)?;
    let kind = if word.starts_with("Vraag") || word.starts_with("Vragen") {
        SectionKind::Question(numbers)
    } else {
        SectionKind::Answer(numbers)
    };
    Some((kind, rest))
}

/// Whether all after the first word could be a list for [`LOOSE_LIST`]: numbers, spaces,
/// commas, `en` and a closing `.` or `:`. Most headings go on with a question's words, and
/// this spares them the pattern.
fn may_be_loose_list(text: &str) -> bool {
    text.split_once(' ').is_some_and(|(_, list)| {
        list.chars()
            .all(|c| c.is_numeric() || matches!(c, ' ' | ',' | 'e' | 'n' | '.' | ':'))
    })
}

/// `4 en 5`, `3, 4, 5 en 6`, `2 t/m 6` → the numbers; `None` for a range that makes no sense.
pub(crate) fn number_list(list: &str) -> Option<Vec<u32>> {
    let normalised = list
        .replace("tot en met", "t/m")
        .replace(['-', '–'], " t/m ");
    let mut numbers = Vec::new();
    for part in normalised
        .split([',', ' '])
        .filter(|p| !p.is_empty() && *p != "en")
    {
        if part == "t/m" {
            numbers.push(0); // placeholder for the range, filled below
            continue;
        }
        numbers.push(part.parse::<u32>().ok()?);
    }
    let mut expanded = Vec::new();
    let mut index = 0;
    while index < numbers.len() {
        if numbers[index] == 0 && index > 0 && index + 1 < numbers.len() {
            let (from, to) = (numbers[index - 1], numbers[index + 1]);
            if to <= from || to - from > 100 {
                return None;
            }
            expanded.extend(from + 1..to);
        } else {
            expanded.push(numbers[index]);
        }
        index += 1;
    }
    (!expanded.is_empty() && !expanded.contains(&0)).then_some(expanded)
}

/// `Toelichting:` and what follows on the line.
fn explanation_heading(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("Toelichting")?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim_start())
}

#[cfg(test)]
mod tests {
    use super::super::lines::{fold_spaces, read_text as read_lines};
    use super::super::seed_tests::shipped_lines;
    use super::*;

    /// How headings were read before the pattern stopped at the heading's end: the loose list
    /// first, then the whole line matched, its words after the heading captured.
    fn block_heading_by_whole_line(text: &str) -> Option<(SectionKind, &str)> {
        static WHOLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(Vraag|Vragen|Antwoord|Antwoorden)(?: op)?(?: (?:vraag|vragen))? (\d{1,3}(?:(?:, ?| en | t/m | tot en met |[-–])\d{1,3})*)(?:[.:])?(?:\s+(.*))?$").unwrap()
        });
        let (word, list, rest) = if let Some(captures) = LOOSE_LIST.captures(text) {
            (captures.get(1)?.as_str(), captures.get(2)?.as_str(), "")
        } else {
            let captures = WHOLE_LINE.captures(text)?;
            let rest = captures.get(3).map_or("", |m| m.as_str());
            (captures.get(1)?.as_str(), captures.get(2)?.as_str(), rest)
        };
        let numbers = number_list(list)?;
        Some(if word.starts_with("Vra") {
            (SectionKind::Question(numbers), rest)
        } else {
            (SectionKind::Answer(numbers), rest)
        })
    }

    #[test]
    fn headings_read_as_the_whole_line_pattern_reads_them() {
        let lines = shipped_lines(&[
            "Vraag 1, 2x",
            "Vraag 1: Klopt het?",
            "Antwoord vraag 3. Ja",
            "Vragen 2 en 3",
            "Vraag 7, 8, 9 10 en 11",
            "Vraag 7, 8, 9 10 en 11.",
            "Antwoord 2 t/m 6",
            "Vraag 4 tot en met 6:",
            "Vraag 12",
            "Antwoorden op vragen 1 en 2 Zie",
            "Vraag 1\u{a0}Klopt",
            "Vraag 1.Klopt",
        ]);
        let (mut headings, mut loose) = (0, 0);
        for line in &lines {
            let text = fold_spaces(line);
            let expected = block_heading_by_whole_line(&text);
            headings += usize::from(expected.is_some());
            loose += usize::from(expected.as_ref().is_some_and(|(_, rest)| rest.is_empty()));
            assert_eq!(block_heading(&text), expected, "{text:?}");
        }
        assert!(headings > 20 && loose > 2, "{headings} {loose}");
    }

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
            vec![
                SectionKind::Question(vec![1]),
                SectionKind::Question(vec![2])
            ]
        );
    }

    #[test]
    fn a_question_whose_heading_a_page_break_lost_is_not_the_answer_before() {
        // ah-tk-20232024-302: `Vraag 2` and the start of its text are lost at the page break;
        // its tail opens page 2, then `Antwoord 2`.
        let text = "Antwoord van Minister Helder (Langdurige Zorg en Sport) (ontvangen \
            24 oktober 2023).\n\n\
            Vraag 1\nWat is uw reactie?\n\n\
            Antwoord 1\nIk vind dit onwenselijk.\n\nDe NZa informeert.\n\n\
            van een zogeheten privacyverklaring algemeen bekend is? Zo ja, op basis\n\
            waarvan?\n\n\
            Antwoord 2\nDe NZa geeft aan dat dit niet nieuw is. Welke? Deze.\n\n\
            Vraag 3\nKlopt het?\n\nAntwoord 3\nJa. Waarom niet?\n\nAntwoord 4\nNee.\n";
        let sections = split(&read_lines(text));
        let parts: Vec<(SectionKind, String)> = sections
            .iter()
            .skip(1)
            .map(|s| (s.kind.clone(), s.body.text()))
            .collect();
        let expected = [
            (SectionKind::Question(vec![1]), "Wat is uw reactie?"),
            (
                SectionKind::Answer(vec![1]),
                "Ik vind dit onwenselijk.\n\nDe NZa informeert.",
            ),
            (
                SectionKind::Question(vec![2]),
                "van een zogeheten privacyverklaring algemeen bekend is? Zo ja, op basis \
                 waarvan?",
            ),
            (
                SectionKind::Answer(vec![2]),
                "De NZa geeft aan dat dit niet nieuw is. Welke? Deze.",
            ),
            (SectionKind::Question(vec![3]), "Klopt het?"),
            // An answer that is all one asking paragraph keeps it: nothing is left to answer.
            (SectionKind::Answer(vec![3]), "Ja. Waarom niet?"),
            (SectionKind::Answer(vec![4]), "Nee."),
        ];
        let expected: Vec<(SectionKind, String)> = expected
            .into_iter()
            .map(|(kind, text)| (kind, text.to_owned()))
            .collect();
        assert_eq!(parts, expected);
    }

    #[test]
    fn an_answer_without_a_heading_opens_after_its_questions_last_question_mark() {
        let text = "Antwoord van Minister Keijzer (Volkshuisvesting en Ruimtelijke Ordening) \
            (ontvangen 3 december 2024)\n\
            Vraag 1\nKent u het bericht «Huurders in de kou»? Zo ja, wat vindt u\n\
            ervan?\nJa. Ik vind het\nzorgelijk.\n\
            Vraag 2\nHoeveel huurders zijn het?\nDat is niet bekend. Wat wel bekend is?\n\
            Vraag 3\nWilt u deze vragen apart beantwoorden?\n\nJa.\n";
        let sections = split(&read_lines(text));
        let parts: Vec<(&SectionKind, String)> = sections
            .iter()
            .skip(1)
            .map(|s| (&s.kind, s.body.text()))
            .collect();
        let expected = [
            (
                SectionKind::Question(vec![1]),
                "Kent u het bericht «Huurders in de kou»? Zo ja, wat vindt u ervan?",
            ),
            (SectionKind::Answer(vec![1]), "Ja. Ik vind het zorgelijk."),
            (SectionKind::Question(vec![2]), "Hoeveel huurders zijn het?"),
            (
                SectionKind::Answer(vec![2]),
                "Dat is niet bekend. Wat wel bekend is?",
            ),
            (
                SectionKind::Question(vec![3]),
                "Wilt u deze vragen apart beantwoorden?",
            ),
            (SectionKind::Answer(vec![3]), "Ja."),
        ];
        let expected: Vec<(&SectionKind, String)> =
            expected.iter().map(|(k, t)| (k, (*t).to_owned())).collect();
        assert_eq!(parts, expected);
        // Where answers have headings, a line after a question mark stays in the question.
        let headed = "Antwoord van Minister X (Financiën) (ontvangen 3 december 2024)\n\
            Vraag 1\nKlopt het?\nZo ja, waarom.\nAntwoord 1\nJa.\n";
        let sections = split(&read_lines(headed));
        assert_eq!(sections[1].body.text(), "Klopt het? Zo ja, waarom.");
    }

    #[test]
    fn a_question_on_the_same_line_as_its_number() {
        let sections = split(&read_lines("Vraag 3 Klopt het?\nEn verder?\n"));
        assert_eq!(sections[0].kind, SectionKind::Question(vec![3]));
        assert_eq!(sections[0].body.text(), "Klopt het? En verder?");
    }

    #[test]
    fn footnote_bodies_end_the_question_before_them() {
        let text = "Vraag 4\n\nVier?<sup>1</sup>\n\n<sup>1</sup> <https://example.org/>\n\nVraag 5\n\nVijf?\n";
        let sections = split(&read_lines(text));
        let kinds: Vec<&SectionKind> = sections.iter().map(|s| &s.kind).collect();
        assert_eq!(
            kinds,
            [
                &SectionKind::Footnote(NoteRef::first(1)),
                &SectionKind::Question(vec![4]),
                &SectionKind::Question(vec![5])
            ]
        );
        assert_eq!(sections[0].body.text(), "https://example.org/");
        assert_eq!(sections[1].body.text(), "Vier?");
        assert_eq!(sections[1].body.cites, vec![NoteRef::first(1)]);
    }

    #[test]
    fn text_interrupted_by_footnotes_at_a_page_foot_goes_on_after_them() {
        let text = "Vraag 1\nKlopt het?\nAntwoord 1\nJa. De\n1 Bron, https://example.org/a\nah-tk-20232024-2129\nbijdrage is groot.\nVraag 2\n";
        let sections = split(&read_lines(text));
        let answer = sections
            .iter()
            .find(|s| s.kind == SectionKind::Answer(vec![1]))
            .unwrap();
        assert_eq!(answer.body.text(), "Ja. De bijdrage is groot.");
        assert!(sections
            .iter()
            .any(|s| s.kind == SectionKind::Footnote(NoteRef::first(1))));
    }

    #[test]
    fn a_paragraph_that_opens_with_a_closing_parenthesis_goes_on_with_the_note_before() {
        // minjenv-beantwoording-2024Z11889.docx, note 2 over two paragraphs.
        let text = "Vraag 1\n\nKlopt het? [2]\n\nAntwoord op vraag 1\n\nNee.\n\n\
            [2] RTV Oost, 'Politiehond overleden',\n\n) https://www.rtvoost.nl/nieuws/1/politiehond-\n";
        let sections = split(&read_lines(text));
        let answer = sections
            .iter()
            .find(|s| s.kind == SectionKind::Answer(vec![1]))
            .unwrap();
        assert_eq!(answer.body.text(), "Nee.");
        let note = sections
            .iter()
            .find(|s| matches!(s.kind, SectionKind::Footnote(_)))
            .unwrap();
        assert_eq!(
            note.body.text(),
            "RTV Oost, 'Politiehond overleden',\n\n) https://www.rtvoost.nl/nieuws/1/politiehond-"
        );
    }

    #[test]
    fn combined_and_ranged_blocks() {
        assert_eq!(number_list("4 en 5"), Some(vec![4, 5]));
        assert_eq!(number_list("3, 4, 5 en 6"), Some(vec![3, 4, 5, 6]));
        assert_eq!(number_list("2 t/m 6"), Some(vec![2, 3, 4, 5, 6]));
        assert_eq!(number_list("6 t/m 2"), None);
        assert_eq!(
            block_heading("Vraag 7, 8, 9 10 en 11").map(|(k, _)| k),
            Some(SectionKind::Question(vec![7, 8, 9, 10, 11]))
        );
        assert_eq!(
            block_heading("Antwoord vraag 1:").map(|(k, _)| k),
            Some(SectionKind::Answer(vec![1]))
        );
        assert_eq!(
            block_heading("Antwoord op vraag 3").map(|(k, _)| k),
            Some(SectionKind::Answer(vec![3]))
        );
        // A comma before `en`, as the letter of 2023Z19677 prints it.
        assert_eq!(
            block_heading("Antwoord op vragen 7, 8, en 9").map(|(k, _)| k),
            Some(SectionKind::Answer(vec![7, 8, 9]))
        );
    }

    #[test]
    fn a_pdf_header_ends_where_its_date_closes() {
        let text = "Vragen van het lid X (P) aan de Minister van Y over iets\n(ingezonden 5 juni\n2024).\nAntwoord van Minister Z (Y) (ontvangen 28 juni\n2024).\nVraag 1\nKlopt het?\nAntwoord 1\nJa.\n";
        assert_eq!(
            kinds(text),
            vec![
                SectionKind::Header,
                SectionKind::AnswerHeader,
                SectionKind::Question(vec![1]),
                SectionKind::Answer(vec![1]),
            ]
        );
    }

    #[test]
    fn docx_questions_numbered_in_order() {
        let text = "Vragen van het lid X (P) aan de minister van Y over iets.\n\n1. Een?\n\nTussentekst 3. niet\n\n2. Twee?\n";
        assert_eq!(
            kinds(text),
            vec![
                SectionKind::Header,
                SectionKind::Question(vec![1]),
                SectionKind::Question(vec![2]),
            ]
        );
    }

    #[test]
    fn numbers_that_start_again_below_the_answer_line_number_the_answers() {
        // All the questions, then the answer line, then the answers numbered as they were.
        let text = "Vragen van de leden A en B (beiden P) aan de staatssecretaris van Y over \
            iets. (Ingezonden 2 februari 1998)\n\n1\nKent u het bericht?\n\n\
            Het bericht meldt een tekort.\n\n2\nWat gaat u doen?\n\n\
            Antwoord van staatssecretaris Z (Y) (Ontvangen 3 maart 1998)\n\n\
            1\nJa.\n\n2\nWij nemen maatregelen.\n\n3\nDrie is geen antwoord.\n";
        let sections = split(&read_lines(text));
        let parts: Vec<(SectionKind, String)> = sections
            .iter()
            .map(|s| (s.kind.clone(), s.body.text()))
            .collect();
        let expected = [
            (
                SectionKind::Header,
                "Vragen van de leden A en B (beiden P) aan de staatssecretaris van Y over iets. \
                 (Ingezonden 2 februari 1998)",
            ),
            // Above the answer line, a paragraph that asks nothing is still the question's.
            (
                SectionKind::Question(vec![1]),
                "Kent u het bericht?\n\nHet bericht meldt een tekort.",
            ),
            (SectionKind::Question(vec![2]), "Wat gaat u doen?"),
            (
                SectionKind::AnswerHeader,
                "Antwoord van staatssecretaris Z (Y) (Ontvangen 3 maart 1998)",
            ),
            (SectionKind::Answer(vec![1]), "Ja."),
            // No question 3 was asked: its number is text of answer 2.
            (
                SectionKind::Answer(vec![2]),
                "Wij nemen maatregelen.\n\n3 Drie is geen antwoord.",
            ),
        ];
        let expected: Vec<(SectionKind, String)> = expected
            .into_iter()
            .map(|(kind, text)| (kind, text.to_owned()))
            .collect();
        assert_eq!(parts, expected);
    }

    #[test]
    fn words_that_only_look_like_headings_are_text() {
        assert_eq!(block_heading("Vraagt u zich af"), None);
        assert_eq!(block_heading("Vraag 12a"), None);
        assert_eq!(explanation_heading("Toelichtingen"), None);
    }
}
