//! Formatting: `1 234,5` with a no-break space between thousands, decimal comma and U+2212 as minus.

use rust_decimal::{Decimal, RoundingStrategy};

/// The thousands separator: a no-break space, so a number never breaks across lines.
pub const NBSP: char = '\u{a0}';
/// The minus sign (U+2212), not a hyphen.
pub const MINUS: char = '\u{2212}';

/// Round half away from zero, as Swedish reports (and Excel) do: 2,5 → 3, −2,5 → −3.
pub fn round_half_away(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// Format `value` Swedish style. With `decimals`, exactly that many decimals are shown.
/// Without, the number keeps the decimals it has (`6.0` stays `6,0`) up to two; a longer
/// one is rounded to two with trailing zeros dropped.
pub fn format_decimal(value: Decimal, decimals: Option<u32>) -> String {
    let rounded = match decimals {
        Some(d) => {
            let mut r = round_half_away(value, d);
            r.rescale(d);
            r
        }
        None if value.scale() <= 2 => value,
        None => round_half_away(value, 2).normalize(),
    };
    let text = rounded.abs().to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + 4);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push(MINUS);
    }
    group_thousands(int_part, &mut out);
    if let Some(frac) = frac_part {
        out.push(',');
        out.push_str(frac);
    }
    // A number too large for that many decimals (28 digits in all) keeps fewer: the ones
    // asked for are still shown, as zeros.
    let shown = frac_part.map_or(0, str::len);
    if let Some(d) = decimals.map(|d| d as usize).filter(|d| *d > shown) {
        if shown == 0 {
            out.push(',');
        }
        out.extend(std::iter::repeat_n('0', d - shown));
    }
    out
}

/// Format an integer Swedish style.
pub fn format_int(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    if value < 0 {
        out.push(MINUS);
    }
    group_thousands(&digits, &mut out);
    out
}

fn group_thousands(digits: &str, out: &mut String) {
    let len = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(NBSP);
        }
        out.push(ch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    #[test]
    fn swedish_format() {
        assert_eq!(format_decimal(d("1234.5"), None), "1\u{a0}234,5");
        assert_eq!(format_decimal(d("-1083"), None), "\u{2212}1\u{a0}083");
        assert_eq!(format_decimal(d("0.30"), None), "0,30");
        assert_eq!(format_decimal(d("6.0"), None), "6,0");
        assert_eq!(format_decimal(d("1.100"), None), "1,1");
        assert_eq!(
            format_decimal(d("1234567.891"), Some(1)),
            "1\u{a0}234\u{a0}567,9"
        );
        assert_eq!(format_decimal(d("12"), Some(2)), "12,00");
        assert_eq!(format_decimal(d("999.995"), Some(2)), "1\u{a0}000,00");
        assert_eq!(format_decimal(d("-0.004"), Some(2)), "0,00");
        assert_eq!(format_int(-1_234_567), "\u{2212}1\u{a0}234\u{a0}567");
        assert_eq!(format_int(100), "100");
    }

    #[test]
    fn a_number_too_large_for_its_decimals_still_shows_them() {
        // Found by tests/properties.rs: 26 digits and 3 decimals do not fit in 28 digits, and
        // `rescale` stopped at 2.
        let large = d("79228175500772165485068288");
        assert_eq!(
            format_decimal(large, Some(3)),
            "79\u{a0}228\u{a0}175\u{a0}500\u{a0}772\u{a0}165\u{a0}485\u{a0}068\u{a0}288,000"
        );
        assert_eq!(
            format_decimal(Decimal::MAX, Some(1)).rsplit(',').next(),
            Some("0")
        );
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_half_away(d("2.5"), 0), d("3"));
        assert_eq!(round_half_away(d("-2.5"), 0), d("-3"));
        assert_eq!(round_half_away(d("0.125"), 2), d("0.13"));
        assert_eq!(format_decimal(d("1") / d("3"), None), "0,33");
    }
}
