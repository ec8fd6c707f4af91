//! Web addresses, read only as far as margin needs them: whether a command-line word is
//! one, its host (for messages and the library), where a redirect points, and a file name
//! for what came back.

use std::path::Path;

/// An `http://` or `https://` address given where a file could be.
pub fn of_path(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    is_address(text).then_some(text)
}

/// Whether `text` is an `http://` or `https://` address (the scheme in any case).
pub fn is_address(text: &str) -> bool {
    scheme_rest(text).is_some()
}

/// The scheme (`http`, `https`, lower case) and what follows `://`.
fn scheme_rest(text: &str) -> Option<(&'static str, &str)> {
    let (scheme, rest) = text.split_once("://")?;
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "http" => "http",
        "https" => "https",
        _ => return None,
    };
    (!rest.is_empty()).then_some((scheme, rest))
}

/// `scheme://authority`, and the path with its query (from its `/`), fragment dropped.
fn split(url: &str) -> Option<(String, &str)> {
    let (scheme, rest) = scheme_rest(url)?;
    let rest = rest.split('#').next().unwrap_or(rest);
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    Some((format!("{scheme}://{}", &rest[..end]), &rest[end..]))
}

/// The host of `url`, without user, port or brackets: `example.com`.
pub fn host(url: &str) -> Option<String> {
    let (origin, _) = split(url)?;
    let authority = origin.split_once("://")?.1;
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or(v6)
    } else {
        authority.split(':').next().unwrap_or(authority)
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Where a redirect from `base` to `location` leads: an address of its own, one from the
/// host's root (`/x`, `//host/x`), or one beside `base`'s path.
pub fn join(base: &str, location: &str) -> Option<String> {
    let location = location.trim();
    if is_address(location) {
        return Some(location.to_string());
    }
    let (origin, path) = split(base)?;
    if let Some(rest) = location.strip_prefix("//") {
        let scheme = origin.split_once("://")?.0;
        return Some(format!("{scheme}://{rest}"));
    }
    if location.starts_with('/') {
        return Some(format!("{origin}{location}"));
    }
    let path = path.split('?').next().unwrap_or(path);
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    if location.starts_with('?') {
        return Some(format!("{origin}{path}{location}"));
    }
    Some(format!("{origin}{dir}{location}"))
}

/// A file name for the page at `url`: its last path segment (else its host), with the
/// extension its content type calls for when it has not got one that means the same, so
/// that the name says what the bytes are (`post.html`, `notes.md`).
pub fn file_name(url: &str, extension: Option<&str>) -> String {
    let (origin, path) = split(url).unwrap_or_default();
    let path = path.split('?').next().unwrap_or(path);
    let last = path.rsplit('/').find(|s| !s.is_empty());
    let name = match last {
        Some(segment) => segment.to_string(),
        None => host(&origin).unwrap_or_else(|| "page".to_string()),
    };
    // Nothing that could climb out of a folder or hide a file.
    let name: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let name = name.trim_start_matches('.');
    let name = if name.is_empty() { "page" } else { name };
    match extension {
        Some(ext) if !has_extension(name, ext) => format!("{name}.{ext}"),
        _ => name.to_string(),
    }
}

/// Whether `name`'s extension means `wanted` (`.htm` is HTML, `.markdown` Markdown), or
/// says more than it (`.md` for plain text).
fn has_extension(name: &str, wanted: &str) -> bool {
    let Some((_, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let ext = ext.to_ascii_lowercase();
    match wanted {
        "html" => matches!(ext.as_str(), "html" | "htm" | "xhtml"),
        "md" => matches!(ext.as_str(), "md" | "markdown" | "mdown" | "mkd"),
        // Many servers send Markdown files as plain text: the name keeps saying Markdown.
        "txt" => matches!(
            ext.as_str(),
            "txt" | "text" | "md" | "markdown" | "mdown" | "mkd"
        ),
        other => ext == other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_addresses() {
        assert!(is_address("https://example.com/post"));
        assert!(is_address("HTTP://example.com"));
        assert!(!is_address("ftp://example.com/x"));
        assert!(!is_address("essays/http:/x.md"));
        assert!(!is_address("https://"));
        assert_eq!(of_path(Path::new("notes.md")), None);
    }

    #[test]
    fn hosts_lose_users_ports_and_case() {
        assert_eq!(
            host("https://Example.COM/a").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host("http://me@127.0.0.1:8080/x").as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(host("http://[::1]:80/").as_deref(), Some("::1"));
        assert_eq!(
            host("http://example.org?q=1").as_deref(),
            Some("example.org")
        );
    }

    #[test]
    fn redirects_are_joined_as_browsers_join_them() {
        let base = "http://h:1/blog/2024/post?x=1";
        assert_eq!(join(base, "https://o/p").as_deref(), Some("https://o/p"));
        assert_eq!(join(base, "/new").as_deref(), Some("http://h:1/new"));
        assert_eq!(join(base, "//o/p").as_deref(), Some("http://o/p"));
        assert_eq!(
            join(base, "next").as_deref(),
            Some("http://h:1/blog/2024/next")
        );
        assert_eq!(
            join(base, "?y=2").as_deref(),
            Some("http://h:1/blog/2024/post?y=2")
        );
        assert_eq!(join("http://h", "x").as_deref(), Some("http://h/x"));
    }

    #[test]
    fn file_names_say_what_the_page_is() {
        assert_eq!(
            file_name("https://e.com/blog/post/", Some("html")),
            "post.html"
        );
        assert_eq!(
            file_name("https://e.com/a/notes.md?raw=1", Some("md")),
            "notes.md"
        );
        assert_eq!(
            file_name("https://e.com/a/notes.markdown", Some("md")),
            "notes.markdown"
        );
        assert_eq!(file_name("https://e.com/", Some("html")), "e.com.html");
        assert_eq!(file_name("https://e.com/..", None), "page");
        assert_eq!(file_name("https://e.com/x.txt", None), "x.txt");
        assert_eq!(
            file_name("https://raw.e.com/a/README.md", Some("txt")),
            "README.md"
        );
        assert_eq!(
            file_name("https://e.com/a/page.html", Some("txt")),
            "page.html.txt"
        );
    }

    proptest::proptest! {
        /// Whatever a server sends as a redirect or an address holds, reading it never
        /// panics, and the file name made from it stays one plain name in one folder.
        #[test]
        fn any_address_gives_a_plain_file_name(
            url in "(https?://)?[a-zA-Z0-9.:@\\[\\]/?#%~\\\\\\x00-\\x1f\\x{7f}-\\x{a0}\\x{202e}é-]{0,40}",
            location in "[a-zA-Z0-9./?:#\\\\-]{0,20}",
            ext in proptest::option::of("(html|md|txt)"),
        ) {
            let _ = host(&url);
            let _ = join(&url, &location);
            let name = file_name(&url, ext.as_deref());
            proptest::prop_assert!(!name.is_empty());
            proptest::prop_assert!(!name.starts_with('.'), "{name:?}");
            proptest::prop_assert!(!name.contains(['/', '\\']), "{name:?}");
            proptest::prop_assert!(!name.chars().any(char::is_control), "{name:?}");
        }
    }
}
