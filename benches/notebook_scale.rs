//! How a notebook's cost grows with its length: parse + run + render of notebooks of
//! 1 000 / 2 000 / 4 000 cells (each with an inline value in the prose after it), the same
//! 200 cells placed before and after 20 000 lines of prose, and the preview's cache: the heap
//! it holds after a run and the time of a first-cell edit.
//!
//! Linear cost shows as a constant time per cell across the sizes (ratio 4 000 / 1 000 ≈ 4)
//! and as a before/after ratio near 1. Run with `cargo bench --bench notebook_scale`.

mod common;

use std::path::Path;

use common::best_of;
use rapportbok::budget::heap_bytes;
use rapportbok::notebook;
use rapportbok::render::{RenderOptions, render_body};
use rapportbok::script::{RunCache, RunContext, run, run_incremental};

fn context() -> RunContext {
    RunContext {
        data_dir: ".".into(),
        params: rhai::Map::new(),
        limits: Default::default(),
        plugins: Default::default(),
        data_cache: Default::default(),
        sources: Default::default(),
    }
}

/// `cells` cells, each defining a variable, with a sentence quoting it after each.
fn cells(cells: usize, first: usize) -> String {
    let mut t = String::from("# Skala\n\n");
    for i in 0..cells {
        let n = if i == 0 { first } else { i };
        t.push_str(&format!(
            "## Avsnitt {i}\n\n```rhai\nlet v{i} = {n} * 2;\nlet summa = v{i} + 1;\nsumma\n```\n\nVärdet är {{{{ v{i} }}}} kronor.\n\n"
        ));
    }
    t
}

fn prose(lines: usize) -> String {
    (0..lines)
        .map(|i| format!("Rad {i} av löptexten utan uttryck.\n\n"))
        .collect()
}

/// Parse, run and render `source` once; the time in ms (best of `runs`).
fn build(source: &str, runs: usize) -> f64 {
    let ctx = context();
    let (ms, out) = best_of(runs, || {
        let nb = notebook::parse(Path::new("skala.md"), source);
        let out = run(&nb, &ctx);
        let body = render_body(&nb, &out, RenderOptions::default());
        (out.failed(), body.html.len())
    });
    assert!(!out.0, "the generated notebook runs without errors");
    ms
}

fn main() {
    let mut per_cell = Vec::new();
    for n in [1000, 2000, 4000] {
        let ms = build(&cells(n, 0), 3);
        println!(
            "notebook_scale: {n} cells + {n} inline values: {ms:.1} ms ({:.1} µs per cell)",
            ms * 1000.0 / n as f64
        );
        per_cell.push(ms);
    }
    println!(
        "notebook_scale: 4 000 / 1 000 cells time ratio {:.2} (linear: 4)",
        per_cell[2] / per_cell[0]
    );

    let before = build(&format!("{}{}", cells(200, 0), prose(10_000)), 3);
    let after = build(&format!("{}{}", prose(10_000), cells(200, 0)), 3);
    println!(
        "notebook_scale: 200 cells before 20 000 prose lines {before:.1} ms, after {after:.1} ms (ratio {:.2}, linear: ≈1)",
        after / before
    );

    let ctx = context();
    for n in [500, 1000, 2000] {
        let source = cells(n, 0);
        let nb = notebook::parse(Path::new("skala.md"), &source);
        let held_before = heap_bytes();
        let mut cache = RunCache::default();
        let (out, _) = run_incremental(&nb, &ctx, &mut cache);
        drop(out);
        let held = heap_bytes().saturating_sub(held_before);
        let edited = notebook::parse(Path::new("skala.md"), &cells(n, 7));
        let (ms, stats) = best_of(1, || run_incremental(&edited, &ctx, &mut cache).1);
        println!(
            "notebook_scale: preview of {n} cells holds {:.1} MB; first-cell edit {ms:.1} ms ({} cells run, {} reused)",
            held as f64 / 1e6,
            stats.cells_run,
            stats.cells_reused
        );
    }
}
