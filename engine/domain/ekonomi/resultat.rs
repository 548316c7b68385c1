//! The förenklad resultaträkning: its rows (the regions' usual grouping by default, or rows
//! declared as data), every post in the ledger checked to belong to a row, and the figures.

use std::collections::HashSet;

use crate::domain::long::Rows;
use crate::domain::rapport::{self, ReportRow, RowSpec, RowType};
use crate::domain::uppfoljning::figures_by;
use crate::period::Period;
use crate::table::{Table, TableResult};

/// Posts that make up Personalkostnader in the default rows.
pub const PERSONNEL_POSTS: [&str; 4] = [
    "Löner",
    "Sociala avgifter",
    "Övertid/mertid",
    "Externt inhyrd personal",
];

/// The statement as the regions print it, each row's posts named as in the ledger export.
pub fn default_lines() -> Vec<RowSpec> {
    use RowType::*;
    let row = RowSpec::post;
    vec![
        row("Patientavgifter", Post, &["Patientavgifter"]),
        row(
            "Ersättning vårdtjänster",
            Post,
            &["Ersättning vårdtjänster"],
        ),
        row("Regionersättning", Post, &["Regionersättning"]),
        row(
            "Försäljning av tjänster",
            Post,
            &["Försäljning av tjänster"],
        ),
        row("Övriga intäkter", Post, &["Övriga intäkter"]),
        row("Summa intäkter", Summa, &[]),
        row("Personalkostnader", Post, &PERSONNEL_POSTS),
        row(
            "externt inhyrd personal",
            Varav,
            &["Externt inhyrd personal"],
        ),
        row("övertid/mertid", Varav, &["Övertid/mertid"]),
        row("Köpt vård", Post, &["Köpt vård"]),
        row("Läkemedelskostnader", Post, &["Läkemedelskostnader"]),
        row("Tekniska hjälpmedel", Post, &["Tekniska hjälpmedel"]),
        row("Material och tjänster", Post, &["Material och tjänster"]),
        row("Lokalkostnader", Post, &["Lokalkostnader"]),
        row(
            "Övriga verksamhetskostnader",
            Post,
            &["Övriga verksamhetskostnader"],
        ),
        row("Summa kostnader", Summa, &[]),
        row("Resultat", Total, &[]),
    ]
}

/// The statement's rows with their figures at `period`. Every post in the data must belong
/// to a post row, so nothing is silently left out of the result.
pub fn statement(rows: &Rows, period: Period, lines: &[RowSpec]) -> Result<Vec<ReportRow>, String> {
    let figures = figures_by(rows, period, |r| rows.post.str(r))?;
    let mapped: HashSet<&str> = lines
        .iter()
        .filter(|l| l.kind == RowType::Post)
        .flat_map(|l| l.posts.iter().map(String::as_str))
        .collect();
    let mut unmapped: Vec<&str> = figures
        .keys()
        .copied()
        .filter(|p| !mapped.contains(p))
        .collect();
    if !unmapped.is_empty() {
        unmapped.sort_unstable();
        let names: Vec<String> = unmapped.iter().map(|p| format!("`{p}`")).collect();
        return Err(format!(
            "posten {} hör inte till någon rad i resultaträkningen; lägg till den i \
             `konton`, t.ex. #{{\"Övriga intäkter\": [\"Övriga intäkter\", \"{}\"]}}, \
             eller i raddeklarationen (`rader`)",
            names.join(", "),
            unmapped[0]
        ));
    }
    crate::domain::rapport::rader::evaluate(lines, |p| figures.get(p).copied())
}

/// "Förenklad resultaträkning (mkr)": the statement's rows at `period` shown as `layout`
/// says, the post column carrying the varav labels.
pub fn table(
    rows: &Rows,
    period: Period,
    lines: &[RowSpec],
    layout: &rapport::Layout,
) -> TableResult<Table> {
    let statement = statement(rows, period, lines)?;
    let mut table = rapport::table("Post", &statement, layout)?;
    table.varav_column = Some("Post".into());
    table.title = Some("Förenklad resultaträkning (mkr)".into());
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::long::{Figures, Layout};
    use crate::domain::rapport::rader::remap;
    use crate::domain::testdata::{d, ledger, p};

    fn run(t: &crate::table::Table, period: &str) -> Vec<ReportRow> {
        let rows = Layout::default().rows(t).expect("rows");
        statement(&rows, p(period), &default_lines()).expect("statement")
    }

    fn line<'a>(s: &'a [ReportRow], label: &str) -> &'a Figures {
        &s.iter().find(|l| l.label == label).expect(label).figures
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
        assert_eq!(line(&s, "Köpt vård").ack_avvikelse().expect("fits"), d(-5));
        assert_eq!(
            line(&s, "Köpt vård").ack_avvikelse_fg().expect("fits"),
            d(-2)
        );
        // A line without rows stays empty rather than zero.
        assert_eq!(line(&s, "Lokalkostnader").ack_utfall, None);
        // A month with no budget at all: the deviation is the outcome itself.
        assert_eq!(line(&s, "Personalkostnader").ack_budget, None);
        assert_eq!(
            line(&s, "Personalkostnader").ack_avvikelse().expect("fits"),
            d(-50)
        );
        // The month's own figures ride along (for "månadens avvikelse").
        let month = &s
            .iter()
            .find(|l| l.label == "Köpt vård")
            .expect("row")
            .month;
        assert_eq!(month.ack_avvikelse().expect("fits"), d(-5));
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
