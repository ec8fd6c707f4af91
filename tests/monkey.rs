//! A monkey at the keyboard, two ways.
//!
//! In process, as a property test: random keys (printable characters, the reader's keys,
//! arrows, Enter, Esc, Tab, control keys), pastes, clicks, the wheel and resizes down to 1×1
//! go through the key table and `update`, each followed by a frame drawn into a
//! `TestBackend`. After every step the reader must be whole: no panic, no drawn row wider
//! than the screen and no control character in it, no laid-out line wider than the text
//! pane, the focused paragraph a passage of the essay, the panes inside the screen. A
//! failure is shrunk by proptest to a short sequence that still fails, and kept in
//! `tests/monkey.proptest-regressions` to be run first from then on. A fixed long sequence
//! checks that the monkey's keys reach every mode, so the property cannot hold vacuously.
//!
//! In a pseudo-terminal, a short smoke run of the real binary: a few hundred keys and some
//! resizes, then a clean exit, the terminal restored and the notes file still valid.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use margin::app::{Action, App, Effect, Pane, update};
use margin::sample::Rng;
use margin::ui::theme::Theme;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use support::keys::press;
use support::pty::{Pty, TIMEOUT, assert_terminal_restored};
use support::reader::essay;
use support::screen::{draw_at, shown_rows};
use tempfile::TempDir;

/// One thing that happens at the terminal.
#[derive(Debug, Clone)]
enum Op {
    Key(KeyEvent),
    /// The terminal takes a new size. A `late` resize is heard of only after the next
    /// step, as when a burst of keys is queued ahead of it; frames meanwhile are drawn at
    /// the new size over a layout for the old one.
    Resize {
        width: u16,
        height: u16,
        late: bool,
    },
    Paste(String),
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        lines: i64,
    },
    /// Time passes (milliseconds): the timers save the position or retry notes.
    Tick(u64),
    /// From now on saving notes fails (a full disk) or works again.
    Storage(bool),
}

/// The reader's own keys, more often than chance would type them. Never `q` or Ctrl-C,
/// the keys that quit.
const READER_KEYS: &str = "jkgG][}{tm/nNaeduvy? bMhlE";

fn key() -> impl Strategy<Value = KeyEvent> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let reader_keys: Vec<char> = READER_KEYS.chars().collect();
    prop_oneof![
        4 => proptest::sample::select(reader_keys).prop_map(|c| {
            let shift = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            KeyEvent::new(KeyCode::Char(c), shift)
        }),
        3 => (b' '..=b'~')
            .prop_filter("q quits", |b| *b != b'q')
            .prop_map(move |b| plain(KeyCode::Char(char::from(b)))),
        // Wide and combining characters, for what is typed into notes and searches.
        1 => proptest::sample::select(vec!['é', '中', '👍', 'e', '\u{301}', 'ß', 'İ'])
            .prop_map(move |c| plain(KeyCode::Char(c))),
        3 => proptest::sample::select(vec![
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::Home,
            KeyCode::End, KeyCode::PageUp, KeyCode::PageDown, KeyCode::Enter, KeyCode::Esc,
            KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace, KeyCode::Delete,
        ])
        .prop_map(plain),
        1 => (b'a'..=b'z')
            .prop_filter("Ctrl-C quits", |b| *b != b'c')
            .prop_map(|b| KeyEvent::new(KeyCode::Char(char::from(b)), KeyModifiers::CONTROL)),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (1u16..=200, 1u16..=60),
        1 => (1u16..=25, 1u16..=8),
        1 => Just((1, 1)),
        1 => Just((120, 40)),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        40 => key().prop_map(Op::Key),
        3 => (size(), any::<bool>()).prop_map(|((width, height), late)| Op::Resize {
            width,
            height,
            late,
        }),
        1 => "[ -~\u{7}\u{1b}\t\né中]{0,30}".prop_map(Op::Paste),
        1 => (0u16..200, 0u16..60).prop_map(|(column, row)| Op::Click { column, row }),
        1 => (0u16..200, 0u16..60, -5i64..=5)
            .prop_map(|(column, row, lines)| Op::Wheel { column, row, lines }),
        1 => any::<bool>().prop_map(Op::Storage),
        2 => (0u64..6_000).prop_map(Op::Tick),
    ]
}

