//! Provenance: what a page was made from (notebook, parameters, data files with SHA-256
//! content hashes, plugins, rapportbok version), collected after the run; deterministic.
//! The site carries every page's provenance as data in its [`manifest`].

pub mod manifest;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::period::Period;
use crate::plugins::Plugins;

/// The rapportbok version that built the page.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A file a page was made from, with the SHA-256 of its bytes (`None`: it could not be read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHash {
    /// As the user knows it: relative to the data folder (or the source folder for notebooks).
    pub name: String,
    /// Lowercase hex.
    pub sha256: Option<String>,
}

/// A plugin as it was used: name, exact version, content hash (as in `rapportbok.lock`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginUse {
    pub name: String,
    pub version: String,
    pub hash: String,
}

/// Everything one page was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Provenance {
    /// The notebook file (none for generated pages such as the reference).
    pub notebook: Option<FileHash>,
    /// The parameters after precedence, as (name, value), sorted by name.
    pub params: Vec<(String, String)>,
    /// Every data file the page read, in first-read order.
    pub data: Vec<FileHash>,
    pub plugins: Vec<PluginUse>,
    pub version: String,
    /// Every SQL query the page used, from its snapshot (in data read order).
    pub sql: Vec<SqlUse>,
}

/// An SQL query as it was used: source, query hash, rows, and when its snapshot was fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SqlUse {
    pub source: String,
    pub hash: String,
    pub rows: usize,
    /// UTC, as the snapshot gives it (`2026-12-04T14:03:11Z`).
    pub fetched: String,
}

impl Provenance {
    /// The provenance of a notebook page: `source` is the notebook file and `source_name` its
    /// path in the book; `data_reads` are the files the run read, below `data_dir`.
    pub fn collect(
        source: &Path,
        source_name: &str,
        params: &rhai::Map,
        data_dir: &Path,
        data_reads: &[PathBuf],
        plugins: &Plugins,
        hashes: &HashCache,
    ) -> Provenance {
        let data_root = data_dir
            .canonicalize()
            .unwrap_or_else(|_| data_dir.to_path_buf());
        Provenance {
            notebook: Some(FileHash {
                name: source_name.to_string(),
                sha256: file_sha256(source),
            }),
            params: params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            data: data_reads
                .iter()
                .map(|p| FileHash {
                    name: p
                        .strip_prefix(&data_root)
                        .unwrap_or(p)
                        .to_string_lossy()
                        .replace('\\', "/"),
                    sha256: hashes.sha256(p),
                })
                .collect(),
            sql: data_reads
                .iter()
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e == crate::source::snapshot::EXTENSION)
                })
                .filter_map(|p| hashes.snapshot(p))
                .collect(),
            ..Provenance::generated(plugins)
        }
    }

    /// The provenance of a generated page: only the plugins and the version.
    pub fn generated(plugins: &Plugins) -> Provenance {
        Provenance {
            notebook: None,
            params: Vec::new(),
            data: Vec::new(),
            plugins: plugins
                .list
                .iter()
                .map(|p| PluginUse {
                    name: p.manifest.name.clone(),
                    version: p.manifest.version.to_string(),
                    hash: p.hash.clone(),
                })
                .collect(),
            version: VERSION.to_string(),
            sql: Vec::new(),
        }
    }

    /// The report period in words (`februari 2024`), from the `period` parameter.
    pub fn period(&self) -> Option<String> {
        let (_, value) = self.params.iter().find(|(k, _)| k == "period")?;
        Period::parse(value).map(Period::long)
    }
}

/// What this build already read from files, kept while a file's size and modification time
/// stay the same: content hashes (a large export read by many notebooks is hashed once) and
/// SQL snapshot headers (a snapshot used by many pages is read once).
#[derive(Debug, Default)]
pub struct HashCache {
    hashes: Mutex<HashMap<PathBuf, (Stamp, Option<String>)>>,
    snapshots: Mutex<HashMap<PathBuf, (Stamp, Option<SqlUse>)>>,
}

/// A file's size and modification time (`None`: it could not be read).
type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path)
        .ok()
        .and_then(|m| Some((m.len(), m.modified().ok()?)))
}

/// The value `compute` gives for the file at `path`, from `cache` when the file is unchanged.
fn cached<T: Clone>(
    cache: &Mutex<HashMap<PathBuf, (Stamp, T)>>,
    path: &Path,
    compute: impl FnOnce(&Path) -> T,
) -> T {
    let stamp = stamp(path);
    if let Some((_, value)) = cache.lock().ok().and_then(|c| {
        c.get(path)
            .filter(|(s, _)| s.is_some() && *s == stamp)
            .cloned()
    }) {
        return value;
    }
    let value = compute(path);
    if let Ok(mut c) = cache.lock() {
        c.insert(path.to_path_buf(), (stamp, value.clone()));
    }
    value
}

