//! Numbered series: headings decided together rather than line by line.
//!
//! A book's chapter heads share a style (`CHAPTER 1. Loomings.`, `CHAPTER 2. The
//! Carpet-Bag.`), and so do a licence's sections (`0. Definitions.` … `17. Interpretation
//! of Sections 15 and 16.`) or a speech's parts (`I.`, `II.`). One such line alone may end
//! with a full stop like a sentence; a series of them, counting up, each standing apart
//! with text between, is the document's structure. Lines are grouped by their label's
//! style (division word and its case, prefix, kind of numeral, depth, punctuation,
//! indentation) and a group is accepted as headings when it counts up and its members stand
//! apart: a numbered list has its items next to each other, and restarts at 1 without a
//! higher division in between.

use std::collections::HashMap;

use super::label::{self, Label, Numeral, division_rank};
use super::line_rules::{
    Ending, ending, has_code_marks, has_inner_sentence, is_all_caps, is_short, is_title_case,
    starts_like_heading, starts_lowercase,
};
use super::units::{Unit, UnitKind};

/// Longest line that can be a member of a series: a section title in a specification may
/// be a long question.
const MAX_MEMBER_WIDTH: u32 = 160;
const MAX_MEMBER_WORDS: usize = 28;

/// What a group of lines with one label style looks like.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Style {
    word: String,
    word_caps: bool,
    prefix: String,
    numeral: Numeral,
    depth: usize,
    punct: char,
    indent: u32,
}

impl Style {
    fn of(label: &Label, indent: u32) -> Style {
        // After a division word the stop is the author's whim (`CHAPTER I` and `CHAPTER
        // II.` in one book); after a bare number it tells `1)` lists from `1.` sections.
        let punct = match label.punct {
            _ if !label.word.is_empty() => '.',
            Some('.' | ',' | ':') => '.',
            Some(')') => ')',
            Some(_) => '-',
            None => ' ',
        };
        Style {
            word: label.word.clone(),
            word_caps: label.word_caps,
            prefix: label.prefix.clone(),
            numeral: label.numeral,
            // Versions mix depths (`1.95`, `1.94.1`) in one series.
            depth: if is_version(&label.word) {
                0
            } else {
                label.path.len()
            },
            punct,
            // Indentation tells a numbered list under a section (`    1.`) from the
            // sections (`1.`); a named or Roman label may be centred anywhere.
            indent: if label.word.is_empty() && label.numeral == Numeral::Arabic {
                match indent {
                    0 => 0,
                    1..=3 => 1,
                    _ => 4,
                }
            } else {
                0
            },
        }
    }

    /// How the series ranks among others: parts over chapters over sections, and a
    /// shallower number over a deeper one.
    fn rank(&self) -> (u8, usize) {
        let word = if self.word.is_empty() {
            // Bare Roman numerals usually divide a text above its numbered sections.
            if self.numeral == Numeral::Roman { 1 } else { 2 }
        } else {
            division_rank(&self.word)
        };
        // Bracketed labels number subsections under the plain ones: `(1)` under `5.`,
        // `(a)` under `(1)`.
        let nested = match (self.prefix.as_str(), self.numeral) {
            ("(", Numeral::Letter | Numeral::Roman) => 2,
            ("(", _) => 1,
            _ => 0,
        };
        (word, self.depth + nested)
    }
}

/// A line's place in an accepted series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// Index of the series, in order of first appearance.
    pub series: usize,
    /// Rank among the accepted series: 0 is the highest.
    pub tier: u8,
    /// The label stands alone and the next unit is its title (`CHAPTER I.` / `LOOMINGS.`).
    pub joins_next: bool,
    /// The series divides the text into parts that hold other headings (`Part`, `Book`,
    /// `Volume`).
    pub container: bool,
}

/// A group of lines in one style, accepted or not, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// A readable name of the style (`CHAPTER <roman>`, `<n>.<n>.`).
    pub name: String,
    pub members: Vec<usize>,
    /// Steps that count up by one (or restart at the start under a higher division).
    pub counting: usize,
    /// Members with other text between them and the next.
    pub apart: usize,
    pub accepted: bool,
}

