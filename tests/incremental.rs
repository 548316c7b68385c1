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
