//! Deciding which units are headings, and at what level. See the module documentation of
//! `essay::plain` for the rules in prose; each function here is one of them.

use super::contents;
use super::line_rules::{
    Ending, Numbering, ending, has_few_letters, has_inner_sentence, is_all_caps, is_bullet,
    is_byline, is_caption, is_code_like, is_date, is_metadata, is_short, is_speaker_line,
    is_title_case, number_depth, numbering, starts_like_heading, starts_lowercase,
    starts_with_connective, undecorated,
};
use super::series;
use super::shape::Shape;
use super::units::{Unit, UnitKind};

/// How a heading is set, for telling tiers apart: earlier variants rank higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    Part,
    DoubleUnderline,
    Roman,
    Chapter,
    Arabic,
    Caps,
    SingleUnderline,
    Plain,
}

pub fn style_of(unit: &Unit) -> Style {
    match unit.kind {
        UnitKind::Underlined('=') => return Style::DoubleUnderline,
        UnitKind::Underlined(_) => return Style::SingleUnderline,
        _ => {}
    }
    match numbering(&unit.text) {
        Some((Numbering::Part, _)) => Style::Part,
        Some((Numbering::Chapter, _)) => Style::Chapter,
        Some((Numbering::Roman, _)) => Style::Roman,
        Some((Numbering::Arabic, _)) => Style::Arabic,
        None if is_all_caps(&unit.text) => Style::Caps,
        None => Style::Plain,
    }
}

/// A style that marks a heading without help from its surroundings.
fn is_strong(style: Style) -> bool {
    style != Style::Plain
}

/// Rule 1, the line itself: one short line (at most 90 columns and 14 words) that starts
/// like a heading (a capital or a number; not a bullet, a quotation mark or lower case),
/// does not end a sentence or clause (`.` `!` `…` `,` `;` `:` or a dash), and holds no
/// sentence break inside (`Love this! Thanks`). A question mark is allowed only in Title
/// Case on a line set apart by blank lines. Underlined lines need only be short.
pub fn looks_like_heading(unit: &Unit) -> bool {
    if unit.trailer || unit.kind == UnitKind::Break {
        return false;
    }
    let text = &*unit.text;
    if !is_short(text) {
        return false;
    }
    if matches!(unit.kind, UnitKind::Underlined(_)) {
        // A diagram between listing rules (`X---Y---Z` over `-----`) is no title.
        return !starts_lowercase(text)
            && !is_bullet(text)
            && !text.starts_with('>')
            && !has_few_letters(text);
    }
    let text = undecorated(text);
    // The ending first: most short lines that are not headings end a sentence, and this
    // runs on every short line of the essay.
    let end = ending(text);
    if unit.line_count != 1 || end == Ending::Closed {
        return false;
    }
    if !starts_like_heading(text) || has_inner_sentence(text) {
        return false;
    }
    if is_byline(text)
        || is_caption(text)
        || is_speaker_line(text)
        || is_metadata(text)
        || is_code_like(text)
    {
        return false;
    }
    if starts_with_connective(text) {
        return false;
    }
    match end {
        Ending::Open => true,
        Ending::Question => is_title_case(text) && unit.blank_before && unit.blank_after,
        // An ALL-CAPS label set apart (`INGREDIENTS:`) heads what follows; a sentence-case
        // line ending in a colon leads into a list.
        Ending::Continues => text.ends_with(':') && is_all_caps(text) && unit.blank_before,
        Ending::Closed => false,
    }
}

/// A line of a book's title page: short, and no sentence (`Washington, D.C.` is one).
fn title_page_line(unit: &Unit) -> bool {
    unit.line_count <= 1
        && is_short(&unit.text)
        && (ending(&unit.text) != Ending::Closed || unit.text.split_whitespace().count() <= 3)
}

