//! Report rows declared as data: which posts make up each row, "varav" rows, sum rows, the
//! sign a row is shown with, its number format and whether it shows percentages. A
//! controller keeps the declaration in a CSV file (or an Excel sheet) beside the ledger.

use rust_decimal::Decimal;

use crate::domain::long::Figures;
use crate::number::too_large;
use crate::table::{Format, RowKind, Table, TableResult, Value};

/// What a declared row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowType {
    /// The sum of its posts (`typ` empty or `post`).
    Post,
    /// A part of the row above, shown indented and left out of sums (`varav`).
    Varav,
    /// A sum of rows above it (`summa`): those named in `summa`, or else the post rows since
    /// the previous sum row.
    Summa,
    /// Like `summa`, shown as the table's total (`total`): by default all post rows.
    Total,
}

/// One declared row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowSpec {
    pub label: String,
    pub kind: RowType,
    /// The ledger posts (or, per level, the level's values) the row adds up.
    pub posts: Vec<String>,
    /// The rows a sum row adds up; empty: the default for its type.
    pub sums: Vec<String>,
    /// 1, or −1 to show the row's amounts with the opposite sign (costs as positive amounts;
    /// deviations keep theirs, negative when the result is worse).
    pub sign: Decimal,
    /// The row's own number format (`mkr:1`, `tkr`, `pct:1`), if it differs from the table's.
    pub format: Option<Format>,
    /// Show the percentage columns on this row; `None`: as the function's option says.
    pub percent: Option<bool>,
}

impl RowSpec {
    /// A row that adds up `posts`, shown as the ledger signs it.
    pub fn post(label: &str, kind: RowType, posts: &[&str]) -> RowSpec {
        RowSpec {
            label: label.to_string(),
            kind,
            posts: posts.iter().map(|p| p.to_string()).collect(),
            sums: Vec::new(),
            sign: Decimal::ONE,
            format: None,
            percent: None,
        }
    }

    /// Whether the row adds up posts itself (a post or varav row).
    pub fn has_posts(&self) -> bool {
        matches!(self.kind, RowType::Post | RowType::Varav)
    }
}

/// A declared row with its figures: year to date and full year, and the period's month.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub label: String,
    pub kind: RowKind,
    pub figures: Figures,
    pub month: Figures,
    pub sign: Decimal,
    pub format: Option<Format>,
    pub percent: Option<bool>,
}

impl From<&crate::domain::uppfoljning::FigureRow> for ReportRow {
    fn from(r: &crate::domain::uppfoljning::FigureRow) -> ReportRow {
        ReportRow {
            label: r.label.clone(),
            kind: r.kind,
            figures: r.figures,
            month: r.month,
            sign: Decimal::ONE,
            format: None,
            percent: None,
        }
    }
}

/// The columns a declaration table may have, in the order they are documented.
pub const COLUMNS: [&str; 7] = [
    "rad", "poster", "typ", "summa", "tecken", "format", "procent",
];

