//! Turning a file's bytes into clean text: refusing binaries, decoding UTF-8 (lossily, with a
//! warning), dropping a byte-order mark, normalising line endings and sanitising controls.
//! Web pages and EPUB books are converted to Markdown here, so every reader after this
//! sees Markdown text (see [`from_bytes`]).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::model::Format;
use super::sniff::{self, Kind};
use crate::error::{Error, Result};
use crate::sanitize::sanitize;

/// An essay's text, ready to parse.
#[derive(Debug, Clone)]
pub struct Source {
    /// Sanitised text with `\n` line endings. Shared: a plain-text essay's blocks are mostly
    /// its lines as they stand, and keep pointing into it instead of holding copies.
    pub text: Arc<String>,
    /// Where it came from; `-` for standard input.
    pub path: PathBuf,
    /// Problems worth telling the reader about (for example invalid UTF-8).
    pub warnings: Vec<String>,
    /// The format the text is known to be in, when loading decided it: a web page or an
    /// ebook converted to Markdown. `None` leaves it to detection.
    pub format: Option<Format>,
}

impl Source {
    /// The file name without its extension, used as a title when the essay has none.
    pub fn stem(&self) -> String {
        if self.is_stdin() {
            return "standard input".to_string();
        }
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.to_string_lossy().into_owned());
        sanitize(&stem).into_owned()
    }

    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The lower-case extension of the file, if any.
    pub fn extension(&self) -> Option<String> {
        self.path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
    }
}

/// The longest essay margin reads, in bytes: 512 MB, some eighty million words, far past
/// any essay or book. Standard input, a device (`/dev/zero`) or a file still being
/// written may not end at all; the cap ends them with an error in bounded memory.
pub const MAX_BYTES: usize = 512 * 1024 * 1024;

/// Reads `path` (`-` for standard input) into a [`Source`].
pub fn load(path: &Path) -> Result<Source> {
    let bytes = if path.as_os_str() == "-" {
        read_capped(std::io::stdin().lock(), path, MAX_BYTES)?
    } else {
        if path.is_dir() {
            return Err(Error::IsDirectory(path.to_path_buf()));
        }
        let file = std::fs::File::open(path).map_err(|e| Error::read(path.to_path_buf(), e))?;
        let size = file.metadata().map_or(0, |m| m.len());
        if size > MAX_BYTES as u64 {
            return Err(Error::TooLarge(path.to_path_buf()));
        }
        read_capped(file, path, MAX_BYTES)?
    };
    from_bytes(bytes, path, None)
}

/// Turns bytes read from `path` (a file, standard input, or a page fetched and served as
/// `content_type`) into a [`Source`]: an HTML page or an EPUB book becomes Markdown (with
/// its title, author and date as front matter), anything else is decoded as text.
pub fn from_bytes(bytes: Vec<u8>, path: &Path, content_type: Option<&str>) -> Result<Source> {
    match sniff::kind(&bytes, path, content_type) {
        Kind::Text => decode_owned(bytes, path),
        Kind::Html => {
            // A PNG saved as `page.html` is still a PNG.
            if let Some(kind) = binary_kind(&bytes) {
                return Err(Error::Binary {
                    path: path.to_path_buf(),
                    kind,
                });
            }
            if bytes.len() > super::html::MAX_BYTES {
                return Err(Error::Unconvertible {
                    path: path.to_path_buf(),
                    reason: super::html::TOO_LARGE.to_string(),
                });
            }
            let converted = super::html::to_markdown(&bytes, content_type);
            converted_source(converted, path)
        }
        Kind::Epub => {
            let converted =
                super::epub::to_markdown(&bytes).map_err(|reason| Error::Unconvertible {
                    path: path.to_path_buf(),
                    reason,
                })?;
            converted_source(converted, path)
        }
    }
}

/// A page's or a book's Markdown, sanitised like any text (a page's escape sequences and
/// bidi controls never reach the terminal), and marked as Markdown.
fn converted_source(converted: super::html::Converted, path: &Path) -> Result<Source> {
    let mut source = finish(converted.markdown, converted.warnings, path)?;
    source.format = Some(Format::Markdown);
    Ok(source)
}

/// Reads `from` to its end, or refuses: past `cap` bytes (without ever holding more than
/// `cap`), or as soon as its first bytes show a binary (`/dev/urandom` ends at once
/// rather than at the cap).
fn read_capped(from: impl Read, path: &Path, cap: usize) -> Result<Vec<u8>> {
    read_capped_each(from, path, cap, |_| {})
}

