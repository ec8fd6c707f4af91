//! Drawing the library: one row an essay (title, words, minutes, percentage read, notes,
//! when last opened), the selected essay's outline beside the list on a wide terminal, and
//! how to add essays when there are none.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::keymap::{Context, hint};
use crate::app::library::Library;
use crate::essay::stats;
use crate::text::width::truncate;

pub fn render_library(lib: &Library, area: Rect, wpm: f64, theme: &Theme, buf: &mut Buffer) {
    render_screen(lib, area, wpm, theme, buf);
    if lib.help && area.width >= 20 && area.height >= 5 {
        super::help::render_library_help(area, theme, buf);
    }
}

fn render_screen(lib: &Library, area: Rect, wpm: f64, theme: &Theme, buf: &mut Buffer) {
    buf.set_style(area, theme.background);
    if area.width < 20 || area.height < 5 {
        buf.set_stringn(
            area.x,
            area.y,
            "Too small — q quits",
            usize::from(area.width),
            theme.message,
        );
        return;
    }
    let width = usize::from(area.width);
    let mut head = format!(" margin · {}", crate::error::show_path(&lib.folder));
    if lib.pending > 0 {
        let essays = if lib.pending == 1 { "essay" } else { "essays" };
        head.push_str(&format!(" · reading {} {essays}…", lib.pending));
    }
    buf.set_stringn(area.x, area.y, truncate(&head, width), width, theme.title);
    let footer_y = area.y + area.height - 1;
    let footer = match (&lib.message, lib.filtering) {
        (Some(m), _) => format!(" {m}"),
        (None, true) => format!(" /{}▏  {}", lib.filter, hint(Context::LibraryFilter)),
        (None, false) => {
            let keys = [hint(Context::Library)];
            let filter = if lib.filter.is_empty() {
                String::new()
            } else {
                format!("/{} · ", lib.filter)
            };
            format!(" {filter}{}", keys.join(" · "))
        }
    };
    buf.set_style(
        Rect {
            y: footer_y,
            height: 1,
            ..area
        },
        theme.status,
    );
    buf.set_stringn(
        area.x,
        footer_y,
        truncate(&footer, width),
        width,
        theme.status,
    );

    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(3),
        ..area
    };
    if let Some(err) = &lib.error {
        empty(
            body,
            &format!("The library folder cannot be read: {err}."),
            lib,
            theme,
            buf,
        );
        return;
    }
    if lib.entries.is_empty() {
        empty(body, "No essays here yet.", lib, theme, buf);
        return;
    }
    // The outline preview takes the right third when the terminal is wide.
    let preview_w = if area.width >= 110 {
        (area.width / 3).min(50)
    } else {
        0
    };
    let list = Rect {
        width: body.width - preview_w,
        ..body
    };
    render_list(lib, list, wpm, theme, buf);
    if preview_w > 0 {
        let preview = Rect {
            x: list.x + list.width,
            width: preview_w,
            ..body
        };
        render_preview(lib, preview, theme, buf);
    }
}

fn empty(area: Rect, first: &str, lib: &Library, theme: &Theme, buf: &mut Buffer) {
    let text = format!(
        "{first}\n\nmargin lists the essays (.md, .markdown, .txt) in {}. Copy or save essays there, or open another folder with margin DIR, or name one with --library DIR, the MARGIN_LIBRARY variable, or `library = \"…\"` in the configuration file. To read one file: margin FILE.",
        crate::error::show_path(&lib.folder)
    );
    let width = usize::from(area.width.saturating_sub(4)).max(10);
    let mut y = area.y;
    for para in text.split('\n') {
        for line in textwrap::wrap(para, width) {
            if y >= area.y + area.height {
                return;
            }
            buf.set_stringn(area.x + 2, y, line.as_ref(), width, theme.text);
            y += 1;
        }
        if para.is_empty() {
            y += 0;
        }
    }
}

