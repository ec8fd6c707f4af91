//! Opening the reader: on one file (`margin FILE`), or on the library (`margin`).

use std::path::Path;

use crate::app::document::Document;
use crate::app::library::Library;
use crate::app::opening::Opened;
use crate::app::{App, Options};
use crate::cli::ReadArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::essay::piped::{self, Piped, Start};
use crate::essay::{Essay, Source};
use crate::library;
use crate::notes::NoteStore;
use crate::store::identity::Identity;
use crate::store::positions::PositionStore;
use crate::tui::{self, Opener, Opening, Stores};
use crate::ui::theme::Theme;

/// The reader's options from the command line and the configuration.
pub fn options(args: &ReadArgs, config: &Config) -> Options {
    Options {
        max_measure: usize::from(args.width.unwrap_or(config.width)),
        justify: args.justify || config.justify,
        no_color: no_color(),
        theme: config.theme,
        wpm: config.wpm,
        sidebar: config.sidebar,
        notes: config.notes,
        typography: config.typography(),
    }
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The theme the configuration names; `NO_COLOR` overrides it.
pub fn theme(config: &Config) -> Theme {
    Theme::named(config.theme, no_color())
}

/// The stores of the essay at `path` whose text is `text`: those of the kept essay it is
/// (by path, fingerprint or likeness), whose record learns the path and the text's sketch.
fn stores(path: &Path, essay: &Essay, text: &str, stem: &str) -> Stores {
    let (identity, identity_message) = Identity::open(path, text);
    let title = essay.display_title(stem).to_string();
    let (mut notes, notes_message) = NoteStore::open(identity.clone(), &title);
    // Not being able to bring the record up to date loses nothing: the notes are on disk,
    // and the position's file, saved on closing, holds the record too.
    let _ = notes.refresh_record();
    // Notes rescued by an earlier run came back: said once, with how the essay was found.
    let identity_message = match (identity_message, notes.recovered_message()) {
        (Some(found), Some(back)) => Some(format!("{found} {back}")),
        (found, back) => found.or(back),
    };
    Stores {
        positions: PositionStore::new(identity),
        notes,
        notes_message,
        identity_message,
    }
}

/// A reader for `path` with its stores and what they hold (the kept position when
/// `restore`).
fn prepare(
    path: &Path,
    essay: Essay,
    text: &str,
    stem: String,
    options: Options,
    restore: bool,
) -> (App, Stores, Opened) {
    let mut stores = stores(path, &essay, text, &stem);
    let opened = stores.opening(restore);
    (
        App::new(Document::new(essay, stem), options),
        stores,
        opened,
    )
}

/// The configuration's mistakes as one status line: how many, and where to read them all
/// (the first alone would be cut short by a narrow status line).
fn config_message(problems: &[String]) -> Option<String> {
    crate::config::summary(problems.len())
}

/// How much of a long essay is read and shown before the rest: its first 32 KB (some
/// 5,000 words) and its last 16 KB, well under a millisecond each to read and parse,
/// whatever the essay's length. (An essay of up to twice the first is read whole.)
const HEAD_BYTES: usize = 32 * 1024;
const TAIL_BYTES: usize = 16 * 1024;

/// `margin FILE`.
pub fn file(path: &Path, args: &ReadArgs, config: &Config, problems: &[String]) -> Result<()> {
    tui::check_terminal()?;
    let format = args.format.map(Into::into);
    // A page from the web is read whole once downloaded: it has no file to read a part of.
    let remote = crate::web::address::of_path(path).is_some();
    let source = if path.as_os_str() == "-" && args.section.is_none() {
        match piped::read_stdin().start(HEAD_BYTES, PIPE_PATIENCE) {
            Start::Whole(whole) => whole?,
            Start::First(head, rest) => {
                return progressive(path, &head, rest_of_stdin(rest), args, config, problems);
            }
        }
    } else if args.section.is_none()
        && !remote
        && let Some(head) = crate::essay::source::head(path, HEAD_BYTES)?
    {
        return progressive(path, &head, rest_of_file(path), args, config, problems);
    } else {
        super::read_source(path)?
    };
    super::warn(&source.warnings);
    let essay = Essay::from_source_with(&source, format, config.typography());
    let start = match &args.section {
        Some(name) => Some(find_section(&essay, name)?),
        None => None,
    };
    let restore = start.is_none() && !args.from_start;
    let (mut app, stores, opened) = prepare(
        path,
        essay,
        &source.text,
        source.stem(),
        options(args, config),
        restore,
    );
    app.pending_section = start;
    app.message = config_message(problems);
    let opening = Opening::Ready(Box::new((app, stores, opened)));
    tui::read(opening, Some(path.to_path_buf()), &theme(config))
}

/// How long a slow pipe is waited for, once its first line has come, before its start is
/// shown: about a frame's worth, unnoticed when the rest follows at once.
const PIPE_PATIENCE: std::time::Duration = std::time::Duration::from_millis(120);

/// The whole text of an essay whose start is on screen: from its file, read again whole.
type Whole = Box<dyn FnOnce() -> Result<Source> + Send>;

fn rest_of_file(path: &Path) -> Whole {
    let path = path.to_path_buf();
    Box::new(move || crate::essay::source::load(&path))
}

/// From standard input, as the rest of it arrives.
fn rest_of_stdin(piped: Piped) -> Whole {
    Box::new(move || piped.rest())
}

/// A long essay: its start on screen at once, the rest read on another thread.
fn progressive(
    path: &Path,
    head: &crate::essay::Source,
    whole: Whole,
    args: &ReadArgs,
    config: &Config,
    problems: &[String],
) -> Result<()> {
    let (mut preview, rest) = start_reading(
        path,
        head,
        whole,
        args.format.map(Into::into),
        options(args, config),
        !args.from_start,
    )?;
    preview.message = config_message(problems);
    let opening = Opening::Loading(Box::new(preview), rest);
    tui::read(opening, Some(path.to_path_buf()), &theme(config))
}

/// The reader on the start (and end) of the long essay at `path`, whose first part is
/// `head`, and the whole essay with its stores to come from another thread (with the kept
/// position, when `restore`).
fn start_reading(
    path: &Path,
    head: &crate::essay::Source,
    whole: Whole,
    format: Option<crate::Format>,
    options: Options,
    restore: bool,
) -> Result<(App, tui::ReadRest)> {
    let typography = options.typography;
    let essay = Essay::from_source_with(head, format, typography);
    let stem = head.stem();
    let (essay, tail_from) = match crate::essay::source::tail(path, TAIL_BYTES)? {
        Some(tail) => {
            let end = Essay::from_source_with(&tail, Some(essay.format), typography);
            let (essay, from) = Essay::preview(essay, end, &stem);
            (essay, Some(from))
        }
        None => (essay, None),
    };
    let mut doc = Document::new(essay, stem);
    doc.partial = true;
    doc.tail_from = tail_from;
    let preview = App::new(doc, options);
    let owned = path.to_path_buf();
    let rest = move || {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            yield_to_the_reader();
            let loaded = whole().map(|source| {
                let essay = Essay::from_source_with(&source, format, typography);
                let stem = source.stem();
                let mut stores = stores(&owned, &essay, &source.text, &stem);
                let opened = stores.opening(restore);
                let crate::essay::Source { text, warnings, .. } = source;
                // The text is parsed: let it go (a plain-text essay's blocks still share it,
                // a Markdown essay's hold their own words).
                drop(text);
                (Document::new(essay, stem), stores, opened, warnings)
            });
            // The reader may have quit already; then no one is listening.
            let _ = tx.send(loaded);
        });
        rx
    };
    Ok((preview, Box::new(rest)))
}

