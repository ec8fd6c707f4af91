//! One test per heading rule, each with the near-misses it must refuse.

use crate::essay::{BlockKind, Essay};

fn parse(text: &str, fallback_title: &str) -> Essay {
    super::parse(&std::sync::Arc::new(text.to_string()), fallback_title)
}

fn headings(essay: &Essay) -> Vec<String> {
    essay
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { text, .. } => Some(text.to_plain()),
            _ => None,
        })
        .collect()
}

fn heads(text: &str) -> Vec<String> {
    headings(&parse(text, "untitled"))
}

const LONG: &str =
    "This paragraph is long enough to be prose and not a heading, with a full stop at its end.";

/// A one-paragraph-per-line text around `middle`.
fn pasted(middle: &str) -> String {
    format!("An Essay Title\n{LONG}\n{LONG}\n{middle}\n{LONG}\n{LONG}\n")
}

#[test]
fn title_case_and_sentence_case_lines_are_headings() {
    assert_eq!(
        heads(&pasted("The Long Way Round")),
        vec!["The Long Way Round"]
    );
    assert_eq!(
        heads(&pasted("We are wired to be in relationship")),
        vec!["We are wired to be in relationship"]
    );
}

#[test]
fn rule_1_final_punctuation_refuses() {
    for line in [
        "Shame came in.",
        "Resilience.",
        "It takes repeated experiences of:",
        "when we can repair,",
        "Haul away!",
        "And then…",
    ] {
        assert!(heads(&pasted(line)).is_empty(), "{line}");
    }
}

#[test]
fn rule_1_lower_case_bullets_quotes_refuse() {
    for line in [
        "being seen without being shamed",
        "- apples and pears",
        "• the second point",
        "“Stay with me” she said",
    ] {
        assert!(heads(&pasted(line)).is_empty(), "{line}");
    }
}

#[test]
fn rule_1_inner_sentence_refuses_but_initials_do_not() {
    assert!(heads(&pasted("Love this, Amy! -Megan Samuels")).is_empty());
    assert_eq!(
        heads(&pasted("Dr. Kim and the River")),
        vec!["Dr. Kim and the River"]
    );
}

#[test]
fn rule_1_long_lines_refuse() {
    let long = "A line with far too many words in it to be any kind of heading that a writer would use at all";
    assert!(heads(&pasted(long)).is_empty());
}

#[test]
fn rule_1_questions_only_in_title_case_set_apart() {
    let set_apart = format!("Title\n\n{LONG}\n\nWhy Read Slowly?\n\n{LONG}\n\n{LONG}\n");
    assert_eq!(heads(&set_apart), vec!["Why Read Slowly?"]);
    let sentence = format!("Title\n\n{LONG}\n\nWhy does this matter?\n\n{LONG}\n");
    assert!(heads(&sentence).is_empty());
    assert!(heads(&pasted("Why Read Slowly?")).is_empty());
}

#[test]
fn rule_2_continuation_into_lower_case_refuses() {
    let text = format!(
        "Title\n{LONG}\nThere may just be something in you\nthat never learned how to stay.\n{LONG}\n"
    );
    assert!(heads(&text).is_empty());
}

#[test]
fn rule_2_after_a_colon_or_comma_refuses() {
    let text = format!("Title\n{LONG}\nYou will need:\nA Good Spade\n{LONG}\n");
    assert!(heads(&text).is_empty());
    let text = format!("Title\n{LONG}\nWhen we return,\nSomething Deeper\n{LONG}\n");
    assert!(heads(&text).is_empty());
}

#[test]
fn rule_2_must_head_something() {
    let text = format!("Title\n{LONG}\n{LONG}\nThe End of It\n");
    assert!(heads(&text).is_empty());
}

#[test]
fn rule_2_blank_separated_heading_starts_its_block() {
    let text = format!("Title\n\n{LONG}\nA Short Line Inside\n{LONG}\n\n{LONG}\n");
    assert!(heads(&text).is_empty());
    let text = format!("Title\n\n{LONG}\n\nA Heading Above\n{LONG}\n\n{LONG}\n");
    assert_eq!(heads(&text), vec!["A Heading Above"]);
}

