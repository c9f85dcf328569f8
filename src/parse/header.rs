//! The header of a set of questions:
//! `Vragen van <members> aan <offices> over <subject> (ingezonden <date>).`, and the same facts
//! as a notice's prose gives them (`De vragen van het lid X (P) over Y (2024Z17067) kunnen niet
//! …`, `hebben de leden X en Y (beiden P) schriftelijke vragen gesteld aan … over …`).

use super::bytes;
use super::date::find_date;
use super::lines::fold_spaces;
use super::offices::parse_offices;
use super::sections::HEADER_OPENINGS;
use super::submitters::parse_submitters;
use crate::model::{Office, Submitter};
use crate::parse::SyntaxError;
use crate::source::diagnostic::Position;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// A small word glued to the capital after it. The word boundary is ASCII's (`(?-u:\b)`):
/// Unicode's keeps the fast engine off any text with a non-ASCII letter in it, and no small
/// word follows a non-ASCII letter.
static GLUED_PREPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(van|voor|de|der|den|het|aan|en)(\p{Lu})").expect("valid pattern")
});
static NOTICE_QUESTIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:vragen) van ((?:het|de) (?:lid|leden) .+?)(?: van uw Kamer)?(?: aan (.+?))? over (.+?)(?: ?\((?:ingezonden [^)]*|\d{4}Z\d{5})\))* (?:kunnen|zijn|konden|worden|niet)\b")
        .expect("valid pattern")
});
static NOTICE_ASKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:hebben|heeft) ((?:het|de) (?:lid|leden) .+?) (?:schriftelijke )?vragen gesteld aan (.+?) over (.+?)\.(?:\s|$)")
        .expect("valid pattern")
});

/// The questions an answer letter's annex heading names after its answer line:
/// `… op [de] [Kamer]vragen [van] [het lid|de leden] X (P) [aan …] over Y`.
static ANSWERED_QUESTIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?) op (?:de )?(?i:kamervragen|vragen)(?: van)? (.+)$").expect("valid pattern")
});

/// `(ingezonden`, as printed in any case.
const SUBMITTED: &str = "(ingezonden";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub submitters: Vec<Submitter>,
    pub addressees: Vec<Office>,
    pub subject: String,
    pub submitted: Option<NaiveDate>,
}

