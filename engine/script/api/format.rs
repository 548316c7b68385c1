//! Number formatting for prose: `fmt(x)` and `fmt(x, decimals)`.

use rhai::{Engine, EvalAltResult};
use rust_decimal::Decimal;

use super::arithmetic::decimal_places;
use crate::number::{format_decimal, format_int};

pub fn register(engine: &mut Engine) {
    engine.register_fn("fmt", |x: i64| format_int(x));
    engine.register_fn("fmt", |x: Decimal| format_decimal(x, None));
    engine.register_fn(
        "fmt",
        |x: i64, decimals: i64| -> Result<String, Box<EvalAltResult>> {
            Ok(format_decimal(
                Decimal::from(x),
                Some(decimal_places(decimals)?),
            ))
        },
    );
    engine.register_fn(
        "fmt",
        |x: Decimal, decimals: i64| -> Result<String, Box<EvalAltResult>> {
            Ok(format_decimal(x, Some(decimal_places(decimals)?)))
        },
    );
}
