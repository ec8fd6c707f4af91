//! Tests on a single line of text, each one signal the heading rules combine: how it ends,
//! how it starts, its case, its numbering. None of them decides alone.

use unicode_width::UnicodeWidthStr;

/// Longest heading, in display columns and in words.
pub const MAX_HEADING_WIDTH: usize = 90;
pub const MAX_HEADING_WORDS: usize = 14;

/// How a line ends, once closing quotes and brackets are looked past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// No punctuation: a heading may end so.
    Open,
    /// A question mark: a heading only in Title Case, set apart.
    Question,
    /// A sentence or clause ends here (`.` `!` `…` `,` `;` `:` or a dash).
    Closed,
    /// A comma, colon, semicolon or dash: the text goes on in the next line.
    Continues,
}

pub fn ending(text: &str) -> Ending {
    // An address at the end (`http://www.apache.org/licenses/`) ends no sentence.
    if text
        .split_whitespace()
        .last()
        .is_some_and(|w| w.contains("://") || w.starts_with("www."))
    {
        return Ending::Open;
    }
    let core = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', '_']);
    match core.chars().last() {
        Some('?') => Ending::Question,
        Some('.' | '!' | '…' | '‽') => Ending::Closed,
        Some(',' | ';' | ':' | '—' | '–' | '-' | '/' | '&') => Ending::Continues,
        _ => Ending::Open,
    }
}

/// Short enough to be a heading: at most [`MAX_HEADING_WIDTH`] columns and
/// [`MAX_HEADING_WORDS`] words, with at least one letter.
pub fn is_short(text: &str) -> bool {
    // No character is narrower than a column for less than a byte, and none takes more
    // than four: a line of more bytes than that cannot fit (the cheap test, for long ones).
    text.len() <= MAX_HEADING_WIDTH * 4
        && text.width() <= MAX_HEADING_WIDTH
        && text.split_whitespace().count() <= MAX_HEADING_WORDS
        && text.chars().any(char::is_alphabetic)
}

/// The first letter or digit, skipping numbering such as `3.` or `II.`.
fn first_significant(text: &str) -> Option<char> {
    let rest = strip_numbering(text)
        .filter(|r| !r.is_empty())
        .unwrap_or(text);
    rest.chars().find(|c| c.is_alphanumeric())
}

/// Starts the way headings start: with a capital letter or a number, not with a quotation
/// mark (speech), a list bullet, or a lower-case letter (a continuation).
pub fn starts_like_heading(text: &str) -> bool {
    let first = text.chars().next();
    if matches!(
        first,
        Some(
            '"' | '“'
                | '‘'
                | '\''
                | '«'
                | '('
                | '['
                | '-'
                | '*'
                | '+'
                | '•'
                | '–'
                | '—'
                | '>'
                | '\\'
                | '`'
        )
    ) {
        return false;
    }
    match first_significant(text) {
        Some(c) => c.is_uppercase() || c.is_numeric() || !c.is_lowercase() && c.is_alphabetic(),
        None => false,
    }
}

/// Starts with a lower-case letter: the line carries on a sentence.
pub fn starts_lowercase(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
        && !text.starts_with(['"', '“', '‘', '(', '['])
}

/// A bullet list item: `- x`, `* x`, `• x`, `+ x`, `– x`.
pub fn is_bullet(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(
        chars.next(),
        Some('-' | '*' | '+' | '•' | '–' | '◦' | '▪' | '·')
    ) && chars.next().is_some_and(char::is_whitespace)
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "vs", "no", "vol", "ch", "pt", "fig", "jr", "sr", "mt",
    "ft", "e.g", "i.e", "etc", "cf", "op", "p", "pp", "ed", "rev", "gen", "col", "lt",
];

