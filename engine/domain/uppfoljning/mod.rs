//! Follow-up per organisational level: the organisation table, the figures per unit or level
//! row, and the tables built from them (budget deviation per level, the region's result,
//! investments, cost-reduction assignments).

pub mod investering;
pub mod jamforelse;
pub mod manad;
pub mod niva;
pub mod uppdrag;

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::long::{Figures, Kind, Rows};
use super::procent::growth;
use super::rapport::{self, Measure};
use crate::number::too_large;
use crate::period::Period;
use crate::table::{Column, Format, RowKind, Table, TableResult, Value, Values};

/// The column that says when a budget row was decided (a revision): rows decided after the
/// report period are left out, so an earlier report keeps the budget it had.
pub const DECIDED: &str = "beslutad";

/// The organisation table: its first column is the unit (as the ledger's `enhet`), the other
/// columns are levels above it (`omrade`, `forvaltning`, `namnd` …), in any order.
#[derive(Debug)]
pub struct Organisation<'a> {
    pub(crate) table: &'a Table,
    index: HashMap<String, usize>,
}

impl<'a> Organisation<'a> {
    pub fn new(table: &'a Table) -> TableResult<Organisation<'a>> {
        let Some(first) = table.columns.first() else {
            return Err("organisationstabellen har inga kolumner".into());
        };
        if !matches!(&*first.values, Values::Text(_)) {
            return Err(format!(
                "organisationstabellens första kolumn ska vara enheten (text), men `{}` innehåller {}",
                first.name,
                first.values.type_name()
            ));
        }
        let mut index = HashMap::new();
        for row in 0..table.len() {
            if let Value::Text(unit) = first.values.get(row) {
                if index.insert(unit.to_string(), row).is_some() {
                    return Err(format!(
                        "enheten `{unit}` finns två gånger i organisationstabellen (rad {})",
                        row + 1
                    ));
                }
            }
        }
        Ok(Organisation { table, index })
    }

    /// Check that `level` is one of the table's columns.
    pub fn check_level(&self, level: &str) -> TableResult<()> {
        self.table.column(level).map(|_| ())
    }

    /// The unit's value at `level` (`None` when empty), or an error when the unit is unknown.
    pub fn level_of(&self, unit: &str, level: &str) -> TableResult<Option<String>> {
        let Some(&row) = self.index.get(unit) else {
            return Err(format!(
                "enheten `{unit}` finns inte i organisationstabellen; lägg till en rad för den"
            ));
        };
        Ok(match self.table.column(level)?.values.get(row) {
            Value::Null => None,
            v => Some(v.label()).filter(|s| !s.is_empty()),
        })
    }

    /// The distinct values of `level` in the table's order, for units passing `keep`.
    pub fn order(&self, level: &str, keep: impl Fn(&str) -> bool) -> TableResult<Vec<String>> {
        let first = &self.table.columns[0].values;
        let values = &self.table.column(level)?.values;
        let mut out: Vec<String> = Vec::new();
        for row in 0..self.table.len() {
            let unit = first.get(row).label();
            let v = values.get(row);
            if v == Value::Null || !keep(&unit) {
                continue;
            }
            let label = v.label();
            if !label.is_empty() && !out.contains(&label) {
                out.push(label);
            }
        }
        Ok(out)
    }
}

/// Whether a ledger row counts at `period`: budget rows decided after it are left out.
pub fn decided_by(t: &Table, period: Period) -> TableResult<Vec<bool>> {
    let Ok(column) = t.column(DECIDED) else {
        return Ok(vec![true; t.len()]);
    };
    match &*column.values {
        Values::Period(v) => Ok(v.iter().map(|p| p.is_none_or(|p| p <= period)).collect()),
        Values::Text(v) => v
            .iter()
            .enumerate()
            .map(|(row, cell)| match cell.map(|c| c.trim()) {
                None | Some("") => Ok(true),
                Some(text) => Period::parse(text).map(|p| p <= period).ok_or_else(|| {
                    format!(
                        "rad {}: `{DECIDED}` är `{text}`; det ska vara en period (ÅÅÅÅ-MM) eller tomt",
                        row + 1
                    )
                }),
            })
            .collect(),
        other => Err(format!(
            "kolumnen `{DECIDED}` ska innehålla perioder (ÅÅÅÅ-MM) eller vara tom, men innehåller {}",
            other.type_name()
        )),
    }
}

/// One row of a follow-up table: its label, kind, the figures at the period and the
/// month's own outcome and budget (in `ack_utfall` and `ack_budget`).
#[derive(Debug, Clone)]
pub struct FigureRow {
    pub label: String,
    pub kind: RowKind,
    pub figures: Figures,
    pub month: Figures,
}

/// Figures per key at `period` and for the period's month alone.
pub fn figures_by<K: Hash + Eq + Clone>(
    rows: &Rows,
    period: Period,
    key: impl Fn(usize) -> Option<K>,
) -> TableResult<HashMap<K, (Figures, Figures)>> {
    let mut out: HashMap<K, (Figures, Figures)> = rows
        .compare(period, &key)?
        .into_iter()
        .map(|(k, f)| (k, (f, Figures::default())))
        .collect();
    let month = rows.compare(period, |r| {
        let own_month = rows.period.get(r) == Some(period) && rows.typ[r] != Some(Kind::Prognos);
        if own_month { key(r) } else { None }
    })?;
    for (k, f) in month {
        out.entry(k).or_default().1 = f;
    }
    Ok(out)
}

/// Net cost development in percent: this year's outcome against last year's (`None` when
/// last year is missing or zero).
pub fn development(f: &Figures) -> Option<Decimal> {
    growth(f.ack_utfall?, f.ack_utfall_fg?)
}

/// The follow-up table's value columns, in order, unless a script chooses others.
pub const LEVEL_COLUMNS: [(Measure, &str); 11] = [
    (Measure::ManadensUtfall, "Utfall månad"),
    (Measure::ManadensBudget, "Budget månad"),
    (Measure::ManadensAvvikelse, "Avvikelse månad"),
    (Measure::UtfallFg, "Ack utfall fg år"),
    (Measure::AckUtfall, "Ack utfall"),
    (Measure::AckBudget, "Ack budget"),
    (Measure::AckAvvikelse, "Ack avvikelse"),
    (Measure::ForandringProcent, "Nettokostnadsutv. %"),
    (Measure::Arsbudget, "Årsbudget"),
    (Measure::Helarsprognos, "Prognos"),
    (Measure::Prognosavvikelse, "Prognosavvikelse"),
];

/// The follow-up table's default layout: [`LEVEL_COLUMNS`], amounts in whole mkr.
pub fn level_layout() -> TableResult<rapport::Layout> {
    Ok(rapport::Layout {
        columns: LEVEL_COLUMNS
            .iter()
            .map(|(m, h)| (*m, h.to_string()))
            .collect(),
        amount: Some(Format::mkr(0)),
        percent_rows: rapport::PercentRows::All,
    })
}

/// Build the table: a label column named `first`, then the layout's columns.
pub fn level_table(
    first: &str,
    rows: &[FigureRow],
    layout: &rapport::Layout,
) -> TableResult<Table> {
    let rows: Vec<rapport::ReportRow> = rows.iter().map(rapport::ReportRow::from).collect();
    rapport::table(first, &rows, layout)
}

/// Sum rows' figures (year to date and the month); `label` names the sum in the error when
/// it is beyond a decimal's range.
pub fn sum_rows<'a>(
    rows: impl IntoIterator<Item = &'a FigureRow>,
    label: &str,
) -> TableResult<(Figures, Figures)> {
    let mut sum = (Figures::default(), Figures::default());
    for r in rows {
        let overflow = |_| too_large(&format!("summan för `{label}`"));
        sum = (
            sum.0.plus(&r.figures).map_err(overflow)?,
            sum.1.plus(&r.month).map_err(overflow)?,
        );
    }
    Ok(sum)
}

