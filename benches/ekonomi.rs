//! Benchmark: the ekonomi built-ins on the HSF ledger written by the seed generator at a
//! larger scale (20 copies of every cost centre by default, about 125 000 rows): time to
//! compute the resultaträkning, the cost development and the deviation per cost centre.
//! Run with `cargo bench --bench ekonomi [-- SCALE]` (release build).

#[allow(dead_code, unused_imports)]
#[path = "../seeds/generator/mod.rs"]
mod generator;

mod common;

use rapportbok::data::{ReadOptions, parse_csv};
use rapportbok::domain::ekonomi::{resultat, utveckling};
use rapportbok::domain::long::Layout;
use rapportbok::period::Period;

use common::best_of;

fn main() -> anyhow::Result<()> {
    let scale: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    let dir = tempfile::tempdir()?;
    generator::write_all(dir.path(), scale)?;
    let bytes = std::fs::read(dir.path().join("hsf/ekonomi.csv"))?;
    let (load_ms, table) = best_of(3, || {
        parse_csv("ekonomi.csv", &bytes, &ReadOptions::default())
    });
    let table = table.map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "hsf/ekonomi.csv at scale {scale}: {} rows, {:.1} MB; load {load_ms:.0} ms (best of 3)",
        table.len(),
        bytes.len() as f64 / 1e6
    );
    let period = Period {
        year: 2023,
        month: 2,
    };
    let rows = Layout::default()
        .rows(&table)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let lines = resultat::default_lines();
    let (ms, statement) = best_of(5, || resultat::statement(&rows, period, &lines));
    let lines_out = statement.map_err(|e| anyhow::anyhow!("{e}"))?.len();
    println!("resultatrakning: {ms:.1} ms, {lines_out} rows (best of 5)");
    let groups = utveckling::default_groups();
    let (ms, dev) = best_of(5, || utveckling::development(&rows, &[], period, &groups));
    println!(
        "kostnadsutveckling: {ms:.1} ms, {} rows (best of 5)",
        dev.map_err(|e| anyhow::anyhow!("{e}"))?.len()
    );
    let (ms, units) = best_of(5, || {
        rows.compare(period, |r| rows.enhet.str(r).map(str::to_string))
            .map(|groups| groups.len())
    });
    let units = units.map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("deviation per cost centre: {ms:.1} ms, {units} cost centres (best of 5)");
    Ok(())
}
