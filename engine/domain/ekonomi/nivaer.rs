//! Organisational levels (region → förvaltning → område → basenhet): figures per unit
//! gathered into a tree with a sum at every level, laid out as table rows. The one
//! computation behind `per_niva` (levels from an organisation table) and `budgetavvikelse`
//! (levels from the ledger's own columns).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use crate::domain::long::{Figures, Rows};
use crate::domain::rapport::{self, ReportRow, RowSpec, rader};
use crate::domain::uppfoljning::{FigureRow, figures_by};
use crate::number::too_large;
use crate::period::Period;
use crate::table::{Column, RowKind, Table, TableResult, Values};

/// One unit at one level, with the sum of everything under it (year to date and the
/// period's month).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub label: String,
    pub figures: Figures,
    pub month: Figures,
    pub children: Vec<Node>,
}

/// Gather each path's figures (`["Akutsjukvård", "Kirurgkliniken"]`) into a tree, summing
/// upwards. Units keep the order in which they first appear. A path may stop above the
/// lowest level (a unit without an område counts in its förvaltning only).
pub fn tree(
    paths: impl IntoIterator<Item = (Vec<String>, Figures, Figures)>,
) -> TableResult<Vec<Node>> {
    let mut roots: Vec<Node> = Vec::new();
    for (path, figures, month) in paths {
        let mut level = &mut roots;
        for label in path {
            let i = match level.iter().position(|n| n.label == label) {
                Some(i) => i,
                None => {
                    level.push(Node {
                        label,
                        figures: Figures::default(),
                        month: Figures::default(),
                        children: Vec::new(),
                    });
                    level.len() - 1
                }
            };
            let node = &mut level[i];
            let overflow = |_| too_large(&format!("summan för `{}`", node.label));
            node.figures = node.figures.plus(&figures).map_err(overflow)?;
            node.month = node.month.plus(&month).map_err(overflow)?;
            level = &mut node.children;
        }
    }
    Ok(roots)
}

/// A row of the laid-out tree: its depth (0 for the top level) and the row.
#[derive(Debug, Clone)]
pub struct LevelRow {
    pub depth: usize,
    pub row: FigureRow,
}

/// Each unit followed by the units under it; a unit above the lowest of `levels` levels is a
/// sum row. Last comes the total of the top level, labelled `total`.
pub fn rows(nodes: &[Node], levels: usize, total: &str) -> TableResult<Vec<LevelRow>> {
    let mut out = Vec::new();
    push_rows(nodes, 0, levels, &mut out);
    let overflow = |_| too_large(&format!("summan för `{total}`"));
    let figures = Figures::total(nodes.iter().map(|n| &n.figures)).map_err(overflow)?;
    let month = Figures::total(nodes.iter().map(|n| &n.month)).map_err(overflow)?;
    out.push(LevelRow {
        depth: 0,
        row: FigureRow {
            label: total.to_string(),
            kind: RowKind::Total,
            figures,
            month,
        },
    });
    Ok(out)
}

fn push_rows(nodes: &[Node], depth: usize, levels: usize, out: &mut Vec<LevelRow>) {
    for n in nodes {
        out.push(LevelRow {
            depth,
            row: FigureRow {
                label: n.label.clone(),
                kind: if depth + 1 < levels {
                    RowKind::Subtotal
                } else {
                    RowKind::Data
                },
                figures: n.figures,
                month: n.month,
            },
        });
        push_rows(&n.children, depth + 1, levels, out);
    }
}

/// The deviation per level: each ledger row's path id (`None` leaves the row out), each
/// path's labels, and the order the paths are laid out in. The rows of [`rows`].
pub fn deviation<K: Hash + Eq + Clone>(
    ledger: &Rows,
    period: Period,
    path_of: impl Fn(usize) -> Option<K>,
    ordered_paths: impl IntoIterator<Item = (K, Vec<String>)>,
    levels: usize,
    total: &str,
) -> TableResult<Vec<LevelRow>> {
    let figures = figures_by(ledger, period, path_of)?;
    let nodes = tree(ordered_paths.into_iter().filter_map(|(k, labels)| {
        let (f, m) = figures.get(&k)?;
        Some((labels, *f, *m))
    }))?;
    rows(&nodes, levels, total)
}

/// The label of `budgetavvikelse`'s total row.
pub const TOTAL: &str = "Totalt";

