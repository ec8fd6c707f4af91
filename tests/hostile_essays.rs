//! Pathological essays, generated here in temporary folders: huge lines, huge counts, deep
//! nesting, scripts that are hard to measure, binaries, broken encodings. `margin toc` and
//! `margin render --width 60` must finish in bounded time without panicking, and every
//! rendered line must fit the width.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use support::needs::{has_tool, need};
use support::pty::{Key, Pty, assert_terminal_restored, margin_bin};
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

/// Longer than any of these runs takes in a debug build on a busy machine; reaching it
/// means margin hangs (or has become pathologically slow).
const LIMIT: Duration = Duration::from_secs(90);

const WIDTH: usize = 60;

struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs `command` with scratch data folders under `dir`, its output going to the files
/// `out` and `err` (a pipe could fill up), and kills it at [`LIMIT`] (`what` names it).
fn finish(mut command: Command, dir: &Path, out: &Path, err: &Path, what: &str) -> ExitStatus {
    let mut child = command
        .env("MARGIN_HOME", dir.join("margin"))
        .env("HOME", dir.join("home"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(std::fs::File::create(err).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("run {what}: {e}"));
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} still running after {LIMIT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `margin ARGS` with scratch data folders, its output going to files (a pipe could
/// fill up), and kills it at [`LIMIT`].
fn margin(dir: &Path, args: &[&OsStr]) -> Run {
    let out = dir.join("stdout");
    let err = dir.join("stderr");
    let mut command = Command::new(margin_bin());
    command.args(args);
    let status = finish(command, dir, &out, &err, &format!("margin {args:?}"));
    let run = Run {
        status,
        stdout: String::from_utf8(std::fs::read(&out).unwrap()).expect("UTF-8 output"),
        stderr: String::from_utf8_lossy(&std::fs::read(&err).unwrap()).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "margin {args:?} panicked: {}",
        run.stderr
    );
    run
}

/// `margin toc FILE` and `margin render --width 60 FILE` both succeed; every rendered line
/// fits. Returns the rendered text.
fn survives(dir: &Path, file: &Path) -> String {
    let toc = margin(dir, &["toc".as_ref(), file.as_os_str()]);
    assert!(toc.status.success(), "toc {file:?}: {}", toc.stderr);
    let render = margin(
        dir,
        &[
            "render".as_ref(),
            "--width".as_ref(),
            "60".as_ref(),
            file.as_os_str(),
        ],
    );
    assert!(
        render.status.success(),
        "render {file:?}: {}",
        render.stderr
    );
    for (n, line) in render.stdout.lines().enumerate() {
        assert!(
            line.width() <= WIDTH,
            "{file:?}: rendered line {} is {} columns wide: {:?}",
            n + 1,
            line.width(),
            line.chars().take(200).collect::<String>()
        );
    }
    render.stdout
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_ten_megabyte_single_line() {
    let dir = TempDir::new().unwrap();
    let words = ["reading", "slowly", "is", "a", "kind", "of", "attention"];
    let mut line = String::with_capacity(10_000_100);
    let mut i = 0;
    while line.len() < 10_000_000 {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i += 1;
    }
    line.push('\n');
    let text = survives(dir.path(), &write(dir.path(), "line.txt", &line));
    assert!(text.lines().count() > 10_000_000 / WIDTH);
}

#[test]
fn a_two_megabyte_word_without_a_break() {
    let dir = TempDir::new().unwrap();
    let text = survives(
        dir.path(),
        &write(dir.path(), "word.txt", "x".repeat(2_000_000)),
    );
    assert_eq!(text.matches('x').count(), 2_000_000, "every character kept");
}

#[test]
fn a_hundred_thousand_headings() {
    let dir = TempDir::new().unwrap();
    let mut md = String::new();
    for i in 0..100_000 {
        let _ = write!(md, "## Heading {i}\n\nWords under heading {i}.\n\n");
    }
    let file = write(dir.path(), "headings.md", &md);
    survives(dir.path(), &file);
    let toc = margin(dir.path(), &["toc".as_ref(), file.as_os_str()]);
    assert!(toc.stdout.contains("Heading 99999"));
    // Headings without text between them, in Markdown and as underlined plain text.
    let bare: String = (0..100_000).map(|i| format!("# H{i}\n")).collect();
    survives(dir.path(), &write(dir.path(), "bare.md", bare));
    let plain: String = (0..100_000)
        .map(|i| format!("Part {i}\n=======\n\nA line.\n\n"))
        .collect();
    survives(dir.path(), &write(dir.path(), "underlined.txt", plain));
}

#[test]
fn quotes_and_lists_nested_ten_thousand_deep() {
    let dir = TempDir::new().unwrap();
    let quotes = format!("{} deep quote\n", ">".repeat(10_000));
    assert!(survives(dir.path(), &write(dir.path(), "quotes.md", quotes)).contains("deep quote"));
    let lists = format!("{}deep item\n", "- ".repeat(10_000));
    assert!(survives(dir.path(), &write(dir.path(), "lists.md", lists)).contains("deep item"));
    let ordered = format!("{}deep number\n", "1. ".repeat(10_000));
    survives(dir.path(), &write(dir.path(), "ordered.md", ordered));
    // Nesting that deepens a level a line, and lists indented under lists.
    let stairs: String = (0..3_000)
        .map(|i| format!("{} step {i}\n", ">".repeat(i)))
        .collect();
    survives(dir.path(), &write(dir.path(), "stairs.md", stairs));
    let indented: String = (0..3_000)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    survives(dir.path(), &write(dir.path(), "indented.md", indented));
    let mixed = format!("{}mixed\n", "> - ".repeat(5_000));
    survives(dir.path(), &write(dir.path(), "mixed.md", mixed));
    // Emphasis and links nested as deep: pulldown-cmark's own limits, not a stack overflow.
    let stars = format!("{}deep{}\n", "*".repeat(10_000), "*".repeat(10_000));
    survives(dir.path(), &write(dir.path(), "stars.md", stars));
    let links = format!("{}text{}\n", "[".repeat(10_000), "](u)".repeat(10_000));
    survives(dir.path(), &write(dir.path(), "links.md", links));
}

#[test]
fn a_million_one_word_paragraphs_as_plain_text() {
    let dir = TempDir::new().unwrap();
    let text = "word\n\n".repeat(1_000_000);
    let out = survives(dir.path(), &write(dir.path(), "words.txt", &text));
    assert_eq!(out.matches("word").count(), 1_000_000);
}

#[test]
fn a_million_one_word_paragraphs_as_markdown() {
    let dir = TempDir::new().unwrap();
    let text = "word\n\n".repeat(1_000_000);
    let out = survives(dir.path(), &write(dir.path(), "words.md", &text));
    assert_eq!(out.matches("word").count(), 1_000_000);
}

#[test]
fn only_combining_marks() {
    let dir = TempDir::new().unwrap();
    let marks: String = ['\u{301}', '\u{308}', '\u{20dd}', '\u{36f}']
        .iter()
        .cycle()
        .take(200_000)
        .collect();
    survives(
        dir.path(),
        &write(dir.path(), "marks.txt", format!("{marks}\n")),
    );
    survives(
        dir.path(),
        &write(dir.path(), "marks.md", format!("# {marks}\n\n{marks}\n")),
    );
    // Marks as lines of their own, between words.
    let lines: String = (0..20_000).map(|_| "\u{301}\u{301}\n\nword\n\n").collect();
    survives(dir.path(), &write(dir.path(), "marklines.txt", lines));
}

#[test]
fn wide_cjk_and_emoji_sequences_fit_the_width() {
    let dir = TempDir::new().unwrap();
    let cjk: String = "漢字仮名交じり文、한국어。"
        .chars()
        .cycle()
        .take(200_000)
        .collect();
    let out = survives(
        dir.path(),
        &write(dir.path(), "cjk.txt", format!("{cjk}\n")),
    );
    assert!(out.lines().count() >= 200_000 * 2 / WIDTH);
    let family = "👩\u{200d}👩\u{200d}👧\u{200d}👦";
    let flags = "🇫🇷🇯🇵🏳\u{fe0f}\u{200d}🌈";
    let emoji: String = (0..20_000)
        .map(|i| if i % 2 == 0 { family } else { flags })
        .collect();
    survives(
        dir.path(),
        &write(dir.path(), "emoji.txt", format!("{emoji}\n")),
    );
    let spaced: String = (0..20_000)
        .map(|_| format!("{family} 漢字 {flags} "))
        .collect();
    survives(
        dir.path(),
        &write(
            dir.path(),
            "spaced.md",
            format!("# 見出し{family}\n\n{spaced}\n"),
        ),
    );
    // Wide characters in a table, a heading and a list at once.
    let table = format!(
        "| {cjk60} | {family} |\n|---|---|\n| {emoji60} | 字 |\n\n- {cjk60}\n",
        cjk60 = cjk.chars().take(60).collect::<String>(),
        emoji60 = emoji.chars().take(60).collect::<String>(),
    );
    survives(dir.path(), &write(dir.path(), "table.md", table));
}

#[test]
fn right_to_left_text() {
    let dir = TempDir::new().unwrap();
    let arabic = "في البدء كانت الكلمة، والكلمة كانت بطيئة القراءة. ";
    let hebrew = "בראשית היה הדבר, והדבר היה קריאה איטית. ";
    let mut text = String::from("# עברית ועربية\n\n");
    for _ in 0..2_000 {
        text.push_str(arabic);
        text.push_str(hebrew);
        text.push_str("mixed English 123 ");
    }
    text.push_str("\n\n## قسم\n\n");
    text.push_str(&arabic.repeat(500));
    let out = survives(dir.path(), &write(dir.path(), "rtl.md", &text));
    assert!(out.contains("الكلمة") && out.contains("הדבר"));
    // Stored order is kept: margin reorders nothing itself.
    let plain: String = (0..500)
        .map(|_| format!("{hebrew}\n\n{arabic}\n\n"))
        .collect();
    survives(dir.path(), &write(dir.path(), "rtl.txt", plain));
}

#[test]
fn images_and_archives_are_refused_clearly() {
    let dir = TempDir::new().unwrap();
    let png = write(
        dir.path(),
        "picture.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00",
    );
    let zip = write(
        dir.path(),
        "archive.txt",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00!\x00essay.md",
    );
    for (file, kind) in [(&png, "a PNG image"), (&zip, "a zip archive")] {
        for args in [vec!["toc"], vec!["render", "--width", "60"]] {
            let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
            all.push(file.as_os_str());
            let run = margin(dir.path(), &all);
            assert_eq!(run.status.code(), Some(1), "{args:?} {file:?}");
            assert!(run.stdout.is_empty());
            assert!(
                run.stderr.contains(kind) && run.stderr.contains("not an essay"),
                "{}",
                run.stderr
            );
            assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
        }
    }
}

#[test]
fn invalid_utf8_anywhere() {
    let dir = TempDir::new().unwrap();
    let good = "Words of an essay, with café and naïve in them.\n\nA second paragraph.\n";
    let cases: Vec<(&str, Vec<u8>)> = vec![
        // Not FF FE: that is the UTF-16 byte-order mark, and read as such.
        (
            "start",
            [b"\x80\xfd\xfe".as_slice(), good.as_bytes()].concat(),
        ),
        ("middle", {
            let (a, b) = good.split_at(20);
            [a.as_bytes(), b"\xc3\x28\xa0\xa1", b.as_bytes()].concat()
        }),
        ("end", [good.as_bytes(), b"\xe2\x82"].concat()),
        // The é replaced by the first two of the euro sign's three bytes (E2 82 AC).
        ("inside", {
            let (a, b) = good.split_at(good.find("café").unwrap() + 3);
            [a.as_bytes(), b"\xe2\x82", &b.as_bytes()[2..]].concat()
        }),
        (
            "overlong",
            [good.as_bytes(), b"\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80"].concat(),
        ),
    ];
    for (name, bytes) in cases {
        for ext in ["txt", "md"] {
            let file = write(dir.path(), &format!("{name}.{ext}"), &bytes);
            let out = survives(dir.path(), &file);
            assert!(out.contains("A second paragraph."), "{name}: {out}");
            assert!(
                out.contains('\u{fffd}'),
                "{name}: invalid bytes shown as �: {out}"
            );
            let run = margin(dir.path(), &["toc".as_ref(), file.as_os_str()]);
            assert!(
                run.stderr.contains("not valid UTF-8"),
                "{name}: a warning: {}",
                run.stderr
            );
        }
    }
}

/// A large essay with a bit of everything above, for the reader.
fn pathological_essay(dir: &Path) -> PathBuf {
    let mut md = String::from("# A Pathological Essay\n\n");
    let _ = writeln!(md, "{} deep quote\n", ">".repeat(10_000));
    let _ = writeln!(md, "{}deep item\n", "- ".repeat(10_000));
    for i in 0..20_000 {
        let _ = write!(md, "## Part {i}\n\nThe words of part {i}.\n\n");
        if i % 5_000 == 0 {
            let long: String = (0..100_000)
                .map(|j| ["slow ", "漢字", "👩\u{200d}👧 "][j % 3])
                .collect();
            let _ = write!(md, "{long}\n\n{}\n\n", "\u{301}".repeat(5_000));
        }
    }
    md.push_str("The very end.\n");
    write(dir, "pathological.md", md)
}

#[test]
fn the_reader_opens_scrolls_and_quits_on_a_pathological_essay() {
    let dir = TempDir::new().unwrap();
    let essay = pathological_essay(dir.path());
    let pty = Pty::spawn(&[essay.to_str().unwrap()], 100, 30, &[]);
    let slow = LIMIT;
    pty.wait_for(|s| s.contains("A Pathological Essay"), slow)
        .unwrap();
    for key in [
        Key::PageDown,
        Key::PageDown,
        Key::End,
        Key::Home,
        Key::PageDown,
    ] {
        pty.send_key(key);
    }
    pty.send("G");
    pty.wait_for(|s| s.contains("The very end."), slow).unwrap();
    pty.send("g");
    pty.send("]]]]");
    pty.send("/Part 1999\r");
    pty.wait_for(|s| s.contains("Part 1999"), slow).unwrap();
    pty.resize(40, 10);
    pty.resize(100, 30);
    pty.send("\x03");
    let status = pty
        .wait_exit(slow)
        .unwrap_or_else(|| panic!("margin did not quit; screen:\n{}", pty.screen()));
    assert!(status.success(), "{status:?}");
    let raw = pty.raw_output();
    assert!(!String::from_utf8_lossy(&raw).contains("panicked"));
    assert_terminal_restored(&raw);
}

/// Found by the `wrap` fuzz target: at a measure under three columns (a code block at
/// `--width 2`, or in a quote at `--width 3`) a code line's continuation marker `↪ ` did
/// not fit, and the line was a column or two wider than the width ("│↪ c" at width 3); and
/// a wide character on a continuation with one column of room was dropped.
#[test]
fn code_lines_fit_the_narrowest_widths() {
    let dir = TempDir::new().unwrap();
    let quoted = write(dir.path(), "quoted.md", "> ```\n> abcdef\n> ```\n");
    let plain = write(dir.path(), "code.md", "```\nabcdef 漢字\n```\n");
    for (file, width) in [(&quoted, 3), (&quoted, 4), (&plain, 1), (&plain, 2)] {
        let run = margin(
            dir.path(),
            &[
                "render".as_ref(),
                "--width".as_ref(),
                width.to_string().as_ref(),
                file.as_os_str(),
            ],
        );
        assert!(run.status.success(), "{}", run.stderr);
        for line in run.stdout.lines() {
            assert!(line.width() <= width, "width {width}: {line:?}");
        }
        // Nothing lost either: a wide character with less room than its width was dropped.
        if file == &plain && width >= 2 {
            assert!(run.stdout.contains('漢'), "width {width}: {}", run.stdout);
        }
    }
}

/// How much memory the endless inputs below may take: twice margin's cap on what it reads
/// (512 MB), as address space (`ulimit -v`), so a reader that kept reading would fail
/// here rather than take the machine's memory.
const MEMORY_KB: u64 = 1024 * 1024;

/// Runs `script` in bash with margin's address space limited to [`MEMORY_KB`] (`$0` is
/// margin), its output going to files, killed at [`LIMIT`].
fn under_memory_limit(dir: &Path, script: &str) -> Run {
    let out = dir.join("stdout");
    let err = dir.join("stderr");
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KB} && {script}"))
        .arg(margin_bin());
    let status = finish(command, dir, &out, &err, &format!("`{script}`"));
    Run {
        status,
        stdout: String::from_utf8_lossy(&std::fs::read(&out).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err).unwrap()).into_owned(),
    }
}

/// Inputs that never end: a device of zeros, random bytes, and standard input fed by `yes`
/// (text, so only the 512 MB cap stops it). Each ends with one clear line and status 1,
/// within the memory limit, never with an allocation failure. Needs bash (for `ulimit
/// -v`), `yes` and Linux's devices.
#[test]
fn endless_inputs_end_with_a_clear_error_in_bounded_memory() {
    let tools = has_tool("bash", "--version") && has_tool("yes", "--version");
    let devices = Path::new("/dev/zero").exists() && Path::new("/dev/urandom").exists();
    if !need("bash (for ulimit -v) and yes", tools) || !need("/dev/zero and /dev/urandom", devices)
    {
        return;
    }
    let dir = TempDir::new().unwrap();
    for (script, says) in [
        (
            r#""$0" toc /dev/zero"#,
            "/dev/zero: looks like a binary file",
        ),
        (
            r#""$0" render /dev/urandom"#,
            "/dev/urandom: looks like a binary file",
        ),
        (
            r#"yes | "$0" -"#,
            "standard input: longer than 512 MB, the most margin reads",
        ),
    ] {
        let run = under_memory_limit(dir.path(), script);
        assert_eq!(run.status.code(), Some(1), "`{script}`: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "`{script}`: {}", run.stderr);
        assert!(run.stderr.contains(says), "`{script}`: {}", run.stderr);
        assert!(run.stdout.is_empty(), "`{script}`: {}", run.stdout);
    }
}
