//! The input files found, in source-path order, held compactly.
//!
//! [`super::discover`] adds each file as the folders are walked, then sorts; the pipeline
//! takes the files back out as [`SourceEntry`]s, a batch at a time. A corpus of 100,000 files
//! is then two arrays rather than two allocations a file, which the allocator would keep
//! around, scattered, for the rest of the run. The names of a large corpus (some 5 MB for
//! 100,000 files) are moved, sorted, to a temporary file once found, so that a run's memory
//! does not grow with the corpus; only 16 bytes a file stay in memory.

use super::SourceEntry;
use crate::source::SourceError;
use std::borrow::Cow;
#[cfg(unix)]
use std::fs::File;
use std::io;
#[cfg(unix)]
use std::io::{BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Names longer than this, in all, go to a temporary file (about 20,000 files).
const SPILL_ABOVE: usize = 1 << 20;

/// Input files, each with its path on disk and its source path, kept in one byte string.
#[derive(Debug, Default)]
pub struct SourceList {
    /// Paths on disk, and source paths that are not a path's ending, one after another.
    text: Text,
    files: Vec<Spans>,
    /// Published documents found in the folders but not read, by their ending (`pdf`,
    /// `docx`), so that a run can say what it passed over.
    pub skipped: std::collections::BTreeMap<String, usize>,
}

/// Where the names are: in memory, or in a temporary file (deleted when the list is), in
/// source-path order so that a batch's names are read in one piece.
#[derive(Debug)]
enum Text {
    Memory(Vec<u8>),
    #[cfg(unix)]
    File(File),
}

impl Text {
    /// The names, while they are in memory (before [`SourceList::spill`]).
    fn memory(&self) -> &[u8] {
        match self {
            Self::Memory(text) => text,
            #[cfg(unix)]
            Self::File(_) => unreachable!("the list is sorted before its names are spilled"),
        }
    }
}

impl Default for Text {
    fn default() -> Self {
        Self::Memory(Vec::new())
    }
}

/// Where one file's path and source path are in the text. A source path is most often the
/// end of the path on disk (`seeds/2019Z15244.md` of `../kv/seeds/2019Z15244.md`), and then
/// shares its bytes.
#[derive(Debug, Clone, Copy)]
struct Spans {
    path: (u32, u32),
    source_path: (u32, u32),
}

impl Spans {
    /// Where the file's names start and end (a source path of its own follows its path).
    fn extent(&self) -> (u32, u32) {
        (
            self.path.0.min(self.source_path.0),
            self.path.1.max(self.source_path.1),
        )
    }
}

impl SourceList {
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The `index`th file, in source-path order once sorted.
    pub fn get(&self, index: usize) -> Result<Option<SourceEntry>, SourceError> {
        Ok(self.range(index..index + 1)?.pop())
    }

    /// Every file.
    pub fn entries(&self) -> Result<Vec<SourceEntry>, SourceError> {
        self.range(0..self.len())
    }

    /// The files at the places `range` covers (a batch of the pipeline).
    pub fn range(&self, range: Range<usize>) -> Result<Vec<SourceEntry>, SourceError> {
        let end = range.end.min(self.len());
        let files = &self.files[range.start.min(end)..end];
        let (Some(first), Some(last)) = (files.first(), files.last()) else {
            return Ok(Vec::new());
        };
        let (start, bytes) = self
            .names((first.extent().0, last.extent().1))
            .map_err(|error| SourceError::List { source: error })?;
        let slice = |span: (u32, u32)| &bytes[(span.0 - start) as usize..(span.1 - start) as usize];
        let entry = |spans: &Spans| SourceEntry {
            path: path_from_bytes(slice(spans.path)),
            source_path: String::from_utf8_lossy(slice(spans.source_path)).into_owned(),
        };
        Ok(files.iter().map(entry).collect())
    }

    /// Adds a file at the end.
    pub fn push(&mut self, path: &Path, source_path: &str) {
        let path_bytes = path_bytes(path);
        let path_span = self.append(&path_bytes);
        let source_span = if path_bytes.ends_with(source_path.as_bytes()) {
            (path_span.1 - len_u32(source_path.len()), path_span.1)
        } else {
            self.append(source_path.as_bytes())
        };
        self.files.push(Spans {
            path: path_span,
            source_path: source_span,
        });
    }

    /// Sorts by source path; files of equal source paths keep the order they were added in.
    pub(super) fn sort(&mut self) {
        let text = self.text.memory();
        let key = |spans: &Spans| &text[range(spans.source_path)];
        self.files.sort_by(|a, b| key(a).cmp(key(b)));
    }

    /// Once sorted: drops a file given twice (the same path under the same source path), and
    /// returns the first two different paths that share a source path.
    pub(super) fn dedup(&mut self) -> Option<(SourceEntry, SourceEntry)> {
        let text = self.text.memory();
        let same = |a: (u32, u32), b: (u32, u32)| text[range(a)] == text[range(b)];
        let clash = self.files.windows(2).position(|pair| {
            same(pair[0].source_path, pair[1].source_path) && !same(pair[0].path, pair[1].path)
        });
        if let Some(index) = clash {
            let pair = self
                .range(index..index + 2)
                .expect("the names are in memory");
            let [first, second] = <[SourceEntry; 2]>::try_from(pair).ok()?;
            return Some((first, second));
        }
        self.files
            .dedup_by(|b, a| same(a.source_path, b.source_path) && same(a.path, b.path));
        self.files.shrink_to_fit();
        None
    }

    /// Once sorted and deduplicated: moves the names to a temporary file, in source-path
    /// order, if they are many (or `always`, for the tests).
    pub(crate) fn spill(&mut self, always: bool) -> Result<(), SourceError> {
        #[cfg(unix)]
        if let Text::Memory(text) = &self.text {
            if always || text.len() > SPILL_ABOVE {
                let (file, files) = write_sorted(text, &self.files)
                    .map_err(|error| SourceError::List { source: error })?;
                self.files = files;
                self.text = Text::File(file);
            }
        }
        #[cfg(not(unix))]
        let _ = always;
        Ok(())
    }

    fn append(&mut self, bytes: &[u8]) -> (u32, u32) {
        let Text::Memory(text) = &mut self.text else {
            unreachable!("files are added before the names are spilled");
        };
        let start = len_u32(text.len());
        text.extend_from_slice(bytes);
        (start, len_u32(text.len()))
    }

    /// The names from `extent.0` to `extent.1`, and where they start. In memory that is all
    /// of them; spilled, the files of a run of the list have their names one after another.
    fn names(&self, extent: (u32, u32)) -> io::Result<(u32, Cow<'_, [u8]>)> {
        match &self.text {
            Text::Memory(text) => Ok((0, Cow::Borrowed(text))),
            #[cfg(unix)]
            Text::File(file) => {
                use std::os::unix::fs::FileExt;
                let mut bytes = vec![0; (extent.1 - extent.0) as usize];
                file.read_exact_at(&mut bytes, u64::from(extent.0))?;
                Ok((extent.0, Cow::Owned(bytes)))
            }
        }
    }
}

#[cfg(unix)]
/// Writes each file's names to a new temporary file in list order, and returns it with the
/// spans of the names there.
fn write_sorted(text: &[u8], files: &[Spans]) -> io::Result<(File, Vec<Spans>)> {
    let mut file = tempfile::tempfile()?;
    let mut out = BufWriter::new(&mut file);
    let mut moved = Vec::with_capacity(files.len());
    let mut at = 0;
    for spans in files {
        let extent = spans.extent();
        out.write_all(&text[range(extent)])?;
        let shift = |span: (u32, u32)| (span.0 - extent.0 + at, span.1 - extent.0 + at);
        moved.push(Spans {
            path: shift(spans.path),
            source_path: shift(spans.source_path),
        });
        at += extent.1 - extent.0;
    }
    out.flush()?;
    drop(out);
    Ok((file, moved))
}

fn range(span: (u32, u32)) -> Range<usize> {
    span.0 as usize..span.1 as usize
}

/// Offsets are kept in `u32`: four gigabytes of file names is beyond any corpus.
fn len_u32(len: usize) -> u32 {
    u32::try_from(len).expect("the names of the input files fit in 4 GB")
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().into()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

// Elsewhere a path that is not Unicode (an unpaired surrogate on Windows) would not come back
// as it was; such names are not made by any tool that writes these documents.
#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    match path.to_string_lossy() {
        Cow::Borrowed(text) => text.as_bytes().into(),
        Cow::Owned(text) => text.into_bytes().into(),
    }
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(list: &SourceList) -> Vec<(String, String)> {
        list.entries()
            .unwrap()
            .into_iter()
            .map(|e| (e.path.display().to_string(), e.source_path))
            .collect()
    }

    /// Three files, one given twice, sorted and deduplicated.
    fn three_files() -> SourceList {
        let mut list = SourceList::default();
        list.push(Path::new("../kv/seeds/b.md"), "seeds/b.md");
        // A source path that is not the end of the path (a root given as `.`).
        list.push(Path::new("./a.md"), "work/a.md");
        list.push(Path::new("../kv/seeds/a.md"), "seeds/a.md");
        list.push(Path::new("../kv/seeds/a.md"), "seeds/a.md");
        list.sort();
        assert_eq!(list.dedup(), None);
        list
    }

    #[test]
    fn gives_back_each_path_and_source_path_in_source_path_order() {
        let list = three_files();
        assert_eq!(
            entries(&list),
            [
                ("../kv/seeds/a.md".to_owned(), "seeds/a.md".to_owned()),
                ("../kv/seeds/b.md".to_owned(), "seeds/b.md".to_owned()),
                ("./a.md".to_owned(), "work/a.md".to_owned()),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn names_moved_to_a_temporary_file_read_back_the_same() {
        let mut list = three_files();
        let in_memory = entries(&list);
        list.spill(true).unwrap();
        assert!(matches!(list.text, Text::File(_)));
        assert_eq!(entries(&list), in_memory);
        // A batch, and one file, read back from the middle of the file.
        let middle: Vec<_> = list
            .range(1..3)
            .unwrap()
            .into_iter()
            .map(|e| e.source_path)
            .collect();
        assert_eq!(middle, ["seeds/b.md", "work/a.md"]);
        assert_eq!(list.get(2).unwrap().unwrap().path, Path::new("./a.md"));
        assert_eq!(list.get(3).unwrap(), None);
        assert_eq!(list.range(2..9).unwrap().len(), 1);
    }

    #[test]
    fn two_paths_with_one_source_path_are_named_first_come_first() {
        let mut list = SourceList::default();
        list.push(Path::new("one/seeds/a.md"), "seeds/a.md");
        list.push(Path::new("one/seeds/b.md"), "seeds/b.md");
        list.push(Path::new("two/seeds/a.md"), "seeds/a.md");
        list.sort();
        let (first, second) = list.dedup().expect("a clash");
        assert_eq!(first.path, Path::new("one/seeds/a.md"));
        assert_eq!(second.path, Path::new("two/seeds/a.md"));
        assert_eq!(second.source_path, "seeds/a.md");
    }
}
