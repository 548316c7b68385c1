//! Running a notebook: each item in document order, sharing one scope and the functions
//! defined so far. A failing item records its error and the run goes on.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use rhai::{AST, Dynamic};

use super::RunContext;
use super::api::data;
use super::error::{ScriptError, from_eval, from_parse};
use super::explain::in_context;
use super::place::Shift;
use super::rerun::{Checkpoint, Plan, RunCache, code_key, fingerprint};
use super::sandbox::Sandbox;
use super::state::State;
use crate::config::Limits;
use crate::diag::Diagnostic;
use crate::notebook::{Cell, InlineExpr, Item, Notebook};

/// The result of one cell or inline expression.
#[derive(Debug, Clone)]
pub struct ItemResult {
    pub value: Result<Dynamic, ScriptError>,
    /// Lines the item printed with `print` or `debug`.
    pub printed: Vec<String>,
}

/// The results of a whole notebook, one per item, plus every diagnostic (parse and script).
#[derive(Debug, Clone)]
pub struct RunOutput {
    pub items: Vec<ItemResult>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every data file the run read (or tried to read), each once, in first-read order
    /// (the page's provenance lists them with their content hashes).
    pub data_reads: Vec<PathBuf>,
}

impl RunOutput {
    pub fn failed(&self) -> bool {
        !self.diagnostics.is_empty()
    }
}

/// What one run of a notebook did: how many items ran and how many came from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunStats {
    pub cells_run: usize,
    pub cells_reused: usize,
    pub inline_run: usize,
    pub inline_reused: usize,
}

/// Run every item of `notebook` in order.
pub fn run(notebook: &Notebook, ctx: &RunContext) -> RunOutput {
    on_script_stack(&ctx.limits, || run_items(notebook, ctx, None)).0
}

/// Run `notebook`, reusing what `cache` holds from the last run: only the items an edit
/// reaches run again (see [`super::rerun`]). A change of the params, the limits or a
/// plugin's content runs everything.
pub fn run_incremental(
    notebook: &Notebook,
    ctx: &RunContext,
    cache: &mut RunCache,
) -> (RunOutput, RunStats) {
    on_script_stack(&ctx.limits, || run_items(notebook, ctx, Some(cache)))
}

/// Stack for the script thread: room for the parser and for `max-call-levels` calls whose
/// bodies nest expressions as deep as allowed. Measured on a debug build (the deepest):
/// about 10 KB per plain call and 3–5 KB per nested expression level; reserved, not used,
/// until a script goes that deep.
fn script_stack_bytes(limits: &Limits) -> usize {
    const BASE: usize = 32 << 20;
    const PER_CALL_LEVEL: usize = 256 << 10;
    BASE.saturating_add(limits.max_call_levels.saturating_mul(PER_CALL_LEVEL))
}

/// Run `f` on a thread whose stack holds the deepest recursion the limits allow (the
/// caller's thread may be a pool worker with a small stack). A panic that escapes `f` is
/// passed on to the caller. If no such thread can be started, `f` runs on the caller's.
fn on_script_stack<T: Send>(limits: &Limits, f: impl FnOnce() -> T + Send) -> T {
    let slot = std::sync::Mutex::new(Some(f));
    let take = || slot.lock().ok().and_then(|mut f| f.take());
    let joined = std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("rapportbok-skript".into())
            .stack_size(script_stack_bytes(limits))
            .spawn_scoped(scope, || take().map(|f| f()))
            .ok()?;
        Some(
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        )
    });
    match joined.flatten() {
        Some(value) => value,
        None => match take() {
            Some(f) => f(),
            None => unreachable!("the script ran on its thread or is still here"),
        },
    }
}

fn context_key(ctx: &RunContext) -> u64 {
    let mut h = DefaultHasher::new();
    ctx.data_dir.hash(&mut h);
    // Maps print in key order, and decimals exactly: the text identifies the params.
    format!("{:?}", ctx.params).hash(&mut h);
    format!("{:?}", ctx.limits).hash(&mut h);
    for plugin in &ctx.plugins.list {
        (&plugin.manifest.name, &plugin.hash).hash(&mut h);
    }
    h.finish()
}

fn item_col(item: &Item) -> usize {
    match item {
        Item::Cell(c) => c.indent,
        Item::Inline(e) => e.col,
    }
}

