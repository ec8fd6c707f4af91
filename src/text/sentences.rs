//! Where a paragraph's sentences and words end, for selecting exact passages.
//!
//! A small rule-based splitter rather than Unicode's sentence boundaries (UAX #29): those
//! end a sentence after `Mr.`, `Dr.` or an initial followed by a capital, which is how essays
//! name people. A sentence ends after `.`, `!`, `?` or `…` (and any closing quotes or
//! brackets after it) followed by white space and then a capital, a digit, an opening quote
//! or bracket — unless the word before the stop is a common abbreviation or a single
//! letter (an initial: `T. S. Eliot`).

use std::ops::Range;

/// Abbreviations after which a stop does not end a sentence (lower-cased, without the
/// final stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "rev", "gen", "col", "capt", "lt", "sgt",
    "fr", "mt", "e.g", "i.e", "cf", "vs", "etc", "al", "viz", "no", "vol", "p", "pp", "ch", "fig",
    "ed", "eds", "approx", "ca", "c",
];

fn closes(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '’' | '”' | '»')
}

fn opens_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(
            c,
            '"' | '\'' | '(' | '[' | '‘' | '“' | '«' | '¿' | '¡' | '—'
        )
}

/// Whether the word ending just before byte `stop` of `text` (the stop excluded) is an
/// abbreviation or an initial, so that the stop after it does not end a sentence.
fn abbreviated(text: &str, stop: usize) -> bool {
    let word_start = text[..stop]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = text[word_start..stop].to_lowercase();
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let initial = letters.next().is_some() && letters.next().is_none() && word.chars().count() == 1;
    initial || ABBREVIATIONS.contains(&word.as_str())
}

/// The sentences of `text`, as byte ranges that cover it from start to end with no gap:
/// each holds its sentence and the white space after it.
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Take every stop and closing mark: `?!`, `...`, `."`, `.)`.
        let mut j = i + 1;
        while j < chars.len() && (matches!(chars[j].1, '.' | '!' | '?' | '…') || closes(chars[j].1))
        {
            j += 1;
        }
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let ends = k > j
            && k < chars.len()
            && opens_sentence(chars[k].1)
            && !(c == '.' && j == i + 1 && abbreviated(text, at));
        if ends {
            out.push(start..chars[k].0);
            start = chars[k].0;
        }
        i = k.max(i + 1);
    }
    if start < text.len() || out.is_empty() {
        out.push(start..text.len());
    }
    out
}

/// The ends of `text`'s sentences, with the white space after each left out: where a
/// selection of whole sentences may end. Ascending, never empty for a text with words.
pub fn sentence_ends(text: &str) -> Vec<usize> {
    sentence_ranges(text)
        .into_iter()
        .map(|r| r.start + text[r].trim_end().len())
        .filter(|&e| e > 0)
        .collect()
}

/// The ends of `text`'s words (runs of characters that are not white space), ascending.
pub fn word_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                ends.push(i);
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    if in_word {
        ends.push(text.len());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_ranges(text)
            .into_iter()
            .map(|r| text[r].trim_end())
            .collect()
    }

    #[test]
    fn stops_end_sentences_before_a_capital() {
        assert_eq!(
            sentences("One thing. Another! A third? Yes."),
            vec!["One thing.", "Another!", "A third?", "Yes."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Darcy met Dr. Watson, e.g. on Tuesday. T. S. Eliot wrote it. Then?"),
            vec![
                "Mr. Darcy met Dr. Watson, e.g. on Tuesday.",
                "T. S. Eliot wrote it.",
                "Then?"
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("She said, “Stop.” Then she left. (It rained.) “Why?” he asked."),
            vec![
                "She said, “Stop.”",
                "Then she left.",
                "(It rained.)",
                "“Why?” he asked."
            ]
        );
    }

    #[test]
    fn a_stop_before_lower_case_or_inside_a_number_goes_on() {
        assert_eq!(
            sentences("It cost 3.50 dollars... and more. Version 2.0 is out."),
            vec!["It cost 3.50 dollars... and more.", "Version 2.0 is out."]
        );
    }

    #[test]
    fn ends_leave_out_the_space() {
        let text = "One. Two.  ";
        assert_eq!(sentence_ends(text), vec![4, 9]);
        assert_eq!(word_ends("ab  cd e"), vec![2, 6, 8]);
        assert_eq!(sentence_ends(""), Vec::<usize>::new());
    }

    proptest! {
        #[test]
        fn sentences_cover_the_text_on_char_boundaries(
            text in "([A-Za-z\\.!?…“”\"' )(é漢]{0,6}[ \n]?){0,30}"
        ) {
            let ranges = sentence_ranges(&text);
            prop_assert!(!ranges.is_empty());
            let mut at = 0;
            for r in &ranges {
                prop_assert_eq!(r.start, at, "no gap, no overlap");
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                prop_assert!(r.end > r.start || text.is_empty());
                at = r.end;
            }
            prop_assert_eq!(at, text.len());
            for e in sentence_ends(&text).into_iter().chain(word_ends(&text)) {
                prop_assert!(text.is_char_boundary(e) && e <= text.len());
            }
        }
    }
}
