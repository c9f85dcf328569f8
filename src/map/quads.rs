//! A document's quads, with their terms shared rather than copied into every quad.
//!
//! The mapping adds statements one at a time ([`QuadList::push`]). A subject is kept once for
//! the statements about it that come together, a graph name once for the whole list, and
//! predicates and static objects (classes, concepts, small numbers) are borrowed, not copied.
//! Quads leave as [`QuadRef`]s that borrow from the list: in the order they were added
//! ([`QuadList::iter`]), in the order the dumps write them ([`QuadList::sorted`]), or owned
//! ([`QuadList::into_quads`]).
//!
//! Why: an owned quad is four strings. A document maps to about 140 quads, and building and
//! freeing their ~500 strings was most of the time the mapping took.

use crate::rdf::order::literal_key;
use oxigraph::model::{
    GraphNameRef, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef,
    Term, TermRef,
};
use std::cmp::Ordering;

/// Quads in a few named graphs, sharing their terms.
#[derive(Debug, Clone, Default)]
pub struct QuadList {
    graphs: Vec<NamedNode>,
    subjects: Vec<NamedNode>,
    /// Objects that are not static: literals and the mapping's own IRIs.
    objects: Vec<Term>,
    statements: Vec<Statement>,
}

/// A graph of a [`QuadList`], as [`QuadList::add_graph`] gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphId(u32);

/// One quad, as places in the list's tables.
#[derive(Debug, Clone, Copy)]
struct Statement {
    graph: u32,
    subject: u32,
    predicate: NamedNodeRef<'static>,
    object: ObjectSlot,
}

#[derive(Debug, Clone, Copy)]
enum ObjectSlot {
    Static(TermRef<'static>),
    Owned(u32),
}

/// An object as the mapping gives it: a term that lives as long as the program (a vocabulary
/// term, a number from a table), which is borrowed, or a term of its own, which the list keeps.
#[derive(Debug, Clone)]
pub enum Object {
    Static(TermRef<'static>),
    Owned(Term),
}

impl From<NamedNodeRef<'static>> for Object {
    fn from(node: NamedNodeRef<'static>) -> Self {
        Self::Static(node.into())
    }
}

impl From<LiteralRef<'static>> for Object {
    fn from(literal: LiteralRef<'static>) -> Self {
        Self::Static(literal.into())
    }
}

impl From<NamedNode> for Object {
    fn from(node: NamedNode) -> Self {
        Self::Owned(node.into())
    }
}

impl From<Literal> for Object {
    fn from(literal: Literal) -> Self {
        Self::Owned(literal.into())
    }
}

impl From<Term> for Object {
    fn from(term: Term) -> Self {
        Self::Owned(term)
    }
}

/// How far back [`QuadList::push`] looks for a subject it already holds. The mapping states
/// a resource's facts together, now and then turning to another resource and back.
const RECENT_SUBJECTS: usize = 4;

