//! Import of the dated member and government data in `members-data/` into the reference tables.
//!
//! A folder laid out as the project's reference data ships it enters: `polder-tk/tk_mandates.csv`
//! (one row per seat of a member of the Tweede Kamer, with the fractie and the dates),
//! `polder-government/government_mandates.csv` (one row per minister's or state secretary's
//! mandate) and, where present, `openkamer/person.json` and `openkamer/parliament.json` (ids that
//! fill or check the others). Updated [`ReferenceData`] leaves: one member per person, keyed by
//! the Tweede Kamer's Persoon GUID where known, with the parties they sat for and the offices
//! they held, each with its dates.
//!
//! A Wikidata id two sources give differently is left out and reported, never chosen.

use crate::identity::reference::{
    comparable, Member, OfficeMandate, Party, PartyMembership, ReferenceData,
};
use crate::rdf::iri::slug;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file of the folder that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct MembersImportError {
    pub file: PathBuf,
    pub line: Option<u64>,
    pub message: String,
}

impl MembersImportError {
    fn new(file: &Path, line: Option<u64>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct MembersImportSummary {
    pub people: usize,
    pub with_tk_persoon: usize,
    pub with_wikidata: usize,
    pub wikidata_from_openkamer: usize,
    /// People whose Wikidata id the sources disagree on: key, and the two ids.
    pub disagreements: Vec<(String, String, String)>,
    pub parties_added: usize,
    /// Rows of the tables merged into, replaced by an imported person.
    pub rows_replaced: usize,
    /// People the source lists twice, read as one.
    pub duplicates_merged: usize,
}

#[derive(Debug, Deserialize)]
struct SeatRow {
    person_id: String,
    tk_persoon_id: String,
    wikidata: String,
    given: String,
    initials: String,
    family: String,
    fractie: String,
    start_date: String,
    end_date: String,
}

#[derive(Debug, Deserialize)]
struct MandateRow {
    person_id: String,
    tk_persoon_id: String,
    wikidata: String,
    full_name: String,
    family: String,
    initials: String,
    role: String,
    start_date: String,
    end_date: String,
}

#[derive(Debug, Deserialize)]
struct Fixture<T> {
    model: String,
    fields: T,
}

#[derive(Debug, Default, Deserialize)]
struct OpenkamerPerson {
    #[serde(default)]
    tk_id: String,
    #[serde(default)]
    wikidata_id: String,
    #[serde(default)]
    parlement_and_politiek_id: String,
}

/// The people of a members-data folder, merged into `reference`.
pub fn import_members(
    folder: &Path,
    reference: &ReferenceData,
) -> Result<(ReferenceData, MembersImportSummary), MembersImportError> {
    let seats: Vec<SeatRow> = read_csv(&folder.join("polder-tk/tk_mandates.csv"))?;
    let mandates: Vec<MandateRow> =
        read_csv(&folder.join("polder-government/government_mandates.csv"))?;
    let openkamer = read_openkamer(&folder.join("openkamer/person.json"))?;
    let mut merged = reference.clone();
    let mut summary = MembersImportSummary::default();
    let mut people: BTreeMap<String, Member> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for seat in &seats {
        let party = party_key(&mut merged, &seat.fractie, &mut summary);
        let member = people.entry(seat.person_id.clone()).or_insert_with(|| {
            order.push(seat.person_id.clone());
            let mut member = person(&seat.person_id, &seat.tk_persoon_id, &seat.family);
            member.given_name = non_empty(&seat.given);
            member.initials = non_empty(&seat.initials);
            member.wikidata = non_empty(&seat.wikidata);
            member
        });
        member.parties.push(PartyMembership {
            party,
            from: date(&seat.start_date),
            until: date(&seat.end_date),
        });
    }
    for mandate in &mandates {
        let member = people.entry(mandate.person_id.clone()).or_insert_with(|| {
            order.push(mandate.person_id.clone());
            let surname = surname_of(&mandate.full_name, &mandate.family);
            let mut member = person(&mandate.person_id, &mandate.tk_persoon_id, &surname);
            member.given_name = given_of(&mandate.full_name, &mandate.family);
            member.initials = non_empty(&mandate.initials);
            member.wikidata = non_empty(&mandate.wikidata);
            member
        });
        member.offices.push(OfficeMandate {
            office: mandate.role.clone(),
            from: date(&mandate.start_date),
            until: date(&mandate.end_date),
        });
    }
    let mut imported: Vec<Member> = Vec::new();
    for member in order.iter().filter_map(|id| people.remove(id)) {
        match imported.iter_mut().find(|other| duplicate(other, &member)) {
            Some(other) => {
                for mandate in member.offices {
                    if !other.offices.contains(&mandate) {
                        other.offices.push(mandate);
                    }
                }
                summary.duplicates_merged += 1;
            }
            None => imported.push(member),
        }
    }
    for member in &mut imported {
        check_against_openkamer(member, &openkamer, &mut summary);
        member.parties.sort_by_key(|m| m.from);
        member.offices.sort_by_key(|m| m.from);
    }
    let before = merged.members.len();
    merged.members.retain(|row| {
        let Some(person) = imported.iter_mut().find(|person| same_person(row, person)) else {
            return true;
        };
        // The names a row written by hand knows the person by stay theirs.
        for surname in std::iter::once(&row.surname).chain(&row.also_printed) {
            let known = std::iter::once(&person.surname).chain(&person.also_printed);
            if !known
                .map(|s| comparable(s))
                .any(|s| s == comparable(surname))
            {
                person.also_printed.push(surname.clone());
            }
        }
        false
    });
    summary.rows_replaced = before - merged.members.len();
    summary.people = imported.len();
    summary.with_tk_persoon = imported.iter().filter(|m| m.tk_persoon.is_some()).count();
    summary.with_wikidata = imported.iter().filter(|m| m.wikidata.is_some()).count();
    merged.members.extend(imported);
    merged.reindex();
    Ok((merged, summary))
}

/// A person of the source with their key and surname, and nothing else known yet.
fn person(person_id: &str, tk_persoon: &str, surname: &str) -> Member {
    Member {
        key: person_key(person_id, tk_persoon),
        surname: surname.to_owned(),
        given_name: None,
        initials: None,
        tk_persoon: non_empty(tk_persoon),
        wikidata: None,
        parlement_com: None,
        also_printed: Vec::new(),
        parties: Vec::new(),
        offices: Vec::new(),
    }
}

/// The IRI key: the Tweede Kamer's Persoon GUID where known, which no party, role or spelling
/// changes; else the source's own person id.
fn person_key(person_id: &str, tk_persoon: &str) -> String {
    if tk_persoon.is_empty() {
        person_id.trim_start_matches("person:").to_owned()
    } else {
        tk_persoon.to_owned()
    }
}

/// One person the source lists twice: no GUID, the same name, and an office held from the
/// same day (`drs. F.Q. Gräper-van Koolwijk`, with initials `F.Q.` and `F.G.`).
fn duplicate(a: &Member, b: &Member) -> bool {
    a.tk_persoon.is_none()
        && b.tk_persoon.is_none()
        && comparable(&a.surname) == comparable(&b.surname)
        && a.offices.iter().any(|m| {
            b.offices
                .iter()
                .any(|n| m.office == n.office && m.from == n.from)
        })
}

/// A row of the tables that stands for the same person as an imported one: the same key (an
/// earlier import's), the same GUID, or (for a row written by hand without one) the same given
/// name and surname.
fn same_person(row: &Member, person: &Member) -> bool {
    if row.key == person.key {
        return true;
    }
    match (&row.tk_persoon, &person.tk_persoon) {
        (Some(a), Some(b)) => a == b,
        (None, _) => {
            row.given_name.is_some()
                && row.given_name.as_deref().map(comparable)
                    == person.given_name.as_deref().map(comparable)
                && comparable(&row.surname) == comparable(&person.surname)
        }
        _ => false,
    }
}

fn check_against_openkamer(
    member: &mut Member,
    openkamer: &BTreeMap<String, OpenkamerPerson>,
    summary: &mut MembersImportSummary,
) {
    let Some(other) = member.tk_persoon.as_ref().and_then(|id| openkamer.get(id)) else {
        return;
    };
    member.parlement_com = non_empty(&other.parlement_and_politiek_id);
    let theirs = non_empty(&other.wikidata_id);
    match (&member.wikidata, theirs) {
        (Some(ours), Some(theirs)) if *ours != theirs => {
            summary
                .disagreements
                .push((member.key.clone(), ours.clone(), theirs));
            member.wikidata = None;
        }
        (None, Some(theirs)) => {
            member.wikidata = Some(theirs);
            summary.wikidata_from_openkamer += 1;
        }
        _ => {}
    }
}

/// The party a fractie label stands for; a label the table does not know becomes a party.
fn party_key(
    reference: &mut ReferenceData,
    label: &str,
    summary: &mut MembersImportSummary,
) -> String {
    if let Some(party) = reference.party(label) {
        return party.key.clone();
    }
    let key = slug(label);
    reference.parties.push(Party {
        key: key.clone(),
        label: label.to_owned(),
        variants: Vec::new(),
        wikidata: None,
    });
    reference.reindex();
    summary.parties_added += 1;
    key
}

/// `Marja van Bijsterveldt` with family `Bijsterveldt`: the surname with its prefix;
/// `drs. F.Q. Gräper-van Koolwijk`: `Gräper-van Koolwijk`.
fn surname_of(full_name: &str, family: &str) -> String {
    let (_, rest) = split_full_name(full_name);
    if !rest.is_empty() && comparable(rest).ends_with(&comparable(family)) {
        capitalise_prefix(rest)
    } else {
        family.to_owned()
    }
}

fn given_of(full_name: &str, family: &str) -> Option<String> {
    let (given, rest) = split_full_name(full_name);
    given.filter(|_| comparable(rest).ends_with(&comparable(family)))
}

/// A full name without its titles (`drs.`, `ir.`) and initials: the given name, where one is
/// printed, and the rest.
fn split_full_name(full_name: &str) -> (Option<String>, &str) {
    let mut rest = full_name.trim();
    let mut had_initials = false;
    while let Some((word, after)) = rest.split_once(' ') {
        if !word.ends_with('.') {
            break;
        }
        had_initials |= word.chars().next().is_some_and(char::is_uppercase);
        rest = after.trim_start();
    }
    if had_initials {
        return (None, rest);
    }
    match rest.split_once(' ') {
        Some((given, surname)) => (Some(given.to_owned()), surname),
        None => (None, rest),
    }
}

/// A surname is written with its prefix capitalised when it stands alone (`Van Bijsterveldt`).
fn capitalise_prefix(surname: &str) -> String {
    let mut chars = surname.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn read_csv<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, MembersImportError> {
    let mut reader = csv::Reader::from_path(path)
        .map_err(|error| MembersImportError::new(path, None, error.to_string()))?;
    reader
        .deserialize()
        .map(|row| {
            row.map_err(|error| {
                let line = error.position().map(csv::Position::line);
                MembersImportError::new(path, line, error.to_string())
            })
        })
        .collect()
}

/// openkamer's people by TK Persoon GUID; no file, no people.
fn read_openkamer(path: &Path) -> Result<BTreeMap<String, OpenkamerPerson>, MembersImportError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(error) => return Err(MembersImportError::new(path, None, error.to_string())),
    };
    let records: Vec<Fixture<serde_json::Value>> =
        serde_json::from_str(&text).map_err(|error| {
            MembersImportError::new(path, Some(error.line() as u64), error.to_string())
        })?;
    Ok(records
        .into_iter()
        .filter(|record| record.model == "person.person")
        .filter_map(|record| serde_json::from_value::<OpenkamerPerson>(record.fields).ok())
        .filter(|person| !person.tk_id.is_empty())
        .map(|person| (person.tk_id.clone(), person))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_keeps_the_prefix_the_full_name_prints() {
        assert_eq!(
            surname_of("Marja van Bijsterveldt", "Bijsterveldt"),
            "Van Bijsterveldt"
        );
        assert_eq!(
            given_of("Marja van Bijsterveldt", "Bijsterveldt").as_deref(),
            Some("Marja")
        );
        assert_eq!(surname_of("Mark Rutte", "Rutte"), "Rutte");
        let titled = "drs. F.Q. Gräper-van Koolwijk";
        assert_eq!(surname_of(titled, "Koolwijk"), "Gräper-van Koolwijk");
        assert_eq!(given_of(titled, "Koolwijk"), None);
        assert_eq!(surname_of("ir. J.F. Rummenie", "Rummenie"), "Rummenie");
    }

    #[test]
    fn the_key_is_the_tk_persoon_guid_where_known() {
        let guid = "9ab41898-332f-4c08-a834-d58b4669c990";
        assert_eq!(person_key("person:yesilgoz-zegerius-d-1977", guid), guid);
        assert_eq!(person_key("person:aardenne-1930", ""), "aardenne-1930");
    }
}
