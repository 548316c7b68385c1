//! Compiling a plugin's script files once, at resolution: a syntax error stops the build
//! with the plugin's name and the file:line, and runs only ever see what was hashed.

use std::collections::BTreeMap;
use std::path::Path;

use rhai::{AST, Engine};

use super::lock::PluginFiles;
use super::manifest::MANIFEST_FILE;
use crate::diag::Diagnostic;
use crate::script::parse_error;

/// A plugin's compiled scripts.
#[derive(Debug, Clone)]
pub struct Code {
    /// Every top-level `.rhai` file merged: what `import "name"` gives.
    pub main: AST,
    /// Each file by its `/`-separated path without `.rhai` (`mal`, `del/text`):
    /// what `import "name/mal"` gives.
    pub files: BTreeMap<String, AST>,
}

/// The engine used to compile plugins: Rhai's syntax without `eval`, with the notebooks'
/// default expression depth. (Notebooks also use strict variables; plugins do not.)
fn syntax_engine() -> Engine {
    let mut engine = Engine::new_raw();
    let depth = crate::config::Limits::default().max_expr_depth;
    engine.set_max_expr_depths(depth, depth);
    engine.disable_symbol("eval");
    engine
}

/// Compile every script in `files` (read once, with the manifest; see `read_plugin_files`);
/// every syntax error is reported.
pub fn compile(name: &str, dir: &Path, sources: &PluginFiles) -> Result<Code, Vec<Diagnostic>> {
    let engine = syntax_engine();
    let mut main = AST::empty();
    let mut files = BTreeMap::new();
    let mut errors = Vec::new();
    let scripts = sources
        .iter()
        .filter(|(rel, _)| rel.as_os_str() != MANIFEST_FILE);
    for (rel, bytes) in scripts {
        let path = dir.join(rel);
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                errors.push(Diagnostic::file(
                    &path,
                    format!("kunde inte läsa filen: {e}"),
                ));
                continue;
            }
        };
        let key = rel.with_extension("").to_string_lossy().replace('\\', "/");
        match engine.compile(text) {
            Ok(mut ast) => {
                ast.set_source(format!("{name}/{key}"));
                if rel.components().count() == 1 {
                    main = main.merge(&ast);
                }
                files.insert(key, ast);
            }
            Err(e) => {
                let se = parse_error(&e);
                errors.push(Diagnostic::new(
                    &path,
                    se.line,
                    se.col,
                    format!("syntaxfel i tillägget `{name}`: {}", se.message),
                ));
            }
        }
    }
    if errors.is_empty() {
        main.set_source(name.to_string());
        Ok(Code { main, files })
    } else {
        Err(errors)
    }
}
