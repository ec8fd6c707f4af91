//! Links and footnotes, typed as a reader types them: `o` lists the focused paragraph's
//! links, `Enter` or a digit follows one (a section, a footnote, or a question before a
//! browser), `f` reads footnotes in place, and `Ctrl-O`/`Ctrl-N` walk the jump list.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use margin::app::keymap::Mode;
use margin::app::notes::Confirm;
use margin::app::{App, Effect};
use margin::essay::links::Target;
use support::keys::keys;
use support::reader::{essay, focus_on, reader};

const ESSAY: &str = "in-praise-of-footnotes.md";

fn app() -> App {
    essay(ESSAY).size(120, 40).build()
}

fn section(app: &App) -> String {
    app.doc.essay.sections[app.view.current_section()]
        .title
        .clone()
}

#[test]
fn o_lists_the_focused_paragraph_s_links_and_esc_closes_the_list() {
    let mut a = app();
    keys(&mut a, "o");
    assert_eq!(a.mode(), Mode::Links);
    let list = a.links.as_ref().expect("a list");
    assert_eq!(list.links.len(), 1);
    assert_eq!(list.links[0].text, "why the cost is worth paying");
    assert_eq!(
        list.links[0].target,
        Target::Address("#why-the-cost-is-worth-paying".into())
    );
    keys(&mut a, "<esc>");
    assert!(a.links.is_none());
    assert_eq!(a.mode(), Mode::Pane(margin::app::Pane::Text));
}

#[test]
fn a_paragraph_without_links_says_so() {
    let mut a = app();
    focus_on(&mut a, "So the footnote is a bargain");
    keys(&mut a, "o");
    assert!(a.links.is_none());
    assert_eq!(a.message.as_deref(), Some("No link in this passage."));
    keys(&mut a, "f");
    assert!(a.footnote.is_none());
    assert_eq!(a.message.as_deref(), Some("No footnote in this passage."));
}

#[test]
fn an_internal_link_goes_to_its_section_and_ctrl_o_comes_back() {
    let mut a = app();
    let start = a.view.top;
    keys(&mut a, "o<ret>");
    assert!(a.links.is_none());
    assert_eq!(section(&a), "Why the Cost Is Worth Paying");
    assert!(a.doc.plain()[a.view.focus].starts_with("Because the alternative is worse."));
    let there = a.view.top;
    keys(&mut a, "<c-o>");
    assert_eq!(a.view.top, start);
    keys(&mut a, "<c-n>");
    assert_eq!(a.view.top, there);
    keys(&mut a, "<c-n>");
    assert_eq!(
        a.message.as_deref(),
        Some("No later place to go forward to.")
    );
}

#[test]
fn a_digit_follows_the_link_of_that_number_and_a_missing_one_says_so() {
    let mut a = app();
    keys(&mut a, "o9");
    assert_eq!(a.message.as_deref(), Some("There is no link 9."));
    assert!(a.links.is_some(), "the list stays open for another choice");
    keys(&mut a, "1");
    assert_eq!(section(&a), "Why the Cost Is Worth Paying");
}

#[test]
fn j_and_k_choose_in_the_list_and_stop_at_its_ends() {
    let mut a = app();
    focus_on(&mut a, "the cases where the suspicion");
    keys(&mut a, "o");
    assert_eq!(a.links.as_ref().unwrap().links.len(), 1);
    keys(&mut a, "jjj");
    assert_eq!(a.links.as_ref().unwrap().selected, 0);
    let mut a = reader("[one](#a), [two](#b) and [three](#c).\n").build();
    keys(&mut a, "ojj");
    assert_eq!(a.links.as_ref().unwrap().selected, 2);
    keys(&mut a, "j");
    assert_eq!(a.links.as_ref().unwrap().selected, 2);
    keys(&mut a, "k");
    assert_eq!(a.links.as_ref().unwrap().selected, 1);
    keys(&mut a, "<ret>");
    assert_eq!(a.message.as_deref(), Some("No section here is named #b."));
}

#[test]
fn f_reads_the_footnote_in_place_without_moving_the_text() {
    let mut a = app();
    keys(&mut a, "]");
    focus_on(&mut a, "two archives");
    let (top, focus) = (a.view.top, a.view.focus);
    keys(&mut a, "f");
    assert_eq!(a.mode(), Mode::Footnote);
    let popup = a.footnote.as_ref().expect("a footnote");
    assert_eq!(popup.notes.len(), 1);
    assert_eq!(popup.notes[0].0, "1");
    assert!(
        popup.notes[0]
            .1
            .as_deref()
            .unwrap()
            .starts_with("The same village can appear under three spellings")
    );
    keys(&mut a, "jk<esc>");
    assert!(a.footnote.is_none());
    assert_eq!((a.view.top, a.view.focus), (top, focus));
}

