//! The sandboxed Rhai engine: limits, a wall-clock timeout, no `eval`, no file access
//! except through the data built-ins, and `print` captured per cell.
//!
//! The engine, with every built-in registered, is built once per set of limits and shared
//! by every notebook run (setting it up took 9–18 % of a book's build when each notebook
//! made its own). What belongs to one run (its context, what its items printed) is held for
//! the thread the run is on, where the built-ins, the print hooks and the plugin resolver
//! find it; the running item's budget is held there too (see [`crate::budget`]).

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use rhai::{Engine, EvalAltResult, Module, Position, Shared};
use rust_decimal::Decimal;

use super::RunContext;
use super::api;
use crate::budget::{self, Budget};
use crate::config::Limits;
use crate::plugins::PluginResolver;

/// The engine one notebook run uses, and the run's context held for its thread.
pub struct Sandbox {
    shared: Arc<Engine>,
    /// This run's own engine, once it registered a plugin module on one (an `import` is
    /// registered on the engine so that the items below see it).
    own: Option<Box<Engine>>,
    limits: Limits,
    _run: RunGuard,
}

/// How deeply a function's body may nest expressions, whatever `max-expr-depth` says: each
/// call level's stack grows with it, and the script thread's stack is sized for
/// `max-call-levels` calls of this depth.
pub const MAX_FUNCTION_EXPR_DEPTH: usize = 64;

/// How often (in operations) the clock is read.
const CLOCK_EVERY: u64 = 64;

/// How many engines (one per set of limits) are kept: a book has one set; tests use a few.
const KEPT_ENGINES: usize = 8;

impl Sandbox {
    /// The engine for `ctx`'s limits, with `ctx` held as this thread's run until the sandbox
    /// is dropped.
    pub fn new(ctx: &RunContext) -> Sandbox {
        let shared = if SHARE.load(Ordering::Relaxed) {
            shared_engine(&ctx.limits)
        } else {
            Arc::new(build_engine(&ctx.limits))
        };
        Sandbox {
            shared,
            own: None,
            limits: ctx.limits.clone(),
            _run: RunGuard::enter(ctx),
        }
    }

    pub fn engine(&self) -> &Engine {
        self.own.as_deref().unwrap_or(&self.shared)
    }

    /// The engine, to register a module on: from now on this run's own (built here, once).
    pub fn engine_mut(&mut self) -> &mut Engine {
        let limits = &self.limits;
        self.own
            .get_or_insert_with(|| Box::new(build_engine(limits)))
    }

    /// Start the budget (clock, memory, size caps) for the next cell or inline expression; it
    /// holds on this thread, for the script and every built-in it calls, until the guard drops.
    pub fn arm_budget(&self) -> budget::Guard {
        budget::enter(Budget::start(&self.limits))
    }

    /// What was printed since the last call.
    pub fn take_printed(&self) -> Vec<String> {
        RUN.with(|run| {
            run.try_borrow_mut()
                .ok()
                .and_then(|mut run| run.as_mut().map(|r| std::mem::take(&mut r.printed)))
                .unwrap_or_default()
        })
    }
}

/// Whether runs share engines (always, but for the benchmark that measures what it saves).
static SHARE: AtomicBool = AtomicBool::new(true);

/// Let every run build its own engine (`false`), as before engines were shared: for the
/// `build_book` benchmark, which compares the two in one run.
#[doc(hidden)]
pub fn share_engines(share: bool) {
    SHARE.store(share, Ordering::Relaxed);
}

/// An engine and the limits it was built with.
type KeptEngine = (Limits, Arc<Engine>);

/// The shared engine for `limits`, built on first use.
fn shared_engine(limits: &Limits) -> Arc<Engine> {
    static ENGINES: OnceLock<Mutex<Vec<KeptEngine>>> = OnceLock::new();
    let engines = ENGINES.get_or_init(Mutex::default);
    if let Ok(kept) = engines.lock() {
        if let Some((_, engine)) = kept.iter().find(|(l, _)| l == limits) {
            return Arc::clone(engine);
        }
    }
    // Built outside the lock: another thread may build the same one meanwhile (both work).
    let engine = Arc::new(build_engine(limits));
    if let Ok(mut kept) = engines.lock() {
        if kept.len() >= KEPT_ENGINES {
            kept.remove(0);
        }
        kept.push((limits.clone(), Arc::clone(&engine)));
    }
    engine
}

