//! The HSF February 2023 report's indicator, activity, staff and area chapters and the
//! personal appendix reproduce the seed's printed figures (`../shared/seeds/
//! hsf-manadsrapport-2023-02.txt`), and render for another period too.

mod common;

use common::{example_page, example_render, table};

/// Rows as `&str` for comparing with the expected rows.
fn strs(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
    rows.iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect()
}

/// Check an indicator table: indicator, goal and outcome as printed, the computed status,
/// and the printed trend word (the cell is symbol + word; an empty expected trend means the
/// seed printed none and none is computed).
fn check_indicators(rows: &[Vec<String>], expected: &[[&str; 5]]) {
    assert_eq!(rows.len(), expected.len() + 1, "{rows:?}");
    for (row, want) in rows[1..].iter().zip(expected) {
        assert_eq!(&row[0], want[0], "indicator");
        assert_eq!(row[1], want[1], "goal of {}", want[0]);
        assert_eq!(row[2], want[2], "outcome of {}", want[0]);
        assert!(
            row[3].ends_with(want[3]),
            "status of {}: {:?}",
            want[0],
            row[3]
        );
        assert!(
            row[3].chars().next().is_some_and(|c| !c.is_alphanumeric()),
            "status symbol"
        );
        if want[4].is_empty() {
            assert_eq!(row[4], "", "trend of {}", want[0]);
        } else {
            assert!(
                row[4].ends_with(want[4]),
                "trend of {}: {:?}",
                want[0],
                row[4]
            );
        }
    }
}

