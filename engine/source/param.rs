//! Query parameters: script values as the server binds them (`$1`, `$2`, …), never spliced
//! into the SQL text, and their canonical form for the snapshot's hash.

use rust_decimal::Decimal;

use crate::period::{Date, Period};

/// One parameter value of a `sql()` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    Null,
    Text(String),
    Int(i64),
    Decimal(Decimal),
    Bool(bool),
    Period(Period),
    Date(Date),
}

impl Param {
    /// A script value as a parameter; `Err` names the type that cannot be bound.
    pub fn from_dynamic(value: &rhai::Dynamic) -> Result<Param, String> {
        if value.is_unit() {
            return Ok(Param::Null);
        }
        if let Some(s) = value.clone().try_cast::<rhai::ImmutableString>() {
            return Ok(Param::Text(s.to_string()));
        }
        if let Ok(i) = value.as_int() {
            return Ok(Param::Int(i));
        }
        if let Ok(d) = value.as_decimal() {
            return Ok(Param::Decimal(d));
        }
        if let Ok(b) = value.as_bool() {
            return Ok(Param::Bool(b));
        }
        if let Some(p) = value.clone().try_cast::<Period>() {
            return Ok(Param::Period(p));
        }
        if let Some(d) = value.clone().try_cast::<Date>() {
            return Ok(Param::Date(d));
        }
        Err(value.type_name().to_string())
    }

    /// The canonical form, typed, for the snapshot's hash and its `params` line.
    pub fn canonical(&self) -> String {
        match self {
            Param::Null => "null".into(),
            Param::Text(s) => format!("text:{s}"),
            Param::Int(i) => format!("int:{i}"),
            Param::Decimal(d) => format!("decimal:{d}"),
            Param::Bool(b) => format!("bool:{b}"),
            Param::Period(p) => format!("period:{p}"),
            Param::Date(d) => format!("date:{d}"),
        }
    }

    /// The value as text in the server's input syntax; `None` for SQL NULL. A month
    /// (`"2024-02"` or a Period) bound where the server expects a date is the month's first day.
    pub fn server_text(&self, wants_date: bool) -> Option<String> {
        Some(match self {
            Param::Null => return None,
            Param::Text(s) if wants_date && is_month(s) => format!("{s}-01"),
            Param::Text(s) => s.clone(),
            Param::Int(i) => i.to_string(),
            Param::Decimal(d) => d.to_string(),
            Param::Bool(b) => b.to_string(),
            Param::Period(p) if wants_date => format!("{p}-01"),
            Param::Period(p) => p.to_string(),
            Param::Date(d) => d.to_string(),
        })
    }
}

/// `2024-02`: a month written as the book's `period` parameter is.
fn is_month(s: &str) -> bool {
    s.len() == 7 && s.as_bytes()[4] == b'-' && Period::parse(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_bind_as_first_days_where_dates_are_expected() {
        let p = Param::Text("2024-02".into());
        assert_eq!(p.server_text(true).as_deref(), Some("2024-02-01"));
        assert_eq!(p.server_text(false).as_deref(), Some("2024-02"));
        let d = Param::Text("2024-02-29".into());
        assert_eq!(d.server_text(true).as_deref(), Some("2024-02-29"));
        assert_eq!(Param::Null.server_text(true), None);
        assert_eq!(
            Param::Decimal(Decimal::new(150, 2))
                .server_text(false)
                .as_deref(),
            Some("1.50")
        );
    }

    #[test]
    fn script_values_become_typed_params() {
        let v = |d: rhai::Dynamic| Param::from_dynamic(&d).map(|p| p.canonical());
        assert_eq!(v(rhai::Dynamic::from("2024-02")), Ok("text:2024-02".into()));
        assert_eq!(v(rhai::Dynamic::from_int(5)), Ok("int:5".into()));
        assert_eq!(v(rhai::Dynamic::UNIT), Ok("null".into()));
        assert!(v(rhai::Dynamic::from_array(vec![])).is_err());
    }
}
