//! The command line as clap reads it. Nothing outside [`super::config`] looks at these fields.

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns Dutch parliamentary written questions (Kamervragen) into linked data.
///
/// Reads question documents (Markdown or plain text), maps each set of questions, question,
/// member, party, office and cited source to RDF in an in-memory store, and writes it out or
/// answers SPARQL queries over it.
#[derive(Debug, Parser)]
#[command(name = "kamervragen", version, propagate_version = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the graph of the documents as RDF.
    ///
    /// Turtle, N-Triples and RDF/XML merge all graphs into one; TriG, N-Quads and JSON-LD keep
    /// one named graph per source file plus the provenance graph. Output is sorted: the same
    /// input gives byte-identical output.
    Export(ExportArgs),
    /// Load documents into a store on disk, or bring one up to date.
    ///
    /// A file the store already holds as it is (same SHA-256 in its provenance) is not parsed
    /// again; a changed file takes the place of its earlier version; a new file is added. Each
    /// batch of documents is written at once, so a load that is stopped leaves every document
    /// whole or absent. With --prune, PATHs are the whole corpus: documents whose
    /// files are not among them are removed. Then `export --store DIR` and
    /// `query --store DIR` read the store. Needs a build with the `persistent` feature.
    Load(LoadArgs),
    /// Run a SPARQL query over the graph of the documents.
    ///
    /// The default graph is the merge of all graphs: each triple once, however many documents
    /// state it; `GRAPH ?g { … }` reaches one document's own graph. These prefixes are declared:
    /// kv, eli, eli-dl, epvoc, ep-document-types, dct, foaf, org, schema, cito, bibo, skos,
    /// prov, spdx, rdf, rdfs, xsd, owl, dcat, void. Relative IRIs resolve against --base.
    Query(QueryArgs),
    /// Read the documents and report, for every file, what was read or what went wrong.
    ///
    /// Each file gets a line with its kind and counts, then its warnings and errors as
    /// `file:line:column: message`; a closing summary accounts for every file. The exit status
    /// is 0 when no file failed, 1 otherwise.
    Check(CheckArgs),
    /// List the people found: each member and member of the government once, with their
    /// parties, how their identity was decided, and the documents they appear in; then every
    /// case where the rules could not decide.
    Members(MembersArgs),
    /// Merge an export of the Tweede Kamer's open data into the reference tables.
    ///
    /// Reads JSON pages as the OData v4 API returns them (one entity per file: Persoon,
    /// Fractie, FractieZetel, FractieZetelPersoon, Zaak, ZaakActor, Document), merges members
    /// (with their TK Persoon GUID and their parties with dates), parties and the Zaken of
    /// written questions into the tables, and writes the four tables to DIR. Use them with
    /// --reference DIR. Nothing is written unless every page reads and every reference resolves.
    ImportTk(ImportTkArgs),
}

#[derive(Debug, ClapArgs)]
pub struct ImportTkArgs {
    /// The JSON pages of the export.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Where to write parties.toml, members.toml, offices.toml and zaken.toml.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    /// The tables to merge into. [default: the built-in tables from seeds/reference/]
    #[arg(long, value_name = "DIR")]
    pub reference: Option<PathBuf>,
}

#[derive(Debug, ClapArgs)]
pub struct LoadArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The store's folder; created when there is none.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,

    /// Remove documents whose files are not among PATHs, and statements about shared resources
    /// (people, parties, offices) that no file makes any more.
    #[arg(long)]
    pub prune: bool,
}

#[derive(Debug, ClapArgs)]
pub struct MembersArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, ClapArgs)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// How to print the report.
    #[arg(short, long, value_enum, default_value_t = CheckFormatArg::Text)]
    pub format: CheckFormatArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CheckFormatArg {
    /// One line per file, then its problems; a summary at the end.
    Text,
    /// One JSON object with every file, its counts, warnings and error, and the summary.
    Json,
}

#[derive(Debug, ClapArgs)]
pub struct InputArgs {
    /// Files or folders to read; folders are read recursively for *.md and *.txt files.
    /// [default: seeds]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The base under which resource IRIs are minted.
    #[arg(long, value_name = "IRI", default_value = kamervragen::iri::DEFAULT_BASE)]
    pub base: String,

    /// Read the reference tables (parties.toml, members.toml, offices.toml) from DIR instead of
    /// the tables built in from seeds/reference/.
    #[arg(long, value_name = "DIR")]
    pub reference: Option<PathBuf>,

    /// Print every warning on stderr, not only how many files had some (`check` lists them too).
    #[arg(short, long)]
    pub verbose: bool,

    /// No progress bar. It is shown on stderr only when stderr is a terminal and the run
    /// takes more than two seconds.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, ClapArgs)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Read the graph from the store in DIR (made by `kamervragen load`) instead of from PATHs.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The RDF format. [default: from the ending of --output, else turtle]
    #[arg(short, long, value_enum)]
    pub format: Option<RdfFormatArg>,

    /// Record when the graphs were generated (`prov:generatedAtTime`): `now` or an RFC 3339
    /// timestamp. Left out by default, so that the same input gives the same bytes.
    #[arg(long, value_name = "WHEN")]
    pub generated_at: Option<String>,
}

#[derive(Debug, ClapArgs)]
#[command(group = clap::ArgGroup::new("sparql").required(true).args(["query_file", "execute"]))]
pub struct QueryArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Read the graph from the store in DIR (made by `kamervragen load`) instead of from PATHs.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,

    /// Read the query from FILE (for example one of queries/*.rq).
    #[arg(short = 'q', long = "query-file", value_name = "FILE")]
    pub query_file: Option<PathBuf>,

    /// The query text itself.
    #[arg(short = 'e', long = "execute", value_name = "SPARQL")]
    pub execute: Option<String>,

    /// How to print results. CONSTRUCT and DESCRIBE results are always Turtle.
    #[arg(short, long, value_enum, default_value_t = ResultsFormatArg::Table)]
    pub format: ResultsFormatArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RdfFormatArg {
    Turtle,
    Trig,
    Ntriples,
    Nquads,
    Rdfxml,
    Jsonld,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ResultsFormatArg {
    /// Aligned columns for a terminal.
    Table,
    Csv,
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
}
