//! Notes on disk: one TOML file an essay, `notes/KEY.toml` under the data folder, with a
//! schema version. Every change is saved at once: under a lock, the file is read again and
//! merged with this window's notes (by each note's history, `merge.rs`: a change made on top
//! of another replaces it, two made at once are both kept; deletions are kept as tombstones
//! with histories too), then written atomically. So two windows on one essay never lose each
//! other's notes, and a crash leaves the old file or the new one.
//!
//! A file that cannot be understood (damaged, or from a newer margin) is never overwritten:
//! notes written meanwhile stay in memory, go to the window's rescue file as soon as a save
//! fails (so a kill loses none), and are saved once a later read finds the file whole. Rescue
//! files come back at the essay's next opening. Before its rename a save looks again at the
//! file, which a sync tool may have replaced without taking the lock, and merges again.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::NotesError;
use super::note::Note;
use crate::error::show_path;
use crate::store::atomic;
use crate::store::identity::Identity;
use crate::store::regular::{self, Stamp};

pub const SCHEMA: u32 = 1;

/// The essay's record (see `store::records`): what the notes belong to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EssayInfo {
    pub title: String,
    /// Where it was last opened from; `None` for standard input.
    pub path: Option<PathBuf>,
    /// Every path it was opened from, the last one last. (Files from before these were kept
    /// have none; the essay's next opening adds them.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<PathBuf>,
    pub fingerprint: String,
    /// How its words looked, to know it again once edited and renamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sketch: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotesFile {
    pub schema: u32,
    pub essay: EssayInfo,
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// Reads a notes file, saying what is wrong with it in words a reader can act on.
///
/// A symbolic link in the notes file's place is refused: saving replaces the file, which
/// would either break the link or (written through it) change a file margin does not own.
pub fn read_file(path: &Path) -> Result<Option<NotesFile>, NotesError> {
    read_file_stamped(path).map(|(file, _)| file)
}

/// As [`read_file`], with the stamp of the file read (`None` when there was none), to know
/// before replacing it whether it is still the file that was read.
pub fn read_file_stamped(path: &Path) -> Result<(Option<NotesFile>, Option<Stamp>), NotesError> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(NotesError::Symlink {
            path: path.to_path_buf(),
        });
    }
    // A FIFO or a device in the file's place is refused, not waited on or read for ever.
    let read = regular::read_stamped(path, regular::NOTES_CAP)
        .and_then(|(bytes, stamp)| Ok((regular::into_text(bytes)?, stamp)));
    let (text, stamp) = match read {
        Ok(read) => read,
        // No file (or a file where its folder should be): there are no notes to lose.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok((None, None));
        }
        Err(e) => {
            return Err(NotesError::Read {
                path: path.to_path_buf(),
                source: Arc::new(e),
            });
        }
    };
    parse(&text, path).map(|file| (Some(file), Some(stamp)))
}

/// Parses a notes file's `text` (read from `path`, which only names it in messages).
pub fn parse(text: &str, path: &Path) -> Result<NotesFile, NotesError> {
    // The schema is checked before the rest, so a newer file is reported as newer, not damaged.
    #[derive(Deserialize)]
    struct Version {
        schema: Option<u32>,
    }
    if let Ok(Version { schema: Some(v) }) = toml::from_str::<Version>(text)
        && v > SCHEMA
    {
        return Err(NotesError::Newer {
            schema: v,
            path: path.to_path_buf(),
        });
    }
    let mut file = toml::from_str::<NotesFile>(text).map_err(|e| NotesError::Damaged {
        path: path.to_path_buf(),
        line: e
            .span()
            .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count()),
    })?;
    file.notes = distinct_ids(std::mem::take(&mut file.notes));
    Ok(file)
}

/// Notes with one id each. Two notes sharing an id (a file merged by hand, or by a sync
/// tool) would replace each other at the next save, since saves merge by id: a copy that
/// is the same note exactly is dropped, and a different note takes the id with `-2`, `-3`
/// after it, the same on every read of the same file, so that every window agrees.
fn distinct_ids(notes: Vec<Note>) -> Vec<Note> {
    let mut out: Vec<Note> = Vec::with_capacity(notes.len());
    let mut ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    for mut note in notes {
        // The usual case, a new id, costs one look-up.
        if ids.contains(&note.id) {
            if out.contains(&note) {
                continue;
            }
            let base = note.id.clone();
            let mut k = 2;
            while ids.contains(&format!("{base}-{k}")) {
                k += 1;
            }
            note.id = format!("{base}-{k}");
        }
        ids.insert(note.id.clone());
        out.push(note);
    }
    out
}

