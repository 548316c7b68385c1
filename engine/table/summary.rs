//! Summarising rows: group by, totals and subtotals ("Summa …"), "varav" rows, and running
//! sums over a period column (ack: year to date; R12: rolling 12 months).

use std::sync::Arc;

use rust_decimal::Decimal;

use super::calc::Agg;
use super::{Column, Decimals, Key, RowKind, Table, TableResult, Value, Values};
use crate::number::{checked_sum, percent_change, too_large};
use crate::period::Period;

/// Number the distinct combinations of `keys` over `rows`, in order of first appearance.
/// Returns each row's group and each group's first row.
pub fn group_ids(keys: &[&Values], rows: &[usize]) -> (Vec<u32>, Vec<usize>) {
    let mut ids = vec![0u32; rows.len()];
    let mut firsts = Vec::new();
    match keys {
        [] => {
            if !rows.is_empty() {
                firsts.push(rows[0]);
            }
        }
        [Values::Text(text)] => {
            // Dictionary codes, equal texts joined: a lookup per row, no hashing of text.
            let canonical = text.canonical();
            let mut group_of = vec![u32::MAX; text.texts().len()];
            let mut empty = u32::MAX;
            for (n, &r) in rows.iter().enumerate() {
                let slot = match text.code(r) {
                    Some(c) => &mut group_of[canonical[c as usize] as usize],
                    None => &mut empty,
                };
                if *slot == u32::MAX {
                    *slot = firsts.len() as u32;
                    firsts.push(r);
                }
                ids[n] = *slot;
            }
        }
        [one] => {
            let mut seen: ahash::HashMap<Key<'_>, u32> = ahash::HashMap::default();
            for (n, &r) in rows.iter().enumerate() {
                let next = seen.len() as u32;
                let id = *seen.entry(one.key(r)).or_insert_with(|| {
                    firsts.push(r);
                    next
                });
                ids[n] = id;
            }
        }
        many => {
            let mut seen: ahash::HashMap<Vec<Key<'_>>, u32> = ahash::HashMap::default();
            for (n, &r) in rows.iter().enumerate() {
                let key: Vec<Key<'_>> = many.iter().map(|v| v.key(r)).collect();
                let next = seen.len() as u32;
                let id = *seen.entry(key).or_insert_with(|| {
                    firsts.push(r);
                    next
                });
                ids[n] = id;
            }
        }
    }
    (ids, firsts)
}

/// The sum of `v` per group, adding each value's mantissa to its group's at the larger of
/// the two scales: exactly what adding the values as decimals in row order gives. `None`
/// (the caller then adds as decimals) when a sum would not fit a decimal's 96-bit mantissa
/// at some step, or a value is a negative zero.
fn packed_sums(v: &Decimals, rows: &[usize], ids: &[u32], groups: usize) -> Option<Vec<Decimal>> {
    const LIMIT: u128 = 1 << 96;
    let packed = v.packed()?;
    let raw = packed.values();
    let mut sums = vec![(0i128, 0u32); groups];
    for (k, &r) in rows.iter().enumerate() {
        if packed.get(r).is_none() {
            continue;
        }
        let (m, scale) = Decimals::unpack_parts(raw[r])?;
        let g = &mut sums[ids[k] as usize];
        let mut m = i128::from(m);
        if scale > g.1 {
            g.0 = g.0.checked_mul(10i128.checked_pow(scale - g.1)?)?;
            g.1 = scale;
        } else if scale < g.1 {
            m = m.checked_mul(10i128.checked_pow(g.1 - scale)?)?;
        }
        g.0 = g.0.checked_add(m)?;
        if g.0.unsigned_abs() >= LIMIT || m.unsigned_abs() >= LIMIT {
            return None;
        }
    }
    sums.into_iter()
        .map(|(m, scale)| Decimal::try_from_i128_with_scale(m, scale).ok())
        .collect()
}

/// The sum of `v` per group, added as decimals.
fn decimal_sums(
    v: &Decimals,
    rows: &[usize],
    ids: &[u32],
    groups: usize,
    overflow: impl Fn() -> String,
) -> TableResult<Values> {
    let mut s = vec![Decimal::ZERO; groups];
    for (k, &r) in rows.iter().enumerate() {
        if let Some(x) = v.get(r) {
            let g = &mut s[ids[k] as usize];
            *g = g.checked_add(x).ok_or_else(&overflow)?;
        }
    }
    Ok(Values::Decimal(s.into_iter().map(Some).collect()))
}

