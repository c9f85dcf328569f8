//! Dumps that stream: from the pipeline without a store, or from a kept store a graph at a time.
//!
//! Paths enter; RDF leaves in one of the export formats, and what became of each file goes to
//! an [`Outcomes`] (a [`crate::run::tally::Tally`] keeps a dump's memory flat). (Or a store
//! enters, and its graphs leave in IRI order, each sorted: [`write_store`].) Documents come
//! in source-path order (read, parsed and mapped on every core, a batch at a time), then the
//! reference graph and the linksets. Each document is sorted, hashed and, in the line formats,
//! written out on the core that mapped it ([`PreparedGraph`]); one thread decides what to
//! write and writes. Memory holds a batch, not the corpus (but see below for merged formats):
//! what must be kept per file or per link until the end (the names of the input files, the set
//! each describes, the links to count) waits in temporary files ([`crate::run::spill`]). The output
//! is the same for the same input, on any number of threads.
//!
//! Statements about resources documents share (people, parties, offices, ministries, papers
//! referred to) stand in the shared graph and are written once, whichever documents state them:
//! they are remembered as 128-bit hashes, which stay few since there are only so many members
//! and offices. So TriG and N-Quads, which keep the graphs, run in flat memory.
//!
//! Formats that merge the graphs (Turtle, N-Triples, RDF/XML) promise each triple once, though
//! a set's facts are restated by its answer and its notices, and one document may come as both
//! PDF and DOCX text. Remembering every triple written would grow with the corpus; instead
//! their triples are sorted, as N-Triples lines, in runs on disk ([`sorted`]), and written out
//! at the end in that order, each once, as the store's export writes them. Their memory is
//! flat too, and a subject's statements stand together.
//!
//! JSON-LD keeps the graphs but promises each graph as one node, and each subject one node in
//! it, though the provenance and shared graphs gather statements from every document. Its
//! statements are sorted the same way, as lines that lead with the graph name
//! ([`prepared::LineFormat::GraphThenTriple`]), and compacted as they are written at the end
//! ([`crate::export::jsonld`]); the store's export sorts them so too, and gives the same bytes.

mod prepared;
mod sorted;

pub use prepared::PreparedGraph;

use crate::export::jsonld::JsonLdWriter;
use crate::export::{serializer, ExportFormat};
use crate::map::reference_quads;
use crate::rdf::iri::IriMinter;
use crate::rdf::order::sorted_quads;
use crate::run::links::LinkCounter;
use crate::run::pipeline::{for_each_prepared, Outcomes};
use crate::run::spill::SpillError;
use crate::run::Error;

use crate::map::LoadOptions;
use crate::store::GraphStore;
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser, WriterQuadSerializer};
use oxigraph::model::{NamedNode, Quad, QuadRef, Triple, TripleRef};
use prepared::{Body, LineFormat, PreparedStatement};
use sorted::{MergedLines, SortedLines};
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc;

/// Writes the graph of the documents under `roots` to `writer`, without a store, telling
/// `outcomes` what became of each file.
pub fn write_stream<W: Write>(
    roots: &[PathBuf],
    options: &LoadOptions,
    format: ExportFormat,
    writer: W,
    outcomes: &mut impl Outcomes,
) -> Result<W, Error> {
    write_stream_in_runs(roots, options, format, writer, outcomes, sorted::RUN)
}

/// [`write_stream`], a merged dump's lines sorted in runs of `run_bytes` (the tests lower it).
fn write_stream_in_runs<W: Write>(
    roots: &[PathBuf],
    options: &LoadOptions,
    format: ExportFormat,
    writer: W,
    outcomes: &mut impl Outcomes,
    run_bytes: usize,
) -> Result<W, Error> {
    let mut out = StreamWriter::new(format, &options.minter, writer, run_bytes);
    let shared_graph = options.minter.shared_graph();
    for_each_prepared(
        roots,
        options,
        outcomes,
        |quads| PreparedGraph::new(format, shared_graph.as_ref(), quads.sorted()),
        |prepared| out.write(prepared?),
    )?;
    let reference = reference_quads(&options.minter, &options.reference);
    out.write(out.prepare(reference.sorted())?)?;
    let linksets = out
        .seen
        .links
        .as_mut()
        .expect("counted")
        .quads(&options.minter)?;
    out.write(out.prepare(linksets.sorted())?)?;
    out.finish()
}

