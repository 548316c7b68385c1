//! The RS report (Regiondirektörens månadsrapport oktober 2024): every reproduced table's
//! figures equal the seed's printed figures, and the chapters render for another period.

mod common;

use std::path::Path;

use common::{example_page, example_render, table};

fn page(name: &str) -> String {
    example_page(&format!("rs-2024-10/{name}"))
}

/// The table's body rows (header left out), each as label + figures.
fn body(html: &str, caption: &str) -> Vec<Vec<String>> {
    table(html, caption)[1..].to_vec()
}

fn expect(html: &str, caption: &str, printed: &[&[&str]]) {
    let got = body(html, caption);
    let want: Vec<Vec<String>> = printed
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(got, want, "table `{caption}`");
}

#[test]
fn resultatrapport_regionstyrelsen_oktober() {
    // Seed: "Resultatrapport regionstyrelsen 2024", Oktober and Ackumulerat Oktober, mkr.
    expect(
        &page("ekonomi-oktober.html"),
        "Resultatrapport regionstyrelsen 2024, belopp i miljoner kronor",
        &[
            &[
                "Regionförvaltningen gemensamt",
                "-81",
                "-71",
                "-9",
                "-755",
                "-794",
                "-41",
            ],
            &[
                "Digitalisering och service",
                "-98",
                "-87",
                "-11",
                "-843",
                "-892",
                "-66",
            ],
            &["Regionledning", "-1", "-2", "0", "-13", "-12", "2"],
            &["Ledningsstaben", "-5", "-5", "0", "-39", "-42", "2"],
            &["Företagshälsan", "-1", "-1", "0", "-10", "-10", "1"],
            &["HR stab", "-4", "-5", "1", "-40", "-44", "0"],
            &["Kommunikationsstab", "-2", "-1", "0", "-12", "-13", "0"],
            &["Ekonomistab", "-8", "-6", "-2", "-48", "-55", "1"],
            &["Smittskydd", "-1", "-1", "0", "-6", "-7", "-1"],
            &[
                "Primärvård beställning",
                "-117",
                "-119",
                "2",
                "-1 083",
                "-1 160",
                "24",
            ],
            &[
                "Tandvård beställning",
                "-14",
                "-15",
                "0",
                "-124",
                "-135",
                "8",
            ],
            &[
                "Verksamhetens nettokostnader",
                "-331",
                "-313",
                "-18",
                "-2 973",
                "-3 164",
                "-69",
            ],
        ],
    );
}

#[test]
fn investeringar_oktober_och_augusti() {
    expect(
        &page("ekonomi-oktober.html"),
        "Utfall investeringar okt per investeringsområde jämfört med budget 2024",
        &[
            &["Fastighet", "494", "698", "648", "-50"],
            &["MT", "84", "160", "175", "15"],
            &["IT", "29", "42", "70", "28"],
            &["Hjälpmedel", "27", "32", "32", "0"],
            &["Verksamhetsservice", "0", "4", "4", "0"],
            &["Regional utveckling", "1", "1", "1", "0"],
            &["Totalt", "635", "937", "930", "-7"],
        ],
    );
    // The seed spells the August table's row "Verksamhetservice"; the data has one name.
    expect(
        &page("delarsrapport.html"),
        "Utfall investeringar aug per investeringsområde jämfört med budget 2024",
        &[
            &["Fastighet", "402", "708", "648", "-60"],
            &["MT", "71", "160", "175", "15"],
            &["IT", "26", "40", "70", "30"],
            &["Hjälpmedel", "22", "32", "32", "0"],
            &["Verksamhetsservice", "0", "4", "4", "0"],
            &["Regional utveckling", "1", "1", "1", "0"],
            &["Totalt", "522", "945", "930", "-15"],
        ],
    );
}