/// The series found in a document.
#[derive(Debug, Clone, Default)]
pub struct Series {
    /// For each unit, its place in an accepted series.
    pub members: HashMap<usize, Member>,
    pub groups: Vec<Group>,
}

/// A line that may belong to a series: one line, not too long, not readers' comments,
/// whose text after the label reads like a title.
fn candidate(unit: &Unit) -> Option<Label> {
    if unit.trailer || unit.kind == UnitKind::Break || unit.line_count > 3 {
        return None;
    }
    // A long heading may be wrapped onto a second line, a long question onto a third (an
    // FAQ's).
    let wrapped = unit.kind == UnitKind::Text
        && (unit.line_count == 2 || (unit.line_count == 3 && unit.text.ends_with('?')));
    if unit.line_count != 1 && !wrapped && !matches!(unit.kind, UnitKind::Underlined(_)) {
        return None;
    }
    // The label first: most lines have none, and are passed at their first word.
    let label = label::read(&unit.text)?;
    let words = unit.text.split_whitespace().count();
    if wrapped {
        if unit.text.chars().count() > unit.line_count as usize * MAX_MEMBER_WIDTH as usize
            || words > MAX_MEMBER_WORDS * unit.line_count as usize / 2 + MAX_MEMBER_WORDS / 2
        {
            return None;
        }
    } else if unit.width > MAX_MEMBER_WIDTH || words > MAX_MEMBER_WORDS {
        return None;
    }
    if has_code_marks(&unit.text) {
        return None;
    }
    let rest = label.rest(&unit.text);
    if !rest.is_empty() {
        // A list item carries on a sentence: `1. make any decision …;`. A name in lower
        // case is a title still (`8.1.1. dpkg`).
        let name = rest.split_whitespace().count() <= 3 && ending(rest) == Ending::Open;
        let lower_name = name && starts_lowercase(rest);
        if !lower_name && (starts_lowercase(rest) || !starts_like_heading_or_quote(rest)) {
            return None;
        }
        match ending(rest) {
            Ending::Continues if !rest.ends_with(':') => return None,
            // A colon after a sentence leads into a list (`1. What to examine:`); after a
            // title it is the author's style (`APPENDIX:`, `2. Where:`).
            Ending::Continues if !(is_title_case(rest) || is_all_caps(rest)) => return None,
            // Two lines ending with a full stop are a numbered paragraph; one line is
            // a heading when it names rather than says (`1. Source Code.`).
            Ending::Closed if wrapped || !names_rather_than_says(rest) => return None,
            _ => {}
        }
    }
    Some(label)
}

/// A title that ends with a full stop: in Title Case or capitals (`Protecting Users'
/// Legal Rights From Anti-Circumvention Law.`), or a few words (`Definitions.`,
/// `Loomings.`, `A Bosom Friend.`), rather than a sentence (`It must be easy to type.`).
fn names_rather_than_says(rest: &str) -> bool {
    let words = rest.split_whitespace().count();
    words <= 4 || is_title_case(rest) || is_all_caps(rest)
}

fn starts_like_heading_or_quote(text: &str) -> bool {
    starts_like_heading(text) || text.starts_with(['"', '“', '\'', '‘', '(', '['])
}

/// Whether `b` follows `a` in counting: the next number at the same depth, or a restart
/// at 0 or 1 under a new parent.
fn counts_on(a: &Label, b: &Label) -> bool {
    let (pa, pb) = (&a.path, &b.path);
    if pa.len() != pb.len() || pa.is_empty() {
        return false;
    }
    let last = pa.len() - 1;
    let same_parent = pa[..last] == pb[..last];
    (same_parent && pb[last] == pa[last] + 1) || (!same_parent && pb[last] <= 1)
}

/// A division word that names a release: its numbers are versions.
fn is_version(word: &str) -> bool {
    matches!(word, "version" | "release")
}

