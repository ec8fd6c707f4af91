//! A selection of exact words in the text, for a highlight, a note on a passage, or a
//! quotation to copy. It starts on a paragraph's first sentence; its start stays put and its
//! end moves by sentences, words or paragraphs, across paragraph boundaries too. An end
//! always falls after a word (never on the space after it), so what is selected is what is
//! quoted.

use super::document::Document;
use crate::notes::passage::{self, Span};
use crate::text::reattach::Place;
use crate::text::sentences::{sentence_ends, word_ends};

/// How far a step moves the selection's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Sentence,
    Word,
    Paragraph,
}

/// The words selected: from `span.start` to `span.end`, the end excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub span: Span,
}

/// Where an end may stand in `text` for a step of `unit`, ascending.
fn stops(text: &str, unit: Unit) -> Vec<usize> {
    match unit {
        Unit::Sentence => sentence_ends(text),
        Unit::Word => word_ends(text),
        Unit::Paragraph => vec![text.trim_end().len()]
            .into_iter()
            .filter(|&e| e > 0)
            .collect(),
    }
}

impl Selection {
    /// The first sentence of passage `block`; `None` when the block is no passage or has
    /// no words.
    pub fn first_sentence(doc: &Document, block: usize) -> Option<Selection> {
        if !doc.is_passage(block) {
            return None;
        }
        let text = doc.plain().get(block)?;
        let start = text.len() - text.trim_start().len();
        let end = *sentence_ends(text).iter().find(|&&e| e > start)?;
        Some(Selection {
            span: Span {
                start: Place {
                    block,
                    offset: start,
                },
                end: Place { block, offset: end },
            },
        })
    }

    /// Moves the end one `unit` forward or back; false when it cannot go further (the end
    /// of the essay, or a selection already down to its first word).
    pub fn step(&mut self, doc: &Document, unit: Unit, forward: bool) -> bool {
        let next = if forward {
            self.forward(doc, unit)
        } else {
            self.back(doc, unit)
        };
        match next {
            Some(end) => {
                self.span.end = end;
                true
            }
            None => false,
        }
    }

    fn forward(&self, doc: &Document, unit: Unit) -> Option<Place> {
        let plain = doc.plain();
        let end = self.span.end;
        let here = plain.get(end.block).unwrap_or("");
        if let Some(&s) = stops(here, unit).iter().find(|&&s| s > end.offset) {
            return Some(Place {
                block: end.block,
                offset: s,
            });
        }
        (end.block + 1..plain.len())
            .filter(|&b| doc.is_passage(b))
            .find_map(|b| {
                let first = *stops(plain.get(b)?, unit).first()?;
                Some(Place {
                    block: b,
                    offset: first,
                })
            })
    }

    fn back(&self, doc: &Document, unit: Unit) -> Option<Place> {
        let plain = doc.plain();
        let (start, end) = (self.span.start, self.span.end);
        let here = plain.get(end.block).unwrap_or("");
        let floor = if end.block == start.block {
            start.offset
        } else {
            0
        };
        if let Some(&s) = stops(here, unit)
            .iter()
            .rev()
            .find(|&&s| s < end.offset && s > floor)
        {
            return Some(Place {
                block: end.block,
                offset: s,
            });
        }
        // Back into the paragraph before, at its end; never before the start's paragraph.
        (start.block..end.block)
            .rev()
            .filter(|&b| doc.is_passage(b))
            .find_map(|b| {
                let last = *stops(plain.get(b)?, unit).last()?;
                (b > start.block || last > start.offset).then_some(Place {
                    block: b,
                    offset: last,
                })
            })
    }

    /// The selected words, paragraphs joined by a blank line.
    pub fn text(&self, doc: &Document) -> String {
        passage::words(&doc.essay, doc.plain(), self.span).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::{Essay, Format};

    fn doc() -> Document {
        let text =
            "# Title\n\nFirst one. Mr. Smith came. Third here.\n\n## Part\n\nNext para. Its end.\n";
        Document::new(Essay::parse(text, Format::Markdown, "t"), "t".into())
    }

    fn first(doc: &Document) -> Selection {
        let block = (0..doc.plain().len()).find(|&b| doc.is_passage(b)).unwrap();
        Selection::first_sentence(doc, block).unwrap()
    }

    #[test]
    fn starts_on_the_first_sentence() {
        let d = doc();
        assert_eq!(first(&d).text(&d), "First one.");
    }

    #[test]
    fn sentences_extend_and_shrink_within_and_across_paragraphs() {
        let d = doc();
        let mut s = first(&d);
        assert!(s.step(&d, Unit::Sentence, true));
        assert_eq!(s.text(&d), "First one. Mr. Smith came.");
        assert!(s.step(&d, Unit::Sentence, true));
        assert!(s.step(&d, Unit::Sentence, true));
        assert_eq!(
            s.text(&d),
            "First one. Mr. Smith came. Third here.\n\nNext para.",
            "over the heading, into the next passage"
        );
        assert!(s.step(&d, Unit::Sentence, false));
        assert_eq!(s.text(&d), "First one. Mr. Smith came. Third here.");
        assert!(s.step(&d, Unit::Sentence, false));
        assert!(s.step(&d, Unit::Sentence, false));
        assert_eq!(s.text(&d), "First one.");
        assert!(!s.step(&d, Unit::Sentence, false), "never empty");
        assert_eq!(s.text(&d), "First one.");
    }

    #[test]
    fn words_and_paragraphs() {
        let d = doc();
        let mut s = first(&d);
        assert!(s.step(&d, Unit::Word, true));
        assert_eq!(s.text(&d), "First one. Mr.");
        assert!(s.step(&d, Unit::Word, false));
        assert!(s.step(&d, Unit::Word, false));
        assert_eq!(s.text(&d), "First");
        assert!(!s.step(&d, Unit::Word, false));
        assert!(s.step(&d, Unit::Paragraph, true));
        assert_eq!(s.text(&d), "First one. Mr. Smith came. Third here.");
        assert!(s.step(&d, Unit::Paragraph, true));
        assert!(s.text(&d).ends_with("Next para. Its end."));
        assert!(!s.step(&d, Unit::Paragraph, true), "the end of the essay");
        assert!(s.step(&d, Unit::Paragraph, false));
        assert_eq!(s.text(&d), "First one. Mr. Smith came. Third here.");
    }
}
