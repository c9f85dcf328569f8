//! Fuzz target: reading a Word file (`kamervragen::source::docx::docx_text`) must never panic
//! and never hold more than its limits, whatever the bytes.
//!
//! Random bytes rarely get past the zip reader, so half the inputs are the bytes as they are,
//! and half are wrapped into a well-formed archive: the input split at `\0` into
//! `word/document.xml`, `word/numbering.xml`, `word/styles.xml` and `word/footnotes.xml`, so
//! that the XML walk, the numbering and the footnotes see arbitrary text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};

const PARTS: [&str; 4] = [
    "word/document.xml",
    "word/numbering.xml",
    "word/styles.xml",
    "word/footnotes.xml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    if first % 2 == 0 {
        let _ = kamervragen::source::docx::docx_text(rest);
        return;
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in PARTS.iter().zip(rest.split(|b| *b == 0)) {
        zip.start_file(*name, options).unwrap();
        zip.write_all(part).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let _ = kamervragen::source::docx::docx_text(&bytes);
});
