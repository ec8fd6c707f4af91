//! Reading the kept essays' records from the data folder: the head of each notes file and
//! each position file, joined by key.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Record;
use crate::store::regular::{self, NOTES_CAP, POSITION_CAP};
use crate::store::sketch::Sketch;

/// The essay's record at the head of a notes file.
#[derive(Deserialize)]
struct NotesHead {
    essay: Head,
}

/// The record's fields, in a notes file's `[essay]` table or at the top of a position file.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    path: Option<PathBuf>,
    #[serde(default)]
    paths: Vec<PathBuf>,
    #[serde(default)]
    fingerprint: String,
    #[serde(default)]
    sketch: Option<String>,
}

/// Every essay with files in the data folder `data`, by key. Files that cannot be read
/// still give a record (by their key alone), so a damaged notes file is found by path and
/// reported, never passed over for another.
pub fn load(data: &Path) -> Vec<Record> {
    let mut records: Vec<Record> = Vec::new();
    for (file, notes) in files(&data.join("notes"), "toml")
        .into_iter()
        .map(|f| (f, true))
        .chain(
            files(&data.join("positions"), "json")
                .into_iter()
                .map(|f| (f, false)),
        )
    {
        let Some(key) = file.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let cap = if notes { NOTES_CAP } else { POSITION_CAP };
        let head = regular::read_to_string(&file, cap).ok().and_then(|text| {
            if notes {
                toml::from_str::<NotesHead>(&text).ok().map(|h| h.essay)
            } else {
                serde_json::from_str::<Head>(&text).ok()
            }
        });
        let i = match records.iter().position(|r| r.key == key) {
            Some(i) => i,
            None => {
                records.push(Record {
                    key,
                    ..Record::default()
                });
                records.len() - 1
            }
        };
        add(&mut records[i], head, notes);
    }
    records.sort_by(|a, b| a.key.cmp(&b.key));
    records
}

/// Adds what one of its files says to a record. The notes file is read first, and its
/// fingerprint and sketch, kept with the reader's notes, win over a position's.
fn add(record: &mut Record, head: Option<Head>, notes: bool) {
    record.notes |= notes;
    let Some(head) = head else { return };
    for p in head.paths.into_iter().chain(head.path) {
        if !record.paths.contains(&p) {
            record.paths.push(p);
        }
    }
    if record.fingerprint.is_empty() {
        record.fingerprint = head.fingerprint;
    }
    if record.sketch.is_none() {
        record.sketch = head.sketch.as_deref().and_then(Sketch::decode);
    }
    if record.title.is_none() {
        record.title = head.title;
    }
}

/// The files in `dir` ending `.EXT` that hold a record (not rescue files, drafts, locks or
/// temporary files).
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            name.is_some_and(|n| {
                !n.starts_with('.')
                    && !n.contains(".rescued-")
                    && !n.ends_with(".draft.json")
                    && p.extension().is_some_and(|e| e == ext)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_read_from_both_folders_and_joined_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes");
        let positions = dir.path().join("positions");
        std::fs::create_dir_all(&notes).unwrap();
        std::fs::create_dir_all(&positions).unwrap();
        std::fs::write(
            notes.join("stdin-f.toml"),
            "schema = 1\n[essay]\ntitle = \"T\"\nfingerprint = \"f\"\n",
        )
        .unwrap();
        std::fs::write(
            positions.join("stdin-f.json"),
            r#"{"version":1,"path":"/e/essay.txt","fingerprint":"f","position":{},"opened":1}"#,
        )
        .unwrap();
        std::fs::write(notes.join("damaged.toml"), "schema = = 1").unwrap();
        std::fs::write(notes.join("stdin-f.rescued-1.toml"), "x").unwrap();
        std::fs::write(notes.join("stdin-f.draft.json"), "{}").unwrap();
        let records = load(dir.path());
        assert_eq!(records.len(), 2, "{records:?}");
        assert_eq!(records[0].key, "damaged");
        assert!(records[0].notes && records[0].paths.is_empty());
        assert_eq!(records[1].key, "stdin-f");
        assert_eq!(records[1].paths, vec![PathBuf::from("/e/essay.txt")]);
        assert_eq!(records[1].title.as_deref(), Some("T"));
        assert!(records[1].notes);
    }
}
