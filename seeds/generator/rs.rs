//! The RS report's data (Region Västerbotten 2022–2024): ledger by basenhet with an
//! organisation table, investments, and the small status tables of the regiondirektör's report.
//!
//! The year-to-date targets below were chosen (by a small search, once) so that every printed
//! figure of the seed's tables is what the built-ins compute at the printed precision, including
//! differences, sums and percentages. The generator only spreads each target over units, months
//! and account groups; any split keeps the sums exact.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Rng, period, write_csv};

#[path = "rs_targets.rs"]
mod targets;

use targets::{RS_P8, TARGETS, TRAVEL, Target};

/// The organisation: basenhet, its row in the RS monthly table, område, verksamhetsområde,
/// förvaltning, nämnd.
const ORGANISATION: &[[&str; 6]] = &[
    [
        "Regionförvaltningen gemensamt",
        "Regionförvaltningen gemensamt",
        "Regionförvaltningen gemensamt",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Digitalisering",
        "Digitalisering och service",
        "Digitalisering",
        "Digitalisering och service",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Service",
        "Digitalisering och service",
        "Service",
        "Digitalisering och service",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Regionledning",
        "Regionledning",
        "Administrativ verksamhet",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Ledningsstaben",
        "Ledningsstaben",
        "Administrativ verksamhet",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Företagshälsan",
        "Företagshälsan",
        "Administrativ verksamhet",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "HR stab",
        "HR stab",
        "Administrativ verksamhet",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Kommunikationsstab",
        "Kommunikationsstab",
        "Administrativ verksamhet",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Ekonomistab",
        "Ekonomistab",
        "Administrativ verksamhet",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Smittskydd",
        "Smittskydd",
        "Administrativ verksamhet",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Primärvård beställning",
        "Primärvård beställning",
        "Primärvård beställning",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Tandvård beställning",
        "Tandvård beställning",
        "Tandvård beställning",
        "Regionövergripande verksamhet",
        "Regionförvaltningen",
        "Regionstyrelsen",
    ],
    [
        "Primärvård verksamhet",
        "",
        "Primärvård",
        "Primärvård",
        "Hälso- och sjukvårdsförvaltningen",
        "Hälso- och sjukvårdsnämnd",
    ],
    [
        "Sjukhusvård verksamhet",
        "",
        "Sjukhusvård",
        "Sjukhusvård",
        "Hälso- och sjukvårdsförvaltningen",
        "Hälso- och sjukvårdsnämnd",
    ],
    [
        "Tandvård verksamhet",
        "",
        "Tandvård",
        "Tandvård",
        "Hälso- och sjukvårdsförvaltningen",
        "Hälso- och sjukvårdsnämnd",
    ],
    [
        "Regional utveckling",
        "",
        "Regional utveckling",
        "Regional utveckling",
        "Regionala utvecklingsförvaltningen",
        "Regionala utvecklingsnämnd",
    ],
    [
        "Folkhögskolorna",
        "",
        "Folkhögskolorna",
        "Folkhögskolorna",
        "Folkhögskoleförvaltningen",
        "Folkhögskolestyrelsen",
    ],
    [
        "Patientnämndens kansli",
        "",
        "Patientnämndens kansli",
        "Patientnämndens kansli",
        "Patientnämndsförvaltningen",
        "Patientnämnd",
    ],
    [
        "Revisionskontoret",
        "",
        "Revisionskontoret",
        "Revisionskontoret",
        "Revision",
        "Revision",
    ],
    [
        "Finansförvaltningen",
        "",
        "Finansförvaltningen",
        "Finansförvaltningen",
        "Regionförvaltningen",
        "Finansförvaltning",
    ],
];

/// Investments per area (tkr): year to date August and October, forecasts made in August and
/// October, full-year budget.
const INVESTMENTS: &[(&str, i64, i64, i64, i64, i64)] = &[
    ("Fastighet", 402_000, 494_000, 708_000, 698_000, 648_000),
    ("MT", 71_000, 84_000, 160_000, 160_000, 175_000),
    ("IT", 26_000, 29_000, 40_000, 42_000, 70_000),
    ("Hjälpmedel", 22_000, 27_000, 32_000, 32_000, 32_000),
    ("Verksamhetsservice", 100, 200, 4_000, 4_000, 4_000),
    ("Regional utveckling", 600, 700, 1_000, 1_000, 1_000),
];

type Ledger = BTreeMap<(String, String, &'static str, &'static str), i64>;

