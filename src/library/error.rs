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
    /// The folder the reader named is not there.
    #[error(
        "{}: no such folder ({named_by}); check the path, give the folder of your essays (`margin DIR`), or set MARGIN_LIBRARY or `library` in the configuration file",
        show_path(path)
    )]
    Missing {
        path: PathBuf,
        named_by: &'static str,
    },
}
