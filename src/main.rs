//! The `margin` binary: parse the command line, run, report one error at the edge.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use margin::cli::{Cli, Command, ConfigAction};
use margin::commands::{self, render::Styling};
use margin::essay::Typography;
use margin::layout::Layout;

fn main() -> ExitCode {
    ignore_file_size_signal();
    if let Some(slip) = mistyped_command() {
        eprintln!("margin: {slip}");
        return ExitCode::from(2);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("margin: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Under a file-size limit (`ulimit -f`) a write past it sends SIGXFSZ, which kills margin
/// with the terminal raw and the note lost. Ignored, the write fails with EFBIG instead,
/// and that is met as a full disk is: the notes stay in memory and are rescued.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: installs the "ignore" disposition, before any other thread exists; no
    // handler runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn run(cli: Cli) -> margin::Result<()> {
    let (config, problems) = margin::config::load();
    // Reported here as the lines the reader sees, on standard error and in the status line.
    if let Some(Command::Config { action }) = &cli.command {
        return match action {
            ConfigAction::Check => config_check(&problems),
        };
    }
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for p in &problems {
        eprintln!("margin: config: {p}");
    }
    let wpm = config.wpm;
    match cli.command {
        Some(Command::Toc(args)) => {
            let (essay, source) =
                commands::load(&args.file, args.format.map(Into::into), config.typography())?;
            let text = if args.json {
                commands::toc::json(&essay, wpm)
            } else if args.explain {
                let width = terminal_width().unwrap_or(80);
                let explained = margin::Essay::explain(&source, args.format.map(Into::into));
                format!(
                    "{explained}\n{}",
                    commands::toc::text(&essay, &source.stem(), width, wpm)
                )
            } else {
                let width = terminal_width().unwrap_or(80);
                commands::toc::text(&essay, &source.stem(), width, wpm)
            };
            commands::print(&text)
        }
        Some(Command::Add(args)) => add(&args, &config),
        Some(Command::Render(args)) => render(
            &args.file,
            args.format,
            args.width,
            None,
            config.typography(),
        ),
        Some(Command::Notes(args)) => notes(&args, config.typography()),
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "margin", &mut out);
            commands::print(&String::from_utf8_lossy(&out))
        }
        // Answered above, before the mistakes went to standard error.
        Some(Command::Config { .. }) => Ok(()),
        Some(Command::Man) => commands::print(&commands::man::page()),
        None => match &cli.read.file {
            // `margin DIR`: that folder as the library.
            Some(dir) if dir.is_dir() => {
                commands::read::library(Some(dir), &cli.read, &config, &problems)
            }
            // `margin FILE | head`: printed as `margin render` prints it, as bat and glow do.
            Some(file) if !std::io::stdout().is_terminal() => render(
                file,
                cli.read.format,
                cli.read.width,
                cli.read.section.as_deref(),
                config.typography(),
            ),
            Some(file) => commands::read::file(file, &cli.read, &config, &problems),
            None => {
                commands::read::library(cli.read.library.as_deref(), &cli.read, &config, &problems)
            }
        },
    }
}

/// `margin render FILE`: the essay laid out at `width` (else the terminal's, else 80);
/// from the section `section` names, when one does (`margin FILE --section N | less`).
fn render(
    file: &std::path::Path,
    format: Option<margin::cli::FormatArg>,
    width: Option<u16>,
    section: Option<&str>,
    typography: Typography,
) -> margin::Result<()> {
    let (essay, _) = commands::load(file, format.map(Into::into), typography)?;
    let width = width.map(usize::from).or_else(terminal_width).unwrap_or(80);
    let first = match section {
        // The opening section, which has no heading, starts with the title.
        Some(name) => essay
            .sections
            .get(commands::read::find_section(&essay, name)?)
            .and_then(|s| s.heading.map(|_| s.start)),
        None => None,
    };
    commands::print(&commands::render::render(
        &Layout::lines_from(&essay, width, first),
        styling(),
    ))
}

/// What to say when the command line's first word is a slip for a subcommand
/// (`margin note FILE`) rather than an essay: clap would take it for the file.
fn mistyped_command() -> Option<String> {
    let word = std::env::args_os().nth(1)?;
    let word = word.to_str()?;
    let exists = std::path::Path::new(word).exists();
    let command = Cli::command();
    let names: Vec<&str> = command
        .get_subcommands()
        .map(clap::Command::get_name)
        .collect();
    let meant = margin::cli::mistyped_command(word, exists, &names)?;
    Some(format!(
        "'{}' is neither a command nor a file; did you mean '{meant}'? (`margin --help` lists the commands)",
        margin::sanitize::sanitize(word)
    ))
}