pub fn write(out: &Path, _scale: u32) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = vec![write_organisation(out)?];
    written.push(write_ledger(out)?);
    written.push(write_investments(out)?);
    written.extend(write_status_tables(out)?);
    Ok(written)
}

fn write_organisation(out: &Path) -> anyhow::Result<PathBuf> {
    let rows: Vec<Vec<String>> = ORGANISATION
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    write_csv(
        out,
        "rs/organisation.csv",
        &[
            "basenhet",
            "rapportrad",
            "omrade",
            "verksamhetsomrade",
            "forvaltning",
            "namnd",
        ],
        &rows,
    )
}

/// Spread `total` (kr) over `units` × `months` and add it to `net`.
fn spread(
    net: &mut BTreeMap<(String, String), i64>,
    rng: &mut Rng,
    units: &[&str],
    year: i32,
    months: std::ops::RangeInclusive<u32>,
    total: i64,
) {
    let months: Vec<u32> = months.collect();
    let per_unit = rng.split(total, units.len(), 20, 30);
    for (unit, amount) in units.iter().zip(per_unit) {
        let per_month = rng.split(amount, months.len(), 40, 10);
        for (&m, a) in months.iter().zip(per_month) {
            *net.entry((period(year, m), unit.to_string())).or_default() += a;
        }
    }
}

/// Split a proportional share: `total` over `weights`, exact.
fn share(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum();
    let mut out: Vec<i64> = weights
        .iter()
        .map(|w| if sum == 0 { 0 } else { total * w / sum })
        .collect();
    let rest = total - out.iter().sum::<i64>();
    if let Some(last) = out.last_mut() {
        *last += rest;
    }
    out
}

