//! The width the note editor is drawn at, so that a hyphenated word never wraps with its
//! hyphen at the start of a row.
//!
//! ratatui-textarea wraps a line at word boundaries in the Unicode sense (UAX #29), in which
//! a hyphen is a word of its own: greedily, piece by piece, and a piece that does not fit
//! starts the next row. When `well` ends exactly at the edge, `-known` starts the next row.
//! The widget takes no wrapping rule of ours, so margin predicts its rows with the same rule
//! and, when a row would start with a hyphen that joins two words, draws the editor a
//! column narrower (then two, …), where the hyphen stays on its word's row. The widget's
//! own cursor moves follow the rows it drew, so they agree with the screen.

use ratatui::buffer::CellWidth as _;
use unicode_segmentation::UnicodeSegmentation;

/// The textarea's tab width (margin keeps the widget's default).
const TAB: usize = 4;
/// How many columns narrower the editor may be drawn to keep hyphenated words whole.
const MAX_NARROWER: u16 = 8;

/// The width to draw the editor at within `width` columns, for its `lines`.
pub fn editor_width(lines: &[String], width: u16) -> u16 {
    let narrowest = width.saturating_sub(MAX_NARROWER).max(1);
    (narrowest..=width)
        .rev()
        .find(|&w| !lines.iter().any(|l| hyphen_starts_a_row(l, usize::from(w))))
        .unwrap_or(width)
}

/// Whether a row of `line` wrapped at `width` starts with a hyphen between two words.
fn hyphen_starts_a_row(line: &str, width: usize) -> bool {
    rows(line, width).iter().skip(1).any(|&start| {
        let before = line[..start].chars().next_back();
        line[start..].starts_with('-') && before.is_some_and(char::is_alphanumeric)
    })
}

/// Where each row of `line` starts when ratatui-textarea wraps it at `width` (its
/// `WrapMode::WordOrGlyph`).
fn rows(line: &str, width: usize) -> Vec<usize> {
    let width = width.max(1);
    let mut starts = vec![0];
    let mut row_start = 0;
    let mut used = 0;
    for (start, piece) in line.split_word_bound_indices() {
        let w = columns_from(piece, used);
        if used + w <= width {
            used += w;
            continue;
        }
        if start > row_start {
            starts.push(start);
            row_start = start;
            let w = columns_from(piece, 0);
            if w <= width {
                used = w;
                continue;
            }
        }
        // A piece wider than a row: split by graphemes.
        used = 0;
        for (offset, g) in piece.grapheme_indices(true) {
            let w = columns_from(g, used);
            if used > 0 && used + w > width {
                starts.push(start + offset);
                used = 0;
            }
            used += columns_from(g, used);
        }
        // The widget starts a new row after a split piece.
        row_start = start + piece.len();
        if row_start < line.len() {
            starts.push(row_start);
        }
        used = 0;
    }
    starts
}

/// Columns `text` takes when it starts at column `at` (a tab reaches the next stop).
fn columns_from(text: &str, at: usize) -> usize {
    let mut col = at;
    for c in text.chars() {
        col += if c == '\t' {
            TAB - col % TAB
        } else if c.is_control() {
            0
        } else {
            usize::from(c.encode_utf8(&mut [0; 4]).cell_width())
        };
    }
    col - at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(line: &str, width: usize) -> Vec<&str> {
        let starts = rows(line, width);
        let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
        ends.push(line.len());
        starts.iter().zip(ends).map(|(&s, e)| &line[s..e]).collect()
    }

    #[test]
    fn rows_are_the_widgets_word_pieces_greedily() {
        assert_eq!(shown("one two three", 8), ["one two ", "three"]);
        assert_eq!(shown("xx well-known", 7), ["xx well", "-known"]);
        assert_eq!(shown("helloworld", 4), ["hell", "owor", "ld"]);
        assert_eq!(shown("", 4), [""]);
    }

    /// The prediction is what the widget draws (a new version of the widget that wraps
    /// differently fails here).
    #[test]
    fn rows_agree_with_the_widget() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::widgets::Widget;
        use ratatui_textarea::{TextArea, WrapMode};
        let lines = [
            "A well-known, much-loved essay: read slowly; twice-over.",
            "x-y-z long-winded\tstep-by-step thoughts about reading.",
            "Ünïcödé wörds — and 漢字の文 with self-evident truths.",
            "Averyveryverylongwordwithoutanybreaksatall-then more",
        ];
        for line in lines {
            for width in 3..30u16 {
                let mut area = TextArea::new(vec![line.to_string()]);
                area.set_wrap_mode(WrapMode::WordOrGlyph);
                let rect = Rect::new(0, 0, width, 40);
                let mut buf = Buffer::empty(rect);
                (&area).render(rect, &mut buf);
                let drawn: Vec<String> = (0..40)
                    .map(|y| {
                        (0..width)
                            .map(|x| buf[(x, y)].symbol())
                            .collect::<String>()
                            .trim_end()
                            .to_string()
                    })
                    .filter(|r| !r.is_empty())
                    .collect();
                let predicted: Vec<String> = shown(line, usize::from(width))
                    .iter()
                    .map(|r| r.replace('\t', " ").trim_end().to_string())
                    .filter(|r| !r.is_empty())
                    .collect();
                // Blanks aside: the widget leaves one after a wide character.
                let squash = |rows: &[String]| -> Vec<String> {
                    rows.iter()
                        .map(|r| r.split_whitespace().collect())
                        .collect()
                };
                assert_eq!(squash(&drawn), squash(&predicted), "{line:?} at {width}");
            }
        }
    }

    #[test]
    fn narrower_only_when_a_hyphen_would_start_a_row() {
        assert!(hyphen_starts_a_row("xx well-known", 7));
        assert!(!hyphen_starts_a_row("xx well-known", 8));
        assert!(!hyphen_starts_a_row("a list: - one", 7));
        let lines = vec!["xx well-known".to_string()];
        let w = editor_width(&lines, 7);
        assert!(
            w < 7 && !hyphen_starts_a_row(&lines[0], usize::from(w)),
            "{w}"
        );
        assert_eq!(editor_width(&["plain words".to_string()], 7), 7);
    }
}
