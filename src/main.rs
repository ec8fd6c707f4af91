//! The `margin` binary: parse the command line, run, report one error at the edge.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use margin::cli::{Cli, Command};
use margin::commands::{self, render::Styling};
use margin::layout::Layout;
use margin::store;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("margin: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(cli: Cli) -> margin::Result<()> {
    let (config, problems) = margin::config::load();
    // Reported here as the lines the reader sees, on standard error and in the status line.
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for p in &problems {
        eprintln!("margin: config: {p}");
    }
    let wpm = config.wpm;
    match cli.command {
        Some(Command::Toc(args)) => {
            let (essay, source) = commands::load(&args.file, args.format.map(Into::into))?;
            let text = if args.json {
                commands::toc::json(&essay, wpm)
            } else {
                let width = terminal_width().unwrap_or(80);
                commands::toc::text(&essay, &source.stem(), width, wpm)
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
                &Layout::all_lines(&essay, width),
                styling(),
            ))
        }
        Some(Command::Notes(args)) => notes(&args),
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "margin", &mut out);
            commands::print(&String::from_utf8_lossy(&out))
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(margin::Error::Output)?;
            commands::print(&String::from_utf8_lossy(&out))
        }
        None => match &cli.read.file {
            Some(file) => commands::read::file(file, &cli.read, &config, &problems),
            None => commands::read::library(&cli.read, &config, &problems),
        },
    }
}

/// `margin notes`: print, export or list notes.
fn notes(args: &margin::cli::NotesArgs) -> margin::Result<()> {
    use margin::commands::notes as cmd;
    let Some(file) = &args.file else {
        let stored = cmd::stored();
        if let Some(dir) = &args.export {
            let all = cmd::all_for_export(stored);
            if all.is_empty() {
                eprintln!("margin: no notes to export yet");
            }
            for (title, path, notes) in all {
                export(dir, &title, path.as_deref(), &notes)?;
            }
            return Ok(());
        }
        if args.json {
            return commands::print(&cmd::list_json(&stored));
        }
        return commands::print(&cmd::list(&stored));
    };
    let (essay, source) = commands::load(file, args.format.map(Into::into))?;
    let title = essay.display_title(&source.stem()).to_string();
    let (store, message) = cmd::open(file, &source.text, &title);
    // A notes file that cannot be read must not look like an essay without notes.
    if let Some(m) = message {
        return Err(margin::Error::Notes(m.to_string()));
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
        .and_then(|()| std::fs::write(&path, text))
        .map_err(|source| margin::Error::Write {
            path: path.clone(),
            source,
        })?;
    println!("{}", margin::error::show_path(&path));
    Ok(())
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
