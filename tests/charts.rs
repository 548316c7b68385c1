//! Charts end to end: a cell builds a chart from a table; the figure holds an SVG with title,
//! description and Swedish labels, and the same numbers as a table under "Visa data".

use std::path::{Path, PathBuf};

use rapportbok::config::Limits;
use rapportbok::notebook;
use rapportbok::script::{self, Output, RunContext};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn run(code: &str) -> Result<rhai::Dynamic, String> {
    let src = format!("```rhai\n{code}\n```\n");
    let nb = notebook::parse(Path::new("test.md"), &src);
    let ctx = RunContext {
        data_dir: seeds(),
        params: rhai::Map::new(),
        limits: Limits::default(),
        plugins: Default::default(),
        data_cache: Default::default(),
        sources: Default::default(),
    };
    let out = script::run(&nb, &ctx);
    let item = out.items.into_iter().next().expect("one cell");
    item.value.map_err(|e| e.message)
}

/// The figure's HTML.
fn figure(code: &str) -> String {
    let v = run(code).unwrap_or_else(|e| panic!("cell failed: {e}\n{code}"));
    match Output::from_value(&v) {
        Output::Html(h) => h,
        other => panic!("expected HTML, got {other:?}"),
    }
}

fn error(code: &str) -> String {
    match run(code) {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

/// The `<svg>…</svg>` part.
fn svg(html: &str) -> &str {
    let start = html.find("<svg").expect("svg start");
    let end = html.find("</svg>").expect("svg end") + "</svg>".len();
    &html[start..end]
}

/// The text of every `<text>` element, in order.
fn texts(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text") {
        let after = &rest[i..];
        let open_end = after.find('>').expect("tag end") + 1;
        let close = after.find("</text>").expect("text end");
        out.push(after[open_end..close].trim().to_string());
        rest = &after[close..];
    }
    out
}

/// Distinct stroke and fill colours of shapes (not text), other than white, grid, axis and
/// target colours: one per series.
fn series_colors(svg: &str) -> Vec<String> {
    let neutral = [
        "#FFFFFF", "#1B1F24", "#4A5260", "#DDE1E6", "#D4EDE3", "#1D6B35", "NONE",
    ];
    let mut out: Vec<String> = Vec::new();
    for element in svg
        .split('<')
        .filter(|e| !e.starts_with("text") && !e.starts_with("svg"))
    {
        for attr in ["stroke=\"", "fill=\""] {
            if let Some(part) = element.split(attr).nth(1) {
                let color = part.split('"').next().unwrap_or("").to_uppercase();
                if !neutral.contains(&color.as_str()) && !out.contains(&color) {
                    out.push(color);
                }
            }
        }
    }
    out.sort();
    out
}

fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html.find(open).expect(open) + open.len();
    let end = html[start..].find(close).expect(close) + start;
    &html[start..end]
}

/// Every chart: role, title and description wired up, data table under "Visa data",
/// byte-identical on a second run.
fn common_checks(code: &str, title: &str) -> String {
    let html = figure(code);
    let again = figure(code);
    assert_eq!(
        html, again,
        "the same chart must give byte-identical output"
    );
    let s = svg(&html);
    assert!(s.contains("role=\"img\""), "{s}");
    let title_tag = between(s, "<title id=\"", "</title>");
    assert!(title_tag.ends_with(title), "title: {title_tag}");
    let id = title_tag.split('"').next().expect("title id");
    assert!(
        s.contains(&format!("aria-labelledby=\"{id}\"")),
        "labelledby"
    );
    let desc_tag = between(s, "<desc id=\"", "\">");
    assert!(
        s.contains(&format!("aria-describedby=\"{desc_tag}\"")),
        "describedby"
    );
    assert_ne!(id, desc_tag);
    assert!(s.contains("viewBox=\"0 0 "), "viewBox");
    assert!(s.contains("width=\"100%\""), "sizes to the page");
    let open = &s[..s.find('>').expect("svg tag")];
    assert!(!open.contains("height="), "no fixed height: {open}");
    let desc = between(s, "<desc id=\"", "</desc>");
    assert!(desc.len() > 40, "desc says something: {desc}");
    assert!(html.starts_with("<figure class=\"chart"), "{html}");
    assert!(html.contains(&format!("<figcaption>{title}</figcaption>")));
    let details = between(&html, "<details class=\"chart-data\">", "</details>");
    assert!(details.starts_with("<summary>Visa data"), "{details}");
    assert!(
        details.contains("<table class=\"data-table\">"),
        "{details}"
    );
    html
}

