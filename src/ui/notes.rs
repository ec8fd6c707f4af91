//! Drawing the notes pane: the current section's notes, or a hint on how to add one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::sidebar::frame;
use super::theme::Theme;
use crate::app::App;
use crate::commands::toc::truncate;

pub fn render_notes(app: &App, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let inner = frame(area, app.areas.overlay, false, " Notes ", theme, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let section = &app.doc.essay.sections[app.view.current_section()].title;
    buf.set_stringn(
        inner.x,
        inner.y,
        truncate(section, width),
        width,
        theme.subheading,
    );
    let hint = "No notes in this section yet.";
    for (row, line) in textwrap::wrap(hint, width).iter().enumerate() {
        let y = inner.y + 2 + row as u16;
        if y >= inner.y + inner.height {
            break;
        }
        buf.set_stringn(inner.x, y, line.as_ref(), width, theme.dim);
    }
}
