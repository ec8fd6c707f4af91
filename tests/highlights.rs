//! Highlights and notes on exact passages, key by key through the key table and `update`
//! (`v` selects, `)` `(` `w` `b` `}` `{` move the end, `h` `a` `y` `Esc`); and a property:
//! random edits to an essay with random highlights never lose one, and a passage the edits
//! did not touch is always found in place.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::collections::HashSet;

use margin::app::document::Document;
use margin::app::keymap::Mode;
use margin::app::{Action, App, Effect, Pane, update};
use margin::essay::{Essay, Format};
use margin::notes::{Note, State, anchor, passage};
use margin::text::reattach::Place;
use proptest::prelude::*;
use support::keys::keys;
use support::reader::{essay, saved};

fn app() -> App {
    essay("the-slow-reader.md").size(140, 40).build()
}

fn selected(a: &App) -> String {
    a.selection.unwrap().text(&a.doc)
}

const FIRST: &str = "For most of my adult life I read the way some people eat standing up at the kitchen counter: quickly, efficiently, and with a faint sense that the real meal was happening somewhere else.";

#[test]
fn v_selects_the_first_sentence_and_h_highlights_exactly_it() {
    let mut a = app();
    keys(&mut a, "v");
    assert_eq!(a.mode(), Mode::Selection);
    assert_eq!(selected(&a), FIRST);
    keys(&mut a, ")");
    assert_eq!(selected(&a), format!("{FIRST} I finished things."));
    let notes = saved(&keys(&mut a, "h"));
    assert_eq!(notes.len(), 1);
    let note = &notes[0];
    assert!(note.is_highlight());
    assert_eq!(note.quote(), format!("{FIRST} I finished things."));
    assert_eq!(a.mode(), Mode::Pane(Pane::Text), "the selection is over");
    // Drawn in the text: the reader knows where the highlight is.
    let span = a.notes.spans[&note.id];
    assert_eq!(span.start.offset, 0);
    assert_eq!(a.notes.placement(&note.id).state, State::InPlace);
}

#[test]
fn a_on_a_selection_writes_a_note_on_exactly_those_words() {
    let mut a = app();
    keys(&mut a, "v))(ww");
    let words = selected(&a);
    assert_eq!(words, format!("{FIRST} I finished things. I could"));
    keys(&mut a, "a");
    assert_eq!(a.mode(), Mode::Editor);
    keys(&mut a, "Why so fast?");
    let notes = saved(&keys(&mut a, "<esc>"));
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Why so fast?");
    assert_eq!(notes[0].passage.as_ref().unwrap().quote, words);
    assert!(!notes[0].is_highlight());
    assert_eq!(a.mode(), Mode::Pane(Pane::Text));
}

#[test]
fn paragraph_steps_cross_paragraphs_and_the_view_follows_the_end() {
    let mut a = essay("the-slow-reader.md").size(100, 12).build();
    keys(&mut a, "v}");
    let first = a.selection.unwrap().span;
    assert_eq!(first.start.block, first.end.block);
    keys(&mut a, "}}}}}}");
    let span = a.selection.unwrap().span;
    assert!(span.end.block > span.start.block + 3, "{span:?}");
    assert!(
        a.view.shows(span.end.block),
        "the selection's end is on screen"
    );
    assert!(selected(&a).contains("\n\n"), "paragraphs joined");
    keys(&mut a, "{");
    assert!(a.selection.unwrap().span.end.block < span.end.block);
}

#[test]
fn esc_cancels_and_keeps_nothing() {
    let mut a = app();
    let effects = keys(&mut a, "v))<esc>");
    assert!(effects.is_empty());
    assert!(a.selection.is_none());
    assert_eq!(a.mode(), Mode::Pane(Pane::Text));
    assert_eq!(a.notes.live().count(), 0);
}

#[test]
fn y_copies_a_quotation_with_the_title_and_says_where_else_it_went() {
    let mut a = app();
    let effects = keys(&mut a, "vy");
    assert_eq!(
        effects,
        vec![Effect::CopyToClipboard(format!(
            "“{FIRST}” — The Slow Reader"
        ))]
    );
    assert!(a.selection.is_none());
    update(
        &mut a,
        Action::Copied(Ok("/home/r/margin/clipboard.txt".into())),
    );
    let said = a.message.clone().unwrap();
    assert!(said.contains("OSC 52"), "{said}");
    assert!(said.contains("/home/r/margin/clipboard.txt"), "{said}");
}

