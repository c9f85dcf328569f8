//! Each research query's time over the same loaded data four ways: through the index that an
//! in-memory `GraphStore` queries read (`src/store/index.rs`), the same watched as `serve`
//! evaluates it (with a cancellation token and a memory budget: `src/store/watch.rs`), through a
//! plain oxigraph `Store`, and through an `oxrdf::Dataset` evaluated by spareval's
//! `QueryEvaluator` directly. The folder is loaded once; every file in `queries/` runs five
//! times on each, and the medians are printed with their ratios to the index's.
//!
//! ```sh
//! cargo run --release -p kamervragen-bench --bin query_times -- PATH…
//! ```
//!
//! Prints `load SECONDS DOCUMENTS`, `copies SECONDS QUADS` (filling the store and the
//! dataset), then per query
//! `QUERY.rq index SECONDS watched SECONDS (RATIO) store SECONDS (RATIO) dataset SECONDS (RATIO)
//! rows ROWS`, the ratio being that time over the index's. All must give as many rows; if they do not, the line
//! gives each count and the program fails once all queries have run. With
//! `KAMERVRAGEN_QUERIES=DIR`, the queries are those of DIR instead (to compare two forms of a
//! query in one run).
//!
//! All three read the same query text: the file with the base IRI and every prefix that
//! `GraphStore::query` pre-declares written out in front. And all three have the same default
//! graph: `GraphStore`'s is the RDF merge of the document graphs (each statement once), so
//! the store and the dataset get each statement once in their default graph as well. (The
//! store's union default graph would not do: it keeps one copy per graph.) Each run times
//! parsing, evaluation and writing the answer as CSV, as the index's did before.

use kamervragen::export::results::{write_results, ResultsFormat};
use kamervragen::map::LoadOptions;
use kamervragen::rdf::vocab;
use kamervragen::run::pipeline::load;
use kamervragen::store::{catching_stops, GraphStore, QueryControl};
use oxigraph::model::{Dataset, GraphName, Quad, Triple};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Error = Box<dyn std::error::Error>;

/// How many times each query runs on each side; the median is printed.
const RUNS: usize = 5;

/// The same quads three ways.
struct Sides {
    index: GraphStore,
    store: Store,
    dataset: Dataset,
    base: String,
}

/// One side's median time and rows.
struct Timing {
    seconds: f64,
    rows: usize,
}

fn main() -> Result<(), Error> {
    kamervragen::allocator::set_up();
    let roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let sides = load_sides(&roots)?;
    let mut differing = Vec::new();
    for file in query_files()? {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let sparql = with_prologue(&std::fs::read_to_string(&file)?, &sides.base);
        let [index, watched, store, dataset] = time_four_ways(&sides, &sparql)
            .map_err(|error| format!("{}: {error}", file.display()))?;
        println!("{name} {}", report(&index, &watched, &store, &dataset));
        if [&watched, &store, &dataset]
            .iter()
            .any(|side| side.rows != index.rows)
        {
            differing.push(name.into_owned());
        }
    }
    if differing.is_empty() {
        Ok(())
    } else {
        Err(format!("the row counts differ for {}", differing.join(", ")).into())
    }
}

/// Loads the folders as `kamervragen query` does (an indexed in-memory `GraphStore`), then
/// copies the quads into a store and a dataset.
fn load_sides(roots: &[PathBuf]) -> Result<Sides, Error> {
    let options = LoadOptions::default();
    let started = Instant::now();
    let loaded = load(roots, &options)?;
    let documents = loaded.report.documents.len();
    println!("load {:.3} {documents}", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let quads = loaded.store.quads()?;
    let store = store_with_merge(&quads)?;
    let dataset = dataset_with_merge(&quads);
    println!(
        "copies {:.3} {}",
        started.elapsed().as_secs_f64(),
        quads.len()
    );
    Ok(Sides {
        index: loaded.store,
        store,
        dataset,
        base: options.minter.base().to_owned(),
    })
}

/// A quad's statement in the default graph, where `GraphStore` keeps the merge.
fn in_the_merge(quad: &Quad) -> Quad {
    Triple::from(quad.clone()).in_graph(GraphName::DefaultGraph)
}

fn store_with_merge(quads: &[Quad]) -> Result<Store, Error> {
    let store = Store::new()?;
    let mut loader = store.bulk_loader();
    loader.load_quads(quads.iter().cloned())?;
    loader.load_quads(quads.iter().map(in_the_merge))?;
    loader.commit()?;
    Ok(store)
}

fn dataset_with_merge(quads: &[Quad]) -> Dataset {
    let mut dataset = Dataset::new();
    for quad in quads {
        dataset.insert(quad);
        // A dataset is a set: a statement of many graphs is inserted into the merge once.
        dataset.insert(&in_the_merge(quad));
    }
    dataset
}

/// The files of `queries/` (or of `KAMERVRAGEN_QUERIES`), sorted.
fn query_files() -> Result<Vec<PathBuf>, Error> {
    let folder = std::env::var("KAMERVRAGEN_QUERIES").unwrap_or("queries".into());
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(&folder))
        .map_err(|error| format!("{folder}: {error}"))?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    Ok(files)
}

