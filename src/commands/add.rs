//! `margin add URL|FILE`: a clean copy of an essay in the library, read offline from then
//! on. The copy is Markdown with front matter (title, author, date, `source:` — the address
//! or the file it came from — and `saved:`, when), merged with any front matter the essay
//! had; it is named from its title and never written in place of another file
//! (`slug-2.md` when `slug.md` is taken). An essay already saved from the same source is
//! found by its `source:`, and only replaced when asked to refresh it.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::essay::frontmatter::{self, FrontMatter};
use crate::essay::{BlockKind, Essay, Format, Source, Typography};
use crate::store::atomic;

/// What `margin add` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A new copy, at this path.
    Saved(PathBuf),
    /// The copy already saved from the same source, downloaded or read again.
    Refreshed(PathBuf),
    /// A copy from the same source is there already; nothing was done.
    AlreadyThere(PathBuf),
}

/// Where the essay comes from: an address, or a file (its full path).
fn origin(what: &Path) -> String {
    match crate::web::address::of_path(what) {
        Some(url) => url.to_string(),
        None => std::fs::canonicalize(what)
            .unwrap_or_else(|_| what.to_path_buf())
            .to_string_lossy()
            .into_owned(),
    }
}

/// Saves a copy of `what` (an address or a file) in the library folder `folder`; when a
/// copy from the same source is there, replaces it if `refresh`, else says so.
pub fn add(what: &Path, folder: &Path, refresh: bool) -> Result<Added> {
    if what.as_os_str() == "-" {
        return Err(Error::Usage(
            "margin add -: standard input has no address or file to keep as the copy's source; \
             save it to a file and add that"
                .to_string(),
        ));
    }
    let source_key = origin(what);
    let existing = saved_from(folder, &source_key);
    if let Some(path) = &existing
        && !refresh
    {
        return Ok(Added::AlreadyThere(path.clone()));
    }
    let source = match crate::web::address::of_path(what) {
        Some(url) => super::download::source(url)?,
        None => crate::essay::source::load(what)?,
    };
    let text = saved_copy(&source, &source_key, &crate::notes::time::now());
    let write_error = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(path) = existing {
        atomic::write(&path, text.as_bytes()).map_err(|e| write_error(&path, e))?;
        return Ok(Added::Refreshed(path));
    }
    let title = FrontMatter::parse(frontmatter::split(&text).map_or("", |(f, _)| f)).title;
    let name = super::export::slug_name(title.as_deref().unwrap_or(""), "essay");
    create_unique(folder, &name, text.as_bytes())
        .map(Added::Saved)
        .map_err(|e| write_error(&folder.join(&name), e))
}

