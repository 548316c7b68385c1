//! Åtgärdsplaner: planned against achieved effect per action, year to date, optionally
//! grouped by unit with a subtotal per unit; and the action list (åtgärdslista).

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::domain::column::{decimal_column, text_column};
use crate::domain::long::period_column;
use crate::domain::procent::share;
use crate::period::Period;
use crate::table::{Format, RowKind, Table, TableResult};

/// Achieved as a share of planned, in percent; `None` when nothing was planned.
pub fn effect_share(achieved: Decimal, planned: Decimal) -> Option<Decimal> {
    share(achieved, planned).map(|s| s.normalize())
}

/// One action's plan and effect at a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effect {
    pub action: String,
    /// Planned effect for the whole year.
    pub planned_year: Decimal,
    /// Planned effect January up to the period.
    pub planned_ack: Decimal,
    /// Achieved effect January up to the period (`None`: nothing reported yet).
    pub achieved_ack: Option<Decimal>,
}

impl Effect {
    pub fn share(&self) -> Option<Decimal> {
        effect_share(self.achieved_ack.unwrap_or_default(), self.planned_ack)
    }
}

/// Monthly rows (period, action, planned, achieved) summed per action for `period`'s year,
/// in the order the actions first appear.
pub fn effects(
    rows: impl IntoIterator<Item = (Period, String, Option<Decimal>, Option<Decimal>)>,
    period: Period,
) -> TableResult<Vec<Effect>> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Effect> = Vec::new();
    for (p, action, planned, achieved) in rows {
        if p.year != period.year {
            continue;
        }
        let i = *index.entry(action.clone()).or_insert_with(|| {
            out.push(Effect {
                action,
                ..Effect::default()
            });
            out.len() - 1
        });
        let e = &mut out[i];
        let planned = planned.unwrap_or_default();
        e.planned_year = plus(e.planned_year, planned, &e.action)?;
        if p <= period {
            e.planned_ack = plus(e.planned_ack, planned, &e.action)?;
            if let Some(a) = achieved {
                e.achieved_ack = Some(plus(e.achieved_ack.unwrap_or_default(), a, &e.action)?);
            }
        }
    }
    Ok(out)
}

/// The "Summa" row: every action's effects added up.
pub fn total(effects: &[Effect]) -> TableResult<Effect> {
    let mut sum = Effect {
        action: "Summa".into(),
        ..Effect::default()
    };
    for e in effects {
        sum.planned_year = plus(sum.planned_year, e.planned_year, &sum.action)?;
        sum.planned_ack = plus(sum.planned_ack, e.planned_ack, &sum.action)?;
        if let Some(a) = e.achieved_ack {
            let so_far = sum.achieved_ack.unwrap_or_default();
            sum.achieved_ack = Some(plus(so_far, a, &sum.action)?);
        }
    }
    Ok(sum)
}

