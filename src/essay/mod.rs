//! The document model and the readers that build it. Nothing here knows about terminals.

pub mod detect;
pub mod frontmatter;
pub mod markdown;
#[cfg(test)]
mod markdown_tests;
pub mod model;
pub mod plain;
pub mod sections;
pub mod source;
pub mod stats;

pub use model::{Block, BlockKind, Container, Essay, Format, Section, Span, Style, Text};
pub use source::Source;

use std::path::Path;

use crate::error::Result;

impl Essay {
    /// Parses `text` in `format`; `fallback_title` names the opening section when the essay
    /// has no title (usually the file name).
    pub fn parse(text: &str, format: Format, fallback_title: &str) -> Essay {
        match format {
            Format::Markdown => markdown::parse(text, fallback_title),
            Format::Text => plain::parse(text, fallback_title),
        }
    }

    /// Reads and parses the essay at `path` (`-`: standard input). `format` overrides
    /// detection.
    pub fn load(path: &Path, format: Option<Format>) -> Result<(Essay, Source)> {
        let source = source::load(path)?;
        let essay = Essay::from_source(&source, format);
        Ok((essay, source))
    }

    pub fn from_source(source: &Source, format: Option<Format>) -> Essay {
        let format =
            format.unwrap_or_else(|| detect::detect(source.extension().as_deref(), &source.text));
        Essay::parse(&source.text, format, &source.stem())
    }

    /// The title to show: the essay's own, else `fallback` (the file name).
    pub fn display_title<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.title.as_deref().unwrap_or(fallback)
    }
}
