//! HSF production and accessibility data (`hsf/produktion.csv`, `hsf/tillganglighet.csv`):
//! month × unit × measure, built so that the report's printed production summaries and
//! accessibility table come out of the built-ins exactly.

use std::path::{Path, PathBuf};

mod tillganglighet;

use super::rng::share_out;
use super::{Rng, decimal_comma, period, write_csv};

const SOMATIK: &[&str] = &[
    "Medicinkliniken",
    "Kirurgkliniken",
    "Ortopedkliniken",
    "Kvinnokliniken",
    "Barn- och ungdomskliniken",
];
const PSYKIATRI: &[&str] = &[
    "Vuxenpsykiatrin",
    "Barn- och ungdomspsykiatrin",
    "Rättspsykiatrin",
];
const PRIMARVARD: &[&str] = &[
    "Rehabiliteringscentrum",
    "Ungdomsmottagningen",
    "Barnavårdscentralen",
];
const OPERERANDE: &[&str] = &[
    "Kirurgkliniken",
    "Ortopedkliniken",
    "Kvinnokliniken",
    "Öron-näsa-halskliniken",
];
const VACCINERANDE: &[&str] = &["Infektionskliniken", "Medicinkliniken"];
const VARDCENTRALER: &[&str] = &[
    "Vårdcentralen Bäckby",
    "Vårdcentralen Skallberget",
    "Vårdcentralen Sala",
    "Vårdcentralen Köping",
    "Vårdcentralen Norr (privat)",
    "Vårdcentralen Söder (privat)",
];
const PRIVAT_SOMATIK: &[&str] = &[
    "Hudmottagningen Centrum",
    "Ögonmottagningen Väster",
    "Reumatologmottagningen Öster",
];
const PRIVAT_PSYKIATRI: &[&str] = &["Psykiatrimottagningen Söder", "Psykiatrimottagningen Norr"];
const PRIVAT_PRIMARVARD: &[&str] = &["Fysioterapeuterna Norr", "Fysioterapeuterna Söder"];

/// One measure (or part of one) with the figures the report prints for February 2023.
/// Budgets are in tenths: a yearly budget spread over months carries decimals, and the
/// printed percentages need them (see `seeds/README.md`).
struct Leaf {
    regi: &'static str,
    post: &'static str,
    varav: &'static str,
    units: &'static [&'static str],
    ack_utfall: i64,
    ack_budget_tenths: Option<i64>,
    ack_fg: i64,
    prognos: i64,
    helar_budget_tenths: Option<i64>,
    bokslut_fg: i64,
}

const EGEN: &str = "Egen regi";
const VC: &str = "Vårdcentraler";
const PRIVAT: &str = "Privata vårdgivare";

#[allow(clippy::too_many_arguments)]
const fn leaf(
    regi: &'static str,
    post: &'static str,
    varav: &'static str,
    units: &'static [&'static str],
    ack_utfall: i64,
    ack_budget_tenths: Option<i64>,
    ack_fg: i64,
    prognos: i64,
    helar_budget_tenths: Option<i64>,
    bokslut_fg: i64,
) -> Leaf {
    Leaf {
        regi,
        post,
        varav,
        units,
        ack_utfall,
        ack_budget_tenths,
        ack_fg,
        prognos,
        helar_budget_tenths,
        bokslut_fg,
    }
}

const LB: &str = "Läkarbesök";
const LBD: &str = "Läkarbesök - Distans";
const BO: &str = "Besök, övriga yrkesgrupper";
const BOD: &str = "Besök, övriga yrkesgrupper - Distans";
const SOM: &str = "somatisk vård";
const PSY: &str = "psykiatrisk vård";
const OPV: &str = "övrig primärvård";
const OP: &str = "Operationer totalt";
const DRG: &str = "DRG-poäng totalt (1 mån släp)";

