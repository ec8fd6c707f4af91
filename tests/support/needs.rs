//! Tests that need something the repository does not hold: the seed essay in the shared
//! folder beside the checkout, root, a tool such as tmux. Where it is missing such a test
//! says what it needs and stops; under `CI=true` it fails instead, so that a machine set up
//! to run everything cannot pass by running less.

/// Whether the test may go on: `true` when `what` is available. When it is not, fails the
/// test under `CI=true`, and elsewhere prints why the test stops and returns `false`.
pub fn need(what: &str, available: bool) -> bool {
    need_on(on_ci(), what, available)
}

/// [`need`], told whether this is CI.
pub fn need_on(ci: bool, what: &str, available: bool) -> bool {
    if available {
        return true;
    }
    assert!(
        !ci,
        "this test needs {what}, which is missing; under CI=true a missing requirement fails the test"
    );
    eprintln!("skipped: this test needs {what}, which is missing (under CI=true it would fail)");
    false
}

/// Whether the tests run on CI (`CI=true`, as CI services set it).
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Whether this process runs as root.
pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Whether `program` runs (`program ARG` starts at all).
pub fn has_tool(program: &str, arg: &str) -> bool {
    std::process::Command::new(program)
        .arg(arg)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

/// The seed essay's file, from the shared folder beside the checkout, or `None` (failing
/// under `CI=true`) where it is not there.
pub fn seed_file() -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/000_fc49839cac4661f2.txt");
    let found = path.is_file();
    need(
        "the seed essay (../shared/seed/ beside the checkout)",
        found,
    )
    .then_some(path)
}

/// The seed essay's text; see [`seed_file`].
pub fn seed() -> Option<String> {
    let path = seed_file()?;
    Some(
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("the seed essay is there but cannot be read: {e}")),
    )
}
