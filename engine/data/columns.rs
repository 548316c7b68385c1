//! Column types of a data file: inferred from a sample of values, overridable by the writer,
//! and built value by value with errors that name file, row, column and value.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::number::{DecimalMark, dot_groups_thousands, parse_number, parse_number_grouped};
use crate::period::{Date, Period};
use crate::table::{Decimals, Dictionary, Format, Nullable, Values};

/// The type of a column in a data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnType {
    Text,
    Int,
    Decimal(DecimalMark),
    Period,
    Date,
}

impl ColumnType {
    /// A type name as writers give it in `types: #{...}`.
    pub fn parse(name: &str) -> Result<ColumnType, String> {
        Ok(match name {
            "text" => ColumnType::Text,
            "int" | "heltal" => ColumnType::Int,
            "decimal" | "tal" => ColumnType::Decimal(DecimalMark::Comma),
            "period" => ColumnType::Period,
            "date" | "datum" => ColumnType::Date,
            _ => {
                return Err(format!(
                    "okänd kolumntyp `{name}`; använd text, heltal, tal, period eller datum"
                ));
            }
        })
    }

    pub fn swedish(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Int => "ett heltal",
            ColumnType::Decimal(_) => "ett tal",
            ColumnType::Period => "en period (ÅÅÅÅ-MM)",
            ColumnType::Date => "ett datum (ÅÅÅÅ-MM-DD)",
        }
    }
}

/// What the writer may say about a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ReadOptions {
    /// Column types that override inference.
    pub types: Vec<(String, ColumnType)>,
    /// The separator; detected when `None`.
    pub separator: Option<u8>,
    /// The decimal mark of every numeric column; detected per column when `None`.
    pub decimal: Option<DecimalMark>,
    /// Dots group thousands (`1.234,5`); the decimal mark is then a comma.
    pub thousands_dot: bool,
}

/// A period written `2024-02` (not `202402`, which is as likely a number).
fn strict_period(v: &str) -> Option<Period> {
    (v.len() == 7 && v.as_bytes()[4] == b'-')
        .then(|| Period::parse(v))
        .flatten()
}

/// Infer a column's type from sample values (empty ones skipped). A column where at least
/// nine in ten values are numbers is numeric: the others are then reported as bad values
/// (with a hint to read the column as text) rather than silently turning it into text.
pub fn infer<'a>(
    values: impl Iterator<Item = &'a str>,
    decimal: Option<DecimalMark>,
    dot_groups: bool,
) -> ColumnType {
    let (mut n, mut int, mut comma, mut point, mut period, mut date) = (0, 0, 0, 0, 0, 0);
    let mut leading_zero = false;
    for v in values.map(str::trim).filter(|v| !v.is_empty()) {
        n += 1;
        let digits = v.trim_start_matches(['-', '\u{2212}', '\u{2013}']);
        // Codes with leading zeros (`0123`) are text, not numbers.
        leading_zero |= digits.len() > 1
            && digits.starts_with('0')
            && !digits.starts_with("0,")
            && !digits.starts_with("0.");
        int += usize::from(crate::number::parse_int(v).is_some());
        comma += usize::from(parse_number_grouped(v, DecimalMark::Comma, dot_groups).is_some());
        point += usize::from(parse_number(v, DecimalMark::Point).is_some());
        period += usize::from(strict_period(v).is_some());
        date += usize::from(Date::parse(v).is_some());
    }
    let all = |k: usize| n > 0 && k == n;
    let most = |k: usize| n > 0 && !leading_zero && k * 10 >= n * 9;
    let numeric = |k: usize| most(k) && k > 0;
    match decimal {
        _ if n == 0 => ColumnType::Text,
        _ if all(int) && !leading_zero => ColumnType::Int,
        Some(mark) => {
            let k = if mark == DecimalMark::Comma {
                comma
            } else {
                point
            };
            if numeric(k) {
                ColumnType::Decimal(mark)
            } else if all(period) {
                ColumnType::Period
            } else if all(date) {
                ColumnType::Date
            } else {
                ColumnType::Text
            }
        }
        None if numeric(comma) && comma >= point => ColumnType::Decimal(DecimalMark::Comma),
        None if numeric(point) => ColumnType::Decimal(DecimalMark::Point),
        None if all(period) => ColumnType::Period,
        None if all(date) => ColumnType::Date,
        None => ColumnType::Text,
    }
}