/// Whether the line after `unit` carries on its sentence: in the same block, in lower
/// case or hanging under its text (`1. Some projects want …` / `   merges.`).
fn runs_on(unit: &Unit, next: Option<&Unit>) -> bool {
    next.is_some_and(|n| {
        !unit.blank_after && (starts_lowercase(&n.text) || n.indent > unit.indent + 1)
    })
}

/// Finds the numbered series among `units` from `body_start`, leaving out `excluded`
/// units (a table of contents).
pub fn find(units: &[Unit], body_start: usize, excluded: &dyn Fn(usize) -> bool) -> Series {
    let mut order: Vec<Style> = Vec::new();
    let mut groups: HashMap<Style, Vec<(usize, Label)>> = HashMap::new();
    for (i, unit) in units.iter().enumerate().skip(body_start) {
        if excluded(i) {
            continue;
        }
        let Some(label) = candidate(unit) else {
            continue;
        };
        if runs_on(unit, units.get(i + 1)) {
            continue;
        }
        let style = Style::of(&label, unit.indent);
        let entry = groups.entry(style.clone()).or_default();
        if entry.is_empty() {
            order.push(style);
        }
        entry.push((i, label));
    }
    // Every labelled line with its style's rank, in order: a section numbered 1 again
    // after `Article. II.` restarts under a higher division, not as a new list.
    let mut ranked: Vec<(usize, (u8, usize))> = groups
        .iter()
        .flat_map(|(style, items)| items.iter().map(move |(i, _)| (*i, style.rank())))
        .collect();
    ranked.sort_unstable();
    let mut series = Series::default();
    let mut accepted: Vec<(usize, Style)> = Vec::new();
    for style in order {
        let items = &groups[&style];
        let higher_between = |a: usize, b: usize| {
            let from = ranked.partition_point(|(i, _)| *i <= a);
            ranked[from..]
                .iter()
                .take_while(|(i, _)| *i < b)
                .any(|(_, r)| *r < style.rank())
        };
        let group = judge(units, &style, items, &higher_between);
        if group.accepted {
            accepted.push((series.groups.len(), style.clone()));
        }
        series.groups.push(group);
    }
    // Tiers: the accepted styles in rank order.
    let mut ranks: Vec<(u8, usize)> = accepted.iter().map(|(_, s)| s.rank()).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let members: std::collections::HashSet<usize> = accepted
        .iter()
        .flat_map(|(g, _)| series.groups[*g].members.iter().copied())
        .collect();
    for (g, style) in &accepted {
        let tier = ranks.iter().position(|r| *r == style.rank()).unwrap_or(0) as u8;
        let items = &groups[style];
        let titled = |i: usize| {
            units
                .get(i + 1)
                .is_some_and(|next| is_title_of_label(next) && !members.contains(&(i + 1)))
                && units.get(i + 2).is_none_or(|after| !after.trailer)
        };
        // Labels take the line after them as their title only when every label standing
        // alone in the series does: `Part Two` over `Driving Slow`, when `Part One` is
        // followed by prose, is a part and its first section.
        let alone: Vec<usize> = items
            .iter()
            .filter(|(i, l)| l.alone(&units[*i].text))
            .map(|(i, _)| *i)
            .collect();
        let all_titled = alone.iter().all(|&i| titled(i));
        for (i, label) in items {
            let joins_next = all_titled && label.alone(&units[*i].text) && titled(*i);
            series.members.insert(
                *i,
                Member {
                    series: *g,
                    tier,
                    joins_next,
                    container: style.rank().0 == 0,
                },
            );
        }
    }
    series
}

