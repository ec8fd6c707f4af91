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
    /// Notes this window changed since it last wrote the file, by id.
    changed: std::collections::HashSet<String>,
    /// How long the text was, to make room for it at once.
    length: usize,
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
        self.changed.clear();
    }

    /// This window changed note `id`.
    pub fn touched(&mut self, id: &str) {
        self.changed.insert(id.to_string());
    }

    /// The file at `path` may have been written by another: it must be read.
    pub fn forget(&mut self) {
        self.stamp = None;
    }

    /// The notes file's text: its `header` (schema and essay), then each note, its TOML made again only when
    /// the note changed since this window last wrote it. With `only_touched`, the notes are
    /// this window's as it wrote them but for those it touched since, which alone are
    /// looked at; else every note is compared with what was written.
    pub fn text(
        &mut self,
        header: String,
        notes: &[Note],
        only_touched: bool,
    ) -> Result<String, NotesError> {
        #[derive(Serialize)]
        struct One<'a> {
            notes: [&'a Note; 1],
        }
        let encode = |e: toml::ser::Error| NotesError::Encode(e.to_string());
        let mut out = header;
        // Made again where missing or stale; the rest reused in place, nothing copied twice.
        for note in notes {
            let fresh = match self.fragments.get(&note.id) {
                None => false,
                Some(_) if only_touched => !self.changed.contains(&note.id),
                Some((was, _)) => was == note,
            };
            if !fresh {
                let text = toml::to_string_pretty(&One { notes: [note] }).map_err(encode)?;
                self.fragments.insert(note.id.clone(), (note.clone(), text));
            }
        }
        out.reserve(self.length);
        for note in notes {
            if let Some((_, text)) = self.fragments.get(&note.id) {
                out.push('\n');
                out.push_str(text);
            }
        }
        self.length = out.len();
        // Notes gone from the list (renamed when their ids were shared) are let go.
        if self.fragments.len() > notes.len() {
            let ids: std::collections::HashSet<&str> =
                notes.iter().map(|n| n.id.as_str()).collect();
            self.fragments.retain(|id, _| ids.contains(id.as_str()));
        }
        Ok(out)
    }
}
