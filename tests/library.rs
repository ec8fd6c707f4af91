//! The library: listing a folder, ordering by last opened, filtering by title, and the
//! cache that keeps a large library quick.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use margin::app::keymap::library_action_for;
use margin::app::library::{Library, LibraryAction, LibraryEffect, update};
use margin::library::cache::{About, Cache, describe};
use margin::library::{Entry, ReadingState, filter, scan, sort};

fn entry(name: &str, title: &str, opened: Option<u64>) -> Entry {
    Entry {
        path: PathBuf::from(format!("/lib/{name}")),
        about: Some(About {
            title: title.into(),
            byline: String::new(),
            words: 1000,
            outline: vec![(1, "One".into())],
            error: None,
        }),
        state: ReadingState {
            percent: opened.map(|_| 40),
            furthest: None,
            opened,
            notes: 0,
            notes_unreadable: false,
        },
    }
}

fn titles(lib: &Library) -> Vec<String> {
    lib.shown.iter().map(|&i| lib.entries[i].title()).collect()
}

/// A key pressed in the library, through its key table; what the runner must do.
fn key(lib: &mut Library, code: KeyCode) -> Vec<LibraryEffect> {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    match library_action_for(&event, lib.filtering) {
        Some(action) => update(lib, action),
        None => Vec::new(),
    }
}

#[test]
fn most_recently_read_first_then_by_title() {
    let mut entries = vec![
        entry("c.md", "Cedars", None),
        entry("a.md", "apples", Some(100)),
        entry("b.md", "Birches", Some(300)),
        entry("d.md", "Alders", None),
    ];
    sort(&mut entries);
    let order: Vec<String> = entries.iter().map(Entry::title).collect();
    assert_eq!(order, vec!["Birches", "apples", "Alders", "Cedars"]);
}

#[test]
fn typing_filters_by_title_and_enter_opens() {
    let entries = vec![
        entry("a.md", "The Slow Reader", None),
        entry("b.md", "Letters to a Gardener", None),
    ];
    let mut lib = Library::new(PathBuf::from("/lib"), entries, None);
    assert_eq!(filter(&lib.entries, "SLOW").len(), 1);
    key(&mut lib, KeyCode::Char('/'));
    for c in "gard".chars() {
        key(&mut lib, KeyCode::Char(c));
    }
    assert_eq!(titles(&lib), vec!["Letters to a Gardener"]);
    key(&mut lib, KeyCode::Enter);
    assert_eq!(
        key(&mut lib, KeyCode::Enter),
        vec![LibraryEffect::Open(PathBuf::from("/lib/b.md"))]
    );
    key(&mut lib, KeyCode::Esc);
    assert_eq!(titles(&lib).len(), 2);
    assert!(!lib.quit);
    key(&mut lib, KeyCode::Char('q'));
    assert!(lib.quit);
}

#[test]
fn an_unreadable_essay_is_listed_with_its_reason_and_not_opened() {
    let mut bad = entry("bad.txt", "", None);
    bad.about = Some(About {
        title: String::new(),
        byline: String::new(),
        words: 0,
        outline: Vec::new(),
        error: Some("bad.txt: looks like a PNG image".into()),
    });
    let mut lib = Library::new(PathBuf::from("/lib"), vec![bad], None);
    assert_eq!(lib.entries[0].title(), "bad");
    assert_eq!(key(&mut lib, KeyCode::Enter), vec![]);
    assert!(lib.message.as_deref().unwrap().contains("PNG"));
}

#[test]
fn essays_arriving_from_the_background_are_counted_down() {
    let mut pending = entry("p.md", "", None);
    pending.about = None;
    let mut lib = Library::new(PathBuf::from("/lib"), vec![pending], None);
    assert_eq!(lib.pending, 1);
    assert_eq!(
        lib.entries[0].title(),
        "p",
        "the file name stands in for the title"
    );
    let about = About {
        title: "Real Title".into(),
        byline: String::new(),
        words: 5,
        outline: vec![],
        error: None,
    };
    let path = PathBuf::from("/lib/p.md");
    let effects = update(
        &mut lib,
        LibraryAction::Described(path.clone(), about.clone()),
    );
    assert_eq!(lib.pending, 0);
    assert_eq!(
        effects,
        vec![
            LibraryEffect::Remember(path, Box::new(about)),
            LibraryEffect::SaveCache
        ],
        "the summary goes to the cache, which is saved once all are in"
    );
    assert_eq!(lib.entries[0].title(), "Real Title");
}

