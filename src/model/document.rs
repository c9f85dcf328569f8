use super::{
    Answer, Footnote, NoteRef, Office, OfficeHolder, Publication, Question, Submitter, ZaakNumber,
};
use chrono::NaiveDate;

/// Which of the published kinds a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentKind {
    /// A set of written questions (`Vragen van het lid …`).
    Questions,
    /// A set of oral questions (`Mondelinge vragen van het lid …`), put in the Kamer's
    /// question hour: answered there, never in writing.
    Oral,
    /// The government's answer to a set (`Antwoord van Minister …`).
    Answer,
    /// A postponement notice (`Mededeling van …`): the answer will take longer.
    Notice,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Questions => "questions",
            Self::Oral => "oral",
            Self::Answer => "answer",
            Self::Notice => "notice",
        }
    }
}

/// One source document, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    /// The set's Zaak number, where the document prints it.
    pub zaak: Option<ZaakNumber>,
    /// This document's own Aanhangsel id (`ah-tk-20232024-2129`), for answers and notices.
    pub aanhangsel: Option<String>,
    /// In the printed order: the first is the submitter, the rest co-submitters.
    pub submitters: Vec<Submitter>,
    pub addressees: Vec<Office>,
    /// The subject after `over`, without markup.
    pub subject: Option<String>,
    /// The `(ingezonden …)` date.
    pub submitted: Option<NaiveDate>,
    /// The `(ontvangen …)` date of an answer or notice.
    pub received: Option<NaiveDate>,
    /// Who answers, or who sends the notice.
    pub answerers: Vec<OfficeHolder>,
    /// The offices the answerers answer for as well (`mede namens`).
    pub on_behalf_of: Vec<Office>,
    /// The Aanhangsel id of the notice that postponed this answer (`Zie ook Aanhangsel …`).
    pub earlier_notice: Option<String>,
    /// In document order; a block printed for several numbers (`Vraag 4 en 5`) gives one
    /// question per number, with the same text.
    pub questions: Vec<Question>,
    /// In document order, one per question number answered.
    pub answers: Vec<Answer>,
    /// By number; where the document prints two series of notes (see [`NoteRef`]), in the
    /// order their markers first stand in the text.
    pub footnotes: Vec<Footnote>,
    /// The explanatory note (`Toelichting`), where there is one.
    pub explanation: Option<String>,
    /// Earlier sets of questions this set follows up.
    pub follow_ups: Vec<FollowUp>,
    /// Other documents referred to: Aanhangsel documents and Kamerstukken.
    pub publications: Vec<Publication>,
}

impl Document {
    /// An empty document of a kind, to be filled in by the parser.
    pub fn new(kind: DocumentKind) -> Self {
        Self {
            kind,
            zaak: None,
            aanhangsel: None,
            submitters: Vec::new(),
            addressees: Vec::new(),
            subject: None,
            submitted: None,
            received: None,
            answerers: Vec::new(),
            on_behalf_of: Vec::new(),
            earlier_notice: None,
            questions: Vec::new(),
            answers: Vec::new(),
            footnotes: Vec::new(),
            explanation: None,
            follow_ups: Vec::new(),
            publications: Vec::new(),
        }
    }
}

impl Document {
    /// The place of a note among the document's notes, by which it is named: its number, after
    /// the highest number of each series before its own (a second series' note 1 follows the
    /// first series' last note). A document with one series keeps its numbers.
    pub fn footnote_place(&self, note: NoteRef) -> u32 {
        let before: u32 = (0..note.series)
            .map(|series| {
                self.footnotes
                    .iter()
                    .filter(|f| f.series == series)
                    .map(|f| f.number)
                    .max()
                    .unwrap_or(0)
            })
            .sum();
        before + note.number
    }
}

/// An earlier set of questions, as a later set describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub zaak: ZaakNumber,
    pub submitters: Vec<Submitter>,
    pub submitted: Option<NaiveDate>,
}
