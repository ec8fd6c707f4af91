//! The notes' part of `update`: writing, changing, deleting and finding notes. Pure, like
//! the rest: saving is an effect the runner performs.

use super::App;
use super::action::{Effect, Pane};
use super::notes::{Confirm, Editor};
use crate::notes::{Note, Placement, State, Version, anchor, note, time};

/// Opens the editor for a new note on the focused paragraph, opening the notes pane.
pub fn add_note(app: &mut App) {
    let block = app.view.focus;
    if !app.doc.is_passage(block) {
        app.message = Some("Move the focus to a paragraph first (} and {).".into());
        return;
    }
    show_pane(app);
    app.notes.editor = Some(Editor::new("", None, block));
}

/// The note the editor holds, to keep as a draft when margin is stopped mid-sentence.
pub fn draft(app: &App) -> Option<crate::notes::draft::Draft> {
    let Some(editor) = app.notes.editor.as_ref() else {
        // A kept draft not yet back in the editor is kept again as it was.
        return app.notes.waiting_draft.clone();
    };
    let text = editor.textarea.lines().join("\n");
    if text.trim().is_empty() {
        return None;
    }
    Some(crate::notes::draft::Draft {
        text,
        note: editor.note.clone(),
        quote: app
            .doc
            .plain()
            .get(editor.block)
            .map(str::to_string)
            .unwrap_or_default(),
        block: editor.block,
        passage: editor.passage.clone(),
        more: 0,
    })
}

/// Opens the editor again on a draft kept when margin was stopped, at its passage (found
/// by its text if the essay changed).
fn resume_draft(app: &mut App, draft: crate::notes::draft::Draft) {
    let block = draft.locate(&app.doc);
    show_pane(app);
    let more = draft.more;
    let mut editor = Editor::new(&draft.text, draft.note, block);
    editor.from_draft = true;
    editor.passage = draft.passage;
    app.notes.editor = Some(editor);
    let back = "The note you were writing when margin was stopped is back: Esc saves it";
    // Other windows' drafts come back one an opening, after this one.
    app.message = Some(match more {
        0 => format!("{back}."),
        n => format!("{back}; {n} more kept too."),
    });
}

/// Opens the editor on a draft waiting for the keys, once a pane has them.
pub fn resume_waiting_draft(app: &mut App) {
    if matches!(app.mode(), super::keymap::Mode::Pane(_))
        && let Some(draft) = app.notes.waiting_draft.take()
    {
        resume_draft(app, draft);
    }
}

/// Opens the editor on the selected note.
pub fn edit_note(app: &mut App) {
    let Some(note) = selected(app).cloned() else {
        app.message = Some("No note selected.".into());
        return;
    };
    let block = app.notes.placement(&note.id).block;
    show_pane(app);
    app.notes.editor = Some(Editor::new(&note.text, Some(note.id), block));
}

fn show_pane(app: &mut App) {
    // The keys go back where they came from when the note is saved or thrown away.
    if app.notes.return_to.is_none() {
        app.notes.return_to = Some(app.focus);
    }
    if !app.notes_open {
        app.notes_open = true;
        if app.areas.overlay {
            app.sidebar.open = false;
        }
        app.relayout();
    }
    app.focus = Pane::Notes;
}

/// The note selected in the pane.
pub fn selected(app: &App) -> Option<&Note> {
    let listed = app.notes.listed(&app.doc, app.view.current_section());
    listed.get(app.notes.selected).copied()
}

/// Saves what the editor holds and closes it. An empty new note is not kept; emptying an
/// existing note deletes it (and `u` brings it back).
/// The editor closed: the keys go back to the pane that opened it (the text, for a note
/// begun with `a`), and a notes pane laid over the text closes with it.
fn editor_closed(app: &mut App) {
    let to = app.notes.return_to.take().unwrap_or(Pane::Text);
    if to != Pane::Notes && app.areas.overlay && app.notes_open {
        app.notes_open = false;
        app.relayout();
    }
    // That pane may be gone meanwhile (the window shrank): then the text.
    app.focus = if app.panes().contains(&to) {
        to
    } else {
        Pane::Text
    };
}

pub fn save_editor(app: &mut App) -> Vec<Effect> {
    let Some(editor) = app.notes.editor.take() else {
        return Vec::new();
    };
    editor_closed(app);
    let from_draft = editor.from_draft;
    let mut effects = save_closed_editor(app, &editor);
    if from_draft {
        effects.push(Effect::ForgetDraft);
    }
    effects
}

