//! Data layer end to end: numbers, periods, tables and data files as scripts use them.

use std::path::{Path, PathBuf};

use rapportbok::config::Limits;
use rapportbok::notebook;
use rapportbok::script::{self, Output, RunContext};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data")
}

fn ctx(dir: &Path) -> RunContext {
    RunContext {
        data_dir: dir.to_path_buf(),
        params: rhai::Map::new(),
        limits: Limits::default(),
        plugins: Default::default(),
        data_cache: Default::default(),
        sources: Default::default(),
    }
}

/// Run `code` as one cell with the data dir `dir`; the cell's value or its error message.
fn run_in(dir: &Path, code: &str) -> Result<rhai::Dynamic, String> {
    let src = format!("```rhai\n{code}\n```\n");
    let nb = notebook::parse(Path::new("test.md"), &src);
    let out = script::run(&nb, &ctx(dir));
    let item = out.items.into_iter().next().expect("one cell");
    item.value.map_err(|e| e.message)
}

fn run(code: &str) -> Result<rhai::Dynamic, String> {
    run_in(&fixtures(), code)
}

/// The cell's value as shown (text, or HTML for tables).
fn shown(code: &str) -> String {
    let v = run(code).unwrap_or_else(|e| panic!("cell failed: {e}\n{code}"));
    match Output::from_value(&v) {
        Output::Text(t) | Output::Markdown(t) | Output::Html(t) => t,
        Output::Nothing => String::new(),
    }
}

fn text(code: &str) -> String {
    let v = run(code).unwrap_or_else(|e| panic!("cell failed: {e}\n{code}"));
    v.to_string()
}

