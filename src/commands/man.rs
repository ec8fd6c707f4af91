//! `margin man`: the manual page, in roff. One page holds everything: the synopsis, every
//! command and option (read from the command line's own definition), the keys of every
//! mode (from the key table), the configuration keys (from the configuration's list), the
//! environment, the files, the exit status and examples. It names no other margin page,
//! since none is written.

use clap::CommandFactory;

use crate::app::Pane;
use crate::app::keymap::{BINDINGS, Context, keys_of};
use crate::cli::{Cli, EXAMPLES};

/// The whole page.
pub fn page() -> String {
    let mut cli = Cli::command();
    cli.build();
    let mut out = String::new();
    out.push_str(&format!(
        ".TH MARGIN 1 \"\" \"margin {}\" \"User Commands\"\n",
        env!("CARGO_PKG_VERSION")
    ));
    // Left-aligned and unhyphenated: options and paths must read as typed.
    out.push_str(".nh\n.ad l\n");
    out.push_str(".SH NAME\nmargin \\- a terminal reader for long\\-form essays\n");
    synopsis(&cli, &mut out);
    out.push_str(".SH DESCRIPTION\n");
    if let Some(about) = cli.get_long_about().or(cli.get_about()) {
        out.push_str(&line(&text(&about.to_string())));
    }
    out.push_str(&line(&text(DESCRIPTION)));
    out.push_str(".SH OPTIONS\n");
    options(&cli, true, &mut out);
    commands(&cli, &mut out);
    keys(&mut out);
    configuration(&mut out);
    section(&mut out, "ENVIRONMENT", None, ENVIRONMENT);
    section(&mut out, "FILES", Some(FILES_INTRO), FILES);
    section(&mut out, "EXIT STATUS", None, EXIT_STATUS);
    examples(&mut out);
    out
}

const DESCRIPTION: &str = "With no file, margin lists the essays (.md, .markdown, .txt) of the \
library folder; with a file, it opens the reader on it, at the place you left it. Into a pipe, \
`margin FILE` prints the essay as `margin render` does. Wherever a file is named, an \
http:// or https:// address may be given instead: the page is downloaded (20 MB at most, \
redirects followed) and read as HTML, Markdown or plain text as its content type says. \
`margin add URL|FILE` keeps a copy in the library, to read offline.";

/// `(name, what)` pairs, each a tagged paragraph.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "MARGIN_HOME",
        "The data folder, for notes, reading positions, drafts and the library's cache. \
         Unset, it is `$XDG_DATA_HOME/margin`.",
    ),
    (
        "MARGIN_LIBRARY",
        "The library folder, when neither `margin DIR` nor `--library` names one; before \
         the configuration's `library`.",
    ),
    (
        "XDG_CONFIG_HOME",
        "Where the configuration file is looked for: `$XDG_CONFIG_HOME/margin/config.toml`. \
         Unset or empty, `~/.config`.",
    ),
    (
        "XDG_DATA_HOME",
        "Holds the data folder, `$XDG_DATA_HOME/margin`, unless `MARGIN_HOME` is set. \
         Unset or empty, `~/.local/share`.",
    ),
    (
        "HOME",
        "The home folder, for the defaults above and for `~/` in the configuration's \
         `library`.",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colour, whatever the theme; bold, italic and underline stay.",
    ),
    (
        "VISUAL, EDITOR",
        "The editor a note is written in after `E` or `Ctrl-O` (`VISUAL` first). It is run \
         through the shell, so `EDITOR=\"code --wait\"` works.",
    ),
    (
        "MARGIN_HTTP_TIMEOUT",
        "How many seconds a download may take in all (default 60; connecting, at most 10).",
    ),
    (
        "HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY",
        "The proxy downloads go through, and the hosts they reach without it.",
    ),
    (
        "BROWSER",
        "The browser a link is opened in, after its whole address is shown and `y` is \
         pressed: a `:`-separated list of commands tried in order, `%s` standing for the \
         address (else it comes last). Without one that starts, `xdg-open` (`open` on \
         macOS). It is started detached, with no terminal: a browser that needs one (lynx, \
         w3m) is not shown. Only `https:`, `http:` and `mailto:` addresses are opened.",
    ),
    (
        "TERM",
        "`dumb`: the reader cannot be shown; `margin render` prints the essay instead.",
    ),
];

const FILES_INTRO: &str = "`$MARGIN_HOME` below stands for the data folder: `$MARGIN_HOME` \
when it is set, else `$XDG_DATA_HOME/margin` (usually `~/.local/share/margin`). Its files are \
readable by you only, and written atomically. `KEY` is made from the essay's path.";

