//! The whole graph as a file to download: `/dump/kamervragen.nq` (or `.trig`, `.ttl`, `.nt`),
//! the bytes `kamervragen export` writes from the same store.
//!
//! A dump of the whole corpus is larger than memory should hold, so it is not made first and
//! sent after: a thread writes it into a pipe while the server sends what comes out, and a
//! client that goes away closes the pipe, which stops the writing. Dumps are never kept by the
//! cache.

use super::protocol::Refusal;
use super::Endpoint;
use crate::export::stream::write_store;
use crate::export::ExportFormat;
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

/// The file name of the dump in `format`.
pub(crate) fn dump_name(format: ExportFormat) -> String {
    format!("kamervragen.{}", format.extension())
}

impl Endpoint {
    /// Streams the dump that `file` names, or refuses a name that is not one.
    pub(super) fn dump(&self, file: &str) -> Result<Response<Body>, Refusal> {
        let format = ExportFormat::from_path(Path::new(file))
            .filter(|format| DUMP_FORMATS.contains(format) && dump_name(*format) == file)
            .ok_or_else(|| {
                let names: Vec<String> = DUMP_FORMATS.into_iter().map(dump_name).collect();
                Refusal::new(
                    404,
                    format!("not found: the dumps are {}", names.join(", ")),
                )
            })?;
        let (reader, writer) = std::io::pipe()
            .map_err(|error| Refusal::new(500, format!("cannot start the dump: {error}")))?;
        let (store, minter) = (self.store.clone(), self.options.minter.clone());
        std::thread::spawn(move || {
            // An error here is the client leaving (the pipe closed): nobody is left to tell.
            let mut out = BufWriter::with_capacity(1 << 16, writer);
            if write_store(&store, &minter, format, &mut out).is_ok() {
                let _ = out.flush();
            }
        });
        let mut response = Response::new(Body::from_read(reader));
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(format.rdf_format().media_type()) {
            headers.insert(CONTENT_TYPE, value);
        }
        if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
            headers.insert(CONTENT_DISPOSITION, value);
        }
        Ok(response)
    }
}
