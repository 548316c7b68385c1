//! What cells made, as document blocks: tables as Word tables (the page's cell texts, sum rows
//! bold), charts as pictures with alt text, text and Markdown as paragraphs, errors as boxes.

use rhai::{Dynamic, Map};

use super::chart;
use super::convert::{markdown_blocks, markdown_inlines};
use super::model::{self, Align, Block, Cell, Inline, Row, Style, bold, text};
use crate::diag::Diagnostic;
use crate::notebook::{Cell as NotebookCell, InlineExpr};
use crate::script::output::{scalar_text, string_output};
use crate::script::{ItemResult, Output, ScriptError};
use crate::table::{Column, RowKind, Table as DataTable, Unit, Value, adjusted, cell_text};

/// The blocks a cell shows: its code (echo), what it printed, its value or its error.
pub fn cell_blocks(cell: &NotebookCell, result: &ItemResult, allow_html: bool) -> Vec<Block> {
    let mut out = Vec::new();
    if cell.flags.echo {
        out.push(Block::Code(cell.code.trim_end().to_string()));
    }
    match &result.value {
        Ok(value) if !cell.flags.hide => {
            if !result.printed.is_empty() {
                out.push(Block::Code(result.printed.join("\n")));
            }
            out.extend(value_blocks(value, allow_html));
        }
        Ok(_) => {}
        Err(e) => out.push(error_box(e)),
    }
    out
}

/// A cell standing inside a sentence, as runs.
pub fn cell_runs(
    cell: &NotebookCell,
    result: &ItemResult,
    allow_html: bool,
    style: Style,
) -> Vec<Inline> {
    match &result.value {
        Ok(_) if cell.flags.hide => Vec::new(),
        Ok(value) => value_runs(value, allow_html, style),
        Err(e) => error_runs(e),
    }
}

/// An inline `{{ }}` value (or its error) as runs.
pub fn inline_runs(
    _expr: &InlineExpr,
    result: &ItemResult,
    allow_html: bool,
    style: Style,
) -> Vec<Inline> {
    match &result.value {
        Ok(value) => value_runs(value, allow_html, style),
        Err(e) => error_runs(e),
    }
}

fn error_runs(e: &ScriptError) -> Vec<Inline> {
    vec![
        bold("Fel: "),
        text(format!("{} (rad {}, kolumn {})", e.message, e.line, e.col)),
    ]
}

/// A value inside a sentence: strings as inline Markdown, lists joined with commas.
fn value_runs(value: &Dynamic, allow_html: bool, style: Style) -> Vec<Inline> {
    match string_output(value) {
        Some(Output::Text(t)) => return vec![Inline::Text(t, style)],
        Some(Output::Markdown(md)) => return markdown_inlines(&md, allow_html, style),
        _ => {}
    }
    if let Some(array) = value.read_lock::<rhai::Array>() {
        let mut out = Vec::new();
        for (i, v) in array.iter().enumerate() {
            if i > 0 {
                out.push(Inline::Text(", ".into(), style));
            }
            out.extend(value_runs(v, allow_html, style));
        }
        return out;
    }
    if let Some(map) = value.read_lock::<Map>() {
        let mut out = Vec::new();
        for (i, (k, v)) in map.iter().enumerate() {
            if i > 0 {
                out.push(Inline::Text("; ".into(), style));
            }
            out.push(Inline::Text(format!("{k}: "), style));
            out.extend(value_runs(v, allow_html, style));
        }
        return out;
    }
    match Output::from_value(value) {
        Output::Nothing => Vec::new(),
        Output::Text(t) => vec![Inline::Text(t, style)],
        Output::Markdown(md) => markdown_inlines(&md, allow_html, style),
        // A table or chart inside a sentence: its title stands in.
        Output::Html(html) => vec![Inline::Text(
            crate::render::html::text_content(&html)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
            style,
        )],
    }
}

/// A cell's value as blocks.
pub fn value_blocks(value: &Dynamic, allow_html: bool) -> Vec<Block> {
    if let Some(t) = value.read_lock::<DataTable>() {
        return table_blocks(&t);
    }
    if let Some(c) = value.read_lock::<Column>() {
        return DataTable::new(vec![c.clone()])
            .map(|t| table_blocks(&t))
            .unwrap_or_default();
    }
    if let Some(c) = value.read_lock::<crate::chart::Chart>() {
        return chart::blocks(&c);
    }
    if value.is_unit() {
        return Vec::new();
    }
    match string_output(value) {
        Some(Output::Text(t)) => return vec![Block::Paragraph(vec![text(t)])],
        Some(Output::Markdown(md)) => return markdown_blocks(&md, allow_html),
        _ => {}
    }
    if let Some(array) = value.read_lock::<rhai::Array>() {
        if array.is_empty() {
            return Vec::new();
        }
        let items = array
            .iter()
            .map(|v| {
                vec![Block::Paragraph(value_runs(
                    v,
                    allow_html,
                    Style::default(),
                ))]
            })
            .collect();
        return vec![Block::List {
            ordered: false,
            start: 1,
            items,
        }];
    }
    if let Some(map) = value.read_lock::<Map>() {
        return map
            .iter()
            .map(|(k, v)| {
                let mut runs = vec![bold(format!("{k}: "))];
                runs.extend(value_runs(v, allow_html, Style::default()));
                Block::Paragraph(runs)
            })
            .collect();
    }
    match Output::from_value(value) {
        Output::Nothing => Vec::new(),
        Output::Markdown(md) => markdown_blocks(&md, allow_html),
        _ => vec![Block::Paragraph(vec![text(scalar_text(value))])],
    }
}

