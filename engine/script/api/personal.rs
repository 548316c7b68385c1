//! Script functions for personal: `sjukfranvaro`, `sjuktal`, `sjukfranvaro_manader`,
//! `arbetad_tid`, `arsarbetare`, `medelantal_anstallda` and `hyrpersonal_andel`.

use rhai::{Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::domain::{KOLUMNER, check_options, format_option, int_option, period_arg, text_option};
use super::fail;
use super::number::to_decimal;
use super::overloads::{OptionIndex, OptionKey, key, with_options};
use crate::domain::long::column_names;
use crate::domain::personal::anstallda::{self, Export, HrColumns, Window};
use crate::domain::personal::{self, ARSNORM_TIMMAR, Names, Source, tabeller};
use crate::table::{Format, Table};

type R<T> = Result<T, Box<EvalAltResult>>;

/// `sjukfranvaro_manader`'s options.
const SICK_MONTHS_OPTIONS: [OptionKey; 2] =
    [key("antal", "antal månader, 1–120 (standard 24)"), KOLUMNER];

/// The options of `arbetad_tid` and `arsarbetare`.
const WORKED_OPTIONS: [OptionKey; 3] = [
    key(
        "slapning",
        "månaders eftersläpning (standard 0; med 1 visar februarirapporten januari)",
    ),
    key("arsnorm", "timmar per årsarbetare och år (standard 1725)"),
    KOLUMNER,
];

pub fn register(engine: &mut Engine, keys: &mut OptionIndex) {
    with_options!(
        engine,
        keys,
        "sjukfranvaro",
        (period: Dynamic) -> Table,
        sick_leave,
        [
            key("per", "en kolumn, t.ex. \"omrade\": en rad per värde"),
            KOLUMNER,
        ],
        "/// Tabellen \"Sjukfrånvaro % (ack)\" vid `period`: total sjukfrånvaro, varav \
             korttid dag 1–14, andel långtid över 60 dagar, män, kvinnor och åldersgrupper, \
             föregående och innevarande år. Posterna är ordinarie_tid, sjuktimmar, \
             sjuktimmar_dag1_14 och sjuktimmar_over_60; kolumnerna kon och aldersgrupp.",
        "/// Som `sjukfranvaro(t, period)`, med val: `per` (en kolumn, t.ex. \"omrade\": \
             en rad per värde med sjukfrånvaro fg år och i år, korttid och andel långtid) och \
             `kolumner` (exportens egna kolumnnamn).",
    );
    with_options!(
        engine,
        keys,
        "sjuktal",
        (period: Dynamic) -> Dynamic,
        sick_rate,
        [KOLUMNER],
        "/// Ackumulerad sjukfrånvaro i procent av ordinarie tid, från januari till och med \
             `period` (oavrundad; `()` om ordinarie tid saknas). `sjuktal(t, p.last_year())` \
             ger föregående års siffra.",
        "/// Som `sjuktal(t, period)`, med valet `kolumner`.",
    );
    keys.add("sjukfranvaro_manader", &SICK_MONTHS_OPTIONS);
    FuncRegistration::new("sjukfranvaro_manader")
        .with_comments([
            "/// Sjukfrånvaro per månad de 24 månaderna fram till och med `period`, med \
             rullande tolv månader (tom tills tolv månaders data finns).",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic| {
            sick_months(t, &period, 24, &Map::new())
        });
    FuncRegistration::new("sjukfranvaro_manader")
        .with_comments(["/// Som `sjukfranvaro_manader(t, period)` för `antal` månader."])
        .with_params_info(["t: Table", "period: Dynamic", "antal: i64", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic, months: i64| {
            if !(1..=120).contains(&months) {
                return Err(fail("antalet månader ska vara 1–120"));
            }
            sick_months(t, &period, months, &Map::new())
        });
    FuncRegistration::new("sjukfranvaro_manader")
        .with_comments([
            "/// Som `sjukfranvaro_manader(t, period)`, med val: `antal` (antal månader, 1–120, \
             standard 24) och `kolumner` (exportens egna kolumnnamn).",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "val: Map", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic, options: Map| {
            check_options(&options, &SICK_MONTHS_OPTIONS)?;
            let months = int_option(&options, "antal", 1..=120, 24, " (månader)")?;
            sick_months(t, &period, months, &options)
        });
    with_options!(
        engine,
        keys,
        "arbetad_tid",
        (period: Dynamic) -> Table,
        worked_time,
        WORKED_OPTIONS,
        "/// Tabellen \"Arbetad tid (ack)\": egen personal per yrkesgrupp med övertid/mertid \
             och timavlönade, resursenheten, externt inhyrd personal, justeringar, jour/beredskap \
             och antal årsarbetare; innevarande år, förändring, förändring % och föregående år.",
        "/// Som `arbetad_tid(t, period)`, med val: `slapning` (månaders eftersläpning, \
             standard 0: med 1 visar februarirapporten januari), `arsnorm` (timmar per \
             årsarbetare och år, standard 1725) och `kolumner`.",
    );
    with_options!(
        engine,
        keys,
        "arsarbetare",
        (period: Dynamic) -> Dynamic,
        fte,
        WORKED_OPTIONS,
        "/// Antal årsarbetare utifrån arbetad tid exkl jour/beredskap, ackumulerat till \
             `period` (oavrundat; `()` om ingen månad ingår). Arbetad tid delas med årsnormen \
             (1 725 timmar) gånger antal månader / 12.",
        "/// Som `arsarbetare(t, period)`, med valen `slapning`, `arsnorm` och `kolumner`.",
    );
    with_options!(
        engine,
        keys,
        "medelantal_anstallda",
        (period: Dynamic) -> Table,
        headcount,
        [
            key(
                "manader",
                "antal månader som medelvärdet gäller, fram till och med perioden",
            ),
            key("per", "en kolumn, t.ex. \"forvaltning\": en rad per värde och en totalrad"),
            key("format", "talens format (standard \"int\")"),
            KOLUMNER,
        ],
        "/// Medelantal anställda januari till och med `period` ur en personalexport \
             (kolumnerna period, anstallningsform (Tillsvidare/Visstid), loneform \
             (Månadslön/Timlön), kon (Kvinna/Man) och antal), mot samma månader föregående år: \
             månadsavlönade, varav tillsvidare- och visstidsanställda, kvinnor och män, och \
             timavlönade; med förändring och förändring %.",
        "/// Som `medelantal_anstallda(t, period)`, med val: `manader` (antal månader som \
             medelvärdet gäller, fram till och med `period`; 1 ger antalet den månaden; \
             standard januari–`period`), `per` (en kolumn, t.ex. \"forvaltning\": en rad per \
             värde med månadsavlönade och en totalrad), `format` (standard \"int\") och \
             `kolumner` (exportens egna kolumnnamn, t.ex. #{antal: \"Antal\"}).",
    );
    with_options!(
        engine,
        keys,
        "hyrpersonal_andel",
        (period: Dynamic) -> Dynamic,
        hired_share,
        [KOLUMNER],
        "/// Beroendet av inhyrd personal: kostnaden för inhyrd personal i procent av \
             kostnaden för egen personal, ackumulerat till `period` (posterna \
             kostnad_inhyrd_personal och kostnad_egen_personal; oavrundat, `()` utan kostnad \
             för egen personal).",
        "/// Som `hyrpersonal_andel(t, period)`, med valet `kolumner`.",
    );
}

/// The column names from an options map's `kolumner`.
fn names_from(options: &Map) -> R<Names> {
    Names::from_options(options).map_err(fail)
}

fn decimal_or_unit(value: Option<Decimal>) -> Dynamic {
    value.map_or(Dynamic::UNIT, Dynamic::from_decimal)
}

fn sick_leave(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    match text_option(options, "per")? {
        Some(per) => tabeller::sick_leave_per(t, &src, period, &names.column(&per)),
        None => tabeller::sick_leave_table(&src, period),
    }
    .map_err(fail)
}

fn sick_rate(t: &Table, period: &Dynamic, options: &Map) -> R<Dynamic> {
    let period = period_arg(period)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    Ok(decimal_or_unit(
        personal::sick_hours(&src, period.year_start(), period).total(),
    ))
}

fn sick_months(t: &Table, period: &Dynamic, months: i64, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    tabeller::sick_months_table(&src, period, months).map_err(fail)
}

fn headcount(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let pairs = column_names(options, "#{antal: \"Antal\"}").map_err(fail)?;
    let columns =
        HrColumns::mapped(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(fail)?;
    let window = match options.get("manader") {
        None => Window::year_to_date(period),
        Some(_) => Window {
            to: period,
            months: int_option(options, "manader", 1..=120, 12, " (månader)")?,
        },
    };
    let format = format_option(options, "format")?.unwrap_or(Format::int());
    let export = Export::new(t, &columns).map_err(fail)?;
    let (label, rows) = match text_option(options, "per")? {
        Some(per) => {
            let rows = anstallda::headcount_per(t, &export, window, &per).map_err(fail)?;
            (per, rows)
        }
        None => (
            "Medelantal anställda".to_string(),
            anstallda::headcount(&export, window).map_err(fail)?,
        ),
    };
    anstallda::headcount_table(&label, &rows, format).map_err(fail)
}

/// The options `slapning` and `arsnorm`.
fn worked_options(options: &Map) -> R<(i64, Decimal)> {
    let lag = int_option(options, "slapning", 0..=11, 0, " (månader)")?;
    let norm = match options.get("arsnorm") {
        None => Decimal::from(ARSNORM_TIMMAR),
        Some(v) => to_decimal(v)
            .filter(|n| *n > Decimal::ZERO)
            .ok_or_else(|| fail("`arsnorm` ska vara ett positivt tal (timmar per år)"))?,
    };
    Ok((lag, norm))
}

fn worked_time(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let (lag, norm) = worked_options(options)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    tabeller::worked_time_table(&src, period, lag, norm).map_err(fail)
}

fn fte(t: &Table, period: &Dynamic, options: &Map) -> R<Dynamic> {
    let period = period_arg(period)?;
    let (lag, norm) = worked_options(options)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    Ok(decimal_or_unit(personal::fte(&src, period, lag, norm)))
}

fn hired_share(t: &Table, period: &Dynamic, options: &Map) -> R<Dynamic> {
    let period = period_arg(period)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    Ok(decimal_or_unit(personal::hired_staff_share(
        &src,
        period.year_start(),
        period,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testdata::ledger;

    #[test]
    fn monthly_sick_leave_follows_the_exports_column_names() {
        let mut t = ledger(&[
            ("2024-01", "A", personal::ORDINARIE, "utfall", 1000),
            ("2024-01", "A", personal::SJUK, "utfall", 50),
        ]);
        if let Some(c) = t.columns.iter_mut().find(|c| c.name == "varde") {
            c.name = "Timmar".into();
        }
        let mut kolumner = Map::new();
        kolumner.insert("varde".into(), Dynamic::from("Timmar"));
        let mut options = Map::new();
        options.insert("kolumner".into(), Dynamic::from_map(kolumner));
        let m = sick_months(&t, &Dynamic::from("2024-01"), 1, &options).expect("months");
        assert_eq!(
            m.column("Sjukfrånvaro %")
                .expect("column")
                .values
                .decimal(0),
            Some(Decimal::from(5))
        );
        // Without the mapping the error names the missing column.
        let err = sick_months(&t, &Dynamic::from("2024-01"), 1, &Map::new()).expect_err("varde");
        assert!(err.to_string().contains("`varde`"), "{err}");
    }
}
