//! Key-sequence flows without a terminal: keys typed as a person types them (see
//! `support::keys`), through the key table and `update`, and what they do to the state.
//! Terminal events that are not keys (resizes, clicks, the wheel) go to `update` as the
//! runner sends them.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use margin::app::action::Opened;
use margin::app::{Action, App, Effect, Pane, update};
use margin::layout::{Hyphens, Pos, Role};
use support::keys::{keys, parse};
use support::reader::{essay, reader};

fn gardener(width: u16, height: u16) -> App {
    essay("letters-to-a-young-gardener.txt")
        .size(width, height)
        .build()
}

fn resize(app: &mut App, width: u16, height: u16) {
    update(app, Action::Resize { width, height });
}

fn top_text(app: &App) -> String {
    app.view
        .layout
        .line(app.view.top)
        .map(|l| l.text())
        .unwrap_or_default()
}

/// The line at the top, counted from the essay's first line.
fn top_line(app: &App) -> usize {
    app.view.layout.distance(Pos::default(), app.view.top)
}

fn section_title(app: &App) -> &str {
    &app.doc.essay.sections[app.view.current_section()].title
}

#[test]
fn next_and_previous_section_bring_headings_to_the_top() {
    let mut app = gardener(120, 40);
    keys(&mut app, "]");
    assert_eq!(top_text(&app), "What the Soil Remembers");
    keys(&mut app, "]");
    assert_eq!(top_text(&app), "On patience and compost");
    assert_eq!(section_title(&app), "On patience and compost");
    keys(&mut app, "jjj[");
    assert_eq!(top_text(&app), "On patience and compost");
    keys(&mut app, "[");
    assert_eq!(top_text(&app), "What the Soil Remembers");
    keys(&mut app, "[");
    assert_eq!(top_line(&app), 0);
}

#[test]
fn the_last_section_says_so() {
    let mut app = gardener(120, 40);
    keys(&mut app, &"]".repeat(20));
    assert_eq!(section_title(&app), "A Last Letter, for Now");
    assert!(app.message.as_deref().unwrap().contains("last section"));
}

/// The slow reader's last section is shorter than a page: the end of the essay shows its
/// heading a little below the top, and the status line already names it.
#[test]
fn the_last_section_says_so_from_the_end_of_the_essay() {
    let mut app = essay("the-slow-reader.md").size(120, 40).build();
    keys(&mut app, "G");
    let last = app.doc.essay.sections.len() - 1;
    assert_eq!(
        app.view.current_section(),
        last,
        "the end is in the last section"
    );
    keys(&mut app, "]");
    assert_eq!(
        top_text(&app),
        "What Remains",
        "the heading comes to the top"
    );
    assert_eq!(app.message.as_deref(), Some("This is the last section."));
    keys(&mut app, "k]");
    assert_eq!(app.message.as_deref(), Some("This is the last section."));
}

#[test]
fn scrolling_stays_within_the_essay() {
    let mut app = gardener(120, 40);
    keys(&mut app, "kkkkk");
    assert_eq!(top_line(&app), 0);
    keys(&mut app, "<space>");
    assert_eq!(top_line(&app), app.view.height - 1);
    keys(&mut app, "<c-u>");
    assert_eq!(top_line(&app), app.view.height - 1 - app.view.height / 2);
    keys(&mut app, "G");
    assert_eq!(app.view.top, app.view.max_top());
    assert_eq!(app.percent(), 100);
    keys(&mut app, &"j".repeat(10));
    assert_eq!(app.view.top, app.view.max_top());
    keys(&mut app, "g");
    assert_eq!(top_line(&app), 0);
}

#[test]
fn the_focus_moves_by_paragraph_and_follows_scrolling() {
    let mut app = gardener(120, 40);
    let first = app.view.focus;
    keys(&mut app, "}");
    assert!(app.view.focus > first);
    keys(&mut app, "{");
    assert_eq!(app.view.focus, first);
    keys(&mut app, "<pgdn><pgdn><pgdn>");
    assert!(app.view.shows(app.view.focus), "focus is on screen");
    assert!(app.doc.is_passage(app.view.focus));
}

#[test]
fn stepping_the_focus_off_screen_scrolls_to_it() {
    let mut app = gardener(80, 12);
    keys(&mut app, &"}".repeat(8));
    let start = app.view.block_start(app.view.focus);
    assert!(start >= app.view.top && start < app.view.bottom());
}

