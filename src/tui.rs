//! The terminal: setting it up, restoring it on every way out (quit, error, panic, SIGTERM,
//! SIGHUP), and the event loop that turns keys into actions, runs effects and draws.

use std::io::{IsTerminal, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::library::{Choice, Library};
use crate::app::{self, Action, App, Effect, keymap};
use crate::error::{Error, Result};
use crate::notes::NoteStore;
use crate::store::positions::PositionStore;
use crate::ui::{self, theme::Theme};

/// How long the reader waits, idle, before it saves a moved position.
const SAVE_AFTER_IDLE: Duration = Duration::from_millis(700);
/// How often unsaved notes are tried again.
const RETRY_NOTES: Duration = Duration::from_secs(5);
/// How long to wait for the next event of a burst before drawing. Not zero: crossterm's
/// terminal reader (with `use-dev-tty`) does not even look at the events it has already
/// read when asked to wait for zero time, so a burst of 200 keys would draw 200 frames.
const NEXT_IN_BURST: Duration = Duration::from_micros(200);
/// How long a long essay's first screen waits for keys before the rest is read.
const IDLE_BEFORE_READING: Duration = Duration::from_millis(30);
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
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

fn setup_terminal() -> std::io::Result<Terminal<CrosstermBackend<Stdout>>> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        hook(info);
    }));
    enter()?;
    Terminal::new(CrosstermBackend::new(std::io::stdout()))
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

/// Where the reader's data goes.
pub struct Stores {
    pub positions: PositionStore,
    pub notes: NoteStore,
    /// A problem found while opening the notes, to show at once.
    pub notes_message: Option<String>,
}

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How a reading session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `q`: close the essay (back to the library when there is one).
    Back,
    /// Ctrl-C, a signal, or the terminal gone: leave margin.
    Quit,
}

/// Sets up the terminal, runs `body` on it, restores it (whatever `body` returned), then
/// says what `body` left to say once the screen is the shell's again.
fn with_terminal<T>(
    body: impl FnOnce(&mut Term, &AtomicBool, &mut Vec<String>) -> Result<T>,
) -> Result<T> {
    check_terminal()?;
    let stop = watch_signals();
    let mut terminal = setup_terminal().map_err(Error::Terminal)?;
    let mut after = Vec::new();
    let result = body(&mut terminal, &stop, &mut after);
    restore_terminal();
    for line in after {
        eprintln!("margin: {line}");
    }
    result
}

/// Runs the reader on one essay until the reader quits or a signal ends it.
pub fn run(app: App, stores: Stores, theme: &Theme, restore_position: bool) -> Result<()> {
    with_terminal(|terminal, stop, after| {
        read(terminal, app, stores, theme, restore_position, stop, after).map(|_| ())
    })
}

/// The whole essay and its stores, read in the background while the reader shows its start.
pub type Loaded = Result<(crate::app::document::Document, Stores, Vec<String>)>;

/// Starts reading the rest of a long essay on another thread; called once the first frame
/// is on screen, so that the reading does not compete with it for the processor.
pub type ReadRest = Box<dyn FnOnce() -> std::sync::mpsc::Receiver<Loaded>>;

/// Runs the reader on the start of a long essay (`preview`) at once, and on the whole essay
/// when `rest` delivers it. Until then the reader can read, scroll, search and open the
/// outline of what is there; the end and notes wait for the rest.
pub fn run_progressive(
    preview: App,
    rest: ReadRest,
    theme: &Theme,
    restore_position: bool,
) -> Result<()> {
    with_terminal(|terminal, stop, after| {
        let Some((app, stores, moved)) = show_preview(terminal, preview, rest, theme, stop)? else {
            return Ok(());
        };
        read(
            terminal,
            app,
            stores,
            theme,
            restore_position && !moved,
            stop,
            after,
        )
        .map(|_| ())
    })
}

