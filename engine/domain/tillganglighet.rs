//! Accessibility: vårdgaranti measures (0-3-90-90, BUP 30 dagar), their goals and the national
//! figure, waiting lists, the rolling-twelve-month trend, and the "Tillgänglighet" table.
//!
//! # Data
//!
//! The long layout's columns `period`, `enhet`, `post` (the measure, e.g. `Specialistsjukvård,
//! besök 90 dagar`), `typ` and `varde`, with these kinds:
//!
//! | `typ`      | `varde`                                                                 |
//! |------------|-------------------------------------------------------------------------|
//! | `inom`     | count within the guarantee (patients waiting ≤ 90 days, calls answered)  |
//! | `totalt`   | count in all (all waiting, all calls); the share is `inom` / `totalt`    |
//! | `vantetid` | total waiting time in seconds; the measure is then a mean time           |
//! | `over_365` | count waiting more than 365 days                                         |
//! | `riket`    | the national share in percent for that month (published a month later)  |
//! | `mal`      | goal: at least this (percent); valid from its month until the next goal |
//! | `mal_max`  | goal: at most this (percent, or seconds for a time); with `mal` a range  |
//!
//! Counts add up over units; shares and means are computed from the sums.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::column::{decimal_column, text_column};
use super::long::{self, Layout, number_column, period_column};
use super::text::Goal;
use crate::number::{MINUS, NBSP, format_percent, round_half_away};
use crate::period::Period;
use crate::table::{Column, Format, Table, TableResult, Values};

/// What a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typ {
    Inom,
    Totalt,
    Vantetid,
    Over365,
    Riket,
    Mal,
    MalMax,
}

impl Typ {
    /// Called once per row. Cells are nearly always lower case already, so only a cell with
    /// an upper-case letter is lowercased into a new String (every word accepted is made of
    /// letters whose upper-case forms count as upper case, so nothing else can match).
    fn parse(text: &str) -> Option<Typ> {
        let text = text.trim();
        let lower: Cow<str> = if text.chars().any(char::is_uppercase) {
            Cow::Owned(text.to_lowercase())
        } else {
            Cow::Borrowed(text)
        };
        Some(match &*lower {
            "inom" => Typ::Inom,
            "totalt" => Typ::Totalt,
            "vantetid" | "väntetid" => Typ::Vantetid,
            "over_365" | "över_365" => Typ::Over365,
            "riket" => Typ::Riket,
            "mal" | "mål" => Typ::Mal,
            "mal_max" | "mål_max" => Typ::MalMax,
            _ => return None,
        })
    }
}

/// One month's sums for a measure.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    inom: Option<Decimal>,
    totalt: Option<Decimal>,
    vantetid: Option<Decimal>,
    over_365: Option<Decimal>,
}

fn add(slot: &mut Option<Decimal>, v: Decimal) {
    *slot = Some(slot.unwrap_or_default() + v);
}

/// Trend of the rolling twelve months against a year earlier, judged by the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Positive,
    Neutral,
    Negative,
}

impl Trend {
    /// Text and symbol, never a colour alone.
    pub fn label(self) -> &'static str {
        match self {
            Trend::Positive => "\u{2197} Positiv",
            Trend::Neutral => "\u{2192} Neutral",
            Trend::Negative => "\u{2198} Negativ",
        }
    }
}

/// One measure's data.
#[derive(Debug, Clone, Default)]
pub struct Series {
    pub post: String,
    months: BTreeMap<Period, Sums>,
    riket: BTreeMap<Period, Decimal>,
    mal: BTreeMap<Period, Decimal>,
    mal_max: BTreeMap<Period, Decimal>,
    time: bool,
}

