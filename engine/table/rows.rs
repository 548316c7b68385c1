//! Choosing columns and rows: select, rename, drop, filter, sort, top n.

use crate::budget;

use super::{Key, Table, TableResult, Value};

impl Table {
    /// Only these columns, in this order.
    pub fn select(&self, names: &[String]) -> TableResult<Table> {
        let mut columns = Vec::with_capacity(names.len());
        for n in names {
            columns.push(self.column(n)?.clone());
        }
        Ok(Table {
            columns,
            ..self.clone()
        })
    }

    /// Every column except these.
    pub fn drop(&self, names: &[String]) -> TableResult<Table> {
        for n in names {
            self.position(n)?;
        }
        let columns = self
            .columns
            .iter()
            .filter(|c| !names.contains(&c.name))
            .cloned()
            .collect();
        Ok(Table {
            columns,
            ..self.clone()
        })
    }

    pub fn rename(&self, from: &str, to: &str) -> TableResult<Table> {
        let i = self.position(from)?;
        if from != to && self.columns.iter().any(|c| c.name == to) {
            return Err(format!("kolumnen `{to}` finns redan"));
        }
        let mut t = self.clone();
        t.columns[i].name = to.to_string();
        for m in &mut t.marks {
            if m.column == from {
                m.column = to.to_string();
            }
        }
        if t.varav_column.as_deref() == Some(from) {
            t.varav_column = Some(to.to_string());
        }
        Ok(t)
    }

    /// Rows where `keep(row)` is true.
    pub fn filter_rows(&self, keep: impl Fn(usize) -> bool) -> Table {
        let idx: Vec<usize> = (0..self.len()).filter(|&i| keep(i)).collect();
        self.take(&idx)
    }

    /// Rows whose `column` equals one of `wanted` (already converted to the column's type).
    pub fn filter_in(&self, column: &str, wanted: &[Value]) -> TableResult<Table> {
        budget::check()?;
        let values = &self.column(column)?.values;
        let keys: Vec<Key<'_>> = wanted.iter().map(value_key).collect();
        Ok(self.filter_rows(|i| keys.contains(&values.key(i))))
    }

    /// The indexes of rows whose `column` equals one of `wanted`.
    pub fn rows_in(&self, column: &str, wanted: &[Value]) -> TableResult<Vec<usize>> {
        let values = &self.column(column)?.values;
        let keys: Vec<Key<'_>> = wanted.iter().map(value_key).collect();
        Ok((0..self.len())
            .filter(|&i| keys.contains(&values.key(i)))
            .collect())
    }

    /// Rows whose `column` lies in `from..=to`.
    pub fn filter_range(&self, column: &str, from: &Value, to: &Value) -> TableResult<Table> {
        budget::check()?;
        let values = &self.column(column)?.values;
        let (lo, hi) = (value_key(from), value_key(to));
        Ok(self.filter_rows(|i| {
            let k = values.key(i);
            k != Key::Null && k >= lo && k <= hi
        }))
    }

    /// Sorted by these columns (each ascending, or descending when `desc`). Stable. Stops
    /// with the cell's budget (time, memory).
    pub fn sort_by(&self, columns: &[(String, bool)]) -> TableResult<Table> {
        budget::check()?;
        let cols = columns
            .iter()
            .map(|(n, desc)| Ok((&self.column(n)?.values, *desc)))
            .collect::<TableResult<Vec<_>>>()?;
        let mut idx: Vec<usize> = (0..self.len()).collect();
        // A comparison cannot fail: once the budget is spent, every pair compares equal, so
        // the sort finishes in a quick pass and the error is returned.
        let mut ticker = budget::Ticker::new();
        let mut stopped = None;
        idx.sort_by(|&a, &b| {
            if stopped.is_some() {
                return std::cmp::Ordering::Equal;
            }
            if let Err(e) = ticker.tick() {
                stopped = Some(e);
                return std::cmp::Ordering::Equal;
            }
            for (values, desc) in &cols {
                let ord = values.compare_dir(a, b, *desc);
                if ord.is_ne() {
                    return ord;
                }
            }
            std::cmp::Ordering::Equal
        });
        if let Some(e) = stopped {
            return Err(e.into());
        }
        Ok(self.take(&idx))
    }

    /// The `n` rows with the largest `column`.
    pub fn top(&self, n: usize, column: &str) -> TableResult<Table> {
        let sorted = self.sort_by(&[(column.to_string(), true)])?;
        Ok(sorted.head(n))
    }

    /// The first `n` rows.
    pub fn head(&self, n: usize) -> Table {
        let idx: Vec<usize> = (0..self.len().min(n)).collect();
        self.take(&idx)
    }
}

/// A cell value as a key (decimals normalised, like the column's keys).
pub fn value_key(v: &Value) -> Key<'_> {
    match v {
        Value::Null => Key::Null,
        Value::Text(t) => Key::Text(t),
        Value::Int(i) => Key::Int(*i),
        Value::Decimal(d) => Key::Decimal(d.normalize()),
        Value::Period(p) => Key::Period(*p),
        Value::Date(d) => Key::Date(*d),
    }
}
