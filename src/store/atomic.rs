//! Writing a file so that a crash, a kill or a full disk at any moment leaves either the old
//! file or the new one, never a half-written mix: write a temporary file beside it, flush it
//! to disk, rename it over the old one, then flush the folder so the rename itself lasts.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

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
    stage(path, bytes)?.commit()
}

/// The new contents of a file, written and flushed to a temporary file beside it, not yet
/// in its place: [`Staged::commit`] puts them there; dropped uncommitted, they are removed.
/// Between the two the caller may look again at what it is about to replace.
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    committed: bool,
}

/// Writes `bytes` to a new temporary file beside `path` (see [`Staged`]).
///
/// The temporary file's name is new to the folder (`.NAME.PID-N.tmp`, created only when
/// nothing has that name, trying the next `N` otherwise): a copy left by a crashed margin
/// whose process number this one was given, or a link planted under a name margin would
/// pick, never stops a save nor is written through.
pub fn stage(path: &Path, bytes: &[u8]) -> io::Result<Staged> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pid = std::process::id();
    let mut last = None;
    for _ in 0..TEMPORARY_TRIES {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{pid}-{n}.tmp"));
        match write_new(&tmp, bytes) {
            Ok(()) => {
                #[cfg(test)]
                hook::after_staging(path);
                return Ok(Staged {
                    tmp,
                    path: path.to_path_buf(),
                    committed: false,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                return Err(e);
            }
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// How many taken temporary names a write passes over before it gives up.
const TEMPORARY_TRIES: usize = 64;

/// Counts this process's temporary files, so that no two of its writes (on any thread)
/// share a name; names left by an earlier process of the same number are passed over.
static COUNTER: AtomicU64 = AtomicU64::new(0);

impl Staged {
    /// Renames the temporary file over the target, then flushes the folder so the rename
    /// itself lasts.
    pub fn commit(mut self) -> io::Result<()> {
        fs::rename(&self.tmp, &self.path)?;
        self.committed = true;
        // The rename is durable only once the folder's entry is on disk.
        sync_folder(&self.path);
        Ok(())
    }
}

impl Staged {
    /// Puts the temporary file in its place only when nothing is there: a file that
    /// appeared since the caller looked is never replaced (the error is `AlreadyExists`,
    /// and the temporary file goes). A hard link does that in one step; where the file
    /// system has none, the place is looked at just before the rename.
    pub fn commit_new(mut self) -> io::Result<()> {
        match fs::hard_link(&self.tmp, &self.path) {
            Ok(()) => {
                let _ = fs::remove_file(&self.tmp);
                self.committed = true;
                sync_folder(&self.path);
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
            Err(_) if fs::symlink_metadata(&self.path).is_ok() => Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "a file appeared in its place",
            )),
            Err(_) => self.commit(),
        }
    }
}

/// Writes a new file at `path` with `bytes`, whole or not at all, and never in place of
/// one already there (an `AlreadyExists` error then, even when it appeared meanwhile).
pub fn create(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(path, bytes)?.commit_new()
}

/// Flushes the folder holding `path`, so that a rename or link in it lasts.
fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent()
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Removes the temporary copies of `path` that a crashed or killed margin left beside it
/// (`.NAME.PID….tmp`): those older than [`STALE`] whose process is gone, and any older than
/// [`ABANDONED`] (a process of that number may be another program by now). Copies of a
/// margin still writing are young and left alone. Returns how many went.
pub fn sweep(path: &Path) -> usize {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return 0;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(middle) = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
        else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let age = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or_default();
        let pid = middle.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let gone = pid.is_some_and(|p| !alive(p));
        if meta.is_file() && (age > ABANDONED || (age > STALE && gone)) {
            removed += usize::from(fs::remove_file(entry.path()).is_ok());
        }
    }
    removed
}

/// How old a temporary copy of a process that is gone must be to be removed.
pub const STALE: Duration = Duration::from_secs(10 * 60);
/// How old any temporary copy must be to be removed.
pub const ABANDONED: Duration = Duration::from_secs(60 * 60);

/// Whether a process with number `pid` exists (on this machine).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
        let answer = unsafe { libc::kill(pid, 0) };
        answer == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
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

/// A seam for tests: something that happens to the target once the temporary file is
/// written, before the rename (a sync tool replacing it, say), on this thread only.
#[cfg(test)]
pub mod hook {
    use std::cell::RefCell;
    use std::path::Path;

    type Hook = Box<dyn FnMut(&Path)>;

    thread_local! {
        static AFTER_STAGING: RefCell<Option<Hook>> = RefCell::new(None);
    }

    /// Runs `f` after every temporary file written on this thread, until [`clear`].
    pub fn set(f: impl FnMut(&Path) + 'static) {
        AFTER_STAGING.with(|h| *h.borrow_mut() = Some(Box::new(f)));
    }

    pub fn clear() {
        AFTER_STAGING.with(|h| *h.borrow_mut() = None);
    }

    pub(super) fn after_staging(path: &Path) {
        AFTER_STAGING.with(|h| {
            if let Some(f) = h.borrow_mut().as_mut() {
                f(path);
            }
        });
    }
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

    #[test]
    fn a_copy_left_under_this_process_number_does_not_stop_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        let pid = std::process::id();
        // What earlier names looked like, and the next few of today's.
        let mut planted = vec![dir.path().join(format!(".notes.toml.{pid}.tmp"))];
        let next = COUNTER.load(Ordering::Relaxed);
        planted.extend(
            (next..next + 3).map(|n| dir.path().join(format!(".notes.toml.{pid}-{n}.tmp"))),
        );
        for p in &planted {
            fs::write(p, b"left by a crash").unwrap();
        }
        write(&path, b"saved").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"saved");
        for p in &planted {
            assert_eq!(fs::read(p).unwrap(), b"left by a crash", "{p:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_under_a_temporary_name_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::write(&outside, b"theirs").unwrap();
        let next = COUNTER.load(Ordering::Relaxed);
        let pid = std::process::id();
        for n in next..next + 3 {
            let link = dir.path().join(format!(".x.md.{pid}-{n}.tmp"));
            std::os::unix::fs::symlink(&outside, link).unwrap();
        }
        write(&dir.path().join("x.md"), b"ours").unwrap();
        assert_eq!(fs::read(&outside).unwrap(), b"theirs");
        assert_eq!(fs::read(dir.path().join("x.md")).unwrap(), b"ours");
    }

    #[test]
    fn stale_copies_go_and_young_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.toml");
        let aged = |name: &str, age: Duration| {
            let p = dir.path().join(name);
            let f = File::create(&p).unwrap();
            f.set_modified(SystemTime::now() - age).unwrap();
            p
        };
        let me = std::process::id();
        // No process has a number this large (Linux allows at most 2^22).
        let dead = 4_000_000_000u32;
        let old_dead = aged(&format!(".k.toml.{dead}.tmp"), STALE * 2);
        let ancient_mine = aged(&format!(".k.toml.{me}-3.tmp"), ABANDONED * 2);
        let young_dead = aged(&format!(".k.toml.{dead}-1.tmp"), Duration::from_secs(5));
        let old_mine = aged(&format!(".k.toml.{me}-2.tmp"), STALE * 2);
        let other = aged(".other.toml.1.tmp", ABANDONED * 2);
        assert_eq!(sweep(&path), 2);
        assert!(!old_dead.exists() && !ancient_mine.exists());
        assert!(young_dead.exists() && old_mine.exists() && other.exists());
    }
}
