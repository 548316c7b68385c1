//! Narrative wording: a change, a deviation or a goal's status as the Swedish words the
//! monthly reports use (`ökade med 5,4 %`, `17 mkr sämre än budget`, `målet på 90 % nås inte`).
//!
//! Every helper rounds to the precision it shows before choosing its words, so a change that
//! is shown as 0,0 % reads `oförändrat`, never `ökade med 0,0 %`.

use rust_decimal::Decimal;

use crate::number::{NBSP, format_decimal, format_percent, percent_change, round_half_away};

/// How a change is phrased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `ökade med 5,4 %`, `minskade med 2,9 %`, `oförändrat`.
    Verb,
    /// `en ökning med 5,4 %`, `en minskning med 2,9 %`, `ingen förändring`.
    Noun,
    /// `5,4 % fler`, `2,9 % färre`, `lika många`.
    Count,
}

/// A number with `decimals` decimals, Swedish style, without its sign.
fn magnitude(value: Decimal, decimals: u32) -> String {
    format_decimal(value.abs(), Some(decimals))
}

/// The change from `base` to `now` in percent, in words. A zero base has no percent change:
/// the words then say from what to what (`ökade från 0 till 12`).
pub fn change(now: Decimal, base: Decimal, decimals: u32, form: Form) -> String {
    let Some(pct) = percent_change(base, now) else {
        if now.is_zero() {
            return unchanged(form).to_string();
        }
        let (up, down) = match form {
            Form::Verb => ("ökade", "minskade"),
            Form::Noun => ("en ökning", "en minskning"),
            Form::Count => ("fler", "färre"),
        };
        let word = if now > base { up } else { down };
        let to = format_decimal(now, None);
        return match form {
            Form::Count => format!("{to} {word} än 0"),
            _ => format!("{word} från 0 till {to}"),
        };
    };
    let shown = round_half_away(pct, decimals);
    if shown.is_zero() {
        return unchanged(form).to_string();
    }
    let size = format_percent(shown.abs(), Some(decimals));
    let up = shown.is_sign_positive();
    match form {
        Form::Verb if up => format!("ökade med {size}"),
        Form::Verb => format!("minskade med {size}"),
        Form::Noun if up => format!("en ökning med {size}"),
        Form::Noun => format!("en minskning med {size}"),
        Form::Count if up => format!("{size} fler"),
        Form::Count => format!("{size} färre"),
    }
}

fn unchanged(form: Form) -> &'static str {
    match form {
        Form::Verb => "oförändrat",
        Form::Noun => "ingen förändring",
        Form::Count => "lika många",
    }
}

/// `4 procentenheter` / `1 procentenhet` / `0,5 procentenheter` for a shown size.
fn points(shown: Decimal, decimals: u32) -> String {
    let text = magnitude(shown, decimals);
    let unit = if shown.abs() == Decimal::ONE && decimals == 0 {
        "procentenhet"
    } else {
        "procentenheter"
    };
    format!("{text} {unit}")
}

/// The difference between two percentages in percentage points: `4 procentenheter högre`,
/// `6 procentenheter lägre`, `oförändrat`.
pub fn points_higher_lower(now: Decimal, base: Decimal, decimals: u32) -> String {
    let shown = round_half_away(now - base, decimals);
    if shown.is_zero() {
        return "oförändrat".to_string();
    }
    let word = if shown.is_sign_positive() {
        "högre"
    } else {
        "lägre"
    };
    format!("{} {word}", points(shown, decimals))
}

/// The same difference judged: `en förbättring med 4 procentenheter` when `now` is higher
/// (or lower, with `lower_is_better`), `en försämring med …`, `oförändrat`.
pub fn points_better_worse(
    now: Decimal,
    base: Decimal,
    decimals: u32,
    lower_is_better: bool,
) -> String {
    let shown = round_half_away(now - base, decimals);
    if shown.is_zero() {
        return "oförändrat".to_string();
    }
    let better = shown.is_sign_positive() != lower_is_better;
    let word = if better {
        "en förbättring"
    } else {
        "en försämring"
    };
    format!("{word} med {}", points(shown, decimals))
}