fn write_ledger(out: &Path) -> anyhow::Result<PathBuf> {
    let mut rng = Rng::named("rs-huvudbok");
    let mut utfall: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut budget: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut revision: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut prognos: Vec<(String, String, i64)> = Vec::new();
    let kr = 1000;
    let mut post_of: BTreeMap<String, &'static str> = BTreeMap::new();
    let rs_units: Vec<&Target> = TARGETS.iter().filter(|t| t.uo.is_some()).collect();
    let rs_weights: Vec<i64> = rs_units.iter().map(|t| t.hb).collect();
    let rs_p8 = share(RS_P8 * kr, &rs_weights);
    for t in TARGETS {
        // A financial line's amounts are kept apart from the unit's other lines until written.
        let keys: Vec<String> = t
            .units
            .iter()
            .map(|u| match t.post {
                "" => u.to_string(),
                post => format!("{u}|{post}"),
            })
            .collect();
        for k in &keys {
            post_of.insert(k.clone(), t.post);
        }
        let u: Vec<&str> = keys.iter().map(String::as_str).collect();
        let u = u.as_slice();
        // Two years back (for R12 a year earlier), operations only.
        if t.post.is_empty() {
            spread(&mut utfall, &mut rng, u, 2022, 1..=12, t.f10 * kr * 23 / 20);
        }
        // Last year: January–August, September–October, November–December.
        spread(&mut utfall, &mut rng, u, 2023, 1..=8, t.f8 * kr);
        spread(&mut utfall, &mut rng, u, 2023, 9..=10, (t.f10 - t.f8) * kr);
        spread(&mut utfall, &mut rng, u, 2023, 11..=12, t.f10 * kr / 5);
        spread(&mut budget, &mut rng, u, 2023, 1..=12, t.f10 * kr * 6 / 5);
        // This year's outcome; October on its own where the report shows the month.
        spread(&mut utfall, &mut rng, u, 2024, 1..=8, t.a8 * kr);
        match t.uo {
            Some(uo) => {
                spread(
                    &mut utfall,
                    &mut rng,
                    u,
                    2024,
                    9..=9,
                    (t.a10 - t.a8 - uo) * kr,
                );
                spread(&mut utfall, &mut rng, u, 2024, 10..=10, uo * kr);
            }
            None => spread(&mut utfall, &mut rng, u, 2024, 9..=10, (t.a10 - t.a8) * kr),
        }
        spread(&mut utfall, &mut rng, u, 2024, 11..=12, t.a10 * kr / 5);
        // This year's budget, with the September revision in its own rows.
        let rev_sep_oct = t.rev / 2;
        spread(&mut budget, &mut rng, u, 2024, 1..=8, t.b8 * kr);
        match t.bo {
            Some(bo) => {
                spread(
                    &mut budget,
                    &mut rng,
                    u,
                    2024,
                    9..=9,
                    (t.b10 - t.b8 - bo) * kr,
                );
                spread(&mut budget, &mut rng, u, 2024, 10..=10, bo * kr);
            }
            None => spread(
                &mut budget,
                &mut rng,
                u,
                2024,
                9..=10,
                (t.b10 - t.b8 - rev_sep_oct) * kr,
            ),
        }
        let rest = t.hb - t.b10 + rev_sep_oct;
        spread(&mut budget, &mut rng, u, 2024, 11..=12, rest * kr);
        if t.rev != 0 {
            spread(&mut revision, &mut rng, u, 2024, 9..=10, rev_sep_oct * kr);
            spread(
                &mut revision,
                &mut rng,
                u,
                2024,
                11..=12,
                (t.rev - rev_sep_oct) * kr,
            );
        }
        // Forecasts: April (on budget) and August.
        let p8 = match t.p8 {
            Some(p) => p * kr,
            None => {
                let i = rs_units
                    .iter()
                    .position(|r| std::ptr::eq(*r, t))
                    .unwrap_or(0);
                rs_p8[i]
            }
        };
        let weights: Vec<i64> = (0..u.len() as i64).map(|i| 3 + i).collect();
        for (unit, (apr, aug)) in u.iter().zip(
            share(t.hb * kr, &weights)
                .into_iter()
                .zip(share(p8, &weights)),
        ) {
            prognos.push(("2024-04".into(), unit.to_string(), apr));
            prognos.push(("2024-08".into(), unit.to_string(), aug));
        }
    }
    let travel = travel_costs(&mut rng);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut ledger: Ledger = BTreeMap::new();
    for ((period, unit), net) in &utfall {
        let rese = travel
            .get(&(period.clone(), unit.clone()))
            .copied()
            .unwrap_or(0);
        if unit == FOLKHOGSKOLOR {
            split_gross(&mut ledger, period, unit, *net, rese);
            continue;
        }
        split_posts(
            &mut ledger,
            period,
            &unit_of(unit),
            post_of[unit],
            "utfall",
            *net,
            rese,
        );
    }
    for ((period, unit), net) in &budget {
        split_posts(
            &mut ledger,
            period,
            &unit_of(unit),
            post_of[unit],
            "budget",
            *net,
            0,
        );
    }
    for ((period, unit, post, typ), value) in &ledger {
        rows.push(vec![
            period.clone(),
            unit.clone(),
            post.to_string(),
            typ.to_string(),
            value.to_string(),
            String::new(),
        ]);
    }
    for ((period, unit), value) in &revision {
        let post = match post_of[unit] {
            "" => "Övriga kostnader",
            p => p,
        };
        rows.push(vec![
            period.clone(),
            unit_of(unit),
            post.to_string(),
            "budget".into(),
            value.to_string(),
            "2024-09".into(),
        ]);
    }
    for (period, unit, value) in prognos {
        let post = match post_of[&unit] {
            "" => "Nettokostnad",
            p => p,
        };
        rows.push(vec![
            period,
            unit_of(&unit),
            post.to_string(),
            "prognos".into(),
            value.to_string(),
            String::new(),
        ]);
    }
    write_csv(
        out,
        "rs/huvudbok.csv",
        &["period", "enhet", "post", "typ", "varde", "beslutad"],
        &rows,
    )
}

/// The unit of an internal key (`unit|financial line`).
fn unit_of(key: &str) -> String {
    key.split('|').next().unwrap_or(key).to_string()
}

/// The unit whose gross costs the report's Uppsikt chapter follows.
const FOLKHOGSKOLOR: &str = "Folkhögskolorna";
/// Folkhögskolorna's monthly gross costs (travel included) in 2022 and 2023, kr.
const FOLKHOGSKOLOR_KOSTNAD: i64 = -1_300_000;
/// Their cost development in 2024 as the Uppsikt chapter prints it: +1,5 % (per mille).
const FOLKHOGSKOLOR_UTVECKLING: i64 = 15;

