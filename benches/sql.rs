//! Benchmark: SQL sources against a throwaway PostgreSQL (skips without one). A 1,000,000-row
//! ledger query into a Table (time, peak memory), with its snapshot written, then read back
//! from the snapshot, against `read_csv` of the same rows; and the path users should take, a
//! grouped query returning 1,000 rows, against `read_csv` + group by of the same rows.
//! Run with `cargo bench --bench sql` (release build).

mod common;

#[path = "../tests/common/postgres.rs"]
#[allow(dead_code)]
mod postgres;

use std::collections::BTreeMap;
use std::time::Instant;

use common::ledger::{Dialect, ROWS, ledger};
use common::{peak_mib, reset_peak};
use postgres::Cluster;
use rapportbok::data::{ReadOptions, read_csv};
use rapportbok::source::{Param, QueryLimits, SourceConfig, SourceKind, Sources};
use rapportbok::table::{Agg, Table};

/// Best of `runs` timings in ms, the last result, and the highest peak memory of a run.
fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T, f64) {
    let (mut best, mut peak, mut last) = (f64::MAX, 0.0f64, None);
    for _ in 0..runs {
        // The previous run's table is freed first, so it does not count in this run's peak.
        drop(last.take());
        reset_peak();
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        peak = peak.max(peak_mib());
        last = Some(out);
    }
    (best, last.expect("at least one run"), peak)
}

fn main() {
    let Some(pg) = Cluster::start_with_auth_or_skip("bench sql", "trust") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let csv_path = dir.path().join("huvudbok.csv");
    std::fs::write(&csv_path, ledger(ROWS, Dialect::Plain)).expect("write ledger");
    let size = std::fs::metadata(&csv_path).map_or(0, |m| m.len());
    pg.psql(
        "CREATE TABLE huvudbok (period date, enhet text, konto text, utfall numeric(14,2), budget numeric(14,2))",
    );
    let copy = format!(
        "\\copy huvudbok from '{}' with (format csv, header)",
        csv_path.display()
    );
    pg.psql_args(&["-c", &copy]);
    pg.psql("ANALYZE huvudbok");
    println!(
        "ledger: {ROWS} rows, {:.1} MB as CSV, in PostgreSQL on 127.0.0.1:{}",
        size as f64 / 1e6,
        pg.port
    );

    let mut configs = BTreeMap::new();
    configs.insert(
        "lager".to_string(),
        SourceConfig {
            kind: SourceKind::Postgres,
            url_env: None,
            host: Some("127.0.0.1".into()),
            port: Some(pg.port),
            database: Some("postgres".into()),
            user: Some("postgres".into()),
            password: None,
        },
    );
    let limits = QueryLimits {
        timeout_ms: 600_000,
        max_rows: 2_000_000,
        max_bytes: 4 << 30,
    };
    let data = dir.path();
    let fetch = |refresh: bool, query: &str, params: &[Param]| -> Table {
        let sources = Sources::new(&configs, data, refresh);
        match sources.fetch("lager", query, params, &limits) {
            Ok(f) => f.table,
            Err(e) => {
                eprintln!("query failed: {e}");
                std::process::exit(1);
            }
        }
    };

    // read_csv of the same rows: the baseline.
    let (csv_ms, csv_table, csv_peak) = measure(3, || {
        read_csv(&csv_path, "huvudbok.csv", &ReadOptions::default(), u64::MAX).expect("read_csv")
    });
    println!(
        "read_csv: {csv_ms:.0} ms, peak {csv_peak:.0} MiB ({} rows)",
        csv_table.len()
    );
    drop(csv_table);

    let all = "select period, enhet, konto, utfall, budget from huvudbok";
    let (q_ms, q_table, q_peak) = measure(3, || fetch(true, all, &[]));
    println!(
        "sql(), 1,000,000 rows from the server into a Table + snapshot written: {q_ms:.0} ms ({:.2}× read_csv), peak {q_peak:.0} MiB ({:.2}× read_csv)",
        q_ms / csv_ms,
        q_peak / csv_peak
    );
    assert_eq!(q_table.len(), ROWS, "every row arrives");
    drop(q_table);
    let (s_ms, s_table, s_peak) = measure(3, || fetch(false, all, &[]));
    println!(
        "sql(), the same 1,000,000 rows from the snapshot: {s_ms:.0} ms ({:.2}× read_csv), peak {s_peak:.0} MiB ({:.2}× read_csv)",
        s_ms / csv_ms,
        s_peak / csv_peak
    );
    assert_eq!(s_table.len(), ROWS);
    drop(s_table);

    // The path users should take: the warehouse groups, 1,000 rows come back.
    let grouped = "select konto, sum(utfall) as utfall, sum(budget) as budget from huvudbok \
                   where period <= $1 group by konto order by konto";
    let params = [Param::Text("2024-06".into())];
    let (g_ms, g_table, g_peak) = measure(5, || fetch(true, grouped, &params));
    assert_eq!(g_table.len(), 1000, "one row per account");
    let (gs_ms, _, _) = measure(5, || fetch(false, grouped, &params));
    let (c_ms, c_table, c_peak) = measure(3, || {
        let t = read_csv(&csv_path, "huvudbok.csv", &ReadOptions::default(), u64::MAX)
            .expect("read_csv");
        let upto = t
            .filter_range(
                "period",
                &rapportbok::table::Value::Date(rapportbok::period::Date {
                    year: 2023,
                    month: 1,
                    day: 1,
                }),
                &rapportbok::table::Value::Date(rapportbok::period::Date {
                    year: 2024,
                    month: 6,
                    day: 1,
                }),
            )
            .expect("filter");
        upto.group_by(
            &["konto".into()],
            &["utfall".into(), "budget".into()],
            Agg::Sum,
        )
        .expect("group")
    });
    assert_eq!(c_table.len(), 1000);
    println!(
        "grouped query (1,000 rows) from the server + snapshot written: {g_ms:.0} ms, peak {g_peak:.0} MiB; from its snapshot: {gs_ms:.1} ms"
    );
    println!(
        "read_csv + filter + group by of the same rows: {c_ms:.0} ms, peak {c_peak:.0} MiB (the grouped query takes {:.2}× the time, {:.2}× the memory)",
        g_ms / c_ms,
        g_peak / c_peak
    );
}
