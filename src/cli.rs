//! The command line: `margin [FILE]` opens the reader, `margin toc` and `margin render` print.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::essay::Format;

/// `margin --help`'s examples, which the manual page shows too.
pub const EXAMPLES: &str = "\
Examples:
  margin                                    the library: the essays in ./essays (or --library DIR)
  margin essays/the-slow-reader.md          read an essay
  margin ~/Documents/essays                 the library of another folder
  margin essay.md | less                    into a pipe: printed, as margin render prints it
  margin https://example.org/an-essay       read an essay from the web
  margin add https://example.org/an-essay   save a copy in the library, to read offline
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
    /// The essay to read (`-` reads standard input; an http:// or https:// address is
    /// downloaded), or a folder to list as the library.
    /// Into a pipe, the essay is printed as `margin render` prints it.
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
    /// Save a copy of an essay (a web address or a file) in the library, to read offline.
    Add(AddArgs),
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
    /// Check the configuration file.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print every mistake in the configuration file; exit 1 when there are any.
    Check,
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
pub struct AddArgs {
    /// The essay: an http:// or https:// address, or a file.
    #[arg(value_name = "URL|FILE")]
    pub source: PathBuf,
    /// Replace the copy already saved from the same address or file with a fresh one.
    #[arg(long)]
    pub refresh: bool,
    /// The library folder to save it in (default: the one `margin` lists).
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,
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

/// The subcommand `word` looks like a slip for, when it is one: `margin note FILE` meant
/// `notes`. `margin FILE` is the main use, so a word that names a file (`exists`), or
/// looks like a path, is never taken for a slip; nor is one more than two edits away from
/// every command (`margin essay`, a missing file, is reported as one).
pub fn mistyped_command<'a>(word: &str, exists: bool, commands: &[&'a str]) -> Option<&'a str> {
    if exists || word.starts_with('-') || word.contains(['/', '.']) || commands.contains(&word) {
        return None;
    }
    commands
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        // At most two edits, and no more than one for every two letters typed: `tc` is
        // `toc`, but `ab` is nothing.
        .filter(|&(d, _)| d <= 2 && 2 * d <= word.chars().count())
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMANDS: &[&str] = &[
        "toc",
        "add",
        "render",
        "notes",
        "completions",
        "man",
        "config",
        "help",
    ];

    #[test]
    fn a_slip_of_a_letter_or_two_is_named() {
        assert_eq!(mistyped_command("note", false, COMMANDS), Some("notes"));
        assert_eq!(mistyped_command("tocs", false, COMMANDS), Some("toc"));
        assert_eq!(mistyped_command("rendr", false, COMMANDS), Some("render"));
        assert_eq!(
            mistyped_command("completion", false, COMMANDS),
            Some("completions")
        );
    }

    #[test]
    fn files_and_far_words_are_not_slips() {
        assert_eq!(
            mistyped_command("note", true, COMMANDS),
            None,
            "a file named note"
        );
        assert_eq!(mistyped_command("notes.md", false, COMMANDS), None);
        assert_eq!(mistyped_command("essays/toc", false, COMMANDS), None);
        assert_eq!(mistyped_command("essay", false, COMMANDS), None);
        assert_eq!(mistyped_command("-", false, COMMANDS), None);
        assert_eq!(mistyped_command("notes", false, COMMANDS), None);
        // Two letters are closer to `man` and `toc` than to anything meant.
        assert_eq!(mistyped_command("ab", false, COMMANDS), None);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "toc"), 3);
        assert_eq!(edit_distance("tóc", "toc"), 1);
    }
}
