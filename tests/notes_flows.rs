//! Writing, changing, deleting and finding notes, key by key through `update`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use margin::app::document::Document;
use margin::app::keymap::{Mode, action_for};
use margin::app::{Action, App, Effect, Options, Pane, update};
use margin::essay::{Essay, Format};
use margin::notes::Note;

fn app(width: u16) -> App {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/essays/letters-to-a-young-gardener.txt"
    ))
    .unwrap();
    let essay = Essay::parse(&text, Format::Text, "test");
    let mut app = App::new(Document::new(essay, "test".into()), Options::default());
    update(&mut app, Action::Resize { width, height: 40 });
    app
}

/// Types `text` into whatever has the keyboard, as keys.
fn type_keys(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let key = if c == '\n' {
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
        } else {
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
        };
        if let Some(action) = action_for(&key, app.mode()) {
            effects.extend(update(app, action));
        }
    }
    effects
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    match action_for(&KeyEvent::new(code, modifiers), app.mode()) {
        Some(action) => update(app, action),
        None => Vec::new(),
    }
}

fn saved(effects: &[Effect]) -> Vec<Note> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveNote(n) => Some(n.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_note_is_written_on_the_focused_paragraph_and_saved_at_once() {
    let mut a = app(140);
    update(&mut a, Action::NextSection);
    let focus = a.view.focus;
    type_keys(&mut a, "a");
    assert_eq!(a.mode(), Mode::Editor);
    assert_eq!(a.focus, Pane::Notes);
    type_keys(
        &mut a,
        "Soil keeps #memory.\nSecond line, with q and j typed.",
    );
    let effects = press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    let notes = saved(&effects);
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].text,
        "Soil keeps #memory.\nSecond line, with q and j typed."
    );
    assert_eq!(notes[0].tags(), vec!["memory"]);
    assert_eq!(notes[0].anchor.section, "What the Soil Remembers");
    assert_eq!(notes[0].anchor.quote, a.doc.plain()[focus]);
    assert_eq!(a.notes.per_block.get(&focus), Some(&1));
    assert!(a.mode() == Mode::Pane(Pane::Notes));
}

