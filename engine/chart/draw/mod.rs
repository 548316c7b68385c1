//! Drawing a [`Chart`] with plotters' SVG backend. Text is left to the browser (no fonts are
//! read); widths are estimated. Coordinates are whole pixels, so output is byte-identical.

mod axes;
mod bars;
mod hbar;
mod lines;

use std::fmt::Write;

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::DASHES;
use super::{Chart, Kind};

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), String>;
type Rgb = (u8, u8, u8);

/// The chart as an SVG document (without title and description; see `html`).
pub fn svg(chart: &Chart) -> Result<String, String> {
    let mut buf = String::new();
    {
        let root =
            SVGBackend::with_string(&mut buf, (chart.width, chart.height)).into_drawing_area();
        root.fill(&WHITE).map_err(fail)?;
        let canvas = Canvas { area: &root };
        match chart.kind {
            Kind::Line | Kind::Time => lines::draw(&canvas, chart)?,
            Kind::Bar | Kind::Stacked | Kind::Waterfall => bars::draw_vertical(&canvas, chart)?,
            Kind::HBar => hbar::draw(&canvas, chart)?,
        }
        root.present().map_err(fail)?;
    }
    Ok(apply_dashes(&buf))
}

/// The opacity that marks a line drawn with dash pattern `i` (no chart uses these otherwise).
fn dash_mark(i: usize) -> f64 {
    [0.991, 0.992, 0.993, 0.994, 0.995, 0.996, 0.997][i % DASHES.len()]
}

