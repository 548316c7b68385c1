//! The module resolver notebooks' `import "name" as alias;` goes through: it serves only the
//! resolved plugins' compiled scripts, never a path on disk.

use std::cell::RefCell;
use std::sync::Arc;

use rhai::{Engine, EvalAltResult, Module, Position, Scope, Shared};

type SharedModule = Shared<Module>;

use super::Plugins;

/// Serves `import "name"` (the plugin's top-level files) and `import "name/file"` (one file).
pub struct PluginResolver {
    plugins: Arc<Plugins>,
}

impl PluginResolver {
    pub fn new(plugins: Arc<Plugins>) -> Self {
        PluginResolver { plugins }
    }
}

impl rhai::ModuleResolver for PluginResolver {
    fn resolve(
        &self,
        engine: &Engine,
        _source: Option<&str>,
        path: &str,
        pos: Position,
    ) -> Result<SharedModule, Box<EvalAltResult>> {
        let refuse = |message: String| Box::new(EvalAltResult::ErrorRuntime(message.into(), pos));
        let (name, file) = match path.split_once('/') {
            Some((name, file)) => (name, Some(file)),
            None => (path, None),
        };
        let Some(plugin) = self.plugins.get(name) else {
            let known: Vec<&str> = self
                .plugins
                .list
                .iter()
                .map(|p| p.manifest.name.as_str())
                .collect();
            return Err(refuse(format!(
                "tillägget `{name}` finns inte bland bokens tillägg ({}); lägg till det under [plugins] require i book.toml",
                if known.is_empty() {
                    "inga".to_string()
                } else {
                    known.join(", ")
                }
            )));
        };
        // Only files compiled at resolution can be served: they were found by walking the
        // plugin's own (canonical) folder, so `..`, absolute paths and links out never match.
        let ast = match file {
            None => &plugin.code.main,
            Some(file) => plugin.code.files.get(file.trim_end_matches(".rhai")).ok_or_else(|| {
                refuse(format!(
                    "filen `{file}` finns inte i tillägget `{name}` (bara tilläggets egna .rhai-filer kan importeras)"
                ))
            })?,
        };
        // A plugin that imports itself (directly or through others) would recurse until the
        // stack overflows: refuse the import that closes the cycle.
        let Some(_entered) = Resolving::enter(path) else {
            let chain = RESOLVING.with(|r| r.borrow().join(" → "));
            return Err(refuse(format!(
                "tillägget `{name}` importerar sig självt: {chain} → {path}; ta bort importen som sluter cirkeln"
            )));
        };
        Module::eval_ast_as_new(Scope::new(), ast, engine)
            .map(Into::into)
            .map_err(|e| Box::new(EvalAltResult::ErrorInModule(path.to_string(), e, pos)))
    }
}

thread_local! {
    /// The plugin imports being evaluated on this thread, outermost first.
    static RESOLVING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// One import on the [`RESOLVING`] chain, left when dropped.
struct Resolving;

impl Resolving {
    /// `None` if `path` is already being evaluated further out: a cycle.
    fn enter(path: &str) -> Option<Resolving> {
        RESOLVING.with(|r| {
            let mut chain = r.borrow_mut();
            if chain.iter().any(|p| p == path) {
                return None;
            }
            chain.push(path.to_string());
            Some(Resolving)
        })
    }
}

impl Drop for Resolving {
    fn drop(&mut self) {
        RESOLVING.with(|r| {
            r.borrow_mut().pop();
        });
    }
}
