//! The rules decided over the whole document: numbered series, contents lists, front
//! matter, spacing, recurring names and questions among sentence-case headings. Each test
//! has the near-miss it must refuse beside what it must find.

use crate::essay::{BlockKind, Essay};

fn parse(text: &str) -> Essay {
    super::parse(&std::sync::Arc::new(text.to_string()), "untitled")
}

/// Each heading's level and text.
fn outline(text: &str) -> Vec<(u8, String)> {
    parse(text)
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { level, text } => Some((*level, text.to_plain())),
            _ => None,
        })
        .collect()
}

fn heads(text: &str) -> Vec<String> {
    outline(text).into_iter().map(|(_, t)| t).collect()
}

const PROSE: &str = "This paragraph is long enough to be prose and not a heading, \
                     with a full stop at its end and more words after that.";

/// A text in blank-separated paragraphs with `lines` between paragraphs of prose.
fn doc(lines: &[&str]) -> String {
    let mut out = format!("A Title For The Text\n\n{PROSE}\n\n");
    for line in lines {
        out.push_str(line);
        out.push_str("\n\n");
        out.push_str(PROSE);
        out.push_str("\n\n");
    }
    out
}

#[test]
fn a_numbered_series_with_full_stops_is_headings() {
    let text = doc(&[
        "0. Definitions.",
        "1. Source Code.",
        "2. Basic Permissions.",
    ]);
    assert_eq!(
        heads(&text),
        [
            "0. Definitions.",
            "1. Source Code.",
            "2. Basic Permissions."
        ]
    );
}

#[test]
fn numbered_sentences_are_a_list_not_a_series() {
    // Each says rather than names: sentences ending in full stops.
    let text = doc(&[
        "1. It must be readable in source form by anyone at all.",
        "2. It must be easy to type with any standard text editor.",
        "3. It must not need anything that can be deduced from the code.",
    ]);
    assert!(heads(&text).is_empty(), "{:?}", heads(&text));
}

#[test]
fn numbered_lines_next_to_each_other_are_a_list() {
    let text = format!(
        "A Title For The Text\n\n{PROSE}\n\n1. Apples\n\n2. Pears\n\n3. Plums\n\n{PROSE}\n"
    );
    assert!(heads(&text).is_empty(), "{:?}", heads(&text));
}

#[test]
fn chapters_in_words_or_numerals_with_stops_count_up() {
    let text = doc(&[
        "CHAPTER 1. Loomings.",
        "CHAPTER 2. The Carpet-Bag.",
        "CHAPTER 3. The Spouter-Inn.",
    ]);
    assert_eq!(heads(&text).len(), 3);
    let text = doc(&[
        "Article. I.",
        "Section. 1.",
        "Section. 2.",
        "Article. II.",
        "Section. 1.",
    ]);
    assert_eq!(
        outline(&text),
        [
            (1, "Article. I.".to_string()),
            (2, "Section. 1.".to_string()),
            (2, "Section. 2.".to_string()),
            (1, "Article. II.".to_string()),
            (2, "Section. 1.".to_string()),
        ]
    );
}

#[test]
fn decimal_numbers_give_depth_and_a_list_under_a_section_is_not_one() {
    let text = format!(
        "A Title For The Text\n\n1. Introduction\n\n{PROSE}\n\n2. Bodies\n\n{PROSE}\n\n  2.1. \
         General rules\n\n    1. Nothing in this constitution imposes an obligation on\n       \
         anyone to do work.\n    2. A person may hold several posts.\n\n3. Developers\n\n{PROSE}\n"
    );
    assert_eq!(
        outline(&text),
        [
            (1, "1. Introduction".to_string()),
            (1, "2. Bodies".to_string()),
            (2, "2.1. General rules".to_string()),
            (1, "3. Developers".to_string()),
        ]
    );
}

#[test]
fn a_label_alone_takes_its_title_when_every_label_does() {
    let text = doc(&[
        "CHAPTER I.\n\nDown the Rabbit-Hole",
        "CHAPTER II.\n\nThe Pool of Tears",
    ]);
    assert_eq!(
        heads(&text),
        [
            "CHAPTER I. Down the Rabbit-Hole",
            "CHAPTER II. The Pool of Tears"
        ]
    );
    // A part whose first section follows it keeps the section apart.
    let text = doc(&["Part One", "Measuring the Ice", "Part Two\n\nDriving Slow"]);
    assert_eq!(
        outline(&text),
        [
            (1, "Part One".to_string()),
            (2, "Measuring the Ice".to_string()),
            (1, "Part Two".to_string()),
            (2, "Driving Slow".to_string()),
        ]
    );
}

