//! What arrives from outside the reader as it opens and while it runs: the notes, the kept
//! position and a draft read from disk, the whole of a long essay read in the background,
//! and the runner's clock. Each is an [`Action`](super::Action), so an opening, a handover
//! and every timer can be tested without a terminal.

use std::time::{Duration, Instant};

use super::App;
use super::action::Effect;
pub use super::action::{Opened, Whole};
use crate::notes::Note;

/// How long the reader waits, idle, before it saves a moved position.
pub const SAVE_AFTER_IDLE: Duration = Duration::from_millis(700);
/// How often notes that could not be saved are tried again.
pub const RETRY_NOTES: Duration = Duration::from_secs(5);

/// The runner's timers, driven by [`Action::Tick`](super::Action::Tick): the clock is
/// the runner's, so tests give any time they like.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timers {
    /// The time of the last tick.
    pub now: Option<Instant>,
    /// When the reader last pressed a key, turned the wheel or clicked.
    pub last_input: Option<Instant>,
    /// The position moved since it was last saved.
    pub position_moved: bool,
    /// When notes that could not be saved were last tried.
    pub last_retry: Option<Instant>,
}

/// The essay's notes, position and draft arrived: placed, gone back to, reopened. A
/// message given before (a bad configuration) outranks the ones these bring.
pub fn opened(app: &mut App, opened: Opened) {
    let first = app.message.take();
    app.load_notes(opened.notes);
    match opened.position {
        // A reader who moved while the essay was being read is not pulled back.
        Ok(Some(position)) if !app.moved_before_whole => app.restore(&position),
        Ok(_) => {}
        Err(e) => app.message = Some(e),
    }
    if let Some(draft) = opened.draft {
        super::notes_update::resume_draft(app, draft);
    }
    if let Some(e) = opened.notes_problem {
        app.message = Some(e.clone());
        app.notes.unsaved = Some(e);
    }
    if first.is_some() {
        app.message = first;
    }
}

/// The whole essay arrived: it takes the preview's place under the reader's eyes.
pub fn rest_loaded(app: &mut App, whole: Whole) {
    let first = app.message.take();
    app.moved_before_whole = app.finish_loading(whole.doc);
    app.message = first.or_else(|| whole.warnings.into_iter().next());
}

/// The rest of a long essay could not be read: the reader closes and says why.
pub fn rest_failed(app: &mut App, why: String) {
    app.failed = Some(why);
    app.quit = true;
}

/// Time passed: saves a moved position once the reader pauses, and tries unsaved notes
/// again every few seconds.
pub fn tick(app: &mut App, now: Instant) -> Vec<Effect> {
    let timers = &mut app.timers;
    timers.now = Some(now);
    let mut effects = Vec::new();
    let idle = timers
        .last_input
        .is_none_or(|t| now.saturating_duration_since(t) >= SAVE_AFTER_IDLE);
    if timers.position_moved && idle && !app.doc.partial {
        timers.position_moved = false;
        effects.push(Effect::SavePosition(Box::new(app.position())));
    }
    let timers = &mut app.timers;
    if app.notes.unsaved.is_some() {
        let due = timers
            .last_retry
            .is_none_or(|t| now.saturating_duration_since(t) >= RETRY_NOTES);
        if timers.last_retry.is_none() {
            // The failure just happened: the first retry is a full period away.
            timers.last_retry = Some(now);
        } else if due {
            timers.last_retry = Some(now);
            effects.push(Effect::RetryNotes);
        }
    } else {
        timers.last_retry = None;
    }
    effects
}

/// Unsaved notes were saved on a retry.
pub fn notes_retried(app: &mut App, notes: Vec<Note>) {
    super::notes_update::saved(app, Ok(notes));
    app.message = Some("Notes saved.".into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::document::Document;
    use crate::app::{Action, Options, update};
    use crate::essay::Essay;

    fn reader() -> App {
        let mut text = String::from("# Title\n\n");
        for i in 0..80 {
            text.push_str(&format!(
                "## Part {i}\n\nWords of paragraph {i}, a few.\n\n"
            ));
        }
        let doc = Document::new(
            Essay::parse(&text, crate::Format::Markdown, "t"),
            "t".into(),
        );
        let mut app = App::new(doc, Options::default());
        update(
            &mut app,
            Action::Resize {
                width: 100,
                height: 20,
            },
        );
        app
    }

    #[test]
    fn a_configuration_message_outranks_what_the_opening_brings() {
        let mut app = reader();
        app.message = Some("config: bad width".into());
        let opened = Opened {
            notes_problem: Some("notes file damaged".into()),
            ..Opened::default()
        };
        update(&mut app, Action::Opened(Box::new(opened)));
        assert_eq!(app.message.as_deref(), Some("config: bad width"));
        assert_eq!(app.notes.unsaved.as_deref(), Some("notes file damaged"));
    }

    #[test]
    fn a_position_that_cannot_be_read_is_said() {
        let mut app = reader();
        let opened = Opened {
            position: Err("the saved position is damaged".into()),
            ..Opened::default()
        };
        update(&mut app, Action::Opened(Box::new(opened)));
        assert_eq!(
            app.message.as_deref(),
            Some("the saved position is damaged")
        );
        assert!(app.view.at_start());
    }

    #[test]
    fn unsaved_notes_are_tried_again_every_few_seconds() {
        let mut app = reader();
        let t0 = Instant::now();
        let at = |s: u64| Action::Tick(t0 + Duration::from_secs(s));
        update(&mut app, Action::NotesSaved(Err("disk full".into())));
        assert!(update(&mut app, at(0)).is_empty(), "the failure is fresh");
        assert!(update(&mut app, at(4)).is_empty());
        assert_eq!(update(&mut app, at(5)), vec![Effect::RetryNotes]);
        assert!(update(&mut app, at(6)).is_empty());
        assert_eq!(update(&mut app, at(10)), vec![Effect::RetryNotes]);
        update(&mut app, Action::NotesRetried(Vec::new()));
        assert_eq!(app.message.as_deref(), Some("Notes saved."));
        assert!(app.notes.unsaved.is_none());
        assert!(update(&mut app, at(60)).is_empty(), "nothing left to retry");
    }

    #[test]
    fn a_failed_rest_closes_the_reader_with_the_reason() {
        let mut app = reader();
        update(&mut app, Action::RestFailed("gone.md: no such file".into()));
        assert!(app.quit);
        assert_eq!(app.failed.as_deref(), Some("gone.md: no such file"));
    }

    #[test]
    fn the_position_is_not_saved_while_only_the_start_is_read() {
        let mut app = reader();
        app.doc.partial = true;
        let t0 = Instant::now();
        update(&mut app, Action::Tick(t0));
        update(&mut app, Action::ScrollLines(3));
        assert!(update(&mut app, Action::Tick(t0 + Duration::from_secs(2))).is_empty());
        app.doc.partial = false;
        assert_eq!(
            update(&mut app, Action::Tick(t0 + Duration::from_secs(3))).len(),
            1,
            "saved once the whole essay is there"
        );
    }
}
