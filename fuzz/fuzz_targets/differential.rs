//! Fuzz target: the index that queries over an in-memory load read (`src/store/index.rs`) must
//! answer every query as oxigraph's own store answers it.
//!
//! From the fuzz input come a small dataset (quads over the terms `sparql-smith` queries use)
//! and a query made by `sparql-smith`. The quads are loaded into a kamervragen `GraphStore`
//! (whose fresh in-memory load is indexed) and into a plain oxigraph `Store` holding the same
//! quads plus each statement once in the default graph, which is what `GraphStore` makes its
//! default graph: the merge of all graphs. Both are asked the same query text with the same
//! base IRI and pre-declared prefixes, through the same evaluator (spareval inside oxigraph),
//! so only the dataset under it differs; a difference in the answers panics.
//!
//! Answers are compared as sets where the order is not defined: solutions as a sorted list of
//! rows (each row its sorted `?var=term` pairs; deduplicated when the query says `REDUCED`,
//! which lets an evaluator keep or drop duplicates), graphs as sorted sets of triples, ASK as
//! the boolean. Blank nodes the query makes (`BNODE()`, CONSTRUCT templates) have random names
//! on each side, so all of them compare as one placeholder; blank nodes of the data keep their
//! names in both stores and compare as themselves.
//!
//! Skipped, as no difference of the index: queries the endpoint's shape check refuses (the
//! `GraphStore` refuses them before parsing), queries that do not parse (sparql-smith does not
//! always make valid SPARQL; the parser is shared), evaluations still running after
//! [`TIME_LIMIT`] (both are cancelled through one token), and answers above [`MAX_ROWS`]. An
//! evaluation error on one side only is a difference, except the index's own limit on new
//! values; errors on both sides count as the same answer, whatever their messages.

#![no_main]

use arbitrary::Arbitrary;
use kamervragen::rdf::vocab;
use kamervragen::store::{
    catching_stops, check_query_shape, EvaluationStop, GraphStore, QueryControl, QUERY_STACK,
};
use libfuzzer_sys::fuzz_target;
use oxigraph::model::{
    BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter,
    SparqlEvaluator,
};
use oxigraph::store::Store;
use std::sync::mpsc;
use std::sync::LazyLock;
use std::time::Duration;

/// The base IRI both sides resolve relative IRIs against: the endpoint's.
const BASE: &str = "https://w3id.org/kamervragen/";

/// sparql-smith's queries name `<http://example.org/1>` to `<http://example.org/5>`.
const EXAMPLE: &str = "http://example.org/";
const NAMED_NODES: u8 = 5;

/// The data's blank nodes: names that no random blank node name (hexadecimal) can take.
const DATA_BLANK_NODES: [&str; 3] = ["data1", "data2", "datag"];

/// The most quads a dataset gets from one input.
const MAX_QUADS: usize = 24;

/// How long both evaluations together may take before they are cancelled and the input
/// skipped. libFuzzer's `-timeout` reports what this cannot stop.
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// The most rows (or triples) an answer is compared with; larger answers are skipped.
const MAX_ROWS: usize = 100_000;

/// Literals the data may hold, as their lexical form and a language tag (`en…`) or the local
/// name of an XSD datatype: the kinds sparql-smith's query constants are made of, so that they
/// meet in joins and filters.
const LITERAL_TEXTS: [(&str, Option<&str>); 28] = [
    ("foo", None),
    ("bar", Some("en")),
    ("foo", Some("en-us")),
    ("true", Some("boolean")),
    ("false", Some("boolean")),
    ("0", Some("integer")),
    ("1", Some("integer")),
    ("-1", Some("integer")),
    ("0", Some("decimal")),
    ("1", Some("decimal")),
    ("-1.5", Some("decimal")),
    ("0", Some("double")),
    ("-0", Some("double")),
    ("1", Some("double")),
    ("INF", Some("double")),
    ("NaN", Some("double")),
    ("1", Some("float")),
    ("-INF", Some("float")),
    ("P1YT1S", Some("duration")),
    ("P1Y", Some("yearMonthDuration")),
    ("PT1S", Some("dayTimeDuration")),
    ("2020-01-01T00:00:00", Some("dateTime")),
    ("2020-01-01T01:00:00.1-14:00", Some("dateTime")),
    ("2020-01-01Z", Some("date")),
    ("00:00:00Z", Some("time")),
    ("2020", Some("gYear")),
    ("--01-01", Some("gMonthDay")),
    ("1", Some("nonNegativeInteger")),
];

