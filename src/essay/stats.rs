//! Counting words and reading time.
//!
//! Reading speed is 238 words a minute: the average silent reading rate for non-fiction
//! found by Brysbaert's 2019 meta-analysis of 190 studies ("How many words do we read per
//! minute?", Journal of Memory and Language 109). A word is a whitespace-separated token
//! with at least one letter or digit; in scripts written without spaces (Chinese, Japanese)
//! each character counts as a word, which keeps reading times of the right order.

/// Words a minute assumed for reading times, unless the configuration says otherwise.
pub const WORDS_PER_MINUTE: f64 = 238.0;

/// Counts the words in `text`.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .map(|token| {
            let wide = token.chars().filter(|&c| is_spaceless_script(c)).count();
            if wide > 0 {
                wide + usize::from(
                    token
                        .chars()
                        .any(|c| c.is_alphanumeric() && !is_spaceless_script(c)),
                )
            } else {
                usize::from(token.chars().any(char::is_alphanumeric))
            }
        })
        .sum()
}

/// Minutes needed to read `words` words at `wpm` words a minute.
pub fn minutes(words: usize, wpm: f64) -> f64 {
    words as f64 / wpm
}

/// Minutes rounded for people: "<1 min", "4 min".
pub fn minutes_label(words: usize, wpm: f64) -> String {
    let m = minutes(words, wpm);
    let rounded = m.round() as u64;
    if m < 0.5 {
        "<1 min".to_string()
    } else if rounded < 60 {
        format!("{rounded} min")
    } else if rounded.is_multiple_of(60) {
        format!("{} h", rounded / 60)
    } else {
        format!("{} h {} min", rounded / 60, rounded % 60)
    }
}

fn is_spaceless_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x0E00..=0x0E7F // Thai
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_tokens_with_letters() {
        assert_eq!(count_words("One two — three, 4!"), 4);
        assert_eq!(count_words("  \n "), 0);
        assert_eq!(count_words("e-mail isn’t two"), 3);
    }

    #[test]
    fn counts_cjk_characters() {
        assert_eq!(count_words("我们读书"), 4);
    }

    #[test]
    fn minutes_at_238_wpm() {
        assert_eq!(minutes(476, WORDS_PER_MINUTE), 2.0);
        assert_eq!(minutes_label(100, WORDS_PER_MINUTE), "<1 min");
        assert_eq!(minutes_label(2380, WORDS_PER_MINUTE), "10 min");
        assert_eq!(minutes_label(2380, 476.0), "5 min");
        // Long books read in hours.
        assert_eq!(minutes_label(238 * 60, WORDS_PER_MINUTE), "1 h");
        assert_eq!(minutes_label(238 * 135, WORDS_PER_MINUTE), "2 h 15 min");
    }
}
