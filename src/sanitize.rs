//! The one gate between untrusted text and the terminal.
//!
//! Essays, headings, file names and note bodies can carry bytes that a terminal would obey:
//! colour and cursor sequences, window-title and clipboard commands (OSC 0, OSC 52), hyperlinks
//! (OSC 8), device controls, and bidirectional overrides that make text read differently from
//! how it is stored. Everything margin prints passes through [`sanitize`] first, which keeps the
//! text readable and makes every such byte harmless and visible:
//!
//! - a whole escape sequence (CSI `ESC [ … final`, OSC/DCS/SOS/PM/APC strings up to BEL or
//!   `ESC \`, an unterminated one up to the end of its line, two- and three-byte escapes, and
//!   their 8-bit C1 forms U+009B, U+009D, U+0090, U+0098, U+009E, U+009F) becomes one `␛`;
//! - any other C0 control becomes its Control Picture (`␇` for BEL), DEL becomes `␡`, and any
//!   other C1 control becomes `�`;
//! - a bidirectional override or isolate (U+202A–202E, U+2066–2069) is removed: it has no
//!   width and nothing to show, and kept it would reorder the text after it. ZWJ and ZWNJ
//!   are kept, so emoji sequences and Indic scripts still join;
//! - a tab becomes spaces up to the next multiple of four columns; CRLF becomes LF and a bare
//!   CR (or NEL, U+2028, U+2029) becomes a line break instead of overwriting the line.

use std::borrow::Cow;

/// Shown where an escape sequence was.
pub const ESCAPE_MARK: char = '␛';
/// Shown for C1 controls that begin no sequence.
pub const CONTROL_MARK: char = '\u{FFFD}';

const TAB_STOP: usize = 4;

/// Text pasted into a one-line prompt (a search, a filter): its first line, sanitized like
/// the essay, since a paste is untrusted text too.
pub fn pasted_line(text: &str) -> Cow<'_, str> {
    sanitize(text.lines().next().unwrap_or(""))
}

/// Returns `s` with nothing a terminal would interpret, borrowing when it is already clean.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_safe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut column = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\t' => {
                let n = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
                continue;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    column = 0;
                }
                continue;
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\u{1b}' => {
                skip_escape(&mut chars);
                out.push(ESCAPE_MARK);
            }
            '\u{9b}' => {
                skip_csi_body(&mut chars);
                out.push(ESCAPE_MARK);
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                skip_string_body(&mut chars);
                out.push(ESCAPE_MARK);
            }
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or(CONTROL_MARK));
            }
            '\u{7f}' => out.push('␡'),
            c if is_c1(c) => out.push(CONTROL_MARK),
            // Removed, not shown: it takes no column, so the tab stops stay where they were.
            c if is_bidi_control(c) => continue,
            c => out.push(c),
        }
        column += 1;
    }
    Cow::Owned(out)
}

