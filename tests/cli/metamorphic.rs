//! A metamorphic property over every real document: perturbed as PDF extractors perturb text,
//! a document gives the same facts. The perturbation inserts page furniture (a page's running
//! footer, as PDF text prints it between two pages) at line breaks; the facts compared are
//! those a researcher counts: the kind, the Zaak number, the submitters, the offices, the date,
//! the numbers of the questions and answers in order, and the footnotes' numbers and addresses.
//!
//! `PROPTEST_CASES` sets the cases per document (default 256, which CI runs).

use super::corpus::CORPORA;
use kamervragen::model::Document;
use kamervragen::parse::parse;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRng, TestRunner};
use std::path::Path;

/// What must not change.
fn facts(document: &Document) -> String {
    let submitters: Vec<&str> = document
        .submitters
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let offices: Vec<String> = document.addressees.iter().map(|o| o.label()).collect();
    let questions: Vec<u32> = document.questions.iter().map(|q| q.number).collect();
    let answers: Vec<u32> = document.answers.iter().map(|a| a.number).collect();
    let footnotes: Vec<(u32, Option<String>)> = document
        .footnotes
        .iter()
        .map(|f| (f.number, f.cited_iri()))
        .collect();
    format!(
        "{} {:?} {submitters:?} {offices:?} {:?} {questions:?} {answers:?} {footnotes:?}",
        document.kind.as_str(),
        document.zaak,
        document.submitted,
    )
}

/// The real documents: the seed and both corpora.
fn documents() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("seeds/2019Z15244.md")];
    for (folder, _) in CORPORA {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap();
            if name.ends_with(".txt") || name.ends_with(".md") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

/// The text with a page's footer inserted before each line named in `before` (indices into
/// the lines, taken modulo their count). A footer stands between pages, so it goes only before a
/// line that opens a part (`Vraag n`, `Antwoord n`) or follows a blank line. For an odd value
/// it is glued to a line that opens with a capital, as PDF text joins them (`… Aanhangsel
/// 2Antwoord 3`).
fn with_furniture(text: &str, before: &[usize]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let places: Vec<usize> = (1..lines.len())
        .filter(|&i| {
            let line = lines[i].trim_start_matches(['#', ' ']);
            lines[i - 1].trim().is_empty()
                || line.starts_with("Vraag ")
                || line.starts_with("Antwoord ")
        })
        .collect();
    if places.is_empty() {
        return text.to_owned();
    }
    let chosen: Vec<(usize, bool)> = before
        .iter()
        .map(|b| (places[b % places.len()], b % 2 == 1))
        .collect();
    let mut out = String::with_capacity(text.len() + 64 * before.len());
    for (index, line) in lines.iter().enumerate() {
        if let Some(&(_, glue)) = chosen.iter().find(|(at, _)| *at == index) {
            out.push_str("Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2");
            if !(glue && line.starts_with(char::is_uppercase)) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Documents whose facts still change under the perturbation. The list only shrinks: the test
/// fails for any other document, and for one listed that now holds.
const KNOWN_TO_CHANGE: &[&str] = &[];

#[test]
fn page_furniture_between_parts_changes_no_fact() {
    let before = proptest::collection::vec(any::<usize>(), 1..4);
    check_every_document(
        before,
        |text, before| with_furniture(text, before),
        KNOWN_TO_CHANGE,
    );
}

/// Runs the property over every real document: the text perturbed by `perturb` with values
/// drawn from `strategy` gives the facts the text gives. A document listed in `known` must
/// still fail it, and no other may.
fn check_every_document<S: Strategy>(
    strategy: S,
    perturb: impl Fn(&str, &S::Value) -> String,
    known: &[&str],
) {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256);
    let mut failures = Vec::new();
    for (path, text) in documents() {
        let Ok(original) = parse(&text) else {
            failures.push(format!("{path}: not read"));
            continue;
        };
        let expected = facts(&original.document);
        let config = Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        };
        // The same cases on every run, so that the list of documents known to change holds.
        let rng = TestRng::deterministic_rng(config.rng_algorithm);
        let mut runner = TestRunner::new_with_rng(config, rng);
        let result = runner.run(&strategy, |value| {
            let perturbed = perturb(&text, &value);
            let read = parse(&perturbed).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(facts(&read.document), expected.clone());
            Ok(())
        });
        let listed = known.iter().any(|k| path.ends_with(k));
        match result {
            Err(error) if !listed => failures.push(format!("{path}: {error}")),
            Ok(()) if listed => failures.push(format!("{path}: holds now; take it off the list")),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A line of running prose, where extractors break and glue words: long enough, without
/// digits (no numbers, dates or markers), and opening no part.
fn is_prose(line: &str) -> bool {
    let openings = [
        "Vraag",
        "Vragen",
        "Antwoord",
        "Mededeling",
        "Toelichting",
        "#",
    ];
    line.split_whitespace().count() >= 6
        && !line.bytes().any(|b| b.is_ascii_digit())
        && !openings.iter().any(|o| line.trim_start().starts_with(o))
        && !line.contains(['<', '*', '_', '[', ']', '/', ':', '@'])
}

/// The text with extraction's artefacts in the prose lines picked by `picks`: a long word
/// hyphenated at a line end it did not have (`vredesonderhande-` / `lingen`), or two words
/// glued where a space was lost (`hettweeminutendebat`).
fn with_artefacts(text: &str, picks: &[(usize, usize, bool)]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    // The header's lines stay as printed: this perturbs the running text.
    let prose: Vec<usize> = (10..lines.len()).filter(|&i| is_prose(lines[i])).collect();
    if prose.is_empty() {
        return text.to_owned();
    }
    let mut changed: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    for &(line, word, hyphenate) in picks {
        let index = prose[line % prose.len()];
        let words: Vec<&str> = lines[index].split(' ').collect();
        let inner = 1..words.len().saturating_sub(1);
        if inner.is_empty() {
            continue;
        }
        let at = inner.start + word % inner.len();
        let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        let target = words[at];
        let long_word = target.chars().count() >= 8 && target.chars().all(char::is_lowercase);
        if hyphenate && long_word {
            let split = target.char_indices().nth(4).map_or(0, |(i, _)| i);
            out[at] = format!("{}-\n{}", &target[..split], &target[split..]);
        } else if !hyphenate && target.chars().all(char::is_alphabetic) {
            let next = out.remove(at + 1);
            out[at] = format!("{target}{next}");
        } else {
            continue;
        }
        changed[index] = out.join(" ");
    }
    let mut joined = changed.join("\n");
    joined.push('\n');
    joined
}

/// Documents whose facts still change when their prose has extraction's artefacts.
const KNOWN_TO_CHANGE_WITH_ARTEFACTS: &[&str] = &[];

#[test]
fn hyphenated_and_glued_words_in_the_prose_change_no_fact() {
    // Nearly every document has prose to perturb; the property would hold vacuously otherwise.
    let perturbed = documents()
        .iter()
        .filter(|(_, text)| with_artefacts(text, &[(0, 0, false)]) != *text)
        .count();
    assert!(perturbed > 60, "{perturbed} documents perturbed");
    let picks = proptest::collection::vec((any::<usize>(), any::<usize>(), any::<bool>()), 1..5);
    check_every_document(
        picks,
        |text, picks| with_artefacts(text, picks),
        KNOWN_TO_CHANGE_WITH_ARTEFACTS,
    );
}
