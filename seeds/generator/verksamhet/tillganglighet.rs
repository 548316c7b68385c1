//! Accessibility data (`hsf/tillganglighet.csv`), 2021–2023: per measure and month the
//! counts within the guarantee (`inom`) and in all (`totalt`), waiting time (`vantetid`),
//! waiting over 365 days (`over_365`), the national share (`riket`) and the goals (`mal`,
//! `mal_max`), so that February 2023 gives the printed "Tillgänglighet HSF" table.

use std::path::{Path, PathBuf};

use super::super::rng::share_out;
use super::super::{Rng, decimal_comma, write_csv};

/// How a measure is counted.
#[derive(Clone, Copy, PartialEq)]
enum Unit {
    /// A share: `inom` of `totalt`, in percent.
    Share,
    /// A mean waiting time: `vantetid` seconds over `totalt` calls.
    Seconds,
}

struct Measure {
    post: &'static str,
    units: &'static [&'static str],
    unit: Unit,
    /// `mal` (at least) and `mal_max` (at most).
    goal: (Option<i64>, Option<i64>),
    /// February 2023: the share in tenths of a percent, or the mean in seconds.
    feb_2023: i64,
    /// Change per year towards February 2023, in the same unit.
    slope: i64,
    /// February 2023 and February 2022 totals (waiting list, calls, bed-days).
    totalt: (i64, i64),
    /// Waiting over 365 days, in thousandths of the total; 0: not reported.
    over_365: i64,
    /// The national share in tenths of a percent (February 2023); 0: no national figure.
    riket: i64,
}

/// The vårdcentraler in egen regi, which both primary-care measures cover.
const VARDCENTRALER: &[&str] = &[
    "Vårdcentralen Bäckby",
    "Vårdcentralen Skallberget",
    "Vårdcentralen Sala",
    "Vårdcentralen Köping",
];

const MEASURES: &[Measure] = &[
    Measure {
        post: "Medelväntetid 1177",
        units: &["1177 Vårdguiden på telefon"],
        unit: Unit::Seconds,
        goal: (None, Some(480)),
        feb_2023: 898,
        slope: -310,
        totalt: (41_000, 43_500),
        over_365: 0,
        riket: 0,
    },
    Measure {
        post: "Primärvård, telefon",
        units: VARDCENTRALER,
        unit: Unit::Share,
        goal: (Some(100), None),
        feb_2023: 875,
        slope: 50,
        totalt: (62_000, 60_000),
        over_365: 0,
        riket: 846,
    },
    Measure {
        post: "Primärvård, medicinsk bedömning",
        units: VARDCENTRALER,
        unit: Unit::Share,
        goal: (Some(85), None),
        feb_2023: 794,
        slope: 40,
        totalt: (21_000, 20_000),
        over_365: 0,
        riket: 781,
    },
    Measure {
        post: "Specialistsjukvård, besök 90 dagar",
        units: &[
            "Medicinkliniken",
            "Kirurgkliniken",
            "Ortopedkliniken",
            "Kvinnokliniken",
            "Ögonkliniken",
        ],
        unit: Unit::Share,
        goal: (Some(95), None),
        feb_2023: 788,
        slope: 40,
        totalt: (15_000, 14_900),
        over_365: 40,
        riket: 724,
    },
    Measure {
        post: "Specialistsjukvård, åtgärd 90 dagar",
        units: &[
            "Kirurgkliniken",
            "Ortopedkliniken",
            "Kvinnokliniken",
            "Ögonkliniken",
        ],
        unit: Unit::Share,
        goal: (Some(90), None),
        feb_2023: 634,
        slope: -60,
        totalt: (10_000, 8_130),
        over_365: 70,
        riket: 611,
    },
    Measure {
        post: "BUP, besök 30 dagar",
        units: &["Barn- och ungdomspsykiatrin"],
        unit: Unit::Share,
        goal: (Some(90), None),
        feb_2023: 484,
        slope: 80,
        totalt: (1_000, 1_100),
        over_365: 0,
        riket: 602,
    },
    Measure {
        post: "BUP, utredning 30 dagar",
        units: &["Barn- och ungdomspsykiatrin"],
        unit: Unit::Share,
        goal: (Some(80), None),
        feb_2023: 310,
        slope: 60,
        totalt: (1_000, 1_050),
        over_365: 0,
        riket: 355,
    },
    Measure {
        post: "BUP, behandling 30 dagar",
        units: &["Barn- och ungdomspsykiatrin"],
        unit: Unit::Share,
        goal: (Some(80), None),
        feb_2023: 560,
        slope: 0,
        totalt: (1_000, 1_000),
        over_365: 0,
        riket: 598,
    },
    Measure {
        post: "Beläggningsgrad (från 2020)",
        units: &["Somatisk slutenvård"],
        unit: Unit::Share,
        goal: (Some(85), Some(90)),
        feb_2023: 960,
        slope: 30,
        totalt: (19_600, 19_600),
        over_365: 0,
        riket: 0,
    },
];