#[test]
fn roman_numerals_alone_are_a_speech_s_parts() {
    let text = doc(&["I.", "II.", "III."]);
    assert_eq!(heads(&text), ["I.", "II.", "III."]);
    // One numeral alone is not a series.
    assert!(heads(&doc(&["IV."])).is_empty());
}

#[test]
fn a_contents_list_is_evidence_not_sections() {
    let text = format!(
        "A Book Of Essays\n\nContents\n\nOn Walking.\nOn Reading.\nOn Sleeping Late.\n\n\
         On Walking.\n\n{PROSE}\n\nOn Reading.\n\n{PROSE}\n\nOn Sleeping Late.\n\n{PROSE}\n"
    );
    // The entries end with full stops; found again, they are the headings anyway.
    assert_eq!(
        heads(&text),
        ["On Walking.", "On Reading.", "On Sleeping Late."]
    );
}

#[test]
fn a_list_of_sections_under_a_post_s_title_is_a_contents_list() {
    let text = format!(
        "Porting to the New API\nOverview\nVariant 1: Drop old support (recommended)\nVariant 2: Use \
         a polyfill\nVariant 3: manual detection\n{PROSE}\nVariant 1: Drop old support\n{PROSE}\n\
         Variant 2: Use a polyfill\n{PROSE}\nVariant 3: manual detection\n{PROSE}\n"
    );
    assert_eq!(
        heads(&text),
        [
            "Overview",
            "Variant 1: Drop old support",
            "Variant 2: Use a polyfill",
            "Variant 3: manual detection"
        ]
    );
}

#[test]
fn front_matter_before_contents_is_not_sections() {
    let text = format!(
        "WORKSHOP ON TEXTS\n\nLibrary of Congress\nWashington, D.C.\n\nContents\n\nIntroduction\n\
         Conclusion\nAppendix\n\nIntroduction\n\n{PROSE}\n\nConclusion\n\n{PROSE}\n\nAppendix\n\n{PROSE}\n"
    );
    assert_eq!(heads(&text), ["Introduction", "Conclusion", "Appendix"]);
}

#[test]
fn capitals_set_off_like_the_chapters_are_headings() {
    let mut text = String::from("The Whale\n\n\n\n\nETYMOLOGY.\n\n");
    text.push_str(PROSE);
    for n in 1..=3 {
        text.push_str(&format!("\n\n\n\n\nCHAPTER {n}. Loomings.\n\n{PROSE}"));
    }
    // A line in capitals in the middle of the prose, one blank line above, is not one.
    text.push_str("\n\nTHE END.\n\n");
    text.push_str(PROSE);
    text.push('\n');
    let found = heads(&text);
    assert_eq!(found.first().map(String::as_str), Some("ETYMOLOGY."));
    assert!(!found.iter().any(|h| h == "THE END."), "{found:?}");
}

#[test]
fn verse_lines_are_not_headings_where_headings_are_set_apart() {
    let mut text = String::from("A Poem\n\n\n");
    for book in ["Book I", "Book II"] {
        text.push_str(&format!(
            "{book}\n\n\nOf Man's first disobedience, and the fruit\nOf that forbidden tree whose \
             mortal taste,\nTo bottomless perdition, there to dwell\nIn adamantine chains and \
             penal fire.\n\n\n"
        ));
    }
    assert_eq!(heads(&text), ["Book I", "Book II"]);
}

#[test]
fn names_that_divide_each_part_alike_are_headings() {
    let mut text = String::from("Release Notes\n");
    for (v, n) in [("1.3", 3), ("1.2", 2), ("1.1", 1)] {
        text.push_str(&format!(
            "Version {v} (2026-0{n}-01)\nLanguage\nStabilize let chains in match arms, part {n}\n\
             Compiler\nFaster builds of large crates, by {n} percent\nLibraries\nNew methods on \
             slices and {n} more\n"
        ));
    }
    let found = heads(&text);
    assert_eq!(
        found.iter().filter(|h| *h == "Language").count(),
        3,
        "{found:?}"
    );
    assert_eq!(found.iter().filter(|h| h.starts_with("Version")).count(), 3);
    assert!(
        !found.iter().any(|h| h.starts_with("Stabilize")),
        "{found:?}"
    );
}

