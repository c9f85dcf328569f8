//! Which set of questions each document describes, decided over all the documents of a run.
//!
//! Each document's header enters as a [`SetHeader`] (a questions document prints it; an answer
//! or notice repeats it); a [`SetIndex`] leaves, which gives every document its
//! [`SetIdentity`]: the key the set's IRI is minted from, and on what basis it was decided.
//!
//! The rules (the printed Zaak number, else the one set whose header matches; ties kept apart;
//! a set without a Zaak number keyed by its header) are written once, in `docs/graph.md`
//! ("Identity: one set, one IRI").

use crate::identity::reference::comparable;
use crate::model::{Document, DocumentKind};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// How a document's set was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SetBasis {
    /// The document prints the Zaak number.
    PrintedZaak,
    /// The header matched the header of one set that has a Zaak number.
    MatchedHeader,
    /// No set with a Zaak number matched: keyed by the header (date, submitter, subject).
    PrintedHeader,
    /// The header matched several sets equally: keyed by its own header, candidates recorded.
    Ambiguous,
    /// Nothing to go by: keyed by the file's SHA-256.
    SourceFile,
}

/// The set a document describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetIdentity {
    /// What the set's IRI is minted from: a Zaak number, or a key from the header.
    pub key: String,
    pub basis: SetBasis,
    /// The keys of the sets the header matched equally, when it matched more than one.
    pub candidates: Vec<String>,
    /// What the subject this document prints is to the set.
    pub subject: SubjectRole,
}

/// A set has one title, however many documents print its subject: that of one document (the
/// questions themselves where they are read, else the first document in path order). The
/// others print the same words, or a variant of them, kept as an alternative title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectRole {
    /// This document's subject is the set's title.
    Title,
    /// The title's words, differently spaced or punctuated: nothing to add.
    Repeated,
    /// Other words than the title's: an alternative title.
    Variant,
}

/// What a document prints about its set, in the forms that are compared: small, since one is
/// held for every file of a run (texts are kept as hashes where only equality counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetHeader {
    /// Whether the document is the questions themselves, rather than an answer or notice.
    is_questions: bool,
    zaak: Option<String>,
    submitted: Option<NaiveDate>,
    /// The last word of each submitter's name, compared as [`comparable`] makes it; sorted.
    surnames: Vec<String>,
    /// The subject with everything but letters and digits left out (so that words the
    /// extraction glued together, `Klimaaten`, or split compare equal), hashed.
    subject: Option<u64>,
    /// The subject's words, hashed and sorted, for subjects that differ in a word or two.
    subject_words: Box<[u64]>,
    /// The offices addressed, hashed and sorted.
    offices: Box<[u64]>,
    /// The key of the set as its header alone gives it (see [`SetHeader::header_key`]).
    key: String,
}

impl SetHeader {
    pub fn of(document: &Document, sha256: &str) -> Self {
        let fingerprint = document
            .subject
            .as_deref()
            .map(comparable)
            .filter(|subject| !subject.is_empty());
        let mut surnames: Vec<String> = document
            .submitters
            .iter()
            .map(|submitter| comparable(surname(&submitter.name)))
            .filter(|surname| !surname.is_empty())
            .collect();
        surnames.sort_unstable();
        surnames.dedup();
        let words = document
            .subject
            .as_deref()
            .unwrap_or_default()
            .split_whitespace();
        let offices = document.addressees.iter().map(|office| {
            let portfolio = office.portfolio.as_deref().unwrap_or_default();
            comparable(&format!("{} {portfolio}", office.title))
        });
        let mut header = Self {
            is_questions: matches!(document.kind, DocumentKind::Questions | DocumentKind::Oral),
            zaak: document.zaak.as_ref().map(|zaak| zaak.as_str().to_owned()),
            submitted: document.submitted,
            surnames,
            subject: fingerprint.as_deref().map(hash),
            subject_words: hashes(words.map(comparable).filter(|word| !word.is_empty())),
            offices: hashes(offices),
            key: String::new(),
        };
        let first = document.submitters.first();
        header.key = if header.has_header() {
            header_key(
                header.submitted,
                first.map(|submitter| surname_with_prefixes(&submitter.name)),
                fingerprint.as_deref(),
                &header.surnames,
            )
        } else {
            format!("bron-{}", &sha256[..sha256.len().min(12)])
        };
        header
    }

    /// Whether the header says enough to be matched or keyed: a submitter, and a date or a
    /// subject.
    fn has_header(&self) -> bool {
        !self.surnames.is_empty() && (self.submitted.is_some() || self.subject.is_some())
    }

