//! Notes made by hand for the storage tests: an essay's identity in a folder, a new note.

use std::path::Path;

use margin::notes::{Anchor, Note, Version};
use margin::store::identity::Identity;

const ESSAY: &str = "Some words of an essay.";

/// The identity of a short essay written (once) into `dir`.
pub fn identity(dir: &Path) -> Identity {
    let essay = dir.join("essay.md");
    if !essay.exists() {
        std::fs::write(&essay, ESSAY).unwrap();
    }
    Identity::new(&essay, ESSAY)
}

/// A new note, stamped `when`, on the essay's first words.
pub fn new_note(id: &str, text: &str, when: &str) -> Note {
    Note {
        id: id.into(),
        created: when.into(),
        updated: when.into(),
        text: text.into(),
        deleted: None,
        passage: None,
        version: Version::first(),
        anchor: Anchor {
            section: "S".into(),
            quote: "Some words".into(),
            ..Anchor::default()
        },
    }
}
