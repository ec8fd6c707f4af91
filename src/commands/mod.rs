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
    let source = match crate::web::address::of_path(path) {
        Some(url) => download::source(url)?,
        None => crate::essay::source::load(path)?,
    };
    let essay = Essay::from_source_with(&source, format, typography);
    for warning in &source.warnings {
        eprintln!("margin: warning: {warning}");
    }
    Ok((essay, source))
}

/// Writes `text` to stdout; a closed pipe (`margin render x | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Error::Output),
    }
}
