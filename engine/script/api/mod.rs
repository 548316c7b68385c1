//! What scripts can call, registered on the sandbox's engine. One file per capability.

mod arithmetic;
mod assert;
mod chart;
pub(crate) mod data;
pub(crate) mod domain;
mod ekonomi;
mod format;
mod indikatorer;
mod markup;
mod number;
mod overloads;
pub(crate) mod period;
mod personal;
mod produktion;
pub(crate) mod sql;
mod table;
mod text;
mod tillganglighet;
mod uppfoljning;

use rhai::Engine;

use super::RunContext;

/// Register every built-in function.
pub fn register(engine: &mut Engine, ctx: &RunContext) {
    arithmetic::register(engine);
    format::register(engine);
    number::register(engine);
    period::register(engine);
    table::register(engine);
    data::register(engine, ctx);
    assert::register(engine);
    domain::register(engine);
    text::register(engine);
    markup::register(engine);
    produktion::register(engine);
    tillganglighet::register(engine);
    ekonomi::register(engine);
    personal::register(engine);
    indikatorer::register(engine);
    chart::register(engine);
    uppfoljning::register(engine);
    sql::register(engine, ctx);
}

/// A runtime error raised by a built-in; Rhai fills in the call's position.
pub(crate) fn fail(message: impl Into<String>) -> Box<rhai::EvalAltResult> {
    Box::new(rhai::EvalAltResult::ErrorRuntime(
        message.into().into(),
        rhai::Position::NONE,
    ))
}
