//! Command-line arguments → a validated configuration.
//!
//! Everything a flag can get wrong (a base that is not an IRI, an unreadable query file, an
//! unknown output ending, a bad timestamp) is caught here, once, with a message that names the
//! flag. The commands only ever see [`Config`].

use super::args::{
    Args, AuthArg, CheckArgs, CheckFormatArg, Command, ExportArgs, InputArgs, LoadArgs,
    PublishArgs, PushArgs, QueryArgs, RdfFormatArg, ResultsFormatArg, ServeArgs, ValidateArgs,
};
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use kamervragen::export::results::ResultsFormat;
use kamervragen::export::ExportFormat;
use kamervragen::identity::reference::ReferenceData;
use kamervragen::map::LoadOptions;
use kamervragen::publish::settings::{AgentFile, ContactFile};
use kamervragen::publish::{PublishSettings, SettingsFile};
use kamervragen::rdf::iri::IriMinter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder read when no PATH is given.
const DEFAULT_INPUT: &str = "seeds";
/// The settings file `publish` reads from the current folder when no --config is given.
const DEFAULT_PUBLISH_SETTINGS: &str = "publish.toml";

pub enum Config {
    Export(ExportConfig),
    Load(LoadConfig),
    Query(QueryConfig),
    Check(CheckConfig),
    Members(Inputs),
    ImportTk(ImportTkConfig),
    ImportMembers(ImportMembersConfig),
    Publish(Box<PublishConfig>),
    Validate(ValidateConfig),
    Serve(ServeConfig),
    Push(PushConfig),
}

pub struct PushConfig {
    pub source: GraphSource,
    pub target: PushTarget,
    /// No progress bar.
    pub quiet: bool,
}

/// Where a push goes.
pub enum PushTarget {
    /// Nowhere: the graphs are listed (with the addresses they would be written to, when an
    /// endpoint is given).
    DryRun {
        endpoint: Option<String>,
    },
    Endpoint(kamervragen::push::PushOptions),
}

pub struct ServeConfig {
    pub source: GraphSource,
    pub address: std::net::SocketAddr,
    pub options: kamervragen::serve::ServeOptions,
    pub max_connections: usize,
}

pub struct PublishConfig {
    pub inputs: Inputs,
    pub output: PathBuf,
    pub gzip: bool,
    pub settings: PublishSettings,
}

pub struct ValidateConfig {
    pub data: ValidateData,
    /// The shapes as Turtle, and where they came from (for messages).
    pub shapes: (String, String),
}

/// What `validate` checks.
pub enum ValidateData {
    Documents(Inputs),
    Rdf(Vec<(PathBuf, ExportFormat)>),
}

pub struct ImportTkConfig {
    pub files: Vec<PathBuf>,
    pub output: PathBuf,
    pub reference: ReferenceData,
}

pub struct ImportMembersConfig {
    pub folder: PathBuf,
    pub output: PathBuf,
    pub reference: ReferenceData,
}

pub struct CheckConfig {
    pub inputs: Inputs,
    pub json: bool,
}

/// Which files to read and how to map them.
pub struct Inputs {
    pub roots: Vec<PathBuf>,
    pub options: LoadOptions,
    /// Print each warning, not only the count.
    pub verbose: bool,
}

pub enum Output {
    Stdout,
    File(PathBuf),
}

/// `-o` may not name an input file, which the run would overwrite while reading it, nor a file
/// in an input folder with an ending that is read as a document, which the next run would read.
fn refuse_output_among_inputs(output: &Path, roots: &[PathBuf]) -> Result<()> {
    let folder = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Ok(folder) = std::fs::canonicalize(folder) else {
        return Ok(()); // Reported when it is written.
    };
    let resolved = match output.file_name() {
        Some(name) => folder.join(name),
        None => return Ok(()),
    };
    let read_as_document = output
        .extension()
        .and_then(|ending| ending.to_str())
        .is_some_and(|ending| {
            kamervragen::source::EXTENSIONS.contains(&ending.to_lowercase().as_str())
        });
    for root in roots {
        let Ok(root) = std::fs::canonicalize(root) else {
            continue;
        };
        if root == resolved || std::fs::canonicalize(output).is_ok_and(|o| o == root) {
            bail!(
                "-o {}: that is an input file, which would be overwritten",
                output.display()
            );
        }
        if root.is_dir() && resolved.starts_with(&root) && read_as_document {
            bail!(
                "-o {}: inside the input folder {} with an ending read as a document: the next run would read it; write it elsewhere or with another ending",
                output.display(),
                root.display()
            );
        }
    }
    Ok(())
}

