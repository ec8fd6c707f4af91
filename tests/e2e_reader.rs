//! End-to-end runs of the real `margin` binary in a pseudo-terminal: what a person sees and
//! types, at several terminal sizes, down to whether the terminal is left as it was found.
//!
//! The `harness_*` tests check the harness itself against programs that need no reader.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::process::Command;
use std::time::Duration;

use support::needs::{has_tool, need};
use support::pty::{Key, Pty, TIMEOUT, assert_terminal_restored, margin_bin, quit, wait_text};
use tempfile::TempDir;

const SEED_TITLE: &str = "When the Relationship Gets Hard";
const SEED_SECTIONS: [&str; 5] = [
    "Sometimes the Lead is Buried",
    "We are wired to be in relationship",
    "When Our Earliest Relationships Let Us Down",
    "Therapy Can Be Tested",
    "The Relational Work",
];

/// Where the text pane starts: just right of the docked outline's rule (a column holding
/// `│` on every row but the status line), or at column 0 when no outline is docked.
fn text_pane_col(screen: &vt100::Screen) -> u16 {
    let (rows, cols) = screen.size();
    let rows = rows.get();
    (0..cols.get() / 2)
        .find(|&c| {
            (0..rows.saturating_sub(1))
                .all(|r| screen.cell(r, c).is_some_and(|cell| cell.contents() == "│"))
        })
        .map_or(0, |c| c + 1)
}

/// The seed essay from the shared folder beside the checkout, or `None` where it is not
/// there (a failure under `CI=true`; see `support::needs`).
fn seed_path() -> Option<String> {
    support::needs::seed_file().map(|p| p.to_str().expect("a UTF-8 path").to_string())
}

/// The first row, from the top, with text at or right of `col` (`None`: the text pane's
/// own first column).
fn first_text_row(screen: &vt100::Screen, col: Option<u16>) -> Option<String> {
    let col = col.unwrap_or_else(|| text_pane_col(screen));
    let (_, cols) = screen.size();
    screen
        .rows(col, cols.get().saturating_sub(col))
        .map(|row| row.trim().to_string())
        .find(|row| !row.is_empty())
}

/// Waits until the first row with text right of `col` contains `needle`.
fn wait_first_text_row(pty: &Pty, col: Option<u16>, needle: &str) {
    pty.wait_for_screen(
        |s| first_text_row(s, col).is_some_and(|row| row.contains(needle)),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("first text row right of column {col:?} to show {needle:?}: {e}"));
}

#[test]
fn harness_sees_render_output() {
    let pty = Pty::spawn(
        &["render", "essays/notes-on-attention.md", "--width", "40"],
        80,
        130,
        &[],
    );
    let screen = wait_text(&pty, "feel like home.");
    let status = pty.wait_exit(TIMEOUT).expect("render exits by itself");
    assert!(status.success(), "render exited with {status:?}");
    assert_eq!(pty.row(0), "Notes on Attention");
    assert!(
        screen.lines().all(|line| line.chars().count() <= 40),
        "a line is wider than --width 40:\n{screen}"
    );
}

#[test]
fn harness_types_keys_and_resizes() {
    // `stty size` reports what the pty says; typed lines come back through `read`.
    let pty = Pty::spawn_program(
        "sh",
        &[
            "-c",
            "stty size; read line; echo \"got [$line]\"; stty size; read line; stty size",
        ],
        50,
        10,
        &[],
    );
    wait_text(&pty, "10 50");
    pty.send("hello");
    pty.send_key(Key::Enter);
    wait_text(&pty, "got [hello]");
    pty.resize(120, 33);
    pty.send("\r");
    wait_text(&pty, "33 120");
    let status = pty.wait_exit(TIMEOUT).expect("the shell exits");
    assert!(status.success(), "sh exited with {status:?}");
}

