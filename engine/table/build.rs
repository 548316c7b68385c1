//! Tables from script literals: an array of maps, or column names plus rows. A number
//! taken out of a table carries its display format in the script value's tag, so a table
//! rebuilt from such numbers shows them as the table they came from did.

use std::collections::HashMap;
use std::sync::Arc;

use rhai::{Array, Dynamic, Map};

use super::format::Unit;
use super::{Column, Format, Table, TableResult, Value, Values};
use crate::period::{Date, Period};

/// A script value as a cell.
pub fn dynamic_value(v: &Dynamic) -> Option<Value> {
    if v.is_unit() {
        return Some(Value::Null);
    }
    if let Ok(i) = v.as_int() {
        return Some(Value::Int(i));
    }
    if let Ok(d) = v.as_decimal() {
        return Some(Value::Decimal(d));
    }
    if let Some(s) = v.clone().try_cast::<rhai::ImmutableString>() {
        return Some(Value::Text(Arc::from(s.as_str())));
    }
    if let Some(p) = v.clone().try_cast::<Period>() {
        return Some(Value::Period(p));
    }
    if let Some(d) = v.clone().try_cast::<Date>() {
        return Some(Value::Date(d));
    }
    None
}

/// A cell as a script value; text is [`data_text`].
pub fn to_dynamic(v: Value) -> Dynamic {
    match v {
        Value::Null => Dynamic::UNIT,
        Value::Text(t) => data_text(t.to_string()),
        Value::Int(i) => Dynamic::from_int(i),
        Value::Decimal(d) => Dynamic::from_decimal(d),
        Value::Period(p) => Dynamic::from(p),
        Value::Date(d) => Dynamic::from(d),
    }
}

/// Marks a tag as one of ours (a script could set small tags of its own).
const FORMAT_TAG: i32 = 0x4000_0000;

/// The tag of a string read from data (never a format tag: those carry [`FORMAT_TAG`]).
const DATA_TEXT_TAG: i32 = 0x2000_0000;

/// A string read from a data file (a table cell, a column name, a text file) as a script
/// value that is shown as text, never as Markdown or HTML. Anything a script builds from it
/// (`"x" + s`) is a new string without the mark: the script's own Markdown.
pub fn data_text(text: impl Into<rhai::ImmutableString>) -> Dynamic {
    let mut d = Dynamic::from(text.into());
    d.set_tag(DATA_TEXT_TAG);
    d
}

/// Whether `value` is a string read from data (see [`data_text`]).
pub fn is_data_text(value: &Dynamic) -> bool {
    value.tag() == DATA_TEXT_TAG && value.is_string()
}

/// A format as a script value's tag: unit in bits 0–2, decimals in 3–6 (15: as needed),
/// sign in 7.
fn format_tag(f: Format) -> i32 {
    let unit = match f.unit {
        Unit::Plain => 0,
        Unit::Kr => 1,
        Unit::Tkr => 2,
        Unit::Mkr => 3,
        Unit::Percent => 4,
        Unit::Text => 5,
    };
    let decimals = f.decimals.map_or(15, |d| d.min(14) as i32);
    FORMAT_TAG | unit | (decimals << 3) | (i32::from(f.signed) << 7)
}

/// The format a script value's tag carries, if it carries one.
fn tag_format(tag: i32) -> Option<Format> {
    if tag & !0xff != FORMAT_TAG {
        return None;
    }
    let unit = match tag & 7 {
        0 => Unit::Plain,
        1 => Unit::Kr,
        2 => Unit::Tkr,
        3 => Unit::Mkr,
        4 => Unit::Percent,
        5 => Unit::Text,
        _ => return None,
    };
    let decimals = match (tag >> 3) & 15 {
        15 => None,
        d => Some(d as u32),
    };
    Some(Format {
        unit,
        decimals,
        signed: tag & (1 << 7) != 0,
    })
}

/// How a year or another period part is written: as text, without digit grouping.
const PLAIN: Format = Format {
    unit: Unit::Text,
    decimals: None,
    signed: false,
};

