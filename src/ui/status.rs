//! The status line: where you are (title, section), how far (percentage, minutes left),
//! the search, and the last message. While the search prompt is open it is the prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::App;
use crate::app::keymap::{Context, hint};
use crate::text::width::truncate;

pub fn render_status(app: &App, area: Rect, theme: &Theme, buf: &mut Buffer) {
    buf.set_style(area, theme.status);
    let width = usize::from(area.width);
    if let Some(prompt) = &app.search.prompt {
        let mode = if app.search.regex { "regex" } else { "text" };
        let found = if let Some(e) = &app.search.error {
            format!("bad pattern: {e}")
        } else if app.search.query.is_empty() {
            format!("type to search · {}", hint(Context::Prompt))
        } else {
            match app.search.matches.len() {
                0 => "no match".to_string(),
                1 => "1 match".to_string(),
                n => format!("{n} matches"),
            }
        };
        let right = format!("{found} · {mode} ");
        let (before, after) = prompt.line.split();
        let left = format!(" /{before}▏{after}");
        let left = truncate(&left, width.saturating_sub(right.width() + 1));
        buf.set_stringn(area.x, area.y, &left, width, theme.status);
        let x = area.x + width.saturating_sub(right.width()) as u16;
        buf.set_stringn(x, area.y, &right, width, theme.status);
        return;
    }
    if let Some(question) = &app.confirm {
        let text = format!(" {}", question.question());
        buf.set_stringn(
            area.x,
            area.y,
            truncate(&text, width),
            width,
            theme.status.patch(theme.message),
        );
        return;
    }
    let mut right = Vec::new();
    if let (Some(i), n) = (app.search.current, app.search.matches.len())
        && n > 0
    {
        right.push(format!("match {} of {n}", i + 1));
    }
    if !app.notes.saving.is_empty() {
        // Until the store has them: a lock held elsewhere or a slow folder shows here.
        right.push("saving…".to_string());
    }
    if app.doc.partial {
        // Percentages and minutes need the whole essay; it is being read.
        right.push("reading the rest…".to_string());
    } else {
        right.push(format!("{}%", app.percent()));
        right.push(app.minutes_left());
    }
    let right = format!("{} ", right.join(" · "));
    let section = &app.doc.essay.sections[app.view.current_section()];
    // The address of the focused paragraph's link, so a reader sees where it leads; the
    // essay's text, made harmless for the terminal.
    let link = app
        .doc
        .essay
        .blocks
        .get(app.view.focus)
        .and_then(|b| b.first_link())
        .map(crate::sanitize::sanitize);
    let left = match (&app.message, link) {
        (Some(m), _) => format!(" {m}"),
        (None, Some(link)) => format!(" ↗ {link}"),
        (None, None) if section.heading.is_some() => {
            format!(" {} › {}", app.doc.title(), section.title)
        }
        (None, None) => format!(" {}", app.doc.title()),
    };
    // While words are selected, their keys, until a message has something to say.
    let left = match (&app.message, app.selection) {
        (None, Some(_)) => format!(" selecting · {}", hint(Context::Selection)),
        _ => left,
    };
    let room = width.saturating_sub(right.width() + 1);
    let left = truncate(&left, room);
    let style = if app.message.is_some() {
        theme.status.patch(theme.message)
    } else {
        theme.status
    };
    buf.set_stringn(area.x, area.y, &left, room, style);
    let x = area.x + width.saturating_sub(right.width()) as u16;
    buf.set_stringn(x, area.y, &right, width, theme.status);
}
