//! A note being written when margin was stopped (SIGTERM, SIGHUP, SIGINT, the terminal
//! closed): kept beside the essay's notes as a draft, and opened again in the editor the
//! next time the essay is, so no half-written thought is lost and none is saved as a note
//! the reader did not finish.
//!
//! One draft a window (`KEY.WINDOW.draft.json`, WINDOW made once a process): two windows
//! stopped mid-sentence keep two drafts. A window that opens the essay takes the newest
//! draft for its own by renaming it to its own name, so no other window opens the same one,
//! and a crash leaves it on disk under that name; the others wait for the next opening.

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
    /// Other drafts of the essay still on disk, which come back at the next openings.
    #[serde(skip)]
    pub more: usize,
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

/// This process's window's name in its draft files.
fn window() -> &'static str {
    static WINDOW: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    WINDOW.get_or_init(super::version::unique_id)
}

impl NoteStore {
    /// This window's draft file for the essay.
    fn draft_file(&self) -> Option<PathBuf> {
        let file = self.file.as_ref()?;
        Some(file.with_extension(format!("{}.draft.json", window())))
    }

    /// Every draft file of the essay, whichever window kept it (`KEY.draft.json` from
    /// before drafts were a window's), newest first.
    fn draft_files(&self) -> Vec<PathBuf> {
        let Some(file) = self.file.as_ref() else {
            return Vec::new();
        };
        let (Some(dir), Some(stem)) = (file.parent(), file.file_stem()) else {
            return Vec::new();
        };
        let prefix = format!("{}.", stem.to_string_lossy());
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut drafts: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_prefix(&prefix)
                    .and_then(|rest| rest.strip_suffix("draft.json"))
                    .is_some_and(|window| {
                        window.is_empty()
                            || window
                                .strip_suffix('.')
                                .is_some_and(|w| !w.is_empty() && !w.contains('.'))
                    })
            })
            .filter_map(|e| {
                let meta = std::fs::symlink_metadata(e.path()).ok()?;
                meta.is_file()
                    .then(|| (meta.modified().unwrap_or(std::time::UNIX_EPOCH), e.path()))
            })
            .collect();
        drafts.sort_by_key(|d| std::cmp::Reverse(d.0));
        drafts.into_iter().map(|(_, p)| p).collect()
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

    /// The newest draft kept for this essay, if any, taken for this window's own. The file
    /// stays until the reader is done with the draft ([`NoteStore::forget_draft`]): read in
    /// the background and never handed over (the reader left first), it is still there next
    /// time. A damaged one is left alone.
    pub fn read_draft(&self) -> Option<Draft> {
        let own = self.draft_file()?;
        let files = self.draft_files();
        let (i, mut draft) = files.iter().enumerate().find_map(|(i, path)| {
            let text = std::fs::read_to_string(path).ok()?;
            Some((i, serde_json::from_str::<Draft>(&text).ok()?))
        })?;
        // Taken by renaming, which only one window can do; failing that, read as it is.
        if files[i] != own {
            let _ = std::fs::rename(&files[i], &own);
        }
        draft.more = files.len() - 1 - i;
        Some(draft)
    }

    /// The reader is done with the draft (saved as a note, or thrown away).
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
            more: 0,
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