/// Lines that start with the same `LABEL:` as another candidate are a speaker's lines in a
/// transcript or an interview (`THE LEDGER: WHY THIS GARDEN?`), not headings.
fn repeated_labels(units: &[Unit], candidates: &[bool]) -> Vec<bool> {
    // `THE MACHINE-READABLE TEXT:  MARKUP AND USE` keeps its capitals after the colon: a
    // heading's style, not a speaker's, unless it asks (`THE LEDGER: WHY THIS GARDEN?`).
    let label = |u: &Unit| {
        u.text
            .split_once(": ")
            .filter(|(_, rest)| !is_all_caps(rest) || ending(rest) == Ending::Question)
            .map(|(l, _)| l.to_string())
            .filter(|l| l.split_whitespace().count() <= 4)
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (u, _) in units.iter().zip(candidates).filter(|(_, c)| **c) {
        if let Some(l) = label(u) {
            *counts.entry(l.clone()).or_default() += 1;
            order.push(l);
        }
    }
    // Voices in a dialogue take turns (A, B, A); labels of headings come in groups
    // (`Future possibility: …` twice, then `Solved: …` three times). Speakers in
    // capitals need no turn to be recognised.
    let mut seen: Vec<&String> = Vec::new();
    let mut turns = 0;
    for (k, l) in order.iter().enumerate() {
        if k > 0 && order[k - 1] != *l && seen.contains(&l) {
            turns += 1;
        }
        seen.push(l);
    }
    let repeated = |l: &String| counts.get(l).copied().unwrap_or(0) >= 2;
    units
        .iter()
        .map(|u| label(u).is_some_and(|l| repeated(&l) && (turns >= 1 || is_all_caps(&l))))
        .collect()
}

/// Units `a` and `b` (consecutive) sit in one block of text, with no blank line between.
fn adjacent(a: &Unit, _b: &Unit) -> bool {
    !a.blank_after
}

/// Whether the unit after a heading candidate is text a heading could head: not the end
/// of the essay, not pasted comments, and, when it follows without a blank line in a file
/// whose paragraphs are separated by blank lines, a real paragraph rather than a short line
/// (a verse line or a list item).
fn heads_text(unit: &Unit, next: Option<&Unit>, shape: &Shape) -> bool {
    let Some(next) = next else { return false };
    if next.trailer || next.kind == UnitKind::Break {
        return false;
    }
    // A sentence carried on into the next line, even across a blank line, is no heading.
    if starts_lowercase(&next.text) {
        return false;
    }
    // A greeting (`Dear friends,`) opens a letter; a line above it is a dateline or a name.
    if next.line_count == 1 && next.text.ends_with(',') && next.text.split_whitespace().count() <= 5
    {
        return false;
    }
    if shape.blank_separated && adjacent(unit, next) {
        let long = shape.wrap.map_or(50, |w| w * 3 / 5);
        return next.line_count >= 2 || next.width as usize >= long;
    }
    true
}

/// Rule 2, the neighbours: the line before does not leave a sentence open (`,` `:` `;` or
/// a dash: what follows is a list item or a continuation); when paragraphs are separated by
/// blank lines a heading starts its block; and it heads text (see [`heads_text`]).
fn fits_context(units: &[Unit], i: usize, body_start: usize, shape: &Shape) -> bool {
    let unit = &units[i];
    if i > body_start {
        let prev = &units[i - 1];
        // Code above (`unsafe { f() };`) ends no sentence, whatever its last mark.
        if prev.kind != UnitKind::Break
            && ending(&prev.text) == Ending::Continues
            && !is_code_like(&prev.text)
        {
            return false;
        }
        if shape.blank_separated && adjacent(prev, unit) && matches!(unit.kind, UnitKind::Text) {
            return false;
        }
    }
    heads_text(unit, units.get(i + 1), shape)
}

/// Rule 3, runs: two candidates in a row are a list, verse or a block of short lines, not
/// two headings (with blank-line paragraphs: two in one block, or two each set apart), unless the first is a strongly marked heading (numbered, Part, ALL CAPS or
/// underlined) of a different style than the second: a part title above a chapter title.
/// Likewise numbered lines next to numbered lines are a numbered list.
fn breaks_run(
    units: &[Unit],
    candidates: &[bool],
    i: usize,
    shape: &Shape,
    in_series: &dyn Fn(usize) -> bool,
) -> bool {
    let style = style_of(&units[i]);
    // A strongly marked line over the first of a numbered series heads the series
    // (`TERMS AND CONDITIONS` over `0. Definitions.`).
    let pair_ok = |a: usize, b: usize| {
        let (sa, sb) = (style_of(&units[a]), style_of(&units[b]));
        is_strong(sa) && (sa < sb || (in_series(b) && !in_series(a)))
    };
    // With blank-line paragraphs, a line set apart above a block of short lines (a heading
    // over a list) is not in that block's run; lines set apart one after another are.
    // A short line of code set apart after it (`Script_Extensions`) makes it an item of a
    // list of names too; code above a heading does not.
    let listed = |k: usize| {
        candidates[k]
            || (shape.blank_separated
                && k == i + 1
                && units[k].line_count == 1
                && is_short(&units[k].text)
                && is_code_like(&units[k].text))
    };
    let run = |a: usize, b: usize| {
        listed(a)
            && listed(b)
            && (!shape.blank_separated
                || adjacent(&units[a], &units[b])
                || (units[b].blank_after && units[a].blank_before))
    };
    if i > 0 && run(i - 1, i) && !pair_ok(i - 1, i) {
        return true;
    }
    if i + 1 < units.len() && run(i, i + 1) && !pair_ok(i, i + 1) {
        return true;
    }
    if style == Style::Arabic {
        let numbered = |u: &Unit| numbering(&u.text).is_some_and(|(n, _)| n == Numbering::Arabic);
        let near = |j: usize| {
            units
                .get(j)
                .is_some_and(|u| numbered(u) && adjacent_any(units, i, j))
        };
        if (i > 0 && near(i - 1)) || near(i + 1) {
            return true;
        }
    }
    false
}

fn adjacent_any(units: &[Unit], i: usize, j: usize) -> bool {
    let (a, b) = if i < j { (i, j) } else { (j, i) };
    adjacent(&units[a], &units[b])
}

/// Why a unit is, or is not, a heading: what `margin toc --explain` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Index of the unit.
    pub unit: usize,
    /// The heading's level, or `None` for a candidate refused.
    pub level: Option<u8>,
    /// The evidence that decided it.
    pub why: String,
}

