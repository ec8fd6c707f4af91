//! The number in front of a line, read once for the series rules: `CHAPTER 1.`,
//! `Article. I.`, `2.1.`, `IV.`, `DH0.`, `RL1.2a`, `Book the First`. Unlike the line
//! rules' `numbering`, which asks whether a line starts with numbering, a label keeps
//! everything a series is recognised by: the word before the number and its case, the
//! kind of numeral, the whole dotted path, the punctuation after it, and whether anything
//! follows.

/// The kind of numeral a label counts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Numeral {
    Arabic,
    Roman,
    /// `One`, `First`, `the First`.
    Word,
    /// `A`, `B` (appendices).
    Letter,
}

/// Words that name a division of a text before its number.
const DIVISIONS: &[&str] = &[
    "part",
    "book",
    "volume",
    "vol",
    "chapter",
    "chap",
    "section",
    "sect",
    "article",
    "art",
    "letter",
    "canto",
    "stave",
    "act",
    "scene",
    "lecture",
    "essay",
    "appendix",
    "sermon",
    "discourse",
    "lesson",
    "epistle",
    "psalm",
    "rule",
    "step",
    "version",
    "release",
];

/// How high a division word ranks: a part holds chapters, a chapter holds sections.
pub fn division_rank(word: &str) -> u8 {
    match word {
        "part" | "book" | "volume" | "vol" | "act" | "version" | "release" => 0,
        "chapter" | "chap" | "letter" | "canto" | "stave" | "lecture" | "essay" | "sermon"
        | "discourse" | "lesson" | "epistle" | "psalm" | "appendix" | "article" => 1,
        _ => 2,
    }
}

const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

const CARDINALS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// The number at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The division word, lower case (`chapter`), or empty.
    pub word: String,
    /// The division word is in capitals (`CHAPTER`).
    pub word_caps: bool,
    /// Letters glued before the number (`DH` in `DH0.`, `RL` in `RL1.2`).
    pub prefix: String,
    pub numeral: Numeral,
    /// The number, each dotted part: `2.1` is `[2, 1]`.
    pub path: Vec<u32>,
    /// What comes right after the number: `.`, `)`, `:`, a dash, or nothing.
    pub punct: Option<char>,
    /// Byte offset in the line where the text after the label starts (the line's length
    /// when the label stands alone).
    pub rest_at: usize,
}

impl Label {
    /// Nothing follows the label: `CHAPTER I.`, `IV.`
    pub fn alone(&self, line: &str) -> bool {
        line[self.rest_at..].trim().is_empty()
    }

    /// The text after the label.
    pub fn rest<'a>(&self, line: &'a str) -> &'a str {
        line[self.rest_at..].trim()
    }

    /// The last part of the number.
    pub fn value(&self) -> u32 {
        self.path.last().copied().unwrap_or(0)
    }
}

