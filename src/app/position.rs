//! The reading position as it is kept between sessions: anchored to the text (a block, an
//! offset, and the words found there), so it survives a new terminal width and edits
//! elsewhere in the essay.

use serde::{Deserialize, Serialize};

use super::document::Document;
use super::view::Anchor;

/// Characters of text kept to find the passage again.
const QUOTE_CHARS: usize = 80;

/// A place in the text, with the words found there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spot {
    pub block: usize,
    pub offset: usize,
    /// The text at the place when it was saved.
    pub quote: String,
}

/// What is kept of a reading session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The passage at the top of the screen.
    pub top: Spot,
    /// The focused passage (where notes attach).
    #[serde(default)]
    pub focus: Option<Spot>,
    /// Titles of the sections already read.
    #[serde(default)]
    pub read: Vec<String>,
    /// The reader was at the very top (the title): reopen there.
    #[serde(default)]
    pub at_start: bool,
    /// How much of the essay was above the bottom of the screen, for the library.
    #[serde(default)]
    pub percent: u8,
}

impl Position {
    pub fn new(doc: &Document, top: Anchor, focus: usize, read: Vec<String>) -> Position {
        Position {
            top: Spot::at(doc, top),
            focus: Some(Spot::at(
                doc,
                Anchor {
                    block: focus,
                    offset: 0,
                },
            )),
            read,
            at_start: false,
            percent: 0,
        }
    }
}

impl Spot {
    pub fn at(doc: &Document, anchor: Anchor) -> Spot {
        let text = doc.plain().get(anchor.block).unwrap_or("");
        let start = floor_boundary(text, anchor.offset);
        let quote: String = text[start..].chars().take(QUOTE_CHARS).collect();
        Spot {
            block: anchor.block,
            offset: start,
            quote,
        }
    }

    /// Finds the position in `doc`: where it was if the text there is unchanged, else where
    /// its quote now is (the occurrence nearest the old block), else the same block number.
    pub fn locate(&self, doc: &Document) -> Anchor {
        let blocks = doc.plain().len();
        if blocks == 0 {
            return Anchor::default();
        }
        if let Some(text) = doc.plain().get(self.block)
            && text
                .get(self.offset..)
                .is_some_and(|t| t.starts_with(&self.quote))
        {
            return Anchor {
                block: self.block,
                offset: self.offset,
            };
        }
        if !self.quote.trim().is_empty() {
            let found = doc
                .plain()
                .iter()
                .enumerate()
                .filter_map(|(b, t)| t.find(&self.quote).map(|o| (b, o)))
                .min_by_key(|(b, _)| b.abs_diff(self.block));
            if let Some((block, offset)) = found {
                return Anchor { block, offset };
            }
        }
        Anchor {
            block: self.block.min(blocks - 1),
            offset: 0,
        }
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::{Essay, Format};

    fn doc(text: &str) -> Document {
        Document::new(Essay::parse(text, Format::Markdown, "t"), "t".into())
    }

    #[test]
    fn found_where_it_was() {
        let d = doc("One para.\n\nTwo para here.\n");
        let p = Spot::at(
            &d,
            Anchor {
                block: 1,
                offset: 4,
            },
        );
        assert_eq!(p.quote, "para here.");
        assert_eq!(
            p.locate(&d),
            Anchor {
                block: 1,
                offset: 4
            }
        );
    }

    #[test]
    fn found_after_an_edit_above() {
        let before = doc("One para.\n\nTwo para here.\n");
        let p = Spot::at(
            &before,
            Anchor {
                block: 1,
                offset: 0,
            },
        );
        let after = doc("A new opening.\n\nOne para.\n\nTwo para here.\n");
        assert_eq!(
            p.locate(&after),
            Anchor {
                block: 2,
                offset: 0
            }
        );
    }

    #[test]
    fn falls_back_to_the_block_number() {
        let d = doc("One.\n\nTwo.\n");
        let p = Spot {
            block: 9,
            offset: 3,
            quote: "gone".into(),
        };
        assert_eq!(
            p.locate(&d),
            Anchor {
                block: 1,
                offset: 0
            }
        );
    }
}
