//! Generated essays of any size, for the benchmarks and the measuring script: prose with the
//! rhythm of a real long essay (sentences of 6 to 30 words, paragraphs of 2 to 8 sentences,
//! a section every 900 to 2,000 words, a subsection or two inside most, now and then a
//! quotation, a list or a short code sample), as Markdown or as plain text pasted from a blog
//! (one paragraph per line, headings as bare short lines).
//!
//! The text is a deterministic function of the size, the format and the seed, so two runs
//! measure the same essay.

use crate::Format;

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "is",
    "that",
    "it",
    "was",
    "for",
    "on",
    "as",
    "with",
    "his",
    "they",
    "at",
    "be",
    "this",
    "from",
    "I",
    "have",
    "or",
    "by",
    "one",
    "had",
    "not",
    "but",
    "what",
    "all",
    "were",
    "when",
    "we",
    "there",
    "can",
    "an",
    "your",
    "which",
    "their",
    "said",
    "if",
    "do",
    "will",
    "each",
    "about",
    "how",
    "up",
    "out",
    "them",
    "then",
    "she",
    "many",
    "some",
    "so",
    "these",
    "would",
    "other",
    "into",
    "has",
    "more",
    "her",
    "two",
    "like",
    "him",
    "see",
    "time",
    "could",
    "no",
    "make",
    "than",
    "first",
    "been",
    "its",
    "who",
    "now",
    "people",
    "my",
    "made",
    "over",
    "did",
    "down",
    "only",
    "way",
    "find",
    "use",
    "may",
    "water",
    "long",
    "little",
    "very",
    "after",
    "words",
    "called",
    "just",
    "where",
    "most",
    "know",
    "reading",
    "attention",
    "river",
    "garden",
    "letter",
    "winter",
    "map",
    "paper",
    "hand",
    "quiet",
    "house",
    "road",
    "window",
    "evening",
    "morning",
    "memory",
    "silence",
    "page",
    "margin",
    "voice",
    "field",
    "slowly",
    "careful",
    "library",
    "argument",
    "essay",
    "patience",
    "notebook",
    "habit",
    "question",
    "distance",
    "lamp",
    "harbour",
    "season",
    "ordinary",
    "difficult",
    "remember",
    "understand",
    "forgotten",
    "sentence",
    "paragraph",
    "chapter",
    "reader",
    "writer",
    "language",
    "meaning",
    "history",
    "landscape",
    "weather",
    "conversation",
    "everything",
    "nothing",
    "perhaps",
    "because",
    "although",
    "whether",
    "through",
    "between",
    "against",
    "without",
    "toward",
    "beneath",
    "beyond",
    "during",
];

const TITLE_WORDS: &[&str] = &[
    "Attention",
    "Rivers",
    "Maps",
    "Winter",
    "Gardens",
    "Letters",
    "Silence",
    "Margins",
    "Reading",
    "Distance",
    "Habits",
    "Lamps",
    "Harbours",
    "Seasons",
    "Memory",
    "Patience",
    "Questions",
    "Evenings",
    "Roads",
    "Windows",
    "Voices",
    "Fields",
    "Notebooks",
    "Weather",
];

/// A small, fast, deterministic generator (xorshift64*): no crate needed for this.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// A word, the frequent ones more often (the square skews toward the list's start).
    fn word(&mut self) -> &'static str {
        let r = (self.next() % 10_000) as f64 / 10_000.0;
        WORDS[((r * r) * WORDS.len() as f64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let n = rng.range(6, 30);
    for i in 0..n {
        let w = rng.word();
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
            if i + 1 < n && rng.chance(6) {
                out.push(',');
            }
        }
    }
    out.push(if rng.chance(8) { '?' } else { '.' });
}

fn paragraph(rng: &mut Rng, markdown: bool) -> String {
    let mut p = String::new();
    for i in 0..rng.range(2, 8) {
        if i > 0 {
            p.push(' ');
        }
        if markdown && rng.chance(5) {
            p.push('*');
            sentence(rng, &mut p);
            p.push('*');
        } else {
            sentence(rng, &mut p);
        }
    }
    p
}

fn heading(rng: &mut Rng) -> String {
    let a = TITLE_WORDS[rng.range(0, TITLE_WORDS.len() - 1)];
    let b = TITLE_WORDS[rng.range(0, TITLE_WORDS.len() - 1)];
    match rng.range(0, 3) {
        0 => format!("On {a} and {b}"),
        1 => format!("The {a} of {b}"),
        2 => format!("What {a} Teach Us"),
        _ => format!("{a}, Again"),
    }
}

/// An essay of about `bytes` bytes (never less) in `format`.
pub fn essay(bytes: usize, format: Format, seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let markdown = format == Format::Markdown;
    let mut out = String::with_capacity(bytes + 4096);
    let title = format!("{} in the Age of {}", heading(&mut rng), TITLE_WORDS[3]);
    if markdown {
        out.push_str(&format!("# {title}\n\n"));
    } else {
        out.push_str(&format!("{title}\nAn essay, generated for measuring\n"));
    }
    let mut section = 0;
    while out.len() < bytes {
        section += 1;
        let h = heading(&mut rng);
        if markdown {
            out.push_str(&format!("## {h}\n\n"));
        } else {
            out.push_str(&format!("{h}\n"));
        }
        let words = rng.range(900, 2000);
        let mut written = 0;
        let mut sub_at = if rng.chance(70) {
            words / 2
        } else {
            usize::MAX
        };
        while written < words && out.len() < bytes {
            if written >= sub_at {
                sub_at = usize::MAX;
                let h = heading(&mut rng);
                if markdown {
                    out.push_str(&format!("### {h}\n\n"));
                } else {
                    out.push_str(&format!("{h}\n"));
                }
            }
            let p = paragraph(&mut rng, markdown);
            written += p.split(' ').count();
            if markdown && rng.chance(4) {
                out.push_str(&format!("> {p}\n\n"));
            } else if markdown && rng.chance(3) {
                for _ in 0..rng.range(3, 5) {
                    let mut item = String::new();
                    sentence(&mut rng, &mut item);
                    out.push_str(&format!("- {item}\n"));
                }
                out.push('\n');
            } else if markdown && rng.chance(1) {
                out.push_str(&format!(
                    "```\nfn section_{section}() -> usize {{\n    {written}\n}}\n```\n\n"
                ));
            } else if markdown {
                out.push_str(&p);
                out.push_str("\n\n");
            } else {
                out.push_str(&p);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Essay;

    #[test]
    fn is_at_least_the_size_asked_and_deterministic() {
        let a = essay(50_000, Format::Markdown, 7);
        assert!(a.len() >= 50_000 && a.len() < 60_000, "{}", a.len());
        assert_eq!(a, essay(50_000, Format::Markdown, 7));
        assert_ne!(a, essay(50_000, Format::Markdown, 8));
    }

    #[test]
    fn both_formats_read_as_sectioned_essays() {
        for format in [Format::Markdown, Format::Text] {
            let text = essay(100_000, format, 1);
            let e = Essay::parse(&text, format, "x");
            let outline = e.outline().count();
            // About one section per 1,500 words, plus subsections: 100 KB is ~17,000 words.
            assert!(
                (8..=40).contains(&outline),
                "{format:?}: {outline} sections"
            );
            assert!(e.title.as_deref().unwrap_or("").contains("in the Age of"));
        }
    }
}
