//! The notes store under stress: atomic saves, crashes mid-save, damaged and newer files,
//! two windows writing at once.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use margin::notes::store::{NoteStore, read_file};
use margin::notes::{Anchor, Note};
use margin::store::identity::Identity;
use margin::store::records;

fn identity(dir: &Path) -> Identity {
    let essay = dir.join("essay.md");
    std::fs::write(&essay, "Some words of an essay.").unwrap();
    Identity::new(&essay, "Some words of an essay.")
}

fn note(id: &str, text: &str, updated: &str) -> Note {
    Note {
        id: id.into(),
        created: "2026-01-01T00:00:00Z".into(),
        updated: updated.into(),
        text: text.into(),
        deleted: None,
        passage: None,
        version: margin::notes::Version::first(),
        anchor: Anchor {
            section: "S".into(),
            quote: "Some words".into(),
            before: String::new(),
            after: String::new(),
            block: 0,
        },
    }
}

fn open(folder: &Path, id: &Identity) -> NoteStore {
    let (store, message) = NoteStore::open_in(Some(folder.to_path_buf()), id.clone(), "T");
    assert!(message.is_none(), "{message:?}");
    store
}

fn notes_file(store: &NoteStore) -> PathBuf {
    store.path().unwrap().to_path_buf()
}

#[test]
fn saves_and_reads_back_with_private_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let id = identity(dir.path());
    let mut store = open(&folder, &id);
    store
        .put(note("a", "first thought #one", "2026-01-01T00:00:01Z"))
        .unwrap();
    store
        .put(note(
            "b",
            "a second,\nmulti-line \"note\"",
            "2026-01-01T00:00:02Z",
        ))
        .unwrap();
    let again = open(&folder, &id);
    let texts: Vec<&str> = again.live().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["first thought #one", "a second,\nmulti-line \"note\""]
    );
    let text = std::fs::read_to_string(notes_file(&again)).unwrap();
    assert!(text.contains("schema = 1"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(notes_file(&again))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }
}

#[test]
fn a_crash_mid_save_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let id = identity(dir.path());
    let mut store = open(&folder, &id);
    store
        .put(note("a", "kept", "2026-01-01T00:00:01Z"))
        .unwrap();
    let before = std::fs::read(notes_file(&store)).unwrap();
    // A crash after the temporary file was written but before the rename leaves this.
    let stray = folder.join(format!(".{}.toml.4242.tmp", id.key()));
    std::fs::write(&stray, b"schema = 1\n[essay]\ntitle = \"half").unwrap();
    assert_eq!(std::fs::read(notes_file(&store)).unwrap(), before);
    let again = open(&folder, &id);
    assert_eq!(again.live().count(), 1);
}

#[test]
fn a_damaged_file_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    std::fs::create_dir_all(&folder).unwrap();
    let id = identity(dir.path());
    let path = folder.join(format!("{}.toml", id.key()));
    std::fs::write(&path, "schema = 1\n[[notes]]\nthis is not toml\n").unwrap();
    let (mut store, message) = NoteStore::open_in(Some(folder.clone()), id.clone(), "T");
    let message = message.expect("a message").to_string();
    assert!(
        message.contains("damaged") && message.contains("line"),
        "{message}"
    );
    assert!(store.put(note("a", "new", "2026-01-01T00:00:01Z")).is_err());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "schema = 1\n[[notes]]\nthis is not toml\n"
    );
    let rescued = store.rescue().unwrap();
    let file = read_file(&rescued).unwrap().unwrap();
    assert_eq!(file.notes[0].text, "new");
}