/// Writes the graphs of `store`, in IRI order, each sorted, without holding more than one
/// graph in memory.
pub fn write_store<W: Write>(
    store: &GraphStore,
    minter: &IriMinter,
    format: ExportFormat,
    writer: W,
) -> Result<W, Error> {
    let mut out = StreamWriter::new(format, minter, writer, sorted::RUN);
    out.seen.links = None;
    for graph in store.graph_names()? {
        let quads = sorted_quads(store.graph_quads(&graph)?);
        out.write(out.prepare(quads.iter().map(Quad::as_ref))?)?;
    }
    out.finish()
}

struct StreamWriter<W: Write> {
    format: ExportFormat,
    sink: Sink<W>,
    /// The graph of statements about shared resources, written once each.
    shared_graph: NamedNode,
    seen: Seen,
}

/// Where the statements go: straight out as the lines they were prepared as, through a
/// serializer that writes each in the light of those before it, or sorted first (the merged
/// formats, and JSON-LD by graph and subject).
enum Sink<W: Write> {
    Lines(W),
    /// Boxed: a serializer is some hundreds of bytes, and there is one a dump.
    Serializer(Box<WriterQuadSerializer<W>>),
    /// A dump that merges the graphs: its lines wait in [`SortedLines`] until the end.
    Sorted(SortedLines, W),
}

/// What the dump has written so far, as far as it needs to know.
struct Seen {
    /// Hashes of the statements written once so far.
    written: HashSet<u128>,
    /// Counts the links written, for the linksets; `None` when they are written already (a
    /// store holds its own).
    links: Option<LinkCounter>,
}

impl<W: Write> StreamWriter<W> {
    fn new(format: ExportFormat, minter: &IriMinter, writer: W, run_bytes: usize) -> Self {
        let sink = match PreparedGraph::line_format(format) {
            Some(LineFormat::NQuads) => Sink::Lines(writer),
            Some(_) => Sink::Sorted(SortedLines::with_run_bytes(run_bytes), writer),
            None => Sink::Serializer(Box::new(serializer(format).for_writer(writer))),
        };
        Self {
            format,
            sink,
            shared_graph: minter.shared_graph(),
            seen: Seen {
                written: HashSet::new(),
                links: Some(LinkCounter::default()),
            },
        }
    }

    fn prepare<'q>(
        &self,
        sorted: impl IntoIterator<Item = QuadRef<'q>>,
    ) -> io::Result<PreparedGraph> {
        PreparedGraph::new(self.format, self.shared_graph.as_ref(), sorted)
    }

    /// Writes one document's (or one graph's) statements; a statement of the shared graph
    /// only the first time any document states it. (A merged format keeps them to sort.)
    fn write(&mut self, graph: PreparedGraph) -> Result<(), Error> {
        let statements = &graph.statements;
        match (&mut self.sink, &graph.body) {
            (Sink::Lines(writer), Body::Lines(text)) => {
                // Runs of lines to keep go out in one piece.
                let (mut run, mut start) = (0, 0);
                for statement in statements {
                    if !self.seen.admits(statement)? {
                        writer.write_all(&text[run..start])?;
                        run = statement.end;
                    }
                    start = statement.end;
                }
                writer.write_all(&text[run..])?;
            }
            (Sink::Sorted(lines, _), Body::Lines(text)) => {
                let mut start = 0;
                // Every statement goes in: the merge of the runs drops repeats.
                for statement in statements {
                    self.seen.count(statement)?;
                    lines.push(&text[start..statement.end])?;
                    start = statement.end;
                }
            }
            (Sink::Serializer(serializer), Body::Quads(quads)) => {
                for (statement, quad) in statements.iter().zip(quads) {
                    if !self.seen.admits(statement)? {
                        continue;
                    }
                    if self.format.keeps_graphs() {
                        serializer.serialize_quad(quad)?;
                    } else {
                        serializer.serialize_triple(TripleRef::from(quad.as_ref()))?;
                    }
                }
            }
            _ => unreachable!("graphs are prepared for the writer's own format"),
        }
        Ok(())
    }

    fn finish(self) -> Result<W, Error> {
        match self.sink {
            Sink::Lines(writer) => Ok(writer),
            Sink::Serializer(serializer) => Ok(serializer.finish()?),
            Sink::Sorted(lines, writer) => write_sorted_lines(lines, self.format, writer),
        }
    }
}

