//! Finding the essay in a page, the way reader modes do: what is never shown (scripts,
//! forms, hidden elements, navigation, sidebars, share buttons, cookie banners, related
//! posts), the element that holds the article, and the readers' comments, if any.
//!
//! The article is the most specific element that holds nearly all of the page's prose:
//! among the elements that say they are content (`<article>`, `<main>`, `role=main`,
//! `itemprop=articleBody`, and the classes blog platforms give their post bodies), the one
//! with the most text outside links, or a deeper one with at least 85% of it. A page with
//! none of them is read from the element with the most paragraph text directly inside it.

use super::dom::{Data, Dom, Id};

/// Elements whose content is never prose.
const NEVER: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "form",
    "button", "input", "select", "textarea", "option", "svg", "canvas", "video", "audio", "nav",
    "aside", "dialog", "menu", "map",
];

/// Roles of the parts of a page around its content.
const ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
    "button",
];

/// A class or id containing one of these marks boilerplate.
const BOILERPLATE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "sign-up",
    "related",
    "recommend",
    "promo",
    "advert",
    "sponsor",
    "breadcrumb",
    "sidebar",
    "widget",
    "navbar",
    "nav-",
    "menu",
    "popup",
    "modal",
    "banner",
    "skip-link",
    "screen-reader",
    "sr-only",
    "visually-hidden",
    "respond",
    "comment-form",
    "reply",
    "avatar",
    "author-bio",
    "author-box",
    "pagination",
    "paywall",
    "toolbar",
    "button",
    "post-nav",
    "entry-meta",
    "post-meta",
    "article-meta",
    "byline",
    "posted-on",
    "tag-list",
    "post-tags",
    "entry-tags",
    "speechify-ignore",
    "read-time",
    "reading-time",
    "author",
    // MediaWiki's furniture: the edit links beside headings, "From Wikipedia…", the
    // "Jump to" line, "Retrieved from" under the article.
    "editsection",
    "sitesub",
    "mw-jump",
    "printfooter",
    // "Comments are closed", and the author's card under a post (Medium's post footer).
    "no-comments",
    "comments-closed",
    "postfooter",
    "post-footer",
    "infocard",
    // Project Gutenberg's header and licence, as its newer HTML books mark them.
    "pg-boilerplate",
    "pg-header",
    "pg-footer",
    "pgheader",
    "pgfooter",
];

/// Classes or ids that are exactly one of these, too short to match inside others.
/// (`toc`: a book's or a wiki's contents, which the outline beside the text shows already.)
const BOILERPLATE_EXACT: &[&str] = &[
    "ad",
    "ads",
    "tags",
    "meta",
    "says",
    "edit-link",
    "follow",
    "toc",
];

/// Classes and ids blog platforms give the element holding a post's body.
const CONTENT: &[&str] = &[
    "entry-content",
    "post-content",
    "article-content",
    "article-body",
    "articlebody",
    "post-body",
    "gh-content",
    "e-content",
    "post__content",
    "story-body",
    "content-body",
    "available-content",
    "markup",
    "post-full-content",
    "blog-post",
    "prose",
];

/// The comments' container, by class or id.
const COMMENTS: &[&str] = &[
    "comments",
    "comment-list",
    "commentlist",
    "comments-area",
    "comments-section",
    "comment-section",
    "responses",
    "discussion",
];

fn tokens(dom: &Dom, id: Id) -> impl Iterator<Item = String> + '_ {
    let class = dom.attr(id, "class").unwrap_or("");
    let own = dom.attr(id, "id").unwrap_or("");
    class
        .split_ascii_whitespace()
        .chain(std::iter::once(own).filter(|s| !s.is_empty()))
        .map(str::to_ascii_lowercase)
}

