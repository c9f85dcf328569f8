//! VoID statistics of a published graph, counted from its N-Triples dump.
//!
//! The merged dump (each triple once) enters as a file; [`Statistics`] leave: triples,
//! entities, instances per class, triples per property, the newest document date, and a
//! resource to show as an example. Counting the dump itself, rather than the documents, means
//! the description says exactly what the files hold. Memory holds a hash per entity.

use crate::rdf::vocab::{eli, kv, void};
use crate::run::links::hash128;
use chrono::NaiveDate;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::{BTreeMap, HashSet};
use std::io::Read;

/// What the description of a dataset says about its size and shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statistics {
    pub triples: u64,
    /// Distinct subjects.
    pub entities: u64,
    /// Instances per class (`rdf:type` objects), in IRI order.
    pub classes: BTreeMap<NamedNode, u64>,
    /// Triples per property, in IRI order.
    pub properties: BTreeMap<NamedNode, u64>,
    /// The newest `eli:date_document` of any document.
    pub newest_document: Option<NaiveDate>,
    /// The first set of questions in IRI order.
    pub example: Option<NamedNode>,
    /// Every statement about a `void:Linkset`: the data describes its links out, and the
    /// description repeats that for harvesters that read it alone.
    pub linksets: Vec<Triple>,
}

impl Statistics {
    /// Counts an N-Triples stream in which every triple stands once.
    pub fn count(ntriples: impl Read) -> Result<Self, oxigraph::io::RdfParseError> {
        let mut statistics = Self::default();
        let mut subjects = HashSet::new();
        // The dump is sorted by subject: a subject's statements are together, and are kept
        // until the next subject shows whether they described a linkset.
        let mut current: Vec<Triple> = Vec::new();
        let mut is_linkset = false;
        for quad in RdfParser::from_format(RdfFormat::NTriples).for_reader(ntriples) {
            let quad = quad?;
            if current
                .first()
                .is_some_and(|first| first.subject != quad.subject)
            {
                statistics.keep_linkset(&mut current, is_linkset);
                is_linkset = false;
            }
            is_linkset |= quad.predicate == rdf::TYPE && quad.object == void::LINKSET.into();
            current.push(Triple::from(quad.clone()));
            statistics.triples += 1;
            if subjects.insert(hash128(&quad.subject)) {
                statistics.entities += 1;
            }
            *statistics
                .properties
                .entry(quad.predicate.clone())
                .or_default() += 1;
            if quad.predicate == rdf::TYPE {
                if let Term::NamedNode(class) = &quad.object {
                    *statistics.classes.entry(class.clone()).or_default() += 1;
                    statistics.note_example(&quad.subject, class);
                }
            }
            if quad.predicate == eli::DATE_DOCUMENT {
                statistics.note_date(&quad.object);
            }
        }
        statistics.keep_linkset(&mut current, is_linkset);
        Ok(statistics)
    }

    fn keep_linkset(&mut self, statements: &mut Vec<Triple>, is_linkset: bool) {
        if is_linkset {
            self.linksets.append(statements);
        }
        statements.clear();
    }

    fn note_example(&mut self, subject: &NamedOrBlankNode, class: &NamedNode) {
        let NamedOrBlankNode::NamedNode(subject) = subject else {
            return;
        };
        let first = self
            .example
            .as_ref()
            .is_none_or(|e| subject.as_str() < e.as_str());
        if class.as_ref() == kv::QUESTION_SET && first {
            self.example = Some(subject.clone());
        }
    }

    fn note_date(&mut self, object: &Term) {
        let Term::Literal(literal) = object else {
            return;
        };
        if literal.datatype() != xsd::DATE {
            return;
        }
        if let Ok(date) = NaiveDate::parse_from_str(literal.value(), "%Y-%m-%d") {
            self.newest_document = self.newest_document.max(Some(date));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_triples_entities_classes_and_properties() {
        let kv = kv::QUESTION_SET.as_str();
        let date = eli::DATE_DOCUMENT.as_str();
        let dump = format!(
            "<http://e/b> <{}> <{kv}> .\n\
             <http://e/b> <{date}> \"2024-05-01\"^^<http://www.w3.org/2001/XMLSchema#date> .\n\
             <http://e/a> <{}> <{kv}> .\n\
             <http://e/a> <{date}> \"2023-01-02\"^^<http://www.w3.org/2001/XMLSchema#date> .\n\
             <http://e/q> <http://schema.org/text> \"x\"@nl .\n\
             <http://e/s> <http://rdfs.org/ns/void#triples> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n\
             <http://e/s> <{}> <http://rdfs.org/ns/void#Linkset> .\n",
            rdf::TYPE.as_str(),
            rdf::TYPE.as_str(),
            rdf::TYPE.as_str()
        );
        let statistics = Statistics::count(dump.as_bytes()).unwrap();
        assert_eq!(statistics.triples, 7);
        assert_eq!(statistics.entities, 4);
        assert_eq!(statistics.linksets.len(), 2);
        assert!(statistics
            .linksets
            .iter()
            .all(|t| t.subject.to_string() == "<http://e/s>"));
        assert_eq!(statistics.classes[&NamedNode::new(kv).unwrap()], 2);
        assert_eq!(statistics.properties[&NamedNode::new(date).unwrap()], 2);
        assert_eq!(statistics.properties.len(), 4);
        assert_eq!(
            statistics.newest_document,
            NaiveDate::from_ymd_opt(2024, 5, 1)
        );
        assert_eq!(statistics.example.unwrap().as_str(), "http://e/a");
    }
}