/// Writes `bytes` as `name` in `dir`, or `name-2`, `name-3`… when taken: whichever is
/// free when it is written (two margins adding at once cannot take the same name).
fn create_unique(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let mut n = 1;
    loop {
        let path = dir.join(if n == 1 {
            name.to_string()
        } else {
            format!("{stem}-{n}.md")
        });
        match atomic::create(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 10_000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// How much of a library file is read to find its front matter.
const HEAD_BYTES: u64 = 64 * 1024;

/// The essay in the library folder saved from `source` (its front matter's `source:`).
pub fn saved_from(folder: &Path, source: &str) -> Option<PathBuf> {
    let paths = crate::library::scan::essays(folder).ok()?;
    paths.into_iter().find(|path| {
        let mut head = Vec::new();
        let read =
            std::fs::File::open(path).and_then(|f| f.take(HEAD_BYTES).read_to_end(&mut head));
        read.is_ok()
            && frontmatter::split(&String::from_utf8_lossy(&head)).is_some_and(|(front, _)| {
                FrontMatter::parse(front).source.as_deref() == Some(source)
            })
    })
}

/// The text of the saved copy of `source`, which came from `origin`, saved at `saved`.
pub fn saved_copy(source: &Source, origin: &str, saved: &str) -> String {
    let essay = Essay::from_source_with(source, None, Typography::Plain);
    let (front, body) = match frontmatter::split(&source.text) {
        Some((front, body)) => (front, body.trim_start_matches('\n').to_string()),
        None if essay.format == Format::Text => ("", marked_headings(&source.text, &essay)),
        None => ("", source.text.to_string()),
    };
    let had = FrontMatter::parse(front);
    let title = essay.display_title(&source.stem()).to_string();
    // One line each, whatever the page's title held: a line break would end the value.
    let yaml = |value: &str| {
        super::notes::yaml_string(&value.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let mut out = format!("---\ntitle: {}\n", yaml(&title));
    if let Some(author) = &had.author {
        out += &format!("author: {}\n", yaml(author));
    }
    if let Some(date) = &had.date {
        out += &format!("date: {}\n", yaml(date));
    }
    out += &format!("source: {}\nsaved: {saved}\n", yaml(origin));
    // Whatever else the essay's own front matter said (its language, say) is kept.
    for line in kept_lines(front) {
        out += line;
        out.push('\n');
    }
    out += "---\n\n";
    out += &body;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The lines of `front` that the saved copy does not write itself, with what continues them.
fn kept_lines(front: &str) -> Vec<&str> {
    const WRITTEN: &[&str] = &["title", "author", "byline", "date", "source", "saved"];
    let mut kept = Vec::new();
    let mut keeping = false;
    for line in front.lines() {
        if !line.starts_with(char::is_whitespace) {
            let key = line.split([':', '=']).next().unwrap_or("").trim();
            keeping = !WRITTEN.contains(&key.to_ascii_lowercase().as_str());
        }
        if keeping {
            kept.push(line);
        }
    }
    kept
}

/// A plain-text essay as Markdown that reads the same: the title line dropped (the front
/// matter has it), each heading the plain reader found marked with `#`s, its underline
/// dropped; every other line as written.
fn marked_headings(text: &str, essay: &Essay) -> String {
    let mut headings = std::collections::HashMap::new();
    for block in &essay.blocks {
        if let BlockKind::Heading { level, text } = &block.kind {
            headings.insert(block.line, (*level, text.as_str().to_string()));
        }
    }
    let title = essay.title.as_deref().map(str::trim);
    let mut out = String::new();
    let mut lines = text.lines().enumerate().peekable();
    let mut before_body = true;
    while let Some((i, line)) = lines.next() {
        if before_body && !line.trim().is_empty() {
            before_body = false;
            if Some(line.trim()) == title && !headings.contains_key(&(i + 1)) {
                skip_underline(&mut lines);
                continue;
            }
        }
        match headings.get(&(i + 1)) {
            Some((level, heading)) => {
                out += &format!("{} {heading}\n", "#".repeat(usize::from(*level)));
                skip_underline(&mut lines);
            }
            None => {
                out += line;
                out.push('\n');
            }
        }
    }
    out.trim_start_matches('\n').to_string()
}

/// Drops the next line when it underlines the one before (`====`, `----`, `****`).
fn skip_underline<'a>(lines: &mut std::iter::Peekable<impl Iterator<Item = (usize, &'a str)>>) {
    if lines.peek().is_some_and(|(_, l)| {
        let l = l.trim();
        l.len() >= 3 && l.chars().all(|c| matches!(c, '=' | '-' | '*' | '~'))
    }) {
        lines.next();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn source(text: &str, name: &str) -> Source {
        Source {
            text: Arc::new(text.to_string()),
            path: PathBuf::from(name),
            warnings: Vec::new(),
            format: None,
        }
    }

    const SAVED: &str = "2026-12-02T16:00:00Z";

    #[test]
    fn markdown_keeps_its_front_matter_merged_with_the_source() {
        let text = "---\ntitle: On Walking\nauthor: A. Walker\nlang: fr\ntags:\n  - x\n---\n\n# One\n\nText.\n";
        let copy = saved_copy(&source(text, "walk.md"), "https://e.com/walk", SAVED);
        assert_eq!(
            copy,
            "---\ntitle: \"On Walking\"\nauthor: \"A. Walker\"\nsource: \"https://e.com/walk\"\nsaved: 2026-12-02T16:00:00Z\nlang: fr\ntags:\n  - x\n---\n\n# One\n\nText.\n"
        );
        let (front, _) = frontmatter::split(&copy).unwrap();
        let fm = FrontMatter::parse(front);
        assert_eq!(fm.title.as_deref(), Some("On Walking"));
        assert_eq!(fm.source.as_deref(), Some("https://e.com/walk"));
        assert_eq!(fm.lang.as_deref(), Some("fr"));
    }

    #[test]
    fn markdown_without_front_matter_gets_its_title_from_the_heading() {
        let copy = saved_copy(
            &source("# A \"Quoted\" Title\n\nText.\n", "x.md"),
            "/home/r/x.md",
            SAVED,
        );
        assert!(
            copy.starts_with("---\ntitle: \"A \\\"Quoted\\\" Title\"\nsource: \"/home/r/x.md\"\n"),
            "{copy}"
        );
        assert!(
            copy.ends_with("---\n\n# A \"Quoted\" Title\n\nText.\n"),
            "{copy}"
        );
    }

    #[test]
    fn values_are_kept_on_one_line() {
        let text = "---\nauthor: \"A.\\n  Walker\"\n---\n\nText.\n";
        let copy = saved_copy(&source(text, "walk.md"), "/r/a\nb.md", SAVED);
        assert!(copy.contains("source: \"/r/a b.md\"\n"), "{copy}");
        let (front, _) = frontmatter::split(&copy).unwrap();
        assert_eq!(
            FrontMatter::parse(front).source.as_deref(),
            Some("/r/a b.md")
        );
    }

    #[test]
    fn plain_text_reads_the_same_as_markdown() {
        let text = "The Long Walk\n\nIt began in spring, as walks do, with a door left open.\n\nPART ONE\n\nThe road went on and on, past the mill and the river.\n\nPART TWO\n\nAnd then it ended, as roads do, at the sea.\n";
        let plain = Essay::from_source(&source(text, "walk.txt"), None);
        let copy = saved_copy(&source(text, "walk.txt"), "https://e.com/walk.txt", SAVED);
        let saved = Essay::from_source(&source(&copy, "the-long-walk.md"), None);
        assert_eq!(saved.format, Format::Markdown);
        assert_eq!(saved.title.as_deref(), Some("The Long Walk"));
        let outline = |e: &Essay| {
            e.outline()
                .map(|(_, s)| s.title.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(outline(&saved), outline(&plain));
        assert!(
            !outline(&plain).is_empty(),
            "the plain reader found the parts"
        );
        assert_eq!(saved.words(), plain.words());
    }

    #[test]
    fn a_taken_name_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("walk.md"), "mine").unwrap();
        let path = create_unique(dir.path(), "walk.md", b"copy").unwrap();
        assert_eq!(path, dir.path().join("walk-2.md"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("walk.md")).unwrap(),
            "mine"
        );
        let third = create_unique(dir.path(), "walk.md", b"copy").unwrap();
        assert_eq!(third, dir.path().join("walk-3.md"));
    }

    #[test]
    fn a_title_without_letters_is_saved_as_essay() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.md");
        std::fs::write(&file, "---\ntitle: \"?!\"\n---\n\nWords.\n").unwrap();
        let library = dir.path().join("library");
        let added = add(&file, &library, false).unwrap();
        assert_eq!(added, Added::Saved(library.join("essay.md")));
    }

    #[test]
    fn a_copy_is_found_by_its_source() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.md"),
            "---\ntitle: A\nsource: \"https://e.com/a\"\n---\n\nA.\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("b.md"), "# B\n\nsource: https://e.com/b\n").unwrap();
        assert_eq!(
            saved_from(dir.path(), "https://e.com/a"),
            Some(dir.path().join("a.md"))
        );
        assert_eq!(saved_from(dir.path(), "https://e.com/b"), None);
    }
}
