//! The command line as a user meets it: `margin toc`, `margin render`, and bad input.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use unicode_width::UnicodeWidthStr;

/// The binary, kept away from the real home: its data and configuration folders are a
/// scratch folder unless a test sets its own.
fn margin() -> Command {
    let scratch = std::env::temp_dir().join(format!("margin-cli-tests-{}", std::process::id()));
    let mut cmd = Command::cargo_bin("margin").expect("binary");
    cmd.env_remove("NO_COLOR")
        .env("MARGIN_HOME", scratch.join("data"))
        .env("XDG_CONFIG_HOME", scratch.join("config"))
        .env("XDG_DATA_HOME", scratch.join("xdg-data"));
    cmd
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn essays() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("essays"))
        .expect("essays/")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    files
}

fn json_toc(path: &Path) -> serde_json::Value {
    let out = margin()
        .args(["toc", "--json"])
        .arg(path)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn toc_json_has_the_documented_shape_for_every_essay() {
    for path in essays() {
        let v = json_toc(&path);
        assert!(v["title"].is_string(), "{path:?} has a title");
        assert!(matches!(v["format"].as_str(), Some("markdown" | "text")));
        let words = v["words"].as_u64().unwrap();
        assert!(words > 500);
        assert!(v["minutes"].as_f64().unwrap() > 0.0);
        let sections = v["sections"].as_array().unwrap();
        assert!(sections.len() >= 4, "{path:?}");
        let mut last_line = 0;
        let mut sum = 0;
        for s in sections {
            let level = s["level"].as_u64().unwrap();
            assert!((1..=6).contains(&level));
            assert!(!s["title"].as_str().unwrap().is_empty());
            let line = s["line"].as_u64().unwrap();
            assert!(line > last_line, "sections in document order");
            last_line = line;
            sum += s["words"].as_u64().unwrap();
            assert!(s["minutes"].as_f64().is_some());
        }
        assert!(sum <= words);
    }
}

#[test]
fn toc_lines_point_at_the_headings() {
    for path in essays() {
        let source = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = source.lines().collect();
        for s in json_toc(&path)["sections"].as_array().unwrap() {
            let line = lines[s["line"].as_u64().unwrap() as usize - 1];
            let title = s["title"].as_str().unwrap();
            assert!(
                line.contains(title),
                "{path:?}: line {line:?} should hold {title:?}"
            );
        }
    }
}

#[test]
fn toc_text_lists_the_outline_with_words_and_minutes() {
    let path = root().join("essays/the-cartographers-year.txt");
    margin()
        .arg("toc")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("The Cartographer’s Year"))
        .stdout(predicate::str::contains("II. FIELD NOTES"))
        .stdout(predicate::str::contains("words"))
        .stdout(predicate::str::contains("min"));
}

