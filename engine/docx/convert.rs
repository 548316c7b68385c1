//! A run notebook as document blocks: its Markdown tree (comrak) walked once, each cell's
//! placeholder replaced by what the cell made (tables as tables, charts as pictures).

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, parse_document};

use super::model::{Align, Block, Cell, Inline, Row, Style, Table, text};
use super::values;
use crate::markdown;
use crate::notebook::{Item, Notebook, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};
use crate::script::RunOutput;

/// A notebook's blocks and the footnotes they refer to.
#[derive(Debug, Default)]
pub struct Converted {
    pub blocks: Vec<Block>,
    /// (name, content), names unique in the document.
    pub footnotes: Vec<(String, Vec<Block>)>,
}

/// Convert `nb` with its results; `key` makes its footnote names unique in a document of
/// several notebooks.
pub fn notebook(nb: &Notebook, run: &RunOutput, allow_html: bool, key: &str) -> Converted {
    let mut walker = Walker {
        source: Some((nb, run)),
        allow_html,
        key: key.to_string(),
        footnotes: Vec::new(),
    };
    let mut blocks = Vec::new();
    if !nb.diagnostics.is_empty() {
        blocks.push(values::problems_box(&nb.diagnostics));
    } else if nb.template.trim().is_empty() && !run.diagnostics.is_empty() {
        // Nothing ran (the notebook could not be built): its errors stand in for it.
        blocks.push(values::problems_box(&run.diagnostics));
    }
    blocks.extend(walker.markdown(&nb.template));
    Converted {
        blocks,
        footnotes: walker.footnotes,
    }
}

/// Markdown written by a cell (a string value) as blocks.
pub fn markdown_blocks(md: &str, allow_html: bool) -> Vec<Block> {
    Walker {
        source: None,
        allow_html,
        key: String::new(),
        footnotes: Vec::new(),
    }
    .markdown(md)
}

/// Markdown meant to stand inside a sentence as runs (a single paragraph's content).
pub fn markdown_inlines(md: &str, allow_html: bool, style: Style) -> Vec<Inline> {
    let blocks = markdown_blocks(md, allow_html);
    match blocks.as_slice() {
        [] => Vec::new(),
        [Block::Paragraph(runs)] => restyle(runs.clone(), style),
        _ => vec![Inline::Text(md.to_string(), style)],
    }
}

/// `runs` with `style` added to their own.
fn restyle(runs: Vec<Inline>, style: Style) -> Vec<Inline> {
    runs.into_iter()
        .map(|r| match r {
            Inline::Text(t, s) => Inline::Text(
                t,
                Style {
                    bold: s.bold || style.bold,
                    italic: s.italic || style.italic,
                    strike: s.strike || style.strike,
                    code: s.code || style.code,
                },
            ),
            Inline::Link(url, inner) => Inline::Link(url, restyle(inner, style)),
            other => other,
        })
        .collect()
}

struct Walker<'n> {
    /// The notebook and run whose placeholders the text holds (none for a cell's Markdown).
    source: Option<(&'n Notebook, &'n RunOutput)>,
    allow_html: bool,
    key: String,
    footnotes: Vec<(String, Vec<Block>)>,
}

