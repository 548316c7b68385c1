//! Report units and styles: kr/tkr/mkr with fixed decimals, signed deviations, percent and
//! percent change (`–` when the base is zero).

use rust_decimal::Decimal;

use super::format::{MINUS, NBSP, format_decimal};

/// The text shown where a value cannot be computed (percent change from zero): an en dash.
pub const DASH: &str = "\u{2013}";

/// Scale kronor to a unit: 1 for kr, 1 000 for tkr, 1 000 000 for mkr.
pub fn scale(value: Decimal, divisor: i64) -> Decimal {
    value / Decimal::from(divisor)
}

/// `1 234 567` kr as `1,2` with `decimals` decimals after dividing by `divisor`.
pub fn format_scaled(value: Decimal, divisor: i64, decimals: u32) -> String {
    format_decimal(scale(value, divisor), Some(decimals))
}

/// A deviation with its sign always shown: `+12`, `−177`, `0`.
pub fn format_signed(value: Decimal, decimals: Option<u32>) -> String {
    let text = format_decimal(value, decimals);
    if text.starts_with(MINUS) || text.chars().all(|c| c == '0' || c == ',') {
        text
    } else {
        format!("+{text}")
    }
}

/// A percentage already in percent units: `12,5 %` (NBSP before the sign).
pub fn format_percent(value: Decimal, decimals: Option<u32>) -> String {
    format!("{}{NBSP}%", format_decimal(value, decimals))
}

/// The change from `base` to `value` in percent, or `None` when the base is zero.
pub fn percent_change(base: Decimal, value: Decimal) -> Option<Decimal> {
    if base.is_zero() {
        return None;
    }
    // Checked: a huge change from a tiny base is beyond a decimal's range, and has no
    // meaningful percentage either.
    let change = value.checked_sub(base)?.checked_div(base.abs())?;
    Some(change.checked_mul(Decimal::ONE_HUNDRED)?.normalize())
}

/// Percent change as text: `+4,2 %`, `−3,0 %`, or `–` when the base is zero.
pub fn format_percent_change(base: Decimal, value: Decimal, decimals: u32) -> String {
    match percent_change(base, value) {
        Some(p) => format!("{}{NBSP}%", format_signed(p, Some(decimals))),
        None => DASH.to_string(),
    }
}

/// Round `values` to `decimals` so that they add up to their rounded total
/// (largest-remainder method): every value is truncated, and the units still missing go,
/// one each, to the values with the largest remainders. `None` when the total (or a value
/// in units of the last decimal) is beyond a decimal's range.
pub fn round_to_total(values: &[Decimal], decimals: u32) -> Option<Vec<Decimal>> {
    let unit = Decimal::new(1, decimals.min(28));
    let total = super::checked_sum(values.iter().copied())?;
    let target = super::round_half_away(total, decimals);
    let floors: Vec<Decimal> = values
        .iter()
        .map(|v| v.checked_div(unit)?.floor().checked_mul(unit))
        .collect::<Option<_>>()?;
    // Each truncation drops a remainder in [0, unit), and the rounded total lies within half
    // a unit of the total, so the units missing are a whole number from 0 to `values.len()`:
    // one pass over the values, largest remainder first, hands them all out.
    let floor_total = super::checked_sum(floors.iter().copied())?;
    let missing: usize = target
        .checked_sub(floor_total)?
        .checked_div(unit)?
        .round()
        .try_into()
        .unwrap_or(0);
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = values[a] - floors[a];
        let rb = values[b] - floors[b];
        rb.cmp(&ra).then(a.cmp(&b))
    });
    let mut out = floors;
    for &i in order.iter().take(missing) {
        out[i] = out[i].checked_add(unit)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    #[test]
    fn units_and_styles() {
        assert_eq!(format_scaled(d("1234567"), 1_000_000, 1), "1,2");
        assert_eq!(
            format_scaled(d("-174100000"), 1_000_000, 1),
            "\u{2212}174,1"
        );
        assert_eq!(format_scaled(d("1250"), 1000, 0), "1");
        assert_eq!(format_scaled(d("1500"), 1000, 0), "2");
        assert_eq!(format_scaled(d("-2500"), 1000, 0), "\u{2212}3");
        assert_eq!(format_signed(d("12"), None), "+12");
        assert_eq!(format_signed(d("-177"), None), "\u{2212}177");
        assert_eq!(format_signed(d("0"), Some(1)), "0,0");
        assert_eq!(format_percent(d("12.5"), None), "12,5\u{a0}%");
    }

    #[test]
    fn percent_change_beyond_a_decimals_range_has_no_value() {
        let tiny = Decimal::new(1, 20);
        assert_eq!(percent_change(tiny, Decimal::MAX), None);
        assert_eq!(percent_change(Decimal::MIN, Decimal::MAX), None);
        assert_eq!(
            format_percent_change(tiny, Decimal::MAX, 1),
            DASH.to_string()
        );
    }

    #[test]
    fn percent_change_shows_dash_on_zero_base() {
        assert_eq!(percent_change(d("200"), d("250")), Some(d("25")));
        assert_eq!(percent_change(d("-200"), d("-100")), Some(d("50")));
        assert_eq!(format_percent_change(d("0"), d("5"), 1), "\u{2013}");
        assert_eq!(
            format_percent_change(d("300"), d("290"), 1),
            "\u{2212}3,3\u{a0}%"
        );
    }

    #[test]
    fn largest_remainder_adds_up() {
        let v = [d("0.4"), d("0.4"), d("0.4")];
        // Rounded one by one: 0 + 0 + 0 = 0, but the rounded total is 1.
        let r = round_to_total(&v, 0).expect("in range");
        assert_eq!(r, vec![d("1"), d("0"), d("0")]);
        let v = [d("10.27"), d("20.24"), d("-5.13")];
        let r = round_to_total(&v, 1).expect("in range");
        assert_eq!(r.iter().copied().sum::<Decimal>(), d("25.4"));
        assert_eq!(r, vec![d("10.3"), d("20.2"), d("-5.1")]);
        // Negative values and halves: the rounded values still add up to the rounded total,
        // and each moves less than one unit from its value.
        for (values, decimals) in [
            (vec![d("-0.5"), d("-0.5")], 0),
            (vec![d("-0.5"), d("-0.5"), d("-0.5")], 0),
            (vec![d("0.5"), d("0.5"), d("0.5")], 0),
            (vec![d("-1.25"), d("2.35"), d("-0.05"), d("0.95")], 1),
            (vec![d("0.99"), d("0.99"), d("0.99"), d("0.99")], 0),
        ] {
            let r = round_to_total(&values, decimals).expect("in range");
            let total: Decimal = values.iter().copied().sum();
            assert_eq!(
                r.iter().copied().sum::<Decimal>(),
                crate::number::round_half_away(total, decimals),
                "{values:?}"
            );
            for (v, r) in values.iter().zip(&r) {
                assert!(
                    (v - r).abs() < Decimal::new(1, decimals),
                    "{values:?} {r:?}"
                );
            }
        }
        assert_eq!(
            round_to_total(&[d("-0.5"), d("-0.5")], 0),
            Some(vec![d("0"), d("-1")])
        );
        assert_eq!(round_to_total(&[Decimal::MAX, Decimal::ONE], 0), None);
        assert_eq!(round_to_total(&[Decimal::MAX], 2), None);
    }
}
