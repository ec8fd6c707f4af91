//! Markdown reading: structure, titles, and the places Markdown is easy to get wrong.

use super::markdown::{parse, parse_with};
use super::model::{BlockKind, Container, Essay};
use super::typography::Typography;

fn outline(essay: &Essay) -> Vec<(u8, String, usize)> {
    essay
        .outline()
        .map(|(_, s)| (s.level, s.title.clone(), s.line))
        .collect()
}

#[test]
fn atx_and_setext_headings_at_all_levels_with_lines() {
    let text = "Intro text.\n\n# One\n\nSetext Two\n----------\n\n### Three\n#### Four\n##### Five\n###### Six\n\nSetext One\n==========\n";
    let essay = parse(text, "f");
    let got = outline(&essay);
    assert_eq!(
        got,
        vec![
            (1, "One".into(), 3),
            (2, "Setext Two".into(), 5),
            (3, "Three".into(), 8),
            (4, "Four".into(), 9),
            (5, "Five".into(), 10),
            (6, "Six".into(), 11),
            (1, "Setext One".into(), 13),
        ]
    );
    // Sections form a tree by level.
    assert_eq!(essay.sections[2].parent, Some(1));
    assert_eq!(essay.sections[3].parent, Some(2));
}

#[test]
fn text_before_the_first_heading_is_an_opening_section() {
    let essay = parse("Before anything.\n\n## First\n\nAfter.\n", "file");
    assert_eq!(essay.sections[0].heading, None);
    assert_eq!(essay.sections[0].words, 2);
    assert_eq!(essay.words(), 3);
}

#[test]
fn yaml_and_toml_front_matter_titles() {
    let yaml = parse(
        "---\ntitle: \"A Walk\"\nauthor: Ada\n---\n\n## Part\n\nText.\n",
        "f",
    );
    assert_eq!(yaml.title.as_deref(), Some("A Walk"));
    assert_eq!(yaml.subtitle, vec!["Ada"]);
    assert!(
        !yaml
            .blocks
            .iter()
            .any(|b| b.plain_text().contains("author"))
    );
    let toml = parse("+++\ntitle = \"By Sea\"\n+++\n\nText.\n", "f");
    assert_eq!(toml.title.as_deref(), Some("By Sea"));
}

#[test]
fn a_lone_top_heading_is_the_title() {
    let essay = parse("# The Title\n\nOpening.\n\n## A\n\nText.\n", "f");
    assert_eq!(essay.title.as_deref(), Some("The Title"));
    assert_eq!(outline(&essay), vec![(2, "A".into(), 5)]);
    let two = parse("# One\n\nText.\n\n# Two\n\nText.\n", "f");
    assert_eq!(two.title, None);
    assert_eq!(outline(&two).len(), 2);
}

