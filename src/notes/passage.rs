//! An exact passage of the essay — a few words, a sentence, or a run across paragraphs —
//! remembered the way a paragraph note is (its words, the words around it, where it was as
//! a hint) and found again after edits, with the same states: **in place** (its very words
//! are there, wherever they now are), **edited** (between its old neighbours, or starting
//! or ending as it did, stands text like it), **not found** (the note falls back to its
//! paragraph's anchor, and is kept).
//!
//! Passages are found in the essay's flat text (`flat.rs`), so that one may span paragraphs.

use super::anchor::{self, Placement, State};
pub use super::flat::{Flat, Span};
use super::note::Note;
pub use super::note::Passage;
use crate::essay::{Essay, Plain};
use crate::text::reattach::{self, Place};
use crate::text::sentences::word_ends;

/// Characters of context kept either side of a passage.
const CONTEXT_CHARS: usize = 80;
/// Candidates of each kind tried in a fuzzy search, so a common phrase costs little.
const MAX_CANDIDATES: usize = 40;

/// The words `span` covers, paragraphs joined by a blank line.
pub fn words(essay: &Essay, plain: Plain<'_>, span: Span) -> Option<String> {
    let flat = Flat::new(essay, plain);
    let (from, to) = (flat.offset(span.start)?, flat.offset(span.end)?);
    flat.text.get(from..to).map(str::to_string)
}

/// Remembers `span` of the essay (`plain` reads each block's plain text); `None` when it
/// holds no words.
pub fn capture(essay: &Essay, plain: Plain<'_>, span: Span) -> Option<Passage> {
    let flat = Flat::new(essay, plain);
    let from = flat.offset(span.start)?;
    let to = flat.offset(span.end)?;
    let quote = flat.text.get(from..to)?;
    if quote.trim().is_empty() {
        return None;
    }
    Some(Passage {
        quote: quote.to_string(),
        before: tail(&flat.text[..from], CONTEXT_CHARS),
        after: flat.text[to..].chars().take(CONTEXT_CHARS).collect(),
        block: span.start.block,
        offset: span.start.offset,
    })
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

/// Where `passage` is now, and whether its words are the same (`None`: not found).
pub fn place(essay: &Essay, plain: Plain<'_>, passage: &Passage) -> Option<(Span, State)> {
    let flat = Flat::new(essay, plain);
    place_in(&flat, passage)
}

/// [`place`] over an essay's flat text already made.
pub fn place_in(flat: &Flat, passage: &Passage) -> Option<(Span, State)> {
    let quote = passage.quote.as_str();
    if quote.trim().is_empty() {
        return None;
    }
    let hint = flat.near(Place {
        block: passage.block,
        offset: passage.offset,
    });
    let text = flat.text.as_str();
    let context = |from: usize, to: usize| {
        usize::from(text[..from].ends_with(&passage.before))
            + usize::from(text[to..].starts_with(&passage.after))
    };
    let exact = occurrences(text, quote, usize::MAX).max_by_key(|&at| {
        (
            context(at, at + quote.len()),
            std::cmp::Reverse(at.abs_diff(hint)),
        )
    });
    if let Some(at) = exact {
        return Some((flat.span(at, at + quote.len()), State::InPlace));
    }
    let (from, to) = fuzzy(text, passage, hint)?;
    Some((flat.span(from, to), State::Edited))
}

/// Byte offsets where `needle` occurs in `text`, overlapping ones too, at most `max`.
fn occurrences<'a>(text: &'a str, needle: &'a str, max: usize) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        let at = from + text.get(from..)?.find(needle)?;
        from = at + needle.chars().next().map_or(1, char::len_utf8);
        Some(at)
    })
    .take(max)
}

/// The start of `quote` cut to about `n` characters, or its end.
fn head(quote: &str, n: usize) -> &str {
    let cut = quote.char_indices().nth(n).map_or(quote.len(), |(i, _)| i);
    &quote[..cut]
}

fn end_part(quote: &str, n: usize) -> &str {
    let count = quote.chars().count();
    let cut = quote
        .char_indices()
        .nth(count.saturating_sub(n))
        .map_or(0, |(i, _)| i);
    &quote[cut..]
}

