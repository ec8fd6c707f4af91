//! The essay's stores, on a thread of their own. Saving a note takes a file lock (another
//! margin may hold it) and two fsyncs (slow on a synced folder): done where the reader draws,
//! keys and frames would stall behind them. The worker takes requests in order and answers
//! with actions; closing waits for it, so nothing asked for is left undone.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::app::Action;
use crate::app::opening::Opened;
use crate::notes::draft::Draft;
use crate::notes::{Note, NoteStore};
use crate::store::position::Position;
use crate::store::positions::PositionStore;

/// Where an essay's notes and reading position are kept.
pub struct Stores {
    pub positions: PositionStore,
    pub notes: NoteStore,
    /// A problem found while opening the notes, to show at once.
    pub notes_message: Option<crate::notes::NotesError>,
    /// How the essay's kept data was found, when the reader should know.
    pub identity_message: Option<String>,
}

impl Stores {
    /// What the disk holds for the essay as it opens: its notes, its kept position (when
    /// `restore`), a draft left when margin was last stopped.
    pub fn opening(&mut self, restore: bool) -> Opened {
        let position = if restore {
            self.positions.load().map_err(|e| e.to_string())
        } else {
            Ok(None)
        };
        Opened {
            notes: self.notes.notes.clone(),
            position,
            draft: self.notes.read_draft(),
            notes_problem: self.notes_message.take().map(|e| e.to_string()),
            identity: self.identity_message.take(),
        }
    }
}

/// What the reader asks of its stores.
enum Request {
    /// Store this note (new, changed or deleted); answered with `NotesSaved`.
    SaveNote(Box<Note>),
    /// Keep this reading position; answered only when it fails.
    SavePosition(Box<Position>),
    /// Try the unsaved notes again; answered only when they are saved.
    RetryNotes,
    /// The reader has the kept draft back: its file can go.
    ForgetDraft,
    /// The reader is closing: keep the draft and the position, a last try for the notes,
    /// a rescue file where that fails (or `rescue`, the reader's choice). Ends the worker.
    Close {
        draft: Option<Draft>,
        position: Box<Position>,
        rescue: bool,
    },
}

/// The worker and the way to it.
pub struct Storage {
    requests: Sender<Request>,
    answers: Receiver<Action>,
    worker: Option<JoinHandle<Vec<String>>>,
    /// Notes sent to be saved and not yet answered for: the runner looks for answers
    /// often while there are some.
    awaiting: usize,
}

impl Storage {
    /// Starts the worker on `stores`.
    pub fn start(stores: Stores) -> Storage {
        let (requests, inbox) = mpsc::channel();
        let (answer, answers) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("margin-storage".into())
            .spawn(move || work(stores, &inbox, &answer))
            .ok();
        Storage {
            requests,
            answers,
            worker,
            awaiting: 0,
        }
    }

    pub fn save_note(&mut self, note: Note) {
        self.awaiting += 1;
        self.send(Request::SaveNote(Box::new(note)));
    }

    /// What a save that the worker can no longer answer for is told.
    const STOPPED: &str = "notes kept in memory, not saved: margin's notes worker stopped";

    pub fn save_position(&self, position: Position) {
        self.send(Request::SavePosition(Box::new(position)));
    }

    pub fn retry_notes(&self) {
        self.send(Request::RetryNotes);
    }

    pub fn forget_draft(&self) {
        self.send(Request::ForgetDraft);
    }

    fn send(&self, request: Request) {
        // A worker that is gone (it panicked) cannot be asked: the close says so.
        let _ = self.requests.send(request);
    }

    /// Whether answers are due.
    pub fn busy(&self) -> bool {
        self.awaiting > 0
    }

    /// The answers that have arrived. A worker that is gone (it panicked, or never
    /// started) answers every save still waiting with a failure, so the reader knows.
    pub fn answers(&mut self) -> Vec<Action> {
        let mut answers = Vec::new();
        let gone = loop {
            match self.answers.try_recv() {
                Ok(answer) => answers.push(answer),
                Err(mpsc::TryRecvError::Empty) => break false,
                Err(mpsc::TryRecvError::Disconnected) => break true,
            }
        };
        let saved = answers
            .iter()
            .filter(|a| matches!(a, Action::NotesSaved(_)))
            .count();
        self.awaiting = self.awaiting.saturating_sub(saved);
        if gone {
            for _ in 0..std::mem::take(&mut self.awaiting) {
                answers.push(Action::NotesSaved(Err(Self::STOPPED.into())));
            }
        }
        answers
    }

    /// Finishes every request, then keeps the draft and the position and saves or rescues
    /// the notes. Returns what to tell the reader once the terminal is restored.
    pub fn close(mut self, draft: Option<Draft>, position: Position, rescue: bool) -> Vec<String> {
        self.send(Request::Close {
            draft,
            position: Box::new(position),
            rescue,
        });
        match self.worker.take().map(JoinHandle::join) {
            Some(Ok(said)) => said,
            _ => vec!["the notes worker stopped: notes since the last save may be lost".into()],
        }
    }
}

/// The worker's loop: one request at a time, in the order they were made.
fn work(mut stores: Stores, inbox: &Receiver<Request>, answer: &Sender<Action>) -> Vec<String> {
    while let Ok(request) = inbox.recv() {
        match request {
            Request::SaveNote(note) => {
                let result = stores
                    .notes
                    .put(*note)
                    .map(|()| stores.notes.notes.clone())
                    .map_err(|e| e.to_string());
                let _ = answer.send(Action::NotesSaved(result));
            }
            Request::SavePosition(position) => {
                if let Err(e) = stores.positions.save(&position) {
                    let _ = answer.send(Action::PositionNotSaved(e.to_string()));
                }
            }
            Request::RetryNotes => {
                // Blocked stores too: a damaged file may be whole again by now.
                if stores.notes.unsaved && stores.notes.save().is_ok() {
                    let _ = answer.send(Action::NotesRetried(stores.notes.notes.clone()));
                }
            }
            Request::ForgetDraft => stores.notes.forget_draft(),
            Request::Close {
                draft,
                position,
                rescue,
            } => return close(&mut stores, draft, &position, rescue),
        }
    }
    // The reader went without closing (it failed): one last save of the notes.
    let _ = stores.notes.save();
    Vec::new()
}

fn close(
    stores: &mut Stores,
    draft: Option<Draft>,
    position: &Position,
    rescue: bool,
) -> Vec<String> {
    let mut said = Vec::new();
    // Stopped with a note half written: keep it as a draft for next time.
    if let Some(draft) = draft {
        said.push(match stores.notes.save_draft(&draft) {
            Ok(_) => "the note you were writing is kept; it opens again with the essay".into(),
            Err(e) => format!(
                "the note you were writing could not be kept ({e}):\n{}",
                crate::sanitize::sanitize(&draft.text)
            ),
        });
    }
    if let Err(e) = stores.positions.save(position) {
        said.push(e.to_string());
    }
    // One more try for notes that could not be saved; where that fails too, a rescue file.
    let saved = stores.notes.save();
    if (saved.is_err() || rescue) && stores.notes.unsaved {
        said.push(match stores.notes.rescue() {
            Ok(path) => format!(
                "your unsaved notes were written to {}",
                crate::error::show_path(&path)
            ),
            Err(e) => e.to_string(),
        });
    }
    said
}
