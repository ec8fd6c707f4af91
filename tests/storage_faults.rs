//! The data folder going wrong under margin: unwritable, missing, a file where the folder
//! should be; the notes file a directory, truncated, from a newer margin, a symbolic link;
//! the disk full. Through the real interfaces (`margin notes FILE` and the reader in a
//! pseudo-terminal): a clear message, the reader keeps working, no note is lost and no
//! existing file is overwritten.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use margin::notes::store::{NoteStore, read_file};
use margin::notes::{Anchor, Note};
use margin::store::identity::Identity;
use support::needs::{is_root, need};
use support::pty::{Pty, TIMEOUT, assert_terminal_restored, margin_bin};
use tempfile::TempDir;

#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;

const ESSAY: &str = "# Storage Faults\n\n## First part\n\nThe first passage, to write a note on.\n\n## Second part\n\nThe second passage.\n";

/// A scratch world: an essay, a MARGIN_HOME path (not created), HOME, XDG folders and a
/// TMPDIR of its own, so a rescue file written to the temporary folder is found here.
struct World {
    dir: TempDir,
    essay: PathBuf,
    home: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = TempDir::new().unwrap();
        let essay = dir.path().join("essay.md");
        std::fs::write(&essay, ESSAY).unwrap();
        for sub in ["tmp", "user", "config", "data"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        let home = dir.path().join("margin");
        World { dir, essay, home }
    }

    fn tmp(&self) -> PathBuf {
        self.dir.path().join("tmp")
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        let s = |p: PathBuf| p.to_str().unwrap().to_string();
        vec![
            ("MARGIN_HOME", s(self.home.clone())),
            ("HOME", s(self.dir.path().join("user"))),
            ("XDG_CONFIG_HOME", s(self.dir.path().join("config"))),
            ("XDG_DATA_HOME", s(self.dir.path().join("data"))),
            ("TMPDIR", s(self.tmp())),
        ]
    }

    fn margin(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(margin_bin());
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd.args(args).output().expect("run margin")
    }

    /// `margin notes ESSAY`.
    fn notes(&self) -> Output {
        self.margin(&["notes", self.essay.to_str().unwrap()])
    }

    fn identity(&self) -> Identity {
        let source = margin::essay::source::load(&self.essay).unwrap();
        Identity::new(&self.essay, &source.text)
    }

    /// Where the essay's notes file lives.
    fn notes_file(&self) -> PathBuf {
        self.home
            .join("notes")
            .join(format!("{}.toml", self.identity().key()))
    }

    /// Saves `texts` as notes, as the reader would, into `folder`.
    fn save_notes(&self, folder: &Path, texts: &[&str]) {
        let (mut store, message) = NoteStore::open_in(
            Some(folder.to_path_buf()),
            self.identity(),
            "Storage Faults",
        );
        assert!(message.is_none(), "{message:?}");
        for (i, text) in texts.iter().enumerate() {
            store.put(note(&format!("n{i}"), text)).unwrap();
        }
    }

    /// Opens the reader on the essay.
    fn reader(&self) -> Pty {
        let env = self.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let pty = Pty::spawn(&[self.essay.to_str().unwrap()], 120, 30, &env);
        pty.wait_for(|s| s.contains("The first passage"), TIMEOUT)
            .unwrap();
        pty
    }

    /// Every rescue file margin wrote, beside the notes file or in the temporary folder.
    fn rescued(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for dir in [self.home.join("notes"), self.tmp()] {
            if let Ok(entries) = std::fs::read_dir(&dir) {
                out.extend(
                    entries
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.to_string_lossy().contains(".rescued-")),
                );
            }
        }
        out
    }

    /// The texts of the notes in every rescue file.
    fn rescued_texts(&self) -> Vec<String> {
        self.rescued()
            .iter()
            .flat_map(|p| {
                read_file(p)
                    .unwrap_or_else(|e| panic!("rescue file {p:?} reads back: {e}"))
                    .unwrap()
                    .notes
            })
            .map(|n| n.text)
            .collect()
    }
}

