//! The worksheet part (`xl/worksheets/sheet1.xml`) written cell by cell: the frozen header,
//! column widths, then rows of numbers, inline text and styled blanks.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::number::push_decimal;

pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Excel's size of a sheet.
pub const MAX_ROWS: usize = 1_048_576;
pub const MAX_COLUMNS: usize = 16_384;

/// The sheet's rows, written into a buffer; [`head`] and [`TAIL`] go around them.
pub struct Sheet<'a> {
    xml: &'a mut String,
    /// Column letters (`A`, `B`, … `AA`), made once.
    letters: Vec<String>,
    /// The current row, 1-based; 0 before the first.
    row: usize,
    row_open: bool,
}

/// What follows the rows.
pub const TAIL: &str = "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" \
    bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";

/// What precedes the rows of a sheet of `rows` × `widths.len()` cells (at most Excel's
/// size) whose first `frozen` rows stay in view, with the columns `widths` characters wide.
pub fn head(rows: usize, widths: &[usize], frozen: usize) -> String {
    let mut xml = String::with_capacity(600 + 70 * widths.len());
    xml.push_str(XML_DECLARATION);
    xml.push_str(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
    );
    if rows > 0 && !widths.is_empty() {
        let _ = write!(
            xml,
            "<dimension ref=\"A1:{}{rows}\"/>",
            letters(widths.len() - 1)
        );
    } else {
        xml.push_str("<dimension ref=\"A1\"/>");
    }
    xml.push_str("<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">");
    if frozen > 0 {
        let _ = write!(
            xml,
            "<pane ySplit=\"{frozen}\" topLeftCell=\"A{}\" activePane=\"bottomLeft\" state=\"frozen\"/>\
             <selection pane=\"bottomLeft\"/>",
            frozen + 1
        );
    }
    xml.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if !widths.is_empty() {
        xml.push_str("<cols>");
        for (i, w) in widths.iter().enumerate() {
            let _ = write!(
                xml,
                "<col min=\"{n}\" max=\"{n}\" width=\"{}\" customWidth=\"1\"/>",
                column_width(*w),
                n = i + 1
            );
        }
        xml.push_str("</cols>");
    }
    xml.push_str("<sheetData>");
    xml
}

impl<'a> Sheet<'a> {
    /// Rows of `columns` columns, written into `xml`.
    pub fn new(xml: &'a mut String, columns: usize) -> Sheet<'a> {
        Sheet {
            xml,
            letters: (0..columns).map(letters).collect(),
            row: 0,
            row_open: false,
        }
    }

    /// Go to row `row` (1-based, after the current one); rows left out stay empty.
    pub fn row(&mut self, row: usize) {
        self.close_row();
        self.row = row;
        let _ = write!(self.xml, "<row r=\"{row}\">");
        self.row_open = true;
    }

    fn close_row(&mut self) {
        if self.row_open {
            self.xml.push_str("</row>");
            self.row_open = false;
        }
    }

    /// `<c r="B4" s="3"`
    fn open_cell(&mut self, col: usize, style: u32) {
        let _ = write!(self.xml, "<c r=\"{}{}\"", self.letters[col], self.row);
        if style != 0 {
            let _ = write!(self.xml, " s=\"{style}\"");
        }
    }

    /// A number, exactly.
    pub fn number(&mut self, col: usize, style: u32, value: Decimal) {
        self.open_cell(col, style);
        self.xml.push_str("><v>");
        push_decimal(self.xml, value);
        self.xml.push_str("</v></c>");
    }

    /// A whole number (a date's serial number).
    pub fn whole(&mut self, col: usize, style: u32, value: i64) {
        self.open_cell(col, style);
        let _ = write!(self.xml, "><v>{value}</v></c>");
    }

    /// Text, stored in the cell (never a formula, whatever it starts with).
    pub fn text(&mut self, col: usize, style: u32, text: &str) {
        self.open_cell(col, style);
        self.xml.push_str(" t=\"inlineStr\"><is><t");
        if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
            self.xml.push_str(" xml:space=\"preserve\"");
        }
        self.xml.push('>');
        escape_into(self.xml, text);
        self.xml.push_str("</t></is></c>");
    }

    /// An empty cell that still has a style (an empty total in bold); plain ones are left out.
    pub fn blank(&mut self, col: usize, style: u32) {
        if style != 0 {
            self.open_cell(col, style);
            self.xml.push_str("/>");
        }
    }

    /// Close the last row.
    pub fn finish(mut self) {
        self.close_row();
    }
}

/// Column `i`'s letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn letters(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.iter().rev().map(|&b| b as char).collect()
}

/// The `width` attribute for a column `chars` characters wide, as Excel stores it: whole
/// pixels of Calibri 11 (7 per digit, 5 of padding) back in characters, in 1/256 steps.
fn column_width(chars: usize) -> f64 {
    let pixels = chars * 7 + 5;
    (pixels * 256 / 7) as f64 / 256.0
}

/// `text` escaped for XML text or a quoted attribute. Characters XML 1.0 cannot hold (control
/// characters) are written as Excel's `_xHHHH_`, and a literal `_xHHHH_` keeps its `_` as
/// `_x005F_`, so Excel reads back the text as it was.
pub fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        let escaped = match ch {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\t' | '\n' | '\r' => continue,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&text[start..i]);
                let _ = write!(out, "_x{:04X}_", c as u32);
                start = i + c.len_utf8();
                continue;
            }
            '_' if looks_escaped(&text[i..]) => "_x005F_",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(escaped);
        start = i + ch.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// Whether `s` starts with `_xHHHH_`.
fn looks_escaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[6] == b'_' && b[2..6].iter().all(u8::is_ascii_hexdigit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_in_excel() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(701), "ZZ");
        assert_eq!(letters(702), "AAA");
        assert_eq!(letters(MAX_COLUMNS - 1), "XFD");
    }

    #[test]
    fn widths_are_whole_pixels() {
        // What Excel (and rust_xlsxwriter before) store for 26 and 10 characters.
        assert_eq!(column_width(26), 26.7109375);
        assert_eq!(column_width(10), 10.7109375);
    }

    #[test]
    fn text_is_escaped_for_xml_and_excel() {
        let mut s = String::new();
        escape_into(&mut s, "a<b & \"c\"\u{1}_x0041_\tslut");
        assert_eq!(s, "a&lt;b &amp; &quot;c&quot;_x0001__x005F_x0041_\tslut");
    }

    #[test]
    fn a_sheet_has_its_cells_in_rows() {
        let mut rows = String::new();
        let mut sheet = Sheet::new(&mut rows, 2);
        sheet.row(1);
        sheet.text(0, 2, " Namn");
        sheet.row(2);
        sheet.number(1, 3, Decimal::new(-125, 1));
        sheet.blank(0, 0);
        sheet.finish();
        let xml = format!("{}{rows}{TAIL}", head(2, &[10, 8], 1));
        assert!(xml.contains("<dimension ref=\"A1:B2\"/>"), "{xml}");
        assert!(
            xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""),
            "{xml}"
        );
        assert!(
            xml.contains(
                "<row r=\"1\"><c r=\"A1\" s=\"2\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> Namn</t></is></c></row>\
                 <row r=\"2\"><c r=\"B2\" s=\"3\"><v>-12.5</v></c></row></sheetData>"
            ),
            "{xml}"
        );
    }
}
