//! The essay laid out for one width: the lines a reader sees, each tied back to its block
//! and its place in the block's text. Built once per width and kept; drawing only reads it.
//! Nothing here knows about terminals: lines carry roles and model styles, and the drawing
//! layer chooses colours.

mod hyphens;
mod table;
pub mod wrap;

pub use hyphens::Hyphens;

use std::cell::OnceCell;
use std::sync::Arc;

use unicode_width::UnicodeWidthStr;

use crate::essay::{Block, BlockKind, Container, Essay, Style, Text};
use crate::text::width::clip;
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
    /// The hyphen after a word broken between syllables at the end of a line: drawn like
    /// the text, but not in it (search and offsets pass it by).
    Hyphen,
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

/// A place in the laid-out essay: a unit and a row in it. Unit 0 is the title block; unit
/// `b + 1` is block `b` with the blank lines above it. Places compare in reading order.
/// A place whose row is past its unit's lines is not normalized; [`Layout::normalize`]
/// moves it to the next line that exists, or to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Pos {
    unit: usize,
    row: usize,
}

/// The essay laid out at one width, lazily: a block is wrapped the first time a line of it
/// is asked for, and kept. Opening, drawing, scrolling and resizing therefore cost the
/// blocks on screen, not the essay's length; nothing ever needs the whole essay's lines
/// except `margin render`.
///
/// The cache sits behind `&self` (`OnceCell`), so drawing, which only reads state, can still
/// ask for lines no one has asked for before. Each cell is filled once and never changes:
/// the layout is a pure function of the essay and the width.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The essay this is the layout of: held, so that no one can ask it for another's lines.
    essay: Arc<Essay>,
    pub width: usize,
    /// Whether paragraphs' words break between syllables (for justified text).
    pub hyphens: Hyphens,
    /// Laid-out units, in chunks of [`CHUNK`] made when first needed, so that a new
    /// layout (a resize) costs a few hundred empty slots on a 30 MB essay, not one per block.
    chunks: Vec<OnceCell<Chunk>>,
    /// Units: the title block and one per block.
    count: usize,
}

/// Units to a chunk of the layout's cache.
const CHUNK: usize = 256;

/// [`CHUNK`] units' lines, each laid out when first asked for.
type Chunk = Box<[OnceCell<Vec<Line>>]>;

/// Containers deeper than this are drawn as if at this depth, so that a pathological
/// nesting still leaves room for the words.
const MAX_DRAWN_DEPTH: usize = 8;

impl Layout {
    /// Prepares `essay`'s layout at `width` columns (at least 1): no line is wider. Lays
    /// nothing out yet.
    pub fn build(essay: Arc<Essay>, width: usize) -> Layout {
        Layout::build_with(essay, width, Hyphens::Off)
    }

    /// [`Layout::build`], paragraphs hyphenated as `hyphens` says.
    pub fn build_with(essay: Arc<Essay>, width: usize, hyphens: Hyphens) -> Layout {
        let count = essay.blocks.len() + 1;
        let mut chunks = Vec::new();
        chunks.resize_with(count.div_ceil(CHUNK), OnceCell::new);
        Layout {
            essay,
            width: width.max(1),
            hyphens,
            chunks,
            count,
        }
    }

    /// Every line of `essay` at `width`, in order (for printing the whole essay): laid out
    /// once, with no cache to keep.
    pub fn all_lines(essay: &Essay, width: usize) -> Vec<Line> {
        Layout::lines_from(essay, width, None)
    }

    /// Every line from block `first` on (`None`: from the title), without the space that
    /// would stand above it: the essay printed from a section.
    pub fn lines_from(essay: &Essay, width: usize, first: Option<usize>) -> Vec<Line> {
        let mut out = Vec::new();
        let from = first.map_or(0, |b| b + 1);
        for u in from..=essay.blocks.len() {
            lay_unit(&mut out, essay, u, width.max(1), Hyphens::Off);
        }
        if first.is_some() {
            let blank = out.iter().take_while(|l| l.block.is_none()).count();
            out.drain(..blank);
        }
        out
    }

    /// The same essay laid out at another width.
    pub fn at_width(&self, width: usize) -> Layout {
        Layout::build_with(Arc::clone(&self.essay), width, self.hyphens)
    }

    /// The same essay at the same width, hyphenated as `hyphens` says.
    pub fn with_hyphens(&self, hyphens: Hyphens) -> Layout {
        Layout::build_with(Arc::clone(&self.essay), self.width, hyphens)
    }

    /// The essay laid out.
    pub fn essay(&self) -> &Essay {
        &self.essay
    }

    /// Units: the title block and one per block.
    pub fn unit_count(&self) -> usize {
        self.count
    }

    /// The place just past the last line.
    pub fn end(&self) -> Pos {
        Pos {
            unit: self.count,
            row: 0,
        }
    }

