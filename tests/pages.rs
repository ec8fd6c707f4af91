//! Web pages as essays: the blog-platform fixtures in `tests/fixtures/web/` read as their
//! articles (title, byline, headings, first and last paragraph, answered by hand), nothing
//! of the page around them, readers' comments after a rule; bad pages; and the command
//! line on a page, from a file and from standard input.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;

use assert_cmd::Command;
use margin::essay::{BlockKind, Essay, Format, source};
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/web/{name}.html"))
}

fn load(name: &str) -> Essay {
    Essay::load(&fixture(name), None).unwrap().0
}

/// What a fixture must read as.
struct Answer {
    name: &'static str,
    title: &'static str,
    byline: &'static str,
    headings: &'static [&'static str],
    first: &'static str,
    last: &'static str,
    /// A sentence of the readers' comments, when the page keeps them.
    comment: Option<&'static str>,
}

const ANSWERS: &[Answer] = &[
    Answer {
        name: "wordpress",
        title: "The Weight of Small Tools",
        byline: "Hester Calloway · 2025-09-21",
        headings: &[
            "What a small tool asks",
            "The drawer today",
            "2 thoughts on “The Weight of Small Tools”",
        ],
        first: "My grandfather kept a drawer of tools so small that as a child I thought they belonged to a doll’s house: a hammer the length of my finger, a square no wider than a matchbox, a plane that fit in the palm.",
        last: "When a job goes wrong, it is almost always because I reached for something bigger than the work in front of me.",
        comment: Some("My father had the same drawer. I never thought of it this way."),
    },
    Answer {
        name: "substack",
        title: "Letters I Never Sent",
        byline: "Priya Raman · 2025-02-03",
        headings: &[
            "The first draft is for you",
            "What the folder taught me",
            "Discussion about this post",
        ],
        first: "For twenty years I have kept a folder of letters I never sent. Some are angry, most are tender, and a few are simply too long.",
        last: "So I keep writing them, and I keep not sending most of them, and every year one or two go out into the world after all.",
        comment: Some(
            "I have a folder like this too. Mine is called drafts, which is a kinder word.",
        ),
    },
    Answer {
        name: "medium",
        title: "Why I Stopped Counting Steps",
        byline: "Oren Vale · 2024-11-30",
        headings: &["The number and the walk", "After"],
        first: "For three years a small band on my wrist told me whether I had lived enough that day. The answer was usually no.",
        last: "I walk about as much as before. I just remember more of it.",
        comment: None,
    },
    Answer {
        name: "ghost",
        title: "A Map of the Neighbourhood",
        byline: "Ines Marchetti · 2025-05-12",
        headings: &["What memory keeps", "Drawing again"],
        first: "Last spring I tried to draw a map of my neighbourhood from memory, and found that I could not place the bakery I walk past every day.",
        last: "So I drew it again, walking this time, and stopped at every door I had never noticed. The second map is worse as a map and better as a record of attention.",
        comment: None,
    },
    Answer {
        name: "hugo",
        title: "Notes on Bread",
        byline: "Ruth Abernethy · 2024-06-08",
        headings: &["The starter", "The smell", "The oven"],
        // The reader shows a footnote reference by its label.
        first: "Sourdough is a lesson in waiting that pretends to be a recipe.[fn1]",
        last: "The oven is the only part that is fast, and it is the part that matters least.",
        comment: None,
    },
    Answer {
        name: "jekyll",
        title: "In Praise of the Index Card",
        byline: "Malcolm Tierney · 2023-10-14",
        headings: &["Why small", "The shoebox", "Comments"],
        first: "An index card holds one idea, and only one. That is its whole virtue.",
        last: "Mine live in a shoebox, in no order but the order they were written. When I shuffle through them I find conversations between cards I never meant to have.",
        comment: Some("I use the backs of old library cards. They already have a history."),
    },
    Answer {
        name: "plain",
        title: "On Keeping a Commonplace Book",
        byline: "E. Whitlow · 1998-04-02",
        headings: &["How I began", "What I have learned"],
        first: "Written in the spring of 1998.",
        last: "The book is a portrait of a reader, not of the writers in it. Reading it back, I meet every person I have been — and I like most of them.",
        comment: None,
    },
];

