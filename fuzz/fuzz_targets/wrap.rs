//! Text and a width from 1 to 200 → wrapped lines and a whole layout: no line may be wider
//! than the width, and walking the lazy layout forward and back meets every line.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The body lives in the crate (src/fuzzing.rs), so the main test suite builds and runs it.
fuzz_target!(|data: &[u8]| margin::fuzzing::wrap_at_width(data));
