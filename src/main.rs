//! The `margin` binary: parse the command line, run, report one error at the edge.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use margin::cli::{Cli, Command};
use margin::commands::{self, render::Styling};
use margin::layout::Layout;
use margin::ui::theme::Theme;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ margin::Error::Usage(_)) => {
            eprintln!("margin: {e}");
            ExitCode::from(2)
        }
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
            let Some(file) = cli.read.file.clone() else {
                eprintln!(
                    "margin: give an essay to read, for example: margin essays/the-slow-reader.md"
                );
                std::process::exit(2);
            };
            read(&file, &cli.read)
        }
    }
}

/// Opens the full-screen reader on `file`.
fn read(file: &std::path::Path, args: &margin::cli::ReadArgs) -> margin::Result<()> {
    margin::tui::check_terminal()?;
    let (essay, source) = commands::load(file, args.format.map(Into::into))?;
    let start = match &args.section {
        Some(name) => Some(find_section(&essay, name)?),
        None => None,
    };
    let identity = margin::store::identity::Identity::new(file, &source.text);
    let store = margin::store::positions::PositionStore::new(identity);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let options = margin::app::Options {
        max_measure: usize::from(args.width),
        justify: args.justify,
        no_color,
    };
    let doc = margin::app::document::Document::new(essay, source.stem());
    let mut app = margin::app::App::new(doc, options);
    let theme = if no_color {
        Theme::plain()
    } else {
        Theme::dark()
    };
    let restore = start.is_none() && !args.from_start;
    if let Some(section) = start {
        app.pending_section = Some(section);
    }
    margin::tui::run(app, store, &theme, restore)
}

/// The section `name` names: its number in the outline (from 1), or the start of its title.
fn find_section(essay: &margin::Essay, name: &str) -> margin::Result<usize> {
    let outline: Vec<(usize, &str)> = essay
        .outline()
        .map(|(i, s)| (i, s.title.as_str()))
        .collect();
    if let Ok(n) = name.trim().parse::<usize>() {
        if let Some((i, _)) = n.checked_sub(1).and_then(|k| outline.get(k)) {
            return Ok(*i);
        }
        return Err(margin::Error::Usage(format!(
            "--section {n}: the essay has {} sections; `margin toc FILE` lists them",
            outline.len()
        )));
    }
    let wanted = name.trim().to_lowercase();
    outline
        .iter()
        .find(|(_, t)| t.to_lowercase().starts_with(&wanted))
        .map(|(i, _)| *i)
        .ok_or_else(|| {
            margin::Error::Usage(format!(
                "--section: no section starts with “{}”; `margin toc FILE` lists them",
                margin::sanitize::sanitize(name)
            ))
        })
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
