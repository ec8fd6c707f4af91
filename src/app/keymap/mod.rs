//! The one key table, for every mode: the reader's panes, its prompts and overlays, and the
//! library. Keys are looked up in [`table::BINDINGS`]; the help overlay, the status hints,
//! the library's footer and the README's key list are generated from it. Which mode has
//! the keys is decided in one place, [`crate::app::App::mode`] (and the library's filter).

mod table;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane};
use super::library::LibraryAction;
pub use table::BINDINGS;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The reader, whatever pane has the keyboard.
    Any,
    /// The reader, while that pane has the keyboard.
    In(Pane),
    /// The search prompt.
    Prompt,
    /// The note editor.
    Editor,
    /// Words being selected in the text.
    Selection,
    /// The notes search prompt.
    Filter,
    /// The help overlay.
    Help,
    /// A yes-or-no question on the status line.
    Confirm,
    /// The list of a passage's links.
    Links,
    /// A footnote shown over the text.
    Footnote,
    /// A window too small to read in.
    TooSmall,
    /// The library's list.
    Library,
    /// The library's title filter.
    LibraryFilter,
}

impl Context {
    /// How the README and the help name it.
    pub fn name(self) -> &'static str {
        match self {
            Context::Any => "anywhere",
            Context::In(Pane::Text) => "text",
            Context::In(Pane::Sidebar) => "outline",
            Context::In(Pane::Notes) => "notes",
            Context::Prompt => "search prompt",
            Context::Editor => "note editor",
            Context::Selection => "selection",
            Context::Filter => "notes search",
            Context::Help => "help",
            Context::Confirm => "question",
            Context::Links => "links",
            Context::Footnote => "footnote",
            Context::TooSmall => "window too small",
            Context::Library => "library",
            Context::LibraryFilter => "library filter",
        }
    }
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

/// What a key asks for: of the reader, or of the library.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Reader(Action),
    Library(LibraryAction),
}

pub struct Binding {
    pub keys: &'static [Key],
    pub context: Context,
    pub command: Command,
    /// What it does, for the help and the README.
    pub help: &'static str,
    /// A few words for the status line or footer of its mode (empty: not shown there).
    pub hint: &'static str,
}

const fn bind(
    keys: &'static [Key],
    context: Context,
    command: Command,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        context,
        command,
        help,
        hint,
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
    /// Selecting words in the text.
    Selection,
    /// Typing the notes search.
    Filter,
    /// A yes-or-no question.
    Confirm,
    /// Choosing among the focused passage's links.
    Links,
    /// Reading a footnote over the text.
    Footnote,
    /// The window is too small to read in: only quitting makes sense.
    TooSmall,
}

impl Mode {
    /// The contexts whose keys work in this mode, the first found winning.
    fn contexts(self) -> &'static [Context] {
        match self {
            Mode::Pane(Pane::Text) => &[Context::In(Pane::Text), Context::Any],
            Mode::Pane(Pane::Sidebar) => &[Context::In(Pane::Sidebar), Context::Any],
            Mode::Pane(Pane::Notes) => &[Context::In(Pane::Notes), Context::Any],
            Mode::Prompt => &[Context::Prompt],
            Mode::Help => &[Context::Help],
            Mode::Editor => &[Context::Editor],
            // The reader's keys still scroll and search; the selection's own come first.
            Mode::Selection => &[Context::Selection, Context::In(Pane::Text), Context::Any],
            Mode::Filter => &[Context::Filter],
            Mode::Confirm => &[Context::Confirm],
            Mode::Links => &[Context::Links],
            Mode::Footnote => &[Context::Footnote],
            Mode::TooSmall => &[Context::TooSmall],
        }
    }
}

fn key_of(event: &KeyEvent) -> Key {
    Key {
        code: event.code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    }
}

/// The command bound to `key` in the first of `contexts` that binds it.
fn lookup(key: Key, contexts: &[Context]) -> Option<&'static Command> {
    contexts.iter().find_map(|&context| {
        BINDINGS
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key))
            .map(|b| &b.command)
    })
}

/// The character a key types into a prompt, if it types one.
fn typed(key: Key) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.ctrl => Some(c),
        _ => None,
    }
}

