//! Published files read as they are: Word letters (`*.docx`) and PDFs (`*.pdf`) beside text,
//! a bad one left out with what is wrong, and the provenance of the file as published.

use super::Workspace;
use std::path::Path;

const LETTER: &str = "minjenv-beantwoording-2024Z11859.docx";

/// A file of `tests/fixtures/documents/`.
fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/documents")
            .join(name),
    )
    .unwrap()
}

fn letter_bytes() -> Vec<u8> {
    fixture(LETTER)
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

/// A letter with two series of notes, each from 1: the questions' own, typed by hand (`1)`
/// in question 1, `2)` in question 4, listed after the last answer) and the letter's Word
/// footnotes (1 in answer 3, 2 in the shared answer 4–7). Each note is a node of its own,
/// cited by the passage that carries its marker; the Word footnotes are named after the typed
/// ones.
#[test]
fn a_letter_with_two_series_of_notes_keeps_every_note_apart() {
    const LAHLAH: &str = "minjenv-beantwoording-de-leden-lahlah-en-chakor-groenlinks-pvd.docx";
    let workspace = Workspace::empty();
    workspace.write_bytes(&format!("in/{LAHLAH}"), &fixture(LAHLAH));
    let run = workspace.run(&["export", "in", "-f", "nquads"]);
    let nquads = run.success();
    let set = "https://w3id.org/kamervragen/zaak/lahlah-6aac1aec";
    let cited_by = |note: u32, passage: &str| {
        format!("<{set}/antwoord/voetnoot/{note}> <http://purl.org/spar/cito/hasCitingEntity> <{set}/{passage}>")
    };
    let text = |note: u32, text: &str| {
        format!("<{set}/antwoord/voetnoot/{note}> <http://schema.org/text> \"{text}\"@nl")
    };
    for expected in [
        cited_by(1, "vraag/1"),
        text(1, "NOS, 6 maart 2024 (nos.nl/artikel/2511721-yesilgoz-wil-nu-echt-een-landelijk-verbod-op-hoofddoek-bij-boas)."),
        cited_by(2, "vraag/4"),
        text(2, "Kamerstuk 33047, nr. 25, Bijlage Code interbestuurlijke verhoudingen."),
        cited_by(3, "antwoord/antwoord/3"),
        text(3, "Kamerstukken II 2021/22, 29 628, nr. 1099."),
        cited_by(4, "antwoord/antwoord/4"),
        cited_by(4, "antwoord/antwoord/7"),
    ] {
        assert!(nquads.contains(&expected), "missing: {expected}");
    }
    let citations = nquads
        .lines()
        .filter(|line| line.contains("hasCitingEntity"))
        .count();
    assert_eq!(citations, 7, "{nquads}");
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

/// An answer in the Aanhangsel, 5 pages, as the Tweede Kamer publishes it.
const ANSWER: &str = "ah-tk-20232024-1178.pdf";

#[test]
fn a_published_pdf_is_read_and_its_file_described_as_published() {
    let workspace = Workspace::empty();
    workspace.write_bytes(&format!("in/{ANSWER}"), &fixture(ANSWER));
    let run = workspace.run(&["export", "in", "-f", "nquads"]);
    let nquads = run.success();
    let source = "<https://w3id.org/kamervragen/source/in/ah-tk-20232024-1178.pdf>";
    let provenance = "<https://w3id.org/kamervragen/graph/provenance>";
    // sha256sum and stat of the fixture.
    for expected in [
        format!("{source} <http://www.w3.org/ns/dcat#mediaType> <http://www.iana.org/assignments/media-types/application/pdf> {provenance} ."),
        format!("{source} <http://www.w3.org/ns/dcat#byteSize> \"30650\"^^<http://www.w3.org/2001/XMLSchema#integer> {provenance} ."),
        format!("<https://w3id.org/kamervragen/source/in/ah-tk-20232024-1178.pdf#sha256> <http://spdx.org/rdf/terms#checksumValue> \"24791ac200f2dc42f371c4167cfa57ef169d0e76e611b81da4b6d51d4f67c00f\" {provenance} ."),
    ] {
        assert!(nquads.contains(&expected), "missing: {expected}");
    }
    // Question 4 as printed on page 2 of the PDF.
    assert!(
        nquads.contains("Kunt u toelichten in hoeverre er vergelijkbare wetgeving nodig is in Nederland en in hoeverre dit wordt voorbereid?"),
        "{}",
        &nquads[..2000.min(nquads.len())]
    );
}

#[test]
fn a_bad_pdf_is_left_out_with_what_is_wrong_and_the_rest_is_read() {
    let workspace = Workspace::with_seed();
    workspace.write_bytes("seeds/renamed.pdf", b"Vraag 1\nKlopt het?\n");
    let answer = fixture(ANSWER);
    // Cut in half: the page tree names 5 pages, and only the first is in the file.
    workspace.write_bytes("seeds/half.pdf", &answer[..answer.len() / 2]);
    // Cut in the cross-reference table, after the last object: lopdf finds every object by
    // scanning the file, and the document is read whole.
    workspace.write_bytes("seeds/tail-cut.pdf", &answer[..30_000]);
    workspace.write_bytes("seeds/encrypted.pdf", &fixture("unreadable/encrypted.pdf"));
    workspace.write_bytes("seeds/no-text.pdf", &fixture("unreadable/no-text.pdf"));
    let run = workspace.run(&["check", "seeds"]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    let out = run.stdout();
    for expected in [
        "seeds/renamed.pdf: error: cannot read the PDF: not a PDF: no `%PDF-` header in its first 1024 bytes\n",
        "seeds/half.pdf: error: cannot read the PDF: only 1 of the PDF's 5 pages can be read (the file is damaged or cut off)\n",
        "seeds/tail-cut.pdf: answer ah-tk-20232024-1178: 9 questions, 9 answers, 15 footnotes\n",
        "seeds/encrypted.pdf: error: cannot read the PDF: the PDF is encrypted\n",
        "seeds/no-text.pdf: error: cannot read the PDF: the PDF holds no text (a scan?)\n",
        "checked 6 file(s): 2 read",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
}
