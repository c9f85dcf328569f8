//! One set of questions, one IRI, across the documents that describe it: matched by the Zaak
//! number where printed, else by the header every answer and notice repeats. The texts are the
//! real notice `ah-tk-20242025-562` (which prints its Zaak number, 2024Z16988, in its body),
//! variants of it a reader meets (the number not printed, words glued by the extraction), and
//! a questions document made of that notice's own header and questions.

use super::Workspace;
use std::fs;
use std::path::Path;

const ZAAK: &str = "2024Z16988";

fn notice() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/corpus/ah-tk-20242025-562.pdf.txt");
    fs::read_to_string(path).unwrap()
}

/// The notice as another extraction gives it: without the Zaak number.
fn notice_without_zaak() -> String {
    let text = notice();
    assert!(text.contains("(2024Z16988)"));
    text.replace("(2024Z16988)", "")
}

/// The questions as their own document, from the header and questions the notice repeats:
/// the Zaak number on the first line, as the Tweede Kamer prints it.
fn questions(zaak: &str, subject: &str) -> String {
    let text = notice();
    let questions = &text[text.find("Vraag 1").unwrap()..text.find("Mededeling\n").unwrap()];
    format!(
        "{zaak}\nVragen van de leden Van den Hil (VVD) en Bikker (ChristenUnie) aan de\n\
         Staatssecretaris van Volksgezondheid, Welzijn en Sport over {subject} (ingezonden\n\
         25 oktober 2024).\n{questions}"
    )
}

const SUBJECT: &str = "het bericht «Wachttijden ggz niet goed vastgelegd, zeggen onderzoekers»";

/// The rows of a SELECT over the documents in `in/`, as TSV.
fn select(workspace: &Workspace, query: &str) -> String {
    workspace
        .run(&["query", "in", "-f", "tsv", "-e", query])
        .success()
}

/// Each file's set and how it was decided, as `file set basis`, one line per file.
fn decisions(workspace: &Workspace) -> Vec<String> {
    let query = "SELECT ?file ?set ?basis WHERE {
        GRAPH <https://w3id.org/kamervragen/graph/provenance> {
          ?graph foaf:topic ?set ; prov:wasDerivedFrom/kv:sourcePath ?file }
        GRAPH ?graph { ?set kv:identityBasis ?basis }
      } ORDER BY ?file";
    let out = select(workspace, query);
    out.lines()
        .skip(1)
        .map(|line| {
            line.replace("https://w3id.org/kamervragen/zaak/", "")
                .replace("https://w3id.org/kamervragen/def#", "kv:")
                .replace(['<', '>', '"'], "")
        })
        .collect()
}

#[test]
fn a_notice_without_its_zaak_number_joins_the_questions_by_their_header() {
    let workspace = Workspace::empty();
    workspace.write("in/questions.txt", &questions(ZAAK, SUBJECT));
    workspace.write("in/notice.txt", &notice_without_zaak());
    assert_eq!(
        decisions(&workspace),
        [
            "in/notice.txt\t2024Z16988\tkv:MatchedHeader",
            "in/questions.txt\t2024Z16988\tkv:PrintedZaak",
        ]
    );
    let postponed = select(
        &workspace,
        "SELECT ?set WHERE { ?notice kv:postpones ?set }",
    );
    assert_eq!(
        postponed,
        "?set\n<https://w3id.org/kamervragen/zaak/2024Z16988>\n"
    );
}

/// The questions, and the notice without its Zaak number printing its subject as `subject`;
/// asserts that the notice is matched to the questions' set by its header.
fn questions_and_notice_printing(subject: &str) -> Workspace {
    let workspace = Workspace::empty();
    workspace.write("in/questions.txt", &questions(ZAAK, SUBJECT));
    let printed = notice_without_zaak().replace(
        "«Wachttijden ggz niet goed vastgelegd, zeggen onderzoekers» (ingezonden",
        &format!("{subject} (ingezonden"),
    );
    assert_ne!(printed, notice_without_zaak());
    workspace.write("in/notice.txt", &printed);
    assert_eq!(
        decisions(&workspace),
        [
            "in/notice.txt\t2024Z16988\tkv:MatchedHeader",
            "in/questions.txt\t2024Z16988\tkv:PrintedZaak",
        ]
    );
    workspace
}

