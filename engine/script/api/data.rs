//! Reading files from the book's data folder, and only from there; every read is logged.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use rhai::{Engine, EvalAltResult};

use super::fail;
use crate::paths::resolve_inside;
use crate::script::RunContext;

pub fn register(engine: &mut Engine, ctx: &RunContext) {
    let dir = ctx.data_dir.clone();
    engine.register_fn("read_text", move |path: &str| read_text(&dir, path));
}

fn read_text(dir: &Path, path: &str) -> Result<String, Box<EvalAltResult>> {
    let file = resolve_data(dir, path)?;
    std::fs::read_to_string(&file).map_err(|e| fail(format!("kunde inte läsa `{path}`: {e}")))
}

thread_local! {
    /// Data files read on this thread since the last [`take_reads`]. A notebook runs on one
    /// thread, item by item, so the runner learns exactly which files each item read.
    static READS: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
}

/// Resolve a data file a script asked for, confined to `data_dir`, and log the read.
/// Every built-in that reads data goes through here, so incremental runs know what to re-run.
pub(crate) fn resolve_data(
    data_dir: &Path,
    requested: &str,
) -> Result<PathBuf, Box<EvalAltResult>> {
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
