//! The configuration file, `$XDG_CONFIG_HOME/margin/config.toml` (usually
//! `~/.config/margin/config.toml`). Every key is optional:
//!
//! ```toml
//! width = 72          # widest text measure, in columns (20 to 400)
//! wpm = 238           # reading speed, words a minute, for minutes left (50 to 2000)
//! theme = "dark"      # "dark", "light", or "terminal" (the terminal's own colours)
//! library = "~/essays" # the folder `margin` with no file lists
//! sidebar = true      # the outline starts open on wide terminals
//! notes = false       # the notes pane starts open on wide terminals
//! justify = false     # set the text justified
//! typography = true   # curly quotes, dashes and ellipses in Markdown (never in code)
//! ```
//!
//! A bad file never stops margin: each problem is reported with its line and key, and the
//! keys that were good are still used.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::show_path;
use crate::essay::Typography;
use crate::essay::stats::WORDS_PER_MINUTE;
use crate::sanitize::sanitize;

/// One problem in the configuration file. Shown as `FILE:LINE: what; what margin did`,
/// through the terminal's gate: it quotes the file (its keys, a broken line), which may
/// come from anywhere.
#[derive(Debug)]
pub enum ConfigProblem {
    /// The file exists but cannot be read: the defaults are used.
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A key set twice in a file that is not TOML as a whole (TOML itself refuses it).
    SetTwice {
        file: String,
        line: usize,
        key: String,
    },
    /// A line that is not TOML, with the parser's reason.
    NotToml {
        file: String,
        line: usize,
        why: String,
    },
    /// A known key with a value it cannot take; `expected` says what it takes.
    Invalid {
        file: String,
        line: usize,
        key: String,
        expected: &'static str,
    },
    UnknownKey {
        file: String,
        line: usize,
        key: String,
    },
}

impl ConfigProblem {
    /// The line it is on (0 for the file as a whole), to list problems in the file's order.
    pub fn line(&self) -> usize {
        match self {
            ConfigProblem::Unreadable { .. } => 0,
            ConfigProblem::SetTwice { line, .. }
            | ConfigProblem::NotToml { line, .. }
            | ConfigProblem::Invalid { line, .. }
            | ConfigProblem::UnknownKey { line, .. } => *line,
        }
    }

    fn plain(&self) -> String {
        match self {
            ConfigProblem::Unreadable { path, source } => {
                format!(
                    "{}: cannot be read ({source}); using defaults",
                    show_path(path)
                )
            }
            ConfigProblem::SetTwice { file, line, key } => {
                format!("{file}:{line}: `{key}` is set twice; the first is used")
            }
            ConfigProblem::NotToml { file, line, why } => {
                format!("{file}:{line}: {why}; line ignored")
            }
            ConfigProblem::Invalid {
                file,
                line,
                key,
                expected,
            } => format!("{file}:{line}: `{key}` should be {expected}; ignored"),
            ConfigProblem::UnknownKey { file, line, key } => {
                format!("{file}:{line}: unknown key `{key}`; ignored")
            }
        }
    }
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // Sanitized whole, as one line: an escape sequence split over the parts would
        // otherwise be judged piecemeal.
        f.write_str(&sanitize(&self.plain()))
    }
}

impl std::error::Error for ConfigProblem {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigProblem::Unreadable { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Colours for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
    /// The terminal's own foreground and background, with a few named colours.
    Terminal,
}

impl ThemeName {
    /// The theme `T` switches to from this one: dark, light, terminal, and round again.
    pub fn next(self) -> ThemeName {
        match self {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::Terminal,
            ThemeName::Terminal => ThemeName::Dark,
        }
    }