/// The box that stands in for a failed cell (as on the page).
pub fn error_box(e: &ScriptError) -> Block {
    let place = match (e.line, e.col) {
        (0, _) => String::new(),
        (l, 0) => format!(" på rad {l}"),
        (l, c) => format!(" på rad {l}, kolumn {c}"),
    };
    let mut runs = vec![bold(format!("Fel i cellen{place}: ")), text(&e.message)];
    if let Some(hint) = &e.hint {
        runs.push(Inline::Break);
        runs.push(text(format!("Tips: {hint}")));
    }
    Block::Error(runs)
}

/// Problems that belong to no cell (front matter, flags, braces), in one box.
pub fn problems_box(diags: &[Diagnostic]) -> Block {
    let mut runs = vec![bold("Problem i notebooken:")];
    for d in diags {
        runs.push(Inline::Break);
        let place = if d.line > 0 {
            format!("Rad {}: ", d.line)
        } else {
            String::new()
        };
        runs.push(text(format!("{place}{}", d.message)));
        if let Some(hint) = &d.hint {
            runs.push(text(format!(" Tips: {hint}")));
        }
    }
    Block::Error(runs)
}

/// A table as a Word table with the cell texts of the page, and the page's notes under it.
pub fn table_blocks(t: &DataTable) -> Vec<Block> {
    let numeric: Vec<bool> = t
        .columns
        .iter()
        .map(|c| c.values.is_numeric() && c.format.is_none_or(|f| f.unit != Unit::Text))
        .collect();
    let align = |i: usize| {
        if numeric[i] {
            Align::Right
        } else {
            Align::Left
        }
    };
    let header = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| Cell {
            content: vec![text(&c.name)],
            align: align(i),
            indent: false,
        })
        .collect();
    let adjusted = adjusted(t);
    let marks = t.mark_thresholds();
    let varav_at: Vec<bool> = (0..t.columns.len()).map(|i| t.is_varav_column(i)).collect();
    let mut marked_any = false;
    let mut rows = Vec::with_capacity(t.len());
    for r in 0..t.len() {
        let kind = t.kinds[r];
        let cells = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                // The row's own format where it has one (as on the page).
                let format = t.cell_format(i, r);
                let varav_cell = varav_at[i] && kind == RowKind::Varav;
                let mut value = c.values.get(r);
                if let (Some(adj), RowKind::Data) = (&adjusted[i], kind)
                    && let Some(a) = adj[r]
                {
                    value = Value::Decimal(a);
                }
                let mut shown = match &value {
                    Value::Null if !numeric[i] => String::new(),
                    Value::Text(text) => text.to_string(),
                    _ => cell_text(&value, format.as_ref()),
                };
                if varav_cell {
                    shown = format!("varav {shown}");
                }
                if let (Some(threshold), Some(v)) = (marks[i], c.values.decimal(r)) {
                    let seen = format.map_or(v, |f| f.shown(v));
                    let limit = format.map_or(threshold, |f| f.shown(threshold));
                    if seen.abs() > limit.abs() && kind != RowKind::Varav {
                        marked_any = true;
                        let sym = if seen.is_sign_negative() {
                            "\u{25bc}"
                        } else {
                            "\u{25b2}"
                        };
                        shown = format!("{shown}\u{a0}{sym}");
                    }
                }
                Cell {
                    content: vec![text(shown)],
                    align: align(i),
                    indent: varav_cell,
                }
            })
            .collect();
        rows.push(Row {
            bold: matches!(kind, RowKind::Total | RowKind::Subtotal),
            cells,
        });
    }
    let mut out = vec![Block::Table(model::Table {
        caption: t.title.as_ref().map(|title| vec![text(title)]),
        header,
        rows,
    })];
    if marked_any {
        let notes: Vec<String> = t
            .marks
            .iter()
            .map(|m| {
                let f = t.column(&m.column).ok().and_then(|c| c.format);
                let limit = cell_text(&Value::Decimal(m.threshold.abs()), f.as_ref())
                    .trim_start_matches('+')
                    .to_string();
                format!(
                    "\u{25b2}/\u{25bc} i kolumnen {}: avvikelse större än {limit} uppåt/nedåt.",
                    m.column
                )
            })
            .collect();
        out.push(Block::Note(vec![text(notes.join(" "))]));
    }
    if t.round_to_total && adjusted.iter().any(Option::is_some) {
        out.push(Block::Note(vec![text(
            "Raderna är avrundade så att de summerar till den avrundade totalen.",
        )]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "**fet** <b>x</b> [länk](javascript:alert(1))";

    #[test]
    fn text_read_from_data_is_one_plain_run_and_the_scripts_own_text_is_markdown() {
        let data = crate::table::data_text(HOSTILE);
        for allow_html in [false, true] {
            assert_eq!(
                value_blocks(&data, allow_html),
                [Block::Paragraph(vec![text(HOSTILE)])]
            );
            let list = Dynamic::from_array(vec![data.clone()]);
            let Block::List { items, .. } = &value_blocks(&list, allow_html)[0] else {
                panic!("a list");
            };
            assert_eq!(
                items[0],
                [Block::Paragraph(vec![Inline::Text(
                    HOSTILE.into(),
                    Style::default()
                )])]
            );
        }
        let own = value_blocks(&Dynamic::from("**fet**"), false);
        assert_eq!(own, [Block::Paragraph(vec![bold("fet")])]);
    }
}
