//! Key-sequence flows through `update`, without a terminal: what each key does to the state.

use margin::app::document::Document;
use margin::app::{Action, App, Effect, Options, Pane, update};
use margin::essay::{Essay, Format};
use margin::layout::Pos;

fn app_for(text: &str, format: Format, width: u16, height: u16) -> App {
    let essay = Essay::parse(text, format, "test");
    let mut app = App::new(Document::new(essay, "test".into()), Options::default());
    update(&mut app, Action::Resize { width, height });
    app
}

fn gardener(width: u16, height: u16) -> App {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/essays/letters-to-a-young-gardener.txt"
    ))
    .unwrap();
    app_for(&text, Format::Text, width, height)
}

fn top_text(app: &App) -> String {
    app.view
        .layout
        .line(&app.doc.essay, app.view.top)
        .map(|l| l.text())
        .unwrap_or_default()
}

/// The line at the top, counted from the essay's first line.
fn top_line(app: &App) -> usize {
    app.view
        .layout
        .distance(&app.doc.essay, Pos::default(), app.view.top)
}

fn section_title(app: &App) -> &str {
    &app.doc.essay.sections[app.view.current_section(&app.doc)].title
}

#[test]
fn next_and_previous_section_bring_headings_to_the_top() {
    let mut app = gardener(120, 40);
    update(&mut app, Action::NextSection);
    assert_eq!(top_text(&app), "What the Soil Remembers");
    update(&mut app, Action::NextSection);
    assert_eq!(top_text(&app), "On patience and compost");
    assert_eq!(section_title(&app), "On patience and compost");
    update(&mut app, Action::ScrollLines(3));
    update(&mut app, Action::PrevSection);
    assert_eq!(top_text(&app), "On patience and compost");
    update(&mut app, Action::PrevSection);
    assert_eq!(top_text(&app), "What the Soil Remembers");
    update(&mut app, Action::PrevSection);
    assert_eq!(top_line(&app), 0);
}

#[test]
fn the_last_section_says_so() {
    let mut app = gardener(120, 40);
    for _ in 0..20 {
        update(&mut app, Action::NextSection);
    }
    assert_eq!(section_title(&app), "A Last Letter, for Now");
    assert!(app.message.as_deref().unwrap().contains("last section"));
}

#[test]
fn scrolling_stays_within_the_essay() {
    let mut app = gardener(120, 40);
    update(&mut app, Action::ScrollLines(-5));
    assert_eq!(top_line(&app), 0);
    update(&mut app, Action::ScrollPages(1));
    assert_eq!(top_line(&app), app.view.height - 1);
    update(&mut app, Action::ScrollHalfPages(-1));
    assert_eq!(top_line(&app), app.view.height - 1 - app.view.height / 2);
    update(&mut app, Action::Bottom);
    assert_eq!(app.view.top, app.view.max_top(&app.doc));
    assert_eq!(app.percent(), 100);
    update(&mut app, Action::ScrollLines(10));
    assert_eq!(app.view.top, app.view.max_top(&app.doc));
    update(&mut app, Action::Top);
    assert_eq!(top_line(&app), 0);
}

#[test]
fn the_focus_moves_by_paragraph_and_follows_scrolling() {
    let mut app = gardener(120, 40);
    let first = app.view.focus;
    update(&mut app, Action::NextParagraph);
    assert!(app.view.focus > first);
    update(&mut app, Action::PrevParagraph);
    assert_eq!(app.view.focus, first);
    update(&mut app, Action::ScrollPages(3));
    assert!(
        app.view.shows(&app.doc, app.view.focus),
        "focus is on screen"
    );
    assert!(app.doc.is_passage(app.view.focus));
}

#[test]
fn stepping_the_focus_off_screen_scrolls_to_it() {
    let mut app = gardener(80, 12);
    for _ in 0..8 {
        update(&mut app, Action::NextParagraph);
    }
    let start = app.view.block_start(&app.doc, app.view.focus);
    assert!(start >= app.view.top && start < app.view.bottom(&app.doc));
}

