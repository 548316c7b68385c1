//! Errors that teach: a `fn` that reads a cell variable, wrong argument counts and types in
//! writers' words with the nearest function, Swedish names, consequential errors
//! ("följdfel") reported once with their root, and warnings for `print` output on pages.

mod common;

use common::{TempBook, render, stderr};
use rapportbok::diag::Diagnostic;

/// The notebook's diagnostics as `line:col: message` (and the hint on the next line).
fn diagnostics(source: &str) -> (String, Vec<Diagnostic>) {
    let (html, run) = render(source);
    (html, run.diagnostics)
}

fn only(source: &str) -> Diagnostic {
    let (_, d) = diagnostics(source);
    assert_eq!(d.len(), 1, "{d:#?}");
    d.into_iter().next().expect("one")
}

#[test]
fn a_fn_reading_a_cell_variable_says_why_and_shows_both_fixes() {
    let d = only("```rhai\nlet omr = 5;\nfn omr_varde(x) {\n    x * omr\n}\nomr_varde(2)\n```\n");
    assert_eq!((d.line, d.col), (4, 9));
    assert_eq!(
        d.message,
        "funktionen `omr_varde` kan inte se variabeln `omr`: en `fn` ser inte variablerna i \
         cellerna, bara sina argument"
    );
    let hint = d.hint.expect("hint");
    assert!(hint.contains("`fn omr_varde(…, omr) { … }`"), "{hint}");
    assert!(
        hint.contains("closure, `let omr_varde = |x| … omr …;`"),
        "{hint}"
    );
    // The closure fix works: it sees the variable.
    let (html, d) = diagnostics(
        "```rhai\nlet omr = 5;\nlet omr_varde = |x| x * omr;\n```\n\n{{ omr_varde.call(2) }}\n",
    );
    assert!(d.is_empty(), "{d:#?}");
    assert!(html.contains("10"), "{html}");
}

#[test]
fn a_wrong_argument_count_says_how_many_the_function_takes() {
    let d = only("```rhai\nokning_minskning(5)\n```\n");
    assert_eq!(
        d.message,
        "`okning_minskning` tar 2 eller 3 argument, men fick 1"
    );
    let hint = d.hint.expect("hint");
    assert!(
        hint.starts_with("så här anropas den: `okning_minskning("),
        "{hint}"
    );
    // The notebook's own functions too.
    let d = only("```rhai\nfn andel(a, b) { a / b }\nandel(1)\n```\n");
    assert_eq!(d.message, "`andel` tar 2 argument, men fick 1");
    assert_eq!(d.hint.as_deref(), Some("så här anropas den: `andel(a, b)`"));
}

#[test]
fn no_rust_type_names_and_the_nearest_function_is_suggested() {
    let d = only("```rhai\nfn omr_varde(x, y) { x * y }\nomr_vard(\"a\", 1.5)\n```\n");
    assert_eq!(
        d.message,
        "okänd funktion `omr_vard` för argument av typ (text, decimaltal)"
    );
    assert_eq!(d.hint.as_deref(), Some("menade du `omr_varde(x, y)`?"));
    let d = only("```rhai\nlet t = table([#{A: \"x\", V: 1}]);\nt.summ(\"V\")\n```\n");
    assert_eq!(
        d.message,
        "okänd funktion `summ` för argument av typ (tabell, text)"
    );
    assert!(d.hint.expect("hint").starts_with("menade du `sum("));
    let d = only("```rhai\nfmt(1.5, \"x\")\n```\n");
    assert_eq!(
        d.message,
        "`fmt` kan inte ta argument av typ (decimaltal, text)"
    );
    for text in [&d.message, d.hint.as_deref().unwrap_or_default()] {
        for rust in ["ImmutableString", "&str", "i64", "Decimal", "rapportbok::"] {
            assert!(!text.contains(rust), "{text}");
        }
    }
    // A typo of a variable.
    let d = only("```rhai\nlet utfall = 5;\n```\n\n{{ utfal }}\n");
    assert_eq!(d.message, "okänd variabel `utfal`");
    assert_eq!(d.hint.as_deref(), Some("menade du `utfall`?"));
}

#[test]
fn swedish_names_work_and_are_quoted_whole() {
    let (html, d) = diagnostics(
        "```rhai\nlet årsbudget = 5;\nfn ökning(x) { x + 1 }\n```\n\nBudget {{ ökning(årsbudget) }}.\n",
    );
    assert!(d.is_empty(), "{d:#?}");
    assert!(html.contains("Budget 6."), "{html}");
    let d = only("{{ okänd_variabel }}\n");
    assert_eq!(d.message, "okänd variabel `okänd_variabel`");
}

