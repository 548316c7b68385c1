//! Running a notebook: each item in document order, sharing one scope and the functions
//! defined so far. A failing item records its error and the run goes on.

use rhai::{AST, Dynamic, Scope};

use super::RunContext;
use super::error::{ScriptError, from_eval, from_parse};
use super::sandbox::Sandbox;
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
}

impl RunOutput {
    pub fn failed(&self) -> bool {
        !self.diagnostics.is_empty()
    }
}

/// What carries over from one item to the next.
struct State {
    scope: Scope<'static>,
    /// Every `fn` defined by the cells so far.
    functions: AST,
}

/// Run every item of `notebook` in order.
pub fn run(notebook: &Notebook, ctx: &RunContext) -> RunOutput {
    let mut sandbox = Sandbox::new(ctx);
    let mut state = State {
        scope: Scope::new(),
        functions: AST::empty(),
    };
    state
        .scope
        .push_constant("params", Dynamic::from_map(ctx.params.clone()));

    let mut diagnostics = notebook.diagnostics.clone();
    let mut items = Vec::with_capacity(notebook.items.len());
    for item in &notebook.items {
        sandbox.arm_timeout();
        // A panic inside the script engine must not take the build (or the server) down:
        // it becomes this item's error.
        let step = std::panic::AssertUnwindSafe(|| match item {
            Item::Cell(cell) => run_cell(&mut sandbox, &mut state, cell, ctx),
            Item::Inline(expr) => run_inline(&sandbox, &mut state, expr, ctx),
        });
        let value = std::panic::catch_unwind(step).unwrap_or_else(|_| {
            Err(ScriptError::new(
                item.line(),
                0,
                "internt fel i skriptmotorn när raden kördes",
            ))
        });
        if let Err(e) = &value {
            // An unclosed cell is already reported by the parser.
            let already = matches!(item, Item::Cell(c) if !c.closed);
            if !already {
                let mut d = Diagnostic::new(&notebook.path, e.line, e.col, e.message.clone());
                d.hint = e.hint.clone();
                diagnostics.push(d);
            }
        }
        items.push(ItemResult {
            value,
            printed: sandbox.take_printed(),
        });
    }
    RunOutput { items, diagnostics }
}

fn run_cell(
    sandbox: &mut Sandbox,
    state: &mut State,
    cell: &Cell,
    ctx: &RunContext,
) -> Result<Dynamic, ScriptError> {
    if !cell.closed {
        return Err(ScriptError::new(
            cell.fence_line,
            0,
            "cellen stängs aldrig: det avslutande ``` saknas",
        ));
    }
    // Pad so that Rhai's line numbers are the notebook's.
    let padded = format!("{}{}", "\n".repeat(cell.line.saturating_sub(1)), cell.code);
    let last_line = cell.line + cell.code.lines().count();
    let in_cell = |e: ScriptError| {
        if cell.indent > 0 && e.col > 0 && (cell.line..=last_line).contains(&e.line) {
            ScriptError {
                col: e.col + cell.indent,
                ..e
            }
        } else {
            e
        }
    };
    let ast = sandbox
        .engine
        .compile_with_scope(&state.scope, &padded)
        .map_err(|e| in_cell(from_parse(&e)))?;
    let functions = ast.clone_functions_only();
    let combined = state.functions.merge(&ast);
    // Functions are known from their cell on, even if the cell fails later at run time.
    state.functions = state.functions.merge(&functions);
    let value = sandbox
        .engine
        .eval_ast_with_scope::<Dynamic>(&mut state.scope, &combined)
        .map_err(|e| in_cell(from_eval(&e, &ctx.limits)))?;
    // Rhai forgets a cell's imports when the cell ends; keep them for the items below.
    for (path, alias) in imports(&cell.code) {
        let module = sandbox.engine.module_resolver().resolve(
            &sandbox.engine,
            None,
            &path,
            rhai::Position::NONE,
        );
        if let Ok(module) = module {
            sandbox.engine.register_static_module(alias, module);
        }
    }
    Ok(value)
}

/// The `import "path" as alias;` statements at the start of a cell's lines.
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
    let padded = format!(
        "{}{}{}",
        "\n".repeat(expr.line.saturating_sub(1)),
        " ".repeat(expr.col.saturating_sub(1)),
        expr.source
    );
    let ast = sandbox
        .engine
        .compile_expression_with_scope(&state.scope, &padded)
        .map_err(|e| from_parse(&e))?;
    let combined = state.functions.merge(&ast);
    sandbox
        .engine
        .eval_ast_with_scope::<Dynamic>(&mut state.scope, &combined)
        .map_err(|e| from_eval(&e, &ctx.limits))
}
