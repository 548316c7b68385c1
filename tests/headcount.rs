//! `medelantal_anstallda`: the average number of employees from the generated HR export,
//! checked against the printed headcount it was made to reproduce.

mod common;

fn seed(rel: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(rel),
    )
    .expect("seed file")
}

#[test]
fn one_month_per_forvaltning_is_the_printed_headcount() {
    let hr = seed("rs/anstallningar.csv");
    let (html, out) = common::render_data(
        "```rhai\nmedelantal_anstallda(read_csv(\"hr.csv\"), \"2024-08\", #{ manader: 1, per: \"forvaltning\" }).title(\"A\")\n```\n",
        &[("hr.csv", &hr)],
    );
    assert!(!out.failed(), "{:?}", out.diagnostics);
    let rows = common::table_rows(&html, "A").expect("table");
    assert_eq!(
        rows[0],
        [
            "forvaltning",
            "Föregående år",
            "Innevarande år",
            "Förändring",
            "Förändring %"
        ]
    );
    // Every förvaltning's count in August is the printed one (rs/anstallda.csv).
    let printed = seed("rs/anstallda.csv");
    for line in printed.lines().skip(1) {
        let cells: Vec<&str> = line.split(';').collect();
        let row = rows
            .iter()
            .find(|r| r[0] == cells[1])
            .unwrap_or_else(|| panic!("{} missing in {rows:?}", cells[1]));
        let column = if cells[0] == "2024-08" { 2 } else { 1 };
        let count: i64 = cells[2].parse().expect("count");
        assert_eq!(row[column].replace(' ', ""), count.to_string(), "{line}");
    }
    let total = rows.last().expect("total");
    assert_eq!(total[..4], ["Totalt", "10 814", "11 092", "+278"]);
    assert_eq!(total[4], "+2,6 %");
}

#[test]
fn year_to_date_split_by_form_and_sex() {
    let hr = seed("rs/anstallningar.csv");
    let (html, out) = common::render_data(
        "```rhai\nmedelantal_anstallda(read_csv(\"hr.csv\"), \"2024-10\").title(\"B\")\n```\n",
        &[("hr.csv", &hr)],
    );
    assert!(!out.failed(), "{:?}", out.diagnostics);
    let rows = common::table_rows(&html, "B").expect("table");
    let labels: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        labels[1..],
        [
            "Månadsavlönade",
            "varav tillsvidareanställda",
            "varav visstidsanställda",
            "varav kvinnor",
            "varav män",
            "Timavlönade"
        ]
    );
    let number =
        |r: usize, c: usize| -> i64 { rows[r][c].replace([' ', '+'], "").parse().expect("number") };
    // The parts add up to the whole, both ways (rounded averages may differ by one).
    for c in [1, 2] {
        let total = number(1, c);
        assert!((number(2, c) + number(3, c) - total).abs() <= 1, "{rows:?}");
        assert!((number(4, c) + number(5, c) - total).abs() <= 1, "{rows:?}");
    }
    // The staff grew from 2023 to 2024 in the export, as in the printed report.
    assert!(number(1, 3) > 0, "{rows:?}");
}

#[test]
fn a_wrong_word_in_the_export_names_the_row() {
    let bad = "period;anstallningsform;loneform;kon\n2024-01;Tillsvidare;Månadslön;Okänd\n";
    let (_, out) = common::render_data(
        "```rhai\nmedelantal_anstallda(read_csv(\"hr.csv\"), \"2024-01\")\n```\n",
        &[("hr.csv", bad)],
    );
    let message = &out.diagnostics.first().expect("an error").message;
    assert!(
        message.contains("rad 1 i personalexporten") && message.contains("Kvinna eller Man"),
        "{message}"
    );
}
