//! Snapshots: every query result kept in the book as one readable, diffable file per query
//! and params (`snapshots/lager-1a2b3c4d5e6f7a8b.snapshot`): a TOML header between `+++`
//! lines (source, query, params, row count, fetch time, SHA-256 of the rows), then the rows
//! as CSV. Builds read the file instead of the server; `--uppdatera` writes it again.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::columns::{self, ColumnBuilder};
use super::error::SourceError;
use super::param::Param;
use crate::period::{Date, Period};
use crate::provenance::sha256_hex;
use crate::table::{Table, Values};

/// The folder below the data folder that holds snapshots.
pub const DIR: &str = "snapshots";
/// Snapshot files end in this.
pub const EXTENSION: &str = "snapshot";
const FENCE: &str = "+++";
const NOTE: &str =
    "# Ögonblicksbild av en SQL-fråga, skriven av rapportbok. `--uppdatera` hämtar den igen.";

/// The header of a snapshot file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub source: String,
    /// The query hash, also in the file name.
    pub hash: String,
    pub query: String,
    /// Each parameter in its canonical typed form (`text:2024-02`).
    pub params: Vec<String>,
    pub rows: usize,
    /// When the rows were fetched, UTC (`2026-12-04T14:03:11Z`).
    pub fetched: String,
    /// SHA-256 of everything after the header's closing `+++` line.
    pub sha256: String,
    /// Each column as [name, type] (text, int, decimal, period, date).
    pub columns: Vec<[String; 2]>,
}

/// The hash that names a query's snapshot: source, query text and typed params.
pub fn query_hash(source: &str, query: &str, params: &[Param]) -> String {
    let mut text = format!("{source}\u{0}{query}");
    for p in params {
        text.push('\u{0}');
        text.push_str(&p.canonical());
    }
    sha256_hex(text.as_bytes())[..16].to_string()
}

/// Where the snapshot of a query lives, relative to the data folder.
pub fn relative_path(source: &str, hash: &str) -> String {
    format!("{DIR}/{source}-{hash}.{EXTENSION}")
}

/// Write `table` as the snapshot at `file`, atomically (a failed write leaves the old one).
pub fn write(file: &Path, mut header: Header, table: &Table) -> Result<(), SourceError> {
    let err = |cause: String| SourceError::Snapshot {
        file: display(file),
        cause,
    };
    let body = rows_csv(table).map_err(|e| err(format!("kunde inte skrivas: {e}")))?;
    header.rows = table.len();
    header.sha256 = sha256_hex(&body);
    header.columns = table
        .columns
        .iter()
        .map(|c| [c.name.clone(), columns::type_name(&c.values).to_string()])
        .collect();
    let head = toml::to_string(&header).map_err(|e| err(format!("kunde inte skrivas: {e}")))?;
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| err(format!("mappen kunde inte skapas: {e}")))?;
    let tmp = dir.join(format!(".{}.tmp-{}", file_name(file), std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        write!(out, "{FENCE}\n{NOTE}\n{head}{FENCE}\n")?;
        out.write_all(&body)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(format!("kunde inte skrivas: {e}"))
    })
}

