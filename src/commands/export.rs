//! `margin notes --export DIR`: one Markdown file an essay, written atomically, and never in
//! place of a file margin did not write for that same essay. Each export names its essay in
//! its front matter (`margin-essay: KEY`, the key its notes are stored under, which stays
//! the same when the essay is edited); a file of that name that says otherwise (the reader's
//! own, another essay's with the same title) is left alone and the export goes to
//! `slug-2.md`, then `slug-3.md` and so on.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::notes::{EssayNotes, MARKER, markdown};
use crate::error::{Error, Result};
use crate::store::{atomic, regular};

/// How much of an existing file is read to find its front matter.
const HEAD_BYTES: u64 = 64 * 1024;

/// Where an essay's notes went.
pub struct Exported {
    pub path: PathBuf,
    /// The file its title names, when that one was left alone (it is not this essay's).
    pub passed_over: Option<PathBuf>,
}

/// Writes `essay`'s notes into `dir`, atomically, in its own file (see the module's docs).
pub fn export(dir: &Path, essay: &EssayNotes) -> Result<Exported> {
    let text = markdown(
        &essay.title,
        essay.source.as_deref(),
        &essay.notes,
        Some(&essay.key),
    );
    let name = file_name(&essay.title);
    let failed = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    // Written to a temporary file in `dir` first (created new, so never through a link),
    // then put in place: over this essay's own export, else only where nothing is, so a
    // file (or link) that appears meanwhile is passed over for the next free name.
    for _ in 0..PLACE_TRIES {
        let (path, ours) = target(dir, &name, &essay.key);
        let staged = atomic::stage(&path, text.as_bytes()).map_err(|e| failed(&path, e))?;
        let placed = if ours {
            staged.commit()
        } else {
            staged.commit_new()
        };
        match placed {
            Ok(()) => {
                let first = dir.join(&name);
                return Ok(Exported {
                    passed_over: (path != first).then_some(first),
                    path,
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(failed(&path, e)),
        }
    }
    Err(failed(
        &dir.join(&name),
        std::io::Error::other("other files kept taking its name"),
    ))
}

/// How many names an export tries when others keep appearing under them.
const PLACE_TRIES: usize = 16;

/// The file to write, and whether it is this essay's: its earlier export among `name`,
/// `name-2`, … when there is one, else the first of them that does not exist.
fn target(dir: &Path, name: &str, key: &str) -> (PathBuf, bool) {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let candidate = |n: usize| {
        dir.join(if n == 1 {
            name.to_string()
        } else {
            format!("{stem}-{n}.md")
        })
    };
    // No more candidates can exist than the folder has entries.
    let entries: HashSet<_> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    let mut free = None;
    for n in 1..=entries.len() + 1 {
        let path = candidate(n);
        match fs::symlink_metadata(&path) {
            Err(_) => {
                free.get_or_insert(path);
            }
            Ok(meta) if meta.is_file() && written_for(&path, key) => return (path, true),
            Ok(_) => {}
        }
    }
    (free.unwrap_or_else(|| candidate(entries.len() + 2)), false)
}

/// Whether the file at `path` is margin's export of the essay with `key`: its front matter
/// says so.
fn written_for(path: &Path, key: &str) -> bool {
    let mut head = Vec::new();
    // Only a regular file: a FIFO put there must not hold the export up.
    let read = regular::open(path).and_then(|f| f.take(HEAD_BYTES).read_to_end(&mut head));
    read.is_ok() && names_essay(&String::from_utf8_lossy(&head), key)
}

/// Whether `text` begins with front matter whose marker is `key`.
fn names_essay(text: &str, key: &str) -> bool {
    let mut lines = text.lines();
    if lines.next() != Some("---") {
        return false;
    }
    let wanted = format!("{MARKER}: {}", super::notes::yaml_string(key));
    lines.take_while(|l| *l != "---").any(|l| l == wanted)
}

/// A file name for an essay's notes: its title, in lower case, with dashes.
pub fn file_name(title: &str) -> String {
    slug_name(title, "notes")
}

/// `title` in lower case with dashes, as a Markdown file's name (`fallback.md` when the
/// title has no letter or digit).
pub fn slug_name(title: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(80).collect();
    format!("{}.md", if slug.is_empty() { fallback } else { &slug })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_slugs() {
        assert_eq!(
            file_name("When the Relationship Gets Hard"),
            "when-the-relationship-gets-hard.md"
        );
        assert_eq!(file_name("“Quotes” & more!"), "quotes-more.md");
        assert_eq!(file_name("???"), "notes.md");
    }

    #[test]
    fn only_front_matter_with_the_same_key_names_the_essay() {
        let ours = "---\ntitle: \"Notes on X\"\nmargin-essay: \"abc\"\n---\n\n# Notes\n";
        assert!(names_essay(ours, "abc"));
        assert!(!names_essay(ours, "abd"));
        assert!(!names_essay("# Notes\n\nmargin-essay: \"abc\"\n", "abc"));
        assert!(!names_essay(
            "---\ntitle: x\n---\nmargin-essay: \"abc\"\n",
            "abc"
        ));
    }

    #[test]
    fn the_first_free_name_or_this_essays_own() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(target(d, "a.md", "k"), (d.join("a.md"), false));
        fs::write(d.join("a.md"), "mine").unwrap();
        assert_eq!(target(d, "a.md", "k"), (d.join("a-2.md"), false));
        fs::create_dir(d.join("a-2.md")).unwrap();
        fs::write(d.join("a-4.md"), "---\nmargin-essay: \"k\"\n---\n").unwrap();
        assert_eq!(target(d, "a.md", "k"), (d.join("a-4.md"), true));
        assert_eq!(target(d, "a.md", "other"), (d.join("a-3.md"), false));
    }

    fn essay() -> EssayNotes {
        EssayNotes {
            key: "k".into(),
            title: "A Title".into(),
            source: None,
            notes: Vec::new(),
        }
    }

    #[test]
    fn a_file_that_appears_while_exporting_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_path_buf();
        let planted = d.join("a-title.md");
        let mut once = Some(planted.clone());
        // Between the choice of the name and putting the export there, the reader (or
        // another program) saves a file of that name.
        atomic::hook::set(move |_| {
            if let Some(p) = once.take() {
                fs::write(p, "the reader's own").unwrap();
            }
        });
        let done = export(&d, &essay());
        atomic::hook::clear();
        let done = done.unwrap();
        assert_eq!(fs::read_to_string(&planted).unwrap(), "the reader's own");
        assert_eq!(done.path, d.join("a-title-2.md"));
        assert!(names_essay(&fs::read_to_string(&done.path).unwrap(), "k"));
    }

    #[test]
    fn the_essays_own_export_is_replaced_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let first = export(dir.path(), &essay()).unwrap();
        let second = export(dir.path(), &essay()).unwrap();
        assert_eq!(first.path, second.path);
        assert!(second.passed_over.is_none());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no temporary file left");
    }
}
