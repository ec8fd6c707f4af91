//! A page's bytes as text. The charset comes from a byte-order mark, else the HTTP
//! content type, else a `<meta charset>` near the top, else UTF-8. A page that declares
//! one charset and is written in another is read as what it is when that can be told:
//! valid UTF-8 with multi-byte characters is UTF-8 whatever it declares, and a page
//! declared UTF-8 that is not is read as Windows-1252 when it looks like it.
//!
//! Only UTF-8, UTF-16 and the Western single-byte charsets (Latin-1, Windows-1252, ASCII)
//! are decoded; a page in another (Shift JIS, KOI8-R) is read as UTF-8 with a warning.

use crate::essay::source::{decode_cp1252, looks_like_cp1252, utf16_text};

/// The page's text and what went wrong decoding it (one line each).
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, Vec<String>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return as_utf8(rest, None);
    }
    if let Some(text) = utf16_text(bytes) {
        return (text, Vec::new());
    }
    let declared = content_type
        .and_then(charset_of)
        .or_else(|| meta_charset(bytes));
    match declared.as_deref() {
        None | Some("utf-8" | "utf8" | "unicode-1-1-utf-8") => as_utf8(bytes, None),
        Some(
            "iso-8859-1" | "latin1" | "l1" | "iso8859-1" | "iso_8859-1" | "windows-1252" | "cp1252"
            | "x-cp1252" | "us-ascii" | "ascii",
        ) => western(bytes, declared.as_deref().unwrap_or("")),
        Some(other) => as_utf8(bytes, Some(other)),
    }
}

/// UTF-8, or Windows-1252 when it is not UTF-8 and looks Western.
fn as_utf8(bytes: &[u8], unsupported: Option<&str>) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    if let Some(name) = unsupported {
        warnings.push(format!(
            "the page's charset {name} is not one margin reads; read as UTF-8"
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), warnings),
        Err(_) if looks_like_cp1252(bytes) => {
            warnings.push("the page is not UTF-8; read as Windows-1252 (Latin-1)".to_string());
            (decode_cp1252(bytes), warnings)
        }
        Err(_) => {
            warnings.push(
                "the page is not valid UTF-8; invalid bytes are shown as \u{FFFD}".to_string(),
            );
            (String::from_utf8_lossy(bytes).into_owned(), warnings)
        }
    }
}

/// A page declared Latin-1 or Windows-1252 (browsers read both as Windows-1252).
fn western(bytes: &[u8], name: &str) -> (String, Vec<String>) {
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.is_ascii() => (
            text.to_string(),
            vec![format!(
                "the page declares {name} but is UTF-8; read as UTF-8"
            )],
        ),
        _ => (decode_cp1252(bytes), Vec::new()),
    }
}

/// `text/html; charset="ISO-8859-1"` → `iso-8859-1`.
fn charset_of(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let name: String = lower[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The charset a `<meta charset>` or `<meta http-equiv content>` in the first 1024 bytes
/// declares, as browsers look for it.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = rest.split('>').next().unwrap_or("");
        if let Some(name) = charset_of(tag) {
            return Some(name);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bom_wins() {
        let (t, w) = decode(b"\xEF\xBB\xBF<meta charset=latin1>caf\xC3\xA9", None);
        assert_eq!(t, "<meta charset=latin1>café");
        assert!(w.is_empty());
        let mut le = vec![0xFF, 0xFE];
        le.extend("<p>é".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le, None).0, "<p>é");
    }

    #[test]
    fn the_http_header_then_the_meta_tag() {
        let latin = b"<meta charset=\"utf-8\"><p>caf\xE9 \x93q\x94";
        let (t, w) = decode(latin, Some("text/html; charset=ISO-8859-1"));
        assert_eq!(t, "<meta charset=\"utf-8\"><p>café “q”");
        assert!(w.is_empty());
        let meta = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head>caf\xE9";
        assert!(decode(meta, None).0.ends_with("café"));
    }

    #[test]
    fn a_wrong_declaration_is_seen_through() {
        // Declared Latin-1, written in UTF-8.
        let (t, w) = decode("<meta charset=iso-8859-1><p>déjà vu".as_bytes(), None);
        assert_eq!(t, "<meta charset=iso-8859-1><p>déjà vu");
        assert_eq!(w.len(), 1, "{w:?}");
        // Declared UTF-8, written in Windows-1252.
        let (t, w) = decode(b"<meta charset=utf-8><p>d\xE9j\xE0 vu", None);
        assert_eq!(t, "<meta charset=utf-8><p>déjà vu");
        assert!(w[0].contains("Windows-1252"), "{w:?}");
        // An unknown charset is named.
        let (_, w) = decode(b"<meta charset=koi8-r><p>x", None);
        assert!(w[0].contains("koi8-r"), "{w:?}");
    }
}
