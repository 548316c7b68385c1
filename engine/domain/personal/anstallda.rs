//! Antal anställda: the average number of employees over a period from an HR export, split
//! into monthly paid staff (tillsvidare and visstid, women and men) and hourly paid staff,
//! against the same months last year.
//!
//! # The HR export
//!
//! One row per month and group, with the number of employees in it (or one row per person
//! and month, without `antal`):
//!
//! | column             | holds                                                        |
//! |--------------------|--------------------------------------------------------------|
//! | `period`           | the month (`ÅÅÅÅ-MM`)                                        |
//! | `anstallningsform` | `Tillsvidare` or `Visstid`                                   |
//! | `loneform`         | `Månadslön` or `Timlön`                                      |
//! | `kon`              | `Kvinna` or `Man`                                            |
//! | `antal`            | the number of employees (optional; without it a row is one)  |
//!
//! Other columns (`forvaltning`, `enhet` …) may be used to split the table with `per`.
//!
//! # The average
//!
//! The average over a window of months is the sum of each month's count divided by the
//! number of months in the window that the export has rows for, so a unit missing in some
//! months counts as none in them; a window without data, or a unit without rows in it, gives
//! an empty cell.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::domain::column::{decimal_column, text_column};
use crate::domain::long::{period_column, rename, text_cells};
use crate::domain::procent;
use crate::period::Period;
use crate::table::{Format, Key, RowKind, Table, TableResult, Values};

/// Which of the export's columns hold the HR layout's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HrColumns {
    pub period: String,
    pub anstallningsform: String,
    pub loneform: String,
    pub kon: String,
    pub antal: String,
}

impl Default for HrColumns {
    fn default() -> HrColumns {
        HrColumns {
            period: "period".into(),
            anstallningsform: "anstallningsform".into(),
            loneform: "loneform".into(),
            kon: "kon".into(),
            antal: "antal".into(),
        }
    }
}

impl HrColumns {
    /// Rename some columns: `pairs` are (canonical name, the export's name).
    pub fn mapped<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<HrColumns, String> {
        let mut c = HrColumns::default();
        let HrColumns {
            period,
            anstallningsform,
            loneform,
            kon,
            antal,
        } = &mut c;
        rename(
            pairs,
            vec![
                ("period", period),
                ("anstallningsform", anstallningsform),
                ("loneform", loneform),
                ("kon", kon),
                ("antal", antal),
            ],
        )?;
        Ok(c)
    }
}

/// The months averaged over: `months` months ending at `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub to: Period,
    pub months: i64,
}

impl Window {
    /// January up to `period` (the year to date).
    pub fn year_to_date(period: Period) -> Window {
        Window {
            to: period,
            months: i64::from(period.month),
        }
    }

    fn from(self) -> Period {
        self.to.add_months(1 - self.months)
    }

    fn contains(self, p: Period) -> bool {
        p >= self.from() && p <= self.to
    }

    /// The same months a year earlier.
    pub fn last_year(self) -> Window {
        Window {
            to: self.to.last_year(),
            months: self.months,
        }
    }
}

/// Counts per group summed over a window, with the number of months that had data.
#[derive(Debug, Clone, Default)]
struct Sums {
    total: Decimal,
    tillsvidare: Decimal,
    visstid: Decimal,
    kvinnor: Decimal,
    man: Decimal,
    timavlonade: Decimal,
}

/// The export's rows, checked once.
pub struct Export<'a> {
    period: &'a crate::table::Nullable<Period>,
    form: &'a crate::table::Dictionary,
    pay: &'a crate::table::Dictionary,
    sex: &'a crate::table::Dictionary,
    count: Option<&'a Values>,
}

