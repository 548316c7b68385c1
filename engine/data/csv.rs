//! CSV exports: separator (`;`, `,` or tab) and encoding detected, quoted fields, a header
//! row, column types inferred from the first rows, decimal comma or point per column.

use std::path::Path;

use super::columns::{Builder, ColumnType, Misfit, ReadOptions, infer};
use super::decode::decode;
use crate::number::{DecimalMark, dot_groups_thousands, parse_number};
use crate::table::{Column, Table};

/// Rows looked at to infer column types.
const SAMPLE_ROWS: usize = 1000;

/// The separator used in the header line (outside quotes): the most frequent of `;`, `,`
/// and tab, `;` on ties (Swedish exports).
fn detect_separator(text: &str) -> u8 {
    let line = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b';', b',', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    seps[best]
}

fn reader(text: &str, sep: u8) -> ::csv::Reader<&[u8]> {
    ::csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// Read the CSV file at `path` (a regular file of at most `max_bytes`); `name` is how errors
/// refer to it.
pub fn read_csv(
    path: &Path,
    name: &str,
    options: &ReadOptions,
    max_bytes: u64,
) -> Result<Table, String> {
    let bytes = super::read_bounded(path, name, max_bytes)?;
    parse_csv(name, &bytes, options)
}

/// Parse CSV bytes into a table.
pub fn parse_csv(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Table, String> {
    let text = decode(bytes);
    let sep = options.separator.unwrap_or_else(|| detect_separator(&text));
    let mut rdr = reader(&text, sep);
    let csv_error = |e: ::csv::Error| {
        let line = e.position().map(|p| p.line()).unwrap_or(0);
        format!("`{name}` rad {line}: kan inte läsas som CSV ({e})")
    };
    let headers: Vec<String> = rdr
        .headers()
        .map_err(csv_error)?
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h.trim();
            if h.is_empty() {
                format!("Kolumn {}", i + 1)
            } else {
                h.to_string()
            }
        })
        .collect();
    if headers.is_empty() {
        return Err(format!("`{name}` är tom: rubrikraden saknas"));
    }
    for (i, h) in headers.iter().enumerate() {
        if headers[..i].contains(h) {
            return Err(format!(
                "`{name}`: kolumnen `{h}` finns två gånger i rubrikraden"
            ));
        }
    }
    for (col, _) in &options.types {
        if !headers.contains(col) {
            return Err(format!(
                "`{name}` har ingen kolumn `{col}`; kolumnerna är {}",
                headers
                    .iter()
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }

    // Infer from the first rows.
    let mut sample: Vec<::csv::StringRecord> = Vec::new();
    for rec in rdr.records().take(SAMPLE_ROWS) {
        sample.push(rec.map_err(csv_error)?);
    }
    let kinds: Vec<ColumnType> = headers
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let given = options.types.iter().find(|(n, _)| n == h).map(|(_, t)| *t);
            match (given, options.decimal) {
                (Some(ColumnType::Decimal(_)), Some(mark)) => ColumnType::Decimal(mark),
                (Some(ColumnType::Decimal(_)), None) => {
                    let any_point = sample
                        .iter()
                        .filter_map(|r| r.get(c))
                        .any(|v| v.contains('.'));
                    let any_comma = sample
                        .iter()
                        .filter_map(|r| r.get(c))
                        .any(|v| v.contains(','));
                    ColumnType::Decimal(if any_point && !any_comma {
                        DecimalMark::Point
                    } else {
                        DecimalMark::Comma
                    })
                }
                (Some(t), _) => t,
                (None, mark) => infer(
                    sample.iter().filter_map(|r| r.get(c)),
                    mark,
                    options.thousands_dot,
                ),
            }
        })
        .collect();

    let estimate = text.len() / (text.lines().next().map_or(1, str::len) + 1).max(8);
    // A dot read as a decimal point is only guessed where it cannot be a thousands
    // separator: in a `,`-separated file, or where some value (`1.5`) shows it is a decimal.
    let guard = options.decimal.is_none() && sep != b',';
    let mut builders: Vec<Builder> = kinds
        .iter()
        .enumerate()
        .map(|(c, k)| {
            let proven = sample.iter().filter_map(|r| r.get(c)).any(|v| {
                let v = v.trim();
                v.contains('.')
                    && !dot_groups_thousands(v)
                    && parse_number(v, DecimalMark::Point).is_some()
            });
            let guard_dots = guard
                && !proven
                && matches!(k, ColumnType::Int | ColumnType::Decimal(DecimalMark::Point));
            Builder::new(*k, estimate)
                .with_dot_groups(options.thousands_dot)
                .with_dot_guard(guard_dots)
        })
        .collect();
    let add = |rec: &::csv::StringRecord, builders: &mut Vec<Builder>| -> Result<(), String> {
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() != headers.len()
            && !(rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()))
        {
            return Err(format!(
                "`{name}` rad {line}: {} fält, men rubrikraden har {} (avgränsare `{}`)",
                rec.len(),
                headers.len(),
                if sep == b'\t' {
                    "tab".to_string()
                } else {
                    (sep as char).to_string()
                }
            ));
        }
        for (c, b) in builders.iter_mut().enumerate() {
            let raw = rec.get(c).unwrap_or("");
            match b.push(raw) {
                Ok(()) => {
                    if b.kind == ColumnType::Text {
                        b.note_text(raw, line);
                    }
                }
                Err(Misfit::NotA(kind)) => {
                    return Err(format!(
                        "`{name}` rad {line}, kolumn `{}`: värdet `{}` är inte {} som kolumnens \
                         övriga värden{}. Ange typen själv om kolumnen ska vara text: \
                         read_csv(\"{name}\", #{{ types: #{{ \"{}\": \"text\" }} }})",
                        headers[c],
                        raw.trim(),
                        kind.swedish(),
                        super::why_not_a_number(raw.trim())
                            .map(|w| format!(" ({w})"))
                            .unwrap_or_default(),
                        headers[c]
                    ));
                }
                Err(Misfit::AmbiguousDot) => {
                    let v = raw.trim();
                    let grouped = crate::number::parse_number_grouped(v, DecimalMark::Comma, true)
                        .map(|p| crate::number::format_decimal(p.value, None))
                        .unwrap_or_default();
                    let point = v.replace('.', ",");
                    return Err(format!(
                        "`{name}` rad {line}, kolumn `{}`: värdet `{v}` är tvetydigt: punkten kan \
                         skilja tusental ({grouped}) eller vara decimaltecken ({point}). Ange vilket: \
                         read_csv(\"{name}\", #{{ thousands: \".\" }}) om punkten skiljer tusental, \
                         read_csv(\"{name}\", #{{ decimal: \".\" }}) om den är decimaltecken",
                        headers[c]
                    ));
                }
            }
        }
        Ok(())
    };
    for rec in &sample {
        add(rec, &mut builders)?;
    }
    let mut rec = ::csv::StringRecord::new();
    // The cell's deadline and the row and cell caps hold while a large file is read.
    let mut ticker = crate::budget::Ticker::new();
    let mut rows = sample.len();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {
                rows += 1;
                ticker.tick_size(rows, headers.len())?;
                add(&rec, &mut builders)?;
            }
            Ok(false) => break,
            Err(e) => return Err(csv_error(e)),
        }
    }
    let columns = headers
        .into_iter()
        .zip(builders)
        .map(|(h, b)| {
            let because = b.first_text.clone().map(|(line, v)| {
                let why = super::why_not_a_number(&v)
                    .map(|w| format!(" ({w})"))
                    .unwrap_or_default();
                std::sync::Arc::from(format!(
                    "`{name}` rad {line} har värdet `{v}`, som inte är ett tal{why}"
                ))
            });
            let (values, format) = b.finish();
            Column {
                format,
                text_because: because,
                ..Column::new(h, values)
            }
        })
        .collect();
    Table::new(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_separator_outside_quotes() {
        assert_eq!(detect_separator("a;b;\"c,d\"\n1;2;3"), b';');
        assert_eq!(detect_separator("a,b,c\n"), b',');
        assert_eq!(detect_separator("a\tb\n"), b'\t');
        assert_eq!(detect_separator("\"a;b\",c\n"), b',');
    }
}
