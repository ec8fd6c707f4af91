//! Bytes → Markdown: decoding (binary refusal, UTF-8 or UTF-16 or Windows-1252,
//! sanitizing), then pulldown-cmark and margin's block model, then the outline.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The body lives in the crate (src/fuzzing.rs), so the main test suite builds and runs it.
fuzz_target!(|data: &[u8]| margin::fuzzing::markdown(data));
