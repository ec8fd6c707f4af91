//! `margin man`: one complete page that groff sets without a warning, naming every
//! command, option, key, configuration key, variable and file, with the examples as
//! written. Needs groff (Debian's `groff-base`); `.ci/run` installs it.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use margin::app::keymap::{BINDINGS, describe};
use support::needs::{has_tool, need};

fn page() -> String {
    let out = Command::cargo_bin("margin")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The page set by groff for a terminal, with every warning on: (text, warnings).
fn groff(page: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("margin.1");
    std::fs::write(&file, page).unwrap();
    let out = Command::new("groff")
        .args(["-ww", "-man", "-Tutf8"])
        .arg(&file)
        .env("MANWIDTH", "80")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    // Overstriking (bold as c\bc) and the minus sign groff may set for `\-`, undone.
    let mut text = String::new();
    for c in String::from_utf8_lossy(&out.stdout).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(match c {
                '\u{2212}' | '\u{2010}' => '-',
                c => c,
            });
        }
    }
    let text = text
        .replace("\u{1b}[1m", "")
        .replace("\u{1b}[4m", "")
        .replace("\u{1b}[0m", "")
        .replace("\u{1b}[22m", "")
        .replace("\u{1b}[24m", "");
    (text, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_manual_sets_without_warnings_and_holds_everything() {
    if !need(
        "groff (Debian's groff-base package)",
        has_tool("groff", "--version"),
    ) {
        return;
    }
    let page = page();
    let (text, warnings) = groff(&page);
    assert!(warnings.is_empty(), "groff warns:\n{warnings}");
    for section in [
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "KEYS",
        "CONFIGURATION",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
        "EXAMPLES",
    ] {
        assert!(
            text.lines().any(|l| l.trim() == section),
            "no {section}:\n{text}"
        );
    }
    for word in [
        "margin toc",
        "margin add",
        "--refresh",
        "MARGIN_HTTP_TIMEOUT",
        "margin render",
        "margin notes",
        "margin completions",
        "margin man",
        "margin config check",
        "--section",
        "--width",
        "--library",
        "--from-start",
        "--justify",
        "--format",
        "--json",
        "--explain",
        "--export",
        "MARGIN_HOME",
        "MARGIN_LIBRARY",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "NO_COLOR",
        "VISUAL",
        "EDITOR",
        "BROWSER",
        "config.toml",
        "notes/KEY.toml",
        "KEY.WINDOW.draft.json",
        "positions/KEY.json",
        "library-cache.json",
        "typography = true",
        "wpm = 238",
    ] {
        assert!(text.contains(word), "{word} missing:\n{text}");
    }
    // Every key of every mode, with what it does.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for b in BINDINGS {
        let help = b.help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&help), "{help:?} missing");
        for key in b.keys {
            assert!(flat.contains(&describe(key)), "{} missing", describe(key));
        }
    }
    // The examples as `margin --help` lays them out, spaces and all.
    assert!(
        text.contains("margin toc essay.txt --json               the outline as JSON"),
        "examples reflowed:\n{text}"
    );
    // No page is named that is not written (clap_mangen's margin-toc(1) and the like).
    // The page's own header and footer name it as MARGIN(1); nothing else may.
    let others = text.replace("MARGIN(1)", "");
    assert!(
        !others.contains("(1)") && !others.contains("margin-toc"),
        "a reference to another page:\n{text}"
    );
}
