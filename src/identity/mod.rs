//! Who and what a document names: the reference tables, and the rules that decide which
//! resource a printed name, party, office or header stands for.
//!
//! The tables ([`reference`]) enter from `seeds/reference/` or a folder given with
//! `--reference`, and can be rebuilt from the Tweede Kamer's open data ([`tk_import`]) or the
//! dated member data ([`members_import`]). Printed names enter [`people`] and leave as the keys
//! IRIs are minted from, with the basis of each decision; every document's header enters
//! [`sets`], which decides, over the whole run, which set of questions each document describes.
//! The rules are written once, in `docs/graph.md`.

pub mod members_import;
pub mod people;
pub mod reference;
pub mod sets;
pub mod tk_import;