#[test]
fn a_copied_quotation_never_carries_control_characters() {
    let mut a = support::reader::reader(
        "# Title\u{1b}]0;owned\u{7}\n\nA sentence with \u{1b}[31mcolour\u{9b}2J in it. Then more.\n",
    )
    .build();
    let effects = keys(&mut a, "vy");
    let [Effect::CopyToClipboard(text)] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert!(
        !text.chars().any(char::is_control),
        "a control character in {text:?}"
    );
    assert!(text.contains("A sentence with"), "{text}");
}

/// A note on exact words still being written when margin is stopped is kept as a draft
/// that knows the words: it comes back, and is saved, on them, not on their paragraph.
#[test]
fn a_draft_of_a_note_on_exact_words_keeps_the_words() {
    let mut a = app();
    keys(&mut a, "v)a");
    keys(&mut a, "Half a thought");
    let draft = margin::app::notes_update::draft(&a).unwrap();
    let words = format!("{FIRST} I finished things.");
    assert_eq!(draft.passage.as_ref().unwrap().quote, words);
    let kept = serde_json::to_string(&draft).unwrap();
    let mut b = app();
    let opened = margin::app::action::Opened {
        draft: Some(serde_json::from_str(&kept).unwrap()),
        ..Default::default()
    };
    update(&mut b, Action::Opened(Box::new(opened)));
    assert_eq!(b.mode(), Mode::Editor);
    let notes = saved(&keys(&mut b, "<esc>"));
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Half a thought");
    assert_eq!(notes[0].quote(), words);
}

/// `Enter` on a note on exact words goes to those words, deep in their paragraph, and
/// says what they were when they have changed since.
#[test]
fn enter_on_an_edited_passage_note_goes_to_its_words_and_says_what_they_were() {
    let path = format!("{}/essays/the-slow-reader.md", env!("CARGO_MANIFEST_DIR"));
    let original = std::fs::read_to_string(path).unwrap();
    let words = "It was maddening for about four days.";
    let note = support::reader::passage_note(&original, words, "Four days.", "n");
    let edited = original.replace("It was maddening", "It was infuriating");
    let mut a = support::reader::reader(&edited)
        .size(140, 12)
        .stored(vec![note])
        .build();
    keys(&mut a, "GG");
    a.notes.view_all = true;
    if a.areas.notes.is_none() {
        keys(&mut a, "m");
    }
    for _ in 0..3 {
        if a.focus != Pane::Notes {
            keys(&mut a, "<tab>");
        }
    }
    assert_eq!(a.focus, Pane::Notes);
    keys(&mut a, "<ret>");
    let said = a.message.clone().unwrap_or_default();
    assert!(said.contains(&format!("it was “{words}”")), "{said}");
    let span = a.notes.spans["n"];
    let line = a.view.layout.pos_of(span.start.block, span.start.offset);
    assert!(
        a.view.visible().any(|(pos, _)| pos == line),
        "the line with the words is on screen"
    );
}

// The property.

/// An essay as paragraphs of sentences, each paragraph with an id that moves with it.
#[derive(Debug, Clone)]
struct Draft {
    paragraphs: Vec<(usize, Vec<String>)>,
    next_id: usize,
    /// Sentences changed by an edit: (paragraph id, sentence index).
    touched: HashSet<(usize, usize)>,
}

impl Draft {
    fn text(&self) -> String {
        let mut out = String::from("# An essay\n\n");
        for (_, sentences) in &self.paragraphs {
            out.push_str(&sentences.join(" "));
            out.push_str("\n\n");
        }
        out
    }

    fn position(&self, id: usize) -> Option<usize> {
        self.paragraphs.iter().position(|(p, _)| *p == id)
    }
}

