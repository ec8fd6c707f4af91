//! Everything a reader can ask for. Keys, mouse events and the terminal map to these; the
//! update function is the only place they take effect.

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sidebar,
    Text,
    Notes,
}

/// One thing the reader asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// Close the open overlay, cancel the prompt, or clear the search.
    Escape,
    /// Move by this many lines (negative: up).
    ScrollLines(i64),
    /// Move by this many pages (negative: up), keeping a line of context.
    ScrollPages(i64),
    /// Move by this many half pages (negative: up).
    ScrollHalfPages(i64),
    /// Go to the start of the essay.
    Top,
    /// Go to the end of the essay.
    Bottom,
    /// Bring the next section's heading to the top.
    NextSection,
    /// Bring the previous section's heading (or this one's, when inside it) to the top.
    PrevSection,
    /// Move the focus marker to the next paragraph.
    NextParagraph,
    /// Move the focus marker to the previous paragraph.
    PrevParagraph,
    /// Give the keyboard to the next pane.
    FocusNext,
    /// Give the keyboard to the previous pane.
    FocusPrev,
    /// Move the selection in the focused list (sidebar, notes) by this many rows.
    Select(i64),
    /// Open what is selected in the focused list (jump to the section).
    Activate,
    /// Fold the selected branch of the outline.
    Collapse,
    /// Unfold the selected branch of the outline.
    Expand,
    /// Show or hide the outline.
    ToggleSidebar,
    /// Show or hide the notes pane.
    ToggleNotes,
    /// Show or hide the list of keys.
    ToggleHelp,
    /// Scroll the list of keys by this many rows.
    ScrollHelp(i64),
    /// Open the search prompt.
    StartSearch,
    /// Type into the search prompt.
    SearchInput(char),
    /// Delete the last character of the search prompt.
    SearchBackspace,
    /// Switch the search between plain text and regular expressions.
    SearchToggleRegex,
    /// Keep the search and close the prompt.
    SearchSubmit,
    /// Go to the next match.
    NextMatch,
    /// Go to the previous match.
    PrevMatch,
    /// Let the terminal have the mouse (for selecting and copying text), or take it back.
    ToggleMouse,
    /// The wheel turned over a pane (rows: negative is up).
    Wheel { column: u16, row: u16, lines: i64 },
    /// A click at a screen cell.
    Click { column: u16, row: u16 },
    /// The terminal is now this size.
    Resize { width: u16, height: u16 },
}

/// Work for the world outside the state: the runner does it and reports failures back as
/// status messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the reading position to disk.
    SavePosition,
    /// Capture the mouse (true) or release it to the terminal (false).
    SetMouseCapture(bool),
}