/// The literals of [`LITERAL_TEXTS`] that oxigraph's store gives back as they went in.
///
/// The store keeps literals of XSD number, date and duration types as values, and gives back
/// the value's canonical form and base type: `"01"^^xsd:integer` comes back as `"1"`, and
/// `"1"^^xsd:nonNegativeInteger` as an `xsd:integer`. The index keeps each term as written, as
/// RDF has it. Literals that do not survive that round trip would only show this known
/// difference of the store, so the data leaves them out (see the fuzz README).
static LITERALS: LazyLock<Vec<Literal>> = LazyLock::new(|| {
    let store = Store::new().expect("an in-memory store");
    LITERAL_TEXTS
        .iter()
        .map(|&(value, kind)| literal(value, kind))
        .filter(|literal| survives_the_store(&store, literal))
        .collect()
});

fn literal(value: &str, kind: Option<&str>) -> Literal {
    match kind {
        None => Literal::new_simple_literal(value),
        Some(language) if language.starts_with("en") => {
            Literal::new_language_tagged_literal(value, language).expect("a valid language tag")
        }
        Some(datatype) => Literal::new_typed_literal(
            value,
            NamedNode::new(format!("http://www.w3.org/2001/XMLSchema#{datatype}"))
                .expect("an XSD datatype IRI"),
        ),
    }
}

fn survives_the_store(store: &Store, literal: &Literal) -> bool {
    let subject = NamedNode::new_unchecked(format!("{EXAMPLE}1"));
    let quad = Quad::new(
        subject.clone(),
        subject.clone(),
        literal.clone(),
        GraphName::DefaultGraph,
    );
    store.clear().expect("the store is cleared");
    store.insert(&quad).expect("the quad is inserted");
    let back: Vec<Quad> = store.iter().map(|quad| quad.expect("a quad")).collect();
    back == [quad]
}

#[derive(Arbitrary, Debug)]
struct Input {
    data: Vec<QuadChoice>,
    query: sparql_smith::Query,
}

/// One quad, each place a choice among the terms that fit there.
#[derive(Arbitrary, Debug)]
struct QuadChoice {
    subject: u8,
    predicate: u8,
    object: u8,
    graph: u8,
}

impl QuadChoice {
    fn quad(&self) -> Quad {
        Quad::new(
            subject(self.subject),
            example(self.predicate),
            object(self.object),
            graph(self.graph),
        )
    }
}

fn example(choice: u8) -> NamedNode {
    NamedNode::new_unchecked(format!("{EXAMPLE}{}", choice % NAMED_NODES + 1))
}

fn data_blank_node(choice: u8) -> BlankNode {
    BlankNode::new_unchecked(DATA_BLANK_NODES[usize::from(choice) % 2])
}

/// Mostly named nodes, some blank nodes.
fn subject(choice: u8) -> NamedOrBlankNode {
    match choice % 7 {
        0..5 => example(choice).into(),
        _ => data_blank_node(choice).into(),
    }
}

/// Named nodes, blank nodes and literals, about a third each.
fn object(choice: u8) -> Term {
    let literals = &*LITERALS;
    match choice % 3 {
        0 => example(choice / 3).into(),
        1 if choice % 5 == 1 => data_blank_node(choice / 3).into(),
        _ => literals[usize::from(choice / 3) % literals.len()]
            .clone()
            .into(),
    }
}

/// The default graph, three named graphs (those sparql-smith names), and a blank one.
fn graph(choice: u8) -> GraphName {
    match choice % 6 {
        0 | 1 => GraphName::DefaultGraph,
        2..5 => example(choice % 6 - 2).into(),
        _ => BlankNode::new_unchecked(DATA_BLANK_NODES[2]).into(),
    }
}

