//! The personal and indicator built-ins through notebooks: options, column mapping, empty
//! values and the errors a writer sees.

mod common;

use common::render_data;

fn ok(source: &str, files: &[(&str, &str)]) -> String {
    let (html, out) = render_data(source, files);
    assert!(!out.failed(), "unexpected errors: {:?}", out.diagnostics);
    html
}

fn error(source: &str, files: &[(&str, &str)]) -> String {
    let (_, out) = render_data(source, files);
    out.diagnostics
        .first()
        .unwrap_or_else(|| panic!("expected an error from {source}"))
        .message
        .clone()
}

const SICK: &str = "period;enhet;kon;aldersgrupp;post;varde
2024-01;A;Kvinna;30-49;ordinarie_tid;1000
2024-01;A;Kvinna;30-49;sjuktimmar;100
2024-02;A;Man;50-;ordinarie_tid;1000
2024-02;A;Man;50-;sjuktimmar;30
2023-01;A;Kvinna;30-49;ordinarie_tid;500
2023-01;A;Kvinna;30-49;sjuktimmar;60
2024-02;B;Kvinna;-29;ordinarie_tid;2000
2024-02;B;Kvinna;-29;sjuktimmar;70
";

#[test]
fn sick_leave_table_rates_and_a_unit_without_last_year() {
    let html = ok(
        "```rhai\nlet t = read_csv(\"s.csv\");\nt.sjukfranvaro(\"2024-02\").title(\"S\")\n```\n\n\
         ```rhai\nt.sjukfranvaro(\"2024-02\", #{per: \"enhet\"}).title(\"P\")\n```\n\n\
         Sjuktal {{ pct(t.sjuktal(\"2024-02\"), 2) }}.\n",
        &[("s.csv", SICK)],
    );
    let rows = common::table_rows(&html, "S").expect("table");
    // 200 of 4 000 hours = 5,0 %; last year 60 of 500 = 12,0 %.
    assert_eq!(rows[1], ["Total sjukfrånvaro", "12,0", "5,0"]);
    // No short-term rows: 0 of the scheduled hours; no sick hours at all would be empty.
    assert_eq!(rows[2][2], "0,0");
    let per = common::table_rows(&html, "P").expect("per table");
    assert_eq!(per[1][..3], ["A", "12,0", "6,5"]);
    // Unit B started in February 2024: no previous year, shown as an empty cell.
    assert_eq!(per[2][..3], ["B", "–", "3,5"]);
    assert!(
        common::plain_text(&html).contains("Sjuktal 5,00 %"),
        "{html}"
    );
}

#[test]
fn sick_rate_is_empty_without_scheduled_hours_and_columns_can_be_mapped() {
    let renamed = SICK
        .replacen("varde", "Timmar", 1)
        .replacen("kon", "Kön", 1);
    let html = ok(
        "```rhai\nlet t = read_csv(\"s.csv\");\nlet k = #{kolumner: #{varde: \"Timmar\", kon: \"Kön\"}};\n\
         [t.sjuktal(\"2022-05\", k) == (), round(t.sjuktal(\"2024-01\", k), 1)]\n```\n",
        &[("s.csv", &renamed)],
    );
    assert!(html.contains("<li>ja</li>"), "{html}");
    assert!(html.contains("10"), "{html}");
}

#[test]
fn personal_errors_name_what_is_wrong() {
    let message = error(
        "```rhai\nread_csv(\"s.csv\").sjukfranvaro(\"2024-02\", #{grupp: \"enhet\"})\n```\n",
        &[("s.csv", SICK)],
    );
    assert!(
        message.contains("`grupp`") && message.contains("`per`"),
        "{message}"
    );
    let message = error(
        "```rhai\nread_csv(\"s.csv\").sjukfranvaro(\"februari\")\n```\n",
        &[("s.csv", SICK)],
    );
    assert!(message.contains("ingen period"), "{message}");
    let message = error(
        "```rhai\nread_csv(\"s.csv\").arbetad_tid(\"2024-02\", #{slapning: 13})\n```\n",
        &[("s.csv", SICK)],
    );
    assert!(message.contains("`slapning`"), "{message}");
    let message = error(
        "```rhai\nread_csv(\"s.csv\").sjuktal(\"2024-02\", #{kolumner: #{varde: \"Belopp\"}})\n```\n",
        &[("s.csv", SICK)],
    );
    assert!(message.contains("`Belopp` finns inte"), "{message}");
}

