//! The shape of a plain-text file: is it hard-wrapped, and at what width; are its paragraphs
//! separated by blank lines or one to a line; where pasted comments begin.

use unicode_width::UnicodeWidthStr;

use super::line_rules::is_code_like;

/// A line of the file, with what the rules ask of it. Widths are kept in 32 bits (a wider
/// line counts as 4 billion columns): a long essay has a line per 50 bytes or so.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The text, without trailing whitespace and without its indentation.
    pub text: &'a str,
    pub indent: u32,
    /// Display width of `text`.
    pub width: u32,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Columns the line takes, its indentation included.
    pub fn columns(&self) -> usize {
        self.indent as usize + self.width as usize
    }

    /// Display width of the first word.
    pub fn first_word_width(&self) -> usize {
        self.text.split_whitespace().next().map_or(0, |w| w.width())
    }
}

/// `n`, or 4 billion when it is more.
pub fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The lines of `text`, the first at index 0 (line 1).
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    // Counted first, so that the table (as long as the file) is made once at its size.
    let mut lines = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    lines.extend(text.split('\n').map(|raw| {
        let trimmed = raw.trim_end();
        let body = trimmed.trim_start();
        Line {
            text: body,
            indent: small(trimmed.width() - body.width()),
            width: small(body.width()),
        }
    }));
    lines
}

/// What the rules need to know about the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The column paragraphs were wrapped at, when they were hard-wrapped.
    pub wrap: Option<usize>,
    /// Paragraphs are separated by blank lines (rather than one per line).
    pub blank_separated: bool,
    /// Index of the first line of pasted readers' comments, if any.
    pub trailer: Option<usize>,
    /// The first line declares an outline (`-*- outline -*-`, `-*- org -*-`): lines that
    /// start with stars are its headings, as in GNU NEWS files.
    pub outline: bool,
}

/// Hard-wrapped text has nearly all lines at or under one width, most of them close to it.
const MAX_WRAP: usize = 100;

pub fn analyse(lines: &[Line]) -> Shape {
    let wrap = wrap_width(lines);
    let nonblank = lines.iter().filter(|l| !l.is_blank()).count();
    // Blank gaps between pieces of text (not the blank lines at the very end).
    let gaps = lines
        .windows(2)
        .skip_while(|w| w[0].is_blank())
        .filter(|w| w[0].is_blank() && !w[1].is_blank())
        .count();
    let blank_separated = match wrap {
        // Wrapped prose always has several lines a paragraph; gaps show paragraphs.
        Some(_) => gaps >= 2,
        // Unwrapped: blank-separated when at least a quarter of the lines end a block (lists
        // of short lines between blank-separated paragraphs are common); a paste with a
        // paragraph a line has almost no blank lines at all.
        None => nonblank > 0 && gaps * 4 >= nonblank,
    };
    let gap = if blank_separated {
        None
    } else {
        trailer_start(lines)
    };
    let trailer = earliest(gap, comments_start(lines));
    Shape {
        wrap,
        blank_separated,
        trailer,
        outline: lines
            .iter()
            .find(|l| !l.is_blank())
            .and_then(|l| mode_line(l.text))
            .is_some_and(|m| {
                let m = m.to_lowercase();
                m.contains("outline") || m.contains("org")
            }),
    }
}

/// The Emacs mode line at the end of a file's first line (`GNU coreutils NEWS  -*- outline
/// -*-`): what it says, and where it starts.
pub fn mode_line(text: &str) -> Option<&str> {
    let start = text.find("-*-")?;
    let end = text[start + 3..].find("-*-")? + start + 3;
    Some(text[start + 3..end].trim())
}

/// `text` without the mode line at its end.
pub fn without_mode_line(text: &str) -> &str {
    match (mode_line(text), text.find("-*-")) {
        (Some(_), Some(start)) => text[..start].trim_end(),
        _ => text,
    }
}

/// Once wrapped lines are grouped, checks that blank lines really separate paragraphs: in
/// a book-style text whose paragraphs start with an indent, a few blank lines (after the
/// title, before an epigraph) do not make it blank-separated. The test: at least half as
/// many blank gaps as paragraph breaks without one. Returns whether the shape changed.
///
/// `blank_before` says, for each unit grouped, whether a blank line came before it: the
/// shape is read before units exist, so it takes only what it needs of them.
pub fn refine(shape: &mut Shape, lines: &[Line], blank_before: impl Iterator<Item = bool>) -> bool {
    if shape.wrap.is_none() || !shape.blank_separated {
        return false;
    }
    let (mut gaps, mut breaks) = (0, 0);
    for (i, blank) in blank_before.enumerate() {
        if blank && i > 0 {
            gaps += 1;
        } else if !blank {
            breaks += 1;
        }
    }
    if gaps * 2 >= breaks {
        return false;
    }
    shape.blank_separated = false;
    shape.trailer = earliest(trailer_start(lines), comments_start(lines));
    true
}

