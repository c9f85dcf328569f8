//! The endpoint's HTML pages: the landing page with its counts and charts, the query page,
//! and a page per resource (a set of questions in full; anything else as its statements and
//! what refers to it).
//!
//! Each page enters as a request for a path (and the query page's parameters); HTML leaves,
//! built from SPARQL queries over the store, run under the endpoint's time and row limits.

use super::browse::{LISTS, PREFIX as BROWSE};
use super::charts::{histogram, months_between, stacked_bars, Column};
use super::dumps::{dump_name, DUMP_FORMATS, DUMP_PREFIX};
use super::html::{escape, page_with_alternates, page_with_head, Labels, Language, Linker};
use super::media::{offered, Answer};
use super::resources::alternates;
use super::{Endpoint, Evaluated, Refusal};
use crate::rdf::vocab::kv;
use chrono::NaiveDate;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QuerySolution, Variable};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The research queries shipped in `queries/`, by file name, for the query page to offer.
pub const QUERIES: &[(&str, &str)] = &[
    (
        "addressed-offices.rq",
        include_str!("../../queries/addressed-offices.rq"),
    ),
    ("addressees.rq", include_str!("../../queries/addressees.rq")),
    (
        "answer-times.rq",
        include_str!("../../queries/answer-times.rq"),
    ),
    (
        "cited-sources.rq",
        include_str!("../../queries/cited-sources.rq"),
    ),
    (
        "co-submitters.rq",
        include_str!("../../queries/co-submitters.rq"),
    ),
    ("follow-ups.rq", include_str!("../../queries/follow-ups.rq")),
    ("links.rq", include_str!("../../queries/links.rq")),
    ("members.rq", include_str!("../../queries/members.rq")),
    (
        "questions-per-party.rq",
        include_str!("../../queries/questions-per-party.rq"),
    ),
    ("submitters.rq", include_str!("../../queries/submitters.rq")),
    ("unanswered.rq", include_str!("../../queries/unanswered.rq")),
];

/// Rows a page reads: variables and solutions.
pub(super) struct Rows {
    pub variables: Vec<Variable>,
    pub rows: Vec<QuerySolution>,
}

impl Rows {
    /// A value as text: a literal's lexical form, an IRI as it is written (`<…>`).
    pub fn text(row: &QuerySolution, name: &str) -> Option<String> {
        row.get(name).map(|term| match term {
            Term::Literal(literal) => literal.value().to_owned(),
            other => other.to_string(),
        })
    }
}

