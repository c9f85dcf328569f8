//! Checking a graph against SHACL shapes.
//!
//! A store and [`shapes::NodeShape`]s enter; [`Violation`]s leave, sorted, each with the focus
//! node, the path, the shape and what was expected. Each constraint of each shape becomes one
//! SPARQL query that selects the nodes breaking it, evaluated by oxigraph over the merge of all
//! graphs; so a check is as exact as the query, and runs at the store's speed.

pub mod shapes;

use crate::store::{GraphStore, StoreError};
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::QueryResults;
use shapes::{Constraint, NodeKind, NodeShape};
use std::fmt;

/// A node that breaks a constraint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    pub focus: String,
    /// The predicate whose values break the constraint; `None` for the node itself.
    pub path: Option<String>,
    pub shape: String,
    /// What was expected, in SHACL's words (`sh:minCount 1`).
    pub constraint: String,
    /// The offending value, when there is one.
    pub value: Option<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.focus)?;
        if let Some(path) = &self.path {
            write!(f, " {path}")?;
        }
        write!(f, ": expected {}", self.constraint)?;
        if let Some(value) = &self.value {
            write!(f, ", found {value}")?;
        }
        write!(f, " (shape {})", self.shape)
    }
}

/// Every violation of `shapes` in `store`, sorted.
pub fn validate(store: &GraphStore, shapes: &[NodeShape]) -> Result<Vec<Violation>, StoreError> {
    let mut violations = Vec::new();
    for shape in shapes {
        for constraint in &shape.node {
            violations.extend(check(store, shape, None, constraint)?);
        }
        for property in &shape.properties {
            for constraint in &property.constraints {
                violations.extend(check(store, shape, Some(&property.path), constraint)?);
            }
        }
    }
    violations.sort();
    violations.dedup();
    Ok(violations)
}

/// Runs the query for one constraint.
fn check(
    store: &GraphStore,
    shape: &NodeShape,
    path: Option<&NamedNode>,
    constraint: &Constraint,
) -> Result<Vec<Violation>, StoreError> {
    let sparql = violation_query(&shape.target_class, path, constraint);
    let QueryResults::Solutions(solutions) = store.query(&sparql, "http://localhost/")? else {
        unreachable!("a SELECT query gives solutions");
    };
    let mut found = Vec::new();
    for solution in solutions {
        let solution = solution?;
        let Some(focus) = solution.get("focus") else {
            continue;
        };
        found.push(Violation {
            focus: focus.to_string(),
            path: path.map(ToString::to_string),
            shape: shape.name.to_string(),
            constraint: describe(constraint),
            value: solution.get("value").map(Term::to_string),
        });
    }
    Ok(found)
}

/// A SELECT query whose `?focus` (and `?value`) are the nodes breaking `constraint`.
fn violation_query(class: &NamedNode, path: Option<&NamedNode>, constraint: &Constraint) -> String {
    let target = format!("?focus <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {class} .");
    let values = match path {
        Some(path) => format!("?focus {path} ?value ."),
        None => "BIND (?focus AS ?value)".to_owned(),
    };
    let each_value = |filter: String| {
        format!("SELECT DISTINCT ?focus ?value WHERE {{ {target} {values} FILTER ({filter}) }}")
    };
    match constraint {
        Constraint::MinCount(minimum) => format!(
            "SELECT ?focus WHERE {{ {target} OPTIONAL {{ {values} }} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) < {minimum})"
        ),
        Constraint::MaxCount(maximum) => format!(
            "SELECT ?focus WHERE {{ {target} {values} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) > {maximum})"
        ),
        Constraint::HasValue(expected) => {
            let stated = match path {
                Some(path) => format!("?focus {path} {expected}"),
                None => format!("FILTER (?focus = {expected})"),
            };
            format!("SELECT ?focus WHERE {{ {target} FILTER NOT EXISTS {{ {stated} }} }}")
        }
        value_constraint => each_value(value_fails(value_constraint)),
    }
}

/// A filter true where `?value` breaks `constraint`, one that looks at the value alone.
fn value_fails(constraint: &Constraint) -> String {
    match constraint {
        Constraint::Datatype(datatype) => {
            format!("!isLiteral(?value) || DATATYPE(?value) != {datatype}")
        }
        Constraint::NodeKind(kind) => match kind {
            NodeKind::Iri => "!isIRI(?value)",
            NodeKind::Literal => "!isLiteral(?value)",
            NodeKind::BlankNode => "!isBlank(?value)",
            NodeKind::BlankNodeOrIri => "isLiteral(?value)",
            NodeKind::BlankNodeOrLiteral => "isIRI(?value)",
            NodeKind::IriOrLiteral => "isBlank(?value)",
        }
        .to_owned(),
        Constraint::Class(class) => format!(
            "NOT EXISTS {{ ?value <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {class} }}"
        ),
        Constraint::Pattern { regex, flags } => {
            let flags = Literal::new_simple_literal(flags.as_deref().unwrap_or(""));
            let regex = Literal::new_simple_literal(regex);
            format!("isBlank(?value) || !REGEX(STR(?value), {regex}, {flags})")
        }
        Constraint::LanguageIn(languages) => {
            let matches: Vec<String> = languages
                .iter()
                .map(|language| {
                    format!("LANGMATCHES(LANG(?value), {})", Literal::new_simple_literal(language))
                })
                .collect();
            format!("!isLiteral(?value) || !({})", matches.join(" || "))
        }
        // A value breaks `sh:or` where it breaks some constraint of every alternative.
        Constraint::Or(alternatives) => alternatives
            .iter()
            .map(|constraints| {
                let fails: Vec<String> = constraints
                    .iter()
                    .map(|c| format!("({})", value_fails(c)))
                    .collect();
                format!("({})", fails.join(" || "))
            })
            .collect::<Vec<_>>()
            .join(" && "),
        // About a node's values, not one value: shapes.rs refuses them inside sh:or, and
        // `violation_query` checks them with queries of their own.
        Constraint::MinCount(_) | Constraint::MaxCount(_) | Constraint::HasValue(_) => {
            "false".to_owned()
        }
    }
}

/// The constraint in SHACL's own words.
fn describe(constraint: &Constraint) -> String {
    match constraint {
        Constraint::MinCount(n) => format!("sh:minCount {n}"),
        Constraint::MaxCount(n) => format!("sh:maxCount {n}"),
        Constraint::Datatype(datatype) => format!("sh:datatype {datatype}"),
        Constraint::NodeKind(kind) => format!("sh:nodeKind {}", kind.name()),
        Constraint::Class(class) => format!("sh:class {class}"),
        Constraint::Pattern { regex, .. } => {
            format!("sh:pattern {}", Literal::new_simple_literal(regex))
        }
        Constraint::LanguageIn(languages) => format!("sh:languageIn ({})", languages.join(" ")),
        Constraint::HasValue(value) => format!("sh:hasValue {value}"),
        Constraint::Or(alternatives) => {
            let shapes: Vec<String> = alternatives
                .iter()
                .map(|constraints| {
                    let each: Vec<String> = constraints.iter().map(describe).collect();
                    format!("[ {} ]", each.join(" ; "))
                })
                .collect();
            format!("sh:or ( {} )", shapes.join(" "))
        }
    }
}
