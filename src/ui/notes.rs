//! Drawing the notes pane: the editor while a note is being written, else the listed notes
//! (each with a short quote of its passage, its text, its date and tags), or a hint.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::Widget;

use super::sidebar::frame;
use super::theme::Theme;
use crate::app::notes::View;
use crate::app::{App, Pane};
use crate::notes::{Note, State, time};
use crate::sanitize::sanitize;
use crate::text::width::truncate;

/// Lines of a note's text shown in the list (the selected note shows more).
const TEXT_LINES: usize = 4;
const SELECTED_TEXT_LINES: usize = 12;

pub fn render_notes(app: &App, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let inner = frame(area, Pane::Notes, app, " Notes ", theme, buf);
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    let width = usize::from(inner.width);
    let section = app.view.current_section();
    let heading = match (&app.notes.editor, app.notes.view()) {
        (Some(e), _) if e.note.is_some() => "Changing a note".to_string(),
        (Some(_), _) => "New note".to_string(),
        (None, View::All) => "All notes".to_string(),
        (None, View::Section) => app.doc.essay.sections[section].title.clone(),
    };
    buf.set_stringn(
        inner.x,
        inner.y,
        truncate(&heading, width),
        width,
        theme.subheading,
    );
    let body = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    if let Some(editor) = &app.notes.editor {
        render_editor(app, editor, body, theme, buf);
        return;
    }
    let mut y = body.y;
    if app.notes.filtering || !app.notes.filter.is_empty() {
        let cursor = if app.notes.filtering { "▏" } else { "" };
        let line = format!("/{}{cursor}", app.notes.filter);
        buf.set_stringn(body.x, y, truncate(&line, width), width, theme.message);
        y += 2;
    }
    let listed = app.notes.listed(&app.doc, section);
    if listed.is_empty() {
        let hint = if !app.notes.filter.is_empty() {
            "No note matches.".to_string()
        } else if app.notes.view_all {
            "No notes yet. Press a to write one on the focused paragraph.".to_string()
        } else {
            "No notes in this section. Press a to write one on the focused paragraph; v shows all notes.".to_string()
        };
        for line in textwrap::wrap(&hint, width) {
            if y >= body.y + body.height {
                break;
            }
            buf.set_stringn(body.x, y, line.as_ref(), width, theme.dim);
            y += 1;
        }
        return;
    }
    let focused = app.focus == Pane::Notes;
    let selected = app.notes.selected.min(listed.len() - 1);
    // Only the notes on screen are laid out: a list of thousands, or one note of megabytes,
    // costs a frame what a screenful does.
    let lines_of = |i: usize| {
        note_lines(
            app,
            listed[i],
            i == selected && focused,
            width.saturating_sub(2),
            theme,
        )
    };
    // Start the list where the selected note still fits on screen.
    let room = usize::from((body.y + body.height).saturating_sub(y));
    let mut first = selected;
    let mut used = lines_of(selected).len() + 1;
    while first > 0 {
        let above = lines_of(first - 1).len() + 1;
        if used + above > room {
            break;
        }
        used += above;
        first -= 1;
    }
    let mut last_section = None;
    for (i, &note) in listed.iter().enumerate().skip(first) {
        if y >= body.y + body.height {
            return;
        }
        let lines = lines_of(i);
        let placement = app.notes.placement(&note.id);
        if app.notes.view_all {
            let s = app.doc.essay.section_of_block(placement.block);
            if s != last_section {
                last_section = s;
                if y >= body.y + body.height {
                    break;
                }
                let title = s.map_or("", |s| app.doc.essay.sections[s].title.as_str());
                buf.set_stringn(body.x, y, truncate(title, width), width, theme.current);
                y += 1;
            }
        }
        let here = placement.block == app.view.focus;
        let mark = match (i == selected && focused, here) {
            (true, _) => "▌",
            (false, true) => "▎",
            _ => " ",
        };
        for (text, style) in &lines {
            if y >= body.y + body.height {
                return;
            }
            let mark_style = if here {
                theme.focus_mark
            } else {
                theme.current
            };
            buf.set_string(body.x, y, mark, mark_style);
            buf.set_stringn(body.x + 2, y, text, width.saturating_sub(2), *style);
            y += 1;
        }
        y += 1;
    }
}

