//! An essay's identity on disk: its canonical path, a fingerprint of its words, a sketch of
//! them, and the key its files are kept under, found among the kept essays (see
//! [`super::records`]) so an edited, moved or renamed essay finds its data again. Paths and
//! words are hashed with 64-bit FNV-1a ([`super::hash`]).

use std::path::{Path, PathBuf};

use super::hash::fnv1a;
use super::records::{self, Found, Record, Wanted};
use super::sketch::Sketch;

/// FNV-1a of the words of `text` joined by single spaces, without building that string
/// (an essay of 30 MB would need another 30 MB for it).
fn words_hash(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            feed(b" ");
        }
        feed(word.as_bytes());
    }
    hash
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The canonical path, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// Hash of the essay's words, whitespace-insensitive.
    pub fingerprint: String,
    /// How its words look, to know it again once edited.
    pub sketch: Sketch,
    /// Every path the essay is known by, the current one last.
    pub paths: Vec<PathBuf>,
    /// The name its files are kept under: a kept essay's own, else one made for it.
    key: String,
}

impl Identity {
    /// The identity of the text `text` read from `path` (`-`: standard input), as a new
    /// essay; [`Identity::resolve`] finds it among the kept ones.
    pub fn new(path: &Path, text: &str) -> Identity {
        let path = (path.as_os_str() != "-")
            .then(|| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
        let fingerprint = format!("{:016x}", words_hash(text));
        let key = match &path {
            Some(p) => path_key(p),
            None => format!("stdin-{fingerprint}"),
        };
        Identity {
            paths: path.iter().cloned().collect(),
            path,
            fingerprint,
            sketch: Sketch::of(text),
            key,
        }
    }

    /// The identity of `text` read from `path`, found among the essays kept in the data
    /// folder, with a sentence for the reader when the finding needs one.
    pub fn open(path: &Path, text: &str) -> (Identity, Option<String>) {
        let mut identity = Identity::new(path, text);
        let said = match super::data_dir() {
            Some(data) => identity.resolve(&records::load(&data)),
            None => None,
        };
        (identity, said)
    }

    /// Takes the key and the known paths of the kept essay this one is (see
    /// [`records::find`]). Returns what to tell the reader: where its notes came from when
    /// the text was only alike, or that it was kept apart from several alike essays.
    pub fn resolve(&mut self, records: &[Record]) -> Option<String> {
        let path_key = self.path.as_ref().map(|_| self.key.clone());
        let found = records::find(
            records,
            &Wanted {
                path: self.path.as_deref(),
                path_key: path_key.as_deref(),
                fingerprint: &self.fingerprint,
                sketch: &self.sketch,
            },
        );
        if let Some(record) = found.index().and_then(|i| records.get(i)) {
            self.key.clone_from(&record.key);
            self.paths = records::with_path(&record.paths, self.path.as_deref());
        }
        match found {
            Found::Alike { index, similarity } => {
                let from = records.get(index).map_or_else(String::new, describe);
                Some(format!(
                    "Notes and place from {from}: the text is {:.0}% alike.",
                    similarity * 100.0
                ))
            }
            Found::Ambiguous(alike) => {
                let names: Vec<String> = alike
                    .iter()
                    .filter_map(|&(i, _)| records.get(i))
                    .map(describe)
                    .collect();
                Some(format!(
                    "Kept apart: {} kept essays are alike, none clearly the closest ({}); this one keeps notes of its own.",
                    names.len(),
                    names.join("; ")
                ))
            }
            Found::Path(_) | Found::Fingerprint(_) | Found::New => None,
        }
    }

    /// The file it was last read from: this one, or for standard input the last path its
    /// record knows (so reading it from a pipe does not make its files forget where it is).
    pub fn last_path(&self) -> Option<PathBuf> {
        self.path.clone().or_else(|| self.paths.last().cloned())
    }

    /// The key its files are stored under.
    pub fn key(&self) -> String {
        self.key.clone()
    }
}

/// The key of an essay first kept from `path`.
fn path_key(path: &Path) -> String {
    format!("{:016x}", fnv1a(path.to_string_lossy().as_bytes()))
}

/// A kept essay, for a sentence: its title and where it was last read from.
fn describe(record: &Record) -> String {
    let place = record
        .path()
        .map_or_else(|| "standard input".to_string(), crate::error::show_path);
    let said = match &record.title {
        Some(t) => format!("“{t}”, {place}"),
        None => place,
    };
    crate::sanitize::sanitize(&said).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_hash_is_the_hash_of_the_words_joined() {
        let text = "  one\ttwo \n\n three  ";
        assert_eq!(words_hash(text), fnv1a(b"one two three"));
        assert_eq!(words_hash(""), fnv1a(b""));
    }

    #[test]
    fn fingerprint_ignores_rewrapping() {
        let a = Identity::new(Path::new("-"), "one two\nthree");
        let b = Identity::new(Path::new("-"), "one  two three\n");
        assert_eq!(a.fingerprint, b.fingerprint);
        assert_eq!(a.key(), b.key());
    }

    const TEXT: &str = "The slow reader keeps a pencil near and reads each line twice, not \
        for want of speed but for the pleasure of the turn a sentence takes when it is read \
        aloud in the head, and the margin fills with small marks over the weeks.";

    /// The record an essay with `text` kept under `key`, known by `paths`.
    fn kept(key: &str, paths: &[&str], text: &str, title: &str) -> Record {
        let id = Identity::new(Path::new("-"), text);
        Record {
            key: key.into(),
            paths: paths.iter().map(PathBuf::from).collect(),
            fingerprint: id.fingerprint,
            sketch: Some(id.sketch),
            notes: true,
            title: Some(title.into()),
        }
    }

    #[test]
    fn standard_input_takes_the_kept_key_and_keeps_its_paths() {
        let records = vec![kept("0123", &["/e/essay.txt"], TEXT, "T")];
        let mut id = Identity::new(Path::new("-"), TEXT);
        assert_eq!(id.resolve(&records), None);
        assert_eq!(id.key(), "0123");
        assert_eq!(id.paths, vec![PathBuf::from("/e/essay.txt")]);
        assert_eq!(id.path, None);
        assert_eq!(id.last_path(), Some(PathBuf::from("/e/essay.txt")));
    }

    #[test]
    fn a_file_found_by_likeness_says_so_and_adds_its_path() {
        let records = vec![kept("stdin-x", &[], TEXT, "The Slow Reader")];
        let edited = TEXT.replace("pencil", "pen");
        let mut id = Identity::new(Path::new("/nowhere/essay.txt"), &edited);
        let said = id.resolve(&records).unwrap();
        assert!(said.starts_with("Notes and place from “The Slow Reader”, standard input"));
        assert!(said.contains("% alike"), "{said}");
        assert_eq!(id.key(), "stdin-x");
        assert_eq!(id.paths, vec![PathBuf::from("/nowhere/essay.txt")]);
    }

    #[test]
    fn two_alike_essays_keep_the_opened_one_apart_and_say_so() {
        let records = vec![
            kept("a", &["/e/a.txt"], TEXT, "First"),
            kept(
                "b",
                &["/e/b.txt"],
                &format!("{TEXT} And one more."),
                "Second",
            ),
        ];
        let edited = TEXT.replace("pencil", "pen");
        let mut id = Identity::new(Path::new("/nowhere/c.txt"), &edited);
        let fresh = id.key();
        let said = id.resolve(&records).unwrap();
        assert_eq!(id.key(), fresh, "kept apart: {said}");
        assert!(
            said.starts_with("Kept apart: 2 kept essays are alike"),
            "{said}"
        );
        assert!(
            said.contains("“First”") && said.contains("“Second”"),
            "{said}"
        );
    }

    #[test]
    fn a_title_in_a_record_cannot_reach_the_terminal_raw() {
        let records = vec![kept("a", &[], TEXT, "Evil\u{1b}[2J")];
        let edited = TEXT.replace("pencil", "pen");
        let said = Identity::new(Path::new("-"), &edited)
            .resolve(&records)
            .unwrap();
        assert!(!said.contains('\u{1b}'), "{said}");
    }
}
