//! One way to build a reader for a test: the essay, the terminal's size, and what the reader
//! has (notes, a long essay's preview), then `build()`.
//!
//! ```ignore
//! let app = reader(text).width(100).height(30).build();
//! let app = essay("the-slow-reader.md").note("slow", "A note.").build();
//! ```
//!
//! Tests that build their reader here change in one place when `App` does.

use margin::app::action::Opened;
use margin::app::document::Document;
use margin::app::{Action, App, Options, update};
use margin::essay::{Essay, Format};
use margin::notes::{Note, anchor, passage};

/// The date every note made here carries, so that screens showing notes are the same on
/// every run.
pub const NOTE_DATE: &str = "2026-03-14T09:30:00Z";

pub struct Reader {
    text: String,
    format: Format,
    width: u16,
    height: u16,
    options: Options,
    preview: bool,
    notes: Vec<(String, String)>,
    /// Notes as a file holds them, written on another version of the essay.
    stored: Vec<Note>,
}

/// A reader on `text`, read as Markdown.
pub fn reader(text: &str) -> Reader {
    Reader {
        text: text.to_string(),
        format: Format::Markdown,
        width: 100,
        height: 30,
        options: Options::default(),
        preview: false,
        notes: Vec::new(),
        stored: Vec::new(),
    }
}

/// A reader on one of the sample essays in `essays/`, read as its extension says.
pub fn essay(name: &str) -> Reader {
    let path = format!("{}/essays/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let format = if name.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Text
    };
    reader(&text).format(format)
}

impl Reader {
    pub fn format(mut self, format: Format) -> Reader {
        self.format = format;
        self
    }

    /// The terminal's width, in columns (100 unless told).
    pub fn width(mut self, width: u16) -> Reader {
        self.width = width;
        self
    }

    /// The terminal's height, in rows (30 unless told).
    pub fn height(mut self, height: u16) -> Reader {
        self.height = height;
        self
    }

    pub fn size(self, width: u16, height: u16) -> Reader {
        self.width(width).height(height)
    }

    pub fn options(mut self, options: Options) -> Reader {
        self.options = options;
        self
    }

    /// A note on the first passage whose text contains `quote`, as if loaded from the store.
    pub fn note(mut self, quote: &str, text: &str) -> Reader {
        self.notes.push((quote.to_string(), text.to_string()));
        self
    }

    /// Notes as stored, made on another text (see [`passage_note`]): the reader places them
    /// in this one, as it does when an essay was edited since.
    pub fn stored(mut self, notes: Vec<Note>) -> Reader {
        self.stored.extend(notes);
        self
    }

    /// Opens the way a long essay opens: its first third and last third, with the middle
    /// still being read (`doc.partial`).
    pub fn preview(mut self) -> Reader {
        self.preview = true;
        self
    }

    pub fn build(self) -> App {
        let doc = if self.preview {
            preview_of(&self.text, self.format)
        } else {
            Document::new(Essay::parse(&self.text, self.format, "test"), "test".into())
        };
        let mut notes = notes_on(&doc, &self.notes);
        notes.extend(self.stored);
        let mut app = App::new(doc, self.options);
        update(
            &mut app,
            Action::Resize {
                width: self.width,
                height: self.height,
            },
        );
        if !notes.is_empty() {
            // As the runner hands them over when the essay opens.
            let opened = Opened {
                notes,
                ..Opened::default()
            };
            update(&mut app, Action::Opened(Box::new(opened)));
        }
        app
    }
}

/// The document a long essay opens on: its start and its end, cut at paragraph breaks.
fn preview_of(text: &str, format: Format) -> Document {
    let third = text.len() / 3;
    let head_end = text[..third].rfind("\n\n").map_or(third, |i| i + 2);
    let tail_start = text[2 * third..]
        .find("\n\n")
        .map_or(2 * third, |i| 2 * third + i + 2);
    let (essay, tail_from) = Essay::preview(
        Essay::parse(&text[..head_end], format, "test"),
        Essay::parse(&text[tail_start..], format, "test"),
        "test",
    );
    let mut doc = Document::new(essay, "test".into());
    doc.partial = true;
    doc.tail_from = Some(tail_from);
    doc
}

fn notes_on(doc: &Document, wanted: &[(String, String)]) -> Vec<Note> {
    wanted
        .iter()
        .enumerate()
        .map(|(i, (quote, text))| {
            let block = (0..doc.plain().len())
                .find(|&b| doc.is_passage(b) && doc.plain()[b].contains(quote.as_str()))
                .unwrap_or_else(|| panic!("no passage contains {quote:?}"));
            Note {
                id: format!("note-{i}"),
                created: NOTE_DATE.to_string(),
                updated: NOTE_DATE.to_string(),
                text: text.clone(),
                deleted: None,
                passage: None,
                version: margin::notes::Version::default(),
                anchor: anchor::capture(&doc.essay, doc.plain(), block),
            }
        })
        .collect()
}

/// Focuses the first passage whose words contain `words`, as `}` would bring the focus
/// there.
pub fn focus_on(app: &mut App, words: &str) {
    let doc = &app.doc;
    let block = (0..doc.plain().len())
        .find(|&b| doc.is_passage(b) && doc.plain()[b].contains(words))
        .unwrap_or_else(|| panic!("no passage says {words:?}"));
    app.view.focus = block;
}

/// A note (`text` empty: a highlight) on exactly `words` of Markdown essay `text`, made as the
/// reader makes one, with id `id`.
pub fn passage_note(text: &str, words: &str, note: &str, id: &str) -> Note {
    let doc = Document::new(Essay::parse(text, Format::Markdown, "test"), "test".into());
    let plain = doc.plain();
    let block = (0..plain.len())
        .find(|&b| doc.is_passage(b) && plain[b].contains(words))
        .unwrap_or_else(|| panic!("no passage contains {words:?}"));
    let offset = plain[block].find(words).unwrap_or(0);
    let at = |offset| margin::text::reattach::Place { block, offset };
    let span = passage::Span {
        start: at(offset),
        end: at(offset + words.len()),
    };
    Note {
        id: id.to_string(),
        created: NOTE_DATE.to_string(),
        updated: NOTE_DATE.to_string(),
        text: note.to_string(),
        deleted: None,
        passage: passage::capture(&doc.essay, plain, span),
        version: margin::notes::Version::default(),
        anchor: anchor::capture(&doc.essay, plain, block),
    }
}

/// The notes that `effects` ask to be saved.
pub fn saved(effects: &[margin::app::Effect]) -> Vec<Note> {
    effects
        .iter()
        .filter_map(|e| match e {
            margin::app::Effect::SaveNote(n) => Some((**n).clone()),
            _ => None,
        })
        .collect()
}
