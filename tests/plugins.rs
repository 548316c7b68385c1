//! Plugins: resolution over search paths, versions and the lock, import in cells, errors,
//! sandbox confinement, reference pages and plugin tests.

mod common;

use std::path::{Path, PathBuf};

use rapportbok::book::Book;
use rapportbok::build::render_book;
use rapportbok::plugins::{self, LOCK_FILE, LockMode};
use rapportbok::render::RenderOptions;

use common::TempBook;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plugins")
}

/// A book in a temporary folder with the given `[plugins]` section and one notebook.
fn book(plugins_toml: &str, notebook: &str) -> TempBook {
    let book_toml = format!("[book]\ntitle = \"T\"\n[data]\ndir = \"data\"\n{plugins_toml}");
    let book = TempBook::new(&[
        ("book.toml", &book_toml),
        (
            "notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Kapitel](kapitel.md)\n",
        ),
        ("notebooks/kapitel.md", notebook),
    ]);
    std::fs::create_dir_all(book.path().join("data")).expect("mkdir");
    book
}

fn search(paths: &[&str]) -> String {
    let list: Vec<String> = paths
        .iter()
        .map(|p| format!("\"{}\"", fixtures().join(p).display()))
        .collect();
    format!("[plugins]\npaths = [{}]\n", list.join(", "))
}

fn load_err(root: &Path) -> String {
    Book::load(root).expect_err("must fail").to_string()
}

/// Run the book's one notebook; the page HTML and every diagnostic as text.
fn run(root: &Path) -> (String, Vec<String>) {
    let book = Book::load(root).unwrap_or_else(|e| panic!("book loads: {e}"));
    let rendered = render_book(&book, &[], RenderOptions::default(), &|_, _, _| {});
    let r = &rendered[0];
    (
        r.body.html.clone(),
        r.diagnostics.iter().map(|d| d.to_string()).collect(),
    )
}

#[test]
fn highest_matching_version_over_several_search_paths() {
    let dir = book(
        &format!(
            "{}require = {{ beta = \"0.3\", alfa = \"^1.0\" }}\n",
            search(&["sok1", "sok2"])
        ),
        "```rhai\nimport \"alfa\" as a;\nimport \"beta\" as b;\na::version() + \" \" + b::fyrdubbel(5)\n```\n",
    );
    let (html, diags) = run(dir.path());
    assert!(diags.is_empty(), "{diags:?}");
    // alfa 1.1.0 from sok2 beats 1.0.0 from sok1; 2.0.0 does not meet ^1.0.
    assert!(html.contains("1.1.0 20"), "{html}");
    let lock = std::fs::read_to_string(dir.path().join(LOCK_FILE)).expect("lock written");
    assert!(
        lock.contains("name = \"alfa\"\nversion = \"1.1.0\"\nhash = \"sha256:"),
        "{lock}"
    );
    assert!(
        lock.contains("name = \"beta\"\nversion = \"0.3.0\""),
        "{lock}"
    );
}

#[test]
fn requirement_picks_an_exact_version_and_subfile_import() {
    let dir = book(
        &format!(
            "{}require = {{ alfa = \"=1.0.0\" }}\n",
            search(&["sok2", "sok1"])
        ),
        "```rhai\nimport \"alfa\" as a;\na::version()\n```\n",
    );
    let (html, diags) = run(dir.path());
    assert!(diags.is_empty(), "{diags:?}");
    assert!(html.contains("1.0.0"), "{html}");

    let dir = book(
        &format!("{}require = {{ alfa = \"1.1\" }}\n", search(&["sok2"])),
        "```rhai\nimport \"alfa/extra/hjalp\" as h;\nh::hjalp()\n```\n",
    );
    let (html, diags) = run(dir.path());
    assert!(diags.is_empty(), "{diags:?}");
    assert!(html.contains("hjälp"), "{html}");
}

