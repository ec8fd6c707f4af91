//! Bytes → plain text with its structure inferred (title, byline, headings, paragraphs),
//! and format detection.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use margin::essay::{Essay, Format, detect, source};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = source::decode(data, Path::new("fuzz.txt")) else {
        return;
    };
    let _ = detect::detect(Some("txt"), &source.text);
    let essay = Essay::parse(&source.text, Format::Text, "fuzz");
    let _ = essay.outline().count();
    let _ = essay.words();
});
