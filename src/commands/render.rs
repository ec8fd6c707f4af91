//! `margin render`: the essay laid out as the reader shows it, printed. Styled with the
//! reader's theme when stdout is a terminal; under `NO_COLOR` with its colourless theme,
//! whose bold, italic and underline keep the structure readable.

use std::fmt::Write as _;

use crossterm::style::{ContentStyle, StyledContent};
use ratatui::backend::IntoCrossterm;

use crate::layout::{Line, Run};
use crate::ui::theme::Theme;

/// How the printed text is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Styling {
    Plain,
    Attributes,
    Colour,
}

pub fn render(lines: &[Line], styling: Styling) -> String {
    let theme = if styling == Styling::Colour {
        Theme::dark()
    } else {
        Theme::plain()
    };
    let mut out = String::new();
    for line in lines {
        let mut text = String::new();
        for run in &line.runs {
            if styling == Styling::Plain {
                text.push_str(&run.text);
            } else {
                let _ = write!(text, "{}", styled(run, &theme));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// A run in the reader's own theme (the colourless one under `NO_COLOR`), as SGR.
fn styled<'a>(run: &'a Run, theme: &Theme) -> StyledContent<&'a str> {
    let style: ContentStyle = theme.run(run.role, &run.style).into_crossterm();
    StyledContent::new(style, run.text.as_str())
}
