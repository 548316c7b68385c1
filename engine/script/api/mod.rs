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
pub(crate) mod overloads;
pub(crate) mod period;
mod personal;
mod produktion;
pub(crate) mod sql;
mod table;
mod text;
mod tillganglighet;
mod uppfoljning;

use rhai::Engine;

pub use overloads::{OptionIndex, OptionKey};

/// Register every built-in function; the option keys of those that take an options map.
pub fn register(engine: &mut Engine) -> OptionIndex {
    let mut index = OptionIndex::default();
    let keys = &mut index;
    arithmetic::register(engine);
    format::register(engine);
    number::register(engine);
    period::register(engine);
    table::register(engine);
    data::register(engine, keys);
    assert::register(engine);
    domain::register(engine, keys);
    text::register(engine);
    markup::register(engine);
    produktion::register(engine, keys);
    tillganglighet::register(engine, keys);
    ekonomi::register(engine, keys);
    personal::register(engine, keys);
    indikatorer::register(engine, keys);
    chart::register(engine, keys);
    uppfoljning::register(engine, keys);
    sql::register(engine);
    index
}

/// A runtime error raised by a built-in; Rhai fills in the call's position.
pub(crate) fn fail(message: impl Into<String>) -> Box<rhai::EvalAltResult> {
    Box::new(rhai::EvalAltResult::ErrorRuntime(
        message.into().into(),
        rhai::Position::NONE,
    ))
}