#[test]
fn a_question_is_a_heading_among_sentence_case_headings() {
    let text = doc(&[
        "Nul bytes",
        "Overlong commands",
        "Why not just use hex escapes?",
    ]);
    assert_eq!(
        heads(&text),
        [
            "Nul bytes",
            "Overlong commands",
            "Why not just use hex escapes?"
        ]
    );
    // Among Title Case headings, a sentence-case question is the prose's.
    let text = doc(&["The First Part", "The Second Part", "But does it matter?"]);
    assert_eq!(heads(&text), ["The First Part", "The Second Part"]);
}

#[test]
fn code_and_diagrams_are_not_headings() {
    let text = doc(&[
        "Ok((input, output))",
        "Setting console modes",
        "X---Y---Z\n-----------",
    ]);
    assert_eq!(heads(&text), ["Setting console modes"]);
}

#[test]
fn headers_open_a_message_or_a_specification() {
    let essay = parse(&format!(
        "PEP: 287\nTitle: A Docstring Format\nAuthor: Someone\nStatus: Draft\n\nAbstract\n\
         ========\n\n{PROSE}\n"
    ));
    assert_eq!(essay.title.as_deref(), Some("A Docstring Format"));
    let essay = parse(&format!(
        "From: Someone <a@b.c>\nSubject: Re: a thread\nDate: Fri, 19 Dec 2008\n\nHow to revert a \
         faulty merge\n\n{PROSE}\n"
    ));
    assert_eq!(essay.title.as_deref(), Some("How to revert a faulty merge"));
}

#[test]
fn explain_gives_evidence_for_every_heading() {
    let text = doc(&[
        "0. Definitions.",
        "1. Source Code.",
        "2. Basic Permissions.",
    ]);
    let explained = super::explain(&std::sync::Arc::new(text.clone()));
    let chosen: Vec<&str> = explained.lines().filter(|l| l.contains(" h1 ")).collect();
    assert_eq!(chosen.len(), heads(&text).len(), "{explained}");
    assert!(
        chosen.iter().all(|l| l.contains("series `<n>.`")),
        "{explained}"
    );
}

#[test]
fn an_faq_s_numbered_questions_may_wrap_and_name_commands() {
    // Hard-wrapped, as FAQs saved as text are.
    let para = "This answer is wrapped at seventy columns, as the text of an FAQ\n\
                saved from a manual usually is, so that its lines are full and\n\
                run on into each other until the paragraph ends at a stop.";
    let text = format!(
        "A Title For The Text\n\n1.1. What is this FAQ?\n\n{para}\n\n1.2. The stable release holds \
         outdated packages and always has. Just\nlook at the kernel and the desktops. They are very \
         old indeed.\nWhy is it so?\n\n{para}\n\n1.3. You are talking about testing being broken. \
         What do you\nmean by that?\n\n{para}\n\n1.4. dpkg\n\n{para}\n\n1.5. Versions\n\n{para}\n"
    );
    let found = heads(&text);
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(found[1].ends_with("Why is it so?"), "{found:?}");
    assert!(found[2].ends_with("What do you mean by that?"), "{found:?}");
    assert_eq!(found[3], "1.4. dpkg");
    // A line of code with a number in it is no member: `C0 = 00000110`.
    let text = doc(&["C0 = 00000110 0 00000001", "C1 = 00000111 0 00000111"]);
    assert!(heads(&text).is_empty(), "{:?}", heads(&text));
}

#[test]
fn a_heading_in_capitals_may_take_two_lines() {
    let text = doc(&[
        "OF THE ORIGIN AND DESIGN OF GOVERNMENT IN GENERAL, WITH\nCONCISE REMARKS.",
        "OF MONARCHY AND HEREDITARY\nSUCCESSION.",
    ]);
    assert_eq!(
        heads(&text),
        [
            "OF THE ORIGIN AND DESIGN OF GOVERNMENT IN GENERAL, WITH CONCISE REMARKS.",
            "OF MONARCHY AND HEREDITARY SUCCESSION."
        ]
    );
    // Four lines in capitals are a title page or an inscription.
    let text = doc(&["SACRED\nTO THE MEMORY\nOF\nCAPT. EZEKIEL HARDY"]);
    assert!(heads(&text).is_empty(), "{:?}", heads(&text));
}