fn note(id: &str, text: &str) -> Note {
    Note {
        id: id.into(),
        created: "2026-01-01T00:00:00Z".into(),
        updated: "2026-01-01T00:00:00Z".into(),
        text: text.into(),
        deleted: None,
        version: margin::notes::Version::default(),
        anchor: Anchor {
            section: "First part".into(),
            quote: "The first passage, to write a note on.".into(),
            before: String::new(),
            after: String::new(),
            block: 1,
        },
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes a note on the focused paragraph in the reader and leaves the editor; returns the
/// screen once the reader has answered (saved, or why not).
fn write_note(pty: &Pty, text: &str) -> String {
    pty.send("a");
    pty.wait_for(|s| s.contains("New note"), TIMEOUT).unwrap();
    pty.send(text);
    pty.wait_for(|s| s.contains(text), TIMEOUT).unwrap();
    pty.send("\x1b");
    // The store answers from its own thread: wait for its word, not only the editor closing.
    pty.wait_for(
        |s| !s.contains("New note") && !s.contains("Saving the note"),
        TIMEOUT,
    )
    .unwrap()
}

/// Quits with notes unsaved: margin asks, `y` writes them to a rescue file.
fn quit_rescuing(pty: &Pty) {
    pty.send("q");
    pty.wait_for(|s| s.contains("Notes are not saved"), TIMEOUT)
        .unwrap();
    pty.send("y");
    let status = pty
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("margin did not quit; screen:\n{}", pty.screen()));
    assert!(status.success(), "{status:?}\n{}", pty.screen());
    assert_terminal_restored(&pty.raw_output());
    pty.wait_for(
        |s| s.contains("your unsaved notes were written to"),
        TIMEOUT,
    )
    .unwrap();
}

fn quit(pty: &Pty) {
    pty.send("q");
    let status = pty
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("margin did not quit; screen:\n{}", pty.screen()));
    assert!(status.success(), "{status:?}");
    assert_terminal_restored(&pty.raw_output());
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{path:?}: {e}"))
        .permissions()
        .mode()
        & 0o777
}

/// A folder margin cannot write: mode 0500, and where that does not stop the owner (root
/// ignores permissions) also immutable, which needs `chattr` and a file system that keeps
/// the flag. Where neither works the test stops, or fails under `CI=true`. Undone on drop,
/// so the folder can be removed.
struct Unwritable {
    dir: PathBuf,
    immutable: bool,
}

impl Unwritable {
    fn make(dir: &Path) -> Option<Unwritable> {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).unwrap();
        let mut guard = Unwritable {
            dir: dir.to_path_buf(),
            immutable: false,
        };
        if writable(dir) {
            guard.immutable = Command::new("chattr")
                .arg("+i")
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success());
        }
        if !need(
            "a folder it cannot write (mode 0500 does not stop root; `chattr +i` did not work)",
            !writable(dir),
        ) {
            return None;
        }
        Some(guard)
    }
}

fn writable(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let ok = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.dir).status();
        }
        let _ = std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700));
    }
}

#[test]
fn a_missing_home_is_created_private_on_the_first_note() {
    let w = World::new();
    let out = w.notes();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No notes yet"));
    assert!(
        !w.home.exists(),
        "margin notes only reads; it creates nothing"
    );

    let pty = w.reader();
    let screen = write_note(&pty, "A first note.");
    assert!(screen.contains("Note saved"), "{screen}");
    quit(&pty);
    for dir in [
        w.home.clone(),
        w.home.join("notes"),
        w.home.join("positions"),
    ] {
        assert_eq!(mode(&dir), 0o700, "{dir:?}");
    }
    let notes = w.notes_file();
    assert_eq!(mode(&notes), 0o600);
    for entry in std::fs::read_dir(w.home.join("notes"))
        .unwrap()
        .chain(std::fs::read_dir(w.home.join("positions")).unwrap())
    {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{path:?}");
    }
    assert!(stdout(&w.notes()).contains("A first note."));
}

