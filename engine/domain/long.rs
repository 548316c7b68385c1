//! The long data layout (period, unit, post, kind, value): column mapping, validation, and the
//! year-to-date and full-year comparison every report table is built from.

use std::collections::HashMap;
use std::hash::Hash;

use rust_decimal::Decimal;

use crate::number::{Overflow, checked_sum};
use crate::period::Period;
use crate::table::{Dictionary, Nullable, Table, TableResult, Values};

/// The canonical column names, in the order they are documented.
pub const COLUMNS: [&str; 5] = ["period", "enhet", "post", "typ", "varde"];

/// Which of a table's columns hold the layout's five columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub period: String,
    pub enhet: String,
    pub post: String,
    pub typ: String,
    pub varde: String,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            period: "period".into(),
            enhet: "enhet".into(),
            post: "post".into(),
            typ: "typ".into(),
            varde: "varde".into(),
        }
    }
}

impl Layout {
    /// The layout with some columns renamed: `pairs` are (canonical name, the export's name),
    /// as a script writes them in `kolumner: #{varde: "Belopp"}`.
    pub fn mapped<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Layout, String> {
        let mut layout = Layout::default();
        rename(pairs, layout.slots())?;
        Ok(layout)
    }

    /// Each canonical name with the column that holds it, for [`rename`]; a layout that
    /// extends this one (the personal columns) appends its own slots.
    pub fn slots(&mut self) -> Vec<(&'static str, &mut String)> {
        let Layout {
            period,
            enhet,
            post,
            typ,
            varde,
        } = self;
        vec![
            ("period", period),
            ("enhet", enhet),
            ("post", post),
            ("typ", typ),
            ("varde", varde),
        ]
    }

    /// The table's column for a canonical name (`enhet`); `None` for a name outside the
    /// layout.
    pub fn column(&self, name: &str) -> Option<&str> {
        Some(match name {
            "period" => &self.period,
            "enhet" => &self.enhet,
            "post" => &self.post,
            "typ" => &self.typ,
            "varde" => &self.varde,
            _ => return None,
        })
    }

    /// The mapping from a script's options map: its `kolumner` entry, if any.
    pub fn from_options(options: &rhai::Map) -> Result<Layout, String> {
        let pairs = column_names(options, "#{varde: \"Belopp\"}")?;
        Layout::mapped(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// Check `t` against the layout and borrow its columns.
    pub fn rows<'a>(&self, t: &'a Table) -> TableResult<Rows<'a>> {
        let period = period_column(t, &self.period)?;
        let enhet = text_cells(t, &self.enhet)?;
        let post = text_cells(t, &self.post)?;
        let typ_text = text_cells(t, &self.typ)?;
        let varde = number_column(t, &self.varde)?;
        let mut typ = Vec::with_capacity(typ_text.len());
        for (row, cell) in typ_text.iter().enumerate() {
            let kind = match cell.map(|c| &**c) {
                None => None,
                Some(text) => Some(Kind::parse(text).ok_or_else(|| {
                    format!(
                        "rad {} i tabellen: `{}` är `{text}`; det ska vara utfall, budget eller prognos",
                        row + 1,
                        self.typ
                    )
                })?),
            };
            typ.push(kind);
        }
        Ok(Rows {
            period,
            enhet,
            post,
            typ,
            varde,
        })
    }
}

/// Point each named slot at the export's column: `pairs` are (canonical name, the export's
/// name); a canonical name without a slot is an error listing the names that can be mapped.
pub fn rename<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    mut slots: Vec<(&str, &mut String)>,
) -> Result<(), String> {
    for (canonical, actual) in pairs {
        let Some((_, slot)) = slots.iter_mut().find(|(name, _)| *name == canonical) else {
            let known: Vec<String> = slots.iter().map(|(k, _)| format!("`{k}`")).collect();
            return Err(format!(
                "`kolumner` känner inte till `{canonical}`; de kolumner som kan mappas är {}",
                known.join(", ")
            ));
        };
        **slot = actual.to_string();
    }
    Ok(())
}

