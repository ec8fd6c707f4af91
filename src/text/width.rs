//! Display width in terminal columns, and cutting text to a width: the one place that
//! measures. Wide (CJK) characters take two columns, combining marks none, and text is only
//! cut between grapheme clusters, so a letter keeps its accents and an emoji sequence stays
//! whole.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Marks text that was cut; one column wide.
pub const ELLIPSIS: char = '…';

/// How many terminal columns `s` takes.
pub fn columns(s: &str) -> usize {
    s.width()
}

/// The longest start of `s` at most `max` columns wide.
pub fn clip(s: &str, max: usize) -> &str {
    if s.width() <= max {
        return s;
    }
    let mut end = 0;
    let mut used = 0;
    for (i, cluster) in s.grapheme_indices(true) {
        let w = cluster.width();
        if used + w > max {
            break;
        }
        used += w;
        end = i + cluster.len();
    }
    // A string's width is not always the sum of its clusters' (Unicode width rules look
    // across them, as for lam-alef), so the cut is measured whole and stepped back until
    // it fits.
    while s[..end].width() > max {
        end = s[..end]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i);
    }
    &s[..end]
}

/// `s` cut to at most `max` columns, ending with an ellipsis when something was cut.
/// Spaces before the ellipsis are dropped: `word…`, not `word …`.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let kept = clip(s, max - 1).trim_end();
    format!("{kept}{ELLIPSIS}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_fits_is_kept_whole() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("short", 5), "short");
        assert_eq!(truncate("", 0), "");
        assert_eq!(clip("short", 5), "short");
    }

    #[test]
    fn cut_text_ends_with_an_ellipsis_within_the_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(columns(&truncate("abcdef", 4)), 4);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(truncate("漢字漢字", 5), "漢字…");
        // Half a wide character cannot be shown: the cut leaves a column free.
        assert_eq!(truncate("漢字漢字", 4), "漢…");
        assert_eq!(clip("漢字漢字", 3), "漢");
        assert_eq!(columns("漢字"), 4);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        // "e" + combining acute, twice: two columns, four characters.
        let accented = "e\u{301}e\u{301}xyz";
        assert_eq!(columns(accented), 5);
        assert_eq!(truncate(accented, 3), "e\u{301}e\u{301}…");
        assert_eq!(clip(accented, 1), "e\u{301}");
    }

    #[test]
    fn an_emoji_sequence_is_never_split() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let text = format!("{family}{family}");
        let cut = clip(&text, 3);
        assert_eq!(cut, family);
        assert!(columns(&truncate(&text, 3)) <= 3);
    }

    #[test]
    fn widths_zero_and_one() {
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("漢字", 1), "…");
        assert_eq!(clip("abc", 0), "");
        assert_eq!(clip("漢字", 1), "");
    }

    #[test]
    fn spaces_before_the_ellipsis_are_dropped() {
        assert_eq!(truncate("one two three", 5), "one…");
    }

    #[test]
    fn never_wider_than_asked() {
        let samples = [
            "a漢b字c",
            "e\u{301}漢 x",
            "👩\u{200d}🔬 lab",
            "لا لا لا",
            "\u{301}abc",
        ];
        for s in samples {
            for max in 0..12 {
                assert!(columns(&truncate(s, max)) <= max, "{s:?} at {max}");
                assert!(columns(clip(s, max)) <= max, "{s:?} at {max}");
            }
        }
    }
}
