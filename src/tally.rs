//! What became of the files of a run, kept small enough for a corpus of any size.
//!
//! Outcomes enter one file at a time, in source-path order (a [`Tally`] is an [`Outcomes`]
//! for [`crate::pipeline::for_each_batch`], or is made from a whole [`LoadReport`]); counts,
//! the files that failed and the sets of questions that several files describe leave, for the
//! summary a command prints at the end. A streaming export keeps a tally instead of the
//! report, so its memory does not hold every file's summary and warnings: per file read, it
//! keeps a 128-bit hash of the set the file describes and the file's place in the list of
//! input files, to name both files when a later one describes the same set.

use crate::diagnostic::Position;
use crate::map::hash128;
use crate::model::DocumentKind;
use crate::pipeline::{DocumentOutcome, LoadReport, Outcomes};
use crate::source::{SourceEntry, SourceList};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Counts of the files of a run, its failures and its shared sets.
#[derive(Debug, Default)]
pub struct Tally {
    /// Files parsed or failed (not those a store already held unchanged).
    pub files: usize,
    pub read: usize,
    pub with_warnings: usize,
    pub unchanged: usize,
    failures: Vec<Failure>,
    sets: SetFinder,
    /// The input files, once all have passed: the shared sets are named from it.
    list: SourceList,
}

/// A file left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub path: PathBuf,
    /// Where in the file, when the problem is at a place.
    pub position: Option<Position>,
    pub message: String,
}

/// Files of the same kind that describe the same set of questions: all are kept, each in its
/// own graph, and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedSet {
    pub kind: DocumentKind,
    pub set_key: String,
    /// The files as the user named them, in source-path order.
    pub files: Vec<String>,
}

impl Tally {
    /// Counts one file's outcome; `index` is its place in the list of input files.
    fn count(&mut self, index: usize, outcome: &DocumentOutcome) {
        self.files += 1;
        match &outcome.result {
            Ok(summary) => {
                self.read += 1;
                if !summary.warnings.is_empty() {
                    self.with_warnings += 1;
                }
                self.sets.add(summary.kind, &summary.set_key, index);
            }
            Err(error) => self.failures.push(Failure {
                path: outcome.entry.path.clone(),
                position: error.position(),
                message: error.message(),
            }),
        }
    }

    pub fn clean(&self) -> usize {
        self.read - self.with_warnings
    }

    pub fn failed(&self) -> &[Failure] {
        &self.failures
    }

    pub fn has_failures(&self) -> bool {
        !self.failures.is_empty()
    }

    /// Sets of questions that more than one file of the same kind describes, by kind and key.
    /// The files are named from the list of input files, given once every file has passed
    /// ([`Outcomes::finish`]).
    pub fn shared_sets(&self) -> Vec<SharedSet> {
        let path = |index: &u32| {
            let entry = self.list.get(*index as usize)?;
            Some(entry.path.display().to_string())
        };
        self.sets
            .shared
            .iter()
            .map(|((kind, set_key), files)| SharedSet {
                kind: *kind,
                set_key: set_key.clone(),
                files: files.iter().filter_map(path).collect(),
            })
            .collect()
    }
}

impl Outcomes for Tally {
    fn add(&mut self, outcome: DocumentOutcome) {
        self.count(self.files + self.unchanged, &outcome);
    }

    fn unchanged(&mut self, _entry: SourceEntry) {
        self.unchanged += 1;
    }

    fn finish(&mut self, files: SourceList) {
        self.list = files;
    }
}

impl From<&LoadReport> for Tally {
    fn from(report: &LoadReport) -> Self {
        let mut tally = Tally::default();
        for (index, outcome) in report.documents.iter().enumerate() {
            tally.count(index, outcome);
            tally
                .list
                .push(&outcome.entry.path, &outcome.entry.source_path);
        }
        tally.unchanged = report.unchanged.len();
        tally
    }
}