/// A sentence ends inside the line and another begins (`Love this! Thanks`), which headings
/// do not do. Numbering (`3. Title`), abbreviations (`Dr. Kim`) and initials (`J. Smith`)
/// do not count.
pub fn has_inner_sentence(text: &str) -> bool {
    let body = strip_numbering(text).unwrap_or(text);
    let words: Vec<&str> = body.split_whitespace().collect();
    for pair in words.windows(2) {
        let (word, next) = (pair[0], pair[1]);
        let core = word.trim_end_matches(['"', '\'', '”', '’', ')']);
        let Some(last) = core.chars().last() else {
            continue;
        };
        if !matches!(last, '.' | '!' | '?' | '…') {
            continue;
        }
        if !next
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase())
        {
            continue;
        }
        let stem = core.trim_end_matches(['.', '!', '?', '…']).to_lowercase();
        let is_initial = stem.chars().count() == 1;
        if last == '.' && (is_initial || ABBREVIATIONS.contains(&stem.as_str())) {
            continue;
        }
        return true;
    }
    false
}

/// How a heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Numbering {
    /// `Part One`, `PART II`, `Book 3`
    Part,
    /// `Chapter 4`, `CHAPTER FOUR`
    Chapter,
    /// `IV. Title`
    Roman,
    /// `4. Title`, `4) Title`, `4.2 Title`
    Arabic,
}

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "first", "second", "third", "fourth", "fifth", "last", "final",
];

/// Recognises the numbering in front of a heading, returning it and its numeric value
/// (for telling a numbered list from numbered headings).
pub fn numbering(text: &str) -> Option<(Numbering, Option<u32>)> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let lower = first.to_lowercase();
    if matches!(lower.as_str(), "part" | "book" | "chapter") {
        let n = words.next()?;
        let n = n.trim_end_matches(['.', ':', ')']);
        let value = n
            .parse::<u32>()
            .ok()
            .or_else(|| roman_value(n))
            .or_else(|| {
                NUMBER_WORDS
                    .iter()
                    .position(|w| n.eq_ignore_ascii_case(w))
                    .map(|p| p as u32 + 1)
            })?;
        let kind = if lower == "chapter" {
            Numbering::Chapter
        } else {
            Numbering::Part
        };
        return Some((kind, Some(value)));
    }
    if let Some(n) = bare_number(first, words.clone().next()) {
        return Some((Numbering::Arabic, Some(n)));
    }
    let last = first.chars().last()?;
    let mark = &first[..first.len() - last.len_utf8()];
    if !matches!(last, '.' | ')' | ':') || mark.is_empty() || words.next().is_none() {
        return None;
    }
    if let Ok(n) = mark.split('.').next().unwrap_or(mark).parse::<u32>()
        && mark.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return Some((Numbering::Arabic, Some(n)));
    }
    if mark.chars().all(|c| "IVXLC".contains(c)) {
        return roman_value(mark).map(|v| (Numbering::Roman, Some(v)));
    }
    None
}

/// A section number without a stop, as in papers and manuals: `1 Introduction`,
/// `2.1 Early Systems`, `3.2.` — small numbers only, followed by a capitalised word, so that
/// `2 onions` and `1984 was a year` are not numbering.
fn bare_number(first: &str, next: Option<&str>) -> Option<u32> {
    let core = first.strip_suffix('.').unwrap_or(first);
    let parts: Vec<&str> = core.split('.').collect();
    let small = |p: &&str| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit());
    if parts.is_empty() || !parts.iter().all(small) {
        return None;
    }
    // `3.` alone is ordinary numbering, handled by the caller.
    if parts.len() == 1 && first.ends_with('.') {
        return None;
    }
    let next = next?;
    next.chars().next().filter(|c| c.is_uppercase())?;
    parts[0].parse().ok()
}

/// How deep a section number goes: `2` is 1, `2.1` is 2, `2.1.3` is 3.
pub fn number_depth(text: &str) -> Option<usize> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let (kind, _) = numbering(text)?;
    if kind != Numbering::Arabic {
        return None;
    }
    let core = first.trim_end_matches(['.', ')', ':']);
    Some(core.split('.').filter(|p| !p.is_empty()).count())
}

/// The text after a heading's numbering (`3. Letters` → `Letters`).
pub fn strip_numbering(text: &str) -> Option<&str> {
    let (kind, _) = numbering(text)?;
    let skip = if matches!(kind, Numbering::Part | Numbering::Chapter) {
        2
    } else {
        1
    };
    let mut rest = text;
    for _ in 0..skip {
        rest = rest.trim_start();
        rest = &rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..];
    }
    Some(
        rest.trim_start_matches([' ', ':', '.', '—', '–', '-'])
            .trim_start(),
    )
}