/// The headings of a document, decided together.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Each unit's heading level (`None`: not a heading).
    pub levels: Vec<Option<u8>>,
    /// Headings whose next unit is the rest of their title (`CHAPTER I.` / `LOOMINGS.`).
    pub joins: Vec<usize>,
    /// Headings that start with outline stars, and how many bytes of marks to leave out.
    pub marks: Vec<(usize, usize)>,
    /// What decided each heading and each strong candidate refused, when asked for.
    pub verdicts: Vec<Verdict>,
}

/// Why a heading was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chosen {
    Series(usize),
    Contents,
    Line,
    Question,
    /// Set off by as many blank lines as the chapters, in capitals.
    SetOff,
    /// A question set apart as the document's other headings are.
    Asks,
    /// One of the names that divide each part alike (`Language`, `Compiler`).
    Recurs,
    /// A line of an outline, marked by its stars (`** Bug fixes`).
    Starred,
    /// A heading in capitals over two or three lines (`OF MONARCHY AND HEREDITARY` /
    /// `SUCCESSION.`).
    CapsBlock,
}

/// Decides the headings of the document: the numbered series it has, the entries of its
/// table of contents found again, then single lines that look like headings where they
/// stand (rules 1 to 3), or an FAQ's questions (rule 5); then their levels. Units before
/// `body_start` (the title block) are never headings. With `explain`, each decision is
/// kept with its evidence.
pub fn classify(units: &[Unit], shape: &Shape, body_start: usize, explain: bool) -> Outline {
    let contents = contents::find(units, body_start);
    let series = series::find(units, body_start, &|i| contents.holds(i));
    let joined: std::collections::HashSet<usize> = series
        .members
        .iter()
        .filter(|(_, m)| m.joins_next)
        .map(|(i, _)| i + 1)
        .collect();
    let mut candidates: Vec<bool> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            // A contents list's entries are never candidates: the line above them (an
            // `Overview` heading) is not in a run with them. Its `Contents` line is: a
            // subtitle above it is no heading.
            i >= body_start
                && !contents.entries.contains(&i)
                && (series.members.contains_key(&i) || looks_like_heading(u))
        })
        .collect();
    let speakers = repeated_labels(units, &candidates);
    for (c, speaker) in candidates.iter_mut().zip(speakers) {
        *c &= !speaker;
    }
    // Dates head the entries of a diary; a single date is a dateline.
    let dates = (0..units.len())
        .filter(|&i| candidates[i] && is_date(&units[i].text))
        .count();
    // A book's title page, imprint and dedication come before its contents list: short
    // lines there over other short lines that end no sentence are front matter, never
    // sections (an `Abstract` over its paragraph is a section).
    let front_matter = |i: usize| {
        contents
            .title
            .is_some_and(|t| i < t && units[i].line_count <= 2)
            && !series.members.contains_key(&i)
            && units.get(i + 1).is_some_and(|n| title_page_line(n))
    };
    let mut verdicts = Vec::new();
    let mut chosen: Vec<Option<Chosen>> = (0..units.len())
        .map(|i| {
            if i < body_start || contents.holds(i) || joined.contains(&i) || front_matter(i) {
                return None;
            }
            if let Some(m) = series.members.get(&i) {
                return Some(Chosen::Series(m.series));
            }
            if contents.names(i) {
                return Some(Chosen::Contents);
            }
            let heading = candidates[i]
                && fits_context(units, i, body_start, shape)
                && !breaks_run(units, &candidates, i, shape, &|k| {
                    series.members.contains_key(&k)
                })
                && (dates >= 2 || !is_date(&units[i].text));
            heading.then_some(Chosen::Line)
        })
        .collect();
    let marks = outline_stars(units, shape, body_start, &mut chosen);
    let caps_joins = capital_blocks(units, body_start, &|i| contents.holds(i), &mut chosen);
    set_off_like_series(units, body_start, &mut chosen);
    recurring_names(units, body_start, &|i| contents.holds(i), &mut chosen);
    keep_spacing(units, &mut chosen);
    questions_among_headings(units, shape, body_start, &mut chosen);
    if !chosen.iter().any(Option::is_some) {
        for q in faq_questions(units, shape, body_start) {
            chosen[q] = Some(Chosen::Question);
        }
    }
    let levels = if series.members.is_empty() {
        let headings: Vec<bool> = chosen.iter().map(Option::is_some).collect();
        levels(units, &headings)
    } else {
        series_levels(units, &chosen, &series)
    };
    if explain {
        for (i, unit) in units.iter().enumerate() {
            if let Some(why) = explanation(
                units,
                i,
                unit,
                &chosen,
                &candidates,
                &series,
                &contents,
                &joined,
            ) {
                verdicts.push(Verdict {
                    unit: i,
                    level: levels[i],
                    why,
                });
            }
        }
    }
    let mut joins: Vec<usize> = series
        .members
        .iter()
        .filter(|(i, m)| m.joins_next && chosen[**i].is_some())
        .map(|(i, _)| *i)
        .chain(caps_joins)
        .collect();
    joins.sort_unstable();
    let levels = levels
        .into_iter()
        .enumerate()
        .map(|(i, l)| match chosen[i] {
            Some(Chosen::Starred) => Some(stars(&units[i].text).clamp(1, 3) as u8),
            _ => l,
        })
        .collect();
    Outline {
        levels,
        joins,
        marks,
        verdicts,
    }
}

