//! Books through the CLI: build, render, check and new; exit codes; book.toml and
//! SUMMARY.md validation; navigation; the sandbox's limits and path confinement.

mod common;

use std::time::{Duration, Instant};

use common::{TempBook, main_of, rapportbok_in, stderr};

const BOOK_TOML: &str = "[book]\ntitle = \"Testbok\"\nsrc = \"nb\"\n\n[data]\ndir = \"data\"\n\n[params]\nperiod = \"2024-02\"\n";

fn book(extra: &[(&str, &str)]) -> TempBook {
    let mut files = vec![
        ("book.toml", BOOK_TOML),
        (
            "nb/SUMMARY.md",
            "# Innehåll\n\n[Inledning](intro.md)\n\n# Ekonomi\n\n- [Resultat](ekonomi/resultat.md)\n  - [Detaljer](ekonomi/detaljer.md)\n- [Utkast]()\n",
        ),
        (
            "nb/intro.md",
            "# Inledning\n\nPeriod {{ params.period }}.\n",
        ),
        (
            "nb/ekonomi/resultat.md",
            "+++\ntitle = \"Resultat\"\n+++\n\n## Utfall\n\n{{ 1 + 1 }}\n\n## Budget\n\nSe [detaljer](detaljer.md).\n",
        ),
        (
            "nb/ekonomi/detaljer.md",
            "# Detaljer\n\n```rhai\nread_text(\"kommentar.txt\")\n```\n",
        ),
        ("data/kommentar.txt", "En kommentar ur data."),
    ];
    files.extend_from_slice(extra);
    TempBook::new(&files)
}

#[test]
fn build_writes_every_page_with_navigation() {
    let b = book(&[]);
    let out = b.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        // 3 notebooks, 1 reference page, the front page and the search page.
        err.contains("[3/3]") && err.contains("Klart: 6 sidor"),
        "progress and time on stderr: {err}"
    );

    let index = b.read("site/index.html");
    assert!(index.contains("<html lang=\"sv\">"), "{index}");
    assert!(
        index.contains("<a href=\"ekonomi/resultat.html\">Resultat</a>"),
        "{index}"
    );
    assert!(
        index.contains("<span class=\"draft\">Utkast (kommer)</span>"),
        "{index}"
    );

    let page = b.read("site/ekonomi/resultat.html");
    // Sidebar links are relative to the page and mark the current one.
    assert!(
        page.contains("<a href=\"../intro.html\">Inledning</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"resultat.html\" aria-current=\"page\">Resultat</a>"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"part-title\">Ekonomi</p>"),
        "{page}"
    );
    // Previous and next follow SUMMARY order.
    assert!(
        page.contains("href=\"../intro.html\" rel=\"prev\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"detaljer.html\" rel=\"next\""),
        "{page}"
    );
    // Table of contents of the page's headings; links to notebooks point at pages.
    assert!(
        page.contains("<a href=\"#utfall\">Utfall</a>")
            && page.contains("<a href=\"#budget\">Budget</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"detaljer.html\">detaljer</a>"),
        "{page}"
    );
    assert!(page.contains("<title>Resultat – Testbok</title>"), "{page}");

    let detaljer = b.read("site/ekonomi/detaljer.html");
    assert!(
        main_of(&detaljer).contains("En kommentar ur data."),
        "{detaljer}"
    );
    assert!(
        detaljer.contains("href=\"../referens/inbyggda.html\" rel=\"next\""),
        "the last chapter leads on to the reference part: {detaljer}"
    );
    assert!(b.read("site/intro.html").contains("Period 2024-02."));
}

#[test]
fn pages_are_self_contained() {
    let b = book(&[]);
    assert!(b.run(&["build"]).status.success());
    let page = b.read("site/ekonomi/resultat.html");
    assert!(
        page.contains("<style>") && page.contains("@media print"),
        "inline CSS with print rules"
    );
    assert!(!page.contains("<script"), "no script in built pages");
    assert!(
        !page.contains("<link rel=\"stylesheet\""),
        "no external stylesheet"
    );
    for external in ["http://", "https://", "src=\"//"] {
        assert!(
            !page.contains(external),
            "no request to another host ({external})"
        );
    }
    assert!(
        page.contains("class=\"skip-link\" href=\"#innehall\""),
        "skip link"
    );
}