/// Read every measure of `t`, in the order they first appear.
pub fn read(t: &Table, layout: &Layout) -> TableResult<Vec<Series>> {
    let period = period_column(t, &layout.period)?;
    let post = long::text_cells(t, &layout.post)?;
    let typ = long::text_cells(t, &layout.typ)?;
    let varde = number_column(t, &layout.varde)?;
    let mut order: Vec<Series> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for r in 0..t.len() {
        let (Some(p), Some(name), Some(kind), Some(v)) =
            (period.get(r), post.str(r), typ.str(r), varde.decimal(r))
        else {
            continue;
        };
        let kind = Typ::parse(kind).ok_or_else(|| {
            format!(
                "rad {} i tabellen: `{}` är `{kind}`; det ska vara inom, totalt, vantetid, \
                 over_365, riket, mal eller mal_max",
                r + 1,
                layout.typ
            )
        })?;
        let i = match index.get(name) {
            Some(&i) => i,
            None => {
                index.insert(name.to_string(), order.len());
                order.push(Series {
                    post: name.to_string(),
                    ..Series::default()
                });
                order.len() - 1
            }
        };
        let s = &mut order[i];
        let month = s.months.entry(p).or_default();
        match kind {
            Typ::Inom => add(&mut month.inom, v),
            Typ::Totalt => add(&mut month.totalt, v),
            Typ::Vantetid => {
                s.time = true;
                add(&mut month.vantetid, v);
            }
            Typ::Over365 => add(&mut month.over_365, v),
            Typ::Riket => {
                s.riket.insert(p, v);
            }
            Typ::Mal => {
                s.mal.insert(p, v);
            }
            Typ::MalMax => {
                s.mal_max.insert(p, v);
            }
        }
    }
    Ok(order)
}

impl Series {
    /// Is the measure a mean waiting time (seconds) rather than a share?
    pub fn is_time(&self) -> bool {
        self.time
    }

    /// Is it a guarantee share (it has `inom` rows)?
    pub fn is_share(&self) -> bool {
        !self.time && self.months.values().any(|m| m.inom.is_some())
    }

    fn of(&self, sums: Sums) -> Option<Decimal> {
        let total = sums.totalt.filter(|t| !t.is_zero())?;
        if self.time {
            Some(sums.vantetid? / total)
        } else {
            Some(sums.inom.unwrap_or_default() / total * Decimal::ONE_HUNDRED)
        }
    }

    /// The month's share in percent (or mean time in seconds).
    pub fn value(&self, p: Period) -> Option<Decimal> {
        self.of(*self.months.get(&p)?)
    }

    /// The same over the twelve months up to `p`; `None` unless all twelve have data.
    pub fn rolling(&self, p: Period) -> Option<Decimal> {
        let mut sum = Sums::default();
        for k in 0..12 {
            let m = self.months.get(&p.add_months(-k))?;
            m.totalt?;
            for (slot, v) in [
                (&mut sum.inom, m.inom),
                (&mut sum.totalt, m.totalt),
                (&mut sum.vantetid, m.vantetid),
            ] {
                if let Some(v) = v {
                    add(slot, v);
                }
            }
        }
        self.of(sum)
    }

    /// Waiting (or in all) in the month.
    pub fn total(&self, p: Period) -> Option<Decimal> {
        self.months.get(&p)?.totalt
    }

    /// Waiting longer than the guarantee: all minus those within.
    pub fn beyond(&self, p: Period) -> Option<Decimal> {
        let m = self.months.get(&p)?;
        Some(m.totalt? - m.inom.unwrap_or_default())
    }

    pub fn over_365(&self, p: Period) -> Option<Decimal> {
        self.months.get(&p)?.over_365
    }

    /// The national share of the month.
    pub fn national(&self, p: Period) -> Option<Decimal> {
        self.riket.get(&p).copied()
    }

    /// The goal valid at `p`: the latest `mal` and `mal_max` set up to then.
    pub fn goal(&self, p: Period) -> Option<Goal> {
        let latest = |m: &BTreeMap<Period, Decimal>| m.range(..=p).next_back().map(|(_, v)| *v);
        match (latest(&self.mal), latest(&self.mal_max)) {
            (Some(lo), Some(hi)) => Some(Goal::Range(lo, hi)),
            (Some(lo), None) => Some(Goal::AtLeast(lo)),
            (None, Some(hi)) => Some(Goal::AtMost(hi)),
            (None, None) => None,
        }
    }

    /// The rolling twelve months at `p` against a year earlier: positive when it moved
    /// towards the goal (up for "at least", down for "at most", towards a range) by more
    /// than `threshold` percent of the earlier value; neutral within it.
    pub fn trend(&self, p: Period, threshold: Decimal) -> Option<Trend> {
        let now = self.rolling(p)?;
        let before = self.rolling(p.add_months(-12))?;
        let limit = before.abs() * threshold / Decimal::ONE_HUNDRED;
        let goal = self.goal(p).unwrap_or(Goal::AtLeast(Decimal::ZERO));
        // How far from the goal: smaller is better.
        let distance = |v: Decimal| match goal {
            Goal::AtLeast(_) => -v,
            Goal::AtMost(_) => v,
            Goal::Range(lo, hi) => (lo - v).max(v - hi).max(Decimal::ZERO),
        };
        let change = distance(now) - distance(before);
        let moved = match goal {
            Goal::Range(..) => now - before,
            _ => change,
        };
        Some(if moved.abs() <= limit || change.is_zero() {
            Trend::Neutral
        } else if change < Decimal::ZERO {
            Trend::Positive
        } else {
            Trend::Negative
        })
    }
}