/// [`read_capped`], handing each piece to `each` as it arrives (standard input shown before
/// it ends: see the piped module).
pub(super) fn read_capped_each(
    mut from: impl Read,
    path: &Path,
    cap: usize,
    mut each: impl FnMut(&[u8]),
) -> Result<Vec<u8>> {
    const CHUNK: usize = 64 * 1024;
    /// As much as [`binary_kind`] looks at.
    const SNIFF: usize = 8192;
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    let mut sniffed = false;
    loop {
        let n = match from.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::read(path.to_path_buf(), e)),
        };
        if n > cap - bytes.len() {
            return Err(Error::TooLarge(path.to_path_buf()));
        }
        // Grown by doubling, as a vector is, but never past the cap.
        if bytes.len() + n > bytes.capacity() {
            let more = bytes.capacity().max(n).min(cap - bytes.len());
            bytes.reserve_exact(more);
        }
        bytes.extend_from_slice(&chunk[..n]);
        each(&chunk[..n]);
        if !sniffed && bytes.len() >= SNIFF {
            sniffed = true;
            // An EPUB is a zip, and read whole before it is recognised.
            let epub = sniff::kind(&bytes, path, None) == Kind::Epub;
            if let Some(kind) = binary_kind(&bytes).filter(|_| !epub) {
                return Err(Error::Binary {
                    path: path.to_path_buf(),
                    kind,
                });
            }
        }
    }
}

/// Decodes bytes read from `path`, keeping them as the text when they are clean UTF-8 (the
/// usual case) instead of copying them: a long essay needs its size once, not twice.
pub fn decode_owned(mut bytes: Vec<u8>, path: &Path) -> Result<Source> {
    if binary_kind(&bytes).is_none() && utf16_text(&bytes).is_none() {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(text) => return finish(text, Vec::new(), path),
            Err(e) => bytes = e.into_bytes(),
        }
    }
    decode(&bytes, path)
}

/// The start of a long essay, to show while the rest is read: about `limit` bytes, cut at
/// the end of a line. `None` when the file is short enough to read whole at once (or is
/// standard input, or UTF-16, whose lines cannot be cut by bytes); an error when even its
/// start shows it cannot be read (a binary, say).
pub fn head(path: &Path, limit: usize) -> Result<Option<Source>> {
    if path.as_os_str() == "-" || path.is_dir() {
        return Ok(None);
    }
    let mut file = std::fs::File::open(path).map_err(|e| Error::read(path.to_path_buf(), e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size <= (2 * limit) as u64 {
        return Ok(None);
    }
    // Refused before its start is shown, rather than when the rest is read.
    if size > MAX_BYTES as u64 {
        return Err(Error::TooLarge(path.to_path_buf()));
    }
    let mut bytes = Vec::with_capacity(limit);
    (&mut file)
        .take(limit as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::read(path.to_path_buf(), e))?;
    match sniff::kind(&bytes, path, None) {
        Kind::Epub => return epub_start(file, bytes, path, limit).map(Some),
        Kind::Html => return Ok(page_start(&bytes, path)),
        Kind::Text => {}
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || converted(&bytes, path) {
        return Ok(None);
    }
    let Some(cut) = bytes.iter().rposition(|&b| b == b'\n') else {
        return Ok(None);
    };
    bytes.truncate(cut + 1);
    decode(&bytes, path).map(Some)
}

/// A long page's start, from its first `limit` bytes cut after a tag: the article as far as
/// it goes there, shown while the whole page is converted (a 1 MB page takes some 80 ms).
/// `None` when that start has no words to show (a page whose head is all styles and
/// scripts): the page is then read whole first.
fn page_start(start: &[u8], path: &Path) -> Option<Source> {
    let cut = start.iter().rposition(|&b| b == b'>')? + 1;
    from_bytes(start[..cut].to_vec(), path, None).ok()
}

/// A long book's first chapters, about `limit` bytes of Markdown, to show while the rest is
/// converted: a 5 MB EPUB opens on its first chapter at once. `start` is what was read of
/// `file` already.
fn epub_start(
    mut file: std::fs::File,
    mut start: Vec<u8>,
    path: &Path,
    limit: usize,
) -> Result<Source> {
    file.read_to_end(&mut start)
        .map_err(|e| Error::read(path.to_path_buf(), e))?;
    let converted =
        super::epub::to_markdown_start(&start, limit).map_err(|reason| Error::Unconvertible {
            path: path.to_path_buf(),
            reason,
        })?;
    converted_source(converted, path)
}

/// The end of a long essay, to show while the rest is read: about its last `limit` bytes,
/// from the start of a paragraph (after a blank line, else a line break). `None` where
/// [`head`] gives `None`.
pub fn tail(path: &Path, limit: usize) -> Result<Option<Source>> {
    use std::io::{Seek, SeekFrom};
    if path.as_os_str() == "-" || path.is_dir() {
        return Ok(None);
    }
    let read_error = |e| Error::read(path.to_path_buf(), e);
    let mut file = std::fs::File::open(path).map_err(read_error)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size <= (2 * limit) as u64 {
        return Ok(None);
    }
    let mut start = vec![0u8; 1024];
    file.read_exact(&mut start).map_err(read_error)?;
    if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") || converted(&start, path) {
        return Ok(None);
    }
    file.seek(SeekFrom::Start(size - limit as u64))
        .map_err(read_error)?;
    let mut bytes = Vec::with_capacity(limit);
    file.read_to_end(&mut bytes).map_err(read_error)?;
    let from = match bytes.windows(2).position(|w| w == b"\n\n") {
        Some(i) => i + 2,
        None => match bytes.iter().position(|&b| b == b'\n') {
            Some(i) => i + 1,
            None => return Ok(None),
        },
    };
    decode(&bytes[from..], path).map(Some)
}

/// A page or a book, whose start cannot be shown alone: it is converted whole.
fn converted(start: &[u8], path: &Path) -> bool {
    sniff::kind(start, path, None) != Kind::Text
}

/// Decodes bytes read from `path`.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Source> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            kind,
        });
    }
    let mut warnings = Vec::new();
    let text = match utf16_text(bytes) {
        Some(text) => text,
        None => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match std::str::from_utf8(bytes) {
                Ok(s) => s.to_string(),
                Err(e) => {
                    let line = 1 + bytes[..e.valid_up_to()]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count();
                    if looks_like_cp1252(bytes) {
                        warnings.push(format!(
                            "{}: not UTF-8; read as Windows-1252 (Latin-1)",
                            crate::error::show_path(path),
                        ));
                        decode_cp1252(bytes)
                    } else {
                        warnings.push(format!(
                            "{}: not valid UTF-8 (first bad byte on line {line}); invalid bytes are shown as �",
                            crate::error::show_path(path),
                        ));
                        String::from_utf8_lossy(bytes).into_owned()
                    }
                }
            }
        }
    };
    finish(text, warnings, path)
}

