//! The essays margin keeps data for, and finding the one an opened text is.
//!
//! An essay's notes (`notes/KEY.toml`) and reading position (`positions/KEY.json`) share a
//! key, and each file begins with the essay's record: the paths it was opened from, the
//! fingerprint of its words and a similarity [`Sketch`]. The key is only a name: it is
//! chosen when the essay is first kept (from its path, or `stdin-` and its fingerprint) and
//! never changes, so the essay keeps its data when it is edited, renamed, or first read
//! from standard input and later from a file.
//!
//! An opened text is looked for in this order ([`find`]):
//! 1. **by path**: a record that knows the path (or an older file named for it);
//! 2. **by fingerprint**: a record of the very same words (a renamed, unedited essay, or
//!    one read from standard input);
//! 3. **by likeness**: a record whose sketch is at least [`ALIKE`] similar (an edited
//!    essay under a new name, or edited text on standard input). Where two or more are,
//!    the closest is taken only when it leads the next by [`CLEAR_LEAD`]; otherwise the
//!    essay is kept apart from both, and the reader is told.

mod load;

use std::path::{Path, PathBuf};

pub use load::load;

use super::sketch::Sketch;

/// The least similarity at which an opened text is taken for a kept essay. Measured on the
/// sample essays and the 56 corpus texts (`tests/identity.rs`), the least alike after each
/// edit: one word changed 0.98, a paragraph inserted 0.86, the readers' comments at the end
/// rewritten 0.91, a tenth of the text rewritten 0.83; two different texts at most 0.09 (two
/// licences). 0.5 sits well between the two.
pub const ALIKE: f64 = 0.5;

/// How far the closest of several alike records must lead the next to be taken.
pub const CLEAR_LEAD: f64 = 0.2;

/// How many paths a record remembers (the newest).
pub const MAX_PATHS: usize = 16;

/// One kept essay, as its files describe it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// The name its files are kept under.
    pub key: String,
    /// Every path it was opened from, oldest first.
    pub paths: Vec<PathBuf>,
    /// The fingerprint of its words when last kept.
    pub fingerprint: String,
    /// Its sketch, when kept (files older than sketches have none).
    pub sketch: Option<Sketch>,
    /// It has a notes file (readable or not).
    pub notes: bool,
    /// Its title, when its notes file names one.
    pub title: Option<String>,
}

impl Record {
    /// Where it was opened from last, or `None` for standard input only.
    pub fn path(&self) -> Option<&Path> {
        self.paths.last().map(PathBuf::as_path)
    }
}

/// What an opened text is looked up with.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    /// Its canonical path (`None`: standard input).
    pub path: Option<&'a Path>,
    /// The key files named for its path had before records (`None`: standard input).
    pub path_key: Option<&'a str>,
    pub fingerprint: &'a str,
    pub sketch: &'a Sketch,
}

/// Which record an opened text is, and how it was found. Indices are into the records.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Path(usize),
    Fingerprint(usize),
    Alike {
        index: usize,
        similarity: f64,
    },
    /// Several records are alike, none clearly the closest: most alike first.
    Ambiguous(Vec<(usize, f64)>),
    /// A new essay.
    New,
}

impl Found {
    /// The record found, when one was.
    pub fn index(&self) -> Option<usize> {
        match *self {
            Found::Path(i) | Found::Fingerprint(i) | Found::Alike { index: i, .. } => Some(i),
            Found::Ambiguous(_) | Found::New => None,
        }
    }
}

/// Finds the record `wanted` is: by path, then fingerprint, then likeness.
pub fn find(records: &[Record], wanted: &Wanted) -> Found {
    if let Some(i) = by_path(records, wanted.path, wanted.path_key) {
        return Found::Path(i);
    }
    if let Some(i) = best(records, |r| r.fingerprint == wanted.fingerprint) {
        return Found::Fingerprint(i);
    }
    let mut alike: Vec<(usize, f64)> = records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.sketch.as_ref()?.similarity(wanted.sketch))))
        .filter(|&(_, s)| s >= ALIKE)
        .collect();
    alike.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    match alike.as_slice() {
        [] => Found::New,
        [(index, similarity)] => Found::Alike {
            index: *index,
            similarity: *similarity,
        },
        [(index, first), (_, second), ..] if first - second >= CLEAR_LEAD => Found::Alike {
            index: *index,
            similarity: *first,
        },
        _ => Found::Ambiguous(alike),
    }
}

