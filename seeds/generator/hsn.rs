//! HSN resultatuppföljning (Region Västerbotten, February 2024): the board's ledger 2023–2024
//! per basenhet and cost type, production 2020–2024 per unit and measure, the action plans,
//! and the reporting calendar.
//!
//! The totals for January–February are the design, chosen so the report's figures come out:
//! budget deviation Intäkter +12, Kostnader −177 (Personalkostnader −101, Produktionskostnader
//! −30, Utomlänsvård −17) mkr; result −160 mkr (80 mkr/månad) in 2024 and −100 mkr
//! (50 mkr/månad) in 2023; forecasts −600 and −350 mkr; action plans 20,28 of 21,31 mkr
//! (95,2 %); production changes +4,0 / +5,4 / +6,0 / −1,8 / +5,1 / −2,9 / +6,1 %.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::rng::{jitter, split_weighted};
use super::{Rng, period, write_csv};

/// (område, basenhet, relative size).
const UNITS: [(&str, &str, u64); 9] = [
    ("Länssjukvård", "Medicincentrum", 16),
    ("Länssjukvård", "Kirurgcentrum", 14),
    ("Länssjukvård", "Hjärtcentrum", 8),
    ("Närsjukvård Skellefteå", "Skellefteå lasarett", 12),
    ("Närsjukvård Lycksele", "Lycksele lasarett", 6),
    ("Primärvård", "Hälsocentraler", 15),
    ("Primärvård", "Sjukstugor", 5),
    ("Psykiatri", "Vuxenpsykiatri", 9),
    ("Psykiatri", "Barn- och ungdomspsykiatri", 4),
];

/// (post, ack utfall Jan–Feb 2024, ack budget Jan–Feb 2024, ack utfall Jan–Feb 2023,
/// helår budget 2024, helår prognos 2024, helår utfall 2023), in thousands of kronor.
const POSTS: [(&str, [i64; 6]); 8] = [
    (
        "Regionersättning",
        [
            2_200_000, 2_200_000, 2_100_000, 13_200_000, 13_200_000, 12_600_000,
        ],
    ),
    (
        "Vårdintäkter",
        [132_400, 120_300, 118_200, 722_000, 790_000, 712_000],
    ),
    (
        "Övriga intäkter",
        [39_800, 40_100, 37_900, 240_000, 240_000, 231_000],
    ),
    (
        "Personalkostnader",
        [
            -1_201_300, -1_100_200, -1_140_100, -6_650_000, -7_000_000, -6_600_000,
        ],
    ),
    (
        "Produktionskostnader",
        [
            -330_100, -300_200, -310_400, -1_810_000, -1_950_000, -1_880_000,
        ],
    ),
    (
        "Utomlänsvård",
        [-117_200, -100_100, -104_900, -600_000, -680_000, -655_000],
    ),
    (
        "Läkemedel",
        [
            -249_900, -239_800, -235_100, -1_450_000, -1_490_000, -1_440_000,
        ],
    ),
    // Helår budget balances the year to zero.
    (
        "Övriga kostnader",
        [
            -633_700, -615_100, -565_600, -3_652_000, -3_710_000, -3_620_000,
        ],
    ),
];

/// Full-year forecasts of the result: (year, month made, kronor).
const FORECASTS: [(i32, u32, i64); 2] = [(2023, 2, -350_000_000), (2024, 2, -600_000_000)];

fn is_income(post: &str) -> bool {
    matches!(
        post,
        "Regionersättning" | "Vårdintäkter" | "Övriga intäkter"
    )
}

/// One ledger or production row.
struct Row {
    year: i32,
    month: u32,
    unit: String,
    post: &'static str,
    kind: &'static str,
    value: i64,
}

impl Row {
    fn cells(&self) -> Vec<String> {
        vec![
            period(self.year, self.month),
            self.unit.clone(),
            self.post.to_string(),
            self.kind.to_string(),
            self.value.to_string(),
        ]
    }
}

/// Spread a total over months (evenly, with a little noise) and units (by `weights`).
#[allow(clippy::too_many_arguments)]
fn spread(
    rng: &mut Rng,
    out: &mut Vec<Row>,
    units: &[String],
    weights: &[u64],
    post: &'static str,
    kind: &'static str,
    year: i32,
    months: std::ops::RangeInclusive<u32>,
    total: i64,
) {
    let months: Vec<u32> = months.collect();
    let per_month = split_weighted(total, &jitter(rng, &vec![100; months.len()], 6));
    for (month, amount) in months.into_iter().zip(per_month) {
        for (unit, value) in units
            .iter()
            .zip(split_weighted(amount, &jitter(rng, weights, 2)))
        {
            out.push(Row {
                year,
                month,
                unit: unit.clone(),
                post,
                kind,
                value,
            });
        }
    }
}

