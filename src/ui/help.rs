//! Drawing the help overlay; its lines come from the key table (`app::help`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::help::{help_lines, help_rows, library_help_lines, max_help_scroll};
use crate::text::width::truncate;

pub fn render_help(area: Rect, scroll: usize, theme: &Theme, buf: &mut Buffer) {
    // The lines (the first, blank, is not drawn) and the frame; never over the status line.
    let rows = u16::try_from(help_rows(area.height)).unwrap_or(u16::MAX);
    let fits = max_help_scroll(area.height) == 0;
    let title = if fits {
        " Keys · q, Esc or ? closes "
    } else {
        " Keys · j/k scroll · q or Esc closes "
    };
    let scroll = scroll.min(max_help_scroll(area.height));
    render_keys(help_lines(), area, rows, scroll, title, theme, buf);
}

/// The library's keys over its list, as many as the screen holds; any key closes them.
pub fn render_library_help(area: Rect, theme: &Theme, buf: &mut Buffer) {
    let lines = library_help_lines();
    let room = area.height.saturating_sub(3);
    let rows = u16::try_from(lines.len().saturating_sub(1))
        .unwrap_or(u16::MAX)
        .min(room);
    render_keys(
        lines,
        area,
        rows,
        0,
        " Library keys · any key closes ",
        theme,
        buf,
    );
}

/// A framed, centred list of keys and what they do, `rows` of it from `scroll` on.
fn render_keys(
    lines: &[(String, String)],
    area: Rect,
    rows: u16,
    scroll: usize,
    title: &str,
    theme: &Theme,
    buf: &mut Buffer,
) {
    let width = 76.min(area.width);
    let height = (rows + 2).min(area.height.saturating_sub(1)).max(1);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(rect, buf);
    buf.set_style(rect, theme.background);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
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
