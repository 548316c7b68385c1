//! Personal: sick leave (sjukfrånvaro), worked time to full-time equivalents (årsarbetare) and
//! dependence on hired staff, from the long layout with the extra columns `kon`,
//! `aldersgrupp` and `yrkesgrupp`.
//!
//! # Data layout
//!
//! The same long layout as the rest of the domain library (`period`, `enhet`, `post`, `varde`;
//! a `typ` column is optional and, when present, only `utfall` rows count), plus:
//!
//! | column        | used by        | holds                                              |
//! |---------------|----------------|----------------------------------------------------|
//! | `kon`         | sick leave     | `Kvinna` or `Man`                                  |
//! | `aldersgrupp` | sick leave     | `-29`, `30-49`, `50-`                              |
//! | `yrkesgrupp`  | worked time    | `Läkare`, `Sjuksköterskor`, `Undersköterskor`, `Övriga` |
//!
//! Sick-leave posts (hours): [`ORDINARIE`] scheduled working time, [`SJUK`] all sick hours,
//! [`SJUK_KORT`] sick hours in days 1–14 of a spell, [`SJUK_LANG`] sick hours in spells longer
//! than 60 days. Sick leave % = sick hours / scheduled hours × 100; short-term sick leave is
//! also a share of scheduled hours; the long-term share is a share of the sick hours.
//!
//! Worked-time posts (hours, see [`WORKED_POSTS`]) and the cost posts [`KOSTNAD_EGEN`] and
//! [`KOSTNAD_INHYRD`] (kronor) for the dependence on hired staff.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::period::Period;
use crate::table::{Table, TableResult, Values};

pub const ORDINARIE: &str = "ordinarie_tid";
pub const SJUK: &str = "sjuktimmar";
pub const SJUK_KORT: &str = "sjuktimmar_dag1_14";
pub const SJUK_LANG: &str = "sjuktimmar_over_60";

pub const EGEN: &str = "egen_personal";
pub const OVERTID: &str = "overtid_mertid";
pub const TIMAVLONADE: &str = "timavlonade";
pub const RESURS: &str = "resursenheten";
pub const INHYRD: &str = "inhyrd_personal";
pub const JUST_DAGAR: &str = "justering_arbetsdagar";
pub const JUST_SKOTTDAG: &str = "justering_skottdag";
pub const JOUR: &str = "jour_beredskap";
pub const KOSTNAD_EGEN: &str = "kostnad_egen_personal";
pub const KOSTNAD_INHYRD: &str = "kostnad_inhyrd_personal";

/// The worked-time posts a table may hold, in the order the report shows them.
pub const WORKED_POSTS: [&str; 8] = [
    EGEN,
    OVERTID,
    TIMAVLONADE,
    RESURS,
    INHYRD,
    JUST_DAGAR,
    JUST_SKOTTDAG,
    JOUR,
];

/// Hours in a full-time year (årsarbetare): 1 725 hours reproduces the HSF report's
/// 5 033 (2023) and 4 862 (2022) årsarbetare from 723 527 and 698 890 hours in one month.
pub const ARSNORM_TIMMAR: i64 = 1725;

/// Which of a table's columns hold the layout's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub period: String,
    pub enhet: String,
    pub post: String,
    pub typ: String,
    pub varde: String,
    pub kon: String,
    pub aldersgrupp: String,
    pub yrkesgrupp: String,
}

impl Default for Names {
    fn default() -> Names {
        Names {
            period: "period".into(),
            enhet: "enhet".into(),
            post: "post".into(),
            typ: "typ".into(),
            varde: "varde".into(),
            kon: "kon".into(),
            aldersgrupp: "aldersgrupp".into(),
            yrkesgrupp: "yrkesgrupp".into(),
        }
    }
}

impl Names {
    /// The canonical names a script can map in `kolumner`.
    pub const KEYS: [&'static str; 8] = [
        "period",
        "enhet",
        "post",
        "typ",
        "varde",
        "kon",
        "aldersgrupp",
        "yrkesgrupp",
    ];

    /// Rename some columns: `pairs` are (canonical name, the export's name).
    pub fn mapped<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Names, String> {
        let mut n = Names::default();
        for (canonical, actual) in pairs {
            let slot = match canonical {
                "period" => &mut n.period,
                "enhet" => &mut n.enhet,
                "post" => &mut n.post,
                "typ" => &mut n.typ,
                "varde" => &mut n.varde,
                "kon" => &mut n.kon,
                "aldersgrupp" => &mut n.aldersgrupp,
                "yrkesgrupp" => &mut n.yrkesgrupp,
                other => {
                    let known: Vec<String> = Names::KEYS.iter().map(|k| format!("`{k}`")).collect();
                    return Err(format!(
                        "`kolumner` känner inte till `{other}`; de kolumner som kan mappas är {}",
                        known.join(", ")
                    ));
                }
            };
            *slot = actual.to_string();
        }
        Ok(n)
    }
}

