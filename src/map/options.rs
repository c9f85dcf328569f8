//! The settings documents are mapped with: the IRI minter, the reference tables that decide
//! identities, the time recorded as generated (if any), and who is told how far a run has got.
//!
//! Made once from the command line (or [`LoadOptions::default`]); read by the mapping and by
//! every run over many files.

use crate::identity::reference::ReferenceData;
use crate::rdf::iri::IriMinter;
use chrono::{DateTime, Utc};

/// How documents are turned into quads.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub minter: IriMinter,
    /// The tables that decide identities (parties, members, offices).
    pub reference: std::sync::Arc<ReferenceData>,
    /// Written as `prov:generatedAtTime` when set; left out by default so dumps are reproducible.
    pub generated_at: Option<DateTime<Utc>>,
    /// Told how far a run has got, after each batch of documents.
    pub progress: Option<ProgressHook>,
}

/// How far a run over many documents has got: called with the files done and the files in all,
/// once before the first batch and after each one.
#[derive(Clone)]
pub struct ProgressHook(pub std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for ProgressHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressHook")
    }
}
