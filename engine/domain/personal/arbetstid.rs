//! Worked time (arbetad tid) to full-time equivalents (årsarbetare), with the report's lines
//! for own staff, the resource unit, hired staff, adjustments and on-call hours; and the
//! dependence on hired staff from staff costs.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{
    EGEN, INHYRD, JOUR, JUST_DAGAR, JUST_SKOTTDAG, KOSTNAD_EGEN, KOSTNAD_INHYRD, OVERTID, RESURS,
    Source, TIMAVLONADE, percent,
};
use crate::period::Period;

/// The months worked time covers at `period` with `lag` months' delay: January up to
/// `period − lag` of the same year, or `None` (early in the year nothing has arrived yet).
pub fn lagged_months(period: Period, lag: i64) -> Option<(Period, Period)> {
    let end = period.add_months(-lag);
    (end.year == period.year).then(|| (end.year_start(), end))
}

/// Worked hours per post and yrkesgrupp ("" when the row has none) in `from..=to`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkedHours {
    /// Post → yrkesgrupp → hours.
    sums: HashMap<String, HashMap<String, Decimal>>,
    /// Yrkesgrupper in the order they appear.
    pub groups: Vec<String>,
}

impl WorkedHours {
    pub fn collect(src: &Source, months: Option<(Period, Period)>) -> WorkedHours {
        let mut w = WorkedHours::default();
        let Some((from, to)) = months else { return w };
        for (r, post, value) in src.rows_in(from, to) {
            let group = src.yrkesgrupp.and_then(|g| g.str(r)).map_or("", str::trim);
            if !group.is_empty() && !w.groups.iter().any(|g| g == group) {
                w.groups.push(group.to_string());
            }
            // Keys are copied only the first time a post or group is seen, not per row.
            match w.sums.get_mut(post) {
                Some(groups) => match groups.get_mut(group) {
                    Some(sum) => *sum += value,
                    None => {
                        groups.insert(group.to_string(), value);
                    }
                },
                None => {
                    w.sums.insert(
                        post.to_string(),
                        HashMap::from([(group.to_string(), value)]),
                    );
                }
            }
        }
        w.groups.sort_by_key(|g| group_order(g));
        w
    }

    /// A post's hours, all yrkesgrupper together.
    pub fn post(&self, post: &str) -> Decimal {
        self.sums
            .get(post)
            .map_or(Decimal::ZERO, |groups| groups.values().sum())
    }

    /// A post's hours for one yrkesgrupp, `None` when no row has them.
    pub fn group(&self, post: &str, group: &str) -> Option<Decimal> {
        self.sums.get(post)?.get(group).copied()
    }

    /// Worked time including on-call hours: own staff, the resource unit, hired staff and
    /// the adjustments for working days and leap day.
    pub fn inkl_jour(&self) -> Decimal {
        [EGEN, RESURS, INHYRD, JUST_DAGAR, JUST_SKOTTDAG]
            .iter()
            .map(|p| self.post(p))
            .sum()
    }

    /// Worked time excluding the hours worked on call (jour/beredskap).
    pub fn exkl_jour(&self) -> Decimal {
        self.inkl_jour() - self.post(JOUR)
    }
}

fn group_order(group: &str) -> (usize, String) {
    let rank = ["läkare", "sjuksköterskor", "undersköterskor", "övriga"]
        .iter()
        .position(|g| *g == group.to_lowercase())
        .unwrap_or(4);
    (rank, group.to_string())
}

/// Full-time equivalents: `hours` over a year's norm pro rata for `months` months.
/// `None` when there are no months, or for a norm too large to count with.
pub fn arsarbetare(hours: Decimal, months: i64, arsnorm: Decimal) -> Option<Decimal> {
    let norm = arsnorm.checked_mul(Decimal::from(months))? / Decimal::from(12);
    if norm.is_zero() {
        None
    } else {
        hours.checked_div(norm)
    }
}

/// Årsarbetare at `period`: the hours worked this year up to `lag` months before `period`,
/// on-call excluded, over `arsnorm` hours a year; `None` when the lag reaches last year.
pub fn fte(src: &Source, period: Period, lag: i64, arsnorm: Decimal) -> Option<Decimal> {
    let months = Some(lagged_months(period, lag)?);
    let hours = WorkedHours::collect(src, months);
    arsarbetare(hours.exkl_jour(), month_count(months), arsnorm)
}

/// Number of months in `from..=to`.
pub fn month_count(months: Option<(Period, Period)>) -> i64 {
    months.map_or(0, |(from, to)| from.months_until(to) + 1)
}

/// One line of the worked-time table.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkedLine {
    pub label: String,
    pub kind: LineKind,
    pub ar: Decimal,
    pub fg: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Data,
    Varav,
    Subtotal,
    Total,
}

