//! Reading plain text whose structure nobody marked up: essays copied from blogs,
//! newsletters and old books. The rules below infer paragraphs, the title and the headings
//! from the signals such text does carry: line breaks, blank lines, punctuation, case,
//! length, numbering, and what comes before and after a line.
//!
//! # Paragraphs ([`shape`], [`units`])
//! - **Hard wrapping.** The text is hard-wrapped when the 95th-percentile line width is at
//!   most 100 columns and at least half the lines that run on into another line are *full*:
//!   the next line's first word would not have fitted after them, or they reach 80% of the
//!   width. Full lines are joined back into paragraphs; a short line ends its paragraph (or
//!   is a heading, a verse line, a list item). A short line inside a paragraph that carries
//!   on in lower case is joined too (a line broken by hand).
//! - **One paragraph per line.** Text that is not hard-wrapped has a paragraph a line; a
//!   line starting in lower case carries on the line before (kept as a line break). It is
//!   blank-separated when at least a quarter of its lines are followed by a blank gap.
//! - **Blank-line paragraphs.** Wrapped text counts as blank-separated when it has at least
//!   half as many blank gaps as paragraph breaks without one (a book whose paragraphs start
//!   with an indent is not, despite a blank line after its title). Then lines of one block
//!   that were broken on purpose (verse, a letter's greeting, a list) keep their breaks
//!   within one paragraph; otherwise an indented line starts a new paragraph.
//! - **Comments.** In a one-paragraph-per-line text, what follows the last gap of two or more
//!   blank lines, when it is at most a quarter of the lines, is readers' comments pasted under
//!   the essay: kept after a rule, never read as headings.
//! - Lines of only `*`, `-`, `_`, `~`, `#` (`* * *`) are scene breaks.
//!
//! # Title ([`title`])
//! The first line is the title when it is one short line (at most 90 columns) that does not
//! end with a full stop or run on (`,` `:`). A byline (`by …`), a date or a picture credit
//! (`Photo by …`) among the next three short lines, and the short lines before it (a
//! subtitle), join the title block; so do short lines in the title's own block when a blank
//! line closes it (a subtitle, an author's name). A message that opens with e-mail headers
//! (`From:`, `Subject:`) is titled by its subject; a dateline on the first line (`Wednesday
//! 8 November · Vienna`) joins the title block and the next line is the title.
//!
//! # Headings ([`headings`])
//! 1. **The line**: one line of at most 90 columns and 14 words, starting with a capital or a
//!    number (not a bullet, quotation mark or lower-case letter), not ending a sentence or
//!    clause (`.` `!` `…` `,` `;` `:`, a dash), with no sentence break inside (`Love this!
//!    Thanks`, but `Dr. Kim` and `3. Title` are fine), and not a byline, a picture credit or
//!    a speaker's line in a transcript (`MARTA: In the basement.`, or any `LABEL:` that
//!    starts two candidate lines), nor publishing details (`Posted 12 October 2023 · 7 min
//!    read`). A sentence-case line starting with a connective (`And`, `So`, `Not`, `It`…)
//!    carries on the paragraph before it, unless a question word follows (`So what went
//!    wrong`). An ALL-CAPS label ending in a colon and set apart (`INGREDIENTS:`) is a
//!    heading. Matching decoration either side (`— Interlude —`) is looked through. A question mark ends
//!    a heading only in Title Case with blank lines around it. A line underlined with `===`
//!    or `---` needs only to be short.
//! 2. **Its neighbours**: the line before does not leave a sentence open (`,` `:` `;` or a
//!    dash before a list item or a continuation); the next line does not start in lower case,
//!    even after a blank line (a sentence broken across lines); something follows that is not pasted comments; and
//!    when paragraphs are separated by blank lines, the heading starts its block and is
//!    followed by a blank line or by a real paragraph, not by a short line. A line above a
//!    greeting (`Dear friends,`) is a dateline or an address, not a heading; a date is a
//!    heading only when several dates are (a diary).
//! 3. **Runs**: two candidates in a row are a list, verse or a block of short lines, so
//!    neither is a heading (with blank-line paragraphs: two in one block, or two that each
//!    stand alone; a line set apart above a block of short lines heads that list), unless the first is strongly marked (numbered, `Part`, ALL CAPS,
//!    underlined) in a style ranking above the second's: a part title over a chapter title.
//!    A numbered line next to another numbered line is a list item.
//! 4. **Levels**: dotted section numbers give their depth (`2` is 1, `2.1` is 2). Otherwise,
//!    if the headings come in several styles and the first heading has the top
//!    style (Part > `===` > Roman > Chapter > Arabic > ALL CAPS > `---` > plain), the styles
//!    take levels 1 to 3 in rank order; otherwise every heading is level 1. Title Case and
//!    sentence case count as one style, since authors mix them.
//! 5. **Questions and answers**: with no other heading, at least three questions on lines
//!    of their own, each followed by its answer, are an FAQ's headings when there are five or
//!    more or the title block says so (`Questions`, `FAQ`, `Q&A`); fewer rhetorical questions
//!    stay prose.
//!
//! # The document decides ([`series`], [`contents`], [`headings`])
//! The rules above judge a line where it stands. Before them, and over them, the document
//! as a whole is read, since headings in one document share a style:
//! - **Numbered series** ([`label`], [`series`]): every line's label is read once (division
//!   word and its case, glued prefix, kind of numeral, dotted path, punctuation, indentation)
//!   and lines are grouped by that style. A group is a series of headings when at least 70%
//!   of its steps count on (the next number, a restart at 1 under a new parent or after a
//!   higher division, versions counting down), at least 80% of its lines stand apart with
//!   other text after them, and its lines name rather than say (a full stop is fine after
//!   `Definitions.` or Title Case, not after a sentence). A pair needs a division word or to
//!   start at 0 or 1. Members are headings whatever their ending; a label alone takes the
//!   next line as its title when every label alone in the series does. Series rank: parts
//!   over chapters over sections, shallow numbers over deep; that gives the levels.
//! - **A contents list** ([`contents`]): under a `Contents` line, the short lines up to the
//!   first of its first entries found again; or, with no such line, three or more short lines
//!   near the start found again further on. Its entries are never headings; the lines they
//!   name (the same words, or most of them, without labels, page numbers or dot leaders) are.
//!   Short lines before a `Contents` line over other title-page lines are front matter.
//! - **Spacing**: chapters set off by two or more blank lines make any line in capitals set
//!   off as far a heading (`ETYMOLOGY.`); where headings are set apart by blank lines, a line
//!   with text right above and below it is verse or a list.
//! - **Recurring names**: short names that recur, three or more of them, each over text
//!   (`Language`, `Compiler` under each version), are headings.
//! - **Questions** set apart and answered, among headings mostly in sentence case, are
//!   headings; code and terminal output (`Ok(())`, a hex dump) never are.
//!
//! `margin toc --explain` ([`explain`]) prints each decision with its evidence.

