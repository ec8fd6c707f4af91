//! Writing, changing, deleting and finding notes, key by key through the key table and
//! `update` (see `support::keys`).

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use margin::app::keymap::Mode;
use margin::app::{Action, App, Effect, Pane, update};
use margin::notes::Note;
use support::keys::keys;
use support::reader::{essay, saved};

fn app(width: u16) -> App {
    essay("letters-to-a-young-gardener.txt")
        .size(width, 40)
        .build()
}

#[test]
fn a_note_is_written_on_the_focused_paragraph_and_saved_at_once() {
    let mut a = app(140);
    keys(&mut a, "]");
    let focus = a.view.focus;
    keys(&mut a, "a");
    assert_eq!(a.mode(), Mode::Editor);
    assert_eq!(a.focus, Pane::Notes);
    keys(
        &mut a,
        "Soil keeps #memory.<ret>Second line, with q and j typed.",
    );
    let effects = keys(&mut a, "<esc>");
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
    assert!(
        a.mode() == Mode::Pane(Pane::Text),
        "saved, the keys go back to the text"
    );
}

#[test]
fn an_empty_note_is_not_kept_and_typed_text_is_not_thrown_away_by_one_key() {
    let mut a = app(140);
    keys(&mut a, "a");
    assert!(saved(&keys(&mut a, "<esc>")).is_empty());
    assert_eq!(a.notes.live().count(), 0);
    keys(&mut a, "adraft");
    keys(&mut a, "<c-c>");
    assert_eq!(a.mode(), Mode::Confirm, "discarding typed text asks first");
    keys(&mut a, "n");
    assert_eq!(a.mode(), Mode::Editor, "no keeps the editor open");
    assert_eq!(a.notes.editor.as_ref().unwrap().text(), "draft");
    keys(&mut a, "<c-c>");
    keys(&mut a, "y");
    assert!(a.notes.editor.is_none());
}

#[test]
fn edit_delete_and_undo_in_the_notes_pane() {
    let mut a = app(140);
    keys(&mut a, "afirst");
    keys(&mut a, "<esc>");
    assert_eq!(a.focus, Pane::Text);
    keys(&mut a, "<tab>");
    assert_eq!(a.focus, Pane::Notes);
    keys(&mut a, "e");
    keys(&mut a, "<end>");
    keys(&mut a, " and more");
    let effects = keys(&mut a, "<c-s>");
    assert_eq!(saved(&effects)[0].text, "first and more");
    keys(&mut a, "d");
    assert_eq!(a.mode(), Mode::Confirm);
    let effects = keys(&mut a, "y");
    assert!(
        saved(&effects)[0].deleted.is_some(),
        "a deletion is saved as a tombstone"
    );
    assert_eq!(a.notes.live().count(), 0);
    let effects = keys(&mut a, "u");
    assert!(saved(&effects)[0].deleted.is_none());
    assert_eq!(a.notes.live().next().unwrap().text, "first and more");
}

#[test]
fn the_pane_lists_this_section_or_all_and_searches_by_tag() {
    let mut a = app(140);
    keys(&mut a, "aopening thought #seed");
    keys(&mut a, "<esc>");
    assert_eq!(a.focus, Pane::Text);
    keys(&mut a, "]]");
    keys(&mut a, "alater thought #compost");
    keys(&mut a, "<esc><tab>");
    assert_eq!(a.focus, Pane::Notes);
    let section = a.view.current_section();
    assert_eq!(a.notes.listed(&a.doc, section).len(), 1);
    keys(&mut a, "v");
    assert_eq!(a.notes.listed(&a.doc, section).len(), 2);
    keys(&mut a, "/#comp");
    assert_eq!(a.mode(), Mode::Filter);
    keys(&mut a, "<ret>");
    let listed = a.notes.listed(&a.doc, section);
    assert_eq!(listed.len(), 1);
    assert!(listed[0].text.contains("later"));
    keys(&mut a, "<esc>");
}

#[test]
fn enter_on_a_note_goes_to_its_passage() {
    let mut a = app(140);
    keys(&mut a, "]");
    let block = a.view.focus;
    keys(&mut a, "anote here");
    keys(&mut a, "<esc>");
    // All notes, then to the text and its end, and back to the notes.
    keys(&mut a, "<tab>v<s-tab>G<tab>");
    assert_eq!(a.focus, Pane::Notes);
    assert_ne!(a.view.focus, block);
    keys(&mut a, "<ret>");
    assert_eq!(a.view.focus, block);
    let start = a.view.block_start(block);
    assert!(start >= a.view.top && start < a.view.bottom());
}

