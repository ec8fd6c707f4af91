//! Helpers shared by the integration tests that declare `mod support;`.

// Each test crate compiles these modules on its own and uses only part of them, so unused
// helpers are expected there and must not fail `clippy -D warnings`.
#[allow(dead_code)]
pub mod http;
#[allow(dead_code)]
pub mod keys;
#[allow(dead_code)]
pub mod needs;
#[allow(dead_code)]
pub mod notes;
#[allow(dead_code)]
pub mod pty;
#[allow(dead_code)]
pub mod reader;
#[allow(dead_code)]
pub mod screen;