#[test]
fn rule_2_greeting_and_single_date_refuse() {
    let text = format!("Title\n\n{LONG}\n\n14 November 2022\n\nDear Mr Aldous,\n\n{LONG}\n");
    assert!(heads(&text).is_empty());
}

#[test]
fn rule_3_runs_of_short_lines_are_verse_or_lists() {
    let verse = "The fog comes in\nOn little feet of grey\nIt sits and looks\nThen moves away";
    let text = format!("Title\n\n{LONG}\n\n{verse}\n\n{LONG}\n");
    assert!(heads(&text).is_empty());
    let list = format!("Title\n{LONG}\nFlour and water\nA pinch of salt\nPatience\n{LONG}\n");
    assert!(heads(&list).is_empty());
}

#[test]
fn rule_3_numbered_list_items_are_not_headings() {
    let text = format!(
        "Title\n\n{LONG}\n\n1. Boil the water first\n2. Add the salt\n3. Wait for it\n\n{LONG}\n"
    );
    assert!(heads(&text).is_empty());
    let text = format!("Title\n\n{LONG}\n\n1. We left at dawn, before the fog lifted.\n\n{LONG}\n");
    assert!(heads(&text).is_empty());
}

#[test]
fn numbered_roman_and_caps_headings() {
    let text = format!(
        "Title\n\n{LONG}\n\n1. The First Winter\n\n{LONG}\n\n2. Letters Are Kept\n\n{LONG}\n"
    );
    assert_eq!(
        heads(&text),
        vec!["1. The First Winter", "2. Letters Are Kept"]
    );
    let text = format!("Title\n\n{LONG}\n\nII. THE LADDER\n\n{LONG}\n\nTHE WELL\n\n{LONG}\n");
    assert_eq!(heads(&text), vec!["II. THE LADDER", "THE WELL"]);
}

#[test]
fn rule_4_tiers_by_style() {
    let text = format!(
        "Title\n\n{LONG}\n\nPART ONE\n\n1. The Start\n\n{LONG}\n\n2. The Middle\n\n{LONG}\n\nPART TWO\n\n3. The End\n\n{LONG}\n"
    );
    let essay = parse(&text, "untitled");
    let levels: Vec<u8> = essay
        .sections
        .iter()
        .filter(|s| s.heading.is_some())
        .map(|s| s.level)
        .collect();
    assert_eq!(levels, vec![1, 2, 2, 1, 2]);
    // Title Case and sentence case are one style.
    let essay = parse(
        &format!("T\n{LONG}\nA Title Case Heading\n{LONG}\nA sentence case heading\n{LONG}\n"),
        "u",
    );
    assert!(
        essay
            .sections
            .iter()
            .filter(|s| s.heading.is_some())
            .all(|s| s.level == 1)
    );
}

