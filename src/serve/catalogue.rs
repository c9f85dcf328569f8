//! The dataset's DCAT/VoID description, at `/dataset`, `/.well-known/void` and
//! `/dump/dataset.ttl`: the description `kamervragen publish` writes (`publish::describe_served`),
//! of the dumps this server offers under `/dump/`, with the endpoint as a `dcat:DataService`.
//! A browser gets it as a page; each resource it mints under `/dataset/` (a file, a checksum)
//! answers there with what it says of that resource.
//!
//! The store and the publisher's settings (when given) enter; triples leave. The description
//! gives each dump's size and SHA-256 and the statistics of the N-Triples dump, so the first
//! request that needs it writes every format once, through a hash and, compressed, through
//! another (the N-Triples dump also to a temporary file, which is counted); the description
//! is then kept while the server runs, since the store does not change.

use super::dumps::{dump_file_name, DUMP_BUFFER, DUMP_FORMATS, DUMP_PREFIX};
use super::graphs::{graph_media_type, parameters_format, read_only};
use super::html::Language;
use super::media::short_name;
use super::protocol::{parse_form, Refusal};
use super::reply::Reply;
use super::{graph_response, Endpoint};
use crate::export::stream::write_store;
use crate::export::ExportFormat;
use crate::publish::{
    describe_served, gzip_writer, Conformance, PublishSettings, Statistics, Tally,
};
use oxhttp::model::{Body, Request};
use oxigraph::model::{GraphName, NamedNode, Quad};
use std::io::{self, BufReader, BufWriter, Seek, Write};
use std::sync::Arc;

/// The dataset's path under the base, as `publish` names it.
const DATASET: &str = "dataset";

/// The described dataset, as kept once made.
pub(super) type Described = Result<Arc<Vec<Quad>>, String>;

impl Endpoint {
    /// The description, made on first use and then kept.
    pub(super) fn description(&self) -> Result<Arc<Vec<Quad>>, Refusal> {
        self.description
            .get_or_init(|| {
                self.describe_dataset()
                    .map(Arc::new)
                    .map_err(|error| format!("cannot describe the dataset: {error}"))
            })
            .clone()
            .map_err(|message| Refusal::new(500, message))
    }

    /// `/dataset` and `/.well-known/void`: the description in the format negotiated.
    pub(super) fn dataset(&self, request: &Request<Body>) -> Result<Reply, Refusal> {
        read_only(request)?;
        let quads = self.description()?.as_ref().clone();
        // The settings may name the dataset otherwise than `{base}dataset`.
        let dataset = match &self.options.settings {
            Some(settings) => settings.dataset.clone(),
            None => self.described(DATASET)?,
        };
        self.described_reply(request, "The dataset", &dataset, quads)
    }

    /// `/dataset/…`: a resource the description names (a file, its checksum, the endpoint),
    /// with the statements the description makes of it.
    pub(super) fn described_resource(&self, request: &Request<Body>) -> Result<Reply, Refusal> {
        read_only(request)?;
        let path = request.uri().path();
        let iri = self.described(path.trim_start_matches('/'))?;
        let quads: Vec<Quad> = self
            .description()?
            .iter()
            .filter(|quad| quad.subject.as_ref() == iri.as_ref().into())
            .cloned()
            .collect();
        if quads.is_empty() {
            return Err(Refusal::new(
                404,
                format!("not found: the dataset's description says nothing of {iri}"),
            ));
        }
        self.described_reply(request, path, &iri, quads)
    }

    /// The IRI under the base of `path` (without its leading `/`).
    fn described(&self, path: &str) -> Result<NamedNode, Refusal> {
        NamedNode::new(format!("{}{path}", self.options.minter.base()))
            .map_err(|_| Refusal::new(404, "not found: this path names nothing described"))
    }

    /// `quads` of the description as a page, titled `title`, or as RDF, as negotiated.
    fn described_reply(
        &self,
        request: &Request<Body>,
        title: &str,
        iri: &NamedNode,
        quads: Vec<Quad>,
    ) -> Result<Reply, Refusal> {
        let parameters = parse_form(request.uri().query().unwrap_or("").as_bytes());
        let media_type = graph_media_type(request, &parameters_format(&parameters), true)?;
        let path = request.uri().path();
        if media_type == "text/html" {
            let page = self.description_page(title, iri, &quads, path, Language::of(request))?;
            return Ok(Reply::html(page).negotiated(format!("{path}?format=html")));
        }
        let location = format!("{path}?format={}", short_name(media_type));
        Ok(graph_response(media_type, quads)?.negotiated(location))
    }

    fn describe_dataset(&self) -> Result<Vec<Quad>, Box<dyn std::error::Error>> {
        let minter = &self.options.minter;
        let base = minter.base();
        // The files and the endpoint described are this server's, whatever the settings say
        // of a portal's copies.
        let (mut settings, attributed) = match &self.options.settings {
            Some(settings) => (settings.as_ref().clone(), true),
            None => (PublishSettings::unattributed(base)?, false),
        };
        settings.download_url = format!("{base}{}", DUMP_PREFIX.trim_start_matches('/'));
        settings.sparql_endpoint = Some(NamedNode::new(format!("{base}sparql"))?);
        let mut files = Vec::new();
        let mut statistics = None;
        for format in DUMP_FORMATS {
            // Written once: its bytes counted as they go, and compressed on the way as /dump/
            // compresses them. The N-Triples dump is also kept, to be counted for the
            // statistics.
            let spool = match format {
                ExportFormat::NTriples => Some(tempfile::tempfile()?),
                _ => None,
            };
            let plain: Box<dyn Write> = match &spool {
                Some(file) => Box::new(file.try_clone()?),
                None => Box::new(io::sink()),
            };
            let mut both = Both(Tally::new(plain), gzip_writer(Tally::new(io::sink())));
            write_store(
                &self.store,
                minter,
                format,
                BufWriter::with_capacity(DUMP_BUFFER, &mut both),
            )?
            .flush()?;
            let Both(plain, compressed) = both;
            files.push(plain.described(dump_file_name(format, false), format, false));
            let compressed = compressed.finish()?;
            files.push(compressed.described(dump_file_name(format, true), format, true));
            if let Some(mut spool) = spool {
                spool.rewind()?;
                statistics = Some(Statistics::count(BufReader::new(spool))?);
            }
        }
        let statistics = statistics.unwrap_or_default();
        let conformance = Conformance {
            shapes: NamedNode::new(format!("{}shapes.ttl", settings.download_url))?,
        };
        let triples = describe_served(
            &settings,
            attributed,
            &statistics,
            &files,
            minter,
            &conformance,
        );
        Ok(triples
            .into_iter()
            .map(|triple| triple.in_graph(GraphName::DefaultGraph))
            .collect())
    }
}

/// Writes what it is given to both its writers.
struct Both<A, B>(A, B);

impl<A: Write, B: Write> Write for Both<A, B> {
    fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
        self.0.write_all(buffer)?;
        self.1.write_all(buffer)?;
        Ok(buffer.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()?;
        self.1.flush()
    }
}
