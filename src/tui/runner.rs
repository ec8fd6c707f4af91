//! The one event loop, over the screens (the library, the reader). One place reads
//! events, one draws, one performs effects, first in first out; background work (the rest
//! of a long essay, the library's summaries, the stores) answers with actions that go
//! through the same `update` as keys.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::storage::Storage;
use super::{Console, Described, Loaded, Opener, Opening, ReadRest, input};
use crate::app::library::{self, Library, LibraryAction, LibraryEffect};
use crate::app::opening::{Opened, Whole};
use crate::app::{self, Action, App, Effect};
use crate::config::ThemeName;
use crate::error::{Error, Result};
use crate::library::cache::Cache;
use crate::ui::{self, theme::Theme};

/// How long to wait for the next event of a burst before drawing. Not zero: crossterm's
/// terminal reader (with `use-dev-tty`) does not even look at the events it has already
/// read when asked to wait for zero time, so a burst of 200 keys would draw 200 frames.
const NEXT_IN_BURST: Duration = Duration::from_micros(200);
/// How long a long essay's first screen waits for keys before the rest is read.
const IDLE_BEFORE_READING: Duration = Duration::from_millis(30);
/// How long to wait for keys while an answer from the background is due.
const WHILE_DUE: Duration = Duration::from_millis(15);
/// How long to wait for keys otherwise: the timers' resolution.
const IDLE: Duration = Duration::from_millis(250);

/// The library, when margin was opened on it.
pub struct LibraryScreen<'a> {
    pub lib: Library,
    pub cache: Cache,
    pub cache_file: Option<PathBuf>,
    /// Summaries of essays the cache did not have, read on another thread.
    pub described: Receiver<Described>,
    pub opener: &'a dyn Opener,
    pub wpm: f64,
}

/// The rest of a long essay, until it has arrived.
enum Rest {
    /// All read.
    Done,
    /// Not asked for yet: the first frame and keys come first.
    Waiting(ReadRest),
    Reading(Receiver<Loaded>),
}

/// An essay in the reader.
struct Reader {
    app: App,
    /// The essay's file, to tell the library how far it is read.
    path: Option<PathBuf>,
    /// `None` while only the start of a long essay is read: the stores come with the rest.
    storage: Option<Storage>,
    rest: Rest,
    /// The reader chose to quit with unsaved notes: write them to a rescue file.
    rescue: bool,
    /// Why the rest of the essay could not be read, to report on leaving.
    failure: Option<Error>,
    /// What the stores hold for the essay, for the reader once it knows its size.
    opened: Option<Opened>,
}

/// What margin shows, and what it leaves to say once the terminal is the shell's again.
pub struct Runner<'a, C: Console> {
    console: &'a mut C,
    /// What the screens are drawn with: the one margin started with, until `T` switches.
    theme: Cow<'a, Theme>,
    /// The theme switched to while reading, which the essays opened next start with.
    switched: Option<ThemeName>,
    library: Option<LibraryScreen<'a>>,
    reader: Option<Reader>,
    redraw: bool,
    /// The terminal failed while margin was doing an effect (taking it back after a
    /// suspend): margin ends with it.
    broken: Option<Error>,
    /// Said on leaving, after the terminal is restored.
    pub after: Vec<String>,
    clock: fn() -> Instant,
}

impl<'a, C: Console> Runner<'a, C> {
    pub fn new(console: &'a mut C, theme: &'a Theme) -> Self {
        Runner {
            console,
            theme: Cow::Borrowed(theme),
            switched: None,
            library: None,
            reader: None,
            redraw: true,
            broken: None,
            after: Vec::new(),
            clock: Instant::now,
        }
    }

    /// Sets the clock the timers read (tests move time by hand).
    #[cfg(test)]
    pub fn with_clock(mut self, clock: fn() -> Instant) -> Self {
        self.clock = clock;
        self
    }

    /// Starts on the library.
    pub fn with_library(mut self, screen: LibraryScreen<'a>) -> Self {
        self.library = Some(screen);
        self
    }

    /// Starts on an essay.
    pub fn with_essay(mut self, opening: Opening, path: Option<PathBuf>) -> Self {
        self.open(opening, path);
        self
    }

    /// Runs until the reader leaves. A failure to read the essay given on the command line
    /// ends margin with it; the library shows such failures and goes on.
    pub fn run(&mut self) -> Result<()> {
        let result = self.run_loop();
        // A failed terminal ends margin, but the essay is closed as on any way out: the
        // draft, the position and the notes kept.
        if result.is_err()
            && let Some(reader) = self.reader.take()
        {
            let _ = self.close(reader);
        }
        result
    }

