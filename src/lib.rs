//! margin: a terminal reader for long-form essays.
//!
//! The crate is layered so that each layer only depends downward: [`essay`] turns bytes into
//! a document model, [`layout`] wraps it into lines for one width, and the command-line and
//! reader layers draw those lines. [`sanitize`] is the single gate every piece of untrusted
//! text passes before it reaches a terminal.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
/// Scoring heading inference on a corpus of real essays (the score example, the corpus test).
#[doc(hidden)]
pub mod corpus;
pub mod error;
pub mod essay;
#[doc(hidden)]
pub mod fuzzing;
pub mod layout;
pub mod library;
pub mod notes;
#[doc(hidden)]
pub mod sample;
pub mod sample_web;
pub mod sanitize;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod web;

pub use error::{Error, Result};
pub use essay::{Essay, Format};