/// `agg` of `values` per group; `name` names the column when a sum is beyond a decimal's range.
fn aggregate(
    values: &Values,
    rows: &[usize],
    ids: &[u32],
    groups: usize,
    agg: Agg,
    name: &str,
) -> TableResult<Values> {
    let overflow = || too_large(&format!("summan av kolumnen `{name}` i en grupp"));
    Ok(match (agg, values) {
        (Agg::Count, _) => {
            let mut n = vec![0i64; groups];
            for (k, &r) in rows.iter().enumerate() {
                if !values.is_null(r) {
                    n[ids[k] as usize] += 1;
                }
            }
            Values::Int(n.into_iter().map(Some).collect())
        }
        (Agg::Sum, Values::Int(v)) => {
            let mut s: Vec<Option<i64>> = vec![Some(0); groups];
            for (k, &r) in rows.iter().enumerate() {
                if let Some(x) = v.get(r) {
                    let g = &mut s[ids[k] as usize];
                    *g = Some(g.and_then(|g| g.checked_add(x)).ok_or_else(overflow)?);
                }
            }
            Values::Int(s.into())
        }
        (Agg::Sum, Values::Decimal(v)) if v.packed().is_some() => {
            match packed_sums(v, rows, ids, groups) {
                Some(s) => Values::Decimal(s.into_iter().map(Some).collect()),
                None => decimal_sums(v, rows, ids, groups, overflow)?,
            }
        }
        (Agg::Sum, Values::Decimal(v)) => decimal_sums(v, rows, ids, groups, overflow)?,
        (Agg::Mean, _) => {
            let mut s = vec![(Decimal::ZERO, 0i64); groups];
            for (k, &r) in rows.iter().enumerate() {
                if let Some(x) = values.decimal(r) {
                    let g = &mut s[ids[k] as usize];
                    g.0 = g.0.checked_add(x).ok_or_else(overflow)?;
                    g.1 += 1;
                }
            }
            Values::Decimal(
                s.into_iter()
                    .map(|(s, n)| (n > 0).then(|| (s / Decimal::from(n)).normalize()))
                    .collect(),
            )
        }
        (Agg::Min | Agg::Max, _) => {
            let mut best: Vec<Option<usize>> = vec![None; groups];
            for (k, &r) in rows.iter().enumerate() {
                if values.is_null(r) {
                    continue;
                }
                let g = &mut best[ids[k] as usize];
                let better = match g {
                    None => true,
                    Some(b) => {
                        let ord = values.compare(r, *b);
                        if agg == Agg::Min {
                            ord.is_lt()
                        } else {
                            ord.is_gt()
                        }
                    }
                };
                if better {
                    *g = Some(r);
                }
            }
            values.take_opt(&best)
        }
        // Sum of a non-numeric column is refused before we get here.
        (Agg::Sum, other) => other.empty_like(),
    })
}

impl Table {
    /// One row per distinct combination of `keys` (in order of first appearance), with
    /// `agg` of each of `columns`. Only data rows count.
    pub fn group_by(&self, keys: &[String], columns: &[String], agg: Agg) -> TableResult<Table> {
        crate::budget::check()?;
        let key_values = keys
            .iter()
            .map(|k| Ok(&*self.column(k)?.values))
            .collect::<TableResult<Vec<_>>>()?;
        for c in columns {
            let col = self.column(c)?;
            if matches!(agg, Agg::Sum | Agg::Mean) && !col.values.is_numeric() {
                return Err(format!(
                    "{}, och kan inte summeras",
                    super::calc::not_numeric(col)
                ));
            }
        }
        let rows: Vec<usize> = self.data_rows().collect();
        let (ids, firsts) = group_ids(&key_values, &rows);
        let mut out = Vec::with_capacity(keys.len() + columns.len());
        for k in keys {
            let c = self.column(k)?;
            out.push(Column {
                values: Arc::new(c.values.take(&firsts)),
                ..c.clone()
            });
        }
        for name in columns {
            let c = self.column(name)?;
            let values = aggregate(&c.values, &rows, &ids, firsts.len(), agg, name)?;
            out.push(Column {
                values: Arc::new(values),
                format: if agg == Agg::Count { None } else { c.format },
                ratio: None,
                text_because: None,
                name: name.clone(),
            });
        }
        Ok(Table {
            columns: out,
            kinds: Arc::new(vec![RowKind::Data; firsts.len()]),
            row_formats: Arc::default(),
            ..self.clone()
        })
    }

