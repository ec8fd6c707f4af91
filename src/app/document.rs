//! The essay with what the reader derives from it once, whatever the width: word counts
//! (for percentages and minutes left).

use std::sync::Arc;

use crate::essay::{BlockKind, Essay, Plain, stats};
use crate::text::reattach::Blocks;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Shared with the layouts made of it, each of which keeps the essay it was made for.
    pub essay: Arc<Essay>,
    /// Shown when the essay has no title (the file name).
    pub fallback_title: String,
    /// Words in blocks before block `i`; one more entry holds the total.
    pub words_before: Vec<usize>,
    /// Only the start of a long essay, shown while the rest is read: no notes yet, and
    /// no percentages or end to go to.
    pub partial: bool,
    /// In a partial document, the first block of the essay's end (see `Essay::preview`).
    pub tail_from: Option<usize>,
}

/// Kept positions and drafts are found again in the blocks' plain texts.
impl Blocks for Document {
    fn count(&self) -> usize {
        self.essay.blocks.len()
    }

    fn text(&self, block: usize) -> &str {
        self.essay.plain().get(block).unwrap_or("")
    }
}

impl Document {
    pub fn new(essay: Essay, fallback_title: String) -> Document {
        let mut words_before = Vec::with_capacity(essay.blocks.len() + 1);
        let mut total = 0;
        for block in &essay.blocks {
            words_before.push(total);
            if !matches!(block.kind, BlockKind::Heading { .. }) {
                total += stats::count_words(block.plain());
            }
        }
        words_before.push(total);
        Document {
            essay: Arc::new(essay),
            fallback_title,
            words_before,
            partial: false,
            tail_from: None,
        }
    }

    /// Each block's plain text, as search sees it (borrowed from the blocks: a long essay's
    /// text is held once).
    pub fn plain(&self) -> Plain<'_> {
        self.essay.plain()
    }

    pub fn title(&self) -> &str {
        self.essay.display_title(&self.fallback_title)
    }

    pub fn total_words(&self) -> usize {
        self.words_before.last().copied().unwrap_or(0)
    }

    /// Blocks a note can attach to and the focus marker can rest on: not headings or rules.
    pub fn is_passage(&self, block: usize) -> bool {
        self.essay.is_passage(block)
    }
}
