//! Report rows declared as data and columns chosen by name: `resultatrakning`, `jamforelse`,
//! `per_niva` and `budgetavvikelse` through notebooks, as a controller writes them.

mod common;

const LEDGER: &str = "period;enhet;post;typ;varde
2024-01;Kirurgi;Regionersättning;utfall;10000000
2024-02;Kirurgi;Regionersättning;utfall;10000000
2024-01;Kirurgi;Regionersättning;budget;10000000
2024-02;Kirurgi;Regionersättning;budget;10000000
2024-01;Kirurgi;Löner;utfall;-5000000
2024-02;Kirurgi;Löner;utfall;-6000000
2024-01;Kirurgi;Löner;budget;-5000000
2024-02;Kirurgi;Löner;budget;-5000000
2024-02;Kirurgi;Pensioner;utfall;-1000000
2024-02;Kirurgi;Pensioner;budget;-1000000
2024-02;Ortopedi;Löner;utfall;-2000000
2024-02;Ortopedi;Löner;budget;-1000000
2023-02;Kirurgi;Löner;utfall;-10000000
";

const ROWS: &str = "rad;poster;typ;summa;tecken;procent;format
Regionersättning;Regionersättning;;;;;
Summa intäkter;;summa;;;;
Personalkostnader;Löner, Pensioner;;;-;;
varav Pensionskostnader;Pensioner;varav;;-;;tkr
Summa kostnader;;summa;;;;
Resultat;;total;;;ja;
";

fn rows_of(source: &str, caption: &str) -> Vec<Vec<String>> {
    let (html, out) = common::render_data(source, &[("bok.csv", LEDGER), ("rader.csv", ROWS)]);
    assert!(!out.failed(), "unexpected errors: {:?}", out.diagnostics);
    common::table_rows(&html, caption).unwrap_or_else(|| panic!("no table {caption}: {html}"))
}

fn error_of(source: &str) -> String {
    let (_, out) = common::render_data(source, &[("bok.csv", LEDGER), ("rader.csv", ROWS)]);
    out.diagnostics
        .first()
        .map(|d| d.message.clone())
        .unwrap_or_else(|| panic!("expected an error for {source}"))
}

#[test]
fn resultatrakning_with_declared_rows_varav_sign_and_chosen_columns() {
    let rows = rows_of(
        "```rhai\nresultatrakning(read_csv(\"bok.csv\"), \"2024-02\", #{\n  rader: read_csv(\"rader.csv\"),\n  visa: [\"ack utfall\", \"ack budget\", \"ack avvikelse\", \"avvikelse %\", \"månadens avvikelse\", \"förändring %\"],\n  procent_rader: \"summor\",\n}).title(\"RR\")\n```\n",
        "RR",
    );
    assert_eq!(
        rows[0],
        [
            "Post",
            "Ack utfall",
            "Ack budget",
            "Ack avvikelse",
            "Avvikelse %",
            "Avvikelse månad",
            "Förändring %"
        ]
    );
    let row = |label: &str| {
        rows.iter()
            .find(|r| r[0].ends_with(label))
            .unwrap_or_else(|| panic!("{label} in {rows:?}"))
            .clone()
    };
    // Costs shown as positive amounts (tecken -): 14 mkr against 12; the deviation keeps its
    // meaning, 2 mkr worse than budget: −2.
    assert_eq!(row("Personalkostnader")[1..4], ["14,0", "12,0", "-2,0"]);
    // Percentages only on sum rows (procent_rader: summor), and where a row asks for them.
    assert_eq!(row("Personalkostnader")[4], "–");
    assert_eq!(row("Summa kostnader")[4], "-16,7 %");
    // The varav row is part of the row above and not added again; it has its own format
    // (tkr), so its percentage cells stay empty.
    assert_eq!(row("varav Pensionskostnader")[1], "1 000");
    assert_eq!(row("varav Pensionskostnader")[4], "–");
    assert_eq!(row("Summa kostnader")[1], "-14,0");
    assert_eq!(row("Resultat")[1..4], ["6,0", "8,0", "-2,0"]);
    // −2 against a budget of 8: −25 % of the budget's size.
    assert_eq!(row("Resultat")[4], "-25,0 %");
    // The month alone: −9 against −7 in costs, a deviation of −2 on the sum row.
    assert_eq!(row("Summa kostnader")[5], "-2,0");
    // Last year's costs were 10 (Kirurgi, Löner): 14 now is +40 %; no sign flip on a growth.
    assert_eq!(row("Summa kostnader")[6], "40,0 %");
}