#[test]
fn toc_explain_gives_each_heading_its_evidence_then_the_outline() {
    let path = root().join("tests/corpus/books/moby-dick.txt");
    margin()
        .args(["toc", "--explain"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("h1  CHAPTER 1. Loomings."))
        .stdout(predicate::str::contains(
            "heading: one of the series `CHAPTER <n>.`",
        ))
        .stdout(predicate::str::contains("not a heading:"))
        // The outline follows the explanation.
        .stdout(predicate::str::contains("words"));
    // A Markdown file's headings are the author's: nothing is inferred.
    margin()
        .args(["toc", "--explain"])
        .arg(root().join("tests/corpus/web/npm-workspaces.md"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Markdown: the headings are the ones",
        ));
    margin()
        .args(["toc", "--explain", "--json"])
        .arg(&path)
        .assert()
        .failure();
}

/// `text` with each line that ends in a letter and a hyphen joined to the next line's
/// first word.
fn join_broken_compounds(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let line = line.trim_end();
        let mut chars = line.chars().rev();
        let breaks = chars.next() == Some('-') && chars.next().is_some_and(char::is_alphabetic);
        if breaks && lines.peek().is_some() {
            out.push_str(line);
            let next = lines.next().unwrap_or_default();
            out.push_str(next.trim_start());
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The words of plain text, with a rule's dashes left out.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_string)
        .collect()
}

#[test]
fn render_fits_the_width_and_keeps_every_word_of_plain_text() {
    for path in essays() {
        for width in [20, 60, 100] {
            let out = margin()
                .args(["render", "--width", &width.to_string()])
                .arg(&path)
                .output()
                .unwrap();
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            for line in text.lines() {
                assert!(line.width() <= width, "{path:?} at {width}: {line:?}");
            }
            assert!(!text.contains('\u{1b}'), "no styles when not a terminal");
            if path.extension().is_some_and(|e| e == "txt") {
                let source = std::fs::read_to_string(&path).unwrap();
                // A compound may break after its hyphen (`grey-` / `yellow`): read the
                // line ends as a reader does, joining the halves again.
                let joined = join_broken_compounds(&text);
                assert_eq!(words(&joined), words(&source), "{path:?} at {width}");
            }
        }
    }
}

#[test]
fn render_keeps_every_word_of_markdown_prose() {
    let path = root().join("essays/notes-on-attention.md");
    let out = margin()
        .args(["render", "--width", "50"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let source = std::fs::read_to_string(&path).unwrap();
    // Every word of every prose line appears, in order (markup characters aside).
    let strip = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let rendered: Vec<String> = words(&text).iter().map(|w| strip(w)).collect();
    let mut at = 0;
    for w in words(&source)
        .iter()
        .map(|w| strip(w))
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
    {
        match rendered[at..].iter().position(|r| r.contains(&w)) {
            Some(p) => at += p + 1,
            None => panic!("word {w:?} missing or out of order"),
        }
    }
}

#[test]
fn standard_input_is_read() {
    margin()
        .args(["toc", "-"])
        .write_stdin("A Title Here\nThe first paragraph is a sentence that goes on for some while.\nA Heading\nMore text follows here, a sentence of its own.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("A Heading"));
}

#[test]
fn format_flag_overrides_detection() {
    let input = "# Not a heading in text mode\n\nJust text.\n";
    let v: serde_json::Value = serde_json::from_slice(
        &margin()
            .args(["toc", "--json", "--format", "text", "-"])
            .write_stdin(input)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["format"], "text");
    let v: serde_json::Value = serde_json::from_slice(
        &margin()
            .args(["toc", "--json", "-"])
            .write_stdin(input)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["format"], "markdown");
}

#[test]
fn help_and_version() {
    margin()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    margin()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("margin"));
    margin().args(["toc"]).assert().code(2);
    margin()
        .args(["render", "x", "--width", "0"])
        .assert()
        .code(2);
}

fn one_line_error(cmd: &mut Command, needle: &str) {
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_files_give_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("cat.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let zip = dir.path().join("book.md");
    std::fs::write(&zip, b"PK\x03\x04\x14\0\0\0").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"\n  \n").unwrap();
    one_line_error(
        margin().args(["toc"]).arg(dir.path().join("missing.md")),
        "no such file",
    );
    one_line_error(margin().args(["toc"]).arg(dir.path()), "is a directory");
    one_line_error(margin().args(["toc"]).arg(&png), "PNG image");
    one_line_error(margin().args(["render"]).arg(&zip), "zip archive");
    one_line_error(margin().args(["toc"]).arg(&empty), "empty");
}

#[test]
fn no_headings_gives_one_section_named_by_title_or_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("just-prose.txt");
    std::fs::write(&path, "It was a long day and nothing in it had a name.\nThe evening was the same, and so was the night after it.\n").unwrap();
    let v = json_toc(&path);
    assert_eq!(v["title"], serde_json::Value::Null);
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 1);
    assert_eq!(sections[0]["title"], "just-prose");
    assert_eq!(sections[0]["words"], 24);
}

#[test]
fn invalid_utf8_crlf_and_bom_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.txt");
    std::fs::write(&path, b"\xEF\xBB\xBFThe Title\r\nA caf\xE9 on the corner had been there for years, and nobody knew why.\r\nA Heading\r\nIt stayed open all night, every night, for anyone who came.\r\n").unwrap();
    let out = margin()
        .args(["toc", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("warning") && err.contains("UTF-8"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "The Title");
    assert_eq!(v["sections"][0]["title"], "A Heading");
    assert_eq!(v["sections"][0]["line"], 3);
}

#[test]
fn a_five_megabyte_single_line_renders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("line.txt");
    let line = "word ".repeat(1_000_000);
    std::fs::write(&path, &line).unwrap();
    let out = margin()
        .args(["render", "--width", "80"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.split_whitespace().count(), 1_000_000);
    assert!(text.lines().all(|l| l.width() <= 80));
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let hostile = "Title\n\u{1b}[2J\u{1b}]0;owned\u{7}Text with \u{1b}[31mred\u{1b}[0m and \u{9b}1m and \u{202e}evil and a bell\u{7}.\n";
    for sub in ["render", "toc"] {
        let out = margin()
            .arg(sub)
            .arg("-")
            .write_stdin(hostile)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{9b}') && !text.contains('\u{7}'));
        assert!(!text.contains('\u{202e}'));
        if sub == "render" {
            assert!(text.contains('␛') && text.contains('␇'), "{text}");
        }
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let path = root().join("essays/the-slow-reader.md");
    let status = std::process::Command::new("sh")
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("margin-cli-tests-none"),
        )
        .arg("-c")
        .arg(format!(
            "{} render {} | head -1 >/dev/null",
            assert_cmd::cargo::cargo_bin("margin").display(),
            path.display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn readme_lists_every_key() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let table = margin::app::keymap::markdown_table();
    assert!(
        readme.contains(&table),
        "README.md's key table is out of date; it should read:\n{table}"
    );
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        margin()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("margin"));
    }
    margin().args(["completions", "tcsh"]).assert().code(2);
    margin()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH MARGIN 1"));
}

#[test]
fn a_bad_config_file_is_reported_and_margin_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("margin/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "width = 64\ntheme = \"neon\"\n").unwrap();
    let out = margin()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["toc"])
        .arg(root().join("essays/notes-on-attention.md"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("config.toml:2") && err.contains("`theme`"),
        "{err}"
    );
}

/// A FIFO where the configuration file should be: refused at once (reading it would wait
/// for a writer for ever), said in one line, and margin works on with the defaults.
#[cfg(unix)]
#[test]
fn a_fifo_for_the_config_file_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("margin/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&config)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let out = margin()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["toc"])
        .arg(root().join("essays/notes-on-attention.md"))
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    assert!(err.contains("a FIFO, not a regular file"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_reading_speed_comes_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("margin/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let minutes = |wpm: &str| {
        std::fs::write(&config, format!("wpm = {wpm}\n")).unwrap();
        let out = margin()
            .env("XDG_CONFIG_HOME", dir.path())
            .args(["toc", "--json"])
            .arg(root().join("essays/the-slow-reader.md"))
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["minutes"].as_f64().unwrap()
    };
    let slow = minutes("119");
    let fast = minutes("238");
    assert!((slow / fast - 2.0).abs() < 0.01, "{slow} {fast}");
}

#[test]
fn typography_false_in_the_config_shows_punctuation_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("margin/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let essay = dir.path().join("quotes.md");
    std::fs::write(&essay, "It's \"quoted\" -- the 'c_ulong' type...\n").unwrap();
    let render = |config_text: &str| {
        std::fs::write(&config, config_text).unwrap();
        let out = margin()
            .env("XDG_CONFIG_HOME", dir.path())
            .args(["render", "--width", "80"])
            .arg(&essay)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        render(""),
        "It’s “quoted” – the 'c_ulong' type…\n",
        "smart, but never on code"
    );
    assert_eq!(
        render("typography = false\n"),
        "It's \"quoted\" -- the 'c_ulong' type...\n"
    );
}

/// `margin FILE | head`: without a terminal to read in, the essay is printed as `margin
/// render` prints it (as bat and glow do), with the reader's `--width` and `--format`.
#[test]
fn without_a_terminal_margin_file_prints_the_rendering() {
    let essay = root().join("essays/notes-on-attention.md");
    let rendered = margin().arg("render").arg(&essay).output().unwrap();
    assert!(rendered.status.success());
    let out = margin().arg(&essay).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, rendered.stdout);
    let narrow = margin()
        .args(["render", "--width", "40", "--format", "text"])
        .arg(&essay)
        .output()
        .unwrap();
    let out = margin()
        .args(["--width", "40", "--format", "text"])
        .arg(&essay)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, narrow.stdout);
    assert_ne!(narrow.stdout, rendered.stdout, "the options were followed");
    // From a section, as the reader would open: its heading first, the rest as rendered.
    let out = margin()
        .args(["--section", "2"])
        .arg(&essay)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let from = String::from_utf8(out.stdout).unwrap();
    assert!(from.starts_with("The Borrowed Hour\n"), "{from}");
    let whole = String::from_utf8(rendered.stdout.clone()).unwrap();
    assert!(whole.ends_with(&from), "the rest of the rendering");
    // Standard input too.
    let out = margin()
        .arg("-")
        .write_stdin(std::fs::read(&essay).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, rendered.stdout);
}

/// A slip for a subcommand is named, not taken for a missing file; a file of that name
/// is still read.
#[test]
fn a_mistyped_command_says_what_was_meant() {
    let essay = root().join("essays/notes-on-attention.md");
    for (typed, meant) in [("note", "notes"), ("tocs", "toc"), ("rendr", "render")] {
        let out = margin().arg(typed).arg(&essay).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{typed}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!("did you mean '{meant}'?")), "{err}");
        assert!(out.stdout.is_empty());
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&essay, dir.path().join("note")).unwrap();
    let out = margin()
        .current_dir(dir.path())
        .arg("note")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Notes on Attention")
    );
    // A word far from every command is a missing file, as before.
    one_line_error(margin().arg("essay"), "no such file");
}