    /// The name the configuration file uses.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Terminal => "terminal",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub width: u16,
    pub wpm: f64,
    pub theme: ThemeName,
    pub library: Option<PathBuf>,
    pub sidebar: bool,
    pub notes: Option<bool>,
    pub justify: bool,
    /// Smart punctuation in Markdown essays (`typography = false`: as typed).
    pub typography: bool,
}

impl Config {
    /// How Markdown essays' punctuation is set.
    pub fn typography(&self) -> Typography {
        if self.typography {
            Typography::Smart
        } else {
            Typography::Plain
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            width: 72,
            wpm: WORDS_PER_MINUTE,
            theme: ThemeName::Dark,
            library: None,
            sidebar: true,
            notes: None,
            justify: false,
            typography: true,
        }
    }
}

/// One key of the configuration file, for the manual: its name, a value it takes, and
/// what it sets. [`parse`] is the authority; a test keeps this list to keys it knows.
pub struct Key {
    pub name: &'static str,
    pub example: &'static str,
    pub meaning: &'static str,
}

/// Every key the configuration file takes, in the order the manual lists them.
pub const KEYS: &[Key] = &[
    Key {
        name: "width",
        example: "72",
        meaning: "the widest text measure, in columns (20 to 400)",
    },
    Key {
        name: "wpm",
        example: "238",
        meaning: "reading speed in words a minute, for reading times and minutes left (50 to 2000)",
    },
    Key {
        name: "theme",
        example: "\"dark\"",
        meaning: "\"dark\", \"light\", or \"terminal\" (the terminal's own colours)",
    },
    Key {
        name: "library",
        example: "\"~/essays\"",
        meaning: "the folder margin lists when no file is given",
    },
    Key {
        name: "sidebar",
        example: "true",
        meaning: "the outline starts open on wide terminals",
    },
    Key {
        name: "notes",
        example: "false",
        meaning: "the notes pane starts open on wide terminals",
    },
    Key {
        name: "justify",
        example: "false",
        meaning: "set the text justified",
    },
    Key {
        name: "typography",
        example: "true",
        meaning: "curly quotes, dashes and ellipses in Markdown (never in code)",
    },
];

/// Where the configuration file is.
pub fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("margin").join("config.toml"))
}

/// The status line for `count` mistakes in the configuration file: how many, and the
/// command that lists them all. `None` when there are none.
pub fn summary(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => Some("config: 1 mistake; `margin config check` shows it".to_string()),
        n => Some(format!(
            "config: {n} mistakes; `margin config check` lists them"
        )),
    }
}

/// What `margin config check` prints: every mistake, a line each, or one line saying there
/// are none. `file` is where the configuration is looked for (`None`: no home to look in).
pub fn report(file: Option<&Path>, problems: &[ConfigProblem]) -> String {
    let name = file.map_or_else(|| "the configuration file".to_string(), show_path);
    if problems.is_empty() {
        let exists = file.is_some_and(Path::exists);
        return if exists {
            format!("{name}: no mistakes\n")
        } else {
            format!("{name}: no such file, so no mistakes; margin uses its defaults\n")
        };
    }
    let mut out = String::new();
    for p in problems {
        out.push_str(&p.to_string());
        out.push('\n');
    }
    out
}

/// The most a configuration file may hold: a few lines of settings.
const CONFIG_CAP: u64 = 1 << 20;

/// Reads the configuration file, if there is one. Returns the configuration and the
/// problems found, each a line naming the file, the line and the key.
pub fn load() -> (Config, Vec<ConfigProblem>) {
    match path() {
        // Only a regular file, read without waiting: a FIFO there would hang the start.
        Some(p) if p.exists() => match crate::store::regular::read_to_string(&p, CONFIG_CAP) {
            Ok(text) => parse(&text, &p),
            Err(source) => (
                Config::default(),
                vec![ConfigProblem::Unreadable { path: p, source }],
            ),
        },
        _ => (Config::default(), Vec::new()),
    }
}

