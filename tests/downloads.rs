//! Table downloads: every table on a built page gets an xlsx and a CSV file beside the page,
//! linked under the table; the xlsx keeps numbers as numbers with Swedish number formats, the
//! CSV is what Swedish Excel opens right (`;`, decimal comma, BOM, CRLF).

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{TempBook, stderr};

const NOTEBOOK: &str = r#"# Ekonomi

## Utfall

```rhai
let t = table(["Verksamhet", "Konto", "Utfall"], [
    ["Kirurgi", "Personal", 30000000], ["Kirurgi", "Läkemedel", 12345678],
    ["Medicin", "Personal", 40000000], ["Medicin", "Läkemedel", 5000000]]);
t.group_by(["Verksamhet", "Konto"], "Utfall")
 .varav("Konto", "Läkemedel")
 .subtotals("Verksamhet")
 .total("Summa")
 .format("Utfall", "mkr:1")
 .title("Utfall per verksamhet, mkr")
```

## Andelar

```rhai
table(["Enhet", "Andel"], [["Norr; syd", 12.5], ["Öst", -3.25]]).format("Andel", "pct:1")
```

```rhai
table(["Del", "Andel"], [["A", 0.4], ["B", 0.4], ["C", 0.4]])
    .format("Andel", "int").total().round_to_total().title("Jämnt upp")
```
"#;

fn book() -> TempBook {
    let book = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Nedladdningar\"\n"),
        (
            "notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Ekonomi](del/ekonomi.md)\n",
        ),
        ("notebooks/del/ekonomi.md", NOTEBOOK),
    ]);
    let out = book.run(&["build"]);
    assert!(out.status.success(), "build: {}", stderr(&out));
    book
}

fn bytes(book: &TempBook, rel: &str) -> Vec<u8> {
    std::fs::read(book.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

#[test]
fn tables_are_linked_to_their_downloads_beside_the_page() {
    let book = book();
    let html = book.read("site/del/ekonomi.html");
    for href in [
        "ekonomi_utfall-per-verksamhet-mkr.xlsx",
        "ekonomi_utfall-per-verksamhet-mkr.csv",
        "ekonomi_tabell-2.xlsx",
        "ekonomi_tabell-2.csv",
    ] {
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "link to {href} in {html}"
        );
        assert!(
            book.path().join("site/del").join(href).is_file(),
            "{href} is written beside the page"
        );
    }
    // The link text names the table for screen readers.
    assert!(
        html.contains("Excel<span class=\"visually-hidden\"> (Utfall per verksamhet, mkr, xlsx)"),
        "{html}"
    );
    // The link follows its own table, not the next one.
    let table_at = html
        .find("<caption>Utfall per verksamhet, mkr</caption>")
        .expect("table");
    let link_at = html
        .find("ekonomi_utfall-per-verksamhet-mkr.xlsx")
        .expect("link");
    let next_table = html[table_at + 1..]
        .find("<table")
        .map(|i| i + table_at + 1);
    assert!(link_at > table_at && next_table.is_none_or(|n| link_at < n));
}

#[test]
fn xlsx_has_numbers_as_numbers_with_swedish_formats() {
    let book = book();
    let file = bytes(&book, "site/del/ekonomi_utfall-per-verksamhet-mkr.xlsx");
    let mut wb = Xlsx::new(std::io::Cursor::new(file)).expect("an xlsx file");
    let sheets = wb.sheet_names();
    assert_eq!(sheets, ["Utfall per verksamhet, mkr"]);
    let range = wb.worksheet_range(&sheets[0]).expect("sheet");
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        cell(0, 0),
        Data::String("Utfall per verksamhet, mkr".into())
    );
    assert_eq!(cell(2, 0), Data::String("Verksamhet".into()));
    assert_eq!(cell(2, 2), Data::String("Utfall".into()));
    // Rows as the page shows them; numbers in mkr, unrounded.
    let rows: Vec<(String, String, Data)> = (3..range.end().expect("end").0 + 1)
        .map(|r| (cell(r, 0).to_string(), cell(r, 1).to_string(), cell(r, 2)))
        .collect();
    let find = |label: &str, konto: &str| {
        rows.iter()
            .find(|(a, b, _)| a == label && b == konto)
            .map(|(_, _, v)| v.clone())
            .unwrap_or_else(|| panic!("row {label}/{konto} in {rows:?}"))
    };
    assert_eq!(find("Kirurgi", "Personal"), Data::Float(30.0));
    assert_eq!(find("Kirurgi", "varav Läkemedel"), Data::Float(12.345678));
    // Varav rows are parts of the row above and stay out of the sums.
    assert_eq!(find("Summa Kirurgi", ""), Data::Float(30.0));
    assert_eq!(find("Summa", ""), Data::Float(70.0));

    let styles = wb.worksheet_style(&sheets[0]).expect("styles");
    let style_of = |label: &str, konto: &str, col: u32| {
        let r = 3 + rows
            .iter()
            .position(|(a, b, _)| a == label && b == konto)
            .expect("row") as u32;
        styles.get((r, col)).cloned().expect("styled cell")
    };
    let num = style_of("Kirurgi", "Personal", 2);
    assert_eq!(
        num.number_format.expect("number format").format_code,
        "#,##0.0"
    );
    let total = style_of("Summa", "", 2);
    assert!(total.font.expect("font").is_bold(), "total rows are bold");
    let varav = style_of("Kirurgi", "varav Läkemedel", 1);
    assert_eq!(
        varav.alignment.expect("alignment").indent,
        Some(1),
        "varav rows are indented"
    );
    let beside = style_of("Kirurgi", "varav Läkemedel", 0);
    assert!(
        beside.alignment.is_none_or(|a| a.indent.is_none()),
        "only the varav label is indented"
    );
    let header = styles.get((2, 0)).cloned().expect("header style");
    assert!(header.font.expect("font").is_bold(), "the header is bold");
}

