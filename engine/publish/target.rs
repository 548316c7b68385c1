//! The publish target: `DIR` is a symbolic link to a version folder in `DIR.versioner/`.
//! A new version is written and synced in full, then the link is replaced in one rename(2),
//! so a reader of `DIR` sees the old site or the new one, never a mix.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::build::SITE_MARKER;

/// Test hook: stop the process (as a kill would) after writing this many files of a new
/// version. Used by the tests to show that an interrupted publish leaves the site intact.
pub const STOP_AFTER_ENV: &str = "RAPPORTBOK_PUBLISH_STOP_AFTER";

/// Where a site is published.
#[derive(Debug, Clone)]
pub struct Target {
    /// The path readers use (the web server's folder): a link to the current version.
    pub link: PathBuf,
    /// The folder holding the versions, beside the link.
    pub versions: PathBuf,
    parent: PathBuf,
    name: String,
}

/// A version folder: its number and its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub number: u64,
    pub dir: PathBuf,
}

impl Version {
    /// The folder name (`0007`).
    pub fn name(&self) -> String {
        version_name(self.number)
    }
}

fn version_name(n: u64) -> String {
    format!("{n:04}")
}

impl Target {
    pub fn new(link: &Path) -> anyhow::Result<Target> {
        let name = link
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .filter(|n| n != "." && n != "..")
            .with_context(|| {
                format!(
                    "{} är ingen mapp att publicera till; ange en sökväg som slutar med mappens namn",
                    link.display()
                )
            })?;
        let parent = link
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Ok(Target {
            link: link.to_path_buf(),
            versions: parent.join(format!("{name}.versioner")),
            parent,
            name,
        })
    }

