//! The terminal: setting it up, restoring it on every way out (quit, error, panic, SIGTERM,
//! SIGHUP), and the event loop that turns keys into actions, runs effects and draws.

use std::io::{IsTerminal, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{self, Action, App, Effect, keymap};
use crate::error::{Error, Result};
use crate::store::positions::PositionStore;
use crate::ui::{self, theme::Theme};

/// How long the reader waits, idle, before it saves a moved position.
const SAVE_AFTER_IDLE: Duration = Duration::from_millis(700);
/// Lines the mouse wheel scrolls a notch.
const WHEEL_LINES: i64 = 3;

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
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

fn setup_terminal() -> std::io::Result<Terminal<CrosstermBackend<Stdout>>> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        hook(info);
    }));
    crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )?;
    Terminal::new(CrosstermBackend::new(std::io::stdout()))
}

/// Signals that end the reader the way `q` does: the position saved, the terminal restored.
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

/// Runs the reader until the reader quits or a signal ends it.
pub fn run(
    mut app: App,
    mut store: PositionStore,
    theme: &Theme,
    restore_position: bool,
) -> Result<()> {
    check_terminal()?;
    let stop = watch_signals();
    let mut terminal = setup_terminal().map_err(Error::Terminal)?;
    let result = event_loop(
        &mut terminal,
        &mut app,
        &mut store,
        theme,
        restore_position,
        &stop,
    );
    let saved = store.save(&app.position());
    restore_terminal();
    result?;
    if let Err(e) = saved {
        eprintln!("margin: {e}");
    }
    Ok(())
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    store: &mut PositionStore,
    theme: &Theme,
    restore_position: bool,
    stop: &AtomicBool,
) -> Result<()> {
    let size = terminal.size().map_err(Error::Terminal)?;
    app::update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    if restore_position {
        match store.load() {
            Ok(Some(position)) => app.restore(&position),
            Ok(None) => {}
            Err(e) => app.message = Some(e),
        }
    }
    let mut dirty = false;
    let mut redraw = true;
    let mut last_event = Instant::now();
    loop {
        // Draw only when something changed: an idle reader writes nothing to the terminal.
        if redraw {
            terminal
                .draw(|frame| ui::draw(frame, app, theme))
                .map_err(Error::Terminal)?;
            redraw = false;
        }
        // Handle every event that is already waiting before drawing again, so a burst of keys
        // (or a storm of resizes) costs one frame.
        let mut waited = false;
        loop {
            let timeout = if waited {
                Duration::ZERO
            } else {
                Duration::from_millis(250)
            };
            if !event::poll(timeout).map_err(Error::Terminal)? {
                break;
            }
            waited = true;
            redraw = true;
            last_event = Instant::now();
            let event = event::read().map_err(Error::Terminal)?;
            for effect in handle(app, event) {
                match effect {
                    Effect::SavePosition => dirty = true,
                    Effect::SetMouseCapture(on) => {
                        let mut out = std::io::stdout();
                        let _ = if on {
                            execute!(out, EnableMouseCapture)
                        } else {
                            execute!(out, DisableMouseCapture)
                        };
                    }
                }
            }
            if app.quit {
                return Ok(());
            }
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if dirty && last_event.elapsed() >= SAVE_AFTER_IDLE {
            dirty = false;
            if let Err(e) = store.save(&app.position()) {
                app.message = Some(e);
                redraw = true;
            }
        }
    }
}

/// Turns a terminal event into actions and applies them.
fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    let action = match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if app.areas.too_small {
                // Only quitting makes sense on a screen too small to read.
                match keymap::action_for(&key, keymap::Mode::Pane(app.focus)) {
                    Some(Action::Quit) => Some(Action::Quit),
                    _ => None,
                }
            } else {
                keymap::action_for(&key, app.mode())
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                lines: WHEEL_LINES,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                lines: -WHEEL_LINES,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    };
    match action {
        Some(action) => app::update(app, action),
        None => Vec::new(),
    }
}
