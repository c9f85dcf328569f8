//! Running a validated configuration: load the documents, then export or query.

use super::config::{
    CheckConfig, Config, ExportConfig, GraphSource, ImportMembersConfig, ImportTkConfig, Inputs,
    LoadConfig, Output, PublishConfig, PushConfig, PushTarget, QueryConfig, ServeConfig,
    ValidateConfig, ValidateData,
};
use super::members::write_members;
use super::report::{print_load_report, write_check_json, write_check_text, StreamedReport};
use super::Outcome;
use anyhow::{Context, Result};
use kamervragen::export::results::{write_results, ResultsFormat};
use kamervragen::export::stream::{write_store, write_stream};
use kamervragen::identity::members_import::import_members;
use kamervragen::identity::reference::ReferenceData;
use kamervragen::identity::tk_import::TkExport;
use kamervragen::publish::publish;
use kamervragen::push;
use kamervragen::rdf::iri::IriMinter;
use kamervragen::run::pipeline::LoadReport;
use kamervragen::run::pipeline::{self, Loaded};
use kamervragen::run::sync::update;
use kamervragen::serve::{serve, Endpoint, ServerLimits, IDLE_TIMEOUT, REQUEST_DEADLINE};
use kamervragen::source::read_rdf_file;
use kamervragen::store::GraphStore;
use kamervragen::validate::shapes::read_shapes;
use kamervragen::validate::validate;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

pub fn execute(config: Config) -> Result<Outcome> {
    match config {
        Config::Export(export) => run_export(export),
        Config::Load(load) => run_load(load),
        Config::Query(query) => run_query(query),
        Config::Check(check) => run_check(check),
        Config::Members(inputs) => run_members(inputs),
        Config::ImportTk(import) => run_import_tk(import),
        Config::ImportMembers(import) => run_import_members(import),
        Config::Publish(publish) => run_publish(*publish),
        Config::Validate(validate) => run_validate(validate),
        Config::Serve(serve) => run_serve(serve),
        Config::Push(push) => run_push(push),
    }
}

fn run_serve(config: ServeConfig) -> Result<Outcome> {
    let store = match config.source {
        GraphSource::Files(inputs) => load(&inputs)?.store,
        GraphSource::Store { dir, .. } => GraphStore::open_read_only(&dir)?,
    };
    // The store is only read, so stopping at any moment loses nothing.
    ctrlc::set_handler(|| {
        let _ = writeln!(io::stderr(), "kamervragen: stopped");
        std::process::exit(0);
    })
    .context("cannot listen for Ctrl-C and SIGTERM")?;
    let max_body = config.options.max_body;
    let endpoint = Endpoint::new(store, config.options);
    let address = config.address;
    let limits = ServerLimits {
        max_connections: config.max_connections,
        max_body,
        request_deadline: REQUEST_DEADLINE,
        idle_timeout: IDLE_TIMEOUT,
    };
    let server =
        serve(endpoint, address, limits).with_context(|| format!("cannot serve on {address}"))?;
    writeln!(
        io::stdout(),
        "serving SPARQL at http://{address}/sparql (Ctrl-C stops)"
    )?;
    server
        .join()
        .map_err(|_| anyhow::anyhow!("the server stopped"))?;
    Ok(Outcome::Success)
}

fn run_push(config: PushConfig) -> Result<Outcome> {
    match config.source {
        GraphSource::Files(inputs) => {
            let loaded = load(&inputs)?;
            let outcome = outcome(&loaded);
            let pushed = push_store(&loaded.store, config.target, config.quiet);
            keep_until_exit(loaded);
            pushed.map(|()| outcome)
        }
        GraphSource::Store { dir, .. } => {
            let store = GraphStore::open_read_only(&dir)?;
            push_store(&store, config.target, config.quiet).map(|()| Outcome::Success)
        }
    }
}

