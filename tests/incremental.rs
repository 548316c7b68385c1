//! Incremental runs as the preview uses them: reuse above an edit, and what must survive
//! reuse (functions, imported plugins).

mod common;

use std::path::Path;

use common::TempBook;
use rapportbok::book::{Book, merge_params};
use rapportbok::notebook;
use rapportbok::script::{RunCache, RunContext, run_incremental};

fn book_with_plugin() -> TempBook {
    let plugins = Path::new(env!("CARGO_MANIFEST_DIR")).join("plugins");
    let toml = format!(
        "[book]\ntitle = \"T\"\nsrc = \"nb\"\n\n[plugins]\npaths = [{:?}]\nrequire = {{ \"vardgaranti-text\" = \"1.0\" }}\n",
        plugins.display().to_string()
    );
    TempBook::new(&[
        ("book.toml", &toml),
        ("nb/SUMMARY.md", "- [A](a.md)\n"),
        ("nb/a.md", "x\n"),
    ])
}

fn context(book: &Book, nb: &notebook::Notebook) -> RunContext {
    RunContext {
        data_dir: book.data_dir.clone(),
        params: merge_params([&book.config.params, &nb.front.params], &[]),
        limits: book.config.limits.clone(),
        plugins: book.plugins.clone(),
        data_cache: Default::default(),
        sources: Default::default(),
    }
}

#[test]
fn an_import_above_an_edit_survives_reuse() {
    let temp = book_with_plugin();
    let book = Book::load(temp.path()).expect("book with plugin loads");
    let first = "```rhai\nimport \"vardgaranti-text\" as vg;\nfn dubbel(x) { x * 2 }\n```\n\n```rhai\nvg::forandring(59.6, 53.9)\n```\n";
    let edited = first.replace("53.9", "50.0");

    let mut cache = RunCache::default();
    let nb = notebook::parse(Path::new("a.md"), first);
    let (out, stats) = run_incremental(&nb, &context(&book, &nb), &mut cache);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(stats.cells_run, 2);

    let nb = notebook::parse(Path::new("a.md"), &edited);
    let (out, stats) = run_incremental(&nb, &context(&book, &nb), &mut cache);
    assert!(
        out.diagnostics.is_empty(),
        "the import from the reused cell is still there: {:?}",
        out.diagnostics
    );
    assert_eq!((stats.cells_run, stats.cells_reused), (1, 1));
    let value = out.items[1]
        .value
        .clone()
        .expect("value")
        .into_string()
        .expect("string");
    assert_eq!(value, "+9,6 procentenheter");
}

#[test]
fn a_prose_edit_reuses_every_cell_and_keeps_functions() {
    let temp = book_with_plugin();
    let book = Book::load(temp.path()).expect("book loads");
    let source = "# A\n\n```rhai\nfn tre() { 3 }\nlet a = tre();\n```\n\nVärde {{ a + tre() }}.\n";
    let mut cache = RunCache::default();
    let nb = notebook::parse(Path::new("a.md"), source);
    run_incremental(&nb, &context(&book, &nb), &mut cache);
    let edited = source.replace("# A\n", "# A\n\nNy inledning.\n");
    let nb = notebook::parse(Path::new("a.md"), &edited);
    let (out, stats) = run_incremental(&nb, &context(&book, &nb), &mut cache);
    assert_eq!(stats.cells_run, 0);
    assert_eq!(stats.cells_reused, 1);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.items[1].value.clone().expect("value").as_int(), Ok(6));
}

