//! The terminal side of margin: the [`Console`] it draws on and reads keys from, the one
//! runner that drives every screen, and the worker that keeps an essay's stores.
//!
//! Nothing here decides what a key means or what the reader sees: that is `app` (state and
//! `update`) and `ui` (drawing). This module moves events in and effects out.

pub mod browser;
pub mod clipboard;
mod input;
mod runner;
pub mod storage;
mod terminal;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::Event;
use ratatui::Frame;

use crate::app::App;
use crate::app::document::Document;
use crate::app::library::Library;
use crate::app::opening::Opened;
use crate::error::Result;
use crate::library::cache::Cache;
use crate::ui::theme::Theme;
pub use runner::{LibraryScreen, Runner};
pub use storage::Stores;
pub use terminal::{check_terminal, restore_terminal};

/// What the runner needs of a terminal. The real one is crossterm's; tests drive the
/// runner with a scripted one over ratatui's `TestBackend`.
pub trait Console {
    /// Draws a frame.
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> Result<()>;
    /// Clears the screen (between screens).
    fn clear(&mut self) -> Result<()>;
    /// The next event within `timeout`, if one comes.
    fn next_event(&mut self, timeout: Duration) -> Result<Option<Event>>;
    /// The terminal's size now; `None` when it is gone (its window closed).
    fn size(&self) -> Option<(u16, u16)>;
    /// A signal asked margin to stop.
    fn stopped(&self) -> bool;
    /// A `SIGTSTP` from outside (`kill -TSTP`, or Ctrl-Z while the terminal was not in raw
    /// mode) came since the last call: margin suspends as for Ctrl-Z. Asking forgets it.
    fn suspend_asked(&mut self) -> bool;
    /// Takes the mouse (true) or gives it back to the terminal.
    fn set_mouse(&mut self, on: bool);
    /// Asks the terminal to put `text` on the clipboard (OSC 52); it never says whether it did.
    fn copy(&mut self, text: &str);
    /// Lets the reader write `text` in their own editor; returns what they left.
    fn edit_externally(
        &mut self,
        text: &str,
    ) -> std::result::Result<String, crate::app::action::EditFailed>;
    /// Gives the terminal back to the shell and stops margin (Ctrl-Z); returns once it is
    /// continued (`fg`), with the terminal taken again and cleared for a full frame.
    fn suspend(&mut self) -> Result<()>;
    /// Opens a web or mail address in the reader's browser, which never gets the terminal.
    fn open_link(&mut self, address: &str) -> std::result::Result<(), String> {
        browser::open(address)
    }
}

/// The whole essay, its stores and what they hold, read in the background while the reader
/// shows its start; with what reading it found wrong but could get past.
pub type Loaded = Result<(Document, Stores, Opened, Vec<String>)>;

/// Starts reading the rest of a long essay on another thread; called once the first frame
/// is on screen, so that the reading does not compete with it for the processor.
pub type ReadRest = Box<dyn FnOnce() -> std::sync::mpsc::Receiver<Loaded>>;

/// An essay opened for the reader.
pub enum Opening {
    /// Read whole, with its stores and what they hold.
    Ready(Box<(App, Stores, Opened)>),
    /// A long essay: the reader on its start and end, and the rest to come.
    Loading(Box<App>, ReadRest),
}

/// What the library needs to open an essay in the reader.
pub trait Opener {
    /// Loads the essay at `path` (or starts to) and prepares its reader, or says why not.
    fn open(&self, path: &Path) -> std::result::Result<Opening, String>;
}

/// Runs the reader on one essay until the reader quits or a signal ends it.
pub fn read(opening: Opening, path: Option<PathBuf>, theme: &Theme) -> Result<()> {
    let mut console = terminal::Crossterm::open()?;
    let mut runner = Runner::new(&mut console, theme).with_essay(opening, path);
    let result = runner.run();
    let after = std::mem::take(&mut runner.after);
    drop(console);
    say(&after);
    result
}

/// The library screen, then the reader on the essay chosen, then back, until the reader
/// quits. Essays not in the cache are read in the background while the list is shown.
pub fn library(
    lib: Library,
    cache: Cache,
    opener: &dyn Opener,
    theme: &Theme,
    wpm: f64,
) -> Result<()> {
    let mut console = terminal::Crossterm::open()?;
    let described = describe_in_background(&lib);
    let screen = LibraryScreen {
        lib,
        cache,
        cache_file: Cache::file(),
        described,
        opener,
        wpm,
    };
    let mut runner = Runner::new(&mut console, theme).with_library(screen);
    let result = runner.run();
    let after = std::mem::take(&mut runner.after);
    drop(console);
    say(&after);
    result
}

/// Reads the essays the cache does not know, off the drawing thread, most recently opened
/// first.
/// An essay's summary read in the background, with its reading state when that was found
/// by the essay's words (it was renamed since it was last opened).
pub type Described = (
    PathBuf,
    crate::library::cache::About,
    Option<crate::library::ReadingState>,
);

fn describe_in_background(lib: &Library) -> std::sync::mpsc::Receiver<Described> {
    let (tx, rx) = std::sync::mpsc::channel();
    let pending: Vec<PathBuf> = lib
        .entries
        .iter()
        .filter(|e| e.about.is_none())
        .map(|e| e.path.clone())
        .collect();
    std::thread::spawn(move || {
        let kept = crate::store::data_dir().map(|data| {
            let records = crate::store::records::load(&data);
            (data, records)
        });
        for path in pending {
            let (about, state) = crate::library::describe(&path, kept.as_ref());
            if tx.send((path, about, state)).is_err() {
                return;
            }
        }
    });
    rx
}

/// What margin left to say, once the screen is the shell's again.
fn say(after: &[String]) {
    for line in after {
        eprintln!("margin: {line}");
    }
}
