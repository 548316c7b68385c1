//! Benchmark: follow-up per organisational level on a 1,000,000-row long-layout ledger
//! (2,800 basenheter × 10 account groups × 24 months of outcome and 12 of budget): per_niva at
//! one and two levels, the region's result, and month by month.
//! Run with `cargo bench --bench uppfoljning` (release build).

use std::sync::Arc;

mod common;

use rapportbok::domain::long::Layout;
use rapportbok::domain::uppfoljning::Organisation;
use rapportbok::domain::uppfoljning::manad::{PostFilter, by_month};
use rapportbok::domain::uppfoljning::niva::{Financing, LevelQuery, per_level, region_result};
use rapportbok::period::Period;
use rapportbok::table::{Column, Table, Values};

use common::best_of;

const UNITS: usize = 2_800;
const POSTS: usize = 10;

fn text(values: Vec<String>) -> Values {
    Values::Text(
        values
            .into_iter()
            .map(|s| Some(Arc::from(s.as_str())))
            .collect(),
    )
}

/// The organisation: 2,800 basenheter in 280 områden, 28 förvaltningar, 7 nämnder.
fn organisation() -> Table {
    let units: Vec<String> = (0..UNITS).map(|u| format!("Basenhet {u}")).collect();
    let omrade = (0..UNITS).map(|u| format!("Område {}", u / 10)).collect();
    let forvaltning = (0..UNITS)
        .map(|u| format!("Förvaltning {}", u / 100))
        .collect();
    let namnd = (0..UNITS).map(|u| format!("Nämnd {}", u / 400)).collect();
    Table::new(vec![
        Column::new("basenhet", text(units)),
        Column::new("omrade", text(omrade)),
        Column::new("forvaltning", text(forvaltning)),
        Column::new("namnd", text(namnd)),
    ])
    .expect("organisation")
}

/// 24 months of outcome and 12 of budget per unit and account group: 1,008,000 rows.
fn ledger() -> Table {
    let (mut period, mut enhet, mut post, mut typ, mut varde) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let units: Vec<Arc<str>> = (0..UNITS)
        .map(|u| Arc::from(format!("Basenhet {u}").as_str()))
        .collect();
    let posts: Vec<Arc<str>> = (0..POSTS)
        .map(|p| Arc::from(format!("Kontogrupp {p}").as_str()))
        .collect();
    let kinds: [Arc<str>; 2] = [Arc::from("utfall"), Arc::from("budget")];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for month in 0..24 {
        let p = Period::new(2023 + month / 12, (month % 12 + 1) as u8);
        for unit in &units {
            for (i, name) in posts.iter().enumerate() {
                for (k, kind) in kinds.iter().enumerate() {
                    if k == 1 && month < 12 {
                        continue;
                    }
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    let amount = (x % 1_000_000) as i64;
                    period.push(p);
                    enhet.push(Some(unit.clone()));
                    post.push(Some(name.clone()));
                    typ.push(Some(kind.clone()));
                    varde.push(Some(if i == 0 { amount } else { -amount }));
                }
            }
        }
    }
    Table::new(vec![
        Column::new("period", Values::Period(period.into())),
        Column::new("enhet", Values::Text(enhet.into())),
        Column::new("post", Values::Text(post.into())),
        Column::new("typ", Values::Text(typ.into())),
        Column::new("varde", Values::Int(varde.into())),
    ])
    .expect("ledger")
}

fn time(name: &str, rows: usize, f: impl Fn() -> usize) {
    let (best_ms, out) = best_of(3, f);
    println!(
        "{name}: {best_ms:.0} ms (best of 3; {out} rows out; {:.0} ns per ledger row)",
        best_ms * 1e6 / rows as f64
    );
}

fn main() {
    let t = ledger();
    let o = organisation();
    let org = Organisation::new(&o).expect("organisation");
    let layout = Layout::default();
    let p = Period::new(2024, 10).expect("period");
    println!("ledger: {} rows, {UNITS} basenheter", t.len());
    let query = |levels: &[&str], selection: &[(&str, &str)]| LevelQuery {
        levels: levels.iter().map(|s| s.to_string()).collect(),
        selection: selection
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        exclude_posts: Vec::new(),
    };
    time("per_niva forvaltning", t.len(), || {
        per_level(&t, &layout, &org, p, &query(&["forvaltning"], &[]))
            .expect("rows")
            .len()
    });
    time("per_niva basenhet", t.len(), || {
        per_level(&t, &layout, &org, p, &query(&["basenhet"], &[]))
            .expect("rows")
            .len()
    });
    time("per_niva forvaltning+omrade, one nämnd", t.len(), || {
        per_level(
            &t,
            &layout,
            &org,
            p,
            &query(&["forvaltning", "omrade"], &[("namnd", "Nämnd 1")]),
        )
        .expect("rows")
        .len()
    });
    time("resultat_region", t.len(), || {
        region_result(&t, &layout, &org, p, "namnd", &Financing::default())
            .expect("rows")
            .len()
    });
    time("manadsvis", t.len(), || {
        by_month(&t, &layout, p, &PostFilter::default())
            .expect("months")
            .len()
    });
}