impl QuadList {
    /// A list that will hold about `capacity` quads.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            statements: Vec::with_capacity(capacity),
            objects: Vec::with_capacity(capacity / 2),
            subjects: Vec::with_capacity(capacity / 4),
            graphs: Vec::new(),
        }
    }

    /// Makes `graph` one of the list's graphs.
    pub fn add_graph(&mut self, graph: NamedNode) -> GraphId {
        if let Some(index) = self.graphs.iter().position(|known| *known == graph) {
            return GraphId(to_u32(index));
        }
        self.graphs.push(graph);
        GraphId(to_u32(self.graphs.len() - 1))
    }

    /// Adds a quad in `graph`.
    pub fn push(
        &mut self,
        graph: GraphId,
        subject: &NamedNode,
        predicate: NamedNodeRef<'static>,
        object: impl Into<Object>,
    ) {
        let subject = self.subject_index(subject);
        let object = match object.into() {
            Object::Static(term) => ObjectSlot::Static(term),
            Object::Owned(term) => {
                self.objects.push(term);
                ObjectSlot::Owned(to_u32(self.objects.len() - 1))
            }
        };
        self.statements.push(Statement {
            graph: graph.0,
            subject,
            predicate,
            object,
        });
    }

    fn subject_index(&mut self, subject: &NamedNode) -> u32 {
        let recent = self.subjects.len().saturating_sub(RECENT_SUBJECTS);
        let known = self.subjects[recent..]
            .iter()
            .rposition(|held| held.as_str() == subject.as_str());
        let index = match known {
            Some(offset) => recent + offset,
            None => {
                self.subjects.push(subject.clone());
                self.subjects.len() - 1
            }
        };
        to_u32(index)
    }

    pub fn len(&self) -> usize {
        self.statements.len()
    }

    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// The quads, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = QuadRef<'_>> + Clone + '_ {
        self.statements.iter().map(|statement| self.quad(statement))
    }

    /// The quads as owned values, in the order they were added.
    pub fn into_quads(self) -> Vec<Quad> {
        self.iter().map(Quad::from).collect()
    }

    /// The quads ordered as the dumps write them, duplicates removed: the order of
    /// [`crate::rdf::order::sorted_quads`] (by graph, subject, predicate and object, each as
    /// N-Triples writes it), reached without writing any term out but the literals.
    pub fn sorted(&self) -> Vec<QuadRef<'_>> {
        let literal_keys: Vec<Option<String>> = self
            .statements
            .iter()
            .map(|statement| match self.object(statement) {
                TermRef::Literal(literal) => Some(literal_key(literal)),
                _ => None,
            })
            .collect();
        let mut order: Vec<usize> = (0..self.statements.len()).collect();
        order.sort_unstable_by(|&a, &b| self.compare(a, b, &literal_keys));
        order.dedup_by(|a, b| self.compare(*a, *b, &literal_keys) == Ordering::Equal);
        order
            .into_iter()
            .map(|index| self.quad(&self.statements[index]))
            .collect()
    }

    /// Compares the `a`th and `b`th statements; `literal_keys` holds each statement's literal
    /// object as N-Triples writes it.
    fn compare(&self, a: usize, b: usize, literal_keys: &[Option<String>]) -> Ordering {
        let (first, second) = (&self.statements[a], &self.statements[b]);
        let graph = |s: &Statement| self.graphs[s.graph as usize].as_str();
        let subject = |s: &Statement| self.subjects[s.subject as usize].as_str();
        compare_iris(graph(first), graph(second))
            .then_with(|| compare_iris(subject(first), subject(second)))
            .then_with(|| compare_iris(first.predicate.as_str(), second.predicate.as_str()))
            .then_with(|| {
                let key = |index: usize| match self.object(&self.statements[index]) {
                    TermRef::NamedNode(node) => ObjectKey::Iri(node.as_str()),
                    TermRef::BlankNode(node) => ObjectKey::Blank(node.as_str()),
                    TermRef::Literal(_) => {
                        ObjectKey::Literal(literal_keys[index].as_deref().unwrap_or_default())
                    }
                };
                compare_objects(key(a), key(b))
            })
    }

    fn object(&self, statement: &Statement) -> TermRef<'_> {
        match statement.object {
            ObjectSlot::Static(term) => term,
            ObjectSlot::Owned(index) => self.objects[index as usize].as_ref(),
        }
    }

    fn quad(&self, statement: &Statement) -> QuadRef<'_> {
        QuadRef::new(
            NamedOrBlankNodeRef::NamedNode(self.subjects[statement.subject as usize].as_ref()),
            statement.predicate,
            self.object(statement),
            GraphNameRef::NamedNode(self.graphs[statement.graph as usize].as_ref()),
        )
    }
}