#[test]
fn declared_rows_name_their_mistakes() {
    let bad = "rad;poster;typ\nvarav X;Löner;varav\n";
    let (_, out) = common::render_data(
        "```rhai\nresultatrakning(read_csv(\"bok.csv\"), \"2024-02\", #{rader: read_csv(\"fel.csv\")})\n```\n",
        &[("bok.csv", LEDGER), ("fel.csv", bad)],
    );
    let message = &out.diagnostics.first().expect("an error").message;
    assert!(
        message.contains("rad 1 i raddeklarationen") && message.contains("under raden"),
        "{message}"
    );
    // Every post in the ledger must belong to a row, declared or not.
    let only_wages = "rad;poster\nLöner;Löner\n";
    let (_, out) = common::render_data(
        "```rhai\nresultatrakning(read_csv(\"bok.csv\"), \"2024-02\", #{rader: read_csv(\"r.csv\")})\n```\n",
        &[("bok.csv", LEDGER), ("r.csv", only_wages)],
    );
    let message = &out.diagnostics.first().expect("an error").message;
    assert!(
        message.contains("`Pensioner`") && message.contains("`rader`"),
        "{message}"
    );
    let message = error_of(
        "```rhai\njamforelse(read_csv(\"bok.csv\"), \"2024-02\", #{visa: [\"ack utfal\"]})\n```\n",
    );
    assert!(
        message.contains("`ack utfal`") && message.contains("\"ack utfall\""),
        "{message}"
    );
}

#[test]
fn jamforelse_and_budgetavvikelse_take_rows_and_columns_by_name() {
    let rows = rows_of(
        "```rhai\njamforelse(read_csv(\"bok.csv\"), \"2024-02\", #{rader: read_csv(\"rader.csv\"), visa: [\"ack utfall\"], format: \"mkr:0\"}).title(\"J\")\n```\n",
        "J",
    );
    assert_eq!(rows[0], ["post", "Ack utfall"]);
    assert_eq!(rows[3][1], "14");
    let rows = rows_of(
        "```rhai\nbudgetavvikelse(read_csv(\"bok.csv\"), \"2024-02\", [\"enhet\"], #{visa: [\"ack avvikelse\", \"avvikelse %\", \"prognosavvikelse\"]}).title(\"B\")\n```\n",
        "B",
    );
    assert_eq!(
        rows[0],
        ["enhet", "Ack avvikelse", "Avvikelse %", "Prognosavvikelse"]
    );
    // Kirurgi: −1 mkr against a budget of 9 mkr (income 20, costs −11); no forecast made,
    // so the forecast deviation is empty, not the budget with its sign turned.
    assert_eq!(rows[1], ["Kirurgi", "-1,0", "-11,1 %", "–"]);
    assert_eq!(rows[2], ["Ortopedi", "-1,0", "-100,0 %", "–"]);
    assert_eq!(rows[3][0], "Totalt");
    // budgetavvikelse takes declared rows too: here one row summing both units.
    let (html, out) = common::render_data(
        "```rhai\nbudgetavvikelse(read_csv(\"bok.csv\"), \"2024-02\", [\"enhet\"], #{rader: read_csv(\"e.csv\"), visa: [\"ack avvikelse\"]}).title(\"E\")\n```\n",
        &[
            ("bok.csv", LEDGER),
            (
                "e.csv",
                "rad;poster;typ\nOpererande;Kirurgi, Ortopedi;\nSumma;;total\n",
            ),
        ],
    );
    assert!(!out.failed(), "{:?}", out.diagnostics);
    let rows = common::table_rows(&html, "E").expect("table");
    assert_eq!(rows[1], ["Opererande", "-2,0"]);
    assert_eq!(rows[2], ["Summa", "-2,0"]);
}

