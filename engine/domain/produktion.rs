//! Production: the production summary (sammanställning produktion) per measure with "varav"
//! rows, year-to-date sums for prose, values per year and month, and rolling twelve months.
//!
//! # Data
//!
//! The long layout (see the module docs of [`crate::domain`]) with `post` = the measure
//! (`Läkarbesök`, `Operationer totalt` …), `typ` = `utfall`, `budget` or `prognos`, and
//! `varde` = a count (budgets may carry decimals, as when a yearly budget is spread over
//! months). An optional column (default `varav`) names the part of the measure a row belongs
//! to (`somatisk vård`, `dagkirurgi`); rows with an empty cell count only in the measure's
//! total. A measure that is a share (beläggning) is the ratio of two count posts.
//!
//! # The summary's rules
//!
//! - Measures come in the order they first appear in the data; parts below their measure in
//!   the order they first appear.
//! - A missing value (no forecast, budget or previous-year rows) is an empty cell, and so is a
//!   percentage of a missing value or on a zero base ([`crate::domain::procent`]'s rule).
//! - The printed report's conventions are explicit options: [`Missing::ForecastZero`]
//!   (`saknas: "prognos_noll"`, the own-operations table): a measure without a forecast shows
//!   0 and −100,0 % against its budget, and a percentage on a zero base is 0,0 %;
//!   [`Missing::Zero`] (`saknas: "noll"`, the private care tables): every missing value is 0.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::column::text_column;
use super::long::{Figures, Kind, Layout, overflow};
use super::procent::share;
use crate::number::percent_change;
use crate::period::Period;
use crate::table::{Column, Format, RowKind, Table, TableResult, Values};

/// The summary's value columns in the order the regions' printed production appendix
/// shows them; the default of `produktion`'s option `visa`, which chooses others by name.
pub const SUMMARY_COLUMNS: [&str; 9] = [
    "Ack utf inn år",
    "Ack bud inn år",
    "Ack avv bud %",
    "Ack utf fg år",
    "Ack avv fg år %",
    "Helår prognos",
    "Helår budget",
    "Avv bud mot prog %",
    "Bokslut utf fg år",
];

/// How a missing value (forecast, budget, previous year) is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// An empty cell, and no percentage of it or on a zero base.
    Empty,
    /// A missing forecast is 0 and a percentage on a zero base 0,0 %; a missing budget or
    /// previous year stays empty (the printed own-operations table).
    ForecastZero,
    /// Every missing value is 0, and 0,0 % on a zero base (the printed private care tables).
    Zero,
}

/// A measure that is the ratio of two posts, in percent (beläggning = belagda / disponibla).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ratio {
    pub name: String,
    pub numerator: String,
    pub denominator: String,
}

/// The summary's options.
#[derive(Debug, Clone)]
pub struct Options {
    /// The column naming a row's part of its measure; `None` when the table has none.
    pub varav: Option<String>,
    pub missing: Missing,
    pub ratios: Vec<Ratio>,
}

/// One line of the summary: a measure or one of its parts.
struct Line {
    label: String,
    kind: RowKind,
    figures: Figures,
}

fn ratio_of(n: &Figures, d: &Figures) -> Figures {
    let r = |a: Option<Decimal>, b: Option<Decimal>| share(a?, b?);
    Figures {
        ack_utfall: r(n.ack_utfall, d.ack_utfall),
        ack_budget: r(n.ack_budget, d.ack_budget),
        ack_utfall_fg: r(n.ack_utfall_fg, d.ack_utfall_fg),
        helar_prognos: r(n.helar_prognos, d.helar_prognos),
        helar_budget: r(n.helar_budget, d.helar_budget),
        bokslut_fg: r(n.bokslut_fg, d.bokslut_fg),
    }
}

