//! Indicators and activities: goals as the reports write them (a number, a range, several
//! numbers, a direction or free text), the status of an outcome against its goal, the trend,
//! and the activity statuses, each shown as a word with a symbol.
//!
//! # The status rule
//!
//! - A number goal (`6,0 %`, `8 min`, `-800 mnkr`) needs a direction (`riktning`: `högre` or
//!   `lägre` is better). The goal is *uppfyllt* when the outcome is on the right side of it,
//!   *delvis* when it misses by at most `delvis` percent of the goal (default 10 %), else
//!   *ej uppfyllt*. Money is compared in kronor (`0 kr` against `-165,6 mnkr`).
//! - A range (`85–90 %`): *uppfyllt* inside, *delvis* within `delvis_intervall` units outside
//!   (default 5, i.e. percentage points), else *ej uppfyllt*.
//! - Several numbers (`90/80/80` against `48,4/31,0/56,0`): each is judged as a number goal;
//!   all uppfyllt gives uppfyllt, all ej uppfyllt gives ej uppfyllt, anything else delvis.
//! - A direction against last year (`Lägre än fg år`, `Högre än fg år`, `Öka`, `Minska`,
//!   `Färre`, `Fler`): with last year's figure (written in parentheses after the outcome,
//!   `94 (140)`, or given separately) the outcome must be strictly better than it; without
//!   it the outcome is the change against last year (`+171`, `-1 %`, `10,9 % högre än fg år`)
//!   and must have the right sign.
//! - Any other goal (`Enligt plan`), or no goal or no outcome: *saknas*, unless the status is
//!   given explicitly. An explicit status always wins.

mod tabell;

pub use tabell::{Computed, Given, IndicatorOptions, activity_table, indicator_table, status_of};

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::number::DecimalMark;
use crate::number::parse_number;

/// Whether a higher or a lower value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Higher,
    Lower,
}

impl Direction {
    /// `högre`, `hogre`, `lägre`, `lagre` (any case); empty text gives `None`.
    pub fn parse(text: &str) -> Result<Option<Direction>, String> {
        match text.trim().to_lowercase().as_str() {
            "" => Ok(None),
            "högre" | "hogre" | "hög" | "upp" => Ok(Some(Direction::Higher)),
            "lägre" | "lagre" | "låg" | "ned" | "ner" => Ok(Some(Direction::Lower)),
            other => Err(format!(
                "riktningen `{other}` är okänd; skriv \"högre\" (högre är bättre) eller \"lägre\""
            )),
        }
    }
}

/// A goal as written in the goal column.
#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    None,
    Number(Decimal),
    Range(Decimal, Decimal),
    Several(Vec<Decimal>),
    /// Better than last year in the given direction.
    AgainstLastYear(Direction),
    Text(String),
}

/// A number with its unit scale: money in kronor, minutes from `mm:ss`, others as written.
fn quantity(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if let Some((m, s)) = t.split_once(':') {
        let m = parse_number(m, DecimalMark::Comma)?.value;
        let s = parse_number(s.trim_end_matches("min").trim(), DecimalMark::Comma)?.value;
        return Some(m + s / Decimal::from(60));
    }
    let lower = t.to_lowercase();
    let (number, scale) = [
        ("mnkr", 1_000_000),
        ("mkr", 1_000_000),
        ("tkr", 1_000),
        ("kr", 1),
        ("min", 1),
        ("st", 1),
        ("dagar", 1),
    ]
    .iter()
    .find_map(|(unit, scale)| lower.strip_suffix(unit).map(|n| (n.to_string(), *scale)))
    .unwrap_or((lower.clone(), 1));
    let parsed = parse_number(number.trim(), DecimalMark::Comma)?;
    Some(parsed.value * Decimal::from(scale))
}

