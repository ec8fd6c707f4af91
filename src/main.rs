//! The `margin` binary: parse the command line, run, report one error at the edge.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use margin::cli::{Cli, Command};
use margin::commands::{self, render::Styling};
use margin::layout::Layout;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("margin: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> margin::Result<()> {
    match cli.command {
        Some(Command::Toc(args)) => {
            let (essay, source) = commands::load(&args.file, args.format.map(Into::into))?;
            let text = if args.json {
                commands::toc::json(&essay)
            } else {
                commands::toc::text(&essay, &source.stem(), terminal_width().unwrap_or(80))
            };
            commands::print(&text)
        }
        Some(Command::Render(args)) => {
            let (essay, _) = commands::load(&args.file, args.format.map(Into::into))?;
            let width = args
                .width
                .map(usize::from)
                .or_else(terminal_width)
                .unwrap_or(80);
            commands::print(&commands::render::render(
                &Layout::build(&essay, width),
                styling(),
            ))
        }
        None => {
            let Some(file) = cli.read.file else {
                eprintln!(
                    "margin: give an essay to read, for example: margin essays/the-slow-reader.md"
                );
                std::process::exit(2);
            };
            let (essay, _) = commands::load(&file, cli.read.format.map(Into::into))?;
            let width = terminal_width().unwrap_or(80).min(72);
            commands::print(&commands::render::render(
                &Layout::build(&essay, width),
                styling(),
            ))
        }
    }
}

/// The terminal's width when stdout is one.
fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|&w| w > 0)
}

fn styling() -> Styling {
    if !std::io::stdout().is_terminal() {
        Styling::Plain
    } else if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        Styling::Attributes
    } else {
        Styling::Colour
    }
}
