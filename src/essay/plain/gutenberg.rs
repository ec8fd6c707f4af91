//! A Project Gutenberg download as it comes: a header (`Title:`, `Author:`, release notes)
//! up to `*** START OF THE PROJECT GUTENBERG EBOOK … ***`, the book, then `End of the
//! Project Gutenberg EBook of …` / `*** END OF … ***` and the licence. The header gives the
//! title; header and footer are the distributor's, not the author's, so they are left out
//! of the essay (its title block says so) and never become sections.

use std::ops::Range;

/// What frames the book in a Project Gutenberg file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The header's `Title:` (continued on indented lines), if it has one.
    pub title: Option<String>,
    /// The book, without header and footer: a byte range of the text.
    pub body: Range<usize>,
}

/// The frame of `text`, when it is a Project Gutenberg file with a start or an end marker
/// (a long file's first part has only the start, its last part only the end).
pub fn frame(text: &str) -> Option<Frame> {
    let mut start = None;
    let mut end = None;
    let mut title = None;
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let here = offset;
        offset += line.len();
        let trimmed = line.trim();
        if start.is_none() && end.is_none() {
            if title.is_none()
                && let Some(value) = trimmed.strip_prefix("Title:")
            {
                let mut value = value.trim().to_string();
                // A long title goes on over indented lines.
                while let Some(next) = lines.peek()
                    && next.starts_with([' ', '\t'])
                    && !next.trim().is_empty()
                {
                    value.push(' ');
                    value.push_str(next.trim());
                    offset += next.len();
                    lines.next();
                }
                if !value.is_empty() {
                    title = Some(value);
                }
                continue;
            }
            if is_start(trimmed) {
                start = Some(offset);
                continue;
            }
        }
        if end.is_none() && is_end(trimmed) {
            end = Some(here);
            break;
        }
    }
    if start.is_none() && end.is_none() {
        return None;
    }
    let from = skip_banner(text, start.map_or(0, |s| skip_credits(text, s)));
    let to = end.unwrap_or(text.len()).max(from);
    Some(Frame {
        // A title line far from any start marker is not this header's.
        title: title.filter(|_| start.is_some()),
        body: from..to,
    })
}

/// Past an old download's banner on its first line (`The Project Gutenberg Etext of …`):
/// the distributor's line, not the book's title.
fn skip_banner(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let lead = rest.len() - rest.trim_start().len();
    let line = rest[lead..].split('\n').next().unwrap_or("");
    let lower = line.trim().to_lowercase();
    let banner = [
        "the project gutenberg etext of",
        "the project gutenberg ebook of",
    ]
    .iter()
    .any(|b| lower.starts_with(b));
    if banner {
        from + lead + line.len()
    } else {
        from
    }
}

/// `*** START OF THE PROJECT GUTENBERG EBOOK … ***` (and older spellings).
fn is_start(line: &str) -> bool {
    // Every line of every plain essay passes here: the cheap test first.
    if !line.starts_with('*') {
        return false;
    }
    let upper = line.to_uppercase();
    upper.contains("START OF") && upper.contains("PROJECT GUTENBERG")
}

/// `*** END OF THE PROJECT GUTENBERG EBOOK … ***`, `End of the Project Gutenberg EBook of …`,
/// `End of Project Gutenberg's …`, `*End of The Project Gutenberg Etext …`.
fn is_end(line: &str) -> bool {
    let rest = line.trim_start_matches('*').trim_start();
    if !rest.starts_with(['E', 'e']) {
        return false;
    }
    let upper = rest.to_uppercase();
    upper.starts_with("END OF") && upper.contains("PROJECT GUTENBERG")
}

/// Past the producers' credits right after the start marker (`Produced by …`, `E-text
/// prepared by …`, `Transcribed from …`): a credit is never the book's title.
fn skip_credits(text: &str, mut from: usize) -> usize {
    let mut in_credit = false;
    for line in text[from..].split_inclusive('\n') {
        let trimmed = line.trim();
        let lower = trimmed.to_lowercase();
        let credit = [
            "produced by",
            "e-text prepared by",
            "etext prepared by",
            "transcribed from",
            "prepared by",
        ]
        .iter()
        .any(|c| lower.starts_with(c));
        if trimmed.is_empty() {
            in_credit = false;
        } else if credit || in_credit {
            // A credit runs on to the end of its paragraph.
            in_credit = true;
        } else {
            break;
        }
        from += line.len();
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    const RAW: &str = "\u{feff}The Project Gutenberg EBook of A Book, by Someone\r\n\r\nTitle: A Book of Essays,\r\n       With a Long Subtitle\r\n\r\nAuthor: Someone\r\n\r\n*** START OF THIS PROJECT GUTENBERG EBOOK A BOOK ***\r\n\r\nProduced by A. Volunteer and\r\nthe Online Team\r\n\r\nA BOOK OF ESSAYS\r\n\r\nThe first essay.\r\n\r\nEnd of the Project Gutenberg EBook of A Book, by Someone\r\n\r\n*** END OF THIS PROJECT GUTENBERG EBOOK A BOOK ***\r\n\r\nSection 1. General Terms of Use\r\n";

    #[test]
    fn the_header_gives_the_title_and_the_book_is_between_the_markers() {
        let f = frame(RAW).expect("a Gutenberg file");
        assert_eq!(
            f.title.as_deref(),
            Some("A Book of Essays, With a Long Subtitle")
        );
        let body = &RAW[f.body];
        assert!(body.starts_with("A BOOK OF ESSAYS"), "{body:?}");
        assert!(body.trim_end().ends_with("The first essay."), "{body:?}");
        assert!(!body.contains("Produced by"), "credits are left out");
    }

    #[test]
    fn a_first_part_or_a_last_part_alone_is_framed_too() {
        let head = &RAW[..RAW.find("The first").unwrap()];
        let f = frame(head).unwrap();
        assert!(RAW[f.body.clone()].starts_with("A BOOK"));
        assert_eq!(f.body.end, head.len());
        let tail = &RAW[RAW.find("The first").unwrap()..];
        let f = frame(tail).unwrap();
        assert_eq!(f.title, None);
        assert_eq!(tail[f.body].trim(), "The first essay.");
    }

    #[test]
    fn an_old_download_s_banner_is_not_the_book() {
        let old = "\n\nThe Project Gutenberg Etext of A WORKSHOP\n\n\nA WORKSHOP\n\nText.\n\n\
                   *End of The Project Gutenberg Etext of A WORKSHOP\n";
        let f = frame(old).unwrap();
        assert!(old[f.body].trim_start().starts_with("A WORKSHOP\n"));
    }

    #[test]
    fn other_texts_are_left_alone() {
        assert_eq!(frame("An essay.\n\nIt mentions Project Gutenberg.\n"), None);
        assert_eq!(frame("Title: not a header\n\nText.\n"), None);
    }
}
