//! Web pages as essays: a saved page (or one on standard input) becomes Markdown with
//! front matter, which the Markdown reader then reads like any essay, so the outline,
//! search, notes and the library work on it unchanged.
//!
//! The steps, one file each: [`charset`] decodes the bytes, [`dom`] parses them as a
//! browser would into a flat tree, [`extract`] finds the article and the comments,
//! [`metadata`] the title, author and date, and [`writer`] writes Markdown. Nothing is
//! ever fetched: images are their alt text, links are kept as addresses.

pub mod charset;
pub mod depth;
pub mod dom;
pub mod extract;
pub mod metadata;
pub mod text;
pub mod writer;

use dom::{Dom, Id};
use metadata::Metadata;
use writer::Writer;

/// The largest page margin converts: 64 MB, past any article (the longest pages on the
/// web are a few MB); parsing takes some ten times a page's size in memory.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Why a page past [`MAX_BYTES`] is refused.
pub const TOO_LARGE: &str =
    "a web page longer than 64 MB, the most margin converts; save the article alone";

/// A page or a book as Markdown, and what went wrong on the way (one line each).
#[derive(Debug, Clone, Default)]
pub struct Converted {
    pub markdown: String,
    pub warnings: Vec<String>,
}

/// Converts the page `bytes`, served as `content_type` when it was fetched.
pub fn to_markdown(bytes: &[u8], content_type: Option<&str>) -> Converted {
    let (text, warnings) = charset::decode(bytes, content_type);
    // Sanitised before parsing as well as after: an escape sequence made one mark here
    // cannot be split by the Markdown escapes (`ESC [31m` would become `ESC \[31m`).
    let text = crate::sanitize::sanitize(&text);
    let dom = Dom::parse_html(&text);
    let markdown = page(&dom);
    Converted { markdown, warnings }
}

/// The essay of a parsed page: front matter, the article, and the comments after a rule.
/// Empty when the page has no words at all.
pub fn page(dom: &Dom) -> String {
    let article = extract::article(dom);
    let meta = metadata::read(dom, article);
    let comments = extract::comments(dom, article);
    let mut omit: Vec<Id> = comments.into_iter().collect();
    omit.extend(title_heading(dom, article, meta.title.as_deref()));
    let mut blocks = Writer::new(dom, omit, false).blocks(article);
    // Rules that only divided the article from what was left out.
    while blocks.first().is_some_and(|b| b == "---") {
        blocks.remove(0);
    }
    while blocks.last().is_some_and(|b| b == "---") {
        blocks.pop();
    }
    if let Some(c) = comments {
        let said = Writer::new(dom, Vec::new(), true).blocks(c);
        if !said.is_empty() {
            blocks.push("---".to_string());
            if !said.iter().any(|b| b.starts_with('#')) {
                blocks.push("## Comments".to_string());
            }
            blocks.extend(said);
        }
    }
    if blocks.is_empty() && meta.title.is_none() {
        return String::new();
    }
    let mut out = front_matter(&meta);
    out.push_str(&blocks.join("\n\n"));
    out.push('\n');
    out
}

/// The article's first `<h1>` when it repeats the title the title block shows.
fn title_heading(dom: &Dom, article: Id, title: Option<&str>) -> Option<Id> {
    let h1 = dom.find(article, "h1").next()?;
    (Some(dom.text(h1).as_str()) == title).then_some(h1)
}

/// `---`, the known keys as quoted YAML strings, `---`.
pub fn front_matter(meta: &Metadata) -> String {
    let mut out = String::from("---\n");
    let fields = [
        ("title", &meta.title),
        ("author", &meta.author),
        ("date", &meta.date),
        ("site", &meta.site),
        ("lang", &meta.lang),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            out.push_str(&format!("{key}: {}\n", quote(v)));
        }
    }
    out.push_str("---\n\n");
    out
}

/// A one-line YAML string, in double quotes.
fn quote(value: &str) -> String {
    let one_line = dom::collapse(value);
    format!(
        "\"{}\"",
        one_line.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_becomes_front_matter_and_its_article() {
        let page = r#"<!doctype html><html lang="en"><head><title>On Rivers | Blog</title>
            <meta name="author" content="Ada &quot;A&quot; L"><script>alert(1)</script></head>
            <body><nav><a href="/">Home</a></nav><main><article><h1>On Rivers</h1>
            <p>Rivers run.</p><h2>Banks</h2><p>Banks hold.</p></article></main>
            <section id="comments"><h3>2 Comments</h3><p>Lovely.</p></section>
            <footer>© Blog</footer></body></html>"#;
        let md = to_markdown(page.as_bytes(), None).markdown;
        assert_eq!(
            md,
            "---\ntitle: \"On Rivers\"\nauthor: \"Ada \\\"A\\\" L\"\nlang: \"en\"\n---\n\n\
             Rivers run.\n\n## Banks\n\nBanks hold.\n\n---\n\n### 2 Comments\n\nLovely.\n"
        );
    }

    #[test]
    fn a_page_without_words_is_empty() {
        assert_eq!(
            to_markdown(b"<html><script>x</script></html>", None).markdown,
            ""
        );
    }
}
