//! Cost-reduction assignments against plan: this year's cost of a post to date against a plan
//! of last year's cost reduced by a share ("Minska resekostnader med 15 %"), per level.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Organisation, with_total_row};
use crate::domain::long::Layout;
use crate::period::Period;
use crate::table::{Column, Format, Table, TableResult, Values};

/// The label of the sum row.
pub const TOTAL: &str = "Totalt";

/// One row of an assignment table; costs as positive amounts (kronor).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub label: String,
    pub utfall: Decimal,
    pub utfall_fg: Decimal,
    pub plan: Decimal,
}

impl PlanRow {
    pub fn diff_plan(&self) -> Decimal {
        self.utfall - self.plan
    }
    pub fn diff_fg(&self) -> Decimal {
        self.utfall - self.utfall_fg
    }
}

/// Rows per `level` for `post` at `period`: year-to-date cost this year and last year, and
/// the plan (last year × (1 − `reduction`)); the last row is the total.
pub fn against_plan(
    t: &Table,
    layout: &Layout,
    org: &Organisation,
    period: Period,
    post: &str,
    level: &str,
    reduction: Decimal,
) -> TableResult<Vec<PlanRow>> {
    if reduction < Decimal::ZERO || reduction > Decimal::ONE {
        return Err(format!(
            "minskningen ska vara en andel mellan 0 och 1 (0.15 för 15 %), inte {reduction}"
        ));
    }
    org.check_level(level)?;
    let rows = layout.rows(t)?;
    // Look each unit of the post up once (an unknown unit is an error), not once per row.
    let mut levels: HashMap<&str, Option<String>> = HashMap::new();
    for (r, unit) in rows.enhet.iter().enumerate() {
        if let (Some(unit), Some(p)) = (unit, &rows.post.get(r))
            && p.as_ref() == post
            && !levels.contains_key(unit.as_ref())
        {
            levels.insert(unit, org.level_of(unit, level)?);
        }
    }
    let groups = rows.compare(period, |r| {
        if rows.post.str(r) != Some(post) {
            return None;
        }
        levels.get(rows.enhet.str(r)?)?.as_deref()
    })?;
    if groups.is_empty() {
        return Err(format!("posten `{post}` finns inte i tabellen"));
    }
    let keep = Decimal::ONE - reduction;
    let mut out: Vec<PlanRow> = Vec::new();
    for name in org.order(level, |_| true)? {
        let Some((_, f)) = groups.iter().find(|(k, _)| *k == name.as_str()) else {
            continue;
        };
        let utfall_fg = -f.ack_utfall_fg.unwrap_or_default();
        out.push(PlanRow {
            label: name,
            utfall: -f.ack_utfall.unwrap_or_default(),
            utfall_fg,
            plan: utfall_fg * keep,
        });
    }
    let total = PlanRow {
        label: TOTAL.into(),
        utfall: out.iter().map(|r| r.utfall).sum(),
        utfall_fg: out.iter().map(|r| r.utfall_fg).sum(),
        plan: out.iter().map(|r| r.plan).sum(),
    };
    out.push(total);
    Ok(out)
}

/// The assignment as a table in tkr.
pub fn plan_table(rows: &[PlanRow]) -> TableResult<Table> {
    type M = fn(&PlanRow) -> Decimal;
    let measures: [(&str, M); 5] = [
        ("Ack utfall", |r| r.utfall),
        ("Ack utfall fg år", |r| r.utfall_fg),
        ("Ack plan", |r| r.plan),
        ("Diff mot plan", PlanRow::diff_plan),
        ("Diff mot utfall fg år", PlanRow::diff_fg),
    ];
    let mut columns = vec![Column::new(
        "Enhet",
        Values::Text(
            rows.iter()
                .map(|r| Some(Arc::from(r.label.as_str())))
                .collect(),
        ),
    )];
    for (name, m) in measures {
        let mut c = Column::new(
            name,
            Values::Decimal(rows.iter().map(|r| Some(m(r))).collect()),
        );
        c.format = Some(Format::tkr(0));
        columns.push(c);
    }
    Ok(with_total_row(Table::new(columns)?))
}
