//! Ekonomi: the simplified income statement, cost development, forecast helpers and action
//! plans, all computed from a ledger in the long layout (see [`crate::domain`]).

pub mod atgarder;
pub mod nivaer;
pub mod prognos;
pub mod resultat;
pub mod utveckling;

use std::collections::HashMap;

use crate::domain::long::{Figures, Rows};
use crate::period::Period;
use crate::table::TableResult;

/// Year-to-date and full-year figures per `post` at `period`.
pub fn by_post(rows: &Rows, period: Period) -> TableResult<HashMap<String, Figures>> {
    Ok(rows
        .compare(period, |r| rows.post[r].as_deref().map(str::to_string))?
        .into_iter()
        .collect())
}

/// The sum of the figures of `posts` (`None` figures where no post had any rows).
pub fn sum_posts<'a>(
    figures: &HashMap<String, Figures>,
    posts: impl IntoIterator<Item = &'a String>,
) -> Figures {
    posts
        .into_iter()
        .filter_map(|p| figures.get(p))
        .fold(Figures::default(), |acc, f| acc.plus(f))
}

/// Small ledgers for the unit tests.
#[cfg(test)]
pub(crate) mod testdata {
    use std::sync::Arc;

    use rust_decimal::Decimal;

    use crate::period::Period;
    use crate::table::{Column, Table, Values};

    pub type Row<'a> = (&'a str, &'a str, &'a str, &'a str, i64);

    pub fn p(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    pub fn d(n: i64) -> Option<Decimal> {
        Some(Decimal::from(n))
    }

    /// A long-layout table from (period, enhet, post, typ, varde) rows.
    pub fn ledger(rows: &[Row]) -> Table {
        let text = |pick: fn(&Row) -> String| {
            Values::Text(
                rows.iter()
                    .map(|r| Some(Arc::from(pick(r).as_str())))
                    .collect(),
            )
        };
        Table::new(vec![
            Column::new(
                "period",
                Values::Period(rows.iter().map(|r| Period::parse(r.0)).collect()),
            ),
            Column::new("enhet", text(|r| r.1.to_string())),
            Column::new("post", text(|r| r.2.to_string())),
            Column::new("typ", text(|r| r.3.to_string())),
            Column::new(
                "varde",
                Values::Int(rows.iter().map(|r| Some(r.4)).collect()),
            ),
        ])
        .expect("table")
    }
}
