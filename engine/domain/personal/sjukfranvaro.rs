//! Sick leave (sjukfrånvaro): year-to-date rates in total, short-term and long-term, by sex
//! and age band, and per month with the rolling twelve months.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use rust_decimal::Decimal;

use super::{ORDINARIE, SJUK, SJUK_KORT, SJUK_LANG, Source, percent};
use crate::period::Period;

/// Summed sick-leave hours of some rows.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SickHours {
    pub ordinarie: Decimal,
    pub sjuk: Decimal,
    pub kort: Decimal,
    pub lang: Decimal,
}

impl SickHours {
    /// Sick leave in % of scheduled hours.
    pub fn total(&self) -> Option<Decimal> {
        percent(self.sjuk, self.ordinarie)
    }

    /// Short-term sick leave (days 1–14) in % of scheduled hours.
    pub fn kort(&self) -> Option<Decimal> {
        percent(self.kort, self.ordinarie)
    }

    /// Long-term (> 60 days) sick hours in % of all sick hours.
    pub fn lang_andel(&self) -> Option<Decimal> {
        percent(self.lang, self.sjuk)
    }

    fn add(&mut self, post: &str, value: Decimal) {
        match post {
            ORDINARIE => self.ordinarie += value,
            SJUK => self.sjuk += value,
            SJUK_KORT => self.kort += value,
            SJUK_LANG => self.lang += value,
            _ => {}
        }
    }

    fn plus(&mut self, other: &SickHours) {
        self.ordinarie += other.ordinarie;
        self.sjuk += other.sjuk;
        self.kort += other.kort;
        self.lang += other.lang;
    }
}

/// Sick hours of the months `from..=to` per group; `key` names a row's group or leaves it out.
/// Groups come in the order their first row appears. The key can be borrowed text, so no
/// `String` is built per row; it is cloned only for a group's first row.
pub fn sick_hours_by<K: Hash + Eq + Clone>(
    src: &Source,
    from: Period,
    to: Period,
    key: impl Fn(usize) -> Option<K>,
) -> Vec<(K, SickHours)> {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut groups: Vec<(K, SickHours)> = Vec::new();
    for (r, post, value) in src.rows_in(from, to) {
        let Some(name) = key(r) else { continue };
        let slot = match index.get(&name) {
            Some(&slot) => slot,
            None => {
                index.insert(name.clone(), groups.len());
                groups.push((name, SickHours::default()));
                groups.len() - 1
            }
        };
        groups[slot].1.add(post, value);
    }
    groups
}

/// Sick hours of all rows in `from..=to`.
pub fn sick_hours(src: &Source, from: Period, to: Period) -> SickHours {
    sick_hours_by(src, from, to, |_| Some(()))
        .pop()
        .map_or_else(SickHours::default, |(_, h)| h)
}

/// One line of the sick-leave table: label, last year, this year, and whether it is a part
/// ("varav") of the line above.
#[derive(Debug, Clone, PartialEq)]
pub struct SickLine {
    pub label: String,
    pub fg: Option<Decimal>,
    pub ar: Option<Decimal>,
    pub varav: bool,
}

/// The report's "Sjukfrånvaro % (ack)" table at `period`: total, short-term, long-term share,
/// by sex and by age band (the lines for a missing `kon`/`aldersgrupp` column are left out).
pub fn sick_leave_lines(src: &Source, period: Period) -> Vec<SickLine> {
    let now = (period.year_start(), period);
    let before = (period.last_year().year_start(), period.last_year());
    let total_fg = sick_hours(src, before.0, before.1);
    let total = sick_hours(src, now.0, now.1);
    let mut lines = vec![
        SickLine {
            label: "Total sjukfrånvaro".into(),
            fg: total_fg.total(),
            ar: total.total(),
            varav: false,
        },
        SickLine {
            label: "korttidssjukfrånvaro, dag 1–14".into(),
            fg: total_fg.kort(),
            ar: total.kort(),
            varav: true,
        },
        SickLine {
            label: "Andel långtidsfrånvaro över 60 dagar".into(),
            fg: total_fg.lang_andel(),
            ar: total.lang_andel(),
            varav: false,
        },
    ];
    let mut grouped = |column: Option<&crate::table::Dictionary>,
                       label: fn(&str) -> String,
                       order: fn(&str) -> (i64, String)| {
        let Some(column) = column else { return };
        let key = |r: usize| column.str(r).map(str::trim);
        let fg = sick_hours_by(src, before.0, before.1, key);
        let ar = sick_hours_by(src, now.0, now.1, key);
        let mut names: Vec<&str> = fg.iter().chain(ar.iter()).map(|(k, _)| *k).collect();
        names.sort_by_key(|n| order(n));
        names.dedup();
        let find = |groups: &[(&str, SickHours)], n: &str| {
            groups
                .iter()
                .find(|(k, _)| *k == n)
                .and_then(|(_, h)| h.total())
        };
        for n in names {
            lines.push(SickLine {
                label: label(n),
                fg: find(&fg, n),
                ar: find(&ar, n),
                varav: false,
            });
        }
    };
    grouped(src.kon, sex_label, sex_order);
    grouped(src.aldersgrupp, age_label, age_order);
    lines
}

