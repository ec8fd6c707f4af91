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

/// How far through an essay the reader got and when it was last opened, from its
/// position file, without the rest (for the library). Unreadable files give nothing.
pub fn peek(file: &std::path::Path) -> Option<Peek> {
    let saved = std::fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice::<Saved>(&b).ok())?;
    let position = &saved.position;
    Some(Peek {
        percent: position.percent,
        furthest: position.furthest.max(position.percent),
        opened: saved.opened,
    })
}

/// What the library shows of a position file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peek {
    /// How much was read at the place the reader left.
    pub percent: u8,
    /// How much was read at the furthest place the reader reached (never below `percent`).
    pub furthest: u8,
    /// Seconds since the Unix epoch when the essay was last opened.
    pub opened: u64,
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
        let bytes = match std::fs::read(file) {
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

    fn saved(position: &str) -> String {
        format!(r#"{{"version":1,"path":null,"fingerprint":"f","opened":7,"position":{position}}}"#)
    }

    #[test]
    fn the_furthest_point_is_kept_and_a_file_from_before_it_reads_as_the_place() {
        let dir = tempfile::TempDir::new().expect("a folder");
        let file = dir.path().join("p.json");
        let top = r#""top":{"block":3,"offset":0,"quote":"q"}"#;
        std::fs::write(
            &file,
            saved(&format!(r#"{{{top},"percent":40,"furthest":80}}"#)),
        )
        .expect("written");
        assert_eq!(
            peek(&file),
            Some(Peek {
                percent: 40,
                furthest: 80,
                opened: 7
            })
        );
        // Written before `furthest` was kept: the furthest known is where the reader was.
        std::fs::write(&file, saved(&format!(r#"{{{top},"percent":40}}"#))).expect("written");
        assert_eq!(peek(&file).map(|p| p.furthest), Some(40));
        std::fs::write(&file, "{").expect("written");
        assert_eq!(peek(&file), None);
    }
}