pub use super::merge::merge;

pub struct NoteStore {
    pub(super) file: Option<PathBuf>,
    identity: Identity,
    title: String,
    /// All notes, tombstones included. Changed through [`NoteStore::put`], which tells the
    /// next save what changed (it writes again only what did while the file is its own).
    pub notes: Vec<Note>,
    /// Why the file must not be written, when the last read could not understand it; every
    /// save reads it again, and clears this once it is whole.
    pub blocked: Option<NotesError>,
    /// Changes not yet on disk.
    pub unsaved: bool,
    /// Rescue files merged in (and this window's journal), to remove once their notes are
    /// saved.
    rescued: Vec<PathBuf>,
    /// How many rescue files were merged in on opening, for the reader to be told.
    pub recovered: usize,
    /// This window's rescue file's name: its journal while saves fail, and where its
    /// notes go on quitting when they cannot be saved.
    journal: String,
    /// The file as this window last wrote it (see `written.rs`).
    written: super::written::Written,
}

impl NoteStore {
    /// The notes folder under the data folder.
    pub fn folder() -> Option<PathBuf> {
        crate::store::data_dir().map(|d| d.join("notes"))
    }

    /// Opens the notes of the essay with `identity`, in the file named for its key (found
    /// by [`Identity::resolve`]). Returns a message when the file could not be read.
    pub fn open(identity: Identity, title: &str) -> (NoteStore, Option<NotesError>) {
        Self::open_in(Self::folder(), identity, title)
    }

    /// As [`NoteStore::open`], with the notes folder given.
    pub fn open_in(
        folder: Option<PathBuf>,
        identity: Identity,
        title: &str,
    ) -> (NoteStore, Option<NotesError>) {
        let file = folder.map(|dir| dir.join(format!("{}.toml", identity.key())));
        let mut store = NoteStore {
            file,
            identity,
            title: title.to_string(),
            notes: Vec::new(),
            blocked: None,
            unsaved: false,
            rescued: Vec::new(),
            recovered: 0,
            journal: String::new(),
            written: super::written::Written::default(),
        };
        store.journal = format!(
            "{}.rescued-{}-{}.toml",
            store.identity.key(),
            super::time::now().replace(':', ""),
            std::process::id()
        );
        let mut message = None;
        if let Some(path) = store.file.clone() {
            // Copies a killed margin left half-way through a save hold nothing to keep.
            atomic::sweep(&path);
            match read_file(&path) {
                Ok(Some(f)) => store.notes = f.notes,
                Ok(None) => {}
                Err(e) => {
                    store.blocked = Some(e.clone());
                    message = Some(e);
                }
            }
        }
        if store.blocked.is_none() {
            store.take_rescued();
        }
        (store, message)
    }

