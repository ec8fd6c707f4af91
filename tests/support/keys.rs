//! Keys as a person types them, written as a string in vim's notation, sent through the
//! reader's key table and `update`: a flow test reads like a session at the keyboard and
//! tests the keymap along the way, as helix's integration tests do.
//!
//! Plain characters stand for themselves (an upper-case letter is typed with Shift);
//! named keys go in angle brackets: `<ret>` (also `<enter>`, `<cr>`), `<esc>`, `<tab>`,
//! `<s-tab>`, `<space>`, `<bs>`, `<del>`, `<up>`, `<down>`, `<left>`, `<right>`, `<home>`,
//! `<end>`, `<pgup>`, `<pgdn>`, `<lt>` (a `<`), and `<c-x>` for Ctrl and a letter.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use margin::app::keymap::action_for;
use margin::app::{App, Effect, update};

/// Types `keys` into `app`, each key through the key table for the mode the reader is in
/// at that moment; returns every effect asked for, in order. A key the mode does not bind
/// does nothing, as at the terminal.
pub fn keys(app: &mut App, keys: &str) -> Vec<Effect> {
    parse(keys)
        .into_iter()
        .flat_map(|key| press(app, key))
        .collect()
}

/// Sends one key event through the key table and `update`.
pub fn press(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match action_for(&key, app.mode()) {
        Some(action) => update(app, action),
        None => Vec::new(),
    }
}

/// The key events `keys` stands for. Panics on a name it does not know, so a typo in a
/// test fails loudly instead of typing something else.
pub fn parse(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            out.push(named(&rest[1..end]).unwrap_or_else(|| {
                panic!("unknown key <{}> in {keys:?}", &rest[1..end]);
            }));
            rest = &rest[end + 1..];
            continue;
        }
        assert!(
            !c.is_control(),
            "write control keys by name (<ret>, <tab>, <c-d>), not as {c:?}, in {keys:?}"
        );
        out.push(char_key(c));
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// A typed character, with Shift for an upper-case letter as terminals report it.
fn char_key(c: char) -> KeyEvent {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

fn named(name: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    match name.to_ascii_lowercase().as_str() {
        "ret" | "enter" | "cr" => plain(KeyCode::Enter),
        "esc" => plain(KeyCode::Esc),
        "tab" => plain(KeyCode::Tab),
        "s-tab" => Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        "space" => plain(KeyCode::Char(' ')),
        "bs" | "backspace" => plain(KeyCode::Backspace),
        "del" => plain(KeyCode::Delete),
        "up" => plain(KeyCode::Up),
        "down" => plain(KeyCode::Down),
        "left" => plain(KeyCode::Left),
        "right" => plain(KeyCode::Right),
        "home" => plain(KeyCode::Home),
        "end" => plain(KeyCode::End),
        "pgup" => plain(KeyCode::PageUp),
        "pgdn" => plain(KeyCode::PageDown),
        "lt" => plain(KeyCode::Char('<')),
        other => {
            let letter = other.strip_prefix("c-")?;
            let mut chars = letter.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Some(KeyEvent::new(
                    KeyCode::Char(c.to_ascii_lowercase()),
                    KeyModifiers::CONTROL,
                )),
                _ => None,
            }
        }
    }
}