/// Report units for amounts in kronor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    Kr,
    Tkr,
    Mkr,
}

impl Amount {
    pub fn parse(text: &str) -> Option<Amount> {
        match text.trim() {
            "kr" => Some(Amount::Kr),
            "tkr" => Some(Amount::Tkr),
            "mkr" | "mnkr" => Some(Amount::Mkr),
            _ => None,
        }
    }

    fn divisor(self) -> Decimal {
        match self {
            Amount::Kr => Decimal::ONE,
            Amount::Tkr => Decimal::from(1000),
            Amount::Mkr => Decimal::from(1_000_000),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Amount::Kr => "kr",
            Amount::Tkr => "tkr",
            Amount::Mkr => "mkr",
        }
    }
}

/// A deviation in kronor (outcome minus what it is compared with; positive is better, as
/// costs are negative) in words: `17 mkr sämre än budget`, `3,2 mkr bättre än föregående år`,
/// `i nivå med budget` when it rounds to zero.
pub fn better_worse(deviation: Decimal, against: &str, unit: Amount, decimals: u32) -> String {
    let shown = round_half_away(deviation / unit.divisor(), decimals);
    if shown.is_zero() {
        return format!("i nivå med {against}");
    }
    let word = if shown.is_sign_positive() {
        "bättre"
    } else {
        "sämre"
    };
    format!(
        "{} {} {word} än {against}",
        magnitude(shown, decimals),
        unit.name()
    )
}

/// A goal for a percentage: at least a value, at most a value, or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    AtLeast(Decimal),
    AtMost(Decimal),
    Range(Decimal, Decimal),
}

impl Goal {
    /// The goal as printed: `90 %`, `högst 8 %`, `85–90 %`.
    pub fn label(&self) -> String {
        let n = |d: Decimal| format_decimal(d.normalize(), None);
        match self {
            Goal::AtLeast(v) => format_percent(v.normalize(), None),
            Goal::AtMost(v) => format!("högst {}{NBSP}%", n(*v)),
            Goal::Range(lo, hi) => format!("{}\u{2013}{}{NBSP}%", n(*lo), n(*hi)),
        }
    }

    /// Is `value` (rounded to `decimals`, as shown) within the goal?
    pub fn reached(&self, value: Decimal, decimals: u32) -> bool {
        let v = round_half_away(value, decimals);
        match self {
            Goal::AtLeast(g) => v >= *g,
            Goal::AtMost(g) => v <= *g,
            Goal::Range(lo, hi) => v >= *lo && v <= *hi,
        }
    }
}

