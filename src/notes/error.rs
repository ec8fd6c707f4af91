//! What can go wrong keeping notes, in the words the reader is shown: each names the file
//! and says what became of the notes (left untouched, kept in memory).

use std::path::PathBuf;
use std::sync::Arc;

use crate::error::show_path;

/// A notes file that cannot be read, written or locked, or a draft that cannot be kept.
///
/// Cloned because a file that cannot be understood blocks every later save with the same
/// reason; the I/O errors inside are shared for that.
#[derive(Debug, Clone, thiserror::Error)]
pub enum NotesError {
    #[error(
        "the notes file {} is a symbolic link; margin neither follows nor replaces it: left untouched; new notes kept in memory",
        show_path(path)
    )]
    Symlink { path: PathBuf },
    #[error(
        "cannot read the notes file {} ({source}); it is left untouched",
        show_path(path)
    )]
    Read {
        path: PathBuf,
        source: Arc<std::io::Error>,
    },
    #[error(
        "notes file from a newer margin (schema {schema}, {}): left untouched; new notes kept in memory",
        show_path(path)
    )]
    Newer { schema: u32, path: PathBuf },
    #[error(
        "notes file damaged{} ({}): left untouched; new notes kept in memory",
        line.map_or(String::new(), |l| format!(" at line {l}")),
        show_path(path)
    )]
    Damaged { path: PathBuf, line: Option<usize> },
    /// No home folder and no `MARGIN_HOME`.
    #[error("no data folder for notes: set MARGIN_HOME to a folder margin can write")]
    NoDataFolder,
    #[error(
        "notes kept in memory, saved when possible: cannot create the notes folder {} ({source})",
        show_path(path)
    )]
    CreateFolder {
        path: PathBuf,
        source: Arc<std::io::Error>,
    },
    #[error(
        "notes kept in memory, saved when possible: cannot save notes to {} ({source})",
        show_path(path)
    )]
    Write {
        path: PathBuf,
        source: Arc<std::io::Error>,
    },
    /// The notes could not be turned into TOML (or a draft into JSON).
    #[error("{0}")]
    Encode(String),
    /// Opening the lock file would follow a link.
    #[error(
        "cannot lock the notes file: {} is a symbolic link; it is left untouched",
        show_path(path)
    )]
    LockLink { path: PathBuf },
    /// Another margin (or a sync tool) held the lock for longer than a save may wait.
    #[error(
        "notes kept in memory, saved when possible: another program holds the notes file {}",
        show_path(path)
    )]
    Busy { path: PathBuf },
    #[error("cannot lock the notes file {} ({source})", show_path(path))]
    Locked {
        path: PathBuf,
        source: Arc<std::io::Error>,
    },
    /// Not even a rescue file could be written (a full disk): the notes themselves, for the
    /// reader to copy from the terminal, already through the terminal's gate.
    #[error("could not write the notes anywhere ({last}); here they are:\n{notes}")]
    Unwritable { last: String, notes: String },
    #[error("there is no folder for notes to keep a draft in")]
    NoDraftFolder,
    #[error("{} ({source})", show_path(path))]
    Draft {
        path: PathBuf,
        source: Arc<std::io::Error>,
    },
}