/// A note as list lines: quote, text, then date, tags and state.
fn note_lines(
    app: &App,
    note: &Note,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Vec<(String, ratatui::style::Style)> {
    let mut out = Vec::new();
    // A note's quote and text come from the notes file, which another program (or a synced
    // folder) may have written: they pass the one gate like the essay's text.
    let quote = format!("“{}”", sanitize(&note.short_quote(width.saturating_sub(3))));
    // Exact words marked are drawn as in the text.
    let quoted = match note.passage {
        Some(_) => theme.dim.patch(theme.highlight),
        None => theme.dim,
    };
    out.push((
        truncate(&quote, width),
        quoted.add_modifier(Modifier::ITALIC),
    ));
    let max = if selected {
        SELECTED_TEXT_LINES
    } else {
        TEXT_LINES
    };
    let mut wrapped: Vec<String> = Vec::new();
    // No more of a long note than its shown lines can hold is made harmless and wrapped.
    let part = head(&note.text, (max + 1) * (width + 1));
    let shown = sanitize(part);
    for para in shown.lines() {
        if wrapped.len() > max {
            break;
        }
        if para.trim().is_empty() {
            wrapped.push(String::new());
            continue;
        }
        wrapped.extend(
            textwrap::wrap(para, width.max(1))
                .into_iter()
                .map(|c| c.into_owned()),
        );
    }
    let cut = part.len() < note.text.len() && wrapped.len() <= max;
    let more = wrapped.len() > max || cut;
    wrapped.truncate(max);
    if more && let Some(last) = wrapped.last_mut() {
        *last = truncate(&format!("{last} …"), width);
    }
    let style = if selected {
        theme.text.add_modifier(Modifier::BOLD)
    } else {
        theme.text
    };
    out.extend(wrapped.into_iter().map(|l| (l, style)));
    // The state first, so no width cuts it off.
    let state = app.notes.placement(&note.id).state;
    let mut meta = Vec::new();
    if note.is_conflict_copy() {
        // Changed in two windows at once: this is the other text, kept beside the note.
        meta.push("conflict copy".to_string());
    }
    if state != State::InPlace {
        meta.push(state.name().to_string());
    }
    if note.is_highlight() {
        meta.push("highlight".to_string());
    }
    meta.push(time::date_of(&note.updated).to_string());
    let tags = app.notes.tags_of(&note.id);
    if !tags.is_empty() {
        meta.push(
            tags.iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    let meta = meta.join(" · ");
    let style = if state == State::NotFound || note.is_conflict_copy() {
        theme.message
    } else {
        theme.dim
    };
    out.push((truncate(&meta, width), style));
    out
}

/// The start of `text`: its first `chars` characters.
fn head(text: &str, chars: usize) -> &str {
    text.char_indices()
        .nth(chars)
        .map_or(text, |(i, _)| &text[..i])
}

fn render_editor(
    app: &App,
    editor: &crate::app::notes::Editor,
    area: Rect,
    theme: &Theme,
    buf: &mut Buffer,
) {
    let width = usize::from(area.width);
    let quote = app.doc.plain().get(editor.block).unwrap_or("");
    let quote: String = quote.chars().take(width * 2).collect();
    let mut y = area.y;
    for line in textwrap::wrap(&format!("“{quote}”"), width)
        .into_iter()
        .take(2)
    {
        buf.set_stringn(
            area.x,
            y,
            line.as_ref(),
            width,
            theme.dim.add_modifier(Modifier::ITALIC),
        );
        y += 1;
    }
    y += 1;
    let hint = crate::app::keymap::hint(crate::app::keymap::Context::Editor);
    let hint_rows = 2u16;
    let edit = Rect {
        x: area.x,
        y,
        // A column or more narrower where that keeps a hyphenated word's hyphen on its row.
        width: super::editor_width::editor_width(editor.textarea.lines(), area.width),
        height: (area.y + area.height).saturating_sub(y + hint_rows),
    };
    if edit.height > 0 {
        editor.textarea.render(edit, buf);
    }
    let hint_y = area.y + area.height.saturating_sub(1);
    if hint_y > y {
        buf.set_stringn(area.x, hint_y, truncate(&hint, width), width, theme.dim);
    }
}
