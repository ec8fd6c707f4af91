//! A pseudo-terminal harness for end-to-end tests: it runs the real `margin` binary in a pty,
//! feeds everything the program prints through a vt100 parser, and lets a test type keys and
//! read the screen as a person at a terminal would.
//!
//! Tests wait for what the screen shows (`wait_for`), never for a fixed time: builds and runs
//! on CI are slow, and a sleep that passes here flakes there.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

/// How long a test waits for the screen or the exit it expects before failing.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(20);

/// The `margin` binary cargo built for this test run.
pub fn margin_bin() -> &'static str {
    env!("CARGO_BIN_EXE_margin")
}

/// The repository root: programs start there, so `essays/...` paths work as in the README.
pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Keys that are escape sequences rather than characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Enter,
    Esc,
    Tab,
    Backspace,
}

/// A program running in a pseudo-terminal, with the screen it has drawn so far.
pub struct Pty {
    shared: Arc<Mutex<Shared>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    master: Box<dyn MasterPty + Send>,
    child: Mutex<Box<dyn Child + Send + Sync>>,
    status: Mutex<Option<ExitStatus>>,
    margin_home: PathBuf,
    /// HOME, the XDG folders and (unless the caller brought its own, to reopen the same
    /// state in a second run) MARGIN_HOME; removed when the `Pty` is dropped.
    _sandbox: TempDir,
}

/// What the reader thread has seen: the parsed screen and every byte, in order.
struct Shared {
    parser: vt100::Parser<Answers>,
    raw: Vec<u8>,
    /// When the last bytes arrived, to tell when the program has stopped drawing.
    last_output: Instant,
    /// The program closed the terminal: nothing more will arrive.
    eof: bool,
}

/// Replies to the queries a real terminal answers (cursor position, device attributes).
/// Without them a program that asks — crossterm does when it probes for keyboard
/// enhancements — would stall until its own time-out. It also notes what a terminal would
/// do outside the screen: set the window title or icon name, ring the bell.
#[derive(Default)]
struct Answers {
    pending: Vec<u8>,
    titles: Vec<String>,
    bells: usize,
}

impl vt100::Callbacks for Answers {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }

    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied().unwrap_or(0);
        match (i1, c, first) {
            // DSR 6: where is the cursor (1-based)?
            (None, 'n', 6) => {
                let (row, col) = screen.cursor_position();
                let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                self.pending.extend_from_slice(reply.as_bytes());
            }
            // DA1: a VT100 with advanced video, and nothing fancier.
            (None, 'c', 0) => self.pending.extend_from_slice(b"\x1b[?1;2c"),
            _ => {}
        }
    }
}

