//! Generated essays of any size, for the benchmarks and the measuring script: prose with the
//! rhythm of a real long essay (sentences of 6 to 30 words, paragraphs of 2 to 8 sentences,
//! a section every 900 to 2,000 words, a subsection or two inside most, now and then a
//! quotation, a list or a short code sample), as Markdown or as plain text pasted from a blog
//! (one paragraph per line, headings as bare short lines).
//!
//! And the other shape a pasted blog post takes ([`short_paragraphs`]): plain text of short
//! paragraphs, a sentence or a fragment a line, some lines carried on by the next in lower
//! case, a bare heading every so often and readers' comments at the end. Such an essay has
//! a block per 50 bytes or so, which is what per-block costs are measured on.
//!
//! The text is a deterministic function of the size, the format and the seed, so two runs
//! measure the same essay.

use crate::Format;

/// Words for prose, the commonest first (the generator favours the start of the list).
const WORDS: &str = "\
    the of and a to in is that it was for on as with his they at be this from I have or \
    by one had not but what all were when we there can an your which their said if do \
    will each about how up out them then she many some so these would other into has \
    more her two like him see time could no make than first been its who now people my \
    made over did down only way find use may water long little very after words called \
    just where most know reading attention river garden letter winter map paper hand \
    quiet house road window evening morning memory silence page margin voice field \
    slowly careful library argument essay patience notebook habit question distance lamp \
    harbour season ordinary difficult remember understand forgotten sentence paragraph \
    chapter reader writer language meaning history landscape weather conversation \
    everything nothing perhaps because although whether through between against without \
    toward beneath beyond during";

/// Words for headings.
const TITLE_WORDS: &str = "\
    Attention Rivers Maps Winter Gardens Letters Silence Margins Reading Distance Habits \
    Lamps Harbours Seasons Memory Patience Questions Evenings Roads Windows Voices \
    Fields Notebooks Weather";

/// A small, fast, deterministic generator (xorshift64*): the same numbers on every
/// machine, with no crate needed. Also drives the monkey test's keys.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` at least 1).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// The words an essay is made of.
struct Vocabulary {
    words: Vec<&'static str>,
    titles: Vec<&'static str>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        Vocabulary {
            words: WORDS.split_whitespace().collect(),
            titles: TITLE_WORDS.split_whitespace().collect(),
        }
    }

    /// A word, the frequent ones more often (the square skews toward the list's start).
    fn word(&self, rng: &mut Rng) -> &'static str {
        let r = (rng.next_u64() % 10_000) as f64 / 10_000.0;
        self.words[((r * r) * self.words.len() as f64) as usize]
    }

    fn title_word(&self, rng: &mut Rng) -> &'static str {
        self.titles[rng.below(self.titles.len())]
    }
}

/// Writes the prose: a generator and the words it draws from.
struct Writer {
    rng: Rng,
    vocabulary: Vocabulary,
}

impl Writer {
    fn sentence(&mut self, out: &mut String) {
        self.sentence_of(out, 6, 30);
    }

    /// A sentence of `lo` to `hi` words.
    fn sentence_of(&mut self, out: &mut String, lo: usize, hi: usize) {
        let n = self.rng.range(lo, hi);
        self.words(out, n);
        out.push(if self.rng.chance(8) { '?' } else { '.' });
    }

    /// `n` words, the first capitalised, now and then a comma between them; no stop.
    fn words(&mut self, out: &mut String, n: usize) {
        for i in 0..n {
            let w = self.vocabulary.word(&mut self.rng);
            if i == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(w);
                if i + 1 < n && self.rng.chance(6) {
                    out.push(',');
                }
            }
        }
    }

    /// A line of a short-paragraph essay: mostly one sentence, sometimes two or three or a
    /// fragment, and now and then a line left open (`,` `:`) that the next lines carry on
    /// in lower case.
    fn short_line(&mut self, out: &mut String) {
        match self.rng.below(100) {
            0..55 => self.sentence_of(out, 3, 14),
            55..70 => {
                for i in 0..self.rng.range(2, 3) {
                    if i > 0 {
                        out.push(' ');
                    }
                    self.sentence_of(out, 3, 12);
                }
            }
            70..84 => {
                let n = self.rng.range(1, 4);
                self.words(out, n);
                out.push('.');
            }
            84..92 => {
                let n = self.rng.range(5, 14);
                self.words(out, n);
                out.push(if self.rng.chance(50) { ',' } else { ':' });
                let lines = self.rng.range(1, 3);
                for k in 0..lines {
                    out.push('\n');
                    let mut line = String::new();
                    let n = self.rng.range(3, 12);
                    self.words(&mut line, n);
                    out.push_str(&line.to_lowercase());
                    out.push(if k + 1 == lines { '.' } else { ',' });
                }
            }
            _ => {
                self.sentence_of(out, 8, 22);
                out.push(' ');
                self.sentence_of(out, 8, 22);
            }
        }
        out.push('\n');
    }

    fn paragraph(&mut self, markdown: bool) -> String {
        let mut p = String::new();
        for i in 0..self.rng.range(2, 8) {
            if i > 0 {
                p.push(' ');
            }
            let emphasis = markdown && self.rng.chance(5);
            if emphasis {
                p.push('*');
            }
            self.sentence(&mut p);
            if emphasis {
                p.push('*');
            }
        }
        p
    }

    fn heading(&mut self) -> String {
        let a = self.vocabulary.title_word(&mut self.rng);
        let b = self.vocabulary.title_word(&mut self.rng);
        match self.rng.range(0, 3) {
            0 => format!("On {a} and {b}"),
            1 => format!("The {a} of {b}"),
            2 => format!("What {a} Teach Us"),
            _ => format!("{a}, Again"),
        }
    }
}