/// Where a command's graph comes from.
pub enum GraphSource {
    /// Documents, read and loaded for this run.
    Files(Inputs),
    /// A store kept on disk by `load`.
    Store { dir: PathBuf, minter: IriMinter },
}

pub struct LoadConfig {
    pub inputs: Inputs,
    pub store: PathBuf,
    pub prune: bool,
}

pub struct ExportConfig {
    pub source: GraphSource,
    pub output: Output,
    pub format: ExportFormat,
}

pub struct QueryConfig {
    pub source: GraphSource,
    pub sparql: String,
    pub format: ResultsFormat,
}

impl Config {
    pub fn from_args(args: Args) -> Result<Self> {
        Ok(match args.command {
            Command::Export(export) => Self::Export(ExportConfig::from_args(export)?),
            Command::Query(query) => Self::Query(QueryConfig::from_args(query)?),
            Command::Load(load) => Self::Load(LoadConfig::from_args(load)?),
            Command::Check(check) => Self::Check(CheckConfig::from_args(check)?),
            Command::Members(members) => Self::Members(Inputs::from_args(members.input, None)?),
            Command::Publish(publish) => {
                Self::Publish(Box::new(PublishConfig::from_args(publish)?))
            }
            Command::Validate(validate) => Self::Validate(ValidateConfig::from_args(validate)?),
            Command::Serve(serve) => Self::Serve(ServeConfig::from_args(serve)?),
            Command::Push(push) => Self::Push(PushConfig::from_args(push)?),
            Command::ImportTk(import) => Self::ImportTk(ImportTkConfig {
                reference: reference_tables(import.reference.as_deref())?,
                files: import.files,
                output: import.output,
            }),
            Command::ImportMembers(import) => Self::ImportMembers(ImportMembersConfig {
                reference: reference_tables(import.reference.as_deref())?,
                folder: import.folder,
                output: import.output,
            }),
        })
    }
}

impl ExportConfig {
    fn from_args(args: ExportArgs) -> Result<Self> {
        let generated_at = args
            .generated_at
            .as_deref()
            .map(parse_timestamp)
            .transpose()?;
        // `-o -` is standard output, as for most tools that write files.
        let output = args.output.filter(|path| path.as_os_str() != "-");
        let format = match (args.format, &output) {
            (Some(format), _) => export_format(format),
            (None, Some(path)) => ExportFormat::from_path(path).with_context(|| {
                format!(
                    "cannot tell the RDF format from the ending of `{}`; give --format",
                    path.display()
                )
            })?,
            (None, None) => ExportFormat::Turtle,
        };
        let source = GraphSource::from_args(args.input, args.store, generated_at)?;
        if let (Some(path), GraphSource::Files(inputs)) = (&output, &source) {
            refuse_output_among_inputs(path, &inputs.roots)?;
        }
        Ok(Self {
            source,
            output: output.map_or(Output::Stdout, Output::File),
            format,
        })
    }
}

impl PublishConfig {
    fn from_args(args: PublishArgs) -> Result<Self> {
        if args.output.exists() && !args.output.is_dir() {
            bail!("--output {}: not a folder", args.output.display());
        }
        let default = PathBuf::from(DEFAULT_PUBLISH_SETTINGS);
        let file = args
            .config
            .clone()
            .or_else(|| default.is_file().then_some(default));
        let mut settings = match &file {
            Some(path) => SettingsFile::read(path)?,
            None => SettingsFile::default(),
        };
        override_settings(&mut settings, &args);
        let settings = settings
            .complete(&args.input.base, file)
            .context("the settings of `publish` (see `kamervragen publish --help`)")?;
        Ok(Self {
            inputs: Inputs::from_args(args.input, None)?,
            output: args.output,
            gzip: args.gzip,
            settings,
        })
    }
}