/// Parses configuration `text` read from `file`.
pub fn parse(text: &str, file: &Path) -> (Config, Vec<ConfigProblem>) {
    let name = show_path(file);
    let mut config = Config::default();
    let mut problems: Vec<ConfigProblem> = Vec::new();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        // A file that is not TOML as a whole is read a line at a time, so one broken line
        // costs only itself.
        Err(_) => {
            let mut table = toml::Table::new();
            for (n, line) in text.lines().enumerate() {
                let trimmed = line.trim();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                match line.parse::<toml::Table>() {
                    Ok(t) => {
                        for (k, v) in t {
                            if table.contains_key(&k) {
                                problems.push(ConfigProblem::SetTwice {
                                    file: name.clone(),
                                    line: n + 1,
                                    key: k,
                                });
                            } else {
                                table.insert(k, v);
                            }
                        }
                    }
                    Err(e) => {
                        let why = e.message().lines().next().unwrap_or("not TOML").to_string();
                        problems.push(ConfigProblem::NotToml {
                            file: name.clone(),
                            line: n + 1,
                            why,
                        });
                    }
                }
            }
            table
        }
    };
    let line_of = |key: &str| {
        text.lines()
            .position(|l| {
                let l = l.trim_start();
                l.strip_prefix('[')
                    .and_then(|r| r.strip_prefix(key))
                    .is_some_and(|r| r.starts_with(']'))
                    || l.strip_prefix(key)
                        .is_some_and(|r| r.trim_start().starts_with('='))
            })
            .map_or(0, |i| i + 1)
    };
    for (key, value) in &table {
        let line = line_of(key);
        let mut bad = |expected: &'static str| {
            problems.push(ConfigProblem::Invalid {
                file: name.clone(),
                line,
                key: key.clone(),
                expected,
            });
        };
        match key.as_str() {
            "width" => match value.as_integer() {
                Some(n) if (20..=400).contains(&n) => config.width = n as u16,
                _ => bad("a number of columns from 20 to 400"),
            },
            "wpm" => match value.as_integer().map(|n| n as f64).or(value.as_float()) {
                Some(n) if (50.0..=2000.0).contains(&n) => config.wpm = n,
                _ => bad("words a minute, from 50 to 2000"),
            },
            "theme" => match value.as_str() {
                Some("dark") => config.theme = ThemeName::Dark,
                Some("light") => config.theme = ThemeName::Light,
                Some("terminal") => config.theme = ThemeName::Terminal,
                _ => bad("\"dark\", \"light\" or \"terminal\""),
            },
            "library" => match value.as_str() {
                Some(p) => config.library = Some(expand_home(p)),
                None => bad("a folder, as a string"),
            },
            "sidebar" => match value.as_bool() {
                Some(b) => config.sidebar = b,
                None => bad("true or false"),
            },
            "notes" => match value.as_bool() {
                Some(b) => config.notes = Some(b),
                None => bad("true or false"),
            },
            "justify" => match value.as_bool() {
                Some(b) => config.justify = b,
                None => bad("true or false"),
            },
            "typography" => match value.as_bool() {
                Some(b) => config.typography = b,
                None => bad("true or false"),
            },
            _ => problems.push(ConfigProblem::UnknownKey {
                file: name.clone(),
                line,
                key: key.clone(),
            }),
        }
    }
    // In the file's order, as a reader fixing it goes.
    problems.sort_by_key(ConfigProblem::line);
    (config, problems)
}