/// The stars that open a line of an outline (`** Bug fixes` has 2), when a space follows.
fn stars(text: &str) -> usize {
    let n = text.bytes().take_while(|&b| b == b'*').count();
    if n > 0 && text[n..].starts_with(' ') && text[n..].trim().chars().any(char::is_alphanumeric) {
        n
    } else {
        0
    }
}

/// An outline (a GNU NEWS file, an Org or Emacs outline): its first line says so (`-*-
/// outline -*-`), or two lines or more open with `** ` and stand apart. Then each line
/// that opens with stars at the margin is a heading, one level a star; the stars are left
/// out of its text. Returns the headings with the length of their marks.
fn outline_stars(
    units: &[Unit],
    shape: &Shape,
    body_start: usize,
    chosen: &mut [Option<Chosen>],
) -> Vec<(usize, usize)> {
    let starred = |u: &Unit| {
        u.indent == 0
            && u.line_count == 1
            && !u.trailer
            && stars(&u.text) > 0
            && u.text.chars().count() <= 120
    };
    let apart = |u: &Unit| u.blank_before && u.blank_after;
    let declared = shape.outline;
    let doubled = units[body_start.min(units.len())..]
        .iter()
        .filter(|u| starred(u) && stars(&u.text) >= 2 && apart(u))
        .count();
    if !declared && doubled < 2 {
        return Vec::new();
    }
    let mut marks = Vec::new();
    for i in body_start..units.len() {
        let unit = &units[i];
        if !starred(unit) || (!declared && !apart(unit)) {
            continue;
        }
        let n = stars(&unit.text);
        let skip = n + (unit.text[n..].len() - unit.text[n..].trim_start().len());
        chosen[i] = Some(Chosen::Starred);
        marks.push((i, skip));
    }
    marks
}

