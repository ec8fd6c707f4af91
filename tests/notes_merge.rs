//! Two and three windows on one essay's notes, saving in the same second: merged by each
//! note's history, never by its clock. A change made on top of another replaces it, a
//! deletion stays deleted, a change beats a concurrent deletion, and two concurrent texts
//! are both kept (the second as a conflict copy). Then any interleaving of three windows'
//! actions, as a property: every change a window was told is saved is in the final file,
//! as it was or under a later change made on top of it, or in a conflict copy.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;

use margin::notes::store::{NoteStore, read_file};
use margin::notes::{Note, Version};
use margin::store::identity::Identity;
use proptest::prelude::*;
use support::notes::identity;

/// Every save in these tests happens within one second, by the clock the notes carry.
const SECOND: &str = "2026-01-01T00:00:00Z";

fn new_note(id: &str, text: &str) -> Note {
    support::notes::new_note(id, text, SECOND)
}

fn open(folder: &Path, id: &Identity) -> NoteStore {
    let (store, message) = NoteStore::open_in(Some(folder.to_path_buf()), id.clone(), "T");
    assert!(message.is_none(), "{message:?}");
    store
}

/// This window's copy of note `id`.
fn copy(store: &NoteStore, id: &str) -> Note {
    store.notes.iter().find(|n| n.id == id).unwrap().clone()
}

/// Note `id` changed to `text` by the window holding `store`, as the reader's editor does.
fn edited(store: &NoteStore, id: &str, text: &str) -> Note {
    let mut n = copy(store, id);
    n.text = text.into();
    n.updated = SECOND.into();
    n.revise();
    n
}

fn deleted(store: &NoteStore, id: &str) -> Note {
    let mut n = copy(store, id);
    n.deleted = Some(SECOND.into());
    n.updated = SECOND.into();
    n.revise();
    n
}

/// The notes on disk now, as a fresh window reads them.
fn on_disk(folder: &Path, id: &Identity) -> Vec<Note> {
    open(folder, id).notes
}

fn find<'a>(notes: &'a [Note], id: &str) -> &'a Note {
    notes.iter().find(|n| n.id == id).unwrap()
}

/// Three windows that have all read note `x`.
fn three_windows(dir: &Path) -> (std::path::PathBuf, Identity, [NoteStore; 3]) {
    let folder = dir.join("notes");
    let id = identity(dir);
    let mut a = open(&folder, &id);
    a.put(new_note("x", "as first written")).unwrap();
    let b = open(&folder, &id);
    let c = open(&folder, &id);
    (folder, id, [a, b, c])
}

#[test]
fn an_edit_is_not_reverted_by_a_window_holding_the_older_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, id, [mut a, mut b, _]) = three_windows(dir.path());
    a.put(edited(&a, "x", "changed in a")).unwrap();
    // b still holds "as first written", stamped the same second, and saves another note.
    b.put(new_note("y", "b's own")).unwrap();
    let notes = on_disk(&folder, &id);
    assert_eq!(find(&notes, "x").text, "changed in a");
    assert_eq!(
        b.notes.iter().find(|n| n.id == "x").unwrap().text,
        "changed in a"
    );
}

#[test]
fn a_deletion_is_not_undone_by_a_window_holding_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, id, [mut a, mut b, mut c]) = three_windows(dir.path());
    a.put(deleted(&a, "x")).unwrap();
    b.put(new_note("y", "b's own")).unwrap();
    c.put(new_note("z", "c's own")).unwrap();
    let notes = on_disk(&folder, &id);
    assert!(find(&notes, "x").is_deleted());
    assert_eq!(notes.iter().filter(|n| !n.is_deleted()).count(), 2);
}

#[test]
fn an_edit_made_while_another_window_deleted_the_note_survives() {
    for delete_first in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let (folder, id, [mut a, mut b, _]) = three_windows(dir.path());
        let gone = deleted(&a, "x");
        let change = edited(&b, "x", "kept by b");
        if delete_first {
            a.put(gone).unwrap();
            b.put(change).unwrap();
        } else {
            b.put(change).unwrap();
            a.put(gone).unwrap();
        }
        let notes = on_disk(&folder, &id);
        let x = find(&notes, "x");
        assert!(!x.is_deleted(), "deleted first: {delete_first}");
        assert_eq!(x.text, "kept by b");
        // And a third window's unrelated save changes nothing of it.
        let mut c = open(&folder, &id);
        c.put(new_note("z", "c's own")).unwrap();
        assert_eq!(find(&on_disk(&folder, &id), "x").text, "kept by b");
    }
}

