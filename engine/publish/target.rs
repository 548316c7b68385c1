//! The publish target: `DIR` is a symbolic link to a version folder in `DIR.versioner/`.
//! A new version is written and synced in full, then the link is replaced in one rename(2),
//! so a reader of `DIR` sees the old site or the new one, never a mix.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::changes::{Changes, compare};
use super::folder::{is_empty_dir, not_ours, read_site, sync_dir, write_version};
use super::lock::Lock;
use crate::build::SITE_MARKER;

/// Test hook: stop the process (as a kill would) after writing this many files of a new
/// version. Used by the tests to show that an interrupted publish leaves the site intact.
pub const STOP_AFTER_ENV: &str = "RAPPORTBOK_PUBLISH_STOP_AFTER";

/// Test hook: stop the process (as a kill would) at a named step of publishing: `version`
/// (the new version is in place, the link not yet switched) or `bytt` (a build folder at
/// the link's place was exchanged for the link, and not yet moved into the versions).
pub const STOP_AT_ENV: &str = "RAPPORTBOK_PUBLISH_STOP_AT";

fn stop_at(step: &str) {
    if std::env::var(STOP_AT_ENV).is_ok_and(|s| s == step) {
        eprintln!("{STOP_AT_ENV}: avbryter vid {step}");
        std::process::exit(3);
    }
}

/// What a publish did.
#[derive(Debug)]
pub struct Outcome {
    /// The new version; `None` when the published site already was these files.
    pub version: Option<Version>,
    /// The site published before, path → bytes (empty on a first publish).
    pub before: BTreeMap<String, Vec<u8>>,
    /// What differs between `before` and the files published.
    pub changes: Changes,
}