fn sex_label(value: &str) -> String {
    match value.to_lowercase().as_str() {
        "man" | "män" | "m" => "Män".into(),
        "kvinna" | "kvinnor" | "k" => "Kvinnor".into(),
        _ => value.to_string(),
    }
}

fn sex_order(value: &str) -> (i64, String) {
    let rank = match sex_label(value).as_str() {
        "Män" => 0,
        "Kvinnor" => 1,
        _ => 2,
    };
    (rank, value.to_string())
}

/// `-29` → "Anställda -29 år", `30-49` → "Anställda 30-49 år", `50-` → "Anställda 50 år-".
fn age_label(value: &str) -> String {
    match value.strip_suffix('-') {
        Some(from) => format!("Anställda {from} år-"),
        None => format!("Anställda {value} år"),
    }
}

/// Age bands in age order: by their first number (`-29` counts as 0).
fn age_order(value: &str) -> (i64, String) {
    let first = if value.starts_with('-') {
        0
    } else {
        value
            .split(|c: char| !c.is_ascii_digit())
            .find(|s| !s.is_empty())
            .and_then(|s| s.parse().ok())
            .unwrap_or(i64::MAX)
    };
    (first, value.to_string())
}

/// One month's sick leave and the rolling twelve months ending with it.
#[derive(Debug, Clone, PartialEq)]
pub struct SickMonth {
    pub period: Period,
    pub manad: Option<Decimal>,
    /// `None` until twelve months of data lie behind the month.
    pub r12: Option<Decimal>,
}

