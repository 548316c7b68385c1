//! `rapportbok docx`: Word documents read back with python-docx (a second implementation):
//! headings and styles, tables equal to the page's, pictures' alt text, the language, footnotes,
//! identical bytes on a second run, reports per part, refusal on failing cells, a template;
//! and one document through LibreOffice to PDF and a PNG of its first page.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{TempBook, stderr, table_rows};
use serde_json::Value;

/// python-docx in a test-only venv under the target folder, made once; `None` (skip) locally
/// without python3, a failure on CI.
fn python() -> Option<&'static Path> {
    static PYTHON: OnceLock<Option<PathBuf>> = OnceLock::new();
    PYTHON
        .get_or_init(|| {
            let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx-venv");
            let python = venv.join("bin").join("python");
            let ready = |p: &Path| {
                Command::new(p)
                    .args(["-c", "import docx"])
                    .output()
                    .is_ok_and(|o| o.status.success())
            };
            if ready(&python) {
                return Some(python);
            }
            let made = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .output()
                .is_ok_and(|o| o.status.success())
                && Command::new(venv.join("bin").join("pip"))
                    .args(["install", "-q", "python-docx>=1.1,<2"])
                    .output()
                    .is_ok_and(|o| o.status.success());
            if made && ready(&python) {
                return Some(python);
            }
            assert!(
                std::env::var_os("CI").is_none(),
                "python3 with venv and pip (for python-docx) is required on CI"
            );
            eprintln!(
                "SKIPPED: python-docx is not available (needs python3 with venv and PyPI). \
                 Install with `apt-get install -y python3-venv`."
            );
            None
        })
        .as_deref()
}

/// The document at `path` as python-docx reads it.
fn read_docx(path: &Path) -> Option<Value> {
    let python = python()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/read_docx.py");
    let out = Command::new(python)
        .arg(script)
        .arg(path)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "python-docx could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("json from read_docx.py"))
}

const NOTEBOOK: &str = r#"+++
title = "Ekonomi februari"
description = "Resultat och kostnader."
+++

# Ekonomi