/// Decoded text made safe: sanitised, refused when there is nothing to read.
fn finish(text: String, warnings: Vec<String>, path: &Path) -> Result<Source> {
    // Clean text (the usual case) is kept as it is, not copied.
    let text = match sanitize(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    };
    if text.trim().is_empty() {
        return Err(Error::Empty(path.to_path_buf()));
    }
    Ok(Source {
        text: Arc::new(text),
        path: path.to_path_buf(),
        warnings,
        format: None,
    })
}

/// Text from an older Western encoding: it has bytes above 127 but not one valid UTF-8
/// sequence of two or more bytes (a UTF-8 file with one damaged byte still has many).
pub(super) fn looks_like_cp1252(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut multibyte = 0;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                multibyte += std::str::from_utf8(good)
                    .map_or(0, |s| s.chars().filter(|c| c.len_utf8() > 1).count());
                rest = &bad[e.error_len().unwrap_or(bad.len()).min(bad.len())..];
            }
        }
    }
    multibyte == 0
}

/// Windows-1252: Latin-1 with printable characters in 0x80–0x9F.
pub(super) fn decode_cp1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// UTF-16 text is recognised only by its byte-order mark.
pub(super) fn utf16_text(bytes: &[u8]) -> Option<String> {
    let (rest, little) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (rest, true)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (rest, false)
    } else {
        return None;
    };
    let units = rest.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect(),
    )
}