#[test]
fn harness_reports_the_screen_and_sandboxes_home() {
    let script =
        "echo \"term=$TERM\"; echo \"margin=$MARGIN_HOME\"; echo \"home=[$HOME]\"; sleep 30";
    let pty = Pty::spawn_program("sh", &["-c", script], 200, 6, &[]);
    let margin_home = pty.margin_home().to_str().unwrap().to_string();
    let screen = pty
        .wait_for(
            |s| {
                s.lines()
                    .any(|l| l.starts_with("home=[") && l.ends_with(']'))
            },
            TIMEOUT,
        )
        .unwrap();
    assert!(
        screen.contains(&format!("margin={margin_home}\n")),
        "{screen}"
    );
    assert!(pty.margin_home().is_dir(), "MARGIN_HOME exists");
    assert!(screen.contains("term=xterm-256color"), "{screen}");
    let real_home = std::env::var("HOME").unwrap_or_default();
    assert!(
        !screen
            .lines()
            .any(|line| line == format!("home=[{real_home}]")),
        "HOME is the real one:\n{screen}"
    );

    assert!(pty.is_running());
    let err = pty
        .wait_for(|s| s.contains("never printed"), Duration::from_millis(200))
        .unwrap_err();
    assert!(
        err.contains("timed out") && err.contains("term=xterm-256color"),
        "{err}"
    );
    // Dropping the Pty ends the `sleep`, and with it the test, at once.
}

#[test]
fn harness_terminal_restored_accepts_a_clean_exit() {
    assert_terminal_restored(
        b"\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1006hdrawn\x1b[?1006l\x1b[?1000l\x1b[?25h\x1b[?1049l",
    );
}

#[test]
#[should_panic(expected = "alternate screen")]
fn harness_terminal_restored_catches_a_missing_leave() {
    assert_terminal_restored(b"\x1b[?1049l\x1b[?1049hdrawn\x1b[?25h");
}

#[test]
#[should_panic(expected = "cursor")]
fn harness_terminal_restored_catches_a_hidden_cursor() {
    assert_terminal_restored(b"\x1b[?1049h\x1b[?25h\x1b[?25l\x1b[?1049l");
}

#[test]
#[should_panic(expected = "mouse")]
fn harness_terminal_restored_catches_mouse_left_on() {
    assert_terminal_restored(b"\x1b[?1049h\x1b[?1003l\x1b[?1003h\x1b[?1049l");
}

