//! The research queries over the real corpus, through the real executable. The expected rows
//! are computed from the hand-written facts in `tests/corpus/*.toml` (and, for notices, from
//! the documents' own `Zie ook Aanhangsel` lines), not from the parser.

use super::corpus::{expectations, expectations_of, Expected, CORPORA};

/// The corpus the research queries run over: the shipped one.
const SHIPPED: (&str, &str) = CORPORA[0];
use super::{query_path, Workspace};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The shipped corpus, at the path it has in the project.
fn corpus_workspace() -> Workspace {
    workspace_of(&[SHIPPED])
}

/// The documents of `corpora`, each at the path it has in the project.
fn workspace_of(corpora: &[(&str, &str)]) -> Workspace {
    let workspace = Workspace::empty();
    for (folder, _) in corpora {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        for entry in std::fs::read_dir(corpus).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            workspace.write_bytes(&format!("{folder}/{name}"), &std::fs::read(&path).unwrap());
        }
    }
    workspace
}

fn rows(workspace: &Workspace, query: &str) -> BTreeSet<String> {
    let file = query_path(query);
    let csv = workspace
        .run(&[
            "query",
            SHIPPED.0,
            "-q",
            file.to_str().unwrap(),
            "-f",
            "csv",
        ])
        .success();
    csv.lines().skip(1).map(str::to_owned).collect()
}

