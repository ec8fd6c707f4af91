//! What the fuzz targets in `fuzz/` run, kept in the crate so that `cargo test` builds
//! them (a change to an API they use cannot leave them broken unseen) and runs them on
//! arbitrary bytes (`tests/properties.rs`). Each takes any bytes and panics only on a bug.

use std::path::Path;

use crate::essay::{Essay, Format, Text, detect, source};
use crate::layout::wrap::{width_of, wrap, wrap_with};
use crate::layout::{Hyphens, Layout};
use crate::notes::store;
use crate::sanitize::sanitize;
use crate::store::positions;
use crate::store::sketch::Sketch;

/// Bytes through decoding, sanitising and the Markdown reader.
pub fn markdown(data: &[u8]) {
    let Ok(source) = source::decode(data, Path::new("fuzz.md")) else {
        return;
    };
    let essay = Essay::parse(&source.text, Format::Markdown, "fuzz");
    let _ = essay.outline().count();
    let _ = essay.words();
    for block in &essay.blocks {
        let _ = block.plain_text();
    }
}

/// Bytes through decoding, format detection and the plain-text reader.
pub fn plain(data: &[u8]) {
    let Ok(source) = source::decode(data, Path::new("fuzz.txt")) else {
        return;
    };
    let _ = detect::detect(Some("txt"), &source.text);
    let essay = Essay::parse(&source.text, Format::Text, "fuzz");
    let _ = essay.outline().count();
    let _ = essay.words();
}

/// The first byte a width (1 to 200), the rest text: no wrapped or laid-out line is wider,
/// and walking the lazy layout forward and back meets exactly the whole layout's lines.
pub fn wrap_at_width(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let width = 1 + usize::from(first) % 200;
    let raw = String::from_utf8_lossy(rest);
    // Essays reach the layout sanitized; so does this text.
    let text = sanitize(&raw);
    for line in wrap(&Text::plain(text.as_ref()), width) {
        let w = width_of(&line.pieces);
        assert!(
            w <= width,
            "a wrapped line is {w} columns at width {width}: {line:?}"
        );
    }
    // Hyphenated (justified) text: its hyphen too must fit.
    let hyphens = Hyphens::for_language(None);
    for line in wrap_with(&Text::plain(text.as_ref()), width, hyphens) {
        let w = width_of(&line.pieces) + usize::from(line.hyphen);
        assert!(
            w <= width,
            "a hyphenated line is {w} columns at width {width}: {line:?}"
        );
    }
    for format in [Format::Markdown, Format::Text] {
        let essay = Essay::parse(&text, format, "fuzz");
        let all = Layout::all_lines(&essay, width);
        for line in &all {
            let w = line.width();
            assert!(
                w <= width,
                "a laid-out line is {w} columns at width {width} ({format:?}): {:?}",
                line.text()
            );
        }
        let layout = Layout::build(std::sync::Arc::new(essay), width);
        let mut pos = layout.start();
        let mut seen = 0;
        while let Some(line) = layout.line(pos) {
            assert_eq!(
                Some(line),
                all.get(seen),
                "line {seen} differs ({format:?})"
            );
            seen += 1;
            pos = layout.forward(pos, 1);
        }
        assert_eq!(seen, all.len());
        assert_eq!(layout.back(layout.end(), all.len()), layout.start());
    }
}

/// Bytes as a notes file and as a positions file: an error or a value, never a panic; what
/// was read merges with itself.
pub fn notes_file(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(file) = store::parse(text, Path::new("fuzz.toml"))
    {
        let merged = store::merge(&file.notes, &file.notes);
        assert_eq!(merged.len(), file.notes.len());
        for note in &file.notes {
            let _ = note.tags();
            let _ = note.short_quote(40);
        }
        // The essay's record: a sketch that is not one is dropped, never trusted.
        if let Some(sketch) = file.essay.sketch.as_deref().and_then(Sketch::decode) {
            assert_eq!(Sketch::decode(&sketch.encode()), Some(sketch));
        }
    }
    let _ = positions::parse(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Sketch::decode(text);
    }
}
