//! Drawing the reader. Render functions only read the state: they never change it, parse,
//! or touch the disk.

pub mod areas;
pub mod help;
pub mod library;
pub mod notes;
pub mod sidebar;
pub mod status;
pub mod text;
pub mod theme;

use ratatui::Frame;

use crate::app::App;
use theme::Theme;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let buf = frame.buffer_mut();
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
    if app.help {
        help::render_help(area, app.help_scroll, theme, buf);
    }
}