/// One wrong line in a set-up cell: every cell and inline value below that uses what it
/// defines is a consequence, reported once with its root.
const CASCADE: &str = "```rhai\nlet p = period(\"2024-02\");\nlet t = table([#{A: \"x\", V: 1}]) +;\nfn dubbla(x) { x * 2 }\n```\n\nSumma {{ t.sum(\"V\") }} och {{ dubbla(2) }}.\n\n```rhai\nlet s = t.sum(\"V\");\ns\n```\n\n```rhai\ns + 1\n```\n\n```rhai\nokand + 1\n```\n";

#[test]
fn consequences_point_to_their_root_and_are_counted_once() {
    let (html, run) = render(CASCADE);
    // Two roots: the syntax error and the unrelated unknown variable.
    let d = &run.diagnostics;
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!((d[0].line, d[0].col), (3, 35));
    assert_eq!(
        d[0].hint.as_deref(),
        Some(
            "4 följdfel längre ned (raderna 7, 10, 15) beror på detta fel och försvinner när det är rättat"
        )
    );
    assert_eq!(d[1].message, "okänd variabel `okand`");
    // As data on the errors, for the editor.
    let roots: Vec<Option<(usize, String)>> = run
        .items
        .iter()
        .filter_map(|r| r.value.as_ref().err())
        .map(|e| e.root.as_ref().map(|r| (r.line, r.name.clone())))
        .collect();
    assert_eq!(
        roots,
        vec![
            None,
            Some((3, "t".to_string())),
            Some((3, "dubbla".to_string())),
            Some((3, "t".to_string())),
            Some((3, "s".to_string())),
            None,
        ]
    );
    // In the page: quieter boxes that point to the root.
    assert_eq!(
        html.matches("<div class=\"cell-error\"").count(),
        2,
        "{html}"
    );
    assert_eq!(
        html.matches("<div class=\"cell-error consequence\"")
            .count(),
        2,
        "{html}"
    );
    assert!(html.contains("<strong>Följdfel:</strong> `s` saknas eftersom en cell ovanför stoppades av felet på rad 3:"), "{html}");
    assert!(html.contains("<span class=\"inline-error consequence\" data-line=\"7\"><strong>Följdfel:</strong> `dubbla` saknas"), "{html}");
}

#[test]
fn a_name_defined_again_after_the_failure_is_not_a_consequence() {
    let (_, d) = diagnostics(
        "```rhai\nlet t = 1 +;\n```\n\n```rhai\nlet t = 2;\n```\n\n```rhai\nt + okand\n```\n",
    );
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[1].message, "okänd variabel `okand`");
    assert_eq!(d[0].hint, None);
}

#[test]
fn the_cli_counts_one_root_error_and_warns_about_print() {
    let book = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Testbok\"\nsrc = \"nb\"\n"),
        (
            "nb/SUMMARY.md",
            "# Innehåll\n\n- [Fel](fel.md)\n- [Utskrift](utskrift.md)\n",
        ),
        ("nb/fel.md", CASCADE),
        (
            "nb/utskrift.md",
            "# Utskrift\n\n```rhai\nprint(\"kontroll\");\n1\n```\n\n```rhai hide\nprint(\"dold\");\n```\n",
        ),
    ]);
    let out = book.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(": 2 fel") || err.contains("2 fel"), "{err}");
    assert!(!err.contains("4 fel") && !err.contains("6 fel"), "{err}");
    assert!(
        err.contains("varning: utskrift.md: sidan visar utskrift från print() (cellen på rad 3)"),
        "{err}"
    );
}

#[test]
fn check_counts_a_value_the_page_would_not_show() {
    let book = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Testbok\"\nsrc = \"nb\"\n"),
        ("nb/SUMMARY.md", "# Innehåll\n\n- [Bild](bild.md)\n"),
        (
            "nb/bild.md",
            "# Bild\n\nText.\n\n![[karta]({{ 40 + 2 }}) över länet](karta.png)\n",
        ),
    ]);
    let out = book.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("bild.md:5:")
            && err.contains("värdet `{{ 40 + 2 }}` visas inte på sidan")
            && err.contains("flytta det till löptexten"),
        "{err}"
    );
}