mod blocks;
mod contents;
mod gutenberg;
mod headings;
mod label;
mod line_rules;
mod series;
mod shape;
mod title;
mod units;

use std::sync::Arc;

use super::model::{Block, Essay, Format};
use super::sections;

/// Parses plain text, `source`. `fallback_title` names the opening section when the essay
/// has no title of its own. Blocks share `source` where their text is a stretch of it.
pub fn parse(source: &Arc<String>, fallback_title: &str) -> Essay {
    let Some(frame) = gutenberg::frame(source) else {
        return parse_text(source, fallback_title, None);
    };
    // The book alone: the distributor's header and licence are not the author's text.
    let body = Arc::new(source[frame.body].to_string());
    let mut essay = parse_text(&body, fallback_title, frame.title);
    essay.subtitle.push(GUTENBERG_NOTE.to_string());
    essay
}

/// Why the headings of plain text `source` are what they are: every heading chosen and
/// every strong candidate refused, each with the evidence that decided it, one a line
/// (`margin toc --explain`).
pub fn explain(source: &Arc<String>) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let (body, line_offset, given) = match gutenberg::frame(source) {
        Some(frame) => {
            let skipped = source[..frame.body.start].matches('\n').count();
            let _ = writeln!(
                out,
                "Project Gutenberg header (lines 1-{skipped}) and licence left out{}",
                frame
                    .title
                    .as_deref()
                    .map(|t| format!("; title from its `Title:` line: {t}"))
                    .unwrap_or_default()
            );
            (source[frame.body].to_string(), skipped, frame.title)
        }
        None => (source.to_string(), 0, None),
    };
    let lines = shape::split_lines(&body);
    let mut shape = shape::analyse(&lines);
    let mut units = units::group(&lines, &shape);
    if shape::refine(&mut shape, &lines, units.iter().map(|u| u.blank_before)) {
        units = units::group(&lines, &shape);
    }
    let _ = writeln!(
        out,
        "Shape: {}, {}",
        shape
            .wrap
            .map_or("not hard-wrapped".to_string(), |w| format!(
                "hard-wrapped at {w} columns"
            )),
        if shape.blank_separated {
            "paragraphs separated by blank lines"
        } else {
            "a paragraph a line"
        }
    );
    if let Some(t) = shape.trailer {
        let _ = writeln!(
            out,
            "Readers' comments from line {}: kept after a rule, never headings",
            t + 1 + line_offset
        );
    }
    let title = title::find(&units, &shape);
    match (&given, &title.title) {
        (Some(_), _) => {}
        (None, Some(t)) => {
            let _ = writeln!(out, "Title: {t} (the first line, set apart)");
        }
        (None, None) => {
            let _ = writeln!(out, "Title: none found; the file name stands in");
        }
    }
    let outline = headings::classify(&units, &shape, title.units, true);
    for verdict in &outline.verdicts {
        let unit = &units[verdict.unit];
        let level = verdict.level.map_or("-".to_string(), |l| format!("h{l}"));
        let text: String = unit.text.chars().take(60).collect();
        let _ = writeln!(
            out,
            "{:>6}  {level:<2}  {text:<60}  {}",
            unit.first_line as usize + 1 + line_offset,
            verdict.why
        );
    }
    out
}