#[test]
fn pasted_text_goes_into_the_note_without_controls() {
    let mut a = app(140);
    keys(&mut a, "a");
    update(
        &mut a,
        Action::Paste("pasted \u{1b}[31mred\u{1b}[0m words".into()),
    );
    let effects = keys(&mut a, "<esc>");
    assert_eq!(saved(&effects)[0].text, "pasted ␛red␛ words");
}

#[test]
fn quitting_with_unsaved_notes_asks_and_rescues() {
    let mut a = app(140);
    keys(&mut a, "akeep me");
    keys(&mut a, "<esc>");
    update(
        &mut a,
        Action::NotesSaved(Err("cannot save notes: disk full".into())),
    );
    assert!(a.message.as_deref().unwrap().contains("disk full"));
    keys(&mut a, "q");
    assert!(!a.quit);
    assert_eq!(a.mode(), Mode::Confirm);
    let effects = keys(&mut a, "y");
    assert!(a.quit);
    assert!(effects.contains(&Effect::RescueNotes));
}

#[test]
fn notes_from_another_window_appear_after_a_save() {
    let mut a = app(140);
    keys(&mut a, "amine");
    keys(&mut a, "<esc>");
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
        keys(&mut a, text);
        keys(&mut a, "<esc>");
        keys(&mut a, "<tab><tab>}");
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
    keys(&mut a, "aone #x");
    keys(&mut a, "<esc><tab>");
    keys(&mut a, "/zz");
    keys(&mut a, "<ret>");
    assert_eq!(a.notes.filter, "zz");
    keys(&mut a, "/");
    assert_eq!(a.notes.filter, "", "a new search starts empty");
    keys(&mut a, "zz");
    keys(&mut a, "<ret>");
    keys(&mut a, "<esc>");
    assert_eq!(a.notes.filter, "");
}