const PER_YEAR: &str = r#"let b = read_csv("handbok/besok.csv");
line_chart(b, #{ x: "Period", y: "Besök", title: "Besök per månad och år", unit: "int" })"#;

#[test]
fn line_per_year_over_months() {
    let html = common_checks(PER_YEAR, "Besök per månad och år");
    let s = svg(&html);
    let t = texts(s);
    let months = [
        "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    for m in months {
        assert!(t.iter().any(|x| x == m), "month label {m} in {t:?}");
    }
    // Swedish thousands with a no-break space on the value axis.
    assert!(t.iter().any(|x| x == "40\u{a0}000"), "{t:?}");
    // Three years: three series colours, each named in the legend and at the line's end.
    assert_eq!(series_colors(s).len(), 3, "{:?}", series_colors(s));
    for year in ["2022", "2023", "2024"] {
        assert_eq!(
            t.iter().filter(|x| *x == year).count(),
            2,
            "{year} in legend and at the line"
        );
    }
    // Earlier years are dashed (two patterns), the latest solid; no marker opacity is left.
    assert!(
        s.contains("stroke-dasharray=\"9 4\" stroke=\"#C38600\""),
        "2023 dashed"
    );
    assert!(
        s.contains("stroke-dasharray=\"3 3\" stroke=\"#009E73\""),
        "2022 dotted"
    );
    assert!(!s.contains("opacity=\"0.99"), "dash marks replaced");
    let desc = between(s, "<desc", "</desc>");
    assert!(
        desc.contains("en linje var för 2022, 2023 och 2024"),
        "{desc}"
    );
    assert!(
        desc.contains("Senaste värde 47\u{a0}840 (oktober, 2024)"),
        "{desc}"
    );
    // The data table: a row per month, a column per year; 2024 stops at October.
    let table = between(&html, "<table", "</table>");
    assert!(
        table.contains("<th scope=\"col\">2022</th><th scope=\"col\" class=\"num\">")
            || table.contains("<th scope=\"col\" class=\"num\">2022</th>"),
        "{table}"
    );
    assert!(table.contains("<th scope=\"row\">januari</th>"), "{table}");
    assert!(
        table.contains("<td class=\"num\">42\u{a0}230</td>"),
        "{table}"
    );
    let december = between(table, "<th scope=\"row\">december</th>", "</tr>");
    assert!(
        december.ends_with("<td class=\"num\">\u{2013}</td>"),
        "no 2024 value: {december}"
    );
}

#[test]
fn time_chart_labels_years_and_keeps_gaps() {
    let code = r#"let p = read_csv("handbok/vardplatser.csv");
time_chart(p, #{ x: "Period", y: "Vårdplatser", title: "Vårdplatser", unit: "vårdplatser", zero: false })"#;
    let html = common_checks(code, "Vårdplatser");
    let s = svg(&html);
    let t = texts(s);
    for year in ["2020", "2021", "2022", "2023", "2024"] {
        assert!(
            t.iter().any(|x| x == year),
            "year {year} under the axis: {t:?}"
        );
    }
    assert!(
        t.iter().any(|x| x == "vårdplatser"),
        "unit word on the axis"
    );
    assert_eq!(series_colors(s).len(), 1);
    let desc = between(s, "<desc", "</desc>");
    assert!(
        desc.contains("från januari 2020 till oktober 2024"),
        "{desc}"
    );
    assert!(desc.contains("vårdplatser"), "{desc}");
    // A month missing in the middle breaks the line instead of bridging it.
    let gap = r#"let t = table([#{Period: period("2024-01"), V: 5}, #{Period: period("2024-02"), V: 6},
    #{Period: period("2024-04"), V: 7}, #{Period: period("2024-05"), V: 8}]);
time_chart(t, #{ y: "V", title: "Lucka" })"#;
    let html = figure(gap);
    let lucka = svg(&html);
    let runs = lucka
        .split('<')
        .filter(|e| e.starts_with("polyline") && e.contains("stroke=\"#0072B2\""))
        .count();
    assert_eq!(runs, 2, "two runs around the gap");
    let table = between(&html, "<table", "</table>");
    assert!(
        table.contains("<th scope=\"row\">mars 2024</th><td class=\"num\">\u{2013}</td>"),
        "{table}"
    );
}

#[test]
fn target_band_and_percent_axis() {
    let code = r#"let vg = read_csv("handbok/vardgaranti.csv");
line_chart(vg, #{ x: "Period", y: "Andel", series: "Jämförelse", unit: "pct",
  title: "Vårdgaranti", target_band: [85, 90] })"#;
    let html = common_checks(code, "Vårdgaranti");
    let s = svg(&html);
    let t = texts(s);
    assert!(t.iter().any(|x| x == "85,0\u{a0}%"), "percent ticks: {t:?}");
    assert!(
        t.iter().any(|x| x == "Mål 85\u{2013}90\u{a0}%"),
        "target label: {t:?}"
    );
    assert!(
        t.iter().any(|x| x == "okt"),
        "months of one year as jan–okt: {t:?}"
    );
    assert_eq!(series_colors(s).len(), 2, "{:?}", series_colors(s));
    let desc = between(s, "<desc", "</desc>");
    assert!(
        desc.contains("Mål 85\u{2013}90\u{a0}%: senaste värdet ligger under målintervallet"),
        "{desc}"
    );
    assert!(desc.contains("Högst"), "{desc}");
    // A target line on a bar chart, labelled with its unit.
    let bars = r#"let t = table([#{Enhet: "A", Andel: 82.5}, #{Enhet: "B", Andel: 91}]);
bar_chart(t, #{ unit: "pct", target: 90, title: "Mål" })"#;
    let t = texts(svg(&figure(bars)).to_string().as_str());
    assert!(t.iter().any(|x| x == "Mål 90\u{a0}%"), "{t:?}");
}

#[test]
fn grouped_bars_in_mkr() {
    let code = r#"let u = read_csv("handbok/utfall.csv").filter("Period", "2024-02").group_by("Verksamhet", ["Utfall", "Budget"]);
bar_chart(u, #{ x: "Verksamhet", y: ["Utfall", "Budget"], unit: "mkr", title: "Utfall och budget" })"#;
    let html = common_checks(code, "Utfall och budget");
    let s = svg(&html);
    let t = texts(s);
    for v in [
        "Kirurgi",
        "Medicin",
        "Psykiatri",
        "mkr",
        "Utfall",
        "Budget",
        "60",
    ] {
        assert!(t.iter().any(|x| x == v), "{v} in {t:?}");
    }
    assert_eq!(series_colors(s).len(), 2);
    // Three categories × two series, plus two legend boxes.
    assert_eq!(
        s.matches("<rect").count() - 1,
        8,
        "bars and legend boxes (and the background)"
    );
    let table = between(&html, "<table", "</table>");
    assert!(
        table.contains("<caption>Utfall och budget, mkr</caption>"),
        "{table}"
    );
    assert!(
        table.contains("<td class=\"num\">49,7</td>"),
        "Kirurgi 49,7 mkr: {table}"
    );
}

#[test]
fn horizontal_deviation_bars_sorted_with_signs() {
    let code = r#"let a = read_csv("handbok/avvikelse-omrade.csv");
hbar_chart(a, #{ x: "Område", y: "Avvikelse", unit: "mkr:1", title: "Avvikelse per område" })"#;
    let html = common_checks(code, "Avvikelse per område");
    let s = svg(&html);
    let t = texts(s);
    let names: Vec<&String> = t
        .iter()
        .filter(|x| ["Primärvård", "Akutsjukvård", "Radiologi"].contains(&x.as_str()))
        .collect();
    assert_eq!(
        names,
        ["Primärvård", "Radiologi", "Akutsjukvård"],
        "largest first"
    );
    assert!(t.iter().any(|x| x == "+12,4"), "{t:?}");
    assert!(t.iter().any(|x| x == "\u{2212}48,2"), "U+2212 minus: {t:?}");
    assert!(t.iter().any(|x| x == "\u{2212}40"), "axis tick: {t:?}");
    // Negative and positive bars differ in colour, and negatives are hatched.
    assert!(s.contains("fill=\"#D55E00\"") && s.contains("fill=\"#0072B2\""));
    let desc = between(s, "<desc", "</desc>");
    assert!(
        desc.contains("10 staplar, sorterade: 10 olika, från Primärvård till Akutsjukvård")
            || desc.contains("Primärvård, Folktandvård"),
        "{desc}"
    );
    assert!(
        desc.contains(
            "Högst 12,4\u{a0}mkr (Primärvård), lägst \u{2212}48,2\u{a0}mkr (Akutsjukvård)"
        ),
        "{desc}"
    );
    // `sort: "asc"` turns it round; `false` keeps the table's order.
    let asc = texts(
        svg(&figure(&code.replace("title:", "sort: \"asc\", title:")))
            .to_string()
            .as_str(),
    );
    let first = asc
        .iter()
        .find(|x| ["Primärvård", "Akutsjukvård"].contains(&x.as_str()));
    assert_eq!(first.map(String::as_str), Some("Akutsjukvård"));
    let kept = texts(
        svg(&figure(&code.replace("title:", "sort: false, title:")))
            .to_string()
            .as_str(),
    );
    let first = kept
        .iter()
        .find(|x| ["Primärvård", "Akutsjukvård"].contains(&x.as_str()));
    assert_eq!(
        first.map(String::as_str),
        Some("Akutsjukvård"),
        "first row of the file"
    );
}

#[test]
fn stacked_bars_with_totals() {
    let code = r#"let u = read_csv("handbok/utfall.csv").filter("Period", "2024-02").group_by(["Verksamhet", "Konto"], "Utfall");
stacked_bar_chart(u, #{ x: "Verksamhet", y: "Utfall", series: "Konto", unit: "mkr", title: "Per konto" })"#;
    let html = common_checks(code, "Per konto");
    let s = svg(&html);
    let t = texts(s);
    assert_eq!(series_colors(s).len(), 3, "three konton");
    for v in ["Köpt vård", "Läkemedel", "Personal", "49,7", "60,9", "34,5"] {
        assert!(t.iter().any(|x| x == v), "{v} in {t:?}");
    }
    let table = between(&html, "<thead>", "</thead>");
    assert!(
        table.contains(">Köpt vård</th>") && table.contains(">Personal</th>"),
        "{table}"
    );
}

#[test]
fn waterfall_from_budget_to_outcome() {
    let code = r#"let b = read_csv("handbok/brygga.csv");
waterfall_chart(b, #{ x: "Post", y: "Belopp", unit: "mkr:1", end: "Resultat", title: "Brygga" })"#;
    let html = common_checks(code, "Brygga");
    let s = svg(&html);
    let t = texts(s);
    for v in [
        "Budget",
        "Resultat",
        "\u{2212}12,0",
        "\u{2212}41,3",
        "+27,6",
        "\u{2212}72,7",
    ] {
        assert!(t.iter().any(|x| x == v), "{v} in {t:?}");
    }
    let desc = between(s, "<desc", "</desc>");
    assert!(desc.contains("Budget \u{2212}12,0\u{a0}mkr"), "{desc}");
    assert!(desc.contains("Statsbidrag +27,6"), "{desc}");
    assert!(desc.contains("Resultat \u{2212}72,7\u{a0}mkr"), "{desc}");
    let table = between(&html, "<table", "</table>");
    assert!(table.contains("<th scope=\"row\">Resultat</th><td class=\"num\">\u{2212}72,7</td><td class=\"num\">\u{2212}72,7</td>"), "{table}");
    assert!(table.contains("<th scope=\"row\">Personal</th><td class=\"num\">\u{2212}41,3</td><td class=\"num\">\u{2212}53,3</td>"), "{table}");
}

#[test]
fn text_is_escaped() {
    let code = r#"let t = table([#{Enhet: "<b>A & B</b>", V: 1}, #{Enhet: "C", V: 2}]);
bar_chart(t, #{ title: "x < y & \"z\"" })"#;
    let html = figure(code);
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.contains("&lt;b&gt;A &amp; B&lt;/b&gt;"));
    assert!(html.contains("<figcaption>x &lt; y &amp; &quot;z&quot;</figcaption>"));
}

#[test]
fn errors_say_what_exists() {
    let e = error(r#"let t = table([#{A: "x", V: 1}]); bar_chart(t, #{ titel: "T" })"#);
    assert!(
        e.contains("okänd inställning `titel`") && e.contains("title"),
        "{e}"
    );
    let e = error(r#"let t = table([#{A: "x", V: 1}]); bar_chart(t, #{ y: "Utfall" })"#);
    assert!(
        e.contains("kolumnen `Utfall` finns inte") && e.contains("`A`, `V`"),
        "{e}"
    );
    let e = error(r#"let t = table([#{A: "x", V: 1}]); bar_chart(t, #{ y: "A" })"#);
    assert!(e.contains("`A` är text") && e.contains("`V`"), "{e}");
    let e = error(
        r#"let t = table([#{A: "x", V: 1}, #{A: "x", V: 2}]); bar_chart(t, #{ x: "A", y: "V" })"#,
    );
    assert!(e.contains("två värden") && e.contains("group_by"), "{e}");
    let e = error(
        r#"let t = table([#{A: "x", V: 1}]); line_chart(t, #{ target: 1, target_band: [1, 2] })"#,
    );
    assert!(e.contains("antingen `target` eller `target_band`"), "{e}");
    let e = error(r#"let t = table([#{A: "x", V: 1}]); time_chart(t, #{ y: "V" })"#);
    assert!(e.contains("periodkolumn"), "{e}");
    let e = error(r#"let t = table([#{A: "x", V: 1, W: 2}]); hbar_chart(t, #{ y: ["V", "W"] })"#);
    assert!(e.contains("en serie"), "{e}");
    let e = error(r#"let t = table([#{A: "x", V: 1}]); bar_chart(t, #{ colors: ["blå"] })"#);
    assert!(e.contains("#rrggbb"), "{e}");
    let e = error(r#"let t = table([#{A: "x", V: 1}]); bar_chart(t, #{ unit: "mkr:x" })"#);
    assert!(e.contains("unit"), "{e}");
}

#[test]
fn totals_are_left_out_and_defaults_pick_columns() {
    let code = r#"let t = table([#{Enhet: "A", V: 10}, #{Enhet: "B", V: 20}]).total();
bar_chart(t)"#;
    let html = figure(code);
    let t = texts(svg(&html));
    assert!(!t.iter().any(|x| x == "Summa"), "{t:?}");
    assert!(
        html.contains("<figcaption>V per enhet</figcaption>"),
        "{html}"
    );
}

#[test]
fn one_year_is_still_named() {
    let code = r#"let t = table([#{Period: period("2024-01"), Antal: 10}, #{Period: period("2024-02"), Antal: 12}]);
line_chart(t, #{ title: "Ett år" })"#;
    let html = figure(code);
    let s = svg(&html);
    assert!(texts(s).iter().any(|x| x == "2024"), "{:?}", texts(s));
    let desc = between(s, "<desc", "</desc>");
    assert!(
        desc.contains("Månaderna januari till december, en linje för 2024."),
        "{desc}"
    );
    assert!(html.contains("<th scope=\"col\">Månad</th>"), "{html}");
}

#[test]
fn bars_with_a_budget_line_and_single_series_values() {
    let code = r#"let r = read_csv("handbok/resultat-manad.csv");
bar_chart(r, #{ x: "Period", y: ["Utfall", "Budget"], line: "Budget", unit: "mkr", title: "Mot budget" })"#;
    let html = common_checks(code, "Mot budget");
    let s = svg(&html);
    // Ten months of bars (plus the background and the legend box) and one budget line.
    assert_eq!(s.matches("<rect").count(), 12, "{s}");
    let budget_lines = s
        .split('<')
        .filter(|e| e.starts_with("polyline") && e.contains("stroke=\"#C38600\""))
        .count();
    assert_eq!(budget_lines, 2, "the line and its legend sample");
    let desc = between(s, "<desc", "</desc>");
    assert!(
        desc.contains("Budget visas som linje över staplarna."),
        "{desc}"
    );
    // A single series of bars carries its values.
    let one = r#"let r = read_csv("handbok/resultat-manad.csv");
bar_chart(r, #{ x: "Period", y: "Utfall", unit: "mkr", title: "Utfall" })"#;
    let t = texts(svg(&figure(one)).to_string().as_str());
    assert!(t.iter().any(|x| x == "61,9"), "{t:?}");
    let e = error(
        r#"let r = read_csv("handbok/resultat-manad.csv");
bar_chart(r, #{ x: "Period", y: ["Utfall", "Budget"], line: "Plan" })"#,
    );
    assert!(
        e.contains("`Plan`") && e.contains("`Utfall`, `Budget`"),
        "{e}"
    );
    let e = error(
        r#"let r = read_csv("handbok/resultat-manad.csv");
line_chart(r, #{ x: "Period", y: ["Utfall", "Budget"], line: "Budget" })"#,
    );
    assert!(e.contains("bara för bar_chart"), "{e}");
}

#[test]
fn own_colours_and_size() {
    let code = r##"let t = table([#{Enhet: "A", V: 1, W: 2}, #{Enhet: "B", V: 3, W: 4}]);
bar_chart(t, #{ y: ["V", "W"], colors: ["#123456", "#abcdef"], width: 600, height: 300, title: "Egna" })"##;
    let html = figure(code);
    let s = svg(&html);
    assert_eq!(series_colors(s), ["#123456", "#ABCDEF"]);
    assert!(s.contains("viewBox=\"0 0 600 300\""), "{s}");
    let e = error(r#"let t = table([#{A: "x", V: 1}]); bar_chart(t, #{ width: 50 })"#);
    assert!(e.contains("240–2000"), "{e}");
}

#[test]
fn long_line_names_fit_inside_the_chart() {
    // The names at the line ends are bold; a long one must not run past the right edge.
    let code = r#"let t = table([
    #{Period: period("2024-01"), "Sjukfrånvaro": 8.1, "Rullande 12 mån": 8.9},
    #{Period: period("2024-02"), "Sjukfrånvaro": 8.5, "Rullande 12 mån": 8.8}]);
time_chart(t, #{ y: ["Sjukfrånvaro", "Rullande 12 mån"], unit: "pct:1", title: "Sjukfrånvaro" })"#;
    let html = figure(code);
    let s = svg(&html);
    let name = "Rullande 12 mån";
    // The last text element with the name is the end label (the first is the legend's).
    let tag = s
        .split("<text")
        .skip(1)
        .filter(|e| {
            e.split_once('>')
                .is_some_and(|(_, rest)| rest.trim().starts_with(name))
        })
        .last()
        .unwrap_or_else(|| panic!("no end label {name}: {s}"));
    let x_at = tag.find(" x=\"").expect("x attribute") + 4;
    let x: f64 = tag[x_at..]
        .split('"')
        .next()
        .and_then(|v| v.parse().ok())
        .expect("x value");
    assert!(tag.contains("bold"), "the end label is bold: {tag}");
    // Bold DejaVu Sans (the widest common fallback) sets this name 9,47 em wide (sum of its
    // glyphs' advance widths), at 13 px.
    let width = 9.47 * 13.0;
    assert!(
        x + width <= 720.0,
        "label from x = {x} runs past 720: {tag}"
    );
}

#[test]
fn only_charts_over_time_describe_a_latest_value() {
    let categories = figure(
        "let t = table([\"Kostnadsslag\", \"Förändring\"], [[\"Löner\", 5.2], [\"Läkemedel\", 9.0]]);\n\
         bar_chart(t, #{title: \"Kostnadsutveckling\", unit: \"pct:1\"})",
    );
    let months = figure(
        "let t = table([\"Period\", \"Utfall\"], [[period(\"2024-01\"), 10], [period(\"2024-02\"), 12]]);\n\
         bar_chart(t, #{title: \"Utfall per månad\"})",
    );
    let by_category = between(&categories, "<desc", "</desc>");
    assert!(!by_category.contains("Senaste"), "{by_category}");
    assert!(by_category.contains("Högst"), "{by_category}");
    let by_month = between(&months, "<desc", "</desc>");
    assert!(by_month.contains("Senaste värde 12"), "{by_month}");
}

#[test]
fn direct_labels_fit_inside_the_chart() {
    // A long series name as a bold direct label right of the plot ("Region Västerbotten" was
    // cut off at the SVG's right edge).
    let code = r#"let t = table(["Period", "Region Västerbotten", "Riket"],
  [[period(2024, 1), 71.4, 77.2], [period(2024, 2), 71.3, 76.0], [period(2024, 3), 72.0, 75.1]]);
time_chart(t, #{ x: "Period", y: ["Region Västerbotten", "Riket"], unit: "pct:1", title: "Jämförelse" })"#;
    let html = figure(code);
    let s = svg(&html);
    let mut labels = 0;
    let mut rest = s;
    while let Some(i) = rest.find("<text") {
        let after = &rest[i..];
        let open = &after[..after.find('>').expect("tag end")];
        let close = after.find("</text>").expect("text end");
        let text = after[open.len() + 1..close].trim();
        if open.contains("font-weight=\"bold\"") && open.contains("text-anchor=\"start\"") {
            let x: f64 = between(open, "x=\"", "\"").parse().expect("x");
            // Bold sans-serif (DejaVu Sans Bold) runs about 0.62 em per character on average.
            let width = 0.62 * 13.0 * text.chars().count() as f64;
            assert!(
                x + width <= 720.0,
                "label {text:?} at x={x} needs {width:.0} px, beyond the width 720"
            );
            labels += 1;
        }
        rest = &after[close..];
    }
    assert_eq!(labels, 2, "one direct label per series");
}
