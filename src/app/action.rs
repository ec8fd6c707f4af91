//! Everything a reader can ask for. Keys, mouse events and the terminal map to these; the
//! update function is the only place they take effect.

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sidebar,
    Text,
    Notes,
}

/// One thing the reader asked for, or that happened to the reader (the last group: what
/// the runner reports).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the reader (back to the library, when it was opened from there).
    Quit,
    /// Leave margin altogether.
    QuitAll,
    /// Hand the terminal back to the shell and stop, as Ctrl-Z does anywhere; `fg` brings
    /// the reader back as it was.
    Suspend,
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
    /// Scroll the list of keys by this many half pages (negative: up).
    HelpPages(i64),
    /// Go to the list of keys' last line (true) or first.
    HelpEnd(bool),
    /// Open the search prompt.
    StartSearch,
    /// Type into the search prompt.
    SearchInput(char),
    /// Delete the character before the search prompt's cursor.
    SearchBackspace,
    /// Move the search prompt's cursor, or delete before it.
    SearchEdit(super::line_edit::LineEdit),
    /// Show an older (true) or newer search in the prompt.
    SearchHistory(bool),
    /// Switch the search between plain text and regular expressions.
    SearchToggleRegex,
    /// Keep the search and close the prompt.
    SearchSubmit,
    /// Go to the next match.
    NextMatch,
    /// Go to the previous match.
    PrevMatch,
    /// Widen (positive) or narrow the text's measure by this many steps of 4 columns.
    Measure(i64),
    /// Justify the text, or set it ragged right.
    ToggleJustify,
    /// Switch to the next theme (dark, light, the terminal's own colours), in place.
    CycleTheme,
    /// Let the terminal have the mouse (for selecting and copying text), or take it back.
    ToggleMouse,
    /// The wheel turned over a pane (rows: negative is up).
    Wheel { column: u16, row: u16, lines: i64 },
    /// A click at a screen cell.
    Click { column: u16, row: u16 },
    /// The terminal is now this size.
    Resize { width: u16, height: u16 },
    /// Write a note on the focused paragraph.
    AddNote,
    /// Start selecting exact words, on the focused paragraph's first sentence.
    StartSelection,
    /// Move the selection's end by a sentence, a word or a paragraph, forward or back.
    ExtendSelection {
        unit: super::selection::Unit,
        forward: bool,
    },
    /// Stop selecting, marking nothing.
    CancelSelection,
    /// Highlight the selected words: a note on them with nothing written.
    HighlightSelection,
    /// Write a note on exactly the selected words.
    NoteSelection,
    /// Copy the selected words as a quotation with the essay's title.
    CopySelection,
    /// Write a note on the focused paragraph in `$VISUAL`/`$EDITOR`, or (in the notes pane)
    /// change the selected note there.
    ExternalEdit,
    /// Change the selected note.
    EditNote,
    /// Delete the selected note (after a yes).
    DeleteNote,
    /// Bring back the last deleted note.
    UndoDelete,
    /// Switch the notes pane between this section's notes and all notes.
    ToggleNotesView,
    /// Open the notes search.
    StartNotesFilter,
    /// Type into the notes search.
    FilterInput(char),
    /// Delete the last character of the notes search.
    FilterBackspace,
    /// Keep the notes search and close its prompt.
    FilterSubmit,
    /// A key for the note editor.
    EditorKey(crossterm::event::KeyEvent),
    /// Save the note being written and close the editor.
    EditorSave,
    /// Close the editor without saving (asks first if anything was typed).
    EditorDiscard,
    /// Text pasted into the terminal.
    Paste(String),
    /// List the focused passage's links over the text.
    ShowLinks,
    /// Move the selection in the list of links by this many rows.
    SelectLink(i64),
    /// Follow the selected link: go to its section, show its footnote, or ask to open it.
    FollowLink,
    /// Follow the link of this number in the list (from 1).
    PickLink(usize),
    /// Show the footnotes the focused passage refers to, over the text.
    ShowFootnotes,
    /// Scroll the footnote shown by this many lines.
    ScrollFootnote(i64),
    /// Go to the shown footnote's definition in the text.
    GoToFootnote,
    /// Go back to where the last big move left from (`true`), or forward again.
    Jump(bool),
    /// The answer to the question on the status line.
    Confirm(bool),
    /// The external editor closed, with the text it left, or why it failed.
    ExternalEditDone(Result<String, EditFailed>),
    /// A note was saved (the store's merged notes) or could not be (why).
    NotesSaved(Result<Vec<crate::notes::Note>, String>),
    /// Notes that could not be saved before were saved on a retry (the merged notes).
    NotesRetried(Vec<crate::notes::Note>),
    /// The browser could not be started for a link (why).
    LinkNotOpened(String),
    /// The reading position could not be saved (why).
    PositionNotSaved(String),
    /// A quotation was sent to the terminal's clipboard and kept in this file, or the file
    /// could not be written (why).
    Copied(Result<String, String>),
    /// The essay's notes, kept position and draft, read from disk as it opened.
    Opened(Box<Opened>),
    /// The whole of a long essay, read while its start was shown.
    RestLoaded(Box<Whole>),
    /// The rest of a long essay could not be read (why).
    RestFailed(String),
    /// Time passed: the runner's clock, for the timers.
    Tick(std::time::Instant),
}