#[test]
fn region_resultat_oktober() {
    // Seed: "Region Västerbotten: Resultat och budgetavvikelse 2024". The seed's labels are
    // capitalised differently ("Verksamhetens Nettokostnader", "TOTAL"); the figures are as printed.
    let html = page("ekonomi-oktober.html");
    expect(
        &html,
        "Region Västerbotten: resultat och budgetavvikelse 2024",
        &[
            &[
                "Regionstyrelsen",
                "-2 973",
                "-3 164",
                "-3 095",
                "-69",
                "-3 786",
            ],
            &[
                "Hälso- och sjukvårdsnämnd",
                "-5 599",
                "-5 989",
                "-5 375",
                "-614",
                "-6 558",
            ],
            &[
                "Regionala utvecklingsnämnd",
                "-363",
                "-349",
                "-355",
                "6",
                "-427",
            ],
            &["Folkhögskolestyrelsen", "-4", "-10", "-12", "2", "-14"],
            &["Patientnämnd", "-5", "-5", "-5", "0", "-7"],
            &["Revision", "-6", "-6", "-7", "1", "-9"],
            &[
                "Verksamhetens nettokostnader",
                "-8 950",
                "-9 523",
                "-8 848",
                "-675",
                "-10 801",
            ],
            &["Skatteintäkter", "6 451", "6 692", "6 704", "-12", "8 045"],
            &[
                "Generella statsbidrag",
                "2 121",
                "2 532",
                "2 415",
                "116",
                "2 899",
            ],
            &[
                "Summa skatter och statsbidrag",
                "8 572",
                "9 224",
                "9 119",
                "105",
                "10 944",
            ],
            &[
                "Verksamhetens resultat",
                "-377",
                "-299",
                "271",
                "-570",
                "143",
            ],
            &[
                "Finansiella likvidströmmar",
                "-508",
                "-608",
                "-625",
                "17",
                "-750",
            ],
            &[
                "Finansiella värderegleringar",
                "242",
                "614",
                "142",
                "472",
                "170",
            ],
            &["Summa finansnetto", "-266", "6", "-483", "489", "-580"],
            &["Resultat", "-644", "-293", "-212", "-81", "-437"],
        ],
    );
    let text = common::plain_text(&html);
    assert!(
        text.contains("2024: -293 mkr varav finansnetto +6 mkr"),
        "{text}"
    );
    assert!(
        text.contains("2023: -644 mkr varav finansnetto -266 mkr"),
        "{text}"
    );
    assert!(
        text.contains("prognos budgetavvikelse till -104 mkr"),
        "{text}"
    );
}

#[test]
fn resekostnader_mot_plan() {
    let html = page("ekonomi-oktober.html");
    expect(
        &html,
        "Uppdrag: minska resekostnader med 15 % (2023 års utfall minskat med 15 %), tkr",
        &[
            // The seed numbers the förvaltningar ("1 Regionförvaltningen"); the data does not.
            &[
                "Regionförvaltningen",
                "4 530",
                "5 414",
                "4 602",
                "-71",
                "-884",
            ],
            &[
                "Hälso- och sjukvårdsförvaltningen",
                "39 339",
                "38 285",
                "32 542",
                "6 797",
                "1 054",
            ],
            &[
                "Regionala utvecklingsförvaltningen",
                "2 384",
                "2 625",
                "2 231",
                "153",
                "-241",
            ],
            &[
                "Folkhögskoleförvaltningen",
                "627",
                "916",
                "779",
                "-151",
                "-289",
            ],
            &[
                "Patientnämndsförvaltningen",
                "123",
                "141",
                "120",
                "3",
                "-19",
            ],
            &["Revision", "42", "153", "130", "-88", "-110"],
            &["Totalt", "47 046", "47 534", "40 404", "6 642", "-489"],
        ],
    );
    assert!(common::plain_text(&html).contains(
        "Totalt för regionen 16 % högre kostnader än plan 2024 och 1 % lägre än 2023 samma period"
    ));
}

#[test]
fn delarsrapport_regionstyrelsen_augusti() {
    // Seed: "Resultatrapport regionstyrelsen, augusti 2024" (the seed prints "7,5%").
    expect(
        &page("delarsrapport.html"),
        "Resultatrapport regionstyrelsen, augusti 2024, belopp i miljoner kronor",
        &[
            &[
                "Regionövergripande verksamhet",
                "-1 685",
                "-1 811",
                "7,5 %",
                "1",
                "-2 778",
            ],
            &[
                "Regionförvaltningen gemensamt",
                "-603",
                "-637",
                "5,7 %",
                "-28",
                "-922",
            ],
            &[
                "Administrativ verksamhet",
                "-130",
                "-143",
                "10,0 %",
                "5",
                "-231",
            ],
            &[
                "Primärvård beställning",
                "-855",
                "-923",
                "8,0 %",
                "17",
                "-1 454",
            ],
            &["Tandvård beställning", "-98", "-107", "9,5 %", "7", "-171"],
            &[
                "Digitalisering och service",
                "-665",
                "-705",
                "6,0 %",
                "-53",
                "-1 008",
            ],
            &["Digitalisering", "-379", "-383", "0,9 %", "-32", "-544"],
            &["Service", "-285", "-322", "12,8 %", "-21", "-464"],
            &[
                "Verksamhetens nettokostnader",
                "-2 350",
                "-2 515",
                "7,0 %",
                "-52",
                "-3 786",
            ],
        ],
    );
}

