//! The help's lines, generated from the key table. The state owns them because it scrolls
//! through them (and must know how many there are); the help overlay only draws them.

use super::Pane;
use super::keymap::{BINDINGS, Context, EDITOR_KEYS, PROMPT_KEYS, describe};

/// The help's lines: keys and what they do, by where they apply.
pub fn help_lines() -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let groups = [
        ("Reading", Context::Any),
        ("Text", Context::In(Pane::Text)),
        (
            "Outline (t shows it, Tab moves to it)",
            Context::In(Pane::Sidebar),
        ),
        (
            "Notes (m shows them, Tab moves to them)",
            Context::In(Pane::Notes),
        ),
    ];
    for (name, context) in groups {
        lines.push((String::new(), String::new()));
        lines.push((name.to_string(), String::new()));
        for b in BINDINGS.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = b.keys.iter().map(describe).collect();
            lines.push((keys.join(" "), b.help.to_string()));
        }
    }
    lines.push((String::new(), String::new()));
    lines.push(("Writing a note".to_string(), String::new()));
    for (k, h) in EDITOR_KEYS {
        lines.push((k.to_string(), h.to_string()));
    }
    lines.push((String::new(), String::new()));
    lines.push(("Search prompt".to_string(), String::new()));
    for (k, h) in PROMPT_KEYS {
        lines.push((k.to_string(), h.to_string()));
    }
    lines.push((String::new(), String::new()));
    lines.push(("Mouse".to_string(), String::new()));
    lines.push(("wheel".into(), "scroll the pane under the pointer".into()));
    lines.push((
        "click".into(),
        "jump to a section; focus a paragraph".into(),
    ));
    lines
}
