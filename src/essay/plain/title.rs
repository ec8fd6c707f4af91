//! The title block at the top of a plain-text essay: a title line, then perhaps a subtitle,
//! a byline and a date.

use super::line_rules::{
    Ending, email_header, ending, header_field, is_bullet, is_byline, is_caption, is_dateline,
    is_metadata, is_short, starts_lowercase,
};
use super::shape::Shape;
use super::units::{Unit, UnitKind};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleBlock {
    pub title: Option<String>,
    pub subtitle: Vec<String>,
    /// How many units, from the first, the title block takes.
    pub units: usize,
}

/// A unit that could stand in a title block: one short line that does not run on.
pub fn is_title_line(unit: &Unit) -> bool {
    let single = unit.line_count == 1 || matches!(unit.kind, UnitKind::Underlined(_));
    single
        && !unit.trailer
        && unit.kind != UnitKind::Break
        && is_short(&unit.text)
        && !is_bullet(&unit.text)
        && (is_byline(&unit.text)
            || !starts_lowercase(&unit.text) && ending(&unit.text) != Ending::Continues)
}

/// Finds the title block. A message opening with e-mail headers is titled by its subject.
/// Otherwise the first line is the title when it is a title-like line that is
/// followed by more text and does not end a sentence with a full stop (a question or an
/// exclamation may be a title). A byline or a date among the next three short lines, and
/// any short lines before it, join the title block; so do short lines sharing the title's
/// paragraph when paragraphs are separated by blank lines.
pub fn find(units: &[Unit], shape: &Shape) -> TitleBlock {
    let Some(first) = units.first() else {
        return TitleBlock::default();
    };
    if let Some(block) = email_headers(units) {
        return block;
    }
    // A dateline above the title (a diary entry, a letter): the title is the next line.
    if units.len() > 2
        && first.line_count == 1
        && is_dateline(&first.text)
        && is_title_line(&units[1])
        && ending(&units[1].text) != Ending::Closed
    {
        let rest = find(&units[1..], shape);
        if rest.title.is_some() {
            let mut subtitle = vec![first.text.to_string()];
            subtitle.extend(rest.subtitle);
            return TitleBlock {
                title: rest.title,
                subtitle,
                units: rest.units + 1,
            };
        }
    }
    let closed = ending(&first.text) == Ending::Closed && !first.text.ends_with('!');
    if !is_title_line(first) || closed || units.len() < 2 || first.trailer {
        return TitleBlock::default();
    }
    if let Some(block) = title_set_over_lines(units) {
        return block;
    }
    let mut end = 1;
    // Short lines sharing the title's block, when a blank line closes that block (or
    // paragraphs are separated by blank lines anyway), are its title block.
    let mut shared = 1;
    while shared < units.len().min(5)
        && !units[shared - 1].blank_after
        && is_title_line(&units[shared])
    {
        shared += 1;
    }
    if shared > 1 && (shape.blank_separated || units[shared - 1].blank_after) {
        end = shared;
    }
    let lookahead = end;
    for (k, unit) in units.iter().enumerate().skip(lookahead).take(3) {
        // A title page's `by` on a line of its own, over the author's name.
        if unit.text.trim().eq_ignore_ascii_case("by")
            && units.get(k + 1).is_some_and(is_title_line)
        {
            end = k + 2;
            // And the year under it, `(1818)`.
            if units.get(k + 2).is_some_and(|u| is_year(&u.text)) {
                end = k + 3;
            }
            break;
        }
        if !is_title_line(unit) {
            break;
        }
        if is_byline(&unit.text) || is_metadata(&unit.text) || is_caption(&unit.text) {
            end = k + 1;
        }
    }
    if end >= units.len() {
        // Nothing would be left to read: the "title" was the essay.
        end = 1;
    }
    TitleBlock {
        title: Some(first.text.to_string()),
        subtitle: units[1..end].iter().map(|u| u.text.to_string()).collect(),
        units: end,
    }
}

