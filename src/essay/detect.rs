//! Choosing the reader for a file: Markdown or plain text.
//!
//! `.md`, `.markdown`, `.mdown`, `.mkd` and `.mdx` files are Markdown. Anything else (a
//! `.txt`, standard input, no extension) is Markdown when it *uses* Markdown structure: front
//! matter at the top, or an ATX heading (`# Title`, `## Part`) outside a fenced code block.
//! Underlined headings alone do not count, since plain-text writers underline too and the
//! plain reader understands them.

use super::model::Format;

pub fn detect(extension: Option<&str>, text: &str) -> Format {
    if let Some(ext) = extension
        && matches!(ext, "md" | "markdown" | "mdown" | "mkd" | "mdx")
    {
        return Format::Markdown;
    }
    if has_front_matter(text) || has_atx_heading(text) {
        Format::Markdown
    } else {
        Format::Text
    }
}

fn has_front_matter(text: &str) -> bool {
    let mut lines = text.lines();
    let Some(fence) = lines.next().map(str::trim_end) else {
        return false;
    };
    if fence != "---" && fence != "+++" {
        return false;
    }
    let mut keyed = false;
    for line in lines.take(200) {
        if line.trim_end() == fence {
            return keyed;
        }
        let key = line.split([':', '=']).next().unwrap_or("");
        if line.contains([':', '=']) && !key.trim().is_empty() && !key.contains(' ') {
            keyed = true;
        }
    }
    false
}

fn has_atx_heading(text: &str) -> bool {
    let mut fence: Option<&str> = None;
    for line in text.lines() {
        let t = line.trim_start();
        if line.len() - t.len() > 3 {
            continue;
        }
        for marker in ["```", "~~~"] {
            if t.starts_with(marker) {
                fence = match fence {
                    Some(open) if open == marker => None,
                    None => Some(marker),
                    other => other,
                };
            }
        }
        if fence.is_some() {
            continue;
        }
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) {
            let rest = &t[hashes..];
            if rest.starts_with(' ') && rest.trim().chars().any(char::is_alphabetic) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension() {
        assert_eq!(detect(Some("md"), "plain"), Format::Markdown);
        assert_eq!(detect(Some("txt"), "plain words"), Format::Text);
    }

    #[test]
    fn txt_with_markdown_headings_is_markdown() {
        assert_eq!(
            detect(Some("txt"), "Intro\n\n## Part one\n\nText"),
            Format::Markdown
        );
        assert_eq!(detect(None, "---\ntitle: X\n---\nText"), Format::Markdown);
    }

    #[test]
    fn hashes_that_are_not_headings() {
        assert_eq!(detect(Some("txt"), "#hashtag and #1 pick\n"), Format::Text);
        assert_eq!(detect(None, "```\n# comment\n```\n"), Format::Text);
        assert_eq!(detect(None, "---\nJust a rule\n"), Format::Text);
    }
}
