//! Fuzz target: `kamervragen::parse::parse` must never panic, whatever the input.
//!
//! The bytes are decoded with `String::from_utf8_lossy`, so inputs that are not UTF-8 still
//! reach the parser (with U+FFFD in place of the invalid sequences).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = kamervragen::parse::parse(&text);
});
