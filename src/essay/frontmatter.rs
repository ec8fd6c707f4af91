//! The few front-matter keys a reader uses: `title`, and `subtitle`, `author` and `date`
//! for the title block; `lang`, for hyphenating justified text. YAML (`key: value`) and TOML (`key = "value"`) are both read by
//! looking at top-level `key` lines only; nested structures and lists are ignored, which is
//! all an essay's header needs and keeps a full YAML parser out of the build.

/// What the front matter says about the essay.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    /// The essay's language, as a tag (`en`, `fr-CA`).
    pub lang: Option<String>,
    /// Where a saved copy came from: the address of the page, or the file it was made from.
    pub source: Option<String>,
}

impl FrontMatter {
    /// Reads the body of a front-matter block (without its `---`/`+++` fences).
    pub fn parse(body: &str) -> FrontMatter {
        let mut fm = FrontMatter::default();
        for line in body.lines() {
            if line.starts_with(char::is_whitespace) {
                continue;
            }
            let Some((key, value)) = split_key(line) else {
                continue;
            };
            let value = unquote(value);
            if value.is_empty() {
                continue;
            }
            let slot = match key.to_ascii_lowercase().as_str() {
                "title" => &mut fm.title,
                "subtitle" | "description" if fm.subtitle.is_none() => &mut fm.subtitle,
                "author" | "byline" => &mut fm.author,
                "date" => &mut fm.date,
                "lang" | "language" => &mut fm.lang,
                "source" => &mut fm.source,
                _ => continue,
            };
            *slot = Some(value);
        }
        fm
    }

    /// Lines shown under the title.
    pub fn title_block(&self) -> Vec<String> {
        let mut lines = Vec::new();
        lines.extend(self.subtitle.clone());
        match (&self.author, &self.date) {
            (Some(a), Some(d)) => lines.push(format!("{a} · {d}")),
            (Some(a), None) => lines.push(a.clone()),
            (None, Some(d)) => lines.push(d.clone()),
            (None, None) => {}
        }
        lines
    }
}

/// A text's YAML front matter (between `---` lines at its very top) and the text after it;
/// `None` when it opens with none.
pub fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..at], &rest[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

fn split_key(line: &str) -> Option<(&str, &str)> {
    let pos = line.find([':', '='])?;
    let key = line[..pos].trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    Some((key, line[pos + 1..].trim()))
}

/// Strips YAML/TOML quotes and trailing comments from a scalar.
fn unquote(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(rest) = v.strip_prefix(q)
            && let Some(end) = rest.rfind(q)
        {
            let inner = &rest[..end];
            return if q == '"' {
                inner.replace("\\\"", "\"").replace("\\\\", "\\")
            } else {
                inner.replace("''", "'")
            };
        }
    }
    // Lists, maps and block scalars are not titles.
    if v.starts_with(['[', '{', '|', '>']) {
        return String::new();
    }
    let v = match v.find(" #") {
        Some(i) => &v[..i],
        None => v,
    };
    v.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_text_after_it() {
        let text = "---\ntitle: T\nsource: https://e.com/p\n---\n\nBody.\n";
        let (front, rest) = split(text).unwrap();
        assert_eq!(front, "title: T\nsource: https://e.com/p\n");
        assert_eq!(rest, "\nBody.\n");
        assert_eq!(
            FrontMatter::parse(front).source.as_deref(),
            Some("https://e.com/p")
        );
        assert_eq!(split("Title\n---\n"), None);
        assert_eq!(split("---\ntitle: never closed\n"), None);
    }

    #[test]
    fn yaml_and_toml_titles() {
        assert_eq!(
            FrontMatter::parse("title: A Walk\n").title.as_deref(),
            Some("A Walk")
        );
        assert_eq!(
            FrontMatter::parse("title: \"Quoted: yes\"\n")
                .title
                .as_deref(),
            Some("Quoted: yes")
        );
        assert_eq!(
            FrontMatter::parse("title = 'It''s TOML'\n")
                .title
                .as_deref(),
            Some("It's TOML")
        );
    }

    #[test]
    fn nested_keys_and_lists_are_ignored() {
        let fm = FrontMatter::parse("meta:\n  title: nested\ntags: [a, b]\n");
        assert_eq!(fm.title, None);
    }

    #[test]
    fn title_block_from_author_and_date() {
        let fm = FrontMatter::parse("author: Ada\ndate: 2026-01-02\n");
        assert_eq!(fm.title_block(), vec!["Ada · 2026-01-02".to_string()]);
    }
}
