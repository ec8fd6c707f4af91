//! Page words as Markdown text: escaped so that nothing in them turns into markup they did
//! not mean, whitespace collapsed as a browser shows it, paragraphs ended with what would
//! open a block at a line's start escaped, and link addresses kept only when safe.

use super::dom::collapse;

/// Link schemes whose addresses are kept; any other (`javascript:`, `data:`) keeps only
/// its text, so it is shown and never followed.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "ftp"];

/// The address to keep for a link, or `None` to keep only its text: a page's own
/// fragments cannot be followed in a terminal, and scripts and data never are.
pub(super) fn safe_href(href: &str) -> Option<String> {
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let cleaned: String = href.chars().filter(|c| !c.is_control()).collect();
    if let Some((scheme, _)) = cleaned.split_once(':')
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !SAFE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str())
    {
        return None;
    }
    Some(
        cleaned
            .replace(' ', "%20")
            .replace('(', "%28")
            .replace(')', "%29")
            .replace('<', "%3C")
            .replace('>', "%3E"),
    )
}

/// Appends page text: whitespace runs become one space, none at a line's start.
pub(super) fn push_text(para: &mut String, text: &str) {
    let starts_space = text.starts_with(|c: char| c.is_ascii_whitespace());
    let ends_space = text.ends_with(|c: char| c.is_ascii_whitespace());
    let words = collapse(text);
    if starts_space || words.is_empty() {
        space(para);
    }
    if words.is_empty() {
        return;
    }
    para.push_str(&escape(&words));
    if ends_space {
        para.push(' ');
    }
}

/// Appends Markdown already made.
pub(super) fn push_raw(para: &mut String, markdown: &str) {
    para.push_str(markdown);
}

pub(super) fn space(para: &mut String) {
    if !para.is_empty() && !para.ends_with([' ', '\n']) {
        para.push(' ');
    }
}

/// Ends the paragraph being gathered, escaping what would start a block at a line's
/// start (`#`, `>`, `-`, `1.`).
pub(super) fn flush(out: &mut Vec<String>, para: &mut String) {
    let text = std::mem::take(para);
    let text = without_trailing_breaks(text.trim());
    if text.is_empty() {
        return;
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let line = line.trim_start();
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && line[digits..].starts_with(['.', ')']) {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else if line.starts_with(['#', '>', '-', '+', '=', '|', '~']) {
                format!("\\{line}")
            } else {
                line.to_string()
            }
        })
        .collect();
    out.push(lines.join("\n"));
}

/// `text` without the line breaks (`<br>`, written `\` at a line's end) that closed it:
/// at a paragraph's end Markdown would show them as a backslash. A backslash of the page's
/// own words is written doubled, so only an odd run at the end is a break.
fn without_trailing_breaks(mut text: &str) -> &str {
    loop {
        text = text.trim_end();
        let run = text.len() - text.trim_end_matches('\\').len();
        if run.is_multiple_of(2) {
            return text;
        }
        text = &text[..text.len() - 1];
    }
}

/// Escapes what Markdown would read as markup in a page's words.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().unwrap_or(' ');
        let special = match c {
            '\\' | '*' | '_' | '[' | ']' | '`' => true,
            '<' => next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?'),
            '&' => next.is_ascii_alphanumeric() || next == '#',
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(super) fn code_span(text: &str) -> String {
    let ticks = "`".repeat(longest_run(text, '`') + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{ticks} {text} {ticks}")
    } else {
        format!("{ticks}{text}{ticks}")
    }
}

pub(super) fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Each line of `text` after `prefix` (`blank` for an empty line).
pub(super) fn prefix_lines(text: &str, prefix: &str, blank: &str) -> String {
    text.split('\n')
        .map(|l| {
            if l.is_empty() {
                blank.to_string()
            } else {
                format!("{prefix}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