/// Seconds as `14:58 min` (a negative time, a data error, as `−1:30 min`).
pub fn minutes(seconds: Decimal) -> String {
    format!("{}{NBSP}min", minutes_and_seconds(seconds))
}

/// Seconds as `14:58`, rounded to whole seconds (a negative time as `−1:30`).
pub fn minutes_and_seconds(seconds: Decimal) -> String {
    let whole = round_half_away(seconds, 0);
    let sign = if whole < Decimal::ZERO {
        MINUS.to_string()
    } else {
        String::new()
    };
    let sixty = Decimal::from(60);
    let total = whole.abs();
    let mins = (total / sixty).trunc();
    let secs = (total - mins * sixty).to_u32().unwrap_or_default();
    format!("{sign}{}:{secs:02}", mins.normalize())
}

/// A goal as printed: `95 %`, `85–90 %`, for a time `8 min`.
pub fn goal_label(goal: Goal, time: bool) -> String {
    match (goal, time) {
        (Goal::AtMost(s), true) | (Goal::AtLeast(s), true) => {
            let whole = round_half_away(s, 0);
            if (whole / Decimal::from(60)).fract().is_zero() {
                format!("{}{NBSP}min", whole / Decimal::from(60))
            } else {
                minutes(s)
            }
        }
        _ => goal.label(),
    }
}

/// A value as printed: `87,5 %` or `14:58 min`.
pub fn value_label(value: Decimal, time: bool) -> String {
    if time {
        minutes(value)
    } else {
        format_percent(value, Some(1))
    }
}

fn select<'a>(series: &'a [Series], posts: Option<&[String]>) -> TableResult<Vec<&'a Series>> {
    match posts {
        None => Ok(series.iter().collect()),
        Some(names) => names
            .iter()
            .map(|n| {
                series.iter().find(|s| &s.post == n).ok_or_else(|| {
                    let known: Vec<String> =
                        series.iter().map(|s| format!("`{}`", s.post)).collect();
                    format!(
                        "måttet `{n}` finns inte i tabellen; där finns {}",
                        known.join(", ")
                    )
                })
            })
            .collect(),
    }
}

/// The "Tillgänglighet" table: kategori, the month's value, the year's goal, the R12 trend
/// and (when given) a comment per measure; a comment must name a measure of `series`.
pub fn overview(
    series: &[Series],
    period: Period,
    posts: Option<&[String]>,
    comments: Option<&BTreeMap<String, String>>,
    threshold: Decimal,
) -> TableResult<Table> {
    if let Some(comments) = comments
        && let Some(unknown) = comments
            .keys()
            .find(|k| !series.iter().any(|s| &s.post == *k))
    {
        return Err(format!(
            "`kommentarer` nämner `{unknown}`, som inte är ett mått i tabellen"
        ));
    }
    let chosen = select(series, posts)?;
    let mut columns = vec![
        text_column("Kategori", chosen.iter().map(|s| Some(s.post.clone()))),
        text_column(
            "Tillgänglighet",
            chosen
                .iter()
                .map(|s| s.value(period).map(|v| value_label(v, s.is_time()))),
        ),
        text_column(
            &format!("Mål {}", period.year),
            chosen
                .iter()
                .map(|s| s.goal(period).map(|g| goal_label(g, s.is_time()))),
        ),
        text_column(
            "Trend R12",
            chosen
                .iter()
                .map(|s| s.trend(period, threshold).map(|t| t.label().to_string())),
        ),
    ];
    if let Some(comments) = comments {
        columns.push(text_column(
            "Kommentar",
            chosen.iter().map(|s| comments.get(&s.post).cloned()),
        ));
    }
    Table::new(columns)
}

