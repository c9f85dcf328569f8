//! The triples of a dump that merges the graphs, sorted and each once, in memory that does not
//! grow with the corpus.
//!
//! N-Triples lines enter one at a time ([`SortedLines::push`]), in any order and as often as
//! documents state them. Once [`RUN`] bytes of them are held, they are sorted, each kept
//! once, and written to an unnamed temporary file as one run (deleted however the dump
//! ends). They leave once ([`SortedLines::into_merged`]): the runs merged into one sorted
//! stream, each line once. A line is its triple's sort key in [`crate::export`] with spaces
//! for tabs, which sort the same way (both come before any character that can go on a term),
//! so the stream is in the order of [`crate::rdf::order::merged_triples`].

use crate::run::spill::SpillError;
use rayon::slice::ParallelSliceMut;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;

/// The bytes of lines held before they are sorted into a run: some 250,000 triples.
pub const RUN: usize = 32 << 20;

/// At this many runs they are merged into one, so that a dump holds this many files open at
/// most (100,000 documents make some 45 runs).
const MOST_RUNS: usize = 64;

/// Lines gathered for a sorted, duplicate-free stream.
#[derive(Debug)]
pub struct SortedLines {
    /// The lines of the run being gathered, one after another.
    text: Vec<u8>,
    lines: Vec<Range<usize>>,
    /// The runs written so far, each sorted, each line once in it.
    runs: Vec<File>,
    run_bytes: usize,
}

impl Default for SortedLines {
    fn default() -> Self {
        Self::with_run_bytes(RUN)
    }
}

impl SortedLines {
    /// Lines sorted into runs of about `run_bytes` rather than [`RUN`] (the tests lower it).
    pub(crate) fn with_run_bytes(run_bytes: usize) -> Self {
        Self {
            text: Vec::new(),
            lines: Vec::new(),
            runs: Vec::new(),
            run_bytes,
        }
    }

    /// Adds `line`, which ends with its line break and holds no other.
    pub fn push(&mut self, line: &[u8]) -> Result<(), SpillError> {
        debug_assert!(line.ends_with(b"\n"));
        if !self.text.is_empty() && self.text.len() + line.len() > self.run_bytes {
            self.write_run()?;
        }
        if self.text.capacity() == 0 {
            // Once, at the size a run reaches: growing by doubling would overshoot it.
            self.text.reserve_exact(self.run_bytes.max(line.len()));
        }
        let start = self.text.len();
        self.text.extend_from_slice(line);
        self.lines.push(start..self.text.len());
        Ok(())
    }

    /// The lines gathered, sorted, each once: from memory if they fit in one run, or merged
    /// from the runs on disk.
    pub fn into_merged(mut self) -> Result<MergedLines, SpillError> {
        if self.runs.is_empty() {
            self.sort_held();
            return Ok(MergedLines::Memory {
                text: self.text,
                lines: self.lines.into_iter(),
            });
        }
        if !self.lines.is_empty() {
            self.write_run()?;
        }
        MergedLines::from_runs(self.runs)
    }

    /// Sorts the lines held (on every core) and drops those that repeat.
    fn sort_held(&mut self) {
        let text = &self.text;
        self.lines
            .par_sort_unstable_by(|a, b| text[a.clone()].cmp(&text[b.clone()]));
        self.lines
            .dedup_by(|a, b| text[a.clone()] == text[b.clone()]);
    }

    fn write_run(&mut self) -> Result<(), SpillError> {
        self.sort_held();
        let mut run = RunWriter::new()?;
        for line in &self.lines {
            run.write(&self.text[line.clone()])?;
        }
        self.runs.push(run.finish()?);
        self.text.clear();
        self.lines.clear();
        if self.runs.len() == MOST_RUNS {
            let mut merged = MergedLines::from_runs(std::mem::take(&mut self.runs))?;
            let mut run = RunWriter::new()?;
            while let Some(line) = merged.next_line()? {
                run.write(line)?;
            }
            self.runs.push(run.finish()?);
        }
        Ok(())
    }
}

/// A run being written to its temporary file.
struct RunWriter(BufWriter<File>);

