//! A cell's value as something to show: numbers Swedish-formatted, strings the script wrote
//! as Markdown, strings read from data as text, lists and maps readably. Richer types
//! (tables, charts) plug in through [`RENDERERS`].

use rhai::{Dynamic, Map};

use crate::markdown;
use crate::number::{format_decimal, format_int};
use crate::period::{Date, Period};
use crate::render::html::escape;
use crate::table::{Column, Table, is_data_text};

/// What a cell or inline expression shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// `()`: nothing at all.
    Nothing,
    /// Plain text (a formatted number, a string read from data); escaped when shown.
    Text(String),
    /// Markdown written by the cell (a string value the script made).
    Markdown(String),
    /// Finished HTML from a renderer (a table, a chart). Renderers escape what they embed.
    Html(String),
}

/// Renders a value of a custom type, or says it is not that type.
/// Later modules (tables, charts) add theirs here; the first to answer wins.
pub type Renderer = fn(&Dynamic) -> Option<Output>;

/// The renderers for custom types, tried in order before the built-in rules.
pub const RENDERERS: &[Renderer] = &[render_table, render_column, render_period, render_chart];

/// A [`Table`] as an accessible HTML table.
fn render_table(value: &Dynamic) -> Option<Output> {
    let table = value.read_lock::<Table>()?;
    Some(Output::Html(crate::table::render_html(&table)))
}

/// A lone column (`t["Utfall"]`) as a one-column table.
fn render_column(value: &Dynamic) -> Option<Output> {
    let column = value.read_lock::<Column>()?;
    let table = Table::new(vec![column.clone()]).ok()?;
    Some(Output::Html(crate::table::render_html(&table)))
}

/// A chart as a `<figure>` with inline SVG and its numbers under "Visa data".
fn render_chart(value: &Dynamic) -> Option<Output> {
    let chart = value.read_lock::<crate::chart::Chart>()?;
    Some(Output::Html(crate::chart::render_html(&chart)))
}

/// A period as `februari 2024`, a date as `2024-02-29`.
fn render_period(value: &Dynamic) -> Option<Output> {
    if let Some(p) = value.read_lock::<Period>() {
        return Some(Output::Text(p.long()));
    }
    let d = value.read_lock::<Date>()?;
    Some(Output::Text(d.to_string()))
}

impl Output {
    /// Convert a script value.
    pub fn from_value(value: &Dynamic) -> Output {
        for render in RENDERERS {
            if let Some(out) = render(value) {
                return out;
            }
        }
        if value.is_unit() {
            return Output::Nothing;
        }
        if let Some(out) = string_output(value) {
            return out;
        }
        if let Some(array) = value.read_lock::<rhai::Array>() {
            if array.is_empty() {
                return Output::Nothing;
            }
            let items: String = array
                .iter()
                .map(|v| format!("<li>{}</li>", inline_html(v, false)))
                .collect();
            return Output::Html(format!("<ul class=\"value-list\">{items}</ul>"));
        }
        if let Some(map) = value.read_lock::<Map>() {
            return Output::Html(map_html(&map));
        }
        Output::Text(scalar_text(value))
    }

    /// As block HTML.
    pub fn to_html(&self, allow_html: bool) -> String {
        match self {
            Output::Nothing => String::new(),
            Output::Text(t) => format!("<p class=\"value\">{}</p>\n", escape(t)),
            Output::Markdown(md) => markdown::to_html(md, allow_html),
            Output::Html(h) => h.clone(),
        }
    }
}

/// A string value as it is shown: text when it was read from data (a cell, a column name, a
/// text file), else the script's Markdown. `None` for other values.
pub fn string_output(value: &Dynamic) -> Option<Output> {
    let s = value.clone().try_cast::<rhai::ImmutableString>()?;
    Some(if is_data_text(value) {
        Output::Text(s.to_string())
    } else {
        Output::Markdown(s.to_string())
    })
}

/// A value as HTML inside a sentence (inline expressions).
pub fn inline_html(value: &Dynamic, allow_html: bool) -> String {
    match string_output(value) {
        Some(Output::Text(t)) => return escape(&t),
        Some(Output::Markdown(md)) => return markdown::inline_to_html(&md, allow_html),
        _ => {}
    }
    if let Some(array) = value.read_lock::<rhai::Array>() {
        return array
            .iter()
            .map(|v| inline_html(v, allow_html))
            .collect::<Vec<_>>()
            .join(", ");
    }
    if let Some(map) = value.read_lock::<Map>() {
        return map
            .iter()
            .map(|(k, v)| format!("{}: {}", escape(k), inline_html(v, allow_html)))
            .collect::<Vec<_>>()
            .join("; ");
    }
    match Output::from_value(value) {
        Output::Nothing => String::new(),
        Output::Text(t) => escape(&t),
        Output::Markdown(md) => markdown::inline_to_html(&md, allow_html),
        Output::Html(h) => h,
    }
}

/// A scalar as Swedish text.
pub fn scalar_text(value: &Dynamic) -> String {
    if let Ok(i) = value.as_int() {
        // A year (or a number computed from one) is written without digit grouping.
        if crate::table::is_plain(value) {
            return if i < 0 {
                format!("{}{}", crate::number::MINUS, i.unsigned_abs())
            } else {
                i.to_string()
            };
        }
        return format_int(i);
    }
    if let Ok(d) = value.as_decimal() {
        return format_decimal(d, None);
    }
    if let Ok(b) = value.as_bool() {
        return if b { "ja" } else { "nej" }.into();
    }
    if let Ok(c) = value.as_char() {
        return c.to_string();
    }
    value.to_string()
}

fn map_html(map: &Map) -> String {
    let rows: String = map
        .iter()
        .map(|(k, v)| format!("<dt>{}</dt><dd>{}</dd>", escape(k), inline_html(v, false)))
        .collect();
    format!("<dl class=\"value-map\">{rows}</dl>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn scalars_are_swedish() {
        assert_eq!(
            Output::from_value(&Dynamic::from(1234567_i64)),
            Output::Text("1\u{a0}234\u{a0}567".into())
        );
        let d = Decimal::new(-15, 1);
        assert_eq!(
            Output::from_value(&Dynamic::from_decimal(d)),
            Output::Text("\u{2212}1,5".into())
        );
        assert_eq!(
            Output::from_value(&Dynamic::TRUE),
            Output::Text("ja".into())
        );
        assert_eq!(Output::from_value(&Dynamic::UNIT), Output::Nothing);
    }

    #[test]
    fn strings_are_markdown_and_collections_readable() {
        assert_eq!(
            Output::from_value(&Dynamic::from("**x**")),
            Output::Markdown("**x**".into())
        );
        let arr: rhai::Array = vec![Dynamic::from(1_i64), Dynamic::from("<b>")];
        let html = Output::from_value(&Dynamic::from_array(arr)).to_html(false);
        assert_eq!(
            html,
            "<ul class=\"value-list\"><li>1</li><li>&lt;b&gt;</li></ul>"
        );
        let mut map = Map::new();
        map.insert("a".into(), Dynamic::from(2_i64));
        let html = Output::from_value(&Dynamic::from_map(map)).to_html(false);
        assert_eq!(html, "<dl class=\"value-map\"><dt>a</dt><dd>2</dd></dl>");
    }
}
