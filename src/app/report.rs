//! Telling the user what happened to each document of a load.
//!
//! `export` and `query` print to stderr only what needs attention: warnings and failures as
//! `file:line:column: message`, files that describe the same set, and a summary. `check`
//! prints every file to stdout, as text or as JSON for machines.

use kamervragen::run::pipeline::{DocumentOutcome, LoadReport, Outcomes, ReadSummary};
use kamervragen::run::tally::Tally;
use kamervragen::source::diagnostic::Position;
use kamervragen::source::SourceEntry;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// How many files were read, clean or not, and how many failed.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub read: usize,
    pub clean: usize,
    pub with_warnings: usize,
    pub failed: usize,
}

impl Summary {
    fn of(tally: &Tally) -> Self {
        Summary {
            files: tally.files,
            read: tally.read,
            clean: tally.clean(),
            with_warnings: tally.with_warnings,
            failed: tally.failed().len(),
        }
    }

    fn line(&self) -> String {
        format!(
            "{} file(s): {} read ({} clean, {} with warnings), {} failed and left out",
            self.files, self.read, self.clean, self.with_warnings, self.failed
        )
    }
}

/// For `query`, `load` and `publish`: what needs attention, on stderr; nothing when all is
/// clean. Failures are always listed (those files are left out); warnings only when `verbose`.
pub fn print_load_report(report: &LoadReport, verbose: bool) -> io::Result<()> {
    if verbose {
        let mut stderr = io::stderr().lock();
        for (entry, summary) in report.read() {
            write_warnings(entry, summary, &mut stderr)?;
        }
    }
    print_tally(&Tally::from(report), verbose)
}

/// For `export`, which keeps a [`Tally`] rather than a report so that its memory stays flat:
/// the same lines as [`print_load_report`], the warnings written as the files pass.
pub struct StreamedReport {
    tally: Tally,
    verbose: bool,
    /// The first warning that could not be written; the run goes on and reports it at the end.
    write_error: Option<io::Error>,
}

impl StreamedReport {
    pub fn new(verbose: bool) -> Self {
        Self {
            tally: Tally::default(),
            verbose,
            write_error: None,
        }
    }

    /// Failures, shared sets and the summary, once every file has passed.
    pub fn finish(self) -> io::Result<Tally> {
        if let Some(error) = self.write_error {
            return Err(error);
        }
        print_tally(&self.tally, self.verbose)?;
        Ok(self.tally)
    }
}

impl Outcomes for StreamedReport {
    fn add(&mut self, outcome: DocumentOutcome) {
        if let (true, None, Ok(summary)) = (self.verbose, &self.write_error, &outcome.result) {
            let written = write_warnings(&outcome.entry, summary, &mut io::stderr().lock());
            self.write_error = written.err();
        }
        self.tally.add(outcome);
    }

    fn unchanged(&mut self, entry: SourceEntry) {
        self.tally.unchanged(entry);
    }

    fn finish(
        &mut self,
        files: kamervragen::source::SourceList,
    ) -> Result<(), kamervragen::run::Error> {
        self.tally.finish(files)
    }
}

fn print_tally(tally: &Tally, verbose: bool) -> io::Result<()> {
    let mut stderr = io::stderr().lock();
    for failure in tally.failed() {
        writeln!(
            stderr,
            "{}",
            error_line(&failure.path, failure.position, &failure.message)
        )?;
    }
    write_shared_sets(tally, &mut stderr)?;
    write_skipped(tally, &mut stderr)?;
    let summary = Summary::of(tally);
    if summary.with_warnings > 0 || summary.failed > 0 {
        let hint = if summary.with_warnings > 0 && !verbose {
            " (--verbose or `kamervragen check` shows the warnings)"
        } else {
            ""
        };
        writeln!(stderr, "kamervragen: {}{hint}", summary.line())?;
    }
    Ok(())
}

/// For `check`: every file with what was read, its problems, and the summary.
pub fn write_check_text(report: &LoadReport, out: &mut impl Write) -> io::Result<()> {
    for document in &report.documents {
        let path = document.entry.path.display();
        match &document.result {
            Ok(summary) => {
                writeln!(out, "{path}: {}", describe(summary))?;
                write_warnings(&document.entry, summary, out)?;
                write_undecided_set(&document.entry, summary, out)?;
            }
            Err(error) => writeln!(
                out,
                "{}",
                error_line(&document.entry.path, error.position(), &error.message())
            )?,
        }
    }
    let tally = Tally::from(report);
    write_shared_sets(&tally, out)?;
    write_skipped(&tally, out)?;
    writeln!(out, "checked {}", Summary::of(&tally).line())
}

