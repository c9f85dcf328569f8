//! What the pages call each resource they show: a label for people in place of an IRI.
//!
//! IRIs enter; [`Labels`] leave, read from the graph by one query per batch of IRIs. A
//! resource's own label comes first (`skos:prefLabel`, `schema:name`, `foaf:name`,
//! `rdfs:label`, as docs/graph.md lists them); parts of a set are named after the set and
//! their number (`2019Z15244, question 5`), since the graph gives them no label; a set by its
//! Zaak number; anything else with a `dct:identifier` or a `dct:title` by that.

use super::html::{Labels, Language};
use super::pages::Rows;
use super::{Endpoint, Refusal};
use crate::rdf::vocab::{ONTOLOGY_TURTLE, TERM_LABELS_TURTLE};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdfs;
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::QuerySolution;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;
use std::sync::OnceLock;

/// The most IRIs named by one query: a page names at most a few thousand, and a short
/// `VALUES` block keeps each query quick under the endpoint's time limit.
const BATCH: usize = 400;

/// How a resource may be named, best first: the rank each branch of the query binds.
const HOW: &str = "
  { ?r skos:prefLabel ?text BIND (0 AS ?rank) }
  UNION { ?r schema:name ?text BIND (1 AS ?rank) }
  UNION { ?r foaf:name ?text BIND (2 AS ?rank) }
  UNION { ?r rdfs:label ?text BIND (3 AS ?rank) }
  UNION { ?r a kv:QuestionSet BIND (?r AS ?set) BIND (4 AS ?rank)
          OPTIONAL { ?r dct:identifier ?zaak } }
  UNION { ?r a schema:Question ; eli:is_part_of ?set ; schema:position ?n BIND (5 AS ?rank)
          OPTIONAL { ?set dct:identifier ?zaak } }
  UNION { ?r a schema:Answer ; schema:position ?n ; schema:parentItem/eli:is_part_of ?set
          BIND (6 AS ?rank) OPTIONAL { ?set dct:identifier ?zaak } }
  UNION { ?r eli-dl:answers_to ?set BIND (7 AS ?rank) OPTIONAL { ?set dct:identifier ?zaak }
          OPTIONAL { ?r dct:identifier ?text } }
  UNION { ?r kv:postpones ?set BIND (8 AS ?rank) OPTIONAL { ?set dct:identifier ?zaak }
          OPTIONAL { ?r dct:identifier ?text } }
  UNION { ?r dct:identifier ?text BIND (9 AS ?rank) }
  UNION { ?r dct:title ?text BIND (10 AS ?rank) }";

impl Endpoint {
    /// The labels of `iris`, for those the graph names.
    pub(super) fn labels<'a>(
        &self,
        iris: impl IntoIterator<Item = &'a NamedNode>,
    ) -> Result<Labels, Refusal> {
        // Only web IRIs name resources of the graph; anything else a query made (`IRI("…")`)
        // has no label and stays out of the query.
        let base = self.options.minter.base();
        let iris: BTreeSet<&NamedNode> = iris
            .into_iter()
            .filter(|iri| {
                let iri = iri.as_str();
                iri.starts_with(base) || iri.starts_with("http://") || iri.starts_with("https://")
            })
            .collect();
        let iris: Vec<&NamedNode> = iris.into_iter().collect();
        let mut best: HashMap<String, (u32, String)> = HashMap::new();
        for batch in iris.chunks(BATCH) {
            let mut values = String::new();
            for iri in batch {
                let _ = write!(values, "{iri} ");
            }
            let query = format!(
                "SELECT ?r ?rank ?text ?set ?zaak ?n WHERE {{ VALUES ?r {{ {values}}} {HOW} }}"
            );
            for row in self.rows(&query)?.rows {
                let Some((iri, rank, label)) = candidate(&row) else {
                    continue;
                };
                let better = best.get(&iri).is_none_or(|(held, text)| {
                    (rank, &label) < (*held, text) // the best rank; of equals, the first in order
                });
                if better {
                    best.insert(iri, (rank, label));
                }
            }
        }
        let mut labels = Labels::default();
        for (iri, (_, label)) in best {
            labels.insert(iri, label);
        }
        Ok(labels)
    }

    /// The labels of the IRIs in a page's rows, the resources it is about to show, and of
    /// `more`.
    pub(super) fn labels_of_rows(
        &self,
        rows: &[&Rows],
        more: &[&NamedNode],
    ) -> Result<Labels, Refusal> {
        let iris = rows
            .iter()
            .flat_map(|rows| rows.rows.iter())
            .flat_map(|row| row.values().iter().flatten())
            .filter_map(|term| match term {
                Term::NamedNode(node) => Some(node),
                _ => None,
            })
            .chain(more.iter().copied());
        self.labels(iris)
    }
}