impl Goal {
    pub fn parse(text: &str) -> Goal {
        let t = text.trim();
        if t.is_empty() {
            return Goal::None;
        }
        let lower = t.to_lowercase();
        let direction = if lower.starts_with("lägre")
            || lower.starts_with("minska")
            || lower.starts_with("färre")
        {
            Some(Direction::Lower)
        } else if lower.starts_with("högre")
            || lower.starts_with("öka")
            || lower.starts_with("fler")
        {
            Some(Direction::Higher)
        } else {
            None
        };
        if let Some(d) = direction {
            return Goal::AgainstLastYear(d);
        }
        if let Some(v) = quantity(t) {
            return Goal::Number(v);
        }
        if t.contains('/') {
            let parts: Option<Vec<Decimal>> = t.split('/').map(quantity).collect();
            if let Some(parts) = parts {
                return Goal::Several(parts);
            }
        }
        let unit_less = t.trim_end_matches('%').trim();
        for dash in ['–', '-', '—'] {
            if let Some((a, b)) = unit_less.split_once(dash)
                && let (Some(a), Some(b)) = (quantity(a), quantity(b))
                && !a.is_zero()
            {
                return Goal::Range(a.min(b), a.max(b));
            }
        }
        Goal::Text(t.to_string())
    }
}

/// An outcome as written: one or several numbers, maybe last year's in parentheses, maybe a
/// change written in words (`10,9 % högre än fg år`) or with a sign (`+171`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub values: Vec<Decimal>,
    pub last_year: Option<Decimal>,
    /// The text says it is a change (a leading sign or "högre/lägre än").
    pub is_change: bool,
}

impl Outcome {
    pub fn parse(text: &str) -> Outcome {
        let mut t = text.trim().to_string();
        let mut out = Outcome::default();
        if let Some(open) = t.find('(')
            && let Some(close) = t[open..].find(')')
        {
            out.last_year = quantity(&t[open + 1..open + close]);
            t = t[..open].trim().to_string();
        }
        let lower = t.to_lowercase();
        let mut sign = Decimal::ONE;
        for (words, s) in [
            ("högre än", Decimal::ONE),
            ("lägre än", Decimal::NEGATIVE_ONE),
        ] {
            if let Some(at) = lower.find(words) {
                // `at` is a position in the lowercased text; it is one in `t` too unless
                // lowercasing changed some character's length (then cut the lowercased text).
                let before = if lower.len() == t.len() {
                    &t[..at]
                } else {
                    &lower[..at]
                };
                t = before.trim().to_string();
                sign = s;
                out.is_change = true;
            }
        }
        let compact: String = t
            .replace("+ ", "+")
            .replace("- ", "-")
            .replace("\u{2212} ", "-");
        if compact.starts_with(['+', '-', '\u{2212}', '–']) {
            out.is_change = true;
        }
        out.values = compact
            .split('/')
            .filter_map(quantity)
            .map(|v| v * sign)
            .collect();
        out
    }
}

/// An indicator's status against its goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Uppfyllt,
    Delvis,
    EjUppfyllt,
    Saknas,
}

impl Status {
    pub fn parse(text: &str) -> Result<Option<Status>, String> {
        match text.trim().to_lowercase().as_str() {
            "" => Ok(None),
            "uppfyllt" | "uppnått" => Ok(Some(Status::Uppfyllt)),
            "delvis" | "delvis uppfyllt" | "delvis uppnått" => Ok(Some(Status::Delvis)),
            "ej uppfyllt" | "ej" | "inte uppfyllt" | "ej uppnått" => Ok(Some(Status::EjUppfyllt)),
            "saknas" | "uppgift saknas" => Ok(Some(Status::Saknas)),
            other => Err(format!(
                "statusen `{other}` är okänd; skriv uppfyllt, delvis, ej uppfyllt eller saknas"
            )),
        }
    }

    /// The word scripts compare with: `uppfyllt`, `delvis`, `ej uppfyllt`, `saknas`.
    pub fn word(self) -> &'static str {
        match self {
            Status::Uppfyllt => "uppfyllt",
            Status::Delvis => "delvis",
            Status::EjUppfyllt => "ej uppfyllt",
            Status::Saknas => "saknas",
        }
    }

    /// The symbol shown before the words.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Uppfyllt => "✔",
            Status::Delvis => "◐",
            Status::EjUppfyllt => "✘",
            Status::Saknas => "–",
        }
    }

    /// The words shown after the symbol.
    pub fn text(self) -> &'static str {
        match self {
            Status::Uppfyllt => "Uppfyllt",
            Status::Delvis => "Delvis uppfyllt",
            Status::EjUppfyllt => "Ej uppfyllt",
            Status::Saknas => "Uppgift saknas",
        }
    }

    /// Symbol and words for a table cell: the symbol never stands alone.
    pub fn shown(self) -> String {
        format!("{} {}", self.symbol(), self.text())
    }
}

