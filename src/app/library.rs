//! The library screen's state and its update: a list of essays to choose from, filtered as
//! the reader types, with the selected essay's outline beside it.

use std::path::{Path, PathBuf};

use super::step::Step;
use crate::library::cache::About;
use crate::library::{self, Entry};

/// One thing the reader asked of the library, or that happened to it.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryAction {
    /// Move the selection by this many rows (negative: up).
    Select(i64),
    /// Move the selection by this many screens of rows.
    SelectPages(i64),
    /// Select the first essay.
    First,
    /// Select the last essay.
    Last,
    /// Show the library's keys, or hide them.
    ToggleHelp,
    /// Start finding essays by title.
    StartFilter,
    /// Type into the title filter.
    FilterInput(char),
    /// Delete the last character of the filter.
    FilterBackspace,
    /// Text pasted into the filter.
    FilterPaste(String),
    /// Keep the filter and close its prompt.
    FilterSubmit,
    /// Cancel the filter prompt, or clear the filter.
    Escape,
    /// Open the selected essay.
    Open,
    /// Leave margin.
    Quit,
    /// Hand the terminal back to the shell and stop (Ctrl-Z); `fg` brings the library back.
    Suspend,
    /// The terminal is now this many rows high.
    Resize { height: u16 },
    /// An essay's summary arrived from the background reader.
    Described(PathBuf, About),
    /// The reader closed an essay: its reading state, read again.
    Returned(PathBuf, library::ReadingState),
    /// An essay could not be opened, or closed on a failure (why).
    Failed(String),
}

/// Work for the runner.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryEffect {
    /// Open this essay in the reader.
    Open(PathBuf),
    /// Keep this essay's summary in the cache.
    Remember(PathBuf, Box<About>),
    /// Every essay is described: keep the summaries for next time.
    SaveCache,
    /// Give the terminal back to the shell and stop; take it again on `fg`.
    Suspend,
}

pub struct Library {
    pub folder: PathBuf,
    pub entries: Vec<Entry>,
    /// Indices of the entries shown (through the filter), in order.
    pub shown: Vec<usize>,
    /// Selected row of `shown`.
    pub selected: usize,
    /// The reader has moved the selection. Until then it stays on the first row while
    /// summaries arrive and re-sort the list (on a first run, with no cache, every title
    /// arrives late and would otherwise carry the cursor away from the top).
    pub chosen: bool,
    pub filter: String,
    pub filtering: bool,
    /// Essays still being read for their titles.
    pub pending: usize,
    /// Why the folder could not be listed.
    pub error: Option<String>,
    pub message: Option<String>,
    /// Rows of the list on screen (a page).
    pub rows: usize,
    /// The reader asked to leave.
    pub quit: bool,
    /// The library's keys are shown over the list; any key hides them.
    pub help: bool,
}

impl Library {
    pub fn new(folder: PathBuf, entries: Vec<Entry>, error: Option<String>) -> Library {
        let pending = entries.iter().filter(|e| e.about.is_none()).count();
        let mut lib = Library {
            folder,
            entries,
            shown: Vec::new(),
            selected: 0,
            chosen: false,
            filter: String::new(),
            filtering: false,
            pending,
            error,
            message: None,
            rows: 1,
            quit: false,
            help: false,
        };
        lib.refresh();
        lib
    }

    /// Re-sorts and re-filters, keeping the selected essay selected.
    pub fn refresh(&mut self) {
        let selected = self
            .selected_entry()
            .filter(|_| self.chosen)
            .map(|e| e.path.clone());
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

    fn step(&mut self, step: Step) {
        self.selected = step.in_list(self.selected, self.shown.len());
        self.chosen = true;
    }
}

/// Rows of the list on a screen of `height` (title, header, footer taken): a page.
pub fn list_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(5)).max(1)
}

/// Applies `action` to the library and returns what the runner must do.
pub fn update(lib: &mut Library, action: LibraryAction) -> Vec<LibraryEffect> {
    let from_outside = matches!(
        action,
        LibraryAction::Resize { .. }
            | LibraryAction::Described(..)
            | LibraryAction::Returned(..)
            | LibraryAction::Failed(_)
    );
    if !from_outside {
        lib.message = None;
        // Over the list, the keys are only read: whatever key comes next puts them away
        // (`?`, `Esc` and `q` as much as any), and does nothing else.
        if lib.help {
            lib.help = false;
            return Vec::new();
        }
    }
    match action {
        LibraryAction::Select(n) => lib.step(Step::By(n)),
        LibraryAction::SelectPages(n) => lib.step(Step::By(n * lib.rows as i64)),
        LibraryAction::First => lib.step(Step::First),
        LibraryAction::Last => lib.step(Step::Last),
        LibraryAction::ToggleHelp => lib.help = true,
        LibraryAction::StartFilter => lib.filtering = true,
        LibraryAction::FilterInput(c) => {
            lib.filter.push(c);
            lib.refresh();
        }
        LibraryAction::FilterPaste(text) => {
            lib.filter.push_str(&crate::sanitize::pasted_line(&text));
            lib.refresh();
        }
        LibraryAction::FilterBackspace => {
            lib.filter.pop();
            lib.refresh();
        }
        LibraryAction::FilterSubmit => lib.filtering = false,
        LibraryAction::Escape => {
            lib.filtering = false;
            lib.filter.clear();
            lib.refresh();
        }
        LibraryAction::Open => return open(lib),
        LibraryAction::Quit => lib.quit = true,
        LibraryAction::Suspend => return vec![LibraryEffect::Suspend],
        LibraryAction::Resize { height } => lib.rows = list_rows(height),
        LibraryAction::Described(path, about) => return described(lib, &path, about),
        LibraryAction::Returned(path, state) => {
            // The essay just read stays selected.
            lib.chosen = true;
            if let Some(e) = lib.entries.iter_mut().find(|e| e.path == path) {
                e.state = state;
            }
            lib.refresh();
        }
        LibraryAction::Failed(why) => lib.message = Some(why),
    }
    Vec::new()
}

fn open(lib: &mut Library) -> Vec<LibraryEffect> {
    let Some(entry) = lib.selected_entry() else {
        return Vec::new();
    };
    if let Some(err) = entry.about.as_ref().and_then(|a| a.error.clone()) {
        lib.message = Some(err);
        return Vec::new();
    }
    vec![LibraryEffect::Open(entry.path.clone())]
}

/// An essay's summary arrived from the background reader.
fn described(lib: &mut Library, path: &Path, about: About) -> Vec<LibraryEffect> {
    let mut effects = vec![LibraryEffect::Remember(
        path.to_path_buf(),
        Box::new(about.clone()),
    )];
    if let Some(e) = lib.entries.iter_mut().find(|e| e.path == path) {
        if e.about.is_none() {
            lib.pending = lib.pending.saturating_sub(1);
        }
        e.about = Some(about);
    }
    lib.refresh();
    if lib.pending == 0 {
        effects.push(LibraryEffect::SaveCache);
    }
    effects
}
