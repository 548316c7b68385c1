//! Production built-ins for scripts: `produktion` (the production summary), `produktion_ack`
//! (year-to-date sums for prose), `per_ar_och_manad` and `rullande_12`.

use rhai::{Array, Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::domain::{KOLUMNER, period_arg, text_option};
use super::fail;
use super::overloads::{OptionIndex, OptionKey, key, with_options};
use crate::domain::long::Layout;
use crate::domain::produktion::{self, Missing, Options, Ratio};
use crate::period::Period;
use crate::table::Table;

type R<T> = Result<T, Box<EvalAltResult>>;

pub fn register(engine: &mut Engine, keys: &mut OptionIndex) {
    with_options!(
        engine,
        keys,
        "produktion",
        (period: Dynamic) -> Table,
        summary,
        [
            &[key(
                "visa",
                "värdekolumnerna med namn i den ordning de ska visas, t.ex. [\"Ack utf inn år\"]",
            )][..],
            &SUMMARY_OPTIONS,
        ]
        .concat(),
        "/// Sammanställning produktion vid `period`: per mått (post) med varav-rader, kolumnerna \
             Ack utf inn år, Ack bud inn år, Ack avv bud %, Ack utf fg år, Ack avv fg år %, Helår \
             prognos, Helår budget, Avv bud mot prog % och Bokslut utf fg år.",
        "/// Som `produktion(t, period)`, med val: `varav` (kolumnen med måttets delar, standard \
             \"varav\"), `saknas` (\"tom\": saknade värden är tomma och procent på en nollbas visas inte; \
             \"prognos_noll\": saknad prognos visas som 0 och procent på en nollbas som 0,0 %, \
             som den tryckta rapporten; \"noll\": alla saknade värden visas som 0), \
             `kvoter` (mått som är en kvot i procent, t.ex. #{\"Beläggning 06:00\": [\"Belagda\", \
             \"Disponibla\"]}), `visa` (värdekolumnerna med namn i den ordning de ska visas, \
             t.ex. [\"Ack utf inn år\", \"Ack utf fg år\", \"Ack avv fg år %\"]; standard alla \
             nio i bilagans ordning: Ack utf inn år, Ack bud inn år, Ack avv bud %, Ack utf fg \
             år, Ack avv fg år %, Helår prognos, Helår budget, Avv bud mot prog % och Bokslut \
             utf fg år) och `kolumner` (exportens egna kolumnnamn).",
    );
    with_options!(
        engine,
        keys,
        "produktion_forandring",
        (period: Dynamic) -> Table,
        change,
        SUMMARY_OPTIONS,
        "/// Förändring mot föregående år per mått vid `period`: Mått, Ack i år, Ack fg år och \
             Förändring %, med samma rader och val som `produktion` (varav, saknas, kvoter, kolumner).",
        "/// Som `produktion_forandring(t, period)`, med valen `varav`, `saknas`, `kvoter` och \
         `kolumner` (som för `produktion`).",
    );
    FuncRegistration::new("produktion_ack")
        .with_comments([
            "/// Ackumulerade summor för en eller flera poster vid `period`, för löptext: \
             #{utfall, fg, budget} (() där inget finns). `poster` är ett namn eller en lista.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "poster: Dynamic", "Map"])
        .register_into_engine(
            engine,
            |t: &mut Table, period: Dynamic, posts: Dynamic| -> R<Map> {
                let period = period_arg(&period)?;
                let posts = posts_arg(&posts)?;
                let f = produktion::year_to_date(t, &Layout::default(), period, &posts)
                    .map_err(fail)?;
                let value = |v: Option<Decimal>| v.map_or(Dynamic::UNIT, Dynamic::from_decimal);
                let mut m = Map::new();
                m.insert("utfall".into(), value(f.ack_utfall));
                m.insert("fg".into(), value(f.ack_utfall_fg));
                m.insert("budget".into(), value(f.ack_budget));
                Ok(m)
            },
        );
    FuncRegistration::new("per_ar_och_manad")
        .with_comments([
            "/// Utfall per månad (rader januari–december) och år (en kolumn per år, i år och \
             föregående år) för en eller flera poster; månader efter `period` är tomma.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "poster: Dynamic", "Table"])
        .register_into_engine(
            engine,
            |t: &mut Table, period: Dynamic, posts: Dynamic| -> R<Table> {
                per_year(t, &period, &posts, 2)
            },
        );
    FuncRegistration::new("per_ar_och_manad")
        .with_comments(["/// Som ovan, med `ar` år (1–10)."])
        .with_params_info([
            "t: Table",
            "period: Dynamic",
            "poster: Dynamic",
            "ar: i64",
            "Table",
        ])
        .register_into_engine(
            engine,
            |t: &mut Table, period: Dynamic, posts: Dynamic, years: i64| -> R<Table> {
                per_year(t, &period, &posts, count(years, 10, "antal år")?)
            },
        );
    FuncRegistration::new("rullande_12")
        .with_comments([
            "/// Rullande tolv månader (R12) för en eller flera poster: summan av de tolv månader \
             som slutar med varje månad, för de tolv månaderna fram till `period`.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "poster: Dynamic", "Table"])
        .register_into_engine(
            engine,
            |t: &mut Table, period: Dynamic, posts: Dynamic| -> R<Table> {
                rolling(t, &period, &posts, 12)
            },
        );
    FuncRegistration::new("rullande_12")
        .with_comments(["/// Som ovan, för `manader` månader (1–120)."])
        .with_params_info([
            "t: Table",
            "period: Dynamic",
            "poster: Dynamic",
            "manader: i64",
            "Table",
        ])
        .register_into_engine(
            engine,
            |t: &mut Table, period: Dynamic, posts: Dynamic, months: i64| -> R<Table> {
                rolling(t, &period, &posts, count(months, 120, "antal månader")?)
            },
        );
}

fn count(n: i64, max: i64, what: &str) -> R<u32> {
    if (1..=max).contains(&n) {
        Ok(n as u32)
    } else {
        Err(fail(format!("{what} ska vara 1–{max}, inte {n}")))
    }
}

fn per_year(t: &Table, period: &Dynamic, posts: &Dynamic, years: u32) -> R<Table> {
    let period = period_arg(period)?;
    let posts = posts_arg(posts)?;
    produktion::per_year_and_month(t, &Layout::default(), period, &posts, years).map_err(fail)
}

fn rolling(t: &Table, period: &Dynamic, posts: &Dynamic, months: u32) -> R<Table> {
    let period = period_arg(period)?;
    let posts = posts_arg(posts)?;
    produktion::rolling_twelve(t, &Layout::default(), period, &posts, months).map_err(fail)
}

/// One post name or a list of them.
pub(crate) fn posts_arg(value: &Dynamic) -> R<Vec<String>> {
    if let Ok(s) = value.clone().into_immutable_string() {
        return Ok(vec![s.to_string()]);
    }
    if let Some(list) = value.read_lock::<Array>() {
        let mut out = Vec::with_capacity(list.len());
        for item in list.iter() {
            match item.clone().into_immutable_string() {
                Ok(s) => out.push(s.to_string()),
                Err(_) => return Err(fail("listan med poster ska bara innehålla namn (text)")),
            }
        }
        if !out.is_empty() {
            return Ok(out);
        }
    }
    Err(fail(
        "poster anges som ett namn, \"Läkarbesök\", eller en lista, [\"Läkarbesök\", \"Dagmedicin\"]",
    ))
}

fn summary(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let (layout, period, opts) = summary_args(t, period, options)?;
    let table = produktion::summary(t, &layout, period, &opts).map_err(fail)?;
    match options.get("visa") {
        None => Ok(table),
        Some(v) => {
            let names = v
                .read_lock::<Array>()
                .map(|list| {
                    list.iter()
                        .map(|item| item.clone().into_immutable_string().map(|s| s.to_string()))
                        .collect::<Result<Vec<String>, _>>()
                })
                .and_then(Result::ok)
                .ok_or_else(|| {
                    fail(
                        "`visa` ska vara en lista med kolumnnamn, t.ex. [\"Ack utf inn år\", \
                         \"Ack utf fg år\", \"Ack avv fg år %\"]",
                    )
                })?;
            produktion::choose_columns(&table, &names).map_err(fail)
        }
    }
}

fn change(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let (layout, period, opts) = summary_args(t, period, options)?;
    produktion::change(t, &layout, period, &opts).map_err(fail)
}

/// The options `produktion` and `produktion_forandring` share.
const SUMMARY_OPTIONS: [OptionKey; 4] = [
    key("varav", "kolumnen med måttets delar (standard \"varav\")"),
    key(
        "saknas",
        "saknade värden: \"tom\" (standard), \"prognos_noll\" eller \"noll\"",
    ),
    key(
        "kvoter",
        "mått som är en kvot i procent, t.ex. #{\"Beläggning\": [\"Belagda\", \"Disponibla\"]}",
    ),
    KOLUMNER,
];

fn summary_args(t: &Table, period: &Dynamic, options: &Map) -> R<(Layout, Period, Options)> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let varav = match text_option(options, "varav")? {
        Some(name) => Some(name),
        None => t.column("varav").ok().map(|_| "varav".to_string()),
    };
    let missing = match text_option(options, "saknas")?.as_deref() {
        None | Some("tom") => Missing::Empty,
        Some("noll") => Missing::Zero,
        Some("prognos_noll") => Missing::ForecastZero,
        Some(other) => {
            return Err(fail(format!(
                "`saknas` ska vara \"tom\", \"prognos_noll\" eller \"noll\", inte \"{other}\""
            )));
        }
    };
    let mut ratios = Vec::new();
    if let Some(v) = options.get("kvoter") {
        let map = v.read_lock::<Map>().ok_or_else(|| {
            fail("`kvoter` ska vara en map: #{\"Beläggning\": [\"Belagda\", \"Disponibla\"]}")
        })?;
        for (name, pair) in map.iter() {
            let parts = posts_arg(pair)?;
            let [numerator, denominator] = <[String; 2]>::try_from(parts).map_err(|_| {
                fail(format!(
                    "kvoten `{name}` ska vara två poster: [täljare, nämnare]"
                ))
            })?;
            ratios.push(Ratio {
                name: name.to_string(),
                numerator,
                denominator,
            });
        }
    }
    let opts = Options {
        varav,
        missing,
        ratios,
    };
    Ok((layout, period, opts))
}
