//! The layers only point down: reads the source tree and fails, naming the file, the line
//! and what it imports, when a lower layer (the document model, layout, notes, storage,
//! the library, the text helpers) reaches up into the reader (`app`), its drawing (`ui`),
//! the terminal runner (`tui`) or the subcommands (`commands`); when the drawing reaches
//! into the subcommands; when the reader's state reaches into any of those; or when the
//! text helpers, a leaf, import anything from the crate.
//!
//! Every `crate::MODULE` path counts, wherever it is (a `use` line, a path in code, a doc
//! link), as do `crate::{a, b}` groups and `super::` chains that climb out of a top module.
//! A last test finds import cycles, between top modules and between files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers that must not know about the ones in [`HIGHER`].
const LOWER: &[&str] = &["essay", "layout", "notes", "store", "library", "text"];
/// The reader, its drawing, the terminal runner and the subcommands.
const HIGHER: &[&str] = &["app", "ui", "tui", "commands"];
/// Leaves: they import nothing else from the crate.
const LEAVES: &[&str] = &["text"];
/// Terminal crates, which the layers below the reader do without.
const TERMINAL: &[&str] = &["ratatui", "crossterm"];

/// A module of the crate named by one file.
struct Source {
    /// Relative to `src/`, for messages.
    path: String,
    /// The module's path from the crate root: `src/essay/plain/mod.rs` is `essay::plain`.
    module: Vec<String>,
    text: String,
}

fn sources(src: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    collect(src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(src).expect("under src/");
            let mut module: Vec<String> = relative
                .iter()
                .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            Source {
                path: relative.to_string_lossy().into_owned(),
                module,
                text: std::fs::read_to_string(&file).expect("readable source"),
            }
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let end = s.find(|c| !is_ident(c)).unwrap_or(s.len());
    &s[..end]
}

/// Whether the match at `at` in `line` starts a path rather than ending another word
/// (`mycrate::`, `a_super::`) or continuing one (the second `super::` of a chain).
fn starts_path(line: &str, at: usize) -> bool {
    let before = &line[..at];
    !before.ends_with(is_ident) && !before.ends_with("::")
}

/// Top modules named on one line, with `module` the path of the file's module.
fn imports(line: &str, module: &[String]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for top in paths(line, module)
        .into_iter()
        .filter_map(|p| p.into_iter().next())
    {
        if !found.contains(&top) {
            found.push(top);
        }
    }
    found
}

/// The crate paths named on one line, from the crate root, with `module` the path of the
/// file's module: `crate::a::B` is `a::B`; in `essay::plain::shape`, `super::units::Unit`
/// is `essay::plain::units::Unit`; `crate::{a::b, c}` is `a::b` and `c`.
fn paths(line: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (at, _) in line.match_indices("crate::") {
        if starts_path(line, at) {
            found.extend(tails(&line[at + "crate::".len()..]));
        }
    }
    for (at, _) in line.match_indices("super::") {
        if !starts_path(line, at) {
            continue;
        }
        let mut rest = &line[at..];
        let mut climbs = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            climbs += 1;
            rest = r;
        }
        // Counted from the file's module: in an inline module (`mod tests`) the chain
        // really climbs one level less, so this reads it as reaching higher: stricter,
        // never looser.
        let base = &module[..module.len().saturating_sub(climbs)];
        for tail in tails(rest) {
            found.push(base.iter().cloned().chain(tail).collect());
        }
    }
    found.retain(|p| !p.is_empty());
    found
}

