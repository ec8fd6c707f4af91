//! Heading inference against essays written in each plain-text style, with their answers
//! written by hand (`tests/fixtures/plain/NAME.expected`): the title, then one heading a
//! line as `LEVEL TEXT`.

use std::path::Path;

use margin::essay::{BlockKind, Essay, Format};

struct Expected {
    title: Option<String>,
    headings: Vec<(u8, String)>,
}

fn read_expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).expect("expected file");
    let mut title = None;
    let mut headings = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(t) = line.strip_prefix("title:") {
            let t = t.trim();
            title = (t != "NONE").then(|| t.to_string());
        } else {
            let (level, heading) = line.split_once(' ').expect("LEVEL TEXT");
            headings.push((level.parse().expect("level"), heading.trim().to_string()));
        }
    }
    Expected { title, headings }
}

fn found(essay: &Essay) -> Vec<(u8, String)> {
    essay
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { level, text } => Some((*level, text.to_plain())),
            _ => None,
        })
        .collect()
}

#[test]
fn every_plain_fixture_gets_its_title_and_headings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        count += 1;
        let text = std::fs::read_to_string(&path).expect("fixture");
        let essay = Essay::parse(&text, Format::Text, "fallback");
        let expected = read_expected(&path.with_extension("expected"));
        let got = found(&essay);
        if essay.title != expected.title || got != expected.headings {
            // What `margin toc --explain` says, so that a failure shows its evidence.
            let explained = margin::essay::plain::explain(&std::sync::Arc::new(text.clone()));
            failures.push(format!(
                "{}:\n  title: {:?} (expected {:?})\n  got:      {:?}\n  expected: {:?}\n{explained}",
                path.file_name().unwrap().to_string_lossy(),
                essay.title,
                expected.title,
                got,
                expected.headings
            ));
        }
    }
    assert!(count >= 10, "only {count} fixtures found");
    assert!(
        failures.is_empty(),
        "{} of {count} fixtures differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
