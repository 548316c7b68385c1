//! Tables from script literals: an array of maps, or column names plus rows.

use std::sync::Arc;

use rhai::{Array, Dynamic, Map};

use super::{Column, Table, TableResult, Value, Values};
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

/// A cell as a script value.
pub fn to_dynamic(v: Value) -> Dynamic {
    match v {
        Value::Null => Dynamic::UNIT,
        Value::Text(t) => Dynamic::from(t.to_string()),
        Value::Int(i) => Dynamic::from_int(i),
        Value::Decimal(d) => Dynamic::from_decimal(d),
        Value::Period(p) => Dynamic::from(p),
        Value::Date(d) => Dynamic::from(d),
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
        None | Some(Value::Text(_)) | Some(Value::Null) => Values::Text(Vec::new()),
        Some(Value::Int(_)) => Values::Int(Vec::new()),
        Some(Value::Decimal(_)) => Values::Decimal(Vec::new()),
        Some(Value::Period(_)) => Values::Period(Vec::new()),
        Some(Value::Date(_)) => Values::Date(Vec::new()),
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
    for name in &names {
        let mut cells = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let value = row
                .read_lock::<Map>()
                .and_then(|m| m.get(name.as_str()).cloned())
                .unwrap_or(Dynamic::UNIT);
            cells.push(cell(&value, i, name)?);
        }
        columns.push(column_from(name, cells)?);
    }
    Table::new(columns)
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
            cells[c].push(cell(v, i, &names[c])?);
        }
    }
    let columns = names
        .iter()
        .zip(cells)
        .map(|(n, c)| column_from(n, c))
        .collect::<TableResult<Vec<_>>>()?;
    Table::new(columns)
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
