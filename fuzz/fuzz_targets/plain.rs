//! Bytes → plain text with its structure inferred (title, byline, headings, paragraphs),
//! and format detection.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The body lives in the crate (src/fuzzing.rs), so the main test suite builds and runs it.
fuzz_target!(|data: &[u8]| margin::fuzzing::plain(data));