    /// Whether the header prints all that a key is made of.
    fn is_complete(&self) -> bool {
        self.has_header() && self.submitted.is_some() && self.subject.is_some()
    }

    /// The key of a set known by its header alone.
    fn header_key(&self) -> String {
        self.key.clone()
    }

    /// How well `other` matches this header: `None` where they cannot be one set (other
    /// submitters, or a date or subject that differs), else higher for more agreement.
    fn agreement(&self, other: &SetHeader) -> Option<u8> {
        if self.surnames != other.surnames {
            return None;
        }
        let mut score = 0;
        if let (Some(a), Some(b)) = (self.submitted, other.submitted) {
            if a != b {
                return None;
            }
            score += 2;
        }
        if let (Some(a), Some(b)) = (&self.subject, &other.subject) {
            score += if a == b {
                2
            } else if similar_words(&self.subject_words, &other.subject_words) {
                1
            } else {
                return None;
            };
        }
        // A submitter alone does not tell sets apart: a date or a subject must agree too.
        if score == 0 {
            return None;
        }
        if !self.offices.is_empty() && self.offices == other.offices {
            score += 1;
        }
        Some(score)
    }
}

/// A submitter's surname as compared: the last word of the printed name (`Inge van Dijk` →
/// `Dijk`), which no extraction or given name changes.
fn surname(name: &str) -> &str {
    name.split_whitespace().next_back().unwrap_or(name)
}

/// A submitter's surname with its prefixes, for a key a person can read: the printed name
/// without the given names before it (`Inge van Dijk` → `van Dijk`, `Van der Lee` as printed,
/// `Faber-van de Klashorst` as printed).
fn surname_with_prefixes(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let given = words
        .iter()
        .take(words.len().saturating_sub(1))
        .take_while(|word| !word.contains('-') && !is_prefix(word))
        .count();
    words[given..].join(" ")
}

/// The words that begin a Dutch surname (`van`, `de`, `ter` …).
fn is_prefix(word: &str) -> bool {
    const PREFIXES: [&str; 9] = ["van", "de", "der", "den", "ter", "ten", "te", "in", "'t"];
    PREFIXES
        .iter()
        .any(|prefix| word.eq_ignore_ascii_case(prefix))
}

/// Subjects that share at least four in five of their words: one printed with a word more, or
/// a word the extraction spelled differently. The words are hashed and sorted.
fn similar_words(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let all = a.len() + b.len() - shared;
    all > 0 && shared * 5 >= all * 4
}

/// `ingezonden-{date}-{first submitter's surname}-{hash of the subject and surnames}`. The
/// hash tells apart sets of one submitter on one day, and sets of the same first submitter
/// with different co-submitters.
fn header_key(
    submitted: Option<NaiveDate>,
    first_surname: Option<String>,
    subject: Option<&str>,
    surnames: &[String],
) -> String {
    let mut parts = Vec::new();
    if let Some(date) = submitted {
        parts.push(format!("ingezonden-{}", date.format("%Y-%m-%d")));
    }
    if let Some(surname) = first_surname {
        parts.push(crate::rdf::iri::slug(&surname));
    }
    let mut hashed = Sha256::new();
    hashed.update(subject.unwrap_or_default());
    for surname in surnames {
        hashed.update(b"\0");
        hashed.update(surname);
    }
    let digest = hashed.finalize();
    parts.push(digest.iter().take(4).map(|b| format!("{b:02x}")).collect());
    parts.join("-")
}

/// A text's hash, the same in every run.
fn hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// The hashes of texts, sorted, each once.
fn hashes(texts: impl Iterator<Item = String>) -> Box<[u64]> {
    let mut hashed: Vec<u64> = texts.map(|text| hash(&text)).collect();
    hashed.sort_unstable();
    hashed.dedup();
    hashed.into_boxed_slice()
}

/// Every document's set, decided once all headers are known.
#[derive(Debug, Default)]
pub struct SetIndex {
    identities: Vec<SetIdentity>,
}

impl SetIndex {
    /// Decides the set of each header, given in the order of the documents; a document that
    /// could not be read is `None`.
    pub fn build(headers: &[Option<SetHeader>]) -> Self {
        let zaak_sets = Candidates::new(headers.iter().flatten().filter(|h| h.zaak.is_some()));
        let header_sets = Candidates::new(
            headers
                .iter()
                .flatten()
                .filter(|h| h.zaak.is_none() && h.is_complete()),
        );
        let mut identities: Vec<SetIdentity> = headers
            .iter()
            .map(|header| match header {
                Some(header) => decide(header, &zaak_sets, &header_sets),
                None => SetIdentity {
                    key: String::new(),
                    basis: SetBasis::SourceFile,
                    candidates: Vec::new(),
                    subject: SubjectRole::Title,
                },
            })
            .collect();
        assign_titles(headers, &mut identities);
        Self { identities }
    }