/// The wrap column, if the text is hard-wrapped: the 95th percentile of line widths, when it
/// is no wider than [`MAX_WRAP`], at least half the lines that run on into another line are
/// full (the next word would not have fitted, or they reach 80% of the width), and at least
/// two in five of them stop mid-sentence. (Short paragraphs pasted one to a line can be
/// full too, but each of them ends a sentence.)
pub fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.columns())
        .collect();
    if widths.len() < 3 {
        return None;
    }
    widths.sort_unstable();
    let width = widths[(widths.len() - 1) * 95 / 100];
    if !(20..=MAX_WRAP).contains(&width) {
        return None;
    }
    let mut runs = 0;
    let mut full = 0;
    let mut mid_sentence = 0;
    for w in lines.windows(2) {
        if w[0].is_blank() || w[1].is_blank() {
            continue;
        }
        // Code and diagrams keep their own lines in any text; they say nothing of the
        // prose's wrapping.
        let code = |l: &Line| l.width as usize <= MAX_WRAP && is_code_like(l.text);
        if code(&w[0]) || code(&w[1]) {
            continue;
        }
        runs += 1;
        if is_full(&w[0], &w[1], width) {
            full += 1;
            if !ends_sentence(w[0].text) {
                mid_sentence += 1;
            }
        }
    }
    (runs >= 2 && full * 2 >= runs && mid_sentence * 5 >= runs * 2).then_some(width)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', '…', ':'])
}

/// A line is full when the next line's first word would not have fitted after it, or when
/// it is long enough that a wrapping program aiming short of the margin could have stopped.
pub fn is_full(line: &Line, next: &Line, wrap: usize) -> bool {
    let used = line.columns();
    used + 1 + next.first_word_width() > wrap || used * 5 >= wrap * 4
}

/// Readers' comments pasted under a one-paragraph-per-line essay sit after a gap of two or
/// more blank lines near the end; the text after the last such gap must be a small part of
/// the whole (at most a quarter of the lines).
fn trailer_start(lines: &[Line]) -> Option<usize> {
    let nonblank = lines.iter().filter(|l| !l.is_blank()).count();
    let mut candidate = None;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            let start = i;
            while i < lines.len() && lines[i].is_blank() {
                i += 1;
            }
            if i - start >= 2 && start > 0 && i < lines.len() {
                candidate = Some(i);
            }
        } else {
            i += 1;
        }
    }
    let start = candidate?;
    let after = lines[start..].iter().filter(|l| !l.is_blank()).count();
    (after * 4 <= nonblank).then_some(start)
}

fn earliest(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Where a blog's comment section starts, when it was pasted along with the post: the first
/// line, in the second half of the text, that only a comment section has: `12 Comments`,
/// `3 thoughts on …`, `Leave a Reply`, `Share this:`, `Mark T. says:` and the like.
fn comments_start(lines: &[Line]) -> Option<usize> {
    let half = lines.len() / 2;
    lines
        .iter()
        .enumerate()
        .skip(half)
        .find(|(_, l)| is_comment_marker(l.text))
        .map(|(i, _)| i)
}

/// A line of a blog's comment section or sharing widgets.
pub fn is_comment_marker(text: &str) -> bool {
    const WHOLE: &[&str] = &[
        "leave a reply",
        "leave a comment",
        "comments",
        "responses",
        "share this:",
        "like this:",
        "share this",
        "like this",
        "related",
        "related posts",
        "post navigation",
        "reply",
        "loading...",
        "loading…",
        "cancel reply",
        "join the discussion",
    ];
    let lower = text.trim().to_lowercase();
    if WHOLE.contains(&lower.as_str()) {
        return true;
    }
    let mut words = lower.split_whitespace();
    let counted = words
        .next()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        && words.next().is_some_and(|w| {
            [
                "comment",
                "comments",
                "response",
                "responses",
                "reply",
                "replies",
                "thoughts",
                "thought",
            ]
            .contains(&w)
        });
    // `Mark T. says:`, a commenter's name; not a line of dialogue (`and he said:`).
    let words: Vec<&str> = text.split_whitespace().collect();
    let says = (lower.ends_with(" says:") || lower.ends_with(" said:"))
        && words.len() <= 5
        && words[..words.len() - 1].iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '@')
        });
    counted || says
}
