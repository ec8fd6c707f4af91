//! The `margin` binary: parse the command line, run, report one error at the edge.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use margin::cli::{Cli, Command};
use margin::commands::{self, render::Styling};
use margin::layout::Layout;
use margin::store;
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
        Some(Command::Notes(args)) => notes(&args),
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

/// `margin notes`: print, export or list notes.
fn notes(args: &margin::cli::NotesArgs) -> margin::Result<()> {
    use margin::commands::notes as cmd;
    let Some(file) = &args.file else {
        let stored = cmd::stored();
        if let Some(dir) = &args.export {
            for (title, path, notes) in cmd::all_for_export(stored) {
                export(dir, &title, path.as_deref(), &notes)?;
            }
            return Ok(());
        }
        return commands::print(&cmd::list(&stored));
    };
    let (essay, source) = commands::load(file, args.format.map(Into::into))?;
    let title = essay.display_title(&source.stem()).to_string();
    let (store, message) = cmd::open(file, &source.text, &title);
    if let Some(m) = message {
        eprintln!("margin: warning: {m}");
    }
    let notes: Vec<margin::notes::Note> = store.notes.clone();
    let placed = cmd::placed(&essay, &notes);
    let path = store::identity::Identity::new(file, &source.text).path;
    if let Some(dir) = &args.export {
        return export(dir, &title, path.as_deref(), &placed);
    }
    if args.json {
        commands::print(&cmd::json(&title, path.as_deref(), &placed))
    } else {
        commands::print(&cmd::markdown(&title, path.as_deref(), &placed, false))
    }
}

/// Writes one essay's notes into `dir` as a Markdown file with front matter.
fn export(
    dir: &std::path::Path,
    title: &str,
    source: Option<&std::path::Path>,
    notes: &[margin::commands::notes::Placed],
) -> margin::Result<()> {
    use margin::commands::notes as cmd;
    let path = dir.join(cmd::file_name(title));
    let text = cmd::markdown(title, source, notes, true);
    std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::write(&path, text))
        .map_err(|e| margin::Error::Read {
            path: path.clone(),
            source: e,
        })?;
    println!("{}", margin::error::show_path(&path));
    Ok(())
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
    let title = essay.display_title(&source.stem()).to_string();
    let (notes, notes_message) = margin::notes::NoteStore::open(identity.clone(), &title);
    let stores = margin::tui::Stores {
        positions: margin::store::positions::PositionStore::new(identity),
        notes,
        notes_message,
    };
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
    margin::tui::run(app, stores, &theme, restore)
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
