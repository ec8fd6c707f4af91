//! The text pane's state: the layout for the current measure, the first visible line, the
//! focused passage, and the scroll arithmetic. Positions that must survive a new width are
//! kept as (block, byte offset) anchors and turned back into lines after re-wrapping.

use crate::layout::Layout;

use super::document::Document;

/// A place in the text that does not depend on the width: a block and a byte offset in
/// its plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    pub block: usize,
    pub offset: usize,
}

pub struct TextView {
    pub layout: Layout,
    /// Widest measure the reader asked for (`--width`, 72 by default).
    pub max_measure: usize,
    pub justify: bool,
    /// First visible line.
    pub top: usize,
    /// Rows the text pane shows.
    pub height: usize,
    /// The focused passage (a block index), where notes attach.
    pub focus: usize,
    /// First line of each section.
    pub section_lines: Vec<usize>,
}

impl TextView {
    pub fn new(doc: &Document, measure: usize, max_measure: usize, justify: bool) -> TextView {
        let layout = Layout::build(&doc.essay, measure);
        let section_lines = section_lines(doc, &layout);
        let mut view = TextView {
            layout,
            max_measure,
            justify,
            top: 0,
            height: 1,
            focus: 0,
            section_lines,
        };
        view.focus = view.first_passage_from(doc, 0).unwrap_or(0);
        view
    }

    pub fn measure(&self) -> usize {
        self.layout.width
    }

    pub fn line_count(&self) -> usize {
        self.layout.lines.len()
    }

    /// The anchor of the first visible line.
    pub fn top_anchor(&self) -> Anchor {
        let block = self.layout.block_at(self.top).unwrap_or(0);
        let offset = self
            .layout
            .lines
            .get(self.top)
            .filter(|l| l.block == Some(block))
            .map_or(0, |l| l.offset);
        Anchor { block, offset }
    }

    /// The line an anchor falls on in the current layout.
    pub fn line_of(&self, anchor: Anchor) -> usize {
        if self.layout.block_lines.is_empty() {
            return 0;
        }
        let block = anchor.block.min(self.layout.block_lines.len() - 1);
        self.layout.line_of(block, anchor.offset)
    }

    /// Re-wraps at `measure` when it changed, keeping the passage at the top in place.
    pub fn set_measure(&mut self, doc: &Document, measure: usize) {
        if measure == self.measure() {
            return;
        }
        let anchor = self.top_anchor();
        let at_start = self.top == 0;
        self.layout = Layout::build(&doc.essay, measure);
        self.section_lines = section_lines(doc, &self.layout);
        self.top = if at_start { 0 } else { self.line_of(anchor) };
        self.clamp_scroll();
    }

    /// The furthest a scroll may go: the last page. Jumps to a heading may go further, so
    /// that a short last section can still stand at the top.
    pub fn max_top(&self) -> usize {
        self.line_count().saturating_sub(self.height)
    }

    fn clamp_scroll(&mut self) {
        self.top = self.top.min(self.line_count().saturating_sub(1));
    }

    /// Scrolls by `delta` lines; never past the last page (unless already there by a jump).
    pub fn scroll(&mut self, doc: &Document, delta: i64) {
        let limit = self.max_top().max(if delta > 0 { self.top } else { 0 });
        let target = if delta < 0 {
            self.top.saturating_sub(delta.unsigned_abs() as usize)
        } else {
            self.top.saturating_add(delta as usize).min(limit)
        };
        self.top = target;
        self.follow_focus(doc);
    }

    /// Puts line `line` at the top (as far as the essay allows).
    pub fn jump_to_line(&mut self, doc: &Document, line: usize) {
        self.top = line.min(self.line_count().saturating_sub(1));
        self.follow_focus(doc);
    }

    /// Makes `line` visible, placing it a third of the way down when it was off screen.
    pub fn reveal_line(&mut self, doc: &Document, line: usize) {
        if line < self.top || line >= self.top + self.height {
            // The last page always holds `line`, so the clamp keeps it visible.
            self.top = line.saturating_sub(self.height / 3).min(self.max_top());
        }
        self.follow_focus(doc);
    }

    /// The section being read.
    ///
    /// It is the section of the focused passage: the focus follows scrolling (it moves on
    /// when its passage leaves the screen), jumps, `}`/`{` and search matches, so the outline
    /// and the status line say where the reader is reading, not just what is at the top. A
    /// jump to a heading with no text of its own (a part title over a chapter) names the
    /// heading while it stands at the top.
    pub fn current_section(&self, doc: &Document) -> usize {
        let by_focus = doc.essay.section_of_block(self.focus).unwrap_or(0);
        let at_top = self
            .section_lines
            .partition_point(|&l| l <= self.top)
            .saturating_sub(1);
        // A heading at the very top whose section has no passage before the focus's.
        if at_top > by_focus && self.section_lines.get(at_top) == Some(&self.top) {
            return at_top;
        }
        by_focus
    }

    /// Moves the focus to the first passage at or after block `block` (the start of a
    /// section the reader jumped to).
    pub fn focus_from(&mut self, doc: &Document, block: usize) {
        if let Some(b) = self.first_passage_from(doc, block) {
            self.focus = b;
        }
    }

    /// Moves the focus to the essay's last passage (the reader went to the end).
    pub fn focus_last(&mut self, doc: &Document) {
        if let Some(b) = (0..doc.essay.blocks.len())
            .rev()
            .find(|&b| doc.is_passage(b))
        {
            self.focus = b;
        }
    }

    /// The last line on screen (exclusive).
    pub fn bottom(&self) -> usize {
        (self.top + self.height).min(self.line_count())
    }

    /// Keeps the focus on a passage that is on screen: when scrolling leaves it behind, the
    /// first passage that starts on screen takes it (or the one the screen is inside).
    pub fn follow_focus(&mut self, doc: &Document) {
        let range = self.layout.block_range(self.focus);
        let visible = range.start < self.bottom() && range.end > self.top;
        if visible && doc.is_passage(self.focus) {
            return;
        }
        let first = self.layout.block_at(self.top).unwrap_or(0);
        let candidate = self
            .first_passage_from(doc, first)
            .filter(|&b| self.layout.block_range(b).start < self.bottom());
        if let Some(b) = candidate {
            self.focus = b;
        }
    }

    fn first_passage_from(&self, doc: &Document, block: usize) -> Option<usize> {
        (block..doc.essay.blocks.len()).find(|&b| doc.is_passage(b))
    }

    /// Moves the focus `forward` or back by one passage, scrolling to show it.
    pub fn step_focus(&mut self, doc: &Document, forward: bool) -> bool {
        let next = if forward {
            (self.focus + 1..doc.essay.blocks.len()).find(|&b| doc.is_passage(b))
        } else {
            (0..self.focus).rev().find(|&b| doc.is_passage(b))
        };
        let Some(next) = next else { return false };
        self.focus = next;
        let range = self.layout.block_range(next);
        if range.start < self.top || range.end > self.bottom() {
            // Show the whole passage if it fits, else its start; keep a line of context.
            let start = range.start.saturating_sub(1);
            self.top = if forward && range.len() < self.height {
                self.top
                    .max(range.end.saturating_sub(self.height))
                    .min(start)
            } else {
                start
            };
        }
        true
    }
}

fn section_lines(doc: &Document, layout: &Layout) -> Vec<usize> {
    doc.essay
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i == 0 && s.heading.is_none() {
                0
            } else {
                layout.block_lines.get(s.start).copied().unwrap_or(0)
            }
        })
        .collect()
}
