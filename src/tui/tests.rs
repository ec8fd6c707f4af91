//! The runner driven by a scripted console over ratatui's `TestBackend`: openings, the
//! handover of a long essay, failures, the stores and the library, without a terminal.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::{Frame, Terminal};

use super::{Console, Loaded, Opener, Opening, Runner, Stores};
use crate::app::document::Document;
use crate::app::library::Library;
use crate::app::opening::Opened;
use crate::app::{App, Options};
use crate::error::{Error, Result};
use crate::essay::Essay;
use crate::library::cache::Cache;
use crate::notes::NoteStore;
use crate::store::identity::Identity;
use crate::store::positions::PositionStore;
use crate::ui::theme::Theme;

enum Step {
    Event(Event),
    /// No event for one wait of the runner (background work goes on meanwhile).
    Idle,
    /// `SIGTSTP` from outside arrives, with no event.
    Tstp,
}

/// A terminal that plays a script of events, then reports a signal (margin stops).
struct Scripted {
    terminal: Terminal<TestBackend>,
    script: VecDeque<Step>,
    /// Every change of mouse capture asked for.
    mouse: Vec<bool>,
    /// What was sent to the clipboard.
    copied: Vec<String>,
    stopped: bool,
    /// A `SIGTSTP` from outside that the runner has not asked about yet.
    tstp: bool,
    /// What the runner asked of the terminal, in order: `draw`, `clear`, `suspend`.
    calls: Vec<&'static str>,
}

impl Scripted {
    fn new(width: u16, height: u16) -> Scripted {
        Scripted {
            terminal: Terminal::new(TestBackend::new(width, height)).expect("a test terminal"),
            script: VecDeque::new(),
            mouse: Vec::new(),
            copied: Vec::new(),
            stopped: false,
            tstp: false,
            calls: Vec::new(),
        }
    }

    /// Types `keys`, one character a key (`\n` is Enter, `\x1b` Esc).
    fn keys(mut self, keys: &str) -> Scripted {
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            self.script.push_back(Step::Event(Event::Key(KeyEvent::new(
                code,
                KeyModifiers::NONE,
            ))));
        }
        self
    }

    /// Presses Ctrl and `c`.
    fn ctrl(mut self, c: char) -> Scripted {
        self.script.push_back(Step::Event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        ))));
        self
    }

    /// `kill -TSTP` from another shell.
    fn tstp(mut self) -> Scripted {
        self.script.push_back(Step::Tstp);
        self
    }

    fn idle(mut self, waits: usize) -> Scripted {
        self.script.extend((0..waits).map(|_| Step::Idle));
        self
    }

    fn screen(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        let width = usize::from(buffer.area.width);
        buffer
            .content
            .chunks(width)
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
            .collect()
    }
}

impl Console for Scripted {
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> Result<()> {
        self.calls.push("draw");
        let Ok(_) = self.terminal.draw(render);
        Ok(())
    }

    fn clear(&mut self) -> Result<()> {
        self.calls.push("clear");
        let Ok(()) = self.terminal.clear();
        Ok(())
    }

    fn next_event(&mut self, timeout: Duration) -> Result<Option<Event>> {
        match self.script.pop_front() {
            Some(Step::Event(e)) => Ok(Some(e)),
            Some(Step::Idle) => {
                std::thread::sleep(timeout.max(Duration::from_millis(20)));
                Ok(None)
            }
            Some(Step::Tstp) => {
                self.tstp = true;
                Ok(None)
            }
            None => {
                self.stopped = true;
                Ok(None)
            }
        }
    }

    fn size(&self) -> Option<(u16, u16)> {
        let area = self.terminal.backend().buffer().area;
        Some((area.width, area.height))
    }

    fn stopped(&self) -> bool {
        self.stopped
    }

    fn suspend_asked(&mut self) -> bool {
        std::mem::take(&mut self.tstp)
    }

    fn set_mouse(&mut self, on: bool) {
        self.mouse.push(on);
    }

    fn copy(&mut self, text: &str) {
        self.copied.push(text.to_string());
    }

    fn edit_externally(
        &mut self,
        _text: &str,
    ) -> std::result::Result<String, crate::app::action::EditFailed> {
        Err("no editor in tests".into())
    }