/// Lowers the calling thread's priority (a nice of 10): reading the rest of a long essay
/// must not slow the keys and frames of the reader showing its start, on a machine whose
/// other cores are busy.
fn yield_to_the_reader() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take and return plain integers and touch no memory of
    // ours; on Linux the nice value belongs to the thread named, this one.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}

struct LibraryOpener {
    options: Options,
}

impl Opener for LibraryOpener {
    fn open(&self, path: &Path) -> std::result::Result<Opening, String> {
        let head = crate::essay::source::head(path, HEAD_BYTES).map_err(|e| e.to_string())?;
        if let Some(head) = head {
            let whole = rest_of_file(path);
            let (preview, rest) =
                start_reading(path, &head, whole, None, self.options.clone(), true)
                    .map_err(|e| e.to_string())?;
            return Ok(Opening::Loading(Box::new(preview), rest));
        }
        let (essay, source) =
            Essay::load_with(path, None, self.options.typography).map_err(|e| e.to_string())?;
        let ready = prepare(
            path,
            essay,
            &source.text,
            source.stem(),
            self.options.clone(),
            true,
        );
        Ok(Opening::Ready(Box::new(ready)))
    }
}

/// `margin`: the library; `given` on the command line (`margin DIR`, `--library DIR`),
/// else the one the environment or the configuration names.
pub fn library(
    given: Option<&Path>,
    args: &ReadArgs,
    config: &Config,
    problems: &[String],
) -> Result<()> {
    let folder = library::folder(given, config);
    // A folder the reader named and that is missing is said before anything else, with
    // or without a terminal.
    if folder.named_by.is_some() {
        library::prepare(&folder).map_err(|e| Error::Library(e.to_string()))?;
    }
    tui::check_terminal()?;
    // The default folder, made on the first run; if it cannot be, the library screen
    // says why and how to name another.
    let created = library::prepare(&folder).unwrap_or(false);
    let folder = folder.path;
    let (paths, error) = match library::scan::essays(&folder) {
        Ok(p) => (p, None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    };
    let cache = library::cache::Cache::load(library::cache::Cache::file().as_deref());
    // The kept essays' records, read once for the whole list.
    let data = crate::store::data_dir();
    let records = data
        .as_deref()
        .map(crate::store::records::load)
        .unwrap_or_default();
    let entries = paths
        .into_iter()
        .map(|path| library::Entry {
            about: cache.get(&path),
            state: data
                .as_deref()
                .map_or_else(library::ReadingState::default, |d| {
                    library::reading_state_in(d, &records, &path)
                }),
            path,
        })
        .collect();
    let mut lib = Library::new(folder, entries, error);
    lib.message = config_message(problems).or_else(|| {
        created.then(|| {
            format!(
                "Made the library folder {}.",
                crate::error::show_path(&lib.folder)
            )
        })
    });
    let opener = LibraryOpener {
        options: options(args, config),
    };
    tui::library(lib, cache, &opener, &theme(config), config.wpm)
}

/// The section `name` names: its number in the outline (from 1), or the start of its title.
pub fn find_section(essay: &Essay, name: &str) -> Result<usize> {
    let outline: Vec<(usize, &str)> = essay
        .outline()
        .map(|(i, s)| (i, s.title.as_str()))
        .collect();
    if let Ok(n) = name.trim().parse::<usize>() {
        if let Some((i, _)) = n.checked_sub(1).and_then(|k| outline.get(k)) {
            return Ok(*i);
        }
        return Err(Error::Usage(format!(
            "--section {n}: the essay has {} sections; `margin toc FILE` lists them",
            outline.len()
        )));
    }
    let wanted = name.trim().to_lowercase();
    outline
        .iter()
        .find(|(_, t)| t.to_lowercase().starts_with(&wanted))
        .map(|(i, _)| *i)
        .ok_or_else(|| {
            Error::Usage(format!(
                "--section: no section starts with “{}”; `margin toc FILE` lists them",
                crate::sanitize::sanitize(name)
            ))
        })
}