#[test]
fn an_empty_note_is_not_kept_and_typed_text_is_not_thrown_away_by_one_key() {
    let mut a = app(140);
    type_keys(&mut a, "a");
    assert!(saved(&press(&mut a, KeyCode::Esc, KeyModifiers::NONE)).is_empty());
    assert_eq!(a.notes.live().count(), 0);
    type_keys(&mut a, "adraft");
    press(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(a.mode(), Mode::Confirm, "discarding typed text asks first");
    type_keys(&mut a, "n");
    assert_eq!(a.mode(), Mode::Editor, "no keeps the editor open");
    assert_eq!(a.notes.editor.as_ref().unwrap().text(), "draft");
    press(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    type_keys(&mut a, "y");
    assert!(a.notes.editor.is_none());
}

#[test]
fn edit_delete_and_undo_in_the_notes_pane() {
    let mut a = app(140);
    type_keys(&mut a, "afirst");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(a.focus, Pane::Notes);
    type_keys(&mut a, "e");
    press(&mut a, KeyCode::End, KeyModifiers::NONE);
    type_keys(&mut a, " and more");
    let effects = press(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(saved(&effects)[0].text, "first and more");
    type_keys(&mut a, "d");
    assert_eq!(a.mode(), Mode::Confirm);
    let effects = type_keys(&mut a, "y");
    assert!(
        saved(&effects)[0].deleted.is_some(),
        "a deletion is saved as a tombstone"
    );
    assert_eq!(a.notes.live().count(), 0);
    let effects = type_keys(&mut a, "u");
    assert!(saved(&effects)[0].deleted.is_none());
    assert_eq!(a.notes.live().next().unwrap().text, "first and more");
}

#[test]
fn the_pane_lists_this_section_or_all_and_searches_by_tag() {
    let mut a = app(140);
    type_keys(&mut a, "aopening thought #seed");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(a.focus, Pane::Sidebar);
    press(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    update(&mut a, Action::NextSection);
    update(&mut a, Action::NextSection);
    type_keys(&mut a, "alater thought #compost");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    let section = a.view.current_section(&a.doc);
    assert_eq!(a.notes.listed(&a.doc, section).len(), 1);
    type_keys(&mut a, "v");
    assert_eq!(a.notes.listed(&a.doc, section).len(), 2);
    type_keys(&mut a, "/#comp");
    assert_eq!(a.mode(), Mode::Filter);
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    let listed = a.notes.listed(&a.doc, section);
    assert_eq!(listed.len(), 1);
    assert!(listed[0].text.contains("later"));
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
}

#[test]
fn enter_on_a_note_goes_to_its_passage() {
    let mut a = app(140);
    update(&mut a, Action::NextSection);
    let block = a.view.focus;
    type_keys(&mut a, "anote here");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    type_keys(&mut a, "v");
    update(&mut a, Action::Bottom);
    assert_ne!(a.view.focus, block);
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(a.view.focus, block);
    let start = a.view.block_start(&a.doc, block);
    assert!(start >= a.view.top && start < a.view.bottom(&a.doc));
}

#[test]
fn pasted_text_goes_into_the_note_without_controls() {
    let mut a = app(140);
    type_keys(&mut a, "a");
    update(
        &mut a,
        Action::Paste("pasted \u{1b}[31mred\u{1b}[0m words".into()),
    );
    let effects = press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(saved(&effects)[0].text, "pasted ␛red␛ words");
}

#[test]
fn quitting_with_unsaved_notes_asks_and_rescues() {
    let mut a = app(140);
    type_keys(&mut a, "akeep me");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    update(
        &mut a,
        Action::NotesSaved(Err("cannot save notes: disk full".into())),
    );
    assert!(a.message.as_deref().unwrap().contains("disk full"));
    update(&mut a, Action::Quit);
    assert!(!a.quit);
    assert_eq!(a.mode(), Mode::Confirm);
    let effects = type_keys(&mut a, "y");
    assert!(a.quit);
    assert!(effects.contains(&Effect::RescueNotes));
}

#[test]
fn notes_from_another_window_appear_after_a_save() {
    let mut a = app(140);
    type_keys(&mut a, "amine");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    let mut theirs = a.notes.live().next().unwrap().clone();
    theirs.id = "other-window".into();
    theirs.text = "theirs".into();
    let mut merged: Vec<Note> = a.notes.all.clone();
    merged.push(theirs);
    update(&mut a, Action::NotesSaved(Ok(merged)));
    assert_eq!(a.notes.live().count(), 2);
}

#[test]
fn the_wheel_over_the_notes_pane_moves_through_the_notes() {
    let mut a = app(140);
    for text in ["afirst", "asecond"] {
        type_keys(&mut a, text);
        press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
        press(&mut a, KeyCode::Tab, KeyModifiers::NONE);
        press(&mut a, KeyCode::Tab, KeyModifiers::NONE);
        update(&mut a, Action::NextParagraph);
    }
    let pane = a.areas.notes.unwrap();
    let top = a.view.top;
    a.notes.selected = 0;
    update(
        &mut a,
        Action::Wheel {
            column: pane.x + 2,
            row: pane.y + 3,
            lines: 3,
        },
    );
    assert_eq!(a.notes.selected, 1);
    assert_eq!(a.view.top, top, "the text did not scroll");
}

#[test]
fn esc_clears_a_kept_notes_search_and_slash_starts_afresh() {
    let mut a = app(140);
    type_keys(&mut a, "aone #x");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    type_keys(&mut a, "/zz");
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(a.notes.filter, "zz");
    type_keys(&mut a, "/");
    assert_eq!(a.notes.filter, "", "a new search starts empty");
    type_keys(&mut a, "zz");
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(a.notes.filter, "");
}
