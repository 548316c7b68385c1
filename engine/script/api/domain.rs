//! The domain library's shared entry point for scripts: `jamforelse`, the year-to-date and
//! full-year comparison per post or unit that the report tables are built from.

use std::sync::Arc;

use rhai::{Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::fail;
use crate::domain::long::{Figures, Layout};
use crate::period::Period;
use crate::table::{Column, Format, Key, Table, Values};

type R<T> = Result<T, Box<EvalAltResult>>;

/// How one comparison column is computed from a group's figures.
pub type Measure = fn(&Figures) -> Option<Decimal>;

/// The comparison table's value columns, in order, with how each is computed.
pub const COMPARISON_COLUMNS: [(&str, Measure); 9] = [
    ("Ack utfall", |f| f.ack_utfall),
    ("Ack budget", |f| f.ack_budget),
    ("Ack avvikelse", Figures::ack_avvikelse),
    ("Ack utfall fg år", |f| f.ack_utfall_fg),
    ("Ack avvikelse fg år", Figures::ack_avvikelse_fg),
    ("Helårsprognos", |f| f.helar_prognos),
    ("Helårsbudget", |f| f.helar_budget),
    ("Prognosavvikelse", Figures::prognosavvikelse),
    ("Bokslut fg år", |f| f.bokslut_fg),
];

pub fn register(engine: &mut Engine) {
    FuncRegistration::new("jamforelse")
        .with_comments([
            "/// Jämförelsetabell per post vid `period`: ack utfall, ack budget, ack avvikelse, \
             ack utfall fg år, ack avvikelse fg år, helårsprognos, helårsbudget, prognosavvikelse \
             och bokslut fg år. Tabellen ska ha kolumnerna period, enhet, post, typ och varde.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic| {
            comparison(t, &period, &Map::new())
        });
    FuncRegistration::new("jamforelse")
        .with_comments([
            "/// Som `jamforelse(t, period)`, med val: `per` (kolumnen att gruppera på, t.ex. \
             \"enhet\"; standard \"post\") och `kolumner` (exportens egna kolumnnamn, t.ex. \
             #{varde: \"Belopp\"}).",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "val: Map", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic, options: Map| {
            comparison(t, &period, &options)
        });
}

/// A period from a script value: a period, or text such as `"2024-02"`.
pub fn period_arg(value: &Dynamic) -> R<Period> {
    if let Some(p) = value.read_lock::<Period>() {
        return Ok(*p);
    }
    if let Ok(text) = value.clone().into_immutable_string() {
        return Period::parse(&text).ok_or_else(|| {
            fail(format!(
                "`{text}` är ingen period; skriv den som ÅÅÅÅ-MM, t.ex. \"2024-02\""
            ))
        });
    }
    Err(fail(format!(
        "perioden ska vara en period eller text som \"2024-02\", inte {}",
        value.type_name()
    )))
}

/// Reject option keys the function does not know, naming the ones it does.
pub fn check_options(options: &Map, known: &[&str]) -> R<()> {
    if let Some(key) = options.keys().find(|k| !known.contains(&k.as_str())) {
        let names: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        return Err(fail(format!(
            "okänt val `{key}`; giltiga val är {}",
            names.join(", ")
        )));
    }
    Ok(())
}

/// A text option, if the script gave it.
pub fn text_option(options: &Map, key: &str) -> R<Option<String>> {
    match options.get(key) {
        None => Ok(None),
        Some(v) => v
            .clone()
            .into_immutable_string()
            .map(|s| Some(s.to_string()))
            .map_err(|_| fail(format!("`{key}` ska vara text, inte {}", v.type_name()))),
    }
}

/// A whole-number option within `range` (`default` when not given); the error names the
/// range, followed by `unit` (e.g. " (månader)").
pub fn int_option(
    options: &Map,
    key: &str,
    range: std::ops::RangeInclusive<i64>,
    default: i64,
    unit: &str,
) -> R<i64> {
    match options.get(key) {
        None => Ok(default),
        Some(v) => v
            .as_int()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| {
                fail(format!(
                    "`{key}` ska vara ett heltal {}–{}{unit}",
                    range.start(),
                    range.end()
                ))
            }),
    }
}

/// A result column of text cells.
pub fn text_column(name: &str, values: Vec<String>) -> Column {
    Column::new(
        name,
        Values::Text(values.into_iter().map(|v| Some(Arc::from(v))).collect()),
    )
}

/// A result column of decimals shown as `spec` says (`"mkr:1"`, `"dec:1"`).
pub fn decimal_column(name: &str, values: Vec<Option<Decimal>>, spec: &str) -> Column {
    Column {
        format: Format::parse(spec).ok(),
        ..Column::new(name, Values::Decimal(values))
    }
}

fn comparison(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    check_options(options, &["per", "kolumner"])?;
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let per = match options.get("per") {
        None => layout.post.clone(),
        Some(v) => {
            let name = v
                .clone()
                .into_immutable_string()
                .map_err(|_| fail("`per` ska vara ett kolumnnamn (text)"))?;
            match name.as_str() {
                "enhet" => layout.enhet.clone(),
                "post" => layout.post.clone(),
                other => other.to_string(),
            }
        }
    };
    let rows = layout.rows(t).map_err(fail)?;
    let key_values = &*t.column(&per).map_err(fail)?.values;
    // Grouped on the borrowed cell (as group_by does), so no text is built per row.
    let groups = rows
        .compare(period, |r| match key_values.key(r) {
            Key::Null => None,
            k => Some(k),
        })
        .map_err(fail)?;
    let mut columns = vec![Column::new(
        per.clone(),
        Values::Text(
            groups
                .iter()
                .map(|(k, _)| Some(k.to_value().label().into()))
                .collect(),
        ),
    )];
    for (name, value) in COMPARISON_COLUMNS {
        columns.push(Column::new(
            name,
            Values::Decimal(groups.iter().map(|(_, f)| value(f)).collect()),
        ));
    }
    Table::new(columns).map_err(fail)
}
