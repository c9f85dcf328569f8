//! Fuzz target: a query from anyone must be answered or refused, never bring the process down.
//!
//! The text is measured as the endpoint measures it (`check_query_shape`); what passes is
//! parsed and evaluated over a store holding the seed, on a thread with the stack queries are
//! given, with a cancellation after a second, as the endpoint's time limit would.

#![no_main]

use kamervragen::run::pipeline::load;

use kamervragen::map::LoadOptions;
use kamervragen::store::{
    catching_stops, check_query_shape, GraphStore, QueryControl, QUERY_STACK,
};
use libfuzzer_sys::fuzz_target;
use oxigraph::sparql::{CancellationToken, QueryResults};
use std::sync::LazyLock;
use std::time::Duration;

static STORE: LazyLock<GraphStore> = LazyLock::new(|| {
    let seed = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../seeds/2019Z15244.md"
    ));
    load(&[seed], &LoadOptions::default())
        .expect("the seed loads")
        .store
});

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data).into_owned();
    if check_query_shape(&query).is_err() {
        return;
    }
    let store = STORE.clone();
    let token = CancellationToken::new();
    let evaluation_token = token.clone();
    let evaluation = std::thread::Builder::new()
        .stack_size(QUERY_STACK)
        .spawn(move || {
            let control = QueryControl {
                cancellation: Some(evaluation_token),
                ..QueryControl::default()
            };
            // A cancelled evaluation stops by unwinding to here (the store's watch).
            let _ = catching_stops(|| {
                match store.query_with(&query, "https://w3id.org/kamervragen/", control) {
                    Ok(QueryResults::Solutions(rows)) => rows.take(10_000).for_each(drop),
                    Ok(QueryResults::Graph(triples)) => triples.take(10_000).for_each(drop),
                    _ => {}
                }
            });
        })
        .expect("a thread");
    std::thread::sleep(Duration::from_millis(1));
    let cancel = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(1));
        token.cancel();
    });
    evaluation.join().expect("the evaluation does not panic");
    drop(cancel);
});
