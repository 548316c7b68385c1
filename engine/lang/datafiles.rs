//! The book's data files as a writer refers to them: their names (for `read_csv("…")`) and
//! a preview of each, the first rows with column names and types (for completion and the
//! data-file view).

use std::path::Path;

use crate::data::{ReadOptions, parse_csv, read_xlsx};
use crate::paths::resolve_inside;

/// Files a script can read, as `/`-separated paths below the data folder, sorted.
pub fn list(data_dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    walk(data_dir, "", 0, &mut found);
    found.sort();
    found
}

fn walk(dir: &Path, prefix: &str, depth: usize, found: &mut Vec<String>) {
    // A data folder is a handful of exports; a bound keeps a mistaken `dir = "/"` harmless.
    if depth > 4 || found.len() > 2000 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let rel = format!("{prefix}{name}");
        if kind.is_dir() {
            walk(&entry.path(), &format!("{rel}/"), depth + 1, found);
        } else if kind.is_file() && is_data(&name) {
            found.push(rel);
        }
    }
}

fn is_data(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".csv", ".txt", ".xlsx", ".xls", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// The head of a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Column name and its type in Swedish (`text`, `heltal`, `decimaltal`, `period`, …),
    /// inferred from the rows shown.
    pub columns: Vec<(String, String)>,
    pub rows: Vec<Vec<String>>,
    /// True when the file has more rows than shown.
    pub truncated: bool,
}

/// The first `rows` rows of the data file `rel` (confined to `data_dir` like `read_csv`).
pub fn preview(data_dir: &Path, rel: &str, rows: usize) -> Result<Preview, String> {
    let path = resolve_inside(data_dir, rel).map_err(|e| e.message(rel, data_dir))?;
    let lower = rel.to_ascii_lowercase();
    let (table, truncated) = if lower.ends_with(".csv") || lower.ends_with(".txt") {
        let (head, truncated) = head_lines(&path, rows + 1)?;
        (parse_csv(rel, &head, &ReadOptions::default())?, truncated)
    } else {
        let sheet = first_sheet(&path, rel)?;
        let max_bytes = crate::config::Limits::default()
            .max_data_file_mb
            .saturating_mul(1024 * 1024);
        let table = read_xlsx(&path, rel, &sheet, None, max_bytes)?;
        let truncated = table.len() > rows;
        (table, truncated)
    };
    let shown = table.len().min(rows);
    let columns = table
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.values.type_name().to_string()))
        .collect();
    let rows = (0..shown)
        .map(|i| {
            table
                .columns
                .iter()
                .map(|c| c.values.get(i).label())
                .collect()
        })
        .collect();
    Ok(Preview {
        columns,
        rows,
        truncated,
    })
}

/// The first `lines` lines of a file (a large export is not read whole for a preview).
fn head_lines(path: &Path, lines: usize) -> Result<(Vec<u8>, bool), String> {
    use std::io::Read;
    // Opening a FIFO blocks until someone writes to it: look first.
    let meta = std::fs::metadata(path).map_err(|e| format!("kunde inte läsa filen: {e}"))?;
    if !meta.is_file() {
        return Err("filen är inte en vanlig fil och läses inte".to_string());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("kunde inte läsa filen: {e}"))?;
    let mut head = Vec::new();
    let mut reader = std::io::BufReader::new(file.take(64 * 1024 * 1024));
    let mut buf = [0u8; 64 * 1024];
    let mut seen = 0;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| format!("kunde inte läsa filen: {e}"))?;
        if n == 0 {
            return Ok((head, false));
        }
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                seen += 1;
                if seen == lines {
                    head.extend_from_slice(&buf[..=i]);
                    return Ok((head, true));
                }
            }
        }
        head.extend_from_slice(&buf[..n]);
    }
}

fn first_sheet(path: &Path, rel: &str) -> Result<String, String> {
    use calamine::Reader;
    let book = calamine::open_workbook_auto(path)
        .map_err(|e| format!("kunde inte läsa `{rel}` som Excel-fil: {e}"))?;
    book.sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| format!("`{rel}` har inga blad"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_data_files_and_previews_the_head_with_types() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(dir.path().join("hsf")).expect("mkdir");
        let mut csv = String::from("enhet;period;varde\n");
        for i in 0..300 {
            csv.push_str(&format!("Enhet {i};2024-02;{i},5\n"));
        }
        std::fs::write(dir.path().join("hsf/ledger.csv"), csv).expect("csv");
        std::fs::write(dir.path().join("notes.md"), "x").expect("md");
        assert_eq!(list(dir.path()), ["hsf/ledger.csv"]);
        let p = preview(dir.path(), "hsf/ledger.csv", 200).expect("preview");
        assert_eq!(p.columns[0], ("enhet".to_string(), "text".to_string()));
        assert_eq!(p.columns[2].1, "decimaltal");
        assert_eq!(p.rows.len(), 200);
        assert_eq!(p.rows[1][2], "1,5");
        assert!(p.truncated);
        assert!(preview(dir.path(), "../x.csv", 10).is_err());
    }
}
