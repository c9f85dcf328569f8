//! Reference data: the tables of parties, members and offices that decide identities.
//!
//! The tables are data (`seeds/reference/*.toml`), compiled in as the default and replaceable
//! by a folder of the same three files, so that they grow without code changes. They enter as
//! TOML; they leave as lookups ([`ReferenceData::party`], [`ReferenceData::members_named`],
//! [`ReferenceData::portfolio`]) that the mapping uses to decide which resource a printed name
//! stands for. Matching ignores case, spacing and punctuation, so that `Faber – van de
//! Klashorst` and `Faber-Van de Klashorst` are one name and `Volksgezondheid Welzijn en Sport`
//! is `Volksgezondheid, Welzijn en Sport`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The three tables, as shipped in `seeds/reference/`.
const SHIPPED: [(&str, &str); 3] = [
    (
        "parties.toml",
        include_str!("../../seeds/reference/parties.toml"),
    ),
    (
        "members.toml",
        include_str!("../../seeds/reference/members.toml"),
    ),
    (
        "offices.toml",
        include_str!("../../seeds/reference/offices.toml"),
    ),
];

/// A table that could not be read: which file, where, and what was wrong.
#[derive(Debug, thiserror::Error)]
pub struct ReferenceError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// Where the shipped member tables come from: the data `import-members` read, as an address,
/// a title and the address of its licence (docs/reference-data.md tells more).
pub(crate) const TABLE_SOURCES: &[(&str, &str, &str)] = &[
    (
        "https://github.com/anneschuth/polder/tree/82b2d3b07f6d8ec2cfc2efe79e60856e56008227",
        "polder: members of the Tweede Kamer and of the government, with dated seats and offices",
        "http://creativecommons.org/publicdomain/zero/1.0/",
    ),
    (
        "https://github.com/openkamer/openkamer/tree/535b83a21d7ccf7d2c0ee5f52562a9ab5a86e1f2",
        "openkamer: Wikidata and Parlement.com ids of members",
        "https://opensource.org/licenses/MIT",
    ),
];

/// The sources of the member table, as comment lines above it.
fn sources_header() -> String {
    let mut text = String::from("# Built from:\n");
    for (address, title, licence) in TABLE_SOURCES {
        text.push_str(&format!(
            "# - {title}\n#   {address} (licence: {licence})\n"
        ));
    }
    text.push('\n');
    text
}

/// What the parties table says of itself, written with it.
const PARTIES_HEADER: &str = "# Parties and groups (fracties) in the Tweede Kamer.
#
# `label` is the usual printed form; `variants` are other spellings seen in documents.
# `wikidata` is given only where it is verified (see the project's identifiers reference:
# openkamer's fixture data); an unverified party has none rather than a guess.
# Add a row, or a variant, to teach the tool a new label: no code changes.

";

/// A party or group, with the labels it is printed as.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub key: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

/// A member of the Kamer.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub key: String,
    pub surname: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initials: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tk_persoon: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parlement_com: Option<String>,
    /// Other surnames the member is printed by (`Faber-van de Klashorst` for `Faber`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_printed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyMembership>,
    /// The minister's and state secretary's offices held, and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<OfficeMandate>,
}

/// An office of the government a person held (`Minister van Justitie en Veiligheid`), and when.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OfficeMandate {
    pub office: String,
    #[serde(
        default,
        deserialize_with = "date",
        serialize_with = "toml_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub from: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "date",
        serialize_with = "toml_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub until: Option<NaiveDate>,
}

/// A party a member sat for, and when, where known.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PartyMembership {
    pub party: String,
    #[serde(
        default,
        deserialize_with = "date",
        serialize_with = "toml_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub from: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "date",
        serialize_with = "toml_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub until: Option<NaiveDate>,
}

/// Written back as a TOML date, as a person would write it.
fn toml_date<S: serde::Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let text = date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let datetime: toml::value::Datetime = text.parse().map_err(serde::ser::Error::custom)?;
    datetime.serialize(serializer)
}

/// A date as TOML writes it (`2023-12-06`), or as a string.
fn date<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Option::<Written>::deserialize(deserializer)? {
        None => return Ok(None),
        Some(Written::Toml(datetime)) => datetime.to_string(),
        Some(Written::Text(text)) => text,
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            serde::de::Error::custom(format!(
                "expected a date such as 2023-12-06, found `{text}`"
            ))
        })
}

/// A ministry, or the post of a minister without a ministry of their own.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    pub key: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<String>,
    /// For a post: the key of the ministry it sits at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ministry: Option<String>,
}

