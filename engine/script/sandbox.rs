//! The sandboxed Rhai engine: limits, a wall-clock timeout, no `eval`, no file access
//! except through the data built-ins, and `print` captured per cell.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rhai::Engine;

use super::RunContext;
use super::api;
use crate::plugins::PluginResolver;

/// An engine for one notebook run, with the handles the runner needs.
pub struct Sandbox {
    pub engine: Engine,
    printed: Arc<Mutex<Vec<String>>>,
    /// Milliseconds since `start` after which the running item is stopped.
    deadline_ms: Arc<AtomicU64>,
    start: Instant,
    timeout_ms: u64,
}

/// How often (in operations) the clock is read.
const CLOCK_EVERY: u64 = 1 << 10;

impl Sandbox {
    pub fn new(ctx: &RunContext) -> Sandbox {
        let limits = &ctx.limits;
        let mut engine = Engine::new();
        engine
            .set_max_operations(limits.max_operations)
            .set_max_call_levels(limits.max_call_levels)
            .set_max_expr_depths(limits.max_expr_depth, limits.max_expr_depth)
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

        let start = Instant::now();
        let deadline_ms = Arc::new(AtomicU64::new(u64::MAX));
        let deadline = Arc::clone(&deadline_ms);
        engine.on_progress(move |ops| {
            if ops % CLOCK_EVERY == 0
                && start.elapsed().as_millis() as u64 > deadline.load(Ordering::Relaxed)
            {
                Some("timeout".into())
            } else {
                None
            }
        });

        api::register(&mut engine, ctx);
        Sandbox {
            engine,
            printed,
            deadline_ms,
            start,
            timeout_ms: limits.timeout_ms,
        }
    }

    /// Start the clock for the next cell or inline expression.
    pub fn arm_timeout(&self) {
        let now = self.start.elapsed().as_millis() as u64;
        self.deadline_ms
            .store(now.saturating_add(self.timeout_ms), Ordering::Relaxed);
    }

    /// What was printed since the last call.
    pub fn take_printed(&self) -> Vec<String> {
        self.printed
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .unwrap_or_default()
    }
}
