//! Text and a width from 1 to 200 → wrapped lines and a whole layout: no line may be wider
//! than the width.
#![no_main]

use libfuzzer_sys::fuzz_target;
use margin::essay::{Essay, Format, Text};
use margin::layout::Layout;
use margin::layout::wrap::{width_of, wrap};
use margin::sanitize::sanitize;

fuzz_target!(|data: &[u8]| {
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
    for format in [Format::Markdown, Format::Text] {
        let essay = Essay::parse(&text, format, "fuzz");
        let layout = Layout::build(&essay, width);
        for line in &layout.lines {
            let w = line.width();
            assert!(
                w <= width,
                "a laid-out line is {w} columns at width {width} ({format:?}): {:?}",
                line.text()
            );
        }
    }
});
