//! Years in prose are written plainly (2021, not 2 021) while amounts keep their digit
//! grouping, and the calendar helpers notebooks used to write by hand.

mod common;

use common::render;

/// The body HTML of a notebook with one set-up cell and `prose` below it.
fn page(setup: &str, prose: &str) -> String {
    let (html, _) = render(&format!("```rhai\n{setup}\n```\n\n{prose}\n"));
    common::assert_no_errors(&html, "test");
    html
}

#[test]
fn years_are_written_plainly_and_amounts_keep_grouping() {
    let html = page(
        "let p = period(\"2021-04\"); let ar = p.year; let belopp = 2021;",
        "År {{ p.year }}, förra året {{ p.year - 1 }}, sparat {{ ar }} och {{ ar + 1 }}; \
         belopp {{ belopp }} kr, ett datum {{ p.last_day().year }}.",
    );
    assert!(
        html.contains(
            "År 2021, förra året 2020, sparat 2021 och 2022; belopp 2\u{a0}021 kr, ett datum 2021."
        ),
        "{html}"
    );
}

#[test]
fn a_table_of_years_shows_them_plainly() {
    let html = page(
        "let p = period(\"2024-02\");",
        "```rhai\ntable([#{Ar: p.year, Belopp: 12345}, #{Ar: p.last_year().year, Belopp: 1000}]).title(\"År\")\n```",
    );
    assert!(html.contains(">2024</"), "{html}");
    assert!(html.contains(">2023</"), "{html}");
    assert!(html.contains(">12\u{a0}345</td>"), "{html}");
}

#[test]
fn calendar_helpers() {
    let html = page(
        "let p = period(\"2024-02\");",
        "{{ p.days() }} {{ period(\"2023-02\").days() }} {{ days_in_month(2100, 2) }} \
         {{ p.days_in_year() }} {{ days_in_year(2023) }} {{ is_leap_year(2000) }} \
         {{ p.days_to_date() }} {{ p.first_day() }} {{ p.last_day() }} \
         {{ date(\"2024-01-01\").days_until(date(2024, 12, 31)) }} \
         {{ period(\"2023-03\").months_until(p) }}",
    );
    assert!(
        html.contains("29 28 28 366 365 ja 60 2024-02-01 2024-02-29 365 11"),
        "{html}"
    );
    let (html, _) = render("{{ days_in_month(2024, 13) }}");
    assert!(html.contains("13 är ingen månad (1–12)"), "{html}");
}
