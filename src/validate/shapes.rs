//! SHACL shapes read into typed constraints.
//!
//! Shapes enter as Turtle text; [`NodeShape`]s leave. Only the part of SHACL Core that our
//! shapes use is understood (see `ontology/shapes.ttl`); a shape that uses anything else is
//! refused with its name and the term, rather than half-checked.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::HashMap;

const SH: &str = "http://www.w3.org/ns/shacl#";

/// Shapes that cannot be read or use what is not supported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShapesError {
    #[error("{line}:{column}: {message}")]
    Syntax {
        line: u64,
        column: u64,
        message: String,
    },
    #[error("shape {shape}: {message}")]
    Unsupported { shape: String, message: String },
}

/// A node shape with a target class: which instances to check, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeShape {
    pub name: NamedOrBlankNode,
    pub target_class: NamedNode,
    /// Constraints on the focus node itself.
    pub node: Vec<Constraint>,
    pub properties: Vec<PropertyShape>,
}

/// The constraints on the values of one predicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyShape {
    pub path: NamedNode,
    pub constraints: Vec<Constraint>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    MinCount(u64),
    MaxCount(u64),
    Datatype(NamedNode),
    NodeKind(NodeKind),
    Class(NamedNode),
    Pattern {
        regex: String,
        flags: Option<String>,
    },
    LanguageIn(Vec<String>),
    HasValue(Term),
    /// `sh:or`: each value conforms to at least one of these shapes, each given by constraints
    /// on the value alone (`[ sh:class kv:QuestionSet ] [ sh:class kv:OralQuestionSet ]`).
    Or(Vec<Vec<Constraint>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Iri,
    Literal,
    BlankNode,
    BlankNodeOrIri,
    BlankNodeOrLiteral,
    IriOrLiteral,
}

impl NodeKind {
    fn from_iri(iri: &str) -> Option<Self> {
        Some(match iri.strip_prefix(SH)? {
            "IRI" => Self::Iri,
            "Literal" => Self::Literal,
            "BlankNode" => Self::BlankNode,
            "BlankNodeOrIRI" => Self::BlankNodeOrIri,
            "BlankNodeOrLiteral" => Self::BlankNodeOrLiteral,
            "IRIOrLiteral" => Self::IriOrLiteral,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Iri => "sh:IRI",
            Self::Literal => "sh:Literal",
            Self::BlankNode => "sh:BlankNode",
            Self::BlankNodeOrIri => "sh:BlankNodeOrIRI",
            Self::BlankNodeOrLiteral => "sh:BlankNodeOrLiteral",
            Self::IriOrLiteral => "sh:IRIOrLiteral",
        }
    }
}

/// The triples of the shapes graph, by subject.
struct ShapesGraph {
    by_subject: HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>>,
}

/// Reads every node shape with a `sh:targetClass`.
pub fn read_shapes(turtle: &str) -> Result<Vec<NodeShape>, ShapesError> {
    let mut triples = Vec::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
        let quad = quad.map_err(|error| {
            let at = error.location().map(|range| range.start);
            ShapesError::Syntax {
                line: at.map_or(0, |p| p.line + 1),
                column: at.map_or(0, |p| p.column + 1),
                message: error.to_string(),
            }
        })?;
        triples.push(Triple::from(quad));
    }
    let graph = ShapesGraph::new(triples);
    let mut shapes = Vec::new();
    for (subject, statements) in &graph.by_subject {
        for (predicate, object) in statements {
            if predicate.as_str() == format!("{SH}targetClass") {
                let Term::NamedNode(class) = object else {
                    return Err(unsupported(subject, "sh:targetClass must be an IRI"));
                };
                shapes.push(graph.node_shape(subject, class.clone())?);
            }
        }
    }
    // In the order of their names, so that reports come out the same each time.
    shapes.sort_by_key(|shape| shape.name.to_string());
    Ok(shapes)
}

impl ShapesGraph {
    fn new(triples: Vec<Triple>) -> Self {
        let mut by_subject: HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>> = HashMap::new();
        for triple in triples {
            by_subject
                .entry(triple.subject)
                .or_default()
                .push((triple.predicate, triple.object));
        }
        Self { by_subject }
    }