/// `~/x` → `$HOME/x`.
fn expand_home(p: &str) -> PathBuf {
    match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Problems as the reader sees them.
    fn parse_str(text: &str) -> (Config, Vec<String>) {
        let (config, problems) = parse(text, Path::new("config.toml"));
        (config, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn problems_quoting_the_file_are_sanitized() {
        // TOML's own escapes put ESC and BEL into a key and a value.
        let (_, problems) = parse_str(
            r#""\u001b]0;pwned\u0007" = 1
width = "\u001b[2J"
"#,
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        for p in &problems {
            assert!(!p.contains('\u{1b}') && !p.contains('\u{7}'), "{p:?}");
        }
        assert!(problems[0].contains("unknown key `␛`"), "{problems:?}");
        // A broken line is quoted in the parser's message; it is cleaned too.
        let (_, problems) = parse_str("width = 80\n\u{1b}]0;x\u{7} = = 1\n");
        assert!(
            problems.iter().all(|p| !p.contains('\u{1b}')),
            "{problems:?}"
        );
    }

    #[test]
    fn every_key() {
        let (c, problems) = parse_str(
            "width = 64\nwpm = 300\ntheme = \"light\"\nlibrary = \"/srv/essays\"\nsidebar = false\nnotes = true\njustify = true\ntypography = false\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.width, 64);
        assert_eq!(c.wpm, 300.0);
        assert_eq!(c.theme, ThemeName::Light);
        assert_eq!(c.library, Some(PathBuf::from("/srv/essays")));
        assert!(!c.sidebar && c.notes == Some(true) && c.justify);
        assert_eq!(c.typography(), Typography::Plain);
    }

    #[test]
    fn typography_is_on_unless_turned_off() {
        assert_eq!(Config::default().typography(), Typography::Smart);
        let (c, problems) = parse_str("typography = \"no\"\n");
        assert_eq!(
            c.typography(),
            Typography::Smart,
            "a bad value leaves it on"
        );
        assert!(problems[0].contains("true or false"), "{problems:?}");
    }

    #[test]
    fn empty_is_defaults() {
        assert_eq!(parse_str(""), (Config::default(), Vec::new()));
    }

    #[test]
    fn bad_values_name_line_and_key_and_keep_the_rest() {
        let (c, problems) = parse_str("width = 64\ntheme = \"neon\"\nwpm = \"fast\"\ncolour = 1\n");
        assert_eq!(c.width, 64);
        assert_eq!(c.theme, ThemeName::Dark);
        assert_eq!(problems.len(), 3);
        assert!(
            problems[0].contains("config.toml:2") && problems[0].contains("`theme`"),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains(":3") && p.contains("`wpm`"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains(":4") && p.contains("unknown key `colour`"))
        );
    }

    #[test]
    fn a_broken_line_costs_only_itself() {
        let (c, problems) =
            parse_str("width = 64\nthis is not toml\nwpm = 100\n[colors]\nfg = 1\n");
        assert_eq!(c.width, 64);
        assert_eq!(c.wpm, 100.0);
        assert!(
            problems.iter().any(|p| p.starts_with("config.toml:2:")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with("config.toml:4:")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_table_names_its_line() {
        let (_, problems) = parse_str("[colors]\nfg = 1\n");
        assert_eq!(
            problems,
            vec!["config.toml:1: unknown key `colors`; ignored".to_string()]
        );
    }

    #[test]
    fn the_status_line_counts_mistakes_and_names_the_command_that_lists_them() {
        assert_eq!(summary(0), None);
        let one = summary(1).unwrap();
        assert!(
            one.contains("1 mistake") && one.contains("margin config check"),
            "{one}"
        );
        let three = summary(3).unwrap();
        assert!(
            three.contains("3 mistakes") && three.contains("margin config check"),
            "{three}"
        );
    }

    #[test]
    fn the_report_lists_every_mistake_or_says_there_are_none() {
        let (_, problems) = parse(
            "width = 5\ntheme = \"neon\"\ncolour = 1\n",
            Path::new("config.toml"),
        );
        let report = report(Some(Path::new("config.toml")), &problems);
        assert_eq!(report.lines().count(), 3, "{report}");
        assert!(report.contains(":1:") && report.contains(":2:") && report.contains(":3:"));
        let none = super::report(Some(Path::new("/nonexistent/config.toml")), &[]);
        assert!(none.contains("no mistakes"), "{none}");
    }

    #[test]
    fn every_key_the_manual_lists_is_one_parse_knows() {
        for key in KEYS {
            let (_, problems) = parse_str(&format!("{} = {}\n", key.name, key.example));
            assert!(problems.is_empty(), "{}: {problems:?}", key.name);
        }
        // And the file's own example names no other key.
        let known: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
        for line in include_str!("config.rs").lines() {
            if let Some(rest) = line.strip_prefix("//! ")
                && let Some((name, _)) = rest.split_once(" = ")
            {
                assert!(known.contains(&name.trim()), "{name} is not in KEYS");
            }
        }
    }
}
