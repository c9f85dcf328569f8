//! Import from the Tweede Kamer's open data into the reference tables.
//!
//! JSON pages as the OData v4 API returns them enter (`{"@odata.context": "…$metadata#Persoon",
//! "value": [...]}`, one entity per file: Persoon, Fractie, FractieZetel, FractieZetelPersoon,
//! Zaak, ZaakActor, Document); updated [`ReferenceData`] leaves: members with their TK Persoon
//! GUID and the parties they sat for with the dates, parties for every Fractie, and the Zaken
//! of written questions with their GUID and document number. Nothing is merged unless every
//! page reads and every reference between the pages resolves, so a malformed or partial export
//! changes nothing.
//!
//! Records marked `Verwijderd` are left out. Dates are taken as the API writes them, in Dutch
//! local time: the date part, not converted to UTC (which would move midnight to the day before).

use crate::identity::reference::{comparable, Member, Party, PartyMembership, ReferenceData, Zaak};
use crate::rdf::iri::slug;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A page that could not be read, or an export that is not whole.
#[derive(Debug, thiserror::Error)]
pub struct ImportError {
    pub file: Option<PathBuf>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}: {}", file.display(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl ImportError {
    fn in_file(file: &Path, message: impl Into<String>) -> Self {
        Self {
            file: Some(file.to_owned()),
            message: message.into(),
        }
    }

    fn whole(message: impl Into<String>) -> Self {
        Self {
            file: None,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct Persoon {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "Achternaam")]
    achternaam: Option<String>,
    #[serde(rename = "Tussenvoegsel")]
    tussenvoegsel: Option<String>,
    #[serde(rename = "Roepnaam")]
    roepnaam: Option<String>,
    #[serde(rename = "Voornamen")]
    voornamen: Option<String>,
    #[serde(rename = "Initialen")]
    initialen: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Fractie {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "Afkorting")]
    afkorting: Option<String>,
    #[serde(rename = "NaamNL")]
    naam_nl: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct FractieZetel {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "Fractie_Id")]
    fractie_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct FractieZetelPersoon {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "FractieZetel_Id")]
    fractie_zetel_id: Option<String>,
    #[serde(rename = "Persoon_Id")]
    persoon_id: Option<String>,
    #[serde(rename = "Van")]
    van: Option<String>,
    #[serde(rename = "TotEnMet")]
    tot_en_met: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct TkZaak {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "Nummer")]
    nummer: Option<String>,
    #[serde(rename = "Soort")]
    soort: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct ZaakActor {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "Zaak_Id")]
    zaak_id: Option<String>,
    #[serde(rename = "Persoon_Id")]
    persoon_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Document {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "Soort")]
    soort: Option<String>,
    #[serde(rename = "DocumentNummer")]
    document_nummer: Option<String>,
    /// Present when the page was asked for with `$expand=Zaak`.
    #[serde(rename = "Zaak", default)]
    zaak: Vec<TkZaak>,
}

/// Everything read from the pages, by GUID.
#[derive(Debug, Default)]
pub struct TkExport {
    personen: BTreeMap<String, Persoon>,
    fracties: BTreeMap<String, Fractie>,
    zetels: BTreeMap<String, FractieZetel>,
    zetel_personen: BTreeMap<String, FractieZetelPersoon>,
    zaken: BTreeMap<String, TkZaak>,
    zaak_actors: BTreeMap<String, ZaakActor>,
    documents: BTreeMap<String, Document>,
}

/// What an import did, for the user.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub members_added: usize,
    pub members_updated: usize,
    pub parties_added: usize,
    pub zaken: usize,
}

const SCHRIFTELIJKE_VRAGEN: &str = "Schriftelijke vragen";

impl TkExport {
    /// Reads every page. A page holds one entity, named in its `@odata.context`.
    pub fn read(files: &[PathBuf]) -> Result<Self, ImportError> {
        let mut export = Self::default();
        for file in files {
            export.read_page(file)?;
        }
        Ok(export)
    }