fn render_list(lib: &Library, area: Rect, wpm: f64, theme: &Theme, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let figures_w = 43;
    let title_w = width.saturating_sub(figures_w + 3).max(10);
    let header = format!(
        "  {:<title_w$} {:>9} {:>10} {:>8} {:>5} {:>7}",
        "Title", "words", "time", "read", "notes", "opened"
    );
    buf.set_stringn(area.x, area.y, truncate(&header, width), width, theme.dim);
    let rows = usize::from(area.height.saturating_sub(1));
    if lib.shown.is_empty() {
        buf.set_stringn(
            area.x + 2,
            area.y + 1,
            format!(
                "No essay’s title, file name or author contains “{}”.",
                lib.filter
            ),
            width.saturating_sub(2),
            theme.dim,
        );
        return;
    }
    let first = lib.selected.saturating_sub(rows.saturating_sub(1));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for (row, &i) in lib.shown.iter().skip(first).take(rows).enumerate() {
        let e = &lib.entries[i];
        let y = area.y + 1 + row as u16;
        let (words, minutes) = match &e.about {
            Some(a) if a.error.is_none() => {
                (a.words.to_string(), stats::minutes_label(a.words, wpm))
            }
            Some(_) => ("—".into(), "—".into()),
            None => ("…".into(), "…".into()),
        };
        // Where the reader is, and the furthest they got when they went back from it.
        let read = match (e.state.percent, e.state.furthest) {
            (Some(p), Some(f)) => format!("{p}/{f}%"),
            (Some(p), None) => format!("{p}%"),
            (None, _) => String::new(),
        };
        let notes = match (e.state.notes_unreadable, e.state.notes) {
            (true, _) => "✎?".to_string(),
            (false, 0) => String::new(),
            (false, n) => format!("✎{n}"),
        };
        let opened = e
            .state
            .opened
            .map_or(String::new(), |t| ago(now.saturating_sub(t)));
        // The reason a file cannot be read, without the path the row already names.
        let title = match e.about.as_ref().and_then(|a| a.error.as_ref()) {
            Some(err) => format!(
                "{} — {}",
                e.title(),
                err.split_once(": ").map_or(err.as_str(), |(_, why)| why)
            ),
            None => e.title(),
        };
        let title = truncate(&title, title_w);
        let pad = " ".repeat(title_w.saturating_sub(title.width()));
        let line =
            format!("  {title}{pad} {words:>9} {minutes:>10} {read:>8} {notes:>5} {opened:>7}");
        let mut style = if e.about.as_ref().is_some_and(|a| a.error.is_some()) {
            theme.dim
        } else {
            theme.text
        };
        if row + first == lib.selected {
            style = style.patch(theme.selected);
        }
        buf.set_stringn(area.x, y, format!("{line:<width$}"), width, style);
    }
}

fn render_preview(lib: &Library, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(theme.border);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(entry) = lib.selected_entry() else {
        return;
    };
    let width = usize::from(inner.width.saturating_sub(2));
    let x = inner.x + 2;
    buf.set_stringn(
        x,
        inner.y,
        truncate(&entry.title(), width),
        width,
        theme.text.add_modifier(Modifier::BOLD),
    );
    let Some(about) = &entry.about else {
        buf.set_stringn(x, inner.y + 2, "reading…", width, theme.dim);
        return;
    };
    if let Some(err) = &about.error {
        for (row, line) in textwrap::wrap(err, width.max(1)).iter().enumerate() {
            let y = inner.y + 2 + row as u16;
            if y >= inner.y + inner.height {
                break;
            }
            buf.set_stringn(x, y, line.as_ref(), width, theme.message);
        }
        return;
    }
    let top = about.outline.iter().map(|(l, _)| *l).min().unwrap_or(1);
    for (row, (level, title)) in about.outline.iter().enumerate() {
        let y = inner.y + 2 + row as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let indent = "  ".repeat(usize::from(level - top));
        buf.set_stringn(
            x,
            y,
            truncate(&format!("{indent}{title}"), width),
            width,
            theme.dim,
        );
    }
}

/// `3 min`, `5 h`, `2 d`, `4 wk` ago.
fn ago(secs: u64) -> String {
    match secs {
        0..=59 => "now".into(),
        60..=3599 => format!("{} min", secs / 60),
        3600..=86_399 => format!("{} h", secs / 3600),
        86_400..=1_209_599 => format!("{} d", secs / 86_400),
        _ => format!("{} wk", secs / 604_800),
    }
}
