//! Finding plugins: every folder with a `plugin.toml` in the search paths, and its files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::manifest::{MANIFEST_FILE, Manifest};
use crate::diag::Diagnostic;

/// One plugin version found on disk.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub manifest: Manifest,
    /// The plugin's folder, canonical.
    pub dir: PathBuf,
}

/// Every plugin found, by name, each name's versions in search-path order.
#[derive(Debug, Default)]
pub struct Found {
    pub by_name: BTreeMap<String, Vec<Candidate>>,
    /// Manifests that could not be read; reported when a plugin turns out to be missing.
    pub broken: Vec<Diagnostic>,
}

/// Look through `search_paths` in order. A search path is either a plugin folder itself or
/// a folder of plugin folders. When the same name and version is found twice, the first wins.
pub fn discover(search_paths: &[PathBuf]) -> Result<Found, Diagnostic> {
    let mut found = Found::default();
    for path in search_paths {
        if !path.is_dir() {
            return Err(Diagnostic::file(
                path,
                "sökvägen för tillägg finns inte (se [plugins] paths i book.toml)",
            ));
        }
        let dirs: Vec<PathBuf> = if path.join(MANIFEST_FILE).is_file() {
            vec![path.clone()]
        } else {
            let mut dirs: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Diagnostic::file(path, format!("kunde inte läsa mappen: {e}")))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.join(MANIFEST_FILE).is_file())
                .collect();
            dirs.sort();
            dirs
        };
        for dir in dirs {
            let manifest = match Manifest::load(&dir) {
                Ok(m) => m,
                Err(d) => {
                    found.broken.push(d);
                    continue;
                }
            };
            let Ok(dir) = dir.canonicalize() else {
                continue;
            };
            // A plugin folder that is a link to somewhere else is not in the search path.
            if path
                .canonicalize()
                .is_ok_and(|root| !dir.starts_with(&root))
            {
                found.broken.push(Diagnostic::file(
                    &dir,
                    format!(
                        "tillägget `{}` leder ut ur sökvägen {} (via en länk); tillägg läses bara i sökvägarna under [plugins] paths",
                        manifest.name,
                        path.display()
                    ),
                ));
                continue;
            }
            let versions = found.by_name.entry(manifest.name.clone()).or_default();
            if !versions
                .iter()
                .any(|c| c.manifest.version == manifest.version)
            {
                versions.push(Candidate { manifest, dir });
            }
        }
    }
    Ok(found)
}

/// The plugin's script files (`.rhai`, in subfolders too, not under `tests/`), relative to
/// its folder and sorted. A file or link that leads out of the folder is an error.
pub fn script_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Diagnostic::file(dir, format!("kunde inte läsa mappen: {e}")))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || (dir == root && name == "tests") {
            continue;
        }
        let real = path
            .canonicalize()
            .map_err(|e| Diagnostic::file(&path, format!("kunde inte läsa: {e}")))?;
        if !real.starts_with(root) {
            return Err(Diagnostic::file(
                &path,
                "filen leder ut ur tilläggets mapp (via en länk); ett tillägg får bara innehålla sina egna filer",
            ));
        }
        if real.is_dir() {
            walk(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "rhai") {
            if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    Ok(())
}
