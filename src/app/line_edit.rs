//! Editing one line of text as a shell does: a cursor that moves by characters, to either
//! end, and deletes the character before it, the word before it or everything before it.
//! The search prompt is such a line.

/// How a line is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEdit {
    /// The cursor a character left.
    Left,
    /// The cursor a character right.
    Right,
    /// The cursor to the start.
    Home,
    /// The cursor to the end.
    End,
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the word before the cursor (`Ctrl-W`).
    DeleteWord,
    /// Delete everything before the cursor (`Ctrl-U`).
    DeleteToStart,
}

/// A line and its cursor, a byte offset on a character boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub cursor: usize,
}

impl Line {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Line {
        Line {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    /// Types `s` at the cursor.
    pub fn insert(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    pub fn apply(&mut self, edit: LineEdit) {
        let before = &self.text[..self.cursor];
        let prev = before.char_indices().next_back().map_or(0, |(i, _)| i);
        match edit {
            LineEdit::Left => self.cursor = prev,
            LineEdit::Right => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
            }
            LineEdit::Home => self.cursor = 0,
            LineEdit::End => self.cursor = self.text.len(),
            LineEdit::Backspace => self.delete_from(prev),
            LineEdit::DeleteWord => {
                // The spaces before the cursor, then the word before them.
                let trimmed = before.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                self.delete_from(start);
            }
            LineEdit::DeleteToStart => self.delete_from(0),
        }
    }

    fn delete_from(&mut self, start: usize) {
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(text: &str, cursor_from_end: usize, edits: &[LineEdit]) -> (String, String) {
        let mut line = Line::new(text);
        for _ in 0..cursor_from_end {
            line.apply(LineEdit::Left);
        }
        for &e in edits {
            line.apply(e);
        }
        let (a, b) = line.split();
        (a.to_string(), b.to_string())
    }

    #[test]
    fn the_cursor_moves_by_characters_and_stops_at_the_ends() {
        assert_eq!(edited("café", 1, &[]), ("caf".into(), "é".into()));
        assert_eq!(
            edited("ab", 0, &[LineEdit::Right, LineEdit::Home, LineEdit::Left]),
            (String::new(), "ab".into())
        );
        assert_eq!(
            edited("ab", 2, &[LineEdit::End]),
            ("ab".into(), String::new())
        );
    }

    #[test]
    fn typing_goes_in_at_the_cursor() {
        let mut line = Line::new("held");
        line.apply(LineEdit::Left);
        line.apply(LineEdit::Left);
        line.insert("l");
        assert_eq!(line.text, "helld");
        assert_eq!(line.split().0, "hel");
    }

    #[test]
    fn deleting_a_character_a_word_or_the_start() {
        assert_eq!(
            edited("one two  ", 0, &[LineEdit::DeleteWord]),
            ("one ".into(), String::new())
        );
        assert_eq!(
            edited("one two", 3, &[LineEdit::DeleteWord]),
            (String::new(), "two".into())
        );
        assert_eq!(
            edited("one two", 3, &[LineEdit::DeleteToStart]),
            (String::new(), "two".into())
        );
        assert_eq!(
            edited("né", 0, &[LineEdit::Backspace]),
            ("n".into(), String::new())
        );
        assert_eq!(
            edited("", 0, &[LineEdit::Backspace, LineEdit::DeleteWord]),
            (String::new(), String::new())
        );
    }
}
