//! `members`: the people found, the documents they appear in, and how each identity was
//! decided, with every case the rules could not decide listed apart for review.

use anyhow::Result;
use kamervragen::run::pipeline::Loaded;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// Every person who put questions or answered them, in every document graph.
const PEOPLE: &str = r#"
SELECT ?person ?name ?party ?basis ?path ?candidate ?wikidata WHERE {
  GRAPH ?graph { ?work dct:creator ?person . }
  ?graph prov:wasDerivedFrom/kv:sourcePath ?path .
  ?person kv:identityBasis ?basis ;
          foaf:name ?name .
  # The party label lives with the party, outside the document graph; looking it up inside
  # the same OPTIONAL keeps office-holders (who act for no party) from matching every label.
  OPTIONAL {
    GRAPH ?graph {
      ?work epvoc:workHadParticipation ?participation .
      ?participation eli-dl:had_participant_person ?person ;
                     eli-dl:participation_in_name_of ?party_iri .
    }
    ?party_iri skos:prefLabel ?party .
  }
  OPTIONAL { ?person kv:identityCandidate ?candidate }
  OPTIONAL {
    ?person owl:sameAs ?wikidata .
    FILTER (STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/"))
  }
}
"#;

#[derive(Default)]
struct Person {
    names: BTreeSet<String>,
    parties: BTreeSet<String>,
    basis: String,
    paths: BTreeSet<String>,
    candidates: BTreeSet<String>,
    wikidata: bool,
}

pub fn write_members(loaded: &Loaded, base: &str, out: &mut impl Write) -> Result<()> {
    let people = gather(loaded, base)?;
    let mut rows: Vec<(&String, &Person)> = people.iter().collect();
    rows.sort_by_key(|(iri, person)| (person.names.first().cloned(), (*iri).clone()));
    for (_, person) in &rows {
        let names: Vec<&str> = person.names.iter().map(String::as_str).collect();
        let parties: Vec<&str> = person.parties.iter().map(String::as_str).collect();
        let parties = if parties.is_empty() {
            String::new()
        } else {
            format!(" ({})", parties.join(", "))
        };
        let paths: Vec<&str> = person.paths.iter().map(String::as_str).collect();
        writeln!(
            out,
            "{}{parties} [{}]: {}",
            names.join(" / "),
            person.basis,
            paths.join(", ")
        )?;
    }
    let undecided: Vec<&(&String, &Person)> = rows
        .iter()
        .filter(|(_, p)| !p.candidates.is_empty())
        .collect();
    let from_tables = rows
        .iter()
        .filter(|(_, p)| p.basis == "ReferenceTable")
        .count();
    let with_wikidata = rows.iter().filter(|(_, p)| p.wikidata).count();
    writeln!(
        out,
        "{} people: {from_tables} identified by the tables, {with_wikidata} linked to Wikidata; {} undecided",
        rows.len(),
        undecided.len()
    )?;
    for (iri, person) in undecided {
        let candidates: Vec<&str> = person.candidates.iter().map(String::as_str).collect();
        writeln!(
            out,
            "undecided: {} in {} could be {}; kept apart as {iri}",
            person.names.iter().next().map_or("", String::as_str),
            person.paths.iter().cloned().collect::<Vec<_>>().join(", "),
            candidates.join(" or ")
        )?;
    }
    Ok(())
}

fn gather(loaded: &Loaded, base: &str) -> Result<BTreeMap<String, Person>> {
    let QueryResults::Solutions(solutions) = loaded.store.query(PEOPLE, base)? else {
        anyhow::bail!("the people query gave no rows");
    };
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    for solution in solutions {
        let solution = solution?;
        let text = |name: &str| solution.get(name).map(value);
        let Some(iri) = text("person") else { continue };
        let person = people.entry(iri).or_default();
        person.names.extend(text("name"));
        person.parties.extend(text("party"));
        person.paths.extend(text("path"));
        person.candidates.extend(text("candidate"));
        person.wikidata |= solution.get("wikidata").is_some();
        if let Some(basis) = text("basis") {
            person.basis = basis.rsplit('#').next().unwrap_or(&basis).to_owned();
        }
    }
    Ok(people)
}

fn value(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => node.as_str().to_owned(),
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    }
}