    /// Every version folder, oldest first.
    pub fn versions(&self) -> anyhow::Result<Vec<Version>> {
        let mut out = Vec::new();
        let entries = match std::fs::read_dir(&self.versions) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("kunde inte läsa {}", self.versions.display()));
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if let (Ok(number), true) = (name.parse::<u64>(), entry.path().is_dir()) {
                out.push(Version {
                    number,
                    dir: entry.path(),
                });
            }
        }
        out.sort_by_key(|v| v.number);
        Ok(out)
    }

    /// The version the link points to; `None` when nothing is published yet. Refuses a
    /// target that is not rapportbok's: a real folder or file, or a link elsewhere.
    pub fn current(&self) -> anyhow::Result<Option<Version>> {
        let meta = match std::fs::symlink_metadata(&self.link) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(e).with_context(|| format!("kunde inte läsa {}", self.link.display()));
            }
        };
        if !meta.file_type().is_symlink() {
            if meta.is_dir() && self.link.join(SITE_MARKER).is_file() {
                return Ok(None);
            }
            if meta.is_dir() && is_empty_dir(&self.link) {
                return Ok(None);
            }
            bail!(
                "{} finns redan och är {} som rapportbok inte skapat. Publicering gör {0} till en länk \
                 till en version i {}; välj en annan sökväg med --to, eller flytta undan det som ligger där",
                self.link.display(),
                if meta.is_dir() { "en mapp" } else { "en fil" },
                self.versions.display()
            );
        }
        let points_to = std::fs::read_link(&self.link)
            .with_context(|| format!("kunde inte läsa länken {}", self.link.display()))?;
        let expected_parent = Path::new(&format!("{}.versioner", self.name)).to_path_buf();
        let number = points_to
            .strip_prefix(&expected_parent)
            .ok()
            .and_then(|rest| rest.to_str())
            .and_then(|rest| rest.parse::<u64>().ok());
        match number {
            Some(number) => Ok(Some(Version {
                number,
                dir: self.versions.join(version_name(number)),
            })),
            None => bail!(
                "{} är en länk till {}, inte till en version som rapportbok publicerat; \
                 välj en annan sökväg med --to, eller ta bort länken",
                self.link.display(),
                points_to.display()
            ),
        }
    }

    /// Write `files` as a new version, then point the link at it. Returns the new version.
    /// A folder rapportbok built earlier at the link's place (`build --out DIR`) becomes the
    /// version before the new one; it is moved there just before the link takes its place.
    pub fn publish<B: AsRef<[u8]>>(&self, files: &[(String, B)]) -> anyhow::Result<Version> {
        self.current()?;
        std::fs::create_dir_all(&self.versions)
            .with_context(|| format!("kunde inte skapa {}", self.versions.display()))?;
        let _lock = Lock::take(&self.versions)?;
        self.remove_leftovers()?;
        let real_dir = std::fs::symlink_metadata(&self.link)
            .is_ok_and(|m| m.is_dir() && !m.file_type().is_symlink());
        let adopt = real_dir && !is_empty_dir(&self.link);
        let base = self.versions()?.last().map_or(0, |v| v.number);
        let number = if adopt { base + 2 } else { base + 1 };
        let staging = self.versions.join(format!(
            ".ny-{}-{}",
            version_name(number),
            std::process::id()
        ));
        write_version(&staging, files)?;
        let version = Version {
            number,
            dir: self.versions.join(version_name(number)),
        };
        std::fs::rename(&staging, &version.dir)
            .with_context(|| format!("kunde inte flytta in {}", version.dir.display()))?;
        if adopt {
            let earlier = self.versions.join(version_name(base + 1));
            std::fs::rename(&self.link, &earlier).with_context(|| {
                format!(
                    "kunde inte flytta {} till {}",
                    self.link.display(),
                    earlier.display()
                )
            })?;
        } else if real_dir {
            std::fs::remove_dir(&self.link).with_context(|| {
                format!(
                    "kunde inte ta bort den tomma mappen {}",
                    self.link.display()
                )
            })?;
        }
        sync_dir(&self.versions)?;
        self.point_to(&version)?;
        Ok(version)
    }

    /// Point the link at `version` with one rename(2) of a fresh link over it.
    pub fn point_to(&self, version: &Version) -> anyhow::Result<()> {
        let relative = Path::new(&format!("{}.versioner", self.name)).join(version.name());
        let temp = self.parent.join(format!(
            ".{}.rapportbok-lank-{}",
            self.name,
            std::process::id()
        ));
        let _ = std::fs::remove_file(&temp);
        symlink(&relative, &temp)
            .with_context(|| format!("kunde inte skapa länken {}", temp.display()))?;
        std::fs::rename(&temp, &self.link).with_context(|| {
            let _ = std::fs::remove_file(&temp);
            format!("kunde inte byta länken {}", self.link.display())
        })?;
        sync_dir(&self.parent)
    }

    /// Remove the oldest versions so that `keep` remain, never the current one.
    pub fn prune(&self, keep: usize) -> anyhow::Result<Vec<Version>> {
        let current = self.current()?.map(|v| v.number);
        let versions = self.versions()?;
        let excess = versions.len().saturating_sub(keep.max(1));
        let mut removed = Vec::new();
        for v in versions.into_iter().take(excess) {
            if Some(v.number) == current {
                continue;
            }
            std::fs::remove_dir_all(&v.dir)
                .with_context(|| format!("kunde inte ta bort {}", v.dir.display()))?;
            removed.push(v);
        }
        Ok(removed)
    }

    /// Point the link at the version before the current one; returns (from, to).
    pub fn rollback(&self) -> anyhow::Result<(Version, Version)> {
        let _lock = match self.versions.is_dir() {
            true => Some(Lock::take(&self.versions)?),
            false => None,
        };
        let Some(current) = self.current()? else {
            bail!(
                "{} är inte publicerad med rapportbok än; det finns inget att gå tillbaka till",
                self.link.display()
            );
        };
        let previous = self
            .versions()?
            .into_iter()
            .rfind(|v| v.number < current.number);
        let Some(previous) = previous else {
            bail!(
                "version {} är den äldsta som finns kvar i {}; det finns ingen tidigare att gå tillbaka till",
                current.name(),
                self.versions.display()
            );
        };
        self.point_to(&previous)?;
        Ok((current, previous))
    }

    /// Half-written versions and links left by an interrupted publish.
    fn remove_leftovers(&self) -> anyhow::Result<()> {
        if let Ok(entries) = std::fs::read_dir(&self.versions) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(".ny-") {
                    std::fs::remove_dir_all(entry.path()).with_context(|| {
                        format!("kunde inte ta bort {}", entry.path().display())
                    })?;
                }
            }
        }
        let prefix = format!(".{}.rapportbok-lank-", self.name);
        if let Ok(entries) = std::fs::read_dir(&self.parent) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }
}

/// Only one publish or rollback at a time per target: a lock file in the versions folder
/// holding the process id. A lock whose process is gone (killed) is taken over.
#[derive(Debug)]
struct Lock(PathBuf);

