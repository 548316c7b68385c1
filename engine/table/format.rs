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
    const fn of(unit: Unit, decimals: Option<u32>) -> Format {
        Format {
            unit,
            decimals,
            signed: false,
        }
    }

    /// Kronor, no decimals (`kr`).
    pub const fn kr() -> Format {
        Format::of(Unit::Kr, Some(0))
    }

    /// Thousands of kronor with `decimals` (`tkr`, `tkr:1`).
    pub const fn tkr(decimals: u32) -> Format {
        Format::of(Unit::Tkr, Some(decimals))
    }

    /// Millions of kronor with `decimals` (`mkr:1`).
    pub const fn mkr(decimals: u32) -> Format {
        Format::of(Unit::Mkr, Some(decimals))
    }

    /// Percent with `decimals` (`pct:1`).
    pub const fn pct(decimals: u32) -> Format {
        Format::of(Unit::Percent, Some(decimals))
    }

    /// Whole numbers (`int`).
    pub const fn int() -> Format {
        Format::of(Unit::Plain, Some(0))
    }

    /// A plain number with `decimals` (`dec:2`), or as many as needed (at most two) with
    /// `None` (`dec`).
    pub const fn dec(decimals: Option<u32>) -> Format {
        Format::of(Unit::Plain, decimals)
    }

    /// Shown as text (`text`).
    pub const fn text() -> Format {
        Format::of(Unit::Text, None)
    }

    /// The same format with the sign always shown (`+mkr:1`, for deviations).
    pub const fn signed(self) -> Format {
        Format {
            signed: true,
            ..self
        }
    }

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

    #[test]
    fn constructors_match_the_names() {
        for (name, typed) in [
            ("kr", Format::kr()),
            ("tkr", Format::tkr(0)),
            ("mkr:1", Format::mkr(1)),
            ("mkr:0", Format::mkr(0)),
            ("pct:1", Format::pct(1)),
            ("pct", Format::pct(1)),
            ("int", Format::int()),
            ("dec", Format::dec(None)),
            ("dec:2", Format::dec(Some(2))),
            ("text", Format::text()),
            ("+pct:1", Format::pct(1).signed()),
            ("+mkr:1", Format::mkr(1).signed()),
        ] {
            assert_eq!(Format::parse(name), Ok(typed), "{name}");
        }
    }
}