/// The (canonical name, export's name) pairs of a script's `kolumner` option (none when the
/// option is absent); `example` shows the form in the error for a value that is not a map.
pub fn column_names(options: &rhai::Map, example: &str) -> Result<Vec<(String, String)>, String> {
    let Some(value) = options.get("kolumner") else {
        return Ok(Vec::new());
    };
    let Some(map) = value.read_lock::<rhai::Map>() else {
        return Err(format!(
            "`kolumner` ska vara en map, t.ex. {example}, men är {}",
            value.type_name()
        ));
    };
    let mut pairs = Vec::with_capacity(map.len());
    for (k, v) in map.iter() {
        let Ok(name) = v.clone().into_immutable_string() else {
            return Err(format!("`kolumner.{k}` ska vara ett kolumnnamn (text)"));
        };
        pairs.push((k.to_string(), name.to_string()));
    }
    Ok(pairs)
}

/// The column `name` as periods, or an error naming the column and what it holds.
pub fn period_column<'a>(t: &'a Table, name: &str) -> TableResult<&'a Nullable<Period>> {
    match &*t.column(name)?.values {
        Values::Period(v) => Ok(v),
        other => Err(wrong_type(name, "perioder (ÅÅÅÅ-MM)", other)),
    }
}

/// The column `name` as text, or an error naming the column and what it holds.
pub fn text_cells<'a>(t: &'a Table, name: &str) -> TableResult<&'a Dictionary> {
    match &*t.column(name)?.values {
        Values::Text(v) => Ok(v),
        other => Err(wrong_type(name, "text", other)),
    }
}

/// The column `name` as text when the table has it; `None` when it does not.
pub fn optional_text_cells<'a>(t: &'a Table, name: &str) -> TableResult<Option<&'a Dictionary>> {
    if t.position(name).is_err() {
        return Ok(None);
    }
    text_cells(t, name).map(Some)
}

/// The column `name`'s values, checked to be numbers (integers or decimals).
pub fn number_column<'a>(t: &'a Table, name: &str) -> TableResult<&'a Values> {
    let values = &*t.column(name)?.values;
    if !values.is_numeric() {
        return Err(wrong_type(name, "tal", values));
    }
    Ok(values)
}

/// The error for a column holding the wrong kind of values.
pub fn wrong_type(name: &str, expected: &str, found: &Values) -> String {
    format!(
        "kolumnen `{name}` ska innehålla {expected}, men innehåller {}",
        found.type_name()
    )
}

/// What a value is: an outcome, a budget or a full-year forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Utfall,
    Budget,
    Prognos,
}

impl Kind {
    /// `utfall`, `Budget`, ` PROGNOS ` …
    /// Called once per row, so it compares without allocating: the three words are ASCII
    /// (and hold no `k`, the one ASCII letter a non-ASCII capital lowercases to), so an
    /// ASCII case-insensitive comparison accepts exactly what lowercasing would.
    pub fn parse(text: &str) -> Option<Kind> {
        let text = text.trim();
        [
            ("utfall", Kind::Utfall),
            ("budget", Kind::Budget),
            ("prognos", Kind::Prognos),
        ]
        .into_iter()
        .find_map(|(word, kind)| text.eq_ignore_ascii_case(word).then_some(kind))
    }
}

/// A table's rows seen through a [`Layout`].
#[derive(Debug)]
pub struct Rows<'a> {
    pub period: &'a crate::table::Nullable<Period>,
    pub enhet: &'a crate::table::Dictionary,
    pub post: &'a crate::table::Dictionary,
    pub typ: Vec<Option<Kind>>,
    pub varde: &'a Values,
}