/// Flags win over the settings file.
fn override_settings(settings: &mut SettingsFile, args: &PublishArgs) {
    let set = |slot: &mut Option<String>, flag: &Option<String>| {
        if flag.is_some() {
            slot.clone_from(flag);
        }
    };
    set(&mut settings.dataset, &args.dataset);
    set(&mut settings.download_url, &args.download_url);
    set(&mut settings.sparql_endpoint, &args.sparql_endpoint);
    set(&mut settings.license, &args.license);
    if let (Some(iri), Some(name)) = (&args.publisher_iri, &args.publisher_name) {
        settings.publisher = Some(AgentFile {
            iri: iri.clone(),
            name: name.clone(),
        });
    }
    if let (Some(name), Some(email)) = (&args.contact_name, &args.contact_email) {
        settings.contact = Some(ContactFile {
            iri: None,
            name: name.clone(),
            email: Some(email.clone()),
            url: None,
        });
    }
}

impl ServeConfig {
    fn from_args(args: ServeArgs) -> Result<Self> {
        let address = args.bind.parse().with_context(|| {
            format!(
                "--bind `{}`: expected an address and a port, such as 127.0.0.1:7878",
                args.bind
            )
        })?;
        if args.max_connections == 0 {
            bail!("--max-connections 0: expected at least 1");
        }
        let default = PathBuf::from(DEFAULT_PUBLISH_SETTINGS);
        let file = args
            .config
            .clone()
            .or_else(|| default.is_file().then_some(default));
        let source = GraphSource::from_args(args.input, args.store, None)?;
        let minter = match &source {
            GraphSource::Files(inputs) => inputs.options.minter.clone(),
            GraphSource::Store { minter, .. } => minter.clone(),
        };
        let settings = file
            .map(|path| SettingsFile::read(&path)?.complete(minter.base(), Some(path)))
            .transpose()
            .context("the settings of `serve` (see `kamervragen publish --help`)")?
            .map(Arc::new);
        Ok(Self {
            source,
            address,
            options: kamervragen::serve::ServeOptions {
                timeout: timeout(args.timeout)?,
                max_rows: args.max_rows,
                max_body: args.max_request,
                cors: args.cors,
                minter,
                cache_bytes: args.cache.saturating_mul(1 << 20),
                max_evaluations: match args.max_queries {
                    Some(0) => bail!("--max-queries 0: expected at least 1"),
                    Some(n) => n,
                    None => std::thread::available_parallelism().map_or(2, usize::from),
                },
                editor: editor_source(&args.editor)?,
                max_memory: match args.max_memory {
                    0 => bail!("--max-memory 0: expected at least 1 (MB)"),
                    mb => mb.saturating_mul(1 << 20),
                },
                settings,
            },
            max_connections: args.max_connections,
        })
    }
}

impl PushConfig {
    fn from_args(args: PushArgs) -> Result<Self> {
        use kamervragen::push::{AuthScheme, Credentials, PushOptions, RetryPolicy};
        let endpoint = args
            .endpoint
            .map(|url| checked_endpoint(&url))
            .transpose()?;
        if args.jobs == 0 {
            bail!("--jobs 0: expected at least 1");
        }
        let quiet = args.input.quiet;
        let source = GraphSource::from_args(args.input, args.store, None)?;
        let target = match endpoint {
            Some(endpoint) if !args.dry_run => {
                let credentials = match args.user {
                    Some(user) => Some(Credentials {
                        user,
                        password: password(args.password_file.as_deref())?,
                        scheme: match args.auth {
                            AuthArg::Auto => AuthScheme::Auto,
                            AuthArg::Basic => AuthScheme::Basic,
                            AuthArg::Digest => AuthScheme::Digest,
                        },
                    }),
                    None => None,
                };
                PushTarget::Endpoint(PushOptions {
                    endpoint,
                    credentials,
                    retry: RetryPolicy {
                        retries: args.retries,
                        first_pause: std::time::Duration::from_millis(500),
                    },
                    timeout: timeout(args.timeout)?,
                    jobs: args.jobs,
                })
            }
            endpoint => PushTarget::DryRun { endpoint },
        };
        Ok(Self {
            source,
            target,
            quiet,
        })
    }
}