/// Split Folkhögskolorna's net outcome for a month so its gross costs follow the printed cost
/// development (+1,5 % against last year, every month) while the net follows the targets: the
/// revenue is what is left, so a worse net shows as lower revenue ("minskade intäkter").
fn split_gross(ledger: &mut Ledger, period: &str, unit: &str, net: i64, rese: i64) {
    let mut add = |p: &'static str, v: i64| {
        *ledger
            .entry((period.to_string(), unit.to_string(), p, "utfall"))
            .or_default() += v;
    };
    let kostnad = if period.starts_with("2024") {
        FOLKHOGSKOLOR_KOSTNAD * (1000 + FOLKHOGSKOLOR_UTVECKLING) / 1000
    } else {
        FOLKHOGSKOLOR_KOSTNAD
    };
    let personal = kostnad * 3 / 5;
    add("Intäkter", net - kostnad);
    add("Personalkostnader", personal);
    if rese != 0 {
        add("Resekostnader", rese);
    }
    add("Övriga kostnader", kostnad - personal - rese);
}

/// Split a unit's net amount for a month over account groups (financial lines keep theirs).
fn split_posts(
    ledger: &mut Ledger,
    period: &str,
    unit: &str,
    post: &'static str,
    typ: &'static str,
    net: i64,
    rese: i64,
) {
    let mut add = |p: &'static str, v: i64| {
        *ledger
            .entry((period.to_string(), unit.to_string(), p, typ))
            .or_default() += v;
    };
    if !post.is_empty() {
        add(post, net);
        return;
    }
    let size = net.abs();
    let intakter = size / 4;
    let personal = -(size * 3 / 5);
    add("Intäkter", intakter);
    add("Personalkostnader", personal);
    if rese != 0 {
        add("Resekostnader", rese);
    }
    // Care bought from other regions and hired staff, where the report follows them (per mille).
    let (utomlans, inhyrd) = match unit {
        "Sjukhusvård verksamhet" => (70, 30),
        "Primärvård verksamhet" => (20, 45),
        _ => (0, 0),
    };
    let utomlans = -(size * utomlans / 1000);
    let inhyrd = -(size * inhyrd / 1000);
    if utomlans != 0 {
        add("Utomlänsvård", utomlans);
        add("Inhyrd personal", inhyrd);
    }
    add(
        "Övriga kostnader",
        net - intakter - personal - rese - utomlans - inhyrd,
    );
}

/// Travel costs per (month, unit), negative, from the per-förvaltning year-to-date targets.
fn travel_costs(rng: &mut Rng) -> BTreeMap<(String, String), i64> {
    let mut out = BTreeMap::new();
    for (forvaltning, ack_2024, ack_2023) in TRAVEL {
        let units: Vec<&str> = ORGANISATION
            .iter()
            .filter(|r| r[4] == *forvaltning && r[5] != "Finansförvaltning")
            .map(|r| r[0])
            .collect();
        spread(&mut out, rng, &units, 2023, 1..=10, -ack_2023);
        spread(&mut out, rng, &units, 2023, 11..=12, -ack_2023 / 5);
        spread(&mut out, rng, &units, 2024, 1..=10, -ack_2024);
        spread(&mut out, rng, &units, 2024, 11..=12, -ack_2024 / 6);
    }
    out
}

fn write_investments(out: &Path) -> anyhow::Result<PathBuf> {
    let mut rng = Rng::named("rs-investeringar");
    let mut rows = Vec::new();
    let kr = 1000;
    for (area, aug, oct, p_aug, p_oct, budget) in INVESTMENTS {
        let mut push = |period: String, typ: &str, value: i64| {
            rows.push(vec![
                period,
                area.to_string(),
                "Investeringsutgift".into(),
                typ.to_string(),
                value.to_string(),
            ]);
        };
        let last_year = rng.split(budget * kr * 4 / 5, 12, 30, 40);
        for (m, v) in (1..=12).zip(last_year) {
            push(period(2023, m), "utfall", v);
        }
        for (m, v) in (1..=12).zip(rng.split(budget * kr, 12, 40, 10)) {
            push(period(2024, m), "budget", v);
        }
        let mut outcome = rng.split(aug * kr, 8, 30, 40);
        outcome.extend(rng.split((oct - aug) * kr, 2, 40, 10));
        outcome.extend(rng.split((p_oct - oct) * kr, 2, 40, 10));
        for (m, v) in (1..=12).zip(outcome) {
            push(period(2024, m), "utfall", v);
        }
        push("2024-08".into(), "prognos", p_aug * kr);
        push("2024-10".into(), "prognos", p_oct * kr);
    }
    write_csv(
        out,
        "rs/investeringar.csv",
        &["period", "enhet", "post", "typ", "varde"],
        &rows,
    )
}

