//! `rapportbok.lock`: the exact plugin versions a book was resolved to, with a content hash
//! of each, so the book renders the same next month unless someone updates on purpose.

use std::path::{Path, PathBuf};

use semver::Version;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::manifest::MANIFEST_FILE;
use crate::config::toml_diagnostic;
use crate::diag::Diagnostic;

pub const LOCK_FILE: &str = "rapportbok.lock";

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    #[serde(default, rename = "plugin")]
    pub plugins: Vec<Locked>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locked {
    pub name: String,
    pub version: Version,
    /// `sha256:` and the hex digest of the plugin's manifest and script files.
    pub hash: String,
}

impl Lock {
    /// Read the lock file; `None` when there is none yet.
    pub fn load(path: &Path) -> Result<Option<Lock>, Diagnostic> {
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::file(path, format!("kunde inte läsa filen: {e}")))?;
        toml::from_str(&text)
            .map(Some)
            .map_err(|e| toml_diagnostic(&e, &text, path))
    }

    pub fn get(&self, name: &str) -> Option<&Locked> {
        self.plugins.iter().find(|p| p.name == name)
    }

    /// The file's text: sorted by name, so it diffs well in version control.
    pub fn to_text(&self) -> String {
        let mut plugins = self.plugins.clone();
        plugins.sort_by(|a, b| a.name.cmp(&b.name));
        let mut out = String::from(
            "# Skriven av rapportbok: exakt vilka versioner av tilläggen boken använder.\n# Ändra inte för hand; kör `rapportbok plugins update` för att uppdatera.\n",
        );
        for p in plugins {
            out.push_str(&format!(
                "\n[[plugin]]\nname = \"{}\"\nversion = \"{}\"\nhash = \"{}\"\n",
                p.name, p.version, p.hash
            ));
        }
        out
    }

    /// Write the lock file if its content changed; returns whether it was written.
    pub fn save(&self, path: &Path) -> Result<bool, Diagnostic> {
        let text = self.to_text();
        if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
            return Ok(false);
        }
        std::fs::write(path, text)
            .map_err(|e| Diagnostic::file(path, format!("kunde inte skriva låsfilen: {e}")))?;
        Ok(true)
    }
}

/// A plugin's files as read once from disk: every script plus `plugin.toml`, as
/// (path relative to the plugin folder, bytes). The hash and the compiler both take these,
/// so what runs is exactly what was hashed.
pub type PluginFiles = Vec<(PathBuf, Vec<u8>)>;

/// Read `scripts` and the manifest from `dir`, each once.
pub fn read_plugin_files(dir: &Path, scripts: &[PathBuf]) -> Result<PluginFiles, Diagnostic> {
    let mut rels: Vec<PathBuf> = scripts.to_vec();
    rels.push(PathBuf::from(MANIFEST_FILE));
    rels.sort();
    rels.into_iter()
        .map(|rel| {
            let path = dir.join(&rel);
            std::fs::read(&path)
                .map(|bytes| (rel, bytes))
                .map_err(|e| Diagnostic::file(&path, format!("kunde inte läsa filen: {e}")))
        })
        .collect()
}

/// The content hash of a plugin's files (names and bytes), as `sha256:<hex>`.
pub fn content_hash(files: &PluginFiles) -> String {
    let mut hasher = Sha256::new();
    for (rel, bytes) in files {
        let name = rel.to_string_lossy().replace('\\', "/");
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        let lock = Lock {
            plugins: vec![
                Locked {
                    name: "b".into(),
                    version: Version::new(1, 0, 0),
                    hash: "sha256:00".into(),
                },
                Locked {
                    name: "a".into(),
                    version: Version::new(2, 1, 3),
                    hash: "sha256:ff".into(),
                },
            ],
        };
        let text = lock.to_text();
        assert!(text.find("name = \"a\"") < text.find("name = \"b\""));
        let back: Lock = toml::from_str(&text).expect("parses");
        assert_eq!(back.get("a"), lock.get("a"));
        assert_eq!(back.plugins.len(), 2);
    }

    #[test]
    fn hash_changes_with_content_and_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(MANIFEST_FILE), "x").expect("write");
        std::fs::write(dir.path().join("a.rhai"), "fn f() { 1 }").expect("write");
        let files = vec![PathBuf::from("a.rhai")];
        let hash = || content_hash(&read_plugin_files(dir.path(), &files).expect("read"));
        let h1 = hash();
        assert!(h1.starts_with("sha256:") && h1.len() == 7 + 64, "{h1}");
        assert_eq!(h1, hash());
        std::fs::write(dir.path().join("a.rhai"), "fn f() { 2 }").expect("write");
        assert_ne!(h1, hash());
    }
}