#[test]
fn words_glued_by_the_extraction_do_not_keep_a_header_apart() {
    let workspace =
        questions_and_notice_printing("«Wachttijden ggz niet goedvastgelegd, zeggenonderzoekers»");
    // One title, the questions' own; the glued words are the same words.
    assert_eq!(
        titles(&workspace),
        "?p\t?title\n<http://purl.org/dc/terms/title>\t\"het bericht «Wachttijden ggz niet goed vastgelegd, zeggen onderzoekers»\"@nl\n"
    );
    workspace.run(&["validate", "in"]).success();
}

/// The titles the set has, as `predicate title` lines.
fn titles(workspace: &Workspace) -> String {
    let query = "SELECT ?p ?title WHERE {
        <https://w3id.org/kamervragen/zaak/2024Z16988> ?p ?title
        FILTER(?p IN (dct:title, dct:alternative)) } ORDER BY ?p ?title";
    select(workspace, query)
}

#[test]
fn a_subject_printed_with_a_word_more_is_the_same_set_with_an_alternative_title() {
    let workspace = questions_and_notice_printing(
        "«Wachttijden ggz niet goed vastgelegd, zeggen de onderzoekers»",
    );
    assert_eq!(
        titles(&workspace),
        "?p\t?title\n\
         <http://purl.org/dc/terms/alternative>\t\"het bericht «Wachttijden ggz niet goed vastgelegd, zeggen de onderzoekers»\"@nl\n\
         <http://purl.org/dc/terms/title>\t\"het bericht «Wachttijden ggz niet goed vastgelegd, zeggen onderzoekers»\"@nl\n"
    );
    workspace.run(&["validate", "in"]).success();
}

#[test]
fn another_subject_on_the_same_day_is_another_set() {
    let workspace = Workspace::empty();
    workspace.write(
        "in/questions.txt",
        &questions(ZAAK, "het bericht «Huisartsen sluiten praktijk»"),
    );
    workspace.write("in/notice.txt", &notice_without_zaak());
    let decided = decisions(&workspace);
    assert_eq!(decided[1], "in/questions.txt\t2024Z16988\tkv:PrintedZaak");
    assert!(
        decided[0].starts_with("in/notice.txt\tingezonden-2024-10-25-van-den-hil-")
            && decided[0].ends_with("\tkv:PrintedHeader"),
        "{decided:?}"
    );
}

#[test]
fn a_header_two_sets_match_equally_is_kept_apart_and_reported() {
    let workspace = Workspace::empty();
    workspace.write("in/a.txt", &questions(ZAAK, SUBJECT));
    workspace.write("in/b.txt", &questions("2024Z16999", SUBJECT));
    workspace.write("in/notice.txt", &notice_without_zaak());
    let decided = decisions(&workspace);
    assert_eq!(decided[0], "in/a.txt\t2024Z16988\tkv:PrintedZaak");
    assert_eq!(decided[1], "in/b.txt\t2024Z16999\tkv:PrintedZaak");
    assert!(decided[2].ends_with("\tkv:AmbiguousHeader"), "{decided:?}");
    let candidates = select(
        &workspace,
        "SELECT ?candidate WHERE { ?set kv:identityCandidate ?candidate } ORDER BY ?candidate",
    );
    assert_eq!(
        candidates,
        "?candidate\n<https://w3id.org/kamervragen/zaak/2024Z16988>\n<https://w3id.org/kamervragen/zaak/2024Z16999>\n"
    );
    let check = workspace.run(&["check", "in"]).success();
    let key = decided[2].split('\t').nth(1).unwrap();
    assert!(
        check.contains(&format!(
            "note: in/notice.txt: its header matches 2 sets equally (2024Z16988, 2024Z16999), so it is kept apart as {key}"
        )),
        "{check}"
    );
}

#[test]
fn two_extractions_of_one_answer_without_a_zaak_number_share_the_set_of_their_header() {
    let workspace = Workspace::empty();
    for name in ["ah-tk-20142015-698.txt", "ah-tk-20142015-698.pdftext.txt"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds/corpus")
            .join(name);
        workspace.write(&format!("in/{name}"), &fs::read_to_string(path).unwrap());
    }
    let decided = decisions(&workspace);
    let sets: Vec<&str> = decided
        .iter()
        .map(|d| d.split('\t').nth(1).unwrap())
        .collect();
    assert_eq!(sets[0], sets[1], "{decided:?}");
    assert!(
        sets[0].starts_with("ingezonden-2014-10-03-bouwmeester-"),
        "{decided:?}"
    );
    assert!(
        decided.iter().all(|d| d.ends_with("\tkv:PrintedHeader")),
        "{decided:?}"
    );
}