#[test]
fn the_sample_library_lists_real_titles_and_the_cache_sees_changes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("one.md", "# First\n\nSome words.\n"),
        (
            "sub/two.txt",
            "Second Essay\nA paragraph of words follows here, long enough to be one.\nA Heading\nMore words in a sentence.\n",
        ),
    ] {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let paths = scan::essays(dir.path()).unwrap();
    let mut cache = Cache::default();
    let titles: Vec<String> = paths
        .iter()
        .map(|p| {
            let about = describe(p);
            cache.put(p, about.clone());
            about.title
        })
        .collect();
    assert_eq!(titles, vec!["First", "Second Essay"]);
    assert!(cache.get(&paths[0]).is_some());
    std::fs::write(&paths[0], "# First, Rewritten at Length\n\nOther words.\n").unwrap();
    assert!(
        cache.get(&paths[0]).is_none(),
        "a changed file is read again"
    );
    assert!(cache.get(&paths[1]).is_some());
}

#[test]
fn the_search_matches_file_names_and_authors_too() {
    let mut slow = entry("the-slow-reader.md", "On Reading Slowly", None);
    if let Some(about) = slow.about.as_mut() {
        about.byline = "Ada Lovelace · 2026-01-02".into();
    }
    let entries = vec![slow, entry("letters.md", "Letters to a Gardener", None)];
    assert_eq!(filter(&entries, "slowly"), vec![0], "the title");
    assert_eq!(filter(&entries, "slow-reader"), vec![0], "the file name");
    assert_eq!(filter(&entries, "LOVELACE"), vec![0], "the author");
    assert_eq!(filter(&entries, "letters.md"), vec![1]);
    assert!(filter(&entries, "nowhere").is_empty());
}

#[test]
fn the_byline_is_read_from_the_essay() {
    let dir = tempfile::tempdir().unwrap();
    let essay = dir.path().join("e.md");
    std::fs::write(
        &essay,
        "---\ntitle: Walking\nauthor: Henry Thoreau\n---\n\nWords here.\n",
    )
    .unwrap();
    assert!(describe(&essay).byline.contains("Henry Thoreau"));
}

#[test]
fn on_a_first_run_the_cursor_stays_on_the_first_row_as_titles_arrive() {
    // No cache: every essay is listed by its file name until its title arrives.
    let pending = |name: &str| {
        let mut e = entry(name, "", None);
        e.about = None;
        e
    };
    let mut lib = Library::new(
        PathBuf::from("/lib"),
        vec![pending("a.md"), pending("b.md"), pending("c.md")],
        None,
    );
    assert_eq!(lib.selected, 0);
    let about = |title: &str| About {
        title: title.into(),
        byline: String::new(),
        words: 5,
        outline: vec![],
        error: None,
    };
    // a.md turns out to be titled last of all, and moves to the bottom.
    for (name, title) in [("a.md", "Zebras"), ("b.md", "Badgers"), ("c.md", "Cats")] {
        update(
            &mut lib,
            LibraryAction::Described(PathBuf::from(format!("/lib/{name}")), about(title)),
        );
    }
    assert_eq!(titles(&lib), vec!["Badgers", "Cats", "Zebras"]);
    assert_eq!(lib.selected, 0, "the cursor is on the first row");
    // Once the reader moves it, the selected essay keeps the cursor.
    key(&mut lib, KeyCode::Char('j'));
    assert_eq!(lib.selected_entry().unwrap().title(), "Cats");
    update(
        &mut lib,
        LibraryAction::Described(PathBuf::from("/lib/c.md"), about("Aardvarks")),
    );
    assert_eq!(lib.selected_entry().unwrap().title(), "Aardvarks");
}

#[test]
fn question_mark_shows_the_library_keys_and_any_key_hides_them() {
    let entries = vec![
        entry("a.md", "Alders", None),
        entry("b.md", "Birches", None),
    ];
    let mut lib = Library::new(PathBuf::from("/lib"), entries, None);
    key(&mut lib, KeyCode::Char('?'));
    assert!(lib.help);
    // q hides the keys; it does not quit, nor does j move.
    key(&mut lib, KeyCode::Char('q'));
    assert!(!lib.help && !lib.quit);
    key(&mut lib, KeyCode::Char('?'));
    key(&mut lib, KeyCode::Char('j'));
    assert!(!lib.help);
    assert_eq!(lib.selected, 0);
    let lines = margin::app::help::library_help_lines();
    for k in ["PgUp", "PgDn", "g", "G", "Esc", "?"] {
        assert!(
            lines
                .iter()
                .any(|(keys, _)| keys.split(' ').any(|x| x == k)),
            "{k} missing"
        );
    }
}