#[test]
fn parsed_data_is_kept_between_runs_until_the_file_changes() {
    use std::sync::Arc;
    use std::time::{Duration, SystemTime};

    use rapportbok::script::{DataCache, run};

    let temp = TempBook::new(&[("utfall.csv", "Konto;Utfall\nA;10\nB;20\n")]);
    let file = temp.path().join("utfall.csv");
    let stamp = SystemTime::now() - Duration::from_secs(60);
    let set_stamp = |t: SystemTime| {
        std::fs::File::options()
            .write(true)
            .open(&file)
            .expect("open")
            .set_modified(t)
            .expect("mtime")
    };
    set_stamp(stamp);

    let cache = Arc::new(DataCache::default());
    let nb = notebook::parse(
        Path::new("a.md"),
        "```rhai\nread_csv(\"utfall.csv\").sum(\"Utfall\")\n```\n",
    );
    let ctx = RunContext {
        data_dir: temp.path().to_path_buf(),
        params: Default::default(),
        limits: Default::default(),
        plugins: Default::default(),
        data_cache: Arc::clone(&cache),
        sources: Default::default(),
    };
    let sum = |ctx: &RunContext| {
        run(&nb, ctx).items[0]
            .value
            .clone()
            .expect("value")
            .to_string()
    };
    assert_eq!(sum(&ctx), "30");

    // Same size and modification time: the parsed table from the first run is used.
    std::fs::write(&file, "Konto;Utfall\nA;11\nB;21\n").expect("write");
    set_stamp(stamp);
    assert_eq!(sum(&ctx), "30", "served from the cache, not parsed again");

    // A real change (new modification time) is read again.
    set_stamp(stamp + Duration::from_secs(5));
    assert_eq!(sum(&ctx), "32");
}

#[test]
fn a_changed_plugin_reruns_the_cells_after_it() {
    let temp = TempBook::new(&[
        (
            "book.toml",
            "[book]\ntitle = \"T\"\nsrc = \"nb\"\n\n[plugins]\npaths = [\"tillagg\"]\nrequire = { enkel = \"1.0\" }\n",
        ),
        ("nb/SUMMARY.md", "- [A](a.md)\n"),
        ("nb/a.md", "x\n"),
        (
            "tillagg/enkel/plugin.toml",
            "name = \"enkel\"\nversion = \"1.0.0\"\ndescription = \"Test.\"\nowner = \"Test\"\n",
        ),
        ("tillagg/enkel/enkel.rhai", "fn varde() { 1 }\n"),
    ]);
    let source =
        "```rhai\nlet a = 40;\n```\n\n```rhai\nimport \"enkel\" as e;\na + e::varde()\n```\n";
    let nb = notebook::parse(Path::new("a.md"), source);
    let mut cache = RunCache::default();

    let book = Book::load(temp.path()).expect("book loads");
    let (out, _) = run_incremental(&nb, &context(&book, &nb), &mut cache);
    assert_eq!(out.items[1].value.clone().expect("value").as_int(), Ok(41));

    // The plugin changes and is locked anew (what `rapportbok plugins update` does).
    temp.write("tillagg/enkel/enkel.rhai", "fn varde() { 2 }\n");
    std::fs::remove_file(temp.path().join("rapportbok.lock")).expect("lock was written");
    let book = Book::load(temp.path()).expect("book loads again");
    let (out, stats) = run_incremental(&nb, &context(&book, &nb), &mut cache);
    assert_eq!(
        stats.cells_run, 2,
        "the plugin's hash is part of every cell's key"
    );
    assert_eq!(out.items[1].value.clone().expect("value").as_int(), Ok(42));
}

#[test]
fn an_edit_below_sees_variables_set_above_by_assignment_and_methods() {
    let temp = book_with_plugin();
    let book = Book::load(temp.path()).expect("book loads");
    let first = "```rhai\nlet a = 1;\nlet lista = [1];\nlet a = 10;\n```\n\n```rhai\na = a + 1;\nlista.push(2);\nconst K = 5;\n```\n\n```rhai\n[a, lista.len(), K, 0]\n```\n";
    let edited = first.replace(", 0]", ", 1]");
    let mut cache = RunCache::default();
    let nb = notebook::parse(Path::new("a.md"), first);
    let (out, _) = run_incremental(&nb, &context(&book, &nb), &mut cache);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let nb = notebook::parse(Path::new("a.md"), &edited);
    let (out, stats) = run_incremental(&nb, &context(&book, &nb), &mut cache);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!((stats.cells_run, stats.cells_reused), (1, 2));
    let value = out.items[2].value.clone().expect("value");
    assert_eq!(value.to_string(), "[11, 2, 5, 1]");
}