/// Letters and digits only, lower case: for telling a line repeats another.
fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A heading in capitals too long for one line is set over two or three, with no blank
/// line between them and blank lines around the block, above text: `OF MONARCHY AND
/// HEREDITARY` / `SUCCESSION.` is one heading, its full stop allowed. Returns the units to
/// join to the next; the first of each block is chosen. A block of more lines, or one in
/// a run of such lines, is a title page or an inscription, not a heading.
fn capital_blocks(
    units: &[Unit],
    body_start: usize,
    excluded: &dyn Fn(usize) -> bool,
    chosen: &mut [Option<Chosen>],
) -> Vec<usize> {
    let caps_line = |u: &Unit| {
        u.line_count == 1
            && !u.trailer
            && u.kind == UnitKind::Text
            && is_short(&u.text)
            && is_all_caps(&u.text)
            && starts_like_heading(&u.text)
            && !is_code_like(&u.text)
    };
    let mut joins = Vec::new();
    let mut i = body_start;
    while i < units.len() {
        // Lines the wrapping already joined into one unit.
        let unit = &units[i];
        if (2..=3).contains(&unit.line_count)
            && unit.kind == UnitKind::Text
            && !unit.trailer
            && unit.blank_before
            && unit.blank_after
            && unit.text.split_whitespace().count() <= 20
            && is_all_caps(&unit.text)
            && starts_like_heading(&unit.text)
            && !is_code_like(&unit.text)
            && chosen[i].is_none()
            && !excluded(i)
            && units
                .get(i + 1)
                .is_some_and(|n| !n.trailer && !starts_lowercase(&n.text))
        {
            chosen[i] = Some(Chosen::CapsBlock);
            i += 1;
            continue;
        }
        if !(units[i].blank_before && !units[i].blank_after && caps_line(&units[i])) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < units.len() && caps_line(&units[end]) && !units[end - 1].blank_after {
            end += 1;
        }
        let lines = end - i;
        let set_apart = units[end - 1].blank_after;
        let words: usize = units[i..end]
            .iter()
            .map(|u| u.text.split_whitespace().count())
            .sum();
        let over_text = units
            .get(end)
            .is_some_and(|n| !n.trailer && !starts_lowercase(&n.text) && !caps_line(n));
        // Only the last line may close with a stop; the others run on into it.
        let runs_on = units[i..end - 1]
            .iter()
            .all(|u| ending(&u.text) != Ending::Closed);
        // A running head repeats the title over the section's own (`GNU GENERAL PUBLIC
        // LICENSE` over `TERMS AND CONDITIONS …`): the section's line is the heading.
        let repeats_title = body_start > 0
            && normalized(&units[i].text) == normalized(&units[0].text)
            && lines == 2;
        if repeats_title
            && set_apart
            && over_text
            && matches!(chosen[i + 1], None | Some(Chosen::Line))
            && !excluded(i + 1)
        {
            chosen[i] = None;
            chosen[i + 1] = Some(Chosen::CapsBlock);
            i = end;
            continue;
        }
        if (2..=3).contains(&lines)
            && set_apart
            && over_text
            && runs_on
            && words <= 20
            // A line of the block may pass for a heading alone; the block is the heading.
            && (i..end).all(|k| matches!(chosen[k], None | Some(Chosen::Line)) && !excluded(k))
        {
            chosen[i] = Some(Chosen::CapsBlock);
            for c in &mut chosen[i + 1..end] {
                *c = None;
            }
            joins.extend(i..end - 1);
        }
        i = end;
    }
    joins
}

/// Release notes and reports divide each part alike: `Language`, `Compiler`,
/// `Libraries` under every version. Short names (four words at the most, no closing
/// punctuation) that each come back, three or more of them, each time over text rather
/// than over one another, are the document's headings.
fn recurring_names(
    units: &[Unit],
    body_start: usize,
    excluded: &dyn Fn(usize) -> bool,
    chosen: &mut [Option<Chosen>],
) {
    let name = |u: &Unit| {
        u.line_count == 1
            && !u.trailer
            && u.kind == UnitKind::Text
            && u.width <= 40
            && u.text.split_whitespace().count() <= 4
            && ending(&u.text) == Ending::Open
            && starts_like_heading(&u.text)
            && !is_code_like(&u.text)
    };
    let mut seen: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, unit) in units.iter().enumerate().skip(body_start) {
        if name(unit) && !excluded(i) {
            seen.entry(&*unit.text).or_default().push(i);
        }
    }
    seen.retain(|_, at| at.len() >= 2);
    let recurring: std::collections::HashSet<usize> = seen.values().flatten().copied().collect();
    let over_text = |i: usize| {
        units.get(i + 1).is_some_and(|n| {
            !recurring.contains(&(i + 1)) && !n.trailer && !starts_lowercase(&n.text)
        })
    };
    let apart = recurring.iter().filter(|&&i| over_text(i)).count();
    if seen.len() < 3 || recurring.len() < 6 || apart * 5 < recurring.len() * 4 {
        return;
    }
    for &i in &recurring {
        if chosen[i].is_none() && over_text(i) {
            chosen[i] = Some(Chosen::Recurs);
        }
    }
}

