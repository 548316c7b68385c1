//! The frame shared by charts: legend, value axis with Swedish tick labels, grid, zero line,
//! category labels, and the target line or band.

use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::{Canvas, Drawn, NORMAL, SMALL, text_width};
use crate::chart::palette::{self, GRID, MUTED, TARGET_FILL, TARGET_LINE, TEXT};
use crate::chart::scale::{Axis, Ticks};
use crate::chart::{Chart, Target};
use crate::number::{NBSP, format_decimal};

/// The plot area in pixels.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub left: i32,
    pub right: i32,
    pub top: i32,
    pub bottom: i32,
}

impl Frame {
    /// The middle of category band `i` of `n` along x.
    pub fn band_center(&self, n: usize, i: usize) -> i32 {
        let w = f64::from(self.right - self.left) / n.max(1) as f64;
        (f64::from(self.left) + w * (i as f64 + 0.5)).round() as i32
    }

    pub fn band_width(&self, n: usize) -> f64 {
        f64::from(self.right - self.left) / n.max(1) as f64
    }
}

/// A number on the value axis (already in shown units): `1 250`, `12,5 %`, `−40`.
pub fn tick_text(chart: &Chart, value: Decimal, decimals: Option<u32>) -> String {
    let text = format_decimal(value, decimals);
    if chart.percent {
        format!("{text}{NBSP}%")
    } else {
        text
    }
}

/// What a legend entry shows before its name.
#[derive(Debug, Clone, Copy)]
pub enum Swatch {
    /// A line sample with the series' dash and marker.
    Line(usize),
    /// A filled box, hatched as the bars of that style are.
    Box(usize),
}

const LEGEND_ROW: i32 = 20;

fn legend_item_width(name: &str) -> i32 {
    34 + text_width(name, NORMAL) + 16
}

/// How tall the legend is at this width.
pub fn legend_height(items: &[(String, Swatch)], width: i32) -> i32 {
    if items.is_empty() {
        return 0;
    }
    let mut rows = 1;
    let mut x = 0;
    for (name, _) in items {
        let w = legend_item_width(name);
        if x > 0 && x + w > width {
            rows += 1;
            x = 0;
        }
        x += w;
    }
    rows * LEGEND_ROW + 6
}

/// Draw the legend from `(x0, y0)`, wrapping at `width`.
pub fn legend(
    c: &Canvas,
    chart: &Chart,
    items: &[(String, Swatch)],
    x0: i32,
    y0: i32,
    width: i32,
) -> Drawn {
    let mut x = 0;
    let mut y = y0 + LEGEND_ROW / 2;
    for (name, swatch) in items {
        let w = legend_item_width(name);
        if x > 0 && x + w > width {
            x = 0;
            y += LEGEND_ROW;
        }
        let sx = x0 + x;
        match *swatch {
            Swatch::Line(style) => {
                let color = palette::color(style, &chart.colors);
                c.line(
                    &[(sx, y), (sx + 28, y)],
                    color,
                    line_width(style),
                    palette::dash(style),
                )?;
                c.marker((sx + 14, y), palette::marker(style), color)?;
            }
            Swatch::Box(style) => {
                let color = palette::color(style, &chart.colors);
                c.rect((sx + 6, y - 7), (sx + 24, y + 7), color)?;
                if let Some(rising) = palette::hatch(style) {
                    c.hatch_dir((sx + 6, y - 7), (sx + 24, y + 7), rising)?;
                }
            }
        }
        c.text(name, (sx + 34, y), NORMAL, TEXT, HPos::Left, VPos::Center)?;
        x += w;
    }
    Ok(())
}

/// The stroke width of a line style: the first (the current year) is heavier.
pub fn line_width(style: usize) -> u32 {
    if style == 0 { 3 } else { 2 }
}

/// The lowest and highest value of all series as the axis shows them (zero for none).
pub fn shown_range(chart: &Chart) -> (Decimal, Decimal) {
    let mut values = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().map(|v| chart.shown(*v)));
    let Some(first) = values.next() else {
        return (Decimal::ZERO, Decimal::ZERO);
    };
    values.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// The value range to show: the data, the target and (when asked) zero; an error when it
