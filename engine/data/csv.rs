//! CSV exports: separator (`;`, `,` or tab) and encoding detected, quoted fields, a header
//! row, column types inferred from the first rows, decimal comma or point per column. A large
//! file is read in place in two halves on two threads.

use std::path::Path;

use super::columns::{Builder, ColumnType, Misfit, ReadOptions, infer};
use super::decode::decode;
use super::source::{Part, Source};
use crate::number::{DecimalMark, dot_groups_thousands, parse_number};
use crate::table::{Column, Table};

/// Rows looked at to infer column types.
const SAMPLE_ROWS: usize = 1000;

/// Rows past the sample this large (bytes) are read in two halves on two threads (smaller in
/// unit tests, so that they read small files in halves too).
const SPLIT_BYTES: u64 = if cfg!(test) { 16 << 10 } else { 4 << 20 };

const BOM: &[u8] = b"\xEF\xBB\xBF";

#[cfg(test)]
thread_local! {
    /// Files whose halves were read on two threads and joined (unit tests look).
    static JOINED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

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

fn reader(part: Part<'_>, sep: u8, headers: bool) -> ::csv::Reader<Part<'_>> {
    ::csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(headers)
        .flexible(true)
        .buffer_capacity(1 << 18)
        .from_reader(part)
}

/// Why a file was not read.
enum Failure {
    /// Not UTF-8: the file is read again as Windows-1252.
    NotUtf8,
    Error(String),
}

impl From<String> for Failure {
    fn from(e: String) -> Failure {
        Failure::Error(e)
    }
}

impl From<crate::budget::Exceeded> for Failure {
    fn from(e: crate::budget::Exceeded) -> Failure {
        Failure::Error(e.to_string())
    }
}

/// Read the CSV file at `path` (a regular file of at most `max_bytes`); `name` is how errors
/// refer to it. The file is read in place, not copied into memory first.
pub fn read_csv(
    path: &Path,
    name: &str,
    options: &ReadOptions,
    max_bytes: u64,
) -> Result<Table, String> {
    #[cfg(unix)]
    {
        let (file, len) = super::open_bounded(path, name, max_bytes)?;
        match parse(name, Source::File(&file, len), options) {
            Ok(t) => Ok(t),
            Err(Failure::Error(e)) => Err(e),
            Err(Failure::NotUtf8) => {
                // Read again as Windows-1252 text; the raw bytes are freed before the table
                // is built, so the file is held once, not twice.
                let text = decode(&super::read_bounded(path, name, max_bytes)?).into_owned();
                parse_text(name, &text, options)
            }
        }
    }
    #[cfg(not(unix))]
    {
        let bytes = super::read_bounded(path, name, max_bytes)?;
        parse_csv(name, &bytes, options)
    }
}

/// Parse CSV bytes into a table: UTF-8 (with or without BOM), else Windows-1252, which is
/// what Swedish Excel writes when it saves "CSV (semikolonavgränsad)".
pub fn parse_csv(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Table, String> {
    match parse(name, Source::Bytes(bytes), options) {
        Ok(t) => Ok(t),
        Err(Failure::Error(e)) => Err(e),
        Err(Failure::NotUtf8) => parse_decoded(name, bytes, options),
    }
}

/// Bytes that are not UTF-8, read as the Windows-1252 text [`decode`] makes of them.
fn parse_decoded(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Table, String> {
    parse_text(name, &decode(bytes), options)
}

/// Decoded text.
fn parse_text(name: &str, text: &str, options: &ReadOptions) -> Result<Table, String> {
    match parse(name, Source::Bytes(text.as_bytes()), options) {
        Ok(t) => Ok(t),
        Err(Failure::Error(e)) => Err(e),
        // Decoded text is UTF-8; this is not reached.
        Err(Failure::NotUtf8) => Err(format!("`{name}` kan inte läsas som text")),
    }
}

/// How a file's rows become columns, with errors that name file, row, column and value.
struct Rows<'a> {
    name: &'a str,
    headers: &'a [String],
    sep: u8,
}

impl Rows<'_> {
    fn csv_error(&self, e: ::csv::Error) -> Failure {
        if matches!(e.kind(), ::csv::ErrorKind::Utf8 { .. }) {
            return Failure::NotUtf8;
        }
        let line = e.position().map(|p| p.line()).unwrap_or(0);
        Failure::Error(format!(
            "`{}` rad {line}: kan inte läsas som CSV ({e})",
            self.name
        ))
    }

    /// Add one record (read at `line`) to the columns.
    fn add(
        &self,
        rec: &::csv::StringRecord,
        builders: &mut [Builder],
        line: u64,
    ) -> Result<(), String> {
        let (name, headers, sep) = (self.name, self.headers, self.sep);
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
    }

    /// Read records from `rdr` into `builders` until the end, or until a record starts at or
    /// past byte `stop` of the reader's input; that record is returned with its line.
    fn read_until(
        &self,
        rdr: &mut ::csv::Reader<Part<'_>>,
        builders: &mut [Builder],
        rows: &mut usize,
        stop: u64,
    ) -> Result<Option<(::csv::StringRecord, u64, u64)>, Failure> {
        let mut rec = ::csv::StringRecord::new();
        // The cell's deadline and the row and cell caps hold while a large file is read.
        let mut ticker = crate::budget::Ticker::new();
        loop {
            match rdr.read_record(&mut rec) {
                Ok(true) => {
                    let (line, byte) = rec.position().map_or((0, 0), |p| (p.line(), p.byte()));
                    if byte >= stop {
                        return Ok(Some((rec, line, byte)));
                    }
                    *rows += 1;
                    ticker.tick_size(*rows, self.headers.len())?;
                    self.add(&rec, builders, line)?;
                }
                Ok(false) => return Ok(None),
                Err(e) => return Err(self.csv_error(e)),
            }
        }
    }

    /// The second half of a file, from a line start: its columns and rows, or `None` if it
    /// did not read cleanly (it is then read again after the first half, whose errors and
    /// type changes come first).
    fn read_part(
        &self,
        part: Part<'_>,
        mut builders: Vec<Builder>,
    ) -> Option<(Vec<Builder>, usize)> {
        let mut rdr = reader(part, self.sep, false);
        let mut rows = 0;
        self.read_until(&mut rdr, &mut builders, &mut rows, u64::MAX)
            .ok()
            .map(|_| (builders, rows))
    }
}

/// Parse the CSV in `src` into a table.
fn parse(name: &str, src: Source<'_>, options: &ReadOptions) -> Result<Table, Failure> {
    let io = |e: std::io::Error| Failure::Error(format!("kunde inte läsa `{name}`: {e}"));
    // The header line is read once: for the byte-order mark and to guess the separator.
    let first = src.line(0).map_err(io)?;
    let header_line = first.strip_prefix(BOM).unwrap_or(&first);
    let start = (first.len() - header_line.len()) as u64;
    let sep = match options.separator {
        Some(sep) => sep,
        None => detect_separator(std::str::from_utf8(header_line).map_err(|_| Failure::NotUtf8)?),
    };
    let mut rdr = reader(src.part(start, src.len()), sep, true);
    let headers: Vec<String> = {
        let raw = rdr.headers().map_err(|e| {
            Rows {
                name,
                headers: &[],
                sep,
            }
            .csv_error(e)
        })?;
        raw.iter()
            .enumerate()
            .map(|(i, h)| {
                let h = h.trim();
                if h.is_empty() {
                    format!("Kolumn {}", i + 1)
                } else {
                    h.to_string()
                }
            })
            .collect()
    };
    if headers.is_empty() {
        return Err(format!("`{name}` är tom: rubrikraden saknas").into());
    }
    for (i, h) in headers.iter().enumerate() {
        if headers[..i].contains(h) {
            return Err(format!("`{name}`: kolumnen `{h}` finns två gånger i rubrikraden").into());
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
            )
            .into());
        }
    }
    let rows = Rows {
        name,
        headers: &headers,
        sep,
    };

    // Infer from the first rows.
    let mut sample: Vec<::csv::StringRecord> = Vec::new();
    for rec in rdr.records().take(SAMPLE_ROWS) {
        sample.push(rec.map_err(|e| rows.csv_error(e))?);
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

    // Rows expected, from the bytes per row of the sample (never more than one per 8 bytes).
    let sample_from = sample
        .first()
        .and_then(|r| r.position())
        .map_or(0, |p| p.byte());
    let rest_from = start + rdr.position().byte();
    let per_row = (rdr.position().byte() - sample_from.min(rdr.position().byte()))
        .checked_div(sample.len() as u64)
        .unwrap_or(0)
        .max(8);
    let expected = sample.len()
        + usize::try_from((src.len() - rest_from.min(src.len())) / per_row).unwrap_or(0);
    let estimate = expected + expected / 16;
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
    for rec in &sample {
        let line = rec.position().map_or(0, |p| p.line());
        rows.add(rec, &mut builders, line)?;
    }
    let mut count = sample.len();
    drop(sample);

    // The rest: in two halves on two threads when it is large, the second half from the first
    // line start past the middle. The halves agree when the first half's last record ends
    // exactly there (not inside a quoted field) and neither half changed a column's type;
    // otherwise the first half reads on through the second, as one thread would have.
    let rest = src.len().saturating_sub(rest_from);
    let split = if rest >= SPLIT_BYTES && rayon::current_num_threads() > 1 {
        src.next_line_start(rest_from + rest / 2).map_err(io)?
    } else {
        None
    };
    let pending = match split {
        None => rows.read_until(&mut rdr, &mut builders, &mut count, u64::MAX)?,
        Some(split) => {
            let kinds: Vec<ColumnType> = builders.iter().map(|b| b.kind).collect();
            let later: Vec<Builder> = builders.iter().map(|b| b.fork(estimate / 2)).collect();
            let budget = crate::budget::current();
            let (first, second) = rayon::join(
                || rows.read_until(&mut rdr, &mut builders, &mut count, split - start),
                || {
                    let _budget = budget.map(crate::budget::enter);
                    rows.read_part(src.part(split, src.len()), later)
                },
            );
            let pending = first?;
            let unchanged = |bs: &[Builder]| bs.iter().zip(&kinds).all(|(b, k)| b.kind == *k);
            match (pending, second) {
                (Some((_, line, byte)), Some((later, n)))
                    if byte + start == split && unchanged(&builders) && unchanged(&later) =>
                {
                    for (b, l) in builders.iter_mut().zip(later) {
                        if !b.append(l, line) {
                            return Err(
                                format!("`{name}`: kolumnerna kunde inte fogas ihop").into()
                            );
                        }
                    }
                    count += n;
                    crate::budget::check_size(count, headers.len())?;
                    #[cfg(test)]
                    JOINED.with(|j| j.set(j.get() + 1));
                    None
                }
                (pending, _) => pending,
            }
        }
    };
    if let Some((rec, line, _)) = pending {
        count += 1;
        rows.add(&rec, &mut builders, line)?;
        rows.read_until(&mut rdr, &mut builders, &mut count, u64::MAX)?;
    }
    let columns = headers
        .iter()
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
                ..Column::new(h.clone(), values)
            }
        })
        .collect();
    Ok(Table::new(columns)?)
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

    /// A ledger of `rows` rows whose row `i` (file line `i + 2`) has konto `i` and an amount
    /// of `i` öre; `edit` may replace a row's text.
    fn ledger(rows: usize, edit: impl Fn(usize) -> Option<String>) -> String {
        let mut s = String::from("enhet;konto;belopp\n");
        for i in 0..rows {
            match edit(i) {
                Some(line) => s.push_str(&line),
                None => s.push_str(&format!(
                    "Vårdcentral {};{i};{},{:02}",
                    i % 7,
                    i / 100,
                    i % 100
                )),
            }
            s.push('\n');
        }
        s
    }

    fn decimals(t: &Table, col: &str) -> Vec<Option<rust_decimal::Decimal>> {
        t.column(col)
            .ok()
            .and_then(|c| c.values.to_decimals())
            .unwrap_or_default()
    }

    #[test]
    fn halves_read_as_one() {
        let text = ledger(5000, |_| None);
        assert!(
            text.len() as u64 > 2 * SPLIT_BYTES,
            "large enough to be split"
        );
        let joined = JOINED.with(std::cell::Cell::get);
        let t = parse_csv("a.csv", text.as_bytes(), &ReadOptions::default()).expect("read");
        if rayon::current_num_threads() > 1 {
            assert_eq!(
                JOINED.with(std::cell::Cell::get),
                joined + 1,
                "read in halves"
            );
        }
        assert_eq!(t.len(), 5000);
        let konto = t.column("konto").expect("konto");
        assert_eq!(konto.values.get(4999), crate::table::Value::Int(4999));
        let belopp = decimals(&t, "belopp");
        assert!(
            belopp
                .iter()
                .enumerate()
                .all(|(i, v)| *v == Some(rust_decimal::Decimal::new(i as i64, 2))),
            "every amount in its row"
        );
        let enhet = t.column("enhet").expect("enhet");
        assert_eq!(enhet.values.get(4998).label(), "Vårdcentral 0");
        assert_eq!(
            enhet.text_because.as_deref(),
            Some("`a.csv` rad 2 har värdet `Vårdcentral 0`, som inte är ett tal")
        );
    }

    #[test]
    fn errors_in_the_second_half_name_their_line() {
        let text = ledger(5000, |i| (i == 4000).then(|| "X;fyra;1,00".to_string()));
        let e = parse_csv("a.csv", text.as_bytes(), &ReadOptions::default()).expect_err("bad");
        assert!(
            e.starts_with("`a.csv` rad 4002, kolumn `konto`: värdet `fyra` är inte ett heltal"),
            "{e}"
        );
        // An error in each half: the first one in the file is reported.
        let text = ledger(5000, |i| {
            [1500, 4000].contains(&i).then(|| format!("X;{i};inte"))
        });
        let e = parse_csv("a.csv", text.as_bytes(), &ReadOptions::default()).expect_err("bad");
        assert!(e.starts_with("`a.csv` rad 1502, kolumn `belopp`"), "{e}");
        let text = ledger(5000, |i| (i == 4500).then(|| "X;1".to_string()));
        let e = parse_csv("a.csv", text.as_bytes(), &ReadOptions::default()).expect_err("bad");
        assert!(
            e.starts_with("`a.csv` rad 4502: 2 fält, men rubrikraden har 3"),
            "{e}"
        );
    }

    #[test]
    fn a_type_change_or_quoted_line_break_in_a_half_reads_as_one_thread_would() {
        // A decimal among the integers of the second half: the whole column becomes decimal.
        let text = ledger(5000, |i| (i == 4000).then(|| "X;4000,5;1,00".to_string()));
        let joined = JOINED.with(std::cell::Cell::get);
        let t = parse_csv("a.csv", text.as_bytes(), &ReadOptions::default()).expect("read");
        assert_eq!(
            JOINED.with(std::cell::Cell::get),
            joined,
            "read on by one thread"
        );
        let konto = decimals(&t, "konto");
        assert_eq!(konto[3999], Some(rust_decimal::Decimal::from(3999)));
        assert_eq!(konto[4000], Some(rust_decimal::Decimal::new(40005, 1)));
        // A quoted field across the middle whose lines look like rows: the second half
        // would start inside it, so the first half reads on.
        let inner = "V;7;1,00\n".repeat(8000);
        let text = ledger(5000, |i| {
            (i == 2500).then(|| format!("\"{inner}\";2500;1,00"))
        });
        let t = parse_csv("a.csv", text.as_bytes(), &ReadOptions::default()).expect("read");
        assert_eq!(
            JOINED.with(std::cell::Cell::get),
            joined,
            "read on by one thread"
        );
        assert_eq!(t.len(), 5000);
        let enhet = t.column("enhet").expect("enhet");
        assert!(
            enhet.values.get(2500).label() == inner.trim_end(),
            "the quoted field is one value"
        );
        assert_eq!(
            t.column("konto").expect("konto").values.get(4999),
            crate::table::Value::Int(4999)
        );
    }

    #[test]
    fn windows_1252_in_the_second_half_reads_the_whole_file_as_windows_1252() {
        // `Vård` in row 4000 as Excel writes it: å is 0xE5.
        let text = ledger(5000, |i| {
            (i == 4000).then(|| "V\u{1}rd;4000;1,00".to_string())
        });
        let at = text.find('\u{1}').expect("marker");
        let mut bytes = text.into_bytes();
        bytes[at] = 0xE5;
        let t = parse_csv("a.csv", &bytes, &ReadOptions::default()).expect("read");
        // The whole file is then Windows-1252, as when the file was decoded before parsing.
        assert_eq!(
            t.column("enhet").expect("enhet").values.get(4000).label(),
            "Vård"
        );
        assert_eq!(t.len(), 5000);
    }

    #[test]
    fn the_separator_is_guessed_from_the_header_line_after_a_bom() {
        for (text, sep) in [
            ("a,b\n1,2\n", ","),
            ("a\tb\n1\t2\n", "\t"),
            ("a;b\n1;2\n", ";"),
        ] {
            let bytes = format!("\u{feff}{text}").into_bytes();
            let t = parse_csv("a.csv", &bytes, &ReadOptions::default()).expect("read");
            assert_eq!(t.names(), ["a", "b"], "separator {sep:?}");
            assert_eq!(t.len(), 1);
        }
    }

    #[test]
    #[cfg(unix)]
    fn files_are_read_in_place_with_or_without_bom() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.csv");
        let text = ledger(5000, |_| None);
        std::fs::write(&path, format!("\u{feff}{text}")).expect("write");
        let t = read_csv(&path, "a.csv", &ReadOptions::default(), u64::MAX).expect("read");
        assert_eq!(t.names(), ["enhet", "konto", "belopp"]);
        assert_eq!(t.len(), 5000);
        let e = read_csv(&path, "a.csv", &ReadOptions::default(), 1000).expect_err("too large");
        assert!(e.contains("större än"), "{e}");
        // Windows-1252 (å is 0xE5) in the second half: the file is read again as such.
        let mut bytes = ledger(5000, |i| {
            (i == 4000).then(|| "V\u{1}rd;4000;1,00".to_string())
        })
        .into_bytes();
        let at = bytes.iter().position(|&b| b == 1).expect("marker");
        bytes[at] = 0xE5;
        std::fs::write(&path, bytes).expect("write");
        let t = read_csv(&path, "a.csv", &ReadOptions::default(), u64::MAX).expect("read");
        assert_eq!(t.len(), 5000);
        assert_eq!(
            t.column("enhet").expect("enhet").values.get(4000).label(),
            "Vård"
        );
    }
}
