//! The description of the links out. Quads enter a [`LinkCounter`] as they are written or
//! loaded; once all documents are in, the quads of `{base}graph/linksets` leave, one
//! `void:Linkset` per family with its number of links.

use super::{integer, QuadList, QuadWriter};
use crate::iri::IriMinter;
use crate::links::{self, LinkFamily};
use crate::vocab::{dct, void};
use oxigraph::model::{Literal, QuadRef, TermRef};
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Counts the links of each family, each (subject, link) once whatever graphs hold it. Pairs
/// are kept as 128-bit hashes, so the counter stays small however large the corpus.
#[derive(Debug, Default)]
pub struct LinkCounter {
    seen: [HashSet<u128>; links::FAMILIES.len()],
}

/// The link a quad makes: its family, and the hash of its subject and object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkKey {
    family: usize,
    hash: u128,
}

impl LinkCounter {
    pub fn add(&mut self, quad: QuadRef<'_>) {
        if let Some(key) = Self::key(quad) {
            self.insert(key);
        }
    }

    /// The link `quad` makes, if it is one (worked out apart from the counting, so that it
    /// can be done on another thread).
    pub fn key(quad: QuadRef<'_>) -> Option<LinkKey> {
        let TermRef::NamedNode(object) = quad.object else {
            return None;
        };
        let family = links::FAMILIES
            .iter()
            .position(|f| quad.predicate == f.predicate && object.as_str().starts_with(f.prefix))?;
        Some(LinkKey {
            family,
            hash: hash128(&(quad.subject, object.as_str())),
        })
    }

    pub fn insert(&mut self, key: LinkKey) {
        self.seen[key.family].insert(key.hash);
    }

    fn count(&self, family: &LinkFamily) -> usize {
        links::FAMILIES
            .iter()
            .position(|f| f.key == family.key)
            .map_or(0, |index| self.seen[index].len())
    }

    /// The linksets, with the counts so far.
    pub fn quads(&self, minter: &IriMinter) -> QuadList {
        let mut out = QuadWriter::new(minter.linkset_graph());
        let dataset = minter.dataset();
        out.add_type(&dataset, void::DATASET);
        for family in &links::FAMILIES {
            let linkset = minter.linkset(family.key);
            out.add(&dataset, void::SUBSET, linkset.clone());
            out.add_type(&linkset, void::LINKSET);
            let title = Literal::new_language_tagged_literal_unchecked(family.title, "en");
            out.add(&linkset, dct::TITLE, title);
            out.add(&linkset, void::LINK_PREDICATE, family.predicate);
            out.add(&linkset, void::SUBJECTS_TARGET, dataset.clone());
            out.add(&linkset, void::OBJECTS_TARGET, family.target);
            out.add(&linkset, void::TRIPLES, integer(self.count(family) as u64));
        }
        out.quads
    }
}

/// Two SipHash runs with different keys: collisions are out of reach at any corpus size, so a
/// count is never one short.
pub fn hash128(value: &impl Hash) -> u128 {
    let half = |salt: u8| {
        let mut hasher = DefaultHasher::new();
        salt.hash(&mut hasher);
        value.hash(&mut hasher);
        hasher.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}
