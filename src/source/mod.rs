//! Finding and reading the input files.
//!
//! Paths enter as the user gave them (files or folders, read recursively for `*.md`, `*.txt`,
//! `*.docx` and `*.pdf`); [`SourceFile`]s leave in a stable order, each with its text (a Word
//! file's read by [`docx`], a PDF's by [`pdf`]), the SHA-256, media type and size of the file as
//! published, and its source path: the path below the folder that holds the input root, so
//! that `seeds/2019Z15244.md` has the same source path whether `seeds` or the file itself was
//! given.

use crate::source::diagnostic::Position;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

pub mod diagnostic;
pub mod docx;
mod error;
mod list;
pub mod pdf;

pub use error::{RdfFileError, SourceError};
pub use list::SourceList;

/// Files larger than this are refused before they are read: no written question comes near
/// it, and reading a mistaken 50 MB input must not hold up the rest.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The file endings read when a folder is given (in any case: `.DOCX` too).
pub const EXTENSIONS: &[&str] = &["md", "txt", "docx", "pdf"];

/// The media type of a file read, by its ending, lower case.
fn media_type(ending: &str) -> &'static str {
    match ending {
        "md" => "text/markdown",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf" => "application/pdf",
        _ => "text/plain",
    }
}

/// An input file found, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    /// The file as found on disk.
    pub path: PathBuf,
    /// `/`-separated path from the folder above the input root (`seeds/2019Z15244.md`).
    pub source_path: String,
}

/// An input file read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub entry: SourceEntry,
    pub text: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// What the file is as published (`application/pdf`, `text/markdown` …).
    pub media_type: &'static str,
    /// The file's size in bytes.
    pub size: u64,
}

/// Lists the input files under `roots`, sorted by source path. A folder is read recursively;
/// a file is taken whatever its ending.
pub fn discover(roots: &[PathBuf]) -> Result<SourceList, SourceError> {
    let mut found = SourceList::default();
    let mut skipped = std::collections::BTreeMap::new();
    for root in roots {
        let mut above = None;
        for_each_file_below(root, &mut skipped, |path| {
            // The root is resolved once, when its first file is found (a missing root is
            // reported by the walk, with its own message).
            let above = match &above {
                Some(above) => above,
                None => above.insert(folder_above(root)?),
            };
            found.push(&path, &source_path(above, &path)?);
            Ok(())
        })?;
    }
    found.sort();
    if let Some((first, second)) = found.dedup() {
        return Err(SourceError::DuplicatePath {
            path: second.path,
            first: first.path,
            relative: second.source_path,
        });
    }
    found.spill(false)?;
    found.skipped = skipped;
    Ok(found)
}

