//! The description of the links out, counted once all documents are in. The store's quads
//! enter; the quads of `{base}graph/linksets` leave, one `void:Linkset` per family.

use super::{integer, QuadWriter};
use crate::iri::IriMinter;
use crate::links;
use crate::vocab::{dct, void};
use oxigraph::model::{Literal, Quad, Term};

/// The description of the links out: one `void:Linkset` per family, with the number of links
/// of that family among `quads` (each triple counted once, whatever graphs hold it).
pub fn linkset_quads(minter: &IriMinter, quads: &[Quad]) -> Vec<Quad> {
    let mut out = QuadWriter::new(minter.linkset_graph());
    let dataset = minter.dataset();
    out.add_type(&dataset, void::DATASET);
    for family in links::FAMILIES {
        let links: std::collections::BTreeSet<(String, String)> = quads
            .iter()
            .filter(|quad| quad.predicate.as_ref() == family.predicate)
            .filter_map(|quad| match &quad.object {
                Term::NamedNode(object) if object.as_str().starts_with(family.prefix) => {
                    Some((quad.subject.to_string(), object.as_str().to_owned()))
                }
                _ => None,
            })
            .collect();
        let linkset = minter.linkset(family.key);
        out.add(&dataset, void::SUBSET, linkset.clone());
        out.add_type(&linkset, void::LINKSET);
        out.add(
            &linkset,
            dct::TITLE,
            Literal::new_language_tagged_literal_unchecked(family.title, "en"),
        );
        out.add(&linkset, void::LINK_PREDICATE, family.predicate);
        out.add(&linkset, void::SUBJECTS_TARGET, dataset.clone());
        out.add(&linkset, void::OBJECTS_TARGET, family.target);
        out.add(&linkset, void::TRIPLES, integer(links.len() as u64));
    }
    out.quads
}
