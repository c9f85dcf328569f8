//! The answer and notice lines: `Antwoord van Minister X (P) (ontvangen D).`,
//! `…, mede namens de Minister van Y (ontvangen D)`, `Antwoord van Minister X (P) en van
//! Minister Y (Q)`, `Mededeling van staatssecretaris X (P)`; and what a ministry's answer
//! letter gives instead: the offices its annex heading names (`Antwoorden van de minister van
//! X mede namens de minister van Y op …`), the names its signature puts under them
//! (`De minister van X,` / `D. Yeşilgöz-Zegerius`), and the Zaak number of the letter it
//! answers (`In antwoord op uw brief van 10 oktober 2023, nr. 2023Z16994`).

use super::date::find_date;
use super::lines::fold_spaces;
use super::offices::parse_offices;
use crate::model::{Office, OfficeHolder};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// What an answer or notice line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HolderLine {
    pub holders: Vec<OfficeHolder>,
    pub on_behalf_of: Vec<Office>,
    pub received: Option<NaiveDate>,
    /// `Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1843`: the earlier notice
    /// that postponed this answer.
    pub see_also: Option<String>,
}

static HOLDER: LazyLock<Regex> = LazyLock::new(|| {
    // The portfolio's closing parenthesis is sometimes missing in the source
    // (`Karremans (Volksgezondheid, Welzijn en Sport (ontvangen …`); the line's end closes it.
    Regex::new(r"(?i:\b(minister-president|minister|staatssecretaris))\s+([^()]+?)\s*\(([^()]*?)\s*(?:\)|$)")
        .expect("valid pattern")
});

/// A signature's office line: `De minister van Justitie en Veiligheid,`.
static SIGNING_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:de )((?i:minister-president|minister|staatssecretaris) (?i:van|voor) .+?),?$")
        .expect("valid pattern")
});
/// A signature's name: initials, then the name (`D.M. van Weel`).
static SIGNING_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}\.\s?)+\s*(\p{L}[\p{L}'’ -]{1,60})$").expect("valid pattern")
});
static LETTER_ANSWERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:uw brief van) [^,]{1,40},? nr\.? ?(\d{4}Z ?\d{5})\b").expect("valid pattern")
});

/// The offices an answer letter's annex heading names as answering, with `mede namens …`:
/// the holders' names come from the letter's signature ([`signatures`]); an office no
/// signature names is left out of the holders.
pub(crate) fn answering_offices(text: &str, signatures: &[(Office, String)]) -> HolderLine {
    let text = fold_spaces(text);
    let (answering, on_behalf) = match text.find("mede namens") {
        Some(at) => (&text[..at], Some(&text[at + "mede namens".len()..])),
        None => (text.as_str(), None),
    };
    let holders = parse_offices(answering.trim().trim_end_matches(','))
        .into_iter()
        .filter_map(|office| {
            let (_, name) = signatures
                .iter()
                .find(|(signed, _)| same_office(signed, &office))?;
            Some(OfficeHolder {
                title: capitalise(&office.title),
                name: name.clone(),
                portfolio: office.portfolio.clone(),
            })
        })
        .collect();
    let on_behalf_of = on_behalf
        .map(|offices| parse_offices(offices.trim().trim_end_matches([',', '.'])))
        .unwrap_or_default();
    HolderLine {
        holders,
        on_behalf_of,
        received: None,
        see_also: None,
    }
}

fn same_office(a: &Office, b: &Office) -> bool {
    let key = |office: &Office| {
        (
            office.title.to_lowercase(),
            office
                .portfolio
                .as_deref()
                .map(|p| p.to_lowercase().replace(',', "")),
        )
    };
    key(a) == key(b)
}

/// A letter's signatures: a paragraph that is an office (`De minister van X,`) followed by one
/// that is a name under initials (`D. Yeşilgöz-Zegerius`).
pub(crate) fn signatures(paragraphs: &[&str]) -> Vec<(Office, String)> {
    paragraphs
        .windows(2)
        .filter_map(|pair| {
            let office = SIGNING_OFFICE.captures(pair[0].trim())?;
            let name = SIGNING_NAME.captures(pair[1].trim())?;
            let office = parse_offices(&office[1]).into_iter().next()?;
            Some((office, name[1].trim().to_owned()))
        })
        .collect()
}

