//! Deciding which resource a printed name stands for, and recording why.
//!
//! Printed names, party labels and portfolios enter; identities leave: the key an IRI is
//! minted from, the basis of the decision (the reference table, or the printed name with what
//! disambiguates it), and the candidates when the table could not decide. The rules are
//! written once, in `docs/graph.md` ("Identity: people, parties and offices").

use crate::identity::reference::{Member, Portfolio, ReferenceData, Zaak};
use crate::model::{Office, OfficeHolder, Preposition, Submitter};
use crate::rdf::iri::slug;
use chrono::NaiveDate;

/// How an identity was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Basis {
    /// One row of the reference table matched.
    ReferenceTable,
    /// No row matched; minted from the printed name and party.
    PrintedNameAndParty,
    /// No row matched and no party was printed; minted from the printed name.
    PrintedName,
    /// Several rows matched; minted from the printed name and party, candidates recorded.
    Ambiguous,
}

/// Who a printed person is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonIdentity {
    /// What the person's IRI is minted from.
    pub key: String,
    pub basis: Basis,
    /// The table rows that matched, when more than one did.
    pub candidates: Vec<String>,
}

/// Which party a printed label is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PartyIdentity {
    pub key: String,
    /// The table's label, or the printed one for a party the table does not know.
    pub label: String,
}

/// Which office a printed office is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OfficeIdentity {
    /// `Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking`, with the table's name.
    pub label: String,
    /// The ministry: its key and its name (`Ministerie van Buitenlandse Zaken`).
    pub ministry: Option<(String, String)>,
}

/// Decides identities against one set of tables.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolver<'a> {
    reference: &'a ReferenceData,
}

impl<'a> Resolver<'a> {
    pub fn new(reference: &'a ReferenceData) -> Self {
        Self { reference }
    }

    pub fn party(&self, printed: &str) -> PartyIdentity {
        match self.reference.party(printed) {
            Some(party) => PartyIdentity {
                key: party.key.clone(),
                label: party.label.clone(),
            },
            None => PartyIdentity {
                key: slug(printed),
                label: printed.to_owned(),
            },
        }
    }

    /// A member as a set of questions names them, at the set's date: the rows of that name who
    /// sat for the printed party then; where none did (a party printed as the table does not
    /// know it), the one row of that name who sat in the Kamer then.
    pub fn member(&self, submitter: &Submitter, date: Option<NaiveDate>) -> PersonIdentity {
        let party = submitter.party.as_deref().map(|label| self.party(label));
        let party_key = party.as_ref().map(|p| p.key.as_str());
        let mut matches = self
            .reference
            .members_named(&submitter.name, party_key, date);
        if matches.is_empty() && party_key.is_some() && date.is_some() {
            let sitting: Vec<_> = self
                .reference
                .members_named(&submitter.name, None, date)
                .into_iter()
                .filter(|member| member.sat_at(date))
                .collect();
            if let [only] = sitting.as_slice() {
                matches.push(only);
            }
        }
        let minted = match &party {
            Some(party) => (
                format!("{} {}", submitter.name, party.key),
                Basis::PrintedNameAndParty,
            ),
            None => (submitter.name.clone(), Basis::PrintedName),
        };
        decide(matches.iter().map(|m| m.key.clone()).collect(), minted)
    }

    /// A member of the government as an answer or notice names them, on the date it was
    /// received: of the rows of that name, those who held an office of the government then,
    /// and of those the ones whose office has the printed portfolio.
    pub(crate) fn office_holder(
        &self,
        holder: &OfficeHolder,
        date: Option<NaiveDate>,
    ) -> PersonIdentity {
        let mut matches = self.reference.members_named(&holder.name, None, None);
        narrow(&mut matches, |member| member.held_office_at(None, date));
        if let Some(portfolio) = &holder.portfolio {
            narrow(&mut matches, |member| {
                member.held_office_at(Some(portfolio), date)
            });
        }
        decide(
            matches.iter().map(|m| m.key.clone()).collect(),
            (holder.name.clone(), Basis::PrintedName),
        )
    }

    pub fn office(&self, office: &Office) -> OfficeIdentity {
        let Some(portfolio) = office
            .portfolio
            .as_deref()
            .and_then(|p| self.reference.portfolio(p))
        else {
            return OfficeIdentity {
                label: office.label(),
                ministry: office.ministry().map(|name| (slug(&name), name)),
            };
        };
        let preposition = office
            .preposition
            .unwrap_or(if self.reference.is_post(portfolio) {
                Preposition::Voor
            } else {
                Preposition::Van
            });
        OfficeIdentity {
            label: format!(
                "{} {} {}",
                office.title,
                preposition.as_str(),
                portfolio.name
            ),
            ministry: self.ministry(portfolio),
        }
    }

    /// The office a member of the government held when answering: title and printed portfolio.
    pub(crate) fn held_office(&self, holder: &OfficeHolder) -> Option<OfficeIdentity> {
        let portfolio = holder.portfolio.as_deref()?;
        let office = Office {
            title: holder.title.clone(),
            preposition: None,
            portfolio: Some(portfolio.to_owned()),
        };
        // Without the table, `(BZ)` says nothing about `van` or `voor`: no office is guessed.
        self.reference
            .portfolio(portfolio)
            .map(|_| self.office(&office))
    }

