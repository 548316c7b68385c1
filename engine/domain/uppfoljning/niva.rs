//! Budget deviation per organisational level, and the region's result (nettokostnader per
//! nämnd, skatteintäkter and statsbidrag, finansnetto).

use std::collections::HashMap;
use std::hash::Hash;

use super::{FigureRow, Organisation, decided_by, figures_by, sum_rows};
use crate::domain::long::Layout;
use crate::period::Period;
use crate::table::{RowKind, Table, TableResult};

/// The label of the sum row under the units.
pub const NET_COSTS: &str = "Verksamhetens nettokostnader";

/// A unit's place in the organisation, looked up once per unit: its level value and its
/// (level, child level) pair as numbers, so grouping rows hashes a number, not text.
struct UnitLevels {
    keep: bool,
    top: Option<u32>,
    pair: Option<u32>,
}

/// The number of `key` in `ids`, a new one for a key not seen before.
fn intern<K: Hash + Eq>(ids: &mut HashMap<K, u32>, key: K) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(key).or_insert(next)
}

/// What a follow-up per level asks for.
#[derive(Debug, Clone, Default)]
pub struct LevelQuery {
    /// One level (`["forvaltning"]`) or a level with the one below it
    /// (`["verksamhetsomrade", "omrade"]`: each parent row followed by its children).
    pub levels: Vec<String>,
    /// Keep only units whose organisation row has these values (`namnd` = `Regionstyrelsen`).
    pub selection: Vec<(String, String)>,
    /// Posts left out (the region's financing lines when following up operations).
    pub exclude_posts: Vec<String>,
}

/// Rows per level value at `period`, with a parent/child hierarchy when two levels are given,
/// and the sum row.
pub fn per_level(
    t: &Table,
    layout: &Layout,
    org: &Organisation,
    period: Period,
    query: &LevelQuery,
) -> TableResult<Vec<FigureRow>> {
    let (top, child) = match query.levels.as_slice() {
        [top] => (top.as_str(), None),
        [top, child] => (top.as_str(), Some(child.as_str())),
        _ => return Err("ange en eller två nivåer, t.ex. \"forvaltning\"".into()),
    };
    org.check_level(top)?;
    if let Some(c) = child {
        org.check_level(c)?;
    }
    for (level, _) in &query.selection {
        org.check_level(level)?;
    }
    let rows = layout.rows(t)?;
    let decided = decided_by(t, period)?;
    // Look every unit up once (an unknown unit is an error, not a silent gap), so each row
    // costs one hash lookup.
    let mut units: HashMap<&str, UnitLevels> = HashMap::new();
    let mut top_ids: HashMap<String, u32> = HashMap::new();
    let mut pair_ids: HashMap<(String, String), u32> = HashMap::new();
    for unit in rows.enhet.iter().flatten() {
        if units.contains_key(unit.as_ref()) {
            continue;
        }
        let mut keep = true;
        for (level, wanted) in &query.selection {
            keep &= org.level_of(unit, level)?.as_deref() == Some(wanted.as_str());
        }
        let top_value = org.level_of(unit, top)?;
        let child_value = match child {
            Some(c) => org.level_of(unit, c)?,
            None => None,
        };
        let levels = UnitLevels {
            keep,
            top: top_value.clone().map(|v| intern(&mut top_ids, v)),
            // Keyed by parent and child, so a child name under two parents stays apart.
            pair: top_value
                .zip(child_value)
                .map(|pair| intern(&mut pair_ids, pair)),
        };
        units.insert(unit.as_ref(), levels);
    }
    // Each row's unit, if the row counts: one lookup per row for both groupings.
    let counted: Vec<Option<&UnitLevels>> = (0..rows.len())
        .map(|r| {
            let levels = units.get(rows.enhet[r].as_deref()?)?;
            let post = rows.post[r].as_deref().unwrap_or("");
            (decided[r] && levels.keep && !query.exclude_posts.iter().any(|p| p == post))
                .then_some(levels)
        })
        .collect();
    let keep = |unit: &str| units.get(unit).is_some_and(|l| l.keep);
    let tops = figures_by(&rows, period, |r| counted[r]?.top)?;
    let children = match child {
        Some(_) => figures_by(&rows, period, |r| counted[r]?.pair)?,
        None => HashMap::new(),
    };
    let mut out = Vec::new();
    for name in org.order(top, keep)? {
        let found = top_ids.get(name.as_str()).and_then(|id| tops.get(id));
        let Some(&(figures, month)) = found else {
            continue;
        };
        out.push(FigureRow {
            label: name.clone(),
            kind: if child.is_some() {
                RowKind::Subtotal
            } else {
                RowKind::Data
            },
            figures,
            month,
        });
        if let Some(c) = child {
            for sub in org.order(c, |u| {
                keep(u) && org.level_of(u, top).ok().flatten().as_deref() == Some(name.as_str())
            })? {
                let pair = (name.clone(), sub.clone());
                if let Some(&(figures, month)) = pair_ids.get(&pair).and_then(|id| children.get(id))
                {
                    out.push(FigureRow {
                        label: sub,
                        kind: RowKind::Data,
                        figures,
                        month,
                    });
                }
            }
        }
    }
    let parents: Vec<&FigureRow> = out
        .iter()
        .filter(|r| child.is_none() || r.kind == RowKind::Subtotal)
        .collect();
    let (figures, month) = sum_rows(parents);
    out.push(FigureRow {
        label: NET_COSTS.into(),
        kind: RowKind::Total,
        figures,
        month,
    });
    Ok(out)
}

