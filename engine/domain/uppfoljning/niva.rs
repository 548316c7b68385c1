//! Budget deviation per organisational level, and the region's result (nettokostnader per
//! nämnd, skatteintäkter and statsbidrag, finansnetto).

use std::collections::HashMap;

use super::{FigureRow, Organisation, decided_by, figures_by, level_table, sum_rows};
use crate::domain::ekonomi::nivaer;
use crate::domain::long::{Figures, Layout};
use crate::domain::rapport::{self, RowSpec, rader};
use crate::period::Period;
use crate::table::{RowKind, Table, TableResult};

/// The table of [`per_level`]'s `rows` (a label column named after the first level), with
/// the sum row labelled `summary` when given; or, with `specs`, the declared rows, each
/// adding up the level's values it lists (one level only).
pub fn level_report(
    levels: &[String],
    mut rows: Vec<FigureRow>,
    specs: Option<&[RowSpec]>,
    summary: Option<String>,
    shown: &rapport::Layout,
) -> TableResult<Table> {
    let Some(first) = levels.first() else {
        return Err("ange en eller två nivåer, t.ex. \"forvaltning\"".into());
    };
    if let Some(specs) = specs {
        if levels.len() > 1 {
            return Err(
                "`rader` fungerar med en nivå: ange `niva` som en kolumn, t.ex. \"omrade\", \
                 och skriv områdena i raddeklarationens kolumn `poster`"
                    .into(),
            );
        }
        let by_label: HashMap<&str, (Figures, Figures)> = rows
            .iter()
            .filter(|r| r.kind == RowKind::Data)
            .map(|r| (r.label.as_str(), (r.figures, r.month)))
            .collect();
        let declared = rader::evaluate(specs, |k| by_label.get(k).copied())?;
        return rapport::table(first, &declared, shown);
    }
    if let (Some(label), Some(last)) = (summary, rows.last_mut()) {
        last.label = label;
    }
    level_table(first, &rows, shown)
}

/// The label of the sum row under the units.
pub const NET_COSTS: &str = "Verksamhetens nettokostnader";

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

/// Rows per level value at `period`, with a parent/child hierarchy when more levels are
/// given (units in the organisation table's order), and the sum row: the levels come from the
/// organisation table, then it is the same computation as `budgetavvikelse`'s
/// ([`nivaer::deviation`]).
pub fn per_level(
    t: &Table,
    layout: &Layout,
    org: &Organisation,
    period: Period,
    query: &LevelQuery,
) -> TableResult<Vec<FigureRow>> {
    if query.levels.is_empty() {
        return Err("ange en eller två nivåer, t.ex. \"forvaltning\"".into());
    }
    for level in &query.levels {
        org.check_level(level)?;
    }
    for (level, _) in &query.selection {
        org.check_level(level)?;
    }
    let rows = layout.rows(t)?;
    let decided = decided_by(t, period)?;
    // Look every unit up once (an unknown unit is an error, not a silent gap), so each row
    // costs one hash lookup: its path (the levels' values top-down, stopping at the first
    // empty one; none without a top value) as a number.
    let mut units: HashMap<&str, Option<usize>> = HashMap::new();
    let mut paths: Vec<Vec<String>> = Vec::new();
    let mut ids: HashMap<Vec<String>, usize> = HashMap::new();
    for unit in rows.enhet.iter().flatten() {
        if units.contains_key(unit.as_ref()) {
            continue;
        }
        let id = unit_path(org, unit, query)?.map(|p| {
            *ids.entry(p.clone()).or_insert_with(|| {
                paths.push(p);
                paths.len() - 1
            })
        });
        units.insert(unit.as_ref(), id);
    }
    let counted: Vec<Option<usize>> = (0..rows.len())
        .map(|r| {
            let id = (*units.get(rows.enhet.str(r)?)?)?;
            let post = rows.post.str(r).unwrap_or("");
            (decided[r] && !query.exclude_posts.iter().any(|p| p == post)).then_some(id)
        })
        .collect();
    // The order: each path prefix ranks by the first organisation row (of a unit in the
    // ledger) that has it, so units follow the organisation table as the report lists them.
    let first = &org.table.columns[0].values;
    let mut rank: HashMap<Vec<String>, usize> = HashMap::new();
    for row in 0..org.table.len() {
        let unit = first.get(row).label();
        if let Some(Some(id)) = units.get(unit.as_str()) {
            let path = &paths[*id];
            for k in 1..=path.len() {
                let next = rank.len();
                rank.entry(path[..k].to_vec()).or_insert(next);
            }
        }
    }
    let mut ordered: Vec<(usize, Vec<String>)> = paths.into_iter().enumerate().collect();
    ordered.sort_by_cached_key(|(_, p)| {
        (1..=p.len())
            .map(|k| rank.get(&p[..k]).copied().unwrap_or(usize::MAX))
            .collect::<Vec<usize>>()
    });
    let laid_out = nivaer::deviation(
        &rows,
        period,
        |r| counted[r],
        ordered,
        query.levels.len(),
        NET_COSTS,
    )?;
    Ok(laid_out.into_iter().map(|r| r.row).collect())
}

/// A unit's path through the levels, or `None` when it is not selected or has no top value.
fn unit_path(
    org: &Organisation,
    unit: &str,
    query: &LevelQuery,
) -> TableResult<Option<Vec<String>>> {
    for (level, wanted) in &query.selection {
        if org.level_of(unit, level)?.as_deref() != Some(wanted.as_str()) {
            return Ok(None);
        }
    }
    let mut path = Vec::with_capacity(query.levels.len());
    for level in &query.levels {
        match org.level_of(unit, level)? {
            Some(v) => path.push(v),
            None => break,
        }
    }
    Ok((!path.is_empty()).then_some(path))
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
        let post = rows.post.str(r)?;
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
        let (figures, month) = sum_rows(parts.iter().copied(), label)?;
        TableResult::Ok(FigureRow {
            label: label.into(),
            kind,
            figures,
            month,
        })
    };
    let taxes_sum = subtotal(
        "Summa skatter och statsbidrag",
        &taxes.iter().collect::<Vec<_>>(),
        RowKind::Subtotal,
    )?;
    let net = net.ok_or("ingen nettokostnad")?;
    let operations = subtotal(
        "Verksamhetens resultat",
        &[&net, &taxes_sum],
        RowKind::Subtotal,
    )?;
    let financial_sum = subtotal(
        "Summa finansnetto",
        &financial.iter().collect::<Vec<_>>(),
        RowKind::Subtotal,
    )?;
    let total = subtotal("Resultat", &[&operations, &financial_sum], RowKind::Total)?;
    out.extend(taxes);
    out.push(taxes_sum);
    out.push(operations);
    out.extend(financial);
    out.push(financial_sum);
    out.push(total);
    Ok(out)
}
