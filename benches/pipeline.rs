//! The per-document stages on one core: parse only, and parse and map, over the real documents
//! shipped in `seeds/` (and, with `KAMERVRAGEN_BENCH_DIR`, over a generated corpus).
//!
//! ```sh
//! cargo bench --bench pipeline
//! KAMERVRAGEN_BENCH_DIR=target/bench/corpus-1000 cargo bench --bench pipeline
//! ```
//!
//! divan reports documents/s and bytes/s (the counters) beside the times.

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use kamervragen::identity::sets::{SetHeader, SetIndex};
use kamervragen::map::LoadOptions;
use kamervragen::map::{map_document, SourceFacts};
use kamervragen::parse::parse;
use kamervragen::source;
use std::path::PathBuf;

fn main() {
    kamervragen::allocator::set_up();
    divan::main();
}

/// Every document's source path and text, read once before timing.
fn documents() -> Vec<(String, String)> {
    let root = std::env::var_os("KAMERVRAGEN_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")));
    source::discover(&[root])
        .expect("the benchmark corpus exists")
        .entries()
        .expect("the benchmark corpus can be listed")
        .iter()
        .filter_map(|entry| source::read(entry).ok())
        .map(|file| (file.entry.source_path, file.text))
        .collect()
}

fn counters(documents: &[(String, String)]) -> (ItemsCount, BytesCount) {
    let bytes: usize = documents.iter().map(|(_, text)| text.len()).sum();
    (ItemsCount::new(documents.len()), BytesCount::new(bytes))
}

#[divan::bench]
fn parse_only(bencher: Bencher) {
    let documents = documents();
    let (items, bytes) = counters(&documents);
    bencher.counter(items).counter(bytes).bench(|| {
        documents
            .iter()
            .filter_map(|(_, text)| parse(text).ok())
            .map(|parsed| parsed.document.questions.len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn parse_and_map(bencher: Bencher) {
    let documents = documents();
    let options = LoadOptions::default();
    let (items, bytes) = counters(&documents);
    bencher.counter(items).counter(bytes).bench(|| {
        let mut quads = 0;
        for (source_path, text) in &documents {
            let Ok(parsed) = parse(text) else { continue };
            let sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
            let facts = SourceFacts {
                source_path,
                sha256,
                media_type: "text/plain",
                size: text.len() as u64,
                generated_at: None,
            };
            // The set as the document alone decides it: the run's other headers are not here.
            let set = SetIndex::single(&SetHeader::of(&parsed.document, sha256));
            let document = &parsed.document;
            quads += map_document(&options.minter, &options.reference, document, &set, facts).len();
        }
        quads
    });
}

/// The allocator the `kamervragen` binary uses (src/main.rs), set up as it sets it up
/// (`main`), so that the figures are its.
#[global_allocator]
static ALLOCATOR: kamervragen::allocator::MiMalloc = kamervragen::allocator::MiMalloc;
