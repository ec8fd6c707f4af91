//! An essay's identity on disk: its canonical path, and a fingerprint of its content so a
//! moved or renamed essay can find its data again. Both are hashed with 64-bit FNV-1a, which
//! is stable across Rust versions and platforms (std's hasher promises neither).

use std::path::{Path, PathBuf};

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// FNV-1a of the words of `text` joined by single spaces, without building that string
/// (an essay of 30 MB would need another 30 MB for it).
fn words_hash(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            feed(b" ");
        }
        feed(word.as_bytes());
    }
    hash
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The canonical path, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// Hash of the essay's words, whitespace-insensitive.
    pub fingerprint: String,
}

impl Identity {
    pub fn new(path: &Path, text: &str) -> Identity {
        let path = (path.as_os_str() != "-")
            .then(|| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
        Identity {
            path,
            fingerprint: format!("{:016x}", words_hash(text)),
        }
    }

    /// The key its files are stored under: the path when there is one, else the content.
    pub fn key(&self) -> String {
        match &self.path {
            Some(p) => format!("{:016x}", fnv1a(p.to_string_lossy().as_bytes())),
            None => format!("stdin-{}", self.fingerprint),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn words_hash_is_the_hash_of_the_words_joined() {
        let text = "  one\ttwo \n\n three  ";
        assert_eq!(words_hash(text), fnv1a(b"one two three"));
        assert_eq!(words_hash(""), fnv1a(b""));
    }

    #[test]
    fn fingerprint_ignores_rewrapping() {
        let a = Identity::new(Path::new("-"), "one two\nthree");
        let b = Identity::new(Path::new("-"), "one  two three\n");
        assert_eq!(a.fingerprint, b.fingerprint);
        assert_eq!(a.key(), b.key());
    }
}