/// Needs a folder it cannot write (see [`Unwritable`]).
#[test]
fn an_unwritable_home_keeps_the_note_and_rescues_it() {
    let w = World::new();
    std::fs::create_dir(&w.home).unwrap();
    w.save_notes(&w.home.join("notes"), &["An earlier note."]);
    let before = std::fs::read(w.notes_file()).unwrap();
    let Some(_locked) = Unwritable::make(&w.home.join("notes")) else {
        return;
    };
    let out = w.notes();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("An earlier note."));

    let pty = w.reader();
    let screen = write_note(&pty, "Locked folder note.");
    assert!(
        screen.contains("notes kept in memory, saved when possible"),
        "the status line says the note is kept in memory:\n{screen}"
    );
    // The note is still listed, and the reader still reads.
    assert!(screen.contains("Locked folder note."));
    pty.send("\t");
    pty.send("]");
    pty.wait_for(|s| s.contains("The second passage"), TIMEOUT)
        .unwrap();
    quit_rescuing(&pty);
    assert_eq!(std::fs::read(w.notes_file()).unwrap(), before, "untouched");
    let rescued = w.rescued_texts();
    assert!(
        rescued.contains(&"Locked folder note.".to_string())
            && rescued.contains(&"An earlier note.".to_string()),
        "{rescued:?}"
    );
}

#[test]
fn a_file_where_the_home_should_be() {
    let w = World::new();
    std::fs::write(&w.home, b"not a folder").unwrap();
    let out = w.notes();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No notes yet"));

    let pty = w.reader();
    let screen = write_note(&pty, "Nowhere to go.");
    assert!(
        screen.contains("notes kept in memory, saved when possible"),
        "{screen}"
    );
    quit_rescuing(&pty);
    assert_eq!(std::fs::read(&w.home).unwrap(), b"not a folder");
    assert_eq!(w.rescued_texts(), vec!["Nowhere to go.".to_string()]);
}

#[test]
fn a_directory_where_the_notes_file_should_be() {
    let w = World::new();
    std::fs::create_dir_all(w.notes_file()).unwrap();
    let out = w.notes();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("cannot read the notes file"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let pty = w.reader();
    pty.wait_for(|s| s.contains("cannot read the notes file"), TIMEOUT)
        .unwrap();
    write_note(&pty, "Beside a directory.");
    quit_rescuing(&pty);
    assert!(w.notes_file().is_dir());
    assert_eq!(w.rescued_texts(), vec!["Beside a directory.".to_string()]);
}

#[test]
fn a_truncated_notes_file_is_reported_and_kept() {
    let w = World::new();
    w.save_notes(
        &w.home.join("notes"),
        &["The first of two notes.", "The second of two notes."],
    );
    let full = std::fs::read(w.notes_file()).unwrap();
    let cut = &full[..full.len() * 2 / 3];
    std::fs::write(w.notes_file(), cut).unwrap();

    let out = w.notes();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("damaged") && err.contains("untouched"),
        "{err}"
    );

    let pty = w.reader();
    pty.wait_for(|s| s.contains("damaged"), TIMEOUT).unwrap();
    let screen = write_note(&pty, "After the damage.");
    assert!(screen.contains("After the damage."), "{screen}");
    quit_rescuing(&pty);
    assert_eq!(
        std::fs::read(w.notes_file()).unwrap(),
        cut,
        "never overwritten"
    );
    assert!(w.rescued_texts().contains(&"After the damage.".to_string()));

    // Once the damaged file is mended, the rescued note comes back and is saved with it.
    std::fs::write(w.notes_file(), &full).unwrap();
    let pty = w.reader();
    pty.send("m");
    pty.wait_for(|s| s.contains("After the damage."), TIMEOUT)
        .unwrap();
    quit(&pty);
    let texts: Vec<String> = read_file(&w.notes_file())
        .unwrap()
        .unwrap()
        .notes
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
}

