//! Read → parse → map → store, over a set of input paths.
//!
//! Paths enter; a loaded [`GraphStore`] and a [`LoadReport`] leave (or, with
//! [`for_each_document`], each document's quads in turn, for a dump without a store). Documents
//! are read, parsed and mapped on every core, in batches, and come out in source-path order. A
//! document that cannot be read or parsed is recorded in the report with its error and the rest
//! go on: nothing is dropped without a line in the report.

use crate::identity::sets::{SetHeader, SetIdentity, SetIndex};
use crate::map::{map_document, reference_quads, LoadOptions, ProgressHook, QuadList, SourceFacts};
use crate::model::{DocumentKind, ZaakNumber};
use crate::parse::ParseError;
use crate::parse::{parse, Parsed};
use crate::run::links::LinkCounter;
use crate::run::Error;
use crate::source::diagnostic::{Position, Warning};
use crate::source::SourceError;
use crate::source::{self, SourceEntry};
use crate::store::{GraphStore, QuadBatch};

use rayon::prelude::*;
use std::path::PathBuf;

/// What was read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSummary {
    pub kind: DocumentKind,
    /// The key the set of questions is minted under (see [`crate::identity::sets`]).
    pub set_key: String,
    /// The sets the header matched equally, when it matched more than one (so was kept apart).
    pub set_candidates: Vec<String>,
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
                let text = crate::run::with_causes(error);
                // The source errors open with `path:` or `path:line:column:`; drop that part.
                text.split_once(": ")
                    .map_or(text.clone(), |(_, rest)| rest.to_owned())
            }
        }
    }
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
    /// The files parsed, or that failed.
    pub documents: Vec<DocumentOutcome>,
    /// The files a store already held as they are, so not parsed again (see [`crate::run::sync`]).
    pub unchanged: Vec<SourceEntry>,
    /// Files found in the folders but not read, by ending (see [`source::SourceList::skipped`]).
    pub skipped: std::collections::BTreeMap<String, usize>,
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
}

/// Where what became of each file goes, file by file in source-path order, as the documents
/// pass: a whole [`LoadReport`], or a [`crate::run::tally::Tally`] that stays small.
pub trait Outcomes {
    /// Told how many files there are, before the first.
    fn expect(&mut self, _files: usize) {}
    /// A file parsed, or failed.
    fn add(&mut self, outcome: DocumentOutcome);
    /// A file a store already held as it is, so not parsed again.
    fn unchanged(&mut self, entry: SourceEntry);
    /// Given the list of input files once every file has passed, in case names are needed.
    fn finish(&mut self, _files: source::SourceList) -> Result<(), Error> {
        Ok(())
    }
}

impl Outcomes for LoadReport {
    fn expect(&mut self, files: usize) {
        // Room for every outcome at once: growing by doubling held the old and the new array
        // together, for a moment, at every step (6 MB at the peak of a 100,000-document
        // export). An update whose files are mostly unchanged uses little of it; it is given
        // back at the end of the run.
        self.documents.reserve_exact(files);
    }

    fn add(&mut self, outcome: DocumentOutcome) {
        self.documents.push(outcome);
    }

    fn unchanged(&mut self, entry: SourceEntry) {
        self.unchanged.push(entry);
    }

    fn finish(&mut self, files: source::SourceList) -> Result<(), Error> {
        self.skipped = files.skipped;
        Ok(())
    }
}

/// The store and the report of a load.
pub struct Loaded {
    pub store: GraphStore,
    pub report: LoadReport,
}

/// How many documents are read, parsed and mapped at once: enough to keep every core busy,
/// few enough that memory does not grow with the corpus.
pub(crate) const BATCH: usize = 512;

/// Loads every document under `roots`. Only a path that does not exist, or a folder that cannot
/// be listed, stops the load; a bad document is recorded and skipped.
pub fn load(roots: &[PathBuf], options: &LoadOptions) -> Result<Loaded, Error> {
    let store = GraphStore::new()?;
    let mut loader = store.loader()?;
    let mut links = LinkCounter::default();
    let mut report = LoadReport::default();
    for_each_document(roots, options, &mut report, |quads| {
        quads.iter().try_for_each(|quad| links.add(quad))?;
        Ok(loader.add_batch(quads)?)
    })?;
    let reference = reference_quads(&options.minter, &options.reference);
    reference.iter().try_for_each(|quad| links.add(quad))?;
    loader.add(reference.iter())?;
    // The links are counted as the documents pass, so each family's count is the graph's.
    loader.add(links.quads(&options.minter)?.iter())?;
    loader.commit()?;
    Ok(Loaded { store, report })
}

