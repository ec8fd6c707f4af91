//! Links and footnotes in the reader: the list of the focused passage's links (`o`), the
//! footnote read in place (`f`), and what following a link does. An `#anchor` goes to its
//! section, a footnote reference shows the footnote over the text, a web or mail address
//! is opened by the runner only after the reader has seen it whole and said yes.

use std::borrow::Cow;

use ratatui::layout::Rect;

use super::App;
use super::action::Effect;
use super::notes::Confirm;
use super::step::Step;
use crate::essay::links::{Link, Target};
use crate::sanitize::sanitize;

/// The focused passage's links, listed over the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkList {
    pub links: Vec<Link>,
    pub selected: usize,
}

/// Footnotes shown over the text, the reading position untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnotePopup {
    /// Each footnote's label and its words (`None`: the essay does not define it).
    pub notes: Vec<(String, Option<String>)>,
    /// First line shown.
    pub scroll: usize,
}

/// Lists the focused passage's links, or says it has none.
pub fn show_links(app: &mut App) {
    let links = focused_links(app);
    if links.is_empty() {
        app.message = Some("No link in this passage.".into());
        return;
    }
    app.links = Some(LinkList { links, selected: 0 });
}

fn focused_links(app: &App) -> Vec<Link> {
    app.doc
        .essay
        .blocks
        .get(app.view.focus)
        .map(crate::essay::Block::links)
        .unwrap_or_default()
}

/// Moves the list's selection by `n` rows, stopping at either end.
pub fn select(app: &mut App, n: i64) {
    if let Some(list) = app.links.as_mut() {
        list.selected = Step::By(n).in_list(list.selected, list.links.len());
    }
}

/// Follows the selected link (`pick`: the link numbered so, from 1, instead).
pub fn follow(app: &mut App, pick: Option<usize>) {
    let Some(list) = app.links.as_ref() else {
        return;
    };
    let index = pick.map_or(list.selected, |n| n.saturating_sub(1));
    let Some(link) = list.links.get(index).cloned() else {
        app.message = Some(format!("There is no link {}.", index + 1));
        return;
    };
    app.links = None;
    match link.target {
        Target::Footnote(label) => show_footnotes(app, vec![label]),
        Target::Address(address) => follow_address(app, address),
    }
}

/// An `#anchor` goes to its section; an address that can be opened is asked about; any
/// other is shown but never opened, and the reader is told why.
fn follow_address(app: &mut App, address: String) {
    if let Some(fragment) = address.strip_prefix('#') {
        match app.doc.essay.section_for_anchor(fragment) {
            Some(section) => {
                let pos = app.view.section_start(section);
                app.view.jump_to(pos);
                app.view.focus_from(app.doc.essay.sections[section].start);
            }
            None => {
                app.message = Some(format!("No section here is named {}.", sanitize(&address)));
            }
        }
        return;
    }
    match refusal(&address) {
        Some(why) => app.message = Some(why),
        None => app.confirm = Some(Confirm::OpenLink(address)),
    }
}

/// The longest address margin offers to open: one it can show whole on a small screen.
const LONGEST_OPENED: usize = 1000;

