//! A note: the reader's words, attached to a passage of the essay.

use serde::{Deserialize, Serialize};

use super::version::Version;
use crate::text::width::truncate;

/// Where a note belongs, remembered robustly enough to find the passage again after the
/// essay is edited: its section's heading, the passage's words with some context either
/// side, and where it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Title of the section the passage was in.
    pub section: String,
    /// The passage's text (its first 1,000 characters).
    pub quote: String,
    /// The end of the passage before it.
    #[serde(default)]
    pub before: String,
    /// The start of the passage after it.
    #[serde(default)]
    pub after: String,
    /// Index of the passage's block when the note was written.
    pub block: usize,
}

/// An exact passage as a note keeps it (the finding again is `passage.rs`'s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// The passage's exact words, in full; paragraphs it spans are joined by a blank line.
    pub quote: String,
    /// The text just before it (up to 80 characters).
    #[serde(default)]
    pub before: String,
    /// The text just after it (up to 80 characters).
    #[serde(default)]
    pub after: String,
    /// Where it started when it was marked, a hint among equals: a block and a byte offset
    /// in its plain text.
    pub block: usize,
    #[serde(default)]
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    /// RFC 3339, UTC.
    pub created: String,
    pub updated: String,
    pub text: String,
    /// Set when the note was deleted: kept as a tombstone so that another window's copy of
    /// the note does not bring it back when the two are merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<String>,
    /// Where this text stands in the note's history, for merging (see `version.rs`).
    #[serde(flatten)]
    pub version: Version,
    pub anchor: Anchor,
    /// The exact passage marked, when the note is on part of the text (a selection) rather
    /// than a whole paragraph. A note on a passage with no text is a highlight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passage: Option<Passage>,
}

impl Note {
    pub fn is_deleted(&self) -> bool {
        self.deleted.is_some()
    }

    /// A conflict copy: the text one window gave the note while another changed it too.
    pub fn is_conflict_copy(&self) -> bool {
        self.version.conflict_of.is_some()
    }

    /// Marks the note as changed by this window, on top of the version it had.
    pub fn revise(&mut self) {
        self.version = self.version.next();
    }

    /// The note's tags: words written `#tag` (letters, digits, `-`, `_`, `/`), lower-cased,
    /// each once, in order.
    pub fn tags(&self) -> Vec<String> {
        tags_of(&self.text)
    }

    /// A short quote of the passage for lists: at most `max` columns, cut with an ellipsis.
    pub fn short_quote(&self, max: usize) -> String {
        truncate(self.quote(), max)
    }

    /// The words the note was written on: the passage marked, or the paragraph's.
    pub fn quote(&self) -> &str {
        self.passage
            .as_ref()
            .map_or(self.anchor.quote.as_str(), |p| p.quote.as_str())
    }

    /// A highlight: an exact passage marked, with nothing written on it.
    pub fn is_highlight(&self) -> bool {
        self.passage.is_some() && self.text.trim().is_empty()
    }
}

/// The text the reader saved from the editor, which showed the note made harmless (tabs as
/// spaces, direction isolates and marks left out): each line the reader did not touch is the
/// stored line again, tabs and isolates and all; only lines typed or changed are as typed.
pub fn keep_untouched_lines(stored: &str, edited: &str) -> String {
    let shown: std::collections::HashMap<String, &str> = stored
        .split('\n')
        .map(|line| (crate::sanitize::sanitize(line).into_owned(), line))
        .filter(|(shown, _)| !shown.contains('\n'))
        .collect();
    edited
        .split('\n')
        .map(|line| shown.get(line).copied().unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn tags_of(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let Some(rest) = word.strip_prefix('#') else {
            continue;
        };
        let tag: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'))
            .collect::<String>()
            .to_lowercase();
        if tag.chars().any(char::is_alphabetic) && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// A new note id: the time in milliseconds, the process and a counter, in base 36.
pub fn new_id() -> String {
    super::version::unique_id()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_hash_words() {
        assert_eq!(
            tags_of("On #Shame and #repair, again #shame. #1 # #a-b/c"),
            vec!["shame", "repair", "a-b/c"]
        );
    }

    #[test]
    fn a_short_quote_fits_its_columns() {
        let note = |quote: &str| Note {
            id: "n".into(),
            created: String::new(),
            updated: String::new(),
            text: String::new(),
            deleted: None,
            passage: None,
            version: Version::default(),
            anchor: Anchor {
                section: String::new(),
                quote: quote.into(),
                before: String::new(),
                after: String::new(),
                block: 0,
            },
        };
        // Ten wide characters are twenty columns: cut at ten, not at ten characters.
        let wide = note(&"漢".repeat(10)).short_quote(10);
        assert_eq!(wide, "漢漢漢漢…");
        assert_eq!(note("Short.").short_quote(10), "Short.");
        assert_eq!(note("Rather longer words").short_quote(10), "Rather lo…");
    }

    #[test]
    fn lines_not_touched_in_the_editor_keep_their_tabs_and_isolates() {
        let stored = "col\tumn\n\u{2067}שלום\u{2069} said\nplain";
        // The editor showed "col umn" and "שלום said"; the reader changed the last line.
        let shown = crate::sanitize::sanitize(stored).into_owned();
        let edited = shown.replace("plain", "plain, and more");
        assert_eq!(
            keep_untouched_lines(stored, &edited),
            "col\tumn\n\u{2067}שלום\u{2069} said\nplain, and more"
        );
        // An untouched line is stored as it was, even what the terminal must not see (it is
        // only ever shown made harmless); a changed line is as typed.
        let with_escape = "a\u{1b}[31mred\nb";
        let edited = crate::sanitize::sanitize(with_escape).replace('b', "c");
        let kept = keep_untouched_lines(with_escape, &edited);
        assert_eq!(kept, "a\u{1b}[31mred\nc");
    }

    #[test]
    fn ids_differ() {
        assert_ne!(new_id(), new_id());
    }
}