/// Why a value does not fit its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misfit {
    /// The value is not of the column's type.
    NotA(ColumnType),
    /// `1.234` with no decimal mark stated, in a column with no other dotted decimals: the
    /// dot may group thousands or mark decimals, a factor of 1 000 apart.
    AmbiguousDot,
}

/// Builds one column value by value.
pub struct Builder {
    pub kind: ColumnType,
    values: Values,
    /// Each distinct text once, with its code: a repeated value shares it.
    interned: ahash::HashMap<Arc<str>, u32>,
    percent: bool,
    /// Dots group thousands (the writer said so).
    dot_groups: bool,
    /// Refuse values like `1.234` read with a decimal point: the mark was not stated and no
    /// value so far shows the dot is a decimal point.
    guard_dots: bool,
    /// Why the column is text: the first value that is not a number, and its line.
    pub first_text: Option<(u64, Box<str>)>,
}

impl Builder {
    pub fn new(kind: ColumnType, capacity: usize) -> Builder {
        let values = match kind {
            ColumnType::Text => Values::Text(Dictionary::with_capacity(capacity)),
            ColumnType::Int => Values::Int(Nullable::with_capacity(capacity)),
            ColumnType::Decimal(_) => Values::Decimal(Decimals::with_capacity(capacity)),
            ColumnType::Period => Values::Period(Nullable::with_capacity(capacity)),
            ColumnType::Date => Values::Date(Nullable::with_capacity(capacity)),
        };
        Builder {
            kind,
            values,
            interned: ahash::HashMap::default(),
            percent: false,
            dot_groups: false,
            guard_dots: false,
            first_text: None,
        }
    }

    /// Read dots as thousands groups (`1.234,5`).
    pub fn with_dot_groups(mut self, dot_groups: bool) -> Builder {
        self.dot_groups = dot_groups;
        self
    }

    /// Refuse `1.234`-like values read with a decimal point until a value such as `1.5` shows
    /// that the dot is the decimal mark.
    pub fn with_dot_guard(mut self, guard: bool) -> Builder {
        self.guard_dots = guard;
        self
    }

    /// Note a text value at `line`, if it is the first that is not a number.
    pub fn note_text(&mut self, raw: &str, line: u64) {
        let v = raw.trim();
        if self.first_text.is_none()
            && !v.is_empty()
            && crate::number::parse_number_any(v).is_none()
        {
            self.first_text = Some((line, v.into()));
        }
    }

    /// Add one raw field; `Err` says why it does not fit.
    pub fn push(&mut self, raw: &str) -> Result<(), Misfit> {
        let v = raw.trim();
        if let Values::Text(out) = &mut self.values {
            if v.is_empty() {
                out.push_code(None);
                return Ok(());
            }
            let code = out.intern(v, &mut self.interned);
            out.push_code(Some(code));
            return Ok(());
        }
        let empty = v.is_empty();
        let kind = self.kind;
        let ok = match (&mut self.values, kind) {
            (Values::Int(out), _) => {
                if empty {
                    out.push(None);
                    true
                } else if let Some(i) = crate::number::parse_int(v) {
                    out.push(Some(i));
                    true
                } else if let Some(p) = parse_number_grouped(v, DecimalMark::Comma, self.dot_groups)
                    .or_else(|| {
                        if self.dot_groups {
                            None
                        } else {
                            parse_number(v, DecimalMark::Point)
                        }
                    })
                {
                    if self.guard_dots && !v.contains(',') && dot_groups_thousands(v) {
                        return Err(Misfit::AmbiguousDot);
                    }
                    // A decimal in a column of integers so far: the column becomes decimal.
                    let mut widened: Decimals = out.iter().map(|x| x.map(Decimal::from)).collect();
                    widened.push(Some(p.value));
                    let mark = if v.contains(',') || self.dot_groups {
                        DecimalMark::Comma
                    } else {
                        // A decimal point such as `1.5`: the dot is a decimal mark.
                        self.guard_dots = false;
                        DecimalMark::Point
                    };
                    self.kind = ColumnType::Decimal(mark);
                    self.percent |= p.percent;
                    self.values = Values::Decimal(widened);
                    true
                } else {
                    false
                }
            }
            (Values::Decimal(out), ColumnType::Decimal(mark)) => {
                if empty {
                    out.push(None);
                    true
                } else if let Some(p) = parse_number_grouped(v, mark, self.dot_groups) {
                    if self.guard_dots && mark == DecimalMark::Point && v.contains('.') {
                        if dot_groups_thousands(v) {
                            return Err(Misfit::AmbiguousDot);
                        }
                        self.guard_dots = false;
                    }
                    self.percent |= p.percent;
                    out.push(Some(p.value));
                    true
                } else {
                    false
                }
            }
            (Values::Period(out), _) => {
                let p = if empty {
                    Some(None)
                } else {
                    Period::parse(v).map(Some)
                };
                p.map(|p| out.push(p)).is_some()
            }
            (Values::Date(out), _) => {
                let d = if empty {
                    Some(None)
                } else {
                    Date::parse(v).map(Some)
                };
                d.map(|d| out.push(d)).is_some()
            }
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(Misfit::NotA(self.kind))
        }
    }

