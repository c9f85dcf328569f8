//! Every real document, those shipped in `seeds/corpus/`, those of the second corpus kept as
//! test material in `tests/fixtures/corpus-2/` and the Word letters in
//! `tests/fixtures/documents/`, read as the command reads them and checked against the facts
//! in `tests/corpus/*.toml`, `tests/corpus-2/*.toml` and `tests/documents/*.toml`, which were
//! written by reading the documents. A field left out of a TOML means "not printed" and is
//! checked as such. The published PDFs in `tests/fixtures/documents/` are the same documents
//! as texts of `seeds/corpus/` (their twins): each PDF is checked against its twin's facts.

use kamervragen::model::{Document, NoteRef, Office, Publication};
use kamervragen::parse::parse;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

/// The folders of real documents and of their facts, side by side.
pub const CORPORA: [(&str, &str); 3] = [
    ("seeds/corpus", "tests/corpus"),
    ("tests/fixtures/corpus-2", "tests/corpus-2"),
    ("tests/fixtures/documents", "tests/documents"),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub kind: String,
    pub zaak: Option<String>,
    pub aanhangsel: Option<String>,
    pub submitted: Option<String>,
    pub received: Option<String>,
    pub subject: Option<String>,
    #[serde(default)]
    pub submitters: Vec<Member>,
    #[serde(default)]
    pub addressees: Vec<String>,
    #[serde(default)]
    answerers: Vec<Holder>,
    #[serde(default)]
    on_behalf_of: Vec<String>,
    #[serde(default)]
    pub questions: Vec<Passage>,
    #[serde(default)]
    pub answers: Vec<Passage>,
    #[serde(default)]
    pub footnotes: Vec<Note>,
    #[serde(default)]
    follow_ups: Vec<String>,
    #[serde(default)]
    aanhangsel_refs: Vec<String>,
    #[serde(default)]
    kamerstukken: Vec<String>,
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

/// A question or an answer: its number, how its text begins and ends, what it cites.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub number: u32,
    starts: String,
    ends: String,
    #[serde(default)]
    pub cites: Vec<u32>,
}

/// A footnote: its number and the address it names, if any.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub number: u32,
    pub url: Option<String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compares one field; a mismatch is recorded, not thrown, so one run shows them all.
fn check<T: PartialEq + Debug>(
    problems: &mut Vec<String>,
    file: &str,
    field: &str,
    expected: T,
    actual: T,
) {
    if expected != actual {
        problems.push(format!(
            "{file}: {field}\n    expected {expected:?}\n    read     {actual:?}"
        ));
    }
}

fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    items.into_iter().collect()
}

/// Text as `starts` and `ends` are compared: without white space and hyphens, which
/// extractors lose, add and move.
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}'))
        .collect()
}

/// The passages read against those expected, in order: number, citations, and the text's
/// first and last words.
fn check_passages(
    problems: &mut Vec<String>,
    file: &str,
    field: &str,
    expected: &[Passage],
    read: &[(u32, &str, Vec<u32>)],
) {
    let numbers = |p: &[Passage]| p.iter().map(|p| p.number).collect::<Vec<_>>();
    let read_numbers: Vec<u32> = read.iter().map(|r| r.0).collect();
    if numbers(expected) != read_numbers {
        check(problems, file, field, numbers(expected), read_numbers);
        return;
    }
    for (passage, (number, text, cites)) in expected.iter().zip(read) {
        let text = comparable(text);
        let (starts, ends) = (comparable(&passage.starts), comparable(&passage.ends));
        if !text.starts_with(&starts) || !text.ends_with(&ends) {
            problems.push(format!(
                "{file}: {field} {number}: text\n    expected {:?} … {:?}\n    read     {text:?}",
                passage.starts, passage.ends
            ));
        }
        check(
            problems,
            file,
            &format!("{field} {number}: cites"),
            passage.cites.as_slice(),
            cites.as_slice(),
        );
    }
}

