//! Reporting periods: a month `YYYY-MM` with Swedish names, last year's month, the year to
//! date (ack), the rolling 12 months (R12), tertial and quarter; and the calendar facts
//! reports need (days in a month or year, leap years, day counts between dates).

use std::fmt;

/// One calendar month. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    /// 1–12.
    pub month: u8,
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

const SHORT: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// A leap year in the Gregorian calendar (2024 and 2000 are, 2100 is not).
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; `None` for a month that does not exist.
pub fn days_in_month(year: i32, month: u8) -> Option<u8> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap_year(year) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// Days in `year`: 365, or 366 in a leap year.
pub fn days_in_year(year: i32) -> u16 {
    if is_leap_year(year) { 366 } else { 365 }
}

/// January of year 0: what an empty cell of a period column holds (never shown).
impl Default for Period {
    fn default() -> Period {
        Period { year: 0, month: 1 }
    }
}

impl Period {
    pub fn new(year: i32, month: u8) -> Option<Period> {
        ((1..=12).contains(&month) && (1000..=9999).contains(&year))
            .then_some(Period { year, month })
    }

    /// Parse `2024-02`, `202402`, `2024-02-29` (a date: its month), `februari 2024` or `feb 2024`.
    pub fn parse(text: &str) -> Option<Period> {
        let s = text.trim();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            s.get(r.clone())
                .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|t| t.parse().ok())
        };
        if (b.len() == 7 || (b.len() == 10 && b.get(7) == Some(&b'-'))) && b.get(4) == Some(&b'-') {
            return Period::new(digits(0..4)? as i32, digits(5..7)? as u8);
        }
        if b.len() == 6 {
            return Period::new(digits(0..4)? as i32, digits(4..6)? as u8);
        }
        let (name, year) = s.rsplit_once(' ')?;
        let name = name.trim().to_lowercase();
        let month = MONTHS
            .iter()
            .position(|m| *m == name)
            .or_else(|| SHORT.iter().position(|m| *m == name.trim_end_matches('.')))?;
        Period::new(year.trim().parse().ok()?, month as u8 + 1)
    }

    /// Months since year 0, for arithmetic.
    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_index(i: i64) -> Period {
        Period {
            year: i.div_euclid(12) as i32,
            month: (i.rem_euclid(12) + 1) as u8,
        }
    }

    /// The period `n` months later (earlier when negative).
    pub fn add_months(self, n: i64) -> Period {
        Period::from_index(self.index() + n)
    }

    /// Months from `self` to `other` (positive when `other` is later).
    pub fn months_until(self, other: Period) -> i64 {
        other.index() - self.index()
    }

    /// Same month last year.
    pub fn last_year(self) -> Period {
        self.add_months(-12)
    }

    /// January of the same year: with `self`, the year-to-date (ack) range.
    pub fn year_start(self) -> Period {
        Period {
            year: self.year,
            month: 1,
        }
    }

    /// The first month of the rolling 12 months ending with `self`.
    pub fn r12_start(self) -> Period {
        self.add_months(-11)
    }

    /// Tertial 1–3 (jan–apr, maj–aug, sep–dec).
    pub fn tertial(self) -> u8 {
        (self.month - 1) / 4 + 1
    }

    /// Quarter 1–4.
    pub fn quarter(self) -> u8 {
        (self.month - 1) / 3 + 1
    }

    /// `februari`.
    pub fn month_name(self) -> &'static str {
        MONTHS[usize::from(self.month - 1)]
    }

    /// `feb`.
    pub fn short_name(self) -> &'static str {
        SHORT[usize::from(self.month - 1)]
    }

    /// Days in the month (29 in February 2024).
    pub fn days(self) -> u8 {
        days_in_month(self.year, self.month).unwrap_or(30)
    }

    /// Days from January 1 to the end of this month (the year to date, in days).
    pub fn days_to_date(self) -> u16 {
        (1..=self.month)
            .map(|m| u16::from(days_in_month(self.year, m).unwrap_or(30)))
            .sum()
    }

    /// The first day of the month.
    pub fn first_day(self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: 1,
        }
    }

    /// The last day of the month (2024-02-29).
    pub fn last_day(self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: self.days(),
        }
    }

    /// `februari 2024`.
    pub fn long(self) -> String {
        format!("{} {}", self.month_name(), self.year)
    }
}

/// `2024-02`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A calendar date (from spreadsheets and ISO date columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// 1 January of year 0: what an empty cell of a date column holds (never shown).
impl Default for Date {
    fn default() -> Date {
        Date {
            year: 0,
            month: 1,
            day: 1,
        }
    }
}