/// How generous "delvis" is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerance {
    /// Percent of a number goal an outcome may miss by and still count as delvis.
    pub delvis: Decimal,
    /// Units (percentage points for a % range) outside a range that still count as delvis.
    pub delvis_intervall: Decimal,
}

impl Default for Tolerance {
    fn default() -> Tolerance {
        Tolerance {
            delvis: Decimal::from(10),
            delvis_intervall: Decimal::from(5),
        }
    }
}

fn against_number(goal: Decimal, value: Decimal, d: Direction, tol: &Tolerance) -> Status {
    // A band (or its edge) beyond the largest decimal reaches every value.
    let band = goal
        .abs()
        .checked_mul(tol.delvis)
        .map(|b| b / Decimal::ONE_HUNDRED);
    let (met, near) = match d {
        Direction::Higher => (
            value >= goal,
            band.and_then(|b| goal.checked_sub(b))
                .is_none_or(|edge| value >= edge),
        ),
        Direction::Lower => (
            value <= goal,
            band.and_then(|b| goal.checked_add(b))
                .is_none_or(|edge| value <= edge),
        ),
    };
    if met {
        Status::Uppfyllt
    } else if near {
        Status::Delvis
    } else {
        Status::EjUppfyllt
    }
}

/// The status of `outcome` against `goal` (the rule in the module docs), or `Saknas` when it
/// cannot be judged.
pub fn judge(
    goal: &Goal,
    outcome: &Outcome,
    direction: Option<Direction>,
    tol: &Tolerance,
) -> Status {
    let Some(&value) = outcome.values.first() else {
        return Status::Saknas;
    };
    match goal {
        Goal::Number(g) => match direction {
            Some(d) => against_number(*g, value, d, tol),
            None => Status::Saknas,
        },
        Goal::Range(lo, hi) => {
            if value >= *lo && value <= *hi {
                Status::Uppfyllt
            } else if value >= *lo - tol.delvis_intervall && value <= *hi + tol.delvis_intervall {
                Status::Delvis
            } else {
                Status::EjUppfyllt
            }
        }
        Goal::Several(goals) => {
            let Some(d) = direction else {
                return Status::Saknas;
            };
            if goals.len() != outcome.values.len() {
                return Status::Saknas;
            }
            let each: Vec<Status> = goals
                .iter()
                .zip(&outcome.values)
                .map(|(g, v)| against_number(*g, *v, d, tol))
                .collect();
            if each.iter().all(|s| *s == Status::Uppfyllt) {
                Status::Uppfyllt
            } else if each.iter().all(|s| *s == Status::EjUppfyllt) {
                Status::EjUppfyllt
            } else {
                Status::Delvis
            }
        }
        Goal::AgainstLastYear(d) => {
            let change = match outcome.last_year {
                Some(fg) => value - fg,
                None => value,
            };
            let better = match d {
                Direction::Higher => change > Decimal::ZERO,
                Direction::Lower => change < Decimal::ZERO,
            };
            if better {
                Status::Uppfyllt
            } else {
                Status::EjUppfyllt
            }
        }
        Goal::None | Goal::Text(_) => Status::Saknas,
    }
}

/// An indicator's trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Positiv,
    Neutral,
    Negativ,
}

impl Trend {
    pub fn parse(text: &str) -> Result<Option<Trend>, String> {
        match text.trim().to_lowercase().as_str() {
            "" => Ok(None),
            "positiv" | "upp" => Ok(Some(Trend::Positiv)),
            "neutral" | "oförändrad" => Ok(Some(Trend::Neutral)),
            "negativ" | "ned" => Ok(Some(Trend::Negativ)),
            other => Err(format!(
                "trenden `{other}` är okänd; skriv positiv, neutral eller negativ"
            )),
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Trend::Positiv => "positiv",
            Trend::Neutral => "neutral",
            Trend::Negativ => "negativ",
        }
    }

