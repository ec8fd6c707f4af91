//! Links in the real binary, in a pseudo-terminal: an internal link followed and `Ctrl-O`
//! back, and a web address opened with `$BROWSER` only after `y` (a script standing in
//! for the browser writes down the address it was given).

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::pty::{Pty, TIMEOUT, quit, wait_text};
use tempfile::TempDir;

const ESSAY: &str = "essays/in-praise-of-footnotes.md";
const GUIDE: &str = "https://example.org/guides/reading-notes";

fn status_line(pty: &Pty) -> String {
    pty.screen().lines().last().unwrap_or_default().to_string()
}

#[test]
fn an_internal_link_is_followed_and_ctrl_o_comes_back() {
    let pty = Pty::spawn(&[ESSAY], 120, 30, &[]);
    wait_text(&pty, "A footnote is a small door");
    pty.send("o");
    wait_text(&pty, "#why-the-cost-is-worth-paying");
    pty.send("\r");
    pty.wait_for(
        |s| {
            s.lines()
                .last()
                .is_some_and(|l| l.contains("› Why the Cost Is Worth Paying"))
                && !s.contains("A footnote is a small door")
        },
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the link to lead to its section: {e}"));
    // Ctrl-O
    pty.send("\x0f");
    wait_text(&pty, "A footnote is a small door");
    assert!(
        !status_line(&pty).contains("Why the Cost"),
        "back at the start: {}",
        status_line(&pty)
    );
    quit(&pty);
}

/// Waits up to `limit` for `path` to exist.
fn appears(path: &Path, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    path.exists()
}

#[test]
fn a_web_address_opens_with_browser_only_after_yes() {
    let scratch = TempDir::new().unwrap();
    let opened = scratch.path().join("opened.txt");
    let browser = scratch.path().join("browser");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" > '{}.part' && mv '{0}.part' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let pty = Pty::spawn(&[ESSAY], 100, 30, &[("BROWSER", browser.to_str().unwrap())]);
    wait_text(&pty, "A footnote is a small door");
    // The search lands on the paragraph with the web link and focuses it.
    pty.send("/A short guide\r");
    wait_text(&pty, "match 1 of 1");
    pty.send("o");
    wait_text(&pty, GUIDE);
    pty.send("\r");
    wait_text(&pty, "Open this address? y/N");
    pty.send("n");
    pty.wait_for(|s| !s.contains("Open this address?"), TIMEOUT)
        .unwrap_or_else(|e| panic!("n to close the question: {e}"));
    assert!(
        !appears(&opened, Duration::from_millis(500)),
        "n opened the browser"
    );
    pty.send("o\r");
    wait_text(&pty, "Open this address? y/N");
    pty.send("y");
    assert!(
        appears(&opened, TIMEOUT),
        "the browser was not run; screen:\n{}",
        pty.screen()
    );
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        format!("{GUIDE}\n")
    );
    // The reader is still there, drawn, with the screen its own.
    wait_text(&pty, "Opening https://example.org/guides/reading-notes");
    quit(&pty);
}

#[test]
fn a_browser_that_cannot_start_is_named_on_the_status_line() {
    let pty = Pty::spawn(
        &[ESSAY],
        100,
        30,
        &[
            ("BROWSER", "/nonexistent/browser"),
            ("PATH", "/nonexistent"),
        ],
    );
    wait_text(&pty, "A footnote is a small door");
    pty.send("/A short guide\r");
    wait_text(&pty, "match 1 of 1");
    pty.send("o\r");
    wait_text(&pty, "Open this address? y/N");
    pty.send("y");
    wait_text(&pty, "No browser could be started");
    quit(&pty);
}