#[test]
fn hash_lines_in_code_are_not_headings() {
    let essay = parse(
        "## Real\n\n```sh\n# not a heading\necho hi\n```\n\n    # indented code\n",
        "f",
    );
    assert_eq!(outline(&essay).len(), 1);
    let codes: Vec<&str> = essay
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Code(code) => Some(code.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(codes, vec!["# not a heading\necho hi", "# indented code"]);
}

#[test]
fn raw_html_is_text_not_markup() {
    let essay = parse(
        "<div class=\"x\">Hello</div>\n\nA <b>bold</b> claim.\n",
        "f",
    );
    let all: String = essay.blocks.iter().map(|b| b.plain_text()).collect();
    assert!(all.contains("<div class=\"x\">Hello</div>"));
    assert!(all.contains("A <b>bold</b> claim."));
}

#[test]
fn lists_quotes_and_footnotes_become_containers() {
    let text =
        "> Quoted line.\n\n1. First\n   - nested\n2. Second\n\nA claim.[^n]\n\n[^n]: The note.\n";
    let essay = parse(text, "f");
    let containers: Vec<&[Container]> = essay.blocks.iter().map(|b| b.containers()).collect();
    assert_eq!(containers[0], &vec![Container::Quote]);
    assert!(
        matches!(containers[1], [Container::ListItem { marker, first: true }] if marker == "1.")
    );
    assert!(
        matches!(containers[2], [Container::ListItem { first: false, .. }, Container::ListItem { marker, .. }] if marker == "◦")
    );
    assert!(matches!(containers[3], [Container::ListItem { marker, .. }] if marker == "2."));
    assert!(essay.blocks[4].plain_text().contains("[n]"));
    assert!(matches!(containers[5], [Container::Footnote { label, .. }] if label == "n"));
}

#[test]
fn inline_styles_and_images() {
    let essay = parse(
        "Some *em*, **strong**, `code`, [a link](http://x.org) and ![a cat](c.png).\n",
        "f",
    );
    let BlockKind::Paragraph(text) = &essay.blocks[0].kind else {
        panic!("paragraph")
    };
    let find = |s: &str| {
        text.spans()
            .find(|sp| sp.text.contains(s))
            .unwrap()
            .style
            .clone()
    };
    assert!(find("em").emphasis);
    assert!(find("strong").strong);
    assert!(find("code").code);
    assert_eq!(find("a link").link.as_deref(), Some("http://x.org"));
    assert!(find("a cat").image);
    assert!(text.to_plain().contains("[image: a cat]"));
}

#[test]
fn tables_keep_their_cells() {
    let essay = parse("| A | B |\n|---|--:|\n| 1 | 2 |\n", "f");
    let BlockKind::Table(table) = &essay.blocks[0].kind else {
        panic!("table")
    };
    assert_eq!(table.header.len(), 2);
    assert_eq!(table.rows[0][1].to_plain(), "2");
}

#[test]
fn deep_nesting_keeps_a_bounded_stack_per_block() {
    let text: String = (0..2000)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let essay = parse(&text, "f");
    assert!(essay.blocks.len() > 100);
    assert!(essay.blocks.iter().all(|b| b.containers().len() <= 64));
    let quotes = format!("{}deep\n", "> ".repeat(10_000));
    let essay = parse(&quotes, "f");
    assert!(essay.blocks.iter().all(|b| b.containers().len() <= 64));
    assert!(essay.blocks.iter().any(|b| b.plain_text().contains("deep")));
}

#[test]
fn blocks_that_are_stretches_of_the_source_share_it_and_read_the_same() {
    let text = crate::sample::essay(60_000, crate::Format::Markdown, 5)
        + "\nA *styled* line\nand a soft break.\n\n# Plain heading\n\n> A quoted line.\n";
    let source = std::sync::Arc::new(text.clone());
    let shared = super::markdown::parse_shared(&source, "f", Typography::Smart);
    assert_eq!(shared, parse(&text, "f"), "the same essay either way");
    let pointing = shared
        .blocks
        .iter()
        .filter(|b| match &b.kind {
            BlockKind::Paragraph(t) | BlockKind::Heading { text: t, .. } => {
                t.shared_range(&source).is_some()
            }
            _ => false,
        })
        .count();
    assert!(
        pointing * 2 > shared.blocks.len(),
        "{pointing} of {}",
        shared.blocks.len()
    );
}

/// The first paragraph's words, as the reader shows them.
fn first_paragraph(essay: &Essay) -> String {
    essay
        .blocks
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Paragraph(_)))
        .map(|b| b.plain_text())
        .unwrap_or_default()
}

#[test]
fn smart_punctuation_is_kept_off_code_like_words() {
    let cases = [
        ("The type 'c_ulong' is wide.", "The type 'c_ulong' is wide."),
        ("Use \"std::io\" here.", "Use \"std::io\" here."),
        ("Call 'len()', then 'a.b'.", "Call 'len()', then 'a.b'."),
        ("The c_ulong's size.", "The c_ulong's size."),
        ("Run it with --verbose set.", "Run it with --verbose set."),
        ("Then f(...) returns.", "Then f(...) returns."),
        ("A 'getElementById' call.", "A 'getElementById' call."),
        ("Pass '--dry-run' first.", "Pass '--dry-run' first."),
        // Prose is still set typographically, beside code too.
        (
            "It's \"quoted\", 'single' -- and so... 'c_ulong'.",
            "It’s “quoted”, ‘single’ – and so… 'c_ulong'.",
        ),
        ("'Hello there,' she said.", "‘Hello there,’ she said."),
        (
            "*'emphasised'* and 'McDonald'",
            "‘emphasised’ and ‘McDonald’",
        ),
    ];
    for (written, shown) in cases {
        assert_eq!(first_paragraph(&parse(written, "t")), shown, "{written}");
    }
}

#[test]
fn code_spans_and_blocks_are_never_made_smart() {
    let essay = parse(
        "Inline `'a' -- \"b\"...` here.\n\n```\nlet s = 'a' -- \"b\"...;\n```\n",
        "t",
    );
    assert_eq!(first_paragraph(&essay), "Inline 'a' -- \"b\"... here.");
    let BlockKind::Code(code) = &essay.blocks[1].kind else {
        panic!("a code block: {:?}", essay.blocks[1].kind)
    };
    assert_eq!(code.text, "let s = 'a' -- \"b\"...;");
}

#[test]
fn typography_can_be_turned_off() {
    let written = "It's \"quoted\" -- and so... on";
    let essay = parse_with(written, "t", Typography::Plain);
    assert_eq!(first_paragraph(&essay), written);
}

#[test]
fn the_front_matter_names_the_language() {
    let essay = parse("---\ntitle: Essai\nlang: fr-CA\n---\n\nUn texte.\n", "t");
    assert_eq!(essay.lang.as_deref(), Some("fr-CA"));
    assert_eq!(parse("Plain words.\n", "t").lang, None);
}