#[test]
fn search_as_you_type_then_keep_step_and_wrap() {
    let mut app = gardener(120, 40);
    update(&mut app, Action::StartSearch);
    for c in "compost".chars() {
        update(&mut app, Action::SearchInput(c));
    }
    let n = app.search.matches.len();
    assert!(n >= 2, "{n} matches");
    assert_eq!(app.search.current, Some(0));
    update(&mut app, Action::SearchSubmit);
    assert!(app.search.prompt.is_none() && app.search.active());
    for _ in 1..n {
        update(&mut app, Action::NextMatch);
    }
    assert_eq!(app.search.current, Some(n - 1));
    update(&mut app, Action::NextMatch);
    assert_eq!(app.search.current, Some(0));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("wrapped to the top")
    );
    update(&mut app, Action::PrevMatch);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("wrapped to the bottom")
    );
    // The match is on screen.
    let m = app.search.matches[n - 1];
    let pos = app.view.layout.pos_of(&app.doc.essay, m.block, m.start);
    assert!(pos >= app.view.top && pos < app.view.bottom(&app.doc));
    update(&mut app, Action::Escape);
    assert!(!app.search.active());
}

#[test]
fn escape_in_the_prompt_goes_back_to_where_the_search_began() {
    let mut app = gardener(120, 40);
    update(&mut app, Action::ScrollLines(7));
    update(&mut app, Action::StartSearch);
    for c in "last letter".chars() {
        update(&mut app, Action::SearchInput(c));
    }
    assert_ne!(top_line(&app), 7);
    update(&mut app, Action::Escape);
    assert_eq!(top_line(&app), 7);
    assert!(app.search.prompt.is_none() && !app.search.active());
}

#[test]
fn smart_case_regex_toggle_and_bad_patterns() {
    let mut app = gardener(120, 40);
    update(&mut app, Action::StartSearch);
    for c in "th.n".chars() {
        update(&mut app, Action::SearchInput(c));
    }
    let literal = app.search.matches.len();
    update(&mut app, Action::SearchToggleRegex);
    assert!(app.search.matches.len() > literal);
    update(&mut app, Action::SearchInput('('));
    assert!(app.search.error.is_some());
    update(&mut app, Action::SearchSubmit);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("Not a valid pattern")
    );
}

#[test]
fn a_resize_keeps_the_passage_at_the_top() {
    let mut app = gardener(120, 40);
    update(&mut app, Action::ScrollLines(30));
    let anchor = app.view.top_anchor(&app.doc);
    let before = app.doc.plain()[anchor.block][anchor.offset..]
        .chars()
        .take(20)
        .collect::<String>();
    update(
        &mut app,
        Action::Resize {
            width: 60,
            height: 20,
        },
    );
    let after = app.view.top_anchor(&app.doc);
    assert_eq!(after.block, anchor.block);
    // The new top line holds the old top line's first words.
    let line = top_text(&app);
    let start = app.doc.plain()[after.block].find(line.trim()).unwrap_or(0);
    assert!(
        start <= anchor.offset,
        "{line:?} should start at or before {before:?}"
    );
}

#[test]
fn tiny_terminals_and_back() {
    let mut app = gardener(120, 40);
    update(&mut app, Action::NextSection);
    let top = top_text(&app);
    for (w, h) in [(1, 1), (12, 4), (0, 0), (19, 5), (120, 40)] {
        update(
            &mut app,
            Action::Resize {
                width: w,
                height: h,
            },
        );
    }
    assert!(!app.areas.too_small);
    assert_eq!(top_text(&app), top);
}

#[test]
fn the_outline_docks_when_wide_and_floats_when_narrow() {
    let mut app = gardener(120, 40);
    assert!(app.areas.sidebar.is_some() && !app.areas.overlay);
    update(&mut app, Action::ToggleSidebar);
    assert!(app.areas.sidebar.is_none());
    update(&mut app, Action::ToggleSidebar);
    assert!(app.areas.sidebar.is_some());
    let mut narrow = gardener(80, 24);
    assert!(narrow.areas.sidebar.is_none());
    update(&mut narrow, Action::ToggleSidebar);
    assert!(narrow.areas.overlay && narrow.areas.sidebar.is_some());
    assert_eq!(narrow.focus, Pane::Sidebar);
    update(&mut narrow, Action::Escape);
    assert!(narrow.areas.sidebar.is_none());
    assert_eq!(narrow.focus, Pane::Text);
}