/// The action plan's table at `period` from monthly rows with the columns `period`, `atgard`,
/// `planerad` and `uppnadd` (kronor): per action the plan for the year, the plan and the
/// achieved effect so far and the share achieved, then a total row. With `per` (a column
/// such as `enhet`), the actions are grouped by its value, each group followed by its
/// subtotal ("Summa"), in the order the units first appear.
pub fn plan_table(t: &Table, period: Period, per: Option<&str>) -> TableResult<Table> {
    let periods = period_column(t, "period")?;
    let actions = &*t.column("atgard")?.values;
    let planned = &*t.column("planerad")?.values;
    let achieved = &*t.column("uppnadd")?.values;
    if !planned.is_numeric() || !achieved.is_numeric() {
        return Err("kolumnerna `planerad` och `uppnadd` ska innehålla tal (kronor)".into());
    }
    let units = match per {
        Some(name) => Some(&*t.column(name)?.values),
        None => None,
    };
    let unit_of = |r: usize| units.map(|u| u.get(r).label()).unwrap_or_default();
    // Units in the order they first appear; each unit's rows in their order.
    let mut order: Vec<String> = Vec::new();
    for r in 0..t.len() {
        let u = unit_of(r);
        if !order.contains(&u) {
            order.push(u);
        }
    }
    let mut lines: Vec<(String, RowKind, Effect)> = Vec::new();
    let mut all: Vec<Effect> = Vec::new();
    for unit in &order {
        let rows = (0..t.len())
            .filter(|&r| &unit_of(r) == unit)
            .filter_map(|r| {
                Some((
                    periods.get(r)?,
                    actions.get(r).label(),
                    planned.decimal(r),
                    achieved.decimal(r),
                ))
            });
        let effects = effects(rows, period)?;
        for e in &effects {
            lines.push((unit.clone(), RowKind::Data, e.clone()));
        }
        if per.is_some() {
            lines.push((unit.clone(), RowKind::Subtotal, total(&effects)?));
        }
        all.extend(effects);
    }
    let mut sum = total(&all)?;
    if per.is_some() {
        sum.action = "Totalt".into();
    }
    lines.push((String::new(), RowKind::Total, sum));
    let mkr =
        |name: &str, values: Vec<Option<Decimal>>| decimal_column(name, values, Format::mkr(1));
    let mut columns = Vec::with_capacity(6);
    if let Some(name) = per {
        columns.push(text_column(
            &capitalised(name),
            lines.iter().map(|(u, _, _)| u.clone()),
        ));
    }
    columns.extend([
        text_column("Åtgärd", lines.iter().map(|(_, _, e)| e.action.clone())),
        mkr(
            "Helår plan",
            lines.iter().map(|l| Some(l.2.planned_year)).collect(),
        ),
        mkr(
            "Plan ack",
            lines.iter().map(|l| Some(l.2.planned_ack)).collect(),
        ),
        mkr(
            "Uppnått ack",
            lines.iter().map(|l| l.2.achieved_ack).collect(),
        ),
        decimal_column(
            "Andel uppnådd",
            lines.iter().map(|l| l.2.share()),
            Format::pct(1),
        ),
    ]);
    let mut table = Table::new(columns)?;
    table.kinds = Arc::new(lines.iter().map(|l| l.1).collect());
    Ok(table)
}

/// A column name as a header: `enhet` → `Enhet`.
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The action list: the columns aktivitet, tidplan, malvarde (kronor), status and kommentar
/// as Aktivitet, Tidplan, Målvärde (mkr), Status and Kommentar.
pub fn action_list(t: &Table) -> TableResult<Table> {
    const NAMES: [(&str, &str); 5] = [
        ("aktivitet", "Aktivitet"),
        ("tidplan", "Tidplan"),
        ("malvarde", "Målvärde (mkr)"),
        ("status", "Status"),
        ("kommentar", "Kommentar"),
    ];
    let mut columns = Vec::with_capacity(NAMES.len());
    for (from, to) in NAMES {
        let mut c = t.column(from)?.clone();
        c.name = to.to_string();
        if from == "malvarde" {
            if !c.values.is_numeric() {
                return Err("kolumnen `malvarde` ska innehålla tal (kronor)".into());
            }
            c.format = Some(Format::mkr(0));
        }
        columns.push(c);
    }
    let mut table = Table::new(columns)?;
    table.title = Some("Åtgärder".into());
    Ok(table)
}