/// Read a declaration table: one row per report row with the columns [`COLUMNS`] (only `rad`
/// is required). Lists (`poster`, `summa`) are separated by commas.
pub fn parse(t: &Table) -> TableResult<Vec<RowSpec>> {
    if let Some(c) = t
        .columns
        .iter()
        .find(|c| !COLUMNS.contains(&c.name.as_str()))
    {
        return Err(format!(
            "raddeklarationen har en okänd kolumn `{}`; kolumnerna kan vara {}",
            c.name,
            COLUMNS.map(|c| format!("`{c}`")).join(", ")
        ));
    }
    if t.position("rad").is_err() {
        return Err("raddeklarationen saknar kolumnen `rad` (radens text i rapporten)".to_string());
    }
    let cell = |column: &str, row: usize| -> String {
        t.column(column)
            .map(|c| c.values.get(row))
            .map_or(String::new(), |v| match v {
                Value::Null => String::new(),
                v => v.label().trim().to_string(),
            })
    };
    let mut specs: Vec<RowSpec> = Vec::with_capacity(t.len());
    for r in 0..t.len() {
        let at = |what: String| format!("rad {} i raddeklarationen: {what}", r + 1);
        let mut label = cell("rad", r);
        if label.is_empty() {
            return Err(at("kolumnen `rad` är tom; skriv radens text".into()));
        }
        let kind = match cell("typ", r).to_lowercase().as_str() {
            "" | "post" | "rad" => RowType::Post,
            "varav" => RowType::Varav,
            "summa" => RowType::Summa,
            "total" | "totalt" => RowType::Total,
            other => {
                return Err(at(format!(
                    "`typ` är `{other}`; den ska vara tom, post, varav, summa eller total"
                )));
            }
        };
        // The table writes "varav" before a varav row's label; one typed in the file is not
        // written twice.
        if kind == RowType::Varav {
            if let Some(rest) = label
                .strip_prefix("varav ")
                .or_else(|| label.strip_prefix("Varav "))
            {
                label = rest.trim().to_string();
            }
        }
        let posts = list(&cell("poster", r));
        let sums = list(&cell("summa", r));
        match kind {
            RowType::Post | RowType::Varav if posts.is_empty() => {
                return Err(at(format!(
                    "raden `{label}` har inga poster; skriv dem i kolumnen `poster`, \
                     åtskilda med komma, eller ange typ summa"
                )));
            }
            RowType::Post | RowType::Varav if !sums.is_empty() => {
                return Err(at(format!(
                    "raden `{label}` har både poster och `summa`; en summarad har typ summa \
                     eller total"
                )));
            }
            RowType::Summa | RowType::Total if !posts.is_empty() => {
                return Err(at(format!(
                    "summaraden `{label}` har poster; en summarad summerar rader (kolumnen \
                     `summa`), inte poster"
                )));
            }
            RowType::Varav if !specs.iter().any(|s| s.kind != RowType::Varav) => {
                return Err(at(format!(
                    "varav-raden `{label}` är först; den ska stå under raden den är en del av"
                )));
            }
            _ => {}
        }
        for s in &sums {
            if !specs.iter().any(|earlier| &earlier.label == s) {
                return Err(at(format!(
                    "summaraden `{label}` summerar `{s}`, men ingen rad ovanför heter så"
                )));
            }
        }
        if specs.iter().any(|s| s.label == label) {
            return Err(at(format!("raden `{label}` finns redan ovanför")));
        }
        let sign = match cell("tecken", r).as_str() {
            "" | "+" | "1" | "+1" => Decimal::ONE,
            "-" | "\u{2212}" | "-1" | "\u{2212}1" => Decimal::NEGATIVE_ONE,
            other => {
                return Err(at(format!(
                    "`tecken` är `{other}`; skriv - för att visa raden med omvänt tecken, \
                     annars lämna den tom"
                )));
            }
        };
        let format = match cell("format", r).as_str() {
            "" => None,
            f => Some(Format::parse(f).map_err(at)?),
        };
        let percent = match cell("procent", r).to_lowercase().as_str() {
            "" => None,
            "ja" | "j" | "1" | "true" | "x" => Some(true),
            "nej" | "n" | "0" | "false" => Some(false),
            other => {
                return Err(at(format!(
                    "`procent` är `{other}`; skriv ja, nej eller lämna den tom"
                )));
            }
        };
        specs.push(RowSpec {
            label,
            kind,
            posts,
            sums,
            sign,
            format,
            percent,
        });
    }
    if specs.is_empty() {
        return Err("raddeklarationen har inga rader".into());
    }
    Ok(specs)
}

