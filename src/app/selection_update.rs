//! The selection's part of `update`: starting it, moving its end, and what it becomes — a
//! highlight, a note on exactly those words, or a quotation for the clipboard. Pure: saving
//! and copying are effects the runner performs.

use super::App;
use super::action::Effect;
use super::notes_update;
use super::selection::{Selection, Unit};
use crate::notes::{Note, anchor, note, passage, time};

/// Selects the focused paragraph's first sentence.
pub fn start(app: &mut App) {
    match Selection::first_sentence(&app.doc, app.view.focus) {
        // The status line shows the selection's keys while it lasts.
        Some(selection) => app.selection = Some(selection),
        None => app.message = Some("Move the focus to a paragraph first (} and {).".into()),
    }
}

/// Moves the selection's end, and the view with it.
pub fn extend(app: &mut App, unit: Unit, forward: bool) {
    let Some(selection) = app.selection.as_mut() else {
        return;
    };
    if !selection.step(&app.doc, unit, forward) {
        app.message = Some(
            if forward {
                "The selection reaches the end of the essay."
            } else {
                "The selection is down to its first words."
            }
            .into(),
        );
        return;
    }
    let end = selection.span.end;
    // The view follows the end: the line holding its last character.
    let pos = app
        .view
        .layout
        .pos_of(end.block, end.offset.saturating_sub(1));
    app.view.reveal(pos);
    // The focus marker stands by the end too (revealing may have put it on another line).
    app.view.focus = end.block;
}

/// The selected passage as a note keeps it, ending the selection.
fn take_passage(app: &mut App) -> Option<(usize, passage::Passage)> {
    let selection = app.selection.take()?;
    let kept = passage::capture(&app.doc.essay, app.doc.plain(), selection.span)?;
    Some((selection.span.start.block, kept))
}

/// Keeps the selected words as a highlight: a note on them with nothing written.
pub fn highlight(app: &mut App) -> Vec<Effect> {
    let Some((block, kept)) = take_passage(app) else {
        return Vec::new();
    };
    let now = time::now();
    let note = Note {
        id: note::new_id(),
        created: now.clone(),
        updated: now,
        text: String::new(),
        deleted: None,
        anchor: anchor::capture(&app.doc.essay, app.doc.plain(), block),
        passage: Some(kept),
        version: crate::notes::Version::first(),
    };
    app.notes.all.push(note.clone());
    app.notes.sync(app.notes.all.clone(), &app.doc);
    notes_update::saving(app, "Highlighted.");
    vec![Effect::SaveNote(Box::new(note))]
}

/// Opens the note editor on exactly the selected words.
pub fn write_note(app: &mut App) {
    let Some((block, kept)) = take_passage(app) else {
        return;
    };
    app.view.focus = block;
    notes_update::add_note(app);
    if let Some(editor) = app.notes.editor.as_mut() {
        editor.passage = Some(kept);
    }
}

/// Copies the selected words as a quotation, `“words” — Title`, made only of the essay's
/// text made harmless for the terminal.
pub fn copy(app: &mut App) -> Vec<Effect> {
    let Some(selection) = app.selection.take() else {
        return Vec::new();
    };
    let selected = selection.text(&app.doc);
    let words = crate::sanitize::sanitize(&selected);
    let title = crate::sanitize::sanitize(app.doc.title());
    app.message = Some("Copying…".into());
    vec![Effect::CopyToClipboard(format!("“{words}” — {title}"))]
}

/// Says what became of a copy: the terminal was sent it (whether it takes it, margin
/// cannot know), and a file keeps it.
pub fn copied(app: &mut App, result: Result<String, String>) {
    app.message = Some(match result {
        Ok(file) => format!(
            "Copied the quotation (OSC 52, if the terminal takes it); also saved to {}",
            crate::sanitize::sanitize(&file)
        ),
        Err(why) => format!("Copied the quotation (OSC 52, if the terminal takes it); {why}"),
    });
}