impl HashCache {
    /// The SHA-256 of the file at `path`, from the cache when the file is unchanged.
    pub fn sha256(&self, path: &Path) -> Option<String> {
        cached(&self.hashes, path, file_sha256)
    }

    /// The SQL query a snapshot file holds, from its header (read once while the file is
    /// unchanged); `None` when it is not a readable snapshot.
    pub fn snapshot(&self, path: &Path) -> Option<SqlUse> {
        cached(&self.snapshots, path, |p| {
            crate::source::snapshot::read_header(p).map(|h| SqlUse {
                source: h.source,
                hash: h.hash,
                rows: h.rows,
                fetched: h.fetched,
            })
        })
    }
}

/// The SHA-256 of a file's bytes as lowercase hex; `None` when it cannot be read.
pub fn file_sha256(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(sha256_hex(&bytes))
}

/// The SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256_of_the_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn collects_data_files_relative_to_the_data_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("data/sub")).expect("mkdir");
        std::fs::write(dir.path().join("data/sub/a.csv"), "x\n1\n").expect("write");
        std::fs::write(dir.path().join("kapitel.md"), "# K\n").expect("write");
        let data = dir.path().join("data");
        let read = data.canonicalize().expect("canon").join("sub/a.csv");
        let missing = data.canonicalize().expect("canon").join("borta.csv");
        let mut params = rhai::Map::new();
        params.insert("period".into(), rhai::Dynamic::from("2024-02".to_string()));
        let p = Provenance::collect(
            &dir.path().join("kapitel.md"),
            "kapitel.md",
            &params,
            &data,
            &[read.clone(), missing],
            &Plugins::default(),
            &HashCache::default(),
        );
        assert_eq!(p.data[0].name, "sub/a.csv");
        assert_eq!(
            p.data[0].sha256.as_deref(),
            Some(sha256_hex(b"x\n1\n").as_str())
        );
        assert_eq!(p.data[1].name, "borta.csv");
        assert_eq!(p.data[1].sha256, None);
        assert_eq!(
            p.notebook.as_ref().and_then(|n| n.sha256.clone()),
            Some(sha256_hex(b"# K\n"))
        );
        assert_eq!(
            p.params,
            vec![("period".to_string(), "2024-02".to_string())]
        );
        assert_eq!(p.period().as_deref(), Some("februari 2024"));
        assert_eq!(p.version, VERSION);
    }

    /// A snapshot file whose header says it holds `rows` rows.
    fn snapshot_text(rows: u8) -> String {
        format!(
            "+++\n# Ögonblicksbild\nsource = \"ekonomi\"\nhash = \"ab12\"\nquery = \"select 1\"\n\
             params = []\nrows = {rows}\nfetched = \"2026-12-04T14:03:11Z\"\nsha256 = \"00\"\n\
             columns = [[\"a\", \"int\"]]\n+++\na\n1\n"
        )
    }

    #[test]
    fn a_snapshot_header_is_read_once_for_every_page_that_used_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().canonicalize().expect("canon");
        let file = data.join("ekonomi-ab12.snapshot");
        std::fs::write(&file, snapshot_text(3)).expect("write");
        let cache = HashCache::default();
        let page = || {
            Provenance::collect(
                &data.join("kapitel.md"),
                "kapitel.md",
                &rhai::Map::new(),
                &data,
                std::slice::from_ref(&file),
                &Plugins::default(),
                &cache,
            )
        };
        let used = SqlUse {
            source: "ekonomi".into(),
            hash: "ab12".into(),
            rows: 3,
            fetched: "2026-12-04T14:03:11Z".into(),
        };
        assert_eq!(page().sql, std::slice::from_ref(&used));
        // Other bytes of the same size and time: the header is not read again.
        let when = std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("mtime");
        std::fs::write(&file, snapshot_text(4)).expect("write");
        let f = std::fs::File::options()
            .write(true)
            .open(&file)
            .expect("open");
        f.set_modified(when).expect("set mtime");
        assert_eq!(page().sql, std::slice::from_ref(&used));
        // A newer file is read again.
        f.set_modified(when + std::time::Duration::from_secs(2))
            .expect("set mtime");
        assert_eq!(page().sql, [SqlUse { rows: 4, ..used }]);
        // A file that is not a snapshot is no SQL use.
        std::fs::write(&file, "a\n1\n").expect("write");
        assert_eq!(page().sql, []);
    }

    #[test]
    fn the_hash_cache_notices_a_changed_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.csv");
        std::fs::write(&file, "1").expect("write");
        let cache = HashCache::default();
        assert_eq!(cache.sha256(&file), Some(sha256_hex(b"1")));
        assert_eq!(cache.sha256(&file), Some(sha256_hex(b"1")));
        std::fs::write(&file, "22").expect("write");
        assert_eq!(cache.sha256(&file), Some(sha256_hex(b"22")));
        std::fs::remove_file(&file).expect("remove");
        assert_eq!(cache.sha256(&file), None);
    }
}