/// Every leaf before the bed-occupancy ratio, in the report's order.
const LEAVES_BEFORE_BEDS: &[Leaf] = &[
    leaf(
        EGEN,
        LB,
        SOM,
        SOMATIK,
        42262,
        Some(408660),
        38296,
        219345,
        Some(2414454),
        237553,
    ),
    leaf(
        EGEN,
        LB,
        PSY,
        PSYKIATRI,
        4510,
        Some(44930),
        4210,
        0,
        Some(265214),
        27140,
    ),
    leaf(
        EGEN,
        LB,
        OPV,
        PRIMARVARD,
        5155,
        Some(53820),
        4503,
        0,
        Some(301654),
        29887,
    ),
    leaf(
        EGEN,
        LBD,
        SOM,
        SOMATIK,
        6621,
        Some(77130),
        7694,
        38365,
        Some(442470),
        43263,
    ),
    leaf(
        EGEN,
        LBD,
        PSY,
        PSYKIATRI,
        1598,
        Some(18704),
        2062,
        0,
        Some(109330),
        11586,
    ),
    leaf(
        EGEN,
        LBD,
        OPV,
        PRIMARVARD,
        113,
        Some(320),
        48,
        0,
        Some(1850),
        554,
    ),
    leaf(
        EGEN,
        BO,
        SOM,
        SOMATIK,
        41018,
        Some(408220),
        36554,
        173540,
        Some(2372800),
        230825,
    ),
    leaf(
        EGEN,
        BO,
        PSY,
        PSYKIATRI,
        13939,
        Some(142370),
        11657,
        0,
        Some(833040),
        78963,
    ),
    leaf(
        EGEN,
        BO,
        OPV,
        PRIMARVARD,
        5543,
        Some(60880),
        3758,
        0,
        Some(349650),
        27273,
    ),
    leaf(
        EGEN,
        BOD,
        SOM,
        SOMATIK,
        5380,
        Some(79956),
        6254,
        35115,
        Some(458250),
        34141,
    ),
    leaf(
        EGEN,
        BOD,
        PSY,
        PSYKIATRI,
        4256,
        Some(46438),
        4214,
        0,
        Some(270860),
        24574,
    ),
    leaf(
        EGEN,
        BOD,
        OPV,
        PRIMARVARD,
        897,
        Some(8280),
        998,
        0,
        Some(47030),
        4684,
    ),
    leaf(
        EGEN,
        "Dagmedicin och Övrig dagsjukvård",
        "",
        SOMATIK,
        8843,
        Some(92580),
        8481,
        49310,
        Some(563210),
        53193,
    ),
    leaf(
        EGEN,
        "Vaccinationer",
        "",
        VACCINERANDE,
        182,
        None,
        315,
        0,
        None,
        3275,
    ),
    leaf(
        EGEN,
        "Vårdtillfällen - somatik (utskrivna)",
        "",
        SOMATIK,
        5643,
        Some(54560),
        5603,
        26980,
        Some(337520),
        35264,
    ),
    leaf(
        EGEN,
        "Vårddagar - somatik exkl perm (utskrivna)",
        "",
        SOMATIK,
        29017,
        Some(283260),
        29794,
        134059,
        Some(1752390),
        177531,
    ),
    leaf(
        EGEN,
        "Vårddagar - psykiatri exkl perm (belagda)",
        "",
        PSYKIATRI,
        6221,
        Some(62910),
        5544,
        0,
        Some(389220),
        37373,
    ),
];

