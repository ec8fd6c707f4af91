//! What is marked in a block's text besides search matches: highlighted passages and notes
//! written on exact passages, and the words being selected. Reads the state only.

use ratatui::style::Style;

use super::theme::Theme;
use crate::app::App;

/// A byte range of a block's plain text, and the style it is drawn over with.
pub type Mark = (usize, usize, Style);

/// The passages of block `block` with notes or highlights on them.
pub fn highlights(app: &App, theme: &Theme, block: usize) -> Vec<Mark> {
    let Some(len) = app.doc.plain().get(block).map(str::len) else {
        return Vec::new();
    };
    let mut out: Vec<Mark> = app
        .notes
        .spans_over(block)
        .filter_map(|span| span.within(block, len))
        .map(|(from, to)| (from, to, theme.highlight))
        .collect();
    out.sort_by_key(|m| (m.0, m.1));
    out
}

/// The words of block `block` being selected.
pub fn selected(app: &App, theme: &Theme, block: usize) -> Option<Mark> {
    let len = app.doc.plain().get(block).map(str::len)?;
    let (from, to) = app.selection?.span.within(block, len)?;
    Some((from, to, theme.selection))
}
