//! What can go wrong keeping a reading position, in the words the reader is shown.

use std::path::PathBuf;

use crate::error::show_path;

/// A reading position that cannot be read or kept.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No home folder and no `MARGIN_HOME`: nowhere to keep anything.
    #[error("no data folder: set MARGIN_HOME to keep reading positions")]
    NoDataFolder,
    #[error("cannot read the saved position ({source})")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Written by a newer margin: left as it is, so that margin keeps its reader's place.
    #[error(
        "the saved position was written by a newer margin (version {version}); it is left as it is"
    )]
    Newer { version: u32 },
    #[error(
        "the saved position in {} is damaged; it is left as it is",
        show_path(path)
    )]
    Damaged { path: PathBuf },
    #[error("{0}")]
    Encode(#[from] serde_json::Error),
    #[error("cannot save the reading position in {} ({source})", show_path(path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}
