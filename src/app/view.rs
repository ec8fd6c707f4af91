//! The text pane's state: the layout for the current measure, the first visible line, the
//! focused passage, and the scroll arithmetic. Places on screen are [`Pos`]itions (a block
//! and a row in it), never line numbers counted from the top of the essay: counting those
//! would mean wrapping every block above, and the reader must not pay for an essay's
//! length. Positions that must survive a new width are kept as (block, byte offset)
//! anchors and turned back into places after re-wrapping.

use std::sync::Arc;

use crate::layout::{Hyphens, Layout, Line, Pos};

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

/// Justified text breaks words between syllables, in the essay's language.
fn hyphens_for(doc: &Document, justify: bool) -> Hyphens {
    if justify {
        Hyphens::for_language(doc.essay.lang.as_deref())
    } else {
        Hyphens::Off
    }
}

// Every method that moves through the text takes the document: the layout wraps blocks
// as they are first reached, and needs the essay to do it.
impl TextView {
    pub fn new(doc: &Document, measure: usize, max_measure: usize, justify: bool) -> TextView {
        let hyphens = hyphens_for(doc, justify);
        let layout = Layout::build_with(Arc::clone(&doc.essay), measure, hyphens);
        let mut view = TextView {
            layout,
            max_measure,
            justify,
            top: Pos::default(),
            height: 1,
            focus: 0,
        };
        view.top = view.start();
        view.focus = view.first_passage_from(0).unwrap_or(0);
        view
    }

    pub fn measure(&self) -> usize {
        self.layout.width
    }

    /// The first line of the essay.
    pub fn start(&self) -> Pos {
        self.layout.start()
    }

    /// Just past the last line.
    pub fn end(&self) -> Pos {
        self.layout.end()
    }

    /// Whether the first line is at the top.
    pub fn at_start(&self) -> bool {
        self.top <= self.start()
    }

    /// The place `n` lines below `pos`, at most the end.
    pub fn forward(&self, pos: Pos, n: usize) -> Pos {
        self.layout.forward(pos, n)
    }

    /// The place `n` lines above `pos`, at least the first line.
    pub fn back(&self, pos: Pos, n: usize) -> Pos {
        self.layout.back(pos, n)
    }

    /// The visible lines, top first, with their places.
    pub fn visible(&self) -> impl Iterator<Item = (Pos, &Line)> {
        let mut pos = self.layout.normalize(self.top);
        (0..self.height).map_while(move |_| {
            let line = self.layout.line(pos)?;
            let here = pos;
            pos = self.layout.forward(pos, 1);
            Some((here, line))
        })
    }

    /// The anchor of the first visible line.
    pub fn top_anchor(&self) -> Anchor {
        self.anchor_at(self.top)
    }

    /// The anchor of the line at `pos`.
    pub fn anchor_at(&self, pos: Pos) -> Anchor {
        let block = self.layout.block_at(pos).unwrap_or(0);
        let offset = self
            .layout
            .line(pos)
            .filter(|l| l.block == Some(block))
            .map_or(0, |l| l.offset);
        Anchor { block, offset }
    }

    /// The line an anchor falls on in the current layout.
    pub fn pos_of(&self, anchor: Anchor) -> Pos {
        if self.layout.essay().blocks.is_empty() {
            return self.start();
        }
        let block = anchor.block.min(self.layout.essay().blocks.len() - 1);
        self.layout.pos_of(block, anchor.offset)
    }

    /// The first line of block `block`'s text.
    pub fn block_start(&self, block: usize) -> Pos {
        self.layout.block_start(block)
    }

    /// The line where section `section` starts (its heading; the essay's first line for
    /// the opening section).
    pub fn section_start(&self, section: usize) -> Pos {
        match self.layout.essay().sections.get(section) {
            Some(s) if section > 0 || s.heading.is_some() => self.block_start(s.start),
            Some(_) => self.start(),
            None => self.end(),
        }
    }

    /// Re-wraps at `measure` when it changed, keeping the passage at the top in place.
    pub fn set_measure(&mut self, measure: usize) {
        if measure == self.measure() {
            return;
        }
        self.relayout(self.layout.at_width(measure));
    }

    /// Sets the text justified or ragged right. Justified text is hyphenated (so that its
    /// lines fill without wide gaps) and ragged text is not, so the text is wrapped again,
    /// the passage at the top kept in place.
    pub fn set_justify(&mut self, doc: &Document, justify: bool) {
        self.justify = justify;
        let hyphens = hyphens_for(doc, justify);
        if hyphens != self.layout.hyphens {
            self.relayout(self.layout.with_hyphens(hyphens));
        }
    }