#[test]
fn a_heading_in_capitals_wrapped_with_the_prose_is_one_heading() {
    let para = "This answer is wrapped at seventy columns, as the text of an old book\n\
                saved as plain text usually is, so that its lines are full and run\n\
                on into each other until the paragraph ends at a stop, as here.";
    let text = format!(
        "A Title For The Text\n\n{para}\n\nOF THE ORIGIN AND DESIGN OF GOVERNMENT IN GENERAL, \
         WITH\nCONCISE REMARKS ON THE ENGLISH CONSTITUTION.\n\n{para}\n\n{para}\n"
    );
    assert_eq!(
        heads(&text),
        [
            "OF THE ORIGIN AND DESIGN OF GOVERNMENT IN GENERAL, WITH CONCISE REMARKS ON THE ENGLISH \
          CONSTITUTION."
        ]
    );
}

#[test]
fn an_outline_s_stars_mark_its_headings() {
    let text = format!(
        "GNU frob NEWS                                    -*- outline -*-\n\n* Noteworthy changes \
         in release 2.0 [stable]\n\n** Bug fixes\n\n  {PROSE}\n\n** New features\n\n  {PROSE}\n\n\
         * Noteworthy changes in release 1.0 [stable]\n\n** Bug fixes\n\n  {PROSE}\n"
    );
    let essay = parse(&text);
    assert_eq!(essay.title.as_deref(), Some("GNU frob NEWS"));
    assert_eq!(
        outline(&text),
        [
            (1, "Noteworthy changes in release 2.0 [stable]".to_string()),
            (2, "Bug fixes".to_string()),
            (2, "New features".to_string()),
            (1, "Noteworthy changes in release 1.0 [stable]".to_string()),
            (2, "Bug fixes".to_string()),
        ]
    );
    // Without the mode line, a list of starred items is a list.
    let text =
        format!("A Title For The Text\n\n{PROSE}\n\n* apples\n* pears\n* plums\n\n{PROSE}\n");
    assert!(heads(&text).is_empty(), "{:?}", heads(&text));
}

#[test]
fn a_title_set_over_short_lines_is_one_title() {
    let text = format!("Narrative\nof the\nLife\nof\nFREDERICK DOUGLASS\n\nPREFACE\n\n{PROSE}\n");
    assert_eq!(
        parse(&text).title.as_deref(),
        Some("Narrative of the Life of FREDERICK DOUGLASS")
    );
    // Short lines in capitals with nothing carrying on are a title and its subtitle.
    let text = format!("THE TITLE\nA SUBTITLE\n\n{PROSE}\n");
    assert_eq!(parse(&text).title.as_deref(), Some("THE TITLE"));
}

#[test]
fn a_running_head_that_repeats_the_title_is_not_the_heading() {
    let text = format!(
        "GNU GENERAL PUBLIC LICENSE\n\n{PROSE}\n\n    GNU GENERAL PUBLIC LICENSE\n   TERMS AND \
         CONDITIONS FOR COPYING\n\n{PROSE}\n"
    );
    assert_eq!(heads(&text), ["TERMS AND CONDITIONS FOR COPYING"]);
}

#[test]
fn a_line_of_dialogue_is_not_a_commenter_s_name() {
    assert!(super::shape::is_comment_marker("Mark T. says:"));
    assert!(!super::shape::is_comment_marker(
        "at the doctor, and he said:"
    ));
}

#[test]
fn a_chapter_s_own_contents_list_is_not_sections_either() {
    let text = format!(
        "A Manual\n\nTable of Contents\n\n1. One\n1.1. Alpha\n1.2. Beta\n2. Two\n\n\
         Chapter 1. One\n\nTable of Contents\n\n1.1. Alpha\n\n1.2. Beta\n\n1.3. Gamma\n\n\
         1.1. Alpha\n\n{PROSE}\n\n1.2. Beta\n\n{PROSE}\n\n1.3. Gamma\n\n{PROSE}\n\n\
         Chapter 2. Two\n\n{PROSE}\n"
    );
    let found = heads(&text);
    assert_eq!(
        found.iter().filter(|h| *h == "1.1. Alpha").count(),
        1,
        "{found:?}"
    );
}
