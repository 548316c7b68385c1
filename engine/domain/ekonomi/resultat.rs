//! The förenklad resultaträkning: which posts make up each row (configurable, with the
//! regions' usual grouping as default), sums per side and the result.

use std::collections::{HashMap, HashSet};

use crate::domain::long::{Figures, Rows};
use crate::period::Period;

use super::{by_post, sum_posts};

/// What a line of the statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Line {
    /// An income account group (adds to "Summa intäkter").
    Income,
    /// A cost account group (adds to "Summa kostnader").
    Cost,
    /// A part of the line above, shown indented and left out of sums.
    Varav,
    /// Sum of the income lines.
    SumIncome,
    /// Sum of the cost lines.
    SumCost,
    /// Income plus costs.
    Result,
}

/// One line: its label, what it is, and the ledger posts it sums (empty for sum lines).
#[derive(Debug, Clone, PartialEq)]
pub struct LineSpec {
    pub label: String,
    pub line: Line,
    pub posts: Vec<String>,
}

fn spec(label: &str, line: Line, posts: &[&str]) -> LineSpec {
    LineSpec {
        label: label.to_string(),
        line,
        posts: posts.iter().map(|p| p.to_string()).collect(),
    }
}

/// Posts that make up Personalkostnader in the default mapping.
pub const PERSONNEL_POSTS: [&str; 4] = [
    "Löner",
    "Sociala avgifter",
    "Övertid/mertid",
    "Externt inhyrd personal",
];

/// The statement as the regions print it, each group's posts named as in the ledger export.
pub fn default_lines() -> Vec<LineSpec> {
    use Line::*;
    vec![
        spec("Patientavgifter", Income, &["Patientavgifter"]),
        spec(
            "Ersättning vårdtjänster",
            Income,
            &["Ersättning vårdtjänster"],
        ),
        spec("Regionersättning", Income, &["Regionersättning"]),
        spec(
            "Försäljning av tjänster",
            Income,
            &["Försäljning av tjänster"],
        ),
        spec("Övriga intäkter", Income, &["Övriga intäkter"]),
        spec("Summa intäkter", SumIncome, &[]),
        spec("Personalkostnader", Cost, &PERSONNEL_POSTS),
        spec(
            "externt inhyrd personal",
            Varav,
            &["Externt inhyrd personal"],
        ),
        spec("övertid/mertid", Varav, &["Övertid/mertid"]),
        spec("Köpt vård", Cost, &["Köpt vård"]),
        spec("Läkemedelskostnader", Cost, &["Läkemedelskostnader"]),
        spec("Tekniska hjälpmedel", Cost, &["Tekniska hjälpmedel"]),
        spec("Material och tjänster", Cost, &["Material och tjänster"]),
        spec("Lokalkostnader", Cost, &["Lokalkostnader"]),
        spec(
            "Övriga verksamhetskostnader",
            Cost,
            &["Övriga verksamhetskostnader"],
        ),
        spec("Summa kostnader", SumCost, &[]),
        spec("Resultat", Result, &[]),
    ]
}

/// Replace the posts of the lines named in `mapping` (line label → posts). Unknown labels are
/// an error naming the lines there are.
pub fn remap(
    mut lines: Vec<LineSpec>,
    mapping: &[(String, Vec<String>)],
) -> Result<Vec<LineSpec>, String> {
    for (label, posts) in mapping {
        let Some(line) = lines
            .iter_mut()
            .find(|l| l.label.eq_ignore_ascii_case(label) && !l.posts.is_empty())
        else {
            let names: Vec<String> = lines
                .iter()
                .filter(|l| !l.posts.is_empty())
                .map(|l| format!("`{}`", l.label))
                .collect();
            return Err(format!(
                "resultaträkningen har ingen rad `{label}`; raderna är {}",
                names.join(", ")
            ));
        };
        line.posts = posts.clone();
    }
    Ok(lines)
}