/// A document's quads go to the store's writer whole, as the mapping made them.
impl QuadBatch for QuadList {
    fn quads(&self) -> Box<dyn Iterator<Item = oxigraph::model::QuadRef<'_>> + '_> {
        Box::new(self.iter())
    }
}

/// One document read, parsed and mapped: its quads (its own graph and its provenance) and
/// what was read.
#[derive(Debug)]
pub(crate) struct Mapped {
    pub quads: QuadList,
    pub summary: ReadSummary,
    pub sha256: String,
}

/// A mapped document handed on by [`for_each_batch`]: its quads, or what was made of them on
/// the thread that mapped it.
#[derive(Debug)]
pub struct MappedDocument<'a, Q = QuadList> {
    pub entry: &'a SourceEntry,
    pub sha256: String,
    /// The key of the set the document was taken to describe.
    pub set_key: String,
    pub quads: Q,
}

/// Reads, parses and maps the documents under `roots` on every core, batch by batch, and
/// hands each document's quads to `consume` in source-path order, so results never depend on
/// the threads. What became of every file, read or failed, goes to `outcomes`.
pub fn for_each_document(
    roots: &[PathBuf],
    options: &LoadOptions,
    outcomes: &mut impl Outcomes,
    consume: impl FnMut(QuadList) -> Result<(), Error>,
) -> Result<(), Error> {
    for_each_prepared(roots, options, outcomes, |quads| quads, consume)
}

/// Like [`for_each_document`], but each document's quads are first turned by `prepare`, on
/// the core that mapped them: work done there is off the one thread that consumes.
pub fn for_each_prepared<P: Send>(
    roots: &[PathBuf],
    options: &LoadOptions,
    outcomes: &mut impl Outcomes,
    prepare: impl Fn(QuadList) -> P + Sync,
    mut consume: impl FnMut(P) -> Result<(), Error>,
) -> Result<(), Error> {
    batches(
        roots,
        options,
        |_, _, _| false,
        prepare,
        |batch| {
            batch
                .into_iter()
                .try_for_each(|document| consume(document.quads))
        },
        outcomes,
    )
}

