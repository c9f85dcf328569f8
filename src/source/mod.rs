//! Finding and reading the input files.
//!
//! Paths enter as the user gave them (files or folders, read recursively for `*.md` and
//! `*.txt`); [`SourceFile`]s leave in a stable order, each with its text, its SHA-256 and its
//! source path: the path below the folder that holds the input root, so that
//! `seeds/2019Z15244.md` has the same source path whether `seeds` or the file itself was given.

use crate::diagnostic::Position;
use crate::error::SourceError;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Component, Path, PathBuf};

mod list;
pub use list::SourceList;

/// Files larger than this are refused before they are read: no written question comes near
/// it, and reading a mistaken 50 MB input must not hold up the rest.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The file endings read when a folder is given.
pub const EXTENSIONS: &[&str] = &["md", "txt"];

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
}

/// Lists the input files under `roots`, sorted by source path. A folder is read recursively;
/// a file is taken whatever its ending.
pub fn discover(roots: &[PathBuf]) -> Result<SourceList, SourceError> {
    let mut found = SourceList::default();
    for root in roots {
        let mut above = None;
        for_each_file_below(root, |path| {
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
    Ok(found)
}

/// Reads one file: it must be UTF-8 text.
pub fn read(entry: &SourceEntry) -> Result<SourceFile, SourceError> {
    let io_error = |source| SourceError::Io {
        path: entry.path.clone(),
        source,
    };
    let size = fs::metadata(&entry.path).map_err(io_error)?.len();
    if size > MAX_FILE_SIZE {
        return Err(SourceError::TooLarge {
            path: entry.path.clone(),
            size,
            limit: MAX_FILE_SIZE,
        });
    }
    let bytes = fs::read(&entry.path).map_err(io_error)?;
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        return Err(SourceError::Binary {
            path: entry.path.clone(),
            position: position_of_byte(&bytes, offset),
        });
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let text = String::from_utf8(bytes).map_err(|error| SourceError::NotUtf8 {
        path: entry.path.clone(),
        position: position_of_byte(error.as_bytes(), error.utf8_error().valid_up_to()),
    })?;
    Ok(SourceFile {
        entry: entry.clone(),
        text,
        sha256,
    })
}

fn for_each_file_below(
    root: &Path,
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
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        let io_error = |source| SourceError::Io {
            path: folder.clone(),
            source,
        };
        for item in fs::read_dir(&folder).map_err(io_error)? {
            let path = item.map_err(io_error)?.path();
            if is_hidden(&path) {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else if has_input_extension(&path) {
                found(path)?;
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

fn has_input_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| EXTENSIONS.contains(&ext))
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

/// The path of `file` from `above` (see [`folder_above`]), `/`-separated.
fn source_path(above: &Path, file: &Path) -> Result<String, SourceError> {
    let file = fs::canonicalize(file).map_err(|source| SourceError::Io {
        path: file.to_owned(),
        source,
    })?;
    let relative = file.strip_prefix(above).unwrap_or(&file);
    let parts: Vec<String> = relative
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    Ok(parts.join("/"))
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
    format: crate::export::ExportFormat,
) -> Result<Vec<oxigraph::model::Quad>, crate::error::RdfFileError> {
    use crate::error::RdfFileError;
    use oxigraph::io::{RdfParseError, RdfParser};
    let file = std::fs::File::open(path).map_err(|source| RdfFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    let parser = RdfParser::from_format(format.rdf_format());
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
