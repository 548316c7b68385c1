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
    let (out, stats) = run_incremental(&nb, &context(&book, &nb), &mut cache, 0);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(stats.cells_run, 2);

    let nb = notebook::parse(Path::new("a.md"), &edited);
    let (out, stats) = run_incremental(&nb, &context(&book, &nb), &mut cache, 0);
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
    run_incremental(&nb, &context(&book, &nb), &mut cache, 0);
    let edited = source.replace("# A\n", "# A\n\nNy inledning.\n");
    let nb = notebook::parse(Path::new("a.md"), &edited);
    let (out, stats) = run_incremental(&nb, &context(&book, &nb), &mut cache, 0);
    assert_eq!(stats.cells_run, 0);
    assert_eq!(stats.cells_reused, 1);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.items[1].value.clone().expect("value").as_int(), Ok(6));
}
