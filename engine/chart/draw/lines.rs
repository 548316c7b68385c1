//! Line charts: one line per series (per year over jan–dec, or over consecutive months), a
//! dash pattern and marker per series, and each line named at its end (direct labels).

use super::axes::{self, Frame, Swatch, XLabels, line_width};
use super::{Canvas, Drawn, NORMAL, text_width};
use crate::chart::palette;
use crate::chart::scale::Axis;
use crate::chart::{Chart, Kind, Series};
use plotters::style::text_anchor::{HPos, VPos};

/// Markers are drawn when points are few enough to tell apart.
const MARKERS_UP_TO: usize = 24;

pub fn draw(c: &Canvas, chart: &Chart) -> Drawn {
    let (min, max) = axes::shown_range(chart);
    let ticks = axes::ticks_for(chart, min, max)?;
    let items: Vec<(String, Swatch)> = if chart.series.len() > 1 {
        chart
            .series
            .iter()
            .map(|s| (s.name.clone(), Swatch::Line(s.style)))
            .collect()
    } else {
        Vec::new()
    };
    // The direct labels are bold: about a fifth wider than `text_width`'s regular estimate.
    let label_room = chart
        .series
        .iter()
        .map(|s| text_width(&s.name, NORMAL) * 6 / 5)
        .max()
        .unwrap_or(0)
        + 16;
    let named = chart.series.len() > 1 || chart.by_year;
    let right_room = if named { label_room } else { 14 };
    let x = match (&chart.periods, chart.kind) {
        (Some(p), Kind::Time) => XLabels::Years(p),
        _ => XLabels::Categories(&chart.categories),
    };
    let (frame, axis) = axes::vertical(c, chart, ticks, x, &items, right_room)?;
    let n = chart.categories.len();
    // The first style (the latest year) is drawn last, on top.
    let mut order: Vec<usize> = (0..chart.series.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(chart.series[i].style));
    let mut ends: Vec<(i32, usize)> = Vec::new();
    for &si in &order {
        let s = &chart.series[si];
        let points = series_points(chart, &frame, &axis, s);
        let markers = n <= MARKERS_UP_TO;
        draw_series(c, chart, &points, s.style, line_width(s.style), markers)?;
        if let Some(last) = points.iter().rev().flatten().next() {
            ends.push((last.1, si));
        }
    }
    axes::target_line(c, chart, &frame, &axis, true)?;
    if named {
        direct_labels(
            c,
            chart,
            &mut ends,
            frame.right + 8,
            frame.top,
            frame.bottom,
        )?;
    }
    Ok(())
}

/// Where a series' values sit in the frame, one per category (`None`: no value there).
pub fn series_points(
    chart: &Chart,
    frame: &Frame,
    axis: &Axis,
    s: &Series,
) -> Vec<Option<(i32, i32)>> {
    let n = chart.categories.len();
    s.values
        .iter()
        .enumerate()
        .map(|(i, v)| v.map(|v| (frame.band_center(n, i), axis.px(chart.shown(v)))))
        .collect()
}

/// Draw a series as a line in its colour and dash, broken at gaps (categories without a
/// value); a marker on every point when `markers`, else only on points standing alone.
pub fn draw_series(
    c: &Canvas,
    chart: &Chart,
    points: &[Option<(i32, i32)>],
    style: usize,
    width: u32,
    markers: bool,
) -> Drawn {
    let color = palette::color(style, &chart.colors);
    for run in points.split(Option::is_none) {
        let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
        if run.len() > 1 {
            c.line(&run, color, width, palette::dash(style))?;
        }
        if run.len() == 1 || markers {
            for p in &run {
                c.marker(*p, palette::marker(style), color)?;
            }
        }
    }
    Ok(())
}

/// Name each line at the right edge, level with its last point, nudged apart so that no two
/// names overlap.
fn direct_labels(
    c: &Canvas,
    chart: &Chart,
    ends: &mut [(i32, usize)],
    x: i32,
    top: i32,
    bottom: i32,
) -> Drawn {
    const GAP: i32 = 15;
    ends.sort();
    let mut ys: Vec<i32> = ends.iter().map(|e| e.0).collect();
    for i in 1..ys.len() {
        if ys[i] < ys[i - 1] + GAP {
            ys[i] = ys[i - 1] + GAP;
        }
    }
    if let Some(&last) = ys.last()
        && last > bottom
    {
        let shift = last - bottom;
        for y in ys.iter_mut() {
            *y -= shift;
        }
    }
    for (k, &(_, si)) in ends.iter().enumerate() {
        let s = &chart.series[si];
        let color = palette::color(s.style, &chart.colors);
        let y = ys[k].max(top);
        c.bold(
            &s.name,
            (x, y),
            NORMAL,
            darker(color),
            HPos::Left,
            VPos::Center,
        )?;
    }
    Ok(())
}

/// Text in a series' colour, darkened until it reads on white (orange and yellow are too
/// light for text as they are).
pub fn darker(color: (u8, u8, u8)) -> (u8, u8, u8) {
    let lum = |c: (u8, u8, u8)| {
        0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2)
    };
    let mut c = color;
    while lum(c) > 100.0 {
        c = (
            (f64::from(c.0) * 0.85) as u8,
            (f64::from(c.1) * 0.85) as u8,
            (f64::from(c.2) * 0.85) as u8,
        );
    }
    c
}
