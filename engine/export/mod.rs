//! Table downloads: each table on a built page as an Excel file and a CSV file beside the page.

mod csv;
mod xlsx;

use rust_decimal::Decimal;

use crate::render::html::escape;
use crate::table::Unit;
use crate::table::{Column, Format, Table};

pub use self::csv::to_csv;
pub use self::xlsx::{clip, sheet_name, to_xlsx};

/// A table rendered on a page, to be written as downloads beside it.
#[derive(Debug, Clone)]
pub struct Download {
    /// The files' name without extension, unique in the site (`ekonomi_resultatrakning`).
    pub stem: String,
    pub table: Table,
}

impl Download {
    /// The download's files for the page at `page` (`del/ekonomi.html`), as (site path, bytes).
    pub fn files(&self, page: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
        let dir = match page.rfind('/') {
            Some(i) => &page[..=i],
            None => "",
        };
        Ok(vec![
            (
                format!("{dir}{}.xlsx", self.stem),
                to_xlsx(&self.table).map_err(|e| format!("Excel-filen {}.xlsx: {e}", self.stem))?,
            ),
            (format!("{dir}{}.csv", self.stem), to_csv(&self.table)),
        ])
    }
}

/// Picks file names for a page's tables: page stem, `_`, then the table's title (or its number).
#[derive(Debug, Default)]
pub struct Namer {
    page_stem: String,
    count: usize,
    used: std::collections::HashSet<String>,
}

impl Namer {
    pub fn new(page_stem: &str) -> Namer {
        Namer {
            page_stem: file_slug(page_stem).unwrap_or_else(|| "sida".into()),
            ..Namer::default()
        }
    }

    /// The next table's file stem.
    pub fn name(&mut self, title: Option<&str>) -> String {
        self.count += 1;
        let part = title
            .and_then(file_slug)
            .unwrap_or_else(|| format!("tabell-{}", self.count));
        // Slugs hold no `_`, so `page_table` never clashes with another page's downloads
        // (`a` + `b-c` and `a-b` + `c` are `a_b-c` and `a-b_c`).
        let base = format!("{}_{part}", self.page_stem);
        let mut stem = base.clone();
        let mut n = 2;
        while !self.used.insert(stem.clone()) {
            stem = format!("{base}-{n}");
            n += 1;
        }
        stem
    }
}

/// A readable ASCII file name part: lower case, å ä → a, ö → o, other runs → `-`, at most
/// 60 characters. `None` when nothing is left.
pub fn file_slug(text: &str) -> Option<String> {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        let mapped = match ch {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if mapped == '-' {
            if !s.is_empty() && !s.ends_with('-') {
                s.push('-');
            }
        } else {
            s.push(mapped);
        }
        if s.len() >= 60 {
            break;
        }
    }
    let s = s.trim_end_matches('-').to_string();
    (!s.is_empty()).then_some(s)
}

/// The links under a table. The visually hidden title makes each link's text name its table.
pub fn links_html(stem: &str, title: Option<&str>) -> String {
    let name = escape(title.unwrap_or("tabellen"));
    let href = escape(stem);
    format!(
        "<p class=\"table-downloads\">Ladda ner: \
         <a href=\"{href}.xlsx\" download>Excel<span class=\"visually-hidden\"> ({name}, xlsx)</span></a> | \
         <a href=\"{href}.csv\" download>CSV<span class=\"visually-hidden\"> ({name}, semikolonseparerad)</span></a></p>\n"
    )
}

/// How a numeric column is written: the number as shown in the page's unit, and the
/// Excel number format that shows it the Swedish way.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberStyle {
    /// Divide the stored number by this (tkr, mkr; 100 for percent in Excel).
    pub divisor: Decimal,
    /// Fixed decimals (the column's format, or what its values need, at most two).
    pub decimals: u32,
    pub percent: bool,
    pub signed: bool,
}

impl NumberStyle {
    /// The style of a numeric column; `None` for text-like columns.
    pub fn of(column: &Column) -> Option<NumberStyle> {
        NumberStyle::with(column, column.format)
    }