/// Said under the title of a Project Gutenberg book.
const GUTENBERG_NOTE: &str = "Project Gutenberg's header and licence are left out";

/// Parses `source`; `title`, when given, is the essay's title whatever its first lines say.
fn parse_text(source: &Arc<String>, fallback_title: &str, title_given: Option<String>) -> Essay {
    let lines = shape::split_lines(source);
    let mut shape = shape::analyse(&lines);
    let mut units = units::group(&lines, &shape);
    if shape::refine(&mut shape, &lines, units.iter().map(|u| u.blank_before)) {
        units = units::group(&lines, &shape);
    }
    // From here on only the units are read; the table of lines is as long as the file.
    drop(lines);
    let title = title::find(&units, &shape);
    let outline = headings::classify(&units, &shape, title.units, false);
    for &(i, skip) in &outline.marks {
        strip_marks(&mut units[i].text, skip);
    }
    let (units, levels) = join_heads(units, outline.levels, &outline.joins);
    let mut blocks = blocks::build(source, units, &levels, title.units, shape.blank_separated);
    blocks.iter_mut().for_each(Block::link_bare_urls);

    let essay_title = title_given.or(title.title);
    let opening = essay_title
        .clone()
        .unwrap_or_else(|| fallback_title.to_string());
    let sections = sections::build(&blocks, &opening);
    Essay {
        title: essay_title,
        subtitle: title.subtitle,
        lang: None,
        format: Format::Text,
        blocks,
        sections,
    }
}

/// Leaves the first `skip` bytes (an outline's stars) out of a heading's text, still
/// borrowed from the source when it was.
fn strip_marks(text: &mut std::borrow::Cow<str>, skip: usize) {
    match text {
        std::borrow::Cow::Borrowed(s) => *s = s.get(skip..).unwrap_or(s),
        std::borrow::Cow::Owned(s) => *s = s.get(skip..).unwrap_or(s).to_string(),
    }
}

/// Joins each unit in `joins` with the unit after it: a label with its title (`CHAPTER I.`
/// and `Down the Rabbit-Hole` become `CHAPTER I. Down the Rabbit-Hole`), a heading in
/// capitals with the line it wraps onto. Consecutive joins make one heading of three lines.
fn join_heads<'a>(
    units: Vec<units::Unit<'a>>,
    levels: Vec<Option<u8>>,
    joins: &[usize],
) -> (Vec<units::Unit<'a>>, Vec<Option<u8>>) {
    if joins.is_empty() {
        return (units, levels);
    }
    let mut out_units = Vec::with_capacity(units.len() - joins.len());
    let mut out_levels = Vec::with_capacity(units.len() - joins.len());
    let mut next_join = joins.iter().peekable();
    let mut pending: Option<units::Unit<'a>> = None;
    for (i, (unit, level)) in units.into_iter().zip(levels).enumerate() {
        if let Some(mut head) = pending.take() {
            let joined = format!("{} {}", head.text.trim_end(), unit.text.trim());
            head.text = std::borrow::Cow::Owned(joined);
            head.blank_after = unit.blank_after;
            // A heading over three lines joins the third too.
            if next_join.peek() == Some(&&i) {
                next_join.next();
                pending = Some(head);
            } else {
                out_units.push(head);
            }
            continue;
        }
        if next_join.peek() == Some(&&i) {
            next_join.next();
            pending = Some(unit);
            out_levels.push(level);
            continue;
        }
        out_units.push(unit);
        out_levels.push(level);
    }
    if let Some(head) = pending {
        out_units.push(head);
    }
    (out_units, out_levels)
}

#[cfg(test)]
mod document_tests;
#[cfg(test)]
mod tests;