/// The paths `s` starts with: `a::b::C` gives one; `a::{b, c::D}` one for each item at the
/// top of the group (a group split over lines is read up to the line's end).
fn tails(s: &str) -> Vec<Vec<String>> {
    let mut chain = Vec::new();
    let mut rest = s;
    loop {
        let name = ident(rest);
        if name.is_empty() {
            break;
        }
        chain.push(name.to_string());
        match rest[name.len()..].strip_prefix("::") {
            Some(r) => rest = r,
            None => return vec![chain],
        }
    }
    let Some(group) = rest.strip_prefix('{') else {
        return vec![chain];
    };
    let mut items = Vec::new();
    let (mut depth, mut start, mut closed) = (0, 0, false);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                closed = true;
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !closed {
        items.push(&group[start..]);
    }
    items
        .into_iter()
        .flat_map(|item| tails(item.trim()))
        .map(|tail| {
            let tail = tail.into_iter().filter(|s| s != "self");
            chain.iter().cloned().chain(tail).collect()
        })
        .collect()
}

/// What is wrong with `source` importing top module `to`, if anything.
fn forbidden(from: &str, to: &str) -> Option<&'static str> {
    if from == to {
        return None;
    }
    if LEAVES.contains(&from) {
        return Some("a leaf imports nothing from the crate");
    }
    if LOWER.contains(&from) && HIGHER.contains(&to) {
        return Some("a lower layer imports a higher one");
    }
    if from == "ui" && to == "commands" {
        return Some("the drawing imports a subcommand");
    }
    if from == "app" && HIGHER.contains(&to) {
        return Some("the state imports its drawing, the runner or a subcommand");
    }
    None
}