const HEADER: [&str; 5] = ["period", "enhet", "post", "typ", "varde"];

fn row(period: &str, enhet: &str, post: &str, typ: &str, value: String) -> Vec<String> {
    vec![period.into(), enhet.into(), post.into(), typ.into(), value]
}

fn write_measure(rows: &mut Vec<Vec<String>>, m: &Measure) {
    let mut rng = Rng::named(&format!("tillganglighet/{}", m.post));
    for year in 2021..=2023 {
        let start = format!("{year}-01");
        if let Some(goal) = m.goal.0 {
            rows.push(row(&start, "HSF", m.post, "mal", goal.to_string()));
        }
        if let Some(goal) = m.goal.1 {
            rows.push(row(&start, "HSF", m.post, "mal_max", goal.to_string()));
        }
    }
    for year in 2021..=2023i64 {
        for month in 1..=12i64 {
            let period = format!("{year}-{month:02}");
            // Months from February 2023 (negative before it).
            let k = (year - 2023) * 12 + (month - 2);
            let exact = k == 0 || k == -12;
            let noise = |rng: &mut Rng, size: i64| if exact { 0 } else { rng.between(-size, size) };
            let level = m.feb_2023 + m.slope * k / 12 + noise(&mut rng, 8);
            let total = match k {
                0 => m.totalt.0,
                -12 => m.totalt.1,
                _ => {
                    let base = m.totalt.1 + (m.totalt.0 - m.totalt.1) * (k + 12) / 12;
                    base + base * noise(&mut rng, 30) / 1000
                }
            };
            let per_unit = rng.split(total, m.units.len(), 70, 60);
            match m.unit {
                Unit::Share => {
                    let level = level.clamp(10, 999);
                    let within = (total * level + 500) / 1000;
                    let inom = share_out(within, &per_unit);
                    for ((unit, t), i) in m.units.iter().zip(&per_unit).zip(&inom) {
                        rows.push(row(&period, unit, m.post, "inom", i.to_string()));
                        rows.push(row(&period, unit, m.post, "totalt", t.to_string()));
                    }
                }
                Unit::Seconds => {
                    for (unit, t) in m.units.iter().zip(&per_unit) {
                        rows.push(row(
                            &period,
                            unit,
                            m.post,
                            "vantetid",
                            (t * level).to_string(),
                        ));
                        rows.push(row(&period, unit, m.post, "totalt", t.to_string()));
                    }
                }
            }
            if m.over_365 > 0 {
                let over = total * (m.over_365 + noise(&mut rng, 5)) / 1000;
                for (unit, v) in m.units.iter().zip(share_out(over, &per_unit)) {
                    rows.push(row(&period, unit, m.post, "over_365", v.to_string()));
                }
            }
            if m.riket > 0 {
                let national = m.riket + m.slope / 3 * k / 12 + noise(&mut rng, 6);
                rows.push(row(
                    &period,
                    "Riket",
                    m.post,
                    "riket",
                    decimal_comma(national, 1),
                ));
            }
        }
    }
}

pub fn write_file(out: &Path) -> anyhow::Result<PathBuf> {
    let mut rows = Vec::new();
    for m in MEASURES {
        write_measure(&mut rows, m);
    }
    write_csv(out, "hsf/tillganglighet.csv", &HEADER, &rows)
}