/// Saves what the closed `editor` held: a new note, a changed one, or (emptied) none.
fn save_closed_editor(app: &mut App, editor: &super::notes::Editor) -> Vec<Effect> {
    let text = editor.text().trim_end().to_string();
    let now = time::now();
    // A note deleted meanwhile (in another window, or gone from the file) cannot take the
    // text: it would vanish into the deleted entry, or with no trace. It becomes a new note.
    let gone = editor
        .note
        .as_deref()
        .is_some_and(|id| app.notes.get(id).is_none_or(|n| n.deleted.is_some()));
    let target = if gone { None } else { editor.note.clone() };
    match target {
        None if text.trim().is_empty() => {
            app.message = Some("Empty note not kept.".into());
            Vec::new()
        }
        None => {
            let note = Note {
                id: note::new_id(),
                created: now.clone(),
                updated: now,
                text,
                deleted: None,
                passage: editor.passage.clone(),
                version: Version::first(),
                anchor: anchor::capture(&app.doc.essay, app.doc.plain(), editor.block),
            };
            // A passage note is placed by its passage, when the notes are synced below.
            if note.passage.is_none() {
                app.notes.placed.insert(
                    note.id.clone(),
                    Placement {
                        block: editor.block,
                        state: State::InPlace,
                    },
                );
            }
            app.notes.all.push(note.clone());
            app.notes.sync(app.notes.all.clone(), &app.doc);
            select(app, &note.id);
            saving(
                app,
                if gone {
                    "The note you were changing was deleted meanwhile: saved as a new note."
                } else {
                    "Note saved."
                },
            );
            vec![Effect::SaveNote(Box::new(note))]
        }
        Some(id) if text.trim().is_empty() => delete(app, &id),
        Some(id) => {
            let Some(mut note) = app.notes.get(&id).cloned() else {
                return Vec::new();
            };
            // Nothing typed: the editor showed the note made harmless (tabs expanded,
            // direction marks as placeholders), and that is not a change to save over the
            // stored text, nor a reason to bump `updated` and win merges elsewhere.
            let shown = crate::sanitize::sanitize(&note.text);
            if note.text == text || shown.trim_end() == text {
                return Vec::new();
            }
            // Sanitised for the editor's display only: lines not touched keep their tabs
            // and direction isolates as stored.
            note.text = note::keep_untouched_lines(&note.text, &text);
            note.updated = now;
            note.revise();
            // Written over by the reader: a conflict copy is an ordinary note again.
            note.version.conflict_of = None;
            replace(app, note.clone());
            saving(app, "Note saved.");
            vec![Effect::SaveNote(Box::new(note))]
        }
    }
}

/// Closes the editor, asking first when it holds typed text.
pub fn discard_editor(app: &mut App) -> Vec<Effect> {
    let Some(editor) = &app.notes.editor else {
        return Vec::new();
    };
    let original = editor
        .note
        .as_deref()
        .and_then(|id| app.notes.get(id))
        // As the editor showed it: a stored note's text is sanitized on its way in.
        .map(|n| crate::sanitize::sanitize(&n.text).into_owned());
    let text = editor.text();
    if text.trim().is_empty() || Some(text.trim_end()) == original.as_deref().map(str::trim_end) {
        let effects = forget_draft_of(app.notes.editor.take());
        editor_closed(app);
        effects
    } else {
        app.confirm = Some(Confirm::DiscardEdit);
        Vec::new()
    }
}

/// What closing `editor` unsaved asks of the stores: to let its draft go, when it came
/// from one.
fn forget_draft_of(editor: Option<super::notes::Editor>) -> Vec<Effect> {
    if editor.is_some_and(|e| e.from_draft) {
        vec![Effect::ForgetDraft]
    } else {
        Vec::new()
    }
}

pub fn ask_delete(app: &mut App) {
    match selected(app) {
        Some(n) => app.confirm = Some(Confirm::DeleteNote(n.id.clone())),
        None => app.message = Some("No note selected.".into()),
    }
}

/// Deletes note `id`, keeping it for undo and as a tombstone on disk.
pub fn delete(app: &mut App, id: &str) -> Vec<Effect> {
    let Some(note) = app.notes.get(id).cloned() else {
        return Vec::new();
    };
    app.notes.undo.push(note.clone());
    let mut gone = note;
    let now = time::now();
    gone.updated = now.clone();
    gone.deleted = Some(now);
    gone.revise();
    replace(app, gone.clone());
    saving(app, "Note deleted: u brings it back.");
    vec![Effect::SaveNote(Box::new(gone))]
}

