//! Searching the whole essay. Matches are byte ranges in each block's plain text, so a
//! phrase is found wherever the wrap breaks it, and they survive a re-wrap untouched.
//! Smart case: a query with no capital letter ignores case. In plain mode the query is
//! literal and its spaces match any run of whitespace (a line break inside a verse, a double
//! space after a full stop), and typographic punctuation matches its plain forms (`'` finds
//! `’`, `"` finds `“`, `-` finds `—`); in regex mode it is a regular expression.

use regex::{Regex, RegexBuilder};

use super::document::Document;

/// One match: block, and byte range in its plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// The search prompt while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What is typed, and where the cursor is in it.
    pub line: super::line_edit::Line,
    /// Where the text pane was when the prompt opened, to go back to on Esc.
    pub origin: crate::layout::Pos,
}

#[derive(Debug, Default)]
pub struct Search {
    pub prompt: Option<Prompt>,
    pub query: String,
    pub regex: bool,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
    /// Why the query could not be used (a bad regular expression).
    pub error: Option<String>,
    /// Searches kept, oldest first, for Up and Down in the prompt.
    pub history: Vec<String>,
    /// Which of them the prompt shows (`None`: what the reader is typing).
    pub browsing: Option<usize>,
}

/// Searches kept in the prompt's history.
const HISTORY: usize = 100;

/// Builds the matcher for `query`.
pub fn compile(query: &str, regex: bool) -> Result<Regex, String> {
    let pattern = if regex {
        query.to_string()
    } else {
        query
            .split_whitespace()
            .map(loose)
            .collect::<Vec<_>>()
            .join(r"\s+")
    };
    let ignore_case = !query.chars().any(char::is_uppercase);
    RegexBuilder::new(&pattern)
        .case_insensitive(ignore_case)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| match e {
            regex::Error::Syntax(s) => s
                .lines()
                .last()
                .unwrap_or("invalid pattern")
                .trim()
                .to_string(),
            other => other.to_string(),
        })
}

/// A literal word of a plain query as a pattern in which typographic punctuation matches
/// loosely: a straight `'` finds `’` and `‘` (a display or an author turned it), and the
/// other way round; likewise `"` and `“”`, and `-` and `–—`.
fn loose(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\'' | '‘' | '’' => out.push_str("['‘’]"),
            '"' | '“' | '”' => out.push_str("[\"“”]"),
            '-' | '–' | '—' => out.push_str("[-–—]"),
            c => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// Every match of `re` in the essay, in reading order. Empty matches are skipped.
pub fn find_all(doc: &Document, re: &Regex) -> Vec<Match> {
    let mut out = Vec::new();
    for (block, text) in doc.plain().iter().enumerate() {
        for m in re.find_iter(text) {
            if m.start() < m.end() {
                out.push(Match {
                    block,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
    out
}

impl Search {
    /// Whether matches are shown (a query is kept or being typed).
    pub fn active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Runs the query against the essay.
    pub fn run(&mut self, doc: &Document) {
        self.matches.clear();
        self.current = None;
        self.error = None;
        if self.query.trim().is_empty() {
            return;
        }
        match compile(&self.query, self.regex) {
            Ok(re) => self.matches = find_all(doc, &re),
            Err(e) => self.error = Some(e),
        }
    }

    /// The first match at or after `anchor` (block, offset), wrapping to the first.
    pub fn first_from(&self, block: usize, offset: usize) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let i = self
            .matches
            .partition_point(|m| (m.block, m.start) < (block, offset));
        Some(if i < self.matches.len() { i } else { 0 })
    }

    /// Steps to the next (or previous) match; returns whether it wrapped around.
    pub fn step(&mut self, forward: bool) -> Option<bool> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let (next, wrapped) = match (self.current, forward) {
            (None, _) => (0, false),
            (Some(i), true) if i + 1 < n => (i + 1, false),
            (Some(_), true) => (0, true),
            (Some(0), false) => (n - 1, true),
            (Some(i), false) => (i - 1, false),
        };
        self.current = Some(next);
        Some(wrapped)
    }

    pub fn clear(&mut self) {
        *self = Search {
            regex: self.regex,
            history: std::mem::take(&mut self.history),
            ..Search::default()
        };
    }

    /// Keeps `query` in the history (once, as the newest).
    pub fn remember(&mut self, query: &str) {
        if query.trim().is_empty() {
            return;
        }
        self.history.retain(|q| q != query);
        self.history.push(query.to_string());
        // A reading session's worth, not a log.
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::{Essay, Format};

    fn doc(text: &str) -> Document {
        Document::new(Essay::parse(text, Format::Markdown, "t"), "t".into())
    }

    fn count(d: &Document, q: &str, regex: bool) -> usize {
        find_all(d, &compile(q, regex).unwrap()).len()
    }

    #[test]
    fn smart_case() {
        let d = doc("Paradox and paradox and PARADOX.\n");
        assert_eq!(count(&d, "paradox", false), 3);
        assert_eq!(count(&d, "Paradox", false), 1);
    }

    #[test]
    fn phrases_match_across_breaks_and_runs_of_space() {
        let d = doc("the long\nway round and the  long way\n");
        assert_eq!(count(&d, "long way", false), 2);
    }

    #[test]
    fn plain_mode_is_literal_and_regex_mode_is_not() {
        let d = doc("a.b axb (c)\n");
        assert_eq!(count(&d, "a.b", false), 1);
        assert_eq!(count(&d, "a.b", true), 2);
        assert_eq!(count(&d, "(c)", false), 1);
        assert!(compile("(", true).is_err());
    }

    #[test]
    fn typographic_punctuation_matches_its_plain_forms() {
        let d = doc("It’s a “quoted” word — and it's plain, \"too\".\n");
        assert_eq!(
            count(&d, "it's", false),
            2,
            "straight finds curly and straight"
        );
        assert_eq!(
            count(&d, "It’s", false),
            1,
            "curly finds curly (smart case)"
        );
        assert_eq!(count(&d, "\"quoted\"", false), 1);
        assert_eq!(count(&d, "word - and", false), 1);
        let m = find_all(&d, &compile("it's", false).unwrap());
        let text = d.plain()[m[0].block].to_string();
        assert_eq!(
            &text[m[0].start..m[0].end],
            "It’s",
            "ranges are the text's own bytes"
        );
    }

    #[test]
    fn stepping_wraps_both_ways() {
        let mut s = Search {
            matches: vec![
                Match {
                    block: 0,
                    start: 0,
                    end: 1
                };
                3
            ],
            current: Some(2),
            ..Search::default()
        };
        assert_eq!(s.step(true), Some(true));
        assert_eq!(s.current, Some(0));
        assert_eq!(s.step(false), Some(true));
        assert_eq!(s.current, Some(2));
        assert_eq!(s.step(false), Some(false));
        assert_eq!(s.current, Some(1));
    }
}