    /// The shell had the screen meanwhile: it is left blank, and taken back as the real
    /// terminal takes it (cleared, so the next frame must draw every cell).
    fn suspend(&mut self) -> Result<()> {
        self.calls.push("suspend");
        let Ok(()) = ratatui::backend::Backend::clear(self.terminal.backend_mut());
        let Ok(()) = self.terminal.clear();
        Ok(())
    }
}

fn essay(paragraphs: usize) -> String {
    let mut s = String::from("# The Long Essay\n\n");
    for i in 0..paragraphs {
        if i % 10 == 0 {
            s.push_str(&format!("## Part {i}\n\n"));
        }
        s.push_str(&format!(
            "Paragraph {i} has words in it, enough of them to wrap on a narrow screen.\n\n"
        ));
    }
    s
}

fn document(text: &str) -> Document {
    Document::new(
        Essay::parse(text, crate::Format::Markdown, "long"),
        "long".into(),
    )
}

/// Stores for `text` in the data folder `home`.
fn stores(home: &Path, text: &str) -> Stores {
    let identity = Identity::new(Path::new("long.md"), text);
    let (notes, notes_message) =
        NoteStore::open_in(Some(home.join("notes")), identity.clone(), "The Long Essay");
    Stores {
        positions: PositionStore::in_folder(Some(home.to_path_buf()), identity),
        notes,
        notes_message,
        identity_message: None,
    }
}

/// A long essay's start, with the rest of it (`rest`) delivered as soon as it is asked for.
fn loading(text: &str, rest: Loaded) -> Opening {
    let head = &text[..text.len() / 5];
    let head = &head[..head.rfind("\n\n").unwrap_or(0) + 2];
    let mut preview = document(head);
    preview.partial = true;
    let rest = move || {
        let (tx, rx) = mpsc::channel();
        let _ = tx.send(rest);
        rx
    };
    Opening::Loading(
        Box::new(App::new(preview, Options::default())),
        Box::new(rest),
    )
}

/// The whole essay and its stores, as the reading thread hands them over.
#[allow(clippy::unnecessary_wraps)]
fn whole(home: &Path, text: &str, restore: bool) -> Loaded {
    let mut stores = stores(home, text);
    let opened = stores.opening(restore);
    Ok((document(text), stores, opened, Vec::new()))
}

/// A short essay read whole, with its stores in `home`.
fn ready(home: &Path, text: &str) -> Opening {
    let mut kept = stores(home, text);
    let opened = kept.opening(true);
    let app = App::new(document(text), Options::default());
    Opening::Ready(Box::new((app, kept, opened)))
}

/// Runs margin on `opening` in `console` until its script ends.
fn run_on(console: &mut impl Console, opening: Opening) -> Result<()> {
    let theme = theme();
    Runner::new(console, &theme).with_essay(opening, None).run()
}

fn theme() -> Theme {
    Theme::plain()
}

#[test]
fn the_mouse_is_released_while_the_rest_is_read() {
    // The rest never arrives during the test: its sender waits on a thread.
    let (tx, rx) = mpsc::channel::<Loaded>();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(30));
        drop(tx);
    });
    let preview = {
        let mut doc = document(&essay(50));
        doc.partial = true;
        App::new(doc, Options::default())
    };
    let opening = Opening::Loading(Box::new(preview), Box::new(move || rx));
    let mut console = Scripted::new(100, 30).keys("M").idle(2);
    run_on(&mut console, opening).expect("the reader runs");
    assert_eq!(
        console.mouse,
        vec![true, false],
        "the reader takes the mouse as it opens, and M gives it back to the terminal"
    );
}

/// A session on the long essay `text` kept in `home`: `keys` typed at once (before the rest
/// is read), then pauses while it arrives. Returns the last screen.
fn read_long_essay(home: &Path, text: &str, keys: &str) -> String {
    let mut console = Scripted::new(100, 30).keys(keys).idle(3);
    let opening = loading(text, whole(home, text, true));
    run_on(&mut console, opening).expect("the reader runs");
    console.screen()
}

#[test]
fn the_whole_essay_takes_over_and_goes_back_to_the_kept_position() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let text = essay(300);
    read_long_essay(home.path(), &text, "]]]]]]");
    assert!(home.path().join("positions").is_dir(), "a position kept");
    let screen = read_long_essay(home.path(), &text, "");
    assert!(
        screen.contains("Back where you left off: Part 50"),
        "{screen}"
    );
    let top = screen.lines().nth(1).unwrap_or_default().trim_end();
    assert!(top.ends_with("│    Part 50"), "{screen}");
}