fn list(cell: &str) -> Vec<String> {
    cell.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Replace the posts of the rows named in `mapping` (row label → posts). Unknown labels are
/// an error naming the rows there are.
pub fn remap(
    mut specs: Vec<RowSpec>,
    mapping: &[(String, Vec<String>)],
) -> TableResult<Vec<RowSpec>> {
    for (label, posts) in mapping {
        let Some(spec) = specs
            .iter_mut()
            .find(|s| s.label.eq_ignore_ascii_case(label) && s.has_posts())
        else {
            let names: Vec<String> = specs
                .iter()
                .filter(|s| s.has_posts())
                .map(|s| format!("`{}`", s.label))
                .collect();
            return Err(format!(
                "tabellen har ingen rad `{label}`; raderna är {}",
                names.join(", ")
            ));
        };
        spec.posts = posts.clone();
    }
    Ok(specs)
}

/// The declared rows with their figures, from the figures per post (year to date and the
/// period's month).
pub fn evaluate(
    specs: &[RowSpec],
    by_post: impl Fn(&str) -> Option<(Figures, Figures)>,
) -> TableResult<Vec<ReportRow>> {
    let mut out: Vec<ReportRow> = Vec::with_capacity(specs.len());
    let mut since_sum: Vec<usize> = Vec::new();
    let mut all_posts: Vec<usize> = Vec::new();
    for spec in specs {
        let parts: Vec<(Figures, Figures)> = match spec.kind {
            RowType::Post | RowType::Varav => {
                spec.posts.iter().filter_map(|p| by_post(p)).collect()
            }
            RowType::Summa | RowType::Total if !spec.sums.is_empty() => spec
                .sums
                .iter()
                .filter_map(|label| out.iter().find(|r| &r.label == label))
                .map(|r| (r.figures, r.month))
                .collect(),
            RowType::Summa => since_sum
                .iter()
                .map(|&i| (out[i].figures, out[i].month))
                .collect(),
            RowType::Total => all_posts
                .iter()
                .map(|&i| (out[i].figures, out[i].month))
                .collect(),
        };
        let overflow = |_| too_large(&format!("summan för raden `{}`", spec.label));
        let figures = Figures::total(parts.iter().map(|(f, _)| f)).map_err(overflow)?;
        let month = Figures::total(parts.iter().map(|(_, m)| m)).map_err(overflow)?;
        let kind = match spec.kind {
            RowType::Post => {
                since_sum.push(out.len());
                all_posts.push(out.len());
                RowKind::Data
            }
            RowType::Varav => RowKind::Varav,
            RowType::Summa => {
                since_sum.clear();
                RowKind::Subtotal
            }
            RowType::Total => {
                since_sum.clear();
                RowKind::Total
            }
        };
        out.push(ReportRow {
            label: spec.label.clone(),
            kind,
            figures,
            month,
            sign: spec.sign,
            format: spec.format,
            percent: spec.percent,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testdata::d;
    use crate::table::{Column, Values};
    use std::collections::HashMap;
    use std::sync::Arc;

    fn declaration(rows: &[[&str; 4]]) -> Table {
        let col = |i: usize, name: &str| {
            Column::new(
                name,
                Values::Text(
                    rows.iter()
                        .map(|r| (!r[i].is_empty()).then(|| Arc::from(r[i])))
                        .collect(),
                ),
            )
        };
        Table::new(vec![
            col(0, "rad"),
            col(1, "poster"),
            col(2, "typ"),
            col(3, "summa"),
        ])
        .expect("table")
    }

    fn figures(utfall: i64) -> (Figures, Figures) {
        (
            Figures {
                ack_utfall: d(utfall),
                ..Figures::default()
            },
            Figures::default(),
        )
    }

    #[test]
    fn varav_stays_out_of_sums_and_sums_default_to_the_rows_above() {
        let specs = parse(&declaration(&[
            ["Intäkter", "Regionersättning, Avgifter", "", ""],
            ["Summa intäkter", "", "summa", ""],
            ["Personal", "Löner, Inhyrd", "", ""],
            ["varav inhyrd", "Inhyrd", "varav", ""],
            ["Övrigt", "Material", "", ""],
            ["Summa kostnader", "", "summa", ""],
            ["Netto", "", "summa", "Summa intäkter, Summa kostnader"],
            ["Resultat", "", "total", ""],
        ]))
        .expect("specs");
        let by_post: HashMap<String, (Figures, Figures)> = [
            ("Regionersättning", 100),
            ("Avgifter", 5),
            ("Löner", -40),
            ("Inhyrd", -10),
            ("Material", -20),
        ]
        .into_iter()
        .map(|(p, v)| (p.to_string(), figures(v)))
        .collect();
        let rows = evaluate(&specs, |p| by_post.get(p).copied()).expect("rows");
        let got: Vec<(&str, Option<Decimal>, RowKind)> = rows
            .iter()
            .map(|r| (r.label.as_str(), r.figures.ack_utfall, r.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("Intäkter", d(105), RowKind::Data),
                ("Summa intäkter", d(105), RowKind::Subtotal),
                ("Personal", d(-50), RowKind::Data),
                // "varav" typed in the file is left to the table, which writes it.
                ("inhyrd", d(-10), RowKind::Varav),
                ("Övrigt", d(-20), RowKind::Data),
                ("Summa kostnader", d(-70), RowKind::Subtotal),
                ("Netto", d(35), RowKind::Subtotal),
                ("Resultat", d(35), RowKind::Total),
            ]
        );
    }

    #[test]
    fn a_sum_row_beyond_a_decimal_is_an_error_naming_the_row() {
        let specs = parse(&declaration(&[
            ["Intäkter", "A", "", ""],
            ["Kostnader", "B", "", ""],
            ["Summa verksamhet", "", "summa", ""],
        ]))
        .expect("specs");
        let huge = (
            Figures {
                ack_utfall: Some(Decimal::MAX),
                ..Figures::default()
            },
            Figures::default(),
        );
        let err = evaluate(&specs, |_| Some(huge)).expect_err("overflow");
        assert!(
            err.starts_with("summan för raden `Summa verksamhet` ryms inte i ett tal"),
            "{err}"
        );
    }

    #[test]
    fn mistakes_in_the_declaration_name_the_row_and_the_fix() {
        let err = parse(&declaration(&[["varav x", "X", "varav", ""]])).expect_err("first");
        assert!(
            err.contains("rad 1") && err.contains("under raden"),
            "{err}"
        );
        let err = parse(&declaration(&[["A", "", "", ""]])).expect_err("no posts");
        assert!(err.contains("`A` har inga poster"), "{err}");
        let err = parse(&declaration(&[["A", "X", "", ""], ["S", "", "summa", "B"]]))
            .expect_err("unknown sum");
        assert!(err.contains("rad 2") && err.contains("`B`"), "{err}");
        let err = parse(&declaration(&[["A", "X", "delsumma", ""]])).expect_err("type");
        assert!(err.contains("`delsumma`") && err.contains("varav"), "{err}");
        let mut t = declaration(&[["A", "X", "", ""]]);
        t.set_column(Column::new("tecknet", Values::Text(vec![None].into())))
            .expect("column");
        let err = parse(&t).expect_err("unknown column");
        assert!(
            err.contains("`tecknet`") && err.contains("`tecken`"),
            "{err}"
        );
    }

    #[test]
    fn sign_format_and_percent_columns() {
        let mut t = declaration(&[["Kostnader", "K", "", ""]]);
        for (name, v) in [("tecken", "-"), ("format", "tkr"), ("procent", "ja")] {
            t.set_column(Column::new(
                name,
                Values::Text(vec![Some(Arc::from(v))].into()),
            ))
            .expect("column");
        }
        let s = &parse(&t).expect("specs")[0];
        assert_eq!(s.sign, Decimal::NEGATIVE_ONE);
        assert_eq!(s.format, Some(Format::tkr(0)));
        assert_eq!(s.percent, Some(true));
        t.set_column(Column::new("tecken", Values::Int(vec![Some(-1)].into())))
            .expect("column");
        assert_eq!(parse(&t).expect("specs")[0].sign, Decimal::NEGATIVE_ONE);
    }
}
