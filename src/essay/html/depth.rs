//! A bound on how deep a page nests before it is parsed. The HTML parser checks scopes by
//! walking its stack of open elements, so each tag costs time in the page's depth: 10,000
//! nested `<div>`s take seconds, a million would never end. Browsers stop nesting at a
//! few hundred levels; so does margin, by leaving out (from the text given to the
//! parser) the start and end tags of elements that would open deeper than [`MAX_NESTING`],
//! keeping their content. Real pages nest a few dozen levels.

use std::borrow::Cow;

/// The deepest an element may open.
pub const MAX_NESTING: usize = 256;

/// Elements that never hold others (void) or close themselves when a sibling opens: they
/// add no lasting depth.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
];

/// Elements whose content is text up to their end tag.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "plaintext",
    "noscript",
];

/// `text` with the tags nested past [`MAX_NESTING`] left out; borrowed when there are none.
pub fn flatten(text: &str) -> Cow<'_, str> {
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut deep = 0usize;
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text[i..].find('<') {
        let start = i + at;
        i = start + 1;
        if text[start..].starts_with("<!--") {
            i = text[start..]
                .find("-->")
                .map_or(text.len(), |e| start + e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_from = if closing { i + 1 } else { i };
        let name_len = bytes[name_from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_from].is_ascii_alphabetic() {
            continue;
        }
        let name = text[name_from..name_from + name_len].to_ascii_lowercase();
        let end = text[start..]
            .find('>')
            .map_or(text.len(), |e| start + e + 1);
        i = end;
        if closing {
            close(&mut open, &name, &mut deep, &mut cuts, (start, end));
            continue;
        }
        if RAW.contains(&name.as_str()) {
            let close_tag = format!("</{name}");
            i = find_ascii_ci(text, end, &close_tag).unwrap_or(text.len());
            continue;
        }
        if FLAT.contains(&name.as_str()) || text[start..end].ends_with("/>") {
            continue;
        }
        let kept = open.len() - deep < MAX_NESTING;
        if !kept {
            deep += 1;
            cuts.push((start, end));
        }
        open.push((name, kept));
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (s, e) in cuts {
        out.push_str(&text[from..s]);
        from = e;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// An end tag closes the nearest open element of its name (a stray one closes nothing),
/// and is left out with it.
fn close(
    open: &mut Vec<(String, bool)>,
    name: &str,
    deep: &mut usize,
    cuts: &mut Vec<(usize, usize)>,
    tag: (usize, usize),
) {
    let Some(pos) = open.iter().rposition(|(n, _)| n == name) else {
        return;
    };
    let closed_kept = open[pos].1;
    for (_, kept) in open.drain(pos..) {
        if !kept {
            *deep -= 1;
        }
    }
    if !closed_kept {
        cuts.push(tag);
    }
}

fn find_ascii_ci(text: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = text.as_bytes();
    let n = needle.as_bytes();
    (from..hay.len().saturating_sub(n.len() - 1))
        .find(|&k| hay[k..k + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<div><p>a<br>b<div>c</div></div><script>if (a<b) {}</script>";
        assert!(matches!(flatten(page), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_bound_go_their_content_stays() {
        let n = MAX_NESTING + 50;
        let page = "<div>".repeat(n) + "deep" + &"</div>".repeat(n) + "<div>after</div>";
        let flat = flatten(&page);
        assert_eq!(flat.matches("<div>").count(), MAX_NESTING + 1);
        assert_eq!(flat.matches("</div>").count(), MAX_NESTING + 1);
        assert!(flat.contains("deep"));
        assert!(flat.ends_with("<div>after</div>"));
    }

    #[test]
    fn unclosed_tags_are_bounded_too() {
        let page = "<span>".repeat(100_000) + "x";
        assert_eq!(flatten(&page).matches("<span>").count(), MAX_NESTING);
    }
}