impl Walker<'_> {
    fn markdown(&mut self, md: &str) -> Vec<Block> {
        let arena = Arena::new();
        let root = parse_document(&arena, md, &markdown::options(self.allow_html));
        self.children(root)
    }

    fn children<'a>(&mut self, node: &'a AstNode<'a>) -> Vec<Block> {
        let mut out = Vec::new();
        for child in node.children() {
            self.block(child, &mut out);
        }
        out
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>, out: &mut Vec<Block>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Paragraph => {
                if let Some(index) = self.lone_placeholder(node) {
                    out.extend(self.cell(index));
                    return;
                }
                let runs = self.inlines(node, Style::default());
                if !runs.is_empty() {
                    out.push(Block::Paragraph(runs));
                }
            }
            NodeValue::Heading(h) => {
                out.push(Block::Heading(
                    h.level.clamp(1, 3),
                    self.inlines(node, Style::default()),
                ));
            }
            NodeValue::List(list) => {
                let items = node.children().map(|item| self.children(item)).collect();
                out.push(Block::List {
                    ordered: list.list_type == ListType::Ordered,
                    start: list.start.max(1),
                    items,
                });
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                out.push(Block::Quote(self.children(node)));
            }
            NodeValue::CodeBlock(code) => {
                out.push(Block::Code(code.literal.trim_end_matches('\n').to_string()));
            }
            NodeValue::HtmlBlock(html) => {
                // Escaped on the page unless the book allows HTML; in Word it is text either way.
                let shown = if self.allow_html {
                    crate::render::html::text_content(&html.literal)
                } else {
                    html.literal.clone()
                };
                if !shown.trim().is_empty() {
                    out.push(Block::Paragraph(vec![text(shown.trim())]));
                }
            }
            NodeValue::ThematicBreak => out.push(Block::Rule),
            NodeValue::FootnoteDefinition(def) => {
                let blocks = self.children(node);
                let name = format!("{}{}", self.key, def.name);
                self.footnotes.push((name, blocks));
            }
            NodeValue::Table(table) => {
                let caption = take_caption(out);
                out.push(Block::Table(self.table(node, &table.alignments, caption)));
            }
            _ => out.extend(self.children(node)),
        }
    }

    /// A GFM table: the first row is the header.
    fn table<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        alignments: &[TableAlignment],
        caption: Option<Vec<Inline>>,
    ) -> Table {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for row in node.children() {
            let is_header = matches!(row.data().value, NodeValue::TableRow(true));
            let cells: Vec<Cell> = row
                .children()
                .enumerate()
                .map(|(i, cell)| Cell {
                    content: self.inlines(cell, Style::default()),
                    align: match alignments.get(i) {
                        Some(TableAlignment::Right) => Align::Right,
                        Some(TableAlignment::Center) => Align::Center,
                        _ => Align::Left,
                    },
                    indent: false,
                })
                .collect();
            if is_header {
                header = cells;
            } else {
                rows.push(Row { bold: false, cells });
            }
        }
        Table {
            caption,
            header,
            rows,
        }
    }

    fn inlines<'a>(&mut self, node: &'a AstNode<'a>, style: Style) -> Vec<Inline> {
        let mut out = Vec::new();
        for child in node.children() {
            self.inline(child, style, &mut out);
        }
        out
    }

    fn inline<'a>(&mut self, node: &'a AstNode<'a>, style: Style, out: &mut Vec<Inline>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Text(t) => self.text(&t, style, out),
            NodeValue::SoftBreak => out.push(Inline::Text(" ".into(), style)),
            NodeValue::LineBreak => out.push(Inline::Break),
            NodeValue::Code(code) => out.push(Inline::Text(
                code.literal,
                Style {
                    code: true,
                    ..style
                },
            )),
            NodeValue::Emph => {
                let s = Style {
                    italic: true,
                    ..style
                };
                out.extend(self.inlines(node, s));
            }
            NodeValue::Strong => {
                let s = Style {
                    bold: true,
                    ..style
                };
                out.extend(self.inlines(node, s));
            }
            NodeValue::Strikethrough => {
                let s = Style {
                    strike: true,
                    ..style
                };
                out.extend(self.inlines(node, s));
            }
            NodeValue::Link(link) => {
                let inner = self.inlines(node, style);
                if is_external(&link.url) {
                    out.push(Inline::Link(link.url.clone(), inner));
                } else {
                    // Links between notebooks point at pages of the site: the text stays.
                    out.extend(inner);
                }
            }
            NodeValue::FootnoteReference(r) => {
                out.push(Inline::Footnote(format!("{}{}", self.key, r.name)));
            }
            NodeValue::HtmlInline(html) if !self.allow_html => {
                out.push(Inline::Text(html, style));
            }
            NodeValue::HtmlInline(_) | NodeValue::Raw(_) => {}
            _ => out.extend(self.inlines(node, style)),
        }
    }

    /// Text with inline placeholders replaced by their values.
    fn text(&mut self, t: &str, style: Style, out: &mut Vec<Inline>) {
        let mut rest = t;
        while let Some(open) = rest.find(PLACEHOLDER_OPEN) {
            let after = open + PLACEHOLDER_OPEN.len_utf8();
            let Some(close) = rest[after..].find(PLACEHOLDER_CLOSE) else {
                break;
            };
            let tag = &rest[after..after + close];
            if open > 0 {
                out.push(Inline::Text(rest[..open].to_string(), style));
            }
            match (
                tag.get(1..).and_then(|i| i.parse::<usize>().ok()),
                self.source,
            ) {
                (Some(i), Some((nb, run))) => match (nb.items.get(i), run.items.get(i)) {
                    (Some(Item::Inline(expr)), Some(result)) => {
                        out.extend(values::inline_runs(expr, result, self.allow_html, style));
                    }
                    (Some(Item::Cell(cell)), Some(result)) => {
                        // A cell inside a sentence (rare): its value as text.
                        out.extend(values::cell_runs(cell, result, self.allow_html, style));
                    }
                    _ => {}
                },
                _ => out.push(Inline::Text(tag.to_string(), style)),
            }
            rest = &rest[after + close + PLACEHOLDER_CLOSE.len_utf8()..];
        }
        if !rest.is_empty() {
            out.push(Inline::Text(rest.to_string(), style));
        }
    }

    /// The item index of a paragraph that is nothing but a block placeholder.
    fn lone_placeholder<'a>(&self, node: &'a AstNode<'a>) -> Option<usize> {
        self.source?;
        let mut children = node.children();
        let only = children.next()?;
        if children.next().is_some() {
            return None;
        }
        let data = only.data();
        let NodeValue::Text(t) = &data.value else {
            return None;
        };
        let inner = t
            .trim()
            .strip_prefix(PLACEHOLDER_OPEN)?
            .strip_suffix(PLACEHOLDER_CLOSE)?
            .strip_prefix('B')?;
        inner.parse().ok()
    }

    /// What cell `index` shows.
    fn cell(&mut self, index: usize) -> Vec<Block> {
        let Some((nb, run)) = self.source else {
            return Vec::new();
        };
        match (nb.items.get(index), run.items.get(index)) {
            (Some(Item::Cell(cell)), Some(result)) => {
                values::cell_blocks(cell, result, self.allow_html)
            }
            (Some(Item::Inline(expr)), Some(result)) => vec![Block::Paragraph(
                values::inline_runs(expr, result, self.allow_html, Style::default()),
            )],
            _ => Vec::new(),
        }
    }
}

/// A paragraph `Tabell: …` right above a Markdown table is its caption.
fn take_caption(out: &mut Vec<Block>) -> Option<Vec<Inline>> {
    let Some(Block::Paragraph(runs)) = out.last() else {
        return None;
    };
    let Some(Inline::Text(first, style)) = runs.first() else {
        return None;
    };
    let rest = first.strip_prefix("Tabell: ")?.to_string();
    let mut caption = runs.clone();
    caption[0] = Inline::Text(rest, *style);
    out.pop();
    Some(caption)
}

/// A link Word can follow on its own: a web address or an e-mail address.
fn is_external(url: &str) -> bool {
    url.contains("://") || url.starts_with("mailto:")
}
