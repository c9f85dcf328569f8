//! Read → parse → map → store, over a set of input paths.
//!
//! Paths enter; a loaded [`GraphStore`] and a [`LoadReport`] leave (or, with
//! [`for_each_document`], each document's quads in turn, for a dump without a store). Documents
//! are read, parsed and mapped on every core, in batches, and come out in source-path order. A
//! document that cannot be read or parsed is recorded in the report with its error and the rest
//! go on: nothing is dropped without a line in the report.

use crate::diagnostic::{Position, Warning};
use crate::error::{Error, ParseError, SourceError};
use crate::iri::{set_key, IriMinter};
use crate::map::{map_document, reference_quads, LinkCounter, SourceFacts};
use crate::model::{DocumentKind, ZaakNumber};
use crate::parse::parse;
use crate::reference::ReferenceData;
use crate::source::{self, SourceEntry};
use crate::store::GraphStore;
use chrono::{DateTime, Utc};
use oxigraph::model::Quad;
use rayon::prelude::*;
use std::path::PathBuf;

/// How documents are turned into quads.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub minter: IriMinter,
    /// The tables that decide identities (parties, members, offices).
    pub reference: std::sync::Arc<ReferenceData>,
    /// Written as `prov:generatedAtTime` when set; left out by default so dumps are reproducible.
    pub generated_at: Option<DateTime<Utc>>,
}

/// What was read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSummary {
    pub kind: DocumentKind,
    /// The key the set of questions is minted under (see [`crate::iri::set_key`]).
    pub set_key: String,
    pub zaak: Option<ZaakNumber>,
    pub aanhangsel: Option<String>,
    pub questions: usize,
    pub answers: usize,
    pub footnotes: usize,
    pub quads: usize,
    pub warnings: Vec<Warning>,
}

/// Why one file was left out.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Parse(#[from] ParseError),
}

impl DocumentError {
    /// Where in the file the problem is, when it is at a place.
    pub fn position(&self) -> Option<Position> {
        match self {
            Self::Parse(error) => Some(error.syntax.position),
            Self::Source(
                SourceError::NotUtf8 { position, .. } | SourceError::Binary { position, .. },
            ) => Some(*position),
            Self::Source(_) => None,
        }
    }

    /// What was wrong, without the file name.
    pub fn message(&self) -> String {
        match self {
            Self::Parse(error) => error.syntax.message.clone(),
            Self::Source(error) => {
                let text = error.to_string();
                // The source errors open with `path:` or `path:line:column:`; drop that part.
                text.split_once(": ")
                    .map_or(text.clone(), |(_, rest)| rest.to_owned())
            }
        }
    }
}

/// Files of the same kind that describe the same set of questions: all are kept, each in its
/// own graph, and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedSet<'a> {
    pub kind: DocumentKind,
    pub set_key: &'a str,
    pub files: Vec<&'a SourceEntry>,
}

/// One input file and what became of it.
#[derive(Debug)]
pub struct DocumentOutcome {
    pub entry: SourceEntry,
    pub result: Result<ReadSummary, DocumentError>,
}

/// Every input file, in source-path order, and what became of it.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub documents: Vec<DocumentOutcome>,
}

impl LoadReport {
    pub fn read(&self) -> impl Iterator<Item = (&SourceEntry, &ReadSummary)> {
        self.documents
            .iter()
            .filter_map(|d| d.result.as_ref().ok().map(|summary| (&d.entry, summary)))
    }

    pub fn failed(&self) -> impl Iterator<Item = (&SourceEntry, &DocumentError)> {
        self.documents
            .iter()
            .filter_map(|d| d.result.as_ref().err().map(|error| (&d.entry, error)))
    }

    pub fn has_failures(&self) -> bool {
        self.failed().next().is_some()
    }

