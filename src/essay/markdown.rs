//! Reading Markdown (CommonMark with tables, footnotes, strikethrough and front matter) into
//! the flat block model, with pulldown-cmark.
//!
//! Raw HTML is kept as text and never interpreted: a block of HTML becomes a code block, inline
//! HTML stays in its paragraph as written. A lone top-level `#` heading that opens the essay is
//! its title when the front matter gives none.

use std::sync::Arc;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::frontmatter::FrontMatter;
use super::model::{Align, Block, BlockKind, Code, Container, Essay, Format, Style, Table, Text};
use super::sections;
use super::typography::{Typography, keep_code_straight};

/// Parses Markdown `text`. `fallback_title` names the opening section when the essay has no
/// title of its own.
pub fn parse(text: &str, fallback_title: &str) -> Essay {
    parse_in(text, None, fallback_title, Typography::Smart)
}

/// Parses Markdown `text`, with punctuation set as `typography` says.
pub fn parse_with(text: &str, fallback_title: &str, typography: Typography) -> Essay {
    parse_in(text, None, fallback_title, typography)
}

/// Parses Markdown `source`, whose blocks share it where their text is a stretch of it (a
/// paragraph of one line without markup, say), rather than copy it.
pub fn parse_shared(source: &Arc<String>, fallback_title: &str, typography: Typography) -> Essay {
    parse_in(source, Some(source), fallback_title, typography)
}

fn parse_in(
    text: &str,
    source: Option<&Arc<String>>,
    fallback_title: &str,
    typography: Typography,
) -> Essay {
    let mut b = Builder::new(text, source.cloned());
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    if typography == Typography::Smart {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        b.event(keep_code_straight(event, text, &range), range.start);
    }
    b.finish_leaf();
    b.into_essay(fallback_title)
}

/// Converts byte offsets into 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// A leaf block being filled by inline events.
enum Leaf {
    Paragraph(Text),
    Heading(u8, Text),
    Code(Option<String>, String),
}

#[derive(Default)]
struct TableBuilder {
    align: Vec<Align>,
    header: Vec<Text>,
    rows: Vec<Vec<Text>>,
    in_head: bool,
    cell: Option<Text>,
}

struct Builder {
    lines: LineIndex,
    /// The text being read, when blocks may share it.
    source: Option<Arc<String>>,
    blocks: Vec<Block>,
    containers: Vec<Container>,
    /// Next number of each open list (`None`: bulleted).
    lists: Vec<Option<u64>>,
    leaf: Option<(Leaf, usize)>,
    table: Option<(TableBuilder, usize)>,
    style: Style,
    emphasis: u32,
    strong: u32,
    strike: u32,
    links: Vec<String>,
    metadata: Option<String>,
    front: FrontMatter,
}

impl Builder {
    fn new(text: &str, source: Option<Arc<String>>) -> Builder {
        Builder {
            lines: LineIndex::new(text),
            source,
            blocks: Vec::new(),
            containers: Vec::new(),
            lists: Vec::new(),
            leaf: None,
            table: None,
            style: Style::default(),
            emphasis: 0,
            strong: 0,
            strike: 0,
            links: Vec::new(),
            metadata: None,
            front: FrontMatter::default(),
        }
    }

