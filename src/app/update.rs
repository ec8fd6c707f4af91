//! `update(state, action)`: every change to the reader's state happens here, without I/O.

use super::App;
use super::action::{Action, Effect, Pane};
use super::jumps::{self, Place};
use super::line_edit::{Line, LineEdit};
use super::links;
use super::notes_update as notes;
use super::opening;
use super::search::Prompt;
use super::selection_update as selection;
use super::step::Step;
use crate::layout::Pos;

/// Applies `action` to `app` and returns what the runner must do outside the state.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let before = app.view.top;
    // Reading is scrolling through; jumps (sections, search, the end) skip text unread.
    let scrolled = matches!(
        action,
        Action::ScrollLines(_)
            | Action::ScrollPages(_)
            | Action::ScrollHalfPages(_)
            | Action::Wheel { .. }
    ) || (action == Action::Select(1) || action == Action::Select(-1))
        && app.focus == Pane::Text;
    if action.is_input() {
        app.input_seen = true;
        app.timers.last_input = app.timers.now;
        // A message lasts until the reader's next key (the wheel does not count: it is
        // read with the eyes on the text).
        if !matches!(action, Action::Wheel { .. }) {
            app.message = None;
        }
    }
    let mut effects = Vec::new();
    if app.doc.partial && waits_for_whole_essay(app, &action) {
        return effects;
    }
    // Where a big move leaves from, for the jump list; a search leaves from where its
    // prompt opened, the text having followed the matches as the query was typed.
    let jump_from = jumps::is_jump(app, &action).then(|| Place::of(app));
    let search_from = match (&action, &app.search.prompt) {
        (Action::SearchSubmit, Some(prompt)) => Some((prompt.origin, app.view.focus)),
        _ => None,
    };
    match action {
        Action::Quit | Action::QuitAll => {
            app.quit_all = action == Action::QuitAll;
            if app.notes.unsaved.is_some() {
                app.confirm = Some(super::notes::Confirm::QuitUnsaved);
            } else {
                app.quit = true;
            }
        }
        Action::Escape => escape(app),
        Action::Suspend => effects.push(Effect::Suspend),
        Action::Resize { width, height } => {
            app.size = ratatui::layout::Rect::new(0, 0, width, height);
            app.relayout();
        }
        Action::ScrollLines(n) => app.view.scroll(n),
        Action::ScrollPages(n) => {
            // A page keeps its last line on screen, so the eye finds its place.
            let page = (app.view.height as i64 - 1).max(1);
            app.view.scroll(n * page);
        }
        Action::ScrollHalfPages(n) => {
            let half = (app.view.height as i64 / 2).max(1);
            app.view.scroll(n * half);
        }
        Action::Top => {
            let start = app.view.start();
            app.view.jump_to(start);
            app.view.focus_from(0);
        }
        Action::Bottom => {
            let last = app.view.max_top();
            app.view.jump_to(last);
            app.view.focus_last();
        }
        Action::NextSection => next_section(app),
        Action::PrevSection => prev_section(app),
        Action::NextParagraph => {
            if !app.view.step_focus(true) {
                app.message = Some("This is the last passage.".into());
            }
        }
        Action::PrevParagraph => {
            if !app.view.step_focus(false) {
                app.message = Some("This is the first passage.".into());
            }
        }
        Action::FocusNext | Action::FocusPrev => {
            let panes = app.panes();
            let i = panes.iter().position(|&p| p == app.focus).unwrap_or(0);
            let n = panes.len();
            let next = if action == Action::FocusNext {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            app.focus = panes[next];
        }
        Action::Select(n) => match app.focus {
            Pane::Sidebar => {
                app.sidebar.move_selection(n);
                let rows = app
                    .areas
                    .sidebar_rows()
                    .map_or(1, |r| usize::from(r.height));
                app.sidebar.scroll_into_view(rows);
            }
            Pane::Text => app.view.scroll(n),
            Pane::Notes => {
                let listed = app.notes.listed(&app.doc, app.view.current_section()).len();
                app.notes.selected = Step::By(n).in_list(app.notes.selected, listed);
            }
        },
        Action::Activate => match app.focus {
            Pane::Sidebar => activate_sidebar(app),
            Pane::Notes => notes::jump_to_selected(app),
            Pane::Text => {}
        },
        Action::Collapse | Action::Expand => {
            app.sidebar
                .set_fold(&app.doc.essay, action == Action::Collapse);
        }
        Action::ToggleSidebar => toggle_sidebar(app),
        Action::ToggleNotes => toggle_notes(app),
        Action::ToggleHelp => {
            app.help = !app.help;
            app.help_scroll = 0;
        }
        Action::ScrollHelp(n) => scroll_help(app, Step::By(n)),
        Action::HelpPages(n) => {
            let half = (super::help::help_rows(app.size.height) / 2).max(1);
            scroll_help(app, Step::By(n * half as i64));
        }
        Action::HelpEnd(last) => scroll_help(app, if last { Step::Last } else { Step::First }),
        Action::StartSearch => {
            app.search.prompt = Some(Prompt {
                line: Line::default(),
                origin: app.view.top,
            });
            app.search.browsing = None;
            app.search.query.clear();
            app.search.run(&app.doc);
        }
        Action::SearchInput(c) => edit_prompt(app, |l| l.insert(c.encode_utf8(&mut [0; 4]))),
        Action::SearchBackspace => edit_prompt(app, |l| l.apply(LineEdit::Backspace)),
        Action::SearchEdit(
            edit @ (LineEdit::Left | LineEdit::Right | LineEdit::Home | LineEdit::End),
        ) => {
            // Only the cursor moves: the matches stand.
            if let Some(prompt) = app.search.prompt.as_mut() {
                prompt.line.apply(edit);
            }
        }
        Action::SearchEdit(edit) => edit_prompt(app, |l| l.apply(edit)),
        Action::SearchHistory(older) => browse_history(app, older),
        Action::SearchToggleRegex => {
            app.search.regex = !app.search.regex;
            edit_prompt(app, |_| {});
        }
        Action::SearchSubmit => submit_search(app),
        Action::NextMatch | Action::PrevMatch => step_match(app, action == Action::NextMatch),
        Action::Measure(steps) => change_measure(app, steps),
        Action::ToggleJustify => {
            app.view.set_justify(&app.doc, !app.view.justify);
            app.options.justify = app.view.justify;
            app.message = Some(
                if app.view.justify {
                    "Justified."
                } else {
                    "Ragged right."
                }
                .into(),
            );
        }
        Action::CycleTheme => effects.extend(cycle_theme(app)),
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            app.message = Some(if app.mouse {
                "Mouse on: the wheel scrolls, a click jumps.".into()
            } else {
                "Mouse released: select and copy text with it; M takes it back.".into()
            });
            effects.push(Effect::SetMouseCapture(app.mouse));
        }
        Action::Wheel { column, row, lines } => wheel(app, column, row, lines),
        Action::Click { column, row } => click(app, column, row),
        Action::AddNote => notes::add_note(app),
        Action::StartSelection => selection::start(app),
        Action::ExtendSelection { unit, forward } => selection::extend(app, unit, forward),
        Action::CancelSelection => app.selection = None,
        Action::HighlightSelection => effects.extend(selection::highlight(app)),
        Action::NoteSelection => selection::write_note(app),
        Action::CopySelection => effects.extend(selection::copy(app)),
        Action::Copied(result) => selection::copied(app, result),
        Action::EditNote => notes::edit_note(app),
        Action::ExternalEdit => effects.extend(notes::external_edit(app)),
        Action::DeleteNote => notes::ask_delete(app),
        Action::UndoDelete => effects.extend(notes::undo_delete(app)),
        Action::ToggleNotesView => {
            app.notes.view_all = !app.notes.view_all;
            app.notes.selected = 0;
        }
        Action::StartNotesFilter => {
            app.notes.filtering = true;
            app.notes.filter.clear();
        }
        Action::FilterInput(c) => {
            app.notes.filter.push(c);
            app.notes.selected = 0;
        }
        Action::FilterBackspace => {
            app.notes.filter.pop();
        }
        Action::FilterSubmit => app.notes.filtering = false,
        Action::EditorKey(key) => {
            if let Some(editor) = app.notes.editor.as_mut() {
                editor.textarea.input(key);
            }
        }
        Action::EditorSave => effects.extend(notes::save_editor(app)),
        Action::EditorDiscard => effects.extend(notes::discard_editor(app)),
        Action::Paste(text) => {
            if let Some(editor) = app.notes.editor.as_mut() {
                editor.textarea.insert_str(crate::sanitize::sanitize(&text));
            } else if app.notes.filtering {
                app.notes
                    .filter
                    .push_str(&crate::sanitize::pasted_line(&text));
                app.notes.selected = 0;
            } else if app.search.prompt.is_some() {
                let pasted = crate::sanitize::pasted_line(&text);
                edit_prompt(app, |l| l.insert(&pasted));
            }
        }
        Action::ShowLinks => links::show_links(app),
        Action::SelectLink(n) => links::select(app, n),
        Action::FollowLink => links::follow(app, None),
        Action::PickLink(n) => links::follow(app, Some(n)),
        Action::ShowFootnotes => links::show_passage_footnotes(app),
        Action::ScrollFootnote(n) => links::scroll_footnote(app, n),
        Action::GoToFootnote => links::go_to_footnote(app),
        Action::Jump(older) => jumps::step(app, older),
        Action::LinkNotOpened(why) => app.message = Some(why),
        Action::Confirm(yes) => effects.extend(notes::answer(app, yes)),
        Action::ExternalEditDone(result) => effects.extend(notes::external_done(app, result)),
        Action::NotesSaved(result) => notes::saved(app, result),
        Action::NotesRetried(saved) => opening::notes_retried(app, saved),
        Action::PositionNotSaved(why) => app.message = Some(why),
        Action::Opened(opened) => opening::opened(app, *opened),
        Action::RestLoaded(whole) => opening::rest_loaded(app, *whole),
        Action::RestFailed(why) => opening::rest_failed(app, why),
        Action::Tick(now) => effects.extend(opening::tick(app, now)),
    }
    if app.notes.waiting_draft.is_some() {
        notes::resume_waiting_draft(app);
    }
    if let Some(from) = jump_from
        && app.view.top != before
    {
        app.jumps.push(from);
    }
    if let Some((origin, focus)) = search_from
        && app.view.top != origin
    {
        let top = app.view.anchor_at(origin);
        let at_start = origin == app.view.start();
        app.jumps.push(Place {
            top,
            focus,
            at_start,
        });
    }
    if app.view.top != before {
        if scrolled {
            app.mark_read(before);
        }
        app.after_move();
        app.timers.position_moved = true;
    }
    effects
}

