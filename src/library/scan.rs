//! Finding the essays in a folder: `.md`, `.markdown` and `.txt` files, saved web pages
//! (`.html`, `.htm`, `.xhtml`) and EPUB books, recursively, hidden files and folders
//! skipped, in name order.

use std::path::{Path, PathBuf};

use super::LibraryError;

const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm", "xhtml", "epub"];

/// Every essay file under `dir`. A folder that cannot be read is reported, not skipped.
pub fn essays(dir: &Path) -> Result<Vec<PathBuf>, LibraryError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut first = true;
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(source) if first => return Err(LibraryError::Unreadable { path: d, source }),
            Err(_) => continue,
        };
        first = false;
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_essays_recursively_and_skips_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub/deeper")).unwrap();
        std::fs::create_dir_all(d.join(".hidden")).unwrap();
        std::fs::create_dir_all(d.join("page_files")).unwrap();
        for f in [
            "a.md",
            "b.txt",
            "sub/c.markdown",
            "sub/deeper/d.MD",
            "e.pdf",
            "page.HTML",
            "sub/old.htm",
            "sub/ch.xhtml",
            "book.epub",
            "page_files/style.css",
            ".hidden/f.md",
            ".g.md",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let found: Vec<String> = essays(d)
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            found,
            vec![
                "a.md",
                "b.txt",
                "book.epub",
                "page.HTML",
                "sub/c.markdown",
                "sub/ch.xhtml",
                "sub/deeper/d.MD",
                "sub/old.htm"
            ]
        );
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        assert!(essays(Path::new("/nonexistent/margin/library")).is_err());
    }
}