/// Decides whether the lines of one style are a series of headings.
fn judge(
    units: &[Unit],
    style: &Style,
    items: &[(usize, Label)],
    higher_between: &dyn Fn(usize, usize) -> bool,
) -> Group {
    let members: Vec<usize> = items.iter().map(|(i, _)| *i).collect();
    let first_value = items.first().map_or(0, |(_, l)| l.value());
    let counting = if is_version(&style.word) {
        // Release notes count down (`1.95`, `1.94.1`, `1.94.0`) or up, never both.
        let down = items
            .windows(2)
            .filter(|w| w[1].1.path < w[0].1.path)
            .count();
        let up = items
            .windows(2)
            .filter(|w| w[1].1.path > w[0].1.path)
            .count();
        down.max(up)
    } else {
        items
            .windows(2)
            .filter(|w| {
                // A restart at the series' first number: under a higher division, or
                // in the next part of a document made of parts alike (release notes).
                counts_on(&w[0].1, &w[1].1)
                    || (w[1].1.value() <= 1
                        && (higher_between(w[0].0, w[1].0)
                            || (w[1].1.value() == first_value && w[0].0 + 2 < w[1].0)))
            })
            .count()
    };
    // Apart: something other than the next member follows, and (for the last) something
    // follows at all.
    let apart = items
        .iter()
        .enumerate()
        .filter(|(k, (i, _))| {
            let next_member = items.get(k + 1).map(|(j, _)| *j);
            let has_text = units
                .get(i + 1)
                .is_some_and(|u| !u.trailer && u.kind != UnitKind::Break);
            has_text && next_member != Some(i + 1)
        })
        .count();
    let n = items.len();
    let steps = n.saturating_sub(1);
    let labelled_word = !style.word.is_empty();
    let titles_like = items
        .iter()
        .filter(|(i, l)| {
            let rest = l.rest(&units[*i].text);
            rest.is_empty() || title_like_rest(rest)
        })
        .count();
    let accepted = n >= 2
        && counting * 10 >= steps * 7
        && apart * 5 >= n * 4
        && titles_like * 5 >= n * 4
        // A pair of numbered lines is a series only when it starts at the start, or is
        // named (`Chapter`); otherwise two numbers are as likely a list or a date.
        && (n >= 3 || labelled_word || first_value <= 1);
    Group {
        name: style_name(style),
        members,
        counting,
        apart,
        accepted,
    }
}

/// Text after a label that reads as a title, full stop allowed: short, no sentence
/// break inside.
fn title_like_rest(rest: &str) -> bool {
    !has_inner_sentence(rest) || rest.split_whitespace().count() <= 20
}

/// A line that names the section its label opens: `Down the Rabbit-Hole`, `INTRODUCTORY.`
fn is_title_of_label(unit: &Unit) -> bool {
    if unit.trailer || unit.kind == UnitKind::Break || unit.line_count > 3 {
        return false;
    }
    let text = &*unit.text;
    // A long title in capitals may wrap over two or three lines (`HOW MANY KINDS OF
    // PRINCIPALITIES THERE ARE, AND BY WHAT MEANS THEY ARE` / `ACQUIRED`).
    let long_caps = unit.line_count > 1
        && is_all_caps(text)
        && text.split_whitespace().count() <= MAX_MEMBER_WORDS;
    if unit.line_count > 1 && !long_caps {
        return false;
    }
    if !(is_short(text) || long_caps) || !starts_like_heading(text) || has_inner_sentence(text) {
        return false;
    }
    if label::read(text).is_some() {
        return false;
    }
    match ending(text) {
        Ending::Open | Ending::Question => true,
        Ending::Closed => is_all_caps(text) || text.split_whitespace().count() <= 6,
        Ending::Continues => false,
    }
}

fn style_name(style: &Style) -> String {
    let numeral = match style.numeral {
        Numeral::Arabic => vec!["<n>"; style.depth.max(1)].join("."),
        Numeral::Roman => "<roman>".to_string(),
        Numeral::Word => "<word>".to_string(),
        Numeral::Letter => "<letter>".to_string(),
    };
    let word = if style.word.is_empty() {
        String::new()
    } else if style.word_caps {
        format!("{} ", style.word.to_uppercase())
    } else {
        let mut w = style.word.clone();
        if let Some(first) = w.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        format!("{w} ")
    };
    let punct = if style.punct == ' ' {
        String::new()
    } else {
        style.punct.to_string()
    };
    let indent = match style.indent {
        0 => "",
        1 => " (indented)",
        _ => " (indented deeply)",
    };
    format!("{word}{}{numeral}{punct}{indent}", style.prefix)
}