/// A table's rows seen through [`Names`]; optional columns are `None` when absent.
#[derive(Debug)]
pub struct Source<'a> {
    pub period: &'a [Option<Period>],
    pub enhet: Option<&'a [Option<Arc<str>>]>,
    pub post: &'a [Option<Arc<str>>],
    pub varde: &'a Values,
    pub kon: Option<&'a [Option<Arc<str>>]>,
    pub aldersgrupp: Option<&'a [Option<Arc<str>>]>,
    pub yrkesgrupp: Option<&'a [Option<Arc<str>>]>,
    /// Rows to leave out (a `typ` other than `utfall`).
    skip: Vec<bool>,
}

fn text<'a>(t: &'a Table, name: &str) -> TableResult<&'a [Option<Arc<str>>]> {
    match &*t.column(name)?.values {
        Values::Text(v) => Ok(v.as_slice()),
        other => Err(format!(
            "kolumnen `{name}` ska innehålla text, men innehåller {}",
            other.type_name()
        )),
    }
}

fn optional_text<'a>(t: &'a Table, name: &str) -> TableResult<Option<&'a [Option<Arc<str>>]>> {
    if t.position(name).is_err() {
        return Ok(None);
    }
    text(t, name).map(Some)
}

impl<'a> Source<'a> {
    /// Check `t` against the layout: `period`, `post` and `varde` are required.
    pub fn new(t: &'a Table, names: &Names) -> TableResult<Source<'a>> {
        let period = match &*t.column(&names.period)?.values {
            Values::Period(v) => v.as_slice(),
            other => {
                return Err(format!(
                    "kolumnen `{}` ska innehålla perioder (ÅÅÅÅ-MM), men innehåller {}",
                    names.period,
                    other.type_name()
                ));
            }
        };
        let post = text(t, &names.post)?;
        let varde = &*t.column(&names.varde)?.values;
        if !varde.is_numeric() {
            return Err(format!(
                "kolumnen `{}` ska innehålla tal, men innehåller {}",
                names.varde,
                varde.type_name()
            ));
        }
        let skip = match optional_text(t, &names.typ)? {
            None => vec![false; period.len()],
            Some(typ) => typ
                .iter()
                .map(|k| {
                    k.as_deref()
                        .is_some_and(|k| !k.trim().eq_ignore_ascii_case("utfall"))
                })
                .collect(),
        };
        Ok(Source {
            period,
            enhet: optional_text(t, &names.enhet)?,
            post,
            varde,
            kon: optional_text(t, &names.kon)?,
            aldersgrupp: optional_text(t, &names.aldersgrupp)?,
            yrkesgrupp: optional_text(t, &names.yrkesgrupp)?,
            skip,
        })
    }

    /// Rows with a value whose period lies in `from..=to`: (row, post, value).
    fn rows_in(
        &self,
        from: Period,
        to: Period,
    ) -> impl Iterator<Item = (usize, &str, Decimal)> + '_ {
        (0..self.period.len()).filter_map(move |r| {
            let p = self.period[r]?;
            if self.skip[r] || p < from || p > to {
                return None;
            }
            Some((r, self.post[r].as_deref()?.trim(), self.varde.decimal(r)?))
        })
    }

    /// Every period in the table, sorted, without repeats.
    pub fn periods(&self) -> Vec<Period> {
        let mut all: Vec<Period> = self.period.iter().flatten().copied().collect();
        all.sort();
        all.dedup();
        all
    }
}

/// Percent `part / whole × 100`; `None` when the whole is zero.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        None
    } else {
        Some(part * Decimal::ONE_HUNDRED / whole)
    }
}

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
}

/// Sick hours of the months `from..=to` per group; `key` names a row's group or leaves it out.
/// Groups come in the order their first row appears.
pub fn sick_hours_by(
    src: &Source,
    from: Period,
    to: Period,
    key: impl Fn(usize) -> Option<String>,
) -> Vec<(String, SickHours)> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(String, SickHours)> = Vec::new();
    for (r, post, value) in src.rows_in(from, to) {
        let Some(name) = key(r) else { continue };
        let slot = *index.entry(name.clone()).or_insert_with(|| {
            groups.push((name, SickHours::default()));
            groups.len() - 1
        });
        groups[slot].1.add(post, value);
    }
    groups
}

