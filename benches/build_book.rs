//! Benchmark: build a generated book of 50 notebooks × 20 cells (realistic report cells:
//! arithmetic on figures, narrative strings, inline values), and report the time per build;
//! then the same builds with a script engine set up per notebook (as before engines were
//! shared), interleaved with shared-engine builds, and the ratio of the two.

use std::path::Path;
use std::time::Instant;

use rapportbok::book::Book;
use rapportbok::build::build_site;

const NOTEBOOKS: usize = 50;
const CELLS: usize = 20;
const RUNS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    generate(dir.path());
    let book = Book::load(dir.path()).expect("generated book loads");
    let build = || {
        let out = dir.path().join("site");
        let started = Instant::now();
        let report = build_site(&book, &out, &[], &|_, _, _| {}).expect("build");
        let elapsed = started.elapsed();
        assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
        // The notebooks, the front page, the built-in functions' reference page, the search page.
        assert_eq!(report.pages, NOTEBOOKS + 3);
        elapsed.as_secs_f64() * 1000.0
    };
    let mut times = Vec::new();
    for run in 0..RUNS {
        let ms = build();
        eprintln!("run {run}: {ms:.1} ms");
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    let cells = NOTEBOOKS * CELLS;
    println!(
        "build_book: {NOTEBOOKS} notebooks × {CELLS} cells ({cells} cells, {} inline values): median {:.1} ms, min {:.1} ms ({:.1} µs per cell) on {} threads",
        NOTEBOOKS * CELLS,
        times[RUNS / 2],
        times[0],
        times[RUNS / 2] * 1000.0 / cells as f64,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    // Shared engine against one engine per notebook, alternating so that load on the
    // machine falls on both alike.
    let (mut shared, mut own) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        rapportbok::script::share_engines(false);
        own.push(build());
        rapportbok::script::share_engines(true);
        shared.push(build());
    }
    shared.sort_by(f64::total_cmp);
    own.sort_by(f64::total_cmp);
    println!(
        "build_book: one shared script engine median {:.1} ms, an engine per notebook {:.1} ms (shared / per notebook {:.2})",
        shared[RUNS / 2],
        own[RUNS / 2],
        shared[RUNS / 2] / own[RUNS / 2]
    );
}

/// A book whose notebooks look like a monthly report: sections, figures, narrative.
fn generate(root: &Path) {
    std::fs::create_dir_all(root.join("nb")).expect("mkdir");
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Bench\"\nsrc = \"nb\"\n[params]\nperiod = \"2024-02\"\n",
    )
    .expect("write");
    let mut summary = String::from("# Innehåll\n\n");
    for n in 0..NOTEBOOKS {
        summary.push_str(&format!("- [Enhet {n}](enhet{n}.md)\n"));
        let mut nb =
            format!("+++\ntitle = \"Enhet {n}\"\n+++\n\nRapport för {{{{ params.period }}}}.\n\n");
        nb.push_str("```rhai hide\nfn avvikelse(u, b) { u - b }\nfn procent(a, b) { if b == 0 { 0 } else { (a - b) * 100 / b } }\n```\n\n");
        for c in 1..CELLS {
            let utfall = 1000 + n * 37 + c * 11;
            nb.push_str(&format!(
                "## Avsnitt {c}\n\n```rhai\nlet utfall_{c} = {utfall}.5;\nlet budget_{c} = {}.25;\nlet rader = [];\nfor m in 1..=12 {{ rader.push(utfall_{c} * m / 12); }}\nlet summa = 0;\nfor r in rader {{ summa += r; }}\n`Utfallet är **${{fmt(utfall_{c}, 1)}} mkr**, ${{fmt(avvikelse(utfall_{c}, budget_{c}), 1)}} mkr mot budget (summa ${{fmt(summa, 0)}}).`\n```\n\nFörändringen är {{{{ fmt(procent(utfall_{c}, budget_{c}), 1) }}}} %.\n\n",
                utfall - 40
            ));
        }
        std::fs::write(root.join(format!("nb/enhet{n}.md")), nb).expect("write");
    }
    std::fs::write(root.join("nb/SUMMARY.md"), summary).expect("write");
}