impl Rows<'_> {
    pub fn len(&self) -> usize {
        self.period.len()
    }

    pub fn is_empty(&self) -> bool {
        self.period.is_empty()
    }

    /// The row's value, if the row has a period, a kind and a value.
    fn entry(&self, row: usize) -> Option<(Period, Kind, Decimal)> {
        Some((
            self.period.get(row)?,
            self.typ[row]?,
            self.varde.decimal(row)?,
        ))
    }

    /// Year-to-date and full-year figures at `period` per key. `key` names each row's group,
    /// or `None` to leave the row out. Groups come in the order their first row appears.
    /// The key can be anything hashable, so a caller can group on borrowed text (`&str`) or
    /// a tuple of it without building a `String` per row. A sum too large for a decimal is
    /// an error naming the row that overflowed it.
    pub fn compare<K: Hash + Eq + Clone>(
        &self,
        period: Period,
        key: impl Fn(usize) -> Option<K>,
    ) -> TableResult<Vec<(K, Figures)>> {
        let year = period.year;
        let last_year = period.last_year();
        let mut index: HashMap<K, usize> = HashMap::new();
        let mut groups: Vec<(K, Figures, Option<Period>)> = Vec::new();
        for row in 0..self.len() {
            let Some((p, kind, value)) = self.entry(row) else {
                continue;
            };
            let in_this_year = p.year == year;
            let in_last_year = p.year == year - 1;
            let counts = match kind {
                Kind::Utfall => (in_this_year && p <= period) || in_last_year,
                Kind::Budget => in_this_year,
                Kind::Prognos => in_this_year && p <= period,
            };
            if !counts {
                continue;
            }
            let Some(name) = key(row) else { continue };
            let slot = match index.get(&name) {
                Some(&i) => i,
                None => {
                    index.insert(name.clone(), groups.len());
                    groups.push((name, Figures::default(), None));
                    groups.len() - 1
                }
            };
            let (_, f, forecast_month) = &mut groups[slot];
            let added = match kind {
                Kind::Utfall if in_this_year => add(&mut f.ack_utfall, value),
                Kind::Utfall => {
                    add(&mut f.bokslut_fg, value)
                        && (p > last_year || add(&mut f.ack_utfall_fg, value))
                }
                Kind::Budget => {
                    add(&mut f.helar_budget, value) && (p > period || add(&mut f.ack_budget, value))
                }
                Kind::Prognos => match *forecast_month {
                    Some(m) if m > p => true,
                    Some(m) if m == p => add(&mut f.helar_prognos, value),
                    _ => {
                        *forecast_month = Some(p);
                        f.helar_prognos = Some(value);
                        true
                    }
                },
            };
            if !added {
                return Err(overflow(row, value));
            }
        }
        Ok(groups.into_iter().map(|(k, f, _)| (k, f)).collect())
    }
}

/// Add `value` to the sum in `slot`; `false` when the sum does not fit in a decimal.
fn add(slot: &mut Option<Decimal>, value: Decimal) -> bool {
    match slot.unwrap_or_default().checked_add(value) {
        Some(sum) => {
            *slot = Some(sum);
            true
        }
        None => false,
    }
}

/// The error for a sum that grew beyond what a decimal holds.
pub fn overflow(row: usize, value: Decimal) -> String {
    format!(
        "rad {} i tabellen: summan blir för stor för ett tal när värdet {value} läggs till; \
         kontrollera värdena i tabellen",
        row + 1
    )
}

/// One group's figures at a period. `None` means no row contributed (no budget this year,
/// no previous year for a new unit), which tables show as an empty cell, not as zero.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    /// Outcome from January up to and including the period.
    pub ack_utfall: Option<Decimal>,
    /// Budget from January up to and including the period.
    pub ack_budget: Option<Decimal>,
    /// Outcome of the same months last year.
    pub ack_utfall_fg: Option<Decimal>,
    /// The latest full-year forecast made this year up to the period.
    pub helar_prognos: Option<Decimal>,
    /// This year's budget, all twelve months.
    pub helar_budget: Option<Decimal>,
    /// Last year's outcome, all twelve months.
    pub bokslut_fg: Option<Decimal>,
}

impl Figures {
    /// Year-to-date outcome minus budget (both missing: `None`; one missing counts as 0).
    pub fn ack_avvikelse(&self) -> Result<Option<Decimal>, Overflow> {
        difference(self.ack_utfall, self.ack_budget)
    }

    /// Year-to-date outcome minus last year's.
    pub fn ack_avvikelse_fg(&self) -> Result<Option<Decimal>, Overflow> {
        difference(self.ack_utfall, self.ack_utfall_fg)
    }

    /// Full-year forecast minus full-year budget; `None` without a forecast (no forecast
    /// made is a missing value, not a forecast of zero). A forecast without a budget is
    /// measured against zero.
    pub fn prognosavvikelse(&self) -> Result<Option<Decimal>, Overflow> {
        match self.helar_prognos {
            None => Ok(None),
            forecast => difference(forecast, self.helar_budget),
        }
    }