/// Found by the monkey (tests/monkey.rs): a note begun on a narrow terminal vanished when
/// the window was widened past the docking width, and the keys went on into the hidden
/// editor; a notes pane with the keyboard closed the same way and kept it.
#[test]
fn a_note_being_written_stays_on_screen_across_the_docking_width() {
    let mut a = app(80);
    keys(&mut a, "ahalf");
    for width in [120, 80, 140, 90] {
        update(&mut a, Action::Resize { width, height: 40 });
        assert_eq!(a.mode(), Mode::Editor, "at {width} columns");
        assert_eq!(a.focus, Pane::Notes, "at {width} columns");
        assert!(
            a.areas.notes.is_some(),
            "the editor is shown at {width} columns"
        );
    }
    let effects = keys(&mut a, " written<esc>");
    assert_eq!(saved(&effects)[0].text, "half written");

    let mut b = app(80);
    keys(&mut b, "m");
    assert_eq!(b.focus, Pane::Notes);
    update(
        &mut b,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert!(
        b.focus == Pane::Text || b.areas.notes.is_some(),
        "the keyboard is with a pane on screen, not {:?}",
        b.focus
    );
}

/// Notes written on `before`, opened on `after`: the reader on `after` at `width` columns.
fn notes_across_an_edit(before: &str, after: &str, width: u16) -> App {
    use margin::app::action::Opened;
    use margin::app::document::Document;
    use margin::essay::{Essay, Format};
    let old = Document::new(Essay::parse(before, Format::Markdown, "t"), "t".into());
    let passage = |start: &str| {
        (0..old.plain().len())
            .find(|&b| old.plain()[b].starts_with(start))
            .unwrap()
    };
    let note = |id: &str, start: &str, text: &str| Note {
        id: id.into(),
        created: "2026-11-01T10:00:00Z".into(),
        updated: "2026-11-01T10:00:00Z".into(),
        text: text.into(),
        deleted: None,
        passage: None,
        version: margin::notes::Version::default(),
        anchor: margin::notes::anchor::capture(&old.essay, old.plain(), passage(start)),
    };
    let notes = vec![
        note(
            "a",
            "Kept",
            "On a passage that stays, #one #two #three #four #five",
        ),
        note(
            "b",
            "Changed",
            "On a passage that changes, #wisdom #fallow #seasons #soil",
        ),
        note("c", "Cut", "On a passage that goes"),
    ];
    let mut app = support::reader::reader(after).size(width, 40).build();
    let opened = Opened {
        notes,
        ..Opened::default()
    };
    update(&mut app, Action::Opened(Box::new(opened)));
    app
}

const BEFORE: &str = "# T\n\nIntro words.\n\n## One\n\nKept words of a passage that nobody touches.\n\nChanged words of a passage that the author will revise.\n\nCut: a remark about March weather, soon deleted.\n";

fn after() -> String {
    BEFORE
        .replace(
            "Intro words.",
            "Intro words.\n\nA new paragraph, inserted above.",
        )
        .replace("will revise.", "has revised, a little.")
        .replace("Cut: a remark about March weather, soon deleted.\n", "")
}

#[test]
fn opening_says_once_how_the_notes_were_found() {
    let app = notes_across_an_edit(BEFORE, &after(), 140);
    assert_eq!(
        app.message.as_deref(),
        Some("3 notes: 1 in place, 1 edited, 1 passage not found")
    );
    let unchanged = notes_across_an_edit(BEFORE, BEFORE, 140);
    assert_eq!(
        unchanged.message, None,
        "nothing to say when all are in place"
    );
}

#[test]
fn a_paragraph_inserted_above_leaves_a_note_in_place() {
    let app = notes_across_an_edit(BEFORE, &after(), 140);
    let kept = app.notes.placement("a");
    assert_eq!(kept.state, margin::notes::State::InPlace);
    assert!(app.doc.plain()[kept.block].starts_with("Kept"));
}

#[test]
fn a_notes_state_is_readable_at_any_width() {
    for width in [80u16, 120, 200] {
        let mut app = notes_across_an_edit(BEFORE, &after(), width);
        // Open over the text (narrow) or beside it (wide), and give it the keys.
        if app.areas.notes.is_none() {
            keys(&mut app, "m");
        }
        for _ in 0..3 {
            if app.focus != Pane::Notes {
                keys(&mut app, "<tab>");
            }
        }
        assert_eq!(app.focus, Pane::Notes, "at {width} columns");
        keys(&mut app, "v");
        let screen = support::screen::screen(&app);
        for state in ["edited", "passage not found"] {
            assert!(
                screen.contains(state),
                "“{state}” at {width} columns:\n{screen}"
            );
        }
    }
}

#[test]
fn enter_on_an_edited_note_shows_its_old_passage() {
    let mut app = notes_across_an_edit(BEFORE, &after(), 140);
    keys(&mut app, "<tab>v");
    let listed: Vec<String> = app
        .notes
        .listed(&app.doc, app.view.current_section())
        .iter()
        .map(|n| n.id.clone())
        .collect();
    let edited = listed.iter().position(|id| id == "b").unwrap();
    for _ in 0..edited {
        keys(&mut app, "j");
    }
    keys(&mut app, "<ret>");
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("it was “Changed words of a passage that the author will revise.”"),
        "{message}"
    );
}

#[test]
fn the_outlines_title_row_counts_the_opening_texts_notes() {
    let text = "# The Title\n\nOpening words before any heading, a passage of its own.\n\n## One\n\nA passage in the first section.\n";
    let app = support::reader::reader(text)
        .size(140, 30)
        .note("Opening words", "A note on the opening")
        .build();
    let screen = support::screen::screen(&app);
    let title_row = screen
        .lines()
        .find(|l| l.contains("The Title") && l.contains('│'))
        .unwrap();
    let outline = title_row.split('│').next().unwrap();
    assert!(outline.contains("✎1"), "{screen}");
}

/// `e` then `Esc` with nothing typed leaves the note as stored: the editor shows it made
/// harmless (a tab expanded, a direction isolate as a placeholder), and that is no edit to
/// save, nor a reason to bump its time and win merges against real edits elsewhere.
#[test]
fn opening_a_note_and_closing_it_unchanged_saves_nothing() {
    let stored = "a\tb \u{2067}مرحبا\u{2069} c";
    let mut a = essay("letters-to-a-young-gardener.txt")
        .size(140, 40)
        .note("", stored)
        .build();
    assert_eq!(a.notes.live().count(), 1);
    keys(&mut a, "<tab>");
    assert_eq!(a.focus, Pane::Notes);
    keys(&mut a, "e");
    assert_eq!(a.mode(), Mode::Editor);
    let effects = keys(&mut a, "<esc>");
    assert!(saved(&effects).is_empty(), "{effects:?}");
    assert_eq!(a.notes.live().next().unwrap().text, stored);
    // A real change is saved.
    keys(&mut a, "e");
    keys(&mut a, "<end>!");
    let effects = keys(&mut a, "<esc>");
    assert_eq!(saved(&effects).len(), 1);
}

