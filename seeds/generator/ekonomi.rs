//! HSF ekonomi (Region Västmanland, February 2023): the ledger 2022–2023 per cost centre and
//! account group, the corrections and comparison-distorting items, the forecast's sensitivity
//! and the "Innersta boxen" actions.
//!
//! The per-line totals below are the design: amounts (in thousands of kronor) chosen so that
//! every figure of the report's förenklad resultaträkning rounds to the printed one, including
//! the derived ones (deviations, sums, the result) and the corrected cost development of köpt
//! vård (+11,7 %) and övriga kostnader (+4,6 %). The generator spreads each total over months
//! and cost centres, then moves amounts between cost centres (never changing a line's total)
//! so each område's deviation, result and cost development is the one the report prints.

use std::path::{Path, PathBuf};

use super::rng::{jitter, split_weighted};
use super::{Rng, period, write_csv};

/// (område, cost centre, relative size).
const UNITS: [(&str, &str, u64); 11] = [
    ("Akutsjukvård", "Akutkliniken", 16),
    ("Akutsjukvård", "Kirurgkliniken", 18),
    ("Akutsjukvård", "Ortopedkliniken", 15),
    ("Nära vård", "Vårdcentraler i egen regi", 18),
    ("Nära vård", "Geriatriken", 6),
    ("Nära vård", "Medicinkliniken", 15),
    ("Medicinsk diagnostik och teknik", "Radiologi", 7),
    ("Medicinsk diagnostik och teknik", "Laboratoriemedicin", 6),
    ("Medicinsk diagnostik och teknik", "Hjälpmedelscentrum", 3),
    ("Medicinsk diagnostik och teknik", "Medicinsk teknik", 2),
    ("Förvaltningsgemensamt", "HSF ledning och stab", 6),
];

/// The cost centre that carries the administration-wide items (the last one).
const SHARED: usize = UNITS.len() - 1;

/// Område targets: (område, ack deviation from budget, forecast deviation), in kronor.
/// Förvaltningsgemensamt takes the rest of the totals.
const AREA_TARGETS: [(&str, i64, i64); 3] = [
    ("Akutsjukvård", -50_214_000, -53_612_000),
    ("Nära vård", -4_183_000, -20_040_000),
    ("Medicinsk diagnostik och teknik", 12_036_000, 38_980_000),
];

/// Akutsjukvård's year-to-date result ("Resultat −55 mkr, −50 mkr sämre än budget").
const AKUT_RESULT: i64 = -55_012_000;

/// Cost development per område, ack against ack last year, in per mille: (område, gross,
/// net). Net is costs less the område's own income (all income but Regionersättning).
const AREA_DEVELOPMENT: [(&str, i64, i64); 3] = [
    ("Akutsjukvård", 80, 121),
    ("Nära vård", 39, 48),
    ("Medicinsk diagnostik och teknik", 56, 109),
];

/// The ledger's cost posts.
const COST_POSTS: [&str; 10] = [
    "Löner",
    "Sociala avgifter",
    "Övertid/mertid",
    "Externt inhyrd personal",
    "Köpt vård",
    "Läkemedelskostnader",
    "Tekniska hjälpmedel",
    "Material och tjänster",
    "Lokalkostnader",
    "Övriga verksamhetskostnader",
];

/// The income that nets against costs in an område's net cost.
const OWN_INCOME: [&str; 4] = [
    "Patientavgifter",
    "Ersättning vårdtjänster",
    "Försäljning av tjänster",
    "Övriga intäkter",
];

/// One resultaträkning line's totals in thousands of kronor: ack utfall, ack budget, ack
/// utfall fg år, helår prognos, helår budget, bokslut fg år.
type Totals = [i64; 6];

