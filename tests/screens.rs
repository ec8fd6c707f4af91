//! Whole screens drawn into ratatui's TestBackend and compared with reviewed snapshots
//! (`tests/snapshots/`), at several sizes: wide with the outline docked, narrow with it
//! floating, small, too small, and with the help and a search open.

mod support;

use margin::app::{Action, App, update};
use margin::ui::theme::Theme;
use ratatui::style::Color;
use support::keys::keys;
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
