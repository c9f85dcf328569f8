//! A read-only index of an in-memory store's quads, which oxigraph's SPARQL evaluator reads in
//! place of the store.
//!
//! Quads enter once, as a whole in-memory load passes through [`IndexBuilder::add`], which
//! numbers them and sorts them a run at a time; the runs are merged into the index when that
//! load commits ([`IndexBuilder::finish`]). Queries leave through
//! [`IndexedDataset`], a dataset spareval (the evaluator inside oxigraph) evaluates as it would
//! the store: terms are numbers into one dictionary, and a pattern's quads are one contiguous
//! run of a sorted list, found by binary search.
//!
//! Why it exists: oxigraph 0.5's in-memory store finds a pattern's quads by walking a linked
//! list of the quads of the pattern's least frequent term, across every graph, taking a lock
//! per quad, and it hands each term out by looking its string up in a concurrent map. A set's
//! IRI is stated in the graphs of its questions, answers and notices and in the merge, so every
//! lookup on a set walks all of those. The store stays the store of record: any write to it
//! drops the index (`GraphStore::write_transaction`), and queries go back to the store.

use super::watch::{EvaluationStop, Watch};
use hashbrown::HashTable;
use oxigraph::model::{GraphNameRef, NamedNodeRef, NamedOrBlankNodeRef, QuadRef, Term, TermRef};
use rustc_hash::{FxBuildHasher, FxHashMap};
use spareval::{ExpressionTerm, InternalQuad, QueryableDataset};
use std::cell::RefCell;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::Arc;

/// The default graph's number: above every term's, so that it sorts after the named graphs.
const DEFAULT_GRAPH: u32 = u32::MAX;

/// Positions in a quad as the index keeps it: `[subject, predicate, object, graph]`.
type Ids = [u32; 4];
const SUBJECT: usize = 0;
const PREDICATE: usize = 1;
const OBJECT: usize = 2;
const GRAPH: usize = 3;

/// Which position of a quad stands at each place of a permutation's tuples.
type Order = [usize; 4];

/// With the graph first: for patterns in the default graph or one named graph, which are
/// nearly all. These hold every quad. Each is made from the order below it with the graph last
/// (see [`Permutation::graph_first`]).
const WITH_GRAPH: [Order; 3] = [
    [GRAPH, SUBJECT, PREDICATE, OBJECT],
    [GRAPH, PREDICATE, OBJECT, SUBJECT],
    [GRAPH, OBJECT, SUBJECT, PREDICATE],
];

/// With the graph last: for patterns in any named graph (`GRAPH ?g`). These hold the quads of
/// the named graphs only, since such a pattern never reaches the default graph.
const ANY_NAMED_GRAPH: [Order; 3] = [
    [SUBJECT, PREDICATE, OBJECT, GRAPH],
    [PREDICATE, OBJECT, SUBJECT, GRAPH],
    [OBJECT, SUBJECT, PREDICATE, GRAPH],
];

/// The quads sorted in one order.
struct Permutation {
    order: Order,
    tuples: Vec<Ids>,
}

impl Permutation {
    /// Tuples in `order` already, in runs each sorted (see [`IndexBuilder::sort_run`]): sorted
    /// whole, each once. The standard library's stable sort finds such runs and merges them.
    fn from_runs(order: Order, mut tuples: Vec<Ids>) -> Self {
        tuples.sort();
        tuples.dedup();
        Self { order, tuples }
    }

    /// From this order with the graph last, the same with the graph first, and the merge: each
    /// graph's quads in the order they have here, moved in one pass, then each statement of the
    /// named graphs and of `in_default_graph` once, in the default graph: one pass over the
    /// quads where sorting them again would compare each many times.
    fn graph_first(&self, order: Order, layout: &GraphLayout, in_default_graph: &[Ids]) -> Self {
        let [a, b, c, last] = self.order;
        debug_assert_eq!([last, a, b, c], order);
        let named = self.tuples.len();
        // Room for the merge, which has at most one statement per quad: what it does not take
        // is never touched, and costs no memory.
        let mut tuples = Vec::with_capacity(2 * named + in_default_graph.len());
        tuples.resize(named, [0; 4]);
        let mut next = layout.starts.clone();
        for &[x, y, z, graph] in &self.tuples {
            let place = &mut next[layout.place[graph as usize]];
            tuples[*place] = [graph, x, y, z];
            *place += 1;
        }
        let mut previous = None;
        for &[x, y, z, _] in &self.tuples {
            if previous != Some([x, y, z]) {
                tuples.push([DEFAULT_GRAPH, x, y, z]);
                previous = Some([x, y, z]);
            }
        }
        if !in_default_graph.is_empty() {
            let own = in_default_graph.iter();
            tuples.extend(own.map(|quad| [DEFAULT_GRAPH, quad[a], quad[b], quad[c]]));
            tuples[named..].sort_unstable();
            tuples.dedup();
        }
        Self { order, tuples }
    }