/// Why `address` is not handed to the browser, or `None` when it may be (after a yes).
/// Only web and mail addresses are opened: `javascript:` and `data:` carry code or content
/// of the essay's own making, `file:` reaches into this machine, and an address with
/// characters the terminal cannot show faithfully would not be the address the reader saw.
pub fn refusal(address: &str) -> Option<String> {
    if address.len() > LONGEST_OPENED {
        return Some(format!(
            "Not opened: the address is over {LONGEST_OPENED} bytes, too long to show whole."
        ));
    }
    let shown = sanitize(address);
    if matches!(shown, Cow::Owned(_)) || address.chars().any(char::is_whitespace) {
        return Some(format!(
            "Not opened: {shown} holds characters that cannot be shown as they are."
        ));
    }
    let scheme = address
        .split_once(':')
        .map(|(s, _)| s.to_ascii_lowercase())
        .filter(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
    match scheme.as_deref() {
        Some("http" | "https" | "mailto") => None,
        Some(other) => Some(format!(
            "Not opened: {other}: addresses are never opened, only https:, http: and mailto:."
        )),
        None => Some(format!(
            "Not opened: {shown} is relative to where the essay was published."
        )),
    }
}

/// The reader said yes to opening `address`.
pub fn confirmed(app: &mut App, address: String) -> Vec<Effect> {
    app.message = Some(format!("Opening {} in the browser…", sanitize(&address)));
    vec![Effect::OpenLink(address)]
}

/// Shows the footnotes the focused passage refers to, or says it has none.
pub fn show_passage_footnotes(app: &mut App) {
    let mut labels: Vec<String> = Vec::new();
    for link in focused_links(app) {
        if let Target::Footnote(label) = link.target
            && !labels.contains(&label)
        {
            labels.push(label);
        }
    }
    if labels.is_empty() {
        app.message = Some("No footnote in this passage.".into());
        return;
    }
    show_footnotes(app, labels);
}

fn show_footnotes(app: &mut App, labels: Vec<String>) {
    let notes = labels
        .into_iter()
        .map(|label| {
            let text = app.doc.essay.footnote_text(&label);
            (label, text)
        })
        .collect();
    app.footnote = Some(FootnotePopup { notes, scroll: 0 });
}

/// Scrolls the footnote popup by `n` lines, never past its last line.
pub fn scroll_footnote(app: &mut App, n: i64) {
    let over = app.areas.text;
    if let Some(popup) = app.footnote.as_mut() {
        let last = popup.max_scroll(over);
        popup.scroll = Step::By(n).up_to(popup.scroll, last);
    }
}

/// Goes to the first shown footnote's definition in the text, closing the popup.
pub fn go_to_footnote(app: &mut App) {
    let Some(popup) = app.footnote.take() else {
        return;
    };
    let Some(range) = popup
        .notes
        .iter()
        .find_map(|(label, _)| app.doc.essay.footnote(label))
    else {
        app.message = Some("The essay does not define this footnote.".into());
        return;
    };
    let pos = app.view.block_start(range.start);
    app.view.jump_to(pos);
    app.view.focus_from(range.start);
}

/// The popup's frame over the text pane `over`, centred, a row clear above and below. Its
/// lines are wrapped to the frame, so the frame's width decides their number.
pub fn footnote_area(over: Rect, lines: usize) -> Rect {
    let width = over.width.saturating_sub(4).clamp(1, 70);
    let room = over.height.saturating_sub(2).max(1);
    let height = u16::try_from(lines + 2).unwrap_or(u16::MAX).min(room);
    Rect {
        x: over.x + (over.width.saturating_sub(width)) / 2,
        y: over.y + (over.height.saturating_sub(height)) / 2,
        width,
        height,
    }
}

/// Columns of text inside a popup frame `width` wide: a border and a space each side.
fn inner_width(width: u16) -> usize {
    usize::from(width.saturating_sub(4)).max(1)
}

impl FootnotePopup {
    /// The popup's lines at the width it has over the text pane `over`: each footnote as
    /// `[label] its words`, wrapped, made harmless for the terminal, a blank line between
    /// paragraphs.
    pub fn lines(&self, over: Rect) -> Vec<String> {
        let width = inner_width(footnote_area(over, 0).width);
        let mut out = Vec::new();
        for (i, (label, text)) in self.notes.iter().enumerate() {
            if i > 0 {
                out.push(String::new());
            }
            let text = text
                .as_deref()
                .unwrap_or("(the essay does not define this footnote)");
            let label = sanitize(label);
            for (j, paragraph) in text.split('\n').enumerate() {
                let paragraph = if j == 0 {
                    format!("[{label}] {}", sanitize(paragraph))
                } else {
                    out.push(String::new());
                    sanitize(paragraph).into_owned()
                };
                out.extend(
                    textwrap::wrap(&paragraph, width)
                        .into_iter()
                        .map(Cow::into_owned),
                );
            }
        }
        out
    }

    /// The last first line that still fills the popup.
    pub fn max_scroll(&self, over: Rect) -> usize {
        let lines = self.lines(over).len();
        let shown = usize::from(footnote_area(over, lines).height.saturating_sub(2));
        lines.saturating_sub(shown)
    }
}