/// Reads a header whose text (lines joined, markup removed) starts at `position`.
pub(crate) fn parse_header(text: &str, position: Position) -> Result<Header, SyntaxError> {
    let text = repair_glued_words(&fold_spaces(text));
    let members_and_rest = HEADER_OPENINGS
        .iter()
        .find_map(|opening| text.strip_prefix(opening))
        .ok_or_else(|| {
            SyntaxError::new(position, "expected the header to open with `Vragen van`")
        })?;
    let (members, offices_and_rest) =
        split_once_word(members_and_rest, "aan").ok_or_else(|| {
            SyntaxError::new(
                position,
                "expected `aan de …` naming the offices addressed after the members",
            )
        })?;
    let (offices, subject_and_date) = split_once_word(offices_and_rest, "over")
        .or_else(|| split_at_glued_over(offices_and_rest))
        .map(|(offices, rest)| (without_absence(offices), rest))
        .ok_or_else(|| {
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

/// What can be read of a header the grammar does not fit: the members before `aan`, the date
/// in `(ingezonden …)`; offices and subject only when `aan` and `over` are both found.
pub(crate) fn salvage(text: &str) -> Option<Header> {
    let text = repair_glued_words(&fold_spaces(text));
    let rest = HEADER_OPENINGS
        .iter()
        .find_map(|opening| text.strip_prefix(opening))?;
    let submitted = find_submitted(rest).and_then(|at| find_date(&rest[at..]));
    let before_date = &rest[..find_submitted(rest).unwrap_or(rest.len())];
    let (members, offices) = match split_once_word(before_date, "aan") {
        Some((members, rest)) => (members, Some(rest)),
        None => (before_date, None),
    };
    let addressees = offices
        .and_then(|rest| split_once_word(rest, "over").or_else(|| split_at_glued_over(rest)))
        .map(|(offices, _)| parse_offices(without_absence(offices)))
        .unwrap_or_default();
    let submitters = parse_submitters(members);
    Some(Header {
        submitters,
        addressees,
        subject: String::new(),
        submitted,
    })
}

/// An answer letter's annex heading, `Antwoorden van <offices> op [de] [Kamer]vragen van
/// <members> [aan <offices>] over <subject>`, without its opening: the answering offices (with
/// `mede namens …` still in them) and the questions' header, which prints no date.
pub(crate) fn answered_questions(text: &str) -> Option<(String, Header)> {
    let text = repair_glued_words(&fold_spaces(text));
    let captures = ANSWERED_QUESTIONS.captures(&text)?;
    let header = named_questions(&captures[2])?;
    Some((captures[1].to_owned(), header))
}

/// The offices a letter's other mentions of the questions put them to, where its annex
/// heading does not: the first paragraph that names them (`Beantwoording Kamervragen van het
/// lid X (P) aan de ministers van … over …`, `… dat de vragen van … aan … over … worden
/// beantwoord`).
pub(crate) fn addressees_named(paragraphs: &str) -> Vec<Office> {
    paragraphs
        .split("\n\n")
        .filter_map(|paragraph| {
            let paragraph = repair_glued_words(&fold_spaces(paragraph));
            let at = paragraph.to_lowercase().find("vragen van ")?;
            named_questions(&paragraph[at + "vragen van ".len()..])
        })
        .map(|header| header.addressees)
        .find(|addressees| !addressees.is_empty())
        .unwrap_or_default()
}

/// `[het lid|de leden|lid] <members> [aan <offices>] over <subject>`: questions as a letter
/// names them, without a date.
fn named_questions(text: &str) -> Option<Header> {
    let rest = text.trim_end_matches('.');
    let (members_and_offices, subject) = split_once_word(rest, "over")?;
    let (members, addressees) = match split_once_word(members_and_offices, "aan") {
        Some((members, offices)) => (members, parse_offices(without_absence(offices))),
        None => (members_and_offices, Vec::new()),
    };
    // `op Kamervragen lid X (P)`: the article left out.
    let members = match members.strip_prefix("lid ") {
        Some(rest) => format!("het lid {rest}"),
        None => members.to_owned(),
    };
    let submitters = parse_submitters(&members);
    let subject = clean_subject(subject);
    (!submitters.is_empty() && !subject.is_empty()).then_some(Header {
        submitters,
        addressees,
        subject,
        submitted: None,
    })
}

/// The questions a notice's prose describes, where it describes them in one of the usual
/// sentences. Offices and date are often left out there.
pub(crate) fn header_in_notice(text: &str) -> Option<Header> {
    let text = repair_glued_words(&fold_spaces(text));
    let captures = NOTICE_QUESTIONS
        .captures(&text)
        .or_else(|| NOTICE_ASKED.captures(&text))?;
    let submitters = parse_submitters(&captures[1]);
    let addressees = captures
        .get(2)
        .map(|m| parse_offices(m.as_str()))
        .unwrap_or_default();
    let (subject, submitted) = split_subject_and_date(&captures[3]);
    let submitted = submitted.or_else(|| {
        let whole = captures.get(0)?.as_str();
        whole
            .find(SUBMITTED)
            .or_else(|| whole.find("(Ingezonden"))
            .and_then(|at| find_date(&whole[at..]))
    });
    (!submitters.is_empty() && !subject.is_empty()).then_some(Header {
        submitters,
        addressees,
        subject,
        submitted,
    })
}

/// `vanBinnenlandse Zaken` → `van Binnenlandse Zaken`, `Inge vanDijk` → `Inge van Dijk`: the
/// space PDF extraction lost after a small word before a capital.
pub(crate) fn repair_glued_words(text: &str) -> String {
    GLUED_PREPOSITION.replace_all(text, "$1 $2").into_owned()
}

/// `Welzijn en Sportover zorg`, `Sport overhet verdwijnen`, `Sport overde`: PDF extraction
/// lost the space before or after `over`. After it, only a word a subject opens with (an
/// article, a capital, a quote) counts, so that `overleg` or `overheid` stay whole.
fn split_at_glued_over(text: &str) -> Option<(&str, &str)> {
    static GLUED_OVER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\p{Ll}over |(?:^| )over(?:de |het |een |\p{Lu}|[«“‘\x22'])")
            .expect("valid pattern")
    });
    let found = GLUED_OVER.find(text)?;
    let over = found.start() + found.as_str().find("over")?;
    let rest = text[over + "over".len()..].trim_start();
    Some((text[..over].trim_end(), rest))
}

/// The offices without `(bij afwezigheid van de Staatssecretaris van …)`: the office that
/// would have answered but for its holder's absence is not addressed.
fn without_absence(offices: &str) -> &str {
    match offices.find("(bij afwezigheid") {
        Some(at) => offices[..at].trim_end(),
        None => offices,
    }
}

/// Splits at the first ` word ` (the word standing alone).
fn split_once_word<'a>(text: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let needle = format!(" {word} ");
    let at = bytes::find(text, &needle)?;
    Some((&text[..at], &text[at + needle.len()..]))
}

/// `het bericht «…» (ingezonden 18 juli 2019).` → the subject and the date.
fn split_subject_and_date(text: &str) -> (String, Option<NaiveDate>) {
    match find_submitted(text) {
        Some(at) => (clean_subject(&text[..at]), find_date(&text[at..])),
        None => (clean_subject(text), None),
    }
}

/// Where the last `(ingezonden` or `(Ingezonden` stands.
pub(crate) fn find_submitted(text: &str) -> Option<usize> {
    let lower = text.rfind(SUBMITTED);
    let upper = text.rfind("(Ingezonden");
    lower.max(upper)
}

fn clean_subject(text: &str) -> String {
    text.trim()
        .trim_end_matches(['.', ',', ':'])
        .trim()
        .to_owned()
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

    #[test]
    fn glued_words_are_parted_before_any_capital_and_only_after_a_small_word() {
        assert_eq!(repair_glued_words("Inge vanDijk"), "Inge van Dijk");
        assert_eq!(repair_glued_words("de heer vanÖzdil"), "de heer van Özdil");
        assert_eq!(
            repair_glued_words("Minister voorBuitenlandse"),
            "Minister voor Buitenlandse"
        );
        // A capital after other letters, and a text with no capital after a small word's end.
        assert_eq!(repair_glued_words("GroenLinks-PvdA"), "GroenLinks-PvdA");
        assert_eq!(
            repair_glued_words("de Minister van Financiën"),
            "de Minister van Financiën"
        );
    }

    #[test]
    fn glued_words_in_office_names_are_parted() {
        let header = parse_header(
            "Vragen van de leden Kathmann (GroenLinks-PvdA) en El Abassi (DENK) aan de Minister van Justitie en Veiligheid en de Minister en Staatssecretaris vanBinnenlandse Zaken en Koninkrijksrelaties over de Wet politiegegevens (ingezonden 15 november 2024).",
            Position::line_start(1),
        )
        .unwrap();
        let offices: Vec<String> = header.addressees.iter().map(Office::label).collect();
        assert_eq!(
            offices,
            [
                "Minister van Justitie en Veiligheid",
                "Minister van Binnenlandse Zaken en Koninkrijksrelaties",
                "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
            ]
        );
    }

    #[test]
    fn the_questions_a_notice_describes() {
        let header = header_in_notice("De vragen van het lid Flach (SGP) over de beantwoording van schriftelijke vragen over stallen (2024Z17067) kunnen niet binnen de gebruikelijke termijn worden beantwoord.").unwrap();
        assert_eq!(header.submitters[0].name, "Flach");
        assert_eq!(
            header.subject,
            "de beantwoording van schriftelijke vragen over stallen"
        );
        let asked = header_in_notice("Op 6 november jl. hebben de leden Gabriëls en Bromet (beiden GroenLinks-PvdA) schriftelijke vragen gesteld aan de minister van Landbouw, Visserij, Voedselzekerheid en Natuur en de staatssecretaris van Infrastructuur en Waterstaat over de berichten dat Zeeuwse buffels te veel PFAS binnenkrijgen. Vanwege").unwrap();
        assert_eq!(asked.submitters.len(), 2);
        let offices: Vec<String> = asked.addressees.iter().map(Office::label).collect();
        assert_eq!(
            offices,
            [
                "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
                "Staatssecretaris van Infrastructuur en Waterstaat"
            ]
        );
    }

    /// Annex headings of tests/fixtures/documents/: the article left out (`Kamervragen lid X`),
    /// `mede namens`, and a subject with `over` in it.
    #[test]
    fn an_answer_letters_annex_heading() {
        let (answering, header) = answered_questions(
            "de minister van Landbouw, Natuur en Voedselkwaliteit mede namens de minister van Justitie en Veiligheid op Kamervragen lid Wassenberg (PvdD) over het gebrek aan landelijke registratie.",
        )
        .unwrap();
        assert_eq!(
            answering,
            "de minister van Landbouw, Natuur en Voedselkwaliteit mede namens de minister van Justitie en Veiligheid"
        );
        assert_eq!(header.submitters[0].name, "Wassenberg");
        assert_eq!(header.submitters[0].party.as_deref(), Some("PvdD"));
        assert_eq!(header.subject, "het gebrek aan landelijke registratie");
        let (_, header) = answered_questions(
            "de Minister van Justitie en Veiligheid op de vragen van de leden Mutluer (PvdA) en Ellemeet (GroenLinks) over een uitzending van Argos over de dood van Sammy Baker",
        )
        .unwrap();
        let names: Vec<&str> = header.submitters.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Mutluer", "Ellemeet"]);
        assert_eq!(
            header.subject,
            "een uitzending van Argos over de dood van Sammy Baker"
        );
        assert!(header.addressees.is_empty());
    }
}
