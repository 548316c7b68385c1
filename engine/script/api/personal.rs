//! Script functions for personal: `sjukfranvaro`, `sjuktal`, `sjukfranvaro_manader`,
//! `arbetad_tid`, `arsarbetare` and `hyrpersonal_andel`.

use std::sync::Arc;

use rhai::{Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::domain::{check_options, decimal_column, int_option, period_arg, text_column};
use super::fail;
use super::number::to_decimal;
use crate::domain::long::column_names;
use crate::domain::personal::{
    self, ARSNORM_TIMMAR, LineKind, Names, SickHours, Source, WorkedHours,
};
use crate::period::Period;
use crate::table::{Column, Key, RowKind, Table, Values};

type R<T> = Result<T, Box<EvalAltResult>>;

pub fn register(engine: &mut Engine) {
    FuncRegistration::new("sjukfranvaro")
        .with_comments([
            "/// Tabellen \"Sjukfrånvaro % (ack)\" vid `period`: total sjukfrånvaro, varav \
             korttid dag 1–14, andel långtid över 60 dagar, män, kvinnor och åldersgrupper, \
             föregående och innevarande år. Posterna är ordinarie_tid, sjuktimmar, \
             sjuktimmar_dag1_14 och sjuktimmar_over_60; kolumnerna kon och aldersgrupp.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic| {
            sick_leave(t, &period, &Map::new())
        });
    FuncRegistration::new("sjukfranvaro")
        .with_comments([
            "/// Som `sjukfranvaro(t, period)`, med val: `per` (en kolumn, t.ex. \"omrade\": \
             en rad per värde med sjukfrånvaro fg år och i år, korttid och andel långtid) och \
             `kolumner` (exportens egna kolumnnamn).",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "val: Map", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic, options: Map| {
            sick_leave(t, &period, &options)
        });
    FuncRegistration::new("sjuktal")
        .with_comments([
            "/// Ackumulerad sjukfrånvaro i procent av ordinarie tid, från januari till och med \
             `period` (oavrundad; `()` om ordinarie tid saknas). `sjuktal(t, p.last_year())` \
             ger föregående års siffra.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "Dynamic"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic| {
            sick_rate(t, &period, &Map::new())
        });
    FuncRegistration::new("sjuktal")
        .with_comments(["/// Som `sjuktal(t, period)`, med valet `kolumner`."])
        .with_params_info(["t: Table", "period: Dynamic", "val: Map", "Dynamic"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic, options: Map| {
            sick_rate(t, &period, &options)
        });
    FuncRegistration::new("sjukfranvaro_manader")
        .with_comments([
            "/// Sjukfrånvaro per månad de 24 månaderna fram till och med `period`, med \
             rullande tolv månader (tom tills tolv månaders data finns).",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic| {
            sick_months(t, &period, 24)
        });
    FuncRegistration::new("sjukfranvaro_manader")
        .with_comments(["/// Som `sjukfranvaro_manader(t, period)` för `antal` månader."])
        .with_params_info(["t: Table", "period: Dynamic", "antal: i64", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic, months: i64| {
            if !(1..=120).contains(&months) {
                return Err(fail("antalet månader ska vara 1–120"));
            }
            sick_months(t, &period, months)
        });
    FuncRegistration::new("arbetad_tid")
        .with_comments([
            "/// Tabellen \"Arbetad tid (ack)\": egen personal per yrkesgrupp med övertid/mertid \
             och timavlönade, resursenheten, externt inhyrd personal, justeringar, jour/beredskap \
             och antal årsarbetare; innevarande år, förändring, förändring % och föregående år.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic| {
            worked_time(t, &period, &Map::new())
        });
    FuncRegistration::new("arbetad_tid")
        .with_comments([
            "/// Som `arbetad_tid(t, period)`, med val: `slapning` (månaders eftersläpning, \
             standard 0: med 1 visar februarirapporten januari), `arsnorm` (timmar per \
             årsarbetare och år, standard 1725) och `kolumner`.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "val: Map", "Table"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic, options: Map| {
            worked_time(t, &period, &options)
        });
    FuncRegistration::new("arsarbetare")
        .with_comments([
            "/// Antal årsarbetare utifrån arbetad tid exkl jour/beredskap, ackumulerat till \
             `period` (oavrundat; `()` om ingen månad ingår). Arbetad tid delas med årsnormen \
             (1 725 timmar) gånger antal månader / 12.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "Dynamic"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic| {
            fte(t, &period, &Map::new())
        });
    FuncRegistration::new("arsarbetare")
        .with_comments([
            "/// Som `arsarbetare(t, period)`, med valen `slapning`, `arsnorm` och `kolumner`.",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "val: Map", "Dynamic"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic, options: Map| {
            fte(t, &period, &options)
        });
    FuncRegistration::new("hyrpersonal_andel")
        .with_comments([
            "/// Beroendet av inhyrd personal: kostnaden för inhyrd personal i procent av \
             kostnaden för egen personal, ackumulerat till `period` (posterna \
             kostnad_inhyrd_personal och kostnad_egen_personal; oavrundat, `()` utan kostnad \
             för egen personal).",
        ])
        .with_params_info(["t: Table", "period: Dynamic", "Dynamic"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic| {
            hired_share(t, &period, &Map::new())
        });
    FuncRegistration::new("hyrpersonal_andel")
        .with_comments(["/// Som `hyrpersonal_andel(t, period)`, med valet `kolumner`."])
        .with_params_info(["t: Table", "period: Dynamic", "val: Map", "Dynamic"])
        .register_into_engine(engine, |t: &mut Table, period: Dynamic, options: Map| {
            hired_share(t, &period, &options)
        });
}

/// The column names from an options map's `kolumner`.
fn names_from(options: &Map) -> R<Names> {
    let pairs = column_names(options, "#{varde: \"Timmar\"}").map_err(fail)?;
    Names::mapped(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(fail)
}

fn decimal_or_unit(value: Option<Decimal>) -> Dynamic {
    value.map_or(Dynamic::UNIT, Dynamic::from_decimal)
}

fn sick_leave(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    check_options(options, &["per", "kolumner"])?;
    let period = period_arg(period)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    if let Some(per) = options.get("per") {
        let per = per
            .clone()
            .into_immutable_string()
            .map_err(|_| fail("`per` ska vara ett kolumnnamn (text)"))?;
        let per = match per.as_str() {
            "enhet" => names.enhet.clone(),
            "kon" => names.kon.clone(),
            "aldersgrupp" => names.aldersgrupp.clone(),
            other => other.to_string(),
        };
        return sick_leave_per(t, &src, period, &per);
    }
    let lines = personal::sick_leave_lines(&src, period);
    let mut table = Table::new(vec![
        text_column(
            "Sjukfrånvaro % (ack)",
            lines.iter().map(|l| l.label.clone()).collect(),
        ),
        decimal_column(
            "Föregående år",
            lines.iter().map(|l| l.fg).collect(),
            "dec:1",
        ),
        decimal_column(
            "Innevarande år",
            lines.iter().map(|l| l.ar).collect(),
            "dec:1",
        ),
    ])
    .map_err(fail)?;
    table.kinds = Arc::new(
        lines
            .iter()
            .map(|l| {
                if l.varav {
                    RowKind::Varav
                } else {
                    RowKind::Data
                }
            })
            .collect(),
    );
    Ok(table)
}

fn sick_leave_per(t: &Table, src: &Source, period: Period, per: &str) -> R<Table> {
    let key_values = &*t.column(per).map_err(fail)?.values;
    // Grouped on the borrowed cell (as group_by does), so no text is built per row.
    let key = |r: usize| match key_values.key(r) {
        Key::Null => None,
        k => Some(k),
    };
    let last = period.last_year();
    let ar = personal::sick_hours_by(src, period.year_start(), period, key);
    let fg = personal::sick_hours_by(src, last.year_start(), last, key);
    let mut keys: Vec<Key> = ar.iter().map(|(k, _)| *k).collect();
    for (k, _) in &fg {
        if !keys.contains(k) {
            keys.push(*k);
        }
    }
    let find = |groups: &[(Key, SickHours)], k: &Key| {
        groups
            .iter()
            .find(|(g, _)| g == k)
            .map(|(_, h)| *h)
            .unwrap_or_default()
    };
    let pick = |groups: &[(Key, SickHours)], f: fn(&SickHours) -> Option<Decimal>| {
        keys.iter().map(|k| f(&find(groups, k))).collect::<Vec<_>>()
    };
    Table::new(vec![
        text_column(per, keys.iter().map(|k| k.to_value().label()).collect()),
        decimal_column("Sjukfrånvaro fg år %", pick(&fg, SickHours::total), "dec:1"),
        decimal_column("Sjukfrånvaro %", pick(&ar, SickHours::total), "dec:1"),
        decimal_column("Korttid dag 1–14 %", pick(&ar, SickHours::kort), "dec:1"),
        decimal_column(
            "Andel långtid över 60 dagar %",
            pick(&ar, SickHours::lang_andel),
            "dec:1",
        ),
    ])
    .map_err(fail)
}

fn sick_rate(t: &Table, period: &Dynamic, options: &Map) -> R<Dynamic> {
    check_options(options, &["kolumner"])?;
    let period = period_arg(period)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    Ok(decimal_or_unit(
        personal::sick_hours(&src, period.year_start(), period).total(),
    ))
}

fn sick_months(t: &Table, period: &Dynamic, months: i64) -> R<Table> {
    let period = period_arg(period)?;
    let src = Source::new(t, &Names::default()).map_err(fail)?;
    let rows = personal::sick_leave_months(&src, period, months);
    Table::new(vec![
        Column::new(
            "Månad",
            Values::Period(rows.iter().map(|m| Some(m.period)).collect()),
        ),
        decimal_column(
            "Sjukfrånvaro %",
            rows.iter().map(|m| m.manad).collect(),
            "dec:1",
        ),
        decimal_column(
            "Rullande 12 månader %",
            rows.iter().map(|m| m.r12).collect(),
            "dec:1",
        ),
    ])
    .map_err(fail)
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
    check_options(options, &["slapning", "arsnorm", "kolumner"])?;
    let period = period_arg(period)?;
    let (lag, norm) = worked_options(options)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    let months_ar = personal::lagged_months(period, lag);
    let months_fg = personal::lagged_months(period.last_year(), lag);
    let ar = WorkedHours::collect(&src, months_ar);
    let fg = WorkedHours::collect(&src, months_fg);
    let lines = personal::worked_time_lines(
        &ar,
        &fg,
        personal::month_count(months_ar),
        personal::month_count(months_fg),
        norm,
    );
    let mut table = Table::new(vec![
        text_column(
            "Arbetad tid (ack)",
            lines.iter().map(|l| l.label.clone()).collect(),
        ),
        decimal_column(
            "Innevarande år",
            lines.iter().map(|l| Some(l.ar)).collect(),
            "int",
        ),
        decimal_column(
            "Förändring",
            lines.iter().map(|l| Some(l.ar - l.fg)).collect(),
            "int",
        ),
        decimal_column(
            "Förändring %",
            lines.iter().map(|l| l.change_pct()).collect(),
            "dec:2",
        ),
        decimal_column(
            "Föregående år",
            lines.iter().map(|l| Some(l.fg)).collect(),
            "int",
        ),
    ])
    .map_err(fail)?;
    table.kinds = Arc::new(
        lines
            .iter()
            .map(|l| match l.kind {
                LineKind::Data => RowKind::Data,
                LineKind::Varav => RowKind::Varav,
                LineKind::Subtotal => RowKind::Subtotal,
                LineKind::Total => RowKind::Total,
            })
            .collect(),
    );
    Ok(table)
}

fn fte(t: &Table, period: &Dynamic, options: &Map) -> R<Dynamic> {
    check_options(options, &["slapning", "arsnorm", "kolumner"])?;
    let period = period_arg(period)?;
    let (lag, norm) = worked_options(options)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    let months = personal::lagged_months(period, lag);
    if months.is_none() {
        return Ok(Dynamic::UNIT);
    }
    let hours = WorkedHours::collect(&src, months);
    Ok(decimal_or_unit(personal::arsarbetare(
        hours.exkl_jour(),
        personal::month_count(months),
        norm,
    )))
}

fn hired_share(t: &Table, period: &Dynamic, options: &Map) -> R<Dynamic> {
    check_options(options, &["kolumner"])?;
    let period = period_arg(period)?;
    let names = names_from(options)?;
    let src = Source::new(t, &names).map_err(fail)?;
    Ok(decimal_or_unit(personal::hired_staff_share(
        &src,
        period.year_start(),
        period,
    )))
}
