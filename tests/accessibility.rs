//! WCAG 2.1 AA: every page of the built example book passes axe-core with zero violations in
//! a real headless Chromium. axe-core comes from the npm registry (`.ci/run` installs it into
//! `node_modules/`; `AXE_CORE_JS` may name another copy). Skips locally, saying so, without
//! Chromium or axe-core; fails on CI (`CI` set).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::chromium::{chromium_or_skip, file_url, launch};
use serde_json::Value;

const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

fn axe_core() -> Option<PathBuf> {
    let path = std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
        });
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "axe-core not found on CI at {} (.ci/run installs it with `npm install --no-save axe-core@4`)",
        path.display()
    );
    eprintln!(
        "SKIPPED accessibility test: axe-core not found at {}. Run `npm install --no-save axe-core@4` \
         in the repository, or set AXE_CORE_JS to axe.min.js.",
        path.display()
    );
    None
}

/// Every `.html` file under `dir`, sorted.
fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read site dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Build the book at `root` into `site`; `ok` says whether every cell must succeed.
fn build(root: &Path, site: &Path, ok: bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_rapportbok"))
        .args(["build", "--book"])
        .arg(root)
        .arg("--out")
        .arg(site)
        .output()
        .expect("run rapportbok build");
    assert_eq!(
        out.status.success(),
        ok,
        "build of {}: {}",
        root.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Run axe-core on each `(name, url)`; one line per violation and element.
fn violations(
    chromium: &Path,
    profile: &Path,
    axe_source: &str,
    urls: &[(String, String)],
) -> Vec<String> {
    let (_browser, mut devtools) = launch(chromium, profile);
    devtools.open("about:blank");
    let mut report = Vec::new();
    for (name, url) in urls {
        devtools.navigate(url);
        devtools.eval_async(&format!("{axe_source}\n;true"));
        let violations = devtools.eval_async(&format!(
            "axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }}, resultTypes: ['violations'] }})
               .then(r => r.violations.map(v => ({{
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)
               }})))"
        ));
        let Value::Array(list) = violations else {
            panic!("axe gave no result on {name}: {violations}");
        };
        for v in list {
            report.push(format!(
                "{name}: {} ({}): {}\n    {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                v["nodes"]
                    .as_array()
                    .map(|n| n
                        .iter()
                        .map(|x| x.as_str().unwrap_or("").replace('\n', " "))
                        .collect::<Vec<_>>()
                        .join("\n    "))
                    .unwrap_or_default()
            ));
        }
    }
    eprintln!("axe-core checked {} pages", urls.len());
    report
}

fn assert_none(report: &[String]) {
    assert!(
        report.is_empty(),
        "{} WCAG 2.1 AA violation(s):\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn every_page_of_the_example_book_passes_axe_wcag21_aa() {
    let Some(chromium) = chromium_or_skip("accessibility test") else {
        return;
    };
    let Some(axe) = axe_core() else { return };
    let axe_source = std::fs::read_to_string(&axe).expect("read axe-core");

    let tmp = tempfile::tempdir().expect("tmp");
    let site = common::example_site();
    let pages = pages(site);
    assert!(
        pages.len() >= 5 && pages.iter().any(|p| p.ends_with("sok.html")),
        "the site has its pages and the search page: {pages:?}"
    );
    // Every page, and the search page showing results.
    let mut urls: Vec<(String, String)> = pages
        .iter()
        .map(|p| {
            let name = p.strip_prefix(site).expect("inside site").display();
            (name.to_string(), file_url(p))
        })
        .collect();
    urls.push((
        "sok.html?q=budget".into(),
        format!("{}?q=budget", file_url(&site.join("sok.html"))),
    ));
    assert_none(&violations(
        &chromium,
        &tmp.path().join("profil"),
        &axe_source,
        &urls,
    ));
}

/// What the example book never shows: failed cells, an inline error, problems in the
/// notebook, marked deviations both ways, varav and subtotal rows, a wide table.
const TROUBLE: &str = r#"+++
title = "Fel och markeringar"
okänd = 1
+++

# Fel och markeringar

Ett värde som inte går att räkna ut: {{ 1 / 0 }}.

```rhai
let x = ;
```

```rhai
table(["Verksamhet", "Konto", "Utfall", "Budget"], [
    ["Kirurgi", "Personal", 30000000, 29000000], ["Kirurgi", "Läkemedel", 12000000, 14000000],
    ["Medicin", "Personal", 40000000, 42000000], ["Medicin", "Läkemedel", 5000000, 5000000]])
  .group_by(["Verksamhet", "Konto"], ["Utfall", "Budget"])
  .varav("Konto", "Läkemedel")
  .subtotals("Verksamhet")
  .total("Summa")
  .format(["Utfall", "Budget"], "mkr:1")
  .title("Utfall och budget, mkr")
```

```rhai
let t = table(["Enhet", "Avvikelse"], [["Norr", 900000], ["Söder", -800000], ["Öst", 1000]]);
t.format("Avvikelse", "+mkr:1").mark("Avvikelse", 500000).title("Avvikelser")
```

```rhai
table(["A", "B", "C", "D", "E", "F", "G", "H", "I"], [[1, 2, 3, 4, 5, 6, 7, 8, 9]]).title("Bred tabell")
```
"#;

#[test]
fn error_boxes_marks_and_sum_rows_pass_axe_wcag21_aa() {
    let Some(chromium) = chromium_or_skip("accessibility test") else {
        return;
    };
    let Some(axe) = axe_core() else { return };
    let axe_source = std::fs::read_to_string(&axe).expect("read axe-core");
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("bok");
    std::fs::create_dir_all(root.join("notebooks")).expect("mkdir");
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"Felbok\"\n").expect("toml");
    std::fs::write(
        root.join("notebooks/SUMMARY.md"),
        "# Innehåll\n\n- [Fel](fel.md)\n",
    )
    .expect("summary");
    std::fs::write(root.join("notebooks/fel.md"), TROUBLE).expect("notebook");
    let site = tmp.path().join("site");
    build(&root, &site, false);
    let html = std::fs::read_to_string(site.join("fel.html")).expect("page");
    for part in [
        "class=\"cell-error\"",
        "class=\"inline-error\"",
        "notebook-problems",
        "dev-neg",
        "dev-pos",
        "class=\"varav\"",
        "table-wrap wide",
    ] {
        assert!(html.contains(part), "the page shows {part}: {html}");
    }
    let urls = vec![("fel.html".to_string(), file_url(&site.join("fel.html")))];
    assert_none(&violations(
        &chromium,
        &tmp.path().join("profil"),
        &axe_source,
        &urls,
    ));
}

/// The browser editor (`serve`'s "Redigera"): the split view with a notebook that has an
/// error (so the problem list shows), the page for choosing or creating a notebook, and the
/// data-file view.
#[test]
fn the_editor_pages_pass_axe_wcag21_aa() {
    let Some(chromium) = chromium_or_skip("editor accessibility test") else {
        return;
    };
    let Some(axe) = axe_core() else { return };
    let axe_source = std::fs::read_to_string(&axe).expect("read axe-core");
    let dir = common::TempBook::new(&[
        (
            "book.toml",
            "[book]\ntitle = \"Tillgänglig redigering\"\n[data]\ndir = \"data\"\n",
        ),
        (
            "notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Rapport](rapport.md)\n",
        ),
        (
            "notebooks/rapport.md",
            "# Rapport\n\nText med {{ 1 + 1 }}.\n\n```rhai\nlet x = ;\n```\n\n```rhai\nread_csv(\"enheter.csv\")\n```\n",
        ),
        ("data/enheter.csv", "Enhet;Belopp\nA;10,5\nB;20\n"),
    ]);
    let server = common::serve(dir.path());
    let base = format!("http://{}", server.addr);
    let urls = vec![
        (
            "redigera/rapport.html".to_string(),
            format!("{base}/_rapportbok/redigera/rapport.html"),
        ),
        (
            "redigera/index.html".to_string(),
            format!("{base}/_rapportbok/redigera/index.html"),
        ),
        ("data/".to_string(), format!("{base}/_rapportbok/data/")),
        (
            "data/enheter.csv".to_string(),
            format!("{base}/_rapportbok/data/enheter.csv"),
        ),
    ];
    assert_none(&violations(
        &chromium,
        &dir.path().join("profil"),
        &axe_source,
        &urls,
    ));
}
