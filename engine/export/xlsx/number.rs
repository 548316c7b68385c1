//! Numbers as the sheet stores them: a decimal moved into the column's unit (a shift of
//! the decimal point for tkr, mkr and percent), its exact text, and how wide Excel shows it.

use rust_decimal::Decimal;

use super::super::NumberStyle;

/// How a column's stored numbers become the numbers in its cells.
#[derive(Debug, Clone, Copy)]
pub struct Unit {
    /// Divide by 10^shift (tkr 3, mkr 6, and 2 more for a percentage as a fraction).
    shift: u32,
    decimals: u32,
    signed: bool,
    percent: bool,
}

impl Unit {
    pub fn of(n: &NumberStyle) -> Unit {
        let tens = power_of_ten(n.divisor);
        Unit {
            shift: tens + if n.percent { 2 } else { 0 },
            decimals: n.decimals,
            signed: n.signed,
            percent: n.percent,
        }
    }

    /// `v` in this unit, exactly.
    pub fn shown(&self, v: Decimal) -> Result<Decimal, String> {
        let mut shifted = v;
        if shifted.set_scale(v.scale() + self.shift).is_ok() {
            return Ok(shifted);
        }
        // Too many decimals to move the point: divide, which rounds at 28 digits.
        let divisor = Decimal::from_i128_with_scale(10i128.pow(self.shift.min(28)), 0);
        v.checked_div(divisor)
            .ok_or_else(|| format!("talet {v} kan inte skrivas i kolumnens enhet"))
    }

    /// How many characters the number `shown` (from [`Unit::shown`]) takes in the column's
    /// format: sign, digits with thousands separators, the decimals, `%`.
    pub fn width(&self, shown: Decimal) -> usize {
        // A percentage is shown times a hundred.
        let scale = shown
            .scale()
            .saturating_sub(if self.percent { 2 } else { 0 });
        let mantissa = shown.mantissa().unsigned_abs();
        let digits = if mantissa == 0 {
            1
        } else {
            mantissa.ilog10() + 1
        };
        let whole = digits.saturating_sub(scale).max(1) as usize;
        let sign = usize::from(shown.is_sign_negative() || self.signed);
        let fraction = if self.decimals > 0 {
            1 + self.decimals as usize
        } else {
            0
        };
        sign + whole + (whole - 1) / 3 + fraction + usize::from(self.percent)
    }
}

/// `n` for a divisor of 10^n (1, 1000, 1 000 000); 0 for anything else.
fn power_of_ten(divisor: Decimal) -> u32 {
    let d = divisor.normalize();
    let m = d.mantissa();
    if d.scale() == 0 && m > 0 && 10i128.pow(m.ilog10()) == m {
        m.ilog10()
    } else {
        0
    }
}

/// `d`'s exact decimal text (a valid `xsd:double`), trailing zeros dropped: `-12.5`, `0.125`.
pub fn push_decimal(out: &mut String, d: Decimal) {
    // The mantissa's digits, last first; in u64 when it fits (almost always), as 128-bit
    // division is a slow library call.
    let mut digits = [0u8; 40];
    let mut n = 0;
    let wide = d.mantissa().unsigned_abs();
    match u64::try_from(wide) {
        Ok(mut m) => {
            while m > 0 {
                digits[n] = b'0' + (m % 10) as u8;
                m /= 10;
                n += 1;
            }
        }
        Err(_) => {
            let mut m = wide;
            while m > 0 {
                digits[n] = b'0' + (m % 10) as u8;
                m /= 10;
                n += 1;
            }
        }
    }
    let mut scale = d.scale() as usize;
    let mut first = 0;
    while first < scale && first < n && digits[first] == b'0' {
        first += 1;
    }
    scale -= first;
    let digits = &digits[first..n];
    if digits.is_empty() {
        out.push('0');
        return;
    }
    if d.is_sign_negative() {
        out.push('-');
    }
    let n = digits.len();
    if n <= scale {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - n));
        out.extend(digits.iter().rev().map(|&b| b as char));
    } else {
        out.extend(digits[scale..].iter().rev().map(|&b| b as char));
        if scale > 0 {
            out.push('.');
            out.extend(digits[..scale].iter().rev().map(|&b| b as char));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Decimal) -> String {
        let mut s = String::new();
        push_decimal(&mut s, d);
        s
    }

    #[test]
    fn decimals_are_written_exactly() {
        assert_eq!(text(Decimal::new(-125, 1)), "-12.5");
        assert_eq!(text(Decimal::new(125, 3)), "0.125");
        assert_eq!(text(Decimal::new(5, 4)), "0.0005");
        assert_eq!(text(Decimal::new(3_000_000, 0)), "3000000");
        assert_eq!(text(Decimal::new(30_000, 3)), "30");
        assert_eq!(text(Decimal::new(0, 2)), "0");
        assert_eq!(text(Decimal::new(-0, 2)), "0");
        assert_eq!(text(Decimal::new(-1000, 2)), "-10");
        assert_eq!(text(Decimal::new(1050, 0)), "1050");
        assert_eq!(
            text(Decimal::from_i128_with_scale(
                -123_456_789_012_345_678_901_234_500,
                20
            )),
            "-1234567.890123456789012345"
        );
        assert_eq!(text(Decimal::MAX), "79228162514264337593543950335");
        assert_eq!(text(Decimal::MIN), "-79228162514264337593543950335");
    }

    fn unit(divisor: i64, decimals: u32, percent: bool, signed: bool) -> Unit {
        Unit::of(&NumberStyle {
            divisor: Decimal::from(divisor),
            decimals,
            percent,
            signed,
        })
    }

    #[test]
    fn numbers_move_into_the_unit_exactly() {
        let mkr = unit(1_000_000, 1, false, false);
        assert_eq!(
            mkr.shown(Decimal::new(12_345_678, 0)),
            Ok(Decimal::new(12_345_678, 6))
        );
        let pct = unit(1, 1, true, false);
        assert_eq!(pct.shown(Decimal::new(125, 1)), Ok(Decimal::new(125, 3)));
        // 28 decimals already: divided instead, rounded.
        let tiny = Decimal::from_i128_with_scale(1, 28);
        assert_eq!(pct.shown(tiny), Ok(Decimal::ZERO));
        assert_eq!(
            unit(1000, 0, false, false).shown(Decimal::MAX),
            Ok(Decimal::from_i128_with_scale(
                79_228_162_514_264_337_593_543_950_335,
                3
            ))
        );
    }

    #[test]
    fn widths_follow_the_format() {
        let tkr = unit(1000, 0, false, false);
        let shown = |u: &Unit, v: i64| u.shown(Decimal::from(v)).expect("shown");
        // "1 235"
        assert_eq!(tkr.width(shown(&tkr, 1_234_567)), 5);
        // "-12 345"
        assert_eq!(tkr.width(shown(&tkr, -12_345_000)), 7);
        // "+1,3"
        let mkr = unit(1_000_000, 1, false, true);
        assert_eq!(mkr.width(shown(&mkr, 1_260_000)), 4);
        // "12,5 %" as Excel shows "12.5%"
        let pct = unit(1, 1, true, false);
        assert_eq!(
            pct.width(pct.shown(Decimal::new(125, 1)).expect("shown")),
            5
        );
        // "0"
        assert_eq!(tkr.width(shown(&tkr, 0)), 1);
    }
}
