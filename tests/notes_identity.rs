//! An essay's identity survives edits, renames and standard input (issue 12): with the real
//! binary in a pseudo-terminal, notes written on an essay read from standard input and from
//! its file stay with it after an edit, and an essay edited and then renamed keeps its notes
//! and its reading position; `margin notes` and `margin notes FILE` agree throughout.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::pty::{Pty, TIMEOUT, manifest_dir, margin_bin};
use tempfile::TempDir;

/// The readers' comments under the seed post, which the sample essay is given too.
const COMMENTS: &str =
    "Beautiful writing! Thanks for sharing your work!\nLove this, Amy! -Megan Samuels\n";

/// A scratch data folder, and an essay with readers' comments at its end.
struct Scene {
    dir: TempDir,
    home: PathBuf,
    essay: PathBuf,
}

impl Scene {
    fn new() -> Scene {
        let dir = TempDir::new().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        let library = dir.path().join("library");
        std::fs::create_dir(&library).unwrap();
        let essay = library.join("essay.txt");
        let seed = manifest_dir().join("../shared/seed/000_fc49839cac4661f2.txt");
        let text = if seed.is_file() {
            std::fs::read_to_string(&seed).unwrap()
        } else {
            let sample = manifest_dir().join("essays/letters-to-a-young-gardener.txt");
            format!(
                "{}\n\n\n{COMMENTS}",
                std::fs::read_to_string(sample).unwrap()
            )
        };
        assert!(
            text.contains("Beautiful writing!"),
            "the comments end the essay"
        );
        std::fs::write(&essay, text).unwrap();
        Scene { dir, home, essay }
    }

    fn env(&self) -> [(&str, &str); 1] {
        [("MARGIN_HOME", self.home.to_str().unwrap())]
    }

    /// The reader on `file`, once its text shows.
    fn open(&self, file: &Path) -> Pty {
        let pty = Pty::spawn(&[file.to_str().unwrap()], 120, 40, &self.env());
        wait_for_text(&pty);
        pty
    }

    /// `cat essay.txt | margin -`, once its text shows.
    fn open_stdin(&self) -> Pty {
        let line = format!("cat '{}' | '{}' -", self.essay.display(), margin_bin());
        let pty = Pty::spawn_program("sh", &["-c", &line], 120, 40, &self.env());
        wait_for_text(&pty);
        pty
    }

