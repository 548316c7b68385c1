//! Vertical bar charts: grouped bars (with lines over them), stacked bars and the waterfall
//! (bridge). Alternate series are hatched and values are written as signed labels where the
//! sign matters, so colour never carries the meaning alone.

use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::axes::{self, Frame, Swatch, XLabels};
use super::lines::{darker, draw_series, series_points};
use super::{Canvas, Drawn, SMALL, text_width};
use crate::chart::palette::{self, MUTED, NEGATIVE, POSITIVE, TEXT, TOTAL};
use crate::chart::scale::Axis;
use crate::chart::{Chart, Kind};
use crate::number::format_signed;

pub fn draw_vertical(c: &Canvas, chart: &Chart) -> Drawn {
    match chart.kind {
        Kind::Stacked => stacked(c, chart),
        Kind::Waterfall => waterfall(c, chart),
        _ => grouped(c, chart),
    }
}

fn legend_boxes(chart: &Chart) -> Vec<(String, Swatch)> {
    if chart.series.len() < 2 {
        return Vec::new();
    }
    chart
        .series
        .iter()
        .map(|s| {
            let swatch = if s.as_line {
                Swatch::Line(s.style)
            } else {
                Swatch::Box(s.style)
            };
            (s.name.clone(), swatch)
        })
        .collect()
}

/// The value axis over `lo..hi` (with target and zero) and the frame of a chart with a band
/// per category and the series legend.
fn category_frame(
    c: &Canvas,
    chart: &Chart,
    lo: Decimal,
    hi: Decimal,
) -> Result<(Frame, Axis), String> {
    axes::vertical(
        c,
        chart,
        axes::ticks_for(chart, lo, hi)?,
        XLabels::Categories(&chart.categories),
        &legend_boxes(chart),
        14,
    )
}

fn bar(c: &Canvas, a: (i32, i32), b: (i32, i32), style: usize, chart: &Chart) -> Drawn {
    c.rect(a, b, palette::color(style, &chart.colors))?;
    if let Some(rising) = palette::hatch(style) {
        c.hatch_dir(a, b, rising)?;
    }
    Ok(())
}

fn grouped(c: &Canvas, chart: &Chart) -> Drawn {
    let (lo, hi) = axes::shown_range(chart);
    let (frame, axis) = category_frame(c, chart, lo, hi)?;
    let n = chart.categories.len();
    let bars: Vec<&crate::chart::Series> = chart.series.iter().filter(|s| !s.as_line).collect();
    let k = bars.len().max(1);
    let group = frame.band_width(n) * 0.78;
    let bar_w = group / k as f64;
    let zero = axis.px(Decimal::ZERO);
    let decimals = chart.format.decimals;
    for (si, s) in bars.iter().enumerate() {
        for (i, v) in s.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let start = f64::from(frame.band_center(n, i)) - group / 2.0 + bar_w * si as f64;
            let (x0, x1) = (start.round() as i32 + 1, (start + bar_w).round() as i32 - 1);
            let shown = chart.shown(*v);
            let y = axis.px(shown);
            bar(c, (x0, zero), (x1.max(x0 + 1), y), s.style, chart)?;
            // One series of bars and no lines over them: each bar carries its value, where
            // it fits.
            if k == 1 && bars.len() == chart.series.len() {
                let label = axes::tick_text(chart, shown, decimals);
                if text_width(&label, SMALL) <= x1 - x0 + 8 {
                    let (ly, v) = if shown.is_sign_negative() {
                        (y + 3, VPos::Top)
                    } else {
                        (y - 3, VPos::Bottom)
                    };
                    c.text(&label, ((x0 + x1) / 2, ly), SMALL, TEXT, HPos::Center, v)?;
                }
            }
        }
    }
    for s in chart.series.iter().filter(|s| s.as_line) {
        let points = series_points(chart, &frame, &axis, s);
        draw_series(c, chart, &points, s.style, 2, true)?;
    }
    axes::target_line(c, chart, &frame, &axis, true)?;
    redraw_zero(c, &frame, &axis)
}

fn redraw_zero(c: &Canvas, frame: &Frame, axis: &Axis) -> Drawn {
    if axis.ticks.lo <= Decimal::ZERO && axis.ticks.hi >= Decimal::ZERO {
        let y = axis.px(Decimal::ZERO);
        c.line(&[(frame.left, y), (frame.right, y)], TEXT, 1, None)?;
    }
    Ok(())
}

/// Text colour that reads on `fill`: dark on light colours, white on dark.
fn on(fill: (u8, u8, u8)) -> (u8, u8, u8) {
    let lum = 0.2126 * f64::from(fill.0) + 0.7152 * f64::from(fill.1) + 0.0722 * f64::from(fill.2);
    if lum > 120.0 { TEXT } else { (255, 255, 255) }
}