/// The region's financing lines: which posts are taxes and grants, and which are finansnetto.
#[derive(Debug, Clone)]
pub struct Financing {
    pub taxes: Vec<String>,
    pub financial: Vec<String>,
}

impl Default for Financing {
    fn default() -> Financing {
        Financing {
            taxes: vec!["Skatteintäkter".into(), "Generella statsbidrag".into()],
            financial: vec![
                "Finansiella likvidströmmar".into(),
                "Finansiella värderegleringar".into(),
            ],
        }
    }
}

/// The region's result: net costs per `level` (nämnd), their sum, taxes and grants, the
/// result of operations, finansnetto and the total.
pub fn region_result(
    t: &Table,
    layout: &Layout,
    org: &Organisation,
    period: Period,
    level: &str,
    financing: &Financing,
) -> TableResult<Vec<FigureRow>> {
    let mut exclude = financing.taxes.clone();
    exclude.extend(financing.financial.iter().cloned());
    let query = LevelQuery {
        levels: vec![level.to_string()],
        selection: Vec::new(),
        exclude_posts: exclude,
    };
    let mut out = per_level(t, layout, org, period, &query)?;
    if let Some(last) = out.last_mut() {
        last.kind = RowKind::Subtotal;
    }
    let net = out.last().cloned();
    let rows = layout.rows(t)?;
    let decided = decided_by(t, period)?;
    let by_post = figures_by(&rows, period, |r| {
        let post = rows.post[r].as_deref()?;
        (decided[r]
            && (financing.taxes.iter().any(|p| p == post)
                || financing.financial.iter().any(|p| p == post)))
        .then_some(post)
    })?;
    let line = |post: &String| {
        let (figures, month) = by_post.get(post.as_str()).copied().unwrap_or_default();
        FigureRow {
            label: post.clone(),
            kind: RowKind::Data,
            figures,
            month,
        }
    };
    let taxes: Vec<FigureRow> = financing.taxes.iter().map(line).collect();
    let financial: Vec<FigureRow> = financing.financial.iter().map(line).collect();
    let subtotal = |label: &str, parts: &[&FigureRow], kind: RowKind| {
        let (figures, month) = sum_rows(parts.iter().copied());
        FigureRow {
            label: label.into(),
            kind,
            figures,
            month,
        }
    };
    let taxes_sum = subtotal(
        "Summa skatter och statsbidrag",
        &taxes.iter().collect::<Vec<_>>(),
        RowKind::Subtotal,
    );
    let net = net.ok_or("ingen nettokostnad")?;
    let operations = subtotal(
        "Verksamhetens resultat",
        &[&net, &taxes_sum],
        RowKind::Subtotal,
    );
    let financial_sum = subtotal(
        "Summa finansnetto",
        &financial.iter().collect::<Vec<_>>(),
        RowKind::Subtotal,
    );
    let total = subtotal("Resultat", &[&operations, &financial_sum], RowKind::Total);
    out.extend(taxes);
    out.push(taxes_sum);
    out.push(operations);
    out.extend(financial);
    out.push(financial_sum);
    out.push(total);
    Ok(out)
}
