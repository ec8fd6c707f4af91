//! Properties of the readers and the layout over generated input.

use margin::essay::source::decode;
use margin::essay::{Essay, Format};
use margin::layout::Layout;
use proptest::prelude::*;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// All words a reader sees: title, title block, and every block.
fn essay_words(essay: &Essay) -> Vec<String> {
    let mut text = String::new();
    if let Some(t) = &essay.title {
        text.push_str(t);
        text.push(' ');
    }
    for s in &essay.subtitle {
        text.push_str(s);
        text.push(' ');
    }
    for b in &essay.blocks {
        text.push_str(&b.plain_text());
        text.push(' ');
    }
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_string)
        .collect()
}

fn source_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_string)
        .collect()
}

/// Lines that look like essay text: words, punctuation, short and long lines, blanks.
fn essayish() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[A-Z][a-z]{0,8}",
        "[a-z]{1,10}",
        "[a-z]{1,6}[.,;:!?]",
        "[0-9]{1,3}\\.",
        "(II|IV|X)\\.",
        Just("—".to_string()),
        Just("- ".to_string()),
        Just("“Quote”".to_string()),
        Just("漢字".to_string()),
    ];
    let line = prop::collection::vec(word, 0..25).prop_map(|w| w.join(" "));
    prop::collection::vec(line, 1..40).prop_map(|l| l.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(source) = decode(&bytes, Path::new("x")) {
            for format in [Format::Markdown, Format::Text] {
                let essay = Essay::parse(&source.text, format, "x");
                let _ = Layout::all_lines(&essay, 30);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics_in_either_reader(text in "\\PC{0,600}") {
        for format in [Format::Markdown, Format::Text] {
            let essay = Essay::parse(&text, format, "x");
            let layout = Layout::all_lines(&essay, 17);
            prop_assert!(layout.iter().all(|l| l.width() <= 17));
        }
    }

    #[test]
    fn plain_text_loses_no_words(text in essayish()) {
        let essay = Essay::parse(&text, Format::Text, "x");
        prop_assert_eq!(essay_words(&essay), source_words(&text));
    }

    #[test]
    fn sections_account_for_every_block(text in essayish()) {
        let essay = Essay::parse(&text, Format::Text, "x");
        let mut next = 0;
        for s in &essay.sections {
            prop_assert_eq!(s.start, next);
            prop_assert!(s.end >= s.start);
            next = s.end;
        }
        prop_assert_eq!(next, essay.blocks.len());
    }

    /// From two columns up: a wide character cannot be shown in one column at all.
    #[test]
    fn layout_fits_and_keeps_words(text in essayish(), width in 2usize..120) {
        let essay = Essay::parse(&text, Format::Text, "x");
        let layout = Layout::all_lines(&essay, width);
        let mut laid = String::new();
        for line in &layout {
            prop_assert!(line.width() <= width, "line {:?} wider than {}", line.text(), width);
            for run in &line.runs {
                if run.role != margin::layout::Role::Decoration && run.role != margin::layout::Role::Rule {
                    laid.push_str(&run.text);
                }
            }
            laid.push(' ');
        }
        // Words may be broken across lines at narrow widths; compare the letters in order.
        let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        prop_assert_eq!(letters(&laid), letters(&essay_words(&essay).join(" ")));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The reader walks the layout a block at a time, forward and back; whatever the
    /// walk, it must see exactly the lines of the whole layout, in order.
    #[test]
    fn walking_the_lazy_layout_sees_every_line(text in essayish(), width in 2usize..90, step in 1usize..30) {
        let essay = Essay::parse(&text, Format::Text, "x");
        let all = Layout::all_lines(&essay, width);
        let layout = Layout::build(std::sync::Arc::new(essay), width);
        let start = layout.start();
        // Forward, one line at a time.
        let mut pos = start;
        let mut seen = Vec::new();
        while let Some(line) = layout.line(pos) {
            seen.push(line.clone());
            pos = layout.forward(pos, 1);
        }
        prop_assert_eq!(&seen, &all);
        prop_assert_eq!(pos, layout.end());
        // Back from the end by `step`, and forward from the start by the rest, meet.
        let n = all.len();
        let k = step.min(n);
        let from_end = layout.back(layout.end(), k);
        let from_start = layout.forward(start, n - k);
        prop_assert_eq!(from_end, from_start);
        prop_assert_eq!(layout.distance(start, from_end), n - k);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The fuzz targets' bodies on arbitrary bytes: the fuzzers search deeper, but this
    /// keeps the bodies built and sound with every change.
    #[test]
    fn the_fuzz_targets_hold_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
        margin::fuzzing::markdown(&bytes);
        margin::fuzzing::plain(&bytes);
        margin::fuzzing::wrap_at_width(&bytes);
        margin::fuzzing::notes_file(&bytes);
    }
}

/// Every input in the fuzz targets' seed corpora (fuzz/seeds/TARGET), found or written while
/// fuzzing, through its target.
#[test]
fn the_fuzz_seeds_pass() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    type Target = fn(&[u8]);
    let targets: [(&str, Target); 4] = [
        ("markdown", margin::fuzzing::markdown),
        ("plain", margin::fuzzing::plain),
        ("wrap", margin::fuzzing::wrap_at_width),
        ("notes_file", margin::fuzzing::notes_file),
    ];
    let mut ran = 0;
    for (name, target) in targets {
        for entry in std::fs::read_dir(seeds.join(name)).unwrap() {
            target(&std::fs::read(entry.unwrap().path()).unwrap());
            ran += 1;
        }
    }
    assert!(ran >= 4, "the seed corpora are in the repository");
}

#[test]
fn every_line_of_a_wide_table_fits() {
    let text = "| a very long header cell | another very long header cell |\n|---|---|\n| some content here | and more content there |\n";
    let essay = Essay::parse(text, Format::Markdown, "t");
    for width in 5..80 {
        let layout = Layout::all_lines(&essay, width);
        assert!(
            layout.iter().all(|l| l.text().width() <= width),
            "width {width}"
        );
    }
}

#[test]
fn deep_nesting_costs_no_stack() {
    let text = format!("{}deep\n", "> ".repeat(5000));
    let essay = Essay::parse(&text, Format::Markdown, "t");
    let layout = Layout::all_lines(&essay, 40);
    assert!(layout.iter().all(|l| l.width() <= 40));
    let list: String = (0..3000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    let essay = Essay::parse(&list, Format::Markdown, "t");
    let _ = Layout::all_lines(&essay, 40);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Similarity is a share: between 0 and 1, the same both ways, 1 for the same words
    /// however they are wrapped or cased; a sketch reads back from its stored form.
    #[test]
    fn a_sketch_is_a_fair_measure(
        a in "[a-zA-Z ,.\n]{0,400}",
        b in "[a-zA-Z ,.\n]{0,400}",
    ) {
        use margin::store::sketch::Sketch;
        let (sa, sb) = (Sketch::of(&a), Sketch::of(&b));
        let s = sa.similarity(&sb);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert!((s - sb.similarity(&sa)).abs() < f64::EPSILON);
        let rewrapped = a.split_whitespace().collect::<Vec<_>>().join("\n").to_uppercase();
        prop_assert!((sa.similarity(&Sketch::of(&rewrapped)) - 1.0).abs() < f64::EPSILON);
        prop_assert_eq!(Sketch::decode(&sa.encode()), Some(sa));
    }
}
