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
use margin::notes::{Note, anchor};

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
        let notes = notes_on(&doc, &self.notes);
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
                version: margin::notes::Version::default(),
                anchor: anchor::capture(&doc.essay, doc.plain(), block),
            }
        })
        .collect()
}