#[test]
fn underlined_headings_take_levels() {
    let text = format!(
        "Title\n\n{LONG}\n\nBig One\n=======\n\n{LONG}\n\nSmall One\n---------\n\n{LONG}\n"
    );
    let essay = parse(&text, "u");
    let got: Vec<(u8, &str)> = essay
        .outline()
        .map(|(_, s)| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(got, vec![(1, "Big One"), (2, "Small One")]);
}

#[test]
fn title_block_with_subtitle_and_byline() {
    let text = format!(
        "The Year of Ink\nA subtitle for it\nby Jane Doe\n\n{LONG}\n\nFirst Part\n\n{LONG}\n"
    );
    let essay = parse(&text, "u");
    assert_eq!(essay.title.as_deref(), Some("The Year of Ink"));
    assert_eq!(essay.subtitle, vec!["A subtitle for it", "by Jane Doe"]);
    assert_eq!(headings(&essay), vec!["First Part"]);
}

#[test]
fn no_title_when_the_text_starts_with_prose() {
    let essay = parse(&format!("{LONG}\n{LONG}\n"), "the-file");
    assert_eq!(essay.title, None);
    assert_eq!(essay.sections.len(), 1);
    assert_eq!(essay.sections[0].title, "the-file");
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let text = "Title\n\nThe rain came down on the town all afternoon and the gutters\nfilled and spilled into the lanes where the children played\nuntil dark.\n\nA second paragraph starts here and it too runs on to the\nnext line.\n";
    let essay = parse(text, "u");
    let paragraphs: Vec<String> = essay.blocks.iter().map(|b| b.plain_text()).collect();
    assert_eq!(paragraphs.len(), 2);
    assert!(paragraphs[0].starts_with("The rain came") && paragraphs[0].ends_with("until dark."));
    assert!(!paragraphs[0].contains('\n'));
}

#[test]
fn comments_after_a_gap_are_kept_after_a_rule_and_never_headings() {
    let text = format!(
        "Title\n{LONG}\nA Real Heading\n{LONG}\n{LONG}\n{LONG}\n\n\nGreat post\nLove this, Amy! -Megan\n"
    );
    let essay = parse(&text, "u");
    assert_eq!(headings(&essay), vec!["A Real Heading"]);
    assert!(essay.blocks.iter().any(|b| b.kind == BlockKind::Rule));
    assert!(essay.blocks.last().unwrap().plain_text().contains("Megan"));
}

#[test]
fn scene_breaks_become_rules() {
    let text = format!("Title\n\n{LONG}\n\n* * *\n\n{LONG}\n");
    let essay = parse(&text, "u");
    assert!(essay.blocks.iter().any(|b| b.kind == BlockKind::Rule));
}

#[test]
fn source_lines_are_recorded() {
    let essay = parse(&pasted("The Long Way Round"), "u");
    let (_, section) = essay.outline().next().unwrap();
    assert_eq!(section.line, 4);
}

#[test]
fn a_long_subtitle_in_wrapped_text_is_not_joined_to_the_byline() {
    let body = "The letter from the County Survey Office arrived in the last week of\nJanuary, in an envelope so stiff it seemed to have been ironed before\nit was posted, and it asked whether I would take the job at once.\n";
    let text = format!(
        "The Cartographer’s Year\nTwelve months on the last hand-drawn survey of the Harrow Fells\nby Oona Pellinger\n\n{body}\nI. THE OFFER\n\n{body}"
    );
    let essay = parse(&text, "u");
    assert_eq!(essay.title.as_deref(), Some("The Cartographer’s Year"));
    assert_eq!(
        essay.subtitle,
        vec![
            "Twelve months on the last hand-drawn survey of the Harrow Fells",
            "by Oona Pellinger"
        ]
    );
    assert_eq!(headings(&essay), vec!["I. THE OFFER"]);
}

#[test]
fn a_pasted_comment_section_is_kept_but_never_headings() {
    let mut text = format!("A Post\n{LONG}\nA Real Heading\n");
    for _ in 0..6 {
        text.push_str(LONG);
        text.push('\n');
    }
    text.push_str("Share this:\nTwitter\nFacebook\n12 Comments\nMark T. says:\nGreat read\nReply\nJo says:\nLoved it\nReply\n");
    let essay = parse(&text, "u");
    assert_eq!(headings(&essay), vec!["A Real Heading"]);
    let all: String = essay
        .blocks
        .iter()
        .map(|b| b.plain_text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(all.contains("Great read") && all.contains("Loved it"));
    assert!(essay.blocks.iter().any(|b| b.kind == BlockKind::Rule));
}

#[test]
fn paragraphs_point_into_the_source_instead_of_copying_it() {
    let text = "A Title\nA first paragraph, on its own line.\n  An indented one.\nand its next line.\nHeads Up\n• A bullet, too.\nA last paragraph, with enough words to be one.\n";
    let source = std::sync::Arc::new(text.to_string());
    let essay = super::parse(&source, "u");
    let texts: Vec<(&str, bool)> = essay
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => {
                Some((text.as_str(), text.shared_range(&source).is_some()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        [
            ("A first paragraph, on its own line.", true),
            ("An indented one.\nand its next line.", true),
            ("Heads Up", true),
            ("A bullet, too.", true),
            ("A last paragraph, with enough words to be one.", true),
        ]
    );
    assert!(std::mem::size_of::<super::units::Unit>() <= 48);
}
