//! Helpers shared by the integration tests that declare `mod support;`.

// Each test crate compiles this module on its own and uses only part of it, so unused
// helpers are expected there and must not fail `clippy -D warnings`.
#[allow(dead_code)]
pub mod pty;
