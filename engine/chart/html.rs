//! The chart in the page: `<figure>` with a caption, the SVG (role, `<title>`, `<desc>`) and
//! the same numbers as a table under "Visa data" (a `<details>`: works without JavaScript).

use std::borrow::Cow;

use sha2::{Digest, Sha256};

use super::describe::describe;
use super::{Chart, Kind, draw};
use crate::render::html::escape;
use crate::table::{Column, Table, Values};

/// The SVG with `role="img"`, `<title>` and `<desc>`, sized by its viewBox to the page: as
/// drawn when the chart was built (borrowed, not copied), or drawn now.
pub fn render_svg(chart: &Chart) -> Result<Cow<'_, str>, String> {
    match &chart.svg {
        Some(svg) => Ok(Cow::Borrowed(svg)),
        None => draw_svg(chart).map(Cow::Owned),
    }
}

/// Test hook: a chart whose title this names panics while it is drawn, as a bug in the
/// drawing code would. The tests use it to show that the failure is that chart's error.
pub const CHART_PANIC_ENV: &str = "RAPPORTBOK_TEST_CHART_PANIC";

/// Draw the SVG of [`render_svg`]; a failure, or a panic in the drawing code, is an error
/// in Swedish.
pub fn draw_svg(chart: &Chart) -> Result<String, String> {
    let drawn = crate::build::pool::guard(|| {
        if std::env::var_os(CHART_PANIC_ENV).is_some_and(|t| t == chart.title.as_str()) {
            panic!("{CHART_PANIC_ENV}: {}", chart.title);
        }
        svg_with_labels(chart)
    });
    match drawn {
        Ok(Ok(svg)) => Ok(svg),
        Ok(Err(e)) => Err(format!("diagrammet kunde inte ritas: {e}")),
        Err(panicked) => Err(format!(
            "diagrammet kunde inte ritas (internt fel i rapportbok: {}); visa datat som en \
             tabell så länge, och skicka notebooken till den som underhåller rapportbok",
            panicked.0
        )),
    }
}

/// The drawing wrapped with its title, description and content-hashed ids.
fn svg_with_labels(chart: &Chart) -> Result<String, String> {
    let drawn = draw::svg(chart)?;
    let body_at = drawn.find('>').map(|i| i + 1).unwrap_or(0);
    let body = drawn[body_at..].trim_start_matches('\n');
    let desc = describe(chart);
    // Ids from the content: the same chart always gets the same id, no counter or randomness.
    let mut hash = Sha256::new();
    hash.update(chart.title.as_bytes());
    hash.update(desc.as_bytes());
    hash.update(body.as_bytes());
    let id: String = hash
        .finalize()
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(format!(
        "<svg class=\"chart-svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\" \
         role=\"img\" aria-labelledby=\"chart-{id}-t\" aria-describedby=\"chart-{id}-d\" preserveAspectRatio=\"xMidYMid meet\">\n\
         <title id=\"chart-{id}-t\">{title}</title>\n<desc id=\"chart-{id}-d\">{desc}</desc>\n{body}",
        w = chart.width,
        h = chart.height,
        title = escape(&chart.title),
        desc = escape(&desc),
    ))
}

/// The whole figure as HTML; a drawing failure shows as a message in its place.
pub fn render_html(chart: &Chart) -> String {
    let svg = match render_svg(chart) {
        Ok(svg) => svg,
        Err(e) => Cow::Owned(format!("<p class=\"chart-error\">{}</p>", escape(&e))),
    };
    let source = chart
        .source
        .as_deref()
        .map(|s| format!("<p class=\"chart-source\">{}</p>\n", escape(s)))
        .unwrap_or_default();
    let table = crate::table::render_html(&data_table(chart));
    format!(
        "<figure class=\"chart chart-{slug}\">\n<figcaption>{title}</figcaption>\n{svg}{source}\
         <details class=\"chart-data\"><summary>Visa data<span class=\"visually-hidden\"> för diagrammet {title}</span></summary>\n\
         {table}</details>\n</figure>\n",
        slug = chart.kind.slug(),
        title = escape(&chart.title),
    )
}

/// A row per category, a column per series, in the chart's format; a waterfall also shows
/// the level reached after each step.
pub fn data_table(chart: &Chart) -> Table {
    let names: Vec<Option<std::sync::Arc<str>>> = chart
        .category_names
        .iter()
        .map(|n| Some(std::sync::Arc::from(n.as_str())))
        .collect();
    let mut columns = vec![Column::new(
        chart.x_name.clone(),
        Values::Text(names.into()),
    )];
    for s in &chart.series {
        let mut name = s.name.clone();
        while columns.iter().any(|c| c.name == name) {
            name.push(' ');
        }
        let mut c = Column::new(name, Values::Decimal(s.values.clone().into()));
        c.format = Some(chart.format);
        columns.push(c);
    }
    if chart.kind == Kind::Waterfall
        && let Some(s) = chart.series.first()
    {
        let n = s.values.len();
        let mut level = rust_decimal::Decimal::ZERO;
        let levels: Vec<Option<rust_decimal::Decimal>> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let v = v.unwrap_or_default();
                level = if i == 0 || i + 1 == n { v } else { level + v };
                Some(level)
            })
            .collect();
        let mut c = Column::new("Nivå efter steget", Values::Decimal(levels.into()));
        c.format = Some(chart.format);
        columns.push(c);
    }
    let mut table = Table::new(columns).unwrap_or_default();
    let unit = if chart.percent || chart.unit_label.is_empty() {
        String::new()
    } else {
        format!(", {}", chart.unit_label)
    };
    table.title = Some(format!("{}{unit}", chart.title));
    table
}
