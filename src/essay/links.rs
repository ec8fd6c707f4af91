//! Where a passage's links lead, in the essay's own terms: the links of a block (web
//! addresses, internal `#anchors`, footnote references), the blocks of a footnote's
//! definition, and the section an `#anchor` names, by the slug GitHub gives a heading.
//! Nothing here opens anything; the reader decides what following a link means.

use std::collections::HashMap;
use std::ops::Range;

use super::model::{Block, BlockKind, Container, Essay};

/// What a link points at, as the essay wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A footnote reference (`[^label]`), by its label.
    Footnote(String),
    /// An address as written: `https://…`, `#section`, `mailto:…`, or anything else.
    Address(String),
}

/// One link of a passage: its text as shown and what it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub target: Target,
}

impl Block {
    /// The links in this block's text, in reading order. A link whose text changes style
    /// part-way (`[a *b*](x)`) is one link, not one per run.
    pub fn links(&self) -> Vec<Link> {
        let (BlockKind::Heading { text, .. } | BlockKind::Paragraph(text)) = &self.kind else {
            return Vec::new();
        };
        let mut links: Vec<Link> = Vec::new();
        let mut previous: Option<&str> = None;
        for span in text.spans() {
            let address = span.style.link.as_deref();
            match address {
                Some(a) if previous == Some(a) => {
                    if let Some(last) = links.last_mut() {
                        last.text.push_str(span.text);
                    }
                }
                Some(a) => links.push(Link {
                    text: span.text.to_string(),
                    target: Target::Address(a.to_string()),
                }),
                None if span.style.footnote_ref => {
                    let label = span.text.trim_start_matches('[').trim_end_matches(']');
                    links.push(Link {
                        text: span.text.to_string(),
                        target: Target::Footnote(label.to_string()),
                    });
                }
                None => {}
            }
            previous = address;
        }
        links
    }

    /// Whether the block sits in the definition of footnote `label`.
    fn defines(&self, label: &str) -> bool {
        self.containers()
            .iter()
            .any(|c| matches!(c, Container::Footnote { label: l, .. } if l == label))
    }
}

impl Essay {
    /// The blocks of footnote `label`'s definition (`None`: the essay does not define it).
    pub fn footnote(&self, label: &str) -> Option<Range<usize>> {
        let start = self.blocks.iter().position(|b| b.defines(label))?;
        let len = self.blocks[start..]
            .iter()
            .take_while(|b| b.defines(label))
            .count();
        Some(start..start + len)
    }

    /// The words of footnote `label`, a paragraph a line (`None`: not defined).
    pub fn footnote_text(&self, label: &str) -> Option<String> {
        let blocks = &self.blocks[self.footnote(label)?];
        let paragraphs: Vec<&str> = blocks.iter().map(Block::plain).collect();
        Some(paragraphs.join("\n"))
    }

    /// The section whose heading `fragment` names (`#fragment` without its `#`), as GitHub
    /// and most Markdown renderers slug headings; a second heading of the same title is
    /// `title-1`, a third `title-2`.
    pub fn section_for_anchor(&self, fragment: &str) -> Option<usize> {
        let wanted = fragment.to_lowercase();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (index, section) in self.outline() {
            let heading = section.heading.and_then(|b| self.blocks.get(b));
            let base = slug(heading.map_or(section.title.as_str(), Block::plain));
            let count = seen.entry(base.clone()).or_insert(0);
            let slug = if *count == 0 {
                base
            } else {
                format!("{base}-{count}")
            };
            *count += 1;
            if slug == wanted {
                return Some(index);
            }
        }
        None
    }
}

/// A heading's anchor as GitHub makes it: lower case, letters, digits, `-` and `_` kept,
/// spaces made `-`, everything else dropped.
pub fn slug(title: &str) -> String {
    title
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::{Essay, Format};

    fn essay(text: &str) -> Essay {
        Essay::parse(text, Format::Markdown, "t")
    }

    fn first_paragraph(e: &Essay) -> &Block {
        e.blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Paragraph(_)))
            .expect("a paragraph")
    }

    #[test]
    fn a_block_lists_its_links_and_footnote_references_in_order() {
        let e = essay(
            "See [the *long* road](https://example.org/road), the [map](#the-map) and a \
             note.[^n] Also https://example.com/x.\n\n[^n]: The note.\n",
        );
        let links = first_paragraph(&e).links();
        let targets: Vec<(&str, &Target)> =
            links.iter().map(|l| (l.text.as_str(), &l.target)).collect();
        assert_eq!(
            targets,
            [
                (
                    "the long road",
                    &Target::Address("https://example.org/road".into())
                ),
                ("map", &Target::Address("#the-map".into())),
                ("[n]", &Target::Footnote("n".into())),
                (
                    "https://example.com/x",
                    &Target::Address("https://example.com/x".into())
                ),
            ]
        );
    }

    #[test]
    fn two_links_side_by_side_to_one_address_stay_two_only_when_apart() {
        let e = essay("[a](#x)[b](#x) and [c](#x)\n");
        let texts: Vec<String> = first_paragraph(&e)
            .links()
            .into_iter()
            .map(|l| l.text)
            .collect();
        // Adjacent runs to one address read as one link; a link further on is its own.
        assert_eq!(texts, ["ab", "c"]);
    }

    #[test]
    fn a_footnote_s_definition_is_found_by_its_label_with_all_its_paragraphs() {
        let e = essay(
            "Text.[^long] More.[^2]\n\n[^long]: First part.\n\n    Second part.\n\n\
             [^2]: Short.\n\nAfter.\n",
        );
        assert_eq!(
            e.footnote_text("long").as_deref(),
            Some("First part.\nSecond part.")
        );
        assert_eq!(e.footnote_text("2").as_deref(), Some("Short."));
        assert_eq!(e.footnote("missing"), None);
        let range = e.footnote("long").expect("defined");
        assert_eq!(range.len(), 2);
    }

    #[test]
    fn anchors_name_headings_as_github_slugs_them() {
        let e = essay(
            "# Title\n\nIntro.\n\n## What’s in a Name?\n\nA.\n\n## Notes & Queries\n\nB.\n\n\
             ## Notes & Queries\n\nC.\n",
        );
        let titled = |fragment: &str| {
            e.section_for_anchor(fragment)
                .map(|s| e.sections[s].title.clone())
        };
        assert_eq!(
            titled("whats-in-a-name").as_deref(),
            Some("What’s in a Name?")
        );
        let first = e.section_for_anchor("notes--queries").expect("first");
        let second = e.section_for_anchor("notes--queries-1").expect("second");
        assert!(first < second);
        assert_eq!(
            e.section_for_anchor("Whats-In-A-Name"),
            e.section_for_anchor("whats-in-a-name")
        );
        assert_eq!(e.section_for_anchor("nowhere"), None);
    }

    #[test]
    fn slugs_keep_letters_digits_hyphens_and_underscores() {
        assert_eq!(slug("Step 2: the_end — or not"), "step-2-the_end--or-not");
        assert_eq!(slug("Écrire à la main"), "écrire-à-la-main");
    }
}