/// The vårdgaranti table: per share measure the month's share, goal and status, the national
/// share of the month before (published with a month's lag), the change from last month in
/// percentage points, and the waiting list.
pub fn guarantee(
    series: &[Series],
    period: Period,
    posts: Option<&[String]>,
) -> TableResult<Table> {
    let chosen: Vec<&Series> = select(series, posts)?
        .into_iter()
        .filter(|s| posts.is_some() || s.is_share())
        .collect();
    if let Some(s) = chosen.iter().find(|s| !s.is_share()) {
        return Err(format!(
            "`{}` är inget vårdgarantimått (det saknar rader med typ inom, eller är en väntetid)",
            s.post
        ));
    }
    let prev = period.add_months(-1);
    let dec = |name: &str, f: &dyn Fn(&Series) -> Option<Decimal>, format: Format| {
        decimal_column(name, chosen.iter().map(|s| f(s)), format)
    };
    let diff = |a: Option<Decimal>, b: Option<Decimal>| Some(a? - b?);
    let columns = vec![
        text_column("Mått", chosen.iter().map(|s| Some(s.post.clone()))),
        dec("Andel", &|s| s.value(period), Format::pct(1)),
        text_column(
            "Mål",
            chosen.iter().map(|s| s.goal(period).map(|g| g.label())),
        ),
        text_column(
            "Status",
            chosen.iter().map(|s| {
                let (g, v) = (s.goal(period)?, s.value(period)?);
                Some(
                    if g.reached(v, 1) {
                        "uppfyllt"
                    } else {
                        "ej uppfyllt"
                    }
                    .to_string(),
                )
            }),
        ),
        dec(
            &format!("Riket {} {}", prev.short_name(), prev.year),
            &|s| s.national(prev),
            Format::pct(1),
        ),
        dec(
            "Förändring mot fg månad, procentenheter",
            &|s| diff(s.value(period), s.value(prev)),
            Format::dec(Some(1)).signed(),
        ),
        dec("Väntande", &|s| s.total(period), Format::int()),
        dec(
            "Väntat längre än garantin",
            &|s| s.beyond(period),
            Format::int(),
        ),
        dec(
            "Väntat över 365 dagar",
            &|s| s.over_365(period),
            Format::int(),
        ),
        dec(
            "Väntande, förändring mot fg månad",
            &|s| diff(s.total(period), s.total(prev)),
            Format::int().signed(),
        ),
    ];
    Table::new(columns)
}

