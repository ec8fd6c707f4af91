//! The real terminal: raw mode and the alternate screen on the way in, everything put back
//! on every way out (quit, error, panic, SIGTERM, SIGHUP), and the [`Console`] the runner
//! drives, over crossterm.

use std::io::{IsTerminal, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::{Frame, Terminal};

use super::Console;
use crate::app::action::EditFailed;
use crate::error::{Error, Result};

/// Refuses to start where a full-screen reader cannot work.
pub fn check_terminal() -> Result<()> {
    let term = std::env::var("TERM").unwrap_or_default();
    if !std::io::stdout().is_terminal() || term == "dumb" {
        let why = if term == "dumb" {
            "this terminal (TERM=dumb) cannot show it"
        } else {
            "standard output is not a terminal"
        };
        return Err(Error::NoTerminal(why.to_string()));
    }
    Ok(())
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Raw mode, the alternate screen, the mouse and bracketed paste: the reader's terminal.
fn enter() -> std::io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Signals that end margin the way `q` does: the position saved, the terminal restored.
fn watch_signals() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&flag));
    }
    flag
}

/// `SIGTSTP` sent from outside, which would otherwise stop margin with the terminal still
/// raw and on the alternate screen: it is noted instead, and the runner suspends the way
/// Ctrl-Z does, the terminal put back first.
fn watch_suspend() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&flag));
    flag
}

/// Runs `stop` with `SIGTSTP` at its default action, then puts margin's handler back:
/// raising it then stops margin for real, and an outside editor stopped by Ctrl-Z stops
/// margin with it (a job is stopped only when all of it is), as it did before margin
/// watched the signal.
fn with_default_tstp<T>(stop: impl FnOnce() -> T) -> T {
    // SAFETY: sigaction reads and writes only the two structs given, which live on this
    // stack; the handler saved is put back exactly as it was (signal-hook's own).
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut kept: libc::sigaction = std::mem::zeroed();
        let saved = libc::sigaction(libc::SIGTSTP, &raw const default, &raw mut kept) == 0;
        let result = stop();
        if saved {
            libc::sigaction(libc::SIGTSTP, &raw const kept, std::ptr::null_mut());
        }
        result
    }
}

/// The outside editor's file for a note: its text ending with a newline, as a text file
/// does, so a tool that appends a line starts a line of its own (an empty note stays an
/// empty file). Reading it back trims the end again (see `notes_update::external_done`).
fn editor_file(text: &str) -> String {
    let text = text.trim_end_matches('\n');
    if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n")
    }
}

/// The terminal margin runs in, set up for the reader.
pub struct Crossterm {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    stop: Arc<AtomicBool>,
    tstp: Arc<AtomicBool>,
}

impl Crossterm {
    /// Takes the terminal: restored by a panic too, and when dropped.
    pub fn open() -> Result<Crossterm> {
        check_terminal()?;
        let stop = watch_signals();
        let tstp = watch_suspend();
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            hook(info);
        }));
        let terminal = enter()
            .and_then(|()| Terminal::new(CrosstermBackend::new(std::io::stdout())))
            .map_err(|e| {
                restore_terminal();
                Error::Terminal(e)
            })?;
        Ok(Crossterm {
            terminal,
            stop,
            tstp,
        })
    }
}

impl Drop for Crossterm {
    fn drop(&mut self) {
        restore_terminal();
    }
}

impl Console for Crossterm {
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> Result<()> {
        self.terminal
            .draw(render)
            .map(|_| ())
            .map_err(Error::Terminal)
    }

    fn clear(&mut self) -> Result<()> {
        self.terminal.clear().map_err(Error::Terminal)
    }

    fn next_event(&mut self, timeout: Duration) -> Result<Option<Event>> {
        if event::poll(timeout).map_err(Error::Terminal)? {
            event::read().map(Some).map_err(Error::Terminal)
        } else {
            Ok(None)
        }
    }

