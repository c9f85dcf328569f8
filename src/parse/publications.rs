//! References to other publications: Aanhangsel documents (`Aanhangsel Handelingen,
//! vergaderjaar 2023–2024, nr. 1843`) and Kamerstukken (`Kamerstuk 21 501-02, nr. 2732`),
//! turned into their ids at officielebekendmakingen.

use crate::model::Publication;
use regex::Regex;
use std::sync::LazyLock;

static AANHANGSEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Aanhangsel ?(?:van de )?Handelingen(?: II)?,? ?vergaderjaar (\d{4}) ?[–-] ?(\d{4}),? ?(?:nr\.? ?)?(\d+)")
        .expect("valid pattern")
});
/// The same with the year first: `vergaderjaar 2023–2024, Aanhangsel van de Handelingen, nr. 2386`.
static AANHANGSEL_YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"vergaderjaar (\d{4}) ?[–-] ?(\d{4}),? Aanhangsel ?(?:van de )?Handelingen(?: II)?,? (?:nr\.? ?)?(\d+)")
        .expect("valid pattern")
});
static KAMERSTUK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[Kk]amer-?stuk(?:-?ken)?(?: ?(?:II|ll))?,?(?: ?vergaderjaar)?(?: ?\d{4} ?[–/-] ?\d{2,4},?)?|TK \d{4}/\d{2,4},|vergaderjaar \d{4}[–-]\d{4},) (\d{2} ?\d{3})(?:[- ]([0-9]{2}|[IVXL]{1,6}|[A-Z]))?,? nr\.? ?(\d+)")
        .expect("valid pattern")
});
static OTHER_DOSSIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:,| en) (\d{2} ?\d{3}),? nr\.? ?(\d+)").expect("valid pattern")
});
static MORE_NUMBERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:, nr\.? ?| en )(\d+)\b").expect("valid pattern"));
/// Eerste Kamer papers are numbered by letter: `Eerste Kamer, 36 373, H`. The closing word
/// boundary is ASCII's (`(?-u:\b)`): Unicode's keeps the fast engine off any text with a
/// non-ASCII letter in it.
static EERSTE_KAMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"Eerste Kamer,(?: vergaderjaar \d{4}[–-]\d{4},)? (\d{2} ?\d{3}),? ([A-Z]{1,2})(?-u:\b)",
    )
    .expect("valid pattern")
});

/// Every reference in `text`, in order of first appearance, each once, leaving out `own`.
pub(crate) fn find_publications(text: &str, own: Option<&str>) -> Vec<Publication> {
    let mut found: Vec<(usize, Publication)> = Vec::new();
    let aanhangsel = AANHANGSEL
        .captures_iter(text)
        .chain(AANHANGSEL_YEAR_FIRST.captures_iter(text));
    for captures in aanhangsel {
        let id = format!("ah-tk-{}{}-{}", &captures[1], &captures[2], &captures[3]);
        if Some(id.as_str()) != own {
            found.push((start(&captures), Publication::Aanhangsel(id)));
        }
    }
    for captures in KAMERSTUK.captures_iter(text) {
        let dossier = captures[1].replace(' ', "");
        let paper = match captures.get(2) {
            Some(sub) => format!("kst-{dossier}-{}", sub.as_str()),
            None => format!("kst-{dossier}"),
        };
        let at = start(&captures);
        found.push((
            at,
            Publication::Kamerstuk(format!("{paper}-{}", &captures[3])),
        ));
        // `nr. 679, nr. 684 en 685`: more numbers in the same dossier; `nr. 811 en 29 984,
        // nr. 1207`: a number of another dossier.
        let mut end = captures.get(0).map_or(0, |m| m.end());
        loop {
            if let Some(other) = OTHER_DOSSIER.captures(&text[end..]) {
                let id = format!("kst-{}-{}", other[1].replace(' ', ""), &other[2]);
                found.push((at, Publication::Kamerstuk(id)));
                end += other.get(0).map_or(0, |m| m.end());
            } else if let Some(more) = MORE_NUMBERS.captures(&text[end..]) {
                found.push((at, Publication::Kamerstuk(format!("{paper}-{}", &more[1]))));
                end += more.get(0).map_or(0, |m| m.end());
            } else {
                break;
            }
        }
    }
    for captures in EERSTE_KAMER.captures_iter(text) {
        let id = format!("kst-{}-{}", captures[1].replace(' ', ""), &captures[2]);
        found.push((start(&captures), Publication::Kamerstuk(id)));
    }
    found.sort_by_key(|(at, _)| *at);
    let mut references: Vec<Publication> = Vec::new();
    for (_, reference) in found {
        if !references.contains(&reference) {
            references.push(reference);
        }
    }
    references
}

fn start(captures: &regex::Captures<'_>) -> usize {
    captures.get(0).map_or(0, |m| m.start())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        find_publications(text, Some("ah-tk-20232024-2129"))
            .iter()
            .map(|r| r.id().to_owned())
            .collect()
    }

    #[test]
    fn aanhangsel_and_kamerstukken_in_their_printed_forms() {
        assert_eq!(
            ids("Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025,nr. 349. Kamerstuk 21 501-02, nr. 2732 en Kamerstuk 36 410 VIII, nr. 106; Kamerstukken II 2023–34, 23 235, nr. 240. Tweede Kamer, vergaderjaar 2023–2024, 19 637, nr. 3198; Kamerstukken II2015–16, 34 104, nr. 128; TK 2023/24, 31 839, nr. 1024; Kamerstukken II, 2022/2023, 31 839, nr 874; Eerste Kamer, 36 373, H"),
            [
                "ah-tk-20242025-349",
                "kst-21501-02-2732",
                "kst-36410-VIII-106",
                "kst-23235-240",
                "kst-19637-3198",
                "kst-34104-128",
                "kst-31839-1024",
                "kst-31839-874",
                "kst-36373-H"
            ]
        );
    }

    #[test]
    fn the_document_itself_and_repeats_are_left_out() {
        assert_eq!(
            ids("Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 2129; Kamerstuk 22 054, nr. 395 en Kamerstuk 22 054, nr. 395"),
            ["kst-22054-395"]
        );
    }
}