/// The lines in the report's order. Personalkostnader is split into posts below.
const LINES: [(&str, Totals); 12] = [
    (
        "Patientavgifter",
        [21_773, 20_583, 19_090, 125_995, 125_492, 121_067],
    ),
    (
        "Ersättning vårdtjänster",
        [31_658, 31_039, 25_540, 194_606, 189_009, 178_709],
    ),
    (
        "Regionersättning",
        [
            1_418_355, 1_436_334, 1_385_430, 8_606_416, 8_617_940, 8_503_232,
        ],
    ),
    (
        "Försäljning av tjänster",
        [32_514, 35_170, 35_925, 220_720, 214_007, 213_979],
    ),
    (
        "Övriga intäkter",
        [33_398, 36_632, 28_833, 216_124, 219_280, 242_437],
    ),
    (
        "Personalkostnader",
        [
            -796_219, -642_456, -746_264, -4_629_608, -3_778_082, -4_309_925,
        ],
    ),
    (
        "Köpt vård",
        [
            -189_415, -178_005, -163_007, -1_093_887, -1_082_619, -1_056_671,
        ],
    ),
    (
        "Läkemedelskostnader",
        [
            -202_395, -198_620, -185_713, -1_204_916, -1_191_535, -1_140_032,
        ],
    ),
    (
        "Tekniska hjälpmedel",
        [-12_357, -13_043, -10_638, -79_437, -78_182, -75_808],
    ),
    (
        "Material och tjänster",
        [
            -306_717, -320_080, -312_761, -1_936_358, -1_939_699, -1_914_760,
        ],
    ),
    (
        "Lokalkostnader",
        [-65_720, -64_622, -59_537, -391_062, -387_907, -365_771],
    ),
    // Helår budget −907 704: the budget's result is exactly zero.
    (
        "Övriga verksamhetskostnader",
        [-138_964, -151_394, -136_625, -918_599, -907_704, -876_965],
    ),
];

/// The varav lines of Personalkostnader, their own posts in the ledger.
const VARAV: [(&str, Totals); 2] = [
    (
        "Externt inhyrd personal",
        [-55_400, -21_882, -38_404, -190_624, -132_736, -263_281],
    ),
    (
        "Övertid/mertid",
        [-23_865, -10_895, -24_938, -98_173, -64_563, -111_896],
    ),
];

/// The January forecast's result (the earlier "minus 800 miljoner"), in kronor.
const JANUARY_FORECAST: i64 = -800_000_000;

/// Two wrongly booked entries in February 2023: (cost centre, post, amount).
const CORRECTIONS: [(usize, &str, i64); 2] = [
    (5, "Köpt vård", -7_400_000),
    (2, "Övriga verksamhetskostnader", 3_900_000),
];

/// Covid, vaccination and testing (jämförelsestörande): (year, cost centre, post, ack Jan–Feb).
const DISTORTING: [(i32, usize, &str, i64); 4] = [
    (2022, 7, "Material och tjänster", -50_035_000),
    (2022, 3, "Löner", -32_000_000),
    (2023, 7, "Material och tjänster", -7_000_000),
    (2023, 3, "Löner", -5_000_000),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Utfall,
    Budget,
    Prognos,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Utfall => "utfall",
            Kind::Budget => "budget",
            Kind::Prognos => "prognos",
        }
    }
}

/// One ledger row: (year, month, cost centre, post, kind) → kronor.
#[derive(Debug, Clone)]
struct Entry {
    year: i32,
    month: u32,
    unit: usize,
    /// The counterparty: 1 external, 2 other regions and municipalities, 3 internal (other
    /// parts of the region). The resultaträkning shows counterparties 1 and 2.
    motpart: u8,
    post: &'static str,
    kind: Kind,
    value: i64,
}

/// The counterparty of a post's external rows.
fn motpart(post: &str) -> u8 {
    match post {
        "Köpt vård" | "Ersättning vårdtjänster" => 2,
        _ => 1,
    }
}

/// Internal trade (counterparty 3) January–February, booked on the shared cost centre:
/// (year, post, kronor). With it, gross costs grow 5,4 % (5,2 % corrected) and net costs
/// 8,4 % (8,2 %), as the report prints; the resultaträkning (counterparties 1 and 2) does not
/// show it.
const INTERNAL: [(i32, &str, i64); 4] = [
    (2022, "Material och tjänster", -385_455_000),
    (2023, "Material och tjänster", -396_213_000),
    (2022, "Försäljning av tjänster", 390_612_000),
    (2023, "Försäljning av tjänster", 362_457_000),
];

/// Internal trade for every month: January–February as designed, the other months at the
/// same monthly level.
fn internal_trade(rng: &mut Rng) -> Vec<Entry> {
    let mut out = Vec::new();
    for (year, post, ack) in INTERNAL {
        let first = split_weighted(ack, &[50, 50]);
        let rest = split_weighted(ack * 5, &jitter(rng, &[100; 10], 6));
        for (month, value) in (1..=12u32).zip(first.into_iter().chain(rest)) {
            out.push(Entry {
                year,
                month,
                unit: SHARED,
                motpart: 3,
                post,
                kind: Kind::Utfall,
                value,
            });
        }
    }
    out
}