    /// The set of a single document, as if it were the only one.
    pub fn single(header: &SetHeader) -> SetIdentity {
        Self::build(&[Some(header.clone())]).identities.remove(0)
    }
}

/// The set of the document at an index of the list given to [`SetIndex::build`].
impl std::ops::Index<usize> for SetIndex {
    type Output = SetIdentity;

    fn index(&self, index: usize) -> &SetIdentity {
        &self.identities[index]
    }
}

/// Gives each set one title: the subject of its questions document where one was read, else
/// of its first document in path order that prints one.
fn assign_titles(headers: &[Option<SetHeader>], identities: &mut [SetIdentity]) {
    let mut title_of: BTreeMap<&str, (bool, usize)> = BTreeMap::new();
    for (index, header) in headers.iter().enumerate() {
        let Some(header) = header.as_ref().filter(|h| h.subject.is_some()) else {
            continue;
        };
        let key = identities[index].key.as_str();
        let better = |(questions, _): &(bool, usize)| header.is_questions && !questions;
        if title_of.get(key).is_none_or(better) {
            title_of.insert(key, (header.is_questions, index));
        }
    }
    let titles: Vec<Option<usize>> = identities
        .iter()
        .map(|identity| title_of.get(identity.key.as_str()).map(|&(_, index)| index))
        .collect();
    for (index, title) in titles.into_iter().enumerate() {
        let (Some(title), Some(header)) = (title, &headers[index]) else {
            continue;
        };
        let title_subject = headers[title].as_ref().and_then(|h| h.subject.as_ref());
        identities[index].subject = if title == index {
            SubjectRole::Title
        } else if header.subject.as_ref() == title_subject {
            SubjectRole::Repeated
        } else {
            SubjectRole::Variant
        };
    }
}

/// Headers that a header without a Zaak number may match, by surname for a quick look-up.
struct Candidates<'a> {
    by_surname: BTreeMap<&'a str, Vec<&'a SetHeader>>,
}

impl<'a> Candidates<'a> {
    fn new(headers: impl Iterator<Item = &'a SetHeader>) -> Self {
        let mut by_surname: BTreeMap<&str, Vec<&SetHeader>> = BTreeMap::new();
        for header in headers {
            if let Some(first) = header.surnames.first() {
                by_surname.entry(first.as_str()).or_default().push(header);
            }
        }
        Self { by_surname }
    }

    /// The keys of the best matches of `header`, each once, in order; empty where none match.
    fn best(&self, header: &SetHeader, key: impl Fn(&SetHeader) -> String) -> Vec<String> {
        let Some(first) = header.surnames.first() else {
            return Vec::new();
        };
        let scored = self
            .by_surname
            .get(first.as_str())
            .into_iter()
            .flatten()
            .filter_map(|candidate| Some((header.agreement(candidate)?, *candidate)));
        let mut best = 0;
        let mut keys = BTreeSet::new();
        for (score, candidate) in scored {
            if score > best {
                best = score;
                keys.clear();
            }
            if score == best {
                keys.insert(key(candidate));
            }
        }
        keys.into_iter().collect()
    }
}