fn run_items(
    notebook: &Notebook,
    ctx: &RunContext,
    mut cache: Option<&mut RunCache>,
) -> (RunOutput, RunStats) {
    let mut sandbox = Sandbox::new(ctx);
    let mut state = State::new(ctx.params.clone());

    let mut stats = RunStats::default();
    let mut diagnostics = notebook.diagnostics.clone();
    let mut items = Vec::with_capacity(notebook.items.len());
    let mut plan = cache
        .as_deref_mut()
        .map(|c| Plan::new(c, context_key(ctx), &notebook.items));
    // This run's checkpoints, the cache's entries for the next run.
    let mut fresh: Vec<Checkpoint> = Vec::new();
    let mut data_reads: Vec<PathBuf> = Vec::new();
    // How many of `state.imports` are registered on the sandbox (kept items' imports are
    // registered only once an item runs after them).
    let mut registered = 0;
    for (index, item) in notebook.items.iter().enumerate() {
        let is_cell = matches!(item, Item::Cell(_));
        if let Some(kept) = plan.as_mut().and_then(|p| p.reuse(index, item)) {
            if is_cell {
                stats.cells_reused += 1;
            } else {
                stats.inline_reused += 1;
            }
            data_reads.extend(kept.reads.iter().map(|(p, _)| p.clone()));
            let mut result = kept.result.clone();
            if let Err(e) = &mut result.value {
                moved(e, kept.line, kept.col, item.line(), item_col(item));
            }
            items.push(result);
            state.replay(&kept.bindings);
            if let (Some(functions), Item::Cell(cell)) = (&kept.functions, item) {
                state
                    .places
                    .add(functions, Shift::cell(cell.line, cell.indent));
                state.functions.combine(functions.clone());
            }
            state.imports.extend(kept.imports.iter().cloned());
            fresh.push(kept);
            continue;
        }
        register_imports(
            &mut sandbox,
            &state.imports[registered.min(state.imports.len())..],
        );
        if is_cell {
            stats.cells_run += 1;
        } else {
            stats.inline_run += 1;
        }
        data::take_reads();
        let imports_before = state.imports.len();
        let code = item.source();
        state.enter(code);
        let budget = sandbox.arm_budget();
        let mut functions = None;
        // A panic inside the script engine must not take the build (or the server)
        // down: it becomes this item's error.
        let step = std::panic::AssertUnwindSafe(|| match item {
            Item::Cell(cell) => run_cell(&mut sandbox, &mut state, cell, ctx, &mut functions),
            Item::Inline(expr) => run_inline(&sandbox, &mut state, expr, ctx),
        });
        let value = std::panic::catch_unwind(step).unwrap_or_else(|_| {
            Err(ScriptError::new(
                item.line(),
                0,
                "internt fel i skriptmotorn när raden kördes",
            ))
        });
        drop(budget);
        registered = state.imports.len();
        let left = state.leave(plan.is_some().then_some(code));
        let result = ItemResult {
            value,
            printed: sandbox.take_printed(),
        };
        let item_reads = data::take_reads();
        data_reads.extend(item_reads.iter().cloned());
        if let Some(plan) = &mut plan {
            let reads = item_reads
                .into_iter()
                .map(|p| {
                    let f = fingerprint(&p);
                    (p, f)
                })
                .collect();
            let checkpoint = Checkpoint {
                code: code_key(item),
                line: item.line(),
                col: item_col(item),
                result: result.clone(),
                bindings: left.bindings,
                functions,
                imports: state.imports[imports_before..].to_vec(),
                reads,
                shares: left.shares,
            };
            plan.ran(&checkpoint, index);
            fresh.push(checkpoint);
        }
        items.push(result);
    }
    // Errors that only follow from an earlier one are linked to it and counted once.
    super::consequence::link(&notebook.items, &mut items);
    diagnostics.extend(super::consequence::diagnostics(notebook, &items));
    if let Some(c) = cache {
        c.keep(fresh);
    }
    let mut seen = std::collections::HashSet::new();
    data_reads.retain(|p| seen.insert(p.clone()));
    (
        RunOutput {
            items,
            diagnostics,
            data_reads,
        },
        stats,
    )
}

/// Move a cached error by as much as its item moved since it ran.
fn moved(e: &mut ScriptError, old_line: usize, old_col: usize, line: usize, col: usize) {
    if e.line == 0 {
        return;
    }
    let on_first_line = e.line == old_line;
    e.line = (e.line + line).saturating_sub(old_line).max(1);
    if on_first_line && e.col > 0 {
        e.col = (e.col + col).saturating_sub(old_col).max(1);
    }
}

fn run_cell(
    sandbox: &mut Sandbox,
    state: &mut State,
    cell: &Cell,
    ctx: &RunContext,
    defined: &mut Option<AST>,
) -> Result<Dynamic, ScriptError> {
    if !cell.closed {
        return Err(ScriptError::new(
            cell.fence_line,
            0,
            "cellen stängs aldrig: det avslutande ``` saknas",
        ));
    }
    // Compiled on its own; positions are moved to the notebook's lines afterwards.
    let shift = Shift::cell(cell.line, cell.indent);
    // Positions in the compiled text are the cell's own, and so are the SQL errors' ones.
    super::api::sql::set_item_text(&cell.code);
    let explain = |e: ScriptError, state: &State| in_context(e, state, &cell.code, cell.line);
    let ast = sandbox
        .engine()
        .compile_with_scope(&state.scope, &cell.code)
        .map_err(|e| explain(shift.apply(from_parse(&e)), state))?;
    let functions = ast.clone_functions_only();
    state.places.add(&functions, shift);
    // The functions so far with this cell's code appended: `combine` shares the functions
    // (merging would copy them all for every item) unless the cell defines some.
    let mut combined = state.functions.clone();
    combined.combine(ast);
    // Functions are known from their cell on, even if the cell fails later at run time.
    if functions.iter_functions().next().is_some() {
        state.functions.combine(functions.clone());
        *defined = Some(functions);
    }
    let value = evaluate(sandbox, state, &combined, shift, ctx, explain)?;
    let new_imports = imports(&cell.code);
    register_imports(sandbox, &new_imports);
    state.imports.extend(new_imports);
    Ok(value)
}