fn push_store(store: &GraphStore, target: PushTarget, quiet: bool) -> Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    match target {
        PushTarget::DryRun { endpoint } => {
            let (mut triples, mut bytes, mut graphs) = (0, 0, 0);
            for graph in push::graph_names(store)? {
                let upload = push::upload(store, &graph)?;
                let target = match &endpoint {
                    Some(endpoint) => format!("PUT {}", push::graph_url(endpoint, graph.as_str())),
                    None => graph.to_string(),
                };
                writeln!(
                    out,
                    "{target} ({} triples, {} bytes)",
                    upload.triples,
                    upload.ntriples.len()
                )?;
                graphs += 1;
                triples += upload.triples;
                bytes += upload.ntriples.len();
            }
            writeln!(
                out,
                "dry run: {graphs} graphs, {triples} triples, {bytes} bytes would be written"
            )?;
        }
        PushTarget::Endpoint(options) => {
            let bar = (!quiet).then(super::progress::push_bar);
            let report = push::push(store, &options, &|done, total| {
                if let Some(bar) = &bar {
                    (bar.0)(done, total);
                }
            })?;
            let statuses: Vec<String> = report
                .statuses
                .iter()
                .map(|(status, count)| format!("{count} × {status}"))
                .collect();
            writeln!(
                out,
                "pushed {} graphs, {} triples, {} bytes to {} (answers: {})",
                report.graphs,
                report.triples,
                report.bytes,
                options.endpoint,
                statuses.join(", ")
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn run_publish(config: PublishConfig) -> Result<Outcome> {
    let inputs = &config.inputs;
    let report = publish(
        &inputs.roots,
        &inputs.options,
        &config.settings,
        config.gzip,
        &config.output,
    )
    .with_context(|| format!("cannot publish to `{}`", config.output.display()))?;
    print_load_report(&report.load, inputs.verbose)?;
    let mut out = io::stdout().lock();
    for path in &report.files {
        let bytes = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        writeln!(out, "{:>12}  {}", bytes, path.display())?;
    }
    let statistics = &report.statistics;
    writeln!(
        out,
        "{} triples, {} entities, {} classes, {} properties",
        statistics.triples,
        statistics.entities,
        statistics.classes.len(),
        statistics.properties.len()
    )?;
    Ok(report_outcome(&report.load))
}

fn run_validate(config: ValidateConfig) -> Result<Outcome> {
    let (shapes_text, shapes_name) = &config.shapes;
    let shapes = read_shapes(shapes_text).with_context(|| format!("shapes `{shapes_name}`"))?;
    let (store, load_outcome) = match &config.data {
        ValidateData::Documents(inputs) => {
            let loaded = load(inputs)?;
            let outcome = outcome(&loaded);
            (loaded.store, outcome)
        }
        ValidateData::Rdf(files) => {
            let store = GraphStore::new()?;
            let mut loader = store.loader()?;
            for (path, format) in files {
                loader.add(
                    read_rdf_file(path, format.rdf_format())?
                        .iter()
                        .map(oxigraph::model::Quad::as_ref),
                )?;
            }
            loader.commit()?;
            (store, Outcome::Success)
        }
    };
    let violations = validate(&store, &shapes)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for violation in &violations {
        writeln!(out, "{violation}")?;
    }
    writeln!(
        out,
        "{} violation(s) of {} shape(s) from {shapes_name}",
        violations.len(),
        shapes.len()
    )?;
    out.flush()?;
    Ok(if violations.is_empty() {
        load_outcome
    } else {
        Outcome::Violations
    })
}

fn run_import_tk(config: ImportTkConfig) -> Result<Outcome> {
    let export = TkExport::read(&config.files)?;
    let (merged, summary) = export.merge(&config.reference)?;
    write_tables(&merged, &config.output)?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "imported {} new and {} updated members, {} new parties, {} zaken; wrote the tables to {} (use them with --reference {})",
        summary.members_added,
        summary.members_updated,
        summary.parties_added,
        summary.zaken,
        config.output.display(),
        config.output.display()
    )?;
    Ok(Outcome::Success)
}

fn run_import_members(config: ImportMembersConfig) -> Result<Outcome> {
    let (merged, summary) = import_members(&config.folder, &config.reference)?;
    write_tables(&merged, &config.output)?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "imported {} people ({} with a TK Persoon GUID, {} with a Wikidata id, {} of those from openkamer; {} listed twice read once), replacing {} rows; {} new parties; wrote the tables to {}",
        summary.people,
        summary.with_tk_persoon,
        summary.with_wikidata,
        summary.wikidata_from_openkamer,
        summary.duplicates_merged,
        summary.rows_replaced,
        summary.parties_added,
        config.output.display()
    )?;
    for (key, ours, theirs) in &summary.disagreements {
        writeln!(
            out,
            "note: {key}: the sources give Wikidata ids {ours} and {theirs}; left out"
        )?;
    }
    Ok(Outcome::Success)
}

/// The tables as TOML files in `folder`, each replaced whole or not at all.
fn write_tables(tables: &ReferenceData, folder: &Path) -> Result<()> {
    let files = tables
        .to_files()
        .context("cannot write the tables as TOML")?;
    fs::create_dir_all(folder).with_context(|| format!("cannot create `{}`", folder.display()))?;
    for (name, text) in files {
        write_file_atomically(&folder.join(name), |mut file| {
            file.write_all(text.as_bytes())
        })?;
    }
    Ok(())
}

fn run_members(inputs: Inputs) -> Result<Outcome> {
    let loaded = load(&inputs)?;
    let written = write_to_stdout(|out| write_members(&loaded, inputs.options.minter.base(), out));
    let outcome = outcome(&loaded);
    keep_until_exit(loaded);
    written.map(|()| outcome)
}

fn run_check(config: CheckConfig) -> Result<Outcome> {
    let loaded = pipeline::load(&config.inputs.roots, &config.inputs.options)?;
    let written = write_to_stdout(|out| {
        if config.json {
            write_check_json(&loaded.report, out)?;
        } else {
            write_check_text(&loaded.report, out)?;
        }
        Ok(())
    });
    let outcome = outcome(&loaded);
    keep_until_exit(loaded);
    written.map(|()| outcome)
}

/// Writes to standard output through a buffer, flushed at the end.
fn write_to_stdout(
    write: impl FnOnce(&mut BufWriter<io::StdoutLock<'static>>) -> Result<()>,
) -> Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    write(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Leaves what a command loaded in memory for the system to reclaim when the process ends, at
/// once: freeing the store of 100,000 documents piece by piece took 2.5 s, after the answer
/// was out. Only for what is in memory: a store on disk is closed, so that RocksDB shuts down
/// as it should.
fn keep_until_exit<T>(loaded: T) {
    std::mem::forget(loaded);
}

fn load(inputs: &Inputs) -> Result<Loaded> {
    let loaded = pipeline::load(&inputs.roots, &inputs.options)?;
    print_load_report(&loaded.report, inputs.verbose)?;
    Ok(loaded)
}

fn outcome(loaded: &Loaded) -> Outcome {
    report_outcome(&loaded.report)
}

fn report_outcome(report: &LoadReport) -> Outcome {
    failures_outcome(report.has_failures())
}

fn failures_outcome(has_failures: bool) -> Outcome {
    if has_failures {
        Outcome::SomeDocumentsFailed
    } else {
        Outcome::Success
    }
}

fn run_load(config: LoadConfig) -> Result<Outcome> {
    let inputs = &config.inputs;
    let store = GraphStore::open(&config.store)?;
    let report = update(&inputs.roots, &inputs.options, &store, config.prune)?;
    print_load_report(&report.load, inputs.verbose)?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{}: {} added, {} replaced, {} unchanged, {} removed",
        config.store.display(),
        report.added,
        report.replaced,
        report.unchanged,
        report.removed.len()
    )?;
    if config.prune {
        if report.shared_kept_for_failures {
            writeln!(out, "statements about shared resources were not pruned, since some files failed: their earlier versions stay in the store")?;
        } else {
            writeln!(
                out,
                "{} statements about shared resources that no file makes any more were removed",
                report.shared_removed
            )?;
        }
    }
    Ok(report_outcome(&report.load))
}

/// A straight dump needs no store: the documents stream to the output.
fn run_export(config: ExportConfig) -> Result<Outcome> {
    let format = config.format;
    match &config.source {
        GraphSource::Files(inputs) => {
            let mut report = StreamedReport::new(inputs.verbose);
            write_dump(&config.output, |out| {
                write_stream(&inputs.roots, &inputs.options, format, out, &mut report).map(drop)
            })?;
            let tally = report.finish()?;
            Ok(failures_outcome(tally.has_failures()))
        }
        GraphSource::Store { dir, minter } => {
            let store = GraphStore::open_read_only(dir)?;
            write_dump(&config.output, |out| {
                write_store(&store, minter, format, out).map(drop)
            })?;
            Ok(Outcome::Success)
        }
    }
}

/// Writes a dump to standard output, or to a file that appears only once it is whole.
fn write_dump<T>(
    output: &Output,
    dump: impl FnOnce(&mut dyn Write) -> Result<T, kamervragen::Error>,
) -> Result<T> {
    match output {
        Output::Stdout => {
            let mut out = BufWriter::new(io::stdout().lock());
            let done = dump(&mut out)?;
            out.flush()?;
            Ok(done)
        }
        Output::File(path) => {
            let mut done = None;
            write_file_atomically(path, |file| {
                let mut out = BufWriter::new(file);
                done = Some(dump(&mut out).map_err(io::Error::other)?);
                out.flush()
            })?;
            Ok(done.expect("written"))
        }
    }
}

fn run_query(config: QueryConfig) -> Result<Outcome> {
    match config.source {
        GraphSource::Files(inputs) => {
            let loaded = load(&inputs)?;
            let outcome = outcome(&loaded);
            let answered = answer(
                &loaded.store,
                &config.sparql,
                &inputs.options.minter,
                config.format,
            );
            keep_until_exit(loaded);
            answered.map(|()| outcome)
        }
        GraphSource::Store { dir, minter } => {
            let store = GraphStore::open_read_only(&dir)?;
            answer(&store, &config.sparql, &minter, config.format).map(|()| Outcome::Success)
        }
    }
}

/// Runs a query and writes its results to standard output.
fn answer(
    store: &GraphStore,
    sparql: &str,
    minter: &IriMinter,
    format: ResultsFormat,
) -> Result<()> {
    let results = store.query(sparql, minter.base())?;
    let writer = write_results(results, format, BufWriter::new(io::stdout().lock()))?;
    writer.into_inner().map_err(|e| e.into_error())?.flush()?;
    Ok(())
}

/// The file being written beside its final name, removed if the run is stopped (Ctrl-C,
/// SIGTERM) before it is renamed into place. A run killed outright (`kill -9`) cannot remove
/// it; the next run writes over it, and no run reads it (its ending is not a document's).
static PARTIAL: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);

struct PartialFile;

impl PartialFile {
    fn register(path: &Path) -> Self {
        *PARTIAL.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.to_owned());
        // Set once a run; a second handler (serve's) is not asked for in the same run.
        let _ = ctrlc::set_handler(|| {
            if let Some(path) = PARTIAL.lock().unwrap_or_else(|e| e.into_inner()).take() {
                let _ = fs::remove_file(path);
            }
            let _ = writeln!(io::stderr(), "kamervragen: stopped");
            std::process::exit(130);
        });
        Self
    }
}

