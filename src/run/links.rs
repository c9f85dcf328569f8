//! Counting the links out over a whole run. Quads enter a [`LinkCounter`] as they are written
//! or loaded; once all documents are in, it gives the number of links of each family, and the
//! mapping turns those into the quads of `{base}graph/linksets` ([`linkset_quads`]). The links
//! are counted once all are in, from a [`Spill`], so that remembering them does not add to a
//! run's peak memory.

use crate::map::{linkset_quads, QuadList};
use crate::rdf::iri::IriMinter;
use crate::rdf::links;
use crate::run::spill::{Spill, SpillError};
use oxigraph::model::{QuadRef, TermRef};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Counts the links of each family, each (subject, link) once whatever graphs hold it. Pairs
/// are kept as 128-bit hashes, one record of [`RECORD`] bytes each, and counted at the end.
#[derive(Debug, Default)]
pub struct LinkCounter {
    links: Spill,
}

/// A link's record: its family's place in [`links::FAMILIES`], then its hash.
const RECORD: usize = 1 + 16;

/// The link a quad makes: its family, and the hash of its subject and object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkKey {
    family: usize,
    hash: u128,
}

impl LinkCounter {
    pub fn add(&mut self, quad: QuadRef<'_>) -> Result<(), SpillError> {
        match Self::key(quad) {
            Some(key) => self.insert(key),
            None => Ok(()),
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

    pub fn insert(&mut self, key: LinkKey) -> Result<(), SpillError> {
        let mut record = [0; RECORD];
        record[0] = u8::try_from(key.family).expect("a handful of families");
        record[1..].copy_from_slice(&key.hash.to_le_bytes());
        self.links.push(&record)
    }

    /// The number of different links of each family, in the order of [`links::FAMILIES`].
    fn counts(&mut self) -> Result<[usize; links::FAMILIES.len()], SpillError> {
        let records = self.links.contents()?;
        let mut hashes: [Vec<u128>; links::FAMILIES.len()] = Default::default();
        for record in records.chunks_exact(RECORD) {
            let hash = u128::from_le_bytes(record[1..].try_into().expect("16 bytes"));
            hashes[usize::from(record[0])].push(hash);
        }
        Ok(hashes.map(|mut family| {
            family.sort_unstable();
            family.dedup();
            family.len()
        }))
    }

    /// The linksets, with the counts so far.
    pub fn quads(&mut self, minter: &IriMinter) -> Result<QuadList, SpillError> {
        Ok(linkset_quads(minter, self.counts()?))
    }
}

/// Two SipHash runs with different keys: collisions are out of reach at any corpus size, so a
/// count is never one short.
pub(crate) fn hash128(value: &impl Hash) -> u128 {
    let half = |salt: u8| {
        let mut hasher = DefaultHasher::new();
        salt.hash(&mut hasher);
        value.hash(&mut hasher);
        hasher.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::LoadOptions;
    use crate::rdf::vocab::{foaf, owl, void};
    use oxigraph::model::{NamedNode, NamedNodeRef, Quad};

    fn link(subject: &str, predicate: NamedNodeRef<'_>, object: &str, graph: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(subject),
            predicate,
            NamedNode::new_unchecked(object),
            NamedNode::new_unchecked(graph),
        )
    }

    /// The `void:triples` of each linkset, by family key.
    fn counts(counter: &mut LinkCounter) -> Vec<(String, String)> {
        let minter = LoadOptions::default().minter;
        let quads = counter.quads(&minter).unwrap().into_quads();
        let mut counts: Vec<_> = quads
            .iter()
            .filter(|quad| quad.predicate == void::TRIPLES)
            .map(|quad| {
                let TermRef::Literal(count) = quad.object.as_ref() else {
                    panic!("a count is a literal");
                };
                let family = quad.subject.to_string();
                let key = family.trim_end_matches('>').rsplit('/').next().unwrap();
                (key.to_owned(), count.value().to_owned())
            })
            .collect();
        counts.sort();
        counts
    }

    #[test]
    fn counts_each_link_once_whatever_graphs_state_it_in_memory_or_spilled() {
        let (a, b) = ("https://e.org/a", "https://e.org/b");
        let (g1, g2) = ("https://e.org/g1", "https://e.org/g2");
        let wikidata = "http://www.wikidata.org/entity/Q1";
        let quads = [
            link(a, owl::SAME_AS, wikidata, g1),
            // The same link in another graph, and again in the first.
            link(a, owl::SAME_AS, wikidata, g2),
            link(a, owl::SAME_AS, wikidata, g1),
            // Another subject with the same link target is another link.
            link(b, owl::SAME_AS, wikidata, g1),
            link(a, foaf::PAGE, "https://www.parlement.com/x", g1),
            // Not a link: the object is outside every family's prefix.
            link(a, foaf::PAGE, "https://example.org/x", g1),
        ];
        let spilled = LinkCounter {
            links: Spill::with_limit(20),
        };
        for (mut counter, to_file) in [(LinkCounter::default(), false), (spilled, true)] {
            for quad in &quads {
                counter.add(quad.as_ref()).unwrap();
            }
            assert_eq!(counter.links.is_spilled(), to_file);
            let counts = counts(&mut counter);
            let of = |key: &str| {
                counts
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, n)| n.as_str())
            };
            assert_eq!(of("wikidata"), Some("2"), "{counts:?}");
            assert_eq!(of("parlement-com"), Some("1"), "{counts:?}");
            assert_eq!(of("openkamer"), Some("0"), "{counts:?}");
            assert_eq!(counts.len(), links::FAMILIES.len());
        }
    }
}
