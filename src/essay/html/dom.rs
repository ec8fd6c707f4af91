//! A page as a flat tree: every node in one vector, in document order, children by index.
//! Built without recursion from either parser (html5ever for HTML as browsers read it,
//! roxmltree for well-formed XHTML), so extraction and conversion never see a parser's
//! types, and a page 10,000 elements deep costs no stack.

use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// A node's index in [`Dom::nodes`]. A parent's index is always below its children's.
pub type Id = usize;

#[derive(Debug)]
pub enum Data {
    Document,
    /// An element: its lower-case local name and attributes (names lower-case too).
    Element {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Text(String),
}

#[derive(Debug)]
pub struct Node {
    pub data: Data,
    pub parent: Option<Id>,
    pub children: Vec<Id>,
}

/// The tree; node 0 is the document.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// Which nodes hold an element marked as a post's body, worked out once when first
    /// asked (see the extract module).
    pub holds_post: std::cell::OnceCell<Vec<bool>>,
}

impl Dom {
    /// Parses an HTML page as a browser would: any bytes give a tree, entities decoded;
    /// comments, doctypes and processing instructions are left out, and elements nested
    /// past [`super::depth::MAX_NESTING`] are flattened into their parent.
    pub fn parse_html(text: &str) -> Dom {
        let text = super::depth::flatten(text);
        let rc = html5ever::parse_document(RcDom::default(), html5ever::ParseOpts::default())
            .one(&*text);
        from_rcdom(&rc.document)
    }

    /// Parses well-formed XHTML (an EPUB chapter), or `None` when it is not well-formed.
    pub fn parse_xhtml(text: &str) -> Option<Dom> {
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = roxmltree::Document::parse_with_options(text, options).ok()?;
        Some(from_roxml(doc.root()))
    }

    pub fn children(&self, id: Id) -> &[Id] {
        &self.nodes[id].children
    }

    /// The element's name, or `None` for text and the document.
    pub fn name(&self, id: Id) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    pub fn is(&self, id: Id, name: &str) -> bool {
        self.name(id) == Some(name)
    }

    pub fn attr(&self, id: Id, attr: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|(n, _)| n == attr)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// Every node under `id` (itself included), in document order, without recursion.
    pub fn descendants(&self, id: Id) -> impl Iterator<Item = Id> + '_ {
        let mut stack = vec![id];
        std::iter::from_fn(move || {
            let next = stack.pop()?;
            stack.extend(self.nodes[next].children.iter().rev());
            Some(next)
        })
    }

    /// The elements named `name` under `id`.
    pub fn find<'a>(&'a self, id: Id, name: &'a str) -> impl Iterator<Item = Id> + 'a {
        self.descendants(id).filter(move |&n| self.is(n, name))
    }

    /// `id` and its ancestors, nearest first.
    pub fn ancestors(&self, id: Id) -> impl Iterator<Item = Id> + '_ {
        std::iter::successors(Some(id), |&n| self.nodes[n].parent)
    }

    /// All the text under `id`, whitespace runs made one space, trimmed.
    pub fn text(&self, id: Id) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let Data::Text(t) = &self.nodes[n].data {
                out.push_str(t);
            }
        }
        collapse(&out)
    }
}

/// Whitespace runs as one space, ends trimmed.
pub fn collapse(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

fn push(nodes: &mut Vec<Node>, data: Data, parent: Option<Id>) -> Id {
    let id = nodes.len();
    nodes.push(Node {
        data,
        parent,
        children: Vec::new(),
    });
    if let Some(p) = parent {
        nodes[p].children.push(id);
    }
    id
}

fn from_rcdom(document: &Handle) -> Dom {
    let mut nodes = Vec::new();
    let mut stack: Vec<(Handle, Option<Id>)> = vec![(Rc::clone(document), None)];
    while let Some((handle, parent)) = stack.pop() {
        let data = match &handle.data {
            NodeData::Document => Data::Document,
            NodeData::Element { name, attrs, .. } => Data::Element {
                name: name.local.to_string().to_ascii_lowercase(),
                attrs: attrs
                    .borrow()
                    .iter()
                    .map(|a| {
                        (
                            a.name.local.to_string().to_ascii_lowercase(),
                            a.value.to_string(),
                        )
                    })
                    .collect(),
            },
            NodeData::Text { contents } => Data::Text(contents.borrow().to_string()),
            _ => continue,
        };
        let id = push(&mut nodes, data, parent);
        for child in handle.children.borrow().iter().rev() {
            stack.push((Rc::clone(child), Some(id)));
        }
    }
    Dom {
        nodes,
        holds_post: std::cell::OnceCell::new(),
    }
}

fn from_roxml(root: roxmltree::Node<'_, '_>) -> Dom {
    let mut nodes = Vec::new();
    let mut stack = vec![(root, None)];
    while let Some((node, parent)) = stack.pop() {
        let data = if node.is_root() {
            Data::Document
        } else if node.is_element() {
            Data::Element {
                name: node.tag_name().name().to_ascii_lowercase(),
                attrs: node
                    .attributes()
                    .map(|a| (a.name().to_ascii_lowercase(), a.value().to_string()))
                    .collect(),
            }
        } else if node.is_text() {
            Data::Text(node.text().unwrap_or("").to_string())
        } else {
            continue;
        };
        let id = push(&mut nodes, data, parent);
        let children: Vec<_> = node.children().collect();
        for child in children.into_iter().rev() {
            stack.push((child, Some(id)));
        }
    }
    Dom {
        nodes,
        holds_post: std::cell::OnceCell::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_parses_leniently_into_document_order() {
        let dom = Dom::parse_html("<p>One <b>two<p>three &amp; &eacute;<!-- gone -->");
        let ps: Vec<_> = dom.find(0, "p").collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(dom.text(ps[0]), "One two");
        assert_eq!(dom.text(ps[1]), "three & é");
        for (id, node) in dom.nodes.iter().enumerate() {
            assert!(node.parent.is_none_or(|p| p < id));
        }
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let deep = "<div>".repeat(20_000) + "deep" + &"</div>".repeat(20_000);
        let dom = Dom::parse_html(&deep);
        assert_eq!(dom.text(0), "deep");
        let xml = format!(
            "<html>{}x{}</html>",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        // roxmltree refuses very deep XML; the caller falls back to the HTML parser.
        if let Some(dom) = Dom::parse_xhtml(&xml) {
            assert_eq!(dom.text(0), "x");
        }
    }

    #[test]
    fn xhtml_keeps_local_names() {
        let dom = Dom::parse_xhtml(
            r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><section epub:type="chapter"><H1>T</H1></section></body></html>"#,
        )
        .unwrap();
        let s = dom.find(0, "section").next().unwrap();
        assert_eq!(dom.attr(s, "type"), Some("chapter"));
        assert_eq!(dom.find(0, "h1").count(), 1);
        assert!(Dom::parse_xhtml("<p>unclosed").is_none());
    }
}