/// A line's posts with their totals: Personalkostnader splits into Löner, Sociala avgifter
/// and the two varav posts; other lines are one post each.
fn posts() -> Vec<(&'static str, Totals)> {
    let mut out = Vec::new();
    for (name, totals) in LINES {
        if name != "Personalkostnader" {
            out.push((name, totals));
            continue;
        }
        let mut rest = totals;
        for (_, v) in VARAV {
            for i in 0..6 {
                rest[i] -= v[i];
            }
        }
        let mut salaries = [0i64; 6];
        let mut social = [0i64; 6];
        for i in 0..6 {
            salaries[i] = rest[i] * 3 / 4;
            social[i] = rest[i] - salaries[i];
        }
        out.push(("Löner", salaries));
        out.push(("Sociala avgifter", social));
        out.extend(VARAV);
    }
    out
}

/// Spread `total` kronor over `months` of `year` and over the cost centres by `weights`.
#[allow(clippy::too_many_arguments)]
fn spread(
    rng: &mut Rng,
    entries: &mut Vec<Entry>,
    post: &'static str,
    kind: Kind,
    year: i32,
    months: std::ops::RangeInclusive<u32>,
    total: i64,
    weights: &[u64],
) {
    let months: Vec<u32> = months.collect();
    let per_month = split_weighted(total, &jitter(rng, &vec![100; months.len()], 8));
    for (month, amount) in months.into_iter().zip(per_month) {
        let per_unit = split_weighted(amount, &jitter(rng, weights, 2));
        for (unit, value) in per_unit.into_iter().enumerate() {
            entries.push(Entry {
                year,
                month,
                unit,
                motpart: motpart(post),
                post,
                kind,
                value,
            });
        }
    }
}

fn ledger() -> Vec<Entry> {
    let mut rng = Rng::named("hsf-ekonomi");
    let mut entries = Vec::new();
    let k = 1000;
    let sizes: Vec<u64> = UNITS.iter().map(|u| u.2 * 100).collect();
    for (post, [ack, ack_budget, ack_fg, forecast, budget, year_fg]) in posts() {
        // Each cost centre's share of a post is the same for every kind and year.
        let w = jitter(&mut rng, &sizes, 5);
        let (ack, ack_budget, ack_fg) = (ack * k, ack_budget * k, ack_fg * k);
        let (forecast, budget, year_fg) = (forecast * k, budget * k, year_fg * k);
        let e = &mut entries;
        let r = &mut rng;
        spread(r, e, post, Kind::Utfall, 2023, 1..=2, ack, &w);
        // The rest of the year comes out as forecast, so a later period renders too.
        spread(r, e, post, Kind::Utfall, 2023, 3..=12, forecast - ack, &w);
        spread(r, e, post, Kind::Budget, 2023, 1..=2, ack_budget, &w);
        spread(
            r,
            e,
            post,
            Kind::Budget,
            2023,
            3..=12,
            budget - ack_budget,
            &w,
        );
        spread(r, e, post, Kind::Utfall, 2022, 1..=2, ack_fg, &w);
        spread(r, e, post, Kind::Utfall, 2022, 3..=12, year_fg - ack_fg, &w);
        spread(r, e, post, Kind::Prognos, 2023, 2..=2, forecast, &w);
    }
    set_akut_budget(&mut entries);
    balance_budgets(&mut entries);
    balance_areas(&mut entries);
    set_area_development(&mut entries);
    entries.extend(january_forecast(&entries));
    entries.extend(internal_trade(&mut rng));
    entries.sort_by_key(|e| (e.year, e.month, e.unit, e.kind, e.motpart));
    entries
}

/// Move February 2023 Löner budget between Akutsjukvård and the shared cost centre so that,
/// once the deviation is set, Akutsjukvård's year-to-date result is `AKUT_RESULT`.
fn set_akut_budget(entries: &mut [Entry]) {
    let area = "Akutsjukvård";
    let target_budget = AKUT_RESULT - AREA_TARGETS[0].1;
    let budget: i64 = entries
        .iter()
        .filter(|e| UNITS[e.unit].0 == area && e.year == 2023 && e.month <= 2)
        .filter(|e| e.kind == Kind::Budget)
        .map(|e| e.value)
        .sum();
    shift(
        entries,
        area,
        Kind::Budget,
        2023,
        "Löner",
        target_budget - budget,
    );
}

