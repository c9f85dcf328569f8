//! Answers and notices in the graph, as the interoperability contract describes them: each its
//! own work, linked to the set it answers or postpones, with its received date and the
//! office-holders who answer; each answer linked to its question. The facts are read from the
//! corpus documents themselves.

use super::{iri, kv_data, parse_triples, Workspace};
use oxigraph::io::RdfFormat;
use std::collections::BTreeSet;

const ELI: &str = "http://data.europa.eu/eli/ontology#";
const ELI_DL: &str = "http://data.europa.eu/eli/eli-draft-legislation-ontology#";
const DCT: &str = "http://purl.org/dc/terms/";
const SCHEMA: &str = "http://schema.org/";
const KV: &str = "https://w3id.org/kamervragen/def#";
const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DATE: &str = "http://www.w3.org/2001/XMLSchema#date";

fn export(files: &[&str]) -> BTreeSet<String> {
    let workspace = Workspace::with_all_seeds();
    let mut args = vec!["export", "-f", "ntriples"];
    let paths: Vec<String> = files.iter().map(|f| format!("seeds/corpus/{f}")).collect();
    args.extend(paths.iter().map(String::as_str));
    let nt = workspace.run(&args).success();
    parse_triples(nt.as_bytes(), RdfFormat::NTriples)
}

fn t(s: &str, p: &str, o: &str) -> String {
    format!("{s} <{p}> {o}")
}

fn date(d: &str) -> String {
    format!("\"{d}\"^^<{DATE}>")
}

/// The object of the only triple with this subject and predicate.
fn object<'a>(triples: &'a BTreeSet<String>, subject: &str, predicate: &str) -> &'a str {
    let prefix = format!("{subject} <{predicate}> ");
    let found: Vec<&str> = triples
        .iter()
        .filter_map(|t| t.strip_prefix(&prefix))
        .collect();
    assert_eq!(found.len(), 1, "{subject} {predicate}: {found:?}");
    found[0]
}

fn assert_has(triples: &BTreeSet<String>, expected: &[String]) {
    for line in expected {
        assert!(triples.contains(line), "missing: {line}");
    }
}

#[test]
fn an_answer_is_its_own_work_linked_to_the_set_and_its_questions() {
    let triples = export(&["ah-tk-20232024-2129.txt"]);
    let answer = kv_data("aanhangsel/ah-tk-20232024-2129");
    let set = object(&triples, &answer, &format!("{ELI_DL}answers_to")).to_owned();
    assert_has(
        &triples,
        &[
            t(&answer, TYPE, &iri(&format!("{ELI}Work"))),
            t(&answer, TYPE, &iri(&format!("{KV}AnswerDocument"))),
            t(
                &answer,
                &format!("{DCT}identifier"),
                "\"ah-tk-20232024-2129\"",
            ),
            t(&answer, &format!("{DCT}dateAccepted"), &date("2024-06-28")),
            t(&answer, &format!("{ELI}date_document"), &date("2024-06-28")),
            t(
                &answer,
                &format!("{DCT}creator"),
                &kv_data("persoon/c128a46d-ebd9-4ee9-80cc-16bfe505e539"),
            ),
            t(
                &answer,
                &format!("{DCT}creator"),
                &kv_data("persoon/schreinemacher-1983"),
            ),
            t(
                &set,
                &format!("{DCT}title"),
                "\"ontwikkelingen in Jemen\"@nl",
            ),
            t(&set, &format!("{DCT}dateSubmitted"), &date("2024-06-05")),
            // Printed `Bruins Slot`; the members table gives her name in full.
            t(
                &kv_data("persoon/c128a46d-ebd9-4ee9-80cc-16bfe505e539"),
                "http://xmlns.com/foaf/0.1/name",
                "\"Hanke Bruins Slot\"",
            ),
            t(
                &kv_data("persoon/c128a46d-ebd9-4ee9-80cc-16bfe505e539"),
                "http://www.w3.org/2004/02/skos/core#altLabel",
                "\"Bruins Slot\"",
            ),
        ],
    );
    for n in 1..=9 {
        let item = kv_data(&format!("aanhangsel/ah-tk-20232024-2129/antwoord/{n}"));
        let question = format!("{}/vraag/{n}>", set.trim_end_matches('>'));
        assert_has(
            &triples,
            &[
                t(&item, TYPE, &iri(&format!("{SCHEMA}Answer"))),
                t(&item, &format!("{SCHEMA}parentItem"), &question),
                t(&item, &format!("{ELI}is_part_of"), &answer),
                t(&answer, &format!("{ELI}has_part"), &item),
                t(&question, &format!("{ELI}is_part_of"), &set),
            ],
        );
    }
    assert!(triples.contains(&t(
        &kv_data("aanhangsel/ah-tk-20232024-2129/antwoord/1"),
        &format!("{SCHEMA}text"),
        "\"Ja.\"@nl"
    )));
    // Question 1 ends with marker 1, whose footnote cites Relief Web.
    let question_1 = format!("{}/vraag/1>", set.trim_end_matches('>'));
    assert!(triples.contains(&t(
        &question_1,
        "http://purl.org/spar/cito/cites",
        "<https://reliefweb.int/report/yemen/joint-statement-190-humanitarian-organisations-yemen-humanitarian-partners-urge-donors-remain-committed-millions-need-yemen-enar>"
    )));
}