const WORKED: &str = "period;yrkesgrupp;post;varde
2024-01;Läkare;egen_personal;1000
2024-01;;jour_beredskap;100
2024-02;Läkare;egen_personal;1100
2023-01;Läkare;egen_personal;800
2024-01;;kostnad_egen_personal;-10000
2024-01;;kostnad_inhyrd_personal;-500
";

#[test]
fn worked_time_with_lag_norm_and_hired_share() {
    let html = ok(
        "```rhai\nlet t = read_csv(\"a.csv\");\n\
         t.arbetad_tid(\"2024-02\", #{slapning: 1, arsnorm: 1200}).title(\"A\")\n```\n\n\
         Åa {{ fmt(t.arsarbetare(\"2024-02\", #{arsnorm: 1200}), 1) }},\
         jan {{ t.arsarbetare(\"2024-01\", #{slapning: 1}) == () }},\
         hyr {{ pct(t.hyrpersonal_andel(\"2024-02\"), 1) }}.\n",
        &[("a.csv", WORKED)],
    );
    let rows = common::table_rows(&html, "A").expect("table");
    assert_eq!(
        rows[1],
        [
            "Utförd arbetstid egen personal",
            "1 000",
            "200",
            "25,00",
            "800"
        ]
    );
    let fte = rows.last().expect("last row");
    // 900 hours in one month with 1 200 hours a year: 9 årsarbetare; last year 800 / 100.
    assert_eq!(fte[1..], ["9", "1", "12,50", "8"]);
    let text = common::plain_text(&html);
    // Two months without lag: (2 100 − 100) / (1 200 × 2 / 12) = 10.
    assert!(text.contains("Åa 10,0"), "{text}");
    assert!(text.contains("jan ja"), "{text}");
    assert!(text.contains("hyr 5,0 %"), "{text}");
}

const INDICATORS: &str = "indikator;mal;riktning;utfall;fg;status;trend
Sjukfrånvaro;6,0 %;lägre;;;;
Beläggningsgrad;85-90 %;;93 %;;;
Projekt;Enligt plan;;Klart;;uppfyllt;positiv
";

#[test]
fn indicators_with_computed_values_and_explicit_status() {
    let html = ok(
        "```rhai\nlet t = read_csv(\"i.csv\");\n\
         t.indikatorer(#{varden: #{\"Sjukfrånvaro\": #{utfall: 6.34, fg: 7}}}).title(\"I\")\n```\n\n\
         ```rhai\nt.indikatorer(#{delvis: 0, delvis_intervall: 0, varden: #{\"Sjukfrånvaro\": 6.34}}).title(\"J\")\n```\n",
        &[("i.csv", INDICATORS)],
    );
    let rows = common::table_rows(&html, "I").expect("table");
    assert_eq!(rows[0], ["Indikator", "Mål", "Utfall", "Status", "Trend"]);
    assert_eq!(
        rows[1],
        [
            "Sjukfrånvaro",
            "6,0 %",
            "6,3 %",
            "◐ Delvis uppfyllt",
            "↗ Positiv"
        ]
    );
    assert_eq!(
        rows[2],
        [
            "Beläggningsgrad",
            "85–90 %",
            "93 %",
            "◐ Delvis uppfyllt",
            ""
        ]
    );
    assert_eq!(
        rows[3],
        ["Projekt", "Enligt plan", "Klart", "✔ Uppfyllt", "↗ Positiv"]
    );
    let strict = common::table_rows(&html, "J").expect("table");
    assert_eq!(strict[1][3], "✘ Ej uppfyllt");
    assert_eq!(strict[1][4], "", "no last year, no trend");
    assert_eq!(strict[2][3], "✘ Ej uppfyllt");
}