#[test]
fn a_reader_who_moved_before_the_rest_arrived_is_not_pulled_back() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let text = essay(300);
    read_long_essay(home.path(), &text, "]]]]]]");
    assert!(home.path().join("positions").is_dir(), "a position kept");
    // Keys before the first pause come before the rest is read.
    let screen = read_long_essay(home.path(), &text, "]");
    assert!(!screen.contains("Back where you left off"), "{screen}");
    // `]` from the title went to the first part, and the reader is still there.
    assert!(screen.contains("The Long Essay › Part 0 "), "{screen}");
}

#[test]
fn a_note_written_just_before_quitting_is_saved() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let text = essay(30);
    let opening = ready(home.path(), &text);
    // No pause between the note and `q`: the store still has the save to do as it closes.
    let mut console = Scripted::new(100, 30).keys("}}aWritten in haste\x1bq");
    run_on(&mut console, opening).expect("the reader runs");
    let notes = stores_after(home.path(), &text);
    assert_eq!(notes, vec!["Written in haste".to_string()]);
    assert!(
        std::fs::read_dir(home.path().join("positions"))
            .expect("a positions folder")
            .count()
            == 1,
        "the position is kept"
    );
}

fn stores_after(home: &Path, text: &str) -> Vec<String> {
    stores(home, text)
        .notes
        .live()
        .map(|n| n.text.clone())
        .collect()
}

#[test]
fn a_failed_read_of_the_rest_ends_margin_with_the_reason() {
    let text = essay(300);
    let opening = loading(&text, Err(Error::NotFound(PathBuf::from("gone.md"))));
    let mut console = Scripted::new(100, 30).idle(3);
    let result = run_on(&mut console, opening);
    assert!(
        matches!(result, Err(Error::NotFound(_))),
        "{:?}",
        result.err()
    );
}

/// Opens every essay as a long one whose rest cannot be read.
struct Vanishing;

impl Opener for Vanishing {
    fn open(&self, path: &Path) -> std::result::Result<Opening, String> {
        Ok(loading(
            &essay(300),
            Err(Error::NotFound(path.to_path_buf())),
        ))
    }
}

fn library_of(paths: &[&str]) -> Library {
    let entries = paths
        .iter()
        .map(|p| crate::library::Entry {
            path: PathBuf::from(p),
            about: Some(crate::library::cache::About {
                title: format!("Essay {p}"),
                byline: String::new(),
                words: 3000,
                outline: Vec::new(),
                error: None,
                site: None,
            }),
            state: crate::library::ReadingState::default(),
        })
        .collect();
    Library::new(PathBuf::from("lib"), entries, None)
}

#[test]
fn a_failed_read_in_the_library_returns_to_the_library_with_the_reason() {
    let (_tx, described) = mpsc::channel();
    let screen = super::LibraryScreen {
        lib: library_of(&["gone.md"]),
        cache: Cache::default(),
        cache_file: None,
        described,
        opener: &Vanishing,
        wpm: 250.0,
    };
    let mut console = Scripted::new(100, 30).keys("\n").idle(3);
    let theme = theme();
    let mut runner = Runner::new(&mut console, &theme).with_library(screen);
    runner.run().expect("the library goes on");
    drop(runner);
    let screen = console.screen();
    assert!(screen.contains("Essay gone.md"), "{screen}");
    assert!(screen.contains("no such file"), "{screen}");
}

#[test]
fn q_in_the_library_quits() {
    let (_tx, described) = mpsc::channel();
    let screen = super::LibraryScreen {
        lib: library_of(&["a.md", "b.md"]),
        cache: Cache::default(),
        cache_file: None,
        described,
        opener: &Vanishing,
        wpm: 250.0,
    };
    // Keys after `q` are never read.
    let mut console = Scripted::new(100, 30).keys("jq").keys("\n");
    let theme = theme();
    Runner::new(&mut console, &theme)
        .with_library(screen)
        .run()
        .expect("the library quits");
    assert_eq!(console.script.len(), 1, "margin left at q");
    assert!(!console.stopped);
}