#[test]
fn a_newer_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    std::fs::create_dir_all(&folder).unwrap();
    let id = identity(dir.path());
    let path = folder.join(format!("{}.toml", id.key()));
    let newer = "schema = 99\nfuture = true\n";
    std::fs::write(&path, newer).unwrap();
    let (mut store, message) = NoteStore::open_in(Some(folder), id, "T");
    assert!(message.unwrap().to_string().contains("newer margin"));
    assert!(store.put(note("a", "x", "2026-01-01T00:00:01Z")).is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn two_windows_keep_each_others_notes_and_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let id = identity(dir.path());
    let mut first = open(&folder, &id);
    let mut second = open(&folder, &id);
    first
        .put(note("a", "from the first window", "2026-01-01T00:00:01Z"))
        .unwrap();
    second
        .put(note("b", "from the second window", "2026-01-01T00:00:02Z"))
        .unwrap();
    let texts: Vec<String> = open(&folder, &id).live().map(|n| n.text.clone()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    // The first window deletes its note; the second still holds the old copy in memory.
    let mut gone = first.notes.iter().find(|n| n.id == "a").unwrap().clone();
    gone.deleted = Some("2026-01-01T00:00:03Z".into());
    gone.revise();
    first.put(gone).unwrap();
    second
        .put(note("c", "third", "2026-01-01T00:00:04Z"))
        .unwrap();
    let ids: Vec<String> = open(&folder, &id).live().map(|n| n.id.clone()).collect();
    assert_eq!(ids, vec!["b".to_string(), "c".to_string()]);
}

#[test]
fn concurrent_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let id = identity(dir.path());
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let folder = folder.clone();
            let id = id.clone();
            std::thread::spawn(move || {
                let mut store = open(&folder, &id);
                for i in 0..15 {
                    store
                        .put(note(&format!("{t}-{i}"), "x", "2026-01-01T00:00:01Z"))
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(open(&folder, &id).live().count(), 60);
}

#[test]
fn an_unwritable_folder_keeps_the_note_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("notes");
    std::fs::write(&blocker, b"a file where the folder should be").unwrap();
    let id = identity(dir.path());
    let (mut store, _) = NoteStore::open_in(Some(blocker.clone()), id, "T");
    let err = store
        .put(note("a", "precious", "2026-01-01T00:00:01Z"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("kept in memory"), "{err}");
    assert!(store.unsaved);
    assert_eq!(store.live().next().unwrap().text, "precious");
    std::fs::remove_file(&blocker).unwrap();
    store.save().unwrap();
    assert!(!store.unsaved);
}

#[test]
fn a_moved_essay_finds_its_notes_by_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let id = identity(dir.path());
    let mut store = open(&folder, &id);
    store
        .put(note("a", "follows the essay", "2026-01-01T00:00:01Z"))
        .unwrap();
    let moved = dir.path().join("renamed.md");
    std::fs::rename(dir.path().join("essay.md"), &moved).unwrap();
    let mut moved_id = Identity::new(&moved, "Some words of an essay.");
    assert_ne!(moved_id.key(), id.key());
    // The data folder's records say which essay it is: the same words, so the same essay.
    let said = moved_id.resolve(&records::load(dir.path()));
    assert_eq!(said, None);
    assert_eq!(moved_id.key(), id.key());
    let found = open(&folder, &moved_id);
    assert_eq!(found.live().count(), 1);
}

#[test]
fn an_edited_and_moved_essay_finds_its_notes_by_likeness_and_learns_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let text = "The slow reader keeps a pencil near and reads each line twice, not for \
        want of speed but for the pleasure of the turn a sentence takes when read aloud.";
    let essay = dir.path().join("essay.md");
    std::fs::write(&essay, text).unwrap();
    let id = Identity::new(&essay, text);
    let mut store = open(&folder, &id);
    store
        .put(note("a", "follows the essay", "2026-01-01T00:00:01Z"))
        .unwrap();

    let edited = text.replace("pencil", "pen");
    let moved = dir.path().join("renamed.md");
    std::fs::write(&moved, &edited).unwrap();
    std::fs::remove_file(&essay).unwrap();
    let mut moved_id = Identity::new(&moved, &edited);
    let said = moved_id.resolve(&records::load(dir.path())).unwrap();
    assert!(said.contains("alike"), "{said}");
    assert_eq!(moved_id.key(), id.key());
    let mut found = open(&folder, &moved_id);
    assert_eq!(found.live().count(), 1);

    // Opened in the reader, the record learns the new path: found by path from now on.
    found.refresh_record().unwrap();
    let text = std::fs::read_to_string(found.path().unwrap()).unwrap();
    assert!(
        text.contains("renamed.md") && text.contains("sketch"),
        "{text}"
    );
    let mut again = Identity::new(&moved, "Nothing like it at all, a different text now.");
    assert_eq!(again.resolve(&records::load(dir.path())), None);
    assert_eq!(again.key(), id.key());
}

#[test]
fn rescued_notes_come_back_once_the_file_is_readable_again() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    std::fs::create_dir_all(&folder).unwrap();
    let id = identity(dir.path());
    let path = folder.join(format!("{}.toml", id.key()));
    std::fs::write(&path, "damaged = [").unwrap();
    let (mut store, _) = NoteStore::open_in(Some(folder.clone()), id.clone(), "T");
    assert!(
        store
            .put(note(
                "r",
                "written while the file was damaged",
                "2026-01-01T00:00:01Z"
            ))
            .is_err()
    );
    let rescued = store.rescue().unwrap();
    // The reader mends the file (here: removes it) and opens the essay again.
    std::fs::remove_file(&path).unwrap();
    let (mut again, message) = NoteStore::open_in(Some(folder.clone()), id.clone(), "T");
    assert!(message.is_none(), "{message:?}");
    assert_eq!(
        again.live().next().unwrap().text,
        "written while the file was damaged"
    );
    again.save().unwrap();
    assert!(
        !rescued.exists(),
        "the rescue file goes once its notes are saved"
    );
    assert_eq!(open(&folder, &id).live().count(), 1);
}

