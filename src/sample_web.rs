//! Generated web pages and EPUB books, for the tests and the benchmarks: a page of any
//! size with the navigation, sidebar and footer a blog wraps around a post, and an EPUB
//! assembled in memory from chapters (the zip, its container, package and navigation
//! document), or any zip at all, for books that are wrong on purpose.

use std::io::{Cursor, Write};

use crate::Format;
use crate::sample;

/// A blog page of about `bytes` bytes: the sample essay's paragraphs and headings in an
/// `<article>`, with a menu, a sidebar and a footer around it.
pub fn page(bytes: usize) -> String {
    let essay = sample::essay(bytes, Format::Markdown, 1);
    let mut body = String::new();
    for block in essay.split("\n\n") {
        let block = block.trim();
        if let Some(heading) = block.strip_prefix("## ") {
            body.push_str(&format!("<h2>{}</h2>\n", escape(heading)));
        } else if let Some(heading) = block.strip_prefix("### ") {
            body.push_str(&format!("<h3>{}</h3>\n", escape(heading)));
        } else if !block.is_empty() && !block.starts_with('#') {
            body.push_str(&format!("<p>{}</p>\n", escape(block)));
        }
    }
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A Long Essay | Blog</title></head>\
         <body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/about\">About</a></li></ul></nav>\
         <main><article><h1>A Long Essay</h1>\n{body}</article></main>\
         <aside class=\"sidebar\"><h2>Recent posts</h2><ul><li><a href=\"/a\">Another</a></li></ul></aside>\
         <footer>© Blog</footer></body></html>"
    )
}

/// A chapter of a generated book.
pub struct Chapter {
    /// Its file name inside the book's `OEBPS/` folder.
    pub file: String,
    /// What the navigation document calls it.
    pub nav_title: String,
    /// The XHTML inside its `<body>`.
    pub body: String,
}

/// An EPUB 3 book of `chapters`, entries deflated (the `mimetype` stored first, as the
/// standard asks).
pub fn epub(title: &str, author: &str, chapters: &[Chapter]) -> Vec<u8> {
    let mut manifest = String::new();
    let mut spine = String::new();
    let mut nav = String::new();
    for (i, c) in chapters.iter().enumerate() {
        manifest.push_str(&format!(
            "<item id=\"c{i}\" href=\"{}\" media-type=\"application/xhtml+xml\"/>",
            c.file
        ));
        spine.push_str(&format!("<itemref idref=\"c{i}\"/>"));
        nav.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>",
            c.file,
            escape(&c.nav_title)
        ));
    }
    let opf = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">urn:uuid:0</dc:identifier>\
         <dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>en</dc:language><dc:date>2024-01-02</dc:date></metadata>\
         <manifest><item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>{manifest}</manifest>\
         <spine>{spine}</spine></package>",
        escape(title),
        escape(author)
    );
    let nav = xhtml(
        "Contents",
        &format!("<nav epub:type=\"toc\"><h1>Contents</h1><ol>{nav}</ol></nav>"),
    );
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        ("mimetype".into(), b"application/epub+zip".to_vec()),
        (
            "META-INF/container.xml".into(),
            CONTAINER.as_bytes().to_vec(),
        ),
        ("OEBPS/content.opf".into(), opf.into_bytes()),
        ("OEBPS/nav.xhtml".into(), nav.into_bytes()),
    ];
    for c in chapters {
        entries.push((
            format!("OEBPS/{}", c.file),
            xhtml(&c.nav_title, &c.body).into_bytes(),
        ));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip(&refs)
}

/// A book of about `bytes` bytes: the sample essay cut into chapters of some 100 KB, each
/// opening with its heading.
pub fn book(bytes: usize) -> Vec<u8> {
    let essay = sample::essay(bytes, Format::Markdown, 2);
    let mut chapters = Vec::new();
    let mut body = String::new();
    for block in essay.split("\n\n") {
        let block = block.trim();
        if block.is_empty() || block.starts_with('#') {
            continue;
        }
        if body.is_empty() {
            body.push_str(&format!("<h1>Chapter {}</h1>", chapters.len() + 1));
        }
        body.push_str(&format!("<p>{}</p>\n", escape(block)));
        if body.len() > 100_000 {
            chapters.push(chapter(chapters.len(), std::mem::take(&mut body)));
        }
    }
    if !body.is_empty() {
        chapters.push(chapter(chapters.len(), body));
    }
    epub("A Generated Book", "A. Writer", &chapters)
}

fn chapter(n: usize, body: String) -> Chapter {
    Chapter {
        file: format!("ch{n}.xhtml"),
        nav_title: format!("Chapter {}", n + 1),
        body,
    }
}

/// A zip of `entries` (name, bytes), the first stored and the rest deflated. Names are
/// written as given, `../x` included.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (i, (name, bytes)) in entries.iter().enumerate() {
        let method = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(bytes.len() > u32::MAX as usize / 2);
        out.start_file(*name, options)
            .expect("a zip in memory takes any entry");
        out.write_all(bytes).expect("writing to memory");
    }
    out.finish().expect("a zip in memory finishes").into_inner()
}

const CONTAINER: &str = "<?xml version=\"1.0\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\
    <rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>";

fn xhtml(title: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\
         <head><title>{}</title></head><body>{body}</body></html>",
        escape(title)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
