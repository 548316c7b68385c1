//! Plugins: shared Rhai modules with a manifest, found in search paths, resolved to exact
//! versions (recorded in `rapportbok.lock`), and imported by notebooks with `import "name"`.

mod compile;
pub mod discover;
pub mod doc;
pub mod lock;
pub mod manifest;
mod resolve;
mod resolver;
pub mod test;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use semver::VersionReq;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};

pub use compile::Code;
pub use discover::{Candidate, Found, discover, script_files};
pub use lock::{LOCK_FILE, Lock, Locked, PluginFiles, content_hash, read_plugin_files};
pub use manifest::{MANIFEST_FILE, Manifest};
pub use resolve::{Origin, resolve};
pub use resolver::PluginResolver;

/// One resolved plugin, compiled.
#[derive(Debug, Clone)]
pub struct Plugin {
    pub manifest: Manifest,
    /// Its folder, canonical.
    pub dir: PathBuf,
    /// Script files relative to `dir`.
    pub scripts: Vec<PathBuf>,
    pub hash: String,
    pub code: Code,
}

/// The plugins a run may import, in dependency order.
#[derive(Debug, Clone, Default)]
pub struct Plugins {
    pub list: Vec<Plugin>,
}

impl Plugins {
    pub fn get(&self, name: &str) -> Option<&Plugin> {
        self.list.iter().find(|p| p.manifest.name == name)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The lock that records exactly these plugins.
    pub fn to_lock(&self) -> Lock {
        Lock {
            plugins: self
                .list
                .iter()
                .map(|p| Locked {
                    name: p.manifest.name.clone(),
                    version: p.manifest.version.clone(),
                    hash: p.hash.clone(),
                })
                .collect(),
        }
    }
}

/// How the lock file is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockMode {
    /// Keep locked versions and check their hashes; add plugins that are not locked yet.
    Follow,
    /// Choose versions afresh (`rapportbok plugins update`).
    Update,
}

/// The book's search paths, relative ones taken from the book's folder.
pub fn search_paths(root: &Path, config: &Config) -> Vec<PathBuf> {
    config.plugins.paths.iter().map(|p| root.join(p)).collect()
}

/// Resolve, check and compile the plugins `book.toml` requires, and keep `rapportbok.lock`
/// in step. A book that requires no plugins gets an empty set and no lock file.
pub fn load_for_book(root: &Path, config: &Config, mode: LockMode) -> Result<Plugins, Diagnostics> {
    if config.plugins.require.is_empty() {
        return Ok(Plugins::default());
    }
    let lock_path = root.join(LOCK_FILE);
    let lock = match mode {
        LockMode::Follow => Lock::load(&lock_path)?,
        LockMode::Update => None,
    };
    let origin = Origin {
        file: root.join(crate::book::CONFIG_FILE),
        who: "book.toml".into(),
    };
    let plugins = load(
        &search_paths(root, config),
        &config.plugins.require,
        &origin,
        lock.as_ref(),
    )?;
    if let Some(lock) = &lock {
        check_hashes(&plugins, lock, &lock_path)?;
    }
    plugins.to_lock().save(&lock_path)?;
    Ok(plugins)
}

/// Resolve `roots` in `search_paths` and compile what was chosen.
pub fn load(
    search_paths: &[PathBuf],
    roots: &BTreeMap<String, VersionReq>,
    origin: &Origin,
    lock: Option<&Lock>,
) -> Result<Plugins, Diagnostics> {
    load_found(&discover(search_paths)?, roots, origin, lock)
}

/// Resolve `roots` among plugins already discovered and compile what was chosen
/// (`plugins test` discovers once and loads each plugin from the same findings).
pub fn load_found(
    found: &Found,
    roots: &BTreeMap<String, VersionReq>,
    origin: &Origin,
    lock: Option<&Lock>,
) -> Result<Plugins, Diagnostics> {
    let chosen = resolve(found, roots, origin, lock)?;
    let version =
        semver::Version::parse(env!("CARGO_PKG_VERSION")).unwrap_or(semver::Version::new(0, 0, 0));
    let mut list = Vec::with_capacity(chosen.len());
    let mut errors = Vec::new();
    for c in chosen {
        let manifest_path = c.dir.join(MANIFEST_FILE);
        if !c.manifest.rapportbok.matches(&version) {
            let line = std::fs::read_to_string(&manifest_path)
                .map(|t| manifest::line_of(&t, "rapportbok"))
                .unwrap_or(0);
            errors.push(Diagnostic::new(
                &manifest_path,
                line,
                0,
                format!(
                    "tillägget `{}` {} kräver rapportbok {}, men det här är version {version}",
                    c.manifest.name, c.manifest.version, c.manifest.rapportbok
                ),
            ));
            continue;
        }
        let scripts = match script_files(&c.dir) {
            Ok(s) => s,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        let files = match read_plugin_files(&c.dir, &scripts) {
            Ok(f) => f,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        let hash = content_hash(&files);
        match compile::compile(&c.manifest.name, &c.dir, &files) {
            Ok(code) => list.push(Plugin {
                manifest: c.manifest,
                dir: c.dir,
                scripts,
                hash,
                code,
            }),
            Err(mut ds) => errors.append(&mut ds),
        }
    }
    if errors.is_empty() {
        Ok(Plugins { list })
    } else {
        Err(Diagnostics(errors))
    }
}

/// A locked plugin whose files changed since it was locked is an error, not a surprise
/// in next month's report.
fn check_hashes(plugins: &Plugins, lock: &Lock, lock_path: &Path) -> Result<(), Diagnostics> {
    let errors: Vec<Diagnostic> = plugins
        .list
        .iter()
        .filter_map(|p| {
            let locked = lock.get(&p.manifest.name)?;
            (locked.hash != p.hash).then(|| {
                let line = std::fs::read_to_string(lock_path)
                    .map(|t| {
                        t.lines()
                            .position(|l| l.trim() == format!("name = \"{}\"", p.manifest.name))
                            .map_or(0, |i| i + 1)
                    })
                    .unwrap_or(0);
                Diagnostic::new(
                    lock_path,
                    line,
                    0,
                    format!(
                        "tillägget `{}` {} i {} har ändrats sedan det låstes (kontrollsumman stämmer inte med rapportbok.lock)",
                        p.manifest.name,
                        p.manifest.version,
                        p.dir.display()
                    ),
                )
                .with_hint(
                    "en ändrad version ska få ett nytt versionsnummer; om ändringen är avsiktlig, kör `rapportbok plugins update`",
                )
            })
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}