/// Reads the label at the start of `line`, if it has one.
pub fn read(line: &str) -> Option<Label> {
    let line_start = line.len() - line.trim_start().len();
    let mut at = line_start;
    let (first, after_first) = word_at(line, at)?;
    let bare = first.trim_end_matches(['.', ':']);
    // Compared without allocating: this runs on every line of the essay.
    let division = DIVISIONS
        .iter()
        .find(|d| d.eq_ignore_ascii_case(bare))
        .copied();
    let mut label = Label {
        word: String::new(),
        word_caps: false,
        prefix: String::new(),
        numeral: Numeral::Arabic,
        path: Vec::new(),
        punct: None,
        rest_at: 0,
    };
    if let Some(word) = division {
        label.word = word.to_string();
        label.word_caps = first.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && first.chars().all(|c| !c.is_lowercase());
        at = after_first;
        let (mut number, mut after) = word_at(line, at)?;
        // `Book the First`
        if number.eq_ignore_ascii_case("the") {
            (number, after) = word_at(line, after)?;
        }
        let (core, punct) = split_punct(number);
        let (numeral, value) = if let Some(path) = arabic_path(core) {
            label.path = path;
            (Numeral::Arabic, None)
        } else if let Some(v) = roman(core) {
            (Numeral::Roman, Some(v))
        } else if let Some(v) = number_word(core) {
            (Numeral::Word, Some(v))
        } else if core.len() == 1 && core.chars().all(|c| c.is_ascii_uppercase()) {
            (
                Numeral::Letter,
                Some(u32::from(core.as_bytes()[0] - b'A' + 1)),
            )
        } else {
            return None;
        };
        label.numeral = numeral;
        if let Some(v) = value {
            label.path = vec![v];
        }
        label.punct = punct;
        label.rest_at = after;
        return Some(label);
    }
    // A number or a letter in brackets: `(1)`, `(a)`, `(iv)`, as a manual's subsections
    // are numbered under its sections.
    if let Some(inner) = first.strip_prefix('(').and_then(|f| f.strip_suffix(')')) {
        let (numeral, value) = if let Some(path) = arabic_path(inner) {
            (Numeral::Arabic, path.first().copied()?)
        } else if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
            (Numeral::Letter, u32::from(inner.as_bytes()[0] - b'a' + 1))
        } else if let Some(v) = roman(inner).filter(|_| inner.len() > 1) {
            (Numeral::Roman, v)
        } else {
            return None;
        };
        if value > 199 {
            return None;
        }
        label.prefix = "(".to_string();
        label.numeral = numeral;
        label.path = vec![value];
        label.punct = Some(')');
        label.rest_at = after_first;
        return Some(label);
    }
    let (core, punct) = split_punct(first);
    // Letters glued to a number: `DH0`, `RL1.2a`, `A.1`.
    let letters: String = core.chars().take_while(char::is_ascii_uppercase).collect();
    let digits = &core[letters.len()..];
    let digits = digits.trim_start_matches('.');
    let digits = digits.trim_end_matches(|c: char| c.is_ascii_lowercase());
    if !digits.is_empty() && letters.len() <= 4 {
        let path = arabic_path(digits)?;
        // A bare number is numbering only when something marks it so: a stop, a bracket,
        // a path, a prefix, or a capital after it (`1 Introduction`, not `2 onions`).
        let marked = punct.is_some() || path.len() > 1 || !letters.is_empty();
        let next_capital = word_at(line, after_first)
            .and_then(|(w, _)| w.chars().next())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !marked && !next_capital {
            return None;
        }
        if path.iter().any(|&p| p > 999) || (path.len() == 1 && path[0] > 199 && !marked) {
            return None;
        }
        label.prefix = letters;
        label.path = path;
        label.punct = punct;
        label.rest_at = after_first;
        return Some(label);
    }
    // A Roman numeral with a stop (`IV.`), or alone on its line (`IV`).
    if let Some(v) = roman(core)
        && core.chars().all(|c| c.is_ascii_uppercase())
        && (punct.is_some() || line[after_first..].trim().is_empty())
        // `I.` is a numeral; `I` alone starting a sentence is a pronoun.
        && (core != "I" || punct.is_some() || line[after_first..].trim().is_empty())
    {
        label.numeral = Numeral::Roman;
        label.path = vec![v];
        label.punct = punct;
        label.rest_at = after_first;
        return Some(label);
    }
    None
}

/// The whitespace-separated word starting at or after `at`, and where it ends.
fn word_at(line: &str, at: usize) -> Option<(&str, usize)> {
    let rest = &line[at..];
    let start = at + (rest.len() - rest.trim_start().len());
    let word_len = line[start..]
        .find(char::is_whitespace)
        .unwrap_or(line.len() - start);
    (word_len > 0).then(|| (&line[start..start + word_len], start + word_len))
}

/// Splits the punctuation after a number: `IV.` → (`IV`, `.`). `2.1.` keeps its inner dot.
fn split_punct(word: &str) -> (&str, Option<char>) {
    match word.chars().last() {
        Some(c @ ('.' | ')' | ':' | '—' | '–' | '-' | ',')) if word.len() > c.len_utf8() => {
            (&word[..word.len() - c.len_utf8()], Some(c))
        }
        _ => (word, None),
    }
}

fn arabic_path(s: &str) -> Option<Vec<u32>> {
    if s.is_empty() {
        return None;
    }
    let mut path = Vec::new();
    for part in s.split('.') {
        if part.is_empty() || part.len() > 4 || !part.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        path.push(part.parse().ok()?);
    }
    (path.len() <= 4).then_some(path)
}

fn number_word(s: &str) -> Option<u32> {
    let lower = s.to_lowercase();
    let find = |list: &[&str]| list.iter().position(|w| *w == lower).map(|p| p as u32 + 1);
    find(ORDINALS).or_else(|| find(CARDINALS))
}

