//! A page per resource, for a browser asking for HTML at the resource's path: a set of
//! questions in full, led by a summary (its Zaak number, dates, who asked whom, who answered
//! and how long it took, its follow-ups); anything else as its statements and what refers to
//! it, with the sets of a member, a party or an office.
//!
//! An IRI enters; a page leaves, every resource on it shown by its label ([`super::labels`])
//! and linking its RDF representations (`?format=ttl`, `nt`, `rdf`, `jsonld`, which
//! `Endpoint::resource` answers at the same path).

use super::html::{escape, page_with_alternates, Alternate, Labels, Language, Linker};
use super::media::{named_type, offered, Answer};
use super::pages::Rows;
use super::{Endpoint, Refusal};
use crate::rdf::vocab::{dct, kv};
use chrono::NaiveDate;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::sparql::{QuerySolution, Variable};
use std::fmt::Write;
use std::sync::Arc;

/// A section of a page: its heading and its rows.
struct Section {
    heading: &'static str,
    rows: Rows,
}

impl Section {
    fn id(&self) -> String {
        self.heading.to_ascii_lowercase().replace(' ', "-")
    }
}

impl Endpoint {
    /// A resource's page: a set of questions in full, anything else as its statements and
    /// what refers to it.
    pub(super) fn resource_page(
        &self,
        iri: &NamedNode,
        language: Language,
    ) -> Result<String, Refusal> {
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
        let is_set = has_type(&statements, kv::QUESTION_SET);
        let sections = if is_set {
            self.set_sections(iri)?
        } else {
            Vec::new()
        };
        let answers = if is_set {
            Some(self.answers_of(iri)?)
        } else {
            None
        };
        // A set's page lists no sets: only a member, a party or an office has them.
        let sets = if is_set { None } else { self.sets_of(iri)? };
        let mut shown: Vec<&Rows> = vec![&statements, &referred];
        shown.extend(sections.iter().map(|section| &section.rows));
        shown.extend(answers.iter().chain(sets.iter()));
        let labels = self.labels_of_rows(&shown, &[iri])?.in_language(language);
        let view = View {
            linker: self.linker(),
            labels: &labels,
        };
        let title_text = first_value(&statements, dct::TITLE);
        let heading = match (&title_text, labels.get(iri.as_str())) {
            (Some(title), _) if is_set => title.clone(),
            (_, Some(label)) => label.to_owned(),
            _ => iri.as_str().to_owned(),
        };
        // A set's tab reads `2019Z15244: het bericht …`, its heading the subject alone.
        let zaak = first_value(&statements, dct::IDENTIFIER);
        let title = match zaak {
            Some(zaak) if is_set && zaak != heading => format!("{zaak}: {heading}"),
            _ => heading.clone(),
        };
        let mut body = format!(
            "<h1>{}</h1><p class=\"iri\"><code>{}</code></p>",
            escape(&heading),
            escape(iri.as_str())
        );
        if let Some(answers) = &answers {
            body.push_str(&view.summary(&statements, &sections, answers));
        }
        for section in &sections {
            if section.rows.rows.is_empty() {
                continue;
            }
            let _ = write!(
                body,
                "<h2 id=\"{}\">{}</h2>{}",
                section.id(),
                section.heading,
                view.table(&section.rows)
            );
        }
        if let Some(sets) = &sets {
            let _ = write!(
                body,
                "<h2 id=\"sets\">Sets of questions ({})</h2>{}",
                sets.rows.len(),
                view.table(sets)
            );
        }
        body.push_str("<h2 id=\"statements\">Statements</h2>");
        body.push_str(&view.table(&statements));
        if !referred.rows.is_empty() {
            body.push_str("<h2 id=\"referred-to-by\">Referred to by</h2>");
            body.push_str(&view.table(&referred));
        }
        // Its data is what is said about it: a resource only referred to has none to link.
        let alternates = if statements.rows.is_empty() {
            Vec::new()
        } else {
            alternates(&view.linker.href(iri.as_str()))
        };
        Ok(page_with_alternates(&title, &alternates, &body))
    }