/// The stretch of `text` most like the passage, if any is like it enough: it starts where
/// the passage's old neighbour before it ends, or with the passage's first words; it ends
/// where the neighbour after it starts, or with its last words.
fn fuzzy(text: &str, passage: &Passage, hint: usize) -> Option<(usize, usize)> {
    let quote = passage.quote.as_str();
    let len = quote.len();
    // A third of the quote, at least a few words' worth, is distinctive enough to look for.
    let part = (quote.chars().count() / 3).clamp(12, 60);
    let mut starts: Vec<usize> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    if passage.before.trim().chars().count() >= 12 {
        starts.extend(
            occurrences(text, &passage.before, MAX_CANDIDATES).map(|at| at + passage.before.len()),
        );
    }
    if passage.after.trim().chars().count() >= 12 {
        ends.extend(occurrences(text, &passage.after, MAX_CANDIDATES));
    }
    if quote.chars().count() > part {
        starts.extend(occurrences(text, head(quote, part), MAX_CANDIDATES));
        let tail = end_part(quote, part);
        ends.extend(occurrences(text, tail, MAX_CANDIDATES).map(|at| at + tail.len()));
    }
    // A stretch found by both its ends first; else one measured out from one end to each
    // word boundary near the old length away (a word changed inside moves the other end).
    let both: Vec<(usize, usize)> = starts
        .iter()
        .flat_map(|&s| ends.iter().map(move |&e| (s, e)))
        .filter(|&(s, e)| e > s && e - s <= len * 2 + 80)
        .collect();
    if let Some(range) = most_like(text, quote, hint, both) {
        return Some(range);
    }
    let (short, long) = (len / 2, len * 2 + 80);
    let mut one: Vec<(usize, usize)> = Vec::new();
    for &s in &starts {
        let (lo, hi) = (
            ceil(text, (s + short).min(text.len())),
            floor(text, (s + long).min(text.len())),
        );
        one.extend(
            word_ends(&text[lo..hi.max(lo)])
                .into_iter()
                .map(|e| (s, lo + e)),
        );
    }
    for &e in &ends {
        let (lo, hi) = (
            ceil(text, e.saturating_sub(long)),
            floor(text, e.saturating_sub(short)),
        );
        let window = &text[lo..hi.max(lo)];
        let word_starts = window
            .char_indices()
            .filter(|&(i, c)| {
                !c.is_whitespace() && (i == 0 || window[..i].ends_with(char::is_whitespace))
            })
            .map(|(i, _)| (lo + i, e));
        one.extend(word_starts);
    }
    most_like(text, quote, hint, one)
}

/// Of the stretches `ranges` of `text`, the one most like `quote` (the nearest `hint` among
/// equals), if any is like it enough.
fn most_like(
    text: &str,
    quote: &str,
    hint: usize,
    ranges: Vec<(usize, usize)>,
) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, (usize, usize))> = None;
    for (s, e) in ranges {
        let (s, e) = trim(text, s, e);
        if e <= s {
            continue;
        }
        let score = reattach::similarity(&text[s..e], quote);
        let distance = s.abs_diff(hint);
        let better = best.is_none_or(|(b, d, _)| score > b || (score == b && distance < d));
        if score >= reattach::FUZZY_MIN && better {
            best = Some((score, distance, (s, e)));
        }
    }
    best.map(|(_, _, range)| range)
}

/// The range without the white space at either end.
fn trim(text: &str, s: usize, e: usize) -> (usize, usize) {
    let inner = &text[s..e];
    let lead = inner.len() - inner.trim_start().len();
    let s2 = s + lead;
    (s2, s2 + text[s2..e].trim_end().len())
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Places the notes of one essay, making its flat text once, when the first note on exact
/// words needs it (not once a note: an essay with many highlights opens as fast as one).
pub struct Placer<'a> {
    essay: &'a Essay,
    plain: Plain<'a>,
    flat: std::cell::OnceCell<Flat>,
}

