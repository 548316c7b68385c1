//! The value columns a report table can show, chosen by their Swedish names ("ack utfall",
//! "avvikelse %", "månadens avvikelse" …), and how each is computed from a row's figures.

use rust_decimal::Decimal;

use crate::domain::long::Figures;
use crate::domain::procent;
use crate::number::Overflow;

/// A value column of a report table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    AckUtfall,
    AckBudget,
    AckAvvikelse,
    /// Year-to-date deviation as a share of the budget's size: avvikelse / |budget| × 100.
    AvvikelseProcent,
    ManadensUtfall,
    ManadensBudget,
    ManadensAvvikelse,
    UtfallFg,
    AvvikelseFg,
    /// Year-to-date outcome against the same months last year, in percent.
    ForandringProcent,
    Helarsprognos,
    Arsbudget,
    Prognosavvikelse,
    BokslutFg,
}

/// Each column's names as a script writes them (the first is the canonical one) and the
/// header it gets.
const NAMES: [(Measure, &[&str], &str); 14] = [
    (Measure::AckUtfall, &["ack utfall"], "Ack utfall"),
    (Measure::AckBudget, &["ack budget"], "Ack budget"),
    (
        Measure::AckAvvikelse,
        &["ack avvikelse", "ack budgetavvikelse"],
        "Ack avvikelse",
    ),
    (
        Measure::AvvikelseProcent,
        &["avvikelse %", "ack avvikelse %"],
        "Avvikelse %",
    ),
    (
        Measure::ManadensUtfall,
        &["månadens utfall", "utfall månad"],
        "Utfall månad",
    ),
    (
        Measure::ManadensBudget,
        &["månadens budget", "budget månad"],
        "Budget månad",
    ),
    (
        Measure::ManadensAvvikelse,
        &["månadens avvikelse", "avvikelse månad"],
        "Avvikelse månad",
    ),
    (
        Measure::UtfallFg,
        &["utfall fg år", "ack utfall fg år"],
        "Ack utfall fg år",
    ),
    (
        Measure::AvvikelseFg,
        &["avvikelse fg år", "ack avvikelse fg år"],
        "Ack avvikelse fg år",
    ),
    (
        Measure::ForandringProcent,
        &["förändring %", "förändring fg år %"],
        "Förändring %",
    ),
    (
        Measure::Helarsprognos,
        &["helårsprognos", "prognos"],
        "Helårsprognos",
    ),
    (
        Measure::Arsbudget,
        &["årsbudget", "helårsbudget"],
        "Årsbudget",
    ),
    (
        Measure::Prognosavvikelse,
        &["prognosavvikelse"],
        "Prognosavvikelse",
    ),
    (Measure::BokslutFg, &["bokslut fg år"], "Bokslut fg år"),
];

impl Measure {
    /// The column a script names, in any case and with any spacing; the error lists the
    /// names there are.
    pub fn parse(name: &str) -> Result<Measure, String> {
        let wanted = normalise(name);
        NAMES
            .iter()
            .find(|(_, names, _)| names.iter().any(|n| *n == wanted))
            .map(|(m, _, _)| *m)
            .ok_or_else(|| {
                let known: Vec<String> = NAMES
                    .iter()
                    .map(|(_, n, _)| format!("\"{}\"", n[0]))
                    .collect();
                format!("okänd kolumn `{name}`; välj bland {}", known.join(", "))
            })
    }