    /// The sets of questions a member submitted, a party's members submitted for it, or an
    /// office was asked: the list on the page of a member, a party or an office.
    fn sets_of(&self, iri: &NamedNode) -> Result<Option<Rows>, Refusal> {
        let rows = self.rows(&format!(
            // The sets are found from the resource first, in a subquery: joined with
            // `?set a kv:QuestionSet` directly, the store tried every set (0.82 s against
            // 0.02 s at 10,000 documents, and the page timed out at 100,000).
            "SELECT ?set ?submitted ?title WHERE {{
               {{ SELECT DISTINCT ?set WHERE {{
                   {{ ?participation eli-dl:had_participant_person {iri} .
                      ?set epvoc:workHadParticipation ?participation }}
                   UNION {{ ?participation eli-dl:participation_in_name_of {iri} .
                      ?set epvoc:workHadParticipation ?participation }}
                   UNION {{ ?set bibo:recipient {iri} }} }} }}
               ?set a kv:QuestionSet .
               OPTIONAL {{ ?set dct:dateSubmitted ?submitted }}
               OPTIONAL {{ ?set dct:title ?title }}
             }} ORDER BY DESC(?submitted) ?set LIMIT 1000"
        ))?;
        Ok((!rows.rows.is_empty()).then_some(rows))
    }

    /// The parts of a set's page: who asks whom, each question with its answer, the
    /// sources cited, and the sets it follows up or that follow it up.
    fn set_sections(&self, set: &NamedNode) -> Result<Vec<Section>, Refusal> {
        let sections = [
            ("Submitters", format!("SELECT ?position ?person ?party WHERE {{ {set} epvoc:workHadParticipation ?p . ?p schema:position ?position ; eli-dl:had_participant_person ?person . OPTIONAL {{ ?p eli-dl:participation_in_name_of ?party }} }} ORDER BY ?position")),
            ("Addressed to", format!("SELECT ?office WHERE {{ {set} bibo:recipient ?office . OPTIONAL {{ ?office skos:prefLabel ?label }} }} ORDER BY ?label ?office")),
            // Questions printed in the set, and those known only from an answer to them.
            ("Questions and answers", format!("SELECT DISTINCT ?number ?question ?text ?answer WHERE {{ {{ {set} eli:has_part ?question }} UNION {{ ?document eli-dl:answers_to {set} ; eli:has_part/schema:parentItem ?question }} OPTIONAL {{ ?question schema:position ?number }} OPTIONAL {{ ?question schema:text ?text }} OPTIONAL {{ ?reply schema:parentItem ?question ; schema:text ?answer }} }} ORDER BY ?number ?question ?text ?answer")),
            ("Cited sources", format!("SELECT ?number ?source WHERE {{ {set} eli:has_part ?question . ?question schema:position ?number ; cito:cites ?source }} ORDER BY ?number ?source")),
            ("Follows up", format!("SELECT ?earlier ?submitted WHERE {{ {set} kv:followsUp ?earlier . OPTIONAL {{ ?earlier dct:dateSubmitted ?submitted }} }} ORDER BY ?earlier")),
            ("Followed up by", format!("SELECT ?later ?submitted WHERE {{ ?later kv:followsUp {set} . OPTIONAL {{ ?later dct:dateSubmitted ?submitted }} }} ORDER BY ?later")),
            ("Answers and notices", format!("SELECT ?document ?date WHERE {{ {{ ?document eli-dl:answers_to {set} }} UNION {{ ?document kv:postpones {set} }} OPTIONAL {{ ?document dct:dateAccepted ?date }} }} ORDER BY ?date ?document")),
            ("Elsewhere", format!("SELECT ?page WHERE {{ {set} foaf:page ?page }} ORDER BY ?page")),
        ];
        sections
            .into_iter()
            .map(|(heading, query)| {
                Ok(Section {
                    heading,
                    rows: self.rows(&query)?,
                })
            })
            .collect()
    }

    /// Who answered a set, as what, and when; and the notices that put the answer off.
    fn answers_of(&self, set: &NamedNode) -> Result<Rows, Refusal> {
        self.rows(&format!(
            "SELECT ?document ?kind ?date ?person ?title ?portfolio WHERE {{
               {{ ?document eli-dl:answers_to {set} BIND (\"answer\" AS ?kind)
                  OPTIONAL {{ ?document epvoc:workHadParticipation ?p .
                     ?p eli-dl:had_participant_person ?person .
                     OPTIONAL {{ ?p schema:position ?position }}
                     OPTIONAL {{ ?p kv:title ?title }}
                     OPTIONAL {{ ?p kv:portfolio ?portfolio }} }} }}
               UNION {{ ?document kv:postpones {set} BIND (\"notice\" AS ?kind) }}
               OPTIONAL {{ ?document dct:dateAccepted ?date }}
             }} ORDER BY ?date ?document ?position"
        ))
    }
}

/// The first value of `property` in a resource's statements (`?property ?value`).
fn first_value(statements: &Rows, property: NamedNodeRef<'_>) -> Option<String> {
    statements
        .rows
        .iter()
        .find_map(|row| match row.get("property") {
            Some(Term::NamedNode(node)) if node.as_ref() == property => Rows::text(row, "value"),
            _ => None,
        })
}

/// Whether a resource's statements (`?property ?value`) give it the type `class`.
fn has_type(statements: &Rows, class: NamedNodeRef<'_>) -> bool {
    statements.rows.iter().any(|row| {
        matches!(
            (row.get("property"), row.get("value")),
            (Some(Term::NamedNode(property)), Some(Term::NamedNode(value)))
                if property.as_ref() == rdf::TYPE && value.as_ref() == class
        )
    })
}

/// The most statements a graph's page shows: a document's graph holds a few hundred, the
/// shared graph thousands, which the page's data links give in full.
const GRAPH_PAGE_STATEMENTS: usize = 2000;

impl Endpoint {
    /// A named graph's page, for a browser at `/graph/…`: its statements by subject, each
    /// resource by its label, and links to the whole graph as data.
    pub(super) fn graph_page(
        &self,
        graph: &NamedNode,
        language: Language,
    ) -> Result<String, Refusal> {
        let mut statements = self.rows(&format!(
            "SELECT ?subject ?property ?value WHERE {{ GRAPH {graph} {{ ?subject ?property ?value }} }} \
             ORDER BY ?subject ?property ?value LIMIT {}",
            GRAPH_PAGE_STATEMENTS + 1
        ))?;
        if statements.rows.is_empty() {
            return Err(Refusal::new(
                404,
                format!("not found: this store has no graph {graph}"),
            ));
        }
        let cut = statements.rows.len() > GRAPH_PAGE_STATEMENTS;
        statements.rows.truncate(GRAPH_PAGE_STATEMENTS);
        let path = self.linker().href(graph.as_str());
        let title = format!("Graph {}", path.trim_start_matches("/graph/"));
        let count = if cut {
            format!("Its first {GRAPH_PAGE_STATEMENTS} statements; the whole graph is in its data.")
        } else {
            format!("{} statements.", statements.rows.len())
        };
        self.statements_page(&title, graph, &statements, &count, &path, language)
    }

    /// The dataset's description, or one of the resources it names, for a browser at
    /// `/dataset` or under `/dataset/`: its statements as a graph's page shows them.
    pub(super) fn description_page(
        &self,
        title: &str,
        iri: &NamedNode,
        quads: &[Quad],
        path: &str,
        language: Language,
    ) -> Result<String, Refusal> {
        let variables: Arc<[Variable]> = ["subject", "property", "value"]
            .map(Variable::new_unchecked)
            .into();
        let mut rows: Vec<QuerySolution> = quads
            .iter()
            .map(|quad| {
                let values = vec![
                    Some(Term::from(quad.subject.clone())),
                    Some(Term::from(quad.predicate.clone())),
                    Some(quad.object.clone()),
                ];
                QuerySolution::from((Arc::clone(&variables), values))
            })
            .collect();
        // Sorted as a graph's page sorts them; the description names some resources (a
        // licence, a media type) once for each file it describes.
        let key = |row: &QuerySolution| {
            ["subject", "property", "value"].map(|name| row.get(name).map(ToString::to_string))
        };
        rows.sort_by_cached_key(key);
        rows.dedup_by(|a, b| key(a) == key(b));
        let statements = Rows {
            variables: variables.to_vec(),
            rows,
        };
        let count = format!("{} statements.", statements.rows.len());
        self.statements_page(title, iri, &statements, &count, path, language)
    }

    /// A page of statements (`?subject ?property ?value`), each resource by its label, with
    /// links to the same as data.
    fn statements_page(
        &self,
        title: &str,
        iri: &NamedNode,
        statements: &Rows,
        count: &str,
        path: &str,
        language: Language,
    ) -> Result<String, Refusal> {
        let labels = self
            .labels_of_rows(&[statements], &[iri])?
            .in_language(language);
        let view = View {
            linker: self.linker(),
            labels: &labels,
        };
        let body = format!(
            "<h1>{}</h1><p class=\"iri\"><code>{}</code></p><p>{}</p>{}",
            escape(title),
            escape(iri.as_str()),
            escape(count),
            view.table(statements)
        );
        Ok(page_with_alternates(title, &alternates(path), &body))
    }
}

/// The RDF representations of the resource at `path`, as `Endpoint::resource` (or, for
/// `/dataset`, `Endpoint::dataset`) serves them.
pub(super) fn alternates(path: &str) -> Vec<Alternate> {
    offered(Answer::Graph)
        .iter()
        .filter_map(|(label, format)| {
            Some(Alternate {
                media_type: named_type(format, Answer::Graph)?,
                label,
                href: format!("{path}?format={format}"),
            })
        })
        .collect()
}

/// How a page shows terms: links named by their labels.
struct View<'a> {
    linker: Linker<'a>,
    labels: &'a Labels,
}

