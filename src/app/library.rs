//! The library screen's state and its update: a list of essays to choose from, filtered as
//! the reader types, with the selected essay's outline beside it.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::library::cache::About;
use crate::library::{self, Entry};

/// Keys of the library, for its footer and the README.
pub static LIBRARY_KEYS: &[(&str, &str)] = &[
    ("j k ↑ ↓", "choose"),
    ("Enter", "open"),
    ("/", "find by title"),
    ("q Ctrl-C", "quit"),
];

pub struct Library {
    pub folder: PathBuf,
    pub entries: Vec<Entry>,
    /// Indices of the entries shown (through the filter), in order.
    pub shown: Vec<usize>,
    /// Selected row of `shown`.
    pub selected: usize,
    pub filter: String,
    pub filtering: bool,
    /// Essays still being read for their titles.
    pub pending: usize,
    /// Why the folder could not be listed.
    pub error: Option<String>,
    pub message: Option<String>,
}

/// What the reader chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Open(PathBuf),
    Quit,
}

impl Library {
    pub fn new(folder: PathBuf, entries: Vec<Entry>, error: Option<String>) -> Library {
        let pending = entries.iter().filter(|e| e.about.is_none()).count();
        let mut lib = Library {
            folder,
            entries,
            shown: Vec::new(),
            selected: 0,
            filter: String::new(),
            filtering: false,
            pending,
            error,
            message: None,
        };
        lib.refresh();
        lib
    }

    /// Re-sorts and re-filters, keeping the selected essay selected.
    pub fn refresh(&mut self) {
        let selected = self.selected_entry().map(|e| e.path.clone());
        library::sort(&mut self.entries);
        self.shown = library::filter(&self.entries, &self.filter);
        self.selected = selected
            .and_then(|p| self.shown.iter().position(|&i| self.entries[i].path == p))
            .unwrap_or(0)
            .min(self.shown.len().saturating_sub(1));
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.shown.get(self.selected).map(|&i| &self.entries[i])
    }

    /// An essay's summary arrived from the background reader.
    pub fn described(&mut self, path: PathBuf, about: About) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.path == path) {
            if e.about.is_none() {
                self.pending = self.pending.saturating_sub(1);
            }
            e.about = Some(about);
        }
    }

    /// A key in the library; returns what the reader chose, if anything.
    pub fn key(&mut self, key: KeyEvent, rows: usize) -> Option<Choice> {
        self.message = None;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('c') {
            return Some(Choice::Quit);
        }
        if self.filtering {
            match key.code {
                KeyCode::Esc => {
                    self.filtering = false;
                    self.filter.clear();
                }
                KeyCode::Enter => self.filtering = false,
                KeyCode::Backspace => {
                    self.filter.pop();
                }
                KeyCode::Char(c) if !ctrl => self.filter.push(c),
                KeyCode::Down => self.step(1),
                KeyCode::Up => self.step(-1),
                _ => return None,
            }
            self.refresh();
            return None;
        }
        match key.code {
            KeyCode::Char('q') => return Some(Choice::Quit),
            KeyCode::Char('j') | KeyCode::Down => self.step(1),
            KeyCode::Char('k') | KeyCode::Up => self.step(-1),
            KeyCode::PageDown | KeyCode::Char(' ') => self.step(rows as i64),
            KeyCode::PageUp | KeyCode::Char('b') => self.step(-(rows as i64)),
            KeyCode::Char('g') | KeyCode::Home => self.selected = 0,
            KeyCode::Char('G') | KeyCode::End => self.selected = self.shown.len().saturating_sub(1),
            KeyCode::Char('/') => self.filtering = true,
            KeyCode::Esc => {
                self.filter.clear();
                self.refresh();
            }
            KeyCode::Enter => {
                let entry = self.selected_entry()?;
                if let Some(err) = entry.about.as_ref().and_then(|a| a.error.clone()) {
                    self.message = Some(err);
                    return None;
                }
                return Some(Choice::Open(entry.path.clone()));
            }
            _ => {}
        }
        None
    }

    fn step(&mut self, delta: i64) {
        let last = self.shown.len().saturating_sub(1) as i64;
        self.selected = (self.selected as i64 + delta).clamp(0, last.max(0)) as usize;
    }
}
