//! The reader's state and the one function that changes it. `update` is pure: it performs
//! no I/O and returns [`Effect`]s for the runner (saving the position, capturing the mouse).
//! State is split by pane: the text view, the outline, the search; this module ties them.

pub mod action;
pub mod areas;
pub mod document;
mod handover;
pub mod help;
pub mod jumps;
pub mod keymap;
pub mod library;
pub mod line_edit;
pub mod links;
pub mod notes;
pub mod notes_update;
pub mod opening;
pub mod search;
pub mod selection;
mod selection_update;
pub mod sidebar;
pub mod step;
mod update;
pub mod view;

use ratatui::layout::Rect;

pub use action::{Action, Effect, Pane};
pub use update::update;

use crate::essay::stats;
use crate::layout::Pos;
use crate::store::position::Position;
use areas::{Areas, DOCK_WIDTH};
use document::Document;
use search::Search;
use sidebar::Sidebar;
use view::TextView;

/// How the reader was asked to open.
#[derive(Debug, Clone)]
pub struct Options {
    /// Widest text measure, in columns.
    pub max_measure: usize,
    pub justify: bool,
    /// Colourless theme (`NO_COLOR`).
    pub no_color: bool,
    /// The theme drawn (under `NO_COLOR`, the colourless one whatever this says).
    pub theme: crate::config::ThemeName,
    /// Reading speed, words a minute.
    pub wpm: f64,
    /// The outline starts open on wide terminals.
    pub sidebar: bool,
    /// The notes pane starts open on wide terminals (`None`: from 130 columns).
    pub notes: Option<bool>,
    /// How Markdown essays' punctuation is set (the reader parses essays it opens).
    pub typography: crate::essay::Typography,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_measure: 72,
            justify: false,
            no_color: false,
            theme: crate::config::ThemeName::Dark,
            wpm: crate::essay::stats::WORDS_PER_MINUTE,
            sidebar: true,
            notes: None,
            typography: crate::essay::Typography::Smart,
        }
    }
}

pub struct App {
    pub doc: Document,
    pub options: Options,
    pub view: TextView,
    pub sidebar: Sidebar,
    pub notes_open: bool,
    pub notes: notes::Notes,
    /// Words being selected in the text (`v`), for a highlight, a note or a quotation.
    pub selection: Option<selection::Selection>,
    /// A question on the status line, waiting for y or n.
    pub confirm: Option<notes::Confirm>,
    pub search: Search,
    /// The pane that has the keyboard.
    pub focus: Pane,
    pub help: bool,
    /// First row of the help shown.
    pub help_scroll: usize,
    /// A message for the status line, until the next key.
    pub message: Option<String>,
    /// Whether margin has the mouse (else the terminal's own selection works).
    pub mouse: bool,
    pub quit: bool,
    /// Quit margin, not just this essay (Ctrl-C).
    pub quit_all: bool,
    /// Sections whose end has been on screen.
    pub read: Vec<bool>,
    pub size: Rect,
    pub areas: Areas,
    /// A section to open at once the screen's size is known (`--section`).
    pub pending_section: Option<usize>,
    /// Whether side panes sit beside the text (wide terminal) rather than over it; `None`
    /// before the first layout.
    docked: Option<bool>,
    /// Which panes the reader wants beside the text on a wide terminal.
    pub prefer_sidebar: bool,
    pub prefer_notes: bool,
    /// The reader asked for the end while only the start of the essay was read: go there
    /// when the rest arrives.
    pub pending_bottom: bool,
    /// The reader moved while only the start of a long essay was read: a kept position
    /// must not pull them back.
    pub moved_before_whole: bool,
    /// Why the reader closed on its own (the rest of the essay could not be read).
    pub failed: Option<String>,
    pub timers: opening::Timers,
    /// The reader has pressed a key (clicked, scrolled, pasted) since opening.
    pub input_seen: bool,
    /// The focused passage's links, listed over the text (`o`).
    pub links: Option<links::LinkList>,
    /// Footnotes shown over the text (`f`).
    pub footnote: Option<links::FootnotePopup>,
    /// Where big moves left from, for `Ctrl-O` and `Ctrl-N`.
    pub jumps: jumps::Jumps,
    /// The most of the essay ever read (a percentage), kept with the position.
    pub furthest: u8,
}