/// A set of questions as the Tweede Kamer's open data knows it (`zaken.toml`, written by
/// `import-tk`): its GUID there, and the number of the questions' document where known.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Zaak {
    pub nummer: String,
    pub tk_zaak: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_nummer: Option<String>,
}

impl Member {
    /// The full name: given name and surname where the table has both.
    pub(crate) fn full_name(&self) -> String {
        match &self.given_name {
            Some(given) => format!("{given} {}", lower_prefix(&self.surname)),
            None => self.surname.clone(),
        }
    }

    /// Every surname the member may be printed by: the table's, its first part where it is
    /// double (`Yeşilgöz` for `Yeşilgöz-Zegerius`), and the others printed.
    fn surnames(&self) -> Vec<String> {
        let mut surnames = vec![self.surname.clone()];
        if let Some((first, _)) = self.surname.split_once('-') {
            if !first.contains(' ') && first.chars().count() > 2 {
                surnames.push(first.to_owned());
            }
        }
        surnames.extend(self.also_printed.iter().cloned());
        surnames
    }

    /// Whether the member sat in the Kamer, for any party, on `date`.
    pub(crate) fn sat_at(&self, date: Option<NaiveDate>) -> bool {
        self.parties
            .iter()
            .any(|membership| in_period(date, membership.from, membership.until))
    }

    /// Whether the member held an office of the government on `date`; with a portfolio, an
    /// office whose name holds it (`Justitie en Veiligheid`, or `JenV` as it compares).
    pub(crate) fn held_office_at(&self, portfolio: Option<&str>, date: Option<NaiveDate>) -> bool {
        let portfolio = portfolio.map(comparable);
        self.offices.iter().any(|mandate| {
            in_period(date, mandate.from, mandate.until)
                && portfolio
                    .as_ref()
                    .is_none_or(|p| comparable(&mandate.office).contains(p.as_str()))
        })
    }

    /// The office of the government the member held on `date` (a known date: a holding
    /// without one is not dated), with its place in the table: the one whose name holds the
    /// portfolio, else the only one held then.
    pub(crate) fn office_at(
        &self,
        portfolio: Option<&str>,
        date: NaiveDate,
    ) -> Option<(usize, &OfficeMandate)> {
        let held: Vec<(usize, &OfficeMandate)> = self
            .offices
            .iter()
            .enumerate()
            .filter(|(_, mandate)| in_period(Some(date), mandate.from, mandate.until))
            .collect();
        let portfolio = portfolio.map(comparable);
        let named = held.iter().find(|(_, mandate)| {
            portfolio
                .as_ref()
                .is_some_and(|p| comparable(&mandate.office).contains(p.as_str()))
        });
        match (named, held.as_slice()) {
            (Some(found), _) => Some(*found),
            (None, [only]) => Some(*only),
            _ => None,
        }
    }

    fn sat_for(&self, party: &str, date: Option<NaiveDate>) -> bool {
        self.parties.iter().any(|membership| {
            membership.party == party && in_period(date, membership.from, membership.until)
        })
    }
}

/// Whether `date` (unknown: any) falls in a period whose ends may be open.
fn in_period(date: Option<NaiveDate>, from: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
    date.is_none_or(|date| {
        from.is_none_or(|from| from <= date) && until.is_none_or(|until| date <= until)
    })
}

