//! Writing a built site: beside the target folder first, then swapped in, so the folder
//! never holds a half-written site; files in it that rapportbok did not write are kept.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Marks a folder as a site rapportbok wrote, so `build` may replace it. It lists the files
/// the build wrote: anything else found in the folder was put there by someone else.
pub const SITE_MARKER: &str = ".rapportbok-site";

const MARKER_TEXT: &str = "Skriven av rapportbok. Filerna nedan ersätts vid nästa bygge; \
                           andra filer i mappen behålls.\n";
const MARKER_LIST: &str = "filer:\n";

/// What writing a site did besides writing it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files (site paths) in the folder that rapportbok did not write, kept in the new site.
    pub kept: Vec<String>,
}

/// Write the files into `out_dir` by building beside it and swapping, so the folder never
/// holds a half-written site. A non-empty folder rapportbok did not write is left alone; in a
/// folder it wrote, files someone else added are copied into the new site and reported.
pub fn write_site<T: AsRef<[u8]>>(
    out_dir: &Path,
    files: &[(String, T)],
) -> anyhow::Result<Written> {
    let marker = out_dir.join(SITE_MARKER);
    if out_dir.exists()
        && !marker.exists()
        && std::fs::read_dir(out_dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(
            "mappen {} finns redan och innehåller filer som rapportbok inte skrivit; välj en annan mapp med --out eller töm den",
            out_dir.display()
        );
    }
    let kept = foreign_files(out_dir, files)?;
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "site".into());
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("kunde inte skapa {}", parent.display()))?;
    let staging = parent.join(format!(".{name}.rapportbok-ny"));
    let old = parent.join(format!(".{name}.rapportbok-gammal"));
    for leftover in [&staging, &old] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover)
                .with_context(|| format!("kunde inte ta bort {}", leftover.display()))?;
        }
    }
    let staged = stage(&staging, out_dir, files, &kept);
    if let Err(e) = staged {
        // Leave nothing half-written behind (a full disk should not stay full).
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out_dir.exists() {
        std::fs::rename(out_dir, &old)
            .with_context(|| format!("kunde inte flytta undan {}", out_dir.display()))?;
    }
    std::fs::rename(&staging, out_dir).with_context(|| {
        format!(
            "kunde inte flytta in den nya webbplatsen i {}",
            out_dir.display()
        )
    })?;
    if old.exists() {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("kunde inte ta bort {}", old.display()))?;
    }
    Ok(Written { kept })
}

/// Write `files`, copies of `kept` from `out_dir`, and the marker listing `files`.
fn stage<T: AsRef<[u8]>>(
    staging: &Path,
    out_dir: &Path,
    files: &[(String, T)],
    kept: &[String],
) -> anyhow::Result<()> {
    std::fs::create_dir_all(staging)
        .with_context(|| format!("kunde inte skapa {}", staging.display()))?;
    for (path, bytes) in files {
        let target = staging.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("kunde inte skapa {}", dir.display()))?;
        }
        std::fs::write(&target, bytes)
            .with_context(|| format!("kunde inte skriva {}", target.display()))?;
    }
    for path in kept {
        let (from, to) = (out_dir.join(path), staging.join(path));
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("kunde inte skapa {}", dir.display()))?;
        }
        copy_entry(&from, &to).with_context(|| format!("kunde inte behålla {}", from.display()))?;
    }
    std::fs::write(staging.join(SITE_MARKER), marker_text(MARKER_TEXT, files))
        .with_context(|| format!("kunde inte skriva i {}", staging.display()))
}

/// A marker's text: `intro`, then the list of the files written.
pub fn marker_text<T>(intro: &str, files: &[(String, T)]) -> String {
    let mut marker = String::from(intro);
    marker.push_str(MARKER_LIST);
    for (path, _) in files {
        marker.push_str(path);
        marker.push('\n');
    }
    marker
}

/// The files a marker lists; `None` for a marker written before markers listed them.
pub fn marker_files(marker: &str) -> Option<BTreeSet<&str>> {
    marker
        .split_once(MARKER_LIST)
        .map(|(_, list)| list.lines().collect())
}

