//! Accessibility built-ins for scripts: `tillganglighet` (the overview table), `vardgaranti`
//! (the guarantee table), and `tillganglighet_varde`, `riket_varde`, `vantande` for prose.

use std::collections::BTreeMap;

use rhai::{Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::domain::{KOLUMNER, int_option, period_arg};
use super::fail;
use super::number::to_decimal;
use super::overloads::{OptionIndex, OptionKey, key, with_options};
use super::produktion::posts_arg;
use crate::domain::long::Layout;
use crate::domain::tillganglighet::{self, Series};
use crate::period::Period;
use crate::table::Table;

type R<T> = Result<T, Box<EvalAltResult>>;

/// `poster`, for every accessibility table.
const POSTER: OptionKey = key("poster", "vilka mått och i vilken ordning");

pub fn register(engine: &mut Engine, keys: &mut OptionIndex) {
    with_options!(
        engine,
        keys,
        "tillganglighet",
        (period: Dynamic) -> Table,
        overview,
        [
            key("kommentarer", "#{mått: text}, ger kolumnen Kommentar"),
            POSTER,
            key(
                "trendgrans",
                "ändring i procent av fjolårets R12 som räknas som neutral (standard 2)",
            ),
            KOLUMNER,
        ],
        "/// Tillgänglighetstabell vid `period`: kategori, månadens värde (andel eller \
             medelväntetid), årets mål och trend R12 (rullande tolv månader mot ett år tidigare, \
             bedömd mot målet).",
        "/// Som `tillganglighet(t, period)`, med val: `kommentarer` (#{mått: text}, ger \
             kolumnen Kommentar), `poster` (vilka mått och i vilken ordning), `trendgrans` \
             (ändring i procent av fjolårets R12 som räknas som neutral, standard 2) och \
             `kolumner` (exportens egna kolumnnamn).",
    );
    with_options!(
        engine,
        keys,
        "vardgaranti",
        (period: Dynamic) -> Table,
        guarantee,
        [POSTER, KOLUMNER],
        "/// Vårdgarantitabell vid `period` för varje mått med andel inom garantin: andel, mål, \
             status, riket (föregående månad, som publiceras en månad senare), förändring mot \
             föregående månad i procentenheter, väntande, väntat längre än garantin, väntat över \
             365 dagar och förändring av antalet väntande.",
        "/// Som `vardgaranti(t, period)`, med val: `poster` (vilka mått och i vilken ordning) \
             och `kolumner` (exportens egna kolumnnamn).",
    );
    with_options!(
        engine,
        keys,
        "tillganglighet_r12",
        (period: Dynamic) -> Table,
        rolling,
        [
            POSTER,
            key("manader", "antal månader, 1–120 (standard 12)"),
            KOLUMNER,
        ],
        "/// Årstrend: varje måtts värde för rullande tolv månader (R12), en rad per månad för \
             de tolv månaderna fram till `period` och en kolumn per mått.",
        "/// Som ovan, med val: `poster` (vilka mått och i vilken ordning), `manader` (antal \
             månader, 1–120, standard 12) och `kolumner` (exportens egna kolumnnamn).",
    );
    scalar(
        engine,
        "tillganglighet_varde",
        "/// Måttets värde för månaden `period`: andel i procent, eller medelväntetid i sekunder \
         (() om data saknas).",
        |s, p| s.value(p),
    );
    FuncRegistration::new("minuter")
        .with_comments([
            "/// En tid i sekunder som minuter och sekunder, så som medelväntetider skrivs: \
             `minuter(898)` ger \"14:58\".",
        ])
        .with_params_info(["sekunder: Dynamic", "String"])
        .register_into_engine(engine, |seconds: Dynamic| -> R<String> {
            let seconds = to_decimal(&seconds)
                .ok_or_else(|| fail("`minuter` behöver ett tal (sekunder)".to_string()))?;
            Ok(tillganglighet::minutes_and_seconds(seconds))
        });
    scalar(
        engine,
        "riket_varde",
        "/// Rikets andel i procent för månaden `period` (() om den inte är publicerad).",
        |s, p| s.national(p),
    );
    scalar(
        engine,
        "vantande",
        "/// Antalet väntande (typ totalt) för måttet månaden `period` (() om data saknas).",
        |s, p| s.total(p),
    );
}

fn scalar(
    engine: &mut Engine,
    name: &'static str,
    doc: &'static str,
    f: fn(&Series, Period) -> Option<Decimal>,
) {
    FuncRegistration::new(name)
        .with_comments([doc])
        .with_params_info(["t: Table", "matt: &str", "period: Dynamic", "Dynamic"])
        .register_into_engine(
            engine,
            move |t: &mut Table, post: &str, period: Dynamic| -> R<Dynamic> {
                let period = period_arg(&period)?;
                let series = tillganglighet::read(t, &Layout::default()).map_err(fail)?;
                let s = series.iter().find(|s| s.post == post).ok_or_else(|| {
                    let known: Vec<String> =
                        series.iter().map(|s| format!("`{}`", s.post)).collect();
                    fail(format!(
                        "`{name}`: måttet `{post}` finns inte; där finns {}",
                        known.join(", ")
                    ))
                })?;
                Ok(f(s, period).map_or(Dynamic::UNIT, Dynamic::from_decimal))
            },
        );
}

fn posts_option(options: &Map) -> R<Option<Vec<String>>> {
    options.get("poster").map(posts_arg).transpose()
}

fn overview(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let posts = posts_option(options)?;
    let comments = match options.get("kommentarer") {
        None => None,
        Some(v) => {
            let map = v
                .read_lock::<Map>()
                .ok_or_else(|| fail("`kommentarer` ska vara en map: #{\"Mått\": \"kommentar\"}"))?;
            let mut out = BTreeMap::new();
            for (k, v) in map.iter() {
                out.insert(k.to_string(), v.to_string());
            }
            Some(out)
        }
    };
    let threshold = match options.get("trendgrans") {
        None => Decimal::from(2),
        Some(v) => to_decimal(v)
            .filter(|d| !d.is_sign_negative())
            .ok_or_else(|| fail("`trendgrans` ska vara ett tal ≥ 0 (procent), t.ex. 2"))?,
    };
    let series = tillganglighet::read(t, &layout).map_err(fail)?;
    tillganglighet::overview(
        &series,
        period,
        posts.as_deref(),
        comments.as_ref(),
        threshold,
    )
    .map_err(fail)
}

fn guarantee(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let posts = posts_option(options)?;
    let series = tillganglighet::read(t, &layout).map_err(fail)?;
    tillganglighet::guarantee(&series, period, posts.as_deref()).map_err(fail)
}

fn rolling(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let posts = posts_option(options)?;
    // At most 120, so the conversion cannot truncate.
    let months = int_option(options, "manader", 1..=120, 12, "")? as u32;
    let series = tillganglighet::read(t, &layout).map_err(fail)?;
    tillganglighet::rolling_table(&series, period, posts.as_deref(), months).map_err(fail)
}