#[test]
fn indicator_errors_name_the_indicator() {
    let message = error(
        "```rhai\nread_csv(\"i.csv\").indikatorer(#{varden: #{\"Sjukfranvaro\": 6}})\n```\n",
        &[("i.csv", INDICATORS)],
    );
    assert!(message.contains("`Sjukfranvaro`"), "{message}");
    let bad = INDICATORS.replace("uppfyllt;positiv", "klart;positiv");
    let message = error(
        "```rhai\nread_csv(\"i.csv\").indikatorer()\n```\n",
        &[("i.csv", &bad)],
    );
    assert!(
        message.contains("`Projekt`") && message.contains("`klart`"),
        "{message}"
    );
    let message = error("```rhai\ntable([#{namn: \"x\"}]).indikatorer()\n```\n", &[]);
    assert!(message.contains("`indikator`"), "{message}");
}

#[test]
fn activities_with_sub_activities_and_status_words() {
    let html = ok(
        "```rhai\ntable([\
         #{id: \"A\", huvudaktivitet: \"\", aktivitet: \"Huvud\", tidplan: \"Q1 2023\", ansvarig: \"X\", status: \"försenad\", kommentar: \"K\"},\
         #{id: \"\", huvudaktivitet: \"A\", aktivitet: \"del\", tidplan: \"Q2 2023\", ansvarig: \"Y\", status: \"Klar\", kommentar: \"\"},\
         #{id: \"B\", huvudaktivitet: \"\", aktivitet: \"Annan\", tidplan: \"2023\", ansvarig: \"Z\", status: \"Se nedan\", kommentar: \"\"},\
         ]).aktiviteter().title(\"Akt\")\n```\n\n\
         Status {{ indikatorstatus(\"85-90 %\", 96) }}, {{ indikatorstatus(\"6,0 %\", 6.4, \"lägre\") }}.\n",
        &[],
    );
    let rows = common::table_rows(&html, "Akt").expect("table");
    assert_eq!(rows[1], ["A. Huvud", "Q1 2023", "X", "◐ Försenad", "K"]);
    assert_eq!(rows[2][..4], ["– del", "Q2 2023", "Y", "✔ Klar"]);
    assert_eq!(rows[3][3], "Se nedan");
    assert!(
        common::plain_text(&html).contains("Status ej uppfyllt, delvis."),
        "{html}"
    );
}

#[test]
fn activities_show_a_target_value_when_the_table_has_one() {
    let html = ok(
        "```rhai\ntable([\
         #{aktivitet: \"Vårdplatser\", tidplan: \"Q1 2022\", malvarde: \"20 mnkr\", status: \"pågår\", kommentar: \"Personalkostn. över budget\"},\
         ]).aktiviteter().title(\"Innersta boxen\")\n```\n",
        &[],
    );
    let rows = common::table_rows(&html, "Innersta boxen").expect("table");
    assert_eq!(
        rows[0],
        ["Aktivitet", "Tidplan", "Målvärde", "Status", "Kommentar"],
        "no Ansvarig column when no activity names anyone"
    );
    assert_eq!(
        rows[1],
        [
            "Vårdplatser",
            "Q1 2022",
            "20 mnkr",
            "● Pågår",
            "Personalkostn. över budget"
        ]
    );
}

#[test]
fn sick_leave_per_a_mapped_unit_column() {
    let renamed = SICK.replacen("enhet", "Kostnadsställe", 1);
    let html = ok(
        "```rhai\nread_csv(\"s.csv\").sjukfranvaro(\"2024-02\", #{per: \"enhet\", kolumner: #{enhet: \"Kostnadsställe\"}}).title(\"P\")\n```\n",
        &[("s.csv", &renamed)],
    );
    let rows = common::table_rows(&html, "P").expect("table");
    assert_eq!(rows[0][0], "Kostnadsställe");
    assert_eq!(rows[2][..3], ["B", "–", "3,5"]);
}
