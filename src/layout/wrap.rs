//! Wrapping styled text to a width with textwrap's lower-level API: find the break
//! opportunities in the plain text (Unicode line-breaking rules, so CJK breaks between
//! characters and URLs break after `/`; within words after hyphens, and between syllables
//! when asked), choose the lines (optimal fit, or first fit for very long paragraphs where
//! optimal fit would cost too much), then cut the styled runs along those lines.

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words, display_width};
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_width::UnicodeWidthStr;

use super::hyphens::Hyphens;
use crate::essay::{Style, Text};

/// Paragraphs with more words than this are wrapped first-fit: optimal fit's cost grows
/// with the paragraph and a ten-megabyte line must still open at once.
const OPTIMAL_FIT_MAX_WORDS: usize = 4_000;

/// A piece of one wrapped line, in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub style: Style,
}

/// One wrapped line: its pieces and where it starts in the block's plain text.
#[derive(Debug, Clone, PartialEq)]
pub struct WrappedLine {
    pub pieces: Vec<Piece>,
    /// Byte offset of the line's first character in the block's plain text.
    pub offset: usize,
    /// The last line before a hard break or the end: never stretched when justifying.
    pub last: bool,
    /// The line ends inside a word broken between syllables: a hyphen that is not in the
    /// text is drawn after its pieces (they leave a column for it).
    pub hyphen: bool,
}

/// Wraps `text` so that no line is wider than `width` columns (at least 1). A `\n` in the
/// text is a hard line break. Every character but the spaces at line breaks is kept.
pub fn wrap(text: &Text, width: usize) -> Vec<WrappedLine> {
    wrap_with(text, width, Hyphens::Off)
}

/// [`wrap`], breaking words between syllables as `hyphens` says: a line that ends inside
/// a word is marked [`WrappedLine::hyphen`], and is a column narrower so the hyphen fits.
pub fn wrap_with(text: &Text, width: usize, hyphens: Hyphens) -> Vec<WrappedLine> {
    let width = width.max(1);
    let plain = text.as_str();
    // Style boundaries: (byte offset where a span starts, its style).
    let mut bounds = Vec::new();
    let mut at = 0;
    for span in text.spans() {
        bounds.push((at, span.style));
        at += span.text.len();
    }
    let mut out = Vec::new();
    let mut seg_start = 0;
    for segment in plain.split('\n') {
        let segment_at = Segment {
            plain,
            base: seg_start,
            text: segment,
        };
        wrap_segment(&segment_at, width, hyphens, &bounds, &mut out);
        seg_start += segment.len() + 1;
    }
    out
}

/// One line of the text between hard breaks, and where it stands in the whole.
struct Segment<'a> {
    plain: &'a str,
    /// Byte offset of `text` in `plain`.
    base: usize,
    text: &'a str,
}

fn wrap_segment(
    segment: &Segment,
    width: usize,
    hyphens: Hyphens,
    bounds: &[(usize, &Style)],
    out: &mut Vec<WrappedLine>,
) {
    let (plain, base) = (segment.plain, segment.base);
    let trimmed = segment.text.trim_start();
    let lead = segment.text.len() - trimmed.len();
    let words = join_within_words(
        trimmed,
        WordSeparator::UnicodeBreakProperties.find_words(trimmed),
    );
    let words = split_words(words, hyphens);
    let words: Vec<Word> = break_words(words, width);
    if words.is_empty() {
        out.push(WrappedLine {
            pieces: Vec::new(),
            offset: base,
            last: true,
            hyphen: false,
        });
        return;
    }
    let line_widths = [width as f64];
    let lines: Vec<&[Word]> = if words.len() <= OPTIMAL_FIT_MAX_WORDS {
        wrap_optimal_fit(&words, &line_widths, &Penalties::new())
            .unwrap_or_else(|_| wrap_first_fit(&words, &line_widths))
    } else {
        wrap_first_fit(&words, &line_widths)
    };
    let seg_ptr = trimmed.as_ptr() as usize;
    let count = lines.len();
    for (n, line) in lines.into_iter().enumerate() {
        let (Some(first), Some(last)) = (line.first(), line.last()) else {
            continue;
        };
        let start = base + lead + (first.word.as_ptr() as usize - seg_ptr);
        let end = base + lead + (last.word.as_ptr() as usize - seg_ptr) + last.word.len();
        let last_line = n + 1 == count;
        let mut pieces = cut(plain, start, end, bounds);
        fit(&mut pieces, width);
        // textwrap counts the hyphen of a word broken at the end of a line in its width;
        // only a part as wide as the whole line (cut from a longer word) leaves no room,
        // and then goes without.
        let hyphen = !last_line
            && last.penalty == "-"
            && last.whitespace.is_empty()
            && width_of(&pieces) < width;
        out.push(WrappedLine {
            pieces,
            offset: start,
            last: last_line,
            hyphen,
        });
    }
}

