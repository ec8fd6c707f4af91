//! Bytes → the notes file's TOML loader and the position file's JSON loader: each must
//! return a value or an error, never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use margin::notes::store;
use margin::store::positions;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(file) = store::parse(text, Path::new("fuzz.toml"))
    {
        // What was read merges with itself and tells its tags.
        let merged = store::merge(&file.notes, &file.notes);
        assert_eq!(merged.len(), file.notes.len());
        for note in &file.notes {
            let _ = note.tags();
            let _ = note.short_quote(40);
        }
    }
    let _ = positions::parse(data);
});
