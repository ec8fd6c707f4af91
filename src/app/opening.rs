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
/// message given before the reader did anything (a bad configuration) outranks the ones
/// these bring.
pub fn opened(app: &mut App, opened: Opened) {
    let first = opening_message(app);
    app.load_notes(opened.notes);
    // Said first, so that a word on the notes' passages or a problem reading them wins.
    if let Some(said) = opened.identity {
        app.message = Some(said);
    }
    if let Ok(Some(position)) = &opened.position {
        // Kept whether or not the reader is taken back there.
        app.furthest = app.furthest.max(position.furthest.max(position.percent));
    }
    match opened.position {
        // A reader who moved while the essay was being read is not pulled back.
        Ok(Some(position)) if !app.moved_before_whole => {
            app.restore(&position);
            // A search begun meanwhile starts, and goes back on Esc, from the kept place.
            if let Some(prompt) = app.search.prompt.as_mut() {
                prompt.origin = app.view.top;
            }
        }
        Ok(_) => {}
        Err(e) => app.message = Some(e),
    }
    // Notes whose passages changed are said once, over the place gone back to: the reader
    // can look at them, the place is on screen anyway.
    if let Some(report) = super::notes_update::states_report(app) {
        app.message = Some(report);
    }
    if let Some(draft) = opened.draft {
        // Into the editor now, or once the prompt or overlay that has the keys is closed:
        // keys typed for a search must not end up in a note.
        app.notes.waiting_draft = Some(draft);
        super::notes_update::resume_waiting_draft(app);
    }
    if let Some(e) = opened.notes_problem {
        app.message = Some(e.clone());
        app.notes.unsaved = Some(e);
    }
    if first.is_some() {
        app.message = first;
    }
}

/// The message to keep over the opening's: one given before the reader pressed a key.
fn opening_message(app: &mut App) -> Option<String> {
    if app.input_seen {
        None
    } else {
        app.message.take()
    }
}

