//! The value axis: round tick steps (1, 2, 2,5, 5 × 10ⁿ) in exact decimals, and values to pixels.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Ticks from `lo` to `hi` every `step` (all in shown units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ticks {
    pub lo: Decimal,
    pub hi: Decimal,
    pub step: Decimal,
}

/// The largest value (in shown units) a chart draws: ticks rounded beyond it, and the room
/// left for labels, stay well inside a decimal's range.
/// 10²⁴.
pub const DRAWABLE: Decimal = Decimal::from_parts(0xA100_0000, 0x1BCE_CCED, 0xD3C2, false, 0);

impl Ticks {
    /// Round ticks covering `min..=max`, about `count` steps; `None` when the range is beyond
    /// what a chart can draw (see [`DRAWABLE`]).
    pub fn nice(min: Decimal, max: Decimal, count: u32) -> Option<Ticks> {
        let (mut min, mut max) = (min.min(max), min.max(max));
        if min.abs() > DRAWABLE || max.abs() > DRAWABLE {
            return None;
        }
        if min == max {
            if min.is_zero() {
                max = Decimal::ONE;
            } else {
                let pad = (min.abs() / Decimal::from(10)).max(Decimal::new(1, 2));
                min = min.checked_sub(pad)?;
                max = max.checked_add(pad)?;
            }
        }
        let raw = max
            .checked_sub(min)?
            .checked_div(Decimal::from(count.max(1)))?;
        let step = nice_step(raw)?;
        let lo = min.checked_div(step)?.floor().checked_mul(step)?;
        let hi = max.checked_div(step)?.ceil().checked_mul(step)?;
        Some(Ticks {
            lo: lo.normalize(),
            hi: hi.normalize(),
            step: step.normalize(),
        })
    }

    /// Every tick value from `lo` to `hi`.
    pub fn values(&self) -> Vec<Decimal> {
        let mut out = Vec::new();
        let mut v = self.lo;
        // At most a few dozen ticks: the step is about a fifth of the range.
        while v <= self.hi && out.len() < 100 {
            out.push(v.normalize());
            match v.checked_add(self.step) {
                Some(next) => v = next,
                None => break,
            }
        }
        out
    }

    /// The decimals a tick label needs: 0 for a step of 5, 1 for 2,5 or 0,5.
    pub fn decimals(&self) -> u32 {
        self.step.normalize().scale()
    }
}

/// The smallest of 1, 2, 2,5, 5, 10 × 10ⁿ at least `raw`.
fn nice_step(raw: Decimal) -> Option<Decimal> {
    if raw <= Decimal::ZERO {
        return Some(Decimal::ONE);
    }
    let ten = Decimal::from(10);
    let mut magnitude = Decimal::ONE;
    while magnitude.checked_mul(ten)? <= raw {
        magnitude *= ten;
    }
    while magnitude > raw && magnitude.scale() < 12 {
        magnitude /= ten;
    }
    for m in [
        Decimal::ONE,
        Decimal::from(2),
        Decimal::new(25, 1),
        Decimal::from(5),
        ten,
    ] {
        let step = magnitude.checked_mul(m)?;
        if step >= raw {
            return Some(step);
        }
    }
    magnitude.checked_mul(ten)
}

/// A linear map from shown values to pixels.
#[derive(Debug, Clone, Copy)]
pub struct Axis {
    pub ticks: Ticks,
    /// The pixel of `ticks.lo` and of `ticks.hi`.
    pub from: i32,
    pub to: i32,
}

impl Axis {
    pub fn px(&self, value: Decimal) -> i32 {
        let span = (self.ticks.hi - self.ticks.lo).to_f64().unwrap_or(1.0);
        let at = (value - self.ticks.lo).to_f64().unwrap_or(0.0);
        let share = if span == 0.0 { 0.0 } else { at / span };
        let px = f64::from(self.from) + share * f64::from(self.to - self.from);
        px.round() as i32
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
    fn round_steps() {
        let t = Ticks::nice(d("0"), d("87.3"), 5).expect("ticks");
        assert_eq!((t.lo, t.hi, t.step), (d("0"), d("100"), d("20")));
        let t = Ticks::nice(d("-177"), d("212"), 5).expect("ticks");
        assert_eq!((t.lo, t.hi, t.step), (d("-200"), d("300"), d("100")));
        let t = Ticks::nice(d("78.8"), d("92"), 5).expect("ticks");
        assert_eq!((t.lo, t.hi, t.step), (d("75"), d("95"), d("5")));
        assert_eq!(t.decimals(), 0);
        let t = Ticks::nice(d("78.8"), d("92"), 6).expect("ticks");
        assert_eq!((t.lo, t.hi, t.step), (d("77.5"), d("92.5"), d("2.5")));
        assert_eq!(t.decimals(), 1);
        assert_eq!(t.values().len(), 7);
        let t = Ticks::nice(d("0.12"), d("0.51"), 4).expect("ticks");
        assert_eq!(t.step, d("0.1"));
        let t = Ticks::nice(d("5"), d("5"), 5).expect("ticks");
        assert!(t.lo < d("5") && t.hi > d("5"));
        assert_eq!(DRAWABLE, d("1000000000000000000000000"));
        let t = Ticks::nice(-DRAWABLE, DRAWABLE, 5).expect("the largest drawable range");
        assert!(t.lo <= -DRAWABLE && t.hi >= DRAWABLE, "{t:?}");
        assert_eq!(Ticks::nice(Decimal::ZERO, Decimal::MAX, 5), None);
        assert_eq!(Ticks::nice(Decimal::MIN, Decimal::MAX, 5), None);
    }

    #[test]
    fn pixels() {
        let a = Axis {
            ticks: Ticks::nice(d("0"), d("100"), 5).expect("ticks"),
            from: 300,
            to: 0,
        };
        assert_eq!(a.px(d("0")), 300);
        assert_eq!(a.px(d("100")), 0);
        assert_eq!(a.px(d("50")), 150);
    }
}
