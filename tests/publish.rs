//! Publishing through the binary: atomic versions behind a link (also when killed mid-way),
//! rollback, refusal of failing or inaccessible books, the change summary, verify, provenance
//! on the page, and PDFs through headless Chromium.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::{TempBook, binary, stderr};
use rapportbok::publish::pdf;
use sha2::{Digest, Sha256};

const BOOK_TOML: &str = "[book]\ntitle = \"Månadsrapport\"\nsrc = \"nb\"\n\n[data]\ndir = \"data\"\n\n[params]\nperiod = \"2024-02\"\n";
const SUMMARY: &str = "# Innehåll\n\n- [Inledning](intro.md)\n- [Ekonomi](ekonomi.md)\n";
const EKONOMI: &str = "# Ekonomi\n\n```rhai\nread_csv(\"utfall.csv\").title(\"Utfall per konto\")\n```\n\nSe [inledningen](intro.md).\n";
const UTFALL: &str = "Konto;Utfall\nPersonal;120\nLäkemedel;30\n";

fn book() -> TempBook {
    TempBook::new(&[
        ("book.toml", BOOK_TOML),
        ("nb/SUMMARY.md", SUMMARY),
        ("nb/intro.md", "# Inledning\n\nVersion ett.\n"),
        ("nb/ekonomi.md", EKONOMI),
        ("data/utfall.csv", UTFALL),
    ])
}

/// Run the binary in the book's folder with extra environment.
fn run_env(b: &TempBook, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(binary());
    cmd.args(args).current_dir(b.path());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run rapportbok")
}

fn publish(b: &TempBook, extra: &[&str]) -> Output {
    let mut args = vec!["publish", "--to", "www"];
    args.extend_from_slice(extra);
    b.run(&args)
}

/// Every file below `dir` (following links), dotfiles left out.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .to_string();
            if name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .expect("inside")
                    .to_string_lossy()
                    .to_string();
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn link_target(b: &TempBook) -> PathBuf {
    std::fs::read_link(b.path().join("www")).expect("www is a link")
}

fn versions(b: &TempBook) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(b.path().join("www.versioner"))
        .expect("versions folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.'))
        .collect();
    v.sort();
    v
}

