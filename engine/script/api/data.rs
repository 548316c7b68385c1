//! Reading files from the book's data folder, and only from there: `read_text`, `read_csv`,
//! `read_xlsx`. A file is parsed once and kept until it changes on disk ([`DataCache`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rhai::{Dynamic, Engine, EvalAltResult, Map};

use super::fail;
use super::overloads::{OptionIndex, OptionKey, key, names};
use crate::data::{ColumnType, ReadOptions, read_csv, read_xlsx};
use crate::number::DecimalMark;
use crate::paths::resolve_inside;
use crate::script::RunContext;
use crate::table::Table;

type R<T> = Result<T, Box<EvalAltResult>>;

thread_local! {
    /// Data files read on this thread since the last [`take_reads`]. A notebook runs on one
    /// thread, item by item, so the runner learns exactly which files each item read.
    static READS: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
}

/// Resolve a data file a script asked for, confined to `data_dir`, and log the read.
/// Every built-in that reads data goes through here, so incremental runs know what to re-run.
pub(crate) fn resolve_data(data_dir: &Path, requested: &str) -> R<PathBuf> {
    match resolve_inside(data_dir, requested) {
        Ok(file) => {
            READS.with(|r| r.borrow_mut().push(file.clone()));
            Ok(file)
        }
        Err(e) => {
            // Logged too: a cell that failed on a missing file runs again once it appears.
            let dir = data_dir
                .canonicalize()
                .unwrap_or_else(|_| data_dir.to_path_buf());
            READS.with(|r| r.borrow_mut().push(dir.join(requested)));
            Err(fail(e.message(requested, data_dir)))
        }
    }
}

/// The data files read on this thread since the last call (each once, in first-read order).
pub(crate) fn take_reads() -> Vec<PathBuf> {
    let mut reads = READS.with(|r| std::mem::take(&mut *r.borrow_mut()));
    let mut seen = std::collections::HashSet::new();
    reads.retain(|p| seen.insert(p.clone()));
    reads
}

/// What a file was read as: the cache key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Source {
    Csv(PathBuf, ReadOptions),
    Xlsx(PathBuf, String, Option<String>),
}

impl Source {
    fn file(&self) -> &Path {
        match self {
            Source::Csv(p, _) | Source::Xlsx(p, _, _) => p,
        }
    }
}

/// Size and modification time: a file whose fingerprint changed is read again.
type Fingerprint = Option<(u64, std::time::SystemTime)>;

fn fingerprint(file: &Path) -> Fingerprint {
    let meta = std::fs::metadata(file).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Parsed data files. A build shares one across its notebooks; the preview keeps one for as
/// long as it runs, so an edit does not parse a large export again. Tables are `Arc`-backed,
/// so a hit is a cheap clone.
#[derive(Default)]
pub struct DataCache {
    tables: Mutex<HashMap<Source, (Fingerprint, Table)>>,
}

impl std::fmt::Debug for DataCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.tables.lock().map(|t| t.len()).unwrap_or(0);
        write!(f, "DataCache({n} tables)")
    }
}

type Cache = Arc<DataCache>;

fn cached(cache: &Cache, key: Source, load: impl FnOnce() -> Result<Table, String>) -> R<Table> {
    let now = fingerprint(key.file());
    if let Some(t) = cache.tables.lock().ok().and_then(|c| {
        c.get(&key)
            .filter(|(fp, _)| *fp == now && now.is_some())
            .map(|(_, t)| t.clone())
    }) {
        return Ok(t);
    }
    let table = load().map_err(fail)?;
    if let Ok(mut c) = cache.tables.lock() {
        c.insert(key, (now, table.clone()));
    }
    Ok(table)
}

/// The keys of `read_csv`'s options map: what [`options`] understands, and what the
/// editor's completion offers after `read_csv("…", #{`.
const READ_CSV_OPTIONS: [OptionKey; 4] = [
    key("types", "kolumnernas typer, t.ex. #{ Konto: \"text\" }"),
    key(
        "separator",
        "avgränsaren: \";\", \",\" eller \"tab\" (standard: gissas)",
    ),
    key("decimal", "decimaltecknet: \",\" eller \".\""),
    key(
        "thousands",
        "tusentalsavgränsaren: \".\" eller \" \" (mellanslag, standard)",
    ),
];