#[test]
fn search_as_you_type_then_keep_step_and_wrap() {
    let mut app = gardener(120, 40);
    keys(&mut app, "/compost");
    let n = app.search.matches.len();
    assert!(n >= 2, "{n} matches");
    assert_eq!(app.search.current, Some(0));
    keys(&mut app, "<ret>");
    assert!(app.search.prompt.is_none() && app.search.active());
    keys(&mut app, &"n".repeat(n - 1));
    assert_eq!(app.search.current, Some(n - 1));
    keys(&mut app, "n");
    assert_eq!(app.search.current, Some(0));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("wrapped to the top")
    );
    keys(&mut app, "N");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("wrapped to the bottom")
    );
    // The match is on screen.
    let m = app.search.matches[n - 1];
    let pos = app.view.layout.pos_of(m.block, m.start);
    assert!(pos >= app.view.top && pos < app.view.bottom());
    keys(&mut app, "<esc>");
    assert!(!app.search.active());
}

#[test]
fn escape_in_the_prompt_goes_back_to_where_the_search_began() {
    let mut app = gardener(120, 40);
    keys(&mut app, "jjjjjjj/last letter");
    assert_ne!(top_line(&app), 7);
    keys(&mut app, "<esc>");
    assert_eq!(top_line(&app), 7);
    assert!(app.search.prompt.is_none() && !app.search.active());
}

#[test]
fn smart_case_regex_toggle_and_bad_patterns() {
    let mut app = gardener(120, 40);
    keys(&mut app, "/th.n");
    let literal = app.search.matches.len();
    keys(&mut app, "<c-r>");
    assert!(app.search.matches.len() > literal);
    keys(&mut app, "(");
    assert!(app.search.error.is_some());
    keys(&mut app, "<ret>");
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
    keys(&mut app, &"j".repeat(30));
    let anchor = app.view.top_anchor();
    let before = app.doc.plain()[anchor.block][anchor.offset..]
        .chars()
        .take(20)
        .collect::<String>();
    resize(&mut app, 60, 20);
    let after = app.view.top_anchor();
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
    keys(&mut app, "]");
    let top = top_text(&app);
    for (w, h) in [(1, 1), (12, 4), (0, 0), (19, 5), (120, 40)] {
        resize(&mut app, w, h);
    }
    assert!(!app.areas.too_small);
    assert_eq!(top_text(&app), top);
}

#[test]
fn the_outline_docks_when_wide_and_floats_when_narrow() {
    let mut app = gardener(120, 40);
    assert!(app.areas.sidebar.is_some() && !app.areas.overlay);
    keys(&mut app, "t");
    assert!(app.areas.sidebar.is_none());
    keys(&mut app, "t");
    assert!(app.areas.sidebar.is_some());
    let mut narrow = gardener(80, 24);
    assert!(narrow.areas.sidebar.is_none());
    keys(&mut narrow, "t");
    assert!(narrow.areas.overlay && narrow.areas.sidebar.is_some());
    assert_eq!(narrow.focus, Pane::Sidebar);
    keys(&mut narrow, "<esc>");
    assert!(narrow.areas.sidebar.is_none());
    assert_eq!(narrow.focus, Pane::Text);
}

#[test]
fn the_outline_selects_and_jumps() {
    let mut app = gardener(120, 40);
    keys(&mut app, "<s-tab>");
    assert_eq!(app.focus, Pane::Sidebar);
    keys(&mut app, "jjj<ret>");
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
        keys(&mut app, "<tab>");
        seen.push(app.focus);
    }
    assert_eq!(seen, vec![Pane::Notes, Pane::Sidebar, Pane::Text]);
}

#[test]
fn folding_a_branch_hides_its_subsections() {
    let text = "# T\n\nIntro.\n\n## A\n\nx\n\n### A1\n\ny\n\n### A2\n\nz\n\n## B\n\nw\n";
    let mut app = reader(text).size(120, 40).build();
    assert_eq!(app.sidebar.entries.len(), 5);
    keys(&mut app, "<s-tab>jh");
    assert_eq!(app.sidebar.entries.len(), 3);
    keys(&mut app, "l");
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
    let heading = app.view.section_start(2);
    assert_eq!(app.view.top, app.view.forward(heading, 3));
}