/// The reader on the start of the essay until the rest arrives (`None`: the reader quit
/// first). Returns the reader on the whole essay, its stores, and whether the reader moved.
fn show_preview(
    terminal: &mut Term,
    mut app: App,
    rest: ReadRest,
    theme: &Theme,
    stop: &AtomicBool,
) -> Result<Option<(App, Stores, bool)>> {
    let size = terminal.size().map_err(Error::Terminal)?;
    app::update(
        &mut app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    // The rest is read once the first frame is up and the reader's first keys (often a
    // jump to the end, straight away) are answered: input first, then the background work.
    let mut start_reading = Some(rest);
    let mut rest: Option<std::sync::mpsc::Receiver<Loaded>> = None;
    let mut redraw = true;
    loop {
        redraw |= follow_size(&mut app);
        if redraw {
            terminal
                .draw(|frame| ui::draw(frame, &app, theme))
                .map_err(Error::Terminal)?;
        }
        if let Some(receiver) = &rest {
            match receiver.try_recv() {
                Ok(loaded) => {
                    let (doc, stores, warnings) = loaded?;
                    let moved = app.finish_loading(doc);
                    if let Some(w) = warnings.first() {
                        app.message = Some(w.clone());
                    }
                    return Ok(Some((app, stores, moved)));
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    return Err(Error::Usage(
                        "the essay could not be read to its end".into(),
                    ));
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        // Short waits once the rest is coming (it is a fraction of a second away).
        let wait = if rest.is_some() {
            Duration::from_millis(15)
        } else {
            IDLE_BEFORE_READING
        };
        // Effects need the stores, which come with the rest; nothing in a preview asks for
        // one but saving the position, which the whole essay will do.
        redraw = each_event(wait, |event| {
            let _ = handle(&mut app, event);
            Ok(app.quit)
        })?;
        if app.quit || stop.load(Ordering::Relaxed) || crossterm::terminal::size().is_err() {
            return Ok(None);
        }
        if !redraw && rest.is_none() {
            rest = start_reading.take().map(|read| read());
        }
    }
}

/// Hands every event that arrives within `wait` to `handle`, and then the rest of the
/// burst, before returning: a burst of keys (or a storm of resizes) costs one frame.
/// `handle` returns true to stop at once (the reader quit). Returns whether any came.
fn each_event(wait: Duration, mut handle: impl FnMut(Event) -> Result<bool>) -> Result<bool> {
    let mut timeout = wait;
    let mut any = false;
    while event::poll(timeout).map_err(Error::Terminal)? {
        timeout = NEXT_IN_BURST;
        any = true;
        if handle(event::read().map_err(Error::Terminal)?)? {
            break;
        }
    }
    Ok(any)
}

/// One essay in the reader, on a terminal already set up. Saves the position and the notes
/// at the end; what must be said after the terminal is restored goes into `after`.
fn read(
    terminal: &mut Term,
    mut app: App,
    mut stores: Stores,
    theme: &Theme,
    restore_position: bool,
    stop: &AtomicBool,
    after: &mut Vec<String>,
) -> Result<Exit> {
    let mut session = Session {
        terminal,
        stores: &mut stores,
        theme,
        stop,
        rescue: false,
    };
    let result = session.run(&mut app, restore_position);
    let rescue = session.rescue;
    // Stopped with a note half written: keep it as a draft for next time.
    if let Some(draft) = app::notes_update::draft(&app) {
        after.push(match stores.notes.save_draft(&draft) {
            Ok(_) => "the note you were writing is kept; it opens again with the essay".into(),
            Err(e) => format!(
                "the note you were writing could not be kept ({e}):\n{}",
                crate::sanitize::sanitize(&draft.text)
            ),
        });
    }
    if let Err(e) = stores.positions.save(&app.position()) {
        after.push(e.to_string());
    }
    // One more try for notes that could not be saved; where that fails too, a rescue file.
    let notes_saved = stores.notes.save();
    if (notes_saved.is_err() || rescue) && stores.notes.unsaved {
        after.push(match stores.notes.rescue() {
            Ok(path) => format!(
                "your unsaved notes were written to {}",
                crate::error::show_path(&path)
            ),
            Err(e) => e.to_string(),
        });
    }
    result?;
    let gone = stop.load(Ordering::Relaxed) || crossterm::terminal::size().is_err();
    Ok(if app.quit_all || gone {
        Exit::Quit
    } else {
        Exit::Back
    })
}

/// An essay opened for the reader.
pub enum Opening {
    /// Read whole, with its stores.
    Ready(Box<(App, Stores)>),
    /// A long essay: the reader on its start and end, and the rest to come.
    Loading(Box<App>, ReadRest),
}

/// What the library needs to open an essay in the reader.
pub trait Opener {
    /// Loads the essay at `path` (or starts to) and prepares its reader, or says why not.
    fn open(&self, path: &std::path::Path) -> std::result::Result<Opening, String>;
}

/// The library screen, then the reader on the essay chosen, then back, until the reader
/// quits. Essays not in the cache are read in the background while the list is shown.
pub fn library(mut lib: Library, opener: &dyn Opener, theme: &Theme, wpm: f64) -> Result<()> {
    with_terminal(|terminal, stop, after| {
        library_loop(terminal, &mut lib, opener, theme, wpm, stop, after)
    })
}

fn library_loop(
    terminal: &mut Term,
    lib: &mut Library,
    opener: &dyn Opener,
    theme: &Theme,
    wpm: f64,
    stop: &AtomicBool,
    after: &mut Vec<String>,
) -> Result<()> {
    let cache_file = crate::library::cache::Cache::file();
    let mut cache = crate::library::cache::Cache::load(cache_file.as_deref());
    let (tx, rx) = std::sync::mpsc::channel();
    let pending: Vec<std::path::PathBuf> = lib
        .entries
        .iter()
        .filter(|e| e.about.is_none())
        .map(|e| e.path.clone())
        .collect();
    // Read uncached essays off the drawing thread, most recently opened first.
    std::thread::spawn(move || {
        for path in pending {
            let about = crate::library::cache::describe(&path);
            if tx.send((path, about)).is_err() {
                return;
            }
        }
    });
    let mut redraw = true;
    loop {
        let mut arrived = false;
        while let Ok((path, about)) = rx.try_recv() {
            cache.put(&path, about.clone());
            lib.described(path, about);
            arrived = true;
        }
        if arrived {
            lib.refresh();
            redraw = true;
            if lib.pending == 0 {
                cache.save(cache_file.as_deref());
            }
        }
        if redraw {
            terminal
                .draw(|f| {
                    let area = f.area();
                    ui::library::render_library(lib, area, wpm, theme, f.buffer_mut());
                })
                .map_err(Error::Terminal)?;
            redraw = false;
        }
        if stop.load(Ordering::Relaxed) || crossterm::terminal::size().is_err() {
            break;
        }
        let timeout = Duration::from_millis(if lib.pending > 0 { 50 } else { 250 });
        if !event::poll(timeout).map_err(Error::Terminal)? {
            continue;
        }
        redraw = true;
        let Event::Key(key) = event::read().map_err(Error::Terminal)? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        let rows = ui::library::list_rows(terminal.size().map_err(Error::Terminal)?.height);
        match lib.key(key, rows) {
            None => {}
            Some(Choice::Quit) => break,
            Some(Choice::Open(path)) => {
                let opening = match opener.open(&path) {
                    Ok(x) => x,
                    Err(e) => {
                        lib.message = Some(e);
                        continue;
                    }
                };
                terminal.clear().map_err(Error::Terminal)?;
                let (app, stores, restore) = match opening {
                    Opening::Ready(ready) => {
                        let (app, stores) = *ready;
                        (app, stores, true)
                    }
                    Opening::Loading(preview, rest) => {
                        match show_preview(terminal, *preview, rest, theme, stop)? {
                            Some((app, stores, moved)) => (app, stores, !moved),
                            None => {
                                terminal.clear().map_err(Error::Terminal)?;
                                continue;
                            }
                        }
                    }
                };
                let exit = read(terminal, app, stores, theme, restore, stop, after)?;
                terminal.clear().map_err(Error::Terminal)?;
                if let Some(e) = lib.entries.iter_mut().find(|e| e.path == path) {
                    e.state = crate::library::reading_state(&path);
                }
                lib.refresh();
                if exit == Exit::Quit {
                    break;
                }
            }
        }
    }
    cache.save(cache_file.as_deref());
    Ok(())
}

/// One run of the reader: the terminal, the stores, and what the event loop needs.
struct Session<'a> {
    terminal: &'a mut Terminal<CrosstermBackend<Stdout>>,
    stores: &'a mut Stores,
    theme: &'a Theme,
    stop: &'a AtomicBool,
    /// The reader chose to quit with unsaved notes: write them to a rescue file.
    rescue: bool,
}

impl Session<'_> {
    fn run(&mut self, app: &mut App, restore_position: bool) -> Result<()> {
        let size = self.terminal.size().map_err(Error::Terminal)?;
        app::update(
            app,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        // A message set before the reader opened (a bad configuration) outranks the rest.
        let opening_message = app.message.take();
        app.load_notes(self.stores.notes.notes.clone());
        if restore_position {
            match self.stores.positions.load() {
                Ok(Some(position)) => app.restore(&position),
                Ok(None) => {}
                Err(e) => app.message = Some(e.to_string()),
            }
        }
        if let Some(draft) = self.stores.notes.take_draft() {
            app::notes_update::resume_draft(app, draft);
        }
        if let Some(e) = self.stores.notes_message.take() {
            app.message = Some(e.clone());
            app.notes.unsaved = Some(e);
        }
        if opening_message.is_some() {
            app.message = opening_message;
        }
        let mut dirty = false;
        let mut redraw = true;
        let mut last_event = Instant::now();
        let mut last_retry = Instant::now();
        loop {
            redraw |= follow_size(app);
            // Draw only when something changed: an idle reader writes nothing.
            if redraw {
                let theme = self.theme;
                self.terminal
                    .draw(|frame| ui::draw(frame, app, theme))
                    .map_err(Error::Terminal)?;
            }
            redraw = each_event(Duration::from_millis(250), |event| {
                last_event = Instant::now();
                let effects = handle(app, event);
                dirty |= self.perform(app, effects);
                Ok(app.quit)
            })?;
            if app.quit {
                return Ok(());
            }
            // The terminal went away (its window closed without a SIGHUP reaching us): the
            // tty reads end-of-file for ever and has no size. Leave as on a signal.
            if self.stop.load(Ordering::Relaxed) || crossterm::terminal::size().is_err() {
                return Ok(());
            }
            if dirty && last_event.elapsed() >= SAVE_AFTER_IDLE {
                dirty = false;
                if let Err(e) = self.stores.positions.save(&app.position()) {
                    app.message = Some(e.to_string());
                    redraw = true;
                }
            }
            // Notes that could not be saved (a full disk, a missing folder) are tried again
            // every few seconds while the reader is idle, and the reader is told when they are.
            if self.stores.notes.unsaved
                && self.stores.notes.blocked.is_none()
                && last_retry.elapsed() >= RETRY_NOTES
            {
                last_retry = Instant::now();
                if self.stores.notes.save().is_ok() {
                    app::update(app, Action::NotesSaved(Ok(self.stores.notes.notes.clone())));
                    app.message = Some("Notes saved.".into());
                    redraw = true;
                }
            }
        }
    }

    /// Carries out effects (and those their results bring). Returns whether the position
    /// moved and should be saved once the reader pauses.
    fn perform(&mut self, app: &mut App, mut effects: Vec<Effect>) -> bool {
        let mut moved = false;
        while let Some(effect) = effects.pop() {
            match effect {
                Effect::SavePosition => moved = true,
                Effect::SetMouseCapture(on) => {
                    let mut out = std::io::stdout();
                    let _ = if on {
                        execute!(out, EnableMouseCapture)
                    } else {
                        execute!(out, DisableMouseCapture)
                    };
                }
                Effect::SaveNote(note) => {
                    let result = self
                        .stores
                        .notes
                        .put(note)
                        .map(|_| self.stores.notes.notes.clone())
                        .map_err(|e| e.to_string());
                    effects.extend(app::update(app, Action::NotesSaved(result)));
                }
                Effect::EditExternally(text) => {
                    let result = edit_externally(self.terminal, &text);
                    effects.extend(app::update(app, Action::ExternalEditDone(result)));
                }
                Effect::RescueNotes => self.rescue = true,
            }
        }
        moved
    }
}

/// Lays the reader out again if the terminal's size changed without its resize event
/// being read yet (a burst of keys can queue ahead of it): frames always fit the window.
/// Returns whether it did.
fn follow_size(app: &mut App) -> bool {
    match crossterm::terminal::size() {
        Ok((width, height)) if (width, height) != (app.size.width, app.size.height) => {
            app::update(app, Action::Resize { width, height });
            true
        }
        _ => false,
    }
}

/// Turns a terminal event into actions and applies them.
fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    let action = match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if app.areas.too_small {
                // Only quitting makes sense on a screen too small to read.
                match keymap::action_for(&key, keymap::Mode::Pane(app.focus)) {
                    Some(a @ (Action::Quit | Action::QuitAll)) => Some(a),
                    _ => None,
                }
            } else {
                keymap::action_for(&key, app.mode())
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Paste(text)),
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

/// Hands the terminal to `$VISUAL` (else `$EDITOR`) on a private temporary file holding
/// `text`, then takes it back. Returns the text the editor left.
fn edit_externally(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    text: &str,
) -> std::result::Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .ok_or("Set $VISUAL or $EDITOR to write notes in your own editor.")?;
    let path = std::env::temp_dir().join(format!("margin-note-{}.md", std::process::id()));
    crate::store::atomic::write(&path, text.as_bytes())
        .map_err(|e| format!("cannot prepare the note for the editor ({e})"))?;
    restore_terminal();
    // Through the shell, so `EDITOR="code --wait"` works; the file is an argument, not code.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
    let back = enter().and_then(|_| terminal.clear());
    let result = match status {
        Ok(s) if s.success() => {
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read the note back ({e})"))
        }
        Ok(s) => Err(format!(
            "the editor exited with {s}; the note was not changed"
        )),
        Err(e) => Err(format!("cannot run {editor} ({e})")),
    };
    let _ = std::fs::remove_file(&path);
    back.map_err(|e| format!("the terminal failed after the editor ({e})"))?;
    result
}