/// The runner's part, done at once: a save answers with the notes as stored (or a failure),
/// the outside editor gives back the text with a word added, a position is taken to be
/// saved.
fn perform(app: &mut App, effects: Vec<Effect>, storage_works: bool) {
    let mut queue = std::collections::VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        let answer = match effect {
            Effect::SaveNote(_) if storage_works => {
                Some(Action::NotesSaved(Ok(app.notes.all.clone())))
            }
            Effect::SaveNote(_) => Some(Action::NotesSaved(Err(
                "cannot save notes: disk full".to_string()
            ))),
            Effect::EditExternally(text) => Some(Action::ExternalEditDone(Ok(text + " edited"))),
            Effect::CopyToClipboard(text) => {
                // The quotation goes to the terminal: nothing in it may act on it.
                assert!(
                    !text.chars().any(|c| c.is_control() && c != '\n'),
                    "a control character copied: {text:?}"
                );
                Some(Action::Copied(Ok("clipboard.txt".to_string())))
            }
            Effect::SavePosition(_)
            | Effect::SetMouseCapture(_)
            | Effect::SetTheme(_)
            | Effect::RescueNotes
            | Effect::ForgetDraft
            | Effect::Suspend => None,
            Effect::RetryNotes if storage_works => {
                Some(Action::NotesRetried(app.notes.all.clone()))
            }
            Effect::RetryNotes => None,
            // No browser here: the runner reports one that would not start.
            Effect::OpenLink(address) => Some(Action::LinkNotOpened(format!(
                "No browser could be started for {address}."
            ))),
        };
        if let Some(action) = answer {
            queue.extend(update(app, action));
        }
    }
}

/// What must hold after every step, with the screen as drawn.
fn check(app: &App, screen: &Buffer) -> Result<(), String> {
    let width = screen.area.width;
    for (y, row) in shown_rows(screen).iter().enumerate() {
        if row.width() > usize::from(width) {
            return Err(format!(
                "row {y} is {} columns wide on a screen of {width}: {row:?}",
                row.width()
            ));
        }
        if let Some(c) = row.chars().find(|c| c.is_control()) {
            return Err(format!(
                "row {y} holds the control character {c:?}: {row:?}"
            ));
        }
    }
    let areas = &app.areas;
    if areas.too_small {
        return Ok(());
    }
    let whole = Rect::new(0, 0, app.size.width, app.size.height);
    for (name, area) in [
        ("text", Some(areas.body)),
        ("status line", Some(areas.status)),
        ("outline", areas.sidebar),
        ("notes", areas.notes),
    ] {
        if let Some(area) = area
            && whole.intersection(area) != area
        {
            return Err(format!(
                "the {name} pane {area:?} is outside the screen {whole:?}"
            ));
        }
    }
    for (_, line) in app.view.visible() {
        if line.width() > usize::from(areas.body.width) {
            return Err(format!(
                "a line {} columns wide in a text pane of {}: {:?}",
                line.width(),
                areas.body.width,
                line.text()
            ));
        }
    }
    let focus = app.view.focus;
    if !app.doc.is_passage(focus) {
        return Err(format!("the focus is on block {focus}, not a passage"));
    }
    if let Some(selection) = app.selection {
        let (start, end) = (selection.span.start, selection.span.end);
        let plain = app.doc.plain();
        let on_text = |p: margin::text::reattach::Place| {
            app.doc.is_passage(p.block)
                && plain
                    .get(p.block)
                    .is_some_and(|t| t.is_char_boundary(p.offset))
        };
        if (end.block, end.offset) <= (start.block, start.offset)
            || !on_text(start)
            || !on_text(end)
        {
            return Err(format!(
                "the selection {selection:?} is not words of the text"
            ));
        }
    }
    // A jump to a heading may scroll past the last page, but never past the last line.
    if app.view.visible().next().is_none() {
        return Err("the text is scrolled past its end: no line on screen".to_string());
    }
    let pane_shown = match app.focus {
        Pane::Text => true,
        Pane::Sidebar => areas.sidebar.is_some(),
        Pane::Notes => areas.notes.is_some(),
    };
    if !pane_shown {
        return Err(format!(
            "the keyboard is with the {:?} pane, which is not shown",
            app.focus
        ));
    }
    if app.sidebar.selected >= app.sidebar.entries.len().max(1) {
        return Err(format!(
            "outline row {} selected of {}",
            app.sidebar.selected,
            app.sidebar.entries.len()
        ));
    }
    Ok(())
}

