//! Paths: confinement (every file a script or the book names must resolve inside one root
//! folder), and site paths as the relative links pages use.

use std::path::{Component, Path, PathBuf};

/// Why a script's path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    Absolute,
    ParentDir,
    Empty,
    /// The path (or a link on the way) leads outside the root.
    Escapes,
    NotFound,
}

impl PathError {
    pub fn message(&self, requested: &str, root: &Path) -> String {
        let root = root.display();
        match self {
            PathError::Absolute => {
                format!("sökvägen `{requested}` är absolut; ange den relativt datamappen {root}")
            }
            PathError::ParentDir => format!(
                "sökvägen `{requested}` går uppåt med `..`; bara filer i datamappen {root} kan läsas"
            ),
            PathError::Empty => "tom sökväg".to_string(),
            PathError::Escapes => {
                format!("sökvägen `{requested}` leder ut ur datamappen {root} (via en länk)")
            }
            PathError::NotFound => format!("filen `{requested}` finns inte i datamappen {root}"),
        }
    }
}

/// Resolve `requested` below `root`, refusing absolute paths, `..` and links that lead out.
/// The file must exist (links can only be judged on what is there).
pub fn resolve_inside(root: &Path, requested: &str) -> Result<PathBuf, PathError> {
    let rel = Path::new(requested);
    if requested.trim().is_empty() {
        return Err(PathError::Empty);
    }
    if rel.is_absolute()
        || rel.has_root()
        || requested.starts_with('\\')
        || has_drive_prefix(requested)
    {
        return Err(PathError::Absolute);
    }
    for component in rel.components() {
        match component {
            Component::ParentDir => return Err(PathError::ParentDir),
            Component::Prefix(_) | Component::RootDir => return Err(PathError::Absolute),
            Component::CurDir | Component::Normal(_) => {}
        }
    }
    let root = root.canonicalize().map_err(|_| PathError::NotFound)?;
    let joined = root.join(rel);
    let real = joined.canonicalize().map_err(|_| PathError::NotFound)?;
    if !real.starts_with(&root) {
        return Err(PathError::Escapes);
    }
    Ok(real)
}

fn has_drive_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

/// A site path (`/`-separated) as a URL path: every character a URL would read as syntax
/// (a scheme's `:`, `?`, `#`, `%`, spaces, quotes, controls) percent-encoded, so a page
/// named `javascript:alert(1).html` is linked as the file it is, never run as a script.
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for ch in path.chars() {
        match ch {
            ':' | '?' | '#' | '%' | ' ' | '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '{' | '|'
            | '}' | '[' | ']' => out.push_str(&format!("%{:02X}", ch as u32)),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// `to` as a relative URL from a page at `from` (both relative to the site root, `/`-separated),
/// percent-encoded by [`url_path`] so it is always a relative link.
pub fn relative_url(from: &str, to: &str) -> String {
    url_path(&relative_path(from, to))
}

/// `to` as a path relative to the folder of `from`, not encoded.
fn relative_path(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let (to_dirs, to_file) = to_parts.split_at(to_parts.len() - 1);
    let common = from_dirs
        .iter()
        .zip(to_dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dirs.len() - common);
    for dir in &to_dirs[common..] {
        out.push_str(dir);
        out.push('/');
    }
    out.push_str(to_file[0]);
    out
}

/// A notebook path (`del/kapitel.md`) as the page it becomes (`del/kapitel.html`), `/`-separated.
pub fn page_path(notebook: &Path) -> String {
    let mut p = notebook
        .with_extension("html")
        .to_string_lossy()
        .replace('\\', "/");
    if p.starts_with("./") {
        p.drain(..2);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escapes() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.csv"), "x").expect("write");
        assert!(resolve_inside(dir.path(), "a.csv").is_ok());
        assert!(resolve_inside(dir.path(), "./a.csv").is_ok());
        assert_eq!(
            resolve_inside(dir.path(), "../a.csv"),
            Err(PathError::ParentDir)
        );
        assert_eq!(
            resolve_inside(dir.path(), "sub/../../a.csv"),
            Err(PathError::ParentDir)
        );
        assert_eq!(
            resolve_inside(dir.path(), "/etc/passwd"),
            Err(PathError::Absolute)
        );
        assert_eq!(resolve_inside(dir.path(), "C:/x"), Err(PathError::Absolute));
        assert_eq!(
            resolve_inside(dir.path(), "saknas.csv"),
            Err(PathError::NotFound)
        );
        assert_eq!(resolve_inside(dir.path(), ""), Err(PathError::Empty));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_that_lead_out() {
        let outside = tempfile::tempdir().expect("tempdir");
        std::fs::write(outside.path().join("hemlig.txt"), "x").expect("write");
        let root = tempfile::tempdir().expect("tempdir");
        std::os::unix::fs::symlink(
            outside.path().join("hemlig.txt"),
            root.path().join("lank.txt"),
        )
        .expect("symlink");
        assert_eq!(
            resolve_inside(root.path(), "lank.txt"),
            Err(PathError::Escapes)
        );
    }

    #[test]
    fn urls() {
        assert_eq!(
            page_path(Path::new("handbok/format.md")),
            "handbok/format.html"
        );
        assert_eq!(
            relative_url("handbok/format.html", "index.html"),
            "../index.html"
        );
        assert_eq!(relative_url("index.html", "a/b.html"), "a/b.html");
        assert_eq!(relative_url("a/b.html", "a/c.html"), "c.html");
        assert_eq!(relative_url("a/b/c.html", "a/d/e.html"), "../d/e.html");
        assert_eq!(relative_url("a/b.html", ""), "../");
    }

    #[test]
    fn links_to_pages_with_scheme_like_names_stay_relative() {
        assert_eq!(
            relative_url("index.html", "javascript:alert(document.domain).html"),
            "javascript%3Aalert(document.domain).html"
        );
        assert_eq!(
            relative_url("del/a.html", "min rapport?#1.html"),
            "../min%20rapport%3F%231.html"
        );
        assert_eq!(url_path("sök/å.html"), "sök/å.html");
        assert_eq!(url_path("a\"b<c>.html"), "a%22b%3Cc%3E.html");
        assert_eq!(url_path("100%.html"), "100%25.html");
    }
}