impl Pty {
    /// Runs `margin ARGS` in a `cols`×`rows` terminal; see [`Pty::spawn_program`].
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Pty::spawn_program(margin_bin(), args, cols, rows, env)
    }

    /// Runs `program ARGS` in a `cols`×`rows` terminal from the repository root, with
    /// TERM=xterm-256color and HOME, MARGIN_HOME and the XDG folders inside a temporary
    /// directory, so no test reads or writes the real home. `env` is applied last and wins;
    /// a `MARGIN_HOME` given there is used (and kept) instead of the temporary one.
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let sandbox = TempDir::new().expect("create a sandbox folder");
        // MARGIN_HOME is a folder of its own, empty at first, as on a first run.
        let margin_home = match env.iter().find(|(k, _)| *k == "MARGIN_HOME") {
            Some((_, dir)) => PathBuf::from(dir),
            None => {
                let dir = sandbox.path().join("margin");
                std::fs::create_dir(&dir).expect("create a temporary MARGIN_HOME");
                dir
            }
        };

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(manifest_dir());
        // The size comes from the pty alone, as in a real terminal.
        cmd.env_remove("COLUMNS");
        cmd.env_remove("LINES");
        cmd.env("TERM", "xterm-256color");
        cmd.env("MARGIN_HOME", &margin_home);
        // A link said yes to opens nothing unless a test names its own browser.
        cmd.env("BROWSER", "true");
        for (var, sub) in [
            ("HOME", "home"),
            ("XDG_DATA_HOME", "xdg/data"),
            ("XDG_CONFIG_HOME", "xdg/config"),
            ("XDG_STATE_HOME", "xdg/state"),
            ("XDG_CACHE_HOME", "xdg/cache"),
        ] {
            let dir = sandbox.path().join(sub);
            std::fs::create_dir_all(&dir).expect("create a sandbox folder");
            cmd.env(var, dir);
        }
        for (key, value) in env {
            cmd.env(key, value);
        }

        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pseudo-terminal");
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("spawn {program} {args:?}: {e}"));
        // Only the child may hold the terminal's other end, so that reading sees the end of
        // output once it exits.
        drop(pair.slave);

        let reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new_with_callbacks(
                nonzero(rows),
                nonzero(cols),
                0,
                Answers::default(),
            ),
            raw: Vec::new(),
            last_output: Instant::now(),
            eof: false,
        }));
        spawn_reader(reader, Arc::clone(&shared), Arc::clone(&writer));

        Pty {
            shared,
            writer,
            master: pair.master,
            child: Mutex::new(child),
            status: Mutex::new(None),
            margin_home,
            _sandbox: sandbox,
        }
    }

    /// The MARGIN_HOME the program was given.
    pub fn margin_home(&self) -> &Path {
        &self.margin_home
    }

    /// Types raw bytes, as a terminal sends them: "j", "\x1b" (Esc), "\r" (Enter), "\t".
    ///
    /// A lone Esc is told apart from Alt+key by timing, so wait for its effect on the
    /// screen before typing the next key.
    pub fn send(&self, text: &str) {
        let mut writer = lock(&self.writer);
        writer
            .write_all(text.as_bytes())
            .and_then(|()| writer.flush())
            .unwrap_or_else(|e| panic!("type {text:?} into the terminal: {e}"));
    }

    /// Presses a key, sending what xterm sends for it in the program's current cursor-key
    /// mode.
    pub fn send_key(&self, key: Key) {
        let application = lock(&self.shared).parser.screen().application_cursor();
        let cursor = |c: char| {
            if application {
                format!("\x1bO{c}")
            } else {
                format!("\x1b[{c}")
            }
        };
        let bytes = match key {
            Key::Up => cursor('A'),
            Key::Down => cursor('B'),
            Key::Right => cursor('C'),
            Key::Left => cursor('D'),
            Key::Home => cursor('H'),
            Key::End => cursor('F'),
            Key::PageUp => "\x1b[5~".to_string(),
            Key::PageDown => "\x1b[6~".to_string(),
            Key::Enter => "\r".to_string(),
            Key::Esc => "\x1b".to_string(),
            Key::Tab => "\t".to_string(),
            Key::Backspace => "\x7f".to_string(),
        };
        self.send(&bytes);
    }

    /// The screen as text: one line per row, trailing blanks trimmed.
    pub fn screen(&self) -> String {
        screen_text(lock(&self.shared).parser.screen())
    }

    /// Row `n` of the screen (0 is the top), trailing blanks trimmed; empty past the bottom.
    pub fn row(&self, n: u16) -> String {
        rows_from(lock(&self.shared).parser.screen(), 0)
            .into_iter()
            .nth(usize::from(n))
            .unwrap_or_default()
    }

    /// Every row from column `col` to the right edge, trailing blanks trimmed: the text pane
    /// of a screen whose left part is a sidebar.
    pub fn rows_from(&self, col: u16) -> Vec<String> {
        rows_from(lock(&self.shared).parser.screen(), col)
    }

    /// Looks at the parsed screen itself: cells, cursor, modes.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(lock(&self.shared).parser.screen())
    }

    /// Waits until `pred` holds for the screen text; returns that text, or on time-out (or
    /// when the program has closed the terminal first) an error showing the last screen.
    pub fn wait_for(
        &self,
        mut pred: impl FnMut(&str) -> bool,
        timeout: Duration,
    ) -> Result<String, String> {
        self.wait_for_screen(|screen| pred(&screen_text(screen)), timeout)
    }

    /// Waits until `pred` holds for the parsed screen itself (cells, cursor, modes); returns
    /// the screen text as [`Pty::wait_for`] does.
    pub fn wait_for_screen(
        &self,
        mut pred: impl FnMut(&vt100::Screen) -> bool,
        timeout: Duration,
    ) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let shared = lock(&self.shared);
            let screen = shared.parser.screen();
            if pred(screen) {
                return Ok(screen_text(screen));
            }
            // Once the program has closed the terminal the screen can no longer change.
            let why = if shared.eof {
                let last = framed(screen);
                drop(shared);
                let status = self.wait_exit(Duration::from_secs(1));
                format!(
                    "the program closed the terminal first (exit: {status:?}); last screen:\n{last}"
                )
            } else if Instant::now() >= deadline {
                format!(
                    "timed out after {timeout:?}; last screen:\n{}",
                    framed(screen)
                )
            } else {
                drop(shared);
                thread::sleep(POLL);
                continue;
            };
            return Err(format!("the screen never matched: {why}"));
        }
    }

    /// Waits until the program has handled all it was sent: its output has been quiet for
    /// `quiet` and, where the system says (Linux's `/proc`), the process sleeps waiting for
    /// input rather than working through a backlog of keys. Output alone cannot tell: a
    /// program busy with a hundred queued keys draws nothing until it is done. Returns false
    /// if it was still busy at `timeout`.
    pub fn wait_settled(&self, quiet: Duration, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let pid = lock(&self.child).process_id();
        let stat = pid.map(|p| format!("/proc/{p}/stat"));
        let mut asleep_in_a_row = 0;
        loop {
            let quiet_enough = lock(&self.shared).last_output.elapsed() >= quiet;
            // The state is the field after the command name in parentheses.
            let asleep = match stat.as_deref().map(std::fs::read_to_string) {
                Some(Ok(s)) => s
                    .rsplit_once(')')
                    .is_some_and(|(_, rest)| rest.trim_start().starts_with('S')),
                _ => true,
            };
            asleep_in_a_row = if asleep { asleep_in_a_row + 1 } else { 0 };
            if quiet_enough && asleep_in_a_row >= 3 {
                return true;
            }
            if Instant::now() >= deadline || !self.is_running() {
                return false;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Resizes the terminal, as dragging a window's corner does (the program gets SIGWINCH).
    /// Sizes are at least 1×1.
    pub fn resize(&self, cols: u16, rows: u16) {
        // The parser is resized under its lock before the program hears of the new size, so
        // everything drawn for the new size is parsed at that size.
        let mut shared = lock(&self.shared);
        shared.parser.set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(size(cols, rows))
            .unwrap_or_else(|e| panic!("resize the pty to {cols}x{rows}: {e}"));
    }

    /// Whether the program is still running.
    /// The program's process id.
    pub fn pid(&self) -> Option<u32> {
        lock(&self.child).process_id()
    }

    pub fn is_running(&self) -> bool {
        self.exit_status().is_none()
    }

    /// Waits for the program to exit, then for its last output to be read; `None` if it is
    /// still running after `timeout`.
    pub fn wait_exit(&self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.exit_status() {
                break status;
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(POLL);
        };
        // The output still in the pty is read after the exit; give it a moment even when
        // the exit came right at the deadline.
        let drained = deadline.max(Instant::now() + Duration::from_secs(2));
        while !lock(&self.shared).eof && Instant::now() < drained {
            thread::sleep(POLL);
        }
        Some(status)
    }

    /// Every byte the program has written to the terminal so far.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// Every window title or icon name the program has set (OSC 0, 1, 2), in order.
    pub fn titles_set(&self) -> Vec<String> {
        lock(&self.shared).parser.callbacks().titles.clone()
    }

    /// How many times the program has rung the bell.
    pub fn bells(&self) -> usize {
        lock(&self.shared).parser.callbacks().bells
    }

    /// The exit status, once the program has exited.
    fn exit_status(&self) -> Option<ExitStatus> {
        let mut status = lock(&self.status);
        if status.is_none() {
            // An error here (never seen in practice) reads as "still running"; Drop then
            // kills the child, and must not panic while a failed test unwinds.
            *status = lock(&self.child).try_wait().ok().flatten();
        }
        status.clone()
    }
}

impl Drop for Pty {
    /// A failed test must not leave a reader running in the background.
    fn drop(&mut self) {
        if self.is_running() {
            let mut child = lock(&self.child);
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Feeds the program's output to the parser until the terminal closes, answering queries.
fn spawn_reader(
    mut reader: Box<dyn Read + Send>,
    shared: Arc<Mutex<Shared>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
) {
    thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // Linux reports a closed terminal as EIO.
                Err(_) => break,
            };
            let answers = {
                let mut shared = lock(&shared);
                shared.raw.extend_from_slice(&buf[..n]);
                shared.parser.process(&buf[..n]);
                shared.last_output = Instant::now();
                std::mem::take(&mut shared.parser.callbacks_mut().pending)
            };
            if !answers.is_empty() {
                let mut writer = lock(&writer);
                let _ = writer.write_all(&answers).and_then(|()| writer.flush());
            }
        }
        lock(&shared).eof = true;
    });
}

/// Checks that a program left the terminal as it found it: out of the alternate screen
/// (which a full-screen program must have entered), the cursor shown, and every mouse,
/// focus and bracketed-paste mode it turned on turned off again after its last use.
pub fn assert_terminal_restored(raw: &[u8]) {
    let mut problems = Vec::new();
    if find_last(raw, b"\x1b[?1049h").is_none() {
        problems.push("never entered the alternate screen (\\e[?1049h)".to_string());
    }
    for (what, mode) in [
        ("alternate screen", "1049"),
        ("cursor", "25"),
        ("mouse reporting", "1000"),
        ("mouse reporting", "1002"),
        ("mouse reporting", "1003"),
        ("mouse reporting", "1005"),
        ("mouse reporting", "1006"),
        ("mouse reporting", "1015"),
        ("focus reporting", "1004"),
        ("bracketed paste", "2004"),
    ] {
        // The cursor is the other way round: hiding it is the change to undo.
        let (set, reset) = if mode == "25" {
            (format!("\x1b[?{mode}l"), format!("\x1b[?{mode}h"))
        } else {
            (format!("\x1b[?{mode}h"), format!("\x1b[?{mode}l"))
        };
        if let Some(last) = find_last(raw, set.as_bytes()) {
            let after = last + set.len();
            if find_last(&raw[after..], reset.as_bytes()).is_none() {
                problems.push(format!(
                    "{what}: {set:?} at byte {last} is never followed by {reset:?}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the terminal was not restored:\n  {}\nlast bytes written: {:?}",
        problems.join("\n  "),
        String::from_utf8_lossy(&raw[raw.len().saturating_sub(300)..])
    );
}

/// The start of the last occurrence of `needle` in `hay`.
fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The screen as text, row by row; this is what `wait_for` predicates see.
fn screen_text(screen: &vt100::Screen) -> String {
    rows_from(screen, 0).join("\n")
}

fn rows_from(screen: &vt100::Screen, col: u16) -> Vec<String> {
    let (_, cols) = screen.size();
    let width = cols.get().saturating_sub(col);
    screen
        .rows(col, width)
        .map(|row| row.trim_end().to_string())
        .collect()
}

/// The screen with row numbers and its right edge marked, for failure messages.
fn framed(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    let mut out = format!("({cols} columns x {rows} rows)\n");
    for (i, row) in rows_from(screen, 0).iter().enumerate() {
        out.push_str(&format!("{i:>3}|{row}\n"));
    }
    out
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal sizes start at 1")
}

/// Locks, ignoring poisoning: a panic elsewhere must not hide the screen from the report.
fn lock<T: ?Sized>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Waits until the screen shows `needle`; returns the screen.
pub fn wait_text(pty: &Pty, needle: &str) -> String {
    pty.wait_for(|s| s.contains(needle), TIMEOUT)
        .unwrap_or_else(|e| panic!("screen to show {needle:?}: {e}"))
}

/// Types `q` and checks the reader exits successfully and restores the terminal.
pub fn quit(pty: &Pty) {
    pty.send("q");
    let status = pty
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("margin still running after q; screen:\n{}", pty.screen()));
    assert!(status.success(), "margin exited with {status:?} after q");
    assert_terminal_restored(&pty.raw_output());
}
