//! A table as an Excel workbook: the caption as a title row (and the sheet's name), a bold
//! header row, numbers as numbers with the column's Swedish format as the cell format, total
//! rows bold, varav rows indented.
//!
//! The package is written here ([`sheet`], [`number`], [`styles`], [`package`], [`archive`])
//! rather than with an xlsx library: a download is one small sheet, and what costs is the
//! package around it. The parts alike in every download are made once per process, the sheet is compressed
//! with a compressor each worker thread keeps from file to file, and no thread is started
//! per file.

mod archive;
mod number;
mod package;
mod sheet;
mod styles;

use std::borrow::Cow;
use std::cell::Cell;

use self::number::Unit;
use self::sheet::{MAX_COLUMNS, MAX_ROWS, Sheet, TAIL};
use self::styles::{Font, Style, Styles};
use super::{NumberStyle, text_cell};
use crate::period::Date;
use crate::table::{RowKind, Table, Value};

/// Excel's limit on the text in one cell.
const MAX_CELL_TEXT: usize = 32_767;

/// A sheet buffer this large or larger is not kept for the next file.
const KEEP_BUFFER_BELOW: usize = 4 << 20;

thread_local! {
    /// The sheet's XML, kept from file to file on each worker thread.
    static SHEET_BUFFER: Cell<String> = const { Cell::new(String::new()) };
}

/// The table as the bytes of an xlsx file.
pub fn to_xlsx(t: &Table) -> Result<Vec<u8>, String> {
    let mut rows = SHEET_BUFFER.with(Cell::take);
    rows.clear();
    let mut styles = Styles::default();
    let result = write_rows(t, &mut rows, &mut styles).and_then(|head| {
        package::write(
            &[head.as_bytes(), rows.as_bytes(), TAIL.as_bytes()],
            &styles.xml(),
            &sheet_name(t.title.as_deref()),
            t.title.as_deref(),
        )
    });
    if rows.capacity() < KEEP_BUFFER_BELOW {
        SHEET_BUFFER.with(|b| b.set(rows));
    }
    result
}

/// How each kind of cell in a column is written.
struct ColumnStyle {
    number: Option<NumberStyle>,
    unit: Option<Unit>,
    /// Plain and bold (sum rows).
    cells: [u32; 2],
    /// The varav label, indented (text columns only).
    indented: u32,
}

/// The sheet's rows into `rows`, its cell styles into `styles`; returns what goes before the
/// rows (which needs the columns' widths, known once the rows are written).
fn write_rows(t: &Table, rows: &mut String, styles: &mut Styles) -> Result<String, String> {
    if t.columns.len() > MAX_COLUMNS {
        return Err(format!(
            "tabellen har {} kolumner, fler än de {} som ryms på ett Excel-blad; välj färre kolumner",
            count(t.columns.len()),
            count(MAX_COLUMNS)
        ));
    }
    let first_row = if t.title.is_some() { 3 } else { 1 };
    let last_row = first_row + t.len();
    if last_row > MAX_ROWS {
        return Err(format!(
            "tabellen har {} rader, fler än de {} som ryms på ett Excel-blad under rubriken; \
             filtrera eller dela upp tabellen",
            count(t.len()),
            count(MAX_ROWS - first_row)
        ));
    }
    let columns: Vec<ColumnStyle> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let number = NumberStyle::of(c);
            let format = number
                .as_ref()
                .map_or(0, |n| styles.number_format(&n.excel_format()));
            let plain = Style {
                number_format: format,
                ..Style::PLAIN
            };
            let indented = if number.is_none() && t.is_varav_column(i) {
                styles.index(Style {
                    indent: true,
                    ..plain
                })
            } else {
                0
            };
            ColumnStyle {
                cells: [
                    styles.index(plain),
                    styles.index(Style {
                        font: Font::Bold,
                        ..plain
                    }),
                ],
                unit: number.as_ref().map(Unit::of),
                number,
                indented,
            }
        })
        .collect();
    // Each column as wide as its widest cell (or its header), 8 to 60 characters, and 2 more.
    let mut widths: Vec<usize> = t.columns.iter().map(|c| c.name.chars().count()).collect();
    let mut sheet = Sheet::new(rows, t.columns.len());
    if let Some(title) = &t.title {
        let style = styles.index(Style {
            font: Font::Title,
            ..Style::PLAIN
        });
        sheet.row(1);
        sheet.text(0, style, clip(title));
    }
    sheet.row(first_row);
    for (i, c) in t.columns.iter().enumerate() {
        let style = styles.index(Style {
            font: Font::Bold,
            line_below: true,
            right: columns[i].number.is_some(),
            ..Style::PLAIN
        });
        sheet.text(i, style, clip(&c.name));
    }
    for r in 0..t.len() {
        sheet.row(first_row + 1 + r);
        let kind = t.kinds[r];
        let sum_row = usize::from(matches!(kind, RowKind::Total | RowKind::Subtotal));
        for (i, c) in t.columns.iter().enumerate() {
            let column = &columns[i];
            let style = column.cells[sum_row];
            if let Some(unit) = column.unit {
                let Some(v) = c.values.decimal(r) else {
                    sheet.blank(i, style);
                    continue;
                };
                // A row with a number format of its own (rare) gets its cell style made here.
                let (unit, style) = match NumberStyle::at(t, i, r, &column.number) {
                    Some(own) => {
                        let number_format = styles.number_format(&own.excel_format());
                        let font = [Font::Regular, Font::Bold][sum_row];
                        let style = styles.index(Style {
                            number_format,
                            font,
                            ..Style::PLAIN
                        });
                        (Unit::of(&own), style)
                    }
                    None => (unit, style),
                };
                let shown = unit.shown(v)?;
                widths[i] = widths[i].max(unit.width(shown));
                sheet.number(i, style, shown);
                continue;
            }
            let varav = kind == RowKind::Varav && t.is_varav_column(i);
            let style = if varav && column.indented != 0 {
                column.indented
            } else {
                style
            };
            let value = c.values.get(r);
            let text = match &value {
                Value::Null => {
                    sheet.blank(i, style);
                    continue;
                }
                Value::Date(d) => {
                    widths[i] = widths[i].max(10);
                    match serial(*d) {
                        Some(serial) => {
                            let number_format = styles.number_format("yyyy-mm-dd");
                            let date = styles.index(Style {
                                number_format,
                                ..styles.style(style)
                            });
                            sheet.whole(i, date, serial);
                            continue;
                        }
                        // Before 1900 Excel has no dates: the date as text.
                        None => d.to_string().into(),
                    }
                }
                _ if varav => text_cell(t, r, i).into(),
                Value::Text(s) => Cow::Borrowed(&**s),
                other => other.label().into(),
            };
            let text = clip(&text);
            widths[i] = widths[i].max(text.chars().count());
            sheet.text(i, style, text);
        }
    }
    sheet.finish();
    for w in &mut widths {
        *w = (*w).clamp(8, 60) + 2;
    }
    Ok(sheet::head(last_row, &widths, first_row))
}

