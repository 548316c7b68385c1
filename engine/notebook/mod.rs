//! PARSE: a Markdown notebook as front matter, cells, inline expressions and a prose template.
//!
//! Parsing never fails: problems (bad front matter, an unknown cell flag, an unclosed
//! `{{`) become diagnostics on the notebook, and the rest still runs and renders.

mod front;
mod inline;
mod parse;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diag::Diagnostic;

pub use parse::parse;

/// Marks a placeholder in the template: `\u{E000}B3\u{E001}` is the output of item 3 as a block,
/// `\u{E000}I4\u{E001}` item 4 inline. Private-use characters are plain text to Markdown.
pub const PLACEHOLDER_OPEN: char = '\u{E000}';
pub const PLACEHOLDER_CLOSE: char = '\u{E001}';

/// A parsed notebook.
#[derive(Debug, Clone)]
pub struct Notebook {
    /// The path diagnostics name (as the user knows it).
    pub path: PathBuf,
    pub front: FrontMatter,
    /// Cells and inline expressions in document order; this is the order they run in.
    pub items: Vec<Item>,
    /// The prose as Markdown, with each item replaced by its placeholder.
    pub template: String,
    /// Problems found while parsing.
    pub diagnostics: Vec<Diagnostic>,
}

/// The optional TOML front matter between two `+++` lines.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub params: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Cell(Cell),
    Inline(InlineExpr),
}

impl Item {
    /// Notebook line where the item's code starts.
    pub fn line(&self) -> usize {
        match self {
            Item::Cell(c) => c.line,
            Item::Inline(e) => e.line,
        }
    }

    pub fn source(&self) -> &str {
        match self {
            Item::Cell(c) => &c.code,
            Item::Inline(e) => &e.source,
        }
    }
}

/// A fenced ```` ```rhai ```` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub code: String,
    pub flags: CellFlags,
    /// Notebook line of the opening fence.
    pub fence_line: usize,
    /// Notebook line of the code's first line.
    pub line: usize,
    /// Columns the code is indented by in the notebook (inside a list, say).
    pub indent: usize,
    /// False when the fence is never closed; such a cell is reported and not run.
    pub closed: bool,
}

/// Flags after `rhai` in the info string.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellFlags {
    /// Show the code above its output.
    pub echo: bool,
    /// Run, but show nothing (errors still show).
    pub hide: bool,
}

/// An inline `{{ expr }}` in prose.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineExpr {
    /// The expression between the braces, untrimmed, so positions stay exact.
    pub source: String,
    /// Notebook line and column (1-based, characters) of the expression's first character.
    pub line: usize,
    pub col: usize,
}

/// Prose's own private-use characters, escaped so the template never mistakes them for a
/// placeholder: `\u{E000}` becomes `\u{E000}E0\u{E001}`, `\u{E001}` becomes `\u{E000}E1\u{E001}`,
/// and rendering puts the character back.
pub fn push_prose(template: &mut String, prose: &str) {
    let mut rest = prose;
    while let Some(at) = rest.find([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE]) {
        template.push_str(&rest[..at]);
        push_escape(template, rest[at..].starts_with(PLACEHOLDER_CLOSE));
        rest = &rest[at + PLACEHOLDER_OPEN.len_utf8()..];
    }
    template.push_str(rest);
}

/// The escape standing for a placeholder character the prose wrote.
pub fn push_escape(template: &mut String, closing: bool) {
    template.push(PLACEHOLDER_OPEN);
    template.push('E');
    template.push(if closing { '1' } else { '0' });
    template.push(PLACEHOLDER_CLOSE);
}

/// The placeholder text standing for item `index`.
pub fn placeholder(block: bool, index: usize) -> String {
    let kind = if block { 'B' } else { 'I' };
    format!("{PLACEHOLDER_OPEN}{kind}{index}{PLACEHOLDER_CLOSE}")
}

/// Whether `text` starts with a cell's (block) placeholder, as [`placeholder`] writes it.
pub fn starts_with_block_placeholder(text: &str) -> bool {
    text.strip_prefix(PLACEHOLDER_OPEN)
        .is_some_and(|rest| rest.starts_with('B'))
}
