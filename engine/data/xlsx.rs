//! Excel sheets (xlsx, xls, ods) via calamine: numbers stay numbers, dates become dates,
//! the first row of the sheet (or of the given range) is the header.

use std::path::Path;

use std::io::Cursor;

use calamine::{Cell, Data, DataRef, Reader, Sheets, open_workbook_auto_from_rs};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::budget::Ticker;
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

/// Read a streaming sheet (xlsx, xlsb) cell by cell through `next`, keeping the non-empty
/// cells as (row, column, value).
fn stream_cells<'a>(
    mut next: impl FnMut() -> Result<Option<Cell<DataRef<'a>>>, String>,
    cells: &mut Vec<(u32, u32, Data)>,
    ticker: &mut Ticker,
) -> Result<(), String> {
    while let Some(cell) = next()? {
        let (r, c) = cell.get_position();
        // Cells come in row order: the rows so far run from the first cell's row to this one.
        let rows = cells
            .first()
            .map_or(1, |&(first, _, _)| (r - first) as usize + 1);
        ticker.tick_counts(rows, cells.len())?;
        let value = Data::from(cell.get_value().clone());
        if value != Data::Empty {
            cells.push((r, c, value));
        }
    }
    Ok(())
}

/// A sheet's non-empty cells as (row, column, value), in row order. Only the cells present
/// are held: a sheet whose one cell is at XFD1048576 is one cell, not a grid of 17 billion.
fn sparse_cells(
    book: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    sheet: &str,
) -> Result<Vec<(u32, u32, Data)>, String> {
    let cant = |e: String| format!("kunde inte läsa bladet `{sheet}` i `{name}`: {e}");
    let mut cells = Vec::new();
    let mut ticker = Ticker::new();
    match book {
        Sheets::Xlsx(x) => {
            let mut reader = x
                .worksheet_cells_reader(sheet)
                .map_err(|e| cant(e.to_string()))?;
            stream_cells(
                || reader.next_cell().map_err(|e| cant(e.to_string())),
                &mut cells,
                &mut ticker,
            )?;
        }
        Sheets::Xlsb(x) => {
            let mut reader = x
                .worksheet_cells_reader(sheet)
                .map_err(|e| cant(e.to_string()))?;
            stream_cells(
                || reader.next_cell().map_err(|e| cant(e.to_string())),
                &mut cells,
                &mut ticker,
            )?;
        }
        // xls sheets are at most 65 536 × 256 cells; ods is read whole by calamine.
        other => {
            let range = other
                .worksheet_range(sheet)
                .map_err(|e| cant(e.to_string()))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, c, v) in range.used_cells() {
                ticker.tick_counts(r + 1, cells.len())?;
                if *v != Data::Empty {
                    cells.push((r0 + r as u32, c0 + c as u32, v.clone()));
                }
            }
        }
    }
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    Ok(cells)
}

/// Read `sheet` of the workbook at `path` (optionally only `range`, like `A1:D20`); the file
/// is at most `max_bytes`, and the table within the cell's row and cell caps.
pub fn read_xlsx(
    path: &Path,
    name: &str,
    sheet: &str,
    range: Option<&str>,
    max_bytes: u64,
) -> Result<Table, String> {
    let bytes = super::read_bounded(path, name, max_bytes)?;
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.as_slice()))
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
    let bounds = match range {
        Some(r) => Some(
            r.split_once(':')
                .and_then(|(a, b)| Some((cell_ref(a)?, cell_ref(b)?)))
                .ok_or_else(|| format!("området `{r}` ska skrivas som A1:D20"))?,
        ),
        None => None,
    };
    let mut cells = sparse_cells(&mut book, name, sheet)?;
    drop(book);
    drop(bytes);
    // The header row and the columns: the range as given, else the cells present.
    let ((r0, c0), (r1, c1)) = match bounds {
        Some((a, b)) => ((a.0.min(b.0), a.1.min(b.1)), (a.0.max(b.0), a.1.max(b.1))),
        None => {
            let Some(first) = cells.first() else {
                return Err(format!("bladet `{sheet}` i `{name}` är tomt"));
            };
            let c0 = cells.iter().map(|c| c.1).min().unwrap_or(0);
            let c1 = cells.iter().map(|c| c.1).max().unwrap_or(0);
            ((first.0, c0), (u32::MAX, c1))
        }
    };
    cells.retain(|(r, c, _)| (r0..=r1).contains(r) && (c0..=c1).contains(c));
    let width = (c1 - c0) as usize + 1;
    let mut header: Vec<String> = (0..width).map(|i| format!("Kolumn {}", i + 1)).collect();
    // Rows with nothing in them (gaps in the sheet) are not data.
    let mut body_rows: Vec<u32> = cells.iter().map(|c| c.0).filter(|r| *r > r0).collect();
    body_rows.dedup();
    crate::budget::check_size(body_rows.len(), width)?;
    let mut columns: Vec<Vec<Value>> = vec![vec![Value::Null; body_rows.len()]; width];
    let mut row_index = 0usize;
    for (r, c, d) in &cells {
        let col = (c - c0) as usize;
        if *r == r0 {
            if let v @ (Value::Text(_) | Value::Int(_) | Value::Decimal(_) | Value::Date(_)) =
                value(d)
            {
                header[col] = v.label();
            }
            continue;
        }
        while body_rows[row_index] != *r {
            row_index += 1;
        }
        columns[col][row_index] = value(d);
    }
    let sheet_rows: Vec<u32> = body_rows.iter().map(|r| r + 1).collect();
    let mut out = Vec::with_capacity(width);
    for (h, cells) in header.iter().zip(columns) {
        out.push(Column::new(h.clone(), column(name, h, cells, &sheet_rows)?));
    }
    if out.is_empty() {
        return Err(format!("bladet `{sheet}` i `{name}` är tomt"));
    }
    Table::new(out)
}

/// One typed column: all numbers (integers if all whole), all dates, all `YYYY-MM` periods,
/// or else text.
fn column(
    name: &str,
    header: &str,
    cells: Vec<Value>,
    sheet_rows: &[u32],
) -> Result<Values, String> {
    let present = || cells.iter().filter(|v| **v != Value::Null);
    let all_int = present().all(|v| matches!(v, Value::Int(_)));
    let all_num = present().all(|v| matches!(v, Value::Int(_) | Value::Decimal(_)));
    let all_date = present().all(|v| matches!(v, Value::Date(_)));
    let all_period = present()
        .all(|v| matches!(v, Value::Text(t) if t.len() == 7 && Period::parse(t).is_some()));
    let mut values = if present().next().is_none() {
        Values::Text(Default::default())
    } else if all_int {
        Values::Int(Default::default())
    } else if all_num {
        Values::Decimal(Default::default())
    } else if all_date {
        Values::Date(Default::default())
    } else if all_period {
        Values::Period(Default::default())
    } else {
        // Every cell reads as text: equal texts share one dictionary entry.
        return Ok(Values::Text(
            cells
                .into_iter()
                .map(|v| match v {
                    Value::Null => None,
                    Value::Text(t) => Some(t),
                    other => Some(other.label().into()),
                })
                .collect(),
        ));
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
                sheet_rows.get(row).copied().unwrap_or(0)
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