/// The rolling-twelve-month value of each measure for the `months` months up to `period`:
/// one row per month, one column per measure (shares in percent, times as `14:58 min`).
pub fn rolling_table(
    series: &[Series],
    period: Period,
    posts: Option<&[String]>,
    months: u32,
) -> TableResult<Table> {
    let chosen = select(series, posts)?;
    let periods: Vec<Period> = (0..i64::from(months))
        .rev()
        .map(|back| period.add_months(-back))
        .collect();
    let mut columns = vec![Column::new(
        "Period",
        Values::Period(periods.iter().map(|p| Some(*p)).collect()),
    )];
    let pct = Format::pct(1);
    for s in chosen {
        let values = periods.iter().map(|p| s.rolling(*p));
        let column = if s.is_time() {
            text_column(&s.post, values.map(|v| v.map(|v| value_label(v, true))))
        } else {
            let mut c = Column::new(&s.post, Values::Decimal(values.collect()));
            c.format = Some(pct);
            c
        };
        columns.push(column);
    }
    Table::new(columns)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    /// period, enhet, post, typ, value.
    fn data(rows: &[Row]) -> Table {
        let text = |f: &dyn Fn(&Row) -> String| {
            Values::Text(rows.iter().map(|r| Some(Arc::from(f(r)))).collect())
        };
        Table::new(vec![
            Column::new(
                "period",
                Values::Period(rows.iter().map(|r| Period::parse(&r.0)).collect()),
            ),
            Column::new("enhet", text(&|r| r.1.to_string())),
            Column::new("post", text(&|r| r.2.to_string())),
            Column::new("typ", text(&|r| r.3.to_string())),
            Column::new(
                "varde",
                Values::Int(rows.iter().map(|r| Some(r.4)).collect()),
            ),
        ])
        .expect("table")
    }

    type Row = (String, &'static str, &'static str, &'static str, i64);

    /// 24 months of a share measure: `within(k)` of 1 000 in month k (0 = 2022-01), two units.
    fn share_rows(
        post: &'static str,
        within: impl Fn(i64) -> i64,
    ) -> Vec<(String, &'static str, &'static str, &'static str, i64)> {
        let mut rows = Vec::new();
        for k in 0..24 {
            let period = p("2022-01").add_months(k).to_string();
            let w = within(k);
            rows.push((period.clone(), "A", post, "inom", w / 2));
            rows.push((period.clone(), "B", post, "inom", w - w / 2));
            rows.push((period.clone(), "A", post, "totalt", 600));
            rows.push((period, "B", post, "totalt", 400));
        }
        rows
    }

    #[test]
    fn kinds_are_read_whatever_their_case() {
        assert_eq!(Typ::parse("inom"), Some(Typ::Inom));
        assert_eq!(Typ::parse(" TOTALT "), Some(Typ::Totalt));
        assert_eq!(Typ::parse("VÄNTETID"), Some(Typ::Vantetid));
        assert_eq!(Typ::parse("Över_365"), Some(Typ::Over365));
        assert_eq!(Typ::parse("Mål"), Some(Typ::Mal));
        assert_eq!(Typ::parse("MÅL_MAX"), Some(Typ::MalMax));
        assert_eq!(Typ::parse("mal_min"), None);
    }

    #[test]
    fn shares_goals_national_and_waiting() {
        let mut rows = share_rows("Besök 90 dagar", |k| 700 + k * 5);
        rows.push(("2022-01".into(), "HSF", "Besök 90 dagar", "mal", 95));
        rows.push(("2023-01".into(), "HSF", "Besök 90 dagar", "mal", 90));
        rows.push(("2023-11".into(), "Riket", "Besök 90 dagar", "riket", 72));
        rows.push(("2023-12".into(), "A", "Besök 90 dagar", "over_365", 30));
        let t = data(&rows);
        let s = &read(&t, &Layout::default()).expect("read")[0];
        let dec = Period::parse("2023-12").expect("p");
        // Month 23: 700 + 115 = 815 of 1 000.
        assert_eq!(s.value(dec), Some(Decimal::new(815, 1)));
        assert_eq!(s.beyond(dec), Some(Decimal::from(185)));
        assert_eq!(s.goal(dec), Some(Goal::AtLeast(Decimal::from(90))));
        assert_eq!(s.goal(p("2022-06")), Some(Goal::AtLeast(Decimal::from(95))));
        assert_eq!(s.goal(p("2021-12")), None);
        // R12 2023: months 12–23 → (700·12 + 5·(12+…+23)) / 12 000 = 78,75 %.
        assert_eq!(s.rolling(dec), Some(Decimal::new(7875, 2)));
        // 2022: (8 400 + 5·66) / 12 000 = 72,75 %; November 2022's window reaches into 2021.
        assert_eq!(s.rolling(p("2022-12")), Some(Decimal::new(7275, 2)));
        assert_eq!(s.rolling(p("2022-11")), None);
        assert_eq!(s.trend(dec, Decimal::from(2)), Some(Trend::Positive));
        let r = rolling_table(std::slice::from_ref(s), dec, None, 14).expect("r12");
        assert_eq!(r.names(), ["Period", "Besök 90 dagar"]);
        let r12 = &r.columns[1].values;
        assert_eq!(r12.decimal(0), None, "November 2022 needs 2021");
        assert_eq!(r12.decimal(1), Some(Decimal::new(7275, 2)));
        assert_eq!(r12.decimal(13), Some(Decimal::new(7875, 2)));
        let g = guarantee(&read(&t, &Layout::default()).expect("r"), dec, None).expect("g");
        assert_eq!(g.names()[4], "Riket nov 2023");
        let col = |n: &str| g.column(n).expect("col").values.get(0);
        assert_eq!(col("Status").label(), "ej uppfyllt");
        assert_eq!(col("Riket nov 2023").label(), "72");
        assert_eq!(
            col("Förändring mot fg månad, procentenheter").label(),
            "0,5"
        );
        assert_eq!(col("Väntat över 365 dagar").label(), "30");
        assert_eq!(col("Väntande, förändring mot fg månad").label(), "0");
    }

    #[test]
    fn trend_follows_the_goal_direction_and_threshold() {
        let t = data(&share_rows("Väntetid", |k| if k < 12 { 800 } else { 810 }));
        let s = &read(&t, &Layout::default()).expect("read")[0];
        let dec = p("2023-12");
        // 80 % → 81 %: +1,25 % relative, inside a 2 % threshold.
        assert_eq!(s.trend(dec, Decimal::from(2)), Some(Trend::Neutral));
        assert_eq!(s.trend(dec, Decimal::ONE), Some(Trend::Positive));
        let mut rows = share_rows("Beläggning", |k| if k < 12 { 920 } else { 960 });
        rows.push(("2022-01".into(), "HSF", "Beläggning", "mal", 85));
        rows.push(("2022-01".into(), "HSF", "Beläggning", "mal_max", 90));
        let s = &read(&data(&rows), &Layout::default()).expect("read")[0];
        // Above the 85–90 % range and rising: negative.
        assert_eq!(s.trend(dec, Decimal::from(2)), Some(Trend::Negative));
        assert_eq!(
            s.goal(dec).map(|g| goal_label(g, false)),
            Some("85\u{2013}90\u{a0}%".into())
        );
    }

    #[test]
    fn mean_waiting_time_in_minutes_and_seconds() {
        let mut rows = Vec::new();
        for k in 0..24 {
            let period = p("2022-01").add_months(k).to_string();
            // 1 200 s falling to 898 s.
            let mean = if k == 13 { 898 } else { 1200 - k * 10 };
            rows.push((period.clone(), "1177", "1177", "vantetid", mean * 1000));
            rows.push((period, "1177", "1177", "totalt", 1000));
        }
        rows.push(("2022-01".into(), "HSF", "1177", "mal_max", 480));
        let series = read(&data(&rows), &Layout::default()).expect("read");
        let feb = p("2023-02");
        let s = &series[0];
        assert!(s.is_time() && !s.is_share());
        assert_eq!(
            value_label(s.value(feb).expect("v"), true),
            "14:58\u{a0}min"
        );
        assert_eq!(goal_label(s.goal(feb).expect("g"), true), "8\u{a0}min");
        assert_eq!(
            s.trend(p("2023-12"), Decimal::from(2)),
            Some(Trend::Positive)
        );
        let t = overview(&series, feb, None, None, Decimal::from(2)).expect("table");
        assert_eq!(
            t.names(),
            ["Kategori", "Tillgänglighet", "Mål 2023", "Trend R12"]
        );
        // A comment per measure is a column; one naming no measure is an error.
        let comments = BTreeMap::from([("1177".to_string(), "Ny växel".to_string())]);
        let t = overview(&series, feb, None, Some(&comments), Decimal::from(2)).expect("table");
        assert_eq!(
            t.column("Kommentar").expect("k").values.get(0).label(),
            "Ny växel"
        );
        let typo = BTreeMap::from([("1777".to_string(), "x".to_string())]);
        let err = overview(&series, feb, None, Some(&typo), Decimal::from(2)).expect_err("typo");
        assert_eq!(
            err,
            "`kommentarer` nämner `1777`, som inte är ett mått i tabellen"
        );
        // A time is not a guarantee share.
        let err = guarantee(&series, feb, Some(&["1177".to_string()])).expect_err("a time");
        assert!(err.contains("`1177` är inget vårdgarantimått"), "{err}");
        assert_eq!(guarantee(&series, feb, None).expect("g").len(), 0);
    }

    #[test]
    fn a_unit_appearing_mid_year_and_unknown_kinds() {
        let t = data(&[
            ("2023-05".into(), "Ny", "BUP", "inom", 3),
            ("2023-05".into(), "Ny", "BUP", "totalt", 4),
        ]);
        let s = &read(&t, &Layout::default()).expect("read")[0];
        assert_eq!(s.value(p("2023-05")), Some(Decimal::from(75)));
        assert_eq!(s.value(p("2023-04")), None);
        assert_eq!(s.trend(p("2023-05"), Decimal::from(2)), None);
        let bad = data(&[("2023-05".into(), "Ny", "BUP", "utfall", 3)]);
        let err = read(&bad, &Layout::default()).expect_err("kind");
        assert!(err.contains("rad 1") && err.contains("`utfall`"), "{err}");
    }

    #[test]
    fn minutes_of_negative_and_huge_times_keep_sign_and_size() {
        assert_eq!(minutes(Decimal::from(898)), "14:58\u{a0}min");
        assert_eq!(minutes(Decimal::from(-90)), "\u{2212}1:30\u{a0}min");
        let huge = Decimal::from(i64::MAX) * Decimal::from(60);
        assert_eq!(minutes(huge), format!("{}:00\u{a0}min", i64::MAX));
    }
}
