//! `margin notes`: an essay's notes as Markdown ready for a notebook, as JSON, or exported
//! one file an essay; with no essay, the list of essays that have notes. It only reads the
//! notes: it never writes the notes file.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::essay::Essay;
use crate::notes::store::{self, NoteStore, NotesFile};
use crate::notes::{Note, NotesError, State, anchor, passage, time};
use crate::sanitize::sanitize;
use crate::store::identity::Identity;

/// A note with where it sits now.
pub struct Placed {
    pub note: Note,
    pub section: String,
    pub state: State,
    pub block: usize,
    /// The passage's whole text as it is now, when it was found.
    pub passage: Option<String>,
}

/// The essay's notes, placed in it, in text order.
pub fn placed(essay: &Essay, notes: &[Note]) -> Vec<Placed> {
    let placer = passage::Placer::new(essay, essay.plain());
    let mut out: Vec<Placed> = notes
        .iter()
        .filter(|n| !n.is_deleted())
        .map(|n| {
            let (p, span) = placer.place(n);
            let section = match p.state {
                State::NotFound => n.anchor.section.clone(),
                _ => essay
                    .section_of_block(p.block)
                    .map(|s| essay.sections[s].title.clone())
                    .unwrap_or_default(),
            };
            // A note on exact words quotes those words; a paragraph's note, the paragraph.
            let passage = match span {
                Some(span) => passage::words(essay, essay.plain(), span),
                None if n.passage.is_some() => None,
                None => (p.state != State::NotFound)
                    .then(|| essay.plain().get(p.block).map(str::to_string))
                    .flatten(),
            };
            Placed {
                note: n.clone(),
                section,
                state: p.state,
                block: p.block,
                passage,
            }
        })
        .collect();
    out.sort_by(|a, b| (a.block, &a.note.created).cmp(&(b.block, &b.note.created)));
    out
}

