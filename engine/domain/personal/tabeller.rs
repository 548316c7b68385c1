//! The personal tables as the reports print them: sick leave (total, per group, per month)
//! and worked time, assembled from the figures of [`super`].

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{
    LineKind, SickHours, Source, WorkedHours, lagged_months, month_count, sick_hours_by,
    sick_leave_lines, sick_leave_months, worked_time_lines,
};
use crate::domain::column::{decimal_column, text_column};
use crate::period::Period;
use crate::table::{Column, Format, Key, RowKind, Table, TableResult, Values};

/// "Sjukfrånvaro % (ack)" at `period`: total, short-term, long-term share, by sex and age
/// group, last year and this year.
pub fn sick_leave_table(src: &Source, period: Period) -> TableResult<Table> {
    let lines = sick_leave_lines(src, period);
    let mut table = Table::new(vec![
        text_column(
            "Sjukfrånvaro % (ack)",
            lines.iter().map(|l| l.label.clone()),
        ),
        decimal_column(
            "Föregående år",
            lines.iter().map(|l| l.fg),
            Format::dec(Some(1)),
        ),
        decimal_column(
            "Innevarande år",
            lines.iter().map(|l| l.ar),
            Format::dec(Some(1)),
        ),
    ])?;
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

/// Sick leave per value of the column `per` (of `t`, the table behind `src`): last year's
/// and this year's total, this year's short-term and long-term share.
pub fn sick_leave_per(t: &Table, src: &Source, period: Period, per: &str) -> TableResult<Table> {
    let key_values = &*t.column(per)?.values;
    // Grouped on the borrowed cell (as group_by does), so no text is built per row.
    let key = |r: usize| match key_values.key(r) {
        Key::Null => None,
        k => Some(k),
    };
    let last = period.last_year();
    let ar = sick_hours_by(src, period.year_start(), period, key);
    let fg = sick_hours_by(src, last.year_start(), last, key);
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
        text_column(per, keys.iter().map(|k| k.to_value().label())),
        decimal_column(
            "Sjukfrånvaro fg år %",
            pick(&fg, SickHours::total),
            Format::dec(Some(1)),
        ),
        decimal_column(
            "Sjukfrånvaro %",
            pick(&ar, SickHours::total),
            Format::dec(Some(1)),
        ),
        decimal_column(
            "Korttid dag 1–14 %",
            pick(&ar, SickHours::kort),
            Format::dec(Some(1)),
        ),
        decimal_column(
            "Andel långtid över 60 dagar %",
            pick(&ar, SickHours::lang_andel),
            Format::dec(Some(1)),
        ),
    ])
}

/// Sick leave per month for the `months` months up to `period`, with rolling twelve months.
pub fn sick_months_table(src: &Source, period: Period, months: i64) -> TableResult<Table> {
    let rows = sick_leave_months(src, period, months);
    Table::new(vec![
        Column::new(
            "Månad",
            Values::Period(rows.iter().map(|m| Some(m.period)).collect()),
        ),
        decimal_column(
            "Sjukfrånvaro %",
            rows.iter().map(|m| m.manad),
            Format::dec(Some(1)),
        ),
        decimal_column(
            "Rullande 12 månader %",
            rows.iter().map(|m| m.r12),
            Format::dec(Some(1)),
        ),
    ])
}

/// "Arbetad tid (ack)": worked hours this year and last, with `lag` months' delay and
/// `arsnorm` hours per full-time year.
pub fn worked_time_table(
    src: &Source,
    period: Period,
    lag: i64,
    arsnorm: Decimal,
) -> TableResult<Table> {
    let months_ar = lagged_months(period, lag);
    let months_fg = lagged_months(period.last_year(), lag);
    let ar = WorkedHours::collect(src, months_ar);
    let fg = WorkedHours::collect(src, months_fg);
    let lines = worked_time_lines(
        &ar,
        &fg,
        month_count(months_ar),
        month_count(months_fg),
        arsnorm,
    );
    let mut table = Table::new(vec![
        text_column("Arbetad tid (ack)", lines.iter().map(|l| l.label.clone())),
        decimal_column(
            "Innevarande år",
            lines.iter().map(|l| Some(l.ar)),
            Format::int(),
        ),
        decimal_column(
            "Förändring",
            lines.iter().map(|l| l.ar.checked_sub(l.fg)),
            Format::int(),
        ),
        decimal_column(
            "Förändring %",
            lines.iter().map(|l| l.change_pct()),
            Format::dec(Some(2)),
        ),
        decimal_column(
            "Föregående år",
            lines.iter().map(|l| Some(l.fg)),
            Format::int(),
        ),
    ])?;
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
