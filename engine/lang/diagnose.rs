//! Diagnostics while typing: the unsaved text parsed and run (incrementally, apart from the
//! preview's own run), every problem at its line and column; and the values of inline
//! expressions from that run, for hover.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::{Hover, Position, Service};
use crate::book::merge_params;
use crate::notebook::{Item, parse};
use crate::render::html::text_content;
use crate::script::output::inline_html;
use crate::script::{RunCache, RunContext, run_incremental};

/// One problem in the text being written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// A consequence of an earlier error ("följdfel"), not a separate one.
    pub consequence: bool,
}

/// The drafts being written, one per notebook: each with its own run cache, so typing
/// re-runs only the cells from the edit down, and the preview's cache is left alone.
#[derive(Default)]
pub struct Drafts {
    notebooks: HashMap<PathBuf, Draft>,
}

#[derive(Default)]
struct Draft {
    cache: RunCache,
    text: String,
    problems: Vec<Problem>,
    /// Each inline expression's place, length in characters and value as text.
    inline: Vec<(Position, usize, String)>,
}

impl Drafts {
    /// Parse and run `text` (the notebook `rel` below the book's source folder, unsaved) and
    /// return its problems, first to last.
    pub fn diagnose(&mut self, service: &Service, rel: &Path, text: &str) -> Vec<Problem> {
        let draft = self.notebooks.entry(rel.to_path_buf()).or_default();
        if draft.text == text && !text.is_empty() {
            return draft.problems.clone();
        }
        let book = &service.book;
        let display = book
            .src_dir
            .join(rel)
            .strip_prefix(&book.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| rel.to_path_buf());
        let nb = parse(&display, text);
        let ctx = RunContext {
            data_dir: book.data_dir.clone(),
            params: merge_params([&book.config.params, &nb.front.params], &service.cli_params),
            limits: book.config.limits.clone(),
            plugins: Arc::clone(&book.plugins),
            data_cache: Arc::clone(&service.data_cache),
            // Unsaved text reads snapshots only: a query runs when the notebook is saved.
            sources: Arc::new(crate::source::Sources::offline(
                &book.config.sources,
                &book.data_dir,
            )),
        };
        let (run, _) = run_incremental(&nb, &ctx, &mut draft.cache);
        let mut problems: Vec<Problem> = Vec::new();
        for d in &run.diagnostics {
            let p = Problem {
                line: d.line,
                col: d.col,
                message: d.message.clone(),
                hint: d.hint.clone(),
                consequence: false,
            };
            if !problems.contains(&p) {
                problems.push(p);
            }
        }
        // The run's diagnostics are the root errors; an error that only follows from one of
        // them is shown too, marked as its följdfel and pointing at the root.
        for result in &run.items {
            if let Err(e) = &result.value
                && let Some(root) = &e.root
            {
                problems.push(Problem {
                    line: e.line,
                    col: e.col,
                    message: e.message.clone(),
                    hint: Some(format!(
                        "följdfel: `{}` skulle ha skapats på rad {}, som misslyckades",
                        root.name, root.line
                    )),
                    consequence: true,
                });
            }
        }
        problems.sort_by_key(|p| (p.line, p.col));
        draft.inline = nb
            .items
            .iter()
            .zip(&run.items)
            .filter_map(|(item, result)| match item {
                Item::Inline(e) => {
                    let value = match &result.value {
                        Ok(v) => text_content(&inline_html(v, false)),
                        Err(e) => format!("Fel: {}", e.message),
                    };
                    let at = Position {
                        line: e.line,
                        col: e.col,
                    };
                    Some((at, e.source.chars().count(), value))
                }
                Item::Cell(_) => None,
            })
            .collect();
        draft.text = text.to_string();
        draft.problems = problems.clone();
        problems
    }

    /// The current value of the inline `{{ }}` under `at`, running the text if it changed.
    pub fn inline_value(
        &mut self,
        service: &Service,
        rel: &Path,
        text: &str,
        at: Position,
    ) -> Option<Hover> {
        self.diagnose(service, rel, text);
        let draft = self.notebooks.get(rel)?;
        let (pos, len, value) = draft.inline.iter().find(|(p, len, _)| {
            p.line == at.line && at.col + 2 >= p.col && at.col <= p.col + len + 2
        })?;
        Some(Hover {
            from: Position {
                line: pos.line,
                col: pos.col.saturating_sub(2),
            },
            to: Position {
                line: pos.line,
                col: pos.col + len + 2,
            },
            text: format!("Värde nu: {value}"),
        })
    }
}