    fn event(&mut self, event: Event, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, offset),
            Event::Code(t) => {
                let mut style = self.style.clone();
                style.code = true;
                self.inline(&t, &style, offset);
            }
            Event::InlineHtml(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t, offset)
            }
            Event::Html(t) => self.text(&t, offset),
            Event::FootnoteReference(label) => {
                let style = Style {
                    footnote_ref: true,
                    ..Style::default()
                };
                self.inline(&format!("[{label}]"), &style, offset);
            }
            Event::SoftBreak => self.inline(" ", &self.style.clone(), offset),
            Event::HardBreak => self.inline("\n", &self.style.clone(), offset),
            Event::Rule => {
                self.finish_leaf();
                self.push_block(BlockKind::Rule, offset);
            }
            Event::TaskListMarker(done) => self.inline(
                if done { "[x] " } else { "[ ] " },
                &Style::default(),
                offset,
            ),
        }
    }

    fn start(&mut self, tag: Tag, offset: usize) {
        match tag {
            Tag::Paragraph => self.open_leaf(Leaf::Paragraph(Text::default()), offset),
            Tag::Heading { level, .. } => {
                self.open_leaf(Leaf::Heading(heading_level(level), Text::default()), offset)
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(str::to_string)
                        .filter(|s| !s.is_empty()),
                    CodeBlockKind::Indented => None,
                };
                self.open_leaf(Leaf::Code(lang, String::new()), offset);
            }
            Tag::HtmlBlock => {
                self.open_leaf(Leaf::Code(Some("html".to_string()), String::new()), offset)
            }
            Tag::BlockQuote(_) => {
                self.finish_leaf();
                self.containers.push(Container::Quote);
            }
            Tag::List(start) => {
                self.finish_leaf();
                self.lists.push(start);
            }
            Tag::Item => {
                self.finish_leaf();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    _ => bullet(self.lists.len()).to_string(),
                };
                self.containers.push(Container::ListItem {
                    marker,
                    first: true,
                });
            }
            Tag::FootnoteDefinition(label) => {
                self.finish_leaf();
                self.containers.push(Container::Footnote {
                    label: label.to_string(),
                    first: true,
                });
            }
            Tag::Table(aligns) => {
                self.finish_leaf();
                let align = aligns.iter().map(|a| convert_align(*a)).collect();
                self.table = Some((
                    TableBuilder {
                        align,
                        ..TableBuilder::default()
                    },
                    offset,
                ));
            }
            Tag::TableHead => self.with_table(|t| t.in_head = true),
            Tag::TableRow => self.with_table(|t| t.rows.push(Vec::new())),
            Tag::TableCell => self.with_table(|t| t.cell = Some(Text::default())),
            Tag::Emphasis => {
                self.emphasis += 1;
                self.restyle();
            }
            Tag::Strong => {
                self.strong += 1;
                self.restyle();
            }
            Tag::Strikethrough => {
                self.strike += 1;
                self.restyle();
            }
            Tag::Link { dest_url, .. } => {
                self.links.push(dest_url.to_string());
                self.restyle();
            }
            Tag::Image { .. } => {
                self.style.image = true;
                self.inline("[image: ", &self.style.clone(), offset);
            }
            Tag::MetadataBlock(_) => self.metadata = Some(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                self.finish_leaf()
            }
            TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.finish_leaf();
                self.containers.pop();
            }
            TagEnd::List(_) => {
                self.finish_leaf();
                self.lists.pop();
            }
            TagEnd::TableHead => self.with_table(|t| {
                t.in_head = false;
            }),
            TagEnd::TableCell => self.with_table(|t| {
                let cell = t.cell.take().unwrap_or_default();
                if t.in_head {
                    t.header.push(cell);
                } else if let Some(row) = t.rows.last_mut() {
                    row.push(cell);
                }
            }),
            TagEnd::Table => {
                if let Some((t, offset)) = self.table.take() {
                    let kind = BlockKind::Table(Box::new(Table::new(t.align, t.header, t.rows)));
                    self.push_block(kind, offset);
                }
            }
            TagEnd::Emphasis => {
                self.emphasis = self.emphasis.saturating_sub(1);
                self.restyle();
            }
            TagEnd::Strong => {
                self.strong = self.strong.saturating_sub(1);
                self.restyle();
            }
            TagEnd::Strikethrough => {
                self.strike = self.strike.saturating_sub(1);
                self.restyle();
            }
            TagEnd::Link => {
                self.links.pop();
                self.restyle();
            }
            TagEnd::Image => {
                self.inline("]", &self.style.clone(), 0);
                self.style.image = false;
            }
            TagEnd::MetadataBlock(_) => {
                if let Some(body) = self.metadata.take() {
                    self.front = FrontMatter::parse(&body);
                }
            }
            _ => {}
        }
    }

    fn restyle(&mut self) {
        self.style.emphasis = self.emphasis > 0;
        self.style.strong = self.strong > 0;
        self.style.strikethrough = self.strike > 0;
        self.style.link = self.links.last().cloned();
    }

    fn with_table(&mut self, f: impl FnOnce(&mut TableBuilder)) {
        if let Some((t, _)) = self.table.as_mut() {
            f(t);
        }
    }

    fn text(&mut self, t: &str, offset: usize) {
        if let Some(body) = self.metadata.as_mut() {
            body.push_str(t);
            return;
        }
        if let Some((Leaf::Code(_, code), _)) = self.leaf.as_mut() {
            code.push_str(t);
            return;
        }
        self.inline(t, &self.style.clone(), offset);
    }

    /// Adds inline text to the open table cell or leaf, opening a paragraph when text comes
    /// straight inside a list item (tight lists have no paragraph events).
    fn inline(&mut self, t: &str, style: &Style, offset: usize) {
        if let Some((table, _)) = self.table.as_mut() {
            if let Some(cell) = table.cell.as_mut() {
                cell.push(t, style);
            }
            return;
        }
        if self.leaf.is_none() {
            self.open_leaf(Leaf::Paragraph(Text::default()), offset);
        }
        match self.leaf.as_mut() {
            Some((Leaf::Paragraph(text) | Leaf::Heading(_, text), _)) => match &self.source {
                Some(source) => text.push_from(source, t, style),
                None => text.push(t, style),
            },
            Some((Leaf::Code(_, code), _)) => code.push_str(t),
            None => {}
        }
    }

    fn open_leaf(&mut self, leaf: Leaf, offset: usize) {
        self.finish_leaf();
        self.leaf = Some((leaf, offset));
    }

    fn finish_leaf(&mut self) {
        let Some((leaf, offset)) = self.leaf.take() else {
            return;
        };
        let kind = match leaf {
            Leaf::Paragraph(text) => {
                if text.is_empty() {
                    return;
                }
                BlockKind::Paragraph(text.trimmed())
            }
            Leaf::Heading(level, text) => BlockKind::Heading {
                level,
                text: text.trimmed(),
            },
            Leaf::Code(lang, mut code) => {
                if code.ends_with('\n') {
                    code.pop();
                }
                BlockKind::Code(Box::new(Code { lang, text: code }))
            }
        };
        self.push_block(kind, offset);
    }

    fn push_block(&mut self, kind: BlockKind, offset: usize) {
        let mut block = Block::new(kind, self.lines.line(offset));
        block.set_containers(kept_containers(&self.containers));
        // Markers are drawn on an item's first block only; only the innermost ones can still
        // be first, so only they are visited (a deep stack costs nothing per block).
        let n = self.containers.len();
        for c in &mut self.containers[n.saturating_sub(MAX_KEPT_DEPTH)..] {
            match c {
                Container::ListItem { first, .. } | Container::Footnote { first, .. } => {
                    *first = false
                }
                Container::Quote => {}
            }
        }
        self.blocks.push(block);
    }

    fn into_essay(mut self, fallback_title: &str) -> Essay {
        let mut title = self.front.title.clone();
        if title.is_none()
            && let Some(t) = lone_top_heading(&self.blocks)
        {
            title = Some(t);
            self.blocks.remove(0);
        }
        let opening = title.clone().unwrap_or_else(|| fallback_title.to_string());
        self.blocks.iter_mut().for_each(Block::link_bare_urls);
        let sections = sections::build(&self.blocks, &opening);
        Essay {
            title,
            subtitle: self.front.title_block(),
            lang: self.front.lang,
            format: Format::Markdown,
            blocks: self.blocks,
            sections,
        }
    }
}

