//! The text pane's state: the layout for the current measure, the first visible line, the
//! focused passage, and the scroll arithmetic. Places on screen are [`Pos`]itions (a block
//! and a row in it), never line numbers counted from the top of the essay: counting those
//! would mean wrapping every block above, and the reader must not pay for an essay's
//! length. Positions that must survive a new width are kept as (block, byte offset)
//! anchors and turned back into places after re-wrapping.

use crate::layout::{Layout, Line, Pos};

use super::document::Document;

/// A place in the text that does not depend on the width: a block and a byte offset in
/// its plain text. The type lives with the re-attachment below the reader, so that kept
/// positions, which are plain data, can hold it; the reader calls it an anchor.
pub use crate::text::reattach::Place as Anchor;

pub struct TextView {
    pub layout: Layout,
    /// Widest measure the reader asked for (`--width`, 72 by default).
    pub max_measure: usize,
    pub justify: bool,
    /// First visible line.
    pub top: Pos,
    /// Rows the text pane shows.
    pub height: usize,
    /// The focused passage (a block index), where notes attach.
    pub focus: usize,
}

// Every method that moves through the text takes the document: the layout wraps blocks
// as they are first reached, and needs the essay to do it.
impl TextView {
    pub fn new(doc: &Document, measure: usize, max_measure: usize, justify: bool) -> TextView {
        let layout = Layout::build(&doc.essay, measure);
        let mut view = TextView {
            layout,
            max_measure,
            justify,
            top: Pos::default(),
            height: 1,
            focus: 0,
        };
        view.top = view.start(doc);
        view.focus = view.first_passage_from(doc, 0).unwrap_or(0);
        view
    }

    pub fn measure(&self) -> usize {
        self.layout.width
    }

    /// The first line of the essay.
    pub fn start(&self, doc: &Document) -> Pos {
        self.layout.start(&doc.essay)
    }

    /// Just past the last line.
    pub fn end(&self) -> Pos {
        self.layout.end()
    }

    /// Whether the first line is at the top.
    pub fn at_start(&self, doc: &Document) -> bool {
        self.top <= self.start(doc)
    }

    /// The place `n` lines below `pos`, at most the end.
    pub fn forward(&self, doc: &Document, pos: Pos, n: usize) -> Pos {
        self.layout.forward(&doc.essay, pos, n)
    }

    /// The place `n` lines above `pos`, at least the first line.
    pub fn back(&self, doc: &Document, pos: Pos, n: usize) -> Pos {
        self.layout.back(&doc.essay, pos, n)
    }

    /// The visible lines, top first, with their places.
    pub fn visible<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = (Pos, &'a Line)> {
        let essay = &doc.essay;
        let mut pos = self.layout.normalize(essay, self.top);
        (0..self.height).map_while(move |_| {
            let line = self.layout.line(essay, pos)?;
            let here = pos;
            pos = self.layout.forward(essay, pos, 1);
            Some((here, line))
        })
    }

    /// The anchor of the first visible line.
    pub fn top_anchor(&self, doc: &Document) -> Anchor {
        let block = self.layout.block_at(&doc.essay, self.top).unwrap_or(0);
        let offset = self
            .layout
            .line(&doc.essay, self.top)
            .filter(|l| l.block == Some(block))
            .map_or(0, |l| l.offset);
        Anchor { block, offset }
    }

    /// The line an anchor falls on in the current layout.
    pub fn pos_of(&self, doc: &Document, anchor: Anchor) -> Pos {
        if doc.essay.blocks.is_empty() {
            return self.start(doc);
        }
        let block = anchor.block.min(doc.essay.blocks.len() - 1);
        self.layout.pos_of(&doc.essay, block, anchor.offset)
    }

    /// The first line of block `block`'s text.
    pub fn block_start(&self, doc: &Document, block: usize) -> Pos {
        self.layout.block_start(&doc.essay, block)
    }

    /// The line where section `section` starts (its heading; the essay's first line for
    /// the opening section).
    pub fn section_start(&self, doc: &Document, section: usize) -> Pos {
        match doc.essay.sections.get(section) {
            Some(s) if section > 0 || s.heading.is_some() => self.block_start(doc, s.start),
            Some(_) => self.start(doc),
            None => self.end(),
        }
    }

    /// Re-wraps at `measure` when it changed, keeping the passage at the top in place.
    pub fn set_measure(&mut self, doc: &Document, measure: usize) {
        if measure == self.measure() {
            return;
        }
        let anchor = self.top_anchor(doc);
        let at_start = self.at_start(doc);
        self.layout = Layout::build(&doc.essay, measure);
        self.top = if at_start {
            self.start(doc)
        } else {
            self.pos_of(doc, anchor)
        };
        self.clamp_scroll(doc);
    }