#[test]
fn publish_puts_a_version_behind_a_link_and_rollback_returns_to_the_previous_one() {
    let b = book();
    let out = publish(&b, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("ny:      intro.html"), "{err}");
    assert!(err.contains("Publicerade version 0001"), "{err}");
    assert_eq!(link_target(&b), Path::new("www.versioner/0001"));
    assert!(b.read("www/intro.html").contains("Version ett."));

    // Nothing changed: no new version.
    let out = publish(&b, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Inga ändringar"), "{}", stderr(&out));
    assert_eq!(versions(&b), vec!["0001"]);

    b.write("nb/intro.md", "# Inledning\n\nVersion två.\n");
    let out = publish(&b, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(link_target(&b), Path::new("www.versioner/0002"));
    assert!(b.read("www/intro.html").contains("Version två."));

    let out = publish(&b, &["--rollback"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("Gick tillbaka till version 0001 (var 0002)"),
        "{err}"
    );
    assert!(err.contains("ändrad:  intro.html"), "{err}");
    assert_eq!(link_target(&b), Path::new("www.versioner/0001"));
    assert!(b.read("www/intro.html").contains("Version ett."));

    let out = publish(&b, &["--rollback"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("version 0001 är den äldsta"),
        "{}",
        stderr(&out)
    );
    assert_eq!(link_target(&b), Path::new("www.versioner/0001"));
}

#[test]
fn the_change_summary_names_added_changed_and_removed_pages() {
    let b = book();
    assert!(publish(&b, &[]).status.success());
    b.write(
        "nb/SUMMARY.md",
        "# Innehåll\n\n- [Inledning](intro.md)\n- [Personal](personal.md)\n",
    );
    b.write("nb/personal.md", "# Personal\n\nSjukfrånvaron minskar.\n");
    b.write("nb/intro.md", "# Inledning\n\nNy text.\n");
    let out = publish(&b, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("ny:      personal.html"), "{err}");
    assert!(err.contains("ändrad:  intro.html"), "{err}");
    assert!(err.contains("notebooken intro.md har ändrats"), "{err}");
    assert!(err.contains("borttagen: ekonomi.html"), "{err}");
    assert!(
        err.contains("ändrad:  index.html"),
        "its contents changed: {err}"
    );
    assert!(
        err.contains("ändrad:  sok.html"),
        "the search page's navigation changed: {err}"
    );
    assert!(
        err.contains("1 nya, 4 ändrade, 1 borttagna sidor."),
        "{err}"
    );
    assert!(!b.path().join("www/ekonomi.html").exists());
}

#[test]
fn an_interrupted_publish_leaves_the_published_site_intact() {
    let b = book();
    assert!(publish(&b, &[]).status.success());
    let before = read_tree(&b.path().join("www"));
    assert!(before.len() >= 4, "{:?}", before.keys());

    b.write("nb/intro.md", "# Inledning\n\nHalvskriven.\n");
    let out = run_env(
        &b,
        &["publish", "--to", "www"],
        &[("RAPPORTBOK_PUBLISH_STOP_AFTER", "2")],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // The site still serves the old version, every file as it was.
    assert_eq!(link_target(&b), Path::new("www.versioner/0001"));
    assert_eq!(read_tree(&b.path().join("www")), before);
    assert_eq!(versions(&b), vec!["0001"]);

    // The next publish clears what the interrupted one left and goes through.
    let out = publish(&b, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(link_target(&b), Path::new("www.versioner/0002"));
    assert!(b.read("www/intro.html").contains("Halvskriven."));
    let leftovers: Vec<_> = std::fs::read_dir(b.path().join("www.versioner"))
        .expect("versions")
        .filter_map(|e| {
            let n = e.ok()?.file_name().to_string_lossy().to_string();
            n.starts_with(".ny-").then_some(n)
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_publish_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let b = book();
    assert!(publish(&b, &[]).status.success());
    let old = read_tree(&b.path().join("www"));
    b.write("nb/intro.md", "# Inledning\n\nNy version.\n");
    // The complete new site, published elsewhere from the same files.
    assert!(b.run(&["publish", "--to", "facit"]).status.success());
    let new = read_tree(&b.path().join("facit"));
    assert_ne!(old, new);

    for delay_ms in (0..60).step_by(4) {
        let mut child = Command::new(binary())
            .args(["publish", "--to", "www"])
            .current_dir(b.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start publish");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = read_tree(&b.path().join("www"));
        assert!(
            now == old || now == new,
            "killed after {delay_ms} ms: the site is neither the old nor the new one"
        );
        if now == new {
            assert!(publish(&b, &["--rollback"]).status.success());
            assert_eq!(read_tree(&b.path().join("www")), old);
        }
    }
}

#[test]
fn publish_refuses_a_book_with_a_failing_cell_and_leaves_the_target_untouched() {
    let b = book();
    // Nothing published yet: the target is not created.
    b.write("nb/intro.md", "# Inledning\n\n```rhai\nlet x = 1 +;\n```\n");
    let out = publish(&b, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("nb/intro.md:4:"), "{err}");
    assert!(err.contains("Publicerar inte: 1 fel i notebooks"), "{err}");
    assert!(!b.path().join("www").exists());
    assert!(!b.path().join("www.versioner").exists());

    b.write("nb/intro.md", "# Inledning\n\nVersion ett.\n");
    assert!(publish(&b, &[]).status.success());
    let before = read_tree(&b.path().join("www"));
    b.write("data/utfall.csv", "Konto;Utfall\nPersonal;inte ett tal\"\n");
    b.write(
        "nb/ekonomi.md",
        "# Ekonomi\n\n```rhai\nread_csv(\"saknas.csv\")\n```\n",
    );
    let out = publish(&b, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("saknas.csv"), "{}", stderr(&out));
    assert_eq!(read_tree(&b.path().join("www")), before);
    assert_eq!(versions(&b), vec!["0001"]);
}

#[test]
fn publish_refuses_inaccessible_pages_and_names_them() {
    let b = book();
    b.write(
        "nb/intro.md",
        "# Inledning\n\n### Hoppar över en nivå\n\n| Konto | Utfall |\n|---|---|\n| A | 1 |\n\n[Klicka här](ekonomi.md)\n",
    );
    let out = publish(&b, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("intro.html:") && err.contains("rubriknivån hoppar från <h1> till <h3>"),
        "{err}"
    );
    assert!(err.contains("tabellen saknar rubrik (<caption>)"), "{err}");
    assert!(err.contains("länktexten ”Klicka här” säger inte"), "{err}");
    assert!(
        err.contains("Publicerar inte: 3 tillgänglighetsfel"),
        "{err}"
    );
    assert!(!b.path().join("www").exists());

    // Fixed as the messages say, it publishes.
    b.write(
        "nb/intro.md",
        "# Inledning\n\n## En nivå ner\n\nTabell: Utfall per konto\n\n| Konto | Utfall |\n|---|---|\n| A | 1 |\n\n[Ekonomin i februari](ekonomi.md)\n",
    );
    let out = publish(&b, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        b.read("www/intro.html")
            .contains("<caption>Utfall per konto</caption>")
    );
}

#[test]
fn publish_refuses_a_folder_it_did_not_create_but_takes_over_a_built_one() {
    let b = book();
    std::fs::create_dir_all(b.path().join("www")).expect("mkdir");
    b.write("www/index.html", "<p>Någon annans sida</p>");
    let out = publish(&b, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("www finns redan och är en mapp som rapportbok inte skapat"),
        "{err}"
    );
    assert_eq!(b.read("www/index.html"), "<p>Någon annans sida</p>");

    // A site from `build --out` becomes the version before the first publish.
    let b = book();
    assert!(b.run(&["build", "--out", "www"]).status.success());
    let built = read_tree(&b.path().join("www"));
    b.write("nb/intro.md", "# Inledning\n\nPublicerad.\n");
    let out = publish(&b, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ändrad:  intro.html"),
        "{}",
        stderr(&out)
    );
    assert_eq!(versions(&b), vec!["0001", "0002"]);
    assert_eq!(link_target(&b), Path::new("www.versioner/0002"));
    assert!(publish(&b, &["--rollback"]).status.success());
    assert_eq!(read_tree(&b.path().join("www")), built);
}

#[test]
fn keep_removes_the_oldest_versions() {
    let b = book();
    for i in 0..4 {
        b.write("nb/intro.md", &format!("# Inledning\n\nVersion {i}.\n"));
        let out = publish(&b, &["--keep", "2"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(versions(&b), vec!["0003", "0004"]);
    assert!(b.read("www/intro.html").contains("Version 3."));
}

#[test]
fn verify_reports_a_changed_data_file() {
    let b = book();
    assert!(publish(&b, &[]).status.success());
    let out = b.run(&["verify", "--to", "www"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Samma: alla"), "{}", stderr(&out));

    b.write(
        "data/utfall.csv",
        "Konto;Utfall\nPersonal;125\nLäkemedel;30\n",
    );
    let out = b.run(&["verify", "--to", "www"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("ändrad:  ekonomi.html"), "{err}");
    assert!(
        err.contains("datafilen utfall.csv har ändrats (SHA-256 "),
        "{err}"
    );
    assert!(
        !err.contains("intro.html"),
        "only the page that read it: {err}"
    );
    assert!(err.contains("Skiljer sig"), "{err}");
}

#[test]
fn the_site_carries_every_pages_provenance_in_its_manifest() {
    let b = book();
    let out = b.run(&["build", "--out", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest: serde_json::Value =
        serde_json::from_str(&b.read("site/rapportbok-underlag.json")).expect("JSON");
    let ekonomi = &manifest["pages"]["ekonomi.html"];
    let hash: String = Sha256::digest(UTFALL.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(ekonomi["notebook"]["name"], "ekonomi.md");
    assert_eq!(ekonomi["data"][0]["name"], "utfall.csv");
    assert_eq!(ekonomi["data"][0]["sha256"], hash.as_str());
    assert_eq!(
        ekonomi["params"][0],
        serde_json::json!(["period", "2024-02"])
    );
    assert_eq!(ekonomi["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        manifest["pages"]["intro.html"]["data"],
        serde_json::json!([])
    );
    assert!(
        manifest["pages"].get("index.html").is_none(),
        "only pages made from something"
    );
}

#[test]
fn a_site_published_without_a_manifest_still_gets_reasons_and_a_broken_one_a_warning() {
    let b = book();
    assert!(publish(&b, &[]).status.success());
    // As the previous rapportbok published it: the pages, no manifest.
    std::fs::remove_file(b.path().join("www/rapportbok-underlag.json")).expect("remove");
    b.write(
        "data/utfall.csv",
        "Konto;Utfall\nPersonal;125\nLäkemedel;30\n",
    );
    let out = b.run(&["verify", "--to", "www"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("ny fil:  rapportbok-underlag.json"), "{err}");
    assert!(err.contains("ändrad:  ekonomi.html"), "{err}");
    assert!(
        err.contains("datafilen utfall.csv har ändrats (SHA-256 "),
        "read from the old pages: {err}"
    );
    assert!(!err.contains("varning"), "{err}");

    b.write(
        "www/rapportbok-underlag.json",
        "{\"format\": 1, \"pages\": ",
    );
    let out = b.run(&["verify", "--to", "www"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "varning: den tidigare versionen: rapportbok-underlag.json kan inte läsas (rad 1, kolumn"
        ),
        "{err}"
    );
    assert!(
        err.contains("skälen till att sidorna ändrats visas inte"),
        "{err}"
    );
    assert!(err.contains("ändrad:  ekonomi.html"), "{err}");
    assert!(
        err.contains("ändrad fil: rapportbok-underlag.json"),
        "{err}"
    );
    assert!(!err.contains("datafilen"), "{err}");
}

#[test]
fn each_page_carries_its_provenance_and_print_margins() {
    let b = book();
    let out = b.run(&["build", "--out", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = b.read("site/ekonomi.html");
    let hash: String = Sha256::digest(UTFALL.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let details = &page[page
        .find("<details class=\"provenance\">")
        .expect("provenance")..];
    assert!(details.contains("<summary>Underlag och spårbarhet</summary>"));
    assert!(details.contains(&format!("data-fil=\"utfall.csv\" data-sha256=\"{hash}\"")));
    assert!(details.contains("<code>period</code> = <code>2024-02</code>"));
    assert!(details.contains("data-notebook=\"ekonomi.md\""));
    assert!(details.contains(&format!("rapportbok {}", env!("CARGO_PKG_VERSION"))));
    assert!(
        details.find("</details>") < details.find("</article>"),
        "inside the article, at its end"
    );
    assert!(page.contains("@top-left { content: \"Månadsrapport\"; }"));
    assert!(page.contains("@top-right { content: \"februari 2024\"; }"));
    // The intro read no data.
    let intro = b.read("site/intro.html");
    assert!(
        intro.contains("<dt>Datafiler</dt>\n<dd>inga</dd>"),
        "{intro}"
    );
}

/// Whether `rapportbok pdf` has a browser to print with, by the binary's own lookup. A set
/// `RAPPORTBOK_CHROMIUM` counts even if wrong, so a misconfigured path fails the test instead
/// of skipping it.
fn chromium_available() -> bool {
    std::env::var_os(pdf::CHROMIUM_ENV).is_some() || pdf::find_chromium().is_ok()
}

fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type")
        .filter(|(i, _)| {
            let rest = text[i + 5..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count()
}

#[test]
fn pdf_prints_one_file_per_notebook_with_the_expected_pages() {
    if !chromium_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is required on CI (apt-get install chromium)"
        );
        eprintln!(
            "SKIPPED pdf test: Chromium not found; install it with `apt-get install -y chromium`"
        );
        return;
    }
    let b = book();
    b.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[build]\nallow-html = true\n"),
    );
    b.write(
        "nb/intro.md",
        "# Inledning\n\nSida ett.\n\n<div style=\"break-after: page\"></div>\n\nSida två.\n\n<div style=\"break-after: page\"></div>\n\nSida tre.\n",
    );
    let out = b.run(&["pdf", "--out", "utskrift"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let intro = std::fs::read(b.path().join("utskrift/intro.pdf")).expect("intro.pdf");
    assert!(intro.starts_with(b"%PDF-"));
    assert_eq!(page_count(&intro), 3);
    let ekonomi = std::fs::read(b.path().join("utskrift/ekonomi.pdf")).expect("ekonomi.pdf");
    assert_eq!(page_count(&ekonomi), 1);
    assert!(
        stderr(&out).contains("utskrift/intro.pdf (3 sidor)"),
        "{}",
        stderr(&out)
    );
    assert!(
        !b.path().join("utskrift/index.pdf").exists(),
        "one per notebook only"
    );
}

#[test]
fn pdf_without_chromium_says_what_to_install() {
    let b = book();
    let out = Command::new(binary())
        .args(["pdf"])
        .current_dir(b.path())
        .env_remove("RAPPORTBOK_CHROMIUM")
        .env("PATH", "")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("apt-get install chromium"),
        "{}",
        stderr(&out)
    );
    assert!(!b.path().join("pdf").exists());

    let out = run_env(
        &b,
        &["pdf"],
        &[("RAPPORTBOK_CHROMIUM", "/finns/inte/chrome")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("RAPPORTBOK_CHROMIUM pekar på /finns/inte/chrome"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_page_of_the_example_book_passes_the_publish_accessibility_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let book = rapportbok::book::Book::load(root).expect("the example book loads");
    let (files, diagnostics) = rapportbok::build::site_files(&book, &[], &|_, _, _| {});
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(files.len() > 5);
    let problems: Vec<String> = rapportbok::publish::check_site(&files)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