/// The query as `GraphStore::query` reads it, written out: its base IRI and pre-declared
/// prefixes in front, so that the store and the dataset read the very same query.
fn with_prologue(sparql: &str, base: &str) -> String {
    let mut text = format!("BASE <{base}>\n");
    for (prefix, iri) in vocab::prefixes() {
        text.push_str(&format!("PREFIX {prefix}: <{iri}>\n"));
    }
    text.push_str(sparql);
    text
}

fn time_four_ways(sides: &Sides, sparql: &str) -> Result<[Timing; 4], Error> {
    let index = median(|| {
        let results = sides.index.query(sparql, &sides.base)?;
        csv_rows(results)
    })?;
    let watched = median(|| {
        let control = QueryControl {
            cancellation: Some(CancellationToken::new()),
            memory_budget: Some(1 << 30),
            ..QueryControl::default()
        };
        catching_stops(|| csv_rows(sides.index.query_with(sparql, &sides.base, control)?))?
    })?;
    let store = median(|| {
        let query = SparqlEvaluator::new().parse_query(sparql)?;
        csv_rows(query.on_store(&sides.store).execute()?)
    })?;
    let dataset = median(|| {
        let query = spargebra::SparqlParser::new().parse_query(sparql)?;
        let evaluator = spareval::QueryEvaluator::new();
        csv_rows(evaluator.prepare(&query).execute(&sides.dataset)?)
    })?;
    Ok([index, watched, store, dataset])
}

/// The median time of [`RUNS`] runs of `run`, and the rows of the last.
fn median(mut run: impl FnMut() -> Result<usize, Error>) -> Result<Timing, Error> {
    let mut times = Vec::with_capacity(RUNS);
    let mut rows = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        rows = run()?;
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(Timing {
        seconds: times[RUNS / 2],
        rows,
    })
}

/// Writes the answer as CSV and counts its rows: its lines less the header and the last,
/// empty one.
fn csv_rows(results: QueryResults<'_>) -> Result<usize, Error> {
    let csv = write_results(results, ResultsFormat::Csv, Vec::new())?;
    Ok(csv.split(|b| *b == b'\n').count().saturating_sub(2))
}

/// `index S watched S (R) store S (R) dataset S (R) rows N`, or each side's rows where they
/// differ.
fn report(index: &Timing, watched: &Timing, store: &Timing, dataset: &Timing) -> String {
    let ratio = |side: &Timing| side.seconds / index.seconds.max(1e-9);
    let rows = if [watched, store, dataset]
        .iter()
        .all(|side| side.rows == index.rows)
    {
        format!("rows {}", index.rows)
    } else {
        format!(
            "rows differ: index {} watched {} store {} dataset {}",
            index.rows, watched.rows, store.rows, dataset.rows
        )
    };
    format!(
        "index {:.3} watched {:.3} ({:.2}x) store {:.3} ({:.1}x) dataset {:.3} ({:.1}x) {rows}",
        index.seconds,
        watched.seconds,
        ratio(watched),
        store.seconds,
        ratio(store),
        dataset.seconds,
        ratio(dataset)
    )
}

/// The allocator the `kamervragen` binary uses (src/main.rs), set up as it sets it up
/// (`main`), so that the figures are its.
#[global_allocator]
static ALLOCATOR: kamervragen::allocator::Counting = kamervragen::allocator::Counting;