/// Every leaf after the bed-occupancy ratio.
const LEAVES_AFTER_BEDS: &[Leaf] = &[
    leaf(
        EGEN,
        OP,
        "slutenvårdsoperationer",
        OPERERANDE,
        1235,
        Some(11946),
        1153,
        7195,
        Some(71950),
        7160,
    ),
    leaf(
        EGEN,
        OP,
        "dagkirurgi",
        OPERERANDE,
        1051,
        Some(10116),
        1050,
        5801,
        Some(58010),
        5991,
    ),
    leaf(
        EGEN,
        OP,
        "klinikegna operationer",
        OPERERANDE,
        2038,
        Some(19906),
        1870,
        11560,
        Some(115600),
        11761,
    ),
    // Operations outside the three parts: the total's own rows, and its forecast adjustment
    // (the printed total forecast is 208 below the parts' forecasts, see seeds/README.md).
    leaf(
        EGEN,
        OP,
        "",
        &["Ögonkliniken"],
        13,
        None,
        13,
        -208,
        None,
        114,
    ),
    leaf(
        EGEN, "Knivtid", "", OPERERANDE, 2723, None, 2546, 0, None, 15074,
    ),
    leaf(
        EGEN,
        DRG,
        "DRG-poäng öppenvård (1 mån släp)",
        SOMATIK,
        3228,
        None,
        2806,
        0,
        None,
        36151,
    ),
    leaf(
        EGEN,
        DRG,
        "DRG-poäng slutenvård (1 mån släp)",
        SOMATIK,
        2765,
        None,
        2853,
        0,
        None,
        34856,
    ),
    leaf(
        VC,
        LB,
        "",
        VARDCENTRALER,
        48549,
        None,
        42106,
        0,
        None,
        282067,
    ),
    leaf(
        VC,
        LBD,
        "",
        VARDCENTRALER,
        14363,
        None,
        15442,
        0,
        None,
        82970,
    ),
    leaf(
        VC,
        BO,
        "",
        VARDCENTRALER,
        103015,
        None,
        92240,
        0,
        None,
        591981,
    ),
    leaf(
        VC,
        BOD,
        "",
        VARDCENTRALER,
        12068,
        None,
        10852,
        0,
        None,
        73302,
    ),
    leaf(
        VC,
        "Vaccinationer",
        "",
        VARDCENTRALER,
        6902,
        None,
        76705,
        0,
        None,
        273122,
    ),
    leaf(
        PRIVAT,
        LB,
        SOM,
        PRIVAT_SOMATIK,
        2604,
        None,
        2215,
        0,
        None,
        28378,
    ),
    leaf(
        PRIVAT,
        LB,
        PSY,
        PRIVAT_PSYKIATRI,
        91,
        None,
        104,
        0,
        None,
        1294,
    ),
    leaf(PRIVAT, LBD, SOM, PRIVAT_SOMATIK, 1, None, 12, 0, None, 54),
    leaf(
        PRIVAT,
        LBD,
        PSY,
        PRIVAT_PSYKIATRI,
        18,
        None,
        14,
        0,
        None,
        113,
    ),
    leaf(
        PRIVAT,
        BO,
        SOM,
        PRIVAT_SOMATIK,
        676,
        None,
        404,
        0,
        None,
        6819,
    ),
    leaf(
        PRIVAT,
        BO,
        PSY,
        PRIVAT_PSYKIATRI,
        243,
        None,
        105,
        0,
        None,
        2280,
    ),
    leaf(
        PRIVAT,
        BO,
        "primärvård",
        PRIVAT_PRIMARVARD,
        8144,
        None,
        7378,
        0,
        None,
        98216,
    ),
    leaf(PRIVAT, BOD, "", PRIVAT_PRIMARVARD, 3, None, 3, 0, None, 52),
];

const HEADER: [&str; 7] = ["period", "regi", "enhet", "post", "varav", "typ", "varde"];

/// Split `total` over `months` (1-based, in order), then each month over `units`.
fn spread(
    rng: &mut Rng,
    total: i64,
    months: std::ops::RangeInclusive<u32>,
    units: usize,
) -> Vec<(u32, Vec<i64>)> {
    let months: Vec<u32> = months.collect();
    let per_month = rng.split(total, months.len(), 85, 30);
    months
        .into_iter()
        .zip(per_month)
        .map(|(m, v)| (m, rng.split(v, units, 60, 80)))
        .collect()
}

struct Writer<'a> {
    rows: &'a mut Vec<Vec<String>>,
}

impl Writer<'_> {
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        leaf_units: &[&str],
        regi: &str,
        post: &str,
        varav: &str,
        typ: &str,
        year: i32,
        parts: Vec<(u32, Vec<i64>)>,
        show: fn(i64) -> String,
    ) {
        for (m, per_unit) in parts {
            for (unit, v) in leaf_units.iter().zip(per_unit) {
                self.rows.push(vec![
                    period(year, m),
                    regi.to_string(),
                    unit.to_string(),
                    post.to_string(),
                    varav.to_string(),
                    typ.to_string(),
                    show(v),
                ]);
            }
        }
    }
}

fn tenths(v: i64) -> String {
    decimal_comma(v, 1)
}

fn whole(v: i64) -> String {
    v.to_string()
}