/// A library folder that is named and missing is one line saying how to name another,
/// not a library screen that "cannot be read (os error 2)".
#[test]
fn a_missing_library_folder_says_how_to_point_margin_at_essays() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let mut flag = margin();
    flag.arg("--library").arg(&missing);
    let mut variable = margin();
    variable.env("MARGIN_LIBRARY", &missing);
    for mut cmd in [flag, variable] {
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("no-such-folder: no such folder"), "{err}");
        assert!(err.contains("MARGIN_LIBRARY"), "{err}");
        assert!(!err.contains("os error"), "{err}");
    }
    assert!(!missing.exists(), "a folder the reader named is not made");
}

#[test]
fn a_damaged_notes_file_is_an_error_for_margin_notes() {
    let home = tempfile::tempdir().unwrap();
    let essay = home.path().join("essay.md");
    std::fs::write(&essay, "# T\n\nSome words.\n").unwrap();
    let key = margin::store::identity::Identity::new(&essay, "").key();
    std::fs::create_dir_all(home.path().join("notes")).unwrap();
    std::fs::write(home.path().join(format!("notes/{key}.toml")), "schema = [").unwrap();
    let out = margin()
        .env("MARGIN_HOME", home.path())
        .arg("notes")
        .arg(&essay)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("damaged"));
    let out = margin()
        .env("MARGIN_HOME", home.path())
        .args(["notes", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v[0]["error"].as_str().unwrap().contains("damaged"));
}

