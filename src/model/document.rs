use super::{Footnote, Office, Question, Submitter, ZaakNumber};
use chrono::NaiveDate;

/// Which of the published kinds a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A set of written questions (`Vragen van het lid …`).
    Questions,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Questions => "questions",
        }
    }
}

/// One source document, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    pub zaak: ZaakNumber,
    /// In the printed order: the first is the submitter, the rest co-submitters.
    pub submitters: Vec<Submitter>,
    pub addressees: Vec<Office>,
    /// The subject after `over`, without markup.
    pub subject: String,
    /// The `(ingezonden …)` date.
    pub submitted: Option<NaiveDate>,
    /// In document order.
    pub questions: Vec<Question>,
    /// By number.
    pub footnotes: Vec<Footnote>,
    /// The explanatory note (`Toelichting`), where there is one.
    pub explanation: Option<String>,
    /// Earlier sets of questions this set follows up.
    pub follow_ups: Vec<FollowUp>,
}

/// An earlier set of questions, as a later set describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub zaak: ZaakNumber,
    pub submitters: Vec<Submitter>,
    pub submitted: Option<NaiveDate>,
}
