//! Remembering a passage and finding it again after the essay changed.
//!
//! On every open each note is re-attached with the re-attachment shared with reading
//! positions and drafts ([`crate::text::reattach`]), trying in turn:
//! its old block; a passage elsewhere that starts with the quoted words (several such: the
//! one with the same neighbours, then in the same section, then nearest the old place); the
//! passage most like the quote (Dice similarity of character trigrams, at least 0.5), which
//! tolerates edited words. The note is then **in place** when the passage's words are the
//! quote's, wherever the passage now is, and **edited** when they changed. A passage that is
//! gone is **not found**: the note sits at the start of its old section (or where its block
//! number now falls), shown with its old quote. It is never dropped.

use serde::Serialize;

use super::note::Anchor;
use crate::essay::{Essay, Plain};
use crate::text::reattach::{self, Found, Place, Seek, Within};

/// Characters of a passage kept as its quote.
const QUOTE_CHARS: usize = 1000;
/// Characters of context kept from the passages either side.
const CONTEXT_CHARS: usize = 80;

/// How a note found its passage this time. Where the passage is in the file does not
/// matter (a paragraph inserted above moves every passage below it): only whether its
/// words are still the ones the note was written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Found with the very words the note was written on.
    InPlace,
    /// Found, but its words have changed since: the old ones are shown beside it.
    Edited,
    /// Not found: the note is kept, shown at its old section with its old words.
    NotFound,
}

impl State {
    /// As `margin notes --json` writes it.
    pub fn key(self) -> &'static str {
        match self {
            State::InPlace => "in-place",
            State::Edited => "edited",
            State::NotFound => "not-found",
        }
    }

    /// As the reader reads it.
    pub fn name(self) -> &'static str {
        match self {
            State::InPlace => "in place",
            State::Edited => "edited",
            State::NotFound => "passage not found",
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
            state: State::NotFound,
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
        let unchanged = || quotes(plain.get(place.block).unwrap_or(""), &anchor.quote);
        let state = match found {
            Found::Exact | Found::Moved if unchanged() => State::InPlace,
            Found::Exact | Found::Moved | Found::Fuzzy => State::Edited,
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
        state: State::NotFound,
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
    fn in_place_when_nothing_changed() {
        let e = essay(ORIGINAL);
        let a = noted();
        assert_eq!(a.section, "One");
        assert_eq!(
            place(&e, e.plain(), &a),
            Placement {
                block: a.block,
                state: State::InPlace
            }
        );
    }

    #[test]
    fn still_in_place_when_paragraphs_are_inserted_before() {
        let edited = ORIGINAL.replace(
            "Opening words here.",
            "Opening words here.\n\nA new paragraph.\n\nAnd another.",
        );
        let e = essay(&edited);
        let placed = place(&e, e.plain(), &noted());
        assert_eq!(
            placed.state,
            State::InPlace,
            "nothing about the passage changed"
        );
        assert!(e.plain()[placed.block].starts_with("The noted passage"));
    }

    #[test]
    fn edited_when_words_change_inside() {
        let edited = ORIGINAL.replace("about patience and", "about forbearance and");
        let e = essay(&edited);
        let placed = place(&e, e.plain(), &noted());
        assert_eq!(placed.state, State::Edited);
        assert!(e.plain()[placed.block].contains("forbearance"));
    }

    #[test]
    fn in_place_when_moved_to_another_section() {
        let edited = "# T\n\nOpening words here.\n\n## One\n\nThe first passage of the essay, about gardens and rain.\n\n## Two\n\nAnother passage entirely, about the sea.\n\nThe noted passage says something about patience and about compost heaps.\n";
        let e = essay(edited);
        let placed = place(&e, e.plain(), &noted());
        assert_eq!(placed.state, State::InPlace);
        assert!(e.plain()[placed.block].starts_with("The noted"));
    }

    #[test]
    fn not_found_when_deleted_and_kept_at_its_section() {
        let edited = ORIGINAL.replace(
            "The noted passage says something about patience and about compost heaps.\n\n",
            "",
        );
        let e = essay(&edited);
        let placed = place(&e, e.plain(), &noted());
        assert_eq!(placed.state, State::NotFound);
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
                state: State::InPlace
            }
        );
    }

    #[test]
    fn edited_when_words_are_added_at_the_end() {
        let edited = ORIGINAL.replace("compost heaps.", "compost heaps, and of slugs.");
        let e = essay(&edited);
        let placed = place(&e, e.plain(), &noted());
        assert_eq!(
            placed.state,
            State::Edited,
            "its start alone is not the passage"
        );
    }
}
