//! Benchmark: loading the 1,000,000-row ledger (`benches/common/ledger.rs`, ≈50 MB) and summing
//! it per enhet, side by side with polars, DuckDB and pandas on the same file in the same run.
//! In-process: median load, group and load + group times, and peak memory of each. Whole
//! process: the `rapportbok` binary rendering a one-cell notebook (load; load + group) against
//! a Python process doing the same with each peer, wall time and peak RSS (`/usr/bin/time`).
//! The peers run when their Python package is importable from `$RAPPORTBOK_BENCH_PYTHON` (or
//! `python3`); otherwise the bench says so and skips them.
//! Run with `cargo bench --bench ledger` (release build).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::ledger::{Dialect, ROWS, ledger, units};
use common::{median, peak_mib, reset_peak};
use rapportbok::data::{ReadOptions, read_csv};
use rapportbok::table::{Agg, Table};

const RUNS: usize = 5;

/// Median of `RUNS` timings in ms, the last result, and the highest peak RSS of this process
/// during a run (MiB; it includes what the allocator kept from earlier runs, so the
/// whole-process peaks below are the figures to compare).
fn measure<T>(mut f: impl FnMut() -> T) -> (f64, T, f64) {
    let (mut times, mut peak, mut last) = (Vec::new(), 0.0f64, None);
    for _ in 0..RUNS {
        // The previous run's result is freed first, so it does not count in this run's peak.
        drop(last.take());
        reset_peak();
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        peak = peak.max(peak_mib());
        last = Some(out);
    }
    (median(times), last.expect("at least one run"), peak)
}

fn load(path: &Path) -> Table {
    match read_csv(path, "huvudbok.csv", &ReadOptions::default(), u64::MAX) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("load failed: {e}");
            std::process::exit(1);
        }
    }
}

fn group(t: &Table) -> Table {
    match t.group_by(
        &["enhet".into()],
        &["utfall".into(), "budget".into()],
        Agg::Sum,
    ) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("group failed: {e}");
            std::process::exit(1);
        }
    }
}

