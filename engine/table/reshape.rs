//! Changing a table's shape: append tables with the same columns, join two tables on key
//! columns, pivot (values to columns) and unpivot (columns to rows).

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::summary::group_ids;
use super::{Column, Format, Key, RowKind, Table, TableResult, Value, Values};
use crate::budget;

/// The names of `t`'s columns, quoted, for errors.
fn listed(t: &Table) -> String {
    let names: Vec<String> = t.columns.iter().map(|c| format!("`{}`", c.name)).collect();
    names.join(", ")
}

impl Table {
    /// The rows of `tables`, one after the other, under the first table's columns (in its
    /// order). Every table needs the same column names and types; a column shown in
    /// another format than the first table's keeps it as the format of those rows, so a
    /// percentage table appended to an amounts table still reads as percent.
    pub fn concat(tables: &[Table]) -> TableResult<Table> {
        let Some(first) = tables.first() else {
            return Err("concat behöver minst en tabell: concat([t1, t2])".into());
        };
        budget::check()?;
        let rows = tables.iter().map(Table::len).fold(0, usize::saturating_add);
        budget::check_size(rows, first.columns.len())?;
        let mut values: Vec<Values> = first
            .columns
            .iter()
            .map(|c| c.values.empty_like())
            .collect();
        let mut kinds = Vec::new();
        let mut row_formats: Vec<Option<Format>> = Vec::new();
        for (n, t) in tables.iter().enumerate() {
            let place = n + 1;
            if let Some(extra) = t.columns.iter().find(|c| first.position(&c.name).is_err()) {
                return Err(format!(
                    "tabell {place} i concat har kolumnen `{}`, som tabell 1 saknar; \
                     tabell 1 har {}",
                    extra.name,
                    listed(first)
                ));
            }
            let mut own_format = None;
            let mut order = Vec::with_capacity(first.columns.len());
            for (i, c) in first.columns.iter().enumerate() {
                let Ok(p) = t.position(&c.name) else {
                    return Err(format!(
                        "tabell {place} i concat saknar kolumnen `{}`; den har {}",
                        c.name,
                        listed(t)
                    ));
                };
                let other = &t.columns[p];
                let fits = other.values.type_name() == c.values.type_name()
                    || (c.values.is_numeric() && other.values.is_numeric());
                if !fits {
                    return Err(format!(
                        "kolumnen `{}` är {} i tabell 1 men {} i tabell {place}",
                        c.name,
                        c.values.type_name(),
                        other.values.type_name()
                    ));
                }
                if c.values.is_numeric() && other.format.is_some() && other.format != c.format {
                    own_format = own_format.or(other.format);
                }
                order.push((i, p));
            }
            for r in 0..t.len() {
                for &(i, p) in &order {
                    let v = match (&values[i], t.columns[p].values.get(r)) {
                        // Integers appended to decimals (or the reverse) become decimals.
                        (Values::Int(_), Value::Decimal(d)) => {
                            values[i] =
                                Values::Decimal(values[i].to_decimals().unwrap_or_default().into());
                            Value::Decimal(d)
                        }
                        (_, v) => v,
                    };
                    if !values[i].push(v) {
                        return Err(format!(
                            "rad {} i tabell {place} passar inte i kolumnen `{}`",
                            r + 1,
                            first.columns[i].name
                        ));
                    }
                }
                kinds.push(t.kinds[r]);
                row_formats.push(t.row_format(r).or(own_format));
            }
        }
        Ok(Table {
            columns: first
                .columns
                .iter()
                .zip(values)
                .map(|(c, v)| Column {
                    values: Arc::new(v),
                    ..c.clone()
                })
                .collect(),
            kinds: Arc::new(kinds),
            row_formats: if row_formats.iter().all(Option::is_none) {
                Arc::default()
            } else {
                Arc::new(row_formats)
            },
            ..first.clone()
        })
    }

    /// Rows of `self` with the columns of `other` whose `keys` match. With `keep_all`, rows
    /// without a match stay (empty cells); otherwise they are dropped. A key that repeats on
    /// both sides multiplies rows: the result is held to the cell's budget as it grows.
    pub fn join(&self, other: &Table, keys: &[String], keep_all: bool) -> TableResult<Table> {
        budget::check()?;
        let left = keys
            .iter()
            .map(|k| Ok(&*self.column(k)?.values))
            .collect::<TableResult<Vec<_>>>()?;
        let right = keys
            .iter()
            .map(|k| Ok(&*other.column(k)?.values))
            .collect::<TableResult<Vec<_>>>()?;
        for c in &other.columns {
            if !keys.contains(&c.name) && self.columns.iter().any(|s| s.name == c.name) {
                return Err(format!(
                    "båda tabellerna har kolumnen `{}`; byt namn i den ena först med rename",
                    c.name
                ));
            }
        }
        let mut index: HashMap<Vec<Key<'_>>, Vec<usize>> = HashMap::new();
        for r in other.data_rows() {
            index
                .entry(right.iter().map(|v| v.key(r)).collect())
                .or_default()
                .push(r);
        }
        let width = self.columns.len() + other.columns.len();
        let mut ticker = budget::Ticker::new();
        let mut left_rows = Vec::with_capacity(self.len());
        let mut right_rows = Vec::with_capacity(self.len());
        for r in 0..self.len() {
            ticker.tick()?;
            let key: Vec<Key<'_>> = left.iter().map(|v| v.key(r)).collect();
            match index.get(&key) {
                Some(matches) if self.kinds[r] == RowKind::Data => {
                    budget::check_size(left_rows.len() + matches.len(), width)?;
                    for &m in matches {
                        ticker.tick()?;
                        left_rows.push(r);
                        right_rows.push(Some(m));
                    }
                }
                _ if keep_all => {
                    left_rows.push(r);
                    right_rows.push(None);
                }
                _ => {}
            }
        }
        let mut t = self.take(&left_rows);
        for c in other.columns.iter().filter(|c| !keys.contains(&c.name)) {
            t.columns.push(Column {
                values: Arc::new(c.values.take_opt(&right_rows)),
                ..c.clone()
            });
        }
        Ok(t)
    }

