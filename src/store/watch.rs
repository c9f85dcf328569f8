//! A watch over one query's evaluation: it stops the evaluation when its time is up or when it
//! holds more memory than its budget, wherever the evaluator is looping.
//!
//! oxigraph's evaluator looks at its cancellation token only when it reads a quad, and our
//! index's dataset also when it reads or makes a term. A join of rows it already holds, or a
//! sort or a group filling up with them, reads neither for as long as it likes, and keeps no
//! account of its memory. So a watched query is rewritten before it is evaluated ([`watched`]):
//! every group of joins gets a filter that calls a function of ours once for each row it lets
//! through, and the function is [`Watch::check`]. The filter is always true and changes no
//! answer. When the watch says stop, the function unwinds out of the evaluator (it can return
//! no error), and [`catching_stops`] turns the unwinding back into an [`EvaluationStop`] where
//! the results are read. Unwinding drops the evaluation's rows, iterators and caches as any
//! early return would; nothing of it is shared.
//!
//! Memory is counted by the allocator ([`crate::allocator::Counting`]): the bytes the reading
//! thread allocated since the watch began and has not freed.

use crate::allocator::thread_net_allocated;
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::CancellationToken;
use spargebra::algebra::{Expression, Function, GraphPattern};
use spargebra::Query;
use std::panic::{self, AssertUnwindSafe};

/// The function the watch's filters call. Not a term of the graph: it names a function of this
/// evaluator only (a query that calls it gets no value, which is an error, as for any unknown
/// function).
pub(crate) const WATCH_FUNCTION: &str = "urn:x-kamervragen:watch";

/// A variable no query can bind: SPARQL's grammar allows no `-` in a variable's name, the
/// algebra does. The filter names it so that the optimizer, which pushes a filter down to
/// where all its variables are bound, keeps it above the group's joins, not at their leaves.
const NEVER_BOUND: &str = "kamervragen-watch";

/// Why an evaluation stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EvaluationStop {
    #[error("the query was cancelled")]
    Cancelled,
    #[error("the query computes more than {} MB of new values", super::MADE_UP_BYTES >> 20)]
    TooManyNewValues,
    #[error(
        "the query's evaluation needs more than {} MB of memory (rows it sorts, groups or \
         joins): add a LIMIT, or narrow its patterns",
        .budget >> 20
    )]
    OverMemory { budget: usize },
}

/// One evaluation's limits: its cancellation token and its memory budget.
#[derive(Clone, Default)]
pub(crate) struct Watch {
    cancellation: Option<CancellationToken>,
    /// The budget in bytes, and the thread's count at which it is spent.
    memory: Option<(usize, i64)>,
}

impl Watch {
    /// A watch from now, on the thread that will read the results.
    pub(crate) fn new(cancellation: Option<CancellationToken>, budget: Option<usize>) -> Self {
        let memory = budget.map(|budget| {
            let budget_count = i64::try_from(budget).unwrap_or(i64::MAX);
            (budget, thread_net_allocated().saturating_add(budget_count))
        });
        Self {
            cancellation,
            memory,
        }
    }

    /// Whether there is anything to watch.
    pub(crate) fn is_set(&self) -> bool {
        self.cancellation.is_some() || self.memory.is_some()
    }

    pub(crate) fn check(&self) -> Result<(), EvaluationStop> {
        if self
            .cancellation
            .as_ref()
            .is_some_and(CancellationToken::is_cancelled)
        {
            return Err(EvaluationStop::Cancelled);
        }
        match self.memory {
            Some((budget, limit)) if thread_net_allocated() > limit => {
                Err(EvaluationStop::OverMemory { budget })
            }
            _ => Ok(()),
        }
    }

    /// The function the filters call: nothing while the evaluation may go on (so that the
    /// filter's `COALESCE` falls through to `true`), and an unwinding when it must stop.
    pub(crate) fn function(self) -> impl Fn(&[Term]) -> Option<Term> + Send + Sync + 'static {
        move |_| {
            if let Err(stop) = self.check() {
                // Without the panic hook: this is no bug, and nothing is to be printed.
                panic::resume_unwind(Box::new(stop));
            }
            None
        }
    }
}

/// Reads a watched query's results with `read`: a stop that unwinds out of the evaluator ends
/// here as its [`EvaluationStop`]. Every other panic goes on unwinding.
pub fn catching_stops<T>(read: impl FnOnce() -> T) -> Result<T, EvaluationStop> {
    match panic::catch_unwind(AssertUnwindSafe(read)) {
        Ok(value) => Ok(value),
        Err(payload) => match payload.downcast::<EvaluationStop>() {
            Ok(stop) => Err(*stop),
            Err(other) => panic::resume_unwind(other),
        },
    }
}