impl RunWriter {
    fn new() -> Result<Self, SpillError> {
        Ok(Self(BufWriter::new(
            tempfile::tempfile().map_err(SpillError)?,
        )))
    }

    fn write(&mut self, line: &[u8]) -> Result<(), SpillError> {
        self.0.write_all(line).map_err(SpillError)
    }

    /// The run's file, to be read from its start.
    fn finish(self) -> Result<File, SpillError> {
        let mut file = self
            .0
            .into_inner()
            .map_err(|error| SpillError(error.into_error()))?;
        file.seek(SeekFrom::Start(0)).map_err(SpillError)?;
        Ok(file)
    }
}

/// The sorted lines, each once, one at a time ([`MergedLines::next_line`]).
#[derive(Debug)]
pub enum MergedLines {
    /// All lines fitted in one run, which never left memory.
    Memory {
        text: Vec<u8>,
        lines: std::vec::IntoIter<Range<usize>>,
    },
    /// A k-way merge of the runs on disk.
    Runs(RunMerge),
}

impl MergedLines {
    fn from_runs(runs: Vec<File>) -> Result<Self, SpillError> {
        let mut merge = RunMerge {
            readers: runs.into_iter().map(BufReader::new).collect(),
            heads: BinaryHeap::new(),
            last: Vec::new(),
            spare: Vec::new(),
        };
        for run in 0..merge.readers.len() {
            merge.refill(run, Vec::new())?;
        }
        Ok(Self::Runs(merge))
    }

    /// The next line, with its line break; `None` at the end.
    pub fn next_line(&mut self) -> Result<Option<&[u8]>, SpillError> {
        match self {
            Self::Memory { text, lines } => Ok(lines.next().map(|line| &text[line])),
            Self::Runs(merge) => merge.next_line(),
        }
    }

    /// The lines as an N-Triples document to read, for a parser.
    pub(crate) fn into_reader(self) -> MergedReader {
        MergedReader {
            lines: self,
            line: Vec::new(),
            at: 0,
        }
    }
}

/// The runs on disk, merged: the smallest head line of any run next, repeats skipped.
#[derive(Debug)]
pub(crate) struct RunMerge {
    readers: Vec<BufReader<File>>,
    /// Each run's next line, with the run it came from; the smallest on top.
    heads: BinaryHeap<Reverse<(Vec<u8>, usize)>>,
    /// The line handed out last, to skip its repeats (no line is empty: each has its break).
    last: Vec<u8>,
    /// A line buffer to reuse, so that the merge allocates nothing per line.
    spare: Vec<u8>,
}

impl RunMerge {
    fn next_line(&mut self) -> Result<Option<&[u8]>, SpillError> {
        while let Some(Reverse((line, run))) = self.heads.pop() {
            let buffer = std::mem::take(&mut self.spare);
            self.refill(run, buffer)?;
            if line == self.last {
                self.spare = line;
                continue;
            }
            self.spare = std::mem::replace(&mut self.last, line);
            return Ok(Some(&self.last));
        }
        Ok(None)
    }

    /// Reads the next line of `run` into `buffer` and puts it among the heads, unless the run
    /// is at its end.
    fn refill(&mut self, run: usize, mut buffer: Vec<u8>) -> Result<(), SpillError> {
        buffer.clear();
        let read = self.readers[run].read_until(b'\n', &mut buffer);
        if read.map_err(SpillError)? > 0 {
            self.heads.push(Reverse((buffer, run)));
        }
        Ok(())
    }
}

/// [`MergedLines`] as bytes to read.
#[derive(Debug)]
pub(crate) struct MergedReader {
    lines: MergedLines,
    /// The line being read, and how much of it has been.
    line: Vec<u8>,
    at: usize,
}