/// One row's way of naming its resource: the IRI, the rank and the label.
fn candidate(row: &QuerySolution) -> Option<(String, u32, String)> {
    let Some(Term::NamedNode(iri)) = row.get("r") else {
        return None;
    };
    let rank: u32 = Rows::text(row, "rank")?.parse().ok()?;
    let text = Rows::text(row, "text");
    let set = || {
        Rows::text(row, "zaak").or_else(|| match row.get("set")? {
            // A set with no Zaak number is named by its key, the last step of its IRI.
            Term::NamedNode(set) => set.as_str().rsplit('/').next().map(str::to_owned),
            _ => None,
        })
    };
    let number = || Rows::text(row, "n");
    let label = match rank {
        4 => set()?,
        5 => format!("{}, question {}", set()?, number()?),
        6 => format!("{}, answer {}", set()?, number()?),
        7 => with_identifier(format!("Answer to {}", set()?), text),
        8 => with_identifier(format!("Postponement of {}", set()?), text),
        _ => text?,
    };
    Some((iri.as_str().to_owned(), rank, label))
}

/// A document's name with its own identifier, where it has one (`ah-tk-20232024-1314`).
fn with_identifier(name: String, identifier: Option<String>) -> String {
    match identifier {
        Some(identifier) => format!("{name} ({identifier})"),
        None => name,
    }
}

/// A property's or a class's name in `language`: the project's terms as the ontology labels
/// them, other vocabularies' terms as `ontology/labels.ttl` does.
pub(super) fn term_name(iri: &str, language: Language) -> Option<&'static str> {
    static NAMES: OnceLock<HashMap<String, [Option<String>; 2]>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names: HashMap<String, [Option<String>; 2]> = HashMap::new();
        for turtle in [ONTOLOGY_TURTLE, TERM_LABELS_TURTLE] {
            for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
                let quad = quad.expect("the shipped Turtle files are valid (tested)");
                let (Term::Literal(label), NamedOrBlankNode::NamedNode(term)) =
                    (&quad.object, &quad.subject)
                else {
                    continue;
                };
                if quad.predicate != rdfs::LABEL {
                    continue;
                }
                let place = match label.language() {
                    Some("nl") => 0,
                    Some("en") => 1,
                    _ => continue,
                };
                names.entry(term.as_str().to_owned()).or_default()[place] =
                    Some(label.value().to_owned());
            }
        }
        names
    });
    let place = match language {
        Language::Dutch => 0,
        Language::English => 1,
    };
    names.get(iri)?[place].as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From kamervragen.ttl and labels.ttl as written there.
    #[test]
    fn terms_are_named_in_either_language() {
        let set = "https://w3id.org/kamervragen/def#QuestionSet";
        assert_eq!(
            term_name(set, Language::Dutch),
            Some("set schriftelijke vragen")
        );
        assert_eq!(
            term_name(set, Language::English),
            Some("set of written questions")
        );
        let received = "http://purl.org/dc/terms/dateAccepted";
        assert_eq!(
            term_name(received, Language::Dutch),
            Some("datum ontvangen")
        );
        assert_eq!(
            term_name(received, Language::English),
            Some("date received")
        );
        assert_eq!(
            term_name("http://example.org/unknown", Language::Dutch),
            None
        );
    }
}