    /// Puts `layout` in place of the current one, keeping the passage at the top.
    fn relayout(&mut self, layout: Layout) {
        let anchor = self.top_anchor();
        let at_start = self.at_start();
        self.layout = layout;
        self.top = if at_start {
            self.start()
        } else {
            self.pos_of(anchor)
        };
        self.clamp_scroll();
    }

    /// The furthest a scroll may go: the last page. Jumps to a heading may go further, so
    /// that a short last section can still stand at the top.
    pub fn max_top(&self) -> Pos {
        self.back(self.end(), self.height)
    }

    /// The last line.
    fn last_line(&self) -> Pos {
        self.back(self.end(), 1)
    }

    fn clamp_scroll(&mut self) {
        self.top = self.layout.normalize(self.top);
        if self.top >= self.end() {
            self.top = self.last_line();
        }
    }

    /// Scrolls by `delta` lines; never past the last page (unless already there by a jump).
    pub fn scroll(&mut self, delta: i64) {
        let n = delta.unsigned_abs() as usize;
        self.top = if delta < 0 {
            self.back(self.top, n)
        } else {
            let limit = self.max_top().max(self.top);
            self.forward(self.top, n).min(limit)
        };
        self.follow_focus();
    }

    /// Puts `pos` at the top (as far as the essay allows).
    pub fn jump_to(&mut self, pos: Pos) {
        self.top = pos;
        self.clamp_scroll();
        self.follow_focus();
    }

    /// Makes `pos` visible, placing it a third of the way down when it was off screen.
    pub fn reveal(&mut self, pos: Pos) {
        if pos < self.top || pos >= self.bottom() {
            // The last page always holds `pos`, so the clamp keeps it visible.
            self.top = self.back(pos, self.height / 3).min(self.max_top());
        }
        self.follow_focus();
    }

    /// The section being read.
    ///
    /// It is the section of the focused passage: the focus follows scrolling (it moves on
    /// when its passage leaves the screen), jumps, `}`/`{` and search matches, so the outline
    /// and the status line say where the reader is reading, not just what is at the top. A
    /// jump to a heading with no text of its own (a part title over a chapter) names the
    /// heading while it stands at the top.
    pub fn current_section(&self) -> usize {
        let by_focus = self
            .layout
            .essay()
            .section_of_block(self.focus)
            .unwrap_or(0);
        let at_top = self.section_at(self.top);
        // A heading at the very top whose section has no passage before the focus's.
        if at_top > by_focus && self.section_start(at_top) == self.top {
            return at_top;
        }
        by_focus
    }

