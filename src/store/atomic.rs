//! Writing a file so that a crash, a kill or a full disk at any moment leaves either the old
//! file or the new one, never a half-written mix: write a temporary file beside it, flush it
//! to disk, rename it over the old one, then flush the folder so the rename itself lasts.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

/// Creates `dir` and its parents, private to the owner.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(dir)
}

/// Replaces `path` with `bytes` atomically; the file is readable by the owner only.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (dir, tmp) = temporary(path, "tmp")?;
    let result = write_new(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        return result;
    }
    sync_dir(dir);
    Ok(())
}

/// The folder of `path`, made if missing, and a temporary file's name beside `path`.
fn temporary<'a>(path: &'a Path, suffix: &str) -> io::Result<(&'a Path, std::path::PathBuf)> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((
        dir,
        dir.join(format!(".{name}.{}.{suffix}", std::process::id())),
    ))
}

/// A new name in `dir` is durable only once the folder's entry is on disk.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes a new file at `path` with `bytes`, whole or not at all, and never in place of
/// one already there (an `AlreadyExists` error then, even when it appeared meanwhile): the
/// bytes go to a temporary file that is then linked under its name, which fails rather
/// than replace.
pub fn create(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (dir, tmp) = temporary(path, "new")?;
    let result = write_new(&tmp, bytes).and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    result?;
    sync_dir(dir);
    Ok(())
}

fn write_new(tmp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options.open(tmp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/state.json");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn create_never_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("essay.md");
        create(&path, b"first").unwrap();
        let err = create(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn files_and_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private/state.json");
        write(&path, b"x").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }

    #[test]
    fn an_unwritable_place_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, b"x").unwrap();
        assert!(write(&blocker.join("under/state.json"), b"x").is_err());
    }
}