impl<'a> Placer<'a> {
    pub fn new(essay: &'a Essay, plain: Plain<'a>) -> Placer<'a> {
        Placer {
            essay,
            plain,
            flat: std::cell::OnceCell::new(),
        }
    }

    /// Where `note` sits now: by its passage when it has one (and its span then), else by
    /// its paragraph. A passage not found puts the note at its paragraph's place, not found.
    pub fn place(&self, note: &Note) -> (Placement, Option<Span>) {
        let paragraph = || anchor::place(self.essay, self.plain, &note.anchor);
        let Some(passage) = &note.passage else {
            return (paragraph(), None);
        };
        let flat = self.flat.get_or_init(|| Flat::new(self.essay, self.plain));
        match place_in(flat, passage) {
            Some((span, state)) => (
                Placement {
                    block: span.start.block,
                    state,
                },
                Some(span),
            ),
            None => (
                Placement {
                    block: paragraph().block,
                    state: State::NotFound,
                },
                None,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::Format;

    const ORIGINAL: &str = "# T\n\nOpening words here, to begin with.\n\n## One\n\nThe first passage talks of gardens. It says that rain is kind to them. Then it stops.\n\nA second passage, about the sea and its long grey patience.\n";

    fn essay(text: &str) -> Essay {
        Essay::parse(text, Format::Markdown, "t")
    }

    /// The passage of `words` in `text`'s essay.
    fn marked(text: &str, words: &str) -> Passage {
        let e = essay(text);
        let plain = e.plain();
        let block = plain.iter().position(|t| t.contains(words)).unwrap();
        let offset = plain[block].find(words).unwrap();
        let span = Span {
            start: Place { block, offset },
            end: Place {
                block,
                offset: offset + words.len(),
            },
        };
        capture(&e, plain, span).unwrap()
    }

    fn words_at(text: &str, passage: &Passage) -> Option<(String, State)> {
        let e = essay(text);
        let flat = Flat::new(&e, e.plain());
        let (span, state) = place_in(&flat, passage)?;
        let from = flat.offset(span.start).unwrap();
        let to = flat.offset(span.end).unwrap();
        Some((flat.text[from..to].to_string(), state))
    }

    const SENTENCE: &str = "It says that rain is kind to them.";

    #[test]
    fn in_place_where_it_was() {
        let p = marked(ORIGINAL, SENTENCE);
        assert_eq!(p.quote, SENTENCE);
        assert_eq!(
            words_at(ORIGINAL, &p),
            Some((SENTENCE.to_string(), State::InPlace))
        );
    }

    #[test]
    fn in_place_after_a_paragraph_is_inserted_above() {
        let p = marked(ORIGINAL, SENTENCE);
        let edited = ORIGINAL.replace("## One\n\n", "## One\n\nA new paragraph, inserted.\n\n");
        assert_eq!(
            words_at(&edited, &p),
            Some((SENTENCE.to_string(), State::InPlace))
        );
    }

    #[test]
    fn edited_when_a_word_inside_changes() {
        let p = marked(ORIGINAL, SENTENCE);
        let edited = ORIGINAL.replace("rain is kind", "rain is gentle");
        assert_eq!(
            words_at(&edited, &p),
            Some((
                "It says that rain is gentle to them.".to_string(),
                State::Edited
            ))
        );
    }

    #[test]
    fn edited_when_its_neighbours_change_too() {
        let p = marked(ORIGINAL, SENTENCE);
        let edited = ORIGINAL
            .replace("rain is kind", "rain is gentle")
            .replace("Then it stops.", "Nothing after.");
        let (words, state) = words_at(&edited, &p).unwrap();
        assert_eq!(state, State::Edited);
        assert!(words.starts_with("It says that rain is gentle"), "{words}");
    }

    #[test]
    fn a_longer_word_inside_is_not_cut_at_the_old_length() {
        for after in ["And more words after it.", "Fin."] {
            let text = format!("Opening here. A sentence on patience, noted. {after}\n");
            let p = marked(&text, "A sentence on patience, noted.");
            let edited = text.replace("on patience", "on forbearance");
            assert_eq!(
                words_at(&edited, &p),
                Some((
                    "A sentence on forbearance, noted.".to_string(),
                    State::Edited
                )),
                "{after}"
            );
        }
    }

    #[test]
    fn not_found_when_deleted() {
        let p = marked(ORIGINAL, SENTENCE);
        let edited = ORIGINAL.replace(SENTENCE, "Something else entirely, on another subject.");
        assert_eq!(words_at(&edited.replace("Then it stops.", ""), &p), None);
    }

    #[test]
    fn a_passage_across_paragraphs_is_found() {
        let e = essay(ORIGINAL);
        let plain = e.plain();
        let first = plain
            .iter()
            .position(|t| t.starts_with("The first"))
            .unwrap();
        let span = Span {
            start: Place {
                block: first,
                offset: plain[first].find("Then").unwrap(),
            },
            end: Place {
                block: first + 1,
                offset: "A second passage".len(),
            },
        };
        let p = capture(&e, plain, span).unwrap();
        assert_eq!(p.quote, "Then it stops.\n\nA second passage");
        let flat = Flat::new(&e, plain);
        assert_eq!(place_in(&flat, &p), Some((span, State::InPlace)));
    }

    #[test]
    fn twins_are_told_apart_by_their_neighbours() {
        let text = "Alpha beta gamma. Same words. Delta epsilon.\n\nZeta eta theta. Same words. Iota kappa.\n";
        let e = essay(text);
        let plain = e.plain();
        let offset = plain[1].find("Same").unwrap();
        let span = Span {
            start: Place { block: 1, offset },
            end: Place {
                block: 1,
                offset: offset + "Same words.".len(),
            },
        };
        let p = capture(&e, plain, span).unwrap();
        let edited = format!("Inserted first.\n\n{text}");
        let e2 = essay(&edited);
        let (found, state) = place(&e2, e2.plain(), &p).unwrap();
        assert_eq!(state, State::InPlace);
        assert_eq!(found.start.block, 2, "the second twin, one block down");
    }

    #[test]
    fn a_span_covers_its_blocks() {
        let span = Span {
            start: Place {
                block: 1,
                offset: 4,
            },
            end: Place {
                block: 3,
                offset: 2,
            },
        };
        assert_eq!(span.within(0, 10), None);
        assert_eq!(span.within(1, 10), Some((4, 10)));
        assert_eq!(span.within(2, 7), Some((0, 7)));
        assert_eq!(span.within(3, 10), Some((0, 2)));
        assert_eq!(span.within(4, 10), None);
    }
}
