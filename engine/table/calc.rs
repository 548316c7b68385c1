//! Computing on columns: `a - b`, `a * 1.5`, sums and means, percent change between columns.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Column, Table, TableResult, Values};
use crate::number::{Overflow, checked_mean, checked_sum, percent_change, too_large};

/// An arithmetic operator on columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
        }
    }

    /// Decimal result; division by zero gives an empty cell (shown as `–`), a result beyond
    /// a decimal's range `Err(Overflow)`.
    fn apply(self, a: Decimal, b: Decimal) -> Result<Option<Decimal>, Overflow> {
        let r = match self {
            Op::Div if b.is_zero() => return Ok(None),
            Op::Add => a.checked_add(b),
            Op::Sub => a.checked_sub(b),
            Op::Mul => a.checked_mul(b),
            Op::Div => a.checked_div(b),
        };
        r.map(Some).ok_or(Overflow)
    }
}

/// The error for `name` (`Belopp * 10`) overflowing at data row `row` (0-based).
fn overflow(name: &str, row: usize) -> String {
    too_large(&format!("`{name}` på rad {} i tabellen", row + 1))
}

fn numbers(c: &Column) -> TableResult<Vec<Option<Decimal>>> {
    require_numeric(c)?;
    c.values.to_decimals().ok_or_else(|| not_numeric(c))
}

/// An error unless `c` holds numbers (checks the type; copies nothing).
pub fn require_numeric(c: &Column) -> TableResult<()> {
    if c.values.is_numeric() {
        Ok(())
    } else {
        Err(not_numeric(c))
    }
}

/// `kolumnen `Belopp` är text, inte tal`, and for a column read from a data file, where and
/// which value made it text.
pub fn not_numeric(c: &Column) -> String {
    let because = c
        .text_because
        .as_deref()
        .map(|b| format!(": {b}"))
        .unwrap_or_default();
    format!(
        "kolumnen `{}` är {}, inte tal{because}",
        c.name,
        c.values.type_name()
    )
}

/// `a op b` row by row. Integers stay integers for `+ - *`; an empty cell gives an empty cell.
pub fn combine(a: &Column, b: &Column, op: Op) -> TableResult<Column> {
    if a.values.len() != b.values.len() {
        return Err(format!(
            "kolumnerna `{}` och `{}` har olika många rader ({} och {})",
            a.name,
            b.name,
            a.values.len(),
            b.values.len()
        ));
    }
    let name = format!("{} {} {}", a.name, op.symbol(), b.name);
    if let (Values::Int(x), Values::Int(y), false) = (&*a.values, &*b.values, op == Op::Div) {
        let v = x
            .iter()
            .zip(y.iter())
            .enumerate()
            .map(|(row, (x, y))| {
                let r = match (x, y, op) {
                    (Some(x), Some(y), Op::Add) => x.checked_add(y),
                    (Some(x), Some(y), Op::Sub) => x.checked_sub(y),
                    (Some(x), Some(y), _) => x.checked_mul(y),
                    _ => return Ok(None),
                };
                r.map(Some).ok_or_else(|| overflow(&name, row))
            })
            .collect::<TableResult<_>>()?;
        return Ok(Column::new(name, Values::Int(v)));
    }
    let (x, y) = (numbers(a)?, numbers(b)?);
    let v = x
        .iter()
        .zip(&y)
        .enumerate()
        .map(|(row, (x, y))| match (x, y) {
            (Some(x), Some(y)) => op.apply(*x, *y).map_err(|Overflow| overflow(&name, row)),
            _ => Ok(None),
        })
        .collect::<TableResult<_>>()?;
    Ok(Column {
        format: a.format,
        ..Column::new(name, Values::Decimal(v))
    })
}

/// `a op scalar` (or `scalar op a` when `scalar_first`).
pub fn combine_scalar(a: &Column, s: Decimal, op: Op, scalar_first: bool) -> TableResult<Column> {
    let x = numbers(a)?;
    let v = x
        .iter()
        .enumerate()
        .map(|(row, x)| {
            let Some(x) = *x else { return Ok(None) };
            let r = if scalar_first {
                op.apply(s, x)
            } else {
                op.apply(x, s)
            };
            r.map_err(|Overflow| {
                let name = if scalar_first {
                    format!("{s} {} {}", op.symbol(), a.name)
                } else {
                    format!("{} {} {s}", a.name, op.symbol())
                };
                overflow(&name, row)
            })
        })
        .collect::<TableResult<_>>()?;
    Ok(Column {
        format: a.format,
        ..Column::new(a.name.clone(), Values::Decimal(v))
    })
}

/// What to compute over a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agg {
    Sum,
    Mean,
    Min,
    Max,
    Count,
}

impl Agg {
    pub fn parse(name: &str) -> TableResult<Agg> {
        Ok(match name {
            "sum" | "summa" => Agg::Sum,
            "mean" | "medel" => Agg::Mean,
            "min" => Agg::Min,
            "max" => Agg::Max,
            "count" | "antal" => Agg::Count,
            _ => {
                return Err(format!(
                    "okänd beräkning `{name}`; använd sum, mean, min, max eller count"
                ));
            }
        })
    }
}

impl Table {
    /// Sum of a numeric column over data rows (not totals or varav rows).
    pub fn sum(&self, column: &str) -> TableResult<Decimal> {
        let c = self.column(column)?;
        require_numeric(c)?;
        checked_sum(self.data_rows().filter_map(|i| c.values.decimal(i)))
            .ok_or_else(|| too_large(&format!("summan av kolumnen `{column}`")))
    }

    /// Mean, min or max of a numeric column over data rows; `None` when there are none.
    pub fn aggregate(&self, column: &str, agg: Agg) -> TableResult<Option<Decimal>> {
        let c = self.column(column)?;
        require_numeric(c)?;
        let it = self.data_rows().filter_map(|i| c.values.decimal(i));
        Ok(match agg {
            Agg::Sum => Some(
                checked_sum(it)
                    .ok_or_else(|| too_large(&format!("summan av kolumnen `{column}`")))?,
            ),
            Agg::Count => Some(Decimal::from(it.count())),
            Agg::Min => it.min(),
            Agg::Max => it.max(),
            Agg::Mean => checked_mean(it).map_err(|Overflow| {
                too_large(&format!("summan av kolumnen `{column}` (för medelvärdet)"))
            })?,
        })
    }

    /// Add column `name`: the change from `base` to `value` in percent (empty where the base
    /// is zero, shown as `–`). Totals recompute it from their own sums.
    pub fn pct_change(&self, base: &str, value: &str, name: &str) -> TableResult<Table> {
        let b = numbers(self.column(base)?)?;
        let v = numbers(self.column(value)?)?;
        let out = b
            .iter()
            .zip(&v)
            .map(|(b, v)| match (b, v) {
                (Some(b), Some(v)) => percent_change(*b, *v),
                _ => None,
            })
            .collect();
        let mut t = self.clone();
        t.set_column(Column {
            name: name.to_string(),
            values: Arc::new(Values::Decimal(out)),
            format: Some(super::Format::pct(1).signed()),
            ratio: Some((base.to_string(), value.to_string())),
            text_because: None,
        })?;
        Ok(t)
    }
}
