//! Benchmark: build and render 100 charts of 12 months × 5 years (a line per year), and the
//! same data as grouped bars and as a time chart; prints the time per chart and the SVG size.
//! Run with `cargo bench --bench charts` (release build).

use std::time::Instant;

use rapportbok::chart::{Kind, Options, build, render_html};
use rapportbok::period::Period;
use rapportbok::table::{Column, Table, Values};
use rust_decimal::Decimal;

const CHARTS: usize = 100;

/// 60 months (2020–2024) of a deterministic value in kronor, different per chart.
fn table(seed: u64) -> Table {
    let mut periods = Vec::new();
    let mut values = Vec::new();
    let mut years = Vec::new();
    let mut months = Vec::new();
    let mut x = 0x9E37_79B9_7F4A_7C15_u64 ^ seed;
    for i in 0..60_u32 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let (year, month) = (2020 + (i / 12) as i32, (i % 12 + 1) as u8);
        periods.push(Period::new(year, month));
        years.push(Some(i64::from(year)));
        months.push(Some(i64::from(month)));
        values.push(Some(Decimal::new(40_000_000 + (x % 9_000_000) as i64, 0)));
    }
    Table::new(vec![
        Column::new("Period", Values::Period(periods.into())),
        Column::new("År", Values::Int(years.into())),
        Column::new("Månad", Values::Int(months.into())),
        Column::new("Utfall", Values::Decimal(values.into())),
    ])
    .expect("bench table")
}

fn run(name: &str, kind: Kind, opts: impl Fn() -> Options, tables: &[Table]) {
    let start = Instant::now();
    let mut bytes = 0;
    for t in tables {
        let chart = build(kind, t, opts()).expect("chart");
        bytes += render_html(&chart).len();
    }
    let elapsed = start.elapsed();
    println!(
        "{name:<34} {CHARTS} diagram på {:>7.1} ms = {:>6.3} ms/diagram, {:>6} byte HTML/diagram",
        elapsed.as_secs_f64() * 1000.0,
        elapsed.as_secs_f64() * 1000.0 / CHARTS as f64,
        bytes / CHARTS
    );
}

fn main() {
    let tables: Vec<Table> = (0..CHARTS as u64).map(table).collect();
    let base = || Options {
        unit: Some("mkr".into()),
        target: Some(Decimal::from(45)),
        title: Some("Utfall per månad och år".into()),
        ..Options::default()
    };
    // Warm-up, so the first measured chart does not pay for lazy initialisation.
    let _ = build(Kind::Line, &tables[0], base()).map(|c| render_html(&c));
    run("line_chart (en linje per år)", Kind::Line, base, &tables);
    run(
        "bar_chart (12 månader × 5 år)",
        Kind::Bar,
        || Options {
            x: Some("Månad".into()),
            y: vec!["Utfall".into()],
            series: Some("År".into()),
            ..base()
        },
        &tables,
    );
    run("time_chart (60 månader)", Kind::Time, base, &tables);
}
