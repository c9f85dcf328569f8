//! The header of a set of questions:
//! `Vragen van <members> aan <offices> over <subject> (ingezonden <date>).`

use super::date::find_date;
use super::lines::fold_spaces;
use super::offices::parse_offices;
use super::submitters::parse_submitters;
use crate::diagnostic::Position;
use crate::error::SyntaxError;
use crate::model::{Office, Submitter};
use chrono::NaiveDate;

/// The words that open a header.
pub const OPENING: &str = "Vragen van ";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub submitters: Vec<Submitter>,
    pub addressees: Vec<Office>,
    pub subject: String,
    pub submitted: Option<NaiveDate>,
}

/// Reads a header whose text (lines joined, markup removed) starts at `position`.
pub fn parse_header(text: &str, position: Position) -> Result<Header, SyntaxError> {
    let text = fold_spaces(text);
    let members_and_rest = text.strip_prefix(OPENING).ok_or_else(|| {
        SyntaxError::new(
            position,
            format!("expected the header to open with `{}`", OPENING.trim()),
        )
    })?;
    let (members, offices_and_rest) =
        split_once_word(members_and_rest, "aan").ok_or_else(|| {
            SyntaxError::new(
                position,
                "expected `aan de …` naming the offices addressed after the members",
            )
        })?;
    let (offices, subject_and_date) =
        split_once_word(offices_and_rest, "over").ok_or_else(|| {
            SyntaxError::new(
                position,
                "expected `over …` giving the subject after the offices addressed",
            )
        })?;
    let (subject, submitted) = split_subject_and_date(subject_and_date);
    let submitters = parse_submitters(members);
    if submitters.is_empty() {
        return Err(SyntaxError::new(
            position,
            "expected at least one member after `Vragen van`",
        ));
    }
    let addressees = parse_offices(offices);
    if addressees.is_empty() {
        return Err(SyntaxError::new(
            position,
            "expected at least one office after `aan`",
        ));
    }
    if subject.is_empty() {
        return Err(SyntaxError::new(
            position,
            "expected a subject after `over`",
        ));
    }
    Ok(Header {
        submitters,
        addressees,
        subject,
        submitted,
    })
}

/// Splits at the first ` word ` (the word standing alone).
fn split_once_word<'a>(text: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let needle = format!(" {word} ");
    let at = text.find(&needle)?;
    Some((&text[..at], &text[at + needle.len()..]))
}

/// `het bericht «…» (ingezonden 18 juli 2019).` → the subject and the date.
fn split_subject_and_date(text: &str) -> (String, Option<NaiveDate>) {
    match text.rfind("(ingezonden") {
        Some(at) => (clean_subject(&text[..at]), find_date(&text[at..])),
        None => (clean_subject(text), None),
    }
}

fn clean_subject(text: &str) -> String {
    text.trim().trim_end_matches(['.', ',']).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_part_of_the_seed_header() {
        let header = parse_header(
            "Vragen van het lid Sjoerdsma (D66) aan de Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking over het bericht «Berucht» (ingezonden 18 juli 2019).",
            Position::line_start(5),
        )
        .unwrap();
        assert_eq!(header.submitters.len(), 1);
        assert_eq!(header.submitters[0].name, "Sjoerdsma");
        assert_eq!(header.addressees.len(), 1);
        assert_eq!(header.subject, "het bericht «Berucht»");
        assert_eq!(header.submitted, NaiveDate::from_ymd_opt(2019, 7, 18));
    }

    #[test]
    fn says_what_is_missing_and_where() {
        let error = parse_header(
            "Vragen van het lid X (Y) over iets",
            Position::line_start(3),
        )
        .unwrap_err();
        assert_eq!(error.position, Position::line_start(3));
        assert!(error.message.contains("aan de"), "{error}");
    }
}