    /// The cells of a sum row over `rows`: numeric columns summed, percent-change columns
    /// recomputed from the sums, `label` in the first text column.
    fn sum_row(&self, rows: &[usize], label: &str) -> TableResult<Vec<Value>> {
        let label_col = self
            .columns
            .iter()
            .position(|c| matches!(*c.values, Values::Text(_)));
        // A row with a format of another unit than its column (a percentage row among
        // amounts) is not part of the column's sum.
        let summed = |c: &Column, r: usize| {
            self.row_format(r)
                .is_none_or(|f| c.format.is_some_and(|cf| cf.unit == f.unit))
        };
        let sums: Vec<Option<Decimal>> = self
            .columns
            .iter()
            .map(|c| {
                if !c.values.is_numeric() {
                    return Ok(None);
                }
                let values = rows
                    .iter()
                    .filter(|&&r| summed(c, r))
                    .filter_map(|&r| c.values.decimal(r));
                checked_sum(values)
                    .map(Some)
                    .ok_or_else(|| too_large(&format!("summan av kolumnen `{}` ({label})", c.name)))
            })
            .collect::<TableResult<_>>()?;
        let sum_of = |name: &str| {
            self.columns
                .iter()
                .position(|c| c.name == name)
                .and_then(|i| sums[i])
        };
        self.columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if Some(i) == label_col {
                    return Ok(Value::Text(Arc::from(label)));
                }
                if let Some((base, value)) = &c.ratio {
                    return Ok(match (sum_of(base), sum_of(value)) {
                        (Some(b), Some(v)) => {
                            percent_change(b, v).map_or(Value::Null, Value::Decimal)
                        }
                        _ => Value::Null,
                    });
                }
                Ok(match (&*c.values, sums[i]) {
                    (Values::Int(v), _) => rows
                        .iter()
                        .filter(|&&r| summed(c, r))
                        .try_fold(0i64, |s, &r| s.checked_add(v.get(r).unwrap_or(0)))
                        .map(Value::Int)
                        .ok_or_else(|| {
                            too_large(&format!("summan av kolumnen `{}` ({label})", c.name))
                        })?,
                    (_, Some(s)) => Value::Decimal(s),
                    _ => Value::Null,
                })
            })
            .collect()
    }

    /// Rebuild with rows from `plan`: existing rows, or new rows with their kind.
    fn assemble(&self, plan: Vec<Planned>) -> TableResult<Table> {
        let mut columns: Vec<Values> = self.columns.iter().map(|c| c.values.empty_like()).collect();
        let mut kinds = Vec::with_capacity(plan.len());
        let mut row_formats = Vec::with_capacity(plan.len());
        for p in plan {
            match p {
                Planned::Row(r) => {
                    for (i, c) in self.columns.iter().enumerate() {
                        columns[i].push(c.values.get(r));
                    }
                    kinds.push(self.kinds[r]);
                    row_formats.push(self.row_format(r));
                }
                Planned::New(cells, kind) => {
                    for (i, v) in cells.into_iter().enumerate() {
                        if !columns[i].push(v) {
                            return Err(format!(
                                "summaraden passar inte i kolumnen `{}`",
                                self.columns[i].name
                            ));
                        }
                    }
                    kinds.push(kind);
                    row_formats.push(None);
                }
            }
        }
        Ok(Table {
            columns: self
                .columns
                .iter()
                .zip(columns)
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
            ..self.clone()
        })
    }

    /// Append a total row ("Summa") over the data rows.
    pub fn total(&self, label: &str) -> TableResult<Table> {
        let rows: Vec<usize> = self.data_rows().collect();
        let mut plan: Vec<Planned> = (0..self.len()).map(Planned::Row).collect();
        plan.push(Planned::New(self.sum_row(&rows, label)?, RowKind::Total));
        self.assemble(plan)
    }

    /// After each run of rows with the same `column` value, a row "`prefix` value" with
    /// the run's sums.
    pub fn subtotals(&self, column: &str, prefix: &str) -> TableResult<Table> {
        let values = &self.column(column)?.values;
        let mut plan = Vec::with_capacity(self.len() + 8);
        let mut run: Vec<usize> = Vec::new();
        let mut current: Option<Value> = None;
        let close = |run: &mut Vec<usize>,
                     current: &Option<Value>,
                     plan: &mut Vec<Planned>|
         -> TableResult<()> {
            if let Some(v) = current {
                let label = format!("{prefix} {}", v.label());
                plan.push(Planned::New(
                    self.sum_row(run, label.trim())?,
                    RowKind::Subtotal,
                ));
            }
            run.clear();
            Ok(())
        };
        for r in 0..self.len() {
            match self.kinds[r] {
                RowKind::Data => {
                    let v = values.get(r);
                    if current.as_ref() != Some(&v) {
                        close(&mut run, &current, &mut plan)?;
                        current = Some(v);
                    }
                    run.push(r);
                    plan.push(Planned::Row(r));
                }
                RowKind::Varav => plan.push(Planned::Row(r)),
                RowKind::Subtotal | RowKind::Total => {
                    close(&mut run, &current, &mut plan)?;
                    current = None;
                    plan.push(Planned::Row(r));
                }
            }
        }
        close(&mut run, &current, &mut plan)?;
        self.assemble(plan)
    }

    /// Mark rows whose `column` is one of `values` as "varav" rows of the row above.
    pub fn varav(&self, column: &str, values: &[Value]) -> TableResult<Table> {
        let col = &self.column(column)?.values;
        let keys: Vec<Key<'_>> = values.iter().map(super::rows::value_key).collect();
        let kinds = (0..self.len())
            .map(|r| {
                if self.kinds[r] == RowKind::Data && keys.contains(&col.key(r)) {
                    RowKind::Varav
                } else {
                    self.kinds[r]
                }
            })
            .collect();
        Ok(Table {
            kinds: Arc::new(kinds),
            varav_column: Some(column.to_string()),
            ..self.clone()
        })
    }

    /// Data rows in period order within each combination of the text columns.
    fn by_series(&self, period: &str, value: &str) -> TableResult<(Vec<usize>, Vec<u32>)> {
        let p = self.column(period)?;
        if !matches!(*p.values, Values::Period(_)) {
            return Err(format!(
                "kolumnen `{period}` är {}, inte period (ÅÅÅÅ-MM)",
                p.values.type_name()
            ));
        }
        let v = self.column(value)?;
        if !v.values.is_numeric() {
            return Err(super::calc::not_numeric(v));
        }
        let keys: Vec<&Values> = self
            .columns
            .iter()
            .filter(|c| matches!(*c.values, Values::Text(_)))
            .map(|c| &*c.values)
            .collect();
        let rows: Vec<usize> = self.data_rows().collect();
        let (ids, _) = group_ids(&keys, &rows);
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| {
            ids[a]
                .cmp(&ids[b])
                .then_with(|| p.values.compare(rows[a], rows[b]))
        });
        let sorted_rows = order.iter().map(|&k| rows[k]).collect();
        let sorted_ids = order.iter().map(|&k| ids[k]).collect();
        Ok((sorted_rows, sorted_ids))
    }

    fn periods(&self, period: &str) -> TableResult<&super::Nullable<Period>> {
        match &*self.column(period)?.values {
            Values::Period(v) => Ok(v),
            _ => Err(format!("kolumnen `{period}` är inte period")),
        }
    }

    /// Add `name`: `value` accumulated from January up to each row's period (ack),
    /// per combination of the text columns.
    pub fn ack(&self, period: &str, value: &str, name: &str) -> TableResult<Table> {
        self.running(period, value, name, |from, to| {
            from.year == to.year && from <= to
        })
    }

    /// Add `name`: `value` summed over the 12 months ending with each row's period (R12).
    pub fn r12(&self, period: &str, value: &str, name: &str) -> TableResult<Table> {
        self.running(period, value, name, |from, to| {
            from <= to && from.months_until(to) < 12
        })
    }

    fn running(
        &self,
        period: &str,
        value: &str,
        name: &str,
        within: impl Fn(Period, Period) -> bool,
    ) -> TableResult<Table> {
        let (rows, ids) = self.by_series(period, value)?;
        let periods = self.periods(period)?;
        let values = &self.column(value)?.values;
        let mut out: Vec<Option<Decimal>> = vec![None; self.len()];
        // Each series is sorted by period: a window [start, end] slides along it.
        let mut start = 0usize;
        let mut sum = Decimal::ZERO;
        let mut end = 0usize; // rows[start..end] are in `sum`
        let mut series_start = 0usize;
        for j in 0..rows.len() {
            if j == 0 || ids[j] != ids[j - 1] {
                series_start = j;
                start = j;
                end = j;
                sum = Decimal::ZERO;
            }
            let Some(to) = periods.get(rows[j]) else {
                continue;
            };
            // Take in every row of the series up to and including this period.
            while end < rows.len()
                && ids[end] == ids[j]
                && periods.get(rows[end]).is_some_and(|p| p <= to)
            {
                sum = sum
                    .checked_add(values.decimal(rows[end]).unwrap_or_default())
                    .ok_or_else(|| too_large(&format!("den löpande summan av `{value}`")))?;
                end += 1;
            }
            while start < end
                && start >= series_start
                && !periods
                    .get(rows[start])
                    .is_some_and(|from| within(from, to))
            {
                sum = sum
                    .checked_sub(values.decimal(rows[start]).unwrap_or_default())
                    .ok_or_else(|| too_large(&format!("den löpande summan av `{value}`")))?;
                start += 1;
            }
            out[rows[j]] = Some(sum);
        }
        let mut t = self.clone();
        t.set_column(Column {
            format: self.column(value)?.format,
            ..Column::new(name, Values::Decimal(out.into()))
        })?;
        Ok(t)
    }
}

