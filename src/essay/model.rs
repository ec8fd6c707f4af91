//! The essay as its author wrote it: a title, a flat list of blocks and the sections that
//! group them. Nothing here knows about terminals, widths or colours; the layout turns this
//! into lines for a given width.
//!
//! Blocks are kept flat on purpose. Quotes, list items and footnote definitions are recorded
//! as a stack of containers on each leaf block instead of as a tree, so a document nested
//! ten thousand levels deep costs no recursion anywhere (parsing, layout or drawing).

use serde::Serialize;

/// Which reader built the essay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

/// Inline styles of a run of text. Several may apply at once (`***strong emphasis***`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    pub emphasis: bool,
    pub strong: bool,
    pub code: bool,
    pub strikethrough: bool,
    /// The target of a link; the run is the link's text.
    pub link: Option<String>,
    /// The run is an image's alt text.
    pub image: bool,
    /// The run is a footnote reference such as `[1]`.
    pub footnote_ref: bool,
}

impl Style {
    pub fn is_plain(&self) -> bool {
        *self == Style::default()
    }
}

/// A run of text sharing one style. `\n` inside `text` is a hard line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// Inline text: styled runs, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub spans: Vec<Span>,
}

impl Text {
    pub fn plain(s: impl Into<String>) -> Text {
        let text = s.into();
        if text.is_empty() {
            return Text::default();
        }
        Text {
            spans: vec![Span {
                text,
                style: Style::default(),
            }],
        }
    }

    /// Appends `s` with `style`, merging with the previous run when the style is the same.
    pub fn push(&mut self, s: &str, style: &Style) {
        if s.is_empty() {
            return;
        }
        if let Some(last) = self.spans.last_mut()
            && last.style == *style
        {
            last.text.push_str(s);
            return;
        }
        self.spans.push(Span {
            text: s.to_string(),
            style: style.clone(),
        });
    }

    /// The text without styles.
    pub fn to_plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.iter().all(|s| s.text.trim().is_empty())
    }
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// A leaf block: the unit the layout wraps.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A heading; `level` is 1 (top) to 6.
    Heading {
        level: u8,
        text: Text,
    },
    Paragraph(Text),
    /// Code, shown as written; never wrapped into prose.
    Code {
        lang: Option<String>,
        text: String,
    },
    /// A thematic break (`---`), or the gap before pasted readers' comments.
    Rule,
    Table {
        align: Vec<Align>,
        header: Vec<Text>,
        rows: Vec<Vec<Text>>,
    },
}

/// What a leaf block sits inside, outermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Container {
    Quote,
    /// A list item. `marker` is `•` or `3.`; `first` is true only on the item's first block,
    /// where the marker is drawn.
    ListItem {
        marker: String,
        first: bool,
    },
    /// The definition of footnote `label`; `first` as for list items.
    Footnote {
        label: String,
        first: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub containers: Vec<Container>,
    /// 1-based line of the source where the block starts.
    pub line: usize,
}

impl Block {
    pub fn new(mut kind: BlockKind, line: usize) -> Block {
        // Texts are built by appending, which leaves up to half their room unused; a long
        // essay keeps every block, so give the spare room back.
        match &mut kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => {
                text.spans.shrink_to_fit();
                for span in &mut text.spans {
                    span.text.shrink_to_fit();
                }
            }
            BlockKind::Code { text, .. } => text.shrink_to_fit(),
            BlockKind::Rule | BlockKind::Table { .. } => {}
        }
        Block {
            kind,
            containers: Vec::new(),
            line,
        }
    }

    /// The words a reader reads in this block (code and tables included).
    pub fn plain_text(&self) -> String {
        match &self.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => text.to_plain(),
            BlockKind::Code { text, .. } => text.clone(),
            BlockKind::Rule => String::new(),
            BlockKind::Table { header, rows, .. } => {
                let mut out = String::new();
                for cell in header.iter().chain(rows.iter().flatten()) {
                    out.push_str(&cell.to_plain());
                    out.push(' ');
                }
                out
            }
        }
    }
}

/// A section: a heading and the blocks up to the next heading, or the opening text before
/// the first heading (`heading: None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// 1 to 6 as written; the opening section has the level of the essay's top headings.
    pub level: u8,
    pub title: String,
    /// Index of the heading block, or `None` for the opening section.
    pub heading: Option<usize>,
    /// 1-based source line of the heading (of the first block for the opening section).
    pub line: usize,
    /// Blocks `start..end` belong to the section (its heading included).
    pub start: usize,
    pub end: usize,
    /// Words in the section's own blocks, not counting its heading or its subsections.
    pub words: usize,
    /// The enclosing section in the outline tree.
    pub parent: Option<usize>,
}

/// An essay, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Essay {
    /// The author's title, when the essay has one (front matter, a lone top heading, or the
    /// first line of a plain-text essay).
    pub title: Option<String>,
    /// Lines of a title block under the title: subtitle, byline, date.
    pub subtitle: Vec<String>,
    pub format: Format,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
}

impl Essay {
    /// Total words, title and headings excluded.
    pub fn words(&self) -> usize {
        self.sections.iter().map(|s| s.words).sum()
    }

    /// Sections that start at a heading: the essay's outline.
    pub fn outline(&self) -> impl Iterator<Item = (usize, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.heading.is_some())
    }

    /// The sections directly under `parent` (`None`: the top of the outline).
    pub fn children(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        (0..self.sections.len()).filter(move |&i| self.sections[i].parent == parent)
    }

    /// Whether block `block` is a passage: something a note can attach to (not a heading or
    /// a rule).
    pub fn is_passage(&self, block: usize) -> bool {
        self.blocks
            .get(block)
            .is_some_and(|b| !matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Rule))
    }

    /// The section that holds block `block`.
    pub fn section_of_block(&self, block: usize) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.start <= block);
        i.checked_sub(1)
    }
}