/// A Roman numeral's value, in capitals or in lower case (`IV`, `xii`): one reading for
/// every rule, the labels'.
fn roman_value(s: &str) -> Option<u32> {
    super::label::roman(s)
}

/// Every letter is a capital, and there are at least two of them.
pub fn is_all_caps(text: &str) -> bool {
    let body = strip_numbering(text)
        .filter(|r| !r.is_empty())
        .unwrap_or(text);
    let letters: Vec<char> = body.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// Small words left in lower case by Title Case.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "of", "in", "on", "at", "to",
    "by", "up", "as", "is", "it", "if", "vs", "via", "per", "from", "into", "onto", "with", "than",
    "that", "over", "upon", "off", "out", "are", "be", "was", "not", "its",
];

/// Most major words are capitalised: `The Year of the Long Winter`.
pub fn is_title_case(text: &str) -> bool {
    let body = strip_numbering(text).unwrap_or(text);
    let mut major = 0;
    let mut capital = 0;
    for word in body.split_whitespace() {
        let core: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        let Some(first) = core.chars().next() else {
            continue;
        };
        if MINOR_WORDS.contains(&core.to_lowercase().as_str()) || !first.is_alphabetic() {
            continue;
        }
        major += 1;
        if first.is_uppercase() {
            capital += 1;
        }
    }
    major >= 1 && capital * 4 >= major * 3
}

/// A byline: `by Jane Doe`, `By J. Smith, March 2019`, `Written by …`.
pub fn is_byline(text: &str) -> bool {
    let lower = text.to_lowercase();
    (lower.starts_with("by ") || lower.starts_with("written by ") || lower.starts_with("words by "))
        && text.split_whitespace().count() <= 10
}

/// A picture credit or caption: `Photo by Jane Doe on Unsplash`, `Image: NASA`.
pub fn is_caption(text: &str) -> bool {
    let lower = text.to_lowercase();
    const STARTS: &[&str] = &[
        "photo by ",
        "photograph by ",
        "image by ",
        "illustration by ",
        "art by ",
        "photo: ",
        "image: ",
        "credit: ",
        "photo credit",
        "image credit",
        "source: ",
        "caption: ",
    ];
    STARTS.iter().any(|s| lower.starts_with(s))
        || lower.contains(" on unsplash")
        || lower.contains(" via getty")
}

/// A line of a transcript or an interview: a speaker's name in capitals, a colon, and what
/// they said (`MARTA: In the basement.`, `Q: Why?`). A heading in capitals with a colon
/// (`PART ONE: THE SEA`) keeps its capitals after the colon.
pub fn is_speaker_line(text: &str) -> bool {
    let Some((label, rest)) = text.split_once(": ") else {
        return false;
    };
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 1
        && label.chars().count() <= 30
        && label
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '\'' || c == '-')
        && !is_all_caps(rest)
}

/// A `Key: value` header line (`From: …`, `Subject: …`, `Title: …`, `Last-Modified: …`).
pub fn header_field(text: &str) -> Option<(&str, &str)> {
    let (key, value) = text.split_once(':')?;
    let plausible = (1..=30).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (plausible && (value.is_empty() || value.starts_with([' ', '\t']))).then(|| (key, value.trim()))
}

/// An e-mail header line: `From: …`, `Subject: …`.
pub fn email_header(text: &str) -> Option<(&str, &str)> {
    let (key, value) = text.split_once(':')?;
    const KEYS: &[&str] = &[
        "from",
        "to",
        "cc",
        "bcc",
        "date",
        "subject",
        "sent",
        "reply-to",
        "newsgroups",
        "organization",
    ];
    KEYS.contains(&key.to_lowercase().as_str())
        .then(|| (key, value.trim()))
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A date line: `March 3, 2019`, `2019-03-03`, `3 March 2019`, `Posted on …`.
pub fn is_date(text: &str) -> bool {
    let lower = text.to_lowercase();
    let lower = lower
        .trim_start_matches("posted on ")
        .trim_start_matches("published ")
        .trim_start_matches("updated ");
    let words: Vec<String> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_string())
        .collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let has_year = words
        .iter()
        .any(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
    let has_month = words.iter().any(|w| MONTHS.contains(&w.as_str()));
    let iso = words.len() == 1
        && words[0].len() == 10
        && words[0]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '/');
    iso || (has_year && has_month)
}

