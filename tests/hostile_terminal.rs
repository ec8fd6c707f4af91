//! Text that tries to command the terminal: escape sequences, C1 controls, bidirectional
//! overrides, tabs and bare carriage returns, in an essay's text, its title, its file name
//! and a note's body. None of it may reach the terminal: not through `margin render` or
//! `margin toc` into a pipe, not through `margin notes`, not through the reader itself,
//! whose raw output to a pseudo-terminal is checked byte by byte.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use margin::notes::store::NoteStore;
use margin::notes::{Anchor, Note};
use margin::store::identity::Identity;
use support::pty::{Pty, TIMEOUT, assert_terminal_restored, margin_bin};
use tempfile::TempDir;

/// One essay paragraph per class of hostile text: (name, text).
fn fixtures() -> Vec<(&'static str, &'static str)> {
    vec![
        ("sgr-colour", "Before \x1b[1;31mred\x1b[0m after."),
        ("clear-screen", "Before \x1b[2J\x1b[H after."),
        ("osc0-title", "Before \x1b]0;pwned title\x07 after."),
        (
            "osc8-link",
            "Before \x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\ after.",
        ),
        ("osc52-bel", "Before \x1b]52;c;cm0gLXJmIH4K\x07 after."),
        ("osc52-st", "Before \x1b]52;c;cm0gLXJmIH4K\x1b\\ after."),
        (
            "osc-unterminated",
            "Before \x1b]2;never terminated\n\nAfter.",
        ),
        ("dcs", "Before \x1bPq#0;2;0;0;0#0~~@@\x1b\\ after."),
        ("c1-csi", "Before \u{9b}2J\u{9b}31m after."),
        (
            "rlo-lri",
            "Before \u{202e}desrever\u{202c} \u{2066}isolated\u{2069} after.",
        ),
        ("tab", "Before\tafter."),
        ("bare-cr", "Visible words\rOVERWRITTEN after."),
    ]
}

/// A Markdown essay with the hostile text in its title, a heading and a paragraph.
fn essay_text(name: &str, text: &str) -> String {
    format!(
        "# Essay {name} \x1b]0;title\x07\n\nAn opening paragraph.\n\n## Part {text}\n\n{text}\n\n## Close\n\nThe end.\n"
    )
}

/// The binary with its data and configuration folders inside `sandbox`.
fn margin(sandbox: &Path) -> Command {
    let mut cmd = Command::new(margin_bin());
    cmd.env_remove("NO_COLOR")
        .env("MARGIN_HOME", sandbox.join("margin"))
        .env("HOME", sandbox.join("home"))
        .env("XDG_CONFIG_HOME", sandbox.join("config"))
        .env("XDG_DATA_HOME", sandbox.join("data"));
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run margin")
}

/// The characters a terminal could obey, found in `bytes`: ESC, other C0 controls but the
/// line break, DEL, C1 controls (as UTF-8 or as bare 8-bit bytes) and bidirectional
/// overrides and isolates.
fn dangerous(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return vec![format!("not UTF-8: {e}")],
    };
    for (i, c) in text.char_indices() {
        let bad = match c {
            '\n' => false,
            c if (c as u32) < 0x20 || c == '\u{7f}' => true,
            '\u{80}'..='\u{9f}' => true,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
            _ => false,
        };
        if bad {
            let start = text[..i].char_indices().rev().nth(20).map_or(0, |(s, _)| s);
            found.push(format!(
                "U+{:04X} at byte {i} after {:?}",
                c as u32,
                &text[start..i]
            ));
        }
    }
    found
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let found = dangerous(bytes);
    assert!(
        found.is_empty(),
        "{what} wrote what a terminal would obey:\n  {}",
        found.join("\n  ")
    );
}

/// What each fixture must show in place of its hostile part.
fn assert_shown(name: &str, out: &str) {
    match name {
        "tab" => assert!(
            out.contains("Before  after.") || out.contains("Before after."),
            "{out}"
        ),
        "bare-cr" => assert!(
            out.contains("Visible words") && out.contains("OVERWRITTEN after."),
            "{name}: both halves of the line stay: {out}"
        ),
        "rlo-lri" => assert!(out.contains("Before desrever isolated after."), "{out}"),
        "osc-unterminated" => assert!(out.contains("Before ␛") && out.contains("After."), "{out}"),
        _ => assert!(
            out.contains("Before ␛"),
            "{name}: a placeholder shown: {out}"
        ),
    }
}

