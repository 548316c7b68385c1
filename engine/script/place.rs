//! Where an item's code sits in the notebook: each cell and inline value is compiled on its
//! own (no padding for the text above it, which made a notebook's cost grow with the square
//! of its length), and the positions Rhai reports are moved to the notebook's lines here.

use std::collections::HashMap;
use std::sync::Arc;

use rhai::{AST, EvalAltResult};

use super::error::ScriptError;

/// How far an item's own positions are from the notebook's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shift {
    /// Lines above the item's first line.
    pub lines: usize,
    /// Columns added on every line (a cell indented in a list or quote).
    pub cols: usize,
    /// Columns added on the first line only (an inline value inside a sentence).
    pub first_line_cols: usize,
}

impl Shift {
    /// A cell whose code starts on notebook line `line`, indented `indent` columns.
    pub fn cell(line: usize, indent: usize) -> Shift {
        Shift {
            lines: line.saturating_sub(1),
            cols: indent,
            first_line_cols: 0,
        }
    }

    /// An inline value whose source starts at `line`, `col`.
    pub fn inline(line: usize, col: usize) -> Shift {
        Shift {
            lines: line.saturating_sub(1),
            cols: 0,
            first_line_cols: col.saturating_sub(1),
        }
    }

    /// `e`, which points into the item's own code, moved to the notebook's position.
    pub fn apply(self, mut e: ScriptError) -> ScriptError {
        if e.line == 0 {
            return e;
        }
        if e.col > 0 {
            e.col += self.cols + if e.line == 1 { self.first_line_cols } else { 0 };
        }
        e.line += self.lines;
        e
    }
}

/// Where each function defined by the notebook's cells was defined, by name (closures
/// included, under the names Rhai gives them).
#[derive(Debug, Clone, Default)]
pub struct FunctionPlaces(Arc<HashMap<String, Shift>>);

impl FunctionPlaces {
    /// Record the functions `ast` (compiled from the code at `shift`) defines.
    pub fn add(&mut self, ast: &AST, shift: Shift) {
        let mut names = ast.iter_functions().map(|f| f.name.to_string()).peekable();
        if names.peek().is_none() {
            return;
        }
        let map = Arc::make_mut(&mut self.0);
        for name in names {
            map.insert(name, shift);
        }
    }

    /// The shift of the code the error's position points into. An error inside a function
    /// defined in the notebook is reported inside that function (see
    /// `error::from_eval`), whose cell may be another than the running item's.
    pub fn shift_of(&self, err: &EvalAltResult, running: Shift) -> Shift {
        match err {
            EvalAltResult::ErrorInFunctionCall(name, source, inner, _)
                if source.is_empty() && !inner.position().is_none() =>
            {
                let defined = self.0.get(name.as_str()).copied().unwrap_or(running);
                self.shift_of(inner, defined)
            }
            _ => running,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_shift_every_line_and_inline_values_the_first() {
        let e = ScriptError::new(2, 5, "x");
        let moved = Shift::cell(10, 2).apply(e.clone());
        assert_eq!((moved.line, moved.col), (11, 7));
        let moved = Shift::inline(7, 20).apply(ScriptError::new(1, 3, "x"));
        assert_eq!((moved.line, moved.col), (7, 22));
        let moved = Shift::inline(7, 20).apply(e);
        assert_eq!((moved.line, moved.col), (8, 5));
        let unknown = Shift::cell(10, 2).apply(ScriptError::new(0, 0, "x"));
        assert_eq!((unknown.line, unknown.col), (0, 0));
    }
}