#[test]
fn opened_essays_get_their_notes_and_draft() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let text = essay(30);
    let mut stores = stores(home.path(), &text);
    stores
        .notes
        .save_draft(&crate::notes::draft::Draft {
            text: "Half a thought".into(),
            note: None,
            quote: String::new(),
            block: 3,
            passage: None,
            more: 0,
        })
        .expect("a draft kept");
    let opened: Opened = stores.opening(false);
    assert!(opened.draft.is_some());
    let app = App::new(document(&text), Options::default());
    let opening = Opening::Ready(Box::new((app, stores, opened)));
    let mut console = Scripted::new(140, 30).idle(1);
    run_on(&mut console, opening).expect("the reader runs");
    let screen = console.screen();
    assert!(screen.contains("Half a thought"), "{screen}");
}

fn keep_a_draft(home: &Path, text: &str) -> PathBuf {
    let stores = stores(home, text);
    stores
        .notes
        .save_draft(&crate::notes::draft::Draft {
            text: "Half a thought".into(),
            note: None,
            quote: String::new(),
            block: 3,
            passage: None,
            more: 0,
        })
        .expect("a draft kept")
}

#[test]
fn a_draft_read_with_the_rest_survives_a_reader_who_left_before_it_arrived() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let text = essay(300);
    let file = keep_a_draft(home.path(), &text);
    // The reading thread has read the stores (and the draft) already; the reader leaves
    // before the rest is handed over.
    let opening = loading(&text, whole(home.path(), &text, true));
    let mut console = Scripted::new(100, 30).keys("q");
    run_on(&mut console, opening).expect("the reader runs");
    assert!(file.exists(), "the draft is still kept");
    let again = stores(home.path(), &text).notes.read_draft();
    assert_eq!(again.map(|d| d.text), Some("Half a thought".into()));
}

/// A terminal whose input fails after its script.
struct Failing(Scripted);

impl Console for Failing {
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> Result<()> {
        self.0.draw(render)
    }
    fn clear(&mut self) -> Result<()> {
        self.0.clear()
    }
    fn next_event(&mut self, timeout: Duration) -> Result<Option<Event>> {
        if self.0.script.is_empty() {
            return Err(Error::Terminal(std::io::Error::other(
                "the terminal is gone",
            )));
        }
        self.0.next_event(timeout)
    }
    fn size(&self) -> Option<(u16, u16)> {
        self.0.size()
    }
    fn stopped(&self) -> bool {
        false
    }
    fn suspend_asked(&mut self) -> bool {
        self.0.suspend_asked()
    }
    fn set_mouse(&mut self, on: bool) {
        self.0.set_mouse(on);
    }
    fn copy(&mut self, text: &str) {
        self.0.copy(text);
    }
    fn edit_externally(
        &mut self,
        text: &str,
    ) -> std::result::Result<String, crate::app::action::EditFailed> {
        self.0.edit_externally(text)
    }
    fn suspend(&mut self) -> Result<()> {
        self.0.suspend()
    }
}

#[test]
fn a_failing_terminal_still_keeps_the_note_being_written_and_the_position() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let text = essay(30);
    let opening = ready(home.path(), &text);
    let mut console = Failing(Scripted::new(100, 30).keys("jjj}aUnfinished"));
    let result = run_on(&mut console, opening);
    assert!(
        matches!(result, Err(Error::Terminal(_))),
        "{:?}",
        result.err()
    );
    let draft = stores(home.path(), &text).notes.read_draft();
    assert_eq!(draft.map(|d| d.text), Some("Unfinished".into()));
    assert!(
        home.path().join("positions").is_dir(),
        "the position is kept"
    );
}

/// Ctrl-Z asks the terminal to suspend margin; when margin is continued the whole screen
/// is drawn again, as it was, and the mouse is the reader's again.
#[test]
fn ctrl_z_suspends_the_reader_and_redraws_it_on_return() {
    let text = essay(60);
    // Each run in a home of its own: the second must not start where the first stopped.
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut before = Scripted::new(100, 30).keys("jj").idle(1);
    run_on(&mut before, ready(home.path(), &text)).expect("the reader runs");
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut console = Scripted::new(100, 30).keys("jj").ctrl('z').idle(1);
    run_on(&mut console, ready(home.path(), &text)).expect("the reader runs");
    let suspended = console.calls.iter().position(|&c| c == "suspend");
    let suspended = suspended.expect("Ctrl-Z suspends margin");
    assert_eq!(console.calls.iter().filter(|&&c| c == "suspend").count(), 1);
    assert!(
        console.calls[suspended..].contains(&"draw"),
        "a frame after coming back: {:?}",
        console.calls
    );
    assert_eq!(console.screen(), before.screen(), "back exactly as it was");
    assert!(
        console.screen().contains("Paragraph"),
        "{}",
        console.screen()
    );
    assert_eq!(console.mouse, vec![true, true], "the mouse taken again");
}