/// Brings back the last note deleted here, as it was, as a change on top of its deletion:
/// unless another window changed the note meanwhile, whose text is then kept (here, or in
/// the store's merge when this window has not heard of it yet).
pub fn undo_delete(app: &mut App) -> Vec<Effect> {
    let Some(was) = app.notes.undo.pop() else {
        app.message = Some("Nothing to undo.".into());
        return Vec::new();
    };
    let Some(mut note) = app.notes.get(&was.id).cloned() else {
        return Vec::new();
    };
    if !note.is_deleted() {
        app.message =
            Some("That note was changed in another window meanwhile: its new text is kept.".into());
        return Vec::new();
    }
    note.revise();
    note.version.restores = true;
    note.deleted = None;
    note.text = was.text;
    note.anchor = was.anchor;
    note.updated = time::now();
    replace(app, note.clone());
    select(app, &note.id);
    saving(app, "Note restored.");
    vec![Effect::SaveNote(Box::new(note))]
}

fn replace(app: &mut App, note: Note) {
    match app.notes.all.iter_mut().find(|n| n.id == note.id) {
        Some(n) => *n = note,
        None => app.notes.all.push(note),
    }
    app.notes.sync(app.notes.all.clone(), &app.doc);
}

/// Selects note `id` in the list, if it is listed.
fn select(app: &mut App, id: &str) {
    let listed = app.notes.listed(&app.doc, app.view.current_section());
    if let Some(i) = listed.iter().position(|n| n.id == id) {
        app.notes.selected = i;
    }
}

/// Jumps to the selected note's passage.
pub fn jump_to_selected(app: &mut App) {
    let Some(note) = selected(app) else { return };
    let p = app.notes.placement(&note.id);
    let quote = note.quote();
    let was: String = quote.chars().take(OLD_QUOTE_CHARS).collect();
    let cut = if was.len() < quote.len() { "…" } else { "" };
    // A passage note goes to its passage's first line, which may be deep in a paragraph.
    let pos = match app.notes.spans.get(&note.id) {
        Some(span) => app.view.layout.pos_of(span.start.block, span.start.offset),
        None => app.view.block_start(p.block),
    };
    app.view.reveal(pos);
    app.view.focus = p.block;
    // Over the text, the pane would hide the passage it just went to.
    if app.areas.overlay {
        app.notes_open = false;
        app.focus = Pane::Text;
        app.relayout();
    }
    // The passage as the note was written on it, when it is not what the reader now sees
    // (sanitized: the notes file is untrusted text too).
    let was = crate::sanitize::sanitize(&was);
    app.message = match p.state {
        State::InPlace => None,
        State::Edited => Some(format!("Edited since this note: it was “{was}{cut}”")),
        State::NotFound => Some(format!(
            "This note's passage was not found; it is shown at its old section. It was “{was}{cut}”"
        )),
    };
}

/// Characters of a note's old passage said on the status line.
const OLD_QUOTE_CHARS: usize = 200;

/// What the notes' states are, in one line, when any is not in place: `4 notes: 2 in
/// place, 1 edited, 1 passage not found`.
pub fn states_report(app: &App) -> Option<String> {
    let (mut in_place, mut edited, mut lost) = (0, 0, 0);
    for note in app.notes.live() {
        match app.notes.placement(&note.id).state {
            State::InPlace => in_place += 1,
            State::Edited => edited += 1,
            State::NotFound => lost += 1,
        }
    }
    if edited + lost == 0 {
        return None;
    }
    let total = in_place + edited + lost;
    let mut parts = Vec::new();
    if in_place > 0 {
        parts.push(format!("{in_place} in place"));
    }
    if edited > 0 {
        parts.push(format!("{edited} edited"));
    }
    if lost > 0 {
        let passages = if lost == 1 { "passage" } else { "passages" };
        parts.push(format!("{lost} {passages} not found"));
    }
    let notes = if total == 1 { "note" } else { "notes" };
    Some(format!("{total} {notes}: {}", parts.join(", ")))
}

/// Keeps the selection within the list.
pub fn clamp_selection(app: &mut App) {
    let n = app.notes.listed(&app.doc, app.view.current_section()).len();
    app.notes.selected = app.notes.selected.min(n.saturating_sub(1));
}

