//! The essay laid out for one width: the lines a reader sees, each tied back to its block
//! and its place in the block's text. Built once per width and kept; drawing only reads it.
//! Nothing here knows about terminals: lines carry roles and model styles, and the drawing
//! layer chooses colours.

mod table;
pub mod wrap;

use unicode_width::UnicodeWidthStr;

use crate::essay::{Block, BlockKind, Container, Essay, Style, Text};
use wrap::{Piece, WrappedLine};

/// What a piece of a line is, for choosing how to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Subtitle,
    Heading(u8),
    Body,
    Code,
    /// Quote bars, list markers, footnote labels and table borders.
    Decoration,
    Rule,
}

/// A piece of a laid-out line.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub style: Style,
    pub role: Role,
}

/// One line of the laid-out essay.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<Run>,
    /// The block this line shows (`None` for the title block and blank spacing).
    pub block: Option<usize>,
    /// Byte offset in the block's plain text where the line starts.
    pub offset: usize,
    /// A line of prose that may be stretched to the full measure when justifying (not the
    /// last line of a paragraph or before a hard break).
    pub justifiable: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    pub fn width(&self) -> usize {
        self.runs.iter().map(|r| r.text.width()).sum()
    }

    fn blank() -> Line {
        Line::default()
    }
}

/// The laid-out essay.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
    /// Index of the first line of each block.
    pub block_lines: Vec<usize>,
}

/// Containers deeper than this are drawn as if at this depth, so that a pathological
/// nesting still leaves room for the words.
const MAX_DRAWN_DEPTH: usize = 8;

impl Layout {
    /// Lays out `essay` at `width` columns (at least 1): no line is wider.
    pub fn build(essay: &Essay, width: usize) -> Layout {
        let width = width.max(1);
        let mut lines = Vec::new();
        if let Some(title) = &essay.title {
            push_wrapped(
                &mut lines,
                &Text::plain(title.clone()),
                width,
                Role::Title,
                None,
            );
            for sub in &essay.subtitle {
                push_wrapped(
                    &mut lines,
                    &Text::plain(sub.clone()),
                    width,
                    Role::Subtitle,
                    None,
                );
            }
        }
        let mut block_lines = Vec::with_capacity(essay.blocks.len());
        let mut prev: Option<&Block> = None;
        for (i, block) in essay.blocks.iter().enumerate() {
            if !lines.is_empty() {
                for _ in 0..gap(prev, block) {
                    lines.push(Line::blank());
                }
            }
            block_lines.push(lines.len());
            lay_block(&mut lines, block, i, width);
            prev = Some(block);
        }
        Layout {
            width,
            lines,
            block_lines,
        }
    }
}

/// Blank lines before `block`: two above a top-level heading, one between blocks, none
/// between the items of a list.
fn gap(prev: Option<&Block>, block: &Block) -> usize {
    match (&block.kind, prev) {
        (BlockKind::Heading { level, .. }, _) if *level <= 2 => 2,
        (_, Some(p)) if in_list(p) && in_list(block) && starts_item(block) => 0,
        _ => 1,
    }
}

fn in_list(block: &Block) -> bool {
    matches!(block.containers.last(), Some(Container::ListItem { .. }))
}

fn starts_item(block: &Block) -> bool {
    matches!(
        block.containers.last(),
        Some(Container::ListItem { first: true, .. })
    )
}

/// The prefix drawn before each line of a block: quote bars, and list markers or their
/// hanging indent. Returns (first line's prefix, other lines' prefix).
fn prefixes(block: &Block) -> (String, String) {
    let shown = &block.containers[block.containers.len().saturating_sub(MAX_DRAWN_DEPTH)..];
    let mut first = String::new();
    let mut rest = String::new();
    if shown.len() < block.containers.len() {
        first.push_str("… ");
        rest.push_str("… ");
    }
    for (k, c) in shown.iter().enumerate() {
        let innermost = k + 1 == shown.len();
        match c {
            Container::Quote => {
                first.push_str("│ ");
                rest.push_str("│ ");
            }
            Container::ListItem { marker, first: f }
            | Container::Footnote {
                label: marker,
                first: f,
            } => {
                let label = match c {
                    Container::Footnote { .. } => format!("[{marker}]"),
                    _ => marker.clone(),
                };
                let pad = " ".repeat(label.width() + 1);
                if *f && innermost {
                    first.push_str(&label);
                    first.push(' ');
                } else {
                    first.push_str(&pad);
                }
                rest.push_str(&pad);
            }
        }
    }
    (first, rest)
}

/// A line of a block's body before its prefix: pieces, offset in the block's text, role.
type BodyLine = (Vec<Piece>, usize, Role);

