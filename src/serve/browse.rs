//! The ways into the data for a reader with no query in mind: lists of the sets of questions
//! (by year and month), the members and others who ask or answer, the parties and the
//! offices, under `/browse/`.
//!
//! A path and its parameters enter (`sort=` a column's name, `-` first to reverse it;
//! `page=` from 1); a page leaves, each list sorted on the server and cut into pages of
//! [`PAGE_ROWS`] rows, every resource on it shown by its label.

use super::html::{escape, page, Labels, Language};
use super::pages::Rows;
use super::protocol::parse_form;
use super::{Endpoint, Refusal, Reply};
use oxhttp::model::{Body, Request};
use oxigraph::model::{NamedNode, Term};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

/// Where the lists are.
pub(super) const PREFIX: &str = "/browse/";

/// The rows of a list on one page.
const PAGE_ROWS: usize = 100;

/// The lists, by the name their path ends in, with what the landing page calls them.
pub(super) const LISTS: &[(&str, &str)] = &[
    ("sets", "Sets of questions, by year and month"),
    ("members", "Members and others who ask or answer"),
    ("parties", "Parties"),
    ("offices", "Offices addressed"),
    ("domains", "Cited sources, by domain"),
];

/// A cell of a list: its HTML, and the value it sorts by.
struct Cell {
    html: String,
    key: Key,
}

#[derive(PartialEq, PartialOrd)]
enum Key {
    Number(u64),
    Text(String),
}

impl Cell {
    fn text(text: &str) -> Self {
        Self {
            html: escape(text),
            key: Key::Text(text.to_lowercase()),
        }
    }

    fn number(n: u64) -> Self {
        Self {
            html: n.to_string(),
            key: Key::Number(n),
        }
    }
}

/// A list: its columns (the first is the default order; numbers sort most first) and rows.
struct Listing {
    title: String,
    columns: &'static [&'static str],
    rows: Vec<Vec<Cell>>,
}

