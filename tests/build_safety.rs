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

/// Run the binary in `b` with `RAPPORTBOK_CHROMIUM` set to `chromium`.
#[cfg(unix)]
fn run_with_chromium(b: &TempBook, chromium: &std::path::Path, args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .current_dir(b.path())
        .env(rapportbok::publish::pdf::CHROMIUM_ENV, chromium)
        .output()
        .expect("run rapportbok")
}

#[cfg(unix)]
#[test]
fn pdf_turns_chromiums_sandbox_off_only_as_root_or_when_asked() {
    use std::os::unix::fs::PermissionsExt;
    let b = three();
    // A stand-in browser that writes down how it was started, then fails.
    let fake = b.path().join("falsk-chromium");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/argument.txt\"\nexit 3\n",
    )
    .expect("write");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let args = || std::fs::read_to_string(b.path().join("argument.txt")).unwrap_or_default();

    let out = run_with_chromium(&b, &fake, &["pdf"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(args().contains("--headless"), "{}", args());
    let root = rapportbok::publish::pdf::running_as_root();
    assert_eq!(
        args().contains("--no-sandbox"),
        root,
        "root: {root}; {}",
        args()
    );

    std::fs::remove_file(b.path().join("argument.txt")).expect("remove");
    let out = run_with_chromium(&b, &fake, &["pdf", "--no-sandbox"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(args().contains("--no-sandbox"), "{}", args());
}

#[test]
fn a_notebook_named_like_a_script_link_is_linked_as_a_file() {
    let b = book(
        "# Innehåll\n\n- [Start](a.md)\n- [Ond](javascript:alert(document.domain).md)\n",
        &[
            ("nb/a.md", "# Start\n\nText.\n"),
            (
                "nb/javascript:alert(document.domain).md",
                "# Ond\n\nText.\n",
            ),
        ],
    );
    let out = b.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for page in ["site/index.html", "site/a.html", "site/sok.html"] {
        let html = b.read(page);
        assert!(!html.contains("href=\"javascript:"), "{page}: {html}");
        assert!(
            html.contains("href=\"javascript%3Aalert(document.domain).html\""),
            "{page}: {html}"
        );
    }
    let index = b.read("site/sok-index.js");
    assert!(!index.contains("\"p\":\"javascript:"), "{index}");
    assert!(
        index.contains("\"p\":\"javascript%3Aalert(document.domain).html\""),
        "{index}"
    );
    assert!(
        b.read("site/javascript:alert(document.domain).html")
            .contains(">Ond</h1>"),
        "the page is written under its own name"
    );
}

#[cfg(unix)]
#[test]
fn a_notebook_that_links_out_of_the_book_is_refused() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("hemlig.md"), "# Hemlig\n\nlösenord\n").expect("write");
    let b = book(
        "# Innehåll\n\n- [A](a.md)\n- [Lösen](lank.md)\n",
        &[("nb/a.md", "# A\n")],
    );
    std::os::unix::fs::symlink(
        outside.path().join("hemlig.md"),
        b.path().join("nb/lank.md"),
    )
    .expect("symlink");
    for command in [&["build"][..], &["check"], &["publish", "--to", "webb"]] {
        let out = b.run(command);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {err}");
        assert!(
            err.contains("nb/SUMMARY.md:4: kapitlet `Lösen` pekar på lank.md, som ligger utanför notebookmappen"),
            "{command:?}: {err}"
        );
    }
    assert!(!b.path().join("site").exists());
    assert!(!b.path().join("webb").exists());
}

#[test]
fn a_notebook_named_index_is_a_clear_error_not_a_second_start_page() {
    let b = book(
        "# Innehåll\n\n- [Start](index.md)\n- [A](a.md)\n- [A igen](./a.md)\n",
        &[("nb/index.md", "# Start\n"), ("nb/a.md", "# A\n")],
    );
    let out = b.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "SUMMARY.md:3: kapitlet `Start` blir sidan index.html, som är bokens startsida"
        ),
        "{err}"
    );
    assert!(
        err.contains("byt namn på index.md, till exempel till inledning.md"),
        "{err}"
    );
    assert!(
        err.contains(
            "SUMMARY.md:5: kapitlet `A igen` blir sidan a.html, som kapitlet på rad 4 redan blir"
        ),
        "{err}"
    );
    // A notebook named index.md in a folder of its own is a page like any other.
    let b = book(
        "# Innehåll\n\n- [Del](del/index.md)\n",
        &[("nb/del/index.md", "# Del\n\nText.\n")],
    );
    let out = b.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(b.read("site/del/index.html").contains("Text."));
}

