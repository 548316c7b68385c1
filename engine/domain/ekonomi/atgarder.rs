//! Åtgärdsplaner: planned against achieved effect per action, year to date.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::domain::procent::share;
use crate::period::Period;
use crate::table::TableResult;

/// Achieved as a share of planned, in percent; `None` when nothing was planned.
pub fn effect_share(achieved: Decimal, planned: Decimal) -> Option<Decimal> {
    share(achieved, planned).map(|s| s.normalize())
}

/// One action's plan and effect at a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effect {
    pub action: String,
    /// Planned effect for the whole year.
    pub planned_year: Decimal,
    /// Planned effect January up to the period.
    pub planned_ack: Decimal,
    /// Achieved effect January up to the period (`None`: nothing reported yet).
    pub achieved_ack: Option<Decimal>,
}

impl Effect {
    pub fn share(&self) -> Option<Decimal> {
        effect_share(self.achieved_ack.unwrap_or_default(), self.planned_ack)
    }
}

/// Monthly rows (period, action, planned, achieved) summed per action for `period`'s year,
/// in the order the actions first appear.
pub fn effects(
    rows: impl IntoIterator<Item = (Period, String, Option<Decimal>, Option<Decimal>)>,
    period: Period,
) -> TableResult<Vec<Effect>> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Effect> = Vec::new();
    for (p, action, planned, achieved) in rows {
        if p.year != period.year {
            continue;
        }
        let i = *index.entry(action.clone()).or_insert_with(|| {
            out.push(Effect {
                action,
                ..Effect::default()
            });
            out.len() - 1
        });
        let e = &mut out[i];
        let planned = planned.unwrap_or_default();
        e.planned_year = plus(e.planned_year, planned, &e.action)?;
        if p <= period {
            e.planned_ack = plus(e.planned_ack, planned, &e.action)?;
            if let Some(a) = achieved {
                e.achieved_ack = Some(plus(e.achieved_ack.unwrap_or_default(), a, &e.action)?);
            }
        }
    }
    Ok(out)
}

/// The "Summa" row: every action's effects added up.
pub fn total(effects: &[Effect]) -> TableResult<Effect> {
    let mut sum = Effect {
        action: "Summa".into(),
        ..Effect::default()
    };
    for e in effects {
        sum.planned_year = plus(sum.planned_year, e.planned_year, &sum.action)?;
        sum.planned_ack = plus(sum.planned_ack, e.planned_ack, &sum.action)?;
        if let Some(a) = e.achieved_ack {
            let so_far = sum.achieved_ack.unwrap_or_default();
            sum.achieved_ack = Some(plus(so_far, a, &sum.action)?);
        }
    }
    Ok(sum)
}

fn plus(a: Decimal, b: Decimal, action: &str) -> TableResult<Decimal> {
    a.checked_add(b).ok_or_else(|| {
        format!("`{action}`: summan av effekterna blir för stor för ett tal; kontrollera beloppen")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    fn dec(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn share_of_plan_as_in_the_report() {
        let share = effect_share(dec("20.3"), dec("21.3")).expect("share");
        assert_eq!(share.round_dp(1), dec("95.3"));
        assert_eq!(effect_share(dec("1"), Decimal::ZERO), None);
    }

    #[test]
    fn effects_sum_the_year_to_date_and_the_year() {
        let rows = vec![
            (
                p("2024-01"),
                "Hyrpersonal".to_string(),
                Some(dec("5")),
                Some(dec("4")),
            ),
            (
                p("2024-02"),
                "Hyrpersonal".to_string(),
                Some(dec("5")),
                Some(dec("6")),
            ),
            (
                p("2024-03"),
                "Hyrpersonal".to_string(),
                Some(dec("5")),
                None,
            ),
            (
                p("2023-12"),
                "Hyrpersonal".to_string(),
                Some(dec("99")),
                Some(dec("99")),
            ),
            (p("2024-03"), "Ny åtgärd".to_string(), Some(dec("2")), None),
        ];
        let e = effects(rows, p("2024-02")).expect("effects");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].planned_year, dec("15"));
        assert_eq!(e[0].planned_ack, dec("10"));
        assert_eq!(e[0].achieved_ack, Some(dec("10")));
        assert_eq!(e[0].share(), Some(dec("100")));
        // Starts in March: nothing planned yet, so no share.
        assert_eq!(e[1].planned_ack, Decimal::ZERO);
        assert_eq!(e[1].share(), None);
    }
}