/// The table with its last row marked as the total (the other rows as data).
pub fn with_total_row(mut table: Table) -> Table {
    let mut kinds = vec![RowKind::Data; table.len()];
    if let Some(last) = kinds.last_mut() {
        *last = RowKind::Total;
    }
    table.kinds = Arc::new(kinds);
    table
}

/// Below this many mkr `mkr_kort` shows one decimal: 0,95 mkr is where a rounded one-decimal
/// figure (1,0) would read as a whole mkr, the threshold the RS report's tables follow.
pub const MKR_KORT_GRANS: Decimal = Decimal::from_parts(95, 0, 0, false, 2);

/// An amount in mkr as the reports print it: whole mkr, but one decimal under
/// [`MKR_KORT_GRANS`] (−0,4; 0,0 for a small non-zero amount; 0 for exactly zero).
pub fn mkr_short(value: Decimal) -> Decimal {
    mkr_short_below(value, MKR_KORT_GRANS)
}

/// As [`mkr_short`], with one decimal under `threshold` mkr.
pub fn mkr_short_below(value: Decimal, threshold: Decimal) -> Decimal {
    let mkr = crate::number::scale(value, 1_000_000);
    let decimals = if mkr.is_zero() || mkr.abs() >= threshold {
        0
    } else {
        1
    };
    let mut r = crate::number::round_half_away(mkr, decimals);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r.rescale(decimals);
    r
}

