//! Drawing what links open over the text: the list of the focused passage's links, a
//! footnote read in place, and the whole address of a link the reader is asked to open.
//! Everything the essay wrote is made harmless for the terminal before it is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme::Theme;
use crate::app::App;
use crate::app::keymap::{Context, hint};
use crate::app::links::{FootnotePopup, LinkList, footnote_area};
use crate::app::notes::Confirm;
use crate::essay::links::Target;
use crate::sanitize::sanitize;
use crate::text::width::truncate;

/// Draws whichever of the three is open.
/// Each is drawn over the text pane, where the passage it came from is.
pub fn render_links(app: &App, theme: &Theme, buf: &mut Buffer) {
    let over = app.areas.text;
    if over.width < 3 || over.height < 3 {
        return;
    }
    if let Some(list) = &app.links {
        render_link_list(list, over, theme, buf);
    }
    if let Some(popup) = &app.footnote {
        render_footnote(popup, over, theme, buf);
    }
    if let Some(Confirm::OpenLink(address)) = &app.confirm {
        render_address(address, over, theme, buf);
    }
}

/// A cleared, framed box with `title`; returns the room inside it.
fn framed(rect: Rect, title: &str, theme: &Theme, buf: &mut Buffer) -> Rect {
    Clear.render(rect, buf);
    buf.set_style(rect, theme.background);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(truncate(title, usize::from(rect.width.saturating_sub(2))));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// Where a link leads, as the list shows it.
fn address_of(target: &Target) -> String {
    match target {
        Target::Footnote(_) => "footnote".to_string(),
        Target::Address(a) => sanitize(a).into_owned(),
    }
}

fn render_link_list(list: &LinkList, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).clamp(1, 90);
    let room = area.height.saturating_sub(2).max(1);
    let rows = u16::try_from(list.links.len()).unwrap_or(u16::MAX);
    let height = (rows + 2).min(room);
    let rect = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    let title = format!(" Links · {} ", hint(Context::Links));
    let inner = framed(rect, &title, theme, buf);
    let shown = usize::from(inner.height).max(1);
    // The selected link stays in view: the list scrolls under it.
    let first = list.selected.saturating_sub(shown - 1);
    for (row, (i, link)) in list.links.iter().enumerate().skip(first).enumerate() {
        let Ok(row) = u16::try_from(row) else { break };
        if row >= inner.height {
            break;
        }
        let y = inner.y + row;
        let style = if i == list.selected {
            theme.selected
        } else {
            theme.text
        };
        let line_width = usize::from(inner.width);
        let number = format!(" {:>2}  ", i + 1);
        let text = sanitize(&link.text).replace('\n', " ");
        let address = address_of(&link.target);
        // The text gets at most half the row; the address has the rest, cut at its end.
        let text_room = line_width.saturating_sub(number.width()) / 2;
        let text = truncate(&text, text_room);
        let used = number.width() + text.width() + 2;
        let address = truncate(&address, line_width.saturating_sub(used));
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_stringn(inner.x, y, &number, line_width, style);
        let x = inner.x + u16::try_from(number.width()).unwrap_or(0);
        buf.set_stringn(x, y, &text, text_room, style);
        if used < line_width {
            let x = inner.x + u16::try_from(used).unwrap_or(0);
            buf.set_stringn(x, y, &address, line_width - used, style.patch(theme.link));
        }
    }
}

fn render_footnote(popup: &FootnotePopup, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let lines = popup.lines(area);
    let rect = footnote_area(area, lines.len());
    let scroll = popup.scroll.min(popup.max_scroll(area));
    let more = scroll < popup.max_scroll(area);
    let title = format!(
        " Footnote · {}{} ",
        hint(Context::Footnote),
        if more { " · more below" } else { "" }
    );
    let inner = framed(rect, &title, theme, buf);
    for (row, line) in lines.iter().skip(scroll).enumerate() {
        let Ok(row) = u16::try_from(row) else { break };
        if row >= inner.height {
            break;
        }
        let room = usize::from(inner.width.saturating_sub(2));
        buf.set_stringn(inner.x + 1, inner.y + row, line, room, theme.text);
    }
}

/// The whole address, wrapped, at the foot of the text above the status line's question: a reader says yes only
/// to what they could read in full.
fn render_address(address: &str, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).clamp(1, 90);
    let inner_width = usize::from(width.saturating_sub(4)).max(1);
    let shown = sanitize(address);
    // An address has no spaces to wrap at: it is cut into rows of the box's width.
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in shown.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > inner_width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        line.push(c);
        used += w;
    }
    lines.push(line);
    let room = area.height.max(1);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(room);
    let rect = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height),
        width,
        height,
    };
    let inner = framed(rect, " Open this address? y/N ", theme, buf);
    for (row, line) in lines.iter().enumerate() {
        let Ok(row) = u16::try_from(row) else { break };
        if row >= inner.height {
            break;
        }
        buf.set_stringn(
            inner.x + 1,
            inner.y + row,
            line,
            usize::from(inner.width.saturating_sub(2)),
            theme.link,
        );
    }
}
