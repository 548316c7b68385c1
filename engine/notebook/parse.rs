//! Notebook source → `Notebook`: find cells with comrak, inline expressions with the scanner,
//! and build the template that rendering fills in.

use std::path::Path;

use comrak::Arena;
use comrak::nodes::NodeValue;

use super::{
    Cell, CellFlags, InlineExpr, Item, Notebook, front, inline, placeholder, push_escape,
    push_prose,
};
use crate::diag::{Diagnostic, line_col};
use crate::markdown;

/// A code block found by comrak, as byte range of whole lines in the masked source.
struct CodeBlock {
    range: std::ops::Range<usize>,
    /// The container prefix before the fence on its line (`"  "`, `"> "`, `"- "`).
    prefix: String,
    cell: Option<Cell>,
}

/// Parse a notebook. Never fails: problems are collected in `Notebook::diagnostics`.
pub fn parse(path: &Path, source: &str) -> Notebook {
    let mut diagnostics = Vec::new();
    let (front, front_len, front_diag) = front::split(source, path);
    diagnostics.extend(front_diag);

    // Mask the front matter with newlines so comrak's lines are the notebook's lines.
    // A byte-order mark is dropped at the start of the file only (front matter drops its own).
    let body = match front_len {
        0 => source.strip_prefix('\u{feff}').unwrap_or(source),
        _ => &source[front_len..],
    };
    let front_lines = lone_cr_as_newline(source[..front_len].to_string())
        .matches('\n')
        .count();
    let masked = lone_cr_as_newline("\n".repeat(front_lines) + body);

    let lines = LineIndex::new(&masked);
    let blocks = find_code_blocks(&masked, &lines, path, &mut diagnostics);

    // Prose is everything outside code blocks; scan it for inline expressions.
    enum Found {
        Cell(usize),
        Inline(std::ops::Range<usize>, usize),
        /// A character reference to a placeholder character: its end, and which one.
        Reference(usize, bool),
    }
    let mut found: Vec<(usize, Found)> = Vec::new();
    let mut prose_start = 0;
    let mut prose_ranges = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        prose_ranges.push(prose_start..block.range.start);
        prose_start = block.range.end;
        if block.cell.is_some() {
            found.push((block.range.start, Found::Cell(i)));
        }
    }
    prose_ranges.push(prose_start..masked.len());
    for range in prose_ranges {
        let scan = inline::scan(&masked, range);
        for f in scan.found {
            found.push((f.start, Found::Inline(f.expr_range(), f.end)));
        }
        for (r, closing) in scan.references {
            found.push((r.start, Found::Reference(r.end, closing)));
        }
        for at in scan.unclosed {
            let (line, col) = lines.line_col(&masked, at);
            diagnostics.push(
                Diagnostic::new(path, line, col, "`{{` saknar avslutande `}}`")
                    .with_hint("skriv `\\{{` om du vill visa klammerparenteserna som text"),
            );
        }
    }
    found.sort_by_key(|(start, _)| *start);

    // Build items and the template in one pass over the masked source.
    let mut items = Vec::new();
    let mut template = String::with_capacity(masked.len());
    let mut cursor = 0;
    for (start, f) in found {
        push_prose(&mut template, &masked[cursor..start]);
        match f {
            Found::Cell(i) => {
                let block = &blocks[i];
                let index = items.len();
                // The cell is known to be Some: only cells were pushed as Found::Cell.
                if let Some(cell) = block.cell.clone() {
                    items.push(Item::Cell(cell));
                }
                let after = &masked[block.range.end..];
                push_cell_placeholder(
                    &mut template,
                    &masked[block.range.clone()],
                    &block.prefix,
                    index,
                    after.split('\n').next().filter(|_| !after.is_empty()),
                );
                cursor = block.range.end;
            }
            Found::Reference(end, closing) => {
                push_escape(&mut template, closing);
                cursor = end;
            }
            Found::Inline(expr, end) => {
                let (line, col) = lines.line_col(&masked, expr.start);
                let source = masked[expr.clone()].to_string();
                if source.trim().is_empty() {
                    diagnostics.push(Diagnostic::new(path, line, col, "tomt uttryck `{{ }}`"));
                } else {
                    let lines_in = source.matches('\n').count();
                    push_inline_placeholder(&mut template, items.len(), lines_in, &masked[end..]);
                    items.push(Item::Inline(InlineExpr { source, line, col }));
                }
                cursor = end;
            }
        }
    }
    push_prose(&mut template, &masked[cursor..]);

    Notebook {
        path: path.to_path_buf(),
        front,
        items,
        template,
        diagnostics,
    }
}

