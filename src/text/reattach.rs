//! Finding a quoted passage again after the text changed: the one re-attachment algorithm
//! behind notes, reading positions and drafts. It knows only the blocks' plain texts; what
//! a block is (a passage, a heading, a section) is the caller's to say.
//!
//! A quote last seen at a place is looked for, in turn:
//! 1. **exact**: still at its old place;
//! 2. **moved**: in another block (several such: the caller's preference, then nearest the
//!    old place, then the earlier);
//! 3. **fuzzy** (when asked): the block whose start is most like the quote (Dice similarity
//!    of character trigrams, at least 0.5), which tolerates edited words.
//!
//! Not found, the caller decides where the thing goes (a note is kept, detached).

use std::cmp::Reverse;
use std::collections::HashSet;

/// Least similarity for a fuzzy match.
pub const FUZZY_MIN: f64 = 0.5;
/// Characters of a block's start compared with the quote in a fuzzy match.
const FUZZY_CHARS: usize = 1000;

/// A place in the text that does not depend on the width: a block and a byte offset in
/// its plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    pub block: usize,
    pub offset: usize,
}

/// Text that holds blocks: a document, an essay's plain texts, or a list of strings.
pub trait Blocks {
    /// How many blocks there are.
    fn count(&self) -> usize;
    /// Block `block`'s plain text (empty past the end).
    fn text(&self, block: usize) -> &str;
}

impl Blocks for [String] {
    fn count(&self) -> usize {
        self.len()
    }

    fn text(&self, block: usize) -> &str {
        self.get(block).map_or("", String::as_str)
    }
}

impl Blocks for Vec<String> {
    fn count(&self) -> usize {
        self.len()
    }

    fn text(&self, block: usize) -> &str {
        self.as_slice().text(block)
    }
}

/// Where in a block a quote may be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// At its start: the quote stands for a whole passage (a note's, a draft's).
    Start,
    /// Anywhere: the quote is the text from a place inside a block (a reading position).
    Anywhere,
}

/// What to look for.
#[derive(Debug, Clone, Copy)]
pub struct Seek<'a> {
    pub quote: &'a str,
    /// Where the quote was when it was taken.
    pub was: Place,
    pub within: Within,
    /// Also try the fuzzy match. It reads every block of a like length, so it is for
    /// quotes of whole passages, not for every open of a long essay.
    pub fuzzy: bool,
}

/// How a quote was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Exact,
    Moved,
    Fuzzy,
}

/// Where `seek`'s quote is now among `blocks`, only in blocks `eligible` accepts. Among
/// several blocks holding it, the highest `prefer` wins, then the nearest the old place.
/// A blank quote is never found: it would match anything.
pub fn find(
    blocks: &(impl Blocks + ?Sized),
    seek: &Seek,
    eligible: impl Fn(usize) -> bool,
    prefer: impl Fn(usize) -> usize,
) -> Option<(Place, Found)> {
    let quote = seek.quote;
    if quote.trim().is_empty() {
        return None;
    }
    let was = seek.was;
    if eligible(was.block)
        && was.block < blocks.count()
        && blocks
            .text(was.block)
            .get(was.offset..)
            .is_some_and(|t| t.starts_with(quote))
    {
        return Some((was, Found::Exact));
    }
    let holding = (0..blocks.count()).filter_map(|block| {
        let text = blocks.text(block);
        let offset = match seek.within {
            Within::Start => text.starts_with(quote).then_some(0)?,
            Within::Anywhere => text.find(quote)?,
        };
        eligible(block).then_some(Place { block, offset })
    });
    let moved = holding.max_by_key(|p| {
        (
            prefer(p.block),
            Reverse(p.block.abs_diff(was.block)),
            Reverse(p.block),
        )
    });
    if let Some(place) = moved {
        return Some((place, Found::Moved));
    }
    if seek.fuzzy {
        let block = fuzzy(blocks, quote, was.block, &eligible)?;
        return Some((Place { block, offset: 0 }, Found::Fuzzy));
    }
    None
}