fn texts(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The report's status tables: region goals, financial goals, the regionstyrelse's goal
/// follow-up, staff, sick leave, vårdgaranti, procurement and the fullmäktige assignments.
fn write_status_tables(out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    written.push(write_csv(
        out,
        "rs/regionmal.csv",
        &["mal", "status"],
        &texts(&[
            &["Mål 1. Trygga uppväxtvillkor", "delvis"],
            &["Mål 2. Goda levnadsvillkor", "delvis"],
            &["Mål 3. Ett attraktivt och hållbart Västerbotten", "delvis"],
            &[
                "Mål 4. Tillgänglig vård med god kvalitet och kontinuitet",
                "helt",
            ],
            &[
                "Mål 5. Goda arbetsplatser och attraktiva arbetsgivare",
                "saknas",
            ],
            &["Mål 6. En hållbar miljö- och klimatregion", "delvis"],
            &["Mål 7. Stärkt forskning, utbildning och innovation", "helt"],
        ]),
    )?);
    written.push(write_csv(
        out,
        "rs/finansiella_mal.csv",
        &["mal", "status", "indikator", "utfall", "malvarde", "enhet", "analys"],
        &texts(&[
            &["Resultatmål", "inte", "Verksamhetens resultat", "-4,5", "1,4", "procent", "Prognosen för 2024 är ett utfall på -4,5 procent."],
            &["Soliditetsmål", "inte", "Soliditet inklusive ansvarsförbindelse", "-18", "-14", "procent", "Prognosen är en soliditet inklusive ansvarsförbindelse på minus 18 procent vid årets slut."],
            &["Skuldsättningsmål", "inte", "Låneskuld", "22", "18", "procent", "Prognosen är ett utfall på 22 procent vid årets slut."],
        ]),
    )?);
    // The regionstyrelse's plan: 17 delmål and 29 indicators with their status in August.
    let mut plan = Vec::new();
    let counts = [
        (
            "delmål",
            [("helt", 4), ("delvis", 1), ("inte", 0), ("saknas", 12)],
        ),
        (
            "indikator",
            [("helt", 6), ("delvis", 1), ("inte", 2), ("saknas", 20)],
        ),
    ];
    for (kind, statuses) in counts {
        let mut n = 0;
        for (status, count) in statuses {
            for _ in 0..count {
                n += 1;
                plan.push(vec![
                    kind.to_string(),
                    format!(
                        "{} {n}",
                        if kind == "delmål" {
                            "Delmål"
                        } else {
                            "Indikator"
                        }
                    ),
                    status.to_string(),
                ]);
            }
        }
    }
    written.push(write_csv(
        out,
        "rs/rs_plan.csv",
        &["slag", "namn", "status"],
        &plan,
    )?);
    written.push(write_csv(
        out,
        "rs/anstallda.csv",
        &["period", "forvaltning", "antal"],
        &texts(&[
            &["2023-08", "Hälso- och sjukvårdsförvaltningen", "9482"],
            &["2023-08", "Regionförvaltningen", "1144"],
            &["2023-08", "Regionala utvecklingsförvaltningen", "155"],
            &["2023-08", "Folkhögskoleförvaltningen", "26"],
            &["2023-08", "Patientnämndsförvaltningen", "5"],
            &["2023-08", "Revision", "2"],
            &["2024-08", "Hälso- och sjukvårdsförvaltningen", "9727"],
            &["2024-08", "Regionförvaltningen", "1177"],
            &["2024-08", "Regionala utvecklingsförvaltningen", "150"],
            &["2024-08", "Folkhögskoleförvaltningen", "30"],
            &["2024-08", "Patientnämndsförvaltningen", "6"],
            &["2024-08", "Revision", "2"],
        ]),
    )?);
    written.push(write_sick_leave(out)?);
    written.push(write_waiting(out)?);
    written.push(write_csv(
        out,
        "rs/fullmaktigeuppdrag.csv",
        &["ansvarig", "uppdrag", "status", "kommentar"],
        &texts(FULLMAKTIGE),
    )?);
    Ok(written)
}

/// Vårdgaranti per month 2023–2024: the share within 90 days as SKR reports it, and the
/// waiting counts. August and September 2024 are the report's printed figures; the other
/// months are drawn around them.
fn write_waiting(out: &Path) -> anyhow::Result<PathBuf> {
    let mut rng = Rng::named("rs-vardgaranti");
    // (measure, printed August 2024, printed September 2024): share ‰, waiting, > 90, > 365.
    let printed: [(&str, [i64; 4], [i64; 4]); 2] = [
        (
            "Förstabesök",
            [539, 15209, 7011, 412],
            [596, 14979, 6116, 427],
        ),
        (
            "Åtgärder",
            [291, 10046, 7123, 1310],
            [342, 9790, 6466, 1242],
        ),
    ];
    let mut rows = Vec::new();
    for (measure, aug, sep) in printed {
        for year in [2023, 2024] {
            for m in 1..=12u32 {
                let figures = match (year, m) {
                    (2024, 8) => aug,
                    (2024, 9) => sep,
                    _ => {
                        let waiting = aug[1] + rng.between(-900, 900);
                        let share = aug[0] + rng.between(-40, 60);
                        [
                            share,
                            waiting,
                            waiting * (1000 - share) / 1000,
                            aug[3] + rng.between(-80, 80),
                        ]
                    }
                };
                rows.push(vec![
                    period(year, m),
                    measure.to_string(),
                    format!("{},{}", figures[0] / 10, figures[0] % 10),
                    figures[1].to_string(),
                    figures[2].to_string(),
                    figures[3].to_string(),
                ]);
            }
        }
    }
    write_csv(
        out,
        "rs/vardgaranti.csv",
        &[
            "period",
            "matt",
            "andel_inom_90",
            "vantande",
            "over_90",
            "over_365",
        ],
        &rows,
    )
}

/// Sick hours and scheduled hours per age band, year to date August (the percentages the
/// report prints: 5,5 % against 5,6 %; under 30: 5,32 % against 5,11 %).
fn write_sick_leave(out: &Path) -> anyhow::Result<PathBuf> {
    let rows = texts(&[
        &["2023-08", "-29", "54659", "1069650"],
        &["2023-08", "30-49", "412000", "7200000"],
        &["2023-08", "50-", "341000", "6210000"],
        &["2024-08", "-29", "57400", "1078947"],
        &["2024-08", "30-49", "405000", "7350000"],
        &["2024-08", "50-", "343500", "6260000"],
    ]);
    write_csv(
        out,
        "rs/sjukfranvaro.csv",
        &["period", "aldersgrupp", "sjuktimmar", "arbetstimmar"],
        &rows,
    )
}

const FULLMAKTIGE: &[&[&str]] = &[
    &[
        "Johan",
        "Identifiera och ta fram förslag på samordnade funktionella aktiviteter mellan förvaltningarna och i norra sjukvårdsregionen i syfte att minska administrativa kostnader",
        "pågår",
        "Arbetsgruppen har tagit fram nya case som kommer beslutas, översyn av gemensamma funktioner inom staberna fortsätter.",
    ],
    &[
        "Sara",
        "Formalisera arbetet med att minska hyrberoendet. Målet −20 %, 4 % av egna personalkostnader",
        "försenat",
        "Minskningen inom primärvården fortsätter men inte inom sjukhusvården. Klarar inte akuten i Lycksele och mer hyr för CFOG påverkar resultatet. Plan för 2025 är under framtagande.",
    ],
    &[
        "Elisabeth",
        "Arbeta systematiskt utifrån ett etiskt perspektiv med prioriteringar för minskad vårdkonsumtion",
        "pågår",
        "Två aktiviteter för att minska konsumtionen är genomförda, fler ligger i planerna, plan för 2025 är under framtagande.",
    ],
    &[
        "Elisabeth",
        "Identifiera och initiera ett fokusarbete för att förbättra tillgängligheten vid valda enheter. Målet är +25 VP för opererande verksamheter på NUS och förbättrade tillgänglighetssiffror för ögon och utprovning av hörapparater med 20 %",
        "pågår",
        "Några fler VP har öppnats och planer för ombyggnation och omflyttning är framtagna för att öka kapaciteten på kirurgcentrum. Ögon: köbearbetning sker för fullt och närmar sig målet. Plan för 2025 är under framtagande.",
    ],
    &[
        "Elisabeth",
        "Utveckla samspelet mellan sjukhusvården och primärvården i syfte att stödja omställningen till nära vård",
        "klart",
        "Slutrapport är framtagen och slutsatser är dragna, 2025 års uppdrag är under bearbetning, avslutas i november.",
    ],
    &[
        "Ida",
        "Stärka vår ledning och styrning genom att tydliggöra och förankra verksamhetsstyrningens innehåll, starta upp implementering enligt identifierade delaktiviteter 2024",
        "pågår",
        "Uppdaterat plattformen på intranätet. Förslag på förändringar i Stratsys för effektivare rapportering pågår. Plan för 2025 framtagen.",
    ],
];
