//! A note being written when margin was stopped (SIGTERM, SIGHUP, SIGINT, the terminal
//! closed): kept beside the essay's notes as a draft, and opened again in the editor the
//! next time the essay is, so no half-written thought is lost and none is saved as a note
//! the reader did not finish.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{NoteStore, NotesError};
use crate::store::atomic;
use crate::text::reattach::{self, Blocks, Place, Seek, Within};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// What the editor held.
    pub text: String,
    /// The note being changed, or `None` for a new one.
    pub note: Option<String>,
    /// The passage's text, to find it again if the essay changed.
    pub quote: String,
    /// The passage's block when the draft was kept.
    pub block: usize,
    /// The exact words a note on a selection is written on (`None`: the paragraph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passage: Option<super::note::Passage>,
}

impl Draft {
    /// The draft's passage among `blocks` (each block's plain text): where its text is now,
    /// else the block it was at (or the last).
    pub fn locate(&self, blocks: &(impl Blocks + ?Sized)) -> usize {
        let seek = Seek {
            quote: &self.quote,
            was: Place {
                block: self.block,
                offset: 0,
            },
            within: Within::Start,
            fuzzy: true,
        };
        reattach::find(blocks, &seek, |_| true, |_| 0)
            .map_or(self.block, |(place, _)| place.block)
            .min(blocks.count().saturating_sub(1))
    }
}

impl NoteStore {
    fn draft_file(&self) -> Option<PathBuf> {
        let file = self.file.as_ref()?;
        Some(file.with_extension("draft.json"))
    }

    /// Keeps `draft` until the essay is opened again. Returns where, or why not.
    pub fn save_draft(&self, draft: &Draft) -> Result<PathBuf, NotesError> {
        let path = self.draft_file().ok_or(NotesError::NoDraftFolder)?;
        let json =
            serde_json::to_string_pretty(draft).map_err(|e| NotesError::Encode(e.to_string()))?;
        atomic::write(&path, json.as_bytes())
            .map(|()| path.clone())
            .map_err(|e| NotesError::Draft {
                path,
                source: Arc::new(e),
            })
    }

    /// The draft kept for this essay, if any. The file stays until the reader has the
    /// draft back ([`NoteStore::forget_draft`]): read in the background and never handed
    /// over (the reader left first), it is still there next time. A damaged one is left alone.
    pub fn read_draft(&self) -> Option<Draft> {
        let path = self.draft_file()?;
        let text = std::fs::read_to_string(&path).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// The reader has the draft back in the editor (stopped again, it is kept again).
    pub fn forget_draft(&self) {
        if let Some(path) = self.draft_file() {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(quote: &str, block: usize) -> Draft {
        Draft {
            text: "half a thought".into(),
            note: None,
            quote: quote.into(),
            block,
            passage: None,
        }
    }

    fn blocks(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn found_where_its_passage_moved() {
        let b = blocks(&["New opening.", "One.", "The passage written about."]);
        assert_eq!(draft("The passage written about.", 1).locate(&b), 2);
    }

    #[test]
    fn found_when_its_passage_was_edited() {
        let b = blocks(&["One.", "The passage that was written about, edited."]);
        assert_eq!(
            draft("The passage that was written about.", 0).locate(&b),
            1
        );
    }

    #[test]
    fn kept_at_its_block_or_the_last_when_the_passage_is_gone() {
        let b = blocks(&["One.", "Two.", "Three."]);
        assert_eq!(draft("Gone entirely, and long enough.", 1).locate(&b), 1);
        assert_eq!(draft("Gone entirely, and long enough.", 9).locate(&b), 2);
        assert_eq!(draft("Gone.", 0).locate(&Vec::<String>::new()), 0);
    }
}
