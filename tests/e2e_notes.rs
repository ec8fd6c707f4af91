//! Notes end to end, with the real binary in a pseudo-terminal: write a note, quit, check
//! `margin notes --json`, edit the essay, reopen, and find the note beside its paragraph.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;
use std::process::Command;

use support::pty::{Pty, TIMEOUT, assert_terminal_restored, manifest_dir, margin_bin};
use tempfile::TempDir;

/// The essay to note: the seed when it is beside the checkout, else a sample essay in the
/// same one-paragraph-a-line style.
fn essay_copy(dir: &Path) -> (std::path::PathBuf, &'static str, &'static str) {
    let seed = manifest_dir().join("../shared/seed/000_fc49839cac4661f2.txt");
    let copy = dir.join("essay.txt");
    if seed.is_file() {
        std::fs::copy(&seed, &copy).unwrap();
        (
            copy,
            "We are wired to be in relationship",
            "My therapeutic perspective",
        )
    } else {
        std::fs::copy(
            manifest_dir().join("essays/letters-to-a-young-gardener.txt"),
            &copy,
        )
        .unwrap();
        (copy, "On patience and compost", "")
    }
}

/// A scratch data folder and a copy of the essay to note.
struct Scene {
    _dir: TempDir,
    home: std::path::PathBuf,
    essay: std::path::PathBuf,
    /// A section title on the first screen.
    section: &'static str,
}

impl Scene {
    fn new() -> Scene {
        let dir = TempDir::new().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        let (essay, section, _) = essay_copy(dir.path());
        Scene {
            _dir: dir,
            home,
            essay,
            section,
        }
    }

    /// The reader on the essay.
    fn spawn(&self) -> Pty {
        let env = [("MARGIN_HOME", self.home.to_str().unwrap())];
        Pty::spawn(&[self.essay.to_str().unwrap()], 120, 40, &env)
    }

    /// The reader on the essay, the section named on its first screen.
    fn open(&self) -> Pty {
        let pty = self.spawn();
        pty.wait_for(|s| s.contains(self.section), TIMEOUT).unwrap();
        pty
    }

    fn notes(&self) -> serde_json::Value {
        notes_json(&self.home, &self.essay)
    }

