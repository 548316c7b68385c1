//! Data files as tables: CSV exports (separator, encoding and decimal mark detected) and
//! Excel sheets, with column types inferred and overridable by the writer.

mod columns;
mod csv;
mod decode;
mod xlsx;

pub use columns::{ColumnType, ReadOptions};
pub use csv::{parse_csv, read_csv};
pub use decode::decode;
pub use xlsx::read_xlsx;
