//! Consequential errors ("följdfel"): an item that fails only because an item above it
//! failed is linked to that first error, so it is reported once, with its root.
//!
//! The link is sound by construction: an item is a consequence when the name it reports
//! as unknown (a variable or a function) is one that a failed item above declares at its
//! top level (`let`, `const`, `fn`) and no item after it defined. Had the failed item run,
//! the name would exist. Consequences pass their own declarations on, so a chain of cells
//! all points to the first error.

use std::collections::HashMap;

use super::error::{Root, ScriptError};
use super::explain::declarations;
use super::run::ItemResult;
use crate::diag::Diagnostic;
use crate::notebook::{Item, Notebook};

/// Link every consequential error in `results` (one per item of `items`) to its root.
pub fn link(items: &[Item], results: &mut [ItemResult]) {
    // Names a failed item would have defined, with the first error behind each.
    let mut missing: HashMap<String, Root> = HashMap::new();
    for (item, result) in items.iter().zip(results.iter_mut()) {
        let declared = match item {
            Item::Cell(c) => declarations(&c.code),
            Item::Inline(_) => Vec::new(),
        };
        match &mut result.value {
            Ok(_) => {
                for (name, _, _) in declared {
                    missing.remove(&name);
                }
            }
            Err(e) => {
                e.root = e
                    .unknown
                    .as_ref()
                    .and_then(|u| missing.get(u.name()).map(|root| (u, root)))
                    .map(|(u, root)| {
                        Box::new(Root {
                            name: u.name().to_string(),
                            ..root.clone()
                        })
                    });
                let root = e.root.as_deref().cloned().unwrap_or_else(|| root_of(e));
                for (name, _, _) in declared {
                    missing.entry(name).or_insert_with(|| root.clone());
                }
            }
        }
    }
}

fn root_of(e: &ScriptError) -> Root {
    Root {
        line: e.line,
        col: e.col,
        message: e.message.clone(),
        name: String::new(),
    }
}

/// One diagnostic per root error (consequences are named in their root's hint, not
/// counted on their own). An unclosed cell is left out: the parser reports it.
pub fn diagnostics(notebook: &Notebook, results: &[ItemResult]) -> Vec<Diagnostic> {
    let errors: Vec<(&Item, &ScriptError)> = notebook
        .items
        .iter()
        .zip(results)
        .filter_map(|(item, r)| r.value.as_ref().err().map(|e| (item, e)))
        .collect();
    let mut out = Vec::new();
    for (item, e) in &errors {
        if e.root.is_some() || matches!(item, Item::Cell(c) if !c.closed) {
            continue;
        }
        let mut d = Diagnostic::new(&notebook.path, e.line, e.col, e.message.clone());
        d.hint = e.hint.clone();
        let follows: Vec<usize> = errors
            .iter()
            .filter_map(|(_, c)| c.root.as_ref().filter(|r| is_root(r, e)).map(|_| c.line))
            .collect();
        if !follows.is_empty() {
            let mut lines = follows.clone();
            lines.dedup();
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            let note = format!(
                "{} följdfel längre ned ({} {}) beror på detta fel och försvinner när det är rättat",
                follows.len(),
                if lines.len() == 1 { "rad" } else { "raderna" },
                lines.join(", ")
            );
            d.hint = Some(match d.hint {
                Some(h) => format!("{h}\n  {note}"),
                None => note,
            });
        }
        out.push(d);
    }
    out
}

fn is_root(root: &Root, e: &ScriptError) -> bool {
    root.line == e.line && root.col == e.col && root.message == e.message
}