    /// The lines of unit `u` (empty past the end).
    pub fn unit(&self, u: usize) -> &[Line] {
        if u >= self.count {
            return &[];
        }
        let chunk =
            self.chunks[u / CHUNK].get_or_init(|| (0..CHUNK).map(|_| OnceCell::new()).collect());
        let cell = &chunk[u % CHUNK];
        cell.get_or_init(|| {
            let mut lines = Vec::new();
            lay_unit(&mut lines, &self.essay, u, self.width, self.hyphens);
            lines
        })
    }

    /// The line at `pos`, if there is one.
    pub fn line(&self, pos: Pos) -> Option<&Line> {
        self.unit(pos.unit).get(pos.row)
    }

    /// `pos` moved past empty units and rows beyond its unit's lines: a real line, or the end.
    pub fn normalize(&self, mut pos: Pos) -> Pos {
        while pos.unit < self.count {
            let len = self.unit(pos.unit).len();
            if pos.row < len {
                return pos;
            }
            pos.row -= len;
            pos.unit += 1;
        }
        self.end()
    }

    /// The place `n` lines below `pos` (at most the end).
    pub fn forward(&self, pos: Pos, n: usize) -> Pos {
        let mut pos = self.normalize(pos);
        pos.row += n;
        self.normalize(pos)
    }

    /// The place `n` lines above `pos` (at least the first line).
    pub fn back(&self, pos: Pos, mut n: usize) -> Pos {
        let mut pos = if pos.unit >= self.count {
            self.end()
        } else {
            self.normalize(pos)
        };
        while n > 0 {
            if pos.row >= n {
                pos.row -= n;
                return pos;
            }
            n -= pos.row;
            if pos.unit == 0 {
                pos.row = 0;
                break;
            }
            pos.unit -= 1;
            pos.row = self.unit(pos.unit).len();
        }
        self.normalize(pos)
    }

    /// The first line.
    pub fn start(&self) -> Pos {
        self.normalize(Pos::default())
    }

    /// The first line of block `block`'s text (below the blank lines before it).
    pub fn block_start(&self, block: usize) -> Pos {
        self.normalize(Pos {
            unit: block + 1,
            row: gap_before(&self.essay, block),
        })
    }

    /// Just past block `block`'s last line.
    pub fn block_end(&self, block: usize) -> Pos {
        self.normalize(Pos {
            unit: block + 2,
            row: 0,
        })
    }

    /// Lines in block `block`'s text.
    pub fn block_height(&self, block: usize) -> usize {
        self.unit(block + 1)
            .len()
            .saturating_sub(gap_before(&self.essay, block))
    }

    /// The block shown at `pos`: for blank lines, the block above them; for the title
    /// block, the first block.
    pub fn block_at(&self, pos: Pos) -> Option<usize> {
        let essay = &self.essay;
        if essay.blocks.is_empty() {
            return None;
        }
        let last = essay.blocks.len() - 1;
        if pos.unit == 0 {
            return Some(0);
        }
        if pos.unit > essay.blocks.len() {
            return Some(last);
        }
        let block = pos.unit - 1;
        Some(if pos.row < gap_before(&self.essay, block) && block > 0 {
            block - 1
        } else {
            block
        })
    }

    /// The line showing byte `offset` of block `block`'s plain text.
    pub fn pos_of(&self, block: usize, offset: usize) -> Pos {
        let gap = gap_before(&self.essay, block);
        let lines = self.unit(block + 1);
        let body = lines.get(gap..).unwrap_or(&[]);
        let k = body.partition_point(|l| l.offset <= offset);
        self.normalize(Pos {
            unit: block + 1,
            row: gap + k.saturating_sub(1),
        })
    }

    /// The block whose text is at `pos`, and the row in that text (none for the title, the
    /// blank lines above a block count as its row 0, and the end).
    pub fn block_row(&self, pos: Pos) -> Option<(usize, usize)> {
        let pos = self.normalize(pos);
        if pos.unit == 0 || pos.unit >= self.count {
            return None;
        }
        let block = pos.unit - 1;
        Some((
            block,
            pos.row.saturating_sub(gap_before(&self.essay, block)),
        ))
    }

    /// Lines from `from` to `to` (exclusive): the distance between two places. Lays out
    /// everything between them, so it is for tests and short spans.
    pub fn distance(&self, from: Pos, to: Pos) -> usize {
        let (mut pos, to) = (self.normalize(from), self.normalize(to));
        let mut n = 0;
        while pos < to {
            let len = self.unit(pos.unit).len();
            if pos.unit == to.unit {
                return n + to.row - pos.row;
            }
            n += len - pos.row;
            pos = self.normalize(Pos {
                unit: pos.unit + 1,
                row: 0,
            });
        }
        n
    }
}

/// Lays out unit `u`: the title block (0), or block `u - 1` with the blank lines above it.
fn lay_unit(lines: &mut Vec<Line>, essay: &Essay, u: usize, width: usize, hyphens: Hyphens) {
    if u == 0 {
        lay_title(lines, essay, width);
    } else if let Some(block) = essay.blocks.get(u - 1) {
        for _ in 0..gap_before(essay, u - 1) {
            lines.push(Line::blank());
        }
        lay_block(lines, block, u - 1, width, hyphens);
    }
}