const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/margin/config.toml",
        "The configuration file (see CONFIGURATION). `margin config check` lists its mistakes.",
    ),
    (
        "$MARGIN_HOME/notes/KEY.toml",
        "An essay's notes, one file an essay, named for the essay's path. Damaged or newer \
         files are never overwritten; notes that cannot be saved are rescued to \
         `KEY.rescued-TIME-PID.toml` beside it (or in the temporary folder) as soon as a save \
         fails, and merged back when the essay next opens.",
    ),
    (
        "$MARGIN_HOME/notes/KEY.WINDOW.draft.json",
        "A note still being written when margin was stopped, one a window; each opens again \
         with the essay, the newest first.",
    ),
    (
        "$MARGIN_HOME/positions/KEY.json",
        "Where you were in an essay, the furthest you got, and the sections you have read.",
    ),
    (
        "$MARGIN_HOME/clipboard.txt",
        "The last quotation copied with `y`, also sent to the terminal's clipboard (OSC 52), \
         which a terminal may ignore without saying so.",
    ),
    (
        "$MARGIN_HOME/library-cache.json",
        "The library's titles, bylines, counts and outlines, by path, size and modification \
         time.",
    ),
    (
        "$MARGIN_HOME/essays/",
        "The library folder when none is named and there is no `essays/` in the current \
         folder; made on the first run.",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "1",
        "A runtime error: a missing or binary file, a page that cannot be downloaded, no \
         terminal, a file that cannot be written; or mistakes found by `margin config check`.",
    ),
    (
        "2",
        "A usage error: an unknown option or command, a bad value, a section that does not \
         exist.",
    ),
];

fn synopsis(cli: &clap::Command, out: &mut String) {
    out.push_str(".SH SYNOPSIS\n");
    let mut lines = vec![usage(&["margin"], cli)];
    for (path, cmd) in subcommands(cli) {
        let names: Vec<&str> = path.iter().map(String::as_str).collect();
        lines.push(usage(&names, cmd));
    }
    lines.retain(|l| !l.is_empty());
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str(".br\n");
        }
        out.push_str(&line(l));
    }
}

/// `margin toc [--json] [--format FORMAT] FILE`, in roff.
fn usage(names: &[&str], cmd: &clap::Command) -> String {
    let mut parts: Vec<String> = names.iter().map(|n| format!("\\fB{n}\\fR")).collect();
    if cmd.has_subcommands() && cmd.get_arguments().all(|a| !a.is_positional()) {
        // A command of commands (`margin config`) is listed by its commands.
        return String::new();
    }
    for arg in cmd.get_arguments().filter(|a| shown(a, names.len() == 1)) {
        if arg.is_positional() {
            let name = format!("\\fI{}\\fR", value_name(arg));
            parts.push(if arg.is_required_set() {
                name
            } else {
                format!("[{name}]")
            });
        } else if let Some(long) = arg.get_long() {
            let value = if takes_value(arg) {
                format!(" \\fI{}\\fR", value_name(arg))
            } else {
                String::new()
            };
            parts.push(format!("[\\fB\\-\\-{}\\fR{value}]", escape(long)));
        }
    }
    parts.join(" ")
}

/// Every command below `cmd`, with the words that call it, depth first; not `help`.
fn subcommands(cmd: &clap::Command) -> Vec<(Vec<String>, &clap::Command)> {
    let mut found = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let path = vec!["margin".to_string(), sub.get_name().to_string()];
        found.push((path.clone(), sub));
        for (mut inner, c) in subcommands(sub) {
            inner.remove(0);
            let mut full = path.clone();
            full.extend(inner);
            found.push((full, c));
        }
    }
    found
}

/// Whether the page lists `arg`: `--help` and `--version` only for margin itself.
fn shown(arg: &clap::Arg, top: bool) -> bool {
    !arg.is_hide_set() && (top || !matches!(arg.get_id().as_str(), "help" | "version"))
}

fn takes_value(arg: &clap::Arg) -> bool {
    arg.get_action().takes_values()
}

fn value_name(arg: &clap::Arg) -> String {
    arg.get_value_names()
        .and_then(|v| v.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string)
}

/// One tagged paragraph an option of `cmd`.
fn options(cmd: &clap::Command, top: bool, out: &mut String) {
    for arg in cmd.get_arguments().filter(|a| shown(a, top)) {
        let mut tag = Vec::new();
        if let Some(short) = arg.get_short() {
            tag.push(format!("\\fB\\-{}\\fR", escape(&short.to_string())));
        }
        if let Some(long) = arg.get_long() {
            tag.push(format!("\\fB\\-\\-{}\\fR", escape(long)));
        }
        let mut tag = tag.join(", ");
        if arg.is_positional() {
            tag = format!("\\fI{}\\fR", value_name(arg));
        } else if takes_value(arg) {
            tag.push_str(&format!(" \\fI{}\\fR", value_name(arg)));
        }
        out.push_str(".TP\n");
        out.push_str(&line(&tag));
        let mut help = arg
            .get_long_help()
            .or(arg.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        // clap keeps a help line without its full stop; the page's sentences need it.
        if !help.is_empty() && !help.ends_with(['.', ')']) {
            help.push('.');
        }
        if takes_value(arg) && !values.is_empty() {
            help.push_str(&format!(" One of: {}.", values.join(", ")));
        }
        out.push_str(&line(&text(&help)));
    }
}

fn commands(cli: &clap::Command, out: &mut String) {
    out.push_str(".SH COMMANDS\n");
    for (path, cmd) in subcommands(cli) {
        if cmd.has_subcommands() {
            continue;
        }
        out.push_str(&format!(".SS {}\n", escape(&path.join(" "))));
        if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
            out.push_str(&line(&text(&about.to_string())));
        }
        options(cmd, false, out);
    }
}