#[derive(Debug, Clone)]
enum Edit {
    InsertParagraph(usize, Vec<String>),
    DeleteParagraph(usize),
    ReplaceWord(usize, usize, usize, String),
    InsertWord(usize, usize, usize, String),
    DeleteWord(usize, usize, usize),
    MoveParagraph(usize, usize),
}

fn word() -> impl Strategy<Value = String> {
    "[a-z]{2,9}"
}

fn sentence() -> impl Strategy<Value = String> {
    proptest::collection::vec(word(), 3..10).prop_map(|words| {
        let mut s = words.join(" ");
        s[..1].make_ascii_uppercase();
        s.push('.');
        s
    })
}

fn paragraph() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(sentence(), 1..5)
}

fn edit() -> impl Strategy<Value = Edit> {
    let any = 0usize..1000;
    prop_oneof![
        (any.clone(), paragraph()).prop_map(|(at, p)| Edit::InsertParagraph(at, p)),
        any.clone().prop_map(Edit::DeleteParagraph),
        (any.clone(), any.clone(), any.clone(), word())
            .prop_map(|(p, s, w, x)| Edit::ReplaceWord(p, s, w, x)),
        (any.clone(), any.clone(), any.clone(), word())
            .prop_map(|(p, s, w, x)| Edit::InsertWord(p, s, w, x)),
        (any.clone(), any.clone(), any.clone()).prop_map(|(p, s, w)| Edit::DeleteWord(p, s, w)),
        (any.clone(), any).prop_map(|(from, to)| Edit::MoveParagraph(from, to)),
    ]
}

/// Applies `edit` to `draft`, marking the sentences it changes.
fn apply(draft: &mut Draft, edit: &Edit) {
    let n = draft.paragraphs.len();
    match edit.clone() {
        Edit::InsertParagraph(at, p) => {
            draft.paragraphs.insert(at % (n + 1), (draft.next_id, p));
            draft.next_id += 1;
        }
        Edit::DeleteParagraph(at) if n > 1 => {
            draft.paragraphs.remove(at % n);
        }
        Edit::MoveParagraph(from, to) if n > 1 => {
            let p = draft.paragraphs.remove(from % n);
            draft.paragraphs.insert(to % n, p);
        }
        Edit::ReplaceWord(p, s, w, x) | Edit::InsertWord(p, s, w, x) if n > 0 => {
            let (id, sentences) = &mut draft.paragraphs[p % n];
            let s = s % sentences.len();
            let mut words: Vec<String> = sentences[s].split(' ').map(str::to_string).collect();
            // Never the first word (its capital) nor the last (its stop).
            let w = 1 + w % words.len().saturating_sub(1).max(1);
            if matches!(edit, Edit::ReplaceWord(..)) && w < words.len() - 1 {
                words[w] = x;
            } else {
                words.insert(w.min(words.len() - 1), x);
            }
            sentences[s] = words.join(" ");
            draft.touched.insert((*id, s));
        }
        Edit::DeleteWord(p, s, w) if n > 0 => {
            let (id, sentences) = &mut draft.paragraphs[p % n];
            let s = s % sentences.len();
            let mut words: Vec<String> = sentences[s].split(' ').map(str::to_string).collect();
            if words.len() > 3 {
                words.remove(1 + w % (words.len() - 2));
                sentences[s] = words.join(" ");
                draft.touched.insert((*id, s));
            }
        }
        _ => {}
    }
}

/// A highlight: sentences `from` to `to` of paragraph `id`, or on to the next paragraph's
/// first `into` sentences.
#[derive(Debug, Clone, Copy)]
struct Mark {
    id: usize,
    from: usize,
    to: usize,
    into: Option<(usize, usize)>,
}

fn doc(text: &str) -> Document {
    Document::new(Essay::parse(text, Format::Markdown, "t"), "t".into())
}

/// The block of paragraph number `i` (the title is block 0).
fn place_of(draft: &Draft, doc: &Document, i: usize, sentence: usize, end: bool) -> Place {
    let sentences = &draft.paragraphs[i].1;
    let before: usize = sentences[..sentence].iter().map(|s| s.len() + 1).sum();
    let offset = before + if end { sentences[sentence].len() } else { 0 };
    let block = (0..doc.plain().len())
        .filter(|&b| doc.is_passage(b))
        .nth(i)
        .unwrap();
    assert!(doc.plain()[block].starts_with(&sentences[0]));
    Place { block, offset }
}

