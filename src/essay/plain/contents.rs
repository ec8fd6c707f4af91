//! A table of contents near the start of a text is evidence, not structure: its entries are
//! never sections themselves, and each entry found again later in the text locates a real
//! heading there, whatever its punctuation.
//!
//! A list is a table of contents when a line says so (`Contents`, `Table of Contents`)
//! and short lines follow it, or, with no such line, when at least three short lines in a
//! row near the start are found again, in the same words, further on (a blog post's list
//! of its sections under the title).

use std::collections::{HashMap, HashSet};

use super::label;
use super::line_rules::{Ending, ending, is_all_caps, is_short, starts_like_heading};
use super::units::{Unit, UnitKind};

/// How far into the body a contents list may start, as a share of the units.
const CONTENTS_SHARE: usize = 3;
/// And at most this many units in.
const CONTENTS_REACH: usize = 600;

/// Where the contents list is, and where its entries are found again.
#[derive(Debug, Clone, Default)]
pub struct Contents {
    /// The line that says `Contents`, when there is one.
    pub title: Option<usize>,
    /// The units of the list itself.
    pub entries: std::ops::Range<usize>,
    /// Units after the list that one of its entries names.
    found: HashSet<usize>,
    /// Later lists under their own `Contents` lines (a chapter's contents, in a manual):
    /// each title line and its entries, never headings either.
    pub later: Vec<(usize, std::ops::Range<usize>)>,
}

impl Contents {
    /// Whether unit `i` is part of the contents list (its title included).
    pub fn holds(&self, i: usize) -> bool {
        self.entries.contains(&i)
            || self.title == Some(i)
            || self.later.iter().any(|(t, e)| *t == i || e.contains(&i))
    }