/// Run `versions` in turn through one cache, and check that each gives the page a cold run
/// gives (every item's value, error and printed lines as rendered, and the diagnostics).
/// Returns the (run, reused) cell counts of each incremental run.
fn same_as_cold(versions: &[String]) -> Vec<(usize, usize)> {
    let temp = book_with_plugin();
    let book = Book::load(temp.path()).expect("book loads");
    let options = rapportbok::render::RenderOptions {
        allow_html: false,
        preview: true,
    };
    let mut cache = RunCache::default();
    let mut counts = Vec::new();
    for (i, text) in versions.iter().enumerate() {
        let nb = notebook::parse(Path::new("a.md"), text);
        let ctx = context(&book, &nb);
        let (kept, stats) = run_incremental(&nb, &ctx, &mut cache);
        let cold = rapportbok::script::run(&nb, &ctx);
        let kept_page = rapportbok::render::render_body(&nb, &kept, options).html;
        let cold_page = rapportbok::render::render_body(&nb, &cold, options).html;
        assert_eq!(kept_page, cold_page, "version {i}:\n{text}");
        assert_eq!(
            format!("{:?}", kept.diagnostics),
            format!("{:?}", cold.diagnostics),
            "version {i}:\n{text}"
        );
        counts.push((stats.cells_run, stats.cells_reused));
    }
    counts
}

fn cells(cells: &[&str]) -> String {
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| format!("## Avsnitt {i}\n\n```rhai\n{c}\n```\n\nVärdet {{{{ v{i} }}}}.\n\n"))
        .collect()
}

#[test]
fn only_the_cells_that_depend_on_an_edit_run_again_and_the_page_is_a_cold_runs() {
    let base = [
        "let a = 1; let b = 2; let v0 = a + b; v0",
        "let v1 = b * 10; v1",
        "fn dubbel(x) { x * 2 }\nlet v2 = dubbel(a); v2",
        "let lista = [a]; let v3 = lista.len(); v3",
        "lista.push(v1); let v4 = lista; v4",
        "let v5 = `${v3} ${v4}`; print(v5); v5",
    ];
    let with = |i: usize, code: &str| {
        let mut c = base.to_vec();
        c[i] = code;
        cells(&c)
    };
    let mut inserted = base.to_vec();
    inserted.insert(2, "let b = 100; let v6 = b; v6");
    let mut removed = base.to_vec();
    removed.remove(3);
    let versions = vec![
        cells(&base),
        // The first cell: `a` changes; the cell that names only `b` keeps its result.
        with(0, "let a = 5; let b = 2; let v0 = a + b; v0"),
        // Back, and then `b`: the cells naming `b` or `v1` run.
        cells(&base),
        with(0, "let a = 1; let b = 3; let v0 = a + b; v0"),
        // A cell inserted that sets `b` again, then removed.
        cells(&inserted),
        cells(&base),
        // A function's definition changes: everything below runs.
        with(2, "fn dubbel(x) { x * 3 }\nlet v2 = dubbel(a); v2"),
        // A method that changes its receiver, edited.
        with(4, "lista.push(v1 + 1); let v4 = lista; v4"),
        // A cell removed: what it set is gone below (an error now), and back.
        cells(&removed),
        cells(&base),
        // An error in the first cell, then fixed.
        with(0, "let a = 1; let b = 2; let v0 = a + b + saknas; v0"),
        cells(&base),
        // Prose only.
        cells(&base).replace("## Avsnitt 3", "Ny text.\n\n## Avsnitt 3"),
    ];
    let counts = same_as_cold(&versions);
    assert_eq!(counts[0], (6, 0));
    // `a` is named by cells 0, 2, 3 and (through `v3`) 5; `lista` by 3 and 4.
    assert_eq!(counts[1], (5, 1), "cell 1 names only `b`: {counts:?}");
    // `b` changes `v1`, which cell 4 pushes onto `lista`, which cell 5 shows; cells 2
    // and 3 name neither.
    assert_eq!(counts[3], (4, 2), "{counts:?}");
    assert_eq!(
        counts[6].1, 2,
        "cells 0 and 1 stay above a new function: {counts:?}"
    );
    assert_eq!(counts[12], (0, 6), "prose: {counts:?}");
}