impl Endpoint {
    pub(super) fn linker(&self) -> Linker<'_> {
        Linker {
            base: self.options.minter.base(),
        }
    }

    pub(super) fn rows(&self, query: &str) -> Result<Rows, Refusal> {
        match self.evaluate(query.to_owned())? {
            Evaluated::Solutions { variables, rows } => Ok(Rows { variables, rows }),
            _ => Err(Refusal::new(500, "a page's query gave no rows")),
        }
    }

    fn count(&self, pattern: &str) -> Result<String, Refusal> {
        let rows = self.rows(&format!(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"
        ))?;
        Ok(rows
            .rows
            .first()
            .and_then(|row| Rows::text(row, "n"))
            .unwrap_or_else(|| "0".into()))
    }

    /// `/`: what the dataset holds, where to query it, and two charts.
    pub(super) fn landing(&self) -> Result<String, Refusal> {
        // Each count with the list that shows what it counts, where there is one.
        let counts = [
            ("sets of questions", "?x a kv:QuestionSet", Some("sets")),
            ("questions", "?x a schema:Question", None),
            ("answers", "?x a kv:AnswerDocument", None),
            ("postponement notices", "?x a kv:PostponementNotice", None),
            ("people", "?x a foaf:Person", Some("members")),
            ("parties", "?x a schema:PoliticalParty", Some("parties")),
            ("offices", "?x a org:Post", Some("offices")),
            ("cited sources", "?q cito:cites ?x", None),
        ];
        let mut body = String::from("<h1>Kamervragen</h1><p>Written questions of the Tweede Kamer, their answers and their sources, as linked data.</p><table>");
        for (label, pattern, list) in counts {
            let name = match list {
                Some(list) => format!("<a href=\"{BROWSE}{list}\">{label}</a>"),
                None => label.to_owned(),
            };
            let _ = write!(
                body,
                "<tr><td>{name}</td><td class=\"count\" id=\"{}\">{}</td></tr>",
                label.replace(' ', "-"),
                self.count(pattern)?
            );
        }
        body.push_str("</table><h2 id=\"browse\">Browse</h2><ul>");
        for (list, title) in LISTS {
            let _ = write!(body, "<li><a href=\"{BROWSE}{list}\">{title}</a></li>");
        }
        body.push_str("</ul><p><a href=\"/query\">Query with SPARQL</a> · endpoint: <a href=\"/sparql\">/sparql</a> (SPARQL 1.1 Protocol)</p>");
        body.push_str(&dump_links());
        body.push_str("<h2>Sets of questions per month, by the first submitter's party</h2>");
        body.push_str(&self.sets_per_month_chart()?);
        body.push_str("<h2>Days from submission to answer</h2>");
        body.push_str(&self.answer_time_chart()?);
        Ok(page_with_alternates(
            "Kamervragen",
            &alternates("/dataset"),
            &body,
        ))
    }

    fn sets_per_month_chart(&self) -> Result<String, Refusal> {
        let rows = self.rows(&format!(
            "SELECT ?month ?party (COUNT(DISTINCT ?set) AS ?n) WHERE {{
               ?set a kv:QuestionSet ; dct:dateSubmitted ?date ; epvoc:workHadParticipation ?p .
               ?p eli-dl:participation_role {} .
               OPTIONAL {{ ?p eli-dl:participation_in_name_of/skos:prefLabel ?label }}
               BIND (COALESCE(?label, \"?\") AS ?party)
               BIND (SUBSTR(STR(?date), 1, 7) AS ?month)
             }} GROUP BY ?month ?party ORDER BY ?month ?party",
            NamedNode::from(kv::SUBMITTER)
        ))?;
        let mut months: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        let mut totals: BTreeMap<String, u64> = BTreeMap::new();
        for row in &rows.rows {
            let (Some(month), Some(party), Some(n)) = (
                Rows::text(row, "month"),
                Rows::text(row, "party"),
                Rows::text(row, "n").and_then(|n| n.parse::<u64>().ok()),
            ) else {
                continue;
            };
            *months
                .entry(month)
                .or_default()
                .entry(party.clone())
                .or_default() += n;
            *totals.entry(party).or_default() += n;
        }
        // The nine parties with most sets get a colour each; the rest are counted together.
        let mut ranked: Vec<(String, u64)> = totals.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut series: Vec<String> = ranked.iter().take(9).map(|(p, _)| p.clone()).collect();
        let others = ranked.len() > 9;
        if others {
            series.push("other".into());
        }
        // Every month from the first to the last, those without a set too: a gap in time
        // shows as one on the axis.
        let first = months.keys().next().cloned().unwrap_or_default();
        let last = months.keys().next_back().cloned().unwrap_or_default();
        let mut every_month = months_between(&first, &last);
        if every_month.is_empty() {
            // Months the axis cannot read (a date not written `YYYY-MM-DD`) stand as they are.
            every_month = months.keys().cloned().collect();
        }
        let columns = every_month
            .into_iter()
            .map(|month| {
                let parties = months.remove(&month).unwrap_or_default();
                let mut counts = vec![0; series.len()];
                for (party, n) in parties {
                    let index = series
                        .iter()
                        .position(|s| *s == party)
                        .unwrap_or(series.len() - 1);
                    counts[index] += n;
                }
                Column {
                    label: month,
                    counts,
                }
            })
            .collect::<Vec<_>>();
        Ok(stacked_bars(
            "Sets of questions per month, by party",
            &series,
            &columns,
        ))
    }

    fn answer_time_chart(&self) -> Result<String, Refusal> {
        let rows = self.rows(
            "SELECT ?submitted ?answered WHERE {
               ?answer eli-dl:answers_to ?set ; dct:dateAccepted ?answered .
               ?set dct:dateSubmitted ?submitted .
             }",
        )?;
        let days: Vec<i64> = rows
            .rows
            .iter()
            .filter_map(|row| {
                let date =
                    |name| NaiveDate::parse_from_str(&Rows::text(row, name)?, "%Y-%m-%d").ok();
                Some((date("answered")? - date("submitted")?).num_days())
            })
            .collect();
        Ok(histogram(
            "Days from submission to answer",
            &days,
            7,
            140,
            (21, "21 days: the term for an answer"),
        ))
    }

    /// `/query`: an editor, the shipped queries to start from, and the results as a table.
    pub(super) fn query_page(
        &self,
        parameters: &[(String, String)],
        language: Language,
    ) -> Result<String, Refusal> {
        let parameter = |name: &str| {
            parameters
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        let file = parameter("file");
        let query = match (&file, parameter("query")) {
            (_, Some(query)) => Some(query),
            (Some(name), None) => Some(
                QUERIES
                    .iter()
                    .find(|(file, _)| file == name)
                    .map(|(_, text)| text.to_string())
                    .ok_or_else(|| Refusal::new(404, format!("no query file {name}")))?,
            ),
            (None, None) => None,
        };
        let mut body = String::from("<h1>SPARQL</h1><p>Start from one of the research queries: ");
        for (name, _) in QUERIES {
            let _ = write!(body, "<a href=\"/query?file={0}\">{0}</a> ", escape(name));
        }
        let text = query
            .clone()
            .unwrap_or_else(|| "SELECT * WHERE { ?s ?p ?o } LIMIT 10".into());
        let _ = write!(
            body,
            "</p><form id=\"query-form\" method=\"get\" action=\"/query\"><textarea name=\"query\" rows=\"16\">{}</textarea><p><button type=\"submit\">Run</button></p></form>",
            escape(&text)
        );
        body.push_str(&examples_block());
        if let Some(query) = query {
            body.push_str(&self.results_section(&query, language)?);
        }
        Ok(page_with_head(
            "SPARQL",
            &[],
            &self.options.editor.head(),
            &body,
        ))
    }

    /// The results of `query`, with links to download them in each format of their kind:
    /// result formats for SELECT and ASK, graph formats for CONSTRUCT and DESCRIBE.
    fn results_section(&self, query: &str, language: Language) -> Result<String, Refusal> {
        let mut html = String::from("<h2>Results</h2>");
        let evaluated = self.evaluate(query.to_owned());
        let answer = match evaluated {
            Ok(Evaluated::Graph(_)) => Some(Answer::Graph),
            Ok(_) => Some(Answer::Results),
            Err(_) => None,
        };
        if let Some(answer) = answer {
            let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
            html.push_str("<p id=\"downloads\">Download: ");
            for (label, format) in offered(answer) {
                let _ = write!(
                    html,
                    "<a href=\"/sparql?query={encoded}&amp;format={format}\">{label}</a> "
                );
            }
            html.push_str("</p>");
        }
        match evaluated {
            Ok(Evaluated::Solutions { variables, rows }) => {
                let _ = write!(html, "<p id=\"row-count\">{} rows</p>", rows.len());
                let iris = rows.iter().flat_map(|row| row.values().iter().flatten());
                let labels = self.some_labels(iris).in_language(language);
                html.push_str(&self.linker().named_table(&variables, &rows, &labels));
            }
            Ok(Evaluated::Boolean(value)) => {
                let _ = write!(html, "<p id=\"answer\">{value}</p>");
            }
            Ok(Evaluated::Graph(quads)) => {
                let _ = write!(
                    html,
                    "<p id=\"row-count\">{} triples</p><table><tbody>",
                    quads.len()
                );
                let linker = self.linker();
                let terms: Vec<[Term; 3]> = quads
                    .into_iter()
                    .map(|quad| [quad.subject.into(), quad.predicate.into(), quad.object])
                    .collect();
                let labels = self
                    .some_labels(terms.iter().flatten())
                    .in_language(language);
                for [subject, predicate, object] in &terms {
                    let _ = write!(
                        html,
                        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                        linker.named(subject, &labels),
                        linker.named(predicate, &labels),
                        linker.named(object, &labels)
                    );
                }
                html.push_str("</tbody></table>");
            }
            Err(refusal) => {
                let _ = write!(html, "<p id=\"error\">{}</p>", escape(&refusal.message));
            }
        }
        Ok(html)
    }
}