    /// Notes written to rescue files (when they could not be saved: on quitting, or as a
    /// journal as soon as a save failed) come back, from beside this essay's notes file and
    /// from the temporary folder, where a rescue goes when the notes folder cannot be
    /// written: merged in now, saved with the next save, and the rescue files removed once
    /// they are. [`NoteStore::recovered`] counts them.
    fn take_rescued(&mut self) {
        let prefix = format!("{}.rescued-", self.identity.key());
        let beside = self
            .file
            .as_ref()
            .and_then(|f| f.parent())
            .map(Path::to_path_buf);
        let folders = beside
            .into_iter()
            .chain(std::iter::once(std::env::temp_dir()));
        for dir in folders {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                let named = path.file_name().is_some_and(|n| {
                    let n = n.to_string_lossy();
                    n.starts_with(&prefix) && n.ends_with(".toml")
                });
                if named
                    && !self.rescued.contains(&path)
                    && own_file(&path)
                    && let Ok(Some(f)) = read_file(&path)
                {
                    self.notes = merge(&self.notes, &f.notes);
                    self.rescued.push(path);
                    self.recovered += 1;
                    self.unsaved = true;
                }
            }
        }
    }

    /// What the reader is told when rescued notes came back on opening.
    pub fn recovered_message(&self) -> Option<String> {
        match self.recovered {
            0 => None,
            1 => Some("notes from a rescue file are back with the others".into()),
            n => Some(format!(
                "notes from {n} rescue files are back with the others"
            )),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The essay the notes belong to.
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// Brings the essay's record in its notes file up to date (the path it was opened from,
    /// its fingerprint and sketch now) when the file has notes and a record that differs:
    /// so an essay found by its likeness is found by its path the next time, and a file from
    /// before sketches gets one. Saved as any change is (locked, merged, atomic); nothing
    /// happens to a file that cannot be read, and a failure leaves the notes as they were.
    pub fn refresh_record(&mut self) -> Result<(), NotesError> {
        let Some(path) = self.file.clone() else {
            return Ok(());
        };
        if self.blocked.is_some() || self.unsaved {
            return Ok(());
        }
        let Ok(Some(on_disk)) = read_file(&path) else {
            return Ok(());
        };
        let now = self.record();
        let same = on_disk.essay.path == now.path
            && on_disk.essay.paths == now.paths
            && on_disk.essay.fingerprint == now.fingerprint
            && on_disk.essay.sketch == now.sketch;
        if same || on_disk.notes.is_empty() {
            return Ok(());
        }
        self.unsaved = true;
        let saved = self.save();
        // Nothing of the reader's is waiting on this save: it must not be rescued on quitting.
        self.unsaved = false;
        saved
    }

    /// The essay's record, as the notes file keeps it.
    fn record(&self) -> EssayInfo {
        EssayInfo {
            title: self.title.clone(),
            path: self.identity.last_path(),
            paths: self.identity.paths.clone(),
            fingerprint: self.identity.fingerprint.clone(),
            sketch: Some(self.identity.sketch.encode()),
        }
    }

    /// The notes a reader sees (not deleted).
    pub fn live(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| !n.is_deleted())
    }

    /// Adds or changes a note (by id) and saves. Merged with this store's copy as with the
    /// file's: the reader's copy may be older than one this store has read since.
    pub fn put(&mut self, note: Note) -> Result<(), NotesError> {
        let id = note.id.clone();
        match self.notes.iter().position(|n| n.id == note.id) {
            Some(i) => {
                let mut both = merge(std::slice::from_ref(&note), &self.notes[i..=i]).into_iter();
                if let Some(kept) = both.next() {
                    self.notes[i] = kept;
                }
                self.notes.extend(both);
            }
            None => self.notes.push(note),
        }
        self.written.touched(&id);
        self.unsaved = true;
        let saved = self.save();
        if saved.is_err() {
            self.keep_journal();
        }
        saved
    }

    /// Writes the notes not yet saved to this window's rescue file at once, so that a kill
    /// before the next save that works (or before quitting) loses none of them; the next
    /// save that works removes it, and an opening in the meantime merges it back.
    fn keep_journal(&mut self) {
        if let Ok(path) = self.rescue()
            && !self.rescued.contains(&path)
        {
            self.rescued.push(path);
        }
    }

    /// Saves: lock, re-read, merge, write atomically, unlock.
    pub fn save(&mut self) -> Result<(), NotesError> {
        if !self.unsaved {
            return Ok(());
        }
        let Some(path) = self.file.clone() else {
            return Err(NotesError::NoDataFolder);
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        atomic::create_private_dir(dir).map_err(|e| NotesError::CreateFolder {
            path: dir.to_path_buf(),
            source: Arc::new(e),
        })?;
        let _lock = lock(&path)?;
        let failed = |e| NotesError::Write {
            path: path.clone(),
            source: Arc::new(e),
        };
        let mut tries = 0;
        let merged = loop {
            // Still the file this window wrote: every change since is this window's own. A
            // file replaced meanwhile (below) is read again whatever its stamp.
            let unchanged = tries == 0 && self.written.unchanged(&path);
            let (mut merged, seen) = if unchanged {
                (self.notes.clone(), Stamp::now(&path))
            } else {
                // Read again every time, also after the file could not be understood: once
                // it is whole again (repaired by hand, or by a sync tool), saving resumes.
                let (theirs, seen) = match read_file_stamped(&path) {
                    Ok((f, seen)) => (f.map(|f| f.notes).unwrap_or_default(), seen),
                    Err(e) => {
                        self.blocked = Some(e.clone());
                        return Err(e);
                    }
                };
                self.blocked = None;
                (merge(&self.notes, &theirs), seen)
            };
            for note in &mut merged {
                // On disk now: a later merge sees it as any other version.
                note.version.restores = false;
            }
            let text = self.written.text(self.header_text()?, &merged, unchanged)?;
            self.written.forget();
            let staged = atomic::stage(&path, text.as_bytes()).map_err(failed)?;
            // A sync tool does not take margin's lock: the file may have been replaced since
            // it was read. Renaming over it would lose its notes; they are merged again.
            if Stamp::now(&path) == seen {
                staged.commit().map_err(failed)?;
                self.written.wrote(&path);
                break merged;
            }
            tries += 1;
            if tries == SYNC_TRIES {
                return Err(failed(std::io::Error::other(
                    "another program keeps replacing it",
                )));
            }
        };
        self.notes = merged;
        self.unsaved = false;
        for path in self.rescued.drain(..) {
            let _ = fs::remove_file(path);
        }
        Ok(())
    }

    /// The notes file's first lines: its schema and the essay's record.
    fn header_text(&self) -> Result<String, NotesError> {
        #[derive(Serialize)]
        struct Header {
            schema: u32,
            essay: EssayInfo,
        }
        let header = Header {
            schema: SCHEMA,
            essay: self.record(),
        };
        toml::to_string_pretty(&header).map_err(|e| NotesError::Encode(e.to_string()))
    }

    /// The notes file's text for `notes`.
    fn file_text(&self, notes: &[Note]) -> Result<String, NotesError> {
        let file = NotesFile {
            schema: SCHEMA,
            essay: self.record(),
            notes: notes.to_vec(),
        };
        toml::to_string_pretty(&file).map_err(|e| NotesError::Encode(e.to_string()))
    }

    /// Writes the notes to a new file beside the notes file (or in the temporary folder),
    /// for when they cannot be saved where they belong. Returns where they went; where no
    /// file can be written at all (a full disk), the error holds the notes themselves.
    pub fn rescue(&self) -> Result<PathBuf, NotesError> {
        let name = &self.journal;
        let text = self.file_text(&self.notes)?;
        let places = self
            .file
            .as_ref()
            .and_then(|f| f.parent().map(Path::to_path_buf))
            .into_iter()
            .chain(std::iter::once(std::env::temp_dir()));
        let mut last = String::new();
        for dir in places {
            let path = dir.join(name);
            match atomic::write(&path, text.as_bytes()) {
                Ok(()) => return Ok(path),
                Err(e) => last = format!("{} ({e})", show_path(&path)),
            }
        }
        // The last resort: the notes themselves, for the reader to copy from the terminal.
        Err(NotesError::Unwritable {
            last,
            notes: crate::sanitize::sanitize(&text).into_owned(),
        })
    }
}

/// Whether the file at `path` belongs to the user running margin: the temporary folder is
/// shared, and notes another user put there under a rescue file's name are not theirs.
fn own_file(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        fs::symlink_metadata(path).is_ok_and(|m| m.uid() == me)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        true
    }
}

