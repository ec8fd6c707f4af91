//! Drawing the reader. Render functions only read the state: they never change it, parse,
//! or touch the disk.

pub mod editor_width;
pub mod help;
pub mod library;
pub mod links;
pub mod notes;
pub mod selection;
pub mod sidebar;
pub mod status;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::areas;
use theme::Theme;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    // The terminal shrank after the last resize event the reader handled (the frame takes
    // the size the terminal has now, and a resize waits while keys keep arriving): the panes
    // were laid out for a larger screen and would be drawn outside this one. They are drawn
    // at the size they were laid out for and cut to the frame, until that resize arrives.
    if app.size.width > area.width || app.size.height > area.height {
        let mut full = Buffer::empty(app.size);
        draw_in(app.size, &mut full, app, theme);
        let rows = area.height.min(app.size.height);
        let cols = area.width.min(app.size.width);
        for y in 0..rows {
            for x in 0..cols {
                let cell = &full[(x, y)];
                // A wide character cut by the edge would be drawn past it: leave it out.
                let fits = usize::from(cols - x) >= cell.symbol().width();
                buf[(area.x + x, area.y + y)] = if fits {
                    cell.clone()
                } else {
                    let mut blank = cell.clone();
                    blank.set_symbol(" ");
                    blank
                };
            }
        }
        return;
    }
    draw_in(area, buf, app, theme);
}

fn draw_in(area: Rect, buf: &mut Buffer, app: &App, theme: &Theme) {
    // A theme with its own paper lays it on every cell first.
    buf.set_style(area, theme.background);
    let areas = &app.areas;
    if areas.too_small || area.width < areas::MIN_WIDTH || area.height < areas::MIN_HEIGHT {
        text::render_too_small(area, buf, theme);
        return;
    }
    text::render_text(app, theme, buf);
    if let Some(side) = areas.sidebar {
        sidebar::render_sidebar(app, side, theme, buf);
    }
    if let Some(notes) = areas.notes {
        notes::render_notes(app, notes, theme, buf);
    }
    status::render_status(app, areas.status, theme, buf);
    links::render_links(app, theme, buf);
    if app.help {
        help::render_help(area, app.help_scroll, theme, buf);
    }
}