/// A book sets its chapters off by more blank lines than its paragraphs. A line in
/// capitals (its first word at least: `EXTRACTS (Supplied by a Sub-Sub-Librarian).`) set
/// off by as many, before text, is a heading of the same book, full stop or not:
/// `ETYMOLOGY.`, `VOLUME I`, `ADVERTISEMENT BY THE AUTHORESS`.
fn set_off_like_series(units: &[Unit], body_start: usize, chosen: &mut [Option<Chosen>]) {
    let mut gaps: Vec<u8> = (0..units.len())
        .filter(|&i| matches!(chosen[i], Some(Chosen::Series(_))))
        .map(|i| units[i].gap_before)
        .collect();
    if gaps.len() < 2 {
        return;
    }
    gaps.sort_unstable();
    let gap = gaps[gaps.len() / 2];
    if gap < 2 {
        return;
    }
    for i in body_start..units.len() {
        let unit = &units[i];
        if chosen[i].is_some() || unit.trailer || unit.gap_before < gap || unit.line_count != 1 {
            continue;
        }
        let text = &*unit.text;
        let first_word_caps = text.split_whitespace().next().is_some_and(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && is_all_caps(w)
        });
        let heads_text = units
            .get(i + 1)
            .is_some_and(|n| !n.trailer && !starts_lowercase(&n.text));
        if first_word_caps
            && heads_text
            && is_short(text)
            && starts_like_heading(text)
            && !is_code_like(text)
        {
            chosen[i] = Some(Chosen::SetOff);
        }
    }
}

/// A question on a line of its own, set apart as the document's other headings are and
/// answered by a paragraph, is a heading too (`Why not just use hex escapes?`), when the
/// document has two or more headings already, most in sentence case: a heading style of
/// posts pasted as text.
/// Questions in a row are a list of them, and a question after a colon is quoted.
fn questions_among_headings(
    units: &[Unit],
    shape: &Shape,
    body_start: usize,
    chosen: &mut [Option<Chosen>],
) {
    // The other headings say so: two or more, most of them in sentence case, as a post's
    // are (`Overlong commands`); a book's chapters or Title Case heads say nothing of
    // questions, which are then the prose's.
    let headings: Vec<usize> = (0..chosen.len()).filter(|&i| chosen[i].is_some()).collect();
    let sentence_case = headings
        .iter()
        .filter(|&&i| {
            // A heading of one word (`Debugging`) is as much sentence case as Title Case.
            let t = &units[i].text;
            let one_word = t.split_whitespace().count() == 1;
            style_of(&units[i]) == Style::Plain
                && (one_word || !is_title_case(t))
                && !is_all_caps(t)
        })
        .count();
    if headings.len() < 2 || sentence_case * 2 <= headings.len() {
        return;
    }
    let asks = |u: &Unit| is_question_line(u) && !starts_with_connective(&u.text);
    for i in body_start.max(1)..units.len() {
        let unit = &units[i];
        if chosen[i].is_some() || !asks(unit) {
            continue;
        }
        let (prev, Some(next)) = (&units[i - 1], units.get(i + 1)) else {
            continue;
        };
        let apart = !shape.blank_separated || (unit.blank_before && unit.blank_after);
        let answered = !asks(next)
            && !next.trailer
            && !starts_lowercase(&next.text)
            && (next.line_count >= 2 || next.width >= 60);
        let led_in = ending(&prev.text) == Ending::Continues || asks(prev);
        if apart && answered && !led_in {
            chosen[i] = Some(Chosen::Asks);
        }
    }
}