/// A goal's status in words: `målet på 90 % nås`, `målet på 90 % nås inte`; for a range
/// `inom målet 85–90 %`, `över målet 85–90 %`, `under målet 85–90 %`.
pub fn goal_status(value: Decimal, goal: Goal, decimals: u32) -> String {
    let label = goal.label();
    let v = round_half_away(value, decimals);
    match goal {
        Goal::Range(_, hi) if v > hi => format!("över målet {label}"),
        Goal::Range(lo, _) if v < lo => format!("under målet {label}"),
        Goal::Range(..) => format!("inom målet {label}"),
        _ if goal.reached(value, decimals) => format!("målet på {label} nås"),
        _ => format!("målet på {label} nås inte"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn change_in_percent_in_three_forms() {
        // 131 292 + 8 843 against 120 248 + 8 481: the seed's "ökning … med 8,9 %".
        let now = d("140135");
        let base = d("128729");
        assert_eq!(change(now, base, 1, Form::Verb), "ökade med 8,9\u{a0}%");
        assert_eq!(change(now, base, 1, Form::Noun), "en ökning med 8,9\u{a0}%");
        // 18 865 against 21 270: "11,3 % färre".
        assert_eq!(
            change(d("18865"), d("21270"), 1, Form::Count),
            "11,3\u{a0}% färre"
        );
        assert_eq!(
            change(d("97.1"), d("100"), 1, Form::Verb),
            "minskade med 2,9\u{a0}%"
        );
        assert_eq!(change(d("105"), d("100"), 0, Form::Count), "5\u{a0}% fler");
    }

    #[test]
    fn a_change_that_rounds_to_zero_is_unchanged() {
        // +0,04 % shows as 0,0 %.
        assert_eq!(change(d("10004"), d("10000"), 1, Form::Verb), "oförändrat");
        assert_eq!(
            change(d("9996"), d("10000"), 1, Form::Noun),
            "ingen förändring"
        );
        assert_eq!(change(d("7"), d("7"), 1, Form::Count), "lika många");
        // +0,05 % rounds away from zero to 0,1 %.
        assert_eq!(
            change(d("10005"), d("10000"), 1, Form::Verb),
            "ökade med 0,1\u{a0}%"
        );
    }

    #[test]
    fn a_zero_base_says_from_what_to_what() {
        assert_eq!(
            change(d("12"), d("0"), 1, Form::Verb),
            "ökade från 0 till 12"
        );
        assert_eq!(change(d("0"), d("0"), 1, Form::Verb), "oförändrat");
        assert_eq!(change(d("12"), d("0"), 1, Form::Count), "12 fler än 0");
    }

    #[test]
    fn percentage_points_are_not_percent() {
        assert_eq!(
            points_higher_lower(d("78.8"), d("74.8"), 0),
            "4 procentenheter högre"
        );
        assert_eq!(
            points_higher_lower(d("63.4"), d("69.4"), 1),
            "6,0 procentenheter lägre"
        );
        assert_eq!(
            points_higher_lower(d("51"), d("50"), 0),
            "1 procentenhet högre"
        );
        assert_eq!(points_higher_lower(d("50.04"), d("50"), 1), "oförändrat");
        assert_eq!(
            points_better_worse(d("78.8"), d("74.8"), 0, false),
            "en förbättring med 4 procentenheter"
        );
        assert_eq!(
            points_better_worse(d("78.8"), d("74.8"), 0, true),
            "en försämring med 4 procentenheter"
        );
        assert_eq!(
            points_better_worse(d("0.3"), d("0"), 1, false),
            "en förbättring med 0,3 procentenheter"
        );
    }

    #[test]
    fn deviations_in_kronor() {
        assert_eq!(
            better_worse(d("-17200000"), "budget", Amount::Mkr, 0),
            "17 mkr sämre än budget"
        );
        assert_eq!(
            better_worse(d("3249000"), "föregående år", Amount::Mkr, 1),
            "3,2 mkr bättre än föregående år"
        );
        assert_eq!(
            better_worse(d("-400000"), "budget", Amount::Mkr, 0),
            "i nivå med budget"
        );
        assert_eq!(
            better_worse(d("-500000"), "budget", Amount::Mkr, 0),
            "1 mkr sämre än budget"
        );
        assert_eq!(
            better_worse(d("12400"), "budget", Amount::Tkr, 0),
            "12 tkr bättre än budget"
        );
    }

    #[test]
    fn goal_status_in_words() {
        let ninety = Goal::AtLeast(d("90"));
        assert_eq!(
            goal_status(d("48.4"), ninety, 1),
            "målet på 90\u{a0}% nås inte"
        );
        assert_eq!(goal_status(d("89.96"), ninety, 1), "målet på 90\u{a0}% nås");
        let range = Goal::Range(d("85"), d("90"));
        assert_eq!(
            goal_status(d("96.0"), range, 1),
            "över målet 85\u{2013}90\u{a0}%"
        );
        assert_eq!(
            goal_status(d("87"), range, 1),
            "inom målet 85\u{2013}90\u{a0}%"
        );
        assert_eq!(
            goal_status(d("80"), range, 1),
            "under målet 85\u{2013}90\u{a0}%"
        );
        assert_eq!(
            goal_status(d("9"), Goal::AtMost(d("8")), 0),
            "målet på högst 8\u{a0}% nås inte"
        );
    }
}
