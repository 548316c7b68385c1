//! SQL sources: `[sources.NAME]` in book.toml, `sql()` queries run read-only with params the
//! server binds, and every result kept in the book as a snapshot that builds read instead of
//! the server (until `--uppdatera`). A warehouse is one implementation of [`Warehouse`].

mod columns;
pub mod config;
mod error;
mod param;
mod pgpass;
pub mod position;
mod postgres;
pub mod snapshot;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use config::{SourceConfig, SourceKind};
pub use error::SourceError;
pub use param::Param;

use crate::config::Limits;
use crate::table::Table;

/// What one query may use, from `[limits]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryLimits {
    /// The statement timeout.
    pub timeout_ms: u64,
    pub max_rows: usize,
    pub max_bytes: u64,
}

impl From<&Limits> for QueryLimits {
    fn from(l: &Limits) -> Self {
        QueryLimits {
            timeout_ms: l.query_timeout_ms,
            max_rows: l.max_query_rows,
            max_bytes: l.max_query_bytes,
        }
    }
}

/// A data warehouse rapportbok can query. Adding one (SQL Server, ODBC) is a new
/// [`SourceKind`] and an implementation of this: connect with the source's settings, run
/// `query` read-only with `params` bound by the server and `limits` enforced, and push each
/// row into [`columns`]' builders as it arrives.
pub trait Warehouse {
    fn fetch(
        &self,
        query: &str,
        params: &[Param],
        limits: &QueryLimits,
    ) -> Result<Table, SourceError>;
}

fn warehouse(name: &str, config: &SourceConfig) -> Box<dyn Warehouse> {
    match config.kind {
        SourceKind::Postgres => Box::new(postgres::Postgres {
            name: name.to_string(),
            config: config.clone(),
        }),
    }
}

/// The result of one `sql()` call.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub table: Table,
    /// The snapshot the table came from or was written to.
    pub snapshot: PathBuf,
    /// True when the server was queried (no snapshot yet, or `--uppdatera`).
    pub queried: bool,
}

/// Size and modification time: a snapshot whose fingerprint changed is read again.
type Fingerprint = Option<(u64, std::time::SystemTime)>;

fn fingerprint(file: &Path) -> Fingerprint {
    let meta = std::fs::metadata(file).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The book's sources for one build or preview session: their settings, where snapshots
/// live, whether to refresh them, and the snapshots already read.
#[derive(Default)]
pub struct Sources {
    configs: BTreeMap<String, SourceConfig>,
    /// `snapshots/` in the data folder.
    data_dir: PathBuf,
    /// `--uppdatera`: query the server once per query this session, even with a snapshot.
    refresh: bool,
    /// The editor's diagnostics of unsaved text: snapshots only, no query on a keystroke.
    offline: bool,
    refreshed: Mutex<HashSet<PathBuf>>,
    /// One query at a time goes to the servers, so that two notebooks asking the same
    /// question in a parallel build ask it once.
    querying: Mutex<()>,
    tables: Mutex<HashMap<PathBuf, (Fingerprint, Table)>>,
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sources")
            .field("sources", &self.configs.keys().collect::<Vec<_>>())
            .field("refresh", &self.refresh)
            .finish()
    }
}

impl Sources {
    pub fn new(configs: &BTreeMap<String, SourceConfig>, data_dir: &Path, refresh: bool) -> Self {
        Sources {
            configs: configs.clone(),
            data_dir: data_dir.to_path_buf(),
            refresh,
            ..Sources::default()
        }
    }

    /// Sources that only read snapshots (the editor's diagnostics while typing): a query
    /// without one runs when the notebook is saved, not on a keystroke.
    pub fn offline(configs: &BTreeMap<String, SourceConfig>, data_dir: &Path) -> Self {
        Sources {
            offline: true,
            ..Sources::new(configs, data_dir, false)
        }
    }

    pub fn refreshing(&self) -> bool {
        self.refresh
    }

    /// The snapshot file of a query, relative to the data folder (it may not exist yet).
    pub fn snapshot_name(&self, source: &str, query: &str, params: &[Param]) -> String {
        snapshot::relative_path(source, &snapshot::query_hash(source, query, params))
    }