/// Writes the lines of a merged dump, sorted and each once: as they are for N-Triples, read
/// back by oxigraph's parser for a serializer otherwise. The reading back runs on a thread of
/// its own, beside the serializer: the merge, the parser and the serializer come after every
/// document is mapped, when the other core would be idle.
fn write_sorted_lines<W: Write>(
    lines: SortedLines,
    format: ExportFormat,
    mut writer: W,
) -> Result<W, Error> {
    let mut merged = lines.into_merged()?;
    if format == ExportFormat::JsonLd {
        return write_json_ld(merged, writer);
    }
    if format == ExportFormat::NTriples {
        while let Some(line) = merged.next_line()? {
            writer.write_all(line)?;
        }
        return Ok(writer);
    }
    let mut serializer = serializer(format).for_writer(writer);
    read_back_beside(merged, read_back, |triple| {
        serializer.serialize_triple(triple)
    })?;
    Ok(serializer.finish()?)
}

/// Reads `merged` back with `read` on a thread of its own, handing each item to `write` on
/// this one, until the lines end or `write` fails (its error is the one to report).
fn read_back_beside<T: Send>(
    merged: MergedLines,
    read: fn(MergedLines, &mpsc::SyncSender<Vec<T>>) -> Result<(), Error>,
    mut write: impl FnMut(&T) -> io::Result<()>,
) -> Result<(), Error> {
    std::thread::scope(|scope| {
        let (chunks, received) = mpsc::sync_channel(4);
        let reading = scope.spawn(move || read(merged, &chunks));
        for chunk in received {
            for item in &chunk {
                write(item)?;
            }
        }
        // The channel closes when the reading ends, read to the end or failed.
        reading
            .join()
            .expect("reading back the sorted lines does not panic")
    })
}

/// Writes JSON-LD from its sorted lines (graph, then triple): each graph, and each subject in
/// it, comes once, together. The lines are read back on a thread of its own, as above.
fn write_json_ld<W: Write>(merged: MergedLines, writer: W) -> Result<W, Error> {
    let mut out = JsonLdWriter::new(writer);
    read_back_beside(merged, read_back_quads, |quad| out.serialize_quad(quad))?;
    Ok(out.finish()?)
}

/// Parses the merged graph-then-triple lines into quads, sent on in chunks until the stream
/// ends or the serializer stops taking them. Each chunk's lines are put back as N-Quads (the
/// graph name after the triple) and parsed together.
fn read_back_quads(
    mut merged: MergedLines,
    chunks: &mpsc::SyncSender<Vec<Quad>>,
) -> Result<(), Error> {
    let mut nquads = Vec::with_capacity(CHUNK * 256);
    let mut lines = 0;
    loop {
        let line = merged.next_line()?;
        if let Some(line) = line {
            push_as_nquads(&mut nquads, line)?;
            lines += 1;
        }
        if lines == CHUNK || (line.is_none() && lines > 0) {
            // Lenient: the lines are oxigraph's own, checked when their terms were made.
            let chunk = RdfParser::from_format(RdfFormat::NQuads)
                .lenient()
                .for_slice(&nquads)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|error| unreadable_line(&error.to_string()))?;
            if chunks.send(chunk).is_err() {
                // Refused only when the serializer has stopped, with its own error.
                return Ok(());
            }
            nquads.clear();
            lines = 0;
        }
        if line.is_none() {
            return Ok(());
        }
    }
}

/// `<g> <s> <p> <o> .` as `<s> <p> <o> <g> .` (no graph name: the default graph).
fn push_as_nquads(nquads: &mut Vec<u8>, line: &[u8]) -> Result<(), Error> {
    let (graph, triple) = line
        .iter()
        .position(|byte| *byte == b' ')
        .map(|space| (&line[..space], &line[space + 1..]))
        .ok_or_else(|| unreadable_line("no graph name"))?;
    let triple = triple
        .strip_suffix(b" .\n")
        .ok_or_else(|| unreadable_line("no end"))?;
    nquads.extend_from_slice(triple);
    nquads.push(b' ');
    nquads.extend_from_slice(graph);
    nquads.extend_from_slice(b" .\n");
    Ok(())
}