#[test]
fn quitting_closes_and_the_mouse_can_be_released() {
    let mut app = gardener(120, 40);
    assert_eq!(keys(&mut app, "M"), vec![Effect::SetMouseCapture(false)]);
    assert!(!app.mouse);
    // The position is kept by the runner as it closes the reader, whatever the effects.
    assert_eq!(keys(&mut app, "q"), vec![]);
    assert!(app.quit);
}

#[test]
fn a_moved_position_is_saved_once_the_reader_pauses() {
    let mut app = gardener(120, 40);
    let t0 = std::time::Instant::now();
    let at = |ms: u64| Action::Tick(t0 + std::time::Duration::from_millis(ms));
    assert!(update(&mut app, at(0)).is_empty(), "nothing moved yet");
    assert!(keys(&mut app, "j").is_empty());
    assert!(update(&mut app, at(300)).is_empty(), "still reading");
    update(&mut app, at(400));
    assert!(keys(&mut app, "j").is_empty());
    assert!(
        update(&mut app, at(1000)).is_empty(),
        "the second move restarted the wait"
    );
    let saved = update(&mut app, at(1100));
    assert_eq!(saved, vec![Effect::SavePosition(Box::new(app.position()))]);
    assert!(update(&mut app, at(5000)).is_empty(), "saved once");
}

#[test]
fn moving_marks_sections_read() {
    let mut app = gardener(120, 40);
    assert!(keys(&mut app, "j").is_empty());
    assert!(keys(&mut app, "?").is_empty());
    keys(&mut app, "?");
    keys(&mut app, &"j".repeat(100));
    assert!(app.read[1], "the first section was scrolled through");
    let mut jumper = gardener(80, 12);
    keys(&mut jumper, "]]]");
    assert!(!jumper.read[1], "jumping past a section is not reading it");
}

#[test]
fn the_position_survives_a_new_width() {
    let mut app = gardener(120, 40);
    keys(&mut app, &format!("{}}}", "j".repeat(45)));
    let position = app.position();
    let focus = app.view.focus;
    let mut again = gardener(70, 30);
    let opened = Opened {
        position: Ok(Some(position)),
        ..Opened::default()
    };
    update(&mut again, Action::Opened(Box::new(opened)));
    assert_eq!(again.view.top_anchor().block, app.view.top_anchor().block);
    assert_eq!(again.view.focus, focus);
    assert!(
        again
            .message
            .as_deref()
            .unwrap()
            .starts_with("Back where you left off")
    );
}

#[test]
fn the_furthest_point_read_is_kept_after_going_back_and_comes_back_with_the_position() {
    let mut app = gardener(120, 40);
    keys(&mut app, &"<c-d>".repeat(12));
    let far = app.position().percent;
    keys(&mut app, "g");
    let position = app.position();
    assert!(position.percent < far, "back near the start");
    assert_eq!(position.furthest, far);
    // Reopened: the furthest point comes back, and a later save keeps it.
    let mut again = gardener(80, 30);
    let opened = Opened {
        position: Ok(Some(position)),
        ..Opened::default()
    };
    update(&mut again, Action::Opened(Box::new(opened)));
    keys(&mut again, "j");
    assert_eq!(again.position().furthest, far);
    // Going to the end is reaching it.
    keys(&mut again, "Gg");
    assert_eq!(again.position().furthest, 100);
}

#[test]
fn text_pasted_into_the_search_prompt_is_sanitised() {
    let mut app = gardener(120, 40);
    keys(&mut app, "/");
    update(&mut app, Action::Paste("soil\x1b[31m\x07".into()));
    let prompt = app.search.prompt.as_ref().expect("the prompt is open");
    assert!(
        !prompt.line.text.chars().any(|c| c.is_control()),
        "{:?}",
        prompt.line.text
    );
    assert!(prompt.line.text.starts_with("soil"));
}

#[test]
fn the_key_notation_reads_as_typed() {
    let k = |code, modifiers| KeyEvent::new(code, modifiers);
    assert_eq!(
        parse("]G<ret><c-d><lt>x<s-tab> <space>"),
        vec![
            k(KeyCode::Char(']'), KeyModifiers::NONE),
            k(KeyCode::Char('G'), KeyModifiers::SHIFT),
            k(KeyCode::Enter, KeyModifiers::NONE),
            k(KeyCode::Char('d'), KeyModifiers::CONTROL),
            k(KeyCode::Char('<'), KeyModifiers::NONE),
            k(KeyCode::Char('x'), KeyModifiers::NONE),
            k(KeyCode::BackTab, KeyModifiers::SHIFT),
            k(KeyCode::Char(' '), KeyModifiers::NONE),
            k(KeyCode::Char(' '), KeyModifiers::NONE),
        ]
    );
    // A `<` that opens no name is the character itself.
    assert_eq!(
        parse("a<"),
        vec![
            k(KeyCode::Char('a'), KeyModifiers::NONE),
            k(KeyCode::Char('<'), KeyModifiers::NONE)
        ]
    );
}

