//! The HSN resultatuppföljning February 2024, built from the example book: the budget
//! deviation, action plans, run-rate forecasts, production changes and vaccination visits as
//! the seed prints them, and the same notebooks for a later period.

mod common;

use common::{example_page, example_render, plain_text, table};

#[test]
fn budget_deviation_action_plans_and_run_rate_as_printed() {
    let html = example_page("hsn-2024-02/ekonomi.html");
    let text = plain_text(&html);
    for expected in [
        // "Intäkter + 12 mkr", "Kostnader -177 mkr", "Personalkostnader -101 mkr",
        // "Produktionskostnader -30 mkr", "Utomlänsvård – 17 mkr".
        "Intäkter +12 mkr",
        "Kostnader -177 mkr",
        "Personalkostnader -101 mkr",
        "Produktionskostnader -30 mkr",
        "Utomlänsvård -17 mkr",
        // "Åtgärdsplaner helår 128 mkr", "Uppnådd effekt februari 20,3 av 21,3 = 95,2 %".
        "Åtgärdsplaner helår 128 mkr.",
        "Uppnådd effekt februari 20,3 av 21,3 = 95,2 %.",
        // "2023-02 underskott 50 mkr/månad x 12 månader = - 600 mkr".
        "2023-02 underskott 50 mkr/månad × 12 månader = -600 mkr.",
        "Vi lämnade -350 mkr efter februari.",
        // "2024-02 underskott 80 mkr/månad x 12 månad = - 960 mkr".
        "2024-02 underskott 80 mkr/månad × 12 månader = -960 mkr.",
        "Prognos för underskott = 600 mkr.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    let rows = table(&html, "Åtgärdsplaner 2024, effekt ack februari 2024");
    assert_eq!(
        rows.last().expect("sum"),
        &["Summa", "128,0", "21,3", "20,3", "95,2 %"]
    );
    let rows = table(
        &html,
        "Budgetavvikelse per kostnadsslag ack februari 2024 (mkr)",
    );
    assert_eq!(rows[1][..2], ["Intäkter", ""]);
    assert_eq!(rows[1][4], "11,8");
    assert_eq!(
        rows.last().expect("total")[2..],
        ["-160,0", "5,0", "-165,0"]
    );
    let rows = table(
        &html,
        "Avvikelse mot budget 2024-02 per område och basenhet (mkr)",
    );
    assert_eq!(rows[0][..2], ["Område", "Basenhet"]);
    assert_eq!(
        rows.last().expect("total")[2..],
        ["-160,0", "5,0", "-165,0", "0,0", "-600,0", "-600,0"]
    );
    // The same deviations per basenhet as a horizontal bar chart, the smallest deficit first.
    let rows = table(
        &html,
        "Avvikelse mot budget 2024-02 per basenhet, ack februari 2024, mkr",
    );
    assert_eq!(rows[0], ["Basenhet", "Ack avvikelse"]);
    assert_eq!(rows.len(), 1 + 9);
    assert_eq!(rows[1], ["Barn- och ungdomspsykiatri", "-6,7"]);
    assert_eq!(rows[9], ["Hälsocentraler", "-31,3"]);
    assert!(html.contains("<figure class=\"chart chart-hbar\">"));
}

#[test]
fn production_changes_and_vaccinations_as_printed() {
    let html = example_page("hsn-2024-02/produktion.html");
    let text = plain_text(&html);
    for expected in [
        "Viktad vårdtjänst +4,0 %",
        "Vårdtillfällen +5,4 %",
        "Beläggning +6,0 %",
        "Medelvårdtid -1,8 %",
        "Öppenvårdsbesök läkare +5,1 %",
        "Öppenvårdsbesök sjukvårdande behandling -2,9 %",
        // The seed writes "Tandvårdsbesök 6,1 %" without the sign.
        "Tandvårdsbesök +6,1 %",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    let rows = table(&html, "Antal vaccinationsbesök inom primärvården");
    assert_eq!(
        rows[1..],
        [
            ["Ack februari 2021", "2 010"],
            ["Ack februari 2022", "67 956"],
            ["Ack februari 2023", "5 067"],
            ["Ack februari 2024", "1 712"],
        ]
    );
    let rows = table(&html, "Produktion HSF viktad vårdtjänst per år och månad");
    assert_eq!(rows[0], ["Månad", "2020", "2021", "2022", "2023", "2024"]);
    assert_eq!(rows.len(), 13);
    // No data after the report's month.
    assert_eq!(rows[3][5], "–");
    // A time chart from August 2020, its first month with data, to the report's month.
    let rows = table(
        &html,
        "Disponibla vårdplatser per månad aug 2020 – feb 2024, vårdplatser",
    );
    assert_eq!(rows[0], ["Period", "Disponibla vårdplatser"]);
    assert_eq!(rows[1], ["augusti 2020", "964"]);
    assert_eq!(rows.last().expect("last month"), &["februari 2024", "903"]);
    assert_eq!(rows.len(), 1 + 43, "August 2020 – February 2024");
    // The goal charts compare the region with the nation, whose last month is not out yet.
    let rows = table(
        &html,
        "Primärvård – måluppfyllelse vårdgaranti: andel medicinsk bedömning inom 3 dagar, jämförelse riket",
    );
    assert_eq!(rows[0], ["Månad", "Region Västerbotten", "Riket"]);
    assert_eq!(rows.len(), 1 + 13);
    assert_eq!(rows[13], ["februari 2024", "71,3 %", "–"]);
    assert!(html.contains("<figure class=\"chart chart-time\">"));
}

#[test]
fn reporting_calendar() {
    let html = example_page("hsn-2024-02/rapportplan.html");
    let rows = table(&html, "Tidplan 2024");
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[2],
        ["Basenhet klar", "07-mar, 08-maj, 06-sep, 07-nov, 17-jan"]
    );
}

#[test]
fn a_later_period_renders_without_errors() {
    for notebook in ["ekonomi", "produktion", "rapportplan", "statsbidrag-budget"] {
        let html = example_render(&format!("hsn-2024-02/{notebook}.md"), "2024-06");
        if notebook == "produktion" {
            let rows = table(&html, "Antal vaccinationsbesök inom primärvården");
            assert_eq!(rows[1][0], "Ack juni 2021");
        }
    }
}