fn lay_block(lines: &mut Vec<Line>, block: &Block, index: usize, width: usize) {
    let (first_prefix, rest_prefix) = prefixes(block);
    // Leave the words at least half the width (and two columns, for a wide character)
    // however deep the nesting.
    let limit = width.saturating_sub((width / 2).max(2));
    let first_prefix = clip(&first_prefix, limit);
    let rest_prefix = clip(&rest_prefix, limit);
    let inner = width
        .saturating_sub(first_prefix.width().max(rest_prefix.width()))
        .max(1);
    let mut stretch = Vec::new();
    let mut continued: Vec<bool> = Vec::new();
    let body: Vec<BodyLine> = match &block.kind {
        BlockKind::Heading { level, text } => tag(wrap::wrap(text, inner), Role::Heading(*level)),
        BlockKind::Paragraph(text) => {
            let wrapped = wrap::wrap(text, inner);
            stretch = wrapped.iter().map(|l| !l.last).collect();
            tag(wrapped, Role::Body)
        }
        BlockKind::Code { text, .. } => {
            let (lines, continues) = code_lines(text, inner);
            continued = continues;
            lines
        }
        BlockKind::Rule => {
            let n = (inner / 3).clamp(1, 24);
            let rule = "─".repeat(n);
            let pad = " ".repeat((inner - n) / 2);
            vec![(vec![plain_piece(&format!("{pad}{rule}"))], 0, Role::Rule)]
        }
        BlockKind::Table {
            align,
            header,
            rows,
        } => table::lay(align, header, rows, inner)
            .into_iter()
            .map(|(pieces, role)| (pieces, 0, role))
            .collect(),
    };
    for (k, (pieces, offset, role)) in body.into_iter().enumerate() {
        let prefix = if k == 0 { &first_prefix } else { &rest_prefix };
        let mut runs = Vec::new();
        if !prefix.is_empty() {
            runs.push(Run {
                text: prefix.clone(),
                style: Style::default(),
                role: Role::Decoration,
            });
        }
        if continued.get(k).copied().unwrap_or(false) {
            runs.push(Run {
                text: CONTINUATION.to_string(),
                style: Style::default(),
                role: Role::Decoration,
            });
        }
        runs.extend(pieces.into_iter().map(|p| Run {
            text: p.text,
            style: p.style,
            role,
        }));
        lines.push(Line {
            runs,
            block: Some(index),
            offset,
            justifiable: stretch.get(k).copied().unwrap_or(false),
        });
    }
}

fn tag(wrapped: Vec<WrappedLine>, role: Role) -> Vec<BodyLine> {
    wrapped
        .into_iter()
        .map(|l| (l.pieces, l.offset, role))
        .collect()
}

fn plain_piece(s: &str) -> Piece {
    Piece {
        text: s.to_string(),
        style: Style::default(),
    }
}

/// Marks a code line that carries on the one above (cut because it was too wide).
const CONTINUATION: &str = "↪ ";

/// Code keeps its lines; a line too wide is cut into pieces that fit, the later pieces
/// marked as continuations, so nothing is lost and nothing looks like a new line of code.
/// Returns the lines and, for each, whether it continues the line above.
fn code_lines(code: &str, width: usize) -> (Vec<BodyLine>, Vec<bool>) {
    let style = Style {
        code: true,
        ..Style::default()
    };
    let piece = |text: String| Piece {
        text,
        style: style.clone(),
    };
    let mut out = Vec::new();
    let mut continues = Vec::new();
    let mut offset = 0;
    for line in code.split('\n') {
        let mut current = String::new();
        let mut used = 0;
        let mut start = offset;
        // Continuations have the marker's two columns less (but always one).
        let mut room = width;
        for (i, c) in line.char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > room && !current.is_empty() {
                out.push((vec![piece(std::mem::take(&mut current))], start, Role::Code));
                continues.push(room != width);
                used = 0;
                start = offset + i;
                room = width.saturating_sub(2).max(1);
            }
            if w <= room {
                current.push(c);
                used += w;
            }
        }
        out.push((vec![piece(current)], start, Role::Code));
        continues.push(room != width);
        offset += line.len() + 1;
    }
    (out, continues)
}

/// Cuts a prefix to at most `limit` columns.
fn clip(prefix: &str, limit: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in prefix.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > limit {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

fn push_wrapped(
    lines: &mut Vec<Line>,
    text: &Text,
    width: usize,
    role: Role,
    block: Option<usize>,
) {
    for l in wrap::wrap(text, width) {
        lines.push(Line {
            runs: l
                .pieces
                .into_iter()
                .map(|p| Run {
                    text: p.text,
                    style: p.style,
                    role,
                })
                .collect(),
            block,
            offset: l.offset,
            justifiable: false,
        });
    }
}

impl Layout {
    /// The block shown at line `line`, or the next block below it for spacing lines.
    pub fn block_at(&self, line: usize) -> Option<usize> {
        let i = self.block_lines.partition_point(|&l| l <= line);
        match i {
            0 => self.block_lines.first().map(|_| 0),
            _ => Some(i - 1),
        }
    }

    /// Lines `start..end` of block `block` (its text, without the spacing after it).
    pub fn block_range(&self, block: usize) -> std::ops::Range<usize> {
        let start = self
            .block_lines
            .get(block)
            .copied()
            .unwrap_or(self.lines.len());
        let mut end = self
            .block_lines
            .get(block + 1)
            .copied()
            .unwrap_or(self.lines.len());
        while end > start && self.lines[end - 1].block != Some(block) {
            end -= 1;
        }
        start..end
    }

    /// The line showing byte `offset` of block `block`'s plain text.
    pub fn line_of(&self, block: usize, offset: usize) -> usize {
        let range = self.block_range(block);
        if range.is_empty() {
            return range.start.min(self.lines.len().saturating_sub(1));
        }
        let lines = &self.lines[range.clone()];
        let k = lines.partition_point(|l| l.offset <= offset);
        range.start + k.saturating_sub(1)
    }
}