fn write_leaf(w: &mut Writer, leaf: &Leaf, scale: u32) {
    let mut rng = Rng::named(&format!(
        "produktion/{}/{}/{}",
        leaf.regi, leaf.post, leaf.varav
    ));
    let units = leaf.units;
    let n = units.len();
    let (regi, post, varav) = (leaf.regi, leaf.post, leaf.varav);
    // Earlier years for benchmarks (scale > 1): the previous year's pattern again.
    for back in (2..=scale.min(20) as i32).rev() {
        let parts = spread(&mut rng, leaf.bokslut_fg, 1..=12, n);
        w.emit(
            units,
            regi,
            post,
            varav,
            "utfall",
            2022 - back + 1,
            parts,
            whole,
        );
    }
    let parts = spread(&mut rng, leaf.ack_fg, 1..=2, n);
    w.emit(units, regi, post, varav, "utfall", 2022, parts, whole);
    let parts = spread(&mut rng, leaf.bokslut_fg - leaf.ack_fg, 3..=12, n);
    w.emit(units, regi, post, varav, "utfall", 2022, parts, whole);
    let parts = spread(&mut rng, leaf.ack_utfall, 1..=2, n);
    w.emit(units, regi, post, varav, "utfall", 2023, parts, whole);
    // The rest of 2023 follows last year with this year's change so far.
    let rest_fg = leaf.bokslut_fg - leaf.ack_fg;
    let rest = if leaf.ack_fg > 0 {
        rest_fg * leaf.ack_utfall / leaf.ack_fg
    } else {
        rest_fg
    };
    let parts = spread(&mut rng, rest, 3..=12, n);
    w.emit(units, regi, post, varav, "utfall", 2023, parts, whole);
    if let (Some(ack), Some(year)) = (leaf.ack_budget_tenths, leaf.helar_budget_tenths) {
        let parts = spread(&mut rng, ack, 1..=2, n);
        w.emit(units, regi, post, varav, "budget", 2023, parts, tenths);
        let parts = spread(&mut rng, year - ack, 3..=12, n);
        w.emit(units, regi, post, varav, "budget", 2023, parts, tenths);
    }
    if leaf.prognos != 0 {
        let parts = vec![(2, rng.split(leaf.prognos, n, 60, 80))];
        w.emit(units, regi, post, varav, "prognos", 2023, parts, whole);
    }
}

/// Days in a month of 2021–2023 (no leap years among them).
fn days(month: u32) -> i64 {
    match month {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Beds at 06:00: occupied and available bed-days per somatic unit and month. The printed
/// figures: 2023 Jan–Feb 96 %, February 96,0 %, 2022 Jan–Feb 90 %, 2022 in all 92 %.
fn write_beds(w: &mut Writer) {
    let mut rng = Rng::named("produktion/beläggning");
    const BEDS: i64 = 700;
    // Occupied bed-days per month (2022 March–December spread to make the year 235 060).
    let mut occupied_2022: Vec<i64> = vec![19_595, 17_658];
    occupied_2022.extend(rng.split(235_060 - 19_595 - 17_658, 10, 90, 10));
    let occupied_2023: Vec<i64> = [20_935, 18_816]
        .into_iter()
        .chain((3..=12).map(|m| BEDS * days(m) * (930 + rng.between(-8, 8)) / 1000))
        .collect();
    for (year, occupied) in [(2022, occupied_2022), (2023, occupied_2023)] {
        for (i, &belagda) in occupied.iter().enumerate() {
            let m = i as u32 + 1;
            let available = BEDS * days(m);
            let per_unit_available = rng.split(available, SOMATIK.len(), 80, 40);
            // Units differ: some run above 100 % while others have beds to spare.
            let weights: Vec<i64> = per_unit_available
                .iter()
                .map(|a| a * (880 + rng.between(0, 200)))
                .collect();
            let per_unit_occupied: Vec<i64> = share_out(belagda, &weights);
            for (post, values) in [
                ("Belagda vårdplatser 06:00", per_unit_occupied),
                ("Disponibla vårdplatser 06:00", per_unit_available),
            ] {
                w.emit(
                    SOMATIK,
                    EGEN,
                    post,
                    "",
                    "utfall",
                    year,
                    vec![(m, values)],
                    whole,
                );
            }
        }
    }
}

fn write_produktion(out: &Path, scale: u32) -> anyhow::Result<PathBuf> {
    let mut rows = Vec::new();
    let mut w = Writer { rows: &mut rows };
    for leaf in LEAVES_BEFORE_BEDS {
        write_leaf(&mut w, leaf, scale);
    }
    write_beds(&mut w);
    for leaf in LEAVES_AFTER_BEDS {
        write_leaf(&mut w, leaf, scale);
    }
    write_csv(out, "hsf/produktion.csv", &HEADER, &rows)
}

pub fn write(out: &Path, scale: u32) -> anyhow::Result<Vec<PathBuf>> {
    Ok(vec![
        write_produktion(out, scale)?,
        tillganglighet::write_file(out)?,
    ])
}
