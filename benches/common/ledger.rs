//! The realistic 1,000,000-row ledger the data benches load: 24 months × 60 units × 1,000
//! accounts, amounts in öre, as a Swedish export (`;`, decimal comma, `2024-03`) or a plain
//! one (`,`, decimal point, `2024-03-01`) for databases.

use std::fmt::Write as _;

/// Rows in the benches' ledger.
pub const ROWS: usize = 1_000_000;

/// How the ledger is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `period;enhet;konto;utfall;budget`, `2024-03`, `-1234,50`: what Swedish Excel saves.
    Swedish,
    /// `period,enhet,konto,utfall,budget`, `2024-03-01`, `-1234.50`: what `COPY` reads.
    Plain,
}

const KINDS: [&str; 12] = [
    "Vårdcentral",
    "Akutmottagning",
    "Ortopedi",
    "Psykiatri",
    "Barnmedicin",
    "Kirurgi",
    "Röntgen",
    "Tandvård",
    "Habilitering",
    "Geriatrik",
    "Ögonklinik",
    "Kvinnosjukvård",
];
const AREAS: [&str; 5] = ["Norr", "Söder", "Öster", "Väster", "Mitt"];

/// The 60 units (`enhet`) the ledger books on.
pub fn units() -> Vec<String> {
    KINDS
        .iter()
        .flat_map(|k| AREAS.iter().map(move |a| format!("{k} {a}")))
        .collect()
}

/// A deterministic ledger of `rows` rows (xorshift; the same bytes on every machine).
pub fn ledger(rows: usize, dialect: Dialect) -> String {
    let units = units();
    let (sep, mark) = match dialect {
        Dialect::Swedish => (';', ','),
        Dialect::Plain => (',', '.'),
    };
    let mut s = String::with_capacity(rows * 52);
    let _ = writeln!(s, "period{sep}enhet{sep}konto{sep}utfall{sep}budget");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..rows {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let month = i % 24;
        let (year, m) = (2023 + month / 12, month % 12 + 1);
        let unit = &units[(x % 60) as usize];
        let konto = 3000 + ((x >> 8) % 1000);
        let utfall = (x >> 20) % 20_000_000;
        let budget = (x >> 30) % 20_000_000;
        let sign = if x & 1 == 0 { "" } else { "-" };
        let _ = write!(s, "{year}-{m:02}");
        if dialect == Dialect::Plain {
            s.push_str("-01");
        }
        let _ = writeln!(
            s,
            "{sep}{unit}{sep}{konto}{sep}{sign}{}{mark}{:02}{sep}{}{mark}{:02}",
            utfall / 100,
            utfall % 100,
            budget / 100,
            budget % 100
        );
    }
    s
}
