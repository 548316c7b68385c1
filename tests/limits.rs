//! The sandbox's limits hold for everything a cell can call: sleep, native table operations,
//! memory, deep recursion and plugin import cycles end the cell with a Swedish error.

mod common;

use std::path::Path;

use common::render_with;
use rapportbok::config::Config;
use rapportbok::script::RunOutput;

fn config(limits: &str) -> Config {
    Config::parse(&format!("[limits]\n{limits}\n"), Path::new("book.toml")).expect("book.toml")
}

fn run(source: &str, limits: &str) -> (String, RunOutput) {
    render_with(source, Path::new("."), &config(limits), &[])
}

fn messages(out: &RunOutput) -> Vec<(usize, String)> {
    out.diagnostics
        .iter()
        .map(|d| (d.line, d.message.clone()))
        .collect()
}

#[test]
fn sleep_cannot_outlast_the_time_limit() {
    let (html, out) = run(
        "# S\n\n```rhai\nsleep(1000000000);\n```\n\nEfter: {{ 40 + 2 }}\n",
        "timeout-ms = 200",
    );
    let m = messages(&out);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, 4);
    assert!(m[0].1.contains("längre än 200 ms"), "{m:?}");
    assert!(html.contains("Efter: 42"), "{html}");
}

#[test]
fn a_short_sleep_is_allowed_and_timestamps_measure_it() {
    let (html, out) = run(
        "# S\n\n```rhai\nlet t = timestamp();\nsleep(0.25);\nlet s = t.elapsed;\n```\n\nTog {{ s >= 0.25 && s < 100 }}, {{ type_of(s) }}\n",
        "timeout-ms = 5000",
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert!(html.contains("Tog ja, decimal"), "{html}");
}

/// A cell that builds a table of `n` rows whose key `K` is the same on every row.
fn repeating_key_table(n: usize) -> String {
    format!(
        "let rows = [];\nfor i in 0..{n} {{ rows.push(#{{K: \"a\", Id: i, Belopp: 1}}); }}\nlet t = table(rows);\n"
    )
}

#[test]
fn a_join_on_a_repeating_key_stops_at_the_row_cap() {
    let source = format!(
        "# J\n\n```rhai\n{}```\n\n```rhai\nlet u = t.select([\"K\", \"Id\"]).rename(\"Id\", \"Id2\");\nlet j = t.join(u, \"K\");\nj.len()\n```\n\nEfter: {{{{ t.len() }}}}\n",
        repeating_key_table(2000)
    );
    let (html, out) = run(&source, "max-rows = 100000");
    let m = messages(&out);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, 11, "{m:?}");
    assert!(
        m[0].1.contains("fler än gränsen 100\u{a0}000") && m[0].1.contains("max-rows"),
        "{m:?}"
    );
    assert!(html.contains("Efter: 2\u{a0}000"), "{html}");
}

#[test]
fn a_pivot_across_ids_stops_at_the_cell_cap() {
    let source = format!(
        "# P\n\n```rhai\n{}let p = t.pivot(\"Id\", \"Id\", \"Belopp\");\n```\n",
        repeating_key_table(2000)
    );
    let (_, out) = run(&source, "max-cells = 1000000");
    let m = messages(&out);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, 7, "{m:?}");
    assert!(
        m[0].1.contains("celler") && m[0].1.contains("max-cells"),
        "{m:?}"
    );
}

#[test]
fn native_operations_observe_the_deadline_themselves() {
    // Too few script operations for the engine's own clock check: the sort must look.
    let (_, out) = run(
        "# L\n\n```rhai\nlet t = table([#{Id: 2}, #{Id: 1}]);\nt.sort(\"Id\")\n```\n",
        "timeout-ms = 0",
    );
    let m = messages(&out);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, 5, "{m:?}");
    assert!(m[0].1.contains("längre än 0 ms"), "{m:?}");
}

#[test]
fn a_loop_of_native_operations_stops_at_the_time_limit() {
    let source = format!(
        "# L\n\n```rhai\n{}loop {{ t.sort(\"Id\"); }}\n```\n",
        repeating_key_table(50)
    );
    let (_, out) = run(&source, "timeout-ms = 300");
    let m = messages(&out);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].1.contains("längre än 300 ms"), "{m:?}");
}

#[test]
fn a_cell_that_hoards_memory_is_stopped_with_a_clear_error() {
    // Curried closures escape the string and array size limits: only the memory budget sees them.
    let (html, out) = run(
        "# M\n\n```rhai\nfn f(x, y) { y }\nlet s = \"x\";\nwhile s.len() < 4000000 { s += s; }\nlet a = [];\nlet i = 0;\nloop { a.push(Fn(\"f\").curry(s + i)); i += 1; }\n```\n\nEfter: {{ 40 + 2 }}\n",
        "max-memory-mb = 64",
    );
    let m = messages(&out);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, 9, "{m:?}");
    assert!(
        m[0].1.contains("mer än 64 MB minne") && m[0].1.contains("max-memory-mb"),
        "{m:?}"
    );
    assert!(html.contains("Efter: 42"), "{html}");
}

#[test]
fn recursion_as_deep_as_the_book_allows_fits_the_stack() {
    // The test thread has a small stack: the script runs on one sized for the limits.
    let (html, out) = run(
        "# R\n\n```rhai\nfn r(n) { if n == 0 { 0 } else { ((((1 + r(n - 1))))) } }\nr(990)\n```\n\n```rhai\nfn o(n) { o(n + 1) }\no(0)\n```\n",
        "max-call-levels = 1000\nmax-expr-depth = 1000",
    );
    assert!(html.contains("<p class=\"value\">990</p>"), "{html}");
    let m = messages(&out);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, 10, "{m:?}");
    assert!(m[0].1.contains("mer än 1000 nivåer"), "{m:?}");
}

#[test]
fn a_book_cannot_raise_call_levels_past_the_stack() {
    let err = Config::parse(
        "[limits]\nmax-call-levels = 100000\n",
        Path::new("book.toml"),
    )
    .expect_err("too deep");
    assert!(err.message.contains("högst 1000"), "{}", err.message);
}
