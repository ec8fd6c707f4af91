//! Scoring heading inference against a corpus of real essays with hand-written answers.
//!
//! Used by `cargo run --example score` and by the `tests/corpus.rs` floor. It lives in the
//! library (hidden from the docs) rather than in `tests/support/` because an example cannot
//! reach a test's support module, and a `#[path]` include would compile the same code twice
//! under two lint regimes; here both callers share one copy, built once with the crate.
//!
//! Layout: `DIR/KIND_DIR/NAME.txt` (or `.md`) with `NAME.answers` beside it, one item a
//! line: `title: The Title` first (`title: -` when the text has none), then every heading
//! in reading order. A `? ` prefix marks an item as honestly ambiguous (either way is fine),
//! `//` starts a comment (`// kind: NAME` names the kind of text), blank lines are ignored.
//!
//! Predicted items are the essay's title (when it has one) and the titles of its outline's
//! sections, parsed with the same format detection as `margin toc FILE`. Both sides are
//! normalised ([`normalize`]) and matched as multisets.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::essay::Essay;

/// One expected item of an answers file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    /// `? ` lines: never counted as missed, and a prediction matching one is not counted.
    pub ambiguous: bool,
}

/// A parsed `.answers` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// From `// kind: NAME`; `unknown` when absent.
    pub kind: String,
    /// The title first (when the text has one), then the headings in order.
    pub items: Vec<Item>,
}

