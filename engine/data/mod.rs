//! Data files as tables: CSV exports (separator, encoding and decimal mark detected) and
//! Excel sheets, with column types inferred and overridable by the writer.

mod columns;
mod csv;
mod decode;
mod file;
mod source;
mod xlsx;

pub use columns::{ColumnType, ReadOptions};
pub use csv::{parse_csv, read_csv};
pub use decode::decode;
pub use file::{open_bounded, read_bounded};
pub use xlsx::read_xlsx;

/// What is wrong with a value that looks like a number but is not one, as a hint in Swedish;
/// `None` when it does not look like a number.
pub fn why_not_a_number(value: &str) -> Option<&'static str> {
    let v = value.trim();
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if matches!(v, "-" | "\u{2013}" | "\u{2212}") {
        return Some("ett ensamt streck; lämna cellen tom om värdet saknas");
    }
    if digits == 0 {
        return None;
    }
    if v.starts_with('(') && v.ends_with(')') {
        return Some("negativa tal skrivs med minustecken, som -50, inte inom parentes");
    }
    if v.contains(['e', 'E'])
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'e' | 'E' | '+' | '-' | '.' | ','))
    {
        return Some("tal med exponent, som 1e5, läses inte; skriv ut talet");
    }
    if digits > 28
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | ',' | ' '))
    {
        return Some("talet har fler siffror än ett tal kan rymma (högst 28)");
    }
    if v.contains('.') && v.contains(',') {
        return Some(
            "punkt och komma i samma tal; skiljer punkten tusental, ange thousands: \".\"",
        );
    }
    None
}