/// A row of a rebuilt table.
enum Planned {
    Row(usize),
    New(Vec<Value>, RowKind),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn table(units: &[Option<&str>], amounts: Vec<Option<Decimal>>) -> Table {
        let mut text = super::super::Dictionary::new();
        for u in units {
            // Pushed one by one: "A" gets two codes, which must still be one group.
            text.push(u.map(Arc::from));
        }
        Table::new(vec![
            Column::new("enhet", Values::Text(text)),
            Column::new("belopp", Values::Decimal(amounts.into())),
        ])
        .expect("table")
    }

    fn sums(t: &Table) -> Vec<(String, Option<Decimal>)> {
        let g = t
            .group_by(&["enhet".into()], &["belopp".into()], Agg::Sum)
            .expect("group");
        let e = g.column("enhet").expect("enhet");
        let b = g.column("belopp").expect("belopp");
        (0..g.len())
            .map(|r| (e.values.get(r).label(), b.values.decimal(r)))
            .collect()
    }

    #[test]
    fn groups_on_text_codes_in_order_of_first_appearance_with_sums_at_the_larger_scale() {
        let t = table(
            &[Some("A"), Some("B"), None, Some("A"), Some("A"), Some("B")],
            vec![
                Some(d("1.5")),
                Some(d("2")),
                Some(d("7")),
                Some(d("0.25")),
                None,
                Some(d("-2.00")),
            ],
        );
        let got = sums(&t);
        assert_eq!(
            got,
            [
                ("A".to_string(), Some(d("1.75"))),
                ("B".to_string(), Some(d("0"))),
                (String::new(), Some(d("7"))),
            ]
        );
        // The scale is the one decimals added in row order give.
        let shown: Vec<String> = got.iter().map(|(_, s)| format!("{s:?}")).collect();
        assert_eq!(shown, ["Some(1.75)", "Some(0.00)", "Some(7)"]);
    }