/// Containers kept on a block: all of them up to this depth; beyond it the outermost and
/// innermost halves. Nobody reads text nested deeper, and a document nested ten thousand
/// deep must not copy ten thousand containers into every block.
const MAX_KEPT_DEPTH: usize = 64;

fn kept_containers(stack: &[Container]) -> Vec<Container> {
    if stack.len() <= MAX_KEPT_DEPTH {
        return stack.to_vec();
    }
    let half = MAX_KEPT_DEPTH / 2;
    stack[..half]
        .iter()
        .chain(&stack[stack.len() - half..])
        .cloned()
        .collect()
}

/// The text of the first block when it is the essay's only level-1 heading, outside any
/// container: the author's title, written as a heading.
fn lone_top_heading(blocks: &[Block]) -> Option<String> {
    let first = blocks.first()?;
    let BlockKind::Heading { level: 1, text } = &first.kind else {
        return None;
    };
    if !first.containers().is_empty() {
        return None;
    }
    let others = blocks[1..]
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Heading { level: 1, .. }));
    let title = text.to_plain();
    (!others && !title.trim().is_empty()).then(|| title.trim().to_string())
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn convert_align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

/// Bullets alternate by nesting depth, as in print.
fn bullet(depth: usize) -> &'static str {
    ["•", "◦", "▪"][depth.saturating_sub(1) % 3]
}