impl Endpoint {
    /// `/browse/…`: one of the [`LISTS`].
    pub(super) fn browse(&self, request: &Request<Body>) -> Result<Reply, Refusal> {
        let name = request.uri().path().trim_start_matches(PREFIX);
        let parameters = parse_form(request.uri().query().unwrap_or("").as_bytes());
        let parameter = |key: &str| {
            parameters
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.as_str())
        };
        let language = Language::of(request);
        let listing = match (name, parameter("month")) {
            ("sets", None) => return Ok(Reply::html(self.months_page()?)),
            ("sets", Some(month)) => self.sets_in(month, language)?,
            ("members", _) => self.members(language)?,
            ("parties", _) => self.parties(language)?,
            ("offices", _) => self.offices(language)?,
            ("domains", _) => self.domains()?,
            _ => {
                let names: Vec<&str> = LISTS.iter().map(|(name, _)| *name).collect();
                return Err(Refusal::new(
                    404,
                    format!("no list {name} here: {}", names.join(", ")),
                ));
            }
        };
        let path = request.uri().path();
        let month = parameter("month").map(|month| ("month", month));
        Ok(Reply::html(listing.page(
            path,
            month,
            parameter("sort"),
            parameter("page"),
        )))
    }

    /// The years and months in which sets were submitted, each month a link to its sets.
    fn months_page(&self) -> Result<String, Refusal> {
        let rows = self.rows(
            "SELECT ?month (COUNT(DISTINCT ?set) AS ?n) WHERE {
               ?set a kv:QuestionSet .
               OPTIONAL { ?set dct:dateSubmitted ?date }
               BIND (COALESCE(SUBSTR(STR(?date), 1, 7), \"none\") AS ?month)
             } GROUP BY ?month ORDER BY ?month",
        )?;
        let mut years: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for row in &rows.rows {
            let (Some(month), Some(n)) = (Rows::text(row, "month"), Rows::text(row, "n")) else {
                continue;
            };
            let year = month.split('-').next().unwrap_or("").to_owned();
            years.entry(year).or_default().push((month, n));
        }
        let mut body = String::from(
            "<h1>Sets of questions, by year and month</h1><p>Each month with the number of \
             sets submitted in it; follow a month for its sets.</p><table id=\"months\">\
             <thead><tr><th>year</th><th>sets</th><th>months</th></tr></thead><tbody>",
        );
        for (year, months) in years.iter().rev() {
            let total: u64 = months
                .iter()
                .filter_map(|(_, n)| n.parse::<u64>().ok())
                .sum();
            let links: Vec<String> = months
                .iter()
                .map(|(month, n)| {
                    let name = month.split('-').nth(1).unwrap_or("no date");
                    format!(
                        "<a href=\"{PREFIX}sets?month={0}\">{1}</a> ({2})",
                        escape(month),
                        escape(name),
                        escape(n)
                    )
                })
                .collect();
            let year = if year == "none" { "no date" } else { year };
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{total}</td><td>{}</td></tr>",
                escape(year),
                links.join(" · ")
            );
        }
        body.push_str("</tbody></table>");
        Ok(page("Sets of questions by month", &body))
    }

    /// The sets submitted in `month` (`2024-03`, or `none` for those with no date).
    fn sets_in(&self, month: &str, language: Language) -> Result<Listing, Refusal> {
        let well_formed = month == "none" || super::charts::is_month(month);
        if !well_formed {
            return Err(Refusal::new(
                400,
                format!("month={month}: give a month as YYYY-MM, or none"),
            ));
        }
        let rows = self.rows(&format!(
            "SELECT ?set ?submitted ?title WHERE {{
               ?set a kv:QuestionSet .
               OPTIONAL {{ ?set dct:dateSubmitted ?submitted }}
               OPTIONAL {{ ?set dct:title ?title }}
               FILTER (COALESCE(SUBSTR(STR(?submitted), 1, 7), \"none\") = \"{month}\")
             }}"
        ))?;
        let labels = self.labels_of_rows(&[&rows], &[])?.in_language(language);
        let mut listing = Listing {
            title: format!("Sets of questions submitted in {month}"),
            columns: &["submitted", "set", "title"],
            rows: Vec::new(),
        };
        for row in &rows.rows {
            let Some(Term::NamedNode(set)) = row.get("set") else {
                continue;
            };
            listing.rows.push(vec![
                Cell::text(&Rows::text(row, "submitted").unwrap_or_default()),
                self.resource_cell(set, &labels),
                Cell::text(&Rows::text(row, "title").unwrap_or_default()),
            ]);
        }
        Ok(listing)
    }

    /// Everyone who is a `foaf:Person` in the graph: the parties they asked in the name of,
    /// the sets they submitted and the answers they gave.
    fn members(&self, language: Language) -> Result<Listing, Refusal> {
        let people = self.rows(
            "SELECT ?person ?name WHERE { ?person a foaf:Person OPTIONAL { ?person foaf:name ?name } }",
        )?;
        let parties = self.rows(
            "SELECT DISTINCT ?person ?party WHERE {
               ?p eli-dl:had_participant_person ?person ; eli-dl:participation_in_name_of ?party .
             }",
        )?;
        let sets = self.counts(
            "SELECT ?person (COUNT(DISTINCT ?set) AS ?n) WHERE {
               ?set a kv:QuestionSet ; epvoc:workHadParticipation/eli-dl:had_participant_person ?person .
             } GROUP BY ?person",
        )?;
        let answers = self.counts(
            "SELECT ?person (COUNT(DISTINCT ?answer) AS ?n) WHERE {
               ?answer a kv:AnswerDocument ;
                       epvoc:workHadParticipation/eli-dl:had_participant_person ?person .
             } GROUP BY ?person",
        )?;
        let labels = self.labels_of_rows(&[&parties], &[])?.in_language(language);
        // Each person's parties: the name a reader sees (the sort key) and its link.
        let mut party_cells: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for row in &parties.rows {
            if let (Some(Term::NamedNode(person)), Some(Term::NamedNode(party))) =
                (row.get("person"), row.get("party"))
            {
                let name = labels.get(party.as_str()).unwrap_or(party.as_str());
                party_cells
                    .entry(person.as_str().to_owned())
                    .or_default()
                    .push((
                        name.to_lowercase(),
                        self.linker().named(&party.clone().into(), &labels),
                    ));
            }
        }
        let mut listing = Listing {
            title: "Members and others who ask or answer".into(),
            columns: &["name", "parties", "sets", "answers"],
            rows: Vec::new(),
        };
        let mut seen = HashSet::new();
        for row in &people.rows {
            let Some(Term::NamedNode(person)) = row.get("person") else {
                continue;
            };
            if !seen.insert(person.as_str()) {
                continue;
            }
            let name = Rows::text(row, "name").unwrap_or_else(|| person.as_str().to_owned());
            let (names, links): (Vec<String>, Vec<String>) = party_cells
                .remove(person.as_str())
                .unwrap_or_default()
                .into_iter()
                .unzip();
            listing.rows.push(vec![
                Cell {
                    html: self.linker().titled_link(person.as_str(), &name),
                    key: Key::Text(name.to_lowercase()),
                },
                Cell {
                    key: Key::Text(names.join(" ")),
                    html: links.join(", "),
                },
                Cell::number(sets.get(person.as_str()).copied().unwrap_or(0)),
                Cell::number(answers.get(person.as_str()).copied().unwrap_or(0)),
            ]);
        }
        Ok(listing)
    }

    /// Each party, with the sets asked in its name and the members who asked them.
    fn parties(&self, language: Language) -> Result<Listing, Refusal> {
        let rows = self.rows(
            "SELECT ?party (COUNT(DISTINCT ?set) AS ?sets) (COUNT(DISTINCT ?person) AS ?members) WHERE {
               ?party a schema:PoliticalParty .
               OPTIONAL { ?p eli-dl:participation_in_name_of ?party ;
                             eli-dl:had_participant_person ?person .
                          ?set epvoc:workHadParticipation ?p ; a kv:QuestionSet }
             } GROUP BY ?party",
        )?;
        self.counted(
            rows,
            "party",
            "Parties",
            &["party", "sets", "members who asked"],
            &["sets", "members"],
            language,
        )
    }

    /// Each office, with the sets addressed to it.
    fn offices(&self, language: Language) -> Result<Listing, Refusal> {
        let rows = self.rows(
            "SELECT ?office (COUNT(DISTINCT ?set) AS ?sets) WHERE {
               ?office a org:Post .
               OPTIONAL { ?set bibo:recipient ?office ; a kv:QuestionSet }
             } GROUP BY ?office",
        )?;
        self.counted(
            rows,
            "office",
            "Offices addressed",
            &["office", "sets addressed"],
            &["sets"],
            language,
        )
    }

    /// Each domain the questions and answers cite, with how many of its addresses they cite
    /// and how often (`www.` left out: `www.nos.nl` and `nos.nl` are one source).
    fn domains(&self) -> Result<Listing, Refusal> {
        let rows = self.rows(
            r#"SELECT ?domain (COUNT(DISTINCT ?url) AS ?addresses) (COUNT(*) AS ?citations) WHERE {
               ?citing cito:cites ?url .
               BIND (REPLACE(LCASE(STR(?url)), "^[a-z][a-z0-9+.-]*://(www[.])?([^/:?#]*).*$", "$2")
                     AS ?domain)
             } GROUP BY ?domain"#,
        )?;
        let mut listing = Listing {
            title: "Cited sources, by domain".into(),
            columns: &["domain", "addresses cited", "citations"],
            rows: Vec::new(),
        };
        for row in &rows.rows {
            let Some(domain) = Rows::text(row, "domain") else {
                continue;
            };
            let count = |name| Rows::text(row, name).and_then(|n| n.parse().ok());
            listing.rows.push(vec![
                Cell::text(&domain),
                Cell::number(count("addresses").unwrap_or(0)),
                Cell::number(count("citations").unwrap_or(0)),
            ]);
        }
        Ok(listing)
    }

    /// A list of resources (in `column`) with counts (in `counts`), labelled.
    fn counted(
        &self,
        rows: Rows,
        column: &str,
        title: &str,
        columns: &'static [&'static str],
        counts: &[&str],
        language: Language,
    ) -> Result<Listing, Refusal> {
        let labels = self.labels_of_rows(&[&rows], &[])?.in_language(language);
        let mut listing = Listing {
            title: title.into(),
            columns,
            rows: Vec::new(),
        };
        for row in &rows.rows {
            let Some(Term::NamedNode(resource)) = row.get(column) else {
                continue;
            };
            let mut cells = vec![self.resource_cell(resource, &labels)];
            for count in counts {
                let n = Rows::text(row, count).and_then(|n| n.parse().ok());
                cells.push(Cell::number(n.unwrap_or(0)));
            }
            listing.rows.push(cells);
        }
        Ok(listing)
    }

    /// `?person ?n` rows as a map from the IRI to the count.
    fn counts(&self, query: &str) -> Result<HashMap<String, u64>, Refusal> {
        let rows = self.rows(query)?;
        Ok(rows
            .rows
            .iter()
            .filter_map(|row| match row.get("person") {
                Some(Term::NamedNode(person)) => Some((
                    person.as_str().to_owned(),
                    Rows::text(row, "n")?.parse().ok()?,
                )),
                _ => None,
            })
            .collect())
    }

    /// A resource as a cell: its label as a link, sorted by the label.
    fn resource_cell(&self, resource: &NamedNode, labels: &Labels) -> Cell {
        let label = labels
            .get(resource.as_str())
            .unwrap_or(resource.as_str())
            .to_owned();
        Cell {
            html: self.linker().titled_link(resource.as_str(), &label),
            key: Key::Text(label.to_lowercase()),
        }
    }
}