/// Words a sentence-case line starts with when it carries on the thought before it
/// (`And don't believe…`, `Not even close`, `So I did`) rather than naming a section.
const CONNECTIVES: &[&str] = &[
    "and", "but", "so", "or", "yet", "nor", "not", "because", "which", "it", "that", "this",
    "then", "now", "still", "also", "even", "just", "no", "yes", "well", "anyway",
];

/// A sentence-case line that starts with a connective.
pub fn starts_with_connective(text: &str) -> bool {
    let mut words = text.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    let first = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    // `So what went wrong` asks the question its section answers.
    let asks = ["what", "why", "how", "where", "when", "who"].contains(&second.as_str());
    CONNECTIVES.contains(&first.as_str()) && !asks && !is_title_case(text) && !is_all_caps(text)
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// A dateline: a date, or a line starting with a weekday or a date and going on to a place
/// (`Wednesday 8 November · Wien Hauptbahnhof`).
pub fn is_dateline(text: &str) -> bool {
    if is_date(text) {
        return true;
    }
    let first = text
        .split_whitespace()
        .next()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .unwrap_or_default();
    let head = text.split(['·', '|', '—', '–']).next().unwrap_or(text);
    (WEEKDAYS.contains(&first.as_str()) && text.split_whitespace().count() <= 14)
        || (head.len() < text.len() && is_date(head.trim().trim_end_matches(',')))
}

/// Removes matching decoration either side of a heading (`— Interlude —`, `* Coda *`,
/// `== Part Two ==`), when there is a title inside.
pub fn undecorated(text: &str) -> &str {
    const MARKS: &[char] = &['—', '–', '-', '*', '~', '=', '•', '#', '_'];
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
        return text;
    };
    if first == last && MARKS.contains(&first) {
        let core = text.trim_matches(|c: char| MARKS.contains(&c) || c.is_whitespace());
        if core.chars().any(char::is_alphabetic) {
            return core;
        }
    }
    text
}

/// A line of publishing details: a date, `Posted on …`, `Updated …`, `7 min read`.
pub fn is_metadata(text: &str) -> bool {
    let lower = text.to_lowercase();
    is_date(text)
        || is_copyright(&lower)
        || lower.contains("min read")
        || lower.contains("minute read")
        || ["posted ", "published ", "updated ", "last updated "]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// A line of code or a terminal's output pasted into prose (`Ok(())`, `| Console::X`,
/// `00000000  66 6f 6f 0a  |foo.|`, `unsafe { f() };`): punctuation that prose does not
/// use, or fewer letters than other marks.
pub fn is_code_like(text: &str) -> bool {
    has_code_marks(text) || has_few_letters(text.trim())
}

/// The marks of code in a line (`::`, `()`, ` = `, a snake-case name, a leading `|` or
/// `$`), whatever its share of letters: a version line (`Version 1.95 (2026-04-16)`) has
/// few letters and none of these.
pub fn has_code_marks(text: &str) -> bool {
    let t = text.trim();
    if t.starts_with(['|', '{', '}', ')', ']', '$', '<'])
        || t.starts_with("//")
        || t.starts_with("#!")
    {
        return true;
    }
    // Every mark below holds one of these bytes; most prose lines hold none, and are
    // passed in one scan (this runs on every short line of the essay).
    if !t.bytes().any(|b| {
        matches!(
            b,
            b':' | b'(' | b')' | b'{' | b'}' | b'=' | b'&' | b'|' | b'[' | b'_'
        )
    }) {
        return false;
    }
    const MARKS: &[&str] = &[
        "::", "()", "{", "}", "=>", "->", "();", "&&", "||", "!=", "==", "[]", "((", "))", " = ",
    ];
    if MARKS.iter().any(|m| t.contains(m)) {
        return true;
    }
    // An identifier in snake case (`num_written`).
    t.contains('_')
        && t.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.contains('_') && !w.starts_with('_') && !w.ends_with('_')
        })
}