    /// `margin ARGS`, its standard output.
    fn margin(&self, args: &[&str]) -> String {
        let out = Command::new(margin_bin())
            .args(args)
            .env("MARGIN_HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "margin {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The texts of the notes `margin notes --json FILE` gives.
    fn notes_of(&self, file: &Path) -> Vec<String> {
        let json: serde_json::Value =
            serde_json::from_str(&self.margin(&["notes", "--json", file.to_str().unwrap()]))
                .unwrap();
        json["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap().to_string())
            .collect()
    }
}

fn wait_for_text(pty: &Pty) {
    pty.wait_for(|s| s.contains("min"), TIMEOUT)
        .unwrap_or_else(|e| panic!("the essay opens: {e}\n{}", pty.screen()));
    pty.wait_settled(
        std::time::Duration::from_millis(300),
        std::time::Duration::from_secs(3),
    );
}

/// Writes a note on the focused paragraph, saves it and quits.
fn note_and_quit(pty: &Pty, text: &str) {
    pty.send("a");
    pty.wait_for(|s| s.contains("New note"), TIMEOUT).unwrap();
    pty.send(text);
    pty.wait_for(|s| s.contains(text), TIMEOUT).unwrap();
    pty.send("\x1b");
    pty.wait_for(|s| s.contains("Note saved"), TIMEOUT).unwrap();
    quit(pty);
}

fn quit(pty: &Pty) {
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).unwrap().success());
}

/// `essay` with its first `from` replaced by `to`.
fn change_word(essay: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(essay).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(essay, text.replacen(from, to, 1)).unwrap();
}

/// Defect 1: notes begun on standard input vanished after a small edit of the file.
#[test]
fn notes_begun_on_standard_input_survive_an_edit_of_the_file() {
    let scene = Scene::new();
    let essay = &scene.essay;

    note_and_quit(&scene.open_stdin(), "Read from a pipe.");
    note_and_quit(&scene.open(essay), "Read from the file.");
    let mut both = scene.notes_of(essay);
    both.sort();
    assert_eq!(both, ["Read from a pipe.", "Read from the file."]);

    // One word of the readers' comments at the end changes.
    change_word(essay, "Beautiful writing!", "Lovely writing!");

    let mut after = scene.notes_of(essay);
    after.sort();
    assert_eq!(after, both, "margin notes FILE after the edit");
    let markdown = scene.margin(&["notes", essay.to_str().unwrap()]);
    assert!(!markdown.contains("No notes yet."), "{markdown}");
    let list = scene.margin(&["notes"]);
    assert!(list.contains("   2 notes"), "{list}");
    assert_eq!(list.lines().count(), 1, "one essay, not two: {list}");

    // The reader shows both notes.
    let pty = scene.open(essay);
    pty.send("m");
    pty.wait_for(
        |s| s.contains("Read from a pipe.") && s.contains("Read from the file."),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("{e}\n{}", pty.screen()));
    quit(&pty);

    // Read from a pipe again, the essay is still known by its file.
    quit(&scene.open_stdin());
    let list = scene.margin(&["notes"]);
    assert!(list.contains("essay.txt)"), "{list}");
    assert_eq!(scene.notes_of(essay).len(), 2);
}

/// Defect 2: an essay edited and then renamed lost its notes and its reading position.
#[test]
fn an_edited_then_renamed_essay_keeps_its_notes_and_position() {
    let scene = Scene::new();
    let essay = &scene.essay;

    let pty = scene.open(essay);
    for _ in 0..3 {
        pty.send("]");
    }
    pty.send("}");
    note_and_quit(&pty, "Kept through a rename.");
    assert_eq!(scene.notes_of(essay), ["Kept through a rename."]);

    change_word(essay, "Beautiful writing!", "Lovely writing!");
    let renamed = essay.with_file_name("renamed.txt");
    std::fs::rename(essay, &renamed).unwrap();

    assert_eq!(scene.notes_of(&renamed), ["Kept through a rename."]);
    let list = scene.margin(&["notes"]);
    assert!(list.contains("   1 note "), "{list}");

    // The library's row shows the notes and how far it was read.
    let library = renamed.parent().unwrap();
    let pty = Pty::spawn(&[library.to_str().unwrap()], 120, 40, &scene.env());
    pty.wait_for(|s| s.contains("✎1") && s.contains('%'), TIMEOUT)
        .unwrap_or_else(|e| panic!("the library row: {e}\n{}", pty.screen()));
    quit(&pty);

    // The reader goes back where it was left off.
    let pty = Pty::spawn(&[renamed.to_str().unwrap()], 120, 40, &scene.env());
    pty.wait_for(|s| s.contains("Back where you left off"), TIMEOUT)
        .unwrap_or_else(|e| panic!("the position: {e}\n{}", pty.screen()));
    quit(&pty);
}

/// Renaming an unedited essay kept its notes before; it still does, and its position too.
#[test]
fn a_renamed_unedited_essay_keeps_its_notes() {
    let scene = Scene::new();
    let essay = &scene.essay;
    let pty = scene.open(essay);
    pty.send("]]");
    note_and_quit(&pty, "Moved, not changed.");
    let renamed = essay.with_file_name("moved.txt");
    std::fs::rename(essay, &renamed).unwrap();
    assert_eq!(scene.notes_of(&renamed), ["Moved, not changed."]);
    let pty = Pty::spawn(&[renamed.to_str().unwrap()], 120, 40, &scene.env());
    pty.wait_for(|s| s.contains("Back where you left off"), TIMEOUT)
        .unwrap_or_else(|e| panic!("the position: {e}\n{}", pty.screen()));
    quit(&pty);
}

/// Two kept essays alike to the opened one, neither clearly the closer: margin does not
/// guess. The opened essay is kept apart, and the reader is told, in the status line and by
/// `margin notes FILE`.
#[test]
fn an_essay_alike_to_two_kept_ones_is_kept_apart_and_said() {
    let scene = Scene::new();
    let first = &scene.essay;
    note_and_quit(&scene.open(first), "On the first copy.");

    // A second essay, different at first, later pasted over with the same text and more.
    let second = first.with_file_name("second.txt");
    let other = manifest_dir().join("essays/notes-on-attention.md");
    std::fs::copy(other, &second).unwrap();
    note_and_quit(&scene.open(&second), "On the second essay.");
    let text = std::fs::read_to_string(first).unwrap();
    std::fs::write(
        &second,
        format!("{text}\n\nA paragraph of its own at the end.\n"),
    )
    .unwrap();
    quit(&scene.open(&second));

    // A third copy, one word changed: alike to both.
    let third = first.with_file_name("third.txt");
    std::fs::write(
        &third,
        text.replacen("Beautiful writing!", "Lovely writing!", 1),
    )
    .unwrap();
    let out = Command::new(margin_bin())
        .args(["notes", "--json", third.to_str().unwrap()])
        .env("MARGIN_HOME", &scene.home)
        .env("XDG_CONFIG_HOME", scene.dir.path().join("config"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Kept apart: 2 kept essays are alike"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["notes"].as_array().unwrap().len(), 0, "{json}");

    let pty = Pty::spawn(&[third.to_str().unwrap()], 120, 40, &scene.env());
    pty.wait_for(
        |s| s.contains("Kept apart: 2 kept essays are alike"),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the status line: {e}\n{}", pty.screen()));
    quit(&pty);
    // The two kept essays keep their own notes.
    assert_eq!(scene.notes_of(first), ["On the first copy."]);
    assert_eq!(scene.notes_of(&second), ["On the second essay."]);
}

/// Files written before records had paths and sketches still load, and gain both when
/// their essay is next opened: from then on it is found after an edit and a rename too.
#[test]
fn records_from_before_sketches_load_and_gain_one_when_opened() {
    let scene = Scene::new();
    let essay = &scene.essay;
    note_and_quit(&scene.open(essay), "Written long ago.");

    // Make the files as an older margin wrote them: no paths, no sketch.
    let files = |folder: &str| -> Vec<PathBuf> {
        std::fs::read_dir(scene.home.join(folder))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml" || e == "json"))
            .collect()
    };
    let [notes] = files("notes").try_into().unwrap();
    let mut old: toml::Table = std::fs::read_to_string(&notes).unwrap().parse().unwrap();
    let essay_table = old["essay"].as_table_mut().unwrap();
    assert!(essay_table.remove("paths").is_some() && essay_table.remove("sketch").is_some());
    std::fs::write(&notes, toml::to_string(&old).unwrap()).unwrap();
    let [position] = files("positions").try_into().unwrap();
    let mut old: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&position).unwrap()).unwrap();
    let map = old.as_object_mut().unwrap();
    assert!(map.remove("paths").is_some() && map.remove("sketch").is_some());
    std::fs::write(&position, serde_json::to_vec(&old).unwrap()).unwrap();

    assert_eq!(
        scene.notes_of(essay),
        ["Written long ago."],
        "old files load"
    );
    quit(&scene.open(essay));
    for file in [&notes, &position] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains("sketch"), "{}: {text}", file.display());
    }

    change_word(essay, "Beautiful writing!", "Lovely writing!");
    let renamed = essay.with_file_name("renamed.txt");
    std::fs::rename(essay, &renamed).unwrap();
    assert_eq!(scene.notes_of(&renamed), ["Written long ago."]);
}

/// The words of `essay` from `sentence`'s paragraph on, with a paragraph inserted above it
/// and one word of it (the longest found nowhere else in the file) changed; returns the
/// word and what it became.
fn edit_sentence(essay: &Path, sentence: &str) -> (String, String) {
    let text = std::fs::read_to_string(essay).unwrap();
    let word = sentence
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 4 && text.matches(w).count() == 1)
        .max_by_key(|w| w.len())
        .unwrap_or_else(|| panic!("a word found once in the file, in {sentence:?}"))
        .to_string();
    let changed = format!("{}x", word.to_lowercase());
    let start: String = sentence.split(' ').take(3).collect::<Vec<_>>().join(" ");
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with(&start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}"));
    let mut lines: Vec<String> = text
        .replacen(&word, &changed, 1)
        .lines()
        .map(String::from)
        .collect();
    // A paragraph as the file writes them: a line of its own, or between blank lines (a
    // blank line in a file of one line a paragraph would make its lines read as one), and
    // as long as a paragraph (short lines side by side may read as verse).
    let inserted = "A paragraph inserted above, with words of its own, long enough to read as \
                    a paragraph of this essay rather than as a line of verse among its neighbours.";
    let inserted = if text.contains("\n\n") {
        format!("{inserted}\n")
    } else {
        inserted.to_string()
    };
    lines.insert(line, inserted);
    std::fs::write(essay, lines.join("\n") + "\n").unwrap();
    (word, changed)
}

