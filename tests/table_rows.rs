//! Table functions on rows: `concat`, per-row number formats, and tables rebuilt from
//! values taken out of other tables keeping their formats.

use std::path::Path;

use rapportbok::config::Limits;
use rapportbok::notebook;
use rapportbok::script::{self, Output, RunContext};

fn run(code: &str) -> Result<rhai::Dynamic, String> {
    let src = format!("```rhai\n{code}\n```\n");
    let nb = notebook::parse(Path::new("test.md"), &src);
    let ctx = RunContext {
        data_dir: Path::new(".").to_path_buf(),
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

fn shown(code: &str) -> String {
    let v = run(code).unwrap_or_else(|e| panic!("cell failed: {e}\n{code}"));
    match Output::from_value(&v) {
        Output::Text(t) | Output::Markdown(t) | Output::Html(t) => t,
        Output::Nothing => String::new(),
    }
}

fn error(code: &str) -> String {
    match run(code) {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

const MINUS: char = '\u{2212}';

/// An amounts table in mkr and a one-row percentage table.
const TABLES: &str = r#"
let kostnader = table(["Post", "Utfall", "Budget"], [
    ["Verksamhetens kostnader", -335000002, -330000000],
    ["Skatteintäkter", 300000000, 298000000],
]).format(["Utfall", "Budget"], "mkr:1");
let andel = table(["Post", "Utfall", "Budget"], [
    ["Kostnader i % av skatter", 111.7, 110.7],
]).format(["Utfall", "Budget"], "pct:1");
"#;

#[test]
fn concat_appends_rows_and_keeps_each_tables_format() {
    let html = shown(&format!("{TABLES} concat([kostnader, andel])"));
    assert!(
        html.contains(&format!(
            "<tr><th scope=\"row\">Verksamhetens kostnader</th><td class=\"num\">{MINUS}335,0</td><td class=\"num\">{MINUS}330,0</td></tr>"
        )),
        "{html}"
    );
    assert!(
        html.contains("<tr><th scope=\"row\">Kostnader i % av skatter</th><td class=\"num\">111,7\u{a0}%</td><td class=\"num\">110,7\u{a0}%</td></tr>"),
        "{html}"
    );
    assert_eq!(
        run(&format!(
            "{TABLES} concat([kostnader, andel, kostnader]).len()"
        ))
        .expect("len")
        .as_int(),
        Ok(5)
    );
}

#[test]
fn concat_takes_columns_in_the_first_tables_order() {
    let html = shown(
        "let a = table([#{K: \"a\", V: 1}]); let b = table([#{V: 2.5, K: \"b\"}]); concat([a, b])",
    );
    assert!(
        html.contains("<tr><th scope=\"row\">b</th><td class=\"num\">2,5</td></tr>"),
        "{html}"
    );
}

#[test]
fn concat_names_the_column_that_differs() {
    let e = error(
        "let a = table([#{Post: \"a\", Utfall: 1}]); let b = table([#{Post: \"b\", Budget: 2}]); concat([a, b])",
    );
    assert_eq!(
        e,
        "tabell 2 i concat har kolumnen `Budget`, som tabell 1 saknar; tabell 1 har `Post`, `Utfall`"
    );
    let e = error(
        "let a = table([#{Post: \"a\", Utfall: 1}]); let b = table([#{Post: \"b\"}]); concat([a, b])",
    );
    assert_eq!(
        e,
        "tabell 2 i concat saknar kolumnen `Utfall`; den har `Post`"
    );
    let e = error(
        "let a = table([#{Post: \"a\", Utfall: 1}]); let b = table([#{Post: 2, Utfall: 2}]); concat([a, b])",
    );
    assert_eq!(
        e,
        "kolumnen `Post` är text i tabell 1 men heltal i tabell 2"
    );
    let e = error("let a = table([#{Post: \"a\"}]); concat([a, 5])");
    assert_eq!(e, "element 2 i concat är heltal, inte en tabell");
}

#[test]
fn a_row_carries_its_own_format() {
    let code = format!(
        "{TABLES} let t = table([\"Post\", \"Utfall\"], [[\"Kostnader\", -335000002], [\"Andel\", 11.74]])\
         .format(\"Utfall\", \"mkr:1\").format_row(\"Andel\", \"pct:1\");"
    );
    let html = shown(&format!("{code} t"));
    assert!(
        html.contains(&format!("<td class=\"num\">{MINUS}335,0</td>")),
        "{html}"
    );
    assert!(
        html.contains("<tr><th scope=\"row\">Andel</th><td class=\"num\">11,7\u{a0}%</td></tr>"),
        "{html}"
    );
    // Sorting moves the format with its row; a sum leaves the percentage row out.
    let html = shown(&format!("{code} t.sort(\"Utfall\").total()"));
    assert!(
        html.contains("<tr><th scope=\"row\">Andel</th><td class=\"num\">11,7\u{a0}%</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains(&format!("<tr class=\"total\"><th scope=\"row\">Summa</th><td class=\"num\">{MINUS}335,0</td></tr>")),
        "{html}"
    );
    // format_rows picks rows by a column's values.
    let html = shown(&format!(
        "{code} t.format_rows(\"Post\", [\"Kostnader\"], \"tkr\")"
    ));
    assert!(
        html.contains(&format!("<td class=\"num\">{MINUS}335\u{a0}000</td>")),
        "{html}"
    );
    assert!(
        error(&format!("{code} t.format_row(\"Ingen\", \"pct\")"))
            .contains("ingen rad heter `Ingen`")
    );
    assert!(
        error(&format!("{code} t.format_row(\"Andel\", \"procent\")"))
            .contains("okänt format `procent`")
    );
}

#[test]
fn a_table_rebuilt_from_values_keeps_their_formats() {
    // The varav row built by hand: the amounts stay in mkr, not kronor.
    let html = shown(&format!(
        "{TABLES} table([#{{Post: \"varav kostnader\", Utfall: kostnader.at(0, \"Utfall\")}}, \
           #{{Post: \"Andel\", Utfall: andel.at(0, \"Utfall\")}}, \
           #{{Post: \"Skatter\", Utfall: kostnader.lookup(\"Skatteintäkter\", \"Utfall\")}}])"
    ));
    assert!(
        html.contains(&format!("<td class=\"num\">{MINUS}335,0</td>")),
        "{html}"
    );
    assert!(html.contains("<td class=\"num\">300,0</td>"), "{html}");
    // The odd one out keeps its own format as a row format.
    assert!(
        html.contains("<td class=\"num\">111,7\u{a0}%</td>"),
        "{html}"
    );
    // rows() and values() carry the formats too.
    let html = shown(&format!("{TABLES} table(kostnader.rows())"));
    assert!(html.contains("<td class=\"num\">300,0</td>"), "{html}");
    let html = shown(&format!(
        "{TABLES} table([\"V\"], kostnader.values(\"Budget\").map(|v| [v]))"
    ));
    assert!(
        html.contains(&format!("<td class=\"num\">{MINUS}330,0</td>")),
        "{html}"
    );
    // A computed value has no format of its own: shown as a plain number.
    let html = shown(&format!(
        "{TABLES} table([#{{Post: \"x\", V: kostnader.at(0, \"Utfall\") * 2}}])"
    ));
    assert!(
        html.contains(&format!(
            "<td class=\"num\">{MINUS}670\u{a0}000\u{a0}004</td>"
        )),
        "{html}"
    );
}
