//! The one key table. It maps keys to actions for each pane, and the help overlay and the
//! README's key list are generated from it, so they cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane};
use super::library::LibraryAction;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Whatever pane has the keyboard.
    Any,
    /// Only while that pane has the keyboard.
    In(Pane),
}

/// A key, as the terminal reports it. For characters, Shift is part of the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub context: Context,
    pub action: Action,
    pub help: &'static str,
}

const TEXT: Context = Context::In(Pane::Text);
const SIDEBAR: Context = Context::In(Pane::Sidebar);
const NOTES: Context = Context::In(Pane::Notes);

/// Every key the reader knows, outside the search prompt.
pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: &[k('q')],
        context: Context::Any,
        action: Action::Quit,
        help: "close the essay (back to the library, if open)",
    },
    Binding {
        keys: &[ctrl('c')],
        context: Context::Any,
        action: Action::QuitAll,
        help: "quit margin",
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        context: Context::Any,
        action: Action::Escape,
        help: "close overlay · cancel prompt · clear search",
    },
    Binding {
        keys: &[k('j'), code(KeyCode::Down)],
        context: TEXT,
        action: Action::ScrollLines(1),
        help: "down one line",
    },
    Binding {
        keys: &[k('k'), code(KeyCode::Up)],
        context: TEXT,
        action: Action::ScrollLines(-1),
        help: "up one line",
    },
    Binding {
        keys: &[k(' '), code(KeyCode::PageDown), ctrl('f')],
        context: Context::Any,
        action: Action::ScrollPages(1),
        help: "down one page",
    },
    Binding {
        keys: &[k('b'), code(KeyCode::PageUp), ctrl('b')],
        context: Context::Any,
        action: Action::ScrollPages(-1),
        help: "up one page",
    },
    Binding {
        keys: &[ctrl('d')],
        context: Context::Any,
        action: Action::ScrollHalfPages(1),
        help: "down half a page",
    },
    Binding {
        keys: &[ctrl('u')],
        context: Context::Any,
        action: Action::ScrollHalfPages(-1),
        help: "up half a page",
    },
    Binding {
        keys: &[k('g'), code(KeyCode::Home)],
        context: TEXT,
        action: Action::Top,
        help: "start of the essay",
    },
    Binding {
        keys: &[k('G'), code(KeyCode::End)],
        context: TEXT,
        action: Action::Bottom,
        help: "end of the essay",
    },
    Binding {
        keys: &[k(']')],
        context: Context::Any,
        action: Action::NextSection,
        help: "next section",
    },
    Binding {
        keys: &[k('[')],
        context: Context::Any,
        action: Action::PrevSection,
        help: "previous section",
    },
    Binding {
        keys: &[k('}')],
        context: Context::Any,
        action: Action::NextParagraph,
        help: "focus the next paragraph",
    },
    Binding {
        keys: &[k('{')],
        context: Context::Any,
        action: Action::PrevParagraph,
        help: "focus the previous paragraph",
    },
    Binding {
        keys: &[code(KeyCode::Tab)],
        context: Context::Any,
        action: Action::FocusNext,
        help: "next pane",
    },
    Binding {
        keys: &[code(KeyCode::BackTab)],
        context: Context::Any,
        action: Action::FocusPrev,
        help: "previous pane",
    },
    Binding {
        keys: &[k('j'), code(KeyCode::Down)],
        context: SIDEBAR,
        action: Action::Select(1),
        help: "next section in the outline",
    },
    Binding {
        keys: &[k('k'), code(KeyCode::Up)],
        context: SIDEBAR,
        action: Action::Select(-1),
        help: "previous section in the outline",
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        context: SIDEBAR,
        action: Action::Activate,
        help: "jump to the selected section",
    },
    Binding {
        keys: &[k('h'), code(KeyCode::Left)],
        context: SIDEBAR,
        action: Action::Collapse,
        help: "fold the branch",
    },
    Binding {
        keys: &[k('l'), code(KeyCode::Right)],
        context: SIDEBAR,
        action: Action::Expand,
        help: "unfold the branch",
    },
    Binding {
        keys: &[k('t')],
        context: Context::Any,
        action: Action::ToggleSidebar,
        help: "show or hide the outline",
    },
    Binding {
        keys: &[k('m')],
        context: Context::Any,
        action: Action::ToggleNotes,
        help: "show or hide the notes (the margin)",
    },
    Binding {
        keys: &[k('/')],
        context: Context::Any,
        action: Action::StartSearch,
        help: "search the essay",
    },
    Binding {
        keys: &[k('n')],
        context: Context::Any,
        action: Action::NextMatch,
        help: "next match",
    },
    Binding {
        keys: &[k('N')],
        context: Context::Any,
        action: Action::PrevMatch,
        help: "previous match",
    },
    Binding {
        keys: &[k('M')],
        context: Context::Any,
        action: Action::ToggleMouse,
        help: "release the mouse to select text; take it back",
    },
    Binding {
        keys: &[k('a')],
        context: Context::Any,
        action: Action::AddNote,
        help: "write a note on the focused paragraph",
    },
    Binding {
        keys: &[k('E')],
        context: Context::Any,
        action: Action::ExternalEdit,
        help: "write the note in $VISUAL or $EDITOR",
    },
    Binding {
        keys: &[k('j'), code(KeyCode::Down)],
        context: NOTES,
        action: Action::Select(1),
        help: "next note",
    },
    Binding {
        keys: &[k('k'), code(KeyCode::Up)],
        context: NOTES,
        action: Action::Select(-1),
        help: "previous note",
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        context: NOTES,
        action: Action::Activate,
        help: "go to the note's passage",
    },
    Binding {
        keys: &[k('e')],
        context: NOTES,
        action: Action::EditNote,
        help: "change the note",
    },
    Binding {
        keys: &[k('d')],
        context: NOTES,
        action: Action::DeleteNote,
        help: "delete the note (asks first)",
    },
    Binding {
        keys: &[k('u')],
        context: NOTES,
        action: Action::UndoDelete,
        help: "bring back the last deleted note",
    },
    Binding {
        keys: &[k('v')],
        context: NOTES,
        action: Action::ToggleNotesView,
        help: "this section's notes, or all notes",
    },
    Binding {
        keys: &[k('/')],
        context: NOTES,
        action: Action::StartNotesFilter,
        help: "search notes by text or #tag",
    },
    Binding {
        keys: &[k('?')],
        context: Context::Any,
        action: Action::ToggleHelp,
        help: "show or hide this help",
    },
];

