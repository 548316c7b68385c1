//! Timing helpers and generated data shared by the bench binaries (each uses what it needs).
#![allow(dead_code)]

use std::path::Path;
use std::time::Instant;

use rapportbok::table::{Column, Format, Table, Values};
use rust_decimal::Decimal;

pub mod ledger;

/// The best of `runs` timings of `f`, in milliseconds, and its last result.
pub fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    (best, last.expect("at least one run"))
}

/// The median of `runs` timings of `f`, in milliseconds, and its last result.
pub fn median_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], last.expect("at least one run"))
}

/// The median of `v` (the upper one for an even count).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The value at fraction `p` (0.5 = p50, 0.9 = p90) of the already sorted `sorted`.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Reset the peak-memory mark (Linux), so each case reports its own peak.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident memory of this process since the last reset (Linux), in MiB.
pub fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A book of one notebook, `notebooks/rapport.md` (written by the caller), over the
/// benches' 1,000,000-row Swedish ledger in `data/huvudbok.csv`: what the preview benches serve.
pub fn ledger_book(root: &Path) {
    std::fs::create_dir_all(root.join("notebooks")).expect("mkdir");
    std::fs::create_dir_all(root.join("data")).expect("mkdir");
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Bench\"\n[data]\ndir = \"data\"\n",
    )
    .expect("toml");
    std::fs::write(
        root.join("notebooks/SUMMARY.md"),
        "# Innehåll\n\n- [Rapport](rapport.md)\n",
    )
    .expect("summary");
    let text = ledger::ledger(ledger::ROWS, ledger::Dialect::Swedish);
    std::fs::write(root.join("data/huvudbok.csv"), text).expect("ledger");
}

/// A copy of the folder `from` (an example book) at `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// A report-like table of `columns` columns (at most 8 are typical): two text columns, then
/// amounts in tkr, a signed deviation in mkr and more amounts, and a percentage last, with a
/// total row, as reports show them.
pub fn report_table(rows: usize, columns: usize) -> Table {
    let text = |prefix: &str| {
        Values::Text(
            (0..rows)
                .map(|r| Some(format!("{prefix} {}", r % 97).into()))
                .collect(),
        )
    };
    let money = |seed: i64| {
        Values::Decimal(
            (0..rows as i64)
                .map(|r| Some(Decimal::new((r * 7919 + seed) % 90_000_000 - 10_000_000, 2)))
                .collect(),
        )
    };
    let names = ["Utfall", "Budget", "Avvikelse", "Utfall fg år", "Prognos"];
    let mut all = vec![
        Column::new("Verksamhet", text("Verksamhet")),
        Column::new("Konto", text("Konto")),
    ];
    for i in 0..columns.saturating_sub(3) {
        let name = names
            .get(i)
            .map_or(format!("Belopp {i}"), |n| n.to_string());
        let mut c = Column::new(name, money(i as i64 * 31));
        c.format = Some(if i % 3 == 2 {
            Format::mkr(1).signed()
        } else {
            Format::tkr(0)
        });
        all.push(c);
    }
    let mut c = Column::new("Andel", money(5));
    c.format = Some(Format::pct(1));
    all.push(c);
    all.truncate(columns);
    let t = Table::new(all).expect("table");
    t.total("Summa").expect("total")
}
