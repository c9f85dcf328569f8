//! Every document of the real corpus (`seeds/corpus/`), read by the parser and checked against
//! the facts in `tests/corpus/*.toml`, which were written by reading the documents.

use kamervragen::model::{Document, Office, Reference};
use kamervragen::parse::parse;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub kind: String,
    pub zaak: Option<String>,
    pub aanhangsel: Option<String>,
    pub submitted: Option<String>,
    pub received: Option<String>,
    pub subject: Option<String>,
    pub submitters: Option<Vec<Member>>,
    pub addressees: Option<Vec<String>>,
    answerers: Option<Vec<Holder>>,
    on_behalf_of: Option<Vec<String>>,
    pub questions: Option<Vec<u32>>,
    answers: Option<Vec<u32>>,
    footnote_urls: Option<Vec<String>>,
    follow_ups: Option<Vec<String>>,
    aanhangsel_refs: Option<Vec<String>>,
    kamerstukken: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    pub party: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Holder {
    title: String,
    name: String,
    portfolio: Option<String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compares one field; a mismatch is recorded, not thrown, so one run shows them all.
fn check<T: PartialEq + Debug>(
    problems: &mut Vec<String>,
    file: &str,
    field: &str,
    expected: Option<T>,
    actual: T,
) {
    if let Some(expected) = expected {
        if expected != actual {
            problems.push(format!(
                "{file}: {field}\n    expected {expected:?}\n    read     {actual:?}"
            ));
        }
    }
}

fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    items.into_iter().collect()
}

fn compare(file: &str, expected: Expected, document: &Document, problems: &mut Vec<String>) {
    let p = problems;
    check(
        p,
        file,
        "kind",
        Some(expected.kind),
        document.kind.as_str().to_owned(),
    );
    check(
        p,
        file,
        "zaak",
        Some(expected.zaak),
        document.zaak.as_ref().map(|z| z.as_str().to_owned()),
    );
    check(
        p,
        file,
        "aanhangsel",
        Some(expected.aanhangsel),
        document.aanhangsel.clone(),
    );
    let iso = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    check(
        p,
        file,
        "submitted",
        Some(expected.submitted),
        iso(document.submitted),
    );
    check(
        p,
        file,
        "received",
        Some(expected.received),
        iso(document.received),
    );
    check(
        p,
        file,
        "subject",
        expected.subject,
        document.subject.clone().unwrap_or_default(),
    );
    let members: Vec<Member> = document
        .submitters
        .iter()
        .map(|s| Member {
            name: s.name.clone(),
            party: s.party.clone(),
        })
        .collect();
    check(
        p,
        file,
        "submitters",
        Some(expected.submitters.unwrap_or_default()),
        members,
    );
    let offices: Vec<String> = document.addressees.iter().map(Office::label).collect();
    check(
        p,
        file,
        "addressees",
        Some(expected.addressees.unwrap_or_default()),
        offices,
    );
    let holders: Vec<Holder> = document
        .answerers
        .iter()
        .map(|h| Holder {
            title: h.title.clone(),
            name: h.name.clone(),
            portfolio: h.portfolio.clone(),
        })
        .collect();
    check(
        p,
        file,
        "answerers",
        Some(expected.answerers.unwrap_or_default()),
        holders,
    );
    let on_behalf: Vec<String> = document.on_behalf_of.iter().map(Office::label).collect();
    check(
        p,
        file,
        "on_behalf_of",
        Some(expected.on_behalf_of.unwrap_or_default()),
        on_behalf,
    );
    check(
        p,
        file,
        "questions",
        expected.questions.map(set),
        set(document.questions.iter().map(|q| q.number)),
    );
    check(
        p,
        file,
        "answers",
        expected.answers.map(set),
        set(document.answers.iter().map(|a| a.number)),
    );
    check(
        p,
        file,
        "footnote_urls",
        expected.footnote_urls.map(set),
        set(document.footnotes.iter().filter_map(|f| f.url.clone())),
    );
    check(
        p,
        file,
        "follow_ups",
        expected.follow_ups.map(set),
        set(document
            .follow_ups
            .iter()
            .map(|f| f.zaak.as_str().to_owned())),
    );
    let references = |wanted: fn(&Reference) -> bool| {
        set(document
            .references
            .iter()
            .filter(|r| wanted(r))
            .map(|r| r.id().to_owned()))
    };
    check(
        p,
        file,
        "aanhangsel_refs",
        expected.aanhangsel_refs.map(set),
        references(|r| matches!(r, Reference::Aanhangsel(_))),
    );
    check(
        p,
        file,
        "kamerstukken",
        expected.kamerstukken.map(set),
        references(|r| matches!(r, Reference::Kamerstuk(_))),
    );
}

/// Every expectation file: the corpus document's file name and its expected facts.
pub fn expectations() -> Vec<(String, Expected)> {
    let mut paths: Vec<_> = std::fs::read_dir(root().join("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let file = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let expected = toml::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (file, expected)
        })
        .collect()
}

#[test]
fn every_corpus_document_gives_its_expected_facts() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (file, expected) in expectations() {
        let text = std::fs::read_to_string(root().join("seeds/corpus").join(&file)).unwrap();
        match parse(&text) {
            Ok(parsed) => compare(&file, expected, &parsed.document, &mut problems),
            Err(error) => problems.push(format!("{file}: failed: {error}")),
        }
        checked += 1;
    }
    assert_eq!(checked, 46, "one expectation file per corpus document");
    assert!(
        problems.is_empty(),
        "{} mismatches:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