#[test]
fn per_niva_with_declared_rows_per_area() {
    let org = "enhet;omrade\nKirurgi;Opererande\nOrtopedi;Opererande2\n";
    let areas = "rad;poster;typ\nKirurgi och ortopedi;Opererande, Opererande2;\nSumma;;total\n";
    let (html, out) = common::render_data(
        "```rhai\nper_niva(read_csv(\"bok.csv\"), read_csv(\"org.csv\"), \"2024-02\", #{niva: \"omrade\", rader: read_csv(\"omr.csv\"), visa: [\"ack utfall\", \"ack avvikelse\", \"avvikelse %\", \"månadens avvikelse\", \"prognosavvikelse\"]}).title(\"P\")\n```\n",
        &[("bok.csv", LEDGER), ("org.csv", org), ("omr.csv", areas)],
    );
    assert!(!out.failed(), "{:?}", out.diagnostics);
    let rows = common::table_rows(&html, "P").expect("table");
    assert_eq!(rows[1][0], "Kirurgi och ortopedi");
    assert_eq!(rows[1][1..], ["6", "-2", "-25,0 %", "-2", "–"]);
    assert_eq!(rows[2][0], "Summa");

    let (_, out) = common::render_data(
        "```rhai\nper_niva(read_csv(\"bok.csv\"), read_csv(\"org.csv\"), \"2024-02\", #{niva: [\"omrade\", \"enhet\"], rader: read_csv(\"omr.csv\")})\n```\n",
        &[("bok.csv", LEDGER), ("org.csv", org), ("omr.csv", areas)],
    );
    let message = &out.diagnostics.first().expect("an error").message;
    assert!(message.contains("en nivå"), "{message}");
}

/// Each post fits in a decimal, their sums and deviations do not: every path that adds or
/// subtracts report figures ends in the Swedish error naming the sum, never a panic.
#[test]
fn sums_and_deviations_beyond_a_decimal_are_errors_naming_the_row() {
    const MAX: &str = "79228162514264337593543950335";
    let ledger = format!(
        "period;enhet;post;typ;varde\n\
         2024-02;Kirurgi;Regionersättning;utfall;{MAX}\n\
         2024-02;Kirurgi;Regionersättning;budget;-1\n\
         2024-02;Ortopedi;Löner;utfall;{MAX}\n"
    );
    let rows = "rad;poster;typ\nRegionersättning;Regionersättning;\nLöner;Löner;\nSumma;;summa\n";
    let cases = [
        (
            "resultatrakning(read_csv(\"bok.csv\"), \"2024-02\", #{rader: read_csv(\"rader.csv\")})",
            "summan för raden `Summa`",
        ),
        (
            "jamforelse(read_csv(\"bok.csv\"), \"2024-02\", #{visa: [\"ack avvikelse\"]})",
            "`Ack avvikelse` på raden `Regionersättning`",
        ),
        (
            "budgetavvikelse(read_csv(\"bok.csv\"), \"2024-02\", [\"enhet\"], #{visa: [\"ack utfall\"]})",
            "summan för `Totalt`",
        ),
    ];
    for (call, what) in cases {
        let (_, out) = common::render_data(
            &format!("Text.\n\n```rhai\n{call}\n```\n"),
            &[("bok.csv", &ledger), ("rader.csv", rows)],
        );
        let d = out
            .diagnostics
            .first()
            .unwrap_or_else(|| panic!("no error for {call}"));
        assert!(
            d.message.contains(what) && d.message.contains("ryms inte i ett tal"),
            "{call}: {}",
            d.message
        );
        assert_eq!(d.line, 4, "{call}: {d:?}");
    }
}