/// An område's year-to-date sum over `posts` of kind utfall in `year`.
fn area_sum(entries: &[Entry], area: &str, year: i32, posts: &dyn Fn(&str) -> bool) -> i64 {
    entries
        .iter()
        .filter(|e| UNITS[e.unit].0 == area && e.year == year && e.month <= 2)
        .filter(|e| e.kind == Kind::Utfall && posts(e.post))
        .map(|e| e.value)
        .sum()
}

/// Give each område its gross and net cost development without touching its result: last
/// year's costs move (Material och tjänster, February 2022) so net cost grows as printed, then
/// this year's own income and Löner move by the same amount in opposite directions so gross
/// cost grows as printed. The shared cost centre takes the other side of every move.
fn set_area_development(entries: &mut [Entry]) {
    let own = |p: &str| OWN_INCOME.contains(&p);
    let cost = |p: &str| p != "Regionersättning" && !OWN_INCOME.contains(&p);
    for (area, gross, net) in AREA_DEVELOPMENT {
        let (gross, net) = (1000 + gross, 1000 + net);
        let cost_now = area_sum(entries, area, 2023, &cost);
        let income_now = area_sum(entries, area, 2023, &own);
        let net_now = cost_now + income_now;
        let income_before = area_sum(entries, area, 2022, &own);
        let cost_before = area_sum(entries, area, 2022, &cost);
        // Net last year = net now / (1 + net growth); the costs make up the difference.
        let wanted_cost_before = net_now * 1000 / net - income_before;
        // Spread over the cost posts in proportion to the område's own amounts.
        let move_cost = wanted_cost_before - cost_before;
        for post in COST_POSTS {
            let part = area_sum(entries, area, 2022, &|p: &str| p == post);
            let share = i128::from(move_cost) * i128::from(part) / i128::from(cost_before.min(-1));
            shift(entries, area, Kind::Utfall, 2022, post, share as i64);
        }
        let wanted_cost_now = wanted_cost_before * gross / 1000;
        let move_income = (net_now - wanted_cost_now) - income_now;
        for post in OWN_INCOME {
            let part = area_sum(entries, area, 2023, &|p: &str| p == post);
            let share = i128::from(move_income) * i128::from(part) / i128::from(income_now.max(1));
            shift(entries, area, Kind::Utfall, 2023, post, share as i64);
            shift(entries, area, Kind::Utfall, 2023, "Löner", -(share as i64));
        }
    }
}

/// Every cost centre's full-year budget balances to zero: the difference moves to the shared
/// cost centre through December's Regionersättning (so year-to-date budgets stay as drawn).
fn balance_budgets(entries: &mut [Entry]) {
    for unit in 0..SHARED {
        let result: i64 = entries
            .iter()
            .filter(|e| e.unit == unit && e.year == 2023 && e.kind == Kind::Budget)
            .map(|e| e.value)
            .sum();
        for e in entries.iter_mut() {
            if e.year == 2023
                && e.month == 12
                && e.kind == Kind::Budget
                && e.post == "Regionersättning"
            {
                if e.unit == unit {
                    e.value -= result;
                } else if e.unit == SHARED {
                    e.value += result;
                }
            }
        }
    }
}

/// Move amounts of Löner between cost centres so each område's ack deviation and forecast
/// deviation is its target; the shared cost centre takes the other side.
fn balance_areas(entries: &mut [Entry]) {
    for (area, ack_target, forecast_target) in AREA_TARGETS {
        let in_area = |e: &Entry| UNITS[e.unit].0 == area;
        let ack = |e: &Entry| e.year == 2023 && e.month <= 2;
        let ack_dev: i64 = entries
            .iter()
            .filter(|e| in_area(e) && ack(e))
            .map(|e| match e.kind {
                Kind::Utfall => e.value,
                Kind::Budget => -e.value,
                Kind::Prognos => 0,
            })
            .sum();
        let forecast_dev: i64 = entries
            .iter()
            .filter(|e| in_area(e) && e.year == 2023)
            .map(|e| match e.kind {
                Kind::Prognos => e.value,
                Kind::Budget => -e.value,
                Kind::Utfall => 0,
            })
            .sum();
        shift(
            entries,
            area,
            Kind::Utfall,
            2023,
            "Löner",
            ack_target - ack_dev,
        );
        let delta = forecast_target - forecast_dev;
        shift(entries, area, Kind::Prognos, 2023, "Löner", delta);
    }
}