impl Listing {
    /// The list as a page: sorted by `sort`, the rows of page `page`, with links that sort
    /// by each column and go to the other pages. `keep` is a parameter those links repeat.
    fn page(
        mut self,
        path: &str,
        keep: Option<(&str, &str)>,
        sort: Option<&str>,
        page_number: Option<&str>,
    ) -> String {
        let (column, reversed) = self.sort(sort);
        let pages = self.rows.len().div_ceil(PAGE_ROWS).max(1);
        let number = page_number
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        let kept = keep
            .map(|(name, value)| format!("{name}={}&amp;", escape(&encode(value))))
            .unwrap_or_default();
        let sorted_by = format!(
            "sort={}{}",
            if reversed { "-" } else { "" },
            encode(self.columns[column])
        );
        let mut body = format!(
            "<h1>{}</h1><p id=\"row-count\">{} rows, sorted by {}{}.</p>",
            escape(&self.title),
            self.rows.len(),
            escape(self.columns[column]),
            if reversed { ", reversed" } else { "" }
        );
        body.push_str("<table id=\"list\"><thead><tr>");
        for (index, name) in self.columns.iter().enumerate() {
            // A second click on the column that sorts reverses it.
            let flip = if index == column && !reversed {
                "-"
            } else {
                ""
            };
            let _ = write!(
                body,
                "<th><a href=\"{path}?{kept}sort={flip}{}\">{}</a></th>",
                escape(&encode(name)),
                escape(name)
            );
        }
        body.push_str("</tr></thead><tbody>\n");
        for row in self
            .rows
            .iter()
            .skip((number - 1) * PAGE_ROWS)
            .take(PAGE_ROWS)
        {
            body.push_str("<tr>");
            for cell in row {
                let _ = write!(body, "<td>{}</td>", cell.html);
            }
            body.push_str("</tr>\n");
        }
        body.push_str("</tbody></table>");
        if pages > 1 {
            let link = |n: usize, text: &str| {
                format!(
                    "<a href=\"{path}?{kept}{}&amp;page={n}\">{text}</a>",
                    escape(&sorted_by)
                )
            };
            let mut pager = format!("<p id=\"pages\">Page {number} of {pages}");
            if number > 1 {
                pager.push_str(" · ");
                pager.push_str(&link(number - 1, "previous"));
            }
            if number < pages {
                pager.push_str(" · ");
                pager.push_str(&link(number + 1, "next"));
            }
            pager.push_str("</p>");
            body.push_str(&pager);
        }
        page(&self.title, &body)
    }

    /// Sorts the rows by the column `sort` names (the first column when it names none), and
    /// says which column and whether reversed. Counts sort most first, text from A.
    fn sort(&mut self, sort: Option<&str>) -> (usize, bool) {
        let asked = sort.unwrap_or("");
        let (name, reversed) = match asked.strip_prefix('-') {
            Some(name) => (name, true),
            None => (asked, false),
        };
        let column = self
            .columns
            .iter()
            .position(|column| *column == name)
            .unwrap_or(0);
        let reversed = reversed && self.columns[column] == name;
        self.rows.sort_by(|a, b| {
            let order = match (&a[column].key, &b[column].key) {
                (Key::Number(x), Key::Number(y)) => y.cmp(x),
                (x, y) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
            };
            // Ties keep the first column's order, so that a page is the same every time.
            let order =
                order.then_with(|| a[0].key.partial_cmp(&b[0].key).unwrap_or(Ordering::Equal));
            if reversed {
                order.reverse()
            } else {
                order
            }
        });
        (column, reversed)
    }
}

/// A value for a link's query string.
fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
