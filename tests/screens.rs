//! Whole screens drawn into ratatui's TestBackend and compared with reviewed snapshots
//! (`tests/snapshots/`), at several sizes: wide with the outline docked, narrow with it
//! floating, small, too small, with the help and a search open, with notes, a question on
//! the status line, a long essay's preview, the light theme; and the library screen.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use margin::app::keymap::library_action_for;
use margin::app::library::{self, Library};
use margin::app::{Action, App, update};
use margin::library::cache::About;
use margin::library::{Entry, ReadingState};
use margin::ui::library::render_library;
use margin::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use support::keys::keys;
use support::reader::focus_on;
use support::screen::{draw, draw_at, screen, shown_rows, text};
use unicode_width::UnicodeWidthStr;

fn app(name: &str, width: u16, height: u16) -> App {
    support::reader::essay(name).size(width, height).build()
}

#[test]
fn wide_markdown_with_the_outline() {
    let mut a = app("the-slow-reader.md", 120, 30);
    insta::assert_snapshot!("wide_start", screen(&a));
    keys(&mut a, "]]]");
    insta::assert_snapshot!("wide_third_section", screen(&a));
}

#[test]
fn narrow_plain_text_with_the_outline_floating() {
    let mut a = app("letters-to-a-young-gardener.txt", 80, 24);
    insta::assert_snapshot!("narrow_start", screen(&a));
    keys(&mut a, "t");
    insta::assert_snapshot!("narrow_outline", screen(&a));
}

#[test]
fn hard_wrapped_text_at_a_small_size() {
    let a = app("the-cartographers-year.txt", 44, 14);
    insta::assert_snapshot!("small", screen(&a));
}

#[test]
fn too_small_shows_a_message() {
    let a = app("notes-on-attention.md", 12, 4);
    insta::assert_snapshot!("too_small", screen(&a));
}

#[test]
fn help_overlay() {
    let mut a = app("notes-on-attention.md", 100, 40);
    keys(&mut a, "?");
    insta::assert_snapshot!("help", screen(&a));
}

#[test]
fn search_prompt_and_highlights() {
    let mut a = app("notes-on-attention.md", 100, 30);
    keys(&mut a, "/attention");
    insta::assert_snapshot!("search_prompt", screen(&a));
    keys(&mut a, "<ret>");
    let shown = screen(&a);
    assert!(shown.contains("match 1 of"), "{shown}");
    // The current match is drawn in the current-match colours, other matches differently.
    let buf = draw(&a, &Theme::dark());
    let current = Theme::dark().current_match.bg.unwrap();
    let highlighted = buf.content().iter().filter(|c| c.bg == current).count();
    assert_eq!(highlighted, "attention".len());
    let other = Theme::dark().matched.bg.unwrap();
    assert!(
        buf.content()
            .iter()
            .any(|c| c.bg == other && c.bg != Color::Reset)
    );
}

#[test]
fn every_size_draws_without_panicking() {
    let mut a = app("the-slow-reader.md", 120, 40);
    keys(&mut a, "?");
    for w in (0..130).step_by(7) {
        for h in (0..45).step_by(4) {
            update(
                &mut a,
                Action::Resize {
                    width: w,
                    height: h,
                },
            );
            draw(&a, &Theme::dark());
        }
    }
}

#[test]
fn no_color_keeps_structure_without_colour() {
    let a = app("notes-on-attention.md", 100, 30);
    let buf = draw(&a, &Theme::plain());
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    assert!(
        buf.content().iter().any(|c| !c.modifier.is_empty()),
        "bold and reverse remain"
    );
}