/// The most IRIs of a query's results the query page looks labels up for; the others show
/// their compact names.
const LABELLED_RESULTS: usize = 2000;

impl Endpoint {
    /// Labels for the first IRIs among `terms`, or none when looking them up fails: the
    /// results are worth showing without them.
    fn some_labels<'a>(&self, terms: impl Iterator<Item = &'a Term>) -> Labels {
        let mut iris = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for term in terms {
            if let Term::NamedNode(node) = term {
                if seen.insert(node.as_str()) {
                    iris.push(node);
                }
                if iris.len() == LABELLED_RESULTS {
                    break;
                }
            }
        }
        self.labels(iris).unwrap_or_default()
    }
}

/// Links to the whole graph in each dump's format, and to the dataset's description.
fn dump_links() -> String {
    let links: Vec<String> = DUMP_FORMATS
        .into_iter()
        .map(|format| {
            format!(
                "<a href=\"{DUMP_PREFIX}{}\">{}</a>",
                dump_name(format),
                format.rdf_format().name()
            )
        })
        .collect();
    format!(
        "<p id=\"dumps\">The whole graph: {} (each also gzipped, <code>.gz</code>); \
         <a href=\"/dataset\">its description</a> (DCAT and VoID).</p>",
        links.join(" · ")
    )
}

/// The shipped queries as data for the editor, which opens a tab for each: a JSON block the
/// browser does not run. `<` is escaped so that no text in it can close the element.
fn examples_block() -> String {
    let examples: Vec<serde_json::Value> = QUERIES
        .iter()
        .map(|(name, query)| serde_json::json!({ "name": name, "query": query }))
        .collect();
    let json = serde_json::to_string(&examples)
        .expect("strings serialise")
        .replace('<', "\\u003c");
    format!("<script type=\"application/json\" id=\"examples\">{json}</script>")
}