    /// How many leading places of this order the pattern binds.
    fn bound_prefix(&self, pattern: &[Option<u32>; 4]) -> usize {
        self.order
            .iter()
            .take_while(|&&at| pattern[at].is_some())
            .count()
    }

    /// The tuples that begin with the pattern's first `length` places: where they begin, by
    /// binary search, and where they end, by steps that double from there. Most runs are a few
    /// tuples in a list of millions, and a query looks up one for each row it joins; a second
    /// binary search over the rest of the list cost as much as the first.
    fn run(&self, pattern: &[Option<u32>; 4], length: usize) -> Range<usize> {
        if length == 0 {
            return 0..self.tuples.len();
        }
        let mut prefix = [0; 4];
        for (slot, &at) in self.order[..length].iter().enumerate() {
            prefix[slot] = pattern[at].expect("the prefix is bound");
        }
        let wanted = leading(&prefix, length);
        let in_run = |tuple: &Ids| leading(tuple, length) == wanted;
        let start = self
            .tuples
            .partition_point(|tuple| leading(tuple, length) < wanted);
        let rest = &self.tuples[start..];
        let mut step = 1;
        while step < rest.len() && in_run(&rest[step]) {
            step *= 2;
        }
        // The run ends after `rest[step / 2]`, which is in it (or is its start), and at
        // `rest[step]` at the latest.
        let from = step / 2;
        let end = from + rest[from..step.min(rest.len())].partition_point(in_run);
        start..start + end
    }

    fn quad(&self, place: usize) -> Ids {
        let tuple = self.tuples[place];
        let mut quad = [0; 4];
        for (slot, &at) in self.order.iter().enumerate() {
            quad[at] = tuple[slot];
        }
        quad
    }
}

/// A tuple's first `length` places as one number, which orders as those places do: one
/// comparison of two numbers where comparing the places was a call to compare memory.
fn leading(tuple: &Ids, length: usize) -> u128 {
    let whole = tuple
        .iter()
        .fold(0u128, |key, &id| key << 32 | u128::from(id));
    whole >> (32 * (4 - length))
}

/// Terms, each under one number: numbers from `first` on, in the order the terms came.
#[derive(Default)]
struct Dictionary {
    first: usize,
    terms: Vec<Term>,
    /// Places in `terms`, each with the hash of the term there ([`Dictionary::hash`]).
    places: HashTable<(u32, u32)>,
    hasher: FxBuildHasher,
}

