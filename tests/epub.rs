//! EPUB books as essays, on books built here at run time: chapters in spine order, each
//! chapter's headings as sections, a chapter without one titled from the navigation
//! document, title and author from the package; and books that are wrong on purpose (a zip
//! that is not an EPUB, entries named `../../x`, a zip bomb), each one clear line.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

use assert_cmd::Command;
use margin::essay::epub::{to_markdown, to_markdown_capped};
use margin::essay::{BlockKind, Essay, Format, source};
use margin::sample_web::{Chapter, epub, zip};

fn chapter(file: &str, nav_title: &str, body: &str) -> Chapter {
    Chapter {
        file: file.to_string(),
        nav_title: nav_title.to_string(),
        body: body.to_string(),
    }
}

/// Three chapters, in a spine order unlike their file names; the second has no heading,
/// the third keeps its heading in a `<header>` and has a figure and a footnote.
fn book() -> Vec<u8> {
    epub(
        "Essays on Walking",
        "Clare Oduya",
        &[
            chapter(
                "z-first.xhtml",
                "Nav Name Not Used",
                "<section><h1>The First Mile</h1><p>Every walk begins badly.</p><p>Then it improves.</p></section>",
            ),
            chapter(
                "a-second.xhtml",
                "An Interlude",
                "<p>A chapter with no heading of its own.</p>",
            ),
            chapter(
                "m-third.xhtml",
                "Third",
                r##"<header><h1>Coming Home</h1></header><h2>The Door</h2>
                <figure><img src="door.jpg" alt="A green door"/><figcaption>Our door.</figcaption></figure>
                <p>The last step is the longest.<a epub:type="noteref" href="#n1">1</a></p>
                <aside epub:type="footnote" id="n1"><p>Said by everyone who ever came home.</p></aside>"##,
            ),
        ],
    )
}

fn essay_of(bytes: Vec<u8>) -> Essay {
    let source = source::from_bytes(bytes, Path::new("book.epub"), None).unwrap();
    Essay::from_source(&source, None)
}

#[test]
fn chapters_read_in_spine_order_with_their_headings() {
    let essay = essay_of(book());
    assert_eq!(essay.title.as_deref(), Some("Essays on Walking"));
    assert_eq!(essay.subtitle, ["Clare Oduya · 2024-01-02"]);
    assert_eq!(essay.format, Format::Markdown);
    let outline: Vec<&str> = essay.outline().map(|(_, s)| s.title.as_str()).collect();
    assert_eq!(
        outline,
        ["The First Mile", "An Interlude", "Coming Home", "The Door"]
    );
    let paragraphs: Vec<String> = essay
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph(_)))
        .map(|b| b.plain_text())
        .collect();
    assert_eq!(
        paragraphs,
        [
            "Every walk begins badly.",
            "Then it improves.",
            "A chapter with no heading of its own.",
            "[Image: A green door]",
            "Our door.",
            "The last step is the longest.[c2-n1]",
            "Said by everyone who ever came home.",
        ]
    );
}

#[test]
fn an_epub_is_recognised_by_its_bytes_on_standard_input() {
    let source = source::from_bytes(book(), Path::new("-"), None).unwrap();
    assert_eq!(source.format, Some(Format::Markdown));
    assert!(
        source
            .text
            .starts_with("---\ntitle: \"Essays on Walking\"\n")
    );
}

#[test]
fn a_zip_that_is_not_an_epub_is_refused_in_one_line() {
    let plain_zip = zip(&[("notes.txt", b"hello"), ("more.txt", b"world")]);
    let err = source::from_bytes(plain_zip, Path::new("book.epub"), None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "book.epub: a zip archive, but not an EPUB: it has no META-INF/container.xml"
    );
    let wrong_type = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
    let err = to_markdown(&wrong_type).unwrap_err();
    assert_eq!(
        err,
        "a zip archive, but not an EPUB: its mimetype is application/vnd.oasis.opendocument.text"
    );
    let err = source::from_bytes(b"not a zip at all".to_vec(), Path::new("b.epub"), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("b.epub: not an EPUB: not a readable zip archive"),
        "{err}"
    );
    assert!(!err.contains('\n'));
}

#[test]
fn entries_named_outside_the_book_are_only_names() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("a/b");
    std::fs::create_dir_all(&inner).unwrap();
    let bytes = epub(
        "Escape",
        "Nobody",
        &[chapter(
            "../../../escape.xhtml",
            "Out",
            "<p>Read, not written.</p>",
        )],
    );
    std::fs::write(inner.join("book.epub"), bytes).unwrap();
    let out = margin()
        .current_dir(&inner)
        .args(["render", "book.epub"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Read, not written."), "{text}");
    let mut found: Vec<String> = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            found.push(
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
            if p.is_dir() {
                stack.push(p);
            }
        }
    }
    found.sort();
    assert_eq!(found, ["a", "a/b", "a/b/book.epub"], "nothing was written");
}

