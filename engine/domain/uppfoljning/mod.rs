//! Follow-up per organisational level: the organisation table, the figures per unit or level
//! row, and the tables built from them (budget deviation per level, the region's result,
//! investments, cost-reduction assignments).

pub mod investering;
pub mod niva;
pub mod uppdrag;

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::long::{Figures, Kind, Rows};
use crate::period::Period;
use crate::table::{Column, Format, RowKind, Table, TableResult, Value, Values};

/// The column that says when a budget row was decided (a revision): rows decided after the
/// report period are left out, so an earlier report keeps the budget it had.
pub const DECIDED: &str = "beslutad";

/// The organisation table: its first column is the unit (as the ledger's `enhet`), the other
/// columns are levels above it (`omrade`, `forvaltning`, `namnd` …), in any order.
#[derive(Debug)]
pub struct Organisation<'a> {
    table: &'a Table,
    index: HashMap<String, usize>,
}

impl<'a> Organisation<'a> {
    pub fn new(table: &'a Table) -> TableResult<Organisation<'a>> {
        let Some(first) = table.columns.first() else {
            return Err("organisationstabellen har inga kolumner".into());
        };
        let mut index = HashMap::new();
        for row in 0..table.len() {
            if let Value::Text(unit) = first.values.get(row) {
                if index.insert(unit.to_string(), row).is_some() {
                    return Err(format!(
                        "enheten `{unit}` finns två gånger i organisationstabellen (rad {})",
                        row + 1
                    ));
                }
            }
        }
        Ok(Organisation { table, index })
    }

    /// Check that `level` is one of the table's columns.
    pub fn check_level(&self, level: &str) -> TableResult<()> {
        self.table.column(level).map(|_| ())
    }

    /// The unit's value at `level` (`None` when empty), or an error when the unit is unknown.
    pub fn level_of(&self, unit: &str, level: &str) -> TableResult<Option<String>> {
        let Some(&row) = self.index.get(unit) else {
            return Err(format!(
                "enheten `{unit}` finns inte i organisationstabellen; lägg till en rad för den"
            ));
        };
        Ok(match self.table.column(level)?.values.get(row) {
            Value::Null => None,
            v => Some(v.label()).filter(|s| !s.is_empty()),
        })
    }

    /// The distinct values of `level` in the table's order, for units passing `keep`.
    pub fn order(&self, level: &str, keep: impl Fn(&str) -> bool) -> TableResult<Vec<String>> {
        let first = &self.table.columns[0].values;
        let values = &self.table.column(level)?.values;
        let mut out: Vec<String> = Vec::new();
        for row in 0..self.table.len() {
            let unit = first.get(row).label();
            let v = values.get(row);
            if v == Value::Null || !keep(&unit) {
                continue;
            }
            let label = v.label();
            if !label.is_empty() && !out.contains(&label) {
                out.push(label);
            }
        }
        Ok(out)
    }
}

/// Whether a ledger row counts at `period`: budget rows decided after it are left out.
pub fn decided_by(t: &Table, period: Period) -> TableResult<Vec<bool>> {
    let Ok(column) = t.column(DECIDED) else {
        return Ok(vec![true; t.len()]);
    };
    match &*column.values {
        Values::Period(v) => Ok(v.iter().map(|p| p.is_none_or(|p| p <= period)).collect()),
        Values::Text(v) => v
            .iter()
            .enumerate()
            .map(|(row, cell)| match cell.as_deref().map(str::trim) {
                None | Some("") => Ok(true),
                Some(text) => Period::parse(text).map(|p| p <= period).ok_or_else(|| {
                    format!(
                        "rad {}: `{DECIDED}` är `{text}`; det ska vara en period (ÅÅÅÅ-MM) eller tomt",
                        row + 1
                    )
                }),
            })
            .collect(),
        other => Err(format!(
            "kolumnen `{DECIDED}` ska innehålla perioder (ÅÅÅÅ-MM) eller vara tom, men innehåller {}",
            other.type_name()
        )),
    }
}

/// One row of a follow-up table: its label, kind, the figures at the period and the
/// month's own outcome and budget (in `ack_utfall` and `ack_budget`).
#[derive(Debug, Clone)]
pub struct FigureRow {
    pub label: String,
    pub kind: RowKind,
    pub figures: Figures,
    pub month: Figures,
}

/// Figures per key at `period` and for the period's month alone.
pub fn figures_by(
    rows: &Rows,
    period: Period,
    key: impl Fn(usize) -> Option<String>,
) -> HashMap<String, (Figures, Figures)> {
    let mut out: HashMap<String, (Figures, Figures)> = rows
        .compare(period, &key)
        .into_iter()
        .map(|(k, f)| (k, (f, Figures::default())))
        .collect();
    let month = rows.compare(period, |r| {
        let own_month = rows.period[r] == Some(period) && rows.typ[r] != Some(Kind::Prognos);
        if own_month { key(r) } else { None }
    });
    for (k, f) in month {
        out.entry(k).or_default().1 = f;
    }
    out
}

/// Net cost development in percent: this year's outcome against last year's (`None` when
/// last year is missing or zero).
pub fn development(f: &Figures) -> Option<Decimal> {
    let base = f.ack_utfall_fg.filter(|b| !b.is_zero())?;
    let now = f.ack_utfall?;
    now.checked_div(base)
        .map(|r| (r - Decimal::ONE) * Decimal::ONE_HUNDRED)
}

/// How a follow-up column is computed from a row.
pub type RowMeasure = fn(&FigureRow) -> Option<Decimal>;

/// The follow-up table's value columns, in order.
pub const LEVEL_COLUMNS: [(&str, RowMeasure); 11] = [
    ("Utfall månad", |r| r.month.ack_utfall),
    ("Budget månad", |r| r.month.ack_budget),
    ("Avvikelse månad", |r| r.month.ack_avvikelse()),
    ("Ack utfall fg år", |r| r.figures.ack_utfall_fg),
    ("Ack utfall", |r| r.figures.ack_utfall),
    ("Ack budget", |r| r.figures.ack_budget),
    ("Ack avvikelse", |r| r.figures.ack_avvikelse()),
    ("Nettokostnadsutv. %", |r| development(&r.figures)),
    ("Årsbudget", |r| r.figures.helar_budget),
    ("Prognos", |r| r.figures.helar_prognos),
    ("Prognosavvikelse", |r| r.figures.prognosavvikelse()),
];

/// Build the table: a label column named `first`, then [`LEVEL_COLUMNS`] (amounts shown in
/// whole mkr, the development in percent with one decimal).
pub fn level_table(first: &str, rows: &[FigureRow]) -> TableResult<Table> {
    let mut columns = vec![Column::new(
        first,
        Values::Text(
            rows.iter()
                .map(|r| Some(Arc::from(r.label.as_str())))
                .collect(),
        ),
    )];
    for (name, measure) in LEVEL_COLUMNS {
        let mut c = Column::new(name, Values::Decimal(rows.iter().map(measure).collect()));
        c.format = Some(Format::parse(if name.ends_with('%') {
            "pct:1"
        } else {
            "mkr:0"
        })?);
        columns.push(c);
    }
    let mut t = Table::new(columns)?;
    t.kinds = Arc::new(rows.iter().map(|r| r.kind).collect());
    Ok(t)
}

/// Sum rows' figures.
pub fn sum_rows<'a>(rows: impl IntoIterator<Item = &'a FigureRow>) -> (Figures, Figures) {
    rows.into_iter()
        .fold((Figures::default(), Figures::default()), |(f, m), r| {
            (f.plus(&r.figures), m.plus(&r.month))
        })
}

/// An amount in mkr as the reports print it: whole mkr, but one decimal under 1 mkr
/// (−0,4; 0,0 for a small non-zero amount; 0 for exactly zero).
pub fn mkr_short(value: Decimal) -> Decimal {
    let mkr = value / Decimal::from(1_000_000);
    let decimals = if mkr.is_zero() || mkr.abs() >= Decimal::new(95, 2) {
        0
    } else {
        1
    };
    let mut r = crate::number::round_half_away(mkr, decimals);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r.rescale(decimals);
    r
}
