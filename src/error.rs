//! The errors margin reports. Each message names the file and says what to do, in one line.

use std::path::PathBuf;

use crate::sanitize::sanitize;

/// Shows a path safely: a file name is untrusted text too.
pub fn show_path(path: &std::path::Path) -> String {
    sanitize(&path.to_string_lossy()).into_owned()
}

/// `1 mistake`, `3 mistakes`.
fn mistakes(n: usize) -> String {
    if n == 1 {
        "1 mistake".to_string()
    } else {
        format!("{n} mistakes")
    }
}

/// Names where an essay came from: its path, or standard input for `-`.
fn show_source(path: &std::path::Path) -> String {
    if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        show_path(path)
    }
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
        "{}: looks like {kind}, not an essay; give a Markdown, plain-text, HTML or EPUB file",
        show_path(path)
    )]
    Binary { path: PathBuf, kind: &'static str },
    #[error("{}: the essay is empty; there is nothing to read", show_path(.0))]
    Empty(PathBuf),
    /// A web page or an ebook that cannot be turned into an essay (a zip that is not an
    /// EPUB, a book past the size cap), in the converter's words.
    #[error("{}: {reason}", show_path(path))]
    Unconvertible { path: PathBuf, reason: String },
    /// Longer than margin reads (`MAX_BYTES` in the essay's source): a device that never
    /// ends, say.
    #[error(
        "{}: longer than 512 MB, the most margin reads; give it a part at a time (`head -c 100M FILE | margin -`)",
        show_source(.0)
    )]
    TooLarge(PathBuf),
    /// A file margin was asked to write (an export) could not be.
    #[error("{}: cannot be written ({source})", show_path(path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write to standard output: {0}")]
    Output(std::io::Error),
    #[error("cannot open the reader: {0}; use `margin render FILE` to print the essay instead")]
    NoTerminal(String),
    #[error("the terminal failed: {0}")]
    Terminal(std::io::Error),
    /// The thread reading the rest of a long essay stopped without handing it over (it
    /// panicked or was killed): margin failed, the command line was fine.
    #[error("the essay could not be read to its end")]
    LoaderStopped,
    #[error("{0}")]
    Usage(String),
    /// `margin config check` found mistakes (it has listed them).
    #[error("the configuration has {}; fix the lines above", mistakes(*.0))]
    ConfigMistakes(usize),
    /// The library folder cannot be used, in the library's own words (kept as text, as
    /// the notes' are: the library sits below this module).
    #[error("{0}")]
    Library(String),
    /// A notes file that cannot be read, in the notes' own words (`NotesError`, kept as
    /// text: the essay's errors live here too, and notes sit above the essay).
    #[error("{0}")]
    Notes(String),
    /// A page that could not be downloaded.
    #[error("{0}")]
    Web(#[from] crate::web::WebError),
}

impl Error {
    /// The process's exit status for this error: 2 for a command line that cannot be
    /// carried out as given, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_usage_errors_exit_2() {
        assert_eq!(Error::Usage("no such section".into()).exit_code(), 2);
        assert_eq!(Error::LoaderStopped.exit_code(), 1);
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let write = Error::Write {
            path: PathBuf::from("out/notes.md"),
            source: denied,
        };
        assert_eq!(write.exit_code(), 1);
        assert!(
            write
                .to_string()
                .starts_with("out/notes.md: cannot be written ("),
            "{write}"
        );
    }
}
