//! The help's lines, generated from the key table. The state owns them because it scrolls
//! through them (and must know how many there are); the help overlay only draws them.

use super::Pane;
use super::keymap::{Context, keys_of};

/// The help's lines: keys and what they do, by where they apply. Made once from the key
/// table, which never changes: drawing and scrolling the help read them on every frame.
pub fn help_lines() -> &'static [(String, String)] {
    static LINES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    LINES.get_or_init(make_lines)
}

/// The library's own keys, which `?` shows over the list: short enough for one screen.
pub fn library_help_lines() -> &'static [(String, String)] {
    static LINES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| {
        grouped(&[
            ("The library", Context::Library),
            (
                "Finding in the library (other keys type)",
                Context::LibraryFilter,
            ),
        ])
    })
}

fn make_lines() -> Vec<(String, String)> {
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
        ("Selecting words (v)", Context::Selection),
        ("Writing a note (other keys write)", Context::Editor),
        ("Search prompt (other keys type)", Context::Prompt),
        ("Notes search (other keys type)", Context::Filter),
        ("Links (o lists the passage's links)", Context::Links),
        (
            "A footnote (f shows the passage's footnotes)",
            Context::Footnote,
        ),
        ("A question (y/n)", Context::Confirm),
        ("This help", Context::Help),
        // The library's keys, here too: a reader looking for them in an essay finds them.
        (
            "The library (q from an essay goes back to it)",
            Context::Library,
        ),
        (
            "Finding in the library (other keys type)",
            Context::LibraryFilter,
        ),
    ];
    let mut lines = grouped(&groups);
    lines.push((String::new(), String::new()));
    lines.push(("Mouse".to_string(), String::new()));
    lines.push(("wheel".into(), "scroll the pane under the pointer".into()));
    lines.push((
        "click".into(),
        "jump to a section; focus a paragraph".into(),
    ));
    lines
}

/// Each group's name, then its keys, after a blank line.
fn grouped(groups: &[(&str, Context)]) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    for &(name, context) in groups {
        lines.push((String::new(), String::new()));
        lines.push((name.to_string(), String::new()));
        for (keys, help) in keys_of(context) {
            lines.push((keys, help.to_string()));
        }
    }
    lines
}

/// Rows of keys the help overlay shows on a screen `height` rows high: its frame holds the
/// lines (the first, blank, is not drawn) and never covers the status line.
pub fn help_rows(height: u16) -> usize {
    let lines = help_lines().len().saturating_sub(1);
    let frame = (lines + 2)
        .min(usize::from(height.saturating_sub(1)))
        .max(1);
    frame.saturating_sub(2)
}

/// The furthest the help scrolls: its last line at the overlay's bottom, not past it.
pub fn max_help_scroll(height: u16) -> usize {
    help_lines()
        .len()
        .saturating_sub(1)
        .saturating_sub(help_rows(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_the_library_keys() {
        let lines = help_lines();
        let start = lines
            .iter()
            .position(|(name, _)| name.starts_with("The library"))
            .expect("a library group");
        let library: Vec<&str> = lines[start..]
            .iter()
            .take_while(|(keys, _)| !keys.is_empty())
            .map(|(keys, _)| keys.as_str())
            .collect();
        for key in ["PgUp", "PgDn", "g", "G", "Esc", "/"] {
            assert!(
                library.iter().any(|keys| keys.split(' ').any(|k| k == key)),
                "{key} missing from {library:?}"
            );
        }
    }
}