#[test]
fn xlsx_percent_is_a_fraction_with_a_percent_format() {
    let book = book();
    let file = bytes(&book, "site/del/ekonomi_tabell-2.xlsx");
    let mut wb = Xlsx::new(std::io::Cursor::new(file)).expect("an xlsx file");
    assert_eq!(wb.sheet_names(), ["Tabell"]);
    let range = wb.worksheet_range("Tabell").expect("sheet");
    // No title: the header is the first row.
    assert_eq!(range.get_value((0, 1)), Some(&Data::String("Andel".into())));
    assert_eq!(range.get_value((1, 1)), Some(&Data::Float(0.125)));
    assert_eq!(range.get_value((2, 1)), Some(&Data::Float(-0.0325)));
    let styles = wb.worksheet_style("Tabell").expect("styles");
    let f = styles
        .get((1, 1))
        .cloned()
        .expect("style")
        .number_format
        .expect("format");
    assert_eq!(f.format_code, "0.0%");
}

#[test]
fn csv_opens_right_in_swedish_excel() {
    let book = book();
    let csv = bytes(&book, "site/del/ekonomi_utfall-per-verksamhet-mkr.csv");
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = String::from_utf8(csv[3..].to_vec()).expect("UTF-8");
    assert!(
        text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF lines"
    );
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "Verksamhet;Konto;Utfall");
    assert!(lines.contains(&"Kirurgi;Personal;30,0"), "{lines:?}");
    assert!(lines.contains(&"Kirurgi;varav Läkemedel;12,3"), "{lines:?}");
    assert!(lines.contains(&"Summa Kirurgi;;30,0"), "{lines:?}");
    assert_eq!(lines.last(), Some(&"Summa;;70,0"));

    let csv = bytes(&book, "site/del/ekonomi_tabell-2.csv");
    let text = String::from_utf8(csv[3..].to_vec()).expect("UTF-8");
    assert_eq!(
        text, "Enhet;Andel\r\n\"Norr; syd\";12,5\r\nÖst;-3,3\r\n",
        "a field with ; is quoted; decimal comma; no thousands separator"
    );
}