impl WorkedLine {
    /// Change in % against last year; `None` when last year is zero.
    pub fn change_pct(&self) -> Option<Decimal> {
        percent(self.ar.checked_sub(self.fg)?, self.fg)
    }
}

/// The report's "Arbetad tid (ack)" table: this year's and last year's hours per line, and
/// the number of årsarbetare (`arsnorm` hours a year) as the last line.
pub fn worked_time_lines(
    ar: &WorkedHours,
    fg: &WorkedHours,
    months_ar: i64,
    months_fg: i64,
    arsnorm: Decimal,
) -> Vec<WorkedLine> {
    let mut lines = Vec::new();
    let mut groups: Vec<String> = ar.groups.clone();
    for g in &fg.groups {
        if !groups.contains(g) {
            groups.push(g.clone());
        }
    }
    groups.sort_by_key(|g| group_order(g));
    let line = |label: &str, kind: LineKind, a: Decimal, f: Decimal| WorkedLine {
        label: label.to_string(),
        kind,
        ar: a,
        fg: f,
    };
    let block = |lines: &mut Vec<WorkedLine>, post: &str, label: &str| {
        lines.push(line(label, LineKind::Data, ar.post(post), fg.post(post)));
        for g in &groups {
            let (a, f) = (ar.group(post, g), fg.group(post, g));
            if a.is_some() || f.is_some() {
                lines.push(line(
                    &g.to_lowercase(),
                    LineKind::Varav,
                    a.unwrap_or_default(),
                    f.unwrap_or_default(),
                ));
            }
        }
    };
    block(&mut lines, EGEN, "Utförd arbetstid egen personal");
    lines.push(line(
        "övertid/mertid",
        LineKind::Varav,
        ar.post(OVERTID),
        fg.post(OVERTID),
    ));
    lines.push(line(
        "timavlönade",
        LineKind::Varav,
        ar.post(TIMAVLONADE),
        fg.post(TIMAVLONADE),
    ));
    block(&mut lines, RESURS, "Utförd arbetstid resursenheten");
    block(
        &mut lines,
        INHYRD,
        "Utförd arbetstid externt inhyrd personal (baserat på kostnad)",
    );
    lines.push(line(
        "Justering för jmf. mellan åren - fler eller färre arbetsdagar (mån-fre)",
        LineKind::Data,
        ar.post(JUST_DAGAR),
        fg.post(JUST_DAGAR),
    ));
    lines.push(line(
        "Justering för jmf. mellan åren - en extra dag i februari vid skottår (arb med schema)",
        LineKind::Data,
        ar.post(JUST_SKOTTDAG),
        fg.post(JUST_SKOTTDAG),
    ));
    lines.push(line(
        "Arbetad tid inkl jour/beredskap",
        LineKind::Subtotal,
        ar.inkl_jour(),
        fg.inkl_jour(),
    ));
    lines.push(line(
        "Avdrag arbetad tid under jour/beredskap",
        LineKind::Data,
        -ar.post(JOUR),
        -fg.post(JOUR),
    ));
    lines.push(line(
        "Arbetad tid exkl jour/beredskap",
        LineKind::Total,
        ar.exkl_jour(),
        fg.exkl_jour(),
    ));
    lines.push(line(
        "Antal årsarbetare utifrån arbetad tid exkl jour/beredskap",
        LineKind::Data,
        arsarbetare(ar.exkl_jour(), months_ar, arsnorm).unwrap_or_default(),
        arsarbetare(fg.exkl_jour(), months_fg, arsnorm).unwrap_or_default(),
    ));
    lines
}