fn write_fixtures(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    fixtures()
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(format!("{name}.md"));
            std::fs::write(&path, essay_text(name, text)).unwrap();
            (name, path)
        })
        .collect()
}

#[test]
fn render_and_toc_into_a_pipe_write_no_control_at_all() {
    let dir = TempDir::new().unwrap();
    for (name, path) in write_fixtures(dir.path()) {
        for args in [
            vec!["render", "--width", "60"],
            vec!["render"],
            vec!["toc"],
            vec!["toc", "--json"],
        ] {
            let out = run(margin(dir.path()).args(&args).arg(&path));
            let what = format!("margin {} {name}.md", args.join(" "));
            assert!(
                out.status.success(),
                "{what}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_clean(&what, &out.stdout);
            assert_clean(&format!("{what} (stderr)"), &out.stderr);
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("Essay"), "{what}: the title is there: {text}");
            if args[0] == "render" {
                assert_shown(name, &text);
            }
        }
    }
}

#[test]
fn plain_text_and_standard_input_are_cleaned_too() {
    let dir = TempDir::new().unwrap();
    let all: String = fixtures().iter().map(|(_, t)| format!("{t}\n\n")).collect();
    let path = dir.path().join("all.txt");
    std::fs::write(&path, format!("A Hostile Title\x1b]0;x\x07\n\n{all}")).unwrap();
    for args in [vec!["render", "--width", "40"], vec!["toc"]] {
        let out = run(margin(dir.path()).args(&args).arg(&path));
        assert!(out.status.success());
        assert_clean(&format!("margin {} all.txt", args.join(" ")), &out.stdout);
    }
    let out = margin(dir.path())
        .args(["render", "-"])
        .stdin(std::fs::File::open(&path).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_clean("margin render - < all.txt", &out.stdout);
}

/// A file name with an OSC title, a clear-screen and an override in it.
const HOSTILE_NAME: &str = "evil\x1b]0;pwned\x07\x1b[2J\u{202e}\x07name";

/// An essay in `dir` named [`HOSTILE_NAME`], with no heading, so its name is its title.
fn hostile_named_essay(dir: &TempDir) -> std::path::PathBuf {
    let path = dir.path().join(format!("{HOSTILE_NAME}.md"));
    std::fs::write(
        &path,
        "An essay without a heading of its own, so its file name is its title.\n",
    )
    .unwrap();
    path
}

#[test]
fn a_hostile_file_name_is_shown_safely_in_output_and_errors() {
    let dir = TempDir::new().unwrap();
    let path = hostile_named_essay(&dir);
    let out = run(margin(dir.path()).arg("toc").arg(&path));
    assert!(out.status.success());
    assert_clean("margin toc HOSTILE-NAME", &out.stdout);
    let toc = String::from_utf8(out.stdout).unwrap();
    assert!(toc.starts_with("evil␛␛␇name"), "{toc}");

    // Errors name the file: a missing one, a binary one, a folder.
    let missing = dir.path().join(format!("{HOSTILE_NAME}-missing.md"));
    let binary = dir.path().join(format!("{HOSTILE_NAME}.png"));
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let folder = dir.path().join(HOSTILE_NAME);
    std::fs::create_dir(&folder).unwrap();
    for bad in [&missing, &binary, &folder] {
        let out = run(margin(dir.path()).arg("render").arg(bad));
        assert_eq!(out.status.code(), Some(1));
        assert_clean("margin's error for a hostile file name", &out.stderr);
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("evil␛␛␇name"), "{err}");
    }
}

/// An essay and a note on it whose text, quote and section carry escapes, written as the
/// reader writes notes. Returns the essay's path and the MARGIN_HOME.
fn essay_with_hostile_note(dir: &Path) -> (PathBuf, PathBuf) {
    let essay = dir.join("noted.md");
    std::fs::write(
        &essay,
        "# Noted \x1b]0;essay title\x07 essay\n\n## First part\n\nThe passage the note is on.\n\n## Second part\n\nMore words.\n",
    )
    .unwrap();
    let source = margin::essay::source::load(&essay).unwrap();
    let home = dir.join("margin");
    let (mut store, message) = NoteStore::open_in(
        Some(home.join("notes")),
        Identity::new(&essay, &source.text),
        "Noted \x1b]0;stored title\x07 essay\u{202e}",
    );
    assert!(message.is_none(), "{message:?}");
    let hostile = "Look \x1b]52;c;ZXZpbAo=\x07 here \x1b[2J\x1b[H \u{9b}31m \u{202e}desrever\u{202c} \x1bPdcs\x1b\\ end #tag";
    store
        .put(Note {
            id: "n1".into(),
            created: "2026-01-01T00:00:00Z".into(),
            updated: "2026-01-01T00:00:00Z".into(),
            text: hostile.into(),
            deleted: None,
            passage: None,
            version: margin::notes::Version::default(),
            anchor: Anchor {
                section: "First part \x1b]0;section\x07".into(),
                quote: format!("The passage {hostile}"),
                before: String::new(),
                after: String::new(),
                block: 1,
            },
        })
        .unwrap();
    (essay, home)
}

