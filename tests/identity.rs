//! How alike an essay stays under real edits, against how alike two different texts are:
//! the measurement behind `store::records::ALIKE`, the least similarity at which an opened
//! text is taken for a kept essay. Run with `--nocapture` to see the table.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use margin::store::records::{ALIKE, CLEAR_LEAD};
use margin::store::sketch::Sketch;

/// The sample essays and the corpus's texts: real prose, verse, licences, release notes.
fn texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["essays", "tests/corpus/books", "tests/corpus/web"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "txt" || e == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The essay a file holds, whatever its form: `x-plain` and `x-raw` are `x`.
fn essay_of(name: &str) -> &str {
    name.trim_end_matches("-plain").trim_end_matches("-raw")
}

/// The text's words, edited: `words[at..at + cut]` replaced by `new`.
fn edit(text: &str, at: usize, cut: usize, new: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = at.min(words.len());
    let end = (at + cut).min(words.len());
    let mut out: Vec<&str> = words[..at].to_vec();
    out.extend(new.split_whitespace());
    out.extend(&words[end..]);
    out.join(" ")
}

const PARAGRAPH: &str = "A paragraph written later and set into the middle of the essay, \
    saying again what the essay said around it in other words, with an example the writer \
    remembered from a letter, a small correction to a date, and a thanks to the reader who \
    pointed it out in the comments the week the essay first went up.";

const COMMENTS: &str = "Wonderful writing, thank you for sharing this with us! I read it \
    twice and sent it to my sister. -A reader from Leeds";

/// The edits a reader's essay goes through, by name, applied to `text`.
fn edits(text: &str) -> Vec<(&'static str, String)> {
    let n = text.split_whitespace().count();
    vec![
        ("one word changed", edit(text, n / 2, 1, "otherwise")),
        ("a paragraph inserted", edit(text, n / 2, 0, PARAGRAPH)),
        (
            // The readers' comments under a post, rewritten: its last 25 words.
            "comments rewritten",
            edit(text, n.saturating_sub(25), 25, COMMENTS),
        ),
        (
            "a tenth rewritten",
            edit(
                text,
                n / 3,
                n / 10,
                &"fresh words put in place of the old ones ".repeat(n / 80 + 1),
            ),
        ),
    ]
}

#[test]
fn edited_essays_stay_alike_and_different_texts_do_not() {
    let texts = texts();
    assert!(texts.len() > 50, "the corpus is beside the tests");
    let sketches: Vec<Sketch> = texts.iter().map(|(_, t)| Sketch::of(t)).collect();

    let mut least: Vec<(&str, f64, String)> = Vec::new();
    for ((name, text), sketch) in texts.iter().zip(&sketches) {
        for (kind, edited) in edits(text) {
            let s = sketch.similarity(&Sketch::of(&edited));
            match least.iter_mut().find(|(k, _, _)| *k == kind) {
                Some(row) if s < row.1 => *row = (kind, s, name.clone()),
                Some(_) => {}
                None => least.push((kind, s, name.clone())),
            }
        }
    }
    let mut most = (0.0f64, String::new());
    for i in 0..texts.len() {
        for j in i + 1..texts.len() {
            if essay_of(&texts[i].0) == essay_of(&texts[j].0) {
                continue;
            }
            let s = sketches[i].similarity(&sketches[j]);
            if s > most.0 {
                most = (s, format!("{} and {}", texts[i].0, texts[j].0));
            }
        }
    }
    eprintln!(
        "{} texts; threshold {ALIKE}, clear lead {CLEAR_LEAD}",
        texts.len()
    );
    for (kind, s, name) in &least {
        eprintln!("  {kind:<22} least alike {s:.3} ({name})");
    }
    eprintln!(
        "  two different texts   most alike  {:.3} ({})",
        most.0, most.1
    );

    for (kind, s, name) in &least {
        let floor = if *kind == "a tenth rewritten" {
            ALIKE
        } else {
            0.75
        };
        assert!(*s >= floor, "{kind}: {name} is only {s:.3} alike");
    }
    assert!(
        most.0 < ALIKE / 2.0,
        "{} are {:.3} alike: too close to the threshold",
        most.1,
        most.0
    );
}

#[test]
fn a_text_read_whole_and_as_plain_text_is_one_essay() {
    // The same post saved as Markdown and as plain text: the same words, so alike.
    let texts = texts();
    let md = texts.iter().find(|(n, _)| n == "teddy-simd").unwrap();
    let plain = texts.iter().find(|(n, _)| n == "teddy-simd-plain").unwrap();
    let s = Sketch::of(&md.1).similarity(&Sketch::of(&plain.1));
    assert!(s >= ALIKE, "{s:.3}");
}