fn is_safe(c: char) -> bool {
    match c {
        '\n' => true,
        c if (c as u32) < 0x20 || c == '\u{7f}' => false,
        c => !is_c1(c) && !is_bidi_control(c) && c != '\u{2028}' && c != '\u{2029}',
    }
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// Overrides and isolates: the characters of the "Trojan Source" trick. The marks
/// LRM/RLM/ALM are left alone: they only nudge neutral characters and reorder nothing.
fn is_bidi_control(c: char) -> bool {
    ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Consumes what follows an ESC that belongs to its sequence.
fn skip_escape(chars: &mut Chars) {
    let Some(&next) = chars.peek() else { return };
    match next {
        '[' => {
            chars.next();
            skip_csi_body(chars);
        }
        ']' | 'P' | 'X' | '^' | '_' => {
            chars.next();
            skip_string_body(chars);
        }
        // nF escapes: intermediates then one final byte (`ESC ( B`).
        '\u{20}'..='\u{2f}' => {
            while matches!(chars.peek(), Some('\u{20}'..='\u{2f}')) {
                chars.next();
            }
            if matches!(chars.peek(), Some('\u{30}'..='\u{7e}')) {
                chars.next();
            }
        }
        // Two-byte escapes (`ESC 7`, `ESC c`, `ESC M`).
        '\u{30}'..='\u{7e}' => {
            chars.next();
        }
        _ => {}
    }
}

/// Parameters, intermediates and the final byte of a CSI sequence.
fn skip_csi_body(chars: &mut Chars) {
    while matches!(chars.peek(), Some('\u{30}'..='\u{3f}')) {
        chars.next();
    }
    while matches!(chars.peek(), Some('\u{20}'..='\u{2f}')) {
        chars.next();
    }
    if matches!(chars.peek(), Some('\u{40}'..='\u{7e}')) {
        chars.next();
    }
}

/// The body of an OSC/DCS/SOS/PM/APC string, through its terminator (BEL, `ESC \` or ST).
/// An unterminated string ends at the end of its line; the line break is kept.
fn skip_string_body(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        sanitize(s).into_owned()
    }

    fn no_raw_controls(s: &str) -> bool {
        s.chars().all(is_safe)
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("plain — text\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn sgr_colour_becomes_one_mark() {
        assert_eq!(clean("a\u{1b}[1;31mred\u{1b}[0m b"), "a␛red␛ b");
    }

    #[test]
    fn clear_screen_is_removed_whole() {
        assert_eq!(clean("x\u{1b}[2Jy"), "x␛y");
    }

    #[test]
    fn osc_title_with_bel_and_with_st() {
        assert_eq!(clean("a\u{1b}]0;pwned\u{7}b"), "a␛b");
        assert_eq!(clean("a\u{1b}]0;pwned\u{1b}\\b"), "a␛b");
    }

    #[test]
    fn osc8_link_keeps_only_its_text() {
        let s = "\u{1b}]8;;http://evil\u{1b}\\click\u{1b}]8;;\u{1b}\\";
        assert_eq!(clean(s), "␛click␛");
    }

    #[test]
    fn osc52_clipboard_is_removed() {
        assert_eq!(clean("\u{1b}]52;c;ZWNobyBoaQ==\u{7}ok"), "␛ok");
    }

    #[test]
    fn unterminated_osc_ends_at_line_end() {
        assert_eq!(clean("a\u{1b}]0;never ends\nnext"), "a␛\nnext");
    }

    #[test]
    fn dcs_and_c1_forms() {
        assert_eq!(clean("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b"), "a␛b");
        assert_eq!(clean("a\u{9b}31mb"), "a␛b");
        assert_eq!(clean("a\u{9d}0;t\u{9c}b"), "a␛b");
        assert_eq!(clean("a\u{90}data\u{9c}b"), "a␛b");
    }

    #[test]
    fn short_escapes() {
        assert_eq!(clean("a\u{1b}(Bb"), "a␛b");
        assert_eq!(clean("a\u{1b}cb"), "a␛b");
        assert_eq!(clean("end\u{1b}"), "end␛");
    }

    #[test]
    fn controls_become_pictures() {
        assert_eq!(clean("bell\u{7}"), "bell␇");
        assert_eq!(clean("nul\u{0}"), "nul␀");
        assert_eq!(clean("del\u{7f}"), "del␡");
        assert_eq!(clean("c1\u{85}x"), "c1\nx");
        assert_eq!(clean("c1\u{8d}x"), "c1\u{FFFD}x");
    }

    #[test]
    fn bidi_overrides_and_isolates_are_removed_and_joiners_kept() {
        assert_eq!(clean("a\u{202e}b\u{2067}c"), "abc");
        let every: String = ('\u{202a}'..='\u{202e}')
            .chain('\u{2066}'..='\u{2069}')
            .collect();
        assert_eq!(clean(&format!("x{every}y")), "xy");
        // Trojan Source: the override cannot hide the code's real order.
        assert_eq!(
            clean("if access_level != \"user\u{202e} \u{2066}// admin\u{2069} \u{2066}\""),
            "if access_level != \"user // admin \""
        );
        // Removed characters take no column: the tab after them still lands on the stop.
        assert_eq!(clean("ab\u{202e}\tc"), "ab  c");
        // The marks LRM/RLM reorder nothing and stay.
        assert_eq!(clean("a\u{200f}b"), "a\u{200f}b");
        let family = "👩\u{200d}👩\u{200d}👧 क्\u{200c}ष";
        assert_eq!(clean(family), family);
    }

    #[test]
    fn tabs_expand_to_stops_of_four() {
        assert_eq!(clean("a\tb"), "a   b");
        assert_eq!(clean("abcd\tb"), "abcd    b");
        assert_eq!(clean("x\n\ty"), "x\n    y");
    }

    #[test]
    fn carriage_returns() {
        assert_eq!(clean("a\r\nb"), "a\nb");
        assert_eq!(clean("safe\rEVIL"), "safe\nEVIL");
    }

    proptest::proptest! {
        #[test]
        fn output_never_holds_a_control(s in "\\PC*|[\\x00-\\x{a0}\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}a ]*") {
            proptest::prop_assert!(no_raw_controls(&clean(&s)));
        }
    }
}
