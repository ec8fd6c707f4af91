//! Bytes → the notes file's TOML loader and the position file's JSON loader: each must
//! return a value or an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The body lives in the crate (src/fuzzing.rs), so the main test suite builds and runs it.
fuzz_target!(|data: &[u8]| margin::fuzzing::notes_file(data));