#[test]
fn a_notice_postpones_its_set() {
    let triples = export(&["tkweb-AH600-2024Z17067.docx.txt"]);
    let set = kv_data("zaak/2024Z17067");
    // `AH 600`, received 20 November 2024: nr. 600 of the Aanhangsel of 2024–2025.
    let notice = kv_data("aanhangsel/ah-tk-20242025-600");
    assert_has(
        &triples,
        &[
            t(&notice, TYPE, &iri(&format!("{ELI}Work"))),
            t(&notice, TYPE, &iri(&format!("{KV}PostponementNotice"))),
            t(&notice, &format!("{KV}postpones"), &set),
            t(&notice, &format!("{DCT}references"), &set),
            t(&notice, &format!("{DCT}dateAccepted"), &date("2024-11-20")),
            t(
                &notice,
                &format!("{DCT}identifier"),
                "\"ah-tk-20242025-600\"",
            ),
            t(
                &notice,
                &format!("{DCT}creator"),
                &kv_data("persoon/ed5b0339-d627-4d4e-8d65-4a9eb88cb6b0"),
            ),
            t(&set, &format!("{DCT}identifier"), "\"2024Z17067\""),
        ],
    );
    assert!(!triples
        .iter()
        .any(|t| t.contains(&format!("{ELI_DL}answers_to"))));
}

#[test]
fn an_answer_names_its_earlier_notice_and_who_it_answers_for() {
    let triples = export(&[
        "ah-tk-20242025-585.pdf.txt",
        "tkweb-AH608-2024Z14419.docx.txt",
    ]);
    let answer = kv_data("aanhangsel/ah-tk-20242025-585");
    let set = object(&triples, &answer, &format!("{ELI_DL}answers_to")).to_owned();
    let notice = kv_data("aanhangsel/ah-tk-20242025-349");
    assert_has(
        &triples,
        &[
            t(&notice, TYPE, &iri(&format!("{KV}PostponementNotice"))),
            t(&notice, &format!("{KV}postpones"), &set),
            t(
                &notice,
                &format!("{DCT}identifier"),
                "\"ah-tk-20242025-349\"",
            ),
        ],
    );
    let docx_answer = kv_data("aanhangsel/ah-tk-20242025-608");
    assert_has(
        &triples,
        &[
            t(
                &docx_answer,
                &format!("{ELI_DL}answers_to"),
                &kv_data("zaak/2024Z14419"),
            ),
            t(
                &docx_answer,
                &format!("{KV}onBehalfOf"),
                &kv_data("ambt/minister-van-justitie-en-veiligheid"),
            ),
            t(
                &kv_data("zaak/2024Z14419"),
                &format!("{KV}followsUp"),
                &kv_data("zaak/2024Z14247"),
            ),
        ],
    );
}
