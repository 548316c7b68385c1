//! Swedish numbers: exact decimals, parsed and formatted the way Swedish reports write them.

mod checked;
mod format;
mod parse;
mod units;

pub use checked::{Overflow, checked_mean, checked_sum, too_large};
pub use format::{MINUS, NBSP, format_decimal, format_int, round_half_away};
pub use parse::{
    DecimalMark, Parsed, dot_groups_thousands, parse_int, parse_number, parse_number_any,
    parse_number_grouped,
};
pub use units::{
    DASH, format_percent, format_percent_change, format_scaled, format_signed, percent_change,
    round_to_total, scale,
};
