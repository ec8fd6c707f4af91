//! A table of contents near the start of a book is evidence, not structure: its entries are
//! never sections themselves, and each entry found again later in the text locates a real
//! heading there, whatever its punctuation.

use std::collections::HashSet;

use super::label;
use super::units::{Unit, UnitKind};

/// Where the contents list is, and the entries it names.
#[derive(Debug, Clone, Default)]
pub struct Contents {
    /// The line that says `Contents`, when there is one.
    pub title: Option<usize>,
    /// The units of the list itself.
    pub entries: std::ops::Range<usize>,
    /// The entries' keys (see [`key`]).
    keys: HashSet<String>,
}

impl Contents {
    /// Whether unit `i` is part of the contents list (its title included).
    pub fn holds(&self, i: usize) -> bool {
        self.entries.contains(&i) || self.title == Some(i)
    }

    /// Whether unit `unit`, after the list, is one of its entries found again.
    pub fn names(&self, unit: &Unit) -> bool {
        if unit.trailer || unit.kind == UnitKind::Break || unit.line_count > 2 {
            return false;
        }
        let k = key(&unit.text);
        !k.is_empty() && self.keys.contains(&k)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A line that announces a contents list.
fn is_contents_title(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(['.', ':'])
        .to_lowercase()
        .replace(['\u{a0}', '\t'], " ");
    matches!(
        t.as_str(),
        "contents" | "table of contents" | "content" | "index of chapters" | "chapters"
    )
}

/// An entry of a contents list: short lines (a long entry may wrap once), no paragraph.
fn is_entry(unit: &Unit) -> bool {
    unit.kind != UnitKind::Break && unit.line_count <= 3 && unit.text.chars().count() <= 240
}

/// What an entry and its heading have in common: the words, lower case, without the
/// label, page numbers or dot leaders. `CHAPTER I. Down the Rabbit-Hole ..... 3` and
/// `Down the Rabbit-Hole` share `down the rabbit hole`; an entry that is only a label
/// (`CHAPTER I.`) keeps it.
pub fn key(text: &str) -> String {
    let text = text.trim();
    let body = match label::read(text) {
        Some(l) if !l.alone(text) => l.rest(text),
        _ => text,
    };
    let mut words: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // A page number at the end (`… 12`, `… xiv`).
    while words.len() > 1
        && words.last().is_some_and(|w| {
            w.chars().all(|c| c.is_ascii_digit()) || label::roman(w).is_some_and(|_| w.len() > 1)
        })
    {
        words.pop();
    }
    words.join(" ")
}

/// Finds the contents list among the first part of `units`, from `body_start`.
pub fn find(units: &[Unit], body_start: usize) -> Contents {
    let limit = body_start + (units.len() - body_start.min(units.len())) * 2 / 5;
    let Some(title) = (body_start..limit.min(units.len()))
        .find(|&i| units[i].line_count == 1 && is_contents_title(&units[i].text))
    else {
        return Contents::default();
    };
    let start = title + 1;
    let mut keys = HashSet::new();
    let mut end = start;
    while end < units.len() && is_entry(&units[end]) {
        let k = key(&units[end].text);
        // The body begins where the first entry comes round again.
        if !k.is_empty() && keys.contains(&k) {
            break;
        }
        if !k.is_empty() {
            keys.insert(k);
        }
        end += 1;
    }
    // A label standing alone just before the first entry found again is that heading's
    // own label (`CHAPTER I.` over `Down the Rabbit-Hole`), not an entry.
    while end > start + 1
        && end < units.len()
        && label::read(&units[end - 1].text).is_some_and(|l| l.alone(&units[end - 1].text))
    {
        end -= 1;
    }
    // A list of one or two lines is not a contents list worth the name.
    if end - start < 3 {
        return Contents::default();
    }
    Contents {
        title: Some(title),
        entries: start..end,
        keys,
    }
}