/// An engine with `limits` and every built-in registered; what a run needs of its own it
/// finds through [`context`].
fn build_engine(limits: &Limits) -> Engine {
    let mut engine = Engine::new();
    engine
        .set_max_operations(limits.max_operations)
        .set_max_call_levels(limits.max_call_levels)
        .set_max_expr_depths(
            limits.max_expr_depth,
            limits.max_expr_depth.min(MAX_FUNCTION_EXPR_DEPTH),
        )
        .set_max_string_size(limits.max_string_size)
        .set_max_array_size(limits.max_array_size)
        .set_max_map_size(limits.max_map_size)
        .set_max_modules(64)
        .set_strict_variables(true)
        .set_fail_on_invalid_map_property(true)
        // Let the registered `/` (exact division of integers) take precedence over the built-in.
        .set_fast_operators(false)
        // No constant propagation: inlining `params` into the AST made an assignment to
        // it hit an internal panic in Rhai instead of a "constant" error.
        .set_optimization_level(rhai::OptimizationLevel::None)
        // No string interning: Rhai's interner is one write-locked map per engine, which the
        // runs sharing the engine would take turns at for every name they compile, and once
        // full it scans all its entries for each new name.
        .set_max_strings_interned(0);
    engine.disable_symbol("eval");
    // No module is ever loaded from disk: only the book's resolved plugins can be imported.
    engine.set_module_resolver(RunPlugins);

    engine.on_print(|text| print(text.to_string()));
    engine.on_debug(|text, _, _| print(text.to_string()));

    // The running item's budget (entered by `arm_budget`): memory is one atomic load, so it
    // is looked at on every operation; the clock every `CLOCK_EVERY`.
    engine.on_progress(|ops| {
        let budget = budget::current()?;
        if let Err(e) = budget.check_memory() {
            return Some(e.to_string().into());
        }
        (ops % CLOCK_EVERY == 0 && Instant::now() > budget.deadline()).then(|| "timeout".into())
    });
    register_time(&mut engine);

    // The option keys are for the editor's completion (see `builtins`).
    let _ = api::register(&mut engine);
    engine
}

/// What one run holds for the thread it runs on.
struct Run {
    ctx: Arc<RunContext>,
    printed: Vec<String>,
}

thread_local! {
    /// The run on this thread, if any.
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
}

/// Holds a run for its thread; the run held before (none, normally) is back when dropped.
struct RunGuard {
    previous: Option<Run>,
}

impl RunGuard {
    fn enter(ctx: &RunContext) -> RunGuard {
        let run = Run {
            ctx: Arc::new(ctx.clone()),
            printed: Vec::new(),
        };
        RunGuard {
            previous: RUN.with(|r| r.replace(Some(run))),
        }
    }
}

impl Drop for RunGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        RUN.with(|r| r.replace(previous));
    }
}

/// The context of the run on this thread (`None` outside a run: the reference pages' engine).
pub(crate) fn context() -> Option<Arc<RunContext>> {
    RUN.with(|r| {
        r.try_borrow()
            .ok()
            .and_then(|run| run.as_ref().map(|run| Arc::clone(&run.ctx)))
    })
}

/// A line the running item printed.
fn print(line: String) {
    RUN.with(|r| {
        if let Ok(mut run) = r.try_borrow_mut() {
            if let Some(run) = run.as_mut() {
                run.printed.push(line);
            }
        }
    });
}

/// Imports resolve to the running book's plugins, and to nothing when it has none.
struct RunPlugins;

impl rhai::ModuleResolver for RunPlugins {
    fn resolve(
        &self,
        engine: &Engine,
        source: Option<&str>,
        path: &str,
        pos: Position,
    ) -> Result<Shared<Module>, Box<EvalAltResult>> {
        match context() {
            Some(ctx) if !ctx.plugins.is_empty() => {
                PluginResolver::new(Arc::clone(&ctx.plugins)).resolve(engine, source, path, pos)
            }
            _ => Err(Box::new(EvalAltResult::ErrorModuleNotFound(
                path.to_string(),
                pos,
            ))),
        }
    }
}

/// `sleep` bounded by the cell's deadline, and timestamps that measure in exact seconds
/// (Rhai's own, without floating point, count whole seconds: `elapsed` printed 0).
fn register_time(engine: &mut Engine) {
    fn sleep(duration: Option<Duration>) -> Result<(), Box<EvalAltResult>> {
        let duration =
            duration.ok_or_else(|| api::fail("sleep tar ett antal sekunder, 0 eller fler"))?;
        budget::sleep(duration).map_err(|e| api::fail(e.to_string()))
    }
    engine.register_fn("sleep", |seconds: i64| {
        sleep(u64::try_from(seconds).ok().map(Duration::from_secs))
    });
    engine.register_fn("sleep", |seconds: Decimal| {
        let ms = (seconds * Decimal::ONE_THOUSAND).trunc();
        sleep(u64::try_from(ms).ok().map(Duration::from_millis))
    });
    engine.register_get("elapsed", |t: &mut Instant| seconds(t.elapsed()));
    engine.register_fn("elapsed", |t: Instant| seconds(t.elapsed()));
    engine.register_fn("-", |a: Instant, b: Instant| {
        if a >= b {
            seconds(a - b)
        } else {
            -seconds(b - a)
        }
    });
}

/// A duration in seconds with millisecond precision.
fn seconds(d: Duration) -> Decimal {
    Decimal::new(i64::try_from(d.as_millis()).unwrap_or(i64::MAX), 3)
}