/// The Zaak number of the questions a letter answers: `In antwoord op uw brief van 10 oktober
/// 2023, nr. 2023Z16994`.
pub(crate) fn letter_zaak(text: &str) -> Option<crate::model::ZaakNumber> {
    let captures = LETTER_ANSWERED.captures(text)?;
    crate::model::ZaakNumber::parse(&captures[1].replace(' ', ""))
}

/// How the date an answer or notice was received opens; with a capital in older years, as
/// `(Ingezonden …)` is.
const RECEIVED: [&str; 2] = ["(ontvangen", "(Ontvangen"];

/// Whether `text` opens with the date received, `(ontvangen …` or `(Ontvangen …`.
pub(crate) fn opens_with_received(text: &str) -> bool {
    RECEIVED.iter().any(|opening| text.starts_with(opening))
}

/// Where the last `(ontvangen` or `(Ontvangen` stands.
pub(crate) fn find_received(text: &str) -> Option<usize> {
    RECEIVED
        .iter()
        .filter_map(|opening| text.rfind(opening))
        .max()
}

/// Reads the text after `Antwoord van ` or `Mededeling van `.
pub(crate) fn parse_holder_line(text: &str) -> HolderLine {
    let text = fold_spaces(text);
    let received = find_received(&text).and_then(|at| find_date(&text[at..]));
    let before_date = RECEIVED
        .iter()
        .filter_map(|opening| text.find(opening))
        .min()
        .map_or(text.as_str(), |at| &text[..at]);
    let before_see_also = before_date
        .find("Zie ook")
        .map_or(before_date, |at| &before_date[..at]);
    let (holders_text, on_behalf_text) = match before_see_also.find("mede namens") {
        Some(at) => (
            &before_see_also[..at],
            Some(&before_see_also[at + "mede namens".len()..]),
        ),
        None => (before_see_also, None),
    };
    let holders = HOLDER
        .captures_iter(holders_text)
        .map(|captures| OfficeHolder {
            title: capitalise(&captures[1]),
            name: clean_name(&captures[2]),
            portfolio: Some(fold_spaces(&captures[3])).filter(|p| !p.is_empty()),
        })
        .collect();
    let on_behalf_of = on_behalf_text
        .map(|offices| parse_offices(offices.trim().trim_end_matches([',', '.'])))
        .unwrap_or_default();
    let see_also = text.find("Zie ook").and_then(|at| {
        super::publications::find_publications(&text[at..], None)
            .into_iter()
            .find_map(|reference| match reference {
                crate::model::Publication::Aanhangsel(id) => Some(id),
                crate::model::Publication::Kamerstuk(_) => None,
            })
    });
    HolderLine {
        holders,
        on_behalf_of,
        received,
        see_also,
    }
}