#[test]
fn csv_rows_rounded_to_the_total_are_written_as_the_page_shows_them() {
    let book = book();
    let csv = bytes(&book, "site/del/ekonomi_jamnt-upp.csv");
    assert_eq!(
        String::from_utf8_lossy(&csv),
        "\u{feff}Del;Andel\r\nA;1\r\nB;0\r\nC;0\r\nSumma;1\r\n"
    );
}

#[test]
fn render_writes_downloads_beside_the_single_page() {
    let book = TempBook::new(&[("rapport.md", NOTEBOOK)]);
    let out = book.run(&["render", "rapport.md"]);
    assert!(out.status.success(), "render: {}", stderr(&out));
    assert!(
        book.path()
            .join("rapport_utfall-per-verksamhet-mkr.xlsx")
            .is_file()
    );
    assert!(book.path().join("rapport_tabell-2.csv").is_file());
    assert!(
        book.read("rapport.html")
            .contains("href=\"rapport_tabell-2.csv\"")
    );
}

#[test]
fn a_charts_data_is_downloadable_like_a_table() {
    let book = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Diagram\"\n"),
        (
            "notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Besök](besok.md)\n",
        ),
        (
            "notebooks/besok.md",
            "# Besök\n\n```rhai\nlet t = table([\"Enhet\", \"Besök\"], [[\"Kirurgi\", 1200], [\"Medicin\", 1350]]);\n\
             bar_chart(t, #{ title: \"Besök per enhet\" })\n```\n",
        ),
    ]);
    let out = book.run(&["build"]);
    assert!(out.status.success(), "build: {}", stderr(&out));
    let html = book.read("site/besok.html");
    assert!(
        html.contains("href=\"besok_besok-per-enhet.xlsx\""),
        "{html}"
    );
    let csv = String::from_utf8(bytes(&book, "site/besok_besok-per-enhet.csv")).expect("utf-8");
    assert!(csv.contains("Kirurgi;1200\r\n"), "{csv:?}");
    assert!(csv.contains("Medicin;1350\r\n"), "{csv:?}");
}

#[test]
fn a_row_with_its_own_format_keeps_it_in_the_downloads() {
    // A percentage row in a table of amounts in mkr: the page, the xlsx and the CSV all show
    // that row as a percentage, and the other rows in mkr.
    let book = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Radformat\"\n"),
        ("notebooks/SUMMARY.md", "# Innehåll\n\n- [R](r.md)\n"),
        (
            "notebooks/r.md",
            "# R\n\n```rhai\ntable([\"Post\", \"Belopp\"], [[\"Intäkter\", 12500000], [\"Andel\", 12.5]])\n    .format(\"Belopp\", \"mkr:1\")\n    .format_row(\"Andel\", \"pct:1\")\n    .title(\"Radformat\")\n```\n",
        ),
    ]);
    let out = book.run(&["build"]);
    assert!(out.status.success(), "build: {}", stderr(&out));
    let page = common::table(&book.read("site/r.html"), "Radformat");
    assert_eq!(page[1], ["Intäkter", "12,5"]);
    assert_eq!(page[2], ["Andel", "12,5 %"]);

    let csv = bytes(&book, "site/r_radformat.csv");
    let text = String::from_utf8(csv[3..].to_vec()).expect("UTF-8");
    assert_eq!(text, "Post;Belopp\r\nIntäkter;12,5\r\nAndel;12,5\r\n");

    let file = bytes(&book, "site/r_radformat.xlsx");
    let mut wb = Xlsx::new(std::io::Cursor::new(file)).expect("an xlsx file");
    let range = wb.worksheet_range("Radformat").expect("sheet");
    // Title, a blank row, the header; then the rows.
    assert_eq!(range.get_value((3, 1)), Some(&Data::Float(12.5)), "mkr");
    assert_eq!(
        range.get_value((4, 1)),
        Some(&Data::Float(0.125)),
        "a fraction"
    );
    let styles = wb.worksheet_style("Radformat").expect("styles");
    let code = |r: u32| {
        styles
            .get((r, 1))
            .cloned()
            .and_then(|s| s.number_format)
            .map(|f| f.format_code)
            .unwrap_or_default()
    };
    assert_eq!(code(4), "0.0%");
    assert_ne!(code(3), "0.0%");
}

