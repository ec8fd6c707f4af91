//! Drawing the outline: the title, the sections indented by level, the current section
//! highlighted, read sections marked, long titles cut with an ellipsis.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::symbols::border;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::areas;
use crate::app::{App, Pane};
use crate::text::width::truncate;

pub fn render_sidebar(app: &App, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let title = if app.doc.partial {
        " Outline · more coming… "
    } else {
        " Outline "
    };
    let inner = frame(area, Pane::Sidebar, app, title, theme, buf);
    let current = app.view.current_section();
    let focused = app.focus == Pane::Sidebar;
    let rows = usize::from(inner.height);
    for (row, (index, entry)) in app
        .sidebar
        .entries
        .iter()
        .enumerate()
        .skip(app.sidebar.offset)
        .take(rows)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let width = usize::from(inner.width);
        if width < 3 {
            break;
        }
        // The title row stands for the opening text, when the essay has some.
        let opening = app
            .doc
            .essay
            .sections
            .first()
            .is_some_and(|s| s.heading.is_none());
        let is_current = entry
            .section
            .map_or(opening && current == 0, |s| s == current);
        let (label, mut style) = match entry.section {
            None => (
                app.doc.title().to_string(),
                theme.text.add_modifier(Modifier::BOLD),
            ),
            Some(s) => {
                let section = &app.doc.essay.sections[s];
                let fold = match (entry.has_children, app.sidebar.collapsed.contains(&s)) {
                    (false, _) => "",
                    (true, true) => "▸ ",
                    (true, false) => "▾ ",
                };
                let read = app.read.get(s).copied().unwrap_or(false);
                let style = if read && !is_current {
                    theme.dim
                } else {
                    theme.text
                };
                (
                    format!("{}{fold}{}", "  ".repeat(entry.depth), section.title),
                    style,
                )
            }
        };
        // One column says where you are: › the current section, ✓ one already read.
        let opening_read = opening && app.read.first().copied().unwrap_or(false);
        let mark = match entry.section {
            _ if is_current => "›",
            None if opening_read => "✓",
            Some(s) if app.read.get(s).copied().unwrap_or(false) => "✓",
            _ => " ",
        };
        if is_current {
            style = style.patch(theme.current);
        }
        if focused && index == app.sidebar.selected {
            style = style.patch(theme.selected);
        }
        // The section's note count, right-aligned.
        // The title row stands for the opening text (section 0 when it has no heading).
        let counted = match entry.section {
            Some(s) => Some(s),
            None if opening => Some(0),
            None => None,
        };
        let count = counted
            .and_then(|s| app.notes.per_section.get(s).copied())
            .filter(|&n| n > 0)
            .map_or(String::new(), |n| format!(" ✎{n}"));
        let label = truncate(&label, width.saturating_sub(2 + count.width()));
        let mark_style = if is_current { theme.current } else { theme.dim };
        buf.set_string(inner.x, y, mark, mark_style);
        let pad = width.saturating_sub(2 + label.width() + count.width());
        let row = format!("{label}{}", " ".repeat(pad));
        buf.set_stringn(inner.x + 2, y, row, width - 2, style);
        if !count.is_empty() {
            let x = inner.x + (width - count.width()) as u16;
            buf.set_string(x, y, &count, theme.note_mark);
        }
    }
}

/// Draws a side pane's frame: a rule beside the text when docked (`left`: on its right),
/// a box when it floats over the text. Returns the area inside, as [`areas::inner`] says.
pub fn frame(
    area: Rect,
    pane: Pane,
    app: &App,
    title: &str,
    theme: &Theme,
    buf: &mut Buffer,
) -> Rect {
    let (overlay, left) = (app.areas.overlay, pane == Pane::Sidebar);
    // The pane that has the keys says so: its rule is heavy and in the focus colour, so
    // the reader always knows where `j` and `Enter` go (in any theme, colourless too).
    let (set, style) = if app.focus == pane {
        (border::THICK, theme.focus_mark)
    } else {
        (border::PLAIN, theme.border)
    };
    if overlay {
        Clear.render(area, buf);
        buf.set_style(area, theme.background);
        Block::default()
            .borders(Borders::ALL)
            .border_set(set)
            .border_style(style)
            .title(title)
            .title_style(style.add_modifier(Modifier::BOLD))
            .render(area, buf);
    } else {
        let side = if left { Borders::RIGHT } else { Borders::LEFT };
        Block::default()
            .borders(side)
            .border_set(set)
            .border_style(style)
            .render(area, buf);
    }
    areas::inner(area, overlay, left)
}
