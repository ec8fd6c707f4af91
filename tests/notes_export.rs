//! `margin notes FILE` and `margin notes --export DIR` as a reader meets them: whole
//! passages, the reader's own words kept as theirs, an edited passage shown as it is now and
//! as it was, and an export that never replaces a file margin did not write for that essay.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use margin::essay::Essay;
use margin::notes::{Anchor, Note, NoteStore, anchor, passage};
use margin::store::identity::Identity;

/// The binary, with its data and configuration folders in `home`.
fn margin(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("margin").expect("binary");
    cmd.env_remove("NO_COLOR")
        .env("MARGIN_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("xdg-data"));
    cmd
}

/// Writes `text` as the essay `name` in `home`.
fn essay(home: &Path, name: &str, text: &str) -> PathBuf {
    let path = home.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Saves a note with `text` on the passage of `essay` that starts with `start`, as the
/// reader would.
fn note_on(home: &Path, essay: &Path, start: &str, text: &str) {
    save(home, essay, text, |e| {
        let block = e
            .plain()
            .iter()
            .position(|t| t.starts_with(start))
            .unwrap_or_else(|| panic!("no passage starts with {start:?}"));
        (anchor::capture(e, e.plain(), block), None)
    });
}

/// Saves a note with `text` (empty: a highlight) on exactly the words of `essay` from
/// `from` to the end of `to`, which may stand in a later paragraph, as `v` and `a` or `h`
/// would.
fn passage_on(home: &Path, essay: &Path, from: &str, to: &str, text: &str) {
    save(home, essay, text, |e| {
        let plain = e.plain();
        let place = |words: &str, end: bool| {
            let block = plain.iter().position(|t| t.contains(words)).unwrap();
            let at = plain[block].find(words).unwrap() + if end { words.len() } else { 0 };
            margin::text::reattach::Place { block, offset: at }
        };
        let span = passage::Span {
            start: place(from, false),
            end: place(to, true),
        };
        (
            anchor::capture(e, plain, span.start.block),
            passage::capture(e, plain, span),
        )
    });
}

/// Saves a note with `text` on what `place` says of the essay in `essay`, in the store the
/// reader would use.
fn save(
    home: &Path,
    essay: &Path,
    text: &str,
    place: impl FnOnce(&Essay) -> (Anchor, Option<passage::Passage>),
) {
    let source = std::fs::read_to_string(essay).unwrap();
    let (e, _) = Essay::load(essay, None).unwrap();
    let (anchor, passage) = place(&e);
    let (mut store, problem) = NoteStore::open_in(
        Some(home.join("data/notes")),
        Identity::new(essay, &source),
        e.display_title("essay"),
    );
    assert!(problem.is_none(), "{problem:?}");
    let n = store.notes.len();
    store
        .put(Note {
            id: format!("note-{n}"),
            created: "2026-12-01T10:00:00Z".into(),
            updated: "2026-12-01T10:00:00Z".into(),
            text: text.into(),
            deleted: None,
            passage,
            version: margin::notes::Version::default(),
            anchor,
        })
        .unwrap();
}

fn stdout_of(cmd: &mut Command) -> (String, String) {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

/// A paragraph of about 900 columns that ends with a word found nowhere else.
fn long_paragraph() -> String {
    format!(
        "{}the closing word is lighthouse.",
        "A long sentence about reading slowly. ".repeat(24)
    )
}

#[test]
fn a_long_passage_is_quoted_whole() {
    let home = tempfile::tempdir().unwrap();
    let text = format!("# Reading\n\n{}\n\nA short one.\n", long_paragraph());
    let path = essay(home.path(), "reading.md", &text);
    note_on(home.path(), &path, "A long sentence", "Worth it.");
    let (out, _) = stdout_of(margin(home.path()).arg("notes").arg(&path));
    let quoted: String = out
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(quoted.ends_with("the closing word is lighthouse."), "{out}");
    assert!(!out.contains('…'), "nothing is cut: {out}");
}

/// A highlight across two paragraphs, over 1,000 characters, is quoted whole — its exact
/// words, not its paragraphs' — in `margin notes`, its JSON and the exported file; an edited
/// note on exact words shows them as they are now and as they were.
#[test]
fn highlights_are_quoted_whole_as_their_exact_words() {
    let home = tempfile::tempdir().unwrap();
    let text = format!(
        "# Reading\n\nBefore the mark. {}\n\nThe second paragraph ends the mark here. Not this.\n\nA sentence on patience, noted. And more.\n",
        long_paragraph()
    );
    let path = essay(home.path(), "reading.md", &text);
    passage_on(
        home.path(),
        &path,
        "A long sentence",
        "ends the mark here.",
        "",
    );
    passage_on(
        home.path(),
        &path,
        "A sentence on patience",
        "noted.",
        "Noted.",
    );
    std::fs::write(&path, text.replace("on patience", "on forbearance")).unwrap();
    let (out, _) = stdout_of(margin(home.path()).arg("notes").arg(&path));
    let quotes: Vec<&str> = out.lines().filter(|l| l.starts_with('>')).collect();
    let highlight = format!(
        "> {}the closing word is lighthouse.\n>\n> The second paragraph ends the mark here.",
        "A long sentence about reading slowly. ".repeat(24)
    );
    assert_eq!(
        quotes,
        [
            &highlight[..],
            "> A sentence on forbearance, noted.",
            "> A sentence on patience, noted."
        ]
        .join("\n")
        .lines()
        .collect::<Vec<_>>(),
        "{out}"
    );
    assert!(
        out.contains("ends the mark here.\n\n*— 2026-12-01 · highlight*"),
        "a highlight says so, one blank line under its quote: {out}"
    );
    assert!(
        !out.contains("Before the mark"),
        "only the words marked: {out}"
    );
    let (json, _) = stdout_of(margin(home.path()).args(["notes", "--json"]).arg(&path));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &json["notes"][0];
    assert_eq!(first["highlight"], true);
    assert!(
        first["quote"]
            .as_str()
            .unwrap()
            .ends_with("lighthouse.\n\nThe second paragraph ends the mark here."),
        "{first}"
    );
    assert_eq!(json["notes"][1]["state"], "edited");
    let dir = home.path().join("notebook");
    stdout_of(margin(home.path()).args(["notes", "--export"]).arg(&dir));
    let exported = std::fs::read_to_string(dir.join("reading.md")).unwrap();
    assert!(exported.contains(&highlight), "{exported}");
}

#[test]
fn a_note_that_starts_with_a_quote_mark_stays_the_readers_text() {
    let home = tempfile::tempdir().unwrap();
    let path = essay(
        home.path(),
        "essay.md",
        "# An essay\n\nThe passage the reader marked.\n",
    );
    note_on(
        home.path(),
        &path,
        "The passage",
        ">> not a quote\n> nor this\n# nor a heading",
    );
    let (out, _) = stdout_of(margin(home.path()).arg("notes").arg(&path));
    // The passage is the only quote: every line that Markdown reads as a quote is the
    // passage's, and the note's lines are escaped so they render as typed.
    let quotes: Vec<&str> = out.lines().filter(|l| l.starts_with('>')).collect();
    assert_eq!(quotes, ["> The passage the reader marked."], "{out}");
    assert!(out.contains("\\>> not a quote"), "{out}");
    assert!(out.contains("\\> nor this"), "{out}");
    assert!(out.contains("\\# nor a heading"), "{out}");
}

#[test]
fn an_edited_passage_is_shown_as_it_is_now_and_as_it_was() {
    let home = tempfile::tempdir().unwrap();
    let before = "# An essay\n\nOpening words.\n\nThe noted passage says something about patience and about compost heaps.\n";
    let path = essay(home.path(), "essay.md", before);
    note_on(home.path(), &path, "The noted", "On patience.");
    std::fs::write(&path, before.replace("patience", "forbearance")).unwrap();
    let (out, _) = stdout_of(margin(home.path()).arg("notes").arg(&path));
    let quoted: Vec<&str> = out.lines().filter(|l| l.starts_with('>')).collect();
    assert_eq!(
        quoted,
        [
            "> The noted passage says something about forbearance and about compost heaps.",
            "> The noted passage says something about patience and about compost heaps.",
        ],
        "now first, then as it was: {out}"
    );
    let now = out.find("forbearance").unwrap();
    let marker = out.find("when the note was written").expect(&out);
    let was = out.find("about patience").unwrap();
    assert!(now < marker && marker < was, "{out}");
}

#[test]
fn the_front_matter_says_notes_on_once() {
    let home = tempfile::tempdir().unwrap();
    let path = essay(
        home.path(),
        "attention.md",
        "# Notes on Attention\n\nA paragraph.\n",
    );
    note_on(home.path(), &path, "A paragraph", "Yes.");
    let dir = home.path().join("out");
    export_one(home.path(), &path, &dir);
    let written = std::fs::read_to_string(dir.join("notes-on-attention.md")).unwrap();
    assert!(
        written.contains("title: \"Notes on Attention\"\n"),
        "{written}"
    );
    assert!(!written.contains("Notes on Notes on"), "{written}");
}

#[test]
fn export_never_replaces_the_readers_own_file() {
    let home = tempfile::tempdir().unwrap();
    let path = essay(home.path(), "essay.md", "# Attention\n\nA paragraph.\n");
    note_on(home.path(), &path, "A paragraph", "Mine.");
    let dir = home.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("attention.md"), "My own notes.\n").unwrap();
    let export = |home: &Path| {
        stdout_of(
            margin(home)
                .arg("notes")
                .arg(&path)
                .arg("--export")
                .arg(&dir),
        )
    };
    let (out, err) = export(home.path());
    assert_eq!(
        std::fs::read_to_string(dir.join("attention.md")).unwrap(),
        "My own notes.\n"
    );
    assert!(out.trim_end().ends_with("attention-2.md"), "{out}");
    assert!(
        err.contains("attention.md") && err.contains("attention-2.md"),
        "{err}"
    );
    assert!(
        std::fs::read_to_string(dir.join("attention-2.md"))
            .unwrap()
            .contains("Mine.")
    );
    // Exported again, the same essay replaces its own export, and nothing else.
    note_on(home.path(), &path, "A paragraph", "Mine, again.");
    let (out, _) = export(home.path());
    assert!(out.trim_end().ends_with("attention-2.md"), "{out}");
    assert!(
        std::fs::read_to_string(dir.join("attention-2.md"))
            .unwrap()
            .contains("Mine, again.")
    );
    assert!(!dir.join("attention-3.md").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("attention.md")).unwrap(),
        "My own notes.\n"
    );
}

#[test]
fn essays_with_the_same_title_or_no_letters_export_to_different_files() {
    let home = tempfile::tempdir().unwrap();
    for (name, title) in [
        ("a.md", "Attention"),
        ("b.md", "Attention"),
        ("c.md", "???"),
        ("d.md", "!!!"),
    ] {
        let path = essay(
            home.path(),
            name,
            &format!("# {title}\n\nThe words of {name}.\n"),
        );
        note_on(home.path(), &path, "The words", &format!("On {name}."));
    }
    let dir = home.path().join("out");
    for _ in 0..2 {
        let (_, err) = stdout_of(margin(home.path()).args(["notes", "--export"]).arg(&dir));
        assert!(err.contains("attention-2.md"), "{err}");
        assert!(err.contains("notes-2.md"), "{err}");
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["attention-2.md", "attention.md", "notes-2.md", "notes.md"]
    );
    let all: String = names
        .iter()
        .map(|n| std::fs::read_to_string(dir.join(n)).unwrap())
        .collect();
    for name in ["a.md", "b.md", "c.md", "d.md"] {
        assert_eq!(all.matches(&format!("On {name}.")).count(), 1, "{all}");
    }
}

/// `margin notes FILE --export` and `margin notes --export` name the essay alike, so either
/// replaces the other's export, and an essay edited since is still the same essay.
#[test]
fn both_exports_and_an_edited_essay_write_the_same_file() {
    let home = tempfile::tempdir().unwrap();
    let path = essay(home.path(), "essay.md", "# Attention\n\nA paragraph.\n");
    note_on(home.path(), &path, "A paragraph", "Mine.");
    let dir = home.path().join("out");
    export_one(home.path(), &path, &dir);
    std::fs::write(&path, "# Attention\n\nA paragraph, edited.\n").unwrap();
    let (out, err) = stdout_of(margin(home.path()).args(["notes", "--export"]).arg(&dir));
    assert!(out.trim_end().ends_with("attention.md"), "{out}");
    assert!(err.is_empty(), "{err}");
    let (out, _) = export_one(home.path(), &path, &dir);
    assert!(out.trim_end().ends_with("attention.md"), "{out}");
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(names.len(), 1);
    assert!(
        std::fs::read_to_string(dir.join("attention.md"))
            .unwrap()
            .contains("A paragraph, edited.")
    );
}

/// `margin notes FILE --export DIR`: its standard output and error.
fn export_one(home: &Path, file: &Path, dir: &Path) -> (String, String) {
    stdout_of(margin(home).arg("notes").arg(file).arg("--export").arg(dir))
}

/// A symbolic link in the export folder under the export's name, to a file outside it or
/// to nothing: neither written through nor replaced; the export goes beside it.
#[cfg(unix)]
#[test]
fn export_never_writes_through_a_link_nor_outside_the_folder() {
    for dangling in [false, true] {
        let home = tempfile::tempdir().unwrap();
        let path = essay(home.path(), "essay.md", "# Attention\n\nA paragraph.\n");
        note_on(home.path(), &path, "A paragraph", "Mine.");
        let dir = home.path().join("out");
        let outside = home.path().join("outside");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        let target = outside.join("precious.md");
        if !dangling {
            std::fs::write(&target, "Precious.\n").unwrap();
        }
        std::os::unix::fs::symlink(&target, dir.join("attention.md")).unwrap();

        let (out, _) = export_one(home.path(), &path, &dir);
        assert!(out.trim_end().ends_with("attention-2.md"), "{out}");
        if dangling {
            assert!(!target.exists(), "no file made outside the folder");
        } else {
            assert_eq!(std::fs::read_to_string(&target).unwrap(), "Precious.\n");
        }
        assert_eq!(
            std::fs::read_link(dir.join("attention.md")).unwrap(),
            target
        );
        assert_eq!(
            std::fs::read_dir(&outside).unwrap().count(),
            usize::from(!dangling)
        );
        // Private, as all of margin's files are.
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::symlink_metadata(dir.join("attention-2.md")).unwrap();
        assert!(meta.is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }
}
