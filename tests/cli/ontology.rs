//! Every local term in the exported graph is declared in `ontology/kamervragen.ttl`.

use super::Workspace;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term, Triple};
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

/// The seed and the corpus, exported: questions, answers and notices exercise every part of
/// the mapping.
fn exported_quads() -> Vec<Quad> {
    let nquads = Workspace::with_all_seeds()
        .run(&["export", "-f", "nquads"])
        .success();
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nquads.as_bytes())
        .map(|quad| quad.expect("the export reads back"))
        .collect()
}

#[test]
fn every_local_term_written_is_declared() {
    let declared = declared_terms();
    let mut used = BTreeSet::new();
    for quad in exported_quads() {
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

/// The terms with a name for pages in both Dutch and English: `ontology/kamervragen.ttl`'s own
/// and `ontology/labels.ttl`'s for other vocabularies.
fn named_terms() -> BTreeSet<String> {
    let mut languages: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for file in ["ontology/kamervragen.ttl", "ontology/labels.ttl"] {
        let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(&text) {
            let triple = Triple::from(quad.unwrap_or_else(|e| panic!("{file}: {e}")));
            if let (true, Term::Literal(label)) = (
                triple.predicate.as_str() == "http://www.w3.org/2000/01/rdf-schema#label",
                &triple.object,
            ) {
                languages
                    .entry(triple.subject.to_string())
                    .or_default()
                    .insert(label.language().unwrap_or_default().to_owned());
            }
        }
    }
    languages
        .into_iter()
        .filter(|(_, languages)| languages.contains("nl") && languages.contains("en"))
        .map(|(term, _)| term)
        .collect()
}

/// Pages show properties and classes by name: each one the graph uses has one in Dutch and one
/// in English.
#[test]
fn every_property_and_class_written_is_named_in_dutch_and_english() {
    let named = named_terms();
    let mut unnamed = BTreeSet::new();
    for quad in exported_quads() {
        let mut terms = vec![quad.predicate.to_string()];
        if quad.predicate.as_str() == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" {
            terms.push(quad.object.to_string());
        }
        unnamed.extend(terms.into_iter().filter(|term| !named.contains(term)));
    }
    assert!(
        unnamed.is_empty(),
        "without a name in nl and en: {unnamed:?}"
    );
}