    fn read_page(&mut self, file: &Path) -> Result<(), ImportError> {
        let text = std::fs::read_to_string(file)
            .map_err(|error| ImportError::in_file(file, format!("cannot read: {error}")))?;
        // Editors on Windows save JSON with a byte-order mark, which JSON does not allow.
        let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let page: Value = serde_json::from_str(json).map_err(|error| {
            // The message ends in its own `at line L column C`; the position leads instead.
            let message = error.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            ImportError::in_file(
                file,
                format!("{}:{}: not JSON: {message}", error.line(), error.column()),
            )
        })?;
        let context = page
            .get("@odata.context")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                ImportError::in_file(
                    file,
                    "expected an OData page with `@odata.context` naming its entity",
                )
            })?;
        let entity = context
            .rsplit('#')
            .next()
            .unwrap_or("")
            .split(['/', '('])
            .next()
            .unwrap_or("");
        let records: Vec<&Value> = match page.get("value") {
            Some(Value::Array(records)) => records.iter().collect(),
            Some(_) => {
                return Err(ImportError::in_file(
                    file,
                    "expected `value` to be a list of records",
                ))
            }
            None => vec![&page],
        };
        for (index, record) in records.into_iter().enumerate() {
            if record.get("Verwijderd").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            self.add(entity, record, file, index)?;
        }
        Ok(())
    }

    fn add(
        &mut self,
        entity: &str,
        record: &Value,
        file: &Path,
        index: usize,
    ) -> Result<(), ImportError> {
        fn parse<T: for<'de> Deserialize<'de>>(
            record: &Value,
            file: &Path,
            entity: &str,
            index: usize,
        ) -> Result<T, ImportError> {
            T::deserialize(record).map_err(|error| {
                ImportError::in_file(file, format!("{entity} record {}: {error}", index + 1))
            })
        }
        match entity {
            "Persoon" => insert(&mut self.personen, parse::<Persoon>(record, file, entity, index)?, |p| &p.id),
            "Fractie" => insert(&mut self.fracties, parse::<Fractie>(record, file, entity, index)?, |f| &f.id),
            "FractieZetel" => insert(&mut self.zetels, parse::<FractieZetel>(record, file, entity, index)?, |z| &z.id),
            "FractieZetelPersoon" => insert(
                &mut self.zetel_personen,
                parse::<FractieZetelPersoon>(record, file, entity, index)?,
                |z| &z.id,
            ),
            "Zaak" => insert(&mut self.zaken, parse::<TkZaak>(record, file, entity, index)?, |z| &z.id),
            "ZaakActor" => insert(&mut self.zaak_actors, parse::<ZaakActor>(record, file, entity, index)?, |a| &a.id),
            "Document" => insert(&mut self.documents, parse::<Document>(record, file, entity, index)?, |d| &d.id),
            other => {
                return Err(ImportError::in_file(
                    file,
                    format!("`{other}` is not an entity this import reads (Persoon, Fractie, FractieZetel, FractieZetelPersoon, Zaak, ZaakActor, Document)"),
                ))
            }
        }
        Ok(())
    }

    /// Checks that every reference between the pages resolves: a partial export is refused.
    fn check_whole(&self) -> Result<(), ImportError> {
        for seat in self.zetel_personen.values() {
            let zetel = seat.fractie_zetel_id.as_deref().unwrap_or("(none)");
            let persoon = seat.persoon_id.as_deref().unwrap_or("(none)");
            let Some(found) = self.zetels.get(zetel) else {
                return Err(missing(
                    "FractieZetelPersoon",
                    &seat.id,
                    "FractieZetel",
                    zetel,
                ));
            };
            if !self.personen.contains_key(persoon) {
                return Err(missing("FractieZetelPersoon", &seat.id, "Persoon", persoon));
            }
            let fractie = found.fractie_id.as_deref().unwrap_or("(none)");
            if !self.fracties.contains_key(fractie) {
                return Err(missing("FractieZetel", &found.id, "Fractie", fractie));
            }
        }
        for actor in self.zaak_actors.values() {
            let zaak = actor.zaak_id.as_deref().unwrap_or("(none)");
            if !self.zaken.contains_key(zaak) {
                return Err(missing("ZaakActor", &actor.id, "Zaak", zaak));
            }
            if let Some(persoon) = &actor.persoon_id {
                if !self.personen.contains_key(persoon) {
                    return Err(missing("ZaakActor", &actor.id, "Persoon", persoon));
                }
            }
        }
        Ok(())
    }

    /// The reference tables with this export merged in; `reference` itself is not changed.
    pub fn merge(
        &self,
        reference: &ReferenceData,
    ) -> Result<(ReferenceData, ImportSummary), ImportError> {
        self.check_whole()?;
        let mut merged = reference.clone();
        let mut summary = ImportSummary::default();
        let party_keys = self.merge_parties(&mut merged, &mut summary);
        for persoon in self.personen.values() {
            let memberships = self.memberships_of(&persoon.id, &party_keys);
            if memberships.is_empty() {
                continue; // not a member of the Kamer in this export
            }
            merge_member(&mut merged, persoon, memberships, &mut summary);
        }
        self.merge_zaken(&mut merged, &mut summary);
        merged.reindex();
        Ok((merged, summary))
    }

    /// Every Fractie as a party of the table: matched on its abbreviation or name, else added.
    fn merge_parties(
        &self,
        merged: &mut ReferenceData,
        summary: &mut ImportSummary,
    ) -> BTreeMap<String, String> {
        let mut keys = BTreeMap::new();
        for fractie in self.fracties.values() {
            let names: Vec<&str> = [&fractie.afkorting, &fractie.naam_nl]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            let Some(first) = names.first() else { continue };
            let known = names
                .iter()
                .find_map(|name| merged.party(name))
                .map(|party| party.key.clone());
            let key = known.unwrap_or_else(|| {
                summary.parties_added += 1;
                let party = Party {
                    key: slug(first),
                    label: first.to_string(),
                    variants: names[1..].iter().map(|n| n.to_string()).collect(),
                    wikidata: None,
                };
                let key = party.key.clone();
                merged.parties.push(party);
                merged.reindex();
                key
            });
            keys.insert(fractie.id.clone(), key);
        }
        keys
    }

    fn memberships_of(
        &self,
        persoon: &str,
        party_keys: &BTreeMap<String, String>,
    ) -> Vec<PartyMembership> {
        let mut memberships: Vec<PartyMembership> = self
            .zetel_personen
            .values()
            .filter(|seat| seat.persoon_id.as_deref() == Some(persoon))
            .filter_map(|seat| {
                let zetel = self.zetels.get(seat.fractie_zetel_id.as_deref()?)?;
                let party = party_keys.get(zetel.fractie_id.as_deref()?)?;
                Some(PartyMembership {
                    party: party.clone(),
                    from: seat.van.as_deref().and_then(local_date),
                    until: seat.tot_en_met.as_deref().and_then(local_date),
                })
            })
            .collect();
        memberships.sort_by(|a, b| (a.from, &a.party).cmp(&(b.from, &b.party)));
        memberships.dedup();
        memberships
    }

    fn merge_zaken(&self, merged: &mut ReferenceData, summary: &mut ImportSummary) {
        for zaak in self
            .zaken
            .values()
            .filter(|z| z.soort.as_deref() == Some(SCHRIFTELIJKE_VRAGEN))
        {
            let Some(nummer) = &zaak.nummer else { continue };
            let document_nummer = self
                .documents
                .values()
                .filter(|d| d.soort.as_deref() == Some(SCHRIFTELIJKE_VRAGEN))
                .find(|d| d.zaak.iter().any(|z| z.id == zaak.id))
                .and_then(|d| d.document_nummer.clone());
            merged.zaken.insert(
                nummer.clone(),
                Zaak {
                    nummer: nummer.clone(),
                    tk_zaak: zaak.id.clone(),
                    document_nummer,
                },
            );
            summary.zaken += 1;
        }
    }
}

