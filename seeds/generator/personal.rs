//! HSF personal data (sick leave, worked time, staff costs) and the HSF indicator and
//! activity lists: `hsf/personal.csv`, `hsf/arbetad-tid.csv`, `hsf/indikatorer.csv`,
//! `hsf/aktiviteter.csv`.
//!
//! The January–February totals per area × sex × age band (sick leave) and the January totals
//! per post × yrkesgrupp (worked time, reported with one month's delay) are chosen so the
//! built-ins reproduce the HSF February 2023 report's printed figures; the generator only
//! spreads them over units and months. The other months follow a seasonal pattern.

use std::path::{Path, PathBuf};

use super::{Rng, decimal_comma, period, write_csv};

const AREAS: [(&str, [&str; 3]); 3] = [
    (
        "Akutsjukvård",
        ["Akutkliniken", "Kirurgkliniken", "Medicinkliniken"],
    ),
    (
        "Nära vård",
        ["Geriatriken", "Psykiatrin", "Vårdcentraler i egen regi"],
    ),
    (
        "Medicinsk diagnostik och teknik",
        [
            "Bild- och funktionsmedicin",
            "Laboratoriemedicin",
            "Medicinsk teknik",
        ],
    ),
];
const SEXES: [&str; 2] = ["Kvinna", "Man"];
const AGES: [&str; 3] = ["-29", "30-49", "50-"];

/// Scheduled hours January–February per area × sex × age band (same both years).
const ORDINARIE: [[[i64; 3]; 2]; 3] = [
    [[89_100, 267_300, 237_600], [22_275, 66_825, 59_400]],
    [[61_380, 184_140, 163_680], [15_345, 46_035, 40_920]],
    [[47_520, 142_560, 126_720], [11_880, 35_640, 31_680]],
];
/// Sick hours January–February 2023.
const SJUK_2023: [[[i64; 3]; 2]; 3] = [
    [[8_070, 23_080, 23_415], [1_221, 3_494, 3_544]],
    [[5_484, 15_683, 15_910], [830, 2_374, 2_408]],
    [[4_016, 11_487, 11_653], [608, 1_738, 1_764]],
];
/// Sick hours January–February 2022.
const SJUK_2022: [[[i64; 3]; 2]; 3] = [
    [[11_176, 34_291, 27_483], [1_854, 5_688, 4_559]],
    [[8_057, 24_720, 19_812], [1_336, 4_101, 3_286]],
    [[6_124, 18_790, 15_059], [1_015, 3_117, 2_498]],
];
/// Per year: share (‰) of sick hours in days 1–14, in spells over 60 days, and January's
/// share (%) of the January–February sick hours (January 2022 had the high peak).
const SHARES: [(i32, i64, i64, i64); 2] = [(2022, 675, 223, 58), (2023, 530, 353, 50)];
/// Scheduled hours per month in % of a January–February month, and the sick rate per month
/// in % of the January–February rate, March–December.
const SEASON_HOURS: [i64; 10] = [102, 96, 98, 95, 70, 88, 101, 102, 100, 90];
const SEASON_SICK: [i64; 10] = [86, 76, 70, 68, 62, 66, 74, 80, 84, 92];

pub fn write(out: &Path, scale: u32) -> anyhow::Result<Vec<PathBuf>> {
    let units = units(scale);
    Ok(vec![
        write_sick_leave(out, &units)?,
        write_worked_time(out, &units)?,
        write_csv(
            out,
            "hsf/indikatorer.csv",
            &INDICATOR_HEADER,
            &rows(&INDICATORS),
        )?,
        write_csv(
            out,
            "hsf/aktiviteter.csv",
            &ACTIVITY_HEADER,
            &rows(&ACTIVITIES),
        )?,
    ])
}

/// Units per area: the three named ones, and numbered extra units at larger scales.
fn units(scale: u32) -> Vec<Vec<String>> {
    AREAS
        .iter()
        .map(|(_, names)| {
            let mut list: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            for extra in 1..scale {
                for n in names {
                    list.push(format!("{n} {}", extra + 1));
                }
            }
            list
        })
        .collect()
}

