//! The notes pane's state: the essay's notes and where each now sits, which are listed,
//! which is selected, the editor, and what waits for a yes or no.

use std::collections::HashMap;

use ratatui_textarea::{TextArea, WrapMode};

use super::document::Document;
use crate::notes::{Note, Placement, State, passage};

/// Which notes the pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The notes of the section at the top of the text.
    Section,
    /// Every note, grouped by section.
    All,
}

/// A note being written.
pub struct Editor {
    pub textarea: TextArea<'static>,
    /// The note being changed, or `None` for a new note.
    pub note: Option<String>,
    /// The passage the note belongs to.
    pub block: usize,
    /// The exact passage marked, for a note on a selection (`None`: the whole paragraph).
    pub passage: Option<crate::notes::passage::Passage>,
    /// The text came back from a draft kept on disk: saving or throwing it away lets the
    /// draft go (until then it stays, should this window stop too).
    pub from_draft: bool,
}

impl Editor {
    /// An editor holding `text`: a stored note's, or what an outside editor left. Either may
    /// hold what the terminal must not see, so it is sanitized first.
    pub fn new(text: &str, note: Option<String>, block: usize) -> Editor {
        let text = crate::sanitize::sanitize(text);
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(ratatui::style::Style::default());
        textarea.set_placeholder_text("Write your note…");
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            textarea,
            note,
            block,
            passage: None,
            from_draft: false,
        }
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }
}

/// A question waiting for `y` or `n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteNote(String),
    DiscardEdit,
    QuitUnsaved,
    /// Open this address in the browser.
    OpenLink(String),
}

impl Confirm {
    pub fn question(&self) -> std::borrow::Cow<'static, str> {
        match self {
            Confirm::OpenLink(address) => {
                format!("Open {}? y/N", crate::sanitize::sanitize(address)).into()
            }
            Confirm::DeleteNote(_) => "Delete this note? (u undoes) y/n".into(),
            Confirm::DiscardEdit => "Throw away what you typed? y/n".into(),
            Confirm::QuitUnsaved => {
                "Notes are not saved. Quit anyway, writing them to a rescue file? y/n".into()
            }
        }
    }
}

#[derive(Default)]
pub struct Notes {
    /// Every note, deleted ones (tombstones) included.
    pub all: Vec<Note>,
    /// Where each live note sits now, by id.
    pub placed: HashMap<String, Placement>,
    /// The exact passages of notes on part of the text (highlights) found now, by id.
    pub spans: HashMap<String, crate::notes::passage::Span>,
    pub view_all: bool,
    /// Selected row of the listed notes.
    pub selected: usize,
    /// Notes search: shown notes contain this text or tag.
    pub filter: String,
    /// The notes search prompt is open.
    pub filtering: bool,
    pub editor: Option<Editor>,
    /// Deleted notes, most recent last, for `u`.
    pub undo: Vec<Note>,
    /// Why notes are not saved, while they are not.
    pub unsaved: Option<String>,
    /// The pane that had the keys when the editor opened, to give them back to.
    pub return_to: Option<super::Pane>,
    /// A draft kept when margin was last stopped, waiting for a prompt or overlay to close
    /// before it goes back into the editor.
    pub waiting_draft: Option<crate::notes::draft::Draft>,
    /// What to say as each change sent to the store is saved, oldest first.
    pub saving: std::collections::VecDeque<&'static str>,
    /// Live notes per block, for the gutter marks.
    pub per_block: HashMap<usize, usize>,
    /// Live notes per section, for the outline.
    pub per_section: Vec<usize>,
    /// Each live note's tags, by id (none for a note without): found once a change, not
    /// in every frame's pass over a note that may run to megabytes.
    tags: HashMap<String, Vec<String>>,
    /// The live notes in text order, each as (its block, its index in `all`): sorted once a
    /// change, so listing thousands of notes for a key or a frame is one pass.
    order: Vec<(usize, usize)>,
    /// The passages in `spans`, by the block they start in, and how many blocks the
    /// longest runs over: a frame finds a block's marks without going through them all.
    by_block: Vec<crate::notes::passage::Span>,
    widest: usize,
}

impl Notes {
    /// Takes the notes as stored and places each in `doc`.
    pub fn load(&mut self, notes: Vec<Note>, doc: &Document) {
        self.all = notes;
        self.placed.clear();
        self.spans.clear();
        self.place_missing(doc);
    }

    /// Places notes that have no placement yet (new, or from another window).
    pub fn place_missing(&mut self, doc: &Document) {
        let placer = passage::Placer::new(&doc.essay, doc.plain());
        for note in self.all.iter().filter(|n| !n.is_deleted()) {
            if !self.placed.contains_key(&note.id) {
                let (p, span) = placer.place(note);
                self.placed.insert(note.id.clone(), p);
                if let Some(span) = span {
                    self.spans.insert(note.id.clone(), span);
                }
            }
        }
        self.recount(doc);
    }