/// The rows as CSV: a header line of column names, `.` as decimal mark, empty cells empty.
fn rows_csv(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::with_capacity(table.len() * 32));
    w.write_record(table.columns.iter().map(|c| c.name.as_str()))?;
    let mut record: Vec<String> = vec![String::new(); table.columns.len()];
    for row in 0..table.len() {
        for (cell, column) in record.iter_mut().zip(&table.columns) {
            cell.clear();
            use std::fmt::Write as _;
            // Writing into a String cannot fail.
            let _ = match column.values.as_ref() {
                Values::Text(v) => {
                    cell.push_str(v.str(row).unwrap_or(""));
                    Ok(())
                }
                Values::Int(v) => v.get(row).map_or(Ok(()), |x| write!(cell, "{x}")),
                Values::Decimal(v) => v.get(row).map_or(Ok(()), |x| write!(cell, "{x}")),
                Values::Period(v) => v.get(row).map_or(Ok(()), |x| write!(cell, "{x}")),
                Values::Date(v) => v.get(row).map_or(Ok(()), |x| write!(cell, "{x}")),
            };
        }
        w.write_record(&record)?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Read the snapshot at `file` back into the table it was written from. The rows must still
/// have the SHA-256 the header gives: a snapshot edited by hand is refused.
pub fn read(file: &Path) -> Result<(Header, Table), SourceError> {
    let err = |cause: String| SourceError::Snapshot {
        file: display(file),
        cause,
    };
    let bytes = std::fs::read(file).map_err(|e| err(format!("kunde inte läsas: {e}")))?;
    let (header, body) = split(&bytes).ok_or_else(|| {
        err("har inget huvud mellan +++-rader; ta bort filen och hämta om med --uppdatera".into())
    })?;
    let header: Header = toml::from_str(header)
        .map_err(|e| err(format!("har ett trasigt huvud: {}", e.message())))?;
    if sha256_hex(body) != header.sha256 {
        return Err(err(
            "har ändrats efter att den hämtades (kontrollsumman stämmer inte); hämta om den med --uppdatera"
                .into(),
        ));
    }
    let table = parse_rows(&header, body).map_err(err)?;
    Ok((header, table))
}

/// Only the header (for provenance): the rows are not read.
pub fn read_header(file: &Path) -> Option<Header> {
    let reader = std::io::BufReader::new(std::fs::File::open(file).ok()?);
    let mut lines = reader.lines();
    if lines.next()?.ok()? != FENCE {
        return None;
    }
    let mut text = String::new();
    for line in lines {
        let line = line.ok()?;
        if line == FENCE {
            return toml::from_str(&text).ok();
        }
        text.push_str(&line);
        text.push('\n');
    }
    None
}

fn split(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let rest = bytes.strip_prefix(b"+++\n")?;
    let end = rest.windows(5).position(|w| w == b"\n+++\n")?;
    let header = std::str::from_utf8(&rest[..=end]).ok()?;
    Some((header, &rest[end + 5..]))
}

fn parse_rows(header: &Header, body: &[u8]) -> Result<Table, String> {
    let mut builders = header
        .columns
        .iter()
        .map(|[name, kind]| {
            columns::builder_for(name, kind)
                .ok_or_else(|| format!("har en okänd kolumntyp `{kind}` för `{name}`"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let names = reader.byte_headers().map_err(|e| e.to_string())?;
    if names.len() != builders.len() {
        return Err("har andra kolumner i raderna än i huvudet".into());
    }
    let mut record = csv::ByteRecord::new();
    let mut line = 1;
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| format!("rad {line}: {e}"))?
    {
        line += 1;
        for ((field, b), [_, kind]) in record.iter().zip(builders.iter_mut()).zip(&header.columns) {
            push_field(b, field, kind)
                .ok_or_else(|| format!("rad {line}: ogiltigt värde i kolumnen `{}`", b.name))?;
        }
    }
    if line - 1 != header.rows {
        return Err(format!(
            "har {} rader men huvudet säger {}",
            line - 1,
            header.rows
        ));
    }
    columns::finish(builders)
}

fn push_field(b: &mut ColumnBuilder, field: &[u8], kind: &str) -> Option<()> {
    let text = std::str::from_utf8(field).ok()?;
    if text.is_empty() {
        b.push_null();
        return Some(());
    }
    match kind {
        "text" => b.push_text(text),
        "int" => b.push_int(text.parse().ok()?),
        "decimal" => b.push_decimal(Decimal::from_str(text).ok()?),
        "period" => b.push_date(columns::first_day(Period::parse(text)?)),
        "date" => b.push_date(Date::parse(text)?),
        _ => return None,
    }
    Some(())
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A snapshot as the writer knows it: `snapshots/lager-….snapshot`.
fn display(file: &Path) -> String {
    let name = file_name(file);
    format!("{DIR}/{name}")
}

/// The path of the snapshot of `hash` below `data_dir`.
pub fn path(data_dir: &Path, source: &str, hash: &str) -> PathBuf {
    data_dir.join(relative_path(source, hash))
}

/// Now, UTC, as `2026-12-04T14:03:11Z`.
pub fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let date = Date::from_serial(days + 25_569).map_or_else(String::new, |d| d.to_string());
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::columns::Kind;

    fn sample() -> Table {
        let mut p = ColumnBuilder::new("period", Kind::Date);
        let mut k = ColumnBuilder::new("konto", Kind::Text);
        let mut b = ColumnBuilder::new("belopp", Kind::Decimal);
        let mut n = ColumnBuilder::new("antal", Kind::Int);
        for (i, (text, amount)) in [("Löner, \"fast\"", "-1234.50"), ("", "0.10")]
            .iter()
            .enumerate()
        {
            p.push_date(Date::new(2024, 1 + i as u8, 1).expect("date"));
            k.push_text(text);
            b.push_decimal(Decimal::from_str(amount).expect("decimal"));
            if i == 0 {
                n.push_int(7);
            } else {
                n.push_null();
            }
        }
        columns::finish(vec![p, k, b, n]).expect("table")
    }

    fn header() -> Header {
        Header {
            source: "lager".into(),
            hash: "abc".into(),
            query: "select *\nfrom huvudbok\nwhere period <= $1".into(),
            params: vec!["text:2024-02".into()],
            rows: 0,
            fetched: utc_now(),
            sha256: String::new(),
            columns: Vec::new(),
        }
    }

    #[test]
    fn a_snapshot_reads_back_as_the_same_table() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("snapshots/lager-abc.snapshot");
        let table = sample();
        write(&file, header(), &table).expect("write");
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(text.starts_with("+++\n# Ögonblicksbild"), "{text}");
        assert!(text.contains("rows = 2"), "{text}");
        assert!(
            text.ends_with("period,konto,belopp,antal\n2024-01,\"Löner, \"\"fast\"\"\",-1234.50,7\n2024-02,,0.10,\n"),
            "{text}"
        );
        let (h, back) = read(&file).expect("read back");
        assert_eq!(h.rows, 2);
        assert_eq!(back.names(), table.names());
        for (a, b) in back.columns.iter().zip(&table.columns) {
            assert_eq!(a.values, b.values, "{}", a.name);
        }
        assert_eq!(read_header(&file).expect("header").query, h.query);
    }

    #[test]
    fn an_edited_snapshot_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("lager-abc.snapshot");
        write(&file, header(), &sample()).expect("write");
        let text = std::fs::read_to_string(&file).expect("read");
        std::fs::write(&file, text.replace("-1234.50", "-1.00")).expect("edit");
        let e = read(&file).expect_err("edited").to_string();
        assert!(e.contains("kontrollsumman stämmer inte"), "{e}");
    }

    #[test]
    fn hashes_depend_on_source_query_and_typed_params() {
        let a = query_hash("lager", "select 1", &[Param::Text("5".into())]);
        assert_eq!(a.len(), 16);
        assert_ne!(a, query_hash("lager", "select 1", &[Param::Int(5)]));
        assert_ne!(a, query_hash("hr", "select 1", &[Param::Text("5".into())]));
        assert_eq!(
            a,
            query_hash("lager", "select 1", &[Param::Text("5".into())])
        );
    }
}