/// Fewer letters than three in five visible marks: a diagram (`X---Y---Z`), a hex dump.
pub fn has_few_letters(text: &str) -> bool {
    let (mut visible, mut letters) = (0, 0);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        letters += usize::from(c.is_alphabetic());
    }
    visible >= 4 && letters * 5 < visible * 3
}

/// A copyright line (`Copyright © 1998 Jane Doe`, `(c) 2004`): not a section named
/// `Copyright`.
fn is_copyright(lower: &str) -> bool {
    let rest = lower
        .strip_prefix("copyright")
        .unwrap_or(lower)
        .trim_start();
    (rest.starts_with('©') || rest.starts_with("(c)"))
        || (lower.starts_with("copyright ")
            && rest.split_whitespace().next().is_some_and(|w| {
                w.starts_with('[') || (w.len() >= 4 && w[..4].chars().all(|c| c.is_ascii_digit()))
            }))
}

/// A line that is only a scene break or rule: `* * *`, `---`, `~~~`, `#`.
pub fn is_scene_break(text: &str) -> bool {
    let symbols = text.chars().filter(|c| !c.is_whitespace()).count();
    (symbols >= 3 || text.trim() == "#")
        && text
            .chars()
            .all(|c| c.is_whitespace() || "*-_=~#•·⁂".contains(c))
}

