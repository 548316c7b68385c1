//! Script functions for indicators and activities: `indikatorer`, `indikatorstatus` and
//! `aktiviteter`.

use rhai::{Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::domain::int_option;
use super::fail;
use super::number::to_decimal;
use super::overloads::{OptionIndex, key, with_options};
use crate::domain::indikatorer::{
    Computed, Direction, Given, IndicatorOptions, Status, Tolerance, activity_table,
    indicator_table, status_of,
};
use crate::table::Table;

type R<T> = Result<T, Box<EvalAltResult>>;

pub fn register(engine: &mut Engine, keys: &mut OptionIndex) {
    with_options!(
        engine,
        keys,
        "indikatorer",
        () -> Table,
        indicators,
        [
            key(
                "varden",
                "utfall som räknats i boken, per indikator: tal, text eller #{utfall, fg}",
            ),
            key("decimaler", "decimaler för tal i `varden` (standard 1)"),
            key(
                "delvis",
                "procent av målet ett utfall får missa och vara delvis uppfyllt (standard 10)",
            ),
            key(
                "delvis_intervall",
                "enheter utanför ett intervall som är delvis uppfyllt (standard 5)",
            ),
        ],
        "/// Indikatortabell: Indikator, Mål, Utfall, Status och Trend. Tabellen ska ha \
             kolumnen indikator och kan ha mal, riktning (högre/lägre är bättre), utfall, fg \
             (föregående års utfall), status och trend. Status räknas ut från mål och utfall \
             när den inte är given; trenden från utfall och fg när den inte är given. Status \
             och trend visas som symbol och ord.",
        "/// Som `indikatorer(t)`, med val: `varden` (utfall per indikator som räknats i \
             boken: tal, text eller #{utfall, fg}), `decimaler` (för tal i `varden`, standard 1), \
             `delvis` (hur många procent av målet ett utfall får missa och ändå vara delvis \
             uppfyllt, standard 10) och `delvis_intervall` (enheter utanför ett intervall, \
             standard 5).",
    );
    FuncRegistration::new("indikatorstatus")
        .with_comments([
            "/// Status för ett utfall mot ett mål skrivet som i rapporten (\"85-90 %\", \
             \"Lägre än fg år\"): \"uppfyllt\", \"delvis\", \"ej uppfyllt\" eller \"saknas\".",
        ])
        .with_params_info(["mal: &str", "utfall: Dynamic", "String"])
        .register_into_engine(engine, |goal: &str, outcome: Dynamic| {
            status_word(goal, &outcome, "")
        });
    FuncRegistration::new("indikatorstatus")
        .with_comments([
            "/// Som `indikatorstatus(mal, utfall)` för ett mål som är ett tal: `riktning` är \
             \"högre\" eller \"lägre\" (det som är bättre).",
        ])
        .with_params_info(["mal: &str", "utfall: Dynamic", "riktning: &str", "String"])
        .register_into_engine(engine, |goal: &str, outcome: Dynamic, direction: &str| {
            status_word(goal, &outcome, direction)
        });
    FuncRegistration::new("statusvisning")
        .with_comments([
            "/// Symbol och text för en status (\"uppfyllt\", \"delvis\", \"ej uppfyllt\" eller \
             \"saknas\"), som indikatortabellen visar den: statusvisning(\"delvis\") ger \
             #{ status: \"delvis\", symbol: \"◐\", text: \"Delvis uppfyllt\" }.",
        ])
        .with_params_info(["status: &str", "Map"])
        .register_into_engine(engine, |status: &str| -> R<Map> {
            let s = Status::parse(status).map_err(fail)?.ok_or_else(|| {
                fail("statusen är tom; skriv uppfyllt, delvis, ej uppfyllt eller saknas")
            })?;
            let mut m = Map::new();
            m.insert("status".into(), s.word().into());
            m.insert("symbol".into(), s.symbol().into());
            m.insert("text".into(), s.text().into());
            Ok(m)
        });
    FuncRegistration::new("aktiviteter")
        .with_comments([
            "/// Aktivitetstabell: Aktivitet, Tidplan, Ansvarig, Status och Kommentar. Tabellen \
             ska ha kolumnen aktivitet och kan ha id (\"A\"), huvudaktivitet (id för en \
             delaktivitet), tidplan, malvarde (visas som Målvärde efter Tidplan när någon aktivitet har ett), \
             ansvarig, status och kommentar. Kända statusar (klar, \
             enligt plan, pågår, försenad, ej påbörjad, ej prioriterad) visas med symbol och ord.",
        ])
        .with_params_info(["t: Table", "Table"])
        .register_into_engine(engine, |t: &mut Table| {
            activity_table(t).map_err(fail)
        });
}

/// A script value computed for an indicator: a number, text or `()`; `what` names it in
/// the error.
fn given(value: &Dynamic, what: &str) -> R<Given> {
    if value.is_unit() {
        return Ok(Given::Missing);
    }
    if let Some(d) = to_decimal(value) {
        return Ok(Given::Number(d));
    }
    value
        .clone()
        .into_immutable_string()
        .map(|s| Given::Text(s.to_string()))
        .map_err(|_| {
            fail(format!(
                "`varden` för {what} ska vara ett tal, en text eller en map"
            ))
        })
}

fn option_decimal(options: &Map, key: &str, default: Decimal) -> R<Decimal> {
    match options.get(key) {
        None => Ok(default),
        Some(v) => to_decimal(v)
            .filter(|d| *d >= Decimal::ZERO)
            .ok_or_else(|| fail(format!("`{key}` ska vara ett tal som inte är negativt"))),
    }
}

/// `varden`: indicator name → a value, or #{utfall, fg}.
fn computed_values(options: &Map) -> R<Vec<(String, Computed)>> {
    let Some(v) = options.get("varden") else {
        return Ok(Vec::new());
    };
    let values = v
        .read_lock::<Map>()
        .ok_or_else(|| fail("`varden` ska vara en map: #{\"Sjukfrånvaro\": 8.3}"))?;
    let mut out = Vec::with_capacity(values.len());
    for (name, value) in values.iter() {
        let computed = match value.read_lock::<Map>() {
            Some(m) => Computed {
                utfall: m.get("utfall").map(|v| given(v, name)).transpose()?,
                fg: m.get("fg").map(|v| given(v, name)).transpose()?,
            },
            None => Computed {
                utfall: Some(given(value, name)?),
                fg: None,
            },
        };
        out.push((name.to_string(), computed));
    }
    Ok(out)
}

fn indicators(t: &Table, options: &Map) -> R<Table> {
    t.column("indikator").map_err(fail)?;
    let tolerance = Tolerance {
        delvis: option_decimal(options, "delvis", Tolerance::default().delvis)?,
        delvis_intervall: option_decimal(
            options,
            "delvis_intervall",
            Tolerance::default().delvis_intervall,
        )?,
    };
    // At most 6, so the conversion cannot truncate.
    let decimals = int_option(options, "decimaler", 0..=6, 1, "")? as u32;
    let values = computed_values(options)?;
    let options = IndicatorOptions {
        values,
        decimals,
        tolerance,
    };
    indicator_table(t, &options).map_err(fail)
}

fn status_word(goal: &str, outcome: &Dynamic, direction: &str) -> R<String> {
    let direction = Direction::parse(direction).map_err(fail)?;
    let outcome = given(outcome, "utfallet")?;
    Ok(status_of(goal, &outcome, direction).word().to_string())
}
