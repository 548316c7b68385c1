//! The indicator and activity tables as the reports print them: each indicator's goal,
//! outcome, status and trend, and each activity's label, schedule, owner and status.

use rust_decimal::Decimal;

use super::{Direction, Goal, Outcome, Status, Tolerance, Trend, activity_status, judge};
use crate::domain::column::text_column;
use crate::number::{format_decimal, round_half_away};
use crate::table::{Table, TableResult, Value};

/// A value the book computed for an indicator, in place of the table's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Given {
    /// Nothing (`()` in a script): the cell is left empty.
    Missing,
    /// A number, shown rounded in the unit the goal is written in.
    Number(Decimal),
    /// Text, shown as written.
    Text(String),
}

/// An indicator's computed outcome and last year's figure; `None` keeps the table's own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Computed {
    pub utfall: Option<Given>,
    pub fg: Option<Given>,
}

/// How the indicator table is built: values computed in the book, the decimals they are
/// shown with, and how generous "delvis" is.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorOptions {
    /// Indicator name → its computed values; every name must be an indicator of the table.
    pub values: Vec<(String, Computed)>,
    /// Decimals of computed numbers.
    pub decimals: u32,
    pub tolerance: Tolerance,
}

impl Default for IndicatorOptions {
    fn default() -> IndicatorOptions {
        IndicatorOptions {
            values: Vec::new(),
            decimals: 1,
            tolerance: Tolerance::default(),
        }
    }
}

/// A cell as text (numbers in Swedish form), empty for a missing column or cell.
fn cell(t: &Table, column: &str, row: usize) -> String {
    match t.column(column) {
        Ok(c) => match c.values.get(row) {
            Value::Null => String::new(),
            v => v.label(),
        },
        Err(_) => String::new(),
    }
}

/// The unit a goal is written in, to show a computed number the same way.
fn unit_of(goal: &str) -> &'static str {
    let g = goal.trim().to_lowercase();
    if g.ends_with('%') {
        " %"
    } else if g.ends_with("mnkr") || g.ends_with("mkr") {
        " mnkr"
    } else if g.ends_with("min") {
        " min"
    } else {
        ""
    }
}

/// A computed value as outcome text: numbers rounded to `decimals` in the goal's unit.
fn given_text(given: &Given, goal: &str, decimals: u32) -> String {
    match given {
        Given::Missing => String::new(),
        Given::Number(d) => {
            let shown = format_decimal(round_half_away(*d, decimals), Some(decimals));
            format!("{shown}{}", unit_of(goal))
        }
        Given::Text(s) => s.clone(),
    }
}

/// Typography for goals and outcomes as written: a hyphen used as a minus sign becomes U+2212
/// and one between two numbers (a range) an en dash.
fn typeset(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let digit_after = after.is_some_and(|a| a.is_ascii_digit());
        if c == '-' && digit_after && before.is_some_and(|b| b.is_ascii_digit()) {
            out.push('–');
        } else if c == '-' && digit_after && before.is_none_or(|b| matches!(b, ' ' | '(' | '/')) {
            out.push('\u{2212}');
        } else {
            out.push(c);
        }
    }
    out
}

/// The indicator table: Indikator, Mål, Utfall, Status and Trend. `t` has the column
/// `indikator` and may have `mal`, `riktning`, `utfall`, `fg`, `status` and `trend`; a
/// status or trend not given is judged from the goal and the outcomes (see the module docs).
pub fn indicator_table(t: &Table, options: &IndicatorOptions) -> TableResult<Table> {
    t.column("indikator")?;
    let mut used = vec![false; options.values.len()];
    let (mut names, mut goals, mut outcomes, mut statuses, mut trends) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in 0..t.len() {
        let name = cell(t, "indikator", r);
        let goal_text = cell(t, "mal", r);
        let mut outcome_text = cell(t, "utfall", r);
        let mut fg_text = cell(t, "fg", r);
        if let Some(i) = options.values.iter().position(|(k, _)| *k == name) {
            used[i] = true;
            let computed = &options.values[i].1;
            if let Some(v) = &computed.utfall {
                outcome_text = given_text(v, &goal_text, options.decimals);
            }
            if let Some(v) = &computed.fg {
                fg_text = given_text(v, &goal_text, options.decimals);
            }
        }
        let row_error = |e: String| format!("indikatorn `{name}` (rad {}): {e}", r + 1);
        let direction = Direction::parse(&cell(t, "riktning", r)).map_err(row_error)?;
        let goal = Goal::parse(&goal_text);
        let mut outcome = Outcome::parse(&outcome_text);
        if outcome.last_year.is_none() && !fg_text.is_empty() {
            outcome.last_year = Outcome::parse(&fg_text).values.first().copied();
        }
        let status = match Status::parse(&cell(t, "status", r)).map_err(row_error)? {
            Some(s) => s,
            None => judge(&goal, &outcome, direction, &options.tolerance),
        };
        let trend_direction = direction.or(match goal {
            Goal::AgainstLastYear(d) => Some(d),
            _ => None,
        });
        let trend = match Trend::parse(&cell(t, "trend", r)).map_err(row_error)? {
            Some(tr) => Some(tr),
            None => match (outcome.values.first(), outcome.last_year, trend_direction) {
                (Some(v), Some(fg), Some(d)) if !outcome.is_change => {
                    Some(Trend::from_change(*v, fg, d))
                }
                _ => None,
            },
        };
        names.push(name);
        goals.push(typeset(&goal_text));
        outcomes.push(typeset(&outcome_text));
        statuses.push(status.shown().to_string());
        trends.push(trend.map_or_else(String::new, |tr| tr.shown().to_string()));
    }
    if let Some(i) = used.iter().position(|u| !u) {
        return Err(format!(
            "`varden` har indikatorn `{}`, som inte finns i tabellen",
            options.values[i].0
        ));
    }
    Table::new(vec![
        text_column("Indikator", names),
        text_column("Mål", goals),
        text_column("Utfall", outcomes),
        text_column("Status", statuses),
        text_column("Trend", trends),
    ])
}

