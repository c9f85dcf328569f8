//! The heap a streaming export needs, counted by the allocator: the bytes allocated and not yet
//! freed, at their peak. Unlike the resident set size, which the allocator's arenas and the
//! other work on the machine make vary by ±10 MB from run to run, the count repeats, so two
//! versions of the code or two corpus sizes compare exactly.
//!
//! ```sh
//! cargo run --release -p kamervragen-bench --bin export_heap -- target/bench/corpus-10000
//! cargo run --release -p kamervragen-bench --bin export_heap -- --as ttl target/bench/corpus-10000
//! ```
//!
//! N-Quads unless `--as` names another format by its file ending. Prints
//! `documents PEAK_MB MB peak heap, FINAL_MB MB at the end (kept across documents)`.

use kamervragen::export::stream::write_stream;
use kamervragen::export::ExportFormat;
use kamervragen::map::LoadOptions;
use kamervragen::run::tally::Tally;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout is passed on unchanged.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` came from `alloc` with this layout.
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let format = match args.iter().position(|arg| arg == "--as") {
        Some(at) if at + 1 < args.len() => {
            let ending = args.drain(at..at + 2).nth(1).expect("two drained");
            ExportFormat::from_path(Path::new(&format!("dump.{ending}")))
                .ok_or_else(|| format!("no format has the file ending `{ending}`"))?
        }
        Some(_) => return Err("--as needs a file ending: nq, ttl, nt, trig, rdf, jsonld".into()),
        None => ExportFormat::NQuads,
    };
    let roots: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    let options = LoadOptions::default();
    let mut report = Tally::default();
    write_stream(&roots, &options, format, std::io::sink(), &mut report)?;
    let mb = |bytes: usize| bytes as f64 / 1e6;
    println!(
        "{} documents: {:.1} MB peak heap, {:.1} MB at the end (kept across documents)",
        report.files,
        mb(PEAK.load(Ordering::Relaxed)),
        mb(LIVE.load(Ordering::Relaxed))
    );
    Ok(())
}
