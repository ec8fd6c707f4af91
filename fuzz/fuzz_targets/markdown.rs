//! Bytes → Markdown: decoding (binary refusal, UTF-8 or UTF-16 or Windows-1252,
//! sanitizing), then pulldown-cmark and margin's block model, then the outline.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use margin::essay::{Essay, Format, source};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = source::decode(data, Path::new("fuzz.md")) else {
        return;
    };
    let essay = Essay::parse(&source.text, Format::Markdown, "fuzz");
    let _ = essay.outline().count();
    let _ = essay.words();
    for block in &essay.blocks {
        let _ = block.plain_text();
    }
});