/// Holds an exclusive lock on `PATH.lock` while alive.
fn lock(path: &Path) -> Result<File, NotesError> {
    let lock_path = path.with_extension("toml.lock");
    // Opening follows links: one in the lock's place could create a file elsewhere.
    if fs::symlink_metadata(&lock_path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(NotesError::LockLink { path: lock_path });
    }
    let locked = |e| NotesError::Locked {
        path: lock_path.clone(),
        source: Arc::new(e),
    };
    // A FIFO or a device in the lock's place is refused, not waited on.
    let file = regular::open_lock(&lock_path).map_err(locked)?;
    // Not for ever: a second margin stuck, or a sync tool, would hold the reader's notes
    // (and its quitting) hostage. Past the wait the save fails, the notes stay in memory,
    // are tried again, and are rescued on quitting if they never get through.
    let deadline = std::time::Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(NotesError::Busy { path: lock_path });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(locked(e)),
        }
    }
}

/// How many times a save reads and merges again a file replaced under it before giving up
/// (the notes stay in memory, tried again later).
const SYNC_TRIES: usize = 8;

/// How long a save waits for another program to let go of the notes file.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Every notes file in the notes folder, read (for `margin notes` without a file).
pub fn all_files(dir: Option<PathBuf>) -> Vec<(PathBuf, Result<NotesFile, NotesError>)> {
    let Some(dir) = dir else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, Result<NotesFile, NotesError>)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml") && !p.to_string_lossy().contains(".rescued-")
        })
        .filter_map(|p| match read_file(&p) {
            Ok(Some(f)) => Some((p, Ok(f))),
            Ok(None) => None,
            Err(e) => Some((p, Err(e))),
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