/// Spacing is part of a heading's style: when headings set apart by blank lines are
/// there (two or more, and at least as many as the others, or a numbered series all set
/// apart), a line found by its own looks
/// with text right above and below it is a line of verse or of a list, not a heading.
fn keep_spacing(units: &[Unit], chosen: &mut [Option<Chosen>]) {
    let apart = |i: usize| units[i].blank_before && units[i].blank_after;
    let (mut set_apart, mut inline) = (0, 0);
    for (i, c) in chosen.iter().enumerate() {
        match c {
            Some(_) if apart(i) => set_apart += 1,
            Some(_) => inline += 1,
            None => {}
        }
    }
    // A numbered series set apart says the same for the whole document.
    let series: Vec<usize> = (0..chosen.len())
        .filter(|&i| matches!(chosen[i], Some(Chosen::Series(_))))
        .collect();
    let series_apart = series.len() >= 2 && series.iter().all(|&i| apart(i));
    if set_apart >= 2 && (set_apart >= inline || series_apart) {
        for (i, c) in chosen.iter_mut().enumerate() {
            if *c == Some(Chosen::Line) && !units[i].blank_before && !units[i].blank_after {
                *c = None;
            }
        }
    }
}

/// Levels when the document has numbered series: each series at its tier (parts over
/// chapters over sections, shallow numbers over deep ones). Other headings are at the
/// top (`Preface`, `References`), except inside parts (`Part One`), under the deepest tier.
fn series_levels(
    units: &[Unit],
    chosen: &[Option<Chosen>],
    series: &series::Series,
) -> Vec<Option<u8>> {
    let first_part = series
        .members
        .iter()
        .filter(|(_, m)| m.container)
        .map(|(i, _)| *i)
        .min();
    let deepest = series.members.values().map(|m| m.tier).max().unwrap_or(0);
    chosen
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.map(|c| match (c, series.members.get(&i)) {
                (Chosen::Series(_), Some(m)) => (m.tier + 1).min(3),
                _ if first_part.is_some_and(|p| i > p) => (deepest + 2).min(3),
                // A section numbered `2.1` alone in its style is still under `2`.
                _ => number_depth(&units[i].text).map_or(1, |d| d.clamp(1, 3) as u8),
            })
        })
        .collect()
}

/// The evidence for unit `i`'s verdict, when it is a heading or was a strong candidate.
#[allow(clippy::too_many_arguments)]
fn explanation(
    units: &[Unit],
    i: usize,
    unit: &Unit,
    chosen: &[Option<Chosen>],
    candidates: &[bool],
    series: &series::Series,
    contents: &contents::Contents,
    joined: &std::collections::HashSet<usize>,
) -> Option<String> {
    let group = |g: usize| {
        let g = &series.groups[g];
        format!(
            "series `{}`: {} lines, {} counting on, {} standing apart",
            g.name,
            g.members.len(),
            g.counting,
            g.apart
        )
    };
    if let Some(c) = chosen[i] {
        let mut why = match c {
            Chosen::Series(g) => format!("heading: one of the {}", group(g)),
            Chosen::Contents => {
                "heading: an entry of the table of contents found again".to_string()
            }
            Chosen::Line => format!(
                "heading: a short line that reads as a title where it stands (style {:?})",
                style_of(unit)
            ),
            Chosen::Question => "heading: a question answered by what follows (an FAQ)".to_string(),
            Chosen::Asks => {
                "heading: a question set apart as the other headings are, answered below"
                    .to_string()
            }
            Chosen::Recurs => "heading: one of the names that divide each part alike".to_string(),
            Chosen::CapsBlock => {
                "heading: in capitals over two or three lines set apart, joined".to_string()
            }
            Chosen::Starred => "heading: a line of the outline, marked by its stars".to_string(),
            Chosen::SetOff => format!(
                "heading: in capitals, set off by {} blank lines as the chapters are",
                unit.gap_before
            ),
        };
        if series.members.get(&i).is_some_and(|m| m.joins_next) {
            why.push_str("; the next line is its title, joined");
        }
        return Some(why);
    }
    if contents.title.is_some_and(|t| i < t)
        && candidates[i]
        && units.get(i + 1).is_some_and(|n| title_page_line(n))
    {
        return Some("not a heading: front matter before the table of contents".to_string());
    }
    if contents.title == Some(i) {
        return Some("not a heading: the title of the table of contents".to_string());
    }
    if contents.entries.contains(&i) {
        return Some("not a heading: an entry of the table of contents".to_string());
    }
    if contents.holds(i) {
        return Some("not a heading: a later contents list (a chapter's)".to_string());
    }
    if joined.contains(&i) {
        return Some("part of the heading above: the title after its label".to_string());
    }
    if let Some(g) = series.groups.iter().find(|g| g.members.contains(&i)) {
        return Some(format!(
            "not a heading: its series `{}` ({} lines, {} counting on, {} standing apart) reads as a list",
            g.name,
            g.members.len(),
            g.counting,
            g.apart
        ));
    }
    if candidates[i] {
        let reason = if !fits_context_reason(units, i) {
            "the line before leaves a sentence open, or what follows is not text it could head"
        } else if is_date(&unit.text) {
            "a date alone is a dateline"
        } else {
            "one of a run of short lines (a list or verse)"
        };
        return Some(format!("not a heading: {reason}"));
    }
    None
}