/// `#{ types: #{ Konto: "text" }, separator: ";", decimal: "," }`.
fn options(map: &Map) -> R<ReadOptions> {
    let mut opts = ReadOptions::default();
    for (key, value) in map {
        match key.as_str() {
            "types" => {
                let types = value
                    .read_lock::<Map>()
                    .ok_or_else(|| fail("types ska vara en map: #{ Konto: \"text\" }"))?;
                for (col, t) in types.iter() {
                    let name = t.clone().into_immutable_string().unwrap_or_default();
                    let kind = ColumnType::parse(&name).map_err(fail)?;
                    opts.types.push((col.to_string(), kind));
                }
            }
            "separator" => {
                let s = value.clone().into_immutable_string().unwrap_or_default();
                opts.separator = Some(match s.as_str() {
                    ";" => b';',
                    "," => b',',
                    "\t" | "tab" => b'\t',
                    _ => {
                        return Err(fail(format!(
                            "avgränsaren `{s}` stöds inte; använd \";\", \",\" eller \"tab\""
                        )));
                    }
                });
            }
            "decimal" => {
                let s = value.clone().into_immutable_string().unwrap_or_default();
                opts.decimal = Some(match s.as_str() {
                    "," => DecimalMark::Comma,
                    "." => DecimalMark::Point,
                    _ => {
                        return Err(fail(format!(
                            "decimaltecknet `{s}` stöds inte; använd \",\" eller \".\""
                        )));
                    }
                });
            }
            "thousands" => {
                let s = value.clone().into_immutable_string().unwrap_or_default();
                opts.thousands_dot = match s.as_str() {
                    "." => true,
                    " " => false,
                    _ => {
                        return Err(fail(format!(
                            "tusentalsavgränsaren `{s}` stöds inte; använd \".\" eller \" \" (mellanslag, standard)"
                        )));
                    }
                };
            }
            other => {
                let known = names(&READ_CSV_OPTIONS);
                let (last, rest) = known.split_last().unwrap_or((&"", &[]));
                return Err(fail(format!(
                    "okänd inställning `{other}`; read_csv förstår {} och {last}",
                    rest.join(", ")
                )));
            }
        }
    }
    if opts.thousands_dot {
        if opts.decimal == Some(DecimalMark::Point) {
            return Err(fail(
                "punkten kan inte både skilja tusental och vara decimaltecken; ange decimal: \",\" eller ta bort thousands",
            ));
        }
        opts.decimal = Some(DecimalMark::Comma);
    }
    opts.types.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(opts)
}

/// Where the running notebook reads data files from, how large one may be, and the parsed
/// files kept (from the run on this thread).
struct Folder {
    ctx: Arc<RunContext>,
}

impl Folder {
    fn current() -> R<Folder> {
        crate::script::sandbox::context()
            .map(|ctx| Folder { ctx })
            .ok_or_else(|| fail("datafiler kan bara läsas när en notebook körs"))
    }

    fn dir(&self) -> &Path {
        &self.ctx.data_dir
    }

    fn max_bytes(&self) -> u64 {
        self.ctx.limits.max_data_file_mb.saturating_mul(1024 * 1024)
    }

    fn cache(&self) -> &Cache {
        &self.ctx.data_cache
    }
}

pub fn register(engine: &mut Engine, keys: &mut OptionIndex) {
    keys.add("read_csv", &READ_CSV_OPTIONS);
    engine.register_fn("read_text", |path: &str| -> R<Dynamic> {
        read_text(&Folder::current()?, path).map(crate::table::data_text)
    });
    engine.register_fn("read_csv", |path: &str| -> R<Table> {
        csv(&Folder::current()?, path, ReadOptions::default())
    });
    engine.register_fn("read_csv", |path: &str, opts: Map| -> R<Table> {
        csv(&Folder::current()?, path, options(&opts)?)
    });
    engine.register_fn("read_xlsx", |path: &str, sheet: &str| -> R<Table> {
        xlsx(&Folder::current()?, path, sheet, None)
    });
    engine.register_fn(
        "read_xlsx",
        |path: &str, sheet: &str, range: &str| -> R<Table> {
            xlsx(&Folder::current()?, path, sheet, Some(range))
        },
    );
}

fn csv(folder: &Folder, path: &str, opts: ReadOptions) -> R<Table> {
    let file = resolve_data(folder.dir(), path)?;
    let key = Source::Csv(file.clone(), opts.clone());
    cached(folder.cache(), key, || {
        read_csv(&file, path, &opts, folder.max_bytes())
    })
}

fn xlsx(folder: &Folder, path: &str, sheet: &str, range: Option<&str>) -> R<Table> {
    let file = resolve_data(folder.dir(), path)?;
    let key = Source::Xlsx(file.clone(), sheet.to_string(), range.map(str::to_string));
    cached(folder.cache(), key, || {
        read_xlsx(&file, path, sheet, range, folder.max_bytes())
    })
}

fn read_text(folder: &Folder, path: &str) -> R<String> {
    let file = resolve_data(folder.dir(), path)?;
    let bytes = crate::data::read_bounded(&file, path, folder.max_bytes()).map_err(fail)?;
    String::from_utf8(bytes).map_err(|e| fail(format!("kunde inte läsa `{path}`: {e}")))
}
