//! Each research query's time over a loaded store: the store is loaded once, then every file in
//! `queries/` runs five times and the median is printed.
//!
//! ```sh
//! cargo run --release -p kamervragen-bench --bin query_times -- PATH…
//! ```
//!
//! Prints `load SECONDS DOCUMENTS` and then `QUERY.rq SECONDS ROWS` per query. With
//! `KAMERVRAGEN_QUERIES=DIR`, the queries are those of DIR instead (to compare two forms of a
//! query in one run).

use kamervragen::run::pipeline::load;

use kamervragen::export::results::{write_results, ResultsFormat};
use kamervragen::map::LoadOptions;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    kamervragen::allocator::set_up();
    let roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let options = LoadOptions::default();
    let started = Instant::now();
    let loaded = load(&roots, &options)?;
    println!(
        "load {:.3} {}",
        started.elapsed().as_secs_f64(),
        loaded.report.documents.len()
    );
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(std::env::var("KAMERVRAGEN_QUERIES").unwrap_or("queries".into()))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
    files.sort();
    for file in files {
        let sparql = std::fs::read_to_string(&file)?;
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let results = loaded.store.query(&sparql, options.minter.base())?;
            let csv = write_results(results, ResultsFormat::Csv, Vec::new())?;
            times.push(started.elapsed().as_secs_f64());
            rows = csv.split(|b| *b == b'\n').count().saturating_sub(2);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{} {:.3} {rows}",
            file.file_name().unwrap_or_default().to_string_lossy(),
            times[2]
        );
    }
    Ok(())
}

/// The allocator the `kamervragen` binary uses (src/main.rs), set up as it sets it up
/// (`main`), so that the figures are its.
#[global_allocator]
static ALLOCATOR: kamervragen::allocator::MiMalloc = kamervragen::allocator::MiMalloc;
