//! Essays from the web, on a server the tests start on 127.0.0.1 (never the internet):
//! `margin toc|render URL` read them, `margin add` keeps a copy in the library, and every
//! failure is one line that names the address.

// A test fails by panicking; the crate denies unwrap and panic only outside tests.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;

use assert_cmd::Command;
use support::http::{self, Server};

/// The binary with its data, configuration and library in `home`, and a short wait for
/// the slow page.
fn margin(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("margin").expect("binary");
    cmd.env_remove("NO_COLOR")
        .env("MARGIN_HOME", home.join("data"))
        .env("MARGIN_LIBRARY", home.join("library"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("MARGIN_HTTP_TIMEOUT", "1")
        // The test server is asked directly, whatever proxy the machine names.
        .env("NO_PROXY", "*")
        .env("no_proxy", "*");
    std::fs::create_dir_all(home.join("library")).unwrap();
    cmd
}

/// What `margin ARGS` printed, to stdout and stderr, and its exit code.
fn run(home: &Path, args: &[&str]) -> (String, String, i32) {
    let out = margin(home).args(args).output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The files in the library folder, by name.
fn library(home: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(home.join("library"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn toc_of_an_address_reads_the_served_essay() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let (out, err, code) = run(home.path(), &["toc", &server.url("/post")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("The Served Essay\n"), "{out}");
    assert!(
        out.contains("1  Arrival") && out.contains("2  Departure"),
        "{out}"
    );
    // Nothing is said on standard error when it is not a terminal.
    assert_eq!(err, "");
}

#[test]
fn the_content_type_decides_the_reader() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    // Plain text: the parts are found by the plain reader.
    let (out, err, code) = run(home.path(), &["toc", &server.url("/plain"), "--json"]);
    assert_eq!(code, 0, "{err}");
    let toc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(toc["format"], "text", "{out}");
    assert_eq!(toc["title"], "Letters From the Wire", "{out}");
    // Without a content type, the bytes say what they are.
    let (out, err, code) = run(home.path(), &["toc", &server.url("/untyped"), "--json"]);
    assert_eq!(code, 0, "{err}");
    let toc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(toc["title"], "The Served Essay", "{out}");
}

#[test]
fn html_pages_are_read() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let (out, err, code) = run(
        home.path(),
        &["render", &server.url("/page"), "--width", "60"],
    );
    assert_eq!(code, 0, "{err}");
    // Whether as mark-up or as an essay read from it, the words are there.
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Words in a paragraph of a page."), "{out}");
}

#[test]
fn compressed_pages_are_asked_for_and_unpacked() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let (out, err, code) = run(home.path(), &["toc", &server.url("/gzip")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("The Served Essay\n"), "{out}");
}

#[test]
fn redirects_are_followed_up_to_ten() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    for path in ["/old", "/chain/10"] {
        let (out, err, code) = run(home.path(), &["toc", &server.url(path)]);
        assert_eq!(code, 0, "{path}: {err}");
        assert!(out.starts_with("The Served Essay\n"), "{out}");
    }
    fails(
        home.path(),
        &server.url("/chain/11"),
        "more than 10 redirects; open it in a browser to see where it leads",
    );
}

/// Each failure is one line on standard error naming the address, exit 1, nothing on
/// standard output.
fn fails(home: &Path, url: &str, expected: &str) {
    let (out, err, code) = run(home, &["toc", url]);
    assert_eq!(code, 1, "{url}: {err}");
    assert_eq!(out, "", "{url}");
    assert_eq!(err, format!("margin: {url}: {expected}\n"));
}

#[test]
fn every_failure_is_one_line() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    fails(
        h,
        &server.url("/missing"),
        "the server answered 404 Not Found; check the address",
    );
    fails(
        h,
        &server.url("/broken"),
        "the server answered 500; the site has a problem; try again later",
    );
    fails(
        h,
        &server.url("/loop-a"),
        &format!(
            "the redirects go round in a loop (back to {}); open it in a browser to see why",
            server.url("/loop-a")
        ),
    );
    fails(
        h,
        &server.url("/image"),
        "is image/png, not text; margin reads HTML, Markdown and plain text",
    );
    fails(
        h,
        &server.url("/huge"),
        "longer than 20 MB, the most margin downloads; save the page and open the file",
    );
    fails(
        h,
        &server.url("/empty"),
        "the essay is empty; there is nothing to read",
    );
}

#[test]
fn a_slow_server_times_out() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    fails(
        home.path(),
        &server.url("/slow"),
        "no answer within 1 s; try again later (MARGIN_HTTP_TIMEOUT sets the wait)",
    );
    // It gave up at its timeout, not when the server answered.
    assert!(started.elapsed() < http::SLOW, "{:?}", started.elapsed());
}

#[test]
fn no_such_host_and_no_connection() {
    let home = tempfile::tempdir().unwrap();
    // RFC 6761: no name under .invalid is ever found.
    fails(
        home.path(),
        "http://margin-test.invalid/post",
        "no such host margin-test.invalid; check the address",
    );
    // A port nothing listens on: taken and let go again.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    fails(
        home.path(),
        &format!("http://127.0.0.1:{port}/post"),
        "cannot connect to 127.0.0.1; check the address, or try again later",
    );
}