/// Spreads a term's 32-bit hash over the 64 bits the table reads: the low bits pick a bucket,
/// the high ones tell entries in it apart.
fn spread(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Dictionary {
    /// An empty dictionary whose numbers follow `before`'s.
    fn after(before: &Dictionary) -> Self {
        Self {
            first: before.first + before.terms.len(),
            ..Self::default()
        }
    }

    /// A term's hash, which the table keeps beside its place: when the table grows, it moves
    /// its entries by that alone. Reading millions of terms again for their hashes stopped a
    /// load for half a second each time.
    fn hash(&self, term: TermRef<'_>) -> u32 {
        (self.hasher.hash_one(term) >> 32) as u32
    }

    fn find(&self, term: TermRef<'_>) -> Option<u32> {
        let hash = self.hash(term);
        let is_term = |&(place, kept): &(u32, u32)| {
            kept == hash && self.terms[place as usize].as_ref() == term
        };
        self.places
            .find(spread(hash), is_term)
            .map(|&(place, _)| self.first as u32 + place)
    }

    fn number(&mut self, term: TermRef<'_>) -> u32 {
        let hash = self.hash(term);
        let Self {
            first,
            terms,
            places,
            ..
        } = self;
        let (place, _) = *places
            .entry(
                spread(hash),
                |&(place, kept)| kept == hash && terms[place as usize].as_ref() == term,
                |&(_, kept)| spread(kept),
            )
            .or_insert_with(|| {
                u32::try_from(*first + terms.len())
                    .ok()
                    .filter(|&number| number < DEFAULT_GRAPH)
                    .expect("fewer than 4 billion distinct terms");
                terms.push(term.into_owned());
                ((terms.len() - 1) as u32, hash)
            })
            .get();
        *first as u32 + place
    }

    fn term(&self, number: u32) -> Option<&Term> {
        self.terms.get((number as usize).checked_sub(self.first)?)
    }

    /// The number after the last one given.
    fn end(&self) -> usize {
        self.first + self.terms.len()
    }
}

/// The named graphs of a permutation with the graph last, and where each graph's quads begin
/// in the same permutation with the graph first.
struct GraphLayout {
    /// The graphs' numbers, in order.
    graphs: Vec<u32>,
    /// By term number: a graph's place in `graphs` (read for graphs only).
    place: Vec<usize>,
    /// By place in `graphs`: how many quads the graphs before it hold.
    starts: Vec<usize>,
}

impl GraphLayout {
    /// The layout of `quads`, whose terms are numbered below `end`.
    fn of(quads: &Permutation, end: usize) -> Self {
        debug_assert_eq!(quads.order[3], GRAPH);
        // Quads per graph first, then each graph's place.
        let mut place = vec![0; end];
        for tuple in &quads.tuples {
            place[tuple[3] as usize] += 1;
        }
        let (mut graphs, mut starts, mut start) = (Vec::new(), Vec::new(), 0);
        for (number, slot) in place.iter_mut().enumerate() {
            if *slot > 0 {
                starts.push(start);
                start += *slot;
                *slot = graphs.len();
                graphs.push(number as u32);
            }
        }
        Self {
            graphs,
            place,
            starts,
        }
    }
}

/// How many quads of named graphs a load sorts at a time, as it goes (four in tests, so that
/// they merge runs): some 4,700 documents' worth, sorted while the store's writer takes in the
/// documents waiting for it. Sorting all at the end of a load of 100,000 documents took 2.1-2.5
/// s, with the writer done and waiting; merging the runs takes 0.7-1.0 s.
const RUN: usize = if cfg!(test) { 4 } else { 1 << 19 };

/// Takes the quads of a load as they pass, sorted a run at a time, and merges the runs into an
/// index at the end.
#[derive(Default)]
pub(super) struct IndexBuilder {
    dictionary: Dictionary,
    /// The quads of named graphs not yet sorted: fewer than [`RUN`].
    named: Vec<Ids>,
    /// The quads of named graphs in each order of [`ANY_NAMED_GRAPH`], a sorted run at a time.
    sorted: [Vec<Ids>; 3],
    /// Quads put in the default graph itself: statements of the merge, with the named graphs'.
    in_default_graph: Vec<Ids>,
}

impl IndexBuilder {
    /// Adds `quad` in its graph. The merge is made from the named graphs' quads at the end.
    pub(super) fn add(&mut self, quad: QuadRef<'_>) {
        let subject = self.dictionary.number(quad.subject.into());
        let predicate = self.dictionary.number(quad.predicate.into());
        let object = self.dictionary.number(quad.object);
        let graph = match quad.graph_name {
            GraphNameRef::DefaultGraph => {
                let quad = [subject, predicate, object, DEFAULT_GRAPH];
                return self.in_default_graph.push(quad);
            }
            GraphNameRef::NamedNode(name) => self.dictionary.number(name.into()),
            GraphNameRef::BlankNode(name) => self.dictionary.number(name.into()),
        };
        self.named.push([subject, predicate, object, graph]);
        if self.named.len() == RUN {
            self.sort_run();
        }
    }

    /// Sorts the quads not yet sorted into a run of each order.
    fn sort_run(&mut self) {
        for (order, tuples) in ANY_NAMED_GRAPH.iter().zip(&mut self.sorted) {
            let start = tuples.len();
            tuples.extend(self.named.iter().map(|quad| order.map(|at| quad[at])));
            tuples[start..].sort_unstable();
        }
        self.named.clear();
    }

    /// Merges the runs of the orders with the graph last, at once on every core, and makes the
    /// orders with the graph first from those. A statement made in two documents is one
    /// statement of the merge; a quad stated twice is one quad.
    pub(super) fn finish(mut self) -> QueryIndex {
        self.sort_run();
        let Self {
            dictionary,
            sorted: [for_spog, for_posg, for_ospg],
            in_default_graph,
            ..
        } = self;
        let [spog, posg, ospg] = ANY_NAMED_GRAPH;
        let (spog, posg, ospg) = join3(
            || Permutation::from_runs(spog, for_spog),
            || Permutation::from_runs(posg, for_posg),
            || Permutation::from_runs(ospg, for_ospg),
        );
        let layout = GraphLayout::of(&spog, dictionary.end());
        let [gspo, gpos, gosp] = WITH_GRAPH;
        let graph_first = |permutation: &Permutation, order| {
            permutation.graph_first(order, &layout, &in_default_graph)
        };
        let (gspo, gpos, gosp) = join3(
            || graph_first(&spog, gspo),
            || graph_first(&posg, gpos),
            || graph_first(&ospg, gosp),
        );
        QueryIndex {
            dictionary,
            with_graph: [gspo, gpos, gosp],
            any_named_graph: [spog, posg, ospg],
            graphs: layout.graphs,
        }
    }
}

/// Three pieces of work at once, on every core.
fn join3<A: Send, B: Send, C: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
    c: impl FnOnce() -> C + Send,
) -> (A, B, C) {
    let (a, (b, c)) = rayon::join(a, || rayon::join(b, c));
    (a, b, c)
}

