//! Drawing the essay's visible lines: styles, search highlights, the focus marker in the
//! gutter, and justification. Reads the state; touches nothing else.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::selection::{self, Mark};
use super::theme::Theme;
use crate::app::areas::GUTTER;
use crate::app::{App, Pane};
use crate::layout::{Line as LaidLine, Role};

pub fn render_text(app: &App, theme: &Theme, buf: &mut Buffer) {
    let body = app.areas.body;
    let view = &app.view;
    for ((pos, line), y) in view.visible().zip(body.y..) {
        // A note mark on the first line of a passage with notes.
        if let Some(b) = line.block
            && app.notes.per_block.contains_key(&b)
            && view.block_start(b) == pos
        {
            buf.set_string(body.x.saturating_sub(GUTTER - 1), y, "✎", theme.note_mark);
        }
        if line.block == Some(view.focus) && !line.runs.is_empty() {
            let style = if app.focus == Pane::Text {
                theme.focus_mark
            } else {
                theme.dim
            };
            let x = body.x.saturating_sub(GUTTER);
            buf.set_string(x, y, "▎", style);
        }
        let spans = spans(app, theme, line, body.width);
        buf.set_line(body.x, y, &Line::from(spans), body.width);
    }
}

/// What is marked in `block`: highlighted passages, then search matches (the current one
/// standing out), then the selection, each drawn over the one before.
fn marks(app: &App, theme: &Theme, block: usize) -> Vec<Mark> {
    let mut marks = selection::highlights(app, theme, block);
    if app.search.active() {
        let current = app
            .search
            .current
            .and_then(|i| app.search.matches.get(i))
            .copied();
        let first = app.search.matches.partition_point(|m| m.block < block);
        let last = app.search.matches.partition_point(|m| m.block <= block);
        for m in &app.search.matches[first..last] {
            let style = if Some(*m) == current {
                theme.current_match
            } else {
                theme.matched
            };
            marks.push((m.start, m.end, style));
        }
    }
    marks.extend(selection::selected(app, theme, block));
    marks
}

fn spans<'a>(app: &'a App, theme: &Theme, line: &'a LaidLine, width: u16) -> Vec<Span<'a>> {
    let marks = line.block.map_or_else(Vec::new, |b| marks(app, theme, b));
    let mut out: Vec<Span> = Vec::new();
    let mut offset = line.offset;
    for run in &line.runs {
        let style = theme.run(run.role, &run.style);
        // Decorations and a line's closing hyphen are not in the text: no offsets, no
        // marks.
        let in_text = !matches!(run.role, Role::Decoration | Role::Hyphen);
        if !in_text || marks.is_empty() {
            out.push(Span::styled(run.text.as_str(), style));
            if in_text {
                offset += run.text.len();
            }
            continue;
        }
        // Split the run wherever a mark begins or ends; each piece takes every mark over it.
        let (start, end) = (offset, offset + run.text.len());
        let mut cuts: Vec<usize> = marks
            .iter()
            .flat_map(|m| [m.0, m.1])
            .filter(|&c| c > start && c < end)
            .chain([start, end])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        for piece in cuts.windows(2) {
            let (s, e) = (piece[0], piece[1]);
            let styled = marks
                .iter()
                .filter(|m| m.0 <= s && e <= m.1)
                .fold(style, |st, m| st.patch(m.2));
            out.push(Span::styled(slice(&run.text, s - start, e - start), styled));
        }
        offset = end;
    }
    if app.view.justify && line.justifiable {
        // Stretch the words, not the quote bars and list indents before them.
        let lead = line
            .runs
            .iter()
            .take_while(|r| r.role == Role::Decoration)
            .count();
        let lead_width: usize = out[..lead].iter().map(|s| s.content.width()).sum();
        let mut body = out.split_off(lead);
        justify(&mut body, usize::from(width).saturating_sub(lead_width));
        out.extend(body);
    }
    out
}

/// A byte slice of `s`, widened to character boundaries.
fn slice(s: &str, mut from: usize, mut to: usize) -> &str {
    while from > 0 && !s.is_char_boundary(from) {
        from -= 1;
    }
    while to < s.len() && !s.is_char_boundary(to) {
        to += 1;
    }
    &s[from.min(to)..to]
}

/// Widens the spaces between words so the line reaches `width`, spreading the extra space
/// evenly from the left.
pub fn justify(spans: &mut Vec<Span>, width: usize) {
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let last = spans.len().saturating_sub(1);
    let gaps: usize = spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let c = s.content.as_ref();
            let c = if i == last { c.trim_end() } else { c };
            c.matches(' ').count()
        })
        .sum();
    if used >= width || gaps == 0 {
        return;
    }
    let extra = width - used;
    let mut gap = 0;
    let mut out = Vec::with_capacity(spans.len());
    for (i, span) in spans.drain(..).enumerate() {
        let mut text = String::with_capacity(span.content.len() + extra);
        let content = span.content.as_ref();
        let trailing = if i == last {
            content.len() - content.trim_end().len()
        } else {
            0
        };
        let body = &content[..content.len() - trailing];
        for c in body.chars() {
            text.push(c);
            if c == ' ' {
                let add = extra * (gap + 1) / gaps - extra * gap / gaps;
                text.extend(std::iter::repeat_n(' ', add));
                gap += 1;
            }
        }
        out.push(Span::styled(text, span.style));
    }
    *spans = out;
}

/// A message for a window too small to read in, wrapped to fit.
pub fn render_too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let text = "Window too small — q quits";
    let width = usize::from(area.width.max(1));
    for (row, line) in textwrap::wrap(text, width).iter().enumerate() {
        let Ok(row) = u16::try_from(row) else { break };
        if row >= area.height {
            break;
        }
        buf.set_string(area.x, area.y + row, line.as_ref(), theme.message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn justify_fills_the_width_and_keeps_the_words() {
        let mut spans = vec![Span::raw("one two "), Span::raw("three")];
        justify(&mut spans, 20);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text.width(), 20);
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            vec!["one", "two", "three"]
        );
    }
}
