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
    let (article, parts) = extract::article_parts(dom);
    let meta = metadata::read(dom, article);
    let comments = extract::comments(dom, article);
    let mut omit: Vec<Id> = comments.into_iter().collect();
    omit.extend(title_heading(dom, article, meta.title.as_deref()));
    let writer = Writer::new(dom, omit, false);
    let mut blocks: Vec<String> = parts
        .into_iter()
        .flat_map(|part| writer.blocks(part))
        .collect();
    // Rules that only divided the article from what was left out.
    blocks.dedup_by(|a, b| a == "---" && b == "---");
    while blocks.first().is_some_and(|b| b == "---") {
        blocks.remove(0);
    }
    while blocks.last().is_some_and(|b| b == "---") {
        blocks.pop();
    }
    if let Some(c) = comments {
        let said = Writer::new(dom, Vec::new(), true).blocks(c);
        // A comments box with only its heading ("Comment on this article") says nothing.
        if said.iter().any(|b| !b.starts_with('#')) {
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

    /// The body of `page`'s essay, without its front matter.
    fn body(page: &str) -> String {
        let md = to_markdown(page.as_bytes(), None).markdown;
        let Some(rest) = md.strip_prefix("---\n") else {
            return md;
        };
        match rest.strip_prefix("---\n\n") {
            Some(body) => body.to_string(),
            None => rest
                .split_once("\n---\n\n")
                .map_or(md.clone(), |(_, b)| b.to_string()),
        }
    }

    /// Shapes seen on real pages (a Blogger post, a magazine article in parts, a wiki
    /// article), in words of our own.
    #[test]
    fn a_platform_wrapper_named_like_boilerplate_keeps_its_post() {
        let page = "<html><head><title>Notes: On Kettles</title></head><body>\
            <div class='widget Blog' id='Blog1'><div class='post hentry'>\
            <h3 class='post-title entry-title'>On Kettles</h3>\
            <div class='post-body entry-content'>A kettle sings before it boils.<br /><br />\
            <h2>Why it sings</h2><br />Bubbles collapse as they rise.<br /></div></div></div>\
            <div class='widget Label'><a href='/a'>Tea</a> <a href='/b'>Steam</a></div></body></html>";
        let md = to_markdown(page.as_bytes(), None).markdown;
        assert!(md.starts_with("---\ntitle: \"On Kettles\""), "{md}");
        assert_eq!(
            body(page),
            "A kettle sings before it boils.\n\n## Why it sings\n\nBubbles collapse as they rise.\n"
        );
    }

    #[test]
    fn line_breaks_that_end_a_paragraph_leave_no_backslash() {
        let md = body("<article><p>Removed the old bridge<br /><br /></p><p>Next.</p></article>");
        assert_eq!(md, "Removed the old bridge\n\nNext.\n");
        let kept = body("<article><p>One line<br />and the next</p><p>A \\ stays.</p></article>");
        assert_eq!(kept, "One line\\\nand the next\n\nA \\\\ stays.\n");
    }

    #[test]
    fn an_article_in_parts_around_a_share_box_is_read_whole() {
        let long = "Words that carry the argument along, sentence after sentence. ".repeat(6);
        let page = format!(
            "<body><section class='outer'><div class='post__content'><p>The opening. {long}</p>\
             <h2>The Middle</h2><p>{long}</p></div></section>\
             <aside class='post__sidebar'><h3>Share this article</h3></aside>\
             <section class='outer'><div class='post__content'><p>The second part. {long}{long}</p>\
             <h2>The End</h2><p>{long}</p></div></section>\
             <section class='outer comments' id='comments'><h1>Comment on this article</h1></section></body>"
        );
        let md = body(&page);
        assert!(md.starts_with("The opening."), "{md}");
        assert!(
            md.contains("## The Middle") && md.contains("The second part."),
            "{md}"
        );
        assert!(!md.contains("Share") && !md.contains("Comment on"), "{md}");
    }

    #[test]
    fn a_wiki_article_s_headings_lose_their_edit_links_not_their_words() {
        let page = "<body><div id='content'><h1 id='firstHeading'>Lanterns</h1>\
            <div id='siteSub'>From the free encyclopedia</div>\
            <div id='mw-content-text'><p>A lantern is a portable light.</p>\
            <h2><span class='mw-headline' id='Related_promotions'>Related promotions</span>\
            <span class='mw-editsection'>[<a href='/edit'>edit</a>]</span></h2>\
            <p>Fairs sold them.</p></div><div class='printfooter'>Retrieved from here</div></div></body>";
        assert_eq!(
            body(page),
            "A lantern is a portable light.\n\n## Related promotions\n\nFairs sold them.\n"
        );
    }

    #[test]
    fn a_gutenberg_book_leaves_out_its_licence_and_contents() {
        let page = "<html><head><title>The Lamplighter's Year, by A. Writer</title></head><body>\
            <pre>The Project Gutenberg EBook of The Lamplighter's Year\n\
            *** START OF THIS PROJECT GUTENBERG EBOOK THE LAMPLIGHTER'S YEAR ***</pre>\
            <h1>THE LAMPLIGHTER'S YEAR</h1><hr /><h2>Contents</h2>\
            <p class='toc'><a href='#c1'>Winter</a></p><p class='toc'><a href='#c2'>Spring</a></p><hr />\
            <h2 id='c1'>Winter</h2><p>The lamps were lit at four.</p>\
            <h2 id='c2'>Spring</h2><p>The lamps were lit at eight.</p>\
            <pre>End of the Project Gutenberg EBook of The Lamplighter's Year\n\
            *** END OF THIS PROJECT GUTENBERG EBOOK ***\nTHE FULL PROJECT GUTENBERG LICENSE</pre>\
            </body></html>";
        let md = body(page);
        assert!(
            !md.contains("GUTENBERG") && !md.contains("Gutenberg"),
            "{md}"
        );
        assert!(!md.contains("---\n\n---"), "{md}");
        assert!(
            md.ends_with("## Winter\n\nThe lamps were lit at four.\n\n## Spring\n\nThe lamps were lit at eight.\n"),
            "{md}"
        );
    }

    #[test]
    fn closed_comments_and_an_author_card_are_not_the_essay() {
        let page = "<body><article><div class='section-content'><p>The essay's last words.</p></div>\
            <div class='postFooter--simple supplementalPostContent'><div class='infoCard-title'>\
            Written on <time>Mar 17</time> by</div><a href='/@w'>A Writer</a></div></article>\
            <div id='comments'><ol class='comment-list'><li><p>A reply.</p></li></ol>\
            <p class='no-comments'>Comments are closed.</p></div></body>";
        let md = body(page);
        assert!(md.starts_with("The essay's last words.\n"), "{md}");
        assert!(!md.contains("Written on") && !md.contains("closed"), "{md}");
        assert!(md.contains("A reply."), "{md}");
    }

    #[test]
    fn a_page_without_words_is_empty() {
        assert_eq!(
            to_markdown(b"<html><script>x</script></html>", None).markdown,
            ""
        );
    }
}