/// The record that knows `path`, or whose files are named for it (`path_key`).
pub fn by_path(records: &[Record], path: Option<&Path>, path_key: Option<&str>) -> Option<usize> {
    let path = path?;
    best(records, |r| {
        r.paths.iter().any(|p| p == path) || Some(r.key.as_str()) == path_key
    })
}

/// Of the records that `matches`, the one with notes first (notes are the reader's
/// writing; a position is a bookmark), then the first by key, so the choice never depends
/// on the order a folder is listed in.
fn best(records: &[Record], matches: impl Fn(&Record) -> bool) -> Option<usize> {
    records
        .iter()
        .enumerate()
        .filter(|(_, r)| matches(r))
        .min_by(|(_, a), (_, b)| b.notes.cmp(&a.notes).then_with(|| a.key.cmp(&b.key)))
        .map(|(i, _)| i)
}

/// `paths` with `path` added as the newest, at most [`MAX_PATHS`] of them.
pub fn with_path(paths: &[PathBuf], path: Option<&Path>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = paths
        .iter()
        .filter(|p| Some(p.as_path()) != path)
        .cloned()
        .collect();
    out.extend(path.map(Path::to_path_buf));
    let extra = out.len().saturating_sub(MAX_PATHS);
    out.drain(..extra);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(key: &str, paths: &[&str], fingerprint: &str, text: Option<&str>) -> Record {
        Record {
            key: key.into(),
            paths: paths.iter().map(PathBuf::from).collect(),
            fingerprint: fingerprint.into(),
            sketch: text.map(Sketch::of),
            notes: true,
            title: None,
        }
    }

    const TEXT: &str = "The slow reader keeps a pencil near and reads each line twice, \
        not for want of speed but for the pleasure of the turn a sentence takes when it is \
        read aloud in the head, and the margin fills with small marks over the weeks.";
    const OTHER: &str = "Compost wants patience more than skill: green and brown in \
        layers, water when dry, turn it when you remember, and in a year the heap that was \
        kitchen scraps is dark and crumbly and smells of a forest floor after rain.";

    fn wanted<'a>(path: Option<&'a str>, fingerprint: &'a str, sketch: &'a Sketch) -> Wanted<'a> {
        Wanted {
            path: path.map(Path::new),
            path_key: None,
            fingerprint,
            sketch,
        }
    }

    #[test]
    fn the_path_comes_first_then_the_fingerprint_then_likeness() {
        let sketch = Sketch::of(TEXT);
        let records = vec![
            record("a", &["/e/alike.txt"], "f-a", Some(TEXT)),
            record("b", &["/e/same.txt"], "f-same", Some(OTHER)),
            record("c", &["/e/here.txt"], "f-c", Some(OTHER)),
        ];
        let by_path = wanted(Some("/e/here.txt"), "f-same", &sketch);
        assert_eq!(find(&records, &by_path), Found::Path(2));
        let by_fingerprint = wanted(Some("/e/new.txt"), "f-same", &sketch);
        assert_eq!(find(&records, &by_fingerprint), Found::Fingerprint(1));
        let by_likeness = wanted(Some("/e/new.txt"), "f-new", &sketch);
        assert!(matches!(
            find(&records, &by_likeness),
            Found::Alike { index: 0, .. }
        ));
        let unknown = Sketch::of("Nothing like either of them at all, in any words whatever.");
        assert_eq!(find(&records, &wanted(None, "f-new", &unknown)), Found::New);
    }

    #[test]
    fn standard_input_is_found_by_fingerprint_or_likeness_never_by_path() {
        let sketch = Sketch::of(TEXT);
        let records = vec![record("stdin-f", &[], "f", Some(TEXT))];
        assert_eq!(
            find(&records, &wanted(None, "f", &sketch)),
            Found::Fingerprint(0)
        );
        let edited = Sketch::of(&TEXT.replace("pencil", "pen"));
        assert!(matches!(
            find(&records, &wanted(Some("/e/essay.txt"), "g", &edited)),
            Found::Alike { index: 0, .. }
        ));
    }

    #[test]
    fn a_file_named_for_the_path_is_found_by_path_even_unreadable() {
        let records = vec![Record {
            key: "0123".into(),
            notes: true,
            ..Record::default()
        }];
        let sketch = Sketch::of(TEXT);
        let mut w = wanted(Some("/e/essay.txt"), "f", &sketch);
        w.path_key = Some("0123");
        assert_eq!(find(&records, &w), Found::Path(0));
    }

    #[test]
    fn of_two_records_on_one_path_the_one_with_notes_wins() {
        let mut position_only = record("a", &["/e/x.txt"], "f", None);
        position_only.notes = false;
        let records = vec![position_only, record("b", &["/e/x.txt"], "g", None)];
        let sketch = Sketch::of(TEXT);
        assert_eq!(
            find(&records, &wanted(Some("/e/x.txt"), "h", &sketch)),
            Found::Path(1)
        );
    }

    #[test]
    fn two_alike_records_are_ambiguous_unless_one_is_clearly_closer() {
        let edited = format!("{TEXT} One more sentence added here.");
        let sketch = Sketch::of(&edited);
        let twins = vec![
            record("a", &["/e/a.txt"], "f-a", Some(TEXT)),
            record("b", &["/e/b.txt"], "f-b", Some(TEXT)),
        ];
        match find(&twins, &wanted(Some("/e/c.txt"), "f-c", &sketch)) {
            Found::Ambiguous(both) => assert_eq!(both.len(), 2),
            other => panic!("{other:?}"),
        }
        // The second is only half alike: the first is clearly the closer.
        let half: String = TEXT.split(' ').take(22).collect::<Vec<_>>().join(" ")
            + " "
            + &OTHER.split(' ').take(22).collect::<Vec<_>>().join(" ");
        let apart = vec![
            record("a", &["/e/a.txt"], "f-a", Some(TEXT)),
            record("b", &["/e/b.txt"], "f-b", Some(&half)),
        ];
        assert!(matches!(
            find(&apart, &wanted(Some("/e/c.txt"), "f-c", &sketch)),
            Found::Alike { index: 0, .. }
        ));
    }

    #[test]
    fn records_without_a_sketch_are_found_by_path_and_fingerprint_only() {
        let records = vec![record("a", &["/e/a.txt"], "f", None)];
        let sketch = Sketch::of(TEXT);
        assert_eq!(
            find(&records, &wanted(Some("/e/b.txt"), "g", &sketch)),
            Found::New
        );
        assert_eq!(
            find(&records, &wanted(Some("/e/b.txt"), "f", &sketch)),
            Found::Fingerprint(0)
        );
    }

    #[test]
    fn paths_keep_the_newest_last_and_only_so_many() {
        let paths: Vec<PathBuf> = (0..MAX_PATHS)
            .map(|i| PathBuf::from(format!("/{i}")))
            .collect();
        let more = with_path(&paths, Some(Path::new("/new")));
        assert_eq!(more.len(), MAX_PATHS);
        assert_eq!(more.last().unwrap(), Path::new("/new"));
        assert_eq!(more[0], Path::new("/1"));
        let again = with_path(&more, Some(Path::new("/5")));
        assert_eq!(again.last().unwrap(), Path::new("/5"));
        assert_eq!(again.len(), MAX_PATHS);
        assert_eq!(with_path(&[], None), Vec::<PathBuf>::new());
    }
}
