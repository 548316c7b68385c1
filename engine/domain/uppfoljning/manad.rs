//! Month by month for a year: outcome, budget, last year's outcome, rolling twelve months (R12)
//! and its change against a year earlier: the data behind the reports' monthly charts.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::decided_by;
use crate::domain::long::{Kind, Layout};
use crate::period::Period;
use crate::table::{Column, Format, Table, TableResult, Values};

/// Which posts count: all, only some, or all but some.
#[derive(Debug, Clone, Default)]
pub struct PostFilter {
    pub only: Vec<String>,
    pub except: Vec<String>,
}

impl PostFilter {
    fn keeps(&self, post: &str) -> bool {
        (self.only.is_empty() || self.only.iter().any(|p| p == post))
            && !self.except.iter().any(|p| p == post)
    }
}

/// One row per month of `period`'s year: `Månad`, `Utfall`, `Budget`, `Utfall fg år`, `R12`,
/// `Budget R12`, `R12 förändring %`. Months after `period` have no outcome (nor R12).
pub fn by_month(
    t: &Table,
    layout: &Layout,
    period: Period,
    posts: &PostFilter,
) -> TableResult<Table> {
    let rows = layout.rows(t)?;
    let decided = decided_by(t, period)?;
    let mut outcome: HashMap<Period, Decimal> = HashMap::new();
    let mut budget: HashMap<Period, Decimal> = HashMap::new();
    for (r, &counts) in decided.iter().enumerate() {
        let (Some(p), Some(kind), Some(value)) =
            (rows.period.get(r), rows.typ[r], rows.varde.decimal(r))
        else {
            continue;
        };
        if !counts || !posts.keeps(rows.post.str(r).unwrap_or("")) {
            continue;
        }
        match kind {
            Kind::Utfall => *outcome.entry(p).or_default() += value,
            Kind::Budget => *budget.entry(p).or_default() += value,
            Kind::Prognos => {}
        }
    }
    let rolling = |values: &HashMap<Period, Decimal>, end: Period| -> Option<Decimal> {
        let months: Vec<Decimal> = (0..12)
            .filter_map(|i| values.get(&end.add_months(-i)).copied())
            .collect();
        (months.len() == 12).then(|| months.iter().sum())
    };
    let r12 = |end: Period| rolling(&outcome, end);
    let start = period.year_start();
    let months: Vec<Period> = (0..12).map(|i| start.add_months(i)).collect();
    let shown = |m: &Period| *m <= period;
    let mut columns = vec![Column::new(
        "Månad",
        Values::Text(
            months
                .iter()
                .map(|m| Some(Arc::from(m.short_name())))
                .collect(),
        ),
    )];
    let amounts: [(&str, Vec<Option<Decimal>>); 5] = [
        (
            "Utfall",
            months
                .iter()
                .map(|m| outcome.get(m).copied().filter(|_| shown(m)))
                .collect(),
        ),
        (
            "Budget",
            months.iter().map(|m| budget.get(m).copied()).collect(),
        ),
        (
            "Utfall fg år",
            months
                .iter()
                .map(|m| outcome.get(&m.last_year()).copied())
                .collect(),
        ),
        (
            "R12",
            months
                .iter()
                .map(|m| r12(*m).filter(|_| shown(m)))
                .collect(),
        ),
        (
            "Budget R12",
            months.iter().map(|m| rolling(&budget, *m)).collect(),
        ),
    ];
    for (name, values) in amounts {
        let mut c = Column::new(name, Values::Decimal(values.into()));
        c.format = Some(Format::mkr(0));
        columns.push(c);
    }
    let change: Vec<Option<Decimal>> = months
        .iter()
        .map(|m| {
            let now = r12(*m).filter(|_| shown(m))?;
            let before = r12(m.last_year()).filter(|b| !b.is_zero())?;
            now.checked_div(before)
                .map(|q| (q - Decimal::ONE) * Decimal::ONE_HUNDRED)
        })
        .collect();
    let mut c = Column::new("R12 förändring %", Values::Decimal(change.into()));
    c.format = Some(Format::pct(1));
    columns.push(c);
    Table::new(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_r12_and_change() {
        // 2023 and 2024: −10 every month in 2023, −11 in 2024 up to March; budget −12.
        let mut periods = Vec::new();
        let mut kinds = Vec::new();
        let mut values = Vec::new();
        for m in 1..=12 {
            periods.push(Period::new(2023, m));
            kinds.push("utfall");
            values.push(-10);
        }
        for m in 1..=3 {
            periods.push(Period::new(2024, m));
            kinds.push("utfall");
            values.push(-11);
        }
        periods.push(Period::new(2024, 5));
        kinds.push("budget");
        values.push(-12);
        let n = periods.len();
        let t = Table::new(vec![
            Column::new("period", Values::Period(periods.into())),
            Column::new("enhet", Values::Text(vec![Some(Arc::from("A")); n].into())),
            Column::new("post", Values::Text(vec![Some(Arc::from("K")); n].into())),
            Column::new(
                "typ",
                Values::Text(kinds.iter().map(|k| Some(Arc::from(*k))).collect()),
            ),
            Column::new("varde", Values::Int(values.into_iter().map(Some).collect())),
        ])
        .expect("table");
        let p = Period::parse("2024-03").expect("period");
        let out = by_month(&t, &Layout::default(), p, &PostFilter::default()).expect("months");
        let col = |name: &str, row: usize| out.column(name).expect("column").values.decimal(row);
        assert_eq!(out.len(), 12);
        assert_eq!(col("Utfall", 2), Some(Decimal::from(-11)));
        assert_eq!(col("Utfall", 3), None);
        assert_eq!(col("Budget", 4), Some(Decimal::from(-12)));
        // A month with no budget stays empty.
        assert_eq!(col("Budget", 0), None);
        assert_eq!(col("Utfall fg år", 11), Some(Decimal::from(-10)));
        // R12 in March 2024: nine months of −10 and three of −11.
        assert_eq!(col("R12", 2), Some(Decimal::from(-123)));
        // Budget only in May 2024: no full twelve months of budget.
        assert_eq!(col("Budget R12", 4), None);
        // No 2022: no R12 a year earlier, so no change.
        assert_eq!(col("R12 förändring %", 2), None);
        let only = PostFilter {
            only: vec!["Annat".into()],
            ..PostFilter::default()
        };
        let none = by_month(&t, &Layout::default(), p, &only).expect("months");
        assert_eq!(none.column("Utfall").expect("c").values.decimal(0), None);
    }
}