/// Reads one file: it must be a regular file (a link is followed) of UTF-8 text, or UTF-16
/// text with its byte-order mark. At most [`MAX_FILE_SIZE`] bytes are read, whatever size the
/// file system reports (a device or a pipe reports none). Line ends are made `\n`, whether
/// the file has `\r\n` or `\r` alone; the SHA-256 is of the bytes as they are.
pub fn read(entry: &SourceEntry) -> Result<SourceFile, SourceError> {
    let io_error = |source| SourceError::Io {
        path: entry.path.clone(),
        source,
    };
    let metadata = fs::metadata(&entry.path).map_err(io_error)?;
    if metadata.is_dir() {
        // A folder is listed as an entry only when a link leads back to it.
        return Err(SourceError::LinkLoop {
            path: entry.path.clone(),
        });
    }
    if !metadata.is_file() {
        return Err(SourceError::NotAFile {
            path: entry.path.clone(),
            kind: file_kind(&metadata),
        });
    }
    if metadata.len() > MAX_FILE_SIZE {
        return Err(too_large(entry, metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    fs::File::open(&entry.path)
        .and_then(|file| file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes))
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(entry, bytes.len() as u64));
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let size = bytes.len() as u64;
    let ending = ending(&entry.path).unwrap_or_default();
    let text = match ending.as_str() {
        "docx" => docx::docx_text(&bytes).map_err(|source| SourceError::Docx {
            path: entry.path.clone(),
            source,
        })?,
        "pdf" => pdf::pdf_text(&bytes).map_err(|source| SourceError::Pdf {
            path: entry.path.clone(),
            source,
        })?,
        _ => decode(entry, bytes)?,
    };
    Ok(SourceFile {
        entry: entry.clone(),
        text: with_newlines(text),
        sha256,
        media_type: media_type(&ending),
        size,
    })
}

fn too_large(entry: &SourceEntry, size: u64) -> SourceError {
    SourceError::TooLarge {
        path: entry.path.clone(),
        size,
        limit: MAX_FILE_SIZE,
    }
}

/// What a path that is not a regular file is, for the message.
fn file_kind(metadata: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// The text of a file's bytes: UTF-8, or UTF-16 with its byte-order mark.
fn decode(entry: &SourceEntry, bytes: Vec<u8>) -> Result<String, SourceError> {
    if let Some(big_endian) = utf16_byte_order(&bytes) {
        return decode_utf16(&bytes[2..], big_endian).ok_or_else(|| SourceError::NotUtf8 {
            path: entry.path.clone(),
            position: Position::line_start(1),
        });
    }
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        if looks_like_utf16(&bytes) {
            return Err(SourceError::Utf16WithoutMark {
                path: entry.path.clone(),
            });
        }
        return Err(SourceError::Binary {
            path: entry.path.clone(),
            position: position_of_byte(&bytes, offset),
        });
    }
    String::from_utf8(bytes).map_err(|error| SourceError::NotUtf8 {
        path: entry.path.clone(),
        position: position_of_byte(error.as_bytes(), error.utf8_error().valid_up_to()),
    })
}

/// `Some(true)` for a big-endian UTF-16 byte-order mark, `Some(false)` for a little-endian one.
fn utf16_byte_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFE, 0xFF, ..] => Some(true),
        [0xFF, 0xFE, ..] => Some(false),
        _ => None,
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// Text in UTF-16 without a mark: most of the even or of the odd bytes of its start are NUL.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(512)];
    let nul_at = |parity: usize| {
        start
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = start.len() / 2;
    half >= 4 && (nul_at(0) * 4 >= half * 3 || nul_at(1) * 4 >= half * 3)
}

/// `\r\n` and a lone `\r` (old Mac text, some extractions) made `\n`.
fn with_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn for_each_file_below(
    root: &Path,
    skipped: &mut std::collections::BTreeMap<String, usize>,
    mut found: impl FnMut(PathBuf) -> Result<(), SourceError>,
) -> Result<(), SourceError> {
    let metadata = fs::metadata(root).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => SourceError::Missing {
            path: root.to_owned(),
        },
        _ => SourceError::Io {
            path: root.to_owned(),
            source,
        },
    })?;
    if !metadata.is_dir() {
        return found(root.to_owned());
    }
    // Folders are known by their resolved path: a link back to one already walked (or being
    // walked) is a loop, listed as an entry so that it is reported once, and not followed.
    let mut walked = std::collections::HashSet::new();
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        let io_error = |source| SourceError::Io {
            path: folder.clone(),
            source,
        };
        let resolved = fs::canonicalize(&folder).ok();
        if let Some(resolved) = &resolved {
            if !walked.insert(resolved.clone()) {
                found(folder.clone())?;
                continue;
            }
        }
        for item in fs::read_dir(&folder).map_err(io_error)? {
            let path = item.map_err(io_error)?.path();
            if is_hidden(&path) {
                continue;
            }
            if path.is_dir() {
                // A link to a folder this one is in (`..`) is a loop as well.
                let target = fs::canonicalize(&path).ok();
                let encloses = |target: &PathBuf| {
                    resolved
                        .as_ref()
                        .is_some_and(|here| here.starts_with(target))
                };
                if target.as_ref().is_some_and(encloses) {
                    found(path)?;
                    continue;
                }
                folders.push(path);
            } else if has_input_extension(&path) {
                found(path)?;
            } else if let Some(ending) = document_ending(&path) {
                *skipped.entry(ending).or_insert(0) += 1;
            }
        }
    }
    Ok(())
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with('.'))
}

/// The endings of documents as they are published, which a user may expect to be read: the
/// files found with one are counted as passed over (data beside the documents, such as
/// `SOURCES.tsv` or the reference tables, is not).
const PUBLISHED_ENDINGS: &[&str] = &["pdf", "docx", "doc", "odt", "rtf", "html", "htm", "xml"];

/// A file's ending, in lower case.
fn ending(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_lowercase())
}

/// A file's ending when it is one of a published document that is not read.
fn document_ending(path: &Path) -> Option<String> {
    ending(path)
        .filter(|e| PUBLISHED_ENDINGS.contains(&e.as_str()) && !EXTENSIONS.contains(&e.as_str()))
}

