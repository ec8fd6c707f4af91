//! Remembering a passage and finding it again after the essay changed.
//!
//! On every open each note is re-attached with the re-attachment shared with reading
//! positions and drafts ([`crate::text::reattach`]), trying in turn:
//! 1. **exact**: the passage is still at its old block;
//! 2. **moved**: a passage elsewhere starts with the quoted words (several such: the one with
//!    the same neighbours, then in the same section, then nearest the old place);
//! 3. **fuzzy**: the passage most like the quote (Dice similarity of character trigrams, at
//!    least 0.5), which tolerates edited words;
//! 4. **detached**: the passage is gone; the note sits at the start of its old section (or
//!    where its block number now falls) and is shown as detached, with its old quote. It is
//!    never dropped.

use serde::Serialize;

use super::note::Anchor;
use crate::essay::{Essay, Plain};
use crate::text::reattach::{self, Found, Place, Seek, Within};

/// Characters of a passage kept as its quote.
const QUOTE_CHARS: usize = 1000;
/// Characters of context kept from the passages either side.
const CONTEXT_CHARS: usize = 80;

/// How a note found its passage this time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Exact,
    Moved,
    Fuzzy,
    Detached,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Exact => "exact",
            State::Moved => "moved",
            State::Fuzzy => "fuzzy",
            State::Detached => "detached",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub block: usize,
    pub state: State,
}

/// Remembers passage `block` of `essay` (`plain` reads each block's plain text).
pub fn capture(essay: &Essay, plain: Plain<'_>, block: usize) -> Anchor {
    let section = essay
        .section_of_block(block)
        .map(|s| essay.sections[s].title.clone())
        .unwrap_or_default();
    let text = plain.get(block).unwrap_or("");
    let before = (0..block)
        .rev()
        .find(|&b| essay.is_passage(b))
        .map(|b| tail(&plain[b], CONTEXT_CHARS))
        .unwrap_or_default();
    let after = (block + 1..plain.len())
        .find(|&b| essay.is_passage(b))
        .map(|b| plain[b].chars().take(CONTEXT_CHARS).collect())
        .unwrap_or_default();
    Anchor {
        section,
        quote: text.chars().take(QUOTE_CHARS).collect(),
        before,
        after,
        block,
    }
}

