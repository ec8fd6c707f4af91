//! `margin notes`: an essay's notes as Markdown ready for a notebook, as JSON, or exported
//! one file an essay; with no essay, the list of essays that have notes. It only reads the
//! notes: it never writes the notes file.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::essay::Essay;
use crate::notes::store::{self, NoteStore, NotesFile};
use crate::notes::{Note, NotesError, State, anchor, time};
use crate::sanitize::sanitize;
use crate::store::identity::Identity;
use crate::text::width::truncate;

/// A note with where it sits now.
pub struct Placed {
    pub note: Note,
    pub section: String,
    pub state: State,
    pub block: usize,
}

/// The essay's notes, placed in it, in text order.
pub fn placed(essay: &Essay, notes: &[Note]) -> Vec<Placed> {
    let mut out: Vec<Placed> = notes
        .iter()
        .filter(|n| !n.is_deleted())
        .map(|n| {
            let p = anchor::place(essay, essay.plain(), &n.anchor);
            let section = match p.state {
                State::NotFound => n.anchor.section.clone(),
                _ => essay
                    .section_of_block(p.block)
                    .map(|s| essay.sections[s].title.clone())
                    .unwrap_or_default(),
            };
            Placed {
                note: n.clone(),
                section,
                state: p.state,
                block: p.block,
            }
        })
        .collect();
    out.sort_by(|a, b| (a.block, &a.note.created).cmp(&(b.block, &b.note.created)));
    out
}

/// Opens the notes of the essay read from `path` with `text`, read-only.
pub fn open(path: &Path, text: &str, title: &str) -> (NoteStore, Option<NotesError>) {
    NoteStore::open(Identity::new(path, text), title)
}

#[derive(Serialize)]
struct JsonOut<'a> {
    essay: JsonEssay<'a>,
    notes: Vec<JsonNote<'a>>,
}

#[derive(Serialize)]
struct JsonEssay<'a> {
    title: Cow<'a, str>,
    path: Option<String>,
}

/// A note as JSON. Every string is sanitized like everything else margin prints: JSON
/// escapes C0 controls but passes C1 controls and bidirectional overrides through, and a
/// reader's `jq -r` would hand even the escaped ones to the terminal.
#[derive(Serialize)]
struct JsonNote<'a> {
    id: Cow<'a, str>,
    section: Cow<'a, str>,
    quote: Cow<'a, str>,
    text: Cow<'a, str>,
    tags: Vec<String>,
    created: Cow<'a, str>,
    updated: Cow<'a, str>,
    state: &'static str,
}

