//! Categories and series from table rows: one line per year over jan–dec, consecutive months,
//! or categories × (series column | y columns). Each point has at most one value.

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_decimal::Decimal;

use super::Series;
use crate::period::Period;
use crate::table::{Column, Key, Values};

/// Axis labels, full names, the months (time charts) and the series.
pub type Parts = (Vec<String>, Vec<String>, Option<Vec<Period>>, Vec<Series>);

/// The standard chart: months jan–dec along x, one line per year.
pub fn per_year(x: &Column, y: &Column, rows: &[usize]) -> Result<Parts, String> {
    let mut years: BTreeMap<i32, Vec<Option<Decimal>>> = BTreeMap::new();
    for &r in rows {
        let Key::Period(p) = x.values.key(r) else {
            continue;
        };
        let line = years.entry(p.year).or_insert_with(|| vec![None; 12]);
        let slot = &mut line[usize::from(p.month - 1)];
        if slot.is_some() {
            return Err(duplicate(&p.long(), &y.name));
        }
        *slot = y.values.decimal(r);
    }
    let categories: Vec<String> = (1..=12u8)
        .filter_map(|m| Period::new(2000, m))
        .map(|p| p.short_name().to_string())
        .collect();
    let names: Vec<String> = (1..=12u8)
        .filter_map(|m| Period::new(2000, m))
        .map(|p| p.month_name().to_string())
        .collect();
    let n = years.len();
    // The latest year gets the first (strongest) style.
    let series = years
        .into_iter()
        .enumerate()
        .map(|(i, (year, values))| Series {
            name: year.to_string(),
            values,
            style: n - 1 - i,
            as_line: false,
        })
        .collect();
    Ok((categories, names, None, series))
}

fn duplicate(at: &str, column: &str) -> String {
    format!(
        "två värden i `{column}` för {at}; summera först, t.ex. med group_by, så att varje punkt har ett värde"
    )
}

/// Consecutive months from the first to the last period; gaps stay empty.
pub fn over_time(
    x: &Column,
    series_col: Option<&Column>,
    ys: &[&Column],
    rows: &[usize],
) -> Result<Parts, String> {
    if !matches!(*x.values, Values::Period(_)) {
        return Err(format!(
            "time_chart behöver en periodkolumn som x (månader som 2024-02), men `{}` är {}",
            x.name,
            x.values.type_name()
        ));
    }
    let periods: Vec<Period> = rows
        .iter()
        .filter_map(|&r| match x.values.key(r) {
            Key::Period(p) => Some(p),
            _ => None,
        })
        .collect();
    let (Some(first), Some(last)) = (periods.iter().min(), periods.iter().max()) else {
        return Err(format!("kolumnen `{}` har inga perioder", x.name));
    };
    let months: Vec<Period> = (0..=first.months_until(*last))
        .map(|i| first.add_months(i))
        .collect();
    let series = pivot_on(
        |r| match x.values.key(r) {
            Key::Period(p) => Some(usize::try_from(first.months_until(p)).unwrap_or(0)),
            _ => None,
        },
        months.len(),
        &|i| months[i].long(),
        series_col,
        ys,
        rows,
    )?;
    let categories = months
        .iter()
        .map(|p| format!("{} {}", p.short_name(), p.year))
        .collect();
    let names = months.iter().map(|p| p.long()).collect();
    Ok((categories, names, Some(months), series))
}

/// Categories in order (first appearance; numbers and periods ascending), series from the
/// series column (ascending) or one per y column.
pub fn pivot(
    x: &Column,
    series_col: Option<&Column>,
    ys: &[&Column],
    rows: &[usize],
) -> Result<Parts, String> {
    let sorted = !matches!(*x.values, Values::Text(_));
    let mut keys: Vec<Key> = Vec::new();
    let mut seen: HashSet<Key> = HashSet::new();
    for &r in rows {
        let k = x.values.key(r);
        if seen.insert(k) {
            keys.push(k);
        }
    }
    if sorted {
        keys.sort();
    }
    // Each category's place, looked up per row (not searched for).
    let place: HashMap<Key, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let month_numbers = matches!(*x.values, Values::Int(_))
        && x.name.to_lowercase().starts_with("mån")
        && keys
            .iter()
            .all(|k| matches!(k, Key::Int(m) if (1..=12).contains(m)));
    let same_year = {
        let mut years = keys.iter().filter_map(|k| match k {
            Key::Period(p) => Some(p.year),
            _ => None,
        });
        let first = years.next();
        years.all(|y| Some(y) == first)
    };
    let label = |k: &Key, long: bool| -> String {
        match k {
            Key::Int(m) if month_numbers => {
                let p = Period::new(2000, *m as u8).unwrap_or(Period {
                    year: 2000,
                    month: 1,
                });
                if long { p.month_name() } else { p.short_name() }.to_string()
            }
            Key::Period(p) if long => p.long(),
            Key::Period(p) if same_year => p.short_name().to_string(),
            Key::Null => "(tom)".to_string(),
            other => other.to_value().label(),
        }
    };
    let categories: Vec<String> = keys.iter().map(|k| label(k, false)).collect();
    let names: Vec<String> = keys.iter().map(|k| label(k, true)).collect();
    let series = pivot_on(
        |r| place.get(&x.values.key(r)).copied(),
        keys.len(),
        &|i| names[i].clone(),
        series_col,
        ys,
        rows,
    )?;
    Ok((categories, names, None, series))
}

/// Place each row's value at `slot(row)`; series by the series column or per y column.
fn pivot_on(
    slot: impl Fn(usize) -> Option<usize>,
    len: usize,
    name_of: &dyn Fn(usize) -> String,
    series_col: Option<&Column>,
    ys: &[&Column],
    rows: &[usize],
) -> Result<Vec<Series>, String> {
    let mut out: Vec<Series> = Vec::new();
    // Each row's slot once, not once per y column.
    let slots: Vec<(usize, Option<usize>)> = rows.iter().map(|&r| (r, slot(r))).collect();
    match series_col {
        Some(s) => {
            let y = ys[0];
            let mut groups: BTreeMap<Key, Vec<Option<Decimal>>> = BTreeMap::new();
            for &(r, i) in &slots {
                let Some(i) = i else { continue };
                let values = groups
                    .entry(s.values.key(r))
                    .or_insert_with(|| vec![None; len]);
                if values[i].is_some() {
                    let who = s.values.key(r).to_value().label();
                    return Err(duplicate(&format!("{} ({who})", name_of(i)), &y.name));
                }
                values[i] = y.values.decimal(r);
            }
            let n = groups.len();
            let years =
                matches!(*s.values, Values::Int(_)) && s.name.to_lowercase().starts_with("år");
            for (i, (k, values)) in groups.into_iter().enumerate() {
                let name = match k {
                    Key::Null => "(tom)".to_string(),
                    Key::Int(v) => v.to_string(),
                    other => other.to_value().label(),
                };
                // Years: the latest gets the strongest style, as in per-year lines.
                let style = if years { n - 1 - i } else { i };
                out.push(Series {
                    name,
                    values,
                    style,
                    as_line: false,
                });
            }
        }
        None => {
            for (i, y) in ys.iter().enumerate() {
                let mut values = vec![None; len];
                for &(r, at) in &slots {
                    let Some(at) = at else { continue };
                    if values[at].is_some() {
                        return Err(duplicate(&name_of(at), &y.name));
                    }
                    values[at] = y.values.decimal(r);
                }
                out.push(Series {
                    name: y.name.clone(),
                    values,
                    style: i,
                    as_line: false,
                });
            }
        }
    }
    Ok(out)
}