/// Hours for area `a`, sex `s`, age `g` per month of `year`, for the four sick-leave posts.
fn sick_months(year: i32, a: usize, s: usize, g: usize) -> Vec<[i64; 4]> {
    let (_, short, long, january) = SHARES[usize::from(year == 2023)];
    let hours = ORDINARIE[a][s][g];
    let sick = if year == 2023 {
        SJUK_2023[a][s][g]
    } else {
        SJUK_2022[a][s][g]
    };
    let split = |total: i64, pct: i64| {
        let first = total * pct / 100;
        [first, total - first]
    };
    let h = split(hours, 51);
    let sj = split(sick, january);
    let k = split(sick * short / 1000, january);
    let l = split(sick * long / 1000, january);
    let mut months = vec![[h[0], sj[0], k[0], l[0]], [h[1], sj[1], k[1], l[1]]];
    for (&sh, &ss) in SEASON_HOURS.iter().zip(&SEASON_SICK) {
        let mh = hours / 2 * sh / 100;
        // The month's sick rate is the January–February rate scaled by the season.
        let ms =
            (i128::from(mh) * i128::from(sick) * i128::from(ss) / (i128::from(hours) * 100)) as i64;
        months.push([mh, ms, ms * short / 1000, ms * long / 1000]);
    }
    months
}

fn write_sick_leave(out: &Path, units: &[Vec<String>]) -> anyhow::Result<PathBuf> {
    const POSTS: [&str; 4] = [
        "ordinarie_tid",
        "sjuktimmar",
        "sjuktimmar_dag1_14",
        "sjuktimmar_over_60",
    ];
    let mut rows = Vec::new();
    for year in [2022, 2023] {
        for month in 1..=12 {
            for (a, (area, _)) in AREAS.iter().enumerate() {
                for (s, sex) in SEXES.iter().enumerate() {
                    for (g, age) in AGES.iter().enumerate() {
                        let values = sick_months(year, a, s, g)[month - 1];
                        let name = format!("sjuk {year} {month} {a} {s} {g}");
                        for (post, total) in POSTS.iter().zip(values) {
                            // The same stream for every post: a unit's parts stay in proportion.
                            let parts = Rng::named(&name).split(total, units[a].len(), 80, 40);
                            for (unit, value) in units[a].iter().zip(parts) {
                                rows.push(vec![
                                    period(year, month as u32),
                                    area.to_string(),
                                    unit.clone(),
                                    sex.to_string(),
                                    age.to_string(),
                                    post.to_string(),
                                    value.to_string(),
                                ]);
                            }
                        }
                    }
                }
            }
        }
    }
    write_csv(
        out,
        "hsf/personal.csv",
        &[
            "period",
            "omrade",
            "enhet",
            "kon",
            "aldersgrupp",
            "post",
            "varde",
        ],
        &rows,
    )
}

/// January worked hours (hundredths) per post and yrkesgrupp: (post, yrkesgrupp, 2023, 2022).
/// Hired staff hours are estimated from cost in the export ("baserat på kostnad").
const WORKED_JANUARY: [(&str, &str, i64, i64); 16] = [
    ("egen_personal", "Läkare", 9_742_246, 9_036_772),
    ("egen_personal", "Sjuksköterskor", 24_299_900, 23_690_193),
    ("egen_personal", "Undersköterskor", 18_609_116, 17_753_284),
    ("egen_personal", "Övriga", 17_654_781, 15_827_402),
    ("overtid_mertid", "", 1_905_689, 2_553_326),
    ("timavlonade", "", 2_340_821, 2_838_358),
    ("resursenheten", "Sjuksköterskor", 157_268, 0),
    ("resursenheten", "Undersköterskor", 668_677, 762_766),
    ("resursenheten", "Övriga", 35_037, 0),
    ("inhyrd_personal", "Läkare", 570_670, 489_875),
    ("inhyrd_personal", "Sjuksköterskor", 1_691_096, 1_063_364),
    ("inhyrd_personal", "Undersköterskor", 94_354, 78_402),
    ("inhyrd_personal", "Övriga", 9_640, 23_677),
    ("justering_arbetsdagar", "", 0, 2_465_356),
    ("justering_skottdag", "", 0, 0),
    ("jour_beredskap", "", 1_180_078, 1_302_047),
];
/// Worked hours per month in % of January, February–December.
const SEASON_WORKED: [i64; 11] = [96, 103, 97, 99, 96, 72, 86, 100, 102, 99, 91];
/// Staff costs January–February per area (kronor): own staff and hired staff, 2023 and 2022.
const COSTS: [(i64, i64, i64, i64); 3] = [
    (330_000_000, 22_770_000, 315_000_000, 16_065_000),
    (200_000_000, 25_600_000, 190_000_000, 17_100_000),
    (130_000_000, 1_690_000, 124_000_000, 1_612_000),
];

