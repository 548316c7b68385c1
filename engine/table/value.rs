//! Column storage by type, single cell values, and borrowed keys for grouping and joins.

use std::cmp::Ordering;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Decimals, Dictionary, Nullable};
use crate::period::{Date, Period};

/// A column's values; `None` is an empty cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    Text(Dictionary),
    Int(Nullable<i64>),
    Decimal(Decimals),
    Period(Nullable<Period>),
    Date(Nullable<Date>),
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Text(Arc<str>),
    Int(i64),
    Decimal(Decimal),
    Period(Period),
    Date(Date),
}

/// A cell borrowed for hashing (group by, join, pivot). Decimals are normalised so that
/// 1,50 and 1,5 are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key<'a> {
    Null,
    Text(&'a str),
    Int(i64),
    Decimal(Decimal),
    Period(Period),
    Date(Date),
}

impl Values {
    pub fn len(&self) -> usize {
        match self {
            Values::Text(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::Decimal(v) => v.len(),
            Values::Period(v) => v.len(),
            Values::Date(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The Swedish name of the type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Values::Text(_) => "text",
            Values::Int(_) => "heltal",
            Values::Decimal(_) => "decimaltal",
            Values::Period(_) => "period",
            Values::Date(_) => "datum",
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Values::Int(_) | Values::Decimal(_))
    }

    /// An empty column of the same type.
    pub fn empty_like(&self) -> Values {
        match self {
            Values::Text(_) => Values::Text(Dictionary::new()),
            Values::Int(_) => Values::Int(Nullable::new()),
            Values::Decimal(_) => Values::Decimal(Decimals::new()),
            Values::Period(_) => Values::Period(Nullable::new()),
            Values::Date(_) => Values::Date(Nullable::new()),
        }
    }

    pub fn take(&self, idx: &[usize]) -> Values {
        match self {
            Values::Text(v) => Values::Text(v.take(idx)),
            Values::Int(v) => Values::Int(v.take(idx)),
            Values::Decimal(v) => Values::Decimal(v.take(idx)),
            Values::Period(v) => Values::Period(v.take(idx)),
            Values::Date(v) => Values::Date(v.take(idx)),
        }
    }

    /// Like `take`, but `None` gives an empty cell (unmatched rows of a left join).
    pub fn take_opt(&self, idx: &[Option<usize>]) -> Values {
        match self {
            Values::Text(v) => Values::Text(v.take_opt(idx)),
            Values::Int(v) => Values::Int(v.take_opt(idx)),
            Values::Decimal(v) => Values::Decimal(v.take_opt(idx)),
            Values::Period(v) => Values::Period(v.take_opt(idx)),
            Values::Date(v) => Values::Date(v.take_opt(idx)),
        }
    }

    pub fn get(&self, i: usize) -> Value {
        match self {
            Values::Text(v) => v.get(i).cloned().map_or(Value::Null, Value::Text),
            Values::Int(v) => v.get(i).map_or(Value::Null, Value::Int),
            Values::Decimal(v) => v.get(i).map_or(Value::Null, Value::Decimal),
            Values::Period(v) => v.get(i).map_or(Value::Null, Value::Period),
            Values::Date(v) => v.get(i).map_or(Value::Null, Value::Date),
        }
    }

    pub fn key(&self, i: usize) -> Key<'_> {
        match self {
            Values::Text(v) => v.str(i).map_or(Key::Null, Key::Text),
            Values::Int(v) => v.get(i).map_or(Key::Null, Key::Int),
            Values::Decimal(v) => v.get(i).map_or(Key::Null, |d| Key::Decimal(d.normalize())),
            Values::Period(v) => v.get(i).map_or(Key::Null, Key::Period),
            Values::Date(v) => v.get(i).map_or(Key::Null, Key::Date),
        }
    }

    /// Whether cell `i` is empty: one bit or code looked at, no value built (for loops that
    /// only skip empty cells; [`Values::key`] normalises decimals).
    pub fn is_null(&self, i: usize) -> bool {
        match self {
            Values::Text(v) => v.code(i).is_none(),
            Values::Int(v) => !v.is_valid(i),
            Values::Decimal(v) => v.is_null(i),
            Values::Period(v) => !v.is_valid(i),
            Values::Date(v) => !v.is_valid(i),
        }
    }

    /// A numeric cell as a decimal.
    pub fn decimal(&self, i: usize) -> Option<Decimal> {
        match self {
            Values::Int(v) => v.get(i).map(Decimal::from),
            Values::Decimal(v) => v.get(i),
            _ => None,
        }
    }

    /// Compare two rows of this column; empty cells sort last.
    pub fn compare(&self, a: usize, b: usize) -> Ordering {
        self.compare_dir(a, b, false)
    }

    /// Compare two rows, descending when `desc`; empty cells sort last either way.
    pub fn compare_dir(&self, a: usize, b: usize, desc: bool) -> Ordering {
        match (self.key(a), self.key(b)) {
            (Key::Null, Key::Null) => Ordering::Equal,
            (Key::Null, _) => Ordering::Greater,
            (_, Key::Null) => Ordering::Less,
            (x, y) if desc => y.cmp(&x),
            (x, y) => x.cmp(&y),
        }
    }

    /// Append one value of the right type (or an empty cell); false if the type differs.
    pub fn push(&mut self, value: Value) -> bool {
        match (self, value) {
            (Values::Text(v), Value::Null) => v.push(None),
            (Values::Int(v), Value::Null) => v.push(None),
            (Values::Decimal(v), Value::Null) => v.push(None),
            (Values::Period(v), Value::Null) => v.push(None),
            (Values::Date(v), Value::Null) => v.push(None),
            (Values::Text(v), Value::Text(t)) => v.push(Some(t)),
            (Values::Int(v), Value::Int(x)) => v.push(Some(x)),
            (Values::Decimal(v), Value::Decimal(x)) => v.push(Some(x)),
            (Values::Decimal(v), Value::Int(x)) => v.push(Some(Decimal::from(x))),
            (Values::Period(v), Value::Period(x)) => v.push(Some(x)),
            (Values::Date(v), Value::Date(x)) => v.push(Some(x)),
            _ => return false,
        }
        true
    }

    /// The column as decimals (integers widened); `None` if not numeric.
    pub fn to_decimals(&self) -> Option<Vec<Option<Decimal>>> {
        match self {
            Values::Int(v) => Some(v.iter().map(|x| x.map(Decimal::from)).collect()),
            Values::Decimal(v) => Some(v.iter().collect()),
            _ => None,
        }
    }
}

impl Key<'_> {
    pub fn to_value(self) -> Value {
        match self {
            Key::Null => Value::Null,
            Key::Text(t) => Value::Text(Arc::from(t)),
            Key::Int(i) => Value::Int(i),
            Key::Decimal(d) => Value::Decimal(d),
            Key::Period(p) => Value::Period(p),
            Key::Date(d) => Value::Date(d),
        }
    }
}

impl Value {
    /// Plain text for headers and labels (periods as `feb 2024`).
    pub fn label(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Text(t) => t.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Decimal(d) => crate::number::format_decimal(*d, None),
            Value::Period(p) => format!("{} {}", p.short_name(), p.year),
            Value::Date(d) => d.to_string(),
        }
    }
}