/// A note deleted meanwhile (in another window) while it was being changed here: the text
/// is not saved into the invisible deleted entry, nor dropped; it becomes a new note, and
/// the reader is told.
#[test]
fn changing_a_note_deleted_meanwhile_keeps_the_text_as_a_new_note() {
    let mut a = app(140);
    keys(&mut a, "afirst");
    keys(&mut a, "<esc><tab>");
    keys(&mut a, "e");
    assert_eq!(a.mode(), Mode::Editor);
    let old_id = a.notes.all[0].id.clone();
    // Another window deletes it; its tombstone reaches this one.
    a.notes.all[0].deleted = Some("2026-12-02T10:00:00Z".into());
    keys(&mut a, "<end> and more");
    let effects = keys(&mut a, "<esc>");
    let notes = saved(&effects);
    assert_eq!(notes.len(), 1, "{effects:?}");
    assert_ne!(notes[0].id, old_id, "a new note");
    assert!(notes[0].deleted.is_none());
    assert_eq!(notes[0].text, "first and more");
    assert!(
        a.notes
            .saving
            .iter()
            .any(|m| m.contains("deleted meanwhile")),
        "{:?}",
        a.notes.saving
    );
}

/// `u` after another window changed the deleted note (its change beat the deletion, and
/// this window has heard of it): the newer text stays, and nothing older is sent to be saved.
#[test]
fn undo_keeps_another_windows_newer_text() {
    let mut a = app(140);
    keys(&mut a, "afirst");
    keys(&mut a, "<esc>");
    let all = a.notes.all.clone();
    update(&mut a, Action::NotesSaved(Ok(all)));
    keys(&mut a, "<tab>d");
    keys(&mut a, "y");
    // Another window changed the note meanwhile; the store's merge kept its change alive.
    let mut theirs = a.notes.all[0].clone();
    theirs.deleted = None;
    theirs.text = "changed in another window".into();
    theirs.revise();
    update(&mut a, Action::NotesSaved(Ok(vec![theirs])));
    let effects = keys(&mut a, "u");
    assert!(saved(&effects).is_empty(), "nothing older is saved over it");
    assert_eq!(
        a.notes.live().next().unwrap().text,
        "changed in another window"
    );
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("another window")
    );
}

/// The outside editor failed (it exited with an error, or a hang-up stopped it), having
/// written the reader's words (issue 16, defect 8): they are kept in margin's editor, not
/// saved and not dropped, so stopping margin now keeps them as a draft.
#[test]
fn words_left_by_a_failed_outside_editor_are_kept() {
    use margin::app::action::EditFailed;
    let mut a = app(140);
    let effects = keys(&mut a, "]E");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::EditExternally(_))),
        "{effects:?}"
    );
    let effects = update(
        &mut a,
        Action::ExternalEditDone(Err(EditFailed {
            why: "the editor exited with exit status: 1".into(),
            text: Some("Words written in vim.\n".into()),
        })),
    );
    assert!(saved(&effects).is_empty());
    assert_eq!(a.mode(), Mode::Editor);
    let draft = margin::app::notes_update::draft(&a).expect("a draft to keep");
    assert_eq!(draft.text, "Words written in vim.");
    assert!(a.message.as_deref().unwrap_or("").contains("Esc saves it"));
    // With nothing written, the note is as it was, and says so.
    let mut b = app(140);
    keys(&mut b, "]E");
    update(
        &mut b,
        Action::ExternalEditDone(Err(
            "the terminal failed after the editor (no answer)".into()
        )),
    );
    assert!(b.message.as_deref().unwrap_or("").contains("not changed"));
}

/// A note changed in the editor, which shows it made harmless, is stored with its other
/// lines as they were (issue 16, defect 3): their tabs and direction isolates are kept.
#[test]
fn changing_one_line_keeps_the_tabs_and_isolates_of_the_others() {
    let stored = "a\tb \u{2067}مرحبا\u{2069} c\nsecond line";
    let mut a = essay("letters-to-a-young-gardener.txt")
        .size(140, 40)
        .note("", stored)
        .build();
    keys(&mut a, "<tab>e");
    keys(&mut a, "<end>, changed");
    let effects = keys(&mut a, "<esc>");
    let notes = saved(&effects);
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].text,
        "a\tb \u{2067}مرحبا\u{2069} c\nsecond line, changed"
    );
}
