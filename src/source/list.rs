//! The input files found, in source-path order, held compactly.
//!
//! [`super::discover`] adds each file as the folders are walked, then sorts; the pipeline
//! takes the files back out as [`SourceEntry`]s, a batch at a time. A corpus of 100,000 files
//! is then two arrays rather than two allocations a file, which the allocator would keep
//! around, scattered, for the rest of the run.

use super::SourceEntry;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Input files, each with its path on disk and its source path, kept in one byte string.
#[derive(Debug, Default)]
pub struct SourceList {
    /// Paths on disk, and source paths that are not a path's ending, one after another.
    text: Vec<u8>,
    files: Vec<Spans>,
}

/// Where one file's path and source path are in the text. A source path is most often the
/// end of the path on disk (`seeds/2019Z15244.md` of `../kv/seeds/2019Z15244.md`), and then
/// shares its bytes.
#[derive(Debug, Clone, Copy)]
struct Spans {
    path: (u32, u32),
    source_path: (u32, u32),
}

impl SourceList {
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The `index`th file, in source-path order once sorted.
    pub fn get(&self, index: usize) -> Option<SourceEntry> {
        self.files.get(index).map(|spans| self.entry(spans))
    }

    pub fn iter(&self) -> impl Iterator<Item = SourceEntry> + '_ {
        self.range(0..self.len())
    }

    /// The files at the places `range` covers (a batch of the pipeline).
    pub fn range(&self, range: Range<usize>) -> impl Iterator<Item = SourceEntry> + '_ {
        let end = range.end.min(self.len());
        self.files[range.start.min(end)..end]
            .iter()
            .map(|spans| self.entry(spans))
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
        let text = &self.text;
        let key = |spans: &Spans| &text[range(spans.source_path)];
        self.files.sort_by(|a, b| key(a).cmp(key(b)));
    }

    /// Once sorted: drops a file given twice (the same path under the same source path), and
    /// returns the first two different paths that share a source path.
    pub(super) fn dedup(&mut self) -> Option<(SourceEntry, SourceEntry)> {
        let text = &self.text;
        let same = |a: (u32, u32), b: (u32, u32)| text[range(a)] == text[range(b)];
        let clash = self.files.windows(2).position(|pair| {
            same(pair[0].source_path, pair[1].source_path) && !same(pair[0].path, pair[1].path)
        });
        if let Some(index) = clash {
            return self.get(index).zip(self.get(index + 1));
        }
        self.files
            .dedup_by(|b, a| same(a.source_path, b.source_path) && same(a.path, b.path));
        self.text.shrink_to_fit();
        self.files.shrink_to_fit();
        None
    }

    fn entry(&self, spans: &Spans) -> SourceEntry {
        SourceEntry {
            path: path_from_bytes(self.bytes(spans.path)),
            source_path: String::from_utf8_lossy(self.bytes(spans.source_path)).into_owned(),
        }
    }

    fn append(&mut self, bytes: &[u8]) -> (u32, u32) {
        let start = len_u32(self.text.len());
        self.text.extend_from_slice(bytes);
        (start, len_u32(self.text.len()))
    }

    fn bytes(&self, span: (u32, u32)) -> &[u8] {
        &self.text[range(span)]
    }
}

fn range(span: (u32, u32)) -> Range<usize> {
    span.0 as usize..span.1 as usize
}

/// Offsets are kept in `u32`: four gigabytes of file names is beyond any corpus.
fn len_u32(len: usize) -> u32 {
    u32::try_from(len).expect("the names of the input files fit in 4 GB")
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
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
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    match path.to_string_lossy() {
        std::borrow::Cow::Borrowed(text) => text.as_bytes().into(),
        std::borrow::Cow::Owned(text) => text.into_bytes().into(),
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
        list.iter()
            .map(|e| (e.path.display().to_string(), e.source_path))
            .collect()
    }

    #[test]
    fn gives_back_each_path_and_source_path_in_source_path_order() {
        let mut list = SourceList::default();
        list.push(Path::new("../kv/seeds/b.md"), "seeds/b.md");
        // A source path that is not the end of the path (a root given as `.`).
        list.push(Path::new("./a.md"), "work/a.md");
        list.push(Path::new("../kv/seeds/a.md"), "seeds/a.md");
        list.push(Path::new("../kv/seeds/a.md"), "seeds/a.md");
        list.sort();
        assert_eq!(list.dedup(), None);
        assert_eq!(
            entries(&list),
            [
                ("../kv/seeds/a.md".to_owned(), "seeds/a.md".to_owned()),
                ("../kv/seeds/b.md".to_owned(), "seeds/b.md".to_owned()),
                ("./a.md".to_owned(), "work/a.md".to_owned()),
            ]
        );
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
