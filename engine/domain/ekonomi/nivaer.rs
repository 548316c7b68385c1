//! Organisational levels (region → förvaltning → område → basenhet): figures per unit
//! gathered into a tree with a sum at every level, laid out as table rows.

use crate::domain::long::Figures;

/// One unit at one level, with the sum of everything under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub label: String,
    pub figures: Figures,
    pub children: Vec<Node>,
}

/// Gather each path's figures (`["Akutsjukvård", "Kirurgkliniken"]`) into a tree, summing
/// upwards. Units keep the order in which they first appear.
pub fn tree(paths: impl IntoIterator<Item = (Vec<String>, Figures)>) -> Vec<Node> {
    let mut roots: Vec<Node> = Vec::new();
    for (path, figures) in paths {
        let mut level = &mut roots;
        for label in path {
            let i = match level.iter().position(|n| n.label == label) {
                Some(i) => i,
                None => {
                    level.push(Node {
                        label,
                        figures: Figures::default(),
                        children: Vec::new(),
                    });
                    level.len() - 1
                }
            };
            let node = &mut level[i];
            node.figures = node.figures.plus(&figures);
            level = &mut node.children;
        }
    }
    roots
}

/// A row of the laid-out tree: its depth (0 for the top level), label and figures, and whether
/// it sums the rows under it.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelRow {
    pub depth: usize,
    pub label: String,
    pub figures: Figures,
    pub is_sum: bool,
}

/// Each unit followed by the units under it.
pub fn rows(nodes: &[Node]) -> Vec<LevelRow> {
    let mut out = Vec::new();
    push_rows(nodes, 0, &mut out);
    out
}

fn push_rows(nodes: &[Node], depth: usize, out: &mut Vec<LevelRow>) {
    for n in nodes {
        out.push(LevelRow {
            depth,
            label: n.label.clone(),
            figures: n.figures,
            is_sum: !n.children.is_empty(),
        });
        push_rows(&n.children, depth + 1, out);
    }
}

/// The sum of the top level.
pub fn total(nodes: &[Node]) -> Figures {
    nodes
        .iter()
        .fold(Figures::default(), |acc, n| acc.plus(&n.figures))
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
        let t = tree([
            (path(&["HSF", "Akut", "Kirurgi"]), f(-5)),
            (path(&["HSF", "Nära", "VC"]), f(-2)),
            (path(&["HSF", "Akut", "Ortopedi"]), f(-3)),
            (path(&["Regionservice", "IT", "Drift"]), f(1)),
        ]);
        let r = rows(&t);
        let labels: Vec<(usize, &str, bool)> = r
            .iter()
            .map(|x| (x.depth, x.label.as_str(), x.is_sum))
            .collect();
        assert_eq!(
            labels,
            [
                (0, "HSF", true),
                (1, "Akut", true),
                (2, "Kirurgi", false),
                (2, "Ortopedi", false),
                (1, "Nära", true),
                (2, "VC", false),
                (0, "Regionservice", true),
                (1, "IT", true),
                (2, "Drift", false),
            ]
        );
        assert_eq!(r[0].figures.ack_utfall, d(-10));
        assert_eq!(r[1].figures.ack_utfall, d(-8));
        assert_eq!(total(&t).ack_utfall, d(-9));
    }
}