/// The whole essay arrived: it takes the preview's place under the reader's eyes.
pub fn rest_loaded(app: &mut App, whole: Whole) {
    let first = opening_message(app);
    app.moved_before_whole = app.finish_loading(whole.doc);
    // Places and links were the preview's, whose blocks are numbered otherwise.
    app.jumps = super::jumps::Jumps::default();
    app.links = None;
    app.footnote = None;
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

    #[test]
    fn the_furthest_point_reached_stays_when_the_reader_goes_back() {
        let mut app = reader();
        update(&mut app, Action::Bottom);
        update(&mut app, Action::Top);
        let position = app.position();
        assert!(position.percent < 20, "{position:?}");
        assert_eq!(position.furthest, 100, "read to the end once");
    }

    #[test]
    fn the_furthest_point_of_earlier_sessions_is_kept() {
        let mut kept = kept_far();
        kept.furthest = 90;
        let mut app = reader();
        let opened = Opened {
            position: Ok(Some(kept)),
            ..Opened::default()
        };
        update(&mut app, Action::Opened(Box::new(opened)));
        update(&mut app, Action::Top);
        assert_eq!(app.position().furthest, 90);
    }

    /// A position kept far into the essay (at its 61st part).
    fn kept_far() -> crate::store::position::Position {
        let mut far = reader();
        update(&mut far, Action::NextSection);
        for _ in 0..60 {
            update(&mut far, Action::NextSection);
        }
        let position = far.position();
        assert!(position.top.block > 100, "{position:?}");
        position
    }

    #[test]
    fn a_search_begun_before_the_position_arrives_goes_back_to_the_kept_place() {
        let mut app = reader();
        let position = kept_far();
        update(&mut app, Action::StartSearch);
        update(&mut app, Action::SearchInput('z'));
        let opened = Opened {
            position: Ok(Some(position)),
            ..Opened::default()
        };
        update(&mut app, Action::Opened(Box::new(opened)));
        let restored = app.view.top;
        assert!(!app.view.at_start(), "gone back to the kept place");
        update(&mut app, Action::Escape);
        assert_eq!(
            app.view.top, restored,
            "Esc goes back there, not to the start"
        );
    }

    fn draft() -> crate::notes::draft::Draft {
        crate::notes::draft::Draft {
            text: "Half a thought".into(),
            note: None,
            quote: String::new(),
            block: 3,
            passage: None,
            more: 0,
        }
    }

    #[test]
    fn a_kept_draft_waits_for_the_search_prompt_to_close() {
        let mut app = reader();
        update(&mut app, Action::StartSearch);
        update(&mut app, Action::SearchInput('w'));
        let opened = Opened {
            draft: Some(draft()),
            ..Opened::default()
        };
        update(&mut app, Action::Opened(Box::new(opened)));
        assert!(app.notes.editor.is_none(), "the prompt keeps the keys");
        update(&mut app, Action::SearchInput('o'));
        let prompt = app.search.prompt.as_ref().expect("the prompt is open");
        assert_eq!(prompt.line.text, "wo");
        assert_eq!(
            crate::app::notes_update::draft(&app).map(|d| d.text),
            Some("Half a thought".into()),
            "stopped now, the draft is kept again"
        );
        update(&mut app, Action::SearchSubmit);
        let editor = app.notes.editor.as_ref().expect("the draft is back");
        assert_eq!(editor.text(), "Half a thought");
    }

    #[test]
    fn a_message_the_reader_has_seen_gives_way_to_the_opening() {
        let mut app = reader();
        let position = kept_far();
        update(&mut app, Action::ToggleMouse);
        assert!(app.message.is_some());
        let opened = Opened {
            position: Ok(Some(position)),
            ..Opened::default()
        };
        update(&mut app, Action::Opened(Box::new(opened)));
        let message = app.message.clone().unwrap_or_default();
        assert!(message.starts_with("Back where you left off"), "{message}");
    }

    #[test]
    fn how_the_essay_was_found_is_said_unless_the_position_or_a_problem_outranks_it() {
        let mut app = reader();
        let said = "Kept apart: 2 kept essays are alike, none clearly the closest";
        let opened = Opened {
            identity: Some(said.into()),
            ..Opened::default()
        };
        update(&mut app, Action::Opened(Box::new(opened)));
        assert_eq!(app.message.as_deref(), Some(said));

        let mut app = reader();
        let opened = Opened {
            identity: Some("Notes and place from standard input: the text is 97% alike.".into()),
            position: Ok(Some(kept_far())),
            ..Opened::default()
        };
        update(&mut app, Action::Opened(Box::new(opened)));
        let message = app.message.clone().unwrap_or_default();
        assert!(message.starts_with("Back where you left off"), "{message}");
    }

    #[test]
    fn an_older_answer_does_not_undo_a_newer_change_in_the_pane() {
        let mut app = reader();
        update(&mut app, Action::Opened(Box::default()));
        update(&mut app, Action::AddNote);
        update(&mut app, Action::Paste("First".into()));
        update(&mut app, Action::EditorSave);
        update(&mut app, Action::NextParagraph);
        update(&mut app, Action::AddNote);
        update(&mut app, Action::Paste("Second".into()));
        update(&mut app, Action::EditorSave);
        assert_eq!(app.notes.live().count(), 2);
        assert!(app.message.as_deref() == Some("Saving the note…"));
        // The store answers for the first save with the notes it had then: one.
        let first: Vec<_> = app.notes.all.iter().take(1).cloned().collect();
        update(&mut app, Action::NotesSaved(Ok(first)));
        assert_eq!(
            app.notes.live().count(),
            2,
            "the second note is still listed"
        );
        let both = app.notes.all.clone();
        update(&mut app, Action::NotesSaved(Ok(both)));
        assert_eq!(app.notes.live().count(), 2);
        assert_eq!(app.message.as_deref(), Some("Note saved."));
    }
}
