//! An essay from the web, for any command: downloaded with a line on the terminal while it
//! comes, then read as a file's bytes are, under a name the address gives it.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::essay::Source;
use crate::web::{self, Limits, Page};

/// The essay at `url`: its text, under the page's file name (`post.html`), which also
/// gives its title when it has none.
pub fn source(url: &str) -> Result<Source> {
    let page = page(url)?;
    let hint = PathBuf::from(page.file_name());
    crate::essay::source::from_bytes(page.bytes, &hint, page.content_type.as_deref())
        .map_err(|e| naming(e, url))
}

/// Downloads `url`, saying so on standard error while it comes when that is a terminal
/// (and taking the line back after, so that what is printed next starts clean).
pub fn page(url: &str) -> Result<Page> {
    let host = web::address::host(url).unwrap_or_default();
    let mut err = std::io::stderr();
    let tell = err.is_terminal();
    if tell {
        let _ = write!(err, "Downloading {}…", crate::sanitize::sanitize(&host));
        let _ = err.flush();
    }
    let got = web::get(url, &Limits::from_env());
    if tell {
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
    Ok(got?)
}

/// An error about the page's bytes, naming the address rather than the file name it was
/// given for reading.
fn naming(error: Error, url: &str) -> Error {
    let url = Path::new(url).to_path_buf();
    match error {
        Error::Binary { kind, .. } => Error::Binary { path: url, kind },
        Error::Empty(_) => Error::Empty(url),
        Error::TooLarge(_) => Error::TooLarge(url),
        other => other,
    }
}