impl<'a> Export<'a> {
    pub fn new(t: &'a Table, columns: &HrColumns) -> TableResult<Export<'a>> {
        let count = match t.position(&columns.antal) {
            Err(_) => None,
            Ok(_) => Some(crate::domain::long::number_column(t, &columns.antal)?),
        };
        let export = Export {
            period: period_column(t, &columns.period)?,
            form: text_cells(t, &columns.anstallningsform)?,
            pay: text_cells(t, &columns.loneform)?,
            sex: text_cells(t, &columns.kon)?,
            count,
        };
        // Every row says what it is, so nobody is counted in the wrong group silently.
        for r in 0..export.period.len() {
            export
                .kind(r)
                .map_err(|e| format!("rad {} i personalexporten: {e}", r + 1))?;
        }
        Ok(export)
    }

    /// The row's (monthly paid, tillsvidare, woman).
    fn kind(&self, r: usize) -> TableResult<(bool, bool, bool)> {
        let word = |cells: &crate::table::Dictionary, column: &str| -> TableResult<String> {
            cells
                .str(r)
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .ok_or_else(|| format!("`{column}` är tom"))
        };
        let monthly = match word(self.pay, "loneform")?.as_str() {
            "månadslön" | "manadslon" | "månadsavlönad" | "månad" => true,
            "timlön" | "timlon" | "timavlönad" | "tim" => false,
            other => {
                return Err(format!(
                    "`loneform` är `{other}`; den ska vara Månadslön eller Timlön"
                ));
            }
        };
        let permanent = match word(self.form, "anstallningsform")?.as_str() {
            "tillsvidare" | "tillsvidareanställd" | "tillsvidareanställning" => true,
            "visstid" | "visstidsanställd" | "visstidsanställning" | "vikariat" => false,
            other => {
                return Err(format!(
                    "`anstallningsform` är `{other}`; den ska vara Tillsvidare eller Visstid"
                ));
            }
        };
        let woman = match word(self.sex, "kon")?.as_str() {
            "kvinna" | "k" | "kvinnor" => true,
            "man" | "m" | "män" => false,
            other => return Err(format!("`kon` är `{other}`; den ska vara Kvinna eller Man")),
        };
        Ok((monthly, permanent, woman))
    }

    fn count(&self, r: usize) -> Decimal {
        match self.count {
            Some(v) => v.decimal(r).unwrap_or_default(),
            None => Decimal::ONE,
        }
    }

    /// The number of months in `w` with rows.
    fn months_with_data(&self, w: Window) -> usize {
        let mut months: Vec<Period> = self
            .period
            .iter()
            .flatten()
            .filter(|p| w.contains(*p))
            .collect();
        months.sort_unstable();
        months.dedup();
        months.len()
    }

    /// Sums per key over `w` (rows whose key is `None` are left out).
    fn sums_by<K: std::hash::Hash + Eq + Clone>(
        &self,
        w: Window,
        key: impl Fn(usize) -> Option<K>,
    ) -> TableResult<Vec<(K, Sums)>> {
        let mut index: HashMap<K, usize> = HashMap::new();
        let mut out: Vec<(K, Sums)> = Vec::new();
        for r in 0..self.period.len() {
            let Some(p) = self.period.get(r) else {
                continue;
            };
            if !w.contains(p) {
                continue;
            }
            let Some(k) = key(r) else { continue };
            let i = *index.entry(k.clone()).or_insert_with(|| {
                out.push((k, Sums::default()));
                out.len() - 1
            });
            let (monthly, permanent, woman) = self.kind(r)?;
            let n = self.count(r);
            let s = &mut out[i].1;
            let add = |slot: &mut Decimal| -> TableResult<()> {
                *slot = slot
                    .checked_add(n)
                    .ok_or_else(|| crate::domain::long::overflow(r, n))?;
                Ok(())
            };
            if !monthly {
                add(&mut s.timavlonade)?;
                continue;
            }
            add(&mut s.total)?;
            add(if permanent {
                &mut s.tillsvidare
            } else {
                &mut s.visstid
            })?;
            add(if woman { &mut s.kvinnor } else { &mut s.man })?;
        }
        Ok(out)
    }

    fn has_hourly(&self) -> bool {
        (0..self.period.len()).any(|r| matches!(self.kind(r), Ok((false, _, _))))
    }
}

/// A sum over `months` months as an average (`None` without months).
fn average(sum: Decimal, months: usize) -> Option<Decimal> {
    sum.checked_div(Decimal::from(months))
}

/// One row of the headcount table: now and the same months last year.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadcountRow {
    pub label: String,
    pub kind: RowKind,
    pub ar: Option<Decimal>,
    pub fg: Option<Decimal>,
}

impl HeadcountRow {
    pub fn change(&self) -> Option<Decimal> {
        self.ar?.checked_sub(self.fg?)
    }

    /// The change in percent of last year's average; none on a zero base.
    pub fn change_pct(&self) -> Option<Decimal> {
        procent::growth(self.ar?, self.fg?)
    }
}