/// `minister` → `Minister`, `minister-president` → `Minister-President`.
pub fn capitalise(title: &str) -> String {
    title
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A name as printed, white space folded and a spaced dash in a double surname made a hyphen
/// (`Faber – van de Klashorst` → `Faber-van de Klashorst`).
pub(crate) fn clean_name(name: &str) -> String {
    let folded = fold_spaces(name);
    // Few names hold a dash, and each replacement below makes a new string.
    if !folded.contains(['–', '-', '—']) {
        return folded;
    }
    ["  – ", " – ", " - ", " — ", " –", "– "]
        .iter()
        .fold(folded, |name, dash| name.replace(dash, "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holders(text: &str) -> Vec<(String, String, Option<String>)> {
        parse_holder_line(text)
            .holders
            .into_iter()
            .map(|h| (h.title, h.name, h.portfolio))
            .collect()
    }

    fn holder(title: &str, name: &str, portfolio: &str) -> (String, String, Option<String>) {
        (title.into(), name.into(), Some(portfolio.into()))
    }

    #[test]
    fn one_holder_and_the_date() {
        let line =
            parse_holder_line("Minister Bruins Slot (Buitenlandse Zaken) (ontvangen 3 juni 2024).");
        assert_eq!(line.holders[0].name, "Bruins Slot");
        assert_eq!(line.received, NaiveDate::from_ymd_opt(2024, 6, 3));
    }

    #[test]
    fn the_date_received_with_a_capital_as_older_years_print_it() {
        let text = "Minister Asscher (Sociale Zaken en Werkgelegenheid) (Ontvangen 8 maart 2016)";
        assert_eq!(
            holders(text),
            vec![holder(
                "Minister",
                "Asscher",
                "Sociale Zaken en Werkgelegenheid"
            )]
        );
        assert_eq!(
            parse_holder_line(text).received,
            NaiveDate::from_ymd_opt(2016, 3, 8)
        );
    }

    #[test]
    fn two_holders_even_without_en() {
        assert_eq!(
            holders("Minister Bruins Slot (BZ) van Minister Schreinemacher (Buitenlandse Handel en Ontwikkelingssamenwerking) (ontvangen 28 juni 2024)."),
            vec![
                holder("Minister", "Bruins Slot", "BZ"),
                holder("Minister", "Schreinemacher", "Buitenlandse Handel en Ontwikkelingssamenwerking"),
            ]
        );
    }

    #[test]
    fn on_behalf_of_and_lower_case_titles() {
        let line = parse_holder_line("minister Van Hijum (Sociale Zaken en Werkgelegenheid), mede namens de minister van Justitie en Veiligheid (ontvangen 19 november 2024)");
        assert_eq!(line.holders[0].title, "Minister");
        let offices: Vec<String> = line.on_behalf_of.iter().map(Office::label).collect();
        assert_eq!(offices, ["Minister van Justitie en Veiligheid"]);
    }

    #[test]
    fn see_also_names_the_earlier_notice() {
        let line = parse_holder_line("Minister Van Weel (Justitie en Veiligheid) (ontvangen 18 november 2024). Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025,nr. 349.");
        assert_eq!(line.see_also.as_deref(), Some("ah-tk-20242025-349"));
    }

    #[test]
    fn a_doubled_date_keyword_and_a_spaced_dash() {
        let line = parse_holder_line("Minister Faber – van de Klashorst (Asiel en Migratie) (ontvangen (ontvangen 7 juni 2024).");
        assert_eq!(line.holders[0].name, "Faber-van de Klashorst");
        assert_eq!(line.received, NaiveDate::from_ymd_opt(2024, 6, 7));
    }

    /// The letter of 2023Z14759 (tests/fixtures/documents/): signed under the second of two
    /// office lines, the annex heading naming that office and the one on whose behalf.
    #[test]
    fn a_letters_signature_names_the_office_its_annex_heading_names() {
        let paragraphs = [
            "mede namens de minister van Justitie en Veiligheid,",
            "de minister van Landbouw, Natuur en Voedselkwaliteit",
            "P. Adema",
            "De Minister van Justitie en Veiligheid,",
            "D.M. van Weel",
        ];
        let signatures = signatures(&paragraphs);
        let names: Vec<&str> = signatures.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["Adema", "van Weel"]);
        let line = answering_offices(
            "de minister van Landbouw, Natuur en Voedselkwaliteit mede namens de minister van Justitie en Veiligheid",
            &signatures,
        );
        assert_eq!(
            line.holders,
            [OfficeHolder {
                title: "Minister".to_owned(),
                name: "Adema".to_owned(),
                portfolio: Some("Landbouw, Natuur en Voedselkwaliteit".to_owned()),
            }]
        );
        assert_eq!(
            line.on_behalf_of[0].portfolio.as_deref(),
            Some("Justitie en Veiligheid")
        );
        // An office no signature names has no holder: a name is never made up.
        assert!(
            answering_offices("de minister voor Klimaat en Energie", &signatures)
                .holders
                .is_empty()
        );
    }

    #[test]
    fn the_zaak_number_of_the_letter_answered() {
        let cover = "In antwoord op uw brief van 10 oktober 2023, nr. 2023Z16994, deel ik u mede";
        assert_eq!(letter_zaak(cover).unwrap().as_str(), "2023Z16994");
        // Lahlah and Chakor's letter cites a number that is not a Zaak number.
        assert_eq!(
            letter_zaak("op uw brief van 8 maart 2024, nr. 5293107, deel ik"),
            None
        );
    }
}