/// Needs the seed essay beside the checkout.
#[test]
fn seed_walkthrough_120x40() {
    let Some(seed) = seed_path() else { return };
    let home = TempDir::new().unwrap();
    let env = [("MARGIN_HOME", home.path().to_str().unwrap())];

    let pty = Pty::spawn(&[&seed], 120, 40, &env);
    pty.wait_for(
        |s| s.contains(SEED_TITLE) && SEED_SECTIONS.iter().all(|t| s.contains(t)),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the title and a sidebar with all five sections: {e}"));

    for _ in 0..4 {
        pty.send("]");
    }
    wait_first_text_row(&pty, None, "Therapy Can Be Tested");

    pty.send("/paradox");
    pty.send("\r");
    // The status line counts the matches, and the match the search went to is highlighted
    // (the only background colour above the status line).
    pty.wait_for_screen(
        |s| {
            let (rows, cols) = s.size();
            let status = s.rows(0, cols.get()).last().unwrap_or_default();
            let highlighted = (0..rows.get().saturating_sub(1)).any(|r| {
                (0..cols.get()).any(|c| {
                    s.cell(r, c)
                        .is_some_and(|cell| cell.bgcolor() != vt100::Color::Default)
                })
            });
            status.contains("match") && status.contains("of 2") && highlighted
        },
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("`match N of 2` and the match highlighted: {e}"));
    let passage = pty
        .with_screen(|s| first_text_row(s, None))
        .expect("text right of the sidebar");
    quit(&pty);
    drop(pty);

    let reopened = Pty::spawn(&[&seed], 120, 40, &env);
    reopened
        .wait_for_screen(
            |s| first_text_row(s, None).as_deref() == Some(passage.as_str()),
            TIMEOUT,
        )
        .unwrap_or_else(|e| panic!("reopening to show the same passage {passage:?} first: {e}"));
    quit(&reopened);
}

/// Needs the seed essay beside the checkout.
#[test]
fn seed_narrow_80x24() {
    let Some(seed) = seed_path() else { return };
    let pty = Pty::spawn(&[&seed], 80, 24, &[]);
    wait_text(&pty, SEED_TITLE);

    // No sidebar: the text pane starts at the left edge.
    for _ in 0..4 {
        pty.send("]");
    }
    wait_first_text_row(&pty, Some(0), "Therapy Can Be Tested");

    pty.send("t");
    pty.wait_for(|s| SEED_SECTIONS.iter().all(|t| s.contains(t)), TIMEOUT)
        .unwrap_or_else(|e| panic!("the outline overlay to list all five sections: {e}"));

    pty.send_key(Key::Esc);
    pty.wait_for_screen(
        |s| {
            let text = s.contents();
            !text.contains(SEED_SECTIONS[0])
                && !text.contains(SEED_SECTIONS[1])
                && first_text_row(s, Some(0))
                    .is_some_and(|row| row.contains("Therapy Can Be Tested"))
        },
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("Esc to close the outline over the same passage: {e}"));

    quit(&pty);
}

#[test]
fn tiny_terminal_12x4() {
    let pty = Pty::spawn(&["essays/the-slow-reader.md"], 12, 4, &[]);
    pty.wait_for(|s| !s.trim().is_empty(), TIMEOUT)
        .unwrap_or_else(|e| panic!("a message in a 12x4 terminal: {e}"));
    quit(&pty);
}

/// Whether the screen shows a frame drawn for `cols`×`rows`: below 20×5 the message that
/// the window is too small, wrapped at the width; above, a status line at the bottom with
/// the percentage read (the essay holds no `%`, so an older frame's text cannot pass).
fn drawn_at(screen: &vt100::Screen, cols: u16, rows: u16) -> bool {
    let shown: Vec<String> = screen
        .rows(0, cols)
        .map(|r| r.trim_end().to_string())
        .collect();
    if cols < 20 || rows < 5 {
        let message = textwrap::wrap("Window too small — q quits", usize::from(cols));
        message
            .iter()
            .zip(&shown)
            .all(|(want, got)| want.trim_end() == got)
    } else {
        shown.last().is_some_and(|status| status.contains('%'))
    }
}

#[test]
fn resize_to_1x1_and_back_never_panics() {
    let pty = Pty::spawn(&["essays/the-slow-reader.md"], 100, 30, &[]);
    wait_text(&pty, "The Slow Reader");

    for (cols, rows) in [(1, 1), (5, 2), (200, 60), (40, 10), (100, 30)] {
        pty.resize(cols, rows);
        // Each size is drawn before the next arrives.
        pty.wait_for_screen(|s| drawn_at(s, cols, rows), TIMEOUT)
            .unwrap_or_else(|e| panic!("a frame for {cols}x{rows}: {e}"));
    }

    pty.wait_for(
        |s| s.contains("The Slow Reader") && s.contains("For most of my adult life"),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the essay again at 100x30: {e}"));
    assert!(pty.is_running(), "margin exited after resizing back");
    quit(&pty);
}

#[test]
fn stdin_essay_keys_from_terminal() {
    // Standard input is the file; keys still come from the terminal, as in
    // `margin - < essay.md` typed at a shell.
    let pty = Pty::spawn_program(
        "sh",
        &[
            "-c",
            "exec \"$0\" - < \"$1\"",
            margin_bin(),
            "essays/the-slow-reader.md",
        ],
        100,
        30,
        &[],
    );
    wait_text(&pty, "The Slow Reader");
    quit(&pty);
}

/// A terminal window closed under the reader (here: the tmux server killed, which hangs up
/// the terminal without always signalling the program) must not leave margin spinning on
/// end-of-file: it leaves within a few seconds. Needs tmux, and Linux's `/proc` to watch the
/// reader's process.
#[test]
fn closing_the_terminal_ends_the_reader() {
    if !need("tmux", has_tool("tmux", "-V"))
        || !need(
            "/proc, to watch the reader's process",
            std::path::Path::new("/proc/self/stat").exists(),
        )
    {
        return;
    }
    let dir = TempDir::new().unwrap();
    let pidfile = dir.path().join("pid");
    let socket = format!("margin-test-{}", std::process::id());
    let script = format!(
        "echo $$ > '{}'; MARGIN_HOME='{}' exec '{}' '{}'",
        pidfile.display(),
        dir.path().display(),
        support::pty::margin_bin(),
        support::pty::manifest_dir()
            .join("essays/notes-on-attention.md")
            .display()
    );
    let started = Command::new("tmux")
        .args([
            "-L",
            &socket,
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "24",
            &script,
        ])
        .status()
        .unwrap();
    assert!(started.success());
    let deadline = std::time::Instant::now() + TIMEOUT;
    let pid = loop {
        if let Some(pid) = std::fs::read_to_string(&pidfile)
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok())
        {
            break pid;
        }
        assert!(std::time::Instant::now() < deadline, "margin never started");
        std::thread::sleep(Duration::from_millis(50));
    };
    // Close the terminal once the reader is reading, its essay on the screen.
    let capture = || {
        Command::new("tmux")
            .args(["-L", &socket, "capture-pane", "-p"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    };
    let mut screen = capture();
    while !screen.contains("Notes on Attention") {
        assert!(
            std::time::Instant::now() < deadline,
            "the reader never showed its essay under tmux; last screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
        screen = capture();
    }
    let _ = Command::new("tmux")
        .args(["-L", &socket, "kill-server"])
        .status();
    let gone = std::time::Instant::now() + Duration::from_secs(5);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() && std::time::Instant::now() < gone
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let alive =
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z "));
    if alive {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    assert!(!alive, "margin kept running after its terminal closed");
}

/// Ctrl-Z in a shell with job control: margin gives the terminal back (the shell's prompt,
/// its line editing) and stops; `fg` brings it back exactly as it was. Needs tmux (a
/// terminal with a real shell in it) and Linux's `/proc` to see the process stopped.
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_the_reader_back() {
    if !need("tmux", has_tool("tmux", "-V"))
        || !need(
            "/proc, to watch the reader's process",
            std::path::Path::new("/proc/self/stat").exists(),
        )
    {
        return;
    }
    let dir = TempDir::new().unwrap();
    let socket = format!("margin-suspend-{}", std::process::id());
    // The tmux server (and margin in it) goes when the test ends, passing or failing.
    struct Server(String);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = Command::new("tmux")
                .args(["-L", &self.0, "kill-server"])
                .output();
        }
    }
    let _server = Server(socket.clone());
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket])
            .args(args)
            .output()
            .unwrap()
    };
    let started = tmux(&[
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "env",
        "PS1=$ ",
        "bash",
        "--norc",
        "--noprofile",
    ]);
    assert!(started.status.success(), "{started:?}");
    let capture = || String::from_utf8_lossy(&tmux(&["capture-pane", "-p"]).stdout).into_owned();
    let wait = |what: &str, ok: &dyn Fn(&str) -> bool| {
        let deadline = std::time::Instant::now() + TIMEOUT;
        loop {
            let screen = capture();
            if ok(&screen) {
                return screen;
            }
            assert!(
                std::time::Instant::now() <= deadline,
                "{what}; last screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let pidfile = dir.path().join("pid");
    let line = format!(
        "MARGIN_HOME='{}' '{}' '{}' & echo $! > '{}'; fg",
        dir.path().display(),
        margin_bin(),
        support::pty::manifest_dir()
            .join("essays/notes-on-attention.md")
            .display(),
        pidfile.display(),
    );
    tmux(&["send-keys", &line, "Enter"]);
    wait("the reader shows its essay", &|s| s.contains("min left"));
    // Somewhere other than the start, and settled there: the same screen twice running.
    tmux(&["send-keys", "]", "j"]);
    let first_section = "The Weight of a Glance";
    wait("] goes to the first section", &|s| {
        s.lines()
            .any(|l| l.contains(&format!("› {first_section}")) && l.contains("min left"))
    });
    let mut reading = capture();
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let again = capture();
        if again == reading {
            break;
        }
        reading = again;
    }
    let pid = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .to_string();
    tmux(&["send-keys", "C-z"]);
    let shell = wait("the shell says margin stopped", &|s| s.contains("Stopped"));
    assert!(
        !shell.contains("min left"),
        "the reader's screen is gone:\n{shell}"
    );
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    assert!(stat.contains(") T "), "margin is stopped: {stat}");
    tmux(&["send-keys", "fg", "Enter"]);
    let back = wait("fg brings the reader back", &|s| s.contains("min left"));
    assert_eq!(back, reading, "back exactly as it was");
    // The same from outside: `kill -TSTP` gives the shell its terminal back, as Ctrl-Z does,
    // instead of stopping margin with the reader's screen left up and the terminal raw.
    let killed = std::process::Command::new("kill")
        .args(["-TSTP", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let shell = wait("the shell says margin stopped again", &|s| {
        s.matches("Stopped").count() == 2 && !s.contains("min left")
    });
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    assert!(stat.contains(") T "), "margin is stopped: {stat}\n{shell}");
    tmux(&["send-keys", "fg", "Enter"]);
    let back = wait("fg brings the reader back again", &|s| {
        s.contains("min left")
    });
    assert_eq!(back, reading, "back exactly as it was");
    tmux(&["send-keys", "q"]);
    wait("q leaves for the shell", &|s| {
        !s.contains("min left") && s.trim_end().ends_with('$')
    });
}

/// `margin` with no file starts in the library; Enter opens an essay, `q` comes back, the
/// essay now shows how much was read, and `q` quits.
#[test]
fn library_open_read_back_and_quit() {
    let pty = Pty::spawn(&[], 120, 30, &[]);
    pty.wait_for(
        |s| {
            s.contains("The Slow Reader")
                && s.contains("Notes on Attention")
                && s.contains("Enter open")
        },
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the library of sample essays: {e}"));
    pty.send("/");
    pty.send("attention");
    pty.send("\r");
    pty.send("\r");
    pty.wait_for(
        |s| s.contains("The Weight of a Glance") && s.contains("min left"),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the essay open in the reader: {e}"));
    pty.send(" ");
    pty.send("q");
    pty.wait_for(
        |s| {
            s.contains("Enter open")
                && s.lines()
                    .any(|l| l.contains("Notes on Attention") && l.contains('%'))
        },
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("back in the library with a percentage read: {e}"));
    quit(&pty);
}

/// `margin DIR` opens that folder as the library.
#[test]
fn a_folder_on_the_command_line_opens_as_the_library() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("shelf")).unwrap();
    std::fs::copy(
        "essays/the-slow-reader.md",
        dir.path().join("shelf/slow.md"),
    )
    .unwrap();
    let shelf = dir.path().join("shelf");
    let pty = Pty::spawn(&[shelf.to_str().unwrap()], 120, 30, &[]);
    pty.wait_for(
        |s| s.contains("The Slow Reader") && s.contains("Enter open") && s.contains("shelf"),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the folder listed as the library: {e}"));
    assert!(
        !pty.screen().contains("Notes on Attention"),
        "only that folder"
    );
    quit(&pty);
}

/// The first run, with no library folder anywhere: margin makes its default folder and
/// says how to fill it, instead of "cannot be read (os error 2)".
#[test]
fn the_first_run_makes_the_library_folder() {
    let cwd = TempDir::new().unwrap();
    let home = TempDir::new().unwrap();
    let margin_home = home.path().join("margin");
    // From a folder without essays/, so that the default is the data folder's.
    let pty = Pty::spawn_program(
        "sh",
        &[
            "-c",
            "cd \"$1\" && exec \"$2\"",
            "sh",
            cwd.path().to_str().unwrap(),
            margin_bin(),
        ],
        120,
        30,
        &[("MARGIN_HOME", margin_home.to_str().unwrap())],
    );
    pty.wait_for(
        |s| s.contains("No essays here yet") && s.contains("MARGIN_LIBRARY"),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("an empty library that says how to fill it: {e}"));
    let screen = pty.screen();
    assert!(!screen.contains("cannot be read"), "{screen}");
    assert!(screen.contains("Made the library folder"), "{screen}");
    assert!(margin_home.join("essays").is_dir());
    quit(&pty);
}

/// A long essay opens on its start at once, says the rest is being read, shows its end on
/// `G` (read with the start), then completes: the percentage appears and notes can be
/// added.
#[test]
fn a_long_essay_opens_on_its_start_and_completes_in_place() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("long.md");
    let text = margin::sample::essay(2_000_000, margin::Format::Markdown, 5);
    std::fs::write(&path, &text).unwrap();
    let last_words: Vec<&str> = text
        .lines()
        .rfind(|l| l.split_whitespace().count() > 6)
        .unwrap()
        .split_whitespace()
        .collect();
    let tail = last_words[last_words.len() - 2..]
        .join(" ")
        .replace('*', "");

    let pty = Pty::spawn(&[path.to_str().unwrap()], 100, 30, &[]);
    pty.wait_for(|s| s.contains("in the Age of Winter"), TIMEOUT)
        .unwrap();
    pty.send("G");
    pty.wait_for(|s| s.contains(&tail), TIMEOUT).unwrap();
    // Whether or not the rest had arrived by then, it does, and the end stays on screen.
    let screen = pty
        .wait_for(|s| s.contains("100%") && s.contains("the end"), TIMEOUT)
        .unwrap();
    assert!(screen.contains(&tail), "{screen}");
    pty.send("k");
    pty.send("a");
    pty.wait_for(
        |s| s.contains("Esc saves") || s.contains("New note"),
        TIMEOUT,
    )
    .unwrap();
    pty.send_key(Key::Esc);
    // The editor closed (an Esc and a key sent together would read as Alt and the key).
    pty.wait_for(
        |s| !s.contains("Esc saves") && !s.contains("New note"),
        TIMEOUT,
    )
    .unwrap();
    pty.send("q");
    let status = pty
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("margin quits:\n{}", pty.screen()));
    assert!(status.success(), "{status:?}");
    assert_terminal_restored(&pty.raw_output());
}

#[test]
fn term_dumb_on_a_real_terminal_refuses_and_suggests_render() {
    let pty = Pty::spawn(&["essays/the-slow-reader.md"], 100, 30, &[("TERM", "dumb")]);
    let status = pty.wait_exit(TIMEOUT).expect("margin exits at once");
    assert!(!status.success());
    let screen = pty.screen();
    assert!(
        screen.contains("TERM=dumb") && screen.contains("margin render FILE"),
        "{screen}"
    );
    let raw = pty.raw_output();
    assert!(
        !raw.windows(8).any(|w| w == b"\x1b[?1049h"),
        "no alternate screen on a dumb terminal"
    );
}

/// Whether some row of the screen ends inside a word broken after a letter (`instruc-`).
fn ends_a_row_with_a_hyphen(screen: &vt100::Screen) -> bool {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).any(|row| {
        let row = row.trim_end();
        row.strip_suffix('-')
            .is_some_and(|rest| rest.ends_with(|c: char| c.is_ascii_lowercase()))
    })
}

#[test]
fn justified_text_is_hyphenated_and_t_switches_the_theme_in_place() {
    let pty = Pty::spawn(&["essays/the-slow-reader.md"], 80, 40, &[]);
    wait_text(&pty, "The Slow Reader");
    assert!(
        !pty.with_screen(ends_a_row_with_a_hyphen),
        "ragged text is not hyphenated:\n{}",
        pty.screen()
    );
    pty.send("J");
    pty.wait_for_screen(ends_a_row_with_a_hyphen, TIMEOUT)
        .unwrap_or_else(|e| panic!("justified text to break a word with a hyphen: {e}"));
    let text_before = pty.rows_from(0);
    pty.send("T");
    wait_text(&pty, "Theme: light.");
    // The light theme's own paper, on a terminal of any background; the text unmoved.
    let paper = pty.with_screen(|s| s.cell(2, 2).map(vt100::Cell::bgcolor));
    assert_eq!(paper, Some(vt100::Color::Rgb(250, 248, 240)));
    let text_after = pty.rows_from(0);
    let body = |rows: &[String]| rows[..rows.len() - 1].to_vec();
    assert_eq!(body(&text_after), body(&text_before), "the place is kept");
    quit(&pty);
}

/// A slow pipe shows its first screen as soon as that has come, as `less` does, and the
/// rest when it arrives: the writer here waits, mid-essay, until the test has seen the start.
#[test]
fn a_slow_pipe_shows_its_start_before_it_ends() {
    let dir = TempDir::new().unwrap();
    let gate = dir.path().join("go on");
    let line = format!(
        "{{ printf 'A Slow Pipe\\n\\nThe first paragraph came at once.\\n\\n'; \
         while [ ! -e '{gate}' ]; do sleep 0.05; done; \
         printf 'Second Part\\n\\nThe second paragraph came when it was let.\\n'; }} | '{bin}' -",
        gate = gate.display(),
        bin = margin_bin(),
    );
    let pty = Pty::spawn_program("sh", &["-c", &line], 100, 24, &[]);
    pty.wait_for(|s| s.contains("The first paragraph came at once."), TIMEOUT)
        .unwrap_or_else(|e| panic!("the start shows while the pipe is open: {e}"));
    assert!(!pty.screen().contains("Second Part"), "{}", pty.screen());
    std::fs::write(&gate, "").unwrap();
    pty.wait_for(
        |s| s.contains("The second paragraph came when it was let.") && s.contains("Second Part"),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the rest shows once it has come: {e}"));
    quit(&pty);
}
