//! Whole screens drawn into ratatui's TestBackend and compared with reviewed snapshots
//! (`tests/snapshots/`), at several sizes: wide with the outline docked, narrow with it
//! floating, small, too small, and with the help and a search open.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

use margin::app::document::Document;
use margin::app::{Action, App, Options, update};
use margin::essay::{Essay, Format};
use margin::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn essay(name: &str) -> (String, Format) {
    let path = format!("{}/essays/{name}", env!("CARGO_MANIFEST_DIR"));
    let format = if name.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Text
    };
    (std::fs::read_to_string(path).unwrap(), format)
}

fn app(name: &str, width: u16, height: u16) -> App {
    let (text, format) = essay(name);
    let essay = Essay::parse(&text, format, "test");
    let mut app = App::new(Document::new(essay, "test".into()), Options::default());
    update(&mut app, Action::Resize { width, height });
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    terminal.draw(|f| ui::draw(f, app, &Theme::dark())).unwrap();
    terminal
}

/// The screen as text, one row a line, trailing blanks trimmed.
fn screen(app: &App) -> String {
    let terminal = draw(app);
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut row = String::new();
        for x in 0..buf.area.width {
            row.push_str(buf[(x, y)].symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn wide_markdown_with_the_outline() {
    let mut a = app("the-slow-reader.md", 120, 30);
    insta::assert_snapshot!("wide_start", screen(&a));
    update(&mut a, Action::NextSection);
    update(&mut a, Action::NextSection);
    update(&mut a, Action::NextSection);
    insta::assert_snapshot!("wide_third_section", screen(&a));
}

#[test]
fn narrow_plain_text_with_the_outline_floating() {
    let mut a = app("letters-to-a-young-gardener.txt", 80, 24);
    insta::assert_snapshot!("narrow_start", screen(&a));
    update(&mut a, Action::ToggleSidebar);
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
    update(&mut a, Action::ToggleHelp);
    insta::assert_snapshot!("help", screen(&a));
}

#[test]
fn search_prompt_and_highlights() {
    let mut a = app("notes-on-attention.md", 100, 30);
    update(&mut a, Action::StartSearch);
    for c in "attention".chars() {
        update(&mut a, Action::SearchInput(c));
    }
    insta::assert_snapshot!("search_prompt", screen(&a));
    update(&mut a, Action::SearchSubmit);
    let text = screen(&a);
    assert!(text.contains("match 1 of"), "{text}");
    // The current match is drawn in the current-match colours, other matches differently.
    let terminal = draw(&a);
    let buf = terminal.backend().buffer();
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
    update(&mut a, Action::ToggleHelp);
    for w in (0..130).step_by(7) {
        for h in (0..45).step_by(4) {
            update(
                &mut a,
                Action::Resize {
                    width: w,
                    height: h,
                },
            );
            let _ = draw(&a);
        }
    }
}

#[test]
fn no_color_keeps_structure_without_colour() {
    let a = app("notes-on-attention.md", 100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| ui::draw(f, &a, &Theme::plain())).unwrap();
    let buf = terminal.backend().buffer();
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
    update(&mut a, Action::ToggleNotes);
    let whole = screen(&a);
    for (w, h) in [(56, 18), (99, 30), (100, 29), (1, 1)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| ui::draw(f, &a, &Theme::dark())).unwrap();
        let buf = terminal.backend().buffer();
        // The top-left of the whole screen, as far as it fits.
        for (y, line) in whole.lines().take(usize::from(h)).enumerate() {
            let row: String = (0..w).map(|x| buf[(x, y as u16)].symbol()).collect();
            let want: String = line.chars().take(usize::from(w)).collect();
            assert_eq!(row.trim_end(), want.trim_end(), "{w}x{h}, row {y}");
        }
    }
    update(&mut a, Action::ToggleHelp);
    let mut terminal = Terminal::new(TestBackend::new(56, 18)).unwrap();
    terminal.draw(|f| ui::draw(f, &a, &Theme::dark())).unwrap();
    // Larger than the layout is fine too: drawn as laid out, until the resize arrives.
    let mut terminal = Terminal::new(TestBackend::new(140, 40)).unwrap();
    terminal.draw(|f| ui::draw(f, &a, &Theme::dark())).unwrap();
}
