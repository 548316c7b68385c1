//! The SVG's `<desc>`: what the chart shows in words, with its range, highest and lowest
//! values, the latest value and how it stands against the target.

use rust_decimal::Decimal;

use super::{Chart, Kind, Target};
use crate::number::format_signed;

/// A Swedish description of `chart` for screen readers.
pub fn describe(chart: &Chart) -> String {
    let mut parts: Vec<String> = vec![format!("{}: {}.", chart.kind.swedish(), chart.title)];
    parts.push(layout(chart));
    let as_lines: Vec<String> = chart
        .series
        .iter()
        .filter(|s| s.as_line)
        .map(|s| s.name.clone())
        .collect();
    if !as_lines.is_empty() {
        parts.push(format!(
            "{} visas som linje över staplarna.",
            list(&as_lines)
        ));
    }
    if chart.kind == Kind::Waterfall {
        parts.push(bridge(chart));
    } else if let Some(extremes) = extremes(chart) {
        parts.push(extremes);
    }
    if let Some(latest) = latest(chart) {
        parts.push(latest);
    }
    if let Some(note) = &chart.description {
        parts.push(note.trim().to_string());
    }
    parts.join(" ")
}

fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] if names.len() <= 12 => format!("{} och {last}", init.join(", ")),
        _ => format!(
            "{} olika, från {} till {}",
            names.len(),
            names[0],
            names[names.len() - 1]
        ),
    }
}

fn layout(chart: &Chart) -> String {
    let series: Vec<String> = chart.series.iter().map(|s| s.name.clone()).collect();
    let first = chart.category_names.first().cloned().unwrap_or_default();
    let last = chart.category_names.last().cloned().unwrap_or_default();
    let per = if series.len() == 1 && chart.by_year {
        format!(" en linje för {}.", series[0])
    } else if series.len() > 1 {
        let noun = match chart.kind {
            Kind::Line | Kind::Time => "en linje",
            Kind::Stacked => "en del av stapeln",
            _ => "en stapel",
        };
        format!(" {noun} var för {}.", list(&series))
    } else {
        ".".to_string()
    };
    match chart.kind {
        Kind::Time => format!("Månad för månad från {first} till {last},{per}"),
        Kind::Line if chart.by_year => format!("Månaderna {first} till {last},{per}"),
        Kind::Line => format!("{} från {first} till {last},{per}", chart.x_name),
        Kind::HBar => format!(
            "{} staplar, sorterade: {}.",
            chart.categories.len(),
            list(&chart.category_names)
        ),
        Kind::Waterfall => format!("Från {first} till {last}."),
        _ => format!("{}: {}{per}", chart.x_name, list(&chart.category_names)),
    }
}

/// Where a value sits: `(2024, mars)` or `(Kirurgi)`.
fn at(chart: &Chart, series: usize, index: usize) -> String {
    let cat = &chart.category_names[index];
    if chart.series.len() > 1 {
        format!("{cat}, {}", chart.series[series].name)
    } else {
        cat.clone()
    }
}

fn extremes(chart: &Chart) -> Option<String> {
    let mut all: Vec<(Decimal, usize, usize)> = Vec::new();
    for (si, s) in chart.series.iter().enumerate() {
        for (i, v) in s.values.iter().enumerate() {
            if let Some(v) = v {
                all.push((*v, si, i));
            }
        }
    }
    // The first of equal values wins, so the text is the same every time.
    let max = all
        .iter()
        .fold(None::<&(Decimal, usize, usize)>, |m, x| match m {
            Some(m) if m.0 >= x.0 => Some(m),
            _ => Some(x),
        })?;
    let min = all
        .iter()
        .fold(None::<&(Decimal, usize, usize)>, |m, x| match m {
            Some(m) if m.0 <= x.0 => Some(m),
            _ => Some(x),
        })?;
    Some(format!(
        "Högst {} ({}), lägst {} ({}).",
        chart.value_text(max.0),
        at(chart, max.1, max.2),
        chart.value_text(min.0),
        at(chart, min.1, min.2)
    ))
}

fn bridge(chart: &Chart) -> String {
    let s = &chart.series[0];
    let n = s.values.len();
    let start = s.values.first().copied().flatten().unwrap_or_default();
    let end = s.values.last().copied().flatten().unwrap_or_default();
    let mut steps: Vec<String> = Vec::new();
    for i in 1..n.saturating_sub(1) {
        if let Some(v) = s.values[i] {
            let text = format_signed(chart.shown(v), chart.format.decimals);
            steps.push(format!("{} {text}", chart.category_names[i]));
        }
    }
    format!(
        "{} {}, förändringar: {}; {} {}.",
        chart.category_names[0],
        chart.value_text(start),
        steps.join(", "),
        chart.category_names[n - 1],
        chart.value_text(end)
    )
}

/// The last value of the leading series (the latest year) and its place against the target.
fn latest(chart: &Chart) -> Option<String> {
    if !matches!(chart.kind, Kind::Line | Kind::Time | Kind::Bar) || !chart.in_time {
        return super::draw::target_text(chart).map(|goal| format!("{goal}."));
    }
    let lead = chart.series.iter().position(|s| s.style == 0).unwrap_or(0);
    let s = chart.series.get(lead)?;
    let (i, v) = s
        .values
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, v)| v.map(|v| (i, v)))?;
    let mut text = format!(
        "Senaste värde {} ({}).",
        chart.value_text(v),
        at(chart, lead, i)
    );
    if let Some(target) = chart.target {
        let shown = chart.shown(v);
        let place = match target {
            Target::Line(t) if shown < t => "under målet",
            Target::Line(t) if shown > t => "över målet",
            Target::Line(_) => "på målet",
            Target::Band(a, _) if shown < a => "under målintervallet",
            Target::Band(_, b) if shown > b => "över målintervallet",
            Target::Band(..) => "inom målintervallet",
        };
        let goal = super::draw::target_text(chart).unwrap_or_default();
        text = format!("{} {goal}: senaste värdet ligger {place}.", text);
    }
    Some(text)
}