/// The narrowest measure a reader can ask for while reading.
const MIN_MEASURE: usize = 40;
/// Columns a `<` or `>` changes the measure by.
const MEASURE_STEP: i64 = 4;

/// Changes the widest measure by `steps` of 4 columns, between 40 and the window, keeping
/// the passage at the top where it is.
fn change_measure(app: &mut App, steps: i64) {
    let widest = usize::from(app.size.width).max(MIN_MEASURE);
    let now = app.options.max_measure.min(widest);
    let wanted = Step::By(steps.saturating_mul(MEASURE_STEP))
        .up_to(now, widest)
        .max(MIN_MEASURE);
    app.options.max_measure = wanted;
    app.view.max_measure = wanted;
    app.relayout();
    let shown = app.view.measure();
    app.message = Some(if shown < wanted {
        format!("Measure {wanted} columns; {shown} fit beside the panes.")
    } else {
        format!("Measure {wanted} columns.")
    });
}

/// Switches to the next theme; nothing moves. Under `NO_COLOR` there are no colours to
/// switch, and the reader is told so.
fn cycle_theme(app: &mut App) -> Option<Effect> {
    if app.options.no_color {
        app.message = Some("NO_COLOR is set: no colours to switch.".into());
        return None;
    }
    app.options.theme = app.options.theme.next();
    app.message = Some(format!("Theme: {}.", app.options.theme.name()));
    Some(Effect::SetTheme(app.options.theme))
}