    /// Replaces the notes with the store's merged copy, keeping placements already made.
    pub fn sync(&mut self, notes: Vec<Note>, doc: &Document) {
        self.all = notes;
        let live: std::collections::HashSet<&str> = self
            .all
            .iter()
            .filter(|n| !n.is_deleted())
            .map(|n| n.id.as_str())
            .collect();
        self.placed.retain(|id, _| live.contains(id.as_str()));
        self.spans.retain(|id, _| self.placed.contains_key(id));
        self.place_missing(doc);
    }

    /// The tags of note `id`.
    pub fn tags_of(&self, id: &str) -> &[String] {
        self.tags.get(id).map_or(&[], Vec::as_slice)
    }

    /// The marked passages that reach into block `block`.
    pub fn spans_over(&self, block: usize) -> impl Iterator<Item = &crate::notes::passage::Span> {
        let from = self
            .by_block
            .partition_point(|s| s.start.block + self.widest < block);
        let to = self.by_block.partition_point(|s| s.start.block <= block);
        self.by_block[from..to]
            .iter()
            .filter(move |s| s.end.block >= block)
    }

    fn index_spans(&mut self) {
        self.by_block = self.spans.values().copied().collect();
        self.by_block.sort_by_key(|s| s.start.block);
        self.widest = self
            .by_block
            .iter()
            .map(|s| s.end.block.saturating_sub(s.start.block))
            .max()
            .unwrap_or(0);
    }

    fn recount(&mut self, doc: &Document) {
        self.index_spans();
        self.tags = self
            .all
            .iter()
            .filter(|n| !n.is_deleted())
            .map(|n| (n.id.clone(), n.tags()))
            .filter(|(_, tags)| !tags.is_empty())
            .collect();
        let mut order: Vec<(usize, usize)> = self
            .all
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.is_deleted())
            .map(|(i, n)| (self.placement(&n.id).block, i))
            .collect();
        order.sort_by(|a, b| (a.0, &self.all[a.1].created).cmp(&(b.0, &self.all[b.1].created)));
        self.order = order;
        self.per_block.clear();
        self.per_section = vec![0; doc.essay.sections.len()];
        for p in self.placed.values() {
            *self.per_block.entry(p.block).or_default() += 1;
            if let Some(s) = doc.essay.section_of_block(p.block) {
                self.per_section[s] += 1;
            }
        }
    }

    pub fn live(&self) -> impl Iterator<Item = &Note> {
        self.all.iter().filter(|n| !n.is_deleted())
    }

    pub fn get(&self, id: &str) -> Option<&Note> {
        self.all.iter().find(|n| n.id == id)
    }

    pub fn placement(&self, id: &str) -> Placement {
        self.placed.get(id).copied().unwrap_or(Placement {
            block: 0,
            state: State::NotFound,
        })
    }

    /// The notes the pane lists, in text order: this section's or all, through the filter.
    pub fn listed(&self, doc: &Document, section: usize) -> Vec<&Note> {
        let filter = self.filter.to_lowercase();
        let tag = filter.strip_prefix('#');
        self.order
            .iter()
            .filter(|(block, _)| {
                self.view_all || doc.essay.section_of_block(*block) == Some(section)
            })
            .filter_map(|&(_, i)| self.all.get(i))
            .filter(|n| {
                filter.is_empty()
                    || match tag {
                        Some(t) => self.tags_of(&n.id).iter().any(|x| x.starts_with(t)),
                        None => {
                            n.text.to_lowercase().contains(&filter)
                                || self.tags_of(&n.id).iter().any(|x| x.contains(&filter))
                        }
                    }
            })
            .collect()
    }

    pub fn view(&self) -> View {
        if self.view_all {
            View::All
        } else {
            View::Section
        }
    }
}

#[cfg(test)]
mod span_tests {
    use super::Notes;
    use crate::notes::passage::Span;
    use crate::text::reattach::Place;

    fn span(from: (usize, usize), to: (usize, usize)) -> Span {
        Span {
            start: Place {
                block: from.0,
                offset: from.1,
            },
            end: Place {
                block: to.0,
                offset: to.1,
            },
        }
    }

    #[test]
    fn the_passages_over_a_block_are_those_that_reach_into_it() {
        let mut notes = Notes::default();
        notes.spans.insert("long".into(), span((2, 5), (6, 3)));
        notes.spans.insert("short".into(), span((4, 0), (4, 9)));
        notes.spans.insert("late".into(), span((9, 1), (9, 4)));
        notes.index_spans();
        let over = |block| {
            let mut starts: Vec<usize> = notes.spans_over(block).map(|s| s.start.block).collect();
            starts.sort_unstable();
            starts
        };
        assert_eq!(over(1), Vec::<usize>::new());
        assert_eq!(over(2), vec![2]);
        assert_eq!(over(4), vec![2, 4]);
        assert_eq!(over(6), vec![2]);
        assert_eq!(over(7), Vec::<usize>::new());
        assert_eq!(over(9), vec![9]);
    }
}