/// A member of this export into the table: the row with their GUID, or with their name, is
/// updated (its key stays, so IRIs stay); otherwise a row is added.
fn merge_member(
    merged: &mut ReferenceData,
    persoon: &Persoon,
    parties: Vec<PartyMembership>,
    summary: &mut ImportSummary,
) {
    let surname = surname(persoon);
    let given = persoon.roepnaam.clone().or_else(|| {
        persoon
            .voornamen
            .as_deref()
            .and_then(|v| v.split_whitespace().next())
            .map(str::to_owned)
    });
    let same_name = |member: &Member| {
        comparable(&member.surname) == comparable(&surname)
            && member.given_name.as_deref().map(comparable) == given.as_deref().map(comparable)
    };
    let existing = merged
        .members
        .iter()
        .position(|m| m.tk_persoon.as_deref() == Some(persoon.id.as_str()))
        .or_else(|| merged.members.iter().position(same_name));
    match existing {
        Some(index) => {
            let member = &mut merged.members[index];
            member.tk_persoon = Some(persoon.id.clone());
            member.initials = member.initials.take().or_else(|| persoon.initialen.clone());
            member.given_name = member.given_name.take().or(given);
            member.parties = parties;
            summary.members_updated += 1;
        }
        None => {
            // The GUID, as `import-members` keys people: no spelling or party changes it.
            let key = persoon.id.clone();
            merged.members.push(Member {
                key,
                surname,
                given_name: given,
                initials: persoon.initialen.clone(),
                tk_persoon: Some(persoon.id.clone()),
                wikidata: None,
                parlement_com: None,
                also_printed: Vec::new(),
                parties,
                offices: Vec::new(),
            });
            summary.members_added += 1;
        }
    }
}

