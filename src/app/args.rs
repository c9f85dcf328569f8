//! The command line as clap reads it. Nothing outside [`super::config`] looks at these fields.

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns Dutch parliamentary written questions (Kamervragen) into linked data.
///
/// Reads question documents (Markdown or plain text, and Word and PDF files as published), maps
/// each set of questions, question, member, party, office and cited source to RDF in an
/// in-memory store, and writes it out or answers SPARQL queries over it.
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
    /// prov, spdx, rdf, rdfs, xsd, owl, dcat, void, time. Relative IRIs resolve against --base.
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
    /// Write a folder for an open-data portal: dumps, vocabulary, shapes and their description.
    ///
    /// Writes kamervragen.ttl (all graphs merged), kamervragen.trig and kamervragen.nq (one
    /// graph per source file), kamervragen.nt, with --gzip each also as .gz; ontology.ttl and
    /// shapes.ttl; and dataset.ttl, which describes the dataset as DCAT (the fields DCAT-AP-DONL
    /// 2.0 and DCAT-AP-NL 3.0 require) and VoID (triples, entities, class and property
    /// partitions, linksets, one distribution per file with its size and SHA-256).
    ///
    /// What a publisher decides comes from a settings file (--config, or publish.toml in the
    /// current folder when there is one) or from the flags below, which win. A publisher and a
    /// contact point must be given. Defaults: the dataset IRI is BASE/dataset, files are
    /// downloaded from BASE/dump/, the licence is CC0 1.0, access is public, and the dates are
    /// that of the newest document, so the same input gives the same folder, byte for byte.
    /// Every field of the settings file is listed in docs/guide.md (Publishing for an open-data
    /// portal); this repository's publish.toml is an example.
    Publish(PublishArgs),
    /// Check the graph against the SHACL shapes in ontology/shapes.ttl.
    ///
    /// Prints each violation as `focus path: expected CONSTRAINT, found VALUE (shape SHAPE)`,
    /// then how many there were. The exit status is 0 when the graph conforms, 1 when a
    /// constraint is broken (or a document failed to read), 2 when nothing could be checked.
    /// With --rdf, checks RDF files (a dump, or any Turtle, TriG, N-Triples or N-Quads) instead
    /// of documents.
    Validate(ValidateArgs),
    /// Serve the graph over the SPARQL 1.1 Protocol, read-only, at http://ADDRESS/sparql.
    ///
    /// GET with query=, POST of a form or of application/sparql-query; default-graph-uri and
    /// named-graph-uri; results in the format the Accept header asks for (SPARQL JSON, XML, CSV,
    /// TSV; Turtle, N-Triples or JSON-LD for CONSTRUCT and DESCRIBE). A GET without a query gives
    /// the service description. Updates are refused (403). A query that runs longer than
    /// --timeout is stopped (503); results over --max-rows are refused (400). Answers are kept
    /// for reuse (--cache). Stops cleanly on Ctrl-C (SIGINT) and SIGTERM.
    ///
    /// Also, for browsers: / (what the data holds, two charts), /query (an editor and the files
    /// of queries/), a page for every resource at its path under the base (Linked Data: Turtle,
    /// N-Triples or JSON-LD by Accept, or ?format=ttl|nt|jsonld|html), and the whole graph at
    /// /dump/kamervragen.nq (.trig, .ttl, .nt; each also .gz). /dataset and /.well-known/void
    /// describe the dataset as `publish` does in dataset.ttl (DCAT and VoID; the dumps under
    /// /dump/, the endpoint as a dcat:DataService), with the publisher from --config or
    /// publish.toml.
    Serve(ServeArgs),
    /// Write the graph into another triple store, over the SPARQL 1.1 Graph Store Protocol.
    ///
    /// Each named graph (one per document; the shared, reference, provenance and linkset graphs)
    /// is sent as one PUT ENDPOINT?graph=IRI of N-Triples, which replaces what the store held in that graph:
    /// pushing again rewrites rather than duplicates, so a push that stopped is finished by
    /// running it again. Credentials are sent as the server asks (Digest or Basic); failures that
    /// may pass (no connection, 5xx, 408, 429) are retried with a doubling pause. The password
    /// comes from the environment variable KAMERVRAGEN_PASSWORD or --password-file, never from
    /// the command line.
    Push(PushArgs),
    /// Merge an export of the Tweede Kamer's open data into the reference tables.
    ///
    /// Reads JSON pages as the OData v4 API returns them (one entity per file: Persoon,
    /// Fractie, FractieZetel, FractieZetelPersoon, Zaak, ZaakActor, Document), merges members
    /// (with their TK Persoon GUID and their parties with dates), parties and the Zaken of
    /// written questions into the tables, and writes the four tables to DIR. Use them with
    /// --reference DIR. Nothing is written unless every page reads and every reference resolves.
    ImportTk(ImportTkArgs),
    /// Build the member tables from dated member and government data.
    ///
    /// Reads DIR laid out as ../shared/reference/members-data is: polder-tk/tk_mandates.csv
    /// (seats in the Tweede Kamer with their fractie and dates), polder-government/
    /// government_mandates.csv (ministers' and state secretaries' offices with dates) and, where
    /// present, openkamer/person.json (Wikidata and Parlement.com ids, checked against the
    /// others). Each person becomes one row keyed by their TK Persoon GUID, replacing the rows
    /// of the tables that stand for them; a Wikidata id the sources disagree on is left out and
    /// listed. Writes the four tables to --output; use them with --reference, or copy
    /// members.toml and parties.toml into seeds/reference/ to ship them.
    ImportMembers(ImportMembersArgs),
}