    /// The last section starting at or above `pos` (binary search: sections start in
    /// order, and finding where one starts lays nothing out but its heading).
    pub fn section_at(&self, pos: Pos) -> usize {
        let (mut lo, mut hi) = (0, self.layout.essay().sections.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.section_start(mid) <= pos {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo.saturating_sub(1)
    }

    /// Moves the focus to the first passage at or after block `block` (the start of a
    /// section the reader jumped to).
    pub fn focus_from(&mut self, block: usize) {
        if let Some(b) = self.first_passage_from(block) {
            self.focus = b;
        }
    }

    /// Moves the focus to the essay's last passage (the reader went to the end).
    pub fn focus_last(&mut self) {
        if let Some(b) = (0..self.layout.essay().blocks.len())
            .rev()
            .find(|&b| self.layout.essay().is_passage(b))
        {
            self.focus = b;
        }
    }

    /// Just past the last line on screen.
    pub fn bottom(&self) -> Pos {
        self.forward(self.top, self.height)
    }

    /// Whether some line of block `block` is on screen.
    pub fn shows(&self, block: usize) -> bool {
        let start = self.layout.block_start(block);
        let end = self.layout.block_end(block);
        start < end && start < self.bottom() && end > self.top
    }

    /// Keeps the focus on a passage that is on screen: when scrolling leaves it behind, the
    /// first passage that starts on screen takes it (or the one the screen is inside).
    pub fn follow_focus(&mut self) {
        if self.shows(self.focus) && self.layout.essay().is_passage(self.focus) {
            return;
        }
        let first = self.layout.block_at(self.top).unwrap_or(0);
        let bottom = self.bottom();
        let candidate = self
            .first_passage_from(first)
            .filter(|&b| self.block_start(b) < bottom);
        if let Some(b) = candidate {
            self.focus = b;
        }
    }

    fn first_passage_from(&self, block: usize) -> Option<usize> {
        (block..self.layout.essay().blocks.len()).find(|&b| self.layout.essay().is_passage(b))
    }

    /// Moves the focus `forward` or back by one passage, scrolling to show it.
    pub fn step_focus(&mut self, forward: bool) -> bool {
        let next = if forward {
            (self.focus + 1..self.layout.essay().blocks.len())
                .find(|&b| self.layout.essay().is_passage(b))
        } else {
            (0..self.focus)
                .rev()
                .find(|&b| self.layout.essay().is_passage(b))
        };
        let Some(next) = next else { return false };
        self.focus = next;
        let (start, end) = (self.layout.block_start(next), self.layout.block_end(next));
        if start < self.top || end > self.bottom() {
            // Show the whole passage if it fits, else its start; keep a line of context.
            let above = self.back(start, 1);
            self.top = if forward && self.layout.block_height(next) < self.height {
                self.top.max(self.back(end, self.height)).min(above)
            } else {
                above
            };
        }
        true
    }

    /// Words above `pos`: those of the blocks above it, and of its own block the share of
    /// its lines above `pos`.
    pub fn words_above(&self, doc: &Document, pos: Pos) -> usize {
        let pos = self.layout.normalize(pos);
        if pos >= self.end() {
            return doc.total_words();
        }
        let Some((block, row)) = self.layout.block_row(pos) else {
            return 0;
        };
        let before = doc.words_before[block];
        let own = doc.words_before[block + 1] - before;
        let height = self.layout.block_height(block).max(1);
        before + own * row / height
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

    fn lines_on_screen(view: &TextView) -> usize {
        view.visible().count()
    }

    #[test]
    fn scrolling_stays_between_the_start_and_the_last_page() {
        let (_doc, mut view) = view_on(3, 5, 10);
        view.scroll(-5);
        assert!(view.at_start(), "no scrolling above the title");
        view.scroll(100_000);
        assert_eq!(view.top, view.max_top(), "the last page at most");
        assert_eq!(lines_on_screen(&view), 10, "a full last page");
        view.scroll(1);
        assert_eq!(view.top, view.max_top());
        view.scroll(-3);
        assert_eq!(view.forward(view.top, 3), view.max_top());
    }

    #[test]
    fn the_focus_follows_the_text_off_screen() {
        let (doc, mut view) = view_on(3, 8, 8);
        let first = view.focus;
        assert!(doc.is_passage(first));
        view.scroll(20);
        assert_ne!(view.focus, first, "the first passage scrolled away");
        assert!(view.shows(view.focus), "the focus is on screen");
        assert!(doc.is_passage(view.focus));
    }

    #[test]
    fn a_passage_off_screen_is_revealed_a_third_of_the_way_down() {
        let (_doc, mut view) = view_on(4, 8, 12);
        let far = view.block_start(30);
        view.reveal(far);
        assert_eq!(view.forward(view.top, 4), far);
        let top = view.top;
        let near = view.forward(top, 2);
        view.reveal(near);
        assert_eq!(view.top, top, "what is on screen does not move");
    }

    #[test]
    fn stepping_the_focus_shows_the_passage_and_stops_at_the_ends() {
        let (_doc, mut view) = view_on(2, 10, 6);
        assert!(!view.step_focus(false), "nothing before the first passage");
        let mut steps = 0;
        while view.step_focus(true) {
            steps += 1;
            let (start, end) = (
                view.block_start(view.focus),
                view.layout.block_end(view.focus),
            );
            assert!(start >= view.top && end <= view.bottom(), "step {steps}");
        }
        assert_eq!(steps, 19, "every passage once");
        assert!(!view.step_focus(true), "nothing after the last passage");
    }

    #[test]
    fn a_new_measure_keeps_the_passage_at_the_top() {
        let (_doc, mut view) = view_on(3, 8, 10);
        view.scroll(37);
        let before = view.top_anchor();
        view.set_measure(25);
        let after = view.top_anchor();
        assert_eq!(after.block, before.block);
        assert!(after.offset <= before.offset);
        view.set_measure(70);
        assert_eq!(view.top_anchor().block, before.block);
    }

    #[test]
    fn a_jump_past_the_end_lands_on_the_last_line() {
        let (_doc, mut view) = view_on(2, 3, 10);
        view.jump_to(view.end());
        assert!(view.top < view.end());
        assert_eq!(view.forward(view.top, 1), view.end());
    }

    #[test]
    fn the_section_read_is_the_focused_passages() {
        let (doc, mut view) = view_on(3, 6, 10);
        let second = doc.essay.sections[2].start;
        view.jump_to(view.block_start(second));
        view.focus_from(second);
        assert_eq!(view.current_section(), 2);
        assert!(view.step_focus(false));
        assert_eq!(view.current_section(), 1, "the focus went back a section");
    }

    #[test]
    fn words_above_grow_down_the_essay() {
        let (doc, view) = view_on(2, 5, 10);
        let mut pos = view.start();
        let mut last = 0;
        while pos < view.end() {
            let words = view.words_above(&doc, pos);
            assert!(words >= last);
            last = words;
            pos = view.forward(pos, 1);
        }
        assert_eq!(view.words_above(&doc, view.end()), doc.total_words());
    }
}