/// What a run went through: the modes the keyboard was in (by name) and the different
/// screens drawn.
#[derive(Default)]
struct Seen {
    modes: std::collections::BTreeSet<String>,
    screens: std::collections::HashSet<String>,
}

/// Runs `ops` on a reader of `name` at `width`×`height`; what it went through, or the first
/// step after which the reader is not whole, and why.
fn run(name: &str, width: u16, height: u16, ops: &[Op]) -> Result<Seen, String> {
    let mut seen = Seen::default();
    let mut app = essay(name)
        .size(width, height)
        .note("", "A note from before, #kept")
        .build();
    let mut terminal = (width, height);
    let mut late: Option<Action> = None;
    let mut storage_works = true;
    let mut clock = std::time::Instant::now();
    for (step, op) in ops.iter().enumerate() {
        let pending = late.take();
        let effects = match op.clone() {
            Op::Key(key) => press(&mut app, key),
            Op::Resize {
                width,
                height,
                late: is_late,
            } => {
                terminal = (width, height);
                let action = Action::Resize { width, height };
                if is_late {
                    late = Some(action);
                    Vec::new()
                } else {
                    update(&mut app, action)
                }
            }
            Op::Paste(text) => update(&mut app, Action::Paste(text)),
            Op::Click { column, row } => update(&mut app, Action::Click { column, row }),
            Op::Wheel { column, row, lines } => {
                update(&mut app, Action::Wheel { column, row, lines })
            }
            Op::Storage(works) => {
                storage_works = works;
                Vec::new()
            }
            Op::Tick(ms) => {
                clock += std::time::Duration::from_millis(ms);
                update(&mut app, Action::Tick(clock))
            }
        };
        perform(&mut app, effects, storage_works);
        let screen = draw_at(&app, terminal.0, terminal.1, &Theme::dark());
        check(&app, &screen).map_err(|e| format!("after step {step} ({op:?}): {e}"))?;
        seen.modes.insert(format!("{:?}", app.mode()));
        seen.screens.insert(support::screen::text(&screen));
        // The late resize arrives now, unless a newer size came after it.
        if let Some(action) = pending.filter(|_| !matches!(op, Op::Resize { .. })) {
            let effects = update(&mut app, action);
            perform(&mut app, effects, storage_works);
        }
        if app.quit {
            // The monkey found a way out; the runner would leave here.
            break;
        }
    }
    Ok(seen)
}