/// Every block's text, a line each.
fn all_text(essay: &Essay) -> String {
    essay
        .blocks
        .iter()
        .map(|b| b.plain_text())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paragraphs of the essay's body: up to its last rule (before the comments, the
/// footnotes, or a hand-written page's footer), if it has one.
fn body_paragraphs(essay: &Essay) -> Vec<String> {
    let end = essay
        .blocks
        .iter()
        .rposition(|b| matches!(b.kind, BlockKind::Rule))
        .unwrap_or(essay.blocks.len());
    essay.blocks[..end]
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(t) => Some(t.as_str().to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn each_platform_reads_as_its_article() {
    for a in ANSWERS {
        let essay = load(a.name);
        assert_eq!(essay.title.as_deref(), Some(a.title), "{}", a.name);
        assert_eq!(essay.subtitle, [a.byline], "{}", a.name);
        assert_eq!(essay.format, Format::Markdown, "{}", a.name);
        let headings: Vec<&str> = essay.outline().map(|(_, s)| s.title.as_str()).collect();
        assert_eq!(headings, a.headings, "{}", a.name);
        let paragraphs = body_paragraphs(&essay);
        assert_eq!(
            paragraphs.first().map(String::as_str),
            Some(a.first),
            "{}",
            a.name
        );
        assert_eq!(
            paragraphs.last().map(String::as_str),
            Some(a.last),
            "{}",
            a.name
        );
        let text = all_text(&essay);
        if let Some(comment) = a.comment {
            let rule = essay
                .blocks
                .iter()
                .position(|b| matches!(b.kind, BlockKind::Rule));
            let said = essay.blocks.iter().position(|b| b.plain() == comment);
            assert!(
                rule.is_some() && said > rule,
                "{}: comment after a rule",
                a.name
            );
        }
        for chrome in [
            "Subscribe",
            "Share",
            "cookies",
            "Recent Posts",
            "Leave a Reply",
            "Powered by",
            "Sign in",
            "Related",
            "Home",
            "Reply",
            "says:",
            "Follow",
            "Sign up",
            "Recommended",
        ] {
            assert!(
                !text.contains(chrome),
                "{}: {chrome:?} shown:\n{text}",
                a.name
            );
        }
    }
}

#[test]
fn verse_footnotes_figures_and_tables_survive() {
    let plain = load("plain");
    let verse = plain
        .blocks
        .iter()
        .find(|b| b.plain().contains("possessed witch"))
        .unwrap();
    assert_eq!(
        verse.plain(),
        "I have gone out, a possessed witch,\nhaunting the black air, braver at night;"
    );
    let hugo = load("hugo");
    let code = hugo.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Code(c) => Some(c.text.clone()),
        _ => None,
    });
    assert_eq!(
        code.as_deref(),
        Some("day 1: 50 g flour, 50 g water\nday 2: discard half, feed again")
    );
    let text = all_text(&hugo);
    assert!(text.contains("The recipe is on the back of every flour bag; the waiting is not."));
    assert!(!text.contains('↩'));
    let ghost = load("ghost");
    let table = ghost.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Table(_) => Some(b.plain_text()),
        _ => None,
    });
    assert!(table.unwrap().contains("The corner where I fell"));
    let wordpress = all_text(&load("wordpress"));
    assert!(wordpress.contains("[Image: A brass finger plane on a walnut board]"));
    assert!(wordpress.contains("The plane, after sixty years of use."));
}

fn convert(html: &str) -> String {
    let source = source::from_bytes(
        html.as_bytes().to_vec(),
        std::path::Path::new("p.html"),
        None,
    )
    .unwrap();
    source.text.to_string()
}