/// Turn the marked opacities into `stroke-dasharray`, in one pass over the SVG.
fn apply_dashes(svg: &str) -> String {
    const OPACITY: &str = "opacity=\"";
    let marks: Vec<String> = (0..DASHES.len())
        .map(|i| format!("{OPACITY}{}\"", dash_mark(i)))
        .collect();
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(OPACITY) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match marks.iter().position(|m| rest.starts_with(m.as_str())) {
            Some(i) => {
                let (on, off) = DASHES[i];
                let _ = write!(out, "stroke-dasharray=\"{on} {off}\"");
                rest = &rest[marks[i].len()..];
            }
            None => {
                out.push_str(OPACITY);
                rest = &rest[OPACITY.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn fail(e: impl std::fmt::Display) -> String {
    format!("diagrammet kunde inte ritas: {e}")
}

/// Text sizes in pixels.
pub const SMALL: f64 = 12.0;
pub const NORMAL: f64 = 13.0;

/// About how wide `text` is at `size`. The browser sets the text in the page's font, so this
/// errs wide (DejaVu Sans, the widest common fallback, is the yardstick).
pub fn text_width(text: &str, size: f64) -> i32 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            '\u{a0}' | ' ' | ',' | '.' | 'i' | 'l' | 'j' | 't' | 'f' | 'r' | '(' | ')' => 0.36,
            'm' | 'w' | 'M' | 'W' | '%' => 0.95,
            c if c.is_ascii_digit() => 0.64,
            c if c.is_uppercase() => 0.72,
            _ => 0.6,
        })
        .sum();
    (em * size).ceil() as i32
}

/// Thin wrapper over the drawing area with the few primitives charts use.
pub struct Canvas<'a, 'b> {
    area: &'a Area<'b>,
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

impl Canvas<'_, '_> {
    pub fn rect(&self, a: (i32, i32), b: (i32, i32), color: Rgb) -> Drawn {
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], rgb(color).filled()))
            .map_err(fail)
    }

    /// White diagonal hatching inside a rectangle: a pattern that tells series apart in
    /// greyscale print.
    pub fn hatch(&self, a: (i32, i32), b: (i32, i32)) -> Drawn {
        self.hatch_dir(a, b, true)
    }

    /// Hatching rising to the right (`rising`) or falling: two patterns for two series.
    pub fn hatch_dir(&self, a: (i32, i32), b: (i32, i32), rising: bool) -> Drawn {
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        if x1 - x0 < 3 || y1 - y0 < 3 {
            return Ok(());
        }
        // Lines x + y = c (rising to the right on screen), every 7 px, clipped to the rect,
        // joined into one zigzag along the edges: one element per bar, not one per line.
        let mut points: Vec<(i32, i32)> = Vec::new();
        let mut c = x0 + y0 + 4;
        let mut up = true;
        while c < x1 + y1 {
            let sx = x0.max(c - y1);
            let ex = x1.min(c - y0);
            if sx < ex {
                let (low, high) = ((sx, c - sx), (ex, c - ex));
                let (from, to) = if up { (low, high) } else { (high, low) };
                if let Some(&last) = points.last() {
                    // Round the corner when the next line starts on the other edge.
                    if up && last.0 == x0 && from.1 == y1 && from.0 != x0 {
                        points.push((x0, y1));
                    }
                    if !up && last.1 == y0 && from.0 == x1 && from.1 != y0 {
                        points.push((x1, y0));
                    }
                }
                points.push(from);
                points.push(to);
                up = !up;
            }
            c += 7;
        }
        if !rising {
            // Mirror left–right: the same lines, falling.
            for p in points.iter_mut() {
                p.0 = x0 + x1 - p.0;
            }
        }
        if points.len() > 1 {
            self.line(&points, (255, 255, 255), 2, None)?;
        }
        Ok(())
    }

    pub fn line(
        &self,
        points: &[(i32, i32)],
        color: Rgb,
        width: u32,
        dash: Option<(u32, u32)>,
    ) -> Drawn {
        let pattern = dash.and_then(|d| DASHES.iter().position(|p| *p == d));
        match (dash, pattern) {
            (None, _) => self
                .area
                .draw(&PathElement::new(
                    points.to_vec(),
                    rgb(color).stroke_width(width),
                ))
                .map_err(fail),
            // One polyline marked by its opacity, given its dash array afterwards (the SVG
            // backend writes no dash attribute): a few bytes instead of an element per dash.
            (Some(_), Some(i)) => {
                let style = RGBAColor(color.0, color.1, color.2, dash_mark(i)).stroke_width(width);
                self.area
                    .draw(&PathElement::new(points.to_vec(), style))
                    .map_err(fail)
            }
            (Some((on, off)), None) => self
                .area
                .draw(&DashedPathElement::new(
                    points.to_vec(),
                    on,
                    off,
                    rgb(color).stroke_width(width),
                ))
                .map_err(fail),
        }
    }

    pub fn marker(&self, at: (i32, i32), kind: super::palette::Marker, color: Rgb) -> Drawn {
        use super::palette::Marker;
        let (x, y) = at;
        let fill = rgb(color).filled();
        let r = match kind {
            Marker::Circle => self.area.draw(&Circle::new(at, 4, fill)),
            Marker::Triangle => self.area.draw(&Polygon::new(
                vec![(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)],
                fill,
            )),
            Marker::Square => self
                .area
                .draw(&Rectangle::new([(x - 4, y - 4), (x + 4, y + 4)], fill)),
            Marker::Cross => self
                .area
                .draw(&Cross::new(at, 4, rgb(color).stroke_width(2))),
            Marker::Diamond => self.area.draw(&Polygon::new(
                vec![(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)],
                fill,
            )),
        };
        r.map_err(fail)
    }

    /// Text anchored at `at`: `h` left/center/right, `v` top/center/bottom.
    pub fn text(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        color: Rgb,
        h: HPos,
        v: VPos,
    ) -> Drawn {
        self.styled_text(text, at, size, color, (h, v), false)
    }

    pub fn bold(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        color: Rgb,
        h: HPos,
        v: VPos,
    ) -> Drawn {
        self.styled_text(text, at, size, color, (h, v), true)
    }

    fn styled_text(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        color: Rgb,
        pos: (HPos, VPos),
        bold: bool,
    ) -> Drawn {
        let weight = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        // The SVG backend writes size / 1.24 as the font size.
        let font = FontDesc::new(FontFamily::SansSerif, size * 1.24, weight);
        let c = rgb(color);
        let style = TextStyle::from(font).color(&c).pos(Pos::new(pos.0, pos.1));
        self.area
            .draw(&Text::new(text.to_string(), at, style))
            .map_err(fail)
    }
}

pub use axes::target_text;
