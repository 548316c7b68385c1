//! Benchmark: the table downloads' share of the example book's build (the xlsx and CSV files
//! of every table, on the build's pool, against the whole build in memory), and one xlsx
//! file's cost for a small (10 rows × 5 columns) and a large (10 000 rows × 8 columns)
//! table. The peer, in the same run, is the writer the downloads had before: rust_xlsxwriter
//! (`xlsx/peer.rs`), on the same tables and the same pool.

mod common;
#[path = "xlsx/peer.rs"]
mod peer;

use std::path::Path;

use rapportbok::book::Book;
use rapportbok::build::{
    pool, reference_pages, render_book, site_downloads, site_files, with_reference,
};
use rapportbok::export::{to_csv, to_xlsx};
use rapportbok::render::RenderOptions;
use rapportbok::table::Table;

use common::{median_of, report_table};

const RUNS: usize = 7;

fn main() {
    book_share();
    for (rows, columns) in [(10, 5), (10_000, 8)] {
        per_table(rows, columns);
    }
}

/// The downloads' share of the example book's build, now and with the peer.
fn book_share() {
    let book = Book::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the example book");
    let (build_ms, (files, diagnostics)) =
        median_of(RUNS, || site_files(&book, &[], &|_, _, _| {}));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let mut rendered = render_book(&book, &[], RenderOptions::default(), &|_, _, _| {});
    with_reference(&book, &mut rendered, &reference_pages(&book));
    let tables: Vec<&Table> = rendered
        .iter()
        .flat_map(|r| r.body.downloads.iter().map(|d| &d.table))
        .collect();
    // The build's own step, then the same work with the peer's xlsx, alternating.
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let (mut made, mut xlsx_bytes, mut peer_bytes) = (0, 0, 0);
    for _ in 0..RUNS {
        let (ms, (files, problems)) = median_of(1, || site_downloads(&rendered));
        assert!(problems.is_empty(), "{problems:?}");
        made = files.len();
        xlsx_bytes = files
            .iter()
            .filter(|(p, _)| p.ends_with(".xlsx"))
            .map(|(_, b)| b.len())
            .sum();
        ours.push(ms);
        let (ms, sizes) = median_of(1, || {
            pool::map(&tables, |t| {
                std::hint::black_box(to_csv(t));
                peer::to_xlsx(t).expect("peer xlsx").len()
            })
        });
        peer_bytes = sizes.into_iter().map(|s| s.expect("no panic")).sum();
        theirs.push(ms);
    }
    let (ours, theirs) = (common::median(ours), common::median(theirs));
    let site_bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    // The build as it was: the same, with the peer's downloads in place of ours.
    let before = build_ms - ours + theirs;
    println!(
        "book: {} files ({} kB) built in {build_ms:.1} ms; downloads of {} tables ({made} files) \
         {ours:.1} ms on the pool = {:.1} % of the build",
        files.len(),
        site_bytes / 1024,
        tables.len(),
        ours / build_ms * 100.0,
    );
    println!(
        "book: with rust_xlsxwriter (peer) the downloads take {theirs:.1} ms = {:.1} % of a {before:.1} ms build; \
         ours / peer {:.3}; xlsx {:.1} kB, peer {:.1} kB",
        theirs / before * 100.0,
        ours / theirs,
        xlsx_bytes as f64 / 1024.0,
        peer_bytes as f64 / 1024.0
    );
    // One thread: the xlsx files of all tables, ours and the peer's, alternating.
    let all = |write: &dyn Fn(&Table) -> usize| {
        median_of(1, || tables.iter().map(|t| write(t)).sum::<usize>()).0
    };
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        ours.push(all(&|t| to_xlsx(t).expect("xlsx").len()));
        theirs.push(all(&|t| peer::to_xlsx(t).expect("peer").len()));
    }
    let (xlsx_ms, peer_ms) = (common::median(ours), common::median(theirs));
    let (csv_ms, _) = median_of(RUNS, || {
        tables.iter().map(|t| to_csv(t).len()).sum::<usize>()
    });
    println!(
        "book, one thread: xlsx {xlsx_ms:.1} ms ({:.0} µs per table), peer {peer_ms:.1} ms (ours / peer {:.3}), csv {csv_ms:.1} ms",
        xlsx_ms * 1000.0 / tables.len() as f64,
        xlsx_ms / peer_ms
    );
}

/// One table's xlsx file, ours against the peer's, and its CSV file.
fn per_table(rows: usize, columns: usize) {
    let t = report_table(rows, columns);
    let runs = if rows > 1000 { RUNS } else { 201 };
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let (mut size, mut peer_size) = (0, 0);
    for _ in 0..runs {
        let (ms, n) = median_of(1, || to_xlsx(&t).expect("xlsx").len());
        ours.push(ms);
        size = n;
        let (ms, n) = median_of(1, || peer::to_xlsx(&t).expect("peer").len());
        theirs.push(ms);
        peer_size = n;
    }
    let (ours, theirs) = (common::median(ours), common::median(theirs));
    let (csv_ms, csv_size) = median_of(runs, || to_csv(&t).len());
    println!(
        "table {rows} rows × {columns} columns: xlsx {:.0} µs ({} kB), peer {:.0} µs ({} kB), ours / peer {:.3}; \
         csv {:.0} µs ({} kB), xlsx / csv {:.1}",
        ours * 1000.0,
        size / 1024,
        theirs * 1000.0,
        peer_size / 1024,
        ours / theirs,
        csv_ms * 1000.0,
        csv_size / 1024,
        ours / csv_ms
    );
}