/// Deviation per level where the levels are columns of the ledger itself (`omrade`,
/// `enhet` …, `columns` top-down, each row's cells as text): rows missing a level's value are
/// left out, units keep the order of their first row.
pub fn by_columns(
    ledger: &Rows,
    period: Period,
    columns: &[&crate::table::Values],
) -> TableResult<Vec<LevelRow>> {
    if columns.is_empty() {
        return Err(
            "ange minst en nivå, t.ex. [\"omrade\"] eller [\"forvaltning\", \"omrade\", \"enhet\"]"
                .into(),
        );
    }
    // Each row's path is numbered first (a level's cell under its parent's number, compared
    // as the borrowed keys group_by uses), so no text is built per row; a path's labels are
    // read from its first row.
    let mut numbers: HashMap<(usize, crate::table::Key), usize> = HashMap::new();
    let mut first_row: Vec<usize> = Vec::new();
    let mut path: Vec<Option<usize>> = Vec::with_capacity(ledger.len());
    'rows: for r in 0..ledger.len() {
        let mut number = usize::MAX;
        for c in columns {
            let key = c.key(r);
            if key == crate::table::Key::Null {
                path.push(None);
                continue 'rows;
            }
            let next = numbers.len();
            number = *numbers.entry((number, key)).or_insert_with(|| {
                first_row.push(r);
                next
            });
        }
        path.push(Some(number));
    }
    // Full paths in the order their first row appears.
    let mut seen: Vec<bool> = vec![false; first_row.len()];
    let mut ordered = Vec::new();
    for p in path.iter().flatten() {
        if !std::mem::replace(&mut seen[*p], true) {
            let r = first_row[*p];
            ordered.push((*p, columns.iter().map(|c| c.get(r).label()).collect()));
        }
    }
    deviation(ledger, period, |r| path[r], ordered, columns.len(), TOTAL)
}

/// The rows as a table with one label column per level (`names`, top-down; a row's label in
/// its level's column), then the layout's value columns.
pub fn table(names: &[String], rows: &[LevelRow], layout: &rapport::Layout) -> TableResult<Table> {
    let report_rows: Vec<ReportRow> = rows.iter().map(|r| ReportRow::from(&r.row)).collect();
    let values = rapport::table("", &report_rows, layout)?;
    let mut columns = Vec::with_capacity(names.len() + layout.columns.len());
    for (depth, name) in names.iter().enumerate() {
        columns.push(Column::new(
            name.clone(),
            Values::Text(
                rows.iter()
                    .map(|r| (r.depth == depth).then(|| Arc::from(r.row.label.as_str())))
                    .collect(),
            ),
        ));
    }
    columns.extend(values.columns.into_iter().skip(1));
    let mut t = Table::new(columns)?;
    t.kinds = values.kinds;
    Ok(t)
}

/// Declared rows over one level (`name`): each row adds up the level's values its
/// declaration lists, shown as `layout` says.
pub fn declared_table(
    name: &str,
    rows: &[LevelRow],
    specs: &[RowSpec],
    layout: &rapport::Layout,
) -> TableResult<Table> {
    let by_label: HashMap<&str, (Figures, Figures)> = rows
        .iter()
        .filter(|r| r.row.kind == RowKind::Data)
        .map(|r| (r.row.label.as_str(), (r.row.figures, r.row.month)))
        .collect();
    let declared = rader::evaluate(specs, |k| by_label.get(k).copied())?;
    rapport::table(name, &declared, layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testdata::d;
    use rust_decimal::Decimal;

    fn f(utfall: i64) -> Figures {
        Figures {
            ack_utfall: Some(Decimal::from(utfall)),
            ..Figures::default()
        }
    }

    fn path(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn three_levels_sum_upwards_in_order_of_appearance() {
        let none = Figures::default();
        let t = tree([
            (path(&["HSF", "Akut", "Kirurgi"]), f(-5), none),
            (path(&["HSF", "Nära", "VC"]), f(-2), none),
            (path(&["HSF", "Akut", "Ortopedi"]), f(-3), none),
            (path(&["Regionservice", "IT", "Drift"]), f(1), none),
        ])
        .expect("tree");
        let r = rows(&t, 3, TOTAL).expect("rows");
        let labels: Vec<(usize, &str, RowKind)> = r
            .iter()
            .map(|x| (x.depth, x.row.label.as_str(), x.row.kind))
            .collect();
        use RowKind::*;
        assert_eq!(
            labels,
            [
                (0, "HSF", Subtotal),
                (1, "Akut", Subtotal),
                (2, "Kirurgi", Data),
                (2, "Ortopedi", Data),
                (1, "Nära", Subtotal),
                (2, "VC", Data),
                (0, "Regionservice", Subtotal),
                (1, "IT", Subtotal),
                (2, "Drift", Data),
                (0, "Totalt", Total),
            ]
        );
        assert_eq!(r[0].row.figures.ack_utfall, d(-10));
        assert_eq!(r[1].row.figures.ack_utfall, d(-8));
        assert_eq!(r[9].row.figures.ack_utfall, d(-9));
    }
}
