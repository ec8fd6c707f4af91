//! Where a word may be broken at the end of a line: after its own hyphens always, and, in
//! justified text, between its syllables too (TeX's patterns, through `hypher`), so that
//! lines can be filled without stretching the spaces between words into rivers.
//!
//! Only words of letters are hyphenated: a word that looks like code, a URL, a number or
//! an acronym (`c_ulong`, `a/b`, `2024`, `NASA`, `McDonald`) is left whole.

use hypher::Lang;

/// Whether and how words are hyphenated between syllables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hyphens {
    /// Only after the hyphens the word already has (`well-` / `considered`).
    #[default]
    Off,
    /// Between syllables too, by this language's patterns.
    On(Lang),
}

/// Letters in the shortest run hyphenated: shorter words gain little and read worse.
const MIN_LETTERS: usize = 6;

impl Hyphens {
    /// Hyphenation for an essay whose language is `lang` (a tag such as `en`, `fr-CA`):
    /// English when the essay does not say, none for a language with no patterns here.
    pub fn for_language(lang: Option<&str>) -> Hyphens {
        let Some(tag) = lang.map(str::trim).filter(|t| !t.is_empty()) else {
            return Hyphens::On(Lang::English);
        };
        let code = tag
            .split(['-', '_'])
            .next()
            .unwrap_or(tag)
            .to_ascii_lowercase();
        let patterns = match code.as_str() {
            "en" | "eng" | "english" => Some(Lang::English),
            "fr" | "fra" | "fre" | "french" => Some(Lang::French),
            "de" | "deu" | "ger" | "german" => Some(Lang::German),
            "es" | "spa" | "spanish" => Some(Lang::Spanish),
            "it" | "ita" | "italian" => Some(Lang::Italian),
            "pt" | "por" | "portuguese" => Some(Lang::Portuguese),
            "nl" | "nld" | "dut" | "dutch" => Some(Lang::Dutch),
            _ => None,
        };
        patterns.map_or(Hyphens::Off, Hyphens::On)
    }

    /// Byte offsets in `word` after which a line may end: after each hyphen between two
    /// letters or digits, and between syllables when hyphenating. Ascending, never 0 or the
    /// word's length.
    pub fn split_points(self, word: &str) -> Vec<usize> {
        let mut points = hyphen_points(word);
        if let Hyphens::On(lang) = self
            && !looks_technical(word)
        {
            for (start, run) in letter_runs(word) {
                if run.chars().count() < MIN_LETTERS || !is_plain_word(run) {
                    continue;
                }
                let mut at = start;
                let mut syllables = hypher::hyphenate(run, lang).peekable();
                while let Some(syllable) = syllables.next() {
                    at += syllable.len();
                    if syllables.peek().is_some() {
                        points.push(at);
                    }
                }
            }
            points.sort_unstable();
            points.dedup();
        }
        points
    }
}

/// After each hyphen with a letter or digit on both sides (textwrap's rule, so that
/// `--flag` and `-5` stay whole).
fn hyphen_points(word: &str) -> Vec<usize> {
    let mut points = Vec::new();
    for (i, _) in word.match_indices('-') {
        let before = word[..i].chars().next_back();
        let after = word[i + 1..].chars().next();
        if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
            points.push(i + 1);
        }
    }
    points
}

/// The runs of letters in `word`, with their byte offsets.
fn letter_runs(word: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = word.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.find(|(_, c)| c.is_alphabetic())?;
        let mut end = word.len();
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphabetic() {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &word[start..end]))
    })
}

/// A word as prose writes it: lower case, or capitalised once (not an acronym or a
/// CamelCase name).
fn is_plain_word(run: &str) -> bool {
    run.chars().skip(1).all(|c| !c.is_uppercase())
}

/// Marks of code, addresses and numbers: such a word is never hyphenated.
fn looks_technical(word: &str) -> bool {
    word.chars().any(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '_' | '/'
                    | '\\'
                    | '@'
                    | ':'
                    | '='
                    | '<'
                    | '>'
                    | '{'
                    | '}'
                    | '#'
                    | '$'
                    | '%'
                    | '&'
                    | '*'
                    | '+'
                    | '|'
                    | '~'
                    | '^'
                    | '`'
            )
    }) || word.contains("()")
        || has_inner_dot(word)
}

/// A dot between two letters (`std.io`, `example.com`, `e.g`): not the end of a sentence.
fn has_inner_dot(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars
        .windows(3)
        .any(|w| w[1] == '.' && w[0].is_alphanumeric() && w[2].is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str) -> Vec<&str> {
        let points = Hyphens::On(Lang::English).split_points(word);
        let mut out = Vec::new();
        let mut prev = 0;
        for p in points {
            out.push(&word[prev..p]);
            prev = p;
        }
        out.push(&word[prev..]);
        out
    }

    #[test]
    fn english_words_break_between_syllables() {
        assert_eq!(split("hyphenation"), vec!["hy", "phen", "ation"]);
        assert_eq!(split("relationship,"), vec!["re", "la", "tion", "ship,"]);
        // Quotes and punctuation around a word stay with it.
        assert_eq!(split("“considered”").first(), Some(&"“con"));
    }

    #[test]
    fn short_words_code_and_names_stay_whole() {
        for word in [
            "table",
            "c_ulong",
            "std::io",
            "example.com",
            "https://example.org/understanding",
            "NASA",
            "McDonaldson",
            "covid19pandemic",
            "print()",
        ] {
            assert_eq!(split(word), vec![word], "{word}");
        }
    }

    #[test]
    fn own_hyphens_break_without_patterns() {
        assert_eq!(Hyphens::Off.split_points("well-considered"), vec![5]);
        assert_eq!(Hyphens::Off.split_points("--flag"), Vec::<usize>::new());
        assert_eq!(
            Hyphens::Off.split_points("understanding"),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn language_tags_choose_patterns() {
        assert_eq!(
            Hyphens::for_language(None),
            Hyphens::On(Lang::English),
            "English when the essay does not say"
        );
        assert_eq!(
            Hyphens::for_language(Some("fr-CA")),
            Hyphens::On(Lang::French)
        );
        assert_eq!(Hyphens::for_language(Some("de")), Hyphens::On(Lang::German));
        assert_eq!(Hyphens::for_language(Some("ja")), Hyphens::Off);
    }

    #[test]
    fn a_very_long_word_does_not_panic() {
        let word = "a".repeat(5_000);
        let points = Hyphens::On(Lang::English).split_points(&word);
        assert!(points.iter().all(|&p| p > 0 && p < word.len()));
    }
}