/// Every code block, in order; `rhai` fences become cells.
fn find_code_blocks(
    masked: &str,
    lines: &LineIndex,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<CodeBlock> {
    let line_start = |line: usize| {
        lines
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(masked.len())
    };
    let line_end = |line: usize| lines.starts.get(line).copied().unwrap_or(masked.len());

    let options = markdown::options(false);
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, masked, &options);
    let mut blocks = Vec::new();
    for node in root.descendants() {
        let data = node.data();
        let NodeValue::CodeBlock(code) = &data.value else {
            continue;
        };
        let pos = data.sourcepos;
        let start = line_start(pos.start.line);
        let prefix_end = (start + pos.start.column.saturating_sub(1)).min(masked.len());
        let prefix = masked.get(start..prefix_end).unwrap_or("").to_string();
        let range = start..line_end(pos.end.line);
        let mut words = code
            .info
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        let cell = if code.fenced && words.next() == Some("rhai") {
            let mut flags = CellFlags::default();
            for word in words {
                match word {
                    "echo" => flags.echo = true,
                    "hide" => flags.hide = true,
                    other => diagnostics.push(
                        Diagnostic::new(path, pos.start.line, 0, format!("okänd cellflagga `{other}`"))
                            .with_hint("giltiga flaggor efter `rhai` är `echo` (visa koden) och `hide` (visa ingenting)"),
                    ),
                }
            }
            if !code.closed {
                diagnostics.push(
                    Diagnostic::new(
                        path,
                        pos.start.line,
                        0,
                        "cellen stängs aldrig: det avslutande ``` saknas",
                    )
                    .with_hint("avsluta cellen med en rad med lika många ` som den öppnades med"),
                );
            }
            Some(Cell {
                code: code.literal.clone(),
                flags,
                fence_line: pos.start.line,
                line: pos.start.line + 1,
                indent: prefix.chars().count(),
                closed: code.closed,
            })
        } else {
            None
        };
        blocks.push(CodeBlock {
            range,
            prefix,
            cell,
        });
    }
    blocks.sort_by_key(|b| b.range.start);
    blocks
}

/// Put the placeholder of inline value `index` in the template, where the expression spanned
/// `lines_in` line ends and `after` follows it. To keep the template's lines the notebook's
/// (the preview's `data-line`), up to two of those line ends are kept where a soft line break
/// changes nothing: before the placeholder when its line ends in one space after text, after
/// it when a space and a word follow. Others are dropped (the lines after are then off).
fn push_inline_placeholder(template: &mut String, index: usize, lines_in: usize, after: &str) {
    let mut missing = lines_in;
    let line = template.rsplit('\n').next().unwrap_or("");
    let plain_line = !line.contains('|') && !line.trim_start().starts_with('#');
    if missing > 0
        && plain_line
        && line.ends_with(' ')
        && line.trim_end().len() + 1 == line.len()
        && !line.trim().is_empty()
    {
        template.push('\n');
        missing -= 1;
    }
    template.push_str(&placeholder(false, index));
    let rest = after.split('\n').next().unwrap_or("");
    let word_follows = rest.starts_with([' ', '\t'])
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
    if missing > 0 && word_follows && plain_line {
        template.push('\n');
    }
}

/// A lone `\r` ends a line for comrak (and for editors), so it does here too: the line
/// numbers of cells (from comrak) and of inline values (from [`LineIndex`]) then agree.
fn lone_cr_as_newline(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // An ASCII byte replaced by another keeps the text UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Where each line of a text starts, so that an offset's line and column are found by a
/// binary search instead of a scan from the start (which made parsing quadratic in the
/// number of inline values).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// 1-based line and column (in characters) of byte `offset`, as [`line_col`] gives them.
    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map_or_else(|| line_col(text, offset).1 - 1, |s| s.chars().count());
        (line, col + 1)
    }
}

