//! Forecast helpers: the run-rate ("underskott 80 mkr/månad × 12"), a forecast with an
//! interval ("−890 mkr +20/−50 mkr") and the sensitivity per post.

use rust_decimal::Decimal;

use crate::domain::column::{decimal_column, text_column};
use crate::domain::uppfoljning::with_total_row;
use crate::number::{format_scaled, format_signed, scale};
use crate::period::Period;
use crate::table::{Format, Table, TableResult};

/// The average per month so far this year and that average times twelve (`None` when the
/// product is too large for a decimal).
pub fn run_rate(ack: Decimal, period: Period) -> (Decimal, Option<Decimal>) {
    let months = Decimal::from(period.month);
    let per_month = ack / months;
    (per_month, per_month.checked_mul(Decimal::from(12)))
}

/// `−890 mkr +20/−50 mkr`: the forecast with how much better (`upp`) and worse (`ned`) it may
/// turn out, amounts in kronor shown in whole mkr.
pub fn interval_text(prognos: Decimal, upp: Decimal, ned: Decimal) -> String {
    format!(
        "{} mkr {}/{} mkr",
        format_scaled(prognos, 1_000_000, 0),
        format_signed(scale(upp.abs(), 1_000_000), Some(0)),
        format_signed(scale(-(ned.abs()), 1_000_000), Some(0)),
    )
}

/// The lowest and highest outcome the interval allows.
pub fn interval_bounds(prognos: Decimal, upp: Decimal, ned: Decimal) -> (Decimal, Decimal) {
    (prognos - ned.abs(), prognos + upp.abs())
}

/// The sensitivity table from a table with the columns `post`, `lag` and `hog` (kronor; `lag`
/// negative): Post, Låg and Hög in mkr, and a sum row.
pub fn sensitivity(t: &Table) -> TableResult<Table> {
    let posts = &*t.column("post")?.values;
    let low = &*t.column("lag")?.values;
    let high = &*t.column("hog")?.values;
    if !low.is_numeric() || !high.is_numeric() {
        return Err("kolumnerna `lag` och `hog` ska innehålla tal (kronor)".into());
    }
    let n = t.len();
    let mut labels: Vec<String> = (0..n).map(|r| posts.get(r).label()).collect();
    let mut lo: Vec<Option<Decimal>> = (0..n).map(|r| low.decimal(r)).collect();
    let mut hi: Vec<Option<Decimal>> = (0..n).map(|r| high.decimal(r)).collect();
    labels.push("Summa".into());
    let sum = |values: &[Option<Decimal>], column: &str| {
        values
            .iter()
            .flatten()
            .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v))
            .ok_or_else(|| {
                format!(
                    "summan av kolumnen `{column}` blir för stor för ett tal; kontrollera beloppen"
                )
            })
    };
    lo.push(Some(sum(&lo, "lag")?));
    hi.push(Some(sum(&hi, "hog")?));
    let mut table = with_total_row(Table::new(vec![
        text_column("Post", labels),
        decimal_column("Låg", lo, Format::mkr(1)),
        decimal_column("Hög", hi, Format::mkr(1)),
    ])?);
    table.title = Some("Känslighetsintervall i prognos (mkr)".into());
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    #[test]
    fn run_rate_of_two_months() {
        let (m, y) = run_rate(Decimal::from(-160_000_000), p("2024-02"));
        assert_eq!(m, Decimal::from(-80_000_000));
        assert_eq!(y, Some(Decimal::from(-960_000_000)));
        let (m, _) = run_rate(Decimal::from(-100), p("2023-03"));
        assert_eq!(m.round_dp(2), Decimal::new(-3333, 2));
        let (m, y) = run_rate(Decimal::MAX, p("2024-01"));
        assert_eq!((m, y), (Decimal::MAX, None));
    }

    #[test]
    fn interval_as_the_reports_write_it() {
        let t = interval_text(
            Decimal::from(-890_000_000),
            Decimal::from(20_000_000),
            Decimal::from(-50_000_000),
        );
        assert_eq!(t, "\u{2212}890 mkr +20/\u{2212}50 mkr");
        let (lo, hi) = interval_bounds(Decimal::from(-890), Decimal::from(20), Decimal::from(50));
        assert_eq!((lo, hi), (Decimal::from(-940), Decimal::from(-870)));
    }
}