/// `kill -TSTP` from outside suspends margin as Ctrl-Z does (the terminal put back first),
/// rather than stopping it with the terminal raw; once continued, the screen is as it was.
#[test]
fn sigtstp_from_outside_suspends_the_reader_as_ctrl_z_does() {
    let text = essay(60);
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut before = Scripted::new(100, 30).keys("jj").idle(1);
    run_on(&mut before, ready(home.path(), &text)).expect("the reader runs");
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut console = Scripted::new(100, 30).keys("jj").tstp().idle(1);
    run_on(&mut console, ready(home.path(), &text)).expect("the reader runs");
    assert_eq!(
        console.calls.iter().filter(|&&c| c == "suspend").count(),
        1,
        "{:?}",
        console.calls
    );
    assert_eq!(console.screen(), before.screen(), "back exactly as it was");
    assert_eq!(console.mouse, vec![true, true], "the mouse taken again");
}

#[test]
fn ctrl_z_suspends_the_library_and_redraws_it_on_return() {
    let (_tx, described) = mpsc::channel();
    let screen = super::LibraryScreen {
        lib: library_of(&["a.md", "b.md"]),
        cache: Cache::default(),
        cache_file: None,
        described,
        opener: &Vanishing,
        wpm: 250.0,
    };
    let mut console = Scripted::new(100, 30).keys("j").ctrl('z').idle(1);
    let theme = theme();
    Runner::new(&mut console, &theme)
        .with_library(screen)
        .run()
        .expect("the library runs");
    let suspended = console.calls.iter().position(|&c| c == "suspend");
    let suspended = suspended.expect("Ctrl-Z suspends margin");
    assert!(
        console.calls[suspended..].contains(&"draw"),
        "{:?}",
        console.calls
    );
    let screen = console.screen();
    assert!(
        screen.contains("Essay a.md") && screen.contains("Essay b.md"),
        "{screen}"
    );
}

/// Opens every essay as the same short essay, read whole, its stores in a folder.
struct Short(PathBuf);

impl Opener for Short {
    fn open(&self, _path: &Path) -> std::result::Result<Opening, String> {
        Ok(ready(&self.0, &essay(30)))
    }
}

#[test]
fn a_theme_switched_while_reading_stays_for_the_library_and_the_next_essay() {
    use crate::ui::theme::PAPER;
    use ratatui::style::Color;
    let home = tempfile::tempdir().expect("a temporary folder");
    let opener = Short(home.path().to_path_buf());
    let screen = |opener| {
        let (_tx, described) = mpsc::channel();
        super::LibraryScreen {
            lib: library_of(&["a.md"]),
            cache: Cache::default(),
            cache_file: None,
            described,
            opener,
            wpm: 250.0,
        }
    };
    let backgrounds = |console: &Scripted| -> Vec<Color> {
        let mut bgs: Vec<Color> = console
            .terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.bg)
            .collect();
        bgs.dedup();
        bgs
    };
    // Dark (the options' default) to light while reading, then back to the library.
    let mut console = Scripted::new(100, 30).keys("\nTq").idle(1);
    let theme = theme();
    Runner::new(&mut console, &theme)
        .with_library(screen(&opener))
        .run()
        .expect("the library runs");
    assert!(console.screen().contains("Essay a.md"), "the library");
    let shown = backgrounds(&console);
    assert!(
        shown.contains(&PAPER) && !shown.contains(&Color::Reset),
        "the library is light too: {shown:?}"
    );
    // The next essay starts light, and T goes on from there: the terminal's colours.
    let mut console = Scripted::new(100, 30).keys("\nT\nT").idle(1);
    Runner::new(&mut console, &theme)
        .with_library(screen(&opener))
        .run()
        .expect("the library runs");
    let screen = console.screen();
    assert!(screen.contains("Theme: terminal."), "{screen}");
    assert!(!backgrounds(&console).contains(&PAPER));
}
