//! EXECUTE: a notebook's cells and inline expressions run in order in one sandboxed scope.

mod api;
mod consequence;
pub mod error;
mod explain;
pub mod output;
mod place;
mod rerun;
mod run;
mod sandbox;
mod state;

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Limits;

pub use api::data::DataCache;
pub use api::{OptionIndex, OptionKey};
pub(crate) use error::from_parse as parse_error;
pub use error::{Root, ScriptError, Unknown};
pub use output::Output;
pub use rerun::RunCache;
#[doc(hidden)]
pub use rerun::follow_names;
pub use run::{ItemResult, RunOutput, RunStats, run, run_incremental};
#[doc(hidden)]
pub use sandbox::share_engines;

/// Everything a run may use from outside: the data folder, the parameters and the limits.
#[derive(Debug, Clone)]
pub struct RunContext {
    /// Data files are read from here and nowhere else.
    pub data_dir: PathBuf,
    /// Parameters after precedence (book < front matter < command line); `params` in scripts.
    pub params: rhai::Map,
    pub limits: Limits,
    /// The plugins notebooks may `import`; empty when the book uses none.
    pub plugins: Arc<crate::plugins::Plugins>,
    /// Parsed data files, kept until they change on disk (see [`DataCache`]).
    pub data_cache: Arc<DataCache>,
    /// The book's SQL sources and their snapshots (`sql()`).
    pub sources: Arc<crate::source::Sources>,
}

/// An engine with every built-in function registered and nothing run: for the reference
/// pages, which list what scripts can call.
pub fn builtin_engine() -> rhai::Engine {
    builtins().0
}

/// [`builtin_engine`] and the option keys of each built-in that takes an options map.
pub fn builtins() -> (rhai::Engine, OptionIndex) {
    let mut engine = rhai::Engine::new_raw();
    let keys = api::register(&mut engine);
    (engine, keys)
}