/// An integer that is written plainly wherever it is shown (a year: 2024, not 2 024).
pub fn plain_int(i: i64) -> Dynamic {
    let mut d = Dynamic::from_int(i);
    d.set_tag(format_tag(PLAIN));
    d
}

/// Mark `value` to be written plainly (a value computed from a year).
pub fn make_plain(value: &mut Dynamic) {
    value.set_tag(format_tag(PLAIN));
}

/// Whether `value` is to be written plainly (see [`plain_int`]).
pub fn is_plain(value: &Dynamic) -> bool {
    tag_format(value.tag()) == Some(PLAIN)
}

/// A cell as a script value that remembers how it was shown (numbers only).
pub fn to_dynamic_shown(v: Value, format: Option<Format>) -> Dynamic {
    let numeric = matches!(v, Value::Int(_) | Value::Decimal(_));
    let mut d = to_dynamic(v);
    if let (true, Some(f)) = (numeric, format) {
        d.set_tag(format_tag(f));
    }
    d
}

/// Formats carried by the cells of a table being built: the most common one per column
/// becomes the column's format; a row whose numbers all carry one other format gets it as
/// its own.
#[derive(Default)]
struct Carried {
    /// Per column, per row.
    cells: Vec<Vec<Option<Format>>>,
}

impl Carried {
    fn push(&mut self, column: usize, v: &Dynamic) {
        if self.cells.len() <= column {
            self.cells.resize_with(column + 1, Vec::new);
        }
        self.cells[column].push(tag_format(v.tag()));
    }

    fn apply(self, t: &mut Table) {
        if self.cells.iter().all(|c| c.iter().all(Option::is_none)) {
            return;
        }
        let mut chosen: Vec<Option<Format>> = Vec::with_capacity(self.cells.len());
        for (c, cells) in t.columns.iter_mut().zip(&self.cells) {
            let mut counts: Vec<(Format, usize)> = Vec::new();
            for f in cells.iter().flatten() {
                match counts.iter_mut().find(|(g, _)| g == f) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((*f, 1)),
                }
            }
            // The most common; the first seen on a tie.
            let best = counts
                .iter()
                .fold(None::<(Format, usize)>, |acc, &(f, n)| match acc {
                    Some((_, m)) if m >= n => acc,
                    _ => Some((f, n)),
                })
                .map(|(f, _)| f);
            if c.format.is_none() && c.values.is_numeric() {
                c.format = best;
            }
            chosen.push(c.format);
        }
        let mut rows: HashMap<Format, Vec<usize>> = HashMap::new();
        for r in 0..t.len() {
            let mut own: Option<Format> = None;
            let mut differs = false;
            let mut agree = true;
            for (i, cells) in self.cells.iter().enumerate() {
                let Some(f) = cells.get(r).copied().flatten() else {
                    continue;
                };
                differs |= chosen.get(i).copied().flatten() != Some(f);
                agree &= own.is_none_or(|o| o == f);
                own = Some(f);
            }
            if let (Some(f), true, true) = (own, differs, agree) {
                rows.entry(f).or_default().push(r);
            }
        }
        for (f, rows) in rows {
            // Rows are in range: they come from this table.
            let _ = t.set_row_format(&rows, Some(f));
        }
    }
}