#[test]
fn region_resultat_augusti_med_prognos() {
    // Seed: "Region Västerbotten: Resultat och budgetavvikelse inkl årsprognos 2024".
    // The seed's "Avvikelse" is not Prognos − Budget 2024 for four rows (seeds/README.md):
    // HSN −650 (computed −820), nettokostnader −754 (−924), statsbidrag 145 (314 with the data's
    // exact amounts), summa skatter 112 (281). The computed figure stands in those cells.
    expect(
        &page("delarsrapport.html"),
        "Region Västerbotten: resultat och budgetavvikelse inklusive årsprognos 2024",
        &[
            &[
                "Regionstyrelsen",
                "-2 350",
                "-2 515",
                "-2 463",
                "-52",
                "-3 786",
                "-3 890",
                "-104",
            ],
            &[
                "Hälso- och sjukvårdsnämnd",
                "-4 371",
                "-4 687",
                "-4 109",
                "-578",
                "-6 392",
                "-7 212",
                "-820",
            ],
            &[
                "Regionala utvecklingsnämnd",
                "-289",
                "-295",
                "-283",
                "-12",
                "-427",
                "-427",
                "0",
            ],
            &[
                "Folkhögskolestyrelsen",
                "-4",
                "-8",
                "-9",
                "1",
                "-14",
                "-15",
                "-0,4",
            ],
            &["Patientnämnd", "-4", "-4", "-4", "0", "-7", "-7", "0,0"],
            &["Revision", "-4", "-4", "-5", "1", "-9", "-8", "0,5"],
            &[
                "Verksamhetens nettokostnader",
                "-7 022",
                "-7 513",
                "-6 873",
                "-639",
                "-10 634",
                "-11 558",
                "-924",
            ],
            &[
                "Skatteintäkter",
                "5 187",
                "5 333",
                "5 363",
                "-30",
                "8 045",
                "8 012",
                "-33",
            ],
            &[
                "Generella statsbidrag",
                "1 697",
                "2 024",
                "1 821",
                "203",
                "2 732",
                "3 047",
                "314",
            ],
            &[
                "Summa skatter och statsbidrag",
                "6 884",
                "7 357",
                "7 184",
                "172",
                "10 777",
                "11 059",
                "281",
            ],
            &[
                "Verksamhetens resultat",
                "-138",
                "-156",
                "311",
                "-467",
                "143",
                "-499",
                "-642",
            ],
            &[
                "Finansiella likvidströmmar",
                "-403",
                "-488",
                "-500",
                "13",
                "-750",
                "-744",
                "6",
            ],
            &[
                "Finansiella värderegleringar",
                "452",
                "543",
                "113",
                "430",
                "170",
                "543",
                "373",
            ],
            &[
                "Summa finansnetto",
                "49",
                "56",
                "-387",
                "443",
                "-580",
                "-200",
                "380",
            ],
            &[
                "Resultat", "-89", "-100", "-76", "-24", "-437", "-700", "-263",
            ],
        ],
    );
}