/// For `check --format json`.
pub fn write_check_json(report: &LoadReport, out: &mut impl Write) -> io::Result<()> {
    let files: Vec<FileJson> = report
        .documents
        .iter()
        .map(|document| FileJson::new(&document.entry, &document.result))
        .collect();
    let tally = Tally::from(report);
    let shared: Vec<SharedJson> = tally
        .shared_sets()
        .iter()
        .map(|shared| SharedJson {
            kind: shared.kind.as_str(),
            set: shared.set_key.clone(),
            files: shared.files.clone(),
        })
        .collect();
    let json = CheckJson {
        files,
        shared_sets: shared,
        summary: Summary::of(&tally),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

fn write_warnings(
    entry: &SourceEntry,
    summary: &ReadSummary,
    out: &mut impl Write,
) -> io::Result<()> {
    for warning in &summary.warnings {
        writeln!(out, "{}:{warning}", entry.path.display())?;
    }
    Ok(())
}

/// A header that matched several sets equally: the file was kept apart, for a person to decide.
fn write_undecided_set(
    entry: &SourceEntry,
    summary: &ReadSummary,
    out: &mut impl Write,
) -> io::Result<()> {
    if summary.set_candidates.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "note: {}: its header matches {} sets equally ({}), so it is kept apart as {}",
        entry.path.display(),
        summary.set_candidates.len(),
        summary.set_candidates.join(", "),
        summary.set_key
    )
}

/// Published documents the folders held that are not read (PDF, Word): said, never passed
/// over in silence.
fn write_skipped(tally: &Tally, out: &mut impl Write) -> io::Result<()> {
    if tally.skipped.is_empty() {
        return Ok(());
    }
    let kinds: Vec<String> = tally
        .skipped
        .iter()
        .map(|(ending, count)| format!("{count} .{ending}"))
        .collect();
    let files: usize = tally.skipped.values().sum();
    writeln!(
        out,
        "note: {files} file(s) in the folders were not read ({}): only {} files are read",
        kinds.join(", "),
        kamervragen::source::EXTENSIONS
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn write_shared_sets(tally: &Tally, out: &mut impl Write) -> io::Result<()> {
    for shared in tally.shared_sets() {
        writeln!(
            out,
            "note: {} {} files describe the same set of questions ({}), each kept in its own graph: {}",
            shared.files.len(),
            shared.kind.as_str(),
            shared.set_key,
            shared.files.join(", ")
        )?;
    }
    Ok(())
}

fn error_line(path: &Path, position: Option<Position>, message: &str) -> String {
    match position {
        Some(position) => format!("{}:{position}: error: {message}", path.display()),
        None => format!("{}: error: {message}", path.display()),
    }
}

fn describe(summary: &ReadSummary) -> String {
    let id = summary
        .zaak
        .as_ref()
        .map(|z| z.as_str().to_owned())
        .or_else(|| summary.aanhangsel.clone())
        .unwrap_or_else(|| summary.set_key.clone());
    let mut counts = vec![format!("{} questions", summary.questions)];
    if summary.answers > 0 {
        counts.push(format!("{} answers", summary.answers));
    }
    counts.push(format!("{} footnotes", summary.footnotes));
    format!("{} {id}: {}", summary.kind.as_str(), counts.join(", "))
}

#[derive(Serialize)]
struct CheckJson {
    files: Vec<FileJson>,
    shared_sets: Vec<SharedJson>,
    summary: Summary,
}

#[derive(Serialize)]
struct SharedJson {
    kind: &'static str,
    set: String,
    files: Vec<String>,
}

#[derive(Serialize)]
struct FileJson {
    path: String,
    source_path: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zaak: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aanhangsel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    set: Option<String>,
    /// The sets its header matched equally, so that it was kept apart from all of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    set_candidates: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<CountsJson>,
    warnings: Vec<ProblemJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ProblemJson>,
}

#[derive(Serialize)]
struct CountsJson {
    questions: usize,
    answers: usize,
    footnotes: usize,
    quads: usize,
}

#[derive(Serialize)]
struct ProblemJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: String,
}

impl FileJson {
    fn new(
        entry: &SourceEntry,
        result: &Result<ReadSummary, kamervragen::run::pipeline::DocumentError>,
    ) -> Self {
        let mut file = FileJson {
            path: entry.path.display().to_string(),
            source_path: entry.source_path.clone(),
            status: "failed",
            kind: None,
            zaak: None,
            aanhangsel: None,
            set: None,
            set_candidates: Vec::new(),
            counts: None,
            warnings: Vec::new(),
            error: None,
        };
        match result {
            Ok(summary) => {
                file.status = if summary.warnings.is_empty() {
                    "clean"
                } else {
                    "warnings"
                };
                file.kind = Some(summary.kind.as_str());
                file.zaak = summary.zaak.as_ref().map(|z| z.as_str().to_owned());
                file.aanhangsel = summary.aanhangsel.clone();
                file.set = Some(summary.set_key.clone());
                file.set_candidates = summary.set_candidates.clone();
                file.counts = Some(CountsJson {
                    questions: summary.questions,
                    answers: summary.answers,
                    footnotes: summary.footnotes,
                    quads: summary.quads,
                });
                file.warnings = summary
                    .warnings
                    .iter()
                    .map(|w| ProblemJson {
                        line: Some(w.position.line),
                        column: Some(w.position.column),
                        message: w.message.clone(),
                    })
                    .collect();
            }
            Err(error) => {
                file.error = Some(ProblemJson {
                    line: error.position().map(|p| p.line),
                    column: error.position().map(|p| p.column),
                    message: error.message(),
                });
            }
        }
        file
    }
}