#[test]
fn the_lock_keeps_a_version_until_update() {
    let dir = book(
        &format!("{}require = {{ alfa = \"^1.0\" }}\n", search(&["sok1"])),
        "```rhai\nimport \"alfa\" as a;\na::version()\n```\n",
    );
    let (html, _) = run(dir.path());
    assert!(html.contains("1.0.0"), "{html}");
    // A newer 1.x appears in a search path: the locked 1.0.0 stays.
    std::fs::write(
        dir.path().join("book.toml"),
        format!(
            "[data]\ndir = \"data\"\n{}require = {{ alfa = \"^1.0\" }}\n",
            search(&["sok1", "sok2"])
        ),
    )
    .expect("write");
    let (html, diags) = run(dir.path());
    assert!(diags.is_empty(), "{diags:?}");
    assert!(html.contains("1.0.0") && !html.contains("1.1.0"), "{html}");
    // Until someone updates on purpose.
    let book = Book::load(dir.path()).expect("loads");
    let updated =
        plugins::load_for_book(dir.path(), &book.config, LockMode::Update).expect("update");
    assert_eq!(
        updated
            .get("alfa")
            .expect("alfa")
            .manifest
            .version
            .to_string(),
        "1.1.0"
    );
    let (html, _) = run(dir.path());
    assert!(html.contains("1.1.0"), "{html}");
}

#[test]
fn missing_plugin_names_it_and_the_book_toml_line() {
    let dir = book(
        &format!("{}require = {{ gamma = \"1\" }}\n", search(&["sok1"])),
        "x\n",
    );
    let err = load_err(dir.path());
    assert!(err.contains("book.toml:7"), "{err}");
    assert!(err.contains("tillägget `gamma` (^1) finns inte"), "{err}");
}

#[test]
fn version_conflict_names_both_requirements() {
    let dir = book(
        &format!(
            "{}require = {{ alfa = \"^1.0\", kraver-alfa-2 = \"1\" }}\n",
            search(&["sok1", "sok2"])
        ),
        "x\n",
    );
    let err = load_err(dir.path());
    assert!(
        err.contains("versionskonflikt för tillägget `alfa`"),
        "{err}"
    );
    assert!(err.contains("book.toml kräver ^1.0"), "{err}");
    assert!(err.contains("kraver-alfa-2 1.0.0 kräver ^2.0"), "{err}");
    assert!(err.contains("1.0.0, 1.1.0, 2.0.0"), "{err}");
    assert!(err.contains("kraver-alfa-2/plugin.toml:6"), "{err}");
}

#[test]
fn dependency_cycle_is_an_error() {
    let dir = book(
        &format!("{}require = {{ cykel-a = \"1\" }}\n", search(&["sok2"])),
        "x\n",
    );
    let err = load_err(dir.path());
    assert!(
        err.contains("beroendecykel mellan tillägg: cykel-a → cykel-b → cykel-a"),
        "{err}"
    );
    assert!(err.contains("cykel-b/plugin.toml:6"), "{err}");
}

#[test]
fn syntax_error_names_plugin_file_and_line() {
    let dir = book(
        &format!("{}require = {{ trasig = \"1\" }}\n", search(&["sok2"])),
        "x\n",
    );
    let err = load_err(dir.path());
    assert!(err.contains("trasig/fel.rhai:4:"), "{err}");
    assert!(err.contains("syntaxfel i tillägget `trasig`"), "{err}");
}

#[test]
fn changed_plugin_no_longer_matches_the_lock() {
    let plugins_dir = tempfile::tempdir().expect("tempdir");
    let alfa = plugins_dir.path().join("alfa");
    std::fs::create_dir_all(&alfa).expect("mkdir");
    for f in ["plugin.toml", "alfa.rhai"] {
        std::fs::copy(fixtures().join("sok1/alfa").join(f), alfa.join(f)).expect("copy");
    }
    let dir = book(
        &format!(
            "[plugins]\npaths = [\"{}\"]\nrequire = {{ alfa = \"1\" }}\n",
            plugins_dir.path().display()
        ),
        "```rhai\nimport \"alfa\" as a;\na::dubbel(2)\n```\n",
    );
    let (html, diags) = run(dir.path());
    assert!(
        diags.is_empty() && html.contains("<p class=\"value\">4</p>"),
        "{diags:?} {html}"
    );
    std::fs::write(
        alfa.join("alfa.rhai"),
        "fn dubbel(x) { x * 3 }\nfn version() { \"1.0.0\" }\n",
    )
    .expect("edit");
    let err = load_err(dir.path());
    assert!(err.contains("rapportbok.lock:"), "{err}");
    assert!(err.contains("tillägget `alfa` 1.0.0"), "{err}");
    assert!(err.contains("har ändrats sedan det låstes"), "{err}");
    assert!(err.contains("rapportbok plugins update"), "{err}");
}