/// The budget split by size; the outcome is the budget plus the deviation, spread with more
/// variation so some basenheter do better and some worse than budget.
fn ledger(scale: u32) -> Vec<Row> {
    let mut rng = Rng::named("hsn-ekonomi");
    let units: Vec<String> = unit_names(scale);
    let sizes: Vec<u64> = (0..units.len())
        .map(|i| UNITS[i % UNITS.len()].2 * 100)
        .collect();
    // Each basenhet's place in `units`, looked up once per row below.
    let index: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.as_str(), i))
        .collect();
    let mut out = Vec::new();
    let k = 1000;
    for (post, [ack, ack_budget, ack_fg, budget, forecast, year_fg]) in POSTS {
        let (ack, ack_budget, ack_fg) = (ack * k, ack_budget * k, ack_fg * k);
        let (budget, forecast, year_fg) = (budget * k, forecast * k, year_fg * k);
        let w = jitter(&mut rng, &sizes, 4);
        let r = &mut rng;
        let o = &mut out;
        // Budget for 2024, month by month and unit by unit.
        spread(r, o, &units, &w, post, "budget", 2024, 1..=2, ack_budget);
        spread(
            r,
            o,
            &units,
            &w,
            post,
            "budget",
            2024,
            3..=12,
            budget - ack_budget,
        );
        // Outcome January–February 2024: budget rows of those months plus a deviation.
        let deviation = ack - ack_budget;
        let budget_rows: Vec<(u32, usize, i64)> = o
            .iter()
            .filter(|e| e.post == post && e.kind == "budget" && e.month <= 2)
            .map(|e| {
                (
                    e.month,
                    index.get(e.unit.as_str()).copied().unwrap_or(0),
                    e.value,
                )
            })
            .collect();
        let per_month = split_weighted(deviation, &[48, 52]);
        for month in 1..=2u32 {
            let dev_weights = jitter(r, &sizes, 60);
            let devs = split_weighted(per_month[month as usize - 1], &dev_weights);
            // Regionersättning is paid as budgeted; others vary around the area's share.
            for &(m, unit, value) in budget_rows.iter().filter(|b| b.0 == month) {
                let extra = if post == "Regionersättning" {
                    0
                } else {
                    devs[unit]
                };
                o.push(Row {
                    year: 2024,
                    month: m,
                    unit: units[unit].clone(),
                    post,
                    kind: "utfall",
                    value: value + extra,
                });
            }
        }
        spread(
            r,
            o,
            &units,
            &w,
            post,
            "utfall",
            2024,
            3..=12,
            forecast - ack,
        );
        spread(r, o, &units, &w, post, "utfall", 2023, 1..=2, ack_fg);
        spread(
            r,
            o,
            &units,
            &w,
            post,
            "utfall",
            2023,
            3..=12,
            year_fg - ack_fg,
        );
    }
    // Forecasts: each basenhet's budget plus its share of the forecast deviation (on
    // personnel, as the report explains it). 2023 has no budget in the data, so its forecast
    // is laid on 2024's budget as well.
    let budget_total: i64 = POSTS.iter().map(|(_, t)| t[3] * k).sum();
    let mut budgets: HashMap<(&str, usize), i64> = HashMap::new();
    for e in out.iter().filter(|e| e.kind == "budget") {
        let unit = index.get(e.unit.as_str()).copied().unwrap_or(0);
        *budgets.entry((e.post, unit)).or_default() += e.value;
    }
    let mut forecasts = Vec::new();
    for (year, month, result) in FORECASTS {
        let per_unit = split_weighted(result - budget_total, &sizes);
        for (post, _) in POSTS {
            for (i, unit) in units.iter().enumerate() {
                let budget = budgets.get(&(post, i)).copied().unwrap_or(0);
                let extra = if post == "Personalkostnader" {
                    per_unit[i]
                } else {
                    0
                };
                forecasts.push(Row {
                    year,
                    month,
                    unit: unit.clone(),
                    post,
                    kind: "prognos",
                    value: budget + extra,
                });
            }
        }
    }
    out.extend(forecasts);
    out.sort_by(|a, b| (a.year, a.month, &a.unit).cmp(&(b.year, b.month, &b.unit)));
    out
}

