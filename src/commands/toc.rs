//! `margin toc`: the outline, as text or JSON.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::essay::stats::{minutes, minutes_label};
use crate::essay::{Essay, Section};
use crate::text::width::truncate;

#[derive(Serialize)]
struct JsonToc<'a> {
    title: Option<&'a str>,
    format: &'static str,
    words: usize,
    minutes: f64,
    sections: Vec<JsonSection<'a>>,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    level: u8,
    title: &'a str,
    line: usize,
    words: usize,
    minutes: f64,
}

/// Minutes to two decimals: enough for sorting and summing, short to read.
fn rounded(words: usize, wpm: f64) -> f64 {
    (minutes(words, wpm) * 100.0).round() / 100.0
}

/// The sections an outline lists: those with headings, or the single opening section of an
/// essay without any heading.
fn listed(essay: &Essay) -> Vec<&Section> {
    let headed: Vec<&Section> = essay.outline().map(|(_, s)| s).collect();
    if headed.is_empty() {
        essay.sections.iter().take(1).collect()
    } else {
        headed
    }
}

pub fn json(essay: &Essay, wpm: f64) -> String {
    let toc = JsonToc {
        title: essay.title.as_deref(),
        format: essay.format.name(),
        words: essay.words(),
        minutes: rounded(essay.words(), wpm),
        sections: listed(essay)
            .into_iter()
            .map(|s| JsonSection {
                level: s.level,
                title: &s.title,
                line: s.line,
                words: s.words,
                minutes: rounded(s.words, wpm),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&toc).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}

/// The outline as text, `width` columns wide.
pub fn text(essay: &Essay, fallback_title: &str, width: usize, wpm: f64) -> String {
    let mut out = String::new();
    out.push_str(essay.display_title(fallback_title));
    out.push('\n');
    out.push_str(&format!(
        "{} · {} · {}\n\n",
        words_label(essay.words()),
        minutes_label(essay.words(), wpm),
        essay.format.name()
    ));
    let sections = listed(essay);
    let top = sections.iter().map(|s| s.level).min().unwrap_or(1);
    // Numbered as `margin FILE --section N` counts them.
    let numbered = essay.outline().next().is_some();
    for (n, s) in sections.into_iter().enumerate() {
        let number = if numbered {
            format!("{:>3}  ", n + 1)
        } else {
            "     ".to_string()
        };
        let indent = format!("{number}{}", "  ".repeat(usize::from(s.level - top)));
        let figures = format!(
            "{:>13} {:>7}",
            words_label(s.words),
            minutes_label(s.words, wpm)
        );
        let room = width
            .saturating_sub(indent.width() + figures.width() + 2)
            .max(8);
        let title = truncate(&s.title, room);
        let pad = room.saturating_sub(title.width()) + 2;
        out.push_str(&format!("{indent}{title}{}{figures}\n", " ".repeat(pad)));
    }
    out
}

/// `1 word`, `1,234 words`.
fn words_label(n: usize) -> String {
    format!(
        "{} {}",
        group_digits(n),
        if n == 1 { "word" } else { "words" }
    )
}

/// `1234567` → `1,234,567`.
fn group_digits(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(7), "7");
        assert_eq!(group_digits(1234), "1,234");
        assert_eq!(group_digits(1_234_567), "1,234,567");
    }
}
