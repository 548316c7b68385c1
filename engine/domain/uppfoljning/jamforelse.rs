//! The comparison table `jamforelse` builds: year-to-date and full-year figures per value of
//! one column (a post, a unit …), or per row a script declares.

use rust_decimal::Decimal;

use super::figures_by;
use crate::domain::long::{Figures, Layout};
use crate::domain::rapport::{self, ReportRow, RowSpec, rader};
use crate::period::Period;
use crate::table::{Key, RowKind, Table, TableResult};

/// The comparison at `period` per value of the column `per` (in table order of first
/// appearance, empty cells left out), or, with `specs`, per declared row adding up the
/// values of `per` it lists; shown as `shown` says.
pub fn comparison(
    t: &Table,
    layout: &Layout,
    period: Period,
    per: &str,
    specs: Option<&[RowSpec]>,
    shown: &rapport::Layout,
) -> TableResult<Table> {
    let rows = layout.rows(t)?;
    let key_values = &*t.column(per)?.values;
    let report_rows = match specs {
        // Declared rows: each row adds up the values of `per` it lists.
        Some(specs) => {
            let by_key = figures_by(&rows, period, |r| match key_values.key(r) {
                Key::Null => None,
                k => Some(k.to_value().label()),
            })?;
            rader::evaluate(specs, |k| by_key.get(k).copied())?
        }
        // Grouped on the borrowed cell (as group_by does), so no text is built per row.
        None => rows
            .compare(period, |r| match key_values.key(r) {
                Key::Null => None,
                k => Some(k),
            })?
            .into_iter()
            .map(|(k, figures)| ReportRow {
                label: k.to_value().label(),
                kind: RowKind::Data,
                figures,
                month: Figures::default(),
                sign: Decimal::ONE,
                format: None,
                percent: None,
            })
            .collect(),
    };
    rapport::table(per, &report_rows, shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::column::text_column;
    use crate::domain::rapport::{Measure, PercentRows};
    use crate::domain::testdata::ledger;
    use crate::table::Value;

    fn shown() -> rapport::Layout {
        rapport::Layout {
            columns: vec![(Measure::AckUtfall, "Ack utfall".into())],
            amount: None,
            percent_rows: PercentRows::All,
        }
    }

    fn column(t: &Table, name: &str) -> Vec<Value> {
        let c = t.column(name).expect("column");
        (0..t.len()).map(|r| c.values.get(r)).collect()
    }

    #[test]
    fn per_value_of_a_column_or_per_declared_row() {
        let t = ledger(&[
            ("2024-01", "A", "Löner", "utfall", -10),
            ("2024-02", "B", "Löner", "utfall", -5),
            ("2024-02", "A", "Hyra", "utfall", -1),
            // After the period: not counted.
            ("2024-03", "A", "Löner", "utfall", -100),
        ]);
        let period = Period::parse("2024-02").expect("period");
        let c = comparison(&t, &Layout::default(), period, "enhet", None, &shown()).expect("table");
        assert_eq!(c.names(), ["enhet", "Ack utfall"]);
        let units: Vec<String> = column(&c, "enhet").iter().map(Value::label).collect();
        assert_eq!(units, ["A", "B"]);
        assert_eq!(
            column(&c, "Ack utfall"),
            [-11, -5].map(|v| Value::Decimal(Decimal::from(v)))
        );
        let declaration = Table::new(vec![
            text_column("rad", ["Alla", "Bara B"].map(String::from)),
            text_column("poster", ["A, B", "B"].map(String::from)),
        ])
        .expect("declaration");
        let specs = rader::parse(&declaration).expect("specs");
        let c = comparison(
            &t,
            &Layout::default(),
            period,
            "enhet",
            Some(&specs),
            &shown(),
        )
        .expect("table");
        assert_eq!(
            column(&c, "Ack utfall"),
            [-16, -5].map(|v| Value::Decimal(Decimal::from(v)))
        );
        let err = comparison(&t, &Layout::default(), period, "omrade", None, &shown())
            .expect_err("no such column");
        assert!(err.contains("`omrade`"), "{err}");
    }
}
