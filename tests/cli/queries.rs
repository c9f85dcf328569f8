//! Every file in `queries/`, run through the real executable over the shipped seed, with the
//! exact rows it must give. The rows are the seed's facts, written from the document.

use super::{query_path, Workspace};
use std::path::Path;

fn rows(query_file: &str) -> Vec<String> {
    let workspace = Workspace::with_seed();
    let query = query_path(query_file);
    let csv = workspace
        .run(&["query", "-q", query.to_str().unwrap(), "--format", "csv"])
        .success();
    csv.lines().map(str::to_owned).collect()
}

#[test]
fn follow_ups() {
    assert_eq!(
        rows("follow-ups.rq"),
        [
            "later,later_submitted,earlier,earlier_submitted,later_iri,earlier_iri",
            "2019Z15244,2019-07-18,2019Z15131,2019-07-18,https://w3id.org/kamervragen/zaak/2019Z15244,https://w3id.org/kamervragen/zaak/2019Z15131",
        ]
    );
}

#[test]
fn cited_sources() {
    assert_eq!(
        rows("cited-sources.rq"),
        [
            "set,question,url,domain,set_iri",
            "2019Z15244,1,https://decorrespondent.nl/10307/berucht-chinees-veiligheidsministerie-gebruikt-nederlandse-software-die-emoties-leest/317002092-cae75d58,decorrespondent.nl,https://w3id.org/kamervragen/zaak/2019Z15244",
            "2019Z15244,5,https://www.hrw.org/news/2017/11/19/china-police-big-data-systems-violate-privacy-target-dissent,hrw.org,https://w3id.org/kamervragen/zaak/2019Z15244",
            "2019Z15244,5,https://www.nytimes.com/2019/04/14/technology/china-surveillance-artificial-intelligence-racial-profiling.html,nytimes.com,https://w3id.org/kamervragen/zaak/2019Z15244",
        ]
    );
}

/// The domain of `cited-sources.rq`, its own `BIND`, on addresses with what a host can come
/// with: a user, a port, capitals, no path, a query or fragment right after the host; and an
/// address without a host, which keeps its scheme.
#[test]
fn cited_domains_are_hosts_without_user_port_or_www() {
    let query = std::fs::read_to_string(query_path("cited-sources.rq")).unwrap();
    let bind = query
        .lines()
        .find(|line| line.trim_start().starts_with("BIND (") && line.contains("AS ?domain)"))
        .unwrap();
    let sparql = format!(
        "SELECT ?url ?domain WHERE {{ VALUES ?url {{ \
         <https://user:secret@WWW.Example.org:8080/a?b#c> <http://www.ad.nl> \
         <https://nos.nl?x=1> <HTTP://Wwwx.nl#top> <https://www.rijksoverheid.nl/> <mailto:Vragen@tweedekamer.nl> }} {bind} }} \
         ORDER BY ?url"
    );
    let csv = Workspace::with_seed()
        .run(&["query", "-e", &sparql, "--format", "csv"])
        .success();
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "url,domain",
            "HTTP://Wwwx.nl#top,wwwx.nl",
            "http://www.ad.nl,ad.nl",
            "https://nos.nl?x=1,nos.nl",
            "https://user:secret@WWW.Example.org:8080/a?b#c,example.org",
            "https://www.rijksoverheid.nl/,rijksoverheid.nl",
            "mailto:Vragen@tweedekamer.nl,mailto",
        ]
    );
}

#[test]
fn submitters() {
    assert_eq!(
        rows("submitters.rq"),
        [
            "set,position,member,party,role,person,set_iri",
            "2019Z15131,1,Bram van Ojik,GroenLinks,Indiener,https://w3id.org/kamervragen/persoon/cefbf19c-653b-4af7-84a6-e17fba0e4a70,https://w3id.org/kamervragen/zaak/2019Z15131",
            "2019Z15131,2,Isabelle Diks,GroenLinks,Medeindiener,https://w3id.org/kamervragen/persoon/a901d2d2-35f6-4341-bbfb-38e5d9b21d07,https://w3id.org/kamervragen/zaak/2019Z15131",
            "2019Z15244,1,Sjoerd Sjoerdsma,D66,Indiener,https://w3id.org/kamervragen/persoon/bf030048-0434-42f1-bbed-8b0c04014db4,https://w3id.org/kamervragen/zaak/2019Z15244",
        ]
    );
}