fn has_input_extension(path: &Path) -> bool {
    ending(path).is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// The folder that holds `root` (for a file root, the folder above its own folder), resolved:
/// source paths are taken from there.
fn folder_above(root: &Path) -> Result<PathBuf, SourceError> {
    let root = fs::canonicalize(root).map_err(|source| SourceError::Io {
        path: root.to_owned(),
        source,
    })?;
    let root_folder = if root.is_dir() {
        root.as_path()
    } else {
        root.parent().unwrap_or(&root)
    };
    Ok(root_folder.parent().unwrap_or(root_folder).to_owned())
}

/// The path of `file` from `above` (see [`folder_above`]), `/`-separated: its folder
/// resolved, its own name as found (so a link is known by its own name, and one that leads
/// nowhere still has a path, to be reported when it is read). Bytes of a name that are not
/// UTF-8 are written `%XX`, so two names that differ only there stay two paths.
fn source_path(above: &Path, file: &Path) -> Result<String, SourceError> {
    // A bare name's parent is the empty path, which names no folder.
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let folder = fs::canonicalize(folder).map_err(|source| SourceError::Io {
        path: file.to_owned(),
        source,
    })?;
    let file = match file.file_name() {
        Some(name) => folder.join(name),
        None => folder,
    };
    let relative = file.strip_prefix(above).unwrap_or(&file);
    let parts: Vec<String> = relative
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(name_text(name)),
            _ => None,
        })
        .collect();
    Ok(parts.join("/"))
}

/// A file name as text: itself where it is UTF-8, else with each byte that is not written
/// `%XX`.
fn name_text(name: &std::ffi::OsStr) -> String {
    if let Some(text) = name.to_str() {
        return text.to_owned();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut text = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            text.push_str(chunk.valid());
            for byte in chunk.invalid() {
                text.push_str(&format!("%{byte:02X}"));
            }
        }
        text
    }
    #[cfg(not(unix))]
    name.to_string_lossy().into_owned()
}

fn position_of_byte(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Position::new(line, column)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads every quad of an RDF file (a dump, or any file in a format oxigraph reads).
pub fn read_rdf_file(
    path: &Path,
    format: oxigraph::io::RdfFormat,
) -> Result<Vec<oxigraph::model::Quad>, crate::source::RdfFileError> {
    use crate::source::RdfFileError;
    use oxigraph::io::{RdfParseError, RdfParser};
    let file = std::fs::File::open(path).map_err(|source| RdfFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    let parser = RdfParser::from_format(format);
    parser
        .for_reader(std::io::BufReader::new(file))
        .map(|quad| {
            quad.map_err(|error| match error {
                RdfParseError::Io(source) => RdfFileError::Read {
                    path: path.to_owned(),
                    source,
                },
                RdfParseError::Syntax(syntax) => {
                    let at = syntax.location().map(|range| range.start);
                    RdfFileError::Syntax {
                        path: path.to_owned(),
                        line: at.map_or(0, |p| p.line + 1),
                        column: at.map_or(0, |p| p.column + 1),
                        message: syntax.to_string(),
                    }
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_and_its_folder_give_the_same_source_path() {
        let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let from_folder = discover(std::slice::from_ref(&seed)).unwrap();
        let from_file = discover(&[seed.join("2019Z15244.md")]).unwrap();
        assert!(from_folder
            .entries()
            .unwrap()
            .iter()
            .any(|e| e.source_path == "seeds/2019Z15244.md"));
        assert_eq!(
            from_file.get(0).unwrap().unwrap().source_path,
            "seeds/2019Z15244.md"
        );
    }

    #[test]
    fn folders_with_the_same_name_are_refused_and_one_given_twice_is_read_once() {
        let root = std::env::temp_dir().join(format!("kv-discover-{}", std::process::id()));
        for folder in ["one/docs", "two/docs"] {
            fs::create_dir_all(root.join(folder)).unwrap();
            fs::write(root.join(folder).join("a.md"), "x").unwrap();
        }
        let one = root.join("one/docs");
        let twice = discover(&[one.clone(), one.clone()]).unwrap();
        assert_eq!(twice.len(), 1);
        let error = discover(&[one, root.join("two/docs")]).unwrap_err();
        fs::remove_dir_all(&root).unwrap();
        assert!(
            error.to_string().contains("same source path `docs/a.md`"),
            "{error}"
        );
    }

    #[test]
    fn reports_where_utf8_breaks() {
        assert_eq!(position_of_byte(b"ab\ncd\xff", 5), Position::new(2, 3));
    }
}
