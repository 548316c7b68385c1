//! Issue 12 item 18: text read from data files (CSV, xlsx, text files) is shown as text
//! wherever it reaches the page — a table, a cell's value, an inline value, a list, a map, a
//! chart, the search index — never as Markdown or HTML, unless the notebook asks with
//! `markdown(…)`. The script's own strings stay Markdown.

mod common;

use rapportbok::config::Config;

/// A cell a colleague's export could hold: emphasis, an HTML element with a handler, a script
/// link and an external image.
const HOSTILE: &str = "**fet** <img src=x onerror=alert(1)> [länk](javascript:alert(1)) ![x](https://evil.example/t.png)";

/// The same text as it must appear in the page: escaped, nothing else.
const SHOWN: &str = "**fet** &lt;img src=x onerror=alert(1)&gt; [länk](javascript:alert(1)) ![x](https://evil.example/t.png)";

fn csv() -> String {
    format!("Namn;Belopp;Text;<b>rubrik</b> **x**\nA;1;{HOSTILE};h\n{HOSTILE};2;B;h\n")
}

/// Nothing in `html` was interpreted: no element, link or image came from the data.
fn assert_inert(html: &str, what: &str) {
    for bad in [
        "<img",
        "<strong>fet",
        "<em>",
        "href=\"javascript",
        "src=\"https://evil",
        "<b>rubrik",
        "onerror=alert(1)>",
    ] {
        assert!(!html.contains(bad), "{what}: `{bad}` in {html}");
    }
}

/// The HTML of the cell whose fence is on `line`.
fn cell(html: &str, line: usize) -> &str {
    let open = format!("<div class=\"cell\" data-line=\"{line}\">");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no cell at line {line}: {html}"));
    let rest = &html[start + open.len()..];
    let end = rest
        .find("<div class=\"cell\" data-line=")
        .unwrap_or(rest.len());
    &rest[..end]
}

const NOTEBOOK: &str = "# Data

```rhai
let t = read_csv(\"h.csv\");
t.title(\"Tabell\")
```

