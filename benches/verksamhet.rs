//! Benchmark: the production summary and the accessibility tables on a large long-layout
//! export (500 units × 30 measure parts × 24 months × utfall/budget ≈ 720 000 rows; 300 units ×
//! 9 measures × 36 months for accessibility). Run with `cargo bench --bench verksamhet`.

use std::fmt::Write as _;

mod common;

use rapportbok::data::{ReadOptions, parse_csv};
use rapportbok::domain::long::Layout;
use rapportbok::domain::produktion::{self, Missing, Options};
use rapportbok::domain::tillganglighet;
use rapportbok::period::Period;
use rapportbok::table::Table;

use common::best_of;

const UNITS: u64 = 500;
const POSTS: u64 = 10;
const PARTS: u64 = 3;

fn next(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

fn production_csv() -> Vec<u8> {
    let mut s = String::from("period;enhet;post;varav;typ;varde\n");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for month in 0..24 {
        let (year, m) = (2022 + month / 12, month % 12 + 1);
        for unit in 0..UNITS {
            for post in 0..POSTS {
                for part in 0..PARTS {
                    let v = next(&mut x) % 500;
                    let _ = writeln!(
                        s,
                        "{year}-{m:02};Enhet {unit};Mått {post};del {part};utfall;{v}"
                    );
                    if year == 2023 {
                        let b = next(&mut x) % 5000;
                        let _ = writeln!(
                            s,
                            "{year}-{m:02};Enhet {unit};Mått {post};del {part};budget;{},{}",
                            b / 10,
                            b % 10
                        );
                    }
                }
            }
        }
    }
    s.into_bytes()
}

fn accessibility_csv() -> Vec<u8> {
    let mut s = String::from("period;enhet;post;typ;varde\n");
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for month in 0..36 {
        let (year, m) = (2021 + month / 12, month % 12 + 1);
        for unit in 0..300 {
            for post in 0..9 {
                let total = 100 + next(&mut x) % 900;
                let within = total * (50 + next(&mut x) % 50) / 100;
                let _ = writeln!(s, "{year}-{m:02};Enhet {unit};Mått {post};inom;{within}");
                let _ = writeln!(s, "{year}-{m:02};Enhet {unit};Mått {post};totalt;{total}");
            }
        }
    }
    for post in 0..9 {
        let _ = writeln!(s, "2021-01;HSF;Mått {post};mal;90");
    }
    s.into_bytes()
}

fn load(name: &str, bytes: &[u8]) -> Table {
    let types = ReadOptions {
        types: vec![(
            "varde".to_string(),
            rapportbok::data::ColumnType::parse("tal").expect("type"),
        )],
        ..ReadOptions::default()
    };
    parse_csv(name, bytes, &types).expect("parse")
}

fn main() {
    let period = Period::parse("2023-06").expect("period");
    let layout = Layout::default();

    let prod = load("produktion.csv", &production_csv());
    let opts = Options {
        varav: Some("varav".into()),
        missing: Missing::Empty,
        ratios: Vec::new(),
    };
    let (ms, rows) = best_of(5, || {
        produktion::summary(&prod, &layout, period, &opts)
            .expect("summary")
            .len()
    });
    println!(
        "produktion: {} rows in, {rows} rows out, best of 5: {ms:.1} ms",
        prod.len()
    );

    let acc = load("tillganglighet.csv", &accessibility_csv());
    let (ms, out) = best_of(5, || {
        let series = tillganglighet::read(&acc, &layout).expect("read");
        let o = tillganglighet::overview(&series, period, None, None, 2.into()).expect("overview");
        let g = tillganglighet::guarantee(&series, period, None).expect("guarantee");
        o.len() + g.len()
    });
    println!(
        "tillganglighet + vardgaranti: {} rows in, {out} rows out, best of 5: {ms:.1} ms",
        acc.len()
    );
}
