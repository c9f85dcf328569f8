//! What became of the files of a run, kept small enough for a corpus of any size.
//!
//! Outcomes enter one file at a time, in source-path order (a [`Tally`] is an [`Outcomes`]
//! for [`crate::run::pipeline::for_each_batch`], or is made from a whole [`LoadReport`]); counts,
//! the files that failed and the sets of questions that several files describe leave, for the
//! summary a command prints at the end. A streaming export keeps a tally instead of the
//! report, so its memory does not hold every file's summary and warnings: per file read, it
//! records the set the file describes and the file's place in the list of input files, in a
//! [`Spill`] (out of memory for a large corpus), and names the files that share a set once all
//! have passed.

use crate::model::DocumentKind;
use crate::run::pipeline::{DocumentOutcome, LoadReport, Outcomes};
use crate::run::spill::Spill;
use crate::run::spill::SpillError;
use crate::run::Error;
use crate::source::diagnostic::Position;
use crate::source::{SourceEntry, SourceList};
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
    /// The shared sets with their files named, once all files have passed.
    shared: Vec<SharedSet>,
    /// Files found but not read, by ending.
    pub skipped: std::collections::BTreeMap<String, usize>,
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

    /// Sets of questions that more than one file of the same kind describes, by kind and key,
    /// once every file has passed ([`Outcomes::finish`]).
    pub fn shared_sets(&self) -> &[SharedSet] {
        &self.shared
    }
}

impl Outcomes for Tally {
    fn add(&mut self, outcome: DocumentOutcome) {
        self.count(self.files + self.unchanged, &outcome);
    }

    fn unchanged(&mut self, _entry: SourceEntry) {
        self.unchanged += 1;
    }

    fn finish(&mut self, files: SourceList) -> Result<(), Error> {
        self.skipped = files.skipped.clone();
        self.shared = self.sets.named(|index| {
            let entry = files.get(index)?;
            Ok::<_, Error>(entry.map(|entry| entry.path.display().to_string()))
        })?;
        Ok(())
    }
}

impl From<&LoadReport> for Tally {
    fn from(report: &LoadReport) -> Self {
        let mut tally = Tally {
            sets: SetFinder::in_memory(),
            ..Tally::default()
        };
        for (index, outcome) in report.documents.iter().enumerate() {
            tally.count(index, outcome);
        }
        tally.unchanged = report.unchanged.len();
        tally.skipped = report.skipped.clone();
        let named = tally.sets.named(|index| {
            let outcome = report.documents.get(index);
            Ok::<_, SpillError>(outcome.map(|outcome| outcome.entry.path.display().to_string()))
        });
        tally.shared = named.expect("records kept in memory are read back");
        tally
    }
}

/// Finds files of the same kind that describe the same set: one record per file, in a
/// [`Spill`], read back once every file has passed.
#[derive(Debug, Default)]
struct SetFinder {
    /// Per file: its kind's place in [`KINDS`], its place in the list (four bytes), the length
    /// of its set's key (two bytes) and the key.
    records: Spill,
    /// The first record that could not be kept; it is reported at the end.
    error: Option<SpillError>,
}

const KINDS: [DocumentKind; 4] = [
    DocumentKind::Questions,
    DocumentKind::Oral,
    DocumentKind::Answer,
    DocumentKind::Notice,
];

/// One file's record, read back.
struct SetRecord<'a> {
    kind: DocumentKind,
    index: u32,
    set_key: &'a str,
}

impl SetFinder {
    /// A finder that keeps its records in memory whatever their number.
    fn in_memory() -> Self {
        Self {
            records: Spill::with_limit(usize::MAX),
            error: None,
        }
    }

    fn add(&mut self, kind: DocumentKind, set_key: &str, index: usize) {
        let index = u32::try_from(index).expect("fewer than 4 billion input files");
        let kind = KINDS.iter().position(|k| *k == kind).expect("every kind");
        // A set's key is a Zaak number or a short name made of the header: far below 64 kB.
        let key_len = u16::try_from(set_key.len()).unwrap_or(u16::MAX);
        let mut record = Vec::with_capacity(7 + usize::from(key_len));
        record.push(u8::try_from(kind).expect("three kinds"));
        record.extend_from_slice(&index.to_le_bytes());
        record.extend_from_slice(&key_len.to_le_bytes());
        record.extend_from_slice(&set_key.as_bytes()[..usize::from(key_len)]);
        if let Err(error) = self.records.push(&record) {
            self.error.get_or_insert(error);
        }
    }

    /// The shared sets, by kind and key, each file named by `path` from its place in the list.
    fn named<E: From<SpillError>>(
        &mut self,
        path: impl Fn(usize) -> Result<Option<String>, E>,
    ) -> Result<Vec<SharedSet>, E> {
        if let Some(error) = self.error.take() {
            return Err(error.into());
        }
        let bytes = self.records.contents()?;
        let mut records = read_records(&bytes);
        // Stable: the files of a set stay in list order.
        records.sort_by(|a, b| (a.kind, a.set_key).cmp(&(b.kind, b.set_key)));
        let mut named = Vec::new();
        for set in records.chunk_by(|a, b| (a.kind, a.set_key) == (b.kind, b.set_key)) {
            if set.len() < 2 {
                continue;
            }
            let mut files = Vec::with_capacity(set.len());
            for record in set {
                files.extend(path(record.index as usize)?);
            }
            named.push(SharedSet {
                kind: set[0].kind,
                set_key: set[0].set_key.to_owned(),
                files,
            });
        }
        Ok(named)
    }
}

fn read_records(mut bytes: &[u8]) -> Vec<SetRecord<'_>> {
    let mut records = Vec::new();
    while let [kind, i0, i1, i2, i3, l0, l1, rest @ ..] = bytes {
        let key_len = usize::from(u16::from_le_bytes([*l0, *l1]));
        let (key, next) = rest.split_at(key_len);
        records.push(SetRecord {
            kind: KINDS[usize::from(*kind)],
            index: u32::from_le_bytes([*i0, *i1, *i2, *i3]),
            // Whole keys were written; a key cut at 64 kB may end inside a character.
            set_key: std::str::from_utf8(key).unwrap_or_default(),
        });
        bytes = next;
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::ParseError;
    use crate::parse::SyntaxError;
    use crate::run::pipeline::{DocumentError, ReadSummary};
    use crate::source::diagnostic::Warning;

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
                set_candidates: Vec::new(),
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
        // Both the records and the names go to temporary files, as a large corpus's do.
        let mut tally = Tally {
            sets: SetFinder {
                records: Spill::with_limit(30),
                error: None,
            },
            ..Tally::default()
        };
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
        assert_eq!(tally.shared_sets(), []);
        assert!(tally.sets.records.is_spilled());
        list.spill(true).unwrap();
        tally.finish(list).unwrap();
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