#[cfg(unix)]
#[test]
fn a_plugin_folder_that_links_out_of_its_search_path_is_refused() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(outside.path().join("ond")).expect("mkdir");
    std::fs::write(
        outside.path().join("ond/plugin.toml"),
        "name = \"ond\"\nversion = \"1.0.0\"\ndescription = \"x\"\nowner = \"x\"\n",
    )
    .expect("write");
    std::fs::write(outside.path().join("ond/ond.rhai"), "fn f() { 1 }\n").expect("write");
    let b = TempBook::new(&[
        (
            "book.toml",
            "[book]\ntitle = \"T\"\nsrc = \"nb\"\n[data]\ndir = \"data\"\n[plugins]\npaths = [\"tillagg\"]\nrequire = { ond = \"1\" }\n",
        ),
        ("nb/SUMMARY.md", "# Innehåll\n\n- [A](a.md)\n"),
        ("nb/a.md", "# A\n"),
        ("data/.keep", ""),
        ("tillagg/.keep", ""),
    ]);
    std::os::unix::fs::symlink(outside.path().join("ond"), b.path().join("tillagg/ond"))
        .expect("symlink");
    let out = b.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("tillägget `ond` leder ut ur sökvägen"),
        "{err}"
    );
}

/// Run the binary in `b` with environment variables set.
fn run_env(b: &TempBook, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(binary());
    cmd.args(args).current_dir(b.path());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run rapportbok")
}

/// A book whose page shows the `period` parameter, so each publish can differ.
fn periodic() -> TempBook {
    book(
        "# Innehåll\n\n- [A](a.md)\n",
        &[("nb/a.md", "# Sida A\n\nPeriod {{ params.period }}.\n")],
    )
}

fn publish_period(b: &TempBook, period: &str, extra: &[&str]) -> Output {
    let param = format!("period={period}");
    let mut args = vec!["publish", "--to", "webb", "--param", &param];
    args.extend_from_slice(extra);
    b.run(&args)
}

