//! The order dumps are written in: quads by graph, subject, predicate and object, each term
//! compared as N-Triples writes it, duplicates removed.
//!
//! Quads enter; sorted quads (or the merged triples of all graphs) leave. The mapping sorts
//! each document's statements the same way ([`crate::map::QuadList`]), so a dump can write
//! graphs as they come and still be byte-identical to a sort of the whole.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, LiteralRef, Quad, TermRef, Triple, TripleRef};
use std::fmt::Write as _;

/// Quads ordered by graph, subject, predicate, object, duplicates removed.
pub fn sorted_quads(quads: Vec<Quad>) -> Vec<Quad> {
    let mut keyed: Vec<(String, Quad)> = quads
        .into_iter()
        .map(|quad| {
            let mut key = String::with_capacity(256);
            push_graph_name(&mut key, quad.graph_name.as_ref());
            key.push('\t');
            push_triple(&mut key, quad.as_ref().into());
            (key, quad)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, quad)| quad).collect()
}

/// The triples of all graphs together, ordered by subject, predicate, object, each once.
pub fn merged_triples(quads: Vec<Quad>) -> Vec<Triple> {
    let mut keyed: Vec<(String, Triple)> = quads
        .into_iter()
        .map(|quad| {
            let triple = Triple::from(quad);
            let mut key = String::with_capacity(192);
            push_triple(&mut key, triple.as_ref());
            (key, triple)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, triple)| triple).collect()
}

// Sort keys are the terms as N-Triples writes them, tab-separated. They are built by hand
// rather than with `format!`: formatting through `Display` was most of the cost of a dump.

fn push_triple(key: &mut String, triple: TripleRef<'_>) {
    push_term(key, triple.subject.into());
    key.push('\t');
    push_term(key, triple.predicate.into());
    key.push('\t');
    push_term(key, triple.object);
}

fn push_graph_name(key: &mut String, graph: GraphNameRef<'_>) {
    match graph {
        GraphNameRef::NamedNode(node) => push_term(key, node.into()),
        GraphNameRef::BlankNode(node) => push_term(key, node.into()),
        GraphNameRef::DefaultGraph => key.push_str("DEFAULT"),
    }
}

fn push_term(key: &mut String, term: TermRef<'_>) {
    match term {
        TermRef::NamedNode(node) => {
            key.push('<');
            key.push_str(node.as_str());
            key.push('>');
        }
        TermRef::BlankNode(node) => {
            key.push_str("_:");
            key.push_str(node.as_str());
        }
        TermRef::Literal(literal) => push_literal(key, literal),
    }
}

/// A literal as the dump order sees it: as N-Triples writes it.
pub(crate) fn literal_key(literal: LiteralRef<'_>) -> String {
    let mut key = String::with_capacity(literal.value().len() + 2);
    push_literal(&mut key, literal);
    key
}

fn push_literal(key: &mut String, literal: LiteralRef<'_>) {
    let value = literal.value();
    if value.chars().any(needs_escape) {
        // Rare: let oxigraph write the escapes.
        write!(key, "{literal}").expect("writing to a String");
        return;
    }
    key.push('"');
    key.push_str(value);
    key.push('"');
    if let Some(language) = literal.language() {
        key.push('@');
        key.push_str(language);
    } else if literal.datatype() != xsd::STRING {
        key.push_str("^^<");
        key.push_str(literal.datatype().as_str());
        key.push('>');
    }
}

/// The characters N-Triples escapes in a literal.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{1F}' | '"' | '\\' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}'
    )
}

#[cfg(test)]
mod key_tests {
    use super::*;
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode};

    /// The hand-built key must be the N-Quads text, or dumps would change order.
    #[test]
    fn sort_keys_are_the_terms_as_n_triples_writes_them() {
        let iri = |s: &str| NamedNode::new_unchecked(format!("https://example.org/{s}"));
        let objects: Vec<oxigraph::model::Term> = vec![
            iri("o").into(),
            BlankNode::new_unchecked("b1").into(),
            Literal::new_simple_literal("plain").into(),
            Literal::new_simple_literal("quote \" back \\ tab \t nl \n bell \u{7} del \u{7F} é")
                .into(),
            Literal::new_language_tagged_literal_unchecked("Vragen", "nl").into(),
            Literal::new_language_tagged_literal_unchecked("a \"b\"", "en").into(),
            Literal::new_typed_literal("2019-08-30", xsd::DATE).into(),
            Literal::new_typed_literal("x", xsd::STRING).into(),
        ];
        let graphs = [
            GraphName::DefaultGraph,
            iri("g").into(),
            BlankNode::new_unchecked("g0").into(),
        ];
        for graph in &graphs {
            for object in &objects {
                let quad = Quad::new(iri("s"), iri("p"), object.clone(), graph.clone());
                let formatted = format!(
                    "{}\t{}\t{}\t{}",
                    quad.graph_name, quad.subject, quad.predicate, quad.object
                );
                let mut key = String::new();
                push_graph_name(&mut key, quad.graph_name.as_ref());
                key.push('\t');
                push_triple(&mut key, quad.as_ref().into());
                assert_eq!(key, formatted);
            }
        }
    }
}