/// Finds files of the same kind that describe the same set, remembering per file only a hash
/// and the file's place in the list.
#[derive(Debug, Default)]
struct SetFinder {
    /// Hash of (kind, set key), in halves so that an entry takes 24 bytes rather than 32 →
    /// the first such file.
    first: HashMap<(u64, u64), u32>,
    /// The files of each set that more than one describes.
    shared: BTreeMap<(DocumentKind, String), Vec<u32>>,
}

impl SetFinder {
    fn add(&mut self, kind: DocumentKind, set_key: &str, index: usize) {
        let index = u32::try_from(index).expect("fewer than 4 billion input files");
        let hash = hash128(&(kind, set_key));
        // Halves of the hash: the truncation is meant.
        #[allow(clippy::cast_possible_truncation)]
        let key = ((hash >> 64) as u64, hash as u64);
        match self.first.get(&key) {
            Some(&first) => self
                .shared
                .entry((kind, set_key.to_owned()))
                .or_insert_with(|| vec![first])
                .push(index),
            None => {
                self.first.insert(key, index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Warning;
    use crate::error::{ParseError, SyntaxError};
    use crate::pipeline::{DocumentError, ReadSummary};

    fn entry(path: &str) -> SourceEntry {
        SourceEntry {
            path: PathBuf::from(path),
            source_path: path.to_owned(),
        }
    }

    fn read(path: &str, kind: DocumentKind, set_key: &str, warnings: usize) -> DocumentOutcome {
        let warning = Warning {
            position: Position { line: 3, column: 1 },
            message: "odd".to_owned(),
        };
        DocumentOutcome {
            entry: entry(path),
            result: Ok(ReadSummary {
                kind,
                set_key: set_key.to_owned(),
                zaak: None,
                aanhangsel: None,
                questions: 1,
                answers: 0,
                footnotes: 0,
                quads: 10,
                warnings: vec![warning; warnings],
            }),
        }
    }

    fn failed(path: &str) -> DocumentOutcome {
        DocumentOutcome {
            entry: entry(path),
            result: Err(DocumentError::Parse(ParseError {
                path: PathBuf::from(path),
                syntax: SyntaxError {
                    position: Position { line: 7, column: 2 },
                    message: "no questions".to_owned(),
                },
            })),
        }
    }

    #[test]
    fn counts_failures_and_shared_sets_as_the_files_pass() {
        let mut tally = Tally::default();
        let mut list = SourceList::default();
        for outcome in [
            read("a/1.md", DocumentKind::Questions, "2019Z1", 0),
            read("a/2.md", DocumentKind::Questions, "2019Z2", 2),
            failed("a/3.md"),
            read("a/4.pdf.txt", DocumentKind::Questions, "2019Z1", 0),
            read("a/5.md", DocumentKind::Answer, "2019Z1", 0),
            read("a/6.docx.txt", DocumentKind::Questions, "2019Z1", 1),
            read("a/7.md", DocumentKind::Answer, "2019Z2", 0),
        ] {
            list.push(&outcome.entry.path, &outcome.entry.source_path);
            tally.add(outcome);
        }
        // The files are named only once the list is given.
        assert_eq!(tally.shared_sets()[0].files, Vec::<String>::new());
        tally.finish(list);
        assert_eq!(
            (tally.files, tally.read, tally.clean(), tally.with_warnings),
            (7, 6, 4, 2)
        );
        assert_eq!(
            tally.failed(),
            [Failure {
                path: PathBuf::from("a/3.md"),
                position: Some(Position { line: 7, column: 2 }),
                message: "no questions".to_owned(),
            }]
        );
        assert_eq!(
            tally.shared_sets(),
            [SharedSet {
                kind: DocumentKind::Questions,
                set_key: "2019Z1".to_owned(),
                files: vec!["a/1.md".into(), "a/4.pdf.txt".into(), "a/6.docx.txt".into()],
            }]
        );
    }
}
