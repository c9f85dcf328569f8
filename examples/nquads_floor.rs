//! The floor a streaming export is measured against: oxigraph itself reading an N-Quads file
//! and writing it out again, and oxigraph's bulk loader loading it into an in-memory store.
//!
//! ```sh
//! cargo run --release --example nquads_floor -- FILE.nq [roundtrip]
//! ```
//!
//! With `roundtrip`, only the first line is measured.
//!
//! Prints three lines, `roundtrip SECONDS QUADS`, `bulk_load SECONDS QUADS` and
//! `bulk_load_merged SECONDS QUADS`, each the median of three runs, so that `benches/run.sh`
//! can put them beside the export and load in one run. The last loads the file the way
//! `kamervragen` stores it: each quad also as a triple of the default graph, the merge that
//! queries run over. That is the N-Quads file equivalent to the store a load builds.

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, Quad};
use oxigraph::store::Store;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    kamervragen::allocator::set_up();
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: nquads_floor FILE.nq")?;
    let (roundtrip, quads) = median(|| roundtrip(&path))?;
    println!("roundtrip {roundtrip:.3} {quads}");
    if std::env::args().nth(2).as_deref() == Some("roundtrip") {
        return Ok(());
    }
    let (load, quads) = median(|| bulk_load(&path))?;
    println!("bulk_load {load:.3} {quads}");
    let (load, quads) = median(|| bulk_load_merged(&path))?;
    println!("bulk_load_merged {load:.3} {quads}");
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

fn bulk_load(path: &str) -> Result<u64, Box<dyn std::error::Error>> {
    let store = Store::new()?;
    let reader = BufReader::new(File::open(path)?);
    let mut loader = store.bulk_loader();
    loader.load_from_reader(RdfFormat::NQuads, reader)?;
    loader.commit()?;
    Ok(store.len()? as u64)
}

fn bulk_load_merged(path: &str) -> Result<u64, Box<dyn std::error::Error>> {
    let store = Store::new()?;
    let reader = BufReader::new(File::open(path)?);
    let mut loader = store.bulk_loader();
    let quads = RdfParser::from_format(RdfFormat::NQuads)
        .for_reader(reader)
        .flat_map(|quad| match quad {
            Ok(quad) => {
                let merged = Quad::new(
                    quad.subject.clone(),
                    quad.predicate.clone(),
                    quad.object.clone(),
                    GraphName::DefaultGraph,
                );
                vec![Ok(quad), Ok(merged)]
            }
            Err(error) => vec![Err(error)],
        });
    loader.load_ok_quads::<_, Box<dyn std::error::Error>>(quads)?;
    loader.commit()?;
    Ok(store.len()? as u64)
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