/// The value of a Roman numeral written as one (`IV`, `xii`), in one case.
pub fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let upper = s.chars().all(|c| c.is_ascii_uppercase());
    let lower = s.chars().all(|c| c.is_ascii_lowercase());
    if !upper && !lower {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    // Only the canonical spelling: `IIII` and `VX` are words, not numbers.
    (to_roman(total) == s.to_ascii_uppercase()).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A label's word, numeral, path, punctuation and the text after it.
    type Parts = (String, Numeral, Vec<u32>, Option<char>, String);

    fn parts(line: &str) -> Option<Parts> {
        read(line).map(|l| {
            let rest = l.rest(line).to_string();
            (l.word, l.numeral, l.path, l.punct, rest)
        })
    }

    #[test]
    fn division_words() {
        let (w, n, p, punct, rest) = parts("CHAPTER 1. Loomings.").unwrap();
        assert_eq!(
            (w.as_str(), n, p, punct),
            ("chapter", Numeral::Arabic, vec![1], Some('.'))
        );
        assert_eq!(rest, "Loomings.");
        let (w, n, p, _, rest) = parts("Article. I.").unwrap();
        assert_eq!((w.as_str(), n, p), ("article", Numeral::Roman, vec![1]));
        assert!(rest.is_empty());
        let (w, n, p, _, _) = parts("Book the First").unwrap();
        assert_eq!((w.as_str(), n, p), ("book", Numeral::Word, vec![1]));
        let (_, n, p, _, _) = parts("APPENDIX B").unwrap();
        assert_eq!((n, p), (Numeral::Letter, vec![2]));
        assert!(read("CHAPTER I").unwrap().word_caps);
        assert!(!read("Chapter I").unwrap().word_caps);
        assert_eq!(read("Chapter and verse"), None);
    }

    #[test]
    fn numbers_and_prefixes() {
        let (_, _, p, punct, rest) = parts("2.1. Grants").unwrap();
        assert_eq!((p, punct, rest.as_str()), (vec![2, 1], Some('.'), "Grants"));
        let l = read("DH0. Name-calling.").unwrap();
        assert_eq!((l.prefix.as_str(), l.path.clone()), ("DH", vec![0]));
        let l = read("RL1.2a Compatibility Properties").unwrap();
        assert_eq!((l.prefix.as_str(), l.path.clone()), ("RL", vec![1, 2]));
        assert_eq!(read("1 Introduction").unwrap().path, vec![1]);
        assert_eq!(read("2 onions"), None);
        assert_eq!(read("1984 was a year"), None);
        assert_eq!(
            read("1.1.\u{a0}What is this FAQ?").unwrap().path,
            vec![1, 1]
        );
    }

    proptest::proptest! {
        /// Any line, labelled or not: reading never panics, the text after the label starts
        /// on a character boundary inside the line, and a label alone has nothing after it.
        #[test]
        fn reading_any_line_is_safe(
            line in "\\PC{0,40}|(CHAPTER|Part|Article\\.|Version|[A-Z]{0,3})[ .]?[0-9IVXLC.]{0,8}[.):]? ?\\PC{0,20}"
        ) {
            if let Some(label) = read(&line) {
                proptest::prop_assert!(line.is_char_boundary(label.rest_at));
                proptest::prop_assert!(label.rest_at <= line.len());
                proptest::prop_assert_eq!(label.alone(&line), label.rest(&line).is_empty());
                proptest::prop_assert!(!label.path.is_empty());
            }
        }

        /// Numbers written as labels read back as the number they were written from.
        #[test]
        fn numbers_read_back(n in 1u32..400, roman_style in proptest::bool::ANY) {
            let line = if roman_style {
                format!("CHAPTER {}. Title", to_roman(n))
            } else {
                format!("{n}. Title")
            };
            let label = read(&line);
            proptest::prop_assert_eq!(label.map(|l| l.value()), Some(n));
        }
    }

    #[test]
    fn numbers_and_letters_in_brackets() {
        let l = read("(1) _Personal Motives_").unwrap();
        assert_eq!(
            (l.prefix.as_str(), l.numeral, l.value()),
            ("(", Numeral::Arabic, 1)
        );
        let l = read("(b) Switches, Signals and Routing").unwrap();
        assert_eq!((l.numeral, l.value()), (Numeral::Letter, 2));
        assert_eq!(read("(iv) Fourth").unwrap().value(), 4);
        assert_eq!(read("(see below) the text"), None);
        assert_eq!(read("(1984) was a year"), None);
    }

    #[test]
    fn roman_numerals() {
        let l = read("IV.").unwrap();
        assert_eq!((l.numeral, l.value()), (Numeral::Roman, 4));
        assert!(l.alone("IV."));
        assert_eq!(read("XII").unwrap().value(), 12);
        assert_eq!(read("I went home."), None);
        assert_eq!(read("MIX the flour"), None);
        assert_eq!(roman("IIII"), None);
        assert_eq!(roman("xiv"), Some(14));
    }
}