#[test]
fn the_outline_selects_and_jumps() {
    let mut app = gardener(120, 40);
    update(&mut app, Action::FocusPrev);
    assert_eq!(app.focus, Pane::Sidebar);
    update(&mut app, Action::Select(3));
    update(&mut app, Action::Activate);
    assert_eq!(app.focus, Pane::Text);
    assert_eq!(top_text(&app), "The First Year Is for Looking");
    assert_eq!(app.sidebar.selected, 3);
}

#[test]
fn tab_cycles_through_the_open_panes() {
    let mut app = gardener(140, 40);
    assert!(
        app.areas.notes.is_some(),
        "notes pane docks from 130 columns"
    );
    let mut seen = Vec::new();
    for _ in 0..3 {
        update(&mut app, Action::FocusNext);
        seen.push(app.focus);
    }
    assert_eq!(seen, vec![Pane::Notes, Pane::Sidebar, Pane::Text]);
}

#[test]
fn folding_a_branch_hides_its_subsections() {
    let text = "# T\n\nIntro.\n\n## A\n\nx\n\n### A1\n\ny\n\n### A2\n\nz\n\n## B\n\nw\n";
    let mut app = app_for(text, Format::Markdown, 120, 40);
    assert_eq!(app.sidebar.entries.len(), 5);
    update(&mut app, Action::FocusPrev);
    update(&mut app, Action::Select(1));
    update(&mut app, Action::Collapse);
    assert_eq!(app.sidebar.entries.len(), 3);
    update(&mut app, Action::Expand);
    assert_eq!(app.sidebar.entries.len(), 5);
}

#[test]
fn clicks_and_the_wheel() {
    let mut app = gardener(120, 40);
    let rows = app.areas.sidebar_rows().unwrap();
    update(
        &mut app,
        Action::Click {
            column: rows.x + 3,
            row: rows.y + 2,
        },
    );
    assert_eq!(top_text(&app), "On patience and compost");
    let body = app.areas.body;
    update(
        &mut app,
        Action::Wheel {
            column: body.x + 1,
            row: body.y + 1,
            lines: 3,
        },
    );
    let heading = app.view.section_start(&app.doc, 2);
    assert_eq!(app.view.top, app.view.forward(&app.doc, heading, 3));
}

#[test]
fn quitting_saves_and_the_mouse_can_be_released() {
    let mut app = gardener(120, 40);
    assert_eq!(
        update(&mut app, Action::ToggleMouse),
        vec![Effect::SetMouseCapture(false)]
    );
    assert!(!app.mouse);
    assert_eq!(update(&mut app, Action::Quit), vec![Effect::SavePosition]);
    assert!(app.quit);
}

#[test]
fn moving_asks_for_the_position_to_be_saved_and_marks_sections_read() {
    let mut app = gardener(120, 40);
    assert_eq!(
        update(&mut app, Action::ScrollLines(1)),
        vec![Effect::SavePosition]
    );
    assert!(update(&mut app, Action::ToggleHelp).is_empty());
    update(&mut app, Action::ToggleHelp);
    for _ in 0..100 {
        update(&mut app, Action::ScrollLines(1));
    }
    assert!(app.read[1], "the first section was scrolled through");
    let mut jumper = gardener(80, 12);
    for _ in 0..3 {
        update(&mut jumper, Action::NextSection);
    }
    assert!(!jumper.read[1], "jumping past a section is not reading it");
}

#[test]
fn the_position_survives_a_new_width() {
    let mut app = gardener(120, 40);
    update(&mut app, Action::ScrollLines(45));
    update(&mut app, Action::NextParagraph);
    let position = app.position();
    let focus = app.view.focus;
    let mut again = gardener(70, 30);
    again.restore(&position);
    assert_eq!(
        again.view.top_anchor(&again.doc).block,
        app.view.top_anchor(&app.doc).block
    );
    assert_eq!(again.view.focus, focus);
    assert!(
        again
            .message
            .as_deref()
            .unwrap()
            .starts_with("Back where you left off")
    );
}