#[test]
fn scripts_styles_forms_and_hidden_text_never_show() {
    let text = convert(
        r#"<html><head><style>p{color:red}</style></head><body><article><p>Shown.</p>
        <script>document.write("script text")</script><noscript>noscript text</noscript>
        <!-- comment text --><form><p>form text</p></form><p hidden>hidden text</p>
        <p style="display:none">styled away</p><div aria-hidden="true">aria text</div>
        <template><p>template text</p></template></article></body></html>"#,
    );
    assert!(text.contains("Shown."));
    for gone in [
        "script text",
        "noscript text",
        "comment text",
        "form text",
        "hidden text",
        "styled away",
        "aria text",
        "template text",
        "color:red",
    ] {
        assert!(!text.contains(gone), "{gone:?} in {text:?}");
    }
}

#[test]
fn script_and_data_links_are_shown_not_followed() {
    let text = convert(
        r#"<p>Click <a href="javascript:alert(1)">here</a> or <a href=" JaVaScRiPt:x">there</a>
        or <a href="data:text/html;base64,PHNjcmlwdD4=">this</a>, not <a href="https://ok.example/">that</a>.</p>"#,
    );
    assert!(
        text.contains("Click here or there or this, not [that](https://ok.example/)."),
        "{text}"
    );
    assert!(!text.to_ascii_lowercase().contains("javascript"));
    assert!(!text.contains("data:"));
}

#[test]
fn escapes_and_bidi_controls_are_removed_in_text_and_attributes() {
    let page = "<html><head><title>T\u{1b}]0;owned\u{7}itle</title><meta name=author content=\"Eve\u{202e}lin\u{1b}[31m\"></head>\
                <body><p>Red \u{1b}[31mtext\u{1b}[0m and \u{202e}reversed\u{202c} and \u{9b}31m.</p>\
                <p><img alt=\"alt\u{1b}[2J\u{2066}x\"> <a href=\"https://x.example/\u{1b}[1m\">link</a></p></body></html>";
    let text = convert(page);
    for bad in [
        '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{202c}', '\u{2066}',
    ] {
        assert!(!text.contains(bad), "{bad:?} in {text:?}");
    }
    assert!(text.contains("Red ␛text␛ and reversed and ␛."), "{text}");
    assert!(text.contains("author: \"Evelin␛\""), "{text}");
}

#[test]
fn malformed_html_still_reads() {
    let text = convert(
        "<html><body><p>One <b>bold <i>both</b> italic</i><p>Two &amp &copy 3 &lt 4 &#x41;&#0;<div><p>Three</table></span>",
    );
    assert!(text.contains("One **bold *both*** *italic*"), "{text}");
    assert!(
        text.contains("Two & © 3 \\< 4 A\u{FFFD}") || text.contains("Two & © 3 < 4 A\u{FFFD}"),
        "{text}"
    );
    assert!(text.contains("Three"));
}

#[test]
fn ten_thousand_nested_divs_read_without_overflow() {
    let page = "<body><article><p>Before the descent.</p>".to_string()
        + &"<div>".repeat(10_000)
        + "<p>At the bottom.</p>"
        + &"</div>".repeat(10_000)
        + "<p>After the climb.</p></article>";
    // On a thread with a small stack, as the reader's loading thread has.
    let text = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || convert(&page))
        .unwrap()
        .join()
        .unwrap();
    assert!(
        text.contains("Before the descent.\n\nAt the bottom.\n\nAfter the climb."),
        "{text}"
    );
}

