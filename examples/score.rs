//! Scores margin's headings against the hand-written answers of a corpus of real essays:
//!
//!     cargo run --example score [--explain-misses] [DIR...]
//!
//! Each DIR (default `tests/corpus`) is searched for `NAME.txt` or `NAME.md` with
//! `NAME.answers` beside it. Prints precision, recall and F1 per file, per kind and in
//! total; `--explain-misses` lists every missed item with the source lines holding it, and
//! every extra item. The scoring itself is `margin::corpus`, shared with `tests/corpus.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use margin::corpus::Report;

fn main() -> ExitCode {
    let mut explain = false;
    let mut dirs = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--explain-misses" => explain = true,
            "-h" | "--help" => {
                println!("usage: cargo run --example score -- [--explain-misses] [DIR...]");
                return ExitCode::SUCCESS;
            }
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    if dirs.is_empty() {
        dirs.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"));
    }
    let report = Report::score(&dirs);
    print!("{}", report.table(explain));
    if report.files.is_empty() || !report.errors.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