/// The answer to a question.
pub fn answer(app: &mut App, yes: bool) -> Vec<Effect> {
    let Some(question) = app.confirm.take() else {
        return Vec::new();
    };
    if !yes {
        return Vec::new();
    }
    match question {
        Confirm::DeleteNote(id) => {
            let effects = delete(app, &id);
            clamp_selection(app);
            effects
        }
        Confirm::DiscardEdit => {
            let effects = forget_draft_of(app.notes.editor.take());
            editor_closed(app);
            app.message = Some("Note thrown away.".into());
            effects
        }
        Confirm::QuitUnsaved => {
            app.quit = true;
            vec![Effect::RescueNotes]
        }
        Confirm::OpenLink(address) => super::links::confirmed(app, address),
    }
}

/// Starts writing in the external editor: on the selected note in the notes pane, else a new
/// note on the focused paragraph.
pub fn external_edit(app: &mut App) -> Vec<Effect> {
    if app.notes.editor.is_some() {
        // Ctrl-O in the editor: carry on with what is typed.
    } else if app.focus == Pane::Notes
        && let Some(note) = selected(app).cloned()
    {
        let block = app.notes.placement(&note.id).block;
        app.notes.editor = Some(Editor::new(&note.text, Some(note.id), block));
    } else {
        if !app.doc.is_passage(app.view.focus) {
            app.message = Some("Move the focus to a paragraph first (} and {).".into());
            return Vec::new();
        }
        app.notes.editor = Some(Editor::new("", None, app.view.focus));
    }
    show_pane(app);
    let text = app
        .notes
        .editor
        .as_ref()
        .map(Editor::text)
        .unwrap_or_default();
    vec![Effect::EditExternally(text)]
}

/// The external editor is done: its text goes into the note, which is saved.
pub fn external_done(
    app: &mut App,
    result: Result<String, super::action::EditFailed>,
) -> Vec<Effect> {
    match result {
        Ok(text) => {
            if let Some(editor) = app.notes.editor.as_mut() {
                let (block, note, from_draft) =
                    (editor.block, editor.note.take(), editor.from_draft);
                *editor = Editor::new(text.trim_end(), note, block);
                editor.from_draft = from_draft;
            }
            save_editor(app)
        }
        Err(failed) => {
            let kept = failed.text.is_some();
            if let (Some(text), Some(editor)) = (failed.text, app.notes.editor.as_mut()) {
                // Not saved (the reader may not have meant it), nor dropped: back in
                // margin's editor, kept as a draft should margin be stopped now.
                let (block, note, from_draft) =
                    (editor.block, editor.note.take(), editor.from_draft);
                *editor = Editor::new(text.trim_end(), note, block);
                editor.from_draft = from_draft;
            }
            app.message = Some(if kept {
                format!("{}: what you wrote is here, Esc saves it.", failed.why)
            } else {
                format!("{}; the note was not changed.", failed.why)
            });
            Vec::new()
        }
    }
}

/// The store's answer to a save.
pub fn saved(app: &mut App, result: Result<Vec<Note>, String>) {
    let said = app.notes.saving.pop_front();
    match result {
        Ok(notes) => {
            app.notes.unsaved = None;
            let copies = new_conflict_copies(app, &notes);
            // With more changes on their way, the store's notes are older than the pane's:
            // the last answer brings them all.
            if app.notes.saving.is_empty() {
                app.notes.sync(notes, &app.doc);
            }
            if let Some(said) = said {
                app.message = Some(said.into());
            }
            if copies > 0 {
                app.message = Some(format!(
                    "Changed in another window at the same time: both texts are kept, \
                     this one as a conflict copy ({copies})."
                ));
            }
        }
        Err(e) => {
            app.message = Some(e.clone());
            app.notes.unsaved = Some(e);
        }
    }
}

/// Conflict copies in `notes` that the pane has not listed before.
fn new_conflict_copies(app: &App, notes: &[Note]) -> usize {
    let known: std::collections::HashSet<&str> =
        app.notes.all.iter().map(|n| n.id.as_str()).collect();
    notes
        .iter()
        .filter(|n| n.is_conflict_copy() && !known.contains(n.id.as_str()))
        .count()
}

/// A change is on its way to the disk: the status line says so, and says `done` once the
/// store has it (a lock held by another margin, or a slow synced folder, shows here).
pub(super) fn saving(app: &mut App, done: &'static str) {
    app.notes.saving.push_back(done);
    app.message = Some("Saving the note…".into());
}