    /// Whether unit `i`, after the list, is one of its entries found again.
    pub fn names(&self, i: usize) -> bool {
        self.found.contains(&i)
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

/// A unit that could be a heading an entry names: a line or two that starts as headings
/// do (not a bullet, not a reference), not readers' comments.
fn could_be_named(unit: &Unit) -> bool {
    !unit.trailer
        && unit.kind != UnitKind::Break
        && unit.line_count <= 2
        && unit.text.chars().count() <= 240
        && starts_like_heading(&unit.text)
        // A field's label (`Files:`) over its value is not the section `Files`.
        && !(unit.text.ends_with(':') && !is_all_caps(&unit.text) && !unit.blank_after)
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

/// Two keys name the same section: equal, or one the other's start at a word boundary
/// holding most of its words (`variant 1 drop support … 5 9 x recommended` and `variant 1
/// drop support … 5 9 x`).
fn same_section(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (ws, wl) = (short.split(' ').count(), long.split(' ').count());
    ws >= 3
        && long.starts_with(short)
        && long.as_bytes().get(short.len()) == Some(&b' ')
        && ws * 5 >= wl * 3
}

/// The first two words of a key: later units are looked up by them.
fn stem(key: &str) -> String {
    key.split(' ').take(2).collect::<Vec<_>>().join(" ")
}

/// The first two words of `text`'s key, made without making the whole key: the test for
/// every later line, most of which no entry names.
fn stem_of(text: &str) -> String {
    let text = text.trim();
    let body = match label::read(text) {
        Some(l) if !l.alone(text) => l.rest(text),
        _ => text,
    };
    let mut out = String::new();
    for word in body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The first word of `text` after its label, as it is written.
fn first_word(text: &str) -> &str {
    let text = text.trim();
    let body = match label::read(text) {
        Some(l) if !l.alone(text) => l.rest(text),
        _ => text,
    };
    body.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
}

/// Whether a line's stem is among the entries' (or its first word is, for an entry of one
/// word, `Preface … 12`).
fn among(stems: &HashSet<String>, stem: &str) -> bool {
    stems.contains(stem) || stem.split(' ').next().is_some_and(|w| stems.contains(w))
}

/// Later units (from `from`) that could be headings and share a stem with an entry, by
/// the stem of their key; lines that end a sentence only when `stops` (some entry does).
fn index_after(
    units: &[Unit],
    from: usize,
    stems: &HashSet<String>,
    stops: bool,
) -> HashMap<String, Vec<(usize, String)>> {
    // The entries' first words, to pass most lines without making anything.
    let firsts: Vec<&str> = stems.iter().filter_map(|s| s.split(' ').next()).collect();
    let mut index: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    for (i, unit) in units.iter().enumerate().skip(from) {
        // A line that ends a sentence is named only by entries that do (`Loomings.`).
        if !could_be_named(unit) || (!stops && ending(&unit.text) == Ending::Closed) {
            continue;
        }
        let first = first_word(&unit.text);
        // (Entries' words are lower case already; a line's are compared as written.)
        let same = |f: &&str| {
            if first.is_ascii() {
                f.eq_ignore_ascii_case(first)
            } else {
                **f == first.to_lowercase()
            }
        };
        if !firsts.iter().any(same) {
            continue;
        }
        if !among(stems, &stem_of(&unit.text)) {
            continue;
        }
        let k = key(&unit.text);
        if k.is_empty() {
            continue;
        }
        index.entry(stem(&k)).or_default().push((i, k));
    }
    index
}

/// The later units `entry` names.
fn named_by(index: &HashMap<String, Vec<(usize, String)>>, entry: &str) -> Vec<usize> {
    let k = key(entry);
    if k.is_empty() {
        return Vec::new();
    }
    index
        .get(&stem(&k))
        .map(|later| {
            later
                .iter()
                .filter(|(_, lk)| same_section(&k, lk))
                .map(|(i, _)| *i)
                .collect()
        })
        .unwrap_or_default()
}

/// Finds the contents list among the first part of `units`, from `body_start`.
pub fn find(units: &[Unit], body_start: usize) -> Contents {
    let body = units.len().saturating_sub(body_start);
    let limit = (body_start + (body / CONTENTS_SHARE).min(CONTENTS_REACH)).min(units.len());
    let titled_at = |i: usize| {
        let u = &units[i];
        // Cheap first: this looks at every line of the essay.
        u.line_count == 1 && u.text.len() <= 24 && is_contents_title(&u.text)
    };
    let mut contents = match (body_start..limit).find(|&i| titled_at(i)) {
        Some(title) => titled(units, title),
        None => untitled(units, body_start, limit),
    };
    let mut i = contents.entries.end.max(body_start);
    while i < units.len() {
        if titled_at(i)
            && let Some(entries) = list_after(units, i)
        {
            let next = entries.end;
            contents.later.push((i, entries));
            i = next;
            continue;
        }
        i += 1;
    }
    contents
}

/// The entries of a list under the `Contents` line `title`: the short lines after it, up
/// to the first one that comes round again; `None` for fewer than three.
fn list_after(units: &[Unit], title: usize) -> Option<std::ops::Range<usize>> {
    let start = title + 1;
    let mut first_keys = HashSet::new();
    let mut end = start;
    while end < units.len() && is_entry(&units[end]) {
        let k = key(&units[end].text);
        if !k.is_empty() && first_keys.contains(&k) {
            break;
        }
        if !k.is_empty() && first_keys.len() < 3 {
            first_keys.insert(k);
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
    (end >= start + 3).then_some(start..end)
}

/// A list under a `Contents` line: the short lines after it, up to the first one that
/// comes round again (the body's first heading).
fn titled(units: &[Unit], title: usize) -> Contents {
    let Some(entries) = list_after(units, title) else {
        return Contents::default();
    };
    let (start, end) = (entries.start, entries.end);
    let stems = units[start..end]
        .iter()
        .map(|u| stem(&key(&u.text)))
        .collect();
    let stops = units[start..end]
        .iter()
        .any(|u| ending(&u.text) == Ending::Closed);
    let index = index_after(units, end, &stems, stops);
    let found = units[start..end]
        .iter()
        .flat_map(|u| named_by(&index, &u.text))
        .collect();
    Contents {
        title: Some(title),
        entries: start..end,
        found,
        later: Vec::new(),
    }
}

/// A list with no `Contents` line: three or more short lines in a row near the start,
/// each found again further on.
fn untitled(units: &[Unit], body_start: usize, limit: usize) -> Contents {
    // Entries name sections; they do not end sentences (short paragraphs of prose do).
    let short = |u: &Unit| {
        u.line_count == 1
            && u.kind == UnitKind::Text
            && is_short(&u.text)
            && ending(&u.text) != Ending::Closed
    };
    // The runs of three short lines or more near the start, then one index of the later
    // lines that could be what they name.
    let mut runs = Vec::new();
    let mut i = body_start;
    while i < limit {
        if !short(&units[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < units.len() && short(&units[i]) {
            i += 1;
        }
        if i - start >= 3 {
            runs.push(start..i);
        }
    }
    let Some(first) = runs.first() else {
        return Contents::default();
    };
    let stems = runs
        .iter()
        .flat_map(|r| r.clone().map(|k| stem(&key(&units[k].text))))
        .collect();
    // Entries of an untitled list end no sentence (see `short`), but the headings they
    // name may (`Variant 1: Drop support for Node.js 5.9.x.`).
    let index = index_after(units, first.start + 1, &stems, true);
    for run in runs {
        // Entries are found after the run; a line found only inside it is not.
        let named: Vec<Vec<usize>> = run
            .clone()
            .map(|k| {
                named_by(&index, &units[k].text)
                    .into_iter()
                    .filter(|&j| j >= run.end)
                    .collect()
            })
            .collect();
        // The longest stretch of entries found again.
        let (mut best, mut run_start) = (0..0, None);
        for k in 0..=named.len() {
            let hit = named.get(k).is_some_and(|n| !n.is_empty());
            match (hit, run_start) {
                (true, None) => run_start = Some(k),
                (false, Some(s)) => {
                    if k - s > best.len() {
                        best = s..k;
                    }
                    run_start = None;
                }
                _ => {}
            }
        }
        if best.len() >= 3 {
            let found = named[best.clone()].iter().flatten().copied().collect();
            return Contents {
                title: None,
                entries: run.start + best.start..run.start + best.end,
                found,
                later: Vec::new(),
            };
        }
    }
    Contents::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_leave_out_labels_page_numbers_and_leaders() {
        assert_eq!(
            key("CHAPTER I. Down the Rabbit-Hole ..... 3"),
            "down the rabbit hole"
        );
        assert_eq!(key("Down the Rabbit-Hole"), "down the rabbit hole");
        assert_eq!(key("CHAPTER I."), "chapter i");
        assert_eq!(key("Preface . . . . xiv"), "preface");
        assert_eq!(key("1.5. What is it?"), "what is it");
    }

    #[test]
    fn sections_match_on_most_of_their_words() {
        assert!(same_section(
            "variant 1 drop old support recommended",
            "variant 1 drop old support"
        ));
        assert!(!same_section("on walking", "on walking home late at night"));
        assert!(!same_section("variant 1 drop", "variant 1 dropped"));
    }

    proptest::proptest! {
        /// A key is made of lower-case words joined by single spaces, and a line's key is
        /// its own key's key: keys compare equal however often they are taken.
        #[test]
        fn keys_are_normal(line in "\\PC{0,60}") {
            let k = key(&line);
            proptest::prop_assert!(!k.contains("  ") && !k.starts_with(' ') && !k.ends_with(' '));
            proptest::prop_assert!(same_section(&k, &k));
        }
    }
}