/// A line that underlines the one above it: `=====` or `-----`.
pub fn underline_char(text: &str) -> Option<char> {
    let c = text.chars().next()?;
    (matches!(c, '=' | '-') && text.chars().count() >= 3 && text.chars().all(|x| x == c))
        .then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings() {
        assert_eq!(ending("The Long Walk"), Ending::Open);
        assert_eq!(ending("It ended."), Ending::Closed);
        assert_eq!(ending("“It ended.”"), Ending::Closed);
        assert_eq!(ending("Why read?"), Ending::Question);
        assert_eq!(ending("You will need:"), Ending::Continues);
        assert_eq!(ending("when we can repair,"), Ending::Continues);
        assert_eq!(ending("On “Slow Reading”"), Ending::Open);
        assert_eq!(ending("http://www.apache.org/licenses/"), Ending::Open);
    }

    #[test]
    fn starts() {
        assert!(starts_like_heading("Sometimes the Lead is Buried"));
        assert!(starts_like_heading("3. Letters Are Kept"));
        assert!(!starts_like_heading("being seen without being shamed"));
        assert!(!starts_like_heading("- apples"));
        assert!(!starts_like_heading("“Stay,” she said"));
        // Old etexts open quotations with a backtick.
        assert!(!starts_like_heading("`You are old,' said the youth"));
        assert!(starts_lowercase("that never learned how to stay."));
    }

    #[test]
    fn inner_sentences() {
        assert!(has_inner_sentence("Love this, Amy! -Megan Samuels"));
        assert!(has_inner_sentence("It rained. We stayed in"));
        assert!(!has_inner_sentence("3. Letters Are Kept"));
        assert!(!has_inner_sentence("Dr. Kim and the River"));
        assert!(!has_inner_sentence("By J. Smith"));
        assert!(!has_inner_sentence("Therapy Can Be Tested"));
    }

    #[test]
    fn numberings() {
        assert_eq!(
            numbering("3. Letters Are Kept"),
            Some((Numbering::Arabic, Some(3)))
        );
        assert_eq!(
            numbering("II. THE LADDER"),
            Some((Numbering::Roman, Some(2)))
        );
        assert_eq!(numbering("Part One"), Some((Numbering::Part, Some(1))));
        assert_eq!(
            numbering("CHAPTER 4: Ice"),
            Some((Numbering::Chapter, Some(4)))
        );
        assert_eq!(numbering("In. the"), None);
        assert_eq!(numbering("1984 was a year"), None);
        assert_eq!(strip_numbering("II. THE LADDER"), Some("THE LADDER"));
        assert_eq!(strip_numbering("Chapter 2: The Well"), Some("The Well"));
    }

    #[test]
    fn cases() {
        assert!(is_all_caps("II. THE LADDER"));
        assert!(!is_all_caps("I. The Ladder"));
        assert!(is_title_case("When Our Earliest Relationships Let Us Down"));
        assert!(is_title_case("Sometimes the Lead is Buried"));
        assert!(!is_title_case("We are wired to be in relationship"));
    }

    #[test]
    fn decimal_numbers() {
        assert_eq!(
            numbering("2.1 Early Systems"),
            Some((Numbering::Arabic, Some(2)))
        );
        assert_eq!(number_depth("2.1 Early Systems"), Some(2));
        assert_eq!(number_depth("1 Introduction"), Some(1));
        assert_eq!(numbering("2 onions"), None);
        assert_eq!(numbering("800 Records"), None);
    }

    #[test]
    fn captions_speakers_headers() {
        assert!(is_caption("Photo by Tomasz Wilk on Unsplash"));
        assert!(!is_caption("Photographs of the Sea"));
        assert!(is_speaker_line("INTERVIEWER: Literally?"));
        assert!(is_speaker_line("Q: How did it start?"));
        assert!(!is_speaker_line("PART ONE: THE SEA"));
        assert!(!is_speaker_line("Interlude: Rain"));
        assert_eq!(
            email_header("Subject: Re: Boiler"),
            Some(("Subject", "Re: Boiler"))
        );
        assert_eq!(email_header("Dear Sam: hello"), None);
    }

    #[test]
    fn connectives_datelines_decorations() {
        assert!(starts_with_connective(
            "And don't believe anyone who says a week"
        ));
        assert!(starts_with_connective("Not even close"));
        assert!(!starts_with_connective("So what actually went wrong"));
        assert!(!starts_with_connective("And Then There Were None"));
        assert!(!starts_with_connective(
            "We are wired to be in relationship"
        ));
        assert!(is_dateline(
            "Wednesday 8 November · Wien Hauptbahnhof, platform 9"
        ));
        assert!(!is_dateline(
            "Wednesdays at the Market Were Different Then, Somehow, Always"
        ));
        assert_eq!(undecorated("— Interlude —"), "Interlude");
        assert_eq!(undecorated("* * *"), "* * *");
        assert_eq!(undecorated("- apples"), "- apples");
    }

    #[test]
    fn code_lines() {
        assert!(is_code_like("Ok(())"));
        assert!(is_code_like(
            "| Console::ENABLE_VIRTUAL_TERMINAL_PROCESSING"
        ));
        assert!(is_code_like("00000000  66 6f 6f 0a   |foo.|"));
        assert!(is_code_like(
            "unsafe { Console::SetConsoleCP(h, CP_UTF8) };"
        ));
        assert!(is_code_like("Ok((input, output))"));
        assert!(is_code_like("Ok(num_written as usize)"));
        assert!(is_code_like("C0 = 00000110 0 00000001"));
        assert!(has_few_letters("X---Y---Z"));
        assert!(!is_code_like("Buffer(notNumber)"));
        assert!(!is_code_like("Setting console modes"));
        assert!(!is_code_like("Variant 1: Drop support for Node.js 4"));
        assert!(!is_code_like("RL1.2a Compatibility Properties"));
        assert!(!is_code_like("1.5. What is the difference?"));
    }

    #[test]
    fn bylines_dates_breaks() {
        assert!(is_byline("By J. Smith, March 2019"));
        assert!(!is_byline("Bypass the Old Road"));
        assert!(is_date("March 3, 2019"));
        assert!(is_metadata("Posted 12 October 2023 · 7 min read"));
        assert!(is_metadata("Copyright © 1998, 1999 Wichert Akkerman"));
        assert!(is_metadata("Copyright 2004 The Authors"));
        assert!(is_metadata("Copyright [yyyy] [name of copyright owner]"));
        assert!(!is_metadata("Copyright"));
        assert!(!starts_like_heading("\\U0000007F hex character code"));
        assert!(!is_metadata("Postcards from Home"));
        assert!(is_date("2019-03-03"));
        assert!(!is_date("March of the Penguins"));
        assert!(is_scene_break("* * *"));
        assert!(!is_scene_break("- apples"));
        assert_eq!(underline_char("======"), Some('='));
        assert_eq!(underline_char("--"), None);
    }
}