/// Every forbidden import in `sources`, one message each.
fn violations(sources: &[Source]) -> Vec<String> {
    let mut out = Vec::new();
    for source in sources {
        let Some(from) = source.module.first() else {
            continue;
        };
        for (n, line) in source.text.lines().enumerate() {
            let named: BTreeSet<String> = imports(line, &source.module).into_iter().collect();
            for to in named {
                if let Some(why) = forbidden(from, &to) {
                    out.push(format!(
                        "src/{}:{} ({from}) imports {to}: {why}\n    {}",
                        source.path,
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn layers_only_point_down() {
    let found = violations(&sources(&src()));
    assert!(
        found.is_empty(),
        "{} import(s) against the layering:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn lower_layers_do_without_the_terminal() {
    let mut found = Vec::new();
    for source in sources(&src()) {
        if !source
            .module
            .first()
            .is_some_and(|m| LOWER.contains(&m.as_str()))
        {
            continue;
        }
        for (n, line) in source.text.lines().enumerate() {
            for name in TERMINAL {
                let named = line
                    .match_indices(name)
                    .any(|(at, _)| starts_path(line, at) && line[at..].contains("::"));
                if named {
                    found.push(format!("src/{}:{}: {}", source.path, n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "terminal crates below the reader:\n{}",
        found.join("\n")
    );
}

/// Module `from` imports module `to`, as `where_` shows (a file, a line, the line).
type Edges = BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>>;

/// Who imports whom. Each path counts for the deepest module of the crate it names;
/// with `top`, modules are taken at the top level only. A module and those inside it (or
/// around it) do not count: `mod.rs` declares its children, which use its types.
/// A file's code without its unit-test module (`#[cfg(test)] mod tests` at its end): a test
/// may drive a module through the one above it (an action through `update`) without the
/// code itself going round in a circle.
fn without_test_module(text: &str) -> &str {
    let mut offset = 0;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            return &text[..offset];
        }
        offset += line.len() + 1;
    }
    text
}

fn edges(sources: &[Source], top: bool) -> Edges {
    let cut = |m: &[String]| -> Vec<String> {
        if top {
            m.iter().take(1).cloned().collect()
        } else {
            m.to_vec()
        }
    };
    let known: BTreeSet<Vec<String>> = sources.iter().map(|s| cut(&s.module)).collect();
    let mut edges = Edges::new();
    for source in sources {
        let from = cut(&source.module);
        for (n, line) in without_test_module(&source.text).lines().enumerate() {
            for path in paths(line, &source.module) {
                let Some(to) = (1..=path.len())
                    .rev()
                    .map(|k| path[..k].to_vec())
                    .find(|p| known.contains(p))
                else {
                    continue;
                };
                if to.starts_with(&from) || from.starts_with(&to) {
                    continue;
                }
                edges
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| format!("src/{}:{}: {}", source.path, n + 1, line.trim()));
            }
        }
    }
    edges
}

/// A cycle in `edges`, as the lines that make it, if there is one.
fn cycle(edges: &Edges) -> Option<Vec<String>> {
    fn visit(
        at: &Vec<String>,
        edges: &Edges,
        done: &mut BTreeSet<Vec<String>>,
        trail: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(i) = trail.iter().position(|m| m == at) {
            let mut ring = trail[i..].to_vec();
            ring.push(at.clone());
            return Some(
                ring.windows(2)
                    .map(|w| edges[&w[0]][&w[1]].clone())
                    .collect(),
            );
        }
        if !done.insert(at.clone()) {
            return None;
        }
        trail.push(at.clone());
        for next in edges.get(at).into_iter().flat_map(BTreeMap::keys) {
            if let Some(found) = visit(next, edges, done, trail) {
                return Some(found);
            }
        }
        trail.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|m| visit(m, edges, &mut done, &mut Vec::new()))
}

/// No module imports itself through others, between the top modules (`app` and `ui` once
/// did) or between any two files (the plain-text parser's `shape` and `units` once did):
/// a cycle means neither can be understood, or changed, alone.
#[test]
fn no_import_cycles() {
    let sources = sources(&src());
    for top in [true, false] {
        if let Some(ring) = cycle(&edges(&sources, top)) {
            panic!(
                "an import cycle{}:\n{}",
                if top { " between top modules" } else { "" },
                ring.join("\n")
            );
        }
    }
}

/// The scanner itself: what it must catch, and what it must let pass.
#[test]
fn the_scanner_reads_every_form_of_path() {
    let module = |path: &str| -> Vec<String> { path.split("::").map(String::from).collect() };
    let notes = module("notes::anchor");
    assert_eq!(imports("use crate::app::view::Anchor;", &notes), ["app"]);
    assert_eq!(
        imports("fn f(a: &crate::ui::theme::Theme) {}", &notes),
        ["ui"]
    );
    assert_eq!(
        imports("use crate::{essay::Essay, tui, app::{A, B}};", &notes),
        ["essay", "tui", "app"]
    );
    assert_eq!(
        imports("use super::super::commands::toc;", &notes),
        ["commands"]
    );
    // Within its own top module: not an import of another layer.
    assert_eq!(imports("use super::note::Anchor;", &notes), ["notes"]);
    assert!(imports("use mycrate::app;", &notes).is_empty());
    let path = |p: &str| -> Vec<String> { p.split("::").map(String::from).collect() };
    assert_eq!(
        paths(
            "use super::units::{self, Unit, kind::{A, B}};",
            &module("essay::plain::shape")
        ),
        [
            path("essay::plain::units"),
            path("essay::plain::units::Unit"),
            path("essay::plain::units::kind::A"),
            path("essay::plain::units::kind::B"),
        ]
    );

    let source = |path: &str, text: &str| Source {
        path: format!("{}.rs", path.replace("::", "/")),
        module: module(path),
        text: text.to_string(),
    };
    let found = violations(&[
        source("store::positions", "use crate::app::position::Position;"),
        source("ui::help", "use crate::commands::toc::truncate;"),
        source("text::width", "use crate::essay::Essay;"),
        source(
            "app::update",
            "let rows = crate::ui::help::help_lines().len();",
        ),
        source(
            "app::view",
            "use crate::layout::Pos; use crate::text::width;",
        ),
        source("layout::wrap", "use crate::essay::Essay;"),
        source("ui::text", "use crate::app::App;"),
    ]);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].starts_with("src/store/positions.rs:1 (store) imports app"));
    assert!(found[1].starts_with("src/ui/help.rs:1 (ui) imports commands"));
    assert!(found[2].starts_with("src/text/width.rs:1 (text) imports essay"));
    assert!(found[3].starts_with("src/app/update.rs:1 (app) imports ui"));
}
