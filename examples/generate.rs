//! Writes a generated essay to standard output, for measuring margin against other readers:
//!
//!     cargo run --release --example generate -- 3000000 md > /tmp/essay-3mb.md
//!
//! Arguments: the size in bytes (at least), `md` or `txt`, and an optional seed.

use margin::Format;

fn main() {
    let mut args = std::env::args().skip(1);
    let size: usize = args
        .next()
        .and_then(|s| s.replace('_', "").parse().ok())
        .unwrap_or(30_000);
    let format = match args.next().as_deref() {
        Some("txt" | "text") => Format::Text,
        _ => Format::Markdown,
    };
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    print!("{}", margin::sample::essay(size, format, seed));
}
