//! Errors as a user meets them: what the message says and the exit status.

use assert_cmd::Command;
use predicates::prelude::*;

fn margin(home: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("margin").expect("binary");
    cmd.env("MARGIN_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("xdg-data"));
    cmd
}

/// An export that cannot be written says so (it once said the file "cannot be read"), and
/// fails with 1: the command line was fine.
#[test]
fn an_export_that_cannot_be_written_says_so() {
    let home = tempfile::tempdir().expect("scratch folder");
    let essay = home.path().join("essay.md");
    std::fs::write(&essay, "# An essay\n\nA paragraph.\n").expect("essay written");
    // A file where the export folder should be.
    let blocker = home.path().join("blocker");
    std::fs::write(&blocker, "not a folder").expect("blocker written");
    margin(home.path())
        .arg("notes")
        .arg(&essay)
        .arg("--export")
        .arg(blocker.join("out"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot be written"))
        .stderr(predicate::str::contains("cannot be read").not());
}