/// Sick hours of all rows in `from..=to`.
pub fn sick_hours(src: &Source, from: Period, to: Period) -> SickHours {
    sick_hours_by(src, from, to, |_| Some(String::new()))
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
    let both = |key: &dyn Fn(usize) -> Option<String>| {
        let a = sick_hours_by(src, before.0, before.1, key);
        let b = sick_hours_by(src, now.0, now.1, key);
        (a, b)
    };
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
    let mut grouped = |column: Option<&[Option<Arc<str>>]>,
                       label: fn(&str) -> String,
                       order: fn(&str) -> (i64, String)| {
        let Some(column) = column else { return };
        let key = |r: usize| column[r].as_deref().map(|s| s.trim().to_string());
        let (fg, ar) = both(&key);
        let mut names: Vec<String> = fg.iter().chain(ar.iter()).map(|(k, _)| k.clone()).collect();
        names.sort_by_key(|n| order(n));
        names.dedup();
        let find = |groups: &[(String, SickHours)], n: &str| {
            groups
                .iter()
                .find(|(k, _)| k == n)
                .and_then(|(_, h)| h.total())
        };
        for n in names {
            lines.push(SickLine {
                label: label(&n),
                fg: find(&fg, &n),
                ar: find(&ar, &n),
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
    let first_data = src.periods().into_iter().next();
    let mut out = Vec::new();
    for back in (0..months).rev() {
        let p = period.add_months(-back);
        let month = sick_hours(src, p, p);
        if month.ordinarie.is_zero() {
            continue;
        }
        let start = p.add_months(-11);
        let r12 = if first_data.is_some_and(|f| f <= start) {
            sick_hours(src, start, p).total()
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

/// The months worked time covers at `period` with `lag` months' delay: January up to
/// `period − lag` of the same year, or `None` (early in the year nothing has arrived yet).
pub fn lagged_months(period: Period, lag: i64) -> Option<(Period, Period)> {
    let end = period.add_months(-lag);
    (end.year == period.year).then(|| (end.year_start(), end))
}

/// Worked hours per post and yrkesgrupp ("" when the row has none) in `from..=to`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkedHours {
    sums: HashMap<(String, String), Decimal>,
    /// Yrkesgrupper in the order they appear.
    pub groups: Vec<String>,
}

impl WorkedHours {
    pub fn collect(src: &Source, months: Option<(Period, Period)>) -> WorkedHours {
        let mut w = WorkedHours::default();
        let Some((from, to)) = months else { return w };
        for (r, post, value) in src.rows_in(from, to) {
            let group = src
                .yrkesgrupp
                .and_then(|g| g[r].as_deref())
                .map(|g| g.trim().to_string())
                .unwrap_or_default();
            if !group.is_empty() && !w.groups.contains(&group) {
                w.groups.push(group.clone());
            }
            *w.sums.entry((post.to_string(), group)).or_default() += value;
        }
        w.groups.sort_by_key(|g| group_order(g));
        w
    }

    /// A post's hours, all yrkesgrupper together.
    pub fn post(&self, post: &str) -> Decimal {
        self.sums
            .iter()
            .filter(|((p, _), _)| p == post)
            .map(|(_, v)| *v)
            .sum()
    }

    /// A post's hours for one yrkesgrupp, `None` when no row has them.
    pub fn group(&self, post: &str, group: &str) -> Option<Decimal> {
        self.sums
            .get(&(post.to_string(), group.to_string()))
            .copied()
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
pub fn arsarbetare(hours: Decimal, months: i64, arsnorm: Decimal) -> Option<Decimal> {
    let norm = arsnorm * Decimal::from(months) / Decimal::from(12);
    if norm.is_zero() {
        None
    } else {
        Some(hours / norm)
    }
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
        percent(self.ar - self.fg, self.fg)
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
    use crate::table::Column;

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
        t.set_column(Column::new("typ", Values::Text(kinds)))
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

    #[test]
    fn column_mapping_and_layout_errors() {
        let names = Names::mapped([("varde", "Timmar")]).expect("names");
        assert_eq!(names.varde, "Timmar");
        let err = Names::mapped([("belopp", "X")]).expect_err("unknown");
        assert!(err.contains("`belopp`") && err.contains("`kon`"), "{err}");
        let t = sample();
        let err = Source::new(&t, &names).expect_err("missing column");
        assert!(err.contains("`Timmar` finns inte"), "{err}");
    }
}
