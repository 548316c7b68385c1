//! Kostnadsutveckling: year-to-date outcome against the same months last year per cost type,
//! gross and net, optionally with items that distort the comparison taken out.

use rust_decimal::Decimal;

use crate::domain::column::{decimal_column, text_column};
use crate::domain::long::{Figures, Rows};
use crate::domain::procent;
use crate::number::{Overflow, too_large};
use crate::period::Period;
use crate::table::{Format, Table, TableResult};

use super::{by_post, sum_posts};

/// A cost type and the ledger posts it sums.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: String,
    pub posts: Vec<String>,
}

fn group(label: &str, posts: &[&str]) -> Group {
    Group {
        label: label.to_string(),
        posts: posts.iter().map(|p| p.to_string()).collect(),
    }
}

const OTHER_COSTS: [&str; 4] = [
    "Tekniska hjälpmedel",
    "Material och tjänster",
    "Lokalkostnader",
    "Övriga verksamhetskostnader",
];
const SALARIES: [&str; 3] = ["Löner", "Sociala avgifter", "Övertid/mertid"];
/// Income that nets against costs in the administration's net cost (all but Regionersättning).
const OWN_INCOME: [&str; 4] = [
    "Patientavgifter",
    "Ersättning vårdtjänster",
    "Försäljning av tjänster",
    "Övriga intäkter",
];

/// The cost types of the regions' cost-development chart, with the default resultaträkning
/// posts: Löner, Inhyrd personal, Köpt vård, Läkemedel, Övrigt, Brutto total and
/// Fv-netto total (costs less the administration's own income).
pub fn default_groups() -> Vec<Group> {
    let costs: Vec<&str> = SALARIES
        .iter()
        .chain(&[
            "Externt inhyrd personal",
            "Köpt vård",
            "Läkemedelskostnader",
        ])
        .chain(&OTHER_COSTS)
        .copied()
        .collect();
    let net: Vec<&str> = costs.iter().chain(&OWN_INCOME).copied().collect();
    vec![
        group("Löner", &SALARIES),
        group("Inhyrd personal", &["Externt inhyrd personal"]),
        group("Köpt vård", &["Köpt vård"]),
        group("Läkemedel", &["Läkemedelskostnader"]),
        group("Övrigt", &OTHER_COSTS),
        group("Brutto total", &costs),
        group("Fv-netto total", &net),
    ]
}

/// One cost type's development.
#[derive(Debug, Clone, PartialEq)]
pub struct Development {
    pub label: String,
    pub ack_utfall: Option<Decimal>,
    pub ack_utfall_fg: Option<Decimal>,
}

impl Development {
    /// Change in percent of the amount (a cost going from −100 to −105 is +5 %); `None`
    /// without a previous year or when last year's amount is zero.
    pub fn change(&self) -> Option<Decimal> {
        growth(self.ack_utfall?, self.ack_utfall_fg?)
    }
}

/// `now / before − 1` in percent; `None` for a zero base.
pub fn growth(now: Decimal, before: Decimal) -> Option<Decimal> {
    procent::growth(now, before).map(|g| g.normalize())
}

/// The development per group at `period`; each of `adjustments` (same layout) is subtracted
/// from the ledger post by post before comparing.
pub fn development(
    rows: &Rows,
    adjustments: &[Rows],
    period: Period,
    groups: &[Group],
) -> TableResult<Vec<Development>> {
    let mut figures = by_post(rows, period)?;
    for adj in adjustments {
        for (post, f) in by_post(adj, period)? {
            let overflow = |_| too_large(&format!("`{post}` efter justeringen"));
            let slot = figures.entry(post.clone()).or_default();
            slot.ack_utfall = minus(slot.ack_utfall, f.ack_utfall).map_err(overflow)?;
            slot.ack_utfall_fg = minus(slot.ack_utfall_fg, f.ack_utfall_fg).map_err(overflow)?;
        }
    }
    groups
        .iter()
        .map(|g| {
            let f: Figures = sum_posts(&figures, &g.posts, &g.label)?;
            Ok(Development {
                label: g.label.clone(),
                ack_utfall: f.ack_utfall,
                ack_utfall_fg: f.ack_utfall_fg,
            })
        })
        .collect()
}

/// "Kostnadsutveckling": per cost type the year-to-date outcome this year and last in mkr,
/// and the change in percent with its sign.
pub fn table(dev: &[Development]) -> TableResult<Table> {
    let mut table = Table::new(vec![
        text_column("Kostnadsslag", dev.iter().map(|d| d.label.clone())),
        decimal_column(
            "Ack utfall",
            dev.iter().map(|d| d.ack_utfall),
            Format::mkr(1),
        ),
        decimal_column(
            "Ack utfall fg år",
            dev.iter().map(|d| d.ack_utfall_fg),
            Format::mkr(1),
        ),
        decimal_column(
            "Förändring %",
            dev.iter().map(Development::change),
            Format::pct(1).signed(),
        ),
    ])?;
    table.title = Some("Kostnadsutveckling".into());
    Ok(table)
}

fn minus(a: Option<Decimal>, b: Option<Decimal>) -> Result<Option<Decimal>, Overflow> {
    match (a, b) {
        (a, None) => Ok(a),
        (a, Some(b)) => a
            .unwrap_or_default()
            .checked_sub(b)
            .map(Some)
            .ok_or(Overflow),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::long::Layout;
    use crate::domain::testdata::{d, ledger, p};

    #[test]
    fn cost_growth_is_positive_when_costs_rise_and_adjustments_come_out() {
        let t = ledger(&[
            ("2023-02", "A", "Köpt vård", "utfall", -112),
            ("2022-02", "A", "Köpt vård", "utfall", -100),
            ("2023-02", "A", "Regionersättning", "utfall", 500),
            ("2023-02", "A", "Patientavgifter", "utfall", 10),
            ("2022-02", "A", "Patientavgifter", "utfall", 20),
            ("2022-02", "B", "Läkemedelskostnader", "utfall", 0),
            ("2023-02", "B", "Läkemedelskostnader", "utfall", -5),
        ]);
        let rows = Layout::default().rows(&t).expect("rows");
        let dev = development(&rows, &[], p("2023-02"), &default_groups()).expect("dev");
        let by = |l: &str| dev.iter().find(|g| g.label == l).expect(l).clone();
        assert_eq!(by("Köpt vård").change(), d(12));
        // Zero base: no percentage.
        assert_eq!(by("Läkemedel").change(), None);
        // A type without rows at all has no previous year either.
        assert_eq!(by("Inhyrd personal").change(), None);
        // Net: costs −117 less own income 10 = −107 against −100 + 20 = −80.
        assert_eq!(by("Fv-netto total").ack_utfall, d(-107));
        assert_eq!(by("Fv-netto total").change(), Some(Decimal::new(3375, 2)));

        // A wrongly booked −7 this year comes out: −105 against −100.
        let fix = ledger(&[("2023-02", "A", "Köpt vård", "utfall", -7)]);
        let fix_rows = Layout::default().rows(&fix).expect("rows");
        let dev = development(&rows, &[fix_rows], p("2023-02"), &default_groups()).expect("dev");
        assert_eq!(dev[2].ack_utfall, d(-105));
        assert_eq!(dev[2].change(), d(5));
    }
}
