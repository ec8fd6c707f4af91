//! Units into blocks: headings, scene breaks, the rule before readers' comments, and
//! paragraphs, a line carrying on the one before where it may.
//!
//! Decided in reading order (whether a line carries on a paragraph depends on the lines
//! before it), then built from the end, so that the table of units, as long as the file's
//! lines, is given back while the blocks that replace it grow: a long essay of short
//! paragraphs never holds both whole.

use std::borrow::Cow;
use std::sync::Arc;

use super::line_rules::{is_bullet, starts_lowercase};
use super::units::{Unit, UnitKind};
use crate::essay::model::{Block, BlockKind, Container, Style, Text, offset_in};

/// What a unit becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Heading(u8),
    /// A scene break, drawn as a rule.
    Break,
    /// The first line of a paragraph.
    Starts,
    /// A line that carries on the paragraph above.
    Joins,
}

/// A unit's step, and whether the rule before readers' comments comes before it.
type Decision = (Step, bool);

/// Each unit's step, in reading order.
fn decide(units: &[Unit], levels: &[Option<u8>], blank_separated: bool) -> Vec<Decision> {
    let mut out = Vec::with_capacity(units.len());
    let mut in_trailer = false;
    // Whether the next unit may join the open paragraph (`None`: none is open).
    let mut open: Option<bool> = None;
    let mut last_indent = 0;
    for (unit, level) in units.iter().zip(levels) {
        let rule = unit.trailer && !in_trailer;
        if rule {
            in_trailer = true;
            open = None;
        }
        let step = if let Some(level) = level {
            Step::Heading(*level)
        } else if unit.kind == UnitKind::Break {
            Step::Break
        } else if open == Some(true) && continues_paragraph(unit, last_indent, blank_separated) {
            Step::Joins
        } else {
            Step::Starts
        };
        if let Step::Heading(_) | Step::Break = step {
            open = None;
        } else {
            // With blank-line paragraphs, a blank line closes the paragraph.
            open = Some(!unit.blank_after || !blank_separated);
            last_indent = unit.indent;
        }
        out.push((step, rule));
    }
    out
}

/// The blocks of `units` after the first `skip` (the title's), whose heading levels are
/// `levels`. Units are given back as they are used.
pub fn build(
    source: &Arc<String>,
    mut units: Vec<Unit>,
    levels: &[Option<u8>],
    skip: usize,
    blank_separated: bool,
) -> Vec<Block> {
    let skip = skip.min(units.len());
    let decisions = decide(&units[skip..], &levels[skip..], blank_separated);
    // A block per unit at the most, and a rule before readers' comments.
    let mut blocks: Vec<Block> = Vec::with_capacity(units.len() - skip + 1);
    // The lines of the paragraph being gathered, its last line first.
    let mut paragraph: Vec<Unit> = Vec::new();
    while units.len() > skip {
        let Some(mut unit) = units.pop() else { break };
        let (step, rule) = decisions[units.len() - skip];
        let line = line_of(&unit);
        match step {
            Step::Heading(level) => {
                let text = unit_text(source, &mut unit.text);
                blocks.push(Block::new(BlockKind::Heading { level, text }, line));
            }
            Step::Break => blocks.push(Block::new(BlockKind::Rule, line)),
            Step::Joins => paragraph.push(unit),
            Step::Starts => {
                let mut block = first_line(source, &mut unit, line);
                if let BlockKind::Paragraph(text) = &mut block.kind {
                    for next in paragraph.drain(..).rev() {
                        join_line(source, text, &next.text);
                    }
                }
                blocks.push(block);
            }
        }
        if rule {
            blocks.push(Block::new(BlockKind::Rule, line));
        }
        // Give back the room of used units a quarter at a time: each shrink copies at most
        // what is left, so all of them together copy the table a few times at the most.
        if units.len() <= units.capacity() / 4 * 3 {
            units.shrink_to_fit();
        }
    }
    blocks.reverse();
    blocks.shrink_to_fit();
    blocks
}

/// A unit's source line; lines are numbered from 1.
fn line_of(unit: &Unit) -> usize {
    unit.first_line as usize + 1
}

/// Whether `unit` carries on the open paragraph as a new line of it. With blank-line
/// paragraphs, lines of one block belong together (verse, a list) unless the line is
/// indented as a new paragraph; with a paragraph per line, only a line starting in lower
/// case carries on.
fn continues_paragraph(unit: &Unit, last_indent: u32, blank_separated: bool) -> bool {
    if is_bullet(&unit.text) {
        return false;
    }
    if blank_separated {
        !unit.blank_before && unit.indent <= last_indent || starts_lowercase(&unit.text)
    } else {
        starts_lowercase(&unit.text)
    }
}

/// `text`, a slice of `source` or not, as a block's text: shared when it is a stretch of
/// the source.
fn shared_text(source: &Arc<String>, text: &str) -> Text {
    match offset_in(source, text) {
        Some(start) => Text::shared(source, start..start + text.len()),
        None => Text::plain(text),
    }
}

/// A unit's text as a block's: shared with the source when the unit is one line, else the
/// joined lines, moved.
fn unit_text(source: &Arc<String>, text: &mut Cow<str>) -> Text {
    match text {
        Cow::Borrowed(line) => shared_text(source, line),
        Cow::Owned(joined) => Text::plain(std::mem::take(joined)),
    }
}

/// Adds `line` to paragraph `text` after a line break: as one stretch of the source when
/// the two follow each other there.
fn join_line(source: &Arc<String>, text: &mut Text, line: &str) {
    if let (Some(range), Some(start)) = (text.shared_range(source), offset_in(source, line))
        && source.get(range.end..start) == Some("\n")
    {
        *text = Text::shared(source, range.start..start + line.len());
        return;
    }
    text.push("\n", &Style::default());
    text.push(line, &Style::default());
}

/// A paragraph block for its first unit; a bulleted line becomes a list item without its
/// bullet.
fn first_line(source: &Arc<String>, unit: &mut Unit, line: usize) -> Block {
    if is_bullet(&unit.text) {
        let bullet = unit.text.chars().next().map_or(0, char::len_utf8);
        let body = shared_text(source, unit.text[bullet..].trim());
        let mut block = Block::new(BlockKind::Paragraph(body), line);
        block.set_containers(vec![Container::ListItem {
            marker: "•".to_string(),
            first: true,
        }]);
        return block;
    }
    Block::new(
        BlockKind::Paragraph(unit_text(source, &mut unit.text)),
        line,
    )
}