/// Sick leave per month for the `months` months ending at `period` (months without data are
/// left out), each with its rolling twelve months.
pub fn sick_leave_months(src: &Source, period: Period, months: i64) -> Vec<SickMonth> {
    let first_data = src.period.iter().flatten().min();
    // One pass over the rows sums each month that a shown month or its rolling year covers;
    // the months and their rolling years are then read from these sums.
    let mut by_month: BTreeMap<Period, SickHours> = BTreeMap::new();
    for (r, post, value) in src.rows_in(period.add_months(-(months - 1) - 11), period) {
        if let Some(p) = src.period.get(r) {
            by_month.entry(p).or_default().add(post, value);
        }
    }
    let mut out = Vec::new();
    for back in (0..months).rev() {
        let p = period.add_months(-back);
        let month = by_month.get(&p).copied().unwrap_or_default();
        if month.ordinarie.is_zero() {
            continue;
        }
        let start = p.add_months(-11);
        let r12 = if first_data.is_some_and(|f| f <= start) {
            let mut year = SickHours::default();
            for (_, h) in by_month.range(start..=p) {
                year.plus(h);
            }
            year.total()
        } else {
            None
        };
        out.push(SickMonth {
            period: p,
            manad: month.total(),
            r12,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use crate::domain::personal::{Names, Source};
    use crate::table::{Column, Table, Values};

    fn p(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    type SickRow<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, i64);

    /// (period, enhet, kon, aldersgrupp, post, value) rows as a table.
    fn sick_table(rows: &[SickRow]) -> Table {
        let text = |f: fn(&SickRow) -> String| {
            Values::Text(rows.iter().map(|r| Some(Arc::from(f(r)))).collect())
        };
        Table::new(vec![
            Column::new(
                "period",
                Values::Period(rows.iter().map(|r| Period::parse(r.0)).collect()),
            ),
            Column::new("enhet", text(|r| r.1.to_string())),
            Column::new("kon", text(|r| r.2.to_string())),
            Column::new("aldersgrupp", text(|r| r.3.to_string())),
            Column::new("post", text(|r| r.4.to_string())),
            Column::new(
                "varde",
                Values::Int(rows.iter().map(|r| Some(r.5)).collect()),
            ),
        ])
        .expect("table")
    }

    fn sample() -> Table {
        sick_table(&[
            // 2024: unit A, two months; women 30-49 and men 50-.
            ("2024-01", "A", "Kvinna", "30-49", ORDINARIE, 1000),
            ("2024-01", "A", "Kvinna", "30-49", SJUK, 100),
            ("2024-01", "A", "Kvinna", "30-49", SJUK_KORT, 40),
            ("2024-01", "A", "Kvinna", "30-49", SJUK_LANG, 50),
            ("2024-02", "A", "Man", "50-", ORDINARIE, 1000),
            ("2024-02", "A", "Man", "50-", SJUK, 30),
            ("2024-02", "A", "Man", "50-", SJUK_KORT, 30),
            // After the period: not counted.
            ("2024-03", "A", "Kvinna", "30-49", SJUK, 999),
            // 2023: only unit A, January.
            ("2023-01", "A", "Kvinna", "30-49", ORDINARIE, 500),
            ("2023-01", "A", "Kvinna", "30-49", SJUK, 60),
            // Unit B appears in February 2024, without a previous year.
            ("2024-02", "B", "Kvinna", "-29", ORDINARIE, 2000),
            ("2024-02", "B", "Kvinna", "-29", SJUK, 70),
        ])
    }

    #[test]
    fn sick_leave_year_to_date_with_shares() {
        let t = sample();
        let src = Source::new(&t, &Names::default()).expect("source");
        let lines = sick_leave_lines(&src, p("2024-02"));
        let get = |label: &str| {
            lines
                .iter()
                .find(|l| l.label == label)
                .unwrap_or_else(|| panic!("{label} missing: {lines:?}"))
                .clone()
        };
        // 200 sick hours of 4 000 scheduled = 5 %; last year 60 / 500 = 12 %.
        let total = get("Total sjukfrånvaro");
        assert_eq!(total.ar, Some(d("5")));
        assert_eq!(total.fg, Some(d("12")));
        // Short-term 70 of 4 000 = 1,75 %; long-term 50 of 200 sick hours = 25 %.
        assert_eq!(get("korttidssjukfrånvaro, dag 1–14").ar, Some(d("1.75")));
        assert!(get("korttidssjukfrånvaro, dag 1–14").varav);
        assert_eq!(
            get("Andel långtidsfrånvaro över 60 dagar").ar,
            Some(d("25"))
        );
        // Last year had no short-term rows: 0 of 500 scheduled hours.
        assert_eq!(get("korttidssjukfrånvaro, dag 1–14").fg, Some(d("0")));
        // Men: 30 / 1 000 = 3 %, no men last year; women: 170 / 3 000.
        assert_eq!(get("Män").ar, Some(d("3")));
        assert_eq!(get("Män").fg, None);
        assert_eq!(get("Kvinnor").fg, Some(d("12")));
        // Age bands in age order, labelled as the report writes them.
        let ages: Vec<&str> = lines[5..].iter().map(|l| l.label.as_str()).collect();
        assert_eq!(
            ages,
            ["Anställda -29 år", "Anställda 30-49 år", "Anställda 50 år-"]
        );
        assert_eq!(get("Anställda -29 år").ar, Some(d("3.5")));
        assert_eq!(get("Anställda -29 år").fg, None);
    }

    #[test]
    fn sick_leave_without_scheduled_hours_is_empty_not_zero() {
        let t = sick_table(&[("2024-01", "A", "Kvinna", "-29", SJUK, 10)]);
        let src = Source::new(&t, &Names::default()).expect("source");
        let h = sick_hours(&src, p("2024-01"), p("2024-01"));
        assert_eq!(h.total(), None);
        assert_eq!(h.lang_andel(), Some(d("0")));
        assert_eq!(sick_hours(&src, p("2023-01"), p("2023-12")).total(), None);
    }

    #[test]
    fn rows_of_other_kinds_are_left_out() {
        let mut t = sample();
        let kinds: Vec<Option<Arc<str>>> = (0..t.len())
            .map(|r| Some(Arc::from(if r == 1 { "budget" } else { "utfall" })))
            .collect();
        t.set_column(Column::new("typ", Values::Text(kinds.into())))
            .expect("typ");
        let src = Source::new(&t, &Names::default()).expect("source");
        // The January sick hours (100) are a budget row now: 100 of 4 000 = 2,5 %.
        let h = sick_hours(&src, p("2024-01"), p("2024-02"));
        assert_eq!(h.total(), Some(d("2.5")));
    }

    #[test]
    fn rolling_twelve_months_waits_for_a_full_year() {
        let mut rows = Vec::new();
        for m in 1..=12 {
            let period: &'static str = Box::leak(format!("2023-{m:02}").into_boxed_str());
            rows.push((period, "A", "Kvinna", "-29", ORDINARIE, 100));
            rows.push((period, "A", "Kvinna", "-29", SJUK, m));
        }
        rows.push(("2024-01", "A", "Kvinna", "-29", ORDINARIE, 100));
        rows.push(("2024-01", "A", "Kvinna", "-29", SJUK, 30));
        let t = sick_table(&rows);
        let src = Source::new(&t, &Names::default()).expect("source");
        let months = sick_leave_months(&src, p("2024-01"), 3);
        assert_eq!(months.len(), 3);
        assert_eq!(months[0].period, p("2023-11"));
        assert_eq!(months[0].r12, None);
        // December: 78 sick hours of 1 200 = 6,5 %; January 2024: (78 − 1 + 30) / 1 200.
        assert_eq!(months[1].r12, Some(d("6.5")));
        assert_eq!(months[2].manad, Some(d("30")));
        assert_eq!(
            months[2].r12,
            Some(d("107") * Decimal::ONE_HUNDRED / d("1200"))
        );
    }

    #[test]
    fn column_mapping_and_layout_errors() {
        let names = Names::mapped([("varde", "Timmar")]).expect("names");
        assert_eq!(names.layout.varde, "Timmar");
        let err = Names::mapped([("belopp", "X")]).expect_err("unknown");
        assert!(err.contains("`belopp`") && err.contains("`kon`"), "{err}");
        let t = sample();
        let err = Source::new(&t, &names).expect_err("missing column");
        assert!(err.contains("`Timmar` finns inte"), "{err}");
    }
}
