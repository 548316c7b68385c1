//! The generator behind the example book's data: writes every file under `seeds/` from fixed
//! seeds, so the same program always writes the same bytes.
//!
//! Each report area has its own module with a `write(out, scale)` that returns the files it
//! wrote (relative to `out`). `scale` 1 is the committed example data; larger values write
//! more units and years for benchmarks.

mod ekonomi;
mod hr;
mod hsn;
mod personal;
mod rng;
mod rs;
mod verksamhet;

use std::path::{Path, PathBuf};

pub use rng::Rng;

/// Writes one area's files under the output folder; returns their paths relative to it.
pub type Generator = fn(&Path, u32) -> anyhow::Result<Vec<PathBuf>>;

/// Every area's generator, by name.
pub const GENERATORS: &[(&str, Generator)] = &[
    ("ekonomi", ekonomi::write),
    ("hsn", hsn::write),
    ("verksamhet", verksamhet::write),
    ("personal", personal::write),
    ("rs", rs::write),
    ("hr", hr::write),
];

/// Write every area's files under `out`.
pub fn write_all(out: &Path, scale: u32) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (_, generate) in GENERATORS {
        written.extend(generate(out, scale)?);
    }
    Ok(written)
}

/// A month as the exports write it: `2023-02`.
pub fn period(year: i32, month: u32) -> String {
    format!("{year}-{month:02}")
}

/// A fixed-point amount (`value` in units of 10^-`places`) as text with a decimal comma, the
/// way the exports write decimals: `decimal_comma(-1234, 2)` is `-12,34`.
pub fn decimal_comma(value: i64, places: u32) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let scale = 10u64.pow(places);
    let a = value.unsigned_abs();
    let width = places as usize;
    format!("{sign}{},{:0width$}", a / scale, a % scale)
}

/// Write a `;`-separated UTF-8 file the way the region's exports look (decimal comma is the
/// caller's: values arrive as finished text). Creates parent folders.
pub fn write_csv(
    out: &Path,
    rel: &str,
    header: &[&str],
    rows: &[Vec<String>],
) -> anyhow::Result<PathBuf> {
    let path = out.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_path(&path)?;
    w.write_record(header)?;
    for row in rows {
        w.write_record(row)?;
    }
    w.flush()?;
    Ok(PathBuf::from(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_comma_writes_sign_and_padded_fraction() {
        assert_eq!(decimal_comma(-1234, 2), "-12,34");
        assert_eq!(decimal_comma(1205, 2), "12,05");
        assert_eq!(decimal_comma(-5, 1), "-0,5");
        assert_eq!(decimal_comma(8460, 1), "846,0");
        assert_eq!(period(2023, 2), "2023-02");
    }
}
