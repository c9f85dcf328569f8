//! Every local term in the exported graph is declared in `ontology/kamervragen.ttl`.

use super::Workspace;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Term, Triple};
use std::collections::BTreeSet;
use std::path::Path;

const KV: &str = "https://w3id.org/kamervragen/def#";

fn declared_terms() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/kamervragen.ttl");
    let text = std::fs::read(path).unwrap();
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&text)
        .map(|q| Triple::from(q.expect("valid ontology")))
        .filter(|t| t.predicate.as_str() == "http://www.w3.org/2000/01/rdf-schema#label")
        .map(|t| t.subject.to_string())
        .collect()
}

#[test]
fn every_local_term_written_is_declared() {
    let declared = declared_terms();
    // The seed and the corpus: questions, answers and notices exercise every part of the mapping.
    let nquads = Workspace::with_all_seeds()
        .run(&["export", "-f", "nquads"])
        .success();
    let mut used = BTreeSet::new();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads.as_bytes()) {
        let quad = quad.unwrap();
        used.insert(quad.predicate.to_string());
        if let Term::NamedNode(node) = &quad.object {
            used.insert(node.to_string());
        }
    }
    let local: Vec<&String> = used
        .iter()
        .filter(|iri| iri.starts_with(&format!("<{KV}")))
        .collect();
    assert!(local.len() >= 12, "{local:?}");
    for term in local {
        assert!(
            declared.contains(term),
            "{term} is written but not declared in ontology/"
        );
    }
}
