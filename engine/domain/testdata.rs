//! Small ledgers in the long layout for the domain library's unit tests.

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
