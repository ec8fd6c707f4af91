//! An essay's *flat text*: the plain text of its passages (not headings) joined by a blank
//! line, where exact words are looked for, so that they may span paragraphs; and a stretch
//! of the essay between two places.

use crate::essay::{Essay, Plain};
use crate::text::reattach::Place;

/// What joins two paragraphs in the flat text (and in a quote that spans them).
const JOIN: &str = "\n\n";

/// A stretch of the essay's text, from a place to a place (the end excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: Place,
    pub end: Place,
}

impl Span {
    /// The part of block `block`'s text the span covers, as a byte range of it (`None`:
    /// none of it). `len` is the block's length.
    pub fn within(&self, block: usize, len: usize) -> Option<(usize, usize)> {
        if block < self.start.block || block > self.end.block {
            return None;
        }
        let from = if block == self.start.block {
            self.start.offset
        } else {
            0
        };
        let to = if block == self.end.block {
            self.end.offset
        } else {
            len
        };
        (from < to).then_some((from, to.min(len)))
    }
}

/// The essay's passages joined into one text, and where each starts in it.
pub struct Flat {
    pub text: String,
    /// (offset in `text`, block), ascending.
    starts: Vec<(usize, usize)>,
}

impl Flat {
    pub fn new(essay: &Essay, plain: Plain<'_>) -> Flat {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (block, words) in plain.iter().enumerate() {
            if !essay.is_passage(block) {
                continue;
            }
            if !starts.is_empty() {
                text.push_str(JOIN);
            }
            starts.push((text.len(), block));
            text.push_str(words);
        }
        Flat { text, starts }
    }

    /// The place of flat offset `at`: in the passage holding it, or at the end of the one
    /// before the join it falls in.
    pub fn place(&self, at: usize) -> Place {
        let i = self
            .starts
            .partition_point(|&(s, _)| s <= at)
            .saturating_sub(1);
        let Some(&(start, block)) = self.starts.get(i) else {
            return Place::default();
        };
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&(s, _)| s - JOIN.len());
        Place {
            block,
            offset: at.min(end) - start,
        }
    }

    /// The flat offset of `place`, when its block is a passage (an offset past its end is
    /// taken as its end).
    pub fn offset(&self, place: Place) -> Option<usize> {
        let i = self.starts.iter().position(|&(_, b)| b == place.block)?;
        let start = self.starts[i].0;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&(s, _)| s - JOIN.len());
        Some((start + place.offset).min(end))
    }

    /// The nearest flat offset to `place`, for a hint whose block may no longer be a passage.
    pub fn near(&self, place: Place) -> usize {
        self.offset(place).unwrap_or_else(|| {
            let i = self.starts.partition_point(|&(_, b)| b < place.block);
            self.starts.get(i).map_or(self.text.len(), |&(s, _)| s)
        })
    }

    /// The span between flat offsets `from` and `to`.
    pub fn span(&self, from: usize, to: usize) -> Span {
        Span {
            start: self.place(from),
            end: self.place(to),
        }
    }
}
