//! A monkey at the keyboard: the real binary in a pseudo-terminal, ten thousand random
//! keys (printable characters, arrows, Enter, Esc, Tab, control keys, pastes) and random
//! resizes down to 1×1, on a sample essay. Afterwards: no panic, a clean exit on the final
//! quit, the terminal restored, and the notes file still a valid `schema = 1` TOML file.
//!
//! The sequence is seeded (`MONKEY_SEED` picks another seed), so a failure can be replayed.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use margin::sample::Rng;

use support::pty::{Pty, TIMEOUT, assert_terminal_restored};
use tempfile::TempDir;

const KEYS: usize = 10_000;
const BATCH: usize = 40;
const ESSAY: &str = "essays/the-slow-reader.md";

/// One random key, as the terminal sends it. Never `q` or Ctrl-C, the keys that quit; the
/// monkey may still find another way out, and is then started again.
fn random_key(rng: &mut Rng) -> String {
    const SPECIAL: &[&str] = &[
        "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[H", "\x1b[F", "\x1b[5~", "\x1b[6~", "\r",
        "\x1b", "\t", "\x1b[Z", "\x7f", "\x1b[3~", "\x1bOA", "\x1bOB",
    ];
    match rng.below(100) {
        // Printable characters, the reader's keys among them.
        0..=54 => {
            let c = loop {
                let c = char::from(b' ' + rng.below(95) as u8);
                if c != 'q' {
                    break c;
                }
            };
            c.to_string()
        }
        // The reader's own keys, more often than chance would type them.
        55..=69 => {
            let keys = [
                "j", "k", "g", "G", "]", "[", "}", "{", "t", "m", "/", "n", "N", "a", "e", "d",
                "u", "v", "y", "n", "?", " ", "b", "M", "h", "l",
            ];
            keys[rng.below(keys.len())].to_string()
        }
        70..=89 => SPECIAL[rng.below(SPECIAL.len())].to_string(),
        // Control keys, Ctrl-C (0x03) aside.
        90..=97 => {
            let c = loop {
                let c = 1 + rng.below(26) as u8;
                if c != 3 {
                    break c;
                }
            };
            char::from(c).to_string()
        }
        // A bracketed paste, with a character that is not text in it.
        _ => "\x1b[200~pasted words,\tand\x07 more\x1b[201~".to_string(),
    }
}

fn spawn(home: &Path, cols: u16, rows: u16) -> Pty {
    let pty = Pty::spawn(
        &[ESSAY],
        cols,
        rows,
        &[
            ("MARGIN_HOME", home.to_str().unwrap()),
            // Ctrl-O and E hand the note to the editor: one that changes nothing.
            ("VISUAL", "true"),
            ("EDITOR", "true"),
            ("RUST_BACKTRACE", "1"),
        ],
    );
    pty.wait_for(|s| s.contains("The Slow Reader"), TIMEOUT)
        .unwrap_or_else(|e| panic!("margin opens the essay: {e}"));
    pty
}

/// The raw output of a run holds no panic message.
fn assert_no_panic(pty: &Pty, seed: u64, sent: usize) {
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(
        !raw.contains("panicked"),
        "margin panicked (seed {seed}, after {sent} keys):\n{}",
        &raw[raw.find("panicked").unwrap().saturating_sub(200)..]
    );
}

/// Ends a run whatever state the monkey left it in: Esc out of prompts and editors,
/// Ctrl-C, and `y` to whatever is asked.
fn final_quit(pty: &Pty, seed: u64) {
    for _ in 0..10 {
        if !pty.is_running() {
            break;
        }
        pty.send("\x1b");
        pty.wait_idle(Duration::from_millis(150), TIMEOUT);
        pty.send("\x03");
        pty.wait_idle(Duration::from_millis(150), TIMEOUT);
        if pty.screen().contains("y/n") {
            pty.send("y");
        }
        pty.wait_exit(Duration::from_secs(2));
    }
    let status = pty
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("margin did not quit (seed {seed}):\n{}", pty.screen()));
    assert!(status.success(), "exit {status:?} (seed {seed})");
}

#[test]
fn ten_thousand_random_keys_and_resizes() {
    let seed = std::env::var("MONKEY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6d61_7267_696e_u64);
    let mut rng = Rng::new(seed);
    let dir = TempDir::new().unwrap();
    let home = dir.path().join("margin");
    std::fs::create_dir(&home).unwrap();
    let started = Instant::now();

    let mut pty = spawn(&home, 120, 40);
    // One note for certain, so there is a notes file to check at the end.
    pty.send("a");
    pty.wait_for(|s| s.contains("New note"), TIMEOUT).unwrap();
    pty.send("The monkey was here.");
    pty.wait_for(|s| s.contains("The monkey was here."), TIMEOUT)
        .unwrap();
    pty.send("\x1b");
    pty.wait_for(|s| s.contains("Note saved"), TIMEOUT).unwrap();

    let mut sent = 0;
    let mut relaunches = 0;
    let mut screens = std::collections::HashSet::new();
    while sent < KEYS {
        let batch: String = (0..BATCH).map(|_| random_key(&mut rng)).collect();
        pty.send(&batch);
        sent += BATCH;
        // Now and then a resize: to a random size, to 1×1, or back.
        match rng.below(20) {
            0 => pty.resize(1 + rng.below(200) as u16, 1 + rng.below(60) as u16),
            1 => pty.resize(1, 1),
            2 => pty.resize(120, 40),
            _ => {}
        }
        // Let the reader catch up (a debug build is slow at some keys: each one typed into
        // the search prompt searches the whole essay again), so keys do not pile up.
        pty.wait_settled(Duration::from_millis(20), Duration::from_secs(20));
        screens.insert(pty.screen());
        if !pty.is_running() {
            // The monkey found a way out (`y` to a question, say): it must be a clean one.
            let status = pty.wait_exit(TIMEOUT).unwrap();
            assert_no_panic(&pty, seed, sent);
            assert!(
                status.success(),
                "exit {status:?} (seed {seed}, {sent} keys)"
            );
            assert_terminal_restored(&pty.raw_output());
            relaunches += 1;
            assert!(relaunches < 200, "the monkey quits far too often");
            pty = spawn(&home, 120, 40);
        }
    }
    pty.resize(120, 40);
    final_quit(&pty, seed);
    assert_no_panic(&pty, seed, sent);
    let raw = pty.raw_output();
    assert_terminal_restored(&raw);
    // The very end: the alternate screen left, and the cursor shown after it.
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).into_owned();
    let left = tail
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen at the end");
    assert!(tail[left..].contains("\x1b[?25h"), "cursor shown: {tail:?}");

    let notes: Vec<_> = std::fs::read_dir(home.join("notes"))
        .expect("a notes folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert!(!notes.is_empty(), "a notes file");
    for path in notes {
        let text = std::fs::read_to_string(&path).unwrap();
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{path:?} is not TOML: {e}\n{text}"));
        assert_eq!(table["schema"].as_integer(), Some(1), "{path:?}");
        margin::notes::store::read_file(&path)
            .unwrap_or_else(|e| panic!("{path:?}: {e}"))
            .expect("the file is there");
    }
    // The keys did something: the monkey saw many different screens.
    assert!(
        screens.len() > 50,
        "only {} different screens",
        screens.len()
    );
    eprintln!(
        "monkey: {sent} keys, {relaunches} relaunches, {} different screens, seed {seed}, {:.1?}",
        screens.len(),
        started.elapsed()
    );
}