/// Whether the element `id` (and all it holds) is never shown. In the comments
/// (`in_comments`), their footers and metadata are kept: they name who wrote each.
pub fn skipped(dom: &Dom, id: Id, in_comments: bool) -> bool {
    let Some(name) = dom.name(id) else {
        return false;
    };
    if matches!(name, "html" | "body") {
        return false;
    }
    if NEVER.contains(&name) || (!in_comments && matches!(name, "header" | "footer")) {
        return true;
    }
    if matches!(name, "p" | "div") && !in_comments && mostly_links(dom, id) {
        return true;
    }
    if name == "pre" && gutenberg_licence(dom, id) {
        return true;
    }
    if dom.attr(id, "hidden").is_some()
        || dom.attr(id, "aria-hidden") == Some("true")
        || dom.attr(id, "type") == Some("hidden")
    {
        return true;
    }
    if let Some(style) = dom.attr(id, "style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if dom
        .attr(id, "role")
        .is_some_and(|r| ROLES.contains(&r.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    // A heading's id is made from its words ("Related work", "Promotion"): only its
    // classes say what it is.
    // (Looked up only for an element with an id: this runs for every node of the page.)
    let in_heading = || {
        dom.ancestors(id)
            .any(|a| matches!(dom.name(a), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")))
    };
    let class = dom.attr(id, "class").unwrap_or("");
    let names = class
        .split_ascii_whitespace()
        .chain(
            dom.attr(id, "id")
                .filter(|s| !s.is_empty() && !in_heading()),
        )
        .map(str::to_ascii_lowercase);
    names.into_iter().any(|t| {
        BOILERPLATE_EXACT.contains(&t.as_str())
            || (BOILERPLATE.iter().any(|b| t.contains(b))
                && !(in_comments && (t.starts_with("comment-meta") || t.contains("author"))))
    }) && !holds_post(dom, id)
}

/// Whether `id` holds an element its platform marks as a post's body: then a name that
/// sounds like boilerplate is the platform's wrapper (Blogger puts every post in a
/// `widget Blog`), not something around the essay.
fn holds_post(dom: &Dom, id: Id) -> bool {
    let marked = dom.holds_post.get_or_init(|| {
        // Parents come before their children: one pass from the end carries each mark up.
        let mut marked = vec![false; dom.nodes.len()];
        for node in (0..dom.nodes.len()).rev() {
            if tokens(dom, node).any(|t| CONTENT.contains(&t.as_str()))
                || dom.attr(node, "itemprop") == Some("articleBody")
            {
                marked[node] = true;
            }
            if marked[node]
                && let Some(p) = dom.nodes[node].parent
            {
                marked[p] = true;
            }
        }
        marked
    });
    marked.get(id).copied().unwrap_or(false)
}

/// Project Gutenberg's header or licence, set as preformatted text in its older HTML
/// books: the plain-text reader leaves the same words out of a `.txt` download.
fn gutenberg_licence(dom: &Dom, id: Id) -> bool {
    let text = dom.text(id).to_ascii_uppercase();
    text.contains("PROJECT GUTENBERG")
        && ["START OF", "END OF", "LICENSE", "ETEXT", "EBOOK"]
            .iter()
            .any(|w| text.contains(w))
}

/// A paragraph that is a row of links (`Home | Essays | Links`): two links or more, and
/// two thirds of its text in them.
fn mostly_links(dom: &Dom, id: Id) -> bool {
    let links: Vec<Id> = dom.find(id, "a").collect();
    if links.len() < 2 {
        return false;
    }
    let linked: usize = links.iter().map(|&a| dom.text(a).len()).sum();
    let all = dom.text(id).len();
    linked * 3 >= all * 2
}

/// How much prose each node holds: the length of its text outside links, not counting
/// what is never shown. Nodes come parent-first, so one pass from the end adds each
/// child into its parent.
fn prose(dom: &Dom) -> Vec<usize> {
    let mut weight = vec![0usize; dom.nodes.len()];
    for id in (0..dom.nodes.len()).rev() {
        let node = &dom.nodes[id];
        if let Data::Text(t) = &node.data {
            weight[id] = t.split_ascii_whitespace().map(str::len).sum();
        }
        let counts = !skipped(dom, id, false) && !dom.is(id, "a");
        if counts && let Some(p) = node.parent {
            weight[p] += weight[id];
        }
    }
    weight
}

fn depth(dom: &Dom) -> Vec<usize> {
    let mut depth = vec![0usize; dom.nodes.len()];
    for (id, node) in dom.nodes.iter().enumerate() {
        if let Some(p) = node.parent {
            depth[id] = depth[p] + 1;
        }
    }
    depth
}

fn says_content(dom: &Dom, id: Id) -> bool {
    matches!(dom.name(id), Some("article" | "main"))
        || dom.attr(id, "role") == Some("main")
        || dom.attr(id, "itemprop") == Some("articleBody")
        || tokens(dom, id).any(|t| CONTENT.contains(&t.as_str()))
}

/// Whether something around `id` (below the body) is never shown: a post listed in a
/// sidebar is not the article.
fn inside_skipped(dom: &Dom, id: Id) -> bool {
    dom.ancestors(id).skip(1).any(|a| skipped(dom, a, false))
}

/// The element holding the essay.
pub fn article(dom: &Dom) -> Id {
    article_parts(dom).0
}

/// The element holding the essay, and the parts it is read from: itself alone, unless the
/// page breaks its article into elements alike (the same class, each holding a tenth of
/// its prose or more, none inside another, with a share box or a quotation between them);
/// then all of them, in order, not the largest alone, which would lose the opening.
pub fn article_parts(dom: &Dom) -> (Id, Vec<Id>) {
    let weight = prose(dom);
    let depth = depth(dom);
    let candidates: Vec<Id> = (0..dom.nodes.len())
        .filter(|&id| says_content(dom, id) && !skipped(dom, id, false))
        .filter(|&id| !inside_skipped(dom, id))
        .collect();
    let most = candidates.iter().map(|&id| weight[id]).max().unwrap_or(0);
    let body = dom.find(0, "body").next().unwrap_or(0);
    // A content element must hold a fair share of the page's prose to be trusted.
    if most == 0 || most * 3 < weight[body] {
        let top = densest(dom, &weight).unwrap_or(body);
        return (top, vec![top]);
    }
    let top = candidates
        .iter()
        .copied()
        .filter(|&id| weight[id] * 100 >= most * 85)
        .max_by_key(|&id| depth[id])
        .unwrap_or(body);
    let Some(class) = dom.attr(top, "class") else {
        return (top, vec![top]);
    };
    // Candidates come in document order, which is index order.
    let parts = candidates
        .into_iter()
        .filter(|&id| {
            id == top
                || (dom.attr(id, "class") == Some(class)
                    && weight[id] * 10 >= weight[top]
                    && !dom.ancestors(id).skip(1).any(|a| a == top)
                    && !dom.ancestors(top).skip(1).any(|a| a == id))
        })
        .collect();
    (top, parts)
}

/// The element with the most paragraph text directly inside it.
fn densest(dom: &Dom, weight: &[usize]) -> Option<Id> {
    let mut score = vec![0usize; dom.nodes.len()];
    for (id, own) in weight.iter().enumerate() {
        if matches!(dom.name(id), Some("p" | "pre" | "blockquote"))
            && let Some(p) = dom.nodes[id].parent
        {
            score[p] += own;
        }
    }
    (0..dom.nodes.len())
        .filter(|&id| score[id] > 0)
        .max_by_key(|&id| score[id])
}

/// The readers' comments: a container named for them, holding some text, that is not
/// around the article.
pub fn comments(dom: &Dom, article: Id) -> Option<Id> {
    (0..dom.nodes.len()).find(|&id| {
        dom.name(id).is_some()
            && tokens(dom, id).any(|t| COMMENTS.contains(&t.as_str()))
            && !dom.ancestors(article).any(|a| a == id)
            && !dom.text(id).is_empty()
            && !inside_skipped(dom, id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_post_body_not_the_page() {
        let page = r#"<body><nav>Home About</nav><div class="sidebar"><p>Ads and links and
            more words than the post has in it, many more words indeed here.</p></div>
            <article><header><h1>T</h1></header><div class="entry-content"><p>The essay's
            only paragraph, long enough to count.</p></div><footer>Share</footer></article>
            <aside><article><p>A related post with a longer teaser than the essay has, so
            there.</p></article></aside></body>"#;
        let dom = Dom::parse_html(page);
        let a = article(&dom);
        assert_eq!(dom.attr(a, "class"), Some("entry-content"));
    }

    #[test]
    fn a_bare_page_is_read_from_its_paragraphs() {
        let dom = Dom::parse_html(
            "<body><div id=x><p>One paragraph here.</p><p>Another one.</p></div><div><p>x</p></div></body>",
        );
        assert_eq!(dom.attr(article(&dom), "id"), Some("x"));
    }

    #[test]
    fn hidden_and_boilerplate_elements_are_skipped() {
        let dom = Dom::parse_html(
            r#"<p hidden>a</p><p style="display: none">b</p><div class="share-buttons">c</div>
            <div role="navigation">d</div><div class="ad">e</div><p class="lead">f</p>"#,
        );
        let shown: Vec<_> = dom
            .find(0, "body")
            .flat_map(|b| dom.children(b).to_vec())
            .filter(|&id| dom.name(id).is_some() && !skipped(&dom, id, false))
            .map(|id| dom.text(id))
            .collect();
        assert_eq!(shown, ["f"]);
    }

    #[test]
    fn comments_are_found_outside_the_article() {
        let dom = Dom::parse_html(
            r#"<main><article><p>Essay text goes here.</p></article></main>
            <section id="comments"><p>Nice piece.</p></section><div class="comments"></div>"#,
        );
        let a = article(&dom);
        let c = comments(&dom, a).unwrap();
        assert_eq!(dom.attr(c, "id"), Some("comments"));
    }
}
