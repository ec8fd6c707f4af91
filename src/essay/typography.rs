//! Smart punctuation, and where it stops. pulldown-cmark turns straight quotes into curly
//! ones, `--` and `---` into dashes and `...` into an ellipsis, never inside code spans or
//! blocks; this module puts back what it turned in prose that is code all the same: a
//! quoted identifier (`'c_ulong'`, `"std::io"`, `'len()'`), an apostrophe inside one
//! (`c_ulong's`), a flag (`--verbose`). Typography can also be turned off altogether
//! (`typography = false`).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

/// Whether the Markdown reader sets punctuation typographically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Typography {
    /// Curly quotes, dashes and ellipses, except in code and text that looks like code.
    #[default]
    Smart,
    /// The characters as the author typed them.
    Plain,
}

/// `event` as read from `source[range]`, with smart punctuation that falls on code-like
/// text put back as it was written.
pub fn keep_code_straight<'a>(
    event: Event<'a>,
    source: &'a str,
    range: &Range<usize>,
) -> Event<'a> {
    let Event::Text(text) = &event else {
        return event;
    };
    let Some(written) = source.get(range.clone()) else {
        return event;
    };
    if is_smart_form(text, written) && looks_like_code_at(source, range, written, text) {
        return Event::Text(CowStr::Borrowed(written));
    }
    event
}

/// Whether `text` is what smart punctuation makes of `written`.
fn is_smart_form(text: &str, written: &str) -> bool {
    matches!(
        (text, written),
        ("‘" | "’", "'") | ("“" | "”", "\"") | ("–", "--") | ("—", "---") | ("…", "...")
    )
}

/// Whether the punctuation `written` at `range` (set as `smart`) belongs to code-like text:
/// the word it quotes, the word it stands inside, or the flag it starts.
fn looks_like_code_at(source: &str, range: &Range<usize>, written: &str, smart: &str) -> bool {
    let (before, after) = (&source[..range.start], &source[range.end..]);
    if let Some(quote @ ('\'' | '"')) = single_char(written) {
        // The quoted word, when the quote opens or closes one with no space inside.
        let opening = matches!(smart, "‘" | "“");
        if let Some(quoted) = quoted_word(before, after, quote, opening) {
            return looks_like_code(quoted);
        }
        // An apostrophe inside a word (`c_ulong's`): that word decides.
        let inside = before.chars().next_back().is_some_and(is_word_char)
            && after.chars().next().is_some_and(is_word_char);
        return inside && looks_like_code(&token_around(before, written, after));
    }
    // A flag (`--verbose`) or a dash or ellipsis within code-like text (`f(...)`).
    let starts_flag = written == "--"
        && before
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "'\"‘“([`".contains(c))
        && after.chars().next().is_some_and(char::is_alphanumeric);
    starts_flag || looks_like_code(&token_around(before, written, after))
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// The word between this quote and its partner, when there is no space between them: the
/// text up to the next `quote` (an opening quote, as pulldown-cmark judged it) or back to
/// the previous one (a closing quote).
fn quoted_word<'a>(before: &'a str, after: &'a str, quote: char, opening: bool) -> Option<&'a str> {
    let stop = |c: char| c.is_whitespace() || c == quote;
    let word = if opening {
        let end = after.find(stop)?;
        if !after[end..].starts_with(quote) {
            return None;
        }
        &after[..end]
    } else {
        let (start, found) = before.char_indices().rev().find(|&(_, c)| stop(c))?;
        if found != quote {
            return None;
        }
        &before[start + found.len_utf8()..]
    };
    (!word.is_empty()).then_some(word)
}

/// The run of non-space text the punctuation stands in.
fn token_around(before: &str, written: &str, after: &str) -> String {
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    format!("{}{written}{}", &before[start..], &after[..end])
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `word` reads as code rather than prose: an identifier with `_` inside or in
/// camelCase (lower case first: `McDonald` is a name), a path with `::` or a dot between
/// lower-case letters, a call `f()`, an operator, a flag (`--verbose`).
pub fn looks_like_code(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let inner = |i: usize, test: fn(char) -> bool| {
        i > 0 && i + 1 < chars.len() && test(chars[i - 1]) && test(chars[i + 1])
    };
    let lower_or_digit = |c: char| c.is_lowercase() || c.is_ascii_digit();
    let camel_case =
        chars.first().is_some_and(|c| c.is_lowercase()) && chars.iter().any(|c| c.is_uppercase());
    chars.iter().enumerate().any(|(i, &c)| match c {
        '_' => inner(i, char::is_alphanumeric),
        '.' => inner(i, lower_or_digit) && chars[i + 1].is_alphabetic(),
        '(' => i > 0 && is_word_char(chars[i - 1]) && chars[i..].contains(&')'),
        '=' | '{' | '}' | '\\' | '<' | '>' => true,
        _ => false,
    }) || camel_case
        || word
            .strip_prefix("--")
            .is_some_and(|rest| rest.starts_with(char::is_alphanumeric))
        || ["::", "->", "&&", "||", "#[", "#!"]
            .iter()
            .any(|op| word.contains(op))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_paths_calls_and_operators_look_like_code() {
        for word in [
            "c_ulong",
            "std::io",
            "len()",
            "print(x)",
            "os.path",
            "getElementById",
            "a->b",
            "x=1",
            "Vec<u8>",
            "--verbose",
        ] {
            assert!(looks_like_code(word), "{word}");
        }
    }

    #[test]
    fn wide_spaces_and_odd_characters_next_to_quotes_do_not_panic() {
        // Found by the property test: an em space (three bytes) before a quote.
        let source = "\u{2000}!'𝒞 \u{2003}'x_y'\u{2003} a\u{3000}--b";
        for (i, c) in source.char_indices() {
            let range = i..i + c.len_utf8();
            let _ = looks_like_code_at(source, &range, &source[range.clone()], "’");
            let _ = looks_like_code_at(source, &range, &source[range.clone()], "‘");
        }
        let essay = crate::essay::markdown::parse(source, "t");
        assert!(!essay.blocks.is_empty());
    }

    #[test]
    fn prose_does_not() {
        for word in [
            "don't",
            "hello",
            "U.S.",
            "end.",
            "(aside)",
            "well-known",
            "_emphasis_",
            "rock-'n'-roll",
            "Mr.",
            "McDonald",
        ] {
            assert!(!looks_like_code(word), "{word}");
        }
    }
}
