//! Horizontal deviation bars: sorted, negative to the left of the zero line in their own
//! colour and hatched, each with its signed value; long names wrap.

use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::axes::{self, Frame};
use super::lines::darker;
use super::{Canvas, Drawn, SMALL, text_width};
use crate::chart::Chart;
use crate::chart::palette::{self, MUTED, NEGATIVE, POSITIVE, TEXT};
use crate::chart::scale::Axis;
use crate::number::format_signed;

/// Horizontal deviation bars: categories down the left, the zero line, negative bars to the
/// left in their own colour (hatched), each with its signed value.
pub fn draw(c: &Canvas, chart: &Chart) -> Drawn {
    let s = &chart.series[0];
    let shown: Vec<Option<Decimal>> = s.values.iter().map(|v| v.map(|v| chart.shown(v))).collect();
    let min = shown.iter().flatten().copied().min().unwrap_or_default();
    let max = shown.iter().flatten().copied().max().unwrap_or_default();
    let ticks = axes::ticks_for(chart, min, max)?;
    let decimals = chart.format.decimals;
    // Signs where some bars are negative (deviations); plain numbers otherwise.
    let signed = shown
        .iter()
        .flatten()
        .any(|v| v.is_sign_negative() && !v.is_zero());
    let value_text = |v: Decimal| {
        let t = if signed {
            format_signed(v, decimals)
        } else {
            crate::number::format_decimal(v, decimals)
        };
        if chart.percent {
            format!("{t}\u{a0}%")
        } else {
            t
        }
    };
    let pad = shown
        .iter()
        .flatten()
        .map(|v| text_width(&value_text(*v), SMALL))
        .max()
        .unwrap_or(0)
        + 8;
    let (w, h) = (chart.width as i32, chart.height as i32);
    let label_w = chart
        .categories
        .iter()
        .map(|l| text_width(l, SMALL))
        .max()
        .unwrap_or(0)
        .min(w / 3);
    let unit_h = if chart.unit_label.is_empty() { 0 } else { 18 };
    let target_h = if chart.target.is_some() { 18 } else { 0 };
    let frame = Frame {
        left: label_w + 16,
        right: w - 14,
        top: 10 + unit_h + target_h,
        bottom: h - 30,
    };
    let axis = Axis {
        ticks,
        from: frame.left + pad,
        to: frame.right - pad,
    };
    if unit_h > 0 {
        c.text(
            &chart.unit_label,
            (frame.right, 8),
            SMALL,
            MUTED,
            HPos::Right,
            VPos::Top,
        )?;
    }
    let tick_decimals = Some(ticks.decimals());
    for v in ticks.values() {
        let x = axis.px(v);
        c.line(&[(x, frame.top), (x, frame.bottom)], palette::GRID, 1, None)?;
        let t = axes::tick_text(chart, v, tick_decimals);
        c.text(
            &t,
            (x, frame.bottom + 6),
            SMALL,
            MUTED,
            HPos::Center,
            VPos::Top,
        )?;
    }
    axes::target_band(c, chart, &frame, &axis, false)?;
    let n = chart.categories.len();
    let band = f64::from(frame.bottom - frame.top) / n.max(1) as f64;
    let zero = axis.px(Decimal::ZERO);
    for (i, v) in shown.iter().enumerate() {
        let cy = (f64::from(frame.top) + band * (i as f64 + 0.5)).round() as i32;
        let half = (band * 0.34).round() as i32;
        // Names wider than a third of the chart go on up to three lines.
        let lines = axes::wrap(&chart.categories[i], label_w);
        let first = cy - 7 * (lines.len() as i32 - 1);
        for (k, line) in lines.iter().enumerate() {
            c.text(
                line,
                (frame.left - 8, first + 14 * k as i32),
                SMALL,
                TEXT,
                HPos::Right,
                VPos::Center,
            )?;
        }
        let Some(v) = v else { continue };
        let x = axis.px(*v);
        let negative = v.is_sign_negative();
        let color = if negative { NEGATIVE } else { POSITIVE };
        c.rect(
            (zero, cy - half),
            (if x == zero { x + 1 } else { x }, cy + half),
            color,
        )?;
        if negative {
            c.hatch((x, cy - half), (zero, cy + half))?;
        }
        let (tx, hp) = if negative {
            (x - 4, HPos::Right)
        } else {
            (x + 4, HPos::Left)
        };
        c.bold(
            &value_text(*v),
            (tx, cy),
            SMALL,
            darker(color),
            hp,
            VPos::Center,
        )?;
    }
    c.line(&[(zero, frame.top), (zero, frame.bottom)], TEXT, 1, None)?;
    axes::target_line(c, chart, &frame, &axis, false)
}
