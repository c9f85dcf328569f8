//! The endpoint's HTML pages: the landing page with its counts and charts, the query page,
//! and a page per resource (a set of questions in full; anything else as its statements and
//! what refers to it).
//!
//! Each page enters as a request for a path (and the query page's parameters); HTML leaves,
//! built from SPARQL queries over the store, run under the endpoint's time and row limits.

use super::charts::{histogram, stacked_bars, Column};
use super::dumps::{dump_name, DUMP_FORMATS, DUMP_PREFIX};
use super::html::{escape, page, Linker};
use super::media::{offered, Answer};
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
struct Rows {
    variables: Vec<Variable>,
    rows: Vec<QuerySolution>,
}

impl Rows {
    fn text(row: &QuerySolution, name: &str) -> Option<String> {
        row.get(name).map(|term| match term {
            Term::Literal(literal) => literal.value().to_owned(),
            other => other.to_string(),
        })
    }
}

impl Endpoint {
    fn linker(&self) -> Linker<'_> {
        Linker {
            base: self.options.minter.base(),
        }
    }

    fn rows(&self, query: &str) -> Result<Rows, Refusal> {
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
        let counts = [
            ("sets of questions", "?x a kv:QuestionSet"),
            ("questions", "?x a schema:Question"),
            ("answers", "?x a kv:AnswerDocument"),
            ("postponement notices", "?x a kv:PostponementNotice"),
            ("people", "?x a foaf:Person"),
            ("parties", "?x a schema:PoliticalParty"),
            ("offices", "?x a org:Post"),
            ("cited sources", "?q cito:cites ?x"),
        ];
        let mut body = String::from("<h1>Kamervragen</h1><p>Written questions of the Tweede Kamer, their answers and their sources, as linked data.</p><table>");
        for (label, pattern) in counts {
            let _ = write!(
                body,
                "<tr><td>{label}</td><td class=\"count\" id=\"{}\">{}</td></tr>",
                label.replace(' ', "-"),
                self.count(pattern)?
            );
        }
        body.push_str("</table><p><a href=\"/query\">Query with SPARQL</a> · endpoint: <a href=\"/sparql\">/sparql</a> (SPARQL 1.1 Protocol)</p>");
        body.push_str(&dump_links());
        body.push_str("<h2>Sets of questions per month, by the first submitter's party</h2>");
        body.push_str(&self.sets_per_month_chart()?);
        body.push_str("<h2>Days from submission to answer</h2>");
        body.push_str(&self.answer_time_chart()?);
        Ok(page("Kamervragen", &body))
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
        let columns = months
            .into_iter()
            .map(|(month, parties)| {
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
    pub(super) fn query_page(&self, parameters: &[(String, String)]) -> Result<String, Refusal> {
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
            "</p><form method=\"get\" action=\"/query\"><textarea name=\"query\" rows=\"16\">{}</textarea><p><button type=\"submit\">Run</button></p></form>",
            escape(&text)
        );
        if let Some(query) = query {
            body.push_str(&self.results_section(&query)?);
        }
        Ok(page("SPARQL", &body))
    }

    /// The results of `query`, with links to download them in each format of their kind:
    /// result formats for SELECT and ASK, graph formats for CONSTRUCT and DESCRIBE.
    fn results_section(&self, query: &str) -> Result<String, Refusal> {
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
                html.push_str(&self.linker().table(&variables, &rows));
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
                for quad in &quads {
                    let _ = write!(
                        html,
                        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                        linker.term(&quad.subject.clone().into()),
                        linker.term(&quad.predicate.clone().into()),
                        linker.term(&quad.object)
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

    /// A resource's page: a set of questions in full, anything else as its statements and
    /// what refers to it.
    pub(super) fn resource_page(&self, iri: &NamedNode) -> Result<String, Refusal> {
        let is_set = self.rows(&format!(
            "SELECT ?t WHERE {{ {iri} a kv:QuestionSet }} LIMIT 1"
        ))?;
        let statements = self.rows(&format!(
            "SELECT ?property ?value WHERE {{ {iri} ?property ?value }} ORDER BY ?property ?value"
        ))?;
        let referred = self.rows(&format!("SELECT ?resource ?property WHERE {{ ?resource ?property {iri} }} ORDER BY ?property ?resource LIMIT 1000"))?;
        if statements.rows.is_empty() && referred.rows.is_empty() {
            return Err(Refusal::new(
                404,
                format!("not found: nothing is said about {iri}"),
            ));
        }
        let linker = self.linker();
        let title = self
            .rows(&format!("SELECT ?label WHERE {{ {{ {iri} dct:title ?label }} UNION {{ {iri} foaf:name ?label }} UNION {{ {iri} skos:prefLabel ?label }} }} LIMIT 1"))?
            .rows
            .first()
            .and_then(|row| Rows::text(row, "label"))
            .unwrap_or_else(|| iri.as_str().to_owned());
        let mut body = format!(
            "<h1>{}</h1><p><code>{}</code></p>",
            escape(&title),
            escape(iri.as_str())
        );
        if !is_set.rows.is_empty() {
            body.push_str(&self.set_sections(iri)?);
        }
        body.push_str(&self.sets_of(iri)?);
        body.push_str("<h2>Statements</h2>");
        body.push_str(&linker.table(&statements.variables, &statements.rows));
        if !referred.rows.is_empty() {
            body.push_str("<h2>Referred to by</h2>");
            body.push_str(&linker.table(&referred.variables, &referred.rows));
        }
        Ok(page(&title, &body))
    }

    /// The sets of questions a member submitted, a party's members submitted for it, or an
    /// office was asked: the list on the page of a member, a party or an office.
    fn sets_of(&self, iri: &NamedNode) -> Result<String, Refusal> {
        let rows = self.rows(&format!(
            // The sets are found from the resource first, in a subquery: joined with
            // `?set a kv:QuestionSet` directly, the store tried every set (0.82 s against
            // 0.02 s at 10,000 documents, and the page timed out at 100,000).
            "SELECT ?set ?identifier ?submitted ?title WHERE {{
               {{ SELECT DISTINCT ?set WHERE {{
                   {{ ?participation eli-dl:had_participant_person {iri} .
                      ?set epvoc:workHadParticipation ?participation }}
                   UNION {{ ?participation eli-dl:participation_in_name_of {iri} .
                      ?set epvoc:workHadParticipation ?participation }}
                   UNION {{ ?set bibo:recipient {iri} }} }} }}
               ?set a kv:QuestionSet .
               OPTIONAL {{ ?set dct:identifier ?identifier }}
               OPTIONAL {{ ?set dct:dateSubmitted ?submitted }}
               OPTIONAL {{ ?set dct:title ?title }}
             }} ORDER BY DESC(?submitted) ?set LIMIT 1000"
        ))?;
        if rows.rows.is_empty() {
            return Ok(String::new());
        }
        Ok(format!(
            "<h2 id=\"sets\">Sets of questions ({})</h2>{}",
            rows.rows.len(),
            self.linker().table(&rows.variables, &rows.rows)
        ))
    }

    /// The parts of a set's page: who asks whom, each question with its answer, the
    /// sources cited, and the sets it follows up or that follow it up.
    fn set_sections(&self, set: &NamedNode) -> Result<String, Refusal> {
        let linker = self.linker();
        let sections = [
            ("Submitters", format!("SELECT ?position ?person ?name ?party WHERE {{ {set} epvoc:workHadParticipation ?p . ?p schema:position ?position ; eli-dl:had_participant_person ?person . ?person foaf:name ?name . OPTIONAL {{ ?p eli-dl:participation_in_name_of ?party }} }} ORDER BY ?position")),
            ("Addressed to", format!("SELECT ?office ?label WHERE {{ {set} bibo:recipient ?office . ?office skos:prefLabel ?label }} ORDER BY ?label")),
            // Questions printed in the set, and those known only from an answer to them.
            ("Questions and answers", format!("SELECT DISTINCT ?number ?question ?text ?answer WHERE {{ {{ {set} eli:has_part ?question }} UNION {{ ?document eli-dl:answers_to {set} ; eli:has_part/schema:parentItem ?question }} OPTIONAL {{ ?question schema:position ?number }} OPTIONAL {{ ?question schema:text ?text }} OPTIONAL {{ ?reply schema:parentItem ?question ; schema:text ?answer }} }} ORDER BY ?number ?question ?text ?answer")),
            ("Cited sources", format!("SELECT ?number ?source WHERE {{ {set} eli:has_part ?question . ?question schema:position ?number ; cito:cites ?source }} ORDER BY ?number ?source")),
            ("Follows up", format!("SELECT ?earlier ?identifier WHERE {{ {set} kv:followsUp ?earlier . OPTIONAL {{ ?earlier dct:identifier ?identifier }} }} ORDER BY ?earlier")),
            ("Followed up by", format!("SELECT ?later ?identifier WHERE {{ ?later kv:followsUp {set} . OPTIONAL {{ ?later dct:identifier ?identifier }} }} ORDER BY ?later")),
            ("Answers and notices", format!("SELECT ?document ?date WHERE {{ {{ ?document eli-dl:answers_to {set} }} UNION {{ ?document kv:postpones {set} }} OPTIONAL {{ ?document dct:dateAccepted ?date }} }} ORDER BY ?date ?document")),
            ("Elsewhere", format!("SELECT ?page WHERE {{ {set} foaf:page ?page }} ORDER BY ?page")),
        ];
        let mut html = String::new();
        for (heading, query) in sections {
            let rows = self.rows(&query)?;
            if rows.rows.is_empty() {
                continue;
            }
            let id = heading.to_ascii_lowercase().replace(' ', "-");
            let _ = write!(html, "<h2 id=\"{id}\">{heading}</h2>");
            html.push_str(&linker.table(&rows.variables, &rows.rows));
        }
        Ok(html)
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