/// Scrolls the help, never past its last line at the bottom of the overlay.
fn scroll_help(app: &mut App, step: Step) {
    let last = super::help::max_help_scroll(app.size.height);
    app.help_scroll = step.up_to(app.help_scroll, last);
}

/// While only the start of a long essay is read, the end cannot be shown and notes cannot
/// be placed (nor saved against the essay). Says so, and remembers a wish to go to the end.
fn waits_for_whole_essay(app: &mut App, action: &Action) -> bool {
    match action {
        // With the essay's end read too, the end can be shown at once.
        Action::Bottom if app.doc.tail_from.is_none() => {
            app.pending_bottom = true;
            app.message = Some("Going to the end as soon as the whole essay is read…".into());
            true
        }
        Action::AddNote
        | Action::StartSelection
        | Action::EditNote
        | Action::ExternalEdit
        | Action::DeleteNote
        | Action::UndoDelete => {
            app.message = Some("Notes open in a moment, once the whole essay is read.".into());
            true
        }
        _ => false,
    }
}

fn escape(app: &mut App) {
    if app.confirm.take().is_some() || app.links.take().is_some() {
        return;
    }
    if app.footnote.take().is_some() {
        return;
    }
    if app.notes.filtering || (app.focus == Pane::Notes && !app.notes.filter.is_empty()) {
        app.notes.filtering = false;
        app.notes.filter.clear();
        return;
    }
    if app.help {
        app.help = false;
    } else if let Some(prompt) = app.search.prompt.take() {
        app.search.clear();
        app.view.jump_to(prompt.origin);
    } else if app.areas.overlay && (app.sidebar.open || app.notes_open) {
        app.sidebar.open = false;
        app.notes_open = false;
        app.focus = Pane::Text;
        app.relayout();
    } else if app.search.active() {
        app.search.clear();
        app.message = Some("Search cleared.".into());
    }
}

