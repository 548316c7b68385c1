//! A table as an Excel workbook: the caption as a title row (and the sheet's name), a bold
//! header row, numbers as numbers with the column's Swedish format as the cell format, total
//! rows bold, varav rows indented.

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use rapportbok::export::{NumberStyle, clip, sheet_name, text_cell};
use rapportbok::table::{RowKind, Table, Value};

/// The table as the bytes of an xlsx file.
pub fn to_xlsx(t: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date: the same table gives the same bytes, so a rebuild that changed
    // nothing shows no changed files when publishing.
    let mut properties = DocProperties::new()
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?)
        .set_author("rapportbok");
    if let Some(title) = &t.title {
        properties = properties.set_title(title);
    }
    workbook.set_properties(&properties);
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(t.title.as_deref()))?;
    let styles: Vec<Option<NumberStyle>> = t.columns.iter().map(NumberStyle::of).collect();
    let mut row: u32 = 0;
    if let Some(title) = &t.title {
        sheet.write_string_with_format(
            row,
            0,
            clip(title),
            &Format::new().set_bold().set_font_size(13),
        )?;
        row += 2;
    }
    let header = Format::new()
        .set_bold()
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    for (i, c) in t.columns.iter().enumerate() {
        let format = if styles[i].is_some() {
            header
                .clone()
                .set_align(rust_xlsxwriter::FormatAlign::Right)
        } else {
            header.clone()
        };
        sheet.write_string_with_format(row, col(i)?, clip(&c.name), &format)?;
    }
    sheet.set_freeze_panes(row + 1, 0)?;
    row += 1;
    // Each column's cell format, plain and bold (sum rows), made once rather than per cell.
    let formats: Vec<[Format; 2]> = styles
        .iter()
        .map(|style| {
            let plain = match style {
                Some(style) => Format::new().set_num_format(style.excel_format()),
                None => Format::new(),
            };
            let bold = plain.clone().set_bold();
            [plain, bold]
        })
        .collect();
    for r in 0..t.len() {
        let kind = t.kinds[r];
        let sum_row = usize::from(matches!(kind, RowKind::Total | RowKind::Subtotal));
        for (i, c) in t.columns.iter().enumerate() {
            // A row with a number format of its own (rare) gets its cell format made here.
            let own = NumberStyle::at(t, i, r, &styles[i]);
            let own_format;
            let format = match &own {
                Some(style) => {
                    let f = Format::new().set_num_format(style.excel_format());
                    own_format = if sum_row == 1 { f.set_bold() } else { f };
                    &own_format
                }
                None => &formats[i][sum_row],
            };
            match own.as_ref().or(styles[i].as_ref()) {
                Some(style) => match c.values.decimal(r) {
                    Some(v) => {
                        let shown = v
                            / style.divisor
                            / if style.percent {
                                Decimal::ONE_HUNDRED
                            } else {
                                Decimal::ONE
                            };
                        sheet.write_with_format(row, col(i)?, shown, format)?;
                    }
                    None => {
                        sheet.write_blank(row, col(i)?, format)?;
                    }
                },
                None => {
                    let indented;
                    let format = if kind == RowKind::Varav && t.is_varav_column(i) {
                        indented = format.clone().set_indent(1);
                        &indented
                    } else {
                        format
                    };
                    match c.values.get(r) {
                        Value::Date(d) => {
                            let date = ExcelDateTime::from_ymd(d.year as u16, d.month, d.day)?;
                            sheet.write_datetime_with_format(
                                row,
                                col(i)?,
                                &date,
                                &format.clone().set_num_format("yyyy-mm-dd"),
                            )?;
                        }
                        Value::Null => {
                            sheet.write_blank(row, col(i)?, format)?;
                        }
                        _ => {
                            sheet.write_string_with_format(
                                row,
                                col(i)?,
                                clip(&text_cell(t, r, i)),
                                format,
                            )?;
                        }
                    }
                }
            }
        }
        row += 1;
    }
    for (i, c) in t.columns.iter().enumerate() {
        let widest = (0..t.len())
            .map(|r| text_cell(t, r, i).chars().count())
            .chain([c.name.chars().count()])
            .max()
            .unwrap_or(8);
        sheet.set_column_width(col(i)?, (widest.clamp(8, 60) + 2) as f64)?;
    }
    workbook.save_to_buffer()
}

fn col(i: usize) -> Result<u16, XlsxError> {
    u16::try_from(i).map_err(|_| XlsxError::ParameterError("för många kolumner".into()))
}
