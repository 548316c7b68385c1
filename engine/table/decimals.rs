//! Decimal column storage: each value packed into 8 bytes (mantissa and scale) while every
//! value fits, exact 16-byte decimals otherwise.

use rust_decimal::Decimal;

use super::Nullable;

/// Low bits of a packed value: the scale (0–28) and, above it, a negative zero's sign.
const SCALE_BITS: u32 = 6;
const SCALE_MASK: i64 = 31;
const NEGATIVE_ZERO: i64 = 32;

/// A decimal column. Each value keeps its own scale, so `1,5` and `1,50` read back as
/// written; a column whose values all have a mantissa within ±2⁵⁷ (any amount in kronor
/// with öre) is stored in 8 bytes per row, and widens to [`Decimal`] once one does not.
#[derive(Debug, Clone)]
pub enum Decimals {
    /// `mantissa << 6 | negative zero << 5 | scale`.
    Packed(Nullable<i64>),
    Wide(Nullable<Decimal>),
}

impl Default for Decimals {
    fn default() -> Decimals {
        Decimals::Packed(Nullable::new())
    }
}

/// `d` in 8 bytes, if its mantissa fits. A negative zero (`-0,00` in an export) keeps its
/// sign.
fn pack(d: Decimal) -> Option<i64> {
    let m = i64::try_from(d.mantissa()).ok()?;
    let fits = m.unsigned_abs() < 1 << (63 - SCALE_BITS);
    let sign = if m == 0 && d.is_sign_negative() {
        NEGATIVE_ZERO
    } else {
        0
    };
    fits.then(|| (m << SCALE_BITS) | sign | i64::from(d.scale()))
}

fn unpack(p: i64) -> Decimal {
    // The scale came from a Decimal, so it is at most 28.
    let mut d = Decimal::new(p >> SCALE_BITS, (p & SCALE_MASK) as u32);
    if p & NEGATIVE_ZERO != 0 {
        d.set_sign_negative(true);
    }
    d
}

impl Decimals {
    pub fn new() -> Decimals {
        Decimals::default()
    }

    pub fn with_capacity(rows: usize) -> Decimals {
        Decimals::Packed(Nullable::with_capacity(rows))
    }

