//! `rapportbok new DIR --mall …`: every template builds without errors and shows at least
//! one table and one chart; `plugins new` works at once; messages go to stdout; page titles
//! do not repeat the book's title.

mod common;

use common::{rapportbok_in, stderr};

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn every_template_builds_with_a_table_and_a_chart() {
    for (template, page) in [
        ("manadsrapport", "ekonomi.html"),
        ("delarsrapport", "ekonomi.html"),
        ("tom", "rapport.html"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = rapportbok_in(dir.path(), &["new", "bok", "--mall", template]);
        assert!(out.status.success(), "{template}: {}", stderr(&out));
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            said.starts_with("Skapade en ny bok i bok."),
            "{template}: {said}"
        );
        assert!(out.stderr.is_empty(), "{template}: {}", stderr(&out));
        let book = dir.path().join("bok");
        let out = rapportbok_in(&book, &["build"]);
        assert!(out.status.success(), "{template}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("inga fel"),
            "{template}: {}",
            stderr(&out)
        );
        let html = std::fs::read_to_string(book.join("site").join(page)).expect("page");
        common::assert_no_errors(&html, template);
        assert!(
            count(&html, "<table class=\"data-table\"") >= 1,
            "{template}: no table"
        );
        assert!(
            count(&html, "<figure class=\"chart") >= 1,
            "{template}: no chart"
        );
        // A plugin can be created at once: book.toml has [plugins] paths.
        let out = rapportbok_in(&book, &["plugins", "new", "egna-regler"]);
        assert!(out.status.success(), "{template}: {}", stderr(&out));
        assert!(book.join("plugins/egna-regler").is_dir(), "{template}");
    }
}

#[test]
fn the_report_templates_compute_from_their_ledger() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = rapportbok_in(dir.path(), &["new", "bok"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let book = dir.path().join("bok");
    assert!(rapportbok_in(&book, &["build"]).status.success());
    let html = std::fs::read_to_string(book.join("site/ekonomi.html")).expect("page");
    let rr = common::table(&html, "Resultaträkning ack feb 2024 (mkr)");
    assert_eq!(rr.last().expect("result row")[0], "Resultat");
    let per_enhet = common::table(&html, "Utfall och budget per enhet, ack feb 2024 (mkr)");
    assert_eq!(per_enhet.len(), 4, "{per_enhet:?}");
    assert_eq!(per_enhet[1][0], "Vårdcentral Norr");
    assert_eq!(per_enhet[3][0], "Summa");
    // The page title names the page and the book once each.
    assert!(
        html.contains("<title>Ekonomi – Månadsrapport</title>"),
        "title"
    );
    let start = std::fs::read_to_string(book.join("site/manadsrapport.html")).expect("page");
    assert!(start.contains("<title>Månadsrapport</title>"), "title");
}

#[test]
fn an_unknown_template_is_refused_with_the_choices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = rapportbok_in(dir.path(), &["new", "bok", "--mall", "kvartal"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("manadsrapport") && err.contains("delarsrapport") && err.contains("tom"),
        "{err}"
    );
}