#[test]
fn a_notes_file_from_a_newer_margin_is_left_alone() {
    let w = World::new();
    w.save_notes(&w.home.join("notes"), &["Written by an older margin."]);
    let newer = std::fs::read_to_string(w.notes_file())
        .unwrap()
        .replace("schema = 1", "schema = 7");
    std::fs::write(w.notes_file(), &newer).unwrap();

    let out = w.notes();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("newer margin (schema 7"),
        "{}",
        stderr(&out)
    );

    let pty = w.reader();
    pty.wait_for(|s| s.contains("newer margin"), TIMEOUT)
        .unwrap();
    write_note(&pty, "Not for newer.");
    quit_rescuing(&pty);
    assert_eq!(std::fs::read_to_string(w.notes_file()).unwrap(), newer);
    assert!(w.rescued_texts().contains(&"Not for newer.".to_string()));
}

#[test]
fn a_symbolic_link_for_the_notes_file_is_never_written_through() {
    for target_is_notes in [false, true] {
        let w = World::new();
        let elsewhere = w.dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        let target = elsewhere.join("precious.toml");
        if target_is_notes {
            // A real notes file, of this very essay, kept elsewhere.
            w.save_notes(&elsewhere.join("n"), &["Kept elsewhere."]);
            let made = std::fs::read_dir(elsewhere.join("n"))
                .unwrap()
                .flatten()
                .find(|e| e.path().extension().is_some_and(|x| x == "toml"))
                .unwrap()
                .path();
            std::fs::rename(made, &target).unwrap();
        } else {
            std::fs::write(&target, "precious = \"data\"\n").unwrap();
        }
        let before = std::fs::read(&target).unwrap();
        std::fs::create_dir_all(w.home.join("notes")).unwrap();
        std::os::unix::fs::symlink(&target, w.notes_file()).unwrap();

        let out = w.notes();
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains("symbolic link"), "{err}");

        let pty = w.reader();
        pty.wait_for(|s| s.contains("symbolic link"), TIMEOUT)
            .unwrap();
        write_note(&pty, "Not through link.");
        quit_rescuing(&pty);
        assert_eq!(
            std::fs::read(&target).unwrap(),
            before,
            "the target untouched"
        );
        assert!(
            std::fs::symlink_metadata(w.notes_file())
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link itself is left as it was"
        );
        assert!(w.rescued_texts().contains(&"Not through link.".to_string()));
    }
}

/// A small tmpfs mounted on `dir` while alive. Needs root and the right to mount (a
/// container may withhold it); without them the test stops, or fails under `CI=true`.
struct SmallDisk {
    dir: PathBuf,
}