fn decide(header: &SetHeader, zaak_sets: &Candidates, header_sets: &Candidates) -> SetIdentity {
    let identity = |key: String, basis| SetIdentity {
        key,
        basis,
        candidates: Vec::new(),
        subject: SubjectRole::Title,
    };
    if let Some(zaak) = &header.zaak {
        return identity(zaak.clone(), SetBasis::PrintedZaak);
    }
    if !header.has_header() {
        return identity(header.header_key(), SetBasis::SourceFile);
    }
    let zaken = zaak_sets.best(header, |h| h.zaak.clone().unwrap_or_default());
    match zaken.len() {
        1 => return identity(zaken[0].clone(), SetBasis::MatchedHeader),
        0 => {}
        _ => {
            return SetIdentity {
                candidates: zaken,
                ..identity(header.header_key(), SetBasis::Ambiguous)
            }
        }
    }
    if header.is_complete() {
        return identity(header.header_key(), SetBasis::PrintedHeader);
    }
    // A header without its date or subject joins the one complete header it matches.
    let keys = header_sets.best(header, SetHeader::header_key);
    match keys.len() {
        0 => identity(header.header_key(), SetBasis::PrintedHeader),
        1 => identity(keys[0].clone(), SetBasis::MatchedHeader),
        _ => SetIdentity {
            candidates: keys,
            ..identity(header.header_key(), SetBasis::Ambiguous)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, Submitter, ZaakNumber};

    fn header(
        zaak: Option<&str>,
        date: Option<(i32, u32, u32)>,
        names: &[&str],
        subject: Option<&str>,
    ) -> SetHeader {
        let mut document = Document::new(DocumentKind::Answer);
        document.zaak = zaak.map(|z| ZaakNumber::parse(z).unwrap());
        document.submitted = date.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        document.submitters = names
            .iter()
            .map(|name| Submitter {
                name: (*name).to_owned(),
                party: None,
            })
            .collect();
        document.subject = subject.map(str::to_owned);
        SetHeader::of(&document, "0123456789abcdef0123")
    }

    const DAY: Option<(i32, u32, u32)> = Some((2024, 10, 25));
    const SUBJECT: Option<&str> = Some("het bericht «Wachttijden ggz niet goed vastgelegd»");

    #[test]
    fn surnames_keep_their_prefixes_and_lose_given_names() {
        assert_eq!(surname_with_prefixes("Inge van Dijk"), "van Dijk");
        assert_eq!(surname_with_prefixes("Van der Lee"), "Van der Lee");
        assert_eq!(
            surname_with_prefixes("Faber-van de Klashorst"),
            "Faber-van de Klashorst"
        );
        assert_eq!(surname_with_prefixes("Daniëlle Jansen"), "Jansen");
        assert_eq!(surname_with_prefixes("Dijk"), "Dijk");
    }

    #[test]
    fn a_subject_a_word_apart_is_similar_and_one_half_apart_is_not() {
        let words = |text: &str| hashes(text.split(' ').map(str::to_owned));
        assert!(similar_words(
            &words("het bericht dat de ggz wachttijden niet goed vastlegt"),
            &words("het bericht dat de ggz de wachttijden niet goed vastlegt nu")
        ));
        assert!(!similar_words(
            &words("de ggz wachttijden"),
            &words("de huisartsen praktijken")
        ));
    }

    #[test]
    fn a_header_without_its_date_joins_the_one_complete_header_it_matches() {
        let index = SetIndex::build(&[
            Some(header(None, DAY, &["Van den Hil", "Bikker"], SUBJECT)),
            Some(header(None, None, &["Bikker", "Van den Hil"], SUBJECT)),
            Some(header(None, DAY, &["Van den Hil"], SUBJECT)),
        ]);
        assert_eq!(index[0].basis, SetBasis::PrintedHeader);
        assert_eq!(index[1].key, index[0].key);
        assert_eq!(index[1].basis, SetBasis::MatchedHeader);
        // Other submitters: another set.
        assert_ne!(index[2].key, index[0].key);
    }

    #[test]
    fn a_printed_zaak_number_wins_and_a_submitter_alone_matches_nothing() {
        let index = SetIndex::build(&[
            Some(header(Some("2024Z16988"), DAY, &["Van den Hil"], SUBJECT)),
            Some(header(None, DAY, &["Van den Hil"], SUBJECT)),
            Some(header(None, None, &["Van den Hil"], None)),
            None,
        ]);
        assert_eq!(index[0].key, "2024Z16988");
        assert_eq!(index[0].basis, SetBasis::PrintedZaak);
        assert_eq!(index[1].key, "2024Z16988");
        assert_eq!(index[1].basis, SetBasis::MatchedHeader);
        assert_eq!(
            (index[2].key.as_str(), index[2].basis),
            ("bron-0123456789ab", SetBasis::SourceFile)
        );
        assert_eq!(index[3].basis, SetBasis::SourceFile);
    }

    #[test]
    fn a_different_date_is_never_the_same_set() {
        let index = SetIndex::build(&[
            Some(header(Some("2024Z16988"), DAY, &["Van den Hil"], SUBJECT)),
            Some(header(
                None,
                Some((2024, 10, 26)),
                &["Van den Hil"],
                SUBJECT,
            )),
        ]);
        assert_eq!(index[1].basis, SetBasis::PrintedHeader);
        assert!(
            index[1]
                .key
                .starts_with("ingezonden-2024-10-26-van-den-hil-"),
            "{:?}",
            index[1]
        );
    }
}
