//! Three windows on one essay's notes, each a process of its own, adding, changing,
//! deleting and undoing notes as fast as their saves allow, while a sync tool replaces the
//! notes file now and then with an earlier state of it (a temporary copy renamed over it).
//! Every change a window was told is saved must be in the final file: as it was, under a
//! later change made on top of it, or in a conflict copy.
//!
//! Bounded in time: 3 seconds of windows by default; `NOTES_STRESS_SECS=60 cargo test
//! --test notes_stress` runs longer. Each window is this test binary run again on the
//! ignored entry `stress_window`, so the windows share nothing but the disk.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use margin::notes::Note;
use margin::notes::store::{NoteStore, read_file};
use support::notes::identity;

/// What a window process is told, in its environment.
const FOLDER: &str = "NOTES_STRESS_FOLDER";
const WINDOW: &str = "NOTES_STRESS_WINDOW";
const UNTIL_MS: &str = "NOTES_STRESS_MS";

/// A small random source, different in every window.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn new_note(id: &str, text: &str) -> Note {
    support::notes::new_note(id, text, &margin::notes::time::now())
}

/// One window: its actions until its time is up, each saved change written to its log
/// (`window-N.log`, a line `ID CHANGE` each) once the store says it is saved; then, once
/// the sync tool has stopped (`sync-done`), one more note, as a reader carries on writing.
#[test]
#[ignore = "a window of three_windows_and_a_sync_tool_lose_nothing, run by it as a process"]
fn stress_window() {
    let folder = PathBuf::from(std::env::var(FOLDER).unwrap());
    let window: usize = std::env::var(WINDOW).unwrap().parse().unwrap();
    let millis: u64 = std::env::var(UNTIL_MS).unwrap().parse().unwrap();
    let id = identity(folder.parent().unwrap());
    let (mut store, problem) = NoteStore::open_in(Some(folder.clone()), id, "T");
    assert!(problem.is_none(), "{problem:?}");
    let mut log = File::create(
        folder
            .parent()
            .unwrap()
            .join(format!("window-{window}.log")),
    )
    .unwrap();
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ ((window as u64 + 1) * 0x1000_0001));
    // What the window's pane shows: the store's notes as of its last answer.
    let mut shown: Vec<Note> = store.notes.clone();
    let mut undo: Vec<Note> = Vec::new();
    let deadline = Instant::now() + Duration::from_millis(millis);
    let mut n = 0;
    while Instant::now() < deadline {
        n += 1;
        let live: Vec<&Note> = shown.iter().filter(|x| !x.is_deleted()).collect();
        let note = match dice.below(10) {
            0..=2 => Some(new_note(
                &format!("w{window}-{n}"),
                &format!("note {n} of {window}"),
            )),
            3..=5 if !live.is_empty() => {
                let mut x = live[dice.below(live.len())].clone();
                x.text = format!("edit {n} by {window}");
                x.revise();
                Some(x)
            }
            6 | 7 if !live.is_empty() => {
                let mut x = live[dice.below(live.len())].clone();
                undo.push(x.clone());
                x.deleted = Some(margin::notes::time::now());
                x.revise();
                Some(x)
            }
            8 => undo.pop().and_then(|was| {
                let mut x = shown.iter().find(|s| s.id == was.id)?.clone();
                x.is_deleted().then(|| {
                    x.revise();
                    x.version.restores = true;
                    x.deleted = None;
                    x.text = was.text;
                    x
                })
            }),
            _ => None,
        };
        match note {
            Some(x) => {
                match shown.iter_mut().find(|s| s.id == x.id) {
                    Some(s) => *s = x.clone(),
                    None => shown.push(x.clone()),
                }
                put(&mut store, x, &mut log);
            }
            None => shown = store.notes.clone(),
        }
    }
    let done = folder.parent().unwrap().join("sync-done");
    let waited = Instant::now();
    while !done.exists() && waited.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(10));
    }
    put(
        &mut store,
        new_note(&format!("w{window}-last"), "the last"),
        &mut log,
    );
}