const LOCK_FILE: &str = ".publicerar";

impl Lock {
    fn take(versions: &Path) -> anyhow::Result<Lock> {
        let path = versions.join(LOCK_FILE);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    f.write_all(std::process::id().to_string().as_bytes())
                        .with_context(|| format!("kunde inte skriva {}", path.display()))?;
                    return Ok(Lock(path));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    if process_alive(holder.trim()) {
                        bail!(
                            "en annan publicering till samma mapp pågår (process {}); vänta tills den är klar. \
                             Är ingen publicering igång, ta bort {}",
                            holder.trim(),
                            path.display()
                        );
                    }
                    // Left by a publish that was stopped: take it over.
                    let _ = std::fs::remove_file(&path);
                }
                Err(e) => {
                    return Err(e).with_context(|| format!("kunde inte skapa {}", path.display()));
                }
            }
        }
        bail!("kunde inte låsa {}", path.display())
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Whether the process with this id still runs (Linux: `/proc`; elsewhere assumed gone).
fn process_alive(pid: &str) -> bool {
    match pid.parse::<u32>() {
        Ok(pid) if pid != std::process::id() => Path::new("/proc").join(pid.to_string()).exists(),
        _ => false,
    }
}

/// Every file below `dir` (following the link), path → bytes; dotfiles left out.
pub fn read_site(dir: &Path) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) -> anyhow::Result<()> {
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("kunde inte läsa {}", dir.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("kunde inte läsa {}", dir.display()))?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("kunde inte läsa {}", path.display()))?;
                out.insert(rel, bytes);
            }
        }
        Ok(())
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out)?;
    }
    Ok(out)
}

/// Write and sync every file, the marker, and every folder.
fn write_version<B: AsRef<[u8]>>(dir: &Path, files: &[(String, B)]) -> anyhow::Result<()> {
    let stop_after: Option<usize> = std::env::var(STOP_AFTER_ENV)
        .ok()
        .and_then(|v| v.parse().ok());
    std::fs::create_dir_all(dir).with_context(|| format!("kunde inte skapa {}", dir.display()))?;
    let mut dirs = vec![dir.to_path_buf()];
    for (i, (path, bytes)) in files.iter().enumerate() {
        if stop_after == Some(i) {
            eprintln!("{STOP_AFTER_ENV}: avbryter efter {i} filer");
            std::process::exit(3);
        }
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            if !dirs.iter().any(|d| d == parent) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("kunde inte skapa {}", parent.display()))?;
                dirs.push(parent.to_path_buf());
            }
        }
        write_synced(&target, bytes.as_ref())?;
    }
    write_synced(
        &dir.join(SITE_MARKER),
        b"Publicerad av rapportbok. Versionerna byts med rapportbok publish.\n",
    )?;
    for d in dirs.iter().rev() {
        sync_dir(d)?;
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut f =
        File::create(path).with_context(|| format!("kunde inte skriva {}", path.display()))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("kunde inte skriva {}", path.display()))
}

/// Make a folder's entries (new files, renames) durable.
fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("kunde inte synka {}", dir.display()))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_target: &Path, _link: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "publicering med versioner kräver symboliska länkar (Linux eller macOS)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_publish_holds_the_lock_and_a_dead_one_does_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock_file = dir.path().join(LOCK_FILE);
        // Process 1 always runs.
        std::fs::write(&lock_file, "1").expect("write");
        let err = Lock::take(dir.path()).expect_err("refused");
        assert!(
            format!("{err:#}").contains("en annan publicering till samma mapp pågår (process 1)"),
            "{err:#}"
        );
        // No process has this id: the lock is taken over, and released on drop.
        std::fs::write(&lock_file, "4294967295").expect("write");
        let lock = Lock::take(dir.path()).expect("taken over");
        assert_eq!(
            std::fs::read_to_string(&lock_file).expect("read"),
            std::process::id().to_string()
        );
        drop(lock);
        assert!(!lock_file.exists());
    }

    #[test]
    fn a_link_elsewhere_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("annat")).expect("mkdir");
        symlink(Path::new("annat"), &dir.path().join("www")).expect("link");
        let target = Target::new(&dir.path().join("www")).expect("target");
        let err = target.current().expect_err("refused");
        assert!(
            format!("{err:#}").contains("är en länk till annat, inte till en version"),
            "{err:#}"
        );
    }
}