    /// The furthest a scroll may go: the last page. Jumps to a heading may go further, so
    /// that a short last section can still stand at the top.
    pub fn max_top(&self, doc: &Document) -> Pos {
        self.back(doc, self.end(), self.height)
    }

    /// The last line.
    fn last_line(&self, doc: &Document) -> Pos {
        self.back(doc, self.end(), 1)
    }

    fn clamp_scroll(&mut self, doc: &Document) {
        self.top = self.layout.normalize(&doc.essay, self.top);
        if self.top >= self.end() {
            self.top = self.last_line(doc);
        }
    }

    /// Scrolls by `delta` lines; never past the last page (unless already there by a jump).
    pub fn scroll(&mut self, doc: &Document, delta: i64) {
        let n = delta.unsigned_abs() as usize;
        self.top = if delta < 0 {
            self.back(doc, self.top, n)
        } else {
            let limit = self.max_top(doc).max(self.top);
            self.forward(doc, self.top, n).min(limit)
        };
        self.follow_focus(doc);
    }

    /// Puts `pos` at the top (as far as the essay allows).
    pub fn jump_to(&mut self, doc: &Document, pos: Pos) {
        self.top = pos;
        self.clamp_scroll(doc);
        self.follow_focus(doc);
    }

    /// Makes `pos` visible, placing it a third of the way down when it was off screen.
    pub fn reveal(&mut self, doc: &Document, pos: Pos) {
        if pos < self.top || pos >= self.bottom(doc) {
            // The last page always holds `pos`, so the clamp keeps it visible.
            self.top = self.back(doc, pos, self.height / 3).min(self.max_top(doc));
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
        let at_top = self.section_at(doc, self.top);
        // A heading at the very top whose section has no passage before the focus's.
        if at_top > by_focus && self.section_start(doc, at_top) == self.top {
            return at_top;
        }
        by_focus
    }

    /// The last section starting at or above `pos` (binary search: sections start in
    /// order, and finding where one starts lays nothing out but its heading).
    pub fn section_at(&self, doc: &Document, pos: Pos) -> usize {
        let (mut lo, mut hi) = (0, doc.essay.sections.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.section_start(doc, mid) <= pos {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo.saturating_sub(1)
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

    /// Just past the last line on screen.
    pub fn bottom(&self, doc: &Document) -> Pos {
        self.forward(doc, self.top, self.height)
    }

    /// Whether some line of block `block` is on screen.
    pub fn shows(&self, doc: &Document, block: usize) -> bool {
        let essay = &doc.essay;
        let start = self.layout.block_start(essay, block);
        let end = self.layout.block_end(essay, block);
        start < end && start < self.bottom(doc) && end > self.top
    }

    /// Keeps the focus on a passage that is on screen: when scrolling leaves it behind, the
    /// first passage that starts on screen takes it (or the one the screen is inside).
    pub fn follow_focus(&mut self, doc: &Document) {
        if self.shows(doc, self.focus) && doc.is_passage(self.focus) {
            return;
        }
        let first = self.layout.block_at(&doc.essay, self.top).unwrap_or(0);
        let bottom = self.bottom(doc);
        let candidate = self
            .first_passage_from(doc, first)
            .filter(|&b| self.block_start(doc, b) < bottom);
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
        let essay = &doc.essay;
        let (start, end) = (
            self.layout.block_start(essay, next),
            self.layout.block_end(essay, next),
        );
        if start < self.top || end > self.bottom(doc) {
            // Show the whole passage if it fits, else its start; keep a line of context.
            let above = self.back(doc, start, 1);
            self.top = if forward && self.layout.block_height(essay, next) < self.height {
                self.top.max(self.back(doc, end, self.height)).min(above)
            } else {
                above
            };
        }
        true
    }

    /// Words above `pos`: those of the blocks above it, and of its own block the share of
    /// its lines above `pos`.
    pub fn words_above(&self, doc: &Document, pos: Pos) -> usize {
        let pos = self.layout.normalize(&doc.essay, pos);
        if pos >= self.end() {
            return doc.total_words();
        }
        if pos.unit == 0 {
            return 0;
        }
        let block = pos.unit - 1;
        let before = doc.words_before[block];
        let own = doc.words_before[block + 1] - before;
        let gap = crate::layout::gap_before(&doc.essay, block);
        let height = self.layout.block_height(&doc.essay, block).max(1);
        before + own * pos.row.saturating_sub(gap) / height
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::Essay;

    /// An essay of `sections` sections of `paragraphs` paragraphs each, in a view of
    /// `height` rows at 40 columns.
    fn view_on(sections: usize, paragraphs: usize, height: usize) -> (Document, TextView) {
        let mut text = String::from("# Title\n\n");
        for s in 0..sections {
            text.push_str(&format!("## Section {s}\n\n"));
            for p in 0..paragraphs {
                text.push_str(&format!(
                    "Paragraph {p} of section {s} is long enough to take two or three lines.\n\n"
                ));
            }
        }
        let doc = Document::new(
            Essay::parse(&text, crate::Format::Markdown, "t"),
            "t".into(),
        );
        let mut view = TextView::new(&doc, 40, 40, false);
        view.height = height;
        (doc, view)
    }

    fn lines_on_screen(view: &TextView, doc: &Document) -> usize {
        view.visible(doc).count()
    }

    #[test]
    fn scrolling_stays_between_the_start_and_the_last_page() {
        let (doc, mut view) = view_on(3, 5, 10);
        view.scroll(&doc, -5);
        assert!(view.at_start(&doc), "no scrolling above the title");
        view.scroll(&doc, 100_000);
        assert_eq!(view.top, view.max_top(&doc), "the last page at most");
        assert_eq!(lines_on_screen(&view, &doc), 10, "a full last page");
        view.scroll(&doc, 1);
        assert_eq!(view.top, view.max_top(&doc));
        view.scroll(&doc, -3);
        assert_eq!(view.forward(&doc, view.top, 3), view.max_top(&doc));
    }

    #[test]
    fn the_focus_follows_the_text_off_screen() {
        let (doc, mut view) = view_on(3, 8, 8);
        let first = view.focus;
        assert!(doc.is_passage(first));
        view.scroll(&doc, 20);
        assert_ne!(view.focus, first, "the first passage scrolled away");
        assert!(view.shows(&doc, view.focus), "the focus is on screen");
        assert!(doc.is_passage(view.focus));
    }

    #[test]
    fn a_passage_off_screen_is_revealed_a_third_of_the_way_down() {
        let (doc, mut view) = view_on(4, 8, 12);
        let far = view.block_start(&doc, 30);
        view.reveal(&doc, far);
        assert_eq!(view.forward(&doc, view.top, 4), far);
        let top = view.top;
        let near = view.forward(&doc, top, 2);
        view.reveal(&doc, near);
        assert_eq!(view.top, top, "what is on screen does not move");
    }

    #[test]
    fn stepping_the_focus_shows_the_passage_and_stops_at_the_ends() {
        let (doc, mut view) = view_on(2, 10, 6);
        assert!(
            !view.step_focus(&doc, false),
            "nothing before the first passage"
        );
        let mut steps = 0;
        while view.step_focus(&doc, true) {
            steps += 1;
            let (start, end) = (
                view.block_start(&doc, view.focus),
                view.layout.block_end(&doc.essay, view.focus),
            );
            assert!(
                start >= view.top && end <= view.bottom(&doc),
                "step {steps}"
            );
        }
        assert_eq!(steps, 19, "every passage once");
        assert!(
            !view.step_focus(&doc, true),
            "nothing after the last passage"
        );
    }

    #[test]
    fn a_new_measure_keeps_the_passage_at_the_top() {
        let (doc, mut view) = view_on(3, 8, 10);
        view.scroll(&doc, 37);
        let before = view.top_anchor(&doc);
        view.set_measure(&doc, 25);
        let after = view.top_anchor(&doc);
        assert_eq!(after.block, before.block);
        assert!(after.offset <= before.offset);
        view.set_measure(&doc, 70);
        assert_eq!(view.top_anchor(&doc).block, before.block);
    }

    #[test]
    fn a_jump_past_the_end_lands_on_the_last_line() {
        let (doc, mut view) = view_on(2, 3, 10);
        view.jump_to(&doc, view.end());
        assert!(view.top < view.end());
        assert_eq!(view.forward(&doc, view.top, 1), view.end());
    }

    #[test]
    fn the_section_read_is_the_focused_passages() {
        let (doc, mut view) = view_on(3, 6, 10);
        let second = doc.essay.sections[2].start;
        view.jump_to(&doc, view.block_start(&doc, second));
        view.focus_from(&doc, second);
        assert_eq!(view.current_section(&doc), 2);
        assert!(view.step_focus(&doc, false));
        assert_eq!(
            view.current_section(&doc),
            1,
            "the focus went back a section"
        );
    }

    #[test]
    fn words_above_grow_down_the_essay() {
        let (doc, view) = view_on(2, 5, 10);
        let mut pos = view.start(&doc);
        let mut last = 0;
        while pos < view.end() {
            let words = view.words_above(&doc, pos);
            assert!(words >= last);
            last = words;
            pos = view.forward(&doc, pos, 1);
        }
        assert_eq!(view.words_above(&doc, view.end()), doc.total_words());
    }
}