impl App {
    pub fn new(doc: Document, options: Options) -> App {
        let view = TextView::new(
            &doc,
            options.max_measure,
            options.max_measure,
            options.justify,
        );
        let sidebar = Sidebar::new(&doc.essay, true);
        let read = vec![false; doc.essay.sections.len()];
        App {
            view,
            sidebar,
            notes_open: false,
            notes: notes::Notes::default(),
            selection: None,
            confirm: None,
            search: Search::default(),
            focus: Pane::Text,
            help: false,
            help_scroll: 0,
            message: None,
            mouse: true,
            quit: false,
            quit_all: false,
            read,
            size: Rect::default(),
            areas: Areas::default(),
            pending_section: None,
            docked: None,
            prefer_sidebar: options.sidebar,
            prefer_notes: options.notes.unwrap_or(false),
            pending_bottom: false,
            moved_before_whole: false,
            failed: None,
            timers: opening::Timers::default(),
            input_seen: false,
            links: None,
            footnote: None,
            jumps: jumps::Jumps::default(),
            furthest: 0,
            options,
            doc,
        }
    }

    /// The reading position to keep.
    pub fn position(&self) -> Position {
        let read = self
            .read
            .iter()
            .zip(&self.doc.essay.sections)
            .filter(|(r, _)| **r)
            .map(|(_, s)| s.title.clone())
            .collect();
        let mut position = Position::new(&self.doc, self.view.top_anchor(), self.view.focus, read);
        position.at_start = self.view.at_start();
        position.percent = u8::try_from(self.percent().min(100)).unwrap_or(100);
        position.furthest = self.furthest.max(position.percent);
        position
    }

    /// Goes back to a kept position and says where that is.
    pub(crate) fn restore(&mut self, position: &Position) {
        for (r, s) in self.read.iter_mut().zip(&self.doc.essay.sections) {
            *r = position.read.contains(&s.title);
        }
        let anchor = position.top.locate(&self.doc);
        let pos = if position.at_start {
            self.view.start()
        } else {
            self.view.pos_of(anchor)
        };
        self.view.jump_to(pos);
        if let Some(focus) = &position.focus {
            let block = focus.locate(&self.doc).block;
            if self.doc.is_passage(block) {
                self.view.focus = block;
                self.view.follow_focus();
            }
        }
        self.after_move();
        if !self.view.at_start() {
            let section = &self.doc.essay.sections[self.view.current_section()].title;
            self.message = Some(format!(
                "Back where you left off: {section}, {}% read",
                self.percent()
            ));
        }
    }

    /// Takes the essay's notes as stored.
    pub(crate) fn load_notes(&mut self, notes: Vec<crate::notes::Note>) {
        self.notes.load(notes, &self.doc);
    }

    /// Opens at section `section` (an index into the essay's sections).
    pub fn open_at_section(&mut self, section: usize) {
        let pos = self.view.section_start(section);
        self.view.jump_to(pos);
        self.after_move();
    }

    /// Percentage of the essay's words above the bottom of the screen (words, not lines:
    /// counting lines would mean wrapping the whole essay).
    pub fn percent(&self) -> usize {
        let bottom = self.view.bottom();
        if bottom >= self.view.end() {
            return 100;
        }
        let total = self.doc.total_words().max(1);
        self.view.words_above(&self.doc, bottom) * 100 / total
    }

    /// Minutes of reading below the screen.
    pub fn minutes_left(&self) -> String {
        let bottom = self.view.bottom();
        let below = match self.view.layout.block_at(bottom) {
            Some(b) if bottom < self.view.end() => {
                self.doc.total_words() - self.doc.words_before[b]
            }
            _ => 0,
        };
        if below == 0 {
            "the end".to_string()
        } else {
            format!("{} left", stats::minutes_label(below, self.options.wpm))
        }
    }