fn plus(a: Decimal, b: Decimal, action: &str) -> TableResult<Decimal> {
    a.checked_add(b).ok_or_else(|| {
        format!("`{action}`: summan av effekterna blir för stor för ett tal; kontrollera beloppen")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Column, Value, Values};

    #[test]
    fn grouped_by_unit_with_subtotals_and_a_total() {
        let periods = ["2024-01", "2024-02", "2024-01", "2024-02"];
        let text = |v: &[&str]| Values::Text(v.iter().map(|s| Some(Arc::from(*s))).collect());
        let t = Table::new(vec![
            Column::new(
                "period",
                Values::Period(periods.iter().map(|s| Period::parse(s)).collect()),
            ),
            Column::new("enhet", text(&["Kirurgi", "Kirurgi", "Medicin", "Kirurgi"])),
            Column::new(
                "atgard",
                text(&["Hyrpersonal", "Hyrpersonal", "Hyrpersonal", "Schema"]),
            ),
            Column::new(
                "planerad",
                Values::Int(vec![Some(10), Some(10), Some(4), Some(6)].into()),
            ),
            Column::new(
                "uppnadd",
                Values::Int(vec![Some(8), Some(10), Some(4), None].into()),
            ),
        ])
        .expect("table");
        let plan = plan_table(&t, p("2024-02"), Some("enhet")).expect("plan");
        let col = |c: &str| {
            (0..plan.len())
                .map(|r| plan.column(c).expect(c).values.get(r))
                .collect::<Vec<Value>>()
        };
        let labels: Vec<String> = col("Åtgärd").iter().map(Value::label).collect();
        assert_eq!(
            labels,
            [
                "Hyrpersonal",
                "Schema",
                "Summa",
                "Hyrpersonal",
                "Summa",
                "Totalt"
            ]
        );
        let units: Vec<String> = col("Enhet").iter().map(Value::label).collect();
        assert_eq!(
            units,
            ["Kirurgi", "Kirurgi", "Kirurgi", "Medicin", "Medicin", ""]
        );
        use RowKind::*;
        assert_eq!(*plan.kinds, [Data, Data, Subtotal, Data, Subtotal, Total]);
        let ack = col("Plan ack");
        assert_eq!(ack[2], Value::Decimal(dec("26")));
        assert_eq!(ack[5], Value::Decimal(dec("30")));
        // Schema: nothing achieved reported yet, an empty cell; its unit's share counts what
        // was achieved (18 of 26).
        assert_eq!(col("Uppnått ack")[1], Value::Null);
        assert_eq!(col("Andel uppnådd")[2].label(), "69,23");
        // Without `per`: the actions and one total row, as before.
        let flat = plan_table(&t, p("2024-02"), None).expect("plan");
        assert_eq!(flat.len(), 3);
        assert_eq!(
            flat.column("Åtgärd").expect("c").values.get(2).label(),
            "Summa"
        );
        let err = plan_table(&t, p("2024-02"), Some("omrade")).expect_err("no column");
        assert!(err.contains("`omrade`"), "{err}");
    }

    fn p(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    fn dec(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn share_of_plan_as_in_the_report() {
        let share = effect_share(dec("20.3"), dec("21.3")).expect("share");
        assert_eq!(share.round_dp(1), dec("95.3"));
        assert_eq!(effect_share(dec("1"), Decimal::ZERO), None);
    }

    #[test]
    fn effects_sum_the_year_to_date_and_the_year() {
        let rows = vec![
            (
                p("2024-01"),
                "Hyrpersonal".to_string(),
                Some(dec("5")),
                Some(dec("4")),
            ),
            (
                p("2024-02"),
                "Hyrpersonal".to_string(),
                Some(dec("5")),
                Some(dec("6")),
            ),
            (
                p("2024-03"),
                "Hyrpersonal".to_string(),
                Some(dec("5")),
                None,
            ),
            (
                p("2023-12"),
                "Hyrpersonal".to_string(),
                Some(dec("99")),
                Some(dec("99")),
            ),
            (p("2024-03"), "Ny åtgärd".to_string(), Some(dec("2")), None),
        ];
        let e = effects(rows, p("2024-02")).expect("effects");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].planned_year, dec("15"));
        assert_eq!(e[0].planned_ack, dec("10"));
        assert_eq!(e[0].achieved_ack, Some(dec("10")));
        assert_eq!(e[0].share(), Some(dec("100")));
        // Starts in March: nothing planned yet, so no share.
        assert_eq!(e[1].planned_ack, Decimal::ZERO);
        assert_eq!(e[1].share(), None);
    }
}