/// A table with every kind of cell a download has: text that XML or Excel would misread,
/// dates, empty cells, amounts in tkr and signed mkr, a percentage, and a total row.
const KINDS: &str = r#"# Typer

```rhai
table(["Enhet", "Datum", "Belopp", "Förändring", "Andel"], [
    ["Kirurgi <öst> & co", date("2024-02-29"), 1234567, 1260000, 12.5],
    [" =SUMMA(A1)", date("1900-01-01"), (), -3120000, ()],
    ["_x0041_ \x01", (), 1000, 0, 50],
]).format("Belopp", "tkr").format("Förändring", "+mkr:1").format("Andel", "pct:1")
  .total("Summa").title("Kontroll: typer & format")
```
"#;

fn kinds_book() -> TempBook {
    let book = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Typer\"\n"),
        (
            "notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Typer](typer.md)\n",
        ),
        ("notebooks/typer.md", KINDS),
    ]);
    let out = book.run(&["build"]);
    assert!(out.status.success(), "build: {}", stderr(&out));
    book
}

/// One part of an xlsx file, as text.
fn part(file: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(file)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

#[test]
fn xlsx_cells_keep_their_types_formats_widths_and_frozen_header() {
    let book = kinds_book();
    let file = bytes(&book, "site/typer_kontroll-typer-format.xlsx");
    let mut wb = Xlsx::new(std::io::Cursor::new(file.clone())).expect("an xlsx file");
    assert_eq!(wb.sheet_names(), ["Kontroll typer & format"]);
    let props = wb.workbook_properties().expect("properties");
    assert_eq!(props.title.as_deref(), Some("Kontroll: typer & format"));
    let range = wb
        .worksheet_range("Kontroll typer & format")
        .expect("sheet");
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("Kontroll: typer & format".into()));
    assert_eq!(cell(1, 0), Data::Empty, "a blank row under the title");
    let header: Vec<Data> = (0..5).map(|c| cell(2, c)).collect();
    assert_eq!(
        header,
        ["Enhet", "Datum", "Belopp", "Förändring", "Andel"].map(|s| Data::String(s.into()))
    );
    // Text is text, exactly as written: markup, a leading space, a formula-like start,
    // Excel's own escape form and a control character all survive.
    assert_eq!(cell(3, 0), Data::String("Kirurgi <öst> & co".into()));
    assert_eq!(cell(4, 0), Data::String(" =SUMMA(A1)".into()));
    assert_eq!(cell(5, 0), Data::String("_x0041_ \u{1}".into()));
    // Dates are dates (serial numbers with a date format).
    let date = |r| match cell(r, 1) {
        Data::DateTime(d) => d.as_f64(),
        other => panic!("a date in row {r}, not {other:?}"),
    };
    assert_eq!(date(3), 45351.0, "Excel's number for 2024-02-29");
    assert_eq!(date(4), 1.0, "1900-01-01 is Excel's day 1");
    assert_eq!(cell(5, 1), Data::Empty);
    // Numbers are numbers in the column's unit; a percentage is a fraction.
    assert_eq!(cell(3, 2), Data::Float(1234.567));
    assert_eq!(cell(4, 2), Data::Empty);
    assert_eq!(cell(3, 3), Data::Float(1.26));
    assert_eq!(cell(4, 3), Data::Float(-3.12));
    assert_eq!(cell(5, 3), Data::Float(0.0));
    assert_eq!(cell(3, 4), Data::Float(0.125));
    assert_eq!(cell(6, 0), Data::String("Summa".into()));
    assert_eq!(cell(6, 2), Data::Float(1235.567));
    assert_eq!(range.end(), Some((6, 4)), "nothing after the total");

    let styles = wb
        .worksheet_style("Kontroll typer & format")
        .expect("styles");
    let style = |r: u32, c: u32| styles.get((r, c)).cloned().expect("a styled cell");
    let code = |r: u32, c: u32| {
        style(r, c)
            .number_format
            .map(|f| f.format_code)
            .unwrap_or_default()
    };
    assert_eq!(code(3, 1), "yyyy-mm-dd");
    assert_eq!(code(3, 2), "#,##0");
    assert_eq!(code(3, 3), "+#,##0.0;-#,##0.0;#,##0.0");
    assert_eq!(code(3, 4), "0.0%");
    assert_eq!(
        code(6, 3),
        "+#,##0.0;-#,##0.0;#,##0.0",
        "the total keeps the format"
    );
    let bold = |r: u32, c: u32| style(r, c).font.is_some_and(|f| f.is_bold());
    assert!(
        bold(0, 0) && bold(2, 0) && bold(2, 3),
        "title and header are bold"
    );
    assert!(bold(6, 0) && bold(6, 2), "the total row is bold");
    assert!(!bold(3, 0) && !bold(3, 2), "other rows are not");
    assert_eq!(
        style(0, 0).font.and_then(|f| f.size),
        Some(13.0),
        "the title is larger"
    );
    let right = |c: u32| {
        style(2, c)
            .alignment
            .is_some_and(|a| a.horizontal == calamine::HorizontalAlignment::Right)
    };
    assert!(
        right(2) && right(4),
        "numeric headers sit over their numbers"
    );
    assert!(!right(0) && !right(1), "text headers stay left");

    // The header stays in view, and each column is as wide as its widest cell.
    let sheet = part(&file, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            "<pane ySplit=\"3\" topLeftCell=\"A4\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        ),
        "{sheet}"
    );
    // "Kirurgi <öst> & co" is 18 characters: 20 wide; "Belopp" and its numbers: 10.
    assert!(
        sheet.contains("<col min=\"1\" max=\"1\" width=\"20.7109375\" customWidth=\"1\"/>"),
        "{sheet}"
    );
    assert!(
        sheet.contains("<col min=\"3\" max=\"3\" width=\"10.7109375\" customWidth=\"1\"/>"),
        "{sheet}"
    );
    assert!(!sheet.contains("<f>"), "no formulas");
}