/// How the page heads each mode's keys. Every context is named here, so a new mode
/// cannot be left out of the manual unnoticed.
fn mode_heading(context: Context) -> &'static str {
    match context {
        Context::Any => "Reading, whatever pane has the keys",
        Context::In(Pane::Text) => "The text",
        Context::In(Pane::Sidebar) => "The outline",
        Context::In(Pane::Notes) => "The notes pane",
        Context::Prompt => "The search prompt (other keys type)",
        Context::Editor => "Writing a note (other keys write)",
        Context::Selection => "Selecting words (v; the text's keys still move)",
        Context::Filter => "The notes search (other keys type)",
        Context::Help => "The help",
        Context::Confirm => "A question",
        Context::Links => "The list of a paragraph's links",
        Context::Footnote => "A footnote shown over the text",
        Context::TooSmall => "A window too small to read in",
        Context::Library => "The library",
        Context::LibraryFilter => "Finding in the library (other keys type)",
    }
}

fn keys(out: &mut String) {
    out.push_str(".SH KEYS\n");
    out.push_str(&line(&text(
        "The same keys are listed by `?` in the reader. A key in a pane's list comes before \
         the same key under Reading.",
    )));
    let mut contexts: Vec<Context> = Vec::new();
    for b in BINDINGS {
        if !contexts.contains(&b.context) {
            contexts.push(b.context);
        }
    }
    for context in contexts {
        out.push_str(&format!(".SS {}\n", escape(mode_heading(context))));
        for (keys, help) in keys_of(context) {
            let keys: Vec<String> = keys
                .split(' ')
                .map(|k| format!("\\fB{}\\fR", escape(k)))
                .collect();
            out.push_str(".TP\n");
            out.push_str(&line(&keys.join(" ")));
            out.push_str(&line(&text(help)));
        }
    }
}

fn configuration(out: &mut String) {
    out.push_str(".SH CONFIGURATION\n");
    out.push_str(&line(&text(
        "The file `$XDG_CONFIG_HOME/margin/config.toml` is TOML; every key is optional. A \
         mistake is reported with its line and key, and margin goes on with the rest; the \
         reader's status line counts the mistakes, and `margin config check` lists them.",
    )));
    for key in crate::config::KEYS {
        out.push_str(".TP\n");
        out.push_str(&line(&format!(
            "\\fB{}\\fR = {}",
            escape(key.name),
            escape(key.example)
        )));
        out.push_str(&line(&text(&capitalised(key.meaning))));
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

fn section(out: &mut String, name: &str, intro: Option<&str>, items: &[(&str, &str)]) {
    out.push_str(&format!(".SH {name}\n"));
    if let Some(intro) = intro {
        out.push_str(&line(&text(intro)));
    }
    for (tag, what) in items {
        out.push_str(".TP\n");
        out.push_str(&line(&format!("\\fB{}\\fR", escape(tag))));
        out.push_str(&line(&text(what)));
    }
}

/// The examples of `margin --help`, as written there: no filling, no adjusting.
fn examples(out: &mut String) {
    out.push_str(".SH EXAMPLES\n.RS 2\n.nf\n");
    for example in EXAMPLES.lines().skip(1) {
        out.push_str(&line(&escape(example.trim_start())));
    }
    out.push_str(".fi\n.RE\n");
}

/// `s` as one input line: a line that would start with a control character is kept as
/// text.
fn line(s: &str) -> String {
    if s.starts_with(['.', '\'']) {
        format!("\\&{s}\n")
    } else {
        format!("{s}\n")
    }
}

/// Prose for the page: escaped, on one line, with `code` in bold.
fn text(s: &str) -> String {
    let s = s.replace('\n', " ");
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An odd backtick: not code, only a character.
        return escape(&s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("\\fB{}\\fR", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}

/// Text safe inside a roff line: backslashes and hyphens escaped, and every character
/// outside ASCII written by its code point, which groff and mandoc both read whatever the
/// page's encoding.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&format!("\\[u{:04X}]", u32::from(c))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_roff_would_read_as_requests() {
        assert_eq!(escape("a-b\\c"), "a\\-b\\ec");
        assert_eq!(escape("j ↓"), "j \\[u2193]");
        assert_eq!(line(".hidden"), "\\&.hidden\n");
        assert_eq!(text("run `margin -`"), "run \\fBmargin \\-\\fR");
        assert_eq!(text("it's `odd"), "it's `odd");
    }

    #[test]
    fn the_page_names_no_page_it_does_not_write() {
        let page = page();
        assert!(!page.contains("(1)"), "a reference to another page");
        for (path, _) in subcommands(&Cli::command()) {
            let name = path.join(" ");
            assert!(page.contains(&escape(&name)), "{name} missing");
        }
    }
}