/// The terminal can shrink between the resize event the reader last handled and the next
/// frame (the frame takes the terminal's size at drawing time, and the resize event waits
/// while keys keep arriving). Found by tests/monkey.rs: the panes, laid out for the larger
/// size, were drawn outside the buffer and panicked. They are now drawn cut to the frame.
#[test]
fn a_frame_smaller_than_the_layout_is_drawn_cut_and_does_not_panic() {
    let mut a = app("the-slow-reader.md", 100, 30);
    keys(&mut a, "m");
    let whole = screen(&a);
    for (w, h) in [(56, 18), (99, 30), (100, 29), (1, 1)] {
        let buf = draw_at(&a, w, h, &Theme::dark());
        // The top-left of the whole screen, as far as it fits.
        for (y, line) in whole.lines().take(usize::from(h)).enumerate() {
            let row: String = (0..w).map(|x| buf[(x, y as u16)].symbol()).collect();
            let want: String = line.chars().take(usize::from(w)).collect();
            assert_eq!(row.trim_end(), want.trim_end(), "{w}x{h}, row {y}");
        }
    }
    keys(&mut a, "?");
    draw_at(&a, 56, 18, &Theme::dark());
    // Larger than the layout is fine too: drawn as laid out, until the resize arrives.
    draw_at(&a, 140, 40, &Theme::dark());
}

/// Found by the monkey (tests/monkey.rs): on a screen five rows high the notes search's
/// line left no room for the list, and counting the rows left underflowed.
#[test]
fn a_notes_search_in_a_pane_with_no_room_left_draws() {
    let mut a = support::reader::essay("the-slow-reader.md")
        .size(20, 5)
        .note("", "A note.")
        .build();
    keys(&mut a, "m/");
    assert!(a.notes.filtering, "the notes search is open");
    let shown = text(&draw(&a, &Theme::dark()));
    assert!(shown.contains("/▏"), "{shown}");
}

/// Found by the monkey: a frame cut to a terminal narrower than its layout could keep a
/// wide character in the last column, half of it past the screen's edge.
#[test]
fn a_wide_character_cut_by_a_smaller_frame_is_left_out() {
    let a = support::reader::reader(&format!("# 中文\n\n{}\n", "中文字".repeat(60)))
        .size(100, 30)
        .build();
    for w in 20..100 {
        let buf = draw_at(&a, w, 30, &Theme::dark());
        for (y, row) in shown_rows(&buf).iter().enumerate() {
            assert!(
                row.width() <= usize::from(w),
                "{w} columns, row {y} is {} wide: {row:?}",
                row.width()
            );
        }
    }
}

/// The notes pane beside the text, with notes in this section and a later one: the quote,
/// the note, its date and tags, the mark in the text; then every note, by section.
#[test]
fn the_notes_pane_with_notes() {
    let mut a = support::reader::essay("the-slow-reader.md")
        .size(140, 30)
        .note(
            "For most of my adult life",
            "Reading as eating standing up. #habit",
        )
        .note(
            "one winter, I slipped",
            "The broken wrist as the turning point.",
        )
        .note(
            "The tally was the first thing",
            "Later: what the tally measured. #habit",
        )
        .build();
    assert!(
        a.areas.notes.is_some(),
        "the notes pane docks at 140 columns"
    );
    insta::assert_snapshot!("notes_pane", screen(&a));
    keys(&mut a, "<tab>v");
    assert_eq!(a.focus, margin::app::Pane::Notes);
    insta::assert_snapshot!("notes_pane_all", screen(&a));
}

/// Every state a note can be in, and a highlight, in the notes pane at 80, 120 and 200
/// columns: notes made on the essay as it was, then the essay edited (a paragraph inserted
/// above, a word changed inside a noted sentence, a noted paragraph deleted). Each state is
/// said in words at every width, and the highlight is marked as one.
#[test]
fn the_notes_pane_shows_every_state_and_a_highlight_at_every_width() {
    use support::reader::passage_note;
    let path = format!("{}/essays/the-slow-reader.md", env!("CARGO_MANIFEST_DIR"));
    let original = std::fs::read_to_string(path).unwrap();
    let stored = vec![
        passage_note(&original, "I finished things.", "", "highlight"),
        passage_note(
            &original,
            "It was maddening for about four days.",
            "Four days: the whole of it.",
            "edited",
        ),
        passage_note(
            &original,
            "The tally was the first thing to go",
            "Gone in the new version.",
            "lost",
        ),
    ];
    let edited = original
        .replace(
            "For most of my adult life",
            "A paragraph inserted above.\n\nFor most of my adult life",
        )
        .replace("It was maddening", "It was infuriating")
        .replace(
            "The tally was the first thing to go, though it did not go gracefully.",
            "",
        );
    assert_ne!(edited, original);
    for width in [80u16, 120, 200] {
        let mut a = support::reader::reader(&edited)
            .size(width, 30)
            .note(
                "For most of my adult life",
                "In place, on the whole paragraph.",
            )
            .stored(stored.clone())
            .build();
        if a.areas.notes.is_none() {
            keys(&mut a, "m");
        }
        a.notes.view_all = true;
        let shown = screen(&a);
        for said in ["edited", "passage not found", "highlight"] {
            assert!(
                shown.contains(said),
                "{width} columns: no {said:?} in\n{shown}"
            );
        }
        insta::assert_snapshot!(format!("notes_states_{width}"), shown);
    }
}