#[test]
fn a_long_footnote_scrolls_and_stops_at_its_last_line() {
    let mut a = essay(ESSAY).size(60, 14).build();
    focus_on(&mut a, "too good to lose");
    keys(&mut a, "f");
    let over = a.areas.text;
    let last = a.footnote.as_ref().unwrap().max_scroll(over);
    assert!(last > 0, "the aside is longer than a 14-row screen");
    keys(&mut a, &"j".repeat(last + 10));
    assert_eq!(a.footnote.as_ref().unwrap().scroll, last);
    keys(&mut a, "k");
    assert_eq!(a.footnote.as_ref().unwrap().scroll, last - 1);
}

#[test]
fn enter_on_a_footnote_in_the_list_shows_it_and_enter_again_goes_to_it() {
    let mut a = app();
    focus_on(&mut a, "two archives");
    let top = a.view.top;
    keys(&mut a, "o<ret>");
    assert_eq!(a.mode(), Mode::Footnote);
    assert_eq!(a.view.top, top, "showing a footnote moves nothing");
    keys(&mut a, "<ret>");
    assert!(a.footnote.is_none());
    assert!(
        a.doc.plain()[a.view.focus].starts_with("The same village"),
        "the footnote's definition is focused"
    );
    assert!(a.view.shows(a.view.focus));
    keys(&mut a, "<c-o>");
    assert_eq!(a.view.top, top);
}

#[test]
fn an_external_link_asks_with_its_whole_address_and_only_yes_opens_it() {
    let url = "https://example.org/guides/reading-notes";
    let mut a = app();
    focus_on(&mut a, "A short guide to");
    keys(&mut a, "o<ret>");
    assert_eq!(a.mode(), Mode::Confirm);
    assert_eq!(a.confirm, Some(Confirm::OpenLink(url.into())));
    assert_eq!(
        a.confirm.as_ref().unwrap().question(),
        format!("Open {url}? y/N")
    );
    assert!(keys(&mut a, "n").is_empty(), "no opens nothing");
    assert!(a.confirm.is_none());
    assert!(keys(&mut a, "o<ret><esc>").is_empty(), "Esc opens nothing");
    let effects = keys(&mut a, "o<ret>y");
    assert_eq!(effects, vec![Effect::OpenLink(url.into())]);
}

#[test]
fn addresses_that_are_not_web_or_mail_are_shown_but_never_opened() {
    for (address, why) in [
        (
            "javascript:alert(1)",
            "javascript: addresses are never opened",
        ),
        ("data:text/html,hi", "data: addresses are never opened"),
        ("file:///etc/passwd", "file: addresses are never opened"),
        ("notes.md", "is relative to where the essay was published"),
    ] {
        let mut a = reader(&format!("A [link]({address}) here.\n")).build();
        let effects = keys(&mut a, "o<ret>y");
        assert!(effects.is_empty(), "{address} opened");
        assert!(a.confirm.is_none(), "{address} asked about");
        let message = a.message.clone().unwrap_or_default();
        assert!(message.contains(why), "{address}: {message}");
    }
    let mut a = reader("Mail [me](mailto:reader@example.org).\n").build();
    assert_eq!(
        keys(&mut a, "o<ret>y"),
        vec![Effect::OpenLink("mailto:reader@example.org".into())]
    );
}

#[test]
fn big_moves_are_jumps_and_reading_moves_are_not() {
    // Short, so that the search lands off the screen it started on.
    let mut a = essay(ESSAY).size(120, 16).build();
    let start = a.view.top;
    keys(&mut a, "jjj<c-d>]");
    keys(&mut a, "<c-o>");
    assert_eq!(
        a.message.as_deref(),
        Some("No earlier place to go back to.")
    );
    let read_to = a.view.top;
    keys(&mut a, "G");
    keys(&mut a, "<c-o>");
    assert_eq!(a.view.top, read_to, "Ctrl-O goes back from the end");
    keys(&mut a, "g<c-o>");
    assert_eq!(a.view.top, read_to, "and from the start");
    // A search's landing is a jump from where the prompt opened.
    keys(&mut a, "/alternative is worse<ret>");
    assert_ne!(a.view.top, read_to);
    keys(&mut a, "<c-o>");
    assert_eq!(a.view.top, read_to);
    keys(&mut a, "<c-n>");
    assert!(a.doc.plain()[a.view.focus].contains("alternative is worse"));
    // Going back and jumping again forgets the way forward, as a browser does.
    keys(&mut a, "<c-o>G<c-n>");
    assert_eq!(
        a.message.as_deref(),
        Some("No later place to go forward to.")
    );
    assert_ne!(a.view.top, start);
}

#[test]
fn the_jump_list_keeps_its_places_across_a_new_width() {
    let mut a = app();
    keys(&mut a, "]]");
    let section_before = section(&a);
    keys(&mut a, "G<lt><lt><lt><c-o>");
    assert_eq!(section(&a), section_before);
}
