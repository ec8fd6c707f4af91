//! An element of a page written as Markdown: headings, paragraphs, lists, block quotes,
//! code, tables, figures, footnotes and links, with `<br>` kept as a hard break (verse)
//! and everything the extractor leaves out left out. Text is escaped so that nothing in a
//! page's words turns into Markdown it did not mean.
//!
//! Recursion follows the page's nesting only to [`MAX_DEPTH`]; below that an element's
//! text is kept as plain words, so 10,000 nested `<div>`s cost a bounded stack.

use std::collections::HashMap;

use super::dom::{Data, Dom, Id, collapse};
use super::extract::skipped;
pub use super::text::escape;
use super::text::{code_span, flush, longest_run, prefix_lines, push_raw, push_text, safe_href};

/// How deep the writer follows elements before it keeps only their words.
pub const MAX_DEPTH: usize = 200;

pub struct Writer<'a> {
    dom: &'a Dom,
    /// Elements left out besides what [`skipped`] says: the comments while the body is
    /// written, the heading repeating the title.
    omit: Vec<Id>,
    /// Whether the part is known to be content (readers' comments, whose footers name
    /// their authors; a book's chapter, whose `<header>` holds its heading): its headers
    /// and footers are kept.
    in_comments: bool,
    /// Footnotes: the element of each note and its label.
    notes: HashMap<Id, String>,
    /// Labels by the id a reference's `#fragment` names.
    labels: HashMap<String, String>,
}

impl<'a> Writer<'a> {
    pub fn new(dom: &'a Dom, omit: Vec<Id>, in_comments: bool) -> Writer<'a> {
        let mut notes = HashMap::new();
        let mut labels = HashMap::new();
        for id in dom.descendants(0) {
            if is_note(dom, id)
                && let Some(own) = dom.attr(id, "id")
            {
                let label: String = own
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                    .collect();
                let label = if label.is_empty() {
                    format!("n{id}")
                } else {
                    label
                };
                notes.insert(id, label.clone());
                labels.insert(own.to_string(), label);
            }
        }
        Writer {
            dom,
            omit,
            in_comments,
            notes,
            labels,
        }
    }

    /// Footnote labels starting with `prefix`, so that a book's chapters, each with its
    /// own `fn1`, do not share notes.
    pub fn notes_prefixed(mut self, prefix: &str) -> Writer<'a> {
        for label in self.notes.values_mut().chain(self.labels.values_mut()) {
            *label = format!("{prefix}{label}");
        }
        self
    }

    /// The Markdown blocks of element `id`'s content.
    pub fn blocks(&self, id: Id) -> Vec<String> {
        self.blocks_at(id, 0)
    }

    fn blocks_at(&self, id: Id, depth: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut para = String::new();
        self.flow(id, depth, &mut out, &mut para);
        flush(&mut out, &mut para);
        out
    }

    fn flow(&self, id: Id, depth: usize, out: &mut Vec<String>, para: &mut String) {
        for &child in self.dom.children(id) {
            self.node(child, depth + 1, out, para);
        }
    }

    /// The inline Markdown of `id`'s content, on one line unless it holds hard breaks.
    fn inline(&self, id: Id, depth: usize) -> String {
        let mut out = Vec::new();
        let mut para = String::new();
        self.flow(id, depth, &mut out, &mut para);
        out.push(para);
        let joined = out
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        joined.trim_end_matches("\\\n").trim().to_string()
    }