#[test]
fn plugins_are_confined_to_the_sandbox() {
    let dir = book(
        &format!(
            "{}require = {{ smiter = \"1\", alfa = \"1\" }}\n",
            search(&["sok2"])
        ),
        concat!(
            "```rhai\nimport \"smiter\" as s;\ns::tillaten()\n```\n\n",
            "```rhai\nimport \"smiter\" as s;\ns::hemlighet()\n```\n\n",
            "```rhai\nimport \"../sok1/alfa/alfa\" as x;\n```\n\n",
            "```rhai\nimport \"alfa/../../sok1/alfa/alfa\" as x;\n```\n\n",
            "```rhai\nimport \"/etc/passwd\" as x;\n```\n\n",
            "```rhai\nimport \"cykel-a\" as x;\n```\n",
        ),
    );
    std::fs::write(dir.path().join("data/tillaten.txt"), "från datamappen").expect("write");
    std::fs::write(dir.path().join("hemlig.txt"), "HEMLIGT").expect("write");
    let (html, diags) = run(dir.path());
    assert!(html.contains("från datamappen"), "{html}");
    assert!(!html.contains("HEMLIGT"), "{html}");
    assert_eq!(diags.len(), 5, "{diags:?}");
    assert!(diags[0].contains("går uppåt med `..`"), "{}", diags[0]);
    assert!(
        diags[1].contains("tillägget `..` finns inte bland bokens tillägg"),
        "{}",
        diags[1]
    );
    assert!(
        diags[2].contains("filen `../../sok1/alfa/alfa` finns inte i tillägget `alfa`"),
        "{}",
        diags[2]
    );
    assert!(diags[3].contains("tillägget `` finns inte"), "{}", diags[3]);
    assert!(
        diags[4].contains("tillägget `cykel-a` finns inte bland bokens tillägg"),
        "{}",
        diags[4]
    );
}

#[test]
fn a_book_without_plugins_cannot_import() {
    let dir = book("", "```rhai\nimport \"alfa\" as a;\n```\n");
    let (_, diags) = run(dir.path());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].contains("kapitel.md:2:8: modulen `alfa` finns inte"),
        "{diags:?}"
    );
    assert!(!dir.path().join(LOCK_FILE).exists());
}

#[test]
fn reference_pages_show_doc_comments_and_built_ins() {
    let dir = book(
        &format!("{}require = {{ beta = \"0.3\" }}\n", search(&["sok1"])),
        "x\n",
    );
    let book = Book::load(dir.path()).expect("loads");
    let pages = plugins::doc::reference_pages(&book.plugins);
    let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["inbyggda", "alfa", "beta"]);
    let alfa = &pages[1].markdown;
    assert!(
        alfa.contains("# alfa\n\nTesttillägg, version 1.0."),
        "{alfa}"
    );
    assert!(alfa.contains("- Ägare: Testförvaltningen"), "{alfa}");
    assert!(
        alfa.contains("### dubbel(x)\n\nDubblar ett tal.\n\n`dubbel(21)` ger 42."),
        "{alfa}"
    );
    assert!(
        pages[2].markdown.contains("- Bygger på: alfa ^1.0"),
        "{}",
        pages[2].markdown
    );
    let builtins = &pages[0].markdown;
    assert!(builtins.contains("## fmt"), "{builtins}");
    assert!(
        builtins.contains("`fmt(decimaltal, heltal) → text`"),
        "{builtins}"
    );
    assert!(builtins.contains("## assert_eq"), "{builtins}");
    assert!(
        builtins.contains("Stoppar cellen om `faktiskt` inte är lika med `väntat`"),
        "{builtins}"
    );

    // The built book has them under "Referens".
    let out = dir.path().join("site");
    rapportbok::build::build_site(&book, &out, &[], &|_, _, _| {}).expect("builds");
    let page = std::fs::read_to_string(out.join("referens/alfa.html")).expect("page");
    assert!(page.contains("Dubblar ett tal."), "{page}");
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(
        index.contains("<p class=\"part-title\">Referens</p>"),
        "{index}"
    );
    assert!(index.contains("href=\"referens/inbyggda.html\""), "{index}");
}