/// A section with a heading: where its heading is, and its first block.
fn headed(app: &App, section: usize) -> Option<(Pos, usize)> {
    let s = app.doc.essay.sections.get(section)?;
    s.heading?;
    Some((app.view.section_start(section), s.start))
}

/// Brings a section's heading to the top and the focus to its first passage.
fn go_to_section(app: &mut App, pos: Pos, start: usize) {
    app.view.jump_to(pos);
    app.view.focus_from(start);
}

fn next_section(app: &mut App) {
    let top = app.view.top;
    let from = app.view.section_at(top);
    let count = app.doc.essay.sections.len();
    let next = (from..count)
        .filter_map(|s| headed(app, s).map(|(p, start)| (s, p, start)))
        .find(|(_, p, _)| *p > top);
    let Some((section, pos, start)) = next else {
        app.message = Some("This is the last section.".into());
        return;
    };
    // At the end of an essay whose last section is shorter than a page, its heading
    // stands below the top while the reader already reads it: the heading comes up, and
    // the reader is told, as when it is at the top, that no section follows.
    let reading = app.view.current_section();
    let none_after = app.doc.essay.sections[section + 1..]
        .iter()
        .all(|s| s.heading.is_none());
    go_to_section(app, pos, start);
    if section == reading && none_after {
        app.message = Some("This is the last section.".into());
    }
}

fn prev_section(app: &mut App) {
    let top = app.view.top;
    let from = app.view.section_at(top);
    let prev = (0..=from)
        .rev()
        .filter_map(|s| headed(app, s))
        .find(|(p, _)| *p < top);
    let at_start = app.view.at_start();
    if prev.is_none() && at_start {
        app.message = Some("This is the start of the essay.".into());
    }
    let (pos, start) = prev.unwrap_or((app.view.start(), 0));
    go_to_section(app, pos, start);
}