#[test]
fn a_lock_held_elsewhere_fails_the_save_after_a_wait_and_keeps_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let id = identity(dir.path());
    let mut store = open(&folder, &id);
    store
        .put(note("a", "saved before", "2026-01-01T00:00:01Z"))
        .unwrap();
    // Another program holds the lock (an open file of its own, as a second margin would).
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(notes_file(&store).with_extension("toml.lock"))
        .unwrap();
    lock.lock().unwrap();
    let error = store
        .put(note("b", "written meanwhile", "2026-01-01T00:00:02Z"))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("another program holds the notes file"),
        "{error}"
    );
    assert!(store.unsaved, "the note waits in memory");
    assert_eq!(store.live().count(), 2);
    drop(lock);
    store.save().unwrap();
    assert_eq!(
        open(&folder, &id).live().count(),
        2,
        "saved once the lock is free"
    );
}

/// Two notes with one id (a file merged by hand, or by a sync tool) are both kept: the
/// next save merges by id, and used to replace one with the other.
#[test]
fn notes_sharing_an_id_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let id = identity(dir.path());
    let mut store = open(&folder, &id);
    store
        .put(note("a", "the first copy", "2026-01-01T00:00:01Z"))
        .unwrap();
    let path = notes_file(&store);
    let mut file = read_file(&path).unwrap().unwrap();
    let mut twin = file.notes[0].clone();
    twin.text = "a different note, same id".into();
    file.notes.push(twin);
    // The same note twice over is one note.
    file.notes.push(file.notes[0].clone());
    std::fs::write(&path, toml::to_string(&file).unwrap()).unwrap();
    let mut store = open(&folder, &id);
    store
        .put(note("b", "written after the merge", "2026-01-01T00:00:02Z"))
        .unwrap();
    let again = open(&folder, &id);
    let mut texts: Vec<&str> = again.live().map(|n| n.text.as_str()).collect();
    texts.sort_unstable();
    assert_eq!(
        texts,
        [
            "a different note, same id",
            "the first copy",
            "written after the merge"
        ]
    );
    let ids: std::collections::HashSet<&str> = again.live().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), 3, "one id each");
}
