//! `check`, and bad input of every kind: each gets a clear message with its file (and line
//! where there is one), and harms nothing else.

use super::{seed_path, Workspace};
use serde_json::Value;

#[test]
fn check_reports_what_each_file_held_and_sums_up() {
    let run = Workspace::with_seed().run(&["check"]);
    let text = run.success();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "seeds/2019Z15244.md: questions 2019Z15244: 10 questions, 3 footnotes",
            "checked 1 file(s): 1 read (1 clean, 0 with warnings), 0 failed and left out",
        ]
    );
}

#[test]
fn a_file_named_without_its_folder_is_read_from_the_current_one() {
    // `kamervragen check 2019Z15244.md` in the folder that holds it: the name's folder is
    // the empty path, which the reader once tried to resolve and reported as missing.
    let workspace = Workspace::empty();
    workspace.write(
        "2019Z15244.md",
        &std::fs::read_to_string(seed_path()).unwrap(),
    );
    let text = workspace.run(&["check", "2019Z15244.md"]).success();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "2019Z15244.md: questions 2019Z15244: 10 questions, 3 footnotes",
            "checked 1 file(s): 1 read (1 clean, 0 with warnings), 0 failed and left out",
        ]
    );
    let exported = workspace
        .run(&["export", "2019Z15244.md", "-f", "nt"])
        .success();
    assert!(
        exported.contains("<https://w3id.org/kamervragen/zaak/2019Z15244>"),
        "{exported}"
    );
}

/// A folder with one file of each kind of trouble, next to the good seed.
fn troubled_workspace() -> Workspace {
    let workspace = Workspace::with_seed();
    workspace.write("seeds/empty.md", "");
    workspace.write_bytes("seeds/binary.txt", b"Vragen van\x00\x01\x02");
    workspace.write_bytes("seeds/latin1.txt", b"Vragen van het lid M\xfcller");
    workspace.write("seeds/no-header.md", "Een boodschappenlijst.\n\nMelk\n");
    workspace.write(
        "seeds/cut-off.md",
        "2020Z00001\n\nVragen van het lid Jansen (SP) aan de Minister van Financiën over de belasting (ingezonden 1 mei 2020).\n\nVraag 1\n\nKlopt het dat de\n",
    );
    workspace.write(
        "seeds/header-cut-off.md",
        "2020Z00002\n\nVragen van het lid Jansen (SP) aan de Minister van\n",
    );
    let big = "Vraag 1\n".repeat(1_500_000);
    workspace.write("seeds/huge.txt", &big);
    workspace
}

#[test]
fn every_kind_of_bad_input_is_named_with_file_and_place() {
    let run = troubled_workspace().run(&["check"]);
    assert_eq!(run.code(), Some(1), "failures give exit status 1");
    let out = run.stdout();
    for expected in [
        "seeds/empty.md:1:1: error: the file is empty: expected a Kamervragen document",
        "seeds/binary.txt:1:11: error: binary data (a NUL byte): expected a text file",
        "seeds/latin1.txt:1:21: error: not UTF-8 text: expected a text file",
        "seeds/no-header.md:1:1: error: expected a header opening with `Vragen van`",
        "seeds/header-cut-off.md:3:1: error: expected `over …` giving the subject",
        "seeds/huge.txt: error: the file has 12000000 bytes; a Kamervragen document has at most 10485760",
        "seeds/cut-off.md:7:1: warning: the last question or answer stops in the middle of a sentence",
        "seeds/2019Z15244.md: questions 2019Z15244: 10 questions, 3 footnotes",
        "checked 8 file(s): 2 read (1 clean, 1 with warnings), 6 failed and left out",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
}

#[test]
fn export_leaves_out_only_the_bad_files_and_says_so() {
    let run = troubled_workspace().run(&["export", "-f", "ntriples"]);
    assert_eq!(run.code(), Some(1));
    assert!(run
        .stdout()
        .contains("<https://w3id.org/kamervragen/zaak/2019Z15244>"));
    assert!(run
        .stdout()
        .contains("<https://w3id.org/kamervragen/zaak/2020Z00001>"));
    let stderr = run.stderr();
    assert!(
        stderr.contains("8 file(s): 2 read (1 clean, 1 with warnings), 6 failed and left out"),
        "{stderr}"
    );
}

/// `export` keeps a small tally of the files as they pass, `query` the whole report: both
/// must tell the user the same, failures, warnings and files sharing a set included.
#[test]
fn export_tells_what_a_full_report_tells() {
    let workspace = troubled_workspace();
    let copy = std::fs::read_to_string(seed_path()).unwrap();
    workspace.write("seeds/copy/2019Z15244-again.md", &copy);
    for verbose in [false, true] {
        let mut export = vec!["export", "-f", "nquads"];
        let mut query = vec!["query", "-e", "ASK {}"];
        if verbose {
            export.push("--verbose");
            query.push("--verbose");
        }
        let streamed = workspace.run(&export).stderr();
        let reported = workspace.run(&query).stderr();
        assert_eq!(streamed, reported, "--verbose: {verbose}");
        let lines: Vec<&str> = streamed.lines().collect();
        assert_eq!(lines.len(), 8 + usize::from(verbose), "{streamed}");
        assert!(streamed.contains(
            "note: 2 questions files describe the same set of questions (2019Z15244), each kept in its own graph: seeds/2019Z15244.md, seeds/copy/2019Z15244-again.md"
        ), "{streamed}");
        assert!(
            streamed.contains("seeds/latin1.txt:1:21: error: not UTF-8 text"),
            "{streamed}"
        );
        assert!(
            streamed.contains("seeds/cut-off.md:7:1: warning: the last question") == verbose,
            "{streamed}"
        );
        assert!(
            lines.last().unwrap().starts_with(
                "kamervragen: 9 file(s): 3 read (2 clean, 1 with warnings), 6 failed and left out"
            ),
            "{streamed}"
        );
    }
}

#[test]
fn check_json_gives_every_file_with_its_status() {
    let run = troubled_workspace().run(&["check", "--format", "json"]);
    assert_eq!(run.code(), Some(1));
    let json: Value = serde_json::from_str(&run.stdout()).expect("valid JSON");
    assert_eq!(json["summary"]["files"], 8);
    assert_eq!(json["summary"]["failed"], 6);
    let files = json["files"].as_array().unwrap();
    let by_path = |suffix: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(suffix))
            .unwrap()
    };
    let seed = by_path("2019Z15244.md");
    assert_eq!(seed["status"], "clean");
    assert_eq!(seed["kind"], "questions");
    assert_eq!(seed["zaak"], "2019Z15244");
    assert_eq!(seed["counts"]["questions"], 10);
    assert_eq!(seed["counts"]["footnotes"], 3);
    let cut_off = by_path("cut-off.md");
    assert_eq!(cut_off["status"], "warnings");
    assert_eq!(cut_off["warnings"][0]["line"], 7);
    let latin1 = by_path("latin1.txt");
    assert_eq!(latin1["status"], "failed");
    assert_eq!(latin1["error"]["line"], 1);
    assert_eq!(latin1["error"]["column"], 21);
}

