//! Reading margin's own files without trusting what sits in their place. A FIFO there would
//! block the open (and the reader with it) for ever; a link to `/dev/zero` would be read
//! until memory runs out. So a file is opened without blocking, checked to be a regular file
//! on the descriptor itself (no window for a swap between the check and the read), and read
//! no further than a cap its kind of file never needs.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The most a notes file (or a rescue file) may hold.
pub const NOTES_CAP: u64 = 64 << 20;
/// The most a reading position file may hold: it is a few hundred bytes.
pub const POSITION_CAP: u64 = 1 << 20;
/// The most the library cache may hold: a summary is well under a kilobyte an essay.
pub const CACHE_CAP: u64 = 64 << 20;

/// Opens `path` for reading, refusing anything but a regular file, without blocking.
pub fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    // A link is followed (the file it names is checked): a link to a device is refused.
    nonblocking(&mut options, false);
    let file = options.open(path)?;
    refuse_irregular(&file.metadata()?)?;
    Ok(file)
}

/// Opens (creating it when missing) `path` for writing, as a lock file is: never through a
/// symbolic link, without blocking on a FIFO, and only when it is a regular file.
pub fn open_lock(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    nonblocking(&mut options, true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path).map_err(|e| {
        // A FIFO with no reader answers "no such device"; say what is really there.
        match std::fs::symlink_metadata(path) {
            Ok(meta) => refuse_irregular(&meta).err().unwrap_or(e),
            Err(_) => e,
        }
    })?;
    refuse_irregular(&file.metadata()?)?;
    Ok(file)
}

/// The whole of the regular file at `path`, when it holds no more than `cap` bytes.
pub fn read(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    read_stamped(path, cap).map(|(bytes, _)| bytes)
}

/// Which file a path named, and how it looked: a file replaced (renamed over, by a sync
/// tool say) or rewritten in place has another stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    device: u64,
    inode: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        let (device, inode) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (device, inode) = (0, 0);
        Stamp {
            device,
            inode,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    /// The stamp of what is at `path` now (not following a link); `None` when nothing is.
    pub fn now(path: &Path) -> Option<Stamp> {
        std::fs::symlink_metadata(path).ok().map(|m| Stamp::of(&m))
    }
}

/// As [`read`], with the stamp of the file that was read (taken from the open file, so it
/// is the stamp of exactly these bytes' file).
pub fn read_stamped(path: &Path, cap: u64) -> io::Result<(Vec<u8>, Stamp)> {
    let file = open(path)?;
    let stamp = Stamp::of(&file.metadata()?);
    let mut bytes = Vec::new();
    // One byte past the cap tells a file at the cap from a larger one.
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} MB", cap >> 20),
        ));
    }
    Ok((bytes, stamp))
}

/// As [`read`], as UTF-8 text.
pub fn read_to_string(path: &Path, cap: u64) -> io::Result<String> {
    into_text(read(path, cap)?)
}

/// Bytes read as UTF-8 text, or an error saying they are not.
pub fn into_text(bytes: Vec<u8>) -> io::Result<String> {
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// A FIFO is opened at once rather than when a writer comes; a regular file is unaffected.
/// With `no_links`, a symbolic link in the last place fails the open instead of being followed.
fn nonblocking(options: &mut OpenOptions, no_links: bool) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let links = if no_links { libc::O_NOFOLLOW } else { 0 };
        options.custom_flags(libc::O_NONBLOCK | links);
    }
    #[cfg(not(unix))]
    let _ = (options, no_links);
}

fn refuse_irregular(meta: &Metadata) -> io::Result<()> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a folder"));
    }
    let what = irregular_kind(meta);
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{what}, not a regular file"),
    ))
}

#[cfg(unix)]
fn irregular_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "something else"
    }
}

#[cfg(not(unix))]
fn irregular_kind(_: &Metadata) -> &'static str {
    "something else"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_up_to_its_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read(&path, 5).unwrap(), b"12345");
        let err = read(&path, 4).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            read(&dir.path().join("none"), 9).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_for_reading_and_locking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: `c` is a NUL-terminated path that outlives the call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // Were the open to block, the test would hang: the harness's timeout catches it.
        let err = read(&fifo, 10).unwrap_err();
        assert!(err.to_string().contains("a FIFO"), "{err}");
        let err = open_lock(&fifo).unwrap_err();
        assert!(err.to_string().contains("a FIFO"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_device_is_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(read(&link, 10).is_err());
        let err = open_lock(&link).unwrap_err();
        assert!(!err.to_string().is_empty());
    }
}