fn error(code: &str) -> String {
    match run(code) {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

const MINUS: char = '\u{2212}';

#[test]
fn number_helpers_in_scripts() {
    assert_eq!(text("mkr(-174149000, 1)"), format!("{MINUS}174,1"));
    assert_eq!(text("tkr(12500)"), "13");
    assert_eq!(text("kr(1234567)"), "1\u{a0}234\u{a0}567");
    assert_eq!(text("signed(12)"), "+12");
    assert_eq!(text("signed(-177)"), format!("{MINUS}177"));
    assert_eq!(text("pct(12.5)"), "12,5\u{a0}%");
    assert_eq!(text("pct_change(0, 50)"), "\u{2013}");
    assert_eq!(text("pct_change(200, 250)"), "+25,0\u{a0}%");
    assert_eq!(text("parse_number(\"-1 083,5\")"), "-1083.5");
    assert_eq!(text("parse_number(\"\u{2013}50\")"), "-50");
    assert!(error("parse_number(\"tolv\")").contains("`tolv` är inte ett tal"));
}

#[test]
fn periods_in_scripts() {
    assert_eq!(shown("period(\"2024-02\")"), "februari 2024");
    assert_eq!(
        text("period(\"2024-02\").last_year().to_string()"),
        "2023-02"
    );
    assert_eq!(
        text("period(\"februari 2024\").r12_start().to_string()"),
        "2023-03"
    );
    assert_eq!(
        text("period(\"2024-10\").year_start().to_string()"),
        "2024-01"
    );
    assert_eq!(text("period(\"2024-06\").tertial()"), "2");
    assert_eq!(text("period(\"2024-06\").quarter()"), "2");
    assert_eq!(text("period(\"2024-06\").short_name()"), "jun");
    assert_eq!(text("period(\"2024-06\") > period(\"2024-05\")"), "true");
    assert!(error("period(\"2024-13\")").contains("ingen period"));
}

const LEDGER: &str = r#"
let t = table(["Konto", "Period", "Utfall", "Budget"], [
    ["Personal", period("2024-01"), 100, 90],
    ["Personal", period("2024-02"), 110, 90],
    ["Läkemedel", period("2024-01"), 50.5, 60],
    ["Läkemedel", period("2024-02"), 40.25, 60],
    ["Övrigt", period("2024-02"), 7, 0],
]);
"#;

fn ledger(code: &str) -> String {
    text(&format!("{LEDGER}\n{code}"))
}

#[test]
fn column_arithmetic_and_sums() {
    assert_eq!(
        ledger("t[\"Avvikelse\"] = t[\"Utfall\"] - t[\"Budget\"]; t.values(\"Avvikelse\")"),
        "[10, 20, -9.5, -19.75, 7]"
    );
    assert_eq!(ledger("t.sum(\"Utfall\")"), "307.75");
    assert_eq!(ledger("t.len()"), "5");
    assert_eq!(ledger("(t[\"Utfall\"] * 2).sum()"), "615.50");
    assert_eq!(ledger("(t[\"Utfall\"] / 1000).sum()"), "0.30775");
    assert_eq!(ledger("(100 - t[\"Budget\"]).sum()"), "200");
    assert_eq!(
        ledger("t[\"X\"] = t[\"Utfall\"] + t[\"Budget\"]; t.sum(\"X\")"),
        "607.75"
    );
    assert_eq!(ledger("t.mean(\"Budget\")"), "60");
    assert_eq!(ledger("t.max(\"Utfall\")"), "110");
}

#[test]
fn select_rename_filter_sort_top() {
    assert_eq!(
        ledger("t.select([\"Utfall\", \"Konto\"]).columns()"),
        "[\"Utfall\", \"Konto\"]"
    );
    assert_eq!(
        ledger("t.rename(\"Utfall\", \"Utfall 2024\").columns()[2]"),
        "Utfall 2024"
    );
    assert_eq!(ledger("t.drop(\"Budget\").columns().len()"), "3");
    assert_eq!(
        ledger("t.filter(\"Konto\", \"Personal\").sum(\"Utfall\")"),
        "210"
    );
    assert_eq!(
        ledger("t.filter(\"Konto\", [\"Personal\", \"Övrigt\"]).len()"),
        "3"
    );
    assert_eq!(
        ledger("t.filter(\"Period\", \"2024-02\").sum(\"Utfall\")"),
        "157.25"
    );
    assert_eq!(
        ledger("t.filter_range(\"Period\", \"2024-01\", \"2024-01\").sum(\"Utfall\")"),
        "150.5"
    );
    assert_eq!(ledger("t.filter(|r| r.Utfall > 60).len()"), "2");
    assert_eq!(
        ledger("t.sort(\"Utfall\").values(\"Utfall\")"),
        "[7, 40.25, 50.5, 100, 110]"
    );
    assert_eq!(
        ledger("t.sort_desc(\"Utfall\").at(0, \"Konto\")"),
        "Personal"
    );
    assert_eq!(
        ledger("t.top(2, \"Utfall\").values(\"Utfall\")"),
        "[110, 100]"
    );
}

#[test]
fn group_join_pivot() {
    assert_eq!(
        ledger(
            "let g = t.group_by(\"Konto\", [\"Utfall\", \"Budget\"]); [g.values(\"Konto\"), g.values(\"Utfall\"), g.values(\"Budget\")]"
        ),
        "[[\"Personal\", \"Läkemedel\", \"Övrigt\"], [210, 90.75, 7], [180, 120, 0]]"
    );
    assert_eq!(
        ledger("t.group_by(\"Konto\", \"Utfall\", \"mean\").values(\"Utfall\")"),
        "[105, 45.375, 7]"
    );
    assert_eq!(
        ledger("t.group_by(\"Konto\", \"Utfall\", \"min\").values(\"Utfall\")"),
        "[100, 40.25, 7]"
    );
    assert_eq!(
        ledger("t.group_by(\"Konto\", \"Utfall\", \"max\").values(\"Utfall\")"),
        "[110, 50.5, 7]"
    );
    assert_eq!(
        ledger("t.count_by(\"Konto\").values(\"Antal\")"),
        "[2, 2, 1]"
    );
    let join = "let fg = table([#{Konto: \"Personal\", Fg: 200}, #{Konto: \"Läkemedel\", Fg: 0}]);
        let j = t.group_by(\"Konto\", \"Utfall\").join(fg, \"Konto\");";
    assert_eq!(ledger(&format!("{join} j.values(\"Fg\")")), "[200, 0, ()]");
    assert_eq!(
        ledger(&format!(
            "{join} t.group_by(\"Konto\", \"Utfall\").join(fg, \"Konto\", \"inner\").len()"
        )),
        "2"
    );
    assert_eq!(
        ledger(&format!(
            "{join} j.pct_change(\"Fg\", \"Utfall\", \"Förändring\").values(\"Förändring\")"
        )),
        "[5, (), ()]"
    );
    assert!(
        error(&format!("{LEDGER} t.join(t, \"Konto\")"))
            .contains("båda tabellerna har kolumnen `Period`")
    );
    let p = "let p = t.pivot(\"Konto\", \"Period\", \"Utfall\");";
    assert_eq!(
        ledger(&format!("{p} p.columns()")),
        "[\"Konto\", \"jan 2024\", \"feb 2024\"]"
    );
    assert_eq!(
        ledger(&format!("{p} p.values(\"jan 2024\")")),
        "[100, 50.5, ()]"
    );
    assert_eq!(
        ledger(&format!(
            "{p} let u = p.unpivot(\"Konto\", \"Månad\", \"Utfall\"); [u.len(), u.sum(\"Utfall\")]"
        )),
        "[6, 307.75]"
    );
}

#[test]
fn totals_subtotals_varav_ack_r12() {
    assert_eq!(
        ledger(
            "let s = t.total(); [s.len(), s.at(5, \"Konto\"), s.at(5, \"Utfall\"), s.sum(\"Utfall\")]"
        ),
        "[6, \"Summa\", 307.75, 307.75]"
    );
    assert_eq!(
        ledger(
            "let s = t.subtotals(\"Konto\"); [s.len(), s.at(2, \"Konto\"), s.at(2, \"Utfall\"), s.at(5, \"Utfall\")]"
        ),
        "[8, \"Summa Personal\", 210, 90.75]"
    );
    // A varav row is part of the row above: left out of the total.
    assert_eq!(
        ledger("let s = t.varav(\"Konto\", \"Övrigt\").total(); s.at(5, \"Utfall\")"),
        "300.75"
    );
    assert_eq!(
        ledger("t.ack(\"Period\", \"Utfall\", \"Ack\").values(\"Ack\")"),
        "[100, 210, 50.5, 90.75, 7]"
    );
    let long = "let l = table([\"Konto\", \"Period\", \"Utfall\"], [
        [\"A\", period(\"2023-11\"), 1], [\"A\", period(\"2023-12\"), 2],
        [\"A\", period(\"2024-01\"), 4], [\"A\", period(\"2024-11\"), 8],
        [\"B\", period(\"2024-01\"), 16]]);";
    assert_eq!(
        text(&format!(
            "{long} l.ack(\"Period\", \"Utfall\", \"Ack\").values(\"Ack\")"
        )),
        "[1, 3, 4, 12, 16]"
    );
    // R12 for 2024-11 covers 2023-12..2024-11: 2 + 4 + 8.
    assert_eq!(
        text(&format!(
            "{long} l.r12(\"Period\", \"Utfall\", \"R12\").values(\"R12\")"
        )),
        "[1, 3, 7, 14, 16]"
    );
}

#[test]
fn table_html_is_accessible() {
    let html = shown(&format!(
        "{LEDGER} t[\"Avvikelse\"] = t[\"Utfall\"] - t[\"Budget\"];
         t.select([\"Konto\", \"Utfall\", \"Avvikelse\"]).varav(\"Konto\", \"Övrigt\").total()
          .format(\"Avvikelse\", \"+dec:1\").format(\"Utfall\", \"int\").mark(\"Avvikelse\", 15)
          .title(\"Utfall <per> konto\")"
    ));
    assert!(html.starts_with("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Utfall &lt;per&gt; konto\">"));
    assert!(html.contains("<caption>Utfall &lt;per&gt; konto</caption>"));
    assert!(
        html.contains("<th scope=\"col\">Konto</th><th scope=\"col\" class=\"num\">Utfall</th>")
    );
    assert!(html.contains("<tr><th scope=\"row\">Personal</th><td class=\"num\">100</td><td class=\"num\">+10,0</td></tr>"));
    // −19,75 is beyond 15: marked by symbol and hidden text, with the U+2212 minus.
    assert!(html.contains(&format!(
        "<td class=\"num\"><span class=\"dev dev-neg\">{MINUS}19,8\u{a0}<span aria-hidden=\"true\">▼</span><span class=\"visually-hidden\"> (avvikelse under gränsen)</span></span></td>"
    )), "{html}");
    assert!(html.contains("<tr class=\"varav\"><th scope=\"row\" class=\"varav-cell\"><span class=\"varav-label\">varav</span> Övrigt</th>"), "{html}");
    assert!(
        html.contains("<tr class=\"total\"><th scope=\"row\">Summa</th><td class=\"num\">301</td>")
    );
    assert!(html.contains("<p class=\"table-note\">▲/▼ i kolumnen Avvikelse: avvikelse större än 15,0 uppåt/nedåt.</p>"));
}

#[test]
fn largest_remainder_only_when_asked() {
    let t = "let t = table([#{A: \"x\", V: 0.4}, #{A: \"y\", V: 0.4}, #{A: \"z\", V: 0.4}]).format(\"V\", \"int\").total();";
    let plain = shown(&format!("{t} t"));
    assert_eq!(plain.matches("<td class=\"num\">0</td>").count(), 3);
    assert!(
        plain.contains("<tr class=\"total\"><th scope=\"row\">Summa</th><td class=\"num\">1</td>")
    );
    let adjusted = shown(&format!("{t} t.round_to_total()"));
    assert!(
        adjusted.contains("<tr><th scope=\"row\">x</th><td class=\"num\">1</td></tr>"),
        "{adjusted}"
    );
    assert_eq!(adjusted.matches("<td class=\"num\">0</td>").count(), 2);
}

#[test]
fn table_errors_name_what_exists() {
    let e = error(&format!("{LEDGER} t[\"Utfal\"]"));
    assert!(
        e.contains(
            "kolumnen `Utfal` finns inte; tabellen har `Konto`, `Period`, `Utfall`, `Budget`"
        ),
        "{e}"
    );
    assert!(error(&format!("{LEDGER} t.sum(\"Konto\")")).contains("`Konto` är text, inte tal"));
    assert!(
        error(&format!("{LEDGER} t.format(\"Utfall\", \"miljoner\")")).contains("okänt format")
    );
    assert!(error("table([#{A: 1}, #{A: \"x\"}])").contains("rad 2 i kolumnen `A`"));
}

#[test]
fn csv_utf8_bom_semicolon_quotes_and_swedish_numbers() {
    let t = "let t = read_csv(\"ledger.csv\");";
    assert_eq!(
        text(&format!("{t} t.columns()")),
        "[\"Period\", \"Kostnadsställe\", \"Konto\", \"Utfall\", \"Budget\"]"
    );
    assert_eq!(
        text(&format!("{t} t.at(0, \"Kostnadsställe\")")),
        "Kirurgi; akut"
    );
    assert_eq!(
        text(&format!("{t} t.values(\"Utfall\")")),
        "[1083.50, -250, 12.5, -50]"
    );
    assert_eq!(text(&format!("{t} t.sum(\"Budget\")")), "899.75");
    assert_eq!(
        text(&format!("{t} t.at(1, \"Period\").to_string()")),
        "2024-01"
    );
    assert_eq!(text(&format!("{t} t.at(0, \"Konto\")")), "4010");
    assert_eq!(
        text(&format!(
            "{t} t.filter(\"Period\", \"2024-02\").sum(\"Utfall\")"
        )),
        "-37.5"
    );
    // Override: the account code as text.
    assert_eq!(
        text(
            "read_csv(\"ledger.csv\", #{types: #{Konto: \"text\"}}).filter(\"Konto\", \"5010\").len()"
        ),
        "1"
    );
}

#[test]
fn csv_windows_1252_with_nbsp_and_en_dash() {
    let t = "let t = read_csv(\"win1252.csv\");";
    assert_eq!(
        text(&format!("{t} t.at(1, \"Verksamhet\")")),
        "Vårdcentral Örebro"
    );
    assert_eq!(
        text(&format!("{t} t.values(\"Utfall\")")),
        "[-1083.5, 2000]"
    );
    assert_eq!(text(&format!("{t} t.values(\"Andel\")")), "[12.5, 3]");
    // A percent column keeps its `%` when shown.
    let html = shown(&format!("{t} t"));
    assert!(
        html.contains("<td class=\"num\">12,5\u{a0}%</td>"),
        "{html}"
    );
    assert!(
        html.contains(&format!("<td class=\"num\">{MINUS}1\u{a0}083,5</td>")),
        "{html}"
    );
}

#[test]
fn csv_comma_separated_point_decimals_and_codes() {
    let t = "let t = read_csv(\"comma.csv\");";
    assert_eq!(text(&format!("{t} t.at(0, \"name\")")), "Smith, J");
    assert_eq!(text(&format!("{t} t.sum(\"value\")")), "1081.25");
    // Leading zeros make a code column text.
    assert_eq!(text(&format!("{t} t.at(0, \"code\")")), "0123");
}

#[test]
fn csv_errors_name_file_row_column_and_value() {
    let e = error("read_csv(\"bad.csv\")");
    assert!(
        e.contains("`bad.csv` rad 14, kolumn `Utfall`: värdet `n/a` är inte ett tal"),
        "{e}"
    );
    let e = error("read_csv(\"saknas.csv\")");
    assert!(
        e.contains("filen `saknas.csv` finns inte i datamappen"),
        "{e}"
    );
    assert!(e.contains("fixtures/data"), "{e}");
    let e = error("read_csv(\"../data_tables.rs\")");
    assert!(e.contains("går uppåt"), "{e}");
    let e = error("read_csv(\"ledger.csv\", #{types: #{Kto: \"text\"}})");
    assert!(
        e.contains("`ledger.csv` har ingen kolumn `Kto`; kolumnerna är `Period`, `Kostnadsställe`"),
        "{e}"
    );
    let e = error("read_csv(\"ledger.csv\").sum(\"Utfal\")");
    assert!(
        e.contains("kolumnen `Utfal` finns inte; tabellen har `Period`"),
        "{e}"
    );
}

#[test]
fn a_cached_csv_is_read_again_when_it_changes() {
    // That a hit is served without parsing is shown in tests/incremental.rs; here: two
    // cells read the same file, and the next run with the same cache sees the new content.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.csv"), "A;B\nx;1\n").expect("write");
    let src = "```rhai\nlet first = read_csv(\"a.csv\");\n```\n\n```rhai\nlet second = read_csv(\"a.csv\"); second.sum(\"B\")\n```\n";
    let nb = notebook::parse(Path::new("t.md"), src);
    let ctx = ctx(dir.path());
    let sandboxed = script::run(&nb, &ctx);
    assert_eq!(
        sandboxed.items[1]
            .value
            .as_ref()
            .map(|v| v.to_string())
            .ok(),
        Some("1".into())
    );
    // A different length, so the change shows even within one modification-time tick.
    std::fs::write(dir.path().join("a.csv"), "A;B\nx;20\n").expect("write");
    let again = script::run(&nb, &ctx);
    assert_eq!(
        again.items[1].value.as_ref().map(|v| v.to_string()).ok(),
        Some("20".into())
    );
}

#[test]
fn xlsx_numbers_dates_and_ranges() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Utfall").expect("name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(0, 0, "Verksamhet").expect("w");
    ws.write_string(0, 1, "Datum").expect("w");
    ws.write_string(0, 2, "Utfall").expect("w");
    ws.write_string(0, 3, "Period").expect("w");
    let rows = [
        ("Kirurgi", 2024, 1, 31, "1083.5", "2024-01"),
        ("Medicin", 2024, 2, 29, "-250.25", "2024-02"),
    ];
    for (i, (v, y, m, d, x, p)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *v).expect("w");
        let dt = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
        ws.write_datetime_with_format(r, 1, &dt, &date).expect("w");
        ws.write_number(r, 2, x.parse::<f64>().expect("f"))
            .expect("w");
        ws.write_string(r, 3, *p).expect("w");
    }
    ws.write_string(5, 5, "Ruta").expect("w");
    ws.write_number(6, 5, 7).expect("w");
    wb.save(dir.path().join("bok.xlsx")).expect("save");

    let run = |code: &str| run_in(dir.path(), code).map(|v| v.to_string());
    assert_eq!(
        run("read_xlsx(\"bok.xlsx\", \"Utfall\", \"A1:D3\").values(\"Utfall\")"),
        Ok("[1083.5, -250.25]".into())
    );
    // Without a range the whole used area is read: the block in F adds rows.
    assert_eq!(
        run("read_xlsx(\"bok.xlsx\", \"Utfall\").len()"),
        Ok("4".into())
    );
    assert_eq!(
        run("read_xlsx(\"bok.xlsx\", \"Utfall\").at(1, \"Datum\").to_string()"),
        Ok("2024-02-29".into())
    );
    assert_eq!(
        run("read_xlsx(\"bok.xlsx\", \"Utfall\").at(1, \"Period\").to_string()"),
        Ok("2024-02".into())
    );
    assert_eq!(
        run("read_xlsx(\"bok.xlsx\", \"Utfall\", \"F6:F7\").sum(\"Ruta\")"),
        Ok("7".into())
    );
    let e = run("read_xlsx(\"bok.xlsx\", \"Blad1\")").expect_err("missing sheet");
    assert!(
        e.contains("har inget blad `Blad1`; bladen är `Utfall`"),
        "{e}"
    );
}

#[test]
fn varav_label_sits_in_its_column_and_sum_rows_leave_keys_blank() {
    let html = shown(&format!(
        "{LEDGER} t.group_by([\"Period\", \"Konto\"], \"Utfall\").sort(\"Period\").varav(\"Konto\", \"Övrigt\").subtotals(\"Period\")"
    ));
    assert!(html.contains("<tr class=\"varav\"><th scope=\"row\">feb 2024</th><td class=\"varav-cell\"><span class=\"varav-label\">varav</span> Övrigt</td>"), "{html}");
    // The subtotal is labelled in the first text column (Konto); the period cell is blank.
    assert!(html.contains("<tr class=\"subtotal\"><th scope=\"row\"></th><td>Summa feb 2024</td><td class=\"num\">150,25</td></tr>"), "{html}");
}

#[test]
fn ragged_csv_rows_and_printing_a_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("trasig.csv"), "A;B\nx;1\ny;2;3\n").expect("write");
    let e = run_in(dir.path(), "read_csv(\"trasig.csv\")").expect_err("ragged");
    assert!(
        e.contains("`trasig.csv` rad 3: 3 fält, men rubrikraden har 2 (avgränsare `;`)"),
        "{e}"
    );
    assert_eq!(
        ledger("t.to_string()"),
        "Tabell: 5 rader; Konto (text), Period (period), Utfall (decimaltal), Budget (heltal)"
    );
}

#[test]
fn lookup_finds_a_figure_by_row_label_and_names_the_rows_when_missing() {
    let t = "let t = table([\"Post\", \"Utfall\"], [[\"Intäkter\", 12], [\"Kostnader\", -177], [\"Kostnader\", 1]]);";
    assert_eq!(
        text(&format!("{t} t.lookup(\"Intäkter\", \"Utfall\")")),
        "12"
    );
    let missing = error(&format!("{t} t.lookup(\"Resultat\", \"Utfall\")"));
    assert!(
        missing.contains("`Resultat`") && missing.contains("`Intäkter`"),
        "{missing}"
    );
    let twice = error(&format!("{t} t.lookup(\"Kostnader\", \"Utfall\")"));
    assert!(twice.contains("2 rader heter `Kostnader`"), "{twice}");
}

/// A data folder holding `max.csv`: a value at a decimal's maximum beside ordinary ones.
fn max_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("max.csv"),
        "Namn;Belopp;Motsatt;Period\n\
         A;79228162514264337593543950335;-79228162514264337593543950335;2024-01\n\
         A;1;-1;2024-02\n",
    )
    .expect("write");
    dir
}

#[test]
fn decimal_overflow_is_an_error_naming_the_operation() {
    let dir = max_dir();
    let beyond = "ryms inte i ett tal";
    let cases = [
        (
            "read_csv(\"max.csv\").sum(\"Belopp\")",
            "summan av kolumnen `Belopp`",
        ),
        (
            "read_csv(\"max.csv\")[\"Belopp\"].sum()",
            "summan av kolumnen `Belopp`",
        ),
        (
            "read_csv(\"max.csv\").mean(\"Belopp\")",
            "summan av kolumnen `Belopp` (för medelvärdet)",
        ),
        (
            "read_csv(\"max.csv\").total()",
            "summan av kolumnen `Belopp` (Summa)",
        ),
        (
            "read_csv(\"max.csv\").subtotals(\"Namn\")",
            "summan av kolumnen `Belopp` (Summa A)",
        ),
        (
            "read_csv(\"max.csv\").group_by(\"Namn\", \"Belopp\")",
            "summan av kolumnen `Belopp` i en grupp",
        ),
        (
            "let t = read_csv(\"max.csv\"); t[\"Belopp\"] + t[\"Belopp\"]",
            "`Belopp + Belopp` på rad 1",
        ),
        (
            "let t = read_csv(\"max.csv\"); t[\"Belopp\"] * 10",
            "`Belopp * 10` på rad 1",
        ),
        (
            "let t = read_csv(\"max.csv\"); t[\"Motsatt\"] - t[\"Belopp\"]",
            "`Motsatt - Belopp` på rad 1",
        ),
        (
            "read_csv(\"max.csv\").ack(\"Period\", \"Belopp\", \"Ack\")",
            "den löpande summan av `Belopp`",
        ),
        (
            "read_csv(\"max.csv\").r12(\"Period\", \"Belopp\", \"R12\")",
            "den löpande summan av `Belopp`",
        ),
        (
            "forbattring_pe(read_csv(\"max.csv\").max(\"Belopp\"), -1)",
            "`forbattring_pe`: skillnaden mellan nu och fore",
        ),
        (
            "forbattring_pe(read_csv(\"max.csv\").max(\"Belopp\"), -1, 1, true)",
            "`forbattring_pe`: skillnaden mellan nu och fore",
        ),
        (
            "procentenheter(read_csv(\"max.csv\").max(\"Belopp\"), -1)",
            "`procentenheter`: skillnaden mellan nu och fore",
        ),
    ];
    for (code, what) in cases {
        let e = run_in(dir.path(), code).expect_err(code);
        assert!(e.starts_with(what) && e.contains(beyond), "{code}: {e}");
    }
    // Dividing by zero is still an empty cell, not an error.
    let v = run_in(
        dir.path(),
        "let t = read_csv(\"max.csv\"); (t[\"Belopp\"] / 0).sum()",
    )
    .expect("division by zero");
    assert_eq!(v.to_string(), "0");
}

#[test]
fn a_chart_of_values_beyond_its_scale_is_an_error_at_the_cell() {
    let dir = max_dir();
    for f in ["bar_chart", "hbar_chart", "line_chart", "waterfall_chart"] {
        let code = format!("{f}(read_csv(\"max.csv\"), #{{x: \"Period\", y: \"Belopp\"}})");
        let e = run_in(dir.path(), &code).expect_err(&code);
        assert!(
            e.contains("värdet 79\u{a0}228\u{a0}162") && e.contains("för stort för ett diagram"),
            "{f}: {e}"
        );
    }
    let e = run_in(
        dir.path(),
        "bar_chart(read_csv(\"max.csv\").head(1), #{x: \"Namn\", y: \"Belopp\", target: 1})",
    )
    .expect_err("chart");
    assert!(e.contains("i serien `Belopp`"), "{e}");
    // Through the binary: `render` reports the cell's line and exits with an error, no panic.
    let book = tempfile::tempdir().expect("tempdir");
    let files = [
        (
            "book.toml",
            "[book]\ntitle = \"T\"\nsrc = \"nb\"\n[data]\ndir = \"data\"\n",
        ),
        ("nb/SUMMARY.md", "- [R](r.md)\n"),
        (
            "nb/r.md",
            "# R\n\n```rhai\nbar_chart(read_csv(\"max.csv\"), #{x: \"Period\", y: \"Belopp\"})\n```\n",
        ),
    ];
    for (rel, text) in files {
        let path = book.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    std::fs::create_dir_all(book.path().join("data")).expect("mkdir");
    std::fs::copy(dir.path().join("max.csv"), book.path().join("data/max.csv")).expect("copy");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapportbok"))
        .args(["render", "nb/r.md", "-o", "r.html"])
        .current_dir(book.path())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("r.md:4") && stderr.contains("för stort för ett diagram"),
        "{stderr}"
    );
}

/// Run `code` with a data folder holding `name` = `text`.
fn run_with_file(name: &str, text: &str, code: &str) -> Result<rhai::Dynamic, String> {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(name), text).expect("write");
    run_in(dir.path(), code)
}

#[test]
fn dots_that_may_group_thousands_are_never_guessed() {
    let dots = "Namn;Belopp\nA;1.234\nB;2.500\nC;12.000\n";
    let e = run_with_file("dots.csv", dots, "read_csv(\"dots.csv\").sum(\"Belopp\")")
        .expect_err("ambiguous");
    for part in [
        "`dots.csv` rad 2, kolumn `Belopp`: värdet `1.234` är tvetydigt",
        "(1\u{a0}234)",
        "(1,234)",
        "read_csv(\"dots.csv\", #{ thousands: \".\" })",
        "read_csv(\"dots.csv\", #{ decimal: \".\" })",
    ] {
        assert!(e.contains(part), "{part:?} in {e}");
    }
    let sum = |opts: &str| {
        run_with_file(
            "dots.csv",
            dots,
            &format!("read_csv(\"dots.csv\", {opts}).sum(\"Belopp\")"),
        )
        .map(|v| v.to_string())
    };
    assert_eq!(sum("#{thousands: \".\"}").as_deref(), Ok("15734"));
    assert_eq!(sum("#{decimal: \".\"}").as_deref(), Ok("15.734"));
    let e = sum("#{thousands: \".\", decimal: \".\"}").expect_err("both");
    assert!(e.contains("kan inte både"), "{e}");
    // Dots with commas in the same export, read as the writer says.
    let mixed = "Namn;Belopp\nA;1.234,5\nB;-2.000.000\n";
    let v = run_with_file(
        "m.csv",
        mixed,
        "read_csv(\"m.csv\", #{thousands: \".\"}).sum(\"Belopp\")",
    )
    .expect("grouped");
    assert_eq!(v.to_string(), "-1998765.5");
    // A value such as 1,5 written with a point shows the dot is a decimal mark.
    let v = run_with_file(
        "p.csv",
        "Namn;Belopp\nA;1.5\nB;12.000\n",
        "read_csv(\"p.csv\").sum(\"Belopp\")",
    )
    .expect("decimal point shown");
    assert_eq!(v.to_string(), "13.500");
    // In a comma-separated file the point is the decimal mark.
    let v = run_with_file(
        "c.csv",
        "Namn,Belopp\nA,1.234\nB,2.500\n",
        "read_csv(\"c.csv\").sum(\"Belopp\")",
    )
    .expect("comma-separated");
    assert_eq!(v.to_string(), "3.734");
    // Beyond the rows types are inferred from, an integer column meets `1.234`.
    let mut late = String::from("Namn;Belopp\n");
    for i in 0..1200 {
        late.push_str(&format!("N{i};{i}\n"));
    }
    late.push_str("X;1.234\n");
    let e = run_with_file("late.csv", &late, "read_csv(\"late.csv\")").expect_err("late");
    assert!(
        e.contains("`late.csv` rad 1202, kolumn `Belopp`: värdet `1.234` är tvetydigt"),
        "{e}"
    );
}

#[test]
fn text_not_a_number_names_file_row_and_value() {
    let long = "1".repeat(32);
    for (value, why) in [
        ("1.234,5", "punkt och komma"),
        ("-", "ett ensamt streck"),
        ("(50)", "minustecken"),
        ("1e5", "exponent"),
        (long.as_str(), "fler siffror"),
    ] {
        // Two rows: too few numbers for a numeric column, so it is read as text.
        let csv = format!("Namn;Belopp\nA;10\nB;{value}\n");
        let e =
            run_with_file("b.csv", &csv, "read_csv(\"b.csv\").sum(\"Belopp\")").expect_err(value);
        assert!(
            e.contains("kolumnen `Belopp` är text, inte tal")
                && e.contains(&format!("`b.csv` rad 3 har värdet `{value}`"))
                && e.contains(why),
            "{value}: {e}"
        );
        // Among many numbers the column is numeric and the read itself names the value.
        let mut csv = String::from("Namn;Belopp\n");
        for i in 0..12 {
            csv.push_str(&format!("N{i};{i}\n"));
        }
        csv.push_str(&format!("X;{value}\n"));
        let e = run_with_file("b.csv", &csv, "read_csv(\"b.csv\")").expect_err(value);
        assert!(
            e.contains(&format!(
                "`b.csv` rad 14, kolumn `Belopp`: värdet `{value}`"
            )) && e.contains(why),
            "{value}: {e}"
        );
    }
}

/// [`run_in`] with limits of its own.
fn run_limited(dir: &Path, code: &str, limits: Limits) -> Result<rhai::Dynamic, String> {
    let src = format!("```rhai\n{code}\n```\n");
    let nb = notebook::parse(Path::new("test.md"), &src);
    let out = script::run(&nb, &RunContext { limits, ..ctx(dir) });
    let item = out.items.into_iter().next().expect("one cell");
    item.value.map_err(|e| e.message)
}

#[test]
fn data_reads_refuse_fifos_folders_and_files_over_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("ror.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // Reading a FIFO blocked the build for ever: now it is refused before it is opened.
    for code in [
        "read_csv(\"ror.csv\")",
        "read_text(\"ror.csv\")",
        "read_xlsx(\"ror.csv\", \"Blad1\")",
    ] {
        let e = run_in(dir.path(), code).expect_err(code);
        assert!(
            e.contains("`ror.csv` är en namngiven pipe (FIFO) och läses inte"),
            "{code}: {e}"
        );
    }
    std::fs::create_dir(dir.path().join("mapp.csv")).expect("mkdir");
    let e = run_in(dir.path(), "read_csv(\"mapp.csv\")").expect_err("folder");
    assert!(e.contains("`mapp.csv` är en mapp"), "{e}");
    let mut big = String::from("Namn;Belopp\n");
    while big.len() < 1_200_000 {
        big.push_str("Avdelning;1000\n");
    }
    std::fs::write(dir.path().join("stor.csv"), &big).expect("write");
    let limits = Limits {
        max_data_file_mb: 1,
        ..Limits::default()
    };
    let e = run_limited(dir.path(), "read_csv(\"stor.csv\")", limits.clone()).expect_err("big");
    assert!(
        e.contains("`stor.csv` är 1,1 MB, större än de 1 MB") && e.contains("max-data-file-mb"),
        "{e}"
    );
    let e = run_limited(dir.path(), "read_text(\"stor.csv\")", limits).expect_err("big");
    assert!(e.contains("max-data-file-mb"), "{e}");
    let n = run_in(dir.path(), "read_csv(\"stor.csv\").len()").expect("default limit");
    assert_eq!(n.as_int().expect("int"), (big.lines().count() - 1) as i64);
}

#[test]
fn spreadsheets_are_read_by_the_cells_present_within_the_caps() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().expect("tempdir");
    // One cell at the last address of a sheet: calamine's grid would be 549 GB.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Blad1").expect("name");
    sheet.write(1_048_575, 16_383, "Sist").expect("write");
    book.save(dir.path().join("sist.xlsx")).expect("save");
    let v = run_in(
        dir.path(),
        "let t = read_xlsx(\"sist.xlsx\", \"Blad1\"); [t.len(), t.columns()]",
    )
    .expect("one cell");
    assert_eq!(v.to_string(), "[0, [\"Sist\"]]");
    // A real table with a stray cell far away: the columns in between are empty.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Blad1").expect("name");
    sheet.write(0, 0, "Namn").expect("write");
    sheet.write(0, 1, "Belopp").expect("write");
    for r in 1..=10u32 {
        sheet.write(r, 0, format!("N{r}")).expect("write");
        sheet.write(r, 1, f64::from(r)).expect("write");
    }
    sheet.write(1_048_575, 16_383, 5).expect("write");
    book.save(dir.path().join("gles.xlsx")).expect("save");
    let v = run_in(
        dir.path(),
        "let t = read_xlsx(\"gles.xlsx\", \"Blad1\"); [t.len(), t.columns().len(), t.sum(\"Belopp\")]",
    )
    .expect("sparse");
    assert_eq!(v.to_string(), "[11, 16384, 55]");
    let v = run_in(
        dir.path(),
        "let t = read_xlsx(\"gles.xlsx\", \"Blad1\", \"A1:B11\"); [t.len(), t.sum(\"Belopp\")]",
    )
    .expect("range");
    assert_eq!(v.to_string(), "[10, 55]");
    // The caps of [limits] hold while the sheet is read.
    let limits = Limits {
        max_cells: 100_000,
        ..Limits::default()
    };
    let e =
        run_limited(dir.path(), "read_xlsx(\"gles.xlsx\", \"Blad1\")", limits).expect_err("cells");
    assert!(e.contains("max-cells"), "{e}");
    let limits = Limits {
        max_rows: 5,
        ..Limits::default()
    };
    let e = run_limited(
        dir.path(),
        "read_xlsx(\"gles.xlsx\", \"Blad1\", \"A1:B11\")",
        limits,
    )
    .expect_err("rows");
    assert!(e.contains("10 rader") && e.contains("max-rows"), "{e}");
    // Rows are counted as rows, not as cells: 600 rows × 10 columns (6 000 cells, more than
    // one check interval) fit a cap of 1 000 rows.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Blad1").expect("name");
    for c in 0..10u16 {
        sheet.write(0, c, format!("K{c}")).expect("write");
        for r in 1..600u32 {
            sheet.write(r, c, f64::from(r)).expect("write");
        }
    }
    book.save(dir.path().join("bred.xlsx")).expect("save");
    let limits = Limits {
        max_rows: 1_000,
        ..Limits::default()
    };
    let v = run_limited(
        dir.path(),
        "let t = read_xlsx(\"bred.xlsx\", \"Blad1\"); [t.len(), t.sum(\"K3\")]",
        limits,
    )
    .expect("600 rows fit 1 000");
    assert_eq!(v.to_string(), "[599, 179700]");
}