/// Keys of the note editor, listed in the help.
pub static EDITOR_KEYS: &[(&str, &str)] = &[
    ("Esc Ctrl-S", "save the note and close the editor"),
    ("Ctrl-C", "close without saving (asks first)"),
    ("Ctrl-O", "continue in $VISUAL or $EDITOR"),
];

/// Keys of the search prompt, listed in the help.
pub static PROMPT_KEYS: &[(&str, &str)] = &[
    ("Enter", "keep the search"),
    ("Esc", "cancel and go back"),
    (
        "Ctrl-R",
        "switch between plain text and regular expressions",
    ),
];

fn key_of(event: &KeyEvent) -> Key {
    Key {
        code: event.code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    }
}

/// What has the keyboard: a pane, or something open over everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Pane(Pane),
    Prompt,
    Help,
    /// Writing a note.
    Editor,
    /// Typing the notes search.
    Filter,
    /// A yes-or-no question.
    Confirm,
}

/// The action for a key press in `mode`.
pub fn action_for(event: &KeyEvent, mode: Mode) -> Option<Action> {
    let key = key_of(event);
    let (focus, prompt_open) = match mode {
        Mode::Pane(p) => (p, false),
        Mode::Prompt => (Pane::Text, true),
        Mode::Editor => {
            return Some(match (key.code, key.ctrl) {
                (KeyCode::Esc, _) | (KeyCode::Char('s'), true) => Action::EditorSave,
                (KeyCode::Char('c'), true) => Action::EditorDiscard,
                (KeyCode::Char('o'), true) => Action::ExternalEdit,
                _ => Action::EditorKey(*event),
            });
        }
        Mode::Filter => {
            return match (key.code, key.ctrl) {
                (KeyCode::Esc, _) => Some(Action::Escape),
                (KeyCode::Enter, _) => Some(Action::FilterSubmit),
                (KeyCode::Backspace, _) => Some(Action::FilterBackspace),
                (KeyCode::Char('c'), true) => Some(Action::QuitAll),
                (KeyCode::Char(c), false) => Some(Action::FilterInput(c)),
                _ => None,
            };
        }
        Mode::Confirm => {
            return match key.code {
                KeyCode::Char('y' | 'Y') => Some(Action::Confirm(true)),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Action::Confirm(false)),
                _ => None,
            };
        }
        Mode::Help => {
            return match (key.code, key.ctrl) {
                (KeyCode::Esc | KeyCode::Char('?'), false) => Some(Action::ToggleHelp),
                (KeyCode::Char('j') | KeyCode::Down, false) => Some(Action::ScrollHelp(1)),
                (KeyCode::Char('k') | KeyCode::Up, false) => Some(Action::ScrollHelp(-1)),
                (KeyCode::Char(' ') | KeyCode::PageDown, false) => Some(Action::ScrollHelp(10)),
                (KeyCode::Char('b') | KeyCode::PageUp, false) => Some(Action::ScrollHelp(-10)),
                (KeyCode::Char('q'), false) => Some(Action::Quit),
                (KeyCode::Char('c'), true) => Some(Action::QuitAll),
                _ => None,
            };
        }
    };
    if prompt_open {
        return match (key.code, key.ctrl) {
            (KeyCode::Esc, _) => Some(Action::Escape),
            (KeyCode::Enter, _) => Some(Action::SearchSubmit),
            (KeyCode::Backspace, _) => Some(Action::SearchBackspace),
            (KeyCode::Char('r'), true) => Some(Action::SearchToggleRegex),
            (KeyCode::Char('c'), true) => Some(Action::QuitAll),
            (KeyCode::Char(c), false) => Some(Action::SearchInput(c)),
            _ => None,
        };
    }
    let find = |context: Context| {
        BINDINGS
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key))
            .map(|b| b.action.clone())
    };
    find(Context::In(focus)).or_else(|| find(Context::Any))
}