/// Reads the text of an answers file.
pub fn parse_answers(text: &str) -> Answers {
    let mut answers = Answers {
        kind: "unknown".to_string(),
        items: Vec::new(),
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix("//") {
            if let Some(kind) = comment.trim().strip_prefix("kind:") {
                answers.kind = kind.trim().to_string();
            }
            continue;
        }
        let (ambiguous, rest) = match line.strip_prefix("? ") {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        let text = match rest.strip_prefix("title:") {
            Some(title) if title.trim() == "-" => continue,
            Some(title) => title.trim(),
            None => rest,
        };
        answers.items.push(Item {
            text: text.to_string(),
            ambiguous,
        });
    }
    answers
}

/// Lowercase, straight quotes, whitespace collapsed, trailing `.` and `:` dropped.
pub fn normalize(s: &str) -> String {
    let lowered: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let collapsed = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_end_matches(|c: char| c == '.' || c == ':' || c.is_whitespace())
        .to_string()
}

/// What margin finds in an essay: its title, then its outline's headings.
pub fn predicted(essay: &Essay) -> Vec<String> {
    essay
        .title
        .iter()
        .cloned()
        .chain(essay.outline().map(|(_, s)| s.title.clone()))
        .collect()
}

/// The comparison of one file's predictions with its answers.
#[derive(Debug, Clone, Default)]
pub struct FileScore {
    /// As given to [`score_file`] (or relative to the corpus directory).
    pub name: String,
    pub kind: String,
    /// Counted predictions (those matching only an ambiguous item are left out).
    pub predicted: usize,
    /// Non-ambiguous expected items.
    pub expected: usize,
    pub matched: usize,
    /// Expected items not found, as written in the answers.
    pub missed: Vec<String>,
    /// Predictions matching no item, as margin gave them.
    pub extra: Vec<String>,
    /// For `--explain-misses`: each missed item with the 1-based source lines holding it.
    pub missed_lines: Vec<(String, Vec<usize>)>,
}

/// Precision, recall and F1 from counts; nothing predicted and nothing expected is perfect.
pub fn prf(matched: usize, predicted: usize, expected: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            1.0
        } else {
            count_f64(a) / count_f64(b)
        }
    };
    let p = ratio(matched, predicted);
    let r = ratio(matched, expected);
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn count_f64(n: usize) -> f64 {
    // Counts of headings are far below 2^52.
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

impl FileScore {
    pub fn prf(&self) -> (f64, f64, f64) {
        prf(self.matched, self.predicted, self.expected)
    }
}

/// Matches `predicted` against `answers` as multisets of normalised items.
pub fn compare(predicted: &[String], answers: &Answers) -> FileScore {
    let mut firm: BTreeMap<String, usize> = BTreeMap::new();
    let mut loose: BTreeMap<String, usize> = BTreeMap::new();
    for item in &answers.items {
        let map = if item.ambiguous {
            &mut loose
        } else {
            &mut firm
        };
        *map.entry(normalize(&item.text)).or_default() += 1;
    }
    let expected = answers.items.iter().filter(|i| !i.ambiguous).count();
    let mut score = FileScore {
        kind: answers.kind.clone(),
        expected,
        ..FileScore::default()
    };
    for p in predicted {
        let key = normalize(p);
        if let Some(n) = firm.get_mut(&key).filter(|n| **n > 0) {
            *n -= 1;
            score.matched += 1;
            score.predicted += 1;
        } else if let Some(n) = loose.get_mut(&key).filter(|n| **n > 0) {
            *n -= 1;
        } else {
            score.predicted += 1;
            score.extra.push(p.clone());
        }
    }
    for item in answers.items.iter().filter(|i| !i.ambiguous) {
        if let Some(n) = firm.get_mut(&normalize(&item.text)).filter(|n| **n > 0) {
            *n -= 1;
            score.missed.push(item.text.clone());
        }
    }
    score
}

/// The answers file beside a text: `NAME.answers`.
pub fn answers_path(text: &Path) -> PathBuf {
    text.with_extension("answers")
}

/// Scores one text against the answers beside it.
pub fn score_file(text: &Path) -> Result<FileScore, String> {
    let answers_file = answers_path(text);
    let answers_text = std::fs::read_to_string(&answers_file)
        .map_err(|e| format!("{}: {e}", answers_file.display()))?;
    let answers = parse_answers(&answers_text);
    let (essay, source) =
        Essay::load(text, None).map_err(|e| format!("{}: {e}", text.display()))?;
    let mut score = compare(&predicted(&essay), &answers);
    score.name = text.display().to_string();
    score.missed_lines = score
        .missed
        .iter()
        .map(|m| (m.clone(), lines_holding(&source.text, m)))
        .collect();
    Ok(score)
}

/// The 1-based lines of `text` whose normalised form contains the normalised `item` (or
/// its first line-sized part, for a heading joined from two lines).
fn lines_holding(text: &str, item: &str) -> Vec<usize> {
    let needle = normalize(item);
    let head: String = needle.chars().take(24).collect();
    if head.is_empty() {
        return Vec::new();
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| normalize(l).contains(&head))
        .map(|(n, _)| n + 1)
        .take(5)
        .collect()
}

/// Every text with an answers file under `dir`, recursively, sorted by path.
pub fn find_texts(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "txt" || e == "md" || e == "markdown")
                && answers_path(&path).is_file()
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The scores of a whole corpus.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<FileScore>,
    /// Files that could not be read or scored, with why.
    pub errors: Vec<String>,
}

impl Report {
    /// Scores every text under each of `dirs`; names are shown relative to their directory.
    pub fn score(dirs: &[PathBuf]) -> Report {
        let mut report = Report::default();
        for dir in dirs {
            for text in find_texts(dir) {
                match score_file(&text) {
                    Ok(mut s) => {
                        if let Ok(rel) = text.strip_prefix(dir) {
                            s.name = rel.display().to_string();
                        }
                        report.files.push(s);
                    }
                    Err(e) => report.errors.push(e),
                }
            }
        }
        report
    }

    /// Micro-averaged counts `(matched, predicted, expected)` per kind.
    pub fn by_kind(&self) -> BTreeMap<String, (usize, usize, usize)> {
        let mut kinds: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        for f in &self.files {
            let k = kinds.entry(f.kind.clone()).or_default();
            k.0 += f.matched;
            k.1 += f.predicted;
            k.2 += f.expected;
        }
        kinds
    }