/// Add `delta` to an område's February `post` of `kind` in `year`, spread over its cost
/// centres by size, and take it from the shared cost centre.
fn shift(entries: &mut [Entry], area: &str, kind: Kind, year: i32, post: &str, delta: i64) {
    let members: Vec<usize> = (0..UNITS.len()).filter(|&u| UNITS[u].0 == area).collect();
    let weights: Vec<u64> = members.iter().map(|&u| UNITS[u].2).collect();
    let parts = split_weighted(delta, &weights);
    for e in entries.iter_mut() {
        if e.year == year && e.month == 2 && e.post == post && e.kind == kind {
            if let Some(i) = members.iter().position(|&u| u == e.unit) {
                e.value += parts[i];
            } else if e.unit == SHARED {
                e.value -= delta;
            }
        }
    }
}

/// January's forecast: February's, with the shared cost centre's personnel deficit smaller
/// by the difference (the earlier, less pessimistic estimate).
fn january_forecast(entries: &[Entry]) -> Vec<Entry> {
    let mut out: Vec<Entry> = entries
        .iter()
        .filter(|e| e.kind == Kind::Prognos)
        .map(|e| Entry {
            month: 1,
            ..e.clone()
        })
        .collect();
    let february: i64 = out.iter().map(|e| e.value).sum();
    if let Some(e) = out
        .iter_mut()
        .find(|e| e.unit == SHARED && e.post == "Löner")
    {
        e.value += JANUARY_FORECAST - february;
    }
    out
}