#[test]
fn two_files_claiming_one_set_are_both_kept_and_reported() {
    let workspace = Workspace::with_seed();
    let copy = std::fs::read_to_string(seed_path()).unwrap();
    workspace.write("seeds/copy/2019Z15244-again.md", &copy);
    let check = workspace.run(&["check"]).success();
    assert!(
        check.contains("note: 2 questions files describe the same set of questions (2019Z15244), each kept in its own graph"),
        "{check}"
    );
    let nquads = workspace.run(&["export", "-f", "nquads"]).success();
    for graph in [
        "graph/seeds/2019Z15244.md",
        "graph/seeds/copy/2019Z15244-again.md",
    ] {
        let quad_in_graph = format!(
            "<https://w3id.org/kamervragen/zaak/2019Z15244> <http://purl.org/dc/terms/identifier> \"2019Z15244\" <https://w3id.org/kamervragen/{graph}> ."
        );
        assert!(nquads.contains(&quad_in_graph), "missing in {graph}");
    }
}

#[test]
fn check_reads_the_whole_shipped_corpus_without_failure() {
    let run = Workspace::empty().run(&["check", seed_path().parent().unwrap().to_str().unwrap()]);
    let out = run.success();
    assert!(
        out.contains("checked 47 file(s): 47 read ("),
        "{}",
        out.lines().last().unwrap_or("")
    );
    assert!(out.contains("0 failed"));
}

/// Files a folder holds that are not read (an old Word `.doc`, an OpenDocument text, a saved
/// web page) are named by kind and count, never passed over in silence; a PDF is read.
#[test]
fn files_that_are_not_read_are_counted_by_ending() {
    let workspace = super::Workspace::with_seed();
    let pdf = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents/ah-tk-20232024-1999.pdf");
    workspace.write_bytes("seeds/notice.PDF", &std::fs::read(pdf).unwrap());
    workspace.write_bytes("seeds/letter.doc", b"\xd0\xcf\x11\xe0");
    workspace.write_bytes("seeds/letter.odt", b"PK\x03\x04");
    workspace.write_bytes("seeds/page.HTML", b"<html></html>");
    let run = workspace.run(&["check", "seeds"]);
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
    let out = run.stdout();
    assert!(out.contains("checked 2 file(s): 2 read"), "{out}");
    assert!(
        out.contains(
            "note: 3 file(s) in the folders were not read (1 .doc, 1 .html, 1 .odt): only .md, .txt, .docx, .pdf files are read\n"
        ),
        "{out}"
    );
    let export = workspace.run(&["export", "seeds", "-o", "out.ttl"]);
    assert!(
        export
            .stderr()
            .contains("note: 3 file(s) in the folders were not read"),
        "{}",
        export.stderr()
    );
}
