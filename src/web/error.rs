//! Why a page could not be had, each in one line that names the address and what to do.

use crate::sanitize::sanitize;

/// Shows an address safely: it is the reader's text, or a server's.
fn show(url: &str) -> String {
    sanitize(url).into_owned()
}

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{}: not an address margin can open; give an http:// or https:// address", show(.0))]
    BadAddress(String),
    #[error("{}: no such host {}; check the address", show(url), show(host))]
    NoSuchHost { url: String, host: String },
    #[error(
        "{}: cannot connect to {}; check the address, or try again later",
        show(url),
        show(host)
    )]
    NoConnection { url: String, host: String },
    #[error(
        "{}: the secure connection failed ({}); the site may not speak https, or its certificate is wrong or out of date",
        show(url),
        show(detail)
    )]
    Tls { url: String, detail: String },
    #[error("{}: the server answered {status}{}", show(url), advice(*status))]
    Status { url: String, status: u16 },
    #[error(
        "{}: no answer within {seconds} s; try again later (MARGIN_HTTP_TIMEOUT sets the wait)",
        show(url)
    )]
    Timeout { url: String, seconds: f64 },
    #[error(
        "{}: longer than {} MB, the most margin downloads; save the page and open the file",
        show(url),
        MAX_MB
    )]
    TooLarge { url: String },
    #[error(
        "{}: is {}, not text; margin reads HTML, Markdown and plain text",
        show(url),
        show(kind)
    )]
    NotText { url: String, kind: String },
    #[error(
        "{}: the redirects go round in a loop (back to {}); open it in a browser to see why",
        show(url),
        show(again)
    )]
    RedirectLoop { url: String, again: String },
    #[error(
        "{}: more than {} redirects; open it in a browser to see where it leads",
        show(url),
        super::MAX_REDIRECTS
    )]
    TooManyRedirects { url: String },
    #[error(
        "{}: cannot be downloaded ({}); try again later",
        show(url),
        show(detail)
    )]
    Other { url: String, detail: String },
}

/// The cap in megabytes, for the message.
const MAX_MB: usize = super::MAX_BYTES / (1024 * 1024);

/// The status's name and what to do about it.
fn advice(status: u16) -> String {
    let (name, todo) = match status {
        401 => (
            "Unauthorized",
            "the page needs a login; save it from a browser",
        ),
        403 => (
            "Forbidden",
            "the page is not public; save it from a browser",
        ),
        404 => ("Not Found", "check the address"),
        410 => ("Gone", "the page was taken down"),
        429 => ("Too Many Requests", "wait a while and try again"),
        500..=599 => ("", "the site has a problem; try again later"),
        _ => ("", "check the address"),
    };
    if name.is_empty() {
        format!("; {todo}")
    } else {
        format!(" {name}; {todo}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_named_with_what_to_do() {
        let e = WebError::Status {
            url: "http://h/x".into(),
            status: 404,
        };
        assert_eq!(
            e.to_string(),
            "http://h/x: the server answered 404 Not Found; check the address"
        );
        let e = WebError::Status {
            url: "http://h/x".into(),
            status: 503,
        };
        assert_eq!(
            e.to_string(),
            "http://h/x: the server answered 503; the site has a problem; try again later"
        );
    }

    #[test]
    fn a_hostile_address_reaches_no_terminal_raw() {
        let e = WebError::BadAddress("http://h/\u{1b}[2J".into());
        assert!(!e.to_string().contains('\u{1b}'));
    }
}