#[test]
fn the_example_book_reproduces_the_printed_personal_and_indicator_tables() {
    // Bilaga 1: "Sjukfrånvaro % (ack)", figures as printed.
    let bilaga = example_page("hsf-2023-02/bilaga-personal.html");
    assert_eq!(
        strs(&table(&bilaga, "Sjukfrånvaro % (ack)")),
        vec![
            vec!["Sjukfrånvaro % (ack)", "Föregående år", "Innevarande år"],
            vec!["Total sjukfrånvaro", "11,7", "8,3"],
            vec!["varav korttidssjukfrånvaro, dag 1–14", "7,9", "4,4"],
            vec!["Andel långtidsfrånvaro över 60 dagar", "22,3", "35,3"],
            vec!["Män", "8,3", "5,4"],
            vec!["Kvinnor", "12,5", "9,0"],
            vec!["Anställda -29 år", "11,9", "8,2"],
            vec!["Anställda 30-49 år", "12,2", "7,8"],
            vec!["Anställda 50 år-", "11,0", "8,9"],
        ]
    );

    // Bilaga 1: "Arbetad tid (ack)", columns Innevarande år, Förändring, Förändring %,
    // Föregående år as printed. Where last year is 0 the seed prints the change in % as
    // 0,00; it is undefined, and the table shows an empty cell (–) instead (seeds/README.md).
    assert_eq!(
        strs(&table(&bilaga, "Arbetad tid (ack)")),
        vec![
            vec![
                "Arbetad tid (ack)",
                "Innevarande år",
                "Förändring",
                "Förändring %",
                "Föregående år"
            ],
            vec![
                "Utförd arbetstid egen personal",
                "703 060",
                "39 984",
                "6,03",
                "663 077"
            ],
            vec!["varav läkare", "97 422", "7 055", "7,81", "90 368"],
            vec![
                "varav sjuksköterskor",
                "242 999",
                "6 097",
                "2,57",
                "236 902"
            ],
            vec![
                "varav undersköterskor",
                "186 091",
                "8 558",
                "4,82",
                "177 533"
            ],
            vec!["varav övriga", "176 548", "18 274", "11,55", "158 274"],
            vec![
                "varav övertid/mertid",
                "19 057",
                "-6 476",
                "-25,36",
                "25 533"
            ],
            vec!["varav timavlönade", "23 408", "-4 975", "-17,53", "28 384"],
            vec![
                "Utförd arbetstid resursenheten",
                "8 610",
                "982",
                "12,88",
                "7 628"
            ],
            vec!["varav sjuksköterskor", "1 573", "1 573", "–", "0"],
            vec!["varav undersköterskor", "6 687", "-941", "-12,34", "7 628"],
            vec!["varav övriga", "350", "350", "–", "0"],
            vec![
                "Utförd arbetstid externt inhyrd personal (baserat på kostnad)",
                "23 658",
                "7 104",
                "42,92",
                "16 553"
            ],
            vec!["varav läkare", "5 707", "808", "16,49", "4 899"],
            vec!["varav sjuksköterskor", "16 911", "6 277", "59,03", "10 634"],
            vec!["varav undersköterskor", "944", "160", "20,35", "784"],
            vec!["varav övriga", "96", "-140", "-59,29", "237"],
            vec![
                "Justering för jmf. mellan åren - fler eller färre arbetsdagar (mån-fre)",
                "0",
                "-24 654",
                "-100,00",
                "24 654"
            ],
            vec![
                "Justering för jmf. mellan åren - en extra dag i februari vid skottår (arb med schema)",
                "0",
                "0",
                "–",
                "0"
            ],
            vec![
                "Arbetad tid inkl jour/beredskap",
                "735 328",
                "23 417",
                "3,29",
                "711 911"
            ],
            vec![
                "Avdrag arbetad tid under jour/beredskap",
                "-11 801",
                "1 220",
                "-9,37",
                "-13 020"
            ],
            vec![
                "Arbetad tid exkl jour/beredskap",
                "723 527",
                "24 637",
                "3,53",
                "698 890"
            ],
            vec![
                "Antal årsarbetare utifrån arbetad tid exkl jour/beredskap",
                "5 033",
                "171",
                "3,53",
                "4 862"
            ],
        ]
    );

    // Mål och indikatorer. Status is computed by the documented rule (the seed's status
    // colours did not survive extraction); the trends are the printed ones, except where
    // the seed printed none (Servicekvalitet).
    let ind = example_page("hsf-2023-02/indikatorer.html");
    check_indicators(
        &table(&ind, "Servicekvalitet"),
        &[
            ["Medelväntetid 1177", "8 min", "14:58", "Ej uppfyllt", ""],
            // Printed 88,3 %; the Tillgänglighet table prints 87,5 % for the same month, and
            // the outcome is computed from that data (seeds/README.md).
            [
                "Tillgängl. primärv. telefon",
                "100 %",
                "87,5 %",
                "Ej uppfyllt",
                "",
            ],
            [
                "Tillg. primv. med. bedöm",
                "85 %",
                "79,4 %",
                "Delvis uppfyllt",
                "",
            ],
            ["Andel besök 90 dagar", "95 %", "78,8 %", "Ej uppfyllt", ""],
            ["Andel åtgärd 90 dagar", "90 %", "63,4 %", "Ej uppfyllt", ""],
            [
                "Andel 30/30/30 BUP",
                "90/80/80",
                "48,4/31,0/56,0",
                "Ej uppfyllt",
                "",
            ],
            ["Beläggningsgrad", "85–90 %", "96 %", "Ej uppfyllt", ""],
        ],
    );
    check_indicators(
        &table(&ind, "Medicinsk kvalitet"),
        &[
            [
                "Andel digitala besök",
                "Öka",
                "16,8 % (21,5 %)",
                "Ej uppfyllt",
                "Negativ",
            ],
            [
                "Andel oplan. återinskrivn.",
                "13 %",
                "14,8 %",
                "Ej uppfyllt",
                "Positiv",
            ],
            [
                "Antal utlokaliserade pat.",
                "Lägre än fg år",
                "94 (140)",
                "Uppfyllt",
                "Positiv",
            ],
            [
                "Remissinflödet",
                "Lägre än fg år",
                "10,9 % högre än fg år",
                "Ej uppfyllt",
                "Negativ",
            ],
            [
                "Undvikbar slutenvård",
                "Lägre än fg år",
                "16,3 % (22,2 %)",
                "Uppfyllt",
                "Positiv",
            ],
            [
                "Vårdproduktion enl. ök.",
                "Enligt plan",
                "-1,7 %",
                "Uppgift saknas",
                "Positiv",
            ],
        ],
    );
    // Sjukfrånvaro and Ober. av hyrpersonal are computed from the book's own data; their
    // trends are computed from last year's figure and agree with the printed ones.
    check_indicators(
        &table(
            &ind,
            "Stolta och engagerade medarbetare samt uppdragstagare",
        ),
        &[
            ["Sjukfrånvaro", "6,0 %", "8,3 %", "Ej uppfyllt", "Positiv"],
            [
                "Ober. av hyrpersonal",
                "2,0 %",
                "7,6 %",
                "Ej uppfyllt",
                "Negativ",
            ],
            [
                "Personalomsättning",
                "9,0 %",
                "2,1 %",
                "Uppfyllt",
                "Positiv",
            ],
        ],
    );
    // Årsarbetare (+171) is computed from the worked-time data.
    check_indicators(
        &table(&ind, "En stark och uthållig ekonomi"),
        &[
            [
                "Avvikelse mot budget",
                "0 kr",
                "-165,6 mnkr",
                "Ej uppfyllt",
                "Negativ",
            ],
            ["Årsarbetare", "Färre", "+171", "Ej uppfyllt", "Neutral"],
            [
                "Bruttokostnadsutveckling",
                "6,8 %",
                "5,4 %",
                "Uppfyllt",
                "Negativ",
            ],
            [
                "Nettokostnadsutveckling",
                "Enligt plan",
                "8,4 %",
                "Uppgift saknas",
                "Negativ",
            ],
            [
                "Helårsprognos",
                "-800 mnkr",
                "-890 mnkr",
                "Ej uppfyllt",
                "Negativ",
            ],
            [
                "DRG-poäng/årsarbetare",
                "Högre än fg år",
                "-1 %",
                "Ej uppfyllt",
                "Negativ",
            ],
            [
                "Kostnad/arb timme",
                "Lägre än fg år",
                "+3 %",
                "Ej uppfyllt",
                "Negativ",
            ],
            ["Investeringar", "", "160,8", "Uppgift saknas", "Neutral"],
        ],
    );
    let text = common::plain_text(&ind);
    assert!(
        text.contains("Sjukfrånvaron är ackumulerat 8,3 % mot 11,7 %"),
        "{text}"
    );

    // Medarbetare: the narrative's figures and the sick leave per area.
    let med = example_page("hsf-2023-02/medarbetare.html");
    let text = common::plain_text(&med);
    assert!(
        text.contains("8,3 % av den ordinarie arbetstiden, mot 11,7 %"),
        "{text}"
    );
    assert!(
        text.contains("är 5 033, förändring +171 jämfört med föregående år (4 862)"),
        "{text}"
    );
    let per_area = table(&med, "Sjukfrånvaro per område, ackumulerat");
    let rates: Vec<(&str, &str)> = per_area[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        rates,
        [
            ("Akutsjukvård", "8,5"),
            ("Nära vård", "8,3"),
            ("Medicinsk diagnostik och teknik", "7,9"),
        ]
    );
    // The months are a time chart against the 6,0 % goal; its "Visa data" table keeps the
    // figures (month, sick leave that month, rolling twelve months).
    assert!(
        med.contains("chart-time"),
        "Total sjukfrånvaro is a time chart"
    );
    let months = table(&med, "Total sjukfrånvaro");
    assert_eq!(months[0], ["Månad", "Sjukfrånvaro", "Rullande 12 mån"]);
    assert_eq!(
        months.last().map(|r| r.as_slice()),
        Some(
            ["februari 2023", "8,5 %", "8,8 %"]
                .map(String::from)
                .as_slice()
        )
    );

    // Områden: each area's indicator tables (Mål is the förvaltning's goal, not printed per
    // area). Nära vård's "Oberoende av hyrpersonal" is printed without % (12,8): the book
    // writes 12,8 %.
    let omr = example_page("hsf-2023-02/omraden.html");
    type Expected<'a> = &'a [[&'a str; 2]];
    let areas: [(&str, Expected, Expected); 3] = [
        (
            "Akutsjukvård",
            &[
                ["−50,2 mnkr", "Negativ"],
                ["−53,6 mnkr", "Negativ"],
                ["8,0 %", "Positiv"],
                ["12,1 %", "Neutral"],
                ["−2 %", "Neutral"],
                ["+3 %", "Negativ"],
            ],
            &[
                ["8,5 %", "Positiv"],
                ["6,9 %", "Negativ"],
                ["2,3 %", "Positiv"],
            ],
        ),
        (
            "Nära vård",
            &[
                ["−4,2 mnkr", "Negativ"],
                // Printed "−20 mnkr"; computed from the ledger, shown with one decimal like
                // the other areas' −50,2 and −53,6.
                ["−20,0 mnkr", "Negativ"],
                ["3,9 %", "Negativ"],
                ["4,8 %", "Negativ"],
                ["3 %", "Positiv"],
                ["2 %", "Negativ"],
            ],
            &[
                ["8,3 %", "Positiv"],
                ["12,8 %", "Negativ"],
                ["2,6 %", "Positiv"],
            ],
        ),
        (
            "Medicinsk diagnostik och teknik",
            &[
                // Printed "+12 mnkr" and "+39 mnkr"; computed, one decimal.
                ["+12,0 mnkr", "Positiv"],
                ["+39,0 mnkr", "Neutral"],
                ["5,6 %", "Negativ"],
                ["10,9 %", "Negativ"],
                ["3 %", "Negativ"],
            ],
            &[
                ["7,9 %", "Positiv"],
                ["1,3 %", "Neutral"],
                ["2,2 %", "Negativ"],
            ],
        ),
    ];
    for (area, ekonomi, medarbetare) in areas {
        for (caption, expected) in [
            (format!("{area}: ekonomi"), ekonomi),
            (format!("{area}: medarbetare"), medarbetare),
        ] {
            let rows = table(&omr, &caption);
            assert_eq!(rows.len(), expected.len() + 1, "{caption}: {rows:?}");
            assert_eq!(rows[0][2], "Utfall ack.");
            for (row, [outcome, trend]) in rows[1..].iter().zip(expected) {
                // table_rows turns U+2212 into '-'.
                assert_eq!(row[2], outcome.replace('−', "-"), "{caption}: {row:?}");
                assert!(row[4].ends_with(trend), "{caption}: {row:?}");
            }
        }
    }

    // Aktiviteter: every activity A–Å with its timetable, owner and comment as printed.
    let akt = example_page("hsf-2023-02/aktiviteter.html");
    let sections = [
        (
            "Omställningen till framtidens hälso- och sjukvård",
            "ABCDEFGH",
            8,
        ),
        ("Personcentrering", "IJK", 10),
        ("Hälsofrämjande", "LMN", 3),
        ("Tillgänglig, säker och effektiv vård", "OPQRSTUV", 8),
        ("Säkra kompetensförsörjning", "WXYZÅ", 5),
    ];
    for (section, ids, count) in sections {
        let rows = table(&akt, &format!("Aktiviteter: {section}"));
        assert_eq!(rows.len(), count + 1, "{section}");
        let letters: String = rows[1..]
            .iter()
            .filter_map(|r| r[0].split_once(". ").map(|(id, _)| id.to_string()))
            .filter(|id| id.chars().count() == 1)
            .collect();
        assert_eq!(letters, ids, "{section}");
    }
    let rows = table(&akt, "Aktiviteter: Tillgänglig, säker och effektiv vård");
    assert_eq!(
        strs(&rows[6..7]),
        vec![vec![
            "T. Etablera ”En väg in för psykisk ohälsa för barn och unga”",
            "Q2 2023",
            "Jonas E",
            "◐ Försenad",
            "Projekt uppstartat, tidsplanen förskjuten pga komplexitet (leverans Q3).",
        ]]
    );
    let rows = table(&akt, "Aktiviteter: Personcentrering");
    assert_eq!(
        strs(&rows[2..3]),
        vec![vec![
            "– definiera och säkerställ gemensam digital servicenivå",
            "Q2 2023",
            "Annette D",
            "● Enligt plan",
            "Förslag framtaget, förankring pågår",
        ]]
    );
}

#[test]
fn the_chapters_render_for_other_periods() {
    // June 2023; January 2023, when no worked time has arrived yet (one month's delay); and
    // March 2022, which has no previous year in the data.
    for (period, chapter) in ["2023-06", "2023-01", "2022-03"].into_iter().flat_map(|p| {
        [
            "indikatorer",
            "aktiviteter",
            "medarbetare",
            "omraden",
            "bilaga-personal",
        ]
        .map(move |c| (p, c))
    }) {
        let html = example_render(&format!("hsf-2023-02/{chapter}.md"), period);
        if chapter == "medarbetare" && period == "2022-03" {
            let text = common::plain_text(&html);
            assert!(text.contains("mot uppgift saknas samma period"), "{text}");
        }
        if chapter == "bilaga-personal" && period == "2023-06" {
            // June: sick leave January–June, worked time January–May (one month's delay).
            let sick = table(&html, "Sjukfrånvaro % (ack)");
            assert_eq!(sick[1][0], "Total sjukfrånvaro");
            assert_ne!(
                sick[1][2], "8,3",
                "the year-to-date figure follows the period"
            );
            let worked = table(&html, "Arbetad tid (ack)");
            let fte = worked.last().expect("årsarbetare");
            assert_ne!(fte[1], "5 033");
        }
    }
}

#[test]
fn service_indicators_follow_the_period() {
    // The service-quality outcomes are computed from the accessibility data, so at another
    // period they are that month's values, the same the Tillgänglighet chapter shows.
    let period = "2023-05";
    let ind = example_render("hsf-2023-02/indikatorer.md", period);
    let service = table(&ind, "Servicekvalitet");
    let outcome = |name: &str| {
        service
            .iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("{name} in {service:?}"))[2]
            .clone()
    };
    let tg = example_render("hsf-2023-02/tillganglighet.md", period);
    let overview = table(&tg, "Tillgänglighet HSF, maj 2023");
    let month = |name: &str| {
        overview
            .iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("{name} in {overview:?}"))[1]
            .clone()
    };
    assert_ne!(
        outcome("Andel besök 90 dagar"),
        "78,8 %",
        "not February's figure"
    );
    assert_eq!(
        outcome("Andel besök 90 dagar"),
        month("Specialistsjukvård, besök 90 dagar")
    );
    assert_eq!(
        outcome("Andel åtgärd 90 dagar"),
        month("Specialistsjukvård, åtgärd 90 dagar")
    );
    assert_eq!(
        format!("{} min", outcome("Medelväntetid 1177")),
        month("Medelväntetid 1177")
    );
    let bup = outcome("Andel 30/30/30 BUP");
    let parts: Vec<&str> = bup.split('/').collect();
    assert_eq!(parts.len(), 3, "{bup}");
    assert_eq!(format!("{} %", parts[0]), month("BUP, besök 30 dagar"));
}
