//! Where everything goes on screen, computed from the terminal's size and which panes are
//! open. Pure, so the state can ask how wide the text is without drawing, and tests can
//! check the geometry directly. It lives with the state, which lays the screen out and
//! hit-tests clicks with these areas; the drawing only paints into them.

use ratatui::layout::Rect;

/// Below this the reader shows a message instead of the essay.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// From this width the side panes sit beside the text; below it they open over it.
pub const DOCK_WIDTH: u16 = 100;
/// Columns left of the text for the focus and note marks.
pub const GUTTER: u16 = 3;
/// A blank column between the pane's edge (the outline's rule) and the gutter.
pub const LEFT_MARGIN: u16 = 1;
/// Columns kept free right of the text.
pub const RIGHT_MARGIN: u16 = 2;

/// The named areas of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub too_small: bool,
    /// The outline, when shown.
    pub sidebar: Option<Rect>,
    /// The notes pane, when shown.
    pub notes: Option<Rect>,
    /// Side panes are drawn over the text (narrow terminal).
    pub overlay: bool,
    /// The whole text pane.
    pub text: Rect,
    /// The column block where the essay's lines are drawn, centred in the pane.
    pub body: Rect,
    pub status: Rect,
}

impl Areas {
    /// Where the outline's rows are drawn inside its frame: a box when it floats over the
    /// text, a rule on its right (and a column of air each side) when docked.
    pub fn sidebar_rows(&self) -> Option<Rect> {
        self.sidebar.map(|r| inner(r, self.overlay, true))
    }

    /// Where the notes pane's content is drawn inside its frame.
    pub fn notes_inner(&self) -> Option<Rect> {
        self.notes.map(|r| inner(r, self.overlay, false))
    }

    /// `outline_width` is how wide the outline would like to be (its longest row).
    pub fn compute(
        size: Rect,
        sidebar_open: bool,
        notes_open: bool,
        max_measure: u16,
        outline_width: u16,
    ) -> Areas {
        if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
            return Areas {
                too_small: true,
                ..Areas::default()
            };
        }
        let main = Rect {
            height: size.height - 1,
            ..size
        };
        let status = Rect {
            y: size.y + size.height - 1,
            height: 1,
            ..size
        };
        let docked = size.width >= DOCK_WIDTH;
        let (mut text, mut sidebar, mut notes) = (main, None, None);
        if docked {
            let notes_w = if notes_open {
                (size.width / 4).clamp(28, 44)
            } else {
                0
            };
            if sidebar_open {
                // As wide as the outline wants (so section titles show whole), up to 48,
                // while the text keeps a measure of at least 64 (or the one asked for, if
                // smaller); never narrower than 24.
                let keep = max_measure.min(64);
                let spare = size
                    .width
                    .saturating_sub(notes_w + keep + LEFT_MARGIN + GUTTER + RIGHT_MARGIN);
                let w = outline_width.clamp(24, 48).min(spare.max(24));
                sidebar = Some(Rect { width: w, ..main });
                text.x += w;
                text.width -= w;
            }
            if notes_open {
                let w = notes_w;
                notes = Some(Rect {
                    x: main.x + main.width - w,
                    width: w,
                    ..main
                });
                text.width -= w;
            }
        } else {
            // Over the text: wide enough for whole section titles, leaving a strip of text
            // visible so the reader knows where they are.
            let w = (size.width - 4).min(if sidebar_open {
                outline_width.clamp(30, 60)
            } else {
                44
            });
            if sidebar_open {
                sidebar = Some(Rect { width: w, ..main });
            } else if notes_open {
                notes = Some(Rect {
                    x: main.x + main.width - w,
                    width: w,
                    ..main
                });
            }
        }
        let body = body(text, max_measure);
        Areas {
            too_small: false,
            sidebar,
            notes,
            overlay: !docked,
            text,
            body,
            status,
        }
    }
}

/// The inside of a side pane's frame. `left` panes have their rule on the right.
pub fn inner(area: Rect, overlay: bool, left: bool) -> Rect {
    if overlay {
        return Rect {
            x: area.x + 1,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(2),
        };
    }
    Rect {
        x: area.x + if left { 1 } else { 2 },
        y: area.y + 1,
        width: area.width.saturating_sub(3),
        height: area.height.saturating_sub(1),
    }
}

/// The essay's column inside the text pane: at most `max_measure` wide, centred, with room
/// for the gutter on its left and a blank row above when there is height to spare.
fn body(pane: Rect, max_measure: u16) -> Rect {
    let lead = LEFT_MARGIN + GUTTER;
    let room = pane.width.saturating_sub(lead + RIGHT_MARGIN).max(1);
    let width = max_measure.clamp(1, room);
    let x = pane.x + lead.min(pane.width) + (room - width) / 2;
    let pad = u16::from(pane.height >= 12);
    Rect {
        x,
        y: pane.y + pad,
        width,
        height: pane.height.saturating_sub(pad).max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(w: u16, h: u16) -> Rect {
        Rect::new(0, 0, w, h)
    }

    #[test]
    fn wide_terminal_docks_the_sidebar_and_centres_a_72_column_measure() {
        let a = Areas::compute(rect(120, 40), true, false, 72, 30);
        let side = a.sidebar.unwrap();
        assert_eq!(side.width, 30);
        assert!(!a.overlay);
        assert_eq!(a.text.x, 30);
        assert_eq!(a.body.width, 72);
        assert!(a.body.x >= a.text.x + GUTTER);
        assert!(a.body.x + a.body.width <= a.text.x + a.text.width);
        assert_eq!(a.status.y, 39);
    }

    #[test]
    fn a_long_outline_widens_the_sidebar_while_the_measure_fits() {
        let a = Areas::compute(rect(120, 40), true, false, 72, 60);
        assert_eq!(a.sidebar.unwrap().width, 48);
        assert_eq!(a.body.width, 66);
        let a = Areas::compute(rect(160, 40), true, false, 72, 46);
        assert_eq!(a.sidebar.unwrap().width, 46);
        assert_eq!(a.body.width, 72);
        let a = Areas::compute(rect(100, 40), true, false, 72, 60);
        assert_eq!(a.sidebar.unwrap().width, 30);
        assert_eq!(a.body.width, 64);
    }

    #[test]
    fn narrow_terminal_overlays_one_pane() {
        let a = Areas::compute(rect(80, 24), true, true, 72, 30);
        assert!(a.overlay);
        assert!(a.sidebar.is_some() && a.notes.is_none());
        assert_eq!(a.text.width, 80);
        assert_eq!(a.body.width, 72);
    }

    #[test]
    fn too_small_under_20_by_5() {
        assert!(Areas::compute(rect(19, 40), true, false, 72, 30).too_small);
        assert!(Areas::compute(rect(80, 4), true, false, 72, 30).too_small);
        assert!(!Areas::compute(rect(20, 5), true, true, 72, 30).too_small);
    }

    #[test]
    fn every_size_gives_areas_inside_the_screen() {
        for w in 0..160 {
            for h in 0..12 {
                let a = Areas::compute(rect(w, h), true, true, 72, 50);
                if a.too_small {
                    continue;
                }
                for r in [a.text, a.body, a.status]
                    .into_iter()
                    .chain(a.sidebar)
                    .chain(a.notes)
                {
                    assert!(r.x + r.width <= w && r.y + r.height <= h, "{w}x{h}: {r:?}");
                }
            }
        }
    }
}