fn stacked(c: &Canvas, chart: &Chart) -> Drawn {
    let n = chart.categories.len();
    let (mut pos, mut neg) = (vec![Decimal::ZERO; n], vec![Decimal::ZERO; n]);
    for s in &chart.series {
        for (i, v) in s.values.iter().enumerate() {
            match v.map(|v| chart.shown(v)) {
                Some(v) if v.is_sign_negative() => neg[i] += v,
                Some(v) => pos[i] += v,
                None => {}
            }
        }
    }
    let lo = neg.iter().copied().min().unwrap_or_default();
    let hi = pos.iter().copied().max().unwrap_or_default();
    let (frame, axis) = category_frame(c, chart, lo, hi)?;
    let bar_w = frame.band_width(n) * 0.6;
    let decimals = chart.format.decimals;
    for i in 0..n {
        let cx = f64::from(frame.band_center(n, i));
        let (x0, x1) = (
            (cx - bar_w / 2.0).round() as i32,
            (cx + bar_w / 2.0).round() as i32,
        );
        let (mut up, mut down) = (Decimal::ZERO, Decimal::ZERO);
        for s in &chart.series {
            let Some(v) = s.values[i].map(|v| chart.shown(v)) else {
                continue;
            };
            let base = if v.is_sign_negative() {
                &mut down
            } else {
                &mut up
            };
            let (y0, y1) = (axis.px(*base), axis.px(*base + v));
            *base += v;
            // One pixel of white between segments.
            let (ya, yb) = if y1 < y0 { (y0, y1 + 1) } else { (y0, y1 - 1) };
            bar(c, (x0, ya), (x1, yb), s.style, chart)?;
            let label = crate::number::format_decimal(v, decimals);
            if (y0 - y1).abs() >= 16
                && text_width(&label, SMALL) + 4 <= x1 - x0
                && palette::hatch(s.style).is_none()
            {
                let fill = palette::color(s.style, &chart.colors);
                c.text(
                    &label,
                    ((x0 + x1) / 2, (y0 + y1) / 2),
                    SMALL,
                    on(fill),
                    HPos::Center,
                    VPos::Center,
                )?;
            }
        }
        if up > Decimal::ZERO {
            let total = crate::number::format_decimal(up + down, decimals);
            c.bold(
                &total,
                ((x0 + x1) / 2, axis.px(up) - 3),
                SMALL,
                TEXT,
                HPos::Center,
                VPos::Bottom,
            )?;
        }
    }
    axes::target_line(c, chart, &frame, &axis, true)?;
    redraw_zero(c, &frame, &axis)
}

fn waterfall(c: &Canvas, chart: &Chart) -> Drawn {
    let values: Vec<Decimal> = chart.series[0]
        .values
        .iter()
        .map(|v| v.map(|v| chart.shown(v)).unwrap_or_default())
        .collect();
    let n = values.len();
    // Levels before and after each bar: the first and last bars stand on zero.
    let mut spans: Vec<(Decimal, Decimal)> = Vec::with_capacity(n);
    let mut level = Decimal::ZERO;
    for (i, v) in values.iter().enumerate() {
        if i == 0 || i == n - 1 {
            spans.push((Decimal::ZERO, *v));
            level = *v;
        } else {
            spans.push((level, level + v));
            level += v;
        }
    }
    let lo = spans.iter().map(|s| s.0.min(s.1)).min().unwrap_or_default();
    let hi = spans.iter().map(|s| s.0.max(s.1)).max().unwrap_or_default();
    // Room for the value labels beyond the outermost bars.
    let room = (hi - lo) / Decimal::from(14);
    let lo = if lo < Decimal::ZERO { lo - room } else { lo };
    let hi = if hi > Decimal::ZERO { hi + room } else { hi };
    let ticks = axes::ticks_for(chart, lo, hi)?;
    let (frame, axis) = axes::vertical(
        c,
        chart,
        ticks,
        XLabels::Categories(&chart.categories),
        &[],
        14,
    )?;
    let bar_w = frame.band_width(n) * 0.62;
    let decimals = chart.format.decimals;
    for (i, (from, to)) in spans.iter().enumerate() {
        let cx = f64::from(frame.band_center(n, i));
        let (x0, x1) = (
            (cx - bar_w / 2.0).round() as i32,
            (cx + bar_w / 2.0).round() as i32,
        );
        let total = i == 0 || i == n - 1;
        let color = if total {
            TOTAL
        } else if to >= from {
            POSITIVE
        } else {
            NEGATIVE
        };
        let (y0, y1) = (axis.px(*from), axis.px(*to));
        c.rect((x0, y0), (x1, if y0 == y1 { y1 - 1 } else { y1 }), color)?;
        if !total && to < from {
            c.hatch((x0, y0), (x1, y1))?;
        }
        let label = if total {
            crate::number::format_decimal(*to, decimals)
        } else {
            format_signed(*to - *from, decimals)
        };
        let above = axis.px((*from).max(*to));
        let below = axis.px((*from).min(*to));
        let up = if total {
            *to >= Decimal::ZERO
        } else {
            to >= from
        };
        let (y, v) = if up {
            (above - 3, VPos::Bottom)
        } else {
            (below + 3, VPos::Top)
        };
        let text_color = if total { TEXT } else { darker(color) };
        c.bold(
            &label,
            ((x0 + x1) / 2, y),
            SMALL,
            text_color,
            HPos::Center,
            v,
        )?;
        // A thin connector to the next bar at the level reached.
        if i + 1 < n {
            let next_x = (f64::from(frame.band_center(n, i + 1)) - bar_w / 2.0).round() as i32;
            c.line(&[(x1, y1), (next_x, y1)], MUTED, 1, Some((3, 2)))?;
        }
    }
    axes::target_line(c, chart, &frame, &axis, true)?;
    redraw_zero(c, &frame, &axis)
}