/// Whether `quote` is what [`capture`] keeps of `passage`: the passage has not changed
/// since the note was written (as far as its quote shows).
pub fn quotes(passage: &str, quote: &str) -> bool {
    passage.chars().take(QUOTE_CHARS).eq(quote.chars())
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

/// Finds where `anchor`'s passage is now.
pub fn place(essay: &Essay, plain: Plain<'_>, anchor: &Anchor) -> Placement {
    let passages: Vec<usize> = (0..plain.len()).filter(|&b| essay.is_passage(b)).collect();
    let Some(&last) = passages.last() else {
        return Placement {
            block: 0,
            state: State::Detached,
        };
    };
    let seek = Seek {
        quote: &anchor.quote,
        was: Place {
            block: anchor.block,
            offset: 0,
        },
        within: Within::Start,
        fuzzy: true,
    };
    // Among passages that start with the quote: the one with the same neighbours, then in
    // the same section (then, as for any quote, the nearest the old place).
    let prefer = |b: usize| {
        let fresh = capture(essay, plain, b);
        let context =
            usize::from(fresh.before == anchor.before) + usize::from(fresh.after == anchor.after);
        let section = usize::from(fresh.section == anchor.section);
        context * 2 + section
    };
    if let Some((place, found)) = reattach::find(&plain, &seek, |b| essay.is_passage(b), prefer) {
        let state = match found {
            Found::Exact => State::Exact,
            Found::Moved => State::Moved,
            Found::Fuzzy => State::Fuzzy,
        };
        return Placement {
            block: place.block,
            state,
        };
    }
    let block = essay
        .sections
        .iter()
        .find(|s| s.title == anchor.section)
        .and_then(|s| (s.start..s.end).find(|&b| essay.is_passage(b)))
        .unwrap_or_else(|| {
            passages
                .iter()
                .copied()
                .find(|&b| b >= anchor.block)
                .unwrap_or(last)
        });
    Placement {
        block,
        state: State::Detached,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::Format;

    fn essay(text: &str) -> Essay {
        Essay::parse(text, Format::Markdown, "t")
    }

    const ORIGINAL: &str = "# T\n\nOpening words here.\n\n## One\n\nThe first passage of the essay, about gardens and rain.\n\nThe noted passage says something about patience and about compost heaps.\n\n## Two\n\nAnother passage entirely, about the sea.\n";

    fn noted() -> Anchor {
        let e = essay(ORIGINAL);
        let block = e
            .plain()
            .iter()
            .position(|t| t.starts_with("The noted"))
            .unwrap();
        capture(&e, e.plain(), block)
    }

    #[test]
    fn a_quote_is_the_start_of_its_passage_as_kept() {
        assert!(quotes("Same words.", "Same words."));
        assert!(!quotes("Same words, and more.", "Same words."));
        let long = "x".repeat(QUOTE_CHARS + 5);
        assert!(quotes(&long, &long[..QUOTE_CHARS]));
    }

    #[test]
    fn exact_when_nothing_changed() {
        let e = essay(ORIGINAL);
        let a = noted();
        assert_eq!(a.section, "One");
        assert_eq!(
            place(&e, e.plain(), &a),
            Placement {
                block: a.block,
                state: State::Exact
            }
        );
    }

    #[test]
    fn moved_when_paragraphs_are_inserted_before() {
        let edited = ORIGINAL.replace(
            "Opening words here.",
            "Opening words here.\n\nA new paragraph.\n\nAnd another.",
        );
        let e = essay(&edited);
        let placed = place(&e, e.plain(), &noted());
        assert_eq!(placed.state, State::Moved);
        assert!(e.plain()[placed.block].starts_with("The noted passage"));
    }

    #[test]
    fn fuzzy_when_words_change_inside() {
        let edited = ORIGINAL.replace("about patience and", "about forbearance and");
        let e = essay(&edited);
        let placed = place(&e, e.plain(), &noted());
        assert_eq!(placed.state, State::Fuzzy);
        assert!(e.plain()[placed.block].contains("forbearance"));
    }

    #[test]
    fn moved_to_another_section() {
        let edited = "# T\n\nOpening words here.\n\n## One\n\nThe first passage of the essay, about gardens and rain.\n\n## Two\n\nAnother passage entirely, about the sea.\n\nThe noted passage says something about patience and about compost heaps.\n";
        let e = essay(edited);
        let placed = place(&e, e.plain(), &noted());
        assert_eq!(placed.state, State::Moved);
        assert!(e.plain()[placed.block].starts_with("The noted"));
    }

    #[test]
    fn detached_when_deleted_and_kept_at_its_section() {
        let edited = ORIGINAL.replace(
            "The noted passage says something about patience and about compost heaps.\n\n",
            "",
        );
        let e = essay(&edited);
        let placed = place(&e, e.plain(), &noted());
        assert_eq!(placed.state, State::Detached);
        assert!(
            e.plain()[placed.block].starts_with("The first passage"),
            "start of section One"
        );
    }

    #[test]
    fn duplicates_are_told_apart_by_their_neighbours() {
        let text =
            "A before.\n\nNot perfect.\n\nB after.\n\nC before.\n\nNot perfect.\n\nD after.\n";
        let e = essay(text);
        let second = capture(&e, e.plain(), 4);
        let edited = format!("Inserted.\n\n{text}");
        let e2 = essay(&edited);
        let placed = place(&e2, e2.plain(), &second);
        assert_eq!(
            placed,
            Placement {
                block: 5,
                state: State::Moved
            }
        );
    }
}