fn activate_sidebar(app: &mut App) {
    let Some(entry) = app.sidebar.selected_entry().cloned() else {
        return;
    };
    let (pos, start) = match entry.section {
        Some(s) => (app.view.section_start(s), app.doc.essay.sections[s].start),
        None => (app.view.start(), 0),
    };
    go_to_section(app, pos, start);
    app.focus = Pane::Text;
    if app.areas.overlay {
        app.sidebar.open = false;
        app.relayout();
    }
}

fn toggle_sidebar(app: &mut App) {
    app.sidebar.open = !app.sidebar.open;
    if !app.areas.overlay {
        app.prefer_sidebar = app.sidebar.open;
    }
    if app.sidebar.open {
        if app.areas.overlay {
            app.notes_open = false;
            app.focus = Pane::Sidebar;
        }
        let current = app.view.current_section();
        app.sidebar.select_section(&app.doc.essay, current);
    } else if app.focus == Pane::Sidebar {
        app.focus = Pane::Text;
    }
    app.relayout();
}

fn toggle_notes(app: &mut App) {
    app.notes_open = !app.notes_open;
    if !app.areas.overlay {
        app.prefer_notes = app.notes_open;
    }
    if app.notes_open {
        if app.areas.overlay {
            app.sidebar.open = false;
            app.focus = Pane::Notes;
        }
    } else if app.focus == Pane::Notes {
        app.focus = Pane::Text;
    }
    app.relayout();
}

/// Edits the prompt and searches as the reader types, from where the search began.
fn edit_prompt(app: &mut App, edit: impl FnOnce(&mut Line)) {
    let Some(prompt) = app.search.prompt.as_mut() else {
        return;
    };
    edit(&mut prompt.line);
    let origin = prompt.origin;
    app.search.query = prompt.line.text.clone();
    app.search.run(&app.doc);
    let top = app.view.top;
    app.view.top = origin;
    let anchor = app.view.top_anchor();
    app.view.top = top;
    match app.search.first_from(anchor.block, anchor.offset) {
        Some(i) => {
            app.search.current = Some(i);
            reveal_match(app, i);
        }
        None => app.view.jump_to(origin),
    }
}

/// Shows an older or newer kept search in the prompt (past the newest: an empty line).
fn browse_history(app: &mut App, older: bool) {
    let kept = app.search.history.len();
    let at = app.search.browsing.unwrap_or(kept);
    let next = if older {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|&i| i <= kept)
    };
    let Some(next) = next else { return };
    app.search.browsing = (next < kept).then_some(next);
    let text = app.search.history.get(next).cloned().unwrap_or_default();
    edit_prompt(app, |l| *l = Line::new(&text));
}

fn submit_search(app: &mut App) {
    app.search.prompt = None;
    let query = app.search.query.clone();
    app.search.remember(&query);
    if app.search.query.trim().is_empty() {
        app.search.clear();
        return;
    }
    if let Some(e) = &app.search.error {
        app.message = Some(format!("Not a valid pattern: {e}"));
    } else if app.search.matches.is_empty() {
        app.message = Some(format!("No match for “{}”.", app.search.query));
    }
}

fn step_match(app: &mut App, forward: bool) {
    if !app.search.active() {
        app.message = Some("No search yet: press / to search.".into());
        return;
    }
    // As in less: n and N go on from what is on screen, not from a match the reader has
    // since scrolled or jumped away from.
    let on_screen = app.search.current.is_some_and(|i| {
        let m = app.search.matches[i];
        let pos = app.view.layout.pos_of(m.block, m.start);
        pos >= app.view.top && pos < app.view.bottom()
    });
    if !on_screen && !app.search.matches.is_empty() {
        let wrapped = from_screen(app, forward);
        if let Some(i) = app.search.current {
            reveal_match(app, i);
        }
        if wrapped {
            app.message = Some(wrap_message(forward).into());
        }
        return;
    }
    match app.search.step(forward) {
        None => app.message = Some(format!("No match for “{}”.", app.search.query)),
        Some(wrapped) => {
            if let Some(i) = app.search.current {
                reveal_match(app, i);
            }
            if wrapped {
                app.message = Some(wrap_message(forward).into());
            }
        }
    }
}

