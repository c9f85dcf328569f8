//! The description of the links out: counts of links per family (counted over a run by
//! [`crate::run::links::LinkCounter`]) enter; the quads of `{base}graph/linksets` leave, one
//! `void:Linkset` per family with its number of links.

use super::{integer, QuadList, QuadWriter};
use crate::rdf::iri::IriMinter;
use crate::rdf::links;
use crate::rdf::vocab::{dct, void};
use oxigraph::model::Literal;

/// The linksets: one `void:Linkset` per family, with its number of links (`counts`, in the
/// order of [`links::FAMILIES`]).
pub(crate) fn linkset_quads(
    minter: &IriMinter,
    counts: [usize; links::FAMILIES.len()],
) -> QuadList {
    let mut out = QuadWriter::new(minter.linkset_graph());
    let dataset = minter.dataset();
    out.add_type(&dataset, void::DATASET);
    for (family, count) in links::FAMILIES.iter().zip(counts) {
        let linkset = minter.linkset(family.key);
        out.add(&dataset, void::SUBSET, linkset.clone());
        out.add_type(&linkset, void::LINKSET);
        let title = Literal::new_language_tagged_literal_unchecked(family.title, "en");
        out.add(&linkset, dct::TITLE, title);
        out.add(&linkset, void::LINK_PREDICATE, family.predicate);
        out.add(&linkset, void::SUBJECTS_TARGET, dataset.clone());
        out.add(&linkset, void::OBJECTS_TARGET, family.target);
        out.add(&linkset, void::TRIPLES, integer(count as u64));
    }
    out.quads
}