#[test]
fn two_windows_changing_one_note_keep_both_texts() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, id, [mut a, mut b, mut c]) = three_windows(dir.path());
    a.put(edited(&a, "x", "a's version")).unwrap();
    b.put(edited(&b, "x", "b's version")).unwrap();
    c.put(new_note("z", "c's own")).unwrap();
    let notes = on_disk(&folder, &id);
    assert_eq!(find(&notes, "x").text, "a's version");
    let copies: Vec<&Note> = notes.iter().filter(|n| n.is_conflict_copy()).collect();
    assert_eq!(copies.len(), 1, "{notes:#?}");
    assert_eq!(copies[0].text, "b's version");
    assert!(copies[0].id.starts_with("x-conflict-"));
    assert_eq!(copies[0].version.conflict_of.as_deref(), Some("x"));
    // Saved again by every window, the copy stays one copy and the note stays a's.
    a.put(new_note("a2", "more")).unwrap();
    b.put(new_note("b2", "more")).unwrap();
    let again = on_disk(&folder, &id);
    assert_eq!(again.iter().filter(|n| n.is_conflict_copy()).count(), 1);
    assert_eq!(find(&again, "x").text, "a's version");
}

#[test]
fn two_windows_writing_the_same_words_make_no_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, id, [mut a, mut b, _]) = three_windows(dir.path());
    a.put(edited(&a, "x", "the same")).unwrap();
    b.put(edited(&b, "x", "the same")).unwrap();
    let notes = on_disk(&folder, &id);
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(notes[0].text, "the same");
}

#[test]
fn undo_does_not_bring_back_an_older_copy_over_another_windows_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, id, [mut a, mut b, _]) = three_windows(dir.path());
    let before = copy(&a, "x");
    a.put(deleted(&a, "x")).unwrap();
    b.put(edited(&b, "x", "b changed it")).unwrap();
    // a undoes its deletion, not having heard of b's change: the note is alive again
    // either way, with b's words.
    let mut back = copy(&a, "x");
    back.revise();
    back.version.restores = true;
    back.deleted = None;
    back.text = before.text.clone();
    a.put(back).unwrap();
    let notes = on_disk(&folder, &id);
    let x = find(&notes, "x");
    assert!(!x.is_deleted());
    assert_eq!(x.text, "b changed it");
    assert!(!notes.iter().any(|n| n.is_conflict_copy()), "{notes:#?}");
}

#[test]
fn undo_brings_the_note_back_when_nothing_else_changed_it() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, id, [mut a, mut b, _]) = three_windows(dir.path());
    a.put(deleted(&a, "x")).unwrap();
    b.put(new_note("y", "b's own")).unwrap();
    let mut back = copy(&a, "x");
    back.revise();
    back.version.restores = true;
    back.deleted = None;
    a.put(back).unwrap();
    b.put(new_note("z", "b's other")).unwrap();
    let x = find(&on_disk(&folder, &id), "x").clone();
    assert!(!x.is_deleted());
    assert_eq!(x.text, "as first written");
}

#[test]
fn a_file_from_before_revisions_loads_and_merges() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    std::fs::create_dir_all(&folder).unwrap();
    let id = identity(dir.path());
    let old = format!(
        "schema = 1\n\n[essay]\ntitle = \"T\"\nfingerprint = \"f\"\n\n[[notes]]\nid = \"old\"\n\
         created = \"{SECOND}\"\nupdated = \"{SECOND}\"\ntext = \"from an older margin\"\n\n\
         [notes.anchor]\nsection = \"S\"\nquote = \"Some words\"\nblock = 0\n"
    );
    std::fs::write(folder.join(format!("{}.toml", id.key())), old).unwrap();
    let mut a = open(&folder, &id);
    let mut b = open(&folder, &id);
    assert_eq!(copy(&a, "old").version, Version::default());
    a.put(edited(&a, "old", "changed now")).unwrap();
    b.put(new_note("y", "b's own")).unwrap();
    let notes = on_disk(&folder, &id);
    assert_eq!(find(&notes, "old").text, "changed now");
    assert_eq!(find(&notes, "old").version.rev, 1);
}