#[test]
fn libreoffice_opens_the_xlsx() {
    use std::process::Command;
    if Command::new("soffice").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice (soffice) is required on CI"
        );
        eprintln!("SKIPPED: LibreOffice missing (`apt-get install -y libreoffice-calc-nogui`)");
        return;
    }
    let book = kinds_book();
    let profile = book.path().join("lo-profil");
    // UTF-8 (76), `,` between fields (44), `"` around text (34), cells as shown.
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
        ])
        .arg(book.path())
        .arg(book.path().join("site/typer_kontroll-typer-format.xlsx"))
        // The same locale everywhere (LibreOffice takes C as en-US).
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("soffice");
    let csv = book.path().join("typer_kontroll-typer-format.csv");
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    if !csv.is_file() && said.contains("no export filter") {
        // soffice without Calc (only Writer installed).
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice Calc is required on CI: {said}"
        );
        eprintln!(
            "SKIPPED: LibreOffice Calc missing (`apt-get install -y libreoffice-calc-nogui`)"
        );
        return;
    }
    assert!(out.status.success() && csv.is_file(), "LibreOffice: {said}");
    let text = std::fs::read_to_string(&csv).expect("csv");
    let lines: Vec<&str> = text.lines().collect();
    // Text quoted, numbers in the cells' formats (LibreOffice's default locale, en-US).
    assert_eq!(lines[0], "\"Kontroll: typer & format\",,,,");
    assert_eq!(
        lines[2],
        "\"Enhet\",\"Datum\",\"Belopp\",\"Förändring\",\"Andel\""
    );
    assert_eq!(
        lines[3],
        "\"Kirurgi <öst> & co\",2024-02-29,\"1,235\",+1.3,12.5%"
    );
    // (LibreOffice counts days before March 1900 one off from Excel; that date is not checked.)
    assert!(
        lines[4].starts_with("\" =SUMMA(A1)\",") && lines[4].ends_with(",,-3.1,"),
        "{}",
        lines[4]
    );
    assert!(lines[5].starts_with("\"_x0041_ "), "{}", lines[5]);
    assert!(lines[5].ends_with(",,1,0.0,50.0%"), "{}", lines[5]);
    assert_eq!(lines[6], "\"Summa\",,\"1,236\",-1.9,62.5%");
}