    /// The table's row for a person it decided.
    pub(crate) fn table_row(&self, identity: &PersonIdentity) -> Option<&'a Member> {
        match identity.basis {
            Basis::ReferenceTable => self.reference.member(&identity.key),
            _ => None,
        }
    }

    /// The set of questions in the Tweede Kamer's open data, where an import recorded it.
    pub(crate) fn tk_zaak(&self, nummer: &str) -> Option<&'a Zaak> {
        self.reference.zaken.get(nummer)
    }

    fn ministry(&self, portfolio: &Portfolio) -> Option<(String, String)> {
        self.reference.ministry_of(portfolio).map(|ministry| {
            (
                ministry.key.clone(),
                format!("Ministerie van {}", ministry.name),
            )
        })
    }
}

/// Keeps the rows that pass `test`, where more than one matched and some pass.
fn narrow(matches: &mut Vec<&Member>, test: impl Fn(&Member) -> bool) {
    if matches.len() > 1 && matches.iter().any(|member| test(member)) {
        matches.retain(|member| test(member));
    }
}

fn decide(candidates: Vec<String>, (minted, basis): (String, Basis)) -> PersonIdentity {
    match candidates.as_slice() {
        [only] => PersonIdentity {
            key: only.clone(),
            basis: Basis::ReferenceTable,
            candidates: Vec::new(),
        },
        [] => PersonIdentity {
            key: minted,
            basis,
            candidates: Vec::new(),
        },
        _ => PersonIdentity {
            key: minted,
            basis: Basis::Ambiguous,
            candidates,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, party: &str) -> PersonIdentity {
        let reference = ReferenceData::shipped();
        let submitter = Submitter {
            name: name.into(),
            party: Some(party.into()),
        };
        Resolver::new(&reference).member(&submitter, None)
    }

    #[test]
    fn table_rows_decide_and_unknown_names_are_minted_with_their_party() {
        // Sjoerdsma's TK Persoon GUID as the project's identifiers reference gives it.
        let sjoerdsma = member("Sjoerdsma", "D66");
        assert_eq!(sjoerdsma.key, "bf030048-0434-42f1-bbed-8b0c04014db4");
        assert_eq!(sjoerdsma.basis, Basis::ReferenceTable);
        assert_eq!(member("Nieuwlid", "SP").key, "Nieuwlid sp");
        assert_eq!(member("Nieuwlid", "SP").basis, Basis::PrintedNameAndParty);
        assert_eq!(
            member("Inge van Dijk", "CDA").key,
            "1ee767b9-67f3-47e5-9e28-045da1c37b05"
        );
    }

    #[test]
    fn a_member_who_answers_as_minister_is_one_person() {
        let reference = ReferenceData::shipped();
        let resolver = Resolver::new(&reference);
        let holder = OfficeHolder {
            title: "Minister".into(),
            name: "Faber-van de Klashorst".into(),
            portfolio: Some("Asiel en Migratie".into()),
        };
        assert_eq!(
            resolver.office_holder(&holder, None).key,
            member("Faber-Van de Klashorst", "PVV").key
        );
        let office = resolver.held_office(&holder).unwrap();
        assert_eq!(office.label, "Minister van Asiel en Migratie");
    }

    #[test]
    fn one_person_across_roles_parties_and_spellings() {
        let reference = ReferenceData::shipped();
        let resolver = Resolver::new(&reference);
        let at = |date: &str| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        let asking = |name: &str, party: &str, date: &str| {
            let submitter = Submitter {
                name: name.into(),
                party: Some(party.into()),
            };
            resolver.member(&submitter, at(date)).key
        };
        // Answering as Minister van Justitie en Veiligheid in May 2024, asking as a VVD member
        // in December 2023, and printed by PDF text with the cedilla split off.
        let yesilgoz = "9ab41898-332f-4c08-a834-d58b4669c990";
        let minister = OfficeHolder {
            title: "Minister".into(),
            name: "Yeşilgöz-Zegerius".into(),
            portfolio: Some("Justitie en Veiligheid".into()),
        };
        assert_eq!(
            resolver.office_holder(&minister, at("2024-05-14")).key,
            yesilgoz
        );
        assert_eq!(asking("Yeşilgöz-Zegerius", "VVD", "2023-12-20"), yesilgoz);
        assert_eq!(asking("Yes¸ilgöz-Zegerius", "VVD", "2023-12-20"), yesilgoz);
        // Bromet sat for GroenLinks in 2020 and for GroenLinks-PvdA in 2024.
        let bromet = "ccea26dd-dcae-4174-8945-ec5cb568e951";
        assert_eq!(asking("Bromet", "GroenLinks", "2020-06-01"), bromet);
        assert_eq!(asking("Bromet", "GroenLinks-PvdA", "2024-06-01"), bromet);
        // A party printed in error (`Teunissen (PvdA)`, 2024): the one Teunissen sitting then.
        assert_eq!(
            asking("Teunissen", "PvdA", "2024-03-01"),
            "7564c685-2691-4796-9159-ebd5df4fdc8d"
        );
    }

    #[test]
    fn abbreviations_and_variants_are_one_office_in_its_ministry() {
        let reference = ReferenceData::shipped();
        let resolver = Resolver::new(&reference);
        let office = |portfolio: &str, preposition| Office {
            title: "Minister".into(),
            preposition,
            portfolio: Some(portfolio.into()),
        };
        let bho = resolver.office(&office("BHO", Some(Preposition::Voor)));
        let printed = resolver.office(&office(
            "Buitenlandse Handel en Ontwikkelingssamenwerking",
            Some(Preposition::Voor),
        ));
        assert_eq!(bho, printed);
        assert_eq!(
            bho.ministry,
            Some(("bz".into(), "Ministerie van Buitenlandse Zaken".into()))
        );
        let unknown = resolver.office(&office("Digitale Zaken", Some(Preposition::Van)));
        assert_eq!(unknown.label, "Minister van Digitale Zaken");
    }
}
