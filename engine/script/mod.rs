//! EXECUTE: a notebook's cells and inline expressions run in order in one sandboxed scope.

mod api;
mod error;
pub mod output;
mod run;
mod sandbox;

use std::path::PathBuf;

use crate::config::Limits;

pub use error::ScriptError;
pub use output::Output;
pub use run::{ItemResult, RunCache, RunOutput, RunStats, run, run_incremental};

/// Everything a run may use from outside: the data folder, the parameters and the limits.
#[derive(Debug, Clone)]
pub struct RunContext {
    /// Data files are read from here and nowhere else.
    pub data_dir: PathBuf,
    /// Parameters after precedence (book < front matter < command line); `params` in scripts.
    pub params: rhai::Map,
    pub limits: Limits,
}