/// The average headcount over `w` and the same months last year: monthly paid staff with
/// tillsvidare, visstid, women and men as parts, and the hourly paid when the export has any.
pub fn headcount(export: &Export, w: Window) -> TableResult<Vec<HeadcountRow>> {
    let now = export.sums_by(w, |_| Some(()))?;
    let before = export.sums_by(w.last_year(), |_| Some(()))?;
    let (m_now, m_before) = (
        export.months_with_data(w),
        export.months_with_data(w.last_year()),
    );
    let get = |sums: &[((), Sums)], months: usize, f: fn(&Sums) -> Decimal| {
        if months == 0 {
            return None;
        }
        average(sums.first().map(|(_, s)| f(s)).unwrap_or_default(), months)
    };
    let line = |label: &str, kind: RowKind, f: fn(&Sums) -> Decimal| HeadcountRow {
        label: label.to_string(),
        kind,
        ar: get(&now, m_now, f),
        fg: get(&before, m_before, f),
    };
    let mut rows = vec![
        line("Månadsavlönade", RowKind::Data, |s| s.total),
        line("tillsvidareanställda", RowKind::Varav, |s| s.tillsvidare),
        line("visstidsanställda", RowKind::Varav, |s| s.visstid),
        line("kvinnor", RowKind::Varav, |s| s.kvinnor),
        line("män", RowKind::Varav, |s| s.man),
    ];
    if export.has_hourly() {
        rows.push(line("Timavlönade", RowKind::Data, |s| s.timavlonade));
    }
    Ok(rows)
}

/// The average number of monthly paid employees per value of the column `per` over `w` and
/// the same months last year, in the order the values first appear, and a total row.
pub fn headcount_per(
    t: &Table,
    export: &Export,
    w: Window,
    per: &str,
) -> TableResult<Vec<HeadcountRow>> {
    let keys = &*t.column(per)?.values;
    let key = |r: usize| match keys.key(r) {
        Key::Null => None,
        k => Some(k),
    };
    let now = export.sums_by(w, key)?;
    let before = export.sums_by(w.last_year(), key)?;
    let (m_now, m_before) = (
        export.months_with_data(w),
        export.months_with_data(w.last_year()),
    );
    let mut order: Vec<Key> = now.iter().map(|(k, _)| *k).collect();
    for (k, _) in &before {
        if !order.contains(k) {
            order.push(*k);
        }
    }
    let find = |sums: &[(Key, Sums)], months: usize, k: &Key| {
        if months == 0 {
            return None;
        }
        // A unit without rows in the window (new, or gone) is empty there, not 0.
        let total = sums.iter().find(|(g, _)| g == k).map(|(_, s)| s.total)?;
        average(total, months)
    };
    let mut rows: Vec<HeadcountRow> = order
        .iter()
        .map(|k| HeadcountRow {
            label: k.to_value().label(),
            kind: RowKind::Data,
            ar: find(&now, m_now, k),
            fg: find(&before, m_before, k),
        })
        .collect();
    let sum = |f: fn(&HeadcountRow) -> Option<Decimal>| {
        rows.iter()
            .filter_map(f)
            .try_fold(None::<Decimal>, |acc, v| {
                Some(Some(acc.unwrap_or_default().checked_add(v)?))
            })
            .ok_or("summan av antalet anställda blir för stor för ett tal".to_string())
    };
    let total = HeadcountRow {
        label: "Totalt".into(),
        kind: RowKind::Total,
        ar: sum(|r| r.ar)?,
        fg: sum(|r| r.fg)?,
    };
    rows.push(total);
    Ok(rows)
}