/// The quads of a store, sorted six ways, and their terms.
pub(crate) struct QueryIndex {
    dictionary: Dictionary,
    with_graph: [Permutation; 3],
    any_named_graph: [Permutation; 3],
    /// The named graphs, by number.
    graphs: Vec<u32>,
}

impl QueryIndex {
    /// How many quads the index holds, the merge's among them.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.with_graph[0].tuples.len()
    }

    /// The merge as the index holds it: each statement of the default graph once, in the
    /// order of its numbers.
    pub(super) fn merge(&self) -> impl Iterator<Item = QuadRef<'_>> + '_ {
        let [gspo, _, _] = &self.with_graph;
        let in_default_graph = [None, None, None, Some(DEFAULT_GRAPH)];
        gspo.run(&in_default_graph, 1).map(move |place| {
            let quad = gspo.quad(place);
            QuadRef::new(
                self.subject(quad[SUBJECT]),
                self.predicate(quad[PREDICATE]),
                self.term(quad[OBJECT]),
                GraphNameRef::DefaultGraph,
            )
        })
    }

    /// A term the index holds: every number in a tuple is one.
    fn term(&self, number: u32) -> TermRef<'_> {
        self.dictionary
            .term(number)
            .expect("a tuple holds numbers of the dictionary")
            .as_ref()
    }

    fn subject(&self, number: u32) -> NamedOrBlankNodeRef<'_> {
        match self.term(number) {
            TermRef::NamedNode(node) => node.into(),
            TermRef::BlankNode(node) => node.into(),
            other => unreachable!("{other} was numbered as a subject"),
        }
    }

    fn predicate(&self, number: u32) -> NamedNodeRef<'_> {
        match self.term(number) {
            TermRef::NamedNode(node) => node,
            other => unreachable!("{other} was numbered as a predicate"),
        }
    }

    /// The permutation that binds most of `pattern`'s leading places, and how many it binds.
    fn best_permutation(&self, pattern: &[Option<u32>; 4]) -> (usize, usize) {
        let candidates = if pattern[GRAPH].is_some() { 0..3 } else { 3..6 };
        candidates
            .map(|which| (which, self.permutation(which).bound_prefix(pattern)))
            .max_by_key(|&(which, bound)| (bound, std::cmp::Reverse(which)))
            .expect("three candidates")
    }

    fn permutation(&self, which: usize) -> &Permutation {
        match which {
            0..3 => &self.with_graph[which],
            _ => &self.any_named_graph[which - 3],
        }
    }
}

/// One query's view of the index: the terms a query makes up (constants, and values it binds)
/// are numbered after the index's own, for this query alone.
pub(crate) struct IndexedDataset {
    index: Arc<QueryIndex>,
    made_up: RefCell<Dictionary>,
    /// The bytes of the terms made up so far (each term's text), against [`MADE_UP_BYTES`].
    made_up_bytes: std::cell::Cell<usize>,
    /// Looked at on every term the evaluator reads or makes, not only on each quad: an
    /// `ORDER BY` over what it already holds reads no quad for a long time.
    watch: Watch,
    /// Terms the evaluator has read or made, as the values it computes with. It asks for a
    /// term's value at every use (each `MONTH(?date)`, and each comparison of an `ORDER BY`,
    /// which reads the same rows' terms again and again). From the dictionary, that is a read
    /// from anywhere in a large index, and for a typed literal the parse of its text too; here,
    /// the terms one query uses lie close together. Parsed values (dates, numbers, booleans)
    /// are all kept, as oxigraph's own store keeps such literals as values from the start;
    /// other terms up to [`KEPT_TERMS`].
    values: RefCell<FxHashMap<u32, ExpressionTerm>>,
}

/// The most bytes of new terms (values a query computes: `CONCAT`, `STR`, arithmetic) one
/// query may make: a query of a million 4 KB strings reached 5 GB without it.
pub const MADE_UP_BYTES: usize = 256 << 20;

impl IndexedDataset {
    pub(crate) fn new(index: Arc<QueryIndex>, watch: Watch) -> Self {
        let made_up = RefCell::new(Dictionary::after(&index.dictionary));
        Self {
            index,
            made_up,
            made_up_bytes: std::cell::Cell::new(0),
            watch,
            values: RefCell::default(),
        }
    }

    fn ensure_alive(&self) -> Result<(), EvaluationStop> {
        self.watch.check()
    }
}

