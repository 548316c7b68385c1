//! Compiling a plugin's script files once, at resolution: a syntax error stops the build
//! with the plugin's name and the file:line, and runs only ever see what was hashed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rhai::{AST, Engine};

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

/// The engine used to compile plugins: the same syntax as notebooks (no `eval`).
pub fn syntax_engine() -> Engine {
    let mut engine = Engine::new_raw();
    engine.set_max_expr_depths(128, 128);
    engine.disable_symbol("eval");
    engine
}

/// Compile every file in `scripts` (relative to `dir`); every syntax error is reported.
pub fn compile(name: &str, dir: &Path, scripts: &[PathBuf]) -> Result<Code, Vec<Diagnostic>> {
    let engine = syntax_engine();
    let mut main = AST::empty();
    let mut files = BTreeMap::new();
    let mut errors = Vec::new();
    for rel in scripts {
        let path = dir.join(rel);
        let text = match std::fs::read_to_string(&path) {
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
        match engine.compile(&text) {
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