/// `t` with the column `name` in mkr as the reports print it ([`mkr_short_below`] with
/// `threshold`), without a format, so each value keeps its own decimals (0,0 stays 0,0).
pub fn mkr_short_column(t: &Table, name: &str, threshold: Decimal) -> TableResult<Table> {
    let column = t.column(name)?;
    let Some(values) = column.values.to_decimals() else {
        return Err(format!("kolumnen `{name}` ska innehålla tal"));
    };
    let mut c = Column::new(
        name,
        Values::Decimal(
            values
                .into_iter()
                .map(|v| v.map(|v| mkr_short_below(v, threshold)))
                .collect(),
        ),
    );
    c.format = None;
    let mut out = t.clone();
    out.set_column(c)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::investering::investments;
    use super::niva::{Financing, LevelQuery, per_level, region_result};
    use super::uppdrag::against_plan;
    use super::*;
    use crate::domain::long::Layout;
    use crate::table::Column;

    fn p(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    fn text(v: &[&str]) -> Values {
        Values::Text(
            v.iter()
                .map(|s| (!s.is_empty()).then(|| Arc::from(*s)))
                .collect(),
        )
    }

    type Row<'a> = (&'a str, &'a str, &'a str, &'a str, i64, &'a str);

    fn ledger(rows: &[Row<'static>]) -> Table {
        let col = |f: for<'r> fn(&'r Row<'static>) -> &'r str| {
            text(&rows.iter().map(f).collect::<Vec<_>>())
        };
        Table::new(vec![
            Column::new(
                "period",
                Values::Period(rows.iter().map(|r| Period::parse(r.0)).collect()),
            ),
            Column::new("enhet", col(|r| r.1)),
            Column::new("post", col(|r| r.2)),
            Column::new("typ", col(|r| r.3)),
            Column::new(
                "varde",
                Values::Int(rows.iter().map(|r| Some(r.4)).collect()),
            ),
            Column::new("beslutad", col(|r| r.5)),
        ])
        .expect("ledger")
    }

    fn org() -> Table {
        Table::new(vec![
            Column::new("basenhet", text(&["A1", "A2", "B1", "Fin"])),
            Column::new("omrade", text(&["A", "A", "B", "Fin"])),
            Column::new("namnd", text(&["N1", "N1", "N2", ""])),
        ])
        .expect("org")
    }

    fn d(n: i64) -> Option<Decimal> {
        Some(Decimal::from(n))
    }

    fn query(levels: &[&str]) -> LevelQuery {
        LevelQuery {
            levels: levels.iter().map(|s| s.to_string()).collect(),
            ..LevelQuery::default()
        }
    }

    #[test]
    fn per_level_sums_units_month_and_year_to_date() {
        let t = ledger(&[
            ("2024-01", "A1", "Kostnader", "utfall", -10, ""),
            ("2024-02", "A1", "Kostnader", "utfall", -12, ""),
            ("2024-02", "A2", "Kostnader", "utfall", -3, ""),
            ("2024-02", "A1", "Kostnader", "budget", -11, ""),
            ("2024-12", "A1", "Kostnader", "budget", -100, ""),
            ("2023-01", "A1", "Kostnader", "utfall", -5, ""),
            ("2023-02", "A1", "Kostnader", "utfall", -15, ""),
            ("2024-02", "B1", "Kostnader", "utfall", -7, ""),
        ]);
        let o = org();
        let org = Organisation::new(&o).expect("org");
        let rows = per_level(
            &t,
            &Layout::default(),
            &org,
            p("2024-02"),
            &query(&["omrade"]),
        )
        .expect("rows");
        assert_eq!(rows.len(), 3);
        let a = &rows[0];
        assert_eq!(a.label, "A");
        assert_eq!(a.figures.ack_utfall, d(-25));
        assert_eq!(a.month.ack_utfall, d(-15));
        assert_eq!(a.month.ack_budget, d(-11));
        assert_eq!(a.figures.helar_budget, d(-111));
        // Costs grew from 20 to 25: +25 %.
        assert_eq!(development(&a.figures), d(25));
        // B has no previous year and no budget: no development, deviation = outcome.
        let b = &rows[1];
        assert_eq!(development(&b.figures), None);
        assert_eq!(b.figures.ack_budget, None);
        assert_eq!(b.figures.ack_avvikelse().expect("fits"), d(-7));
        assert_eq!(rows[2].label, niva::NET_COSTS);
        assert_eq!(rows[2].kind, RowKind::Total);
        assert_eq!(rows[2].figures.ack_utfall, d(-32));
    }

    #[test]
    fn a_level_report_names_its_sum_row_or_shows_declared_rows() {
        let t = ledger(&[
            ("2024-02", "A1", "K", "utfall", -12, ""),
            ("2024-02", "A2", "K", "utfall", -3, ""),
            ("2024-02", "B1", "K", "utfall", -7, ""),
        ]);
        let o = org();
        let org = Organisation::new(&o).expect("org");
        let levels = ["omrade".to_string()];
        let rows = || {
            per_level(
                &t,
                &Layout::default(),
                &org,
                p("2024-02"),
                &query(&["omrade"]),
            )
            .expect("rows")
        };
        let shown = level_layout().expect("layout");
        let labels = |t: &Table| -> Vec<String> {
            (0..t.len())
                .map(|r| t.column("omrade").expect("omrade").values.get(r).label())
                .collect()
        };
        let plain =
            niva::level_report(&levels, rows(), None, Some("Summa".into()), &shown).expect("table");
        assert_eq!(labels(&plain), ["A", "B", "Summa"]);
        let declaration = Table::new(vec![
            Column::new("rad", text(&["Bara A"])),
            Column::new("poster", text(&["A"])),
        ])
        .expect("declaration");
        let specs = rapport::rader::parse(&declaration).expect("specs");
        let declared =
            niva::level_report(&levels, rows(), Some(&specs), None, &shown).expect("table");
        assert_eq!(labels(&declared), ["Bara A"]);
        let ack = declared.column("Ack utfall").expect("column").values.get(0);
        assert_eq!(ack, Value::Decimal(Decimal::from(-15)));
        let two = ["omrade".to_string(), "basenhet".to_string()];
        let err =
            niva::level_report(&two, rows(), Some(&specs), None, &shown).expect_err("two levels");
        assert!(err.starts_with("`rader` fungerar med en nivå"), "{err}");
    }

    #[test]
    fn zero_base_mid_year_unit_and_excluded_posts() {
        let t = ledger(&[
            ("2023-02", "A1", "K", "utfall", 5, ""),
            ("2023-02", "A1", "K", "utfall", -5, ""),
            ("2024-02", "A1", "K", "utfall", -8, ""),
            // A2 starts in June: nothing in February, its own figures in June.
            ("2024-06", "A2", "K", "utfall", -4, ""),
            ("2024-06", "A2", "Engång", "utfall", -100, ""),
        ]);
        let o = org();
        let org = Organisation::new(&o).expect("org");
        let feb = per_level(
            &t,
            &Layout::default(),
            &org,
            p("2024-02"),
            &query(&["basenhet"]),
        )
        .expect("rows");
        // Last year summed to zero: no percentage, not a division error.
        assert_eq!(feb[0].figures.ack_utfall_fg, d(0));
        assert_eq!(development(&feb[0].figures), None);
        assert_eq!(feb.iter().filter(|r| r.label == "A2").count(), 0);
        let mut q = query(&["basenhet"]);
        q.exclude_posts = vec!["Engång".into()];
        let jun = per_level(&t, &Layout::default(), &org, p("2024-06"), &q).expect("rows");
        let a2 = jun.iter().find(|r| r.label == "A2").expect("A2 in June");
        assert_eq!(a2.figures.ack_utfall, d(-4));
        assert_eq!(a2.month.ack_utfall, d(-4));
        assert_eq!(a2.figures.ack_utfall_fg, None);
    }

    #[test]
    fn hierarchy_selection_and_unknown_units() {
        let t = ledger(&[
            ("2024-03", "A1", "K", "utfall", -1, ""),
            ("2024-03", "A2", "K", "utfall", -2, ""),
            ("2024-03", "B1", "K", "utfall", -4, ""),
        ]);
        let o = org();
        let org = Organisation::new(&o).expect("org");
        let mut q = query(&["namnd", "basenhet"]);
        q.selection = vec![("namnd".into(), "N1".into())];
        let rows = per_level(&t, &Layout::default(), &org, p("2024-03"), &q).expect("rows");
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["N1", "A1", "A2", niva::NET_COSTS]);
        assert_eq!(rows[0].kind, RowKind::Subtotal);
        // The sum counts the parent rows only, not the children twice.
        assert_eq!(rows[3].figures.ack_utfall, d(-3));
        // The same child name under two parents stays apart.
        let two = per_level(
            &t,
            &Layout::default(),
            &org,
            p("2024-03"),
            &query(&["namnd", "omrade"]),
        )
        .expect("rows");
        let labels: Vec<(&str, Option<Decimal>)> = two
            .iter()
            .map(|r| (r.label.as_str(), r.figures.ack_utfall))
            .collect();
        assert_eq!(
            labels,
            [
                ("N1", d(-3)),
                ("A", d(-3)),
                ("N2", d(-4)),
                ("B", d(-4)),
                (niva::NET_COSTS, d(-7))
            ]
        );
        let bad = ledger(&[("2024-03", "Okänd", "K", "utfall", -1, "")]);
        let err = per_level(
            &bad,
            &Layout::default(),
            &org,
            p("2024-03"),
            &query(&["omrade"]),
        )
        .expect_err("unknown unit");
        assert!(
            err.contains("`Okänd` finns inte i organisationstabellen"),
            "{err}"
        );
        let err = per_level(
            &t,
            &Layout::default(),
            &org,
            p("2024-03"),
            &query(&["nivå"]),
        )
        .expect_err("unknown level");
        assert!(err.contains("kolumnen `nivå` finns inte"), "{err}");
    }

    #[test]
    fn a_child_name_under_two_parents_stays_apart() {
        let o = Table::new(vec![
            Column::new("basenhet", text(&["X1", "X2"])),
            Column::new("omrade", text(&["Gemensamt", "Gemensamt"])),
            Column::new("namnd", text(&["N1", "N2"])),
        ])
        .expect("org");
        let org = Organisation::new(&o).expect("org");
        let t = ledger(&[
            ("2024-03", "X1", "K", "utfall", -1, ""),
            ("2024-03", "X2", "K", "utfall", -2, ""),
        ]);
        let rows = per_level(
            &t,
            &Layout::default(),
            &org,
            p("2024-03"),
            &query(&["namnd", "omrade"]),
        )
        .expect("rows");
        let got: Vec<(&str, Option<Decimal>)> = rows
            .iter()
            .map(|r| (r.label.as_str(), r.figures.ack_utfall))
            .collect();
        assert_eq!(
            got,
            [
                ("N1", d(-1)),
                ("Gemensamt", d(-1)),
                ("N2", d(-2)),
                ("Gemensamt", d(-2)),
                (niva::NET_COSTS, d(-3)),
            ]
        );
    }

    #[test]
    fn a_budget_revision_counts_from_the_month_it_was_decided() {
        let t = ledger(&[
            ("2024-01", "A1", "K", "budget", -100, ""),
            ("2024-11", "A1", "K", "budget", -20, "2024-09"),
        ]);
        let o = org();
        let org = Organisation::new(&o).expect("org");
        let at = |m: &str| {
            per_level(&t, &Layout::default(), &org, p(m), &query(&["omrade"])).expect("rows")[0]
                .figures
                .helar_budget
        };
        assert_eq!(at("2024-08"), d(-100));
        assert_eq!(at("2024-09"), d(-120));
    }

    #[test]
    fn region_result_adds_taxes_and_finance() {
        let t = ledger(&[
            ("2024-02", "A1", "K", "utfall", -90, ""),
            ("2024-02", "B1", "K", "utfall", -30, ""),
            ("2024-02", "Fin", "Skatteintäkter", "utfall", 100, ""),
            ("2024-02", "Fin", "Generella statsbidrag", "utfall", 15, ""),
            (
                "2024-02",
                "Fin",
                "Finansiella likvidströmmar",
                "utfall",
                -4,
                "",
            ),
        ]);
        let o = org();
        let org = Organisation::new(&o).expect("org");
        let rows = region_result(
            &t,
            &Layout::default(),
            &org,
            p("2024-02"),
            "namnd",
            &Financing::default(),
        )
        .expect("rows");
        let get = |label: &str| {
            rows.iter()
                .find(|r| r.label == label)
                .unwrap_or_else(|| panic!("{label}"))
                .figures
                .ack_utfall
        };
        assert_eq!(get("N1"), d(-90));
        assert_eq!(get(niva::NET_COSTS), d(-120));
        assert_eq!(get("Summa skatter och statsbidrag"), d(115));
        assert_eq!(get("Verksamhetens resultat"), d(-5));
        // No rows for värderegleringar: an empty line, not zero.
        assert_eq!(get("Finansiella värderegleringar"), None);
        assert_eq!(get("Summa finansnetto"), d(-4));
        assert_eq!(get("Resultat"), d(-9));
    }

    #[test]
    fn investments_margin_is_budget_minus_forecast() {
        let t = ledger(&[
            ("2024-01", "IT", "Inv", "utfall", 5, ""),
            ("2024-01", "IT", "Inv", "budget", 70, ""),
            ("2024-02", "IT", "Inv", "prognos", 42, ""),
            ("2024-01", "MT", "Inv", "utfall", 3, ""),
        ]);
        let table = investments(&t, &Layout::default(), p("2024-02")).expect("table");
        let margin = table.column("Prognosavvikelse").expect("column");
        assert_eq!(margin.values.decimal(0), d(28));
        // MT has neither budget nor forecast: empty, not zero.
        assert_eq!(margin.values.decimal(1), None);
        assert_eq!(
            table.column("Utfall ack").expect("c").values.decimal(2),
            d(8)
        );
        assert_eq!(table.kinds[2], RowKind::Total);
    }

    #[test]
    fn assignment_against_plan_with_zero_last_year() {
        let t = ledger(&[
            ("2024-02", "A1", "Resor", "utfall", -4530, ""),
            ("2023-02", "A1", "Resor", "utfall", -5414, ""),
            ("2024-02", "B1", "Resor", "utfall", -10, ""),
            ("2024-02", "A1", "Löner", "utfall", -99999, ""),
        ]);
        let o = org();
        let org = Organisation::new(&o).expect("org");
        let rows = against_plan(
            &t,
            &Layout::default(),
            &org,
            p("2024-02"),
            "Resor",
            "namnd",
            Decimal::new(15, 2),
        )
        .expect("rows");
        assert_eq!(rows[0].utfall, Decimal::from(4530));
        assert_eq!(rows[0].plan, Decimal::new(46019, 1));
        assert_eq!(rows[0].diff_plan(), Decimal::new(-719, 1));
        assert_eq!(rows[0].diff_fg(), Decimal::from(-884));
        // B1 had no travel last year: plan 0, all of it over plan.
        assert_eq!(rows[1].plan, Decimal::ZERO);
        assert_eq!(rows[1].diff_plan(), Decimal::from(10));
        assert_eq!(rows[2].utfall, Decimal::from(4540));
        let err = against_plan(
            &t,
            &Layout::default(),
            &org,
            p("2024-02"),
            "Resor",
            "namnd",
            Decimal::from(2),
        )
        .expect_err("bad share");
        assert!(err.contains("mellan 0 och 1"), "{err}");
    }

    #[test]
    fn short_mkr_keeps_one_decimal_under_one_mkr() {
        assert_eq!(mkr_short(Decimal::from(-365_000)).to_string(), "-0.4");
        assert_eq!(mkr_short(Decimal::from(468_000)).to_string(), "0.5");
        assert_eq!(mkr_short(Decimal::from(9_000)).to_string(), "0.0");
        assert_eq!(mkr_short(Decimal::from(-9_000)).to_string(), "0.0");
        assert_eq!(mkr_short(Decimal::ZERO).to_string(), "0");
        assert_eq!(mkr_short(Decimal::from(-103_600_000)).to_string(), "-104");
        assert_eq!(MKR_KORT_GRANS.to_string(), "0.95");
        // A threshold of 2 mkr keeps the decimal on 1,5 mkr.
        assert_eq!(
            mkr_short_below(Decimal::from(1_500_000), Decimal::from(2)).to_string(),
            "1.5"
        );
    }

    #[test]
    fn a_short_mkr_column_replaces_its_values_and_drops_the_format() {
        let mut amounts = Column::new(
            "Avvikelse",
            Values::Decimal(
                vec![
                    Some(Decimal::from(-365_000)),
                    Some(Decimal::from(-103_600_000)),
                    None,
                ]
                .into(),
            ),
        );
        amounts.format = Some(Format::mkr(0));
        let t =
            Table::new(vec![Column::new("Enhet", text(&["A", "B", "C"])), amounts]).expect("table");
        let short = mkr_short_column(&t, "Avvikelse", MKR_KORT_GRANS).expect("column");
        let c = short.column("Avvikelse").expect("column");
        assert_eq!(c.format, None);
        let shown: Vec<String> = (0..3).map(|r| c.values.get(r).label()).collect();
        assert_eq!(shown, ["−0,4", "−104", ""]);
        assert_eq!(short.names(), ["Enhet", "Avvikelse"]);
        let err = mkr_short_column(&t, "Enhet", MKR_KORT_GRANS).expect_err("text");
        assert_eq!(err, "kolumnen `Enhet` ska innehålla tal");
    }
}