    /// Micro-averaged precision, recall and F1 over every item of every file.
    pub fn total(&self) -> (f64, f64, f64) {
        let (m, p, e) = self.files.iter().fold((0, 0, 0), |acc, f| {
            (acc.0 + f.matched, acc.1 + f.predicted, acc.2 + f.expected)
        });
        prf(m, p, e)
    }

    /// The table: one row a file with its first misses and extras, then per kind and total.
    pub fn table(&self, explain_misses: bool) -> String {
        const SHOWN: usize = 4;
        let width = self
            .files
            .iter()
            .map(|f| f.name.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let kind_width = self
            .files
            .iter()
            .map(|f| f.kind.chars().count())
            .max()
            .unwrap_or(4)
            .max(5);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<width$}  {:<kind_width$}  {:>5} {:>5} {:>5}  {:>9}",
            "file", "kind", "P", "R", "F1", "found/exp"
        );
        for f in &self.files {
            let (p, r, f1) = f.prf();
            let _ = writeln!(
                out,
                "{:<width$}  {:<kind_width$}  {p:>5.2} {r:>5.2} {f1:>5.2}  {:>9}",
                f.name,
                f.kind,
                format!("{}/{}", f.matched, f.expected)
            );
            if explain_misses {
                for (m, lines) in &f.missed_lines {
                    let at = if lines.is_empty() {
                        "not in the text".to_string()
                    } else {
                        format!(
                            "line {}",
                            lines
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    let _ = writeln!(out, "    missed: {m:?} ({at})");
                }
                for e in &f.extra {
                    let _ = writeln!(out, "    extra:  {e:?}");
                }
            } else {
                for (label, items) in [("missed", &f.missed), ("extra", &f.extra)] {
                    if items.is_empty() {
                        continue;
                    }
                    let mut shown: Vec<String> = items
                        .iter()
                        .take(SHOWN)
                        .map(|s| format!("{:?}", shorten(s, 50)))
                        .collect();
                    if items.len() > SHOWN {
                        shown.push(format!("(+{} more)", items.len() - SHOWN));
                    }
                    let _ = writeln!(out, "    {label}: {}", shown.join(", "));
                }
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{:<kind_width$}  {:>5}  {:>5} {:>5} {:>5}",
            "kind", "files", "P", "R", "F1"
        );
        for (kind, (m, p, e)) in self.by_kind() {
            let files = self.files.iter().filter(|f| f.kind == kind).count();
            let (p, r, f1) = prf(m, p, e);
            let _ = writeln!(
                out,
                "{kind:<kind_width$}  {files:>5}  {p:>5.2} {r:>5.2} {f1:>5.2}"
            );
        }
        let (p, r, f1) = self.total();
        let _ = writeln!(
            out,
            "{:<kind_width$}  {:>5}  {p:>5.2} {r:>5.2} {f1:>5.2}",
            "TOTAL",
            self.files.len()
        );
        for e in &self.errors {
            let _ = writeln!(out, "error: {e}");
        }
        out
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising() {
        assert_eq!(
            normalize("  The  \u{201C}Big\u{201D} Idea.: "),
            "the \"big\" idea"
        );
        assert_eq!(normalize("Don\u{2019}t"), normalize("DON'T"));
    }

    #[test]
    fn answers_and_matching() {
        let a =
            parse_answers("// kind: speech\ntitle: A Talk\n\nOne\n? Maybe\nTwo\n// a note\nOne\n");
        assert_eq!(a.kind, "speech");
        assert_eq!(a.items.len(), 5);
        let got: Vec<String> = ["A talk", "one", "Maybe", "Three"]
            .iter()
            .map(ToString::to_string)
            .collect();
        let s = compare(&got, &a);
        assert_eq!((s.matched, s.predicted, s.expected), (2, 3, 4));
        assert_eq!(s.missed, vec!["One".to_string(), "Two".to_string()]);
        assert_eq!(s.extra, vec!["Three".to_string()]);
        let none = parse_answers("title: -\n");
        assert!(none.items.is_empty());
        assert_eq!(prf(0, 0, 0).2, 1.0);
    }
}
