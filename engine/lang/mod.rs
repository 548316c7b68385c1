//! LANGUAGE SERVICE: completion, hover and diagnostics for a notebook being written.
//!
//! Everything here is a plain function of the book, the notebook's current text and a
//! position, with no HTTP in it: the browser editor (`serve`) calls it today, and a
//! Language Server front-end for desktop editors could call it the same way. Positions are
//! 1-based lines and columns counted in characters, like every [`crate::diag::Diagnostic`].

pub mod catalog;
mod complete;
pub mod datafiles;
mod diagnose;
mod hover;
mod lex;
mod names;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::Serialize;

use crate::book::Book;
use crate::script::DataCache;

pub use catalog::{Catalog, Function};
pub use diagnose::{Drafts, Problem};
pub use names::Names;

/// A place in the notebook's text: 1-based line, 1-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    pub label: String,
    /// `function`, `variable`, `column`, `property` (an option key), `file` or `keyword`.
    pub kind: &'static str,
    /// The signature, the column's type or where the name comes from.
    pub detail: String,
    /// The reference's description (Swedish), if any.
    pub info: String,
}

/// Suggestions for the text from `from` to the cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completions {
    pub from: Position,
    pub items: Vec<Completion>,
}

/// What hovering shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hover {
    /// The span the text is about (same line).
    pub from: Position,
    pub to: Position,
    pub text: String,
}

/// A data file's columns (name, Swedish type), as of its modification time.
type Columns = (Option<SystemTime>, Vec<(String, String)>);

/// The book as the language service sees it: what can be called and where data lives.
/// Made once per book load; cheap to share.
pub struct Service {
    pub catalog: Catalog,
    pub book: Book,
    pub data_cache: Arc<DataCache>,
    pub cli_params: Vec<(String, String)>,
    /// Column names and types per data file, until the file changes.
    columns: Mutex<HashMap<PathBuf, Columns>>,
}

impl Service {
    pub fn new(
        book: Book,
        data_cache: Arc<DataCache>,
        cli_params: Vec<(String, String)>,
    ) -> Service {
        Service {
            catalog: Catalog::new(&book.plugins),
            book,
            data_cache,
            cli_params,
            columns: Mutex::default(),
        }
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.book.data_dir
    }

    /// Column names and Swedish types of a data file (empty when it cannot be read).
    pub fn columns_of(&self, file: &str) -> Vec<(String, String)> {
        let path = self.book.data_dir.join(file);
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        if let Ok(cache) = self.columns.lock()
            && let Some((m, cols)) = cache.get(&path)
            && *m == modified
            && modified.is_some()
        {
            return cols.clone();
        }
        let cols = datafiles::preview(&self.book.data_dir, file, 200)
            .map(|p| p.columns)
            .unwrap_or_default();
        if let Ok(mut cache) = self.columns.lock() {
            cache.insert(path, (modified, cols.clone()));
        }
        cols
    }

    /// Suggestions at `at` in `text`.
    pub fn complete(&self, text: &str, at: Position) -> Completions {
        complete::complete(self, text, at)
    }

    /// The reference entry of the function under `at`, if any.
    pub fn hover_function(&self, text: &str, at: Position) -> Option<Hover> {
        hover::function(self, text, at)
    }
}

/// The characters of line `line` (1-based) of `text`, or "".
pub(crate) fn line_of(text: &str, line: usize) -> &str {
    text.split('\n')
        .nth(line.saturating_sub(1))
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or("")
}

/// The first `col - 1` characters of `line` (what lies before a cursor at `col`).
pub(crate) fn before_col(line: &str, col: usize) -> &str {
    match line.char_indices().nth(col.saturating_sub(1)) {
        Some((i, _)) => &line[..i],
        None => line,
    }
}