#[test]
#[should_panic(expected = "unknown key <rte>")]
fn a_misspelt_key_name_fails_the_test() {
    parse("<rte>");
}

#[test]
fn a_search_that_lands_on_a_heading_focuses_that_section() {
    for height in [40, 12] {
        let mut app = essay("the-slow-reader.md").size(120, height).build();
        keys(&mut app, "/Pencil in the Margin<ret>");
        let section = &app.doc.essay.sections[app.view.current_section()];
        assert_eq!(
            section.title, "The Pencil in the Margin",
            "at height {height}"
        );
        assert!(app.view.shows(app.view.focus), "the focus is on screen");
        assert_eq!(
            app.doc.essay.section_of_block(app.view.focus),
            Some(app.view.current_section()),
            "the focused passage is in the section named"
        );
    }
}

#[test]
fn saving_a_note_gives_the_keys_back_to_the_text() {
    let mut app = gardener(140, 40);
    keys(&mut app, "}}aA thought<esc>");
    assert_eq!(app.focus, Pane::Text, "j scrolls the text again");
    keys(&mut app, "aAnother<c-c>y");
    assert_eq!(app.focus, Pane::Text, "after throwing a note away too");
    // A note changed from the notes pane gives the keys back to the notes pane.
    keys(&mut app, "<tab>");
    assert_eq!(app.focus, Pane::Notes);
    keys(&mut app, "e more<esc>");
    assert_eq!(app.focus, Pane::Notes);
}

#[test]
fn the_help_scrolls_to_its_last_line_and_q_closes_it() {
    let mut app = gardener(100, 24);
    keys(&mut app, "?G");
    let screen = support::screen::screen(&app);
    let last = margin::app::help::help_lines()
        .last()
        .map(|(keys, _)| keys.clone())
        .unwrap();
    let rows: Vec<&str> = screen.lines().collect();
    let bottom = rows
        .iter()
        .rposition(|r| r.contains('└'))
        .expect("the help's frame");
    assert!(
        rows[bottom - 1].contains(&last),
        "the last line sits at the bottom:\n{screen}"
    );
    let end = app.help_scroll;
    keys(&mut app, "j<space><c-d>");
    assert_eq!(app.help_scroll, end, "nothing below the last line");
    keys(&mut app, "k");
    assert_eq!(app.help_scroll, end - 1, "one line back up at once");
    keys(&mut app, "g");
    assert_eq!(app.help_scroll, 0);
    keys(&mut app, "<space>");
    assert!(app.help_scroll > 1, "a page down");
    keys(&mut app, "q");
    assert!(!app.help, "q closes the help");
    assert!(!app.quit, "and does not close the essay");
}

#[test]
fn the_measure_changes_while_reading_and_the_place_is_kept() {
    let mut app = gardener(160, 40);
    keys(&mut app, &"j".repeat(30));
    let before = app.view.top_anchor();
    let measure = app.view.measure();
    keys(&mut app, ">");
    assert_eq!(app.view.measure(), measure + 4);
    assert_eq!(
        app.view.top_anchor().block,
        before.block,
        "the place is kept"
    );
    keys(&mut app, &"<".repeat(20));
    assert_eq!(app.view.measure(), 40, "no narrower than 40 columns");
    assert_eq!(app.message.as_deref(), Some("Measure 40 columns."));
    assert_eq!(app.view.top_anchor().block, before.block);
    keys(&mut app, &">".repeat(60));
    assert!(
        usize::from(app.areas.body.width) <= 160,
        "no wider than the window"
    );
    keys(&mut app, "J");
    assert!(app.view.justify);
    keys(&mut app, "J");
    assert!(!app.view.justify);
}