fn write_worked_time(out: &Path, units: &[Vec<String>]) -> anyhow::Result<PathBuf> {
    let clinical: Vec<(&str, &String)> = AREAS
        .iter()
        .zip(units)
        .flat_map(|((area, _), list)| list.iter().map(move |u| (*area, u)))
        .collect();
    let common = ("Förvaltningsgemensamt", "Förvaltningen".to_string());
    let resource = ("Förvaltningsgemensamt", "Resursenheten".to_string());
    let mut rows = Vec::new();
    let push = |rows: &mut Vec<Vec<String>>,
                p: &str,
                area: &str,
                unit: &str,
                group: &str,
                post: &str,
                value: String| {
        rows.push(vec![
            p.to_string(),
            area.to_string(),
            unit.to_string(),
            group.to_string(),
            post.to_string(),
            value,
        ]);
    };
    for year in [2022, 2023] {
        for month in 1..=12usize {
            let p = period(year, month as u32);
            let season = if month == 1 {
                100
            } else {
                SEASON_WORKED[month - 2]
            };
            for (post, group, v2023, v2022) in WORKED_JANUARY {
                let january = if year == 2023 { v2023 } else { v2022 };
                // Adjustments belong to the comparison month only.
                let adjustment = post.starts_with("justering");
                if adjustment && month != 1 {
                    continue;
                }
                let total = if adjustment {
                    january
                } else {
                    january * season / 100
                };
                if adjustment {
                    push(
                        &mut rows,
                        &p,
                        common.0,
                        &common.1,
                        group,
                        post,
                        decimal_comma(total, 2),
                    );
                } else if post == "resursenheten" {
                    if total != 0 {
                        push(
                            &mut rows,
                            &p,
                            resource.0,
                            &resource.1,
                            group,
                            post,
                            decimal_comma(total, 2),
                        );
                    }
                } else {
                    let name = format!("arbetad {year} {month} {post} {group}");
                    let parts = Rng::named(&name).split(total, clinical.len(), 60, 80);
                    for ((area, unit), value) in clinical.iter().zip(parts) {
                        push(
                            &mut rows,
                            &p,
                            area,
                            unit,
                            group,
                            post,
                            decimal_comma(value, 2),
                        );
                    }
                }
            }
            for (a, (area, _)) in AREAS.iter().enumerate() {
                let (egen23, inhyrd23, egen22, inhyrd22) = COSTS[a];
                let (egen, inhyrd) = if year == 2023 {
                    (egen23, inhyrd23)
                } else {
                    (egen22, inhyrd22)
                };
                let scale = if month <= 2 {
                    100
                } else {
                    SEASON_HOURS[month - 3]
                };
                for (post, total) in [
                    ("kostnad_egen_personal", egen / 2 * scale / 100),
                    ("kostnad_inhyrd_personal", inhyrd / 2 * scale / 100),
                ] {
                    let name = format!("kostnad {year} {month} {a} {post}");
                    let parts = Rng::named(&name).split(-total, units[a].len(), 80, 40);
                    for (unit, value) in units[a].iter().zip(parts) {
                        push(&mut rows, &p, area, unit, "", post, value.to_string());
                    }
                }
            }
        }
    }
    write_csv(
        out,
        "hsf/arbetad-tid.csv",
        &["period", "omrade", "enhet", "yrkesgrupp", "post", "varde"],
        &rows,
    )
}

