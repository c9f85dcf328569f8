//! The seed document, read field by field. The expected values were written from the document
//! itself, not from the parser's output.
use super::*;
use crate::model::{DocumentKind, ZaakNumber};
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
        .map(|q| (q.number, q.cites.iter().map(|c| c.number).collect()))
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

/// Every line of every document shipped in `seeds/`, then `extra`: the lines a shortcut that
/// spares a pattern is checked on (the shortcut must never turn away a line the pattern takes).
pub(super) fn shipped_lines(extra: &[&str]) -> Vec<String> {
    let seeds = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
    let mut lines: Vec<String> = crate::source::discover(&[seeds])
        .expect("seeds/ is readable")
        .entries()
        .expect("seeds/ is readable")
        .iter()
        .map(|entry| crate::source::read(entry).expect("a shipped document reads"))
        .flat_map(|file| file.text.lines().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    assert!(lines.len() > 1000, "the seeds hold real documents");
    lines.extend(extra.iter().map(|line| (*line).to_owned()));
    lines
}