    /// The header the column gets unless the function names it otherwise.
    pub fn header(self) -> &'static str {
        NAMES
            .iter()
            .find(|(m, _, _)| *m == self)
            .map_or("", |(_, _, h)| h)
    }

    /// Whether the column holds a percentage (shown as such, never scaled to mkr).
    pub fn is_percent(self) -> bool {
        matches!(self, Measure::AvvikelseProcent | Measure::ForandringProcent)
    }

    /// Whether the column is an amount that a row's sign turns (outcome, budget, forecast).
    /// Deviations and percentages keep the ledger's meaning, negative when the result is
    /// worse, as the reports print them beside costs shown as positive amounts.
    pub fn follows_sign(self) -> bool {
        matches!(
            self,
            Measure::AckUtfall
                | Measure::AckBudget
                | Measure::ManadensUtfall
                | Measure::ManadensBudget
                | Measure::UtfallFg
                | Measure::Helarsprognos
                | Measure::Arsbudget
                | Measure::BokslutFg
        )
    }

    /// The column's value for a row with year-to-date figures `ack` and the period's month
    /// alone in `month` (its `ack_utfall` and `ack_budget`). `None` is an empty cell: no row
    /// contributed, or a percentage of a zero base (see [`procent`]). `Err(Overflow)` when a
    /// deviation is beyond a decimal's range.
    pub fn value(self, ack: &Figures, month: &Figures) -> Result<Option<Decimal>, Overflow> {
        Ok(match self {
            Measure::AckUtfall => ack.ack_utfall,
            Measure::AckBudget => ack.ack_budget,
            Measure::AckAvvikelse => ack.ack_avvikelse()?,
            Measure::AvvikelseProcent => match (ack.ack_avvikelse()?, ack.ack_budget) {
                (Some(deviation), Some(budget)) => deviation_percent(deviation, budget),
                _ => None,
            },
            Measure::ManadensUtfall => month.ack_utfall,
            Measure::ManadensBudget => month.ack_budget,
            Measure::ManadensAvvikelse => month.ack_avvikelse()?,
            Measure::UtfallFg => ack.ack_utfall_fg,
            Measure::AvvikelseFg => ack.ack_avvikelse_fg()?,
            Measure::ForandringProcent => match (ack.ack_utfall, ack.ack_utfall_fg) {
                (Some(now), Some(before)) => procent::growth(now, before),
                _ => None,
            },
            Measure::Helarsprognos => ack.helar_prognos,
            Measure::Arsbudget => ack.helar_budget,
            Measure::Prognosavvikelse => ack.prognosavvikelse()?,
            Measure::BokslutFg => ack.bokslut_fg,
        })
    }
}

/// Deviation % as the regions print it: the deviation as a share of the budget's size,
/// `avvikelse / |budget| × 100`, so a worse result is negative on both the income and the
/// cost side. `None` for a zero budget.
pub fn deviation_percent(deviation: Decimal, budget: Decimal) -> Option<Decimal> {
    procent::share(deviation, budget.abs())
}

/// Lower case with single spaces, so "Ack  Utfall" names "ack utfall".
fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Columns from a list of names, each with its default header.
pub fn parse_list<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<(Measure, String)>, String> {
    names
        .into_iter()
        .map(|n| Measure::parse(n).map(|m| (m, m.header().to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testdata::d;

    #[test]
    fn names_in_any_case_and_the_error_lists_them() {
        assert_eq!(Measure::parse("Ack  Utfall"), Ok(Measure::AckUtfall));
        assert_eq!(Measure::parse("avvikelse %"), Ok(Measure::AvvikelseProcent));
        assert_eq!(Measure::parse("Årsbudget"), Ok(Measure::Arsbudget));
        let err = Measure::parse("ack utfal").expect_err("unknown");
        assert!(
            err.contains("`ack utfal`") && err.contains("\"månadens avvikelse\""),
            "{err}"
        );
    }

    #[test]
    fn deviation_percent_divides_by_the_budgets_size() {
        // A cost of −110 against a budget of −100: 10 worse, −10 %.
        let cost = Figures {
            ack_utfall: d(-110),
            ack_budget: d(-100),
            ..Figures::default()
        };
        assert_eq!(
            Measure::AvvikelseProcent.value(&cost, &Figures::default()),
            Ok(d(-10))
        );
        // Income of 90 against 100: also 10 worse, −10 %.
        let income = Figures {
            ack_utfall: d(90),
            ack_budget: d(100),
            ..Figures::default()
        };
        assert_eq!(
            Measure::AvvikelseProcent.value(&income, &Figures::default()),
            Ok(d(-10))
        );
        // No budget, or a zero budget: an empty cell.
        let none = Figures {
            ack_utfall: d(5),
            ..Figures::default()
        };
        assert_eq!(
            Measure::AvvikelseProcent.value(&none, &Figures::default()),
            Ok(None)
        );
        let zero = Figures {
            ack_utfall: d(5),
            ack_budget: d(0),
            ..Figures::default()
        };
        assert_eq!(
            Measure::AvvikelseProcent.value(&zero, &Figures::default()),
            Ok(None)
        );
    }

    #[test]
    fn month_columns_read_the_months_figures() {
        let month = Figures {
            ack_utfall: d(-12),
            ack_budget: d(-10),
            ..Figures::default()
        };
        assert_eq!(
            Measure::ManadensAvvikelse.value(&Figures::default(), &month),
            Ok(d(-2))
        );
        assert_eq!(
            Measure::ManadensUtfall.value(&Figures::default(), &month),
            Ok(d(-12))
        );
    }
}