fn lay_title(lines: &mut Vec<Line>, essay: &Essay, width: usize) {
    if let Some(title) = &essay.title {
        push_wrapped(lines, &Text::plain(title.clone()), width, Role::Title, None);
        for sub in &essay.subtitle {
            push_wrapped(
                lines,
                &Text::plain(sub.clone()),
                width,
                Role::Subtitle,
                None,
            );
        }
    }
}

/// Blank lines above block `block`: none at the very top of an essay with no title.
pub fn gap_before(essay: &Essay, block: usize) -> usize {
    if block == 0 && essay.title.is_none() {
        return 0;
    }
    let prev = block.checked_sub(1).and_then(|p| essay.blocks.get(p));
    essay.blocks.get(block).map_or(0, |b| gap(prev, b))
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
    matches!(block.containers().last(), Some(Container::ListItem { .. }))
}

fn starts_item(block: &Block) -> bool {
    matches!(
        block.containers().last(),
        Some(Container::ListItem { first: true, .. })
    )
}

/// The prefix drawn before each line of a block: quote bars, and list markers or their
/// hanging indent. Returns (first line's prefix, other lines' prefix).
fn prefixes(block: &Block) -> (String, String) {
    let shown = &block.containers()[block.containers().len().saturating_sub(MAX_DRAWN_DEPTH)..];
    let mut first = String::new();
    let mut rest = String::new();
    if shown.len() < block.containers().len() {
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

fn lay_block(lines: &mut Vec<Line>, block: &Block, index: usize, width: usize, hyphens: Hyphens) {
    let (first_prefix, rest_prefix) = prefixes(block);
    // Leave the words at least half the width (and two columns, for a wide character)
    // however deep the nesting.
    let limit = width.saturating_sub((width / 2).max(2));
    let first_prefix = clip(&first_prefix, limit).to_string();
    let rest_prefix = clip(&rest_prefix, limit).to_string();
    let inner = width
        .saturating_sub(first_prefix.width().max(rest_prefix.width()))
        .max(1);
    let mut stretch = Vec::new();
    let mut hyphenated = Vec::new();
    let mut continued: Vec<bool> = Vec::new();
    let body: Vec<BodyLine> = match &block.kind {
        BlockKind::Heading { level, text } => tag(wrap::wrap(text, inner), Role::Heading(*level)),
        BlockKind::Paragraph(text) => {
            let wrapped = wrap::wrap_with(text, inner, hyphens);
            stretch = wrapped.iter().map(|l| !l.last).collect();
            hyphenated = wrapped.iter().map(|l| l.hyphen).collect();
            tag(wrapped, Role::Body)
        }
        BlockKind::Code(code) => {
            let (lines, continues) = code_lines(&code.text, inner);
            continued = continues;
            lines
        }
        BlockKind::Rule => {
            let n = (inner / 3).clamp(1, 24);
            let rule = "─".repeat(n);
            let pad = " ".repeat((inner - n) / 2);
            vec![(vec![plain_piece(&format!("{pad}{rule}"))], 0, Role::Rule)]
        }
        BlockKind::Table(t) => table::lay(&t.align, &t.header, &t.rows, inner)
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
        let last_style = pieces.last().map(|p| p.style.clone());
        runs.extend(pieces.into_iter().map(|p| Run {
            text: p.text,
            style: p.style,
            role,
        }));
        if hyphenated.get(k).copied().unwrap_or(false) {
            runs.push(Run {
                text: HYPHEN.to_string(),
                style: last_style.unwrap_or_default(),
                role: Role::Hyphen,
            });
        }
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

/// Ends a line whose last word is broken between syllables: a run of its own
/// ([`Role::Hyphen`]) because it is not in the text.
const HYPHEN: &str = "-";

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
    // Continuations have the marker's two columns less; under three columns there is no
    // room for a marker at all, and the pieces just follow one another.
    let marked = width >= 3;
    let continued_room = if marked { width - 2 } else { width };
    for line in code.split('\n') {
        let mut current = String::new();
        let mut used = 0;
        let mut start = offset;
        // Whether the piece being filled carries the marker.
        let mut with_marker = false;
        for (i, c) in line.char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            let room = if with_marker { continued_room } else { width };
            if used + w > room && !current.is_empty() {
                out.push((vec![piece(std::mem::take(&mut current))], start, Role::Code));
                continues.push(with_marker);
                used = 0;
                start = offset + i;
                // A wide character that fits a line but not beside the marker goes on a
                // line of its own, unmarked, rather than being lost.
                with_marker = marked && w <= continued_room;
            }
            // A character wider than a whole line (a wide one at one column) cannot be
            // shown; everything else is.
            let room = if with_marker { continued_room } else { width };
            if w <= room {
                current.push(c);
                used += w;
            }
        }
        out.push((vec![piece(current)], start, Role::Code));
        continues.push(with_marker);
        offset += line.len() + 1;
    }
    (out, continues)
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