/// Opens the notes of the essay read from `path` with `text`, read-only: those of the kept
/// essay it is, found as the reader finds it. Also returns what the reader is told about
/// how it was found (kept apart from several alike essays, say).
pub fn open(
    path: &Path,
    text: &str,
    title: &str,
) -> (NoteStore, Option<NotesError>, Option<String>) {
    let (identity, said) = Identity::open(path, text);
    let (store, problem) = NoteStore::open(identity, title);
    (store, problem, said)
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
    /// A highlight: exact words marked, with nothing written.
    highlight: bool,
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
                quote: sanitize(p.note.quote()),
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
                highlight: p.note.is_highlight(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The notes as Markdown: a heading per section, the passage quoted, the note, its date.
/// With `essay_key` (for a file of its own), front matter first, which names the essay the
/// file was written for (see `commands::export`).
pub fn markdown(
    title: &str,
    source: Option<&Path>,
    notes: &[Placed],
    essay_key: Option<&str>,
) -> String {
    let mut out = String::new();
    if let Some(key) = essay_key {
        push_front_matter(&mut out, title, source, notes, key);
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
        push_note(&mut out, p);
    }
    sanitize(&out).into_owned()
}

fn push_front_matter(
    out: &mut String,
    title: &str,
    source: Option<&Path>,
    notes: &[Placed],
    key: &str,
) {
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
    out.push_str(&format!("title: {}\n", yaml_string(&notes_title(title))));
    out.push_str(&format!("essay: {}\n", yaml_string(title)));
    if let Some(src) = source {
        out.push_str(&format!(
            "source: {}\n",
            yaml_string(&src.to_string_lossy())
        ));
    }
    out.push_str(&format!("{}: {}\n", MARKER, yaml_string(key)));
    out.push_str(&format!("created: {created}\nupdated: {updated}\n"));
    if !tags.is_empty() {
        out.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    out.push_str("---\n\n");
}

/// The title of an essay's notes: "Notes on" said once, also for an essay whose own title
/// begins so.
fn notes_title(title: &str) -> String {
    let already = title
        .get(..9)
        .is_some_and(|start| start.eq_ignore_ascii_case("notes on "));
    if already {
        title.to_string()
    } else {
        format!("Notes on {title}")
    }
}

/// One note: the passage as it is now, quoted whole; what it was, when it was edited since;
/// the reader's words, escaped so Markdown shows them as typed; the date and state.
fn push_note(out: &mut String, p: &Placed) {
    let old = p.note.quote();
    push_quote(out, p.passage.as_deref().unwrap_or(old));
    // A paragraph's note keeps the paragraph's first 1,000 characters; exact words, all.
    let changed = |now: &str| match p.note.passage {
        Some(_) => now != old,
        None => !anchor::quotes(now, old),
    };
    if let Some(now) = &p.passage
        && changed(now)
    {
        out.push_str("*The passage when the note was written:*\n\n");
        push_quote(out, old);
    }
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
                as_typed(l)
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
    // A highlight has no words of the reader's to end with a blank line.
    if !text.is_empty() {
        out.push('\n');
    }
    let mut meta = format!("— {}", time::date_of(&p.note.updated));
    if p.note.is_highlight() {
        meta.push_str(" · highlight");
    }
    if p.state != State::InPlace {
        meta.push_str(&format!(" · {}", p.state.name()));
    }
    out.push_str(&format!("*{meta}*\n\n"));
}

/// A passage as a Markdown quote, whole, each of its lines as typed.
fn push_quote(out: &mut String, passage: &str) {
    for line in passage.lines() {
        let line = as_typed(line);
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str(&format!("> {line}\n"));
        }
    }
    out.push('\n');
}

/// A line of text that Markdown shows as written: whatever at its start would make it a
/// quote, heading, list item, rule, code or HTML block, table row or link definition is
/// escaped with a backslash (CommonMark lets any ASCII punctuation be escaped). Indentation
/// is dropped: Markdown would read four spaces as code.
fn as_typed(line: &str) -> String {
    let line = line.trim_start();
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    if matches!(
        first,
        '>' | '#' | '-' | '+' | '*' | '_' | '=' | '`' | '~' | '<' | '|' | '['
    ) {
        return format!("\\{line}");
    }
    // An ordered list item: up to nine digits, then `.` or `)`.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) && matches!(line[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_string()
}

/// `s` as a YAML string in double quotes.
pub(super) fn yaml_string(s: &str) -> String {
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

/// The front matter's field that names the essay an export was written for.
pub const MARKER: &str = "margin-essay";

/// The key an essay's notes are stored under: its notes file's name without `.toml`.
pub fn key_of(notes_file: &Path) -> String {
    notes_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One essay's notes, ready to export.
pub struct EssayNotes {
    /// The key its notes are stored under, which names the essay in its export.
    pub key: String,
    pub title: String,
    pub source: Option<PathBuf>,
    pub notes: Vec<Placed>,
}

/// The stored notes of every essay, for export without a file: placed in the essay when it
/// can still be read (its punctuation set as `typography` says, as the reader sets it),
/// else as they were stored.
pub fn all_for_export(
    files: Vec<(PathBuf, Result<NotesFile, NotesError>)>,
    typography: crate::essay::Typography,
) -> Vec<EssayNotes> {
    let mut out = Vec::new();
    for (notes_file, file) in files {
        let Ok(f) = file else { continue };
        let essay = f
            .essay
            .path
            .as_ref()
            .and_then(|p| Essay::load_with(p, None, typography).ok())
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
                    passage: None,
                })
                .collect(),
        };
        if !notes.is_empty() {
            out.push(EssayNotes {
                key: key_of(&notes_file),
                title: f.essay.title.clone(),
                source: f.essay.path.clone(),
                notes,
            });
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

    #[test]
    fn the_readers_lines_are_escaped_where_markdown_would_read_them_as_markup() {
        assert_eq!(as_typed(">> not a quote"), "\\>> not a quote");
        assert_eq!(as_typed("  # not a heading"), "\\# not a heading");
        assert_eq!(as_typed("- not a list"), "\\- not a list");
        assert_eq!(as_typed("---"), "\\---");
        assert_eq!(as_typed("1. not a list"), "1\\. not a list");
        assert_eq!(as_typed("2026) a year"), "2026\\) a year");
        assert_eq!(as_typed("1984 was a book."), "1984 was a book.");
        assert_eq!(as_typed("Plain words > more."), "Plain words > more.");
        assert_eq!(as_typed("   "), "");
    }

    #[test]
    fn notes_on_is_said_once() {
        assert_eq!(notes_title("Attention"), "Notes on Attention");
        assert_eq!(notes_title("Notes on Attention"), "Notes on Attention");
        assert_eq!(notes_title("notes on a scandal"), "notes on a scandal");
        assert_eq!(notes_title("Notes"), "Notes on Notes");
        assert_eq!(notes_title("Nötes on"), "Notes on Nötes on");
    }
}
