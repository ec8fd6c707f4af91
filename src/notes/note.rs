//! A note: the reader's words, attached to a passage of the essay.

use serde::{Deserialize, Serialize};

use crate::text::width::truncate;

/// Where a note belongs, remembered robustly enough to find the passage again after the
/// essay is edited: its section's heading, the passage's words with some context either
/// side, and where it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// A new note id: the time in milliseconds and a counter, in base 36. Unique per process and
/// practically across processes (two windows would need the same millisecond and count).
pub fn new_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let pid = u64::from(std::process::id());
    format!("{}-{}", base36(millis), base36(pid * 1000 + n % 1000))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
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
    fn ids_differ() {
        assert_ne!(new_id(), new_id());
    }
}
