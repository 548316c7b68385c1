//! The document model a notebook becomes before it is Word: blocks and runs of text.

/// A block of the document body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 0 is the document title (style Title); 1–3 are Heading 1–3.
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// A list: each item is its blocks (the first paragraph carries the bullet or number).
    List {
        ordered: bool,
        start: usize,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    /// Code as written (echo cells, fenced code): one line per line.
    Code(String),
    Table(Table),
    Image(Image),
    /// A failed cell or a notebook problem: kept visible in the document.
    Error(Vec<Inline>),
    /// A small note under a table or chart (`Källa: …`, the legend of deviation marks).
    Note(Vec<Inline>),
    Rule,
}

/// A run of inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String, Style),
    /// An external link (`https://…`, `mailto:`).
    Link(String, Vec<Inline>),
    /// A footnote reference by its definition's name.
    Footnote(String),
    Break,
}

/// Character formatting of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
}

/// A table with its caption; every cell is already text as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: Option<Vec<Inline>>,
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Sum rows are bold.
    pub bold: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub content: Vec<Inline>,
    pub align: Align,
    /// A "varav" row's label cell: indented.
    pub indent: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// A raster picture (a chart drawn to PNG) with its alternative text.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub png: Vec<u8>,
    /// Pixel size of the PNG as it should appear at 96 dpi.
    pub width_px: u32,
    pub height_px: u32,
    /// The alt text's title (the chart's title) and description (what it shows).
    pub title: String,
    pub description: String,
    /// The caption under the picture (`Figur n: …`).
    pub caption: Option<String>,
}

/// Plain text as one unformatted run.
pub fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into(), Style::default())
}

/// Plain text as one bold run.
pub fn bold(s: impl Into<String>) -> Inline {
    Inline::Text(
        s.into(),
        Style {
            bold: true,
            ..Style::default()
        },
    )
}

/// The visible text of runs (footnote marks left out).
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text(t, _) => out.push_str(t),
            Inline::Link(_, inner) => out.push_str(&plain(inner)),
            Inline::Break => out.push(' '),
            Inline::Footnote(_) => {}
        }
    }
    out
}