/// One whole-process run: wall time (ms) and peak RSS (MiB, when `/usr/bin/time` is there).
fn run_process(mut cmd: Command, dir: &Path) -> (f64, Option<f64>, String) {
    let time = Path::new("/usr/bin/time");
    let report = dir.join("time.txt");
    let mut cmd = if time.is_file() {
        let mut t = Command::new(time);
        t.arg("-f").arg("%M").arg("-o").arg(&report);
        t.arg(cmd.get_program()).args(cmd.get_args());
        if let Some(d) = cmd.get_current_dir() {
            t.current_dir(d);
        }
        t
    } else {
        std::mem::replace(&mut cmd, Command::new("true"))
    };
    let start = Instant::now();
    let out = cmd.output().expect("start process");
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if !out.status.success() {
        eprintln!(
            "{:?} failed: {}{}",
            cmd,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        std::process::exit(1);
    }
    let peak = std::fs::read_to_string(&report)
        .ok()
        .and_then(|s| s.trim().lines().last()?.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    (ms, peak, String::from_utf8_lossy(&out.stdout).to_string())
}

/// `RUNS` whole-process runs: median wall time, highest peak RSS, the last run's output.
fn processes(make: impl Fn() -> Command, dir: &Path) -> (f64, Option<f64>, String) {
    let (mut times, mut peak, mut last) = (Vec::new(), None::<f64>, String::new());
    for _ in 0..RUNS {
        let (ms, p, out) = run_process(make(), dir);
        times.push(ms);
        peak = match (peak, p) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        last = out;
    }
    (median(times), peak, last)
}

fn mib(p: Option<f64>) -> String {
    p.map_or("peak not measured (no /usr/bin/time)".into(), |p| {
        format!("peak {p:.0} MiB")
    })
}

/// The peers' side: load the file, optionally sum per enhet; prints in-process load and
/// group times (ms) and the number of groups.
const PEERS: &str = r#"
import sys, time
tool, mode, path = sys.argv[1], sys.argv[2], sys.argv[3]
if tool == "polars":
    import polars as pl
    t0 = time.perf_counter()
    df = pl.read_csv(path, separator=";", decimal_comma=True)
    t1 = time.perf_counter()
    n = 0
    if mode == "group":
        n = df.group_by("enhet").agg(pl.col("utfall").sum(), pl.col("budget").sum()).height
elif tool == "duckdb":
    import duckdb
    con = duckdb.connect()
    t0 = time.perf_counter()
    con.execute(f"create table t as select * from read_csv('{path}', delim=';', decimal_separator=',', header=true)")
    t1 = time.perf_counter()
    n = 0
    if mode == "group":
        n = len(con.execute("select enhet, sum(utfall), sum(budget) from t group by enhet").fetchall())
elif tool == "pandas":
    import pandas as pd
    t0 = time.perf_counter()
    df = pd.read_csv(path, sep=";", decimal=",")
    t1 = time.perf_counter()
    n = 0
    if mode == "group":
        n = len(df.groupby("enhet")[["utfall", "budget"]].sum())
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f} {n}")
"#;

fn python() -> PathBuf {
    std::env::var_os("RAPPORTBOK_BENCH_PYTHON")
        .map_or_else(|| PathBuf::from("python3"), PathBuf::from)
}

fn importable(python: &Path, module: &str) -> bool {
    Command::new(python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A book whose only notebook reads the ledger (and sums it per enhet when `group`).
fn book(root: &Path, name: &str, group: bool) -> PathBuf {
    let cell = if group {
        "let t = read_csv(\"huvudbok.csv\");\nlet g = t.group_by(\"enhet\", [\"utfall\", \"budget\"]);\ng.len()"
    } else {
        "let t = read_csv(\"huvudbok.csv\");\nt.len()"
    };
    let path = root.join(format!("notebooks/{name}.md"));
    std::fs::write(&path, format!("# Huvudbok\n\n```rhai\n{cell}\n```\n")).expect("notebook");
    path
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("data")).expect("mkdir");
    std::fs::create_dir_all(root.join("notebooks")).expect("mkdir");
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Bänk\"\n[data]\ndir = \"data\"\n",
    )
    .expect("book.toml");
    let csv = root.join("data/huvudbok.csv");
    std::fs::write(&csv, ledger(ROWS, Dialect::Swedish)).expect("write ledger");
    let size = std::fs::metadata(&csv).map_or(0, |m| m.len()) as f64;
    let size_mib = size / (1024.0 * 1024.0);
    println!(
        "ledger: {ROWS} rows, {:.1} MB ({size_mib:.1} MiB), {} units; 1,5 × the file is {:.0} MiB",
        size / 1e6,
        units().len(),
        1.5 * size_mib
    );

    println!("\nin process (median of {RUNS}):");
    let (load_ms, table, load_peak) = measure(|| load(&csv));
    assert_eq!(table.len(), ROWS, "every row is read");
    println!("  rapportbok load: {load_ms:.0} ms (bench process peak {load_peak:.0} MiB)");
    let (group_ms, g, _) = measure(|| group(&table));
    assert_eq!(g.len(), units().len(), "one row per enhet");
    println!("  rapportbok sum per enhet: {group_ms:.1} ms");
    drop(table);
    let (both_ms, g, both_peak) = measure(|| group(&load(&csv)));
    assert_eq!(g.len(), units().len());
    println!(
        "  rapportbok load + sum per enhet: {both_ms:.0} ms (bench process peak {both_peak:.0} MiB)"
    );

    println!("\nwhole process (median of {RUNS} runs):");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_rapportbok"));
    let render = |nb: PathBuf| {
        let bin = bin.clone();
        let out = root.join("ut.html");
        move || {
            let mut c = Command::new(&bin);
            c.arg("render")
                .arg(&nb)
                .arg("-o")
                .arg(&out)
                .current_dir(root);
            c
        }
    };
    let (rb_load, rb_load_peak, _) = processes(render(book(root, "last", false)), root);
    let (rb_group, rb_group_peak, _) = processes(render(book(root, "grupp", true)), root);
    let page = std::fs::read_to_string(root.join("ut.html")).unwrap_or_default();
    assert!(page.contains(">60<"), "the page shows 60 groups");
    println!(
        "  rapportbok render: load {rb_load:.0} ms ({}), load + sum per enhet {rb_group:.0} ms ({})",
        mib(rb_load_peak),
        mib(rb_group_peak)
    );
    if let Some(p) = rb_group_peak {
        println!("    peak / file size: {:.2}× (target 1,5×)", p / size_mib);
    }

    let py = python();
    let script = root.join("peers.py");
    std::fs::write(&script, PEERS).expect("script");
    for tool in ["polars", "duckdb", "pandas"] {
        if !importable(&py, tool) {
            println!(
                "  {tool} not installed for {}, skipped (set RAPPORTBOK_BENCH_PYTHON to a Python that has it)",
                py.display()
            );
            continue;
        }
        let run = |mode: &'static str| {
            let (py, script, csv) = (py.clone(), script.clone(), csv.clone());
            move || {
                let mut c = Command::new(&py);
                c.arg(&script).arg(tool).arg(mode).arg(&csv);
                c
            }
        };
        let (p_load, p_load_peak, _) = processes(run("load"), root);
        let (p_group, p_group_peak, out) = processes(run("group"), root);
        let inner: Vec<f64> = out
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        assert_eq!(
            inner.get(2).copied(),
            Some(60.0),
            "{tool}: one row per enhet"
        );
        println!(
            "  {tool}: load {p_load:.0} ms ({}), load + sum per enhet {p_group:.0} ms ({}); \
             in process load {:.0} ms, sum {:.1} ms",
            mib(p_load_peak),
            mib(p_group_peak),
            inner[0],
            inner[1]
        );
        println!(
            "    rapportbok / {tool}: load {:.2}×, load + sum {:.2}× (whole process); \
             in process load {:.2}×, sum {:.2}×",
            rb_load / p_load,
            rb_group / p_group,
            load_ms / inner[0],
            group_ms / inner[1].max(0.001)
        );
    }
}