#[derive(Debug, ClapArgs)]
pub struct PublishArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The folder to write; created when there is none. Files already there with the same
    /// names are replaced.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    /// Also write each dump gzipped (kamervragen.ttl.gz …).
    #[arg(long)]
    pub gzip: bool,

    /// The settings file (TOML). [default: publish.toml in the current folder, if any]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The IRI of the dataset. [default: BASE/dataset]
    #[arg(long, value_name = "IRI")]
    pub dataset: Option<String>,

    /// Where the files will be downloaded from; each file's name is appended.
    /// [default: BASE/dump/]
    #[arg(long, value_name = "URL")]
    pub download_url: Option<String>,

    /// The SPARQL endpoint that serves the data, for void:sparqlEndpoint.
    #[arg(long, value_name = "URL")]
    pub sparql_endpoint: Option<String>,

    /// The licence of data and files. [default: CC0 1.0]
    #[arg(long, value_name = "IRI")]
    pub license: Option<String>,

    /// The publisher's IRI (with --publisher-name).
    #[arg(long, value_name = "IRI", requires = "publisher_name")]
    pub publisher_iri: Option<String>,

    /// The publisher's name (with --publisher-iri).
    #[arg(long, value_name = "NAME", requires = "publisher_iri")]
    pub publisher_name: Option<String>,

    /// The contact point's name (with --contact-email).
    #[arg(long, value_name = "NAME", requires = "contact_email")]
    pub contact_name: Option<String>,

    /// The contact point's e-mail address (with --contact-name).
    #[arg(long, value_name = "ADDRESS", requires = "contact_name")]
    pub contact_email: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Check these RDF files instead of documents (the format from each file's ending).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub rdf: Vec<PathBuf>,

    /// The shapes to check against. [default: the shapes shipped in ontology/shapes.ttl]
    #[arg(long, value_name = "FILE")]
    pub shapes: Option<PathBuf>,
}