fn rapportbok(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(common::binary())
        .args(args)
        .arg("--book")
        .arg(dir)
        .output()
        .expect("runs")
}

#[test]
fn plugins_test_fails_on_a_failing_plugin_test() {
    let dir = book(
        &format!("{}require = {{}}\n", search(&["sok1", "sok2"])),
        "x\n",
    );
    let out = rapportbok(&["plugins", "test", "testfel"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("FEL  testfel 1.0.0: tests/summa.md"), "{err}");
    assert!(err.contains("summa.md:5:"), "{err}");
    assert!(err.contains("väntade 4 (i64), fick 5 (i64)"), "{err}");

    let out = rapportbok(&["plugins", "test", "beta"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("ok   beta 0.3.0: tests/grund.md"), "{err}");
}

#[test]
fn a_new_plugin_passes_its_own_test_and_can_be_listed() {
    let dir = book("[plugins]\npaths = [\"tillagg\"]\n", "x\n");
    std::fs::create_dir_all(dir.path().join("tillagg")).expect("mkdir");
    let out = rapportbok(&["plugins", "new", "min-plugin"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dir.path()
            .join("tillagg/min-plugin/tests/andel.md")
            .is_file()
    );
    let out = rapportbok(&["plugins", "test", "min-plugin"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("ok   min-plugin 0.1.0: tests/andel.md"),
        "{err}"
    );

    std::fs::write(
        dir.path().join("book.toml"),
        "[data]\ndir = \"data\"\n[plugins]\npaths = [\"tillagg\"]\nrequire = { min-plugin = \"0.1\" }\n",
    )
    .expect("write");
    let out = rapportbok(&["plugins", "list"], dir.path());
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.starts_with("min-plugin\t0.1.0\tAnge förvaltningen"),
        "{list}"
    );
    assert!(dir.path().join(LOCK_FILE).is_file());
}

#[test]
fn an_import_is_visible_in_later_cells_and_inline() {
    let dir = book(
        &format!("{}require = {{ alfa = \"1\" }}\n", search(&["sok1"])),
        "```rhai\nimport \"alfa\" as a;\n```\n\nVärdet är {{ a::dubbel(21) }}.\n\n```rhai\na::dubbel(5)\n```\n",
    );
    let (html, diags) = run(dir.path());
    assert!(diags.is_empty(), "{diags:?}");
    assert!(html.contains("Värdet är 42."), "{html}");
    assert!(html.contains(">10<"), "{html}");
}

#[test]
fn a_plugin_that_imports_itself_is_an_error_not_a_stack_overflow() {
    let plugins_dir = tempfile::tempdir().expect("tempdir");
    let ond = plugins_dir.path().join("ond");
    std::fs::create_dir_all(&ond).expect("mkdir");
    std::fs::write(
        ond.join("plugin.toml"),
        "name = \"ond\"\nversion = \"1.0.0\"\ndescription = \"Importerar sig själv.\"\nowner = \"Test\"\nrapportbok = \">=0.1\"\n",
    )
    .expect("write");
    std::fs::write(
        ond.join("ond.rhai"),
        "import \"ond\" as me;\nfn x() { 1 }\n",
    )
    .expect("write");
    let dir = book(
        &format!(
            "[plugins]\npaths = [\"{}\"]\nrequire = {{ ond = \"1\" }}\n",
            plugins_dir.path().display()
        ),
        "# K\n\n```rhai\nimport \"ond\" as o;\no::x()\n```\n\nEfter: {{ 40 + 2 }}\n",
    );
    let (html, diags) = run(dir.path());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].contains("kapitel.md:4:") && diags[0].contains("importerar sig självt"),
        "{diags:?}"
    );
    assert!(diags[0].contains("ond → ond"), "{diags:?}");
    assert!(html.contains("Efter: 42"), "{html}");
}