/// Cost of hired staff in % of the cost of own staff, for the rows in `from..=to`
/// (`None` without own-staff costs). Signs cancel: costs may be negative, as in the ledger.
pub fn hired_staff_share(src: &Source, from: Period, to: Period) -> Option<Decimal> {
    let (mut egen, mut inhyrd) = (Decimal::ZERO, Decimal::ZERO);
    for (_, post, value) in src.rows_in(from, to) {
        match post {
            KOSTNAD_EGEN => egen += value,
            KOSTNAD_INHYRD => inhyrd += value,
            _ => {}
        }
    }
    percent(inhyrd, egen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_norm_or_sum_too_large_to_count_with_gives_no_figure() {
        assert_eq!(arsarbetare(Decimal::from(1000), 12, Decimal::MAX), None);
        assert_eq!(arsarbetare(Decimal::MAX, 1, Decimal::new(12, 2)), None);
        assert_eq!(
            arsarbetare(Decimal::from(1725), 12, Decimal::from(1725)),
            Some(Decimal::ONE)
        );
    }

    use crate::domain::personal::{Names, Source};
    use crate::table::{Column, Table, Values};

    fn p(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    /// (period, yrkesgrupp, post, hundredths of hours)
    fn worked_table(rows: &[(&str, &str, &str, i64)]) -> Table {
        Table::new(vec![
            Column::new(
                "period",
                Values::Period(rows.iter().map(|r| Period::parse(r.0)).collect()),
            ),
            Column::new(
                "yrkesgrupp",
                Values::Text(
                    rows.iter()
                        .map(|r| (!r.1.is_empty()).then(|| Arc::from(r.1)))
                        .collect(),
                ),
            ),
            Column::new(
                "post",
                Values::Text(rows.iter().map(|r| Some(Arc::from(r.2))).collect()),
            ),
            Column::new(
                "varde",
                Values::Decimal(rows.iter().map(|r| Some(Decimal::new(r.3, 2))).collect()),
            ),
        ])
        .expect("table")
    }

    #[test]
    fn worked_time_lines_and_full_time_equivalents() {
        let t = worked_table(&[
            ("2024-01", "Läkare", EGEN, 100_000),
            ("2024-01", "Övriga", EGEN, 50_000),
            ("2024-02", "Läkare", EGEN, 99_999_900), // lagged away at 2024-02
            ("2024-01", "", OVERTID, 7_000),
            ("2024-01", "Sjuksköterskor", RESURS, 2_000),
            ("2024-01", "Läkare", INHYRD, 3_000),
            ("2024-01", "", JOUR, 5_000),
            ("2023-01", "Läkare", EGEN, 80_000),
            ("2023-01", "", JUST_DAGAR, 20_000),
            ("2023-01", "", JOUR, 4_000),
        ]);
        let src = Source::new(&t, &Names::default()).expect("source");
        let months = lagged_months(p("2024-02"), 1);
        assert_eq!(months, Some((p("2024-01"), p("2024-01"))));
        let ar = WorkedHours::collect(&src, months);
        let fg = WorkedHours::collect(&src, lagged_months(p("2023-02"), 1));
        assert_eq!(ar.inkl_jour(), d("1550"));
        assert_eq!(ar.exkl_jour(), d("1500"));
        assert_eq!(fg.exkl_jour(), d("960"));
        let lines = worked_time_lines(&ar, &fg, 1, 1, Decimal::from(1200));
        let line = |label: &str| {
            lines
                .iter()
                .find(|l| l.label == label)
                .unwrap_or_else(|| panic!("{label} missing"))
                .clone()
        };
        let egen = line("Utförd arbetstid egen personal");
        assert_eq!((egen.ar, egen.fg), (d("1500"), d("800")));
        assert_eq!(egen.change_pct(), Some(d("87.5")));
        // A group with nothing last year: change in % is undefined, not 0 or infinite.
        let ssk = lines
            .iter()
            .find(|l| l.label == "sjuksköterskor" && l.ar == d("20"))
            .expect("resursenheten sjuksköterskor");
        assert_eq!(ssk.fg, d("0"));
        assert_eq!(ssk.change_pct(), None);
        assert_eq!(line("Avdrag arbetad tid under jour/beredskap").ar, d("-50"));
        // Årsarbetare: 1 500 hours over 1 200 / 12 = 100 hours a month.
        let fte = line("Antal årsarbetare utifrån arbetad tid exkl jour/beredskap");
        assert_eq!((fte.ar, fte.fg), (d("15"), d("9.6")));
        // Yrkesgrupper come in the report's order whatever the data's order.
        let egen_groups: Vec<&str> = lines[1..3].iter().map(|l| l.label.as_str()).collect();
        assert_eq!(egen_groups, ["läkare", "övriga"]);
    }

    #[test]
    fn nothing_has_arrived_in_january_with_a_lag() {
        assert_eq!(lagged_months(p("2024-01"), 1), None);
        assert_eq!(month_count(None), 0);
        assert_eq!(arsarbetare(d("100"), 0, d("1725")), None);
        assert_eq!(
            lagged_months(p("2024-05"), 0),
            Some((p("2024-01"), p("2024-05")))
        );
        assert_eq!(month_count(lagged_months(p("2024-05"), 2)), 3);
    }

    #[test]
    fn hired_staff_share_with_negative_costs() {
        let t = worked_table(&[
            ("2024-01", "", KOSTNAD_EGEN, -20_000_000),
            ("2024-02", "", KOSTNAD_EGEN, -20_000_000),
            ("2024-02", "", KOSTNAD_INHYRD, -3_000_000),
            ("2024-03", "", KOSTNAD_INHYRD, -99_000_000),
        ]);
        let src = Source::new(&t, &Names::default()).expect("source");
        assert_eq!(
            hired_staff_share(&src, p("2024-01"), p("2024-02")),
            Some(d("7.5"))
        );
        // Hired staff but no own staff cost yet: no share.
        assert_eq!(hired_staff_share(&src, p("2024-03"), p("2024-03")), None);
    }
}
