//! Justified text without rivers: at the usual measures, nearly every justified line of the
//! sample essays and the seed essay is stretched by at most one extra space between words,
//! so no gap is wider than two spaces. Hyphenation is what makes that possible; the figure
//! is printed so that a change to the wrapping shows what it costs.
//!
//! The seed essay lives outside the repository (see `support::needs`): where it is missing
//! this test measures the sample essays only, and under `CI=true` it fails.

#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::sync::Arc;

use margin::essay::{Essay, Format};
use margin::layout::{Hyphens, Layout, Role};
use margin::ui::text::justify;
use ratatui::text::Span;
use support::needs::seed;
use unicode_width::UnicodeWidthStr;

/// The essays measured: every sample essay, and the seed essay where it is there.
fn essays() -> Vec<(String, Essay)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("essays");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let (essay, _) = Essay::load(&path, None).unwrap();
        out.push((path.file_name().unwrap().to_string_lossy().into(), essay));
    }
    if let Some(text) = seed() {
        out.push(("seed".into(), Essay::parse(&text, Format::Text, "seed")));
    }
    out
}

/// The widest run of spaces between two words of each justified line of `layout`, as the
/// reader draws it.
fn widest_gaps(layout: &Layout) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for u in 0..layout.unit_count() {
        for line in layout.unit(u) {
            if !line.justifiable {
                continue;
            }
            let lead: usize = line
                .runs
                .iter()
                .take_while(|r| r.role == Role::Decoration)
                .map(|r| r.text.width())
                .sum();
            // The hyphen ending a broken word stays in place at the end of the line.
            let mut spans: Vec<Span> = line
                .runs
                .iter()
                .skip_while(|r| r.role == Role::Decoration)
                .map(|r| Span::raw(r.text.as_str()))
                .collect();
            justify(&mut spans, layout.width - lead);
            let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
            let widest = text
                .trim()
                .split(|c: char| c != ' ')
                .map(str::len)
                .max()
                .unwrap_or(0);
            out.push((widest, text));
        }
    }
    out
}

#[test]
fn justified_lines_have_no_rivers() {
    let mut failures = Vec::new();
    for (name, essay) in essays() {
        let essay = Arc::new(essay);
        for width in [60, 72] {
            // As the reader lays out justified text.
            let hyphens = Hyphens::for_language(essay.lang.as_deref());
            let layout = Layout::build_with(Arc::clone(&essay), width, hyphens);
            let gaps = widest_gaps(&layout);
            let good = gaps.iter().filter(|(w, _)| *w <= 2).count();
            let hyphenated = gaps.iter().filter(|(_, t)| t.ends_with('-')).count();
            let share = 100.0 * good as f64 / gaps.len().max(1) as f64;
            println!(
                "{name} at {width}: {good} of {} justified lines ({share:.1}%) have no gap wider than 2 spaces; {hyphenated} end in a hyphen",
                gaps.len()
            );
            for (w, text) in gaps.iter().filter(|(w, _)| *w > 2).take(3) {
                println!("  gap {w}: {text}");
            }
            if share < 95.0 {
                failures.push(format!("{name} at {width}: {share:.1}%"));
            }
        }
    }
    assert!(failures.is_empty(), "under 95%: {failures:?}");
}
