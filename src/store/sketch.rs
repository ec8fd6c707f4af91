//! A small summary of an essay's words that says how alike two texts are, so an essay that
//! was edited (and perhaps renamed, or first read from standard input) is recognised as the
//! same essay. Its notes and reading position follow it.
//!
//! The text is cut into shingles of three words (lower-cased, outer punctuation dropped),
//! each hashed to 32 bits (from the FNV-1a hashes of its words, mixed); the sketch keeps
//! the [`SIZE`] smallest hashes (a bottom-k MinHash). Two sketches estimate the Jaccard
//! similarity of the two sets of shingles: of the `SIZE` smallest hashes of both together,
//! the share found in both. One word changed touches three shingles; a paragraph inserted, about as many as it has words; two different essays share
//! almost none. The sketch is 512 hexadecimal digits, stored with the essay's record.

/// How many hashes a sketch keeps: a similarity of 0.8 is estimated within about ±0.05
/// (one standard error).
pub const SIZE: usize = 64;

/// Words in a shingle.
const SHINGLE: usize = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sketch {
    /// The smallest hashes of the text's shingles, ascending, without repeats.
    hashes: Vec<u32>,
}

impl Sketch {
    /// The sketch of `text`, in one pass that allocates nothing per word (an essay of
    /// 30 MB must not need another copy of its words, nor wait long for its notes).
    pub fn of(text: &str) -> Sketch {
        let mut kept = std::collections::BTreeSet::new();
        let mut keep = |hash: u32| {
            if kept.len() < SIZE {
                kept.insert(hash);
            } else if kept.last().is_some_and(|&max| hash < max) && kept.insert(hash) {
                kept.pop_last();
            }
        };
        // The hashes of the last SHINGLE words, oldest first, and how many words in all.
        let mut window = [0u64; SHINGLE];
        let mut count = 0usize;
        for word in text.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.is_empty() {
                continue;
            }
            window.rotate_left(1);
            window[SHINGLE - 1] = word_hash(word);
            count += 1;
            if count >= SHINGLE {
                keep(shingle_hash(&window));
            }
        }
        // Too short for a shingle: the words together are the one shingle (or none).
        if (1..SHINGLE).contains(&count) {
            keep(shingle_hash(&window[SHINGLE - count..]));
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

/// A word's hash: FNV-1a of its lower-cased letters, without making the lower-cased word.
fn word_hash(word: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// A shingle's hash, from its words' hashes in order, mixed well (FNV's low bits are poorly
/// spread) and cut to 32 bits.
fn shingle_hash(words: &[u64]) -> u32 {
    let hash = words.iter().fold(0, |acc: u64, &w| mix(acc ^ w));
    (hash >> 32) as u32
}

/// The finaliser of SplitMix64.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
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
