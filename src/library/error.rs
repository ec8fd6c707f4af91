//! What can go wrong finding the essays, in the words the library screen shows.

use std::path::PathBuf;

use crate::error::show_path;

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The library folder itself cannot be listed (a folder below it that cannot be is
    /// skipped).
    #[error("{}: {source}", show_path(path))]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
}