fn unit_names(scale: u32) -> Vec<String> {
    let mut names = Vec::new();
    for copy in 0..scale {
        for (_, unit, _) in UNITS {
            names.push(if copy == 0 {
                unit.to_string()
            } else {
                format!("{unit} {}", copy + 1)
            });
        }
    }
    names
}

/// A production measure: its units with weights, and its January–February totals for 2023
/// and 2024 (the report's comparison); other months follow a seasonal profile and a trend.
struct Measure {
    post: &'static str,
    units: &'static [(&'static str, u64)],
    /// Per-month level (sum over units) in 2023, before seasonality.
    level: i64,
    ack_2023: [i64; 2],
    ack_2024: [i64; 2],
    /// Change per year before 2023 and after February 2024, in per mille.
    trend: i64,
    /// A level, not a flow: the value is the month's average (vårdplatser), no seasonality.
    stock: bool,
}

const HOSPITALS: &[(&str, u64)] = &[
    ("Norrlands universitetssjukhus", 60),
    ("Skellefteå lasarett", 25),
    ("Lycksele lasarett", 15),
];
const OPEN_CARE: &[(&str, u64)] = &[
    ("Norrlands universitetssjukhus", 40),
    ("Skellefteå lasarett", 18),
    ("Lycksele lasarett", 10),
    ("Primärvård", 32),
];
const PRIMARY: &[(&str, u64)] = &[("Primärvård", 1)];
const DENTAL: &[(&str, u64)] = &[("Folktandvården", 1)];

const MEASURES: [Measure; 8] = [
    Measure {
        post: "Viktad vårdtjänst",
        units: HOSPITALS,
        level: 25_000,
        ack_2023: [25_400, 24_600],
        ack_2024: [26_500, 25_500],
        trend: 15,
        stock: false,
    },
    Measure {
        post: "Vårdtillfällen",
        units: HOSPITALS,
        level: 5_000,
        ack_2023: [5_150, 4_850],
        ack_2024: [5_420, 5_120],
        trend: 10,
        stock: false,
    },
    Measure {
        post: "Vårddagar",
        units: HOSPITALS,
        level: 25_000,
        ack_2023: [26_000, 24_000],
        ack_2024: [26_800, 24_951],
        trend: 5,
        stock: false,
    },
    Measure {
        post: "Disponibla vårdplatser",
        units: HOSPITALS,
        level: 940,
        ack_2023: [942, 941],
        ack_2024: [905, 903],
        trend: -12,
        stock: true,
    },
    Measure {
        post: "Läkarbesök öppenvård",
        units: OPEN_CARE,
        level: 40_000,
        ack_2023: [41_000, 39_000],
        ack_2024: [43_100, 40_980],
        trend: 20,
        stock: false,
    },
    Measure {
        post: "Sjukvårdande behandling öppenvård",
        units: OPEN_CARE,
        level: 90_000,
        ack_2023: [91_000, 89_000],
        ack_2024: [88_400, 86_380],
        trend: 10,
        stock: false,
    },
    Measure {
        post: "Tandvårdsbesök",
        units: DENTAL,
        level: 30_000,
        ack_2023: [30_500, 29_500],
        ack_2024: [32_400, 31_260],
        trend: 10,
        stock: false,
    },
    Measure {
        post: "Vaccinationsbesök",
        units: PRIMARY,
        level: 3_000,
        ack_2023: [2_800, 2_267],
        ack_2024: [950, 762],
        trend: 0,
        stock: false,
    },
];

/// Vaccination visits January–February of earlier years (the covid years).
const VACCINATION_EARLY: [(i32, [i64; 2]); 2] = [(2021, [700, 1_310]), (2022, [38_900, 29_056])];

/// Relative volume per month (July low, autumn high).
const SEASON: [i64; 12] = [100, 97, 103, 98, 100, 92, 70, 84, 102, 104, 101, 90];