fn wrap_message(forward: bool) -> &'static str {
    if forward {
        "Search wrapped to the top."
    } else {
        "Search wrapped to the bottom."
    }
}

/// Makes current the first match from the top of the screen on (`forward`), or the last
/// one above its bottom; returns whether that wrapped round the essay.
fn from_screen(app: &mut App, forward: bool) -> bool {
    let matches = &app.search.matches;
    let (index, wrapped) = if forward {
        let top = app.view.top_anchor();
        match app.search.first_from(top.block, top.offset) {
            // first_from wraps to the first match; the message says so.
            Some(0) => (
                0,
                matches
                    .first()
                    .is_some_and(|m| (m.block, m.start) < (top.block, top.offset)),
            ),
            Some(i) => (i, false),
            None => return false,
        }
    } else {
        let key = |m: &super::search::Match| (m.block, m.start);
        let bottom = app.view.anchor_at(app.view.bottom());
        let at_end = app.view.bottom() >= app.view.end();
        let i = if at_end {
            matches.len()
        } else {
            matches.partition_point(|m| key(m) < (bottom.block, bottom.offset))
        };
        match i.checked_sub(1) {
            Some(i) => (i, false),
            None => (matches.len() - 1, true),
        }
    };
    app.search.current = Some(index);
    wrapped
}

fn reveal_match(app: &mut App, i: usize) {
    let m = app.search.matches[i];
    let pos = app.view.layout.pos_of(m.block, m.start);
    app.view.reveal(pos);
    if app.doc.is_passage(m.block) {
        app.view.focus = m.block;
        return;
    }
    // A match in a heading: the reader is going to that section, so the focus goes to its
    // first passage, on screen (a note written now belongs there, and the status line
    // names that section).
    app.view.focus_from(m.block);
    if !app.view.shows(app.view.focus) {
        let heading = app.view.block_start(m.block);
        let third = app.view.height / 3;
        app.view.jump_to(app.view.back(heading, third));
    }
}

fn wheel(app: &mut App, column: u16, row: u16, lines: i64) {
    let pos = ratatui::layout::Position::new(column, row);
    if let Some(side) = app.areas.sidebar
        && side.contains(pos)
    {
        let max = app
            .sidebar
            .entries
            .len()
            .saturating_sub(usize::from(side.height));
        app.sidebar.offset = Step::By(lines).up_to(app.sidebar.offset, max);
        return;
    }
    if app.areas.notes.is_some_and(|r| r.contains(pos)) {
        // The notes pane scrolls by moving its selection, a note a notch.
        let listed = app.notes.listed(&app.doc, app.view.current_section()).len();
        app.notes.selected = Step::By(lines.signum()).in_list(app.notes.selected, listed);
        return;
    }
    app.view.scroll(lines);
}

fn click(app: &mut App, column: u16, row: u16) {
    let pos = ratatui::layout::Position::new(column, row);
    if let Some(side) = app.areas.sidebar
        && side.contains(pos)
    {
        let Some(rows) = app.areas.sidebar_rows().filter(|r| r.contains(pos)) else {
            return;
        };
        let index = app.sidebar.offset + usize::from(row - rows.y);
        if index < app.sidebar.entries.len() {
            app.sidebar.selected = index;
            app.focus = Pane::Sidebar;
            activate_sidebar(app);
        }
        return;
    }
    let body = app.areas.body;
    if app.areas.text.contains(pos) && row >= body.y {
        let pos = app.view.forward(app.view.top, usize::from(row - body.y));
        if let Some(block) = app.view.layout.block_at(pos)
            && app.doc.is_passage(block)
        {
            app.view.focus = block;
        }
        app.focus = Pane::Text;
    }
}
