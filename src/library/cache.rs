//! What the library knows of each essay without opening it again: title, words and outline,
//! cached under the data folder and keyed by path, size and modification time, so a changed
//! file is read again and an unchanged one costs nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::essay::Essay;
use crate::store::regular;

/// An essay, summarised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct About {
    pub title: String,
    /// The lines under the title (subtitle, byline, date), joined with ` · `: the library
    /// finds essays by their authors here.
    #[serde(default)]
    pub byline: String,
    pub words: usize,
    /// Headings: level and title.
    pub outline: Vec<(u8, String)>,
    /// Why it could not be read, when it could not.
    pub error: Option<String>,
    /// The site a saved copy came from (the host of its front matter's `source:`
    /// address), shown beside its title.
    #[serde(default)]
    pub site: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    size: u64,
    modified: u64,
    about: About,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    entries: HashMap<PathBuf, Cached>,
}

// 2: summaries carry the byline; older ones are read again to get it.
// 3: and the site a saved copy came from.
const VERSION: u32 = 3;

/// Size and modification time (seconds), the cache's key besides the path.
fn stamp(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Some((meta.len(), modified))
}

impl Cache {
    /// The cache file under the data folder.
    pub fn file() -> Option<PathBuf> {
        crate::store::data_dir().map(|d| d.join("library-cache.json"))
    }

    /// Loads the cache; a missing or unreadable cache is an empty one (it is only a cache).
    pub fn load(file: Option<&Path>) -> Cache {
        file.and_then(|f| regular::read(f, regular::CACHE_CAP).ok())
            .and_then(|b| serde_json::from_slice::<Cache>(&b).ok())
            .filter(|c| c.version == VERSION)
            .unwrap_or_default()
    }

    pub fn save(&self, file: Option<&Path>) {
        let Some(file) = file else { return };
        if let Ok(bytes) = serde_json::to_vec(self) {
            let _ = crate::store::atomic::write(file, &bytes);
        }
    }

    /// The summary of `path` if the file has not changed since it was cached. What was
    /// cached came from sanitized essays, but the cache file is a file like any other: its
    /// text passes the one gate again on the way out.
    pub fn get(&self, path: &Path) -> Option<About> {
        let (size, modified) = stamp(path)?;
        let about = &self
            .entries
            .get(path)
            .filter(|c| c.size == size && c.modified == modified)?
            .about;
        let clean = |s: &str| crate::sanitize::sanitize(s).into_owned();
        Some(About {
            title: clean(&about.title),
            byline: clean(&about.byline),
            words: about.words,
            outline: about
                .outline
                .iter()
                .map(|(level, title)| (*level, clean(title)))
                .collect(),
            error: about.error.as_deref().map(clean),
            site: about.site.as_deref().map(clean),
        })
    }

    pub fn put(&mut self, path: &Path, about: About) {
        self.version = VERSION;
        if let Some((size, modified)) = stamp(path) {
            self.entries.insert(
                path.to_path_buf(),
                Cached {
                    size,
                    modified,
                    about,
                },
            );
        }
    }
}

/// Reads and summarises the essay at `path`.
pub fn describe(path: &Path) -> About {
    describe_with_text(path).0
}

/// As [`describe`], with the essay's text when it could be read.
pub fn describe_with_text(path: &Path) -> (About, Option<std::sync::Arc<String>>) {
    match Essay::load(path, None) {
        Ok((essay, source)) => (
            About {
                title: essay.display_title(&source.stem()).to_string(),
                byline: essay.subtitle.join(" · "),
                words: essay.words(),
                outline: essay
                    .outline()
                    .map(|(_, s)| (s.level, s.title.clone()))
                    .collect(),
                error: None,
                site: site(&source.text),
            },
            Some(source.text),
        ),
        Err(e) => (
            About {
                title: String::new(),
                byline: String::new(),
                words: 0,
                outline: Vec::new(),
                error: Some(e.to_string()),
                site: None,
            },
            None,
        ),
    }
}

/// The host of the address a saved copy names as its `source:`; `None` for an essay that
/// was not saved from the web.
fn site(text: &str) -> Option<String> {
    let (front, _) = crate::essay::frontmatter::split(text)?;
    let source = crate::essay::frontmatter::FrontMatter::parse(front).source?;
    crate::web::address::host(crate::web::address::is_address(&source).then_some(&source)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let essay = dir.path().join("e.md");
        std::fs::write(&essay, "# First Title\n\nWords here.\n").unwrap();
        let mut cache = Cache::default();
        cache.put(&essay, describe(&essay));
        assert_eq!(cache.get(&essay).unwrap().title, "First Title");
        // A tampered cache cannot put an escape on the library screen.
        let mut hostile = cache.get(&essay).unwrap();
        hostile.title = "Evil \u{1b}]0;pwned\u{7} title\u{202e}".into();
        hostile.outline = vec![(2, "\u{9b}2J".into())];
        cache.put(&essay, hostile);
        let got = cache.get(&essay).unwrap();
        assert_eq!(got.title, "Evil ␛ title");
        assert_eq!(got.outline[0].1, "␛");
        std::fs::write(&essay, "# A Longer Second Title\n\nMore words here now.\n").unwrap();
        assert_eq!(cache.get(&essay), None, "size changed: stale");
        let file = dir.path().join("cache.json");
        cache.put(&essay, describe(&essay));
        cache.save(Some(&file));
        let loaded = Cache::load(Some(&file));
        assert_eq!(loaded.get(&essay).unwrap().title, "A Longer Second Title");
    }

    #[test]
    fn unreadable_files_say_why() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("cat.txt");
        std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0").unwrap();
        let about = describe(&bin);
        assert!(about.error.unwrap().contains("PNG"));
    }
}