/// What pruning did.
#[derive(Debug, Default)]
pub struct Pruned {
    pub removed: Vec<Version>,
    /// Why a version that was due to go was kept (files rapportbok did not write).
    pub refused: Vec<String>,
}

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
        if let Ok(meta) = std::fs::symlink_metadata(&self.versions)
            && (meta.file_type().is_symlink() || !meta.is_dir())
        {
            bail!(
                "{} är {}, inte en mapp som rapportbok skapat för versionerna; publicering ändrar bara i sina egna mappar. \
                 Välj en annan sökväg med --to, eller flytta undan det som ligger där",
                self.versions.display(),
                if meta.file_type().is_symlink() {
                    "en länk"
                } else {
                    "en fil"
                }
            );
        }
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

    /// Publish `files` as a new version and point the link at it, unless the published
    /// site already is those files. Both the comparison and the switch happen under the
    /// lock, so what is compared against is what is live. A folder rapportbok built earlier
    /// at the link's place (`build --out DIR`) becomes the version before the new one; the
    /// link takes its place in one exchange, so one of the two is always there.
    pub fn publish<B: AsRef<[u8]>>(&self, files: &[(String, B)]) -> anyhow::Result<Outcome> {
        self.current()?;
        std::fs::create_dir_all(&self.versions)
            .with_context(|| format!("kunde inte skapa {}", self.versions.display()))?;
        let _lock = Lock::take(&self.versions)?;
        self.remove_leftovers()?;
        let current = self.current()?;
        let before = read_site(&self.link)?;
        let changes = compare(&before, files);
        if current.is_some() && changes.is_empty() {
            return Ok(Outcome {
                version: None,
                before,
                changes,
            });
        }
        let real_dir = std::fs::symlink_metadata(&self.link)
            .is_ok_and(|m| m.is_dir() && !m.file_type().is_symlink());
        let adopt = real_dir && !is_empty_dir(&self.link);
        if adopt && let Some(why) = not_ours(&self.link)? {
            bail!(
                "{why}. Publicering flyttar {} till {} som en version; flytta filerna därifrån och publicera igen",
                self.link.display(),
                self.versions.display()
            );
        }
        let base = self.versions()?.last().map_or(0, |v| v.number);
        let number = if adopt { base + 2 } else { base + 1 };
        let staging = self.versions.join(format!(
            ".ny-{}-{}",
            version_name(number),
            std::process::id()
        ));
        if let Err(e) = write_version(&staging, files) {
            // Leave nothing half-written behind (a full disk should not stay full).
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
        let version = Version {
            number,
            dir: self.versions.join(version_name(number)),
        };
        std::fs::rename(&staging, &version.dir).with_context(|| {
            let _ = std::fs::remove_dir_all(&staging);
            format!("kunde inte flytta in {}", version.dir.display())
        })?;
        sync_dir(&self.versions)?;
        stop_at("version");
        if adopt {
            self.replace_folder(&version, &self.versions.join(version_name(base + 1)))?;
        } else {
            if real_dir {
                std::fs::remove_dir(&self.link).with_context(|| {
                    format!(
                        "kunde inte ta bort den tomma mappen {}",
                        self.link.display()
                    )
                })?;
            }
            self.point_to(&version)?;
        }
        Ok(Outcome {
            version: Some(version),
            before,
            changes,
        })
    }

    /// Replace the folder at the link's place by a link to `version`, and move the folder
    /// to `earlier`. Where the system can exchange two names in one step (Linux), the
    /// site is reachable throughout; a stop after the exchange leaves the old folder for
    /// the next publish to move into place.
    fn replace_folder(&self, version: &Version, earlier: &Path) -> anyhow::Result<()> {
        let old = self.parent.join(format!(
            "{}{}",
            self.old_folder_prefix(),
            std::process::id()
        ));
        let _ = std::fs::remove_file(&old);
        symlink(&self.relative_link(version), &old)
            .with_context(|| format!("kunde inte skapa länken {}", old.display()))?;
        if exchange(&old, &self.link).is_err() {
            // No exchange here: move the folder aside, then link (a short gap).
            let _ = std::fs::remove_file(&old);
            std::fs::rename(&self.link, earlier).with_context(|| {
                format!(
                    "kunde inte flytta {} till {}",
                    self.link.display(),
                    earlier.display()
                )
            })?;
            return self.point_to(version);
        }
        sync_dir(&self.parent)?;
        stop_at("bytt");
        std::fs::rename(&old, earlier).with_context(|| {
            format!(
                "kunde inte flytta {} till {}",
                old.display(),
                earlier.display()
            )
        })?;
        sync_dir(&self.versions)
    }

    /// The name (less the process id) of a folder moved aside by [`Self::replace_folder`].
    fn old_folder_prefix(&self) -> String {
        format!(".{}.rapportbok-gammal-", self.name)
    }

    /// The link's text for `version`: relative, so the pair can be moved together.
    fn relative_link(&self, version: &Version) -> PathBuf {
        Path::new(&format!("{}.versioner", self.name)).join(version.name())
    }

    /// Point the link at `version` with one rename(2) of a fresh link over it.
    pub fn point_to(&self, version: &Version) -> anyhow::Result<()> {
        let relative = self.relative_link(version);
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

    /// Remove the oldest versions so that `keep` remain, never the current one, and never a
    /// folder holding files rapportbok did not write (those are named in `refused`).
    pub fn prune(&self, keep: usize) -> anyhow::Result<Pruned> {
        self.current()?;
        let _lock = Lock::take(&self.versions)?;
        let current = self.current()?.map(|v| v.number);
        let versions = self.versions()?;
        let excess = versions.len().saturating_sub(keep.max(1));
        let mut pruned = Pruned::default();
        for v in versions.into_iter().take(excess) {
            if Some(v.number) == current {
                continue;
            }
            if let Some(why) = not_ours(&v.dir)? {
                pruned.refused.push(why);
                continue;
            }
            std::fs::remove_dir_all(&v.dir)
                .with_context(|| format!("kunde inte ta bort {}", v.dir.display()))?;
            pruned.removed.push(v);
        }
        Ok(pruned)
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
        let old_prefix = self.old_folder_prefix();
        if let Ok(entries) = std::fs::read_dir(&self.parent) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                if name.starts_with(&prefix) || (name.starts_with(&old_prefix) && !is_dir) {
                    let _ = std::fs::remove_file(entry.path());
                } else if name.starts_with(&old_prefix) {
                    self.file_old_folder(&entry.path())?;
                }
            }
        }
        Ok(())
    }

    /// An earlier build folder left beside the link by a publish stopped right after the
    /// exchange: it becomes the version before the current one.
    fn file_old_folder(&self, old: &Path) -> anyhow::Result<()> {
        let place = self
            .current()?
            .and_then(|v| v.number.checked_sub(1))
            .filter(|n| *n > 0)
            .map(|n| self.versions.join(version_name(n)))
            .filter(|dir| !dir.exists());
        match place {
            Some(dir) => std::fs::rename(old, &dir).with_context(|| {
                format!("kunde inte flytta {} till {}", old.display(), dir.display())
            }),
            None => Ok(()),
        }
    }
}

/// Swap two names in one step (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("inget atomiskt namnbyte här"))
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
    fn a_failed_write_leaves_no_half_written_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = Target::new(&dir.path().join("www")).expect("target");
        // A file where a folder must go fails the write part-way, as a full disk would.
        let files = vec![
            ("a".to_string(), b"1".to_vec()),
            ("a/b.html".to_string(), b"2".to_vec()),
        ];
        assert!(target.publish(&files).is_err());
        let left: Vec<_> = std::fs::read_dir(&target.versions)
            .expect("versions")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(!target.link.exists());
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