    /// Sum two groups' figures (for "Summa" rows); `Err(Overflow)` when a sum is beyond a
    /// decimal's range.
    pub fn plus(&self, other: &Figures) -> Result<Figures, Overflow> {
        let sum = |a: Option<Decimal>, b: Option<Decimal>| match (a, b) {
            (None, None) => Ok(None),
            (a, b) => checked_sum([a.unwrap_or_default(), b.unwrap_or_default()])
                .map(Some)
                .ok_or(Overflow),
        };
        Ok(Figures {
            ack_utfall: sum(self.ack_utfall, other.ack_utfall)?,
            ack_budget: sum(self.ack_budget, other.ack_budget)?,
            ack_utfall_fg: sum(self.ack_utfall_fg, other.ack_utfall_fg)?,
            helar_prognos: sum(self.helar_prognos, other.helar_prognos)?,
            helar_budget: sum(self.helar_budget, other.helar_budget)?,
            bokslut_fg: sum(self.bokslut_fg, other.bokslut_fg)?,
        })
    }

    /// The sum of several groups' figures (all `None` for none).
    pub fn total<'a>(parts: impl IntoIterator<Item = &'a Figures>) -> Result<Figures, Overflow> {
        parts
            .into_iter()
            .try_fold(Figures::default(), |acc, f| acc.plus(f))
    }
}