fn production(scale: u32) -> Vec<Row> {
    let mut rng = Rng::named("hsn-produktion");
    let mut out = Vec::new();
    for m in &MEASURES {
        for year in 2020..=2024 {
            for month in 1..=12u32 {
                let total = match (year, month) {
                    (2023, 1 | 2) => m.ack_2023[month as usize - 1],
                    (2024, 1 | 2) => m.ack_2024[month as usize - 1],
                    _ if m.post == "Vaccinationsbesök" => vaccination(&mut rng, year, month),
                    _ => {
                        let years = i64::from(year - 2023);
                        let trend = 1000 + m.trend * years;
                        let season = if m.stock {
                            100
                        } else {
                            SEASON[month as usize - 1]
                        };
                        let noise = 970 + rng.below(61) as i64;
                        m.level * trend / 1000 * season / 100 * noise / 1000
                    }
                };
                let weights: Vec<u64> = m.units.iter().map(|u| u.1 * 100).collect();
                let weights = if m.units.len() > 1 {
                    jitter(&mut rng, &weights, 3)
                } else {
                    weights
                };
                let per_unit = split_weighted(total, &weights);
                for copy in 0..scale {
                    for ((unit, _), &value) in m.units.iter().zip(&per_unit) {
                        let unit = if copy == 0 {
                            unit.to_string()
                        } else {
                            format!("{unit} {}", copy + 1)
                        };
                        out.push(Row {
                            year,
                            month,
                            unit,
                            post: m.post,
                            kind: "utfall",
                            value,
                        });
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| (a.year, a.month, &a.unit).cmp(&(b.year, b.month, &b.unit)));
    out
}

fn vaccination(rng: &mut Rng, year: i32, month: u32) -> i64 {
    if let Some((_, v)) = VACCINATION_EARLY.iter().find(|(y, _)| *y == year)
        && month <= 2
    {
        return v[month as usize - 1];
    }
    let base = match year {
        2020 => 0,
        2021 => 60_000,
        2022 => 15_000,
        _ => 1_500,
    };
    // Autumn campaigns.
    let campaign = if (9..=11).contains(&month) { 4 } else { 1 };
    base * campaign * (90 + rng.below(21) as i64) / 100
}

/// Action plans 2024: (action, planned per month in thousands of kronor, achieved January and
/// February in thousands).
const ACTIONS: [(&str, [i64; 12], [i64; 2]); 4] = [
    (
        "Utbudsbegränsningar",
        [
            3_000, 3_000, 2_780, 2_780, 2_780, 2_780, 2_780, 2_780, 2_780, 2_780, 2_780, 2_780,
        ],
        [2_900, 3_030],
    ),
    (
        "Hyrpersonal",
        [
            4_000, 4_200, 4_500, 4_500, 4_500, 4_500, 4_000, 4_000, 4_500, 4_500, 4_500, 4_200,
        ],
        [3_700, 3_850],
    ),
    (
        "Utomlänsvård",
        [
            2_300, 2_300, 2_300, 2_300, 2_300, 2_300, 2_300, 2_300, 2_300, 2_300, 2_300, 2_300,
        ],
        [2_250, 2_200],
    ),
    (
        "Bemanning och schemaläggning",
        [
            1_255, 1_255, 1_200, 1_200, 1_200, 1_200, 1_300, 1_300, 1_200, 1_200, 1_200, 1_190,
        ],
        [1_100, 1_250],
    ),
];

/// Vårdgaranti measures: (measure, Västerbotten's level, the nation's level), in percent.
const ACCESS: [(&str, i64, i64); 6] = [
    ("Telefontillgänglighet primärvård, samma dag", 82, 85),
    ("Medicinsk bedömning primärvård inom 3 dagar", 74, 79),
    ("Förstabesök specialistvård inom 90 dagar", 61, 58),
    ("Åtgärd specialistvård inom 90 dagar", 55, 56),
    ("BUP förstabesök inom 30 dagar", 63, 60),
    ("BUP behandling inom 30 dagar", 48, 52),
];

/// Monthly shares (one decimal, as the statistics database gives them) for 2023–2024, for the
/// region and for the nation (riket).
fn accessibility() -> Vec<Vec<String>> {
    let mut rng = Rng::named("hsn-tillganglighet");
    let mut out = Vec::new();
    for year in 2023..=2024 {
        for month in 1..=12u32 {
            for (measure, region, nation) in ACCESS {
                // July dips; a slow drift down over the two years.
                let season = if month == 7 { -40 } else { 0 };
                let drift = -(i64::from(year - 2023) * 12 + i64::from(month)) * 2;
                for (unit, level) in [("Region Västerbotten", region), ("Riket", nation)] {
                    let tenths = level * 10 + season + drift + rng.between(-15, 15);
                    out.push(vec![
                        period(year, month),
                        unit.to_string(),
                        measure.to_string(),
                        "utfall".to_string(),
                        format!("{},{}", tenths / 10, tenths % 10),
                    ]);
                }
            }
        }
    }
    out
}

/// The reporting calendar as the slide lists it: each step and its dates, in order.
const CALENDAR: [(&str, &str); 6] = [
    (
        "Ekonomirapporter tillgängliga",
        "05-mar, 04-apr, 06-maj, 05-jun, 05-aug, 04-sep, 03-okt, 05-nov, 04-dec, 15-jan",
    ),
    ("Basenhet klar", "07-mar, 08-maj, 06-sep, 07-nov, 17-jan"),
    (
        "Område klar",
        "11-mar, 14-maj, 09-aug, 10-sep, 11-nov, 24-jan",
    ),
    (
        "Förvaltning klar",
        "13-mar, 16-maj, 13-aug, 16-sep, 13-nov, 31-jan",
    ),
    (
        "HSN au",
        "12 mars, 11 april, 8 maj, 5 juni, 29 aug, 12 sept, 10 okt, 28 nov",
    ),
    (
        "HSN",
        "27 mars, 25 april, 22 maj, 19 juni, 25 sept, 23 okt, 12 dec",
    ),
];

pub fn write(out: &Path, scale: u32) -> anyhow::Result<Vec<PathBuf>> {
    let header = ["period", "enhet", "post", "typ", "varde"];
    let rows: Vec<Vec<String>> = ledger(scale).iter().map(Row::cells).collect();
    let mut written = vec![write_csv(out, "hsn/ekonomi.csv", &header, &rows)?];

    let mut organisation = Vec::new();
    for (i, unit) in unit_names(scale).into_iter().enumerate() {
        organisation.push(vec![unit, UNITS[i % UNITS.len()].0.to_string()]);
    }
    written.push(write_csv(
        out,
        "hsn/organisation.csv",
        &["enhet", "omrade"],
        &organisation,
    )?);

    let posts: Vec<Vec<String>> = POSTS
        .iter()
        .map(|(post, _)| {
            let kind = if is_income(post) {
                "Intäkter"
            } else {
                "Kostnader"
            };
            vec![post.to_string(), kind.to_string()]
        })
        .collect();
    written.push(write_csv(
        out,
        "hsn/kostnadsslag.csv",
        &["post", "slag"],
        &posts,
    )?);

    let rows: Vec<Vec<String>> = production(scale).iter().map(Row::cells).collect();
    written.push(write_csv(out, "hsn/produktion.csv", &header, &rows)?);

    let mut actions = Vec::new();
    for month in 1..=12u32 {
        for (action, planned, achieved) in ACTIONS {
            let done = achieved
                .get(month as usize - 1)
                .map_or(String::new(), |a| (a * 1000).to_string());
            actions.push(vec![
                period(2024, month),
                action.to_string(),
                (planned[month as usize - 1] * 1000).to_string(),
                done,
            ]);
        }
    }
    written.push(write_csv(
        out,
        "hsn/atgardsplaner.csv",
        &["period", "atgard", "planerad", "uppnadd"],
        &actions,
    )?);

    written.push(write_csv(
        out,
        "hsn/tillganglighet.csv",
        &header,
        &accessibility(),
    )?);

    let calendar: Vec<Vec<String>> = CALENDAR
        .iter()
        .map(|(step, dates)| vec![step.to_string(), dates.to_string()])
        .collect();
    written.push(write_csv(
        out,
        "hsn/rapportplan.csv",
        &["moment", "datum"],
        &calendar,
    )?);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_balances_and_results_are_as_designed() {
        let year_budget: i64 = POSTS.iter().map(|(_, t)| t[3]).sum();
        assert_eq!(year_budget, 0);
        let ack: i64 = POSTS.iter().map(|(_, t)| t[0]).sum();
        assert_eq!(ack, -160_000);
        let ack_fg: i64 = POSTS.iter().map(|(_, t)| t[2]).sum();
        assert_eq!(ack_fg, -100_000);
        let planned: i64 = ACTIONS.iter().map(|a| a.1.iter().sum::<i64>()).sum();
        assert_eq!(planned, 128_000);
    }
}