#[test]
fn personal_tillganglighet_och_mal() {
    let text = common::plain_text(&page("personal.html"));
    for printed in [
        "uppgår till 11 092 personer, en ökning med 278 personer",
        "minskat till 5,5 procent (augusti 2023: 5,6 procent)",
        "yngre än 30 år till 5,32 procent (5,11 procent)",
        "motsvarande siffra för augusti 2023 var 10 814",
        "hälso- och sjukvården har antalet anställda ökat med 245 personer",
        "regionstyrelsen har antalet anställda ökat med 33 personer",
        "regional utveckling har antalet anställda minskat med 5 personer",
        "hälso- och sjukvårdsförvaltningen är 9 727 personer anställda, 245 fler",
        "regionförvaltningen är 1 177 personer anställda, 33 fler",
    ] {
        assert!(
            text.contains(printed),
            "personal: `{printed}` saknas i {text}"
        );
    }
    let text = common::plain_text(&page("tillganglighet.html"));
    for printed in [
        "Förstabesök: 59,6 % (+5,7 %-enheter)",
        "Åtgärder: 34,2 % (+5,1 %-enheter)",
        "Förstabesök: -230 (14 979)",
        "Åtgärder: -256 (9 790)",
        "Förstabesök: -895",
        "Åtgärder: -657",
        "Förstabesök: +15",
        "Åtgärder: -68",
    ] {
        assert!(
            text.contains(printed),
            "tillgänglighet: `{printed}` saknas i {text}"
        );
    }
    let html = page("delarsrapport.html");
    let text = common::plain_text(&html);
    assert!(
        text.contains("Totalt 17 delmål i regionstyrelsens plan. 4 uppnås och 1 uppnås delvis.")
    );
    assert!(text.contains(
        "Totalt 29 indikatorer i regionstyrelsens plan. 6 uppnås, 1 uppnås delvis och 2 uppnås inte."
    ));
    let goals = body(&html, "Måluppfyllelse – regionmål");
    assert_eq!(goals[3][1], "Mål kommer helt uppfyllas");
    assert_eq!(goals[4][1], "Inga data");
}

#[test]
fn chapters_render_for_another_period() {
    for chapter in [
        "ekonomi-oktober",
        "delarsrapport",
        "personal",
        "tillganglighet",
        "fullmaktigeuppdrag",
    ] {
        let html = example_render(&format!("rs-2024-10/{chapter}.md"), "2024-12");
        if chapter == "ekonomi-oktober" {
            // December: the year's last month, with the revised budget in full.
            let rows = table(
                &html,
                "Region Västerbotten: resultat och budgetavvikelse 2024",
            );
            assert_eq!(rows[2][5], "-6 558");
        }
    }
}

#[test]
fn script_errors_say_what_is_wrong() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let config = rapportbok::config::Config::default();
    let cases = [
        (
            r#"let b = read_csv("rs/huvudbok.csv"); per_niva(b, read_csv("rs/organisation.csv"), "2024-10", #{})"#,
            "ange nivån med valet `niva`",
        ),
        (
            r#"let b = read_csv("rs/huvudbok.csv"); per_niva(b, read_csv("rs/organisation.csv"), "2024-10", #{ niva: "kommun" })"#,
            "kolumnen `kommun` finns inte",
        ),
        (
            r#"let b = read_csv("rs/huvudbok.csv"); per_niva(b, read_csv("rs/anstallda.csv"), "2024-10", #{ niva: "antal" })"#,
            "första kolumn ska vara enheten",
        ),
        (
            r#"let b = read_csv("rs/huvudbok.csv"); per_niva(b, read_csv("rs/regionmal.csv"), "2024-10", #{ niva: "status" })"#,
            "enheten `Digitalisering` finns inte i organisationstabellen",
        ),
        (
            r#"let b = read_csv("rs/huvudbok.csv"); per_niva(b, read_csv("rs/fullmaktigeuppdrag.csv"), "2024-10", #{ niva: "status" })"#,
            "enheten `Elisabeth` finns två gånger i organisationstabellen",
        ),
        (
            r#"let b = read_csv("rs/huvudbok.csv"); uppdrag_mot_plan(b, read_csv("rs/organisation.csv"), "2024-10", #{ post: "Resekostnader", minskning: 15 })"#,
            "mellan 0 och 1",
        ),
        (
            r#"investeringar(read_csv("rs/investeringar.csv"), "2024-10", #{ niva: "x" })"#,
            "okänt val `niva`",
        ),
        (
            r#"resultat_region(read_csv("rs/investeringar.csv"), read_csv("rs/organisation.csv"), "okt")"#,
            "ÅÅÅÅ-MM",
        ),
    ];
    for (code, expected) in cases {
        let source = format!("```rhai\n{code}\n```\n");
        let (html, _) = common::render_with(&source, &seeds, &config, &[]);
        let text = common::plain_text(&html);
        assert!(
            text.contains(expected),
            "`{code}`: expected `{expected}` in {text}"
        );
    }
}

