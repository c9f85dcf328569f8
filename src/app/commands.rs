//! Running a validated configuration: load the documents, then export or query.

use super::config::{
    CheckConfig, Config, ExportConfig, ImportTkConfig, Inputs, Output, QueryConfig,
};
use super::members::write_members;
use super::report::{print_load_report, write_check_json, write_check_text};
use super::Outcome;
use anyhow::{Context, Result};
use kamervragen::pipeline::{self, Loaded};
use kamervragen::results::write_results;
use kamervragen::stream::write_stream;
use kamervragen::tk_import::TkExport;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

pub fn execute(config: Config) -> Result<Outcome> {
    match config {
        Config::Export(export) => run_export(export),
        Config::Query(query) => run_query(query),
        Config::Check(check) => run_check(check),
        Config::Members(inputs) => run_members(inputs),
        Config::ImportTk(import) => run_import_tk(import),
    }
}

fn run_import_tk(config: ImportTkConfig) -> Result<Outcome> {
    let export = TkExport::read(&config.files)?;
    let (merged, summary) = export.merge(&config.reference)?;
    let files = merged
        .to_files()
        .context("cannot write the tables as TOML")?;
    fs::create_dir_all(&config.output)
        .with_context(|| format!("cannot create `{}`", config.output.display()))?;
    for (name, text) in files {
        write_file_atomically(&config.output.join(name), |mut file| {
            file.write_all(text.as_bytes())
        })?;
    }
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

fn run_members(inputs: Inputs) -> Result<Outcome> {
    let loaded = load(&inputs)?;
    let mut out = BufWriter::new(io::stdout().lock());
    write_members(&loaded, inputs.options.minter.base(), &mut out)?;
    out.flush()?;
    Ok(outcome(&loaded))
}

fn run_check(config: CheckConfig) -> Result<Outcome> {
    let loaded = pipeline::load(&config.inputs.roots, &config.inputs.options)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if config.json {
        write_check_json(&loaded.report, &mut out)?;
    } else {
        write_check_text(&loaded.report, &mut out)?;
    }
    out.flush()?;
    Ok(outcome(&loaded))
}

fn load(inputs: &Inputs) -> Result<Loaded> {
    let loaded = pipeline::load(&inputs.roots, &inputs.options)?;
    print_load_report(&loaded.report, inputs.verbose)?;
    Ok(loaded)
}

fn outcome(loaded: &Loaded) -> Outcome {
    if loaded.report.has_failures() {
        Outcome::SomeDocumentsFailed
    } else {
        Outcome::Success
    }
}

/// A straight dump needs no store: the documents stream to the output.
fn run_export(config: ExportConfig) -> Result<Outcome> {
    let inputs = &config.inputs;
    let report = match &config.output {
        Output::Stdout => {
            let out = BufWriter::new(io::stdout().lock());
            let (report, out) = write_stream(&inputs.roots, &inputs.options, config.format, out)?;
            out.into_inner().map_err(|e| e.into_error())?.flush()?;
            report
        }
        Output::File(path) => {
            let mut report = None;
            write_file_atomically(path, |file| {
                let out = BufWriter::new(file);
                let (done, out) = write_stream(&inputs.roots, &inputs.options, config.format, out)
                    .map_err(io::Error::other)?;
                report = Some(done);
                out.into_inner().map_err(|e| e.into_error())?.sync_all()
            })?;
            report.expect("written")
        }
    };
    print_load_report(&report, inputs.verbose)?;
    Ok(if report.has_failures() {
        Outcome::SomeDocumentsFailed
    } else {
        Outcome::Success
    })
}

fn run_query(config: QueryConfig) -> Result<Outcome> {
    let loaded = load(&config.inputs)?;
    let results = loaded
        .store
        .query(&config.sparql, config.inputs.options.minter.base())?;
    let writer = write_results(results, config.format, BufWriter::new(io::stdout().lock()))?;
    writer.into_inner().map_err(|e| e.into_error())?.flush()?;
    Ok(outcome(&loaded))
}

/// Writes beside `path` and renames into place, so a failed run never leaves half a file.
fn write_file_atomically(path: &Path, write: impl FnOnce(File) -> io::Result<()>) -> Result<()> {
    let partial = path.with_extension(match path.extension() {
        Some(ext) => format!("{}.partial", ext.to_string_lossy()),
        None => "partial".to_owned(),
    });
    let file =
        File::create(&partial).with_context(|| format!("cannot create `{}`", partial.display()))?;
    if let Err(error) = write(file) {
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
