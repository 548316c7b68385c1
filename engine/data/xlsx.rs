//! Excel sheets (xlsx, xls, ods) via calamine: numbers stay numbers, dates become dates,
//! the first row of the sheet (or of the given range) is the header.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::period::{Date, Period};
use crate::table::{Column, Table, Value, Values};

/// `B2` as zero-based (row, column).
fn cell_ref(text: &str) -> Option<(u32, u32)> {
    let t = text.trim().to_ascii_uppercase();
    let split = t.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = t.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.chars().try_fold(0u32, |acc, c| {
        acc.checked_mul(26)?.checked_add(c as u32 - 'A' as u32 + 1)
    })?;
    let row: u32 = digits.parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

/// A spreadsheet number as an exact decimal (f64 noise rounded away).
fn decimal(f: f64) -> Option<Decimal> {
    Decimal::from_f64(f).map(|d| d.round_dp(9).normalize())
}

fn value(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Null,
        Data::Int(i) => Value::Int(*i),
        Data::Float(f) => match decimal(*f) {
            Some(d) if d.fract().is_zero() && d.abs() < Decimal::from(i64::MAX) => {
                i64::try_from(d).map_or(Value::Decimal(d), Value::Int)
            }
            Some(d) => Value::Decimal(d),
            None => Value::Null,
        },
        Data::DateTime(dt) => {
            Date::from_serial(dt.as_f64().floor() as i64).map_or(Value::Null, Value::Date)
        }
        Data::DateTimeIso(s) => {
            Date::parse(s.get(..10).unwrap_or(s)).map_or(Value::Null, Value::Date)
        }
        Data::String(s) => {
            let s = s.trim();
            if s.is_empty() {
                Value::Null
            } else {
                Value::Text(s.into())
            }
        }
        Data::Bool(b) => Value::Text(if *b { "ja" } else { "nej" }.into()),
        Data::DurationIso(s) => Value::Text(s.as_str().into()),
        Data::Error(e) => Value::Text(format!("#{e:?}").into()),
    }
}

/// Read `sheet` of the workbook at `path` (optionally only `range`, like `A1:D20`).
pub fn read_xlsx(
    path: &Path,
    name: &str,
    sheet: &str,
    range: Option<&str>,
) -> Result<Table, String> {
    let mut book = open_workbook_auto(path)
        .map_err(|e| format!("kunde inte läsa `{name}` som Excel-fil: {e}"))?;
    let sheets = book.sheet_names();
    if !sheets.iter().any(|s| s == sheet) {
        return Err(format!(
            "`{name}` har inget blad `{sheet}`; bladen är {}",
            sheets
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut data = book
        .worksheet_range(sheet)
        .map_err(|e| format!("kunde inte läsa bladet `{sheet}` i `{name}`: {e}"))?;
    if let Some(r) = range {
        let (a, b) = r
            .split_once(':')
            .and_then(|(a, b)| Some((cell_ref(a)?, cell_ref(b)?)))
            .ok_or_else(|| format!("området `{r}` ska skrivas som A1:D20"))?;
        data = data.range(a, b);
    }
    let mut rows = data.rows();
    let header: Vec<String> = rows
        .next()
        .ok_or_else(|| format!("bladet `{sheet}` i `{name}` är tomt"))?
        .iter()
        .enumerate()
        .map(|(i, d)| match value(d) {
            Value::Null => format!("Kolumn {}", i + 1),
            v => v.label(),
        })
        .collect();
    // Rows with nothing in them (gaps in the sheet) are not data.
    let body: Vec<&[Data]> = rows
        .filter(|r| r.iter().any(|d| *d != Data::Empty))
        .collect();
    let mut columns = Vec::with_capacity(header.len());
    for (c, h) in header.iter().enumerate() {
        let cells: Vec<Value> = body
            .iter()
            .map(|r| r.get(c).map_or(Value::Null, value))
            .collect();
        columns.push(Column::new(h.clone(), column(name, h, cells)?));
    }
    Table::new(columns)
}

/// One typed column: all numbers (integers if all whole), all dates, all `YYYY-MM` periods,
/// or else text.
fn column(name: &str, header: &str, cells: Vec<Value>) -> Result<Values, String> {
    let present = || cells.iter().filter(|v| **v != Value::Null);
    let all_int = present().all(|v| matches!(v, Value::Int(_)));
    let all_num = present().all(|v| matches!(v, Value::Int(_) | Value::Decimal(_)));
    let all_date = present().all(|v| matches!(v, Value::Date(_)));
    let all_period = present()
        .all(|v| matches!(v, Value::Text(t) if t.len() == 7 && Period::parse(t).is_some()));
    let mut values = if present().next().is_none() {
        Values::Text(Vec::new())
    } else if all_int {
        Values::Int(Vec::new())
    } else if all_num {
        Values::Decimal(Vec::new())
    } else if all_date {
        Values::Date(Vec::new())
    } else if all_period {
        Values::Period(Vec::new())
    } else {
        Values::Text(Vec::new())
    };
    for (row, v) in cells.into_iter().enumerate() {
        let v = match (&values, v) {
            (Values::Period(_), Value::Text(t)) => {
                Period::parse(&t).map_or(Value::Null, Value::Period)
            }
            (Values::Text(_), Value::Null) => Value::Null,
            (Values::Text(_), other) => Value::Text(other.label().into()),
            (_, other) => other,
        };
        // A cheap copy to name the value by if it does not fit: no text per cell.
        if !values.push(v.clone()) {
            let shown = v.label();
            return Err(format!(
                "`{name}` rad {}, kolumn `{header}`: värdet `{shown}` passar inte kolumnens typ",
                row + 2
            ));
        }
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("d20"), Some((19, 3)));
        assert_eq!(cell_ref("AA3"), Some((2, 26)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("12"), None);
    }
}
