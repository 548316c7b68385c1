//! Periods in scripts: `period("2024-02")`, names, last year, ack and R12 starts, tertial,
//! and the calendar facts notebooks need (days in a month, leap years, day counts). Years
//! and other period parts are written plainly (2024, not 2 024) wherever they are shown.

use rhai::{Dynamic, Engine, EvalAltResult, FuncRegistration, Scope};

use super::fail;
use crate::period::{self, Date, Period};
use crate::table::{is_plain, plain_int};

type R<T> = Result<T, Box<EvalAltResult>>;

fn parse(text: &str) -> R<Period> {
    Period::parse(text).ok_or_else(|| {
        fail(format!(
            "`{text}` är ingen period; skriv ÅÅÅÅ-MM (2024-02) eller månad och år (februari 2024)"
        ))
    })
}

fn year_arg(year: i64) -> R<i32> {
    i32::try_from(year)
        .ok()
        .filter(|y| (1000..=9999).contains(y))
        .ok_or_else(|| fail(format!("{year} är inget årtal (1000–9999)")))
}

/// Names whose value is a year: an expression reading one is written plainly.
const PERIOD_PARTS: [&str; 1] = ["year"];

/// Whether an inline expression's integer result is a year or computed from one
/// (`p.year - 1`, or a variable set from `p.year`): it is then written without digit
/// grouping. Looks at the names the expression uses, outside string literals.
pub(crate) fn written_plainly(source: &str, scope: &Scope) -> bool {
    let mut name = String::new();
    let mut quote: Option<char> = None;
    let mut found = false;
    let mut check = |name: &mut String| {
        if !name.is_empty() {
            found |= PERIOD_PARTS.contains(&name.as_str())
                || scope.get(name.as_str()).is_some_and(is_plain);
            name.clear();
        }
    };
    for c in source.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '`' || c == '\'' => {
                check(&mut name);
                quote = Some(c);
            }
            None if c.is_alphanumeric() || c == '_' => name.push(c),
            None => check(&mut name),
        }
    }
    check(&mut name);
    found
}

fn doc(name: &str, comment: &str) -> FuncRegistration {
    FuncRegistration::new(name).with_comments([format!("/// {comment}")])
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
    engine.register_get("year", |p: &mut Period| plain_int(i64::from(p.year)));
    engine.register_get("month", |p: &mut Period| i64::from(p.month));
    engine.register_fn("last_year", |p: &mut Period| p.last_year());
    engine.register_fn("year_start", |p: &mut Period| p.year_start());
    engine.register_fn("r12_start", |p: &mut Period| p.r12_start());
    engine.register_fn("add_months", |p: &mut Period, n: i64| p.add_months(n));
    engine.register_fn("months_until", |p: &mut Period, q: Period| {
        p.months_until(q)
    });
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
    register_calendar(engine);
}

/// Days in a month or a year, leap years, first and last days, day counts.
fn register_calendar(engine: &mut Engine) {
    doc(
        "days",
        "Antal dagar i periodens månad: `period(\"2024-02\").days()` är 29.",
    )
    .with_params_info(["p: Period", "i64"])
    .register_into_engine(engine, |p: &mut Period| i64::from(p.days()));
    doc(
        "days_to_date",
        "Antal dagar från 1 januari till periodens slut (hittills i år): 60 för februari 2024.",
    )
    .with_params_info(["p: Period", "i64"])
    .register_into_engine(engine, |p: &mut Period| i64::from(p.days_to_date()));
    doc(
        "days_in_year",
        "Antal dagar i periodens år: 365, eller 366 under skottår.",
    )
    .with_params_info(["p: Period", "i64"])
    .register_into_engine(engine, |p: &mut Period| {
        i64::from(period::days_in_year(p.year))
    });
    doc("first_day", "Månadens första dag som datum: 2024-02-01.")
        .with_params_info(["p: Period", "Date"])
        .register_into_engine(engine, |p: &mut Period| p.first_day());
    doc("last_day", "Månadens sista dag som datum: 2024-02-29.")
        .with_params_info(["p: Period", "Date"])
        .register_into_engine(engine, |p: &mut Period| p.last_day());
    doc(
        "days_in_month",
        "Antal dagar i månaden `manad` (1–12) år `ar`: `days_in_month(2024, 2)` är 29.",
    )
    .with_params_info(["ar: i64", "manad: i64", "i64"])
    .register_into_engine(engine, |year: i64, month: i64| -> R<i64> {
        let y = year_arg(year)?;
        u8::try_from(month)
            .ok()
            .and_then(|m| period::days_in_month(y, m))
            .map(i64::from)
            .ok_or_else(|| fail(format!("{month} är ingen månad (1–12)")))
    });
    doc(
        "days_in_year",
        "Antal dagar år `ar`: 365, eller 366 under skottår.",
    )
    .with_params_info(["ar: i64", "i64"])
    .register_into_engine(engine, |year: i64| -> R<i64> {
        Ok(i64::from(period::days_in_year(year_arg(year)?)))
    });
    doc(
        "is_leap_year",
        "Om året är ett skottår (2024 och 2000 är det, 2100 inte).",
    )
    .with_params_info(["ar: i64", "bool"])
    .register_into_engine(engine, |year: i64| -> R<bool> {
        Ok(period::is_leap_year(year_arg(year)?))
    });
    doc(
        "date",
        "Ett datum: `date(\"2024-02-29\")` eller `date(2024, 2, 29)`.",
    )
    .with_params_info(["text: &str", "Date"])
    .register_into_engine(engine, |text: &str| -> R<Date> {
        Date::parse(text).ok_or_else(|| {
            fail(format!(
                "`{text}` är inget datum; skriv ÅÅÅÅ-MM-DD (2024-02-29)"
            ))
        })
    });
    doc(
        "date",
        "Ett datum av år, månad och dag: `date(2024, 2, 29)`.",
    )
    .with_params_info(["ar: i64", "manad: i64", "dag: i64", "Date"])
    .register_into_engine(engine, |year: i64, month: i64, day: i64| -> R<Date> {
        let y = year_arg(year)?;
        u8::try_from(month)
            .ok()
            .zip(u8::try_from(day).ok())
            .and_then(|(m, d)| Date::new(y, m, d))
            .ok_or_else(|| fail(format!("{year}-{month}-{day} är inget datum")))
    });
    engine.register_get("year", |d: &mut Date| plain_int(i64::from(d.year)));
    engine.register_get("month", |d: &mut Date| i64::from(d.month));
    engine.register_get("day", |d: &mut Date| i64::from(d.day));
    doc(
        "days_until",
        "Antal dagar från datumet till `till` (positivt när `till` är senare).",
    )
    .with_params_info(["d: Date", "till: Date", "i64"])
    .register_into_engine(engine, |d: &mut Date, to: Date| d.days_until(to));
    engine.register_fn("==", |a: Date, b: Date| a == b);
    engine.register_fn("!=", |a: Date, b: Date| a != b);
    engine.register_fn("<", |a: Date, b: Date| a < b);
    engine.register_fn("<=", |a: Date, b: Date| a <= b);
    engine.register_fn(">", |a: Date, b: Date| a > b);
    engine.register_fn(">=", |a: Date, b: Date| a >= b);
}

/// Mark an inline expression's integer result to be written plainly when it is a year.
pub(crate) fn mark_plain(value: &mut Dynamic, source: &str, scope: &Scope) {
    if value.as_int().is_ok() && !is_plain(value) && written_plainly(source, scope) {
        crate::table::make_plain(value);
    }
}