/// How many terms a query keeps as values, besides its parsed ones: what the research queries
/// sort over 100,000 documents (some 400,000 terms), at about 150 bytes a term.
const KEPT_TERMS: usize = 1 << 19;

/// About how many bytes a term holds: its text and its datatype's or language's. The budgets
/// of new values here and of answers in `serve` count with it.
pub(crate) fn term_bytes(term: TermRef<'_>) -> usize {
    match term {
        TermRef::NamedNode(node) => node.as_str().len(),
        TermRef::BlankNode(node) => node.as_str().len(),
        TermRef::Literal(literal) => {
            literal.value().len() + literal.language().map_or(0, str::len) + 16
        }
    }
}

/// Whether a value is one the evaluator parsed from its term (a number, a date, a boolean):
/// IRIs, strings and literals of other datatypes are their text.
fn is_parsed_value(value: &ExpressionTerm) -> bool {
    !matches!(
        value,
        ExpressionTerm::NamedNode(_)
            | ExpressionTerm::BlankNode(_)
            | ExpressionTerm::StringLiteral(_)
            | ExpressionTerm::LangStringLiteral { .. }
            | ExpressionTerm::OtherTypedLiteral { .. }
    )
}

/// The quads of one run of a permutation that match the rest of a pattern.
struct Matches {
    index: Arc<QueryIndex>,
    which: usize,
    places: Range<usize>,
    pattern: [Option<u32>; 4],
}

impl Iterator for Matches {
    type Item = Result<InternalQuad<u32>, EvaluationStop>;

    fn next(&mut self) -> Option<Self::Item> {
        let permutation = self.index.permutation(self.which);
        for place in self.places.by_ref() {
            let quad = permutation.quad(place);
            let fits = quad
                .iter()
                .zip(&self.pattern)
                .all(|(id, wanted)| wanted.is_none_or(|wanted| wanted == *id));
            if fits {
                return Some(Ok(InternalQuad {
                    subject: quad[SUBJECT],
                    predicate: quad[PREDICATE],
                    object: quad[OBJECT],
                    graph_name: (quad[GRAPH] != DEFAULT_GRAPH).then_some(quad[GRAPH]),
                }));
            }
        }
        None
    }
}

impl<'a> QueryableDataset<'a> for IndexedDataset {
    type InternalTerm = u32;
    type Error = EvaluationStop;