    pub fn shown(self) -> &'static str {
        match self {
            Trend::Positiv => "↗ Positiv",
            Trend::Neutral => "→ Neutral",
            Trend::Negativ => "↘ Negativ",
        }
    }

    /// The trend from this year's and last year's figure: better in `direction` is positive,
    /// equal is neutral.
    pub fn from_change(value: Decimal, last_year: Decimal, direction: Direction) -> Trend {
        match value.cmp(&last_year) {
            Ordering::Equal => Trend::Neutral,
            higher if (higher == Ordering::Greater) == (direction == Direction::Higher) => {
                Trend::Positiv
            }
            _ => Trend::Negativ,
        }
    }
}

/// An activity's status as shown: known words get a symbol, other text is shown as written.
pub fn activity_status(text: &str) -> String {
    let t = text.trim();
    let symbol = match t.to_lowercase().as_str() {
        "klar" | "slutförd" | "genomförd" => "✔",
        "enligt plan" | "pågår" | "pågår enligt plan" => "●",
        "försenad" | "pågår, försenad" => "◐",
        "ej påbörjad" | "ej startad" => "○",
        "ej prioriterad" => "–",
        _ => return t.to_string(),
    };
    let mut chars = t.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{symbol} {capital}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn status(goal: &str, outcome: &str, dir: &str) -> Status {
        judge(
            &Goal::parse(goal),
            &Outcome::parse(outcome),
            Direction::parse(dir).expect("direction"),
            &Tolerance::default(),
        )
    }

    #[test]
    fn goals_parse_as_reports_write_them() {
        assert_eq!(Goal::parse("6,0 %"), Goal::Number(d("6.0")));
        assert_eq!(Goal::parse("-800 mnkr"), Goal::Number(d("-800000000")));
        assert_eq!(Goal::parse("0 kr"), Goal::Number(Decimal::ZERO));
        assert_eq!(Goal::parse("85-90 %"), Goal::Range(d("85"), d("90")));
        assert_eq!(Goal::parse("85–90 %"), Goal::Range(d("85"), d("90")));
        assert_eq!(
            Goal::parse("90/80/80"),
            Goal::Several(vec![d("90"), d("80"), d("80")])
        );
        assert_eq!(
            Goal::parse("Lägre än fg år"),
            Goal::AgainstLastYear(Direction::Lower)
        );
        assert_eq!(Goal::parse("Öka"), Goal::AgainstLastYear(Direction::Higher));
        assert_eq!(
            Goal::parse("Färre"),
            Goal::AgainstLastYear(Direction::Lower)
        );
        assert_eq!(Goal::parse("Enligt plan"), Goal::Text("Enligt plan".into()));
        assert_eq!(Goal::parse(""), Goal::None);
    }

    #[test]
    fn an_outcome_whose_lowercase_is_longer_still_parses() {
        // "İ" lowercases to two characters, so positions in the lowercased text run ahead;
        // cutting the original there split "ö" and panicked.
        let o = Outcome::parse("İİ 10,9 % högre än fg år");
        assert!(o.is_change);
    }

    #[test]
    fn outcomes_parse_with_last_year_and_changes() {
        let o = Outcome::parse("16,8 % (21,5%)");
        assert_eq!(o.values, vec![d("16.8")]);
        assert_eq!(o.last_year, Some(d("21.5")));
        let o = Outcome::parse("10,9% högre än fg år");
        assert_eq!(o.values, vec![d("10.9")]);
        assert!(o.is_change);
        assert_eq!(Outcome::parse("+ 3 %").values, vec![d("3")]);
        assert_eq!(Outcome::parse("-165,6 mnkr").values, vec![d("-165600000")]);
        let t = Outcome::parse("14:58").values[0];
        assert!(t > d("14.96") && t < d("14.97"), "{t}");
        assert_eq!(Outcome::parse("48,4/31,0/56,0").values.len(), 3);
    }

    #[test]
    fn number_goals_with_the_delvis_band() {
        assert_eq!(status("6,0 %", "8,3 %", "lägre"), Status::EjUppfyllt);
        assert_eq!(status("6,0 %", "6,6 %", "lägre"), Status::Delvis);
        assert_eq!(status("6,0 %", "6,0 %", "lägre"), Status::Uppfyllt);
        assert_eq!(status("85 %", "79,4 %", "högre"), Status::Delvis);
        assert_eq!(status("100 %", "88,3 %", "högre"), Status::EjUppfyllt);
        assert_eq!(status("8 min", "14:58", "lägre"), Status::EjUppfyllt);
        // A zero goal has no band: any miss is ej uppfyllt.
        assert_eq!(status("0 kr", "-165,6 mnkr", "högre"), Status::EjUppfyllt);
        assert_eq!(status("0 kr", "+12 mnkr", "högre"), Status::Uppfyllt);
        // Negative goals (a forecast deficit): the band is 10 % of its size.
        assert_eq!(status("-800 mnkr", "-870 mnkr", "högre"), Status::Delvis);
        assert_eq!(
            status("-800 mnkr", "-890 mnkr", "högre"),
            Status::EjUppfyllt
        );
        // Without a direction a number goal cannot be judged.
        assert_eq!(status("6,0 %", "8,3 %", ""), Status::Saknas);
    }

    #[test]
    fn ranges_lists_and_directions() {
        assert_eq!(status("85-90 %", "87 %", ""), Status::Uppfyllt);
        assert_eq!(status("85-90 %", "93 %", ""), Status::Delvis);
        assert_eq!(status("85-90 %", "96 %", ""), Status::EjUppfyllt);
        assert_eq!(
            status("90/80/80", "48,4/31,0/56,0", "högre"),
            Status::EjUppfyllt
        );
        assert_eq!(status("90/80/80", "92/31,0/56,0", "högre"), Status::Delvis);
        assert_eq!(status("Lägre än fg år", "94 (140)", ""), Status::Uppfyllt);
        assert_eq!(status("Öka", "16,8 % (21,5%)", ""), Status::EjUppfyllt);
        assert_eq!(
            status("Lägre än fg år", "10,9% högre än fg år", ""),
            Status::EjUppfyllt
        );
        assert_eq!(status("Färre", "+171", ""), Status::EjUppfyllt);
        assert_eq!(status("Högre än fg år", "3%", ""), Status::Uppfyllt);
        assert_eq!(status("Enligt plan", "8,4 %", ""), Status::Saknas);
        assert_eq!(status("6,0 %", "", "lägre"), Status::Saknas);
    }

    #[test]
    fn trends_and_activity_statuses() {
        assert_eq!(
            Trend::from_change(d("8.3"), d("11.7"), Direction::Lower),
            Trend::Positiv
        );
        assert_eq!(
            Trend::from_change(d("7.6"), d("5.1"), Direction::Lower),
            Trend::Negativ
        );
        assert_eq!(
            Trend::from_change(d("1.3"), d("1.3"), Direction::Lower),
            Trend::Neutral
        );
        assert_eq!(activity_status("ej påbörjad"), "○ Ej påbörjad");
        assert_eq!(activity_status("Se nedan"), "Se nedan");
    }

    #[test]
    fn huge_tolerances_and_values_judge_without_overflow() {
        let wide = Tolerance {
            delvis: Decimal::MAX,
            ..Tolerance::default()
        };
        let (goal, low) = (Decimal::from(1000), Decimal::ONE);
        assert_eq!(
            against_number(goal, low, Direction::Higher, &wide),
            Status::Delvis
        );
        assert_eq!(
            against_number(goal, Decimal::MAX, Direction::Lower, &wide),
            Status::Delvis
        );
        assert_eq!(
            Trend::from_change(Decimal::MAX, Decimal::MIN, Direction::Higher),
            Trend::Positiv
        );
        assert_eq!(
            Trend::from_change(Decimal::MIN, Decimal::MAX, Direction::Higher),
            Trend::Negativ
        );
    }
}
