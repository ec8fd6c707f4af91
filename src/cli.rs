//! The command line: `margin [FILE]` opens the reader, `margin toc` and `margin render` print.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::essay::Format;

const EXAMPLES: &str = "\
Examples:
  margin                                    the library: the essays in ./essays (or --library DIR)
  margin essays/the-slow-reader.md          read an essay
  margin toc essay.txt                      print its outline with words and minutes
  margin toc essay.txt --json               the outline as JSON
  margin render essay.md --width 60 | less  print it wrapped to 60 columns
  curl -s https://example.org/post.txt | margin render -";

#[derive(Debug, Parser)]
#[command(
    name = "margin",
    version,
    about = "A terminal reader for long-form essays",
    long_about = "A terminal reader for long-form essays: Markdown, or plain text pasted from a \
                  blog, split into sections by its headings.",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The essay to read (`-` reads standard input).
    pub file: Option<PathBuf>,

    /// Read the file as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,

    /// Open at this section: its number in the outline, or the start of its title.
    #[arg(long, value_name = "NAME|N")]
    pub section: Option<String>,

    /// Widest text measure, in columns (default 72, or the configuration's `width`).
    #[arg(long, value_parser = clap::value_parser!(u16).range(20..=400))]
    pub width: Option<u16>,

    /// The library folder to list when no file is given.
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Open at the start instead of where you left off.
    #[arg(long)]
    pub from_start: bool,

    /// Set the text justified instead of ragged-right.
    #[arg(long)]
    pub justify: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the essay's outline: headings indented by level, with words and minutes.
    Toc(TocArgs),
    /// Print the essay laid out as the reader shows it, wrapped to a width.
    Render(RenderArgs),
    /// Print an essay's notes as Markdown (or JSON); with no file, list essays with notes.
    Notes(NotesArgs),
    /// Print shell completions: `margin completions bash > ~/.local/share/bash-completion/completions/margin`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `margin man > margin.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct NotesArgs {
    /// The essay (`-` reads standard input); without it, every essay with notes.
    pub file: Option<PathBuf>,
    /// Print one JSON object instead of Markdown.
    #[arg(long, conflicts_with = "export")]
    pub json: bool,
    /// Write one Markdown file an essay into DIR, with front matter, for a notebook.
    #[arg(long, value_name = "DIR")]
    pub export: Option<PathBuf>,
    /// Read the file as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
}

#[derive(Debug, Args)]
pub struct TocArgs {
    /// The essay (`-` reads standard input).
    pub file: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long, conflicts_with = "explain")]
    pub json: bool,
    /// Print why each heading was chosen, and why strong candidates were not.
    #[arg(long)]
    pub explain: bool,
    /// Read the file as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The essay (`-` reads standard input).
    pub file: PathBuf,
    /// Wrap to this many columns (default: the terminal's width, or 80).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// Read the file as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Markdown,
    Text,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Text => Format::Text,
        }
    }
}
