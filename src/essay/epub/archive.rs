//! An EPUB's zip, read in memory: entries found by their names made plain (`a/../b` is
//! `b`, `../../x` is `x`; names are only keys, nothing is ever written from a book), and
//! read up to a budget of expanded bytes shared by the whole book, so a zip bomb stops
//! with an error instead of filling memory.

use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most a book may expand to: 256 MB, some forty million words.
pub const MAX_EXPANDED: u64 = 256 * 1024 * 1024;

pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Entry index by plain name.
    names: HashMap<String, usize>,
    /// Expanded bytes still allowed.
    budget: u64,
    /// Expanded bytes allowed in all.
    cap: u64,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8], budget: u64) -> Result<Archive<'a>, String> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("not an EPUB: not a readable zip archive ({e})"))?;
        let names = zip
            .file_names()
            .enumerate()
            .filter_map(|(i, name)| Some((plain_name(&name.ok()?), i)))
            .collect::<HashMap<_, _>>();
        // `file_names` follows the archive's order; a repeated name keeps its first entry.
        let mut first = HashMap::new();
        for (name, i) in names {
            first.entry(name).or_insert(i);
        }
        Ok(Archive {
            zip,
            names: first,
            budget,
            cap: budget,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&plain_name(name))
    }

    /// The entry `name`'s bytes, `None` when there is no such entry; an error when it is
    /// damaged or would pass the budget.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let Some(&index) = self.names.get(&plain_name(name)) else {
            return Ok(None);
        };
        let cap = self.cap;
        let too_large = || {
            format!(
                "the book expands past {} MB, the most margin reads (a damaged book or a zip bomb)",
                cap.div_ceil(1024 * 1024)
            )
        };
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|e| format!("the book is damaged: {name}: {e}"))?;
        if entry.size() > self.budget {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        // The declared size may lie: read one byte past the budget to know.
        (&mut entry)
            .take(self.budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("the book is damaged: {name}: {e}"))?;
        let read = bytes.len() as u64;
        if read > self.budget {
            return Err(too_large());
        }
        self.budget -= read;
        Ok(Some(bytes))
    }

    /// The entry as text (UTF-8, or what its byte-order mark says).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, String> {
        Ok(self
            .read(name)?
            .map(|b| crate::essay::html::charset::decode(&b, None).0))
    }
}

/// `OEBPS/text/../ch%201.xhtml#p3` → `OEBPS/ch 1.xhtml`: fragment dropped, escapes
/// decoded, `.` and `..` resolved without ever leaving the top.
pub fn plain_name(name: &str) -> String {
    let name = name.split('#').next().unwrap_or("");
    let name = percent_decode(name);
    let mut parts: Vec<&str> = Vec::new();
    for part in name.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// `href` as named from the entry `base` (`OEBPS/content.opf` + `text/c1.xhtml`).
pub fn resolve(base: &str, href: &str) -> String {
    let dir = base.rsplit_once('/').map_or("", |(d, _)| d);
    if href.starts_with('/') || dir.is_empty() {
        plain_name(href)
    } else {
        plain_name(&format!("{dir}/{href}"))
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_keys() {
        assert_eq!(
            plain_name("OEBPS/text/../ch%201.xhtml#p3"),
            "OEBPS/ch 1.xhtml"
        );
        assert_eq!(plain_name("../../etc/passwd"), "etc/passwd");
        assert_eq!(plain_name("/abs//x"), "abs/x");
        assert_eq!(resolve("OEBPS/content.opf", "../../x.xhtml"), "x.xhtml");
        assert_eq!(resolve("content.opf", "c1.xhtml"), "c1.xhtml");
        assert_eq!(resolve("a/b/nav.xhtml", "c.xhtml#x"), "a/b/c.xhtml");
    }
}
