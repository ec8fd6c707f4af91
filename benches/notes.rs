//! What the notes cost when there are many, or one very long (issue 16):
//!
//! - `notes/save/N`: saving one new note into an essay's notes file that holds N notes (lock,
//!   read the file, merge, write it atomically with its fsyncs), on the disk `cargo bench`
//!   runs on. Target: under 50 ms at 20,000 notes, growing no faster than N log N.
//! - `notes/pane_key/N` and `notes/pane_key/10MB_note`: a key press in the notes pane, listing
//!   every note, and the frame drawn after it into a 120x40 TestBackend. Target: under 10 ms.
//!
//! Run `cargo bench --bench notes`.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use margin::app::document::Document;
use margin::app::{Action, App, Options, Pane, update};
use margin::essay::{Essay, Format};
use margin::notes::store::{NoteStore, parse};
use margin::notes::{Note, time};
use margin::sample;
use margin::store::identity::Identity;
use margin::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const COUNTS: &[usize] = &[2_000, 20_000];

/// `n` notes on blocks spread over `blocks`, read as the notes file would be.
fn notes(n: usize, blocks: usize, text: impl Fn(usize) -> String) -> Vec<Note> {
    let now = time::now();
    let mut toml = String::from("schema = 1\n[essay]\ntitle = \"B\"\nfingerprint = \"f\"\n");
    for i in 0..n {
        toml.push_str(&format!(
            "[[notes]]\nid = \"note-{i}\"\ncreated = \"{now}\"\nupdated = \"{now}\"\ntext = {:?}\n\
             [notes.anchor]\nsection = \"S\"\nquote = \"\"\nblock = {}\n",
            text(i),
            (i * 7) % blocks.max(1)
        ));
    }
    parse(&toml, Path::new("bench.toml"))
        .map(|f| f.notes)
        .expect("generated notes parse")
}

fn saving(c: &mut Criterion) {
    let mut group = c.benchmark_group("notes");
    group.sample_size(20);
    for &n in COUNTS {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let essay = dir.path().join("essay.md");
        std::fs::write(&essay, "Some words.").expect("the essay");
        let identity = Identity::new(&essay, "Some words.");
        let (mut store, _) = NoteStore::open_in(Some(dir.path().join("notes")), identity, "B");
        let all = notes(n + 1, 100, |i| {
            format!("A note of some words, number {i}. #tag")
        });
        let (template, rest) = all.split_last().expect("notes");
        for note in rest {
            store.notes.push(note.clone());
        }
        store.unsaved = true;
        store.save().expect("the first save");
        let mut k = 0;
        group.bench_function(BenchmarkId::new("save", n), |b| {
            b.iter(|| {
                k += 1;
                let mut note = template.clone();
                note.id = format!("new-{k}");
                store.put(black_box(note)).expect("saved");
            })
        });
    }
    group.finish();
}

fn reader_with(notes: Vec<Note>) -> (App, Terminal<TestBackend>) {
    let text = sample::essay(300_000, Format::Markdown, 1);
    let essay = Essay::parse(&text, Format::Markdown, "bench");
    let mut app = App::new(Document::new(essay, "bench".into()), Options::default());
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app.notes.load(notes, &app.doc);
    update(&mut app, Action::ToggleNotes);
    app.focus = Pane::Notes;
    update(&mut app, Action::ToggleNotesView);
    let terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    (app, terminal)
}

fn pane_keys(c: &mut Criterion) {
    let theme = Theme::dark();
    let mut group = c.benchmark_group("notes");
    group.sample_size(20);
    let blocks = {
        let text = sample::essay(300_000, Format::Markdown, 1);
        Essay::parse(&text, Format::Markdown, "b").blocks.len()
    };
    let mut cases: Vec<(String, Vec<Note>)> = COUNTS
        .iter()
        .map(|&n| {
            let notes = notes(n, blocks, |i| format!("A note of some words, number {i}."));
            (n.to_string(), notes)
        })
        .collect();
    let long = "A very long note, written and pasted again and again. ".repeat(10_000_000 / 54);
    let mut one_long = notes(20, blocks, |i| format!("note {i}"));
    one_long[0].text = long;
    cases.push(("10MB_note".into(), one_long));
    for (name, notes) in cases {
        let (mut app, mut terminal) = reader_with(notes);
        let mut down = true;
        group.bench_function(BenchmarkId::new("pane_key", name), |b| {
            b.iter(|| {
                down = !down;
                update(&mut app, Action::Select(if down { 1 } else { -1 }));
                terminal.draw(|f| ui::draw(f, &app, &theme)).expect("drawn");
            })
        });
    }
    group.finish();
}

criterion_group!(benches, saving, pane_keys);
criterion_main!(benches);