    fn size(&self) -> Option<(u16, u16)> {
        crossterm::terminal::size().ok()
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn suspend_asked(&mut self) -> bool {
        self.tstp.swap(false, Ordering::Relaxed)
    }

    fn set_mouse(&mut self, on: bool) {
        let mut out = std::io::stdout();
        let _ = if on {
            execute!(out, EnableMouseCapture)
        } else {
            execute!(out, DisableMouseCapture)
        };
    }

    fn copy(&mut self, text: &str) {
        use std::io::Write;
        let mut out = std::io::stdout();
        let _ = out.write_all(super::clipboard::osc52(text).as_bytes());
        let _ = out.flush();
    }

    /// The shell's job control, done by hand: in raw mode the terminal sends Ctrl-Z to
    /// margin as a key instead of stopping it, so margin puts the terminal back as the shell
    /// left it, stops itself with the signal the key would have sent, and on `fg` takes the
    /// terminal again, cleared, so that the next frame draws every cell.
    fn suspend(&mut self) -> Result<()> {
        restore_terminal();
        // SAFETY: raise sends a signal to this process and touches no memory of ours.
        // SIGTSTP's default action stops every thread until SIGCONT; raise returns then.
        // (In an orphaned process group the kernel discards it, and margin goes on.)
        with_default_tstp(|| unsafe {
            libc::raise(libc::SIGTSTP);
        });
        // A Ctrl-Z typed while margin was stopped is not a second request.
        self.tstp.store(false, Ordering::Relaxed);
        enter().and_then(|()| self.terminal.clear()).map_err(|e| {
            restore_terminal();
            Error::Terminal(e)
        })
    }

    /// Hands the terminal to `$VISUAL` (else `$EDITOR`) on a private temporary file holding
    /// `text`, then takes it back. Returns the text the editor left.
    fn edit_externally(&mut self, text: &str) -> std::result::Result<String, EditFailed> {
        let editor = ["VISUAL", "EDITOR"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.trim().is_empty())
            .ok_or("Set $VISUAL or $EDITOR to write notes in your own editor.")?;
        let path = std::env::temp_dir().join(format!("margin-note-{}.md", std::process::id()));
        let given = editor_file(text);
        crate::store::atomic::write(&path, given.as_bytes()).map_err(|e| EditFailed {
            why: format!("cannot prepare the note for the editor ({e})"),
            text: None,
        })?;
        restore_terminal();
        // Through the shell, so `EDITOR="code --wait"` works; the file is an argument, not code.
        let status = with_default_tstp(|| {
            std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("{editor} \"$1\""))
                .arg("sh")
                .arg(&path)
                .status()
        });
        // A Ctrl-Z in the editor stopped margin with it, and `fg` continued both.
        self.tstp.store(false, Ordering::Relaxed);
        let back = enter().and_then(|()| self.terminal.clear());
        // Read back whatever happened: an editor that failed, or was stopped by a hang-up,
        // may have written the reader's words first.
        let written = std::fs::read_to_string(&path);
        let _ = std::fs::remove_file(&path);
        let changed = written.as_ref().ok().filter(|w| **w != given).cloned();
        let result = match (status, written) {
            (Ok(s), Ok(w)) if s.success() => Ok(w),
            (Ok(s), Err(e)) if s.success() => Err(EditFailed {
                why: format!("cannot read the note back ({e})"),
                text: None,
            }),
            (Ok(s), _) => Err(EditFailed {
                why: format!("the editor exited with {s}"),
                text: changed,
            }),
            (Err(e), _) => Err(EditFailed {
                why: format!("cannot run {editor} ({e})"),
                text: None,
            }),
        };
        match back {
            Ok(()) => result,
            // The words are kept all the same: margin's editor holds them, and a draft
            // keeps them should the terminal's failure stop margin.
            Err(e) => Err(EditFailed {
                why: format!("the terminal failed after the editor ({e})"),
                text: match result {
                    Ok(w) => Some(w),
                    Err(f) => f.text,
                },
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::editor_file;

    #[test]
    fn the_editors_file_ends_with_one_newline() {
        assert_eq!(editor_file("A note."), "A note.\n");
        assert_eq!(editor_file("Two\nlines\n"), "Two\nlines\n");
        assert_eq!(editor_file(""), "");
    }
}
