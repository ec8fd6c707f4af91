//! The document model and the readers that build it. Nothing here knows about terminals.

pub mod detect;
pub mod epub;
pub mod frontmatter;
pub mod html;
pub mod links;
pub mod markdown;
#[cfg(test)]
mod markdown_tests;
pub mod model;
pub mod piped;
pub mod plain;
pub mod sections;
pub mod sniff;
pub mod source;
pub mod stats;
pub mod typography;

pub use model::{
    Block, BlockKind, Container, Essay, Format, Plain, Section, Span, Style, Table, Text,
};
pub use source::Source;
pub use typography::Typography;

use std::path::Path;
use std::sync::Arc;

use crate::error::Result;

impl Essay {
    /// Parses `text` in `format`; `fallback_title` names the opening section when the essay
    /// has no title (usually the file name).
    pub fn parse(text: &str, format: Format, fallback_title: &str) -> Essay {
        match format {
            Format::Markdown => markdown::parse(text, fallback_title),
            Format::Text => plain::parse(&Arc::new(text.to_string()), fallback_title),
        }
    }

    /// Reads and parses the essay at `path` (`-`: standard input). `format` overrides
    /// detection.
    pub fn load(path: &Path, format: Option<Format>) -> Result<(Essay, Source)> {
        Essay::load_with(path, format, Typography::Smart)
    }

    /// [`Essay::load`], punctuation set as `typography` says.
    pub fn load_with(
        path: &Path,
        format: Option<Format>,
        typography: Typography,
    ) -> Result<(Essay, Source)> {
        let source = source::load(path)?;
        let essay = Essay::from_source_with(&source, format, typography);
        Ok((essay, source))
    }

    pub fn from_source(source: &Source, format: Option<Format>) -> Essay {
        Essay::from_source_with(source, format, Typography::Smart)
    }

    /// [`Essay::from_source`], punctuation set as `typography` says (Markdown only: plain
    /// text is shown as written).
    pub fn from_source_with(
        source: &Source,
        format: Option<Format>,
        typography: Typography,
    ) -> Essay {
        let format = format
            .or(source.format)
            .unwrap_or_else(|| detect::detect(source.extension().as_deref(), &source.text));
        match format {
            // Blocks share the source's text rather than copy it.
            Format::Markdown => markdown::parse_shared(&source.text, &source.stem(), typography),
            Format::Text => plain::parse(&source.text, &source.stem()),
        }
    }

    /// Why the essay read from `source` has the headings it has (`margin toc --explain`).
    pub fn explain(source: &Source, format: Option<Format>) -> String {
        let format = format
            .or(source.format)
            .unwrap_or_else(|| detect::detect(source.extension().as_deref(), &source.text));
        match format {
            Format::Markdown => "Markdown: the headings are the ones the author marked \
                                 (`#` lines and underlined lines); none is inferred.\n"
                .to_string(),
            Format::Text => plain::explain(&source.text),
        }
    }

    /// A stand-in for a long essay still being read: its start and its end, with a
    /// paragraph between them saying the middle is coming. Returns the essay and the index
    /// of the end's first block. The end's blocks keep lines counted from where the end
    /// was cut, so only their order from the last block means anything.
    pub fn preview(head: Essay, tail: Essay, fallback_title: &str) -> (Essay, usize) {
        let mut blocks = head.blocks;
        let line = blocks.last().map_or(1, |b| b.line + 1);
        let mut gap = Text::default();
        let note = Style {
            emphasis: true,
            ..Style::default()
        };
        gap.push("⋯ the middle of the essay is still being read ⋯", &note);
        blocks.push(Block::new(BlockKind::Paragraph(gap), line));
        let tail_from = blocks.len();
        blocks.extend(tail.blocks);
        let opening = head
            .title
            .clone()
            .unwrap_or_else(|| fallback_title.to_string());
        let sections = sections::build(&blocks, &opening);
        let essay = Essay {
            title: head.title,
            subtitle: head.subtitle,
            lang: head.lang,
            format: head.format,
            blocks,
            sections,
        };
        (essay, tail_from)
    }

    /// The title to show: the essay's own, else `fallback` (the file name).
    pub fn display_title<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.title.as_deref().unwrap_or(fallback)
    }
}