/// Joins again the pieces the Unicode rules split a word into where no space separates
/// them (after `/` in a URL, in `and/or`, before `%`): optimal fit would happily break a
/// short URL to even out the lines. Breaks stay between wide (CJK) characters, which have
/// no spaces, and after dashes. A joined word too long for a line is still cut to fit.
fn join_within_words<'a>(text: &'a str, words: impl Iterator<Item = Word<'a>>) -> Vec<Word<'a>> {
    let base = text.as_ptr() as usize;
    let span = |w: &Word| {
        let start = w.word.as_ptr() as usize - base;
        (start, start + w.word.len() + w.whitespace.len())
    };
    let wide = |c: Option<char>| c.and_then(unicode_width::UnicodeWidthChar::width) == Some(2);
    let mut out: Vec<Word<'a>> = Vec::new();
    for word in words {
        if let Some(prev) = out.last()
            && prev.whitespace.is_empty()
            && prev.penalty.is_empty()
            && !prev.word.ends_with(['-', '–', '—'])
            && !wide(prev.word.chars().last())
            && !wide(word.word.chars().next())
        {
            let (start, _) = span(prev);
            let (_, end) = span(&word);
            *out.last_mut().expect("a previous word") = Word::from(&text[start..end]);
            continue;
        }
        out.push(word);
    }
    out
}

/// Splits each word where it may break (see [`Hyphens::split_points`]); a part that does
/// not end in a hyphen of its own carries a `-` penalty, shown only if a line ends there.
fn split_words(words: Vec<Word<'_>>, hyphens: Hyphens) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        let mut prev = 0;
        for at in hyphens.split_points(word.word) {
            let part = &word.word[prev..at];
            out.push(Word {
                word: part,
                width: display_width(part),
                whitespace: "",
                penalty: if part.ends_with('-') { "" } else { "-" },
            });
            prev = at;
        }
        if prev == 0 {
            out.push(word);
        } else {
            let part = &word.word[prev..];
            out.push(Word {
                word: part,
                width: display_width(part),
                whitespace: word.whitespace,
                penalty: word.penalty,
            });
        }
    }
    out
}

/// Cuts `plain[start..end]` into pieces along the style boundaries.
fn cut(plain: &str, start: usize, end: usize, bounds: &[(usize, &Style)]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let first = bounds
        .partition_point(|&(b, _)| b <= start)
        .saturating_sub(1);
    for (i, &(b, style)) in bounds.iter().enumerate().skip(first) {
        if b >= end {
            break;
        }
        let next = bounds.get(i + 1).map_or(plain.len(), |&(n, _)| n);
        let (s, e) = (b.max(start), next.min(end));
        if s < e {
            pieces.push(Piece {
                text: plain[s..e].to_string(),
                style: style.clone(),
            });
        }
    }
    pieces
}

/// Runs of spaces inside a line can make it wider than textwrap measured (it counts one
/// trailing whitespace run per word, which is right), so this only guards against a line
/// whose words were measured narrower than the terminal shows them; it trims from the end.
fn fit(pieces: &mut Vec<Piece>, width: usize) {
    // Measured whole after each cut: a string's width is not the sum of its characters'
    // (a ZWJ sequence is one emoji wide), so subtracting a character's width can be wrong.
    while width_of(pieces) > width {
        let Some(last) = pieces.last_mut() else {
            return;
        };
        if last.text.pop().is_none() {
            pieces.pop();
        }
    }
}