    /// The table for `query` on `source` with `params`: from its snapshot when there is one
    /// (and `--uppdatera` was not given), else from the server, then kept as the snapshot.
    pub fn fetch(
        &self,
        source: &str,
        query: &str,
        params: &[Param],
        limits: &QueryLimits,
    ) -> Result<Fetched, SourceError> {
        let config = self
            .configs
            .get(source)
            .ok_or_else(|| SourceError::Unknown {
                name: source.to_string(),
                known: self.configs.keys().cloned().collect(),
            })?;
        let hash = snapshot::query_hash(source, query, params);
        let file = snapshot::path(&self.data_dir, source, &hash);
        if let Some(table) = self.read_snapshot(&file)? {
            return Ok(Fetched {
                table,
                snapshot: file,
                queried: false,
            });
        }
        if self.offline {
            return Err(SourceError::NotRunYet {
                source: source.to_string(),
            });
        }
        let _one_at_a_time = self.querying.lock().unwrap_or_else(|p| p.into_inner());
        // Another notebook may have fetched it while this one waited.
        if let Some(table) = self.read_snapshot(&file)? {
            return Ok(Fetched {
                table,
                snapshot: file,
                queried: false,
            });
        }
        let table = warehouse(source, config).fetch(query, params, limits)?;
        let header = snapshot::Header {
            source: source.to_string(),
            hash,
            query: query.to_string(),
            params: params.iter().map(Param::canonical).collect(),
            rows: table.len(),
            fetched: snapshot::utc_now(),
            sha256: String::new(),
            columns: Vec::new(),
        };
        snapshot::write(&file, header, &table)?;
        if let Ok(mut r) = self.refreshed.lock() {
            r.insert(file.clone());
        }
        if let Ok(mut t) = self.tables.lock() {
            t.insert(file.clone(), (fingerprint(&file), table.clone()));
        }
        Ok(Fetched {
            table,
            snapshot: file,
            queried: true,
        })
    }

    /// The snapshot's table, unless there is none or it is to be refreshed.
    fn read_snapshot(&self, file: &Path) -> Result<Option<Table>, SourceError> {
        let stale = self.refresh
            && !self
                .refreshed
                .lock()
                .map(|r| r.contains(file))
                .unwrap_or(false);
        if stale || !file.is_file() {
            return Ok(None);
        }
        let now = fingerprint(file);
        let cached = self.tables.lock().ok().and_then(|t| {
            t.get(file)
                .filter(|(fp, _)| now.is_some() && *fp == now)
                .map(|(_, table)| table.clone())
        });
        if let Some(table) = cached {
            return Ok(Some(table));
        }
        let (_, table) = snapshot::read(file)?;
        if let Ok(mut t) = self.tables.lock() {
            t.insert(file.to_path_buf(), (now, table.clone()));
        }
        Ok(Some(table))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configs() -> BTreeMap<String, SourceConfig> {
        let c = crate::config::Config::parse(
            "[sources.lager]\ntype = \"postgres\"\nurl-env = \"RB_TEST_URL_THAT_IS_NOT_SET\"\n",
            Path::new("book.toml"),
        )
        .expect("config");
        c.sources
    }

    const LIMITS: QueryLimits = QueryLimits {
        timeout_ms: 1000,
        max_rows: 10,
        max_bytes: 1000,
    };

    #[test]
    fn a_snapshot_answers_without_the_server_and_refresh_asks_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let params = [Param::Text("2024-02".into())];
        let query = "select 1 as n";
        let sources = Sources::new(&configs(), dir.path(), false);
        // No snapshot and no URL: the server is asked, and the error names the variable.
        let e = sources
            .fetch("lager", query, &params, &LIMITS)
            .expect_err("no url");
        assert!(
            e.to_string()
                .contains("miljövariabeln RB_TEST_URL_THAT_IS_NOT_SET är inte satt"),
            "{e}"
        );
        // A snapshot written for this query and params is read instead.
        let file = dir
            .path()
            .join(sources.snapshot_name("lager", query, &params));
        let mut n = columns::ColumnBuilder::new("n", columns::Kind::Int);
        n.push_int(1);
        let table = columns::finish(vec![n]).expect("table");
        let header = snapshot::Header {
            source: "lager".into(),
            hash: snapshot::query_hash("lager", query, &params),
            query: query.into(),
            params: params.iter().map(Param::canonical).collect(),
            rows: 0,
            fetched: snapshot::utc_now(),
            sha256: String::new(),
            columns: Vec::new(),
        };
        snapshot::write(&file, header, &table).expect("write");
        let got = sources
            .fetch("lager", query, &params, &LIMITS)
            .expect("snapshot");
        assert!(!got.queried);
        assert_eq!(got.table.len(), 1);
        // Other params are another question.
        let other = [Param::Text("2024-03".into())];
        assert!(sources.fetch("lager", query, &other, &LIMITS).is_err());
        // --uppdatera asks the server even with a snapshot, and keeps the snapshot on failure.
        let refresh = Sources::new(&configs(), dir.path(), true);
        assert!(refresh.fetch("lager", query, &params, &LIMITS).is_err());
        assert!(snapshot::read(&file).is_ok());
        // The editor's unsaved text never asks the server.
        let offline = Sources::offline(&configs(), dir.path());
        assert!(offline.fetch("lager", query, &params, &LIMITS).is_ok());
        let e = offline
            .fetch("lager", query, &other, &LIMITS)
            .expect_err("offline");
        assert!(
            e.to_string().contains("körs mot databasen när du sparar"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_source_lists_the_known_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = Sources::new(&configs(), dir.path(), false)
            .fetch("lagret", "select 1", &[], &LIMITS)
            .expect_err("unknown");
        assert_eq!(
            e.to_string(),
            "källan `lagret` finns inte i book.toml; källor där: `lager`"
        );
    }
}
