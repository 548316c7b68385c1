//! The result columns the domain tables are built from: text cells and formatted decimals.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::table::{Column, Format, Values};

/// A result column of text cells. Empty text is a missing value, as an empty field in a data
/// file is: the table shows it blank and the downloads leave it empty.
pub fn text_column<T: Into<Option<String>>>(
    name: &str,
    values: impl IntoIterator<Item = T>,
) -> Column {
    Column::new(
        name,
        Values::Text(
            values
                .into_iter()
                .map(|v| v.into().filter(|s| !s.is_empty()).map(Arc::from))
                .collect(),
        ),
    )
}

/// A result column of decimals shown in `format`.
pub fn decimal_column(
    name: &str,
    values: impl IntoIterator<Item = Option<Decimal>>,
    format: Format,
) -> Column {
    let mut c = Column::new(name, Values::Decimal(values.into_iter().collect()));
    c.format = Some(format);
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Value;

    #[test]
    fn empty_text_is_missing_and_decimals_carry_their_format() {
        let t = text_column("Status", ["Uppnått".to_string(), String::new()]);
        assert_eq!(t.values.get(0), Value::Text("Uppnått".into()));
        assert_eq!(t.values.get(1), Value::Null);
        let o = text_column("Mål", [None, Some("90 %".to_string())]);
        assert_eq!(o.values.get(0), Value::Null);
        let d = decimal_column("Andel", [Some(Decimal::ONE)], Format::pct(1));
        assert_eq!(d.format, Some(Format::pct(1)));
    }
}
