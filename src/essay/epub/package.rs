//! An EPUB's package: where its OPF is (`META-INF/container.xml`), its metadata, its
//! reading order (the spine), and the chapter titles its navigation document or NCX
//! gives, for chapters that have no heading of their own.

use std::collections::HashMap;

use super::archive::{Archive, resolve};
use crate::essay::html::dom::{Dom, collapse};

/// What the OPF says.
#[derive(Debug, Default)]
pub struct Package {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub lang: Option<String>,
    /// The chapters' entry names in reading order.
    pub spine: Vec<String>,
    /// The navigation document's entry name (EPUB 3), if any.
    pub nav: Option<String>,
    /// The NCX's entry name (EPUB 2), if any.
    pub ncx: Option<String>,
}

fn xml(text: &str) -> Result<roxmltree::Document<'_>, String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| e.to_string())
}

/// The OPF's entry name, from `META-INF/container.xml`.
pub fn rootfile(archive: &mut Archive<'_>) -> Result<String, String> {
    let container = archive
        .read_text("META-INF/container.xml")?
        .ok_or("a zip archive, but not an EPUB: it has no META-INF/container.xml")?;
    let doc = xml(&container).map_err(|e| format!("the book is damaged: container.xml: {e}"))?;
    doc.descendants()
        .find(|n| {
            n.has_tag_name((
                "urn:oasis:names:tc:opendocument:xmlns:container",
                "rootfile",
            )) || n.tag_name().name() == "rootfile"
        })
        .and_then(|n| n.attribute("full-path"))
        .map(str::to_string)
        .ok_or_else(|| "the book is damaged: container.xml names no package".to_string())
}

/// Reads the OPF at `opf`.
pub fn read(archive: &mut Archive<'_>, opf: &str) -> Result<Package, String> {
    let text = archive
        .read_text(opf)?
        .ok_or_else(|| format!("the book is damaged: its package {opf} is missing"))?;
    let doc = xml(&text).map_err(|e| format!("the book is damaged: {opf}: {e}"))?;
    let named = |name: &'static str| {
        doc.descendants()
            .filter(move |n| n.is_element() && n.tag_name().name() == name)
    };
    let text_of = |n: roxmltree::Node<'_, '_>| {
        collapse(
            &n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>(),
        )
    };
    let first = |name: &'static str| named(name).map(text_of).find(|t| !t.is_empty());
    let mut manifest = HashMap::new();
    let mut package = Package {
        title: first("title"),
        authors: named("creator")
            .map(text_of)
            .filter(|t| !t.is_empty())
            .collect(),
        date: first("date"),
        lang: first("language"),
        ..Package::default()
    };
    for item in named("item") {
        let (Some(id), Some(href)) = (item.attribute("id"), item.attribute("href")) else {
            continue;
        };
        let path = resolve(opf, href);
        let media = item.attribute("media-type").unwrap_or("");
        if item
            .attribute("properties")
            .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "nav"))
        {
            package.nav = Some(path.clone());
        }
        if media == "application/x-dtbncx+xml" {
            package.ncx = Some(path.clone());
        }
        manifest.insert(id.to_string(), (path, media.to_string()));
    }
    for itemref in named("itemref") {
        let Some((path, media)) = itemref.attribute("idref").and_then(|i| manifest.get(i)) else {
            continue;
        };
        if matches!(media.as_str(), "application/xhtml+xml" | "text/html" | "") {
            package.spine.push(path.clone());
        }
    }
    Ok(package)
}

/// Chapter titles by entry name, from the navigation document or else the NCX: the
/// first title naming each entry.
pub fn titles(archive: &mut Archive<'_>, package: &Package) -> HashMap<String, String> {
    let mut titles = HashMap::new();
    if let Some(nav) = &package.nav
        && let Ok(Some(text)) = archive.read_text(nav)
    {
        let dom = Dom::parse_xhtml(&text).unwrap_or_else(|| Dom::parse_html(&text));
        let toc = dom
            .find(0, "nav")
            .find(|&n| dom.attr(n, "type") == Some("toc"))
            .or_else(|| dom.find(0, "nav").next())
            .unwrap_or(0);
        for a in dom.find(toc, "a") {
            let (Some(href), title) = (dom.attr(a, "href"), dom.text(a)) else {
                continue;
            };
            if !title.is_empty() {
                titles.entry(resolve(nav, href)).or_insert(title);
            }
        }
    }
    if titles.is_empty()
        && let Some(ncx) = &package.ncx
        && let Ok(Some(text)) = archive.read_text(ncx)
        && let Ok(doc) = xml(&text)
    {
        for point in doc
            .descendants()
            .filter(|n| n.tag_name().name() == "navPoint")
        {
            let label = point
                .children()
                .find(|c| c.tag_name().name() == "navLabel")
                .map(|l| {
                    collapse(
                        &l.descendants()
                            .filter(|d| d.is_text())
                            .filter_map(|d| d.text())
                            .collect::<String>(),
                    )
                });
            let src = point
                .children()
                .find(|c| c.tag_name().name() == "content")
                .and_then(|c| c.attribute("src"));
            if let (Some(label), Some(src)) = (label, src)
                && !label.is_empty()
            {
                titles.entry(resolve(ncx, src)).or_insert(label);
            }
        }
    }
    titles
}