    /// One row per combination of `keys`, one column per distinct value of `across`
    /// (sorted; periods named `jan 2024`), holding the sum of `value`.
    pub fn pivot(&self, keys: &[String], across: &str, value: &str) -> TableResult<Table> {
        budget::check()?;
        let key_values = keys
            .iter()
            .map(|k| Ok(&*self.column(k)?.values))
            .collect::<TableResult<Vec<_>>>()?;
        let across_values = &self.column(across)?.values;
        let v = &self.column(value)?.values;
        if !v.is_numeric() {
            return Err(format!("kolumnen `{value}` är inte tal"));
        }
        let rows: Vec<usize> = self.data_rows().collect();
        let (ids, firsts) = group_ids(&key_values, &rows);
        let mut heads: Vec<Key<'_>> = rows.iter().map(|&r| across_values.key(r)).collect();
        heads.sort();
        heads.dedup();
        // One column per distinct value: a column of ids would make rows × rows cells.
        budget::check_size(firsts.len(), keys.len() + heads.len())?;
        budget::check()?;
        let mut sums = vec![vec![None::<Decimal>; firsts.len()]; heads.len()];
        for (k, &r) in rows.iter().enumerate() {
            let Ok(h) = heads.binary_search(&across_values.key(r)) else {
                continue;
            };
            if let Some(x) = v.decimal(r) {
                let cell = &mut sums[h][ids[k] as usize];
                *cell = Some(cell.unwrap_or_default() + x);
            }
        }
        let mut columns = Vec::new();
        for k in keys {
            let c = self.column(k)?;
            columns.push(Column {
                values: Arc::new(c.values.take(&firsts)),
                ..c.clone()
            });
        }
        let format = self.column(value)?.format;
        for (h, cells) in heads.iter().zip(sums) {
            let name = h.to_value().label();
            if columns.iter().any(|c: &Column| c.name == name) {
                return Err(format!("kolumnen `{name}` skulle finnas två gånger"));
            }
            columns.push(Column {
                format,
                ..Column::new(name, Values::Decimal(cells.into()))
            });
        }
        Ok(Table {
            columns,
            kinds: Arc::new(vec![RowKind::Data; firsts.len()]),
            row_formats: Arc::default(),
            ..self.clone()
        })
    }

    /// The numeric columns other than `keys` become rows: column `name` holds the old column
    /// name, column `value` its value.
    pub fn unpivot(&self, keys: &[String], name: &str, value: &str) -> TableResult<Table> {
        budget::check()?;
        for k in keys {
            self.position(k)?;
        }
        let melted: Vec<&Column> = self
            .columns
            .iter()
            .filter(|c| !keys.contains(&c.name))
            .collect();
        if let Some(c) = melted.iter().find(|c| !c.values.is_numeric()) {
            return Err(format!(
                "kolumnen `{}` är {}; ange den bland nycklarna eller välj bort den",
                c.name,
                c.values.type_name()
            ));
        }
        let rows: Vec<usize> = self.data_rows().collect();
        budget::check_size(rows.len().saturating_mul(melted.len()), keys.len() + 2)?;
        let mut idx = Vec::with_capacity(rows.len() * melted.len());
        let mut names = Vec::with_capacity(idx.capacity());
        let mut values = Vec::with_capacity(idx.capacity());
        for &r in &rows {
            for c in &melted {
                idx.push(r);
                names.push(Some(Arc::<str>::from(c.name.as_str())));
                values.push(c.values.decimal(r));
            }
        }
        let mut columns: Vec<Column> = keys
            .iter()
            .map(|k| {
                let c = &self.columns[self.position(k).unwrap_or_default()];
                Column {
                    values: Arc::new(c.values.take(&idx)),
                    ..c.clone()
                }
            })
            .collect();
        columns.push(Column::new(name, Values::Text(names.into())));
        columns.push(Column {
            format: melted.first().and_then(|c| c.format),
            ..Column::new(value, Values::Decimal(values.into()))
        });
        let mut t = Table::new(columns)?;
        t.title = self.title.clone();
        Ok(t)
    }
}

/// A cell from one of the key columns (used by tests and the script API).
pub fn cell(t: &Table, row: usize, column: &str) -> TableResult<Value> {
    if row >= t.len() {
        return Err(format!(
            "rad {} finns inte; tabellen har {} rader",
            row + 1,
            t.len()
        ));
    }
    Ok(t.column(column)?.values.get(row))
}
