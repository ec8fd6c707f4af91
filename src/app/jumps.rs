//! The jump list, as vim keeps one: a big move (the start or end of the essay, a search's
//! landing, a link or footnote followed, a section chosen in the outline, a note's passage)
//! remembers where the reader was, `Ctrl-O` goes back to it and `Ctrl-N` forward again.
//! Scrolling, paging and `[`/`]` are reading, not jumping, and leave the list alone.
//!
//! Places are anchors (a block and an offset), so a new width never loses them.

use super::App;
use super::action::{Action, Pane};
use super::view::Anchor;

/// How many places are kept each way; the oldest go first.
const KEPT: usize = 100;

/// A place the reader was: the first line on screen and the focused passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub top: Anchor,
    pub focus: usize,
    /// At the very start, above the first block (the title): no anchor names it.
    pub at_start: bool,
}

impl Place {
    /// Where the reader is now.
    pub fn of(app: &App) -> Place {
        Place {
            top: app.view.top_anchor(),
            focus: app.view.focus,
            at_start: app.view.at_start(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jumps {
    back: Vec<Place>,
    forward: Vec<Place>,
}

impl Jumps {
    /// Remembers `from`, the place a jump left; a new jump forgets the places ahead, as a
    /// browser's history does.
    pub fn push(&mut self, from: Place) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > KEPT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }
}

/// Whether `action` is a big move, which the jump list remembers the start of (when it
/// moves the text at all). A click jumps only on the outline; in the text it focuses.
pub fn is_jump(app: &App, action: &Action) -> bool {
    match action {
        Action::Top
        | Action::Bottom
        | Action::NextMatch
        | Action::PrevMatch
        | Action::FollowLink
        | Action::PickLink(_)
        | Action::GoToFootnote
        | Action::Click { .. } => true,
        Action::Activate => app.focus != Pane::Text,
        _ => false,
    }
}

/// Goes back (`older`) or forward along the jump list, keeping the place left so that the
/// other direction returns to it.
pub fn step(app: &mut App, older: bool) {
    let here = Place::of(app);
    let (from, to) = if older {
        (&mut app.jumps.back, &mut app.jumps.forward)
    } else {
        (&mut app.jumps.forward, &mut app.jumps.back)
    };
    let Some(place) = from.pop() else {
        app.message = Some(
            if older {
                "No earlier place to go back to."
            } else {
                "No later place to go forward to."
            }
            .into(),
        );
        return;
    };
    to.push(here);
    go_to(app, place);
}

/// Shows `place`: its line at the top, its passage focused when it is still one on screen.
fn go_to(app: &mut App, place: Place) {
    let pos = if place.at_start {
        app.view.start()
    } else {
        app.view.pos_of(place.top)
    };
    app.view.jump_to(pos);
    if app.doc.is_passage(place.focus) {
        app.view.focus = place.focus;
    }
    app.view.follow_focus();
}
