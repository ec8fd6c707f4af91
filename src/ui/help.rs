//! The help overlay, generated from the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::Pane;
use crate::app::keymap::{BINDINGS, Context, EDITOR_KEYS, PROMPT_KEYS, describe};
use crate::text::width::truncate;

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

pub fn render_help(area: Rect, scroll: usize, theme: &Theme, buf: &mut Buffer) {
    let lines = help_lines();
    let width = 76.min(area.width);
    // Never over the status line.
    let height = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(1))
        .max(1);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(rect, buf);
    let fits = lines.len() as u16 <= height.saturating_sub(1);
    let title = if fits {
        " Keys · Esc or ? closes "
    } else {
        " Keys · j/k scroll · Esc closes "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    let key_column = lines
        .iter()
        .filter(|(_, h)| !h.is_empty())
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(8);
    for (row, (keys, help)) in lines.iter().skip(1 + scroll).enumerate() {
        let Ok(row) = u16::try_from(row) else { break };
        if row >= inner.height {
            break;
        }
        let y = inner.y + row;
        if help.is_empty() {
            buf.set_stringn(
                inner.x + 1,
                y,
                keys,
                usize::from(inner.width),
                theme.headings[1],
            );
        } else {
            // Keys in a column as wide as the widest keys (narrower on a small screen), and
            // what they do after it, cut with an ellipsis when the screen is too narrow.
            let key_width = key_column.min(usize::from(inner.width) / 3);
            buf.set_stringn(
                inner.x + 2,
                y,
                truncate(keys, key_width),
                key_width,
                theme.current,
            );
            let x = inner.x + 2 + key_width as u16 + 2;
            if x < inner.x + inner.width {
                let room = usize::from(inner.x + inner.width - x);
                buf.set_stringn(x, y, truncate(help, room), room, theme.text);
            }
        }
    }
}