/// The note editor wraps a hyphenated word after its hyphen or keeps it whole, never with
/// the hyphen at the start of a row: here `well` would end exactly at the editor's edge.
#[test]
fn the_note_editor_never_starts_a_row_with_a_hyphen() {
    let mut a = app("the-slow-reader.md", 140, 30);
    keys(&mut a, "a");
    let pane = a
        .areas
        .notes_inner()
        .expect("the notes pane docks at 140 columns");
    let width = usize::from(pane.width);
    let typed = format!("{} well-known words", "x".repeat(width - 5));
    keys(&mut a, &typed);
    let buf = draw(&a, &Theme::dark());
    let rows: Vec<String> = (pane.y..pane.y + pane.height)
        .map(|y| {
            (pane.x..pane.x + pane.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect();
    let shown = rows.join("\n");
    assert!(
        shown.contains("well-known") || shown.contains("well-\n"),
        "{shown}"
    );
    assert!(
        rows.iter().all(|r| !r.starts_with("-known")),
        "a row starts with the hyphen:\n{shown}"
    );
}

/// Deleting a note asks first, on the status line.
#[test]
fn the_confirm_prompt_for_deleting_a_note() {
    let mut a = support::reader::essay("the-slow-reader.md")
        .size(140, 30)
        .note("For most of my adult life", "To be deleted.")
        .build();
    keys(&mut a, "<tab>d");
    assert_eq!(a.mode(), margin::app::keymap::Mode::Confirm);
    let shown = screen(&a);
    assert!(
        shown.lines().last().is_some_and(|l| l.contains("y/n")),
        "the question is on the status line:\n{shown}"
    );
    insta::assert_snapshot!("confirm_delete_note", shown);
}

/// A long essay opens on its start with the rest still being read: no percentage yet, and
/// at its end, the gap where the middle will be.
#[test]
fn the_preview_of_a_long_essay() {
    let text = margin::sample::essay(60_000, margin::Format::Markdown, 5);
    let mut a = support::reader::reader(&text)
        .size(100, 30)
        .preview()
        .build();
    assert!(a.doc.partial);
    let start = screen(&a);
    assert!(start.contains("reading the rest…"), "{start}");
    insta::assert_snapshot!("preview_start", start);
    // The end is there at once; half a page at a time back up to the gap.
    keys(&mut a, "G");
    let mut end = screen(&a);
    let mut steps = 0;
    while !end.contains("still being read") {
        keys(&mut a, "<c-u>");
        end = screen(&a);
        steps += 1;
        assert!(steps < 500, "no gap above the end:\n{end}");
    }
    insta::assert_snapshot!("preview_end", end);
}

/// The light theme's colours as drawn, cell by cell (the snapshot is the buffer with its
/// styles), with a search kept so that both match colours show.
#[test]
fn the_light_theme() {
    let mut a = app("notes-on-attention.md", 100, 24);
    keys(&mut a, "/attention<ret>");
    let light = Theme::light();
    let buf = draw(&a, &light);
    let status = buf.area.height - 1;
    assert_eq!(buf[(0, status)].bg, light.status.bg.unwrap());
    assert!(
        buf.content()
            .iter()
            .any(|c| c.bg == light.current_match.bg.unwrap())
    );
    assert!(
        buf.content()
            .iter()
            .any(|c| c.bg == light.matched.bg.unwrap())
    );
    assert_ne!(
        light.status.bg,
        Theme::dark().status.bg,
        "a light status line, not the dark theme's"
    );
    insta::assert_debug_snapshot!("light_theme", buf);
}

/// On a dark terminal the light theme must not leave a cell to the terminal's background or
/// ink: every cell it draws has its own, in every state of the screen (overlays too).
#[test]
fn the_light_theme_sets_its_own_paper_on_every_cell() {
    let light = Theme::light();
    let unset = |buf: &Buffer| {
        buf.content()
            .iter()
            .filter(|c| c.bg == Color::Reset || c.fg == Color::Reset)
            .count()
    };
    let mut a = app("notes-on-attention.md", 80, 24);
    for (state, keys_for_it) in [
        ("reading", ""),
        ("outline over the text", "t"),
        ("help", "t?"),
        ("searching", "?/atten"),
    ] {
        keys(&mut a, keys_for_it);
        let buf = draw(&a, &light);
        assert_eq!(unset(&buf), 0, "{state}: cells left to the terminal");
    }
    let mut wide = app("the-slow-reader.md", 140, 30);
    assert_eq!(unset(&draw(&wide, &light)), 0, "outline and notes docked");
    keys(&mut wide, "}aA note");
    let writing = draw(&wide, &light);
    assert!(text(&writing).contains("A note"), "{}", text(&writing));
    assert_eq!(unset(&writing), 0, "writing a note");
    let tiny = app("notes-on-attention.md", 12, 4);
    assert_eq!(unset(&draw(&tiny, &light)), 0, "too small");
    // The other themes keep the terminal's background.
    assert!(
        draw(&a, &Theme::dark())
            .content()
            .iter()
            .any(|c| c.bg == Color::Reset)
    );
}

/// `T` switches the theme while reading: the text stays where it was.
#[test]
fn the_theme_switches_in_place() {
    let mut a = app("the-slow-reader.md", 100, 30);
    keys(&mut a, "]]jjj");
    let before = screen(&a);
    keys(&mut a, "T");
    assert_eq!(a.options.theme, margin::config::ThemeName::Light);
    let after = screen(&a);
    let body = |s: &str| s.lines().take(28).collect::<Vec<_>>().join("\n");
    assert_eq!(
        body(&after),
        body(&before),
        "the same text, in the same place"
    );
    assert!(after.contains("Theme: light."), "{after}");
}

// The library screen: essays read and unread, one that cannot be read, one still being
// read, the outline of the selected essay beside the list on a wide terminal, and the
// filter being typed.

const DAY: u64 = 86_400;

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is past 1970")
        .as_secs()
}

/// An essay in the library; `opened` is how long ago, in seconds (an hour past the whole
/// days, so that the "opened" column reads the same however long the test takes).
fn entry(name: &str, title: &str, words: usize, read: Option<(u8, u64)>, notes: usize) -> Entry {
    Entry {
        path: PathBuf::from(format!("/library/{name}")),
        about: Some(About {
            title: title.into(),
            byline: String::new(),
            words,
            outline: vec![
                (1, title.into()),
                (2, "An Opening".into()),
                (2, "The Middle Way".into()),
                (3, "A Digression".into()),
                (2, "Coda".into()),
            ],
            error: None,
            site: None,
        }),
        state: ReadingState {
            percent: read.map(|(p, _)| p),
            furthest: read.map(|(p, _)| p),
            opened: read.map(|(_, ago)| now() - ago - 3600),
            notes,
            notes_unreadable: false,
        },
    }
}

fn library() -> Library {
    let mut broken = entry("scan.txt", "", 0, None, 0);
    broken.about = Some(About {
        title: String::new(),
        byline: String::new(),
        words: 0,
        outline: Vec::new(),
        error: Some("/library/scan.txt: looks like a PNG image".into()),
        site: None,
    });
    let mut pending = entry("new-arrival.md", "", 0, None, 0);
    pending.about = None;
    // Gone back to re-read: at 42%, having got to 85%.
    let mut slow = entry("slow.md", "The Slow Reader", 3120, Some((42, 2 * DAY)), 3);
    slow.state.furthest = Some(85);
    let entries = vec![
        slow,
        entry(
            "attention.md",
            "Notes on Attention",
            640,
            Some((100, 9 * DAY)),
            0,
        ),
        entry("gardener.txt", "Letters to a Young Gardener", 1480, None, 0),
        entry("cartographer.txt", "The Cartographer's Year", 1710, None, 1),
        broken,
        pending,
    ];
    Library::new(PathBuf::from("/library"), entries, None)
}

#[test]
fn a_copy_saved_from_the_web_shows_its_site_beside_its_title() {
    let mut saved = entry("walking.md", "Walking", 900, None, 0);
    if let Some(about) = saved.about.as_mut() {
        about.site = Some("essays.example.org".into());
    }
    let lib = Library::new(PathBuf::from("/library"), vec![saved], None);
    let shown = text(&draw_library(&lib, 100, 8));
    assert!(
        shown
            .lines()
            .any(|l| l.contains("Walking · essays.example.org")),
        "{shown}"
    );
}

fn draw_library(lib: &Library, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    render_library(lib, area, 238.0, &Theme::dark(), &mut buf);
    buf
}

#[test]
fn the_library_wide_with_the_selected_essays_outline() {
    let lib = library();
    let shown = text(&draw_library(&lib, 120, 14));
    assert!(shown.contains("reading 1 essay…"), "{shown}");
    assert!(
        shown.contains("42% ▸ 85%"),
        "where the reader is, and the furthest: {shown}"
    );
    assert!(shown.contains(" 100% "), "read to the end once: {shown}");
    insta::assert_snapshot!("library_wide", shown);
}

#[test]
fn the_library_narrow_while_filtering() {
    let mut lib = library();
    for c in "/the".chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = library_action_for(&key, lib.filtering) {
            library::update(&mut lib, action);
        }
    }
    assert!(lib.filtering);
    let shown = text(&draw_library(&lib, 80, 10));
    insta::assert_snapshot!("library_filtering", shown);
}

#[test]
fn the_library_in_the_light_theme_sets_its_own_paper() {
    let lib = library();
    let area = Rect::new(0, 0, 120, 14);
    let mut buf = Buffer::empty(area);
    render_library(&lib, area, 238.0, &Theme::light(), &mut buf);
    assert!(
        buf.content()
            .iter()
            .all(|c| c.bg != Color::Reset && c.fg != Color::Reset)
    );
}

#[test]
fn an_empty_library_says_how_to_add_essays() {
    let lib = Library::new(PathBuf::from("/library"), Vec::new(), None);
    let shown = text(&draw_library(&lib, 80, 12));
    assert!(shown.contains("No essays here yet."), "{shown}");
    insta::assert_snapshot!("library_empty", shown);
}

#[test]
fn the_library_shows_its_keys_over_the_list() {
    let mut lib = library();
    let key = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
    if let Some(action) = library_action_for(&key, lib.filtering) {
        library::update(&mut lib, action);
    }
    let shown = text(&draw_library(&lib, 100, 30));
    for needle in [
        "Library keys",
        "PgDn",
        "first essay",
        "last essay",
        "clear the title filter",
    ] {
        assert!(shown.contains(needle), "{needle} missing:\n{shown}");
    }
    // On a short screen, as many as fit, inside the screen.
    let shown = text(&draw_library(&lib, 40, 8));
    assert!(shown.contains("Library keys"), "{shown}");
}

/// The status line shows where the focused paragraph's link leads, made harmless for the
/// terminal; a paragraph without a link shows where the reader is.
#[test]
fn the_status_line_shows_the_focused_paragraph_s_link() {
    let mut app = support::reader::reader(
        "# Links\n\nRead [the guide](https://example.com/guide\u{202e}txt.exe) before you start.\n\n\
         A paragraph with no link at all, long enough to be a paragraph of its own.\n",
    )
    .size(100, 20)
    .build();
    let shown = screen(&app);
    let status = shown.lines().last().unwrap_or_default().to_string();
    assert!(status.contains("↗ https://example.com/guide"), "{shown}");
    // A right-to-left override in an address could disguise it; it is shown, not obeyed.
    assert!(!status.contains('\u{202e}'), "{status:?}");
    keys(&mut app, "}");
    let shown = screen(&app);
    let status = shown.lines().last().unwrap_or_default();
    assert!(!status.contains('↗'), "{shown}");
    assert!(status.contains("Links"), "{shown}");
}

#[test]
fn the_list_of_a_paragraph_s_links_at_80_and_120_columns() {
    let text = "# Links\n\nRead [the *first* guide](https://example.org/a/very/long/address/\
                that/goes/on/and/on?with=a&query=string), the [section below](#below), a \
                note[^n] and a [bad one](javascript:alert(1)).\n\n## Below\n\nMore.\n\n\
                [^n]: The note.\n";
    for width in [80, 120] {
        let mut a = support::reader::reader(text).size(width, 24).build();
        keys(&mut a, "oj");
        insta::assert_snapshot!(format!("links_list_{width}"), screen(&a));
    }
}

#[test]
fn a_footnote_read_in_place_at_80_and_120_columns() {
    for width in [80, 120] {
        let mut a = app("in-praise-of-footnotes.md", width, 24);
        keys(&mut a, "]");
        focus_on(&mut a, "too good to lose");
        keys(&mut a, "f");
        insta::assert_snapshot!(format!("footnote_{width}"), screen(&a));
    }
}

#[test]
fn opening_a_link_shows_its_whole_address_first() {
    let long = format!("https://example.org/{}", "long-path/".repeat(12));
    let mut a = support::reader::reader(&format!("A [link]({long}).\n"))
        .size(80, 20)
        .build();
    keys(&mut a, "o<ret>");
    let shown = screen(&a);
    let joined: String = shown
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
        .collect();
    assert!(
        joined.contains(&long),
        "the whole address is shown:\n{shown}"
    );
    insta::assert_snapshot!("open_link_question", shown);
}

/// A conflict copy (a note changed in two windows at once, the second text kept beside the
/// first) says so on its state line, where the reader looks for a note's state.
#[test]
fn a_conflict_copy_says_so_in_the_notes_pane() {
    let mut a = support::reader::essay("the-slow-reader.md")
        .size(140, 30)
        .note("For most of my adult life", "As one window wrote it.")
        .note("For most of my adult life", "As the other window wrote it.")
        .build();
    let mut notes = a.notes.all.clone();
    notes[1].version.conflict_of = Some(notes[0].id.clone());
    a.notes.sync(notes, &a.doc);
    let shown = screen(&a);
    let copy = shown
        .lines()
        .position(|l| l.contains("As the other window wrote it."))
        .expect("the copy is listed");
    let state = shown.lines().nth(copy + 1).unwrap_or("");
    assert!(state.contains("conflict copy"), "{shown}");
    let first = shown
        .lines()
        .position(|l| l.contains("As one window wrote it."))
        .expect("the note is listed");
    assert!(
        !shown
            .lines()
            .nth(first + 1)
            .unwrap_or("")
            .contains("conflict"),
        "{shown}"
    );
}

/// A note of ten megabytes is listed by its first lines, cut with an ellipsis, and the note
/// after it still shows below: the pane lays out what it shows, not the whole text.
#[test]
fn a_ten_megabyte_note_is_listed_by_its_first_lines() {
    let long = "Pasted again and again, at length. ".repeat(10_000_000 / 35);
    let a = support::reader::essay("the-slow-reader.md")
        .size(140, 30)
        .note("For most of my adult life", &format!("{long}#end"))
        .note("For most of my adult life", "A short one after it. #short")
        .build();
    let shown = screen(&a);
    assert!(shown.contains("Pasted again and again"), "{shown}");
    assert!(shown.contains('…'), "{shown}");
    assert!(shown.contains("A short one after it."), "{shown}");
    // Its tag, at the very end of the text, is still found.
    assert!(shown.contains("#end"), "{shown}");
}