fuzz_target!(|input: Input| {
    let query = input.query.to_string();
    // The GraphStore refuses these before parsing; the plain store would not.
    if check_query_shape(&query).is_err() {
        return;
    }
    let quads: Vec<Quad> = input
        .data
        .iter()
        .take(MAX_QUADS)
        .map(QuadChoice::quad)
        .collect();
    if let Some((mut index, mut store)) = answers(&query, &quads) {
        // `REDUCED` lets an evaluator keep or drop duplicates, anywhere in the query.
        if query.contains("REDUCED") {
            index.drop_duplicates();
            store.drop_duplicates();
        }
        assert!(
            index == store,
            "the index and the store answer differently\n\nquery:\n{query}\n\ndata (N-Quads):\n{}\nindex: {index:?}\nstore: {store:?}",
            quads.iter().map(|quad| format!("{quad} .\n")).collect::<String>(),
        );
    }
});

/// An answer in a form that compares as the SPARQL results do.
#[derive(Debug)]
enum Answer {
    /// Not a query: the same text fails to parse on both sides.
    Invalid,
    /// The evaluation failed. The message is for the panic's report only: it does not take
    /// part in comparisons.
    Failed(#[allow(dead_code)] String),
    Solutions {
        variables: Vec<String>,
        rows: Vec<String>,
    },
    Boolean(bool),
    Graph(Vec<String>),
}

impl PartialEq for Answer {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Invalid, Self::Invalid) | (Self::Failed(_), Self::Failed(_)) => true,
            (
                Self::Solutions { variables, rows },
                Self::Solutions {
                    variables: other_variables,
                    rows: other_rows,
                },
            ) => variables == other_variables && rows == other_rows,
            (Self::Boolean(value), Self::Boolean(other)) => value == other,
            (Self::Graph(triples), Self::Graph(other)) => triples == other,
            _ => false,
        }
    }
}

impl Answer {
    fn drop_duplicates(&mut self) {
        if let Self::Solutions { rows, .. } = self {
            rows.dedup();
        }
    }
}

/// Why an answer is not compared.
enum Skip {
    Cancelled,
    TooLarge,
    OwnLimit,
}

/// The answers of the index and of the store, or `None` when either side was skipped.
fn answers(query: &str, quads: &[Quad]) -> Option<(Answer, Answer)> {
    let token = CancellationToken::new();
    let (sender, receiver) = mpsc::channel();
    let (query, quads, evaluation_token) = (query.to_owned(), quads.to_vec(), token.clone());
    // The parser and the evaluator recurse once per level of the query: the endpoint's stack.
    std::thread::Builder::new()
        .stack_size(QUERY_STACK)
        .spawn(move || {
            let index = ask_index(&query, &quads, &evaluation_token);
            let store = ask_store(&query, &quads, &evaluation_token);
            // The receiver is gone only if this thread panicked: nothing to tell.
            let _ = sender.send((index, store));
        })
        .expect("a thread for the evaluation");
    let (index, store) = match receiver.recv_timeout(TIME_LIMIT) {
        Ok(answers) => answers,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            token.cancel();
            receiver.recv().expect("the evaluation ends once cancelled")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the evaluation panicked"),
    };
    if token.is_cancelled() {
        return None;
    }
    Some((index.ok()?, store.ok()?))
}

/// The `GraphStore` of the quads, as a load into a fresh in-memory store makes it: indexed.
fn indexed_store(quads: &[Quad]) -> GraphStore {
    let store = GraphStore::new().expect("an in-memory store");
    let mut loader = store.loader().expect("a loader");
    loader
        .add(quads.iter().map(Quad::as_ref))
        .expect("the quads are added");
    loader.commit().expect("the load is committed");
    store
}

/// A plain store with the quads and, in its default graph, each statement of the quads: the
/// merge that `GraphStore` makes its default graph (the union default graph would keep one
/// copy per graph).
fn plain_store(quads: &[Quad]) -> Store {
    let store = Store::new().expect("an in-memory store");
    let in_default_graph = quads.iter().map(|quad| {
        let triple = Triple::from(quad.clone());
        triple.in_graph(GraphName::DefaultGraph)
    });
    store
        .extend(quads.iter().cloned().chain(in_default_graph))
        .expect("the quads are inserted");
    store
}