#[test]
fn margin_notes_output_holds_no_escape_from_a_note() {
    let dir = TempDir::new().unwrap();
    let (essay, _home) = essay_with_hostile_note(dir.path());
    let export = dir.path().join("export");
    for args in [
        vec!["notes", essay.to_str().unwrap()],
        vec!["notes", essay.to_str().unwrap(), "--json"],
        vec!["notes"],
        vec!["notes", "--json"],
        vec!["notes", "--export", export.to_str().unwrap()],
    ] {
        let out = run(margin(dir.path()).args(&args));
        let what = format!("margin {}", args[..args.len().min(2)].join(" "));
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(&what, &out.stdout);
        assert_clean(&format!("{what} (stderr)"), &out.stderr);
    }
    let markdown =
        String::from_utf8(run(margin(dir.path()).args(["notes", essay.to_str().unwrap()])).stdout)
            .unwrap();
    assert!(
        markdown.contains("Look ␛ here ␛␛ ␛ desrever ␛ end #tag"),
        "{markdown}"
    );
    let json = run(margin(dir.path()).args(["notes", essay.to_str().unwrap(), "--json"]));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["notes"][0]["tags"][0], "tag");
}

/// Raw bytes a terminal would obey that margin itself never sends: string commands (OSC,
/// DCS, SOS, PM, APC), a clear-screen, the bell, and C1 or bidirectional controls.
fn foreign_sequences(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for (needle, what) in [
        (&b"\x1b]"[..], "OSC (ESC ])"),
        (b"\x1bP", "DCS (ESC P)"),
        (b"\x1bX", "SOS (ESC X)"),
        (b"\x1b^", "PM (ESC ^)"),
        (b"\x1b_", "APC (ESC _)"),
        (b"\x1b[2J", "clear screen (ESC [2J)"),
        (b"\x07", "BEL"),
        ("\u{9b}".as_bytes(), "C1 CSI (U+009B)"),
        ("\u{9d}".as_bytes(), "C1 OSC (U+009D)"),
        ("\u{90}".as_bytes(), "C1 DCS (U+0090)"),
        ("\u{202e}".as_bytes(), "RLO (U+202E)"),
        ("\u{202c}".as_bytes(), "PDF (U+202C)"),
        ("\u{2066}".as_bytes(), "LRI (U+2066)"),
        ("\u{2069}".as_bytes(), "PDI (U+2069)"),
    ] {
        if let Some(at) = raw.windows(needle.len()).position(|w| w == needle) {
            let from = at.saturating_sub(40);
            found.push(format!(
                "{what} at byte {at}, after {:?}",
                String::from_utf8_lossy(&raw[from..at])
            ));
        }
    }
    found
}

fn assert_no_foreign_sequences(what: &str, pty: &Pty) {
    let raw = pty.raw_output();
    let found = foreign_sequences(&raw);
    assert!(
        found.is_empty(),
        "{what}: the terminal received sequences margin does not send:\n  {}",
        found.join("\n  ")
    );
    assert_eq!(
        pty.titles_set(),
        Vec::<String>::new(),
        "{what}: window title"
    );
    assert_eq!(pty.bells(), 0, "{what}: the bell rang");
}

fn quit(pty: &Pty) {
    pty.send("\x03");
    let status = pty
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("margin did not quit; screen:\n{}", pty.screen()));
    assert!(status.success(), "margin exited with {status:?}");
    assert_terminal_restored(&pty.raw_output());
}