    /// The style of row `row` in column `col`, given the column's own style: a row that
    /// carries its own number format (a percentage row in an amounts table) is written in it.
    pub fn at(
        t: &Table,
        col: usize,
        row: usize,
        column: &Option<NumberStyle>,
    ) -> Option<NumberStyle> {
        let own = t.row_format(row)?;
        column.as_ref()?;
        NumberStyle::with(&t.columns[col], Some(own))
    }

    /// The style of a numeric column shown in `format`.
    fn with(column: &Column, format: Option<Format>) -> Option<NumberStyle> {
        if !column.values.is_numeric() {
            return None;
        }
        let format = format.unwrap_or(Format {
            unit: Unit::Plain,
            decimals: None,
            signed: false,
        });
        if format.unit == Unit::Text {
            return None;
        }
        let decimals = format.decimals.unwrap_or_else(|| {
            (0..column.values.len())
                .filter_map(|r| column.values.decimal(r))
                .map(|d| d.normalize().scale())
                .max()
                .unwrap_or(0)
                .min(2)
        });
        Some(NumberStyle {
            divisor: format.divisor(),
            decimals,
            percent: format.unit == Unit::Percent,
            signed: format.signed,
        })
    }

    /// The Excel format code (Excel shows `,` as the locale's thousands separator and `.`
    /// as its decimal comma).
    pub fn excel_format(&self) -> String {
        let mut body = String::from(if self.percent { "0" } else { "#,##0" });
        if self.decimals > 0 {
            body.push('.');
            body.push_str(&"0".repeat(self.decimals as usize));
        }
        if self.percent {
            body.push('%');
        }
        if self.signed {
            format!("+{body};-{body};{body}")
        } else {
            body
        }
    }
}

/// A non-numeric cell as text; the "varav" column of a varav row says so, as on the page.
pub fn text_cell(t: &Table, row: usize, col: usize) -> String {
    let c = &t.columns[col];
    let text = c.values.get(row).label();
    if t.is_varav_column(col) && t.kinds[row] == crate::table::RowKind::Varav {
        format!("varav {text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_readable_and_unique() {
        assert_eq!(
            file_slug("Resultaträkning, mkr").as_deref(),
            Some("resultatrakning-mkr")
        );
        assert_eq!(
            file_slug("Vårdplatser – Öst").as_deref(),
            Some("vardplatser-ost")
        );
        assert_eq!(file_slug("???"), None);
        let mut namer = Namer::new("ekonomi");
        assert_eq!(namer.name(Some("Utfall")), "ekonomi_utfall");
        assert_eq!(namer.name(Some("Utfall")), "ekonomi_utfall-2");
        assert_eq!(namer.name(None), "ekonomi_tabell-3");
        assert_eq!(Namer::new("a-b").name(Some("c")), "a-b_c");
        assert_eq!(Namer::new("a").name(Some("b c")), "a_b-c");
    }

    #[test]
    fn excel_formats_follow_the_column_format() {
        let style = |f: &str| NumberStyle {
            divisor: Decimal::ONE,
            decimals: Format::parse(f).expect("format").decimals.unwrap_or(0),
            percent: f.contains("pct"),
            signed: f.starts_with('+'),
        };
        assert_eq!(style("mkr:1").excel_format(), "#,##0.0");
        assert_eq!(style("tkr").excel_format(), "#,##0");
        assert_eq!(style("pct:1").excel_format(), "0.0%");
        assert_eq!(style("+mkr:1").excel_format(), "+#,##0.0;-#,##0.0;#,##0.0");
    }

    #[test]
    fn links_name_the_table() {
        let html = links_html("ekonomi_utfall", Some("Utfall <mkr>"));
        assert!(html.contains("href=\"ekonomi_utfall.xlsx\""), "{html}");
        assert!(html.contains("href=\"ekonomi_utfall.csv\""), "{html}");
        assert!(html.contains("Utfall &lt;mkr&gt;, xlsx"), "{html}");
    }
}
