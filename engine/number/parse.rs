//! Parsing numbers as Swedish exports write them: `-1 083`, `1 083,5`, `−50`, `–50`, `12,5 %`.

use std::str::FromStr;

use rust_decimal::Decimal;

/// Which character separates the decimals in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecimalMark {
    /// `1 083,5` (Swedish); a `.` is then not accepted.
    Comma,
    /// `1083.5` (English exports); a `,` is then not accepted.
    Point,
}

/// A parsed number and whether it was written as a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub value: Decimal,
    pub percent: bool,
}

/// Is `c` a thousands separator Swedish exports use: space, no-break space,
/// narrow no-break space or thin space.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Is `c` a minus sign: hyphen-minus, U+2212 or an en dash (Windows-1252 has no U+2212).
fn is_minus(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '\u{2013}')
}

/// Parse one number. A trailing `%` (with or without space) is accepted and reported,
/// the value is kept as written (`12,5 %` gives 12.5, percent = true).
pub fn parse_number(text: &str, mark: DecimalMark) -> Option<Parsed> {
    let mut s = text.trim_matches(|c: char| c.is_whitespace() || is_group_space(c));
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent = true;
        s = rest.trim_end_matches(|c: char| c.is_whitespace() || is_group_space(c));
    }
    let mut chars = s.chars();
    let negative = match s.chars().next() {
        Some(c) if is_minus(c) => {
            chars.next();
            true
        }
        Some('+') => {
            chars.next();
            false
        }
        _ => false,
    };
    let mut plain = String::with_capacity(s.len() + 1);
    if negative {
        plain.push('-');
    }
    let mut digits = 0usize;
    let mut seen_mark = false;
    let mut last_was_space = false;
    for c in chars {
        match c {
            '0'..='9' => {
                plain.push(c);
                digits += 1;
                last_was_space = false;
            }
            c if is_group_space(c) => {
                // Spaces group thousands: only between digits, before the decimal mark.
                if digits == 0 || seen_mark || last_was_space {
                    return None;
                }
                last_was_space = true;
            }
            ',' if mark == DecimalMark::Comma && !seen_mark && !last_was_space => {
                seen_mark = true;
                plain.push('.');
            }
            '.' if mark == DecimalMark::Point && !seen_mark && !last_was_space => {
                seen_mark = true;
                plain.push('.');
            }
            _ => return None,
        }
    }
    if digits == 0 || last_was_space || plain.ends_with('.') {
        return None;
    }
    let value = Decimal::from_str(&plain).ok()?;
    Some(Parsed { value, percent })
}

/// Parse with whichever decimal mark the text uses (a `,` wins: Swedish exports).
pub fn parse_number_any(text: &str) -> Option<Parsed> {
    parse_number(text, DecimalMark::Comma).or_else(|| parse_number(text, DecimalMark::Point))
}

/// Parse a whole number (no decimals, spaces allowed as thousands separators).
pub fn parse_int(text: &str) -> Option<i64> {
    let p = parse_number(text, DecimalMark::Comma)?;
    if p.percent || p.value.scale() != 0 {
        return None;
    }
    i64::try_from(p.value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    fn comma(s: &str) -> Option<Decimal> {
        parse_number(s, DecimalMark::Comma).map(|p| p.value)
    }

    #[test]
    fn swedish_export_forms() {
        assert_eq!(comma("-1 083"), Some(d("-1083")));
        assert_eq!(comma("1 083,5"), Some(d("1083.5")));
        assert_eq!(comma("\u{2212}50"), Some(d("-50")));
        assert_eq!(comma("\u{2013}50"), Some(d("-50")));
        assert_eq!(comma("1\u{a0}234\u{a0}567,25"), Some(d("1234567.25")));
        assert_eq!(comma("1\u{202f}000"), Some(d("1000")));
        assert_eq!(comma("1\u{2009}000"), Some(d("1000")));
        assert_eq!(comma(" 42 "), Some(d("42")));
        assert_eq!(comma("+12"), Some(d("12")));
        let p = parse_number("12,5 %", DecimalMark::Comma).expect("percent");
        assert_eq!((p.value, p.percent), (d("12.5"), true));
        let p = parse_number("12,5%", DecimalMark::Comma).expect("percent");
        assert_eq!((p.value, p.percent), (d("12.5"), true));
        assert_eq!(
            parse_number("1083.5", DecimalMark::Point).map(|p| p.value),
            Some(d("1083.5"))
        );
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in [
            "", "-", "abc", "1,2,3", "1 ,5", "12,", ",5x", "1  000", "1.5", "5 -",
        ] {
            assert_eq!(comma(bad), None, "{bad:?}");
        }
        assert_eq!(parse_number("1,5", DecimalMark::Point), None);
        assert_eq!(parse_int("1 083"), Some(1083));
        assert_eq!(parse_int("10,5"), None);
        assert_eq!(parse_number_any("3.25").map(|p| p.value), Some(d("3.25")));
    }
}
