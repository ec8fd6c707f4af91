//! The reading position as it is kept between sessions: plain data, anchored to the text (a
//! block, an offset, and the words found there), so it survives a new terminal width and
//! edits elsewhere in the essay. Found again with the shared re-attachment
//! ([`crate::text::reattach`]).

use serde::{Deserialize, Serialize};

use crate::text::reattach::{self, Blocks, Place, Seek, Within};

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
    /// The most of the essay that has ever been above the bottom of the screen: the
    /// furthest the reader got, however far back they went since. Files from before it
    /// hold none and are read as `percent`.
    #[serde(default)]
    pub furthest: u8,
}

impl Position {
    /// The position with `top` at the top of the screen and block `focus` focused.
    pub fn new(
        text: &(impl Blocks + ?Sized),
        top: Place,
        focus: usize,
        read: Vec<String>,
    ) -> Position {
        Position {
            top: Spot::at(text, top),
            focus: Some(Spot::at(
                text,
                Place {
                    block: focus,
                    offset: 0,
                },
            )),
            read,
            at_start: false,
            percent: 0,
            furthest: 0,
        }
    }
}

impl Spot {
    pub fn at(text: &(impl Blocks + ?Sized), place: Place) -> Spot {
        let block = text.text(place.block);
        let start = floor_boundary(block, place.offset);
        let quote: String = block[start..].chars().take(QUOTE_CHARS).collect();
        Spot {
            block: place.block,
            offset: start,
            quote,
        }
    }

    /// Finds the position in `text`: where it was if the text there is unchanged, else where
    /// its quote now is (the occurrence nearest the old block), else the same block number.
    pub fn locate(&self, text: &(impl Blocks + ?Sized)) -> Place {
        let blocks = text.count();
        if blocks == 0 {
            return Place::default();
        }
        let seek = Seek {
            quote: &self.quote,
            was: Place {
                block: self.block,
                offset: self.offset,
            },
            within: Within::Anywhere,
            // Done on every open, over every block: an exact string search is cheap, the
            // fuzzy one would not be on a long essay.
            fuzzy: false,
        };
        match reattach::find(text, &seek, |_| true, |_| 0) {
            Some((place, _)) => place,
            None => Place {
                block: self.block.min(blocks - 1),
                offset: 0,
            },
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

    /// Each block's plain text, as the reader's document holds it: here, one block a
    /// paragraph.
    fn doc(text: &str) -> Vec<String> {
        text.split("\n\n").map(|p| p.trim().to_string()).collect()
    }

    #[test]
    fn found_where_it_was() {
        let d = doc("One para.\n\nTwo para here.\n");
        let p = Spot::at(
            &d,
            Place {
                block: 1,
                offset: 4,
            },
        );
        assert_eq!(p.quote, "para here.");
        assert_eq!(
            p.locate(&d),
            Place {
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
            Place {
                block: 1,
                offset: 0,
            },
        );
        let after = doc("A new opening.\n\nOne para.\n\nTwo para here.\n");
        assert_eq!(
            p.locate(&after),
            Place {
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
            Place {
                block: 1,
                offset: 0
            }
        );
    }
}