/// An object as the dump order sees it: N-Triples writes literals (`"…`) before IRIs (`<…`)
/// before blank nodes (`_:…`).
#[derive(Debug, Clone, Copy)]
enum ObjectKey<'a> {
    /// The literal as N-Triples writes it.
    Literal(&'a str),
    Iri(&'a str),
    Blank(&'a str),
}

fn compare_objects(a: ObjectKey<'_>, b: ObjectKey<'_>) -> Ordering {
    let rank = |key: &ObjectKey<'_>| match key {
        ObjectKey::Literal(_) => 0,
        ObjectKey::Iri(_) => 1,
        ObjectKey::Blank(_) => 2,
    };
    match (a, b) {
        (ObjectKey::Iri(a), ObjectKey::Iri(b)) => compare_iris(a, b),
        (ObjectKey::Literal(a), ObjectKey::Literal(b))
        | (ObjectKey::Blank(a), ObjectKey::Blank(b)) => a.cmp(b),
        _ => rank(&a).cmp(&rank(&b)),
    }
}

/// Orders two IRIs as `<a>` and `<b>` compare: where one is the start of the other, the
/// shorter one's `>` meets the longer one's next byte.
fn compare_iris(a: &str, b: &str) -> Ordering {
    let shared = a.len().min(b.len());
    match a.as_bytes()[..shared].cmp(&b.as_bytes()[..shared]) {
        Ordering::Equal => {
            let next = |iri: &str| iri.as_bytes().get(shared).copied().unwrap_or(b'>');
            next(a).cmp(&next(b))
        }
        unequal => unequal,
    }
}

fn to_u32(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 4 billion terms in a document")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdf::order::sorted_quads;
    use crate::run::pipeline::map_one;

    use crate::map::LoadOptions;
    use crate::rdf::vocab::{dct, foaf, schema};
    use crate::source;
    use oxigraph::model::vocab::{rdf, xsd};
    use oxigraph::model::{BlankNode, GraphName};
    use std::collections::HashSet;
    use std::path::PathBuf;

    fn iri(path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("https://example.org/{path}"))
    }

    /// Quads in, the same quads out, whether the subject was seen just now, a while ago (past
    /// the few [`QuadList::push`] looks back on) or never.
    #[test]
    fn gives_back_the_quads_it_was_given() {
        let mut list = QuadList::default();
        let document = list.add_graph(iri("graph/d"));
        let shared = list.add_graph(iri("graph/shared"));
        assert_eq!(list.add_graph(iri("graph/d")), document);
        let mut expected = Vec::new();
        let subjects: Vec<NamedNode> = ["a", "b", "c", "d", "e", "f"].map(iri).to_vec();
        for (step, index) in [0, 0, 1, 0, 2, 3, 4, 5, 0, 5, 5, 1].into_iter().enumerate() {
            let subject = &subjects[index];
            let (graph, name) = if index % 2 == 0 {
                (document, iri("graph/d"))
            } else {
                (shared, iri("graph/shared"))
            };
            let object: Term = match step % 4 {
                0 => schema::QUESTION.into_owned().into(),
                1 => {
                    Literal::new_language_tagged_literal_unchecked(format!("t{step}"), "nl").into()
                }
                2 => iri(&format!("o/{step}")).into(),
                _ => BlankNode::new_unchecked(format!("b{step}")).into(),
            };
            let pushed: Object = if step % 4 == 0 {
                schema::QUESTION.into()
            } else {
                object.clone().into()
            };
            list.push(graph, subject, dct::TITLE, pushed);
            expected.push(Quad::new(subject.clone(), dct::TITLE, object, name));
        }
        assert_eq!(list.len(), expected.len());
        assert_eq!(list.clone().into_quads(), expected);
        assert_eq!(list.iter().map(Quad::from).collect::<Vec<_>>(), expected);
    }

    /// Where one IRI is the start of another, N-Triples' closing `>` decides.
    #[test]
    fn orders_iris_as_n_triples_writes_them() {
        for (a, b) in [
            ("https://x/a", "https://x/a/b"),
            ("https://x/a", "https://x/a-b"),
            ("https://x/a", "https://x/a~"),
            ("https://x/a", "https://x/b"),
            ("https://x/a", "https://x/a"),
            ("", "https://x/"),
        ] {
            let expected = format!("<{a}>").cmp(&format!("<{b}>"));
            assert_eq!(compare_iris(a, b), expected, "{a} against {b}");
            assert_eq!(compare_iris(b, a), expected.reverse(), "{b} against {a}");
        }
    }

    fn sorted_both_ways(list: &QuadList) -> (Vec<Quad>, Vec<Quad>) {
        let sorted: Vec<Quad> = list.sorted().into_iter().map(Quad::from).collect();
        (sorted, sorted_quads(list.clone().into_quads()))
    }

    /// Literals, IRIs and blank nodes as objects, with duplicates, in every order the dumps
    /// know: the list's sort must be the dumps' sort.
    #[test]
    fn sorts_objects_and_drops_duplicates_as_the_dumps_do() {
        let mut list = QuadList::default();
        let graph = list.add_graph(iri("g"));
        let objects: Vec<Object> = vec![
            Literal::new_simple_literal("a").into(),
            Literal::new_simple_literal("a b").into(),
            Literal::new_language_tagged_literal_unchecked("a", "en").into(),
            Literal::new_typed_literal("a", xsd::DATE).into(),
            Literal::new_simple_literal("quote \" and \\").into(),
            Literal::new_simple_literal("a").into(),
            iri("o").into(),
            iri("o/p").into(),
            foaf::PERSON.into(),
            Object::Owned(BlankNode::new_unchecked("z").into()),
            Object::Owned(BlankNode::new_unchecked("y1").into()),
            iri("o").into(),
            LiteralRef::new_typed_literal("7", xsd::INTEGER).into(),
            Literal::new_typed_literal("7", xsd::INTEGER).into(),
            Literal::new_typed_literal("10", xsd::INTEGER).into(),
        ];
        for subject in ["s/1", "s", "s-1"].map(iri) {
            for object in objects.iter().rev() {
                list.push(graph, &subject, rdf::VALUE, object.clone());
                list.push(graph, &subject, rdf::TYPE, object.clone());
            }
        }
        let (sorted, expected) = sorted_both_ways(&list);
        assert_eq!(
            sorted.len(),
            3 * 2 * 12,
            "three duplicates per subject and predicate"
        );
        assert_eq!(sorted, expected);
    }

    /// Every file of the seeds, as the pipeline maps it.
    #[test]
    fn sorts_each_shipped_document_as_the_dumps_do() {
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let options = LoadOptions::default();
        let files = source::discover(&[seeds]).unwrap();
        assert!(files.len() > 40);
        for entry in files.entries().unwrap() {
            let list = map_one(&entry, &options).unwrap().quads;
            let (sorted, expected) = sorted_both_ways(&list);
            assert!(sorted.len() > 30, "{}", entry.source_path);
            assert_eq!(sorted, expected, "{}", entry.source_path);
            let graphs: HashSet<&GraphName> = sorted.iter().map(|quad| &quad.graph_name).collect();
            assert!(graphs.len() >= 2, "its own graph and the provenance graph");
        }
    }
}
