//! The names the graph is written in: vocabulary IRIs ([`vocab`], checked against
//! `ontology/`), the IRI of every resource the mapping mints ([`iri`], the only place IRIs are
//! built), and the addresses of the datasets it links to ([`links`]).
//!
//! Keys and identifiers enter; IRIs leave. Nothing here reads documents or touches a store.

pub mod iri;
pub mod links;
pub mod order;
pub mod vocab;
