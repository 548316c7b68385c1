//! Investments per area against budget and forecast: utfall ack, prognos, årsbudget and the
//! forecast deviation (budget − prognos: positive when the forecast is below budget).

use std::sync::Arc;

use rust_decimal::Decimal;

use super::with_total_row;
use crate::domain::long::{Figures, Layout};
use crate::number::{Overflow, too_large};
use crate::period::Period;
use crate::table::{Column, Format, Table, TableResult, Values};

/// The label of the sum row.
pub const TOTAL: &str = "Totalt";

/// Budget minus forecast (investments are spending: a forecast under budget is positive).
pub fn forecast_margin(f: &Figures) -> Result<Option<Decimal>, Overflow> {
    Ok(f.prognosavvikelse()?.map(|d| -d))
}

/// One row per area (the ledger's `enhet`, in order of appearance) and a total.
pub fn investments(t: &Table, layout: &Layout, period: Period) -> TableResult<Table> {
    let rows = layout.rows(t)?;
    let mut groups = rows.compare(period, |r| rows.enhet.str(r).map(str::to_string))?;
    let total = Figures::total(groups.iter().map(|(_, f)| f))
        .map_err(|_| too_large(&format!("summan för `{TOTAL}`")))?;
    groups.push((TOTAL.to_string(), total));
    type M = fn(&Figures) -> Result<Option<Decimal>, Overflow>;
    let measures: [(&str, M); 4] = [
        ("Utfall ack", |f| Ok(f.ack_utfall)),
        ("Prognos", |f| Ok(f.helar_prognos)),
        ("Årsbudget", |f| Ok(f.helar_budget)),
        ("Prognosavvikelse", forecast_margin),
    ];
    let mut columns = vec![Column::new(
        "Område",
        Values::Text(
            groups
                .iter()
                .map(|(k, _)| Some(Arc::from(k.as_str())))
                .collect(),
        ),
    )];
    for (name, m) in measures {
        let values = groups
            .iter()
            .map(|(label, f)| m(f).map_err(|_| too_large(&format!("`{name}` för `{label}`"))))
            .collect::<TableResult<Vec<_>>>()?;
        let mut c = Column::new(name, Values::Decimal(values.into()));
        c.format = Some(Format::mkr(0));
        columns.push(c);
    }
    Ok(with_total_row(Table::new(columns)?))
}
