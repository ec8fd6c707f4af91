//! The download itself, over `ureq` (rustls, no OpenSSL; gzip). Redirects are followed here
//! rather than inside the client, so that a loop is told from a long chain and each
//! address is checked before it is asked for.

use std::io::Read;
use std::time::{Duration, Instant};

use super::{MAX_BYTES, MAX_REDIRECTS, WebError, address};

/// How long a download may take and how much it may bring.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// For the whole download, redirects and body included.
    pub total: Duration,
    /// For setting up one connection.
    pub connect: Duration,
    pub max_bytes: usize,
}

impl Limits {
    /// A minute in all and ten seconds to connect, unless `MARGIN_HTTP_TIMEOUT` gives a
    /// number of seconds for both (the tests' slow server needs no minute).
    pub fn from_env() -> Limits {
        let given = std::env::var("MARGIN_HTTP_TIMEOUT")
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .map(Duration::from_secs_f64);
        let total = given.unwrap_or(Duration::from_secs(60));
        Limits {
            total,
            connect: total.min(Duration::from_secs(10)),
            max_bytes: MAX_BYTES,
        }
    }
}

/// A page as it came.
#[derive(Debug, Clone)]
pub struct Page {
    /// The address asked for.
    pub url: String,
    /// Where the redirects ended.
    pub final_url: String,
    /// The content type as the server sent it, parameters and all
    /// (`text/html; charset=iso-8859-1`): the charset is for whoever decodes the bytes.
    pub content_type: Option<String>,
    /// The body, uncompressed.
    pub bytes: Vec<u8>,
}

impl Page {
    /// The extension a file of this content type has: `html`, `md` or `txt`; `None` when
    /// the server did not say.
    pub fn extension(&self) -> Option<&'static str> {
        extension_of(&media_type(self.content_type.as_deref()?)?)
    }

    /// A file name for the page (see [`address::file_name`]).
    pub fn file_name(&self) -> String {
        address::file_name(&self.final_url, self.extension())
    }
}

/// The extension for a media type margin reads; `None` for the rest.
fn extension_of(media: &str) -> Option<&'static str> {
    match media {
        "text/html" | "application/xhtml+xml" => Some("html"),
        "text/markdown" | "text/x-markdown" => Some("md"),
        m if m.starts_with("text/") => Some("txt"),
        _ => None,
    }
}

