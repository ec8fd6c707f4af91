//! Copying to the terminal's clipboard with OSC 52: the text, base64-encoded, inside an
//! escape sequence that terminals which allow it (xterm, kitty, WezTerm, iTerm2, tmux with
//! `set-clipboard on`) put on the system clipboard. None answers, so margin cannot know
//! whether it worked: the text is also kept in `clipboard.txt` in the data folder.

use std::path::PathBuf;

/// The file in the data folder that keeps the last thing copied.
pub const FILE: &str = "clipboard.txt";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648), with padding: 20 lines rather than a crate.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The escape sequence that asks the terminal to put `text` on the clipboard. Only base64
/// characters stand between its start and its end, whatever `text` holds.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Keeps `text` in the data folder's clipboard file; says where, or why not.
pub fn keep(text: &str) -> Result<PathBuf, String> {
    let dir = crate::store::data_dir().ok_or("no data folder to keep it in (HOME is not set)")?;
    let path = dir.join(FILE);
    crate::store::atomic::write(&path, format!("{text}\n").as_bytes())
        .map_err(|e| format!("could not write {}: {e}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_rfc_gives_it() {
        // RFC 4648, section 10.
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in cases {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x3f]), "//4/");
    }

    #[test]
    fn the_sequence_holds_only_base64() {
        let seq = osc52("“Quoted\x1b]0;evil\x07” — Title");
        let body = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        assert!(
            body.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }
}