#[test]
fn justified_text_is_hyphenated_and_the_place_is_kept() {
    let mut app = gardener(100, 30);
    keys(&mut app, &"j".repeat(40));
    let before = app.view.top_anchor();
    let ends_in_hyphen = |app: &App| {
        (0..app.view.layout.unit_count()).any(|u| {
            app.view
                .layout
                .unit(u)
                .iter()
                .any(|l| l.runs.last().is_some_and(|r| r.role == Role::Hyphen))
        })
    };
    assert!(!ends_in_hyphen(&app), "ragged text is not hyphenated");
    keys(&mut app, "J");
    assert_eq!(app.view.layout.hyphens, Hyphens::for_language(None));
    assert_ne!(app.view.layout.hyphens, Hyphens::Off);
    assert!(ends_in_hyphen(&app), "justified text is");
    assert_eq!(
        app.view.top_anchor().block,
        before.block,
        "the place is kept"
    );
    keys(&mut app, "J");
    assert_eq!(app.view.layout.hyphens, Hyphens::Off);
    assert_eq!(app.view.top_anchor().block, before.block);
}

#[test]
fn t_cycles_the_themes_in_place() {
    use margin::config::ThemeName;
    let mut app = gardener(100, 30);
    keys(&mut app, &"j".repeat(25));
    let top = app.view.top;
    let mut seen = Vec::new();
    for _ in 0..3 {
        let effects = update(&mut app, Action::CycleTheme);
        assert_eq!(effects, vec![Effect::SetTheme(app.options.theme)]);
        seen.push(app.options.theme);
        assert_eq!(app.view.top, top, "the place is kept");
    }
    assert_eq!(
        seen,
        vec![ThemeName::Light, ThemeName::Terminal, ThemeName::Dark]
    );
    assert_eq!(app.message.as_deref(), Some("Theme: dark."));
    // Under NO_COLOR there is nothing to switch.
    app.options.no_color = true;
    assert!(update(&mut app, Action::CycleTheme).is_empty());
    assert_eq!(app.options.theme, ThemeName::Dark);
    assert!(app.message.as_deref().unwrap().contains("NO_COLOR"));
}

#[test]
fn n_and_n_go_on_from_the_screen_as_in_less() {
    let mut text = String::from("# Title\n\n");
    for i in 0..120 {
        let word = if [10, 50, 90].contains(&i) {
            " marker"
        } else {
            ""
        };
        text.push_str(&format!(
            "Paragraph {i} of the essay{word}, with words.\n\n"
        ));
    }
    let mut app = reader(&text).size(100, 20).build();
    keys(&mut app, "/marker<ret>");
    assert_eq!(app.search.current, Some(0));
    keys(&mut app, "G");
    keys(&mut app, "n");
    assert_eq!(
        app.search.current,
        Some(0),
        "from the end, n wraps to the first"
    );
    assert_eq!(app.message.as_deref(), Some("Search wrapped to the top."));
    keys(&mut app, "g");
    keys(&mut app, "N");
    assert_eq!(
        app.search.current,
        Some(2),
        "from the start, N wraps to the last"
    );
    assert_eq!(
        app.message.as_deref(),
        Some("Search wrapped to the bottom.")
    );
    // Scrolled away from the match, n finds the next one below the screen's top.
    keys(&mut app, "g");
    keys(&mut app, &"j".repeat(70));
    keys(&mut app, "n");
    assert_eq!(app.search.current, Some(1));
    assert_eq!(app.message, None, "no wrap to say");
}

#[test]
fn the_search_prompt_edits_like_a_shell_line_and_remembers() {
    let mut app = gardener(120, 40);
    keys(&mut app, "/soil<ret>");
    keys(&mut app, "/compost heap<c-w>");
    assert_eq!(app.search.prompt.as_ref().unwrap().line.text, "compost ");
    keys(&mut app, "<left><left><left>x");
    assert_eq!(app.search.prompt.as_ref().unwrap().line.text, "compoxst ");
    keys(&mut app, "<c-u>");
    assert_eq!(app.search.prompt.as_ref().unwrap().line.text, "st ");
    keys(&mut app, "<home>ju<end>");
    let line = &app.search.prompt.as_ref().unwrap().line;
    assert_eq!((line.text.as_str(), line.split().1), ("just ", ""));
    assert_eq!(app.search.query, "just ", "the search follows the edits");
    // Up shows the searches kept, newest first; Down comes back.
    keys(&mut app, "<esc>/");
    keys(&mut app, "<up>");
    assert_eq!(app.search.prompt.as_ref().unwrap().line.text, "soil");
    assert!(!app.search.matches.is_empty(), "and runs it");
    keys(&mut app, "<down>");
    assert_eq!(app.search.prompt.as_ref().unwrap().line.text, "");
}