impl Date {
    /// Parse an ISO date `2024-02-29`.
    pub fn parse(text: &str) -> Option<Date> {
        let s = text.trim();
        let b = s.as_bytes();
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !b
                .iter()
                .enumerate()
                .all(|(i, c)| matches!(i, 4 | 7) || c.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = s.get(0..4)?.parse().ok()?;
        let month: u8 = s.get(5..7)?.parse().ok()?;
        let day: u8 = s.get(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }

    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let days = days_in_month(year, month)?;
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// Days since 1899-12-30 (the spreadsheet epoch; the inverse of [`Date::from_serial`]).
    pub fn serial(self) -> i64 {
        // Days-from-civil (proleptic Gregorian), shifted from 1970-01-01.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468 + 25569
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.serial() - self.serial()
    }

    /// Date from days since 1899-12-30 (the spreadsheet epoch).
    pub fn from_serial(serial: i64) -> Option<Date> {
        // Years 1 to 9999 (day numbers beyond would overflow the arithmetic or the year).
        if !(-693_593..=2_958_465).contains(&serial) {
            return None;
        }
        // Civil-from-days (proleptic Gregorian), days counted from 1970-01-01.
        let z = serial - 25569 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date::new(year, month, day)
    }

    pub fn period(self) -> Period {
        Period {
            year: self.year,
            month: self.month,
        }
    }
}

/// `2024-02-29`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).expect("test period")
    }

    #[test]
    fn parses_and_names() {
        assert_eq!(
            p("2024-02"),
            Period {
                year: 2024,
                month: 2
            }
        );
        assert_eq!(p("202402"), p("2024-02"));
        assert_eq!(p("februari 2024"), p("2024-02"));
        assert_eq!(p("Feb 2024"), p("2024-02"));
        assert_eq!(p("2024-02-29"), p("2024-02"));
        assert_eq!(Period::parse("2024-13"), None);
        assert_eq!(Period::parse("feber 2024"), None);
        assert_eq!(p("2024-02").long(), "februari 2024");
        assert_eq!(p("2024-10").short_name(), "okt");
        assert_eq!(p("2024-02").to_string(), "2024-02");
    }

    #[test]
    fn ranges_and_parts() {
        assert_eq!(p("2024-02").last_year(), p("2023-02"));
        assert_eq!(p("2024-02").r12_start(), p("2023-03"));
        assert_eq!(p("2024-10").year_start(), p("2024-01"));
        assert_eq!(p("2024-01").add_months(-1), p("2023-12"));
        assert_eq!(
            [1, 4, 5, 8, 9, 12].map(|m| p(&format!("2024-{m:02}")).tertial()),
            [1, 1, 2, 2, 3, 3]
        );
        assert_eq!(
            [1, 3, 4, 12].map(|m| p(&format!("2024-{m:02}")).quarter()),
            [1, 1, 2, 4]
        );
        assert_eq!(p("2023-03").months_until(p("2024-02")), 11);
    }

    #[test]
    fn calendar_facts() {
        assert!(is_leap_year(2024) && is_leap_year(2000));
        assert!(!is_leap_year(2100) && !is_leap_year(2023));
        assert_eq!(p("2024-02").days(), 29);
        assert_eq!(p("2100-02").days(), 28);
        assert_eq!(p("2024-04").days(), 30);
        assert_eq!(days_in_year(2024), 366);
        assert_eq!(p("2024-03").days_to_date(), 31 + 29 + 31);
        assert_eq!(p("2024-02").last_day().to_string(), "2024-02-29");
        let first = p("2024-01").first_day();
        assert_eq!(first.days_until(p("2024-12").last_day()), 365);
        for serial in [1, 45351, 60000, -700] {
            let d = Date::from_serial(serial).expect("date");
            assert_eq!(d.serial(), serial);
        }
    }

    #[test]
    fn dates() {
        assert_eq!(Date::from_serial(45351), Date::new(2024, 2, 29));
        assert_eq!(Date::from_serial(1), Date::new(1899, 12, 31));
        assert_eq!(Date::parse("2024-02-30"), None);
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
    }

    /// Found by tests/properties.rs: a day number far outside the calendar (from a crafted
    /// spreadsheet) wrapped the year to 2147483647 (and overflowed in a debug build); a sign
    /// in a date's year was read (`+024-01-01` as year 24).
    #[test]
    fn dates_stay_in_years_1_to_9999() {
        assert_eq!(Date::from_serial(-784_352_990_265), None);
        assert_eq!(Date::from_serial(i64::MIN), None);
        assert_eq!(Date::from_serial(i64::MAX), None);
        assert_eq!(Date::from_serial(2_958_465), Date::new(9999, 12, 31));
        assert_eq!(Date::from_serial(-693_593), Date::new(1, 1, 1));
        assert_eq!(Date::from_serial(2_958_466), None);
        assert_eq!(Date::parse("+024-01-01"), None);
        assert_eq!(Date::parse("-024-01-01"), None);
        assert_eq!(Date::parse("2024-+1-01"), None);
    }
}
