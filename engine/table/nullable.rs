//! Storage of a fixed-size value per row with a bit per row saying whether the cell is empty.

/// A column of `T` in which a cell may be empty: the values side by side (an empty cell holds
/// `T::default()`), and one validity bit per row.
#[derive(Debug, Clone, Default)]
pub struct Nullable<T> {
    values: Vec<T>,
    /// Bit `i % 64` of word `i / 64` is set when row `i` has a value.
    valid: Vec<u64>,
}

impl<T: Copy + Default> Nullable<T> {
    pub fn new() -> Nullable<T> {
        Nullable {
            values: Vec::new(),
            valid: Vec::new(),
        }
    }

    pub fn with_capacity(rows: usize) -> Nullable<T> {
        Nullable {
            values: Vec::with_capacity(rows),
            valid: Vec::with_capacity(rows.div_ceil(64)),
        }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Whether row `i` holds a value (not an empty cell).
    pub fn is_valid(&self, i: usize) -> bool {
        self.valid[i / 64] & (1 << (i % 64)) != 0
    }

    /// Row `i`'s value, `None` when the cell is empty. Panics past the end, like a slice.
    pub fn get(&self, i: usize) -> Option<T> {
        let v = self.values[i];
        self.is_valid(i).then_some(v)
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<T>> + '_ {
        self.values
            .iter()
            .enumerate()
            .map(|(i, &v)| self.is_valid(i).then_some(v))
    }

    /// The values, empty cells as `T::default()`; use with [`Nullable::has_empty`].
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// Whether any cell is empty.
    pub fn has_empty(&self) -> bool {
        let full = self.len() / 64;
        self.valid[..full].iter().any(|&w| w != u64::MAX)
            || (self.len() % 64 != 0 && self.valid[full].count_ones() as usize != self.len() % 64)
    }

    pub fn push(&mut self, value: Option<T>) {
        let i = self.values.len();
        if i % 64 == 0 {
            self.valid.push(0);
        }
        if value.is_some() {
            self.valid[i / 64] |= 1 << (i % 64);
        }
        self.values.push(value.unwrap_or_default());
    }

    /// Append `other`'s rows.
    pub fn append(&mut self, other: &Nullable<T>) {
        self.values.reserve(other.len());
        for v in other.iter() {
            self.push(v);
        }
    }

    /// The rows at `idx`, in that order.
    pub fn take(&self, idx: &[usize]) -> Nullable<T> {
        idx.iter().map(|&i| self.get(i)).collect()
    }

    /// Like `take`; `None` gives an empty cell.
    pub fn take_opt(&self, idx: &[Option<usize>]) -> Nullable<T> {
        idx.iter().map(|i| i.and_then(|i| self.get(i))).collect()
    }

    /// Each value changed by `f`, empty cells kept empty.
    pub fn map<U: Copy + Default>(&self, f: impl Fn(T) -> U) -> Nullable<U> {
        Nullable {
            values: self.values.iter().map(|&v| f(v)).collect(),
            valid: self.valid.clone(),
        }
    }
}

impl<T: Copy + Default> FromIterator<Option<T>> for Nullable<T> {
    fn from_iter<I: IntoIterator<Item = Option<T>>>(iter: I) -> Nullable<T> {
        let iter = iter.into_iter();
        let mut out = Nullable::with_capacity(iter.size_hint().0);
        for v in iter {
            out.push(v);
        }
        out
    }
}

impl<T: Copy + Default> From<Vec<Option<T>>> for Nullable<T> {
    fn from(v: Vec<Option<T>>) -> Nullable<T> {
        v.into_iter().collect()
    }
}

impl<T: Copy + Default + PartialEq> PartialEq for Nullable<T> {
    /// Equal when every row has the same value or is empty in both.
    fn eq(&self, other: &Nullable<T>) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_empty_cells_round_trip() {
        let v: Vec<Option<i64>> = (0..130)
            .map(|i| (i % 3 != 0).then_some(i as i64 - 60))
            .collect();
        let n = Nullable::from(v.clone());
        assert_eq!(n.len(), 130);
        assert_eq!(n.iter().collect::<Vec<_>>(), v);
        assert_eq!(n.get(0), None);
        assert_eq!(n.get(1), Some(-59));
        assert_eq!(n.get(129), None);
        assert_eq!(n.values()[0], 0, "an empty cell holds the default");
        assert!(n.has_empty());
        let full: Nullable<i64> = (0..65).map(Some).collect();
        assert!(!full.has_empty());
        let partial: Nullable<i64> = (0..65).map(|i| (i != 64).then_some(i)).collect();
        assert!(partial.has_empty());
    }

    #[test]
    fn take_append_map_and_equality() {
        let n: Nullable<i64> = [Some(1), None, Some(3)].into_iter().collect();
        assert_eq!(
            n.take(&[2, 1, 0]),
            Nullable::from(vec![Some(3), None, Some(1)])
        );
        assert_eq!(
            n.take_opt(&[None, Some(0)]),
            Nullable::from(vec![None, Some(1)])
        );
        let mut a = n.clone();
        a.append(&n);
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            [Some(1), None, Some(3), Some(1), None, Some(3)]
        );
        assert_eq!(
            n.map(|x| x * 10),
            Nullable::from(vec![Some(10), None, Some(30)])
        );
        assert_ne!(n, Nullable::from(vec![Some(1), Some(0), Some(3)]));
    }
}