#[test]
fn addressees() {
    assert_eq!(
        rows("addressees.rq"),
        [
            "set,office,ministry,set_iri",
            "2019Z15244,Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking,Ministerie van Buitenlandse Zaken,https://w3id.org/kamervragen/zaak/2019Z15244",
        ]
    );
}

#[test]
fn every_query_file_has_a_test() {
    let tested = [
        // in this module, on the seed
        "follow-ups.rq",
        "cited-sources.rq",
        "submitters.rq",
        "addressees.rq",
        // in corpus_queries, on the corpus
        "answer-times.rq",
        "questions-per-party.rq",
        "addressed-offices.rq",
        "unanswered.rq",
        // in identity, on the seed and the corpus
        "members.rq",
        "co-submitters.rq",
        "links.rq",
    ];
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    for entry in std::fs::read_dir(folder).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            tested.contains(&name.as_str()),
            "queries/{name} has no test with its rows"
        );
    }
}

#[test]
fn the_table_format_aligns_columns_and_counts_rows() {
    let workspace = Workspace::with_seed();
    let table = workspace
        .run(&["query", "-e", "SELECT ?zaak ?title WHERE { ?s a kv:QuestionSet ; dct:identifier ?zaak . OPTIONAL { ?s dct:title ?title } } ORDER BY ?zaak"])
        .success();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "zaak        title");
    assert!(lines[1].starts_with("----------  -----"));
    assert_eq!(lines[2], "2019Z15131  ");
    assert!(lines[3].starts_with("2019Z15244  het bericht «Berucht Chinees"));
    assert_eq!(lines[4], "(2 rows)");
}

#[test]
fn json_and_xml_results_come_from_the_standard_serialisers() {
    let workspace = Workspace::with_seed();
    let ask = "ASK { ?q a schema:Question ; schema:position 10 }";
    assert_eq!(
        workspace
            .run(&["query", "-e", ask, "--format", "json"])
            .success(),
        r#"{"head":{},"boolean":true}"#
    );
    let select =
        "SELECT ?n WHERE { ?q a schema:Question ; schema:position ?n } ORDER BY ?n LIMIT 1";
    let xml = workspace
        .run(&["query", "-e", select, "--format", "xml"])
        .success();
    assert!(xml.contains(r#"<variable name="n"/>"#), "{xml}");
    assert!(
        xml.contains(r#"<literal datatype="http://www.w3.org/2001/XMLSchema#integer">1</literal>"#),
        "{xml}"
    );
}

#[test]
fn relative_iris_resolve_against_the_base() {
    let workspace = Workspace::with_seed();
    let csv = workspace
        .run(&[
            "query",
            "-e",
            "SELECT ?n WHERE { <zaak/2019Z15244/vraag/7> schema:position ?n }",
            "-f",
            "csv",
        ])
        .success();
    assert_eq!(csv.lines().collect::<Vec<_>>(), ["n", "7"]);
}

#[test]
fn construct_results_are_turtle() {
    let workspace = Workspace::with_seed();
    let turtle = workspace
        .run(&[
            "query",
            "-e",
            "CONSTRUCT { ?p foaf:name ?n } WHERE { ?set dct:creator ?p . ?p foaf:name ?n }",
        ])
        .success();
    let triples = super::parse_triples(turtle.as_bytes(), oxigraph::io::RdfFormat::Turtle);
    assert_eq!(triples.len(), 3);
    assert!(triples.contains(&format!(
        "{} <http://xmlns.com/foaf/0.1/name> \"Sjoerd Sjoerdsma\"",
        super::kv_data("persoon/bf030048-0434-42f1-bbed-8b0c04014db4")
    )));
}