/// A key of the library screen.
pub struct LibraryBinding {
    pub keys: &'static [Key],
    pub action: LibraryAction,
    pub help: &'static str,
    /// Shown in the library's footer (the rest are the habits of every list).
    pub footer: bool,
}

/// The library's keys, outside its title filter.
pub static LIBRARY_BINDINGS: &[LibraryBinding] = &[
    LibraryBinding {
        keys: &[k('j'), code(KeyCode::Down)],
        action: LibraryAction::Select(1),
        help: "next essay",
        footer: false,
    },
    LibraryBinding {
        keys: &[k('k'), code(KeyCode::Up)],
        action: LibraryAction::Select(-1),
        help: "previous essay",
        footer: false,
    },
    LibraryBinding {
        keys: &[k(' '), code(KeyCode::PageDown), ctrl('f')],
        action: LibraryAction::SelectPages(1),
        help: "down one page",
        footer: false,
    },
    LibraryBinding {
        keys: &[k('b'), code(KeyCode::PageUp), ctrl('b')],
        action: LibraryAction::SelectPages(-1),
        help: "up one page",
        footer: false,
    },
    LibraryBinding {
        keys: &[k('g'), code(KeyCode::Home)],
        action: LibraryAction::First,
        help: "first essay",
        footer: false,
    },
    LibraryBinding {
        keys: &[k('G'), code(KeyCode::End)],
        action: LibraryAction::Last,
        help: "last essay",
        footer: false,
    },
    LibraryBinding {
        keys: &[code(KeyCode::Enter)],
        action: LibraryAction::Open,
        help: "open",
        footer: true,
    },
    LibraryBinding {
        keys: &[k('/')],
        action: LibraryAction::StartFilter,
        help: "find by title",
        footer: true,
    },
    LibraryBinding {
        keys: &[code(KeyCode::Esc)],
        action: LibraryAction::Escape,
        help: "clear the filter",
        footer: false,
    },
    LibraryBinding {
        keys: &[k('q'), ctrl('c')],
        action: LibraryAction::Quit,
        help: "quit",
        footer: true,
    },
];

