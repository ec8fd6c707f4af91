//! The commands that print instead of opening the reader.

pub mod export;
pub mod man;
pub mod notes;
pub mod read;
pub mod render;
pub mod toc;

use std::io::Write;

use crate::error::{Error, Result};
use crate::essay::{Essay, Source, Typography};

/// Loads an essay for a command, telling stderr about anything odd in the file.
pub fn load(
    path: &std::path::Path,
    format: Option<crate::Format>,
    typography: Typography,
) -> Result<(Essay, Source)> {
    let (essay, source) = Essay::load_with(path, format, typography)?;
    warn(&source.warnings);
    Ok((essay, source))
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