fn highlight(draft: &Draft, doc: &Document, mark: Mark, n: usize) -> Note {
    let i = draft.position(mark.id).unwrap();
    let start = place_of(draft, doc, i, mark.from, false);
    let end = match mark.into {
        Some((next, last)) => place_of(draft, doc, draft.position(next).unwrap(), last, true),
        None => place_of(draft, doc, i, mark.to, true),
    };
    let span = passage::Span { start, end };
    Note {
        id: format!("h{n}"),
        created: "2026-03-14T09:30:00Z".into(),
        updated: "2026-03-14T09:30:00Z".into(),
        text: String::new(),
        deleted: None,
        passage: passage::capture(&doc.essay, doc.plain(), span),
        version: margin::notes::Version::default(),
        anchor: anchor::capture(&doc.essay, doc.plain(), start.block),
    }
}

/// Whether `mark`'s sentences are all there, unchanged and (across paragraphs) still
/// side by side.
fn untouched(draft: &Draft, mark: Mark) -> bool {
    let Some(i) = draft.position(mark.id) else {
        return false;
    };
    let clean =
        |id: usize, from: usize, to: usize| (from..=to).all(|s| !draft.touched.contains(&(id, s)));
    match mark.into {
        None => clean(mark.id, mark.from, mark.to),
        Some((next, last)) => {
            let last_of_first = draft.paragraphs[i].1.len() - 1;
            draft.position(next) == Some(i + 1)
                && clean(mark.id, mark.from, last_of_first)
                && clean(next, 0, last)
        }
    }
}

fn marks_for(draft: &Draft, picks: &[(usize, usize, usize, bool)]) -> Vec<Mark> {
    let n = draft.paragraphs.len();
    picks
        .iter()
        .map(|&(p, a, b, across)| {
            let i = p % n;
            let count = draft.paragraphs[i].1.len();
            let (from, to) = ((a % count).min(b % count), (a % count).max(b % count));
            let into = (across && i + 1 < n).then(|| {
                let (next, sentences) = &draft.paragraphs[i + 1];
                (*next, b % sentences.len())
            });
            Mark {
                id: draft.paragraphs[i].0,
                from,
                to: if into.is_some() { count - 1 } else { to },
                into,
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_never_lose_a_highlight_and_leave_untouched_ones_in_place(
        paragraphs in proptest::collection::vec(paragraph(), 2..8),
        picks in proptest::collection::vec((0usize..100, 0usize..10, 0usize..10, any::<bool>()), 1..6),
        edits in proptest::collection::vec(edit(), 0..12),
    ) {
        let mut draft = Draft {
            next_id: paragraphs.len(),
            paragraphs: paragraphs.into_iter().enumerate().collect(),
            touched: HashSet::new(),
        };
        let before = doc(&draft.text());
        let marks = marks_for(&draft, &picks);
        let notes: Vec<Note> = marks
            .iter()
            .enumerate()
            .map(|(n, &m)| highlight(&draft, &before, m, n))
            .collect();
        prop_assert!(notes.iter().all(|n| n.passage.is_some()));
        for e in &edits {
            apply(&mut draft, e);
        }
        let after = doc(&draft.text());
        let mut kept = margin::app::notes::Notes::default();
        kept.load(notes.clone(), &after);
        kept.view_all = true;
        prop_assert_eq!(kept.listed(&after, 0).len(), notes.len(), "every note is listed");
        for (note, &mark) in notes.iter().zip(&marks) {
            prop_assert!(kept.placed.contains_key(&note.id), "{} has no place", note.id);
            let placement = kept.placement(&note.id);
            prop_assert!(after.is_passage(placement.block));
            if untouched(&draft, mark) {
                prop_assert_eq!(placement.state, State::InPlace, "{:?} {:?}", mark, note.quote());
                let span = kept.spans[&note.id];
                let words = passage::words(&after.essay, after.plain(), span).unwrap();
                prop_assert_eq!(words, note.quote());
            }
        }
    }
}