#[test]
fn a_page_declaring_the_wrong_charset_is_read_as_written() {
    let mut latin = b"<html><head><meta charset=\"utf-8\"><title>Caf\xE9</title></head><body><p>D\xE9j\xE0 vu.</p></body></html>".to_vec();
    let source = source::from_bytes(latin.clone(), std::path::Path::new("p.html"), None).unwrap();
    assert!(source.text.contains("Déjà vu."), "{}", source.text);
    assert!(
        source.warnings[0].contains("Windows-1252"),
        "{:?}",
        source.warnings
    );
    // The HTTP header's charset is honoured.
    latin
        .splice(0..0, b"\xEF\xBB\xBF".iter().copied())
        .for_each(drop);
    let utf8 = "<meta charset=iso-8859-1><p>Déjà vu.</p>"
        .as_bytes()
        .to_vec();
    let source = source::from_bytes(
        utf8,
        std::path::Path::new("-"),
        Some("text/html; charset=ISO-8859-1"),
    )
    .unwrap();
    assert!(source.text.contains("Déjà vu."));
}

#[test]
fn an_empty_page_is_refused_as_empty() {
    let err = source::from_bytes(
        b"<html><body><script>x</script></body></html>".to_vec(),
        std::path::Path::new("e.html"),
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("the essay is empty"), "{err}");
}

proptest! {
    #[test]
    fn any_bytes_convert_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = margin::essay::html::to_markdown(&bytes, Some("text/html"));
    }

    #[test]
    fn any_tag_soup_converts_and_stays_sanitised(parts in proptest::collection::vec(
        prop_oneof![
            Just("<div>".to_string()), Just("</div>".to_string()), Just("<p>".to_string()),
            Just("<br>".to_string()), Just("<ul><li>".to_string()), Just("<table><tr><td>".to_string()),
            Just("<pre>".to_string()), Just("<a href='#x'>".to_string()), Just("</a>".to_string()),
            Just("<h2>".to_string()), Just("<blockquote>".to_string()), Just("<sup>".to_string()),
            Just("\u{1b}[31m".to_string()), Just("&amp;".to_string()), Just("*_`[".to_string()),
            "[a-z ]{0,12}",
        ], 0..80)) {
        let page = parts.concat();
        if let Ok(source) = source::from_bytes(page.into_bytes(), std::path::Path::new("x.html"), None) {
            prop_assert!(!source.text.contains('\u{1b}'), "an escape reached the text");
            let essay = Essay::from_source(&source, None);
            prop_assert_eq!(essay.format, Format::Markdown);
        }
    }
}

fn margin() -> Command {
    let scratch = std::env::temp_dir().join(format!("margin-web-tests-{}", std::process::id()));
    let mut cmd = Command::cargo_bin("margin").unwrap();
    cmd.env("MARGIN_HOME", scratch.join("data"))
        .env("XDG_CONFIG_HOME", scratch.join("config"));
    cmd
}

#[test]
fn toc_of_a_page_from_a_file_and_from_standard_input() {
    let expected = "The Weight of Small Tools";
    let out = margin()
        .args(["toc"])
        .arg(fixture("wordpress"))
        .assert()
        .success();
    let file = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(file.starts_with(expected), "{file}");
    assert!(file.contains("What a small tool asks") && file.contains("The drawer today"));
    let page = std::fs::read(fixture("wordpress")).unwrap();
    let out = margin()
        .args(["toc", "-"])
        .write_stdin(page)
        .assert()
        .success();
    let stdin = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdin, file);
}

#[test]
fn render_of_a_page_shows_the_article_only() {
    let out = margin()
        .args(["render", "--width", "80"])
        .arg(fixture("ghost"))
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with("A Map of the Neighbourhood\nInes Marchetti · 2025-05-12\n"),
        "{text}"
    );
    assert!(!text.contains("Powered by Ghost") && !text.contains("Walking Backwards"));
}

#[test]
fn the_library_lists_a_page_by_its_title() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("jekyll"), dir.path().join("saved.html")).unwrap();
    let about = margin::library::cache::describe(&dir.path().join("saved.html"));
    assert_eq!(about.title, "In Praise of the Index Card");
    assert_eq!(about.error, None);
}
