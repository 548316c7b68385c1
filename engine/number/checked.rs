//! Overflow-checked decimal arithmetic for the data paths: sums, means and the error that
//! names the operation when a result is beyond a decimal's range.

use rust_decimal::Decimal;

/// The error for a result beyond a decimal's range; `what` names the operation
/// (`summan av kolumnen `Belopp``).
pub fn too_large(what: &str) -> String {
    format!(
        "{what} ryms inte i ett tal: största möjliga är \
         ±79\u{a0}228\u{a0}162\u{a0}514\u{a0}264\u{a0}337\u{a0}593\u{a0}543\u{a0}950\u{a0}335; \
         kontrollera värdena i datafilen"
    )
}

/// A result beyond a decimal's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// The sum of `values`, or `None` when it is beyond a decimal's range.
pub fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |s, v| s.checked_add(v))
}

/// The mean of `values` (`None` inside when there are none), or `Err(Overflow)` when the sum is
/// beyond a decimal's range.
pub fn checked_mean(
    values: impl IntoIterator<Item = Decimal>,
) -> Result<Option<Decimal>, Overflow> {
    let mut n = 0i64;
    let mut sum = Decimal::ZERO;
    for v in values {
        sum = sum.checked_add(v).ok_or(Overflow)?;
        n += 1;
    }
    if n == 0 {
        return Ok(None);
    }
    let mean = sum.checked_div(Decimal::from(n)).ok_or(Overflow)?;
    Ok(Some(mean.normalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_and_means_refuse_overflow() {
        assert_eq!(checked_sum([Decimal::MAX, Decimal::ONE]), None);
        assert_eq!(
            checked_sum([Decimal::MAX, Decimal::MIN]),
            Some(Decimal::ZERO)
        );
        assert_eq!(checked_mean([Decimal::MAX, Decimal::ONE]), Err(Overflow));
        assert_eq!(
            checked_mean([Decimal::from(1), Decimal::from(2)]),
            Ok(Some(Decimal::new(15, 1)))
        );
        assert_eq!(checked_mean(std::iter::empty()), Ok(None));
        assert!(too_large("summan").starts_with("summan ryms inte i ett tal"));
    }
}
