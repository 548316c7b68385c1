//! The sandboxed Rhai engine: limits, a wall-clock timeout, no `eval`, no file access
//! except through the data built-ins, and `print` captured per cell.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rhai::{Engine, EvalAltResult};
use rust_decimal::Decimal;

use super::RunContext;
use super::api;
use crate::budget::{self, Budget};
use crate::config::Limits;
use crate::plugins::PluginResolver;

/// An engine for one notebook run, with the handles the runner needs.
pub struct Sandbox {
    pub engine: Engine,
    printed: Arc<Mutex<Vec<String>>>,
    limits: Limits,
}

/// How deeply a function's body may nest expressions, whatever `max-expr-depth` says: each
/// call level's stack grows with it, and the script thread's stack is sized for
/// `max-call-levels` calls of this depth.
pub const MAX_FUNCTION_EXPR_DEPTH: usize = 64;

/// How often (in operations) the clock is read.
const CLOCK_EVERY: u64 = 64;

impl Sandbox {
    pub fn new(ctx: &RunContext) -> Sandbox {
        let limits = &ctx.limits;
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
            .set_optimization_level(rhai::OptimizationLevel::None);
        engine.disable_symbol("eval");
        // No module is ever loaded from disk: only the book's resolved plugins can be imported.
        if ctx.plugins.is_empty() {
            engine.set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new());
        } else {
            engine.set_module_resolver(PluginResolver::new(Arc::clone(&ctx.plugins)));
        }

        let printed = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&printed);
        engine.on_print(move |text| {
            if let Ok(mut lines) = sink.lock() {
                lines.push(text.to_string());
            }
        });
        let sink = Arc::clone(&printed);
        engine.on_debug(move |text, _, _| {
            if let Ok(mut lines) = sink.lock() {
                lines.push(text.to_string());
            }
        });

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

        api::register(&mut engine, ctx);
        Sandbox {
            engine,
            printed,
            limits: limits.clone(),
        }
    }

    /// Start the budget (clock, memory, size caps) for the next cell or inline expression; it
    /// holds on this thread, for the script and every built-in it calls, until the guard drops.
    pub fn arm_budget(&self) -> budget::Guard {
        budget::enter(Budget::start(&self.limits))
    }

    /// What was printed since the last call.
    pub fn take_printed(&self) -> Vec<String> {
        self.printed
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .unwrap_or_default()
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