/// A heading of `level` (1 to 3): Markdown's `#`s, or a bare line in plain text.
fn push_heading(out: &mut String, level: usize, text: &str, markdown: bool) {
    if markdown {
        out.push_str(&format!("{} {text}\n\n", "#".repeat(level)));
    } else {
        out.push_str(&format!("{text}\n"));
    }
}

/// An essay of about `bytes` bytes (never less) in `format`.
pub fn essay(bytes: usize, format: Format, seed: u64) -> String {
    let mut w = Writer {
        rng: Rng::new(seed),
        vocabulary: Vocabulary::new(),
    };
    let markdown = format == Format::Markdown;
    let mut out = String::with_capacity(bytes + 4096);
    let title = format!("{} in the Age of Winter", w.heading());
    push_heading(&mut out, 1, &title, markdown);
    if !markdown {
        out.push_str("Notes toward a slower way of reading\n");
    }
    let mut section = 0;
    while out.len() < bytes {
        section += 1;
        let h = w.heading();
        push_heading(&mut out, 2, &h, markdown);
        let words = w.rng.range(900, 2000);
        let mut written = 0;
        let mut sub_at = if w.rng.chance(70) {
            words / 2
        } else {
            usize::MAX
        };
        while written < words && out.len() < bytes {
            if written >= sub_at {
                sub_at = usize::MAX;
                let h = w.heading();
                push_heading(&mut out, 3, &h, markdown);
            }
            let p = w.paragraph(markdown);
            written += p.split(' ').count();
            if markdown && w.rng.chance(4) {
                out.push_str(&format!("> {p}\n\n"));
            } else if markdown && w.rng.chance(3) {
                for _ in 0..w.rng.range(3, 5) {
                    let mut item = String::new();
                    w.sentence(&mut item);
                    out.push_str(&format!("- {item}\n"));
                }
                out.push('\n');
            } else if markdown && w.rng.chance(1) {
                out.push_str(&format!(
                    "```\nfn section_{section}() -> usize {{\n    {written}\n}}\n```\n\n"
                ));
            } else {
                out.push_str(&p);
                out.push_str(if markdown { "\n\n" } else { "\n" });
            }
        }
    }
    out
}

/// An essay of about `bytes` bytes (never less) of short paragraphs in plain text, a line
/// each, as a blog post pasted with its readers' comments: see the module's notes.
pub fn short_paragraphs(bytes: usize, seed: u64) -> String {
    let mut w = Writer {
        rng: Rng::new(seed),
        vocabulary: Vocabulary::new(),
    };
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str(&w.heading());
    out.push('\n');
    for _ in 0..w.rng.range(3, 8) {
        w.short_line(&mut out);
    }
    // Room for the comments, so that the whole is still about `bytes`.
    let comments = w.rng.range(3, 6);
    while out.len() + comments * 60 < bytes {
        let h = w.heading();
        out.push_str(&h);
        out.push('\n');
        for _ in 0..w.rng.range(8, 25) {
            w.short_line(&mut out);
        }
    }
    // Readers' comments, after two blank lines.
    out.push_str("\n\n");
    for _ in 0..comments {
        let n = w.rng.range(2, 8);
        w.words(&mut out, n);
        out.push_str("! ");
        w.sentence_of(&mut out, 3, 9);
        out.push('\n');
    }
    while out.len() < bytes {
        w.sentence_of(&mut out, 3, 9);
        out.push('\n');
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

    #[test]
    fn short_paragraphs_are_many_small_blocks_with_comments_at_the_end() {
        let text = short_paragraphs(200_000, 3);
        assert!(
            text.len() >= 200_000 && text.len() < 205_000,
            "{}",
            text.len()
        );
        assert_eq!(text, short_paragraphs(200_000, 3));
        let e = Essay::parse(&text, Format::Text, "x");
        let per_block = text.len() / e.blocks.len();
        assert!((30..=90).contains(&per_block), "{per_block} bytes a block");
        let outline = e.outline().count();
        assert!(outline > 100, "{outline} sections");
        // The comments come after a rule, and are not read as headings.
        let rule = e
            .blocks
            .iter()
            .rposition(|b| matches!(b.kind, crate::essay::BlockKind::Rule))
            .expect("a rule before the comments");
        assert!(e.blocks.len() - rule >= 4);
        assert!(e.outline().all(|(_, s)| s.start < rule));
    }
}
