//! Colours and attributes for each kind of text. `NO_COLOR` keeps the attributes (bold,
//! italic, underline, reverse) so the structure still reads without colour.
//!
//! The light theme brings its own paper and ink: every cell it draws gets its background
//! and every style its foreground, so it reads the same on a dark terminal as on a light
//! one. The others keep the terminal's background.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;
use crate::essay::Style as TextStyle;
use crate::layout::Role;

/// The light theme's paper and ink.
pub const PAPER: Color = Color::Rgb(250, 248, 240);
pub const INK: Color = Color::Rgb(34, 34, 34);

#[derive(Debug, Clone)]
pub struct Theme {
    /// Laid on every cell of the screen before anything is drawn: the theme's own
    /// background (and ink), or nothing to keep the terminal's.
    pub background: Style,
    pub text: Style,
    pub title: Style,
    pub subtitle: Style,
    /// Headings by level: 1, 2, 3, and 4 to 6.
    pub headings: [Style; 4],
    pub subheading: Style,
    pub code: Style,
    pub link: Style,
    pub decoration: Style,
    pub dim: Style,
    pub focus_mark: Style,
    pub note_mark: Style,
    pub matched: Style,
    pub current_match: Style,
    /// Highlighted passages, and passages that notes are written on.
    pub highlight: Style,
    /// Words being selected.
    pub selection: Style,
    pub selected: Style,
    pub current: Style,
    pub status: Style,
    pub message: Style,
    pub border: Style,
}