/// Like [`for_each_document`], but hands on a batch of documents at a time, and does not map
/// the files `unchanged` recognises by their entry, SHA-256 and set: those go to
/// [`Outcomes::unchanged`].
pub fn for_each_batch(
    roots: &[PathBuf],
    options: &LoadOptions,
    unchanged: impl Fn(&SourceEntry, &str, &SetIdentity) -> bool + Sync,
    consume: impl FnMut(Vec<MappedDocument<'_>>) -> Result<(), Error>,
    outcomes: &mut impl Outcomes,
) -> Result<(), Error> {
    batches(roots, options, unchanged, |quads| quads, consume, outcomes)
}

/// What [`for_each_batch`] and [`for_each_prepared`] share: the batches, read, parsed, mapped
/// and prepared on every core, consumed in order.
fn batches<P: Send>(
    roots: &[PathBuf],
    options: &LoadOptions,
    unchanged: impl Fn(&SourceEntry, &str, &SetIdentity) -> bool + Sync,
    prepare: impl Fn(QuadList) -> P + Sync,
    mut consume: impl FnMut(Vec<MappedDocument<'_, P>>) -> Result<(), Error>,
    outcomes: &mut impl Outcomes,
) -> Result<(), Error> {
    let entries = source::discover(roots)?;
    let total = entries.len();
    let report_progress = |done: usize| {
        if let Some(ProgressHook(hook)) = &options.progress {
            hook(done, total);
        }
    };
    report_progress(0);
    outcomes.expect(total);
    let sets = identify_sets(&entries)?;
    for first in (0..total).step_by(BATCH) {
        let batch = entries.range(first..first + BATCH)?;
        let mapped: Vec<Result<Option<(Mapped, P)>, DocumentError>> = batch
            .par_iter()
            .enumerate()
            .map(|(offset, entry)| {
                // The sets were decided over this same list of files.
                let set = &sets[first + offset];
                let mapped = map_changed(entry, set, options, &unchanged)?;
                Ok(mapped.map(|mut mapped| {
                    let prepared = prepare(std::mem::take(&mut mapped.quads));
                    (mapped, prepared)
                }))
            })
            .collect();
        let mut documents = Vec::with_capacity(batch.len());
        // `None`: unchanged, so not parsed.
        let mut results = Vec::with_capacity(batch.len());
        for (entry, result) in batch.iter().zip(mapped) {
            results.push(match result {
                Ok(Some((mapped, prepared))) => {
                    documents.push(MappedDocument {
                        entry,
                        sha256: mapped.sha256,
                        set_key: mapped.summary.set_key.clone(),
                        quads: prepared,
                    });
                    Some(Ok(mapped.summary))
                }
                Ok(None) => None,
                Err(error) => Some(Err(error)),
            });
        }
        consume(documents)?;
        let done = first + batch.len();
        for (entry, result) in batch.into_iter().zip(results) {
            match result {
                Some(result) => outcomes.add(DocumentOutcome { entry, result }),
                None => outcomes.unchanged(entry),
            }
        }
        report_progress(done);
    }
    outcomes.finish(entries)?;
    Ok(())
}

/// Reads and parses every file for its header, and decides from all the headers which set each
/// document describes: an answer that does not print its Zaak number can only be matched to
/// the questions once every header is known. A file that cannot be read or parsed here is
/// reported when it is mapped.
fn identify_sets(entries: &source::SourceList) -> Result<SetIndex, Error> {
    let mut headers = Vec::with_capacity(entries.len());
    for first in (0..entries.len()).step_by(BATCH) {
        let batch = entries.range(first..first + BATCH)?;
        headers.par_extend(batch.par_iter().map(|entry| {
            let file = source::read(entry).ok()?;
            let parsed = parse(&file.text).ok()?;
            Some(SetHeader::of(&parsed.document, &file.sha256))
        }));
    }
    Ok(SetIndex::build(&headers))
}

/// Reads one document and, unless `unchanged` recognises it, parses and maps it.
fn map_changed(
    entry: &SourceEntry,
    set: &SetIdentity,
    options: &LoadOptions,
    unchanged: &(impl Fn(&SourceEntry, &str, &SetIdentity) -> bool + Sync),
) -> Result<Option<Mapped>, DocumentError> {
    let file = source::read(entry)?;
    if unchanged(entry, &file.sha256, set) {
        return Ok(None);
    }
    let parsed = parse_file(entry, &file)?;
    Ok(Some(map_parsed(entry, &file, parsed, set, options)))
}

/// Reads, parses and maps one document as if it were the only one: its set is decided from
/// its own header.
#[cfg(test)]
pub(crate) fn map_one(entry: &SourceEntry, options: &LoadOptions) -> Result<Mapped, DocumentError> {
    let file = source::read(entry)?;
    let parsed = parse_file(entry, &file)?;
    let set = SetIndex::single(&SetHeader::of(&parsed.document, &file.sha256));
    Ok(map_parsed(entry, &file, parsed, &set, options))
}

fn parse_file(entry: &SourceEntry, file: &source::SourceFile) -> Result<Parsed, DocumentError> {
    Ok(parse(&file.text).map_err(|syntax| ParseError {
        path: entry.path.clone(),
        syntax,
    })?)
}

fn map_parsed(
    entry: &SourceEntry,
    file: &source::SourceFile,
    parsed: Parsed,
    set: &SetIdentity,
    options: &LoadOptions,
) -> Mapped {
    let facts = SourceFacts {
        source_path: &entry.source_path,
        sha256: &file.sha256,
        media_type: file.media_type,
        size: file.size,
        generated_at: options.generated_at,
    };
    let reference = &options.reference;
    let quads = map_document(&options.minter, reference, &parsed.document, set, facts);
    let document = parsed.document;
    let summary = ReadSummary {
        kind: document.kind,
        set_key: set.key.clone(),
        set_candidates: set.candidates.clone(),
        zaak: document.zaak,
        aanhangsel: document.aanhangsel,
        questions: document.questions.len(),
        answers: document.answers.len(),
        footnotes: document.footnotes.len(),
        quads: quads.len(),
        warnings: parsed.warnings,
    };
    Mapped {
        quads,
        summary,
        sha256: file.sha256.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn progress_is_told_before_the_first_batch_and_after_each() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&calls);
        let options = LoadOptions {
            progress: Some(ProgressHook(Arc::new(move |done, total| {
                seen.lock().unwrap().push((done, total));
            }))),
            ..LoadOptions::default()
        };
        let seeds = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        let mut report = LoadReport::default();
        for_each_document(&[seeds], &options, &mut report, |_| Ok(())).unwrap();
        let documents = report.documents.len();
        let batches = documents.div_ceil(BATCH);
        let expected: Vec<(usize, usize)> = std::iter::once(0)
            .chain((1..=batches).map(|batch| (batch * BATCH).min(documents)))
            .map(|done| (done, documents))
            .collect();
        assert!(documents > 1);
        assert_eq!(*calls.lock().unwrap(), expected);
    }
}