/// Names the kind of a binary file from its first bytes, or `None` for text.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a zip archive (or an EPUB or Office file)"),
        (b"%PDF-", "a PDF document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "a program (ELF binary)"),
        (b"BZh", "a bzip2 archive"),
        (b"\xFD7zXZ\x00", "an xz archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-zip archive"),
        (b"\x28\xB5\x2F\xFD", "a zstd archive"),
        (b"SQLite format 3\x00", "an SQLite database"),
        (b"RIFF", "a RIFF media file"),
        (b"\x00\x00\x00", "a binary file"),
    ];
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some("a binary file");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<Source> {
        decode(bytes, Path::new("x.txt"))
    }

    #[test]
    fn refuses_png_zip_and_nul() {
        assert!(matches!(
            dec(b"\x89PNG\r\n\x1a\n...."),
            Err(Error::Binary { .. })
        ));
        assert!(matches!(dec(b"PK\x03\x04rest"), Err(Error::Binary { .. })));
        assert!(matches!(dec(b"text\0more"), Err(Error::Binary { .. })));
    }

    #[test]
    fn reading_stops_at_the_cap_holding_no_more_than_it() {
        let path = Path::new("-");
        let endless = std::io::repeat(b'y');
        let err = read_capped(endless, path, 100_000).unwrap_err();
        assert!(matches!(err, Error::TooLarge(_)), "{err}");
        assert_eq!(
            err.to_string(),
            "standard input: longer than 512 MB, the most margin reads; give it a part at a time (`head -c 100M FILE | margin -`)"
        );
        // Up to the cap is read whole.
        let exact = std::io::Read::take(std::io::repeat(b'y'), 100_000);
        assert_eq!(read_capped(exact, path, 100_000).unwrap().len(), 100_000);
    }

    #[test]
    fn an_endless_binary_is_refused_from_its_first_bytes() {
        let zeros = std::io::repeat(0);
        let err = read_capped(zeros, Path::new("/dev/zero"), usize::MAX).unwrap_err();
        assert!(matches!(err, Error::Binary { .. }), "{err}");
    }

    #[test]
    fn empty_and_blank_are_refused() {
        assert!(matches!(dec(b""), Err(Error::Empty(_))));
        assert!(matches!(dec(b" \n\n\t\n"), Err(Error::Empty(_))));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let s = dec(b"\xEF\xBB\xBFTitle\r\nText.\r\n").unwrap();
        assert_eq!(&*s.text, "Title\nText.\n");
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn invalid_utf8_is_decoded_with_a_warning() {
        let s = dec("caf\u{e9} au lait, déjà "
            .as_bytes()
            .iter()
            .copied()
            .chain(*b"\xE9 bad\n")
            .collect::<Vec<u8>>()
            .as_slice())
        .unwrap();
        assert_eq!(&*s.text, "café au lait, déjà \u{FFFD} bad\n");
        assert_eq!(s.warnings.len(), 1);
        assert!(s.warnings[0].contains("line 1"));
    }

    #[test]
    fn latin1_and_cp1252_files_are_read_as_such() {
        let s = dec(b"Caf\xe9 \x93quoted\x94 \x97 dash\n").unwrap();
        assert_eq!(&*s.text, "Café “quoted” — dash\n");
        assert!(s.warnings[0].contains("Windows-1252"));
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Hi there".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(&*dec(&bytes).unwrap().text, "Hi there");
    }

    #[test]
    fn an_epub_is_read_whole_not_refused_as_a_zip() {
        let book = crate::sample_web::book(20_000);
        assert!(book.len() > 8192, "past the sniffing point");
        let read = read_capped(book.as_slice(), Path::new("-"), MAX_BYTES).unwrap();
        assert_eq!(read, book);
        let long = vec![b'x'; 20_000];
        let other_zip = crate::sample_web::zip(&[("a.txt", &long)]);
        assert!(matches!(
            read_capped(other_zip.as_slice(), Path::new("-"), MAX_BYTES),
            Err(Error::Binary { .. })
        ));
    }

    #[test]
    fn pages_and_books_have_a_converted_start_and_no_end() {
        let dir = tempfile::tempdir().unwrap();
        let limit = 4096;
        let page = crate::sample_web::page(5 * limit);
        let long_text = "A line of an essay.\n\n".repeat(2000);
        for (name, bytes) in [
            ("page.html", page.as_bytes().to_vec()),
            ("saved-page", page.as_bytes().to_vec()),
            ("book.epub", crate::sample_web::book(5 * limit)),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            assert!(tail(&path, limit).unwrap().is_none(), "{name}");
            // Its first chapters or the article's start as Markdown, never raw bytes.
            let start = head(&path, limit).unwrap().expect(name);
            assert_eq!(start.format, Some(Format::Markdown), "{name}");
            assert!(!start.text.contains('<'), "{name}: {}", start.text);
            let first = if name == "book.epub" {
                "Chapter 1"
            } else {
                "A Long Essay"
            };
            assert!(start.text.contains(first), "{name}: {}", start.text);
        }
        let text = dir.path().join("essay.txt");
        std::fs::write(&text, long_text).unwrap();
        assert!(head(&text, limit).unwrap().is_some());
        assert!(tail(&text, limit).unwrap().is_some());
    }

    #[test]
    fn from_bytes_converts_pages_and_marks_them_markdown() {
        let page = b"<!doctype html><title>T</title><p>Words.</p>".to_vec();
        let s = from_bytes(page.clone(), Path::new("-"), None).unwrap();
        assert_eq!(s.format, Some(Format::Markdown));
        assert_eq!(&*s.text, "---\ntitle: \"T\"\n---\n\nWords.\n");
        // Served as plain text, a page is shown as written.
        let s = from_bytes(page, Path::new("-"), Some("text/plain")).unwrap();
        assert_eq!(s.format, None);
        assert!(s.text.starts_with("<!doctype html>"));
        let png = from_bytes(b"\x89PNG\r\n\x1a\n....".to_vec(), Path::new("a.html"), None);
        assert!(matches!(png, Err(Error::Binary { .. })));
        let plain = from_bytes(b"Just words.".to_vec(), Path::new("a.txt"), None).unwrap();
        assert_eq!(plain.format, None);
    }

    #[test]
    fn escapes_are_sanitised_on_load() {
        assert_eq!(&*dec(b"a\x1b[2Jb").unwrap().text, "a\u{241b}b");
    }
}
