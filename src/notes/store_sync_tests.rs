//! The notes store against what happens to its file while it saves: a sync tool replacing
//! it between the read and the rename, a damaged file repaired meanwhile, a save that fails
//! and a window killed before the next. The moment between the temporary file and the
//! rename is reached through the atomic writer's test seam, so the interleaving is exact.

use std::fs;
use std::path::{Path, PathBuf};

use super::note::{Anchor, Note};
use super::store::{NoteStore, read_file};
use crate::store::atomic::hook;
use crate::store::identity::Identity;

fn note(id: &str, text: &str) -> Note {
    Note {
        id: id.into(),
        created: "2026-01-01T00:00:00Z".into(),
        updated: "2026-01-01T00:00:00Z".into(),
        text: text.into(),
        deleted: None,
        passage: None,
        version: crate::notes::Version::default(),
        anchor: Anchor {
            section: "One".into(),
            quote: "A passage.".into(),
            before: String::new(),
            after: String::new(),
            block: 1,
        },
    }
}

fn identity(dir: &Path) -> Identity {
    Identity::new(&dir.join("essay.md"), "# One\n\nA passage.\n")
}

fn open(folder: &Path, dir: &Path) -> NoteStore {
    let (store, problem) = NoteStore::open_in(Some(folder.to_path_buf()), identity(dir), "One");
    assert!(problem.is_none(), "{problem:?}");
    store
}

fn texts(path: &Path) -> Vec<String> {
    let mut out: Vec<String> = read_file(path)
        .unwrap()
        .unwrap()
        .notes
        .into_iter()
        .map(|n| n.text)
        .collect();
    out.sort();
    out
}

/// A sync tool's way of writing: a whole new file renamed over the old one.
fn replace_with(path: &Path, notes: &[Note]) {
    let text = fs::read_to_string(path).unwrap_or_default();
    let mut file = if text.is_empty() {
        super::store::parse(
            "schema = 1\n[essay]\ntitle = \"One\"\nfingerprint = \"f\"\n",
            path,
        )
        .unwrap()
    } else {
        super::store::parse(&text, path).unwrap()
    };
    file.notes.extend(notes.iter().cloned());
    let tmp = path.with_extension("sync-tool");
    fs::write(&tmp, toml::to_string(&file).unwrap()).unwrap();
    fs::rename(&tmp, path).unwrap();
}

/// Clears the seam however the test ends.
struct Hooked;
impl Drop for Hooked {
    fn drop(&mut self) {
        hook::clear();
    }
}

fn hooked(f: impl FnMut(&Path) + 'static) -> Hooked {
    hook::set(f);
    Hooked
}

#[test]
fn a_file_replaced_between_the_read_and_the_rename_keeps_the_remote_note() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let mut store = open(&folder, dir.path());
    store.put(note("a", "Mine, first.")).unwrap();
    let file: PathBuf = store.path().unwrap().to_path_buf();

    let mut done = false;
    let _seam = hooked(move |target| {
        if !done {
            done = true;
            replace_with(target, &[note("remote", "Written on the other machine.")]);
        }
    });
    store.put(note("b", "Mine, second.")).unwrap();
    assert_eq!(
        texts(&file),
        [
            "Mine, first.",
            "Mine, second.",
            "Written on the other machine."
        ]
    );
    assert!(store.notes.iter().any(|n| n.id == "remote"));
}

#[test]
fn a_file_that_keeps_being_replaced_fails_the_save_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let mut store = open(&folder, dir.path());
    store.put(note("a", "Mine, first.")).unwrap();
    let file = store.path().unwrap().to_path_buf();

    let mut n = 0;
    let _seam = hooked(move |target| {
        n += 1;
        replace_with(target, &[note(&format!("r{n}"), &format!("Remote {n}."))]);
    });
    let err = store.put(note("b", "Mine, second.")).unwrap_err();
    assert!(err.to_string().contains("keeps replacing"), "{err}");
    assert!(store.unsaved);
    let on_disk = texts(&file);
    assert!(on_disk.contains(&"Remote 1.".to_string()), "{on_disk:?}");
    assert!(!on_disk.contains(&"Mine, second.".to_string()));
    assert!(store.notes.iter().any(|n| n.text == "Mine, second."));
}

#[test]
fn a_damaged_file_repaired_meanwhile_takes_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let mut store = open(&folder, dir.path());
    store.put(note("a", "Before the damage.")).unwrap();
    let file = store.path().unwrap().to_path_buf();
    let whole = fs::read(&file).unwrap();
    fs::write(&file, &whole[..whole.len() / 2]).unwrap();

    assert!(store.put(note("b", "While damaged.")).is_err());
    assert!(store.blocked.is_some());
    fs::write(&file, &whole).unwrap();
    store.put(note("c", "Once repaired.")).unwrap();
    assert!(store.blocked.is_none() && !store.unsaved);
    assert_eq!(
        texts(&file),
        ["Before the damage.", "Once repaired.", "While damaged."]
    );
}

#[test]
fn notes_a_save_could_not_write_are_on_disk_at_once_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let mut store = open(&folder, dir.path());
    store.put(note("a", "Saved.")).unwrap();
    let file = store.path().unwrap().to_path_buf();
    let whole = fs::read(&file).unwrap();
    fs::write(&file, b"schema = [damaged").unwrap();

    // The save fails; the window is then killed (dropped without closing).
    assert!(store.put(note("b", "Never saved.")).is_err());
    drop(store);

    fs::write(&file, &whole).unwrap();
    let mut again = open(&folder, dir.path());
    assert_eq!(again.recovered, 1);
    assert!(again.recovered_message().unwrap().contains("rescue file"));
    assert!(again.live().any(|n| n.text == "Never saved."));
    again.save().unwrap();
    assert_eq!(texts(&file), ["Never saved.", "Saved."]);
    let left: Vec<_> = fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".rescued-"))
        .collect();
    assert!(left.is_empty(), "the journal goes once its notes are saved");
}

#[test]
fn stale_temporary_copies_go_when_the_notes_open() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let store = open(&folder, dir.path());
    let file = store.path().unwrap().to_path_buf();
    fs::create_dir_all(&folder).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let stale = folder.join(format!(".{name}.4000000000.tmp"));
    let f = fs::File::create(&stale).unwrap();
    f.set_modified(std::time::SystemTime::now() - crate::store::atomic::ABANDONED * 2)
        .unwrap();
    drop(f);
    open(&folder, dir.path());
    assert!(!stale.exists());
}