fn rows<const N: usize>(table: &[[&str; N]]) -> Vec<Vec<String>> {
    table
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

const INDICATOR_HEADER: [&str; 10] = [
    "omrade",
    "perspektiv",
    "indikator",
    "mal",
    "riktning",
    "utfall",
    "fg",
    "status",
    "trend",
    "kalla",
];

/// The HSF indicators February 2023 as printed. `kalla` says where an outcome comes from:
/// "beräknas" rows get their outcome from the book's own computation (tillganglighet_varde,
/// sjuktal, arsarbetare, hyrpersonal_andel, resultatrakning, kostnadsutveckling, produktion),
/// so they follow the report's period; the others are figures from systems the book has no
/// data for (vårdstatistik, the HR system, DRG and hourly cost figures), entered as printed.
#[rustfmt::skip]
const INDICATORS: [[&str; 10]; 51] = [
    ["HSF", "Servicekvalitet", "Medelväntetid 1177", "8 min", "lägre", "", "", "", "", "beräknas: tillganglighet"],
    ["HSF", "Servicekvalitet", "Tillgängl. primärv. telefon", "100 %", "högre", "", "", "", "", "beräknas: tillganglighet"],
    ["HSF", "Servicekvalitet", "Tillg. primv. med. bedöm", "85 %", "högre", "", "", "", "", "beräknas: tillganglighet"],
    ["HSF", "Servicekvalitet", "Andel besök 90 dagar", "95 %", "högre", "", "", "", "", "beräknas: tillganglighet"],
    ["HSF", "Servicekvalitet", "Andel åtgärd 90 dagar", "90 %", "högre", "", "", "", "", "beräknas: tillganglighet"],
    ["HSF", "Servicekvalitet", "Andel 30/30/30 BUP", "90/80/80", "högre", "", "", "", "", "beräknas: tillganglighet"],
    ["HSF", "Servicekvalitet", "Beläggningsgrad", "85-90 %", "", "", "", "", "", "beräknas: produktion"],
    ["HSF", "Medicinsk kvalitet", "Andel digitala besök", "Öka", "", "16,8 % (21,5 %)", "", "", "Negativ", "produktion"],
    ["HSF", "Medicinsk kvalitet", "Andel oplan. återinskrivn.", "13 %", "lägre", "14,8 %", "", "", "Positiv", "vårdstatistik"],
    ["HSF", "Medicinsk kvalitet", "Antal utlokaliserade pat.", "Lägre än fg år", "", "94 (140)", "", "", "Positiv", "vårdstatistik"],
    ["HSF", "Medicinsk kvalitet", "Remissinflödet", "Lägre än fg år", "", "10,9 % högre än fg år", "", "", "Negativ", "vårdstatistik"],
    ["HSF", "Medicinsk kvalitet", "Undvikbar slutenvård", "Lägre än fg år", "", "16,3 % (22,2 %)", "", "", "Positiv", "vårdstatistik"],
    ["HSF", "Medicinsk kvalitet", "Vårdproduktion enl. ök.", "Enligt plan", "", "-1,7 %", "", "", "Positiv", "produktion"],
    ["HSF", "Medarbetare", "Sjukfrånvaro", "6,0 %", "lägre", "", "", "", "", "beräknas: sjuktal"],
    ["HSF", "Medarbetare", "Ober. av hyrpersonal", "2,0 %", "lägre", "", "", "", "", "beräknas: hyrpersonal_andel"],
    ["HSF", "Medarbetare", "Personalomsättning", "9,0 %", "lägre", "2,1 %", "", "", "Positiv", "HR-system"],
    ["HSF", "Ekonomi", "Avvikelse mot budget", "0 kr", "högre", "", "", "", "Negativ", "beräknas: resultatrakning"],
    ["HSF", "Ekonomi", "Årsarbetare", "Färre", "", "", "", "", "Neutral", "beräknas: arsarbetare"],
    ["HSF", "Ekonomi", "Bruttokostnadsutveckling", "6,8 %", "lägre", "", "", "", "Negativ", "beräknas: kostnadsutveckling"],
    ["HSF", "Ekonomi", "Nettokostnadsutveckling", "Enligt plan", "", "", "", "", "Negativ", "beräknas: kostnadsutveckling"],
    ["HSF", "Ekonomi", "Helårsprognos", "-800 mnkr", "högre", "", "", "", "Negativ", "beräknas: resultatrakning"],
    ["HSF", "Ekonomi", "DRG-poäng/årsarbetare", "Högre än fg år", "", "-1 %", "", "", "Negativ", "produktion"],
    ["HSF", "Ekonomi", "Kostnad/arb timme", "Lägre än fg år", "", "+3 %", "", "", "Negativ", "ekonomi"],
    ["HSF", "Ekonomi", "Investeringar", "", "", "160,8", "", "", "Neutral", "ekonomi"],
    ["Akutsjukvård", "Ekonomi", "Ack avvik budget", "0 kr", "högre", "", "", "", "Negativ", "beräknas: resultatrakning"],
    ["Akutsjukvård", "Ekonomi", "Prognos", "0 kr", "högre", "", "", "", "Negativ", "beräknas: resultatrakning"],
    ["Akutsjukvård", "Ekonomi", "Bruttokostnadsutveckling", "6,8 %", "lägre", "", "", "", "Positiv", "beräknas: kostnadsutveckling"],
    ["Akutsjukvård", "Ekonomi", "Nettokostnadsutveckling", "Enligt plan", "", "", "", "", "Neutral", "beräknas: kostnadsutveckling"],
    ["Akutsjukvård", "Ekonomi", "DRG-poäng/årsarbetare", "Högre än fg år", "", "-2 %", "", "", "Neutral", "produktion"],
    ["Akutsjukvård", "Ekonomi", "Kostnad/timme", "Lägre än fg år", "", "+3 %", "", "", "Negativ", "ekonomi"],
    ["Akutsjukvård", "Medarbetare", "Sjukfrånvaro", "6,0 %", "lägre", "", "", "", "", "beräknas: sjuktal"],
    ["Akutsjukvård", "Medarbetare", "Oberoende av hyrpersonal", "2,0 %", "lägre", "", "", "", "", "beräknas: hyrpersonal_andel"],
    ["Akutsjukvård", "Medarbetare", "Personalomsättning", "9,0 %", "lägre", "2,3 %", "", "", "Positiv", "HR-system"],
    ["Nära vård", "Ekonomi", "Ack avvik budget", "0 kr", "högre", "", "", "", "Negativ", "beräknas: resultatrakning"],
    ["Nära vård", "Ekonomi", "Prognos", "0 kr", "högre", "", "", "", "Negativ", "beräknas: resultatrakning"],
    ["Nära vård", "Ekonomi", "Bruttokostnadsutveckling", "6,8 %", "lägre", "", "", "", "Negativ", "beräknas: kostnadsutveckling"],
    ["Nära vård", "Ekonomi", "Nettokostnadsutveckling", "Enligt plan", "", "", "", "", "Negativ", "beräknas: kostnadsutveckling"],
    ["Nära vård", "Ekonomi", "DRG-poäng/årsarbetare", "Högre än fg år", "", "3 %", "", "", "Positiv", "produktion"],
    ["Nära vård", "Ekonomi", "Kostnad/timme", "Lägre än fg år", "", "2 %", "", "", "Negativ", "ekonomi"],
    ["Nära vård", "Medarbetare", "Sjukfrånvaro", "6,0 %", "lägre", "", "", "", "", "beräknas: sjuktal"],
    ["Nära vård", "Medarbetare", "Oberoende av hyrpersonal", "2,0 %", "lägre", "", "", "", "", "beräknas: hyrpersonal_andel"],
    ["Nära vård", "Medarbetare", "Personalomsättning", "9,0 %", "lägre", "2,6 %", "", "", "Positiv", "HR-system"],
    ["Medicinsk diagnostik och teknik", "Ekonomi", "Ack avvik budget", "0 kr", "högre", "", "", "", "Positiv", "beräknas: resultatrakning"],
    ["Medicinsk diagnostik och teknik", "Ekonomi", "Prognos", "0 kr", "högre", "", "", "", "Neutral", "beräknas: resultatrakning"],
    ["Medicinsk diagnostik och teknik", "Ekonomi", "Bruttokostnadsutveckling", "6,8 %", "lägre", "", "", "", "Negativ", "beräknas: kostnadsutveckling"],
    ["Medicinsk diagnostik och teknik", "Ekonomi", "Nettokostnadsutveckling", "Enligt plan", "", "", "", "", "Negativ", "beräknas: kostnadsutveckling"],
    ["Medicinsk diagnostik och teknik", "Ekonomi", "Kostnad/timme", "Lägre än fg år", "", "3 %", "", "", "Negativ", "ekonomi"],
    ["Medicinsk diagnostik och teknik", "Medarbetare", "Sjukfrånvaro", "6,0 %", "lägre", "", "", "", "", "beräknas: sjuktal"],
    ["Medicinsk diagnostik och teknik", "Medarbetare", "Oberoende av hyrpersonal", "2,0 %", "lägre", "", "", "", "", "beräknas: hyrpersonal_andel"],
    ["Medicinsk diagnostik och teknik", "Medarbetare", "Personalomsättning", "9,0 %", "lägre", "2,2 %", "", "", "Negativ", "HR-system"],
    ["HSF", "Åtgärdsplan ekonomi", "Prognos/ekonomiskt resultat", "-800 mnkr", "högre", "", "", "", "Negativ", "beräknas: resultatrakning"],
];

const ACTIVITY_HEADER: [&str; 9] = [
    "avsnitt",
    "id",
    "huvudaktivitet",
    "aktivitet",
    "tidplan",
    "ansvarig",
    "status",
    "kommentar",
    "malvarde",
];

const OMST: &str = "Omställningen till framtidens hälso- och sjukvård";
const PERS: &str = "Personcentrering";
const HALSA: &str = "Hälsofrämjande";
const TSE: &str = "Tillgänglig, säker och effektiv vård";
const KOMP: &str = "Säkra kompetensförsörjning";
/// The ekonomi chapter's action plan "Innersta boxen 2023" (activities with a target saving).
const BOX: &str = "Innersta boxen 2023";

/// The activities of HSF:s förvaltningsplan, February 2023, and the ekonomi chapter's action
/// plan (with `malvarde`). The status words are read from each comment (the printed report
/// marks status with a colour that did not survive).
#[rustfmt::skip]
const ACTIVITIES: [[&str; 9]; 40] = [
    [OMST, "A", "", "Etablera sjukhusvård i hemmet. Förflyttning av insatser som idag görs på sjukhus till hemmet.", "Q1 2023", "Liselott S/Jonas E", "försenad", "Pågår, kommer dock inte vara slutfört Q1.", ""],
    [OMST, "B", "", "Etablera närsjukvårdsplatser i Västerås", "Q3 2023", "Jonas E/Liselott S", "enligt plan", "NÄVA i Västerås startad.", ""],
    [OMST, "C", "", "Införa digitala specialistkonsultationer i primärvården", "2023-2025", "Liselott S", "ej prioriterad", "Ej prioriterad aktivitet", ""],
    [OMST, "D", "", "Utred och ta fram förslag på distansmonitorering av patienter både i öppen- och slutenvård", "Q4 2023", "Jonas C/Annette D", "enligt plan", "Samupphandling pågår, klar april.", ""],
    [OMST, "E", "", "Utred de patientgrupper och flöden som motsvarar 5 % av de sköraste patienterna som behöver mest vård", "Q2 2023", "Annette D", "enligt plan", "Framtagande av data pågår", ""],
    [OMST, "F", "", "Förslag till reviderat primärvårdsprogram ska tas fram. Främja tandhälsovården för barn på familjecentraler", "T1 2023", "Lars A", "enligt plan", "Ärenden planeras till regionfullmäktige i april och juni 2023", ""],
    [OMST, "G", "", "Stärka mödrahälsovårdskedjan, barnmorskemottagning, kvinnosjukvård, förlossningsvård och jouruppdrag.", "Jouruppdrag T1, strategiskt 2023-2025", "Jonas E/Liselott S", "ej påbörjad", "Ej hunnit påbörja", ""],
    [OMST, "H", "", "Ta fram förslag på strategisk utveckling av hälso- och sjukvården i Region Västmanland inkl ta fram förslag på nytt akutkoncept i Region Västmanland.", "Q4 2023", "Lars A", "enligt plan", "Akutkoncept påbörjat, liksom beståndsdelar som 5/50 och utvecklingen av Nära vård", ""],
    [PERS, "I", "", "Utveckla de digitala lösningarna för invånare/patient att vara kontakt med vården:", "2023", "Se nedan", "", "Se nedan", ""],
    [PERS, "", "I", "definiera och säkerställ gemensam digital servicenivå", "Q2 2023", "Annette D", "enligt plan", "Förslag framtaget, förankring pågår", ""],
    [PERS, "", "I", "inför egen vald tid där patienten själv bokar sin tid via webbtidbok eller telefon, eller i samband med patientens besök", "Q4 2023", "Annette D", "enligt plan", "Förslag framtaget", ""],
    [PERS, "", "I", "påbörja införa egentriagering och chatt i regionens alla verksamheter", "Q4 2023", "Jonas E", "enligt plan", "Projektdirektiv ute på remiss.", ""],
    [PERS, "", "I", "se över samverkansavtalet för 1177", "Q4 2023", "Jonas E/Maria T", "pågår", "Pågår.", ""],
    [PERS, "", "I", "utöka tillgång till internetbehandling", "Q4 2023", "Jonas E/Psykiatri", "pågår", "Pågår.", ""],
    [PERS, "", "I", "öka andelen digitala besök", "Q4 2023", "Jonas E", "ej påbörjad", "Ej startat som separat aktivitet.", ""],
    [PERS, "", "I", "utveckla digitala kommunikationslösningar mellan Tandvård- och Hälso- och sjukvård", "Q4 2023", "Jonas C", "pågår", "Påbörjat", ""],
    [PERS, "J", "", "Etablera funktion som övergripande ansvarig för patient/invånarperspektiv. Utöka nyttjande av bassänger, ex vis. genom samarbetet med föreningar", "2023-2025", "Annette D/Elin B", "ej påbörjad", "Utredning bassänger startar under sommaren-23", ""],
    [PERS, "K", "", "Utveckla vården för de som utsatts för sexuellt våld. Stärk omhändertagandet av personer som utsatts för sexuellt våld.", "2023-2025", "Liselott S", "ej prioriterad", "Ej prioriterad aktivitet", ""],
    [HALSA, "L", "", "Etablera samordningsfunktion för vaccinationer av vuxna", "Q1 2023", "Jonas C/Jonas E", "försenad", "Pågår, förväntas delleverans Q1 men delar har tillkommit som kommer kräva mer tid.", ""],
    [HALSA, "M", "", "Ta fram förslag på seniorhälsovård motsvarande barnhälsovårdsprogrammet", "T1 2023", "Lars A", "enligt plan", "Arbete pågår, förslag beräknas vara klart april 2023, möjligt beslut på regionfullmäktige i juni 2023", ""],
    [HALSA, "N", "", "Ta fram förslag på insatser för riktade preventiva insatser vid tidig upptäckt för att hindra fortskridande av sjukdom. Säkerställa att vi arbetar med/följer nationella riktlinjer och kunskapsstyrningen, gällande hälsofrämjande och förebyggande insatser", "2023-2025", "Jonas E", "ej prioriterad", "Ej prioriterad aktivitet 2023.", ""],
    [TSE, "O", "", "Etablera regionövergripande produktionsstyrning och som del i detta utveckla vårdgarantienhetens verksamhet", "Q4 2023", "Annette D", "enligt plan", "Nulägeskartläggning produktionsprocess. Förstudie produktionsplaneringssystem. Rekrytering produktionschef (klart Q2)", ""],
    [TSE, "P", "", "Breddinföra realtidsdokumentation", "Q2 2023", "Jonas E", "enligt plan", "Projektdirektiv framtaget.", ""],
    [TSE, "Q", "", "Etablera gemensam förvaltning av medicinsk teknisk utrustning", "Q4 2023", "Jonas C", "enligt plan", "Pågår, första delarna startas i år", ""],
    [TSE, "R", "", "Ta fram förslag på verksamheter för LOV eller LOU. Ta fram förslag på vårdval för vaccinationer,", "T1 2023", "Lars A", "klar", "Färdigt förslag för vårdval vaccinationer", ""],
    [TSE, "S", "", "Utvärdera EPOS", "2023-2024", "Liselott S/Roger Ä", "enligt plan", "Enl plan, rapport april", ""],
    [TSE, "T", "", "Etablera ”En väg in för psykisk ohälsa för barn och unga”", "Q2 2023", "Jonas E", "försenad", "Projekt uppstartat, tidsplanen förskjuten pga komplexitet (leverans Q3).", ""],
    [TSE, "U", "", "Genomför pågående utredning om PET-CT", "2023", "Jonas C", "pågår", "Arbete pågår", ""],
    [TSE, "V", "", "Ta fram förslag på intäktsökningar för regionen och arbeta för att öka regionens intäkter", "2023-2025", "Liselott S/Markus K", "enligt plan", "Initierat, projektdirektiv beslutas 20/3", ""],
    [KOMP, "W", "", "Utifrån förändrade arbetssätt identifiera standardiserad modell för bemanning och uppgiftsväxling", "Q2 2023", "Liselott S, Markus K", "pågår", "Pågår - Projekt initieras.", ""],
    [KOMP, "X", "", "Översyn av insatser för att rekrytera och behålla medarbetare", "Q2 2023", "Markus K", "pågår", "Del av aktivitet W", ""],
    [KOMP, "Y", "", "Tydliggöra och kommunicera vårt arbetsgivarerbjudande som region, förvaltning och verksamhet", "2023-2025", "Elin B", "enligt plan", "Pågår enligt plan", ""],
    [KOMP, "Z", "", "Stärka chefers förutsättningar för att möjliggöra ett utvecklande ledarskap", "Q4 2023", "Liselott S/Markus K", "pågår", "Pågår - Uppdrag initierat", ""],
    [KOMP, "Å", "", "Se över verktyg för att stärka arbetet med hälsofrämjande arbetsplats och ett hållbart arbetsliv", "Q2 2023", "Markus K", "enligt plan", "Pågår enligt plan", ""],
    [BOX, "", "", "Vårdplatser", "Q1 2022", "", "försenad", "Personalkostn. över budget", "20 mnkr"],
    [BOX, "", "", "Inhyrd personal", "Q3 2022", "", "försenad", "Utfall över budget", "20 mnkr"],
    [BOX, "", "", "Digital taligenkänning", "Q2 2023", "", "pågår", "Anställda +1", "5 mnkr"],
    [BOX, "", "", "Läkemedel", "Q1 2022", "", "pågår", "Pågår start v 8", "7 mnkr"],
    [BOX, "", "", "Inköp", "Q3 2022", "", "försenad", "Inköp under plan", "1 mnkr"],
    [BOX, "", "", "Ökad försäljning", "Q1 2023", "", "pågår", "Pågår", "3 mnkr"],
];
