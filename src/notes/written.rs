//! What this window last wrote to its notes file, so that a save among thousands of notes
//! costs what the change does, not what the file does: the file is not read again when it
//! is still the one this window wrote (same inode, size and modification time; any other
//! writer, margin or a sync tool, replaces it by a rename and so changes its inode), and
//! each note's TOML is kept and written again as it was unless the note changed.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Serialize;

use super::NotesError;
use super::note::Note;
use super::store::{EssayInfo, SCHEMA};

/// A file's identity and state, as far as telling whether it was touched goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::symlink_metadata(path).ok()?;
    #[cfg(unix)]
    let (dev, ino) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (dev, ino) = (0, 0);
    Some(Stamp {
        dev,
        ino,
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

#[derive(Default)]
pub struct Written {
    /// The file as this window left it, when it was the last to write it.
    stamp: Option<Stamp>,
    /// Each note's TOML as last written, by id, with the note it was made from.
    fragments: HashMap<String, (Note, String)>,
}

impl Written {
    /// Whether the file at `path` is still the one this window last wrote: then its notes
    /// are this window's as they were saved, and need not be read again.
    pub fn unchanged(&self, path: &Path) -> bool {
        self.stamp.is_some() && stamp(path) == self.stamp
    }

    /// The file at `path` was just written by this window.
    pub fn wrote(&mut self, path: &Path) {
        self.stamp = stamp(path);
    }

    /// The file at `path` may have been written by another: it must be read.
    pub fn forget(&mut self) {
        self.stamp = None;
    }

    /// The notes file's text: its header, then each note, its TOML made again only when
    /// the note changed since this window last wrote it.
    pub fn text(&mut self, essay: &EssayInfo, notes: &[Note]) -> Result<String, NotesError> {
        #[derive(Serialize)]
        struct Header<'a> {
            schema: u32,
            essay: &'a EssayInfo,
        }
        #[derive(Serialize)]
        struct One<'a> {
            notes: [&'a Note; 1],
        }
        let encode = |e: toml::ser::Error| NotesError::Encode(e.to_string());
        let mut out = toml::to_string_pretty(&Header {
            schema: SCHEMA,
            essay,
        })
        .map_err(encode)?;
        let mut fragments = HashMap::with_capacity(notes.len());
        for note in notes {
            let kept = self
                .fragments
                .remove(&note.id)
                .filter(|(was, _)| was == note);
            let text = match kept {
                Some((_, text)) => text,
                None => toml::to_string_pretty(&One { notes: [note] }).map_err(encode)?,
            };
            out.push('\n');
            out.push_str(&text);
            fragments.insert(note.id.clone(), (note.clone(), text));
        }
        self.fragments = fragments;
        Ok(out)
    }
}
