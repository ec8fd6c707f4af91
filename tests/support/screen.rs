//! Drawing a reader into ratatui's `TestBackend` and reading the result back: as text for
//! snapshots and assertions, or as the buffer itself for colours and attributes.

use margin::app::App;
use margin::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The frame `ui::draw` makes for `app` on a terminal of the size it was laid out for.
pub fn draw(app: &App, theme: &Theme) -> Buffer {
    draw_at(app, app.size.width, app.size.height, theme)
}

/// The frame on a terminal of `width`×`height`, which may differ from the size `app` last
/// heard of (a resize on its way).
pub fn draw_at(app: &App, width: u16, height: u16, theme: &Theme) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).expect("a test terminal never fails");
    terminal
        .draw(|f| ui::draw(f, app, theme))
        .expect("drawing into a test terminal never fails");
    terminal.backend().buffer().clone()
}

/// The screen in the dark theme as text, one row a line, trailing blanks trimmed.
pub fn screen(app: &App) -> String {
    text(&draw(app, &Theme::dark()))
}

/// A buffer as text, one row a line, trailing blanks trimmed.
pub fn text(buf: &Buffer) -> String {
    rows(buf).iter().map(|row| format!("{row}\n")).collect()
}

/// A buffer's rows, trailing blanks trimmed.
pub fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width)
                .map(|x| buf[(buf.area.x + x, buf.area.y + y)].symbol())
                .collect();
            row.trim_end().to_string()
        })
        .collect()
}

/// A buffer's rows as a terminal shows them, blanks kept: a wide character covers the cell
/// after it, which ratatui leaves blank and does not send. A row wider than the buffer
/// means a character drawn past the screen's edge.
pub fn shown_rows(buf: &Buffer) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    (0..buf.area.height)
        .map(|y| {
            let (mut x, mut row) = (0, String::new());
            while x < buf.area.width {
                let symbol = buf[(buf.area.x + x, buf.area.y + y)].symbol();
                row.push_str(symbol);
                x += u16::try_from(symbol.width().max(1)).unwrap_or(u16::MAX);
            }
            row
        })
        .collect()
}