    pub fn len(&self) -> usize {
        match self {
            Decimals::Packed(v) => v.len(),
            Decimals::Wide(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`'s value, `None` when the cell is empty. Panics past the end, like a slice.
    pub fn get(&self, i: usize) -> Option<Decimal> {
        match self {
            Decimals::Packed(v) => v.get(i).map(unpack),
            Decimals::Wide(v) => v.get(i),
        }
    }

    /// Whether row `i` is an empty cell, without unpacking its value.
    pub fn is_null(&self, i: usize) -> bool {
        match self {
            Decimals::Packed(v) => !v.is_valid(i),
            Decimals::Wide(v) => !v.is_valid(i),
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<Decimal>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The packed values when every value fits in 8 bytes (read them with
    /// [`Decimals::unpack_parts`]); empty cells are 0.
    pub fn packed(&self) -> Option<&Nullable<i64>> {
        match self {
            Decimals::Packed(v) => Some(v),
            Decimals::Wide(_) => None,
        }
    }

    /// The mantissa and scale of a packed value (see [`Decimals::packed`]); `None` for a
    /// negative zero, which has no mantissa of its own.
    pub fn unpack_parts(p: i64) -> Option<(i64, u32)> {
        (p & NEGATIVE_ZERO == 0).then_some((p >> SCALE_BITS, (p & SCALE_MASK) as u32))
    }

    /// Store every value as a [`Decimal`] from now on.
    fn widen(&mut self) {
        if let Decimals::Packed(v) = self {
            let mut wide = Nullable::with_capacity(v.len().max(16));
            for x in v.iter() {
                wide.push(x.map(unpack));
            }
            *self = Decimals::Wide(wide);
        }
    }

    pub fn push(&mut self, value: Option<Decimal>) {
        if let Decimals::Packed(v) = self {
            match value.map(pack) {
                None => return v.push(None),
                Some(Some(p)) => return v.push(Some(p)),
                Some(None) => self.widen(),
            }
        }
        if let Decimals::Wide(v) = self {
            v.push(value);
        }
    }

    /// Append `other`'s rows.
    pub fn append(&mut self, other: &Decimals) {
        if let (Decimals::Packed(a), Decimals::Packed(b)) = (&mut *self, other) {
            return a.append(b);
        }
        self.widen();
        if let Decimals::Wide(a) = self {
            for x in other.iter() {
                a.push(x);
            }
        }
    }

    /// The rows at `idx`, in that order.
    pub fn take(&self, idx: &[usize]) -> Decimals {
        match self {
            Decimals::Packed(v) => Decimals::Packed(v.take(idx)),
            Decimals::Wide(v) => Decimals::Wide(v.take(idx)),
        }
    }

    /// Like `take`; `None` gives an empty cell.
    pub fn take_opt(&self, idx: &[Option<usize>]) -> Decimals {
        match self {
            Decimals::Packed(v) => Decimals::Packed(v.take_opt(idx)),
            Decimals::Wide(v) => Decimals::Wide(v.take_opt(idx)),
        }
    }
}

impl FromIterator<Option<Decimal>> for Decimals {
    fn from_iter<I: IntoIterator<Item = Option<Decimal>>>(iter: I) -> Decimals {
        let iter = iter.into_iter();
        let mut out = Decimals::with_capacity(iter.size_hint().0);
        for v in iter {
            out.push(v);
        }
        out
    }
}

impl From<Vec<Option<Decimal>>> for Decimals {
    fn from(v: Vec<Option<Decimal>>) -> Decimals {
        v.into_iter().collect()
    }
}

impl PartialEq for Decimals {
    /// Equal when every row has an equal value (`1,5` = `1,50`) or is empty in both.
    fn eq(&self, other: &Decimals) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn values_keep_their_scale_and_sign() {
        let v = vec![
            Some(d("1.5")),
            Some(d("1.50")),
            None,
            Some(d("-1234.56")),
            Some(d("0")),
            Some(d("0.0000000000000000000000000001")),
        ];
        let c = Decimals::from(v.clone());
        assert!(c.packed().is_some(), "all fit in 8 bytes");
        let back: Vec<Option<Decimal>> = c.iter().collect();
        assert_eq!(back, v);
        assert_eq!(back[1].map(|x| x.to_string()), Some("1.50".into()));
        assert_eq!(back[3].map(|x| x.to_string()), Some("-1234.56".into()));
        assert_eq!(c.get(2), None);
    }

    #[test]
    fn a_value_too_large_to_pack_widens_the_column_without_loss() {
        let mut c = Decimals::from(vec![Some(d("2.25")), None]);
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        c.push(Some(negative_zero));
        assert!(c.packed().is_some(), "a negative zero packs");
        let zero = c.get(2).expect("zero");
        assert_eq!(
            (zero.is_zero(), zero.is_sign_negative(), zero.scale()),
            (true, true, 2)
        );
        c.push(Some(Decimal::MAX));
        assert!(c.packed().is_none());
        assert_eq!(c.get(0), Some(d("2.25")));
        assert_eq!(c.get(1), None);
        assert!(c.get(2).is_some_and(|z| z.is_sign_negative()));
        assert_eq!(c.get(3), Some(Decimal::MAX));
        let mut a = Decimals::from(vec![Some(d("1"))]);
        a.append(&c);
        assert_eq!(a.len(), 5);
        assert_eq!(a.get(4), Some(Decimal::MAX));
        let edge = (1i64 << 57) - 1;
        let fits = Decimals::from(vec![
            Some(Decimal::new(edge, 2)),
            Some(Decimal::new(-edge, 0)),
        ]);
        assert!(fits.packed().is_some());
        assert_eq!(fits.get(0), Some(Decimal::new(edge, 2)));
        assert_eq!(fits.get(1), Some(Decimal::new(-edge, 0)));
        assert!(
            Decimals::from(vec![Some(Decimal::new(edge + 1, 0))])
                .packed()
                .is_none()
        );
    }

    #[test]
    fn take_and_equality() {
        let c = Decimals::from(vec![Some(d("1")), None, Some(d("3.5"))]);
        assert_eq!(
            c.take(&[2, 0]),
            Decimals::from(vec![Some(d("3.50")), Some(d("1"))])
        );
        assert_eq!(
            c.take_opt(&[None, Some(1)]),
            Decimals::from(vec![None, None])
        );
        let parts = Decimals::unpack_parts(c.packed().expect("packed").values()[2]);
        assert_eq!(parts, Some((35, 1)));
    }
}