fn compare(file: &str, expected: Expected, document: &Document, problems: &mut Vec<String>) {
    let p = problems;
    let owned = |s: Option<&str>| s.map(str::to_owned);
    check(
        p,
        file,
        "kind",
        expected.kind,
        document.kind.as_str().to_owned(),
    );
    check(
        p,
        file,
        "zaak",
        expected.zaak,
        owned(document.zaak.as_ref().map(|z| z.as_str())),
    );
    check(
        p,
        file,
        "aanhangsel",
        expected.aanhangsel,
        document.aanhangsel.clone(),
    );
    let iso = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    check(
        p,
        file,
        "submitted",
        expected.submitted,
        iso(document.submitted),
    );
    check(
        p,
        file,
        "received",
        expected.received,
        iso(document.received),
    );
    check(
        p,
        file,
        "subject",
        expected.subject,
        document.subject.clone(),
    );
    let members: Vec<Member> = document
        .submitters
        .iter()
        .map(|s| Member {
            name: s.name.clone(),
            party: s.party.clone(),
        })
        .collect();
    check(p, file, "submitters", expected.submitters, members);
    let offices: Vec<String> = document.addressees.iter().map(Office::label).collect();
    check(p, file, "addressees", expected.addressees, offices);
    let holders: Vec<Holder> = document
        .answerers
        .iter()
        .map(|h| Holder {
            title: h.title.clone(),
            name: h.name.clone(),
            portfolio: h.portfolio.clone(),
        })
        .collect();
    check(p, file, "answerers", expected.answerers, holders);
    let on_behalf: Vec<String> = document.on_behalf_of.iter().map(Office::label).collect();
    check(p, file, "on_behalf_of", expected.on_behalf_of, on_behalf);
    // A passage cites notes by the numbers printed at its markers.
    let printed = |cites: &[NoteRef]| cites.iter().map(|c| c.number).collect::<Vec<u32>>();
    let questions: Vec<(u32, &str, Vec<u32>)> = document
        .questions
        .iter()
        .map(|q| (q.number, q.text.as_str(), printed(&q.cites)))
        .collect();
    check_passages(p, file, "question", &expected.questions, &questions);
    let answers: Vec<(u32, &str, Vec<u32>)> = document
        .answers
        .iter()
        .map(|a| (a.number, a.text.as_str(), printed(&a.cites)))
        .collect();
    check_passages(p, file, "answer", &expected.answers, &answers);
    let notes = |n: &[Note]| -> Vec<(u32, Option<String>)> {
        n.iter().map(|n| (n.number, n.url.clone())).collect()
    };
    let read_notes: Vec<(u32, Option<String>)> = document
        .footnotes
        .iter()
        .map(|f| (f.number, f.cited_iri()))
        .collect();
    check(p, file, "footnotes", notes(&expected.footnotes), read_notes);
    check(
        p,
        file,
        "follow_ups",
        set(expected.follow_ups),
        set(document
            .follow_ups
            .iter()
            .map(|f| f.zaak.as_str().to_owned())),
    );
    let references = |wanted: fn(&Publication) -> bool| {
        set(document
            .publications
            .iter()
            .filter(|r| wanted(r))
            .map(|r| r.id().to_owned()))
    };
    check(
        p,
        file,
        "aanhangsel_refs",
        set(expected.aanhangsel_refs),
        references(|r| matches!(r, Publication::Aanhangsel(_))),
    );
    check(
        p,
        file,
        "kamerstukken",
        set(expected.kamerstukken),
        references(|r| matches!(r, Publication::Kamerstuk(_))),
    );
}

/// The expectation files of the shipped corpus (`seeds/corpus/`): the document's path under
/// the project and its expected facts.
pub fn expectations() -> Vec<(String, Expected)> {
    expectations_of(&CORPORA[..1])
}

/// The expectation files of `corpora`.
pub fn expectations_of(corpora: &[(&str, &str)]) -> Vec<(String, Expected)> {
    let mut all = Vec::new();
    for (documents, facts) in corpora {
        let mut paths: Vec<_> = std::fs::read_dir(root().join(facts))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let file = path.file_stem().unwrap().to_str().unwrap();
            let expected = toml::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            all.push((format!("{documents}/{file}"), expected));
        }
    }
    all
}

/// Where the published PDFs are, beside the Word letters.
const PDFS: &str = "tests/fixtures/documents";

/// The published PDFs, each with the text of the same document in `seeds/corpus/`: the file
/// with the PDF's name and `.txt` for `.pdf`, as `SOURCES.tsv` names them.
fn published_pdfs() -> Vec<(String, String)> {
    let mut pdfs: Vec<(String, String)> = std::fs::read_dir(root().join(PDFS))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter_map(|name| {
            let stem = name.strip_suffix(".pdf")?;
            let twin = format!("{}/{stem}.txt", CORPORA[0].0);
            Some((format!("{PDFS}/{name}"), twin))
        })
        .collect();
    pdfs.sort();
    pdfs
}

/// Every real document: one expectation file each, no more, no fewer; a published PDF is
/// described by the facts of its text twin.
#[test]
fn every_real_document_has_its_facts_written() {
    let mut documents = BTreeSet::new();
    for (folder, _) in CORPORA {
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let document = [".txt", ".md", ".docx"].iter().any(|e| name.ends_with(e));
            if document && name != "README.md" {
                documents.insert(format!("{folder}/{name}"));
            }
        }
    }
    let described: BTreeSet<String> = expectations_of(&CORPORA)
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(described, documents);
    assert_eq!(documents.len(), 82);
    let pdfs = published_pdfs();
    for (pdf, twin) in &pdfs {
        assert!(
            described.contains(twin),
            "{pdf}: no facts for its twin {twin}"
        );
    }
    assert_eq!(pdfs.len(), 22);
}

