//! Report tables built from declared rows and columns chosen by name: the one builder behind
//! `resultatrakning`, `jamforelse`, `per_niva` and `budgetavvikelse`.

pub mod kolumn;
pub mod rader;

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::domain::column::text_column;
use crate::number::{Overflow, too_large};
use crate::table::{Column, Format, RowKind, Table, TableResult, Unit, Values};

pub use kolumn::Measure;
pub use rader::{ReportRow, RowSpec, RowType};

/// Which rows show the percentage columns (a row's own `procent` wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PercentRows {
    /// Every row.
    #[default]
    All,
    /// Sum and total rows only, as many printed tables do.
    Sums,
}

impl PercentRows {
    /// `"alla"` or `"summor"`.
    pub fn parse(text: &str) -> TableResult<PercentRows> {
        match text.trim().to_lowercase().as_str() {
            "alla" => Ok(PercentRows::All),
            "summor" | "summarader" => Ok(PercentRows::Sums),
            other => Err(format!(
                "`procent_rader` är `{other}`; skriv \"alla\" eller \"summor\""
            )),
        }
    }

    fn shows(self, row: &ReportRow) -> bool {
        row.percent.unwrap_or(match self {
            PercentRows::All => true,
            PercentRows::Sums => matches!(row.kind, RowKind::Subtotal | RowKind::Total),
        })
    }
}

/// How a report table shows its value columns.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The value columns with their headers.
    pub columns: Vec<(Measure, String)>,
    /// The format of the amount columns (`mkr:1`; `None`: plain numbers); percentages are
    /// shown as `pct:1`.
    pub amount: Option<Format>,
    pub percent_rows: PercentRows,
}

/// The table: a label column named `label_header`, then the layout's columns; each row of
/// the kind it was declared as, its amounts with its sign.
pub fn table(label_header: &str, rows: &[ReportRow], layout: &Layout) -> TableResult<Table> {
    let mut columns = Vec::with_capacity(layout.columns.len() + 1);
    columns.push(text_column(
        label_header,
        rows.iter().map(|r| r.label.clone()),
    ));
    for (measure, header) in &layout.columns {
        let values = rows
            .iter()
            .map(|r| {
                cell(*measure, r, layout.percent_rows)
                    .map_err(|_| too_large(&format!("`{header}` på raden `{}`", r.label)))
            })
            .collect::<TableResult<Vec<Option<Decimal>>>>()?;
        let mut c = Column::new(header.clone(), Values::Decimal(values.into()));
        c.format = if measure.is_percent() {
            Some(Format::pct(1))
        } else {
            layout.amount
        };
        columns.push(c);
    }
    let mut t = Table::new(columns)?;
    t.kinds = Arc::new(rows.iter().map(|r| r.kind).collect());
    for (i, r) in rows.iter().enumerate() {
        if r.format.is_some() {
            t.set_row_format(&[i], r.format)?;
        }
    }
    if rows.iter().any(|r| r.kind == RowKind::Varav) {
        t.varav_column = Some(label_header.to_string());
    }
    Ok(t)
}

/// One cell: the measure of the row's figures, amounts with the row's sign (deviations and
/// percentages keep theirs: negative is worse); empty for a percentage on a row that does not show them. A row with
/// its own number format shows every number in it, so its percentage cells stay empty unless
/// that format is itself a percentage.
fn cell(
    measure: Measure,
    row: &ReportRow,
    percent_rows: PercentRows,
) -> Result<Option<Decimal>, Overflow> {
    if measure.is_percent() && !percent_rows.shows(row) {
        return Ok(None);
    }
    if measure.is_percent() && row.format.is_some_and(|f| f.unit != Unit::Percent) {
        return Ok(None);
    }
    let Some(value) = measure.value(&row.figures, &row.month)? else {
        return Ok(None);
    };
    if !measure.follows_sign() || row.sign == Decimal::ONE {
        Ok(Some(value))
    } else {
        value.checked_mul(row.sign).map(Some).ok_or(Overflow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::long::Figures;
    use crate::domain::testdata::d;
    use crate::table::Value;

    fn row(label: &str, kind: RowKind, utfall: i64, budget: i64, sign: i64) -> ReportRow {
        ReportRow {
            label: label.into(),
            kind,
            figures: Figures {
                ack_utfall: d(utfall),
                ack_budget: d(budget),
                ..Figures::default()
            },
            month: Figures::default(),
            sign: Decimal::from(sign),
            format: None,
            percent: None,
        }
    }

    #[test]
    fn percentages_only_on_sum_rows_when_asked_and_signs_flip_amounts() {
        let rows = [
            row("Löner", RowKind::Data, -110, -100, -1),
            row("Summa", RowKind::Total, -110, -100, 1),
        ];
        let layout = Layout {
            columns: kolumn::parse_list(["ack utfall", "ack avvikelse", "avvikelse %"])
                .expect("columns"),
            amount: Some(Format::mkr(1)),
            percent_rows: PercentRows::Sums,
        };
        let t = table("Post", &rows, &layout).expect("table");
        let get = |r: usize, c: &str| t.column(c).expect(c).values.get(r);
        // Shown as a positive cost: 110; the deviation keeps its meaning, 10 worse: −10.
        assert_eq!(get(0, "Ack utfall"), Value::Decimal(Decimal::from(110)));
        assert_eq!(get(0, "Ack avvikelse"), Value::Decimal(Decimal::from(-10)));
        assert_eq!(get(0, "Avvikelse %"), Value::Null);
        assert_eq!(get(1, "Avvikelse %"), Value::Decimal(Decimal::from(-10)));
        assert_eq!(t.kinds[1], RowKind::Total);
        let all = Layout {
            percent_rows: PercentRows::All,
            ..layout
        };
        let t = table("Post", &rows, &all).expect("table");
        assert_eq!(
            t.column("Avvikelse %").expect("c").values.get(0),
            Value::Decimal(Decimal::from(-10))
        );
        assert!(PercentRows::parse("några").is_err());
    }

    #[test]
    fn a_row_with_its_own_format_carries_it_and_hides_its_percentages() {
        let mut tkr = row("Porto", RowKind::Data, -2500, -2000, 1);
        tkr.format = Some(Format::tkr(1));
        let rows = [tkr, row("Summa", RowKind::Total, -2500, -2000, 1)];
        let layout = Layout {
            columns: kolumn::parse_list(["ack utfall", "avvikelse %"]).expect("columns"),
            amount: Some(Format::mkr(1)),
            percent_rows: PercentRows::All,
        };
        let t = table("Post", &rows, &layout).expect("table");
        assert_eq!(t.row_format(0), Some(Format::tkr(1)));
        assert_eq!(t.row_format(1), None);
        assert_eq!(
            t.column("Avvikelse %").expect("c").values.get(0),
            Value::Null
        );
        assert_eq!(
            t.column("Avvikelse %").expect("c").values.get(1),
            Value::Decimal(Decimal::from(-25))
        );
    }
}