/// Run an item's compiled code (with the functions so far) in the state's scope; a run-time
/// error is placed at its notebook position, in the function it happened in, and explained.
fn evaluate(
    sandbox: &Sandbox,
    state: &mut State,
    ast: &rhai::AST,
    shift: Shift,
    ctx: &RunContext,
    explain: impl Fn(ScriptError, &State) -> ScriptError,
) -> Result<Dynamic, ScriptError> {
    sandbox
        .engine()
        .eval_ast_with_scope::<Dynamic>(&mut state.scope, ast)
        .map_err(|e| {
            let placed = state
                .places
                .shift_of(&e, shift)
                .apply(from_eval(&e, &ctx.limits));
            explain(placed, state)
        })
}

/// Make `imports` visible to later items (Rhai drops a cell's imports when it ends).
fn register_imports(sandbox: &mut Sandbox, imports: &[(String, String)]) {
    for (path, alias) in imports {
        let engine = sandbox.engine();
        let module = engine
            .module_resolver()
            .resolve(engine, None, path, rhai::Position::NONE);
        if let Ok(module) = module {
            sandbox
                .engine_mut()
                .register_static_module(alias.as_str(), module);
        }
    }
}

/// `import "path" as alias;` lines in a cell, as (path, alias).
fn imports(code: &str) -> Vec<(String, String)> {
    code.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("import")?.trim_start();
            let rest = rest.strip_prefix('"')?;
            let (path, rest) = rest.split_once('"')?;
            let alias = rest.trim_start().strip_prefix("as")?;
            let alias: String = alias
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!alias.is_empty()).then(|| (path.to_string(), alias))
        })
        .collect()
}

fn run_inline(
    sandbox: &Sandbox,
    state: &mut State,
    expr: &InlineExpr,
    ctx: &RunContext,
) -> Result<Dynamic, ScriptError> {
    let shift = Shift::inline(expr.line, expr.col);
    let explain = |e: ScriptError, state: &State| in_context(e, state, "", 0);
    super::api::sql::set_item_text(&expr.source);
    let ast = sandbox
        .engine()
        .compile_expression_with_scope(&state.scope, &expr.source)
        .map_err(|e| explain(shift.apply(from_parse(&e)), state))?;
    let mut combined = state.functions.clone();
    combined.combine(ast);
    let mut value = evaluate(sandbox, state, &combined, shift, ctx, explain)?;
    // `{{ p.year - 1 }}` is a year: written 2023, not 2 023.
    super::api::period::mark_plain(&mut value, &expr.source, &state.scope);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn context() -> RunContext {
        RunContext {
            data_dir: ".".into(),
            params: rhai::Map::new(),
            limits: Limits::default(),
            plugins: Default::default(),
            data_cache: Default::default(),
            sources: Default::default(),
        }
    }

    fn values(out: &RunOutput) -> Vec<String> {
        out.items
            .iter()
            .map(|i| match &i.value {
                Ok(v) => v.to_string(),
                Err(e) => format!("fel: {}", e.message),
            })
            .collect()
    }

    fn notebook(source: &str) -> Notebook {
        crate::notebook::parse(Path::new("t.md"), source)
    }

    #[test]
    fn items_see_variables_set_above_them_however_they_were_set() {
        let nb = notebook(
            "```rhai\nlet x = 1;\nlet inc = || { x += 1; x };\nconst K = 5;\nlet namn = \"Öst\";\n```\n\n\
             ```rhai\ninc.call();\ninc.call()\n```\n\n\
             Nu {{ x }}, {{ `${namn} ${K}` }}, {{ is_def_var(\"namn\") }}.\n\n\
             ```rhai\nlet s = 1;\nlet s = s + 10;\nK = 6;\n```\n\n{{ s + K }}\n",
        );
        let out = run(&nb, &context());
        let shown = values(&out);
        assert_eq!(shown[1], "3", "the closure changed `x` through its capture");
        assert_eq!(&shown[2..5], ["3", "Öst 5", "true"]);
        assert!(shown[5].starts_with("fel:"), "a constant: {shown:?}");
        assert_eq!(shown[6], "16", "{shown:?}");
    }

    #[test]
    fn a_restored_state_takes_the_last_let_of_a_name() {
        let ctx = context();
        let mut cache = RunCache::default();
        let first = notebook("```rhai\nlet s = 1;\nlet s = s + 10;\n```\n\n{{ s }}\n");
        let (out, _) = run_incremental(&first, &ctx, &mut cache);
        assert_eq!(values(&out), ["", "11"]);
        let edited = notebook("```rhai\nlet s = 1;\nlet s = s + 10;\n```\n\n{{ s * 2 }}\n");
        let (out, stats) = run_incremental(&edited, &ctx, &mut cache);
        assert_eq!(stats.cells_reused, 1);
        assert_eq!(values(&out), ["", "22"]);
    }
}
