//! A small summary of an essay's words that says how alike two texts are, so an essay that
//! was edited (and perhaps renamed, or first read from standard input) is recognised as the
//! same essay. Its notes and reading position follow it.
//!
//! The text is cut into shingles of three words (lower-cased, outer punctuation dropped),
//! each hashed to 32 bits; the sketch keeps the [`SIZE`] smallest hashes (a bottom-k MinHash).
//! Two sketches estimate the Jaccard similarity of the two sets of shingles: of the `SIZE`
//! smallest hashes of both together, the share found in both. One word changed touches three
//! shingles; a paragraph inserted, about as many as it has words; two different essays share
//! almost none. The sketch is 512 hexadecimal digits, stored with the essay's record.

use super::hash::fnv1a;

/// How many hashes a sketch keeps. 64 gives a similarity within about ±0.06 at 0.8.
pub const SIZE: usize = 64;

/// Words in a shingle.
const SHINGLE: usize = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sketch {
    /// The smallest hashes of the text's shingles, ascending, without repeats.
    hashes: Vec<u32>,
}

impl Sketch {
    /// The sketch of `text`, in one pass that holds three words and the hashes kept (an
    /// essay of 30 MB must not need another copy of its words).
    pub fn of(text: &str) -> Sketch {
        let mut kept = std::collections::BTreeSet::new();
        let mut keep = |hash: u32| {
            if kept.len() < SIZE {
                kept.insert(hash);
            } else if kept.last().is_some_and(|&max| hash < max) && kept.insert(hash) {
                kept.pop_last();
            }
        };
        // The last SHINGLE words, oldest first, and how many words there were in all.
        let mut window: std::collections::VecDeque<String> = std::collections::VecDeque::new();
        let mut count = 0usize;
        for word in text.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.is_empty() {
                continue;
            }
            if window.len() == SHINGLE {
                window.pop_front();
            }
            window.push_back(word.to_lowercase());
            count += 1;
            if window.len() == SHINGLE {
                keep(shingle_hash(&window));
            }
        }
        // Too short for a shingle: the words together are the one shingle (or none).
        if (1..SHINGLE).contains(&count) {
            keep(shingle_hash(&window));
        }
        Sketch {
            hashes: kept.into_iter().collect(),
        }
    }

    /// How alike the two texts are, from 0 (nothing shared) to 1 (the same shingles).
    pub fn similarity(&self, other: &Sketch) -> f64 {
        let (a, b) = (&self.hashes, &other.hashes);
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        // Walk the union of both in order, up to SIZE of its smallest, counting the shared.
        let (mut i, mut j, mut seen, mut shared) = (0, 0, 0usize, 0usize);
        while seen < SIZE && (i < a.len() || j < b.len()) {
            match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) if x == y => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(y)) if x < y => i += 1,
                (Some(_), None) => i += 1,
                _ => j += 1,
            }
            seen += 1;
        }
        shared as f64 / seen as f64
    }

    /// The sketch as hexadecimal digits, eight a hash, to store.
    pub fn encode(&self) -> String {
        self.hashes.iter().map(|h| format!("{h:08x}")).collect()
    }

    /// A stored sketch, or `None` when the text is not one (then the essay is sketched
    /// again when next opened).
    pub fn decode(text: &str) -> Option<Sketch> {
        if !text.is_ascii() || !text.len().is_multiple_of(8) || text.len() > SIZE * 8 {
            return None;
        }
        let mut hashes = (0..text.len() / 8)
            .map(|i| u32::from_str_radix(&text[i * 8..i * 8 + 8], 16).ok())
            .collect::<Option<Vec<u32>>>()?;
        hashes.sort_unstable();
        hashes.dedup();
        Some(Sketch { hashes })
    }
}

/// A shingle's hash: FNV-1a of its words joined by spaces, mixed (FNV's low bits are
/// poorly spread) and cut to 32 bits.
fn shingle_hash(words: &std::collections::VecDeque<String>) -> u32 {
    let joined: Vec<&str> = words.iter().map(String::as_str).collect();
    let hash = fnv1a(joined.join(" ").as_bytes());
    // The finaliser of SplitMix64.
    let mut z = hash.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESSAY: &str = include_str!("../../essays/the-slow-reader.md");
    const OTHER: &str = include_str!("../../essays/notes-on-attention.md");

    #[test]
    fn the_same_text_is_alike_whatever_its_wrapping_case_and_punctuation() {
        let a = Sketch::of("One two three, four five six seven.");
        let b = Sketch::of("one TWO three\nfour  five six (seven)");
        assert_eq!(a, b);
        assert!((a.similarity(&b) - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn one_word_changed_is_nearly_the_same_essay() {
        let edited = ESSAY.replacen("the", "a", 1);
        assert_ne!(edited, ESSAY);
        let s = Sketch::of(ESSAY).similarity(&Sketch::of(&edited));
        assert!(s > 0.9, "{s}");
    }

    #[test]
    fn two_essays_share_almost_nothing() {
        let s = Sketch::of(ESSAY).similarity(&Sketch::of(OTHER));
        assert!(s < 0.1, "{s}");
    }

    #[test]
    fn similarity_is_symmetric() {
        let edited =
            format!("{ESSAY}\n\nA paragraph added at the end, of some twelve words or so.");
        let (a, b) = (Sketch::of(ESSAY), Sketch::of(&edited));
        assert!((a.similarity(&b) - b.similarity(&a)).abs() < f64::EPSILON);
    }

    #[test]
    fn empty_and_short_texts() {
        let empty = Sketch::of("  \n ");
        assert!((empty.similarity(&Sketch::of("")) - 1.0).abs() < f64::EPSILON);
        assert!(empty.similarity(&Sketch::of("two words")) < f64::EPSILON);
        let short = Sketch::of("two words");
        assert!((short.similarity(&Sketch::of("Two, words.")) - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn a_sketch_reads_back_and_a_bad_one_is_refused() {
        let a = Sketch::of(ESSAY);
        assert_eq!(a.encode().len(), SIZE * 8);
        assert_eq!(Sketch::decode(&a.encode()), Some(a));
        assert_eq!(Sketch::decode(""), Some(Sketch::default()));
        assert_eq!(Sketch::decode("0123456"), None);
        assert_eq!(Sketch::decode("0123456z"), None);
        assert_eq!(Sketch::decode("é1234567"), None);
        assert_eq!(Sketch::decode(&"0".repeat(SIZE * 8 + 8)), None);
    }
}