/// The statement's lines with their figures at `period`. Every post in the data must belong
/// to an income or cost line, so nothing is silently left out of the result.
pub fn statement(
    rows: &Rows,
    period: Period,
    lines: &[LineSpec],
) -> Result<Vec<(LineSpec, Figures)>, String> {
    let figures = by_post(rows, period)?;
    let mapped: HashSet<&str> = lines
        .iter()
        .filter(|l| matches!(l.line, Line::Income | Line::Cost))
        .flat_map(|l| l.posts.iter().map(String::as_str))
        .collect();
    let mut unmapped: Vec<&str> = figures
        .keys()
        .map(String::as_str)
        .filter(|p| !mapped.contains(p))
        .collect();
    if !unmapped.is_empty() {
        unmapped.sort_unstable();
        let names: Vec<String> = unmapped.iter().map(|p| format!("`{p}`")).collect();
        return Err(format!(
            "posten {} hör inte till någon rad i resultaträkningen; lägg till den i \
             `konton`, t.ex. #{{\"Övriga intäkter\": [\"Övriga intäkter\", \"{}\"]}}",
            names.join(", "),
            unmapped[0]
        ));
    }
    let mut sums: HashMap<Line, Figures> = HashMap::new();
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let f = match l.line {
            Line::Income | Line::Cost | Line::Varav => sum_posts(&figures, &l.posts),
            Line::SumIncome => sums.get(&Line::Income).copied().unwrap_or_default(),
            Line::SumCost => sums.get(&Line::Cost).copied().unwrap_or_default(),
            Line::Result => {
                let zero = Figures::default();
                let i = sums.get(&Line::Income).unwrap_or(&zero);
                let c = sums.get(&Line::Cost).unwrap_or(&zero);
                i.plus(c)
            }
        };
        if matches!(l.line, Line::Income | Line::Cost) {
            let slot = sums.entry(l.line).or_default();
            *slot = slot.plus(&f);
        }
        out.push((l.clone(), f));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::long::Layout;
    use crate::domain::testdata::{d, ledger, p};

    fn run(t: &crate::table::Table, period: &str) -> Vec<(LineSpec, Figures)> {
        let rows = Layout::default().rows(t).expect("rows");
        statement(&rows, p(period), &default_lines()).expect("statement")
    }

    fn line<'a>(s: &'a [(LineSpec, Figures)], label: &str) -> &'a Figures {
        &s.iter().find(|(l, _)| l.label == label).expect(label).1
    }

    #[test]
    fn groups_sum_posts_and_varav_stays_out_of_the_sums() {
        let t = ledger(&[
            ("2023-02", "A", "Regionersättning", "utfall", 100),
            ("2023-02", "A", "Löner", "utfall", -40),
            ("2023-02", "A", "Externt inhyrd personal", "utfall", -10),
            ("2023-02", "A", "Köpt vård", "utfall", -20),
            ("2023-02", "A", "Köpt vård", "budget", -15),
            ("2022-02", "A", "Köpt vård", "utfall", -18),
        ]);
        let s = run(&t, "2023-02");
        assert_eq!(line(&s, "Personalkostnader").ack_utfall, d(-50));
        assert_eq!(line(&s, "externt inhyrd personal").ack_utfall, d(-10));
        assert_eq!(line(&s, "Summa kostnader").ack_utfall, d(-70));
        assert_eq!(line(&s, "Summa intäkter").ack_utfall, d(100));
        assert_eq!(line(&s, "Resultat").ack_utfall, d(30));
        // Negative (cost) budget: outcome −20 against budget −15 is 5 worse.
        assert_eq!(line(&s, "Köpt vård").ack_avvikelse(), d(-5));
        assert_eq!(line(&s, "Köpt vård").ack_avvikelse_fg(), d(-2));
        // A line without rows stays empty rather than zero.
        assert_eq!(line(&s, "Lokalkostnader").ack_utfall, None);
        // A month with no budget at all: the deviation is the outcome itself.
        assert_eq!(line(&s, "Personalkostnader").ack_budget, None);
        assert_eq!(line(&s, "Personalkostnader").ack_avvikelse(), d(-50));
    }

    #[test]
    fn unmapped_posts_are_an_error_and_remap_fixes_them() {
        let t = ledger(&[("2023-01", "A", "Avskrivningar", "utfall", -7)]);
        let rows = Layout::default().rows(&t).expect("rows");
        let err = statement(&rows, p("2023-01"), &default_lines()).expect_err("unmapped");
        assert!(
            err.contains("`Avskrivningar`") && err.contains("konton"),
            "{err}"
        );
        let lines = remap(
            default_lines(),
            &[(
                "Övriga verksamhetskostnader".into(),
                vec!["Avskrivningar".into()],
            )],
        )
        .expect("remap");
        let s = statement(&rows, p("2023-01"), &lines).expect("statement");
        assert_eq!(line(&s, "Övriga verksamhetskostnader").ack_utfall, d(-7));
        let err = remap(default_lines(), &[("Skatter".into(), vec![])]).expect_err("unknown");
        assert!(
            err.contains("`Skatter`") && err.contains("`Köpt vård`"),
            "{err}"
        );
    }
}