    fn node(&self, id: Id, depth: usize, out: &mut Vec<String>, para: &mut String) {
        let dom = self.dom;
        let name = match &dom.nodes[id].data {
            Data::Text(t) => return push_text(para, t),
            Data::Document => return self.flow(id, depth, out, para),
            Data::Element { name, .. } => name.as_str(),
        };
        if let Some(label) = self.notes.get(&id) {
            flush(out, para);
            let text = self.inline(id, depth).replace("\\\n", " ");
            out.push(format!("[^{label}]: {text}"));
            return;
        }
        if self.omit.contains(&id) || skipped(dom, id, self.in_comments) {
            return;
        }
        if depth > MAX_DEPTH {
            push_text(para, &dom.text(id));
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                flush(out, para);
                let text = self.inline(id, depth).replace("\\\n", " ");
                if !text.is_empty() {
                    let level = usize::from(name.as_bytes()[1] - b'0');
                    out.push(format!("{} {text}", "#".repeat(level)));
                }
            }
            "br" => {
                let kept = para.trim_end_matches(' ').len();
                para.truncate(kept);
                if !para.is_empty() {
                    para.push_str("\\\n");
                }
            }
            "hr" => {
                flush(out, para);
                out.push("---".to_string());
            }
            "pre" => {
                flush(out, para);
                out.push(self.code_block(id));
            }
            "blockquote" => {
                flush(out, para);
                let inner = self.blocks_at(id, depth).join("\n\n");
                if !inner.is_empty() {
                    out.push(prefix_lines(&inner, "> ", ">"));
                }
            }
            // A list of footnotes: each note is written as a definition.
            "ul" | "ol" if dom.children(id).iter().any(|c| self.notes.contains_key(c)) => {
                flush(out, para);
                self.flow(id, depth, out, para);
            }
            "ul" | "ol" => {
                flush(out, para);
                let list = self.list(id, name == "ol", depth);
                if !list.is_empty() {
                    out.push(list);
                }
            }
            "table" => {
                flush(out, para);
                self.table(id, depth, out);
            }
            "figcaption" | "caption" => {
                flush(out, para);
                let text = self.inline(id, depth).replace("\\\n", " ");
                if !text.is_empty() {
                    out.push(format!("*{text}*"));
                }
            }
            "img" => {
                let alt = dom.attr(id, "alt").map(collapse).unwrap_or_default();
                if !alt.is_empty() {
                    push_raw(para, &format!("\\[Image: {}\\]", escape(&alt)));
                }
            }
            "a" => self.link(id, depth, para),
            "em" | "i" | "cite" | "dfn" | "var" => self.wrap(id, depth, "*", para),
            "strong" | "b" => self.wrap(id, depth, "**", para),
            "s" | "del" | "strike" => self.wrap(id, depth, "~~", para),
            "code" | "kbd" | "samp" | "tt" => {
                let text = collapse(&dom.text(id));
                if !text.is_empty() {
                    push_raw(para, &code_span(&text));
                }
            }
            _ if is_block(name) => {
                flush(out, para);
                self.flow(id, depth, out, para);
                flush(out, para);
            }
            _ => self.flow(id, depth, out, para),
        }
    }

    /// Emphasis and the like: the markers hug the words, the spaces stay outside.
    fn wrap(&self, id: Id, depth: usize, marker: &str, para: &mut String) {
        let text = self.inline(id, depth);
        if text.is_empty() {
            return;
        }
        let lead = self.dom.nodes[id].children.first().is_some_and(|&c| {
            matches!(&self.dom.nodes[c].data, Data::Text(t) if t.starts_with(char::is_whitespace))
        });
        if lead {
            push_text(para, " ");
        }
        push_raw(para, &format!("{marker}{text}{marker}"));
        let trail = self.dom.nodes[id].children.last().is_some_and(|&c| {
            matches!(&self.dom.nodes[c].data, Data::Text(t) if t.ends_with(char::is_whitespace))
        });
        if trail {
            para.push(' ');
        }
    }

    fn link(&self, id: Id, depth: usize, para: &mut String) {
        let href = self.dom.attr(id, "href").unwrap_or("").trim();
        if let Some(target) = href.rsplit_once('#').map(|(_, t)| t)
            && let Some(label) = self.labels.get(target)
        {
            push_raw(para, &format!("[^{label}]"));
            return;
        }
        let text = self.inline(id, depth);
        if text.is_empty() || is_backlink(self.dom, id, &text) {
            return;
        }
        match safe_href(href) {
            Some(href) => push_raw(para, &format!("[{text}]({href})")),
            None => push_raw(para, &text),
        }
    }

    fn code_block(&self, id: Id) -> String {
        let dom = self.dom;
        let mut code = String::new();
        for n in dom.descendants(id) {
            match &dom.nodes[n].data {
                Data::Text(t) => code.push_str(t),
                Data::Element { name, .. } if name == "br" => code.push('\n'),
                _ => {}
            }
        }
        let lang = dom
            .descendants(id)
            .filter_map(|n| dom.attr(n, "class"))
            .flat_map(str::split_ascii_whitespace)
            .find_map(|c| {
                c.strip_prefix("language-")
                    .or_else(|| c.strip_prefix("lang-"))
            })
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_'))
            .collect::<String>();
        let longest = longest_run(&code, '`');
        let fence = "`".repeat(longest.max(2) + 1);
        format!("{fence}{lang}\n{}\n{fence}", code.trim_end_matches('\n'))
    }

    fn list(&self, id: Id, ordered: bool, depth: usize) -> String {
        let mut n: u64 = self
            .dom
            .attr(id, "start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        let mut items = Vec::new();
        let mut loose = false;
        for &child in self.dom.children(id) {
            let blocks = match &self.dom.nodes[child].data {
                Data::Element { .. } if self.omit.contains(&child) => continue,
                Data::Element { .. } if skipped(self.dom, child, self.in_comments) => continue,
                Data::Element { .. } => self.blocks_at(child, depth + 1),
                Data::Text(t) if !t.trim().is_empty() => vec![escape(&collapse(t))],
                _ => continue,
            };
            if blocks.is_empty() {
                continue;
            }
            loose |= blocks.len() > 1;
            let marker = if ordered {
                format!("{n}. ")
            } else {
                "- ".to_string()
            };
            n += 1;
            let body = blocks.join("\n\n");
            let indent = " ".repeat(marker.len());
            let indented = prefix_lines(&body, &indent, "");
            items.push(format!("{marker}{}", &indented[indent.len()..]));
        }
        items.join(if loose { "\n\n" } else { "\n" })
    }

    /// A table as a Markdown table; a table of one column (a layout table) as its
    /// cells' blocks.
    fn table(&self, id: Id, depth: usize, out: &mut Vec<String>) {
        let dom = self.dom;
        let rows: Vec<Id> = dom
            .descendants(id)
            .filter(|&n| dom.is(n, "tr"))
            .filter(|&n| dom.ancestors(n).skip(1).find(|&a| dom.is(a, "table")) == Some(id))
            .collect();
        let cells: Vec<Vec<Id>> = rows
            .iter()
            .map(|&r| {
                dom.children(r)
                    .iter()
                    .copied()
                    .filter(|&c| matches!(dom.name(c), Some("td" | "th")))
                    .collect()
            })
            .collect();
        let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
        if columns <= 1 {
            for cell in cells.iter().flatten() {
                out.extend(self.blocks_at(*cell, depth + 1));
            }
            return;
        }
        if let Some(caption) = dom.find(id, "caption").next() {
            let text = self.inline(caption, depth);
            if !text.is_empty() {
                out.push(format!("*{text}*"));
            }
        }
        let mut lines = Vec::new();
        for (i, row) in cells.iter().enumerate() {
            let mut texts: Vec<String> = row
                .iter()
                .map(|&c| {
                    self.inline(c, depth + 1)
                        .replace("\\\n", " ")
                        .replace('|', "\\|")
                })
                .collect();
            texts.resize(columns, String::new());
            lines.push(format!("| {} |", texts.join(" | ")));
            if i == 0 {
                lines.push(format!("|{}", " --- |".repeat(columns)));
            }
        }
        out.push(lines.join("\n"));
    }
}

