//! Writes a generated essay to standard output, for measuring margin against other readers:
//!
//!     cargo run --release --example generate -- 3000000 md > /tmp/essay-3mb.md
//!
//! Arguments: the size in bytes (at least), `md`, `txt` or `short` (plain text of short
//! paragraphs, a line each, as in a pasted blog post), and an optional seed.

use margin::Format;

fn main() {
    let mut args = std::env::args().skip(1);
    let size: usize = args
        .next()
        .and_then(|s| s.replace('_', "").parse().ok())
        .unwrap_or(30_000);
    let shape = args.next();
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let essay = match shape.as_deref() {
        Some("short") => margin::sample::short_paragraphs(size, seed),
        Some("txt" | "text") => margin::sample::essay(size, Format::Text, seed),
        // A saved blog page around the Markdown essay of the same size (seed 1).
        Some("html") => margin::sample_web::page(size),
        _ => margin::sample::essay(size, Format::Markdown, seed),
    };
    print!("{essay}");
}