/// `--timeout SECONDS` as a duration, if it is one.
fn timeout(seconds: f64) -> Result<std::time::Duration> {
    if !(seconds.is_finite() && seconds > 0.0) {
        bail!("--timeout {seconds}: expected a number of seconds above 0");
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

/// The endpoint URL, if it is one this build can reach: plain HTTP.
fn checked_endpoint(url: &str) -> Result<String> {
    let parsed: oxhttp::model::Uri = url
        .parse()
        .with_context(|| format!("--endpoint `{url}`: expected a URL such as http://127.0.0.1:8890/sparql-graph-crud-auth"))?;
    match parsed.scheme_str() {
        Some("http") if parsed.host().is_some() => Ok(url.to_owned()),
        Some("https") => bail!("--endpoint `{url}`: this build speaks plain HTTP only; reach an HTTPS store through a local proxy or tunnel"),
        _ => bail!("--endpoint `{url}`: expected an http:// URL with a host"),
    }
}

/// The password: the first line of `file`, or the environment variable KAMERVRAGEN_PASSWORD.
fn password(file: Option<&std::path::Path>) -> Result<String> {
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("--password-file `{}`", file.display()))?;
        return Ok(text.lines().next().unwrap_or("").to_owned());
    }
    std::env::var("KAMERVRAGEN_PASSWORD")
        .context("--user needs a password: set KAMERVRAGEN_PASSWORD or give --password-file FILE")
}

impl ValidateConfig {
    fn from_args(args: ValidateArgs) -> Result<Self> {
        let shapes = match &args.shapes {
            Some(path) => (
                std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the shapes `{}`", path.display()))?,
                path.display().to_string(),
            ),
            None => (
                kamervragen::publish::SHAPES_TURTLE.to_owned(),
                "ontology/shapes.ttl".to_owned(),
            ),
        };
        let data = if args.rdf.is_empty() {
            ValidateData::Documents(Inputs::from_args(args.input, None)?)
        } else {
            if !args.input.paths.is_empty() {
                bail!("give document PATHs or --rdf FILEs, not both");
            }
            let files = args
                .rdf
                .into_iter()
                .map(|path| {
                    let format = ExportFormat::from_path(&path).with_context(|| {
                        format!("--rdf {}: cannot tell the RDF format from the file's ending (.ttl, .trig, .nt, .nq, .rdf, .jsonld)", path.display())
                    })?;
                    Ok((path, format))
                })
                .collect::<Result<_>>()?;
            ValidateData::Rdf(files)
        };
        Ok(Self { data, shapes })
    }
}

impl CheckConfig {
    fn from_args(args: CheckArgs) -> Result<Self> {
        Ok(Self {
            inputs: Inputs::from_args(args.input, None)?,
            json: matches!(args.format, CheckFormatArg::Json),
        })
    }
}

impl QueryConfig {
    fn from_args(args: QueryArgs) -> Result<Self> {
        let sparql = match (args.query_file, args.execute) {
            (Some(path), None) => std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read the query file `{}`", path.display()))?,
            (None, Some(text)) => text,
            _ => bail!("give the query with exactly one of -q FILE and -e SPARQL"),
        };
        Ok(Self {
            source: GraphSource::from_args(args.input, args.store, None)?,
            sparql,
            format: results_format(args.format),
        })
    }
}

impl LoadConfig {
    fn from_args(args: LoadArgs) -> Result<Self> {
        if args.store.exists() && !args.store.is_dir() {
            bail!("--store {}: not a folder", args.store.display());
        }
        Ok(Self {
            inputs: Inputs::from_args(args.input, None)?,
            store: args.store,
            prune: args.prune,
        })
    }
}

