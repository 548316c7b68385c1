//! Report units for scripts: `kr`, `tkr`, `mkr`, `signed`, `pct`, `pct_change`, `parse_number`.

use rhai::{Dynamic, Engine, EvalAltResult};
use rust_decimal::Decimal;

use super::arithmetic::decimal_places;
use super::fail;
use crate::number::{
    format_percent, format_percent_change, format_scaled, format_signed, parse_number_any,
    percent_change,
};

/// A script number (integer or decimal) as a decimal.
pub(crate) fn to_decimal(value: &Dynamic) -> Option<Decimal> {
    if let Ok(i) = value.as_int() {
        return Some(Decimal::from(i));
    }
    value.as_decimal().ok()
}

fn number(value: Dynamic, what: &str) -> Result<Decimal, Box<EvalAltResult>> {
    to_decimal(&value).ok_or_else(|| {
        fail(format!(
            "{what} behöver ett tal, inte {}",
            value.type_name()
        ))
    })
}

fn register_unit(engine: &mut Engine, name: &'static str, divisor: i64) {
    engine.register_fn(
        name,
        move |x: Dynamic| -> Result<String, Box<EvalAltResult>> {
            Ok(format_scaled(number(x, name)?, divisor, 0))
        },
    );
    engine.register_fn(
        name,
        move |x: Dynamic, decimals: i64| -> Result<String, Box<EvalAltResult>> {
            Ok(format_scaled(
                number(x, name)?,
                divisor,
                decimal_places(decimals)?,
            ))
        },
    );
}

pub fn register(engine: &mut Engine) {
    register_unit(engine, "kr", 1);
    register_unit(engine, "tkr", 1000);
    register_unit(engine, "mkr", 1_000_000);
    engine.register_fn(
        "signed",
        |x: Dynamic| -> Result<String, Box<EvalAltResult>> {
            Ok(format_signed(number(x, "signed")?, None))
        },
    );
    engine.register_fn(
        "signed",
        |x: Dynamic, decimals: i64| -> Result<String, Box<EvalAltResult>> {
            Ok(format_signed(
                number(x, "signed")?,
                Some(decimal_places(decimals)?),
            ))
        },
    );
    engine.register_fn("pct", |x: Dynamic| -> Result<String, Box<EvalAltResult>> {
        Ok(format_percent(number(x, "pct")?, None))
    });
    engine.register_fn(
        "pct",
        |x: Dynamic, decimals: i64| -> Result<String, Box<EvalAltResult>> {
            Ok(format_percent(
                number(x, "pct")?,
                Some(decimal_places(decimals)?),
            ))
        },
    );
    engine.register_fn(
        "pct_change",
        |base: Dynamic, value: Dynamic| -> Result<String, Box<EvalAltResult>> {
            Ok(format_percent_change(
                number(base, "pct_change")?,
                number(value, "pct_change")?,
                1,
            ))
        },
    );
    engine.register_fn(
        "pct_change",
        |base: Dynamic, value: Dynamic, decimals: i64| -> Result<String, Box<EvalAltResult>> {
            Ok(format_percent_change(
                number(base, "pct_change")?,
                number(value, "pct_change")?,
                decimal_places(decimals)?,
            ))
        },
    );
    // The change as a number (or `()` when the base is zero), for further computing.
    engine.register_fn(
        "change_pct",
        |base: Dynamic, value: Dynamic| -> Result<Dynamic, Box<EvalAltResult>> {
            Ok(
                match percent_change(number(base, "change_pct")?, number(value, "change_pct")?) {
                    Some(p) => Dynamic::from_decimal(p),
                    None => Dynamic::UNIT,
                },
            )
        },
    );
    engine.register_fn(
        "parse_number",
        |text: &str| -> Result<Decimal, Box<EvalAltResult>> {
            parse_number_any(text)
                .map(|p| p.value)
                .ok_or_else(|| fail(format!("`{text}` är inte ett tal")))
        },
    );
}
