//! The whole graph as a file to download: `/dump/kamervragen.nq` (or `.trig`, `.ttl`, `.nt`),
//! the bytes `kamervragen export` writes from the same store, each also gzipped (`.nq.gz` …);
//! and the files the dataset's description names beside them: `dataset.ttl` (the description
//! itself, [`super::catalogue`]), `ontology.ttl` and `shapes.ttl`, as `publish` writes them.
//!
//! A dump of the whole corpus is larger than memory should hold, so it is not made first and
//! sent after: a thread writes it into a pipe while the server sends what comes out, and a
//! client that goes away closes the pipe, which stops the writing. Dumps are never kept by the
//! cache.

use super::protocol::Refusal;
use super::reply::Reply;
use super::Endpoint;
use crate::export::stream::write_store;
use crate::export::{write_sorted, ExportFormat};
use crate::publish::{gzip_writer, SHAPES_TURTLE};
use crate::rdf::iri::IriMinter;
use crate::rdf::vocab::ONTOLOGY_TURTLE;
use crate::store::GraphStore;
use oxhttp::model::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use oxhttp::model::{Body, HeaderValue, Response};
use std::io::{BufWriter, Write};
use std::path::Path;

/// The path under which dumps are served.
pub(crate) const DUMP_PREFIX: &str = "/dump/";

/// The dumps offered: the formats of the published folder.
pub(crate) const DUMP_FORMATS: [ExportFormat; 4] = [
    ExportFormat::NQuads,
    ExportFormat::TriG,
    ExportFormat::Turtle,
    ExportFormat::NTriples,
];

/// The buffer a dump is written through.
pub(crate) const DUMP_BUFFER: usize = 1 << 16;

/// The media type of a gzipped dump.
const GZIP_TYPE: &str = "application/gzip";

/// The file name of the dump in `format`.
pub(crate) fn dump_name(format: ExportFormat) -> String {
    format!("kamervragen.{}", format.extension())
}

/// The file name of the dump in `format`, gzipped or not.
pub(crate) fn dump_file_name(format: ExportFormat, gzip: bool) -> String {
    let name = dump_name(format);
    if gzip {
        name + ".gz"
    } else {
        name
    }
}

/// Writes the dump in `format`, gzipped or not, into `out`: what `/dump/` sends, and what the
/// description counts and hashes.
pub(crate) fn write_dump<W: Write>(
    store: &GraphStore,
    minter: &IriMinter,
    format: ExportFormat,
    gzip: bool,
    out: W,
) -> Result<(), crate::run::Error> {
    if gzip {
        // The encoder takes the plain dump in the chunks of the same buffer, so the bytes are
        // those the description's writer ([`super::catalogue`]) compresses.
        let mut encoder = BufWriter::with_capacity(DUMP_BUFFER, gzip_writer(out));
        write_store(store, minter, format, &mut encoder)?.flush()?;
        encoder
            .into_inner()
            .map_err(|error| error.into_error())?
            .finish()?
            .flush()?;
    } else {
        write_store(
            store,
            minter,
            format,
            BufWriter::with_capacity(DUMP_BUFFER, out),
        )?
        .flush()?;
    }
    Ok(())
}

impl Endpoint {
    /// Streams the dump that `file` names (or sends the description, the vocabulary or the
    /// shapes), or refuses a name that is not one.
    pub(super) fn dump(&self, file: &str) -> Result<Response<Body>, Refusal> {
        let text = match file {
            "dataset.ttl" => {
                let quads = self.description()?.as_ref().clone();
                Some(
                    write_sorted(quads, ExportFormat::Turtle, Vec::new())
                        .map_err(|error| Refusal::new(500, error.to_string()))?,
                )
            }
            "ontology.ttl" => Some(ONTOLOGY_TURTLE.as_bytes().to_vec()),
            "shapes.ttl" => Some(SHAPES_TURTLE.as_bytes().to_vec()),
            _ => None,
        };
        if let Some(bytes) = text {
            let mut response = Reply::ok("text/turtle", bytes).to_response();
            attachment(&mut response, file);
            return Ok(response);
        }
        let (plain, gzip) = match file.strip_suffix(".gz") {
            Some(plain) => (plain, true),
            None => (file, false),
        };
        let format = ExportFormat::from_path(Path::new(plain))
            .filter(|format| DUMP_FORMATS.contains(format) && dump_name(*format) == plain)
            .ok_or_else(|| {
                let mut names: Vec<String> = DUMP_FORMATS.into_iter().map(dump_name).collect();
                names.extend(DUMP_FORMATS.map(|format| dump_file_name(format, true)));
                names.extend(["dataset.ttl", "ontology.ttl", "shapes.ttl"].map(String::from));
                Refusal::new(
                    404,
                    format!("not found: the files are {}", names.join(", ")),
                )
            })?;
        let (reader, writer) = std::io::pipe()
            .map_err(|error| Refusal::new(500, format!("cannot start the dump: {error}")))?;
        let (store, minter) = (self.store.clone(), self.options.minter.clone());
        // An error here is the client leaving (the pipe closed): nobody is left to tell.
        std::thread::spawn(move || write_dump(&store, &minter, format, gzip, writer));
        let mut response = Response::new(Body::from_read(reader));
        let media_type = if gzip {
            GZIP_TYPE
        } else {
            format.rdf_format().media_type()
        };
        if let Ok(value) = HeaderValue::from_str(media_type) {
            response.headers_mut().insert(CONTENT_TYPE, value);
        }
        attachment(&mut response, file);
        Ok(response)
    }
}

fn attachment(response: &mut Response<Body>, file: &str) {
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        response.headers_mut().insert(CONTENT_DISPOSITION, value);
    }
}