/// Downloads `url`, following up to [`MAX_REDIRECTS`] redirects.
pub fn get(url: &str, limits: &Limits) -> Result<Page, WebError> {
    if !address::is_address(url) || address::host(url).is_none() {
        return Err(WebError::BadAddress(url.to_string()));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(limits.total))
        .timeout_connect(Some(limits.connect))
        .user_agent(concat!("margin/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let started = Instant::now();
    let mut seen = vec![url.to_string()];
    let mut here = url.to_string();
    loop {
        let left = limits.total.saturating_sub(started.elapsed());
        let fail = |e| failure(url, &here, e, limits);
        let response = agent
            .get(&here)
            .config()
            .timeout_global(Some(left.max(Duration::from_millis(1))))
            .build()
            .call()
            .map_err(fail)?;
        let status = response.status().as_u16();
        if (300..400).contains(&status)
            && let Some(location) = response.headers().get("location")
        {
            let next = location
                .to_str()
                .ok()
                .and_then(|l| address::join(&here, l))
                .ok_or_else(|| WebError::BadAddress(format!("{here} → {location:?}")))?;
            if seen.contains(&next) {
                return Err(WebError::RedirectLoop {
                    url: url.to_string(),
                    again: next,
                });
            }
            if seen.len() > MAX_REDIRECTS {
                return Err(WebError::TooManyRedirects {
                    url: url.to_string(),
                });
            }
            seen.push(next.clone());
            here = next;
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(WebError::Status {
                url: url.to_string(),
                status,
            });
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        if let Some(kind) = content_type.as_deref().and_then(media_type)
            && extension_of(&kind).is_none()
        {
            return Err(WebError::NotText {
                url: url.to_string(),
                kind,
            });
        }
        let bytes = read_capped(response.into_body().into_reader(), limits.max_bytes)
            .map_err(|e| failure(url, &here, e, limits))?;
        return Ok(Page {
            url: url.to_string(),
            final_url: here,
            content_type,
            bytes,
        });
    }
}

/// The body, or an error as soon as it passes `cap` bytes (never holding more).
fn read_capped(reader: impl Read, cap: usize) -> Result<Vec<u8>, ureq::Error> {
    let mut bytes = Vec::new();
    let read = reader
        .take(cap as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| match e.downcast::<ureq::Error>() {
            Ok(inner) => inner,
            Err(e) => ureq::Error::Io(e),
        })?;
    if read > cap {
        return Err(ureq::Error::BodyExceedsLimit(cap as u64));
    }
    Ok(bytes)
}

/// A content type's media type, lower case, without `; charset=…`.
fn media_type(value: &str) -> Option<String> {
    let media = value.split(';').next().unwrap_or(value).trim();
    (!media.is_empty()).then(|| media.to_ascii_lowercase())
}

/// The client's error for `url` (asked for as `here`, after any redirects) in the
/// reader's words.
fn failure(url: &str, here: &str, error: ureq::Error, limits: &Limits) -> WebError {
    let url = url.to_string();
    let host = || address::host(here).unwrap_or_default();
    match error {
        ureq::Error::HostNotFound => WebError::NoSuchHost { url, host: host() },
        ureq::Error::ConnectionFailed => WebError::NoConnection { url, host: host() },
        ureq::Error::Timeout(_) => WebError::Timeout {
            url,
            seconds: limits.total.as_secs_f64(),
        },
        ureq::Error::BodyExceedsLimit(_) | ureq::Error::LargeResponseHeader(..) => {
            WebError::TooLarge { url }
        }
        ureq::Error::TooManyRedirects => WebError::TooManyRedirects { url },
        ureq::Error::Tls(detail) => WebError::Tls {
            url,
            detail: detail.to_string(),
        },
        ureq::Error::Rustls(e) => WebError::Tls {
            url,
            detail: e.to_string(),
        },
        ureq::Error::Pem(e) => WebError::Tls {
            url,
            detail: e.to_string(),
        },
        ureq::Error::BadUri(_) => WebError::BadAddress(url),
        ureq::Error::Io(e) => io_failure(url, host(), &e, limits),
        other => WebError::Other {
            url,
            detail: other.to_string(),
        },
    }
}

/// An I/O error in the reader's words: the name lookup, the connection, the wait.
fn io_failure(url: String, host: String, e: &std::io::Error, limits: &Limits) -> WebError {
    use std::io::ErrorKind as K;
    let text = e.to_string();
    match e.kind() {
        K::TimedOut | K::WouldBlock => WebError::Timeout {
            url,
            seconds: limits.total.as_secs_f64(),
        },
        K::ConnectionRefused
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NotConnected
        | K::HostUnreachable
        | K::NetworkUnreachable
        | K::AddrNotAvailable => WebError::NoConnection { url, host },
        // rustls reports a failed handshake as bad data on the connection.
        K::InvalidData if url.to_ascii_lowercase().starts_with("https:") => {
            WebError::Tls { url, detail: text }
        }
        // The system's resolver says so in words only (`failed to lookup address
        // information: Name or service not known`).
        _ if text.contains("lookup")
            || text.contains("resolve")
            || text.contains("Name or service") =>
        {
            WebError::NoSuchHost { url, host }
        }
        _ => WebError::Other { url, detail: text },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_name_the_reader() {
        assert_eq!(extension_of("text/html"), Some("html"));
        assert_eq!(extension_of("application/xhtml+xml"), Some("html"));
        assert_eq!(extension_of("text/markdown"), Some("md"));
        assert_eq!(extension_of("text/plain"), Some("txt"));
        assert_eq!(extension_of("image/png"), None);
        assert_eq!(extension_of("application/pdf"), None);
        assert_eq!(extension_of("application/octet-stream"), None);
        assert_eq!(
            media_type("Text/HTML; charset=ISO-8859-1").as_deref(),
            Some("text/html")
        );
        assert_eq!(media_type(" ; charset=utf-8"), None);
    }

    #[test]
    fn a_body_past_the_cap_is_refused_after_one_byte_more() {
        let endless = std::io::repeat(b'x');
        let err = read_capped(endless, 1000).unwrap_err();
        assert!(matches!(err, ureq::Error::BodyExceedsLimit(1000)), "{err}");
        let exact = std::io::Read::take(std::io::repeat(b'x'), 1000);
        assert_eq!(read_capped(exact, 1000).unwrap().len(), 1000);
    }

    #[test]
    fn addresses_that_are_not_web_addresses_are_refused_at_once() {
        let limits = Limits::from_env();
        for bad in ["ftp://h/x", "http://", "http:///path"] {
            assert!(
                matches!(get(bad, &limits), Err(WebError::BadAddress(_))),
                "{bad}"
            );
        }
    }
}