#[test]
fn failing_cell_exits_1_but_pages_are_written() {
    let b = book(&[(
        "nb/intro.md",
        "# Inledning\n\n```rhai\nlet x = 1;\nx + saknas\n```\n",
    )]);
    let out = b.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("nb/intro.md:5:5: okänd variabel `saknas`"),
        "{err}"
    );
    assert!(b.read("site/intro.html").contains("class=\"cell-error\""));
    let other = b.read("site/ekonomi/resultat.html");
    assert!(
        main_of(&other).contains("<p>2</p>"),
        "other pages written and computed too: {other}"
    );
}

#[test]
fn check_reports_without_writing() {
    let b = book(&[("nb/intro.md", "Värde {{ 1 / 0 }}\n")]);
    let out = b.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nb/intro.md:1:"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("division med noll"),
        "{}",
        stderr(&out)
    );
    assert!(!b.path().join("site").exists(), "check writes nothing");
    let ok = book(&[]).run(&["check"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
}

#[test]
fn bad_book_toml_names_file_and_line() {
    let b = book(&[(
        "book.toml",
        "[book]\ntitle = \"X\"\nsrc = \"nb\"\n\n[bild]\nbuild-dir = \"ut\"\n",
    )]);
    let out = b.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("book.toml:5:"), "{err}");
    assert!(err.contains("okänd nyckel `bild`"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn missing_chapter_files_are_all_named() {
    let b = book(&[(
        "nb/SUMMARY.md",
        "- [A](finns-inte.md)\n- [B](intro.md)\n- [C](saknas/c.md)\n",
    )]);
    let out = b.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("SUMMARY.md:1: kapitlet `A` pekar på finns-inte.md som inte finns"),
        "{err}"
    );
    assert!(err.contains("SUMMARY.md:3:"), "{err}");
}

#[test]
fn missing_book_toml_is_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = rapportbok_in(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("hittar ingen book.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn command_line_params_win() {
    let b = book(&[]);
    assert!(
        b.run(&["build", "--param", "period=2024-10"])
            .status
            .success()
    );
    assert!(b.read("site/intro.html").contains("Period 2024-10."));
    let bad = b.run(&["build", "--param", "period"]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "clap rejects a malformed --param"
    );
    assert!(stderr(&bad).contains("namn=värde"), "{}", stderr(&bad));
}

#[test]
fn build_replaces_its_own_site_but_not_a_foreign_folder() {
    let b = book(&[]);
    assert!(b.run(&["build"]).status.success());
    b.write("nb/SUMMARY.md", "[Inledning](intro.md)\n");
    assert!(b.run(&["build"]).status.success());
    assert!(
        !b.path().join("site/ekonomi/resultat.html").exists(),
        "stale pages are gone"
    );
    std::fs::create_dir_all(b.path().join("annat")).expect("mkdir");
    b.write("annat/viktig.txt", "behåll");
    let out = b.run(&["build", "--out", "annat"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(b.read("annat/viktig.txt"), "behåll");
}

#[test]
fn infinite_loop_stops_at_the_timeout_and_the_rest_runs() {
    let toml = format!("{BOOK_TOML}\n[limits]\ntimeout-ms = 300\n");
    let b = book(&[
        ("book.toml", toml.as_str()),
        (
            "nb/intro.md",
            "# Loop\n\n```rhai\nlet i = 0;\nloop { i += 1; }\n```\n\nEfter: {{ 40 + 2 }}\n",
        ),
    ]);
    let started = Instant::now();
    let out = b.run(&["build"]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the loop was stopped"
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("nb/intro.md:5:") && err.contains("avbröts"),
        "{err}"
    );
    assert!(b.read("site/intro.html").contains("Efter: 42"));
}

#[test]
fn operation_and_recursion_limits_are_errors() {
    let toml = format!("{BOOK_TOML}\n[limits]\nmax-operations = 1000\nmax-call-levels = 10\n");
    let b = book(&[
        ("book.toml", toml.as_str()),
        (
            "nb/intro.md",
            "```rhai\nlet s = 0;\nfor i in 0..100000 { s += i; }\n```\n\n```rhai\nfn djup(n) { djup(n + 1) }\ndjup(0)\n```\n\n```rhai\nlet t = \"x\";\n```\n",
        ),
    ]);
    let out = b.run(&["check"]);
    let err = stderr(&out);
    assert!(err.contains("fler än 1\u{a0}000 operationer"), "{err}");
    assert!(err.contains("för djupa funktionsanrop"), "{err}");
    assert!(err.contains("2 fel"), "the third cell is fine: {err}");
}

#[test]
fn scripts_cannot_read_outside_the_data_folder() {
    let b = book(&[
        ("hemlig.txt", "hemligt"),
        (
            "nb/intro.md",
            "```rhai\nread_text(\"../hemlig.txt\")\n```\n\n```rhai\nread_text(\"/etc/passwd\")\n```\n\n```rhai\nread_text(\"saknas.csv\")\n```\n\n```rhai\neval(\"1\")\n```\n",
        ),
    ]);
    let out = b.run(&["check"]);
    let err = stderr(&out);
    assert!(err.contains("går uppåt med `..`"), "{err}");
    assert!(err.contains("är absolut"), "{err}");
    assert!(
        err.contains("filen `saknas.csv` finns inte i datamappen"),
        "{err}"
    );
    assert!(err.contains("eval"), "{err}");
    assert!(!err.contains("hemligt"));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_data_folder_are_refused() {
    let b = book(&[
        ("hemlig.txt", "hemligt"),
        ("nb/intro.md", "```rhai\nread_text(\"lank.txt\")\n```\n"),
    ]);
    std::os::unix::fs::symlink(b.path().join("hemlig.txt"), b.path().join("data/lank.txt"))
        .expect("symlink");
    let out = b.run(&["check"]);
    assert!(
        stderr(&out).contains("leder ut ur datamappen"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn render_one_notebook_uses_the_nearest_book() {
    let b = book(&[]);
    let out = b.run(&["render", "nb/ekonomi/detaljer.md", "-o", "detaljer.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = b.read("detaljer.html");
    assert!(
        page.contains("En kommentar ur data."),
        "data folder from book.toml"
    );
    assert!(
        !page.contains("class=\"sidebar\""),
        "a single page has no sidebar"
    );

    let lone = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        lone.path().join("not.md"),
        "```rhai\nread_text(\"bredvid.txt\")\n```\n",
    )
    .expect("write");
    std::fs::write(lone.path().join("bredvid.txt"), "Bredvid notebooken.").expect("write");
    let out = rapportbok_in(lone.path(), &["render", "not.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(lone.path().join("not.html")).expect("written beside");
    assert!(
        page.contains("Bredvid notebooken."),
        "without a book, the notebook's folder is the data folder"
    );
}

#[test]
fn new_book_builds_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = rapportbok_in(dir.path(), &["new", "minbok"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = rapportbok_in(dir.path(), &["build", "--book", "minbok"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page =
        std::fs::read_to_string(dir.path().join("minbok/site/manadsrapport.html")).expect("page");
    assert!(page.contains("−165,6 mkr"), "the example computes");
    let again = rapportbok_in(dir.path(), &["new", "minbok"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "new refuses a folder with files"
    );
}

#[test]
fn help_is_plain_swedish() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = rapportbok_in(dir.path(), &["build", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Bygg hela boken"), "{text}");
    assert!(text.contains("--param <NAMN=VÄRDE>"), "{text}");
}

#[cfg(unix)]
#[test]
fn unreadable_notebook_is_reported_and_the_rest_builds() {
    let b = book(&[]);
    // Not UTF-8: cannot be read as text (works even when running as root).
    std::fs::write(b.path().join("nb/intro.md"), [0xff, 0xfe, 0x00, 0x80]).expect("write");
    let out = b.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nb/intro.md: kunde inte läsa notebooken"),
        "{}",
        stderr(&out)
    );
    assert!(
        b.read("site/intro.html")
            .contains("kunde inte läsa notebooken")
    );
    assert!(b.read("site/ekonomi/resultat.html").contains("Resultat"));
}

#[test]
fn table_of_contents_follows_the_notebooks_own_title() {
    let b = book(&[(
        "nb/intro.md",
        "# Egen titel\n\nIngress.\n\n## Ett\n\n## Två\n",
    )]);
    assert!(b.run(&["build"]).status.success());
    let page = b.read("site/intro.html");
    let h1 = page.find("<h1 id=\"egen-titel\">").expect("own h1");
    let toc = page.find("<nav class=\"toc\"").expect("toc");
    assert!(h1 < toc, "the TOC comes after the title");
    assert_eq!(page.matches("<h1").count(), 1, "no second title");
}