/// `Van Dijk` after a given name is written `van Dijk`.
fn lower_prefix(surname: &str) -> String {
    let mut chars = surname.chars();
    match chars.next() {
        Some(first) if surname.starts_with(['V', 'D', 'T']) && surname.contains(' ') => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => surname.to_owned(),
    }
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct PartiesFile {
    party: Vec<Party>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct MembersFile {
    member: Vec<Member>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct OfficesFile {
    ministry: Vec<Portfolio>,
    #[serde(default)]
    post: Vec<Portfolio>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ZakenFile {
    #[serde(default)]
    zaak: Vec<Zaak>,
}

/// The three tables, indexed for lookup.
#[derive(Debug, Clone)]
pub struct ReferenceData {
    pub parties: Vec<Party>,
    pub members: Vec<Member>,
    pub ministries: Vec<Portfolio>,
    pub posts: Vec<Portfolio>,
    /// Sets of questions known in the Tweede Kamer's open data, by Zaak number.
    pub zaken: BTreeMap<String, Zaak>,
    party_by_label: BTreeMap<String, usize>,
    /// Every name, variant and abbreviation of a ministry or post, as [`comparable`] makes it:
    /// the first portfolio (ministries, then posts) with that name.
    portfolio_by_name: BTreeMap<String, PortfolioIndex>,
    /// Every name a member is printed by (surname, given name or initials and surname), as
    /// [`comparable`] makes it: the members with that name, in table order.
    members_by_name: BTreeMap<String, Vec<usize>>,
    member_by_key: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Copy)]
enum PortfolioIndex {
    Ministry(usize),
    Post(usize),
}

impl Default for ReferenceData {
    fn default() -> Self {
        Self::shipped()
    }
}

impl ReferenceData {
    /// The tables shipped with the project.
    pub fn shipped() -> Self {
        let [parties, members, offices] =
            SHIPPED.map(|(file, text)| (PathBuf::from(file), text.to_owned()));
        Self::from_texts(parties, members, offices).expect("the shipped reference tables are valid")
    }

    /// The tables in `folder`: `parties.toml`, `members.toml`, `offices.toml`.
    pub fn from_dir(folder: &Path) -> Result<Self, ReferenceError> {
        let read = |name: &str| {
            let file = folder.join(name);
            std::fs::read_to_string(&file)
                .map(|text| (file.clone(), text))
                .map_err(|error| ReferenceError {
                    file,
                    line: None,
                    message: format!("cannot read: {error}"),
                })
        };
        Self::from_texts(
            read("parties.toml")?,
            read("members.toml")?,
            read("offices.toml")?,
        )
        .and_then(|mut data| {
            // `zaken.toml` is optional: only `import-tk` writes it.
            if folder.join("zaken.toml").exists() {
                let zaken: ZakenFile = parse_toml(&read("zaken.toml")?)?;
                data.zaken = zaken
                    .zaak
                    .into_iter()
                    .map(|z| (z.nummer.clone(), z))
                    .collect();
            }
            Ok(data)
        })
    }

    /// Rebuilds the label and name indexes after rows were added or changed.
    pub(crate) fn reindex(&mut self) {
        self.party_by_label.clear();
        for (index, party) in self.parties.iter().enumerate() {
            for label in std::iter::once(&party.label).chain(&party.variants) {
                self.party_by_label.insert(comparable(label), index);
            }
        }
        self.portfolio_by_name.clear();
        let ministries = self.ministries.iter().enumerate();
        let ministries = ministries.map(|(index, p)| (PortfolioIndex::Ministry(index), p));
        let posts = self.posts.iter().enumerate();
        let posts = posts.map(|(index, p)| (PortfolioIndex::Post(index), p));
        for (index, portfolio) in ministries.chain(posts) {
            let names = std::iter::once(&portfolio.name)
                .chain(&portfolio.variants)
                .chain(&portfolio.abbreviations);
            for name in names {
                self.portfolio_by_name
                    .entry(comparable(name))
                    .or_insert(index);
            }
        }
        self.members_by_name.clear();
        self.member_by_key = self
            .members
            .iter()
            .enumerate()
            .map(|(index, member)| (member.key.clone(), index))
            .collect();
        for (index, member) in self.members.iter().enumerate() {
            for surname in member.surnames() {
                let surname = comparable(&surname);
                let given = member
                    .given_name
                    .as_deref()
                    .map(|g| comparable(g) + &surname);
                let initials = member.initials.as_deref().map(|i| comparable(i) + &surname);
                for name in [Some(surname.clone()), given, initials]
                    .into_iter()
                    .flatten()
                {
                    let indexes = self.members_by_name.entry(name).or_default();
                    if indexes.last() != Some(&index) {
                        indexes.push(index);
                    }
                }
            }
        }
    }

    /// The tables as the four TOML files of a reference folder: name and text.
    pub fn to_files(&self) -> Result<Vec<(&'static str, String)>, toml::ser::Error> {
        let header = "# Written by `kamervragen import-tk` or `import-members` from the reference tables and the\n# data imported into them; where that data comes from, and its licence: docs/reference-data.md.\n\n";
        let parties = toml::to_string(&PartiesFile {
            party: self.parties.clone(),
        })?;
        let members = toml::to_string(&MembersFile {
            member: self.members.clone(),
        })?;
        let offices = toml::to_string(&OfficesFile {
            ministry: self.ministries.clone(),
            post: self.posts.clone(),
        })?;
        let zaken = toml::to_string(&ZakenFile {
            zaak: self.zaken.values().cloned().collect(),
        })?;
        Ok(vec![
            ("parties.toml", format!("{header}{PARTIES_HEADER}{parties}")),
            (
                "members.toml",
                format!("{header}{}{members}", sources_header()),
            ),
            ("offices.toml", format!("{header}{offices}")),
            ("zaken.toml", format!("{header}{zaken}")),
        ])
    }

    fn from_texts(
        parties: (PathBuf, String),
        members: (PathBuf, String),
        offices: (PathBuf, String),
    ) -> Result<Self, ReferenceError> {
        let parties: PartiesFile = parse_toml(&parties)?;
        let members: MembersFile = parse_toml(&members)?;
        let offices: OfficesFile = parse_toml(&offices)?;
        let mut data = Self {
            parties: parties.party,
            members: members.member,
            ministries: offices.ministry,
            posts: offices.post,
            zaken: BTreeMap::new(),
            party_by_label: BTreeMap::new(),
            portfolio_by_name: BTreeMap::new(),
            members_by_name: BTreeMap::new(),
            member_by_key: BTreeMap::new(),
        };
        data.reindex();
        Ok(data)
    }

    /// The member whose key is `key`.
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.member_by_key
            .get(key)
            .map(|index| &self.members[*index])
    }

    /// The party a printed label stands for.
    pub fn party(&self, label: &str) -> Option<&Party> {
        self.party_by_label
            .get(&comparable(label))
            .map(|index| &self.parties[*index])
    }

    /// The members a printed name can stand for: the surname alone, or with the given name or
    /// initials before it; narrowed to those who sat for `party` at `date` when a party is given.
    pub fn members_named(
        &self,
        printed: &str,
        party: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Vec<&Member> {
        // `Van der Wal-Zeggelink` for `Van der Wal`: a name printed with a second surname the
        // table does not know is looked up by its first.
        let first_part = printed
            .split_once('-')
            .map(|(first, _)| first)
            .filter(|first| first.chars().filter(|c| c.is_alphabetic()).count() > 2);
        let indexes = self
            .members_by_name
            .get(&comparable(printed))
            .or_else(|| self.members_by_name.get(&comparable(first_part?)));
        indexes
            .into_iter()
            .flatten()
            .map(|index| &self.members[*index])
            .filter(|member| {
                // A row with neither seats nor offices was written without its party's dates;
                // one with offices only never sat in the Kamer for a party.
                let unknown = member.parties.is_empty() && member.offices.is_empty();
                party.is_none_or(|party| unknown || member.sat_for(party, date))
            })
            .collect()
    }

    /// The ministry or post a printed portfolio stands for (`BZ`, `Buitenlandse Zaken`,
    /// `Financiën – Fiscaliteit en Belastingdienst`).
    pub fn portfolio(&self, printed: &str) -> Option<&Portfolio> {
        let main = printed.split(" – ").next().unwrap_or(printed);
        [printed, main].into_iter().find_map(|candidate| {
            match *self.portfolio_by_name.get(&comparable(candidate))? {
                PortfolioIndex::Ministry(index) => self.ministries.get(index),
                PortfolioIndex::Post(index) => self.posts.get(index),
            }
        })
    }

    /// The ministry a post sits at, or the ministry itself.
    pub(crate) fn ministry_of<'a>(&'a self, portfolio: &'a Portfolio) -> Option<&'a Portfolio> {
        match &portfolio.ministry {
            Some(key) => self.ministries.iter().find(|ministry| &ministry.key == key),
            None => Some(portfolio),
        }
    }

    /// Whether a portfolio is a post of a minister without a ministry of their own.
    pub(crate) fn is_post(&self, portfolio: &Portfolio) -> bool {
        portfolio.ministry.is_some()
    }
}

/// What a name compares as: letters and digits only, lower case, without accents (a combining
/// mark is no letter).
pub fn comparable(text: &str) -> String {
    // Names are looked up for every submitter and office of every document; most are ASCII,
    // which needs no Unicode tables.
    if text.is_ascii() {
        return text
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|byte| char::from(byte.to_ascii_lowercase()))
            .collect();
    }
    text.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn parse_toml<T: for<'de> Deserialize<'de>>(
    (file, text): &(PathBuf, String),
) -> Result<T, ReferenceError> {
    toml::from_str(text).map_err(|error| ReferenceError {
        file: file.clone(),
        line: error
            .span()
            .map(|span| text[..span.start].matches('\n').count() + 1),
        message: error.message().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_their_letters_and_digits_in_lower_case() {
        assert_eq!(comparable("Van der Staaij (SGP)"), "vanderstaaijsgp");
        assert_eq!(comparable("D66"), "d66");
        assert_eq!(
            comparable("Financiën – Fiscaliteit"),
            "financienfiscaliteit"
        );
        assert_eq!(comparable("ÖZTÜRK"), "ozturk");
        // PDF text splits the cedilla from its letter; both compare as the letters alone.
        assert_eq!(comparable("Yes¸ilgöz"), comparable("Yeşilgöz"));
        assert_eq!(comparable(" - "), "");
    }

    #[test]
    fn party_labels_and_their_variants() {
        let data = ReferenceData::shipped();
        assert_eq!(data.party("GL").map(|p| p.key.as_str()), Some("groenlinks"));
        assert_eq!(
            data.party("Nieuw Sociaal Contract").map(|p| p.key.as_str()),
            Some("nsc")
        );
        assert_eq!(data.party("FvD").map(|p| p.label.as_str()), Some("FVD"));
        assert_eq!(
            data.party("GroenLinks-PvdA")
                .and_then(|p| p.wikidata.as_deref()),
            None
        );
        assert!(data.party("Onbekende Partij").is_none());
    }

    #[test]
    fn members_who_share_a_surname_stay_apart() {
        let data = ReferenceData::shipped();
        let keys = |name: &str, party: Option<&str>| -> Vec<String> {
            data.members_named(name, party, None)
                .iter()
                .map(|m| m.key.clone())
                .collect()
        };
        // TK Persoon GUIDs from the members data (polder-tk/tk_mandates.csv).
        let inge = "1ee767b9-67f3-47e5-9e28-045da1c37b05";
        let jasper = "2b533923-83a2-4ac6-b497-934a549b50ab";
        let jimmy = "990b2d9b-0b83-4dde-ab04-5cd5d8c5c4d3";
        assert_eq!(keys("Inge van Dijk", Some("cda")), [inge]);
        assert_eq!(keys("Van Dijk", Some("sp")), [jasper]);
        assert!(
            keys("Van Dijk", None).len() > 2,
            "no party: the table cannot decide"
        );
        assert_eq!(keys("Dijk", Some("sp")), [jimmy], "Dijk is not Van Dijk");
        let at = |date: &str| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        let sp_in = |date| -> Vec<String> {
            data.members_named("Van Dijk", Some("sp"), at(date))
                .iter()
                .map(|m| m.key.clone())
                .collect()
        };
        assert_eq!(
            sp_in("2023-06-01"),
            Vec::<String>::new(),
            "between two seats"
        );
        assert_eq!(sp_in("2023-09-01"), [jasper]);
    }

    #[test]
    fn name_variants_are_one_name() {
        let data = ReferenceData::shipped();
        for printed in [
            "Faber-van de Klashorst",
            "Faber – van de Klashorst",
            "Faber-Van de Klashorst",
        ] {
            let found = data.members_named(printed, None, None);
            assert_eq!(found.len(), 1, "{printed}");
            assert_eq!(found[0].key, "fe1727e3-35bc-4b62-869b-be60b0c861f7");
        }
    }

    #[test]
    fn portfolios_by_name_variant_and_abbreviation() {
        let data = ReferenceData::shipped();
        let key = |printed: &str| data.portfolio(printed).map(|p| p.key.clone());
        assert_eq!(key("BHO").as_deref(), Some("bho"));
        assert_eq!(
            key("Buitenlandse Handel en Ontwikkelingssamenwerking").as_deref(),
            Some("bho")
        );
        assert_eq!(
            key("Volksgezondheid Welzijn en Sport").as_deref(),
            Some("vws")
        );
        assert_eq!(
            key("Financiën – Fiscaliteit en Belastingdienst").as_deref(),
            Some("financien")
        );
        let bho = data.portfolio("BHO").unwrap();
        assert_eq!(data.ministry_of(bho).map(|m| m.key.as_str()), Some("bz"));
    }

    #[test]
    fn a_broken_table_names_its_file_and_line() {
        let parties = (
            PathBuf::from("parties.toml"),
            "[[party]]\nkey = \"x\"\nlabel = 3\n".to_owned(),
        );
        let members = (PathBuf::from("members.toml"), "member = []".to_owned());
        let offices = (PathBuf::from("offices.toml"), "ministry = []".to_owned());
        let error = ReferenceData::from_texts(parties, members, offices).unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(error.to_string().starts_with("parties.toml:3: "), "{error}");
    }
}