/// The status of one outcome against a goal written as in the report (`"85-90 %"`,
/// `"Lägre än fg år"`), with the default tolerance; a number outcome keeps six decimals.
pub fn status_of(goal: &str, outcome: &Given, direction: Option<Direction>) -> Status {
    let text = given_text(outcome, goal, 6);
    judge(
        &Goal::parse(goal),
        &Outcome::parse(&text),
        direction,
        &Tolerance::default(),
    )
}

/// The activity table: Aktivitet, Tidplan, Målvärde (when some activity has one), Ansvarig,
/// Status and Kommentar. `t` has the column `aktivitet` and may have `id`, `huvudaktivitet`,
/// `tidplan`, `malvarde`, `ansvarig`, `status` and `kommentar`.
pub fn activity_table(t: &Table) -> TableResult<Table> {
    t.column("aktivitet")?;
    let mut columns: [Vec<String>; 6] = Default::default();
    for r in 0..t.len() {
        let id = cell(t, "id", r);
        let text = cell(t, "aktivitet", r);
        let label = if !cell(t, "huvudaktivitet", r).is_empty() {
            format!("– {text}")
        } else if id.is_empty() {
            text
        } else {
            format!("{}. {text}", id.trim_end_matches('.'))
        };
        columns[0].push(label);
        columns[1].push(cell(t, "tidplan", r));
        columns[2].push(cell(t, "ansvarig", r));
        columns[3].push(activity_status(&cell(t, "status", r)));
        columns[4].push(cell(t, "kommentar", r));
        columns[5].push(cell(t, "malvarde", r));
    }
    let [a, b, c, d, e, f] = columns;
    // Målvärde only when some activity has one; Ansvarig always, except in a table of
    // target values where no activity names anyone (an action plan such as "Innersta boxen").
    let has_target = f.iter().any(|v| !v.is_empty());
    let has_owner = c.iter().any(|v| !v.is_empty());
    let mut out = vec![text_column("Aktivitet", a), text_column("Tidplan", b)];
    if has_target {
        out.push(text_column("Målvärde", f));
    }
    if has_owner || !has_target {
        out.push(text_column("Ansvarig", c));
    }
    out.extend([text_column("Status", d), text_column("Kommentar", e)]);
    Table::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of text columns: `(name, cells)`, an empty cell missing.
    fn table(columns: &[(&str, &[&str])]) -> Table {
        Table::new(
            columns
                .iter()
                .map(|(name, cells)| text_column(name, cells.iter().map(|c| c.to_string())))
                .collect(),
        )
        .expect("table")
    }

    fn column(t: &Table, name: &str) -> Vec<String> {
        (0..t.len()).map(|r| cell(t, name, r)).collect()
    }

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn indicators() -> Table {
        table(&[
            (
                "indikator",
                &["Sjukfrånvaro", "Väntetid", "Resultat", "Plan"],
            ),
            ("mal", &["6,0 %", "85-90 %", "-800 mnkr", "Enligt plan"]),
            ("riktning", &["lägre", "", "högre", ""]),
            ("utfall", &["8,3 %", "87 %", "-870 mnkr", "Klar"]),
            ("fg", &["11,7 %", "", "", ""]),
            ("status", &["", "", "", "uppfyllt"]),
        ])
    }

    #[test]
    fn statuses_and_trends_are_judged_where_not_given() {
        let t = indicator_table(&indicators(), &IndicatorOptions::default()).expect("table");
        assert_eq!(
            t.columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["Indikator", "Mål", "Utfall", "Status", "Trend"]
        );
        assert_eq!(
            column(&t, "Status"),
            [
                "✘ Ej uppfyllt",
                "✔ Uppfyllt",
                "◐ Delvis uppfyllt",
                "✔ Uppfyllt"
            ]
        );
        // 8,3 against 11,7 last year, lower is better.
        assert_eq!(column(&t, "Trend"), ["↗ Positiv", "", "", ""]);
        // A range takes an en dash, a minus sign U+2212.
        assert_eq!(column(&t, "Mål")[1], "85–90 %");
        assert_eq!(column(&t, "Mål")[2], "\u{2212}800 mnkr");
        assert_eq!(column(&t, "Utfall")[2], "\u{2212}870 mnkr");
    }

    #[test]
    fn computed_values_replace_the_tables_in_the_goals_unit() {
        let options = IndicatorOptions {
            values: vec![
                (
                    "Sjukfrånvaro".into(),
                    Computed {
                        utfall: Some(Given::Number(d("6.34"))),
                        fg: Some(Given::Number(d("7"))),
                    },
                ),
                (
                    "Väntetid".into(),
                    Computed {
                        utfall: Some(Given::Missing),
                        fg: None,
                    },
                ),
                (
                    "Resultat".into(),
                    Computed {
                        utfall: Some(Given::Text("+12 mnkr".into())),
                        fg: None,
                    },
                ),
            ],
            ..IndicatorOptions::default()
        };
        let t = indicator_table(&indicators(), &options).expect("table");
        assert_eq!(column(&t, "Utfall"), ["6,3 %", "", "+12 mnkr", "Klar"]);
        assert_eq!(column(&t, "Status")[0], "◐ Delvis uppfyllt");
        assert_eq!(column(&t, "Trend")[0], "↗ Positiv");
        assert_eq!(column(&t, "Status")[1], "– Uppgift saknas");
        assert_eq!(column(&t, "Status")[2], "✔ Uppfyllt");
        // No tolerance: the same miss is ej uppfyllt; two decimals show 6,34.
        let strict = IndicatorOptions {
            decimals: 2,
            tolerance: Tolerance {
                delvis: Decimal::ZERO,
                delvis_intervall: Decimal::ZERO,
            },
            ..options
        };
        let t = indicator_table(&indicators(), &strict).expect("table");
        assert_eq!(column(&t, "Utfall")[0], "6,34 %");
        assert_eq!(column(&t, "Status")[0], "✘ Ej uppfyllt");
    }

    #[test]
    fn errors_name_the_indicator_the_row_and_the_fix() {
        let options = IndicatorOptions {
            values: vec![("Sjukfranvaro".into(), Computed::default())],
            ..IndicatorOptions::default()
        };
        let err = indicator_table(&indicators(), &options).expect_err("unknown");
        assert_eq!(
            err,
            "`varden` har indikatorn `Sjukfranvaro`, som inte finns i tabellen"
        );
        let bad = table(&[("indikator", &["A", "B"]), ("riktning", &["", "bättre"])]);
        let err = indicator_table(&bad, &IndicatorOptions::default()).expect_err("direction");
        assert!(
            err.starts_with("indikatorn `B` (rad 2): riktningen `bättre`"),
            "{err}"
        );
        let err = indicator_table(&table(&[("namn", &["A"])]), &IndicatorOptions::default())
            .expect_err("column");
        assert!(err.contains("`indikator`"), "{err}");
    }

    #[test]
    fn a_single_outcome_is_judged_with_six_decimals() {
        let status = |goal: &str, v: &str, dir| status_of(goal, &Given::Number(d(v)), dir);
        assert_eq!(status("85-90 %", "96", None), Status::EjUppfyllt);
        assert_eq!(
            status("6,0 %", "6.4", Some(Direction::Lower)),
            Status::Delvis
        );
        // 6,0000004 rounds to 6,000000: met.
        assert_eq!(
            status("6,0 %", "6.0000004", Some(Direction::Lower)),
            Status::Uppfyllt
        );
        assert_eq!(
            status_of("Lägre än fg år", &Given::Text("94 (140)".into()), None),
            Status::Uppfyllt
        );
        assert_eq!(status_of("6,0 %", &Given::Missing, None), Status::Saknas);
    }

    #[test]
    fn activities_are_labelled_and_columns_follow_the_content() {
        let t = table(&[
            ("id", &["A", "", ""]),
            ("huvudaktivitet", &["", "A", ""]),
            ("aktivitet", &["Bemanning", "Rekrytera", "Översyn"]),
            ("tidplan", &["2024", "Q2", ""]),
            ("ansvarig", &["HR", "", ""]),
            ("status", &["pågår", "ej påbörjad", "Se nedan"]),
        ]);
        let a = activity_table(&t).expect("table");
        assert_eq!(
            a.columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["Aktivitet", "Tidplan", "Ansvarig", "Status", "Kommentar"]
        );
        assert_eq!(
            column(&a, "Aktivitet"),
            ["A. Bemanning", "– Rekrytera", "Översyn"]
        );
        assert_eq!(
            column(&a, "Status"),
            ["● Pågår", "○ Ej påbörjad", "Se nedan"]
        );
        // Target values and no owners: Målvärde, no Ansvarig.
        let targets = table(&[("aktivitet", &["Innersta boxen"]), ("malvarde", &["90 %"])]);
        let a = activity_table(&targets).expect("table");
        assert_eq!(
            a.columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["Aktivitet", "Tidplan", "Målvärde", "Status", "Kommentar"]
        );
        assert!(activity_table(&table(&[("namn", &["x"])])).is_err());
    }
}