/// Saves `note`, and logs its change once the store says it is saved.
fn put(store: &mut NoteStore, note: Note, log: &mut File) {
    let key = format!("{} {}\n", note.id, note.version.change);
    if store.put(note).is_ok() {
        log.write_all(key.as_bytes()).unwrap();
    }
}

/// The sync tool: every few milliseconds, a copy of the file as it was a moment ago is
/// written beside it and renamed over it. Like a real sync tool it ignores margin's lock:
/// whatever a replacement takes off the disk, a window still holds, and its next save puts
/// back (what a sync tool brings that no window has is another matter, issue 16 item 9).
fn sync_tool(file: &Path, until: Instant) -> usize {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut replaced = 0;
    let mut dice = Dice(0x2545_F491_4F6C_DD1D);
    while Instant::now() < until {
        std::thread::sleep(Duration::from_millis(5 + dice.below(25) as u64));
        if let Ok(now) = std::fs::read(file) {
            if dice.below(3) == 0 && !seen.is_empty() {
                let earlier = &seen[seen.len() - 1 - dice.below(seen.len().min(4))];
                let temp = file.with_extension("toml.sync-tmp");
                std::fs::write(&temp, earlier).unwrap();
                std::fs::rename(&temp, file).unwrap();
                replaced += 1;
            }
            seen.push(now);
        }
    }
    replaced
}

fn window(exe: &Path, folder: &Path, n: usize, millis: u64) -> Child {
    Command::new(exe)
        .args(["--ignored", "--exact", "stress_window", "--test-threads=1"])
        .env(FOLDER, folder)
        .env(WINDOW, n.to_string())
        .env(UNTIL_MS, millis.to_string())
        .spawn()
        .unwrap()
}

#[test]
fn three_windows_and_a_sync_tool_lose_nothing() {
    let secs: f64 = std::env::var("NOTES_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let millis = (secs * 1000.0) as u64;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    std::fs::create_dir_all(&folder).unwrap();
    let id = identity(dir.path());
    let file = folder.join(format!("{}.toml", id.key()));
    let exe = std::env::current_exe().unwrap();
    let start = Instant::now();
    let mut windows: Vec<Child> = (0..3).map(|n| window(&exe, &folder, n, millis)).collect();
    // The tool stops a little before the windows do; they save again after it.
    let replaced = sync_tool(&file, start + Duration::from_millis(millis * 9 / 10));
    std::fs::write(dir.path().join("sync-done"), b"").unwrap();
    for w in &mut windows {
        assert!(w.wait().unwrap().success(), "a window failed");
    }
    let notes = read_file(&file).unwrap().unwrap().notes;
    let mut acked = 0;
    let mut lost = Vec::new();
    for n in 0..3 {
        let log = std::fs::read_to_string(dir.path().join(format!("window-{n}.log"))).unwrap();
        for line in log.lines() {
            let (id, change) = line.split_once(' ').unwrap();
            acked += 1;
            let copy = format!("{id}-conflict-");
            let kept = notes.iter().any(|x| {
                (x.id == id || x.id.starts_with(&copy))
                    && (x.version.change == change || x.version.after.iter().any(|a| a == change))
            });
            if !kept {
                lost.push(line.to_string());
            }
        }
    }
    let copies = notes.iter().filter(|x| x.is_conflict_copy()).count();
    eprintln!(
        "{acked} acknowledged changes, {replaced} replacements by the sync tool, {} notes \
         ({copies} conflict copies), {} lost",
        notes.len(),
        lost.len()
    );
    assert!(acked > 30, "too few changes to mean anything: {acked}");
    assert!(replaced > 0, "the sync tool never replaced the file");
    assert!(lost.is_empty(), "lost: {lost:?}");
}
