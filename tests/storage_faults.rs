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

    /// Runs `margin ARGS` in a pseudo-terminal under the shell's `limits` (`ulimit -f 1`,
    /// say), set before margin starts.
    fn reader_under(&self, limits: &str, args: &[&str]) -> Pty {
        let env = self.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let script = format!("{limits} && exec \"$0\" \"$@\"");
        let mut all = vec!["-c", script.as_str(), margin_bin()];
        all.extend_from_slice(args);
        Pty::spawn_program("sh", &all, 120, 30, &env)
    }

    /// `margin ARGS`, killed (and the test failed) when it has not finished within
    /// `TIMEOUT`: for what used to hang.
    fn margin_within(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(margin_bin());
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        let mut child = cmd
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run margin");
        let deadline = std::time::Instant::now() + TIMEOUT;
        while child.try_wait().unwrap().is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("margin {args:?} did not finish within {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
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

    /// The texts of the notes in the essay's notes file.
    fn saved_texts(&self) -> Vec<String> {
        read_file(&self.notes_file())
            .unwrap()
            .unwrap()
            .notes
            .into_iter()
            .map(|n| n.text)
            .collect()
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
        passage: None,
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
    let texts = w.saved_texts();
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
    let texts = w.saved_texts();
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
    past_the_file_size_limit("ulimit -f 1 && trap '' XFSZ");
}

/// As above, with SIGXFSZ as the shell leaves it (to kill): margin ignores it itself.
#[test]
fn a_file_size_limit_does_not_kill_margin() {
    past_the_file_size_limit("ulimit -f 1");
}

/// Writes a note under the shell's `limits`, where the notes file cannot grow: the note is
/// kept in memory, printed on quitting (no file can hold it), and the old file is intact.
fn past_the_file_size_limit(limits: &str) {
    let w = World::new();
    let long = "A note long enough that the notes file no longer fits under the limit. ".repeat(8);
    w.save_notes(&w.home.join("notes"), &[long.trim()]);
    let before = std::fs::read(w.notes_file()).unwrap();
    assert!(before.len() > 512);
    let pty = w.reader_under(limits, &[w.essay.to_str().unwrap()]);
    pty.wait_for(|s| s.contains("The first passage"), TIMEOUT)
        .unwrap();
    write_note(&pty, "Past the limit.");
    // The store's word may come a moment after the editor closes, on a loaded machine.
    pty.wait_for(
        |s| s.contains("notes kept in memory, saved when possible"),
        TIMEOUT,
    )
    .unwrap();
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

/// Makes a FIFO at `path`, with the `mkfifo` command.
fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {path:?}");
}

/// Holds the reader to 3 GB of address space, so that reading a link to `/dev/zero` for
/// ever ends in a failed allocation, not in the machine's memory.
const MEMORY_LIMIT: &str = "ulimit -v 3000000";

#[test]
fn a_fifo_for_the_notes_file_is_refused_at_once() {
    let w = World::new();
    mkfifo(&w.notes_file());
    let out = w.margin_within(&["notes", w.essay.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("a FIFO, not a regular file"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let pty = w.reader();
    pty.wait_for(|s| s.contains("a FIFO"), TIMEOUT).unwrap();
    write_note(&pty, "Beside a FIFO.");
    quit_rescuing(&pty);
    assert_eq!(w.rescued_texts(), vec!["Beside a FIFO.".to_string()]);
}

#[test]
fn a_fifo_for_the_lock_file_fails_the_save_not_the_reader() {
    let w = World::new();
    mkfifo(&w.notes_file().with_extension("toml.lock"));
    let pty = w.reader();
    let screen = write_note(&pty, "Beside a locked FIFO.");
    assert!(
        screen.contains("cannot lock the notes file") && screen.contains("(a FIFO"),
        "{screen}"
    );
    quit_rescuing(&pty);
    assert_eq!(w.rescued_texts(), vec!["Beside a locked FIFO.".to_string()]);
}

#[test]
fn a_fifo_or_a_link_to_dev_zero_for_the_position_is_refused() {
    for zero in [false, true] {
        let w = World::new();
        let file = w
            .home
            .join("positions")
            .join(format!("{}.json", w.identity().key()));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        if zero {
            std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
        } else {
            mkfifo(&file);
        }
        let pty = w.reader_under(MEMORY_LIMIT, &[w.essay.to_str().unwrap()]);
        let what = if zero { "a device" } else { "a FIFO" };
        pty.wait_for(|s| s.contains(what), TIMEOUT).unwrap();
        assert!(pty.screen().contains("The first passage"));
        quit(&pty);
    }
}

#[test]
fn a_library_cache_linked_to_dev_zero_is_only_a_missing_cache() {
    let w = World::new();
    let library = w.dir.path().join("library");
    std::fs::create_dir(&library).unwrap();
    std::fs::copy(&w.essay, library.join("essay.md")).unwrap();
    std::fs::create_dir_all(&w.home).unwrap();
    std::os::unix::fs::symlink("/dev/zero", w.home.join("library-cache.json")).unwrap();
    let pty = w.reader_under(MEMORY_LIMIT, &[library.to_str().unwrap()]);
    pty.wait_for(|s| s.contains("Storage Faults"), TIMEOUT)
        .unwrap();
    // The cache is read on another thread: give it the time to read a lot of zeros.
    std::thread::sleep(Duration::from_secs(2));
    quit(&pty);
    // Under the limit, reading zeros for ever ends in a failed allocation that margin
    // survives; what shows it read them is the memory it took (no margin here needs a GB).
    let peak = children_peak_kb();
    assert!(peak < 1_000_000, "a process of this test took {peak} KB");
}

/// The most memory any finished child of this test process took, in KB.
fn children_peak_kb() -> i64 {
    // SAFETY: `usage` is a valid rusage for getrusage to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above; RUSAGE_CHILDREN is a valid target.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &raw mut usage) },
        0
    );
    usage.ru_maxrss
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

/// A rescue file written to the temporary folder (the notes folder could not be written
/// then) comes back when the essay is next opened, the reader is told, and once its notes
/// are saved with the others it goes.
#[test]
fn a_rescue_file_in_the_temporary_folder_comes_back() {
    let w = World::new();
    let elsewhere = w.dir.path().join("elsewhere");
    w.save_notes(&elsewhere, &["Rescued to the temporary folder."]);
    let made = elsewhere.join(w.notes_file().file_name().unwrap());
    let rescue = w.tmp().join(format!(
        "{}.rescued-2026-01-01T000000Z.toml",
        w.identity().key()
    ));
    std::fs::rename(made, &rescue).unwrap();

    let pty = w.reader();
    pty.wait_for(|s| s.contains("from a rescue file are back"), TIMEOUT)
        .unwrap();
    quit(&pty);
    let texts = w.saved_texts();
    assert_eq!(texts, ["Rescued to the temporary folder."]);
    assert!(
        !rescue.exists(),
        "the rescue file goes once its notes are saved"
    );
}

/// A save that fails puts the notes on disk at once, in the window's rescue file: a window
/// killed before any save works loses nothing, and the next opening brings them back.
#[test]
fn a_note_whose_save_failed_survives_a_kill() {
    let w = World::new();
    w.save_notes(&w.home.join("notes"), &["Saved before."]);
    let whole = std::fs::read(w.notes_file()).unwrap();
    std::fs::write(w.notes_file(), &whole[..whole.len() / 2]).unwrap();

    let pty = w.reader();
    pty.wait_for(|s| s.contains("damaged"), TIMEOUT).unwrap();
    write_note(&pty, "Written while damaged.");
    let deadline = std::time::Instant::now() + TIMEOUT;
    while !w
        .rescued_texts()
        .contains(&"Written while damaged.".to_string())
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no rescue file while margin runs: {:?}",
            w.rescued()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = libc::pid_t::try_from(pty.pid().unwrap()).unwrap();
    // SAFETY: sends a signal to the reader this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    pty.wait_exit(TIMEOUT).expect("killed");

    std::fs::write(w.notes_file(), &whole).unwrap();
    let pty = w.reader();
    pty.wait_for(|s| s.contains("from a rescue file are back"), TIMEOUT)
        .unwrap();
    quit(&pty);
    let mut texts = w.saved_texts();
    texts.sort();
    assert_eq!(texts, ["Saved before.", "Written while damaged."]);
    assert!(w.rescued().is_empty(), "{:?}", w.rescued());
}
