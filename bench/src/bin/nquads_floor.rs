//! The floors a streaming export and a load are measured against: oxigraph itself reading an
//! N-Quads file and writing it out again, or its bulk loader loading the file into an
//! in-memory store.
//!
//! ```sh
//! cargo run --release -p kamervragen-bench --bin nquads_floor -- FILE.nq [bulk_load]
//! ```
//!
//! Prints `roundtrip SECONDS QUADS`, the median of three runs; with `bulk_load`, instead
//! `bulk_load SECONDS QUADS`, one load. `bench/run.sh` puts them beside the export and the
//! load in one run, and starts a process for each bulk load, as for each of its own loads: a
//! second load in the same process would run on memory the first one freed, which the
//! allocator keeps, and skip the cost of new memory that a load of its own pays. An export of
//! the store a load builds is that file: the merge of the graphs that queries read is in the
//! load's index, not in oxigraph's store.

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::store::Store;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    kamervragen::allocator::set_up();
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: nquads_floor FILE.nq")?;
    match std::env::args().nth(2).as_deref() {
        None => {
            let (roundtrip, quads) = median(|| roundtrip(&path))?;
            println!("roundtrip {roundtrip:.3} {quads}");
        }
        Some("bulk_load") => {
            let (seconds, quads) = bulk_load(&path)?;
            println!("bulk_load {seconds:.3} {quads}");
        }
        Some(other) => return Err(format!("unknown stage `{other}`: bulk_load, or none").into()),
    }
    Ok(())
}

/// Reads every quad and writes it to a sink, as an export writes its output.
fn roundtrip(path: &str) -> Result<u64, Box<dyn std::error::Error>> {
    let reader = BufReader::new(File::open(path)?);
    let mut writer =
        RdfSerializer::from_format(RdfFormat::NQuads).for_writer(BufWriter::new(std::io::sink()));
    let mut count = 0;
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_reader(reader) {
        writer.serialize_quad(&quad?)?;
        count += 1;
    }
    writer.finish()?.flush()?;
    Ok(count)
}

/// Loads the file, and says how long that took (not the count of quads after it).
fn bulk_load(path: &str) -> Result<(f64, u64), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let store = Store::new()?;
    let reader = BufReader::new(File::open(path)?);
    let mut loader = store.bulk_loader();
    loader.load_from_reader(RdfFormat::NQuads, reader)?;
    loader.commit()?;
    let seconds = started.elapsed().as_secs_f64();
    Ok((seconds, store.len()? as u64))
}

/// The median time of three runs, in seconds, and what the run counted.
fn median(
    run: impl Fn() -> Result<u64, Box<dyn std::error::Error>>,
) -> Result<(f64, u64), Box<dyn std::error::Error>> {
    let mut times = Vec::new();
    let mut count = 0;
    for _ in 0..3 {
        let started = Instant::now();
        count = run()?;
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok((times[1], count))
}

/// The allocator the `kamervragen` binary uses (src/main.rs), set up as it sets it up
/// (`main`), so that the figures compare with its.
#[global_allocator]
static ALLOCATOR: kamervragen::allocator::MiMalloc = kamervragen::allocator::MiMalloc;