impl Drop for PartialFile {
    fn drop(&mut self) {
        PARTIAL.lock().unwrap_or_else(|e| e.into_inner()).take();
    }
}

/// Writes beside `path` and renames into place, so a failed run never leaves half a file.
/// What is not a plain file (`-o /dev/null`, a named pipe) is written in place: a rename would
/// put a file where the device was (it did, to /dev/null). A symbolic link is followed, so that
/// the file it points to is replaced and the link stays.
fn write_file_atomically(path: &Path, write: impl FnOnce(File) -> io::Result<()>) -> Result<()> {
    let linked;
    let path = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        // The file the link names, which may not be there yet (so not `canonicalize`).
        let target = fs::read_link(path)
            .with_context(|| format!("cannot follow the link `{}`", path.display()))?;
        linked = path.parent().unwrap_or(Path::new("")).join(target);
        linked.as_path()
    } else {
        path
    };
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open `{}`", path.display()))?;
        return write(file).with_context(|| format!("cannot write `{}`", path.display()));
    }
    let partial = path.with_extension(match path.extension() {
        Some(ext) => format!("{}.partial", ext.to_string_lossy()),
        None => "partial".to_owned(),
    });
    // Ctrl-C's handler first: a signal that comes the moment the file is there removes it.
    let _cleanup = PartialFile::register(&partial);
    let file =
        File::create(&partial).with_context(|| format!("cannot create `{}`", partial.display()))?;
    // On disk before the rename, so that the name never points at half a file.
    let written = file
        .try_clone()
        .and_then(write)
        .and_then(|()| file.sync_all());
    if let Err(error) = written {
        let _ = fs::remove_file(&partial);
        return Err(error).with_context(|| format!("cannot write `{}`", partial.display()));
    }
    fs::rename(&partial, path).with_context(|| {
        format!(
            "cannot move `{}` to `{}`",
            partial.display(),
            path.display()
        )
    })
}
