//! Arithmetic as report writers expect it: `7 / 2` is 3,5 (not 3), and rounding is half
//! away from zero (2,5 → 3), as in Excel.

use rhai::{Dynamic, Engine, EvalAltResult};
use rust_decimal::Decimal;

use super::fail;
use crate::number::round_half_away;

pub fn register(engine: &mut Engine) {
    engine.register_fn("/", divide_ints);
    engine.register_fn("round", |x: Decimal| round_half_away(x, 0));
    engine.register_fn(
        "round",
        |x: Decimal, decimals: i64| -> Result<Decimal, Box<EvalAltResult>> {
            Ok(round_half_away(x, decimal_places(decimals)?))
        },
    );
    engine.register_fn("round", |x: i64| x);
    engine.register_fn("round", |x: i64, _decimals: i64| x);
    engine.register_fn("decimal", |x: i64| Decimal::from(x));
    engine.register_fn("decimal", |x: Decimal| x);
}

/// Integer division that stays exact: whole results stay integers (for indexes and
/// counters), others become decimals.
fn divide_ints(a: i64, b: i64) -> Result<Dynamic, Box<EvalAltResult>> {
    if b == 0 {
        return Err(fail("division med noll"));
    }
    if a % b == 0 {
        Ok(Dynamic::from_int(a / b))
    } else {
        Ok(Dynamic::from_decimal(
            (Decimal::from(a) / Decimal::from(b)).normalize(),
        ))
    }
}

pub(crate) fn decimal_places(decimals: i64) -> Result<u32, Box<EvalAltResult>> {
    u32::try_from(decimals)
        .ok()
        .filter(|d| *d <= 20)
        .ok_or_else(|| fail(format!("antal decimaler måste vara 0–20, inte {decimals}")))
}
