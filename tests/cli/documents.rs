//! Published files read as they are: Word letters (`*.docx`) beside text, a bad one left out
//! with what is wrong, and the provenance of the file as published.

use super::Workspace;
use std::path::Path;

const LETTER: &str = "minjenv-beantwoording-2024Z11859.docx";

fn letter_bytes() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/documents")
            .join(LETTER),
    )
    .unwrap()
}

#[test]
fn a_word_letter_is_read_and_its_file_described_as_published() {
    let workspace = Workspace::empty();
    workspace.write_bytes(&format!("in/{LETTER}"), &letter_bytes());
    let run = workspace.run(&["export", "in", "-f", "nquads"]);
    let nquads = run.success();
    let source = "<https://w3id.org/kamervragen/source/in/minjenv-beantwoording-2024Z11859.docx>";
    let provenance = "<https://w3id.org/kamervragen/graph/provenance>";
    // sha256sum and stat of the fixture.
    for expected in [
        format!("{source} <http://www.w3.org/ns/dcat#mediaType> <http://www.iana.org/assignments/media-types/application/vnd.openxmlformats-officedocument.wordprocessingml.document> {provenance} ."),
        format!("{source} <http://www.w3.org/ns/dcat#byteSize> \"118703\"^^<http://www.w3.org/2001/XMLSchema#integer> {provenance} ."),
        format!("<https://w3id.org/kamervragen/source/in/minjenv-beantwoording-2024Z11859.docx#sha256> <http://spdx.org/rdf/terms#checksumValue> \"bb525cd1389814d04d2fb8f640752c232580a44db42e14d88ad3c31afdbfd0de\" {provenance} ."),
    ] {
        assert!(nquads.contains(&expected), "missing: {expected}");
    }
    // The letter's question 3, read from Word's XML (tests/documents/ has its facts).
    assert!(
        nquads.contains("Deelt u de mening dat de sluiting van het politiebureau in Wolvega"),
        "{}",
        &nquads[..2000.min(nquads.len())]
    );
}

#[test]
fn a_bad_word_file_is_left_out_with_what_is_wrong_and_the_rest_is_read() {
    let workspace = Workspace::with_seed();
    workspace.write_bytes("seeds/renamed.docx", b"%PDF-1.7 a PDF named .docx");
    let mut truncated = letter_bytes();
    truncated.truncate(truncated.len() / 2);
    workspace.write_bytes("seeds/truncated.docx", &truncated);
    let run = workspace.run(&["check", "seeds"]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    let out = run.stdout();
    for expected in [
        "seeds/renamed.docx: error: cannot read the Word document: not a Word document: not a zip archive",
        "seeds/truncated.docx: error: cannot read the Word document: not a Word document:",
        "checked 3 file(s): 1 read",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
}