/// A file (or a link, as a link) copied to `to`.
fn copy_entry(from: &Path, to: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(from)?;
    #[cfg(unix)]
    if meta.file_type().is_symlink() {
        return std::os::unix::fs::symlink(std::fs::read_link(from)?, to);
    }
    let _ = meta;
    std::fs::copy(from, to).map(|_| ())
}

/// The files in the site at `out_dir` that the build that wrote it did not write (per its
/// marker), sorted. One that the new build would overwrite is refused.
fn foreign_files<T>(out_dir: &Path, files: &[(String, T)]) -> anyhow::Result<Vec<String>> {
    let Ok(marker) = std::fs::read_to_string(out_dir.join(SITE_MARKER)) else {
        return Ok(Vec::new());
    };
    // A marker from before the list was kept names nothing: every file is kept.
    let written = marker_files(&marker).unwrap_or_default();
    let new: BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let mut foreign = Vec::new();
    for path in site_entries(out_dir)? {
        if path == SITE_MARKER || written.contains(path.as_str()) {
            continue;
        }
        if new.contains(path.as_str()) {
            bail!(
                "{} i {} är inte skriven av rapportbok, men bygget skriver en fil med samma namn; \
                 flytta filen eller byt namn på den och bygg igen",
                path,
                out_dir.display()
            );
        }
        foreign.push(path);
    }
    Ok(foreign)
}

/// Every file and link below `root` as a `/`-separated path, dotfiles included.
pub fn site_entries(root: &Path) -> anyhow::Result<Vec<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> anyhow::Result<()> {
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("kunde inte läsa {}", dir.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("kunde inte läsa {}", dir.display()))?;
            let path: PathBuf = entry.path();
            let kind = entry
                .file_type()
                .with_context(|| format!("kunde inte läsa {}", path.display()))?;
            if kind.is_dir() {
                walk(root, &path, out)?;
            } else {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    if root.is_dir() {
        walk(root, root, &mut out)?;
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn writes_and_replaces_a_site_it_wrote() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("site");
        let w =
            write_site(&out, &files(&[("index.html", "1"), ("del/a.html", "A")])).expect("first");
        assert_eq!(w, Written::default());
        assert_eq!(
            std::fs::read_to_string(out.join("del/a.html")).expect("a"),
            "A"
        );
        write_site(&out, &files(&[("index.html", "2")])).expect("second");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("i"),
            "2"
        );
        assert!(
            !out.join("del/a.html").exists(),
            "a page no longer built is gone"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("read")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("site")]);
    }

    #[test]
    fn keeps_files_someone_else_added() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("site");
        write_site(&out, &files(&[("index.html", "1")])).expect("first");
        std::fs::create_dir_all(out.join("bilagor")).expect("mkdir");
        std::fs::write(out.join("bilagor/protokoll.docx"), "P").expect("write");
        std::fs::write(out.join(".htaccess"), "H").expect("write");
        let w = write_site(&out, &files(&[("index.html", "2")])).expect("second");
        assert_eq!(w.kept, vec![".htaccess", "bilagor/protokoll.docx"]);
        assert_eq!(
            std::fs::read_to_string(out.join("bilagor/protokoll.docx")).expect("kept"),
            "P"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("i"),
            "2"
        );
    }

    #[test]
    fn refuses_to_overwrite_a_file_someone_else_added() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("site");
        write_site(&out, &files(&[("index.html", "1")])).expect("first");
        std::fs::write(out.join("ny.html"), "egen").expect("write");
        let e = write_site(&out, &files(&[("index.html", "2"), ("ny.html", "N")]))
            .expect_err("refused");
        assert!(format!("{e:#}").contains("ny.html i"), "{e:#}");
        assert_eq!(
            std::fs::read_to_string(out.join("ny.html")).expect("n"),
            "egen"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("i"),
            "1"
        );
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("egen.txt"), "x").expect("write");
        let e = write_site(dir.path(), &files(&[("index.html", "1")])).expect_err("refused");
        assert!(format!("{e:#}").contains("inte skrivit"), "{e:#}");
        assert!(!dir.path().join("index.html").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_leaves_no_staging_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("site");
        // A file where a folder must go makes the write fail part-way.
        let e = write_site(&out, &files(&[("a", "1"), ("a/b.html", "2")])).expect_err("fails");
        assert!(format!("{e:#}").contains("kunde inte"), "{e:#}");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("read")
            .flatten()
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