impl SmallDisk {
    fn mount(dir: &Path) -> Option<SmallDisk> {
        std::fs::create_dir_all(dir).unwrap();
        if !need(
            "root, to mount a small tmpfs (the file-size limit test covers a full disk without it)",
            is_root(),
        ) {
            return None;
        }
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        need("`mount -t tmpfs` to work", mounted).then(|| SmallDisk {
            dir: dir.to_path_buf(),
        })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

/// Fills the file system holding `dir` with a file there; returns the file.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = [b'x'; 1024];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.sync_all();
    path
}

/// Needs root, to mount a small tmpfs (see [`SmallDisk`]).
#[test]
fn a_full_disk_keeps_the_note_in_memory_and_saves_it_when_there_is_room() {
    let w = World::new();
    let Some(_disk) = SmallDisk::mount(&w.home) else {
        return;
    };
    w.save_notes(&w.home.join("notes"), &["Saved before the disk filled."]);
    let before = std::fs::read(w.notes_file()).unwrap();
    let filler = fill(&w.home);

    let pty = w.reader();
    let screen = write_note(&pty, "On a full disk.");
    assert!(
        screen.contains("notes kept in memory, saved when possible"),
        "{screen}"
    );
    assert_eq!(std::fs::read(w.notes_file()).unwrap(), before, "intact");
    let leftovers: Vec<_> = std::fs::read_dir(w.home.join("notes"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written files: {leftovers:?}");

    // Room again: the reader saves the note on its own within a few seconds.
    std::fs::remove_file(&filler).unwrap();
    pty.wait_for(|s| s.contains("Notes saved"), Duration::from_secs(30))
        .unwrap();
    quit(&pty);
    let texts: Vec<String> = read_file(&w.notes_file())
        .unwrap()
        .unwrap()
        .notes
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(
        texts,
        vec![
            "Saved before the disk filled.".to_string(),
            "On a full disk.".to_string()
        ]
    );
}

/// Needs root, to mount a small tmpfs (see [`SmallDisk`]).
#[test]
fn a_full_disk_on_quitting_rescues_the_note_elsewhere() {
    let w = World::new();
    let Some(_disk) = SmallDisk::mount(&w.home) else {
        return;
    };
    w.save_notes(&w.home.join("notes"), &["Saved before the disk filled."]);
    let before = std::fs::read(w.notes_file()).unwrap();
    fill(&w.home);
    let pty = w.reader();
    write_note(&pty, "Rescued, disk full.");
    quit_rescuing(&pty);
    assert_eq!(std::fs::read(w.notes_file()).unwrap(), before);
    let rescued = w.rescued_texts();
    assert!(
        rescued.contains(&"Rescued, disk full.".to_string()),
        "{rescued:?}"
    );
}

/// A file-size limit (RLIMIT_FSIZE) stands in for a full disk anywhere, root or not: no
/// file margin writes may grow past 512 bytes, and SIGXFSZ is ignored so the write fails
/// instead of killing margin.
#[test]
fn a_file_size_limit_keeps_the_note_and_the_old_file() {
    let w = World::new();
    let long = "A note long enough that the notes file no longer fits under the limit. ".repeat(8);
    w.save_notes(&w.home.join("notes"), &[long.trim()]);
    let before = std::fs::read(w.notes_file()).unwrap();
    assert!(before.len() > 512);
    let env = w.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let pty = Pty::spawn_program(
        "sh",
        &[
            "-c",
            "ulimit -f 1 && trap '' XFSZ && exec \"$0\" \"$@\"",
            margin_bin(),
            w.essay.to_str().unwrap(),
        ],
        120,
        30,
        &env,
    );
    pty.wait_for(|s| s.contains("The first passage"), TIMEOUT)
        .unwrap();
    let screen = write_note(&pty, "Past the limit.");
    assert!(
        screen.contains("notes kept in memory, saved when possible"),
        "{screen}"
    );
    // No file can hold the notes, not even a rescue file: they are printed instead.
    pty.send("q");
    pty.wait_for(|s| s.contains("Notes are not saved"), TIMEOUT)
        .unwrap();
    pty.send("y");
    let status = pty.wait_exit(TIMEOUT).expect("margin quits");
    assert!(status.success(), "{status:?}");
    assert_terminal_restored(&pty.raw_output());
    // Printed once the terminal is the shell's again (so read from the raw output: the
    // notes may scroll the line that introduces them off the screen).
    let printed = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    let printed = &printed[printed
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen")..];
    assert!(printed.contains("here they are"), "{printed}");
    assert!(printed.contains("text = \"Past the limit.\""), "{printed}");
    assert!(printed.contains("schema = 1"), "{printed}");
    assert_eq!(std::fs::read(w.notes_file()).unwrap(), before, "intact");
}

/// Needs a folder it cannot write (see [`Unwritable`]).
#[test]
fn an_unwritable_empty_home_keeps_the_note_and_rescues_it() {
    let w = World::new();
    std::fs::create_dir(&w.home).unwrap();
    let Some(_locked) = Unwritable::make(&w.home) else {
        return;
    };
    let out = w.notes();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No notes yet"));

    let pty = w.reader();
    let screen = write_note(&pty, "Nowhere to save.");
    assert!(
        screen.contains("notes kept in memory, saved when possible"),
        "{screen}"
    );
    quit_rescuing(&pty);
    assert_eq!(std::fs::read_dir(&w.home).unwrap().count(), 0);
    assert_eq!(w.rescued_texts(), vec!["Nowhere to save.".to_string()]);
}