fn trigrams(s: &str) -> HashSet<[char; 3]> {
    let chars: Vec<char> = s.chars().flat_map(char::to_lowercase).collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// How alike two texts are, from 0 to 1: the Dice similarity of their character trigrams,
/// as the fuzzy match measures it.
pub fn similarity(a: &str, b: &str) -> f64 {
    dice(&trigrams(a), &trigrams(b))
}

/// Dice coefficient of two trigram sets.
fn dice(a: &HashSet<[char; 3]>, b: &HashSet<[char; 3]>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The eligible block whose start is most like the quote, if any is like it enough; the
/// nearest `near` among equals.
fn fuzzy(
    blocks: &(impl Blocks + ?Sized),
    quote: &str,
    near: usize,
    eligible: impl Fn(usize) -> bool,
) -> Option<usize> {
    let want = trigrams(quote);
    let len = quote.chars().count();
    let mut best: Option<(f64, usize)> = None;
    for b in 0..blocks.count() {
        if !eligible(b) {
            continue;
        }
        let text: String = blocks.text(b).chars().take(FUZZY_CHARS).collect();
        let n = text.chars().count();
        // Far longer or shorter passages cannot be the same one, edited.
        if n * 2 < len || n > len * 2 + 8 {
            continue;
        }
        let score = dice(&want, &trigrams(&text));
        let better = match best {
            None => true,
            Some((s, prev)) => score > s || (score == s && b.abs_diff(near) < prev.abs_diff(near)),
        };
        if score >= FUZZY_MIN && better {
            best = Some((score, b));
        }
    }
    best.map(|(_, b)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    fn seek(quote: &str, block: usize, offset: usize, within: Within) -> Seek<'_> {
        Seek {
            quote,
            was: Place { block, offset },
            within,
            fuzzy: true,
        }
    }

    fn any(_: usize) -> bool {
        true
    }

    fn none(_: usize) -> usize {
        0
    }

    #[test]
    fn exact_where_it_was() {
        let b = blocks(&["One.", "Two para here."]);
        let found = find(&b, &seek("para here.", 1, 4, Within::Anywhere), any, none);
        assert_eq!(
            found,
            Some((
                Place {
                    block: 1,
                    offset: 4
                },
                Found::Exact
            ))
        );
    }

    #[test]
    fn moved_inside_a_block_keeps_its_offset_there() {
        let b = blocks(&["New.", "One.", "Two para here."]);
        let found = find(&b, &seek("para here.", 1, 4, Within::Anywhere), any, none);
        assert_eq!(
            found,
            Some((
                Place {
                    block: 2,
                    offset: 4
                },
                Found::Moved
            ))
        );
    }

    #[test]
    fn a_passage_is_found_only_at_a_block_start() {
        let b = blocks(&["Intro.", "It says the words here.", "Other."]);
        let mut s = seek("the words here.", 0, 0, Within::Start);
        s.fuzzy = false;
        assert_eq!(find(&b, &s, any, none), None);
    }

    #[test]
    fn the_nearest_then_the_earlier_of_equals() {
        let b = blocks(&["Same.", "x", "y", "Same.", "z", "w", "Same."]);
        let at = |block| find(&b, &seek("Same.", block, 0, Within::Start), any, none);
        assert_eq!(at(5).map(|(p, _)| p.block), Some(6));
        assert_eq!(at(2).map(|(p, _)| p.block), Some(3));
        // Blocks 0 and 6 are equally far from 3 once 3 is gone: the earlier wins.
        let b = blocks(&["Same.", "x", "y", "gone", "z", "w", "Same."]);
        assert_eq!(
            find(&b, &seek("Same.", 3, 0, Within::Start), any, none).map(|(p, _)| p.block),
            Some(0)
        );
    }

    #[test]
    fn the_callers_preference_comes_before_nearness() {
        let b = blocks(&["Same.", "x", "Same.", "gone"]);
        let found = find(&b, &seek("Same.", 3, 0, Within::Start), any, |b| {
            usize::from(b == 0)
        });
        assert_eq!(found.map(|(p, _)| p.block), Some(0));
    }

    #[test]
    fn only_eligible_blocks_are_found() {
        let b = blocks(&["Same.", "Same."]);
        let found = find(&b, &seek("Same.", 0, 0, Within::Start), |b| b == 1, none);
        assert_eq!(found.map(|(p, f)| (p.block, f)), Some((1, Found::Moved)));
    }

    #[test]
    fn fuzzy_when_words_change_and_asked_for() {
        let b = blocks(&[
            "Elsewhere entirely, about the sea.",
            "The passage says something about forbearance and compost heaps.",
        ]);
        let quote = "The passage says something about patience and compost heaps.";
        let mut s = seek(quote, 1, 0, Within::Start);
        assert_eq!(
            find(&b, &s, any, none),
            Some((
                Place {
                    block: 1,
                    offset: 0
                },
                Found::Fuzzy
            ))
        );
        s.fuzzy = false;
        assert_eq!(find(&b, &s, any, none), None);
    }

    #[test]
    fn a_blank_quote_is_never_found() {
        let b = blocks(&["", "  ", "Text."]);
        assert_eq!(find(&b, &seek("", 0, 0, Within::Anywhere), any, none), None);
        assert_eq!(find(&b, &seek("  ", 1, 0, Within::Start), any, none), None);
    }
}
