//! A table as CSV for Swedish Excel: UTF-8 with BOM, `;` between fields, decimal comma,
//! no thousands separator, CRLF line ends; numbers as the page shows them (unit, decimals).

use rust_decimal::Decimal;

use super::{NumberStyle, text_cell};
use crate::number::round_half_away;
use crate::table::{RowKind, Table};

/// The table as CSV bytes (header row, then every row, totals included).
pub fn to_csv(t: &Table) -> Vec<u8> {
    let styles: Vec<Option<NumberStyle>> = t.columns.iter().map(NumberStyle::of).collect();
    // Rows rounded to add up to the total (`round_to_total`) are written as the page shows them.
    let adjusted = crate::table::adjusted(t);
    let mut out = Vec::from("\u{feff}".as_bytes());
    for (i, c) in t.columns.iter().enumerate() {
        write_field(&mut out, i, &c.name);
    }
    out.extend_from_slice(b"\r\n");
    // Fields go straight into `out`: no list of strings per row.
    for r in 0..t.len() {
        for (i, c) in t.columns.iter().enumerate() {
            let field = match &styles[i] {
                Some(style) => {
                    let shown = match (&adjusted[i], t.kinds[r]) {
                        (Some(adj), RowKind::Data) => adj[r].or_else(|| c.values.decimal(r)),
                        _ => c.values.decimal(r),
                    };
                    shown.map(|v| number(v, style)).unwrap_or_default()
                }
                None => text_cell(t, r, i),
            };
            write_field(&mut out, i, &field);
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// `-1234,5`: scaled to the column's unit, rounded to its decimals.
fn number(value: Decimal, style: &NumberStyle) -> String {
    let shown = round_half_away(value / style.divisor, style.decimals);
    let text = format!("{:.*}", style.decimals as usize, shown);
    let text = text.replace('.', ",");
    if style.signed && shown > Decimal::ZERO {
        format!("+{text}")
    } else if text.trim_start_matches(['-', '0', ',']).is_empty() {
        // −0,0 after rounding reads as 0,0.
        text.trim_start_matches('-').to_string()
    } else {
        text
    }
}

/// Field `i` of a record: `;` before all but the first, quoted when it must be.
fn write_field(out: &mut Vec<u8>, i: usize, f: &str) {
    if i > 0 {
        out.push(b';');
    }
    if f.contains([';', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(f.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(f.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(divisor: i64, decimals: u32, signed: bool) -> NumberStyle {
        NumberStyle {
            divisor: Decimal::from(divisor),
            decimals,
            percent: false,
            signed,
        }
    }

    #[test]
    fn numbers_use_decimal_comma_and_no_separator() {
        assert_eq!(
            number(Decimal::from(-174_149_000), &style(1_000_000, 1, false)),
            "-174,1"
        );
        assert_eq!(
            number(Decimal::from(1_234_567), &style(1, 0, false)),
            "1234567"
        );
        assert_eq!(number(Decimal::new(125, 1), &style(1, 1, true)), "+12,5");
        assert_eq!(number(Decimal::new(-4, 2), &style(1, 1, false)), "0,0");
    }

    #[test]
    fn fields_with_separators_are_quoted() {
        let mut out = Vec::new();
        for (i, f) in ["a;b", "sa \"ja\"", "c"].iter().enumerate() {
            write_field(&mut out, i, f);
        }
        assert_eq!(out, b"\"a;b\";\"sa \"\"ja\"\"\";c");
    }
}