/// The reader's action for a key press in `mode`.
pub fn action_for(event: &KeyEvent, mode: Mode) -> Option<Action> {
    let key = key_of(event);
    // A digit picks a link by its number: one row of the table stands for all nine.
    if mode == Mode::Links
        && let Some(n) = typed(key).and_then(|c| c.to_digit(10)).filter(|&n| n > 0)
    {
        return Some(Action::PickLink(n as usize));
    }
    if let Some(Command::Reader(action)) = lookup(key, mode.contexts()) {
        return Some(action.clone());
    }
    // Keys no binding takes: typed into the prompt or the note being written.
    match mode {
        Mode::Prompt => typed(key).map(Action::SearchInput),
        Mode::Filter => typed(key).map(Action::FilterInput),
        Mode::Editor => Some(Action::EditorKey(*event)),
        _ => None,
    }
}

/// The library's action for a key press; `filtering` while its title filter is typed.
pub fn library_action_for(event: &KeyEvent, filtering: bool) -> Option<LibraryAction> {
    let key = key_of(event);
    let context = if filtering {
        Context::LibraryFilter
    } else {
        Context::Library
    };
    if let Some(Command::Library(action)) = lookup(key, &[context]) {
        return Some(action.clone());
    }
    if filtering {
        return typed(key).map(LibraryAction::FilterInput);
    }
    None
}

/// The hints of `context`'s keys, for its status line or footer: `Enter keep · Esc cancel`.
pub fn hint(context: Context) -> String {
    let hints: Vec<&str> = BINDINGS
        .iter()
        .filter(|b| b.context == context && !b.hint.is_empty())
        .map(|b| b.hint)
        .collect();
    hints.join(" · ")
}