#[test]
fn closures_make_everything_below_them_run_again_and_the_page_is_a_cold_runs() {
    let base = [
        "let x = 1; let v0 = x; v0",
        "let inc = || { x += 1; x }; let v1 = 0; v1",
        "let v2 = inc.call(); v2",
        "let v3 = x * 10; v3",
        "let v4 = inc.call() + 0; v4",
    ];
    let with = |i: usize, code: &str| {
        let mut c = base.to_vec();
        c[i] = code;
        cells(&c)
    };
    let versions = vec![
        cells(&base),
        // A call of the closure, edited: the captured `x` must be as a cold run has it.
        with(2, "let v2 = inc.call() + 100; v2"),
        with(4, "let v4 = inc.call() + 1000; v4"),
        // The variable the closure captured, set above it.
        with(0, "let x = 10; let v0 = x; v0"),
        // A closure defined through a function's result, kept in a map.
        cells(&[
            "fn teller() { let n = 0; || { n += 1; n } }\nlet m = #{ f: teller() }; let v0 = 0; v0",
            "let v1 = m.f.call(); v1",
            "let v2 = m.f.call(); v2",
        ]),
        cells(&[
            "fn teller() { let n = 0; || { n += 1; n } }\nlet m = #{ f: teller() }; let v0 = 0; v0",
            "let v1 = m.f.call(); v1",
            "let v2 = m.f.call() + 10; v2",
        ]),
    ];
    let counts = same_as_cold(&versions);
    assert_eq!(counts[1], (4, 1), "from the closure's cell on: {counts:?}");
}

#[test]
fn a_table_read_again_from_the_data_cache_leaves_the_cells_that_use_it_alone() {
    let temp = TempBook::new(&[
        (
            "book.toml",
            "[book]\ntitle = \"T\"\nsrc = \"nb\"\n[data]\ndir = \"data\"\n",
        ),
        ("nb/SUMMARY.md", "- [A](a.md)\n"),
        ("nb/a.md", "x\n"),
        ("data/t.csv", "enhet;utfall\nÖst;1,50\nVäst;2\n"),
    ]);
    let book = Book::load(temp.path()).expect("book loads");
    let text = |n: usize| {
        format!(
            "```rhai\nlet t = read_csv(\"t.csv\");\nlet p = period(\"2024-10\");\nprint(\"utkast {n}\");\n```\n\n\
             ```rhai\nt.sum(\"utfall\")\n```\n\n```rhai\np.month_name()\n```\n"
        )
    };
    let mut cache = RunCache::default();
    let data_cache = std::sync::Arc::new(rapportbok::script::DataCache::default());
    let mut counts = Vec::new();
    for n in 0..2 {
        let nb = notebook::parse(Path::new("a.md"), &text(n));
        let ctx = RunContext {
            data_cache: data_cache.clone(),
            ..context(&book, &nb)
        };
        let (out, stats) = run_incremental(&nb, &ctx, &mut cache);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        assert_eq!(out.items[1].value.clone().expect("sum").to_string(), "3.50");
        counts.push((stats.cells_run, stats.cells_reused));
    }
    assert_eq!(counts, [(3, 0), (1, 2)]);
}

#[test]
fn an_edited_import_runs_everything_below_and_the_page_is_a_cold_runs() {
    let base = [
        "import \"vardgaranti-text\" as vg;\nlet v0 = 1; v0",
        "let v1 = vg::forandring(59.6, 53.9); v1",
        "let v2 = 3; v2",
    ];
    let with = |i: usize, code: &str| {
        let mut c = base.to_vec();
        c[i] = code;
        cells(&c)
    };
    let versions = vec![
        cells(&base),
        with(2, "let v2 = 4; v2"),
        with(0, "import \"vardgaranti-text\" as vg;\nlet v0 = 2; v0"),
        with(0, "let v0 = 2; v0"),
        cells(&base),
    ];
    let counts = same_as_cold(&versions);
    assert_eq!(counts[1], (1, 2), "{counts:?}");
    assert_eq!(counts[2], (3, 0), "below an edited import: {counts:?}");
}