    fn statements(&self, subject: &NamedOrBlankNode) -> &[(NamedNode, Term)] {
        self.by_subject.get(subject).map_or(&[], Vec::as_slice)
    }

    fn node_shape(
        &self,
        name: &NamedOrBlankNode,
        target_class: NamedNode,
    ) -> Result<NodeShape, ShapesError> {
        let mut shape = NodeShape {
            name: name.clone(),
            target_class,
            node: Vec::new(),
            properties: Vec::new(),
        };
        for (predicate, object) in self.statements(name) {
            let Some(local) = predicate.as_str().strip_prefix(SH) else {
                continue; // labels, comments, rdf:type
            };
            match local {
                "targetClass" => {}
                "property" => {
                    let node = as_node(name, object)?;
                    shape.properties.push(self.property_shape(name, &node)?);
                }
                _ => {
                    if let Some(constraint) = self.constraint(name, local, object)? {
                        shape.node.push(constraint);
                    }
                }
            }
        }
        Ok(shape)
    }

    fn property_shape(
        &self,
        shape: &NamedOrBlankNode,
        node: &NamedOrBlankNode,
    ) -> Result<PropertyShape, ShapesError> {
        let mut path = None;
        let mut constraints = Vec::new();
        for (predicate, object) in self.statements(node) {
            let Some(local) = predicate.as_str().strip_prefix(SH) else {
                continue;
            };
            if local == "path" {
                let Term::NamedNode(predicate) = object else {
                    return Err(unsupported(
                        shape,
                        "only a predicate is supported as sh:path",
                    ));
                };
                path = Some(predicate.clone());
            } else if let Some(constraint) = self.constraint(shape, local, object)? {
                constraints.push(constraint);
            }
        }
        let path = path.ok_or_else(|| unsupported(shape, "a property shape has no sh:path"))?;
        // `sh:flags` is read with `sh:pattern`: attach it.
        let flags = self
            .statements(node)
            .iter()
            .find(|(p, _)| p.as_str() == format!("{SH}flags"))
            .map(|(_, o)| literal_text(o));
        for constraint in &mut constraints {
            if let Constraint::Pattern { flags: slot, .. } = constraint {
                slot.clone_from(&flags);
            }
        }
        Ok(PropertyShape { path, constraints })
    }

    /// One constraint; `None` for descriptive terms (`sh:name`, `sh:message` …).
    fn constraint(
        &self,
        shape: &NamedOrBlankNode,
        local: &str,
        object: &Term,
    ) -> Result<Option<Constraint>, ShapesError> {
        let iri = |what: &str| match object {
            Term::NamedNode(node) => Ok(node.clone()),
            _ => Err(unsupported(shape, &format!("sh:{what} must be an IRI"))),
        };
        let count = || {
            literal_text(object)
                .parse::<u64>()
                .map_err(|_| unsupported(shape, &format!("sh:{local} must be a whole number")))
        };
        Ok(Some(match local {
            "minCount" => Constraint::MinCount(count()?),
            "maxCount" => Constraint::MaxCount(count()?),
            "datatype" => Constraint::Datatype(iri("datatype")?),
            "class" => Constraint::Class(iri("class")?),
            "nodeKind" => {
                let kind = iri("nodeKind")?;
                Constraint::NodeKind(
                    NodeKind::from_iri(kind.as_str())
                        .ok_or_else(|| unsupported(shape, &format!("unknown node kind {kind}")))?,
                )
            }
            "pattern" => Constraint::Pattern {
                regex: literal_text(object),
                flags: None,
            },
            "languageIn" => Constraint::LanguageIn(self.list(shape, object)?),
            "hasValue" => Constraint::HasValue(object.clone()),
            "or" => Constraint::Or(self.alternatives(shape, object)?),
            "name" | "description" | "message" | "severity" | "order" | "group" | "flags" => {
                return Ok(None)
            }
            other => return Err(unsupported(shape, &format!("sh:{other} is not supported"))),
        }))
    }