    /// An empty builder that reads values as this one would from its start: the same type
    /// and dot rules, for `capacity` values (a later part of the same file).
    pub fn fork(&self, capacity: usize) -> Builder {
        Builder::new(self.kind, capacity)
            .with_dot_groups(self.dot_groups)
            .with_dot_guard(self.guard_dots)
    }

    /// Append the values `later` read from the rest of the file, whose line 1 is line
    /// `first_line` of the file. Both must have kept their type; `false` (and nothing
    /// appended) otherwise.
    pub fn append(&mut self, later: Builder, first_line: u64) -> bool {
        let first_text = later.first_text.map(|(line, v)| (line + first_line - 1, v));
        match (&mut self.values, later.values) {
            (Values::Text(a), Values::Text(b)) => a.append(b, &mut self.interned),
            (Values::Int(a), Values::Int(b)) => a.append(&b),
            (Values::Decimal(a), Values::Decimal(b)) if self.kind == later.kind => a.append(&b),
            (Values::Period(a), Values::Period(b)) => a.append(&b),
            (Values::Date(a), Values::Date(b)) => a.append(&b),
            _ => return false,
        }
        self.percent |= later.percent;
        if self.first_text.is_none() {
            self.first_text = first_text;
        }
        true
    }

    /// The finished values, and a default format (percent columns show `%`).
    pub fn finish(self) -> (Values, Option<Format>) {
        let format = self.percent.then(|| Format::pct(1));
        (self.values, format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infers_types() {
        let t = |v: &[&str]| infer(v.iter().copied(), None, false);
        assert_eq!(t(&["1 083", "-50", ""]), ColumnType::Int);
        assert_eq!(
            t(&["1 083,5", "\u{2013}50"]),
            ColumnType::Decimal(DecimalMark::Comma)
        );
        assert_eq!(
            t(&["1083.5", "12"]),
            ColumnType::Decimal(DecimalMark::Point)
        );
        assert_eq!(t(&["2024-01", "2024-12"]), ColumnType::Period);
        assert_eq!(t(&["2024-01-31"]), ColumnType::Date);
        assert_eq!(t(&["0123", "4010"]), ColumnType::Text);
        assert_eq!(t(&["Personal", "12"]), ColumnType::Text);
        assert_eq!(t(&["", ""]), ColumnType::Text);
        assert_eq!(
            t(&["12,5 %", "3 %"]),
            ColumnType::Decimal(DecimalMark::Comma)
        );
        let mostly: Vec<String> = (0..10)
            .map(|i| format!("{i},5"))
            .chain(["n/a".to_string()])
            .collect();
        assert_eq!(
            infer(mostly.iter().map(String::as_str), None, false),
            ColumnType::Decimal(DecimalMark::Comma)
        );
        assert_eq!(t(&["1", "2", "n/a"]), ColumnType::Text);
    }

    #[test]
    fn builder_widens_and_refuses() {
        let mut b = Builder::new(ColumnType::Int, 4);
        assert!(b.push("12").is_ok());
        assert!(b.push("1,5").is_ok());
        assert_eq!(b.kind, ColumnType::Decimal(DecimalMark::Comma));
        assert_eq!(
            b.push("tolv"),
            Err(Misfit::NotA(ColumnType::Decimal(DecimalMark::Comma)))
        );
        let (values, _) = b.finish();
        assert_eq!(
            values,
            Values::Decimal(vec![Some(Decimal::from(12)), Some(Decimal::new(15, 1))].into())
        );
    }
}