impl Action {
    /// Whether the reader did this (a key, the wheel, a click, a paste), as opposed to
    /// something the runner reports. A message lasts until the reader's next key.
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            Action::Resize { .. }
                | Action::NotesSaved(_)
                | Action::NotesRetried(_)
                | Action::PositionNotSaved(_)
                | Action::LinkNotOpened(_)
                | Action::Copied(_)
                | Action::ExternalEditDone(_)
                | Action::Opened(_)
                | Action::RestLoaded(_)
                | Action::RestFailed(_)
                | Action::Tick(_)
        )
    }
}

/// Work for the world outside the state: the runner does it and reports failures back as
/// status messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the reading position to disk.
    SavePosition(Box<crate::store::position::Position>),
    /// Capture the mouse (true) or release it to the terminal (false).
    SetMouseCapture(bool),
    /// Draw with this theme from now on (the library too, and the essays opened next).
    SetTheme(crate::config::ThemeName),
    /// Store this note (new, changed or deleted) at once.
    SaveNote(Box<crate::notes::Note>),
    /// Open `$VISUAL`/`$EDITOR` on this text.
    EditExternally(String),
    /// Write the unsaved notes to a rescue file.
    RescueNotes,
    /// The note that came back from a kept draft is saved or thrown away: the draft file
    /// can go.
    ForgetDraft,
    /// Try again to save notes that could not be saved.
    RetryNotes,
    /// Open this web or mail address with the reader's browser, detached from the
    /// terminal (the reader has seen it whole and said yes).
    OpenLink(String),
    /// Put this text on the terminal's clipboard (OSC 52), and keep it in a file of the
    /// data folder, as the terminal may not take it.
    CopyToClipboard(String),
    /// Give the terminal back to the shell and stop margin (job control), then take the
    /// terminal again and draw everything when it continues.
    Suspend,
}

/// What the disk holds for an essay, read when it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The essay's notes, deleted ones included.
    pub notes: Vec<crate::notes::Note>,
    /// The kept reading position (`None`: none kept, or none asked for), or why it could
    /// not be read.
    pub position: Result<Option<crate::store::position::Position>, String>,
    /// A note that was being written when margin was last stopped.
    pub draft: Option<crate::notes::draft::Draft>,
    /// Why the notes file could not be read (it is then never written over).
    pub notes_problem: Option<String>,
    /// How the essay's kept data was found, when the reader should know: from an essay
    /// whose text is only alike, or kept apart from several alike ones.
    pub identity: Option<String>,
}

impl Default for Opened {
    /// Nothing kept: an essay opened for the first time, or from standard input.
    fn default() -> Opened {
        Opened {
            notes: Vec::new(),
            position: Ok(None),
            draft: None,
            notes_problem: None,
            identity: None,
        }
    }
}

/// The whole of a long essay, read in the background while its start was shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Whole {
    pub doc: super::document::Document,
    /// What reading it found wrong but could get past (invalid UTF-8, say).
    pub warnings: Vec<String>,
}

/// The external editor did not end well (it exited with an error, was stopped by a hang-up,
/// or the terminal failed after it): why, and the text it had written, if any and changed,
/// which is kept in margin's editor (and as a draft should margin be stopped), never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditFailed {
    pub why: String,
    pub text: Option<String>,
}

impl From<&str> for EditFailed {
    fn from(why: &str) -> EditFailed {
        EditFailed {
            why: why.to_string(),
            text: None,
        }
    }
}