    #[test]
    fn sums_beyond_eight_bytes_or_a_decimal_are_added_as_decimals_or_refused() {
        let big = Decimal::new((1i64 << 56) + 3, 0);
        let t = table(&[Some("A"); 4], vec![Some(big); 4]);
        assert!(matches!(&*t.columns[1].values, Values::Decimal(v) if v.packed().is_some()));
        let four = big.checked_mul(Decimal::from(4)).expect("fits a decimal");
        assert_eq!(sums(&t), [("A".to_string(), Some(four))]);
        // Large at a high scale: the exact sum does not fit a decimal's mantissa; the
        // decimal path decides (rounds or refuses), as it did before packing.
        let wide = Decimal::new((1i64 << 57) - 1, 28);
        let t = table(
            &[Some("A"); 3],
            vec![Some(wide), Some(d("100000000000")), Some(wide)],
        );
        assert!(matches!(&*t.columns[1].values, Values::Decimal(v) if v.packed().is_some()));
        let v: Decimals = vec![Some(wide), Some(d("100000000000")), Some(wide)].into();
        // 10¹¹ at scale 28 is beyond i128: the packed sum gives up, so the group below is
        // summed by the decimal path.
        assert!(packed_sums(&v, &[0, 1, 2], &[0, 0, 0], 1).is_none());
        let slow = decimal_sums(&v, &[0, 1, 2], &[0, 0, 0], 1, || "för stor".to_string())
            .map(|v| v.decimal(0));
        let fast = t
            .group_by(&["enhet".into()], &["belopp".into()], Agg::Sum)
            .map(|g| g.columns[1].values.decimal(0));
        assert_eq!(fast, slow);
    }
}
