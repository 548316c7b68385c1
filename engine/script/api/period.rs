//! Periods in scripts: `period("2024-02")`, names, last year, ack and R12 starts, tertial.

use rhai::{Engine, EvalAltResult};

use super::fail;
use crate::period::{Date, Period};

type R<T> = Result<T, Box<EvalAltResult>>;

fn parse(text: &str) -> R<Period> {
    Period::parse(text).ok_or_else(|| {
        fail(format!(
            "`{text}` är ingen period; skriv ÅÅÅÅ-MM (2024-02) eller månad och år (februari 2024)"
        ))
    })
}

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<Period>("Period");
    engine.register_type_with_name::<Date>("Datum");
    engine.register_fn("period", |text: &str| parse(text));
    engine.register_fn("period", |p: Period| p);
    engine.register_fn("period", |year: i64, month: i64| -> R<Period> {
        i32::try_from(year)
            .ok()
            .zip(u8::try_from(month).ok())
            .and_then(|(y, m)| Period::new(y, m))
            .ok_or_else(|| fail(format!("{year}-{month} är ingen period")))
    });
    engine.register_get("year", |p: &mut Period| i64::from(p.year));
    engine.register_get("month", |p: &mut Period| i64::from(p.month));
    engine.register_fn("last_year", |p: &mut Period| p.last_year());
    engine.register_fn("year_start", |p: &mut Period| p.year_start());
    engine.register_fn("r12_start", |p: &mut Period| p.r12_start());
    engine.register_fn("add_months", |p: &mut Period, n: i64| p.add_months(n));
    engine.register_fn("tertial", |p: &mut Period| i64::from(p.tertial()));
    engine.register_fn("quarter", |p: &mut Period| i64::from(p.quarter()));
    engine.register_fn("month_name", |p: &mut Period| p.month_name().to_string());
    engine.register_fn("short_name", |p: &mut Period| p.short_name().to_string());
    engine.register_fn("long", |p: &mut Period| p.long());
    engine.register_fn("to_string", |p: &mut Period| p.to_string());
    engine.register_fn("to_debug", |p: &mut Period| p.to_string());
    engine.register_fn("==", |a: Period, b: Period| a == b);
    engine.register_fn("!=", |a: Period, b: Period| a != b);
    engine.register_fn("<", |a: Period, b: Period| a < b);
    engine.register_fn("<=", |a: Period, b: Period| a <= b);
    engine.register_fn(">", |a: Period, b: Period| a > b);
    engine.register_fn(">=", |a: Period, b: Period| a >= b);
    engine.register_fn("to_string", |d: &mut Date| d.to_string());
    engine.register_fn("to_debug", |d: &mut Date| d.to_string());
    engine.register_fn("period", |d: Date| d.period());
}
