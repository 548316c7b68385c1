//! Writing the book from the browser: a notebook saved, a new notebook added to SUMMARY.md.
//! Writes are confined to the book's source folder, never follow a link, are atomic
//! (write-then-rename, as editors save) and never overwrite a change made on disk meanwhile.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

/// Why a write was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Outside the book's notebooks, through a link, or not a notebook.
    Forbidden(String),
    /// The file changed on disk since the writer's version: the current text and version.
    Conflict { text: String, version: String },
    /// The disk said no.
    Io(String),
}

/// A text's version: the SHA-256 of its bytes, in hex. `""` for a file that does not exist.
pub fn version(text: &[u8]) -> String {
    Sha256::digest(text)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `rel` (a notebook or SUMMARY.md, relative to `src_dir`) as a path that stays inside
/// `src_dir`: no absolute path, no `..`, no link anywhere on the way, and a `.md` file.
pub fn confine(src_dir: &Path, rel: &Path) -> Result<PathBuf, Refusal> {
    let forbidden = |why: &str| Refusal::Forbidden(format!("{}: {why}", rel.display()));
    if rel.extension().is_none_or(|e| e != "md") {
        return Err(forbidden("bara notebooks (.md) kan sparas"));
    }
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(forbidden(
            "sökvägen måste ligga i bokens källmapp, utan `..`",
        ));
    }
    let root = src_dir
        .canonicalize()
        .map_err(|e| Refusal::Io(format!("hittar inte källmappen: {e}")))?;
    let mut at = src_dir.to_path_buf();
    for c in rel.components() {
        at.push(c);
        if let Ok(meta) = std::fs::symlink_metadata(&at)
            && meta.file_type().is_symlink()
        {
            return Err(forbidden(
                "filen eller mappen är en länk; länkar skrivs aldrig",
            ));
        }
    }
    let parent = at
        .parent()
        .ok_or_else(|| forbidden("saknar mapp"))?
        .canonicalize()
        .map_err(|e| Refusal::Io(format!("mappen finns inte: {e}")))?;
    if !parent.starts_with(&root) {
        return Err(forbidden("leder ut ur bokens källmapp"));
    }
    Ok(at)
}

/// Write `text` to `path` if the file is still at `expected` (its version when the writer
/// opened it; `""`: it must not exist). Returns the new version.
pub fn save(path: &Path, text: &str, expected: &str) -> Result<String, Refusal> {
    let current = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Refusal::Io(format!("kunde inte läsa filen: {e}"))),
    };
    let now = current.as_deref().map(version).unwrap_or_default();
    if now != expected {
        return Err(Refusal::Conflict {
            text: current
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default(),
            version: now,
        });
    }
    write_atomic(path, text.as_bytes())
        .map_err(|e| Refusal::Io(format!("kunde inte spara: {e}")))?;
    Ok(version(text.as_bytes()))
}

/// Write beside the file, flush to disk, then rename over it: a reader (the preview, an
/// editor) sees the old text or the new, never half.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.rapportbok-ny"));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A file name for a notebook titled `title`: lower case, å/ä → a, ö → o, other runs of
/// non-letters → `-` (`Ekonomi – mars 2025` → `ekonomi-mars-2025.md`).
pub fn file_name_for(title: &str) -> Option<String> {
    let mut slug = String::new();
    for ch in title.trim().to_lowercase().chars() {
        let c = match ch {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !slug.ends_with('-') {
            slug.push(c);
        }
    }
    let slug = slug.trim_matches('-');
    let slug: String = slug.chars().take(60).collect();
    let slug = slug.trim_end_matches('-');
    (!slug.is_empty()).then(|| format!("{slug}.md"))
}

/// A new notebook's text: front matter with the title, and the title as its heading.
pub fn new_notebook(title: &str) -> String {
    let toml = title.replace('\\', "\\\\").replace('"', "\\\"");
    format!("+++\ntitle = \"{toml}\"\n+++\n\n# {title}\n\nSkriv texten här.\n")
}

/// SUMMARY.md with a chapter `title` → `file` added as the last entry.
pub fn summary_with(summary: &str, title: &str, file: &str) -> String {
    let name = title.replace('[', "\\[").replace(']', "\\]");
    let mut text = summary.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("- [{name}]({file})\n"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_stay_in_the_source_folder_and_never_follow_links() {
        let dir = tempfile::tempdir().expect("tmp");
        let src = dir.path().join("notebooks");
        std::fs::create_dir_all(src.join("del")).expect("mkdir");
        std::fs::write(src.join("a.md"), "a").expect("a");
        assert_eq!(confine(&src, Path::new("a.md")), Ok(src.join("a.md")));
        assert!(confine(&src, Path::new("del/ny.md")).is_ok());
        for bad in ["../a.md", "/etc/passwd.md", "a.txt", "del/../../x.md"] {
            assert!(
                matches!(confine(&src, Path::new(bad)), Err(Refusal::Forbidden(_))),
                "{bad}"
            );
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/tmp", src.join("ut")).expect("link");
            std::os::unix::fs::symlink(src.join("a.md"), src.join("l.md")).expect("link");
            assert!(matches!(
                confine(&src, Path::new("ut/x.md")),
                Err(Refusal::Forbidden(_))
            ));
            assert!(matches!(
                confine(&src, Path::new("l.md")),
                Err(Refusal::Forbidden(_))
            ));
        }
    }

    #[test]
    fn a_changed_file_is_a_conflict_never_overwritten() {
        let dir = tempfile::tempdir().expect("tmp");
        let f = dir.path().join("a.md");
        std::fs::write(&f, "ett").expect("a");
        let v1 = version(b"ett");
        let v2 = save(&f, "två", &v1).expect("save");
        assert_eq!(v2, version("två".as_bytes()));
        std::fs::write(&f, "extern ändring").expect("external");
        assert_eq!(
            save(&f, "tre", &v2),
            Err(Refusal::Conflict {
                text: "extern ändring".into(),
                version: version("extern ändring".as_bytes())
            })
        );
        assert_eq!(std::fs::read_to_string(&f).expect("read"), "extern ändring");
        assert!(save(&dir.path().join("ny.md"), "x", "").is_ok());
    }

    #[test]
    fn new_notebooks_get_a_file_name_and_a_summary_entry() {
        assert_eq!(
            file_name_for("Ekonomi – mars 2025").as_deref(),
            Some("ekonomi-mars-2025.md")
        );
        assert_eq!(
            file_name_for("Årets överskott").as_deref(),
            Some("arets-overskott.md")
        );
        assert_eq!(file_name_for("../../"), None);
        assert_eq!(
            summary_with("# Innehåll\n\n- [A](a.md)", "B [utkast]", "b.md"),
            "# Innehåll\n\n- [A](a.md)\n- [B \\[utkast\\]](b.md)\n"
        );
        assert!(new_notebook("Sa \"hej\"").contains("title = \"Sa \\\"hej\\\"\""));
    }
}