    fn internal_quads_for_pattern(
        &self,
        subject: Option<&u32>,
        predicate: Option<&u32>,
        object: Option<&u32>,
        graph_name: Option<Option<&u32>>,
    ) -> impl Iterator<Item = Result<InternalQuad<u32>, EvaluationStop>> + use<'a> {
        let graph = graph_name.map(|name| name.copied().unwrap_or(DEFAULT_GRAPH));
        let pattern = [subject.copied(), predicate.copied(), object.copied(), graph];
        let (which, bound) = self.index.best_permutation(&pattern);
        let places = self.index.permutation(which).run(&pattern, bound);
        Matches {
            index: Arc::clone(&self.index),
            which,
            places,
            pattern,
        }
    }

    fn internal_named_graphs(&self) -> impl Iterator<Item = Result<u32, EvaluationStop>> + use<'a> {
        let index = Arc::clone(&self.index);
        (0..index.graphs.len()).map(move |place| Ok(index.graphs[place]))
    }

    fn contains_internal_graph_name(&self, graph_name: &u32) -> Result<bool, EvaluationStop> {
        Ok(self.index.graphs.binary_search(graph_name).is_ok())
    }

    fn internalize_term(&self, term: Term) -> Result<u32, EvaluationStop> {
        self.ensure_alive()?;
        let term = term.as_ref();
        if let Some(number) = self.index.dictionary.find(term) {
            return Ok(number);
        }
        let mut made_up = self.made_up.borrow_mut();
        let before = made_up.terms.len();
        let number = made_up.number(term);
        if made_up.terms.len() > before {
            let bytes = self.made_up_bytes.get() + term_bytes(term);
            self.made_up_bytes.set(bytes);
            if bytes > MADE_UP_BYTES {
                return Err(EvaluationStop::TooManyNewValues);
            }
        }
        Ok(number)
    }

    fn externalize_expression_term(&self, number: u32) -> Result<ExpressionTerm, EvaluationStop> {
        self.ensure_alive()?;
        if let Some(value) = self.values.borrow().get(&number) {
            return Ok(value.clone());
        }
        let value = ExpressionTerm::from(self.externalize_term(number)?);
        let mut values = self.values.borrow_mut();
        if is_parsed_value(&value) || values.len() < KEPT_TERMS {
            values.insert(number, value.clone());
        }
        Ok(value)
    }

    fn internalize_expression_term(&self, value: ExpressionTerm) -> Result<u32, EvaluationStop> {
        let kept = is_parsed_value(&value).then(|| value.clone());
        let number = self.internalize_term(value.into())?;
        if let Some(value) = kept {
            self.values.borrow_mut().entry(number).or_insert(value);
        }
        Ok(number)
    }

    fn externalize_term(&self, number: u32) -> Result<Term, EvaluationStop> {
        self.ensure_alive()?;
        Ok(match self.index.dictionary.term(number) {
            Some(term) => term.clone(),
            None => self
                .made_up
                .borrow()
                .term(number)
                .expect("numbered")
                .clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::run::pipeline::load;

    use crate::export::results::{write_results, ResultsFormat};
    use crate::map::LoadOptions;
    use crate::store::{GraphStore, QueryControl};
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad};
    use std::path::PathBuf;

    const BASE: &str = "https://example.org/";

    fn iri(local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{BASE}{local}"))
    }

    fn answer(store: &GraphStore, sparql: &str, control: &QueryControl) -> String {
        let results = store.query_with(sparql, BASE, control.clone()).unwrap();
        String::from_utf8(write_results(results, ResultsFormat::Tsv, Vec::new()).unwrap()).unwrap()
    }

    /// The same store without its index: queries read the store itself.
    fn unindexed(store: &GraphStore) -> GraphStore {
        GraphStore {
            index: Default::default(),
            ..store.clone()
        }
    }

    /// The answer as TSV, with the index and again from the store itself, once the store holds
    /// the merge.
    fn both_ways(store: &GraphStore, sparql: &str, control: &QueryControl) -> (String, String) {
        let indexed = answer(store, sparql, control);
        store.index.write_merge_into(&store.store).unwrap();
        (indexed, answer(&unindexed(store), sparql, control))
    }

    /// Two document graphs that share a statement, a blank node, a typed literal, and a
    /// statement in the default graph itself.
    fn small_store() -> GraphStore {
        let (a, b) = (iri("graph/a"), iri("graph/b"));
        let quads = [
            Quad::new(
                iri("set"),
                iri("identifier"),
                Literal::from("2019Z15244"),
                a.clone(),
            ),
            Quad::new(
                iri("set"),
                iri("identifier"),
                Literal::from("2019Z15244"),
                b.clone(),
            ),
            Quad::new(iri("set"), iri("part"), iri("q1"), a.clone()),
            Quad::new(iri("set"), iri("part"), iri("q2"), a.clone()),
            Quad::new(iri("q1"), iri("position"), Literal::from(1), a.clone()),
            Quad::new(iri("q2"), iri("position"), Literal::from(2), a.clone()),
            Quad::new(iri("answer"), iri("answers"), iri("set"), b.clone()),
            Quad::new(
                iri("answer"),
                iri("by"),
                BlankNode::new_unchecked("x"),
                b.clone(),
            ),
            Quad::new(
                BlankNode::new_unchecked("x"),
                iri("name"),
                Literal::from("Ms"),
                b,
            ),
            Quad::new(
                iri("linkset"),
                iri("count"),
                Literal::from(2),
                GraphName::DefaultGraph,
            ),
        ];
        let store = GraphStore::new().unwrap();
        let mut loader = store.loader().unwrap();
        loader.add(quads.iter().map(Quad::as_ref)).unwrap();
        loader.commit().unwrap();
        store
    }

    /// Graph `a` stated in two runs with `b` between, a quad stated twice, a statement two
    /// graphs make, and one the default graph makes that a named graph makes too.
    #[test]
    fn each_permutation_is_sorted_and_holds_each_quad_once() {
        let (a, b) = (iri("graph/a"), iri("graph/b"));
        let stated = [
            Quad::new(iri("s1"), iri("p"), iri("o1"), a.clone()),
            Quad::new(iri("s2"), iri("p"), iri("o1"), a.clone()),
            Quad::new(iri("s1"), iri("p"), iri("o1"), b.clone()),
            Quad::new(iri("s3"), iri("q"), Literal::from(3), b.clone()),
            Quad::new(iri("s2"), iri("p"), iri("o1"), a.clone()),
            Quad::new(iri("s0"), iri("q"), iri("o2"), a.clone()),
            Quad::new(
                iri("s3"),
                iri("q"),
                Literal::from(3),
                GraphName::DefaultGraph,
            ),
            Quad::new(iri("s4"), iri("q"), iri("o2"), GraphName::DefaultGraph),
        ];
        let mut builder = super::IndexBuilder::default();
        stated.iter().for_each(|quad| builder.add(quad.as_ref()));
        let index = builder.finish();
        let quads_of = |which: usize| -> Vec<super::Ids> {
            let permutation = index.permutation(which);
            let tuples = &permutation.tuples;
            assert!(
                tuples.windows(2).all(|pair| pair[0] < pair[1]),
                "permutation {which} is sorted, each tuple once"
            );
            let mut quads: Vec<_> = (0..tuples.len()).map(|at| permutation.quad(at)).collect();
            quads.sort_unstable();
            quads
        };
        let in_default_graph = |quad: &super::Ids| quad[super::GRAPH] == super::DEFAULT_GRAPH;
        let named = quads_of(3);
        assert_eq!(named.len(), 5, "five distinct quads in named graphs");
        assert!(!named.iter().any(in_default_graph));
        for which in 0..3 {
            let with_graph = quads_of(which);
            assert_eq!(quads_of(which + 3), named);
            let (merge, in_graphs): (Vec<_>, Vec<_>) =
                with_graph.into_iter().partition(in_default_graph);
            assert_eq!(in_graphs, named);
            // The five statements below.
            assert_eq!(merge.len(), 5, "permutation {which}'s merge");
        }
        assert_eq!(index.graphs.len(), 2);
        let term = |number| index.term(number).to_string();
        let mut statements: Vec<String> = index
            .merge()
            .map(|quad| format!("{} {} {}", quad.subject, quad.predicate, quad.object))
            .collect();
        statements.sort();
        let statement = |s: &str, p: &str, o: String| format!("{} {} {o}", iri(s), iri(p));
        let mut expected = vec![
            statement("s0", "q", iri("o2").to_string()),
            statement("s1", "p", iri("o1").to_string()),
            statement("s2", "p", iri("o1").to_string()),
            statement("s3", "q", Literal::from(3).to_string()),
            statement("s4", "q", iri("o2").to_string()),
        ];
        expected.sort();
        assert_eq!(statements, expected);
        assert_eq!(term(index.graphs[0]), a.to_string());
        assert_eq!(term(index.graphs[1]), b.to_string());
    }

    /// Runs of one to forty tuples, and prefixes with no run (before, between and after the
    /// tuples): each run is what filtering the whole list finds.
    #[test]
    fn a_run_is_every_tuple_with_the_prefix_and_no_other() {
        let mut tuples = Vec::new();
        for first in [1, 3, 4] {
            for second in 0..first * 10 {
                tuples.extend((0..(second % 5) + 1).map(|third| [first, second, third, 7]));
            }
        }
        tuples.sort_unstable();
        let permutation = super::Permutation {
            order: [
                super::SUBJECT,
                super::PREDICATE,
                super::OBJECT,
                super::GRAPH,
            ],
            tuples,
        };
        let mut prefixes = 0;
        for first in 0..6 {
            for second in [None, Some(0), Some(4), Some(9), Some(29), Some(40)] {
                for third in [None, Some(0), Some(2), Some(5)] {
                    let pattern = match (second, third) {
                        (None, _) => [Some(first), None, None, None],
                        (Some(second), None) => [Some(first), Some(second), None, None],
                        (Some(second), Some(third)) => {
                            [Some(first), Some(second), Some(third), Some(7)]
                        }
                    };
                    let length = permutation.bound_prefix(&pattern);
                    let found = permutation.run(&pattern, length);
                    let expected: Vec<usize> = (0..permutation.tuples.len())
                        .filter(|&place| {
                            let tuple = permutation.tuples[place];
                            (0..length).all(|at| Some(tuple[at]) == pattern[at])
                        })
                        .collect();
                    assert_eq!(found.clone().collect::<Vec<_>>(), expected, "{pattern:?}");
                    prefixes += usize::from(!expected.is_empty());
                }
            }
        }
        // First place 4: forty second places, with one to five tuples each.
        assert_eq!(permutation.run(&[Some(4), None, None, None], 1).len(), 120);
        assert!(prefixes > 40, "most prefixes have a run: {prefixes}");
        assert_eq!(permutation.run(&[None; 4], 0), 0..permutation.tuples.len());
    }

    #[test]
    fn a_load_into_an_empty_store_is_indexed_and_a_later_write_drops_the_index() {
        let store = small_store();
        let index = store.index.get().expect("a fresh load is indexed");
        // Nine document statements in their graphs, eight distinct in the merge, one of its own.
        assert_eq!(index.len(), 9 + 8 + 1);
        let count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }";
        // The merge is in the index alone: the store's default graph has its own statement.
        assert_eq!(
            answer(&unindexed(&store), count, &Default::default()),
            "?n\n1\n"
        );
        store
            .replace_graph(&iri("graph/b"), vec![])
            .expect("the graph is replaced");
        assert!(store.index.get().is_none());
        // The write found the merge in the store, and took out what only graph/b stated: the
        // identifier stays, graph/a states it too.
        assert_eq!(answer(&store, count, &Default::default()), "?n\n6\n");
        let identifier = "SELECT ?z { <set> <identifier> ?z }";
        assert_eq!(
            answer(&store, identifier, &Default::default()),
            "?z\n\"2019Z15244\"\n"
        );
        let (answer, _) = both_ways(&store, "SELECT ?a { ?a <answers> ?s }", &Default::default());
        assert_eq!(answer, "?a\n");
    }

    #[test]
    fn the_index_answers_as_the_store_does() {
        let store = small_store();
        let queries = [
            // The merge: a statement two graphs make is one.
            ("SELECT (COUNT(*) AS ?n) { ?s <identifier> ?z }", "?n\n1\n"),
            // Each named graph.
            (
                "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
                "?g\t?n\n<https://example.org/graph/a>\t5\n<https://example.org/graph/b>\t4\n",
            ),
            (
                "SELECT ?q { GRAPH <graph/a> { <set> <part> ?q } } ORDER BY ?q",
                "?q\n<https://example.org/q1>\n<https://example.org/q2>\n",
            ),
            ("SELECT ?s { GRAPH <graph/b> { ?s <part> ?q } }", "?s\n"),
            // Subject and object bound, predicate free; object alone; nothing bound.
            (
                "SELECT ?p { <answer> ?p <set> }",
                "?p\n<https://example.org/answers>\n",
            ),
            ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "?n\n9\n"),
            (
                "SELECT ?s { ?s ?p 2 }",
                "?s\n<https://example.org/q2>\n<https://example.org/linkset>\n",
            ),
            // A blank node followed, and a name read through it.
            (
                "SELECT ?name { <answer> <by> ?who . ?who <name> ?name }",
                "?name\n\"Ms\"\n",
            ),
            // A constant that no statement holds, and values the query makes up and joins on.
            ("SELECT ?s { ?s <identifier> \"2020Z00001\" }", "?s\n"),
            (
                "SELECT ?q { VALUES ?n { 2 3 } BIND (?n - 1 AS ?m) ?q <position> ?m } ORDER BY ?q",
                "?q\n<https://example.org/q1>\n<https://example.org/q2>\n",
            ),
            // Values the query computes from stored numbers, kept and read again: by the next
            // BIND, a FILTER, a GROUP BY and an ORDER BY.
            (
                "SELECT ?y (COUNT(*) AS ?n) { ?q <position> ?p BIND (?p * 2.5e0 AS ?x) \
                 BIND (FLOOR(?x) AS ?y) FILTER (?y >= 2 && ?p < 3) } GROUP BY ?y ORDER BY DESC(?y)",
                "?y\t?n\n\"5\"^^<http://www.w3.org/2001/XMLSchema#double>\t1\n\
                 \"2\"^^<http://www.w3.org/2001/XMLSchema#double>\t1\n",
            ),
            (
                "SELECT ?g { GRAPH ?g { } } ORDER BY ?g",
                "?g\n<https://example.org/graph/a>\n<https://example.org/graph/b>\n",
            ),
            ("ASK { GRAPH <graph/c> { } }", "false"),
            ("ASK { GRAPH <graph/a> { } }", "true"),
            // FROM and FROM NAMED pick graphs out of the dataset.
            (
                "SELECT (COUNT(*) AS ?n) FROM <graph/b> { ?s ?p ?o }",
                "?n\n4\n",
            ),
            (
                "SELECT ?g FROM NAMED <graph/b> { GRAPH ?g { } }",
                "?g\n<https://example.org/graph/b>\n",
            ),
        ];
        for (sparql, expected) in queries {
            let (indexed, unindexed) = both_ways(&store, sparql, &Default::default());
            assert_eq!(indexed, unindexed, "{sparql}");
            assert_eq!(indexed, expected, "{sparql}");
        }
        let control = QueryControl {
            default_graphs: vec![iri("graph/a")],
            ..Default::default()
        };
        let (indexed, unindexed) =
            both_ways(&store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", &control);
        assert_eq!(
            (indexed.as_str(), unindexed.as_str()),
            ("?n\n5\n", "?n\n5\n")
        );
    }

    /// Every research query gives, row for row and in order, what the store gives.
    #[test]
    fn the_research_queries_give_the_same_rows_through_the_index() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let options = LoadOptions::default();
        let loaded = load(&[root.join("seeds")], &options).unwrap();
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("queries"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        assert_eq!(files.len(), 11);
        for file in files {
            let sparql = std::fs::read_to_string(&file).unwrap();
            let (indexed, unindexed) = both_ways(&loaded.store, &sparql, &Default::default());
            assert_eq!(indexed, unindexed, "{}", file.display());
            assert!(indexed.lines().count() > 1, "{} has rows", file.display());
        }
    }
}
