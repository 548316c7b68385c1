//! A site folder on disk: writing a version (every file synced, and the marker listing
//! them), reading a site back, and finding the files in it that rapportbok did not write.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::Path;

use anyhow::Context;

use super::target::STOP_AFTER_ENV;
use crate::build::SITE_MARKER;
use crate::build::write::{marker_files, marker_text, site_entries};

/// Every file below `dir` (following the link), path → bytes, dotfiles included: only the
/// marker rapportbok writes at the top is left out.
pub fn read_site(dir: &Path) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    for rel in site_entries(dir)? {
        if rel == SITE_MARKER {
            continue;
        }
        let path = dir.join(&rel);
        let bytes =
            std::fs::read(&path).with_context(|| format!("kunde inte läsa {}", path.display()))?;
        out.insert(rel, bytes);
    }
    Ok(out)
}

/// Why rapportbok may not treat `dir` as its own (move it, or remove it when pruning): no
/// marker, or files the marker does not list. `None` when every file is rapportbok's.
/// A marker from before markers listed their files is trusted.
pub fn not_ours(dir: &Path) -> anyhow::Result<Option<String>> {
    let Ok(marker) = std::fs::read_to_string(dir.join(SITE_MARKER)) else {
        return Ok(Some(format!(
            "{} saknar rapportboks markering {SITE_MARKER}",
            dir.display()
        )));
    };
    let Some(listed) = marker_files(&marker) else {
        return Ok(None);
    };
    let foreign: Vec<String> = site_entries(dir)?
        .into_iter()
        .filter(|p| p != SITE_MARKER && !listed.contains(p.as_str()))
        .collect();
    Ok((!foreign.is_empty()).then(|| {
        format!(
            "{} innehåller filer som rapportbok inte skrivit: {}",
            dir.display(),
            foreign.join(", ")
        )
    }))
}

/// Write and sync every file, the marker, and every folder.
pub(super) fn write_version<B: AsRef<[u8]>>(
    dir: &Path,
    files: &[(String, B)],
) -> anyhow::Result<()> {
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
        marker_text(
            "Publicerad av rapportbok. Versionerna byts med rapportbok publish.\n",
            files,
        )
        .as_bytes(),
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
pub(super) fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("kunde inte synka {}", dir.display()))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

pub(super) fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}