/// Elements that stand as blocks of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "body"
            | "html"
            | "header"
            | "footer"
            | "figure"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "hgroup"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "picture"
            | "fieldset"
            | "legend"
    )
}

/// A footnote: a list item or note an id points at, inside a footnotes section
/// (`class="footnotes"`, `role="doc-endnotes"`) or marked as a note (`epub:type`).
fn is_note(dom: &Dom, id: Id) -> bool {
    let kind = |n: Id| {
        let t = dom.attr(n, "type").unwrap_or("");
        let r = dom.attr(n, "role").unwrap_or("");
        matches!(t, "footnote" | "endnote" | "rearnote")
            || matches!(r, "doc-footnote" | "doc-endnote")
    };
    if kind(id) {
        return true;
    }
    if !dom.is(id, "li") {
        return false;
    }
    dom.ancestors(id).skip(1).take(4).any(|a| {
        dom.attr(a, "class")
            .is_some_and(|c| c.to_ascii_lowercase().contains("footnote"))
            || matches!(dom.attr(a, "role"), Some("doc-endnotes" | "doc-footnotes"))
            || matches!(
                dom.attr(a, "type"),
                Some("footnotes" | "endnotes" | "rearnotes")
            )
    })
}

/// The arrow back from a footnote to its reference.
fn is_backlink(dom: &Dom, id: Id, text: &str) -> bool {
    let href = dom.attr(id, "href").unwrap_or("");
    let class = dom.attr(id, "class").unwrap_or("");
    dom.attr(id, "role") == Some("doc-backlink")
        || class.contains("backref")
        || class.contains("footnote-back")
        || (href.starts_with('#') && matches!(text, "↩" | "↩︎" | "^" | "↑" | "⤴" | "\\^"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        let dom = Dom::parse_html(html);
        let body = dom.find(0, "body").next().unwrap();
        Writer::new(&dom, Vec::new(), false)
            .blocks(body)
            .join("\n\n")
    }

    #[test]
    fn blocks_and_inlines() {
        assert_eq!(
            md(
                "<h2>Part  <em>one</em></h2><p>Some <strong>bold</strong> and <i>slanted </i>text.</p>"
            ),
            "## Part *one*\n\nSome **bold** and *slanted* text."
        );
        assert_eq!(md("<ul><li>a</li><li>b</li></ul>"), "- a\n- b");
        assert_eq!(md("<ol start=3><li>a<li>b</ol>"), "3. a\n4. b");
        assert_eq!(
            md("<blockquote><p>q1</p><p>q2</p></blockquote>"),
            "> q1\n>\n> q2"
        );
        assert_eq!(
            md("<pre><code class=\"language-rust\">fn main() {\n    x\n}\n</code></pre>"),
            "```rust\nfn main() {\n    x\n}\n```"
        );
        assert_eq!(
            md("<table><tr><th>A</th><th>B</th></tr><tr><td>1|2</td><td>3</td></tr></table>"),
            "| A | B |\n| --- | --- |\n| 1\\|2 | 3 |"
        );
    }

    #[test]
    fn verse_keeps_its_line_breaks() {
        assert_eq!(
            md("<p>The woods are lovely,<br>dark and deep,<br/>\n- and I have<br></p>"),
            "The woods are lovely,\\\ndark and deep,\\\n\\- and I have"
        );
    }

    #[test]
    fn figures_links_and_footnotes() {
        assert_eq!(
            md(
                r#"<figure><img src="h.jpg" alt="A heron"><figcaption>At dawn</figcaption></figure>"#
            ),
            "\\[Image: A heron\\]\n\n*At dawn*"
        );
        assert_eq!(
            md(
                r#"<p>See <a href="https://x.org/a b">x</a>, the <a href="javascript:alert(1)">js</a> and the <a href="DATA:text/html,x">d</a> notes.</p>"#
            ),
            "See [x](https://x.org/a%20b), the js and the d notes."
        );
        let notes = md(
            r##"<p>Claim.<sup><a href="#fn:1">1</a></sup></p><div class="footnotes"><ol>
            <li id="fn:1"><p>Source. <a href="#fnref:1" class="reversefootnote">↩</a></p></li></ol></div>"##,
        );
        assert_eq!(notes, "Claim.[^fn1]\n\n[^fn1]: Source.");
    }

    #[test]
    fn words_that_look_like_markup_stay_words() {
        assert_eq!(
            md("<p># not a heading, *not* [a link] &amp;copy; &lt;b&gt;</p><p>1. not a list</p>"),
            "\\# not a heading, \\*not\\* \\[a link\\] \\&copy; \\<b>\n\n1\\. not a list"
        );
    }

    #[test]
    fn deep_nesting_keeps_the_words() {
        let deep = "<div>".repeat(10_000) + "<p>deep <b>words</b></p>" + &"</div>".repeat(10_000);
        assert_eq!(md(&deep), "deep words");
    }
}