fn unreadable_line(error: &str) -> Error {
    Error::Output(io::Error::new(
        io::ErrorKind::InvalidData,
        format!("a sorted JSON-LD line did not read back: {error}"),
    ))
}

/// Triples are handed from the reading thread to the serializer this many at a time.
const CHUNK: usize = 4096;

/// Parses the merged lines into triples, sent on in chunks until the stream ends or the
/// serializer stops taking them (its error is the one to report).
fn read_back(merged: MergedLines, chunks: &mpsc::SyncSender<Vec<Triple>>) -> Result<(), Error> {
    // Lenient: the lines are oxigraph's own, checked when their terms were made.
    let parser = RdfParser::from_format(RdfFormat::NTriples).lenient();
    let mut chunk = Vec::with_capacity(CHUNK);
    for quad in parser.for_reader(merged.into_reader()) {
        let quad = quad.map_err(|error| match error {
            // Reading the runs back, not writing the output.
            RdfParseError::Io(error) => Error::Spill(SpillError(error)),
            RdfParseError::Syntax(error) => Error::Output(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a sorted N-Triples line did not read back: {error}"),
            )),
        })?;
        chunk.push(Triple::from(quad));
        if chunk.len() == CHUNK
            && chunks
                .send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))
                .is_err()
        {
            return Ok(());
        }
    }
    // Refused only when the serializer has stopped, with its own error.
    let _ = chunks.send(chunk);
    Ok(())
}

impl Seen {
    /// Whether `statement` is to be written (counting its link if so): a statement of the
    /// shared graph only the first time.
    fn admits(&mut self, statement: &PreparedStatement) -> Result<bool, SpillError> {
        if let Some(hash) = statement.once {
            if !self.written.insert(hash) {
                return Ok(false);
            }
        }
        self.count(statement)?;
        Ok(true)
    }

    /// Counts the link `statement` makes, if it makes one, for the linksets (which count
    /// each link once, however often it is stated).
    fn count(&mut self, statement: &PreparedStatement) -> Result<(), SpillError> {
        if let (Some(links), Some(link)) = (&mut self.links, statement.link) {
            links.insert(link)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::tally::Tally;

    fn dump(format: ExportFormat, run_bytes: usize) -> Vec<u8> {
        let seeds = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        let options = LoadOptions::default();
        let mut outcomes = Tally::default();
        write_stream_in_runs(
            &[seeds],
            &options,
            format,
            Vec::new(),
            &mut outcomes,
            run_bytes,
        )
        .unwrap()
    }

    /// The store's JSON-LD export sorts as the stream's does, and is the same bytes: each
    /// graph one node, though the store gives them a graph at a time.
    #[test]
    fn the_stores_json_ld_is_the_streams() {
        let seeds = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        let options = LoadOptions::default();
        let loaded = crate::run::pipeline::load(&[seeds], &options).unwrap();
        let from_store = write_store(
            &loaded.store,
            &options.minter,
            ExportFormat::JsonLd,
            Vec::new(),
        )
        .unwrap();
        assert!(from_store == dump(ExportFormat::JsonLd, sorted::RUN));
    }

    /// Through a hundred runs on disk or in one run in memory, the shipped documents' merged
    /// dump (and JSON-LD, sorted the same way by graph first) is the same bytes: the
    /// documents, the reference graph and the linksets, sorted.
    #[test]
    fn a_merged_dump_from_runs_on_disk_is_the_one_from_memory() {
        for format in [
            ExportFormat::NTriples,
            ExportFormat::Turtle,
            ExportFormat::JsonLd,
        ] {
            let in_memory = dump(format, sorted::RUN);
            assert!(
                in_memory.len() > 500_000,
                "{format:?}: {} bytes",
                in_memory.len()
            );
            // The seeds' 1.5 MB of N-Triples in runs of 16 kB: many runs, merged on the way.
            let from_runs = dump(format, 16 << 10);
            assert!(from_runs == in_memory, "{format:?}");
        }
    }
}