/// What a window does, in the property below.
#[derive(Debug, Clone)]
enum Act {
    /// Write a new note.
    Add,
    /// Change the k-th note this window shows (the first, second, … wrapping).
    Edit(usize),
    Delete(usize),
    /// `u`: bring back the last note this window deleted.
    Undo,
    /// Take up what the store holds now (the reader's pane syncing with its store).
    Refresh,
}

fn act() -> impl Strategy<Value = (usize, Act)> {
    (
        0..3usize,
        prop_oneof![
            2 => Just(Act::Add),
            3 => (0..6usize).prop_map(Act::Edit),
            2 => (0..6usize).prop_map(Act::Delete),
            1 => Just(Act::Undo),
            2 => Just(Act::Refresh),
        ],
    )
}

/// A reader's window: its store, the notes its pane shows (which lag behind the store as
/// the real pane does until the store answers), and what `u` would bring back.
struct Window {
    store: NoteStore,
    shown: Vec<Note>,
    undo: Vec<Note>,
}

/// What a window was told is saved: the note's id and the change's id.
type Acked = (String, String, Option<String>);

fn run(acts: &[(usize, Act)]) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    let id = identity(dir.path());
    let mut windows: Vec<Window> = (0..3)
        .map(|_| Window {
            store: open(&folder, &id),
            shown: Vec::new(),
            undo: Vec::new(),
        })
        .collect();
    let mut acked: Vec<Acked> = Vec::new();
    for (n, (w, a)) in acts.iter().enumerate() {
        let win = &mut windows[*w];
        let live: Vec<Note> = win
            .shown
            .iter()
            .filter(|n| !n.is_deleted())
            .cloned()
            .collect();
        let note = match a {
            Act::Add => Some(new_note(&format!("n{n}"), &format!("note {n}"))),
            Act::Edit(k) if !live.is_empty() => {
                let mut x = live[k % live.len()].clone();
                x.text = format!("edit {n} by {w}");
                x.revise();
                Some(x)
            }
            Act::Delete(k) if !live.is_empty() => {
                let mut x = live[k % live.len()].clone();
                win.undo.push(x.clone());
                x.deleted = Some(SECOND.into());
                x.revise();
                Some(x)
            }
            Act::Undo => win.undo.pop().and_then(|was| {
                let mut x = win.shown.iter().find(|n| n.id == was.id)?.clone();
                if !x.is_deleted() {
                    return None;
                }
                x.revise();
                x.version.restores = true;
                x.deleted = None;
                x.text = was.text;
                Some(x)
            }),
            Act::Refresh | Act::Edit(_) | Act::Delete(_) => None,
        };
        match note {
            Some(x) => {
                let key = (x.id.clone(), x.version.change.clone(), Some(x.text.clone()));
                let key = if x.is_deleted() {
                    (key.0, key.1, None)
                } else {
                    key
                };
                // The pane shows its own change at once; it takes up the store's merged
                // notes only sometimes (Refresh), as a pane with more changes on their way
                // waits for the last answer.
                match win.shown.iter_mut().find(|n| n.id == x.id) {
                    Some(n) => *n = x.clone(),
                    None => win.shown.push(x.clone()),
                }
                win.store.put(x).unwrap();
                acked.push(key);
            }
            None => win.shown = win.store.notes.clone(),
        }
    }
    let notes = read_file(windows[0].store.path().unwrap())
        .unwrap()
        .map(|f| f.notes)
        .unwrap_or_default();
    for (note, change, text) in &acked {
        let copy_id = format!("{note}-conflict-{change}");
        let kept = notes.iter().any(|n| {
            (n.id == *note && (n.version.change == *change || n.version.after.contains(change)))
                || (n.id == copy_id && n.version.change == *change)
        });
        assert!(
            kept,
            "change {change} of {note} ({text:?}) lost: {notes:#?}"
        );
        // Kept as it was where the file holds that very change.
        for n in notes.iter().filter(|n| n.version.change == *change) {
            match text {
                Some(t) => assert!(!n.is_deleted() && n.text == *t, "{n:#?} should read {t}"),
                None => assert!(n.is_deleted() || n.id == *note, "{n:#?}"),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("MERGE_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(48)
    ))]

    #[test]
    fn three_windows_lose_no_acknowledged_change(acts in prop::collection::vec(act(), 1..40)) {
        run(&acts);
    }
}