/// Cases to run: `MONKEY_CASES`, else 40 (about 8,000 steps, ten seconds in a debug build).
fn cases() -> u32 {
    std::env::var("MONKEY_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        // Shrinking draws a frame a step; give it room to find a short sequence.
        max_shrink_iters: 2048,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_keys_and_resizes_leave_the_reader_whole(
        name in proptest::sample::select(vec![
            "the-slow-reader.md",
            "notes-on-attention.md",
            "letters-to-a-young-gardener.txt",
            "the-cartographers-year.txt",
            "in-praise-of-footnotes.md",
        ]),
        (width, height) in size(),
        ops in proptest::collection::vec(op(), 1..400),
    ) {
        if let Err(why) = run(name, width, height, &ops) {
            prop_assert!(false, "{name} at {width}x{height}: {why}");
        }
    }
}

/// The monkey's sequences reach the reader's states (a monkey whose keys did nothing would
/// pass the property above): one long sequence, the same on every run, goes through every
/// mode and many different screens.
#[test]
fn the_monkey_reaches_every_mode() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let ops = proptest::collection::vec(op(), 3000)
        .new_tree(&mut runner)
        .expect("a sequence")
        .current();
    let seen = run("the-slow-reader.md", 120, 40, &ops).unwrap_or_else(|e| panic!("{e}"));
    // Links and footnotes are reached in an essay whose passages have more of them, over
    // two sequences of the same kind (footnotes are in few passages).
    let mut linked = std::collections::BTreeSet::new();
    for _ in 0..2 {
        let ops = proptest::collection::vec(op(), 3000)
            .new_tree(&mut runner)
            .expect("a sequence")
            .current();
        let seen =
            run("in-praise-of-footnotes.md", 100, 30, &ops).unwrap_or_else(|e| panic!("{e}"));
        linked.extend(seen.modes);
    }
    for mode in ["Links", "Footnote"] {
        assert!(linked.contains(mode), "never in {mode}: {linked:?}");
    }
    for mode in [
        "Pane(Text)",
        "Pane(Sidebar)",
        "Pane(Notes)",
        "Prompt",
        "Help",
        "Editor",
        "Filter",
        "Confirm",
        "Selection",
    ] {
        assert!(
            seen.modes.contains(mode),
            "never in {mode}: {:?}",
            seen.modes
        );
    }
    assert!(
        seen.screens.len() > 500,
        "only {} different screens",
        seen.screens.len()
    );
}

// The smoke run of the real binary.

const SMOKE_KEYS: usize = 300;
const BATCH: usize = 20;
const ESSAY: &str = "essays/the-slow-reader.md";

/// One random key, as the terminal sends it. Never `q` or Ctrl-C, the keys that quit.
fn random_key(rng: &mut Rng) -> String {
    const SPECIAL: &[&str] = &[
        "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[H", "\x1b[F", "\x1b[5~", "\x1b[6~", "\r",
        "\x1b", "\t", "\x1b[Z", "\x7f", "\x1b[3~", "\x1bOA", "\x1bOB",
    ];
    match rng.below(100) {
        0..=54 => loop {
            let c = char::from(b' ' + rng.below(95) as u8);
            if c != 'q' {
                break c.to_string();
            }
        },
        55..=69 => {
            let keys: Vec<char> = READER_KEYS.chars().collect();
            keys[rng.below(keys.len())].to_string()
        }
        70..=89 => SPECIAL[rng.below(SPECIAL.len())].to_string(),
        90..=97 => loop {
            let c = 1 + rng.below(26) as u8;
            if c != 3 {
                break char::from(c).to_string();
            }
        },
        // A bracketed paste, with a character that is not text in it.
        _ => "\x1b[200~pasted words,\tand\x07 more\x1b[201~".to_string(),
    }
}

fn spawn(home: &Path) -> Pty {
    let pty = Pty::spawn(
        &[ESSAY],
        120,
        40,
        &[
            (
                "MARGIN_HOME",
                home.to_str().expect("a UTF-8 temporary path"),
            ),
            // Ctrl-O and E hand the note to the editor: one that changes nothing.
            ("VISUAL", "true"),
            // A link said yes to opens in a browser that does nothing.
            ("BROWSER", "true"),
            ("EDITOR", "true"),
            ("RUST_BACKTRACE", "1"),
        ],
    );
    pty.wait_for(|s| s.contains("The Slow Reader"), TIMEOUT)
        .unwrap_or_else(|e| panic!("margin opens the essay: {e}"));
    pty
}

