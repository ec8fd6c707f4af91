//! Two copies of an essay's notes made one: this window's and the file's, which other
//! windows (or a sync tool) may have changed since this window read it. Decided by cause,
//! never by clock: a copy made on top of the other replaces it; two changes made on the same
//! version are concurrent, and then nothing acknowledged is dropped: a change beats a
//! deletion, and two different texts are both kept, the second as a conflict copy beside
//! the first. Linear in the number of notes.

use std::collections::{HashMap, HashSet};

use super::note::Note;

/// `mine` and `theirs` merged: the file's order, this window's new notes after it, each
/// conflict copy after its note.
pub fn merge(mine: &[Note], theirs: &[Note]) -> Vec<Note> {
    let by_id: HashMap<&str, &Note> = mine.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut met: HashSet<&str> = HashSet::with_capacity(mine.len());
    let mut out: Vec<Note> = Vec::with_capacity(mine.len().max(theirs.len()) + 1);
    let mut copies: Vec<Note> = Vec::new();
    for t in theirs {
        match by_id.get(t.id.as_str()) {
            None => out.push(t.clone()),
            Some(m) => {
                met.insert(t.id.as_str());
                let (kept, copy) = merge_one(m, t);
                out.push(kept);
                copies.extend(copy);
            }
        }
    }
    out.extend(
        mine.iter()
            .filter(|m| !met.contains(m.id.as_str()))
            .cloned(),
    );
    if !copies.is_empty() {
        // A copy named for its change is the same copy when two windows make it.
        let ids: HashSet<String> = out.iter().map(|n| n.id.clone()).collect();
        out.extend(copies.into_iter().filter(|c| !ids.contains(&c.id)));
    }
    out
}

/// One note as this window has it (`m`) and as the file has it (`t`): the note to keep,
/// and a conflict copy when both were changed to different texts.
fn merge_one(m: &Note, t: &Note) -> (Note, Option<Note>) {
    let (mv, tv) = (&m.version, &t.version);
    if mv.change == tv.change {
        return (joined(t, m), None);
    }
    // Joined rather than taken alone: what the older copy had absorbed (a deletion it
    // outlived) stays known, so no later merge mistakes it for something new.
    if mv.descends_from(tv) {
        return (joined(m, t), None);
    }
    if tv.descends_from(mv) {
        return (joined(t, m), None);
    }
    // Concurrent: both changed since the version they share.
    match (m.is_deleted(), t.is_deleted()) {
        // A change made while another window deleted the note survives the deletion.
        (true, false) => (joined(t, m), None),
        (false, true) => (joined(m, t), None),
        (true, true) => (newer_joined(m, t), None),
        // `u` brings back the note as it was deleted; another window's newer text wins.
        (false, false) if mv.restores => (joined(t, m), None),
        (false, false) if m.text == t.text && m.anchor == t.anchor => (newer_joined(m, t), None),
        (false, false) => (joined(t, m), Some(conflict_copy(m))),
    }
}

/// `keep`, having seen `other`: merges of the two elsewhere come out the same.
fn joined(keep: &Note, other: &Note) -> Note {
    let mut n = keep.clone();
    n.version.absorb(&other.version);
    // Alive again over a deletion: its revision passes the deletion's.
    n.version.rev = n.version.rev.max(other.version.rev);
    n
}

/// Of two concurrent copies that agree, the same one whichever window merges.
fn newer_joined(a: &Note, b: &Note) -> Note {
    let key = |n: &Note| (n.version.rev, n.version.change.clone());
    if key(a) >= key(b) {
        joined(a, b)
    } else {
        joined(b, a)
    }
}

/// `m` as a note of its own beside the note it was a change of.
fn conflict_copy(m: &Note) -> Note {
    let mut copy = m.clone();
    copy.id = format!("{}-conflict-{}", m.id, m.version.change);
    copy.version.conflict_of = Some(m.id.clone());
    copy.version.restores = false;
    copy
}