/// A count the Swedish way (`1 048 576`).
fn count(n: usize) -> String {
    crate::number::format_int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Excel's serial number of a date (days since 1899-12-30, counting Excel's 29 February
/// 1900 that never was); `None` before 1900, where Excel has no dates.
fn serial(d: Date) -> Option<i64> {
    if d.year < 1900 {
        return None;
    }
    let days = d.serial();
    Some(if days < 61 { days - 1 } else { days })
}

/// `text` cut to what one Excel cell holds.
pub fn clip(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_TEXT) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or
/// ending with an apostrophe.
pub fn sheet_name(title: Option<&str>) -> String {
    let cleaned: String = title
        .unwrap_or("")
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim().to_string();
    if cleaned.is_empty() {
        "Tabell".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_table_gives_the_same_bytes() {
        let t = crate::table::Table::new(vec![crate::table::Column::new(
            "Utfall",
            crate::table::Values::Int(vec![Some(1), None].into()),
        )])
        .expect("table");
        let a = to_xlsx(&t).expect("xlsx");
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(a, to_xlsx(&t).expect("xlsx"));
        // Also after this thread's compressors and buffer wrote a larger, different file,
        // and on another thread with fresh ones.
        let big = crate::table::Table::new(vec![crate::table::Column::new(
            "Utfall",
            crate::table::Values::Int((0..20_000).map(Some).collect::<Vec<_>>().into()),
        )])
        .expect("table");
        assert!(to_xlsx(&big).expect("xlsx").len() > a.len());
        assert_eq!(a, to_xlsx(&t).expect("xlsx"));
        let elsewhere = std::thread::spawn(move || to_xlsx(&t).expect("xlsx"))
            .join()
            .expect("thread");
        assert_eq!(a, elsewhere);
    }

    #[test]
    fn a_table_larger_than_a_sheet_is_an_error() {
        let t = crate::table::Table::new(vec![crate::table::Column::new(
            "Antal",
            crate::table::Values::Int(vec![Some(1); MAX_ROWS].into()),
        )])
        .expect("table");
        let t = Table {
            title: Some("Antal".into()),
            ..t
        };
        let e = to_xlsx(&t).expect_err("too many rows");
        assert_eq!(
            e,
            "tabellen har 1\u{a0}048\u{a0}576 rader, fler än de 1\u{a0}048\u{a0}573 som ryms på ett \
             Excel-blad under rubriken; filtrera eller dela upp tabellen"
        );
    }

    #[test]
    fn text_that_looks_like_a_formula_is_stored_as_text() {
        use calamine::{Data, Reader, Xlsx};
        let t = crate::table::Table::new(vec![
            crate::table::Column::new(
                "Namn",
                crate::table::Values::Text(vec![Some("=HYPERLINK(\"http://x\")".into())].into()),
            ),
            crate::table::Column::new("Belopp", crate::table::Values::Int(vec![Some(-5)].into())),
        ])
        .expect("table");
        let bytes = to_xlsx(&t).expect("xlsx");
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("read back");
        let formulas = book.worksheet_formula("Tabell").expect("formulas");
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
        let range = book.worksheet_range("Tabell").expect("sheet");
        let cells: Vec<Data> = range.rows().nth(1).expect("row").to_vec();
        assert_eq!(
            cells,
            vec![
                Data::String("=HYPERLINK(\"http://x\")".into()),
                Data::Float(-5.0)
            ]
        );
    }

    #[test]
    fn dates_are_excel_serial_numbers() {
        let serial_of = |y, m, d| serial(Date::new(y, m, d).expect("date"));
        // As Excel numbers them, 29 February 1900 included.
        assert_eq!(serial_of(1900, 1, 1), Some(1));
        assert_eq!(serial_of(1900, 2, 28), Some(59));
        assert_eq!(serial_of(1900, 3, 1), Some(61));
        assert_eq!(serial_of(2024, 2, 29), Some(45351));
        assert_eq!(serial_of(1899, 12, 31), None);
    }

    #[test]
    fn sheet_names_are_valid() {
        assert_eq!(sheet_name(Some("Utfall: jan/feb")), "Utfall janfeb");
        assert_eq!(sheet_name(None), "Tabell");
        assert_eq!(sheet_name(Some(&"å".repeat(40))).chars().count(), 31);
    }
}
