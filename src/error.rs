//! The errors margin reports. Each message names the file and says what to do, in one line.

use std::path::PathBuf;

use crate::sanitize::sanitize;

/// Shows a path safely: a file name is untrusted text too.
pub fn show_path(path: &std::path::Path) -> String {
    sanitize(&path.to_string_lossy()).into_owned()
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such file; check the path", show_path(.0))]
    NotFound(PathBuf),
    #[error("{}: is a directory; give the path of an essay file inside it", show_path(.0))]
    IsDirectory(PathBuf),
    #[error("{}: permission denied; check the file's permissions", show_path(.0))]
    PermissionDenied(PathBuf),
    #[error("{}: cannot be read ({source})", show_path(path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: looks like {kind}, not an essay; give a Markdown or plain-text file",
        show_path(path)
    )]
    Binary { path: PathBuf, kind: &'static str },
    #[error("{}: the essay is empty; there is nothing to read", show_path(.0))]
    Empty(PathBuf),
    #[error("cannot write to standard output: {0}")]
    Output(std::io::Error),
    #[error("cannot open the reader: {0}; use `margin render FILE` to print the essay instead")]
    NoTerminal(String),
    #[error("the terminal failed: {0}")]
    Terminal(std::io::Error),
    #[error("{0}")]
    Usage(String),
    /// A notes file that cannot be read, in the notes' own words (`NotesError`, kept as
    /// text: the essay's errors live here too, and notes sit above the essay).
    #[error("{0}")]
    Notes(String),
}

impl Error {
    pub fn read(path: PathBuf, source: std::io::Error) -> Error {
        match source.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound(path),
            std::io::ErrorKind::PermissionDenied => Error::PermissionDenied(path),
            std::io::ErrorKind::IsADirectory => Error::IsDirectory(path),
            _ => Error::Read { path, source },
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
