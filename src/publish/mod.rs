//! A folder an open-data portal can harvest: the dumps, the vocabulary and shapes, the JSON-LD
//! context of the vocabulary's prefixes, and a DCAT/VoID description of the dumps.
//!
//! Input paths, load options and the publisher's [`PublishSettings`] enter; files leave in
//! the output folder, and a [`PublishReport`] lists them. Each dump is streamed as
//! `kamervragen export` writes it (sorted, byte-identical for the same input), optionally
//! gzipped as well; the statistics of the description are counted from the N-Triples dump,
//! so they describe exactly what was written. Every file is written under a temporary name and
//! moved into place when complete.

mod description;
pub mod settings;
mod statistics;

pub use description::{describe_served, Conformance, PublishedFile};
pub use settings::{PublishSettings, SettingsFile};
pub use statistics::Statistics;

use crate::export::{jsonld, write_sorted, ExportFormat};
use crate::run::pipeline::LoadReport;
use crate::run::Error;

use crate::export::stream::write_stream;
use crate::map::LoadOptions;
use crate::rdf::vocab;
use description::describe;
use oxigraph::model::{GraphName, NamedNode, Quad};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The dumps, in the order they are written: the merged N-Triples dump is the one counted.
pub(crate) const DUMP_FORMATS: [ExportFormat; 4] = [
    ExportFormat::Turtle,
    ExportFormat::TriG,
    ExportFormat::NTriples,
    ExportFormat::NQuads,
];
/// The name every dump shares before its ending.
pub(crate) const DUMP_NAME: &str = "kamervragen";
/// The SHACL shapes the data conforms to, as shipped in `ontology/`.
pub const SHAPES_TURTLE: &str = include_str!("../../ontology/shapes.ttl");

/// What was published.
#[derive(Debug)]
pub struct PublishReport {
    /// The dumps, with their sizes and checksums, in the order written.
    pub dumps: Vec<PublishedFile>,
    /// Every file in the folder, by name, in the order written.
    pub files: Vec<PathBuf>,
    pub statistics: Statistics,
    /// What became of each input file (from the first dump; every dump reads the same).
    pub load: LoadReport,
}

/// The gzip writer of every `.gz` dump: no time and no name in its header, so that the same
/// dump always gives the same bytes.
pub fn gzip_writer<W: Write>(out: W) -> flate2::write::GzEncoder<W> {
    flate2::GzBuilder::new()
        .mtime(0)
        .write(out, flate2::Compression::default())
}

/// Writes the folder `out` for the documents under `roots`.
pub fn publish(
    roots: &[PathBuf],
    options: &LoadOptions,
    settings: &PublishSettings,
    gzip: bool,
    out: &Path,
) -> Result<PublishReport, Error> {
    fs::create_dir_all(out)?;
    let mut dumps = Vec::new();
    let mut files = Vec::new();
    let mut load = None;
    for format in DUMP_FORMATS {
        // Every dump reads the same files: the first one's report stands for all.
        let mut report = LoadReport::default();
        let name = format!("{DUMP_NAME}.{}", format.extension());
        let path = out.join(&name);
        let tally = write_atomically(&path, |file| {
            let writer = write_stream(
                roots,
                options,
                format,
                BufWriter::new(Tally::new(file)),
                &mut report,
            )?;
            finish(writer)
        })?;
        load.get_or_insert(report);
        dumps.push(tally.described(name, format, false));
        files.push(path.clone());
        if gzip {
            let name = format!("{DUMP_NAME}.{}.gz", format.extension());
            let gz_path = out.join(&name);
            let tally = write_atomically(&gz_path, |file| gzip_file(&path, file))?;
            dumps.push(tally.described(name, format, true));
            files.push(gz_path);
        }
    }
    let ntriples = out.join(format!(
        "{DUMP_NAME}.{}",
        ExportFormat::NTriples.extension()
    ));
    let statistics = Statistics::count(BufReader::new(File::open(&ntriples)?))
        .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
    // The context is not a distribution of the dataset (as the ontology and shapes are not):
    // it is what a JSON-LD document of the data may point its `@context` at.
    let context = jsonld::context_document();
    for (name, bytes) in [
        ("ontology.ttl", vocab::ONTOLOGY_TURTLE.as_bytes()),
        ("shapes.ttl", SHAPES_TURTLE.as_bytes()),
        (jsonld::CONTEXT_FILE, context.as_slice()),
    ] {
        let path = out.join(name);
        write_atomically(&path, |mut file| Ok(file.write_all(bytes)?))?;
        files.push(path);
    }
    let conformance = Conformance {
        shapes: NamedNode::new(format!("{}shapes.ttl", settings.download_url))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?,
    };
    let description = describe(settings, &statistics, &dumps, &options.minter, &conformance);
    let quads: Vec<Quad> = description
        .into_iter()
        .map(|triple| triple.in_graph(GraphName::DefaultGraph))
        .collect();
    let path = out.join("dataset.ttl");
    write_atomically(&path, |file| {
        write_sorted(quads, ExportFormat::Turtle, BufWriter::new(file))?.flush()?;
        Ok(())
    })?;
    files.push(path);
    Ok(PublishReport {
        dumps,
        files,
        statistics,
        load: load.unwrap_or_default(),
    })
}

/// Counts and hashes the bytes written through it on their way to `inner` (a file, or
/// nothing), so that a dump's size and SHA-256 need no second read.
pub(crate) struct Tally<W> {
    pub(crate) inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Tally<W> {
    pub(crate) fn new(inner: W) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    /// The file as the description lists it.
    pub(crate) fn described(self, name: String, format: ExportFormat, gzip: bool) -> PublishedFile {
        PublishedFile {
            name,
            format,
            gzip,
            bytes: self.bytes,
            sha256: format!("{:x}", self.hasher.finalize()),
        }
    }
}

impl<W: Write> Write for Tally<W> {
    fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buffer)?;
        self.hasher.update(&buffer[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Flushes a buffered tally and syncs its file to disk.
fn finish(writer: BufWriter<Tally<File>>) -> Result<Tally<File>, Error> {
    let tally = writer.into_inner().map_err(|e| e.into_error())?;
    tally.inner.sync_all()?;
    Ok(tally)
}

/// Compresses `source` into `file`. The gzip header holds no time and no name, so the same
/// dump always gives the same bytes.
fn gzip_file(source: &Path, file: File) -> Result<Tally<File>, Error> {
    let mut encoder = gzip_writer(BufWriter::new(Tally::new(file)));
    io::copy(&mut BufReader::new(File::open(source)?), &mut encoder)?;
    finish(encoder.finish()?)
}

/// Writes `path` under a temporary name, and moves it into place once `write` succeeded.
fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(File) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let result = write(File::create(&partial)?);
    match result {
        Ok(value) => {
            fs::rename(&partial, path)?;
            Ok(value)
        }
        Err(error) => {
            let _ = fs::remove_file(&partial);
            Err(error)
        }
    }
}
