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
    if has_front_matter(text) || has_atx_heading(text) || has_fenced_code(text) {
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

/// A fenced code block: a line opening with three backticks and a line closing it.
fn has_fenced_code(text: &str) -> bool {
    text.lines()
        .filter(|l| l.trim_start().starts_with("```"))
        .count()
        >= 2
}

/// At least two ATX headings, or one opening the text (its title): a lone `# 1 rule:` line
/// in a plain essay is not Markdown.
fn has_atx_heading(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = atx_headings(text);
    count >= 2 || (count == 1 && is_atx(first.trim_start()))
}

fn is_atx(t: &str) -> bool {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && {
        let rest = &t[hashes..];
        rest.starts_with(' ') && rest.trim().chars().any(char::is_alphabetic)
    }
}

/// ATX headings outside fenced code, each followed by a blank line (or the end): writers of
/// Markdown set their headings apart so, while a shell comment in pasted code (`# failure
/// on the client`) sits on the command it explains.
fn atx_headings(text: &str) -> usize {
    let mut count = 0;
    let mut fence: Option<&str> = None;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
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
        let set_apart = lines.peek().is_none_or(|next| next.trim().is_empty());
        if fence.is_none() && is_atx(t) && set_apart {
            count += 1;
        }
    }
    count
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
        let two = "Intro\n\n## Part one\n\nText\n\n## Part two\n\nMore";
        assert_eq!(detect(Some("txt"), two), Format::Markdown);
        assert_eq!(detect(Some("txt"), "# Title\n\nText"), Format::Markdown);
        assert_eq!(detect(None, "Text\n\n```\ncode\n```\n"), Format::Markdown);
        assert_eq!(detect(None, "---\ntitle: X\n---\nText"), Format::Markdown);
    }

    #[test]
    fn hashes_that_are_not_headings() {
        assert_eq!(detect(Some("txt"), "#hashtag and #1 pick\n"), Format::Text);
        assert_eq!(atx_headings("```\n# comment\n# two\n```\n"), 0);
        // Comments in pasted code, on the commands they explain.
        let pasted = "Try this.\n\n# success on the server\n$ kinit admin\n\n# failure on the \
                      client\n$ kinit -V admin\n";
        assert_eq!(detect(Some("txt"), pasted), Format::Text);
        assert_eq!(detect(None, "---\nJust a rule\n"), Format::Text);
        assert_eq!(
            detect(Some("txt"), "My list\n\n# 1 rule: be kind\n\nMore.\n"),
            Format::Text
        );
    }
}
