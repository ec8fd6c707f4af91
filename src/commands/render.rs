//! `margin render`: the essay laid out as the reader shows it, printed. Styled with SGR
//! attributes when stdout is a terminal; colours are dropped under `NO_COLOR`, attributes
//! (bold, italic, underline) kept so the structure still reads.

use std::fmt::Write as _;

use crossterm::style::{Attribute, Color, Stylize};

use crate::layout::{Layout, Role, Run};

/// How the printed text is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Styling {
    Plain,
    Attributes,
    Colour,
}

pub fn render(layout: &Layout, styling: Styling) -> String {
    let mut out = String::new();
    for line in &layout.lines {
        let mut text = String::new();
        for run in &line.runs {
            if styling == Styling::Plain {
                text.push_str(&run.text);
            } else {
                let _ = write!(text, "{}", styled(run, styling));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

fn styled(run: &Run, styling: Styling) -> crossterm::style::StyledContent<&str> {
    let mut s = run.text.as_str().stylize();
    let colour = styling == Styling::Colour;
    match run.role {
        Role::Title => s = s.attribute(Attribute::Bold),
        Role::Subtitle => s = s.attribute(Attribute::Italic),
        Role::Heading(level) => {
            s = s.attribute(Attribute::Bold);
            if level <= 2 && colour {
                s = s.with(Color::Cyan);
            }
        }
        Role::Code if colour => s = s.with(Color::Yellow),
        Role::Decoration | Role::Rule => {
            s = s.attribute(Attribute::Dim);
        }
        _ => {}
    }
    let st = &run.style;
    if st.strong {
        s = s.attribute(Attribute::Bold);
    }
    if st.emphasis || st.image {
        s = s.attribute(Attribute::Italic);
    }
    if st.strikethrough {
        s = s.attribute(Attribute::CrossedOut);
    }
    if st.link.is_some() {
        s = s.attribute(Attribute::Underlined);
        if colour {
            s = s.with(Color::Blue);
        }
    }
    if st.code && colour {
        s = s.with(Color::Yellow);
    }
    if st.footnote_ref && colour {
        s = s.with(Color::DarkGrey);
    }
    s
}