/// is beyond what a chart can draw.
pub fn ticks_for(chart: &Chart, mut min: Decimal, mut max: Decimal) -> Result<Ticks, String> {
    match chart.target {
        Some(Target::Line(t)) => {
            min = min.min(t);
            max = max.max(t);
        }
        Some(Target::Band(a, b)) => {
            min = min.min(a);
            max = max.max(b);
        }
        None => {}
    }
    if chart.zero {
        min = min.min(Decimal::ZERO);
        max = max.max(Decimal::ZERO);
    }
    Ticks::nice(min, max, 5).ok_or_else(|| {
        format!(
            "värdena ({} till {}) är för stora för ett diagram: det visar högst ±{}",
            crate::number::format_decimal(min, None),
            crate::number::format_decimal(max, None),
            crate::number::format_decimal(crate::chart::scale::DRAWABLE, None)
        )
    })
}

/// How the category axis is labelled.
pub enum XLabels<'a> {
    /// Every category's label under its band (wrapped, or every k-th when crowded).
    Categories(&'a [String]),
    /// Years centred under their months, a tick at each January.
    Years(&'a [crate::period::Period]),
}

/// Split a label into lines that fit `width` (at most three).
pub fn wrap(label: &str, width: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split(' ') {
        match lines.last_mut() {
            Some(last) if text_width(&format!("{last} {word}"), SMALL) <= width => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > 3 {
        let rest = lines.split_off(2).join(" ");
        lines.push(rest);
    }
    lines
}

/// Lay out and draw everything but the data of a vertical chart; returns the plot frame and
/// the value axis. `right_room` is kept free right of the plot (direct labels).
pub fn vertical(
    c: &Canvas,
    chart: &Chart,
    ticks: Ticks,
    x: XLabels,
    legend_items: &[(String, Swatch)],
    right_room: i32,
) -> Result<(Frame, Axis), String> {
    let (w, h) = (chart.width as i32, chart.height as i32);
    let decimals = Some(ticks.decimals());
    let labels: Vec<(Decimal, String)> = ticks
        .values()
        .into_iter()
        .map(|v| (v, tick_text(chart, v, decimals)))
        .collect();
    let label_w = labels
        .iter()
        .map(|(_, t)| text_width(t, SMALL))
        .max()
        .unwrap_or(0);
    let left = (label_w + 14).max(36);
    let right = w - right_room.max(14);
    let legend_h = legend_height(legend_items, w - 16);
    let unit_h = if chart.unit_label.is_empty() { 0 } else { 20 };
    let top = 10 + legend_h + unit_h + 6;
    let n = match &x {
        XLabels::Categories(c) => c.len(),
        XLabels::Years(p) => p.len(),
    };
    let band = f64::from(right - left) / n.max(1) as f64;
    let (wrapped, every) = match &x {
        XLabels::Categories(cats) => {
            let widest = cats.iter().map(|l| text_width(l, SMALL)).max().unwrap_or(0);
            let every = if f64::from(widest + 8) > band && cats.iter().all(|l| !l.contains(' ')) {
                (f64::from(widest + 8) / band).ceil().max(1.0) as usize
            } else {
                1
            };
            let lines: Vec<Vec<String>> = cats
                .iter()
                .map(|l| wrap(l, (band as i32 - 6).max(20)))
                .collect();
            (lines, every)
        }
        XLabels::Years(_) => (Vec::new(), 1),
    };
    let line_count = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1) as i32;
    let bottom = h - (12 + 15 * line_count);
    let frame = Frame {
        left,
        right,
        top,
        bottom,
    };
    let axis = Axis {
        ticks,
        from: bottom,
        to: top,
    };

    legend(c, chart, legend_items, 8, 8, w - 16)?;
    if unit_h > 0 {
        c.text(
            &chart.unit_label,
            (8, 10 + legend_h + 2),
            SMALL,
            MUTED,
            HPos::Left,
            VPos::Top,
        )?;
    }
    for (v, text) in &labels {
        let y = axis.px(*v);
        c.line(&[(left, y), (right, y)], GRID, 1, None)?;
        c.text(text, (left - 6, y), SMALL, MUTED, HPos::Right, VPos::Center)?;
    }
    target_band(c, chart, &frame, &axis, true)?;
    let zero_y = if ticks.lo <= Decimal::ZERO && ticks.hi >= Decimal::ZERO {
        axis.px(Decimal::ZERO)
    } else {
        bottom
    };
    c.line(&[(left, zero_y), (right, zero_y)], TEXT, 1, None)?;

    match x {
        XLabels::Categories(_) => {
            for (i, lines) in wrapped.iter().enumerate() {
                if i % every != 0 {
                    continue;
                }
                let cx = frame.band_center(n, i);
                for (k, line) in lines.iter().enumerate() {
                    c.text(
                        line,
                        (cx, bottom + 6 + 15 * k as i32),
                        SMALL,
                        TEXT,
                        HPos::Center,
                        VPos::Top,
                    )?;
                }
            }
        }
        XLabels::Years(periods) => {
            let mut start = 0;
            for i in 0..=periods.len() {
                let boundary =
                    i == periods.len() || (i > 0 && periods[i].year != periods[i - 1].year);
                if !boundary {
                    continue;
                }
                let x0 = (f64::from(left) + band * start as f64).round() as i32;
                let x1 = (f64::from(left) + band * i as f64).round() as i32;
                c.line(&[(x0, bottom), (x0, bottom + 6)], MUTED, 1, None)?;
                // A year shown for only a month or two gets no label (no room).
                if f64::from(x1 - x0) >= f64::from(text_width("2024", SMALL) + 4) {
                    let year = periods[start].year.to_string();
                    c.text(
                        &year,
                        ((x0 + x1) / 2, bottom + 6),
                        SMALL,
                        TEXT,
                        HPos::Center,
                        VPos::Top,
                    )?;
                }
                start = i;
            }
            c.line(&[(right, bottom), (right, bottom + 6)], MUTED, 1, None)?;
        }
    }
    Ok((frame, axis))
}

/// The target's label: `Mål 85–90 %`.
pub fn target_text(chart: &Chart) -> Option<String> {
    let (a, b) = match chart.target? {
        Target::Line(t) => (t, None),
        Target::Band(a, b) => (a, Some(b)),
    };
    let one = |v: Decimal| format_decimal(v, None);
    let unit = if chart.percent {
        format!("{NBSP}%")
    } else if chart.unit_label.is_empty() {
        String::new()
    } else {
        format!("{NBSP}{}", chart.unit_label)
    };
    Some(match b {
        None => format!("{} {}{unit}", chart.target_label, one(a)),
        Some(b) => format!("{} {}\u{2013}{}{unit}", chart.target_label, one(a), one(b)),
    })
}

/// A target band behind the data (drawn first); `vertical` charts have a horizontal band.
/// Its label comes with [`target_line`], over the data.
pub fn target_band(c: &Canvas, chart: &Chart, f: &Frame, axis: &Axis, vertical: bool) -> Drawn {
    let Some(Target::Band(a, b)) = chart.target else {
        return Ok(());
    };
    let (pa, pb) = (axis.px(a), axis.px(b));
    if vertical {
        c.rect((f.left, pa), (f.right, pb), TARGET_FILL)?;
        c.line(&[(f.left, pa), (f.right, pa)], TARGET_LINE, 1, Some((4, 3)))?;
        c.line(&[(f.left, pb), (f.right, pb)], TARGET_LINE, 1, Some((4, 3)))
    } else {
        c.rect((pa, f.top), (pb, f.bottom), TARGET_FILL)?;
        c.line(&[(pa, f.top), (pa, f.bottom)], TARGET_LINE, 1, Some((4, 3)))?;
        c.line(&[(pb, f.top), (pb, f.bottom)], TARGET_LINE, 1, Some((4, 3)))
    }
}

/// A target line over the data (drawn last), and the target's label: on white at the right
/// end of a horizontal target, so bars and lines under it do not hide it.
pub fn target_line(c: &Canvas, chart: &Chart, f: &Frame, axis: &Axis, vertical: bool) -> Drawn {
    let Some(target) = chart.target else {
        return Ok(());
    };
    let text = target_text(chart).unwrap_or_default();
    let (at, line) = match target {
        Target::Line(t) => (axis.px(t), true),
        Target::Band(a, b) if vertical => (axis.px(a).min(axis.px(b)), false),
        Target::Band(a, b) => (axis.px(a).max(axis.px(b)), false),
    };
    if vertical {
        if line {
            c.line(&[(f.left, at), (f.right, at)], TARGET_LINE, 2, Some((8, 4)))?;
        }
        let (x, y) = (f.right - 4, at - 4);
        let w = (f64::from(text_width(&text, SMALL)) * 1.1).ceil() as i32;
        c.rect((x - w - 3, y - 15), (x + 3, y), (255, 255, 255))?;
        c.bold(&text, (x, y), SMALL, TARGET_LINE, HPos::Right, VPos::Bottom)
    } else {
        if line {
            c.line(&[(at, f.top), (at, f.bottom)], TARGET_LINE, 2, Some((8, 4)))?;
        }
        c.bold(
            &text,
            (at, f.top - 4),
            SMALL,
            TARGET_LINE,
            HPos::Center,
            VPos::Bottom,
        )
    }
}