/// Where the parser still reads a document otherwise than its facts say, one mismatch per
/// entry, exactly as these tests print it. The list only shrinks: a mismatch not in it fails
/// the test, and so does an entry the parser no longer gets wrong (remove it then). The entries
/// about PDFs (their file ends in `.pdf`) belong to the test of the PDFs, the others to the
/// test of the texts.
const KNOWN_GAPS: &str = "tests/corpus/known-gaps.txt";

/// Whether an entry of [`KNOWN_GAPS`] is about a PDF: `FILE.pdf: field …`.
fn about_a_pdf(entry: &str) -> bool {
    entry
        .split_once(": ")
        .is_some_and(|(file, _)| file.ends_with(".pdf"))
}

/// Fails unless `problems` are exactly the known gaps of [`KNOWN_GAPS`] that `mine` picks.
fn assert_only_known_gaps(problems: &[String], mine: fn(&str) -> bool) {
    let known = std::fs::read_to_string(root().join(KNOWN_GAPS)).unwrap();
    let known: Vec<&str> = known
        .split("\n\n")
        .map(str::trim_end)
        .filter(|entry| !entry.is_empty() && !entry.starts_with('#') && mine(entry))
        .collect();
    let new: Vec<&String> = problems
        .iter()
        .filter(|p| !known.contains(&p.as_str()))
        .collect();
    let closed: Vec<&&str> = known
        .iter()
        .filter(|k| !problems.iter().any(|p| p == *k))
        .collect();
    assert!(
        new.is_empty() && closed.is_empty(),
        "{} new mismatches:\n{}\n\n{} known gaps no longer seen (remove them from {KNOWN_GAPS}):\n{}",
        new.len(),
        new.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("\n\n"),
        closed.len(),
        closed.iter().map(|k| **k).collect::<Vec<_>>().join("\n\n"),
    );
}

/// Reads a document as the command does and compares it with its facts, as `file`.
fn read_and_compare(path: &str, file: &str, expected: Expected, problems: &mut Vec<String>) {
    let entry = kamervragen::source::SourceEntry {
        path: root().join(path),
        source_path: path.to_owned(),
    };
    let text = match kamervragen::source::read(&entry) {
        Ok(source) => source.text,
        Err(error) => {
            problems.push(format!("{file}: cannot be read: {error}"));
            return;
        }
    };
    match parse(&text) {
        Ok(parsed) => compare(file, expected, &parsed.document, problems),
        Err(error) => problems.push(format!("{file}: failed: {error}")),
    }
}

#[test]
fn every_corpus_document_gives_its_expected_facts() {
    let mut problems = Vec::new();
    for (file, expected) in expectations_of(&CORPORA) {
        read_and_compare(&file, &file, expected, &mut problems);
    }
    assert_only_known_gaps(&problems, |entry| !about_a_pdf(entry));
}

/// Each published PDF, read from the PDF itself (`src/source/pdf.rs`), gives the facts of its
/// text twin: the same document, so the same facts.
#[test]
fn every_published_pdf_gives_the_facts_of_its_text() {
    let facts: std::collections::BTreeMap<String, Expected> = expectations().into_iter().collect();
    let mut problems = Vec::new();
    for (pdf, twin) in published_pdfs() {
        let expected = facts.get(&twin).cloned().expect("the twin has facts");
        read_and_compare(&pdf, &pdf, expected, &mut problems);
    }
    assert_only_known_gaps(&problems, about_a_pdf);
}

/// In the text of ah-tk-20232024-1178, extraction glued footnote marker 4 to the word it
/// follows (`NIS24`), and the parser cannot tell it from the name; the PDF prints it raised
/// and smaller (`NIS2⁴`), so answer 4 cites notes 4, 5 and 6, as it does on paper.
#[test]
fn a_marker_glued_to_a_word_in_the_text_is_read_from_the_pdf() {
    let entry = kamervragen::source::SourceEntry {
        path: root().join(PDFS).join("ah-tk-20232024-1178.pdf"),
        source_path: "ah-tk-20232024-1178.pdf".to_owned(),
    };
    let text = kamervragen::source::read(&entry).unwrap().text;
    let document = parse(&text).unwrap().document;
    let answer = document.answers.iter().find(|a| a.number == 4).unwrap();
    let cites: Vec<u32> = answer.cites.iter().map(|c| c.number).collect();
    assert_eq!(cites, [4, 5, 6]);
    assert!(
        answer.text.contains("Zo geeft NIS2 (Network"),
        "{}",
        answer.text
    );
}