/// Put the placeholder of cell `index` in the template in place of the cell's `block` of
/// lines: a paragraph of its own (a blank line before it unless the line before is blank, one
/// after it unless the next line is blank or there is none), padded with blank lines to as
/// many lines as the block had, so the template's lines stay the notebook's (the preview's
/// `data-line` relies on it). Only an empty cell between two lines of prose needs a line more.
fn push_cell_placeholder(
    template: &mut String,
    block: &str,
    prefix: &str,
    index: usize,
    next_line: Option<&str>,
) {
    let is_blank = |line: &str| {
        line.trim_matches(|c: char| c == '>' || c.is_whitespace())
            .is_empty()
    };
    let blank = continuation_prefix(prefix);
    let previous = template
        .strip_suffix('\n')
        .map(|t| t.rsplit('\n').next().unwrap_or(""));
    let lead = previous.is_some_and(|line| !is_blank(line));
    let trail = next_line.is_some_and(|line| !is_blank(line));
    // The placeholder's line ends like the block's last line; blank lines in between.
    let last_newline = block.ends_with('\n');
    let lines = block.matches('\n').count();
    let between = lines
        .saturating_sub(usize::from(lead) + usize::from(last_newline))
        .max(usize::from(trail));
    if lead {
        template.push_str(&blank);
        template.push('\n');
    }
    template.push_str(prefix);
    template.push_str(&placeholder(true, index));
    for _ in 0..between {
        template.push('\n');
        template.push_str(&blank);
    }
    if last_newline {
        template.push('\n');
    }
}