fn ask_index(query: &str, quads: &[Quad], token: &CancellationToken) -> Result<Answer, Skip> {
    let store = indexed_store(quads);
    let control = QueryControl {
        cancellation: Some(token.clone()),
        ..QueryControl::default()
    };
    // A cancelled evaluation stops by unwinding to here (the store's watch).
    catching_stops(|| match store.query_with(query, BASE, control) {
        Ok(results) => collect(results),
        Err(kamervragen::store::StoreError::Syntax(_)) => Ok(Answer::Invalid),
        Err(kamervragen::store::StoreError::Evaluation(error)) => failed(&error),
        Err(other) => panic!("the GraphStore failed: {other:?}"),
    })
    .unwrap_or_else(|stop| match stop {
        EvaluationStop::Cancelled => Err(Skip::Cancelled),
        _ => Err(Skip::OwnLimit),
    })
}

/// The query as `GraphStore::query_with` prepares it (base IRI, prefixes, token), on the
/// plain store.
fn ask_store(query: &str, quads: &[Quad], token: &CancellationToken) -> Result<Answer, Skip> {
    let store = plain_store(quads);
    let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token.clone());
    for (prefix, iri) in vocab::prefixes() {
        evaluator = evaluator.with_prefix(prefix, iri).expect("a valid prefix");
    }
    let evaluator = evaluator.with_base_iri(BASE).expect("a valid base IRI");
    let Ok(prepared) = evaluator.parse_query(query) else {
        return Ok(Answer::Invalid);
    };
    match prepared.on_store(&store).execute() {
        Ok(results) => collect(results),
        Err(error) => failed(&error),
    }
}

fn failed(error: &QueryEvaluationError) -> Result<Answer, Skip> {
    match error {
        QueryEvaluationError::Cancelled => Err(Skip::Cancelled),
        // The index's budget of new values (`MADE_UP_BYTES`): a limit the store does not have.
        other if format!("{other:?}").contains("TooManyNewValues") => Err(Skip::OwnLimit),
        other => Ok(Answer::Failed(other.to_string())),
    }
}

fn collect(results: QueryResults<'_>) -> Result<Answer, Skip> {
    match results {
        QueryResults::Boolean(value) => Ok(Answer::Boolean(value)),
        QueryResults::Solutions(solutions) => collect_solutions(solutions),
        QueryResults::Graph(triples) => collect_triples(triples),
    }
}

/// The rows, each its bound variables sorted, sorted; duplicates dropped for `REDUCED`.
fn collect_solutions(solutions: QuerySolutionIter<'_>) -> Result<Answer, Skip> {
    let variables = solutions
        .variables()
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = match solution {
            Ok(solution) => solution,
            Err(error) => return failed(&error),
        };
        let mut row: Vec<String> = solution
            .iter()
            .map(|(variable, term)| format!("{variable}={}", show(term)))
            .collect();
        row.sort_unstable();
        rows.push(row.join(" "));
        if rows.len() > MAX_ROWS {
            return Err(Skip::TooLarge);
        }
    }
    rows.sort_unstable();
    Ok(Answer::Solutions { variables, rows })
}

/// The triples as a set: an RDF graph has each triple once.
fn collect_triples(triples: QueryTripleIter<'_>) -> Result<Answer, Skip> {
    let mut shown = Vec::new();
    for triple in triples {
        let triple = match triple {
            Ok(triple) => triple,
            Err(error) => return failed(&error),
        };
        let subject = show(&Term::from(triple.subject));
        shown.push(format!(
            "{subject} {} {}",
            triple.predicate,
            show(&triple.object)
        ));
        if shown.len() > MAX_ROWS {
            return Err(Skip::TooLarge);
        }
    }
    shown.sort_unstable();
    shown.dedup();
    Ok(Answer::Graph(shown))
}

/// A term as N-Triples, with every blank node the query made as one placeholder.
fn show(term: &Term) -> String {
    match term {
        Term::BlankNode(node) if !DATA_BLANK_NODES.contains(&node.as_str()) => "_:made".into(),
        other => other.to_string(),
    }
}