fn assert_no_panic(pty: &Pty, seed: u64) {
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    if let Some(at) = raw.find("panicked") {
        panic!(
            "margin panicked (seed {seed}):\n{}",
            &raw[at.saturating_sub(200)..]
        );
    }
}

/// Ends the run whatever state the monkey left it in: Esc out of prompts and editors, then
/// Ctrl-C, and `y` to whatever is asked.
fn final_quit(pty: &Pty, seed: u64) {
    for _ in 0..10 {
        if !pty.is_running() {
            break;
        }
        pty.send("\x1b");
        pty.wait_settled(Duration::from_millis(50), TIMEOUT);
        pty.send("\x03");
        pty.wait_settled(Duration::from_millis(50), TIMEOUT);
        if pty.screen().contains("y/n") {
            pty.send("y");
        }
        pty.wait_exit(Duration::from_secs(2));
    }
    let status = pty
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("margin did not quit (seed {seed}):\n{}", pty.screen()));
    assert!(status.success(), "exit {status:?} (seed {seed})");
}

/// A few hundred random keys and resizes on the real binary in a pseudo-terminal.
/// `MONKEY_SEED` picks another sequence.
#[test]
fn a_few_hundred_random_keys_in_a_real_terminal() {
    let seed = std::env::var("MONKEY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6d61_7267_696e_u64);
    let mut rng = Rng::new(seed);
    let dir = TempDir::new().expect("a temporary folder");
    let home = dir.path().join("margin");
    std::fs::create_dir(&home).expect("a MARGIN_HOME");

    let mut pty = spawn(&home);
    // One note for certain, so there is a notes file to check at the end.
    pty.send("a");
    pty.wait_for(|s| s.contains("New note"), TIMEOUT).unwrap();
    pty.send("The monkey was here.");
    pty.wait_for(|s| s.contains("The monkey was here."), TIMEOUT)
        .unwrap();
    pty.send("\x1b");
    pty.wait_for(|s| s.contains("Note saved"), TIMEOUT).unwrap();

    let mut screens = std::collections::HashSet::new();
    for sent in (0..SMOKE_KEYS).step_by(BATCH) {
        let batch: String = (0..BATCH).map(|_| random_key(&mut rng)).collect();
        pty.send(&batch);
        match rng.below(6) {
            0 => pty.resize(1 + rng.below(200) as u16, 1 + rng.below(60) as u16),
            1 => pty.resize(1, 1),
            2 => pty.resize(120, 40),
            _ => {}
        }
        // Let the reader catch up, so keys do not pile up.
        pty.wait_settled(Duration::from_millis(20), Duration::from_secs(20));
        screens.insert(pty.screen());
        assert_no_panic(&pty, seed);
        if !pty.is_running() {
            // The monkey found a way out (`y` to a question, say): it must be a clean one.
            let status = pty.wait_exit(TIMEOUT).expect("margin has exited");
            assert!(
                status.success(),
                "exit {status:?} (seed {seed}, {sent} keys)"
            );
            assert_terminal_restored(&pty.raw_output());
            pty = spawn(&home);
        }
    }
    pty.resize(120, 40);
    final_quit(&pty, seed);
    assert_no_panic(&pty, seed);
    assert_terminal_restored(&pty.raw_output());

    let notes: Vec<_> = std::fs::read_dir(home.join("notes"))
        .expect("a notes folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert!(!notes.is_empty(), "a notes file");
    for path in notes {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{path:?} is not TOML: {e}\n{text}"));
        assert_eq!(table["schema"].as_integer(), Some(1), "{path:?}");
        margin::notes::store::read_file(&path)
            .unwrap_or_else(|e| panic!("{path:?}: {e}"))
            .expect("the file is there");
    }
    // The keys did something: the monkey saw different screens.
    assert!(
        screens.len() > 5,
        "only {} different screens",
        screens.len()
    );
}