    /// Sets of questions that more than one file of the same kind claims.
    pub fn shared_sets(&self) -> Vec<SharedSet<'_>> {
        let mut by_set: std::collections::BTreeMap<(DocumentKind, &str), Vec<&SourceEntry>> =
            std::collections::BTreeMap::new();
        for (entry, summary) in self.read() {
            by_set
                .entry((summary.kind, summary.set_key.as_str()))
                .or_default()
                .push(entry);
        }
        by_set
            .into_iter()
            .filter(|(_, files)| files.len() > 1)
            .map(|((kind, set_key), files)| SharedSet {
                kind,
                set_key,
                files,
            })
            .collect()
    }
}

/// The store and the report of a load.
pub struct Loaded {
    pub store: GraphStore,
    pub report: LoadReport,
}

/// How many documents are read, parsed and mapped at once: enough to keep every core busy,
/// few enough that memory does not grow with the corpus.
pub const BATCH: usize = 512;

/// Loads every document under `roots`. Only a path that does not exist, or a folder that cannot
/// be listed, stops the load; a bad document is recorded and skipped.
pub fn load(roots: &[PathBuf], options: &LoadOptions) -> Result<Loaded, Error> {
    let store = GraphStore::new()?;
    let mut report = LoadReport::default();
    let mut loader = store.loader();
    let mut links = LinkCounter::default();
    for_each_document(roots, options, |entry, mapped| {
        let result = match mapped {
            Ok(mapped) => {
                mapped.quads.iter().for_each(|quad| links.add(quad));
                loader.add(mapped.quads)?;
                Ok(mapped.summary)
            }
            Err(error) => Err(error),
        };
        report.documents.push(DocumentOutcome { entry, result });
        Ok(())
    })?;
    let reference = reference_quads(&options.minter, &options.reference);
    reference.iter().for_each(|quad| links.add(quad));
    loader.add(reference)?;
    // The links are counted as the documents pass, so each family's count is the graph's.
    loader.add(links.quads(&options.minter))?;
    loader.commit()?;
    Ok(Loaded { store, report })
}

/// One document read, parsed and mapped: its quads (its own graph and its provenance) and
/// what was read.
#[derive(Debug)]
pub struct Mapped {
    pub quads: Vec<Quad>,
    pub summary: ReadSummary,
}

/// Reads, parses and maps the documents under `roots` on every core, batch by batch, and
/// hands each to `consume` in source-path order, so results never depend on the threads.
pub fn for_each_document(
    roots: &[PathBuf],
    options: &LoadOptions,
    mut consume: impl FnMut(SourceEntry, Result<Mapped, DocumentError>) -> Result<(), Error>,
) -> Result<(), Error> {
    let entries = source::discover(roots)?;
    for batch in entries.chunks(BATCH) {
        let mapped: Vec<Result<Mapped, DocumentError>> = batch
            .par_iter()
            .map(|entry| map_one(entry, options))
            .collect();
        for (entry, result) in batch.iter().zip(mapped) {
            consume(entry.clone(), result)?;
        }
    }
    Ok(())
}

/// Reads, parses and maps one document.
pub fn map_one(entry: &SourceEntry, options: &LoadOptions) -> Result<Mapped, DocumentError> {
    let file = source::read(entry)?;
    let parsed = parse(&file.text).map_err(|syntax| ParseError {
        path: entry.path.clone(),
        syntax,
    })?;
    let facts = SourceFacts {
        source_path: &entry.source_path,
        sha256: &file.sha256,
        generated_at: options.generated_at,
    };
    let quads = map_document(&options.minter, &options.reference, &parsed.document, facts);
    let document = parsed.document;
    let summary = ReadSummary {
        kind: document.kind,
        set_key: set_key(&document, &file.sha256),
        zaak: document.zaak,
        aanhangsel: document.aanhangsel,
        questions: document.questions.len(),
        answers: document.answers.len(),
        footnotes: document.footnotes.len(),
        quads: quads.len(),
        warnings: parsed.warnings,
    };
    Ok(Mapped { quads, summary })
}
