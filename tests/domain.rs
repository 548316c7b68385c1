//! The domain library through notebooks: the long layout and `jamforelse`.

mod common;

use rapportbok::config::Config;

fn render_data(source: &str, files: &[(&str, &str)]) -> String {
    let (html, out) = common::render_data(source, files);
    assert!(!out.failed(), "unexpected errors: {:?}", out.diagnostics);
    html
}

const LEDGER: &str = "period;enhet;post;typ;varde
2024-01;Kirurgi;Personalkostnader;utfall;-1000
2024-02;Kirurgi;Personalkostnader;utfall;-1200
2024-01;Kirurgi;Personalkostnader;budget;-1100
2024-02;Kirurgi;Personalkostnader;budget;-1100
2024-12;Kirurgi;Personalkostnader;budget;-1100
2023-02;Kirurgi;Personalkostnader;utfall;-900
2024-02;Kirurgi;Personalkostnader;prognos;-13500
2024-02;Kirurgi;Patientavgifter;utfall;50
";

#[test]
fn jamforelse_computes_year_to_date_and_full_year_per_post() {
    let html = render_data(
        "```rhai\nlet t = jamforelse(read_csv(\"bok.csv\"), \"2024-02\");\nt\n```\n",
        &[("bok.csv", LEDGER)],
    );
    for header in [
        "Ack utfall",
        "Ack budget",
        "Ack avvikelse",
        "Helårsprognos",
        "Bokslut fg år",
    ] {
        assert!(html.contains(header), "{header} missing in {html}");
    }
    // Personalkostnader: ack utfall −2 200, ack budget −2 200, helår budget −3 300, fg år −900.
    assert!(html.contains("\u{2212}2\u{a0}200"), "{html}");
    assert!(html.contains("\u{2212}3\u{a0}300"), "{html}");
    assert!(html.contains("\u{2212}13\u{a0}500"), "{html}");
}

#[test]
fn jamforelse_maps_export_columns_and_names_unknown_options() {
    let renamed = LEDGER.replacen("varde", "Belopp", 1);
    let html = render_data(
        "```rhai\nlet t = jamforelse(read_csv(\"bok.csv\"), \"2024-02\", #{kolumner: #{varde: \"Belopp\"}, per: \"enhet\"});\nt.sum(\"Ack utfall\")\n```\n",
        &[("bok.csv", &renamed)],
    );
    assert!(html.contains("\u{2212}2\u{a0}150"), "{html}");

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bok.csv"), LEDGER).expect("write");
    let (_, out) = common::render_with(
        "```rhai\njamforelse(read_csv(\"bok.csv\"), \"2024-02\", #{grupp: \"enhet\"})\n```\n",
        dir.path(),
        &Config::default(),
        &[],
    );
    let message = &out.diagnostics.first().expect("an error").message;
    assert!(
        message.contains("`grupp`") && message.contains("`per`"),
        "{message}"
    );
}

#[test]
fn jamforelse_table_reads_back_row_by_row() {
    let html = render_data(
        "```rhai\nlet t = jamforelse(read_csv(\"bok.csv\"), \"2024-02\");\nt.title(\"Jämförelse\")\n```\n",
        &[("bok.csv", LEDGER)],
    );
    let rows = common::table_rows(&html, "Jämförelse").expect("table");
    assert_eq!(rows[0][0], "post");
    assert_eq!(rows[0][1], "Ack utfall");
    assert_eq!(rows[1][..4], ["Personalkostnader", "-2 200", "-2 200", "0"]);
    assert_eq!(rows[2][0], "Patientavgifter");
    assert_eq!(rows[2][2], "–", "no budget shows as a dash: {:?}", rows[2]);
}
