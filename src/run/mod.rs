//! A run over many files: read → parse → map → store, on every core, in source-path order
//! ([`pipeline`]), what became of each file ([`tally`]), what a run keeps until its end out of
//! memory ([`spill`]), and keeping a store in step with a folder, a load at a time ([`sync`]).
//!
//! Paths and [`crate::map::LoadOptions`] enter; a loaded store (or each document's quads, for a
//! dump that streams) and a report per file leave.

pub mod links;
pub mod pipeline;
pub mod spill;
pub mod sync;
pub mod tally;

mod error;
pub use error::{with_causes, Error};
