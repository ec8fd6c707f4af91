//! The library: the essays in one folder, with their titles and counts (cached, so a large
//! library lists at once), how far each has been read, its notes, and when it was opened.

pub mod cache;
mod error;
pub mod scan;

use std::path::{Path, PathBuf};

pub use error::LibraryError;

use crate::config::Config;
use crate::notes::store::read_file;
use crate::store::identity::Identity;
use crate::store::records::{self, Record};

/// The library folder, and what named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub path: PathBuf,
    /// How the reader named it (`named by --library`, `named by MARGIN_LIBRARY`, …), for
    /// messages; `None` for the default in the data folder, which margin may create.
    pub named_by: Option<&'static str>,
}

/// The library folder: the one given on the command line (`margin DIR`, `--library`), else
/// `$MARGIN_LIBRARY`, else the configuration's `library`, else `./essays` when it exists,
/// else `essays/` in the data folder.
pub fn folder(given: Option<&Path>, config: &Config) -> Folder {
    let named = |path: PathBuf, by| Folder {
        path,
        named_by: Some(by),
    };
    if let Some(f) = given {
        return named(f.to_path_buf(), "named by --library");
    }
    if let Some(v) = std::env::var_os("MARGIN_LIBRARY").filter(|v| !v.is_empty()) {
        return named(PathBuf::from(v), "named by MARGIN_LIBRARY");
    }
    if let Some(p) = &config.library {
        return named(p.clone(), "named by the configuration's `library`");
    }
    let local = PathBuf::from("essays");
    if local.is_dir() {
        return named(local, "the folder essays/ here");
    }
    match crate::store::data_dir() {
        Some(data) => Folder {
            path: data.join("essays"),
            named_by: None,
        },
        // Without a data folder (no HOME), nothing is made: not in whatever folder margin
        // happens to be started from.
        None => named(
            local,
            "the default: there is no data folder, as HOME is not set",
        ),
    }
}

/// Makes sure the library folder is there: the default one is created on the first run
/// (returning true); one the reader named and that is missing is an error that says how
/// to name another, rather than a library that cannot be read.
pub fn prepare(folder: &Folder) -> Result<bool, LibraryError> {
    if folder.path.is_dir() {
        return Ok(false);
    }
    match folder.named_by {
        None => crate::store::atomic::create_private_dir(&folder.path)
            .map(|()| true)
            .map_err(|source| LibraryError::Unreadable {
                path: folder.path.clone(),
                source,
            }),
        Some(by) if !folder.path.exists() => Err(LibraryError::Missing {
            path: folder.path.clone(),
            named_by: by,
        }),
        // A file, say: listing it says what is wrong.
        Some(_) => Ok(false),
    }
}

/// What the library shows of an essay.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: PathBuf,
    /// `None` until the essay has been read (or found in the cache).
    pub about: Option<cache::About>,
    pub state: ReadingState,
}

impl Entry {
    /// The title, or the file name while the essay is being read.
    pub fn title(&self) -> String {
        match &self.about {
            Some(a) if !a.title.is_empty() => a.title.clone(),
            _ => self
                .path
                .file_stem()
                .map(|s| crate::sanitize::sanitize(&s.to_string_lossy()).into_owned())
                .unwrap_or_default(),
        }
    }
}

/// How far the reader is with an essay, from the position and notes files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadingState {
    pub percent: Option<u8>,
    /// The furthest the reader got, when it is further than where they are.
    pub furthest: Option<u8>,
    /// Seconds since the epoch when it was last opened.
    pub opened: Option<u64>,
    pub notes: usize,
    /// The notes file exists but cannot be read (damaged, or from a newer margin).
    pub notes_unreadable: bool,
}

/// Reads an essay's reading state. Small files, found by the essay's path among the kept
/// essays' records: no parsing of the essay itself.
pub fn reading_state(path: &Path) -> ReadingState {
    let Some(data) = crate::store::data_dir() else {
        return ReadingState::default();
    };
    reading_state_in(&data, &records::load(&data), path)
}

/// As [`reading_state`], with the data folder and its records read once for a whole list.
pub fn reading_state_in(data: &Path, records: &[Record], path: &Path) -> ReadingState {
    let fresh = Identity::new(path, "");
    let key = records::by_path(records, fresh.path.as_deref(), Some(&fresh.key()))
        .and_then(|i| records.get(i))
        .map_or_else(|| fresh.key(), |r| r.key.clone());
    state_of(data, &key)
}

/// An essay's summary, read in the background, and its reading state when that is found by
/// its words rather than its path: an essay renamed (and perhaps edited) since it was last
/// opened, whose row would otherwise stay blank until it is. `kept` is the data folder and
/// its records, read once for the whole list.
pub fn describe(
    path: &Path,
    kept: Option<&(PathBuf, Vec<Record>)>,
) -> (cache::About, Option<ReadingState>) {
    let (about, text) = cache::describe_with_text(path);
    let state = text.zip(kept).and_then(|(text, (data, records))| {
        // Known by its path: the row has its state already, and the words need no sketch.
        let by_path = Identity::new(path, "");
        let fresh = by_path.key();
        if records::by_path(records, by_path.path.as_deref(), Some(&fresh)).is_some() {
            return None;
        }
        let mut identity = Identity::new(path, &text);
        identity.resolve(records);
        (identity.key() != fresh).then(|| state_of(data, &identity.key()))
    });
    (about, state)
}

/// The reading state kept under `key` in the data folder `data`.
fn state_of(data: &Path, key: &str) -> ReadingState {
    let peek = crate::store::positions::peek(&data.join("positions").join(format!("{key}.json")));
    let file = data.join("notes").join(format!("{key}.toml"));
    let (notes, notes_unreadable) = match read_file(&file) {
        Ok(f) => (
            f.map_or(0, |f| f.notes.iter().filter(|n| !n.is_deleted()).count()),
            false,
        ),
        Err(_) => (0, true),
    };
    ReadingState {
        percent: peek.map(|p| p.percent),
        furthest: peek.filter(|p| p.furthest > p.percent).map(|p| p.furthest),
        opened: peek.map(|p| p.opened),
        notes,
        notes_unreadable,
    }
}

/// Orders entries: the most recently opened first, then the never-opened by title.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.state
            .opened
            .cmp(&a.state.opened)
            .then_with(|| a.title().to_lowercase().cmp(&b.title().to_lowercase()))
    });
}

/// The entries whose title, file name or byline (its author) contains `filter`
/// (case-insensitive), as indices: a reader remembers an essay by any of them.
pub fn filter(entries: &[Entry], filter: &str) -> Vec<usize> {
    let f = filter.to_lowercase();
    (0..entries.len())
        .filter(|&i| f.is_empty() || entries[i].matches(&f))
        .collect()
}

impl Entry {
    /// Whether `lowered`, in lower case, is in the title, the file name or the byline.
    fn matches(&self, lowered: &str) -> bool {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let byline = self.about.as_ref().map(|a| a.byline.to_lowercase());
        self.title().to_lowercase().contains(lowered)
            || name.contains(lowered)
            || byline.is_some_and(|b| b.contains(lowered))
    }
}
