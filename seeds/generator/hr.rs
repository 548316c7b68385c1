//! The HR export behind `medelantal_anstallda`: employees per month, förvaltning, form of
//! employment, form of pay and sex (`rs/anstallningar.csv`), January 2023 – October 2024.
//!
//! The monthly paid staff in August of each year add up to the printed report's "antal
//! anställda" per förvaltning (`rs/anstallda.csv`: a person with a tillsvidare employment or a
//! vikariat with monthly pay); other months vary around it with the seasons (more visstid in
//! the summer), and a few hourly paid are written beside them.

use std::path::{Path, PathBuf};

use super::{period, write_csv};

/// Förvaltning, monthly paid staff in August 2023 and 2024 (the printed figures), the share
/// of women and the share on visstid outside the summer, in percent.
const UNITS: [(&str, i64, i64, i64, i64); 6] = [
    ("Hälso- och sjukvårdsförvaltningen", 9482, 9727, 80, 7),
    ("Regionförvaltningen", 1144, 1177, 56, 9),
    ("Regionala utvecklingsförvaltningen", 155, 150, 52, 12),
    ("Folkhögskoleförvaltningen", 26, 30, 62, 15),
    ("Patientnämndsförvaltningen", 5, 6, 70, 0),
    ("Revision", 2, 2, 50, 0),
];

/// Per mille change of the monthly paid staff against August, January–December.
const SEASON: [i64; 12] = [-14, -12, -10, -9, -7, 12, 18, 0, -6, -5, -4, -11];

/// Extra visstid in per mille of the staff, January–December (summer temps).
const SUMMER: [i64; 12] = [0, 0, 0, 0, 5, 25, 30, 10, 0, 0, 0, 0];

pub fn write(out: &Path, _scale: u32) -> anyhow::Result<Vec<PathBuf>> {
    let mut rows = Vec::new();
    for (year, last_month) in [(2023, 12u32), (2024, 10)] {
        for month in 1..=last_month {
            let m = month as usize - 1;
            for (unit, aug23, aug24, women, visstid) in UNITS {
                let august = if year == 2023 { aug23 } else { aug24 };
                let staff = august + august * SEASON[m] / 1000;
                let temps = staff * visstid / 100 + staff * SUMMER[m] / 1000;
                let permanent = staff - temps;
                for (form, n) in [("Tillsvidare", permanent), ("Visstid", temps)] {
                    let w = n * women / 100;
                    for (sex, count) in [("Kvinna", w), ("Man", n - w)] {
                        if count > 0 {
                            rows.push(row(year, month, unit, form, "Månadslön", sex, count));
                        }
                    }
                }
                // Hourly paid: about 3 % of the staff, more in the summer.
                let hourly = staff * (30 + SUMMER[m]) / 1000;
                let w = hourly * women / 100;
                for (sex, count) in [("Kvinna", w), ("Man", hourly - w)] {
                    if count > 0 {
                        rows.push(row(year, month, unit, "Visstid", "Timlön", sex, count));
                    }
                }
            }
        }
    }
    Ok(vec![write_csv(
        out,
        "rs/anstallningar.csv",
        &[
            "period",
            "forvaltning",
            "anstallningsform",
            "loneform",
            "kon",
            "antal",
        ],
        &rows,
    )?])
}

fn row(
    year: i32,
    month: u32,
    unit: &str,
    form: &str,
    pay: &str,
    sex: &str,
    count: i64,
) -> Vec<String> {
    vec![
        period(year, month),
        unit.to_string(),
        form.to_string(),
        pay.to_string(),
        sex.to_string(),
        count.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn august_adds_up_to_the_printed_headcount() {
        // SEASON is zero in August, so the monthly paid staff is the printed figure.
        assert_eq!(SEASON[7], 0);
        for (_, aug23, _, _, visstid) in UNITS {
            let temps = aug23 * visstid / 100 + aug23 * SUMMER[7] / 1000;
            assert!(temps <= aug23);
        }
    }
}
