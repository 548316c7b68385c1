//! `plugins test`: each plugin's `tests/*.md` notebooks run in the sandbox with the plugin
//! importable; a failed assertion or any cell error fails the test.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Plugin, Plugins};
use crate::config::Limits;
use crate::diag::Diagnostic;
use crate::notebook;
use crate::script::{self, RunContext};

/// One test notebook's outcome.
#[derive(Debug, Clone)]
pub struct TestOutcome {
    pub file: PathBuf,
    /// Empty when the test passed.
    pub diagnostics: Vec<Diagnostic>,
}

impl TestOutcome {
    pub fn passed(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

/// The plugin's test notebooks, sorted.
pub fn test_files(plugin: &Plugin) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(plugin.dir.join("tests"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

/// Run `plugin`'s tests with `plugins` (the plugin and its dependencies) importable.
pub fn run_tests(
    plugin: &Plugin,
    plugins: &Arc<Plugins>,
    data_dir: &Path,
    limits: &Limits,
) -> Vec<TestOutcome> {
    test_files(plugin)
        .into_iter()
        .map(|file| {
            let diagnostics = match std::fs::read_to_string(&file) {
                Err(e) => vec![Diagnostic::file(
                    &file,
                    format!("kunde inte läsa filen: {e}"),
                )],
                Ok(source) => {
                    let nb = notebook::parse(&file, &source);
                    let ctx = RunContext {
                        data_dir: data_dir.to_path_buf(),
                        params: rhai::Map::new(),
                        limits: limits.clone(),
                        plugins: Arc::clone(plugins),
                        data_cache: Arc::default(),
                        sources: Arc::default(),
                    };
                    script::run(&nb, &ctx).diagnostics
                }
            };
            TestOutcome { file, diagnostics }
        })
        .collect()
}