/// The end-to-end run: a note from standard input; on the file, one sentence
/// highlighted (`v`, `h`) and noted (`v`, `a`); a word of it changed, a paragraph inserted
/// above it, the file renamed; reopened, all three are there with honest states, said in
/// one line, and the two on the sentence stand beside its new words.
#[test]
fn a_highlighted_and_noted_sentence_survives_an_edit_a_paragraph_above_and_a_rename() {
    let scene = Scene::new();
    let essay = &scene.essay;

    note_and_quit(&scene.open_stdin(), "Read from a pipe.");

    let pty = scene.open(essay);
    pty.send("}}}");
    pty.send("v");
    pty.wait_for(|s| s.contains("selecting"), TIMEOUT)
        .unwrap_or_else(|e| panic!("v selects: {e}\n{}", pty.screen()));
    pty.send("h");
    pty.wait_for(|s| s.contains("Highlighted"), TIMEOUT)
        .unwrap_or_else(|e| panic!("h highlights: {e}\n{}", pty.screen()));
    pty.wait_for(|s| !s.contains("saving…"), TIMEOUT).unwrap();
    pty.send("v");
    pty.wait_for(|s| s.contains("selecting"), TIMEOUT).unwrap();
    note_and_quit(&pty, "On this very sentence.");

    let json: serde_json::Value =
        serde_json::from_str(&scene.margin(&["notes", "--json", essay.to_str().unwrap()])).unwrap();
    let notes = json["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 3, "{json}");
    let highlight = notes.iter().find(|n| n["highlight"] == true).unwrap();
    let sentence = highlight["quote"].as_str().unwrap().to_string();
    let noted = notes
        .iter()
        .find(|n| n["text"] == "On this very sentence.")
        .unwrap();
    assert_eq!(noted["quote"], sentence, "both on the same words");

    let (word, changed) = edit_sentence(essay, &sentence);
    let renamed = essay.with_file_name("renamed.txt");
    std::fs::rename(essay, &renamed).unwrap();

    // Reopened: the one-line report, then the pane, with the states in words.
    let pty = scene.open(&renamed);
    pty.wait_for(|s| s.contains("3 notes: 1 in place, 2 edited"), TIMEOUT)
        .unwrap_or_else(|e| {
            panic!(
                "the report: {e}\n{}\n{}",
                pty.screen(),
                scene.margin(&["notes", "--json", renamed.to_str().unwrap()])
            )
        });
    pty.send("m");
    pty.wait_for(
        |s| s.contains("highlight") && s.contains("edited") && s.contains("On this very sentence."),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the notes pane: {e}\n{}", pty.screen()));
    quit(&pty);

    // Beside the right text: each quotes its passage as it is now, with the changed word.
    let json: serde_json::Value =
        serde_json::from_str(&scene.margin(&["notes", "--json", renamed.to_str().unwrap()]))
            .unwrap();
    let states: Vec<&str> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states.iter().filter(|s| **s == "edited").count(),
        2,
        "{json}"
    );
    assert_eq!(
        states.iter().filter(|s| **s == "in-place").count(),
        1,
        "{json}"
    );
    let markdown = scene.margin(&["notes", renamed.to_str().unwrap()]);
    let now = sentence.replacen(&word, &changed, 1);
    assert_eq!(
        markdown.matches(&format!("> {now}\n")).count(),
        2,
        "the highlight and the note quote the sentence as it is now:\n{markdown}"
    );
    assert!(markdown.contains("Read from a pipe."), "{markdown}");
}
