//! Tables: a grid when the columns fit the width, otherwise each row as a small stack of
//! `header: value` lines, so a wide table never overflows and no cell is lost.

use unicode_width::UnicodeWidthStr;

use super::Role;
use super::wrap::{self, Piece};
use crate::essay::model::Align;
use crate::essay::{Style, Text};

pub fn lay(
    align: &[Align],
    header: &[Text],
    rows: &[Vec<Text>],
    width: usize,
) -> Vec<(Vec<Piece>, Role)> {
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let cell = |row: &[Text], c: usize| row.get(c).map(|t| t.to_plain()).unwrap_or_default();
    let mut widths = vec![0usize; columns];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (c, w) in widths.iter_mut().enumerate() {
            *w = (*w).max(cell(row, c).width());
        }
    }
    let total: usize = widths.iter().sum::<usize>() + 3 * columns.saturating_sub(1);
    if columns > 0 && total <= width {
        return grid(align, header, rows, &widths);
    }
    stacked(header, rows, width)
}

fn grid(
    align: &[Align],
    header: &[Text],
    rows: &[Vec<Text>],
    widths: &[usize],
) -> Vec<(Vec<Piece>, Role)> {
    let mut out = Vec::new();
    let line = |row: &[Text], strong: bool| -> Vec<Piece> {
        let mut pieces = Vec::new();
        for (c, w) in widths.iter().enumerate() {
            if c > 0 {
                pieces.push(piece(" │ ", Style::default()));
            }
            let text = row.get(c).map(|t| t.to_plain()).unwrap_or_default();
            let pad = w.saturating_sub(text.width());
            let (left, right) = match align.get(c) {
                Some(Align::Right) => (pad, 0),
                Some(Align::Center) => (pad / 2, pad - pad / 2),
                _ => (0, pad),
            };
            let style = Style {
                strong,
                ..Style::default()
            };
            pieces.push(piece(
                &format!("{}{}{}", " ".repeat(left), text, " ".repeat(right)),
                style,
            ));
        }
        pieces
    };
    if !header.is_empty() {
        out.push((line(header, true), Role::Body));
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        out.push((
            vec![piece(&rule.join("─┼─"), Style::default())],
            Role::Decoration,
        ));
    }
    for row in rows {
        out.push((line(row, false), Role::Body));
    }
    out
}

fn stacked(header: &[Text], rows: &[Vec<Text>], width: usize) -> Vec<(Vec<Piece>, Role)> {
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            out.push((Vec::new(), Role::Body));
        }
        for (c, cell) in row.iter().enumerate() {
            let name = header.get(c).map(|h| h.to_plain()).unwrap_or_default();
            let text = if name.is_empty() {
                cell.to_plain()
            } else {
                format!("{name}: {}", cell.to_plain())
            };
            for l in wrap::wrap(&Text::plain(text), width) {
                out.push((l.pieces, Role::Body));
            }
        }
    }
    if rows.is_empty() {
        let names: Vec<String> = header.iter().map(Text::to_plain).collect();
        for l in wrap::wrap(&Text::plain(names.join(" · ")), width) {
            out.push((l.pieces, Role::Body));
        }
    }
    out
}

fn piece(text: &str, style: Style) -> Piece {
    Piece {
        text: text.to_string(),
        style,
    }
}