    /// The drafts kept in the data folder.
    fn drafts(&self) -> Vec<std::path::PathBuf> {
        std::fs::read_dir(self.home.join("notes"))
            .map(|dir| {
                dir.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.to_string_lossy().ends_with(".draft.json"))
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn notes_json(home: &Path, essay: &Path) -> serde_json::Value {
    let out = Command::new(margin_bin())
        .args(["notes", "--json"])
        .arg(essay)
        .env("MARGIN_HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_note_survives_quitting_and_an_edited_essay() {
    let scene = Scene::new();
    let (essay, section) = (&scene.essay, scene.section);

    let pty = scene.open();
    pty.send("]");
    pty.send("]");
    pty.send("a");
    pty.wait_for(|s| s.contains("New note"), TIMEOUT).unwrap();
    pty.send("Where the essay turns. #relationship");
    pty.wait_for(|s| s.contains("essay turns."), TIMEOUT)
        .unwrap();
    pty.send("\x1b");
    pty.wait_for(|s| s.contains("Note saved"), TIMEOUT).unwrap();
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).unwrap().success());
    assert_terminal_restored(&pty.raw_output());
    drop(pty);

    let json = scene.notes();
    let note = &json["notes"][0];
    assert_eq!(note["section"], section);
    assert_eq!(note["text"], "Where the essay turns. #relationship");
    assert_eq!(note["tags"][0], "relationship");
    assert_eq!(note["state"], "in-place");
    let quote = note["quote"].as_str().unwrap().to_string();
    assert!(!quote.is_empty());

    // A new paragraph at the top, and one word changed in the noted paragraph.
    let text = std::fs::read_to_string(essay).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.insert(
        1,
        "A paragraph added at the top of the copy, moving everything below it.".into(),
    );
    let noted = lines
        .iter()
        .position(|l| l.starts_with(&quote[..quote.len().min(40)]))
        .unwrap();
    let mut words: Vec<&str> = lines[noted].split(' ').collect();
    words[4] = "altered";
    let changed = words.join(" ");
    assert_ne!(changed, lines[noted], "one word changes");
    lines[noted] = changed.clone();
    std::fs::write(essay, lines.join("\n")).unwrap();

    let state = scene.notes()["notes"][0]["state"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(state, "edited", "one word of the passage changed");

    let pty = scene.open();
    let start: String = changed.chars().take(20).collect();
    pty.wait_for(|s| s.contains(&start), TIMEOUT).unwrap();
    // The note mark sits on the first line of the noted paragraph.
    let marked = pty.with_screen(|s| {
        let (rows, _) = s.size();
        (0..rows.get()).any(|r| {
            let row = s.contents_between(r, 0, r, 200);
            row.contains('✎') && row.contains(&start)
        })
    });
    assert!(marked, "{}", pty.screen());
    pty.send("m");
    pty.wait_for(|s| s.contains("Where the essay turns."), TIMEOUT)
        .unwrap();
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).unwrap().success());
}

/// A draft that came back stays on disk until its note is saved or thrown away: the window
/// it came back in may be killed too, and the draft must not be lost with it.
#[test]
fn a_draft_back_in_the_editor_survives_that_window_being_killed() {
    let scene = Scene::new();
    let pty = scene.open();
    pty.send("a");
    pty.wait_for(|s| s.contains("New note"), TIMEOUT).unwrap();
    pty.send("half a thought");
    pty.wait_for(|s| s.contains("half a thought"), TIMEOUT)
        .unwrap();
    let pid = pty.pid().expect("a process id").to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    pty.wait_exit(TIMEOUT).expect("margin ends on the signal");
    let drafts = || scene.drafts();
    assert_eq!(drafts().len(), 1, "the draft is kept");

    let again = scene.spawn();
    again
        .wait_for(
            |s| s.contains("half a thought") && s.contains("is back"),
            TIMEOUT,
        )
        .unwrap();
    // Killed outright, with no chance to keep anything: the draft must still be there.
    let pid = again.pid().expect("a process id").to_string();
    assert!(
        Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .unwrap()
            .success()
    );
    again.wait_exit(TIMEOUT).expect("margin is killed");
    assert_eq!(
        drafts().len(),
        1,
        "the draft outlives the window it came back in"
    );

    // Saved at last, the draft goes.
    let third = scene.spawn();
    third.wait_for(|s| s.contains("is back"), TIMEOUT).unwrap();
    third.send(" kept\x1b");
    third
        .wait_for(|s| s.contains("Note saved"), TIMEOUT)
        .unwrap();
    third.send("q");
    third.wait_exit(TIMEOUT).expect("margin quits");
    assert!(drafts().is_empty(), "{:?}", drafts());
    assert!(scene.notes().to_string().contains("half a thought kept"));
}

/// Stopped by a signal while a note is being written (SIGTERM, SIGHUP: the window closed,
/// SIGINT), margin keeps the text as a draft, restores the terminal, and opens the editor
/// on it the next time the essay is opened; the draft is not a note until it is saved.
#[test]
fn a_note_being_written_survives_a_signal_as_a_draft() {
    for signal in ["TERM", "HUP", "INT"] {
        let scene = Scene::new();
        let pty = scene.open();
        pty.send("a");
        pty.wait_for(|s| s.contains("New note"), TIMEOUT).unwrap();
        pty.send("half a thought about");
        pty.wait_for(|s| s.contains("half a thought about"), TIMEOUT)
            .unwrap();
        let pid = pty.pid().expect("a process id").to_string();
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        pty.wait_exit(TIMEOUT).expect("margin ends on the signal");
        assert_terminal_restored(&pty.raw_output());
        let notes = scene.notes();
        assert_eq!(
            notes["notes"].as_array().map(Vec::len),
            Some(0),
            "SIG{signal}: a draft is not a note: {notes}"
        );

        let again = scene.spawn();
        again
            .wait_for(
                |s| s.contains("half a thought about") && s.contains("is back"),
                TIMEOUT,
            )
            .unwrap_or_else(|e| panic!("SIG{signal}: the draft is offered back: {e}"));
        again.send(" it all\x1b");
        again
            .wait_for(|s| s.contains("Note saved"), TIMEOUT)
            .unwrap();
        again.send("q");
        again.wait_exit(TIMEOUT).expect("margin quits");
        let notes = scene.notes();
        assert!(
            notes.to_string().contains("half a thought about it all"),
            "SIG{signal}: {notes}"
        );
    }
}

/// The outside editor's file ends with a newline, as a text file does: a tool that appends
/// a line (here the editor itself, `printf … >>`) starts a line of its own instead of gluing
/// its words to the note's last one.
#[test]
fn a_line_appended_in_the_outside_editor_is_a_line_of_its_own() {
    let scene = Scene::new();
    let env = [
        ("MARGIN_HOME", scene.home.to_str().unwrap()),
        ("VISUAL", "printf 'Appended by a tool.\\n' >>"),
    ];
    let pty = Pty::spawn(&[scene.essay.to_str().unwrap()], 120, 40, &env);
    pty.wait_for(|s| s.contains(scene.section), TIMEOUT)
        .unwrap();
    pty.send("a");
    pty.wait_for(|s| s.contains("New note"), TIMEOUT).unwrap();
    pty.send("Typed in margin.");
    pty.wait_for(|s| s.contains("Typed in margin."), TIMEOUT)
        .unwrap();
    // Ctrl-O: carry on in $VISUAL, which appends its line and exits.
    pty.send("\x0f");
    pty.wait_for(|s| s.contains("Note saved"), TIMEOUT).unwrap();
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).unwrap().success());
    drop(pty);
    assert_eq!(
        scene.notes()["notes"][0]["text"],
        "Typed in margin.\nAppended by a tool."
    );
}

