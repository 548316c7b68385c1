//! Swedish numbers: exact decimals, formatted the way Swedish reports print them.

mod format;

pub use format::{MINUS, NBSP, format_decimal, format_int, round_half_away};