/// The query with a watch filter above every group of joins, every `OPTIONAL`, `MINUS`,
/// `UNION`, path and `VALUES` that is not itself one side of a join.
pub(crate) fn watched(query: Query) -> Query {
    match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: watch_pattern(pattern, false),
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: watch_pattern(pattern, false),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: watch_pattern(pattern, false),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: watch_pattern(pattern, false),
            base_iri,
        },
    }
}

/// Rewrites `pattern`. A side of a join (`join_side`) is left unwatched, so that the optimizer
/// still sees the whole group of joins and orders it as before; the filter above the group
/// sees every row the group makes.
fn watch_pattern(pattern: GraphPattern, join_side: bool) -> GraphPattern {
    let watch = |pattern: GraphPattern| -> GraphPattern {
        if join_side {
            pattern
        } else {
            GraphPattern::Filter {
                expr: watch_expression(),
                inner: Box::new(pattern),
            }
        }
    };
    let inside = |pattern: Box<GraphPattern>| Box::new(watch_pattern(*pattern, false));
    match pattern {
        GraphPattern::Join { left, right } => watch(GraphPattern::Join {
            left: Box::new(watch_pattern(*left, true)),
            right: Box::new(watch_pattern(*right, true)),
        }),
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => watch(GraphPattern::LeftJoin {
            left: inside(left),
            right: inside(right),
            expression,
        }),
        GraphPattern::Minus { left, right } => watch(GraphPattern::Minus {
            left: inside(left),
            right: inside(right),
        }),
        GraphPattern::Union { left, right } => watch(GraphPattern::Union {
            left: inside(left),
            right: inside(right),
        }),
        GraphPattern::Bgp { patterns } if patterns.len() > 1 => {
            watch(GraphPattern::Bgp { patterns })
        }
        pattern @ (GraphPattern::Path { .. } | GraphPattern::Values { .. }) => watch(pattern),
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: inside(inner),
        },
        GraphPattern::Graph { name, inner } => GraphPattern::Graph {
            name,
            inner: inside(inner),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: inside(inner),
            variable,
            expression,
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: inside(inner),
            expression,
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: inside(inner),
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: inside(inner),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: inside(inner),
        },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: inside(inner),
            start,
            length,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: inside(inner),
            variables,
            aggregates,
        },
        // A single triple pattern reads a quad for each row, where the token is looked at;
        // `SERVICE` is refused before evaluation.
        other => other,
    }
}

/// `COALESCE(watch(), ?never, true)`: the call gives no value while all is well, the variable
/// is never bound, so the filter is true; the variable keeps the optimizer from pushing it
/// down, as its name is bound nowhere below.
fn watch_expression() -> Expression {
    let function = NamedNode::new_unchecked(WATCH_FUNCTION);
    Expression::Coalesce(vec![
        Expression::FunctionCall(Function::Custom(function), Vec::new()),
        Expression::Variable(Variable::new_unchecked(NEVER_BOUND)),
        Expression::Literal(Literal::from(true)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_watch_stops_and_the_stop_is_caught() {
        let token = CancellationToken::new();
        let watch = Watch::new(Some(token.clone()), None);
        let function = watch.function();
        assert_eq!(function(&[]), None);
        token.cancel();
        assert_eq!(
            catching_stops(|| function(&[])),
            Err(EvaluationStop::Cancelled)
        );
    }

    #[test]
    fn other_panics_go_on_unwinding() {
        let caught = panic::catch_unwind(|| catching_stops(|| panic::resume_unwind(Box::new(7))));
        assert_eq!(
            caught.unwrap_err().downcast::<i32>().ok(),
            Some(Box::new(7))
        );
    }

    #[test]
    fn only_groups_that_are_no_side_of_a_join_are_watched() {
        let query = spargebra::SparqlParser::new()
            .parse_query(
                "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f OPTIONAL { ?a ?x ?y . ?y ?z ?w } } \
                 ORDER BY ?a",
            )
            .unwrap();
        let watch = format!(
            "FILTER(COALESCE(<{WATCH_FUNCTION}>(), ?{NEVER_BOUND}, \
             \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>))"
        );
        assert_eq!(
            watched(query).to_string(),
            format!(
                "SELECT ?a ?b ?c ?d ?e ?f ?w ?x ?y ?z WHERE {{ ?a ?b ?c .?d ?e ?f . {watch} \
                 OPTIONAL {{ ?a ?x ?y .?y ?z ?w . {watch} }} {watch} }} ORDER BY ASC(?a)"
            )
        );
    }
}