impl View<'_> {
    fn table(&self, rows: &Rows) -> String {
        self.linker
            .named_table(&rows.variables, &rows.rows, self.labels)
    }

    fn term(&self, row: &QuerySolution, name: &str) -> Option<String> {
        row.get(name)
            .map(|term| self.linker.named(term, self.labels))
    }

    /// The facts a reader looks for first, in a table at the top of a set's page.
    fn summary(&self, statements: &Rows, sections: &[Section], answers: &Rows) -> String {
        let section = |heading: &str| {
            sections
                .iter()
                .find(|section| section.heading == heading)
                .map(|section| section.rows.rows.as_slice())
                .unwrap_or_default()
        };
        let submitted = first_value(statements, dct::DATE_SUBMITTED);
        let zaak = first_value(statements, dct::IDENTIFIER);
        let mut facts: Vec<(&str, String)> = vec![
            (
                "Zaak number",
                escape(zaak.as_deref().unwrap_or("none printed")),
            ),
            (
                "Submitted",
                escape(submitted.as_deref().unwrap_or("not printed")),
            ),
        ];
        let submitters: Vec<String> = section("Submitters")
            .iter()
            .filter_map(|row| {
                let person = self.term(row, "person")?;
                Some(match self.term(row, "party") {
                    Some(party) => format!("{person} ({party})"),
                    None => person,
                })
            })
            .collect();
        facts.push(("Submitted by", submitters.join(", ")));
        let offices: Vec<String> = section("Addressed to")
            .iter()
            .filter_map(|row| self.term(row, "office"))
            .collect();
        facts.push(("Addressed to", offices.join(", ")));
        facts.push(("Answered", self.answered(answers, submitted.as_deref())));
        let notices = self.documents(answers, "notice");
        if !notices.is_empty() {
            facts.push(("Postponed", notices.join(", ")));
        }
        for (heading, column) in [("Follows up", "earlier"), ("Followed up by", "later")] {
            let sets: Vec<String> = section(heading)
                .iter()
                .filter_map(|row| self.term(row, column))
                .collect();
            if !sets.is_empty() {
                facts.push((heading, sets.join(", ")));
            }
        }
        let mut html = String::from("<table class=\"facts\" id=\"summary\"><tbody>");
        for (name, value) in facts {
            let _ = write!(html, "<tr><th>{name}</th><td>{value}</td></tr>");
        }
        html.push_str("</tbody></table>");
        html
    }

    /// Each answer: its date, who gave it as what, and the days since the set was submitted.
    fn answered(&self, answers: &Rows, submitted: Option<&str>) -> String {
        let mut lines: Vec<String> = Vec::new();
        let mut last: Option<&Term> = None;
        for row in answers
            .rows
            .iter()
            .filter(|row| Rows::text(row, "kind").as_deref() == Some("answer"))
        {
            let by = self.answerer(row);
            if last.is_some() && last == row.get("document") {
                // Another office-holder of the same answer.
                if let (Some(line), Some(by)) = (lines.last_mut(), by) {
                    let _ = write!(line, " and {by}");
                }
                continue;
            }
            last = row.get("document");
            let date = Rows::text(row, "date");
            let mut line = self.dated(row);
            if let Some(days) = days_between(submitted, date.as_deref()) {
                let _ = write!(line, " <span class=\"days\">({days} days)</span>");
            }
            if let Some(by) = by {
                let _ = write!(line, ", by {by}");
            }
            lines.push(line);
        }
        if lines.is_empty() {
            return "not yet".to_owned();
        }
        lines.join("; ")
    }

    /// `Robbert Dijkgraaf (Minister, Onderwijs, Cultuur en Wetenschap)`: the person, and the
    /// title and portfolio the answer prints.
    fn answerer(&self, row: &QuerySolution) -> Option<String> {
        let person = self.term(row, "person")?;
        let office: Vec<String> = ["title", "portfolio"]
            .into_iter()
            .filter_map(|name| Rows::text(row, name))
            .map(|text| escape(&text))
            .collect();
        Some(if office.is_empty() {
            person
        } else {
            format!("{person} ({})", office.join(", "))
        })
    }

    /// The documents of one kind, each with its date.
    fn documents(&self, answers: &Rows, kind: &str) -> Vec<String> {
        answers
            .rows
            .iter()
            .filter(|row| Rows::text(row, "kind").as_deref() == Some(kind))
            .map(|row| self.dated(row))
            .collect()
    }

    /// A document as a link that reads its date (its name where it has none).
    fn dated(&self, row: &QuerySolution) -> String {
        match (row.get("document"), Rows::text(row, "date")) {
            (Some(Term::NamedNode(document)), Some(date)) => {
                self.linker.titled_link(document.as_str(), &date)
            }
            _ => self.term(row, "document").unwrap_or_default(),
        }
    }
}

/// Days from `from` to `to`, both `YYYY-MM-DD`.
fn days_between(from: Option<&str>, to: Option<&str>) -> Option<i64> {
    let date = |text: Option<&str>| NaiveDate::parse_from_str(text?, "%Y-%m-%d").ok();
    Some((date(to)? - date(from)?).num_days())
}