#[derive(Debug, ClapArgs)]
pub struct ServeArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Serve the store in DIR (made by `kamervragen load`) instead of PATHs.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,

    /// The address and port to listen on.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1:7878")]
    pub bind: String,

    /// How long a query may run, in seconds, before it is stopped.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,

    /// The most rows (or triples) a result may have.
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub max_rows: usize,

    /// The largest request accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1_048_576)]
    pub max_request: usize,

    /// How many clients are answered at once; one more gets 503 at once.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_connections: usize,

    /// How many queries are evaluated at once (default: the number of cores); one more gets
    /// 503 with Retry-After at once. A query past its time limit keeps its place until its
    /// evaluation has stopped.
    #[arg(long, value_name = "N")]
    pub max_queries: Option<usize>,

    /// The most memory, in MB, one query's evaluation may hold: the rows it sorts, groups or
    /// joins and its results. A query that needs more is stopped with 400 and a message.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    pub max_memory: usize,

    /// Where the query page (/query, and /sparql in a browser) loads its editor, YASGUI, from:
    /// the address of a build (the default: its published build), a folder holding
    /// yasgui.min.js and yasgui.min.css (served by this server, for use without a network),
    /// or `off` for the plain form alone. The form stays wherever the editor cannot load.
    #[arg(long, value_name = "URL|FOLDER|off", default_value = kamervragen::serve::PUBLISHED_BUILD)]
    pub editor: String,

    /// Let web pages on other origins query the endpoint (CORS), as YASGUI needs.
    #[arg(long)]
    pub cors: bool,

    /// The most memory, in MB, for answers kept for reuse. The store does not change while it
    /// is served, so a request asked before is answered from memory; 0 keeps nothing.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub cache: usize,

    /// The publisher's settings file (TOML), as `publish` reads it, for the description at
    /// /dataset; without one, the description names no publisher or contact point.
    /// [default: publish.toml in the current folder, if any]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, ClapArgs)]
pub struct PushArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Push the store in DIR (made by `kamervragen load`) instead of PATHs.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,

    /// The Graph Store Protocol endpoint: Virtuoso http://HOST:8890/sparql-graph-crud-auth,
    /// Fuseki http://HOST:3030/DATASET/data, GraphDB
    /// http://HOST:7200/repositories/REPO/rdf-graphs/service, oxigraph http://HOST:7878/store.
    #[arg(long, value_name = "URL", required_unless_present = "dry_run")]
    pub endpoint: Option<String>,

    /// The user to authenticate as; the password comes from KAMERVRAGEN_PASSWORD or
    /// --password-file.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// A file whose first line is the password.
    #[arg(long, value_name = "FILE", requires = "user")]
    pub password_file: Option<PathBuf>,

    /// How to authenticate: as the server's challenge asks (auto), or Basic or Digest only.
    #[arg(long, value_enum, default_value_t = AuthArg::Auto)]
    pub auth: AuthArg,

    /// How many times to try a graph again after a failure that may pass.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub retries: u32,

    /// How many graphs to send at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub jobs: usize,

    /// How long one request may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,

    /// List the graphs that would be written (with their triples and bytes), and write none.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AuthArg {
    Auto,
    Basic,
    Digest,
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
pub struct ImportMembersArgs {
    /// The members-data folder.
    #[arg(value_name = "DIR")]
    pub folder: PathBuf,

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
    /// Files or folders to read; folders are read recursively for *.md, *.txt, *.docx and *.pdf
    /// files.
    /// [default: seeds]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The base under which resource IRIs are minted.
    #[arg(long, value_name = "IRI", default_value = kamervragen::rdf::iri::DEFAULT_BASE)]
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

    /// Write to FILE instead of standard output (`-`: standard output, as without it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The RDF format; the file endings and names the endpoint takes also do (`ttl`, `nt`, `nq`,
    /// `rdf`, `xml`, `json-ld`, `n-triples`, …). [default: from the ending of --output, else
    /// turtle]
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
    #[value(alias = "ttl")]
    Turtle,
    Trig,
    #[value(aliases = ["nt", "n-triples"])]
    Ntriples,
    #[value(aliases = ["nq", "n-quads"])]
    Nquads,
    #[value(aliases = ["rdf", "xml", "rdf-xml", "rdf+xml"])]
    Rdfxml,
    #[value(aliases = ["json-ld", "json"])]
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
