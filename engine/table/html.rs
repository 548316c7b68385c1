//! A table as accessible HTML: caption, column and row headers, numbers right-aligned with
//! U+2212, total rows set apart, deviations marked with a symbol and text (not colour alone).

use std::fmt::Write;

use rust_decimal::Decimal;

use super::format::{Unit, cell_text};
use super::{RowKind, Table, Value, Values};
use crate::number::round_to_total;
use crate::render::html::{escape, escape_into};

/// Per column, the displayed numbers of data rows when the table should add up to its
/// rounded total (largest remainder); `None` where not asked for or not applicable.
pub fn adjusted(t: &Table) -> Vec<Option<Vec<Option<Decimal>>>> {
    let has_total = t.kinds.contains(&RowKind::Total);
    t.columns
        .iter()
        .map(|c| {
            let f = c.format?;
            let d = f.decimals?;
            if !t.round_to_total || !has_total || !c.values.is_numeric() || c.ratio.is_some() {
                return None;
            }
            let rows: Vec<usize> = t.data_rows().collect();
            let shown: Vec<Decimal> = rows
                .iter()
                .map(|&r| c.values.decimal(r).unwrap_or_default() / f.divisor())
                .collect();
            // Beyond a decimal's range the values are shown as they are, unadjusted.
            let rounded = round_to_total(&shown, d)?;
            let mut out = vec![None; t.len()];
            for (k, &r) in rows.iter().enumerate() {
                // A row with its own format is shown as it is, not fitted to the total.
                if c.values.decimal(r).is_some() && t.row_format(r).is_none() {
                    out[r] = Some(rounded[k].checked_mul(f.divisor())?);
                }
            }
            Some(out)
        })
        .collect()
}

/// Render `t` as a `<div class="table-wrap">` holding the table (and a legend for marks).
pub fn render_html(t: &Table) -> String {
    let mut h = String::with_capacity(256 + t.len() * t.columns.len() * 24);
    let label = t.title.as_deref().unwrap_or("Tabell");
    // Wide tables get a landscape page in print.
    let wide = if t.columns.len() > 7 { " wide" } else { "" };
    h.push_str(&format!(
        "<div class=\"table-wrap{wide}\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n<table class=\"data-table\">\n",
        escape(label)
    ));
    if let Some(title) = &t.title {
        h.push_str(&format!("<caption>{}</caption>\n", escape(title)));
    }
    let numeric: Vec<bool> = t
        .columns
        .iter()
        .map(|c| c.values.is_numeric() && c.format.is_none_or(|f| f.unit != Unit::Text))
        .collect();
    let row_header = t
        .columns
        .first()
        .is_some_and(|c| matches!(*c.values, Values::Text(_) | Values::Period(_)));
    h.push_str("<thead><tr>");
    for (i, c) in t.columns.iter().enumerate() {
        let class = if numeric[i] { " class=\"num\"" } else { "" };
        h.push_str(&format!(
            "<th scope=\"col\"{class}>{}</th>",
            escape(&c.name)
        ));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let adjusted = adjusted(t);
    let marks = t.mark_thresholds();
    // Where a varav row writes its "varav" label.
    let varav_at: Vec<bool> = (0..t.columns.len()).map(|i| t.is_varav_column(i)).collect();
    let mut marked_any = false;
    // Cells are written straight into `h`: no string per cell beyond the formatted number.
    for r in 0..t.len() {
        let kind = t.kinds[r];
        let class = match kind {
            RowKind::Data => "",
            RowKind::Subtotal => " class=\"subtotal\"",
            RowKind::Total => " class=\"total\"",
            RowKind::Varav => " class=\"varav\"",
        };
        let _ = write!(h, "<tr{class}>");
        for (i, c) in t.columns.iter().enumerate() {
            let format = t.cell_format(i, r);
            let varav_cell = varav_at[i] && kind == RowKind::Varav;
            let mut dev = None;
            if let (Some(threshold), Some(v)) = (marks[i], c.values.decimal(r)) {
                let shown = format.map_or(v, |f| f.shown(v));
                let limit = format.map_or(threshold, |f| f.shown(threshold));
                if shown.abs() > limit.abs() && kind != RowKind::Varav {
                    marked_any = true;
                    dev = Some(if shown.is_sign_negative() {
                        ("\u{25bc}", "under", "dev-neg")
                    } else {
                        ("\u{25b2}", "över", "dev-pos")
                    });
                }
            }
            let num = match (numeric[i], varav_cell) {
                (true, _) => " class=\"num\"",
                (false, true) => " class=\"varav-cell\"",
                (false, false) => "",
            };
            let tag = if i == 0 && row_header { "th" } else { "td" };
            let scope = if tag == "th" { " scope=\"row\"" } else { "" };
            let _ = write!(h, "<{tag}{scope}{num}>");
            if let Some((_, _, cls)) = dev {
                let _ = write!(h, "<span class=\"dev {cls}\">");
            }
            if varav_cell {
                h.push_str("<span class=\"varav-label\">varav</span> ");
            }
            let mut value = c.values.get(r);
            if let (Some(adj), RowKind::Data) = (&adjusted[i], kind)
                && let Some(a) = adj[r]
            {
                value = Value::Decimal(a);
            }
            match &value {
                // An empty label cell (the other key columns of a sum row) stays blank.
                Value::Null if !numeric[i] => {}
                Value::Text(text) => escape_into(&mut h, text),
                _ => escape_into(&mut h, &cell_text(&value, format.as_ref())),
            }
            if let Some((sym, word, _)) = dev {
                let _ = write!(
                    h,
                    "\u{a0}<span aria-hidden=\"true\">{sym}</span><span class=\"visually-hidden\"> (avvikelse {word} gränsen)</span></span>"
                );
            }
            let _ = write!(h, "</{tag}>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
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
                    "\u{25b2}/\u{25bc} i kolumnen {}: avvikelse större än {} uppåt/nedåt.",
                    escape(&m.column),
                    escape(&limit)
                )
            })
            .collect();
        h.push_str(&format!(
            "<p class=\"table-note\">{}</p>\n",
            notes.join(" ")
        ));
    }
    if t.round_to_total && adjusted.iter().any(Option::is_some) {
        h.push_str("<p class=\"table-note\">Raderna är avrundade så att de summerar till den avrundade totalen.</p>\n");
    }
    h.push_str("</div>\n");
    h
}