/// The library's action for a key press; `filtering` while its title filter is typed.
pub fn library_action_for(event: &KeyEvent, filtering: bool) -> Option<LibraryAction> {
    let key = key_of(event);
    if filtering {
        return match (key.code, key.ctrl) {
            (KeyCode::Char('c'), true) => Some(LibraryAction::Quit),
            (KeyCode::Esc, _) => Some(LibraryAction::Escape),
            (KeyCode::Enter, _) => Some(LibraryAction::FilterSubmit),
            (KeyCode::Backspace, _) => Some(LibraryAction::FilterBackspace),
            (KeyCode::Down, _) => Some(LibraryAction::Select(1)),
            (KeyCode::Up, _) => Some(LibraryAction::Select(-1)),
            (KeyCode::Char(c), false) => Some(LibraryAction::FilterInput(c)),
            _ => None,
        };
    }
    LIBRARY_BINDINGS
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action.clone())
}

/// The library's footer: the keys a newcomer needs, from the table.
pub fn library_footer() -> Vec<String> {
    let choose = "j k ↑ ↓ choose".to_string();
    std::iter::once(choose)
        .chain(LIBRARY_BINDINGS.iter().filter(|b| b.footer).map(|b| {
            let keys: Vec<String> = b.keys.iter().map(describe).collect();
            format!("{} {}", keys.join(" "), b.help)
        }))
        .collect()
}

/// How a key is written in the help: `j`, `Ctrl-D`, `PgDn`.
pub fn describe(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

/// The key table as Markdown, for README.md (a test keeps the two the same).
pub fn markdown_table() -> String {
    let mut out = String::from("| Keys | Where | What |\n|---|---|---|\n");
    for b in BINDINGS {
        let keys: Vec<String> = b
            .keys
            .iter()
            .map(|k| format!("`{}`", describe(k)))
            .collect();
        let place = match b.context {
            Context::Any => "anywhere",
            Context::In(Pane::Text) => "text",
            Context::In(Pane::Sidebar) => "outline",
            Context::In(Pane::Notes) => "notes",
        };
        out.push_str(&format!("| {} | {place} | {} |\n", keys.join(" "), b.help));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn no_two_bindings_collide() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                // A pane's own binding may shadow an `Any` one (`/` searches notes in the
                // notes pane); within one context a key means one thing.
                if a.context == b.context {
                    for key in a.keys {
                        assert!(!b.keys.contains(key), "{:?} is bound twice", describe(key));
                    }
                }
            }
        }
    }

    #[test]
    fn every_binding_says_what_it_does() {
        for b in BINDINGS {
            assert!(!b.help.is_empty() && !b.keys.is_empty());
        }
    }

    #[test]
    fn pane_keys_come_before_global_ones() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&j, Mode::Pane(Pane::Text)),
            Some(Action::ScrollLines(1))
        );
        assert_eq!(
            action_for(&j, Mode::Pane(Pane::Sidebar)),
            Some(Action::Select(1))
        );
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&q, Mode::Pane(Pane::Sidebar)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn shifted_letters_and_control_keys() {
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&g, Mode::Pane(Pane::Text)), Some(Action::Bottom));
        let d = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(
            action_for(&d, Mode::Pane(Pane::Text)),
            Some(Action::ScrollHalfPages(1))
        );
        assert_eq!(describe(&ctrl('d')), "Ctrl-D");
    }

    #[test]
    fn the_prompt_takes_letters() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(&q, Mode::Prompt), Some(Action::SearchInput('q')));
        let r = press(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(
            action_for(&r, Mode::Prompt),
            Some(Action::SearchToggleRegex)
        );
    }
}