impl GraphSource {
    fn from_args(
        input: InputArgs,
        store: Option<PathBuf>,
        generated_at: Option<DateTime<Utc>>,
    ) -> Result<Self> {
        let Some(dir) = store else {
            return Ok(Self::Files(Inputs::from_args(input, generated_at)?));
        };
        let loaded_apart = "is decided when documents are loaded: give it to `kamervragen load`";
        if !input.paths.is_empty() {
            bail!("give PATHs or --store, not both; `kamervragen load PATH… --store DIR` adds documents to a store");
        }
        if generated_at.is_some() {
            bail!("--generated-at {loaded_apart}");
        }
        if input.reference.is_some() {
            bail!("--reference {loaded_apart}");
        }
        if !dir.is_dir() {
            bail!(
                "--store {}: no store there; make one with `kamervragen load PATH… --store {}`",
                dir.display(),
                dir.display()
            );
        }
        let minter = IriMinter::new(&input.base).context("--base")?;
        Ok(Self::Store { dir, minter })
    }
}

impl Inputs {
    fn from_args(args: InputArgs, generated_at: Option<DateTime<Utc>>) -> Result<Self> {
        let minter = IriMinter::new(&args.base).context("--base")?;
        let reference = reference_tables(args.reference.as_deref())?;
        let roots = if args.paths.is_empty() {
            let default = PathBuf::from(DEFAULT_INPUT);
            if !default.is_dir() {
                bail!("no PATH given and no `{DEFAULT_INPUT}/` folder here to read by default");
            }
            vec![default]
        } else {
            args.paths
        };
        if let Some(missing) = roots.iter().find(|root| !root.exists()) {
            bail!("{}: no such file or folder", missing.display());
        }
        Ok(Self {
            roots,
            options: LoadOptions {
                minter,
                reference: Arc::new(reference),
                generated_at,
                progress: (!args.quiet).then(super::progress::terminal_bar),
            },
            verbose: args.verbose,
        })
    }
}

/// The tables in `folder`, or the built-in ones.
fn reference_tables(folder: Option<&std::path::Path>) -> Result<ReferenceData> {
    match folder {
        Some(folder) => ReferenceData::from_dir(folder).context("--reference"),
        None => Ok(ReferenceData::shipped()),
    }
}

fn parse_timestamp(text: &str) -> Result<DateTime<Utc>> {
    if text == "now" {
        return Ok(Utc::now());
    }
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .with_context(|| {
            format!("--generated-at `{text}`: expected `now` or an RFC 3339 timestamp such as 2024-06-28T12:00:00Z")
        })
}

fn export_format(format: RdfFormatArg) -> ExportFormat {
    match format {
        RdfFormatArg::Turtle => ExportFormat::Turtle,
        RdfFormatArg::Trig => ExportFormat::TriG,
        RdfFormatArg::Ntriples => ExportFormat::NTriples,
        RdfFormatArg::Nquads => ExportFormat::NQuads,
        RdfFormatArg::Rdfxml => ExportFormat::RdfXml,
        RdfFormatArg::Jsonld => ExportFormat::JsonLd,
    }
}

fn results_format(format: ResultsFormatArg) -> ResultsFormat {
    match format {
        ResultsFormatArg::Table => ResultsFormat::Table,
        ResultsFormatArg::Csv => ResultsFormat::Csv,
        ResultsFormatArg::Tsv => ResultsFormat::Tsv,
        ResultsFormatArg::Json => ResultsFormat::Json,
        ResultsFormatArg::Xml => ResultsFormat::Xml,
    }
}

/// `serve --editor`: an address, a folder with YASGUI's build, or `off`.
fn editor_source(value: &str) -> Result<kamervragen::serve::EditorSource> {
    use kamervragen::serve::EditorSource;
    if value.eq_ignore_ascii_case("off") {
        return Ok(EditorSource::Off);
    }
    if value.starts_with("https://") || value.starts_with("http://") {
        let address = if value.ends_with('/') {
            value.to_owned()
        } else {
            format!("{value}/")
        };
        return Ok(EditorSource::Published(address));
    }
    let folder = PathBuf::from(value);
    if !folder.join("yasgui.min.js").is_file() || !folder.join("yasgui.min.css").is_file() {
        bail!(
            "--editor {value}: expected an http(s) address, `off`, or a folder holding \
             yasgui.min.js and yasgui.min.css (YASGUI's build)"
        );
    }
    Ok(EditorSource::Folder(folder))
}