#[test]
fn diagram_i_ekonomi_oktober() {
    let html = page("ekonomi-oktober.html");
    for kind in ["bar", "line"] {
        assert!(
            html.contains(&format!("<figure class=\"chart chart-{kind}\">")),
            "no {kind} chart"
        );
    }
    // The investments chart carries the seed's printed figures (mkr), total row left out.
    let rows = table(&html, "Investeringar per investeringsområde okt 2024, mkr");
    assert_eq!(
        rows[0],
        [
            "Investeringsområde",
            "Utfall okt 2024",
            "Prognos 2024",
            "Årsbudget 2024"
        ]
    );
    assert_eq!(rows[1], ["Fastighet", "494,0", "698,0", "648,0"]);
    assert_eq!(rows[3], ["IT", "29,0", "42,0", "70,0"]);
    assert_eq!(rows.len(), 1 + 6, "six areas, no Totalt");
    // Monthly charts: twelve months, nothing after the report's month.
    let rows = table(
        &html,
        "Region Västerbotten – resultat inkl skatteintäkter, generella statsbidrag och finansnetto per månad, mkr",
    );
    assert_eq!(rows[0], ["Månad", "Resultat 2023", "Resultat 2024"]);
    assert_eq!(rows.len(), 1 + 12);
    assert_eq!(rows[1], ["jan", "-85,0", "-53,5"]);
    assert_eq!(rows[11][2], "–", "November 2024 is after the report");
    // Costs are shown as positive amounts.
    let rows = table(&html, "Nettokostnader Region Västerbotten per månad, mkr");
    assert_eq!(rows[1], ["jan", "862,9", "975,3"]);
    let rows = table(
        &html,
        "Resekostnader: utfall jämfört med plan −15 % per månad, tkr",
    );
    assert_eq!(
        rows[0],
        ["Månad", "Utfall 2024", "Utfall 2023", "Plan 2024 (-15 %)"]
    );
    assert_eq!(rows[1], ["jan", "4 645", "4 910", "4 173"]);
    let rows = table(
        &html,
        "Personalkostnader regionen totalt 2024, utfall och budget per månad jämfört med 2023, tkr",
    );
    assert_eq!(rows[1], ["jan", "585 371", "518 175", "514 680"]);
    let rows = table(&html, "Utomlänsvård Region Västerbotten, R12, mkr");
    assert_eq!(rows[1], ["jan", "225,1", "189,2"]);
    let rows = table(&html, "Kostnader hyrpersonal R12, mkr");
    assert_eq!(rows[1], ["jan", "186,7"]);

    let html = page("delarsrapport.html");
    let rows = table(&html, "Investeringar per investeringsområde aug 2024, mkr");
    assert_eq!(rows[1], ["Fastighet", "402,0", "708,0", "648,0"]);
}

#[test]
fn diagram_for_personal_och_tillganglighet() {
    // The seed: "minskat till 5,5 procent (2023-08: 5,6 procent)", "yngre än 30 år till
    // 5,32 procent (5,11 procent)".
    let html = page("personal.html");
    let rows = table(
        &html,
        "Sjukfrånvaro per åldersgrupp, augusti 2023 och augusti 2024",
    );
    assert_eq!(rows[0], ["Åldersgrupp", "augusti 2023", "augusti 2024"]);
    assert_eq!(rows[1], ["Yngre än 30 år", "5,11 %", "5,32 %"]);
    assert_eq!(rows[4], ["Alla", "5,58 %", "5,49 %"]);
    // The seed: "Förstabesök: 59,6 %", "Åtgärder: 34,2 %" in September 2024.
    let html = page("tillganglighet.html");
    let rows = table(
        &html,
        "Måluppfyllelse vårdgaranti, andel väntande inom 90 dagar, exklusive Bup",
    );
    assert_eq!(rows[0], ["Månad", "Förstabesök", "Åtgärder"]);
    assert_eq!(rows.len(), 1 + 13);
    assert_eq!(rows[13], ["september 2024", "59,6 %", "34,2 %"]);
    let rows = table(&html, "Antal väntande patienter längre än 90 dagar");
    assert_eq!(rows[13], ["september 2024", "6 116", "6 466"]);
    assert!(html.contains("<figure class=\"chart chart-time\">"));
}