/// The prefix for a blank line inside the same container: blockquote markers stay,
/// list markers become spaces.
fn continuation_prefix(prefix: &str) -> String {
    let kept: String = prefix
        .chars()
        .map(|c| if c == '>' { '>' } else { ' ' })
        .collect();
    kept.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::{PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};

    fn parse_str(src: &str) -> Notebook {
        parse(Path::new("test.md"), src)
    }

    #[test]
    fn cells_and_inline_in_document_order() {
        let src = "+++\ntitle = \"T\"\n+++\n# Rubrik\n\nVärde {{ a }}.\n\n```rhai echo\nlet a = 1;\n```\n\nSen {{ a + 1 }}.\n";
        let nb = parse_str(src);
        assert!(nb.diagnostics.is_empty(), "{:?}", nb.diagnostics);
        assert_eq!(nb.front.title.as_deref(), Some("T"));
        assert_eq!(nb.items.len(), 3);
        let Item::Inline(first) = &nb.items[0] else {
            panic!("inline first")
        };
        // The source keeps its leading space, so it starts in column 9.
        assert_eq!(
            (first.line, first.col, first.source.as_str()),
            (6, 9, " a ")
        );
        let Item::Cell(cell) = &nb.items[1] else {
            panic!("cell second")
        };
        assert_eq!((cell.fence_line, cell.line), (8, 9));
        assert!(cell.flags.echo && !cell.flags.hide);
        assert_eq!(cell.code, "let a = 1;\n");
        assert!(
            nb.template
                .contains(&format!("{PLACEHOLDER_OPEN}B1{PLACEHOLDER_CLOSE}"))
        );
        assert!(
            nb.template
                .contains(&format!("Sen {PLACEHOLDER_OPEN}I2{PLACEHOLDER_CLOSE}."))
        );
        assert!(!nb.template.contains("let a"));
        assert!(!nb.template.contains("title"));
    }

    #[test]
    fn other_code_blocks_are_left_alone() {
        let src = "```toml\n[x] {{ y }}\n```\n\n    indragen {{ z }}\n\nText `{{ k }}`\n";
        let nb = parse_str(src);
        assert!(nb.items.is_empty(), "{:?}", nb.items);
        assert!(nb.template.contains("{{ y }}"));
    }

    #[test]
    fn unknown_flag_and_unclosed_cell_are_reported() {
        let nb = parse_str("```rhai ekko\n1\n```\n\n```rhai\n1 + 1\n");
        let messages: Vec<_> = nb
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.clone()))
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages[0].0, 1);
        assert!(messages[0].1.contains("ekko"));
        assert_eq!(messages[1].0, 5);
        assert!(messages[1].1.contains("stängs aldrig"));
    }

    #[test]
    fn cell_inside_list_keeps_indent() {
        let nb = parse_str("- punkt\n\n  ```rhai\n  1 + 2\n  ```\n- nästa\n");
        let Item::Cell(cell) = &nb.items[0] else {
            panic!("cell")
        };
        assert_eq!(cell.indent, 2);
        assert_eq!(cell.code, "1 + 2\n");
        let html = markdown::to_html(&nb.template, false);
        assert_eq!(html.matches("<li>").count(), 2, "{html}");
    }

    #[test]
    fn cell_right_after_paragraph_is_its_own_block() {
        let nb = parse_str("Text direkt före\n```rhai\n1\n```\n");
        let html = markdown::to_html(&nb.template, false);
        assert!(
            html.contains(&format!("<p>{PLACEHOLDER_OPEN}B0{PLACEHOLDER_CLOSE}</p>")),
            "{html}"
        );
    }

    /// Found by tests/properties.rs: a cell was replaced by three template lines whatever its
    /// length, so every `data-line` after a cell of two or more lines was off in the preview.
    #[test]
    fn the_template_keeps_the_notebook_lines_after_a_cell() {
        let src = "# R\n\n```rhai\nlet a = 1;\nlet b = 2;\na + b\n```\nText efter\n\n> ```rhai\n> 1\n> ```\n> Citat\n";
        let nb = parse_str(src);
        assert_eq!(nb.template.matches('\n').count(), src.matches('\n').count());
        let html = markdown::to_html_with_lines(&nb.template, false);
        assert!(html.contains("<p data-line=\"8\">Text efter</p>"), "{html}");
        assert!(html.contains("<p data-line=\"13\">Citat</p>"), "{html}");
        assert!(
            html.contains(&format!("<p>{PLACEHOLDER_OPEN}B0{PLACEHOLDER_CLOSE}</p>")),
            "{html}"
        );
        // An empty cell between two lines of prose needs one line more to stand alone.
        let nb = parse_str("Före\n```rhai\n```\nEfter\n");
        let html = markdown::to_html(&nb.template, false);
        assert!(
            html.contains(&format!("<p>{PLACEHOLDER_OPEN}B0{PLACEHOLDER_CLOSE}</p>")),
            "{html}"
        );
    }

    /// Found by tests/properties.rs: an inline value written over two lines took one line of
    /// the template, so the preview's `data-line` after it was one short.
    #[test]
    fn an_inline_value_over_two_lines_keeps_the_lines() {
        for src in [
            "Summan {{ a +\n b }} kronor.\n\nText\n",
            "Summan {{ a +\n b }}.\n\nText\n",
            "Summan {{\n a + b\n }} kronor.\n\nText\n",
        ] {
            let nb = parse_str(src);
            assert_eq!(nb.items.len(), 1, "{src:?}");
            assert_eq!(
                nb.template.matches('\n').count(),
                src.matches('\n').count(),
                "{src:?}: {:?}",
                nb.template
            );
            let html = markdown::to_html_with_lines(&nb.template, false);
            let at = src.matches('\n').count();
            assert!(
                html.contains(&format!("<p data-line=\"{at}\">Text</p>")),
                "{html}"
            );
            assert!(html.starts_with("<p data-line=\"1\">Summan"), "{html}");
        }
    }

    /// Found by tests/properties.rs: comrak ends a line at a lone `\r`, the line index did not,
    /// so a cell after one was placed on the wrong line.
    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let nb = parse_str("Rad ett\r\r```rhai\n1\n```\rVärde {{ x }}\n");
        let Item::Cell(cell) = &nb.items[0] else {
            panic!("cell")
        };
        assert_eq!((cell.fence_line, cell.line), (3, 4));
        let Item::Inline(value) = &nb.items[1] else {
            panic!("inline")
        };
        assert_eq!((value.line, value.col), (6, 9));
    }

    /// Found by tests/properties.rs: a U+FEFF right after the front matter was dropped as if
    /// it were the file's byte-order mark, so the columns on that line were one short.
    #[test]
    fn only_the_file_start_drops_a_byte_order_mark() {
        let nb = parse_str("\u{feff}+++\ntitle = \"T\"\n+++\n\u{feff}{{ x }}\n");
        let Item::Inline(value) = &nb.items[0] else {
            panic!("inline")
        };
        assert_eq!((value.line, value.col), (4, 4));
        let nb = parse_str("\u{feff}{{ x }}\n");
        let Item::Inline(value) = &nb.items[0] else {
            panic!("inline")
        };
        assert_eq!((value.line, value.col), (1, 3));
    }

    #[test]
    fn unclosed_inline_is_reported_with_position() {
        let nb = parse_str("Rad ett\nVärdet {{ x + 1\n\nslut\n");
        assert_eq!(nb.diagnostics.len(), 1);
        assert_eq!((nb.diagnostics[0].line, nb.diagnostics[0].col), (2, 8));
    }
}