/// TERM=dumb matters only to a terminal: printed into a pipe, the essay is rendered (on
/// a real dumb terminal the reader refuses and says to use `margin render`; see
/// `e2e_reader`).
#[test]
fn term_dumb_into_a_pipe_prints_the_rendering() {
    let essay = root().join("essays/notes-on-attention.md");
    let rendered = margin().arg("render").arg(&essay).output().unwrap();
    let out = margin().env("TERM", "dumb").arg(&essay).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.is_empty());
    assert_eq!(out.stdout, rendered.stdout);
}

#[test]
fn config_check_prints_every_mistake_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("margin/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        "width = 5\ntheme = \"neon\"\nwpm = \"fast\"\ncolour = 1\n",
    )
    .unwrap();
    let out = margin()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["config", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    for (line, key) in [(1, "width"), (2, "theme"), (3, "wpm"), (4, "colour")] {
        assert!(
            stdout.contains(&format!("config.toml:{line}:")) && stdout.contains(key),
            "line {line} ({key}) missing from:\n{stdout}"
        );
    }
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("4 mistakes"), "{stderr}");
}

#[test]
fn config_check_says_no_mistakes_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("margin/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "width = 64\ntheme = \"light\"\n").unwrap();
    margin()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["config", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no mistakes"))
        .stderr("");
    // No file at all: no mistakes either.
    let empty = tempfile::tempdir().unwrap();
    margin()
        .env("XDG_CONFIG_HOME", empty.path())
        .args(["config", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no mistakes"));
}
