//! EPUB books as essays: each chapter of the spine, in order, converted from XHTML to
//! Markdown by the same writer as web pages, under front matter from the package's
//! metadata. A chapter without a heading is given the title the book's navigation names
//! it by. Images are their alt text. Nothing in a book is written anywhere or fetched.

pub mod archive;
pub mod package;

use archive::{Archive, MAX_EXPANDED};

use super::html::dom::Dom;
use super::html::metadata::Metadata;
use super::html::writer::Writer;
use super::html::{Converted, front_matter};

/// Converts the EPUB `bytes`, or says in one line why it cannot.
pub fn to_markdown(bytes: &[u8]) -> Result<Converted, String> {
    to_markdown_capped(bytes, MAX_EXPANDED)
}

/// [`to_markdown`] with a budget of expanded bytes other than [`MAX_EXPANDED`].
pub fn to_markdown_capped(bytes: &[u8], budget: u64) -> Result<Converted, String> {
    convert(bytes, budget, usize::MAX)
}

/// The book's first chapters: as many as make `want` bytes of Markdown, and one at least,
/// to show while the whole is converted.
pub fn to_markdown_start(bytes: &[u8], want: usize) -> Result<Converted, String> {
    convert(bytes, MAX_EXPANDED, want)
}

/// Converts the book's chapters until their Markdown passes `want` bytes.
fn convert(bytes: &[u8], budget: u64, want: usize) -> Result<Converted, String> {
    let mut archive = Archive::open(bytes, budget)?;
    if let Some(mimetype) = archive.read_text("mimetype")? {
        let mimetype = mimetype.trim();
        if mimetype != "application/epub+zip" {
            return Err(format!(
                "a zip archive, but not an EPUB: its mimetype is {}",
                crate::sanitize::sanitize(&mimetype.chars().take(60).collect::<String>())
            ));
        }
    }
    refuse_encrypted(&mut archive)?;
    let opf = package::rootfile(&mut archive)?;
    let package = package::read(&mut archive, &opf)?;
    let titles = package::titles(&mut archive, &package);
    let mut warnings = Vec::new();
    let mut blocks = Vec::new();
    let mut written_bytes = 0;
    for (n, chapter) in package.spine.iter().enumerate() {
        if written_bytes >= want {
            break;
        }
        let Some(text) = archive.read_text(chapter)? else {
            warnings.push(format!("the book's chapter {chapter} is missing; left out"));
            continue;
        };
        let dom = Dom::parse_xhtml(&text).unwrap_or_else(|| Dom::parse_html(&text));
        let body = dom.find(0, "body").next().unwrap_or(0);
        let written = Writer::new(&dom, Vec::new(), true)
            .notes_prefixed(&format!("c{n}-"))
            .blocks(body);
        if written.is_empty() {
            continue;
        }
        if !written.iter().any(|b| b.starts_with('#'))
            && let Some(title) = titles.get(chapter)
        {
            blocks.push(format!("# {}", super::html::writer::escape(title)));
        }
        written_bytes += written.iter().map(String::len).sum::<usize>();
        blocks.extend(written);
    }
    if blocks.is_empty() {
        return Err("the book has no chapters with text".to_string());
    }
    let meta = Metadata {
        title: package.title,
        author: (!package.authors.is_empty()).then(|| package.authors.join(", ")),
        date: package.date.map(|d| d.chars().take(10).collect()),
        site: None,
        lang: package.lang,
    };
    let mut markdown = front_matter(&meta);
    markdown.push_str(&blocks.join("\n\n"));
    markdown.push('\n');
    Ok(Converted { markdown, warnings })
}

/// A book whose chapters are encrypted (DRM) would read as noise; fonts alone may be
/// obfuscated, which is harmless.
fn refuse_encrypted(archive: &mut Archive<'_>) -> Result<(), String> {
    let Some(encryption) = archive.read_text("META-INF/encryption.xml")? else {
        return Ok(());
    };
    let chapters_encrypted = encryption
        .split("URI=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .any(|uri| {
            let uri = uri.to_ascii_lowercase();
            uri.ends_with(".xhtml") || uri.ends_with(".html") || uri.ends_with(".htm")
        });
    if chapters_encrypted {
        return Err("the book is encrypted (DRM); margin reads only books without it".to_string());
    }
    Ok(())
}