    /// Marks as read the sections the reader scrolled through: those whose end passed above
    /// the top of the screen since `from` was at the top, and, once the end of the essay
    /// is on screen, the sections that end there.
    pub(crate) fn mark_read(&mut self, from: Pos) {
        let view = &self.view;
        let (top, bottom, total) = (view.top, view.bottom(), view.end());
        // Only the sections between `from` and the top can have ended in between.
        let first = view.section_at(from.min(top));
        for i in first..self.read.len() {
            let end = if i + 1 < self.read.len() {
                view.section_start(i + 1)
            } else {
                total
            };
            if end > top && bottom < total {
                break;
            }
            if (from < end && end <= top) || (bottom >= total && end >= total && from < top) {
                self.read[i] = true;
            }
        }
    }

    /// Everything that follows the text moving: the outline's selection, and how far the
    /// reader has got (not while only the start of a long essay is read: its percentage
    /// would count the missing middle as read).
    fn after_move(&mut self) {
        if !self.doc.partial {
            let percent = u8::try_from(self.percent().min(100)).unwrap_or(100);
            self.furthest = self.furthest.max(percent);
        }
        if self.focus != Pane::Sidebar {
            let current = self.view.current_section();
            self.sidebar.select_section(&self.doc.essay, current);
        }
        self.sidebar.scroll_into_view(
            self.areas
                .sidebar_rows()
                .map_or(1, |r| usize::from(r.height)),
        );
    }

    /// Lays the screen out again for `size`.
    pub(crate) fn relayout(&mut self) {
        // Crossing the docking width: beside the text, panes are as the reader left them;
        // over it, they start closed (they would hide the text). A note being written or
        // the notes search being typed keeps the notes pane open and the keyboard in it:
        // the keys would otherwise go on into a pane no longer shown.
        let docked = self.size.width >= DOCK_WIDTH;
        if self.docked != Some(docked) {
            self.docked = Some(docked);
            let writing = self.notes.editor.is_some() || self.notes.filtering;
            self.sidebar.open = docked && self.prefer_sidebar;
            let notes_default = self.options.notes.unwrap_or(self.size.width >= 130);
            self.notes_open = writing || (docked && (self.prefer_notes || notes_default));
            let focus_shown = match self.focus {
                Pane::Text => true,
                Pane::Sidebar => docked && self.sidebar.open,
                Pane::Notes => docked && self.notes_open,
            };
            if writing {
                self.focus = Pane::Notes;
            } else if !focus_shown {
                self.focus = Pane::Text;
            }
        }
        let areas = Areas::compute(
            self.size,
            self.sidebar.open,
            self.notes_open,
            u16::try_from(self.options.max_measure).unwrap_or(u16::MAX),
            self.sidebar.wanted_width(&self.doc),
        );
        self.areas = areas;
        if areas.too_small {
            return;
        }
        self.view.height = usize::from(areas.body.height).max(1);
        self.view.set_measure(usize::from(areas.body.width).max(1));
        if let Some(section) = self.pending_section.take() {
            self.open_at_section(section);
        }
        self.after_move();
    }

    /// What has the keyboard now.
    pub fn mode(&self) -> keymap::Mode {
        if self.areas.too_small {
            keymap::Mode::TooSmall
        } else if self.confirm.is_some() {
            keymap::Mode::Confirm
        } else if self.notes.editor.is_some() {
            keymap::Mode::Editor
        } else if self.notes.filtering {
            keymap::Mode::Filter
        } else if self.help {
            keymap::Mode::Help
        } else if self.links.is_some() {
            keymap::Mode::Links
        } else if self.footnote.is_some() {
            keymap::Mode::Footnote
        } else if self.search.prompt.is_some() {
            keymap::Mode::Prompt
        } else if self.selection.is_some() {
            keymap::Mode::Selection
        } else {
            keymap::Mode::Pane(self.focus)
        }
    }

    /// Panes that can take the keyboard, in Tab order.
    fn panes(&self) -> Vec<Pane> {
        let mut panes = Vec::new();
        if self.areas.sidebar.is_some() {
            panes.push(Pane::Sidebar);
        }
        panes.push(Pane::Text);
        if self.areas.notes.is_some() {
            panes.push(Pane::Notes);
        }
        panes
    }
}
