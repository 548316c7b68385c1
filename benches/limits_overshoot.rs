//! How far past the time limit a stopped cell runs: a bare loop, a loop of sorts and of
//! groupings over a 300 000-row table, and a string that grows by copying. Each case is a
//! notebook of a set-up cell and the looping cell; the overshoot is the run's time minus the
//! set-up's time minus the limit. Run with `cargo bench --bench limits_overshoot`.

mod common;

use std::path::Path;
use std::time::Instant;

use rapportbok::config::Limits;
use rapportbok::notebook;
use rapportbok::script::{RunContext, run};

const ROWS: usize = 300_000;
const TIMEOUT_MS: u64 = 1000;

fn ledger(path: &Path) {
    let mut text = String::with_capacity(ROWS * 30);
    text.push_str("enhet;konto;belopp\n");
    for i in 0..ROWS {
        text.push_str(&format!(
            "E{};{};{},{:02}\n",
            (i * 7919) % 997,
            4000 + (i * 31) % 900,
            (i * 13) % 100_000,
            i % 100
        ));
    }
    std::fs::write(path, text).expect("ledger");
}

/// Run `source`; the wall time in ms and the diagnostics' messages.
fn timed(ctx: &RunContext, source: &str) -> (f64, Vec<String>) {
    let nb = notebook::parse(Path::new("gräns.md"), source);
    let started = Instant::now();
    let out = run(&nb, ctx);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    (
        ms,
        out.diagnostics.iter().map(|d| d.message.clone()).collect(),
    )
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    ledger(&dir.path().join("huvudbok.csv"));
    let ctx = RunContext {
        data_dir: dir.path().to_path_buf(),
        params: rhai::Map::new(),
        limits: Limits {
            timeout_ms: TIMEOUT_MS,
            max_operations: u64::MAX,
            ..Limits::default()
        },
        plugins: Default::default(),
        data_cache: Default::default(),
        sources: Default::default(),
    };
    let setup = "```rhai\nlet t = read_csv(\"huvudbok.csv\");\nlet s = \"\";\n```\n\n";
    // The file is parsed once and cached: warm the cache, then time the set-up alone.
    timed(&ctx, setup);
    let (setup_ms, errors) = timed(&ctx, setup);
    assert!(errors.is_empty(), "{errors:?}");
    let cases = [
        ("tom loop", "loop { }"),
        ("sortering", "loop { t.sort(\"belopp\"); }"),
        ("gruppering", "loop { t.group_by(\"enhet\", \"belopp\"); }"),
        ("växande text", "loop { s = s + \"0123456789\"; }"),
    ];
    let mut worst = 0.0f64;
    for (name, code) in cases {
        let source = format!("{setup}```rhai\n{code}\n```\n");
        let mut overshoot = Vec::new();
        for _ in 0..3 {
            let (ms, errors) = timed(&ctx, &source);
            assert_eq!(errors.len(), 1, "{name}: {errors:?}");
            assert!(
                errors[0].contains("längre än") || errors[0].contains("för stor"),
                "{name}: {errors:?}"
            );
            overshoot.push(ms - setup_ms - TIMEOUT_MS as f64);
        }
        overshoot.sort_by(f64::total_cmp);
        let max = overshoot[2];
        worst = worst.max(max);
        println!(
            "limits_overshoot: {name}: stopped {max:.1} ms past the {TIMEOUT_MS} ms limit (median {:.1} ms of 3)",
            overshoot[1]
        );
    }
    println!(
        "limits_overshoot: slowest stopped cell ran {worst:.1} ms past the limit ({:.1} % of it), {ROWS} rows",
        worst / TIMEOUT_MS as f64 * 100.0
    );
}