/// Two windows on one essay, both stopped while writing (issue 16, defect 5): each keeps a
/// draft of its own. The next window brings back one and says the other is kept; saving
/// it lets that one go, and the window after brings back the other.
#[test]
fn two_windows_stopped_while_writing_keep_two_drafts() {
    let scene = Scene::new();
    let first = scene.open();
    let second = scene.open();
    for (pty, words) in [
        (&first, "the first window's thought"),
        (&second, "the second's"),
    ] {
        pty.send("a");
        pty.wait_for(|s| s.contains("New note"), TIMEOUT).unwrap();
        pty.send(words);
        pty.wait_for(|s| s.contains(words), TIMEOUT).unwrap();
    }
    for pty in [&first, &second] {
        let pid = pty.pid().expect("a process id").to_string();
        assert!(
            Command::new("kill")
                .args(["-HUP", &pid])
                .status()
                .unwrap()
                .success()
        );
        pty.wait_exit(TIMEOUT).expect("margin ends on the signal");
    }
    let drafts = || scene.drafts().len();
    assert_eq!(drafts(), 2, "each window keeps its draft");

    let mut back = Vec::new();
    for more in [true, false] {
        let pty = scene.spawn();
        let screen = pty.wait_for(|s| s.contains("is back"), TIMEOUT).unwrap();
        assert_eq!(screen.contains("kept too"), more, "{screen}");
        back.push(if screen.contains("the first window's thought") {
            "first"
        } else {
            "second"
        });
        pty.send("\x1b");
        pty.wait_for(|s| s.contains("Note saved"), TIMEOUT).unwrap();
        pty.send("q");
        pty.wait_exit(TIMEOUT).expect("margin quits");
    }
    back.sort_unstable();
    assert_eq!(back, ["first", "second"]);
    assert_eq!(drafts(), 0);
    let notes = scene.notes().to_string();
    assert!(notes.contains("the first window's thought") && notes.contains("the second's"));
}