/// A rough account of rule 2 for explanations: the line before does not run on into it
/// and what follows does not carry on its sentence.
fn fits_context_reason(units: &[Unit], i: usize) -> bool {
    let open_before = i > 0 && ending(&units[i - 1].text) == Ending::Continues;
    let lower_after = units.get(i + 1).is_some_and(|n| starts_lowercase(&n.text));
    !open_before && !lower_after && units.get(i + 1).is_some()
}

/// A question on a line of its own, as a heading would ask it: short, one sentence, not a
/// speaker's.
fn is_question_line(u: &Unit) -> bool {
    u.line_count == 1
        && !u.trailer
        && ending(&u.text) == Ending::Question
        && is_short(&u.text)
        && starts_like_heading(&u.text)
        && !has_inner_sentence(&u.text)
        && !is_speaker_line(&u.text)
}

/// Rule 5, questions and answers: an essay with no other heading whose structure is a
/// series of questions, each on its own line and answered by the text after it, is an FAQ,
/// and its questions are its headings. It takes at least three such questions, and either
/// five or more or a title block that says so (`Questions`, `FAQ`, `Q&A`, `asked`), so
/// that a few rhetorical questions in an essay stay prose.
fn faq_questions(units: &[Unit], shape: &Shape, body_start: usize) -> Vec<usize> {
    let is_question = is_question_line;
    let found: Vec<usize> = (body_start..units.len())
        .filter(|&i| is_question(&units[i]))
        .filter(|&i| {
            units
                .get(i + 1)
                .is_some_and(|n| !is_question(n) && !n.trailer && !starts_lowercase(&n.text))
        })
        .filter(|&i| !shape.blank_separated || units[i].blank_before)
        .collect();
    let named = units[..body_start.min(units.len())].iter().any(|u| {
        let t = u.text.to_lowercase();
        t.contains("question") || t.contains("faq") || t.contains("q&a") || t.contains("asked")
    });
    if found.len() >= 5 || (found.len() >= 3 && named) {
        found
    } else {
        Vec::new()
    }
}

/// Tiers: dotted section numbers (`2.1`) give their depth as the level. Otherwise, when
/// headings come in more than one style and the first heading has the highest
/// ranking style (Part > `===` > Roman > Chapter > Arabic > ALL CAPS > `---` > plain), styles
/// take levels 1, 2, 3 in rank order; otherwise every heading is level 1. Title Case and
/// sentence case are one style: authors mix them freely.
fn levels(units: &[Unit], headings: &[bool]) -> Vec<Option<u8>> {
    // Dotted section numbers say their own depth: `2` is level 1, `2.1` level 2. (Read
    // twice rather than kept: a table of them would be as long as the essay's lines.)
    let depth = |(u, &h): (&Unit, &bool)| if h { number_depth(&u.text) } else { None };
    if units.iter().zip(headings).filter_map(depth).any(|d| d >= 2) {
        return units
            .iter()
            .zip(headings)
            .map(|(u, &h)| h.then(|| depth((u, &h)).unwrap_or(1).min(3) as u8))
            .collect();
    }
    let styles: Vec<Option<Style>> = units
        .iter()
        .zip(headings)
        .map(|(u, &h)| h.then(|| style_of(u)))
        .collect();
    let mut present: Vec<Style> = styles.iter().flatten().copied().collect();
    let first = present.first().copied();
    present.sort();
    present.dedup();
    let tiered = present.len() > 1 && first == present.first().copied();
    styles
        .iter()
        .map(|s| {
            s.map(|s| {
                if tiered {
                    let rank = present.iter().position(|&p| p == s).unwrap_or(0);
                    (rank + 1).min(3) as u8
                } else {
                    1
                }
            })
        })
        .collect()
}
