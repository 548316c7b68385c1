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
