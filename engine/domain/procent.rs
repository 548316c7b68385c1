//! Percentages the report tables share: a part's share of a whole and the growth against a
//! base, with one rule for a zero base (no percentage) and no panic on huge values.

use rust_decimal::Decimal;

/// `part × 100 / whole`: the part's share of the whole in percent. `None` when the whole is
/// zero, or when the result does not fit in a decimal.
pub fn share(part: Decimal, whole: Decimal) -> Option<Decimal> {
    match part.checked_mul(Decimal::ONE_HUNDRED) {
        Some(hundredfold) => hundredfold.checked_div(whole),
        // A part near the decimal's limit: divide first.
        None => part.checked_div(whole)?.checked_mul(Decimal::ONE_HUNDRED),
    }
}

/// `(now / before − 1) × 100`: the growth from `before` to `now` in percent, the sign
/// following the ratio (costs, negative in the ledger, that grow give a positive growth).
/// `None` for a zero base, or when the result does not fit in a decimal.
pub fn growth(now: Decimal, before: Decimal) -> Option<Decimal> {
    now.checked_div(before)?
        .checked_sub(Decimal::ONE)?
        .checked_mul(Decimal::ONE_HUNDRED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn share_and_growth_with_zero_bases() {
        assert_eq!(share(d("1"), d("4")), Some(d("25")));
        assert_eq!(share(d("1"), Decimal::ZERO), None);
        assert_eq!(growth(d("-125"), d("-100")), Some(d("25")));
        assert_eq!(growth(d("90"), d("100")), Some(d("-10")));
        assert_eq!(growth(d("5"), Decimal::ZERO), None);
    }

    #[test]
    fn huge_values_give_no_percentage_instead_of_a_panic() {
        assert_eq!(share(Decimal::MAX, d("0.001")), None);
        assert_eq!(growth(Decimal::MAX, d("0.5")), None);
        assert_eq!(growth(Decimal::MIN, Decimal::ONE), None);
        // A part too large to multiply first is still a share when it fits.
        assert_eq!(share(Decimal::MAX, Decimal::MAX), Some(d("100")));
    }
}