/// Facts of written questions, their answers and notices: oral questions are a kind of their
/// own, which the queries about written questions leave out.
fn written((_, facts): &(String, Expected)) -> bool {
    facts.kind != "oral"
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// One set of questions however many documents describe it: its Zaak number, or what the
/// header says about it.
fn set_identity(expected: &Expected) -> String {
    match &expected.zaak {
        Some(zaak) => zaak.clone(),
        None => format!(
            "{:?}|{:?}|{:?}",
            expected.submitted,
            expected.submitters.first().map(|m| m.name.clone()),
            expected.subject
        ),
    }
}

/// Letters and digits, lower case: how the reference tables compare names.
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn table(name: &str) -> toml::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds/reference")
        .join(name);
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn strings(value: &toml::Value, field: &str) -> Vec<String> {
    let own = value.get(field).and_then(|v| v.as_str()).map(str::to_owned);
    let list: Vec<String> = value
        .get(field)
        .and_then(|v| v.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    own.into_iter().chain(list).collect()
}

/// A printed party label as the parties table names it (`Nieuw Sociaal Contract` → `NSC`).
fn party_label(printed: &str) -> String {
    let parties = table("parties.toml");
    for party in parties["party"].as_array().unwrap() {
        let label = party["label"].as_str().unwrap();
        let names = std::iter::once(label.to_owned()).chain(strings(party, "variants"));
        if names
            .map(|n| comparable(&n))
            .any(|n| n == comparable(printed))
        {
            return label.to_owned();
        }
    }
    printed.to_owned()
}

/// A printed office with its portfolio as the offices table names it.
fn office_label(printed: &str) -> String {
    let offices = table("offices.toml");
    let (head, portfolio) = match printed.find(" van ").or_else(|| printed.find(" voor ")) {
        Some(at) => {
            let preposition_end = at + printed[at + 1..].find(' ').unwrap() + 2;
            (&printed[..preposition_end], &printed[preposition_end..])
        }
        None => return printed.to_owned(),
    };
    let rows = offices["ministry"]
        .as_array()
        .unwrap()
        .iter()
        .chain(offices["post"].as_array().unwrap());
    for row in rows {
        let names = strings(row, "name")
            .into_iter()
            .chain(strings(row, "variants"))
            .chain(strings(row, "abbreviations"));
        if names
            .map(|n| comparable(&n))
            .any(|n| n == comparable(portfolio))
        {
            return format!("{head}{}", row["name"].as_str().unwrap());
        }
    }
    printed.to_owned()
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[test]
fn answer_times_has_a_row_for_every_answer_whose_set_has_a_date() {
    let workspace = corpus_workspace();
    let mut expected = BTreeSet::new();
    for (file, facts) in expectations() {
        let (Some(submitted), Some(received)) = (&facts.submitted, &facts.received) else {
            continue;
        };
        if facts.kind != "answer" {
            continue;
        }
        let text = std::fs::read_to_string(workspace.path().join(&file)).unwrap();
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let notice = folded.contains("Zie ook Aanhangsel");
        let days = (date(received) - date(submitted)).num_days();
        // The set by its Zaak number, else by this answer's Aanhangsel id.
        let answer = facts.aanhangsel.clone().unwrap_or_default();
        let set = facts.zaak.clone().unwrap_or_else(|| answer.clone());
        expected.insert(format!(
            "{set},{answer},{submitted},{received},{days},{},{notice}",
            days > 21
        ));
    }
    assert!(expected.len() >= 25, "{expected:?}");
    // The last column, the set's IRI, is minted, not printed (and holds no comma).
    let read: BTreeSet<String> = rows(&workspace, "answer-times.rq")
        .into_iter()
        .map(|row| row[..row.rfind(',').unwrap()].to_owned())
        .collect();
    assert_eq!(read, expected);
}

/// The days `answer-times.rq` counts, taken from the file itself and run over dates where a
/// calendar is easy to get wrong (leap days, the century years 1900, 2000 and 2100, a year's
/// end, an answer dated before its questions), against chrono's count.
#[test]
fn answer_times_counts_days_as_the_calendar_does() {
    let query = std::fs::read_to_string(query_path("answer-times.rq")).unwrap();
    let first = query.find("  BIND (YEAR(?submitted)").unwrap();
    let last = query.find(" AS ?days)").unwrap() + " AS ?days)".len();
    let counting = &query[first..last];
    let pairs = [
        ("1900-02-28", "1900-03-01"),
        ("1999-12-31", "2000-01-01"),
        ("2000-02-28", "2000-03-01"),
        ("2019-02-28", "2019-03-01"),
        ("2019-03-01", "2019-02-28"),
        ("2020-01-31", "2020-03-01"),
        ("2020-02-29", "2021-02-28"),
        ("2023-12-15", "2024-03-15"),
        ("2100-02-28", "2100-03-01"),
        ("1995-01-01", "2026-12-31"),
    ];
    let values: String = pairs
        .iter()
        .map(|(s, r)| format!("(\"{s}\"^^xsd:date \"{r}\"^^xsd:date) "))
        .collect();
    let sparql = format!(
        "SELECT ?submitted ?received ?days WHERE {{ VALUES (?submitted ?received) {{ {values}}}\n{counting} }} ORDER BY ?submitted ?received"
    );
    let workspace = Workspace::with_seed();
    let csv = workspace
        .run(&["query", "-e", &sparql, "--format", "csv"])
        .success();
    let mut expected: Vec<String> = pairs
        .iter()
        .map(|(s, r)| format!("{s},{r},{}", (date(r) - date(s)).num_days()))
        .collect();
    expected.sort();
    let got: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(got, expected);
}

/// Sets known only from a later set's follow-up note, as the note prints them:
/// tkweb-AH608-2024Z14419 says "eerdere vragen terzake van het lid Joseph (Nieuw Sociaal
/// Contract), ingezonden 25 september 2024 (vraagnummer 2024Z14247)".
/// What the questions-per-party count needs of one set: its year, its parties, its questions.
type SetFacts = (Option<i32>, BTreeSet<String>, BTreeSet<u32>);

const FOLLOW_UP_SETS: &[(&str, &str, i32)] = &[("2024Z14247", "Nieuw Sociaal Contract", 2024)];

#[test]
fn questions_per_party_counts_sets_and_questions() {
    let mut sets: BTreeMap<String, SetFacts> = BTreeMap::new();
    for (zaak, party, year) in FOLLOW_UP_SETS {
        let entry = sets.entry((*zaak).to_owned()).or_default();
        entry.0 = Some(*year);
        entry.1.insert(party_label(party));
    }
    for (_, facts) in expectations().into_iter().filter(written) {
        let entry = sets.entry(set_identity(&facts)).or_default();
        entry.0 = entry.0.or(facts
            .submitted
            .as_deref()
            .map(|d| date(d).format("%Y").to_string().parse().unwrap()));
        for member in &facts.submitters {
            entry.1.extend(member.party.as_deref().map(party_label));
        }
        entry.2.extend(facts.questions.iter().map(|q| q.number));
    }
    let mut table: BTreeMap<(String, Option<i32>), (usize, usize)> = BTreeMap::new();
    for (year, parties, questions) in sets.values() {
        for party in parties {
            let row = table.entry((party.clone(), *year)).or_default();
            row.0 += 1;
            row.1 += questions.len();
        }
    }
    let expected: BTreeSet<String> = table
        .into_iter()
        .map(|((party, year), (sets, questions))| {
            format!(
                "{},{},{sets},{questions}",
                csv_field(&party),
                year.map(|y| y.to_string()).unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        rows(&corpus_workspace(), "questions-per-party.rq"),
        expected
    );
}

#[test]
fn addressed_offices_counts_sets_per_office() {
    let mut sets_per_office: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> =
        BTreeMap::new();
    for (_, facts) in expectations().into_iter().filter(written) {
        for office in &facts.addressees {
            let entry = sets_per_office.entry(office_label(office)).or_default();
            entry.0.insert(office_label(office));
            entry.1.insert(set_identity(&facts));
        }
    }
    let expected: BTreeSet<String> = sets_per_office
        .into_values()
        .map(|(labels, sets)| format!("{},{}", csv_field(labels.first().unwrap()), sets.len()))
        .collect();
    assert_eq!(rows(&corpus_workspace(), "addressed-offices.rq"), expected);
}

#[test]
fn unanswered_lists_the_sets_read_without_an_answer() {
    let mut answered = BTreeSet::new();
    // Each set read, with the Aanhangsel id of a notice that postponed it.
    let mut read: BTreeMap<String, (Expected, Option<String>)> = BTreeMap::new();
    for (_, facts) in expectations() {
        let identity = set_identity(&facts);
        if facts.kind == "answer" {
            answered.insert(identity.clone());
        }
        // Oral questions are answered in the Kamer, never in writing.
        if facts.kind == "oral" {
            continue;
        }
        let notice = (facts.kind == "notice").then(|| facts.aanhangsel.clone().unwrap_or_default());
        let entry = read
            .entry(identity)
            .or_insert_with(|| (facts.clone(), None));
        if facts.subject.is_some() && entry.0.subject.is_none() {
            entry.0 = facts.clone();
        }
        entry.1 = entry.1.take().or(notice);
    }
    let expected: BTreeSet<String> = read
        .iter()
        .filter(|(identity, _)| !answered.contains(*identity))
        .map(|(_, (facts, notice))| {
            // The set by its Zaak number, else its notice's id, else (for a document with no
            // header at all) its IRI, which is minted, not printed.
            let label = facts
                .zaak
                .clone()
                .or_else(|| notice.clone())
                .unwrap_or_else(|| "IRI".to_owned());
            format!(
                "{label},{},{},{}",
                facts.submitted.clone().unwrap_or_default(),
                csv_field(facts.subject.as_deref().unwrap_or_default()),
                notice.is_some()
            )
        })
        .collect();
    assert!(expected.len() >= 10, "{expected:?}");
    let rows: BTreeSet<String> = rows(&corpus_workspace(), "unanswered.rq")
        .into_iter()
        .map(|row| {
            let (row, iri) = row.rsplit_once(',').unwrap();
            match row.strip_prefix(iri) {
                Some(rest) => format!("IRI{rest}"),
                None => row.to_owned(),
            }
        })
        .collect();
    assert_eq!(rows, expected);
}

/// The host of an address, in lower case, without `www.`: what `cited-sources.rq` calls its
/// domain, computed here from the URL as written in the facts.
fn domain(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

/// Every question that cites a footnote with an address, in every set, over both corpora: the
/// rows come from the hand-read facts (each question's `cites`, each footnote's `url`), so the
/// parser's attribution of footnotes to questions is what is tested. A set is labelled by its
/// Zaak number, else by its answer's Aanhangsel id, else by its minted IRI (written `MINTED`
/// here). Read as TSV, whose fields are RDF terms: oxigraph's CSV leaves an IRI with a comma
/// unquoted.
#[test]
fn cited_sources_lists_every_question_and_the_address_it_cites_over_both_corpora() {
    const MINTED: &str = "MINTED";
    let mut expected = BTreeSet::new();
    for (_, facts) in expectations_of(&CORPORA[..2]).iter().filter(|f| written(f)) {
        let label = facts
            .zaak
            .as_deref()
            .or(facts.aanhangsel.as_deref())
            .unwrap_or(MINTED);
        for question in &facts.questions {
            for cited in &question.cites {
                let url = facts
                    .footnotes
                    .iter()
                    .find(|note| note.number == *cited)
                    .and_then(|note| note.url.clone());
                if let Some(url) = url {
                    expected.insert(format!(
                        "\"{label}\"\t{}\t<{url}>\t\"{}\"",
                        question.number,
                        domain(&url)
                    ));
                }
            }
        }
    }
    let workspace = workspace_of(&CORPORA[..2]);
    let file = query_path("cited-sources.rq");
    let tsv = workspace
        .run(&[
            "query",
            CORPORA[0].0,
            CORPORA[1].0,
            "-q",
            file.to_str().unwrap(),
            "-f",
            "tsv",
        ])
        .success();
    // The last column, the set's IRI, is left out: it is minted, not printed.
    let minted_label = "\"https://w3id.org/kamervragen/zaak/";
    let read: BTreeSet<String> = tsv
        .lines()
        .skip(1)
        .map(|row| {
            let row = &row[..row.rfind('\t').unwrap()];
            match row.strip_prefix(minted_label) {
                Some(rest) => format!("\"{MINTED}\"{}", &rest[rest.find('"').unwrap() + 1..]),
                None => row.to_owned(),
            }
        })
        .collect();
    assert!(expected.len() > 10, "{expected:?}");
    assert_eq!(read, expected);
}

/// The sets a query lists (its `set_iri` column) over both corpora are exactly those a plain
/// pattern finds in the graph: no set is left out for want of a Zaak number.
fn covers_every_set(query: &str, plain: &str) {
    covers_every_set_in(query, "set_iri", plain);
}

/// Like [`covers_every_set`], for the sets in `column`.
fn covers_every_set_in(query: &str, column: &str, plain: &str) {
    let workspace = workspace_of(&CORPORA[..2]);
    // TSV: its fields are RDF terms, so a comma in an address splits nothing.
    let run = |args: &[&str]| -> BTreeSet<String> {
        let mut all = vec!["query", CORPORA[0].0, CORPORA[1].0, "-f", "tsv"];
        all.extend_from_slice(args);
        let tsv = workspace.run(&all).success();
        let mut lines = tsv.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let column = header
            .iter()
            .position(|h| *h == format!("?{column}"))
            .unwrap();
        lines
            .map(|row| row.split('\t').nth(column).unwrap().to_owned())
            .collect()
    };
    let file = query_path(query);
    let listed = run(&["-q", file.to_str().unwrap()]);
    // The plain query names its column as the query's does.
    let in_graph = run(&["-e", plain]);
    assert!(!in_graph.is_empty(), "{in_graph:?}");
    assert_eq!(listed, in_graph, "{query}");
}

#[test]
fn cited_sources_lists_every_set_that_cites() {
    covers_every_set(
        "cited-sources.rq",
        "SELECT DISTINCT ?set_iri WHERE { ?set_iri a kv:QuestionSet ; eli:has_part ?q . ?q cito:cites ?url }",
    );
}

#[test]
fn submitters_lists_every_set_with_a_submitter() {
    covers_every_set(
        "submitters.rq",
        "SELECT DISTINCT ?set_iri WHERE { ?set_iri a kv:QuestionSet ; epvoc:workHadParticipation ?p . ?p eli-dl:participation_role ?role }",
    );
}

#[test]
fn addressees_lists_every_set_with_an_addressee() {
    covers_every_set(
        "addressees.rq",
        "SELECT DISTINCT ?set_iri WHERE { ?set_iri a kv:QuestionSet ; bibo:recipient ?post }",
    );
}

#[test]
fn follow_ups_lists_every_set_that_follows_up_another() {
    for column in ["later_iri", "earlier_iri"] {
        covers_every_set_in(
            "follow-ups.rq",
            column,
            "SELECT DISTINCT ?later_iri ?earlier_iri WHERE { ?later_iri kv:followsUp ?earlier_iri }",
        );
    }
}

#[test]
fn unanswered_lists_every_set_read_that_no_answer_answers() {
    covers_every_set(
        "unanswered.rq",
        "SELECT DISTINCT ?set_iri WHERE { ?set_iri a kv:QuestionSet ; kv:identityBasis ?how MINUS { ?answer eli-dl:answers_to ?set_iri } }",
    );
}

/// The sets a counting query counts per group, summed over its other columns, against a plain
/// count per group over both corpora: every set with the facts is counted, once.
fn counts_every_set(query: &str, group: &str, plain: &str) {
    let workspace = workspace_of(&CORPORA[..2]);
    let run = |args: &[&str]| -> BTreeMap<String, u64> {
        let mut all = vec!["query", CORPORA[0].0, CORPORA[1].0, "-f", "tsv"];
        all.extend_from_slice(args);
        let tsv = workspace.run(&all).success();
        let mut lines = tsv.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let (group, sets) = (column(&format!("?{group}")), column("?sets"));
        let mut counts = BTreeMap::new();
        for row in lines {
            let fields: Vec<&str> = row.split('\t').collect();
            // TSV writes an integer as its digits.
            let count: u64 = fields[sets].parse().unwrap();
            *counts.entry(fields[group].to_owned()).or_default() += count;
        }
        counts
    };
    let file = query_path(query);
    let counted = run(&["-q", file.to_str().unwrap()]);
    let in_graph = run(&["-e", plain]);
    assert!(in_graph.len() > 5, "{in_graph:?}");
    assert_eq!(counted, in_graph, "{query}");
}

#[test]
fn questions_per_party_counts_every_set_a_party_took_part_in() {
    counts_every_set(
        "questions-per-party.rq",
        "party",
        "SELECT ?party (COUNT(DISTINCT ?set) AS ?sets) WHERE { ?set a kv:QuestionSet ; epvoc:workHadParticipation/eli-dl:participation_in_name_of/skos:prefLabel ?party } GROUP BY ?party",
    );
}

#[test]
fn addressed_offices_counts_every_set_addressed_to_an_office() {
    counts_every_set(
        "addressed-offices.rq",
        "office",
        "SELECT ?office (COUNT(DISTINCT ?set) AS ?sets) WHERE { ?set a kv:QuestionSet ; bibo:recipient/skos:prefLabel ?office } GROUP BY ?office",
    );
}

#[test]
fn answer_times_lists_every_set_with_a_dated_answer() {
    covers_every_set(
        "answer-times.rq",
        "SELECT DISTINCT ?set_iri WHERE { ?reply a kv:AnswerDocument ; eli-dl:answers_to ?set_iri ; dct:dateAccepted ?received . ?set_iri dct:dateSubmitted ?submitted }",
    );
}