impl Theme {
    /// The theme `name` stands for; `no_color` (`NO_COLOR`) gives the colourless one.
    pub fn named(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::plain();
        }
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Terminal => Theme::terminal(),
        }
    }

    pub fn dark() -> Theme {
        let fg = Style::default();
        Theme {
            background: fg,
            text: fg,
            title: fg.add_modifier(Modifier::BOLD).fg(Color::LightYellow),
            subtitle: fg.add_modifier(Modifier::ITALIC).fg(Color::Gray),
            headings: [
                fg.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                    .fg(Color::LightCyan),
                fg.add_modifier(Modifier::BOLD).fg(Color::LightCyan),
                fg.add_modifier(Modifier::BOLD).fg(Color::Cyan),
                fg.add_modifier(Modifier::BOLD | Modifier::ITALIC),
            ],
            subheading: fg.add_modifier(Modifier::BOLD).fg(Color::Cyan),
            code: fg.fg(Color::LightYellow),
            link: fg.fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
            decoration: fg.fg(Color::DarkGray),
            dim: fg.fg(Color::DarkGray),
            focus_mark: fg.fg(Color::Yellow),
            note_mark: fg.fg(Color::LightMagenta),
            matched: fg.bg(Color::Rgb(90, 80, 20)).fg(Color::White),
            current_match: fg.bg(Color::Yellow).fg(Color::Black),
            highlight: fg.bg(Color::Rgb(70, 40, 80)),
            selection: fg.bg(Color::Rgb(40, 70, 110)).fg(Color::White),
            selected: fg.add_modifier(Modifier::REVERSED),
            current: fg.fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            status: fg.bg(Color::Rgb(40, 40, 48)).fg(Color::Gray),
            message: fg.fg(Color::LightYellow),
            border: fg.fg(Color::DarkGray),
        }
    }

    /// Dark inks on its own light paper, whatever the terminal's background.
    pub fn light() -> Theme {
        // RGB throughout: the sixteen named colours are the terminal's palette's, made for
        // its own background, and may not read on this paper.
        const BLUE: Color = Color::Rgb(25, 70, 160);
        const GREY: Color = Color::Rgb(95, 95, 95);
        const PALE: Color = Color::Rgb(150, 150, 150);
        const PLUM: Color = Color::Rgb(140, 40, 120);
        let fg = Style::default().fg(INK).bg(PAPER);
        Theme {
            background: fg,
            text: fg,
            title: fg.add_modifier(Modifier::BOLD).fg(Color::Rgb(120, 60, 0)),
            subtitle: fg.add_modifier(Modifier::ITALIC).fg(GREY),
            headings: [
                fg.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                    .fg(BLUE),
                fg.add_modifier(Modifier::BOLD).fg(BLUE),
                fg.add_modifier(Modifier::BOLD).fg(Color::Rgb(40, 70, 120)),
                fg.add_modifier(Modifier::BOLD | Modifier::ITALIC),
            ],
            subheading: fg.add_modifier(Modifier::BOLD).fg(BLUE),
            code: fg.fg(Color::Rgb(140, 60, 0)),
            link: fg.fg(BLUE).add_modifier(Modifier::UNDERLINED),
            decoration: fg.fg(PALE),
            dim: fg.fg(GREY),
            focus_mark: fg.fg(Color::Rgb(200, 120, 0)),
            note_mark: fg.fg(PLUM),
            matched: fg.bg(Color::Rgb(255, 240, 170)),
            current_match: fg.bg(Color::Rgb(255, 200, 60)).fg(INK),
            highlight: fg.bg(Color::Rgb(250, 220, 240)),
            selection: fg.bg(Color::Rgb(190, 215, 250)),
            selected: fg.add_modifier(Modifier::REVERSED),
            current: fg.fg(Color::Rgb(160, 80, 0)).add_modifier(Modifier::BOLD),
            status: fg.bg(Color::Rgb(225, 225, 230)).fg(INK),
            message: fg.fg(Color::Rgb(160, 60, 0)),
            border: fg.fg(PALE),
        }
    }

    /// The terminal's own colours: only the sixteen named colours, which every palette
    /// defines, so the reader looks right on any background.
    pub fn terminal() -> Theme {
        let fg = Style::default();
        Theme {
            background: fg,
            text: fg,
            title: fg.add_modifier(Modifier::BOLD),
            subtitle: fg.add_modifier(Modifier::ITALIC),
            headings: [
                fg.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                fg.add_modifier(Modifier::BOLD).fg(Color::Cyan),
                fg.add_modifier(Modifier::BOLD),
                fg.add_modifier(Modifier::ITALIC),
            ],
            subheading: fg.add_modifier(Modifier::BOLD),
            code: fg.fg(Color::Yellow),
            link: fg.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            decoration: fg.add_modifier(Modifier::DIM),
            dim: fg.add_modifier(Modifier::DIM),
            focus_mark: fg.fg(Color::Yellow),
            note_mark: fg.fg(Color::Magenta),
            matched: fg.add_modifier(Modifier::UNDERLINED).fg(Color::Yellow),
            current_match: fg.add_modifier(Modifier::REVERSED),
            highlight: fg.add_modifier(Modifier::UNDERLINED).fg(Color::Magenta),
            selection: fg.add_modifier(Modifier::REVERSED),
            selected: fg.add_modifier(Modifier::REVERSED),
            current: fg.add_modifier(Modifier::BOLD).fg(Color::Yellow),
            status: fg.add_modifier(Modifier::REVERSED),
            message: fg.add_modifier(Modifier::BOLD),
            border: fg.add_modifier(Modifier::DIM),
        }
    }

    /// No colour at all: structure by attributes only.
    pub fn plain() -> Theme {
        let fg = Style::default();
        Theme {
            background: fg,
            text: fg,
            title: fg.add_modifier(Modifier::BOLD),
            subtitle: fg.add_modifier(Modifier::ITALIC),
            headings: [
                fg.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                fg.add_modifier(Modifier::BOLD),
                fg.add_modifier(Modifier::BOLD | Modifier::ITALIC),
                fg.add_modifier(Modifier::ITALIC),
            ],
            subheading: fg.add_modifier(Modifier::BOLD),
            code: fg,
            link: fg.add_modifier(Modifier::UNDERLINED),
            decoration: fg.add_modifier(Modifier::DIM),
            dim: fg.add_modifier(Modifier::DIM),
            focus_mark: fg.add_modifier(Modifier::BOLD),
            note_mark: fg.add_modifier(Modifier::BOLD),
            matched: fg.add_modifier(Modifier::UNDERLINED),
            current_match: fg.add_modifier(Modifier::REVERSED),
            highlight: fg.add_modifier(Modifier::UNDERLINED),
            selection: fg.add_modifier(Modifier::REVERSED),
            selected: fg.add_modifier(Modifier::REVERSED),
            current: fg.add_modifier(Modifier::BOLD),
            status: fg.add_modifier(Modifier::REVERSED),
            message: fg.add_modifier(Modifier::BOLD),
            border: fg.add_modifier(Modifier::DIM),
        }
    }

    /// The style of a run of essay text.
    pub fn run(&self, role: Role, style: &TextStyle) -> Style {
        let mut s = match role {
            Role::Title => self.title,
            Role::Subtitle => self.subtitle,
            Role::Heading(level) => self.headings[usize::from(level.clamp(1, 4) - 1)],
            Role::Code => self.code,
            Role::Decoration | Role::Rule => self.decoration,
            Role::Body | Role::Hyphen => self.text,
        };
        if style.strong {
            s = s.add_modifier(Modifier::BOLD);
        }
        if style.emphasis || style.image {
            s = s.add_modifier(Modifier::ITALIC);
        }
        if style.strikethrough {
            s = s.add_modifier(Modifier::CROSSED_OUT);
        }
        if style.code {
            s = s.patch(self.code);
        }
        if style.link.is_some() {
            s = s.patch(self.link);
        }
        if style.footnote_ref {
            s = s.patch(self.dim);
        }
        s
    }
}
