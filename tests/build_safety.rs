//! Build and publish hardening (issue 12): a failure while building one notebook is that
//! notebook's error and nothing else is lost; what is read from the book stays inside it;
//! page paths are always relative links; downloads cannot run formulas; publish and build
//! keep what they did not write.

mod common;

use std::process::{Command, Output};

use common::{TempBook, binary, stderr};

const BOOK_TOML: &str = "[book]\ntitle = \"Testbok\"\nsrc = \"nb\"\n\n[data]\ndir = \"data\"\n";

fn book(summary: &str, extra: &[(&str, &str)]) -> TempBook {
    let mut files = vec![
        ("book.toml", BOOK_TOML),
        ("nb/SUMMARY.md", summary),
        ("data/.keep", ""),
    ];
    files.extend_from_slice(extra);
    TempBook::new(&files)
}

/// A book of three chapters.
fn three() -> TempBook {
    book(
        "# Innehåll\n\n- [A](a.md)\n- [B](b.md)\n- [C](c.md)\n",
        &[
            ("nb/a.md", "# Sida A\n\nText {{ 1 + 1 }}.\n"),
            ("nb/b.md", "# Sida B\n\nText.\n"),
            ("nb/c.md", "# Sida C\n\nText {{ 2 + 2 }}.\n"),
        ],
    )
}

/// Run the binary in `b` with the test hook that makes notebook `panic_in` panic.
fn run_panicking(b: &TempBook, panic_in: &str, args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .current_dir(b.path())
        .env(rapportbok::build::PANIC_ENV, panic_in)
        .output()
        .expect("run rapportbok")
}

#[test]
fn a_panic_in_one_notebook_is_its_error_and_the_other_pages_are_written() {
    let b = three();
    let out = run_panicking(&b, "b.md", &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("nb/b.md: internt fel i rapportbok när notebooken byggdes"),
        "{err}"
    );
    assert!(err.contains("1 fel"), "{err}");
    assert!(b.read("site/a.html").contains("Text 2."));
    assert!(b.read("site/c.html").contains("Text 4."));
    let broken = b.read("site/b.html");
    assert!(
        broken.contains("<strong>Sidan kunde inte byggas:</strong> internt fel i rapportbok"),
        "{broken}"
    );
    // The navigation still links every page.
    let index = b.read("site/index.html");
    for page in ["a.html", "b.html", "c.html"] {
        assert!(index.contains(&format!("href=\"{page}\"")), "{index}");
    }
}

#[test]
fn check_and_publish_fail_on_a_panicking_notebook() {
    let b = three();
    let out = run_panicking(&b, "c.md", &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nb/c.md: internt fel"),
        "{}",
        stderr(&out)
    );

    let out = run_panicking(&b, "a.md", &["publish", "--to", "webb"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("Publicerar inte"), "{err}");
    assert!(!b.path().join("webb").exists(), "nothing published");
}

#[test]
fn build_keeps_a_file_the_user_added_to_the_site_and_says_so() {
    let b = three();
    let out = b.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::create_dir_all(b.path().join("site/bilagor")).expect("mkdir");
    b.write("site/bilagor/protokoll.docx", "protokollet");
    let out = b.run(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(
            "varning: bilagor/protokoll.docx i ./site är inte skriven av rapportbok och behålls"
        ),
        "{err}"
    );
    assert_eq!(b.read("site/bilagor/protokoll.docx"), "protokollet");
    assert!(b.read("site/a.html").contains("Text 2."));
}

#[test]
fn build_and_publish_count_pages_the_same_way() {
    // A table gives two download files beside its page; they are not pages.
    let b = three();
    b.write("data/t.csv", "Namn;Antal\na;1\nb;2\n");
    b.write(
        "nb/b.md",
        "# Sida B\n\n```rhai\nread_csv(\"t.csv\").title(\"Antal\")\n```\n",
    );
    let built = b.run(&["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    // Three chapters, one reference page, the front page and the search page.
    assert!(
        stderr(&built).contains("Klart: 6 sidor"),
        "{}",
        stderr(&built)
    );
    let published = b.run(&["publish", "--to", "webb"]);
    assert!(published.status.success(), "{}", stderr(&published));
    assert!(
        stderr(&published).contains("(6 sidor) till webb"),
        "{}",
        stderr(&published)
    );
}