/// `margin add URL|FILE`: a copy in the library. A source saved already is replaced with
/// `--refresh`, or when the reader says yes at a terminal; elsewhere, it is said how.
fn add(args: &margin::cli::AddArgs, config: &margin::config::Config) -> margin::Result<()> {
    use margin::commands::add::{Added, add};
    use margin::error::show_path;
    let folder = margin::library::folder(args.library.as_deref(), config);
    margin::library::prepare(&folder).map_err(|e| margin::Error::Library(e.to_string()))?;
    let done = match add(&args.source, &folder.path, args.refresh)? {
        Added::AlreadyThere(path) => {
            let what = show_path(&args.source);
            let there = show_path(&path);
            if !std::io::stdin().is_terminal() {
                eprintln!(
                    "margin: {what} is in the library already, as {there}; `margin add --refresh` replaces it with a fresh copy"
                );
                return Ok(());
            }
            eprint!(
                "margin: {what} is in the library already, as {there}; replace it with a fresh copy? [y/N] "
            );
            let mut answer = String::new();
            let _ = std::io::stdin().read_line(&mut answer);
            if !answer.trim().eq_ignore_ascii_case("y")
                && !answer.trim().eq_ignore_ascii_case("yes")
            {
                eprintln!("margin: kept {there} as it was");
                return Ok(());
            }
            add(&args.source, &folder.path, true)?
        }
        done => done,
    };
    match done {
        Added::Saved(path) => println!("saved {}", show_path(&path)),
        Added::Refreshed(path) => println!("refreshed {}", show_path(&path)),
        Added::AlreadyThere(_) => {}
    }
    Ok(())
}

/// `margin notes`: print, export or list notes.
fn notes(args: &margin::cli::NotesArgs, typography: Typography) -> margin::Result<()> {
    use margin::commands::notes as cmd;
    let Some(file) = &args.file else {
        let stored = cmd::stored();
        if let Some(dir) = &args.export {
            let all = cmd::all_for_export(stored, typography);
            if all.is_empty() {
                eprintln!("margin: no notes to export yet");
            }
            for essay in &all {
                export(dir, essay)?;
            }
            return Ok(());
        }
        if args.json {
            return commands::print(&cmd::list_json(&stored));
        }
        return commands::print(&cmd::list(&stored));
    };
    let (essay, source) = commands::load(file, args.format.map(Into::into), typography)?;
    let title = essay.display_title(&source.stem()).to_string();
    let (store, message, said) = cmd::open(file, &source.text, &title);
    // A notes file that cannot be read must not look like an essay without notes.
    if let Some(m) = message {
        return Err(margin::Error::Notes(m.to_string()));
    }
    if let Some(said) = said {
        eprintln!("margin: {said}");
    }
    let notes: Vec<margin::notes::Note> = store.notes.clone();
    let placed = cmd::placed(&essay, &notes);
    let identity = store.identity().clone();
    if let Some(dir) = &args.export {
        let key = store.path().map_or_else(|| identity.key(), cmd::key_of);
        return export(
            dir,
            &cmd::EssayNotes {
                key,
                title,
                source: identity.path,
                notes: placed,
            },
        );
    }
    let path = identity.path;
    if args.json {
        commands::print(&cmd::json(&title, path.as_deref(), &placed))
    } else {
        commands::print(&cmd::markdown(&title, path.as_deref(), &placed, None))
    }
}

/// Writes one essay's notes into `dir`, saying where, and on standard error when the file
/// its title names was left alone.
fn export(
    dir: &std::path::Path,
    essay: &margin::commands::notes::EssayNotes,
) -> margin::Result<()> {
    use margin::error::show_path;
    let done = commands::export::export(dir, essay)?;
    if let Some(other) = &done.passed_over {
        eprintln!(
            "margin: {} is not margin's export of {}; wrote {} instead",
            show_path(other),
            margin::sanitize::sanitize(&essay.title),
            show_path(&done.path)
        );
    }
    println!("{}", show_path(&done.path));
    Ok(())
}

/// `margin config check`: every mistake in the configuration file, on standard output;
/// an error (exit 1) when there are any.
fn config_check(problems: &[margin::config::ConfigProblem]) -> margin::Result<()> {
    let file = margin::config::path();
    commands::print(&margin::config::report(file.as_deref(), problems))?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(margin::Error::ConfigMistakes(problems.len()))
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