impl Read for MergedReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut filled = 0;
        while filled < buf.len() {
            if self.at == self.line.len() {
                self.line.clear();
                self.at = 0;
                match self.lines.next_line().map_err(|SpillError(error)| error)? {
                    Some(line) => self.line.extend_from_slice(line),
                    None => break,
                }
            }
            let n = (self.line.len() - self.at).min(buf.len() - filled);
            buf[filled..filled + n].copy_from_slice(&self.line[self.at..self.at + n]);
            self.at += n;
            filled += n;
        }
        Ok(filled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfParser};
    use std::collections::BTreeSet;

    /// Lines as documents state them: out of order, many stated more than once (a set's facts
    /// in its answer too), some a prefix of others up to the separator.
    fn stated() -> Vec<String> {
        let mut lines = Vec::new();
        for round in 0..3 {
            for n in (0..400).rev() {
                let subject = format!("<https://example.org/s{}>", n % 37);
                lines.push(format!(
                    "{subject} <https://example.org/p> \"{}\" .\n",
                    n % 11
                ));
                lines.push(format!(
                    "{subject} <https://example.org/p> \"{}\"@nl .\n",
                    n % 11
                ));
                if round == 1 {
                    lines.push(format!(
                        "{subject} <https://example.org/q> <https://example.org/o{n}> .\n"
                    ));
                }
            }
        }
        lines
    }

    fn gathered(run_bytes: usize) -> SortedLines {
        let mut sorted = SortedLines::with_run_bytes(run_bytes);
        for line in stated() {
            sorted.push(line.as_bytes()).unwrap();
        }
        sorted
    }

    fn expected() -> Vec<String> {
        let unique: BTreeSet<String> = stated().into_iter().collect();
        unique.into_iter().collect()
    }

    fn drained(mut merged: MergedLines) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(line) = merged.next_line().unwrap() {
            out.push(String::from_utf8(line.to_vec()).unwrap());
        }
        out
    }

    /// However small the runs (a line each, a few hundred, all in memory), the lines leave
    /// sorted by their bytes and each once.
    #[test]
    fn lines_leave_sorted_and_each_once_from_memory_or_from_runs() {
        let expected = expected();
        // 400 subject-value pairs, plain and tagged, and 400 links.
        assert_eq!(expected.len(), 1200);
        for run_bytes in [1, 700, 20_000, RUN] {
            let sorted = gathered(run_bytes);
            assert_eq!(sorted.runs.is_empty(), run_bytes == RUN, "{run_bytes}");
            assert!(
                sorted.runs.len() < MOST_RUNS,
                "{run_bytes}: {}",
                sorted.runs.len()
            );
            assert_eq!(
                drained(sorted.into_merged().unwrap()),
                expected,
                "{run_bytes}"
            );
        }
    }

    /// A literal sorts before the same literal with a language, as in the store's export.
    #[test]
    fn a_term_sorts_before_a_longer_one_it_begins() {
        let merged = drained(gathered(700).into_merged().unwrap());
        let plain = merged
            .iter()
            .position(|l| l.ends_with("\"3\" .\n"))
            .unwrap();
        let tagged = merged
            .iter()
            .position(|l| l.ends_with("\"3\"@nl .\n"))
            .unwrap();
        assert_eq!(tagged, plain + 1);
    }

    /// Read as bytes, the lines are an N-Triples document of the same triples in the same
    /// order, whatever the size of the reader's buffer.
    #[test]
    fn the_reader_gives_the_same_lines_as_a_document() {
        let expected = expected().concat();
        for run_bytes in [1, 20_000, RUN] {
            for buffer in [1, 7, 8192] {
                let mut reader = gathered(run_bytes).into_merged().unwrap().into_reader();
                let mut bytes = Vec::new();
                let mut chunk = vec![0; buffer];
                loop {
                    let n = reader.read(&mut chunk).unwrap();
                    if n == 0 {
                        break;
                    }
                    bytes.extend_from_slice(&chunk[..n]);
                }
                assert_eq!(
                    String::from_utf8(bytes).unwrap(),
                    expected,
                    "{run_bytes} {buffer}"
                );
            }
        }
        let reader = gathered(700).into_merged().unwrap().into_reader();
        let parsed = RdfParser::from_format(RdfFormat::NTriples).for_reader(reader);
        assert_eq!(parsed.map(Result::unwrap).count(), expected.lines().count());
    }

    #[test]
    fn nothing_gathered_is_nothing_merged() {
        assert!(drained(SortedLines::default().into_merged().unwrap()).is_empty());
    }
}