/// The keys of `context` and what they do, for the help: `("j ↓", "down one line")`.
pub fn keys_of(context: Context) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(describe).collect();
            (keys.join(" "), b.help)
        })
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
            .map(|k| format!("`{}`", describe(k).replace('|', "\\|")))
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            keys.join(" "),
            b.context.name(),
            b.help
        ));
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

    /// Whether a reader can ask for `action` with a key. The match has no catch-all: a new
    /// action must say here whether it needs a key, and the test below then finds it one.
    fn needs_a_key(action: &Action) -> bool {
        match action {
            Action::Quit
            | Action::QuitAll
            | Action::Suspend
            | Action::Escape
            | Action::ScrollLines(_)
            | Action::ScrollPages(_)
            | Action::ScrollHalfPages(_)
            | Action::Top
            | Action::Bottom
            | Action::NextSection
            | Action::PrevSection
            | Action::NextParagraph
            | Action::PrevParagraph
            | Action::FocusNext
            | Action::FocusPrev
            | Action::Select(_)
            | Action::Activate
            | Action::Collapse
            | Action::Expand
            | Action::ToggleSidebar
            | Action::ToggleNotes
            | Action::ToggleHelp
            | Action::ScrollHelp(_)
            | Action::HelpPages(_)
            | Action::HelpEnd(_)
            | Action::StartSearch
            | Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchEdit(_)
            | Action::SearchHistory(_)
            | Action::SearchToggleRegex
            | Action::SearchSubmit
            | Action::NextMatch
            | Action::PrevMatch
            | Action::ToggleMouse
            | Action::Measure(_)
            | Action::ToggleJustify
            | Action::CycleTheme
            | Action::AddNote
            | Action::StartSelection
            | Action::ExtendSelection { .. }
            | Action::CancelSelection
            | Action::HighlightSelection
            | Action::NoteSelection
            | Action::CopySelection
            | Action::ExternalEdit
            | Action::EditNote
            | Action::DeleteNote
            | Action::UndoDelete
            | Action::ToggleNotesView
            | Action::StartNotesFilter
            | Action::FilterInput(_)
            | Action::FilterBackspace
            | Action::FilterSubmit
            | Action::EditorKey(_)
            | Action::EditorSave
            | Action::EditorDiscard
            | Action::ShowLinks
            | Action::SelectLink(_)
            | Action::FollowLink
            | Action::PickLink(_)
            | Action::ShowFootnotes
            | Action::ScrollFootnote(_)
            | Action::GoToFootnote
            | Action::Jump(_)
            | Action::Confirm(_) => true,
            // The mouse, the terminal and the runner bring these.
            Action::Wheel { .. }
            | Action::Click { .. }
            | Action::Resize { .. }
            | Action::Paste(_)
            | Action::ExternalEditDone(_)
            | Action::NotesSaved(_)
            | Action::NotesRetried(_)
            | Action::PositionNotSaved(_)
            | Action::LinkNotOpened(_)
            | Action::Copied(_)
            | Action::Opened(_)
            | Action::RestLoaded(_)
            | Action::RestFailed(_)
            | Action::Tick(_) => false,
        }
    }

    /// Every key a reader might press, in every mode.
    fn every_key_press() -> Vec<(KeyEvent, Mode)> {
        let modes = [
            Mode::Pane(Pane::Text),
            Mode::Pane(Pane::Sidebar),
            Mode::Pane(Pane::Notes),
            Mode::Prompt,
            Mode::Help,
            Mode::Editor,
            Mode::Filter,
            Mode::Confirm,
            Mode::Links,
            Mode::Footnote,
            Mode::TooSmall,
        ];
        let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
        codes.extend([
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
        ]);
        let mut presses = Vec::new();
        for mode in modes {
            for &code in &codes {
                for m in [KeyModifiers::NONE, KeyModifiers::CONTROL] {
                    presses.push((press(code, m), mode));
                }
            }
        }
        presses
    }

    #[test]
    fn every_action_a_reader_asks_for_has_a_key() {
        let reached: Vec<Action> = every_key_press()
            .into_iter()
            .filter_map(|(key, mode)| action_for(&key, mode))
            .collect();
        let same_kind =
            |a: &Action, b: &Action| std::mem::discriminant(a) == std::mem::discriminant(b);
        // One of each kind of action (the numbers and characters do not matter here).
        let kinds = [
            Action::Quit,
            Action::QuitAll,
            Action::Suspend,
            Action::Escape,
            Action::ScrollLines(1),
            Action::ScrollPages(1),
            Action::ScrollHalfPages(1),
            Action::Top,
            Action::Bottom,
            Action::NextSection,
            Action::PrevSection,
            Action::NextParagraph,
            Action::PrevParagraph,
            Action::FocusNext,
            Action::FocusPrev,
            Action::Select(1),
            Action::Activate,
            Action::Collapse,
            Action::Expand,
            Action::ToggleSidebar,
            Action::ToggleNotes,
            Action::ToggleHelp,
            Action::ScrollHelp(1),
            Action::HelpPages(1),
            Action::HelpEnd(true),
            Action::StartSearch,
            Action::SearchInput('a'),
            Action::SearchBackspace,
            Action::SearchEdit(crate::app::line_edit::LineEdit::Left),
            Action::SearchHistory(true),
            Action::SearchToggleRegex,
            Action::SearchSubmit,
            Action::NextMatch,
            Action::PrevMatch,
            Action::ToggleMouse,
            Action::Measure(1),
            Action::ToggleJustify,
            Action::CycleTheme,
            Action::AddNote,
            Action::ExternalEdit,
            Action::EditNote,
            Action::DeleteNote,
            Action::UndoDelete,
            Action::ToggleNotesView,
            Action::StartNotesFilter,
            Action::FilterInput('a'),
            Action::FilterBackspace,
            Action::FilterSubmit,
            Action::EditorKey(press(KeyCode::Char('a'), KeyModifiers::NONE)),
            Action::EditorSave,
            Action::EditorDiscard,
            Action::ShowLinks,
            Action::SelectLink(1),
            Action::FollowLink,
            Action::PickLink(1),
            Action::ShowFootnotes,
            Action::ScrollFootnote(1),
            Action::GoToFootnote,
            Action::Jump(true),
            Action::Confirm(true),
        ];
        for kind in kinds.iter().filter(|a| needs_a_key(a)) {
            assert!(
                reached.iter().any(|r| same_kind(r, kind)),
                "no key asks for {kind:?}"
            );
        }
        for kind in &kinds {
            assert!(needs_a_key(kind), "{kind:?} is listed as needing a key");
        }
    }

    #[test]
    fn both_answers_and_both_scroll_directions_are_reachable() {
        let reached: Vec<Action> = every_key_press()
            .into_iter()
            .filter_map(|(key, mode)| action_for(&key, mode))
            .collect();
        for action in [
            Action::Confirm(true),
            Action::Confirm(false),
            Action::ScrollLines(-1),
            Action::ScrollHelp(-1),
            Action::Select(-1),
            Action::SelectLink(-1),
            Action::ScrollFootnote(-1),
            Action::Jump(false),
            Action::PickLink(9),
        ] {
            assert!(reached.contains(&action), "no key asks for {action:?}");
        }
    }

    #[test]
    fn every_library_action_a_reader_asks_for_has_a_key() {
        let mut reached = Vec::new();
        for (key, _) in every_key_press() {
            for filtering in [false, true] {
                reached.extend(library_action_for(&key, filtering));
            }
        }
        let reachable = |a: &LibraryAction| match a {
            LibraryAction::Select(_)
            | LibraryAction::SelectPages(_)
            | LibraryAction::First
            | LibraryAction::Last
            | LibraryAction::StartFilter
            | LibraryAction::FilterInput(_)
            | LibraryAction::FilterBackspace
            | LibraryAction::FilterSubmit
            | LibraryAction::Escape
            | LibraryAction::Open
            | LibraryAction::Quit
            | LibraryAction::ToggleHelp
            | LibraryAction::Suspend => true,
            LibraryAction::Resize { .. }
            | LibraryAction::FilterPaste(_)
            | LibraryAction::Described(..)
            | LibraryAction::Returned(..)
            | LibraryAction::Failed(_) => false,
        };
        for kind in [
            LibraryAction::Select(1),
            LibraryAction::Select(-1),
            LibraryAction::SelectPages(1),
            LibraryAction::SelectPages(-1),
            LibraryAction::First,
            LibraryAction::Last,
            LibraryAction::StartFilter,
            LibraryAction::FilterInput('x'),
            LibraryAction::FilterBackspace,
            LibraryAction::FilterSubmit,
            LibraryAction::Escape,
            LibraryAction::Open,
            LibraryAction::Quit,
            LibraryAction::ToggleHelp,
            LibraryAction::Suspend,
        ] {
            assert!(reachable(&kind));
            assert!(reached.contains(&kind), "no key asks for {kind:?}");
        }
    }

    #[test]
    fn commands_belong_to_their_screen() {
        for b in BINDINGS {
            let library = matches!(b.context, Context::Library | Context::LibraryFilter);
            assert_eq!(
                matches!(b.command, Command::Library(_)),
                library,
                "{} in {}",
                b.help,
                b.context.name()
            );
        }
    }

    #[test]
    fn prompts_take_what_is_typed_and_quitting_stays_possible() {
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(action_for(&x, Mode::Filter), Some(Action::FilterInput('x')));
        assert_eq!(action_for(&x, Mode::Confirm), None);
        assert_eq!(action_for(&x, Mode::TooSmall), None);
        assert_eq!(
            library_action_for(&x, true),
            Some(LibraryAction::FilterInput('x'))
        );
        assert_eq!(library_action_for(&x, false), None);
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Pane(Pane::Text),
            Mode::Prompt,
            Mode::Help,
            Mode::Filter,
            Mode::Links,
            Mode::Footnote,
            Mode::TooSmall,
        ] {
            assert_eq!(action_for(&ctrl_c, mode), Some(Action::QuitAll), "{mode:?}");
        }
        assert_eq!(
            action_for(&ctrl_c, Mode::Editor),
            Some(Action::EditorDiscard),
            "in the editor Ctrl-C throws the note away, asking first"
        );
        for filtering in [false, true] {
            assert_eq!(
                library_action_for(&ctrl_c, filtering),
                Some(LibraryAction::Quit)
            );
        }
    }

    #[test]
    fn hints_come_from_the_table() {
        assert_eq!(
            hint(Context::Prompt),
            "Enter keep · Esc cancel · Ctrl-R regex"
        );
        assert_eq!(
            hint(Context::Editor),
            "Esc saves · Ctrl-C throws away · Ctrl-O own editor"
        );
        assert_eq!(
            hint(Context::Library),
            "j k ↑ ↓ choose · Enter open · / find by title · q quit · ? keys"
        );
    }
}
