//! The heap a streaming export needs, counted by the allocator: the bytes allocated and not yet
//! freed, at their peak. Unlike the resident set size, which the allocator's arenas and the
//! other work on the machine make vary by ±10 MB from run to run, the count repeats, so two
//! versions of the code or two corpus sizes compare exactly.
//!
//! ```sh
//! cargo run --release --example export_heap -- target/bench/corpus-10000
//! ```
//!
//! Prints `documents PEAK_MB MB peak heap, FINAL_MB MB at the end (kept across documents)`.

use kamervragen::export::ExportFormat;
use kamervragen::pipeline::LoadOptions;
use kamervragen::stream::write_stream;
use kamervragen::tally::Tally;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
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
    let roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let options = LoadOptions::default();
    let mut report = Tally::default();
    write_stream(
        &roots,
        &options,
        ExportFormat::NQuads,
        std::io::sink(),
        &mut report,
    )?;
    let mb = |bytes: usize| bytes as f64 / 1e6;
    println!(
        "{} documents: {:.1} MB peak heap, {:.1} MB at the end (kept across documents)",
        report.files,
        mb(PEAK.load(Ordering::Relaxed)),
        mb(LIVE.load(Ordering::Relaxed))
    );
    Ok(())
}