pub fn json(title: &str, path: Option<&Path>, notes: &[Placed]) -> String {
    let out = JsonOut {
        essay: JsonEssay {
            title: sanitize(title),
            path: path.map(crate::error::show_path),
        },
        notes: notes
            .iter()
            .map(|p| JsonNote {
                id: sanitize(&p.note.id),
                section: sanitize(&p.section),
                quote: sanitize(&p.note.anchor.quote),
                text: sanitize(&p.note.text),
                tags: p
                    .note
                    .tags()
                    .iter()
                    .map(|t| sanitize(t).into_owned())
                    .collect(),
                created: sanitize(&p.note.created),
                updated: sanitize(&p.note.updated),
                state: p.state.key(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The notes as Markdown: a heading per section, the passage quoted, the note, its date.
pub fn markdown(
    title: &str,
    source: Option<&Path>,
    notes: &[Placed],
    front_matter: bool,
) -> String {
    let mut out = String::new();
    if front_matter {
        let created = notes
            .iter()
            .map(|p| p.note.created.as_str())
            .min()
            .unwrap_or("");
        let updated = notes
            .iter()
            .map(|p| p.note.updated.as_str())
            .max()
            .unwrap_or("");
        let mut tags: Vec<String> = notes.iter().flat_map(|p| p.note.tags()).collect();
        tags.sort();
        tags.dedup();
        out.push_str("---\n");
        out.push_str(&format!(
            "title: {}\n",
            yaml_string(&format!("Notes on {title}"))
        ));
        out.push_str(&format!("essay: {}\n", yaml_string(title)));
        if let Some(src) = source {
            out.push_str(&format!(
                "source: {}\n",
                yaml_string(&src.to_string_lossy())
            ));
        }
        out.push_str(&format!("created: {created}\nupdated: {updated}\n"));
        if !tags.is_empty() {
            out.push_str(&format!("tags: [{}]\n", tags.join(", ")));
        }
        out.push_str("---\n\n");
    }
    out.push_str(&format!("# Notes on “{title}”\n\n"));
    if notes.is_empty() {
        out.push_str("No notes yet.\n");
        return sanitize(&out).into_owned();
    }
    let mut section: Option<&str> = None;
    for p in notes {
        if section != Some(p.section.as_str()) {
            section = Some(&p.section);
            out.push_str(&format!(
                "## {}\n\n",
                if p.section.is_empty() {
                    "Opening"
                } else {
                    &p.section
                }
            ));
        }
        for line in quote_lines(&p.note.anchor.quote) {
            out.push_str(&format!("> {line}\n"));
        }
        out.push('\n');
        // A line break the reader typed stays one in Markdown (two trailing spaces).
        let text = p
            .note
            .text
            .trim_end()
            .lines()
            .map(|l| {
                if l.trim().is_empty() {
                    String::new()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>();
        for (i, line) in text.iter().enumerate() {
            out.push_str(line);
            let next_blank = text.get(i + 1).is_none_or(|n| n.is_empty());
            if !line.is_empty() && !next_blank {
                out.push_str("  ");
            }
            out.push('\n');
        }
        out.push('\n');
        let mut meta = format!("— {}", time::date_of(&p.note.updated));
        if p.state != State::InPlace {
            meta.push_str(&format!(" · {}", p.state.name()));
        }
        out.push_str(&format!("*{meta}*\n\n"));
    }
    sanitize(&out).into_owned()
}

/// The quote of an exported note, cut to about five lines of prose (400 columns, as
/// everywhere text is cut; a line break counts one).
fn quote_lines(quote: &str) -> Vec<String> {
    truncate(quote, 400).lines().map(str::to_string).collect()
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Every essay with notes: title, path and count.
pub fn list(files: &[(PathBuf, Result<NotesFile, NotesError>)]) -> String {
    let mut out = String::new();
    let mut any = false;
    for (path, file) in files {
        match file {
            Ok(f) => {
                let n = f.notes.iter().filter(|n| !n.is_deleted()).count();
                if n == 0 {
                    continue;
                }
                any = true;
                let source = f
                    .essay
                    .path
                    .as_ref()
                    .map_or("standard input".to_string(), |p| {
                        p.to_string_lossy().into_owned()
                    });
                out.push_str(&format!(
                    "{:>4} {}  {}  ({source})\n",
                    n,
                    if n == 1 { "note " } else { "notes" },
                    f.essay.title
                ));
            }
            Err(e) => {
                any = true;
                out.push_str(&format!("   ? {}: {e}\n", crate::error::show_path(path)));
            }
        }
    }
    if !any {
        out.push_str(
            "No notes yet. Open an essay with `margin FILE` and press a on a paragraph.\n",
        );
    }
    sanitize(&out).into_owned()
}

/// Every essay with notes, as JSON: `[{"title", "path", "notes"}]` (and `"error"` for a
/// notes file that cannot be read).
pub fn list_json(files: &[(PathBuf, Result<NotesFile, NotesError>)]) -> String {
    let list: Vec<serde_json::Value> = files
        .iter()
        .map(|(path, file)| match file {
            Ok(f) => serde_json::json!({
                "title": sanitize(&f.essay.title),
                "path": f.essay.path.as_deref().map(crate::error::show_path),
                "notes": f.notes.iter().filter(|n| !n.is_deleted()).count(),
            }),
            Err(e) => serde_json::json!({
                "file": crate::error::show_path(path),
                "error": sanitize(&e.to_string()),
            }),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// A file name for an essay's notes: its title, in lower case, with dashes.
pub fn file_name(title: &str) -> String {
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
    format!("{}.md", if slug.is_empty() { "notes" } else { &slug })
}

/// The stored notes of every essay, for export without a file: placed in the essay when it
/// can still be read, else as they were stored.
pub fn all_for_export(
    files: Vec<(PathBuf, Result<NotesFile, NotesError>)>,
) -> Vec<(String, Option<PathBuf>, Vec<Placed>)> {
    let mut out = Vec::new();
    for (_, file) in files {
        let Ok(f) = file else { continue };
        let essay = f
            .essay
            .path
            .as_ref()
            .and_then(|p| Essay::load(p, None).ok())
            .map(|(e, _)| e);
        let notes = match &essay {
            Some(e) => placed(e, &f.notes),
            None => f
                .notes
                .iter()
                .filter(|n| !n.is_deleted())
                .map(|n| Placed {
                    note: n.clone(),
                    section: n.anchor.section.clone(),
                    state: State::NotFound,
                    block: n.anchor.block,
                })
                .collect(),
        };
        if !notes.is_empty() {
            out.push((f.essay.title.clone(), f.essay.path.clone(), notes));
        }
    }
    out
}

/// The notes folder's files.
pub fn stored() -> Vec<(PathBuf, Result<NotesFile, NotesError>)> {
    store::all_files(NoteStore::folder())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::columns;

    #[test]
    fn exported_quotes_are_cut_to_400_columns() {
        assert_eq!(
            quote_lines("One line.\nAnother."),
            ["One line.", "Another."]
        );
        let long = "word ".repeat(200);
        let lines = quote_lines(&long);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].ends_with("word…"), "{lines:?}");
        assert!(columns(&lines[0]) <= 400);
        // Wide characters take two columns each.
        let wide = quote_lines(&"漢".repeat(300));
        assert_eq!(wide[0].chars().count(), 200);
    }

    #[test]
    fn file_names_are_slugs() {
        assert_eq!(
            file_name("When the Relationship Gets Hard"),
            "when-the-relationship-gets-hard.md"
        );
        assert_eq!(file_name("“Quotes” & more!"), "quotes-more.md");
        assert_eq!(file_name("???"), "notes.md");
    }
}
