//! Pages from the web: downloading an essay from an `http://` or `https://` address, with
//! redirects followed (a loop is an error), a timeout, a size cap and compressed transfer,
//! and refusing what is not text. Nothing here knows of the terminal, the essay model or
//! the library: the caller turns the bytes into an essay and says what is going on.

pub mod address;
mod error;
mod get;

pub use error::WebError;
pub use get::{Limits, Page, get};

/// The most margin downloads: 20 MB, far past any essay's page, HTML and all.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The most redirects followed from one address.
pub const MAX_REDIRECTS: usize = 10;