fn difference(a: Option<Decimal>, b: Option<Decimal>) -> Result<Option<Decimal>, Overflow> {
    match (a, b) {
        (None, None) => Ok(None),
        (a, b) => a
            .unwrap_or_default()
            .checked_sub(b.unwrap_or_default())
            .map(Some)
            .ok_or(Overflow),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testdata::{ledger, p};
    use crate::table::Column;

    fn by_post(t: &Table, period: &str) -> Vec<(String, Figures)> {
        let rows = Layout::default().rows(t).expect("rows");
        rows.compare(p(period), |r| rows.post.str(r).map(str::to_string))
            .expect("sums")
    }

    #[test]
    fn year_to_date_full_year_and_last_year() {
        let t = ledger(&[
            ("2024-01", "A", "Intäkter", "utfall", 10),
            ("2024-02", "A", "Intäkter", "utfall", 12),
            ("2024-03", "A", "Intäkter", "utfall", 99), // after the period
            ("2024-01", "A", "Intäkter", "budget", 11),
            ("2024-02", "A", "Intäkter", "budget", 11),
            ("2024-12", "A", "Intäkter", "budget", 11),
            ("2023-02", "A", "Intäkter", "utfall", 9),
            ("2023-07", "A", "Intäkter", "utfall", 100),
            ("2022-02", "A", "Intäkter", "utfall", 1000), // two years back
            ("2024-01", "A", "Intäkter", "prognos", 130),
            ("2024-02", "A", "Intäkter", "prognos", 140),
            ("2024-03", "A", "Intäkter", "prognos", 150), // made after the period
        ]);
        let got = by_post(&t, "2024-02");
        assert_eq!(got.len(), 1);
        let f = got[0].1;
        let d = |n: i64| Some(Decimal::from(n));
        assert_eq!(f.ack_utfall, d(22));
        assert_eq!(f.ack_budget, d(22));
        assert_eq!(f.helar_budget, d(33));
        assert_eq!(f.ack_utfall_fg, d(9));
        assert_eq!(f.bokslut_fg, d(109));
        assert_eq!(f.helar_prognos, d(140));
        assert_eq!(f.ack_avvikelse().expect("fits"), d(0));
        assert_eq!(f.ack_avvikelse_fg().expect("fits"), d(13));
        assert_eq!(f.prognosavvikelse().expect("fits"), d(107));
    }

    #[test]
    fn forecasts_of_several_units_in_the_same_month_add_up() {
        let t = ledger(&[
            ("2024-02", "A", "Resultat", "prognos", -50),
            ("2024-02", "B", "Resultat", "prognos", -30),
            ("2024-01", "B", "Resultat", "prognos", -999),
        ]);
        assert_eq!(
            by_post(&t, "2024-02")[0].1.helar_prognos,
            Some(Decimal::from(-80))
        );
    }

    #[test]
    fn missing_budget_and_missing_last_year_stay_empty() {
        let t = ledger(&[("2024-02", "Ny enhet", "Löner", "utfall", -5)]);
        let f = by_post(&t, "2024-02")[0].1;
        assert_eq!(f.ack_budget, None);
        assert_eq!(f.ack_utfall_fg, None);
        assert_eq!(f.helar_prognos, None);
        assert_eq!(f.ack_avvikelse().expect("fits"), Some(Decimal::from(-5)));
    }

    #[test]
    fn a_unit_appearing_mid_year_counts_from_its_first_month() {
        let t = ledger(&[
            ("2024-05", "Ny", "Löner", "utfall", -3),
            ("2024-06", "Ny", "Löner", "utfall", -4),
        ]);
        assert_eq!(
            by_post(&t, "2024-06")[0].1.ack_utfall,
            Some(Decimal::from(-7))
        );
        assert!(by_post(&t, "2024-04").is_empty());
    }

    #[test]
    fn groups_keep_first_appearance_order_and_plus_adds() {
        let t = ledger(&[
            ("2024-01", "A", "Kostnader", "utfall", -4),
            ("2024-01", "A", "Intäkter", "utfall", 6),
            ("2024-01", "A", "Kostnader", "budget", -3),
        ]);
        let got = by_post(&t, "2024-01");
        let names: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["Kostnader", "Intäkter"]);
        let total = got[0].1.plus(&got[1].1).expect("fits");
        assert_eq!(total.ack_utfall, Some(Decimal::from(2)));
        assert_eq!(total.ack_budget, Some(Decimal::from(-3)));
    }

    #[test]
    fn sums_and_differences_beyond_a_decimal_are_overflows() {
        let max = Figures {
            ack_utfall: Some(Decimal::MAX),
            ack_budget: Some(-Decimal::ONE),
            ..Figures::default()
        };
        assert_eq!(max.plus(&max), Err(Overflow));
        assert_eq!(Figures::total([&max, &Figures::default()]), Ok(max));
        assert_eq!(Figures::total([&max, &max, &max]), Err(Overflow));
        assert_eq!(max.ack_avvikelse(), Err(Overflow));
        let forecast = Figures {
            helar_prognos: Some(Decimal::MIN),
            helar_budget: Some(Decimal::ONE),
            ..Figures::default()
        };
        assert_eq!(forecast.prognosavvikelse(), Err(Overflow));
        assert_eq!(Figures::default().prognosavvikelse(), Ok(None));
    }

    #[test]
    fn a_sum_too_large_for_a_decimal_is_an_error_naming_the_row() {
        let mut t = ledger(&[
            ("2024-01", "A", "Intäkter", "utfall", 0),
            ("2024-02", "A", "Intäkter", "utfall", 0),
        ]);
        t.set_column(Column::new(
            "varde",
            Values::Decimal(vec![Some(Decimal::MAX), Some(Decimal::MAX)].into()),
        ))
        .expect("column");
        let rows = Layout::default().rows(&t).expect("rows");
        let err = rows
            .compare(p("2024-02"), |r| rows.post.str(r))
            .expect_err("overflow");
        assert!(err.contains("rad 2") && err.contains("för stor"), "{err}");
    }

    #[test]
    fn mapping_and_validation_errors_name_what_is_wrong() {
        let err = Layout::mapped([("belopp", "Belopp")]).expect_err("unknown");
        assert!(err.contains("`belopp`") && err.contains("`varde`"), "{err}");
        let layout = Layout::mapped([("varde", "Belopp")]).expect("mapped");
        let err = layout.rows(&ledger(&[])).expect_err("missing");
        assert!(err.contains("`Belopp` finns inte"), "{err}");
        let t = ledger(&[("2024-01", "A", "X", "bugdet", 1)]);
        let err = Layout::default().rows(&t).expect_err("bad kind");
        assert!(err.contains("rad 1") && err.contains("`bugdet`"), "{err}");
    }

    #[test]
    fn kinds_are_read_whatever_their_case_and_surrounding_space() {
        assert_eq!(Kind::parse("utfall"), Some(Kind::Utfall));
        assert_eq!(Kind::parse(" Budget "), Some(Kind::Budget));
        assert_eq!(Kind::parse("PROGNOS"), Some(Kind::Prognos));
        assert_eq!(Kind::parse("utfall fg år"), None);
        assert_eq!(Kind::parse(""), None);
    }
}