/// Display width of a line's pieces.
pub fn width_of(pieces: &[Piece]) -> usize {
    pieces.iter().map(|p| p.text.width()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(parts: &[(&str, bool)]) -> Text {
        let mut text = Text::default();
        for (t, strong) in parts {
            let style = Style {
                strong: *strong,
                ..Style::default()
            };
            text.push(t, &style);
        }
        text
    }

    fn lines(text: &Text, width: usize) -> Vec<String> {
        wrap(text, width)
            .into_iter()
            .map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn wraps_and_keeps_styles_across_lines() {
        let text = styled(&[
            ("one two ", false),
            ("three four five", true),
            (" six", false),
        ]);
        let out = wrap(&text, 10);
        let rendered: Vec<String> = out
            .iter()
            .map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect())
            .collect();
        assert_eq!(rendered, vec!["one two", "three four", "five six"]);
        assert!(out[1].pieces.iter().all(|p| p.style.strong));
        assert!(out[2].pieces[0].style.strong && !out[2].pieces[1].style.strong);
    }

    #[test]
    fn no_line_wider_than_width_with_cjk_and_long_words() {
        let text = Text::plain("漢字漢字漢字漢字漢字 supercalifragilisticexpialidocious 👩‍👩‍👧 end");
        for width in 1..30 {
            for line in wrap(&text, width) {
                assert!(width_of(&line.pieces) <= width, "width {width}: {line:?}");
            }
        }
    }

    #[test]
    fn a_short_url_is_not_broken_to_even_the_lines() {
        // From the GPL's first lines: optimal fit used to end a line on "<https://".
        let text = Text::plain(
            "Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/> Everyone is \
             permitted to copy and distribute verbatim copies of this license document, but \
             changing it is not allowed.",
        );
        let out = lines(&text, 68);
        assert!(
            out.iter().any(|l| l.contains("<https://fsf.org/>")),
            "{out:#?}"
        );
        // A URL longer than a line is still cut to fit.
        let long = Text::plain(format!("see https://example.org/{}", "a/".repeat(30)));
        assert!(lines(&long, 20).iter().all(|l| l.width() <= 20));
    }

    #[test]
    fn cjk_and_dashes_still_break() {
        let cjk = lines(&Text::plain("漢字漢字漢字漢字漢字漢字"), 8);
        assert_eq!(cjk.len(), 3, "{cjk:?}");
        let dashed = lines(&Text::plain("a well-considered argument"), 12);
        assert!(dashed.iter().any(|l| l.ends_with("well-")), "{dashed:?}");
    }

    #[test]
    fn hyphenated_lines_keep_every_letter_and_leave_room_for_the_hyphen() {
        let text = Text::plain(
            "Understanding the extraordinary responsibilities of interpretation requires \
             considerable concentration, particularly when institutional circumstances \
             discourage contemplation.",
        );
        let english = Hyphens::for_language(Some("en"));
        for width in [12, 20, 31, 60] {
            let out = wrap_with(&text, width, english);
            let mut joined = String::new();
            for l in &out {
                let s: String = l.pieces.iter().map(|p| p.text.as_str()).collect();
                assert!(
                    width_of(&l.pieces) + usize::from(l.hyphen) <= width,
                    "{l:?}"
                );
                assert!(
                    !(l.hyphen && l.last),
                    "the last line never ends in a hyphen"
                );
                joined.push_str(&s);
                if !l.hyphen {
                    joined.push(' ');
                }
            }
            assert_eq!(joined.trim_end(), text.as_str(), "at {width}");
            if width <= 20 {
                assert!(out.iter().any(|l| l.hyphen), "at {width}: {out:?}");
            }
        }
        // Ragged text is not hyphenated.
        assert!(wrap(&text, 20).iter().all(|l| !l.hyphen));
    }

    #[test]
    fn hard_breaks_are_kept() {
        assert_eq!(lines(&Text::plain("a b\nc d"), 40), vec!["a b", "c d"]);
    }

    #[test]
    fn offsets_point_into_the_plain_text() {
        let text = Text::plain("alpha beta gamma delta");
        let out = wrap(&text, 11);
        let plain = text.to_plain();
        for l in out {
            let s: String = l.pieces.iter().map(|p| p.text.as_str()).collect();
            assert!(plain[l.offset..].starts_with(&s));
        }
    }
}