    fn run_loop(&mut self) -> Result<()> {
        let (width, height) = self.console.size().unwrap_or((80, 24));
        self.resize(width, height);
        loop {
            self.receive();
            self.follow_size();
            if self.redraw {
                self.draw()?;
                self.redraw = false;
            }
            let wait = self.wait();
            let any = self.events(wait)?;
            if let Some(e) = self.broken.take() {
                return Err(e);
            }
            self.tick();
            if !any {
                self.start_reading_rest();
            }
            if self.settle()? {
                return Ok(());
            }
        }
    }

    // ---- one place that draws ----

    fn draw(&mut self) -> Result<()> {
        let theme = self.theme.as_ref();
        if let Some(reader) = &self.reader {
            self.console
                .draw(|frame| ui::draw(frame, &reader.app, theme))
        } else if let Some(screen) = &self.library {
            self.console.draw(|frame| {
                let area = frame.area();
                ui::library::render_library(
                    &screen.lib,
                    area,
                    screen.wpm,
                    theme,
                    frame.buffer_mut(),
                );
            })
        } else {
            Ok(())
        }
    }

    /// Lays the screen out again if the terminal's size changed without its resize event
    /// being read yet (a burst of keys can queue ahead of it): frames always fit.
    fn follow_size(&mut self) {
        let Some((width, height)) = self.console.size() else {
            return;
        };
        let stale = match (&self.reader, &self.library) {
            (Some(r), _) => (width, height) != (r.app.size.width, r.app.size.height),
            (None, Some(_)) => true,
            (None, None) => false,
        };
        if stale && self.reader.is_some() {
            self.resize(width, height);
        } else if let Some(screen) = self.library.as_mut()
            && self.reader.is_none()
        {
            let rows = library::list_rows(height);
            if rows != screen.lib.rows {
                library::update(&mut screen.lib, LibraryAction::Resize { height });
                self.redraw = true;
            }
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        if let Some(reader) = self.reader.as_mut() {
            let opened = reader.opened.take();
            self.reader_does(Action::Resize { width, height });
            // A kept position is gone back to on a laid-out screen.
            if let Some(opened) = opened {
                self.hand_over(opened);
            }
        } else {
            self.library_does(LibraryAction::Resize { height });
        }
    }

    // ---- one place that reads events ----

    /// How long to wait for keys: briefly while an answer from the background is due.
    fn wait(&self) -> Duration {
        match &self.reader {
            Some(r) if matches!(r.rest, Rest::Waiting(_)) => IDLE_BEFORE_READING,
            Some(r) if matches!(r.rest, Rest::Reading(_)) => WHILE_DUE,
            Some(r) if r.storage.as_ref().is_some_and(Storage::busy) => WHILE_DUE,
            Some(_) => IDLE,
            None if self.library.as_ref().is_some_and(|s| s.lib.pending > 0) => WHILE_DUE,
            None => IDLE,
        }
    }

    /// Hands every event that arrives within `wait` to the screen, and then the rest of
    /// the burst: a burst of keys (or a storm of resizes) costs one frame. Returns whether
    /// any came.
    fn events(&mut self, wait: Duration) -> Result<bool> {
        let mut timeout = wait;
        let mut any = false;
        while let Some(event) = self.console.next_event(timeout)? {
            if !any {
                // The timers see each burst of keys at the time it came.
                self.tick();
            }
            timeout = NEXT_IN_BURST;
            any = true;
            if let Some(reader) = &self.reader {
                if let Some(action) = input::reader_action(&reader.app, event) {
                    self.reader_does(action);
                }
            } else if let Some(screen) = &self.library
                && let Some(action) = input::library_action(&screen.lib, &event)
            {
                self.library_does(action);
            }
            if self.leaving() {
                break;
            }
        }
        Ok(any)
    }

    /// Answers from the background: the rest of a long essay, the stores, the library's
    /// summaries.
    fn receive(&mut self) {
        if let Some(reader) = self.reader.as_mut() {
            let answers = reader.storage.as_mut().map(Storage::answers);
            for action in answers.into_iter().flatten() {
                self.reader_does(action);
            }
            self.receive_rest();
        } else if let Some(screen) = self.library.as_mut() {
            let arrived: Vec<_> = screen.described.try_iter().collect();
            for (path, about, state) in arrived {
                self.library_does(LibraryAction::Described(path.clone(), about));
                if let Some(state) = state {
                    self.library_does(LibraryAction::Returned(path, state));
                }
            }
        }
    }

    fn receive_rest(&mut self) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let Rest::Reading(receiver) = &reader.rest else {
            return;
        };
        let loaded = match receiver.try_recv() {
            Err(TryRecvError::Empty) => return,
            Ok(loaded) => loaded,
            Err(TryRecvError::Disconnected) => Err(Error::LoaderStopped),
        };
        reader.rest = Rest::Done;
        match loaded {
            Ok((doc, stores, opened, warnings)) => {
                self.reader_does(Action::RestLoaded(Box::new(Whole { doc, warnings })));
                if let Some(reader) = self.reader.as_mut() {
                    reader.storage = Some(Storage::start(stores));
                }
                self.hand_over(opened);
            }
            Err(e) => {
                let why = e.to_string();
                reader.failure = Some(e);
                self.reader_does(Action::RestFailed(why));
            }
        }
    }

