//! Fuzz target: reading a PDF (`kamervragen::source::pdf::pdf_text`) must never panic and
//! never pass its budgets, whatever the bytes. Start it from the published PDFs (see
//! `fuzz/README.md`), so that mutations reach the content streams and fonts, not only the
//! file's header.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = kamervragen::source::pdf::pdf_text(data);
});