/// The surname as documents print it on its own: prefix capitalised (`Van Dijk`).
fn surname(persoon: &Persoon) -> String {
    let achternaam = persoon.achternaam.clone().unwrap_or_default();
    match persoon.tussenvoegsel.as_deref().filter(|t| !t.is_empty()) {
        Some(prefix) => {
            let mut chars = prefix.chars();
            let capitalised: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            format!("{capitalised} {achternaam}")
        }
        None => achternaam,
    }
}

/// `2023-12-06T00:00:00+01:00` → 2023-12-06, as written (local time), not moved to UTC.
fn local_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

fn insert<T>(map: &mut BTreeMap<String, T>, record: T, id: impl Fn(&T) -> &String) {
    map.insert(id(&record).clone(), record);
}

fn missing(entity: &str, id: &str, target: &str, target_id: &str) -> ImportError {
    ImportError::whole(format!(
        "{entity} {id} refers to {target} {target_id}, which is not in the export: the export is partial (nothing was changed)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_taken_as_written_not_moved_to_utc() {
        assert_eq!(
            local_date("2023-12-06T00:00:00+01:00"),
            NaiveDate::from_ymd_opt(2023, 12, 6)
        );
        assert_eq!(
            local_date("1976-09-16"),
            NaiveDate::from_ymd_opt(1976, 9, 16)
        );
        assert_eq!(local_date("gisteren"), None);
    }

    #[test]
    fn surnames_as_documents_print_them() {
        let persoon = Persoon {
            id: "x".into(),
            achternaam: Some("Dijk".into()),
            tussenvoegsel: Some("van".into()),
            roepnaam: Some("Inge".into()),
            voornamen: None,
            initialen: None,
        };
        assert_eq!(surname(&persoon), "Van Dijk");
    }
}
