//! Benchmark: a 1,000,000-row ledger CSV (period;kostnadsställe;konto;utfall;budget, decimal
//! comma) — time to load it, to group by konto over 12 months, and peak memory.
//! Run with `cargo bench --bench ledger` (release build).

use std::fmt::Write as _;
use std::time::Instant;

use rapportbok::data::{ReadOptions, parse_csv};
use rapportbok::table::{Agg, Value};

const ROWS: usize = 1_000_000;

/// A deterministic ledger: 24 months × 60 cost centres × ~700 accounts, amounts in öre.
fn ledger() -> Vec<u8> {
    let mut s = String::with_capacity(ROWS * 40);
    s.push_str("period;kostnadsställe;konto;utfall;budget\n");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..ROWS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let month = i % 24;
        let (year, m) = (2023 + month / 12, month % 12 + 1);
        let kst = 1000 + (x % 60);
        let konto = 3000 + ((x >> 8) % 700);
        let utfall = (x >> 20) % 20_000_000;
        let budget = (x >> 30) % 20_000_000;
        let sign = if x & 1 == 0 { "" } else { "-" };
        let _ = writeln!(
            s,
            "{year}-{m:02};KST {kst};{konto};{sign}{},{:02};{},{:02}",
            utfall / 100,
            utfall % 100,
            budget / 100,
            budget % 100
        );
    }
    s.into_bytes()
}

/// Peak resident memory of this process (Linux), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let bytes = ledger();
    println!(
        "ledger: {ROWS} rows, {:.1} MB; peak before load {:.0} MiB",
        bytes.len() as f64 / 1e6,
        peak_mib().unwrap_or(0.0)
    );
    let mut best_load = f64::MAX;
    let mut table = None;
    for _ in 0..3 {
        let start = Instant::now();
        let t = match parse_csv("ledger.csv", &bytes, &ReadOptions::default()) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("load failed: {e}");
                std::process::exit(1);
            }
        };
        best_load = best_load.min(start.elapsed().as_secs_f64());
        table = Some(t);
    }
    let Some(t) = table else { return };
    println!(
        "load (parse + types): {:.0} ms (best of 3)",
        best_load * 1000.0
    );
    println!(
        "peak memory after load: {:.0} MiB",
        peak_mib().unwrap_or(0.0)
    );

    let from = Value::Period(rapportbok::period::Period {
        year: 2024,
        month: 1,
    });
    let to = Value::Period(rapportbok::period::Period {
        year: 2024,
        month: 12,
    });
    let mut best = f64::MAX;
    let mut groups = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let year = t
            .filter_range("period", &from, &to)
            .expect("filter by period");
        let g = year
            .group_by(
                &["konto".into()],
                &["utfall".into(), "budget".into()],
                Agg::Sum,
            )
            .expect("group by konto");
        best = best.min(start.elapsed().as_secs_f64());
        groups = g.len();
    }
    println!(
        "filter 12 months + group by konto (sum utfall, budget): {:.1} ms, {groups} groups (best of 5)",
        best * 1000.0
    );
    println!("peak memory: {:.0} MiB", peak_mib().unwrap_or(0.0));
}