    /// Gives the reader what the stores hold for the essay. A draft it got back stays on
    /// disk until its note is saved or thrown away (`Effect::ForgetDraft`): this window may
    /// be stopped too before then.
    fn hand_over(&mut self, opened: Opened) {
        self.reader_does(Action::Opened(Box::new(opened)));
    }

    /// Once the first frame is up and the reader's first keys (often a jump to the end,
    /// straight away) are answered, the rest of a long essay is read: input first.
    fn start_reading_rest(&mut self) {
        if let Some(reader) = self.reader.as_mut()
            && matches!(reader.rest, Rest::Waiting(_))
            && let Rest::Waiting(read) = std::mem::replace(&mut reader.rest, Rest::Done)
        {
            reader.rest = Rest::Reading(read());
        }
    }

    /// The runner's clock, for the timers.
    fn tick(&mut self) {
        if self.reader.is_some() {
            let now = (self.clock)();
            let redraw = self.redraw;
            self.reader_does(Action::Tick(now));
            // Time passing changes nothing on screen by itself.
            self.redraw = redraw;
        }
    }

    // ---- one place that performs effects ----

    /// Applies `action` to the reader and carries out its effects (and those their results
    /// bring), first in, first out.
    fn reader_does(&mut self, action: Action) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let mut effects: VecDeque<Effect> = app::update(&mut reader.app, action).into();
        self.redraw = true;
        while let Some(effect) = effects.pop_front() {
            let Some(reader) = self.reader.as_mut() else {
                return;
            };
            match effect {
                Effect::SavePosition(position) => {
                    // While only the start is read there is nowhere to keep it yet; the
                    // whole essay saves its own.
                    if let Some(storage) = &reader.storage {
                        storage.save_position(*position);
                    }
                }
                Effect::SaveNote(note) => match reader.storage.as_mut() {
                    Some(storage) => storage.save_note(*note),
                    None => effects.extend(app::update(
                        &mut reader.app,
                        Action::NotesSaved(Err("notes wait for the whole essay".into())),
                    )),
                },
                Effect::RetryNotes => {
                    if let Some(storage) = &reader.storage {
                        storage.retry_notes();
                    }
                }
                Effect::SetMouseCapture(on) => self.console.set_mouse(on),
                Effect::SetTheme(name) => {
                    self.theme = Cow::Owned(Theme::named(name, reader.app.options.no_color));
                    self.switched = Some(name);
                    self.redraw = true;
                }
                Effect::EditExternally(text) => {
                    let result = self.console.edit_externally(&text);
                    let Some(reader) = self.reader.as_mut() else {
                        return;
                    };
                    // The terminal was the editor's: the mouse goes back as the reader had it.
                    self.console.set_mouse(reader.app.mouse);
                    effects.extend(app::update(
                        &mut reader.app,
                        Action::ExternalEditDone(result),
                    ));
                }
                Effect::RescueNotes => reader.rescue = true,
                Effect::ForgetDraft => {
                    if let Some(storage) = reader.storage.as_ref() {
                        storage.forget_draft();
                    }
                }
                Effect::Suspend => {
                    let mouse = reader.app.mouse;
                    self.suspend();
                    // The terminal was the shell's: the mouse goes back as the reader had it.
                    self.console.set_mouse(mouse);
                }
            }
        }
    }

    /// Applies `action` to the library and carries out its effects.
    fn library_does(&mut self, action: LibraryAction) {
        let Some(screen) = self.library.as_mut() else {
            return;
        };
        self.redraw = true;
        let opener = screen.opener;
        for effect in library::update(&mut screen.lib, action) {
            match effect {
                LibraryEffect::Remember(path, about) => {
                    if let Some(screen) = self.library.as_mut() {
                        screen.cache.put(&path, *about);
                    }
                }
                LibraryEffect::SaveCache => {
                    if let Some(screen) = &self.library {
                        screen.cache.save(screen.cache_file.as_deref());
                    }
                }
                LibraryEffect::Suspend => self.suspend(),
                LibraryEffect::Open(path) => match opener.open(&path) {
                    Ok(opening) => {
                        self.open(opening, Some(path));
                        let _ = self.console.clear();
                        let (width, height) = self.console.size().unwrap_or((80, 24));
                        self.resize(width, height);
                        return;
                    }
                    Err(e) => self.library_does(LibraryAction::Failed(e)),
                },
            }
        }
    }

    /// Stops margin until the shell continues it, then draws the whole screen again (the
    /// terminal may have changed size meanwhile: the next turn of the loop follows it).
    fn suspend(&mut self) {
        if let Err(e) = self.console.suspend() {
            self.broken = Some(e);
        }
        self.redraw = true;
    }

    /// Puts an essay in the reader. Its stores start working, and what they hold for the
    /// essay goes to the reader once it has its size.
    fn open(&mut self, opening: Opening, path: Option<PathBuf>) {
        let (app, storage, rest, opened) = match opening {
            Opening::Ready(ready) => {
                let (app, stores, opened) = *ready;
                (app, Some(Storage::start(stores)), Rest::Done, Some(opened))
            }
            Opening::Loading(app, rest) => (*app, None, Rest::Waiting(rest), None),
        };
        let mut app = app;
        if let Some(name) = self.switched {
            // `T` goes on from the theme on screen.
            app.options.theme = name;
        }
        // The terminal's mouse as this reader starts (an essay before may have released it).
        self.console.set_mouse(app.mouse);
        self.reader = Some(Reader {
            app,
            path,
            storage,
            rest,
            rescue: false,
            failure: None,
            opened,
        });
    }

    // ---- leaving ----

    /// Whether the screen that has the keys is done.
    fn leaving(&self) -> bool {
        match (&self.reader, &self.library) {
            (Some(r), _) => r.app.quit,
            (None, Some(s)) => s.lib.quit,
            (None, None) => true,
        }
    }

    /// Closes a reader that quit (back to the library, if there is one) and says whether
    /// margin is done: everything quit, a signal, or the terminal gone.
    fn settle(&mut self) -> Result<bool> {
        // The terminal went away (its window closed without a SIGHUP reaching us): the tty
        // reads end-of-file for ever and has no size. Leave as on a signal.
        let gone = self.console.stopped() || self.console.size().is_none();
        let reader_done = self.reader.as_ref().is_some_and(|r| r.app.quit);
        if (reader_done || gone)
            && let Some(reader) = self.reader.take()
        {
            let quit_all = reader.app.quit_all;
            let path = reader.path.clone();
            let failure = self.close(reader);
            match (&self.library, failure) {
                (None, Some(e)) => return Err(e),
                (Some(_), Some(e)) => self.library_does(LibraryAction::Failed(e.to_string())),
                _ => {}
            }
            if quit_all || gone || self.library.is_none() {
                self.close_library();
                return Ok(true);
            }
            if let Some(path) = path {
                let state = crate::library::reading_state(&path);
                self.library_does(LibraryAction::Returned(path, state));
            }
            self.console.clear()?;
            self.redraw = true;
            return Ok(false);
        }
        if gone || self.library.as_ref().is_some_and(|s| s.lib.quit) {
            self.close_library();
            return Ok(true);
        }
        Ok(false)
    }

    /// Closes the reader: its draft, position and notes kept. Returns why it failed, if it
    /// did.
    fn close(&mut self, reader: Reader) -> Option<Error> {
        let Reader {
            app,
            storage,
            rescue,
            failure,
            ..
        } = reader;
        if let Some(storage) = storage {
            let draft = app::notes_update::draft(&app);
            let said = storage.close(draft, app.position(), rescue);
            self.after.extend(said);
        }
        failure
    }

    fn close_library(&mut self) {
        if let Some(screen) = &self.library {
            screen.cache.save(screen.cache_file.as_deref());
        }
    }
}
