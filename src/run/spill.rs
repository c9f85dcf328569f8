//! Records a run keeps until its end, out of memory once they are many.
//!
//! Bytes enter a [`Spill`] record by record as the documents pass (a link's hash, a file's set
//! of questions); past [`IN_MEMORY`] bytes they go on to an unnamed temporary file, deleted
//! however the run ends. They leave once, all together, when the run is over and the memory
//! its batches used is free again. So what a run must remember per file or per link does not
//! add to its peak, and a dump's memory is the same at 10,000 and 100,000 documents.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};

/// Records up to this many bytes stay in memory: a small corpus needs no temporary file.
pub const IN_MEMORY: usize = 1 << 20;

/// An append-only run of bytes, in memory or in a temporary file.
#[derive(Debug, Default)]
pub struct Spill {
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
    /// Moves to the file at this many bytes in memory (the tests lower it).
    limit: Option<usize>,
}

impl Spill {
    /// A spill that moves to its file past `limit` bytes rather than [`IN_MEMORY`].
    pub(crate) fn with_limit(limit: usize) -> Self {
        Self {
            limit: Some(limit),
            ..Self::default()
        }
    }

    pub fn push(&mut self, record: &[u8]) -> Result<(), SpillError> {
        if let Some(file) = &mut self.file {
            return file.write_all(record).map_err(SpillError);
        }
        self.memory.extend_from_slice(record);
        if self.memory.len() > self.limit.unwrap_or(IN_MEMORY) {
            let mut file = BufWriter::new(tempfile::tempfile().map_err(SpillError)?);
            file.write_all(&self.memory).map_err(SpillError)?;
            self.memory = Vec::new();
            self.file = Some(file);
        }
        Ok(())
    }

    /// Every byte pushed so far, in order; more can be pushed after.
    pub fn contents(&mut self) -> Result<Vec<u8>, SpillError> {
        let Some(writer) = &mut self.file else {
            return Ok(self.memory.clone());
        };
        writer.flush().map_err(SpillError)?;
        let file = writer.get_mut();
        let mut contents = Vec::new();
        file.seek(SeekFrom::Start(0)).map_err(SpillError)?;
        file.read_to_end(&mut contents).map_err(SpillError)?;
        file.seek(SeekFrom::End(0)).map_err(SpillError)?;
        Ok(contents)
    }

    /// Whether the records have gone to the file (for the tests).
    #[cfg(test)]
    pub(crate) fn is_spilled(&self) -> bool {
        self.file.is_some()
    }
}

/// A temporary file that holds what a run remembers until its end could not be made, written
/// or read back (see [`crate::run::spill`]).
#[derive(Debug, thiserror::Error)]
#[error("cannot keep the run's records in a temporary file (TMPDIR names the folder)")]
pub struct SpillError(#[source] pub std::io::Error);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_every_record_in_order_from_memory_or_from_its_file() {
        let mut spill = Spill::with_limit(10);
        spill.push(b"abcd").unwrap();
        spill.push(b"efgh").unwrap();
        assert!(!spill.is_spilled());
        assert_eq!(spill.contents().unwrap(), b"abcdefgh");
        spill.push(b"ijkl").unwrap();
        assert!(spill.is_spilled());
        spill.push(b"mn").unwrap();
        assert_eq!(spill.contents().unwrap(), b"abcdefghijklmn");
        // Read, then pushed to again: the new bytes come at the end.
        spill.push(b"op").unwrap();
        assert_eq!(spill.contents().unwrap(), b"abcdefghijklmnop");
    }
}
