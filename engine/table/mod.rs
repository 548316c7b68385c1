//! The Table: named, typed columns behind `Arc` (cheap to clone in scripts), row kinds for
//! totals and "varav" rows, and per-column display formats.

mod build;
mod calc;
mod decimals;
mod dictionary;
mod format;
mod html;
mod nullable;
mod reshape;
mod rows;
mod summary;
mod value;

use std::sync::Arc;

use rust_decimal::Decimal;

pub use build::{
    data_text, dynamic_value, from_columns, from_dynamic_rows, is_data_text, is_plain, make_plain,
    plain_int, to_dynamic, to_dynamic_shown,
};
pub use calc::{Agg, Op, combine, combine_scalar, require_numeric};
pub use decimals::Decimals;
pub use dictionary::Dictionary;
pub use format::{Format, Unit, cell_text};
pub use html::{adjusted, render_html};
pub use nullable::Nullable;
pub use reshape::cell;
pub use value::{Key, Value, Values};

/// What a row is: data, or a line added for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Data,
    /// "Summa …" of a group of rows above it.
    Subtotal,
    /// "Summa" of all data rows.
    Total,
    /// A part of the row above ("varav …"), shown indented and left out of sums.
    Varav,
}

/// One named column.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub values: Arc<Values>,
    /// How the column is shown; `None` picks a default from its type.
    pub format: Option<Format>,
    /// A percent change computed from two other columns: totals recompute it from theirs.
    pub ratio: Option<(String, String)>,
    /// Why a column read from a data file is text: the file, row and first value that is
    /// not a number, for errors that expect numbers.
    pub text_because: Option<Arc<str>>,
}

impl Column {
    pub fn new(name: impl Into<String>, values: Values) -> Column {
        Column {
            name: name.into(),
            values: Arc::new(values),
            format: None,
            ratio: None,
            text_because: None,
        }
    }
}

/// Deviation marking: values of `column` beyond `threshold` (either sign) get a symbol.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub column: String,
    pub threshold: Decimal,
}

/// A table of typed columns. Cloning is cheap: column data is shared.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub kinds: Arc<Vec<RowKind>>,
    /// Shown as the `<caption>`.
    pub title: Option<String>,
    pub marks: Vec<Mark>,
    /// Round data rows so they add up to the rounded total (largest remainder).
    pub round_to_total: bool,
    /// The column whose cells say "varav …" on varav rows.
    pub varav_column: Option<String>,
    /// Per-row number formats (a percentage row in an amounts table): empty, or one per
    /// row. A row's format wins over its column's in numeric columns not shown as text.
    pub row_formats: Arc<Vec<Option<Format>>>,
}

/// A table-level error, in Swedish, for the script API to raise.
pub type TableResult<T> = Result<T, String>;

impl Table {
    /// A table of data rows from columns of equal length.
    pub fn new(columns: Vec<Column>) -> TableResult<Table> {
        let len = columns.first().map_or(0, |c| c.values.len());
        if let Some(c) = columns.iter().find(|c| c.values.len() != len) {
            return Err(format!(
                "kolumnen `{}` har {} rader, de andra {len}",
                c.name,
                c.values.len()
            ));
        }
        for (i, c) in columns.iter().enumerate() {
            if columns[..i].iter().any(|o| o.name == c.name) {
                return Err(format!("kolumnen `{}` finns två gånger", c.name));
            }
        }
        Ok(Table {
            columns,
            kinds: Arc::new(vec![RowKind::Data; len]),
            ..Table::default()
        })
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    pub fn names(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// The position of a column, or an error listing the columns there are.
    pub fn position(&self, name: &str) -> TableResult<usize> {
        self.columns
            .iter()
            .position(|c| c.name == name)
            .ok_or_else(|| self.missing(name))
    }

    pub fn column(&self, name: &str) -> TableResult<&Column> {
        Ok(&self.columns[self.position(name)?])
    }

    fn missing(&self, name: &str) -> String {
        let names: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("`{}`", c.name))
            .collect();
        format!(
            "kolumnen `{name}` finns inte; tabellen har {}",
            if names.is_empty() {
                "inga kolumner".to_string()
            } else {
                names.join(", ")
            }
        )
    }

    /// The rows at `indexes`, in that order (with their kinds).
    pub fn take(&self, indexes: &[usize]) -> Table {
        let columns = self
            .columns
            .iter()
            .map(|c| Column {
                values: Arc::new(c.values.take(indexes)),
                ..c.clone()
            })
            .collect();
        let row_formats = if self.row_formats.is_empty() {
            Arc::default()
        } else {
            Arc::new(indexes.iter().map(|&i| self.row_format(i)).collect())
        };
        Table {
            columns,
            kinds: Arc::new(indexes.iter().map(|&i| self.kinds[i]).collect()),
            row_formats,
            ..self.clone()
        }
    }

    /// Whether column `col` is where a varav row writes its "varav" label (the varav column,
    /// or the first column when none is named).
    pub fn is_varav_column(&self, col: usize) -> bool {
        self.varav_column
            .as_deref()
            .map_or(col == 0, |v| v == self.columns[col].name)
    }

    /// Each column's deviation-mark threshold, if the column is marked.
    pub fn mark_thresholds(&self) -> Vec<Option<Decimal>> {
        self.columns
            .iter()
            .map(|c| {
                self.marks
                    .iter()
                    .find(|m| m.column == c.name)
                    .map(|m| m.threshold)
            })
            .collect()
    }

    /// The format row `row` carries of its own, if any.
    pub fn row_format(&self, row: usize) -> Option<Format> {
        self.row_formats.get(row).copied().flatten()
    }

    /// How the cell at `row` of column `col` is shown: the row's own format in numeric
    /// columns (unless the column is shown as text), else the column's.
    pub fn cell_format(&self, col: usize, row: usize) -> Option<Format> {
        let c = &self.columns[col];
        let column = c.format;
        if !c.values.is_numeric() || column.is_some_and(|f| f.unit == Unit::Text) {
            return column;
        }
        self.row_format(row).or(column)
    }

    /// Give the rows in `rows` their own format (`None` takes it away again).
    pub fn set_row_format(&mut self, rows: &[usize], format: Option<Format>) -> TableResult<()> {
        if let Some(&r) = rows.iter().find(|&&r| r >= self.len()) {
            return Err(format!(
                "rad {} finns inte; tabellen har {} rader",
                r + 1,
                self.len()
            ));
        }
        let mut formats: Vec<Option<Format>> =
            (0..self.len()).map(|r| self.row_format(r)).collect();
        for &r in rows {
            formats[r] = format;
        }
        self.row_formats = if formats.iter().all(Option::is_none) {
            Arc::default()
        } else {
            Arc::new(formats)
        };
        Ok(())
    }

    /// Add or replace a column (same length as the table).
    pub fn set_column(&mut self, column: Column) -> TableResult<()> {
        if column.values.len() != self.len() && !self.columns.is_empty() {
            return Err(format!(
                "kolumnen `{}` har {} rader men tabellen {}",
                column.name,
                column.values.len(),
                self.len()
            ));
        }
        if self.columns.is_empty() {
            self.kinds = Arc::new(vec![RowKind::Data; column.values.len()]);
        }
        match self.columns.iter_mut().find(|c| c.name == column.name) {
            Some(c) => *c = column,
            None => self.columns.push(column),
        }
        Ok(())
    }

    /// Indexes of data rows (not totals, subtotals or varav rows).
    pub fn data_rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.kinds
            .iter()
            .enumerate()
            .filter(|(_, k)| **k == RowKind::Data)
            .map(|(i, _)| i)
    }
}
