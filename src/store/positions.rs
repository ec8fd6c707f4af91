//! Reading positions on disk: one small JSON file an essay, `positions/KEY.json` under the
//! data folder, written atomically. A file that cannot be read is left alone (never
//! overwritten by a guess) and reported.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::StoreError;
use super::atomic;
use super::identity::Identity;
use super::position::Position;

const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Saved {
    version: u32,
    /// The essay's path when saved; with the rest, the essay's record (`super::records`).
    path: Option<PathBuf>,
    /// Every path it was opened from, the last one last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    paths: Vec<PathBuf>,
    fingerprint: String,
    /// How its words looked, to know it again once edited and renamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sketch: Option<String>,
    position: Position,
    /// Seconds since the Unix epoch.
    opened: u64,
}

/// How far through an essay the reader is, the furthest they got, and when it was last
/// opened, from its position file, without the rest (for the library).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Peeked {
    pub percent: Option<u8>,
    pub furthest: Option<u8>,
    pub opened: Option<u64>,
}

/// [`Peeked`] from a position file. Unreadable files give nothing.
pub fn peek(file: &std::path::Path) -> Peeked {
    let Some(saved) = super::regular::read(file, super::regular::POSITION_CAP)
        .ok()
        .and_then(|b| serde_json::from_slice::<Saved>(&b).ok())
    else {
        return Peeked::default();
    };
    let percent = saved.position.percent;
    Peeked {
        percent: Some(percent),
        // Files from before the furthest point was kept: where the reader is.
        furthest: Some(saved.position.furthest.max(percent)),
        opened: Some(saved.opened),
    }
}

/// What a position file's bytes hold.
#[derive(Debug)]
pub enum Parsed {
    Position(Position),
    /// Written by a newer margin, with this version.
    Newer(u32),
    Damaged,
}

/// Reads a position file's bytes.
pub fn parse(bytes: &[u8]) -> Parsed {
    match serde_json::from_slice::<Saved>(bytes) {
        Ok(saved) if saved.version <= VERSION => Parsed::Position(saved.position),
        Ok(saved) => Parsed::Newer(saved.version),
        Err(_) => Parsed::Damaged,
    }
}

pub struct PositionStore {
    file: Option<PathBuf>,
    identity: Identity,
    /// Set when the existing file could not be read: we must not overwrite it.
    blocked: bool,
}

impl PositionStore {
    pub fn new(identity: Identity) -> PositionStore {
        Self::in_folder(super::data_dir(), identity)
    }

    /// As [`PositionStore::new`], with the data folder given.
    pub fn in_folder(data: Option<PathBuf>, identity: Identity) -> PositionStore {
        let file = data.map(|d| d.join("positions").join(format!("{}.json", identity.key())));
        PositionStore {
            file,
            identity,
            blocked: false,
        }
    }

    /// The kept position, if any. A damaged file gives an error message and is kept as it is.
    pub fn load(&mut self) -> Result<Option<Position>, StoreError> {
        let Some(file) = &self.file else {
            return Ok(None);
        };
        // Copies a killed margin left half-way through a save hold nothing to keep.
        atomic::sweep(file);
        let bytes = match super::regular::read(file, super::regular::POSITION_CAP) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                self.blocked = true;
                return Err(StoreError::Read {
                    path: file.clone(),
                    source: e,
                });
            }
        };
        match parse(&bytes) {
            Parsed::Position(position) => Ok(Some(position)),
            Parsed::Newer(version) => {
                self.blocked = true;
                Err(StoreError::Newer { version })
            }
            Parsed::Damaged => {
                self.blocked = true;
                Err(StoreError::Damaged { path: file.clone() })
            }
        }
    }

    pub fn save(&self, position: &Position) -> Result<(), StoreError> {
        let Some(file) = &self.file else {
            return Err(StoreError::NoDataFolder);
        };
        if self.blocked {
            return Ok(());
        }
        let saved = Saved {
            version: VERSION,
            path: self.identity.last_path(),
            paths: self.identity.paths.clone(),
            fingerprint: self.identity.fingerprint.clone(),
            sketch: Some(self.identity.sketch.encode()),
            position: position.clone(),
            opened: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        let json = serde_json::to_vec_pretty(&saved)?;
        atomic::write(file, &json).map_err(|source| StoreError::Write {
            path: file.clone(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_from_before_the_furthest_point_was_kept_peeks_its_place_as_the_furthest() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("k.json");
        let old = r#"{"version":1,"path":"a.md","fingerprint":"f","opened":7,
            "position":{"top":{"block":3,"offset":0,"quote":"Words"},"percent":40}}"#;
        std::fs::write(&file, old).unwrap();
        let peeked = peek(&file);
        assert_eq!(peeked.percent, Some(40));
        assert_eq!(peeked.furthest, Some(40));
        assert_eq!(peeked.opened, Some(7));
    }

    #[test]
    fn the_furthest_point_is_peeked_beside_the_place() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("k.json");
        let kept = r#"{"version":1,"path":"a.md","fingerprint":"f","opened":7,
            "position":{"top":{"block":3,"offset":0,"quote":"Words"},"percent":40,"furthest":85}}"#;
        std::fs::write(&file, kept).unwrap();
        assert_eq!(peek(&file).furthest, Some(85));
    }

    #[test]
    fn stale_temporary_copies_go_when_the_position_loads() {
        let dir = tempfile::tempdir().unwrap();
        let identity = Identity::new(&dir.path().join("e.md"), "# E\n\nText.\n");
        let mut store = PositionStore::in_folder(Some(dir.path().to_path_buf()), identity);
        let file = store.file.clone().unwrap();
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let stale = file.with_file_name(format!(".{name}.4000000000.tmp"));
        let f = std::fs::File::create(&stale).unwrap();
        f.set_modified(std::time::SystemTime::now() - atomic::ABANDONED * 2)
            .unwrap();
        drop(f);
        assert!(store.load().unwrap().is_none());
        assert!(!stale.exists());
    }
}
