//! Per-column display formats: `mkr:1`, `tkr`, `kr`, `pct:1`, `int`, `dec:2`, `text`, and `+`
//! in front for signed deviations (`+mkr:1`).

use rust_decimal::Decimal;

use super::Value;
use crate::number::{DASH, NBSP, format_decimal, format_signed, round_half_away};

/// How a column's numbers are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Format {
    pub unit: Unit,
    /// Fixed number of decimals; `None`: as many as needed (at most two).
    pub decimals: Option<u32>,
    /// Always show the sign (`+12`, `−177`).
    pub signed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Plain,
    Kr,
    Tkr,
    Mkr,
    Percent,
    Text,
}

impl Format {
    /// Parse a format name; the error lists the names there are.
    pub fn parse(text: &str) -> Result<Format, String> {
        let t = text.trim();
        let (signed, t) = match t.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (name, decimals) = match t.split_once(':') {
            Some((n, d)) => (
                n,
                Some(
                    d.trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|d| *d <= 10)
                        .ok_or_else(|| {
                            format!("antal decimaler i formatet `{text}` ska vara 0–10")
                        })?,
                ),
            ),
            None => (t, None),
        };
        let (unit, default_decimals) = match name.trim() {
            "kr" => (Unit::Kr, Some(0)),
            "tkr" => (Unit::Tkr, Some(0)),
            "mkr" => (Unit::Mkr, Some(1)),
            "pct" | "%" => (Unit::Percent, Some(1)),
            "int" | "heltal" => (Unit::Plain, Some(0)),
            "dec" | "tal" => (Unit::Plain, None),
            "text" => (Unit::Text, None),
            _ => {
                return Err(format!(
                    "okänt format `{text}`; använd kr, tkr, mkr, pct, int, dec eller text, \
                     med :decimaler (`mkr:1`) och + för tecken (`+mkr:1`)"
                ));
            }
        };
        let decimals = if name.trim() == "int" || name.trim() == "heltal" {
            Some(0)
        } else {
            decimals.or(default_decimals)
        };
        Ok(Format {
            unit,
            decimals,
            signed,
        })
    }

    /// What a number is divided by before it is shown.
    pub fn divisor(&self) -> Decimal {
        match self.unit {
            Unit::Tkr => Decimal::from(1000),
            Unit::Mkr => Decimal::from(1_000_000),
            _ => Decimal::ONE,
        }
    }

    /// The number as shown, before the text is made (scaled and rounded).
    pub fn shown(&self, value: Decimal) -> Decimal {
        let scaled = value / self.divisor();
        match self.decimals {
            Some(d) => round_half_away(scaled, d),
            None => scaled,
        }
    }

    /// A number as text in this format.
    pub fn number(&self, value: Decimal) -> String {
        let scaled = value / self.divisor();
        let body = if self.signed {
            format_signed(scaled, self.decimals)
        } else {
            format_decimal(scaled, self.decimals)
        };
        if self.unit == Unit::Percent {
            format!("{body}{NBSP}%")
        } else {
            body
        }
    }
}

/// A cell as text: numbers in `format` (or Swedish defaults), periods as `feb 2024`,
/// empty cells as an en dash.
pub fn cell_text(value: &Value, format: Option<&Format>) -> String {
    match (value, format) {
        (Value::Null, _) => DASH.to_string(),
        (Value::Int(i), Some(f)) if f.unit != Unit::Text => f.number(Decimal::from(*i)),
        (Value::Decimal(d), Some(f)) if f.unit != Unit::Text => f.number(*d),
        // An integer shown as text (a year) has no digit grouping.
        (Value::Int(i), Some(_)) if *i < 0 => {
            format!("{}{}", crate::number::MINUS, i.unsigned_abs())
        }
        (Value::Int(i), Some(_)) => i.to_string(),
        (Value::Int(i), None) => crate::number::format_int(*i),
        (Value::Decimal(d), _) => format_decimal(*d, None),
        (v, _) => v.label(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let mkr = Format::parse("mkr:1").expect("format");
        assert_eq!(mkr.number(Decimal::from(-174_149_000)), "\u{2212}174,1");
        let signed = Format::parse("+tkr").expect("format");
        assert_eq!(signed.number(Decimal::from(12_400)), "+12");
        assert_eq!(
            Format::parse("pct")
                .expect("format")
                .number(Decimal::new(125, 1)),
            "12,5\u{a0}%"
        );
        assert_eq!(
            cell_text(
                &Value::Decimal(Decimal::new(15, 1)),
                Some(&Format::parse("int").expect("f"))
            ),
            "2"
        );
        assert_eq!(cell_text(&Value::Null, None), "\u{2013}");
        assert!(Format::parse("miljoner").is_err());
    }
}