Inline: {{ t.lookup(\"A\", \"Text\") }} slut.

```rhai
t.at(0, \"Text\")
```

```rhai
t.values(\"Text\")
```

```rhai
t.rows()[0]
```

```rhai
t.columns()
```

```rhai
read_text(\"k.md\")
```

```rhai
markdown(read_text(\"k.md\"))
```

```rhai
`**Störst:** ${text(t.at(0, \"Text\"))}`
```

```rhai
\"**eget**\"
```

```rhai
bar_chart(t, #{x: \"Namn\", y: \"Belopp\", title: t.at(0, \"Text\")})
```
";

fn render(allow_html: bool) -> String {
    let data = common::TempBook::new(&[("h.csv", &csv()), ("k.md", "**ombett** <i>i</i>")]);
    let mut config = Config::default();
    config.build.allow_html = allow_html;
    let (html, out) = common::render_with(NOTEBOOK, data.path(), &config, &[]);
    assert!(!out.failed(), "unexpected errors: {:?}", out.diagnostics);
    html
}

#[test]
fn values_from_data_are_text_in_every_place_they_are_shown() {
    for allow_html in [false, true] {
        let html = render(allow_html);
        let what = |place: &str| format!("{place} (allow-html {allow_html})");
        // The table: cells and the column read from the header.
        let table = cell(&html, 3);
        assert!(table.contains(SHOWN), "{}: {table}", what("table"));
        assert!(
            table.contains("&lt;b&gt;rubrik&lt;/b&gt; **x**"),
            "{}: {table}",
            what("header")
        );
        assert_inert(table, &what("table"));
        // The inline value inside the sentence.
        let inline = &html[html.find("Inline: ").expect("inline")..];
        let inline = &inline[..inline.find("slut.").expect("end")];
        assert_eq!(inline, format!("Inline: {SHOWN} "), "{}", what("inline"));
        // A cell's value, a list, a map, the column names.
        for (line, place) in [(10, "value"), (14, "list"), (18, "map")] {
            let c = cell(&html, line);
            assert!(c.contains(SHOWN), "{}: {c}", what(place));
            assert_inert(c, &what(place));
        }
        let names = cell(&html, 22);
        assert!(
            names.contains("&lt;b&gt;rubrik&lt;/b&gt; **x**"),
            "{}: {names}",
            what("columns()")
        );
        assert_inert(names, &what("columns()"));
        // A text file is data too; `markdown(…)` asks for Markdown.
        let file = cell(&html, 26);
        assert!(
            file.contains("**ombett** &lt;i&gt;i&lt;/i&gt;"),
            "{}: {file}",
            what("read_text")
        );
        let asked = cell(&html, 30);
        assert!(
            asked.contains("<strong>ombett</strong>"),
            "{}: {asked}",
            what("markdown()")
        );
        // The script's own Markdown around data made safe with `text(…)`.
        let built = cell(&html, 34);
        assert!(
            built.contains("<strong>Störst:</strong> **fet** &lt;img src=x onerror=alert(1)&gt; [länk](javascript:alert(1)) !"),
            "{}: {built}",
            what("text()")
        );
        assert_inert(built, &what("text()"));
        assert!(
            cell(&html, 38).contains("<strong>eget</strong>"),
            "{}",
            what("own Markdown")
        );
        // The chart: its title, its category labels, its data table.
        let chart = cell(&html, 42);
        assert!(chart.contains("<svg"), "{}: {chart}", what("chart"));
        assert!(
            chart.contains(&format!("<figcaption>{SHOWN}</figcaption>")),
            "{}: {chart}",
            what("chart title")
        );
        assert_inert(chart, &what("chart"));
    }
}

#[test]
fn text_from_a_spreadsheet_is_text() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Blad1").expect("name");
    sheet.write(0, 0, "Namn").expect("write");
    sheet.write(0, 1, "Text").expect("write");
    sheet.write(1, 0, "A").expect("write");
    sheet.write(1, 1, HOSTILE).expect("write");
    book.save(dir.path().join("h.xlsx")).expect("save");
    let (html, out) = common::render_with(
        "```rhai\nlet t = read_xlsx(\"h.xlsx\", \"Blad1\");\n```\n\nVärdet: {{ t.lookup(\"A\", \"Text\") }}.\n\n```rhai\nt\n```\n",
        dir.path(),
        &Config::default(),
        &[],
    );
    assert!(!out.failed(), "unexpected errors: {:?}", out.diagnostics);
    assert!(html.contains(&format!("Värdet: {SHOWN}.")), "{html}");
    assert_inert(&html, "xlsx");
}

#[test]
fn the_built_site_and_its_search_index_hold_the_text_itself() {
    let book = common::TempBook::new(&[
        (
            "book.toml",
            "[book]\ntitle = \"Test\"\nsrc = \"nb\"\n\n[data]\ndir = \"data\"\n",
        ),
        ("nb/SUMMARY.md", "# Innehåll\n\n- [Data](data.md)\n"),
        (
            "nb/data.md",
            "# Data\n\n```rhai\nlet t = read_csv(\"h.csv\");\n```\n\nVärdet: {{ t.lookup(\"A\", \"Text\") }}.\n\n```rhai\nt.title(\"Tabell\")\n```\n",
        ),
        ("data/h.csv", &csv()),
    ]);
    let out = book.run(&["build"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let page = book.read("site/data.html");
    assert!(page.contains(&format!("Värdet: {SHOWN}.")), "{page}");
    assert_inert(common::main_of(&page), "page");
    let index = book.read("site/sok-index.js");
    let json = index
        .strip_prefix("window.RAPPORTBOK_SOK = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .expect("index script");
    let data: serde_json::Value = serde_json::from_str(json).expect("index json");
    let text = data["sections"][0]["x"].as_str().expect("section text");
    assert!(text.contains(&format!("Värdet: {HOSTILE}.")), "{text}");
}