    /// The shapes of an `sh:or` list, each read as the constraints it puts on a value. Counts
    /// and `sh:hasValue` are about a node's values, not a value, and are refused there.
    fn alternatives(
        &self,
        shape: &NamedOrBlankNode,
        head: &Term,
    ) -> Result<Vec<Vec<Constraint>>, ShapesError> {
        let mut alternatives = Vec::new();
        for member in self.list_items(shape, head)? {
            let member = as_node(shape, &member)?;
            let mut constraints = Vec::new();
            for (predicate, object) in self.statements(&member) {
                let Some(local) = predicate.as_str().strip_prefix(SH) else {
                    continue;
                };
                match self.constraint(shape, local, object)? {
                    Some(
                        Constraint::MinCount(_) | Constraint::MaxCount(_) | Constraint::HasValue(_),
                    ) => {
                        return Err(unsupported(
                            shape,
                            &format!("sh:{local} is not supported inside sh:or"),
                        ))
                    }
                    Some(constraint) => constraints.push(constraint),
                    None => {}
                }
            }
            alternatives.push(constraints);
        }
        Ok(alternatives)
    }

    /// The texts of an RDF list.
    fn list(&self, shape: &NamedOrBlankNode, head: &Term) -> Result<Vec<String>, ShapesError> {
        Ok(self
            .list_items(shape, head)?
            .iter()
            .map(literal_text)
            .collect())
    }

    /// The items of an RDF list.
    fn list_items(&self, shape: &NamedOrBlankNode, head: &Term) -> Result<Vec<Term>, ShapesError> {
        let mut items = Vec::new();
        let mut node = head.clone();
        while node != Term::NamedNode(rdf::NIL.into()) {
            let subject = as_node(shape, &node)?;
            let statements = self.statements(&subject);
            let find = |predicate: oxigraph::model::NamedNodeRef<'_>| {
                statements
                    .iter()
                    .find(|(p, _)| p.as_ref() == predicate)
                    .map(|(_, o)| o.clone())
                    .ok_or_else(|| unsupported(shape, "a broken RDF list"))
            };
            items.push(find(rdf::FIRST)?);
            node = find(rdf::REST)?;
            if items.len() > 1000 {
                return Err(unsupported(shape, "an RDF list that does not end"));
            }
        }
        Ok(items)
    }
}

fn as_node(shape: &NamedOrBlankNode, term: &Term) -> Result<NamedOrBlankNode, ShapesError> {
    match term {
        Term::NamedNode(node) => Ok(node.clone().into()),
        Term::BlankNode(node) => Ok(node.clone().into()),
        _ => Err(unsupported(shape, "expected a node, found a literal")),
    }
}

fn literal_text(term: &Term) -> String {
    match term {
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    }
}

fn unsupported(shape: &NamedOrBlankNode, message: &str) -> ShapesError {
    ShapesError::Unsupported {
        shape: shape.to_string(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shipped_shapes() {
        let shapes = read_shapes(crate::publish::SHAPES_TURTLE).unwrap();
        let set = shapes
            .iter()
            .find(|s| s.target_class.as_str() == "https://w3id.org/kamervragen/def#QuestionSet")
            .unwrap();
        let title = set
            .properties
            .iter()
            .find(|p| p.path.as_str() == "http://purl.org/dc/terms/title")
            .unwrap();
        assert!(title
            .constraints
            .contains(&Constraint::LanguageIn(vec!["nl".into()])));
        assert!(title.constraints.contains(&Constraint::MaxCount(1)));
        assert!(set.node.contains(&Constraint::NodeKind(NodeKind::Iri)));
    }

    #[test]
    fn refuses_what_it_cannot_check() {
        let turtle = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
                      <http://e/S> sh:targetClass <http://e/C> ;\n\
                      sh:property [ sh:path <http://e/p> ; sh:qualifiedMinCount 1 ] .\n";
        let error = read_shapes(turtle).unwrap_err();
        assert_eq!(
            error.to_string(),
            "shape <http://e/S>: sh:qualifiedMinCount is not supported"
        );
    }
}
