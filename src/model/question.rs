/// One numbered question of a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub number: u32,
    /// The question's text, paragraphs separated by a blank line, footnote markers removed.
    pub text: String,
    /// The footnotes this question cites, in order of appearance.
    pub cites: Vec<NoteRef>,
}

/// The answer to one numbered question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The number of the question answered.
    pub number: u32,
    pub text: String,
    /// The footnotes this answer cites, in order of appearance.
    pub cites: Vec<NoteRef>,
    /// Other questions whose answers this one points to (`Zie antwoord vraag 2`).
    pub see_answers: Vec<u32>,
}

/// A footnote as its marker names it: the number printed, in one of the document's series.
///
/// Most documents number their notes once. A ministry's Word letter may print two series, each
/// from 1: the questions' own notes, typed by hand (`1)`, `[1]`) with their list after the last
/// answer, and the letter's real Word footnotes. A marker's form tells which it cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NoteRef {
    /// 0 for the document's only (or first) series, 1 for a second one numbered from 1 again.
    pub series: u32,
    pub number: u32,
}

impl NoteRef {
    /// A note of the document's first series.
    pub fn first(number: u32) -> Self {
        Self { series: 0, number }
    }
}

/// A numbered footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub number: u32,
    /// Which series of notes it belongs to (see [`NoteRef`]).
    pub series: u32,
    /// The footnote's text, without markup.
    pub text: String,
    /// The URL the footnote cites, as printed (`https://…` or `www.…`), when there is one.
    pub url: Option<String>,
}

impl Footnote {
    /// How markers cite this note.
    pub fn key(&self) -> NoteRef {
        NoteRef {
            series: self.series,
            number: self.number,
        }
    }

    /// The cited URL as an absolute IRI: an address printed without a scheme (`www.…`,
    /// `regiopurmerend.nl/…`) is read as the `https://` address it names, as browsers do.
    pub fn cited_iri(&self) -> Option<String> {
        let url = self.url.as_deref()?;
        if self.lacks_scheme() {
            Some(format!("https://{url}"))
        } else {
            Some(url.to_owned())
        }
    }

    /// Whether the URL was printed without a scheme (`http://`, `https://`, …).
    pub(crate) fn lacks_scheme(&self) -> bool {
        self.url.as_deref().is_some_and(|url| !url.contains("://"))
    }
}
