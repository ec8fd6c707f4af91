//! Grouping lines into units: a paragraph (wrapped lines joined back), or a line that was
//! broken on purpose (a heading, a verse line, a list item, a line of a title block).

use std::borrow::Cow;

use super::label;
use super::line_rules::{
    Ending, ending, header_field, is_bullet, is_byline, is_metadata, is_scene_break, numbering,
    starts_lowercase, underline_char,
};
use super::shape::{Line, Shape, is_full, small, without_mode_line};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitKind {
    Text,
    /// A line underlined with `=` or `-`.
    Underlined(char),
    /// A scene break such as `* * *`.
    Break,
}

/// Consecutive lines read as one piece.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    /// The lines' text joined by spaces: borrowed from the source when the unit is one
    /// line, as most are (the source is then all the text a long essay holds).
    pub text: Cow<'a, str>,
    pub kind: UnitKind,
    /// Index of its first line in the file's lines.
    pub first_line: u32,
    /// (Counts and widths are kept in 32 bits, as for lines: a unit per line.)
    pub line_count: u32,
    /// A blank line (or the start of the file) comes before it.
    pub blank_before: bool,
    /// A blank line (or the end of the file) comes after it.
    pub blank_after: bool,
    /// How many blank lines come before it (at most 255): books set chapters off by more
    /// than their paragraphs.
    pub gap_before: u8,
    /// Indentation of its first line.
    pub indent: u32,
    /// Display width of its longest line.
    pub width: u32,
    /// Part of readers' comments pasted after the essay.
    pub trailer: bool,
}

pub fn group<'a>(lines: &[Line<'a>], shape: &Shape) -> Vec<Unit<'a>> {
    // A unit per line that is not blank at the most: made once at that size, since a long
    // essay of short paragraphs has hundreds of thousands.
    let mut units = Vec::with_capacity(lines.iter().filter(|l| !l.is_blank()).count());
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            i += 1;
            continue;
        }
        let start = i;
        let underline = lines
            .get(i + 1)
            .and_then(|l| underline_char(l.text))
            .filter(|_| underline_char(lines[i].text).is_none() && !is_scene_break(lines[i].text));
        let (kind, end) = if let Some(c) = underline {
            (UnitKind::Underlined(c), i + 2)
        } else if is_scene_break(lines[i].text) {
            (UnitKind::Break, i + 1)
        } else {
            let mut j = i;
            while j + 1 < lines.len() && joins(lines, start, j, shape) {
                j += 1;
            }
            (UnitKind::Text, j + 1)
        };
        let text_end = if matches!(kind, UnitKind::Underlined(_)) {
            start + 1
        } else {
            end
        };
        let body = &lines[start..text_end];
        units.push(Unit {
            text: match body {
                // The file's first line may end with an editor's mode line, not the title's.
                [line] if units.is_empty() => Cow::Borrowed(without_mode_line(line.text)),
                [line] => Cow::Borrowed(line.text),
                _ => Cow::Owned(body.iter().map(|l| l.text).collect::<Vec<_>>().join(" ")),
            },
            kind,
            first_line: small(start),
            line_count: small(end - start),
            blank_before: start == 0 || lines[start - 1].is_blank(),
            gap_before: gap_before(lines, start),
            blank_after: end >= lines.len() || lines[end].is_blank(),
            indent: lines[start].indent,
            width: small(body.iter().map(Line::columns).max().unwrap_or(0)),
            trailer: shape.trailer.is_some_and(|t| start >= t),
        });
        i = end;
    }
    units
}

/// The blank lines right before line `start`, up to 255.
fn gap_before(lines: &[Line], start: usize) -> u8 {
    let blanks = lines[..start]
        .iter()
        .rev()
        .take(255)
        .take_while(|l| l.is_blank())
        .count();
    u8::try_from(blanks).unwrap_or(u8::MAX)
}

/// Whether `next` is indented to the text of a numbered or bulleted `first` line, as the
/// lines of a list item with a hanging indent are (`3. It must not …` / `   parsing …`).
fn hangs(first: &Line, next: &Line) -> bool {
    let marker = if is_bullet(first.text) {
        first.text.chars().next().map_or(0, char::len_utf8)
    } else if numbering(first.text).is_some() {
        first.text.find(char::is_whitespace).unwrap_or(0)
    } else {
        return false;
    };
    let after = &first.text[marker..];
    let column = first.indent as usize + marker + (after.len() - after.trim_start().len());
    marker > 0 && next.indent as usize == column
}

/// Whether line `j + 1` carries on the paragraph of lines `start..=j` (hard-wrapped text).
fn joins(lines: &[Line], start: usize, j: usize, shape: &Shape) -> bool {
    let (line, next) = (&lines[j], &lines[j + 1]);
    let Some(wrap) = shape.wrap else {
        return false;
    };
    // Headers (`Title: …` over `Author: …`) keep a line each.
    if header_field(line.text).is_some() && header_field(next.text).is_some() {
        return false;
    }
    if next.is_blank()
        || is_bullet(next.text)
        || is_byline(next.text)
        || is_metadata(next.text)
        || is_scene_break(next.text)
        || underline_char(next.text).is_some()
        || lines
            .get(j + 2)
            .is_some_and(|l| underline_char(l.text).is_some())
    {
        return false;
    }
    // A numbered item or an indented first line starts a paragraph of its own; so does a
    // chapter's label in capitals (`CHAPTER II. CONCERNING …`, one entry of a contents list
    // after another).
    if numbering(next.text).is_some() && ending(line.text) != Ending::Open {
        return false;
    }
    if label::read(next.text).is_some_and(|l| l.word_caps) {
        return false;
    }
    if next.indent as usize > line.indent as usize + 1 && !hangs(&lines[start], next) {
        return false;
    }
    if is_full(line, next, wrap) {
        return true;
    }
    // A short line inside a run of full lines, carrying on in lower case: a line broken by
    // hand mid-paragraph, not verse. A numbered heading's second line carries on so too
    // (`3.1.6. You are talking about … What do you mean` / `by that?`).
    (j > start || numbering(line.text).is_some())
        && starts_lowercase(next.text)
        && ending(line.text) == Ending::Open
}