#[test]
fn a_zip_bomb_stops_at_the_cap() {
    let zeros = vec![b' '; 3 * 1024 * 1024];
    let mut body = b"<html><body><p>x</p>".to_vec();
    body.extend_from_slice(&zeros);
    let bytes = epub("Bomb", "B", &[chapter("c.xhtml", "C", "<p>fine</p>")]);
    assert!(to_markdown_capped(&bytes, 1024 * 1024).is_ok());
    let bomb = zip(&[
        ("mimetype", b"application/epub+zip"),
        (
            "META-INF/container.xml",
            br#"<container><rootfiles><rootfile full-path="big.opf"/></rootfiles></container>"#,
        ),
        ("big.opf", &body),
    ]);
    assert!(bomb.len() < 64 * 1024, "deflated to {} bytes", bomb.len());
    let err = to_markdown_capped(&bomb, 1024 * 1024).unwrap_err();
    assert_eq!(
        err,
        "the book expands past 1 MB, the most margin reads (a damaged book or a zip bomb)"
    );
}

#[test]
fn a_damaged_package_is_one_line() {
    let bytes = zip(&[
        ("mimetype", b"application/epub+zip"),
        (
            "META-INF/container.xml",
            br#"<container><rootfiles><rootfile full-path="p.opf"/></rootfiles></container>"#,
        ),
        ("p.opf", b"<package><metadata>"),
    ]);
    let err = to_markdown(&bytes).unwrap_err();
    assert!(err.starts_with("the book is damaged: p.opf:"), "{err}");
    let empty = zip(&[
        ("mimetype", b"application/epub+zip"),
        (
            "META-INF/container.xml",
            br#"<container><rootfiles><rootfile full-path="p.opf"/></rootfiles></container>"#,
        ),
        (
            "p.opf",
            b"<package><metadata/><manifest/><spine/></package>",
        ),
    ]);
    assert_eq!(
        to_markdown(&empty).unwrap_err(),
        "the book has no chapters with text"
    );
}

fn margin() -> Command {
    let scratch = std::env::temp_dir().join(format!("margin-epub-tests-{}", std::process::id()));
    let mut cmd = Command::cargo_bin("margin").unwrap();
    cmd.env("MARGIN_HOME", scratch.join("data"))
        .env("XDG_CONFIG_HOME", scratch.join("config"));
    cmd
}

#[test]
fn render_and_toc_of_a_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("walking.epub");
    std::fs::write(&path, book()).unwrap();
    let out = margin()
        .args(["render", "--width", "60"])
        .arg(&path)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with("Essays on Walking\nClare Oduya · 2024-01-02\n"),
        "{text}"
    );
    assert!(text.contains("An Interlude") && text.contains("Every walk begins badly."));
    let out = margin().args(["toc"]).arg(&path).assert().success();
    let toc = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for heading in ["The First Mile", "An Interlude", "Coming Home", "The Door"] {
        assert!(toc.contains(heading), "{toc}");
    }
    let out = margin()
        .args(["toc", "-"])
        .write_stdin(book())
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        toc
    );
    let bad = dir.path().join("bad.epub");
    std::fs::write(&bad, zip(&[("a.txt", b"a")])).unwrap();
    margin()
        .args(["toc"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicates::str::contains("not an EPUB"));
}

/// A long book opens on its first chapters at once: the reader shows them while the rest
/// is converted (as a long text file's start is shown while the rest is read).
#[test]
fn a_long_book_is_shown_from_its_first_chapter_while_the_rest_converts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.epub");
    std::fs::write(&file, margin::sample_web::book(5_000_000)).unwrap();
    let head = source::head(&file, 32 * 1024)
        .unwrap()
        .expect("shown from its start");
    assert_eq!(head.format, Some(Format::Markdown));
    let start = Essay::from_source(&head, None);
    let whole = Essay::from_source(&source::load(&file).unwrap(), None);
    let titles = |e: &Essay| {
        e.sections
            .iter()
            .map(|s| s.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(start.title, whole.title);
    assert!(
        titles(&start).contains(&"Chapter 1".to_string()),
        "{:?}",
        titles(&start)
    );
    assert!(
        titles(&start).len() * 10 < titles(&whole).len(),
        "only the start: {} of {} sections",
        titles(&start).len(),
        titles(&whole).len()
    );
    assert!(source::tail(&file, 16 * 1024).unwrap().is_none());
}

/// A short book is read whole at once, as a short file is.
#[test]
fn a_short_book_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.epub");
    std::fs::write(&file, book()).unwrap();
    assert!(source::head(&file, 32 * 1024).unwrap().is_none());
}
