//! The commands that print instead of opening the reader.

pub mod add;
pub mod download;
pub mod export;
pub mod man;
pub mod notes;
pub mod read;
pub mod render;
pub mod toc;

use std::io::Write;

use crate::error::{Error, Result};
use crate::essay::{Essay, Source, Typography};

/// Loads an essay for a command (from the web when `path` is an address), telling stderr
/// about anything odd in the file.
pub fn load(
    path: &std::path::Path,
    format: Option<crate::Format>,
    typography: Typography,
) -> Result<(Essay, Source)> {
    let source = read_source(path)?;
    let essay = Essay::from_source_with(&source, format, typography);
    warn(&source.warnings);
    Ok((essay, source))
}

/// The text at `path`: a file, standard input, or a page downloaded from its address.
pub fn read_source(path: &std::path::Path) -> Result<Source> {
    Ok(match crate::web::address::of_path(path) {
        Some(url) => download::source(url)?,
        None => crate::essay::source::load(path)?,
    })
}

/// What reading found wrong but could get past, said before the screen is taken.
pub fn warn(warnings: &[String]) {
    for warning in warnings {
        eprintln!("margin: warning: {warning}");
    }
}

/// Writes `text` to stdout; a closed pipe (`margin render x | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Error::Output),
    }
}