Resultatet är **{{ fmt(-174.1, 1) }} mkr**, se [regionens webbplats](https://regionvastmanland.se).[^1]

## Kostnader

- Personal
- Läkemedel
  - varav rekvisition

1. Först
2. Sedan

```rhai
table(["Konto", "Utfall"], [["Personal", 12.5], ["Läkemedel", 3.25]]).total().title("Kostnader per konto")
```

### Diagram

```rhai
let t = table(["Månad", "Besök"], [["jan", 120], ["feb", 135], ["mar", 128]]);
bar_chart(t, #{ x: "Månad", y: "Besök", title: "Besök per månad" })
```

Tabell: Egen tabell

| Område | Antal |
|---|--:|
| Norr | 1 200 |
| Söder | 950 |

[^1]: Enligt huvudboken per den 28 februari.
"#;

fn book_with(notebooks: &[(&str, &str)], summary: &str, extra_toml: &str) -> TempBook {
    let toml = format!("[book]\ntitle = \"Testbok\"\nsrc = \"nb\"\n{extra_toml}");
    let mut files: Vec<(&str, &str)> = vec![("book.toml", &toml), ("nb/SUMMARY.md", summary)];
    files.extend_from_slice(notebooks);
    TempBook::new(&files)
}

/// A document table's rows as the page's cells read as plain text.
fn plain_rows(table: &Value) -> Vec<Vec<String>> {
    table["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            strings(r)
                .iter()
                .map(|c| common::plain_text(&rapportbok::render::html::escape(c)))
                .collect()
        })
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn styled(doc: &Value) -> Vec<(String, String)> {
    doc["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| {
            (
                p["style"].as_str().unwrap_or_default().to_string(),
                p["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// A book with the one notebook `nb/ekonomi.md` ([`NOTEBOOK`]).
fn ekonomi_book() -> TempBook {
    book_with(
        &[("nb/ekonomi.md", NOTEBOOK)],
        "# S\n\n[Ekonomi](ekonomi.md)\n",
        "",
    )
}

#[test]
fn a_notebook_becomes_a_word_document_with_real_structure() {
    let book = ekonomi_book();
    let run = book.run(&["docx", "nb/ekonomi.md", "-o", "ut/ekonomi.docx"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("ut/ekonomi.docx"), "{}", stderr(&run));
    let path = book.path().join("ut/ekonomi.docx");
    let Some(doc) = read_docx(&path) else { return };

    assert_eq!(doc["title"], "Ekonomi februari");
    assert_eq!(doc["language"], "sv-SE");
    assert_eq!(doc["default_lang"], "sv-SE");
    assert_eq!(strings(&doc["run_langs"]), ["sv-SE"]);
    assert_eq!(
        doc["runs_without_lang"], 0,
        "every run carries its language"
    );

    let paras = styled(&doc);
    let find = |style: &str, text: &str| paras.iter().any(|(s, t)| s == style && t == text);
    assert!(find("Heading 1", "Ekonomi"), "{paras:?}");
    assert!(find("Heading 2", "Kostnader"), "{paras:?}");
    assert!(find("Heading 3", "Diagram"), "{paras:?}");
    assert!(
        find(
            "Normal",
            "Resultatet är −174,1 mkr, se regionens webbplats."
        ),
        "inline value, link text and footnote mark in one paragraph: {paras:?}"
    );
    let listed: Vec<&str> = doc["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .filter(|p| p["numbered"] == true)
        .map(|p| p["text"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        listed,
        [
            "Personal",
            "Läkemedel",
            "varav rekvisition",
            "Först",
            "Sedan"
        ]
    );
    assert!(
        find("Caption", "Tabell 1: Kostnader per konto"),
        "{paras:?}"
    );
    assert!(find("Caption", "Figur 1: Besök per månad"), "{paras:?}");
    assert!(find("Caption", "Tabell 2: Egen tabell"), "{paras:?}");
    assert_eq!(
        doc["empty_paragraphs"], 0,
        "no empty paragraphs for spacing"
    );
    assert_eq!(strings(&doc["links"]), ["https://regionvastmanland.se"]);
    assert_eq!(
        strings(&doc["footnotes"]),
        ["Enligt huvudboken per den 28 februari."]
    );

    // The tables: the page's cells, a repeating header row, numbers right-aligned, sums bold.
    let page = book.run(&["render", "nb/ekonomi.md", "-o", "ut/ekonomi.html"]);
    assert!(page.status.success(), "{}", stderr(&page));
    let html = book.read("ut/ekonomi.html");
    let tables = doc["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), 2);
    for (table, caption) in tables.iter().zip(["Kostnader per konto", "Egen tabell"]) {
        assert_eq!(table["caption"], caption);
        assert_eq!(table["header_repeats"], true, "{caption}");
        let expected = table_rows(&html, caption).expect("the page has the table");
        let cells = plain_rows(table);
        assert_eq!(cells, expected, "{caption}");
    }
    let kostnader = &tables[0];
    assert_eq!(
        kostnader["rows"][3],
        serde_json::json!(["Summa", "15,75"]),
        "{kostnader}"
    );
    assert_eq!(kostnader["bold_rows"][3], true, "the sum row is bold");
    assert_eq!(kostnader["bold_rows"][1], false);
    assert_eq!(
        kostnader["aligns"][1][1], "RIGHT (2)",
        "numbers right-aligned"
    );
    assert_eq!(kostnader["aligns"][1][0], "None");

    // The chart: a picture whose alt text is its title and description.
    let images = doc["images"].as_array().expect("images");
    assert_eq!(images.len(), 1);
    assert_eq!(images[0]["title"], "Besök per månad");
    let descr = images[0]["descr"].as_str().unwrap_or_default();
    assert!(
        descr.starts_with("Stapeldiagram: Besök per månad."),
        "{descr}"
    );
    assert!(
        descr.contains("135"),
        "the description names the figures: {descr}"
    );

    // Provenance in the document properties.
    let custom = &doc["custom"];
    assert!(custom["rapportbok"].as_str().is_some(), "{custom}");
    assert_eq!(
        custom["Notebook: ekonomi.md"].as_str().map(str::len),
        Some(64),
        "the notebook's SHA-256: {custom}"
    );
    assert_eq!(
        strings(&doc["footer_texts"]),
        ["Ekonomi februari\t\tSida 1 av 1"]
    );
}

#[test]
fn the_same_notebook_gives_the_same_bytes() {
    let book = ekonomi_book();
    let first = book.run(&["docx", "nb/ekonomi.md", "-o", "a.docx"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let second = book.run(&["docx", "nb/ekonomi.md", "-o", "b.docx"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let a = std::fs::read(book.path().join("a.docx")).expect("a");
    let b = std::fs::read(book.path().join("b.docx")).expect("b");
    assert!(a.starts_with(b"PK"), "a zip package");
    assert!(a == b, "identical bytes");
}

#[test]
fn a_book_gives_one_document_per_report_and_refuses_failing_cells_unless_forced() {
    let summary = "# Innehåll\n\n# Månadsrapport mars\n\n- [Ekonomi](ekonomi.md)\n- [Personal](personal.md)\n\n# Bilagor\n\n- [Fel](fel.md)\n";
    let book = book_with(
        &[
            (
                "nb/ekonomi.md",
                "+++\ntitle = \"Ekonomi\"\n+++\n\nText om ekonomi.\n",
            ),
            ("nb/personal.md", "## Sjukfrånvaro\n\nText om personal.\n"),
            (
                "nb/fel.md",
                "# Bilaga\n\n```rhai\nlet x = okand_funktion(1);\n```\n\nEfter felet.\n",
            ),
        ],
        summary,
        "",
    );
    let refused = book.run(&["docx", "--out", "word"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("Skriver inga Word-filer"),
        "{}",
        stderr(&refused)
    );
    assert!(
        stderr(&refused).contains("fel.md:4:"),
        "{}",
        stderr(&refused)
    );
    assert!(!book.path().join("word").exists(), "nothing written");

    let forced = book.run(&["docx", "--out", "word", "--force"]);
    assert_eq!(forced.status.code(), Some(1), "{}", stderr(&forced));
    let mut files: Vec<String> = std::fs::read_dir(book.path().join("word"))
        .expect("word/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    assert_eq!(files, ["bilagor.docx", "manadsrapport-mars.docx"]);

    let Some(report) = read_docx(&book.path().join("word/manadsrapport-mars.docx")) else {
        return;
    };
    assert_eq!(report["title"], "Månadsrapport mars");
    let paras = styled(&report);
    assert_eq!(
        paras,
        [
            ("Title".to_string(), "Månadsrapport mars".to_string()),
            ("Heading 1".into(), "Ekonomi".into()),
            ("Normal".into(), "Text om ekonomi.".into()),
            ("Heading 1".into(), "Personal".into()),
            ("Heading 2".into(), "Sjukfrånvaro".into()),
            ("Normal".into(), "Text om personal.".into()),
        ]
    );
    let Some(bilagor) = read_docx(&book.path().join("word/bilagor.docx")) else {
        return;
    };
    let paras = styled(&bilagor);
    let error = paras
        .iter()
        .find(|(s, _)| s == "Felruta")
        .expect("the error box stays visible");
    assert!(error.1.starts_with("Fel i cellen på rad 4"), "{error:?}");
    assert!(paras.iter().any(|(_, t)| t == "Efter felet."), "{paras:?}");
}

/// A template made by python-docx: a Swedish heading style name, wide margins, a header
/// with text and a picture (the logo).
const MAKE_TEMPLATE: &str = r#"
import base64, io, sys
import docx
from docx.shared import Cm
d = docx.Document()
s = d.sections[0]
s.left_margin = Cm(3)
s.right_margin = Cm(3)
p = s.header.paragraphs[0]
p.text = "Region Testland"
png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
p.add_run().add_picture(io.BytesIO(png), width=Cm(1))
d.styles["Heading 1"].font.size = docx.shared.Pt(20)
d.save(sys.argv[1])
"#;

#[test]
fn a_template_lends_styles_margins_header_and_logo() {
    let book = book_with(
        &[("nb/ekonomi.md", NOTEBOOK)],
        "# Innehåll\n\n# Rapport\n\n- [Ekonomi](ekonomi.md)\n",
        "[docx]\nmall = \"mall.docx\"\n",
    );
    let Some(python) = python() else { return };
    let made = Command::new(python)
        .args(["-c", MAKE_TEMPLATE])
        .arg(book.path().join("mall.docx"))
        .output()
        .expect("python");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let run = book.run(&["docx", "--out", "word"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let Some(doc) = read_docx(&book.path().join("word/rapport.docx")) else {
        return;
    };
    assert_eq!(strings(&doc["header_texts"]), ["Region Testland"]);
    assert_eq!(doc["header_images"], 1, "the logo comes along");
    assert_eq!(
        doc["left_margin"], 1_080_135,
        "3 cm (1701 twips), from the template"
    );
    assert_eq!(
        doc["default_lang"], "sv-SE",
        "the template's language is replaced"
    );
    let paras = styled(&doc);
    assert!(
        paras
            .iter()
            .any(|(s, t)| s == "Heading 1" && t == "Ekonomi"),
        "{paras:?}"
    );
    assert!(
        paras.iter().any(|(s, _)| s == "Caption"),
        "our styles are added: {paras:?}"
    );

    std::fs::write(book.path().join("mall.docx"), "inte en zip").expect("write");
    let bad = book.run(&["docx", "--out", "word"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("mallen är ingen Word-fil"),
        "{}",
        stderr(&bad)
    );
    assert!(stderr(&bad).contains("[docx] mall"), "{}", stderr(&bad));
}

#[test]
fn libreoffice_converts_a_document_to_pdf_and_a_page_to_png() {
    let found = Command::new("soffice").arg("--version").output().is_ok()
        && Command::new("pdftoppm").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice (soffice) and pdftoppm are required on CI"
        );
        eprintln!(
            "SKIPPED: LibreOffice or poppler-utils missing \
             (`apt-get install -y libreoffice-writer-nogui poppler-utils`)"
        );
        return;
    }
    let book = ekonomi_book();
    let run = book.run(&["docx", "nb/ekonomi.md", "-o", "ekonomi.docx"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let profile = book.path().join("lo-profil");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(book.path())
        .arg(book.path().join("ekonomi.docx"))
        .output()
        .expect("soffice");
    let pdf = book.path().join("ekonomi.pdf");
    assert!(
        out.status.success() && pdf.is_file(),
        "LibreOffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(rapportbok::publish::pdf::page_count(&bytes) >= 1);
    // The first page as a picture, kept under target/ to be looked at.
    let shown = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx-sida-1");
    let png = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&shown)
        .output()
        .expect("pdftoppm");
    assert!(
        png.status.success(),
        "{}",
        String::from_utf8_lossy(&png.stderr)
    );
    let image = std::fs::read(shown.with_extension("png")).expect("png");
    assert!(image.starts_with(b"\x89PNG"), "a PNG of the first page");
    eprintln!("first page: {}", shown.with_extension("png").display());
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Kostnader per konto"), "{text}");
    assert!(text.contains("15,75"), "{text}");
}

#[test]
fn pdf_writes_one_file_per_report_beside_the_notebooks() {
    let Some(_) = common::chromium::chromium_or_skip("pdf per report") else {
        return;
    };
    let summary = "# Innehåll\n\n# Månadsrapport mars\n\n- [Ekonomi](del/ekonomi.md)\n- [Personal](del/personal.md)\n";
    let book = book_with(
        &[
            ("nb/del/ekonomi.md", "# Ekonomi\n\nResultatet i mars.\n"),
            (
                "nb/del/personal.md",
                "# Personal\n\nSjukfrånvaron i mars.\n",
            ),
        ],
        summary,
        "",
    );
    let out = book.run(&["pdf", "--out", "utskrift"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for one in ["utskrift/del/ekonomi.pdf", "utskrift/del/personal.pdf"] {
        assert!(book.path().join(one).is_file(), "{one}: {}", stderr(&out));
    }
    let report = book.path().join("utskrift/manadsrapport-mars.pdf");
    let bytes = std::fs::read(&report).expect("the report's PDF");
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(
        rapportbok::publish::pdf::page_count(&bytes),
        2,
        "each chapter from a new sheet"
    );
    assert!(
        stderr(&out).contains("utskrift/manadsrapport-mars.pdf (2 kapitel, 2 sidor)"),
        "{}",
        stderr(&out)
    );
    if let Ok(text) = Command::new("pdftotext").arg(&report).arg("-").output() {
        let text = String::from_utf8_lossy(&text.stdout);
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
        assert!(at("Månadsrapport mars") < at("Resultatet i mars."));
        assert!(at("Resultatet i mars.") < at("Sjukfrånvaron i mars."));
    }
}

/// Every table of a chapter of the HSF report, in Word as on its page, cell for cell.
#[test]
fn the_hsf_chapters_tables_in_word_equal_the_pages_tables() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    for chapter in ["ekonomi", "indikatorer"] {
        let nb = format!("notebooks/hsf-2023-02/{chapter}.md");
        let docx = dir.path().join(format!("{chapter}.docx"));
        let html = dir.path().join(format!("{chapter}.html"));
        let run = common::rapportbok_in(root, &["docx", &nb, "-o", docx.to_str().expect("utf-8")]);
        assert!(run.status.success(), "{}", stderr(&run));
        let page =
            common::rapportbok_in(root, &["render", &nb, "-o", html.to_str().expect("utf-8")]);
        assert!(page.status.success(), "{}", stderr(&page));
        let Some(doc) = read_docx(&docx) else { return };
        let html = std::fs::read_to_string(&html).expect("page");
        let tables = doc["tables"].as_array().expect("tables");
        assert!(tables.len() >= 2, "{chapter}: {}", tables.len());
        for table in tables {
            let caption = table["caption"]
                .as_str()
                .expect("every table has a caption");
            let expected = table_rows(&html, caption)
                .unwrap_or_else(|| panic!("{chapter}: the page has no table {caption}"));
            let cells = plain_rows(table);
            assert_eq!(cells, expected, "{chapter}: {caption}");
            assert_eq!(table["header_repeats"], true);
        }
    }
}
