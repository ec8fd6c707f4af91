//! Where margin keeps the reader's data, and how it writes it safely.
//!
//! Everything lives under one folder: `$MARGIN_HOME` when set, else the platform data
//! directory (`$XDG_DATA_HOME/margin`, usually `~/.local/share/margin`; on macOS
//! `~/Library/Application Support/margin`). Folders are created readable by the owner only
//! (0700) and files too (0600): notes and reading positions are private.

pub mod atomic;
mod error;
pub mod hash;
pub mod identity;
pub mod position;
pub mod positions;
pub mod records;
pub mod regular;
pub mod sketch;

use std::path::PathBuf;

pub use error::StoreError;

/// The data folder, or `None` when no home can be found.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("MARGIN_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(home));
    }
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(xdg).join("margin"));
    }
    let home = PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?);
    if cfg!(target_os = "macos") {
        Some(home.join("Library/Application Support/margin"))
    } else {
        Some(home.join(".local/share/margin"))
    }
}