#[cfg(unix)]
#[test]
fn publish_refuses_a_versions_folder_that_is_a_link_elsewhere() {
    let b = periodic();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(elsewhere.path().join("0001")).expect("mkdir");
    std::fs::write(elsewhere.path().join("0001/deras.txt"), "x").expect("write");
    std::os::unix::fs::symlink(elsewhere.path(), b.path().join("webb.versioner")).expect("link");
    let out = publish_period(&b, "2024-01", &["--keep", "1"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("webb.versioner är en länk, inte en mapp som rapportbok skapat"),
        "{err}"
    );
    assert!(elsewhere.path().join("0001/deras.txt").exists());
    assert!(!b.path().join("webb").exists());
}

#[test]
fn pruning_keeps_a_version_folder_with_a_file_someone_added() {
    let b = periodic();
    for period in ["2024-01", "2024-02"] {
        let out = publish_period(&b, period, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    b.write("webb.versioner/0001/bilaga.docx", "deras");
    let out = publish_period(&b, "2024-03", &["--keep", "1"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("Tog bort gamla versioner: 0002"), "{err}");
    assert!(
        err.contains("varning: tar inte bort en gammal version: ")
            && err.contains(
                "webb.versioner/0001 innehåller filer som rapportbok inte skrivit: bilaga.docx"
            ),
        "{err}"
    );
    assert_eq!(b.read("webb.versioner/0001/bilaga.docx"), "deras");
    assert!(b.read("webb/a.html").contains("Period 2024-03."));
}

#[test]
fn publish_does_not_adopt_a_build_folder_holding_someone_elses_file() {
    let b = periodic();
    let out = b.run(&["build", "--out", "webb", "--param", "period=2024-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    b.write("webb/protokoll.docx", "deras");
    let out = publish_period(&b, "2024-02", &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("webb innehåller filer som rapportbok inte skrivit: protokoll.docx"),
        "{err}"
    );
    assert_eq!(b.read("webb/protokoll.docx"), "deras");
    assert!(b.read("webb/a.html").contains("Period 2024-01."));
}

#[test]
fn already_current_is_decided_under_the_lock() {
    let b = periodic();
    let out = publish_period(&b, "2024-01", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Another publish to the same place is running (process 1 always does): the same
    // files must not be called current while it may be switching the link.
    b.write("webb.versioner/.publicerar", "1");
    let out = publish_period(&b, "2024-01", &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("en annan publicering till samma mapp pågår"),
        "{err}"
    );
    assert!(!err.contains("redan aktuell"), "{err}");
    std::fs::remove_file(b.path().join("webb.versioner/.publicerar")).expect("unlock");
    let out = publish_period(&b, "2024-01", &[]);
    assert!(stderr(&out).contains("redan aktuell"), "{}", stderr(&out));
}

#[test]
fn verify_names_every_file_that_differs_dotfiles_too() {
    let b = periodic();
    b.write("data/t.csv", "Namn;Antal\na;1\n");
    b.write(
        "nb/a.md",
        "# Sida A\n\n```rhai\nread_csv(\"t.csv\").title(\"Antal\")\n```\n",
    );
    let out = publish_period(&b, "2024-01", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    b.write("webb/a_antal.csv", "Namn;Antal\r\na;999\r\n");
    b.write("webb/evil.js", "alert(1)");
    b.write("webb/.htaccess", "Redirect / http://evil.example/");
    let out = b.run(&["verify", "--to", "webb", "--param", "period=2024-01"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("ändrad fil: a_antal.csv"), "{err}");
    assert!(err.contains("borttagen fil: evil.js"), "{err}");
    assert!(err.contains("borttagen fil: .htaccess"), "{err}");
    assert!(!err.contains("andra filer"), "{err}");
}

#[test]
fn a_first_publish_over_a_build_folder_stopped_at_any_step_leaves_a_site() {
    for step in ["version", "bytt"] {
        let b = periodic();
        let out = b.run(&["build", "--out", "webb", "--param", "period=2024-01"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let out = run_env(
            &b,
            &["publish", "--to", "webb", "--param", "period=2024-02"],
            &[(rapportbok::publish::target::STOP_AT_ENV, step)],
        );
        assert_eq!(out.status.code(), Some(3), "{step}: {}", stderr(&out));
        let page = b.read("webb/a.html");
        assert!(
            page.contains("Period 2024-01.") || page.contains("Period 2024-02."),
            "{step}: {page}"
        );
        // The next publish finishes the job, and the built folder is the version before.
        let out = publish_period(&b, "2024-03", &[]);
        assert!(out.status.success(), "{step}: {}", stderr(&out));
        assert!(b.read("webb/a.html").contains("Period 2024-03."));
        let out = b.run(&["publish", "--to", "webb", "--rollback"]);
        assert!(out.status.success(), "{step}: {}", stderr(&out));
        let page = b.read("webb/a.html");
        assert!(
            page.contains("Period 2024-02.") || page.contains("Period 2024-01."),
            "{step}: {page}"
        );
        let left: Vec<String> = std::fs::read_dir(b.path())
            .expect("read")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("rapportbok"))
            .collect();
        assert!(left.is_empty(), "{step}: {left:?}");
    }
}

#[test]
fn render_names_the_downloads_after_the_page_it_writes() {
    let b = periodic();
    b.write("data/t.csv", "Namn;Antal\na;1\n");
    b.write(
        "nb/a.md",
        "# Sida A\n\n```rhai\nread_csv(\"t.csv\").title(\"Antal\")\n```\n",
    );
    std::fs::create_dir_all(b.path().join("ut")).expect("mkdir");
    let out = b.run(&["render", "nb/a.md", "-o", "ut/rapport.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = b.read("ut/rapport.html");
    assert!(page.contains("href=\"rapport_antal.xlsx\""), "{page}");
    assert!(b.path().join("ut/rapport_antal.xlsx").is_file());
    assert!(b.read("ut/rapport_antal.csv").contains("Namn;Antal"));
    assert!(!b.path().join("ut/a_antal.csv").exists());
}
