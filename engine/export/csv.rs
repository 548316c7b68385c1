//! A table as CSV for Swedish Excel: UTF-8 with BOM, `;` between fields, decimal comma,
//! no thousands separator, CRLF line ends; numbers as the page shows them (unit, decimals).
//! Text that a spreadsheet would take for a formula is neutralised (OWASP's advice on CSV
//! injection): it gets a leading `'` and is quoted.

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
        write_text(&mut out, i, &c.name);
    }
    out.extend_from_slice(b"\r\n");
    // Fields go straight into `out`: no list of strings per row.
    for r in 0..t.len() {
        for (i, c) in t.columns.iter().enumerate() {
            match &styles[i] {
                Some(style) => {
                    let shown = match (&adjusted[i], t.kinds[r]) {
                        (Some(adj), RowKind::Data) => adj[r].or_else(|| c.values.decimal(r)),
                        _ => c.values.decimal(r),
                    };
                    let own = NumberStyle::at(t, i, r, &styles[i]);
                    let style = own.as_ref().unwrap_or(style);
                    let field = shown.map(|v| number(v, style)).unwrap_or_default();
                    write_field(&mut out, i, &field);
                }
                None => write_text(&mut out, i, &text_cell(t, r, i)),
            }
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

/// A text field: one a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'` and quotes, so it stays text.
fn write_text(out: &mut Vec<u8>, i: usize, text: &str) {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        write_quoted(out, i, &format!("'{text}"));
    } else {
        write_field(out, i, text);
    }
}

/// Field `i` of a record: `;` before all but the first, quoted when it must be.
fn write_field(out: &mut Vec<u8>, i: usize, f: &str) {
    if f.contains([';', '"', '\n', '\r']) {
        write_quoted(out, i, f);
    } else {
        if i > 0 {
            out.push(b';');
        }
        out.extend_from_slice(f.as_bytes());
    }
}

/// Field `i` in quotes, inner quotes doubled.
fn write_quoted(out: &mut Vec<u8>, i: usize, f: &str) {
    if i > 0 {
        out.push(b';');
    }
    out.push(b'"');
    out.extend_from_slice(f.replace('"', "\"\"").as_bytes());
    out.push(b'"');
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
    fn text_that_looks_like_a_formula_stays_text() {
        let mut out = Vec::new();
        let cells = [
            "=HYPERLINK(\"http://x\";\"klicka\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tflik",
            "\rretur",
            "vanlig",
        ];
        for (i, f) in cells.iter().enumerate() {
            write_text(&mut out, i, f);
        }
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "\"'=HYPERLINK(\"\"http://x\"\";\"\"klicka\"\")\";\"'+1\";\"'-2\";\"'@SUM(A1)\";\"'\tflik\";\"'\rretur\";vanlig"
        );
    }

    #[test]
    fn negative_numbers_stay_numbers() {
        let t = crate::table::Table::new(vec![
            crate::table::Column::new(
                "Namn",
                crate::table::Values::Text(vec![Some("=1+1".into()), Some("-".into())].into()),
            ),
            crate::table::Column::new(
                "Belopp",
                crate::table::Values::Int(vec![Some(-5), Some(3)].into()),
            ),
        ])
        .expect("table");
        let csv = String::from_utf8(to_csv(&t)).expect("utf-8");
        assert_eq!(csv, "\u{feff}Namn;Belopp\r\n\"'=1+1\";-5\r\n\"'-\";3\r\n");
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
