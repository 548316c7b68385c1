//! Reading files from the book's data folder, and only from there: `read_text`, `read_csv`,
//! `read_xlsx`. Each file is parsed once per run (a per-run cache shared by all cells).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rhai::{Engine, EvalAltResult, Map};

use super::fail;
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

/// What a file was read as: the cache key within one run.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Source {
    Csv(PathBuf, ReadOptions),
    Xlsx(PathBuf, String, Option<String>),
}

/// Tables parsed so far in this run.
type Cache = Arc<Mutex<HashMap<Source, Table>>>;

fn cached(cache: &Cache, key: Source, load: impl FnOnce() -> Result<Table, String>) -> R<Table> {
    if let Some(t) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(t);
    }
    let table = load().map_err(fail)?;
    if let Ok(mut c) = cache.lock() {
        c.insert(key, table.clone());
    }
    Ok(table)
}

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
            other => {
                return Err(fail(format!(
                    "okänd inställning `{other}`; read_csv förstår types, separator och decimal"
                )));
            }
        }
    }
    opts.types.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(opts)
}

pub fn register(engine: &mut Engine, ctx: &RunContext) {
    let dir = ctx.data_dir.clone();
    engine.register_fn("read_text", move |path: &str| read_text(&dir, path));

    let cache: Cache = Arc::default();
    let (dir, c) = (ctx.data_dir.clone(), Arc::clone(&cache));
    engine.register_fn("read_csv", move |path: &str| -> R<Table> {
        csv(&dir, &c, path, ReadOptions::default())
    });
    let (dir, c) = (ctx.data_dir.clone(), Arc::clone(&cache));
    engine.register_fn("read_csv", move |path: &str, opts: Map| -> R<Table> {
        csv(&dir, &c, path, options(&opts)?)
    });
    let (dir, c) = (ctx.data_dir.clone(), Arc::clone(&cache));
    engine.register_fn("read_xlsx", move |path: &str, sheet: &str| -> R<Table> {
        xlsx(&dir, &c, path, sheet, None)
    });
    let (dir, c) = (ctx.data_dir.clone(), Arc::clone(&cache));
    engine.register_fn(
        "read_xlsx",
        move |path: &str, sheet: &str, range: &str| -> R<Table> {
            xlsx(&dir, &c, path, sheet, Some(range))
        },
    );
}

fn csv(dir: &Path, cache: &Cache, path: &str, opts: ReadOptions) -> R<Table> {
    let file = resolve_data(dir, path)?;
    let key = Source::Csv(file.clone(), opts.clone());
    cached(cache, key, || read_csv(&file, path, &opts))
}

fn xlsx(dir: &Path, cache: &Cache, path: &str, sheet: &str, range: Option<&str>) -> R<Table> {
    let file = resolve_data(dir, path)?;
    let key = Source::Xlsx(file.clone(), sheet.to_string(), range.map(str::to_string));
    cached(cache, key, || read_xlsx(&file, path, sheet, range))
}

fn read_text(dir: &Path, path: &str) -> R<String> {
    let file = resolve_data(dir, path)?;
    std::fs::read_to_string(&file).map_err(|e| fail(format!("kunde inte läsa `{path}`: {e}")))
}
