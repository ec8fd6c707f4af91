//! Grouping blocks into sections and the sections into an outline tree.

use super::model::{Block, BlockKind, Section};
use super::stats::count_words;

/// Builds the sections of `blocks`. Text before the first heading becomes an opening section
/// titled `opening_title`; so does the whole essay when it has no heading at all.
pub fn build(blocks: &[Block], opening_title: &str) -> Vec<Section> {
    let top_level = blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading { level, .. } => Some(level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut sections: Vec<Section> = Vec::new();
    // Open sections by level, for finding each heading's parent.
    let mut open: Vec<(u8, usize)> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if let BlockKind::Heading { level, text } = &block.kind {
            if let Some(last) = sections.last_mut() {
                last.end = i;
            }
            while open.last().is_some_and(|&(l, _)| l >= *level) {
                open.pop();
            }
            sections.push(Section {
                level: *level,
                title: text
                    .to_plain()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                heading: Some(i),
                line: block.line,
                start: i,
                end: blocks.len(),
                words: 0,
                parent: open.last().map(|&(_, s)| s),
            });
            open.push((*level, sections.len() - 1));
        } else {
            if sections.is_empty() {
                sections.push(Section {
                    level: top_level,
                    title: opening_title.to_string(),
                    heading: None,
                    line: block.line,
                    start: 0,
                    end: blocks.len(),
                    words: 0,
                    parent: None,
                });
            }
            if let Some(last) = sections.last_mut() {
                last.words += count_words(block.plain());
            }
        }
    }
    sections
}
