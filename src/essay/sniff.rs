//! Which converter a file's bytes need: HTML, EPUB, or none (Markdown and plain text are
//! read as they are). Decided by the HTTP content type when there is one, then by the
//! file's extension, then by the bytes themselves (standard input has neither).

use std::path::Path;

/// What a file holds, as far as loading it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Html,
    Epub,
    /// Markdown or plain text: the text readers decide between them.
    Text,
}

/// The kind of `bytes` read from `path`, served (when fetched) as `content_type`.
pub fn kind(bytes: &[u8], path: &Path, content_type: Option<&str>) -> Kind {
    if let Some(kind) = content_type.and_then(by_content_type) {
        return kind;
    }
    if let Some(kind) = by_extension(path) {
        return kind;
    }
    by_content(bytes)
}

/// `text/html; charset=utf-8` → HTML. A type that names neither HTML, EPUB nor text
/// (`application/octet-stream`) decides nothing.
fn by_content_type(content_type: &str) -> Option<Kind> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some(Kind::Html),
        "application/epub+zip" => Some(Kind::Epub),
        "text/plain" | "text/markdown" | "text/x-markdown" => Some(Kind::Text),
        _ => None,
    }
}

/// The extension's kind, if the extension names one.
pub fn by_extension(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(Kind::Html),
        "epub" => Some(Kind::Epub),
        "md" | "markdown" | "mdown" | "mkd" | "mdx" | "txt" | "text" => Some(Kind::Text),
        _ => None,
    }
}

/// The kind by the bytes: an EPUB's zip opens with its `mimetype` entry; a page opens
/// (after a byte-order mark, blank space and comments) with a doctype or `<html>`.
pub fn by_content(bytes: &[u8]) -> Kind {
    if looks_like_epub(bytes) {
        return Kind::Epub;
    }
    if looks_like_html(bytes) {
        return Kind::Html;
    }
    Kind::Text
}

/// A zip whose first entry is an uncompressed `mimetype` holding `application/epub+zip`,
/// as the EPUB standard asks.
pub fn looks_like_epub(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && bytes.get(30..38) == Some(b"mimetype".as_slice())
        && bytes
            .get(38..)
            .is_some_and(|rest| rest.starts_with(b"application/epub+zip"))
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.trim_start();
    // An XML declaration and comments may come before the doctype.
    loop {
        if let Some(after) = rest.strip_prefix("<?xml") {
            rest = after.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    rest.starts_with("<!doctype html") || rest.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epub_head() -> Vec<u8> {
        let mut b = b"PK\x03\x04".to_vec();
        b.resize(30, 0);
        b.extend_from_slice(b"mimetypeapplication/epub+zip");
        b
    }

    #[test]
    fn the_content_type_decides_first() {
        let p = Path::new("post.md");
        assert_eq!(
            kind(b"# x", p, Some("text/html; charset=utf-8")),
            Kind::Html
        );
        assert_eq!(kind(b"# x", p, Some("Application/XHTML+XML")), Kind::Html);
        assert_eq!(kind(b"<html>", p, Some("text/plain")), Kind::Text);
        assert_eq!(kind(b"x", p, Some("application/epub+zip")), Kind::Epub);
        // A type that says nothing leaves it to the extension.
        assert_eq!(
            kind(b"<html>", p, Some("application/octet-stream")),
            Kind::Text
        );
    }

    #[test]
    fn then_the_extension() {
        assert_eq!(kind(b"plain", Path::new("a.HTM"), None), Kind::Html);
        assert_eq!(kind(b"plain", Path::new("a.xhtml"), None), Kind::Html);
        assert_eq!(kind(b"plain", Path::new("a.epub"), None), Kind::Epub);
        assert_eq!(
            kind(b"<!doctype html>", Path::new("a.md"), None),
            Kind::Text
        );
    }

    #[test]
    fn then_the_bytes() {
        let stdin = Path::new("-");
        assert_eq!(kind(b"<!DOCTYPE html><p>x", stdin, None), Kind::Html);
        assert_eq!(
            kind(b"\xEF\xBB\xBF\n  <HTML lang=en>", stdin, None),
            Kind::Html
        );
        assert_eq!(
            kind(
                b"<?xml version='1.0'?>\n<!-- saved -->\n<html>",
                stdin,
                None
            ),
            Kind::Html
        );
        assert_eq!(kind(&epub_head(), stdin, None), Kind::Epub);
        assert_eq!(kind(b"PK\x03\x04 other zip", stdin, None), Kind::Text);
        assert_eq!(kind(b"# Title\n\n<html> in prose", stdin, None), Kind::Text);
        assert_eq!(kind(b"Some text <html>", stdin, None), Kind::Text);
    }
}
