//! What a page says about its essay: title, author, date, site and language, from its
//! metadata (Open Graph, `<meta name>`, schema.org `itemprop`, microformats) and, for the
//! title, its first heading or its `<title>` without the site's name.

use super::dom::{Dom, Id, collapse};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    /// As the page gives it; `YYYY-MM-DD` when it starts with one.
    pub date: Option<String>,
    pub site: Option<String>,
    pub lang: Option<String>,
}

/// Reads the metadata of the page `dom`, whose essay is the element `article`.
pub fn read(dom: &Dom, article: Id) -> Metadata {
    let site = meta(dom, &["og:site_name", "application-name"]);
    let title = meta(dom, &["og:title", "twitter:title"])
        .or_else(|| first_h1(dom, article))
        .or_else(|| headline(dom))
        .or_else(|| page_title(dom, site.as_deref()));
    let author = meta(
        dom,
        &["author", "article:author", "dc.creator", "parsely-author"],
    )
    .filter(|a| !a.starts_with("http"))
    .or_else(|| {
        marked(
            dom,
            &["author"],
            &["p-author", "author-name", "byline-name"],
        )
    });
    let date = meta(
        dom,
        &[
            "article:published_time",
            "date",
            "dc.date",
            "dc.date.issued",
            "parsely-pub-date",
            "publish-date",
        ],
    )
    .or_else(|| itemprop(dom, "datePublished"))
    .or_else(|| {
        dom.find(0, "time")
            .find_map(|t| dom.attr(t, "datetime"))
            .map(str::to_string)
    })
    .map(|d| short_date(&d));
    let lang = dom
        .find(0, "html")
        .next()
        .and_then(|h| dom.attr(h, "lang"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string);
    Metadata {
        title,
        author,
        date,
        site,
        lang,
    }
}

/// The content of the first `<meta>` whose `property` or `name` is one of `keys`, in the
/// order of `keys`.
fn meta(dom: &Dom, keys: &[&str]) -> Option<String> {
    let metas: Vec<Id> = dom.find(0, "meta").collect();
    keys.iter().find_map(|key| {
        metas.iter().find_map(|&m| {
            let named = ["property", "name", "itemprop"]
                .iter()
                .filter_map(|a| dom.attr(m, a))
                .any(|v| v.eq_ignore_ascii_case(key));
            named
                .then(|| dom.attr(m, "content").map(collapse))
                .flatten()
                .filter(|v| !v.is_empty())
        })
    })
}

fn itemprop(dom: &Dom, prop: &str) -> Option<String> {
    dom.descendants(0)
        .filter(|&n| dom.attr(n, "itemprop") == Some(prop))
        .find_map(|n| {
            ["content", "datetime"]
                .iter()
                .find_map(|a| dom.attr(n, a).map(str::to_string))
                .or_else(|| Some(dom.text(n)))
        })
        .filter(|v| !v.is_empty())
}

/// The text of the first element with `itemprop` in `props` (its `name` part, if it has
/// one), or with a class in `classes`.
/// The post's title where the platform marks it (`itemprop=headline`, `entry-title`, a
/// microformat's `p-name`), in whatever heading level it chose (Blogger: an `<h3>`).
fn headline(dom: &Dom) -> Option<String> {
    const CLASSES: &[&str] = &["entry-title", "post-title", "p-name", "article-title"];
    dom.descendants(0)
        .find(|&n| {
            dom.attr(n, "itemprop") == Some("headline")
                || dom
                    .attr(n, "class")
                    .is_some_and(|c| c.split_ascii_whitespace().any(|t| CLASSES.contains(&t)))
        })
        .map(|n| dom.text(n).trim().to_string())
        .filter(|t| !t.is_empty() && t.chars().count() <= 200)
}

fn marked(dom: &Dom, props: &[&str], classes: &[&str]) -> Option<String> {
    dom.descendants(0)
        .find(|&n| {
            dom.attr(n, "itemprop").is_some_and(|p| props.contains(&p))
                || dom.attr(n, "rel") == Some("author")
                || dom
                    .attr(n, "class")
                    .is_some_and(|c| c.split_ascii_whitespace().any(|t| classes.contains(&t)))
        })
        .map(|n| {
            dom.descendants(n)
                .find(|&m| dom.attr(m, "itemprop") == Some("name"))
                .map_or_else(|| dom.text(n), |m| dom.text(m))
        })
        .map(|a| {
            a.trim_start_matches("By ")
                .trim_start_matches("by ")
                .to_string()
        })
        .filter(|a| !a.is_empty() && a.chars().count() <= 80)
}

/// The first `<h1>` of the article, or of the `<article>` or `<main>` around it.
fn first_h1(dom: &Dom, article: Id) -> Option<String> {
    let around = dom
        .ancestors(article)
        .find(|&a| matches!(dom.name(a), Some("article" | "main")))
        .unwrap_or(article);
    dom.find(around, "h1")
        .map(|h| dom.text(h))
        .find(|t| !t.is_empty())
}

/// The `<title>`, without the site's name after a separator (`Essay | Site`, `Essay — Site`).
fn page_title(dom: &Dom, site: Option<&str>) -> Option<String> {
    let title = dom.find(0, "title").next().map(|t| dom.text(t))?;
    if title.is_empty() {
        return None;
    }
    for sep in [" | ", " — ", " – ", " - ", " · ", " :: ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let named = site.is_some_and(|s| tail.eq_ignore_ascii_case(s.trim()));
            if named || tail.chars().count() < head.chars().count() {
                return Some(head.trim().to_string());
            }
        }
    }
    Some(title)
}

/// `2024-03-14T09:00:00+00:00` → `2024-03-14`; anything else as given.
fn short_date(date: &str) -> String {
    let date = date.trim();
    let b = date.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if iso {
        date[..10].to_string()
    } else {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_page(html: &str) -> Metadata {
        let dom = Dom::parse_html(html);
        let body = dom.find(0, "body").next().unwrap();
        read(&dom, body)
    }

    #[test]
    fn open_graph_first() {
        let m = read_page(
            r#"<html lang="en-GB"><head><title>Page | Site</title><meta property="og:title" content="The Essay">
            <meta name="author" content="Ada Lovelace"><meta property="article:published_time"
            content="2024-03-14T09:00:00+00:00"><meta property="og:site_name" content="Site"></head>
            <body><h1>Other</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("The Essay"));
        assert_eq!(m.author.as_deref(), Some("Ada Lovelace"));
        assert_eq!(m.date.as_deref(), Some("2024-03-14"));
        assert_eq!(m.site.as_deref(), Some("Site"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn then_the_heading_then_the_title_without_its_site() {
        let m = read_page("<title>On Rivers | My Blog</title><body><h1>On Rivers, Again</h1>");
        assert_eq!(m.title.as_deref(), Some("On Rivers, Again"));
        let m = read_page("<title>On Rivers and Their Banks | My Blog</title><p>x");
        assert_eq!(m.title.as_deref(), Some("On Rivers and Their Banks"));
        let m = read_page("<title>Notes - a very long name of a site that goes on</title><p>x");
        assert_eq!(
            m.title.as_deref(),
            Some("Notes - a very long name of a site that goes on")
        );
    }

    #[test]
    fn author_and_date_from_the_markup() {
        let m = read_page(
            r#"<p class="byline">By <span class="p-author h-card">Jo March</span></p>
            <time datetime="2023-11-02">2 Nov</time>"#,
        );
        assert_eq!(m.author.as_deref(), Some("Jo March"));
        assert_eq!(m.date.as_deref(), Some("2023-11-02"));
    }
}