/// The rows as a table: the label column `label`, then last year, this year, the change
/// and the change in percent.
pub fn headcount_table(label: &str, rows: &[HeadcountRow], format: Format) -> TableResult<Table> {
    let mut t = Table::new(vec![
        text_column(label, rows.iter().map(|r| r.label.clone())),
        decimal_column("Föregående år", rows.iter().map(|r| r.fg), format),
        decimal_column("Innevarande år", rows.iter().map(|r| r.ar), format),
        decimal_column(
            "Förändring",
            rows.iter().map(HeadcountRow::change),
            format.signed(),
        ),
        decimal_column(
            "Förändring %",
            rows.iter().map(HeadcountRow::change_pct),
            Format::pct(1).signed(),
        ),
    ])?;
    t.kinds = Arc::new(rows.iter().map(|r| r.kind).collect());
    if rows.iter().any(|r| r.kind == RowKind::Varav) {
        t.varav_column = Some(label.to_string());
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testdata::p;
    use crate::table::Column;

    type Row = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        i64,
    );

    fn export(rows: &[Row]) -> Table {
        let text = |f: fn(&Row) -> &'static str| {
            Values::Text(rows.iter().map(|r| Some(Arc::from(f(r)))).collect())
        };
        Table::new(vec![
            Column::new(
                "period",
                Values::Period(rows.iter().map(|r| Period::parse(r.0)).collect()),
            ),
            Column::new("forvaltning", text(|r| r.1)),
            Column::new("anstallningsform", text(|r| r.2)),
            Column::new("loneform", text(|r| r.3)),
            Column::new("kon", text(|r| r.4)),
            Column::new(
                "antal",
                Values::Int(rows.iter().map(|r| Some(r.5)).collect()),
            ),
        ])
        .expect("export")
    }

    fn d(n: i64) -> Option<Decimal> {
        Some(Decimal::from(n))
    }

    #[test]
    fn average_over_the_months_split_by_form_and_sex() {
        let t = export(&[
            ("2024-01", "HSF", "Tillsvidare", "Månadslön", "Kvinna", 80),
            ("2024-01", "HSF", "Visstid", "Månadslön", "Man", 10),
            ("2024-02", "HSF", "Tillsvidare", "Månadslön", "Kvinna", 90),
            ("2024-02", "HSF", "Visstid", "Månadslön", "Man", 20),
            ("2024-02", "RF", "Tillsvidare", "Månadslön", "Man", 10),
            ("2024-02", "HSF", "Visstid", "Timlön", "Kvinna", 6),
            ("2023-01", "HSF", "Tillsvidare", "Månadslön", "Kvinna", 100),
            ("2023-02", "HSF", "Tillsvidare", "Månadslön", "Kvinna", 100),
        ]);
        let e = Export::new(&t, &HrColumns::default()).expect("export");
        let rows = headcount(&e, Window::year_to_date(p("2024-02"))).expect("rows");
        let get = |label: &str| rows.iter().find(|r| r.label == label).expect(label).clone();
        // (90 + 120) / 2 months = 105; last year 100.
        assert_eq!(get("Månadsavlönade").ar, d(105));
        assert_eq!(get("Månadsavlönade").fg, d(100));
        assert_eq!(get("Månadsavlönade").change(), d(5));
        assert_eq!(get("Månadsavlönade").change_pct(), d(5));
        assert_eq!(get("tillsvidareanställda").ar, d(90));
        assert_eq!(get("visstidsanställda").ar, d(15));
        assert_eq!(get("kvinnor").ar, d(85));
        assert_eq!(get("män").ar, d(20));
        // Hourly paid are not employees in the monthly count; shown on their own row.
        assert_eq!(get("Timavlönade").ar, d(3));
        assert_eq!(get("Timavlönade").fg, d(0));
        // Per förvaltning: RF only in February counts 0 in January: 10 / 2 = 5.
        let per =
            headcount_per(&t, &e, Window::year_to_date(p("2024-02")), "forvaltning").expect("per");
        let labels: Vec<(&str, Option<Decimal>)> =
            per.iter().map(|r| (r.label.as_str(), r.ar)).collect();
        assert_eq!(labels, [("HSF", d(100)), ("RF", d(5)), ("Totalt", d(105))]);
        assert_eq!(per[1].fg, None);
        assert_eq!(per[1].change(), None);
        // A window of one month: the count that month.
        let one = headcount(
            &e,
            Window {
                to: p("2024-02"),
                months: 1,
            },
        )
        .expect("rows");
        assert_eq!(one[0].ar, d(120));
        // No data last year at all: empty, not zero.
        let later = headcount(&e, Window::year_to_date(p("2025-02"))).expect("rows");
        assert_eq!(later[0].ar, None);
        assert_eq!(later[0].fg, d(105));
    }

    #[test]
    fn unknown_words_name_the_row_and_what_is_allowed() {
        let t = export(&[("2024-01", "HSF", "Provanställd", "Månadslön", "Kvinna", 1)]);
        let err = Export::new(&t, &HrColumns::default()).err().expect("error");
        assert!(
            err.contains("rad 1") && err.contains("`Provanställd`".to_lowercase().as_str()),
            "{err}"
        );
        assert!(err.contains("Tillsvidare eller Visstid"), "{err}");
        let mapped = HrColumns::mapped([("antal", "Antal anställda")]).expect("mapped");
        assert_eq!(mapped.antal, "Antal anställda");
        assert!(HrColumns::mapped([("lon", "x")]).is_err());
    }
}