/// One column from cells: the type is the cells' type (integers and decimals mixed give
/// decimals; all empty gives text).
fn column_from(name: &str, cells: Vec<Value>) -> TableResult<Column> {
    let kind = cells.iter().fold(None::<&Value>, |acc, v| match (acc, v) {
        (_, Value::Null) => acc,
        (None, v) => Some(v),
        (Some(Value::Int(_)), Value::Decimal(_)) => Some(v),
        (a, _) => a,
    });
    let mut values = match kind {
        None | Some(Value::Text(_)) | Some(Value::Null) => Values::Text(Default::default()),
        Some(Value::Int(_)) => Values::Int(Default::default()),
        Some(Value::Decimal(_)) => Values::Decimal(Default::default()),
        Some(Value::Period(_)) => Values::Period(Default::default()),
        Some(Value::Date(_)) => Values::Date(Default::default()),
    };
    for (row, cell) in cells.into_iter().enumerate() {
        // The cell is kept (a cheap copy) only to name it if it does not fit; its text is
        // made on that error, not for every cell.
        if !values.push(cell.clone()) {
            let shown = cell.label();
            return Err(format!(
                "rad {} i kolumnen `{name}`: värdet `{shown}` är inte {} som raderna ovanför",
                row + 1,
                values.type_name()
            ));
        }
    }
    Ok(Column::new(name, values))
}

fn cell(v: &Dynamic, row: usize, name: &str) -> TableResult<Value> {
    dynamic_value(v).ok_or_else(|| {
        format!(
            "rad {} i kolumnen `{name}`: en tabellcell kan inte vara {}",
            row + 1,
            v.type_name()
        )
    })
}

/// `table([#{Konto: "4010", Utfall: 1.5}, …])`: columns in the order first seen.
pub fn from_dynamic_rows(rows: &Array) -> TableResult<Table> {
    let mut names: Vec<String> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let map = row
            .read_lock::<Map>()
            .ok_or_else(|| format!("rad {} är inte en map (#{{...}})", i + 1))?;
        for k in map.keys() {
            if !names.iter().any(|n| n == k.as_str()) {
                names.push(k.to_string());
            }
        }
    }
    let mut columns = Vec::with_capacity(names.len());
    let mut carried = Carried::default();
    for (c, name) in names.iter().enumerate() {
        let mut cells = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let value = row
                .read_lock::<Map>()
                .and_then(|m| m.get(name.as_str()).cloned())
                .unwrap_or(Dynamic::UNIT);
            carried.push(c, &value);
            cells.push(cell(&value, i, name)?);
        }
        columns.push(column_from(name, cells)?);
    }
    let mut t = Table::new(columns)?;
    carried.apply(&mut t);
    Ok(t)
}

/// `table(["Konto", "Utfall"], [["4010", 1.5], …])`: columns in the order named.
pub fn from_columns(names: &Array, rows: &Array) -> TableResult<Table> {
    let names: Vec<String> = names
        .iter()
        .map(|n| {
            n.clone()
                .into_immutable_string()
                .map(|s| s.to_string())
                .map_err(|_| "kolumnnamn ska vara text".to_string())
        })
        .collect::<TableResult<_>>()?;
    let mut cells: Vec<Vec<Value>> = vec![Vec::with_capacity(rows.len()); names.len()];
    let mut carried = Carried::default();
    for (i, row) in rows.iter().enumerate() {
        let row = row
            .read_lock::<Array>()
            .ok_or_else(|| format!("rad {} är inte en lista ([...])", i + 1))?;
        if row.len() != names.len() {
            return Err(format!(
                "rad {} har {} värden men tabellen {} kolumner",
                i + 1,
                row.len(),
                names.len()
            ));
        }
        for (c, v) in row.iter().enumerate() {
            carried.push(c, v);
            cells[c].push(cell(v, i, &names[c])?);
        }
    }
    let columns = names
        .iter()
        .zip(cells)
        .map(|(n, c)| column_from(n, c))
        .collect::<TableResult<Vec<_>>>()?;
    let mut t = Table::new(columns)?;
    carried.apply(&mut t);
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_of_another_type_is_named_in_the_error() {
        let names: Array = vec![Dynamic::from("Konto")];
        let rows: Array = vec![
            Dynamic::from_array(vec![Dynamic::from("4010")]),
            Dynamic::from_array(vec![Dynamic::from_int(4020)]),
        ];
        assert_eq!(
            from_columns(&names, &rows).expect_err("mixed types"),
            "rad 2 i kolumnen `Konto`: värdet `4020` är inte text som raderna ovanför"
        );
    }
}
