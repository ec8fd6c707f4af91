//! The reader's notes: what a note is, how it remembers its passage through edits, and how
//! notes are kept on disk. Nothing here knows about terminals.

pub mod anchor;
pub mod draft;
mod error;
pub mod flat;
pub mod merge;
pub mod note;
pub mod passage;
pub mod store;
#[cfg(test)]
mod store_sync_tests;
pub mod time;
pub mod version;
mod written;

pub use anchor::{Placement, State};
pub use error::NotesError;
pub use note::{Anchor, Note};
pub use store::NoteStore;
pub use version::Version;
