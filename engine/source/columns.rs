//! A query result built column by column as rows stream in: the warehouse-neutral half of
//! every source. A date column whose every date is the first of a month becomes a period column.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::period::{Date, Period};
use crate::table::{Column, Nullable, Table, Values};

/// What a column holds, as a warehouse reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Decimal,
    Date,
}

/// One column being filled.
pub struct ColumnBuilder {
    pub name: String,
    values: Values,
    /// Each distinct text's dictionary code: repeated texts (account names, units) are
    /// stored once.
    interned: ahash::HashMap<Arc<str>, u32>,
}

impl ColumnBuilder {
    pub fn new(name: &str, kind: Kind) -> ColumnBuilder {
        let values = match kind {
            Kind::Text => Values::Text(Default::default()),
            Kind::Int => Values::Int(Default::default()),
            Kind::Decimal => Values::Decimal(Default::default()),
            Kind::Date => Values::Date(Default::default()),
        };
        ColumnBuilder {
            name: name.to_string(),
            values,
            interned: ahash::HashMap::default(),
        }
    }

    /// An empty cell.
    pub fn push_null(&mut self) {
        match &mut self.values {
            Values::Text(v) => v.push(None),
            Values::Int(v) => v.push(None),
            Values::Decimal(v) => v.push(None),
            Values::Period(v) => v.push(None),
            Values::Date(v) => v.push(None),
        }
    }

    /// A text cell; empty text is an empty cell, as in data files.
    pub fn push_text(&mut self, s: &str) {
        if let Values::Text(v) = &mut self.values {
            if s.is_empty() {
                v.push(None);
                return;
            }
            let code = v.intern(s, &mut self.interned);
            v.push_code(Some(code));
        }
    }

    pub fn push_int(&mut self, i: i64) {
        if let Values::Int(v) = &mut self.values {
            v.push(Some(i));
        }
    }

    pub fn push_decimal(&mut self, d: Decimal) {
        if let Values::Decimal(v) = &mut self.values {
            v.push(Some(d));
        }
    }

    pub fn push_date(&mut self, d: Date) {
        match &mut self.values {
            Values::Date(v) => v.push(Some(d)),
            // A snapshot's period column.
            Values::Period(v) => v.push(Some(d.period())),
            _ => {}
        }
    }

    /// A column read back from a snapshot as periods.
    pub fn periods(name: &str) -> ColumnBuilder {
        ColumnBuilder {
            name: name.to_string(),
            values: Values::Period(Default::default()),
            interned: ahash::HashMap::default(),
        }
    }

    fn finish(self) -> Column {
        let values = match self.values {
            Values::Date(dates) if months_only(&dates) => {
                Values::Period(dates.iter().map(|d| d.map(Date::period)).collect())
            }
            other => other,
        };
        Column::new(self.name, values)
    }
}

/// True when there is at least one date and every date is the first of its month.
fn months_only(dates: &Nullable<Date>) -> bool {
    dates.iter().any(|d| d.is_some()) && dates.iter().flatten().all(|d| d.day == 1)
}

/// The finished table. Duplicate column names (`select a.x, b.x`) are an error from
/// [`Table::new`], which names the column.
pub fn finish(columns: Vec<ColumnBuilder>) -> Result<Table, String> {
    Table::new(columns.into_iter().map(ColumnBuilder::finish).collect())
}

/// The type name a snapshot's header gives a column.
pub fn type_name(values: &Values) -> &'static str {
    match values {
        Values::Text(_) => "text",
        Values::Int(_) => "int",
        Values::Decimal(_) => "decimal",
        Values::Period(_) => "period",
        Values::Date(_) => "date",
    }
}

/// A snapshot column type back as a builder.
pub fn builder_for(name: &str, type_name: &str) -> Option<ColumnBuilder> {
    Some(match type_name {
        "text" => ColumnBuilder::new(name, Kind::Text),
        "int" => ColumnBuilder::new(name, Kind::Int),
        "decimal" => ColumnBuilder::new(name, Kind::Decimal),
        "date" => ColumnBuilder::new(name, Kind::Date),
        "period" => ColumnBuilder::periods(name),
        _ => return None,
    })
}

/// Days since 2000-01-01 (PostgreSQL's date epoch) as a date.
pub fn date_from_pg_days(days: i32) -> Option<Date> {
    // 2000-01-01 is day 36526 of the spreadsheet epoch (1899-12-30).
    Date::from_serial(i64::from(days) + 36_526)
}

/// The first day of `p`.
pub fn first_day(p: Period) -> Date {
    Date {
        year: p.year,
        month: p.month,
        day: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_of_month_dates_become_periods() {
        let mut c = ColumnBuilder::new("period", Kind::Date);
        c.push_date(Date::new(2024, 1, 1).expect("date"));
        c.push_null();
        c.push_date(Date::new(2024, 2, 1).expect("date"));
        let t = finish(vec![c]).expect("table");
        assert_eq!(t.columns[0].values.type_name(), "period");
        let mut c = ColumnBuilder::new("bokford", Kind::Date);
        c.push_date(Date::new(2024, 1, 15).expect("date"));
        let t = finish(vec![c]).expect("table");
        assert_eq!(t.columns[0].values.type_name(), "datum");
    }

    #[test]
    fn postgres_day_numbers() {
        assert_eq!(date_from_pg_days(0), Date::new(2000, 1, 1));
        assert_eq!(date_from_pg_days(8797), Date::new(2024, 2, 1));
        assert_eq!(date_from_pg_days(-1), Date::new(1999, 12, 31));
    }
}