/// A document that opens with headers, as a message (`From:`, `Subject:`) or a
/// specification (`PEP:`, `Title:`, `Author:`) does: at least three header lines, or two
/// that an e-mail has. Lines indented under a header carry it on. The headers are the
/// title block. The title is the `Title:` header; failing that a title line right after
/// the headers (a how-to's own title above its text); failing that the subject, without
/// `Re:`/`Fwd:`.
fn email_headers(units: &[Unit]) -> Option<TitleBlock> {
    let mut count = 0;
    let mut fields = 0;
    let mut known = false;
    for unit in units {
        if let Some((key, _)) = header_field(&unit.text) {
            fields += 1;
            known |= email_header(&unit.text).is_some() || key.eq_ignore_ascii_case("title");
        } else if !(count > 0 && unit.indent > 0 && !unit.blank_before) {
            break;
        }
        count += 1;
    }
    if !(fields >= 3 || (fields >= 2 && known)) || count >= units.len() {
        return None;
    }
    let mut subject = None;
    let mut title = None;
    let mut rest = Vec::new();
    for u in &units[..count] {
        match header_field(&u.text) {
            Some((key, value)) if key.eq_ignore_ascii_case("title") => {
                title = Some(value.to_string());
            }
            Some((key, value)) if key.eq_ignore_ascii_case("subject") => {
                let mut v = value;
                while let Some((prefix, after)) = v.split_once(':') {
                    if matches!(prefix.trim().to_lowercase().as_str(), "re" | "fwd" | "fw") {
                        v = after.trim();
                    } else {
                        break;
                    }
                }
                subject = Some(v.to_string());
            }
            Some((key, _))
                if ["from", "author", "date", "to"]
                    .iter()
                    .any(|k| key.eq_ignore_ascii_case(k)) =>
            {
                rest.push(u.text.to_string());
            }
            _ => {}
        }
    }
    let mut units_taken = count;
    if title.is_none()
        && let Some(next) = units.get(count)
        && units.len() > count + 1
        && is_title_line(next)
        && ending(&next.text) != Ending::Closed
        && !is_short_label(&next.text)
    {
        title = Some(next.text.to_string());
        units_taken += 1;
    }
    Some(TitleBlock {
        title: title.or(subject).filter(|s| !s.is_empty()),
        subtitle: rest,
        units: units_taken,
    })
}

/// A one-word section name that opens a specification's text (`Abstract`,
/// `Introduction`): a heading, not the title.
fn is_short_label(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    matches!(
        lower.as_str(),
        "abstract" | "introduction" | "summary" | "overview" | "contents" | "table of contents"
    )
}

/// A year alone, perhaps in brackets: `(1818)`, `1818`.
fn is_year(text: &str) -> bool {
    let core = text
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', '.']);
    core.len() == 4 && core.chars().all(|c| c.is_ascii_digit())
}

/// A title page sets a long title over several short lines, a few words each, with no
/// blank line between (`Narrative` / `of the` / `Life` / `of` / `FREDERICK DOUGLASS`):
/// when a line of that first block carries on in lower case, the block is one title.
fn title_set_over_lines(units: &[Unit]) -> Option<TitleBlock> {
    let mut end = 1;
    while end < units.len().min(7)
        && !units[end - 1].blank_after
        && units[end].line_count == 1
        && units[end].text.split_whitespace().count() <= 4
        && ending(&units[end - 1].text) != Ending::Closed
    {
        end += 1;
    }
    // `of the`, not a byline's `by Jane Doe`.
    let carries_on = units[1..end]
        .iter()
        .any(|u| starts_lowercase(&u.text) && !is_byline(&u.text));
    if end < 3 || !carries_on || !units[end - 1].blank_after || end >= units.len() {
        return None;
    }
    let title = units[..end]
        .iter()
        .map(|u| u.text.trim())
        .collect::<Vec<_>>()
        .join(" ");
    Some(TitleBlock {
        title: Some(title),
        subtitle: Vec::new(),
        units: end,
    })
}