pub fn write(out: &Path, scale: u32) -> anyhow::Result<Vec<PathBuf>> {
    let entries = ledger();
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(entries.len() * scale as usize);
    for copy in 0..scale {
        for e in &entries {
            let (_, unit, _) = UNITS[e.unit];
            let unit = if copy == 0 {
                unit.to_string()
            } else {
                format!("{unit} {}", copy + 1)
            };
            rows.push(vec![
                period(e.year, e.month),
                unit,
                e.motpart.to_string(),
                e.post.to_string(),
                e.kind.name().to_string(),
                e.value.to_string(),
            ]);
        }
    }
    let header = ["period", "enhet", "motpart", "post", "typ", "varde"];
    let mut written = vec![write_csv(out, "hsf/ekonomi.csv", &header, &rows)?];
    let mut organisation = Vec::new();
    for copy in 0..scale {
        for (area, unit, _) in UNITS {
            let unit = if copy == 0 {
                unit.to_string()
            } else {
                format!("{unit} {}", copy + 1)
            };
            organisation.push(vec![unit, area.to_string()]);
        }
    }
    written.push(write_csv(
        out,
        "hsf/organisation.csv",
        &["enhet", "omrade"],
        &organisation,
    )?);

    let corrections: Vec<Vec<String>> = CORRECTIONS
        .iter()
        .map(|(unit, post, value)| {
            vec![
                "2023-02".into(),
                UNITS[*unit].1.into(),
                post.to_string(),
                "utfall".into(),
                value.to_string(),
                "Felaktigt bokförd post".into(),
            ]
        })
        .collect();
    let header_note = ["period", "enhet", "post", "typ", "varde", "beskrivning"];
    written.push(write_csv(
        out,
        "hsf/korrigeringar.csv",
        &header_note,
        &corrections,
    )?);

    let mut distorting = Vec::new();
    for (year, unit, post, total) in DISTORTING {
        let halves = split_weighted(total, &[55, 45]);
        for (month, value) in [1u32, 2].into_iter().zip(halves) {
            let what = if post == "Löner" {
                "Vaccination covid-19"
            } else {
                "Provtagning covid-19"
            };
            distorting.push(vec![
                period(year, month),
                UNITS[unit].1.into(),
                post.into(),
                "utfall".into(),
                value.to_string(),
                what.into(),
            ]);
        }
    }
    written.push(write_csv(
        out,
        "hsf/jamforelsestorande.csv",
        &header_note,
        &distorting,
    )?);

    let m = 1_000_000i64;
    let sensitivity: Vec<Vec<String>> = [
        ("Tillgänglighetskostnader", -30, 10),
        ("Handlingsplan oberoende hyr", -40, 20),
        ("Innersta boxen - Spar 2023", -56, 0),
        ("Nya dyra läkemedel, volym/pris (exkl ögon)", -25, 5),
        (
            "Köpt vård, resurskrävande patienter, volym, prisökning",
            -30,
            10,
        ),
        ("Statsbidrag, tillgänglighet, vårdplatser", -60, 40),
        ("Lönerörelse utöver kompensation, dyra timmar", -20, 0),
        ("Material och tjänster, prishöjningar", -15, 5),
    ]
    .iter()
    .map(|(post, lo, hi)| vec![post.to_string(), (lo * m).to_string(), (hi * m).to_string()])
    .collect();
    written.push(write_csv(
        out,
        "hsf/kanslighet.csv",
        &["post", "lag", "hog"],
        &sensitivity,
    )?);

    // The controller's judgements behind the forecast chapter: figures from the
    // förvaltningsplan and the forecast interval, which no ledger holds. Kept as data so every
    // chapter that prints them reads the same figure.
    let judgements: Vec<Vec<String>> = [
        (
            "Underskott i förvaltningsplan",
            -800,
            "Förvaltningsplan 2023, helår",
        ),
        (
            "Prognosintervall, bättre",
            20,
            "Controllerns bedömning av hur mycket bättre året kan sluta",
        ),
        (
            "Prognosintervall, sämre",
            50,
            "Controllerns bedömning av hur mycket sämre året kan sluta",
        ),
    ]
    .iter()
    .map(|(post, mkr, source)| vec![post.to_string(), (mkr * m).to_string(), source.to_string()])
    .collect();
    written.push(write_csv(
        out,
        "hsf/bedomningar.csv",
        &["post", "belopp", "kalla"],
        &judgements,
    )?);

    let actions: Vec<Vec<String>> = [
        (
            "Vårdplatser",
            "Q1 2022",
            20,
            "Ej enligt plan",
            "Personalkostn. över budget",
        ),
        (
            "Inhyrd personal",
            "Q3 2022",
            20,
            "Ej enligt plan",
            "Utfall över budget",
        ),
        (
            "Digital taligenkänning",
            "Q2 2023",
            5,
            "Delvis enligt plan",
            "Anställda +1",
        ),
        ("Läkemedel", "Q1 2022", 7, "Enligt plan", "Pågår start v 8"),
        (
            "Inköp",
            "Q3 2022",
            1,
            "Delvis enligt plan",
            "Inköp under plan",
        ),
        ("Ökad försäljning", "Q1 2023", 3, "Enligt plan", "Pågår"),
    ]
    .iter()
    .map(|(a, t, goal, status, note)| {
        vec![
            a.to_string(),
            t.to_string(),
            (goal * m).to_string(),
            status.to_string(),
            note.to_string(),
        ]
    })
    .collect();
    written.push(write_csv(
        out,
        "hsf/innersta-boxen.csv",
        &["aktivitet", "tidplan", "malvarde", "status", "kommentar"],
        &actions,
    )?);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_totals_survive_spreading_and_balancing() {
        let entries = ledger();
        let sum = |post: &str, kind: Kind, year: i32, months: std::ops::RangeInclusive<u32>| {
            entries
                .iter()
                .filter(|e| {
                    e.post == post && e.kind == kind && e.year == year && months.contains(&e.month)
                })
                .map(|e| e.value)
                .sum::<i64>()
        };
        assert_eq!(sum("Köpt vård", Kind::Utfall, 2023, 1..=2), -189_415_000);
        let personnel: i64 = [
            "Löner",
            "Sociala avgifter",
            "Externt inhyrd personal",
            "Övertid/mertid",
        ]
        .iter()
        .map(|p| sum(p, Kind::Utfall, 2023, 1..=2))
        .sum();
        assert_eq!(personnel, -796_219_000);
        assert_eq!(
            sum("Löner", Kind::Prognos, 2023, 2..=2)
                + sum("Sociala avgifter", Kind::Prognos, 2023, 2..=2)
                + sum("Externt inhyrd personal", Kind::Prognos, 2023, 2..=2)
                + sum("Övertid/mertid", Kind::Prognos, 2023, 2..=2),
            -4_629_608_000
        );
        let jan: i64 = entries
            .iter()
            .filter(|e| e.kind == Kind::Prognos && e.month == 1)
            .map(|e| e.value)
            .sum();
        assert_eq!(jan, JANUARY_FORECAST);
    }
}
