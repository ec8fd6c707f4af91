//! Where a note's text stands in its history, for merging two windows' copies by cause
//! rather than by clock: each change has an id of its own and remembers the changes it was
//! made on top of, so a merge can tell a newer copy of a note from a concurrent one.

use serde::{Deserialize, Serialize};

/// How many earlier changes a note remembers. A copy older than that many changes is taken
/// for an ancestor (a window that stayed open while the note was changed seventy times over
/// elsewhere and then saves it unchanged); anything newer is told apart exactly.
pub const REMEMBERED: usize = 64;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// How many changes the note has been through (0 in files from before revisions).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rev: u64,
    /// This change's id: unique, so two windows' changes to one note never look alike.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub change: String,
    /// The changes this one was made on top of, oldest first (at most [`REMEMBERED`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
    /// Set on a conflict copy: the id of the note that was changed in two windows at once,
    /// whose other text this copy keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_of: Option<String>,
    /// In memory only: this change brings back a deleted note (`u`). Should another window
    /// have changed the note meanwhile, its newer text is kept rather than this older copy.
    #[serde(skip)]
    pub restores: bool,
}

// serde's skip_serializing_if hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Version {
    /// A new note's first version.
    pub fn first() -> Version {
        Version {
            rev: 1,
            change: new_change(),
            ..Version::default()
        }
    }

    /// The next version: a new change made on top of this one.
    pub fn next(&self) -> Version {
        let mut after = self.after.clone();
        after.push(self.change.clone());
        trim(&mut after);
        Version {
            rev: self.rev + 1,
            change: new_change(),
            after,
            conflict_of: self.conflict_of.clone(),
            restores: false,
        }
    }

    /// Whether this version was made (directly or not) on top of `other`.
    pub fn descends_from(&self, other: &Version) -> bool {
        if self.after.contains(&other.change) {
            return true;
        }
        // Forgotten: older than every change remembered.
        self.after.len() >= REMEMBERED && other.rev + (REMEMBERED as u64) < self.rev
    }

    /// Remembers `other`'s change and what it was made on (the two histories joined).
    pub fn absorb(&mut self, other: &Version) {
        for change in other.after.iter().chain(std::iter::once(&other.change)) {
            if *change != self.change && !self.after.contains(change) {
                self.after.push(change.clone());
            }
        }
        trim(&mut self.after);
    }
}

fn trim(after: &mut Vec<String>) {
    if after.len() > REMEMBERED {
        after.drain(..after.len() - REMEMBERED);
    }
}

/// A change id: made as note ids are.
fn new_change() -> String {
    unique_id()
}

/// The time in milliseconds and a counter, in base 36. Unique per process and practically
/// across processes (two windows would need the same millisecond and count).
pub fn unique_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let pid = u64::from(std::process::id());
    format!("{}-{}", base36(millis), base36(pid * 1000 + n % 1000))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_next_version_descends_from_its_base_and_not_the_other_way() {
        let a = Version::first();
        let b = a.next();
        let c = b.next();
        assert!(b.descends_from(&a) && c.descends_from(&a) && c.descends_from(&b));
        assert!(!a.descends_from(&b));
        // Two changes made on the same base are concurrent: neither descends from the other.
        let d = a.next();
        assert!(!d.descends_from(&b) && !b.descends_from(&d));
        assert_eq!((b.rev, d.rev), (2, 2));
        assert_ne!(b.change, d.change);
    }

    #[test]
    fn history_is_bounded_and_an_ancient_copy_is_an_ancestor() {
        let first = Version::first();
        let mut v = first.clone();
        for _ in 0..(REMEMBERED * 2) {
            v = v.next();
        }
        assert_eq!(v.after.len(), REMEMBERED);
        assert!(v.descends_from(&first));
        assert!(!first.descends_from(&v));
    }

    #[test]
    fn absorbing_joins_histories() {
        let a = Version::first();
        let (mut b, c) = (a.next(), a.next());
        b.absorb(&c);
        assert!(b.descends_from(&c) && b.descends_from(&a));
        assert!(!c.descends_from(&b));
    }
}