#[test]
fn the_reader_sends_the_terminal_nothing_from_a_hostile_essay() {
    let dir = TempDir::new().unwrap();
    let paragraphs: String = fixtures()
        .iter()
        .map(|(name, text)| format!("## {name} \x1b]0;heading\x07\n\n{text}\n\n"))
        .collect();
    let path = dir.path().join("hostile.md");
    std::fs::write(
        &path,
        format!("# Hostile \x1b]0;pwned title\x07 essay\n\n{paragraphs}The last words.\n"),
    )
    .unwrap();
    let pty = Pty::spawn(&[path.to_str().unwrap()], 130, 50, &[]);
    pty.wait_for(|s| s.contains("Hostile ␛ essay"), TIMEOUT)
        .unwrap();
    pty.wait_for(|s| s.contains("Before ␛red␛ after."), TIMEOUT)
        .unwrap();
    // Every part of the essay is drawn at least once: page down to the end, and back.
    for _ in 0..6 {
        pty.send(" ");
    }
    pty.wait_for(|s| s.contains("The last words."), TIMEOUT)
        .unwrap();
    let screen = pty.screen();
    assert!(
        screen.contains("Before desrever isolated after."),
        "{screen}"
    );
    assert!(screen.contains("OVERWRITTEN after."), "{screen}");
    // Search and the outline show headings and text again, elsewhere on screen.
    pty.send("t");
    pty.send("/pwned");
    pty.wait_for(|s| s.contains("/pwned"), TIMEOUT).unwrap();
    pty.send("\r");
    pty.send("g");
    assert_no_foreign_sequences("reading a hostile essay", &pty);
    quit(&pty);
    assert_no_foreign_sequences("reading a hostile essay, to the end", &pty);
}

#[test]
fn the_reader_shows_a_hostile_file_name_safely() {
    let dir = TempDir::new().unwrap();
    let path = hostile_named_essay(&dir);
    let pty = Pty::spawn(&[path.to_str().unwrap()], 100, 20, &[]);
    pty.wait_for(|s| s.contains("evil␛␛␇name"), TIMEOUT)
        .unwrap();
    assert_no_foreign_sequences("reading a file with a hostile name", &pty);
    quit(&pty);
    assert_no_foreign_sequences("reading a file with a hostile name", &pty);
}

#[test]
fn the_library_lists_hostile_names_and_titles_safely() {
    let dir = TempDir::new().unwrap();
    let library = dir.path().join("library");
    std::fs::create_dir(&library).unwrap();
    std::fs::write(
        library.join(format!("{HOSTILE_NAME}.md")),
        "An essay without a heading of its own, so its file name is its title.\n",
    )
    .unwrap();
    std::fs::write(
        library.join("titled.md"),
        "# Titled \x1b]0;pwned\x07 \u{9b}2J essay\n\nWords.\n",
    )
    .unwrap();
    std::fs::write(
        library.join(format!("{HOSTILE_NAME}.txt")),
        b"\x89PNG\r\n\x1a\n\0",
    )
    .unwrap();
    let pty = Pty::spawn(&["--library", library.to_str().unwrap()], 120, 20, &[]);
    pty.wait_for(
        |s| s.contains("Titled ␛ ␛ essay") && s.contains("evil␛␛␇name"),
        TIMEOUT,
    )
    .unwrap();
    assert_no_foreign_sequences("the library", &pty);
    quit(&pty);
    assert_no_foreign_sequences("the library", &pty);
}

#[test]
fn the_notes_pane_shows_a_hostile_note_safely() {
    let dir = TempDir::new().unwrap();
    let (essay, home) = essay_with_hostile_note(dir.path());
    let pty = Pty::spawn(
        &[essay.to_str().unwrap()],
        120,
        40,
        &[("MARGIN_HOME", home.to_str().unwrap())],
    );
    pty.wait_for(|s| s.contains("The passage the note is on."), TIMEOUT)
        .unwrap();
    // Docked but closed at this width: `m` opens the notes.
    pty.send("m");
    pty.wait_for(|s| s.contains("desrever"), TIMEOUT).unwrap();
    // All notes, then the note itself opened for a change.
    pty.send("\t");
    pty.send("v");
    pty.send("e");
    pty.wait_for(|s| s.contains("Changing a note"), TIMEOUT)
        .unwrap();
    assert_no_foreign_sequences("the notes pane", &pty);
    // Ctrl-C closes the editor (nothing was typed), then quits.
    pty.send("\x03");
    pty.wait_for(|s| !s.contains("Changing a note"), TIMEOUT)
        .unwrap();
    quit(&pty);
    assert_no_foreign_sequences("the notes pane", &pty);
}