#[test]
fn https_to_a_server_without_tls_is_a_tls_failure() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let url = format!("https://127.0.0.1:{}/post", server.port);
    let (_, err, code) = run(home.path(), &["toc", &url]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!("margin: {url}: the secure connection failed (")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn add_keeps_a_copy_with_front_matter_named_from_the_title() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let url = server.url("/post");
    let (out, err, code) = run(home.path(), &["add", &url]);
    assert_eq!(code, 0, "{err}");
    let saved = home.path().join("library/the-served-essay.md");
    assert_eq!(out, format!("saved {}\n", saved.display()));
    let text = std::fs::read_to_string(&saved).unwrap();
    let front = text.split("---\n").nth(1).unwrap();
    assert!(
        front.starts_with(
            "title: \"The Served Essay\"\nauthor: \"Ada Server\"\ndate: \"2026-01-02\"\n"
        ),
        "{text}"
    );
    assert!(front.contains(&format!("source: \"{url}\"\n")), "{text}");
    assert!(
        front
            .lines()
            .any(|l| l.starts_with("saved: 20") && l.ends_with('Z')),
        "{text}"
    );
    assert!(text.ends_with("# Arrival\n\nThe first words came over the wire.\n\n# Departure\n\nThe last words went the same way.\n"), "{text}");
    // Read offline: the server is not asked again.
    let asked = server.asked();
    let (toc, err, code) = run(home.path(), &["toc", saved.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(toc.starts_with("The Served Essay\n"), "{toc}");
    assert_eq!(server.asked(), asked);
}

#[test]
fn add_of_an_address_already_saved_says_so_and_refreshes_when_asked() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let url = server.url("/post");
    run(home.path(), &["add", &url]);
    let saved = home.path().join("library/the-served-essay.md");
    std::fs::write(
        &saved,
        "---\ntitle: Stale\nsource: \"".to_string() + &url + "\"\n---\n\nOld words.\n",
    )
    .unwrap();
    let asked = server.asked();
    let (out, err, code) = run(home.path(), &["add", &url]);
    assert_eq!(code, 0);
    assert_eq!(out, "");
    assert_eq!(
        server.asked(),
        asked,
        "nothing downloaded to say it is there"
    );
    assert_eq!(
        err,
        format!(
            "margin: {url} is in the library already, as {}; `margin add --refresh` replaces it with a fresh copy\n",
            saved.display()
        )
    );
    assert!(
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("Old words."),
        "left alone"
    );
    let (out, err, code) = run(home.path(), &["add", "--refresh", &url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("refreshed {}\n", saved.display()));
    assert!(
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("The first words")
    );
    assert_eq!(library(home.path()), ["the-served-essay.md"]);
}

#[test]
fn add_never_replaces_another_file_of_the_same_name() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    margin(home.path());
    let mine = home.path().join("library/the-served-essay.md");
    std::fs::write(&mine, "# The Served Essay\n\nMy own, not from the web.\n").unwrap();
    let (out, err, code) = run(home.path(), &["add", &server.url("/post")]);
    assert_eq!(code, 0, "{err}");
    let second = home.path().join("library/the-served-essay-2.md");
    assert_eq!(out, format!("saved {}\n", second.display()));
    assert!(std::fs::read_to_string(&mine).unwrap().contains("My own"));
    assert!(
        std::fs::read_to_string(&second)
            .unwrap()
            .contains("The first words")
    );
}

#[test]
fn add_of_a_file_names_the_file_as_its_source() {
    let home = tempfile::tempdir().unwrap();
    margin(home.path());
    let file = home.path().join("letters.txt");
    std::fs::write(&file, http::PLAIN).unwrap();
    let (out, err, code) = run(home.path(), &["add", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let saved = home.path().join("library/letters-from-the-wire.md");
    assert_eq!(out, format!("saved {}\n", saved.display()));
    let text = std::fs::read_to_string(&saved).unwrap();
    let canonical = std::fs::canonicalize(&file).unwrap();
    assert!(
        text.contains(&format!("source: \"{}\"\n", canonical.display())),
        "{text}"
    );
    // The plain essay's parts are its copy's sections.
    let (toc, _, _) = run(home.path(), &["toc", saved.to_str().unwrap(), "--json"]);
    let toc: serde_json::Value = serde_json::from_str(&toc).unwrap();
    let titles: Vec<&str> = toc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["PART ONE", "PART TWO"], "{toc}");
}

#[test]
fn a_failed_add_writes_nothing() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    for path in ["/missing", "/image", "/huge", "/loop-a", "/empty"] {
        let (out, err, code) = run(home.path(), &["add", &server.url(path)]);
        assert_eq!(code, 1, "{path}: {err}");
        assert_eq!(out, "");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert!(
        library(home.path()).is_empty(),
        "{:?}",
        library(home.path())
    );
}

/// The reader on an address: a line while it downloads, then the essay, and `q` leaves the
/// terminal as it was; the place read is kept for the essay as for a file.
#[test]
fn the_reader_opens_an_address() {
    use support::pty::{Pty, TIMEOUT, assert_terminal_restored};
    let server = Server::start();
    let url = server.url("/post");
    let env = [
        ("MARGIN_HTTP_TIMEOUT", "5"),
        ("NO_PROXY", "*"),
        ("no_proxy", "*"),
    ];
    let pty = Pty::spawn(&[&url], 100, 30, &env);
    pty.wait_for(
        |s| s.contains("The Served Essay") && s.contains("The first words came over the wire."),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the served essay on screen: {e}"));
    pty.send("]");
    pty.send("q");
    let status = pty
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("margin still running after q; screen:\n{}", pty.screen()));
    assert!(status.success(), "margin exited with {status:?} after q");
    let raw = pty.raw_output();
    assert_terminal_restored(&raw);
    let said = String::from_utf8_lossy(&raw);
    assert!(said.contains("Downloading 127.0.0.1…"), "{said}");
    let positions = pty.margin_home().join("positions");
    assert!(
        std::fs::read_dir(&positions).is_ok_and(|mut d| d.next().is_some()),
        "a position kept in {}",
        positions.display()
    );
}

#[test]
fn standard_input_cannot_be_added() {
    let home = tempfile::tempdir().unwrap();
    let out = margin(home.path())
        .args(["add", "-"])
        .write_stdin("# T\n\nWords.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("margin: margin add -: standard input has no address"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert!(library(home.path()).is_empty());
}

/// A copy added from the web is in the library `margin` lists, with its site beside its
/// title, and opens from there.
#[test]
fn the_library_lists_an_added_copy_with_its_site() {
    use support::pty::{Pty, TIMEOUT};
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let (_, err, code) = run(home.path(), &["add", &server.url("/post")]);
    assert_eq!(code, 0, "{err}");
    let library = home.path().join("library");
    let env = [("MARGIN_LIBRARY", library.to_str().unwrap())];
    let pty = Pty::spawn(&[], 120, 20, &env);
    pty.wait_for(|s| s.contains("The Served Essay · 127.0.0.1"), TIMEOUT)
        .unwrap_or_else(|e| panic!("the copy listed with its site: {e}"));
    pty.send("\r");
    pty.wait_for(
        |s| s.contains("The first words came over the wire."),
        TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the copy open in the reader: {e}"));
    // Back to the library, then out.
    pty.send("q");
    pty.wait_for(|s| s.contains("Enter open"), TIMEOUT)
        .unwrap_or_else(|e| panic!("back in the library: {e}"));
    pty.send("q");
    assert!(
        pty.wait_exit(TIMEOUT).is_some(),
        "margin quits:\n{}",
        pty.screen()
    );
}
