//! Reading files from the book's data folder, and only from there.

use std::path::Path;

use rhai::{Engine, EvalAltResult};

use super::fail;
use crate::paths::resolve_inside;
use crate::script::RunContext;

pub fn register(engine: &mut Engine, ctx: &RunContext) {
    let dir = ctx.data_dir.clone();
    engine.register_fn("read_text", move |path: &str| read_text(&dir, path));
}

fn read_text(dir: &Path, path: &str) -> Result<String, Box<EvalAltResult>> {
    let file = resolve_inside(dir, path).map_err(|e| fail(e.message(path, dir)))?;
    std::fs::read_to_string(&file).map_err(|e| fail(format!("kunde inte läsa `{path}`: {e}")))
}
