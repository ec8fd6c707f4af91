//! Terminal events as actions: keys through the key table of the screen that has them,
//! the wheel and clicks, resizes and pastes.

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::app::library::{Library, LibraryAction};
use crate::app::{Action, App, keymap};

/// Lines the mouse wheel scrolls a notch.
const WHEEL_LINES: i64 = 3;

/// The reader's action for a terminal event, if it means one.
pub fn reader_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::action_for(&key, app.mode())
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                lines: if m.kind == MouseEventKind::ScrollUp {
                    -WHEEL_LINES
                } else {
                    WHEEL_LINES
                },
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// The library's action for a terminal event, if it means one.
pub fn library_action(lib: &Library, event: &Event) -> Option<LibraryAction> {
    match *event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::library_action_for(&key, lib.filtering)
        }
        Event::Resize(_, height) => Some(LibraryAction::Resize { height }),
        Event::Paste(ref text) if lib.filtering => Some(LibraryAction::FilterPaste(text.clone())),
        _ => None,
    }
}