/// The production summary at `period`.
pub fn summary(t: &Table, layout: &Layout, period: Period, opts: &Options) -> TableResult<Table> {
    let rows = layout.rows(t)?;
    let varav: Option<&crate::table::Dictionary> = match &opts.varav {
        None => None,
        Some(name) => match &*t.column(name)?.values {
            Values::Text(v) => Some(v),
            other => {
                return Err(format!(
                    "kolumnen `{name}` ska innehålla text (delen av måttet), men innehåller {}",
                    other.type_name()
                ));
            }
        },
    };
    let part = |r: usize| -> Option<&str> {
        varav
            .and_then(|v| v.str(r))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let posts = rows.compare(period, |r| rows.post.str(r))?;
    // Parts keyed by post, then part name, in order of first appearance.
    let parts = rows.compare(period, |r| {
        let post = rows.post.str(r)?;
        part(r).map(|p| (post, p))
    })?;
    let mut parts_of: HashMap<&str, Vec<(&str, Figures)>> = HashMap::new();
    for &((post, p), f) in &parts {
        parts_of.entry(post).or_default().push((p, f));
    }
    let by_name: HashMap<&str, &Figures> = posts.iter().map(|(k, f)| (*k, f)).collect();
    let denominators: Vec<&str> = opts.ratios.iter().map(|r| r.denominator.as_str()).collect();
    let mut lines: Vec<Line> = Vec::new();
    for &(post, ref figures) in &posts {
        if denominators.contains(&post) {
            continue;
        }
        if let Some(ratio) = opts.ratios.iter().find(|r| r.numerator == post) {
            let Some(den) = by_name.get(ratio.denominator.as_str()) else {
                return Err(format!(
                    "kvoten `{}` behöver posten `{}`, men den finns inte i tabellen för perioden",
                    ratio.name, ratio.denominator
                ));
            };
            lines.push(Line {
                label: ratio.name.clone(),
                kind: RowKind::Data,
                figures: ratio_of(figures, den),
            });
            continue;
        }
        lines.push(Line {
            label: post.to_string(),
            kind: RowKind::Data,
            figures: *figures,
        });
        for (p, f) in parts_of.get(post).into_iter().flatten() {
            lines.push(Line {
                label: (*p).to_string(),
                kind: RowKind::Varav,
                figures: *f,
            });
        }
    }
    build_table(&lines, opts.missing)
}

/// The percent change from `base` to `value`: `None` for a missing value or a zero base, or
/// 0 on a zero base with [`Missing::Zero`] (the printed convention).
fn pct(value: Option<Decimal>, base: Option<Decimal>, missing: Missing) -> Option<Decimal> {
    let (value, base) = (value?, base?);
    match (percent_change(base, value), missing) {
        (None, Missing::Zero | Missing::ForecastZero) if base.is_zero() => Some(Decimal::ZERO),
        (p, _) => p,
    }
}

/// The figures as shown: what is missing becomes empty or zero.
fn shown(f: &Figures, missing: Missing) -> [Option<Decimal>; 9] {
    let fill = |v: Option<Decimal>| match (v, missing) {
        (None, Missing::Zero) => Some(Decimal::ZERO),
        (v, _) => v,
    };
    let has_budget = f.ack_budget.is_some() || f.helar_budget.is_some();
    // A budget for the year with nothing yet this year is a budget of 0 so far.
    let budget = |v: Option<Decimal>| {
        if has_budget {
            Some(v.unwrap_or_default())
        } else {
            fill(None)
        }
    };
    let utfall = fill(f.ack_utfall);
    let ack_budget = budget(f.ack_budget);
    let helar_budget = budget(f.helar_budget);
    let fg = fill(f.ack_utfall_fg);
    let prognos = match missing {
        Missing::ForecastZero => Some(f.helar_prognos.unwrap_or_default()),
        _ => fill(f.helar_prognos),
    };
    [
        utfall,
        ack_budget,
        pct(utfall, ack_budget, missing),
        fg,
        pct(utfall, fg, missing),
        prognos,
        helar_budget,
        pct(prognos, helar_budget, missing),
        fill(f.bokslut_fg),
    ]
}

fn build_table(lines: &[Line], missing: Missing) -> TableResult<Table> {
    let cells: Vec<[Option<Decimal>; 9]> =
        lines.iter().map(|l| shown(&l.figures, missing)).collect();
    let mut columns = vec![text_column("Mått", lines.iter().map(|l| l.label.clone()))];
    let int = Format::int();
    let pct = Format::pct(1);
    for (i, name) in SUMMARY_COLUMNS.iter().enumerate() {
        let mut c = Column::new(
            *name,
            Values::Decimal(cells.iter().map(|row| row[i]).collect()),
        );
        c.format = Some(if name.ends_with('%') { pct } else { int });
        columns.push(c);
    }
    let mut table = Table::new(columns)?;
    table.kinds = Arc::new(lines.iter().map(|l| l.kind).collect());
    table.varav_column = Some("Mått".to_string());
    Ok(table)
}

/// The summary with the value columns `names` (headers of [`SUMMARY_COLUMNS`], in any
/// case) in the order given, after `Mått`; an unknown name is an error listing the headers.
pub fn choose_columns(summary: &Table, names: &[String]) -> TableResult<Table> {
    if names.is_empty() {
        return Err("`visa` ska nämna minst en kolumn, t.ex. [\"Ack utf inn år\"]".into());
    }
    let mut chosen = vec!["Mått".to_string()];
    for name in names {
        let wanted = name.trim().to_lowercase();
        let Some(header) = SUMMARY_COLUMNS.iter().find(|h| h.to_lowercase() == wanted) else {
            let known: Vec<String> = SUMMARY_COLUMNS.iter().map(|h| format!("\"{h}\"")).collect();
            return Err(format!(
                "`visa` har \"{name}\", som inte är en kolumn i produktionstabellen; \
                 kolumnerna är {}",
                known.join(", ")
            ));
        };
        chosen.push(header.to_string());
    }
    summary.select(&chosen)
}

/// Change against last year per measure: the summary's outcome columns under the years'
/// names (`Ack 2023`, `Ack 2022`, `Förändring %`), with the same rows, parts and ratios.
pub fn change(t: &Table, layout: &Layout, period: Period, opts: &Options) -> TableResult<Table> {
    let full = summary(t, layout, period, opts)?;
    let mut columns = Vec::with_capacity(4);
    for (from, to) in [
        ("Mått", "Mått".to_string()),
        (SUMMARY_COLUMNS[0], format!("Ack {}", period.year)),
        (SUMMARY_COLUMNS[3], format!("Ack {}", period.year - 1)),
        (SUMMARY_COLUMNS[4], "Förändring %".to_string()),
    ] {
        let mut c = full.column(from)?.clone();
        c.name = to;
        columns.push(c);
    }
    Ok(Table { columns, ..full })
}

/// Year-to-date sums of some posts at `period`: (utfall, utfall fg år, budget), each `None`
/// when no row contributed.
pub fn year_to_date(
    t: &Table,
    layout: &Layout,
    period: Period,
    posts: &[String],
) -> TableResult<Figures> {
    let rows = layout.rows(t)?;
    let groups = rows.compare(period, |r| {
        let post = rows.post.str(r)?;
        posts.iter().any(|p| p == post).then_some(())
    })?;
    Ok(groups
        .into_iter()
        .next()
        .map(|(_, f)| f)
        .unwrap_or_default())
}

/// Monthly outcome sums of some posts, by month.
fn monthly(t: &Table, layout: &Layout, posts: &[String]) -> TableResult<HashMap<Period, Decimal>> {
    let rows = layout.rows(t)?;
    let mut sums: HashMap<Period, Decimal> = HashMap::new();
    for r in 0..rows.len() {
        if rows.typ[r] != Some(Kind::Utfall) {
            continue;
        }
        let (Some(p), Some(post), Some(v)) =
            (rows.period.get(r), rows.post.str(r), rows.varde.decimal(r))
        else {
            continue;
        };
        if posts.iter().any(|x| x == post) {
            let sum = sums.entry(p).or_default();
            *sum = sum.checked_add(v).ok_or_else(|| overflow(r, v))?;
        }
    }
    Ok(sums)
}

/// Outcome per month (rows jan–dec) and year (one column per year, the last `years` years up
/// to `period`'s); months after `period` and months without data are empty.
pub fn per_year_and_month(
    t: &Table,
    layout: &Layout,
    period: Period,
    posts: &[String],
    years: u32,
) -> TableResult<Table> {
    let sums = monthly(t, layout, posts)?;
    let mut columns = vec![text_column(
        "Månad",
        (1..=12u8)
            .filter_map(|m| Period::new(period.year, m))
            .map(|p| p.month_name().to_string()),
    )];
    let int = Format::int();
    for back in (0..years as i32).rev() {
        let year = period.year - back;
        let values = (1..=12u8)
            .map(|m| {
                let p = Period::new(year, m)?;
                if p > period {
                    return None;
                }
                sums.get(&p).copied()
            })
            .collect();
        let mut c = Column::new(year.to_string(), Values::Decimal(values));
        c.format = Some(int);
        columns.push(c);
    }
    Table::new(columns)
}

/// Rolling twelve-month sums for the `months` months up to `period`; a month whose twelve
/// months are not all in the data is empty.
pub fn rolling_twelve(
    t: &Table,
    layout: &Layout,
    period: Period,
    posts: &[String],
    months: u32,
) -> TableResult<Table> {
    let sums = monthly(t, layout, posts)?;
    let mut periods = Vec::new();
    let mut values = Vec::new();
    for back in (0..i64::from(months)).rev() {
        let end = period.add_months(-back);
        let mut window = Some(Decimal::ZERO);
        for k in 0..12 {
            window = match (window, sums.get(&end.add_months(-k))) {
                (Some(w), Some(v)) => Some(w.checked_add(*v).ok_or_else(|| {
                    format!(
                        "summan för de tolv månaderna till {end} blir för stor för ett tal; \
                         kontrollera värdena i tabellen"
                    )
                })?),
                _ => None,
            };
        }
        periods.push(Some(end));
        values.push(window);
    }
    let mut r12 = Column::new("R12", Values::Decimal(values.into()));
    r12.format = Some(Format::int());
    Table::new(vec![
        Column::new("Period", Values::Period(periods.into())),
        r12,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    type Row<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

    /// period, post, varav, typ, value (decimal text).
    fn data(rows: &[Row]) -> Table {
        let text = |i: usize| {
            Values::Text(
                rows.iter()
                    .map(|r| {
                        let s = [r.1, r.2, r.3][i];
                        (!s.is_empty()).then(|| Arc::from(s))
                    })
                    .collect(),
            )
        };
        Table::new(vec![
            Column::new(
                "period",
                Values::Period(rows.iter().map(|r| Period::parse(r.0)).collect()),
            ),
            Column::new(
                "enhet",
                Values::Text(rows.iter().map(|_| Some(Arc::from("E"))).collect()),
            ),
            Column::new("post", text(0)),
            Column::new("varav", text(1)),
            Column::new("typ", text(2)),
            Column::new(
                "varde",
                Values::Decimal(rows.iter().map(|r| r.4.parse().ok()).collect()),
            ),
        ])
        .expect("table")
    }

    fn opts(missing: Missing) -> Options {
        Options {
            varav: Some("varav".into()),
            missing,
            ratios: vec![Ratio {
                name: "Beläggning".into(),
                numerator: "Belagda".into(),
                denominator: "Disponibla".into(),
            }],
        }
    }

    fn cells(t: &Table) -> Vec<Vec<String>> {
        (0..t.len())
            .map(|r| {
                t.columns
                    .iter()
                    .map(|c| match (c.values.get(r), c.format) {
                        (crate::table::Value::Decimal(d), Some(f)) => f.number(d),
                        (crate::table::Value::Null, _) => "\u{2013}".to_string(),
                        (v, _) => v.label(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn measures_with_parts_budget_forecast_and_last_year() {
        let t = data(&[
            ("2023-01", "Läkarbesök", "somatisk vård", "utfall", "100"),
            ("2023-02", "Läkarbesök", "somatisk vård", "utfall", "110"),
            ("2023-03", "Läkarbesök", "somatisk vård", "utfall", "999"),
            ("2023-01", "Läkarbesök", "psykiatrisk vård", "utfall", "40"),
            ("2023-01", "Läkarbesök", "somatisk vård", "budget", "99.6"),
            ("2023-02", "Läkarbesök", "somatisk vård", "budget", "100"),
            ("2023-12", "Läkarbesök", "somatisk vård", "budget", "1000"),
            ("2023-01", "Läkarbesök", "psykiatrisk vård", "budget", "50"),
            ("2022-02", "Läkarbesök", "somatisk vård", "utfall", "200"),
            ("2022-09", "Läkarbesök", "somatisk vård", "utfall", "300"),
            ("2023-02", "Läkarbesök", "somatisk vård", "prognos", "1300"),
        ]);
        let got =
            summary(&t, &Layout::default(), p("2023-02"), &opts(Missing::Empty)).expect("summary");
        assert_eq!(*got.kinds, [RowKind::Data, RowKind::Varav, RowKind::Varav]);
        let c = cells(&got);
        // 250 against 249,6: +0,2 %; against 200 last year: +25 %; forecast 1 300 against
        // budget 1 249,6: +4,0 %.
        assert_eq!(
            c[0],
            [
                "Läkarbesök",
                "250",
                "250",
                "0,2\u{a0}%",
                "200",
                "25,0\u{a0}%",
                "1\u{a0}300",
                "1\u{a0}250",
                "4,0\u{a0}%",
                "500"
            ]
        );
        // The part without last year or a forecast: empty cells, and no percentage of them.
        assert_eq!(
            c[2],
            [
                "psykiatrisk vård",
                "40",
                "50",
                "\u{2212}20,0\u{a0}%",
                "\u{2013}",
                "\u{2013}",
                "\u{2013}",
                "50",
                "\u{2013}",
                "\u{2013}"
            ]
        );
        // The printed convention, asked for: forecast 0 and −100,0 % against the budget.
        let printed =
            summary(&t, &Layout::default(), p("2023-02"), &opts(Missing::Zero)).expect("summary");
        assert_eq!(
            cells(&printed)[2][4..9],
            ["0", "0,0\u{a0}%", "0", "50", "\u{2212}100,0\u{a0}%"]
        );
        // The own-operations table: forecast 0, but no previous year stays empty.
        let own = summary(
            &t,
            &Layout::default(),
            p("2023-02"),
            &opts(Missing::ForecastZero),
        )
        .expect("summary");
        assert_eq!(
            cells(&own)[2][4..9],
            ["\u{2013}", "\u{2013}", "0", "50", "\u{2212}100,0\u{a0}%"]
        );
    }

    #[test]
    fn no_budget_is_empty_or_zero_and_zero_bases_show_zero_percent_only_when_asked() {
        let t = data(&[
            ("2023-02", "Vaccinationer", "", "utfall", "182"),
            ("2022-02", "Vaccinationer", "", "utfall", "0"),
        ]);
        let empty = cells(
            &summary(&t, &Layout::default(), p("2023-02"), &opts(Missing::Empty)).expect("s"),
        );
        assert_eq!(
            empty[0],
            [
                "Vaccinationer",
                "182",
                "\u{2013}",
                "\u{2013}",
                "0",
                // Growth on a zero base: no percentage (domain/procent.rs's rule).
                "\u{2013}",
                "\u{2013}",
                "\u{2013}",
                "\u{2013}",
                "0"
            ]
        );
        let zero =
            cells(&summary(&t, &Layout::default(), p("2023-02"), &opts(Missing::Zero)).expect("s"));
        assert_eq!(
            zero[0],
            [
                "Vaccinationer",
                "182",
                "0",
                "0,0\u{a0}%",
                "0",
                "0,0\u{a0}%",
                "0",
                "0",
                "0,0\u{a0}%",
                "0"
            ]
        );
    }

    #[test]
    fn visa_chooses_value_columns_by_header_in_its_order() {
        let t = data(&[
            ("2023-01", "Operationer", "", "utfall", "10"),
            ("2022-01", "Operationer", "", "utfall", "8"),
        ]);
        let full = summary(&t, &Layout::default(), p("2023-01"), &opts(Missing::Empty)).expect("s");
        let names = ["ack utf fg år".to_string(), "Ack utf inn år".to_string()];
        let chosen = choose_columns(&full, &names).expect("chosen");
        assert_eq!(chosen.names(), ["Mått", "Ack utf fg år", "Ack utf inn år"]);
        assert_eq!(chosen.kinds, full.kinds);
        assert_eq!(chosen.varav_column.as_deref(), Some("Mått"));
        let err = choose_columns(&full, &["Ack utfall".to_string()]).expect_err("unknown");
        assert!(
            err.contains("\"Ack utfall\"") && err.contains("\"Bokslut utf fg år\""),
            "{err}"
        );
        assert!(choose_columns(&full, &[]).is_err());
    }

    #[test]
    fn a_month_without_budget_counts_zero_when_the_year_has_one() {
        let t = data(&[
            ("2023-01", "Operationer", "", "utfall", "10"),
            ("2023-06", "Operationer", "", "budget", "120"),
        ]);
        let c = cells(
            &summary(&t, &Layout::default(), p("2023-01"), &opts(Missing::Empty)).expect("s"),
        );
        assert_eq!(c[0][2], "0");
        // 10 against a budget of 0 so far: no percentage on a zero base.
        assert_eq!(c[0][3], "\u{2013}");
        assert_eq!(c[0][7], "120");
    }

    #[test]
    fn negative_rows_adjust_the_total_and_negative_budgets_keep_their_sign() {
        let t = data(&[
            ("2023-02", "Operationer", "dagkirurgi", "prognos", "500"),
            // A central forecast adjustment without a part: in the total only.
            ("2023-02", "Operationer", "", "prognos", "-208"),
            ("2023-01", "Operationer", "dagkirurgi", "utfall", "40"),
            ("2023-01", "Operationer", "dagkirurgi", "budget", "50"),
            // A cost measure: outcome −110 against a budget of −100 is 10 % more cost.
            ("2023-01", "Kostnad", "", "utfall", "-110"),
            ("2023-01", "Kostnad", "", "budget", "-100"),
        ]);
        let got = summary(&t, &Layout::default(), p("2023-02"), &opts(Missing::Empty)).expect("s");
        let c = cells(&got);
        assert_eq!(c[0][6], "292");
        assert_eq!(c[1][0], "dagkirurgi");
        assert_eq!(c[1][6], "500");
        assert_eq!(
            c[2][..4],
            [
                "Kostnad",
                "\u{2212}110",
                "\u{2212}100",
                "\u{2212}10,0\u{a0}%"
            ]
        );
    }

    #[test]
    fn change_against_last_year_per_measure() {
        let t = data(&[
            ("2023-01", "Vårdtillfällen", "", "utfall", "1054"),
            ("2022-01", "Vårdtillfällen", "", "utfall", "1000"),
            ("2023-01", "Ny mottagning", "", "utfall", "5"),
        ]);
        let got = change(&t, &Layout::default(), p("2023-01"), &opts(Missing::Empty)).expect("c");
        assert_eq!(
            got.names(),
            ["Mått", "Ack 2023", "Ack 2022", "Förändring %"]
        );
        let c = cells(&got);
        assert_eq!(
            c[0],
            ["Vårdtillfällen", "1\u{a0}054", "1\u{a0}000", "5,4\u{a0}%"]
        );
        // A measure without last year: no change to show.
        assert_eq!(c[1], ["Ny mottagning", "5", "\u{2013}", "\u{2013}"]);
    }

    #[test]
    fn a_ratio_measure_is_not_summed() {
        let t = data(&[
            ("2023-01", "Belagda", "", "utfall", "962"),
            ("2023-01", "Disponibla", "", "utfall", "1000"),
            ("2023-02", "Belagda", "", "utfall", "480"),
            ("2023-02", "Disponibla", "", "utfall", "500"),
            ("2022-01", "Belagda", "", "utfall", "900"),
            ("2022-01", "Disponibla", "", "utfall", "1000"),
        ]);
        let got = summary(&t, &Layout::default(), p("2023-02"), &opts(Missing::Empty)).expect("s");
        assert_eq!(got.len(), 1);
        let c = cells(&got);
        // (962 + 480) / 1 500 = 96,13 %; last year 90 %: +6,8 %.
        assert_eq!(
            c[0][..6],
            [
                "Beläggning",
                "96",
                "\u{2013}",
                "\u{2013}",
                "90",
                "6,8\u{a0}%"
            ]
        );
        let v = got
            .column("Ack utf inn år")
            .expect("col")
            .values
            .decimal(0)
            .expect("v");
        assert_eq!(v.round_dp(2), "96.13".parse::<Decimal>().expect("d"));
    }

    #[test]
    fn a_unit_appearing_mid_year_and_sums_for_prose() {
        let t = data(&[
            ("2023-05", "Läkarbesök", "", "utfall", "30"),
            ("2023-06", "Läkarbesök", "", "utfall", "20"),
            ("2023-06", "Distans", "", "utfall", "5"),
            ("2022-06", "Distans", "", "utfall", "10"),
        ]);
        let f = year_to_date(
            &t,
            &Layout::default(),
            p("2023-06"),
            &["Läkarbesök".into(), "Distans".into()],
        )
        .expect("ytd");
        assert_eq!(f.ack_utfall, Some(Decimal::from(55)));
        assert_eq!(f.ack_utfall_fg, Some(Decimal::from(10)));
        assert_eq!(f.ack_budget, None);
        let none = year_to_date(&t, &Layout::default(), p("2023-04"), &["Läkarbesök".into()])
            .expect("ytd");
        assert_eq!(none.ack_utfall, None);
    }

    #[test]
    fn per_year_and_month_and_rolling_twelve() {
        let mut rows = Vec::new();
        let months: Vec<String> = (1..=12).map(|m| format!("2022-{m:02}")).collect();
        for m in &months {
            rows.push((m.as_str(), "Besök", "", "utfall", "10"));
        }
        rows.push(("2023-01", "Besök", "", "utfall", "22"));
        rows.push(("2023-02", "Besök", "", "utfall", "34"));
        rows.push(("2023-02", "Annat", "", "utfall", "1000"));
        let t = data(&rows);
        let posts = ["Besök".to_string()];
        let y = per_year_and_month(&t, &Layout::default(), p("2023-02"), &posts, 2).expect("y");
        assert_eq!(y.names(), ["Månad", "2022", "2023"]);
        let c = cells(&y);
        assert_eq!(c[0], ["januari", "10", "22"]);
        assert_eq!(c[1], ["februari", "10", "34"]);
        assert_eq!(c[2], ["mars", "10", "\u{2013}"]);
        let r = rolling_twelve(&t, &Layout::default(), p("2023-02"), &posts, 3).expect("r");
        let c = cells(&r);
        // Dec 2022: 12 × 10; Jan 2023: 11 × 10 + 22; Feb: 10 × 10 + 22 + 34.
        assert_eq!(
            c.iter().map(|r| r[1].as_str()).collect::<Vec<_>>(),
            ["120", "132", "156"]
        );
        // November 2022's window reaches back into 2021, which the data lacks.
        let r = rolling_twelve(&t, &Layout::default(), p("2022-11"), &posts, 1).expect("r");
        assert_eq!(cells(&r)[0][1], "\u{2013}");
    }

    #[test]
    fn monthly_sums_too_large_for_a_decimal_are_errors() {
        let max = Decimal::MAX.to_string();
        let half = (Decimal::MAX / Decimal::TWO).to_string();
        let posts = ["Besök".to_string()];
        // Two rows of the same month overflow the month's sum.
        let t = data(&[
            ("2023-01", "Besök", "", "utfall", max.as_str()),
            ("2023-01", "Besök", "", "utfall", max.as_str()),
        ]);
        let err = per_year_and_month(&t, &Layout::default(), p("2023-01"), &posts, 1)
            .expect_err("overflow");
        assert!(err.contains("rad 2") && err.contains("för stor"), "{err}");
        // Twelve months that each fit overflow the rolling sum.
        let months: Vec<String> = (1..=12).map(|m| format!("2022-{m:02}")).collect();
        let rows: Vec<Row> = months
            .iter()
            .map(|m| (m.as_str(), "Besök", "", "utfall", half.as_str()))
            .collect();
        let err = rolling_twelve(&data(&rows), &Layout::default(), p("2022-12"), &posts, 1)
            .expect_err("overflow");
        assert!(err.contains("2022-12") && err.contains("för stor"), "{err}");
    }
}
